"""The governance run as three Beam pipelines (stages) over disk: annotate -> decide -> finalise.

Why: a single graph made full annotated records cross several shuffles, and runners without a spilling
shuffle (Beam's in-process runner) held each of those collections in memory, so memory grew with the
corpus. Here only compact key rows are shuffled:

* **annotate** - one task per input file: read, annotate in batches, append each record to its record-id
  shard's Parquet part (``_work/annotated/sNNNNN/fFFFFFF.parquet``), write the file's key rows
  (id, source, content hash, priority, pre-decision flag, screening hit, signature). No shuffle.
* **decide** - reads only key rows; exact + near duplicates (``FindDuplicates``: GroupByKeys of hashes,
  band keys and ids) -> duplicate rows per shard (``_work/dups/``). The per-source screening rates come
  from the annotate tasks' summaries (a handful of integers), not from a side input.
* **finalise** - one task per shard: stream the shard's annotated parts with its duplicate rows into
  ``corpus/``, ``decisions/``, ``pii/``, ``copyright/``, ``signatures/``, ``deadletter/``; counters,
  signal statistics and diversity per shard. Memory is bounded by one shard.

Each stage has exactly one terminal step (the task DoFn, which writes its own files and a summary file per
task), because some runners run only the last of several sinks (measured on Beam 2.77's DaskRunner). The
driver checks that every task of a stage left its summary, so a runner that silently drops work fails the
run instead of producing a short corpus. The driver then merges the summaries into the work files the
manifest is built from (``counters.jsonl``, ``signals.jsonl``, ``diversity.jsonl``, ``shards.jsonl``,
``dedup_stats.jsonl``).
"""

from __future__ import annotations

import base64
import glob
import json
import logging
import os
import pickle
import time
from dataclasses import dataclass, field
from typing import Any

import apache_beam as beam
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from corpusgov.contracts.record import Annotations
from corpusgov.lineage.hashing import shard_of
from corpusgov.pipelines.annotated import (
    ANNOTATED_SCHEMA,
    DUPS_SCHEMA,
    KEYS_SCHEMA,
    MARK_STRUCT,
    PII_STRUCT,
    Layout,
    annotated_row,
    read_dead,
    read_parts,
    row_annotations,
    split_row,
    write_atomic_table,
    write_atomic_text,
)
from corpusgov.pipelines.governance import (
    COPYRIGHT_SCHEMA,
    CORPUS_SCHEMA,
    PII_SCHEMA,
    SIGNATURE_SCHEMA,
    PreDecider,
    RecordFinaliser,
    RunSpec,
    ShardAggregates,
    _policy,
    cached_annotation,
    decisions_schema,
    merge_signal,
    signal_summary,
)
from corpusgov.pipelines.outputs import ShardSink, sort_key, write_shard
from corpusgov.quality.signals import SIGNAL_NAMES

log = logging.getLogger("corpusgov")

ANNOTATE_BATCH = 256  # records per annotate_batch call (MinHash is vectorised per batch)
FLUSH_ROWS = 2048  # rows buffered per shard before a row group is written
BANDS_PER_ROUND = 3  # LSH bands bucketed per decide pipeline (21 bands at the demo policy: 7 rounds)


class StageError(RuntimeError):
    """A stage's output is incomplete (a task left no summary): the runner lost work."""


@dataclass
class StagedResult:
    """What the driver needs after the stages: incremental-cache counts and per-stage timings."""

    cache_counts: dict[str, int] = field(default_factory=dict)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    stage_peak_rss_mb: dict[str, float] = field(default_factory=dict)


# ------------------------------------------------------------------------------------------ annotate
_CACHE_SCHEMA = pa.schema([
    ("record_id", pa.string()), ("file_sha256", pa.string()), ("content_sha256", pa.string()),
    ("ok", pa.bool_()), ("lang", pa.string()), ("lang_score", pa.float64()), ("lang2", pa.string()),
    ("lang2_share", pa.float64()), ("screen_hit", pa.bool_()), ("pii", pa.list_(PII_STRUCT)),
    ("copyright", pa.list_(MARK_STRUCT)), *[(f"q_{n}", pa.float64()) for n in SIGNAL_NAMES],
    ("signature", pa.binary()),
])
_CACHE_COLS = {
    "decisions": ["record_id", "source_id", "origin_key", "file_sha256", "content_sha256", "reasons", "lang",
                  "lang_score", "lang2", "lang2_share", "screen_hit", *[f"q_{n}" for n in SIGNAL_NAMES]],
    "pii": ["record_id", "entity_type", "start", "end", "score", "recognizer"],
    "copyright": ["record_id", "marker_class", "start", "end", "score", "recognizer", "licence", "restrictive"],
    "signatures": ["record_id", "signature"],
}


