"""Policy section for copyright and licence markers (Art. 7(2))."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class CopyrightPolicy(BaseModel):
    model_config = ConfigDict(extra="forbid")

    enabled: bool = True
    conflict_action: Literal["flag", "drop"] = "flag"
    opt_out_action: Literal["flag", "drop"] = "drop"
    # Findings scoring below this are reported in copyright/ but do not drive conflicts or opt-outs.
    min_score: float = Field(0.0, ge=0.0, le=1.0)
