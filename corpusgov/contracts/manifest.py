"""The run manifest as a pydantic model; `lineage/schemas/manifest.schema.json` is generated from it.

Why: the manifest is the contract between the pipeline and everything that renders, verifies, links or
amends a run (`verify`, reports, dashboard, Croissant, OpenLineage, `forget`, incremental runs). One typed
model says what each section holds; the JSON Schema shipped for other tools is generated from it
(`python -m corpusgov.contracts.manifest --write-schema`, checked by tests/test_manifest_model.py), and the
manifest builder (`corpusgov.manifest.build_manifest`) validates what it builds against it.

Versioning: `manifest_version` is a semantic version. A new optional key is a minor change, a removed or
retyped key a major one; the model (and so the schema) accepts exactly the versions `manifest_version` lists. Keys added after 1.0.0
was first written (`chain`, `annotation_cache`, `incremental`, `requests`, `code.git_modified`,
`sources[].inputs`) stay optional so manifests written before them still validate.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, NonNegativeInt, StringConstraints

MANIFEST_VERSION = "1.0.0"
SCHEMA_ID = f"https://corpusgov.dev/schemas/manifest/{MANIFEST_VERSION}.json"

Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
RecordId = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]
_UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def _timestamp(v: str) -> str:
    datetime.fromisoformat(v.replace("Z", "+00:00"))  # raises ValueError on a malformed time
    return v


def _uuid(v: str) -> str:
    if not _UUID_RE.match(v):
        raise ValueError("not a lowercase UUID")
    return v


Timestamp = Annotated[str, AfterValidator(_timestamp), Field(json_schema_extra={"format": "date-time"})]
Uuid = Annotated[str, AfterValidator(_uuid), Field(json_schema_extra={"format": "uuid"})]
Counts = dict[str, NonNegativeInt]
CountsBySource = dict[str, dict[str, NonNegativeInt]]
# Shared with the config and request models (corpusgov.config, corpusgov.takedown_request): one list each.
Acquisition = Literal["open_licence", "self_collected", "commercial", "user_authorised", "public_domain", "synthetic"]
LegalBasis = Literal["consent", "contract", "publicly_disclosed", "other_legal", "none"]
RequesterType = Literal["data_subject", "rights_holder", "licensor", "regulator", "internal", "other"]
OutputKind = Literal["corpus", "decisions", "pii", "copyright", "deadletter", "signatures", "drilldown", "metrics",
                     "expectations", "annotation"]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Run(_Section):
    run_id: Uuid
    name: str
    command: Literal["run", "scan", "forget", "incremental"]
    started_at: Timestamp
    finished_at: Timestamp
    status: Literal["complete", "failed"]
    pipeline_seconds: float | None = Field(None, ge=0, description="wall time of the Beam pipeline; absent "
                                           "for versions made without one (forget)")


class Code(_Section):
    corpusgov_version: str
    git_commit: str | None
    git_modified: bool | None = Field(None, description="tracked files differed from git_commit when the run "
                                      "started (null outside a git checkout)")
    python: str
    packages: dict[str, str | None]


class Runner(_Section):
    name: str = Field(description="Beam runner, or `driver` for versions made without a pipeline (forget)")
    options: dict[str, Any] = Field(description="pipeline options given (secrets left out)")


class ConfigFile(_Section):
    path: str
    sha256: Sha256
    role: Literal["run_config", "source_registry", "policy", "screening_lexicon", "annotation_config"]


class Config(_Section):
    files: list[ConfigFile]
    policy: dict[str, Any] = Field(description="the validated policy (corpusgov.config.Policy) as JSON")
    provider: dict[str, Any] | None = Field(None, description="the provider named by the run config")


class PreviousManifest(_Section):
    path: str = Field(description="path of the previous version's manifest.json, relative to this run directory")
    sha256: Sha256
    run_id: str | None = None


class Chain(_Section):
    """Version chain: id = run id of the chain's first version; version counts up by one per derived version
    (forget, incremental run). verify warns when a newer version of the chain is known."""

    id: str = Field(min_length=1)
    version: int = Field(ge=1)


class SourceFile(_Section):
    uri: str
    sha256: Sha256
    bytes: NonNegativeInt


class RecordCounts(_Section):
    """read = kept + dropped + deadlettered; `dropped_by_reason` counts each dropped record's first reason,
    `flagged_by_reason` every reason on a kept record."""

    read: NonNegativeInt
    kept: NonNegativeInt
    dropped: NonNegativeInt
    deadlettered: NonNegativeInt
    dropped_by_reason: Counts
    flagged_by_reason: Counts
    deadlettered_by_reason: Counts = Field(default_factory=dict)


class Screening(_Section):
    records: NonNegativeInt = Field(description="records screened (read minus dead-lettered)")
    hits: NonNegativeInt
    hit_rate: float = Field(ge=0, le=1)
    threshold: float = Field(ge=0, le=1)
    passed: bool
    lexicon_terms: NonNegativeInt = 0


class Scale(_Section):
    records: NonNegativeInt
    chars: NonNegativeInt
    bytes: NonNegativeInt
    est_tokens: NonNegativeInt


class Source(_Section):
    id: str
    title: str
    acquisition: Acquisition
    licence: str | None
    pi_legal_basis: LegalBasis
    languages: list[str]
    domain: str
    modality: Literal["text"]
    registry_entry: dict[str, Any] = Field(description="the source's registry entry as validated")
    inputs: dict[str, Any] | None = Field(None, description="the source's input mapping (paths, format, fields)")
    status: Literal["accepted", "rejected"]
    rejection_reasons: list[str]
    files: list[SourceFile]
    counts: RecordCounts
    screening: Screening
    scale: Scale


class ScaleSection(_Section):
    by_source: dict[str, Scale]
    by_language: dict[str, Scale]
    by_modality: dict[str, Scale]
    token_estimate_method: str
    languages_read: Counts


class TypeSection(_Section):
    modalities: list[str]
    domains: Counts = Field(description="kept records per domain")
    acquisition_types: Counts = Field(description="kept records per acquisition type")
    languages: Counts = Field(description="kept records per language")


class PiiSection(_Section):
    mode: str
    counts_by_source: CountsBySource = Field(description="findings per source and entity type, from pii/")
    records_by_action: CountsBySource
    reasons_by_source: CountsBySource
    hash: str
    key_id: str | None = Field(None, description="id of the key value hashes were made with (never the key)")
    key_source: str


class CopyrightSection(_Section):
    counts_by_source: CountsBySource
    conflicts_by_source: CountsBySource


class QualitySection(_Section):
    rule_counts_by_source: CountsBySource


class DedupSection(_Section):
    params: dict[str, Any]
    converged: bool
    unconverged_labels: NonNegativeInt
    cc_rounds: int | None
    exact_duplicates_dropped: NonNegativeInt
    near_duplicates_dropped: NonNegativeInt
    clusters: NonNegativeInt
    cluster_size_histogram: Counts
    rate_by_source: dict[str, float]


class DiversityStage(BaseModel):
    """`quality.diversity.DiversityAccumulator.result()` after one measure; its keys belong to that module."""

    model_config = ConfigDict(extra="allow")
    stage: str
    records: NonNegativeInt


class DiversitySection(_Section):
    stages: list[DiversityStage]


class Step(_Section):
    name: str
    params: dict[str, Any]
    records_in: NonNegativeInt
    records_out: NonNegativeInt
    dropped_by_reason: Counts


class Gate(_Section):
    name: str
    passed: bool
    critical: bool
    detail: str
    article: str | None = None


class OutputFile(_Section):
    path: str
    sha256: Sha256
    bytes: NonNegativeInt
    rows: NonNegativeInt | None = None
    kind: OutputKind
    merkle_root: Sha256 | None = None
    run_specific: bool | None = Field(None, description="differs between runs over the same inputs (timings, "
                                      "run ids); left out of determinism comparisons")


class MerkleShard(_Section):
    path: str
    root: Sha256 | None
    leaves: NonNegativeInt | None


class Merkle(_Section):
    algorithm: str
    corpus_root: Sha256
    leaves: NonNegativeInt = 0
    shards: list[MerkleShard]


class Outputs(_Section):
    files: list[OutputFile]
    merkle: Merkle


class RulesFile(_Section):
    path: str
    sha256: Sha256
    task: str
    kind: str
    version: str | None
    batches: list[str]


class BatchSummary(_Section):
    status: str
    accuracy: float | None


class FlaggedAnnotator(_Section):
    annotator_id: str
    code: str


class AnnotationSummary(_Section):
    """Summary of the Art. 8 annotation audit (`annotation.core.manifest_section`); the full audit is `report`."""

    report: str
    schema_version: str
    passed: bool
    rules_files: list[RulesFile]
    batches: dict[str, BatchSummary]
    findings_by_code: Counts
    unreliable_annotators: dict[str, list[FlaggedAnnotator]]
    gate_critical: bool


class AcceptanceFile(_Section):
    path: str
    sha256: Sha256
    bytes: NonNegativeInt


class Acceptance(BaseModel):
    """Acceptance verdict of the manual sample (`annotation.acceptance.accept`) and its files' hashes."""

    model_config = ConfigDict(extra="allow")
    status: Literal["accepted", "not_accepted"]
    accepted: bool
    files: list[AcceptanceFile]


