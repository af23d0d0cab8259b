"""Exact lookup of packed int64 keys (n-gram codes) to table rows by open addressing, in numpy.

Why: the language detector looked every n-gram of a text up by binary search in its sorted vocabulary
(`np.searchsorted`, ≈17 dependent probes per n-gram, a third of the detector's time on Latin-script text). A
hash table with load factor <= 0.25 answers most queries with one probe, and gives the same rows: keys are
unique and the answer for a key is the row stored with it.
"""

from __future__ import annotations

import numpy as np

_EMPTY = np.int64(np.iinfo(np.int64).min)  # never a key: keys are packed code points (>= 0) or -1 padding
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing: multiply, keep the high bits


class PackedLookup:
    """`rows_of(queries)`: the row of each query key, -1 where the key is not in the table."""

    def __init__(self, keys: np.ndarray, rows: np.ndarray) -> None:
        keys = np.asarray(keys, dtype=np.int64)
        rows = np.asarray(rows, dtype=np.intp)
        if (keys == _EMPTY).any():
            raise ValueError("key equal to the empty marker")
        _, first = np.unique(keys, return_index=True)  # a repeated key answers with its first row
        keys, rows = keys[first], rows[first]
        bits = max(4, (4 * max(len(keys), 1) - 1).bit_length())
        self._mask = (1 << bits) - 1
        self._shift = np.uint64(64 - bits)
        self._keys = np.full(1 << bits, _EMPTY, dtype=np.int64)
        self._rows = np.full(1 << bits, -1, dtype=np.intp)
        home = self._home(keys)
        pending = np.arange(len(keys))
        probes = 0
        # Linear probing, all keys at once: each round places the first claimant of every free slot; a key
        # placed in round p found slots home..home+p-1 taken, so a lookup reaches it before an empty slot.
        while pending.size:
            pos = (home[pending] + probes) & self._mask
            free = self._keys[pos] == _EMPTY
            slots, first_claim = np.unique(pos[free], return_index=True)
            won = pending[free][first_claim]
            self._keys[slots] = keys[won]
            self._rows[slots] = rows[won]
            placed = np.zeros(len(keys), dtype=bool)
            placed[won] = True
            pending = pending[~placed[pending]]
            probes += 1
        self.max_probes = probes

    def _home(self, keys: np.ndarray) -> np.ndarray:
        return ((keys.view(np.uint64) * _GOLDEN) >> self._shift).astype(np.intp)

    def rows_of(self, queries: np.ndarray) -> np.ndarray:
        queries = np.ascontiguousarray(queries, dtype=np.int64)
        pos = self._home(queries)
        slot_keys = self._keys[pos]
        out = self._rows[pos]
        miss = slot_keys != queries
        if self.max_probes > 1 or miss.any():
            out[miss] = -1
            active = np.flatnonzero(miss & (slot_keys != _EMPTY))
            for p in range(1, self.max_probes):
                if not active.size:
                    break
                pa = (pos[active] + p) & self._mask
                k = self._keys[pa]
                hit = k == queries[active]
                out[active[hit]] = self._rows[pa[hit]]
                active = active[~hit & (k != _EMPTY)]
        return out
