"""The decide stage: exact + near-duplicate clusters from the compact key rows, grouped through disk partitions.

Why: Beam's in-process runner holds the whole input of every GroupByKey in memory, so grouping every
record's content hash and LSH band keys in Beam made the decide stage grow by ~2 KB per document (and 1M
documents past 2 GB). Here every grouping is a disk partition written and read by tasks (the shape
DataTrove and NeMo Curator use); Beam only distributes the tasks, every step's in one task pipeline
(``tasks.chain_pipeline``: a GroupByKey between steps is the barrier):

1. scatter (one task per key file): rows that survive every earlier measure -> exact partition
   ``content hash mod P``: (content hash, rank, the 16-byte digests of all LSH bands);
2. exact (one task per exact partition): sorted by (content hash, rank); the first of each hash
   represents its group; members of groups of >= 2 -> ``label/members`` (by the representative's node
   partition); each representative's band keys -> bucket partition ``digest mod Q``;
3. buckets (one task per bucket partition): sorted by (band, digest, rank); per bucket of >= 2 members the
   pairs ``bucket_pairs`` compares (head + bounded window) -> pair partition ``hash(pair) mod P``;
4. pairs (one task per pair partition): a pair found in several bands once -> ``label/pairs/fFFFFFF``
   (by the key file of its first record);
5. label (``dedup_label``, tasks over key files and node partitions): signatures read from the key files,
   Jaccard, connected components by label propagation over node partitions -> duplicate rows per output
   shard (``dups/sNNNNN``).

A task holds one partition (at most ``PARTITION_RECORDS`` records, and no more than an output shard's), the
pairs of one key file or the duplicate nodes of one node partition, so no step grows with the corpus beyond
its partitions. (Before step 4 existed, a near pair found in up to 21 bands reached Beam once per band with
both signatures attached: 1.8 GB at 1M records; until step 5 moved to disk, labelling in one Beam pipeline
grew with the duplicate records: 539 -> 722 MB from 100k to 1M documents.)
Partitions follow the content hash and band digests, never a worker or arrival order, and rank order is
(priority, record id, key-file index) everywhere, as in ``FindDuplicates``: the same clusters on any runner.
"""

from __future__ import annotations

import glob
import hashlib
import logging
import os
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from corpusgov.pipelines.annotated import (
    Layout,
    read_parts,
    write_atomic_table,
)
from corpusgov.pipelines.dedup import DIGEST_BYTES, band_digests, bucket_pairs
from corpusgov.pipelines.dedup_label import (
    MEMBERS_SCHEMA,
    PAIRS_SCHEMA,
    START,
    LabelPlan,
    fixed_task,
    label_result,
    label_steps,
    members_path,
    node_part,
    pairs_path,
)
from corpusgov.pipelines.dedup_stats import stats_from_rows
from corpusgov.pipelines.tasks import ChainStep, StageError, maker, read_summaries, rss_line, run_chain
from corpusgov.quality.dedup_policy import DedupPolicy
from corpusgov.quality.minhash import lsh_params

log = logging.getLogger("corpusgov")

PARTITION_RECORDS = 50_000  # records per exact partition (a task's memory: a few tens of MB)
BUCKET_FANOUT = 4  # bucket partitions per exact partition (each holds bands / 4 entries per record)

_RANK = [("priority", "ascending"), ("record_id", "ascending"), ("file", "ascending")]
EXACT_SCHEMA = pa.schema([("content", pa.binary(32)), ("priority", pa.int64()), ("record_id", pa.string()),
                          ("file", pa.int64()), ("bands", pa.binary())])
BUCKET_SCHEMA = pa.schema([("band", pa.int32()), ("digest", pa.binary(DIGEST_BYTES)), ("priority", pa.int64()),
                           ("record_id", pa.string()), ("file", pa.int64())])


