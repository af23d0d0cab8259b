"""Second opinion for close languages: character n-gram profiles trained on real translated messages.

Why: langdetect's Wikipedia profiles confuse close pairs on short text (da/no, nl/af, hr/sl, pt/es, bg/mk):
3.8% of real gettext messages were labelled wrong, almost all within such pairs. ``quality/lang_ngrams.json``
holds, per language, log P(n-gram) for its 3,000 most frequent character 1-3-grams (lower-cased, letters only,
space-padded words) and the value for an unseen n-gram, counted on the translations in the gettext catalogues
of Debian packages whose domain is in the training buckets (``quality/eval/build_lang_ngrams.py``; the test
bucket is never read when building). No text is kept, only n-gram frequencies. ``LanguageDetector`` adds
``WEIGHT`` x this model's mean log-probability to langdetect's among its ``TOP_K`` best candidates only, so a
language this model lacks is never favoured or penalised outside the close call.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("lang_ngrams.json")
MAX_N = 3
TOP_K = 5
WEIGHT = 1.0
PRIOR = 0.05  # weight of log(training messages of a language / the most any language has)
_NON_LETTER = re.compile(r"[\W\d_]+")


def grams(text: str, max_n: int = MAX_N) -> list[str]:
    """Character 1..max_n-grams of the lower-cased letters, words padded with one space (bare spaces left out)."""
    s = " " + " ".join(_NON_LETTER.sub(" ", text.lower()).split()) + " "
    out: list[str] = []
    for n in range(1, max_n + 1):
        out.extend(g for g in (s[i:i + n] for i in range(len(s) - n + 1)) if g.strip())
    return out


@lru_cache(maxsize=1)
def _model() -> dict[str, tuple[dict[str, float], float]]:
    with MODEL_PATH.open(encoding="utf-8") as f:
        raw = json.load(f)
    return {lang: (m["grams"], m["unseen"]) for lang, m in raw["languages"].items()}


@lru_cache(maxsize=1)
def _log_prior() -> dict[str, float]:
    with MODEL_PATH.open(encoding="utf-8") as f:
        sizes = {lang: m["messages"] for lang, m in json.load(f)["languages"].items()}
    top = max(sizes.values())
    return {lang: math.log(n / top) for lang, n in sizes.items()}


def languages() -> frozenset[str]:
    return frozenset(_model())


def log_prior(lang: str) -> float:
    """log of the language's share of real translated text relative to the best-served language (0 = most);
    how much text translators produce in a language is the prior for short, ambiguous text."""
    return _log_prior().get(lang, min(_log_prior().values()))


def mean_logp(text: str, langs: list[str]) -> dict[str, float]:
    """Mean log-probability per n-gram of ``text`` for each of ``langs`` the model has ({} without n-grams)."""
    gs = grams(text)
    if not gs:
        return {}
    model = _model()
    out = {}
    for lang in langs:
        m = model.get(lang)
        if m is not None:
            table, unseen = m
            out[lang] = sum(table.get(g, unseen) for g in gs) / len(gs)
    return out
