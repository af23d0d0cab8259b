"""Distributed exact + near-duplicate detection as one Beam ``PTransform`` (``FindDuplicates``).

Input: ``(record_id, rank, content_sha256, signature_bytes)`` with ``rank = (source_priority, record_id)``;
the smallest rank in a cluster is its representative. Output: ``(record_id, {"dup_cluster", "dup_of",
"dup_kind"})`` for every record in a cluster of two or more; the representative has ``dup_of=None``.

Steps (no step gathers a whole cluster or the whole graph on one worker except per key):
1. exact: GroupByKey on content hash; the min-rank member represents the group;
2. near: only exact representatives are banded (so 100k identical copies are one item here); per LSH
   bucket members are sorted by rank and each is compared with the head and a bounded window of earlier
   members (``quality.minhash.bucket_edges``): the candidate pairs;
3. verification, connected components and the duplicate rows: ``dedup_graph.ClusterPairs``.

``dup_kind`` is ``"exact"`` for a record with the same content hash as its cluster representative, else
``"near"``; the representative's kind is ``"exact"`` when every member is an exact copy, else ``"near"``.
``FindDuplicates.stats`` (set when the transform is applied) is a one-element PCollection with the
``DedupStats`` dict. The staged run (``pipelines/decide.py``) does steps 1-2 on disk partitions instead and
shares step 3 and the bucket rule (``bucket_pairs``) with this transform, so both give the same clusters.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from typing import Any

import apache_beam as beam
from apache_beam.metrics import Metrics

from corpusgov.pipelines.dedup_graph import NS, ClusterPairs, Rank
from corpusgov.pipelines.dedup_stats import DedupStats
from corpusgov.quality.dedup_policy import DedupPolicy
from corpusgov.quality.minhash import candidate_pairs, lsh_params

DIGEST_BYTES = 16


def _exact_best(items: Iterable[tuple[Rank, str, bytes]]) -> tuple[tuple[Rank, str, bytes], int]:
    best: tuple[Rank, str, bytes] | None = None
    count = 0
    for it in items:
        count += 1
        if best is None or (tuple(it[0]), it[1]) < (tuple(best[0]), best[1]):
            best = it
    assert best is not None
    return best, count


def _exact_rep(kv: tuple[str, Iterable[tuple[Rank, str, bytes]]]) -> tuple[Rank, str, bytes]:
    """Per content hash: the min-rank member, the one item the near step sees for the whole group."""
    best, _ = _exact_best(kv[1])
    return (tuple(best[0]), best[1], best[2])


def _exact_members(kv: tuple[str, Iterable[tuple[Rank, str, bytes]]]) -> Iterator[tuple[str, str]]:
    """Members of exact groups of >= 2 (the representative included), keyed by the group representative."""
    best, count = _exact_best(kv[1])
    if count > 1:
        for it in kv[1]:
            yield best[1], it[1]


def band_digests(sig: bytes, bands: int, rows: int) -> bytes:
    """The LSH band keys of a signature as 16-byte BLAKE2b digests, concatenated (b"" for empty text).

    For staged runs: 16 bytes per band instead of 4 x rows, and no signature in any shuffle. Two different
    bands share a bucket only on a 128-bit digest collision."""
    width = 4 * rows
    if len(sig) < width * bands:
        raise ValueError(f"signature of {len(sig)} bytes is shorter than bands*rows*4")
    if sig.count(b"\xff") == len(sig):  # empty text: no shingles, no near-duplicate candidates
        return b""
    return b"".join(hashlib.blake2b(sig[b * width : (b + 1) * width], digest_size=DIGEST_BYTES).digest()
                    for b in range(bands))


def bucket_pairs(members: list[tuple[Rank, str]], max_compare: int) -> Iterator[tuple[tuple[str, str], tuple[Rank, Rank]]]:
    """Candidate pairs of one LSH bucket whose members are sorted by rank: the pairs `bucket_edges` compares
    (head + bounded window), as ((id_a, id_b), (rank_a, rank_b)) with a before b."""
    for j, i in candidate_pairs(len(members), max_compare):
        (ra, ia), (rb, ib) = members[i], members[j]
        yield (ia, ib), (ra, rb)


class _BandKeys(beam.DoFn):
    def __init__(self, bands: int, rows: int) -> None:
        self.bands = bands
        self.rows = rows

    def process(self, item: tuple[Rank, str, bytes]) -> Iterator[tuple[bytes, tuple[Rank, str]]]:
        sig = item[2]
        width = 4 * self.rows
        if len(sig) < width * self.bands:
            raise ValueError(f"signature of {len(sig)} bytes is shorter than bands*rows*4")
        if sig.count(b"\xff") == len(sig):  # empty text: no shingles, no near-duplicate candidates
            return
        # Buckets carry (rank, id) only: with the 512-byte signature in every band entry the bucket shuffle
        # was ~bands x 0.6 KB per record. Signatures join the (few) candidate pairs afterwards.
        for b in range(self.bands):
            yield b.to_bytes(2, "big") + sig[b * width : (b + 1) * width], (item[0], item[1])


class _BucketPairs(beam.DoFn):
    """Candidate pairs inside one bucket (`bucket_pairs`)."""

    def __init__(self, max_compare: int) -> None:
        self.max_compare = max_compare
        self.big = Metrics.distribution(NS, "bucket_size")

    def process(self, kv: tuple[bytes, Iterable[tuple[Rank, str]]]) -> Iterator[Any]:
        members = sorted({(tuple(r), i) for r, i in kv[1]})
        if len(members) < 2:
            return
        self.big.update(len(members))
        yield from bucket_pairs(members, self.max_compare)


class FindDuplicates(beam.PTransform):
    """Exact + near-duplicate clusters; see the module docstring. ``.stats`` is set by ``expand``."""

    def __init__(
        self,
        policy: DedupPolicy | None = None,
        *,
        threshold: float | None = None,
        bands: int | None = None,
        rows: int | None = None,
        cc_rounds: int | None = None,
        max_bucket_compare: int | None = None,
        with_stats: bool = True,
    ) -> None:
        super().__init__()
        self.with_stats = with_stats
        p = policy or DedupPolicy()
        b, r = (bands, rows) if bands is not None and rows is not None else lsh_params(p)
        self.threshold = p.threshold if threshold is None else threshold
        self.bands, self.rows = b, r
        self.cc_rounds = p.cc_rounds if cc_rounds is None else cc_rounds
        self.max_bucket_compare = p.max_bucket_compare if max_bucket_compare is None else max_bucket_compare
        if self.cc_rounds < 1:
            raise ValueError("cc_rounds must be >= 1")
        self.stats: beam.PCollection | None = None
        self.changed_last_round: beam.PCollection | None = None
        self.changed_nodes: beam.PCollection | None = None  # one element (1) per label still changing

    def expand(self, records: beam.PCollection) -> beam.PCollection:
        grouped = (
            records
            | "KeyByContent" >> beam.Map(lambda t: (t[2], (tuple(t[1]), t[0], bytes(t[3]))))
            | "GroupExact" >> beam.GroupByKey()
        )
        reps = grouped | "ExactReps" >> beam.Map(_exact_rep)
        members = grouped | "ExactMembers" >> beam.FlatMap(_exact_members)
        pairs = (
            reps
            | "BandKeys" >> beam.ParDo(_BandKeys(self.bands, self.rows))
            | "GroupBuckets" >> beam.GroupByKey()
            | "BucketPairs" >> beam.ParDo(_BucketPairs(self.max_bucket_compare))
        )
        sigs = reps | "SigById" >> beam.Map(lambda t: (t[1], t[2]))
        cluster = ClusterPairs(self.threshold, self.cc_rounds)
        dups = {"pairs": pairs, "members": members, "sigs": sigs} | "Cluster" >> cluster
        self.changed_nodes = cluster.changed_nodes
        if self.with_stats:
            assert self.changed_nodes is not None
            self.changed_last_round = self.changed_nodes | "CountChanged" >> beam.CombineGlobally(sum)
            self.stats = dups | "Stats" >> DedupStats(self.changed_last_round, self.cc_rounds)
        return dups


def run_local(
    items: list[tuple[str, Rank, str, bytes]],
    policy: DedupPolicy | None = None,
    pipeline_options: list[str] | None = None,
    workdir: str | None = None,
    **kwargs: Any,
) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    """Run FindDuplicates on in-memory items with the FnApiRunner (offline; no Prism download) and read
    the results back from files, which works for multi-process runs too. For tests and the eval."""
    import os
    import tempfile

    from apache_beam.options.pipeline_options import PipelineOptions
    from apache_beam.runners.portability.fn_api_runner import FnApiRunner

    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        opts = PipelineOptions(pipeline_options or [])
        with beam.Pipeline(runner=FnApiRunner(), options=opts) as p:
            t = FindDuplicates(policy, **kwargs)
            dups = p | "Items" >> beam.Create(items) | "Dedup" >> t
            (dups | "DupJson" >> beam.Map(lambda kv: json.dumps([kv[0], kv[1]], sort_keys=True))
             | "WriteDups" >> beam.io.WriteToText(os.path.join(tmp, "dups")))
            (t.stats | "StatsJson" >> beam.Map(lambda d: json.dumps(d, sort_keys=True))
             | "WriteStats" >> beam.io.WriteToText(os.path.join(tmp, "stats")))
        out: dict[str, dict[str, Any]] = {}
        stats: dict[str, Any] = {}
        for name in sorted(os.listdir(tmp)):
            with open(os.path.join(tmp, name), encoding="utf-8") as f:
                for line in f:
                    if name.startswith("dups"):
                        rid, d = json.loads(line)
                        out[rid] = d
                    elif name.startswith("stats"):
                        stats = json.loads(line)
    return out, stats
