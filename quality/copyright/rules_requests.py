"""Requests and bans in a work's own terms that the older tables missed: a link back asked for ("please link back to
this page"), commercial use asked for first ("Commercial Use: Please contact the authors", 任何商业用途请联系作者, 任何使用
需经授权), a resale ban joined to another passing-on verb ("You may not resell or redistribute the original"), a credit
asked for as a line of terms (- 必须标明作者信息和来源地址 / 使用本数据集的研究成果请注明数据来源) or as the author's credit kept
(必须保留原作者的署名), passing the work on to other sites banned ("Please do not submit … to third Party websites"), and a licence named as
"the licence is X".

Each is a structure (the request or ban itself, with the work or its source as object), not one site's wording; others'
objects (an issue to link back to, commercial support, a forum's rule on users' reposts) are left out.
"""

from __future__ import annotations

import re

from corpusgov.quality.copyright.rules_base import EN_DISCUSS, EN_SP, IGNORECASE, ZH_DISCUSS, Group, Rule, rx
from corpusgov.quality.copyright.rules_fields import licence_of_value
from corpusgov.quality.copyright.rules_notices_en import WORK_NOUN

# others as the subject or object of a Chinese credit line (a forum's rule on users' reposts of others' works)
_ZH_OTHERS = re.compile(r"他人|别人|別人|第三方|其他人|投稿|来稿|來稿|违法|違法|非法")
# "the licence is Apache 2": a short version is the ".0" release (Apache 2 / MPL 2 / GPL 3 -> -2.0 / -3.0)
_SHORT_VERSION = re.compile(r"(?i)([A-Za-z]+)[ \-]?v?(\d)")


def _zh_own_credit(m: re.Match[str]) -> tuple[str | None, float] | None:
    """Reject a credit line about others' works or submissions."""
    return None if _ZH_OTHERS.search(m.group(0)) else (None, 0.8)


def _named_licence(m: re.Match[str]) -> tuple[str | None, float] | None:
    """The SPDX id the value names, whole (MIT, GPL-3.0, BSD) or as a name and a bare major version (Apache 2)."""
    value = m.group("value").strip()
    spdx = licence_of_value(value)
    if spdx is None:
        short = _SHORT_VERSION.fullmatch(value)
        if short:
            spdx = licence_of_value(f"{short.group(1)}-{short.group(2)}.0")
    return (spdx, 0.8) if spdx else None


