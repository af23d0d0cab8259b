"""Fragment junk: text made of broken units (sentences cut mid-phrase, columns read across, captions between lines).

Why: PDF and column extraction, preview scrapers and splicers leave text whose words and characters are all real but
whose units (sentences, lines, clauses) start or end where no real unit does; every character or word statistic
passes it. Each signal is one pure function over the text (no Beam, no model), with a reason per drop in the policy:

- ``open_unit_frac``: share of a text's sentences (lines joined; hard-wrapped prose goes on across a line break) that
  end or start inside a phrase. English: the last word binds forward and cannot end a sentence (an article, a possessive,
  a conjunction, "of", "than": "... so that it reaches the."), or a sentence starts on a lower-case function word after a
  full stop ("... the F1 key. or by pressing"); sentences holding code or markup are not judged, and a sentence starting
  with a command name is not a tail. Chinese (zh adaptation, learned from counts of real text, not a hand list): in
  modern text, the last Han character is one real clauses almost never end with, or the first one they almost never start
  with, by ``zh_order``'s clause-edge tables (log10 P(char | clause end or start) / P(char) < ``ZH_EDGE_LOW``); in any
  register, a sentence cut with a single "…" / "..." (a preview's cut mark; dialogue's "……" is not one). From
  ``MIN_UNITS`` judged sentences on.
- ``glued_sentence_frac`` (en): sentences in which a capitalised sentence opener ("If", "The", "This") follows a
  forward-binding word ("provides an If you", "of The"): a sentence began before the previous one ended (heads run
  together, halves of two sentences glued); per sentence, at least ``MIN_UNITS`` counted, 0.0 below ``MIN_GLUED`` (one
  can be a title: "the How, Why and Where phases").
- ``column_gap_lines``: share of lines (from ``MIN_GAP_LINES``) that are two runs of prose side by side split by one gap
  (en: 2+ spaces after a letter, digit or comma, 3+ words each side; zh: white space between two Han characters, 5+ Han
  characters each side), the second run starting at the column most such lines start theirs: two text columns read
  across. Justified text and word-segmented Chinese have gaps at varying columns or several per line; tables and option
  lists have short cells.
- ``hyphen_residue_words`` (en): words split by a hyphen and a space inside a line ("sel- ect", "instal- lation"), a
  line-end hyphen left after the lines were re-joined; suspended compounds ("pre- and post-") do not count.
- ``caption_lines``: lines that are figure or table captions (Figure 3.2 …, Table 1 …, 图 3-2 …, 表 1 …), panel
  labels ("(a) (b)") or rows of axis ticks ("0 10 20 30 40"): figure residue of an extracted page.
- ``label_lines_frac``: share of lines (from ``MIN_LABEL_LINES``; for text of fewer lines and no sentence end, of its
  items separated by commas, semicolons, | or wide gaps; not 、, which Chinese news enumerates names with) that are bare labels: letters only with no function word (en stop words;
  zh function characters 的了是在…) and not a name (2+ Latin words all capitalised), or index entries ending in page
  numbers: tag clouds, search-query lists, bare heading lists, book indexes; a text of one line holding table rules
  ("--", "==") has cells, not items. Numbered headings do not count (tables of contents are kept as good text). Verse and lyrics carry
  function words or clause marks; options, tables and code carry punctuation.

Thresholds (``quality/default_quality_rules.yaml``): above every good document of the older splits and the held-out set
not already dropped, chosen on those splits after the blind split ``junk_frag`` had its first run (docs/quality-rules.md).
Every signal reads the first ``_MAX_CHARS`` characters: bounded cost per document.
"""

from __future__ import annotations

import functools
import re

import numpy as np

from corpusgov.quality.junk_lists import listed_items

