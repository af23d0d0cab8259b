"""Character-form noise: overstrikes, full-width/half-width chaos, case chaos, stripped or spurious diacritics.

Why: these corruptions keep every word's letters (or every Han character's shape) but not the form real text gives
them. Real text writes one width per word (full-width Latin is a CJK typesetting choice made for whole runs, not for
single letters inside an English word), one case pattern per word (lower, Title, UPPER or camelCase), the diacritics
its language has (German, French, Spanish text without a single accented letter over hundreds of letters is an ASCII
export) and no accents on plain English words (the Han counterparts are in ``junk_noise_han``).
Each signal is a small pure function over a document's first ``PREFIX_CHARS`` characters (no Beam, no model beyond
the shipped tables it reads); every signal is neutral (0.0) when there is too little text to judge.

Fortunes files, man pages rendered with ``nroff`` and old mail carry backspace overstrikes (``_\\bx`` underline,
``x\\bx`` bold); ``strip_overstrikes`` resolves them as ``col -b`` does before any signal is computed, so they are
not read as control characters.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any

PREFIX_CHARS = 2000
MIN_WORDS = 20  # words before the case and accent shares are judged
_OVERSTRIKE = re.compile(r"[^\n\x08]\x08")
# Half-width ASCII letters/digits and their full-width forms (U+FF10-FF19, U+FF21-FF3A, U+FF41-FF5A).
_ALNUM_RUN = re.compile(r"[A-Za-z0-9\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")
_FULL_ALNUM = re.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_HALF_ALNUM = re.compile(r"[A-Za-z0-9]")
_WORD = re.compile(r"[^\W\d_]{3,}")
# A white-space token that is a Latin letter run with at most quotes and brackets around it and clause marks after it
# (letter runs inside identifiers, base64, URLs and markup are left out).
_PLAIN_WORD = re.compile(r"(?<!\S)[(\[{\"'“‘«*]*([A-Za-z]{3,})[)\]}>\"'”’»*]*[.,;:!?]*[)\]}>\"'”’»*]*(?!\S)")
# A word's case runs are legitimate when it is lower, UPPER, Title or camel-cased (each capital but a leading run
# of capitals starts a lower-case run of two or more letters: getValue, McDonald, iPhone, IPv6, URLs).
# A lower-case letter before a capital, matched from the capital: the engine skips to the next capital at C speed
# instead of trying every lower-case letter (8.1 -> 3.8 us per 2,000-character head). The same count as
# ``[a-z][A-Z]``: such pairs never overlap (a pair's second letter is a capital, never the next pair's first).
_LOWER_UPPER = re.compile(r"[A-Z](?<=[a-z].)")
# Unit symbols are case patterns of their own: IEC 80000-13 binary prefixes (KiB, MiB … YiB, Kibit) and hertz (kHz).
_CASE_OK = re.compile(r"[a-z]*(?:[A-Z]+(?:[a-z]{2,}|s)?)?(?:[A-Z][a-z]{2,})*[A-Z]*|[A-Z][a-z]*(?:[A-Z][a-z]+)*|"
                      r"[KMGTPEZY]i(?:B|bit)s?|[kMGT]Hz")
_LATIN_ACCENTED = re.compile(r"[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")
LANG_MODEL = Path(__file__).with_name("lang_ngrams.json")
ACCENT_RATE_MIN = 0.015  # languages whose letters are at least this often accented (de, fr, es, pt, pl, cs ...)


def strip_overstrikes(text: str) -> str:
    """``x\\bx`` and ``_\\bx`` overstrikes resolved to ``x`` (as ``col -b`` prints them); other text unchanged."""
    if "\x08" not in text:
        return text
    prev = None
    while prev != text:
        prev, text = text, _OVERSTRIKE.sub("", text)
    return text


def mixed_width_words(text: str) -> float:
    """Letter/digit runs that mix full-width and half-width forms (``ＷooＤy``, ``ＧIＭP``): real text sets a whole run
    in one width. Counted over the prefix."""
    if text.isascii():
        return 0.0
    head = text[:PREFIX_CHARS]
    if not _FULL_ALNUM.search(head):
        return 0.0
    return float(sum(1 for run in _ALNUM_RUN.findall(head) if _FULL_ALNUM.search(run) and _HALF_ALNUM.search(run)))


# An odd-cased word of this many letters that recurs in the same form is a name (an identifier), not a case flip.
NAME_MIN_LETTERS = 8


def case_chaos_frac(text: str) -> float:
    """Share of the plain Latin words (3+ letters, white-space tokens: not the letter runs of identifiers, base64 or
    URLs) whose case pattern is none of lower, UPPER, Title or camelCase
    (``tHe``, ``WIlL``): random case flips; a name of NAME_MIN_LETTERS+ letters used twice in one form is not odd.
    0.0 below ``MIN_WORDS`` words or under three distinct such words."""
    head = text[:PREFIX_CHARS]
    if len(_LOWER_UPPER.findall(head)) < 3:  # every odd pattern has a lower-case letter before a capital
        return 0.0
    words = _PLAIN_WORD.findall(head)
    if len(words) < MIN_WORDS:
        return 0.0
    odd = {w for w in words if not w.islower() and not _CASE_OK.fullmatch(w)}
    if len(odd) >= 3 and any(len(w) >= NAME_MIN_LETTERS for w in odd):
        # a long name written the same way again is an identifier (docs round 12: "AuthzDBDLoginToReferer",
        # "ProxyHTMLInterp" under each directive's heading); random case flips do not repeat one pattern
        counts = Counter(words)
        odd = {w for w in odd if len(w) < NAME_MIN_LETTERS or counts[w] < 2}
    if len(odd) < 3:
        return 0.0
    return sum(1 for w in words if w in odd) / len(words)


def accent_rates() -> dict[str, float]:
    """Per Latin-script language of the shipped language model, the share of its letters that carry a diacritic
    (single-letter probabilities of ``lang_ngrams.json``, counted on translated UI messages), for the languages
    where it is at least ``ACCENT_RATE_MIN``."""
    return _accent_tables()[0]


def _stripped_forms() -> dict[str, frozenset[str]]:
    """``_stripped_forms_of`` of every language of ``accent_rates``."""
    return {lang: _stripped_forms_of(lang) for lang in accent_rates()}


@lru_cache(maxsize=1)
def _accent_tables() -> tuple[dict[str, float], dict[str, list[str]]]:
    """The accent rates and the words of each language that has one, from one parse of ``lang_ngrams.json`` (6.9 MB;
    the parsed file itself is not kept)."""
    with LANG_MODEL.open(encoding="utf-8") as f:
        langs = json.load(f)["languages"]
    rates = _rates(langs)
    return rates, {lang: _word_list(langs[lang]["words"]) for lang in rates}


def _word_list(words: str | list[str]) -> list[str]:
    """A language's words as the model file stores them (one tab-separated string, or a list in older files)."""
    return words.split("\t") if isinstance(words, str) else words


