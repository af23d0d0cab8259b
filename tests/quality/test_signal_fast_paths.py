"""The issue-15 fast paths of the quality signals return exactly what the code they replaced returned.

- ASCII tokens by ``str.translate`` + ``split`` (``signals._tokenise``) == ``_SPACED_TOKEN_RE.findall``;
- ASCII Latin words the same way (``naturalness._ascii_latin_words``) == ``_LATIN_WORD.findall``;
- pair keys looked up in a hash table (``naturalness.pair_rows``) == the binary search in the sorted table that was
  used before (row, membership and PMI value).

Texts: random ASCII strings over letters, digits, punctuation and every kind of ASCII white space (seeded), the
shared real-text dev set when present; keys: every table key, its neighbours and random keys.
"""

from __future__ import annotations

import random
import string

import numpy as np
import pytest

from corpusgov.quality import naturalness as nat
from corpusgov.quality import signals as sig
from corpusgov.quality.eval import real_text_eval as rte

_ALPHABET = string.ascii_letters + string.digits + string.punctuation + " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x00\x7f"


def _ascii_texts() -> list[str]:
    rnd = random.Random(15)
    texts = ["".join(rnd.choice(_ALPHABET) for _ in range(rnd.randint(0, 60))) for _ in range(5000)]
    texts += ["", " ", "a", "ab", "a_b", "x1y2 z_3", "The quick-brown fox's 2nd jump.\n\nEnd_of_it"]
    rows = rte.load_dev() if rte.dev_path().is_file() else []
    return texts + [r["text"] for r in rows if r["text"].isascii()]


def test_ascii_tokens_equal_the_regex() -> None:
    for text in _ascii_texts():
        tok = sig._tokenise(text, "en")
        assert tok.tokens == sig._SPACED_TOKEN_RE.findall(text.lower()), repr(text)


def test_ascii_latin_words_equal_the_regex() -> None:
    for text in _ascii_texts():
        low = text.lower()
        assert nat._ascii_latin_words(low) == nat._LATIN_WORD.findall(low), repr(text)
        for cut in (0, 1, 5, 30):
            assert nat.ascii_latin_words(low, cut) == (nat._LATIN_WORD.findall(low), nat._LATIN_WORD.findall(low[:cut]))


def _queries(table: np.ndarray) -> np.ndarray:
    rng = np.random.default_rng(15)
    pick = table[rng.integers(0, len(table), 20_000)]
    rand = rng.integers(0, int(table.max()) + 2, 20_000, dtype=np.int64)
    return np.concatenate([table, table + 1, table - 1, pick, rand, [0, int(table.max()) + 1]])


def test_pair_rows_equal_binary_search() -> None:
    table = nat.word_pair_keys()
    vals = nat._han_arrays()[3]
    keys = _queries(table)
    pos = np.minimum(np.searchsorted(table, keys), len(table) - 1)
    found = table[pos] == keys
    rows = nat.pair_rows(keys)
    assert np.array_equal(rows >= 0, found)
    assert np.array_equal(rows[found], pos[found])
    got_found, got_pmi = nat._pair_pmi(keys, vals)
    assert np.array_equal(got_found, found)
    assert np.array_equal(got_pmi, np.where(found, vals[pos], 0.0))


@pytest.mark.parametrize("text", ["", "abc", "中文文本，没有英文。", "Mixed 中文 and English words, 123."])
def test_non_ascii_paths_unchanged(text: str) -> None:
    tok = sig._tokenise(text, None)
    rx = sig._UNSPACED_TOKEN_RE if tok.unspaced else sig._SPACED_TOKEN_RE
    assert tok.tokens == rx.findall(text.lower())


def _fragment_texts() -> list[str]:
    """Random strings over Han characters (rare and common clause edges), sentence marks, abbreviations, ASCII letters
    and white space (seeded), and the dev set's texts' heads."""
    from corpusgov.quality import junk_fragments as jf

    start, end = jf._zh_edges()
    rare = [chr(jf.HAN_LO + int(i)) for i in np.flatnonzero((start < jf.ZH_EDGE_LOW) | (end < jf.ZH_EDGE_LOW))[:40]]
    pieces = [*rare, "的", "我", "是", "。", "！", "？", "!", "?", ".", "…", "...", " ", "\n", "\t", "a", "B", " e.g.",
              "i.e. ", "Fig. ", " No. ", "xNo. ", ".St. ", "|", "│", "┃", "approx. ", "vs.", "cf.\n"]
    rnd = random.Random(15)
    texts = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 30))) for _ in range(5000)]
    rows = rte.load_dev() if rte.dev_path().is_file() else []
    return texts + [r["text"][:3000] for r in rows]