_MAX_CHARS = 3000
MIN_UNITS = 4
MIN_GAP_LINES = 4
MIN_LABEL_LINES = 6
_LIST_ITEM_MAX_CHARS = 60  # an item of an introduced list: a name or short phrase, no sentence end
_ITEM_ENDS = (".", "。", "!", "！", "?", "？", ":", "：")
MIN_GLUED = 2
ZH_EDGE_LOW = -1.0
HAN_LO = 0x4E00

# English closed-class words that bind forward and cannot end a sentence (prepositions can: "what it refers to."):
# articles, possessive and distributive determiners, coordinating and subordinating conjunctions, "of", "than".
EN_BINDING = frozenset(
    "a an the of than and or but nor whose its their your our my his every each very if because although though "
    "whether unless".split())
# Capitalised function words that open sentences; mid-sentence they are lower case (titles aside).
EN_OPENERS = frozenset(
    "The A An This These That Those It Its If In On At For To With When While Where What Which Who How "
    "You We They He She There Then Thus However But And Or".split())  # quantifiers ("of Many Dimensions") left out
EN_STOP = frozenset(
    "the a an of to in and or is are was were be for with on at by from as that this it its not no you your we our "
    "they their he she his her i my me us them will would can could should may might must has have had do does did "
    "than then there here what which who when where how if but so".split())
ZH_FUNCTION = frozenset("的了是在和有我你他她它这那不也就都与及而被把对为说着过们吗呢吧啊么之其以于")

_CODE_CHARS = re.compile(r"[`=<>{}\[\]()_*#/\\|$@]|\.\.\.|::")  # sentences holding code or markup are not judged
_CODE_SET = re.compile(r"[`=<>{}\[\]()_*#/\\|$@]")  # the same, its character part alone (a fast scan)
_CAP_WORD = re.compile(r"[A-Z](?<=[a-z] [A-Z])[a-z]*\b")  # a capitalised word after a lower-case one and a space
_PLAIN_START = re.compile(r"([a-z]+)[ ,]")  # a plain lower-case word, not code ("os.path", "function::")
_STOP_EN = re.compile(r"(?<=[\w\"')\]”’])[.!?](?=\s)")  # one mark after a word: "..." trails off, it does not end
_EN_SPLIT = re.compile(r"(?<=[\w\"')\]”’][.!?]) ")  # the white space after such a mark (text single-spaced)
_ABBREVS = ("e.g", "i.e", "etc", "vs", "cf", "Fig", "fig", "No", "no", "Vol", "vol", "approx", "al", "Dr", "Mr", "Mrs", "Ms",
            "St")
# Patterns of the counted path, each starting with the stop mark so that the engine skips to the next mark at C speed
# (a leading alternation of words is tried at every position: ten times slower).
_AFTER_WORD = r"(?<=[\w\"')\]”’][.!?])"
_EN_STOPS = re.compile(r"[.!?]" + _AFTER_WORD + r"(?=\s|$)")
_EN_END = re.compile(r"[.!](?=\s|$)(?:" + "|".join(rf"(?<=\s{re.escape(w)}[.!])" for w in sorted(EN_BINDING)) + ")")
_EN_START = re.compile(r"[.!?]" + _AFTER_WORD + r"\s+(?:" + "|".join(sorted(EN_STOP)) + r")[\s,]")
_EN_BOTH = re.compile(r"[.!?]" + _AFTER_WORD + r"\s+(?:" + "|".join(sorted(EN_STOP)) + r")[\s,](?:[^.!?]|[.!?](?!\s|$))*?\s(?i:"
                      + "|".join(sorted(EN_BINDING)) + r")(?:[.!](?=\s)|[.!]*$)")
# (the lookbehind on the abbreviations' last letters first: most sentence ends are rejected by one test, not 38)
_ABBREV_LAST = "".join(sorted({a[-1] for a in _ABBREVS}))
_ABBREV_ANY = re.compile(r"\.(?=\s)(?<=[" + _ABBREV_LAST + r"]\.)(?:"
                         + "|".join(rf"(?<=[^\w.]{re.escape(a)}\.)|(?<=^{re.escape(a)}\.)" for a in _ABBREVS) + ")")
