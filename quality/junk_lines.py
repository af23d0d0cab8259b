"""Line-structure junk: boilerplate lines, page furniture, mail residue, broken words and line fragments.

Why: junk made of real sentences with a few non-prose lines mixed in (page chrome, running headers and page
numbers, cookie walls, share rows, e-mail headers, words one per line) passes every document-level rule, because
most of its characters are good prose. C4 and FineWeb judge such text line by line (C4 removes lines with
"javascript", "cookie", "terms of use", lines without terminal punctuation; FineWeb counts lines ending in
punctuation, short lines and duplicated lines); corpusgov drops whole documents, so these signals measure how much
of a document such lines make up. Each is one small pure function over the document's non-empty stripped lines
(no Beam, no model); the rules and their thresholds are in the policy, each with its source in the README.

zh adaptation: the boilerplate lexicon has a Chinese half (版权所有, 上一篇, 分享到 …); "short" is counted in words
for spaced text and in characters / 2 for Han text; terminal punctuation includes 。！？；… and closing quotes.
"""

from __future__ import annotations

import re

from corpusgov.quality.junk_lists import listed_items

# Boilerplate lexicon per script (C4's line filter: javascript, cookie, terms of use, privacy policy; extended with
# the chrome every news or forum page carries). Matched on short lines only, so prose that mentions a cookie or a
# privacy policy is not boilerplate.
_BOILER_EN = re.compile(
    r"\b(?:cookies?|javascript|privacy (?:policy|notice|settings)|terms (?:of (?:use|service)|and conditions)|"
    r"all rights reserved|copyright|accept all|reject all|manage (?:preferences|cookies|settings)|opt[- ]out|"
    r"share (?:this|on)|tweet|facebook|linkedin|pinterest|whatsapp|reddit|subscribe|newsletter|sign (?:in|up)|"
    r"log ?in|log ?out|read more|continue reading|click here|back to top|skip to (?:main )?content|"
    r"previous (?:page|post|article)|next (?:page|post|article)|related (?:posts|articles)|you may also like|"
    r"leave a (?:comment|reply)|posted (?:by|on|in)|permalink|print this|email this|like this|"
    r"sponsored|powered by|sitemap|contact us|about us)\b",
)  # matched on the lower-cased line (faster than IGNORECASE)
_BOILER_ZH = re.compile(
    "版权所有|保留所有权利|未经(?:授权|许可)|禁止转载|转载请注明|免责声明|隐私(?:政策|保护|声明)|用户协议|服务条款|"
    "(?<![A-Za-z_])[Cc]ookie|登录|注册|上一篇|下一篇|上一页|下一页|尾页|返回顶部|返回列表|分享到|点赞|举报|只看该作者|发表于|"
    "责任编辑|来源[:：]|作者[:：]|字号|打印本页|关闭窗口|相关(?:阅读|文章|推荐|搜索)|热门(?:推荐|文章)|"
    "阅读(?:全文|更多|原文)|查看更多|点击(?:这里|查看)|扫码|关注我们|联系我们|关于我们|网站地图|广告服务|意见反馈|"
    "ICP备|您当前的位置|当前位置"
)
_MENU_SEP = re.compile(r"\s+[·•»›]\s+| {1,2}[|>] {1,2}(?! )")  # ' | ' with wide spacing is a drawn box or table
_CHAPTER_REF = re.compile(r"\b(?:chapter|appendix) \d+\b|第\s*\d+\s*章", re.IGNORECASE)
# grammar rules, shell pipelines and option syntax use | and > too
_CODE_CHARS = re.compile(r"[`'\"{}=;%$<:]|(?:^|\s)--?[A-Za-z]")
_NAV_CHARS = frozenset("|·•»›>")


def _has_nav_char(line: str) -> bool:
    """``not _NAV_CHARS.isdisjoint(line)`` by six substring tests: ``isdisjoint`` of a string makes and hashes a
    one-character string per character of the line (≈ 20 µs for a 700-character line, this ≈ 0.5 µs)."""
    return "|" in line or "·" in line or "•" in line or "»" in line or "›" in line or ">" in line
