"""Shapes of machine-made text that no language statistic sees: each signal is one cheap check with a reason.

- ``tandem_repeat_frac``: share of tokens inside a tandem repeat — a span of 1-10 tokens repeated at least four
  times in a row ("the value of the value of the value of ..."; "哈哈哈哈"). A generator stuck in a loop, a
  scraper that re-read a buffer, a comment flood. Real text repeats phrases, rarely four times back to back:
  0 on 99.9% of the dev and held-out good documents (a doctest listing ``text/plain`` lines reaches 0.51).
- ``machine_lines_frac``: share of lines (of >= 3) that begin with a log time stamp (``2026-01-02``,
  ``12:03:04``, ``[ 12.345]``, ``Jan  2 12:03``) or end in a dot leader and a page number (a table of
  contents); such pages are logs and indexes, not text. 0.14 at most on good documents.
- ``sorted_words_frac`` (spaced scripts, >= 30 words in the first 1,000 characters): share of adjacent words in alphabetical order. Prose is
  near 0.5 whatever its language; an index, a tag list or a sorted keyword dump is near 1.0 (0.85 at most on
  good documents).
- ``utf8_as_gbk_frac``: share of the Han characters that turn back into valid Chinese when encoded as GBK and
  decoded as UTF-8: Chinese UTF-8 read as GBK, the commonest Chinese mojibake ("鏂囦欢" for 文件), which is
  made of real characters and so passes every frequency test. Real GBK text decodes so by chance in short
  stretches only (0.19 at most on good documents; mojibake 0.2-0.8).
"""

from __future__ import annotations

import re

import numpy as np

_MAX_CHARS = 2000
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
_MIN_HAN = 10
# Whole-text patterns (multi-line mode): one C-level pass instead of one match per line.
_STAMP = re.compile(
    r"^[ \t]*(?:\[?\d{4}[-/.]\d{1,2}[-/.]\d{1,2}[ T]\d{1,2}:\d{2}|\[?\d{1,2}:\d{2}:\d{2}|\[\s*\d+\.\d+\]"
    r"|[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2})(?!.*(?:\.[ \t]?){4,}[ \t]*\d+[ \t]*$)",
    re.M,
)
_LEADER = re.compile(r"(?:(?:\.[ \t]?){4,}|…{2,}|·{4,})[ \t]*\d+[ \t]*$", re.M)
_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]{2,}")
SORT_CHARS = 1000
_MIN_COPIES = 4
_MAX_PERIOD = 10


def tandem_repeat_frac(codes: np.ndarray) -> float:
    """Share of positions covered by a period-1..10 repeat of >= 4 copies, over integer token ids (int64).

    One comparison of every token with the next 10 (a strided view), then, only for the lags that have three
    matches in a row (most text has none), a windowed sum of the matches: a repeat of period p and 4 copies is
    3p consecutive matches at lag p."""
    m = len(codes)
    if m < 20:
        return 0.0
    # Ten distinct ids past the end, so a repeat that runs to the last token is compared at every lag.
    padded = np.concatenate([codes, codes.max() + 1 + np.arange(_MAX_PERIOD, dtype=codes.dtype)])
    step = padded.strides[0]
    win = np.lib.stride_tricks.as_strided(padded, shape=(m, _MAX_PERIOD + 1), strides=(step, step))
    eq = win[:, 1:] == win[:, :1]  # eq[i, p-1]: token i equals token i+p
    lags = np.flatnonzero((eq[:-2] & eq[1:-1] & eq[2:]).any(axis=0)) + 1
    if not len(lags):
        return 0.0
    csum = np.zeros((eq.shape[0] + 1, _MAX_PERIOD), dtype=np.int32)
    np.cumsum(eq, axis=0, out=csum[1:])
    starts_all, ends_all = [], []
    for p in lags.tolist():
        need = (_MIN_COPIES - 1) * p
        if eq.shape[0] <= need:
            continue
        col = csum[:, p - 1]
        starts = np.flatnonzero(col[need:] - col[:-need] == need)
        if len(starts):
            starts_all.append(starts)
            ends_all.append(np.minimum(starts + need + p, m))
    if not starts_all:
        return 0.0
    edges = np.bincount(np.concatenate(starts_all), minlength=m + 1) - np.bincount(np.concatenate(ends_all),
                                                                                    minlength=m + 1)
    return float((np.cumsum(edges[:m]) > 0).mean())


def machine_lines_frac(text: str, n_lines: int) -> float:
    """Share of the ``n_lines`` non-empty lines that are time-stamped log lines or table-of-contents lines (>= 3
    lines). A line that is both counts once (the stamp pattern leaves out lines ending in a leader)."""
    if n_lines < 3:
        return 0.0
    stamps = len(_STAMP.findall(text)) if ":" in text or "]" in text else 0
    leaders = len(_LEADER.findall(text)) if "...." in text or ". . ." in text or "……" in text or "····" in text else 0
    return min(1.0, (stamps + leaders) / n_lines)


def sorted_words_frac(text: str, words: list[str] | None = None) -> float:
    """Share of adjacent words (2+ letters, lower-cased) in non-decreasing order; 0.0 below 30 words. ``words``: the
    words of the first 1,000 characters when the caller has them already."""
    if words is None:
        words = _WORD.findall(text[:SORT_CHARS].lower())
    if len(words) < 30:
        return 0.0
    return sum(map(str.__le__, words, words[1:])) / (len(words) - 1)


def utf8_as_gbk_frac(text: str) -> float:
    """Share of Han characters in runs that re-decode (GBK bytes read as UTF-8) into Han characters; 0.0 below
    10 Han characters. Three UTF-8 bytes make one Han character, two GBK characters make four bytes."""
    runs = _HAN_RUN.findall(text[:_MAX_CHARS])
    n = sum(map(len, runs))
    if n < _MIN_HAN:
        return 0.0
    back = 0
    for run in runs:
        try:
            raw = run.encode("gbk")
        except UnicodeEncodeError:
            continue
        back += sum(map(len, _HAN_RUN.findall(raw.decode("utf-8", errors="replace"))))
    return min(1.0, back * 1.5 / n)
