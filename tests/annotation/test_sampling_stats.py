from __future__ import annotations

import pytest

from annotation.models import SamplingSettings
from annotation.sampling import allocate, aql_plan, margin_sample_size, plan_size, select
from annotation.stats import proportion, wilson_interval, z_for


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


def test_allocation_is_proportional_and_covers_every_stratum():
    sizes = {"a": 100, "b": 10, "c": 1, "d": 50}
    alloc = allocate(sizes, 40)
    assert sum(alloc.values()) == 40 and all(v >= 1 for v in alloc.values())
    assert alloc["a"] > alloc["d"] > alloc["b"]
    assert allocate(sizes, 500) == sizes
    assert sum(allocate(sizes, 2).values()) == 2


def _units():
    return [(f"i{i:03d}", f"ann{i % 3}", ["x", "y"][i % 5 == 0]) for i in range(200)]


def test_selection_is_reproducible_and_seeded():
    a, sa = select(_units(), "b1", 30, seed=0)
    b, sb = select(list(reversed(_units())), "b1", 30, seed=0)
    c, _ = select(_units(), "b1", 30, seed=1)
    assert a == b and sa == sb and len(a) == 30
    assert a != c
    strata = {(s["annotator_id"], s["label"]) for s in sa["strata"] if s["sampled"]}
    assert len(strata) == 6  # every annotator × label stratum is represented


def test_safety_batches_are_reviewed_in_full():
    assert plan_size(123, SamplingSettings(), "safety")["n"] == 123
    assert plan_size(123, SamplingSettings(method="aql", aql=1.0), "functional")["n"] == 13
