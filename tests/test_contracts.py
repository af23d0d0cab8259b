"""Typed contracts (corpusgov.contracts): the shipped manifest schema is the one generated from the Manifest
model, a real demo manifest satisfies both, false manifests fail both, the record TypedDicts name exactly the
table columns, and the counts recounted from a run's tables by the builder's rules equal what the pipeline
stated."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from corpusgov.contracts import record, tables
from corpusgov.contracts.manifest import Manifest, json_schema, manifest_errors, schema_path, schema_text


def _manifest(run_dir: Path) -> dict[str, Any]:
    return json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))


def _schema_errors(m: dict[str, Any]) -> list[str]:
    with open(schema_path(), encoding="utf-8") as f:
        schema = json.load(f)
    v = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    return [e.message for e in v.iter_errors(m)]


def test_shipped_schema_is_generated_from_the_model() -> None:
    with open(schema_path(), encoding="utf-8") as f:
        shipped = f.read()
    assert shipped == schema_text(), ("lineage/schemas/manifest.schema.json differs from the Manifest model: run "
                                      "`python -m corpusgov.contracts.manifest --write-schema`")
    schema = json_schema()
    assert schema["properties"]["manifest_version"]["const"] == "1.0.0"
    assert {"run", "sources", "totals", "outputs", "previous_manifest"} <= set(schema["required"])


def test_demo_manifest_satisfies_model_and_schema(demo_run: Path) -> None:
    m = _manifest(demo_run)
    assert manifest_errors(m) == []
    assert _schema_errors(m) == []
    typed = Manifest.model_validate(m)
    t = typed.totals
    assert t.read == t.kept + t.dropped + t.deadlettered > 0
    assert {s.id for s in typed.sources} == set(typed.scale.by_source)
    assert typed.annotation is not None and typed.annotation.report == "annotation_audit.json"


@pytest.mark.parametrize("edit", [
    ("totals", "kept", "5"),  # a count as text
    ("totals", "kept", -1),
    ("run", "command", "rerun"),
    ("outputs", "merkle", {"algorithm": "x", "corpus_root": "not-a-hash", "shards": []}),
    ("chain", "version", 0),
    (None, "extra_section", {}),  # a key the model does not know
])
def test_false_manifests_fail_model_and_schema(demo_run: Path, edit: tuple[str | None, str, Any]) -> None:
    m = copy.deepcopy(_manifest(demo_run))
    section, key, value = edit
    (m[section] if section else m)[key] = value
    assert manifest_errors(m), edit
    assert _schema_errors(m), edit


def test_source_with_unknown_acquisition_fails(demo_run: Path) -> None:
    m = copy.deepcopy(_manifest(demo_run))
    m["sources"][0]["acquisition"] = "scraped_without_permission"
    assert any(e.startswith("sources/0/acquisition") for e in manifest_errors(m))
    assert _schema_errors(m)


@pytest.mark.parametrize(("schema", "row"), [
    (tables.decisions_schema(), record.DecisionRow), (tables.CORPUS_SCHEMA, record.CorpusRow),
    (tables.PII_SCHEMA, record.PiiRow), (tables.COPYRIGHT_SCHEMA, record.CopyrightRow),
    (tables.SIGNATURE_SCHEMA, record.SignatureRow),
])
def test_row_types_name_the_table_columns(schema: Any, row: Any) -> None:
    cols = [n for n in schema.names if not n.startswith("q_")]
    assert cols == list(row.__annotations__), row.__name__


def test_written_tables_have_the_contract_schemas(demo_run: Path) -> None:
    import pyarrow.parquet as pq

    for kind, schema in (("decisions", tables.decisions_schema()), ("corpus", tables.CORPUS_SCHEMA),
                         ("pii", tables.PII_SCHEMA), ("signatures", tables.SIGNATURE_SCHEMA)):
        files = sorted((demo_run / kind).glob("*.parquet"))
        assert files, kind
        assert pq.read_schema(files[0]).remove_metadata().equals(schema), kind


def test_counts_recounted_from_tables_equal_the_pipeline_manifest(demo_run: Path) -> None:
    """One rule: the builder fed with counters recounted from the tables states what the pipeline stated."""
    from corpusgov.aggregates import counters_from_run
    from corpusgov.config import Policy
    from corpusgov.manifest import aggregate_sections, dedup_stats_of, sources_from_manifest

    m = _manifest(demo_run)
    got = aggregate_sections(counters_from_run(str(demo_run)), sources_from_manifest(m),
                             Policy.model_validate(m["config"]["policy"]), dedup_stats=dedup_stats_of(m["dedup"]))
    assert m["totals"]["read"] > 0 and m["totals"]["dropped"] > 0
    for k in ("sources", "totals", "scale", "type", "copyright", "quality", "dedup", "steps"):
        assert got[k] == m[k], k
    assert got["pii"] == {k: m["pii"][k] for k in ("counts_by_source", "records_by_action", "reasons_by_source")}
