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
import heapq
import json
import os
import pickle
from collections.abc import Iterator
from operator import itemgetter
from typing import Any

import numpy as np
import pyarrow.parquet as pq

from corpusgov.pipelines.annotated import (
    ANNOTATED_SCHEMA,
    Layout,
    read_dead,
    split_row,
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

FLUSH_ROWS = 2048  # annotated rows decided per chunk (then written to the sinks)
MERGE_BATCH = 32  # rows read at a time from each row group being merged
MERGE_BUFFER = 16 * 1024  # read buffer per column of each row group being merged (bytes)


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

        def flush() -> None:
            # Records arrive in record-id order and a flush never splits a record, so sorting each chunk by
            # the shard's sort key gives the order of sorting the whole shard.
            for k, rows in out.items():
                rows.sort(key=sort_key(kinds[k][1]))
                sinks[k].extend(rows)
                rows.clear()

        agg = ShardAggregates()
        for rows in _chunks(merged_rows(parts), FLUSH_ROWS):
            stage_lang = []
            for row in rows:
                rec, ann = split_row(row)
                stage_lang.append(self.finaliser.finalise(rec, ann, dups.get(rec["record_id"]), out, agg))
            agg.add_signals({n: np.array([r[f"q_{n}"] for r in rows], dtype=np.float64)  # None -> NaN
                             for n in SIGNAL_NAMES}, stage_lang)
            flush()
        for e in dead:
            for k in (("dead", e["source_id"], e["reason"]), ("file_dead", e["source_id"], e["origin_key"], e["reason"])):
                agg.counts[k] = agg.counts.get(k, 0) + 1
        infos = [info for info in (sinks[k].close() for k in kinds) if info is not None]
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



def merged_rows(parts: list[str]) -> Iterator[dict[str, Any]]:
    """A shard's annotated rows in record-id order, merged from its parts' row groups.

    Why: annotate writes every row group sorted by record id (in small pages), so a k-way merge over the row
    groups yields the order of reading the whole shard and sorting it stably (ties: part path, then row
    group, then position), while holding one page and one small batch per row group instead of the shard."""
    runs: list[Iterator[dict[str, Any]]] = []
    for path in sorted(parts):
        f = pq.ParquetFile(path, buffer_size=MERGE_BUFFER)
        if not f.schema_arrow.equals(ANNOTATED_SCHEMA):
            raise StageError(f"stage finalise: annotated part {path} does not have the annotated schema")
        runs += [_row_group_rows(f, g) for g in range(f.num_row_groups)]
    return heapq.merge(*runs, key=itemgetter("record_id"))


def _row_group_rows(f: pq.ParquetFile, group: int) -> Iterator[dict[str, Any]]:
    for batch in f.iter_batches(batch_size=MERGE_BATCH, row_groups=[group]):
        yield from batch.to_pylist()


def _chunks(rows: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _write_lines(lines: list[str], path: str) -> None:
    write_atomic_text("".join(line + "\n" for line in sorted(lines)), path)


def merge_outputs(work: str, fin: list[dict[str, Any]], ann: list[dict[str, Any]],
                   cluster_sizes: dict[int, int]) -> None:
    """Per-shard summaries -> counters.jsonl, signals.jsonl, diversity.jsonl, shards.jsonl (sorted lines)."""
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