class AnnotationCache(_Section):
    """Hashes of what per-record annotations depend on (detection policy, lexicon, annotator code); an
    incremental run reuses a base run's annotations only when they match."""

    version: int
    sections: dict[str, Sha256]
    fingerprint: Sha256


class Incremental(_Section):
    """How an incremental run (`corpusgov run --base`) reused its base run."""

    mode: Literal["incremental", "full"]
    reason: str | None
    base_run_id: str
    base_manifest_sha256: Sha256 | None = None
    files_reused: NonNegativeInt
    files_governed: NonNegativeInt
    files_removed: NonNegativeInt
    records_reused: NonNegativeInt | None = None
    records_annotated: NonNegativeInt | None = None


class IdentifierHash(_Section):
    type: str | None
    value_hash: Sha256


class StoredMatch(_Section):
    """What a takedown request resolved to, without any text or identifier value (re-applied by later versions)."""

    record_ids: list[RecordId]
    content_sha256: list[Sha256]
    source_ids: list[str]
    origins: list[str]
    identifier_hashes: list[IdentifierHash]
    key_id: str | None
    near_duplicates: bool


class RequestCounts(_Section):
    affected: NonNegativeInt
    removed_from_corpus: NonNegativeInt
    already_excluded: NonNegativeInt = 0