def split_cache_shard(base_shard: int, cache: dict[str, Any], file_index: dict[tuple[str, str, str], int],
                      layout: Layout) -> dict[str, Any]:
    """One shard of a base run's tables -> per-input-file cache parts (rows of unchanged files only)."""
    paths = {k: cache["tables"].get(k, {}).get(str(base_shard)) for k in _CACHE_COLS}
    if paths["decisions"] is None:
        return {"task": base_shard, "rows": 0}
    dec = pq.read_table(paths["decisions"], columns=_CACHE_COLS["decisions"]).to_pylist()
    by_id: dict[str, list[dict[str, Any]]] = {}
    for d in dec:
        if (d["source_id"], d["origin_key"], d["file_sha256"]) in file_index:
            by_id.setdefault(d["record_id"], []).append(d)
    extra: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for kind in ("pii", "copyright", "signatures"):
        got: dict[str, list[dict[str, Any]]] = {}
        if paths[kind] is not None and by_id:
            for row in pq.read_table(paths[kind], columns=_CACHE_COLS[kind]).to_pylist():
                if row["record_id"] in by_id:
                    got.setdefault(row["record_id"], []).append(row)
        extra[kind] = got
    per_file: dict[int, list[dict[str, Any]]] = {}
    for rid, decs in by_id.items():
        d = decs[0]
        sigs = extra["signatures"].get(rid, [])
        ok = len(decs) == 1 and not any(r.startswith("takedown:") for r in d["reasons"] or [])
        ann = cached_annotation(d, extra["pii"].get(rid, []), extra["copyright"].get(rid, []))
        row = annotated_row({k: None for k in ("record_id", "source_id", "source_record_id", "origin_uri",
                                               "origin_key", "origin_index", "file_sha256", "text",
                                               "content_sha256", "chars", "bytes", "url")},
                            ann, sigs[0]["signature"] if len(sigs) == 1 else None)
        per_file.setdefault(file_index[(d["source_id"], d["origin_key"], d["file_sha256"])], []).append(
            {**{k: row[k] for k in _CACHE_SCHEMA.names if k in row}, "record_id": rid, "file_sha256": d["file_sha256"],
             "content_sha256": d["content_sha256"], "ok": ok})
    for fi, rows in per_file.items():
        write_atomic_table(pa.Table.from_pylist(rows, schema=_CACHE_SCHEMA), layout.cache(fi, base_shard))
    return {"task": base_shard, "rows": sum(len(r) for r in per_file.values())}


