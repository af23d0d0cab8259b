"""The scanner: picks the rule groups a record can match with one Aho-Corasick pass, runs their regexes
on windows around the trigger words, adds full licence texts found by similarity, resolves overlaps.

A record with no trigger word costs one automaton pass (most records have none), and a long record costs
little more than a short one. A rule only finds matches that contain, or sit within its window of, one of
its group's trigger words.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

import ahocorasick

from corpusgov.quality.copyright import (
    fixtures,
    fulltext,
    rules_fields,
    rules_grants,
    rules_licences,
    rules_notices,
    rules_notices_en,
    rules_notices_zh,
    rules_optout,
    rules_requests,
    rules_source_available,
)
from corpusgov.quality.copyright.licences import licence_terms
from corpusgov.quality.copyright.model import MarkerFinding
from corpusgov.quality.copyright.rules_base import (
    LICENCE_DESCRIBED_AFTER,
    LICENCE_EXAMPLES_BEFORE,
    LICENCE_IN_REPO_DIGEST_BEFORE,
    LICENCE_OF_CITED_WORK_BEFORE,
    LICENCE_OF_OTHERS_BEFORE,
    LICENCE_OF_SOURCE_BEFORE,
    LICENCE_PLACEHOLDER_BEFORE,
    SENT_END,
    Group,
    Rule,
)

GROUPS: list[Group] = [
    *rules_notices.GROUPS,
    *rules_notices_zh.GROUPS,
    *rules_notices_en.GROUPS,
    *rules_licences.GROUPS,
    *rules_source_available.GROUPS,
    *rules_grants.GROUPS,
    *rules_optout.GROUPS,
    *rules_fields.GROUPS,
    *rules_requests.GROUPS,
]

_TRIM_RE = re.compile(
    r"(?i)\s*(?:all\s+rights\s+reserved|some\s+rights\s+reserved|保留所有权利|保留一切权利|翻印必究|侵权必究"
    r"|licen[cs]ed\s+under|licen[cs]e[:：\s]|released\s+under|CC[\s\-]|CC0|Creative\s+Commons|SPDX|知识共享|采用|遵循"
    r"|本文|本站|转载|未经|\||(?<=[a-z0-9)])\.\s).*$",
    re.S,
)
# Characters searched either side of a trigger word; longer after the BSD text, whose clause list is read.
_WINDOW = 400
_WINDOWS = {  # (before, after) for groups whose matches sit close to their trigger word
    "redistribution and use in source and binary forms": (_WINDOW, 1800),
    "train": (200, 120),
    "训练": (80, 40),
    "转载": (100, 80),
    "本项目": (8, 60),  # zh_work_owned, zh_use_needs_payment: the work's words start (or nearly) the match
    "不能": (4, 64),  # zh_ban_on_this_work: the match starts at the ban word
    "引用": (0, 80),  # zh_use_then_credit: the match starts at the use word
    "set_copyright": (4, 200),  # rules_fields: the match starts at the field's name
    "set_license": (4, 80),
    "license::": (16, 24),
    "](http": (44, 200),  # licence_id_link: the link text (≤ 40 characters) just before the key
}
_NAME_BEFORE = 1000  # a licence title this far before a matched licence text names it
# ASCII lower-casing, and every whitespace character as one space: both keep offsets one-to-one.
_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)} | {ord(c): 32 for c in "\t\n\r\f\v"}
_ASCII_LOWER_BYTES = bytes(_ASCII_LOWER.get(b, b) for b in range(256))  # every key and value is ASCII
_SPACES = re.compile(" {2,}")
# Whitespace runs worth collapsing: indentation or doubled spaces; a bare paragraph break ("\n\n") never
# splits a trigger phrase, and skipping it keeps ordinary pages on the one-pass path (substring tests: a
# regex search here cost more than the whole scan of a page with no trigger).
_INDENTS = ("\n ", "  ", "\n\t")


def _ascii_lower(text: str) -> str:
    """``text.translate(_ASCII_LOWER)``: the same one-byte mapping on the text's UTF-8 bytes, where an ASCII byte is
    always an ASCII character (issue 15: the dict look-up per character was ≈ 13 µs per 1 KB bench text, the bytes
    round trip ≈ 2.5)."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_LOWER_BYTES).decode("ascii")
    return text.encode("utf-8", "surrogatepass").translate(_ASCII_LOWER_BYTES).decode("utf-8", "surrogatepass")


