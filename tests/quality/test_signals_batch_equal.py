"""The quality stage's speed paths give the values of the reference paths bit for bit (issue 13/15: speed only).

- ``compute_signals_batch`` (batched n-grams and Han statistics, shared lower-cased prefix and word split, ASCII
  shortcuts) equals ``compute_signals`` per text, compared as IEEE bit patterns;
- ``han_stats_batch`` equals ``han_stats`` per text;
- ``latin_logp`` (per-language word cache, one left-to-right sum) equals the word-by-word version that shipped
  before it (below, verbatim); ``det_misorder_frac`` / ``word_pair_pmi`` with the caller's word split equal
  them without.

Texts: every row of the shared real-text dev set (read at test time; skipped with the reason when absent), with
its detected language and with forced languages (None, en, zh-Hans) so each branch sees every kind of text,
plus edge cases (empty, lone surrogates, case folds that change length, characters at the 600/2,000-character
cuts, mojibake, code, tables).
"""

from __future__ import annotations

import json
import struct
from itertools import repeat
from pathlib import Path

import pytest

from corpusgov.quality import naturalness as nat
from corpusgov.quality.eval import real_text_eval as rte
from corpusgov.quality.signals import compute_signals, compute_signals_batch

EDGE = [
    "", " ", "\n\n", "a", "中", "İstanbul ΣΑΣ ßtraße × ÷ ĳ ǅ", "\ufffd\ufffd", "\x00\x01abc\x7f\x85", "ab\ud800cd\udfff",
    "𠀀𠀁中文字" * 50, "the the the the " * 60, "哈" * 700, "。" * 30, "A" * 3000, "中文" * 400 + "English words here " * 50,
    "Lorem ipsum dolor sit amet", "LOREM IPSUM", "lorem ipſum dolor", "javaſcript", "JavaScript is used", "JAVASCRIPT",
    "锟斤拷烫烫烫" * 20, "Ã©tÃ© Ã  la plage " * 10, "鏂囦欢" * 30, "var x = 1;\nfunction f(a) { return a; }\n" * 5,
    "1. 2. 3.\n" * 10, "| a | b |\n|---|---|\n| 1 | 2 |\n" * 8, "https://example.com/x\n" * 5, "١٢٣ ４５６ 789",
    "Σ" * 1999 + "Σa", "a" * 1999 + "İ" + "b" * 10, "文" * 599 + "字学" + "的" * 10, "x" * 599 + "中文",
    "天地玄黄，宇宙洪荒。日月盈昃，辰宿列张。" * 40, "张王李赵" * 200, "荒洪宙宇，黄玄地天。" * 40,
    "The cat sat on the mat. Its fur was the colour of the of an is. " * 12, "the of the and an is my of " * 20,
]


def _bits(sig: dict[str, float]) -> dict[str, bytes]:
    return {k: struct.pack("<d", v) for k, v in sig.items()}


def _dev() -> list[dict[str, str]]:
    with rte.dev_path().open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _assert_batch_equals_single(texts: list[str], langs: list[str | None]) -> None:
    got: list[dict[str, float]] = []
    for i in range(0, len(texts), 97):  # batches of uneven size
        got += compute_signals_batch(texts[i:i + 97], langs[i:i + 97])
    bad = [(t[:40], lang) for t, lang, g in zip(texts, langs, got, strict=True)
           if _bits(g) != _bits(compute_signals(t, lang))]
    assert bad == []


def _latin_logp_reference(text: str, lang: str | None) -> float:
    """``latin_logp`` as shipped before the per-language cache (word by word, ``total += s``)."""
    base = (lang or "en").split("-")[0].lower()
    tab = nat._trigram_table(base)
    if tab is None:
        base, tab = "en", nat._trigram_table("en")
    assert tab is not None
    table, unseen = tab
    total = 0.0
    n = 0
    for word in nat._LATIN_WORD.findall(text[:nat.PREFIX_CHARS].lower()):
        padded = f" {word} "
        grams = [padded[i:i + 3] for i in range(len(padded) - 2)]
        total += sum(map(table.get, grams, repeat(unseen, len(grams))))
        n += len(grams)
    return total / n if n >= nat._MIN_TRIGRAMS else 0.0