class Annotator:
    """Per worker: reader + annotators, built once; `run(task)` governs one input file's annotate step."""

    def __init__(self, spec: RunSpec) -> None:
        from corpusgov.pipelines.ingest import FileReader
        from corpusgov.progress import Tally
        from corpusgov.quality.annotators import Annotators

        self.spec = spec
        self.layout = Layout(spec.work_dir)
        self.read_tally = Tally(spec.progress_dir, "read")
        self.tally = Tally(spec.progress_dir, "annotated")
        self.reader = FileReader(spec.mappings, spec.limits, self.read_tally)
        self.ann = Annotators(_policy(spec.policy), spec.lexicon_terms)
        self.decider = PreDecider(spec)
        self.cache = spec.extra.get("annotation_cache")

    def _cached(self, fi: int) -> dict[str, dict[str, Any]]:
        paths = glob.glob(os.path.join(self.layout.cache_dir(fi), "*.parquet"))
        return {r["record_id"]: r for r in read_parts(paths, _CACHE_SCHEMA).to_pylist()}

    def run(self, task: dict[str, Any]) -> dict[str, Any]:
        fi, f = task["index"], task["file"]
        n = self.spec.num_shards
        key = (f["source_id"], f["key"], f["sha256"])
        cached = self._cached(fi) if self.cache and [*key] in self.cache["reuse_files"] else {}
        need_sig = bool(self.cache and self.cache["need_signature"])
        writers: dict[int, Any] = {}
        buffers: dict[int, list[dict[str, Any]]] = {}
        dead: dict[int, list[str]] = {}
        keys: list[dict[str, Any]] = []
        screen: dict[str, list[int]] = {}
        counts = {"records": 0, "dead": 0, "records_reused": 0, "records_annotated": 0}
        tmp_paths: dict[int, str] = {}

        def flush(shard: int) -> None:
            rows = buffers.pop(shard, [])
            if not rows:
                return
            if shard not in writers:
                path = self.layout.annotated(shard, fi)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                tmp_paths[shard] = f"{path}.tmp-{os.getpid()}"
                writers[shard] = pq.ParquetWriter(tmp_paths[shard], ANNOTATED_SCHEMA, compression="snappy")
            writers[shard].write_table(pa.Table.from_pylist(rows, schema=ANNOTATED_SCHEMA))

        def emit(batch: list[tuple[dict[str, Any], Annotations, bytes | None]]) -> None:
            for rec, ann, sig in batch:
                rid, src = rec["record_id"], rec["source_id"]
                row = annotated_row(rec, ann, sig)
                shard = shard_of(rid, n)
                buffers.setdefault(shard, []).append(row)
                if len(buffers[shard]) >= FLUSH_ROWS:
                    flush(shard)
                hit = bool(ann.get("screen_hits"))
                sc = screen.setdefault(src, [0, 0])
                sc[0] += 1
                sc[1] += int(hit)
                # Pre-decision without the screening-rate gate (known only after every file is read).
                pre_ok = not self.decider.pre(src, ann, None).drop
                keys.append({"record_id": rid, "source_id": src, "content_sha256": rec["content_sha256"],
                             "priority": int(self.spec.sources[src]["priority"]), "pre_ok": pre_ok,
                             "screen_hit": hit, "signature": sig})

        todo: list[dict[str, Any]] = []

        def annotate_todo() -> None:
            if not todo:
                return
            anns = self.ann.annotate_batch([r["text"] for r in todo])
            out = []
            for rec, a in zip(todo, anns, strict=True):
                sig = a.pop("signature")
                out.append((rec, a, None if sig is None else np.asarray(sig).tobytes()))
            counts["records_annotated"] += len(todo)
            self.tally.add(len(todo))
            todo.clear()
            emit(out)

        for is_dead, item in self.reader.read(f):
            if is_dead:
                s = shard_of(item["record_id"] or "0" * 8, n)
                dead.setdefault(s, []).append(json.dumps(item, ensure_ascii=False, sort_keys=True))
                counts["dead"] += 1
                continue
            counts["records"] += 1
            c = cached.get(item["record_id"])
            if (c is not None and c["ok"] and c["file_sha256"] == item["file_sha256"]
                    and c["content_sha256"] == item["content_sha256"]
                    and (c["signature"] is not None or not need_sig)):
                ann = row_annotations(c)
                counts["records_reused"] += 1
                self.tally.add()
                emit([(item, ann, c["signature"])])
                continue
            todo.append(item)
            if len(todo) >= ANNOTATE_BATCH:
                annotate_todo()
        annotate_todo()
        for shard in list(buffers):
            flush(shard)
        for shard, w in writers.items():
            w.close()
            os.replace(tmp_paths[shard], self.layout.annotated(shard, fi))
        for shard, lines in dead.items():
            write_atomic_text("".join(line + "\n" for line in lines), self.layout.dead(shard, fi))
        write_atomic_table(pa.Table.from_pylist(keys, schema=KEYS_SCHEMA), self.layout.keys(fi))
        self.read_tally.flush()
        self.tally.flush()
        return {"task": fi, **counts, "screen": screen}


# ------------------------------------------------------------------------------------------ finalise
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
        table = read_parts(parts, ANNOTATED_SCHEMA)
        if table.num_rows:
            table = table.sort_by("record_id")
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
        for batch in table.to_batches(max_chunksize=FLUSH_ROWS):
            for row in batch.to_pylist():
                rec, ann = split_row(row)
                self.finaliser.finalise(rec, ann, dups.get(rec["record_id"]), out, agg)
            flush()
        del table
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


