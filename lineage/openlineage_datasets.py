"""OpenLineage datasets of a corpusgov run: one input per upstream source, the run's Parquet outputs.

Facets are plain dicts with versioned schema URLs (the versions vendored under schemas/openlineage/):
standard facets for storage, schema, version, ownership, statistics and column metrics, custom
``corpusgov_*`` facets for licence, acquisition, screening, PI and the annotation audit. Everything is read
from the manifest and the Parquet footers (`lineage/parquet_profile.py`); the events are built in
`lineage/openlineage.py`.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from corpusgov.lineage.parquet_profile import parquet_profile

OL = "https://openlineage.io/spec/facets/"
FACET_BASE = "https://corpusgov.dev/spec/facets/1-0-0/"
NOT_AVAILABLE = "not available"
OUTPUT_KINDS = ("corpus", "decisions", "pii", "copyright")
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
def producer(manifest: dict) -> str:
    """Producer URI naming corpusgov and its version (OpenLineage requires a URI)."""
    version = str(((manifest.get("code") or {}).get("corpusgov_version")) or "unknown")
    return f"https://corpusgov.dev/corpusgov/{quote(version, safe='.-_')}"


def facet(prod: str, key: str, **fields: Any) -> dict[str, Any]:
    return {"_producer": prod, "_schemaURL": _URLS[key], **{k: v for k, v in fields.items() if v is not None}}


def to_int(v: Any) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) else None


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
    return facet(prod, "schema", fields=cols)


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


def input_dataset(src: dict, prod: str, final: bool) -> dict:
    sid = str(src.get("id") or NOT_AVAILABLE)
    files = [f for f in src.get("files") or [] if isinstance(f, dict)]
    reg = _registry(src)
    paths = _inputs(src).get("paths") or []
    first = files[0].get("uri") if files else (paths[0] if paths else None)
    namespace, name = _ol_name(str(first)) if first else ("corpusgov", f"source/{sid}")
    facets: dict[str, Any] = {}
    if first:
        facets["dataSource"] = facet(prod, "dataSource", name=sid, uri=_as_uri(str(first)))
    schema = _input_schema(src, prod)
    if schema:
        facets["schema"] = schema
    if files:
        facets["version"] = facet(prod, "version", datasetVersion=dataset_version(files))
    owners = []
    if reg.get("owner"):
        owners.append({"name": f"team:{reg['owner']}", "type": "OWNER"})
    supplier = (reg.get("commercial") or {}).get("supplier")
    if supplier:
        owners.append({"name": f"supplier:{supplier}", "type": "SUPPLIER"})
    if owners:
        facets["ownership"] = facet(prod, "ownership", owners=owners)
    fmt = _inputs(src).get("format")
    facets["storage"] = facet(prod, "storage", storageLayer="file", fileFormat=_FORMATS.get(fmt, fmt) if isinstance(fmt, str) else None)
    facets["corpusgov_sourceLicense"] = facet(
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
        facets["corpusgov_sourceScreening"] = facet(
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
        "rowCount": to_int(counts.get("read")),
        "size": sum(to_int(f.get("bytes")) or 0 for f in files) if files else None,
        "fileCount": len(files) if files else None,
    }
    if any(v is not None for v in stats.values()):
        ds["inputFacets"] = {"inputStatistics": facet(prod, "inputStatistics", **stats)}
    return ds


def _dict(v: Any) -> dict:
    return v if isinstance(v, dict) else {}


def _flat_counts(d: Any) -> dict[str, int]:
    """{key: int} keeping only integer counts (sorted, so output order is stable)."""
    return {str(k): int(v) for k, v in sorted(_dict(d).items()) if to_int(v) is not None}


def _sum_counts(maps: Iterable[dict[str, int]]) -> dict[str, int]:
    total: dict[str, int] = {}
    for m in maps:
        for k, n in m.items():
            total[k] = total.get(k, 0) + n
    return dict(sorted(total.items()))


def output_datasets(manifest: dict, run_dir: str, prod: str, final: bool) -> list[dict]:
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
            "storage": facet(prod, "storage", storageLayer="file", fileFormat="parquet")
        }
        ds: dict[str, Any] = {"namespace": "file", "name": str(root / kind), "facets": facets}
        result.append(ds)
        if not final:
            continue
        paths = [root / str(f["path"]) for f in kfiles]
        fields, columns = parquet_profile(paths)
        if fields:
            facets["schema"] = facet(prod, "schema", fields=fields)
        version = merkle.get("corpus_root") if kind == "corpus" else None
        if not version and kfiles:
            version = dataset_version(kfiles)
        if version:
            facets["version"] = facet(prod, "version", datasetVersion=str(version))
        rows = [to_int(f.get("rows")) for f in kfiles]
        sizes = [to_int(f.get("bytes")) for f in kfiles]
        row_count = sum(r for r in rows if r is not None) if kfiles and None not in rows else None
        size = sum(s for s in sizes if s is not None) if kfiles and None not in sizes else None
        facets["dataQualityMetrics"] = facet(
            prod,
            "dataQualityMetrics",
            rowCount=row_count,
            bytes=size,
            fileCount=len(kfiles),
            columnMetrics=columns,
        )
        ds["outputFacets"] = {
            "outputStatistics": facet(
                prod, "outputStatistics", rowCount=row_count, size=size, fileCount=len(kfiles)
            )
        }
        if pii and (kind == "pii" or (kind == "corpus" and not by_kind["pii"])):
            facets["corpusgov_piiScan"] = _pii_facet(pii, prod)
        if annotation and kind == "corpus":
            facets["corpusgov_annotationAudit"] = _annotation_facet(annotation, prod)
    return result


def _pii_facet(pii: dict, prod: str) -> dict[str, Any]:
    """corpusgov_piiScan: PI counts by type and source, records by action (overall and per source)."""
    by_src = {str(k): _flat_counts(v) for k, v in _dict(pii.get("counts_by_source")).items()}
    actions = _dict(pii.get("records_by_action"))
    nested = any(isinstance(v, dict) for v in actions.values())
    return facet(
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


def _annotation_facet(annotation: dict, prod: str) -> dict[str, Any]:
    """corpusgov_annotationAudit: the guidelines (path, sha256), the gate and the manifest's audit summary."""
    guides = [
        {k: g[k] for k in ("path", "sha256") if g.get(k)}
        for g in annotation.get("guidelines") or []
        if isinstance(g, dict) and g.get("sha256")
    ]
    return facet(
        prod,
        "corpusgov_annotationAudit",
        guidelines=guides or None,
        passed=annotation.get("passed") if isinstance(annotation.get("passed"), bool) else None,
        summary=json.loads(json.dumps(annotation, default=str)),
    )
