from __future__ import annotations

import pytest

from corpusgov.annotation.estimate import stratified_accuracy, weighted_proportion
from corpusgov.annotation.models import SamplingSettings
from corpusgov.annotation.sampling import allocate, aql_plan, collapse, margin_sample_size, plan_size, select
from corpusgov.annotation.stats import proportion, wilson_interval, z_for


def test_wilson_known_values():
    lo, hi = wilson_interval(8, 10, 0.95)
    assert lo == pytest.approx(0.4902, abs=1e-4) and hi == pytest.approx(0.9433, abs=1e-4)
    assert wilson_interval(0, 20)[0] == 0.0 and wilson_interval(20, 20)[1] == 1.0
    assert proportion(0, 0)["rate"] is None


def test_margin_sample_size():
    assert z_for(0.95) == pytest.approx(1.959964, abs=1e-6)
    assert margin_sample_size(10**9, 0.95, 0.05, 0.5) == 385  # the classic figure
    assert margin_sample_size(240, 0.95, 0.05, 0.9) == 88  # finite population correction
    assert margin_sample_size(10, 0.95, 0.01, 0.5) == 10


@pytest.mark.parametrize(
    "lot,aql,level,expected",
    [
        (5000, 1.0, "II", (200, 5, 6)),  # code letter L
        (1000, 2.5, "II", (80, 5, 6)),  # J
        (2000, 2.5, "II", (125, 7, 8)),  # K
        (100, 1.0, "II", (13, 0, 1)),  # F -> up arrow to E
        (200, 1.0, "II", (50, 1, 2)),  # G -> down arrow to H
        (20000, 0.65, "II", (315, 5, 6)),  # M
    ],
)
def test_aql_plans_match_iso_2859_1_table(lot, aql, level, expected):
    p = aql_plan(lot, aql, level)
    assert (p["n"], p["ac"], p["re"]) == expected


def test_aql_small_lot_is_inspected_in_full():
    assert aql_plan(6, 1.0)["n"] == 6
    with pytest.raises(ValueError):
        aql_plan(100, 3.3)


def test_allocation_is_proportional_without_a_minimum():
    sizes = {"a": 100, "b": 10, "c": 1, "d": 50}
    alloc = allocate(sizes, 40)
    assert alloc == {"a": 25, "b": 3, "c": 0, "d": 12}  # quotas 24.8, 2.48, 0.25, 12.4 by largest remainder
    assert allocate(sizes, 500) == sizes
    assert sum(allocate(sizes, 2).values()) == 2


def test_collapse_gives_every_stratum_two_units():
    sizes = {f"ann{i:02d}\x1f{lab}": (40 if lab == "x" else 3) for i in range(30) for lab in "xy"}
    n = 13  # far fewer units than the 60 strata
    group = collapse(sizes, n)
    merged: dict[str, int] = {}
    for k, g in group.items():
        merged[g] = merged.get(g, 0) + sizes[k]
    alloc = allocate(merged, n)
    assert sum(alloc.values()) == n and min(alloc.values()) >= 2
    assert set(group) == set(sizes)  # every unit belongs to a sampled stratum: inclusion probability > 0


def _units():
    return [(f"i{i:03d}", f"ann{i % 3}", ["x", "y"][i % 5 == 0]) for i in range(200)]


def test_selection_is_reproducible_and_seeded():
    a, sa = select(_units(), "b1", 30, seed=0)
    b, sb = select(list(reversed(_units())), "b1", 30, seed=0)
    c, _ = select(_units(), "b1", 30, seed=1)
    assert a == b and sa == sb and len(a) == 30
    assert a != c
    design = {d["stratum"]: d for d in sa["design_strata"]}
    assert sum(d["population"] for d in design.values()) == 200
    assert all(d["sampled"] >= 2 and d["inclusion_probability"] == d["sampled"] / d["population"]
               for d in design.values())
    counts: dict[str, int] = {}
    for _, _, _, st in a:
        counts[st] = counts.get(st, 0) + 1
    assert counts == {k: d["sampled"] for k, d in design.items()}
    assert sum(s["sampled"] for s in sa["strata"]) == 30


def test_stratified_estimate_and_variance_by_hand():
    # strata (N, n, correct): p = 0.25·0.9 + 0.75·0.8; v = Σ W² (1 − f) s² / n with s² = n/(n−1) p(1−p)
    est = stratified_accuracy([(100, 10, 9), (300, 30, 24)], 0.95)
    v = 0.25**2 * 0.9 * (10 / 9 * 0.09) / 10 + 0.75**2 * 0.9 * (30 / 29 * 0.16) / 30
    assert est["rate"] == pytest.approx(0.825, abs=1e-12) and est["variance"] == pytest.approx(v, rel=1e-12)
    assert est["unweighted_rate"] == pytest.approx(33 / 40)
    n_srs = 40 * 399 / 360
    assert est["effective_n"] == pytest.approx(min(n_srs, 0.825 * 0.175 / v))
    assert est["ci_low"] < 0.825 < est["ci_high"]
    # unequal inclusion: the weighted figure differs from the raw share
    skew = stratified_accuracy([(1000, 10, 10), (100, 10, 5)], 0.95)
    assert skew["rate"] == pytest.approx((1000 * 1.0 + 100 * 0.5) / 1100) and skew["unweighted_rate"] == 0.75


def test_census_has_no_sampling_error_and_empty_sample_has_no_estimate():
    est = stratified_accuracy([(10, 10, 9), (5, 5, 5)])
    assert est["rate"] == est["ci_low"] == est["ci_high"] == pytest.approx(14 / 15)
    assert stratified_accuracy([(10, 0, 0)])["rate"] is None


def test_weighted_proportion_uses_weights():
    w = weighted_proportion([(10.0, True), (1.0, False), (1.0, False)])
    assert w["rate"] == pytest.approx(10 / 12) and w["effective_n"] == pytest.approx(144 / 102)


def test_safety_batches_are_reviewed_in_full():
    assert plan_size(123, SamplingSettings(), "safety")["n"] == 123
    assert plan_size(123, SamplingSettings(method="aql", aql=1.0), "functional")["n"] == 13