def _det_misorder_reference(text: str) -> float:
    words = text[:nat.PREFIX_CHARS].lower().split()
    n = sum(map(nat._DETERMINERS.__contains__, words))
    if n < 6:
        return 0.0
    bad = sum(1 for a, b in zip(words, words[1:], strict=False) if a in nat._DETERMINERS and b in nat._FUNCTION_WORDS)
    return bad / n


def test_edge_cases_batch_equals_single() -> None:
    for lang in ("en", "zh-Hant", None, "und", "fr", "ja"):
        _assert_batch_equals_single(EDGE, [lang] * len(EDGE))


def test_han_stats_batch_on_edge_cases() -> None:
    for i in range(0, len(EDGE), 7):
        chunk = EDGE[i:i + 7]
        assert nat.han_stats_batch(chunk) == [nat.han_stats(t) for t in chunk]
    assert nat.han_stats_batch([]) == []
    assert nat.han_stats_batch(["", ""]) == [nat.han_stats("")] * 2


def test_word_signals_on_edge_cases() -> None:
    for t in EDGE:
        words = t[:nat.PREFIX_CHARS].lower().split()
        assert nat.det_misorder_frac(t) == nat.det_misorder_frac(t, words) == _det_misorder_reference(t)
        assert nat.word_pair_pmi(t) == nat.word_pair_pmi(t, words)
        for lang in ("en", "fr", "xx", None):
            assert _bits({"v": nat.latin_logp(t, lang)}) == _bits({"v": _latin_logp_reference(t, lang)})


def test_latin_logp_independent_of_its_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "The quick brown fox jumps over the lazy dog while the farmer watches the sheep. " * 4
    want = _latin_logp_reference(text, "en")
    monkeypatch.setattr(nat, "_WORD_CACHE_MAX", 5)  # forces a clear on every call
    nat._word_scores.clear()
    assert nat.latin_logp(text, "en") == want
    assert nat.latin_logp(text, "en") == want
    assert sum(map(len, nat._word_scores.values())) <= len(set(text.lower().split()))


pytestmark_dev = pytest.mark.skipif(not rte.dev_path().is_file(), reason=f"real-text dev set absent: {rte.dev_path()}")


@pytestmark_dev
@pytest.mark.parametrize("forced", [None, "en", "zh-Hans"])
def test_real_text_batch_equals_single_forced_language(forced: str | None) -> None:
    texts = [r["text"] for r in _dev()]
    assert len(texts) > 2000
    _assert_batch_equals_single(texts, [forced] * len(texts))


@pytestmark_dev
def test_real_text_batch_equals_single_detected_language() -> None:
    from corpusgov.quality.language import LanguageDetector
    from corpusgov.quality.language_policy import LanguagePolicy

    det = LanguageDetector(LanguagePolicy())
    texts = [r["text"] for r in _dev()]
    langs: list[str | None] = [det.detect_mix(t).lang for t in texts]
    assert {"en", "zh-Hans"} <= set(langs)
    _assert_batch_equals_single(texts, langs)


@pytestmark_dev
def test_real_text_helpers_equal_references() -> None:
    texts = [r["text"] for r in _dev()]
    for i in range(0, len(texts), 256):
        chunk = texts[i:i + 256]
        assert nat.han_stats_batch(chunk) == [nat.han_stats(t) for t in chunk]
    for t in texts:
        assert _bits({"v": nat.latin_logp(t, "en")}) == _bits({"v": _latin_logp_reference(t, "en")})
        assert nat.det_misorder_frac(t, t[:nat.PREFIX_CHARS].lower().split()) == _det_misorder_reference(t)


def _ngram_brute(tokens: list[str]) -> dict[str, float]:
    """Gopher's definitions in plain Python: the most frequent n-gram's characters times its count (0 when no
    n-gram repeats; ties: the longest), and the characters of tokens covered by a repeated n-gram."""
    out = {f"top_{n}gram_frac": 0.0 for n in (2, 3, 4)} | {f"dup_{n}gram_frac": 0.0 for n in range(5, 11)}
    total = sum(map(len, tokens))
    if total == 0:
        return out
    for n in range(2, 11):
        grams = [tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]
        counts: dict[tuple[str, ...], int] = {}
        for g in grams:
            counts[g] = counts.get(g, 0) + 1
        top = max(counts.values(), default=0)
        if top < 2:
            break
        if n <= 4:
            longest = max(sum(map(len, g)) for g, c in counts.items() if c == top)
            out[f"top_{n}gram_frac"] = min(1.0, longest * top / total)
        else:
            covered = {i + j for i, g in enumerate(grams) if counts[g] > 1 for j in range(n)}
            out[f"dup_{n}gram_frac"] = min(1.0, sum(len(tokens[i]) for i in covered) / total)
    return out


