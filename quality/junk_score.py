"""A learned junk score: one logistic model over the quality signals every document already has.

Why: each hand-written junk rule reads one signal against one threshold, so junk that is only a little odd on
many signals at once (well-formed pieces put together wrongly) passes every rule. A linear model over all the
signals weighs that evidence together. Each signal is cut into a few bins (edges at training quantiles) with one
weight per bin, so a signal may count non-monotonically (e.g. sentinel values such as ``han_pair_pmi = 9`` for
text without Han pairs) while the model stays a sum of table lookups: NumPy only, no model download, a few
microseconds per document. The weights, bin edges and the decision threshold live in ``junk_score.json``
beside this module, written by ``quality/eval/train_junk_score.py``; where they come from and how the threshold
was chosen is in ``junk_score_PROVENANCE.md``. The same file may instead hold gradient-boosted trees over the same
signals (``"model": "gbdt"``, schema 2: ``train_junk_score --model gbdt``), evaluated here with NumPy only.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

MODEL_PATH = Path(__file__).with_name("junk_score.json")


class JunkModel:
    """Binned logistic model: P(junk) = sigmoid(bias + sum over features of weight[feature, bin(value)])."""

    def __init__(self, features: list[str], edges: list[list[float]], weights: list[list[float]], bias: float,
                 offsets: tuple[float, float] = (0.0, 0.0)):
        if not (len(features) == len(edges) == len(weights)):
            raise ValueError("junk model: features, edges and weights differ in length")
        width = max((len(e) for e in edges), default=0)
        for e, w in zip(edges, weights, strict=True):
            if len(w) != len(e) + 1:
                raise ValueError("junk model: each feature needs one weight more than it has bin edges")
        self.features = tuple(features)
        # Edges padded with +inf (never exceeded) so all features bin in one vectorised comparison.
        self.edges = np.full((len(features), width), np.inf)
        self.weights = np.zeros((len(features), width + 1))
        for i, (e, w) in enumerate(zip(edges, weights, strict=True)):
            self.edges[i, : len(e)] = e
            self.weights[i, : len(w)] = w
        self.flat = self.weights.ravel()
        self.columns = np.arange(len(features)) * (width + 1)  # first design column of every feature
        self.bias = float(bias)
        # For one document: logit = base + sum of the weight steps of every edge the value exceeds (one compare
        # and one dot product; a third of the time of the bin look-up).
        self._base = self.bias + float(self.weights[:, 0].sum())
        steps = np.diff(self.weights, axis=1)
        self._steps = np.where(np.isfinite(self.edges), steps, 0.0).ravel()
        self._zeros = (0.0,) * len(features)  # defaults for map(signals.get, ...): a missing signal counts as 0
        # Added to the logit of unspaced (0) / spaced (1) text (``spaced >= 0.5``): one threshold in the policy, but
        # each script group's false-drop caps bind separately (README prose no longer sets Chinese text's threshold).
        self.offsets = (float(offsets[0]), float(offsets[1]))

    def bins(self, x: np.ndarray) -> np.ndarray:
        """Bin index of every feature value (rows of ``x`` are documents, or one 1-D document)."""
        return (x[..., None] > self.edges).sum(-1)

    def logit(self, x: np.ndarray) -> np.ndarray:
        """Logit without the script-group offset (``score`` adds it)."""
        return self.bias + self.flat[self.columns + self.bins(x)].sum(-1)

    def score(self, signals: Mapping[str, float]) -> float:
        """P(junk) for one document's signals (a name missing from ``signals`` counts as 0)."""
        x = np.fromiter(map(signals.get, self.features, self._zeros), dtype=np.float64, count=len(self.features))
        z = self._base + float(np.dot((x[:, None] > self.edges).ravel(), self._steps))
        z += self.offsets[int(signals.get("spaced", 0.0) >= 0.5)]
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0


