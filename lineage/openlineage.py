"""OpenLineage RunEvents for a corpusgov run, built from its manifest and written as NDJSON.

Why: Apache Beam has no OpenLineage integration (OpenLineage#80, apache/beam#33981), so the driver emits
events itself: one START and one COMPLETE (or FAIL) RunEvent, with one input dataset per upstream source
(licence, acquisition and screening as custom ``corpusgov_*`` facets) and the run's Parquet outputs with
statistics read from the manifest and the Parquet footers. Events are plain dicts that pass
``lineage.ol_validate.validate_event``; nothing reads the clock, so the same manifest gives the same events.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from corpusgov.lineage.ol_validate import CORE_ID, validate_event

__all__ = [
    "FACET_BASE",
    "OUTPUT_KINDS",
    "build_events",
    "dataset_version",
    "emit_events",
    "producer",
    "write_openlineage",
]

log = logging.getLogger("corpusgov")

OL = "https://openlineage.io/spec/facets/"
FACET_BASE = "https://corpusgov.dev/spec/facets/1-0-0/"
NOT_AVAILABLE = "not available"
OUTPUT_KINDS = ("corpus", "decisions", "pii", "copyright")
EVENTS_FILE = "openlineage.jsonl"

# Versioned schema URLs of every facet we emit (the versions vendored under schemas/openlineage/).
_URLS = {
    "schema": OL + "1-2-0/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet",
    "dataSource": OL + "1-0-1/DatasourceDatasetFacet.json#/$defs/DatasourceDatasetFacet",
    "version": OL + "1-0-1/DatasetVersionDatasetFacet.json#/$defs/DatasetVersionDatasetFacet",
    "ownership": OL + "1-0-1/OwnershipDatasetFacet.json#/$defs/OwnershipDatasetFacet",
    "storage": OL + "1-0-1/StorageDatasetFacet.json#/$defs/StorageDatasetFacet",
    "dataQualityMetrics": OL
    + "1-0-0/DataQualityMetricsDatasetFacet.json#/$defs/DataQualityMetricsDatasetFacet",
    "outputStatistics": OL
    + "1-0-2/OutputStatisticsOutputDatasetFacet.json#/$defs/OutputStatisticsOutputDatasetFacet",
    "inputStatistics": OL
    + "1-0-0/InputStatisticsInputDatasetFacet.json#/$defs/InputStatisticsInputDatasetFacet",
    "processing_engine": OL + "1-1-1/ProcessingEngineRunFacet.json#/$defs/ProcessingEngineRunFacet",
    "errorMessage": OL + "1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet",
    "jobType": OL + "2-0-4/JobTypeJobFacet.json#/$defs/JobTypeJobFacet",
    "sourceCodeLocation": OL + "1-1-0/SourceCodeLocationJobFacet.json#/$defs/SourceCodeLocationJobFacet",
    "corpusgov_sourceLicense": FACET_BASE + "SourceLicenseDatasetFacet.json#/$defs/SourceLicenseDatasetFacet",
    "corpusgov_sourceScreening": FACET_BASE
    + "SourceScreeningDatasetFacet.json#/$defs/SourceScreeningDatasetFacet",
    "corpusgov_piiScan": FACET_BASE + "PiiScanDatasetFacet.json#/$defs/PiiScanDatasetFacet",
    "corpusgov_annotationAudit": FACET_BASE
    + "AnnotationAuditDatasetFacet.json#/$defs/AnnotationAuditDatasetFacet",
}

# Input file formats → StorageDatasetFacet.fileFormat vocabulary (parquet, orc, avro, json, csv, text, xml).
_FORMATS = {"jsonl": "json", "json": "json", "parquet": "parquet", "csv": "csv", "text": "text"}
_DS_NAMESPACE = uuid.UUID("6f1b7c52-2d1e-4a8e-9c43-3f0c2b7d9a10")  # for run ids derived from a manifest


def producer(manifest: dict) -> str:
    """Producer URI naming corpusgov and its version (OpenLineage requires a URI)."""
    version = str(((manifest.get("code") or {}).get("corpusgov_version")) or "unknown")
    return f"https://corpusgov.dev/corpusgov/{quote(version, safe='.-_')}"


def _facet(prod: str, key: str, **fields: Any) -> dict[str, Any]:
    return {"_producer": prod, "_schemaURL": _URLS[key], **{k: v for k, v in fields.items() if v is not None}}


def _int(v: Any) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) else None


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


def dataset_version(files: Iterable[dict]) -> str:
    """Version of a file-based dataset: sha256 over its files' sha256 hex digests, one per line, by path.

    Content-addressed, so renaming the directory does not change it but any byte change does.
    """
    rows = sorted((str(f.get("uri") or f.get("path") or ""), str(f.get("sha256") or "")) for f in files)
    return hashlib.sha256("".join(f"{d}\n" for _, d in rows).encode("ascii", "replace")).hexdigest()


def _ol_name(uri: str) -> tuple[str, str]:
    """(namespace, name) per the OpenLineage naming spec: local files → ('file', path)."""
    if "://" in uri:
        parts = urlsplit(uri)
        if parts.scheme == "file":
            return "file", parts.path
        return f"{parts.scheme}://{parts.netloc}", parts.path.lstrip("/") or "/"
    return "file", uri


def _as_uri(uri: str) -> str:
    if "://" in uri:
        return uri
    path = quote(uri.replace(os.sep, "/"), safe="/._-~")
    return f"file://{path}" if path.startswith("/") else f"file:{path}"


def _registry(src: dict) -> dict:
    r = src.get("registry_entry")
    return r if isinstance(r, dict) else {}


def _inputs(src: dict) -> dict:
    """The source's input spec (paths, format, fields), top-level or inside its registry entry."""
    spec = src.get("inputs") or _registry(src).get("inputs")
    return spec if isinstance(spec, dict) else {}