_WORD_RE = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
_ABBREV = re.compile(r"(?:^|[^\w.])(?:e\.g|i\.e|etc|vs|cf|Fig|fig|No|no|Vol|vol|approx|al|Dr|Mr|Mrs|Ms|St)\.$")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_GAP_EN = re.compile(r"(?<=[A-Za-z0-9,])\s{2,}(?=[A-Za-z])")  # two spaces after a full stop are a typing convention
_GAP_ZH = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")  # "， " after a clause mark is one too
_HYPHEN_RESIDUE = re.compile(r"\b[a-z]{1,12}- (?!(?:and|or|to|nor|as well)\b)[a-z]{1,12}\b")
_CAPTION = re.compile(
    r"^(?:(?:fig(?:ure)?|table|tab|chart|plate|exhibit)\.?\s*\d+(?:[.\-]\d+)*[a-z]?\b|[图表]\s*\d+(?:[.\-]\d+)*"
    r"|\(?[a-h]\)(?:\s+\(?[a-h]\))+|（[a-h]）(?:\s*（[a-h]）)+|\d+(?:\.\d+)?(?:\s+\d+(?:\.\d+)?){3,})",
    re.IGNORECASE)
_CAPTION_FIRST = frozenset("FfTtCcPpEe图表(（0123456789")
# Label lines (matched on stripped lines joined by line breaks): an index entry ending in page numbers (its term ends in
# no digit: "gdb   2,766,822", a size with thousands separators in a table, is not "gdb 2, 766, 822"), up to eight
# Latin words, or 2-20 Han/Latin/digit characters.
_LOCATOR_LINE = re.compile(r"^[^\W\d_][^\n]{0,100}?(?<!\d),\s*\d{1,4}(?:[-–]\d{1,4})?(?:,\s*\d{1,4}(?:[-–]\d{1,4})?)*$", re.M)
_LABEL_EN_LINE = re.compile(r"^[A-Za-z]+(?:[ '-][A-Za-z]+){0,7}$", re.M)
_LABEL_ZH_LINE = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9 ]{2,20}$", re.M)
_FINAL_MARK = re.compile(r"[。！？!?]|\.(?:\s|$)")
_IDENTIFIER = re.compile(r"[A-Za-z][a-z0-9]*[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*")  # CamelCase: a capital inside, lower case
# A line that is a sentence: eight Han characters or 30 characters up to a sentence end. A label right above one is the
# heading of its paragraph (a help page: 目标 / 把全部的牌收成一垛。, "Rules" / "Move the cards ..."), which a tag
# cloud, a query list or a sitemap of headings never has.
def _heads_sentence(block: str, start: int) -> bool:
    """Whether the line after the one at ``start`` in ``block`` is a sentence (see above)."""
    begin = block.find("\n", start) + 1
    if not begin:
        return False
    end = block.find("\n", begin)
    nxt = block[begin:] if end < 0 else block[begin:end]
    if nxt.endswith(("。", "！", "？")):
        return len(_HAN.findall(nxt)) >= 8
    return len(nxt) >= 30 and nxt.endswith((".", "!", "?"))
_ZH_CODE = re.compile(r"[\[\]{}$'\"~/=<>|*+`_\\-]")  # synopses, paths, quoted shell: not sentences
_HAN4 = re.compile(r"[\u4e00-\u9fff](?:[^\u4e00-\u9fff]*[\u4e00-\u9fff]){3}")  # four Han characters
_TABLE_ROW = re.compile(r"[│┃|]")
_ITEM_SEP = re.compile(r"\s*[，|,;；]\s*|\s{2,}")  # not 、: Chinese enumerates names and terms with it in prose and news