def _trigger_view(text: str) -> tuple[str, list[int], list[int]]:
    """The text as trigger words are looked up in it: ASCII-lowered, whitespace runs as one space, so a
    trigger phrase wrapped across lines ("you are free\n    to use") is still found; with the positions of
    the view where characters were removed and how many were removed up to there, to map offsets back."""
    low = _ascii_lower(text)
    if not ("\n " in text or "  " in text or "\n\t" in text):  # _INDENTS, without a generator per text
        return low, [], []
    parts, at, removed, pos, gone = [], [], [], 0, 0
    for m in _SPACES.finditer(low):
        parts.append(low[pos : m.start() + 1])
        gone += m.end() - m.start() - 1
        at.append(m.start() + 1 - (gone - (m.end() - m.start() - 1)))
        removed.append(gone)
        pos = m.end()
    parts.append(low[pos:])
    return "".join(parts), at, removed


def _original(i: int, at: list[int], removed: list[int]) -> int:
    """Offset in the text of offset `i` of the trigger view."""
    k = bisect.bisect_right(at, i)
    return i + (removed[k - 1] if k else 0)


def _trim(text: str, start: int, end: int) -> int:
    """Cut a notice's holder at the next marker phrase or sentence end, then strip trailing punctuation."""
    seg = text[start:end]
    m = _TRIM_RE.search(seg, 1)
    if m:
        seg = seg[: m.start()]
    seg = seg.rstrip(" \t\r,，.。:：;；-–—")
    return start + max(len(seg), 1)


