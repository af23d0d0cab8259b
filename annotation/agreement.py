"""Inter-annotator agreement and label estimation on one batch's items.

Items are given as (item_id, {annotator_id: label}) with labels drawn from an ordered domain. Cohen's κ
follows scikit-learn's `cohen_kappa_score`; Krippendorff's α follows the coincidence-matrix method of the
`krippendorff` package (nominal and ordinal); Fleiss' κ uses the per-item agreement formula that also
admits a varying number of ratings per item. Dawid–Skene is EM started from the majority vote, with a
fixed iteration cap and tolerance, so it is deterministic.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

import numpy as np

Items = Sequence[tuple[str, dict[str, str]]]


def cohen_kappa(a: Sequence[str], b: Sequence[str]) -> float | None:
    """Cohen's κ of two raters over the same units (None when chance agreement is total)."""
    labels = sorted(set(a) | set(b))
    idx = {lab: i for i, lab in enumerate(labels)}
    c = np.zeros((len(labels), len(labels)), dtype=np.float64)
    for x, y in zip(a, b, strict=True):
        c[idx[x], idx[y]] += 1
    n = c.sum()
    if n == 0:
        return None
    expected = np.outer(c.sum(axis=1), c.sum(axis=0)) / n
    w = 1.0 - np.eye(len(labels))
    denom = float(np.sum(w * expected))
    if denom == 0.0:
        return None
    return 1.0 - float(np.sum(w * c)) / denom


def pairwise_cohen(items: Items, min_items: int = 2) -> list[dict]:
    """Cohen's κ for every annotator pair that labelled at least `min_items` common items."""
    annotators = sorted({a for _, labs in items for a in labs})
    out = []
    for x, y in combinations(annotators, 2):
        common = [(labs[x], labs[y]) for _, labs in items if x in labs and y in labs]
        if len(common) < min_items:
            continue
        k = cohen_kappa([p for p, _ in common], [q for _, q in common])
        agree = sum(1 for p, q in common if p == q)
        out.append({"annotators": [x, y], "items": len(common), "observed_agreement": agree / len(common),
                    "kappa": k})
    return out


def count_matrix(items: Items, domain: Sequence[str]) -> np.ndarray:
    """items × categories matrix of rating counts."""
    idx = {lab: i for i, lab in enumerate(domain)}
    m = np.zeros((len(items), len(domain)), dtype=np.float64)
    for r, (_, labs) in enumerate(items):
        for lab in labs.values():
            m[r, idx[lab]] += 1
    return m


def fleiss_kappa(counts: np.ndarray) -> float | None:
    """Fleiss' κ from an items × categories count matrix; items with fewer than 2 ratings are skipped."""
    n_i = counts.sum(axis=1)
    keep = n_i >= 2
    counts, n_i = counts[keep], n_i[keep]
    if counts.shape[0] == 0:
        return None
    p_i = (np.sum(counts * counts, axis=1) - n_i) / (n_i * (n_i - 1))
    p_bar = float(p_i.mean())
    p_j = counts.sum(axis=0) / n_i.sum()
    p_e = float(np.sum(p_j * p_j))
    if p_e == 1.0:
        return None
    return (p_bar - p_e) / (1.0 - p_e)


def coincidences(counts: np.ndarray) -> np.ndarray:
    """Krippendorff's coincidence matrix from per-unit value counts (units with < 2 values are unpairable)."""
    m_u = counts.sum(axis=1)
    keep = m_u >= 2
    c, m = counts[keep], m_u[keep]
    k = counts.shape[1]
    o = np.zeros((k, k), dtype=np.float64)
    for row, mu in zip(c, m, strict=True):
        o += (np.outer(row, row) - np.diag(row)) / (mu - 1)
    return o


def _distance(n_v: np.ndarray, level: str) -> np.ndarray:
    k = len(n_v)
    if level == "nominal":
        return 1.0 - np.eye(k)
    cs = np.concatenate([[0.0], np.cumsum(n_v)])
    d = np.zeros((k, k), dtype=np.float64)
    for i in range(k):
        for j in range(k):
            lo, hi = min(i, j), max(i, j)
            d[i, j] = (cs[hi + 1] - cs[lo] - (n_v[lo] + n_v[hi]) / 2.0) ** 2
    return d


def krippendorff_alpha(counts: np.ndarray, level: str = "nominal") -> float | None:
    """Krippendorff's α (nominal or ordinal; for ordinal the columns must be in the labels' order)."""
    o = coincidences(counts)
    n_v = o.sum(axis=0)
    n = n_v.sum()
    if n <= 1:
        return None
    d = _distance(n_v, level)
    e = (np.outer(n_v, n_v) - np.diag(n_v)) / (n - 1)
    de = float(np.sum(e * d))
    if de == 0.0:
        return None
    return 1.0 - float(np.sum(o * d)) / de


def majority_vote(items: Items, domain: Sequence[str]) -> tuple[dict[str, str], list[str]]:
    """Majority label per item; a tie goes to the label listed first in the rules (and is reported)."""
    order = {lab: i for i, lab in enumerate(domain)}
    out: dict[str, str] = {}
    ties: list[str] = []
    for item_id, labs in items:
        counts: dict[str, int] = {}
        for lab in labs.values():
            counts[lab] = counts.get(lab, 0) + 1
        best = max(counts.values())
        top = sorted((lab for lab, c in counts.items() if c == best), key=lambda x: order[x])
        out[item_id] = top[0]
        if len(top) > 1:
            ties.append(item_id)
    return out, ties


