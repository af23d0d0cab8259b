"""The issue-15 gates of round 7 return exactly what the code they replaced returned.

- ``signals._example_line`` == ``_EXAMPLE_LINE.search`` (first/last character tests before any pattern);
- ``junk_lines._has_nav_char`` == ``not _NAV_CHARS.isdisjoint`` (substring tests);
- ``signals._tandem`` == ``tandem_repeat_frac`` of the first 2,000 ids, given the text's own n-gram repetition signals
  (periods 1-3 tested directly when there is no repeated 10-gram);
- ``junk_noise_han.han_split_words`` skips only texts whose gap pattern finds fewer than ``MIN_GAPS`` gaps;
- ``junk_noise_forms``: the stripped forms built per language equal the forms built for all languages at once.

Texts: random strings over the characters each test reads (seeded), the shared real-text dev set when present.
"""

from __future__ import annotations

import json
import random

import numpy as np
import pytest

from corpusgov.quality import junk_lines, junk_noise_forms, junk_noise_han
from corpusgov.quality import signals as sig
from corpusgov.quality.eval import real_text_eval as rte
from corpusgov.quality.junk_shapes import tandem_repeat_frac
from corpusgov.quality.ngram_repeats import ngram_signals_batch


def _dev_texts() -> list[str]:
    return [r["text"] for r in rte.load_dev()] if rte.dev_path().is_file() else []


def _random_lines(alphabet: str, n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12))) for _ in range(n)]


def _lines() -> list[str]:
    lines = _random_lines("();{}-=+|:_ \t\u3000\x85\u2028\nAZaz09·•»›>中", 20_000, 7)
    lines += ["", "(", ")", "()", "( )", "(a)\n", "x;\n", ";", "{", "}", "-", " ", "\u3000-", "CREATE TABLE", "CREATE",
              "INSERT 0 3", "A B", "A b", "ÀB C", "--- ---", "-\n-", "a\n)", "(\n)", "Home › Docs", "a | b"]
    for text in _dev_texts():
        lines += text.split("\n")
        lines += [ln.strip() for ln in text.split("\n")]
    return lines


def test_example_line_equals_the_pattern() -> None:
    for line in _lines():
        assert sig._example_line(line) == (sig._EXAMPLE_LINE.search(line) is not None), repr(line)


def test_nav_char_equals_isdisjoint() -> None:
    for line in _lines():
        assert junk_lines._has_nav_char(line) == (not junk_lines._NAV_CHARS.isdisjoint(line)), repr(line)


def _periodic(rng: np.random.Generator) -> np.ndarray:
    """Random ids with a few planted runs: a period of 1-10 ids copied 2-6 times, maybe cut or mutated."""
    parts = [rng.integers(0, rng.integers(2, 60), rng.integers(0, 80))]
    for _ in range(rng.integers(0, 3)):
        unit = rng.integers(0, 40, rng.integers(1, 11))
        rep = np.tile(unit, rng.integers(2, 7))[: rng.integers(1, 70)]
        if len(rep) and rng.random() < 0.3:
            rep[rng.integers(0, len(rep))] = 99
        parts += [rep, rng.integers(0, 50, rng.integers(0, 30))]
    return np.concatenate(parts).astype(np.uint64)


def _token_cases() -> list[list[str]]:
    rng = np.random.default_rng(15)
    cases = [[f"t{c}" for c in _periodic(rng).tolist()] for _ in range(3000)]
    cases += [[], ["a"], ["a"] * 25, ["a", "b"] * 30, ["a", "b", "c"] * 9, ["a", "b", "c"] * 10]
    cases += [sig._tokenise(t, None).tokens for t in _dev_texts()]
    return cases


def test_tandem_gate_equals_the_full_search() -> None:
    cases = _token_cases()
    coded = [sig._token_ids(tokens)[1] for tokens in cases]
    ngrams = ngram_signals_batch(cases, coded)
    for tokens, codes, ng in zip(cases, coded, ngrams, strict=True):
        got = sig._tandem(codes, ng["dup_6gram_frac"], ng["dup_10gram_frac"])
        assert got == tandem_repeat_frac(codes[:2000]), tokens[:40]


@pytest.mark.parametrize("p", range(1, 11))
def test_copies_at_is_the_period_test(p: int) -> None:
    rng = np.random.default_rng(p)
    for _ in range(400):
        head = _periodic(rng)
        same = [bool(head[i] == head[i + p]) for i in range(len(head) - p)]
        want = any(all(same[i:i + 3 * p]) for i in range(len(same) - 3 * p + 1))
        assert sig._copies_at(head, p) == want


def test_han_split_gate_only_skips_texts_without_gaps() -> None:
    rnd = random.Random(3)
    texts = ["".join(rnd.choice("中文字词语 \u3000，a") for _ in range(rnd.randint(0, 120))) for _ in range(3000)]
    texts += _dev_texts()
    for text in texts:
        head = text[: junk_noise_han.PREFIX_CHARS]
        gaps = len(list(junk_noise_han._HAN_GAP.finditer(head)))
        if head.count(" ") + head.count("\u3000") < junk_noise_han.MIN_GAPS:
            assert gaps < junk_noise_han.MIN_GAPS
            assert junk_noise_han.han_split_words(text) == 0.0