@dataclass(frozen=True)
class DecidePlan:
    """Everything a decide task needs: the key files, the rejected sources and the partition counts."""

    work: str
    key_files: list[str]
    rejected: frozenset[str]
    bands: int
    rows: int
    max_compare: int
    exact_parts: int
    bucket_parts: int

    @classmethod
    def make(cls, work: str, key_files: list[str], rejected: frozenset[str], policy: DedupPolicy,
             records: int, num_shards: int = 1) -> DecidePlan:
        """At least one exact partition per output shard, and none above PARTITION_RECORDS records, so a
        decide task holds no more records than a finalise task."""
        bands, rows = lsh_params(policy)
        p = max(1, num_shards, -(-records // PARTITION_RECORDS))
        return cls(work, key_files, rejected, bands, rows, policy.max_bucket_compare, p, p * BUCKET_FANOUT)

    def exact_part(self, p: int, fidx: int) -> str:
        return os.path.join(self.work, "decide", "exact", f"p{p:06d}", f"f{fidx:06d}.parquet")

    def bucket_part(self, q: int, p: int) -> str:
        return os.path.join(self.work, "decide", "buckets", f"q{q:06d}", f"p{p:06d}.parquet")

    def pair_part(self, r: int, q: int) -> str:
        return os.path.join(self.work, "decide", "pair_parts", f"r{r:06d}", f"q{q:06d}.parquet")


def _parts(pattern_dir: str, schema: pa.Schema) -> pa.Table:
    return read_parts(glob.glob(os.path.join(pattern_dir, "*.parquet")), schema)


class Scatter:
    """Task = key-file index: its surviving key rows -> exact partitions by content hash."""

    def __init__(self, plan: DecidePlan) -> None:
        self.plan = plan

    def run(self, fidx: int) -> dict[str, Any]:
        pl = self.plan
        t = pq.read_table(pl.key_files[fidx], columns=["record_id", "source_id", "content_sha256", "priority",
                                                        "pre_ok", "signature"])
        per: dict[int, list[dict[str, Any]]] = {}
        for r in t.to_pylist():
            if r["pre_ok"] and r["signature"] is not None and r["source_id"] not in pl.rejected:
                content = bytes.fromhex(r["content_sha256"])
                per.setdefault(int.from_bytes(content[:8], "big") % pl.exact_parts, []).append(
                    {"content": content, "priority": r["priority"], "record_id": r["record_id"], "file": fidx,
                     "bands": band_digests(r["signature"], pl.bands, pl.rows)})
        for p, rows in per.items():
            write_atomic_table(pa.Table.from_pylist(rows, schema=EXACT_SCHEMA), pl.exact_part(p, fidx))
        return {"task": fidx, "rows": sum(len(r) for r in per.values())}


def _digest_matrix(col: pa.ChunkedArray | pa.Array, width: int) -> np.ndarray:
    """A fixed-size binary column as an (n, width) uint8 matrix (no copy per value)."""
    arr = col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col
    buf = np.frombuffer(arr.buffers()[1], dtype=np.uint8)
    return buf[arr.offset * width : (arr.offset + len(arr)) * width].reshape(len(arr), width)


def _band_matrix(col: pa.ChunkedArray, width: int) -> np.ndarray:
    """A binary column whose values all have `width` bytes as an (n, width) uint8 view of its data buffer.

    Why: `b"".join(col.to_pylist())` made one Python bytes object per representative and then the joined copy
    (about twice the band keys of a partition, at the exact step's peak)."""
    arr = col.combine_chunks()
    if len(arr) and not pc.all(pc.equal(pc.binary_length(arr), width)).as_py():
        raise ValueError(f"band keys of a representative are not {width} bytes")
    offsets = np.frombuffer(arr.buffers()[1], dtype=np.int32)[arr.offset : arr.offset + len(arr) + 1]
    data = np.frombuffer(arr.buffers()[2], dtype=np.uint8) if len(arr) else np.zeros(0, np.uint8)
    return data[offsets[0] : offsets[0] + len(arr) * width].reshape(len(arr), width)


class ExactGroups:
    """Task = exact partition: exact groups -> members file; representatives' band keys -> bucket partitions."""

    def __init__(self, plan: DecidePlan) -> None:
        self.plan = plan

    def run(self, p: int) -> dict[str, Any]:
        pl = self.plan
        t = _parts(os.path.dirname(pl.exact_part(p, 0)), EXACT_SCHEMA)
        n = t.num_rows
        # The sort order, not a sorted copy of the partition: the band keys (most of its bytes) are taken for
        # the representatives only (the rows of `t.sort_by(...)`; a sorted copy and then the representatives
        # taken from it held the band keys three times).
        order = pc.sort_indices(t, sort_keys=[("content", "ascending"), *_RANK]) if n else pa.array([], pa.uint64())
        content = _digest_matrix(t["content"].take(order), 32) if n else np.zeros((0, 32), np.uint8)
        first = np.ones(n, dtype=bool)
        if n > 1:
            first[1:] = (content[1:] != content[:-1]).any(axis=1)
        starts = np.flatnonzero(first)
        sizes = np.diff(np.append(starts, n))
        ids = t["record_id"].take(order).to_pylist()
        members = [{"rep": ids[s], "member": ids[k]} for s, z in zip(starts.tolist(), sizes.tolist(), strict=True)
                   if z > 1 for k in range(s, s + z)]
        per: dict[int, list[dict[str, str]]] = {}
        for m in members:
            per.setdefault(node_part(m["rep"], pl.exact_parts), []).append(m)
        for h, rows in sorted(per.items()):
            write_atomic_table(pa.Table.from_pylist(rows, schema=MEMBERS_SCHEMA), members_path(pl.work, h, p))
        reps = t.take(order.take(pa.array(starts, pa.int64())))
        reps = reps.filter(pc.greater(pc.binary_length(reps["bands"]), 0))
        entries = self._scatter_bands(reps, p)
        return {"task": p, "rows": n, "reps": len(starts), "members": len(members), "band_entries": entries}

    def _scatter_bands(self, reps: pa.Table, p: int) -> int:
        pl, r = self.plan, reps.num_rows
        if not r:
            return 0
        dig = _band_matrix(reps["bands"], pl.bands * DIGEST_BYTES).reshape(r * pl.bands, DIGEST_BYTES)
        q_of = np.ascontiguousarray(dig[:, :4]).view(">u4").ravel() % pl.bucket_parts  # first 4 bytes, big-endian
        order = np.argsort(q_of, kind="stable")
        bounds = np.searchsorted(q_of[order], np.arange(pl.bucket_parts + 1))
        for q in range(pl.bucket_parts):
            sel = order[bounds[q] : bounds[q + 1]]
            if not len(sel):
                continue
            rec = pa.array(sel // pl.bands, pa.int64())
            table = pa.table({
                "band": pa.array((sel % pl.bands).astype(np.int32)),
                "digest": pa.FixedSizeBinaryArray.from_buffers(pa.binary(DIGEST_BYTES), len(sel),
                                                               [None, pa.py_buffer(dig[sel].tobytes())]),
                "priority": reps["priority"].take(rec), "record_id": reps["record_id"].take(rec),
                "file": reps["file"].take(rec)}, schema=BUCKET_SCHEMA)
            write_atomic_table(table, pl.bucket_part(q, p))
        return r * pl.bands


class BucketPairs:
    """Task = bucket partition: per LSH bucket of >= 2 representatives, its candidate pairs -> pairs file."""

    def __init__(self, plan: DecidePlan) -> None:
        self.plan = plan

    def run(self, q: int) -> dict[str, Any]:
        pl = self.plan
        t = _parts(os.path.dirname(pl.bucket_part(q, 0)), BUCKET_SCHEMA)
        n = t.num_rows
        pairs: set[tuple[str, str, int, int, int, int]] = set()
        buckets = 0
        if n > 1:
            t = t.sort_by([("band", "ascending"), ("digest", "ascending"), *_RANK])
            band = t["band"].to_numpy()
            dig = _digest_matrix(t["digest"], DIGEST_BYTES)
            first = np.ones(n, dtype=bool)
            first[1:] = (band[1:] != band[:-1]) | (dig[1:] != dig[:-1]).any(axis=1)
            starts = np.flatnonzero(first)
            sizes = np.diff(np.append(starts, n))
            big = [(s, z) for s, z in zip(starts.tolist(), sizes.tolist(), strict=True) if z > 1]
            if big:
                idx = pa.array([k for s, z in big for k in range(s, s + z)], pa.int64())
                prio, rid, fil = (t[c].take(idx).to_pylist() for c in ("priority", "record_id", "file"))
                at = 0
                for _, z in big:
                    members = [((prio[k], rid[k], fil[k]), rid[k]) for k in range(at, at + z)]
                    at += z
                    buckets += 1
                    for (a, b), (ra, rb) in bucket_pairs(members, pl.max_compare):
                        pairs.add((a, b, ra[0], ra[2], rb[0], rb[2]))
        # A pair shares several bands, so it is found in several bucket partitions: partition the pairs by
        # pair (UniquePairs removes the copies) so that only distinct pairs reach Beam and carry signatures.
        per: dict[int, list[dict[str, Any]]] = {}
        for x in sorted(pairs):
            r = int.from_bytes(hashlib.blake2b(f"{x[0]}\x00{x[1]}".encode(), digest_size=8).digest(), "big")
            per.setdefault(r % pl.exact_parts, []).append(dict(zip(PAIRS_SCHEMA.names, x, strict=True)))
        for r, rows in per.items():
            write_atomic_table(pa.Table.from_pylist(rows, schema=PAIRS_SCHEMA), pl.pair_part(r, q))
        return {"task": q, "entries": n, "buckets": buckets, "rows": len(pairs)}


class UniquePairs:
    """Task = pair partition: the distinct candidate pairs of every bucket partition -> pairs file."""

    def __init__(self, plan: DecidePlan) -> None:
        self.plan = plan

    def run(self, r: int) -> dict[str, Any]:
        pl = self.plan
        t = _parts(os.path.dirname(pl.pair_part(r, 0)), PAIRS_SCHEMA)
        rows = sorted({tuple(x.values()) for x in t.to_pylist()})
        per: dict[int, list[dict[str, Any]]] = {}
        for x in rows:
            per.setdefault(x[3], []).append(dict(zip(PAIRS_SCHEMA.names, x, strict=True)))  # x[3]: a_file
        for a_file, got in sorted(per.items()):
            write_atomic_table(pa.Table.from_pylist(got, schema=PAIRS_SCHEMA), pairs_path(pl.work, a_file, r))
        return {"task": r, "rows": len(rows), "found": t.num_rows}


def run_decide(plan: DecidePlan, policy: DedupPolicy, num_shards: int, make_pipeline: Any,
               ) -> tuple[dict[str, Any], dict[int, int]]:
    """Steps 1-5 (see the module docstring) as one task pipeline (``tasks.chain_pipeline``: each step's tasks
    start when the previous step's have all finished); returns (dedup statistics, {cluster size: clusters})."""
    lay = Layout(plan.work)
    summ = lay.summaries
    label_plan = LabelPlan(plan.work, plan.key_files, plan.exact_parts, policy.threshold, policy.cc_rounds,
                           num_shards)

    def summary_dir(name: str) -> str:
        return summ(f"decide-{name}")

    first = [("scatter", len(plan.key_files), Scatter), ("exact", plan.exact_parts, ExactGroups),
             ("buckets", plan.bucket_parts, BucketPairs), ("pairs", plan.exact_parts, UniquePairs)]
    steps = [ChainStep(name, summary_dir(name), maker(cls, plan), list(range(n)), fixed_task) for name, n, cls in first]
    run_chain(make_pipeline, [*steps, *label_steps(label_plan, summary_dir)], dict(START))
    for name, n, _ in first:
        got = read_summaries(summary_dir(name), list(range(n)), f"decide/{name}")
        log.info("decide %s: %d tasks, %d rows", name, n, sum(s["rows"] for s in got))
    written, changed = label_result(label_plan, summary_dir)
    log.info("decide label: %d duplicate rows; %s", written, rss_line())
    dup_rows = (r for s in range(num_shards) if os.path.exists(lay.dups(s))
                for r in pq.read_table(lay.dups(s)).to_pylist())
    stats, cluster_sizes = stats_from_rows(dup_rows, changed, policy.cc_rounds)
    if written != sum(stats[k] for k in ("exact_duplicate_records", "near_duplicate_records",
                                                              "clusters")):
        raise StageError("stage decide: duplicate rows on disk differ from the rows the tasks wrote")
    return stats, cluster_sizes
