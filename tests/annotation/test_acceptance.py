from __future__ import annotations

import json
import os

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from corpusgov.annotation.acceptance import accept, draw_sample
from corpusgov.annotation.models import AnnotationInputError


@pytest.fixture
def run_dir(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for shard in range(3):
        ids = [f"{shard:02d}{i:030x}" for i in range(400)]
        pq.write_table(pa.table({"record_id": ids, "source_id": ["src"] * 400,
                                 "text": [f"masked text {shard}-{i}" for i in range(400)]}),
                       corpus / f"part-{shard:05d}-of-00003.parquet", row_group_size=128)
    return tmp_path


def read(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(x) for x in f]


def test_sample_is_reproducible_bounded_and_seeded(run_dir):
    a = read(draw_sample(str(run_dir), size=100, seed=0))
    b = read(draw_sample(str(run_dir), size=100, seed=0))
    c = read(draw_sample(str(run_dir), size=100, seed=1))
    assert a == b and len(a) == 100 and len({r["record_id"] for r in a}) == 100
    assert {r["record_id"] for r in a} != {r["record_id"] for r in c}
    assert {r["record_id"][:2] for r in a} == {"00", "01", "02"}  # drawn across all shards
    plan = json.load(open(run_dir / "acceptance" / "plan.json"))
    assert plan["population"] == 1200 and plan["sample_size"] == 100 and plan["meets_minimum"] is False
    assert len(read(run_dir / "acceptance" / "verdicts.template.jsonl")) == 100


def test_small_corpus_is_sampled_whole(run_dir):
    rows = read(draw_sample(str(run_dir)))  # default 4,000 > 1,200 records
    assert len(rows) == 1200
    assert json.load(open(run_dir / "acceptance" / "plan.json"))["meets_minimum"] is True


def _verdicts(run_dir, fails: int, missing: int = 0):
    template = read(run_dir / "acceptance" / "verdicts.template.jsonl")
    path = run_dir / "verdicts.jsonl"
    with open(path, "w") as f:
        for i, row in enumerate(template[: len(template) - missing]):
            row["verdict"] = "fail" if i < fails else "pass"
            row["reviewer_id"] = "qa1"
            f.write(json.dumps(row) + "\n")
    return str(path), [r["record_id"] for r in template[:fails]]


def test_undersized_sample_is_never_accepted(run_dir):
    """200 of 1,200 records at 97%: the point estimate passes, but the sample is below 4,000 and the Wilson
    lower bound (≈ 0.936) is below 0.96, so the result is not_accepted with both reasons."""
    draw_sample(str(run_dir), size=200, seed=3)
    path, failed = _verdicts(run_dir, fails=6)
    r = accept(str(run_dir), path)
    assert (r["reviewed"], r["passed"], r["failed"]) == (200, 194, 6)
    assert r["pass_rate"] == pytest.approx(0.97) and r["pass_rate_meets_threshold"] is True
    assert r["ci_low"] < 0.96 < 0.97 < r["ci_high"] and r["accepted_at_lower_bound"] is False
    assert (r["status"], r["accepted"]) == ("not_accepted", False)
    assert r["reasons"] == ["sample_below_minimum", "lower_bound_below_threshold"]
    assert r["failed_record_ids"] == failed
    assert json.load(open(run_dir / "acceptance" / "result.json")) == r
    r = accept(str(run_dir), path, rule="standard")  # the standard's rule still needs 4,000 records
    assert r["reasons"] == ["sample_below_minimum"] and r["status"] == "not_accepted"


def test_census_is_accepted_by_lower_bound_or_by_the_standards_rule(run_dir):
    draw_sample(str(run_dir))  # the whole corpus (1,200 < 4,000): a census meets the minimum
    path, _ = _verdicts(run_dir, fails=12)  # 99.0%, Wilson lower bound ≈ 0.983
    r = accept(str(run_dir), path)
    assert r["meets_minimum"] is True and r["ci_low"] >= 0.96
    assert (r["status"], r["reasons"], r["rule"]) == ("accepted", [], "wilson")
    path, _ = _verdicts(run_dir, fails=44)  # 96.33%: the point estimate passes, the lower bound (≈ 0.952) does not
    r = accept(str(run_dir), path)
    assert r["pass_rate"] >= 0.96 > r["ci_low"] and r["reasons"] == ["lower_bound_below_threshold"]
    assert accept(str(run_dir), path, rule="standard")["status"] == "accepted"
    path, _ = _verdicts(run_dir, fails=60)  # 95.0% < 96%
    assert accept(str(run_dir), path, rule="standard")["reasons"] == ["pass_rate_below_threshold"]


def test_a_changed_sample_file_is_not_accepted(run_dir):
    sample = draw_sample(str(run_dir))
    path, _ = _verdicts(run_dir, fails=0)
    with open(sample, "a", encoding="utf-8") as f:
        f.write("\n")
    assert accept(str(run_dir), path)["reasons"] == ["sample_changed"]


def test_plan_warns_below_the_minimum(run_dir):
    from corpusgov.annotation.acceptance import plan_warnings

    draw_sample(str(run_dir), size=100)
    plan = json.load(open(run_dir / "acceptance" / "plan.json"))
    (w,) = plan_warnings(plan)
    assert "below the TC260-003 §9.2 minimum of 4000" in w and "--size 1200 or larger" in w
    draw_sample(str(run_dir))
    assert plan_warnings(json.load(open(run_dir / "acceptance" / "plan.json"))) == []


def test_accept_requires_every_verdict(run_dir):
    draw_sample(str(run_dir), size=50)
    path, _ = _verdicts(run_dir, fails=0, missing=2)
    r = accept(str(run_dir), path)
    assert r["missing"] == 2 and r["complete"] is False and r["accepted"] is False
    assert r["reasons"] == ["sample_below_minimum", "not_all_reviewed", "lower_bound_below_threshold"]


def test_accept_rejects_unknown_ids_naming_file_row_field(run_dir):
    draw_sample(str(run_dir), size=10)
    path = run_dir / "bad.jsonl"
    path.write_text(json.dumps({"record_id": "nope", "verdict": "pass"}) + "\n"
                    + json.dumps({"record_id": "x", "verdict": "ok"}) + "\n")
    with pytest.raises(AnnotationInputError) as e:
        accept(str(run_dir), str(path))
    assert f"{path}: row 1: field 'record_id'" in str(e.value)
    assert f"{path}: row 2: field 'verdict'" in str(e.value)


def test_missing_corpus_is_an_error(tmp_path):
    with pytest.raises(AnnotationInputError, match="no Parquet shards"):
        draw_sample(str(tmp_path))
    os.makedirs(tmp_path / "corpus")
    pq.write_table(pa.table({"record_id": ["a"]}), tmp_path / "corpus" / "p.parquet")
    with pytest.raises(AnnotationInputError, match="missing from the corpus shard"):
        draw_sample(str(tmp_path))
