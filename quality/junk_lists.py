"""Lists a sentence introduces: the item lines that follow a line ending in a colon (or "the following ...".).

Why (issue 13, docs round 8): documentation lists names under a sentence that announces them ("Meld supports a wide
range of version control systems:" then Bazaar, Darcs, Git ...; "the following deserve special mention:" then the
contributors), and the fragment and label signals read such items as the bare lines of tag clouds and keyword lists.
A tag cloud or menu has no such sentence: at most a one- or two-word label ("Tags:", "Related searches:"), so the
introducing line must be a sentence (five words or more, or eight Han characters) and hold a function word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

INTRO_MIN_WORDS = 5
INTRO_MIN_HAN = 8
_HAN = re.compile(r"[\u4e00-\u9fff]")
_WORD = re.compile(r"[^\W\d_]+")
_EN_FUNCTION = frozenset("a an the of to in for on with by from and or that which is are be can may this these "
                         "following below as at".split())
_ZH_FUNCTION = frozenset("的了是在和有这些下列如以为可")
_ANNOUNCES = re.compile(r"(?i:\bthe following\b|\bas follows\b)|以下|如下")
_ENDS = (":", "：", ".", "。")


def introduces(line: str) -> bool:
    """A line that announces a list: a sentence with a function word that ends in a colon, or in a full stop after
    "the following" / "as follows" (以下 / 如下)."""
    if not line.endswith((":", "：")) and not (line.endswith((".", "。")) and _ANNOUNCES.search(line)):
        return False
    if len(_HAN.findall(line)) >= INTRO_MIN_HAN:
        return not _ZH_FUNCTION.isdisjoint(line)
    words = [w.lower() for w in _WORD.findall(line)]
    return len(words) >= INTRO_MIN_WORDS and not _EN_FUNCTION.isdisjoint(words)


def listed_items(lines: Sequence[str], is_item: Sequence[bool]) -> set[int]:
    """Indexes of the lines that are items of an introduced list: the run of item-shaped lines (``is_item``) right
    after a line that ``introduces`` one."""
    out: set[int] = set()
    for i, line in enumerate(lines):
        if line.endswith(_ENDS) and introduces(line):
            j = i + 1
            while j < len(lines) and is_item[j]:
                out.add(j)
                j += 1
    return out
