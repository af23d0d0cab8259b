"""Spliced and unclosed units: page furniture and captions inside sentences, sentence heads without ends, keyword lists.

Why (issue 13, junk round 16, tuned on ``junk_frag``): text extracted from paged output or cut out of running text
keeps every word real, so word, character and order statistics pass it; what gives it away is a unit no writer makes.
A printed page's furniture (its page number, its running header) sits at the page's edge, so when the lines of
several pages are re-joined it lands *inside* sentences, between two words that go on; and its page numbers go up.
A text made of the heads of sentences has clauses but never a sentence end. Each signal is one pure function (no Beam,
no model) over the first ``MAX_CHARS`` characters, with a reason per drop in the policy (thresholds and sources:
``quality/default_quality_rules.yaml``, docs/quality-rules.md, "Spliced furniture and unclosed heads"):

- ``inline_furniture_marks``: page furniture spliced into running text, counted on the text with its white space
  collapsed: page numbers set off by dashes between two words that go on ("the remainder — 52 — of this section",
  "必须进 — 20 — 行完全重新安装"), plus the pages of a running header: a title (two or more capitalised Latin words, or
  ``MIN_HAN_TITLE`` Han characters without a clause mark) beside a bare page number, between a word that goes on
  (lower case, a comma, Han) and one that goes on, found with ``MIN_PAGES`` distinct page numbers (Han titles
  ``MIN_HAN_PAGES``) that rise in reading order by at most ``MAX_PAGE_STEP`` a page ("… computers in 36 Chapter 3.
  Before Installing turn and …", "… delete the Chapter 3. Before Installing 37 relevant line …"). A numbered list,
  a table or a version string has its numbers at a line's start, after a full stop, or next to lower-case words.
- ``unclosed_lines_zh``: Chinese text with no sentence end anywhere (no 。！？… nor a full stop after Han), from
  ``MIN_LINES`` flush-left lines of ``MIN_LINE_HAN`` Han characters: the share of those lines that hold a clause mark
  (，) and end on no mark at all: each line a sentence's head, its end cut off. Indented or bulleted lines (man-page
  options, lists), verse (most lines of one length) and classical text (``zh_order``'s function characters) are not
  judged; headings and labels hold no clause mark.
- ``width_grid_spaces_zh``: spaces between two Han characters or Chinese marks (which Chinese does not write;
  word-segmented man pages put them everywhere) standing on one grid of a fixed period: text cut every N characters
  and re-joined with a space at each cut (how PDF extraction joins CJK lines). Score: the best period's min(share of
  its grid points holding such a space, share of such spaces on it), from ``MIN_GRID_SPACES`` on one grid: segmented
  text has many spaces off any grid, prose a few that fill no grid.
- ``caption_splices``: figure and table captions, panel labels and axis-tick rows (``junk_fragments``' caption shapes)
  on a line of their own inside a sentence: the line before ends on no mark, the line after goes on (lower case, or Han
  after Han), and the caption line is not a filled line of hard-wrapped text ("Figure 3 shows …" at a wrap). A
  caption after a paragraph, or a figure's own caption block, is not inside a sentence.
- ``keyword_repeat_frac`` (en): run-on English (fewer than ``MAX_KEYWORD_BREAKS`` line breaks: verse and lyrics with
  refrains come in lines) of plain words and commas (at most ``MAX_OTHER_SHARE`` of other characters:
  no code, markup or quotes) with no sentence end, from ``MIN_KEYWORD_WORDS`` words: the share of words inside a word
  pair seen ``MIN_PAIR_REPEATS`` or more times: a few headings repeated with search modifiers ("booting from network
  guide, free booting from network, …"), keyword lists posing as prose. Prose has sentence ends; lists of names repeat
  no pair; code and doctests are not plain.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

MAX_CHARS = 3000
MIN_HAN_TITLE = 3
MIN_PAGES = 2
MIN_HAN_PAGES = 3  # a Han title beside numbers twice can be a help page's "第 1 …" phrasing; a running header recurs
MAX_PAGE_STEP = 5
MAX_TITLE_TOKENS = 5
MIN_LINES = 4
MIN_LINE_HAN = 6
VERSE_SHARE = 0.5  # most lines of one Han length: verse, whose lines end on clauses by design
MIN_GRID_SPACES = 5
FILLED = 0.8  # of the longer neighbour: a line this long was ended by the width
MIN_KEYWORD_WORDS = 20
MIN_PAIR_REPEATS = 3
MAX_KEYWORD_BREAKS = 2  # run-on text: a list one item a line is label_lines_frac's, verse comes in lines
MAX_OTHER_SHARE = 0.02  # of the non-space characters: a slash in "GNU/Linux", not code or markup
MIN_PERIOD, MAX_PERIOD = 12, 80  # widths of the cut (columns of Han characters or characters of a line)

_HAN = re.compile(r"[\u4e00-\u9fff]")
_DASHED_PAGE = re.compile(r"(?<=[a-z\u4e00-\u9fff,，]) [—–] ?\d{1,4} ?[—–] (?=[a-z\u4e00-\u9fff])")
# a bare number after a word that goes on or before one: every page number _header_pages counts has one of the two
_NUMBER_GOING_ON = re.compile(r"(?:[a-z,，\u4e00-\u9fff] \d{1,4} |(?<= )\d{1,4} [a-z\u4e00-\u9fff])")
_GOES_ON_END = re.compile(r"(?:[a-z,]|[\u4e00-\u9fff])$")  # a token a sentence goes on after
_GOES_ON_START = re.compile(r"(?:[a-z]|[\u4e00-\u9fff])")  # a token that continues a sentence
_CLAUSE_MARK = re.compile(r"[，。；：、,;:]")
_CJK = "\u4e00-\u9fff，。、：；（）“”"  # Han and the marks set beside it: Chinese writes no space between any two
_HAN_SPACE_HAN = re.compile(f"[{_CJK}] (?=[{_CJK}])")  # the space is at start + 1 (no lookbehind: a faster scan)
_CLOSED = (".", "!", "?", ":", ";", "。", "！", "？", "：", "；")  # a line ending a sentence or introducing what follows
_EN_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
_NOT_PLAIN = re.compile(r"[^A-Za-z0-9,'\s-]")  # code, markup, Han, quotes: not a keyword list's characters
_EN_WORD = re.compile(r"[a-z0-9']+")
_ZH_SENTENCE_END = re.compile(r"[。！？!?…．]|[\u4e00-\u9fff]\.")
_ZH_OPEN_END = ("，", "：", ":", "；", ";", "）", ")", "、")  # a line ending on a mark was set that way, not cut


def _is_page_number(token: str) -> bool:
    """1-4 decimal digits: what ``re.fullmatch(r"\\d{1,4}", token)`` matches (``\\d`` is ``str.isdecimal``), without a regex."""
    return 0 < len(token) <= 4 and token.isdecimal()


def _is_title(tokens: list[str]) -> bool:
    """A running header's title: Han without clause marks, or 2+ Latin words all capitalised (or numbered: "Chapter 3.
    Before Installing"); never a bare number."""
    joined = "".join(tokens)
    if joined.isascii():  # no Han: the Latin test, its cheap part first (most spans hold a lower-case word)
        return len(tokens) >= 2 and len(joined) >= 8 and all(t[:1].isupper() or t[:1].isdigit() for t in tokens) \
            and not any(_is_page_number(t) for t in tokens)
    if any(_is_page_number(t) for t in tokens):
        return False
    han = len(_HAN.findall(joined))
    if han:
        return han >= MIN_HAN_TITLE and not _CLAUSE_MARK.search(joined)
    return len(tokens) >= 2 and len(joined) >= 8 and all(t[:1].isupper() or t[:1].isdigit() for t in tokens)


