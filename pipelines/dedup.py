"""Distributed exact + near-duplicate detection as one Beam ``PTransform``.

Input: ``(record_id, rank, content_sha256, signature_bytes)`` with ``rank = (source_priority, record_id)``;
the smallest rank in a cluster is its representative. Output: ``(record_id, {"dup_cluster", "dup_of",
"dup_kind"})`` for every record in a cluster of two or more; the representative has ``dup_of=None``.

Steps (no step gathers a whole cluster or the whole graph on one worker except per key):
1. exact: GroupByKey on content hash; the min-rank member represents the group;
2. near: only exact representatives are banded (so 100k identical copies are one item here); per LSH
   bucket members are sorted by rank and each is compared with the head and a bounded window of earlier
   members (``quality.minhash.bucket_edges``); pairs with estimated Jaccard >= threshold become edges;
3. connected components by min-label propagation, unrolled for ``cc_rounds`` rounds (one GroupByKey per
   round: each node sends its label to its neighbours and keeps its adjacency). Nodes whose label still
   changed in the last round are counted (Beam counter ``cc_changed_last_round`` and ``stats``), so a
   non-converged result is reported, never silent. Labels are ranks, so results are deterministic on any
   runner and worker count.

``dup_kind`` is ``"exact"`` for a record with the same content hash as its cluster representative, else
``"near"``; the representative's kind is ``"exact"`` when every member is an exact copy, else ``"near"``.
``FindDuplicates.stats`` (set when the transform is applied) is a one-element PCollection with the
``DedupStats`` dict: counts of exact and near duplicate records (non-representatives), clusters, a
cluster-size histogram and the convergence counter.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

import apache_beam as beam
import numpy as np
from apache_beam.metrics import Metrics

from corpusgov.quality.dedup_policy import DedupPolicy
from corpusgov.quality.minhash import bytes_to_signature, candidate_pairs, lsh_params

_NS = "corpusgov.dedup"

# (source priority, record id), or with the key-file index appended in the compact mode; a tuple of any
# length, as ranks come back from a shuffle as sequences and are rebuilt with tuple().
Rank = tuple[Any, ...]


def _size_bucket(n: int) -> str:
    """Cluster-size histogram key: "2", "3", "4", then power-of-two ranges "5-8", "9-16", "17-32", ..."""
    if n <= 4:
        return str(n)
    lo, hi = 5, 8
    while n > hi:
        lo, hi = hi + 1, hi * 2
    return f"{lo}-{hi}"


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
    """Members of exact groups of >= 2, keyed by the group representative."""
    best, count = _exact_best(kv[1])
    if count > 1:
        for it in kv[1]:
            yield best[1], it[1]


DIGEST_BYTES = 16


def band_digests(sig: bytes, bands: int, rows: int, band_range: tuple[int, int] | None = None) -> bytes:
    """The LSH band keys of a signature as 16-byte BLAKE2b digests, concatenated (b"" for empty text);
    only the bands in `band_range` when given.

    For compact runs (`FindDuplicates(signature_files=...)`): 16 bytes per band instead of 4 x rows, and no
    signature in any shuffle. Two different bands share a bucket only on a 128-bit digest collision."""
    import hashlib

    width = 4 * rows
    if len(sig) < width * bands:
        raise ValueError(f"signature of {len(sig)} bytes is shorter than bands*rows*4")
    if sig.count(b"\xff") == len(sig):  # empty text: no shingles, no near-duplicate candidates
        return b""
    lo, hi = band_range or (0, bands)
    return b"".join(hashlib.blake2b(sig[b * width : (b + 1) * width], digest_size=DIGEST_BYTES).digest()
                    for b in range(lo, min(hi, bands)))


class _BandKeys(beam.DoFn):
    def __init__(self, bands: int, rows: int, compact: bool = False, band_range: tuple[int, int] | None = None) -> None:
        self.bands = bands
        self.rows = rows
        self.compact = compact
        self.band_range = band_range or (0, bands)

    def process(self, item: tuple[Rank, str, bytes]) -> Iterator[tuple[bytes, tuple[Rank, str]]]:
        if self.compact:  # item[2] holds the digests of the bands in band_range (of all bands by default)
            blob, n = item[2], DIGEST_BYTES
            lo = self.band_range[0]
            for j in range(len(blob) // n):
                yield (lo + j).to_bytes(2, "big") + blob[j * n : (j + 1) * n], (item[0], item[1])
            return
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
    """Candidate pairs inside one bucket: the pairs `bucket_edges` compares (head + bounded window)."""

    def __init__(self, max_compare: int) -> None:
        self.max_compare = max_compare
        self.big = Metrics.distribution(_NS, "bucket_size")

    def process(self, kv: tuple[bytes, Iterable[tuple[Rank, str]]]) -> Iterator[Any]:
        members = sorted({(tuple(r), i) for r, i in kv[1]})
        if len(members) < 2:
            return
        self.big.update(len(members))
        for j, i in candidate_pairs(len(members), self.max_compare):
            (ra, ia), (rb, ib) = members[i], members[j]
            yield (ia, ib), (ra, rb)


def _attach(kv: tuple[str, Iterable[tuple[str, Any]]]) -> Iterator[Any]:
    """Join step: each pair keyed by one of its ids picks up that id's signature."""
    _, tagged = kv
    g = _untag(tagged)
    if not g["sig"]:
        return
    sig = g["sig"][0]
    for pair, carried in g["pair"]:
        yield pair, (*carried, sig)


