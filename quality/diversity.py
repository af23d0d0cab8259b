"""Corpus diversity statistics as a mergeable, picklable, deterministic accumulator (backs a CombineFn).

Tracks, over kept records: counts per language / source / domain / acquisition type (with normalised
Shannon entropy), distinct-n-gram estimates (word unigrams and bigrams for spaced scripts, character
3-grams for unspaced CJK/Thai text) in HyperLogLog++ sketches (datasketch's ``HyperLogLogPlusPlus`` registers and
estimate, held by ``hll.HllPlusPlus`` so that a run does not import datasketch and SciPy), and a log-spaced
length histogram (characters) with quantiles read from it.

Determinism: n-grams are hashed with 64-bit BLAKE2b (not Python's salted ``hash()``), so the same text
gives the same registers in every process; sketches merge by register-wise maximum and counters by sum,
so any merge order gives the same result. Speed: instead of one ``hll.update()`` per n-gram (~1.3 us
each), accumulators memoise n-gram hashes (one bounded cache per process, not pickled) and update the sketch
registers with numpy, exactly as ``HyperLogLogPlusPlus.update`` would with ``hashfunc=ngram_hash64``. The
n-grams of many records are pooled in one set per sketch (``_PENDING_MAX`` at most) before the registers are
updated: words and n-grams repeated across records are looked up once per pool, and numpy's per-call overhead
is paid per pool instead of per record; a register is a maximum, so when it is updated does not change it.
Character 3-grams of unspaced text are pooled as int64 codes (three 21-bit code points) instead of strings and
deduplicated per pool (hashed, then the distinct codes sorted); only codes missing from a bounded sorted code -> hash table are turned
back into their 3-character strings and hashed, so the registers are those of hashing every distinct string.
Words of spaced text are pooled the same way, as ids from a bounded per-process word table (bigrams as two ids in
one int64), so a record costs one dict lookup per word and no "a b" string per bigram.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from corpusgov.quality.hll import HllPlusPlus

HLL_P = 12  # 4,096 registers, ~1.6% standard error, 4 KB per sketch
_CACHE_MAX = 1 << 15
# n-gram -> hash, shared by every accumulator of the process (per-shard, per-stage accumulators would each
# hash the same frequent n-grams again); bounded, never pickled, and the sketches do not depend on it.
# 32,768 entries ≈ 4 MB: at 1 << 17 the filled cache held ≈ 17 MB for the whole process and the memory-slope
# test (2k -> 20k documents) read it as 1.08 KB/doc; on 3,000 bench documents after a warm-up the smaller cache
# costs no measurable time (178-202 vs 194-199 µs/doc, alternating, 2026-12-05).
_HASH_CACHE: dict[str, int] = {}
# n-grams pooled per sketch before the registers are updated (bounded: ≈ 1 MB of short strings per sketch).
_PENDING_MAX = 1 << 14
# Character 3-gram codes pooled before the registers are updated (512 KB of int64), and the most code -> hash
# entries kept per process (16 bytes each: 2 MB, filled first come and never evicted, like _HASH_CACHE).
_TRI_POOL_MAX = 1 << 16
_TRI_CACHE_MAX = 1 << 17
# Words of spaced text as ids (one table per process, filled first come up to _WORD_IDS_MAX and never emptied, so
# pooled ids stay valid; a record with a word beyond it takes the string pools): unigrams are pooled as ids and
# bigrams as two ids in one int64 (first << 32 | second), hashed from the id's word / the pair's "a b" string.
_WORD_IDS_MAX = 1 << 15
_WORD_IDS: dict[str, int] = {}
_WORD_LIST: list[str] = []
_WORD_HASHES = np.zeros(_WORD_IDS_MAX, dtype=np.uint64)  # ngram_hash64 of each id's word
_ID_POOL_MAX = 1 << 16  # word ids pooled per accumulator before the registers are updated
_BI_CACHE_MAX = 1 << 17
_LOW32 = (1 << 32) - 1
_CP_MASK = (1 << 21) - 1
_BUCKETS = 25  # bucket b holds lengths with bit_length == b: 0, 1, 2-3, 4-7, ..., >= 2**23
_SKETCHES = ("word_unigrams", "word_bigrams", "char_trigrams")
_POOLS = ("_sketches", "_pending", "_tri", "_tri_n", "_word_pool", "_pair_pool", "_ids_n")  # not pickled (flushed)
_WORD_SKETCHES = ("word_unigrams", "word_bigrams")
_UNSPACED = ("zh", "ja", "th", "lo", "km", "my", "bo")
_WORD_RE = re.compile(r"[^\W_]+")
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f]")
_NON_LETTER_RE = re.compile(r"[\W\d_]+")
# ASCII bytes that are not [a-z0-9] -> space: on ASCII text `_WORD_RE` words are exactly the runs of [a-z0-9] of
# the lower-cased text, which a bytes translate and split find in ~4 µs instead of the pattern's ~35 (per ~1 KB).
_ASCII_NON_WORD = bytes(c if chr(c).isascii() and chr(c).isalnum() and not chr(c).isupper() else 0x20
                        for c in range(256))


def ngram_hash64(b: bytes | str) -> int:
    """Deterministic 64-bit hash (BLAKE2b) used for every sketch; usable as a datasketch ``hashfunc``."""
    if isinstance(b, str):
        b = b.encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(b, digest_size=8).digest(), "little")


def _new_hll() -> HllPlusPlus:
    """A sketch whose registers are those of ``HyperLogLogPlusPlus(p=HLL_P, hashfunc=ngram_hash64)`` fed the same
    n-grams (the registers are set in `_update_registers`)."""
    return HllPlusPlus(HLL_P)


def _entropy(counts: Counter[str]) -> float:
    """Shannon entropy normalised by log(number of categories): 0 = one category, 1 = uniform."""
    total = sum(counts.values())
    k = sum(1 for c in counts.values() if c > 0)
    if total == 0 or k < 2:
        return 0.0
    # Sum in key order: float addition is not associative, and merge order differs between runners.
    h = -math.fsum(counts[key] / total * math.log(counts[key] / total) for key in sorted(counts) if counts[key] > 0)
    return max(0.0, min(1.0, h / math.log(k)))


def _words(text: str) -> list[str]:
    """``_WORD_RE.findall(text.lower())``; ASCII text through a bytes translate (the same words, in order)."""
    low = text.lower()
    if low.isascii():
        return low.encode("ascii").translate(_ASCII_NON_WORD).decode("ascii").split()
    return _WORD_RE.findall(low)


def _hash_strings(grams: list[str]) -> np.ndarray:
    """``ngram_hash64`` of each string, as one uint64 array."""
    blake = hashlib.blake2b
    return np.frombuffer(b"".join([blake(g.encode("utf-8", "surrogatepass"), digest_size=8).digest() for g in grams]),
                         dtype="<u8").astype(np.uint64)


class _CodeTable:
    """A bounded sorted code -> ``ngram_hash64`` table (filled first come, never evicted; 16 bytes an entry)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.keys = np.zeros(0, dtype=np.int64)  # sorted codes
        self.hashes = np.zeros(0, dtype=np.uint64)  # ngram_hash64 of each code's string

    def hashes_of(self, codes: np.ndarray, string_of: Callable[[int], str]) -> np.ndarray:
        """The hash of each code's string (`string_of`; codes sorted and distinct); misses are hashed and added
        while there is room."""
        keys, vals = self.keys, self.hashes
        hv = np.empty(len(codes), dtype=np.uint64)
        if len(keys):
            pos = np.minimum(np.searchsorted(keys, codes), len(keys) - 1)
            hit = keys[pos] == codes
            hv[hit] = vals[pos[hit]]
            miss = codes[~hit]
        else:
            hit, miss = np.zeros(len(codes), dtype=bool), codes
        if len(miss):
            new = _hash_strings(list(map(string_of, miss.tolist())))
            hv[~hit] = new
            room = self.limit - len(keys)
            if room > 0:  # both sorted: a stable sort of the two runs merges them
                k = np.concatenate((keys, miss[:room]))
                order = np.argsort(k, kind="stable")
                self.keys, self.hashes = k[order], np.concatenate((vals, new[:room]))[order]
        return hv


