"""Transliterated foreign names in Chinese text (鲁尼, 巴洛特里, 舍普琴科): a third CN_PERSON candidate source.

Measured, not shipped (2026-12-06, models/PROVENANCE.md: held-out recall up, precision a little down, flat on the
evaluation splits): the recognizer uses it only where models/zh_person_translit.npz has been trained.

Why: the character CRF never proposes many foreign names: of the held-out CLUENER training names it misses
outright, about a third are transliterations, written with characters that are common elsewhere (尼, 斯, 特)
and in no surname-first pattern. Here a run of characters typical of transliterated names (their share of uses
inside a training name that starts with no common surname, or inside a jieba `nrt` word) is cut into every
2-MAX_LEN character span that is no word of jieba's dictionary (the CRF already reads every such word through
its lexicon features, and jieba tags loanwords such as 哈希 and 芥蒂 `nrt`), and each span is scored by a
logistic model over hashed features learnt from the training splits (train_zh_person_translit.py): the span
and its end characters, the characters' shares, where it stands in the run, whether it cuts a dictionary word
or one follows it (恩派尔|大街), and the characters around it (说, 表示, 教练, 和). Pure Python and NumPy,
deterministic (crc32 hashes); runs are found by one regex, so a page with no such run costs one scan.
"""

from __future__ import annotations

import functools
import math
import re
import zlib
from collections.abc import Callable
from pathlib import Path

import numpy as np

from corpusgov.quality.pii.zh_person_features import NORM_CODES

HASH_BITS = 18
_MASK = (1 << HASH_BITS) - 1
MAX_LEN = 6  # longest candidate, in characters (a middle dot counts)
RUN_MIN_SHARE = 0.01  # a character extends a run from this share of its uses inside a foreign-looking name up
_SHARE_BINS = (0.02, 0.05, 0.1, 0.2, 0.35)
_DOTS = "·•"
# (text, start, end) -> the CRF lexicon's flag of text[start:end] as one 2-4 character word (0 none, 1 an
# ordinary word, 2 a name; ZhPersonModel.word_flag): whether a span cuts a word (宣|布法西斯) or a place word
# follows it (恩派尔|大街).
WordFlag = Callable[[str, int, int], int]


def _no_lexicon(text: str, start: int, end: int) -> int:
    return 0


_changed = np.flatnonzero(NORM_CODES[:65536] != np.arange(65536))
_FOLD = {int(c): int(NORM_CODES[c]) for c in _changed}


def fold(text: str) -> str:
    """Text as the tables read it: folded to simplified (OpenCC's single-character table, as the CRF)."""
    return text.translate(_FOLD)


def norm(ch: str) -> str:
    """One character folded (fold())."""
    return ch.translate(_FOLD)


def share_bin(share: float) -> int:
    return sum(share >= b for b in _SHARE_BINS)


class TranslitTables:
    """The character shares and the dictionary words (of run characters) candidates skip; stored in the
    scorer's file."""

    def __init__(self, codes: np.ndarray, shares: np.ndarray, words: np.ndarray) -> None:
        self.share = {chr(int(c)): float(s) for c, s in zip(codes, shares, strict=True)}
        self.words = {str(w) for w in words}
        self.bin = {c: str(share_bin(s)) for c, s in self.share.items()}
        run_chars = {c for c, s in self.share.items() if s >= RUN_MIN_SHARE}
        # every BMP Han character whose folded form extends a run (traditional forms too)
        han = np.arange(0x4E00, 0xA000)
        members = "".join(chr(int(c)) for c in han if chr(int(NORM_CODES[c])) in run_chars)
        cls = "[" + re.escape(members) + "]"
        self.runs = re.compile(cls + "(?:" + cls + "|[" + _DOTS + "](?=" + cls + "))+")


def candidates(text: str, tables: TranslitTables, skip_words: bool = True) -> list[tuple[int, int, int, int]]:
    """(start, end, run start, run end) of every 2-MAX_LEN character span inside a run, not starting or ending
    with a middle dot, and (skip_words) no dictionary word. The scorer is fitted on all spans, dictionary words
    too (names among them teach it what a name looks like: held-out CLUENER 0.804 / 0.761 against 0.801 / 0.758
    fitted without them), and reports only the others."""
    out = []
    for m in tables.runs.finditer(text):
        rs, re_ = m.span()
        folded = fold(m.group())
        for s in range(rs, re_ - 1):
            if text[s] in _DOTS:
                continue
            for e in range(s + 2, min(re_, s + MAX_LEN) + 1):
                if text[e - 1] not in _DOTS and not (skip_words and folded[s - rs : e - rs] in tables.words):
                    out.append((s, e, rs, re_))
    return out


def span_keys(w: str, where: str, run_len: int, lex: int, tables: TranslitTables) -> list[str]:
    """Features of the folded span itself (w) and where it stands in its run: cacheable by these arguments."""
    bins = "".join(tables.bin.get(c, "0") for c in w if c not in _DOTS)
    return [
        "bias",
        "w=" + w,
        f"len={len(w)}",
        "first=" + w[0],
        "last=" + w[-1],
        "f2=" + w[:2],
        "l2=" + w[-2:],
        "bins=" + bins,
        f"minbin={min(bins)}",
        f"where={where}",
        f"runlen={min(run_len, 8)}",
        f"dot={int(any(c in _DOTS for c in w))}",
        f"lex={lex}",
    ]


