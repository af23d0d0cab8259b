"""Copyright, licence and opt-out markers in record text (Interim Measures Art. 7(2), TC260-003 §5.1).

A record's own words can contradict what the source registry declares: an "open licence" source whose
article ends in 未经许可不得转载, a CC-BY-4.0 dump that contains CC BY-NC-ND pages, a crawled page with a
``noai`` robots meta tag. :class:`CopyrightScanner` finds such markers (character offsets, a score, the
SPDX id of a licence); :func:`licence_conflicts` compares them with the source's declared licence and
acquisition; :func:`decide_copyright` applies :class:`~quality.copyright_policy.CopyrightPolicy`.

Speed: an Aho-Corasick automaton over lower-cased trigger words picks the few rule groups that can match
and the windows (a few hundred characters around each trigger) their regexes run on, so a record with no
marker costs one automaton pass (most records have none) and a long record costs little more than a short
one. A rule only finds matches that contain, or sit within its window of, one of its group's trigger words.

Marker classes and whether a finding is ``restrictive`` (limits reuse for training beyond what a plain
copyright default already implies):

=====================  =============================================================  ===========
class                  examples                                                       restrictive
=====================  =============================================================  ===========
copyright_notice       ©, (c) 2021, Copyright 2021 Foo, 版权所有 ©, 著作权归作者所有       no [1]
rights_reserved        All rights reserved, 保留所有权利, 翻印必究, 侵权必究               yes
no_reprint             未经许可不得转载, 禁止转载, 禁止商用, No part of … may be reproduced  yes
attribution_required   转载请注明出处, "if you repost, please credit …"                    no  [2]
licence                SPDX ids / names / headers / URLs (table below)                  per licence
opt_out                noai, noimageai, tdm-reservation: 1, "TDM reservation",          yes
                       禁止用于人工智能训练, "may not be used for AI training",
                       robots.txt ``Disallow: /`` for an AI crawler
=====================  =============================================================  ===========

[1] A notice names the holder; works are protected without it, so it adds no restriction by itself.
[2] Reprint is allowed with attribution; kept apart from ``no_reprint`` because it is *not* a reservation.

Licences (see :func:`licence_terms`):

===========================================  ==============  ===========  ======================
licence                                      kind            restrictive  note
===========================================  ==============  ===========  ======================
CC0-1.0, Unlicense                           public_domain   no
CC-BY-*, MIT, BSD-*, Apache-*, ISC,          permissive      no
MulanPSL-*
CC-BY-SA-*                                   share_alike     no           flagged share_alike
GPL-*, LGPL-*, AGPL-*, MPL-*, MulanPubL-*    copyleft        no           flagged share_alike [3]
CC-BY-NC-*, CC-BY-NC-SA-*                    non_commercial  yes
CC-BY-ND-*, CC-BY-NC-ND-*                    no_derivatives  yes
===========================================  ==============  ===========  ======================

[3] Copyleft binds redistribution of the work and its derivatives; using text to train a model is treated
as permitted here, so copyleft is not restrictive, but ``LicenceTerms.share_alike`` records it so a
release of the *corpus* can carry the obligation.

A licence named without a version gets ``LicenseRef-<family>`` (e.g. ``LicenseRef-CC-BY-SA``) rather than
a guessed version; ``SPDX-License-Identifier:`` expressions are kept verbatim.

Deliberately *not* matched: "copyright law", "the copyright of this essay is debated", 版权保护的重要性,
版权所有者/版权所有权, 著作权归谁所有？, "MIT" the university, "MIT licensed its patents", list items
"(a) (b) (c)", "the © symbol", ``tdm-reservation: 0``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import ahocorasick

MARKER_CLASSES: tuple[str, ...] = (
    "copyright_notice",
    "rights_reserved",
    "no_reprint",
    "attribution_required",
    "licence",
    "opt_out",
)


@dataclass(frozen=True, slots=True)
class MarkerFinding:
    """One marker: class, character offsets into the text, confidence, rule name, SPDX id, restrictive."""

    marker_class: str
    start: int
    end: int
    score: float
    recognizer: str
    licence: str | None
    restrictive: bool


@dataclass(frozen=True, slots=True)
class LicenceTerms:
    """What a licence id means for training use (see the module table)."""

    spdx: str
    family: str
    kind: (
        str  # public_domain | permissive | share_alike | copyleft | non_commercial | no_derivatives | unknown
    )
    non_commercial: bool
    no_derivatives: bool
    share_alike: bool
    restrictive: bool


# --------------------------------------------------------------------------------------------- licences

_SPDX_TOKEN_SPLIT = re.compile(r"\s+(?:OR|AND|WITH)\s+|[()]")


def _family(spdx: str) -> str:
    """Licence family: the id without version and -only/-or-later (CC-BY-NC-4.0 -> CC-BY-NC)."""
    s = spdx.removeprefix("LicenseRef-")
    s = re.sub(r"(?:-only|-or-later|\+)$", "", s)
    s = re.sub(r"-\d+(?:\.\d+)*$", "", s)
    s = re.sub(r"-unversioned$", "", s)
    return s.upper()


def licence_terms(spdx: str | None) -> LicenceTerms | None:
    """Classify an SPDX id (or simple expression) for training use; ``None`` for no licence."""
    if not spdx:
        return None
    ids = [t for t in (x.strip() for x in _SPDX_TOKEN_SPLIT.split(spdx)) if t]
    is_or = " OR " in spdx
    parts = [_single_terms(i) for i in ids] or [_single_terms(spdx)]
    # OR: the licensee may pick the least restrictive alternative; AND/WITH: all terms apply.
    if is_or:
        best = min(parts, key=lambda t: (t.restrictive, t.non_commercial, t.no_derivatives, t.share_alike))
        return LicenceTerms(
            spdx,
            best.family,
            best.kind,
            best.non_commercial,
            best.no_derivatives,
            best.share_alike,
            best.restrictive,
        )
    if len(parts) == 1:
        return parts[0]
    nc = any(p.non_commercial for p in parts)
    nd = any(p.no_derivatives for p in parts)
    sa = any(p.share_alike for p in parts)
    kind = "no_derivatives" if nd else "non_commercial" if nc else parts[0].kind
    return LicenceTerms(spdx, parts[0].family, kind, nc, nd, sa, nc or nd)


def _single_terms(spdx: str) -> LicenceTerms:
    fam = _family(spdx)
    if fam.startswith("CC-BY"):
        nc, nd, sa = "-NC" in fam, "-ND" in fam, "-SA" in fam
        kind = "no_derivatives" if nd else "non_commercial" if nc else "share_alike" if sa else "permissive"
        return LicenceTerms(spdx, fam, kind, nc, nd, sa, nc or nd)
    if fam in {"CC0", "UNLICENSE", "PDDL"}:
        return LicenceTerms(spdx, fam, "public_domain", False, False, False, False)
    if fam in {"GPL", "LGPL", "AGPL", "MPL", "MULANPUBL", "EPL", "EUPL", "CDDL"}:
        return LicenceTerms(spdx, fam, "copyleft", False, False, True, False)
    if fam in {"MIT", "APACHE", "ISC", "MULANPSL", "0BSD", "ZLIB", "BSL", "CC-UNSPECIFIED"} or fam.startswith(
        "BSD"
    ):
        kind = "unknown" if fam == "CC-UNSPECIFIED" else "permissive"
        return LicenceTerms(spdx, fam, kind, False, False, False, False)
    return LicenceTerms(spdx, fam, "unknown", False, False, False, False)


_CC_VERSIONS = {"1.0", "2.0", "2.5", "3.0", "4.0"}


def _cc_id(nc: bool, nd: bool, sa: bool, version: str | None) -> str:
    parts = ["CC-BY"]
    if nc:
        parts.append("NC")
    if nd:
        parts.append("ND")
    elif sa:
        parts.append("SA")
    base = "-".join(parts)
    if version and version in _CC_VERSIONS:
        return f"{base}-{version}"
    return f"LicenseRef-{base}"


# ---------------------------------------------------------------------------------------------- rules

_A = r"(?<![A-Za-z0-9])"  # ASCII word start (\b fails next to CJK, which counts as \w)
_Z = r"(?![A-Za-z0-9])"
_YEARS = r"(?:19|20)\d{2}(?:\s*[-–—,~至]\s*(?:(?:19|20)\d{2}|present|now|今))*"
_HOLDER = r"[^\n。；;|<>]{0,80}"
_NOT_SYMBOL_TALK = r"(?!\s*[\"”'’」]?\s*(?:symbol|sign|mark|character|符号|符號|标志|標誌|标记|記號))"
_NOT_QUESTION = r"(?![^。\n]{0,20}[？?])"
_TRIM_RE = re.compile(
    r"(?i)\s*(?:all\s+rights\s+reserved|some\s+rights\s+reserved|保留所有权利|保留一切权利|翻印必究|侵权必究"
    r"|licen[cs]ed\s+under|licen[cs]e[:：\s]|released\s+under|CC[\s\-]|CC0|Creative\s+Commons|SPDX|知识共享|采用|遵循"
    r"|本文|本站|转载|未经|\||(?<=[a-z0-9)])\.\s).*$",
    re.S,
)

Resolver = Callable[["re.Match[str]"], "tuple[str | None, float] | None"]


@dataclass(frozen=True)
class _Rule:
    name: str
    marker_class: str
    pattern: re.Pattern[str]
    score: float
    restrictive: bool = False
    # Optional: returns (licence, score) or None to reject the match.
    resolve: Resolver | None = None
    trim_holder: bool = False
    # Optional: reject when the same sentence, just before the match, discusses rather than declares.
    reject_before: re.Pattern[str] | None = None


def _r(p: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(p, flags)


_I = re.IGNORECASE
_ZH_DISCUSS = re.compile(r"是否|能否|应否|應否|可否|讨论|討論|如何|为何|為何|是不是|有没有|争议|爭議|研究")
_EN_DISCUSS = re.compile(r"(?i)\b(?:whether|debate[sd]?|argue[sd]?|discuss(?:es|ed)?|asked|question)\b")
_SENT_END = re.compile(r"[。！？!?\n]|\.\s")


# ---- licence resolvers


def _res_cc_short(m: re.Match[str]) -> tuple[str | None, float]:
    el = (m.group("el") or "").upper().replace("_", "-").replace(" ", "-")
    ver = m.group("v1") or m.group("v2")
    return _cc_id("NC" in el, "ND" in el, "SA" in el, ver), 0.95


def _res_cc_zero(m: re.Match[str]) -> tuple[str | None, float]:
    return "CC0-1.0", 0.95


_NC_WORDS = re.compile(r"(?i)non-?\s?commercial|非商业|非商業")
_ND_WORDS = re.compile(r"(?i)no\s?deriv|禁止演绎|禁止演繹|禁止改作")
_SA_WORDS = re.compile(r"(?i)share\s?alike|相同方式|保持一致")


def _res_cc_long(m: re.Match[str]) -> tuple[str | None, float]:
    parts = m.group("parts") or ""
    ver = m.group("ver")
    if m.group("zero"):
        return "CC0-1.0", 0.95
    if not m.group("by"):
        return None, 0.7  # "a Creative Commons licence", type unstated
    return _cc_id(
        bool(_NC_WORDS.search(parts)), bool(_ND_WORDS.search(parts)), bool(_SA_WORDS.search(parts)), ver
    ), 0.95


def _res_cc_url(m: re.Match[str]) -> tuple[str | None, float]:
    if m.group("zero"):
        return "CC0-1.0", 0.95
    el = m.group("el").upper()
    return _cc_id("NC" in el, "ND" in el, "SA" in el, m.group("ver")), 0.95


def _gpl_id(kind: str, ver: str | None, later: bool) -> str:
    kind = kind.upper()
    if not ver:
        return f"LicenseRef-{kind}GPL" if kind else "LicenseRef-GPL"
    major = ver.split(".")[0]
    if kind == "L":
        v = "2.1" if ver.startswith("2.1") else "2.0" if major == "2" else "3.0"
        name = "LGPL"
    elif kind == "A":
        v, name = "3.0", "AGPL"
    else:
        v, name = {"1": "1.0", "2": "2.0", "3": "3.0"}.get(major, "3.0"), "GPL"
    return f"{name}-{v}-{'or-later' if later else 'only'}"


_GPL_TAIL_VER = re.compile(r"(?i)(?:version|v\.?|第)\s*([123](?:\.[01])?|[二三])")
_GPL_LATER = re.compile(
    r"(?i)or\s+(?:\(at\s+your\s+option\)\s+)?any\s+later|or\s+later|或(?:任何)?(?:更新|更高|之后)"
)


def _res_gpl_long(m: re.Match[str]) -> tuple[str | None, float]:
    kind_word = (m.group("kind") or "").lower()
    kind = (
        "L"
        if kind_word in {"lesser", "library", "宽通用", "较宽松通用", "寬通用"}
        else ("A" if kind_word == "affero" else "")
    )
    tail = m.group("tail") or ""
    vm = _GPL_TAIL_VER.search(tail)
    ver = None
    if vm:
        ver = {"二": "2", "三": "3"}.get(vm.group(1), vm.group(1))
    if kind_word == "library" and ver is None:
        ver = "2"
    return _gpl_id(kind, ver, bool(_GPL_LATER.search(tail))), 0.95


def _res_gpl_short(m: re.Match[str]) -> tuple[str | None, float]:
    suffix = (m.group("suffix") or "").lower()
    return _gpl_id(m.group("kind") or "", m.group("ver"), "later" in suffix or "+" in suffix), 0.9


def _res_const(spdx: str | None, score: float) -> Resolver:
    def f(m: re.Match[str]) -> tuple[str | None, float]:
        return spdx, score

    return f


_BSD_NUM = {"2": "2", "3": "3", "4": "4", "two": "2", "three": "3", "four": "4"}


_ZH_NUM = {"一": "1", "二": "2", "1": "1", "2": "2"}


def _res_spdx(m: re.Match[str]) -> tuple[str | None, float]:
    return m.group("expr").strip(), 0.99


def _res_tdm(m: re.Match[str]) -> tuple[str | None, float] | None:
    return (None, 0.99) if m.group("v") == "1" else None


def _first(m: re.Match[str], *names: str) -> str | None:
    for n in names:
        v = m.groupdict().get(n)
        if v:
            return v
    return None


def _res_gpl_ctx(m: re.Match[str]) -> tuple[str | None, float]:
    return _gpl_id(_first(m, "kind", "kind2") or "", None, False), 0.8


def _res_apache(m: re.Match[str]) -> tuple[str | None, float]:
    ver = _first(m, "ver", "ver2", "ver3", "ver4", "ver5", "ver6")
    if ver is None:
        return "LicenseRef-Apache", 0.8
    return "Apache-" + {"1": "1.0", "2": "2.0"}.get(ver, ver), 0.95


def _res_bsd(m: re.Match[str]) -> tuple[str | None, float]:
    n = _first(m, "n", "n2")
    if n:
        return f"BSD-{_BSD_NUM[n.lower()]}-Clause", 0.95
    variant = (m.group("variant") or "").lower()
    if variant in {"new", "modified", "revised"}:
        return "BSD-3-Clause", 0.9
    if variant in {"simplified", "freebsd"}:
        return "BSD-2-Clause", 0.9
    return "LicenseRef-BSD", 0.8


def _res_mpl(m: re.Match[str]) -> tuple[str | None, float]:
    ver = _first(m, "ver", "ver2")
    return (f"MPL-{ver}" if ver else "LicenseRef-MPL"), 0.95


def _res_mulan(m: re.Match[str]) -> tuple[str | None, float]:
    v = _ZH_NUM.get(_first(m, "ver", "v2", "v3") or "")
    name = "MulanPubL" if _first(m, "pub", "pub2") else "MulanPSL"
    return (f"{name}-{v}.0" if v else f"LicenseRef-{name}"), 0.95


# ---- the rules, grouped by the trigger words that must occur (lower-cased) for the group to run

_CC_EL = r"(?P<el>(?i:nc[\s\-_]nd|nc[\s\-_]sa|nc|nd|sa))"
_AI = (
    r"(?=[almgnALMGN])(?:\bAI\b|A\.I\.|artificial[\s\-]intelligence|machine[\s\-]learning|(?:large\s+)?language\s+models?|LLMs?"
    r"|generative\s+(?:AI|models?)|neural\s+networks?|models?)"
)
_AI_STRICT = (
    r"(?=[almgnALMGN])(?:\bAI\b|A\.I\.|artificial[\s\-]intelligence|machine[\s\-]learning|(?:large\s+)?language\s+models?|LLMs?"
    r"|generative\s+(?:AI|models?)|neural\s+networks?|(?:AI|ML)\s+models?)"
)
_ZH_OBJ = r"(?:本文|本站|本网|本網|本作品|本页|本頁|本书|本書|本人|本账号|我的|上述|此|作品|内容|內容|文章|图片|圖片|素材|资料)"
_ZH_AI = r"(?:人工智能|AI|ＡＩ|机器学习|機器學習|大模型|大语言模型|語言模型|语言模型|生成式|模型|算法)"
_ZH_NEG_LB = r"(?<!是否)(?<!应否)(?<!能否)(?<!可否)(?<!應否)(?<!如何)"

_GROUPS: list[tuple[tuple[str, ...], list[_Rule]]] = [
    (
        ("©", "&copy;", "&#169;"),
        [
            _Rule(
                "copyright_symbol",
                "copyright_notice",
                _r(
                    r"(?<![\"“'‘「])(?:©|&copy;|&#169;)"
                    + _NOT_SYMBOL_TALK
                    + r"(?:\s*"
                    + _YEARS
                    + r")?"
                    + _HOLDER
                ),
                0.9,
                trim_holder=True,
            ),
        ],
    ),
    (
        ("copyright",),
        [
            _Rule(
                "copyright_word",
                "copyright_notice",
                _r(
                    _A
                    + r"copyright(?:ed)?\s*(?:(?:©|\(c\)|&copy;|&#169;)\s*(?:"
                    + _YEARS
                    + r")?|[:：]?\s*"
                    + _YEARS
                    + r"(?![\s\-]*(?:act|law|directive|regulations?|amendment|reform|statute)"
                    + _Z
                    + r"))"
                    + _HOLDER,
                    _I,
                ),
                0.95,
                trim_holder=True,
            ),
        ],
    ),
    (
        ("copyright ",),
        [
            _Rule(
                "copyright_holder_year",
                "copyright_notice",
                _r(
                    r"(?<![A-Za-z])(?i:copyright)\s+(?:by\s+)?(?!(?:Office|Act|Law|Directive|Board|Tribunal|Agency|Royalty"
                    r"|Society|Council|Commission|Term|Protection)" + _Z + r")(?:[A-Z][\w&'\-]*\.?,?\s+){1,5}"
                    r"(?:19|20)\d{2}" + _Z
                ),
                0.8,
            ),
        ],
    ),
    (
        ("(c)",),
        [
            _Rule(
                "copyright_c_year",
                "copyright_notice",
                _r(r"(?<![A-Za-z(])\([cC]\)\s*" + _YEARS + _HOLDER),
                0.85,
                trim_holder=True,
            ),
        ],
    ),
    (
        ("版权", "版權", "著作权", "著作權"),
        [
            _Rule(
                "zh_copyright_owned",
                "copyright_notice",
                _r(
                    r"版[权權]所有(?![者人权權方制])"
                    + r"(?:\s*[：:]?\s*(?:©|\([cC]\)|（[cC]）)?\s*(?:"
                    + _YEARS
                    + r")?"
                    + r"[^\n。；;，,|<>]{0,40})?"
                ),
                0.9,
                trim_holder=True,
            ),
            _Rule(
                "zh_copyright_belongs",
                "copyright_notice",
                _r(
                    r"(?:著作[权權]|版[权權])(?:均|皆)?(?:归|歸|属于|屬於)(?!谁|誰|何人|哪)[^，。！？\n,.?!；;]{1,30}?所有"
                    + _NOT_QUESTION
                ),
                0.9,
            ),
            _Rule("zh_copyright_statement", "copyright_notice", _r(r"版[权權](?:声明|聲明)\s*[：:]"), 0.75),
        ],
    ),
    (
        ("保留", "必究"),
        [
            _Rule(
                "zh_rights_reserved",
                "rights_reserved",
                _r(r"保留(?:所有|一切|全部)(?:权利|權利|版[权權])(?![的之])"),
                0.95,
                True,
                reject_before=_ZH_DISCUSS,
            ),
            _Rule(
                "zh_prosecute",
                "rights_reserved",
                _r(r"(?:翻印|盗版|盜版|侵权|侵權|翻版|盗用)必究"),
                0.9,
                True,
                reject_before=_ZH_DISCUSS,
            ),
        ],
    ),
    (
        ("rights reserved",),
        [
            _Rule(
                "rights_reserved",
                "rights_reserved",
                _r(r"(?<!not )(?<!some )(?<![\"'‘“「])all\s+rights\s+reserved(?![\"'’”」])", _I),
                0.95,
                True,
                reject_before=_EN_DISCUSS,
            ),
        ],
    ),
    (
        ("转载", "轉載", "商用", "商业", "商業", "复制", "複製", "摘编", "镜像"),
        [
            _Rule(
                "zh_no_reprint_without",
                "no_reprint",
                _r(
                    r"未[经經][^。！？\n]{0,15}?(?:许可|授权|同意|允许|批准|許可|授權|允許)[，,、\s]*(?:任何[^，。！？\n]{0,8}?)?"
                    r"(?:均)?(?:不得|禁止|严禁|嚴禁|請勿|请勿|不准|谢绝|謝絕|不可|一律不得)[^。！？\n]{0,6}?"
                    r"(?:转载|轉載|复制|複製|摘编|摘編|转发|轉發|使用|商用|镜像|鏡像|传播|傳播)"
                ),
                0.95,
                True,
                reject_before=_ZH_DISCUSS,
            ),
            _Rule(
                "zh_no_reprint",
                "no_reprint",
                _r(
                    _ZH_NEG_LB
                    + r"(?:禁止|严禁|嚴禁|谢绝|謝絕|请勿|請勿|不得|拒绝|拒絕|谢绝任何)(?:任何[^，。\n]{0,6}?)?(?:形式的?)?"
                    r"(?:用于|用於|用作)?(?:转载|轉載|商用|商业使用|商業使用|商业用途|商業用途|复制|複製|镜像|鏡像|摘编)(?![的之])"
                ),
                0.9,
                True,
                reject_before=_ZH_DISCUSS,
            ),
            _Rule(
                "zh_reprint_needs_permission",
                "no_reprint",
                _r(
                    r"(?:(?:商业|商業)?(?:转载|轉載)|如需(?:转载|轉載)[，,]?)\s*(?:请|請|须|須)(?:先)?(?:与|與|联系|聯繫|聯系)"
                    r"[^。\n]{0,12}?(?:授权|授權|许可|許可|联系|聯繫|同意)"
                ),
                0.85,
                True,
            ),
            _Rule(
                "zh_reprint_needs_consent",
                "no_reprint",
                _r(
                    r"(?:转载|轉載)(?:须|須|需|必须|必須|应|應)(?:先)?(?:经|經|获得|獲得|取得|征得|徵得)[^。\n，,]{0,10}?"
                    r"(?:授权|授權|许可|許可|同意)"
                ),
                0.85,
                True,
            ),
            _Rule(
                "zh_reprint_attribution",
                "attribution_required",
                _r(
                    r"(?:转载|轉載)[^。\n]{0,4}?(?:请|請|须|須|需|必须|務必|务必)(?:务必)?(?:注明|註明|标明|標明|保留|附上|附|带上)"
                    r"[^。！\n]{0,12}?(?:出处|出處|来源|來源|来自|來自|出自|作者|链接|鏈接|連結|原文|本声明|本聲明|署名)"
                ),
                0.95,
            ),
        ],
    ),
    (
        ("reproduc", "republi", "reprint", "redistribut", "repost", "not be published", "credit"),
        [
            _Rule(
                "en_no_part_reproduced",
                "no_reprint",
                _r(
                    r"no\s+part\s+of\s+this\s+(?:publication|book|work|document|article|site|website|material|content)"
                    r"[^.]{0,60}?\s+may\s+be\s+(?:used\s+or\s+)?(?:reproduced|reprinted|copied|distributed|republished)",
                    _I,
                ),
                0.95,
                True,
                reject_before=_EN_DISCUSS,
            ),
            _Rule(
                "en_may_not_be_reproduced",
                "no_reprint",
                _r(
                    r"(?:may|must|shall|can)\s*not\s+be\s+(?:reproduced|republished|reprinted|redistributed|copied|published"
                    r"|broadcast|distributed|transmitted)[^.\n]{0,80}?without\s+(?:the\s+)?(?:prior\s+)?(?:express\s+)?(?:written\s+)?"
                    r"(?:permission|consent|authori[sz]ation)",
                    _I,
                ),
                0.9,
                True,
                reject_before=_EN_DISCUSS,
            ),
            _Rule(
                "en_reproduction_prohibited",
                "no_reprint",
                _r(
                    r"(?:reproduction|republication|redistribution|reprinting|reposting)(?:[^.\n]|\.(?=\s*[a-z,]))"
                    r"{0,100}?"
                    r"(?:is|are)\s+(?:strictly\s+|expressly\s+)?(?:prohibited|forbidden|not\s+permitted)",
                    _I,
                ),
                0.9,
                True,
                reject_before=_EN_DISCUSS,
            ),
            _Rule(
                "en_do_not_repost",
                "no_reprint",
                _r(r"(?:do\s+not|don't|please\s+don't)\s+(?:repost|republish|reprint|redistribute)", _I),
                0.8,
                True,
            ),
            _Rule(
                "en_not_for_redistribution",
                "no_reprint",
                _r(r"not\s+for\s+(?:redistribution|republication)", _I),
                0.85,
                True,
            ),
            _Rule(
                "en_repost_credit",
                "attribution_required",
                _r(
                    r"(?:if|when)\s+(?:you\s+)?(?:repost|republish|reprint|share)[^.\n]{0,40}?please\s+"
                    r"(?:credit|cite|link|attribute|give\s+credit)",
                    _I,
                ),
                0.8,
            ),
            _Rule(
                "en_credit_when_sharing",
                "attribution_required",
                _r(
                    r"please\s+(?:credit|attribute|cite)\s+[^.\n]{1,40}?\s+(?:when|if)\s+(?:you\s+)?"
                    r"(?:sharing|share|reposting|repost|republishing|reprinting|reusing|reuse)",
                    _I,
                ),
                0.8,
            ),
        ],
    ),
    (
        (
            "cc by",
            "cc-by",
            "cc_by",
            "ccby",
            "cc 1",
            "cc 2",
            "cc 3",
            "cc 4",
            "cc0",
            "cc-0",
            "creative",
            "知识共享",
            "知識共享",
            "創用",
            "创作共用",
            "創作共用",
        ),
        [
            _Rule(
                "cc_short",
                "licence",
                _r(
                    _A
                    + r"(?:CC[\s\-_]?(?:(?P<v1>[1-4]\.[05])\s+)?BY|(?i:cc[\-_]by))(?:[\s\-_]"
                    + _CC_EL
                    + r")?"
                    r"(?:[\s\-_]*(?:v|version\s*)?(?P<v2>[1-4]\.[05]))?(?![A-Za-z0-9])"
                ),
                0.95,
                resolve=_res_cc_short,
            ),
            _Rule(
                "cc_zero",
                "licence",
                _r(_A + r"CC[\-\s]?0(?:[\s\-]?1\.0)?(?![\d.A-Za-z])", _I),
                0.95,
                resolve=_res_cc_zero,
            ),
            _Rule(
                "cc_long",
                "licence",
                _r(
                    r"Creative\s+Commons\s+(?:(?P<zero>Zero|CC0|Public\s+Domain\s+Dedication)|(?P<by>Attribution)"
                    r"(?P<parts>(?:[\s\-–]+(?:Non-?\s?Commercial|NoDerivatives|NoDerivs|No\s+Derivative\s+Works"
                    r"|ShareAlike|Share\s+Alike))*))"
                    r"(?:\s+(?:licen[cs]e|International|Generic|Unported))*(?:[,\s]+(?:Version\s*|v)?(?P<ver>[1-4]\.[05]))?",
                    _I,
                ),
                0.95,
                resolve=_res_cc_long,
            ),
            _Rule(
                "cc_zh",
                "licence",
                _r(
                    r"(?:知识共享|知識共享|創用\s?CC|创作共用|創作共用)(?:许可协议|授權條款|许可证)?[\s\-—（(“\"「:：]*"
                    r"(?:(?P<zero>零|CC0)|(?P<by>署名|姓名标示|姓名標示)(?P<parts>(?:[\s\-—–－]*(?:非商业性使用|非商業性使用|非商业性"
                    r"|非商業性|非商业用途|非商业|禁止演绎|禁止演繹|禁止改作|相同方式共享|相同方式分享|保持一致|以相同方式共享))*))"
                    r"(?:\s*(?P<ver>[1-4]\.[05]))?"
                ),
                0.95,
                resolve=_res_cc_long,
            ),
            _Rule(
                "cc_generic",
                "licence",
                _r(r"licen[cs]ed\s+under\s+(?:a|the)\s+Creative\s+Commons\s+licen[cs]e", _I),
                0.7,
                resolve=_res_const(None, 0.7),
            ),
            _Rule(
                "cc_url",
                "licence",
                _r(
                    r"creativecommons\.org/(?:licen[cs]es/(?P<el>by(?:-nc)?(?:-nd|-sa)?)/(?P<ver>[1-4]\.[05])"
                    r"|publicdomain/(?P<zero>zero)/1\.0)",
                    _I,
                ),
                0.95,
                resolve=_res_cc_url,
            ),
        ],
    ),
    (
        ("spdx-license-identifier", "license-expression:"),
        [
            _Rule(
                "spdx_identifier",
                "licence",
                _r(
                    r"(?:SPDX-License-Identifier|License-Expression):[ \t]*(?P<expr>\(?[A-Za-z0-9.\-+]+(?:\s+(?:OR|AND|WITH)\s+\(?[A-Za-z0-9.\-+]+\)?)*\)?)"
                ),
                0.99,
                resolve=_res_spdx,
            ),
        ],
    ),
    (
        ("general public licen", "通用公共许可", "通用公共授權", "通用公共許可"),
        [
            _Rule(
                "gpl_long",
                "licence",
                _r(
                    r"GNU\s+(?:(?P<kind>Lesser|Library|Affero)\s+)?General\s+Public\s+Licen[cs]e(?P<tail>(?:[^.。]|\.(?=\d)){0,160})",
                    _I,
                ),
                0.95,
                resolve=_res_gpl_long,
            ),
            _Rule(
                "gpl_zh",
                "licence",
                _r(
                    r"GNU\s*(?P<kind>宽通用|較寬鬆通用|较宽松通用|寬通用|Affero\s*)?通用公共(?:许可|授權|許可)(?:证|證|协议|協議)?"
                    r"(?P<tail>[^。；;]{0,40})"
                ),
                0.9,
                resolve=_res_gpl_long,
            ),
        ],
    ),
    (
        ("gpl",),
        [
            _Rule(
                "gpl_short",
                "licence",
                _r(
                    _A
                    + r"(?P<kind>[AL])?GPL[\s\-]?v?(?P<ver>[123](?:\.[01])?)(?P<suffix>\+|-or-later|-only|\s+or\s+later)?"
                    r"(?![A-Za-z0-9]|\.\d)",
                    _I,
                ),
                0.9,
                resolve=_res_gpl_short,
            ),
            _Rule(
                "gpl_context",
                "licence",
                _r(
                    r"(?:(?i:(?:licen[cs]ed|released|distributed|available)\s+under\s+(?:the\s+)?(?:terms\s+of\s+the\s+)?)"
                    r"(?P<kind>[AL])?GPL(?![A-Za-z0-9\-]|\.\d)|"
                    + _A
                    + r"(?P<kind2>[AL])?GPL[\s\-](?:(?i:licen[cs]ed|licen[cs]e)"
                    r"|许可证|協議|协议)" + _Z + ")"
                ),
                0.8,
                resolve=_res_gpl_ctx,
            ),
        ],
    ),
    (
        ("apache", "asl"),
        [
            _Rule(
                "apache",
                "licence",
                _r(
                    r"Apache\s+Licen[cs]e(?:,?\s*(?:Version\s*|v\.?\s*|版本\s*)?(?P<ver>[12](?:\.[01])?)(?![\d.]\d))?|"
                    r"(?:协议|協議|许可证|許可證|许可|licen[cs]e)\s*[:：]\s*Apache[\s\-]v?(?P<ver5>[12]\.[01])|"
                    + _A
                    + r"Apache[\s\-]v?(?P<ver2>[12]\.[01])\s*(?:licen[cs]e|许可证|许可|協議|协议|开源协议)"
                    r"|"
                    + _A
                    + r"Apache-(?P<ver3>2\.0|1\.[01])(?![\d.])|apache\.org/licenses/LICENSE-(?P<ver4>[12]\.[01])"
                    r"|" + _A + r"ASL[\s\-]?v?(?P<ver6>2(?:\.0)?)" + _Z,
                    _I,
                ),
                0.95,
                resolve=_res_apache,
            ),
        ],
    ),
    (
        ("mit",),
        [
            _Rule(
                "mit",
                "licence",
                _r(
                    _A
                    + r"MIT(?:\s+|-)(?:(?i:licen[cs]e)|许可证|許可證|许可协议|协议|協議|开源协议|开源许可|授权|授權)(?![A-Za-z])"
                    r"|"
                    + _A
                    + r"MIT-(?i:licen[cs]ed)"
                    + _Z
                    + r"|"
                    + _A
                    + r"MIT\s+licen[cs]ed(?!\s+(?:its|the|a|an|this|that|their|his|her|to|it|them)"
                    + _Z
                    + ")"
                    r"|(?i:(?:licen[cs]ed|released|distributed|available)\s+under\s+(?:the\s+)?(?:terms\s+of\s+the\s+)?)MIT"
                    + _Z
                    + r"|(?i:Licen[cs]e)\s*[:：]\s*(?i:MIT)"
                    + _Z
                    + r"|(?:采用|使用|基于|遵循|遵守|遵从|基於|採用)\s*MIT"
                    + _Z
                ),
                0.95,
                resolve=_res_const("MIT", 0.95),
            ),
        ],
    ),
    (
        ("permission is hereby granted",),
        [
            _Rule(
                "mit_text",
                "licence",
                _r(
                    r"Permission\s+is\s+hereby\s+granted,\s+free\s+of\s+charge,\s+to\s+any\s+person\s+obtaining",
                    _I,
                ),
                0.95,
                resolve=_res_const("MIT", 0.95),
            ),
        ],
    ),
    (
        ("bsd",),
        [
            _Rule(
                "bsd",
                "licence",
                _r(
                    _A
                    + r"BSD[\s\-]?(?P<n>[234])[\s\-]Clause(?:\s+Licen[cs]e)?|"
                    + _A
                    + r"(?P<n2>[234]|two|three|four)"
                    r"[\s\-]clause\s+BSD(?:\s+Licen[cs]e)?|"
                    + _A
                    + r"(?P<variant>New|Modified|Revised|Simplified|FreeBSD)"
                    r"\s+BSD\s+Licen[cs]e|"
                    + _A
                    + r"BSD[\s\-]?(?:Licen[cs]e|许可证|许可协议|协议|協議)(?![A-Za-z])"
                    r"|(?:licen[cs]ed|released|distributed)\s+under\s+(?:a|the)\s+BSD" + _Z,
                    _I,
                ),
                0.9,
                resolve=_res_bsd,
            ),
        ],
    ),
    (
        ("redistribution and use in source and binary forms",),
        [
            _Rule(
                "bsd_text",
                "licence",
                _r(
                    r"Redistribution\s+and\s+use\s+in\s+source\s+and\s+binary\s+forms,\s+with\s+or\s+without\s+"
                    r"modification,\s+are\s+permitted(?P<rest>[\s\S]{0,1500})",
                    _I,
                ),
                0.9,
                resolve=lambda m: (
                    (
                        "BSD-3-Clause"
                        if re.search(r"(?i)neither\s+the\s+name", m.group("rest"))
                        else "BSD-2-Clause"
                    ),
                    0.9,
                ),
            ),
        ],
    ),
    (
        ("mozilla public licen", "mpl"),
        [
            _Rule(
                "mpl",
                "licence",
                _r(
                    r"Mozilla\s+Public\s+Licen[cs]e(?:,?\s*(?:v\.?\s*|version\s*)?(?P<ver>[12]\.[01]))?|"
                    + _A
                    + r"MPL[\s\-]?v?(?P<ver2>[12]\.[01])"
                    + _Z,
                    _I,
                ),
                0.95,
                resolve=_res_mpl,
            ),
        ],
    ),
    (
        ("木兰", "木蘭", "mulan"),
        [
            _Rule(
                "mulan",
                "licence",
                _r(
                    r"木[兰蘭](?:宽松|寬鬆|(?P<pub>公共))许可证?(?:[\s,，]*(?:第\s*(?P<ver>[一二12])\s*版|v(?P<v2>[12])))?"
                    r"|Mulan\s*(?:(?P<pub2>PubL)|PSL|Permissive\s+Software\s+Licen[cs]e)(?:[\s\-,]*v?(?P<v3>[12])(?:\.0)?)?",
                    _I,
                ),
                0.95,
                resolve=_res_mulan,
            ),
        ],
    ),
    (
        ("isc licen", "unlicense", "unencumbered"),
        [
            _Rule("isc", "licence", _r(_A + r"ISC\s+Licen[cs]e" + _Z), 0.9, resolve=_res_const("ISC", 0.9)),
            _Rule(
                "unlicense",
                "licence",
                _r(
                    r"The\s+Unlicense"
                    + _Z
                    + r"|unlicense\.org|free\s+and\s+unencumbered\s+software\s+released\s+into"
                    r"\s+the\s+public\s+domain",
                    _I,
                ),
                0.9,
                resolve=_res_const("Unlicense", 0.9),
            ),
        ],
    ),
    (
        ("noai", "noimageai"),
        [
            _Rule(
                "noai", "opt_out", _r(r"(?<![A-Za-z0-9_\-])no(?:image)?ai(?![A-Za-z0-9_\-])", _I), 0.9, True
            ),
        ],
    ),
    (
        ("tdm",),
        [
            _Rule(
                "tdm_reservation_meta",
                "opt_out",
                _r(r"tdm[\-_]reservation[\"']?(?:\s+content)?\s*[:=]\s*[\"']?\s*(?P<v>[01])", _I),
                0.99,
                True,
                resolve=_res_tdm,
            ),
            _Rule(
                "tdm_reservation_text",
                "opt_out",
                _r(
                    r"(?<!whether a )(?<!whether )"
                    + _A
                    + r"TDM\s+(?:rights\s+)?reservation(?![\-_])"
                    + r"|(?:reserves?|reserved)\s+(?:the|all|its|any)?\s*rights?[^.\n]{0,40}?(?:TDM|text\s+and\s+data\s+mining)",
                    _I,
                ),
                0.8,
                True,
                reject_before=_EN_DISCUSS,
            ),
        ],
    ),
    (
        ("text and data mining",),
        [
            _Rule(
                "tdm_text",
                "opt_out",
                _r(
                    r"(?:reserves?|reserved|opts?\s+out|opted\s+out|expressly\s+reserve[sd]?)\s+(?:the\s+|all\s+|its\s+|any\s+)?"
                    r"(?:rights?\s+)?[^.\n]{0,40}?text\s+and\s+data\s+mining",
                    _I,
                ),
                0.85,
                True,
                reject_before=_EN_DISCUSS,
            ),
        ],
    ),
    (
        ("train", "training"),
        [
            _Rule(
                "en_no_ai_training",
                "opt_out",
                _r(
                    r"(?=[mscdnpfalgMSCDNPFALG])(?:(?:may|must|shall|should|can)\s*(?:not|n't)\s+be\s+used\s+(?:to\s+train|for\s+(?:the\s+)?"
                    r"(?:purposes?\s+of\s+)?(?:training|developing))|(?:do\s+not|don't|not\s+to|never)\s+use\s+[^.\n]{0,40}?"
                    r"(?:to\s+train|for\s+(?:the\s+)?training(?:\s+of)?))[^.\n]{0,30}?"
                    + _AI
                    + r"|(?:do\s+not|don't|not\s+to|never)\s+use\s+[^.\n]{0,40}?for\s+(?:the\s+)?"
                    + _AI_STRICT
                    + r"[\s\-]training"
                    + r"|(?:prohibits?|forbids?|prohibited|forbidden|not\s+permitted|disallows?)[^.\n]{0,40}?"
                    r"(?:(?:training|to\s+train)[^.\n]{0,30}?"
                    + _AI_STRICT
                    + r"|"
                    + _AI_STRICT
                    + r"\s+training)"
                    r"|(?:does|do)\s*(?:not|n't)\s+(?:consent|agree|permit|allow|authori[sz]e)[^.\n]{0,50}?(?:train|training)"
                    r"[^.\n]{0,30}?"
                    + _AI_STRICT
                    + r"|"
                    + _A
                    + r"(?:no|not\s+for)\s+(?:use\s+in\s+)?"
                    + _AI_STRICT
                    + r"[\s\-]training"
                    r"|"
                    + _AI_STRICT
                    + r"[\s\-]training\s+(?:is\s+)?(?:strictly\s+)?(?:prohibited|forbidden|not\s+permitted"
                    r"|not\s+allowed)",
                    _I,
                ),
                0.85,
                True,
                reject_before=_EN_DISCUSS,
            ),
        ],
    ),
    (
        ("训练", "訓練", "学习", "學習"),
        [
            _Rule(
                "zh_no_ai_training",
                "opt_out",
                _r(
                    _ZH_NEG_LB
                    + r"(?:禁止|不得|严禁|嚴禁|拒绝|拒絕|请勿|請勿|不允许|不允許|不可|谢绝|謝絕)(?:任何[^，。\n]{0,6}?)?"
                    r"(?:将|把|將|使用|利用|用)?(?:[^。！？\n，,]{0,4}?"
                    + _ZH_OBJ
                    + r"[^。！？\n，,]{0,10}?)?"
                    r"(?:(?:用于|用於|用作|用来|用來|进行|進行|作为|作為)?[^。！？\n，,]{0,2}?"
                    + _ZH_AI
                    + r"[^。！？\n，,]{0,4}?(?:训练|訓練|学习|學習)|(?:用于|用於|用来|用來)(?:训练|訓練)"
                    + _ZH_AI
                    + r")"
                    + r"(?!的(?:问题|問題|争议|爭議|合法性|边界|規則|规则))"
                    + _NOT_QUESTION
                ),
                0.9,
                True,
                reject_before=_ZH_DISCUSS,
            ),
        ],
    ),
    (
        ("user-agent",),
        [
            _Rule(
                "robots_ai_disallow",
                "opt_out",
                _r(
                    r"User-agent:\s*(?:GPTBot|CCBot|ChatGPT-User|Google-Extended|anthropic-ai|ClaudeBot|Claude-Web|"
                    r"Bytespider|PerplexityBot|cohere-ai|Applebot-Extended|Meta-ExternalAgent|Omgilibot|Diffbot|"
                    r"Amazonbot|FacebookBot|ImagesiftBot)[ \t]*(?:\r?\n[ \t]*User-agent:[^\n]*){0,20}\r?\n[ \t]*Disallow:[ \t]*/"
                    r"[ \t]*(?=\r?\n|$)",
                    _I,
                ),
                0.9,
                True,
            ),
        ],
    ),
]


# Characters searched either side of a trigger word; longer after the BSD text, whose clause list is read.
_WINDOW = 400
_WINDOWS = {  # (before, after) for groups whose matches sit close to their trigger word
    "redistribution and use in source and binary forms": (_WINDOW, 1800),
    "train": (200, 120),
    "训练": (80, 40),
    "转载": (100, 80),
}
_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}


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

    def __init__(self) -> None:
        self._groups: list[list[_Rule]] = [rules for _, rules in _GROUPS]
        self._windows = [_WINDOWS.get(triggers[0], (_WINDOW, _WINDOW)) for triggers, _ in _GROUPS]
        self._auto = ahocorasick.Automaton()
        for gi, (triggers, _rules) in enumerate(_GROUPS):
            for t in triggers:
                key = t.lower()
                if key in self._auto:
                    self._auto.get(key).append((gi, len(key)))
                else:
                    self._auto.add_word(key, [(gi, len(key))])
        self._auto.make_automaton()

    def __reduce__(self) -> tuple[type[CopyrightScanner], tuple[()]]:
        # Rebuild on unpickling (workers): the rules hold closures that plain pickle cannot carry.
        return (CopyrightScanner, ())

    def scan(self, text: str) -> list[MarkerFinding]:
        """All markers in ``text``, sorted by offset; overlapping findings of one class are merged.

        Each rule group runs only on windows around its trigger words (merged when they overlap), so a
        long record with one footer costs little more than a short one.
        """
        if not text:
            return []
        windows: dict[int, list[list[int]]] = {}
        n = len(text)
        # ASCII-only lower-casing keeps offsets one-to-one (str.lower can change the length).
        for end, entries in self._auto.iter(text.translate(_ASCII_LOWER)):
            for gi, length in entries:
                before, after = self._windows[gi]
                lo, hi = max(0, end + 1 - length - before), min(n, end + 1 + after)
                ws = windows.setdefault(gi, [])
                if ws and lo <= ws[-1][1]:
                    ws[-1][1] = max(ws[-1][1], hi)
                else:
                    ws.append([lo, hi])
        if not windows:
            return []
        raw: list[MarkerFinding] = []
        for gi in sorted(windows):
            for rule in self._groups[gi]:
                for lo, hi in windows[gi]:
                    for m in rule.pattern.finditer(text, lo, hi):
                        raw.extend(self._finding(rule, m, text))
        return _resolve_overlaps(raw)

    @staticmethod
    def _finding(rule: _Rule, m: re.Match[str], text: str) -> Iterable[MarkerFinding]:
        start, end = m.start(), m.end()
        if end <= start:
            return ()
        licence: str | None = None
        score = rule.score
        restrictive = rule.restrictive
        if rule.reject_before is not None:
            before = text[max(0, start - 16) : start]
            cut = list(_SENT_END.finditer(before))
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

    def scan_many(self, texts: Sequence[str]) -> list[list[MarkerFinding]]:
        return [self.scan(t) for t in texts]


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


# ------------------------------------------------------------------------------------------- conflicts

OPEN_ACQUISITIONS = frozenset({"open_licence", "public_domain"})
UNLICENSED_ACQUISITIONS = frozenset({"self_collected", "synthetic"})
LICENSED_ACQUISITIONS = frozenset({"commercial", "user_authorised"})


def licence_conflicts(
    declared_licence: str | None, acquisition: str, findings: Iterable[MarkerFinding]
) -> list[str]:
    """Reason codes where a record's markers contradict its source's declaration (sorted, unique).

    ============================================  ==========================  =============================
    marker in the record                          source                       code
    ============================================  ==========================  =============================
    opt_out                                       any                          ``opt_out``
    no_reprint                                    open / self_collected /      ``no_reprint_in_<acquisition>``
                                                  synthetic
    rights_reserved                               open / self_collected /      ``rights_reserved_in_<acq>``
                                                  synthetic
    copyright_notice                              public_domain, or declared   ``copyright_notice_in_public_domain``
                                                  CC0/Unlicense/PDDL
    licence with NC                               not commercial/user-auth.,   ``nc_licence_in_<declared or acq>``
                                                  declared licence not NC
    licence with ND                               not commercial/user-auth.    ``nd_licence``
    other licence, family differs from declared   open (declared licence set)  ``licence_mismatch:<found>`` [*]
    ============================================  ==========================  =============================

    "open" = ``open_licence`` or ``public_domain``. Commercial and user-authorised sources hold a contract or
    authorisation that covers the content, so ©, reservations and licences in their text are reported (in
    ``copyright/``) but are not conflicts; only opt-outs are. Attribution-required and © notices are normal in
    CC-BY material and never conflict there. A findings list with only non-restrictive, matching markers → [].
    [*] Not for public-domain grants (CC0, Unlicense) or an SPDX ``OR`` expression offering the declared
    family; ``<found>`` is the SPDX id with characters outside ``[A-Za-z0-9.+-]`` replaced by ``_``.
    """
    findings = list(findings)
    codes: set[str] = set()
    declared_terms = licence_terms(declared_licence)
    declared_pd = bool(declared_terms and declared_terms.kind == "public_domain")
    is_open = acquisition in OPEN_ACQUISITIONS
    is_unlicensed = acquisition in UNLICENSED_ACQUISITIONS
    contract = acquisition in LICENSED_ACQUISITIONS
    declared_tag = _code_token(declared_licence) if declared_licence else acquisition
    for f in findings:
        c = f.marker_class
        if c == "opt_out":
            codes.add("opt_out")
        elif c in {"no_reprint", "rights_reserved"}:
            if is_open or is_unlicensed:
                codes.add(f"{c}_in_{acquisition}")
        elif c == "copyright_notice":
            if acquisition == "public_domain" or declared_pd:
                codes.add("copyright_notice_in_public_domain")
        elif c == "licence" and not contract:
            terms = licence_terms(f.licence)
            if terms is None:
                continue
            if terms.non_commercial and not (declared_terms and declared_terms.non_commercial):
                codes.add(f"nc_licence_in_{declared_tag}")
            if terms.no_derivatives:
                codes.add("nd_licence")
            if terms.non_commercial or terms.no_derivatives:
                continue
            if is_open and declared_terms is not None and f.licence is not None:
                if terms.kind == "public_domain" or declared_terms.family in _families(f.licence):
                    continue  # the declared licence (or a public-domain grant) covers it
                codes.add(f"licence_mismatch:{_code_token(f.licence)}")
    return sorted(codes)


def _families(expr: str) -> set[str]:
    return {_family(t) for t in (x.strip() for x in _SPDX_TOKEN_SPLIT.split(expr)) if t}


def _code_token(s: str) -> str:
    return re.sub(r"[^A-Za-z0-9.\-+]", "_", s)


def decide_copyright(
    findings: Iterable[MarkerFinding], declared_licence: str | None, acquisition: str, policy: Any
) -> tuple[str, list[str]]:
    """Apply the policy: ``("keep"|"drop", reasons)`` with ``copyright:conflict:<code>`` / ``copyright:opt_out``.

    ``policy.conflict_action`` decides for conflicts, ``policy.opt_out_action`` for opt-outs; a kept record's
    reasons are flags. Findings scoring below ``policy.min_score`` are ignored.
    """
    if not getattr(policy, "enabled", True):
        return "keep", []
    min_score = float(getattr(policy, "min_score", 0.0))
    codes = licence_conflicts(declared_licence, acquisition, (f for f in findings if f.score >= min_score))
    reasons: list[str] = []
    drop = False
    for code in codes:
        if code == "opt_out":
            reasons.append("copyright:opt_out")
            drop = drop or policy.opt_out_action == "drop"
        else:
            reasons.append(f"copyright:conflict:{code}")
            drop = drop or policy.conflict_action == "drop"
    return ("drop" if drop else "keep"), reasons
