"""The learned junk score (quality.junk_score): the binned linear model computes what its tables say, the shipped
model loads and its threshold is the policy's, and it separates junk from good text on examples written here."""

from __future__ import annotations

import json
import math
import shlex

import numpy as np
import pytest

from corpusgov.config import load_policy
from corpusgov.quality.eval import train_junk_score
from corpusgov.quality.eval.real_text_eval import POLICY
from corpusgov.quality.junk_score import (
    MODEL_PATH,
    GroupedJunkModel,
    JunkModel,
    TreeJunkModel,
    junk_score,
    load_model,
)
from corpusgov.quality.signal_names import SIGNAL_NAMES
from corpusgov.quality.signals import compute_signals, default_quality_rules


def test_binned_model_adds_the_weight_of_each_value_bin() -> None:
    m = JunkModel(["a", "b"], [[0.5], [1.0, 2.0]], [[-1.0, 1.0], [0.0, 0.5, 2.0]], bias=-0.5)
    # a = 0.7 > 0.5 -> bin 1 (+1.0); b = 1.5 -> bin 1 (+0.5); bias -0.5: z = 1.0
    assert m.score({"a": 0.7, "b": 1.5}) == pytest.approx(1 / (1 + math.exp(-1.0)))
    # a = 0.5 is not above its edge -> bin 0 (-1.0); b = 3 -> bin 2 (+2.0): z = 0.5
    assert m.score({"a": 0.5, "b": 3.0}) == pytest.approx(1 / (1 + math.exp(-0.5)))
    # vectorised over rows gives the same logits
    x = np.array([[0.7, 1.5], [0.5, 3.0]])
    assert np.allclose(m.logit(x), [1.0, 0.5])


def test_one_document_path_equals_the_vectorised_one() -> None:
    shipped = load_model()
    if isinstance(shipped, TreeJunkModel):
        pytest.skip("a tree model: test_junk_score_trees.py checks its two paths")
    models = shipped.models if isinstance(shipped, GroupedJunkModel) else {0: shipped}
    rng = np.random.default_rng(0)
    for g, m in models.items():
        x = np.array([[float(e[rng.integers(len(e))]) if len(e) else 0.0 for e in m.edges.tolist()] for _ in range(50)])
        x = np.where(np.isfinite(x), x, 0.0) + rng.choice([-1e-9, 0.0, 1e-9], size=x.shape)  # on and around edges
        for row, z in zip(x, m.logit(x), strict=True):
            sig = dict(zip(m.features, row, strict=True))
            z += m.offsets[int(sig.get("spaced", 0.0) >= 0.5)]  # the script group's offset: score adds it, logit does not
            assert m.score(sig) == pytest.approx(1 / (1 + math.exp(-z)), abs=1e-12)
            if isinstance(shipped, GroupedJunkModel):  # the grouped model routes by its signal
                sig[shipped.by] = shipped.at if g else shipped.at - 1.0
                assert shipped.score(sig) == m.score(sig)


def test_group_offset_moves_only_its_script_group() -> None:
    m = JunkModel(["spaced"], [[0.5]], [[0.0, 0.0]], bias=0.0, offsets=(1.5, -0.5))
    assert m.score({"spaced": 0.0}) == pytest.approx(1 / (1 + math.exp(-1.5)))
    assert m.score({"spaced": 1.0}) == pytest.approx(1 / (1 + math.exp(0.5)))
    assert JunkModel(["spaced"], [[0.5]], [[0.0, 0.0]], bias=0.0).score({"spaced": 0.0}) == 0.5


def test_grouped_model_routes_by_its_signal() -> None:
    low = JunkModel(["spaced"], [[]], [[-5.0]], 0.0)
    high = JunkModel(["spaced"], [[]], [[5.0]], 0.0)
    g = GroupedJunkModel("spaced", 0.5, {0: low, 1: high})
    assert g.score({"spaced": 0.0}) < 0.01 and g.score({"spaced": 1.0}) > 0.99 and g.features == ("spaced",)
    with pytest.raises(ValueError):
        GroupedJunkModel("spaced", 0.5, {0: low})


def test_model_tables_must_agree() -> None:
    with pytest.raises(ValueError):
        JunkModel(["a"], [[0.5]], [[1.0]], 0.0)  # one edge needs two weights


def test_shipped_model_reads_only_known_signals_and_its_threshold_is_the_policys() -> None:
    model = load_model()
    assert set(model.features) <= set(SIGNAL_NAMES) and "junk_score" not in model.features
    meta = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert 0.0 < meta["threshold"] < 1.0
    rule = load_policy(str(POLICY)).quality.rules["junk_score"]
    assert (rule.bound, rule.action, rule.threshold) == ("max", "drop", meta["threshold"])
    assert default_quality_rules()["junk_score"]["threshold"] == meta["threshold"]