def context_keys(text: str, s: int, e: int, flag: WordFlag) -> list[str]:
    """Features of the span's surroundings: they read only text[s-2:s+1] and text[e-1:e+2] (cacheable so)."""
    n = len(text)
    cut_l = flag(text, s - 1, s + 1) if s > 0 else 0
    cut_r = flag(text, e - 1, e + 1) if e < n else 0
    word_l = flag(text, s - 2, s) if s > 1 else 0
    word_r = flag(text, e, e + 2) if e + 2 <= n else 0
    left = fold(text[max(0, s - 2) : s]).rjust(2, "^")
    right = fold(text[e : e + 2]).ljust(2, "$")
    return [
        "l1=" + left[1],
        "l2c=" + left,
        "r1=" + right[0],
        "r2c=" + right,
        "lr=" + left[1] + right[0],
        f"cut={cut_l}{cut_r}",
        f"nbw={word_l}{word_r}",
        f"rw={word_r}" + right,
    ]


def _where(s: int, e: int, rs: int, re_: int) -> str:
    return f"{int(s == rs)}{int(e == re_)}"


def feature_keys(
    text: str, s: int, e: int, rs: int, re_: int, tables: TranslitTables, flag: WordFlag = _no_lexicon
) -> list[str]:
    """Feature strings of the span text[s:e] inside the run text[rs:re_] (its own, then its context's)."""
    lex = flag(text, s, e) if e - s <= 4 else 9
    return span_keys(fold(text[s:e]), _where(s, e, rs, re_), re_ - rs, lex, tables) + context_keys(text, s, e, flag)


def feature_ids(keys: list[str]) -> list[int]:
    """Hashed bucket of each feature string (crc32: the same in every process and on every platform)."""
    return [zlib.crc32(k.encode("utf-8")) & _MASK for k in keys]


class TranslitNameScorer:
    """Logistic weights over hashed buckets; `threshold` is the least probability reported."""

    MAX_CACHED = 50_000  # entries per cache (spans, contexts); cleared when full: bounded memory

    def __init__(
        self, weights: np.ndarray, threshold: float, tables: TranslitTables, word_flag: WordFlag = _no_lexicon
    ) -> None:
        self.weights = weights
        self.threshold = threshold
        self.tables = tables
        self.word_flag = word_flag
        # Python look-ups beat NumPy fancy indexing for ~20 ids; a flag depends only on the substring it reads.
        self._w = {int(i): float(weights[i]) for i in np.flatnonzero(weights)}
        flag_of = functools.lru_cache(maxsize=1 << 16)(lambda sub: word_flag(sub, 0, len(sub)))
        self._flag: WordFlag = lambda text, a, b: flag_of(text[a:b])
        self._span_cache: dict[tuple[object, ...], float] = {}
        self._context_cache: dict[tuple[object, ...], float] = {}

    @classmethod
    def load(cls, path: Path, word_flag: WordFlag = _no_lexicon) -> TranslitNameScorer:
        """The scorer in `path`; `word_flag` must be the lexicon it was trained with (the CRF's)."""
        with np.load(path) as z:
            w = np.zeros(1 << HASH_BITS, dtype=np.float64)
            w[z["rows"]] = z["weights"]
            tables = TranslitTables(z["codes"], z["shares"], z["words"])
            return cls(w, float(z["threshold"]), tables, word_flag)

    def _sum(self, keys: list[str]) -> float:
        w = self._w
        return sum(w.get(zlib.crc32(k.encode("utf-8")) & _MASK, 0.0) for k in keys)

    def score(self, text: str, s: int, e: int, rs: int, re_: int) -> float:
        """P(name) of text[s:e]; the two halves of the sum cached by what they read (names and contexts recur)."""
        span = text[s:e]
        where = _where(s, e, rs, re_)
        key = (span, where, min(re_ - rs, 8))
        a = self._span_cache.get(key)
        if a is None:
            lex = self._flag(text, s, e) if e - s <= 4 else 9
            a = self._cached(self._span_cache, key, self._sum(span_keys(fold(span), where, re_ - rs, lex, self.tables)))
        ckey = (text[max(0, s - 2) : s + 1], text[e - 1 : e + 2])
        b = self._context_cache.get(ckey)
        if b is None:
            b = self._cached(self._context_cache, ckey, self._sum(context_keys(text, s, e, self._flag)))
        return 1.0 / (1.0 + math.exp(-(a + b)))

    def _cached(self, cache: dict[tuple[object, ...], float], key: tuple[object, ...], value: float) -> float:
        if len(cache) >= self.MAX_CACHED:
            cache.clear()
        cache[key] = value
        return value

    def find(self, text: str, threshold: float | None = None) -> list[tuple[int, int, float]]:
        """(start, end, probability) of the best non-overlapping candidates at or above the threshold."""
        floor = self.threshold if threshold is None else threshold
        scored = [(self.score(text, *c), c[0], c[1]) for c in candidates(text, self.tables)]
        out: list[tuple[int, int, float]] = []
        for p, s, e in sorted(scored, key=lambda x: (-x[0], x[1], x[2])):
            if p >= floor and not any(s < b and a < e for a, b, _ in out):
                out.append((s, e, round(p, 4)))
        return sorted(out)


@functools.lru_cache(maxsize=4)
def load_translit(path: Path, word_flag: WordFlag = _no_lexicon) -> TranslitNameScorer:
    """One scorer per process (and lexicon)."""
    return TranslitNameScorer.load(path, word_flag)
