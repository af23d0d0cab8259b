"""Steps a task manual repeats in its sections (docs round 13, issue 13).

Why: each section of a task manual walks through one task under its own heading, and many sections start or end on
the same step ("在图片查看器界面上，单击鼠标右键。", "如果弹出密码认证窗口，输入用户登录密码后单击 确定。", "Click on the
Calendar interface."). Gopher's duplicate-line share (``dup_line_frac``, ``dup_line_char_frac``) reads those steps as
copied lines. Copied text has another shape: a block pasted again adds no line of its own where it lands (a thread of
one repeated comment under each name), and a line copied within one run of text is repeated inside one section.

``section_steps``: the indices of the lines that repeat a line of an earlier section, in text cut into sections at
heading lines (at most ``HEAD_MAX`` characters, no sentence or clause mark at their end, at least ``MIN_SECTIONS``
different ones), when the line stands once in its section and that section has a line no other section has. The
duplicate-line signals count them in the total, never as copies.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

HEAD_MAX = 40
MIN_SECTIONS = 3
_ENDS = tuple(".!?。！？:：;；,，、")


def _is_heading(line: str) -> bool:
    return len(line) <= HEAD_MAX and not line.endswith(_ENDS)


def section_steps(lines: Sequence[str]) -> set[int]:
    """Indices of ``lines`` (non-empty, stripped) that are a step repeated across sections (module docstring)."""
    heads = {i for i, ln in enumerate(lines) if _is_heading(ln)}  # a set: membership per line in O(1)
    if len({lines[i] for i in heads}) < MIN_SECTIONS:
        return set()
    # section number of every line (lines before the first heading: section 0)
    section: list[int] = []
    n = 0
    for i in range(len(lines)):
        n += i in heads
        section.append(n)
    body = [i for i in range(len(lines)) if i not in heads]
    per_section = Counter((section[i], lines[i]) for i in body)
    sections_of: dict[str, set[int]] = {}
    for i in body:
        sections_of.setdefault(lines[i], set()).add(section[i])
    own = {section[i] for i in body if len(sections_of[lines[i]]) == 1}  # sections holding a line of their own
    steps: set[int] = set()
    first: dict[str, int] = {}
    for i in body:
        line, sec = lines[i], section[i]
        if line not in first:
            first[line] = sec
        elif first[line] != sec and per_section[(sec, line)] == 1 and sec in own:
            steps.add(i)
    return steps
