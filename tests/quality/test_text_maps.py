"""The per-character text maps of the annotators (issue 15, docs/profile.md): each fast path equals the definition it
replaces, on generated strings over the characters it reads (surrogates and code points beyond the BMP included), the
language eval texts and odd edge cases."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpusgov.quality import language, screening
from corpusgov.quality.copyright import scanner
from corpusgov.quality.eval.lang_eval import load
from corpusgov.quality.language import _SIMP_MARK, _TRAD_MARK, LanguageDetector

# Characters each map reads, plus neighbours: ASCII letters and the whitespace the copyright view blanks, the
# full-width forms and ideographic space screening folds, simplified/traditional pairs and the marks, the
# characters of the non-prose test, a lone surrogate, a surrogate pair's halves, an emoji and letters whose
# str.lower() differs (Ä, İ, Σ).
ALPHABET = ("aAzZ09_.-:/@<`(>)~ \t\n\r\U00030000\U000E0001αЖא\x0b\x0c\x1c\x85\xa0中文这這个個后後裡，。！ＡＢｃｚ０～！\u3000\uff00\uff5f"
            "\ud800\udc00\udbff\udfff😀ÄİΣ" + _SIMP_MARK + _TRAD_MARK)
EDGE = ["", "A", "\u3000", "Ａ", "\ud83d\ude00", "😀Ａ", "ＡBC😀", "İstanbul ÄÖÜ", "x\ud800y", "\t\n\r\x0b\x0c"]


@pytest.fixture(scope="module")
def det() -> LanguageDetector:
    return LanguageDetector()


def _texts() -> list[str]:
    return EDGE + [r["text"] for r in load()]


def _view_reference(text: str) -> tuple[str, list[int], list[int]]:
    """``copyright.scanner._trigger_view`` as it was: the dict translation and a generator over ``_INDENTS``."""
    low = text.translate(scanner._ASCII_LOWER)
    if not any(ws in text for ws in scanner._INDENTS):
        return low, [], []
    parts, at, removed, pos, gone = [], [], [], 0, 0
    for m in scanner._SPACES.finditer(low):
        parts.append(low[pos : m.start() + 1])
        gone += m.end() - m.start() - 1
        at.append(m.start() + 1 - (gone - (m.end() - m.start() - 1)))
        removed.append(gone)
        pos = m.end()
    parts.append(low[pos:])
    return "".join(parts), at, removed


def _check(det: LanguageDetector, text: str) -> None:
    assert screening._fold(text) == text.translate(screening._FOLD)
    assert scanner._ascii_lower(text) == text.translate(scanner._ASCII_LOWER)
    assert scanner._trigger_view(text) == _view_reference(text)
    assert language.may_be_non_prose(text) == (language._MAY_BE_NON_PROSE.search(text) is not None)
    assert det._zh_marks(text) == _zh_reference(det, text)
    assert language.script_counts(text) == language._count(text.translate(language.script_table()))


def _zh_reference(det: LanguageDetector, text: str) -> tuple[int, int]:
    zh = text.translate(det._zh_table)
    return zh.count(_SIMP_MARK), zh.count(_TRAD_MARK)


def test_maps_equal_their_definitions_on_eval_texts(det: LanguageDetector) -> None:
    for text in _texts():
        _check(det, text)


def test_maps_equal_their_definitions_on_generated_text(det: LanguageDetector) -> None:
    @settings(max_examples=1500, deadline=None, derandomize=True)
    @given(st.text(alphabet=ALPHABET, max_size=60))
    def check(text: str) -> None:
        _check(det, text)

    check()


def test_the_generated_text_reaches_every_path(det: LanguageDetector) -> None:
    """The alphabet covers each branch: non-ASCII text inside and beyond the BMP, marks counted, both gate answers."""
    assert screening._fold("ＡB😀") == "ab😀" and screening._fold("ＡB\u3000") == "ab "
    assert scanner._ascii_lower("Ä\tB") == "Ä b"
    assert det._zh_marks("这這" + _SIMP_MARK) == (2, 1)
    assert language.may_be_non_prose("a.b") and not language.may_be_non_prose("end. Next")
    assert language.may_be_non_prose("x -y") and not language.may_be_non_prose("well-known")
    assert language.script_counts("ab中\U00030000") == {"L": 2, "H": 1, "\U00030000": 1}  # beyond the table: kept
    assert language.script_counts("ab 中文 1") == {"L": 2, "H": 2} and language.script_counts("") == {}
    assert scanner._trigger_view("A  b")[1:] == ([2], [1]) and scanner._trigger_view("a b")[1:] == ([], [])


def test_script_counts_batch_equals_one_sample_at_a_time() -> None:
    """`script_counts_batch` (one look-up and ``bincount`` over all samples) equals ``script_counts`` per sample,
    key order included: the eval texts, the edge cases, generated strings (beyond the table, surrogates, empty
    samples between others) and an empty batch."""
    import random

    rng = random.Random(5)
    generated = ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 40))) for _ in range(600)]
    for samples in (_texts(), EDGE, generated, ["", "", "ab"], ["\U00030000"], []):
        got = language.script_counts_batch(samples)
        want = [language.script_counts(s) for s in samples]
        assert got == want
        assert [list(c.items()) for c in got] == [list(c.items()) for c in want]


def test_detect_mix_batch_prepares_each_text_as_detect_mix(det: LanguageDetector) -> None:
    """The batch's prose windows and counts (`_prose_batch`) are each text's own (`_prose`), and the batch's
    results equal ``detect_mix`` per text: eval texts, edge cases, code-only text (the raw-window fallback) and a
    non-string."""
    texts = [*_texts(), "`x` <b> /usr/bin/ls --help a_b", "--opt /p/q", 7, None, ""]
    prepared = det._prose_batch(texts)  # type: ignore[arg-type]  # odd input on purpose
    for text, p in zip(texts, prepared, strict=True):
        if isinstance(text, str) and text:
            assert p == det._prose(text)
            assert [list(c) for c in (p[1],)] == [list(det._prose(text)[1])]
        else:
            assert p is None
    assert det._prose("`x` <b>")[0] == language._windows("`x` <b>", det._width, det._count)  # the fallback
    assert det.detect_mix_batch(texts) == [det.detect_mix(t) for t in texts]  # type: ignore[arg-type]
