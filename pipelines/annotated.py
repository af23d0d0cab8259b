"""The staged run's work files: annotated shards, compact key rows, duplicate rows, and where each lives.

Why: the *annotate* stage writes every annotated record once, to a Parquet part of its record-id shard, so
no full record ever crosses a shuffle; the *decide* stage reads only the compact key rows; the *finalise*
stage streams one annotated shard with its duplicate rows into the run's tables. Rows round-trip exactly
(texts, offsets, float signals, signature bytes), so the decisions equal those of a single in-memory pass.
Work files live under ``<out>/_work/`` and are removed with it after the manifest is written.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, cast

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from corpusgov.contracts.record import Annotations, ShardRecord
from corpusgov.quality.signals import SIGNAL_NAMES

PII_STRUCT = pa.struct([("entity_type", pa.string()), ("start", pa.int64()), ("end", pa.int64()),
                        ("score", pa.float64()), ("recognizer", pa.string())])
MARK_STRUCT = pa.struct([("marker_class", pa.string()), ("start", pa.int64()), ("end", pa.int64()),
                         ("score", pa.float64()), ("recognizer", pa.string()), ("licence", pa.string()),
                         ("restrictive", pa.bool_())])

REC_FIELDS: list[tuple[str, pa.DataType]] = [
    ("record_id", pa.string()), ("source_id", pa.string()), ("source_record_id", pa.string()),
    ("origin_uri", pa.string()), ("origin_key", pa.string()), ("origin_index", pa.int64()),
    ("file_sha256", pa.string()), ("text", pa.string()), ("content_sha256", pa.string()),
    ("chars", pa.int64()), ("bytes", pa.int64()), ("url", pa.string()), ("metadata", pa.string()),
]
ANN_FIELDS: list[tuple[str, pa.DataType]] = [
    ("lang", pa.string()), ("lang_score", pa.float64()), ("lang2", pa.string()), ("lang2_share", pa.float64()),
    ("screen_hit", pa.bool_()), ("pii", pa.list_(PII_STRUCT)), ("copyright", pa.list_(MARK_STRUCT)),
    *[(f"q_{n}", pa.float64()) for n in SIGNAL_NAMES],
    ("signature", pa.binary()),
]
ANNOTATED_SCHEMA = pa.schema(REC_FIELDS + ANN_FIELDS)
_Q_COLUMNS = [(n, f"q_{n}") for n in SIGNAL_NAMES]  # (signal, column): not formatted again per record
_Q_SIGNAL = {col: n for n, col in _Q_COLUMNS}
_SIGNAL_TUPLE = tuple(SIGNAL_NAMES)
Q_COLUMN_NAMES = [col for _, col in _Q_COLUMNS]
_BASE_SCHEMA = pa.schema([f for f in ANNOTATED_SCHEMA if f.name not in _Q_SIGNAL])

# What the decide stage shuffles: ~0.6 KB per record, of which 512 B are the signature.
KEYS_SCHEMA = pa.schema([
    ("record_id", pa.string()), ("source_id", pa.string()), ("content_sha256", pa.string()),
    ("priority", pa.int64()), ("pre_ok", pa.bool_()), ("screen_hit", pa.bool_()), ("signature", pa.binary()),
])
DUPS_SCHEMA = pa.schema([("record_id", pa.string()), ("dup_cluster", pa.string()), ("dup_of", pa.string()),
                         ("dup_kind", pa.string())])


class Layout:
    """Paths of the work files of one run (all under the run's ``_work`` directory)."""

    def __init__(self, work_dir: str) -> None:
        self.work = work_dir

    def annotated(self, shard: int, file_index: int) -> str:
        return os.path.join(self.work, "annotated", f"s{shard:05d}", f"f{file_index:06d}.parquet")

    def dead(self, shard: int, file_index: int) -> str:
        return os.path.join(self.work, "annotated", f"s{shard:05d}", f"f{file_index:06d}.dead.jsonl")

    def shard_dir(self, shard: int) -> str:
        return os.path.join(self.work, "annotated", f"s{shard:05d}")

    def keys(self, file_index: int) -> str:
        return os.path.join(self.work, "keys", f"f{file_index:06d}.parquet")

    def dups(self, shard: int) -> str:
        return os.path.join(self.work, "dups", f"s{shard:05d}.parquet")

    def cache(self, file_index: int, base_shard: int) -> str:
        return os.path.join(self.work, "cache", f"f{file_index:06d}", f"b{base_shard:05d}.parquet")

    def cache_dir(self, file_index: int) -> str:
        return os.path.join(self.work, "cache", f"f{file_index:06d}")

    def summaries(self, stage: str) -> str:
        return os.path.join(self.work, "summaries", stage)


def write_atomic_table(table: pa.Table, path: str, compression: str | None = "snappy") -> None:
    """Write then rename, so a retried task never leaves a half-written part that a later stage reads."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = f"{path}.tmp-{os.getpid()}"
    pq.write_table(table, tmp, compression=compression)
    os.replace(tmp, path)


def write_atomic_text(text: str, path: str) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = f"{path}.tmp-{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def annotated_row(rec: dict[str, Any], ann: Annotations, signature: bytes | None,
                  signal_columns: bool = True) -> dict[str, Any]:
    """An ingested record and its annotations as one annotated-shard row (without its ``q_*`` columns when
    `signal_columns` is False: `annotated_batch` adds them column by column)."""
    row = {
        "record_id": rec["record_id"], "source_id": rec["source_id"], "source_record_id": rec["source_record_id"],
        "origin_uri": rec["origin_uri"], "origin_key": rec["origin_key"], "origin_index": rec["origin_index"],
        "file_sha256": rec["file_sha256"], "text": rec["text"], "content_sha256": rec["content_sha256"],
        "chars": rec["chars"], "bytes": rec["bytes"], "url": rec.get("url"),
        "metadata": json.dumps(rec.get("metadata") or {}, ensure_ascii=False, sort_keys=True),
        "lang": ann.get("lang"), "lang_score": ann.get("lang_score"), "lang2": ann.get("lang2"),
        "lang2_share": ann.get("lang2_share"), "screen_hit": bool(ann.get("screen_hits")),
        "pii": [{"entity_type": f.entity_type, "start": f.start, "end": f.end, "score": float(f.score),
                 "recognizer": f.recognizer} for f in ann.get("pii") or []],
        "copyright": [{"marker_class": m.marker_class, "start": m.start, "end": m.end, "score": float(m.score),
                       "recognizer": m.recognizer, "licence": m.licence, "restrictive": bool(m.restrictive)}
                      for m in ann.get("copyright") or []],
        "signature": signature,
    }
    if signal_columns:
        signals = ann.get("signals") or {}
        row.update({col: (None if (v := signals.get(n)) is None else float(v)) for n, col in _Q_COLUMNS})
    return row


def annotated_batch(rows: list[dict[str, Any]], signals: list[dict[str, Any]]) -> pa.RecordBatch:
    """Rows of `annotated_row(..., signal_columns=False)` and each row's signals as one batch of
    ANNOTATED_SCHEMA, equal to ``RecordBatch.from_pylist`` of the full rows.

    Why (issue 15): 65 signal keys per row dict, read back one row at a time by Arrow, cost about as much as
    the rest of the row; one list per signal column is about half of that."""
    base = pa.RecordBatch.from_pylist(rows, schema=_BASE_SCHEMA)
    q = _signal_arrays(signals)
    arrays = [q[f.name] if f.name in q else base.column(f.name) for f in ANNOTATED_SCHEMA]
    return pa.RecordBatch.from_arrays(arrays, schema=ANNOTATED_SCHEMA)


def _signal_arrays(signals: list[dict[str, Any]]) -> dict[str, pa.Array]:
    """The ``q_*`` columns of `annotated_row` (``None``, else ``float(v)``) for each record's signals dict."""
    if signals and all(tuple(s) == _SIGNAL_TUPLE for s in signals):  # every name, in order: as computed
        try:  # Arrow's float64 conversion is float()'s; it refuses only ints beyond 2**53 (then the loop)
            columns = zip(*(s.values() for s in signals), strict=True)  # every dict has every name
            return {col: pa.array(vals, pa.float64()) for col, vals in zip(Q_COLUMN_NAMES, columns, strict=True)}
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError):
            pass
    return {col: pa.array([None if (v := s.get(n)) is None else float(v) for s in signals], pa.float64())
            for n, col in _Q_COLUMNS}


