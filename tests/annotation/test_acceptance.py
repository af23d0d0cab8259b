from __future__ import annotations

import json
import os

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from annotation.acceptance import accept, draw_sample
from annotation.models import AnnotationInputError


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


def test_accept_pass_rate_interval_and_threshold(run_dir):
    draw_sample(str(run_dir), size=200, seed=3)
    path, failed = _verdicts(run_dir, fails=6)
    r = accept(str(run_dir), path)
    assert (r["reviewed"], r["passed"], r["failed"]) == (200, 194, 6)
    assert r["pass_rate"] == pytest.approx(0.97) and r["accepted"] is True
    assert r["ci_low"] < 0.97 < r["ci_high"] and r["accepted_at_lower_bound"] is False
    assert r["failed_record_ids"] == failed
    assert json.load(open(run_dir / "acceptance" / "result.json")) == r
    path, _ = _verdicts(run_dir, fails=9)
    assert accept(str(run_dir), path)["accepted"] is False  # 95.5% < 96%


def test_accept_requires_every_verdict(run_dir):
    draw_sample(str(run_dir), size=50)
    path, _ = _verdicts(run_dir, fails=0, missing=2)
    r = accept(str(run_dir), path)
    assert r["missing"] == 2 and r["complete"] is False and r["accepted"] is False


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
