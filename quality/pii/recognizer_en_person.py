"""PERSON: English person names from a trained word-level CRF (en_person_model.py).

Why a model: in the default pattern mode nothing found English names (recall 0.000), and spaCy models cannot
be installed offline. The CRF proposes word spans with a posterior score; the model's floor (the least
posterior it reports) maps to 0.5, the policy's default min_score. Spans are trimmed to word tokens (no
punctuation at either end); @handles and #tags are never names; text the scanner reads as Chinese is left
to CN_PERSON.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from corpusgov.quality.pii.base import FastPatternRecognizer, Span
from corpusgov.quality.pii.en_ner_data import TITLES
from corpusgov.quality.pii.en_person_features import CAP, GZ, HANDLE, LOWER, PUNCT, Tokens
from corpusgov.quality.pii.en_person_model import EnPersonModel

MODEL_PATH = Path(__file__).parent / "models" / "en_person.npz"
_HAN = re.compile(r"[\u3400-\u9fff]")
_LETTER = re.compile(r"[^\W\d_]")


@functools.lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> EnPersonModel:
    """One model per process (its emission table holds ~1 MB); loading reads only the shipped file."""
    return EnPersonModel.load(path)


class EnPersonRecognizer(FastPatternRecognizer):
    """Presidio recognizer over the CRF; `find` is the whole logic (the regex below only documents the shape)."""

    ENTITY = "PERSON"
    PATTERNS = (("en_person_shape", r"[A-Z][a-z]+(?: [A-Z][a-z]+)*", 0.0),)
    # Below 1.0, the score of a validated identifier: a name inside code (`Handler`, ``len``) is exempt.
    TOP_SCORE: ClassVar[float] = 0.99
    # A span of lower-case words only is reported from this score up (len, travis in technical text).
    LOWER_MIN: ClassVar[float] = 0.9
    # A span whose every word also occurs in lower case in the same text (Mock / mock, Handler / handler)
    # is an ordinary word capitalised, reported only from this score up.
    SEEN_LOWER_MIN: ClassVar[float] = 0.95
    # A one-word span that is on neither public name list (SSA first names, Census surnames) is reported
    # only from this score up: Python, Linux, Handler in technical prose.
    UNLISTED_SINGLE_MIN: ClassVar[float] = 0.8
    # ... and one on no list at all (Python, Unicode) from this score up.
    UNKNOWN_SINGLE_MIN: ClassVar[float] = 0.9

    def __init__(self, supported_language: str = "en", model: EnPersonModel | None = None) -> None:
        super().__init__(supported_language=supported_language)
        self._model = model or load_model()

    def find(self, text: str) -> list[Span]:
        return self.find_batch([text])[0]

    def find_batch(self, texts: Sequence[str]) -> list[list[Span]]:
        """find() of each text; the model decodes the texts' tokens together (one numpy pass per ~1,000)."""
        live = [i for i, t in enumerate(texts) if _LETTER.search(t) and (t.isascii() or not _HAN.search(t, 0, 4000))]
        fz = self._model.featurizer
        docs = fz.tokens_batch([texts[i] for i in live])
        out: list[list[Span]] = [[] for _ in texts]
        floor = self._model.floor
        for i, doc, spans in zip(live, docs, self._model.find_tokens(docs), strict=True):
            found: list[Span] = []
            lower_words: set[str] | None = None
            for sp in spans:
                score = min(self.TOP_SCORE, 0.5 + 0.5 * (sp.score - floor) / max(1e-9, 1.0 - floor))
                for a, b in _pieces(texts[i], doc, sp.start, sp.end):
                    words = [w for w, c in zip(doc.words[a:b], doc.codes[a:b, CAP], strict=True) if c != PUNCT]
                    if all(c == LOWER for c in doc.codes[a:b, CAP]) and score < self.LOWER_MIN:
                        continue
                    if b - a == 1 and score < max(self.UNLISTED_SINGLE_MIN, self.UNKNOWN_SINGLE_MIN):
                        gz = int(doc.codes[a, GZ])
                        if (gz == 0 and score < self.UNKNOWN_SINGLE_MIN) or (not _listed(gz) and score < self.UNLISTED_SINGLE_MIN):
                            continue
                    if score < self.SEEN_LOWER_MIN:
                        if lower_words is None:
                            lower_words = {w for w, c in zip(doc.words, doc.codes[:, CAP], strict=True) if c == LOWER}
                        if all(w.lower() in lower_words for w in words):
                            continue
                    found.append((*doc.span(a, b), round(score, 4)))
            out[i] = found
        return out


_JOINERS = frozenset(".-'’")


def _pieces(text: str, doc: Tokens, a: int, b: int) -> list[tuple[int, int]]:
    """The span's token ranges with no punctuation at either end, cut at a blank line and at punctuation
    other than an initial's dot (R. David), a hyphen or an apostrophe (`James Henstridge\n\n* Juan …` is two names); none that holds an
    @handle or #tag."""
    cap = doc.codes[:, CAP]
    out: list[tuple[int, int]] = []
    start = a
    for k in range(a, b + 1):
        cut = k == b or (cap[k] == PUNCT and not _joins(doc.words, k, a))
        cut = cut or (k > start and "\n\n" in doc.gap(k))
        if not cut:
            continue
        lo, hi = start, k
        while lo < hi and (cap[lo] == PUNCT or doc.words[lo].lower() in TITLES):
            lo += 1
        while hi > lo and cap[hi - 1] == PUNCT:
            hi -= 1
        if lo < hi and not any(cap[j] == HANDLE for j in range(lo, hi)):
            out.append((lo, hi))
        start = k + 1 if k < b and cap[k] == PUNCT else k
    return out


def _listed(gz: int) -> bool:
    """On a name list often enough to count: SSA first name with a yearly count >= 100, or a Census surname
    borne >= 1,000 times (the rarer entries include ordinary words: Handler, Python)."""
    return gz // 5 >= 2 or gz % 5 >= 2


def _joins(words: list[str], k: int, a: int) -> bool:
    """Punctuation that stays inside a name: a hyphen or apostrophe, or the dot after an initial."""
    return words[k] in _JOINERS and (words[k] != "." or (k > a and len(words[k - 1]) == 1))
