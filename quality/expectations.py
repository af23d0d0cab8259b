"""Great Expectations gates over a run's `decisions/` table (issue 4 part 5).

Why this shape:
- Only ids, codes, numbers and derived 0/1 columns reach GE; a corpus is sensitive and GE's "unexpected
  values" lists echo column values, so text-like columns are refused (by name and by string length).
- Share checks the issue asks for ("unresolved PI share <= x", "duplicate rate <= y") are GE
  `expect_column_mean_to_be_between` over derived 0/1 columns (`DERIVED_COLUMNS`).
- Runs above `policy.max_rows` validate a deterministic sample: rows whose keyed hash of
  `policy.sample_key` falls below max_rows/total. All copies of one record_id land on the same side, so a
  duplicated id is seen with probability max_rows/total. Row-count expectations are then judged on the exact
  counts (read while streaming), not on the sample, and the results say which rows each check saw.
- GE runs in an ephemeral context with no temporary docs site, no analytics and no progress bars, so it
  writes nothing outside `out_dir`; its Data Docs are rewritten to open offline (no CDN assets).

GE is imported lazily so `default_expectations` and the derived-column logic stay cheap to import.
"""

from __future__ import annotations

import ast
import hashlib
import json
import math
import os
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from corpusgov.quality.expectations_policy import ExpectationSpec, ExpectationsPolicy, default_expectations

__all__ = [
    "DERIVED_COLUMNS",
    "RESULTS_VERSION",
    "ExpectationSpec",
    "ExpectationsPolicy",
    "default_expectations",
    "language_value_set",
    "make_offline_html",
    "run_expectations",
]

RESULTS_VERSION = "1.0.0"

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
_ROW_COUNT_TYPES = ("expect_table_row_count_to_be_between", "expect_table_row_count_to_equal")
_COLUMN_KWARGS = ("column", "column_A", "column_B")
_COLUMN_LIST_KWARGS = ("column_list", "column_set")
_SITE_NAME = "corpusgov"
_SAMPLE_HASH_KEY = b"corpusgov-expectations-sample"
_BATCH_ROWS = 65_536


def language_value_set(allowed: list[str]) -> list[str] | None:
    """Expand LanguagePolicy.allowed into the codes decisions carry ("zh" admits zh-Hans and zh-Hant).

    Returns None for an empty list (any language allowed): the language check is then skipped.
    """
    if not allowed:
        return None
    out: set[str] = set()
    for code in allowed:
        out.add(code)
        if code == "zh":
            out.update(("zh-Hans", "zh-Hant"))
    return sorted(out)


# --------------------------------------------------------------------------------------------- planning


def _spec_columns(kwargs: dict[str, Any]) -> list[str]:
    cols = [kwargs[k] for k in _COLUMN_KWARGS if isinstance(kwargs.get(k), str)]
    for k in _COLUMN_LIST_KWARGS:
        if isinstance(kwargs.get(k), list):
            cols.extend(c for c in kwargs[k] if isinstance(c, str))
    return cols


def _resolve_parameters(value: Any, parameters: dict[str, Any], missing: list[str]) -> Any:
    if isinstance(value, dict):
        if set(value) == {"$PARAMETER"}:
            name = value["$PARAMETER"]
            if parameters.get(name) is None:
                missing.append(str(name))
                return None
            return parameters[name]
        return {k: _resolve_parameters(v, parameters, missing) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve_parameters(v, parameters, missing) for v in value]
    return value


_DERIVED_NEEDS: dict[str, tuple[str, ...]] = {
    "is_kept": ("decision",),
    "is_exact_duplicate": ("reasons",),
    "is_near_duplicate": ("reasons",),
    "has_pii": ("pii_count",),
    "has_unresolved_pi": ("decision", "pii_unresolved"),
    "is_flagged": ("decision", "reasons"),
}