class TreeJunkModel:
    """Gradient-boosted trees over the same signals: P(junk) = sigmoid(base + sum over trees of the leaf a document
    reaches). Trees see interactions (a signal that is odd for verse but not for prose) that the binned model's sum
    cannot form. Stored as plain node tables (feature, threshold, children, leaf value; no pickle) and evaluated with
    NumPy only: every tree is padded to a complete tree of the deepest tree's depth (a short branch's leaf repeats
    under a node whose threshold is +inf, so it always goes left), so all trees descend one level per vectorised step.
    """

    def __init__(self, features: list[str], trees: list[Mapping[str, list[Any]]], base: float,
                 offsets: tuple[float, float] = (0.0, 0.0)):
        self.features = tuple(features)
        self.trees = [{k: list(v) for k, v in t.items()} for t in trees]  # as stored (written back by the trainer)
        self.base = float(base)
        self.offsets = (float(offsets[0]), float(offsets[1]))
        self.depth = max((_tree_depth(t) for t in trees), default=0)
        inner, leaves = 2**self.depth - 1, 2**self.depth
        self.feat = np.zeros((len(trees), inner), dtype=np.intp)
        self.thr = np.full((len(trees), inner), np.inf)
        self.leaf = np.zeros((len(trees), leaves))
        for i, t in enumerate(trees):
            _pad(t, 0, 0, self.depth, len(self.features), self.feat[i], self.thr[i], self.leaf[i])
        # Flat copies: one 1-D take per level instead of 2-D fancy indexing (half the per-document time).
        self._feat, self._thr, self._leaf = self.feat.ravel(), self.thr.ravel(), self.leaf.ravel()
        self._tree_inner = np.arange(len(trees)) * inner
        self._tree_leaf = np.arange(len(trees)) * leaves
        self._zeros = (0.0,) * len(features)
        # Trees of depth <= 3 (7 splits): the 7 split outcomes of a tree, read as a 7-bit number, index a table of 128
        # leaf values per tree, so one document costs a compare, a dot product and a take instead of a descent.
        self._table: np.ndarray | None = None
        if 0 < self.depth <= 3:
            codes = np.arange(2**inner)
            bits = (codes[:, None] >> np.arange(inner)) & 1  # (codes, splits): 1 = that split goes right
            node = np.zeros(len(codes), dtype=np.intp)
            for _ in range(self.depth):
                node = 2 * node + 1 + bits[np.arange(len(codes)), node]
            self._table = self.leaf[:, node - inner].ravel()  # (trees x codes), tree-major
            self._pow2 = 1 << np.arange(inner)
            self._tree_code = np.arange(len(trees)) * 2**inner

    def logit(self, x: np.ndarray) -> np.ndarray:
        """Logit without the script-group offset, for rows of ``x`` (documents) or one 1-D document."""
        x = np.atleast_2d(x)
        right = x[:, self.feat] > self.thr  # (documents, trees, inner nodes): every split decided at once
        node = np.zeros((len(x), len(self.feat)), dtype=np.intp)
        rows = np.arange(len(x))[:, None]
        trees = np.arange(len(self.feat))[None, :]
        for _ in range(self.depth):
            node = 2 * node + 1 + right[rows, trees, node]
        return self.base + self.leaf[trees, node - (2**self.depth - 1)].sum(-1)

    def score(self, signals: Mapping[str, float]) -> float:
        """P(junk) for one document's signals (a name missing from ``signals`` counts as 0)."""
        x = np.fromiter(map(signals.get, self.features, self._zeros), dtype=np.float64, count=len(self.features))
        right = x[self._feat] > self._thr
        if self._table is not None:
            codes = right.reshape(len(self._tree_code), -1) @ self._pow2
            z = self.base + float(self._table[self._tree_code + codes].sum())
        else:
            node = np.zeros(len(self._tree_inner), dtype=np.intp)
            for _ in range(self.depth):
                node = 2 * node + 1 + right[self._tree_inner + node]
            z = self.base + float(self._leaf[self._tree_leaf + node - (2**self.depth - 1)].sum())
        z += self.offsets[int(signals.get("spaced", 0.0) >= 0.5)]
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0


def _tree_depth(tree: Mapping[str, list[Any]], node: int = 0) -> int:
    left, right = tree["left"][node], tree["right"][node]
    if left < 0:
        return 0
    return 1 + max(_tree_depth(tree, left), _tree_depth(tree, right))


def _pad(tree: Mapping[str, list[Any]], node: int, at: int, depth: int, n_features: int,
         feat: np.ndarray, thr: np.ndarray, leaf: np.ndarray) -> None:
    """Write ``tree``'s subtree at ``node`` into complete-tree slot ``at`` (children of slot i: 2i+1, 2i+2)."""
    left, right = tree["left"][node], tree["right"][node]
    if at >= len(thr):  # a leaf slot
        if left >= 0:
            raise ValueError("junk model: a tree is deeper than its depth")
        leaf[at - len(thr)] = tree["value"][node]
        return
    if left < 0:  # a leaf above the bottom: +inf threshold (never exceeded), the same value below on both sides
        _pad(tree, node, 2 * at + 1, depth, n_features, feat, thr, leaf)
        _pad(tree, node, 2 * at + 2, depth, n_features, feat, thr, leaf)
        return
    f = int(tree["feature"][node])
    if not 0 <= f < n_features:
        raise ValueError("junk model: a split reads a feature the model does not have")
    feat[at], thr[at] = f, float(tree["threshold"][node])
    _pad(tree, left, 2 * at + 1, depth, n_features, feat, thr, leaf)
    _pad(tree, right, 2 * at + 2, depth, n_features, feat, thr, leaf)


