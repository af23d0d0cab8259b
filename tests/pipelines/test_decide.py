"""The staged decide stage (disk partitions + ClusterPairs) gives the clusters of FindDuplicates, whatever
the number of partitions, and no partition task holds more than its share of the records."""

from __future__ import annotations

import json
from pathlib import Path

import apache_beam as beam
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from apache_beam.runners.portability.fn_api_runner import FnApiRunner

from corpusgov.pipelines.annotated import KEYS_SCHEMA, Layout
from corpusgov.pipelines.decide import BUCKET_FANOUT, DecidePlan, run_decide
from corpusgov.pipelines.dedup import run_local
from corpusgov.quality.dedup_policy import DedupPolicy
from corpusgov.quality.eval.dedup_eval import content_sha256, load
from corpusgov.quality.minhash import MinHasher

POLICY = DedupPolicy()


def _key_files(rows: list[dict], tmp: Path, files: int) -> tuple[list[str], list[tuple]]:
    """The labelled dedup set as key rows spread over `files` key files; also the FindDuplicates items."""
    sigs = MinHasher(POLICY).signatures([r["text"] for r in rows])
    per: list[list[dict]] = [[] for _ in range(files)]
    items = []
    for i, (r, s) in enumerate(zip(rows, sigs, strict=True)):
        prio = i % 3  # several priorities, so the representative is not always the smallest id
        sig = s.astype("<u4").tobytes()
        per[i % files].append({"record_id": r["id"], "source_id": "src", "content_sha256": content_sha256(r["text"]),
                               "priority": prio, "pre_ok": True, "screen_hit": False, "signature": sig})
        items.append((r["id"], (prio, r["id"]), content_sha256(r["text"]), sig))
    paths = []
    for k, rs in enumerate(per):
        p = tmp / "keys" / f"f{k:06d}.parquet"
        p.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.Table.from_pylist(rs, schema=KEYS_SCHEMA), p)
        paths.append(str(p))
    return paths, items


def _staged(tmp: Path, key_files: list[str], exact_parts: int, shards: int) -> tuple[dict, dict, dict]:
    work = tmp / f"work-{exact_parts}"
    plan = DecidePlan(str(work), key_files, frozenset(), *_lsh(), POLICY.max_bucket_compare, exact_parts,
                      exact_parts * BUCKET_FANOUT)
    stats, _ = run_decide(plan, POLICY, shards, lambda: beam.Pipeline(runner=FnApiRunner()))
    out = {}
    for s in range(shards):
        p = Layout(str(work)).dups(s)
        if Path(p).exists():
            for r in pq.read_table(p).to_pylist():
                out[r.pop("record_id")] = r
    summaries = {json.loads(p.read_text())["task"]: json.loads(p.read_text())
                 for p in (work / "summaries" / "decide-exact").glob("*.json")}
    return out, stats, summaries


def _lsh() -> tuple[int, int]:
    from corpusgov.quality.minhash import lsh_params

    return lsh_params(POLICY)


@pytest.mark.parametrize("exact_parts", [1, 3])
def test_staged_decide_equals_find_duplicates(tmp_path: Path, exact_parts: int) -> None:
    rows = load()
    key_files, items = _key_files(rows, tmp_path, files=4)
    want, want_stats = run_local(items, POLICY)
    got, stats, summaries = _staged(tmp_path, key_files, exact_parts, shards=2)
    assert len(want) > 20 and any(d["dup_kind"] == "near" for d in want.values())
    assert any(d["dup_kind"] == "exact" and d["dup_of"] for d in want.values())
    assert got == want
    assert stats == want_stats
    # every record went to exactly one exact partition, and with 3 partitions none holds them all
    assert sum(s["rows"] for s in summaries.values()) == len(rows)
    if exact_parts > 1:
        assert max(s["rows"] for s in summaries.values()) < len(rows)


def test_rejected_sources_and_pre_dropped_records_are_left_out(tmp_path: Path) -> None:
    rows = load()
    key_files, _ = _key_files(rows, tmp_path, files=2)
    plan = DecidePlan(str(tmp_path / "w"), key_files, frozenset({"src"}), *_lsh(), POLICY.max_bucket_compare, 2, 8)
    stats, sizes = run_decide(plan, POLICY, 1, lambda: beam.Pipeline(runner=FnApiRunner()))
    assert stats["clusters"] == 0 and sizes == {}