class CopyrightScanner:
    """Finds copyright/licence/opt-out markers; build once, call :meth:`scan` per record."""

    def __init__(self, full_texts: bool = True) -> None:
        """``full_texts=False`` turns off licence-text similarity (name rules only; for comparison)."""
        self._full_texts = full_texts
        self._groups: list[list[Rule]] = [rules for _, rules in GROUPS]
        self._windows = [_WINDOWS.get(triggers[0], (_WINDOW, _WINDOW)) for triggers, _ in GROUPS]
        self._auto = ahocorasick.Automaton()
        self._fulltext = len(GROUPS)  # pseudo-group: full licence texts, matched on the whole record
        self._windows.append((0, 0))
        full_triggers = fulltext.TRIGGERS if full_texts else ()
        for gi, triggers in enumerate([*(t for t, _ in GROUPS), full_triggers]):
            for t in triggers:
                key = t.lower()
                if key in self._auto:
                    self._auto.get(key).append((gi, len(key), key))
                else:
                    self._auto.add_word(key, [(gi, len(key), key)])
        self._auto.make_automaton()

    def __reduce__(self) -> tuple[type[CopyrightScanner], tuple[bool]]:
        # Rebuild on unpickling (workers): the rules hold closures that plain pickle cannot carry.
        return (CopyrightScanner, (self._full_texts,))

    def scan(self, text: str) -> list[MarkerFinding]:
        """All markers in ``text``, sorted by offset; overlapping findings of one class are merged.

        Each rule group runs only on windows around its trigger words (merged when they overlap), so a
        long record with one footer costs little more than a short one.
        """
        if not text:
            return []
        windows: dict[int, list[list[int]]] = {}
        full_keys: set[str] = set()
        n = len(text)
        # ASCII-only lower-casing keeps offsets one-to-one (str.lower can change the length).
        view, at, removed = _trigger_view(text)
        for end, entries in self._auto.iter(view):
            for gi, length, key in entries:
                if gi == self._fulltext:
                    full_keys.add(key)
                    continue
                before, after = self._windows[gi]
                first, last = _original(end + 1 - length, at, removed), _original(end, at, removed)
                lo, hi = max(0, first - before), min(n, last + 1 + after)
                ws = windows.setdefault(gi, [])
                if ws and lo <= ws[-1][1]:
                    ws[-1][1] = max(ws[-1][1], hi)
                else:
                    ws.append([lo, hi])
        if not windows and not full_keys:
            return []
        raw: list[MarkerFinding] = []
        # Full licence texts: only where a licence-ish word occurs, so ordinary pages pay nothing. (Asking
        # for two different words was measured on the dev split: recall 0.978 -> 0.947; not worth it.)
        full = bool(full_keys)
        for gi in sorted(windows):
            for rule in self._groups[gi]:
                for lo, hi in windows[gi]:
                    for m in rule.pattern.finditer(text, lo, hi):
                        raw.extend(self._finding(rule, m, text))
        if full:
            named = sorted((f for f in raw if f.licence), key=lambda f: f.start)
            raw.extend(_fulltext_findings(text, named))
        return _resolve_overlaps(raw)

    @staticmethod
    def _finding(rule: Rule, m: re.Match[str], text: str) -> Iterable[MarkerFinding]:
        start, end = m.start(), m.end()
        if end <= start:
            return ()
        licence: str | None = None
        score = rule.score
        restrictive = rule.restrictive
        if _quoted_mention(text, start) or _named_as_label(text, start, end) or _in_test_body(text, start):
            return ()
        if _carried(text, start, end, rule.marker_class):
            return ()
        if rule.marker_class == "copyright_notice" and (
            _bare_sign(text, start, end) or fixtures.example_holder(text, start, end)
        ):
            return ()
        if rule.marker_class == "licence" and (
            _licence_offered(text, start, end)
            or LICENCE_EXAMPLES_BEFORE.search(text, max(0, start - 80), start)
            or LICENCE_OF_OTHERS_BEFORE.search(text, max(0, start - 60), start)
            or LICENCE_OF_CITED_WORK_BEFORE.search(text, max(0, start - 240), start)
            or LICENCE_IN_REPO_DIGEST_BEFORE.search(text, max(0, start - 120), start)
            or LICENCE_DESCRIBED_AFTER.match(text, end)
            or LICENCE_PLACEHOLDER_BEFORE.search(text, max(0, start - 16), start)
            or LICENCE_OF_SOURCE_BEFORE.search(text, max(0, start - 200), start)
        ):
            return ()
        if rule.reject_before is not None:
            before = text[max(0, start - 16) : start]
            cut = list(SENT_END.finditer(before))
            if cut:
                before = before[cut[-1].end() :]
            if rule.reject_before.search(before):
                return ()
        if rule.resolve is not None:
            res = rule.resolve(m)
            if res is None:
                return ()
            licence, score = res
        if rule.trim_holder:
            end = _trim(text, start, end)
        else:
            while end > start and text[end - 1] in " \t\r\n,，":
                end -= 1
        if rule.marker_class == "licence":
            terms = licence_terms(licence)
            restrictive = bool(terms and terms.restrictive)
        return (MarkerFinding(rule.marker_class, start, end, score, rule.name, licence, restrictive),)


def _carried(text: str, start: int, end: int, marker_class: str) -> bool:
    """Whether the match is text the code carries (see fixtures): a bytes literal, an HTML page in a literal, a
    command's output after a prompt, a value in a SQL row or in a table row of another repository (or after its backticked
    owner/name), a BannerPlugin sample or a template element's quoted text in a Markdown code fence, a ban after a plea
    to respect original authors' rights, or a request or ban in English that is a quoted string's whole
    value or an error message (a meta tag's value, "tdm-reservation", is an opt-out's own form)."""
    return (
        fixtures.in_bytes_literal(text, start)
        or fixtures.in_page_literal(text, start)
        or fixtures.in_prompt_output(text, start)
        or fixtures.in_raw_string(text, start)
        or (marker_class in _CREDIT_FIELD_CLASSES and fixtures.in_recorded_credit(text, start))
        or (marker_class in _PHRASE_CLASSES and fixtures.whole_string_phrase(text, start, end))
        or (marker_class == "no_reprint" and fixtures.in_recorded_terms(text, start))
        or (marker_class in _PHRASE_CLASSES and fixtures.in_error_message(text, start))
        or fixtures.in_data_row(text, start)
        or fixtures.in_others_repo_row(text, start)
        or fixtures.in_fenced_banner_sample(text, start)
        or (marker_class in _PHRASE_CLASSES and fixtures.in_fenced_template_text(text, start))
        or (marker_class == "no_reprint" and fixtures.after_plea_for_others_rights(text, start))
    )