def _untag(tagged: Iterable[tuple[str, Any]]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {"sig": [], "pair": [], "labels": [], "members": []}
    for tag, v in tagged:
        out[tag].append(v)
    return out


class _Join(beam.PTransform):
    """CoGroupByKey as Flatten + GroupByKey of (key, (tag, value)) with single-output steps only.

    Why: Beam 2.77's DaskRunner mixes the outputs of a multi-output ParDo and passes a Map's extra
    arguments twice, which is how its CoGroupByKey is built; this join runs on every runner."""

    def expand(self, tagged: dict[str, beam.PCollection]) -> beam.PCollection:
        parts = [pc | f"Tag{tag}" >> beam.Map(_tagger(tag)) for tag, pc in sorted(tagged.items())]
        return parts | "Union" >> beam.Flatten() | "Group" >> beam.GroupByKey()


def _tagger(tag: str):
    return lambda kv: (kv[0], (tag, kv[1]))


class _LookupSignatures(beam.DoFn):
    """(file index, [(pair, carried)]) -> (pair, (*carried, signature of pair[side])), the signature read
    from that key file (compact runs: signatures stay on disk and only candidate pairs are shuffled)."""

    def __init__(self, files: list[str], side: int) -> None:
        self.files = files
        self.side = side

    def process(self, kv: tuple[int, Iterable[tuple[tuple[str, str], tuple]]]) -> Iterator[Any]:
        import pyarrow as pa
        import pyarrow.compute as pc
        import pyarrow.parquet as pq

        fidx, items = kv
        items = list(items)
        want = sorted({pair[self.side] for pair, _ in items})
        t = pq.read_table(self.files[fidx], columns=["record_id", "signature"])
        t = t.filter(pc.is_in(t["record_id"], value_set=pa.array(want, pa.string())))
        sigs = dict(zip(t["record_id"].to_pylist(), t["signature"].to_pylist(), strict=True))
        for pair, carried in items:
            yield pair, (*carried, sigs[pair[self.side]])


def _by_file(side: int):
    """Keys a (pair, (rank_a, rank_b, ...)) by the key-file index carried in the side's rank."""
    return lambda kv: (kv[1][side][2], kv)


class _VerifyPairs(beam.DoFn):
    """Verified edges, both directions, each carrying the neighbour's rank."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold

    def process(self, kv: tuple[tuple[str, str], Iterable[tuple[Rank, Rank, bytes, bytes]]]) -> Iterator[Any]:
        (ia, ib), vals = kv
        ra, rb, sa, sb = next(iter(vals))  # a pair found in several buckets carries the same values
        a, b = bytes_to_signature(sa), bytes_to_signature(sb)
        if np.count_nonzero(a == b) / a.shape[0] >= self.threshold:
            yield ia, (tuple(ra), ib, tuple(rb))
            yield ib, (tuple(rb), ia, tuple(ra))


def _node_state(kv: tuple[str, Iterable[tuple[Rank, str, Rank]]]) -> tuple[str, tuple[Rank, tuple[str, ...]]]:
    """(node, (label, neighbours)): initial label = own rank; duplicate edges from several bands merge."""
    node, edges = kv
    own: Rank | None = None
    nbrs: dict[str, Rank] = {}
    for r_self, nb, r_nb in edges:
        own = tuple(r_self)
        nbrs[nb] = tuple(r_nb)
    assert own is not None
    label = min([own, *nbrs.values()])  # first round folded in: neighbours' own ranks are known
    return node, (label, tuple(sorted(nbrs)))


def _send(kv: tuple[str, tuple[Any, ...]]) -> Iterator[tuple[str, tuple]]:
    node, (label, nbrs) = kv[0], kv[1][:2]
    yield node, ("s", label, nbrs)
    for nb in nbrs:
        yield nb, ("m", label)


class _Receive(beam.DoFn):
    """New label = min over own and received labels; the last round also marks nodes still changing."""

    def __init__(self, last: bool) -> None:
        self.last = last
        self.changed = Metrics.counter(_NS, "cc_changed_last_round")

    def process(self, kv: tuple[str, Iterable[tuple]]) -> Iterator[Any]:
        node, msgs = kv
        old: Rank | None = None
        nbrs: tuple[str, ...] = ()
        best: Rank | None = None
        for m in msgs:
            lab = tuple(m[1])
            if m[0] == "s":
                old, nbrs = lab, tuple(m[2])
            if best is None or lab < best:
                best = lab
        if old is None:  # message to a node that does not exist: cannot happen with symmetric edges
            return
        assert best is not None
        changed = self.last and best != old
        if changed:
            self.changed.inc()
        yield node, (best, nbrs, changed)


def _emit(kv: tuple[str, Iterable[tuple[str, Any]]]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Per exact-group representative g: its final label (if in the near graph) and its exact members."""
    g, tagged = kv
    grouped = _untag(tagged)
    labels = grouped["labels"]
    members = grouped["members"]
    if labels:
        rep = labels[0][1]  # rank = (priority, record_id)
        near = True
    else:
        rep, near = g, False
    if rep == g:
        yield g, {"dup_cluster": g, "dup_of": None, "dup_kind": "near" if near else "exact"}
        for m in members:
            if m != g:
                yield m, {"dup_cluster": g, "dup_of": g, "dup_kind": "exact"}
    else:
        yield g, {"dup_cluster": rep, "dup_of": rep, "dup_kind": "near"}
        for m in members:
            if m != g:
                yield m, {"dup_cluster": rep, "dup_of": rep, "dup_kind": "near"}


class _CountsFn(beam.CombineFn):
    """exact / near duplicate records (non-representatives) and clusters (= representatives)."""

    def create_accumulator(self) -> list[int]:
        return [0, 0, 0]

    def add_input(self, acc: list[int], kv: tuple[str, dict[str, Any]]) -> list[int]:
        d = kv[1]
        if d["dup_of"] is None:
            acc[2] += 1
        elif d["dup_kind"] == "exact":
            acc[0] += 1
        else:
            acc[1] += 1
        return acc

    def merge_accumulators(self, accs: Iterable[list[int]]) -> list[int]:
        out = [0, 0, 0]
        for a in accs:
            out = [x + y for x, y in zip(out, a, strict=True)]
        return out

    def extract_output(self, acc: list[int]) -> dict[str, int]:
        return {"exact_duplicate_records": acc[0], "near_duplicate_records": acc[1], "clusters": acc[2]}


def stats_from_rows(rows: Iterable[dict[str, Any]], changed_last_round: int, cc_rounds: int,
                    ) -> tuple[dict[str, Any], dict[int, int]]:
    """(the ``DedupStats`` dict, {cluster size: clusters}) from every ``FindDuplicates`` output row.

    The same numbers ``DedupStats`` computes inside a pipeline, for callers that wrote the rows to files;
    memory grows with the number of duplicate clusters, not with the corpus."""
    counts = [0, 0, 0]
    sizes: dict[str, int] = {}
    for d in rows:
        if d["dup_of"] is None:
            counts[2] += 1
        elif d["dup_kind"] == "exact":
            counts[0] += 1
        else:
            counts[1] += 1
        sizes[d["dup_cluster"]] = sizes.get(d["dup_cluster"], 0) + 1
    by_size: dict[int, int] = {}
    hist: dict[str, int] = {}
    for n in sizes.values():
        by_size[n] = by_size.get(n, 0) + 1
        hist[_size_bucket(n)] = hist.get(_size_bucket(n), 0) + 1
    stats: dict[str, Any] = {"exact_duplicate_records": counts[0], "near_duplicate_records": counts[1], "clusters": counts[2],
             "cluster_size_histogram": dict(sorted(hist.items(), key=lambda kv: int(kv[0].split("-")[0]))),
             "cc_rounds": cc_rounds, "cc_changed_last_round": changed_last_round,
             "cc_converged": changed_last_round == 0}
    return stats, by_size


class _HistogramFn(beam.CombineFn):
    def create_accumulator(self) -> dict[str, int]:
        return {}

    def add_input(self, acc: dict[str, int], size: int) -> dict[str, int]:
        k = _size_bucket(size)
        acc[k] = acc.get(k, 0) + 1
        return acc

    def merge_accumulators(self, accs: Iterable[dict[str, int]]) -> dict[str, int]:
        out: dict[str, int] = {}
        for a in accs:
            for k, v in a.items():
                out[k] = out.get(k, 0) + v
        return out

    def extract_output(self, acc: dict[str, int]) -> dict[str, int]:
        return dict(sorted(acc.items(), key=lambda kv: int(kv[0].split("-")[0])))


class DedupStats(beam.PTransform):
    """One dict from FindDuplicates' output (plus the convergence counter when given)."""

    def __init__(self, changed_last_round: beam.PCollection | None = None, cc_rounds: int | None = None):
        super().__init__()
        self.changed_last_round = changed_last_round
        self.cc_rounds = cc_rounds

    def expand(self, dups: beam.PCollection) -> beam.PCollection:
        counts = dups | "Counts" >> beam.CombineGlobally(_CountsFn())
        hist = (
            dups
            | "ClusterOf" >> beam.Map(lambda kv: (kv[1]["dup_cluster"], 1))
            | "ClusterSize" >> beam.CombinePerKey(sum)
            | "Sizes" >> beam.Values()
            | "Histogram" >> beam.CombineGlobally(_HistogramFn())
        )
        if self.changed_last_round is not None:
            changed = self.changed_last_round
        else:
            changed = dups.pipeline | "NoCC" >> beam.Create([0])
        rounds = self.cc_rounds

        def assemble(c: dict[str, int], h: dict[str, int], ch: int) -> dict[str, Any]:
            return {**c, "cluster_size_histogram": h, "cc_rounds": rounds, "cc_changed_last_round": ch,
                    "cc_converged": ch == 0}

        return counts | "Assemble" >> beam.Map(
            assemble, beam.pvalue.AsSingleton(hist), beam.pvalue.AsSingleton(changed)
        )


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
        signature_files: list[str] | None = None,
        band_range: tuple[int, int] | None = None,
        pairs: beam.PCollection | None = None,
    ) -> None:
        super().__init__()
        self.with_stats = with_stats
        # Band rounds (compact mode): with `band_range` the transform returns only the candidate pairs of
        # those bands; with `pairs` it takes the candidate pairs of every round instead of banding itself.
        # The in-process runner then holds the bucket entries of a few bands at a time, not of all of them.
        self.band_range = band_range
        self.pairs = pairs
        # Compact mode: items are (id, (priority, id, file index), content key, band_digests(sig)) and each
        # signature is read from signature_files[file index] only for candidate pairs.
        self.signature_files = signature_files
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
        if self.pairs is not None:
            pairs = self.pairs
        else:
            pairs = (
                reps
                | "BandKeys" >> beam.ParDo(_BandKeys(self.bands, self.rows, self.signature_files is not None,
                                                     self.band_range))
                | "GroupBuckets" >> beam.GroupByKey()
                | "BucketPairs" >> beam.ParDo(_BucketPairs(self.max_bucket_compare))
            )
        if self.band_range is not None:
            return pairs
        if self.signature_files is not None:
            files = self.signature_files
            with_sigs = (
                pairs
                | "PairFileA" >> beam.Map(_by_file(0)) | "GroupFileA" >> beam.GroupByKey()
                | "SigA" >> beam.ParDo(_LookupSignatures(files, 0))
                | "PairFileB" >> beam.Map(_by_file(1)) | "GroupFileB" >> beam.GroupByKey()
                | "SigB" >> beam.ParDo(_LookupSignatures(files, 1))
            )
        else:
            sigs = reps | "SigById" >> beam.Map(lambda t: (t[1], t[2]))
            with_a = (
                {"pair": pairs | "PairByA" >> beam.Map(lambda kv: (kv[0][0], (kv[0], kv[1]))), "sig": sigs}
                | "JoinSigA" >> _Join()
                | "AttachA" >> beam.FlatMap(_attach)
            )
            with_sigs = (
                {"pair": with_a | "PairByB" >> beam.Map(lambda kv: (kv[0][1], (kv[0], kv[1]))), "sig": sigs}
                | "JoinSigB" >> _Join()
                | "AttachB" >> beam.FlatMap(_attach)
            )
        edges = (
            with_sigs
            | "GroupPairs" >> beam.GroupByKey()
            | "VerifyPairs" >> beam.ParDo(_VerifyPairs(self.threshold))
        )
        state = edges | "GroupAdjacency" >> beam.GroupByKey() | "InitLabels" >> beam.Map(_node_state)
        for i in range(self.cc_rounds):
            last = i == self.cc_rounds - 1
            state = (
                state
                | f"Send{i}" >> beam.FlatMap(_send)
                | f"Gather{i}" >> beam.GroupByKey()
                | f"Receive{i}" >> beam.ParDo(_Receive(last))
            )
        self.changed_nodes = state | "Changed" >> beam.FlatMap(lambda kv: [1] if kv[1][2] else [])
        changed = None
        if self.with_stats:
            changed = self.changed_nodes | "CountChanged" >> beam.CombineGlobally(sum)
        labels = state | "Labels" >> beam.Map(lambda kv: (kv[0], kv[1][0]))
        dups = (
            {"labels": labels, "members": members}
            | "JoinGroups" >> _Join()
            | "Emit" >> beam.FlatMap(_emit)
        )
        self.changed_last_round = changed
        if self.with_stats:  # without: no extra branches (a staged run derives the stats from its dup rows)
            self.stats = dups | "Stats" >> DedupStats(changed, self.cc_rounds)
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


def signature_items(
    records: Iterable[tuple[str, int, str, str]], hasher: Any
) -> list[tuple[str, Rank, str, bytes]]:
    """(record_id, priority, content_sha256, text) -> FindDuplicates input items (helper for callers)."""
    recs = list(records)
    sigs = hasher.signatures([r[3] for r in recs])
    return [
        (rid, (prio, rid), sha, np.asarray(sig, dtype="<u4").tobytes())
        for (rid, prio, sha, _), sig in zip(recs, sigs, strict=True)
    ]