GOOD_ZH = ("流水线每次只读取一个分片，并把每篇文档的处理结果写入一张表。如果某个工作进程失败，运行器会在另一个进程上重新执行"
           "这一批数据，因此同一份输入在任何机器上都得到同一张表。")
GOOD_EN = ("The runner reads every shard once and writes the decision for each document to a table. When a worker "
           "fails, the bundle is started again on another machine, and because nothing depends on the number of "
           "workers, a rerun gives exactly the same table as the first run did.")


def test_score_is_low_on_plain_prose_and_high_on_machine_residue() -> None:
    t = json.loads(MODEL_PATH.read_text(encoding="utf-8"))["threshold"]
    assert compute_signals(GOOD_ZH, "zh-Hans")["junk_score"] <= t
    assert compute_signals(GOOD_EN, "en")["junk_score"] <= t
    soup = "，".join("表分片程运据进写入机失败同" * 3)
    headers = "\n".join(f"X-Id-{i}: {i * 7919:08x}; q={i % 3}" for i in range(20))
    for junk, lang in ((soup, "zh-Hans"), (headers, "en")):
        assert compute_signals(junk, lang)["junk_score"] > t, junk[:30]


def test_score_is_a_probability_and_deterministic() -> None:
    sig = compute_signals(GOOD_EN, "en")
    assert 0.0 <= sig["junk_score"] <= 1.0
    assert junk_score(sig) == junk_score(dict(sig)) == sig["junk_score"]


def test_typicality_counts_the_tail_levels_a_document_lies_beyond() -> None:
    from corpusgov.quality.junk_score import TypicalityCheck

    # two features, two tail levels a side; group 1 (spaced) has other quantiles than group 0
    low = {0: [[1.0, 0.5], [0.0, -1.0]], 1: [[10.0, 5.0], [0.0, -1.0]]}
    high = {0: [[2.0, 3.0], [1.0, 2.0]], 1: [[20.0, 30.0], [1.0, 2.0]]}
    t = TypicalityCheck(["a", "b"], "spaced", 0.5, low, high, limit=2)
    assert t.atypicality({"a": 1.5, "b": 0.5, "spaced": 0.0}) == 0  # inside every band
    assert t.atypicality({"a": 0.7, "b": 0.5, "spaced": 0.0}) == 1  # below the first low level only
    assert t.atypicality({"a": 0.0, "b": 5.0, "spaced": 0.0}) == 4  # both levels low on a, both high on b
    assert t.atypicality({"a": 0.0, "b": 0.5, "spaced": 1.0}) == 2  # the spaced group's quantiles
    assert t.atypicality({"b": 0.5}) == 2  # a missing signal counts as 0 (group 0: below both levels of a)
    with pytest.raises(ValueError):
        TypicalityCheck(["a"], "spaced", 0.5, low, high, limit=2)  # two rows for one feature


def test_shipped_typicality_keeps_plain_prose_and_reads_only_known_signals() -> None:
    from corpusgov.quality.junk_score import load_typicality

    typ = load_typicality()
    if typ is None:
        pytest.skip("the shipped model has no typicality check")
    assert set(typ.features) <= set(SIGNAL_NAMES) and "junk_score" not in typ.features
    assert typ.atypicality(compute_signals(GOOD_ZH, "zh-Hans")) <= typ.limit
    assert typ.atypicality(compute_signals(GOOD_EN, "en")) <= typ.limit


def test_shipped_trainer_command_is_one_the_trainer_accepts_and_writes_back() -> None:
    """The JSON's ``trainer`` is the command the lead re-runs after merging: it must parse with today's options, give
    back the same string, train with the caps the JSON says and read only machine-independent README prose (a renamed
    option, a changed default cap or a lost flag fails here, without retraining)."""
    meta = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    argv = shlex.split(meta["trainer"])
    assert argv[:3] == ["python", "-m", "corpusgov.quality.eval.train_junk_score"]
    args = train_junk_score.parser().parse_args(argv[3:])
    assert train_junk_score.trainer_command(args) == meta["trainer"]
    assert train_junk_score.caps_for(args) == meta["caps"]
    assert (args.bins, args.l2, args.caps_beyond_rules) == (meta["bins"], meta["l2"], meta["caps_beyond_rules"])
    assert args.declared_readmes and not args.dry_run and args.out == MODEL_PATH
    assert set(meta["rules_alone"]) == set(meta["caps"])
