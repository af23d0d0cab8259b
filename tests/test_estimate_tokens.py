"""estimate_tokens (one `subn` per text) equals the plain definition: CJK characters counted, the rest split."""

from __future__ import annotations

import random
import re

from corpusgov.aggregates import estimate_tokens

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
