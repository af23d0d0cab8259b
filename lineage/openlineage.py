"""OpenLineage RunEvents for a corpusgov run, built from its manifest and written as NDJSON.

Why: Apache Beam has no OpenLineage integration (OpenLineage#80, apache/beam#33981), so the driver emits
events itself: one START and one COMPLETE (or FAIL) RunEvent, with one input dataset per upstream source
(licence, acquisition and screening as custom ``corpusgov_*`` facets) and the run's Parquet outputs with
statistics read from the manifest and the Parquet footers (the datasets are built in `lineage/openlineage_datasets.py`). Events are plain dicts that pass
``lineage.ol_validate.validate_event``; nothing reads the clock, so the same manifest gives the same events.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import uuid
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

from corpusgov.lineage.ol_validate import CORE_ID, validate_event
from corpusgov.lineage.openlineage_datasets import (
    FACET_BASE,
    NOT_AVAILABLE,
    OUTPUT_KINDS,
    dataset_version,
    facet,
    input_dataset,
    output_datasets,
    producer,
)

__all__ = [
    "FACET_BASE",
    "OUTPUT_KINDS",
    "build_events",
    "dataset_version",
    "emit_events",
    "producer",
    "to_json_line",
    "write_openlineage",
]

log = logging.getLogger("corpusgov")

EVENTS_FILE = "openlineage.jsonl"
_DS_NAMESPACE = uuid.UUID("6f1b7c52-2d1e-4a8e-9c43-3f0c2b7d9a10")  # for run ids derived from a manifest


def _time(value: Any) -> str | None:
    """RFC 3339 string for a manifest timestamp; a naive timestamp is taken as UTC."""
    if not isinstance(value, str) or not value:
        return None
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.isoformat()


def _run_id(manifest: dict) -> str:
    rid = (manifest.get("run") or {}).get("run_id")
    try:
        return str(uuid.UUID(str(rid)))
    except ValueError:
        # No usable run id: derive one from the manifest content so it is still stable.
        blob = json.dumps(manifest, sort_keys=True, default=str).encode()
        return str(uuid.uuid5(_DS_NAMESPACE, hashlib.sha256(blob).hexdigest()))


def build_events(manifest: dict, run_dir: str) -> list[dict]:
    """[START, COMPLETE|FAIL] RunEvents for the run the manifest describes.

    START carries the inputs with their static facets (source, schema, version, licence) and the output
    names; the terminal event adds screening, statistics, column metrics, PI and annotation summaries.
    Raises ValueError only if the manifest has no usable timestamp at all.
    """
    run = manifest.get("run") or {}
    code = manifest.get("code") or {}
    prod = producer(manifest)
    start = _time(run.get("started_at")) or _time(run.get("finished_at"))
    end = _time(run.get("finished_at")) or start
    if start is None or end is None:
        raise ValueError("manifest run.started_at / run.finished_at missing or not ISO 8601")
    status = run.get("status")
    terminal = "COMPLETE" if status == "complete" else "FAIL"
    packages = code.get("packages") or {}
    beam = packages.get("apache-beam") or packages.get("apache_beam") or NOT_AVAILABLE
    run_facets: dict[str, Any] = {
        "processing_engine": facet(
            prod,
            "processing_engine",
            version=str(beam),
            name="Apache Beam",
            openlineageAdapterVersion=str(code.get("corpusgov_version") or NOT_AVAILABLE),
        )
    }
    job_facets: dict[str, Any] = {
        "jobType": facet(prod, "jobType", processingType="BATCH", integration="corpusgov", jobType="JOB")
    }
    git_url = code.get("git_url") or code.get("repo_url")
    if isinstance(git_url, str) and git_url:
        job_facets["sourceCodeLocation"] = facet(
            prod,
            "sourceCodeLocation",
            type="git",
            url=git_url,
            repoUrl=git_url,
            version=code.get("git_commit") or None,
        )
    job_name = str(run.get("name") or NOT_AVAILABLE)
    sources = [s for s in manifest.get("sources") or [] if isinstance(s, dict)]
    run_id = _run_id(manifest)

    def event(kind: str, when: str, final: bool) -> dict[str, Any]:
        facets = dict(run_facets)
        if final and kind == "FAIL":
            facets["errorMessage"] = facet(
                prod,
                "errorMessage",
                message=str(run.get("error") or f"run status: {status or NOT_AVAILABLE}"),
                programmingLanguage="python",
            )
        return {
            "eventType": kind,
            "eventTime": when,
            "producer": prod,
            "schemaURL": f"{CORE_ID}#/$defs/RunEvent",
            "run": {"runId": run_id, "facets": facets},
            "job": {"namespace": "corpusgov", "name": job_name, "facets": dict(job_facets)},
            "inputs": [input_dataset(s, prod, final) for s in sources],
            "outputs": output_datasets(manifest, run_dir, prod, final),
        }

    return [_clean(event("START", start, False)), _clean(event(terminal, end, True))]


def _clean(obj: Any) -> Any:
    """Drop None values (and empty objects inside lists) exactly as openlineage-python's Serde does when
    writing, so the events returned here are byte-for-byte what lands in openlineage.jsonl."""
    if isinstance(obj, dict):
        return {k: _clean(v) for k, v in obj.items() if v is not None}
    if isinstance(obj, list):
        items = [_clean(v) for v in obj if v is not None]
        return [v for v in items if not (isinstance(v, dict) and v == {})]
    return obj


class OpenLineageValidationError(ValueError):
    """An event we built does not validate: a corpusgov bug, never written out."""


def emit_events(
    events: list[dict], run_dir: str, http_url: str | None = None, append: bool = False, timeout: float = 5.0
) -> dict[str, Any]:
    """Validate, write ``run_dir/openlineage.jsonl`` (one event per line) and optionally POST to ``http_url``.

    The file holds exactly what openlineage-python's ``FileTransport`` (``append=True``) writes, one
    ``to_json_line`` per event, without importing the client (≈ 0.15 s of every run, docs/profile.md);
    ``HttpTransport`` posts to ``{http_url}/api/v1/lineage`` (e.g. Marquez). The client's ``emit`` is not
    used: it only takes generated classes and injects environment/git facets.
    The file is replaced unless ``append``. HTTP failures are reported in the result, never raised.
    Returns ``{"path", "events", "http": {"url", "sent", "errors"} | None}``.
    """
    problems = [f"event {i}: {e}" for i, ev in enumerate(events) for e in validate_event(ev)]
    if problems:
        raise OpenLineageValidationError("; ".join(problems[:10]))
    path = os.path.join(run_dir, EVENTS_FILE)
    os.makedirs(run_dir, exist_ok=True)
    if not append and os.path.exists(path):
        os.remove(path)
    try:  # one append per event, as the client's transport does, with its error messages
        with open(path, "a", encoding="utf-8") as f:
            for ev in events:
                f.write(to_json_line(ev))
    except (PermissionError, io.UnsupportedOperation) as error:
        raise RuntimeError(f"Log file `{path}` is not writeable") from error
    except Exception as error:
        raise RuntimeError(f"Failed to write to log file `{path}`: {error}") from error
    report: dict[str, Any] = {"path": path, "events": len(events), "http": None}
    if http_url:
        report["http"] = _send_http(events, http_url, timeout)
    return report


def _serde(obj: Any) -> Any:
    """openlineage-python's ``Serde.remove_nulls_and_enums``, step for step (enums, dates, UUIDs and numpy
    int64 to JSON values; nulls, and empty objects inside lists, dropped)."""
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, date):  # datetime too
        return obj.isoformat()
    if isinstance(obj, uuid.UUID):
        return str(obj)
    if isinstance(obj, dict):
        return {k: v for k, v in {k: _serde(v) for k, v in obj.items()}.items() if v is not None}
    if isinstance(obj, list):
        items = [_serde(v) for v in obj if v is not None]
        return [v for v in items if v is not None and (not isinstance(v, dict) or v != {})]
    if getattr(getattr(obj, "__class__", None), "__name__", None) == "int64":
        return int(obj)
    return obj


def _not_serializable(obj: Any) -> str:
    return f"<<non-serializable: {type(obj).__qualname__}>>"


def to_json_line(event: dict) -> str:
    """One line of openlineage.jsonl as openlineage-python's ``FileTransport`` writes it: ``Serde.to_json``
    (``_serde``, keys sorted, ASCII escapes, its placeholder for what JSON cannot hold) and a newline."""
    return json.dumps(_serde(event), sort_keys=True, default=_not_serializable) + "\n"


def _send_http(events: list[dict], url: str, timeout: float) -> dict[str, Any]:
    from openlineage.client.transport.http import HttpConfig, HttpTransport

    sent, errors = 0, []
    try:
        transport = HttpTransport(
            HttpConfig.from_dict(
                {"url": url, "timeout": timeout, "retry": {"total": 1, "connect": 1, "read": 1}}
            )
        )
    except Exception as e:  # noqa: BLE001 - a bad URL is reported like a failed send
        return {"url": url, "sent": 0, "errors": [f"{type(e).__name__}: {e}"]}
    try:
        for i, ev in enumerate(events):
            try:
                transport.emit(ev)  # type: ignore[arg-type]  # plain dicts, as for the file transport
                sent += 1
            except Exception as e:  # noqa: BLE001 - lineage delivery must never fail the run
                errors.append(f"event {i} ({ev.get('eventType')}): {type(e).__name__}: {e}")
    finally:
        transport.close()
    return {"url": url, "sent": sent, "errors": errors}


def write_openlineage(out_dir: str, manifest: dict, http_url: str | None = None) -> list[str]:
    """Build the run's events and write ``out_dir/openlineage.jsonl``; returns [path].

    With ``http_url`` (e.g. a Marquez base URL) the events are also POSTed; a failed send is logged as a
    warning and does not fail the run.
    """
    report = emit_events(build_events(manifest, out_dir), out_dir, http_url=http_url)
    http = report.get("http")
    if http and http["errors"]:
        log.warning(
            "OpenLineage: %d of %d events not sent to %s: %s",
            len(http["errors"]),
            report["events"],
            http["url"],
            "; ".join(http["errors"][:3]),
        )
    return [report["path"]]
