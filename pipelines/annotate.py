"""The annotate stage: one task per input file reads, annotates and writes annotated shard parts and key rows.

Why: full records are written once, to the Parquet part of their record-id shard
(``_work/annotated/sNNNNN/fFFFFFF.parquet``), so no record crosses a shuffle; the decide stage reads only
the file's compact key rows (``_work/keys/fFFFFFF.parquet``: id, source, content hash, priority,
pre-decision flag, screening hit, signature). A task holds one annotate batch and at most
``MAX_BUFFERED_ROWS`` annotated rows, whatever the size of its input file. Incremental runs (``run --base``) first split the base run's tables per input file
(``split_cache_shard``), so an unchanged file's task reads only its own cached annotations.
"""

from __future__ import annotations

import glob
import json
import os
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from corpusgov.contracts.record import Annotations
from corpusgov.lineage.hashing import shard_of
from corpusgov.pipelines.annotated import (
    ANNOTATED_SCHEMA,
    KEYS_SCHEMA,
    MARK_STRUCT,
    PII_STRUCT,
    Layout,
    annotated_batch,
    annotated_row,
    read_parts,
    row_annotations,
    write_atomic_table,
    write_atomic_text,
)
from corpusgov.pipelines.governance import PreDecider, RunSpec, cached_annotation, policy_from_spec
from corpusgov.quality.signals import SIGNAL_NAMES

ANNOTATE_BATCH = 256  # records per annotate_batch call (MinHash is vectorised per batch)
FLUSH_ROWS = 2048  # rows buffered per shard before a row group is written
MAX_BUFFERED_ROWS = 4 * FLUSH_ROWS  # rows buffered over all shards: a task's memory does not grow with its file

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
        self.ann = Annotators(policy_from_spec(spec.policy), spec.lexicon_terms)
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
        buffers: dict[int, list[tuple[dict[str, Any], dict[str, Any]]]] = {}  # (row without q_*, signals)
        dead: dict[int, list[str]] = {}
        keys: list[dict[str, Any]] = []
        keys_path = self.layout.keys(fi)
        os.makedirs(os.path.dirname(keys_path), exist_ok=True)
        keys_tmp = f"{keys_path}.tmp-{os.getpid()}"
        keys_writer = pq.ParquetWriter(keys_tmp, KEYS_SCHEMA, compression="snappy")
        buffered = [0]
        screen: dict[str, list[int]] = {}
        counts = {"records": 0, "dead": 0, "records_reused": 0, "records_annotated": 0}
        tmp_paths: dict[int, str] = {}

        def flush(shard: int) -> None:
            rows = buffers.pop(shard, [])
            if not rows:
                return
            buffered[0] -= len(rows)
            if shard not in writers:
                path = self.layout.annotated(shard, fi)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                tmp_paths[shard] = f"{path}.tmp-{os.getpid()}"
                writers[shard] = pq.ParquetWriter(tmp_paths[shard], ANNOTATED_SCHEMA, compression="snappy")
            writers[shard].write_table(pa.Table.from_batches(
                [annotated_batch([r for r, _ in rows], [s for _, s in rows])], schema=ANNOTATED_SCHEMA))

        def emit(batch: list[tuple[dict[str, Any], Annotations, bytes | None]]) -> None:
            for rec, ann, sig in batch:
                rid, src = rec["record_id"], rec["source_id"]
                row = annotated_row(rec, ann, sig, signal_columns=False)
                shard = shard_of(rid, n)
                buffers.setdefault(shard, []).append((row, ann.get("signals") or {}))
                buffered[0] += 1
                if len(buffers[shard]) >= FLUSH_ROWS:
                    flush(shard)
                elif buffered[0] >= MAX_BUFFERED_ROWS:  # many shards: the fullest buffer goes first
                    flush(max(buffers, key=lambda k: (len(buffers[k]), -k)))
                hit = bool(ann.get("screen_hits"))
                sc = screen.setdefault(src, [0, 0])
                sc[0] += 1
                sc[1] += int(hit)
                # Pre-decision without the screening-rate gate (known only after every file is read).
                pre_ok = not self.decider.pre(src, ann, None).drop
                keys.append({"record_id": rid, "source_id": src, "content_sha256": rec["content_sha256"],
                             "priority": int(self.spec.sources[src]["priority"]), "pre_ok": pre_ok,
                             "screen_hit": hit, "signature": sig})
                if len(keys) >= FLUSH_ROWS:
                    keys_writer.write_table(pa.Table.from_pylist(keys, schema=KEYS_SCHEMA))
                    keys.clear()

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
        keys_writer.write_table(pa.Table.from_pylist(keys, schema=KEYS_SCHEMA))
        keys_writer.close()
        os.replace(keys_tmp, keys_path)
        self.read_tally.flush()
        self.tally.flush()
        return {"task": fi, **counts, "screen": screen}


class SplitCacheWorker:
    """Task = base-run shard: its rows of unchanged input files -> per-file cache parts."""

    def __init__(self, spec: RunSpec) -> None:
        self.cache = spec.extra["annotation_cache"]
        self.layout = Layout(spec.work_dir)
        self.index = {(f["source_id"], f["key"], f["sha256"]): i for i, f in enumerate(spec.files)
                      if [f["source_id"], f["key"], f["sha256"]] in self.cache["reuse_files"]}

    def run(self, base_shard: int) -> dict[str, Any]:
        return split_cache_shard(base_shard, self.cache, self.index, self.layout)


