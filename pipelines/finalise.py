"""The finalise stage: one task per output shard turns its annotated parts and duplicate rows into the tables.

Why: a shard's records arrive sorted by record id from its own annotated parts, so one task writes
``corpus/``, ``decisions/``, ``pii/``, ``copyright/``, ``signatures/`` and ``deadletter/`` of that shard
(sorted, with the corpus Merkle root) holding one shard, never the corpus. Counters, signal statistics,
diversity sketches and drill-down samples leave the task as a per-shard summary; the driver merges the
summaries into the work files the manifest is built from (``merge_outputs``).
"""

from __future__ import annotations

import base64
import glob
import json
import os
import pickle
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from corpusgov.aggregates import estimate_tokens_batch
from corpusgov.heap import release_free_memory
from corpusgov.pipelines.annotated import (
    ANNOTATED_SCHEMA,
    Layout,
    batch_records,
    read_dead,
    write_atomic_text,
)
from corpusgov.pipelines.governance import (
    COPYRIGHT_SCHEMA,
    CORPUS_SCHEMA,
    PII_SCHEMA,
    SIGNATURE_SCHEMA,
    RecordFinaliser,
    RunSpec,
    ShardAggregates,
    decisions_schema,
    merge_signal,
    signal_summary,
)
from corpusgov.pipelines.outputs import ShardSink, sort_key, write_shard
from corpusgov.pipelines.tasks import StageError
from corpusgov.quality.signal_names import SIGNAL_NAMES

FLUSH_ROWS = 2048  # annotated rows decided per batch (one Arrow record batch at a time)
SPILL_ROWS = 4096  # rows per sorted bucket (a multiple of it on large shards): what finalise holds of a shard's rows
MAX_SPILL_FILES = 64  # spill files open at once: a shard of more than 64 x 4,096 rows gets larger buckets


class ShardWriter:
    """Per worker: `run(shard)` turns one annotated shard + its duplicate rows into the run's tables."""

    def __init__(self, spec: RunSpec, screen_counts: dict[str, tuple[int, int]]) -> None:
        self.spec = spec
        self.layout = Layout(spec.work_dir)
        self.finaliser = RecordFinaliser(spec, screen_counts)
        from corpusgov.progress import Tally

        self.tally = Tally(spec.progress_dir, "written")

    def run(self, shard: int) -> dict[str, Any]:
        spec, lay = self.spec, self.layout
        d = lay.shard_dir(shard)
        parts = glob.glob(os.path.join(d, "*.parquet"))
        dead = list(read_dead(glob.glob(os.path.join(d, "*.dead.jsonl"))))
        dup_path = lay.dups(shard)
        dups = {r["record_id"]: r for r in pq.read_table(dup_path).to_pylist()} if os.path.exists(dup_path) else {}
        n, comp, o = spec.num_shards, spec.compression, spec.out_dir
        kinds = {  # kind -> (schema, order of rows inside the shard)
            "decisions": (decisions_schema(), ("record_id",)), "corpus": (CORPUS_SCHEMA, ("record_id",)),
            "pii": (PII_SCHEMA, ("record_id", "start", "end", "entity_type")),
            "copyright": (COPYRIGHT_SCHEMA, ("record_id", "start", "end", "marker_class")),
            "signatures": (SIGNATURE_SCHEMA, ("record_id",)),
        }
        sinks = {k: ShardSink(o, k, shard, n, schema, merkle=k == "corpus", compression=comp)
                 for k, (schema, _) in kinds.items()}
        out: dict[str, list[dict[str, Any]]] = {k: [] for k in kinds}

        def flush(batch: pa.RecordBatch) -> None:
            # Records arrive in record-id order and a flush never splits a record, so sorting each chunk by
            # the shard's sort key gives the order of sorting the whole shard.
            for k, rows in out.items():
                if k == "decisions":  # one row per record of `batch`; its q_* columns are the batch's own
                    sinks[k].extend_batch(decision_batch(rows, batch, sort_key(kinds[k][1])))
                else:
                    rows.sort(key=sort_key(kinds[k][1]))
                    sinks[k].extend(rows)
                rows.clear()

        agg = ShardAggregates()
        spill = os.path.join(spec.work_dir, "finalise", f"s{shard:05d}.{os.getpid()}")
        for batch in sorted_batches(parts, spill):
            tokens = estimate_tokens_batch(batch.column("text").to_pylist())  # one numpy pass per 256 texts
            stage_lang = [self.finaliser.finalise(rec, ann, dups.get(rec["record_id"]), out, agg,
                                                  signal_columns=False, est_tokens=n)
                          for (rec, ann), n in zip(batch_records(batch), tokens, strict=True)]
            agg.add_signals({n: batch.column(f"q_{n}").to_numpy(zero_copy_only=False).astype(np.float64)
                             for n in SIGNAL_NAMES}, stage_lang)
            flush(batch)
            del batch  # a slice of its bucket: dropped before the next bucket is read
        for e in dead:
            for k in (("dead", e["source_id"], e["reason"]), ("file_dead", e["source_id"], e["origin_key"], e["reason"])):
                agg.counts[k] = agg.counts.get(k, 0) + 1
        infos = []
        for kind in kinds:  # each close makes and frees a combined copy of its table: give it back before the next
            info = sinks[kind].close()
            release_free_memory()
            if info is not None:
                infos.append(info)
        if dead:
            infos.append(write_shard(o, "deadletter", shard, n, dead, None,
                                     sort_fields=("record_id", "origin_key", "origin_index", "reason")))
        self.tally.add(sum(i["rows"] for i in infos if i["kind"] == "decisions"))
        self.tally.flush()
        return {
            "task": shard, "shards": infos,
            "drill": [[list(k), v] for k, v in agg.drill.items()],
            "counters": [[list(k), v] for k, v in agg.counts.items()],
            "signals": {k: v for k, v in agg.signals.items()},
            "diversity": {k: base64.b64encode(pickle.dumps(v)).decode("ascii") for k, v in agg.diversity.items()},
        }