_PHRASE_CLASSES = frozenset(("attribution_required", "no_reprint"))
_CREDIT_FIELD_CLASSES = frozenset(("attribution_required", "no_reprint", "licence"))


# Quote pairs around a short phrase that is named, not declared: 声明了“禁止转载”或“禁止用于AI训练”等限制, a
# word list "不得转载" "版权所有", a string literal '翻印必究'. (A phrase that is one alternative of a pattern,
# r'^.*翻印必究', r'^©', |侵权必究|翻印必究|, is named too: see _quoted_mention.)
_QUOTES = {"“": "”", "「": "」", "『": "』", '"': '"', "‘": "’", "'": "'"}
_MENTION_MAX = 14  # a quoted notice of its own holds a holder or a sentence: longer than the phrase alone
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _quoted_mention(text: str, start: int) -> bool:
    """Whether the match starting at ``start`` is a short Chinese phrase inside quotes or one alternative of a
    regular expression (a mention of a notice, as in a list of restrictions, of page furniture or of patterns to
    strip, not the notice itself)."""
    if (start and text[start - 1] == "^") or text[max(0, start - 2) : start] == ".*":
        return True  # a regular expression's anchor or wildcard: no notice follows one
    if start and text[start - 1] == "|" and _HAN.match(text, start):
        return True
    # the opening quote just before the match, or before a few Han characters ("未经许可不得转载": the match is
    # 不得转载, the phrase starts at 未经)
    at = start
    while at > 0 and start - at < _MENTION_MAX and text[at - 1] not in _QUOTES and _HAN.match(text, at - 1):
        at -= 1
    if _HAN.match(text, at) and _in_alternation(text, at, start):
        return True
    close = _QUOTES.get(text[at - 1]) if at else None
    if close is None:
        return False
    end = text.find(close, start, at + _MENTION_MAX + 1)
    # t('转载、搬运须注明作者及出处。'): a quoted sentence with its own full stop is a notice shown by code, as the
    # English 'All rights reserved.' is
    quoted = end > start and text[end - 1] not in "。！" and _HAN.search(text, start, end) is not None
    return quoted and not _written_out(text, at - 1)


# A footer or banner a program writes out (readme_footers = [..., "禁止转载"], FOOTER = '版权所有'): the project's own
# line, as a generator's notice is; not a list of phrases to find or strip (PIRATE_WORDS, END_MARKERS).
_WRITTEN_OUT_NAME = re.compile(r"(?i)(?:footer|banner)s?\w{0,20}[\"']?[ \t]*(?:=|:|\+=)[ \t]*[\[(]?[ \t]*$")
_OPEN_LIST = re.compile(r"[\[(][^\[\]()]{0,300}$")


def _written_out(text: str, quote: int) -> bool:
    """Whether the string opening at ``quote`` is assigned to a footer or banner, alone or as an item of its list."""
    lo = max(0, quote - 320)
    if _WRITTEN_OUT_NAME.search(text, lo, quote):
        return True
    opened = _OPEN_LIST.search(text, lo, quote)
    if opened is None:
        return False
    return _WRITTEN_OUT_NAME.search(text, max(0, opened.start() - 60), opened.start() + 1) is not None


def _in_alternation(text: str, at: int, start: int) -> bool:
    """Whether the Han run from ``at`` through ``start`` is one whole alternative of a regular expression:
    (?:来源|未经许可不得转载|转载请附上原文出处) names phrases to strip; a notice has no | on both sides."""
    if at == 0 or not (text[at - 1] == "|" or text[max(0, at - 3) : at] == "(?:"):
        return False
    end = start
    while end < len(text) and end - at < 2 * _MENTION_MAX and _HAN.match(text, end):
        end += 1
    return end < len(text) and text[end] in "|)"


# The head of a test case (def test_…( / func TestX(t *testing.T) / it('…', / test("…",): what its body holds is a
# fixture (copyright_page = "本书版权归出版社所有，未经许可不得复制。" * 4), not the file's notice.
_TEST_HEAD = re.compile(
    r"(?m)^(?P<indent>[ \t]*)(?:(?:async[ \t]+)?def[ \t]+test\w*[ \t]*\(|func[ \t]+Test\w*\("
    r"|(?:it|test)[ \t]*\([ \t]*[\"'`])"
)
_TEST_REACH = 600


