"""estimate_tokens (one `subn` per text) equals the plain definition: CJK characters counted, the rest split."""

from __future__ import annotations

import random
import re

from corpusgov.aggregates import _token_classes, estimate_tokens, estimate_tokens_batch

_CJK = re.compile("[\u3040-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_CJK_BLANKED = re.compile("[\u3040-\u9fff\uac00-\ud7af]")


def _reference(text: str) -> int:
    cjk = len(_CJK.findall(text))
    other = _CJK_BLANKED.sub(" ", text) if cjk else text
    return cjk + int(round(len(other.split()) * 1.3))


def test_known_values() -> None:
    assert estimate_tokens("") == 0
    assert estimate_tokens("one two three") == 4  # round(3 * 1.3)
    assert estimate_tokens("中文abc") == 3  # two CJK characters and one word
    # compatibility ideographs count as CJK and are not blanked: 2 + round(2 words * 1.3)
    assert estimate_tokens("\uf900\uf901 a") == 5


def test_equals_definition_on_random_mixed_text() -> None:
    rng = random.Random(7)
    alphabet = " \t\n\x1c\x85\u00a0\u3000\u2028ab9中文\uf900\ufaffｱ한가\u3040\u309f\ud7b0.,é\U0001F600"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))) for _ in range(5000)]
    texts += ["plain ascii words only", "x" * 50, "混合 mixed 文本 text。"]
    assert [estimate_tokens(t) for t in texts] == [_reference(t) for t in texts]


def test_batch_equals_one_text_at_a_time() -> None:
    """`estimate_tokens_batch` (numpy over the code points of 256 texts at a time) equals `estimate_tokens` per
    text: the random texts above (every separator kind, empty texts, astral and compatibility characters), in
    lists that cross the chunk size, and lone surrogates."""
    rng = random.Random(11)
    alphabet = " \t\n\x1c\x1f\x85\u00a0\u1680\u2000\u200a\u200b\u3000\u2028\u2029\u202f\u205f\u180eab9中文\uf900\ufaff" \
               "ｱ한가\u3040\u303f\u9fff\ua000\uac00\ud7af\ud7b0\uf8ff\ufb00.,é\U0001F600\U00020000"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))) for _ in range(1200)]
    texts += ["", " ", "plain ascii words only", "x" * 50, "混合 mixed 文本 text。", "\ud800 lone \udc00", "a\ud800\udc00b"]
    want = [estimate_tokens(t) for t in texts]
    assert estimate_tokens_batch(texts) == want
    for size in (1, 255, 256, 257, 513):
        assert estimate_tokens_batch(texts[:size]) == want[:size]
    assert estimate_tokens_batch([]) == []
    assert estimate_tokens_batch(["", "", ""]) == [0, 0, 0]


def test_batch_on_real_looking_text() -> None:
    """English, Chinese and mixed documents of the bench generator's kind: the same counts."""
    texts = [
        "The quick brown fox jumps over the lazy dog.\n\nSecond paragraph,\twith tabs and  double  spaces.",
        "我们今天讨论数据治理。The pipeline runs on 2 cores; 它的输出是 Parquet 表格。\u3000全角空格后继续。",
        "第一章\n\n  本文介绍 corpusgov 的设计：一个 Beam 管道。\n- 列表项一\n- 列表项二",
        "Café naïve coöperate — em dash…\u00a0no-break space, \u2009thin space, 한국어 텍스트 섞임.",
    ] * 70
    assert estimate_tokens_batch(texts) == [estimate_tokens(t) for t in texts]


def test_whitespace_of_split_is_inside_the_bmp() -> None:
    """The class table marks ``str.isspace()`` code points of the BMP only: no whitespace lies beyond it."""
    assert all(not chr(cp).isspace() for cp in range(0x10000, 0x110000))
    table = _token_classes()
    spaces = {cp for cp in range(0x10000) if chr(cp).isspace()}
    assert {int(cp) for cp in (table == 1).nonzero()[0]} == spaces
