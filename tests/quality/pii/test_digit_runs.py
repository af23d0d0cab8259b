"""`digit_runs_batch` (the scanner's digit runs of a batch in one numpy pass) gives what the regex per text gave:
the longest run of ASCII digits and `digit_context` of the runs, whatever the batch holds."""

from __future__ import annotations

import json
import random
import re

import pytest

from corpusgov.quality.eval import real_text_eval as rte
from corpusgov.quality.eval.pii_eval import load
from corpusgov.quality.eval.pii_speed import make_docs
from corpusgov.quality.pii.base import NEAR_GAP, digit_context
from corpusgov.quality.pii.digit_runs import digit_runs_batch

_RUN = re.compile(r"[0-9]+")


def _reference(texts: list[str]) -> tuple[list[int], list[str]]:
    """The scanner's old per-text path: `re.finditer` spans, their longest, `digit_context`."""
    longest, near = [], []
    for text in texts:
        runs = [m.span() for m in _RUN.finditer(text)]
        longest.append(max((e - s for s, e in runs), default=0))
        near.append(digit_context(text, runs))
    return longest, near


EDGE = [
    "",
    "7",
    "12345",
    "no digits at all",
    "0 at the start, 9 at the end 9",
    "gaps: 12 34  56   78    90",  # gaps of 1, 2, 3 (joined) and 4 (a new piece)
    "\n1\n2\n",
    "full-width ０１２ and Arabic-Indic ٠١٢ and superscript ²³ are no ASCII digits; 0 is",
    "/:09/:",  # the code points around the ASCII digits
    "电话13800138000，身份证号110101199003074518",
    "😀12😀34𠀋5678 astral characters between runs",
    "lone surrogate \ud800 then 42 and \udfff99",
    "1" * 40 + "x" + "2" * 41,
]


def _generated(n: int, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    alphabet = ["0", "1", "9", " ", "\n", "-", "/", "a", "Z", "中", "，", "０", "٣", "😀", "\ud834", ":", "@"]
    weights = [6, 6, 6, 4, 2, 2, 1, 4, 1, 4, 1, 1, 1, 1, 1, 1, 1]
    return ["".join(rng.choices(alphabet, weights, k=rng.randrange(0, 80))) for _ in range(n)]


def test_equal_on_edge_cases_alone_and_together() -> None:
    for text in EDGE:
        assert digit_runs_batch([text]) == _reference([text])
    assert digit_runs_batch(EDGE) == _reference(EDGE)
    assert digit_runs_batch([]) == ([], [])
    assert digit_runs_batch(["", ""]) == ([0, 0], ["", ""])


def test_equal_on_generated_strings_in_any_batch() -> None:
    texts = _generated(3000)
    want = _reference(texts)
    assert any(w >= 5 for w in want[0]) and any(w == 0 for w in want[0])  # both kinds are there
    assert any(n.count("\n") > 1 for n in want[1])  # texts with several pieces
    for size in (1, 7, 256, len(texts)):
        got_l: list[int] = []
        got_n: list[str] = []
        for i in range(0, len(texts), size):
            longest, near = digit_runs_batch(texts[i : i + size])
            got_l += longest
            got_n += near
        assert (got_l, got_n) == want


def test_equal_on_pi_texts() -> None:
    texts = [d["text"] for d in load()] + make_docs("zh", 200, seed=11) + make_docs("en", 200, seed=11)
    assert digit_runs_batch(texts) == _reference(texts)


@pytest.mark.skipif(not rte.dev_path().is_file(), reason=f"real-text dev set absent: {rte.dev_path()}")
def test_equal_on_real_text_dev() -> None:
    with open(rte.dev_path(), encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f if line.strip()]
    assert len(texts) > 1000
    for i in range(0, len(texts), 256):
        assert digit_runs_batch(texts[i : i + 256]) == _reference(texts[i : i + 256])


def test_the_gap_rule_is_read() -> None:
    """A gap of NEAR_GAP characters joins two runs into one piece, one more starts a new piece."""
    joined = "ab12" + "x" * NEAR_GAP + "34cd"
    split = "ab12" + "x" * (NEAR_GAP + 1) + "34cd"
    assert digit_runs_batch([joined])[1] == [joined[2 - 2 : -1]]
    assert digit_runs_batch([split])[1][0].count("\n") == 1
