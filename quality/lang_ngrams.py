"""Second opinion for close languages: character n-gram and word profiles trained on real translated messages.

Why: langdetect's Wikipedia profiles confuse close pairs on short text (da/no, nl/af, hr/sl, pt/es, bg/mk):
3.8% of real gettext messages were labelled wrong, almost all within such pairs. ``quality/lang_ngrams.json``
holds, per language, log P(n-gram) for its 10,000 most frequent character 1-4-grams (lower-cased, letters only,
space-padded words) and for its 5,000 most frequent words, each with the value for an unseen one, counted on
translated UI messages: the gettext catalogues of Debian packages whose domain is in the training buckets
and the catalogues of LibreOffice's language packs, Django and Sphinx (``quality/eval/build_lang_ngrams.py``;
the test bucket is never read and its messages are removed from the rest). No text is kept, only n-gram and
word frequencies. Words because close languages differ mostly in a few spellings (da "antal", "af", "bliver"
vs no "antall", "av", "blir") that character 1-4-grams dilute. ``LanguageDetector`` adds ``WEIGHT`` x
``close_call_scores`` to langdetect's among its ``TOP_K`` best candidates (every candidate of the script), only
when langdetect's best two are within ``MARGIN``; a language this model lacks gets its worst score there.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

MODEL_PATH = Path(__file__).with_name("lang_ngrams.json")
MAX_N = 4  # longest n-gram; the shipped model's own (``max_n`` in the file)
# Candidates re-scored by the close call: more than any script has (Latin 31), so all of them. On bucket 1
# (trained on bucket 2 + extra catalogues): 3: 0.9930, 5: 0.9944, 8: 0.9951, 12: 0.9957, all: 0.9959.
TOP_K = 40
WEIGHT = 1.0
PRIOR = 0.05  # weight of log(training messages of a language / the most any language has)
# The close call runs only when langdetect's best two candidates are within MARGIN (mean log-likelihood per
# n-gram). Chosen by `build_lang_ngrams --tune` (model trained on bucket 2, scored on bucket 1): the smallest
# margin whose accuracy equals running the close call always.
MARGIN = 0.2
# Weight of the mean word log-probability next to the character n-grams' (``close_call_scores``); chosen by
# `build_lang_ngrams --tune` (0.25: 0.9926, 0.5: 0.9930, 1.0: 0.9924 on bucket 1; without words 0.9903).
WORD_WEIGHT = 0.5
_NON_LETTER = re.compile(r"[\W\d_]+")
_WORD = re.compile(r"[^\W\d_]+")


def grams(text: str, max_n: int | None = None) -> list[str]:
    """Character 1..max_n-grams (default ``MAX_N``) of the lower-cased letters, words padded with one space (bare
    spaces left out)."""
    max_n = max_n or MAX_N
    s = " " + " ".join(_NON_LETTER.sub(" ", text.lower()).split()) + " "
    out: list[str] = []
    for n in range(1, max_n + 1):
        out.extend(g for g in (s[i:i + n] for i in range(len(s) - n + 1)) if g.strip())
    return out


def _read_model() -> dict[str, dict[str, Any]]:
    """The model file: per language ``grams`` (tab-separated), ``logp_milli`` (1000 x log P, same order),
    ``unseen`` (log P of a gram not among its own), ``words`` / ``word_logp_milli`` / ``word_unseen`` and
    ``messages`` (training messages). Integer lists become int32 arrays as each language is parsed: as Python
    lists the 490k integers held 22 MB in 490k objects."""
    def compact(obj: dict[str, Any]) -> dict[str, Any]:
        for k in ("logp_milli", "word_logp_milli"):
            if isinstance(obj.get(k), list):
                obj[k] = np.asarray(obj[k], dtype=np.int32)
        return obj

    with MODEL_PATH.open(encoding="utf-8") as f:
        languages: dict[str, dict[str, Any]] = json.load(f, object_hook=compact)["languages"]
    return languages


def _model() -> dict[str, tuple[dict[str, float], float]]:
    """Per language: {gram: log P} and the unseen value (for tests and inspection; scoring uses ``_tables``)."""
    return {lang: ({g: v / 1000 for g, v in zip(m["grams"].split("\t"), m["logp_milli"].tolist(), strict=True)},
                   m["unseen"]) for lang, m in _read_model().items()}


@lru_cache(maxsize=1)
def _log_prior() -> dict[str, float]:
    t = _tables()
    sizes = dict(zip(t.langs, t.messages.tolist(), strict=True))
    top = max(sizes.values())
    return {lang: math.log(n / top) for lang, n in sizes.items()}


def languages() -> frozenset[str]:
    return frozenset(_tables().langs)


def log_prior(lang: str) -> float:
    """log of the language's share of real translated text relative to the best-served language (0 = most);
    how much text translators produce in a language is the prior for short, ambiguous text."""
    return _log_prior().get(lang, min(_log_prior().values()))


_BITS = 16  # per character: four characters fill a uint64
_CLIP = (1 << _BITS) - 1  # code points above the Basic Multilingual Plane share one value (no letters of ours)


def _key(gram: str) -> int:
    """A 1-4-gram as one integer: code points (clipped to 16 bits) first character highest (never 0, so n is
    implied)."""
    k = 0
    for c in gram:
        k = (k << _BITS) | min(ord(c), _CLIP)
    return k


def _keys(names: list[str]) -> np.ndarray:
    """``_key`` of many grams at once: left-padded with NUL (which adds nothing) to ``MAX_N`` code points each."""
    width = max(MAX_N, max((len(g) for g in names), default=1))
    raw = np.frombuffer("".join(g.rjust(width, "\0") for g in names).encode("utf-32-le"), dtype=np.uint32)
    cps = np.minimum(raw, _CLIP).astype(np.uint64).reshape(-1, width)
    keys = np.zeros(len(names), dtype=np.uint64)
    for j in range(width):
        keys = (keys << np.uint64(_BITS)) | cps[:, j]
    return keys


def gram_keys(text: str, max_n: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The distinct n-grams of ``grams(text)`` as sorted integer keys (``_key``) with their counts, computed on
    an array of code points: the same multiset as ``grams`` without a Python string per gram."""
    max_n = max_n or MAX_N
    s = " " + " ".join(_NON_LETTER.sub(" ", text.lower()).split()) + " "
    a = np.minimum(np.frombuffer(s.encode("utf-32-le"), dtype=np.uint32), _CLIP).astype(np.uint64)
    parts = [a[a != 32]]  # 1-grams; a bare space is left out
    for n in range(2, max_n + 1):
        if len(a) >= n:
            k = a[: len(a) - n + 1].copy()
            for j in range(1, n):
                k = (k << np.uint64(_BITS)) | a[j: len(a) - n + 1 + j]
            parts.append(k[k != _key(" " * n)])  # all-space grams are left out, as in `grams`
    return np.unique(np.concatenate(parts), return_counts=True)