def _rates(langs: dict[str, dict[str, Any]]) -> dict[str, float]:
    out = {}
    for lang, g in langs.items():
        uni = {k: math.exp(v / 1000) for k, v in zip(g["grams"].split("\t"), g["logp_milli"], strict=False)
               if len(k) == 1 and k.isalpha()}
        latin = sum(p for k, p in uni.items() if _LATIN.match(k))
        total = sum(uni.values())
        if total and latin / total > 0.9:  # Latin script
            rate = sum(p for k, p in uni.items() if _LATIN_ACCENTED.match(k)) / latin
            if rate >= ACCENT_RATE_MIN:
                out[lang] = rate
    return out


@lru_cache(maxsize=32)  # one entry per language of accent_rates (callers look nothing else up)
def _stripped_forms_of(lang: str) -> frozenset[str]:
    """The ASCII-folded forms of a language's frequent words that exist only with their diacritics (für -> fur,
    über -> uber, données -> donnees, número -> numero), when the folded form is neither one of its words nor an
    English word (fur, menu, general are no evidence in text that mixes in English). From ``lang_ngrams.json``'s
    5,000 words per language (translated UI messages). Built on the first text of that language: a run of English and
    Chinese text never folds the 21 languages' 105,000 words (≈ 0.06 CPU-s per process)."""
    from corpusgov.quality.junk_noise import vocabulary

    english = vocabulary()
    words = _accent_tables()[1][lang]
    known = set(words)
    return frozenset(f for f in (_fold(w) for w in words if not w.isascii())
                     if f.isascii() and f not in known and f not in english)


STRIPPED_WORD_WEIGHT = 3.0  # one diacritic-only word written without its diacritic counts as this many missing accents


def stripped_diacritics(text: str, lang: str | None) -> float:
    """Evidence that a text in a language that writes diacritics (German, French, Spanish …; ``accent_rates``) had
    them stripped, when it holds no accented letter at all and at least one of its diacritic-only words bare: the accented letters a text of its length would be
    expected to hold (its Latin letters times the language's rate) plus ``STRIPPED_WORD_WEIGHT`` per distinct word that
    exists only with its diacritics written without them (``fur``, ``konnen``, ``donnees``, ``numero``). 0.0 for text
    with any accented letter and for languages that seldom write them (English, Dutch, Italian)."""
    base = (lang or "").split("-")[0]
    if base not in accent_rates():
        return 0.0
    head = text[:PREFIX_CHARS]
    if not head.isascii() and _LATIN_ACCENTED.search(head):
        return 0.0
    forms = _stripped_forms_of(base)
    hits = {w for w in _WORD.findall(head.lower()) if w in forms}
    if not hits:
        return 0.0
    return len(_LATIN.findall(head)) * accent_rates()[base] + STRIPPED_WORD_WEIGHT * len(hits)


def en_accent_words(text: str, lang: str | None) -> float:
    """Share of the words of an English text that carry a diacritic and are English words without it (``thé``,
    ``wördś``): spurious accents. Loanwords (café, naïve, résumé) are a few per text, so fewer than three distinct
    such words give 0.0, as does text under ``MIN_WORDS`` words."""
    if (lang or "").split("-")[0] != "en" or text.isascii():
        return 0.0
    from corpusgov.quality.junk_noise import vocabulary

    words = _WORD.findall(text[:PREFIX_CHARS].lower())
    if len(words) < MIN_WORDS:
        return 0.0
    vocab = vocabulary()
    odd = {w for w in set(words) if _LATIN_ACCENTED.search(w) and _fold(w) in vocab}
    if len(odd) < 3:
        return 0.0
    return sum(1 for w in words if w in odd) / len(words)


def _fold(word: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def form_signals(text: str, lang: str | None) -> dict[str, float]:
    """Every character-form signal of one document (the Han ones are ``junk_noise_han``'s)."""
    from corpusgov.quality.junk_noise_han import han_noise_signals

    return han_noise_signals(text) | {
        "mixed_width_words": mixed_width_words(text),
        "case_chaos_frac": case_chaos_frac(text),
        "stripped_diacritics": stripped_diacritics(text, lang),
        "en_accent_words": en_accent_words(text, lang),
    }
