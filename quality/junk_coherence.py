"""Line-join signals: does a hard-wrapped text go on across its line breaks the way it goes on inside its lines?

Why: a paragraph with every other line dropped, two columns read across, or lines of several texts interleaved keeps
every line real, so every document-level mean of pair evidence (``quality.textlm``, ``quality.zh_order``) moves by a
few pairs among hundreds. In real hard-wrapped text (man pages, the Python documentation, fixed-width Chinese) a
line break falls wherever the width runs out, inside phrases and words, so the word or character pair across a
break is as likely under the language model as the pairs inside a line; where lines were dropped or interleaved,
the pair across a break was never adjacent. Each signal compares the breaks of one document with that document's
own in-line pairs, so a register or domain the model knows badly moves both sides alike.

- ``wrap_join_gap_en``: mean ``textlm`` gain (log10 P(word | previous) - log10 P(word)) of the English word pairs
  inside lines minus that of the pairs across a single line break after a *filled* line (at least ``FILLED`` of
  the document's 90th-percentile line width, which is at least ``MIN_WIDTH`` columns); from ``MIN_JOINS`` such
  joins and ``MIN_INNER`` in-line pairs, neutral 0.0 (no evidence of a gap); the gap is shrunk by joins / (joins +
  ``PRIOR_JOINS``), so that a few joins cannot make a large one.
- ``wrap_join_gap_zh``: the same for the Han characters on either side of such a break (spaces and indentation
  around the break skipped; not a break before a line that opens a definition item, a label of at most
  ``ITEM_LABEL`` characters and its colon, "触摸板：同步…": such a list is no wrapped paragraph). The in-line baseline is the mean gain of the adjacent Han pairs (``zh_lm_gain``), or,
  for text whose translators put spaces between words (zh_CN man pages, which groff wraps only at those spaces), the
  mean gain of the Han pairs across an in-line space, since such text breaks lines only between words.

Verse, lists, dialogue and tables do not reach the width gate (short lines) or have no filled line ending in a word
or Han character before a break. Computed on the arrays ``quality.textlm`` already has for a batch, from the break
and Han positions (no pass over every character).

Use: ``wrap_join_gap_zh`` is a drop rule (threshold in the policy files, with its source); ``wrap_join_gap_en`` is a
score signal only (on the tuned sets the Python documentation's 90th percentile, 0.78, lies above the median of its
own paragraphs with every other line dropped, 0.68: English word pairs across a break are weak evidence in a 1 KB
text). Measured on the tuned sets and not kept (2026-12-06): the unshrunk gap (above the highest tuned good
document it catches 39 of 125 guard news / novels re-wrapped at 18-30 characters with every other line dropped, shrunk
by 3 / 6 pseudo-joins 50 / 54); a z-score of the same gap (the in-line gains vary so much
that a few joins never reach it; it separated less), the gain of Han pairs across clause and sentence marks (clause
alternation and reversal, sentence shuffles and splices within 0.1 of good news and novels), and adjacent-sentence
overlap against sentences three apart (``textlm``'s ``adj_overlap_gain``: median 0.00-0.08 for good sets and for every
shuffled or spliced kind alike at bench lengths: noise).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

SIGNALS = ("wrap_join_gap_en", "wrap_join_gap_zh")
NEUTRAL = {"wrap_join_gap_en": 0.0, "wrap_join_gap_zh": 0.0}
FILLED = 0.8
MIN_WIDTH = 32  # columns of the 90th-percentile line: verse and list lines are shorter
MIN_LINES = 4
MIN_JOINS = 3
PRIOR_JOINS = 6.0  # pseudo-joins of gap 0: a gap seen over a few joins is shrunk toward none
MIN_INNER = 10
SPACED_SHARE = 0.1  # Han pairs across an in-line space, per adjacent Han pair, from which text counts as word-spaced
HAN_LO, HAN_HI = 0x4E00, 0x9FFF


BLANKS = (32, 9, 0xA0, 0x3000)
MAX_SKIP = 16  # blanks skipped around a break (indentation) or between words


class Lines:
    """The lines of a batch's code points ``a`` (documents joined by U+0000): the positions of its breaks, which line a
    position is on, each line's document and whether it is filled. Widths count a Han character as two columns (other
    wide characters as one: close enough for a width gate); everything comes from the break and Han positions, not
    from passes over the whole batch."""

    def __init__(self, a: np.ndarray, seps: np.ndarray, han_idx: np.ndarray, n: int) -> None:
        self.nl = np.flatnonzero(a == 10)
        self.brk = np.union1d(self.nl, seps)
        end = np.concatenate((self.brk, [len(a)]))
        start = np.concatenate(([0], self.brk + 1))
        width = end - start + np.searchsorted(han_idx, end) - np.searchsorted(han_idx, start)
        self.doc = np.concatenate(([0], np.cumsum(np.isin(self.brk, seps), dtype=np.int64)))
        order = np.lexsort((width, self.doc))
        counts = np.bincount(self.doc, minlength=n + 1)[: n + 1]
        first = np.concatenate(([0], np.cumsum(counts)[:-1]))
        p90 = width[order][np.minimum(first + (0.9 * np.maximum(counts - 1, 0)).astype(np.int64), len(order) - 1)]
        thr = np.where((counts >= MIN_LINES) & (p90 >= MIN_WIDTH), FILLED * p90, np.inf)
        self.filled = width >= thr[self.doc]

    def line_of(self, pos: np.ndarray) -> np.ndarray:
        return np.searchsorted(self.brk, pos)


def _skip_blanks(a: np.ndarray, pos: np.ndarray, step: int) -> np.ndarray:
    """``pos`` moved by ``step`` while on a blank (at most ``MAX_SKIP`` times; stops at the batch's ends)."""
    pos = pos.copy()
    for _ in range(MAX_SKIP):
        inside = (pos >= 0) & (pos < len(a))
        on_blank = np.zeros(len(pos), dtype=bool)
        on_blank[inside] = np.isin(a[pos[inside]], BLANKS)
        if not on_blank.any():
            break
        pos[on_blank] += step
    return pos


def _is_han(a: np.ndarray, pos: np.ndarray) -> np.ndarray:
    ok = (pos >= 0) & (pos < len(a))
    v = a[np.clip(pos, 0, max(len(a) - 1, 0))]
    return ok & (v >= HAN_LO) & (v <= HAN_HI)


ITEM_LABEL = 8  # Han characters of a label before its colon ("文本编辑器：同步…"): a line that opens an item


def _item_start(a: np.ndarray, pos: np.ndarray) -> np.ndarray:
    """Whether the line at ``pos`` opens a definition item: a colon within ``ITEM_LABEL`` characters, before the
    line's end, followed by Han words ("键盘：同步设置键盘设置" after "鼠标：同步设置鼠标设置"; not "微信同号：400…"). A list of such items whose descriptions end
    without a mark fills its lines, yet the break before an item is no wrap: the pair across it was never a phrase."""
    found = np.zeros(len(pos), dtype=bool)
    stop = np.zeros(len(pos), dtype=bool)
    for k in range(1, ITEM_LABEL + 1):
        at = pos + k
        v = a[np.minimum(at, max(len(a) - 1, 0))]
        stop |= (at >= len(a)) | (v == 10) | (v == 0)
        found |= ~stop & ((v == 0xFF1A) | (v == 58)) & _is_han(a, _skip_blanks(a, at + 1, 1))
    return found


def _means(doc: np.ndarray, vals: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(count, mean) of ``vals`` per document."""
    cnt = np.bincount(doc, minlength=n + 1)[: n + 1]
    return cnt, np.bincount(doc, weights=vals, minlength=n + 1)[: n + 1] / np.maximum(cnt, 1)


def _gap(base: tuple[np.ndarray, np.ndarray], cross: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """In-line mean gain minus the mean gain across breaks, shrunk toward 0 as if ``PRIOR_JOINS`` more joins had no
    gap (x joins / (joins + PRIOR_JOINS)): real text with 3-4 joins reached 1.1 unshrunk; 0.0 without ``MIN_JOINS``
    joins and ``MIN_INNER`` in-line pairs."""
    ok = (base[0] >= MIN_INNER) & (cross[0] >= MIN_JOINS)
    return np.where(ok, (base[1] - cross[1]) * cross[0] / np.maximum(cross[0] + PRIOR_JOINS, 1), 0.0)


def wrap_signals(a: np.ndarray, seps: np.ndarray, han_idx: np.ndarray, word_start: np.ndarray, word_len: np.ndarray,
                 word_doc: np.ndarray, en_gain: np.ndarray, en_pair_first: np.ndarray,
                 zh_gain: Callable[[np.ndarray, np.ndarray], np.ndarray], zh_pair_gain: np.ndarray,
                 zh_pair_doc: np.ndarray, n: int) -> dict[str, np.ndarray]:
    """The ``SIGNALS`` per document (arrays of ``n + 1``; the last slot is the batch's padding) from a batch's code
    points, the positions of its document separators and Han characters, its English words (start, length,
    document), the gain of each adjacent same-document word pair and the index of its first word, a function giving
    the gain of Han pairs (code points of first and second), and the gain and document of each adjacent Han pair."""
    out = {k: np.full(n + 1, v) for k, v in NEUTRAL.items()}
    if not len(a):
        return out
    lines = Lines(a, seps, han_idx, n)
    if not len(lines.nl):
        return out
    # English: word pairs with one line break between them, after a filled line, against the pairs inside a line.
    # Only the pairs around the breaks are looked up (a bench document has one or two breaks among 150 pairs).
    if len(en_pair_first):
        k = np.searchsorted(word_start, lines.nl) - 1  # the word before each break
        j = np.searchsorted(en_pair_first, k)  # its pair with the next word of the same document, if any
        has = (k >= 0) & (j < len(en_pair_first))
        has[has] = en_pair_first[j[has]] == k[has]
        j, at = j[has], lines.nl[has]
        pairs, first, breaks = np.unique(j, return_index=True, return_counts=True)
        cross = pairs[(breaks == 1) & lines.filled[lines.line_of(at[first])]]
        doc = word_doc[en_pair_first]
        all_cnt, all_mean = _means(doc, en_gain, n)
        br_cnt, br_mean = _means(doc[pairs], en_gain[pairs], n)
        in_cnt = all_cnt - br_cnt
        inner = (in_cnt, (all_cnt * all_mean - br_cnt * br_mean) / np.maximum(in_cnt, 1))
        out["wrap_join_gap_en"] = _gap(inner, _means(doc[cross], en_gain[cross], n))
    # Chinese: the Han characters on either side of a break after a filled line (blanks around the break skipped; a
    # blank line stops the skip at its break, which is no Han character).
    left = _skip_blanks(a, lines.nl - 1, -1)
    right = _skip_blanks(a, lines.nl + 1, 1)
    keep = _is_han(a, left) & _is_han(a, right) & ~_item_start(a, right)
    left, right = left[keep], right[keep]
    left, right = left[lines.filled[lines.line_of(left)]], right[lines.filled[lines.line_of(left)]]
    if not len(left):
        return out
    # Han pairs across an in-line space (the baseline of word-spaced text).
    sp = han_idx[np.isin(a[np.minimum(han_idx + 1, len(a) - 1)], BLANKS)]
    sr = _skip_blanks(a, sp + 1, 1)
    has = _is_han(a, sr)
    sp, sr = sp[has], sr[has]
    g = zh_gain(np.concatenate((a[left], a[sp])), np.concatenate((a[right], a[sr])))
    docs = lines.doc[lines.line_of(np.concatenate((left, sp)))]
    is_cross = np.arange(len(g)) < len(left)
    spaced_m = _means(docs[~is_cross], g[~is_cross], n)
    adjacent_m = _means(zh_pair_doc, zh_pair_gain, n)
    spaced = (spaced_m[0] >= MIN_INNER) & (spaced_m[0] >= SPACED_SHARE * adjacent_m[0])
    base = (np.where(spaced, spaced_m[0], adjacent_m[0]), np.where(spaced, spaced_m[1], adjacent_m[1]))
    out["wrap_join_gap_zh"] = _gap(base, _means(docs[is_cross], g[is_cross], n))
    return out