_TRI_TABLE = _CodeTable(_TRI_CACHE_MAX)  # character 3-gram codes (three 21-bit code points)
_BI_TABLE = _CodeTable(_BI_CACHE_MAX)  # word bigram codes (two word ids)


def _sorted_distinct(codes: np.ndarray) -> np.ndarray:
    """``np.unique(codes)`` of an int64 pool: pandas' hash table drops the repeats, then only the distinct codes are
    sorted (a 65,536-code pool of bench Chinese text, ≈ 30 % distinct: 4.6 → 1.7 ms; docs/profile.md)."""
    return np.sort(pd.unique(codes))


def _trigram(c: int) -> str:
    return chr(c >> 42) + chr((c >> 21) & _CP_MASK) + chr(c & _CP_MASK)


def _bigram(c: int) -> str:
    return _WORD_LIST[c >> 32] + " " + _WORD_LIST[c & _LOW32]


def _trigram_hashes(codes: np.ndarray) -> np.ndarray:
    """``ngram_hash64`` of the 3-character string of each code (sorted, distinct), through the process's table."""
    return _TRI_TABLE.hashes_of(codes, _trigram)


def _word_ids(words: list[str]) -> np.ndarray | None:
    """The words' ids (int64), new words added to the process's table; None if they do not all fit in it."""
    get = _WORD_IDS.get
    ids = list(map(get, words))
    if None in ids:
        new = [w for w in dict.fromkeys(words) if w not in _WORD_IDS]
        first = len(_WORD_LIST)
        if first + len(new) > _WORD_IDS_MAX:
            return None
        _WORD_HASHES[first:first + len(new)] = _hash_strings(new)
        _WORD_IDS.update(zip(new, range(first, first + len(new)), strict=True))
        _WORD_LIST.extend(new)
        ids = list(map(get, words))
    return np.array(ids, dtype=np.int64)


