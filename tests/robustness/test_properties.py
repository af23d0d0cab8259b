"""Property-based tests (hypothesis) over every parser, detector and metric: never crash, offsets inside the
text, masked output free of the detected value, metrics within their ranges.

Fast profile here (`make test`); the same properties run with many more examples under `-m slow`.
Derandomised, so a given hypothesis version always tries the same examples.
"""

from __future__ import annotations

import gzip
import io
import json
import math
import random

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpusgov.lineage.hashing import content_sha256, normalise_text, record_id
from corpusgov.lineage.merkle import inclusion_proof, merkle_root, record_leaf, verify_inclusion
from corpusgov.quality.copyright import CopyrightScanner, licence_conflicts
from corpusgov.quality.dedup_policy import DedupPolicy
from corpusgov.quality.diversity import DiversityAccumulator
from corpusgov.quality.language import LanguageDetector
from corpusgov.quality.minhash import MinHasher, estimate_jaccard
from corpusgov.quality.pii import synth
from corpusgov.quality.pii.policy import PiiPolicy
from corpusgov.quality.pii.scanner import PiiScanner, decide_pii, keyed_hash, mask_text
from corpusgov.quality.quality_policy import QualityPolicy
from corpusgov.quality.screening import LexiconMatcher
from corpusgov.quality.signals import SIGNAL_NAMES, compute_signals, default_quality_rules, evaluate_rules
from corpusgov.readers import Dead, FieldMapping, Parsed, ReadLimits, json_safe, read_any

_COMMON = dict(deadline=None, derandomize=True, database=None,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FAST = settings(max_examples=120, **_COMMON)
SLOW = settings(max_examples=2000, **_COMMON)

# Building detectors is costly: once per module, reused by every example (as in a worker).
PII = PiiScanner(PiiPolicy())
COPYRIGHT = CopyrightScanner()
LANG = LanguageDetector()
MINHASH = MinHasher(DedupPolicy())
LEXICON = LexiconMatcher(["赌博", "casino", "bad*", "pill shop"])
FIELDS = FieldMapping("text", "id", metadata=["m"])
LIMITS = ReadLimits(max_record_bytes=2000, max_line_bytes=4000, max_json_depth=8)

# Text with every kind of character trouble: surrogates, NUL and controls, CJK, RTL, combining marks, emoji.
any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=400)
mixed_text = st.one_of(
    any_text,
    st.lists(st.sampled_from(["中文", "文本", "hello", "world", "。", ", ", "\n", "\r\n", " ", "\t", "…", "•",
                              "<b>", "{", "}", "function()", "lorem ipsum", "\ufffd", "Ã©", "\x00", "🙂",
                              "e\u0301", "ا", "1234", "@", ".", "-", "(c) 2024", "CC BY-NC 4.0"]),
             max_size=80).map("".join),
)


def _both(strategies: dict, prop):  # type: ignore[no-untyped-def]
    """A fast test and a `slow`-marked one with many more examples, over the same property."""
    fast = FAST(given(**strategies)(prop))
    slow = pytest.mark.slow(SLOW(given(**strategies)(prop)))
    return fast, slow


# --- readers ---------------------------------------------------------------------------------------------

def _check_items(items: list[Parsed | Dead]) -> None:
    last = -1
    for it in items:
        assert isinstance(it, (Parsed, Dead))
        if isinstance(it, Parsed):
            assert isinstance(it.text, str) and it.text.strip()
            assert "\x00" not in it.text and "\r" not in it.text
            assert len(it.text.encode("utf-8")) <= LIMITS.max_record_bytes  # encodable: no lone surrogates
            assert it.index > last
            last = it.index
            json.dumps(it.metadata, allow_nan=False)
        else:
            assert it.reason and isinstance(it.detail, str)
            assert len(it.raw) <= LIMITS.deadletter_raw_bytes


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(max_size=5), c, max_size=4), max_leaves=20)
json_lines = st.lists(
    st.one_of(
        st.fixed_dictionaries({"text": json_values, "id": json_values, "m": json_values}).map(
            lambda d: json.dumps(d).encode()),
        st.fixed_dictionaries({"text": mixed_text}).map(lambda d: json.dumps(d, ensure_ascii=False).encode(
            "utf-8", "surrogatepass")),
        st.binary(max_size=200),
    ), max_size=12).map(lambda ls: b"\n".join(ls))


def prop_reader_never_raises(fmt: str, data: bytes, gz: bool, cut: int) -> None:
    uri = "f.gz" if gz else "f"
    if gz:
        data = gzip.compress(data, mtime=0)
        data = data[: max(0, len(data) - cut)]
    _check_items(list(read_any(fmt, io.BytesIO(data), uri, FIELDS, LIMITS)))


test_readers_never_raise, test_readers_never_raise_slow = _both(
    {"fmt": st.sampled_from(["jsonl", "csv", "text", "parquet"]),
     "data": st.one_of(st.binary(max_size=3000), json_lines), "gz": st.booleans(), "cut": st.integers(0, 40)},
    prop_reader_never_raises)


def prop_json_safe(v: object) -> None:
    json.dumps(json_safe(v), allow_nan=False)


