"""PackedLookup answers exactly what binary search in the sorted keys answers (the language detector's lookup)."""

from __future__ import annotations

import numpy as np
import pytest

from corpusgov.quality.packed_lookup import PackedLookup


def _by_search(keys: np.ndarray, rows: np.ndarray, q: np.ndarray) -> np.ndarray:
    order = np.argsort(keys, kind="stable")
    sk, sr = keys[order], rows[order]
    pos = np.minimum(np.searchsorted(sk, q), len(sk) - 1)
    return np.where(sk[pos] == q, sr[pos], -1)


def test_equals_binary_search_on_random_and_clustered_keys():
    rng = np.random.default_rng(7)
    for keys in (rng.integers(0, 1 << 62, 5000), np.arange(0, 30000, 3), rng.integers(0, 200, 150)):
        keys = np.unique(keys)
        rows = rng.permutation(len(keys))
        table = PackedLookup(keys, rows)
        q = np.concatenate([keys, keys[::-1] + 1, rng.integers(-1, 1 << 62, 5000), [-1, 0]])
        assert np.array_equal(table.rows_of(q), _by_search(keys, rows, q))
        assert table.max_probes >= 1


def test_language_vocabulary_and_text_grams():
    from corpusgov.quality.language import LanguageDetector
    from corpusgov.quality.language_policy import LanguagePolicy

    d = LanguageDetector(LanguagePolicy())
    table = PackedLookup(d._keys, d._key_rows)
    text = "The council approved the budget for the new railway station; élan, naïve, Ærø. 中文 text"
    cps = np.frombuffer((" " + text + " ").encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    grams = np.concatenate([cps, (cps[:-1] << 21) | cps[1:], (cps[:-2] << 42) | (cps[1:-1] << 21) | cps[2:], [-1]])
    expect = _by_search(d._keys, d._key_rows, grams)
    assert (expect >= 0).sum() > len(cps)  # most grams are in the vocabulary
    assert np.array_equal(table.rows_of(grams), expect)
    assert np.array_equal(table.rows_of(d._keys), d._key_rows)


def test_repeated_key_answers_with_its_first_row_and_empty_table():
    table = PackedLookup(np.array([5, 9, 5]), np.array([10, 11, 12]))
    assert table.rows_of(np.array([5, 9, 7])).tolist() == [10, 11, -1]
    assert PackedLookup(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.intp)).rows_of(np.array([1, 2])).tolist() == [-1, -1]
    with pytest.raises(ValueError):
        PackedLookup(np.array([np.iinfo(np.int64).min]), np.array([0]))