class TakedownEntry(_Section):
    """A takedown request applied in this version's chain (cumulative): how records were matched and which
    were removed; never an identifier value or a text."""

    id: str
    date: Annotated[str, Field(json_schema_extra={"format": "date"})]
    requester_type: RequesterType
    legal_ground: str = Field(min_length=1)
    description: str | None = None
    request_sha256: Sha256
    applied_in_run: str
    applied_at: Timestamp | None = None
    reapplied_in_run: str | None = None
    match: StoredMatch
    matched_by: Counts
    content_texts: NonNegativeInt = 0
    identifier_values: NonNegativeInt = 0
    counts: RequestCounts
    removed_record_ids: list[RecordId]
    affected_record_ids: list[RecordId] | None = None
    not_recomputed: list[str] | None = None


class Manifest(_Section):
    """Lineage manifest of one corpusgov run: source, scale, type, annotation rules and processing (Art. 19 of
    the Interim Measures), with counts that add up and hashes of every output."""

    model_config = ConfigDict(extra="forbid", title="corpusgov run manifest")

    manifest_version: Literal["1.0.0"]
    run: Run
    code: Code
    runner: Runner
    config: Config
    previous_manifest: PreviousManifest | None
    chain: Chain | None = None
    sources: list[Source]
    totals: RecordCounts
    scale: ScaleSection
    type: TypeSection
    pii: PiiSection
    copyright: CopyrightSection
    quality: QualitySection
    dedup: DedupSection
    diversity: DiversitySection
    steps: list[Step]
    gates: list[Gate]
    outputs: Outputs
    annotation: AnnotationSummary | None
    acceptance: Acceptance | None
    annotation_cache: AnnotationCache | None = None
    incremental: Incremental | None = None
    requests: list[TakedownEntry] | None = None


def manifest_errors(manifest: dict[str, Any]) -> list[str]:
    """Validation errors as `path: message` lines (empty when the dict is a valid manifest)."""
    from pydantic import ValidationError

    try:
        Manifest.model_validate(manifest, strict=True)
    except ValidationError as e:
        return [f"{'/'.join(str(p) for p in err['loc']) or '(root)'}: {err['msg']}" for err in e.errors()]
    return []


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) shipped as `lineage/schemas/manifest.schema.json`."""
    schema = Manifest.model_json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def schema_path() -> str:
    from importlib.resources import files

    return str(files("corpusgov.lineage") / "schemas" / "manifest.schema.json")


def main(argv: list[str] | None = None) -> int:
    """`--write-schema` writes the generated schema; `--check` exits 1 when the shipped one differs."""
    import argparse

    ap = argparse.ArgumentParser(prog="python -m corpusgov.contracts.manifest", description=main.__doc__)
    ap.add_argument("--write-schema", action="store_true")
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args(argv)
    path = schema_path()
    if a.write_schema:
        with open(path, "w", encoding="utf-8") as f:
            f.write(schema_text())
        print(f"wrote {path}")
        return 0
    with open(path, encoding="utf-8") as f:
        same = f.read() == schema_text()
    print(f"{path} {'matches' if same else 'differs from'} the Manifest model")
    return 0 if same or not a.check else 1


if __name__ == "__main__":
    sys.exit(main())