def test_stripped_forms_per_language_equal_all_at_once() -> None:
    from corpusgov.quality.junk_noise import vocabulary

    with junk_noise_forms.LANG_MODEL.open(encoding="utf-8") as f:
        langs = json.load(f)["languages"]
    rates = junk_noise_forms._rates(langs)
    assert rates == junk_noise_forms.accent_rates()
    english = vocabulary()
    for lang in rates:  # the forms as the one-pass builder made them before
        words = langs[lang]["words"]
        words = words.split("\t") if isinstance(words, str) else words
        want = frozenset(f for f in (junk_noise_forms._fold(w) for w in words if not w.isascii())
                         if f.isascii() and f not in set(words) and f not in english)
        assert junk_noise_forms._stripped_forms_of(lang) == want, lang
    assert set(junk_noise_forms._stripped_forms()) == set(rates)


@pytest.mark.parametrize(("text", "lang", "positive"), [
    ("Die Tur ist offen und wir konnen fur alle Leute da sein. " * 3, "de", True), ("Das ist für alle.", "de", False),
    ("fur konnen", "en", False), ("fur", None, False), ("Les donnees sont la, numero deux.", "fr-FR", True), ("", "de", False)])
def test_stripped_diacritics_by_language(text: str, lang: str | None, positive: bool) -> None:
    """Forms are built on a language's first text; languages without a rate, accented text and empty text read 0."""
    assert (junk_noise_forms.stripped_diacritics(text, lang) > 0.0) == positive


def _hint_texts() -> list[str]:
    texts = _random_lines("|│┃-+=_~─━═ a{$(/.=!", 20_000, 11)
    texts += ["var x", "let", "const y", "undefined", "document.x", "jQuery.a", "console.", "typeof", "RegExp",
              "a.prototype.b", "this.x", "this. x", "// c", "a = /b/", "x === y", "$('a')"]
    return texts + _dev_texts()


def test_border_hints_written_out_equal_the_loop() -> None:
    for text in _hint_texts():
        assert sig._has_borders(text) == any(h in text for h in sig._BORDER_HINTS), repr(text)


def test_js_literals_written_out_equal_the_loop() -> None:
    from corpusgov.quality import junk_residue as res

    lits = ("var ", "let ", "const ", "undefined", "document.", "jQuery.", "console.", "typeof", "RegExp", ".prototype.")

    def before(head: str) -> bool:
        if "{" in head or "$(" in head:
            return True
        if "=" in head and ("===" in head or "!==" in head or "= /" in head or "=/" in head):
            return True
        if "//" in head and (" //" in head or "\t//" in head or "\n//" in head or head.lstrip().startswith("//")):
            return True
        if any(lit in head for lit in lits):
            return True
        return "this." in head and res._THIS_MEMBER.search(head) is not None

    for text in _hint_texts():
        assert res._may_hold_js(text) == before(text), repr(text)


def test_ngram_zeros_are_fresh_and_complete() -> None:
    from corpusgov.quality import ngram_repeats as ng

    a, b = ng._zeros(), ng._zeros()
    assert list(a) == [f"top_{n}gram_frac" for n in (2, 3, 4)] + [f"dup_{n}gram_frac" for n in range(5, 11)]
    assert set(a.values()) == {0.0}
    a["top_2gram_frac"] = 1.0
    assert b["top_2gram_frac"] == 0.0 and ng._zeros()["top_2gram_frac"] == 0.0


def test_zh_unit_runs_equal_the_per_character_pattern() -> None:
    import re

    from corpusgov.quality import junk_fragments as frag

    before = re.compile(r"(?:[^。！？!?…]|[!?](?!\s|$))+(?:[。！？…]+|[!?]+(?=\s|$))?")
    rnd = random.Random(5)
    flats = ["".join(rnd.choice("中文。！？!?…a \n.") for _ in range(rnd.randint(0, 30))) for _ in range(20_000)]
    flats += [frag._WHITE.sub("", t[:3000]).replace("...", "…") for t in _dev_texts()]
    for flat in flats:
        assert frag._ZH_UNIT.findall(flat) == before.findall(flat), repr(flat)


def test_det_misorder_over_determiners_equals_the_loop_over_words() -> None:
    from corpusgov.quality import naturalness as nat

    def before(text: str) -> float:
        words = text[: nat.PREFIX_CHARS].lower().split()
        is_det = [w in nat._DETERMINERS for w in words]
        n = sum(is_det)
        if n < 6:
            return 0.0
        bad = sum(1 for i in range(len(words) - 1) if is_det[i] and words[i + 1] in nat._FUNCTION_WORDS)
        if bad:
            cased = text[: nat.PREFIX_CHARS].split()
            if len(cased) != len(words):
                cased = words
            bad -= sum(1 for i in range(len(words) - 1)
                       if is_det[i] and words[i + 1] in nat._FUNCTION_WORDS and nat._named_keyword(cased, words, i + 1))
        return bad / n

    rnd = random.Random(9)
    vocab = "the a an my its The THE of and is FROM for loop if statement Not Junk button in operator word . ,".split()
    texts = [" ".join(rnd.choice(vocab) for _ in range(rnd.randint(0, 80))) for _ in range(5000)] + _dev_texts()
    for text in texts:
        assert nat.det_misorder_frac(text) == before(text), repr(text)


def test_digit_word_count_by_map_equals_the_loop() -> None:
    from corpusgov.quality import junk_noise as noise

    rnd = random.Random(4)
    texts = [" ".join("".join(rnd.choice("ab1l0os5") for _ in range(rnd.randint(2, 6))) for _ in range(rnd.randint(0, 40)))
             for _ in range(3000)] + ["l1ke h3llo 0f 5ubject mp3 3rd 10px i18n"] + _dev_texts()
    for text in texts:
        toks = set(noise._tokens(text))
        hits = sum(1 for t in toks if not t.isalpha() and noise._is_digit_word(t))
        assert noise.digit_word_frac(text) == (hits / len(toks) if hits >= 3 else 0.0), repr(text)
