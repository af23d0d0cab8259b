"""Back-to-back copies of a phrase, counted on characters: a looping generator or a scraper that re-read a buffer.

Why: ``junk_shapes.tandem_repeat_frac`` works on tokens with periods of up to ten tokens and asks for a share of
the document, so a long real paragraph followed by ten copies of a 30-character clause, or a loop whose unit
mixes Chinese, Latin words and symbols (one token per Han character), passes. Counting copies on characters
sees any unit of 4-200 characters.

- ``loop_copies_max``: the largest number of back-to-back copies of one unit of 4-200 characters that holds a
  word (two Han characters, or a Latin word of 4+ letters with 3+ distinct ones; so table borders, ``=====``
  underlines, ``ffff:ffff:…`` and ``abc, abc, …`` examples in documentation never count). Found from the
  previous occurrence of every character 8-gram (one sort): a run of positions whose previous occurrence lies
  the same distance p back is a repeat of period p. Real text repeats a refrain two to four times; the dev
  and held-out good documents reach 3.75 (a threshold of 6 leaves a margin). zh adaptation: none needed,
  characters are the unit in every script.
"""

from __future__ import annotations

import re

import numpy as np

_MAX_CHARS = 2000  # as the token signals: cost stays constant per document
_K = 8  # characters per gram: shorter grams recur by chance in Chinese
_MIN_PERIOD = 4
_MAX_PERIOD = 200
_HAN2 = re.compile(r"[\u4e00-\u9fff].*[\u4e00-\u9fff]", re.S)
_LATIN_WORD = re.compile(r"[A-Za-z]{4,}")


def _holds_a_word(unit: str) -> bool:
    """Two Han characters, or a Latin word of 4+ letters with 3+ distinct ones: not a border, a hex group
    (``ffff:``) or a toy value (``abc, ``) that documentation repeats on purpose."""
    if _HAN2.search(unit):
        return True
    return any(len(set(w.lower())) >= 3 for w in _LATIN_WORD.findall(unit))


def loop_copies_max(text: str) -> float:
    """Largest count of back-to-back copies of a 4-200 character unit with >= 2 letters; 1.0 when none repeats."""
    head = text[:_MAX_CHARS]
    n = len(head) - _K + 1
    if n < 2 * _MIN_PERIOD:
        return 1.0
    cps = np.frombuffer(head.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    h = np.zeros(n, dtype=np.uint64)
    for j in range(_K):  # polynomial hash of every 8-gram (wraps modulo 2**64; collisions only add a false lag)
        h = h * np.uint64(1_000_003) + cps[j:j + n]
    order = np.argsort(h, kind="stable")
    hs = h[order]
    same = np.flatnonzero(hs[1:] == hs[:-1])
    if not len(same):
        return 1.0
    lag = np.zeros(n, dtype=np.int64)
    lag[order[same + 1]] = order[same + 1] - order[same]  # distance back to the previous occurrence
    ok = (lag >= _MIN_PERIOD) & (lag <= _MAX_PERIOD)
    # Runs of equal lag: a tandem repeat of period p gives a run of (copies - 1) * p - K + 1 positions with lag p.
    change = np.flatnonzero(np.diff(np.concatenate([[0], np.where(ok, lag, 0), [0]])) != 0)
    best = 1.0
    for a, b in zip(change[:-1], change[1:], strict=True):
        p = int(lag[a])
        if not ok[a] or p <= 0:
            continue
        copies = (b - a + _K - 1) / p + 1
        if copies > best and _holds_a_word(head[a:a + p]):
            best = copies
    return float(best)