def _header_pages(tokens: list[str]) -> int:
    """Most page numbers one running-header title stands beside inside sentences (rising, close together), or 0."""
    beside: dict[str, list[int]] = defaultdict(list)
    n = len(tokens)
    for i in [j for j, t in enumerate(tokens) if len(t) <= 4 and t.isdigit() and t.isascii() and j]:
        tok = tokens[i]
        # A title never holds a page number (_is_title), so the first one met ends the growing span on either side:
        # the values are those of trying every span length, without the tries that cannot be titles.
        if _GOES_ON_END.search(tokens[i - 1]):
            for k in range(1, MAX_TITLE_TOKENS + 1):  # page number, then title
                if i + k + 1 >= n or _is_page_number(tokens[i + k]):
                    break
                after = tokens[i + 1:i + k + 1]
                if _GOES_ON_START.match(tokens[i + k + 1]) and _is_title(after):
                    beside[" ".join(after)].append(int(tok))
        if i + 1 < n and _GOES_ON_START.match(tokens[i + 1]):
            for k in range(1, MAX_TITLE_TOKENS + 1):  # title, then page number
                if i - k - 1 < 0 or _is_page_number(tokens[i - k]):
                    break
                before = tokens[i - k:i]
                if _GOES_ON_END.search(tokens[i - k - 1]) and _is_title(before):
                    beside[" ".join(before)].append(int(tok))
    best = 0
    for title, numbers in beside.items():
        pages = sorted(set(numbers))
        need = MIN_HAN_PAGES if _HAN.search(title) else MIN_PAGES
        if len(pages) >= need and list(dict.fromkeys(numbers)) == pages \
                and pages[-1] - pages[0] <= MAX_PAGE_STEP * (len(pages) - 1):
            best = max(best, len(pages))
    return best


