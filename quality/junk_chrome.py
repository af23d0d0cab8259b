"""Page chrome lines of any kind, counted together: a document with two or more of them was scraped with its page.

Why: boilerplate comes in many kinds (cookie walls, share rows, pagination, forum signatures, print headers, sign-up
boxes, comment counters …) and each page carries only one or two chrome lines of each, so a rule per kind needs two
lines of its own kind and misses most pages. Every detector here recognises one *shape* of chrome line, not a kind
of page; a single such line is tolerated (a heading "Privacy", one page number), two of any shapes drop. C4 removes
the lines themselves (its policy-phrase and "javascript" lines); corpusgov drops the document, so each line detector
is kept narrow: none fires twice in any good document of the older eval splits (docs/quality-rules.md).

Pure functions over a document's non-empty stripped lines; no Beam, no model.
zh adaptation: Chinese UI rows separate their items by single spaces (prose never does), items are counted in Han
characters (≤ 6 ~ 3 words), and the policy phrases have Chinese forms (使用Cookie, 隐私政策, 用户协议).
"""

from __future__ import annotations

import re

from corpusgov.quality.junk_lines import SENTENCE_ENDS, is_boilerplate, table_rows

# C4's policy lines (Raffel et al. 2020, as in TFDS c4_utils: "terms of use", "privacy policy", "cookie policy",
# "uses cookies", "use of cookies", "use cookies"), matched on lines of any length; zh: the same phrases.
_POLICY = re.compile(r"terms of use|privacy policy|cookie policy|uses? cookies|use of cookies|"
                     r"使用\s*[Cc]ookie|[Cc]ookie\s*(?:政策|设置)|《隐私(?:政策|保护)|《用户协议")
# A pager strip: three or more consecutive page numbers ("1 2 3 4", "‹ 2 3 4 5 ›").
# A page marker that names itself as one (a bare number may be a doctest's output, "page 56" a citation).
_PAGE_OF = re.compile(r"^(?:page \d{1,4} of \d{1,4}|[-–—] ?\d{1,4} ?[-–—]|第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?|"
                      r"共\s*\d{1,4}\s*页)$|\bpage \d{1,4} of \d{1,4}\b|第\s*\d{1,4}\s*页\s*共\s*\d{1,4}\s*页", re.IGNORECASE)
_NUMS = re.compile(r"(?<![\d.,:/-])\d{1,3}(?:\s+\d{1,3}){2,}(?![\d.,:/-])")
_CODE = re.compile(r"[`{}=;$<>\\_/@#]|(?:^|\s)--?[A-Za-z]|\(\)")
_HAN = re.compile(r"[\u3400-\u9fff]")
_DIGIT = re.compile(r"\d")
_CLAUSE_ZH = re.compile(r"[，。、；：！？“”《》]")
_WIDE = re.compile(r" {2,}|\t| [|·•] ")
_LATIN_ITEM = re.compile(r"[A-Z][A-Za-z'’]*(?: [A-Za-z'’]+){0,2}(?: ?[(（]\d{1,5}[)）])?")
_HAN_ITEM = re.compile(r"[\u3400-\u9fffA-Za-z]{1,6}(?:[(（]\d{1,5}[)）])?")
_COUNTER = re.compile(r"(?:[\u3400-\u9fff]{1,4}|\b[A-Z][a-z]+) ?[(（]\d{1,5}[)）]|\b(?i:posts|joined|comments|replies|views|likes|points)"
                      r"\s*[:：]\s*\d|[\u3400-\u9fff]{1,4}[:：]\s*\d{1,6}(?:\s|$)")
_MAX_ROW = 90
_PARTICLES_ZH = frozenset("的地得在和与或及里中从到把被对向用以为是了着将并")
# A row of bracketed links, as texi2html and old sites draw navigation: "[Top][Contents][Index][ ? ]"; a bracket that
# opens on "-" is an optional argument of a command synopsis ("[-host hostname] [-port port] [-4]", zsh's spaced
# "[ -k array ] [ -g globstring ]", docs round 12), not a link.
_BRACKET_ROW = re.compile(r"(?:\[(?! ?[:-])[^\[\]]{1,60}\]\s*){3,}|(?:【[^【】]{1,6}】\s*){2,}")  # zh: 【打印】 【关闭】
# A UI control or label on a line of its own (consent, forum, share and comment buttons; "Share this:"), at most four
# words; "See also" and headings of documentation do not use these words alone.
_UI_EN = re.compile(r"(?:i agree|i accept|accept(?: all)?|agree|decline|reject(?: all)?|learn more|got it|no thanks|"
                    r"we value your privacy|your privacy|reply|quote|report(?: post| abuse)?|top|like|follow(?: us)?|"
                    r"share(?: this)?|print|email|cancel|close|show more|load more|view all|see all|read next|"
                    r"(?:\d+ )?(?:comments?|replies|responses)|(?:like|share) this|loading\.*|like loading\.*)[:.!]*")
