"""DiversityAccumulator: counts, entropy, HLL estimates, merge-order independence, pickling, odd input."""

from __future__ import annotations

import json
import pickle
import random

import pytest
from datasketch import HyperLogLogPlusPlus

from corpusgov.quality.diversity import HLL_P, DiversityAccumulator, ngram_hash64


def _records(n: int, seed: int = 3) -> list[tuple[str, str, str, str, str]]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        if i % 2:
            text = " ".join(f"w{rng.randrange(5000)}" for _ in range(rng.randint(1, 60)))
            lang = "en"
        else:
            text = "".join(chr(0x4E00 + rng.randrange(3000)) for _ in range(rng.randint(1, 200)))
            lang = "zh-Hans"
        out.append((text, lang, f"src{i % 3}", "news" if i % 4 else "law", "open_licence"))
    return out


def _acc(records) -> DiversityAccumulator:
    acc = DiversityAccumulator()
    for r in records:
        acc.add(*r)
    return acc


def test_counts_entropy_and_json() -> None:
    recs = _records(400)
    res = _acc(recs).result()
    json.dumps(res)
    assert res["records"] == 400 and res["chars"] == sum(len(r[0]) for r in recs)
    assert res["distributions"]["language"] == {"en": 200, "zh-Hans": 200}
    assert res["entropy"]["language"] == 1.0  # two equal categories
    assert res["entropy"]["acquisition"] == 0.0  # one category
    assert 0.0 < res["entropy"]["domain"] < 1.0
    assert sum(b["records"] for b in res["length_histogram"]) == 400
    q = res["length_quantiles"]
    assert q["p10"] <= q["p50"] <= q["p90"] <= q["p99"]


def test_distinct_estimates_close_to_truth() -> None:
    recs = _records(2000)
    res = _acc(recs).result()["distinct_ngrams"]
    words = [r[0].split() for r in recs if r[1] == "en"]
    uni = {w for ws in words for w in ws}
    bi = {(a, b) for ws in words for a, b in zip(ws, ws[1:], strict=False)}
    tri = {r[0][i: i + 3] for r in recs if r[1] != "en" for i in range(len(r[0]) - 2)}
    for est, true in ((res["word_unigrams"], len(uni)), (res["word_bigrams"], len(bi)),
                      (res["char_trigrams"], len(tri))):
        assert abs(est - true) / true < 0.06, (est, true)


def test_registers_match_datasketch_update() -> None:
    acc = DiversityAccumulator()
    acc.add("alpha beta gamma alpha", "en", "s", "d", "a")
    ref = HyperLogLogPlusPlus(p=HLL_P, hashfunc=ngram_hash64)
    for w in ("alpha", "beta", "gamma"):
        ref.update(w.encode())
    assert (acc.sketches["word_unigrams"].reg == ref.reg).all()


def test_merge_order_independent_and_equal_to_single_pass() -> None:
    recs = _records(300)
    parts = [recs[i::4] for i in range(4)]
    whole = _acc(recs).result()
    a = _acc(parts[0]).merge(_acc(parts[1])).merge(_acc(parts[2])).merge(_acc(parts[3]))
    b = _acc(parts[3]).merge(_acc(parts[2]).merge(_acc(parts[0]))).merge(_acc(parts[1]))
    assert a.result() == b.result()
    assert a.result()["distinct_ngrams"] == whole["distinct_ngrams"]
    assert a.result()["distributions"] == whole["distributions"]


def test_pickle_roundtrip_keeps_state() -> None:
    acc = _acc(_records(50))
    clone = pickle.loads(pickle.dumps(acc))
    assert clone.result() == acc.result()
    clone.add("more text here", "en", "s", "d", "a")
    acc.add("more text here", "en", "s", "d", "a")
    assert clone.result() == acc.result()


def test_odd_input_never_raises() -> None:
    acc = DiversityAccumulator()
    for text in ["", "\x00", "\ud800", "x" * 50_000, "中" * 50_000, None]:
        acc.add(text, None, None, None, None)  # type: ignore[arg-type]
    res = acc.result()
    json.dumps(res)
    assert res["records"] == 6 and res["distributions"]["language"] == {"und": 6}
    assert DiversityAccumulator().result()["distinct_ngrams"]["word_unigrams"] == 0


def test_hash_is_stable() -> None:
    # Fixed value: BLAKE2b-64 of "abc" does not depend on the process (unlike hash()).
    assert ngram_hash64("abc") == ngram_hash64(b"abc") == int.from_bytes(
        __import__("hashlib").blake2b(b"abc", digest_size=8).digest(), "little")