@functools.lru_cache(maxsize=1)
def _zh_edges() -> tuple[np.ndarray, np.ndarray]:
    """(start, end) log10 ratios per Han character offset, from ``zh_order``'s tables (counts of real text)."""
    from corpusgov.quality.zh_order import load_tables

    t = load_tables()
    return t.start, t.end


def _rare_chars(share: np.ndarray) -> str:
    """The Han characters whose edge share (of an edge table) is below ``ZH_EDGE_LOW``, for a character class."""
    return "".join(chr(HAN_LO + int(i)) for i in np.flatnonzero(share < ZH_EDGE_LOW))


@functools.lru_cache(maxsize=1)
def _zh_edge_events() -> re.Pattern[str]:
    """A Han character real clauses almost never end with before a sentence end (or the text's end), or one they almost
    never start with after a sentence end (or at the text's start), white space between allowed: every sentence
    ``_zh_open_frac`` finds open by the edge tables has one, so text without any skips the sentence split."""
    start, end = _zh_edges()
    return re.compile(f"[{_rare_chars(end)}]\\s*(?:[。！？!?.…]|$)|(?:^|[。！？!?.…])\\s*[{_rare_chars(start)}]")


@functools.lru_cache(maxsize=1)
def _zh_edge_event_parts() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """``_zh_edge_events`` as three patterns that each start with a character class or at the text's start (a rare end
    before a mark or the end; a rare start at the text's start; a rare start after a mark): the engine skips to a
    candidate character instead of trying both alternatives at every position (3.0 -> 1.5 us per bench document)."""
    start, end = _zh_edges()
    return (re.compile(f"[{_rare_chars(end)}]\\s*(?:[。！？!?.…]|$)"), re.compile(f"\\s*[{_rare_chars(start)}]"),
            re.compile(f"[。！？!?.…]\\s*[{_rare_chars(start)}]"))


def _has_zh_edge_event(head: str) -> bool:
    """``_zh_edge_events().search(head) is not None``, by the three patterns of ``_zh_edge_event_parts``."""
    rare_end, first_start, mark_start = _zh_edge_event_parts()
    return bool(rare_end.search(head) or first_start.match(head) or mark_start.search(head))


def _en_units(text: str) -> list[str]:
    """The sentences of English text, its lines joined (hard-wrapped prose goes on across a line break): split after
    ., !, ? before white space, abbreviations ("e.g.", "Fig.") kept whole; the text's tail is a unit too."""
    units: list[str] = []
    carry = ""
    for piece in _EN_SPLIT.split(" ".join(text.split())):
        if carry:
            piece = carry + " " + piece
        if _ABBREV.search(piece[-8:]):  # an abbreviation (at most 7 characters with its stop): the sentence goes on
            carry = piece
            continue
        carry = ""
        if piece:
            units.append(piece)
    if carry:
        units.append(carry)
    return units


def _en_open(unit: str, after_stop: bool) -> bool:
    """A sentence (single-spaced) that ends on a forward-binding word, or starts on a lower-case function word after a
    full stop (a sentence's tail; command names starting a sentence are not function words)."""
    last = unit[unit.rfind(" ") + 1:].rstrip(".!?").lower()
    if last in EN_BINDING and unit[-1:] not in ":?)]\"'”’":
        return True
    m = _PLAIN_START.match(unit) if after_stop else None
    return m is not None and m.group(1) in EN_STOP


def open_unit_frac(text: str, zh: bool) -> float:
    """Share of sentences that end or start inside a phrase; 0.0 below MIN_UNITS sentences."""
    head = text[:_MAX_CHARS]
    if zh:
        return _zh_open_frac(head)
    if "..." not in head and "::" not in head and not _CODE_SET.search(head) and not _ABBREV_ANY.search(head):
        return _en_open_counted(head)
    units = _en_units(head)
    if len(units) < MIN_UNITS:
        return 0.0
    code = _CODE_CHARS.search(head) is not None  # only then is any sentence left out
    judged = [_en_open(u, i > 0) for i, u in enumerate(units) if not (code and _CODE_CHARS.search(u))]
    if len(judged) < MIN_UNITS:
        return 0.0
    return sum(judged) / len(judged)


