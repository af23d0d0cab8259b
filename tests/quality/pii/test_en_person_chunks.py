"""The English CRF's tokens by cached whitespace chunk equal the token-by-token definition (raw_tokens), also
across word-table and chunk-cache resets and for texts holding the chunk pass's line-break stand-in (NUL)."""

from __future__ import annotations

import random

import numpy as np
import pytest

from corpusgov.quality.pii.en_person_features import _SENT_END, N_CODES, POS, Featurizer, raw_tokens
from corpusgov.quality.pii.recognizer_en_person import load_model


def _reference(fz: Featurizer, text: str) -> tuple[list[str], np.ndarray]:
    """Words and code rows straight from the definition: raw_tokens, word_codes per word, sentence position."""
    words: list[str] = []
    rows: list[list[int]] = []
    after_break = False
    for w in raw_tokens(text):
        if w == "\n":
            after_break = True
            continue
        pos = 0 if not words or words[-1] in _SENT_END else 1 if after_break else 2
        rows.append([*fz.word_codes(w), pos])
        words.append(w)
        after_break = False
    return words, np.array(rows, dtype=np.uint64).reshape(-1, N_CODES)


def _texts() -> list[str]:
    rng = random.Random(3)
    pieces = ["Alan", "Turing", "met", "O'Brien", "in", "London.", "Jean-Luc", "said:", "“Hi”", "@joe", "#tag",
              "e.g.", "Burgess's", "9am", "Dvořák", "naïve", "李雷", "—", "...", "x_y", "A.", "Smith,", "(see", "it)"]
    seps = [" ", " ", " ", "\n", "\n\n", "\t", "\r\n", " \x85 ", "\u2028", "\u00a0", "\x1c", "\x00", " \x00 "]
    out = ["", " ", "\n", "\n\n Alan", "Alan\n", "\x00", "a\x00b\nC d", "Ann Lee\n\nBob Stone. Carl"]
    for _ in range(400):
        k = rng.randint(1, 40)
        out.append("".join(rng.choice(pieces) + rng.choice(seps) for _ in range(k)))
    return out


@pytest.mark.parametrize(("cache_limit", "chunk_limit"), [(200_000, 1 << 16), (40, 7), (3, 2)])
def test_chunk_tokens_equal_token_by_token(cache_limit: int, chunk_limit: int) -> None:
    fz = Featurizer(load_model().featurizer.gaz)
    fz.CACHE_LIMIT, fz.CHUNK_LIMIT = cache_limit, chunk_limit
    for text in _texts() * 2:  # the second pass reads the cached chunks
        doc = fz.tokens(text)
        words, codes = _reference(fz, text)
        assert doc.words == words, text
        assert len(doc) == len(words)
        assert np.array_equal(doc.codes, codes), text
        assert doc.codes[:, POS].tolist() == codes[:, POS].tolist()


@pytest.mark.parametrize(("cache_limit", "chunk_limit"), [(200_000, 1 << 16), (40, 7), (3, 2)])
def test_tokens_of_a_batch_equal_token_by_token(cache_limit: int, chunk_limit: int) -> None:
    """tokens_batch builds many texts' code rows at once; word-table resets inside the batch (the small limits)
    end a pass, and every text still reads exactly its reference rows (sentence positions included)."""
    fz = Featurizer(load_model().featurizer.gaz)
    fz.CACHE_LIMIT, fz.CHUNK_LIMIT = cache_limit, chunk_limit
    texts = _texts()
    for batch in (texts, texts[:1], [], texts[5:9] + [""] + texts[200:260]):
        docs = fz.tokens_batch(batch)
        assert len(docs) == len(batch)
        for text, doc in zip(batch, docs, strict=True):
            words, codes = _reference(fz, text)
            assert doc.words == words, text
            assert np.array_equal(doc.codes, codes), text
            assert doc.codes.shape == (len(words), N_CODES)


def _reference_ids(doc) -> list[list[int]]:
    """Bucket ids of one document by the definition, in Python integers: BOS/EOS rows around it, each template's
    (code, offset) pairs mixed in order."""
    from corpusgov.quality.pii import en_person_features as f

    mask = (1 << 64) - 1
    rows = [list(f._BOS_ROW)] * f._PAD + doc.codes.tolist() + [list(f._EOS_ROW)] * f._PAD
    out = []
    for t, template in enumerate(f.TEMPLATES):
        ids = []
        for i in range(f._PAD, f._PAD + len(doc)):
            k = ((t + 1) * int(f._MIX)) & mask
            for j, (col, off) in enumerate(template):
                k ^= (rows[i + off][col] * (2 * j + 3)) & mask
                k = (k * int(f._MIX)) & mask
            ids.append(((k * int(f._GOLDEN)) & mask) >> (64 - f.HASH_BITS))
        out.append(ids)
    return out


def test_ids_of_a_batch_are_each_documents_ids_by_definition() -> None:
    fz = Featurizer(load_model().featurizer.gaz)
    docs = fz.tokens_batch(_texts()[:60] + ["", "Alan", ""])
    ids = Featurizer.ids_batch(docs)
    expected = np.concatenate([np.array(_reference_ids(d), dtype=np.intp).reshape(len(Featurizer.ids_batch([])), -1)
                               for d in docs], axis=1)
    assert np.array_equal(ids, expected)
    padded, real = Featurizer.ids_padded(docs)
    assert np.array_equal(padded[:, real], ids) and real.sum() == sum(map(len, docs))
    assert Featurizer.ids_batch([]).shape == (ids.shape[0], 0)