def _derived_inputs(name: str, available: set[str]) -> list[str] | None:
    """Input columns a derived column needs, or None when it cannot be derived from this table."""
    if name == "is_duplicate":  # either signal suffices; dup_of is compared with record_id
        need = [c for c in ("reasons", "dup_of", "record_id") if c in available]
        return need if {"reasons", "dup_of"} & set(need) else None
    need = _DERIVED_NEEDS.get(name)
    return list(need) if need and all(c in available for c in need) else None


class _Check:
    """One spec in flight: resolved kwargs, status and the GE/own result once evaluated."""

    def __init__(self, spec: ExpectationSpec, kwargs: dict[str, Any]):
        self.spec = spec
        self.kwargs = kwargs
        self.status: str | None = None  # passed | failed | error | skipped
        self.error: str | None = None
        self.result: dict[str, Any] = {}
        self.evaluated_by: str | None = None
        self.evaluated_on: str | None = None

    def fail(self, status: str, message: str) -> None:
        self.status, self.error = status, message

    def summary(self) -> dict[str, Any]:
        res = self.result
        if "observed_value" in res:
            observed = res["observed_value"]
        else:
            observed = res.get("unexpected_count")
        out = {
            "name": self.spec.name,
            "type": self.spec.type,
            "table": self.spec.table,
            "critical": self.spec.critical,
            "success": self.status in ("passed", "skipped"),
            "status": self.status,
            "observed_value": observed,
            "kwargs": self.kwargs,
            "evaluated_by": self.evaluated_by,
            "evaluated_on": self.evaluated_on,
        }
        for k in ("element_count", "unexpected_count", "unexpected_percent", "missing_count"):
            if k in res:
                out[k] = res[k]
        if self.error:
            out["error"] = self.error
        return out


# ------------------------------------------------------------------------------------------------ reading


def _sample_hash(key: Any) -> int:
    digest = hashlib.blake2b(str(key).encode("utf-8"), digest_size=8, key=_SAMPLE_HASH_KEY).digest()
    return int.from_bytes(digest, "big")


def _count_keep(col: pa.Array | pa.ChunkedArray) -> int:
    return int(pc.sum(pc.fill_null(pc.equal(col, "keep"), False)).as_py() or 0)


