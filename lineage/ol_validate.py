"""Offline validation of OpenLineage events against the vendored official schemas and our facet schemas.

Why: an auditor must be able to check our lineage log without network access, and a validator that never
fails proves nothing — so formats are enforced (uuid, date-time, uri), every facet is checked against the
exact versioned ``$defs`` entry its ``_schemaURL`` names, an unknown ``_schemaURL`` is an error, and a
facet must sit in the slot its schema is made for (e.g. ``outputStatistics`` only under ``outputFacets``).
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.exceptions import Unresolvable

__all__ = ["CORE_ID", "SCHEMA_DIR", "format_checker", "registry", "validate_event"]

SCHEMA_DIR = Path(__file__).parent / "schemas"
CORE_ID = "https://openlineage.io/spec/2-0-2/OpenLineage.json"

# RFC 3339 §5.6 date-time (upper- or lower-case T/Z; a zone offset is mandatory).
_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
# RFC 3986 absolute URI: scheme ":" then characters allowed in a URI, with well-formed percent escapes.
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")


def _is_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True  # formats only constrain strings
    if not _DATE_TIME.match(value):
        return False
    try:
        datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _is_uri(value: object) -> bool:
    return not isinstance(value, str) or bool(_URI.match(value))


@cache
def format_checker() -> FormatChecker:
    """jsonschema's checker plus local 'uri' and 'date-time' checks.

    jsonschema only enforces those two when the optional rfc3987 / rfc3339-validator packages are installed;
    they are not, so without this the validator would silently accept any string.
    """
    fc = FormatChecker()
    fc.checks("date-time")(_is_date_time)
    fc.checks("uri")(_is_uri)
    return fc


@cache
def registry() -> Registry:
    """Every vendored schema, keyed by its ``$id``; nothing is ever fetched."""
    resources = []
    for sub in ("openlineage", "facets"):  # the manifest/metrics schemas beside them are not OpenLineage
        for path in sorted((SCHEMA_DIR / sub).rglob("*.json")):
            contents = json.loads(path.read_text(encoding="utf-8"))
            if "$id" in contents:
                resources.append((contents["$id"], Resource.from_contents(contents)))
    return Registry().with_resources(resources)


@cache
def _validator(ref: str) -> Draft202012Validator:
    return Draft202012Validator({"$ref": ref}, registry=registry(), format_checker=format_checker())


def _fmt(prefix: str, err: Any) -> str:
    where = "/".join(str(p) for p in err.absolute_path)
    return f"{prefix}{'/' + where if where else ''}: {err.message}"


def _errors(ref: str, instance: Any, prefix: str) -> list[str]:
    v = _validator(ref)
    return [_fmt(prefix, e) for e in sorted(v.iter_errors(instance), key=lambda e: list(map(str, e.path)))]


# Which core base definition a facet in each slot must extend.
_SLOTS = {
    ("run", "facets"): "RunFacet",
    ("job", "facets"): "JobFacet",
    ("dataset", "facets"): "DatasetFacet",
    ("dataset", "inputFacets"): "InputDatasetFacet",
    ("dataset", "outputFacets"): "OutputDatasetFacet",
}


def _facet_errors(key: str, facet: Any, slot: str, where: str) -> list[str]:
    if not isinstance(facet, dict):
        return [f"{where}: facet is not an object"]
    url = facet.get("_schemaURL")
    if not isinstance(url, str) or "#" not in url:
        return [f"{where}: missing or unversioned _schemaURL (needs a '#/$defs/…' fragment)"]
    doc_url, _, pointer = url.partition("#")
    resolver = registry().resolver()
    try:
        definition = resolver.lookup(url).contents
        document = resolver.lookup(doc_url).contents
    except Unresolvable:
        return [f"{where}: unknown _schemaURL {url} (not among the vendored schemas)"]
    errs = _errors(url, facet, where)
    # The facet must extend the core base of its slot.
    bases = [part.get("$ref", "") for part in definition.get("allOf", []) if isinstance(part, dict)]
    want = f"{CORE_ID}#/$defs/{slot}"
    if want not in bases:
        got = next((b.rsplit("/", 1)[-1] for b in bases if "OpenLineage.json#/$defs/" in b), "?")
        errs.append(f"{where}: a {got} cannot be used where a {slot} is expected")
    # The facet key must be the one the schema document declares for this definition.
    name = pointer.rsplit("/", 1)[-1]
    keys = [
        k
        for k, v in (document.get("properties") or {}).items()
        if isinstance(v, dict) and v.get("$ref") == f"#/$defs/{name}"
    ]
    if keys and key not in keys:
        errs.append(f"{where}: facet key {key!r} does not match its schema (expected {keys[0]!r})")
    return errs


def _facets(container: Any, kind: tuple[str, str], where: str) -> list[str]:
    facets = container.get(kind[1]) if isinstance(container, dict) else None
    if not isinstance(facets, dict):
        return []
    out: list[str] = []
    for key in sorted(facets):
        out += _facet_errors(key, facets[key], _SLOTS[kind], f"{where}/{kind[1]}/{key}")
    return out


def validate_event(event: dict) -> list[str]:
    """All problems with one event (empty list = valid), each as '<json path>: <message>'."""
    if not isinstance(event, dict):
        return ["event is not a JSON object"]
    errs: list[str] = []
    schema_url = event.get("schemaURL")
    if isinstance(schema_url, str) and not schema_url.startswith(CORE_ID):
        errs.append(f"schemaURL: {schema_url} is not the pinned core {CORE_ID}")
    if "run" in event:  # a RunEvent: validate against that branch for precise messages
        errs += _errors(f"{CORE_ID}#/$defs/RunEvent", event, "event")
    if not errs:
        errs += _errors(CORE_ID, event, "event")
    run, job = event.get("run"), event.get("job")
    errs += _facets(run, ("run", "facets"), "event/run")
    errs += _facets(job, ("job", "facets"), "event/job")
    for side, extra in (("inputs", "inputFacets"), ("outputs", "outputFacets")):
        datasets = event.get(side)
        if not isinstance(datasets, list):
            continue
        for i, ds in enumerate(datasets):
            errs += _facets(ds, ("dataset", "facets"), f"event/{side}/{i}")
            errs += _facets(ds, ("dataset", extra), f"event/{side}/{i}")
    return errs
