"""Policy section for text-quality rules: each rule has a threshold and an action."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from corpusgov.quality.signal_names import SIGNAL_NAMES


class RuleSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    enabled: bool = True
    # Signal the rule reads (a name in quality.signals.SIGNAL_NAMES); None: the rule's own key.
    signal: str | None = None
    # "min": value must be >= threshold; "max": value must be <= threshold.
    bound: Literal["min", "max"]
    threshold: float
    action: Literal["flag", "drop"] = "flag"
    # Word-based rules only make sense for spaced scripts; character-based ones may target unspaced text.
    applies_to: Literal["all", "spaced", "unspaced"] = "all"
    # The rule applies only to documents with at least this many words (unspaced scripts: characters).
    # Repetition statistics of a 20-word poem or API paragraph say nothing; Gopher tuned them on web pages.
    min_words: float = Field(0.0, ge=0.0)
    # The rule is skipped when this signal is set (> 0.5): e.g. Gopher's duplicate n-gram rules unless the repeats are
    # the repeated terms of reference prose (``dup_ngram_terms``, quality/ngram_repeats.py).
    unless: str | None = None


class QualityPolicy(BaseModel):
    model_config = ConfigDict(extra="forbid")

    enabled: bool = True
    rules: dict[str, RuleSpec] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _known_signals(self) -> QualityPolicy:
        for name, spec in self.rules.items():
            sig = spec.signal or name
            if sig not in SIGNAL_NAMES:
                raise ValueError(f"rule {name!r}: unknown signal {sig!r}")
            if spec.unless is not None and spec.unless not in SIGNAL_NAMES:
                raise ValueError(f"rule {name!r}: unknown signal {spec.unless!r} in unless")
        return self
