"""The Great Expectations runner: one ephemeral GE context, one suite per table, results scrubbed for reproducibility.

Why separate: everything that touches GE's API (lazily imported, it is slow to import) is here, so the
planning in `quality/expectations.py` and the data side in `quality/expectations_columns.py` stay plain
Python. GE runs with no temporary docs site, no analytics and no progress bars, so it writes nothing
outside the run directory.
"""

from __future__ import annotations

import math
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from corpusgov.quality.expectations_policy import ExpectationSpec, ExpectationsPolicy

SITE_NAME = "corpusgov"
# Imported at module level by expectations and metrics a policy may never use (the KL-divergence and KS-test ones):
# deferred while GE is imported, so a run that uses none of them does not pay for them (docs/profile.md).
GE_DEFERRED = ("scipy.stats", "altair")


class Check:
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


def jsonable(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {str(k): jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple | set):
        return [jsonable(v) for v in obj]
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
    return jsonable(d)


def _view(class_name: str) -> dict[str, str]:
    return {"module_name": "corpusgov.lineage.ge_views", "class_name": class_name}


def _context(docs_dir: Path | None) -> Any:
    """An ephemeral GE context: no temporary docs site, no analytics, no progress bars; Data Docs in docs_dir."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )

    sites: dict[str, Any] = {}
    if docs_dir is not None:
        sites[SITE_NAME] = {
            "class_name": "SiteBuilder",
            "show_how_to_buttons": False,
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)},
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder", "view": _view("CachedJinjaIndexPageView")},
            # GE's default sections (merged into its defaults), their pages drawn by GE's page view with its compiled
            # templates kept (lineage/ge_views.py): the same pages without compiling them again on every run
            "site_section_builders": {
                name: {"view": _view("CachedJinjaPageView")} for name in ("expectations", "validations", "profiling")
            },
        }
    config = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
        analytics_enabled=False,
        progress_bars=ProgressBarsConfig(globally=False, metric_calculations=False),
        data_docs_sites=sites,
    )
    return gx.get_context(mode="ephemeral", project_config=config)


def run_ge(
    frames: dict[str, Any],
    checks: dict[str, list[Check]],
    policy: ExpectationsPolicy,
    docs_dir: Path | None,
    run_name: str | None,
    run_time: datetime,
) -> dict[str, dict[str, Any]]:
    """Validate each table's checks in one GE suite; fill the checks; return scrubbed GE JSON per suite."""
    from corpusgov.deferred_imports import deferred
    from corpusgov.heap import collector_paused, freeze_long_lived

    # GE's import: ~150k long-lived objects, frozen just below; scipy.stats and altair load on first use only
    with collector_paused():
        with deferred(GE_DEFERRED):
            import great_expectations as gx
            from great_expectations.core.run_identifier import RunIdentifier
            from great_expectations.expectations.metadata_types import FailureSeverity
            from great_expectations.expectations.registry import get_expectation_impl

        # GE's ~150k module objects: out of every later full collection of the run; frozen before the collector is
        # back on, which would otherwise first collect them as young objects (≈ 0.05 CPU-s, docs/profile.md)
        freeze_long_lived("great_expectations import", collect=False)  # ~100k objects walked to free ~1,500
    ctx = _context(docs_dir)
    source = ctx.data_sources.add_pandas("corpusgov")
    result_format = {
        "result_format": policy.result_format,
        "partial_unexpected_count": policy.partial_unexpected_count,
    }
    run_id = RunIdentifier(run_name=run_name, run_time=run_time)
    out: dict[str, dict[str, Any]] = {}
    for table, table_checks in checks.items():
        suite = ctx.suites.add(gx.ExpectationSuite(name=table))
        by_id: dict[str, Check] = {}
        for check in table_checks:
            try:
                cls = get_expectation_impl(check.spec.type)
                expectation = cls(
                    **check.kwargs,
                    severity=FailureSeverity.CRITICAL if check.spec.critical else FailureSeverity.WARNING,
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
            found = by_id.get(str(r.expectation_config.id)) if r.expectation_config else None
            if found is None:  # pragma: no cover - GE returned an expectation we did not add
                continue
            check = found
            rd = r.to_json_dict()
            check.result = jsonable(rd.get("result") or {})
            info = rd.get("exception_info")
            msg = _exception_message(info if isinstance(info, dict) else None)
            check.evaluated_by = "great_expectations"
            if msg:
                check.fail("error", msg[:500])
            else:
                check.status = "passed" if r.success else "failed"
        out[table] = _scrub_ge_result(res.to_json_dict())
    if docs_dir is not None and out:
        ctx.build_data_docs(site_names=[SITE_NAME])
    return out


def ge_version() -> str:
    import great_expectations as gx

    return str(gx.__version__)
