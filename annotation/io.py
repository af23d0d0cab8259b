"""Readers for the annotation audit's inputs; every error names the file, the row (if any) and the field."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from corpusgov.annotation.models import (
    AnnotationInputError,
    AnnotationRecord,
    AuditConfig,
    GoldLabel,
    Roster,
    RulesDoc,
    Taxonomy,
    Verdict,
)
from corpusgov.errors import validation_message
from corpusgov.lineage.hashing import file_sha256 as sha256_file  # noqa: F401 - re-exported for annotation modules

M = TypeVar("M", bound=BaseModel)


def resolve(base_dir: str, path: str) -> str:
    return path if os.path.isabs(path) else os.path.normpath(os.path.join(base_dir, path))


def describe_error(where: str, err: ValidationError) -> str:
    """One line for the first validation error: location, field and message."""
    e = err.errors()[0]
    field = ".".join(str(p) for p in e.get("loc", ())) or "(record)"
    return f"{where}: field {field!r}: {validation_message(e)}"


def read_yaml_model(path: str, model: type[M]) -> M:
    try:
        with open(path, encoding="utf-8") as f:
            data = yaml.safe_load(f)
    except FileNotFoundError:
        raise AnnotationInputError(f"{path}: file not found") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" line {mark.line + 1}:" if mark is not None else ""
        raise AnnotationInputError(f"{path}:{where} invalid YAML: {getattr(e, 'problem', None) or e}") from None
    if not isinstance(data, dict):
        raise AnnotationInputError(f"{path}: top level must be a mapping")
    try:
        return model.model_validate(data)
    except ValidationError as err:
        raise AnnotationInputError(describe_error(path, err)) from None


def load_config(path: str) -> AuditConfig:
    return read_yaml_model(path, AuditConfig)


def load_rules(path: str) -> RulesDoc:
    return read_yaml_model(path, RulesDoc)


def load_roster(path: str) -> Roster:
    return read_yaml_model(path, Roster)


def load_taxonomy(path: str) -> Taxonomy:
    return read_yaml_model(path, Taxonomy)


def infer_format(path: str, declared: str | None) -> str:
    if declared:
        return declared
    if path.endswith((".parquet", ".pq")):
        return "parquet"
    if path.endswith((".jsonl", ".json", ".ndjson")):
        return "jsonl"
    raise AnnotationInputError(f"{path}: cannot tell the format from the extension; set records.format")


def iter_rows(path: str, fmt: str) -> Iterator[tuple[int, dict[str, Any] | str]]:
    """Yield (1-based row number, row dict) — or an error string for a row that is not an object.

    Streams: JSONL line by line, Parquet by record batches, so memory stays bounded on large files.
    """
    if not os.path.exists(path):
        raise AnnotationInputError(f"{path}: file not found")
    if fmt == "parquet":
        import pyarrow.parquet as pq

        row = 0
        for batch in pq.ParquetFile(path).iter_batches(batch_size=8192):
            for obj in batch.to_pylist():
                row += 1
                yield row, obj
        return
    with open(path, encoding="utf-8") as f:
        for row, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                yield row, f"invalid JSON: {e.msg}"
                continue
            yield row, obj if isinstance(obj, dict) else "row is not a JSON object"


def parse_row(model: type[M], path: str, row: int, obj: dict[str, Any] | str) -> M | str:
    """The validated model, or one error line naming file, row and field."""
    where = f"{path}: row {row}"
    if isinstance(obj, str):
        return f"{where}: {obj}"
    try:
        return model.model_validate(obj)
    except ValidationError as err:
        return describe_error(where, err)


def load_rows(path: str, model: type[M]) -> list[M]:
    """Read a small side file (gold labels, verdicts) fully; raise on the first bad row."""
    out: list[M] = []
    for row, obj in iter_rows(path, infer_format(path, None)):
        parsed = parse_row(model, path, row, obj)
        if isinstance(parsed, str):
            raise AnnotationInputError(parsed)
        out.append(parsed)
    return out


def load_gold(path: str) -> dict[tuple[str, str], str]:
    return {(g.batch, g.item_id): g.key for g in load_rows(path, GoldLabel)}


def load_verdicts(path: str) -> dict[tuple[str, str, str], str]:
    return {(v.batch, v.item_id, v.annotator_id): v.verdict for v in load_rows(path, Verdict)}


def iter_records(path: str, fmt: str) -> Iterator[tuple[str, int, AnnotationRecord | str]]:
    for row, obj in iter_rows(path, fmt):
        yield path, row, parse_row(AnnotationRecord, path, row, obj)
