"""Cut Chinese: text whose lines or items were cut out of running text by a machine, not written as lines or items.

Why: PDF and column extraction, width-based re-wrapping and scrapers that slice pages leave Chinese whose characters,
words and clauses are all real, so every frequency, pair and order statistic passes it; what gives it away is where the
cuts fall. Chinese typesetting has rules a person or a typesetter keeps and a cutter does not: no line starts with a
closing mark (避头点: ，。、；：？！）」》) or ends with an opening one (避尾点: （「《“), and no word is ever hyphenated.
A keyword list, in turn, is items without a sentence: real lists of terms stand inside text that has sentence ends.
Each signal is one pure function (no Beam, no model) over the first ``MAX_CHARS`` characters, with a reason per drop
in the policy (thresholds and sources: ``quality/default_quality_rules.yaml``, docs/quality-rules.md):

- ``cut_line_marks_frac``: in text of short lines (median line at most ``SHORT_LINE`` characters: verse, labels, menus,
  lists, contents pages, and fragments), the share of lines holding Han characters that start with a closing mark or
  with a one-character clause that goes on ("碧，柳芽黄。"; not an answer or interjection: 无，/ 是，), or end with an
  opening mark; a line after a filled line (``FILLED`` of the longest and longer than ``SHORT_LINE``: a wrap's spill,
  "…列出所有的文" / "件。") is not judged at its start, nor a filled line at its end; nor lines in a row that open
  on the same colon (a legend whose terms were pictures: "其中：" / "：单曲循环" / "：随机播放", an icon list read as
  text; a cutter does not start two neighbouring lines on one mark). From ``MIN_LINES`` lines,
  ``MIN_HAN_LINES`` of them with Han, and ``MIN_CUT_LINES`` such lines (else 0.0). Short lines are written as units and
  keep the rules; hard-wrapped prose (groff, fixed-width editors) may break before a mark, so long-line text is not
  judged.
- ``han_hyphen_breaks``: line breaks after a hyphen that follows a Han character or an opening mark and comes before
  a Han character or a closing mark ("事-" / "实。", "黄金-" / "。", "《-" / "道德经》"): a Latin layout engine's word
  break applied to Chinese, which is never hyphenated (a dash between two terms takes no line break after it in any
  good text we have).
- ``keyword_items_frac``: for text with no sentence end at all (no 。！？, no ". "), split into items (its lines when it
  has ``MIN_ITEMS`` or more, else at 、，,;；|/· and white space), from ``MIN_ITEMS`` items: the share of items that are
  dictionary words of two to eight Han characters (every adjacent pair inside a word of jieba's dictionary), less the
  share of single-Han-character items (的, 是: word-segmented prose has them; a keyword list does not); two numbered
  items (1.1, 第一章) make a contents page or a numbered list (0.0). SEO tag clouds and keyword dumps with any
  separator; verse without marks fails the word test (its lines are clauses, not words).
"""

from __future__ import annotations

import re
import statistics

import numpy as np

MAX_CHARS = 3000
SHORT_LINE = 20
MIN_LINES = 8
MIN_HAN_LINES = 6
MIN_CUT_LINES = 2
MIN_ITEMS = 12
FILLED = 0.8  # of the longest line: a line this long was ended by the width, not by its writer
CLOSING = "，。、；：？！）」』》〉】"  # marks that never start a line in typeset Chinese
OPENING = "（「『《〈【“"  # marks that never end one
_HAN = re.compile(r"[\u4e00-\u9fff]")
_HAN_HYPHEN_BREAK = re.compile(r"[\u4e00-\u9fff" + OPENING + r"]-[ \t]*\n[ \t]*[\u4e00-\u9fff" + CLOSING + "]")
_SENTENCE_END = re.compile(r"[。！？!?]|\.(?:\s|$)")
_ITEM_SEP = re.compile(r"[、，,;；|｜/·\s]+")
_HAN_WORD = re.compile(r"[\u4e00-\u9fff]{2,8}")
# a line opening on a one-character clause that goes on ("碧，柳芽黄。", "兽。 --《谚"): the first character closed
# a clause cut off before the line; not a colon (注：/ 例： head a note), nor a one-character answer or interjection,
# which stands alone as a clause (无，国王会议游戏基本上就是靠运气。 in a help page)
_ONE_CHAR_CLAUSE = re.compile(r"(?![是不对好无有没否嗯哦啊唉喂噢行])[\u4e00-\u9fff][，。；！？、][ \t]*\S")
_NUMBERED = re.compile(r"\d|^第[一二三四五六七八九十百]+[章节部篇卷]")


