"""Finding and licence-terms records shared by the rules, the scanner and the conflict check."""

from __future__ import annotations

from dataclasses import dataclass

MARKER_CLASSES: tuple[str, ...] = (
    "copyright_notice",
    "rights_reserved",
    "no_reprint",
    "attribution_required",
    "licence",
    "opt_out",
)


@dataclass(frozen=True, slots=True)
class MarkerFinding:
    """One marker: class, character offsets into the text, confidence, rule name, SPDX id, restrictive."""

    marker_class: str
    start: int
    end: int
    score: float
    recognizer: str
    licence: str | None
    restrictive: bool


@dataclass(frozen=True, slots=True)
class LicenceTerms:
    """What a licence id means for training use (see the module table)."""

    spdx: str
    family: str
    kind: (
        str  # public_domain | permissive | share_alike | copyleft | non_commercial | no_derivatives | unknown
    )
    non_commercial: bool
    no_derivatives: bool
    share_alike: bool
    restrictive: bool