def dawid_skene(items: Items, domain: Sequence[str], max_iter: int = 100, tol: float = 1e-8,
                smoothing: float = 0.01) -> dict:
    """Dawid–Skene EM: true-label posteriors per item and a confusion matrix per annotator.

    Memory is O(items × labels + annotators × labels²) for one batch.
    """
    k = len(domain)
    idx = {lab: i for i, lab in enumerate(domain)}
    annotators = sorted({a for _, labs in items for a in labs})
    aidx = {a: i for i, a in enumerate(annotators)}
    obs_i, obs_a, obs_l = [], [], []
    for r, (_, labs) in enumerate(items):
        for a, lab in sorted(labs.items()):
            obs_i.append(r)
            obs_a.append(aidx[a])
            obs_l.append(idx[lab])
    if not obs_i:
        return {"iterations": 0, "converged": True, "labels": {}, "annotator_reliability": {}, "priors": {},
                "posteriors": {}}
    oi, oa, ol = np.array(obs_i), np.array(obs_a), np.array(obs_l)
    t = np.zeros((len(items), k))
    np.add.at(t, (oi, ol), 1.0)
    t /= t.sum(axis=1, keepdims=True)
    converged = False
    it = 0
    theta = np.zeros((len(annotators), k, k))
    pi = np.full(k, 1.0 / k)
    for it in range(1, max_iter + 1):  # noqa: B007 - the final count is reported
        pi = (t.sum(axis=0) + smoothing) / (t.sum() + smoothing * k)
        theta = np.full((len(annotators), k, k), smoothing)
        # numpy's stubs type np.add.at's index as integer arrays only; a slice inside the tuple is valid numpy.
        np.add.at(theta, (oa, slice(None), ol), t[oi])  # type: ignore[arg-type]
        theta /= theta.sum(axis=2, keepdims=True)
        logt = np.tile(np.log(pi), (len(items), 1))
        np.add.at(logt, oi, np.log(theta[oa, :, ol]))
        logt -= logt.max(axis=1, keepdims=True)
        new = np.exp(logt)
        new /= new.sum(axis=1, keepdims=True)
        delta = float(np.max(np.abs(new - t)))
        t = new
        if delta < tol:
            converged = True
            break
    est = {items[r][0]: domain[int(np.argmax(t[r]))] for r in range(len(items))}
    reliability = {a: float(np.sum(pi * np.diag(theta[aidx[a]]))) for a in annotators}
    return {
        "iterations": it,
        "converged": converged,
        "labels": est,
        "annotator_reliability": reliability,
        "priors": {domain[j]: float(pi[j]) for j in range(k)},
        "posteriors": {items[r][0]: [float(x) for x in t[r]] for r in range(len(items))},
    }


def confusion(pairs: Sequence[tuple[str, str]], domain: Sequence[str]) -> dict:
    """Reference-vs-annotated confusion and per-label precision / recall / F1 from (reference, label) pairs."""
    matrix: dict[str, dict[str, int]] = {}
    for ref, lab in pairs:
        row = matrix.setdefault(ref, {})
        row[lab] = row.get(lab, 0) + 1
    per_label = {}
    for lab in domain:
        tp = matrix.get(lab, {}).get(lab, 0)
        fn = sum(matrix.get(lab, {}).values()) - tp
        fp = sum(r.get(lab, 0) for ref, r in matrix.items() if ref != lab)
        if tp + fn + fp == 0:
            continue
        prec = tp / (tp + fp) if tp + fp else None
        rec = tp / (tp + fn) if tp + fn else None
        f1 = 2 * prec * rec / (prec + rec) if prec and rec else (0.0 if prec is not None and rec is not None
                                                                  else None)
        per_label[lab] = {"tp": tp, "fp": fp, "fn": fn, "precision": prec, "recall": rec, "f1": f1}
    ordered = {ref: dict(sorted(matrix[ref].items())) for ref in sorted(matrix)}
    return {"pairs": len(pairs), "matrix": ordered, "per_label": per_label}


def agreement_report(items: Items, domain: Sequence[str], ordinal: bool, settings) -> dict:
    """All agreement figures for one batch (items must be sorted by item id for determinism)."""
    counts = count_matrix(items, domain)
    pairs = pairwise_cohen(items, settings.min_pair_items)
    kappas = [p["kappa"] for p in pairs if p["kappa"] is not None]
    return {
        "items_with_2plus": int(np.sum(counts.sum(axis=1) >= 2)),
        "cohen_kappa_pairs": pairs,
        "cohen_kappa_mean": (sum(kappas) / len(kappas)) if kappas else None,
        "fleiss_kappa": fleiss_kappa(counts),
        "krippendorff_alpha_nominal": krippendorff_alpha(counts, "nominal"),
        "krippendorff_alpha_ordinal": krippendorff_alpha(counts, "ordinal") if ordinal else None,
    }
