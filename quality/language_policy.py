"""Policy section for language identification."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class LanguagePolicy(BaseModel):
    model_config = ConfigDict(extra="forbid")

    enabled: bool = True
    seed: int = 0
    # Languages allowed in the corpus; "zh" admits zh-Hans and zh-Hant. Empty list: any language.
    allowed: list[str] = Field(default_factory=list)
    min_score: float = Field(0.0, ge=0.0, le=1.0)
    action: Literal["flag", "drop"] = "flag"
    # "fast": deterministic naive Bayes over langdetect's profiles (>= 3k docs/s); "langdetect": langdetect's
    # seeded random-sampling detector on the same bounded sample (slower, for comparison).
    method: Literal["fast", "langdetect"] = "fast"
    # The detector reads at most `windows` evenly spaced windows of `window_chars` characters.
    window_chars: int = Field(256, ge=16, le=100_000)
    windows: int = Field(3, ge=1, le=16)
    # Below this many letters the score is scaled down (short text is unreliable).
    min_letters: int = Field(20, ge=1)