def _read_decisions(
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


def _as_bool(arr: pa.ChunkedArray) -> np.ndarray:
    if not pa.types.is_boolean(arr.type):
        arr = pc.cast(arr, pa.bool_())
    return pc.fill_null(arr, False).to_numpy(zero_copy_only=False).astype(bool)


def _derive(name: str, t: pa.Table) -> np.ndarray:
    """Compute one derived 0/1 column (see DERIVED_COLUMNS) as int8."""
    names = set(t.column_names)
    if name in ("is_kept", "has_unresolved_pi", "is_flagged"):
        kept = _as_bool(pc.equal(t.column("decision"), "keep"))
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
            v |= _as_bool(has)
    elif name == "is_exact_duplicate":
        v = _reasons_hit(t.column("reasons"), ("duplicate:exact",))
    elif name == "is_near_duplicate":
        v = _reasons_hit(t.column("reasons"), ("duplicate:near",))
    elif name == "has_pii":
        v = _as_bool(pc.greater(t.column("pii_count"), 0))
    elif name == "has_unresolved_pi":
        v = kept & _as_bool(t.column("pii_unresolved"))
    elif name == "is_flagged":
        v = kept & _as_bool(pc.greater(pc.fill_null(pc.list_value_length(t.column("reasons")), 0), 0))
    else:  # pragma: no cover - guarded by _derived_inputs
        raise KeyError(name)
    return v.astype(np.int8)


def _string_too_long(col: pa.ChunkedArray, limit: int) -> bool:
    typ = col.type
    if pa.types.is_dictionary(typ):
        col = pc.cast(col, typ.value_type)
        typ = typ.value_type
    if not (pa.types.is_string(typ) or pa.types.is_large_string(typ)):
        return False
    longest = pc.max(pc.utf8_length(col)).as_py()
    return longest is not None and longest > limit


# ------------------------------------------------------------------------------------------ evaluation


def _own_row_count(check: _Check, count: int) -> None:
    """Judge a row-count expectation on exact counts (used when GE only sees a sample)."""
    kw = check.kwargs
    if check.spec.type == "expect_table_row_count_to_equal":
        ok = count == kw.get("value")
    else:
        lo, hi = kw.get("min_value"), kw.get("max_value")
        ok = True
        if lo is not None:
            ok &= count > lo if kw.get("strict_min") else count >= lo
        if hi is not None:
            ok &= count < hi if kw.get("strict_max") else count <= hi
    check.status = "passed" if ok else "failed"
    check.result = {"observed_value": count}
    check.evaluated_by, check.evaluated_on = "corpusgov", "all_rows"


def _jsonable(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {str(k): _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple | set):
        return [_jsonable(v) for v in obj]
    if isinstance(obj, np.generic):
        obj = obj.item()
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    if isinstance(obj, str | int | float | bool) or obj is None:
        return obj
    return str(obj)


def _exception_message(info: dict[str, Any] | None) -> str | None:
    if not info:
        return None
    if "raised_exception" in info:
        return info.get("exception_message") if info.get("raised_exception") else None
    for sub in info.values():  # keyed by metric id when a metric failed
        if isinstance(sub, dict) and sub.get("exception_message"):
            return str(sub["exception_message"])
    return "exception while computing a metric"


def _scrub_ge_result(d: dict[str, Any]) -> dict[str, Any]:
    """Drop GE's random ids, load times and tracebacks so results.json is reproducible and short."""
    d = dict(d)
    d.pop("id", None)
    meta = dict(d.get("meta") or {})
    meta.pop("validation_id", None)
    markers = dict(meta.get("batch_markers") or {})
    markers.pop("ge_load_time", None)
    if markers:
        meta["batch_markers"] = markers
    d["meta"] = meta
    results = []
    for r in d.get("results", []):
        r = dict(r)
        cfg = dict(r.get("expectation_config") or {})
        cfg.pop("id", None)
        r["expectation_config"] = cfg
        msg = _exception_message(r.get("exception_info"))
        r["exception_info"] = {"raised_exception": msg is not None, "exception_message": msg}
        results.append(r)
    d["results"] = results
    return _jsonable(d)


def _run_ge(
    frames: dict[str, Any],
    checks: dict[str, list[_Check]],
    policy: ExpectationsPolicy,
    docs_dir: Path | None,
    run_name: str | None,
    run_time: datetime,
) -> dict[str, dict[str, Any]]:
    """Validate each table's checks in one GE suite; fill the checks; return scrubbed GE JSON per suite."""
    import great_expectations as gx
    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )
    from great_expectations.expectations.registry import get_expectation_impl

    sites: dict[str, Any] = {}
    if docs_dir is not None:
        sites[_SITE_NAME] = {
            "class_name": "SiteBuilder",
            "show_how_to_buttons": False,
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)},
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        }
    config = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
        analytics_enabled=False,
        progress_bars=ProgressBarsConfig(globally=False, metric_calculations=False),
        data_docs_sites=sites,
    )
    ctx = gx.get_context(mode="ephemeral", project_config=config)
    source = ctx.data_sources.add_pandas("corpusgov")
    result_format = {
        "result_format": policy.result_format,
        "partial_unexpected_count": policy.partial_unexpected_count,
    }
    run_id = RunIdentifier(run_name=run_name, run_time=run_time)
    out: dict[str, dict[str, Any]] = {}
    for table, table_checks in checks.items():
        suite = ctx.suites.add(gx.ExpectationSuite(name=table))
        by_id: dict[str, _Check] = {}
        for check in table_checks:
            try:
                cls = get_expectation_impl(check.spec.type)
                expectation = cls(
                    **check.kwargs,
                    severity="critical" if check.spec.critical else "warning",
                    meta={"corpusgov_name": check.spec.name, "critical": check.spec.critical},
                    notes=f"corpusgov gate `{check.spec.name}` ({'critical' if check.spec.critical else 'warning'})",
                )
                suite.add_expectation(expectation)
            except Exception as e:  # noqa: BLE001 - unknown type or bad kwargs is a per-check error
                check.fail(
                    "error", f"cannot build expectation: {type(e).__name__}: {str(e).splitlines()[0][:300]}"
                )
                continue
            by_id[str(expectation.id)] = check
        if not by_id:
            continue
        batch_def = source.add_dataframe_asset(table).add_batch_definition_whole_dataframe("all")
        vd = ctx.validation_definitions.add(gx.ValidationDefinition(name=table, data=batch_def, suite=suite))
        res = vd.run(
            batch_parameters={"dataframe": frames[table]}, result_format=result_format, run_id=run_id
        )
        for r in res.results:
            check = by_id.get(str(r.expectation_config.id))
            if check is None:  # pragma: no cover - GE returned an expectation we did not add
                continue
            rd = r.to_json_dict()
            check.result = _jsonable(rd.get("result") or {})
            msg = _exception_message(rd.get("exception_info"))
            check.evaluated_by = "great_expectations"
            if msg:
                check.fail("error", msg[:500])
            else:
                check.status = "passed" if r.success else "failed"
        out[table] = _scrub_ge_result(res.to_json_dict())
    if docs_dir is not None and out:
        ctx.build_data_docs(site_names=[_SITE_NAME])
    return out