_DECISIONS = decisions_schema()
_BASE_DECISIONS = pa.schema([f for f in _DECISIONS if not f.name.startswith("q_")])
_Q_DECISION_COLUMNS = [f.name for f in _DECISIONS if f.name.startswith("q_")]


def decision_batch(rows: list[dict[str, Any]], batch: pa.RecordBatch, key: Any) -> pa.RecordBatch:
    """The decision rows of `batch`'s records (one each, in batch order, without ``q_*`` columns) sorted by
    `key` as an Arrow batch of the decisions schema, its ``q_*`` columns taken from `batch` in that order.

    Why: the signal columns went Arrow -> 65 Python floats per record -> Arrow again (issue 15); they are the
    annotated row's values unchanged (``RecordFinaliser.finalise`` wrote ``float(v)`` of them)."""
    if len(rows) != batch.num_rows:
        raise StageError(f"stage finalise: {len(rows)} decision rows for a batch of {batch.num_rows} records")
    order = sorted(range(len(rows)), key=lambda i: key(rows[i]))  # stable, as list.sort
    base = pa.RecordBatch.from_pylist([rows[i] for i in order], schema=_BASE_DECISIONS)
    take = pa.array(order, pa.int64())
    q = [batch.column(name).take(take) for name in _Q_DECISION_COLUMNS]
    return pa.RecordBatch.from_arrays([*base.columns, *q], schema=_DECISIONS)