def _legend_item(lines: list[str], i: int) -> bool:
    """Whether line ``i`` opens on a colon as a neighbouring line does: an item of a legend whose terms were icons."""
    mark = lines[i][0]
    return mark == "：" and any(0 <= j < len(lines) and lines[j][:1] == mark for j in (i - 1, i + 1))


def cut_line_marks_frac(lines: list[str]) -> float:
    """Share of the Han lines of short-line text that start with a closing mark or a one-character clause, or end with
    an opening mark (see the module docstring); ``lines``: the non-empty stripped lines."""
    if len(lines) < MIN_LINES:
        return 0.0
    han = [ln for ln in lines if _HAN.search(ln)]
    if len(han) < MIN_HAN_LINES:
        return 0.0
    width = max(max(map(len, lines)) * FILLED, SHORT_LINE + 1)  # a filled line: near the longest, and not short
    cut = 0
    for i, ln in enumerate(lines):
        if not _HAN.search(ln):
            continue
        # a line after a filled one may be a wrap's spill ("…列出所有的文" / "件。"); a filled line may be cut by it
        after_wrap = i > 0 and len(lines[i - 1]) >= width
        starts_cut = (ln[0] in CLOSING and not _legend_item(lines, i)) or _ONE_CHAR_CLAUSE.match(ln) is not None
        cut += (starts_cut and not after_wrap) or (ln[-1] in OPENING and len(ln) < width)
    if cut < MIN_CUT_LINES or statistics.median(map(len, lines)) > SHORT_LINE:
        return 0.0
    return cut / len(han)


def han_hyphen_breaks(text: str) -> float:
    """Line breaks after a hyphen that follows a Han character or an opening mark and precedes a Han character or a
    closing mark."""
    head = text[:MAX_CHARS]
    return float(len(_HAN_HYPHEN_BREAK.findall(head))) if "-" in head else 0.0


def _is_word(item: str) -> bool:
    """Every adjacent Han pair of ``item`` lies inside a word of jieba's dictionary (``junk_noise_han``'s table)."""
    from corpusgov.quality import textlm
    from corpusgov.quality.junk_noise_han import word_pairs

    pairs, _alone = word_pairs()
    c = textlm._simplified()[np.array([ord(ch) for ch in item], dtype=np.int64) - textlm.HAN_LO].astype(np.int64)
    keys = c[:-1] * textlm.HAN_N + c[1:]
    at = np.minimum(np.searchsorted(pairs, keys), len(pairs) - 1)
    return bool((pairs[at] == keys).all())


def keyword_items_frac(text: str) -> float:
    """Share of dictionary-word items less the share of single-Han items, in text without a sentence end (see the
    module docstring); 0.0 with a sentence end or below ``MIN_ITEMS`` items."""
    head = text[:MAX_CHARS]
    if not _HAN.search(head) or _SENTENCE_END.search(head):
        return 0.0
    lines = [s for s in (ln.strip() for ln in head.split("\n")) if s]
    # a text of many lines lists one item per line (a contents page's "1.1 系统要求" is one heading, not two items)
    items = lines if len(lines) >= MIN_ITEMS else [it for it in _ITEM_SEP.split(head) if it]
    # numbered items (1.1, 第一章 ... 12) make a contents page or a numbered list, which good text is
    if len(items) < MIN_ITEMS or sum(1 for it in items if _NUMBERED.search(it)) >= 2:
        return 0.0
    words = sum(1 for it in items if _HAN_WORD.fullmatch(it) and _is_word(it))
    singles = sum(1 for it in items if len(it) == 1 and _HAN.match(it))
    return max(0.0, (words - singles) / len(items))


NEUTRAL = {"cut_line_marks_frac": 0.0, "han_hyphen_breaks": 0.0, "keyword_items_frac": 0.0}


def cut_signals(text: str) -> dict[str, float]:
    """Every cut signal of one document (its first ``MAX_CHARS`` characters: bounded cost); neutral without Han."""
    head = text[:MAX_CHARS]
    if not _HAN.search(head):
        return dict(NEUTRAL)
    # text of fewer than MIN_LINES lines (most documents: paragraphs) has no line to judge: no split
    lines = [s for s in (ln.strip() for ln in head.split("\n")) if s] if head.count("\n") >= MIN_LINES - 1 else []
    return {
        "cut_line_marks_frac": cut_line_marks_frac(lines),
        "han_hyphen_breaks": han_hyphen_breaks(head),
        "keyword_items_frac": keyword_items_frac(head),
    }
