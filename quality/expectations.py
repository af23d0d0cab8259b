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

This module plans the checks and writes `results.json`; the derived columns and the sampled read are in
`quality/expectations_columns.py`, the GE runner in `quality/expectations_ge.py` (GE is imported lazily
there, so planning stays cheap to import), the offline Data Docs in `lineage/data_docs.py`.
"""

from __future__ import annotations

import json
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from corpusgov.lineage.data_docs import make_offline_html
from corpusgov.quality.expectations_columns import (
    DERIVED_COLUMNS,
    as_bool,
    derive_column,
    derived_inputs,
    read_decisions,
    string_too_long,
)
from corpusgov.quality.expectations_ge import Check, ge_version, jsonable, run_ge
from corpusgov.quality.expectations_policy import ExpectationSpec, ExpectationsPolicy, default_expectations

__all__ = [
    "DERIVED_COLUMNS",
    "RESULTS_VERSION",
    "ExpectationSpec",
    "ExpectationsPolicy",
    "default_expectations",
    "language_value_set",
    "run_expectations",
]

RESULTS_VERSION = "1.0.0"
_ROW_COUNT_TYPES = ("expect_table_row_count_to_be_between", "expect_table_row_count_to_equal")
_COLUMN_KWARGS = ("column", "column_A", "column_B")
_COLUMN_LIST_KWARGS = ("column_list", "column_set")


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


def _own_row_count(check: Check, count: int) -> None:
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

    checks, real_cols, derived = _plan(_specs(policy, kept_summary), parameters, available, policy)
    needed = set(real_cols) | {c for need in derived.values() for c in need}
    needed.update(c for c in ("decision", policy.sample_key) if c in available)
    table, data_info = read_decisions(paths, sorted(needed), policy)
    kept_mask = (
        as_bool(pc.equal(table.column("decision"), "keep"))
        if "decision" in table.column_names
        else np.zeros(table.num_rows, dtype=bool)
    )
    data_info["kept_validated"] = int(kept_mask.sum())
    too_long = _refuse_long_strings(checks, table, real_cols | {policy.sample_key}, policy.max_string_chars)
    ge_checks = _for_ge(checks, data_info)
    frames = _frames(table, kept_mask, ge_checks, derived, policy.sample_key, too_long)
    ge_json, docs_index = _validate(frames, ge_checks, policy, exp_dir, run_name, run_time)

    summaries = [c.summary() for c in checks]
    critical_failed = [x["name"] for x in summaries if x["critical"] and not x["success"]]
    warnings_failed = [x["name"] for x in summaries if not x["critical"] and not x["success"]]
    suites = _suites(summaries)
    passed = not critical_failed
    _write_json(
        results_path,
        {
            **base,
            "great_expectations_version": ge_version() if ge_checks else None,
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


def _validate(
    frames: dict[str, Any],
    ge_checks: dict[str, list[Check]],
    policy: ExpectationsPolicy,
    exp_dir: Path,
    run_name: str | None,
    run_time: datetime,
) -> tuple[dict[str, dict[str, Any]], str | None]:
    """Run GE over the open checks; (scrubbed GE results per suite, offline Data Docs index or None)."""
    docs_dir = exp_dir / "data_docs" if policy.data_docs else None
    if docs_dir is not None and docs_dir.exists():
        shutil.rmtree(docs_dir)
    ge_json = run_ge(frames, ge_checks, policy, docs_dir, run_name, run_time) if ge_checks else {}
    if docs_dir is None or not ge_json:
        return ge_json, None
    make_offline_html(docs_dir)
    return ge_json, str(docs_dir / "index.html")


def _specs(policy: ExpectationsPolicy, kept_summary: dict) -> list[ExpectationSpec]:
    """The policy's suite, plus the critical kept-rows check when the corpus writer's count is known."""
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
    return specs


def _for_ge(checks: list[Check], data_info: dict[str, Any]) -> dict[str, list[Check]]:
    """Checks still open, per table, for GE; row counts under sampling are judged here on exact counts."""
    exact = {"decisions": data_info["rows_total"], "kept": data_info["kept_total"]}
    for check in checks:
        if check.status is None and data_info["sampled"] and check.spec.type in _ROW_COUNT_TYPES:
            _own_row_count(check, exact[check.spec.table])
    ge_checks: dict[str, list[Check]] = {}
    for check in checks:
        if check.status is None:
            check.evaluated_on = "sample" if data_info["sampled"] else "all_rows"
            ge_checks.setdefault(check.spec.table, []).append(check)
    return ge_checks


def _plan(
    specs: list[ExpectationSpec], parameters: dict[str, Any], available: set[str], policy: ExpectationsPolicy
) -> tuple[list[Check], set[str], dict[str, list[str]]]:
    """Resolve parameters, find the columns each check needs, refuse text-like columns.

    Returns (checks, real columns to read, derived column -> its input columns); a check that cannot run
    is already failed (or skipped, for a missing parameter of a non-critical check).
    """
    forbidden = set(policy.forbidden_columns)
    checks: list[Check] = []
    real_cols: set[str] = set()
    derived: dict[str, list[str]] = {}
    for spec in specs:
        missing_params: list[str] = []
        kwargs = _resolve_parameters(spec.kwargs, parameters, missing_params)
        check = Check(spec, kwargs)
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
                need = derived_inputs(col, available)
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
    return checks, real_cols, derived


def _refuse_long_strings(checks: list[Check], table: pa.Table, columns: set[str], limit: int) -> set[str]:
    """Fail the checks on string columns with values longer than `limit` (text, not ids); return those columns."""
    too_long = {c for c in columns if c in table.column_names and string_too_long(table.column(c), limit)}
    for check in checks:
        if check.status is None:
            for col in _spec_columns(check.kwargs):
                if col in too_long:
                    check.fail(
                        "error",
                        f"column {col!r} holds strings longer than "
                        f"{limit} characters; only ids and codes are validated",
                    )
                    break
    return too_long


def _suites(summaries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    suites = []
    for name in ("decisions", "kept"):
        items = [x for x in summaries if x["table"] == name]
        if items:
            suites.append(
                {
                    "suite": name,
                    "success": all(x["success"] for x in items),
                    "evaluated": sum(1 for x in items if x["status"] in ("passed", "failed")),
                    "successful": sum(1 for x in items if x["status"] == "passed"),
                    "expectations": items,
                }
            )
    return suites


def _frames(
    table: pa.Table,
    kept_mask: np.ndarray,
    ge_checks: dict[str, list[Check]],
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
            data[c] = derive_column(c, table) if c in derived else table.column(c)
        t = pa.table(data) if data else pa.table({"_row": pa.array(np.zeros(table.num_rows, np.int8))})
        if name == "kept":
            t = t.filter(pa.array(kept_mask))
        frames[name] = t.to_pandas()
    return frames


def _write_json(path: Path, obj: Any) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(jsonable(obj), f, ensure_ascii=False, indent=2, sort_keys=False)
        f.write("\n")
    os.replace(tmp, path)