class GroupedJunkModel:
    """One ``JunkModel`` per script group, chosen by one signal (``spaced >= 0.5``: text written with spaces between
    words, else Chinese-like text): what makes junk differs between the two, and one model over both spends its
    bins on telling the scripts apart."""

    def __init__(self, by: str, at: float, models: dict[int, JunkModel]):
        if set(models) != {0, 1}:
            raise ValueError("junk model: groups 0 and 1 are needed")
        self.by, self.at, self.models = by, float(at), models
        self.features = tuple(dict.fromkeys(f for m in models.values() for f in m.features))

    def score(self, signals: Mapping[str, float]) -> float:
        return self.models[int(signals.get(self.by, 0.0) >= self.at)].score(signals)


class TypicalityCheck:
    """How far a document lies from good text, learnt from good text only (one-class, so by construction it knows
    no junk kind): per script group (``spaced >= 0.5`` or not) and signal, the good training texts' quantiles at
    tail probabilities 5, 2, 1, 0.5 and 0.2 % on both sides (``tail_probs`` in the JSON); a document's
    atypicality is the number of those tail levels its signals lie beyond (a signal below its 1 % quantile counts
    for the 5, 2 and 1 % levels: 3). Good text is odd on a few signals at a time; junk that no model has seen is
    often odd on many."""

    def __init__(self, features: list[str], by: str, at: float, low: dict[int, list[list[float]]],
                 high: dict[int, list[list[float]]], limit: float):
        if set(low) != {0, 1} or set(high) != {0, 1}:
            raise ValueError("typicality: groups 0 and 1 are needed")
        self.features, self.by, self.at, self.limit = tuple(features), by, float(at), float(limit)
        self.low = {g: np.asarray(v, dtype=np.float64) for g, v in low.items()}
        self.high = {g: np.asarray(v, dtype=np.float64) for g, v in high.items()}
        for g in (0, 1):
            if self.low[g].shape != self.high[g].shape or self.low[g].shape[0] != len(features):
                raise ValueError("typicality: one row of tail quantiles per feature and side is needed")
        self._zeros = (0.0,) * len(features)

    def atypicality(self, signals: Mapping[str, float]) -> int:
        """Tail levels of the good texts that this document's signals lie beyond, summed over signals."""
        x = np.fromiter(map(signals.get, self.features, self._zeros), dtype=np.float64, count=len(self.features))
        g = int(signals.get(self.by, 0.0) >= self.at)
        return int((x[:, None] < self.low[g]).sum() + (x[:, None] > self.high[g]).sum())


def _junk_model(m: Mapping[str, Any]) -> JunkModel:
    off = m.get("group_offsets", [0.0, 0.0])
    return JunkModel(m["features"], m["edges"], m["weights"], m["bias"], (off[0], off[1]))


# ``junk_score.json`` schema: 1 (no ``schema`` key) is the binned logistic model, 2 adds ``model`` (``binned_logistic``
# or ``gbdt``, the tree model's ``trees`` and ``base``).
SCHEMAS = (1, 2)


def model_from_json(m: Mapping[str, Any]) -> JunkModel | GroupedJunkModel | TreeJunkModel:
    """The model a ``junk_score.json`` document describes (either schema, either model kind)."""
    if m.get("schema", 1) not in SCHEMAS:
        raise ValueError(f"junk model: schema {m.get('schema')!r} is newer than this code reads ({SCHEMAS})")
    kind = m.get("model", "binned_logistic")
    if kind == "gbdt":
        off = m.get("group_offsets", [0.0, 0.0])
        return TreeJunkModel(m["features"], m["trees"], m["base"], (off[0], off[1]))
    if kind != "binned_logistic":
        raise ValueError(f"junk model: unknown model kind {kind!r}")
    if "groups" in m:
        return GroupedJunkModel(m["group_by"], m["group_at"], {int(k): _junk_model(v) for k, v in m["groups"].items()})
    return _junk_model(m)


@functools.lru_cache(maxsize=1)
def load_model(path: Path = MODEL_PATH) -> JunkModel | GroupedJunkModel | TreeJunkModel:
    with path.open(encoding="utf-8") as f:
        return model_from_json(json.load(f))


@functools.lru_cache(maxsize=1)
def load_typicality(path: Path = MODEL_PATH) -> TypicalityCheck | None:
    """The typicality check shipped beside the junk model (None when the model file has none)."""
    with path.open(encoding="utf-8") as f:
        t = json.load(f).get("typicality")
    if t is None:
        return None
    return TypicalityCheck(t["features"], t["group_by"], t["group_at"], {int(k): v for k, v in t["low"].items()},
                           {int(k): v for k, v in t["high"].items()}, t["limit"])


def junk_score(signals: Mapping[str, float]) -> float:
    """P(junk) in [0, 1] from the shipped model, or 1 when the document is atypical of good text beyond the typicality
    check's limit; the policy's ``junk_score`` rule drops above its threshold."""
    typ = load_typicality()
    if typ is not None and typ.atypicality(signals) > typ.limit:
        return 1.0
    return load_model().score(signals)