_ABSENT = 0  # 1000 x log P of a gram that is not among a language's own (every real value is < 0)


@dataclass(frozen=True)
class _Tables:
    """The model as compact arrays, ~4 MB (issue 15: the parsed JSON held 22 MB in 486k Python objects and
    scoring added a 15 MB dense float32 table, kept for the rest of the run after the first close call).

    ``keys``: every language's gram keys, sorted and distinct; the entries of key ``i`` (the languages that have
    it) are ``row_at[i]:row_at[i + 1]``, each a language column (``entry_lang``, ``langs`` order) and its
    1000 x log P (``entry_milli``, int16); ``unseen``: a language's log P of a gram not among its own (float32,
    as the dense table held it). ``word_keys`` / ``word_milli``: per language (``word_at[j]:word_at[j + 1]``) its
    word keys sorted (``_word_hash``) and their 1000 x log P; ``word_unseen``; ``messages``."""

    langs: list[str]
    col: dict[str, int]
    keys: np.ndarray
    row_at: np.ndarray
    entry_lang: np.ndarray
    entry_milli: np.ndarray
    unseen: np.ndarray
    word_keys: np.ndarray
    word_milli: np.ndarray
    word_at: np.ndarray
    word_unseen: np.ndarray
    messages: np.ndarray


def _int16(milli: np.ndarray, what: str) -> np.ndarray:
    if len(milli) and not (milli.min() >= np.iinfo(np.int16).min and milli.max() < _ABSENT):
        raise ValueError(f"lang_ngrams: {what} log-probabilities do not fit the int16 table")
    return milli.astype(np.int16)


def _build_arrays() -> dict[str, np.ndarray]:
    raw = _read_model()
    langs = sorted(raw)
    per = [_keys(raw[lang]["grams"].split("\t")) for lang in langs]
    for lang, k in zip(langs, per, strict=True):
        if len(np.unique(k)) != len(k):  # two grams of one language share a key (clipped code points)
            raise ValueError(f"lang_ngrams: {lang} has grams with the same key")
    keys, rows = np.unique(np.concatenate(per), return_inverse=True)
    lang_of = np.repeat(np.arange(len(langs), dtype=np.uint8), [len(k) for k in per])
    milli = np.concatenate([_int16(raw[lang]["logp_milli"], lang) for lang in langs])
    order = np.lexsort((lang_of, rows))  # by key, then language
    wkeys, wmilli, wat = [], [], [0]
    for lang in langs:
        m = raw[lang]
        ws = m["words"].split("\t") if m.get("words") else []
        k = np.array([_word_hash(w) for w in ws], dtype=np.uint64)
        worder = np.argsort(k, kind="stable")
        wkeys.append(k[worder])
        wmilli.append(_int16(np.asarray(m["word_logp_milli"] if ws else [], dtype=np.int64), f"{lang} word")[worder])
        wat.append(wat[-1] + len(ws))
    return {
        "langs": np.array(langs, dtype=str), "keys": keys,
        "row_at": np.searchsorted(rows[order], np.arange(len(keys) + 1)).astype(np.int32),
        "entry_lang": lang_of[order], "entry_milli": milli[order],
        "unseen": np.array([raw[lang]["unseen"] for lang in langs], dtype=np.float32),
        "word_keys": np.concatenate(wkeys), "word_milli": np.concatenate(wmilli), "word_at": np.array(wat, np.int64),
        "word_unseen": np.array([float(raw[lang].get("word_unseen", 0.0)) for lang in langs], dtype=np.float64),
        "messages": np.array([raw[lang]["messages"] for lang in langs], dtype=np.int64),
    }


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    """Built on the first close call, once per machine (``table_cache``, keyed by the model file and this module)."""
    from corpusgov.quality.table_cache import cached_arrays

    a = cached_arrays("lang_ngrams", [str(MODEL_PATH), __file__], _build_arrays)
    langs = a["langs"].tolist()
    return _Tables(langs=langs, col={lang: j for j, lang in enumerate(langs)},
                   **{k: a[k] for k in ("keys", "row_at", "entry_lang", "entry_milli", "unseen", "word_keys",
                                        "word_milli", "word_at", "word_unseen", "messages")})