def sorted_batches(parts: list[str], spill_dir: str) -> Iterator[pa.RecordBatch]:
    """A shard's annotated rows sorted by record id, at most FLUSH_ROWS rows per batch, holding one bucket.

    Why: reading the whole shard and sorting it held the shard twice (the table and its sorted copy). Here
    only the record ids are read whole; each row's position in their stable sort (Arrow's sort, the order
    of ``concat(parts).sort_by("record_id")``) picks one of the buckets of SPILL_ROWS consecutive positions;
    one pass over the parts appends every row to its bucket's spill file (Arrow IPC, lz4), then the buckets
    are read back one at a time, in order, and sorted by position. At most MAX_SPILL_FILES files are open:
    a larger shard gets buckets of a multiple of SPILL_ROWS positions (so batches still start at multiples
    of FLUSH_ROWS and hold the same rows), bounded by the shard / MAX_SPILL_FILES."""
    paths = sorted(parts)
    ids = [pq.read_table(p, columns=["record_id"])["record_id"] for p in paths]
    n = sum(len(c) for c in ids)
    if not n:
        return
    order = pc.sort_indices(pa.table({"record_id": pa.chunked_array(ids, pa.string())}),
                            sort_keys=[("record_id", "ascending")]).to_numpy()
    del ids
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n, dtype=np.int64)
    del order
    size = bucket_rows(n)
    buckets = -(-n // size)
    os.makedirs(spill_dir, exist_ok=True)
    spill = [os.path.join(spill_dir, f"b{b:06d}.arrow") for b in range(buckets)]
    schema = ANNOTATED_SCHEMA.append(pa.field("_rank", pa.int64()))
    opts = pa.ipc.IpcWriteOptions(compression="lz4")
    sinks = [pa.OSFile(path, "wb") for path in spill]
    writers = [pa.ipc.new_stream(sink, schema, options=opts) for sink in sinks]
    try:
        at = 0
        for path in paths:
            f = pq.ParquetFile(path)
            if not f.schema_arrow.equals(ANNOTATED_SCHEMA):
                raise StageError(f"stage finalise: annotated part {path} does not have the annotated schema")
            for batch in f.iter_batches(batch_size=FLUSH_ROWS):
                r = rank[at : at + batch.num_rows]
                at += batch.num_rows
                batch = batch.append_column("_rank", pa.array(r))
                b = r // size
                for k in np.unique(b).tolist():
                    writers[k].write_batch(batch.filter(pa.array(b == k)))
    finally:
        for w, sink in zip(writers, sinks, strict=True):
            w.close()
            sink.close()
    release_free_memory()  # the pass's Parquet reads and filtered batches (~60 MB at 64 MB shards) before the buckets
    for path in spill:
        with pa.OSFile(path, "rb") as source:
            t = pa.ipc.open_stream(source).read_all()
        os.remove(path)
        t = t.take(pc.sort_indices(t["_rank"])).drop_columns(["_rank"])
        yield from t.to_batches(max_chunksize=FLUSH_ROWS)
        del t
    os.rmdir(spill_dir)


def bucket_rows(n: int) -> int:
    """Positions per spill bucket for a shard of `n` rows: SPILL_ROWS, or the smallest multiple of it that
    needs no more than MAX_SPILL_FILES buckets."""
    return SPILL_ROWS * max(1, -(-n // (SPILL_ROWS * MAX_SPILL_FILES)))


def _write_lines(lines: list[str], path: str) -> None:
    write_atomic_text("".join(line + "\n" for line in sorted(lines)), path)


def merge_outputs(work: str, fin: Iterable[dict[str, Any]], ann: list[dict[str, Any]],
                   cluster_sizes: dict[int, int]) -> None:
    """Per-shard summaries -> counters.jsonl, signals.jsonl, diversity.jsonl, shards.jsonl (sorted lines).

    `fin` is iterated once (``SummaryFiles`` reads one shard's summary at a time); what is merged is bounded
    (counters per key, drill-down samples per key, one sketch per stage), not the number of shards."""
    from corpusgov.quality.diversity import DiversityAccumulator

    counts: dict[tuple[str, ...], int] = {}
    signals: dict[str, list[float]] = {}
    diversity: dict[str, DiversityAccumulator] = {}
    shards: list[dict[str, Any]] = []
    drill = ShardAggregates()
    for s in fin:
        for k, samples in s["drill"]:
            for prio, sample in samples:
                drill.offer(tuple(k), prio, sample)
        for k, v in s["counters"]:
            counts[tuple(k)] = counts.get(tuple(k), 0) + v
        for name, acc in s["signals"].items():
            signals[name] = merge_signal(signals.get(name), acc)
        for stage, blob in s["diversity"].items():
            acc = pickle.loads(base64.b64decode(blob))  # noqa: S301 - our own work file
            diversity[stage] = diversity[stage].merge(acc) if stage in diversity else acc
        shards += s["shards"]
    for size, k in cluster_sizes.items():
        counts[("dup_cluster_size", str(size))] = k
    if sum(s["records"] for s in ann) != sum(v for k, v in counts.items() if k[0] == "read"):
        raise StageError("stage finalise: records read differ from records annotated; the runner lost work")
    _write_lines([json.dumps([list(k), v], ensure_ascii=False) for k, v in counts.items()],
                 os.path.join(work, "counters.jsonl"))
    _write_lines([json.dumps([k, signal_summary(v)], sort_keys=True) for k, v in signals.items()],
                 os.path.join(work, "signals.jsonl"))
    _write_lines([json.dumps([k, base64.b64encode(pickle.dumps(v)).decode("ascii")]) for k, v in diversity.items()],
                 os.path.join(work, "diversity.jsonl"))
    _write_lines([json.dumps(s, sort_keys=True) for s in shards], os.path.join(work, "shards.jsonl"))
    _write_lines([sample for got in drill.drill.values() for _, sample in got], os.path.join(work, "drill.jsonl"))