def test_ascii_words_equal_the_pattern() -> None:
    """The bytes-translate word split of ASCII text gives the pattern's words (every ASCII character and a few
    non-ASCII ones that switch to the pattern: é, İ, ß, 中, the Kelvin sign)."""
    from corpusgov.quality.diversity import _WORD_RE, _words

    rng = random.Random(1)
    chars = [chr(c) for c in range(128)] + ["é", "İ", "ß", "中", "\u212a"]
    texts = ["".join(rng.choice(chars) for _ in range(rng.randint(0, 25))) for _ in range(20_000)]
    texts += [f"ab{chr(c)}cd" for c in range(256)]
    assert [_words(t) for t in texts] == [_WORD_RE.findall(t.lower()) for t in texts]


def test_trigram_codes_match_datasketch_update_on_odd_text() -> None:
    """Character 3-grams pooled as codes give the registers of `HyperLogLogPlusPlus.update` fed every 3-gram string
    of the letters (lone surrogates, astral characters, short texts, several pool flushes and the code table's
    hits and misses included)."""
    import re

    from corpusgov.quality import diversity

    rng = random.Random(7)
    alpha = ["中", "文", "字", "\ud800", "\udfff", "\U00020000", "\U0010ffff", "1", "，", " ", "ア", "_", "x"]
    texts = ["".join(rng.choice(alpha) for _ in range(rng.randint(0, 40))) for _ in range(6000)]
    texts += ["".join(chr(0x4E00 + rng.randrange(20000)) for _ in range(300)) for _ in range(600)]  # > 1 pool
    acc = DiversityAccumulator()
    ref = HyperLogLogPlusPlus(p=HLL_P, hashfunc=ngram_hash64)
    for t in texts:
        acc.add(t, "zh-Hans", "s", "d", "a")
        letters = re.sub(r"[\W\d_]+", "", t)
        for i in range(len(letters) - 2):
            ref.update(letters[i:i + 3].encode("utf-8", "surrogatepass"))
    assert acc.sketches["char_trigrams"].reg.tobytes() == ref.reg.tobytes()
    keys = diversity._TRI_TABLE.keys
    assert 0 < len(keys) <= diversity._TRI_CACHE_MAX
    assert (keys[1:] > keys[:-1]).all()  # sorted, distinct


@pytest.mark.parametrize("id_table", [1 << 15, 40])
def test_word_registers_match_datasketch_with_ids_and_string_fallback(monkeypatch, id_table: int) -> None:
    """Word unigrams and bigrams pooled as ids (bigrams as id pairs) give the registers of updating datasketch
    with every word and every "a b" pair; with a 40-word id table most records take the string pools."""
    import numpy as np

    from corpusgov.quality import diversity

    monkeypatch.setattr(diversity, "_WORD_IDS_MAX", id_table)
    monkeypatch.setattr(diversity, "_WORD_IDS", {})
    monkeypatch.setattr(diversity, "_WORD_LIST", [])
    monkeypatch.setattr(diversity, "_WORD_HASHES", np.zeros(id_table, dtype=np.uint64))
    monkeypatch.setattr(diversity, "_BI_TABLE", diversity._CodeTable(64))  # hits, misses and a full table
    monkeypatch.setattr(diversity, "_ID_POOL_MAX", 500)  # several pool flushes
    rng = random.Random(11)
    vocab = ["alpha", "beta", "Gamma", "délta", "x1", "_", "under_score", "ωmega", "9", "naïve", "ÀB"]
    vocab += [f"w{i}" for i in range(80)]
    texts = [" ".join(rng.choice(vocab) for _ in range(rng.randint(0, 30))) + rng.choice(["", ".", " -- "])
             for _ in range(1500)]
    acc = DiversityAccumulator()
    uni = HyperLogLogPlusPlus(p=HLL_P, hashfunc=ngram_hash64)
    bi = HyperLogLogPlusPlus(p=HLL_P, hashfunc=ngram_hash64)
    for t in texts:
        acc.add(t, "en", "s", "d", "a")
        words = diversity._WORD_RE.findall(t.lower())
        for w in words:
            uni.update(w.encode("utf-8"))
        for a, b in zip(words, words[1:], strict=False):
            bi.update(f"{a} {b}".encode())
    assert len(diversity._WORD_LIST) <= id_table
    assert acc.sketches["word_unigrams"].reg.tobytes() == uni.reg.tobytes()
    assert acc.sketches["word_bigrams"].reg.tobytes() == bi.reg.tobytes()
