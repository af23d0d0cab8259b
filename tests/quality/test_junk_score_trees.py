"""The junk score's tree model (quality.junk_score.TreeJunkModel, trained by ``train_junk_score --model gbdt``): the
NumPy evaluator computes what the exported trees say, equals sklearn's own prediction, is deterministic, and the
loader reads both model kinds of ``junk_score.json``."""

from __future__ import annotations

import json
import math
import shlex

import numpy as np
import pytest

from corpusgov.quality.eval import train_junk_score
from corpusgov.quality.eval.junk_gbdt import TreeParams, fit_trees, tree_tables
from corpusgov.quality.junk_score import MODEL_PATH, JunkModel, TreeJunkModel, model_from_json

# Tree 0: a > 0.5 ? (b > 2 ? 3 : 2) : -1 (a leaf above the bottom); tree 1: a stump on b > 1: 0.5 / -0.5.
TREES = [
    {"feature": [0, -1, 1, -1, -1], "threshold": [0.5, 0.0, 2.0, 0.0, 0.0], "left": [1, -1, 3, -1, -1],
     "right": [2, -1, 4, -1, -1], "value": [0.0, -1.0, 0.0, 2.0, 3.0]},
    {"feature": [1, -1, -1], "threshold": [1.0, 0.0, 0.0], "left": [1, -1, -1], "right": [2, -1, -1],
     "value": [0.0, -0.5, 0.5]},
]


def _sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-z))


def test_trees_add_the_leaf_each_document_reaches() -> None:
    m = TreeJunkModel(["a", "b"], TREES, base=0.25)
    assert m.depth == 2
    # a 0.7 > 0.5, b 3 > 2: 3.0; b > 1: +0.5; base 0.25
    assert m.score({"a": 0.7, "b": 3.0}) == pytest.approx(_sigmoid(3.75))
    # a 0.5 is not above 0.5: the short branch's leaf -1.0; b 1.5 > 1: +0.5
    assert m.score({"a": 0.5, "b": 1.5}) == pytest.approx(_sigmoid(-0.25))
    # a 0.9, b 2 (not above 2): 2.0; b 2 > 1: +0.5; a missing signal counts as 0
    assert m.score({"a": 0.9, "b": 2.0}) == pytest.approx(_sigmoid(2.75))
    assert m.score({"b": 0.0}) == pytest.approx(_sigmoid(-1.25))
    assert np.allclose(m.logit(np.array([[0.7, 3.0], [0.5, 1.5], [0.9, 2.0], [0.0, 0.0]])), [3.75, -0.25, 2.75, -1.25])


def test_group_offset_and_bad_tables() -> None:
    m = TreeJunkModel(["spaced"], [{"feature": [-1], "threshold": [0.0], "left": [-1], "right": [-1], "value": [0.0]}],
                      base=0.0, offsets=(1.5, -0.5))
    assert m.score({"spaced": 0.0}) == pytest.approx(_sigmoid(1.5))
    assert m.score({"spaced": 1.0}) == pytest.approx(_sigmoid(-0.5))
    with pytest.raises(ValueError):
        TreeJunkModel(["a"], TREES, base=0.0)  # tree 0 splits on feature 1, the model has one feature


def _data(n: int = 1500) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(3)
    x = rng.random((n, 5))
    x[:, 4] = np.round(x[:, 4] * 4)  # a few distinct values, as sentinel-heavy signals have
    y = (((x[:, 0] > 0.6) & (x[:, 1] < 0.4)) | (x[:, 4] == 4)).astype(float)  # an interaction and a step
    return x, y


