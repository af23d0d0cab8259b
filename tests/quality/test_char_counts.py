"""The batch passes of the quality signals equal the per-text scans they replace (issue 13: speed only).

- ``char_counts.char_counts_batch``: every count (the words of ``str.split()`` and the longest of them too) equals the scan ``signals._signals`` took before (written out below
  verbatim as the reference), on the shared real-text dev set, random strings over every class the table knows and
  hand-picked edges (empty text, non-strings, lone surrogates, code points past the script table, white space that
  ``str.split`` knows beyond ASCII);
- the class table itself: its white-space bit is ``str.isspace`` and its letter bit is what ``str.translate`` keeps,
  for every code point, and the cached table equals a fresh build;
- ``signals._runs_of_four_batch`` equals ``_copies_at(codes[:2000], 1)`` per text (runs across two texts, at the
  2,000-token cut, short and empty texts), and ``_tandem`` gives the same value with the batch's answer as without.
"""

from __future__ import annotations

import json
import random

import numpy as np
import pytest

from corpusgov.quality import char_counts as cc
from corpusgov.quality import signals as sg
from corpusgov.quality.eval import real_text_eval as rte
from corpusgov.quality.language import script_table

_DIGITS = "0123456789０１２３４５６７８９"


def _reference(text: object) -> cc.CharCounts:
    """The scans ``signals._signals`` and ``_tokenise`` took before (a non-string was the empty text)."""
    t = text if isinstance(text, str) else ""
    coded = t.translate(script_table())
    return cc.CharCounts(
        letters=len(coded),
        hkg=coded.count("H") + coded.count("K") + coded.count("G"),
        hkt=coded.count("H") + coded.count("K") + coded.count("T"),
        spaces=len(t) - sum(map(len, t.split())),
        digits=sum(map(t.count, "0123456789" if t.isascii() else _DIGITS)),
        control=len(sg._CONTROL_RE.findall(t)),
        replacement=t.count("\ufffd"),
        words=len(t.split()),
        longest_word=max(map(len, t.split()), default=0),
    )


_ALPHABET = (
    "aZ09 \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u1680\u2000\u2028\u2029\u202f\u3000\x00\x08\x0e\x7f\x9f\xad"
    "中文字𠀀𪚥ひカｶー한글กขไ٣४١٢०０９５ÃéßİΣЖא\ufffd\ufeff\u200b#.…,;!?。，、"
    "\ud800\udfff\U00030000\U000e0001\U000f0000\U0010ffff\U0001f600"
)
EDGE: list[object] = ["", " ", "  ", "\n", "a", " a", "a ", "a\u3000bb\x85ccc \t", "", "中",
                      "\ufffd", "\x00", "\ud800", "\U00030000\U0010ffff", "１２３ 456",
                      "\x1c\x1d\x1e\x1f", "\x85\u2028 x", "ab\ud800cd\udfff", None, 12, "ǅİ" * 3, "ก" * 5 + "中" * 3]


def _dev_texts() -> list[str]:
    if not rte.dev_path().is_file():
        pytest.skip(f"real-text dev set absent ({rte.dev_path()})")
    with rte.dev_path().open(encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f if line.strip()]


def _random_texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 60))) for _ in range(n)]


def _check(texts: list[object]) -> None:
    for i in range(0, len(texts), 97):  # batches of uneven size
        batch = texts[i:i + 97]
        assert cc.char_counts_batch(batch) == [_reference(t) for t in batch]


def test_counts_equal_scans_on_edges_and_random_text() -> None:
    _check(EDGE)
    _check(list(_random_texts(3000, 1)))
    assert cc.char_counts_batch([]) == []
    one = "Ab 中 ก ١ ５\ufffd\x01"
    assert cc.char_counts_batch([one])[0] == cc.CharCounts(letters=4, hkg=1, hkt=2, spaces=4, digits=1, control=1,
                                                          replacement=1, words=5, longest_word=3)


def test_counts_equal_scans_on_dev_set() -> None:
    _check(list(_dev_texts()))


def test_class_table_matches_str_methods_at_every_code_point() -> None:
    table = cc.class_table()
    assert np.array_equal(table, cc._build_table()["table"])  # the cached table is a fresh build
    every = "".join(map(chr, range(0x110000)))
    spaces = np.zeros(0x110000, dtype=bool)
    spaces[[cp for cp in range(0x110000) if every[cp].isspace()]] = True
    assert np.array_equal((table & cc._SPACE) != 0, spaces)
    assert int(((table & cc._LETTER) != 0).sum()) == len(every.translate(script_table()))
    letters = np.zeros(0x110000, dtype=bool)
    letters[[cp for cp, c in enumerate(script_table()) if c is not None]] = True
    letters[len(script_table()):] = True  # past the table: str.translate keeps the character
    assert np.array_equal((table & cc._LETTER) != 0, letters)
    assert int(np.max(table)) < cc._N_CLASSES


def _ids(rng: random.Random, n: int, alphabet: int) -> np.ndarray:
    return np.array([rng.randrange(alphabet) for _ in range(n)], dtype=np.uint64)


def test_runs_of_four_batch_equals_per_text_test() -> None:
    rng = random.Random(7)
    cases = [np.zeros(0, dtype=np.uint64), np.array([5, 5, 5], dtype=np.uint64), np.array([5] * 4, dtype=np.uint64),
             np.array([1, 2] + [3] * 4, dtype=np.uint64), np.arange(2500, dtype=np.uint64)]
    head = np.arange(2500, dtype=np.uint64)
    head[1997:2001] = 9  # a run crossing the 2,000-token cut: not read
    cases.append(head)
    head = head.copy()
    head[1996:2000] = 8  # a run ending at the cut: read
    cases.append(head)
    cases += [_ids(rng, rng.randint(0, 40), rng.choice((2, 3, 5, 50))) for _ in range(600)]
    # runs of three at the end of one text and one at the start of the next: never four across them
    cases += [np.array([0, 1, 4, 4, 4], dtype=np.uint64), np.array([4, 2], dtype=np.uint64)]
    want = [sg._copies_at(c[:2000], 1) for c in cases]
    assert sg._runs_of_four_batch(cases) == want
    assert any(want) and not all(want)
    assert sg._runs_of_four_batch([]) == []


def test_runs_of_four_and_tandem_on_dev_tokens() -> None:
    codes = [sg._tokenise(t, None).codes for t in _dev_texts()]
    codes += [sg._tokenise(t, "en").codes for t in ("the the the the end", "a b a b a b a b a b", "x y z " * 9)]
    assert sg._runs_of_four_batch(codes) == [sg._copies_at(c[:2000], 1) for c in codes]
    for c, r in zip(codes, sg._runs_of_four_batch(codes), strict=True):
        for dup6, dup10 in ((0.0, 0.0), (0.5, 0.0), (0.5, 0.5)):
            assert sg._tandem(c, dup6, dup10, r) == sg._tandem(c, dup6, dup10)
    assert sg._runs_of_four_batch(codes[-3:]) == [True, False, False]