# --------------------------------------------------------------------------------------------- entry point


def run_expectations(
    decisions_paths: list[str],
    kept_summary: dict,
    policy: ExpectationsPolicy,
    out_dir: str,
    *,
    parameters: dict[str, Any] | None = None,
    run_name: str | None = None,
    run_time: datetime | None = None,
) -> dict:
    """Validate the run's decisions Parquet against the policy's expectation specs.

    kept_summary: the corpus writer's summary; if it has "records" (int) and policy.check_kept_count, a
    critical check asserts that many keep rows in decisions. parameters: values for {"$PARAMETER": name}
    kwargs, e.g. {"allowed_languages": language_value_set(policy.language.allowed)}. Pass run_time (the
    run's start) for reproducible output; it defaults to now.
    Writes out_dir/expectations/results.json and (policy.data_docs) an offline Data Docs site.
    """
    exp_dir = Path(out_dir).resolve() / "expectations"
    exp_dir.mkdir(parents=True, exist_ok=True)
    results_path = exp_dir / "results.json"
    run_time = run_time or datetime.now(UTC)
    parameters = parameters or {}
    base: dict[str, Any] = {
        "results_version": RESULTS_VERSION,
        "run_name": run_name,
        "run_time": run_time.isoformat(),
        "enabled": policy.enabled,
    }
    if not policy.enabled:
        _write_json(results_path, {**base, "passed": True, "critical_failed": [], "expectations": []})
        return {
            "suites": [],
            "passed": True,
            "critical_failed": [],
            "results_path": str(results_path),
            "data_docs_index": None,
            "expectations": [],
            "data": None,
        }

    paths = sorted(str(p) for p in decisions_paths)
    available: set[str] = set()
    for p in paths:
        available.update(pq.read_schema(p).names)

    specs = list(policy.suite)
    records = kept_summary.get("records") if isinstance(kept_summary, dict) else None
    if policy.check_kept_count and isinstance(records, int) and not isinstance(records, bool):
        specs.append(
            ExpectationSpec(
                name="kept_rows_match_corpus",
                type="expect_table_row_count_to_equal",
                table="kept",
                kwargs={"value": records},
                critical=True,
            )
        )

    # Plan: resolve parameters, find the columns each check needs, refuse text-like columns.
    forbidden = set(policy.forbidden_columns)
    checks: list[_Check] = []
    real_cols: set[str] = set()
    derived: dict[str, list[str]] = {}
    for spec in specs:
        missing_params: list[str] = []
        kwargs = _resolve_parameters(spec.kwargs, parameters, missing_params)
        check = _Check(spec, kwargs)
        checks.append(check)
        if missing_params:
            names = ", ".join(sorted(set(missing_params)))
            check.fail("error" if spec.critical else "skipped", f"parameter not set: {names}")
            continue
        if spec.table == "kept" and "decision" not in available:
            check.fail("error", "decisions has no 'decision' column, so the kept table is unknown")
            continue
        for col in _spec_columns(kwargs):
            if col in forbidden:
                check.fail("error", f"column {col!r} is free text and is never validated")
            elif col in DERIVED_COLUMNS:
                need = _derived_inputs(col, available)
                if need is None:
                    check.fail("error", f"cannot derive {col!r}: decisions lacks its input columns")
                else:
                    derived[col] = need
            elif col not in available:
                check.fail("error", f"column {col!r} not in decisions")
            else:
                real_cols.add(col)
            if check.status:
                break
    needed = set(real_cols) | {c for need in derived.values() for c in need}
    needed.update(c for c in ("decision", policy.sample_key) if c in available)
    table, data_info = _read_decisions(paths, sorted(needed), policy)
    kept_mask = (
        _as_bool(pc.equal(table.column("decision"), "keep"))
        if "decision" in table.column_names
        else np.zeros(table.num_rows, dtype=bool)
    )
    data_info["kept_validated"] = int(kept_mask.sum())

    too_long = {
        c
        for c in real_cols | {policy.sample_key}
        if c in table.column_names and _string_too_long(table.column(c), policy.max_string_chars)
    }
    for check in checks:
        if check.status is None:
            for col in _spec_columns(check.kwargs):
                if col in too_long:
                    check.fail(
                        "error",
                        f"column {col!r} holds strings longer than "
                        f"{policy.max_string_chars} characters; only ids and codes are validated",
                    )
                    break

    # Row counts under sampling are judged on exact counts, not on the sample GE sees.
    exact = {"decisions": data_info["rows_total"], "kept": data_info["kept_total"]}
    for check in checks:
        if check.status is None and data_info["sampled"] and check.spec.type in _ROW_COUNT_TYPES:
            _own_row_count(check, exact[check.spec.table])

    ge_checks: dict[str, list[_Check]] = {}
    for check in checks:
        if check.status is None:
            check.evaluated_on = "sample" if data_info["sampled"] else "all_rows"
            ge_checks.setdefault(check.spec.table, []).append(check)

    frames = _frames(table, kept_mask, ge_checks, derived, policy.sample_key, too_long)
    docs_dir = exp_dir / "data_docs" if policy.data_docs else None
    if docs_dir is not None and docs_dir.exists():
        shutil.rmtree(docs_dir)
    ge_json = _run_ge(frames, ge_checks, policy, docs_dir, run_name, run_time) if ge_checks else {}
    docs_index = None
    if docs_dir is not None and ge_json:
        make_offline_html(docs_dir)
        docs_index = str(docs_dir / "index.html")

    summaries = [c.summary() for c in checks]
    critical_failed = [s["name"] for s in summaries if s["critical"] and not s["success"]]
    warnings_failed = [s["name"] for s in summaries if not s["critical"] and not s["success"]]
    suites = []
    for name in ("decisions", "kept"):
        items = [s for s in summaries if s["table"] == name]
        if items:
            suites.append(
                {
                    "suite": name,
                    "success": all(s["success"] for s in items),
                    "evaluated": sum(1 for s in items if s["status"] in ("passed", "failed")),
                    "successful": sum(1 for s in items if s["status"] == "passed"),
                    "expectations": items,
                }
            )
    passed = not critical_failed
    _write_json(
        results_path,
        {
            **base,
            "great_expectations_version": _ge_version() if ge_checks else None,
            "passed": passed,
            "critical_failed": critical_failed,
            "warnings_failed": warnings_failed,
            "data": data_info,
            "derived_columns": {k: DERIVED_COLUMNS[k] for k in sorted(derived)},
            "expectations": summaries,
            "ge_results": ge_json,
        },
    )
    return {
        "suites": suites,
        "passed": passed,
        "critical_failed": critical_failed,
        "warnings_failed": warnings_failed,
        "results_path": str(results_path),
        "data_docs_index": docs_index,
        "data": data_info,
    }