def _input_schema(src: dict, prod: str) -> dict | None:
    fields = _inputs(src).get("fields") or {}
    if not isinstance(fields, dict) or not fields:
        return None
    cols: list[dict[str, Any]] = [
        {"name": fields.get("text") or "text", "type": "string", "description": "record text"}
    ]
    if fields.get("id"):
        cols.append({"name": fields["id"], "description": "source record id"})
    if fields.get("url"):
        cols.append({"name": fields["url"], "description": "record URL"})
    for m in fields.get("metadata") or []:
        if m not in {c["name"] for c in cols}:
            cols.append({"name": m, "description": "metadata carried into the corpus"})
    return _facet(prod, "schema", fields=cols)


def _evidence(src: dict) -> list[dict]:
    reg = _registry(src)
    found: list[tuple[str, Any]] = [
        ("licence_evidence", reg.get("licence_evidence")),
        ("contract_evidence", (reg.get("commercial") or {}).get("contract_evidence")),
        ("authorisation_record", (reg.get("user_authorised") or {}).get("authorisation_record")),
    ]
    out = []
    for kind, ev in found:
        if isinstance(ev, dict):
            item = {"kind": kind, **{k: ev[k] for k in ("url", "file", "sha256", "note") if ev.get(k)}}
            out.append(item)
    return out