_UI_ZH = re.compile(r"[【\[]?(?:同意|拒绝|接受|了解更多|我知道了|回复|引用|举报|收藏|点赞|评论|关注|分享|打印|关闭|展开全文|"
                    r"加载更多|查看全部|返回|置顶|顶|赞)[】\]]?[:：]?")
# Print headers and footers a browser adds: "12/6/26, 4:05 PM    Title", "2026-12-06    Title", "https://…    1/3".
_PRINT = re.compile(r"^(?:\d{1,2}/\d{1,2}/\d{2,4},? \d{1,2}:\d{2}(?: ?[AP]M)?|\d{4}-\d{2}-\d{2})(?:\s{3,}|\t)\S|"
                    r"^(?:https?://|www\.)\S+(?:\s{2,}|\t)\d{1,4}\s*/\s*\d{1,4}$")


def is_policy_line(line: str) -> bool:
    """C4's policy phrase anywhere in the line (its filter drops the line whatever its length)."""
    if "ookie" not in line and "rivacy" not in line and "erms of" not in line and "隐私" not in line \
            and "用户协议" not in line:  # cheap tests first: most lines hold none
        return False
    return bool(_POLICY.search(line.lower() if line.isascii() else line))


def is_pager(line: str) -> bool:
    """A pagination strip or page marker: three consecutive page numbers with at most four words beside them, or a
    page marker alone ("Page 2 of 7", "3/7", 第 3 页 共 9 页)."""
    if len(line) > _MAX_ROW or not _DIGIT.search(line):
        return False
    if _PAGE_OF.search(line):
        return True
    m = _NUMS.search(line)
    if not m or _CODE.search(line):
        return False
    nums = [int(n) for n in m.group().split()]
    rest = line[:m.start()] + line[m.end():]
    words = len(re.findall(r"[^\W\d_]+", _HAN.sub("", rest))) + len(_HAN.findall(rest)) // 2
    return (all(b == a + 1 for a, b in zip(nums, nums[1:], strict=False)) and words <= 4
            and not re.search(r"\s{3,}", line))  # a wide gap is a table's column


def is_button_row(line: str) -> bool:
    """A row of three or more UI items (buttons, share targets, counters; bracketed links): Latin items of one to three words, each
    capitalised, separated by wide spaces, bars or dots; Han items of one to six characters separated by spaces
    (Chinese prose has none), three of them with Han characters. No sentence end, no clause mark, no code characters."""
    if _BRACKET_ROW.fullmatch(line) and len(line) <= 2 * _MAX_ROW:
        return True
    if len(line) > _MAX_ROW or line.endswith(SENTENCE_ENDS) or _CODE.search(line):
        return False
    if _HAN.search(line):
        if _CLAUSE_ZH.search(line.split("：", 1)[-1]) or "   " in line:  # a wide gap: a justified man page
            return False
        items = line.split("：", 1)[-1].split()
        # three items with Han characters: a space beside a Latin word is how Chinese text sets off a name or term
        # ("默认的 gedit 插件", "复制 CD 和 DVD"), not an item separator
        # an item that is a particle or preposition alone (在, 的, 里的, 和) is grammar: prose that sets off UI names
        # with spaces ("在 模拟次要点击 的 延时 面板"), as GNOME and MATE help do, not a row of buttons
        return (sum(1 for i in items if _HAN.search(i)) >= 3 and all(_HAN_ITEM.fullmatch(i) for i in items)
                and not any(_PARTICLES_ZH.issuperset(i) for i in items))
    items = [i.strip(" |·•") for i in _WIDE.split(line) if i.strip(" |·•")]
    return len(items) >= 3 and all(_LATIN_ITEM.fullmatch(i) for i in items)


def is_ui_label(line: str) -> bool:
    """A button or UI label alone on its line ("I agree", "Learn more", "Reply", "Share this:", 【打印】, 收藏)."""
    if len(line) > 40:
        return False
    return bool(_UI_EN.fullmatch(line.lower()) if line.isascii() else _UI_ZH.fullmatch(line))


def is_print_margin(line: str) -> bool:
    """A browser's print header or footer: a date and a wide gap before the title, a URL and a wide gap before the
    page number."""
    return len(line) <= 200 and line[:1].isalnum() and bool(_PRINT.search(line))