def _frames(
    table: pa.Table,
    kept_mask: np.ndarray,
    ge_checks: dict[str, list[_Check]],
    derived: dict[str, list[str]],
    sample_key: str,
    too_long: set[str],
) -> dict[str, Any]:
    """One pandas frame per GE table, holding only the columns its checks name (ids, codes, numbers)."""
    frames: dict[str, Any] = {}
    for name, table_checks in ge_checks.items():
        cols = sorted({c for ch in table_checks for c in _spec_columns(ch.kwargs)})
        if not cols and sample_key in table.column_names and sample_key not in too_long:
            cols = [sample_key]  # table-level checks still need a frame with the right row count
        data: dict[str, Any] = {}
        for c in cols:
            data[c] = _derive(c, table) if c in derived else table.column(c)
        t = pa.table(data) if data else pa.table({"_row": pa.array(np.zeros(table.num_rows, np.int8))})
        if name == "kept":
            t = t.filter(pa.array(kept_mask))
        frames[name] = t.to_pandas()
    return frames


def _ge_version() -> str:
    import great_expectations as gx

    return str(gx.__version__)


def _write_json(path: Path, obj: Any) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(_jsonable(obj), f, ensure_ascii=False, indent=2, sort_keys=False)
        f.write("\n")
    os.replace(tmp, path)


