"""Cheap tests on the text around a number that say it is a quantity, not an identifier.

Why: a valid-looking phone or mobile number in technical prose is often a value ("odds are 13562190123 to 1",
a row of Fibonacci numbers, `2147483647`). These checks look only at the characters right next to the match.
"""

from __future__ import annotations

import re

_ODDS_AFTER = re.compile(r"[ \t]*(?:-?to-?|:|against)[ \t]*(?:1|one)(?![0-9])", re.I)
_ODDS_BEFORE = re.compile(r"\b(?:odds|ratio|probability|chances?)\b[^.\n]{0,40}$", re.I)
_SKIP = " \t,;"


def is_odds_or_ratio(text: str, start: int, end: int) -> bool:
    """`N to 1`, `N:1`, or a number shortly after "odds"/"ratio"/"probability" in the same sentence."""
    return bool(_ODDS_AFTER.match(text, end)) or bool(_ODDS_BEFORE.search(text, max(0, start - 48), start))


def in_number_list(text: str, start: int, end: int, across_lines: bool = False) -> bool:
    """The nearest non-blank character before or after the span (skipping blanks, commas and semicolons; line
    breaks too when `across_lines`) is a digit: the span is one value in a row of numbers (a table, a sequence,
    program output)."""
    skip = _SKIP + "\n\r" if across_lines else _SKIP
    i = start - 1
    while i >= 0 and text[i] in skip:
        i -= 1
    if i >= 0 and i < start - 1 and text[i].isdigit():
        return True
    j = end
    while j < len(text) and text[j] in skip:
        j += 1
    return j < len(text) and j > end and text[j].isdigit()
