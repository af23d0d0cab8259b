"""Rules for notices both languages write alike: the © sign, the word "Copyright" with a year or holder, (c) with
a year. Language phrasings (rights reserved, no-reprint, attribution) are in ``rules_notices_zh`` and
``rules_notices_en``.

Rules as data: each group is (trigger words, rules); a group's regexes run only in windows around its
trigger words (see :mod:`quality.copyright.scanner`).
"""

from __future__ import annotations

import re

from corpusgov.quality.copyright.rules_base import (
    HOLDER,
    IGNORECASE,
    NOT_SYMBOL_TALK,
    WE,
    WS,
    YEARS,
    Group,
    Rule,
    rx,
)

_LINE_PREFIX = re.compile(r"[ \t]*(?:[#*;%]+|//|--)?[ \t]*")


def _field_at_line_start(m: re.Match[str]) -> tuple[str | None, float] | None:
    """Accept "Copyright: X" only as a header field: nothing but a comment prefix before it on its line."""
    line_start = m.string.rfind("\n", 0, m.start()) + 1
    return (None, 0.7) if _LINE_PREFIX.fullmatch(m.string, line_start, m.start()) else None


GROUPS: list[Group] = [
    (
        ("©", "&copy;", "&#169;", "ⓒ"),
        [
            Rule(
                "copyright_symbol",
                "copyright_notice",
                rx(
                    # (a quoted sign is named in prose; a quoted sign with a year is a © line printed by code:
                    # "© 2026 陈起成。保留所有权利。…")
                    # (a Visual Basic comment's apostrophe opening the line, "'© Keith Gibb (On Screen Media Ltd.), 2003", is no quote)
                    r"(?:(?<![\"“'‘「])|(?<=\n')|(?<=\n[ \t]')|(?<![\s\S]{2})(?<=')"
                    r"|(?=(?:©|&copy;|&#169;|ⓒ)[ \t]*(?:19|20)\d{2}\b))(?:©|&copy;|&#169;|ⓒ)"
                    + NOT_SYMBOL_TALK
                    + r"(?:\s*"
                    + YEARS
                    + r")?"
                    + HOLDER
                ),
                0.9,
                trim_holder=True,
            ),
        ],
    ),
    (
        ("copyright",),
        [
            Rule(
                "copyright_word",
                "copyright_notice",
                rx(
                    WS
                    # (U+FFFD: a © lost in decoding, "Copyright \ufffd 2008 Dmitry Titov" in a Latin-1 file read as UTF-8)
                    + r"copyright(?:ed)?\s*(?:(?:©|\(c\)|&copy;|&#169;|ⓒ|\ufffd)\s*(?:"
                    + YEARS
                    + r")?"
                    # an inline element standing for the sign before the year: "Copyright <span><FontAwesomeIcon
                    # icon={faCopyright}/></span> 2023 X" (each tag one atomic unit, at most four)
                    + r"|(?>(?:<[^<>\n]{1,80}>[ \t]*){1,4})(?="
                    + YEARS
                    + r")|[:：,@]?\s*"
                    + YEARS
                    + r"(?![\s\-]*(?:act|law|directive|regulations?|amendment|reform|statute)"
                    + WE
                    + r"))"
                    + HOLDER,
                    IGNORECASE,
                ),
                0.95,
                trim_holder=True,
            ),
            Rule(
                # "Copyright :   STFC Daresbury Laboratory" (a header field naming the holder, no year)
                "copyright_field_holder",
                "copyright_notice",
                rx(
                    # capitalised, at a line's start (see _field_at_line_start): not "* debian/copyright: Update"
                    # "Copyright: X" / "Copyright by TheNote!" (a header line naming the holder)
                    r"(?<![\w/.\-])(?:Copyright|COPYRIGHT)(?:[ \t]*[:：][ \t]*|[ \t]+(?:by|BY)[ \t]+)"
                    r"(?!(?:None|N/?A|Unknown|UNKNOWN|See|Notice|Information|Holders?|Owners?|Law|Act|This|These|All|Copyright"
                    r"|Please|For|Yes|No|True|False"
                    # a changelog's verbs: "* debian/copyright: Update", "* COPYRIGHT: Rename to ..."
                    r"|Update|Refresh|Add|Fix|Use|Rename|Remove|Move|Drop|Bump|Regenerate)" + WE + r")"
                    r"[A-Z]" + HOLDER
                ),
                0.7,
                resolve=_field_at_line_start,
                trim_holder=True,
            ),
            Rule(
                # "<key>NSHumanReadableCopyright</key><string>typebud contributors</string>" (an app bundle's copyright
                # field: its value is the notice, even a bare holder; values starting with a sign or the word are found
                # by the rules above, a build variable "$(…)" or an empty string is none)
                "copyright_plist_field",
                "copyright_notice",
                rx(
                    r"(?<![\w])NSHumanReadableCopyright(?:</key>[ \t]*(?:\r?\n[ \t]*)?<string>|\"?[ \t]*=[ \t]*\")[ \t]*"
                    # (a value naming a licence, "MIT license. See repository for source.", names no holder)
                    r"(?!(?i:copyright|\(c\))|©|&copy;|&#169;|[^<>\"\n]{0,30}(?i:licen[cs]e|licen[cs]ed)\b)"
                    r"[^\s<>\"$%{}\\][^<>\"$%{}\\\n]{1,120}(?=</string>|\";)"
                ),
                0.85,
            ),
            Rule(
                # "SPDX-FileCopyrightText: 2026 Weibo, Inc." / "SPDX-FileCopyrightText: Copyright Orangebot, Inc. and
                # Medplum contributors" (REUSE's header tag: the tag is the word, the year is optional); a header
                # line only (see _field_at_line_start), and the value starts like a holder, a year or a sign (not a
                # linter's string "SPDX-FileCopyrightText:" nor a template's "{{ year }} {{ author }}")
                "copyright_spdx_tag",
                "copyright_notice",
                rx(
                    r"(?<![\w\-])SPDX-FileCopyrightText[ \t]*:[ \t]*"
                    r"(?!(?:NOASSERTION|NONE)\b)(?=(?:©|\([cC]\)|&copy;|(?i:copyright)" + WE + r"|(?:19|20)\d{2}" + WE
                    + r"|[A-Z\u4e00-\u9fff]))" + HOLDER
                ),
                0.7,
                resolve=_field_at_line_start,
                trim_holder=True,
            ),
            Rule(
                # "Copyright BigWorld Pty, Ltd.\nAll Rights Reserved." (a header line naming the holder with no year or
                # sign, made a notice by the reservation that closes it or opens the next line)
                "copyright_holder_reserved",
                "copyright_notice",
                rx(
                    r"(?<![\w/.\-])(?:Copyright|COPYRIGHT)[ \t]+"
                    r"(?!(?:Law|Laws|Act|Office|Notice|Information|Holders?|Owners?|This|These|All|Copyright|Protection"
                    r"|Statement|Policy|and|or|of|by|is|are|the)" + WE + r")"
                    r"[A-Z][^\n]{0,80}?[ \t.,]*(?:\r?\n[ \t]*(?:[#*;%]+|//|--)?[ \t]*)?"
                    r"(?=(?i:all[ \t]+rights[ \t]+reserved)" + WE + r")"
                ),
                0.7,
                resolve=_field_at_line_start,
            ),
            Rule(
                # "Copyright jQuery Foundation and other contributors\n * Released under the MIT license" / "Copyright
                # The OpenTelemetry Authors\n *\n * Licensed under the Apache License" (a header line naming the holder
                # with no year or sign, made a notice by the licence line that follows it, blank comment lines between)
                "copyright_holder_licensed",
                "copyright_notice",
                rx(
                    r"(?<![\w/.\-])(?:Copyright|COPYRIGHT)[ \t]+"
                    # (the holder may start in lower case, "Copyright jQuery Foundation": the words that are no holder
                    # are refused in any case)
                    r"(?!(?i:law|laws|act|office|notice|information|holders?|owners?|this|these|all|copyright|protection"
                    # ("Copyright The OpenTelemetry Authors": "The" before a name opens the holder)
                    r"|statement|policy|headers?|years?|update[sd]?|and|or|of|by|is|are|for|to|in|on|at"
                    r"|the(?![ \t]+(?-i:[A-Z])))" + WE + r")"
                    r"[A-Za-z][^\n]{0,80}?(?=[ \t.,]*(?>(?:\r?\n[ \t]*(?:[#*;%]+|//|--)?[ \t]*){1,3})"
                    r"(?:Licensed|Released|Distributed|(?:This|The)[ \t]+(?:file|software|code|program|project|library)"
                    r"[ \t]+is[ \t]+(?:licensed|released|distributed)|SPDX-License-Identifier)" + WE + r")"
                ),
                0.7,
                resolve=_field_at_line_start,
            ),
            Rule(
                # " * Copyright HC Technology Inc." (a header line naming a company, no year or sign: the company's
                # legal suffix closes the line, so the words are a holder, not prose about copyright)
                "copyright_holder_company",
                "copyright_notice",
                rx(
                    r"(?<![\w/.\-])(?:Copyright|COPYRIGHT)[ \t]+"
                    r"(?!(?:Law|Laws|Act|Office|Notice|Information|Holders?|Owners?|This|These|All|Copyright|Protection"
                    r"|Statement|Policy|and|or|of|by|is|are|the)" + WE + r")"
                    r"(?:[A-Z][\w&'’\-]*,?[ \t]+){1,5}"
                    r"(?:Inc|Ltd|LLC|L\.L\.C|Corp|Co|GmbH|Pty|Limited|Corporation|Incorporated|AG|S\.A|B\.V|PLC|plc)\.?"
                    r"(?=[ \t]*(?:\r?\n|$))"
                ),
                0.7,
                resolve=_field_at_line_start,
            ),
        ],
    ),
    (
        ("copyright ", "copyright,"),
        [
            Rule(
                # "Copyright Acme Corp 2020" / "Copyright, SportSee 2020" (a footer's comma after the word)
                "copyright_holder_year",
                "copyright_notice",
                rx(
                    r"(?<![A-Za-z])(?i:copyright),?\s+(?:by\s+)?(?!(?:Office|Act|Law|Directive|Board|Tribunal|Agency|Royalty"
                    r"|Society|Council|Commission|Term|Protection)" + WE + r")(?:[A-Z][\w&'\-]*\.?,?\s+){1,5}"
                    r"(?:19|20)\d{2}" + WE
                ),
                0.8,
            ),
        ],
    ),
    (
        ("(c)",),
        [
            Rule(
                "copyright_c_year",
                "copyright_notice",
                rx(r"(?<![A-Za-z(])\([cC]\)\s*" + YEARS + HOLDER),
                0.85,
                trim_holder=True,
            ),
        ],
    ),
]
