"""Fit the junk score as gradient-boosted trees (``train_junk_score --model gbdt``) and export them as node tables.

Why: the binned logistic model is a sum of one-signal steps, so it cannot say "low LM gain is odd for modern prose
but not for verse"; shallow boosted trees can. The danger is learning the training junk kinds instead of junk, so
the trees are few, shallow, with large leaves and L2 on the leaf values, and the fit is made deterministic
(fixed ``random_state``, no early stopping or subsampling, one OpenMP thread) so two runs write the same bytes.
The trees are exported to plain lists (feature index, threshold, children, leaf value) that
``quality.junk_score.TreeJunkModel`` evaluates with NumPy; no pickle is written or read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from corpusgov.quality.junk_score import TreeJunkModel


@dataclass(frozen=True)
class TreeParams:
    """The regularisation of the boosted trees (recorded in the trainer command)."""

    trees: int = 100
    depth: int = 3
    min_leaf: int = 40
    l2: float = 1.0
    rate: float = 0.1
    max_bins: int = 64
    max_features: float = 1.0  # share of the signals each split may choose from (random but seeded)


def fit_trees(f: np.ndarray, y: np.ndarray, w: np.ndarray, features: list[str], p: TreeParams) -> TreeJunkModel:
    """Boosted trees on features ``f`` (rows: documents), junk labels ``y`` and sample weights ``w``."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    from threadpoolctl import threadpool_limits

    clf = HistGradientBoostingClassifier(
        loss="log_loss", learning_rate=p.rate, max_iter=p.trees, max_depth=p.depth, max_leaf_nodes=None,
        min_samples_leaf=p.min_leaf, l2_regularization=p.l2, max_bins=p.max_bins, max_features=p.max_features,
        early_stopping=False, random_state=0)
    with threadpool_limits(limits=1):  # per-thread partial sums would make the floats depend on the thread count
        clf.fit(f, y.astype(int), sample_weight=w / w.sum() * len(w))
    return TreeJunkModel(features, export_trees(clf), round(float(np.ravel(clf._baseline_prediction)[0]), 8))


def export_trees(clf: Any) -> list[dict[str, list[Any]]]:
    """Every tree of a fitted binary ``HistGradientBoostingClassifier`` as node lists (leaf: children -1; sklearn sends
    ``x <= threshold`` left, ``TreeJunkModel`` sends ``x > threshold`` right: the same split)."""
    out = []
    for (pred,) in clf._predictors:
        nodes = pred.nodes
        if nodes["is_categorical"].any():
            raise ValueError("categorical splits are not exported")
        leaf = nodes["is_leaf"].astype(bool)
        out.append({
            "feature": [-1 if lf else int(v) for v, lf in zip(nodes["feature_idx"], leaf, strict=True)],
            "threshold": [0.0 if lf else float(v) for v, lf in zip(nodes["num_threshold"], leaf, strict=True)],
            "left": [-1 if lf else int(v) for v, lf in zip(nodes["left"], leaf, strict=True)],
            "right": [-1 if lf else int(v) for v, lf in zip(nodes["right"], leaf, strict=True)],
            "value": [round(float(v), 8) if lf else 0.0 for v, lf in zip(nodes["value"], leaf, strict=True)],
        })
    return out


def tree_tables(model: TreeJunkModel) -> dict[str, Any]:
    """The JSON part of a tree model (schema 2)."""
    return {"schema": 2, "model": "gbdt", "features": list(model.features), "base": model.base, "trees": model.trees}