def _en_open_counted(head: str) -> float:
    """``open_unit_frac`` of English without code or abbreviations, by counting matches at C speed instead of judging
    each sentence: sentences ending on a binding word plus sentences starting on a function word after a stop, less
    those doing both (``_en_open`` per sentence of the single-spaced text gives the same on such text)."""
    body = head.rstrip()
    # A stop is one character, so the last one ends the text exactly when a stop matches at its last character (the
    # lookbehind reads the characters before it): a count, not a match object per stop.
    at_end = bool(body) and _EN_STOPS.match(body, len(body) - 1) is not None
    n = len(_EN_STOPS.findall(body)) + (0 if at_end else 1)  # the tail after the last stop is one too
    if n < MIN_UNITS:
        return 0.0
    low = " " + body.lower()  # a leading space: the first word is preceded by white space, as the others
    ends = len(_EN_END.findall(low))
    if low[max(low.rfind(" "), low.rfind("\n"), low.rfind("\t")) + 1:] in EN_BINDING:
        ends += 1  # the text ends on a binding word without a stop
    starts = len(_EN_START.findall(body))
    both = len(_EN_BOTH.findall(body)) if ends and starts else 0
    return (ends + starts - both) / n


# A sentence: characters other than a stop, or a ! / ? inside it, then its stops. The runs of ordinary characters are
# one repeat of their class (matched in one C loop) instead of one loop turn per character: half the time, the same
# matches (the tail is optional, so the engine never backtracks into the runs).
_ZH_UNIT = re.compile(r"(?:[^。！？!?…]+|[!?](?!\s|$))+(?:[。！？…]+|[!?]+(?=\s|$))?")
_ZH_DOT = re.compile(r"(?<=[\u4e00-\u9fff])\.(?!\.)")  # an ASCII full stop after a Han character ends a sentence too
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
_WHITE = re.compile(r"\s+")


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _zh_open_frac(head: str) -> float:
    """zh: the sentences (lines joined: hard-wrapped Chinese breaks lines anywhere; table rows left out). A sentence is
    open when it was cut (it ends in a single "…" or "...": a preview's cut mark; "……" is dialogue), or, in modern
    text (the edge tables are counts of modern prose; classical clauses end on 其/之/焉), when its last Han character
    is one real clauses almost never end with, or its first one they almost never start with."""
    table = "|" in head or "│" in head or "┃" in head  # _TABLE_ROW.search(head), three scans at C speed
    if not table and "…" not in head and "..." not in head and not _has_zh_edge_event(head):
        return 0.0  # no cut mark and no rare clause edge: no open sentence (most text; exact)
    if table:
        head = "\n".join(ln for ln in head.split("\n") if not _TABLE_ROW.search(ln))
    flat = _WHITE.sub("", head).replace("...", "…")
    if "." in flat:
        flat = _ZH_DOT.sub("。", flat)
    n_han = sum(map(len, _HAN_RUN.findall(flat)))
    if n_han < 20:
        return 0.0
    units = [u for u in _ZH_UNIT.findall(flat) if _HAN4.search(u) and not _ZH_CODE.search(u)]
    if len(units) < MIN_UNITS:
        return 0.0
    start, end = _zh_edges()
    cut = edge = 0
    for u in units:
        if u[-1] == "…" and not u.endswith("……"):
            cut += 1
            continue
        body = u.rstrip("。！？!?…")
        first, last = body[:1], body[-1:]
        if (_is_han(last) and end[ord(last) - HAN_LO] < ZH_EDGE_LOW) or \
                (_is_han(first) and start[ord(first) - HAN_LO] < ZH_EDGE_LOW):
            edge += 1
    if edge:  # the edge tables speak for modern prose only (counted only when needed)
        from corpusgov.quality.zh_order import CLASSICAL, MODERN

        modern = sum(map(flat.count, MODERN))
        if modern < 0.03 * n_han or modern < 2 * sum(map(flat.count, CLASSICAL)):
            edge = 0
    return (cut + edge) / len(units)