def test_ngram_signals_equal_plain_definitions() -> None:
    """The numpy passes (only positions whose shorter n-grams repeat are sorted) against brute force."""
    import random

    from corpusgov.quality.ngram_repeats import ngram_signals_batch
    from corpusgov.quality.signals import _token_ids

    rng = random.Random(13)
    vocab = ("ab", "c", "def", "g", "hij", "k", "lm", "n", "opqr", "s")
    lists = [[vocab[rng.randrange(rng.randint(1, len(vocab)))] for _ in range(rng.randint(0, 80))] for _ in range(800)]
    lists += [[vocab[rng.randrange(2)] for _ in range(rng.randint(10, 60))] for _ in range(100)]  # repetitive
    lists += [t.split() for t in EDGE]
    got = ngram_signals_batch(lists, [_token_ids(t)[1] for t in lists])
    assert got == [_ngram_brute(t) for t in lists]
    assert sum(g["dup_10gram_frac"] > 0 for g in got) > 20 and sum(g["top_2gram_frac"] == 0 for g in got) > 20


JS_SNIPPETS = ["var x = 1;", "let y=2", "const z = 3", "a === b", "a !== b", "x = /ab+c/g;", "x=/a/;", "$('#id')",
               "$(this).hide()", "document.write(1)", "jQuery.ajax()", "console.log(1)", "this.value = 3",
               "f = () => { return 1 }", "typeof x", "if (x === undefined)", "new RegExp('a')", "A.prototype.f = 1",
               "// a comment", "  // indented", "\t// tab", "code();\n// next", "function f(a) {", "this.$el = 1"]


def test_js_prefilter_is_a_necessary_condition() -> None:
    """``web_code_frac`` skips its JavaScript pass when ``_may_hold_js`` is False: never where the pass matches."""
    from corpusgov.quality import junk_residue as jr

    texts = EDGE + JS_SNIPPETS + ["Look at this. It is fine.", "this.\nthat"] + ([r["text"] for r in _dev()]
                                                                                  if rte.dev_path().is_file() else [])
    for t in texts:
        head = t[:2000]
        if jr._JS_M.search(head):
            assert jr._may_hold_js(head), head[:80]
    assert all(jr._JS_M.search(s) for s in JS_SNIPPETS)
    assert not jr._may_hold_js("Look at this. It is fine, as is that.")


def _rules_reference(signals: dict[str, float], policy) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """``evaluate_rules`` as shipped before the per-document facts were hoisted out of the loop (verbatim)."""
    if not policy.enabled:
        return []
    spaced = signals.get("spaced", 1.0) >= 0.5
    failed: list[tuple[str, str]] = []
    for name, spec in policy.rules.items():
        if not spec.enabled:
            continue
        if (spec.applies_to == "spaced" and not spaced) or (spec.applies_to == "unspaced" and spaced):
            continue
        sig = spec.signal or name
        if sig == "stopword_hits" and signals.get("stopword_list", 0.0) < 0.5:
            continue
        if spec.min_words and signals.get("words", 0.0) < spec.min_words:
            continue
        value = signals.get(sig)
        if value is None:
            continue
        if (spec.bound == "min" and value < spec.threshold) or (spec.bound == "max" and value > spec.threshold):
            failed.append((name, spec.action))
    return failed


