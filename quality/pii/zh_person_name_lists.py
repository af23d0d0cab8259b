"""Name-list evidence for the Chinese person-name CRF: a gazetteer of jieba's name words and a transliteration table.

Why: the CRF's character n-grams and its 2-4 character word lexicon do not propose many foreign and dictionary
names (鲁尼, 舍普琴科, 巴洛特里, 史密斯): 34 of 360 held-out CLUENER training names were never a candidate. Two
kinds of evidence the model lacked, each a few templates per character computed for a whole batch at once:
- where a character stands in the longest jieba name word (tags nr, nrt = transliteration, nrfg; 2-8
  characters, so 5-8 character transliterations count too) covering it: B/I/E, the tag, the word's length;
- a transliteration class per character (1-3: how often it is written inside a name that starts with no common
  surname, or inside a jieba nrt word, against all its uses), with its neighbours' classes, and where the
  character stands in the run of such characters around it (布丰, 达尼洛: runs of 斯/尔/克/娃/夫 characters).
Lookups are exact 64-bit rolling hashes searched in a sorted array (no bucket collisions); jieba's own
segmenter (DAG + HMM) is not run: it costs ~600 µs per 1 KB of Chinese, more than the whole PI stage's budget.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MAX_NAME = 8  # longest gazetteer word, in characters
TAGS = {"nr": 1, "nrt": 2, "nrfg": 3}
N_EVIDENCE_TEMPLATES = 4
_MUL = np.uint64(0x100000001B3)  # FNV-1a 64-bit prime: each step multiplies, so no character shifts out
_EDGE = 4  # transliteration class of the padding codes around a text (BOS/EOS)
_FILTER_BITS = 22  # a 4 MB table of which hash buckets hold a word: only bucket hits (~2 %) are searched exactly
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


@dataclass(frozen=True)
class NameEvidence:
    """The tables the evidence templates read; stored in the model so training and inference share them."""

    gaz_keys: np.ndarray  # (words,) uint64 rolling hashes of the normalised codes, sorted
    gaz_tags: np.ndarray  # (words,) uint8 TAGS value of each
    translit: np.ndarray  # (65536,) uint8 class per normalised BMP code, _EDGE on the padding codes 1 and 2

    @functools.cached_property
    def bucket_filter(self) -> np.ndarray:
        """(2**_FILTER_BITS,) bool: the gazetteer keys' buckets (derived at load, not stored; a bool gather is
        faster than a packed bit set's)."""
        table = np.zeros(1 << _FILTER_BITS, dtype=bool)
        table[_bucket(self.gaz_keys)] = True
        return table


def _bucket(k: np.ndarray) -> np.ndarray:
    b = k * _GOLDEN
    b >>= np.uint64(64 - _FILTER_BITS)
    return b.view(np.int64)  # < 2**_FILTER_BITS: the same values, without a converted copy


def rolling_hash(codes: list[int]) -> int:
    """A word's key, exactly as gazetteer_cover computes it for a run of a text."""
    mask = (1 << 64) - 1
    k = 0
    for c in codes:
        k = (k * int(_MUL) + c + 1) & mask
    return k


def jieba_name_words() -> dict[str, str]:
    """jieba's person-name words (MIT, a runtime dependency) of 2-MAX_NAME characters with their tag."""
    import jieba

    out: dict[str, str] = {}
    with (Path(jieba.__file__).parent / "dict.txt").open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3 and parts[2] in TAGS and 2 <= len(parts[0]) <= MAX_NAME:
                out[parts[0]] = parts[2]
    return out


def build(
    names: dict[str, str], fitted: list[tuple[str, list[tuple[int, int]]]], norm: np.ndarray, surnames: str
) -> NameEvidence:
    """The evidence tables from jieba's name words and the fitted training sentences (never held-out or
    evaluation ones). A character seen < 20 times gets class 0, so a rare character of one fitted name does not
    mark itself."""
    acc: dict[int, int] = {}
    for word, tag in sorted(names.items()):
        if all(ord(c) < 65536 for c in word):
            acc.setdefault(rolling_hash([int(norm[ord(c)]) for c in word]), TAGS[tag])
    keys = np.array(sorted(acc), dtype=np.uint64)
    tags = np.array([acc[int(k)] for k in keys], dtype=np.uint8)
    sur = {int(norm[ord(c)]) for c in surnames}
    pos: Counter[int] = Counter()
    total: Counter[int] = Counter()
    for text, spans in fitted:
        codes = [int(norm[ord(c)]) if ord(c) < 65536 else 0 for c in text]
        total.update(codes)
        for s, e in spans:
            if e - s >= 2 and codes[s] not in sur:
                pos.update(codes[s:e])
    for word, tag in names.items():
        codes = [int(norm[ord(c)]) if ord(c) < 65536 else 0 for c in word]
        total.update(codes)
        if tag == "nrt":
            pos.update(codes)
    table = np.zeros(65536, dtype=np.uint8)
    for c, n in total.items():
        r = pos[c] / n
        cls = 3 if r >= 0.3 else 2 if r >= 0.1 else 1 if r >= 0.03 else 0
        if n >= 20 and 0x4E00 <= c <= 0x9FFF:
            table[c] = cls
    table[[1, 2]] = _EDGE
    return NameEvidence(keys, tags, table)