def glued_sentence_frac(text: str) -> float:
    """Share of sentences (at least MIN_UNITS counted) holding a capitalised sentence opener right after a
    forward-binding word ("provides an If you", "the The")."""
    head = text[:_MAX_CHARS]
    glued = 0
    for m in _CAP_WORD.finditer(head):
        if m.group() in EN_OPENERS:
            at = m.start() - 1
            after = head[m.end():m.end() + 2]  # a sentence goes on in lower case: "an If you"; not "of The Brotherhood",
            if head.rfind(" ", 0, at) >= at - 7 and head[head.rfind(" ", 0, at) + 1:at] in EN_BINDING \
                    and after[:1] == " " and after[1:].islower():  # "the How, Why and Where phases"
                glued += 1
    if glued < MIN_GLUED:  # one can be a title or a name ("Survival, Inquiry and Where phases")
        return 0.0
    n = len(_STOP_EN.findall(head)) + 1
    return min(1.0, glued / max(n, MIN_UNITS))


def column_gap_lines(lines: list[str]) -> float:
    """Share of lines that are two runs of prose side by side split by one gap, the second run starting at the column
    where most such lines start theirs (a column; justified text has gaps anywhere); 0.0 below MIN_GAP_LINES lines.
    One gap only: word-segmented Chinese and justified English have many."""
    if len(lines) < MIN_GAP_LINES:
        return 0.0
    joined = "\n".join(lines)
    if not _GAP_EN.search(joined) and not _GAP_ZH.search(joined):
        return 0.0
    cols: list[int] = []
    for ln in lines:
        if " " not in ln:
            continue
        zh = _HAN.search(ln) is not None
        if not zh and "  " not in ln:
            continue
        gaps = list((_GAP_ZH if zh else _GAP_EN).finditer(ln))
        if len(gaps) != 1:
            continue
        left, right = ln[:gaps[0].start()], ln[gaps[0].end():]
        if zh and len(_HAN.findall(left)) >= 5 and len(_HAN.findall(right)) >= 5 or \
                not zh and len(_WORD_RE.findall(left)) >= 3 and len(_WORD_RE.findall(right)) >= 3:
            cols.append(gaps[0].end())
    if not cols:
        return 0.0
    mode = max(set(cols), key=cols.count)
    return sum(1 for c in cols if abs(c - mode) <= 1) / len(lines)


def hyphen_residue_words(text: str) -> float:
    """Words split by "- " inside a line (a re-joined line-end hyphen), suspended compounds left out."""
    head = text[:_MAX_CHARS]
    return float(len(_HYPHEN_RESIDUE.findall(head))) if "- " in head else 0.0


def _axis_ticks(line: str) -> bool:
    """A row of numbers is an axis when it runs one way (0 10 20 30, 1.0 0.5 0.0); a row of a data listing or a log
    ("0 199 2241 0 1175850568 995598": client, transaction, latency, time stamp) goes up and down."""
    try:
        nums = [float(t) for t in line.split()]
    except ValueError:
        return True  # trailing text after four numbers: keep the caption reading
    steps = [b - a for a, b in zip(nums, nums[1:], strict=False)]
    return all(d >= 0 for d in steps) or all(d <= 0 for d in steps)


def is_caption_line(ln: str) -> bool:
    """A stripped line that is a figure/table caption, panel labels or a row of axis ticks (monotone: ``_axis_ticks``);
    ``quality.junk_spliced`` reads it too."""
    return ln[:1] in _CAPTION_FIRST and len(ln) <= 120 and _CAPTION.match(ln) is not None \
        and (not ln[:1].isdigit() or _axis_ticks(ln))


