"""MinHasher: datasketch-compatible signatures, shingling rules, banding, storage, bounded bucket compare."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from datasketch import LeanMinHash, MinHash
from hypothesis import given, settings
from hypothesis import strategies as st

from corpusgov.quality.dedup_policy import DedupPolicy
from corpusgov.quality.minhash import (
    EMPTY,
    MinHasher,
    bucket_edges,
    bytes_to_signature,
    estimate_jaccard,
    lsh_params,
    shingle_hash32,
    shingles,
    signature_to_bytes,
)

ZH = "今天上午，杭州市政府召开新闻发布会，通报了跨江大桥建设的最新进展。项目总投资约120亿元，预计2026年底建成投用。"
EN = ("On Monday, the city council in Riverton approved a plan to build the new bridge at a cost of 40 million "
      "dollars. The mayor said the work would begin in March and take about 18 months to finish.")
MIXED = "混合 text：中文和English混排的句子，包含一些英文单词 like this。"

_HASHER = MinHasher(DedupPolicy())


def _datasketch(text: str, policy: DedupPolicy) -> np.ndarray:
    m = MinHash(num_perm=policy.num_perm, seed=policy.seed, hashfunc=shingle_hash32)
    m.update_batch(shingles(text, policy.ngram))
    return m.hashvalues


@pytest.mark.parametrize("text", [ZH, EN, MIXED, "短文", "a b", "𠀀𠀁𠀂𠀃𠀄𠀅 rare plane"])
@pytest.mark.parametrize("seed", [1, 7])
def test_signature_bit_identical_to_datasketch_affine32(text: str, seed: int) -> None:
    policy = DedupPolicy(seed=seed, num_perm=64)
    sig = MinHasher(policy).signature(text)
    assert sig.dtype == np.uint32 and sig.shape == (64,)
    assert np.array_equal(sig, _datasketch(text, policy))
    lean = LeanMinHash(seed=seed, hashvalues=sig, scheme="affine32")
    assert lean.jaccard(LeanMinHash(seed=seed, hashvalues=_datasketch(text, policy), scheme="affine32")) == 1.0


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abc XYZ,.!的了是在中国人。，：（）！\u3000\n\t_é́1２ﬁ々〇")), max_size=60))
def test_vectorised_shingle_hashes_match_reference(text: str) -> None:
    got = sorted(_HASHER.shingle_hashes(text).tolist())
    assert got == sorted(shingle_hash32(s) for s in shingles(text, 5))


def test_cjk_text_uses_character_ngrams_without_punctuation() -> None:
    sh = shingles("北京市，今天 晴。", 3)
    assert sh == ["北京市", "京市今", "市今天", "今天晴"]


def test_spaced_text_uses_lowercased_word_ngrams() -> None:
    sh = shingles("The  Quick, brown FOX -- jumps!", 3)
    assert sh == ["the quick brown", "quick brown fox", "brown fox jumps"]


def test_normalisation_makes_case_width_and_spacing_irrelevant() -> None:
    a = _HASHER.signature("Hello   World, this is   ONE test sentence here.")
    b = _HASHER.signature("hello world this is one test sentence here")
    assert np.array_equal(a, b)
    assert np.array_equal(_HASHER.signature("ＡＢＣ全角字符测试文本"), _HASHER.signature("abc全角字符测试文本"))


def test_short_texts_are_one_shingle_and_still_match() -> None:
    assert shingles("only three words", 5) == ["only three words"]
    a, b, c = _HASHER.signatures(["only three words", "Only three words!", "only four words"])
    assert np.array_equal(a, b)
    assert estimate_jaccard(a, c) < 0.2
    assert _HASHER.band_keys(a) == _HASHER.band_keys(b) and len(_HASHER.band_keys(a)) == _HASHER.bands


def test_text_without_word_characters_has_empty_signature_and_no_keys() -> None:
    for t in ["", "   ", "!!! ，。"]:
        sig = _HASHER.signature(t)
        assert (sig == EMPTY).all()
        assert _HASHER.band_keys(sig) == []


def test_batch_equals_single_and_crosses_internal_batches() -> None:
    texts = [ZH * (i % 7 + 1) + str(i) for i in range(60)] + ["", EN, MIXED]
    batch = _HASHER.signatures(texts)
    single = np.stack([_HASHER.signature(t) for t in texts])
    assert np.array_equal(batch, single)


def test_deterministic_across_processes_with_different_hash_seeds() -> None:
    code = ("from corpusgov.quality.minhash import MinHasher; from corpusgov.quality.dedup_policy import DedupPolicy;"
            f"print(MinHasher(DedupPolicy()).signature({EN!r}).tobytes().hex())")
    outs = set()
    for hs in ("1", "2"):
        r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": hs, "PATH": ""}, cwd=".")
        outs.add(r.stdout.strip())
    assert outs == {_HASHER.signature(EN).tobytes().hex()}


def test_estimate_tracks_exact_jaccard() -> None:
    base = [f"word{i}" for i in range(200)]
    for changed in (0, 10, 30, 60):
        other = list(base)
        for k in range(changed):
            other[k * 3] = f"new{k}"
        a, b = " ".join(base), " ".join(other)
        sa, sb = set(shingles(a, 5)), set(shingles(b, 5))
        exact = len(sa & sb) / len(sa | sb)
        est = estimate_jaccard(_HASHER.signature(a), _HASHER.signature(b))
        assert abs(est - exact) < 0.15, (changed, exact, est)


def test_band_keys_include_band_index_and_rows() -> None:
    sig = _HASHER.signature(EN)
    keys = _HASHER.band_keys(sig)
    assert len(keys) == _HASHER.bands
    assert [int.from_bytes(k[:2], "big") for k in keys] == list(range(_HASHER.bands))
    assert all(len(k) == 2 + 4 * _HASHER.rows for k in keys)
    assert keys[1][2:] == sig[_HASHER.rows : 2 * _HASHER.rows].astype("<u4").tobytes()


def test_lsh_params_default_is_tuned_below_verify_threshold() -> None:
    assert lsh_params(DedupPolicy()) == (21, 6)  # datasketch optimum for 0.55 = 0.7 - 0.15
    assert lsh_params(DedupPolicy(threshold=0.8)) == (16, 8)  # datasketch optimum for 0.65 = 0.8 - 0.15
    assert lsh_params(DedupPolicy(lsh_threshold=0.8)) == (9, 13)
    assert lsh_params(DedupPolicy(bands=20, rows=6)) == (20, 6)
    with pytest.raises(ValueError):
        DedupPolicy(bands=20)
    with pytest.raises(ValueError):
        DedupPolicy(bands=20, rows=7)


def test_signature_bytes_round_trip() -> None:
    sig = _HASHER.signature(ZH)
    data = signature_to_bytes(sig)
    assert len(data) == 4 * sig.size
    assert np.array_equal(bytes_to_signature(data), sig)
    with pytest.raises(ValueError):
        bytes_to_signature(b"abc")
    assert "seed=1" in _HASHER.fingerprint and "perm=128" in _HASHER.fingerprint


def test_bucket_edges_is_bounded_and_keeps_head_connected() -> None:
    sig = _HASHER.signature(EN)
    members = [((0, f"r{i:04d}"), f"r{i:04d}", sig) for i in range(500)]
    edges = bucket_edges(members, 0.8, max_compare=4)
    assert len(edges) <= 500 * 5
    assert {j for i, j, _ in edges if i == 0} == set(range(1, 500))  # every member verified against head
    far = [((0, "a"), "a", sig), ((0, "b"), "b", _HASHER.signature(ZH))]
    assert bucket_edges(far, 0.8, 4) == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("abc XYZ,.!的了是在中国人。，：（）！\u3000\n\t_é́1２ﬁ々〇𠀀")),
                        max_size=40), max_size=12))
def test_batch_shingle_hashes_equal_per_text(texts: list[str]) -> None:
    """The batch path (what `signatures` uses) gives each text exactly the per-text hashes, in order; empty
    texts, texts without word characters, short and CJK/spaced texts side by side."""
    hv, lengths = _HASHER.shingle_hashes_batch(texts)
    assert lengths.tolist() == [_HASHER.shingle_hashes(t).size for t in texts]
    ends = np.cumsum(lengths)
    for t, e, n in zip(texts, ends.tolist(), lengths.tolist(), strict=True):
        assert hv[e - n:e].tolist() == _HASHER.shingle_hashes(t).tolist()


def test_batched_signatures_equal_one_text_at_a_time() -> None:
    """Permutation chunks (at most _BATCH_ROWS shingles) do not change a signature."""
    from corpusgov.quality.minhash import _BATCH_ROWS, EMPTY

    texts = [ZH * 30, "", EN, "!!!", MIXED * 50, "a b", ZH, EN * 80] * 3
    per_text = [_HASHER.shingle_hashes(t) for t in texts]
    assert sum(h.size for h in per_text) > 2 * _BATCH_ROWS  # several chunks
    one = np.stack([_HASHER._permute_min(h, np.zeros(1, dtype=np.int64))[0] if h.size
                    else np.full(_HASHER.num_perm, EMPTY, dtype=np.uint32) for h in per_text])
    assert (_HASHER.signatures(texts) == one).all()


def test_signature_of_one_text_equals_its_batch_row() -> None:
    texts = [ZH, EN, MIXED, "", "!!!", "a b", "𠀀𠀁𠀂𠀃𠀄𠀅 rare plane"]
    batch = _HASHER.signatures(texts)
    for t, row in zip(texts, batch, strict=True):
        assert (_HASHER.signature(t) == row).all()


def test_hash_powers_kept_between_batches_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """A batch longer than _KEPT_POWERS code points gets its own powers, dropped after it (issue 15: the kept
    arrays grew to the longest batch seen); the signatures equal those made with every power kept."""
    import random

    from corpusgov.quality import minhash

    rng = random.Random(3)
    texts = ["".join(rng.choice("abcdefg hij 中文字符测试，。 klm\n") for _ in range(rng.randint(0, 2000)))
             for _ in range(200)]
    monkeypatch.setattr(minhash, "_KEPT_POWERS", 4096)
    capped = MinHasher()
    got = [capped.signatures(texts[:3]), capped.signatures(texts)]
    assert len(capped._ppow) <= 4096
    monkeypatch.setattr(minhash, "_KEPT_POWERS", 1 << 30)
    kept = MinHasher()
    want = [kept.signatures(texts[:3]), kept.signatures(texts)]
    assert len(kept._ppow) > sum(map(len, texts)) // 2  # the batch's code points, kept
    for g, w in zip(got, want, strict=True):
        assert np.array_equal(np.asarray(g), np.asarray(w))
