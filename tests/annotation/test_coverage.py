"""The sampled-accuracy interval covers the true batch accuracy about 95% of the time (issue 18).

Simulated batches with known truth, balanced and skewed annotator workloads, margin and ISO 2859-1 AQL
plans; a fresh sampling seed per draw. The old design (minimum one unit per stratum, unweighted Wilson)
is run on the same draws to show the test can fail. `make eval` runs a bigger version.
"""

from __future__ import annotations

import pytest

from corpusgov.annotation.eval.simulate import SCENARIOS, coverage

DRAWS = 200


@pytest.fixture(scope="module")
def results():
    return [coverage(sc, DRAWS, seed=7, with_legacy=sc.zipf > 0) for sc in SCENARIOS]


def test_pooled_coverage_is_at_least_94_percent(results):
    pooled = sum(r["coverage"] for r in results) / len(results)
    assert pooled >= 0.94, results
    # and no scenario is far off (200 draws: a 95% interval's coverage has a standard error of ~1.5 points)
    assert min(r["coverage"] for r in results) >= 0.92, results


def test_estimate_is_unbiased(results):
    for r in results:
        assert abs(r["mean_error"]) < 0.01, r


def test_old_design_misses_on_skewed_workloads(results):
    skewed = [r for r in results if "legacy_coverage" in r]
    assert skewed and min(r["legacy_coverage"] for r in skewed) < 0.85, skewed
