"""Validated input models for the annotation audit (TC260-003 §5.3, Measures Art. 8).

Every input (records, rules, roster, gold, verdicts, audit config) is validated up front so that a problem
becomes one readable line naming the file and the field, instead of a wrong audit figure later.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from corpusgov.errors import UsageError


class AnnotationInputError(UsageError):
    """An input problem, rendered as lines naming file, row (where known) and field."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def label_key(label: str | None, labels: list[str] | None) -> str:
    """Canonical category of one annotation: the label, or the sorted label set joined with '|'."""
    if labels is not None:
        return "|".join(sorted(set(labels)))
    return label or ""


class AnnotationRecord(BaseModel):
    """One annotation or review event. Extra columns (e.g. the item text) are ignored, never stored."""

    model_config = ConfigDict(extra="ignore")

    item_id: str = Field(min_length=1)
    batch: str = Field(min_length=1)
    annotator_id: str = Field(min_length=1)
    label: str | None = None
    labels: list[str] | None = None
    timestamp: datetime
    role: Literal["annotate", "review"] = "annotate"

    @field_validator("item_id", "batch", "annotator_id", mode="before")
    @classmethod
    def _to_str(cls, v: object) -> object:
        return str(v) if isinstance(v, int) and not isinstance(v, bool) else v

    @field_validator("timestamp")
    @classmethod
    def _utc(cls, v: datetime) -> datetime:
        # Naive timestamps are taken as UTC so that comparisons with roster dates are well defined.
        return v.replace(tzinfo=UTC) if v.tzinfo is None else v.astimezone(UTC)

    @model_validator(mode="after")
    def _one_label(self) -> AnnotationRecord:
        if (self.label is None) == (self.labels is None):
            raise ValueError("exactly one of 'label' or 'labels' is required")
        if self.labels is not None and not self.labels:
            raise ValueError("'labels' must not be empty")
        if self.label is not None and not self.label:
            raise ValueError("'label' must not be empty")
        return self

    @property
    def key(self) -> str:
        return label_key(self.label, self.labels)


class GoldLabel(BaseModel):
    """A trusted label for one item (gold set or adjudicated review)."""

    model_config = ConfigDict(extra="ignore")

    batch: str = Field(min_length=1)
    item_id: str = Field(min_length=1)
    label: str | None = None
    labels: list[str] | None = None

    @model_validator(mode="after")
    def _one_label(self) -> GoldLabel:
        if (self.label is None) == (self.labels is None):
            raise ValueError("exactly one of 'label' or 'labels' is required")
        return self

    @property
    def key(self) -> str:
        return label_key(self.label, self.labels)


class Verdict(BaseModel):
    """A reviewer's verdict on one sampled annotation (a row of the exported sample, filled in)."""

    model_config = ConfigDict(extra="ignore")

    batch: str = Field(min_length=1)
    item_id: str = Field(min_length=1)
    annotator_id: str = Field(min_length=1)
    verdict: Literal["correct", "incorrect"]
    reviewer_id: str | None = None


# --- rules document -------------------------------------------------------------------------------------


class LabelRule(_Strict):
    name: str = Field(min_length=1)
    definition: str = ""
    positive_examples: list[str] = Field(default_factory=list)
    negative_examples: list[str] = Field(default_factory=list)
    edge_cases: list[str] = Field(default_factory=list)
    # Safety rules: the taxonomy risks this label covers; a label marked benign ("no risk") covers none.
    risk_ids: list[str] = Field(default_factory=list)
    benign: bool = False


class QualityMetric(_Strict):
    name: str = Field(min_length=1)
    threshold: float = Field(ge=0.0, le=1.0)


class RulesDoc(_Strict):
    version: str = Field(min_length=1)
    task: str = Field(min_length=1)
    kind: Literal["functional", "safety"]
    goal: str = Field(min_length=1)
    data_format: str = Field(min_length=1)
    method: str = Field(min_length=1)
    # When true the label list is ordered (e.g. severity) and ordinal agreement is reported too.
    ordinal: bool = False
    multi_label: bool = False
    labels: list[LabelRule] = Field(min_length=1)
    quality_metrics: list[QualityMetric] = Field(min_length=1)

    @field_validator("version", mode="before")
    @classmethod
    def _ver(cls, v: object) -> object:
        return str(v) if isinstance(v, int | float) and not isinstance(v, bool) else v