def test_fragment_gates_equal_the_single_patterns() -> None:
    """``_has_zh_edge_event`` == ``_zh_edge_events().search``; ``_ABBREV_ANY`` with its last-letter lookbehind == the
    pattern without it (as it stood before)."""
    import re

    from corpusgov.quality import junk_fragments as jf

    before = re.compile(r"\.(?=\s)(?:" + "|".join(rf"(?<=[^\w.]{re.escape(a)}\.)|(?<=^{re.escape(a)}\.)"
                                                   for a in jf._ABBREVS) + ")")
    for text in _fragment_texts():
        assert jf._has_zh_edge_event(text) == (jf._zh_edge_events().search(text) is not None), repr(text)
        assert (jf._ABBREV_ANY.search(text) is None) == (before.search(text) is None), repr(text)
        assert [m.start() for m in jf._ABBREV_ANY.finditer(text)] == [m.start() for m in before.finditer(text)]


def test_language_batch_equals_one_text_at_a_time() -> None:
    """``detect_mix_batch`` (one look-up per round for the batch) == ``detect_mix`` per text, score bit for bit: the
    dev set's texts (several scripts, mixed documents) and odd input."""
    from corpusgov.quality.language import LanguageDetector

    rows = rte.load_dev() if rte.dev_path().is_file() else []
    odd = ["", " ", "a", "123", "中", "x" * 5000, "Привет мир, как дела? " * 20, "مرحبا بالعالم " * 10,
           "Γειά σου κόσμε " * 10, "\ud800abc", "こんにちは世界", "Hola mundo, ¿cómo estás? " * 5, "Bonjour 你好 " * 30]
    texts = [r["text"] for r in rows] + odd
    det = LanguageDetector()
    one = [repr(det.detect_mix(t)) for t in texts]
    for size in (1, 7, 256):
        got = [repr(m) for i in range(0, len(texts), size) for m in det.detect_mix_batch(texts[i : i + size])]
        assert got == one
    assert len({det.detect_mix(t).lang for t in odd}) > 3  # several languages decided, not one answer for all


def _code_arrays() -> list[np.ndarray]:
    """Token-id windows and n-gram code pools as the signals and the diversity sketch build them: the dev set's
    texts (character 3-gram codes, as ``DiversityAccumulator.add`` pools them), random ids with many repeats,
    odd edges (one element, all equal, negative, extremes)."""
    from corpusgov.quality.diversity import _NON_LETTER_RE

    rng = np.random.default_rng(15)
    out = [rng.zipf(1.3, size=n).astype(np.int64) for n in (1, 2, 125, 249, 250, 251, 1000, 65_536)]
    out += [np.array([7] * 250, dtype=np.int64), np.array([-3, 5, -3, 2**62, -(2**62), 0], dtype=np.int64)]
    rows = rte.load_dev() if rte.dev_path().is_file() else []
    pool: list[np.ndarray] = []
    for r in rows:
        letters = _NON_LETTER_RE.sub("", r["text"])
        if len(letters) >= 3:
            cp = np.frombuffer(letters.encode("utf-32-le", "surrogatepass"), dtype="<u4").astype(np.int64)
            pool.append((cp[:-2] << 42) | (cp[1:-1] << 21) | cp[2:])
        tok = sig._tokenise(r["text"], None)
        codes = sig._token_ids(tok.tokens)[1]
        out += [codes[i:i + sig._TTR_WINDOW] for i in range(0, len(codes), sig._TTR_WINDOW)]
    if pool:
        out.append(np.concatenate(pool))
    return [a for a in out if len(a)]


def test_distinct_count_equals_np_unique() -> None:
    for a in _code_arrays():
        assert sig._distinct_count(a) == len(np.unique(a))


def test_sorted_distinct_equals_np_unique() -> None:
    from corpusgov.quality.diversity import _sorted_distinct

    for a in [*_code_arrays(), np.zeros(0, dtype=np.int64)]:
        got, want = _sorted_distinct(a), np.unique(a)
        assert got.dtype == want.dtype and np.array_equal(got, want)