# ------------------------------------------------------------------------------------------ Beam side
class _TaskFn(beam.DoFn):
    """Runs one task of a stage and writes its summary file; the stage's only terminal step."""

    def __init__(self, make: Any, summary_dir: str) -> None:
        self._make = make
        self._dir = summary_dir

    def setup(self) -> None:
        self._worker = self._make()

    def process(self, task: Any):
        summary = self._worker.run(task)
        write_atomic_text(json.dumps(summary, sort_keys=True, ensure_ascii=False),
                          os.path.join(self._dir, f"{summary['task']:06d}.json"))
        yield summary["task"]


class _SplitCacheWorker:
    def __init__(self, spec: RunSpec) -> None:
        self.cache = spec.extra["annotation_cache"]
        self.layout = Layout(spec.work_dir)
        self.index = {(f["source_id"], f["key"], f["sha256"]): i for i, f in enumerate(spec.files)
                      if [f["source_id"], f["key"], f["sha256"]] in self.cache["reuse_files"]}

    def run(self, base_shard: int) -> dict[str, Any]:
        return split_cache_shard(base_shard, self.cache, self.index, self.layout)


def _make(cls: Any, *args: Any) -> Any:
    return lambda: cls(*args)


class _DupRows(beam.DoFn):
    """(shard, [("dup", row) | ("changed", 1)]) -> the shard's duplicate-row file and its summary."""

    def __init__(self, layout: Layout, summary_dir: str) -> None:
        self._layout = layout
        self._dir = summary_dir

    def process(self, kv: tuple[int, Any]):
        shard, items = kv
        rows, changed = [], 0
        for kind, v in items:
            if kind == "dup":
                rows.append(v)
            else:
                changed += v
        rows.sort(key=lambda r: r["record_id"])
        write_atomic_table(pa.Table.from_pylist(rows, schema=DUPS_SCHEMA), self._layout.dups(shard))
        write_atomic_text(json.dumps({"task": shard, "rows": len(rows), "changed": changed}),
                          os.path.join(self._dir, f"{shard:06d}.json"))
        yield shard


class _PairRows(beam.DoFn):
    """(shard, [((id_a, id_b), (rank_a, rank_b))]) -> one band round's candidate pairs of that shard."""

    SCHEMA = pa.schema([("a", pa.string()), ("b", pa.string()), ("a_priority", pa.int64()),
                        ("a_file", pa.int64()), ("b_priority", pa.int64()), ("b_file", pa.int64())])

    def __init__(self, layout: Layout, round_index: int, summary_dir: str) -> None:
        self._layout = layout
        self._round = round_index
        self._dir = summary_dir

    def process(self, kv: tuple[int, Any]):
        shard, items = kv
        rows = sorted(({"a": a, "b": b, "a_priority": ra[0], "a_file": ra[2], "b_priority": rb[0], "b_file": rb[2]}
                       for (a, b), (ra, rb) in items), key=lambda r: (r["a"], r["b"]))
        path = os.path.join(self._layout.work, "pairs", f"r{self._round:03d}", f"s{shard:05d}.parquet")
        write_atomic_table(pa.Table.from_pylist(rows, schema=self.SCHEMA), path)
        write_atomic_text(json.dumps({"task": shard, "rows": len(rows)}), os.path.join(self._dir, f"{shard:06d}.json"))
        yield shard


def _read_pairs(path: str):
    if not path:  # the placeholder when no round found a pair (some runners reject an empty Create)
        return
    for r in pq.read_table(path).to_pylist():
        yield (r["a"], r["b"]), ((r["a_priority"], r["a"], r["a_file"]), (r["b_priority"], r["b"], r["b_file"]))


def _candidates(rejected: frozenset[str], bands: int, rows: int, band_range: tuple[int, int]):
    """(file index, key file) -> compact FindDuplicates items for records that survive every earlier measure:
    (id, (priority, id, file index), content hash bytes, digests of the bands in `band_range`). No
    signature enters a shuffle, and each pipeline carries only the band digests it buckets.

    A closure, not Map arguments: DaskRunner passes a Map's extra arguments twice."""
    return lambda task: _read_candidates(task[0], task[1], rejected, bands, rows, band_range)