def _in_test_body(text: str, start: int) -> bool:
    """Whether ``start`` lies on a line below a test case's head (within 600 characters) indented deeper than it, no
    line between back at the head's indentation or shallower (the body has not ended)."""
    lo = max(0, start - _TEST_REACH)
    if "test" not in text[lo:start].lower() and "it(" not in text[lo:start]:
        return False
    heads = list(_TEST_HEAD.finditer(text, lo, start))
    if not heads:
        return False
    head = heads[-1]
    depth = _indent(head.group("indent"))
    body = text.find("\n", head.end(), start)
    if body < 0:
        return False  # the match is on the head's own line (a test's name)
    own_line = text.rfind("\n", 0, start) + 1
    if _indent(text[own_line:start]) <= depth and text[own_line:start].strip() == "":
        return False  # the match opens a line at or left of the head's indentation: the body has ended
    for line in text[body + 1 : own_line].split("\n"):
        if line.strip() and _indent(line) <= depth:
            return False  # a line back at the head's indentation or shallower ended the body
    return _indent(text[own_line:start]) > depth


def _indent(line: str) -> int:
    """Leading whitespace width of a line (tabs as four columns)."""
    expanded = line.expandtabs(4)
    return len(expanded) - len(expanded.lstrip())


# A Chinese phrase that is a form control's whole caption (<label for="noallow">谢绝转载</label>), or that the same
# clause goes on to call a tag or a word (带 禁转/谢绝转载/限时禁转 标签, 含“版权所有”字样): named, not declared.
_CONTROL_OPEN = re.compile(r"<(?:label|option|button)\b[^<>]{0,120}>\s*$", re.I)
_CONTROL_CLOSE = re.compile(r"\s*</(?:label|option|button)>", re.I)
_CALLED_A_LABEL = re.compile(r"[^，,。；;！？!?\n]{0,12}?(?:标签|標籤|字样|字樣|字眼|关键词|關鍵詞|关键字|關鍵字|选项|選項)")


def _named_as_label(text: str, start: int, end: int) -> bool:
    """Whether a Chinese match is a form control's caption or a phrase its clause names as a tag or word."""
    if not _HAN.match(text, start):
        return False
    if _CONTROL_OPEN.search(text, max(0, start - 140), start) and _CONTROL_CLOSE.match(text, end):
        return True
    return _CALLED_A_LABEL.match(text, end) is not None


# A licence that is one option of a chooser (<option value="CC0-1.0">CC0 1.0</option>), and a badge shown with its own
# source in backticks just after (a badge cheat sheet: [![License: CC BY 4.0](…)](…)  `https://img.shields.io/…`):
# offered or documented, not declared.
_OPTION_OPEN = re.compile(r"<option\b[^<>]{0,120}>\s*$|<option\b[^<>]{0,80}\bvalue=[\"']$", re.I)
_OPTION_CLOSE = re.compile(r"\s*</option>|[\"'][^<>]{0,80}>", re.I)
_BADGE_SOURCE_AFTER = re.compile(r"[^\n`]{0,300}?\)[ \t]*\n?[ \t]*`(?:https?://img\.shields\.io/|\[!\[)")


# A licence that is one item of a list of three or more names joined by spaced slashes (安全档：Apache-2.0 / MIT /
# BSD-3-Clause / EPL-2.0 / CC0-1.0): licences accepted or compared, not this work's (a dual licence names two; a path
# has no spaces around its slashes).
_LICENCE_LIST = re.compile(r"(?:[A-Za-z][\w.+\-]{0,24}[ \t]+/[ \t]+){2,}[A-Za-z][\w.+\-]{0,24}")


