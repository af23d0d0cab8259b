"""Latin-letter person names inside Chinese text (Raymond, ColinMcRae, Infi): a second CN_PERSON candidate source.

Why: a tenth of CLUENER's names are written in Latin letters (players' handles, foreign names run together,
the original beside a transliteration: 阿特金森（martinatkinson）), and the character CRF folds letters to their
case, so it cannot tell Raymond from grep. Here each Latin token beside a Chinese character or CJK punctuation
is scored by a logistic model over hashed features learnt from the training splits (train_zh_person_latin.py):
the token itself, its shape, name-list flags of it and its CamelCase parts (the SSA / Census lists stored in
en_person.npz), and the Chinese characters at -3..+3 (选手, 导演, 表示). Pure Python and NumPy, deterministic
(crc32 hashes); a token touching no Chinese text (command names in man pages, set apart by spaces) is never a
candidate, which keeps the cost to a few tokens per Chinese page.
"""

from __future__ import annotations

import functools
import math
import re
import zlib
from pathlib import Path

import numpy as np

from corpusgov.quality.pii.en_person_features import (
    Gazetteer,
    cap_class,
    fold,
    gazetteer_file,
    shape_runs,
    stable_hash,
)
from corpusgov.quality.pii.zh_person_features import NORM_CODES

HASH_BITS = 18
_MASK = (1 << HASH_BITS) - 1
# A Latin token: letters and digits, parts joined by a dot or underscore (TyLoo.Infi).
CANDIDATE = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[._][A-Za-z][A-Za-z0-9]*)*")
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
_PARTS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def touches_chinese(text: str, start: int, end: int) -> bool:
    """The token is written against a Chinese character or CJK punctuation on at least one side."""
    return bool((start > 0 and _CJK.match(text, start - 1)) or (end < len(text) and _CJK.match(text, end)))


def candidates(text: str) -> list[tuple[int, int]]:
    """Latin tokens of a text that touch Chinese text (the only ones scored)."""
    if not text.isascii():
        return [m.span() for m in CANDIDATE.finditer(text) if touches_chinese(text, *m.span())]
    return []


@functools.lru_cache(maxsize=8192)
def _ctx(ch: str) -> str:
    """A context character as the features read it: Han folded to simplified, letters to a, digits to 0."""
    if "a" <= ch.lower() <= "z":
        return "a"
    if ch.isdigit():
        return "0"
    o = ord(ch)
    return chr(int(NORM_CODES[o])) if o < 65536 else ch


_cap = functools.lru_cache(maxsize=8192)(cap_class)


def word_keys(word: str, gaz: Gazetteer) -> list[str]:
    """Features of the token alone: itself, its shape and affixes, name-list flags of it and its CamelCase parts."""
    low = fold(word)
    parts = _PARTS.findall(word)
    flags = [gaz.flag(stable_hash(fold(p))) for p in parts] or [0]
    return [
        "bias",
        "w=" + low,
        "shape=" + shape_runs(word),
        f"cap={cap_class(word)}",
        f"len={min(len(word), 12)}",
        "pre=" + low[:3],
        "suf=" + low[-3:],
        f"gz={gaz.flag(stable_hash(low))}",
        f"np={min(len(parts), 4)}",
        f"fl={flags[0] // 5},{flags[-1] % 5}",
        f"maxf={max(f // 5 for f in flags)}",
        f"maxl={max(f % 5 for f in flags)}",
    ]


def context_keys(text: str, start: int, end: int, n_candidates: int) -> list[str]:
    """Features of where the token stands: the characters at -3..+3 and how many candidates the text holds (a
    page of technical text holds many, a news sentence with a player's handle few)."""
    left = "".join(_ctx(c) for c in text[max(0, start - 3) : start]).rjust(3, "^")
    right = "".join(_ctx(c) for c in text[end : end + 3]).ljust(3, "$")
    return [
        "l1=" + left[2],
        "l2=" + left[1:],
        "l3=" + left,
        "r1=" + right[0],
        "r2=" + right[:2],
        "r3=" + right,
        "lr=" + left[2] + right[0],
        "l1cap=" + left[2] + f"{_cap(text[start:end])}",
        f"ncand={min(n_candidates, 8)}",
    ]


def feature_keys(text: str, start: int, end: int, gaz: Gazetteer, n_candidates: int) -> list[str]:
    """Feature strings of the token text[start:end] (its own, then its context's)."""
    return word_keys(text[start:end], gaz) + context_keys(text, start, end, n_candidates)


def feature_ids(keys: list[str]) -> list[int]:
    """Hashed bucket of each feature string (crc32: the same in every process and on every platform)."""
    return [zlib.crc32(k.encode("utf-8")) & _MASK for k in keys]


def load_gazetteer(path: Path) -> Gazetteer:
    """The English name lists (SSA first names, Census surnames) as stored in en_person.npz (the copy the
    English CRF uses too, `gazetteer_file`)."""
    return gazetteer_file(path)


class LatinNameScorer:
    """Logistic weights over hashed buckets; `threshold` is the least probability reported."""

    MAX_CACHED = 50_000  # tokens (contexts) whose features' weight is kept; cleared when full: bounded memory

    def __init__(self, weights: np.ndarray, threshold: float, gaz: Gazetteer) -> None:
        self.weights = weights
        self.threshold = threshold
        self.gaz = gaz
        self._word_weight: dict[str, float] = {}
        self._context_weight: dict[tuple[str, str, int, int], float] = {}

    @classmethod
    def load(cls, path: Path, gaz_path: Path) -> LatinNameScorer:
        with np.load(path) as z:
            w = np.zeros(1 << HASH_BITS, dtype=np.float64)
            w[z["rows"]] = z["weights"]
            return cls(w, float(z["threshold"]), load_gazetteer(gaz_path))

    def _word(self, word: str) -> float:
        """Summed weight of a token's own features, cached: a page repeats its tokens, a corpus its names."""
        got = self._word_weight.get(word)
        if got is None:
            if len(self._word_weight) >= self.MAX_CACHED:
                self._word_weight.clear()
            got = self._word_weight[word] = float(self.weights[feature_ids(word_keys(word, self.gaz))].sum())
        return got

    def _context(self, text: str, start: int, end: int, n_candidates: int) -> float:
        """Summed weight of the context features, cached by what they read (pages repeat their phrasing)."""
        key = (text[max(0, start - 3) : start], text[end : end + 3], _cap(text[start:end]), min(n_candidates, 8))
        got = self._context_weight.get(key)
        if got is None:
            if len(self._context_weight) >= self.MAX_CACHED:
                self._context_weight.clear()
            ids = feature_ids(context_keys(text, start, end, n_candidates))
            got = self._context_weight[key] = float(self.weights[ids].sum())
        return got

    def score(self, text: str, start: int, end: int, n_candidates: int) -> float:
        z = self._word(text[start:end]) + self._context(text, start, end, n_candidates)
        return 1.0 / (1.0 + math.exp(-z))

    def find(self, text: str, threshold: float | None = None) -> list[tuple[int, int, float]]:
        """(start, end, probability) of each candidate token at or above the threshold."""
        cands = candidates(text)
        floor = self.threshold if threshold is None else threshold
        out = []
        for s, e in cands:
            p = self.score(text, s, e, len(cands))
            if p >= floor:
                out.append((s, e, round(p, 4)))
        return out