def _read_candidates(fidx: int, path: str, rejected: frozenset[str], bands: int, rows: int,
                     band_range: tuple[int, int]):
    from corpusgov.pipelines.dedup import band_digests

    for r in pq.read_table(path, columns=["record_id", "source_id", "content_sha256", "priority", "pre_ok",
                                           "signature"]).to_pylist():
        if r["pre_ok"] and r["signature"] is not None and r["source_id"] not in rejected:
            rid = r["record_id"]
            yield (rid, (r["priority"], rid, fidx), bytes.fromhex(r["content_sha256"]),
                   band_digests(r["signature"], bands, rows, band_range))


def _task_pipeline(p: beam.Pipeline, tasks: list[Any], fn: beam.DoFn) -> None:
    _ = p | "Tasks" >> beam.Create(tasks) | "Spread" >> beam.Reshuffle() | "Run" >> beam.ParDo(fn)


def _read_summaries(d: str, expected: list[int], stage: str) -> list[dict[str, Any]]:
    got = {}
    for p in glob.glob(os.path.join(d, "*.json")):
        with open(p, encoding="utf-8") as f:
            s = json.load(f)
        got[s["task"]] = s
    missing = sorted(set(expected) - set(got))
    if missing:
        raise StageError(f"stage {stage}: {len(missing)} of {len(expected)} tasks left no output "
                         f"(first: {missing[0]}); the runner lost work")
    return [got[t] for t in sorted(got)]


def _run(make_pipeline: Any, build: Any) -> None:
    p = make_pipeline()
    build(p)
    result = p.run()
    result.wait_until_finish()
    client = getattr(result, "client", None)  # DaskRunner opens a dask.distributed client per pipeline
    if client is not None:
        client.close()