class DiversityAccumulator:
    """``add`` per record, ``merge`` partial accumulators (in place; returns self), ``result`` as JSON-able."""

    def __init__(self) -> None:
        self.records = 0
        self.chars = 0
        self.languages: Counter[str] = Counter()
        self.sources: Counter[str] = Counter()
        self.domains: Counter[str] = Counter()
        self.acquisitions: Counter[str] = Counter()
        self.length_hist = [0] * _BUCKETS
        self._sketches = {name: _new_hll() for name in _SKETCHES}
        self._pending: dict[str, set[str]] = {name: set() for name in _WORD_SKETCHES}
        self._tri: list[np.ndarray] = []  # pooled character 3-gram codes
        self._tri_n = 0
        self._word_pool: list[np.ndarray] = []  # pooled word ids (unigrams)
        self._pair_pool: list[np.ndarray] = []  # pooled word bigram codes
        self._ids_n = 0

    @property
    def sketches(self) -> dict[str, HllPlusPlus]:
        """The HLL sketches with every record added so far (pooled n-grams are flushed first)."""
        self._flush()
        return self._sketches

    # ------------------------------------------------------------- pickling
    def __getstate__(self) -> dict[str, Any]:
        self._flush()
        state = {k: v for k, v in self.__dict__.items() if k not in _POOLS}
        state["sketches"] = {k: v.reg.tobytes() for k, v in self._sketches.items()}
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        regs = state.pop("sketches")
        state.pop("_cache", None)  # pickles of the version with a per-accumulator cache
        self.__dict__.update(state)
        self._sketches = {}
        self._pending = {name: set() for name in _WORD_SKETCHES}
        self._tri, self._tri_n = [], 0
        self._word_pool, self._pair_pool, self._ids_n = [], [], 0
        for k in _SKETCHES:
            h = _new_hll()
            h.reg = np.frombuffer(regs[k], dtype=np.int8).copy()
            self._sketches[k] = h

    # ---------------------------------------------------------------- update
    def add(self, text: str, lang: str | None, source_id: str | None, domain: str | None,
            acquisition: str | None) -> None:
        """Count one record (never raises on odd text)."""
        if not isinstance(text, str):
            text = ""
        self.records += 1
        n = len(text)
        self.chars += n
        self.languages[lang or "und"] += 1
        self.sources[source_id or "unknown"] += 1
        self.domains[domain or "unknown"] += 1
        self.acquisitions[acquisition or "unknown"] += 1
        self.length_hist[min(n.bit_length(), _BUCKETS - 1)] += 1
        if not text:
            return
        pend = self._pending
        if self._unspaced(text, lang):
            letters = _NON_LETTER_RE.sub("", text)  # CJK 3-grams over letters, punctuation removed
            if len(letters) < 3:
                return
            cp = np.frombuffer(letters.encode("utf-32-le", "surrogatepass"), dtype="<u4").astype(np.int64)
            self._tri.append((cp[:-2] << 42) | (cp[1:-1] << 21) | cp[2:])  # letters[i:i + 3] as one code
            self._tri_n += len(cp) - 2
            full = self._tri_n >= _TRI_POOL_MAX
        else:
            words = _words(text)
            ids = _word_ids(words)
            if ids is not None:  # ids: cheaper than pooling strings (no "a b" string per bigram)
                if len(ids):
                    self._word_pool.append(ids)
                    self._pair_pool.append((ids[:-1] << 32) | ids[1:])
                    self._ids_n += len(ids)
                full = self._ids_n >= _ID_POOL_MAX
            else:  # a word beyond the process's id table: the same n-grams as strings
                uni, bi = pend["word_unigrams"], pend["word_bigrams"]
                uni.update(words)
                bi.update(map(" ".join, zip(words, words[1:], strict=False)))  # "a b", as f"{a} {b}"
                full = len(bi) >= _PENDING_MAX or len(uni) >= _PENDING_MAX
        if full:
            self._flush()

    @staticmethod
    def _unspaced(text: str, lang: str | None) -> bool:
        if lang and lang != "und":
            return lang.split("-")[0].lower() in _UNSPACED
        head = text[:500]
        return len(_CJK_RE.findall(head)) * 2 > len("".join(head.split()))

    def _flush(self) -> None:
        for name, grams in self._pending.items():
            if grams:
                self._update(name, grams)
                grams.clear()
        if self._tri:
            codes = _sorted_distinct(np.concatenate(self._tri))
            self._tri, self._tri_n = [], 0
            self._update_registers("char_trigrams", _trigram_hashes(codes))
        if self._ids_n:
            seen = np.zeros(len(_WORD_LIST), dtype=bool)
            seen[np.concatenate(self._word_pool)] = True  # distinct ids without a sort
            self._update_registers("word_unigrams", _WORD_HASHES[np.flatnonzero(seen)])
            pairs = _sorted_distinct(np.concatenate(self._pair_pool))
            self._word_pool, self._pair_pool, self._ids_n = [], [], 0
            if len(pairs):
                self._update_registers("word_bigrams", _BI_TABLE.hashes_of(pairs, _bigram))

    def _update(self, name: str, grams: set[str]) -> None:
        cache = _HASH_CACHE
        missing = list(grams.difference(cache))  # set and dict operations in C; only the misses are hashed
        present = grams.difference(missing) if missing else grams
        hv = np.fromiter(map(cache.__getitem__, present), dtype=np.uint64, count=len(present))
        if missing:
            blake = hashlib.blake2b  # ngram_hash64 of each miss, as one little-endian uint64 array
            new = np.frombuffer(b"".join([blake(g.encode("utf-8", "surrogatepass"), digest_size=8).digest()
                                          for g in missing]), dtype="<u8").astype(np.uint64)
            room = max(_CACHE_MAX - len(cache), 0)
            if room:
                cache.update(zip(missing[:room], new[:room].tolist(), strict=True))
            hv = np.concatenate((hv, new))
        self._update_registers(name, hv)

    def _update_registers(self, name: str, hv: np.ndarray) -> None:
        """Registers as ``HyperLogLogPlusPlus.update`` sets them for each 64-bit hash in `hv`."""
        hll = self._sketches[name]
        idx = (hv & np.uint64(hll.m - 1)).astype(np.intp)
        bits = hv >> np.uint64(hll.p)  # < 2**52, exact in float64
        bit_length = np.frexp(bits.astype(np.float64))[1]
        rank = (hll.max_rank - bit_length + 1).astype(np.int8)
        np.maximum.at(hll.reg, idx, rank)

    # ----------------------------------------------------------------- merge
    def merge(self, other: DiversityAccumulator) -> DiversityAccumulator:
        """Fold ``other`` into this accumulator (in place) and return ``self``; order does not matter."""
        self.records += other.records
        self.chars += other.chars
        self.languages.update(other.languages)
        self.sources.update(other.sources)
        self.domains.update(other.domains)
        self.acquisitions.update(other.acquisitions)
        self.length_hist = [a + b for a, b in zip(self.length_hist, other.length_hist, strict=True)]
        mine, theirs = self.sketches, other.sketches
        for k in _SKETCHES:
            mine[k].merge(theirs[k])
        return self

    # ---------------------------------------------------------------- result
    def _quantile(self, q: float) -> int:
        """Upper edge of the histogram bucket holding quantile ``q`` (a bound, exact to a factor of 2)."""
        if self.records == 0:
            return 0
        target = q * self.records
        seen = 0
        for b, c in enumerate(self.length_hist):
            seen += c
            if seen >= target and c:
                return 0 if b == 0 else (1 << b) - 1
        return (1 << (_BUCKETS - 1)) - 1

    def result(self) -> dict[str, Any]:
        """JSON-able summary: distributions, normalised entropies, distinct n-gram estimates, lengths."""

        def dist(c: Counter[str]) -> dict[str, int]:
            return {k: int(v) for k, v in sorted(c.items())}

        def distinct(name: str) -> int:
            h = self.sketches[name]
            return 0 if h.is_empty() else int(round(h.count()))

        buckets = []
        for b, c in enumerate(self.length_hist):
            lo = 0 if b == 0 else 1 << (b - 1)
            hi = 0 if b == 0 else (1 << b) - 1
            buckets.append({"min_chars": lo, "max_chars": hi if b < _BUCKETS - 1 else None, "records": int(c)})
        return {
            "records": int(self.records),
            "chars": int(self.chars),
            "distributions": {
                "language": dist(self.languages),
                "source": dist(self.sources),
                "domain": dist(self.domains),
                "acquisition": dist(self.acquisitions),
            },
            "entropy": {
                "language": _entropy(self.languages),
                "source": _entropy(self.sources),
                "domain": _entropy(self.domains),
                "acquisition": _entropy(self.acquisitions),
            },
            "distinct_ngrams": {
                name: distinct(name) for name in _SKETCHES
            },
            "distinct_ngrams_method": f"HyperLogLogPlusPlus p={HLL_P}, BLAKE2b-64 hashes",
            "length_histogram": [b for b in buckets if b["records"]],
            "length_quantiles": {
                "p10": self._quantile(0.10),
                "p50": self._quantile(0.50),
                "p90": self._quantile(0.90),
                "p99": self._quantile(0.99),
            },
            "mean_chars": (self.chars / self.records) if self.records else 0.0,
        }
