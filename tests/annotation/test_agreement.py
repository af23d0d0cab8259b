"""Agreement figures must equal the reference implementations on the same data (to 1e-9)."""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from corpusgov.annotation.agreement import (
    cohen_kappa,
    confusion,
    count_matrix,
    dawid_skene,
    fleiss_kappa,
    krippendorff_alpha,
    majority_vote,
    pairwise_cohen,
)

DOMAIN = ["none", "low", "medium", "high"]


def multi_annotator_dataset(seed: int = 7, n_items: int = 120, n_raters: int = 6):
    """Seeded multi-annotator data with missing ratings and raters of different quality."""
    rng = np.random.default_rng(seed)
    quality = [0.9, 0.85, 0.8, 0.7, 0.6, 0.4]
    items = []
    for i in range(n_items):
        truth = int(rng.integers(len(DOMAIN)))
        labs = {}
        for r in range(n_raters):
            if rng.random() < 0.75:
                lab = truth if rng.random() < quality[r] else int(rng.integers(len(DOMAIN)))
                labs[f"r{r}"] = DOMAIN[lab]
        items.append((f"item{i:04d}", labs))
    return items


def reliability_matrix(items, n_raters=6):
    rel = np.full((n_raters, len(items)), np.nan)
    for u, (_, labs) in enumerate(items):
        for a, lab in labs.items():
            rel[int(a[1:]), u] = DOMAIN.index(lab)
    return rel


@pytest.mark.parametrize("seed", [7, 11, 2024])
@pytest.mark.parametrize("level", ["nominal", "ordinal"])
def test_krippendorff_alpha_equals_reference(seed, level):
    items = multi_annotator_dataset(seed)
    ours = krippendorff_alpha(count_matrix(items, DOMAIN), level)
    ref = krippendorff.alpha(reliability_data=reliability_matrix(items), level_of_measurement=level,
                             value_domain=list(range(len(DOMAIN))))
    assert ours == pytest.approx(ref, abs=1e-9)


def test_krippendorff_ordinal_differs_from_nominal():
    counts = count_matrix(multi_annotator_dataset(3), DOMAIN)
    assert krippendorff_alpha(counts, "ordinal") != pytest.approx(krippendorff_alpha(counts, "nominal"), abs=1e-3)


@pytest.mark.parametrize("seed", [7, 11])
def test_cohen_kappa_equals_sklearn_for_every_pair(seed):
    items = multi_annotator_dataset(seed)
    pairs = pairwise_cohen(items, min_items=2)
    assert len(pairs) == len(list(combinations(range(6), 2)))
    for p in pairs:
        x, y = p["annotators"]
        common = [(labs[x], labs[y]) for _, labs in items if x in labs and y in labs]
        ref = cohen_kappa_score([a for a, _ in common], [b for _, b in common])
        assert p["items"] == len(common)
        assert p["kappa"] == pytest.approx(ref, abs=1e-9)


def test_cohen_kappa_degenerate_is_none():
    assert cohen_kappa(["a", "a"], ["a", "a"]) is None


# Fleiss (1971)-style worked example as printed in the Wikipedia article "Fleiss' kappa":
# 10 subjects, 14 raters, 5 categories; P̄ = 0.378, P̄e = 0.213, κ = 0.210.
FLEISS_TABLE = [
    [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
]


def test_fleiss_kappa_textbook_example():
    # Exact rational computation by the textbook formula, independent of the numpy code path.
    n, N = 14, len(FLEISS_TABLE)
    p_i = [Fraction(sum(c * c for c in row) - n, n * (n - 1)) for row in FLEISS_TABLE]
    p_bar = sum(p_i) / N
    p_j = [Fraction(sum(row[j] for row in FLEISS_TABLE), N * n) for j in range(5)]
    p_e = sum(p * p for p in p_j)
    exact = float((p_bar - p_e) / (1 - p_e))
    ours = fleiss_kappa(np.array(FLEISS_TABLE, dtype=float))
    assert ours == pytest.approx(exact, abs=1e-12)
    assert ours == pytest.approx(0.210, abs=5e-4)  # the published value
    assert float(p_bar) == pytest.approx(0.378, abs=5e-4) and float(p_e) == pytest.approx(0.213, abs=5e-4)


def test_fleiss_equals_krippendorff_limit_on_complete_data():
    # With complete data and many units, α and Fleiss' κ differ only by a (n-1)/n factor on D_e.
    items = [(k, labs) for k, labs in multi_annotator_dataset(5, n_items=400)]
    full = [(k, {a: lab for a, lab in labs.items()}) for k, labs in items if len(labs) >= 2]
    counts = count_matrix(full, DOMAIN)
    assert fleiss_kappa(counts) == pytest.approx(krippendorff_alpha(counts), abs=0.01)


def test_majority_vote_ties_go_to_first_rule_label():
    items = [("a", {"x": "high", "y": "low"}), ("b", {"x": "low", "y": "low", "z": "none"})]
    mv, ties = majority_vote(items, DOMAIN)
    assert mv == {"a": "low", "b": "low"} and ties == ["a"]


def test_dawid_skene_finds_the_unreliable_annotator_and_is_deterministic():
    items = multi_annotator_dataset(13, n_items=300)
    a = dawid_skene(items, DOMAIN, max_iter=1000, tol=1e-8)
    b = dawid_skene(items, DOMAIN, max_iter=1000, tol=1e-8)
    assert a == b
    rel = a["annotator_reliability"]
    assert a["converged"]
    assert min(rel, key=rel.get) == "r5" and max(rel, key=rel.get) == "r0"
    assert sum(a["priors"].values()) == pytest.approx(1.0)


def test_confusion_per_label():
    c = confusion([("a", "a"), ("a", "b"), ("b", "b"), ("b", "b")], ["a", "b", "c"])
    assert c["matrix"] == {"a": {"a": 1, "b": 1}, "b": {"b": 2}}
    assert c["per_label"]["a"] == {"tp": 1, "fp": 0, "fn": 1, "precision": 1.0, "recall": 0.5,
                                   "f1": pytest.approx(2 / 3)}
    assert "c" not in c["per_label"]