def inline_furniture_marks(text: str) -> float:
    """Page numbers between dashes inside sentences plus the pages of a running header spliced into sentences."""
    flat = " ".join(text[:MAX_CHARS].split())
    dashed = len(_DASHED_PAGE.findall(flat)) if "—" in flat or "–" in flat else 0
    if not _NUMBER_GOING_ON.search(flat):
        return float(dashed)  # no bare page number beside a word that goes on (most text): no header to look for
    return float(dashed + _header_pages(flat.split(" ")))


def unclosed_lines_zh(text: str) -> float:
    """Share of the flush-left Han lines of Chinese text without any sentence end that hold a clause mark and end on no
    mark (sentence heads); 0.0 for indented, bulleted or verse-shaped text and below MIN_LINES judged lines."""
    head = text[:MAX_CHARS]
    if "，" not in head or _ZH_SENTENCE_END.search(head):
        return 0.0
    raw = [ln for ln in head.split("\n") if ln.strip()]
    if any(ln[:1].isspace() or ln.lstrip()[:1] in "-•*+·" for ln in raw):
        return 0.0  # man-page options, lists: descriptions under labels, not sentences
    lines = [ln.strip() for ln in raw if len(_HAN.findall(ln)) >= MIN_LINE_HAN]
    if len(lines) < MIN_LINES:
        return 0.0
    lengths = Counter(len(_HAN.findall(ln)) for ln in lines)
    if lengths.most_common(1)[0][1] >= VERSE_SHARE * len(lines):
        return 0.0  # verse: lines of one length
    if not _modern(head):
        return 0.0  # classical verse and prose (ci lines of unequal length, printed without marks) are not judged
    unclosed = sum(1 for ln in lines if "，" in ln and not ln.endswith(_ZH_OPEN_END))
    return unclosed / len(lines)


def _modern(head: str) -> bool:
    """Modern prose by ``zh_order``'s function characters (the gate ``open_unit_frac`` uses): modern ones at least
    ``MODERN_AT`` of the Han characters and twice the classical ones."""
    from corpusgov.quality.zh_order import CLASSICAL, MODERN, MODERN_AT

    han = len(_HAN.findall(head))
    modern = sum(map(head.count, MODERN))
    return modern >= MODERN_AT * han and modern >= 2 * sum(map(head.count, CLASSICAL))


