"""Pages of one sentence template with a different item in each line (docs round 11, issue 13).

Why: a help page often describes a family of controls line by line in one sentence, changing only the item ("选择「视图
- 元素」; 然后在「元素」面板，从列表框中选择「关系」。" / "…选择「运算符」。", "绘制首端为箭头的直线连接符。…" / "绘制尾端为
圆形的直线连接符。…"). Its vocabulary is small for its length, so ``lexical_diversity`` (Herdan's C) reads it as the
repetition junk that rule exists for. The junk has another shape: a paragraph copied with characters changed at random
places (a spinner's near-duplicates) differs from the copy before it at scattered positions, SEO lines alternate their
templates, a template with running numbers changes only digits, and an API listing's signatures are no sentences.

``template_slots``: 1.0 when at least half of the adjacent line pairs (and at least three) are two different sentences
(each ending in . ! ? 。 ！ or ？) that share everything but one short span (the slot: at most 20 characters and a third
of the longer line) holding a letter or a Han character; else 0.0. Read on the first ``MAX_LINES`` lines. The
``lexical_diversity`` rule is skipped when it is set (``unless``).
"""

from __future__ import annotations

from collections.abc import Sequence

MIN_PAIRS = 3
PAIR_SHARE = 0.5
SLOT_MAX_CHARS = 20
SLOT_MAX_SHARE = 1 / 3
MAX_LINES = 200
_SENTENCE_ENDS = (".", "!", "?", "。", "！", "？")


def _prefix_len(a: str, b: str) -> int:
    """Length of the common prefix of ``a`` and ``b`` (binary search on slice equality: C-speed compares)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def slot(a: str, b: str) -> tuple[str, str]:
    """The spans of ``a`` and ``b`` between their common prefix and their common suffix."""
    p = _prefix_len(a, b)
    s = _prefix_len(a[p:][::-1], b[p:][::-1])
    return a[p:len(a) - s], b[p:len(b) - s]


def _one_slot_apart(a: str, b: str) -> bool:
    """Two different sentences that differ in one short span holding a word character (not digits alone)."""
    if a == b or not (a.endswith(_SENTENCE_ENDS) and b.endswith(_SENTENCE_ENDS)):
        return False
    x, y = slot(a, b)
    if max(len(x), len(y)) > min(SLOT_MAX_CHARS, SLOT_MAX_SHARE * max(len(a), len(b))):
        return False
    return any(ch.isalpha() for ch in x + y)


def template_slots(lines: Sequence[str]) -> float:
    """1.0 when the page's lines are one sentence template with an item changed per line (module docstring), else
    0.0. ``lines``: the non-empty stripped lines."""
    head = lines[:MAX_LINES]
    pairs = len(head) - 1
    if pairs < MIN_PAIRS:
        return 0.0
    hits = sum(1 for a, b in zip(head, head[1:], strict=False) if _one_slot_apart(a, b))
    return 1.0 if hits >= MIN_PAIRS and hits >= PAIR_SHARE * pairs else 0.0
