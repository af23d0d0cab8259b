"""The batch n-gram repetition pass equals the per-document one, and compute_signals_batch equals
compute_signals value for value (issue 15: the batch is a speed change only); both equal Gopher's plain definitions
with exact n-gram keys (no hash: token lists built to repeat at every length, ids in any order), and the shared token
lengths (``token_lengths_batch``) equal the per-text sums and maxima (issue 13)."""

from __future__ import annotations

import random

import numpy as np

from corpusgov.quality.ngram_repeats import ngram_signals, ngram_signals_batch, token_lengths_batch
from corpusgov.quality.signals import _token_ids, compute_signals, compute_signals_batch
from tests.quality.test_signals_batch_equal import _ngram_brute


def _single(tokens: list[str]) -> dict[str, float]:
    out = {f"top_{n}gram_frac": 0.0 for n in (2, 3, 4)} | {f"dup_{n}gram_frac": 0.0 for n in range(5, 11)}
    ngram_signals(tokens, _token_ids(tokens)[1], out)
    return out


def test_batch_equals_single_on_random_token_lists() -> None:
    rng = random.Random(5)
    vocab = ("ab", "c", "def", "g", "hij", "k", "lm", "n")
    lists = []
    for _ in range(1500):
        k = rng.randint(1, len(vocab))
        lists.append([vocab[rng.randrange(k)] for _ in range(rng.randint(0, 60))])
    repeats = 0
    for i in range(0, len(lists), 97):  # batches of uneven size, empty and one-token documents included
        chunk = lists[i:i + 97]
        got = ngram_signals_batch(chunk, [_token_ids(t)[1] for t in chunk])
        for tokens, g in zip(chunk, got, strict=True):
            assert g == _single(tokens), tokens
            repeats += g["dup_10gram_frac"] > 0
    assert repeats > 50  # the long n-grams were reached, not only the early stops
    assert ngram_signals_batch([], []) == []


def test_compute_signals_batch_equals_compute_signals() -> None:
    rng = random.Random(9)
    zh = "的了是在和有我他她这不也就都与及而被把对中上个们为说天地人山水日月"
    texts, langs = [], []
    for i in range(300):
        if i % 3 == 0:
            t = "".join(rng.choice(zh) for _ in range(rng.randint(0, 400)))
            lang = "zh-Hans"
        elif i % 3 == 1:
            words = [rng.choice(("the", "cat", "sat", "on", "a", "mat", "and", "dog")) for _ in range(rng.randint(0, 150))]
            t = " ".join(words) + ("\n\n" + " ".join(words[:20])) * (i % 2)
            lang = "en"
        else:
            t = rng.choice(("", "   ", "12345", "<b>x</b> ... # {js}", "\ufffd\x01abc"))
            lang = rng.choice(("und", "en", None))
        texts.append(t)
        langs.append(lang)
    assert compute_signals_batch(texts, langs) == [compute_signals(t, lang) for t, lang in zip(texts, langs, strict=True)]


def _repetitive_lists(seed: int) -> list[list[str]]:
    """Token lists whose n-grams repeat at every length up to 10 and beyond (periods, copied spans, near copies that
    differ in one token: the n-grams that share a long prefix and differ in the last token), and plain random ones."""
    rng = random.Random(seed)
    vocab = ("ab", "c", "def", "g", "hij", "k", "lm", "n", "opqr", "s", "中", "文")
    lists: list[list[str]] = [[], ["a"], ["a", "a"], ["", ""], ["", "", "x"]]
    for _ in range(400):
        unit = [rng.choice(vocab) for _ in range(rng.randint(1, 12))]
        body = unit * rng.randint(1, 6)
        if body and rng.random() < 0.5:
            body[rng.randrange(len(body))] = rng.choice(vocab)  # a near copy
        noise = [rng.choice(vocab) for _ in range(rng.randint(0, 30))]
        lists.append(noise[: len(noise) // 2] + body + noise[len(noise) // 2:])
    return lists


def test_exact_keys_equal_plain_definitions_single_and_batch() -> None:
    lists = _repetitive_lists(21)
    want = [_ngram_brute(t) for t in lists]
    assert [_single(t) for t in lists] == want
    for size in (1, 7, 64, len(lists)):
        got = []
        for i in range(0, len(lists), size):
            chunk = lists[i:i + size]
            got += ngram_signals_batch(chunk, [_token_ids(t)[1] for t in chunk])
        assert got == want
    assert sum(w["dup_10gram_frac"] > 0 for w in want) > 100  # the long n-grams were reached


def test_ngram_values_do_not_depend_on_the_ids_order() -> None:
    """Any one-to-one ids give the same values (a key is exact, not a hash of the id values)."""
    rng = random.Random(3)
    lists = _repetitive_lists(4)[:120]
    codes = []
    for t in lists:
        c = _token_ids(t)[1]
        perm = np.array(rng.sample(range(len(c) + 1), len(c) + 1), dtype=np.uint64)  # a shuffled relabelling
        codes.append(perm[c.astype(np.intp)] if len(c) else c)
    assert ngram_signals_batch(lists, codes) == ngram_signals_batch(lists, [_token_ids(t)[1] for t in lists])


def test_token_lengths_batch_equals_per_text_sums() -> None:
    lists = _repetitive_lists(8) + [["", "abc", ""], [""], []]
    lens, total, longest = token_lengths_batch(lists)
    assert lens.tolist() == [len(w) for t in lists for w in t]
    assert total == [sum(map(len, t)) for t in lists]
    assert longest == [max(map(len, t), default=0) for t in lists]
    assert token_lengths_batch([])[1:] == ([], [])
    codes = [_token_ids(t)[1] for t in lists]
    assert ngram_signals_batch(lists, codes, lens) == ngram_signals_batch(lists, codes)
