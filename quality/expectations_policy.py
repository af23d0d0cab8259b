"""Policy section for Great Expectations gates on the run's outputs.

The suite is a list of plain specs (GE expectation type + kwargs) so a policy file can name any GE
expectation without corpusgov code changes. The default is the demo gate set (`default_expectations`).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class ExpectationSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    # Great Expectations expectation type, e.g. expect_column_values_to_be_unique.
    type: str
    table: Literal["decisions", "kept"] = "decisions"
    # GE kwargs; a value {"$PARAMETER": "name"} is filled from run_expectations(parameters=...).
    kwargs: dict[str, Any] = Field(default_factory=dict)
    critical: bool = False


def default_expectations() -> list[ExpectationSpec]:
    """The demo gate set: identity and decision integrity are critical, shares are thresholds."""
    return [
        ExpectationSpec(
            name="record_id_unique",
            type="expect_column_values_to_be_unique",
            kwargs={"column": "record_id"},
            critical=True,
        ),
        ExpectationSpec(
            name="record_id_not_null",
            type="expect_column_values_to_not_be_null",
            kwargs={"column": "record_id"},
            critical=True,
        ),
        ExpectationSpec(
            name="decision_known",
            type="expect_column_values_to_be_in_set",
            kwargs={"column": "decision", "value_set": ["keep", "drop"]},
            critical=True,
        ),
        ExpectationSpec(
            name="kept_text_not_empty",
            type="expect_column_values_to_be_between",
            table="kept",
            kwargs={"column": "text_chars", "min_value": 1},
        ),
        ExpectationSpec(
            name="kept_language_allowed",
            type="expect_column_values_to_be_in_set",
            table="kept",
            kwargs={"column": "lang", "value_set": {"$PARAMETER": "allowed_languages"}},
        ),
        ExpectationSpec(
            name="duplicate_share_max",
            type="expect_column_mean_to_be_between",
            kwargs={"column": "is_duplicate", "min_value": 0.0, "max_value": 0.5},
        ),
        ExpectationSpec(
            name="unresolved_pi_share_max",
            type="expect_column_mean_to_be_between",
            table="kept",
            kwargs={"column": "has_unresolved_pi", "min_value": 0.0, "max_value": 0.01},
            critical=True,
        ),
    ]


class ExpectationsPolicy(BaseModel):
    model_config = ConfigDict(extra="forbid")

    enabled: bool = True
    suite: list[ExpectationSpec] = Field(default_factory=default_expectations)
    # Above this many decision rows a deterministic sample (keyed hash of sample_key) is validated. GE holds
    # the rows it validates in memory (~2.5 KB per row measured, docs/profile.md), so the default keeps the
    # step under ~0.5 GB whatever the corpus size; a rate measured on 200k sampled rows is within ~0.2 points (95 %) of the full one.
    max_rows: int = Field(200_000, ge=1)
    sample_key: str = "record_id"
    # GE result_format: BASIC/SUMMARY keep unexpected-value lists short; never COMPLETE on a corpus.
    result_format: Literal["BOOLEAN_ONLY", "BASIC", "SUMMARY"] = "BASIC"
    partial_unexpected_count: int = Field(5, ge=0, le=50)
    # Columns never handed to GE (free text), and a guard for string columns that look like text.
    forbidden_columns: list[str] = Field(
        default_factory=lambda: ["text", "metadata", "masked_text", "snippet", "context", "origin_uri"]
    )
    max_string_chars: int = Field(128, ge=1)
    # Add a critical check that the kept rows in decisions equal kept_summary["records"].
    check_kept_count: bool = True
    data_docs: bool = True