def test_evaluate_rules_equals_reference() -> None:
    from corpusgov.config import load_policy
    from corpusgov.quality.signals import evaluate_rules

    policy = load_policy(str(Path(__file__).resolve().parents[2] / "configs" / "demo" / "policy.yaml")).quality
    texts = EDGE + ([r["text"] for r in _dev()][::5] if rte.dev_path().is_file() else [])
    sigs = [compute_signals(t, lang) for t in texts for lang in ("en", "zh-Hans", None)]
    sigs += [{}, {"spaced": 0.0}, {"words": 5.0, "stopword_list": 1.0, "stopword_hits": 0.0}]
    fired = [evaluate_rules(s, policy) for s in sigs]
    assert fired == [_rules_reference(s, policy) for s in sigs]
    assert sum(map(bool, fired)) > 20
    off = policy.model_copy(deep=True)
    for spec in off.rules.values():
        spec.enabled = False
    assert all(evaluate_rules(s, off) == [] for s in sigs)


def test_words_with_a_letter_count() -> None:
    """``alpha_words_frac`` (spaced): words holding a letter = ``text.split()`` less the letterless words (ASCII text:
    the words left once non-letters are deleted); equal to counting the matches of the lazy pattern it replaced."""
    import re

    from corpusgov.quality import signals as sg

    old = re.compile(r"\S*?[^\W\d_]\S*")
    texts = EDGE + ["a1 22 _x_ __ ½ ² ٣ 3.14 (x) -- — 中文 x\u00a0y \x1cq\x1d 9a a9 _ é", "12 34\n56\t7a"]
    texts += [r["text"] for r in _dev()] if rte.dev_path().is_file() else []
    texts += ["a1 _ x 3 \x1c2\x1fa", "12 34\n56\t7a \x0b_ \x0c. b"]
    ascii_texts = 0
    for t in texts:
        want = len(old.findall(t))
        assert len(t.split()) - len(sg._NO_LETTER_WORD_RE.findall(t)) == want, t[:60]
        if t.isascii():
            ascii_texts += 1
            assert len(t.translate(sg._ASCII_LETTERS_AND_SPACE).split()) == want, t[:60]
    assert ascii_texts > 10


def test_sentence_pattern_counts_as_before() -> None:
    import re

    from corpusgov.quality import signals as sg

    old = re.compile(r"[.!?。！？]+(?:\s|$)|[。！？]")
    texts = EDGE + ["。。 ", "。。", "a. b.", "..", "!?!", "。！x", "?", ". . .", "x.\n", "a。 b", "…。", "!!!\u3000", "。\n。"]
    texts += [r["text"] for r in _dev()] if rte.dev_path().is_file() else []
    for t in texts:
        assert sg._SENTENCE_RE.findall(t) == old.findall(t), t[:60]


def test_shared_word_scans_and_tandem_gate() -> None:
    """``ascii_latin_words`` gives the two word lists the separate scans gave (words running across the cut
    included); ``sorted_words_frac`` with them equals it without; the tandem gate on ``dup_6gram_frac`` never skips
    a text the full search finds a repeat in."""
    import random

    from corpusgov.quality import junk_shapes as js
    from corpusgov.quality import signals as sg

    rng = random.Random(3)
    texts = [t for t in EDGE if t.isascii()]
    for cut_at in (998, 999, 1000, 1001):  # a word ending, starting or running across character 1,000
        texts.append("x" * (cut_at - 3) + " abcdef ghij " * 120)
    texts += [" ".join(rng.choice(["alpha", "beta", "gamma", "a", "1x2", "delta's", "e.g."]) for _ in range(rng.randint(0, 500)))
              for _ in range(300)]
    texts += [r["text"] for r in _dev() if r["text"].isascii()] if rte.dev_path().is_file() else []
    for t in texts:
        head = t[:nat.PREFIX_CHARS].lower()
        both, first = nat.ascii_latin_words(head, js.SORT_CHARS)
        assert both == nat._LATIN_WORD.findall(head)
        assert first == js._WORD.findall(t[:js.SORT_CHARS].lower())
        assert js.sorted_words_frac(t, first) == js.sorted_words_frac(t)
    rep = ["ab cd " * 10 + "x y " * 8 + "z", "a b c " * 9, "one " * 30, "p q r s " * 6 + "end"]
    for t in rep + texts[:400] + EDGE:
        for lang in ("en", "zh-Hans"):
            tok = sg._tokenise(t, lang)
            sig = compute_signals(t, lang)
            assert sig["tandem_repeat_frac"] == js.tandem_repeat_frac(tok.codes[:2000]), t[:60]
    assert all(compute_signals(t, "en")["tandem_repeat_frac"] > 0 for t in rep)