def _gram_milli(keys: np.ndarray) -> np.ndarray:
    """(len(keys), languages) int16: each key's 1000 x log P per language, ``_ABSENT`` where it is not that
    language's gram (a key the model lacks: ``_ABSENT`` for all)."""
    t = _tables()
    out = np.full((len(keys), len(t.langs)), _ABSENT, dtype=np.int16)
    pos = np.minimum(np.searchsorted(t.keys, keys), len(t.keys) - 1)
    hit = np.flatnonzero(t.keys[pos] == keys)
    lo, n = t.row_at[pos[hit]], np.diff(t.row_at)[pos[hit]]
    if len(hit):
        entry = np.repeat(lo - (np.cumsum(n) - n), n) + np.arange(int(n.sum()))
        out[np.repeat(hit, n), t.entry_lang[entry]] = t.entry_milli[entry]
    return out


def clear_caches() -> None:
    """Forget the loaded model (the builder swaps MODEL_PATH while tuning)."""
    _tables.cache_clear()
    _log_prior.cache_clear()


def mean_logp(text: str, langs: list[str]) -> dict[str, float]:
    """Mean log-probability per n-gram of ``text`` for each of ``langs`` the model has ({} without n-grams)."""
    keys, counts = gram_keys(text)
    total = int(counts.sum())
    if not total:
        return {}
    t = _tables()
    known = [lang for lang in langs if lang in t.col]
    cols = np.array([t.col[lang] for lang in known], dtype=np.intp)
    milli = _gram_milli(keys)[:, cols]
    # float32(milli) / 1000 in float32, and float32(unseen): the values the dense float32 table held, so the
    # sums below are those of the earlier code bit for bit.
    vals = np.where(milli == _ABSENT, t.unseen[cols], milli.astype(np.float32) / np.float32(1000))
    sums = counts.astype(np.float64) @ vals.astype(np.float64)
    return {lang: float(v) / total for lang, v in zip(known, sums.tolist(), strict=True)}


def words(text: str) -> list[str]:
    """The lower-cased letter runs of ``text``: the words the word profiles count."""
    return _WORD.findall(text.lower())


def _word_hash(word: str) -> int:
    """A stable 64-bit key of a word (Python's ``hash`` differs between processes)."""
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


def _word_table(lang: str) -> tuple[np.ndarray, np.ndarray, float] | None:
    """One language's word profile: sorted 64-bit word keys, their 1000 x log P (int16, same order) and the
    unseen log P; None without one."""
    t = _tables()
    j = t.col.get(lang)
    if j is None or t.word_at[j] == t.word_at[j + 1]:
        return None
    sl = slice(int(t.word_at[j]), int(t.word_at[j + 1]))
    return t.word_keys[sl], t.word_milli[sl], float(t.word_unseen[j])


def mean_word_logp(text: str, langs: list[str]) -> dict[str, float]:
    """Mean log-probability per word of ``text`` for each of ``langs`` with a word profile ({} without words)."""
    ws = words(text)
    if not ws:
        return {}
    distinct = sorted(set(ws))
    counts = np.array([ws.count(w) for w in distinct], dtype=np.float64)
    keys = np.array([_word_hash(w) for w in distinct], dtype=np.uint64)
    out: dict[str, float] = {}
    for lang in langs:
        table = _word_table(lang)
        if table is None:
            continue
        wkeys, milli, unseen = table
        pos = np.minimum(np.searchsorted(wkeys, keys), len(wkeys) - 1)
        vals = np.where(wkeys[pos] == keys, milli[pos].astype(np.float64) / 1000, unseen)
        out[lang] = float(counts @ vals) / len(ws)
    return out


def close_call_scores(text: str, langs: list[str]) -> dict[str, float]:
    """Per language of ``langs`` the model has: mean character n-gram log P + ``WORD_WEIGHT`` x mean word log P
    (a language without a word profile gets the lowest word score among the others)."""
    chars = mean_logp(text, langs)
    if not chars or not WORD_WEIGHT:
        return chars
    per_word = mean_word_logp(text, list(chars))
    if not per_word:
        return chars
    low = min(per_word.values())
    return {lang: v + WORD_WEIGHT * per_word.get(lang, low) for lang, v in chars.items()}