GROUPS: list[Group] = [
    (
        ("link back",),
        [
            Rule(
                # "Free for any use; please link back to https://…" / "Please link back to this page as your source" / "If you
                # use this script, please link back to the source" / "you must link back to …" (not "please link back to the
                # issue": a contributor's instruction about a ticket)
                "en_please_link_back",
                "attribution_required",
                rx(
                    r"\b(?:please|kindly|must|should)" + EN_SP + r"(?:always" + EN_SP + r")?link" + EN_SP + r"back" + EN_SP
                    + r"to" + EN_SP + r"(?!(?:the" + EN_SP + r"|this" + EN_SP + r"|that" + EN_SP + r")?(?:original" + EN_SP
                    + r")?(?:issues?|tickets?|pr|prs|pull|discussions?|threads?|comments?|commits?|parent|previous|main"
                    r"|home|index|menu|top)\b)"
                    # "(please link back if you use this code!)": no place named, the request conditioned on using the work
                    + r"|\b(?:please|kindly|must|should)" + EN_SP + r"link" + EN_SP + r"back" + EN_SP + r"(?:if|when|whenever)"
                    + EN_SP + r"you" + EN_SP + r"(?:use|reuse|re-use|share|copy|publish|adapt)\b",
                    IGNORECASE,
                ),
                0.8,
                reject_before=EN_DISCUSS,
            ),
        ],
    ),
    (
        ("commercial use", "commercial usage", "commercial purpose"),
        [
            Rule(
                # "**Commercial Use**: Please contact the authors for licensing terms" / "For commercial use, please contact
                # us": commercial use asked for first, as 商用请联系作者 (not "commercial support", an offer of service)
                "en_commercial_use_contact",
                "no_reprint",
                rx(
                    r"\bcommercial" + EN_SP + r"(?:use|usage|purposes?)\b(?:\*\*|__)?[ \t]*[:,\-–—]?(?:\*\*|__)?"
                    + EN_SP + r"please" + EN_SP + r"contact\b",
                    IGNORECASE,
                ),
                0.8,
                True,
                reject_before=EN_DISCUSS,
            ),
        ],
    ),
    (
        ("not resell", "not sublicense"),
        [
            Rule(
                # "You may not resell or redistribute the original, unmodified solution" / "You may not resell, scrape, …, or
                # redistribute the platform": resale banned with another passing-on act in the same sentence (a licence
                # term; not "you may not resell tickets", a shop's rule on goods, which names no second act)
                "en_may_not_resell_and_pass_on",
                "no_reprint",
                rx(
                    r"\byou" + EN_SP + r"(?:may|shall|must|can)" + EN_SP + r"not" + EN_SP + r"(?:resell|sublicense)\b"
                    r"(?=[^.\n]{0,80}?\b(?:redistribute|distribute|share|sublicense|copy|republish|reproduce)\b)",
                    IGNORECASE,
                ),
                0.85,
                True,
                reject_before=EN_DISCUSS,
            ),
        ],
    ),
    (
        ("license is", "licence is"),
        [
            Rule(
                # "The license is Apache 2 so feel free to redistribute" / "Our licence is MIT." (a whole licence id or a
                # name and major version; not "the license is unclear", "the license is in LICENSE")
                "en_the_licence_is",
                "licence",
                rx(
                    r"\b(?i:the|our|this" + EN_SP + r"(?:project|repository|repo|library|package|code)'s)" + EN_SP
                    + r"(?i:licen[cs]e)" + EN_SP + r"is" + EN_SP + r"(?:the" + EN_SP + r")?"
                    r"(?P<value>[A-Z][A-Za-z0-9.+\-]{0,19}[A-Za-z0-9+](?:[ \-]v?\d(?:\.\d)?)?)(?=[ \t]*(?:[.,;:)]|\s+(?:so|and|but)\b|$))"
                ),
                0.8,
                resolve=_named_licence,
            ),
        ],
    ),
    (
        ("任何商业", "任何商業", "任何使用", "一切使用", "一切商业", "一切商業"),
        [
            Rule(
                # 本数据集仅供学术研究使用，任何商业用途请联系作者 / 著作权人保留一切权利，任何使用需经授权: any (commercial) use of
                # the work asked for first (as 商用请联系作者), not 商务合作请联系
                "zh_any_use_needs_consent",
                "no_reprint",
                rx(
                    r"(?<![\u4e00-\u9fff])(?:任何|一切)(?:商业用途|商業用途|商业使用|商業使用|使用)"
                    r"(?:[ \t]*(?:请|請)(?:先)?(?:联系|聯繫|聯系)"
                    r"|[^。！？\n，,]{0,4}?(?:需|須|须|必须|必須)(?:先|事先)?(?:经|經|获得|獲得|取得|征得|徵得)[^。！？\n，,]{0,8}?"
                    r"(?:授权|授權|许可|許可|同意))"
                ),
                0.8,
                True,
                reject_before=ZH_DISCUSS,
            ),
        ],
    ),
    (
        ("do not submit", "do not post", "do not upload", "do not repost", "do not republish", "do not mirror"),
        [
            Rule(
                # "Please do not submit Remotive jobs to third Party websites" / "do not upload these files to other sites":
                # passing the work on to other sites banned, as 禁止转至其他网站 (not "do not post your API key to third-party
                # websites", a warning about secrets)
                "en_not_to_other_sites",
                "no_reprint",
                rx(
                    r"\bdo" + EN_SP + r"not" + EN_SP + r"(?:submit|post|upload|repost|republish|mirror)\b"
                    r"(?![^.\n]{0,40}?\b(?:passwords?|keys?|tokens?|credentials?|secrets?|personal|private)\b)"
                    r"[^.\n]{0,40}?\bto" + EN_SP + r"(?:any" + EN_SP + r")?(?:third[- ]party|other)" + EN_SP
                    + r"(?:web[ \t]*)?sites?\b",
                    IGNORECASE,
                ),
                0.8,
                True,
                reject_before=EN_DISCUSS,
            ),
        ],
    ),
    (
        ("保留原作者", "保持原作者", "保留作者", "保持作者"),
        [
            Rule(
                # 署名：必须保留原作者的署名 / 只要保持原作者署名和非商用，您可以自由地…: the author's credit kept as the work's
                # condition (restated from its CC licence), as 转载请保留署名
                "zh_keep_author_credit",
                "attribution_required",
                rx(
                    r"(?:必须|必須|须|須|需|请|請|务必|務必|只要)(?:保留|保持)(?:原作者|作者)(?:的)?署名(?![权權])"
                ),
                0.8,
                reject_before=ZH_DISCUSS,
                resolve=_zh_own_credit,
            ),
        ],
    ),
    (
        ("标明", "標明", "注明", "註明", "标注", "標註", "保留"),
        [
            Rule(
                # - 必须标明作者信息和来源地址 / - 使用本数据集的研究成果请注明数据来源: a credit asked for as a line (or item) of
                # the work's terms of use (not a forum's rule on others' works or submissions)
                "zh_credit_line",
                "attribution_required",
                rx(
                    # (or a sentence of its own after the licence: 本数据集遵循 MIT License。使用、修改与再发布请保留来源与许可文件)
                    r"(?:(?m:^)|(?<=[。！；;]))[ \t]*(?:[-*+•][ \t]+|\d{1,2}[.、)）][ \t]*)?(?:使用[^。！？\n；;，,]{0,20}?)?"
                    r"(?:必须|必須|须|須|需|请|請|务必|務必)(?:标明|標明|注明|註明|标注|標註|保留)"
                    r"[^。！？\n；;]{0,10}?(?:作者|来源|來源|出处|出處)"
                ),
                0.8,
                reject_before=ZH_DISCUSS,
                resolve=_zh_own_credit,
            ),
        ],
    ),
    (
        ("give appropriate credit", "give proper credit", "give due credit", "give credit", "provide credit"),
        [
            Rule(
                # "You are free to use … but please give appropriate credit." / "please give appropriate credit by linking
                # back to [Harsh Goel]…" / "In your works, please give appropriate credit, provide a link to the license":
                # the request itself, closed by the sentence or by how to credit (a named object is en_please_credit's;
                # not "please give credit by citing", a citation request; a licence's "You must give appropriate credit"
                # has no please)
                "en_please_give_credit",
                "attribution_required",
                rx(
                    r"\b(?:please|kindly)" + EN_SP + r"(?:give|provide)" + EN_SP + r"(?:(?:proper|due|appropriate)" + EN_SP
                    + r")?credit(?=[ \t]*(?:[.!,;]|\r?\n|$)|" + EN_SP + r"by" + EN_SP + r"(?:linking|mentioning|naming"
                    r"|including|referencing|keeping)\b)",
                    IGNORECASE,
                ),
                0.8,
                reject_before=EN_DISCUSS,
            ),
        ],
    ),
    (
        ("with attribution",),
        [
            Rule(
                # "You are free to use, share, and adapt the data with attribution to the contributor(s)" / "Feel free to
                # copy, modify, and distribute this document however you see fit with attribution to the Flashrom
                # Community" / "Free to reuse with attribution to X": a permission to the reader conditioned on credit
                # (not "AGPL-3.0, with attribution to" upstreams, a credit of the text's own, nor "with attribution to you")
                "en_free_with_attribution",
                "attribution_required",
                rx(
                    r"\b(?:free|welcome)" + EN_SP + r"to" + EN_SP + r"(?:use|copy|share|modify|adapt|distribute|redistribute"
                    r"|reuse|remix|reproduce|republish)\b(?>[^.!?\n]|\n(?![ \t]*\n)){0,120}?\bwith" + EN_SP
                    + r"(?:proper" + EN_SP + r"|appropriate" + EN_SP + r")?attribution\b",
                    IGNORECASE,
                ),
                0.8,
                reject_before=EN_DISCUSS,
            ),
        ],
    ),
    (
        ("may not be", "must not be", "shall not be", "cannot be"),
        [
            Rule(
                # "This file may not be redistributed in whole or significant part." / "… holds the rights to this software
                # and it may not be redistributed to another organisation": the text's own work (this / our) banned from
                # being passed on, no condition needed (not "'Scopus' records may not be redistributed": others'
                # records; not "may not be … distributed except according to those terms", a licence's own condition; not
                # "reproduced": "so it must not be reproduced by the check itself" is a bug, not a copy)
                "en_this_work_not_redistributed",
                "no_reprint",
                rx(
                    # ("This program is the property of … and may not be redistributed": a program, app or project is
                    # the text's work as much as its code)
                    r"\b(?:this|these|our)" + EN_SP + r"(?:[\w-]+" + EN_SP + r"){0,2}?(?:" + WORK_NOUN
                    + r"|programs?|app|apps|application|project|repository|repo|codebase|mod|plugin|theme|library|dataset)\b"
                    r"(?>[^.!?\n]|\n(?![ \t]*\n)){0,80}?\b(?:may|must|shall)" + EN_SP + r"not" + EN_SP + r"be" + EN_SP
                    + r"(?:redistributed|republished|resold|sold|reposted)\b"
                    r"(?![^.\n]{0,60}?\bexcept\b)",
                    IGNORECASE,
                ),
                0.8,
                True,
                reject_before=EN_DISCUSS,
            ),
        ],
    ),
    (
        ("you may not", "you must not", "you shall not"),
        [
            Rule(
                # "You may not (and may not encourage or assist others) to:" bullets={["reproduce, republish, distribute, …":
                # terms of use opening a list of banned acts that starts with a copying verb (not "You may not use our
                # website:" followed by unlawful purposes)
                "en_may_not_list_copying",
                "no_reprint",
                rx(
                    r"\byou" + EN_SP + r"(?:may|must|shall)" + EN_SP + r"not\b[^.:\n]{0,80}?:(?>[^.\w]|bullets|items){0,60}?"
                    r"\b(?:reproduce|republish|redistribute|copy|duplicate|reprint)\b",
                    IGNORECASE,
                ),
                0.8,
                True,
                reject_before=EN_DISCUSS,
            ),
        ],
    ),
    (
        ("copyrighted by",),
        [
            Rule(
                # "This source code copyrighted by Lazy Foo' Productions (2004-2013)" / "This book is copyrighted by X": the
                # text's own work (this / our) said to be copyrighted by a named holder (not "copyrighted by their
                # respective owners", nor "the photo copyrighted by Getty", another's work)
                "en_this_work_copyrighted_by",
                "copyright_notice",
                rx(
                    r"\b(?i:this|our)" + EN_SP + r"(?:[\w-]+" + EN_SP + r"){0,2}?(?i:" + WORK_NOUN + r")\b" + EN_SP
                    + r"(?:(?i:is|are|was|were|has" + EN_SP + r"been)" + EN_SP + r")?(?i:copyrighted)" + EN_SP + r"(?i:by)"
                    + EN_SP + r"(?:(?i:the)" + EN_SP + r")?[A-Z][\w&.,'’\- ]{1,60}"
                ),
                0.8,
                reject_before=EN_DISCUSS,
            ),
        ],
    ),
]
