"""PI scanning, masking, hashing and the per-record PI decision (Art. 7(3) of the Interim Measures).

`PiiScanner` is built once per worker. Its hot path calls the registered recognizers' `find` directly,
skipping AnalyzerEngine's per-call bookkeeping (≈5× faster); `scan_engine` runs the same recognizers through
Presidio and must give identical findings (tested). Overlaps are resolved the same way on both paths.
"""

from __future__ import annotations

import bisect
import hashlib
import hmac
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from corpusgov.quality.pii.code_spans import code_spans, inside_code
from corpusgov.quality.pii.digit_runs import digit_runs_batch
from corpusgov.quality.pii.engine import PiiEngine, build_engine
from corpusgov.quality.pii.policy import PiiPolicy

# Tie-break between overlapping findings of equal score and length: more specific types first.
ENTITY_PRIORITY: tuple[str, ...] = (
    "CN_RESIDENT_ID", "CN_BANK_CARD", "CREDIT_CARD", "CN_USCC", "IBAN_CODE", "CN_MOBILE", "CN_LANDLINE",
    "PHONE_NUMBER", "US_SSN", "CN_PASSPORT", "CN_HMT_PERMIT", "CN_PLATE", "EMAIL_ADDRESS", "IP_ADDRESS",
    "CN_PERSON", "PERSON", "CN_ADDRESS", "LOCATION",
)
_RANK = {e: i for i, e in enumerate(ENTITY_PRIORITY)}
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class PiiFinding:
    entity_type: str
    start: int
    end: int
    score: float
    recognizer: str


@dataclass(frozen=True)
class PiiDecision:
    action: Literal["keep", "mask", "drop"]
    reasons: list[str]
    to_mask: list[PiiFinding]


def _priority(f: PiiFinding) -> tuple:
    return (-f.score, f.start - f.end, _RANK.get(f.entity_type, len(_RANK)), f.entity_type, f.start)


def _greedy(cluster: list[PiiFinding]) -> list[PiiFinding]:
    kept: list[PiiFinding] = []
    starts: list[int] = []
    for f in sorted(cluster, key=_priority):
        i = bisect.bisect_left(starts, f.start)
        if (i > 0 and kept[i - 1].end > f.start) or (i < len(kept) and kept[i].start < f.end):
            continue
        kept.insert(i, f)
        starts.insert(i, f.start)
    return kept


def resolve_overlaps(findings: Iterable[PiiFinding]) -> list[PiiFinding]:
    """Keep a non-overlapping subset, greedily by (higher score, longer span, type priority, earlier start).

    The order is total, so the result does not depend on the order recognizers ran in. Greedy choices only
    interact inside a cluster of transitively overlapping findings, so it runs per cluster (linear overall
    for the usual case of few overlaps, instead of quadratic in the number of findings).
    """
    items = sorted(set(findings), key=lambda f: (f.start, f.end, f.entity_type))
    out: list[PiiFinding] = []
    i, n = 0, len(items)
    while i < n:
        j, end = i + 1, items[i].end
        while j < n and items[j].start < end:
            end = max(end, items[j].end)
            j += 1
        out.extend(items[i : i + 1] if j == i + 1 else _greedy(items[i:j]))
        i = j
    return out


class PiiScanner:
    """Pattern (or NER) PI detection; built once, reused for every record."""

    def __init__(self, policy: PiiPolicy | None = None) -> None:
        self.policy = policy or PiiPolicy()
        self._engine: PiiEngine = build_engine(self.policy)
        self.mode: str = self._engine.mode
        self._min = self.policy.min_score

    def _language(self, text: str, lang: str | None) -> str:
        if lang:
            code = "zh" if lang.lower().startswith("zh") else lang.split("-")[0].lower()
        else:
            code = "zh" if _CJK.search(text, 0, 4000) else "en"
        return code if code in self._engine.languages else "en"

    def scan(self, text: str, lang: str | None = None) -> list[PiiFinding]:
        """Findings with score >= policy.min_score, non-overlapping, sorted by (start, end, entity_type).

        Structured identifiers are searched whatever the language (Chinese text carries e-mail addresses and
        foreign cards, English text Chinese phone numbers); `lang` only selects the NER model's language.
        """
        return self.scan_batch([text], [lang])[0]

    def scan_batch(self, texts: Sequence[str], langs: Sequence[str | None] | None = None) -> list[list[PiiFinding]]:
        """scan() of each text, equal findings; each recognizer sees the whole batch at once (`find_batch`),
        which lets the CN_PERSON model decode many texts in one numpy pass (the annotators' batches)."""
        if not self.policy.enabled:
            return [[] for _ in texts]
        live = [i for i, text in enumerate(texts) if text]
        found: dict[int, list[PiiFinding]] = {i: [] for i in live}
        # the ASCII digit runs of all texts in one numpy pass (digit_runs.py): longest run and digit context
        run_max, context = digit_runs_batch([texts[i] for i in live])
        longest = {i: m for i, m in zip(live, run_max, strict=True) if m}
        near = {i: c for i, c in zip(live, context, strict=True) if i in longest}
        with_digit = list(longest)
        for rec in self._engine.recognizers:
            need = getattr(rec, "MIN_DIGIT_RUN", 0)
            if need > 1:
                idx = [i for i in with_digit if longest[i] >= need]
            else:
                idx = with_digit if getattr(rec, "NEEDS_DIGIT", False) or need else live
            if getattr(rec, "PREFILTER_NEAR_DIGITS", False):  # its prefilter, tested near the digits only
                idx = [i for i in idx if rec.prefilter_near_digits(near.get(i, ""))]
            for i, spans in zip(idx, rec.find_batch([texts[i] for i in idx]), strict=True):
                for s, e, score in spans:
                    if score >= self._min:
                        found[i].append(PiiFinding(rec.ENTITY, s, e, score, rec.name))
        out: list[list[PiiFinding]] = [[] for _ in texts]
        ner = self._engine.ner
        for i in live:
            text = texts[i]
            if ner is not None and self._language(text, langs[i] if langs else None) == ner.supported_language:
                for entity, s, e, score in ner.find(text):
                    if score >= self._min:
                        found[i].append(PiiFinding(entity, s, e, score, ner.name))
            out[i] = self._exempt_code(text, resolve_overlaps(found[i]))
        return out

    def _exempt_code(self, text: str, found: list[PiiFinding]) -> list[PiiFinding]:
        """With policy.exempt_code, drop findings inside code unless validated (score 1.0); see code_spans.py."""
        if not (self.policy.exempt_code and found):
            return found
        weak = [f for f in found if f.score < 1.0]
        if not weak:
            return found
        spans = code_spans(text)
        return [f for f in found if f.score >= 1.0 or not inside_code(spans, f.start, f.end)]

    def scan_engine(self, text: str, lang: str | None = None) -> list[PiiFinding]:
        """The same scan through Presidio's AnalyzerEngine.analyze (slower; used to check the fast path)."""
        if not self.policy.enabled or not text:
            return []
        results = self._engine.analyzer.analyze(
            text=text, language=self._language(text, lang), score_threshold=self._min
        )
        return self._exempt_code(
            text,
            resolve_overlaps(
                PiiFinding(r.entity_type, r.start, r.end, r.score, r.recognition_metadata["recognizer_name"])
                for r in results
                if r.score >= self._min
            ),
        )