def run_stages(spec: RunSpec, make_pipeline: Any) -> StagedResult:
    """Runs annotate, decide and finalise (each a Beam pipeline from `make_pipeline()`), then writes the
    aggregate work files the manifest is built from. Raises StageError if a runner lost a task."""
    from corpusgov.pipelines.dedup import FindDuplicates, stats_from_rows

    lay = Layout(spec.work_dir)
    res = StagedResult()
    os.makedirs(spec.work_dir, exist_ok=True)
    policy = _policy(spec.policy)
    cache = spec.extra.get("annotation_cache")

    t = time.monotonic()
    if cache:
        shards = sorted(int(s) for s in cache["tables"].get("decisions", {}))
        d = lay.summaries("cache")
        _run(make_pipeline, lambda p: _task_pipeline(p, shards, _TaskFn(_make(_SplitCacheWorker, spec), d)))
        _read_summaries(d, shards, "cache")
    d = lay.summaries("annotate")
    tasks = [{"index": i, "file": f} for i, f in enumerate(spec.files)]
    _run(make_pipeline, lambda p: _task_pipeline(p, tasks, _TaskFn(_make(Annotator, spec), d)))
    ann = _read_summaries(d, list(range(len(tasks))), "annotate")
    res.stage_seconds["annotate"] = round(time.monotonic() - t, 3)
    _log_stage("annotate", res)
    screen: dict[str, list[int]] = {}
    for s in ann:
        for src, (n, hits) in s["screen"].items():
            acc = screen.setdefault(src, [0, 0])
            acc[0] += n
            acc[1] += hits
    screen_counts = {k: (v[0], v[1]) for k, v in screen.items()}
    if cache:
        res.cache_counts = {k: sum(s[k] for s in ann) for k in ("records_reused", "records_annotated")}

    t = time.monotonic()
    cluster_sizes: dict[int, int] = {}
    if policy.dedup.enabled:
        decider = PreDecider(spec)
        rejected = frozenset(s for s in spec.sources if decider.screening_rejected(s, screen_counts))
        d = lay.summaries("decide")
        key_files = [lay.keys(i) for i in range(len(tasks))]
        probe = FindDuplicates(policy.dedup, with_stats=False, signature_files=key_files)
        bands, rows, n = probe.bands, probe.rows, spec.num_shards

        def candidates(p: beam.Pipeline, band_range: tuple[int, int]) -> beam.PCollection:
            return (p | "KeyFiles" >> beam.Create(list(enumerate(key_files))) | "Spread" >> beam.Reshuffle()
                    | "Candidates" >> beam.FlatMap(_candidates(rejected, bands, rows, band_range)))

        # Band rounds: each round's pipeline buckets only BANDS_PER_ROUND bands and writes its candidate
        # pairs; the in-process runner holds a few bands' bucket entries at a time instead of all of them.
        for r, lo in enumerate(range(0, bands, BANDS_PER_ROUND)):
            rd = lay.summaries(f"bands{r:03d}")

            def build_round(p: beam.Pipeline, lo: int = lo, r: int = r, rd: str = rd) -> None:
                finder = FindDuplicates(policy.dedup, with_stats=False, signature_files=key_files,
                                        band_range=(lo, lo + BANDS_PER_ROUND))
                _ = (candidates(p, (lo, lo + BANDS_PER_ROUND)) | "Bands" >> finder
                     | "PairShard" >> beam.Map(lambda kv: (shard_of(kv[0][0], n), kv))
                     | "ByShard" >> beam.GroupByKey() | "WritePairs" >> beam.ParDo(_PairRows(lay, r, rd)))

            _run(make_pipeline, build_round)
        pair_files = sorted(glob.glob(os.path.join(lay.work, "pairs", "*", "*.parquet")))
        holder: dict[str, Any] = {}

        def build(p: beam.Pipeline) -> None:
            pairs = (p | "PairFiles" >> beam.Create(pair_files or [""]) | "SpreadPairs" >> beam.Reshuffle()
                     | "ReadPairs" >> beam.FlatMap(_read_pairs))
            finder = holder["finder"] = FindDuplicates(policy.dedup, with_stats=False, signature_files=key_files,
                                                       pairs=pairs)
            dups = candidates(p, (0, 0)) | "FindDuplicates" >> finder  # pairs are given: no band digests
            rows = dups | "DupRow" >> beam.Map(lambda kv: (shard_of(kv[0], n), ("dup", {"record_id": kv[0], **kv[1]})))
            changed = finder.changed_nodes | "ChangedRow" >> beam.Map(lambda one: (0, ("changed", one)))
            _ = ((rows, changed) | "AllRows" >> beam.Flatten() | "ByShard" >> beam.GroupByKey()
                 | "WriteDups" >> beam.ParDo(_DupRows(lay, d)))

        _run(make_pipeline, build)
        summ = _read_summaries(d, [], "decide")
        changed = sum(s["changed"] for s in summ)
        dup_rows = (r for s in summ for r in pq.read_table(lay.dups(s["task"])).to_pylist())
        stats, cluster_sizes = stats_from_rows(dup_rows, changed, holder["finder"].cc_rounds)
        if sum(s["rows"] for s in summ) != sum(stats[k] for k in ("exact_duplicate_records",
                                                                  "near_duplicate_records", "clusters")):
            raise StageError("stage decide: duplicate rows on disk differ from the rows the tasks wrote")
        _write_lines([json.dumps(stats, sort_keys=True)], os.path.join(spec.work_dir, "dedup_stats.jsonl"))
    res.stage_seconds["decide"] = round(time.monotonic() - t, 3)
    _log_stage("decide", res)

    t = time.monotonic()
    d = lay.summaries("finalise")
    shards = list(range(spec.num_shards))
    _run(make_pipeline, lambda p: _task_pipeline(p, shards, _TaskFn(_make(ShardWriter, spec, screen_counts), d)))
    fin = _read_summaries(d, shards, "finalise")
    res.stage_seconds["finalise"] = round(time.monotonic() - t, 3)
    _log_stage("finalise", res)
    _merge_outputs(spec.work_dir, fin, ann, cluster_sizes)
    return res


def _log_stage(name: str, res: StagedResult) -> None:
    """One line per stage: wall seconds and the driver's peak RSS so far (the whole run on the in-process
    runner; `make bench` reads these lines for its per-stage memory table)."""
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    res.stage_peak_rss_mb[name] = round(peak, 1)
    log.info("stage %s: %.1f s, peak RSS so far %.0f MB", name, res.stage_seconds[name], peak)


def _write_lines(lines: list[str], path: str) -> None:
    write_atomic_text("".join(line + "\n" for line in sorted(lines)), path)


def _merge_outputs(work: str, fin: list[dict[str, Any]], ann: list[dict[str, Any]],
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


def pipeline_factory(runner: Any, options: Any) -> Any:
    """A fresh `beam.Pipeline` per stage on the same runner and options (a new in-process runner each time)."""
    from apache_beam.runners.portability.fn_api_runner import FnApiRunner

    def make() -> beam.Pipeline:
        r = FnApiRunner() if isinstance(runner, FnApiRunner) else runner
        return beam.Pipeline(runner=r, options=options)

    return make