# ---------------------------------------------------------------------------------------- offline HTML

_OFFLINE_CSS = """
:root{color-scheme:light}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC",sans-serif;
 font-size:15px;line-height:1.45;color:#212529;background:#fff;margin:0}
a{color:#0b5cad}
.navbar{display:flex;align-items:center;padding:.5rem 1rem;border-bottom:1px solid #dee2e6;background:#fff}
.navbar-brand img{height:40px!important;visibility:visible!important}
.breadcrumb{display:flex;list-style:none;margin:0 0 0 1rem;padding:.3rem .6rem;background:#f1f3f5;border-radius:4px}
.breadcrumb-item+.breadcrumb-item::before{content:"/";padding:0 .4rem;color:#6c757d}
.container-fluid{padding:1rem 1.5rem;box-sizing:border-box;width:100%}
.row{display:flex;flex-wrap:wrap;margin:0 -.5rem}
.row>*{box-sizing:border-box;padding:0 .5rem}
.col-12,.col-sm-12,.col-xs-12{flex:0 0 100%;max-width:100%}
.col-6{flex:0 0 50%;max-width:50%}
@media (min-width:768px){.col-md-2{flex:0 0 18%;max-width:18%}.col-md-10{flex:0 0 82%;max-width:82%}
 .d-md-block{display:block!important}.d-md-inline-flex{display:inline-flex!important}}
.d-none{display:none}.d-flex{display:flex}
.sticky{position:sticky;top:1rem}
.ge-section{margin-bottom:1.5rem}
.alert{padding:.6rem .9rem;border-radius:4px;margin-bottom:.6rem}
.alert-secondary{background:#e9ecef;border:1px solid #d6d8db}
.card{border:1px solid #dee2e6;border-radius:4px;margin-bottom:1rem}
.card-header{background:#f8f9fa;border-bottom:1px solid #dee2e6;padding:.4rem .6rem}
.card-body{padding:.6rem}
.nav{list-style:none;padding:0;margin:0}.nav-tabs{display:flex;border-bottom:1px solid #dee2e6;margin:.5rem 0}
.nav-link{display:block;padding:.25rem .5rem;text-decoration:none}
.tab-pane{margin-bottom:1.5rem}
.table{width:100%;border-collapse:collapse;margin:.5rem 0}
.table th,.table td{border-top:1px solid #dee2e6;padding:.35rem .5rem;vertical-align:top;text-align:left}
.table thead th{border-bottom:2px solid #dee2e6}
.table-responsive{overflow-x:auto}
.badge{display:inline-block;padding:.1em .45em;border-radius:3px;font-size:85%;font-family:ui-monospace,monospace}
.badge-secondary{background:#6c757d;color:#fff}
.text-success{color:#1e7e34}.text-danger{color:#c82333}.text-warning{color:#b8860b}
.fas::before{font-style:normal;font-weight:bold}
.fa-check-circle::before{content:"\\2714"}.fa-times::before{content:"\\2718"}
.fa-exclamation-triangle::before{content:"\\26A0"}.fa-question-circle::before{content:"?"}
.fa-comment::before{content:"\\2709"}
.cooltip .top{display:none}
pre,code{font-family:ui-monospace,monospace;font-size:90%}
.corpusgov-offline-note{font-size:85%;color:#6c757d;margin:.5rem 1.5rem}
@media (prefers-color-scheme:dark){.table{color:#212529!important;background:transparent!important}}
"""