def gazetteer_cover(x: np.ndarray, n: int, ev: NameEvidence) -> np.ndarray:
    """Key per position: (tag, B/I/E, length) of the longest gazetteer word covering it, leftmost among equally
    long ones; 0 where none does. `x` is the padded code array (zh_person_features._padded), position i at
    x[2 + i]; a word never spans the padding codes, so texts of a batch do not see each other. Words are
    looked up by their hash at every start (bucket filter first); the few hits (~0.5 % of positions are
    covered) are then spread over the characters they cover."""
    out = np.zeros(n, dtype=np.uint64)
    if ev.gaz_keys.size == 0 or n == 0:
        return out
    xs = np.concatenate((x[2 : 2 + n], np.zeros(MAX_NAME, dtype=np.uint64)))
    xs += np.uint64(1)
    # keys of the words of length 2..MAX_NAME starting at each position, one row per length, looked up together
    keys = np.empty((MAX_NAME - 1, n), dtype=np.uint64)
    k = xs[:n].copy()
    for m in range(2, MAX_NAME + 1):
        k *= _MUL
        k += xs[m - 1 : m - 1 + n]
        keys[m - 2] = k
    b = _bucket(keys)
    rows, cols = np.nonzero(ev.bucket_filter[b])
    kc = keys[rows, cols]
    at = np.minimum(np.searchsorted(ev.gaz_keys, kc), ev.gaz_keys.size - 1)
    ok = ev.gaz_keys[at] == kc
    # per start, the longest word (length in the high bits, its tag in the low two): lengths ascend by row
    best = np.zeros(n, dtype=np.int64)
    np.maximum.at(best, cols[ok], (rows[ok] + 2) * 4 + ev.gaz_tags[at[ok]])
    longest = best >> 2
    tag = (best & 3).astype(np.uint64)
    starts = np.flatnonzero(longest)
    if starts.size == 0:
        return out
    lens = longest[starts]
    # Every (position, word) pair: the word's start repeated over its length, plus the offset inside it.
    first = np.repeat(starts, lens)
    ln = np.repeat(lens, lens)
    off = np.arange(first.size) - np.repeat(np.cumsum(lens) - lens, lens)
    pos = first + off
    keep = pos < n
    pos, first, ln, off = pos[keep], first[keep], ln[keep], off[keep]
    order = np.lexsort((first, -ln, pos))  # per position: longest, then leftmost
    pos, first, ln, off = pos[order], first[order], ln[order], off[order]
    top = np.ones(pos.size, dtype=bool)
    top[1:] = pos[1:] != pos[:-1]
    pos, first, ln, off = pos[top], first[top], ln[top], off[top]
    where = np.where(off == 0, 1, np.where(off == ln - 1, 3, 2)).astype(np.uint64)  # B, I, E = 1, 2, 3
    out[pos] = (tag[first] << np.uint64(8)) | (where << np.uint64(4)) | np.minimum(ln, 5).astype(np.uint64)
    return out


def _runs(cls: np.ndarray, lo: int) -> np.ndarray:
    """Key per position: where it stands (S/B/I/E) and the run length (<= 6) in the run of class >= lo
    (padding excluded) around it; 0 outside runs."""
    on = (cls >= lo) & (cls < _EDGE)
    n = on.size
    out = np.zeros(n, dtype=np.uint64)
    if not on.any():
        return out
    prev = np.zeros(n, dtype=bool)
    prev[1:] = on[:-1]
    nxt = np.zeros(n, dtype=bool)
    nxt[:-1] = on[1:]
    first = np.flatnonzero(on & ~prev)
    last = np.flatnonzero(on & ~nxt)
    rid = np.cumsum(on & ~prev) - 1
    length = (last - first + 1)[rid[on]]
    start = on & ~prev
    end = on & ~nxt
    pos = np.where(length == 1, 1, np.where(start[on], 2, np.where(end[on], 4, 3)))
    out[on] = (np.uint64(lo) << np.uint64(8)) | (pos.astype(np.uint64) << np.uint64(4)) | np.minimum(length, 6).astype(
        np.uint64
    )
    return out


def evidence_features(x: np.ndarray, n: int, ev: NameEvidence) -> list[np.ndarray]:
    """The N_EVIDENCE_TEMPLATES key rows of positions 0..n-1: gazetteer cover, transliteration classes at
    -1..+1, the runs of class >= 2 and of class >= 1."""
    cls = ev.translit[x[1 : n + 3].view(np.int64)].astype(np.uint64)  # positions -1 .. n (codes < 2**17)
    tri = (cls[:-2] << np.uint64(8)) | (cls[1:-1] << np.uint64(4)) | cls[2:]
    here = cls[1:-1]
    return [gazetteer_cover(x, n, ev), tri, _runs(here, 2), _runs(here, 1)]