# --- roster ---------------------------------------------------------------------------------------------


class Training(_Strict):
    date: date
    course: str = Field(min_length=1)


class Assessment(_Strict):
    date: date
    score: float
    pass_mark: float | None = None


def _annotator_roles() -> list[Literal["annotate", "review"]]:
    """An annotator's roles when the roster names none."""
    return ["annotate"]


class Annotator(_Strict):
    id: str = Field(min_length=1)
    roles: list[Literal["annotate", "review"]] = Field(default_factory=lambda: _annotator_roles())
    trainings: list[Training] = Field(default_factory=list)
    assessments: list[Assessment] = Field(default_factory=list)


class Roster(_Strict):
    version: Literal[1] = 1
    pass_mark: float = 80.0
    annotators: list[Annotator] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> Roster:
        seen: set[str] = set()
        for a in self.annotators:
            if a.id in seen:
                raise ValueError(f"duplicate annotator id {a.id!r}")
            seen.add(a.id)
        return self


# --- taxonomy -------------------------------------------------------------------------------------------


class Risk(_Strict):
    id: str
    name_zh: str
    name_en: str


class RiskGroup(_Strict):
    id: str
    name_zh: str
    name_en: str
    risks: list[Risk] = Field(min_length=1)


class Taxonomy(_Strict):
    version: str
    source: str
    confidence: str | None = None
    groups: list[RiskGroup] = Field(min_length=1)

    def risk_ids(self) -> list[str]:
        return [r.id for g in self.groups for r in g.risks]


# --- audit config ---------------------------------------------------------------------------------------


class RecordsInput(_Strict):
    paths: list[str] = Field(min_length=1)
    format: Literal["jsonl", "parquet"] | None = None  # inferred from the extension when absent


class PersonnelSettings(_Strict):
    # A passed assessment older than this many days at the time of an annotation is expired.
    reassessment_days: int = Field(365, ge=1)


class SamplingSettings(_Strict):
    method: Literal["margin", "aql"] = "margin"
    confidence: float = Field(0.95, gt=0.0, lt=1.0)
    margin: float = Field(0.05, gt=0.0, lt=1.0)
    expected_accuracy: float = Field(0.9, gt=0.0, lt=1.0)
    aql: float = 1.0
    inspection_level: Literal["I", "II", "III"] = "II"
    seed: int = 0


class Thresholds(_Strict):
    # Placeholders (GB/T 45674-2025 numbers not confirmed): functional 90%, safety 95%.
    functional: float = Field(0.90, ge=0.0, le=1.0)
    safety: float = Field(0.95, ge=0.0, le=1.0)


class RulesChecks(_Strict):
    near_identical_ratio: float = Field(0.85, gt=0.0, le=1.0)


class AgreementSettings(_Strict):
    min_pair_items: int = Field(2, ge=2)
    dawid_skene_max_iter: int = Field(1000, ge=1)
    dawid_skene_tol: float = Field(1e-6, gt=0.0)


class ReliabilitySettings(_Strict):
    # Labels an annotator needs before any reliability flag (and reference labels before they are the basis).
    min_items: int = Field(20, ge=2)
    # Tukey fence multiplier for "extreme disagreement with the consensus" (3 = far out).
    fence_k: float = Field(3.0, gt=0.0)


class AuditConfig(_Strict):
    version: Literal[1] = 1
    name: str = "annotation-audit"
    records: RecordsInput
    rules: list[str] = Field(min_length=1)
    roster: str
    taxonomy: str
    gold: str | None = None
    verdicts: str | None = None
    # batch id -> task name of the rules document that governs it
    batches: dict[str, str] = Field(min_length=1)
    personnel: PersonnelSettings = Field(default_factory=PersonnelSettings)
    sampling: SamplingSettings = Field(default_factory=SamplingSettings)
    thresholds: Thresholds = Field(default_factory=Thresholds)
    rules_checks: RulesChecks = Field(default_factory=RulesChecks)
    agreement: AgreementSettings = Field(default_factory=AgreementSettings)
    reliability: ReliabilitySettings = Field(default_factory=ReliabilitySettings)
    # At most this many exact record references are listed per finding (the count is always complete).
    max_refs: int = Field(1000, ge=1)