_RE_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.S | re.I)
_RE_LINK_EXT = re.compile(r"<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>", re.I)
_RE_IMG_EXT = re.compile(r"(<img\b[^>]*?\bsrc\s*=\s*[\"'])(?:https?:)?//[^\"']*([\"'])", re.S | re.I)
_RE_CSS_URL = re.compile(r"url\(\s*[\"']?(?:https?:)?//[^)]*\)", re.I)
_RE_FOOTER = re.compile(r"<footer\b.*?</footer>", re.S | re.I)
_RE_ONCLICK = re.compile(r"<(button|label)\b[^>]*\bonclick=[^>]*>.*?</\1>", re.S | re.I)
_RE_STATIC_REF = re.compile(r"(\b(?:src|href)\s*=\s*[\"'])(?:\.\.?/)*static/", re.I)
_RE_BT_ID = re.compile(r"\$\('#([^']+)'\)\.bootstrapTable\(")
_RE_BT_COLUMNS = re.compile(r"^\s*columns: (\[.*\]),\s*$", re.M)
_RE_BT_DATA = re.compile(r"^\s*data: (\[.*\]),\s*$", re.M)
# Any remaining fetching attribute on a non-<a> tag; <a href> links are navigation, not fetches.
_RE_EXT_ATTR = re.compile(
    r"(<(?!a\b)[a-z][a-z0-9]*\b[^>]*?)\s(?:src|href|action|poster|data|srcset)\s*=\s*"
    r"[\"']?(?:https?:)?//[^\"'\s>]*[\"']?",
    re.S | re.I,
)