test_json_safe, test_json_safe_slow = _both({"v": json_values}, prop_json_safe)


# --- personal information ----------------------------------------------------------------------------------

_GENERATORS = [synth.cn_mobile, synth.resident_id, synth.email, synth.unionpay_card, synth.credit_card,
               synth.us_ssn, synth.ipv4, synth.cn_landline, synth.uscc, synth.cn_passport, synth.iban]
# Filler without digits, '@' or ASCII letters next to the value, so a planted value cannot recur by chance.
filler = st.text(st.sampled_from(list("天气很好我们去公园吧。，！ \n\t-_/:;()[]") + ["\u3000", "·"]), max_size=60)


def prop_pii(text: str, seed: int, gen: int, before: str, after: str, lang: str | None) -> None:
    value = _GENERATORS[gen](random.Random(seed))
    planted = f"{before} {value} {after}"
    for t in (text, planted):
        found = PII.scan(t, lang)
        prev_end = -1
        for f in found:
            assert 0 <= f.start < f.end <= len(t)
            assert f.start >= prev_end  # sorted, non-overlapping
            prev_end = f.end
            assert 0.0 <= f.score <= 1.0 and f.entity_type and f.recognizer
        masked = mask_text(t, found)
        for f in found:
            span = t[f.start:f.end]
            if t.count(span) == 1:
                assert span not in masked
        decision = decide_pii(found, "none", PiiPolicy(actions={"*": {"*": "mask"}, "none": {"CN_MOBILE": "drop"}}))
        assert decision.action in ("keep", "mask", "drop")
        assert set(decision.to_mask) <= set(found)
    covered = any(f.start <= len(before) + 1 and len(before) + 1 + len(value) <= f.end for f in PII.scan(planted))
    if covered:
        assert value not in mask_text(planted, PII.scan(planted))
    h = keyed_hash(value, b"k")
    assert len(h) == 64 and h == keyed_hash(value, b"k") and h != keyed_hash(value, b"other")


test_pii_scan_and_mask, test_pii_scan_and_mask_slow = _both(
    {"text": mixed_text, "seed": st.integers(0, 10**9), "gen": st.integers(0, len(_GENERATORS) - 1),
     "before": filler, "after": filler, "lang": st.sampled_from([None, "en", "zh-Hans", "und", "xx"])},
    prop_pii)


def test_planted_values_are_detected_and_masked() -> None:
    """Guards the property above from passing vacuously: common identifiers in plain context are found."""
    rng = random.Random(7)
    for gen in (synth.cn_mobile, synth.resident_id, synth.email, synth.unionpay_card):
        value = gen(rng)
        text = f"联系方式： {value} 。"
        found = PII.scan(text)
        assert found and value not in mask_text(text, found), gen.__name__


# --- copyright, language, screening ------------------------------------------------------------------------

def prop_copyright(text: str) -> None:
    found = COPYRIGHT.scan(text)
    for m in found:
        assert 0 <= m.start < m.end <= len(text)
        assert 0.0 <= m.score <= 1.0 and m.marker_class and isinstance(m.restrictive, bool)
        assert m.licence is None or isinstance(m.licence, str)
    for code in licence_conflicts("CC-BY-4.0", "open_licence", found):
        assert isinstance(code, str) and code


copyright_text = st.one_of(mixed_text, st.lists(st.sampled_from(
    ["All rights reserved.", "版权所有", "SPDX-License-Identifier: GPL-3.0-or-later", "CC BY-NC-ND 4.0",
     "https://creativecommons.org/licenses/by-sa/4.0/", "noai", "TDM reservation", "未经许可不得转载",
     "Licensed under the Apache License, Version 2.0", " ", "\n", "中文", "x"]), max_size=20).map(" ".join))
test_copyright_scan, test_copyright_scan_slow = _both({"text": copyright_text}, prop_copyright)


def prop_language(text: str) -> None:
    code, score = LANG.detect(text)
    assert isinstance(code, str) and code
    assert 0.0 <= score <= 1.0 and math.isfinite(score)
    assert LANG.detect(text) == (code, score)


test_language_detect, test_language_detect_slow = _both({"text": mixed_text}, prop_language)


def prop_screening(text: str) -> None:
    hits = LEXICON.hits(text)
    assert hits == sorted(set(hits)) and set(hits) <= {"赌博", "casino", "bad*", "pill shop"}


test_screening, test_screening_slow = _both({"text": st.one_of(mixed_text, st.lists(st.sampled_from(
    ["赌博", "CASINO", "casinos", "badly", "bad", "pill  shop", "pill shop", " ", "x"]), max_size=10).map(
    " ".join))}, prop_screening)


# --- quality metrics ---------------------------------------------------------------------------------------

# Ratios that are not shares (symbols per word, newlines per word: FineWeb's newline ratio exceeds 1 for
# "0\n\n") are only checked for being finite and non-negative.
FRACTIONS = [n for n in SIGNAL_NAMES if n.endswith(("_frac", "_ratio"))
             and n not in ("symbol_word_ratio", "newline_ratio")]