def _input_dataset(src: dict, prod: str, final: bool) -> dict:
    sid = str(src.get("id") or NOT_AVAILABLE)
    files = [f for f in src.get("files") or [] if isinstance(f, dict)]
    reg = _registry(src)
    paths = _inputs(src).get("paths") or []
    first = files[0].get("uri") if files else (paths[0] if paths else None)
    namespace, name = _ol_name(str(first)) if first else ("corpusgov", f"source/{sid}")
    facets: dict[str, Any] = {}
    if first:
        facets["dataSource"] = _facet(prod, "dataSource", name=sid, uri=_as_uri(str(first)))
    schema = _input_schema(src, prod)
    if schema:
        facets["schema"] = schema
    if files:
        facets["version"] = _facet(prod, "version", datasetVersion=dataset_version(files))
    owners = []
    if reg.get("owner"):
        owners.append({"name": f"team:{reg['owner']}", "type": "OWNER"})
    supplier = (reg.get("commercial") or {}).get("supplier")
    if supplier:
        owners.append({"name": f"supplier:{supplier}", "type": "SUPPLIER"})
    if owners:
        facets["ownership"] = _facet(prod, "ownership", owners=owners)
    fmt = _inputs(src).get("format")
    facets["storage"] = _facet(prod, "storage", storageLayer="file", fileFormat=_FORMATS.get(fmt, fmt))
    facets["corpusgov_sourceLicense"] = _facet(
        prod,
        "corpusgov_sourceLicense",
        sourceId=sid,
        licenceDeclared=isinstance(src.get("licence"), str) and bool(src.get("licence")),
        licence=src.get("licence") if isinstance(src.get("licence"), str) and src.get("licence") else None,
        acquisition=src.get("acquisition") or NOT_AVAILABLE,
        piLegalBasis=src.get("pi_legal_basis"),
        status=src.get("status") or NOT_AVAILABLE,
        rejectionReasons=[str(r) for r in src.get("rejection_reasons") or []],
        evidence=_evidence(src),
    )
    ds: dict[str, Any] = {"namespace": namespace, "name": name, "facets": facets}
    if not final:
        return ds
    scr = src.get("screening")
    if isinstance(scr, dict) and all(
        scr.get(k) is not None for k in ("records", "hits", "threshold", "passed")
    ):
        records, hits = int(scr["records"]), int(scr["hits"])
        rate = scr.get("hit_rate")
        rate = float(rate) if rate is not None else (hits / records if records else 0.0)
        facets["corpusgov_sourceScreening"] = _facet(
            prod,
            "corpusgov_sourceScreening",
            records=records,
            hits=hits,
            hitRate=rate,
            threshold=float(scr["threshold"]),
            passed=bool(scr["passed"]),
        )
    counts = src.get("counts") or {}
    stats = {
        "rowCount": _int(counts.get("read")),
        "size": sum(_int(f.get("bytes")) or 0 for f in files) if files else None,
        "fileCount": len(files) if files else None,
    }
    if any(v is not None for v in stats.values()):
        ds["inputFacets"] = {"inputStatistics": _facet(prod, "inputStatistics", **stats)}
    return ds


def _arrow_fields(schema: Any) -> list[dict[str, Any]]:
    import pyarrow as pa

    def one(f: Any) -> dict[str, Any]:
        d: dict[str, Any] = {"name": f.name, "type": str(f.type)}
        if pa.types.is_struct(f.type):
            d["fields"] = [one(f.type.field(i)) for i in range(f.type.num_fields)]
        return d

    return [one(f) for f in schema]


def _parquet_profile(paths: list[Path]) -> tuple[list[dict] | None, dict[str, dict]]:
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
            fields = _arrow_fields(pf.schema_arrow)
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


def _dict(v: Any) -> dict:
    return v if isinstance(v, dict) else {}


def _flat_counts(d: Any) -> dict[str, int]:
    """{key: int} keeping only integer counts (sorted, so output order is stable)."""
    return {str(k): int(v) for k, v in sorted(_dict(d).items()) if _int(v) is not None}


def _sum_counts(maps: Iterable[dict[str, int]]) -> dict[str, int]:
    total: dict[str, int] = {}
    for m in maps:
        for k, n in m.items():
            total[k] = total.get(k, 0) + n
    return dict(sorted(total.items()))


