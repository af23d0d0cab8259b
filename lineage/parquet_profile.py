"""Schema fields and per-column metrics of a Parquet table from its footers only (no data pages are read).

Why separate: a generic reader of Parquet metadata; the OpenLineage output datasets use it for their schema
and dataQualityMetrics facets.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def arrow_fields(schema: Any) -> list[dict[str, Any]]:
    import pyarrow as pa

    def one(f: Any) -> dict[str, Any]:
        d: dict[str, Any] = {"name": f.name, "type": str(f.type)}
        if pa.types.is_struct(f.type):
            d["fields"] = [one(f.type.field(i)) for i in range(f.type.num_fields)]
        return d

    return [one(f) for f in schema]


def parquet_profile(paths: list[Path]) -> tuple[list[dict] | None, dict[str, dict]]:
    """Schema fields and per-column metrics from Parquet footers only (no data pages are read).

    nullCount/count come from row-group statistics; min/max only for numeric columns. Missing or
    unreadable files give (None, {}) rather than an error: lineage must not fail a finished run.
    """
    try:
        import pyarrow.parquet as pq
    except ImportError:  # pragma: no cover - pyarrow is a hard dependency
        return None, {}
    fields: list[dict] | None = None
    metrics: dict[str, dict[str, Any]] = {}
    numeric = {"INT32", "INT64", "FLOAT", "DOUBLE"}
    for path in paths:
        try:
            pf = pq.ParquetFile(path)
        except (OSError, ValueError):
            continue
        if fields is None:
            fields = arrow_fields(pf.schema_arrow)
        md = pf.metadata
        for rg in range(md.num_row_groups):
            group = md.row_group(rg)
            for c in range(group.num_columns):
                col = group.column(c)
                name = col.path_in_schema
                if "." in name:  # nested leaf; metrics are reported for top-level columns only
                    continue
                m = metrics.setdefault(name, {"nullCount": 0, "count": 0})
                st = col.statistics
                nulls = st.null_count if st is not None and st.has_null_count else None
                if nulls is None:
                    m["nullCount"] = None
                elif m.get("nullCount") is not None:
                    m["nullCount"] += nulls
                m["count"] += group.num_rows - (nulls or 0)
                if st is not None and st.has_min_max and col.physical_type in numeric:
                    lo, hi = st.min, st.max
                    if isinstance(lo, int | float) and isinstance(hi, int | float):  # not timestamps/decimals
                        m["min"] = float(lo) if "min" not in m else min(m["min"], float(lo))
                        m["max"] = float(hi) if "max" not in m else max(m["max"], float(hi))
    for m in metrics.values():
        if m.get("nullCount") is None:
            m.pop("nullCount", None)
    return fields, metrics