def is_counter_row(line: str) -> bool:
    """Two or more UI counters on one short line ("Like (12)  Comments (3)", "Joined: 2018  Posts: 1772",
    点赞(842) 评论(2)). A line with a Chinese comma or full stop is a sentence giving values (成交日: 1999 年 3 月 31 日，
    贴现率: 9.14％。, a worked example of a function's help), not a row of counters, which spaces or bars separate."""
    return bool(len(line) <= _MAX_ROW and _DIGIT.search(line) and not _CODE.search(line)
                and "，" not in line and "。" not in line and len(_COUNTER.findall(line)) >= 2)


def is_sig_delimiter(line: str) -> bool:
    """The signature delimiter of mail and forum posts ("-- ", RFC 3676 4.3), as extraction leaves it: "--"."""
    return line == "--"


def is_chrome(line: str, boilerplate: bool | None = None) -> bool:
    """A page-chrome line of any shape: boilerplate phrase or navigation row (``junk_lines``), C4 policy line,
    pager, UI button row or label, counter row, print margin or signature delimiter. ``boilerplate``: the line's
    ``is_boilerplate``, when already known (``junk_lines.boilerplate_flags``)."""
    if len(line) > _MAX_ROW:  # only a policy sentence, a long navigation row or a print margin is this long
        return (is_policy_line(line) or (is_boilerplate(line) if boilerplate is None else boilerplate)
                or is_print_margin(line))
    return (is_sig_delimiter(line) or is_ui_label(line) or (is_boilerplate(line) if boilerplate is None else boilerplate)
            or is_policy_line(line) or is_pager(line) or is_button_row(line) or is_counter_row(line)
            or is_print_margin(line))


_TABLE_START = ("|", "+", "│", "├", "┌", "└", "║", "$ ", "# ", ">>>")
_WRAP_AT = 60  # a line this long that runs on into the next one is wrapped prose, not a UI row


def _key(line: str) -> str:
    """Chrome lines that differ only in numbers are one line (a pager or header on every page); a licence's
    copyright lines are one notice."""
    return "copyright" if line[:9].lower() == "copyright" else re.sub(r"\d+", "0", line)


def chrome_lines(lines: list[str]) -> float:
    """Distinct chrome lines of a document (``chrome_keys``)."""
    return float(len(chrome_keys(lines)))


_TERM_MAX = 40  # a term of a definition list is a label's length
_DEFINITION_WORDS = 6
_DEFINITION_HAN = 10


def _is_definition(line: str) -> bool:
    """A line that reads as a sentence: 6+ words (10+ Han characters) ending as one."""
    if not line.endswith(SENTENCE_ENDS):
        return False
    return len(line.split()) >= _DEFINITION_WORDS or len(_HAN.findall(line)) >= _DEFINITION_HAN


def _defined_terms(lines: list[str]) -> set[int]:
    """The lines that are terms of a definition list (docs round 9): short lines ending in a colon, each followed by a
    sentence that defines it, two or more in the document ("Accept:" / "Indicates you will attend the meeting.",
    "Decline:" / ...; 接受： / 拒绝：). A button label does not introduce a sentence that explains it, and one such pair
    alone (a forum's "Quote:" over the quoted text) is not a list."""
    terms = {i for i, ln in enumerate(lines[:-1])
             if len(ln) <= _TERM_MAX and ln.endswith((":", "：")) and _is_definition(lines[i + 1])}
    return terms if len(terms) >= 2 else set()


def chrome_keys(lines: list[str], table: set[int] | None = None, flags: list[bool] | None = None) -> set[str]:
    """The distinct chrome lines of a document, by ``_key``. Table rows (``table_rows``), prompts and lines of wrapped
    prose (the line runs on into a lower-case next line, or continues a long line without a sentence end) are never
    chrome. ``table`` (``table_rows(lines)``) and ``flags`` (``junk_lines.boilerplate_flags``) are read when passed in:
    the signal pass computes them once per document."""
    keys = set()
    if table is None:
        table = table_rows(lines)
    terms = _defined_terms(lines)
    for i, ln in enumerate(lines):
        if ln.startswith(_TABLE_START) or i in table or i in terms:
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        prev = lines[i - 1] if i else ""
        if (nxt[:1].islower() and len(ln) >= _WRAP_AT) or (len(prev) >= _WRAP_AT and ln[:1].islower()
                                                           and not prev.endswith(SENTENCE_ENDS)):
            continue
        if is_chrome(ln, None if flags is None else flags[i]):
            keys.add(_key(ln))
    return keys