def _output_datasets(manifest: dict, run_dir: str, prod: str, final: bool) -> list[dict]:
    outputs = manifest.get("outputs") or {}
    files = [f for f in outputs.get("files") or [] if isinstance(f, dict) and f.get("path")]
    root = Path(run_dir).resolve()
    merkle = outputs.get("merkle") or {}
    pii = manifest.get("pii") if isinstance(manifest.get("pii"), dict) else None
    annotation = manifest.get("annotation") if isinstance(manifest.get("annotation"), dict) else None
    by_kind: dict[str, list[dict]] = {k: [] for k in OUTPUT_KINDS}
    for f in files:
        kind = f.get("kind") or Path(str(f["path"])).parts[0]
        if kind in by_kind:
            by_kind[kind].append(f)
    result = []
    for kind in OUTPUT_KINDS:
        kfiles = sorted(by_kind[kind], key=lambda f: str(f["path"]))
        if not kfiles and kind != "corpus":
            continue
        facets: dict[str, Any] = {
            "storage": _facet(prod, "storage", storageLayer="file", fileFormat="parquet")
        }
        ds: dict[str, Any] = {"namespace": "file", "name": str(root / kind), "facets": facets}
        result.append(ds)
        if not final:
            continue
        paths = [root / str(f["path"]) for f in kfiles]
        fields, columns = _parquet_profile(paths)
        if fields:
            facets["schema"] = _facet(prod, "schema", fields=fields)
        version = merkle.get("corpus_root") if kind == "corpus" else None
        if not version and kfiles:
            version = dataset_version(kfiles)
        if version:
            facets["version"] = _facet(prod, "version", datasetVersion=str(version))
        rows = [_int(f.get("rows")) for f in kfiles]
        sizes = [_int(f.get("bytes")) for f in kfiles]
        row_count = sum(r for r in rows if r is not None) if kfiles and None not in rows else None
        size = sum(s for s in sizes if s is not None) if kfiles and None not in sizes else None
        facets["dataQualityMetrics"] = _facet(
            prod,
            "dataQualityMetrics",
            rowCount=row_count,
            bytes=size,
            fileCount=len(kfiles),
            columnMetrics=columns,
        )
        ds["outputFacets"] = {
            "outputStatistics": _facet(
                prod, "outputStatistics", rowCount=row_count, size=size, fileCount=len(kfiles)
            )
        }
        if pii and (kind == "pii" or (kind == "corpus" and not by_kind["pii"])):
            by_src = {str(k): _flat_counts(v) for k, v in _dict(pii.get("counts_by_source")).items()}
            actions = _dict(pii.get("records_by_action"))
            nested = any(isinstance(v, dict) for v in actions.values())
            facets["corpusgov_piiScan"] = _facet(
                prod,
                "corpusgov_piiScan",
                mode=str(pii.get("mode") or NOT_AVAILABLE),
                countsByType=_sum_counts(by_src.values()),
                countsBySource=by_src,
                recordsByAction=_sum_counts(_flat_counts(v) for v in actions.values())
                if nested
                else _flat_counts(actions),
                recordsByActionBySource={str(k): _flat_counts(v) for k, v in actions.items()}
                if nested
                else None,
            )
        if annotation and kind == "corpus":
            guides = [
                {k: g[k] for k in ("path", "sha256") if g.get(k)}
                for g in annotation.get("guidelines") or []
                if isinstance(g, dict) and g.get("sha256")
            ]
            facets["corpusgov_annotationAudit"] = _facet(
                prod,
                "corpusgov_annotationAudit",
                guidelines=guides or None,
                passed=annotation.get("passed") if isinstance(annotation.get("passed"), bool) else None,
                summary=json.loads(json.dumps(annotation, default=str)),
            )
    return result


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
        "processing_engine": _facet(
            prod,
            "processing_engine",
            version=str(beam),
            name="Apache Beam",
            openlineageAdapterVersion=str(code.get("corpusgov_version") or NOT_AVAILABLE),
        )
    }
    job_facets: dict[str, Any] = {
        "jobType": _facet(prod, "jobType", processingType="BATCH", integration="corpusgov", jobType="JOB")
    }
    git_url = code.get("git_url") or code.get("repo_url")
    if isinstance(git_url, str) and git_url:
        job_facets["sourceCodeLocation"] = _facet(
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
            facets["errorMessage"] = _facet(
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
            "inputs": [_input_dataset(s, prod, final) for s in sources],
            "outputs": _output_datasets(manifest, run_dir, prod, final),
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

    Uses openlineage-python's transports directly (FileTransport with ``append=True`` writes exactly
    ``log_file_path``; HttpTransport posts to ``{http_url}/api/v1/lineage``, e.g. Marquez). The client's
    ``emit`` is bypassed on purpose: it only takes generated classes and injects environment/git facets.
    The file is replaced unless ``append``. HTTP failures are reported in the result, never raised.
    Returns ``{"path", "events", "http": {"url", "sent", "errors"} | None}``.
    """
    from openlineage.client.transport.file import FileConfig, FileTransport

    problems = [f"event {i}: {e}" for i, ev in enumerate(events) for e in validate_event(ev)]
    if problems:
        raise OpenLineageValidationError("; ".join(problems[:10]))
    path = os.path.join(run_dir, EVENTS_FILE)
    os.makedirs(run_dir, exist_ok=True)
    if not append and os.path.exists(path):
        os.remove(path)
    file_transport = FileTransport(FileConfig(log_file_path=path, append=True))
    for ev in events:
        file_transport.emit(ev)  # Serde.to_json accepts plain dicts
    report: dict[str, Any] = {"path": path, "events": len(events), "http": None}
    if http_url:
        report["http"] = _send_http(events, http_url, timeout)
    return report


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
                transport.emit(ev)
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
