"""Annotator reliability: the flags name the planted constant, random and weak annotators, and nobody else."""

from __future__ import annotations

import random

from corpusgov.annotation.agreement import dawid_skene
from corpusgov.annotation.reliability import annotator_reliability

DOMAIN = ["a", "b", "c"]


def _batch(seed: int = 3):
    rng = random.Random(seed)
    acc = {f"good{i}": 0.95 for i in range(6)} | {"weak": 0.6}
    items, truth = [], {}
    for i in range(150):
        t = rng.choices(DOMAIN, weights=[0.5, 0.3, 0.2])[0]
        truth[f"i{i:03d}"] = t
        labs = {}
        for a, p in acc.items():
            labs[a] = t if rng.random() < p else rng.choice([x for x in DOMAIN if x != t])
        labs["constant"] = "a"
        labs["random"] = rng.choice(DOMAIN)
        items.append((f"i{i:03d}", labs))
    return items, truth


def _run(items, refs):
    ds = dawid_skene(items, DOMAIN, 200, 1e-6)
    return annotator_reliability(items, ds["posteriors"], DOMAIN, refs, threshold=0.9, confidence=0.95)


def test_flags_without_reference_labels():
    items, _ = _batch()
    rel = _run(items, {})
    codes = {r["annotator_id"]: r["code"] for r in rel["flagged"]}
    assert codes == {"constant": "constant_label", "random": "random_label", "weak": "below_threshold"}
    rows = rel["annotators"]
    assert all(rows[a]["basis"] == "dawid_skene" for a in rows)
    assert abs(rows["weak"]["dawid_skene"]["rate"] - 0.6) < 0.1
    assert abs(rows["random"]["dawid_skene"]["rate"] - rows["random"]["dawid_skene"]["chance"]) < 0.1
    assert all(rows[f"good{i}"]["dawid_skene"]["ci_low"] > 0.85 for i in range(6))


def test_reference_labels_are_the_basis_when_there_are_enough():
    items, truth = _batch()
    rel = _run(items, truth)
    rows = rel["annotators"]
    assert all(r["basis"] == "reference" for r in rows.values())
    assert rows["constant"]["reference"]["rate"] == sum(1 for t in truth.values() if t == "a") / len(truth)
    assert {r["annotator_id"] for r in rel["flagged"]} == {"constant", "random", "weak"}
    few = _run(items, dict(list(truth.items())[:5]))  # 5 < min_items: Dawid–Skene stays the basis
    assert all(r["basis"] == "dawid_skene" for r in few["annotators"].values())


def test_too_little_evidence_gives_no_flag():
    items, _ = _batch()
    rel = _run(items[:10], {})
    assert rel["flagged"] == []


def test_extreme_disagreement_is_an_outlier_rule():
    # eight similar annotators and one who picks the rarer label on a third of the items
    rng = random.Random(1)
    items = []
    for i in range(120):
        t = "a" if i % 2 else "b"
        labs = {f"g{k}": t if rng.random() < 0.97 else ("b" if t == "a" else "a") for k in range(8)}
        labs["odd"] = "c" if i % 3 == 0 else t
        items.append((f"i{i:03d}", labs))
    rel = annotator_reliability(items, dawid_skene(items, DOMAIN)["posteriors"], DOMAIN, {}, threshold=0.5,
                                confidence=0.95)
    assert [(r["annotator_id"], r["flags"]) for r in rel["flagged"]] == [("odd", ["extreme_disagreement"])]