def _in_licence_list(text: str, start: int, end: int) -> bool:
    """Whether a licence name lies inside a spaced-slash list of three or more names on its line."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if line_end - line_start > 2000:
        line_start, line_end = max(line_start, start - 300), min(line_end, end + 300)
    return any(m.start() <= start and end <= m.end() for m in _LICENCE_LIST.finditer(text, line_start, line_end))


# An SBOM's per-package licence field (SPDX JSON / YAML / JS licenseConcluded / licenseDeclared, tag-value
# PackageLicenseDeclared: / LicenseInfoInFile:): the licence of a component the bill lists, not this text's.
_SBOM_FIELD_BEFORE = re.compile(
    r"\b(?:licen[cs]e(?:Concluded|Declared|InfoFromFiles|InfoInFiles?)|PackageLicen[cs]e(?:Concluded|Declared|InfoFromFiles)"
    r"|LicenseInfoInFile|LicenseConcluded)[\"']?[ \t]*[:=][ \t]*[\"'\[(]?[ \t]*$"
)


def _licence_offered(text: str, start: int, end: int) -> bool:
    """Whether a licence name is an option of a form control, a badge documented with its source, one item of a
    list of licences, or an SBOM's field on a listed package."""
    if _OPTION_OPEN.search(text, max(0, start - 140), start) and _OPTION_CLOSE.match(text, end):
        return True
    if _SBOM_FIELD_BEFORE.search(text, max(0, start - 60), start):
        return True
    if _in_licence_list(text, start, end):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    in_badge = text.rfind("![", max(line_start, start - 200), start) >= 0  # the badge's alt text or its link
    return in_badge and _BADGE_SOURCE_AFTER.match(text, end) is not None


# A sign that is an element's or a string's whole content (<string name="copyright">&#169;</string>): no year, no
# holder, nothing stated; a lint test's fixture, not a notice.
_SIGNS = ("©", "&copy", "&#169", "ⓒ")
_SIGN_ALONE_BEFORE = re.compile(r"[>\"'][ \t]*$")
_SIGN_ALONE_AFTER = re.compile(r";?[ \t]*(?:</|[\"'])")


_SIGN_THE_END = re.compile(r"(?:©|&copy;|\(c\))[ \t]*(?:THE[ \t]+)?END\b")


def _bare_sign(text: str, start: int, end: int) -> bool:
    """Whether a © match is a sign alone between a tag or quote and the closing tag or quote."""
    if _SIGN_THE_END.match(text, start, end):
        return True  # "© THE END": an article's closing mark, no holder
    if text[start:end].rstrip("; \t") not in _SIGNS:
        return False  # a year or a holder follows the sign
    return bool(_SIGN_ALONE_BEFORE.search(text, max(0, start - 8), start)) and bool(
        _SIGN_ALONE_AFTER.match(text, end)
    )


def _fulltext_findings(text: str, named: list[MarkerFinding]) -> list[MarkerFinding]:
    """Licence texts found by similarity; a licence the text names within or just before the span, if it is
    one of the close variants, gives the id. Score 0.945..0.99 with containment, above the name rules."""
    out = []
    for m in fulltext.match_licences(text):
        spdx = m.spdx
        for f in named:
            if f.licence in m.alternatives and m.start - _NAME_BEFORE <= f.start < m.end:
                spdx = f.licence
                break
        terms = licence_terms(spdx)
        score = round(0.9 + 0.09 * m.containment, 3)
        out.append(
            MarkerFinding(
                "licence", m.start, m.end, score, "licence_text", spdx, bool(terms and terms.restrictive)
            )
        )
    return out


def _resolve_overlaps(raw: list[MarkerFinding]) -> list[MarkerFinding]:
    """Keep, per class, the best of overlapping findings (licence known, score, length) — deterministic."""
    order = sorted(
        raw,
        key=lambda f: (f.licence is None, -f.score, -(f.end - f.start), f.start, f.recognizer),
    )
    kept: list[MarkerFinding] = []
    # Per class, the kept spans are disjoint, so sorted by start they are sorted by end too: the only
    # candidate for an overlap is the last kept span starting before f.end (bisect keeps this O(n log n)).
    spans: dict[str, tuple[list[int], list[int]]] = {}
    for f in order:
        starts, ends = spans.setdefault(f.marker_class, ([], []))
        i = bisect.bisect_left(starts, f.end)
        if i > 0 and ends[i - 1] > f.start:
            continue
        starts.insert(i, f.start)
        ends.insert(i, f.end)
        kept.append(f)
    kept.sort(key=lambda f: (f.start, f.end, f.marker_class, f.recognizer))
    return kept