def caption_lines(lines: list[str]) -> float:
    """Lines that are figure/table captions, panel labels or rows of axis ticks (``is_caption_line``)."""
    return float(sum(1 for ln in lines if is_caption_line(ln)))


def _label_count(block: str) -> int:
    """How many lines of ``block`` (stripped lines joined by line breaks) are labels: an index entry ending in page numbers
    ("…, 132, 170"), or letters only (up to eight Latin words; 2-20 Han, Latin or digit characters with a Han one) with no
    function word and not a name (Latin words all capitalised: credits and sponsor lists). Numbered headings do not
    count: a table of contents is good text (the held-out Debian Reference holds whole ones). Candidates are
    found by whole-block multi-line patterns at C speed; only they are checked for function words in Python."""
    hits: set[int] = set()
    hits.update(m.start() for m in _LOCATOR_LINE.finditer(block))
    for m in _LABEL_EN_LINE.finditer(block):
        words = m.group().split()
        # every word capitalised: a name or a title (credits, sponsor lists), which good text lists; one word with a
        # capital inside (GtkWindow, GMenu, PQexec): a code identifier, which API documentation lists ("In this
        # sample we used the following:"), not a tag or a query
        if EN_STOP.isdisjoint(w.lower() for w in words) and not (len(words) > 1 and all(w[0].isupper() for w in words)) \
                and not (len(words) == 1 and _IDENTIFIER.fullmatch(words[0])):
            hits.add(m.start())
    for m in _LABEL_ZH_LINE.finditer(block):
        if _HAN.search(m.group()) and ZH_FUNCTION.isdisjoint(m.group()):
            hits.add(m.start())
    return sum(1 for h in hits if not _heads_sentence(block, h))


def label_lines_frac(text: str, lines: list[str]) -> float:
    """Share of lines (or, for text of few lines, separated items) that are bare labels; 0.0 below MIN_LABEL_LINES."""
    items = lines
    if len(items) < MIN_LABEL_LINES:
        head = text[:_MAX_CHARS].strip()
        # a text with a sentence end (in its head or at its end: a long list of names closes with one) is prose or
        # verse, whose clauses are not items
        if _FINAL_MARK.search(head) or _FINAL_MARK.search(text[-200:]) or "--" in head or "==" in head:
            return 0.0  # ("--", "==": a table's rules: cells are not items)
        items = [it for it in _ITEM_SEP.split(head) if it]
        if len(items) < 2 * MIN_LABEL_LINES:
            return 0.0
    else:
        # the items of a list a sentence introduces with a colon (names of tools, systems, contributors) are not
        # labels (junk_lists): counted among the lines, never as labels
        short = [len(ln) <= _LIST_ITEM_MAX_CHARS and not ln.endswith(_ITEM_ENDS) for ln in lines]
        listed = listed_items(lines, short)
        if listed:
            return _label_count("\n".join(ln for i, ln in enumerate(lines) if i not in listed)) / len(items)
    return _label_count("\n".join(items)) / len(items)


def fragment_signals(text: str, zh: bool) -> dict[str, float]:
    """Every fragment signal of one document (its first 3,000 characters: bounded cost), given whether it is
    unspaced."""
    head = text[:_MAX_CHARS]
    raw = [ln for ln in head.split("\n") if ln.strip()]
    lines = [ln.strip() for ln in raw]
    return {
        "open_unit_frac": open_unit_frac(head, zh),
        "glued_sentence_frac": 0.0 if zh else glued_sentence_frac(head),
        "column_gap_lines": column_gap_lines(raw),
        "hyphen_residue_words": 0.0 if zh else hyphen_residue_words(head),
        "caption_lines": caption_lines(lines),
        "label_lines_frac": label_lines_frac(head, lines),
    }