# French and German prose quote with spaced guillemets (« yes », » ja «); a quoted span is not a menu item.
_GUILLEMET_QUOTE = re.compile(r"«[^«»]*»|»[^«»]*«")
_BOILER_MAX_CHARS = 100  # longer lines are prose that mentions the word
_BOILER_MAX_WORDS = 10  # a wrapped line of prose holds more (12-16 words at 70-80 columns)
# A page number or page marker on its own, or a line that starts/ends with a page number set off by wide spacing.
_PAGE_MARK = re.compile(
    r"^(?:[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}\s*/\s*\d{1,4}|\d{1,4}|page \d{1,4}(?: of \d{1,4})?|"
    r"第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?|共\s*\d{1,4}\s*页)$|^\d{1,4}(?:\s{3,}|\t)\S|\S(?:\s{3,}|\t)\d{1,4}$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_TABLE_KEY = re.compile(r"[-+]?\d{1,4}|[<>]=?\s*\d{1,4}")  # a lone number (or bound) in a key column
_WIDE_GAP = re.compile(r"\s{3,}|\t")
# statement ends and operators, a line that opens a bracket, a line wrapped in brackets (a query's "(3 rows)")
_CODE_LINE = re.compile(r"[;=*{}]|\($|^\(.*\)$")
_NOT_FURNITURE = ("|", "+", "│", "├", "┌", "└", "║", ">>>", "...", "$", "#", "-", "*", "•")
# RFC 5322 / HTTP header names (and their Chinese mail-client labels) at the start of a line.
_HEADER = re.compile(
    r"^(?:from|to|cc|bcc|subject|date|reply-to|message-id|in-reply-to|references|received|return-path|"
    r"mime-version|content-(?:type|transfer-encoding|length|disposition)|x-[a-z0-9-]+|user-agent|host|"
    r"accept(?:-[a-z]+)?|set-cookie|cookie|server|connection|cache-control|"
    r"发件人|收件人|抄送|主题|日期|发送时间)\s*[:：]\s*\S",
    re.IGNORECASE,
)
_ATTRIBUTION = re.compile(r"(?:on .{4,80}\bwrote|.{2,40}写道)\s*[:：]$", re.IGNORECASE)
# Characters a sentence (or a quoted or bracketed one) ends with; a line ending in one is prose, not a UI row.
SENTENCE_ENDS = (".", "!", "?", "。", "！", "？", "；", ";", "…", ":", "：", '"', "”", "’", "'", "」", "』", ")", "）")
_HAN = re.compile(r"[\u3400-\u9fff]")
_WORD = re.compile(r"[^\W\d_]+")
_HYPHEN_END = re.compile(r"(?<!-)[a-z]{2}-$")
_BARE = re.compile(r"[^\W\d_]+(?: [^\W\d_]+){0,2}")
# One CamelCase identifier (GtkWindow, PQexec): a class or function name listed by a manual, not a bare fragment (the
# label rule reads it so too: junk_fragments._IDENTIFIER)
_IDENTIFIER = re.compile(r"[A-Za-z][a-z0-9]*[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*")


def _size(line: str) -> int:
    """Words of a line: spaced words, or Han characters / 2 (a Chinese word is about two characters)."""
    han = len(_HAN.findall(line))
    return len(_WORD.findall(_HAN.sub(" ", line))) + han // 2


# A command synopsis's optional part or set of alternatives, innermost first (docs round 12).
_BRACKETED = re.compile(r"\[[^\[\]]*\]")


def _unbracketed(line: str) -> str:
    """``line`` with each bracketed span (nested ones too) read as one item ("x": a bracketed link stays an item)."""
    for _ in range(3):
        line, n = _BRACKETED.subn("x", line)
        if not n:
            break
    return line


def is_nav_row(line: str) -> bool:
    """A navigation row: menu, breadcrumb or button items between separators (``Home › Docs``, ``a | b | c``,
    ``x · y · z``), or a "previous chapter / next chapter" row holding two chapter references."""
    if len(line) > 4 * _BOILER_MAX_CHARS:
        return False
    chapter_hint = "章" in line or "apter" in line or "APTER" in line or "ppendix" in line  # cheap tests first
    if chapter_hint and len(_CHAPTER_REF.findall(line)) >= 2:
        return True
    if not _has_nav_char(line) or line.startswith(("|", "+", "│")) or "--" in line or _CODE_CHARS.search(line):
        return False
    if "«" in line:
        line = _GUILLEMET_QUOTE.sub(" ", line)
    if "[" in line:  # bars inside a synopsis's brackets separate alternatives ("clear win [ redraw | eol | bot ]")
        line = _unbracketed(line)
    return len(_MENU_SEP.findall(line)) >= 2 and all(any(c.isalpha() for c in item) for item in _MENU_SEP.split(line))


# A table's rule: dashes or equals signs with the column joints of psql output and Markdown tables ("-----+------",
# "|---|:--:|"); at least three rule characters and a joint (a bare "-----" over "Home | About" is a page footer).
_RULE = re.compile(r"[-=+|:\s─━┼┬┴]*[-=─━]{3,}[-=+|:\s─━┼┬┴]*")
_JOINTS = frozenset("+|┼┬┴")


def table_rows(lines: list[str]) -> set[int]:
    """Indices of the rows of ruled text tables: the line above a rule (its header) and the ``|``-separated lines
    that follow the rule (its rows). A query result or a Markdown table in a manual ("num | name | value" over
    "-----+------") has the shape of a navigation row, but the rule under it says table. A document with no ``|``
    has none (checked first: most documents)."""
    rows: set[int] = set()
    if not any("|" in ln for ln in lines):
        return rows
    for i, ln in enumerate(lines):
        if _JOINTS.isdisjoint(ln) or not _RULE.fullmatch(ln):
            continue
        if i and "|" in lines[i - 1]:
            rows.add(i - 1)
        for j in range(i + 1, len(lines)):
            if "|" not in lines[j]:
                break
            rows.add(j)
    return rows


# A manual's instruction through a menu path ("Click File ▸ Print this Page", "Choose Edit > Preferences", 点击 编辑 ▸
# 首选项): its items are the menu's own labels, which may read as chrome ("Print this Page", "Log Out", 关闭窗口), and
# its arrows as a breadcrumb's, but a breadcrumb or a share row never opens with the reader's action.
_MENU_INSTRUCTION = re.compile(r"^(?:(?:(?:right-|double-)?click|choose|select|open|press|tap|go to|navigate to)\s|"
                               r"点击|单击|双击|选择|打开|依次).*\S\s*[▸›>→⇒➜»]\s*\S", re.IGNORECASE)


def is_menu_instruction(line: str) -> bool:
    """An instruction that walks a menu path (``_MENU_INSTRUCTION``): help text, not navigation or chrome."""
    return len(line) <= 2 * _BOILER_MAX_CHARS and _MENU_INSTRUCTION.match(line) is not None


def is_boilerplate(line: str) -> bool:
    """A navigation row, or a short line holding a boilerplate phrase (C4's cookie/javascript/policy lines, page and
    forum chrome) that does not end as a sentence; never a menu instruction (``is_menu_instruction``)."""
    if is_menu_instruction(line):
        return False
    if is_nav_row(line):
        return True
    if len(line) > _BOILER_MAX_CHARS or line.endswith(SENTENCE_ENDS):
        return False
    if line.isascii():
        hit = _BOILER_EN.search(line.lower()) is not None
    else:
        hit = _BOILER_ZH.search(line) is not None or (
            not _HAN.search(line) and _BOILER_EN.search(line.lower()) is not None)
    return hit and _size(line) <= _BOILER_MAX_WORDS


def _wraps_on(line: str, lines: list[str], i: int) -> bool:
    """A phrase line that is one line of hard-wrapped prose ("Automatically log in the specified user without asking
    for a" / "username or password", a man page): the next line goes on in lower case. Navigation rows never count so."""
    nxt = lines[i + 1] if i + 1 < len(lines) else ""
    return nxt[:1].islower() and not is_nav_row(line)


def boilerplate_flags(lines: list[str], table: set[int]) -> list[bool]:
    """``is_boilerplate`` of each line that is not a table row (``table``: ``table_rows(lines)``; a row reads False).
    Computed once per document: ``boilerplate_char_frac`` and ``junk_chrome.chrome_keys`` both read it."""
    return [i not in table and is_boilerplate(ln) for i, ln in enumerate(lines)]


def boilerplate_char_frac(lines: list[str], table: set[int] | None = None, flags: list[bool] | None = None) -> float:
    """Share of the characters of a document's non-empty lines that lie in boilerplate lines (rows of ruled tables
    are not: ``table_rows``); 0 unless there are two such lines or one navigation row (one mention of a privacy
    policy is not chrome). ``table`` and ``flags`` (``boilerplate_flags``) are computed here unless passed in."""
    total = sum(map(len, lines))
    if flags is None:
        flags = boilerplate_flags(lines, table_rows(lines) if table is None else table)
    hits = [ln for i, (ln, b) in enumerate(zip(lines, flags, strict=True)) if b and not _wraps_on(ln, lines, i)]
    if not total or not (len(hits) >= 2 or any(map(is_nav_row, hits))):
        return 0.0
    return sum(map(len, hits)) / total


def _furniture_candidate(line: str) -> bool:
    """A line that may be page furniture: at most two numbers, not a table row, prompt or listing line, nor a line of
    code or its output (``CREATE TABLE t1 (``, ``test=# SELECT * FROM t2;``, ``(3 rows)``: examples of one shape recur
    with their numbers changed, as running headers do)."""
    if len(line) > 120 or line.startswith(_NOT_FURNITURE) or line.count("|") + line.count("│") >= 2:
        return False
    if _CODE_LINE.search(line):
        return False
    return 1 <= len(_DIGITS.findall(line)) <= 2


def _spread(variants: set[str], lines: list[str]) -> bool:
    """Running headers recur a page apart: at least 3 variants, on average 6 or more lines from one to the next
    (numbered items of a list or listing, ``Name1``/``Name2``, ``sha224``/``sha256``, stand close together)."""
    at = [i for i, ln in enumerate(lines) if ln in variants]
    return len(variants) >= 3 and (at[-1] - at[0]) / (len(at) - 1) >= 6


def page_furniture_lines(lines: list[str]) -> float:
    """Lines that are page furniture: a page number or marker, a line set off from its page number by wide spacing,
    or a line that recurs with only its numbers changed (running headers and footers, "Page 2 of 7")."""
    cand = [_furniture_candidate(ln) for ln in lines]
    # (justified text has several wide gaps; a header set off from its page number has one)
    is_mark = [c and bool(_PAGE_MARK.search(ln)) and len(_WIDE_GAP.findall(ln)) <= 1
               for c, ln in zip(cand, lines, strict=True)]
    # A page marker stands alone: a run of numbered lines is a list or table, a number after a prompt is output, and
    # a lone number two lines from another is the key column of a table read row by row (exit codes 0 / 1 / -1 / 5,
    # each over its description: docs round 9), not a page number (a page holds more than one line).
    keys = [bool(_TABLE_KEY.fullmatch(ln)) for ln in lines]
    marks = sum(1 for i, m in enumerate(is_mark)
                if m and not (i and (is_mark[i - 1] or lines[i - 1].startswith((">>>", "...", "$ ", "# "))))
                and not (i + 1 < len(lines) and is_mark[i + 1])
                and not (i >= 2 and keys[i - 2] or i + 2 < len(lines) and keys[i + 2]))
    variants: dict[str, set[str]] = {}
    for c, ln in zip(cand, lines, strict=True):
        if c and sum(ch.isalpha() for ch in ln) >= 3:
            variants.setdefault(_DIGITS.sub("0", ln), set()).add(ln)
    running = sum(len(v) for v in variants.values() if len(v) >= 2 and _spread(v, lines))
    return float(max(marks, running))


def mail_lines(lines: list[str]) -> float:
    """Lines of e-mail or HTTP residue: a header name and a colon (From:, Subject:, Content-Type:, 发件人：), a
    reply attribution ("On 2/5/2012, X wrote:", "…写道：") or a quote of a quote ("> > text"; one level of quoting
    is how documentation cites a message, so it does not count)."""
    return float(sum(1 for ln in lines if ln.startswith(("> >", ">> ")) or (":" in ln or "：" in ln) and (
        _HEADER.match(ln) or ln.endswith((":", "：")) and _ATTRIBUTION.match(ln))))


def hyphen_break_lines(lines: list[str]) -> float:
    """Words broken across lines by a hyphen ("prospect-" / "ive developers"): a line ending in two lower-case letters
    and a hyphen, the next starting in lower case. Typeset pages extracted to text (PDF, print) keep them; text
    written for the screen, hard-wrapped manuals included, does not break words."""
    return float(sum(1 for a, b in zip(lines, lines[1:], strict=False) if b[:1].islower() and _HYPHEN_END.search(a)))


def fragment_lines_frac(lines: list[str]) -> float:
    """C4's "no terminal punctuation" line test adapted: share of lines that are bare fragments — one to three words
    (up to six Han characters) of letters only, no punctuation, digits or markup — among documents of at least
    eight lines. Tag clouds, keyword lists and text broken into columns are made of them; documentation's short lines
    carry markup (``.. data::``, ``| cell |``, options) or name an identifier (GtkWindow), and verse carries its clause
    marks; the items of a list a sentence introduces with a colon do not count (``junk_lists``)."""
    if len(lines) < 8:
        return 0.0
    bare = [bool(_BARE.fullmatch(ln)) and _size(ln) <= 3 and not _IDENTIFIER.fullmatch(ln) for ln in lines]
    # the items of a list a sentence introduces ("... the following packages:") are not fragments (junk_lists)
    listed = listed_items(lines, bare)
    return (sum(bare) - len(listed)) / len(lines)


def line_signals(lines: list[str], table: set[int] | None = None, flags: list[bool] | None = None) -> dict[str, float]:
    """Every line-structure signal of one document, given its non-empty stripped lines (and, when already computed,
    their ``table_rows`` and ``boilerplate_flags``)."""
    return {
        "boilerplate_char_frac": boilerplate_char_frac(lines, table, flags),
        "page_furniture_lines": page_furniture_lines(lines),
        "mail_lines": mail_lines(lines),
        "fragment_lines_frac": fragment_lines_frac(lines),
        "hyphen_break_lines": hyphen_break_lines(lines),
    }
