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


def _chain(n: int, seed: int = 7) -> list[tuple[str, int, str, bytes]]:
    """(id, priority, content hash, signature) of a chain of near duplicates: neighbours agree on 104 of 128
    MinHash values (0.81 >= 0.7), records two steps apart on at most 80 (0.625), so only neighbours are edges
    and a label needs one round per step to cross the chain. One exact copy of the third record joins it."""
    import numpy as np

    rng = np.random.default_rng(seed)
    sig = rng.integers(0, 2**32, size=128, dtype=np.uint64).astype(np.uint32)
    out = []
    for i in range(n):
        if i:
            pos = (np.arange(24) + 24 * i) % 128
            sig = sig.copy()
            sig[pos] = rng.integers(0, 2**32, size=24, dtype=np.uint64).astype(np.uint32)
        out.append((f"c{i:03d}", n - i, f"{i:064x}", sig.astype("<u4").tobytes()))  # the chain's end ranks first
    out.append(("c900", 5, f"{2:064x}", out[2][3]))
    return out


@pytest.mark.parametrize(("cc_rounds", "parts"), [(1, 1), (2, 3), (10, 2)])
def test_labels_equal_cluster_pairs_also_when_rounds_do_not_converge(tmp_path: Path, cc_rounds: int,
                                                                      parts: int) -> None:
    policy = DedupPolicy(cc_rounds=cc_rounds)
    chain = _chain(10)
    rows = [{"record_id": i, "source_id": "src", "content_sha256": h, "priority": p, "pre_ok": True,
             "screen_hit": False, "signature": s} for i, p, h, s in chain]
    key_files = []
    for k in range(2):
        path = tmp_path / "keys" / f"f{k:06d}.parquet"
        path.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.Table.from_pylist(rows[k::2], schema=KEYS_SCHEMA), path)
        key_files.append(str(path))
    want, want_stats = run_local([(i, (p, i), h, s) for i, p, h, s in chain], policy)
    work = tmp_path / "work"
    plan = DecidePlan(str(work), key_files, frozenset(), *_lsh(), policy.max_bucket_compare, parts,
                      parts * BUCKET_FANOUT)
    stats, _ = run_decide(plan, policy, 2, lambda: beam.Pipeline(runner=FnApiRunner()))
    got = {}
    for s in range(2):
        p = Layout(str(work)).dups(s)
        if Path(p).exists():
            for r in pq.read_table(p).to_pylist():
                got[r.pop("record_id")] = r
    assert len(want) == 11 and got == want and stats == want_stats
    if cc_rounds < 8:  # the label of the chain's end has not reached its start
        assert stats["cc_changed_last_round"] > 0 and len({d["dup_cluster"] for d in want.values()}) > 1
    else:
        assert stats["cc_changed_last_round"] == 0 and {d["dup_cluster"] for d in want.values()} == {"c009"}
