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

import numpy as np

MODEL_PATH = Path(__file__).with_name("lang_ngrams.json")
MAX_N = 3
TOP_K = 5
WEIGHT = 1.0
PRIOR = 0.05  # weight of log(training messages of a language / the most any language has)
# The close call runs only when langdetect's best two candidates are within MARGIN (mean log-likelihood per
# n-gram). Chosen by `build_lang_ngrams --tune` (model trained on bucket 2, scored on bucket 1): the smallest
# margin whose accuracy equals running the close call always.
MARGIN = 0.2
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


def _key(gram: str) -> int:
    """A 1-3-gram as one integer: code points of 21 bits each, first character highest (never 0, so n is implied)."""
    k = 0
    for c in gram:
        k = (k << 21) | ord(c)
    return k


def gram_keys(text: str, max_n: int = MAX_N) -> tuple[np.ndarray, np.ndarray]:
    """The distinct n-grams of ``grams(text)`` as sorted integer keys (``_key``) with their counts, computed on
    an array of code points: the same multiset as ``grams`` without a Python string per gram."""
    s = " " + " ".join(_NON_LETTER.sub(" ", text.lower()).split()) + " "
    a = np.frombuffer(s.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    parts = [a[a != 32]]  # 1-grams; a bare space is left out
    for n in range(2, max_n + 1):
        if len(a) >= n:
            k = a[: len(a) - n + 1].copy()
            for j in range(1, n):
                k = (k << np.uint64(21)) | a[j: len(a) - n + 1 + j]
            parts.append(k[k != _key(" " * n)])  # all-space grams are left out, as in `grams`
    return np.unique(np.concatenate(parts), return_counts=True)


@lru_cache(maxsize=1)
def _matrix() -> tuple[np.ndarray, np.ndarray, dict[str, int]]:
    """The model as one table: sorted gram keys; rows (in key order) x languages of log P (a language's unseen
    value where the gram is not among its own), last row unseen for all; language -> column. Built once, so a
    text's distinct grams are looked up once for every language together."""
    model = _model()
    col = {lang: j for j, lang in enumerate(sorted(model))}
    keyed = sorted({(_key(g), g) for table, _ in model.values() for g in table})
    row = {g: i for i, (_, g) in enumerate(keyed)}
    m = np.empty((len(keyed) + 1, len(col)), dtype=np.float64)
    for lang, (table, unseen) in model.items():
        j = col[lang]
        m[:, j] = unseen
        for g, v in table.items():
            m[row[g], j] = v
    return np.array([k for k, _ in keyed], dtype=np.uint64), m, col


def clear_caches() -> None:
    """Forget the loaded model (the builder swaps MODEL_PATH while tuning)."""
    _model.cache_clear()
    _matrix.cache_clear()
    _log_prior.cache_clear()


def mean_logp(text: str, langs: list[str]) -> dict[str, float]:
    """Mean log-probability per n-gram of ``text`` for each of ``langs`` the model has ({} without n-grams)."""
    keys, counts = gram_keys(text)
    total = int(counts.sum())
    if not total:
        return {}
    mkeys, m, col = _matrix()
    pos = np.minimum(np.searchsorted(mkeys, keys), len(mkeys) - 1)
    idx = np.where(mkeys[pos] == keys, pos, len(m) - 1)
    sums = counts.astype(np.float64) @ m[idx]
    return {lang: float(sums[col[lang]]) / total for lang in langs if lang in col}