_ANONYMIZER = None
# presidio-anonymizer merges two findings of the same type with only spaces between them (this exact pattern:
# `$` also matches before a final newline).
_SPACES_ONLY = re.compile(r"^( )+$")


def mask_text(text: str, findings: Iterable[PiiFinding]) -> str:
    """Replace each finding's span with `<ENTITY_TYPE>`: presidio-anonymizer's replace operator with its
    default conflict handling, computed here for the scanner's non-overlapping findings.

    Why not call Presidio: importing presidio_anonymizer imports presidio_analyzer and spaCy (≈1.2 CPU-s per
    worker). Same result by construction for non-overlapping spans (Presidio's conflict steps keep them all,
    then it merges same-type neighbours separated by spaces only), and tested against Presidio; overlapping or
    empty spans, which the scanner never yields, still go through Presidio.
    """
    spans = sorted(findings, key=lambda f: (f.start, f.end))
    if not spans:
        return text
    if any(f.start >= f.end for f in spans) or any(a.end > b.start for a, b in zip(spans, spans[1:], strict=False)):
        return mask_text_presidio(text, spans)
    merged: list[list] = []
    for f in spans:
        last = merged[-1] if merged else None
        if last is not None and last[2] == f.entity_type and _SPACES_ONLY.search(text[last[1] : f.start]):
            last[1] = f.end
        else:
            merged.append([f.start, f.end, f.entity_type])
    parts: list[str] = []
    pos = 0
    for start, end, entity in merged:
        parts.append(text[pos:start])
        parts.append(f"<{entity}>")
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def mask_text_presidio(text: str, findings: Iterable[PiiFinding]) -> str:
    """mask_text through presidio-anonymizer's AnonymizerEngine (any spans; the reference for mask_text)."""
    global _ANONYMIZER
    spans = list(findings)
    if not spans:
        return text
    from presidio_anonymizer import AnonymizerEngine
    from presidio_anonymizer.entities import OperatorConfig, RecognizerResult

    if _ANONYMIZER is None:
        _ANONYMIZER = AnonymizerEngine()
    result = _ANONYMIZER.anonymize(
        text=text,
        analyzer_results=[RecognizerResult(f.entity_type, f.start, f.end, f.score) for f in spans],
        operators={"DEFAULT": OperatorConfig("replace")},
    )
    return result.text


def keyed_hash(value: str, key: bytes) -> str:
    """HMAC-SHA256 hex of a value: lets reports link repeated values without storing them."""
    return hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()


def masked_preview(value: str) -> str:
    """A span safe for logs: first and last character kept, the rest starred (short values fully starred)."""
    if len(value) <= 4:
        return "*" * len(value)
    return value[0] + "*" * (len(value) - 2) + value[-1]


def decide_pii(findings: Iterable[PiiFinding], legal_basis: str, policy: PiiPolicy) -> PiiDecision:
    """Record action: drop if any finding's action is drop, else mask if any is mask, else keep."""
    reasons: set[str] = set()
    to_mask: list[PiiFinding] = []
    drop = False
    for f in findings:
        action = policy.action_for(legal_basis, f.entity_type)
        if action == "drop":
            drop = True
            reasons.add(f"pii:{f.entity_type}:drop")
        elif action == "mask":
            to_mask.append(f)
            reasons.add(f"pii:{f.entity_type}:mask")
    outcome: Literal["keep", "mask", "drop"] = "drop" if drop else ("mask" if to_mask else "keep")
    return PiiDecision(outcome, sorted(reasons), to_mask)
