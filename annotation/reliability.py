"""Per-annotator reliability in one batch: estimated accuracy with an interval, and who to look at.

Accuracy rests on the reference labels (gold, or an independent review) when an annotator has at least
`min_items` of them, else on Dawid–Skene: the expected number of right labels is the sum, over the
annotator's items, of the posterior probability that their label is the true one. Either way the interval
is Wilson's (for Dawid–Skene it ignores the model's own estimation error, so read it as a lower bound on the
uncertainty). Flags, each needing `min_items` labels:
- constant_label: one label for everything while the consensus disagrees on ≥ 10% (and ≥ 2) of those items;
- random_label: the accuracy interval contains (or lies below) chance — the accuracy of someone who labels
  with their own label frequencies but ignores the item — and its upper end is below the batch threshold;
- below_threshold: the interval's upper end is below the batch threshold, but better than chance;
- extreme_disagreement: the Wilson lower bound of the share of items where the annotator's label is not
  among the others' majority labels lies beyond Tukey's far-out fence (Q3 + 3 IQR) of the batch's
  annotators.
One finding per annotator, in that order of precedence; every flag that applies is listed.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence

from corpusgov.annotation.estimate import wilson

ORDER = ["constant_label", "random_label", "below_threshold", "extreme_disagreement"]
MESSAGES = {
    "constant_label": "annotator gave one label to every item while the consensus disagrees on some of them",
    "random_label": "annotator's accuracy is indistinguishable from chance and below the batch threshold",
    "below_threshold": "annotator's accuracy interval lies below the batch threshold",
    "extreme_disagreement": "annotator disagrees with the other annotators far more often than the batch's "
                            "annotators do",
}


def _interval(p: float, n: int, confidence: float) -> dict:
    lo, hi = wilson(p, n, confidence)
    return {"n": n, "rate": p, "ci_low": lo, "ci_high": hi}


def _loo_disagreement(items: Sequence[tuple[str, dict[str, str]]]) -> dict[str, tuple[int, int]]:
    """(disagreements, items with ≥ 2 other annotators) per annotator, against the others' majority."""
    out: dict[str, list[int]] = {}
    for _, labs in items:
        if len(labs) < 3:
            continue
        counts: dict[str, int] = {}
        for lab in labs.values():
            counts[lab] = counts.get(lab, 0) + 1
        for a, lab in labs.items():
            counts[lab] -= 1
            best = max(counts.values())
            c = out.setdefault(a, [0, 0])
            c[0] += int(counts[lab] != best)
            c[1] += 1
            counts[lab] += 1
    return {a: (c[0], c[1]) for a, c in out.items()}


def annotator_reliability(items: Sequence[tuple[str, dict[str, str]]], posteriors: dict[str, Sequence[float]],
                          domain: Sequence[str], refs: dict[str, str], threshold: float, confidence: float,
                          min_items: int = 20, fence_k: float = 3.0) -> dict:
    """Reliability table and flags for one batch (items sorted by id; posteriors from Dawid–Skene)."""
    idx = {lab: i for i, lab in enumerate(domain)}
    per: dict[str, dict] = {}
    for item_id, labs in items:
        post = posteriors.get(item_id)
        for a, lab in labs.items():
            p = per.setdefault(a, {"labels": {}, "ds_correct": 0.0, "ds_prev": [0.0] * len(domain),
                                   "ref_n": 0, "ref_correct": 0, "ref_prev": {}, "ds_major": [],
                                   "ref_major": []})
            p["labels"][lab] = p["labels"].get(lab, 0) + 1
            if post is not None:
                p["ds_correct"] += post[idx[lab]]
                for j, v in enumerate(post):
                    p["ds_prev"][j] += v
                p["ds_major"].append(domain[max(range(len(domain)), key=lambda j: (post[j], -j))])
            ref = refs.get(item_id)
            if ref is not None:
                p["ref_n"] += 1
                p["ref_correct"] += int(ref == lab)
                p["ref_prev"][ref] = p["ref_prev"].get(ref, 0) + 1
                p["ref_major"].append(ref)
    loo = _loo_disagreement(items)
    rates = [d / m for d, m in loo.values() if m >= min_items]
    fence = None
    if len(rates) >= 5:
        q1, _, q3 = statistics.quantiles(rates, n=4, method="inclusive")
        fence = q3 + fence_k * (q3 - q1)
    table: dict[str, dict] = {}
    flagged: list[dict] = []
    for a in sorted(per):
        p = per[a]
        n = sum(p["labels"].values())
        share = {lab: c / n for lab, c in p["labels"].items()}
        row: dict = {"labels": n, "label_counts": dict(sorted(p["labels"].items()))}
        ds = _interval(p["ds_correct"] / n, n, confidence)
        ds_chance = sum(p["ds_prev"][idx[lab]] / n * s for lab, s in share.items())
        row["dawid_skene"] = {**ds, "chance": ds_chance}
        if p["ref_n"]:
            ref_iv = _interval(p["ref_correct"] / p["ref_n"], p["ref_n"], confidence)
            ref_chance = sum(p["ref_prev"].get(lab, 0) / p["ref_n"] * s for lab, s in share.items())
            row["reference"] = {**ref_iv, "chance": ref_chance}
        basis = "reference" if p["ref_n"] >= min_items else "dawid_skene"
        row["basis"] = basis
        est = row[basis]
        major = p["ref_major"] if basis == "reference" else p["ds_major"]
        d = loo.get(a)
        if d:
            row["consensus_disagreement"] = {**_interval(d[0] / d[1], d[1], confidence), "fence": fence}
        flags = []
        if n >= min_items:
            if len(p["labels"]) == 1:
                only = next(iter(p["labels"]))
                differ = sum(1 for m in major if m != only)
                if major and differ >= max(2, math.ceil(0.1 * len(major))):
                    flags.append("constant_label")
            if est["n"] >= min_items and est["ci_high"] < threshold:
                flags.append("random_label" if est["ci_low"] <= est["chance"] else "below_threshold")
            if d and d[1] >= min_items and fence is not None and row["consensus_disagreement"]["ci_low"] > fence:
                flags.append("extreme_disagreement")
        row["flags"] = flags
        table[a] = row
        if flags:
            code = min(flags, key=ORDER.index)
            flagged.append({"annotator_id": a, "code": code, "flags": flags, "basis": basis, "labels": n,
                            "accuracy": est["rate"], "ci_low": est["ci_low"], "ci_high": est["ci_high"],
                            "chance": est["chance"]})
    return {"min_items": min_items, "threshold": threshold, "confidence": confidence, "fence_k": fence_k,
            "annotators": table, "flagged": flagged}