def row_annotations(row: dict[str, Any], signals: dict[str, float] | None = None) -> Annotations:
    """The annotation columns of a row in the shape `Annotators.annotate_batch` returns (minus signature);
    `signals`, when given, are the row's non-null signal columns already read (`batch_records`)."""
    from corpusgov.quality.copyright import MarkerFinding
    from corpusgov.quality.pii.scanner import PiiFinding

    return {
        "lang": row["lang"], "lang_score": row["lang_score"], "lang2": row["lang2"],
        "lang2_share": row["lang2_share"],
        # Only the truthiness of screen_hits is read after annotation (decisions and the source hit rate).
        "screen_hits": [True] if row["screen_hit"] else [],
        "pii": [PiiFinding(f["entity_type"], f["start"], f["end"], f["score"], f["recognizer"])
                for f in row["pii"] or []],
        "copyright": [MarkerFinding(m["marker_class"], m["start"], m["end"], m["score"], m["recognizer"],
                                    m["licence"], m["restrictive"]) for m in row["copyright"] or []],
        "signals": signals if signals is not None else {n: v for n, col in _Q_COLUMNS
                                                        if (v := row[col]) is not None},
    }


_SIGNALS = [n for n, _ in _Q_COLUMNS]
_BASE_COLUMN_NAMES = _BASE_SCHEMA.names