@pytest.mark.parametrize("depth", [2, 3, 4])
def test_exported_trees_predict_what_sklearn_predicts(depth: int) -> None:
    from sklearn.ensemble import HistGradientBoostingClassifier

    x, y = _data()
    p = TreeParams(trees=25, depth=depth, min_leaf=20, l2=1.0, rate=0.2, max_bins=32)
    m = fit_trees(x, y, np.ones(len(y)), list("abcde"), p)
    clf = HistGradientBoostingClassifier(learning_rate=p.rate, max_iter=p.trees, max_depth=p.depth,
                                         min_samples_leaf=p.min_leaf, l2_regularization=p.l2, max_bins=p.max_bins,
                                         early_stopping=False, random_state=0).fit(x, y.astype(int))
    z = m.logit(x)
    assert np.abs(z - clf.decision_function(x)).max() < 1e-6  # leaf values are stored to 8 decimals
    assert np.mean((z > 0) == (y == 1)) > 0.95  # it learnt the interaction
    for row, zr in zip(x[:100], z[:100], strict=True):  # the one-document path (code table up to depth 3) agrees
        assert m.score(dict(zip("abcde", row, strict=True))) == pytest.approx(_sigmoid(zr), abs=1e-12)


def test_fit_is_deterministic_and_the_json_round_trips() -> None:
    x, y = _data()
    w = np.where(y == 1, 2.0, 1.0)
    p = TreeParams(trees=20, depth=3, min_leaf=20)
    a = json.dumps(tree_tables(fit_trees(x, y, w, list("abcde"), p)))
    b = json.dumps(tree_tables(fit_trees(x, y, w, list("abcde"), p)))
    assert a == b
    m = model_from_json(json.loads(a))
    assert isinstance(m, TreeJunkModel)
    assert np.array_equal(m.logit(x), fit_trees(x, y, w, list("abcde"), p).logit(x))


def test_loader_reads_both_model_kinds_and_refuses_unknown_ones() -> None:
    shipped = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    kind = shipped.get("model", "binned_logistic")
    assert isinstance(model_from_json(shipped), TreeJunkModel if kind == "gbdt" else JunkModel)
    logistic = {"features": ["a"], "edges": [[0.5]], "weights": [[-1.0, 1.0]], "bias": 0.0}
    assert isinstance(model_from_json(logistic), JunkModel)  # schema 1: no schema key
    assert isinstance(model_from_json(logistic | {"schema": 2, "model": "binned_logistic"}), JunkModel)
    trees = {"schema": 2, "model": "gbdt", "features": ["a", "b"], "base": 0.0, "trees": TREES}
    assert isinstance(model_from_json(trees), TreeJunkModel)
    with pytest.raises(ValueError):
        model_from_json(trees | {"schema": 3})
    with pytest.raises(ValueError):
        model_from_json(trees | {"model": "forest"})


def test_gbdt_trainer_command_parses_back_to_itself() -> None:
    cmd = ("python -m corpusgov.quality.eval.train_junk_score --bins 12 --l2 1.0 --with-old --declared-readmes "
           "--model gbdt --trees 80 --depth 2 --min-leaf 60 --tree-l2 3.0 --rate 0.05 --max-bins 32 --max-features 0.5")
    args = train_junk_score.parser().parse_args(shlex.split(cmd)[3:])
    assert train_junk_score.trainer_command(args) == cmd
    assert (args.model, args.trees, args.depth, args.min_leaf, args.tree_l2) == ("gbdt", 80, 2, 60, 3.0)
    default = train_junk_score.parser().parse_args(["--with-old"])
    assert default.model == "binned_logistic" and "--model" not in train_junk_score.trainer_command(default)


def test_docs_guard_option_round_trips_and_adds_its_cap() -> None:
    """``--docs-guard N`` is written back into the trainer command and brings its own false-drop cap (overridable)."""
    cmd = ("python -m corpusgov.quality.eval.train_junk_score --bins 12 --l2 1.0 --with-old --declared-readmes "
           "--docs-guard 500 --caps-beyond-rules --cap good_docs_guard=0.02")
    args = train_junk_score.parser().parse_args(shlex.split(cmd)[3:])
    assert train_junk_score.trainer_command(args) == cmd
    assert train_junk_score.caps_for(args)[train_junk_score.DOCS_GUARD_SET] == 0.02
    plain = train_junk_score.parser().parse_args(["--with-old", "--caps-beyond-rules"])
    assert train_junk_score.DOCS_GUARD_SET not in train_junk_score.caps_for(plain)
    assert "--docs-guard" not in train_junk_score.trainer_command(plain)
