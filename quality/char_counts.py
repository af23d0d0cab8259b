"""Per-document character-class counts of a whole batch in one NumPy pass (the quality signals' counts).

Why: ``signals._signals`` took each count with its own C scan of the text — ``str.translate`` through the script
table for the letters and the Han/Kana/Hangul/Thai shares, ten or twenty ``str.count`` for the digits, a regex for
the control characters, ``sum(map(len, text.split()))`` for the non-space characters, ``text.split()`` for the
number of words and the longest — each paying Python's per-call cost once per document. Here the batch is one
UTF-32 array, every code point gets a byte of class bits from one table, and one ``np.bincount`` over (document,
class byte) gives every count of every document; the gaps between white-space positions give the words. All counts
are integers, so they equal the scans they replace exactly (``tests/quality/test_char_counts.py``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from itertools import repeat
from typing import NamedTuple

import numpy as np

from corpusgov.quality.language import script_table

_LETTER = 1  # kept by ``str.translate(script_table())`` (a letter of any script; past the table's end: kept as is)
_HKG = 2  # coded H, K or G: Han, Kana, Hangul (``cjk_frac``)
_HKT = 4  # coded H, K or T: Han, Kana, Thai (``_is_unspaced`` for text of unknown language)
_SPACE = 8  # ``str.isspace`` (what ``str.split()`` splits on)
_DIGIT = 16  # 0-9 and the full-width ０-９
_CONTROL = 32  # [\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]: ``signals._CONTROL_RE``
_REPLACEMENT = 64  # U+FFFD
_BITS = (_LETTER, _HKG, _HKT, _SPACE, _DIGIT, _CONTROL, _REPLACEMENT)
_N_CLASSES = 128  # every class byte is below 128 (seven bits)


class CharCounts(NamedTuple):
    """One document's character counts (each equal to the scan named)."""

    letters: int  # len(text.translate(script_table()))
    hkg: int  # coded.count("H") + coded.count("K") + coded.count("G")
    hkt: int  # coded.count("H") + coded.count("K") + coded.count("T")
    spaces: int  # len(text) - sum(map(len, text.split()))
    digits: int  # sum(map(text.count, "0123456789０１２３４５６７８９"))
    control: int  # len(signals._CONTROL_RE.findall(text))
    replacement: int  # text.count("\ufffd")
    words: int  # len(text.split())
    longest_word: int  # max(map(len, text.split()), default=0)


_TABLE: np.ndarray | None = None
_BIT_MATRIX = ((np.arange(_N_CLASSES)[:, None] & np.array(_BITS)[None, :]) != 0).astype(np.int64)


def _build_table() -> dict[str, np.ndarray]:
    """Class byte of every code point (0 .. 0x10FFFF), from the script table and ``str.isspace``."""
    st = script_table()
    codes = {"H": _LETTER | _HKG | _HKT, "K": _LETTER | _HKG | _HKT, "G": _LETTER | _HKG, "T": _LETTER | _HKT, None: 0}
    table = np.full(0x110000, _LETTER, dtype=np.uint8)  # past the script table: str.translate keeps the character
    table[: len(st)] = np.fromiter(map(codes.get, st, repeat(_LETTER)), dtype=np.uint8, count=len(st))
    table[[cp for cp in range(0x110000) if chr(cp).isspace()]] |= _SPACE
    for c in "0123456789０１２３４５６７８９":
        table[ord(c)] |= _DIGIT
    for lo, hi in ((0x00, 0x08), (0x0B, 0x0C), (0x0E, 0x1F), (0x7F, 0x9F)):
        table[lo : hi + 1] |= _CONTROL
    table[0xFFFD] |= _REPLACEMENT
    return {"table": table}


def class_table() -> np.ndarray:
    """The class byte of every code point: built once per machine (``table_cache``, keyed by this module, the script
    table's module and the Unicode version Python's ``str.isalpha``/``isspace`` follow), read once per process."""
    global _TABLE
    if _TABLE is None:
        from corpusgov.quality import language
        from corpusgov.quality.table_cache import cached_arrays

        name = f"char_classes-{unicodedata.unidata_version}"
        _TABLE = cached_arrays(name, [__file__, language.__file__], _build_table)["table"]
    return _TABLE


def char_counts_batch(texts: Sequence[str]) -> list[CharCounts]:
    """``CharCounts`` of every text (a non-string counts as the empty text), in one pass over the joined batch.

    The texts are joined with a space after each, so every word of ``str.split()`` is a run of non-space code points
    between two white-space positions of one text; the added spaces are taken off each text's white-space count."""
    texts = [t if isinstance(t, str) else "" for t in texts]
    n = len(texts)
    if n == 0:
        return []
    lens = np.fromiter(map(len, texts), dtype=np.int64, count=n) + 1  # with the space after it
    cps = np.frombuffer(" ".join([*texts, ""]).encode("utf-32-le", "surrogatepass"), dtype="<u4")
    cls = class_table()[cps]
    key = cls.astype(np.int64)
    key += np.repeat(np.arange(0, n * _N_CLASSES, _N_CLASSES, dtype=np.int64), lens)
    hist = np.bincount(key, minlength=n * _N_CLASSES).reshape(n, _N_CLASSES)
    hist[:, cls[-1]] -= 1  # the added space
    counts = (hist @ _BIT_MATRIX).tolist()
    # Words: the gaps between consecutive white-space positions (a position -1 before the first); each text's gaps
    # end at its added space, so none crosses two texts.
    breaks = np.flatnonzero(cls & _SPACE)
    gaps = np.diff(breaks, prepend=-1) - 1
    last = np.searchsorted(breaks, np.cumsum(lens) - 1)  # the gap that ends at each text's added space
    first = np.zeros(n, dtype=np.int64)
    first[1:] = last[:-1] + 1
    longest = np.maximum.reduceat(gaps, first).tolist()  # every text has a gap (its last), so no segment is empty
    nonempty = np.zeros(len(gaps) + 1, dtype=np.int64)
    np.cumsum(gaps > 0, out=nonempty[1:])
    words = (nonempty[last + 1] - nonempty[first]).tolist()
    return [CharCounts._make((*c, w, m)) for c, w, m in zip(counts, words, longest, strict=True)]
