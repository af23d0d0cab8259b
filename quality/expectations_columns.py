"""Derived 0/1 columns over the decisions table, and its deterministic sampled read (expectations' data side).

Why separate: this is the part that decides what Great Expectations may see. Only the columns a check names
are read, sampling above `max_rows` is by keyed hash of the sample key (all copies of one id on the same
side), and the shares the issue asks for ("unresolved PI share <= x") become means of 0/1 columns derived
here with pyarrow, so GE never needs the free-text columns.
"""

from __future__ import annotations

import hashlib
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from corpusgov.quality.expectations_policy import ExpectationsPolicy

# Derived 0/1 columns available to every spec, with what they mean. Shares are over the spec's table.
DERIVED_COLUMNS: dict[str, str] = {
    "is_kept": "decision == keep",
    "is_duplicate": "reason duplicate:exact|duplicate:near, or dup_of set to another record",
    "is_exact_duplicate": "reason duplicate:exact",
    "is_near_duplicate": "reason duplicate:near",
    "has_pii": "pii_count > 0",
    "has_unresolved_pi": "kept and pii_unresolved is true",
    "is_flagged": "kept with at least one reason",
}
_DUP_REASONS = ("duplicate:exact", "duplicate:near")
_SAMPLE_HASH_KEY = b"corpusgov-expectations-sample"
_BATCH_ROWS = 65_536

_DERIVED_NEEDS: dict[str, tuple[str, ...]] = {
    "is_kept": ("decision",),
    "is_exact_duplicate": ("reasons",),
    "is_near_duplicate": ("reasons",),
    "has_pii": ("pii_count",),
    "has_unresolved_pi": ("decision", "pii_unresolved"),
    "is_flagged": ("decision", "reasons"),
}


def derived_inputs(name: str, available: set[str]) -> list[str] | None:
    """Input columns a derived column needs, or None when it cannot be derived from this table."""
    if name == "is_duplicate":  # either signal suffices; dup_of is compared with record_id
        present: list[str] = [c for c in ("reasons", "dup_of", "record_id") if c in available]
        return present if {"reasons", "dup_of"} & set(present) else None
    need = _DERIVED_NEEDS.get(name)
    return list(need) if need and all(c in available for c in need) else None


def _sample_hash(key: Any) -> int:
    digest = hashlib.blake2b(str(key).encode("utf-8"), digest_size=8, key=_SAMPLE_HASH_KEY).digest()
    return int.from_bytes(digest, "big")


def _count_keep(col: pa.Array | pa.ChunkedArray) -> int:
    return int(pc.sum(pc.fill_null(pc.equal(col, "keep"), False)).as_py() or 0)


def read_decisions(
    paths: list[str], columns: list[str], policy: ExpectationsPolicy
) -> tuple[pa.Table, dict[str, Any]]:
    """Read only `columns`; sample deterministically above policy.max_rows. Returns (table, data info)."""
    files = [pq.ParquetFile(p) for p in paths]
    total = sum(f.metadata.num_rows for f in files)
    sampled = total > policy.max_rows
    fraction = policy.max_rows / total if sampled else 1.0
    cutoff = min(int(fraction * 2**64), 2**64)
    parts: list[pa.Table] = []
    kept_total = 0
    for file_no, f in enumerate(files):
        cols = [c for c in columns if c in f.schema_arrow.names]
        if not sampled:
            t = f.read(columns=cols)
            if "decision" in t.column_names:
                kept_total += _count_keep(t.column("decision"))
            parts.append(t)
            continue
        offset = 0
        for batch in f.iter_batches(batch_size=_BATCH_ROWS, columns=cols):
            if "decision" in batch.schema.names:
                kept_total += _count_keep(batch.column("decision"))
            if policy.sample_key in batch.schema.names:
                keys = batch.column(policy.sample_key).to_pylist()
            else:  # no key column: fall back to the row's position (still deterministic)
                keys = [f"{file_no}:{offset + i}" for i in range(batch.num_rows)]
            offset += batch.num_rows
            mask = np.fromiter((_sample_hash(k) < cutoff for k in keys), dtype=bool, count=len(keys))
            parts.append(pa.Table.from_batches([batch]).filter(pa.array(mask)))
    if parts:
        table = pa.concat_tables(parts, promote_options="default")
    else:
        table = pa.table({c: pa.array([], pa.string()) for c in columns})
    info = {
        "files": len(paths),
        "rows_total": total,
        "kept_total": kept_total,
        "rows_validated": table.num_rows,
        "sampled": sampled,
        "sample_fraction": fraction,
        "sample_key": policy.sample_key if sampled else None,
        "max_rows": policy.max_rows,
    }
    return table, info