# Log-scale signals (log probabilities, PMI, a forward-minus-backward margin, the n-gram LM's log10 P and gains) are
# negative by design (the shipped rules' thresholds for latin_logp and han_logfreq are negative); only finiteness is
# checked for them.
LOG_SCALE = ("latin_logp", "han_logfreq", "han_pair_pmi", "word_pair_pmi", "han_order_margin", "zh_clause_edge",
             "zh_clause_edge_modern", "zh_order_llr", "zh_order_llr_modern", "zh_lm_gain_modern", "zh_lm_logp",
             "zh_lm_gain", "en_lm_logp", "en_lm_gain", "zh_join_llr3", "zh_join_low", "zh_join_worst", "zh_clause_pos",
             "zh_join_low_modern", "zh_join_worst_modern", "wrap_join_gap_en", "wrap_join_gap_zh")
# Shares whose neutral value (too little Chinese text, or not modern) is -1.0, below any real share.
NEUTRAL_MINUS_ONE = ("zh_modern_density", "zh_lm_cross_neg_modern", "zh_join_bad")
QPOLICY = QualityPolicy(rules=default_quality_rules())


def prop_signals(text: str, lang: str | None) -> None:
    sig = compute_signals(text, lang)
    assert tuple(sig) == SIGNAL_NAMES
    assert all(isinstance(v, float) and math.isfinite(v) for v in sig.values())
    assert all(v >= 0.0 for n, v in sig.items() if n not in LOG_SCALE + NEUTRAL_MINUS_ONE), sig
    assert all(sig[n] == -1.0 or 0.0 <= sig[n] <= 1.0 for n in NEUTRAL_MINUS_ONE), sig
    for n in FRACTIONS:
        assert 0.0 <= sig[n] <= 1.0, n
    for rule, action in evaluate_rules(sig, QPOLICY):
        assert rule in QPOLICY.rules and action in ("flag", "drop")


test_quality_signals, test_quality_signals_slow = _both(
    {"text": mixed_text, "lang": st.sampled_from([None, "en", "zh-Hans", "ja", "und", "xx"])}, prop_signals)


def prop_minhash(a: str, b: str) -> None:
    sa, sb = MINHASH.signature(a), MINHASH.signature(b)
    assert sa.shape == (MINHASH.num_perm,) and sa.dtype == np.uint32
    assert np.array_equal(MINHASH.signatures([a, b]), np.stack([sa, sb]))
    assert np.array_equal(MINHASH.signature(a), sa)
    j = estimate_jaccard(sa, sb)
    assert 0.0 <= j <= 1.0 and estimate_jaccard(sa, sa) == 1.0 and j == estimate_jaccard(sb, sa)
    keys = MINHASH.band_keys(sa)
    assert keys == [] or (len(keys) == MINHASH.bands and len(set(keys)) == len(keys))


test_minhash, test_minhash_slow = _both({"a": mixed_text, "b": mixed_text}, prop_minhash)


record = st.tuples(mixed_text, st.sampled_from([None, "en", "zh-Hans"]), st.sampled_from([None, "s1", "s2"]),
                   st.sampled_from([None, "news"]), st.sampled_from([None, "synthetic"]))


def prop_diversity(records: list, split: int) -> None:
    whole, left, right = DiversityAccumulator(), DiversityAccumulator(), DiversityAccumulator()
    for i, r in enumerate(records):
        whole.add(*r)
        (left if i < split else right).add(*r)
    res = whole.result()
    json.dumps(res, allow_nan=False)
    assert res["records"] == len(records)
    assert all(0.0 <= v <= 1.0 for v in res["entropy"].values())
    assert all(v >= 0 for v in res["distinct_ngrams"].values())
    assert right.merge(left).result() == res  # mergeable in any order, as a CombineFn needs


test_diversity, test_diversity_slow = _both({"records": st.lists(record, max_size=15), "split": st.integers(0, 15)},
                                            prop_diversity)


# --- lineage ----------------------------------------------------------------------------------------------

def prop_merkle(texts: list[str], pick: int) -> None:
    leaves = [record_leaf(record_id("s", "f", i), t) for i, t in enumerate(texts)]
    root = merkle_root(leaves)
    i = pick % len(leaves)
    proof = inclusion_proof(leaves, i)
    assert verify_inclusion(leaves[i], i, len(leaves), proof, root)
    assert not verify_inclusion(record_leaf("0" * 32, texts[i] + "x"), i, len(leaves), proof, root)
    assert content_sha256(texts[i]) == content_sha256(normalise_text(texts[i]))


# Corpus text never holds lone surrogates (the readers dead-letter them as invalid_unicode).
encodable_text = st.text(st.characters(codec="utf-8"), max_size=200)
test_merkle, test_merkle_slow = _both({"texts": st.lists(encodable_text, min_size=1, max_size=40),
                                       "pick": st.integers(0, 10**6)}, prop_merkle)


def test_merkle_leaf_never_raises_on_lone_surrogates() -> None:
    """Like content_sha256, the leaf hashes lone surrogates with surrogatepass instead of raising."""
    assert len(record_leaf("0" * 32, "lone \ud800 surrogate")) == 32 + 1 + 32