def batch_records(batch: pa.RecordBatch) -> Iterator[tuple[ShardRecord, Annotations]]:
    """`split_row` of each row of an annotated batch, in order and equal to it.

    Why: ``batch.to_pylist()`` made one ~90-key dict per row, then the signals were copied out of it key by
    key; here the record columns become dicts and each signal column one list (issue 15: about a third of the
    Python time of reading a row, docs/profile.md)."""
    rows = batch.select(_BASE_COLUMN_NAMES).to_pylist()
    values: Iterable[Sequence[Any]]
    if columns_without_nulls(batch, Q_COLUMN_NAMES):
        values = signal_rows(batch, Q_COLUMN_NAMES)
    else:
        columns = [batch.column(col).to_pylist() for col in Q_COLUMN_NAMES]
        values = zip(*columns, strict=True) if columns else (() for _ in rows)
    for row, vals in zip(rows, values, strict=True):
        signals = (dict(zip(_SIGNALS, vals, strict=True)) if None not in vals
                   else {n: v for n, v in zip(_SIGNALS, vals, strict=True) if v is not None})
        yield split_row(row, signals)


def columns_without_nulls(batch: pa.RecordBatch, names: list[str]) -> bool:
    return all(batch.column(name).null_count == 0 for name in names)


def signal_rows(batch: pa.RecordBatch, names: list[str]) -> list[list[float]]:
    """Each row's values of the float64 columns `names` (none null) as Python floats, the values of
    ``zip(*(batch.column(n).to_pylist() for n in names))``.

    Why (issue 15): ``to_pylist`` of 65 columns made a Python float per value through Arrow scalars (≈ 11 ms per
    2,048-row batch); one row-major numpy matrix and its ``tolist`` make the same floats in ≈ 2.5 ms."""
    matrix = np.empty((batch.num_rows, len(names)), dtype=np.float64)
    for j, name in enumerate(names):
        matrix[:, j] = batch.column(name).to_numpy()
    return matrix.tolist()


def split_row(row: dict[str, Any], signals: dict[str, float] | None = None) -> tuple[ShardRecord, Annotations]:
    """Annotated-shard row -> (record incl. signature, annotations) in the shapes the decision code reads."""
    # The row is read with ANNOTATED_SCHEMA, whose record columns (REC_FIELDS) are ShardRecord's keys.
    rec = cast(ShardRecord, {k: row[k] for k, _ in REC_FIELDS} | {"signature": row["signature"]})
    return rec, row_annotations(row, signals)


def read_parts(paths: list[str], schema: pa.Schema, columns: list[str] | None = None) -> pa.Table:
    """Concatenated parts (an empty table of `schema` when there are none)."""
    tables = [pq.read_table(p, columns=columns) for p in sorted(paths)]
    if not tables:
        return schema.empty_table() if columns is None else pa.schema([schema.field(c) for c in columns]).empty_table()
    return pa.concat_tables(tables)


def read_dead(paths: list[str]) -> Iterator[dict[str, Any]]:
    for p in sorted(paths):
        with open(p, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield json.loads(line)
