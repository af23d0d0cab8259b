"""The batch n-gram repetition pass equals the per-document one, and compute_signals_batch equals
compute_signals value for value (issue 15: the batch is a speed change only)."""

from __future__ import annotations

import random

from corpusgov.quality.ngram_repeats import ngram_signals, ngram_signals_batch
from corpusgov.quality.signals import _token_ids, compute_signals, compute_signals_batch


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