def _static_tables(html: str) -> str:
    """Render GE's JS-built (bootstrap-table) index tables as plain HTML tables."""
    for script in _RE_SCRIPT.findall(html):
        m_id, m_cols, m_data = (
            _RE_BT_ID.search(script),
            _RE_BT_COLUMNS.search(script),
            _RE_BT_DATA.search(script),
        )
        if not (m_id and m_cols and m_data):
            continue
        try:
            columns = ast.literal_eval(m_cols.group(1))
            rows = ast.literal_eval(m_data.group(1))
        except (ValueError, SyntaxError):
            continue
        head = "".join(f"<th>{c.get('title', '')}</th>" for c in columns) + "<th>Page</th>"
        body = []
        for row in rows:
            cells = "".join(f"<td>{row.get(c.get('field'), '')}</td>" for c in columns)
            if row.get("_validation_success_text"):  # the status cell is an icon only; say it in words
                cells = cells.replace("</td>", f" {row['_validation_success_text']}</td>", 1)
            link = row.get("_table_row_link_path")
            cells += f'<td><a href="{link}">open</a></td>' if link else "<td></td>"
            body.append(f"<tr>{cells}</tr>")
        rendered = f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody>"
        table_re = re.compile(r"(<table\s+id=\"" + re.escape(m_id.group(1)) + r"\"[^>]*>)\s*</table>", re.S)
        html = table_re.sub(
            lambda m, r=rendered: m.group(1).replace('class="', 'class="table ', 1) + r + "</table>",
            html,
            count=1,
        )
    return html


def _remove_actions_card(html: str) -> str:
    """Drop GE's JS-only "Actions" card (show/hide filters) by removing its balanced <div>."""
    marker = html.find("<strong>Actions</strong>")
    if marker < 0:
        return html
    starts = [m.start() for m in re.finditer(r'<div class="card[ "]', html[:marker])]
    if not starts:
        return html
    start = starts[-1]
    depth, pos = 0, start
    tag = re.compile(r"<(/?)div\b", re.I)
    while True:
        m = tag.search(html, pos)
        if m is None:
            return html
        depth += -1 if m.group(1) else 1
        pos = m.end()
        if depth == 0:
            end = html.find(">", pos) + 1
            return html[:start] + html[end:]


def make_offline_html(docs_dir: str | Path) -> list[str]:
    """Rewrite a GE Data Docs site so pages open offline: no CDN scripts/styles, inline CSS, local logo.

    Returns the HTML files rewritten. Plain <a href> links to external pages are kept (they fetch nothing).
    Unreferenced static assets (fonts, images) are pruned to keep the run directory small.
    """
    root = Path(docs_dir)
    rewritten: list[str] = []
    referenced: set[Path] = set()
    for page in sorted(root.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        depth = len(page.relative_to(root).parts) - 1
        prefix = "../" * depth
        html = _static_tables(html)
        html = _RE_SCRIPT.sub("", html)
        html = _RE_LINK_EXT.sub("", html)
        html = _RE_IMG_EXT.sub(
            lambda m, p=prefix: f"{m.group(1)}{p}static/images/logo-long.png{m.group(2)}", html
        )
        html = _RE_CSS_URL.sub("none", html)
        # GE counts one level too few on validation pages (run name + time); re-anchor static paths by depth.
        html = _RE_STATIC_REF.sub(lambda m, p=prefix: f"{m.group(1)}{p}static/", html)
        html = _RE_FOOTER.sub("", html)
        html = _RE_ONCLICK.sub("", html)
        html = _remove_actions_card(html)
        html = _RE_EXT_ATTR.sub(r"\1", html)
        note = (
            '<p class="corpusgov-offline-note">Rendered by Great Expectations; rewritten by corpusgov to '
            "open offline (no scripts, no remote assets).</p>"
        )
        html = html.replace("</head>", f"<style>{_OFFLINE_CSS}</style>\n</head>", 1)
        html = re.sub(r"(<body\b[^>]*>)", lambda m, n=note: m.group(1) + n, html, count=1)
        page.write_text(html, encoding="utf-8")
        rewritten.append(str(page))
        for ref in re.findall(r"\b(?:src|href)\s*=\s*[\"']([^\"'#?]+)", html):
            if "://" not in ref and not ref.startswith(("mailto:", "data:")):
                referenced.add((page.parent / ref).resolve())
    static = root / "static"
    if static.is_dir():
        for f in sorted(static.rglob("*"), reverse=True):
            if f.is_file() and f.resolve() not in referenced:
                f.unlink()
            elif f.is_dir() and not any(f.iterdir()):
                f.rmdir()
    return rewritten