def _reasons_hit(reasons: pa.ChunkedArray | pa.Array, values: tuple[str, ...]) -> np.ndarray:
    col = reasons.combine_chunks() if isinstance(reasons, pa.ChunkedArray) else reasons
    out = np.zeros(len(col), dtype=bool)
    if len(col) == 0:
        return out
    flat = pc.list_flatten(col)
    parents = pc.list_parent_indices(col).to_numpy(zero_copy_only=False)
    hit = pc.fill_null(pc.is_in(flat, value_set=pa.array(values)), False).to_numpy(zero_copy_only=False)
    out[parents[hit]] = True
    return out


def as_bool(arr: pa.ChunkedArray) -> np.ndarray:
    if not pa.types.is_boolean(arr.type):
        arr = pc.cast(arr, pa.bool_())
    return pc.fill_null(arr, False).to_numpy(zero_copy_only=False).astype(bool)


def derive_column(name: str, t: pa.Table) -> np.ndarray:
    """Compute one derived 0/1 column (see DERIVED_COLUMNS) as int8."""
    names = set(t.column_names)
    if name in ("is_kept", "has_unresolved_pi", "is_flagged"):
        kept = as_bool(pc.equal(t.column("decision"), "keep"))
    if name == "is_kept":
        v = kept
    elif name == "is_duplicate":
        v = np.zeros(t.num_rows, dtype=bool)
        if "reasons" in names:
            v |= _reasons_hit(t.column("reasons"), _DUP_REASONS)
        if "dup_of" in names:
            dup_of = t.column("dup_of")
            has = pc.and_(pc.is_valid(dup_of), pc.not_equal(pc.utf8_length(pc.cast(dup_of, pa.string())), 0))
            if "record_id" in names:
                has = pc.and_(
                    has,
                    pc.not_equal(pc.cast(dup_of, pa.string()), pc.cast(t.column("record_id"), pa.string())),
                )
            v |= as_bool(has)
    elif name == "is_exact_duplicate":
        v = _reasons_hit(t.column("reasons"), ("duplicate:exact",))
    elif name == "is_near_duplicate":
        v = _reasons_hit(t.column("reasons"), ("duplicate:near",))
    elif name == "has_pii":
        v = as_bool(pc.greater(t.column("pii_count"), 0))
    elif name == "has_unresolved_pi":
        v = kept & as_bool(t.column("pii_unresolved"))
    elif name == "is_flagged":
        v = kept & as_bool(pc.greater(pc.fill_null(pc.list_value_length(t.column("reasons")), 0), 0))
    else:  # pragma: no cover - guarded by _derived_inputs
        raise KeyError(name)
    return v.astype(np.int8)


def string_too_long(col: pa.ChunkedArray, limit: int) -> bool:
    typ = col.type
    if pa.types.is_dictionary(typ):
        col = pc.cast(col, typ.value_type)
        typ = typ.value_type
    if not (pa.types.is_string(typ) or pa.types.is_large_string(typ)):
        return False
    longest = pc.max(pc.utf8_length(col)).as_py()
    return longest is not None and longest > limit
