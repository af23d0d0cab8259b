"""A pattern recognizer whose whole matching logic lives in one method, `find`; no Presidio import.

Why: the scanner's hot path calls `find` directly (no AnalyzerEngine overhead per record), and Presidio sees
the same objects through `presidio_adapter.PresidioPatternAdapter`, whose `analyze` also calls `find`: both
paths give the same findings by construction. Importing `presidio_analyzer` imports spaCy (≈1.2 CPU-s per
process), so only the engine path (`PiiScanner.scan_engine`, NER mode) pays for it. Context words are checked in a character window around the match (the
no-op NLP engine has no tokens, so Presidio's own context enhancer would never fire); the recognizer passes no
`context` to Presidio so a spaCy engine in NER mode cannot boost its scores a second time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import ClassVar

# Finds are (start, end, score) triples; the entity type is the recognizer's.
Span = tuple[int, int, float]
_SENTENCE_ENDS = ("。", "！", "？", "；", "\n", ". ", "; ")
# The neighbourhood of the ASCII digit runs that `digit_context` keeps: characters before a run, after it, and
# the longest gap between two runs it joins.
NEAR_BEFORE, NEAR_AFTER, NEAR_GAP = 2, 1, 3


def digit_context(text: str, runs: Sequence[tuple[int, int]]) -> str:
    """The text's ASCII digit runs (`runs`: their spans, in order) with NEAR_BEFORE characters before and NEAR_AFTER
    after each, runs at most NEAR_GAP apart kept together with what lies between, pieces joined by a newline.

    Why: a PREFILTER_NEAR_DIGITS prefilter matches in this string (a few dozen characters) exactly when it matches
    in the text, so the scanner tests it there instead of scanning the whole text once per recognizer."""
    if not runs:
        return ""
    pieces: list[str] = []
    lo, hi = max(0, runs[0][0] - NEAR_BEFORE), runs[0][1]
    for s, e in runs[1:]:
        if s - hi > NEAR_GAP:
            pieces.append(text[lo : hi + NEAR_AFTER])
            lo = s - NEAR_BEFORE
        hi = e
    pieces.append(text[lo : hi + NEAR_AFTER])
    return "\n".join(pieces)


class FastPatternRecognizer:
    """Subclasses set ENTITY, PATTERNS and optionally CONTEXT / PREFILTER and override validate_result.

    PATTERNS: (name, regex, base score). A named group `v` in a regex marks the entity span inside the
    match (used when the regex also consumes a cue such as "姓名："). validate_result: True sets the score to
    1.0, False rejects, None keeps the base score, which CONTEXT (words within CONTEXT_BEFORE characters before
    or CONTEXT_AFTER after the span) raises to CONTEXT_SCORE. PREFILTER: a cheap regex that must match
    somewhere in the text before the patterns run; PREFILTER_WORDS: at least one must occur as a substring
    (`str.__contains__` is far faster than a regex alternation of literals).
    """

    ENTITY: ClassVar[str] = ""
    PATTERNS: ClassVar[tuple[tuple[str, str, float], ...]] = ()
    CONTEXT: ClassVar[tuple[str, ...]] = ()
    CONTEXT_SCORE: ClassVar[float] = 0.85
    CONTEXT_BEFORE: ClassVar[int] = 16
    CONTEXT_AFTER: ClassVar[int] = 6
    PREFILTER: ClassVar[str | None] = None
    PREFILTER_WORDS: ClassVar[tuple[str, ...]] = ()
    # True when no pattern can match without an ASCII digit: the scanner then skips the recognizer on
    # digit-free text after one shared search (half the Chinese technical paragraphs have no digit).
    NEEDS_DIGIT: ClassVar[bool] = False
    # The longest run of ASCII digits without which PREFILTER cannot match (0: no such bound). The scanner
    # finds every text's longest run once and skips the recognizer below it: most texts carry years and
    # counts, few the 6-18 digit runs of IDs and codes (tested against PREFILTER on the PI eval texts).
    MIN_DIGIT_RUN: ClassVar[int] = 0
    # True when every PREFILTER match is ASCII digit runs at most NEAR_GAP apart with what lies between them, at
    # most NEAR_BEFORE characters before and NEAR_AFTER after, and holds no newline: it then matches in the text's
    # `digit_context` exactly when it matches in the text (tested), and the scanner tests it there first.
    PREFILTER_NEAR_DIGITS: ClassVar[bool] = False
    # True when PREFILTER can only match text with a non-ASCII character (a Chinese province, say): an ASCII text
    # (`str.isascii`, O(1)) is then rejected without a scan.
    PREFILTER_NON_ASCII: ClassVar[bool] = False
    FLAGS: ClassVar[int] = 0

    def __init__(self, supported_language: str = "zh") -> None:
        self.name = type(self).__name__
        self.supported_language = supported_language
        self.supported_entities = [self.ENTITY]
        self._compiled = [(re.compile(rx, self.FLAGS), score) for _, rx, score in self.PATTERNS]
        self._has_group = [("v" in c.groupindex) for c, _ in self._compiled]
        self._prefilter = re.compile(self.PREFILTER) if self.PREFILTER else None
        self._context = (
            re.compile("|".join(re.escape(w) for w in sorted(self.CONTEXT, key=len, reverse=True)), re.I)
            if self.CONTEXT
            else None
        )

    def has_context(self, text: str, start: int, end: int) -> bool:
        if self._context is None:
            return False
        lo = max(0, start - self.CONTEXT_BEFORE)
        # A context word only counts within the same sentence.
        cut = max(text.rfind(b, lo, start) for b in _SENTENCE_ENDS) + 1
        lo = max(lo, cut)
        hi = end + self.CONTEXT_AFTER
        for b in _SENTENCE_ENDS:
            i = text.find(b, end, hi)
            if i != -1:
                hi = i
        return bool(self._context.search(text, lo, start) or (hi > end and self._context.search(text, end, hi)))

    def validate_result(self, pattern_text: str) -> bool | None:
        """True: a checksum or similar proves the value (score 1.0); False: reject; None: keep the base score
        (the contract of Presidio's PatternRecognizer.validate_result)."""
        return None

    def invalidate_result(self, pattern_text: str) -> bool | None:
        """True rejects the value (Presidio's PatternRecognizer.invalidate_result contract)."""
        return False

    def prefilter(self, text: str) -> bool:
        if self.PREFILTER_NON_ASCII and text.isascii():
            return False
        if self.PREFILTER_WORDS and not any(w in text for w in self.PREFILTER_WORDS):
            return False
        return self._prefilter is None or self._prefilter.search(text) is not None

    def prefilter_near_digits(self, context: str) -> bool:
        """prefilter(text) from the text's digit_context, for a recognizer with PREFILTER_NEAR_DIGITS (and no
        PREFILTER_WORDS)."""
        return self._prefilter is None or self._prefilter.search(context) is not None

    def find(self, text: str) -> list[Span]:
        if not self.prefilter(text):
            return []
        out: list[Span] = []
        for (rx, base), grouped in zip(self._compiled, self._has_group, strict=True):
            for m in rx.finditer(text):
                start, end = m.span("v") if grouped else m.span()
                value = text[start:end]
                verdict = self.validate_result(value)
                if verdict is False or self.invalidate_result(value):
                    continue
                if verdict:
                    score = 1.0
                elif self._context is not None and self.has_context(text, start, end):
                    score = max(base, self.CONTEXT_SCORE)
                else:
                    score = base
                out.append((start, end, score))
        return out

    def find_batch(self, texts: Sequence[str]) -> list[list[Span]]:
        """find() of each text; a recognizer whose work vectorises over texts overrides it (the scanner's
        batch path calls this). Regex recognizers keep the loop: a regex over texts joined into one string
        was not faster (docs/profile.md)."""
        return [self.find(text) for text in texts]