def width_grid_spaces_zh(text: str) -> float:
    """How closely the spaces between two Han characters sit on one grid of a fixed period (the width a cutter used):
    the best, over periods ``MIN_PERIOD``..``MAX_PERIOD`` and their phases, of min(share of grid points holding such a
    space, share of such spaces on the grid); 0.0 below ``MIN_GRID_SPACES`` on one grid."""
    head = text[:MAX_CHARS]
    spots = [m.start() + 1 for m in _HAN_SPACE_HAN.finditer(head)]
    if len(spots) < MIN_GRID_SPACES:
        return 0.0
    best = 0.0
    for period in range(MIN_PERIOD, MAX_PERIOD + 1):
        phase, hits = Counter(p % period for p in spots).most_common(1)[0]
        if hits >= MIN_GRID_SPACES:
            points = (len(head) - phase - 1) // period + 1
            best = max(best, min(hits / points, hits / len(spots)))
    return best


def caption_splices(lines: list[str]) -> float:
    """Caption lines (``junk_fragments``' caption shapes) set inside a sentence: the line before ends on no mark, the
    caption is shorter than ``FILLED`` of its longer neighbour (a hard-wrapped line starting "Figure 3 shows" is
    filled) and the line after goes on (lower case; Han after Han)."""
    from corpusgov.quality.junk_fragments import is_caption_line

    n = 0
    for i in range(1, len(lines) - 1):
        ln = lines[i]
        if not is_caption_line(ln):
            continue
        prev, nxt = lines[i - 1], lines[i + 1]
        if prev.endswith(_CLOSED) or len(ln) >= FILLED * max(len(prev), len(nxt)):
            continue
        if nxt[:1].islower() or (_HAN.match(nxt[:1]) is not None and _HAN.match(prev[-1:]) is not None):
            n += 1
    return float(n)


def keyword_repeat_frac(text: str) -> float:
    """Run-on English (fewer than ``MAX_KEYWORD_BREAKS`` line breaks) of plain words and commas (up to
    ``MAX_OTHER_SHARE`` other characters), with no sentence end, from ``MIN_KEYWORD_WORDS`` words: the share of
    words inside a word pair that occurs ``MIN_PAIR_REPEATS`` or more times (a few phrases repeated with modifiers)."""
    head = text[:MAX_CHARS].strip()
    if _EN_SENTENCE_END.search(head) or head.count("\n") >= MAX_KEYWORD_BREAKS:
        return 0.0  # (verse and lyrics with refrains come in lines; a run-on list does not)
    other = len(_NOT_PLAIN.findall(head))
    if other and other > MAX_OTHER_SHARE * (len(head) - sum(map(head.count, " \n\t"))):
        return 0.0
    words = _EN_WORD.findall(head.lower())
    if len(words) < MIN_KEYWORD_WORDS:
        return 0.0
    pairs = Counter(zip(words, words[1:], strict=False))
    covered: set[int] = set()
    for i, pair in enumerate(zip(words, words[1:], strict=False)):
        if pairs[pair] >= MIN_PAIR_REPEATS:
            covered.update((i, i + 1))
    return len(covered) / len(words)


SIGNALS = ("inline_furniture_marks", "unclosed_lines_zh", "width_grid_spaces_zh", "caption_splices",
           "keyword_repeat_frac")


def spliced_signals(text: str, han: bool) -> dict[str, float]:
    """Every signal of one document (its first ``MAX_CHARS`` characters); the two Chinese ones 0.0 without Han, the
    keyword one 0.0 with Han."""
    lines = [s for s in (ln.strip() for ln in text[:MAX_CHARS].split("\n")) if s]
    return {"inline_furniture_marks": inline_furniture_marks(text),
            "unclosed_lines_zh": unclosed_lines_zh(text) if han else 0.0,
            "width_grid_spaces_zh": width_grid_spaces_zh(text) if han else 0.0,
            "caption_splices": caption_splices(lines) if len(lines) >= 3 else 0.0,
            "keyword_repeat_frac": 0.0 if han else keyword_repeat_frac(text)}
