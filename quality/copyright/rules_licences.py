"""Rules for licences named in text: SPDX headers, Creative Commons, GPL family, Apache, MIT, BSD, MPL, 木兰, ISC,
Unlicense; each resolver turns a match into an SPDX id (or ``LicenseRef-<family>`` when no version is given).

Full licence *texts* are matched separately, by similarity, in :mod:`quality.copyright.fulltext`.

Over 500 lines on purpose: it is one table of licence rules (data, one entry per family and form) with the
resolvers that read it; splitting the table by family would scatter what a reviewer reads as one list.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from corpusgov.quality.copyright.licences import cc_id, gpl_id
from corpusgov.quality.copyright.rules_base import EN_SP, IGNORECASE, WE, WS, Group, Rule, const, first, rx

# ---- licence resolvers


def _res_cc_short(m: re.Match[str]) -> tuple[str | None, float]:
    el = (m.group("el") or "").upper().replace("_", "-").replace(" ", "-")
    ver = m.group("v1") or m.group("v2")
    return cc_id("NC" in el, "ND" in el, "SA" in el, ver), 0.95


def _res_cc_zero(m: re.Match[str]) -> tuple[str | None, float]:
    return "CC0-1.0", 0.95


_NC_WORDS = re.compile(r"(?i)non-?\s?commercial|非商业|非商業")
_ND_WORDS = re.compile(r"(?i)no\s?deriv|禁止演绎|禁止演繹|禁止改作")
_SA_WORDS = re.compile(r"(?i)share\s?alike|相同方式|保持一致")


def _res_cc_long(m: re.Match[str]) -> tuple[str | None, float]:
    parts = m.group("parts") or ""
    ver = m.group("ver")
    if m.groupdict().get("zero"):
        return "CC0-1.0", 0.95
    if not m.group("by"):
        return None, 0.7  # "a Creative Commons licence", type unstated
    return cc_id(
        bool(_NC_WORDS.search(parts)), bool(_ND_WORDS.search(parts)), bool(_SA_WORDS.search(parts)), ver
    ), 0.95


def _res_cc_url(m: re.Match[str]) -> tuple[str | None, float]:
    if m.group("zero"):
        return "CC0-1.0", 0.95
    el = m.group("el").upper()
    return cc_id("NC" in el, "ND" in el, "SA" in el, m.group("ver")), 0.95


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
    return gpl_id(kind, ver, bool(_GPL_LATER.search(tail))), 0.95


def _res_gpl_short(m: re.Match[str]) -> tuple[str | None, float]:
    suffix = (m.group("suffix") or "").lower()
    return gpl_id(m.group("kind") or "", m.group("ver"), "later" in suffix or "+" in suffix), 0.9


_BSD_NUM = {"2": "2", "3": "3", "4": "4", "two": "2", "three": "3", "four": "4"}


_ZH_NUM = {"一": "1", "二": "2", "1": "1", "2": "2"}


def _res_spdx(m: re.Match[str]) -> tuple[str | None, float]:
    return m.group("expr").strip(), 0.99


def _res_gpl_ctx(m: re.Match[str]) -> tuple[str | None, float]:
    return gpl_id(first(m, "kind", "kind2") or "", None, False), 0.8


# A key's quoted value up to the match on its line (text: 'This model is licensed under …'): a record, not a grant
_QUOTED_VALUE_BEFORE = re.compile(r"[\w\"'][ \t]*[:=][ \t]*[\"'`][^\"'`\n]*$")


def _not_a_quoted_value(score: float) -> Callable[[re.Match[str]], tuple[str | None, float] | None]:
    """Reject a grant that sits inside a key's quoted value on its line."""

    def resolve(m: re.Match[str]) -> tuple[str | None, float] | None:
        ls = max(m.string.rfind("\n", 0, m.start()) + 1, m.start() - 300)
        return None if _QUOTED_VALUE_BEFORE.search(m.string, ls, m.start()) else (None, score)

    return resolve


def _res_apache(m: re.Match[str]) -> tuple[str | None, float]:
    ver = first(m, "ver", "ver2", "ver3", "ver4", "ver5", "ver6")
    if ver is None:
        return "LicenseRef-Apache", 0.8
    return "Apache-" + {"1": "1.0", "2": "2.0"}.get(ver, ver), 0.95


def _res_bsd(m: re.Match[str]) -> tuple[str | None, float]:
    n = first(m, "n", "n2")
    if n:
        return f"BSD-{_BSD_NUM[n.lower()]}-Clause", 0.95
    variant = (first(m, "variant", "variant2") or "").lower()
    if variant in {"new", "modified", "revised"}:
        return "BSD-3-Clause", 0.9
    if variant in {"simplified", "freebsd"}:
        return "BSD-2-Clause", 0.9
    return "LicenseRef-BSD", 0.8


def _res_mpl(m: re.Match[str]) -> tuple[str | None, float]:
    ver = first(m, "ver", "ver2")
    return (f"MPL-{ver}" if ver else "LicenseRef-MPL"), 0.95


def _res_mulan(m: re.Match[str]) -> tuple[str | None, float]:
    v = _ZH_NUM.get(first(m, "ver", "v2", "v3") or "")
    name = "MulanPubL" if first(m, "pub", "pub2") else "MulanPSL"
    return (f"{name}-{v}.0" if v else f"LicenseRef-{name}"), 0.95


def _res_gfdl(m: re.Match[str]) -> tuple[str | None, float]:
    tail = m.group("tail") or ""
    vm = re.search(r"(?i)version\s*(1\.[123])", tail)
    if not vm:
        return "LicenseRef-GFDL", 0.85
    later = bool(re.search(r"(?i)or\s+(?:\(at\s+your\s+option\)\s+)?any\s+later", tail))
    return f"GFDL-{vm.group(1)}-{'or-later' if later else 'only'}", 0.9


_CC_EL = r"(?P<el>(?i:nc[\s\-_]nd|nc[\s\-_]sa|nc|nd|sa))"

GROUPS: list[Group] = [
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
            "署名-非",
            "署名-禁",
            "署名-相",
            "署名 -",
        ),
        [
            Rule(
                "cc_short",
                "licence",
                rx(
                    WS
                    + r"(?:CC[\s\-_]?(?:(?P<v1>[1-4]\.[05])\s+)?BY|(?i:cc[\-_]by))(?:[\s\-_]"
                    + _CC_EL
                    + r")?"
                    r"(?:[\s\-_]*(?:v|version\s*)?(?P<v2>[1-4]\.[05]))?(?![A-Za-z0-9])"
                ),
                0.95,
                resolve=_res_cc_short,
            ),
            Rule(
                "cc_zero",
                "licence",
                rx(WS + r"CC[\-\s]?0(?:[\s\-]?1\.0)?(?![\d.A-Za-z])", IGNORECASE),
                0.95,
                resolve=_res_cc_zero,
            ),
            Rule(
                "cc_long",
                "licence",
                rx(
                    # (the name may wrap inside a comment block: "Creative Commons\n/// Attribution 4.0")
                    r"Creative\s+Commons" + EN_SP + r"(?:(?P<zero>Zero|CC0|Public\s+Domain\s+Dedication)|(?P<by>Attribution)"
                    r"(?P<parts>(?:[\s\-–]+(?:Non-?\s?Commercial|NoDerivatives|NoDerivs|No\s+Derivative\s+Works"
                    r"|ShareAlike|Share\s+Alike))*))"
                    r"(?:\s+(?:licen[cs]e|International|Generic|Unported))*(?:[,\s]+(?:Version\s*|v)?(?P<ver>[1-4]\.[05]))?",
                    IGNORECASE,
                ),
                0.95,
                resolve=_res_cc_long,
            ),
            Rule(
                "cc_zh",
                "licence",
                rx(
                    r"(?:知识共享|知識共享|創用\s?CC|创作共用|創作共用)(?:许可协议|授權條款|许可证)?[\s\-—（(“\"「:：]*"
                    r"(?:(?P<zero>零|CC0)|(?P<by>署名|姓名标示|姓名標示)(?P<parts>(?:[\s\-—–－]*(?:非商业性使用|非商業性使用|非商业性"
                    r"|非商業性|非商业用途|非商业|禁止演绎|禁止演繹|禁止改作|相同方式共享|相同方式分享|保持一致|以相同方式共享))*))"
                    r"(?:\s*(?P<ver>[1-4]\.[05]))?"
                ),
                0.95,
                resolve=_res_cc_long,
            ),
            Rule(
                # 《署名-非商业性使用-禁止演绎 4.0 国际》许可协议: the Chinese element names and a version, no 知识共享
                "cc_zh_elements",
                "licence",
                rx(
                    r"(?P<by>署名|姓名标示|姓名標示)(?P<parts>(?:\s*[\-—–－]\s*(?:非商业性使用|非商業性使用|禁止演绎|禁止演繹|禁止改作"
                    r"|相同方式共享|相同方式分享|以相同方式共享))+)\s*(?P<ver>[1-4]\.[05])"
                ),
                0.9,
                resolve=_res_cc_long,
            ),
            Rule(
                "cc_generic",
                "licence",
                rx(r"licen[cs]ed\s+under\s+(?:a|the)\s+Creative\s+Commons\s+licen[cs]e", IGNORECASE),
                0.7,
                resolve=const(None, 0.7),
            ),
            Rule(
                "cc_url",
                "licence",
                rx(
                    r"creativecommons\.org/(?:licen[cs]es/(?P<el>by(?:-nc)?(?:-nd|-sa)?)/(?P<ver>[1-4]\.[05])"
                    r"|publicdomain/(?P<zero>zero)/1\.0)",
                    IGNORECASE,
                ),
                0.95,
                resolve=_res_cc_url,
            ),
        ],
    ),
    (
        ("spdx-license-identifier", "license-expression:"),
        [
            Rule(
                "spdx_identifier",
                "licence",
                rx(
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
            Rule(
                "gpl_long",
                "licence",
                rx(
                    # GNU may be left out: "covered by the more permissive Library General Public License"
                    r"(?:GNU\s+)?(?:(?P<kind>Lesser|Library|Affero)\s+)?General\s+Public\s+Licen[cs]e(?P<tail>(?:[^.。]|\.(?=\d)){0,160})",
                    IGNORECASE,
                ),
                0.95,
                resolve=_res_gpl_long,
            ),
            Rule(
                "gpl_zh",
                "licence",
                rx(
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
            Rule(
                "gpl_short",
                "licence",
                rx(
                    WS
                    + r"(?P<kind>[AL])?GPL(?:[\s\-]?v?|\s+version\s+)(?P<ver>[123](?:\.[01])?)(?P<suffix>\+|-or-later|-only|\s+or\s+later)?"
                    r"(?![A-Za-z0-9]|\.\d)",
                    IGNORECASE,
                ),
                0.9,
                resolve=_res_gpl_short,
            ),
            Rule(
                "gpl_context",
                "licence",
                rx(
                    # "licensed under the GPL", "… under the GPL with the exception that …", "the GNU GPL"
                    r"(?:(?:(?i:(?:(?:licen[cs]ed|released|distributed|available)\s+)?under\s+(?:the\s+)?(?:terms\s+of\s+the\s+)?(?:GNU\s+)?)"
                    r"|GNU\s+)"
                    r"(?P<kind>[AL])?GPL(?![A-Za-z0-9\-]|\.\d)|"
                    + WS
                    # (其它未尽事宜遵守《GPL协议》: the Chinese word may follow without a space)
                    + r"(?P<kind2>[AL])?GPL(?:[\s\-](?i:licen[cs]ed|licen[cs]e)|[\s\-]?(?:许可证|許可證|協議|协议))" + WE + ")"
                ),
                0.8,
                resolve=_res_gpl_ctx,
            ),
        ],
    ),
    (
        ("apache", "asl"),
        [
            Rule(
                "apache",
                "licence",
                rx(
                    r"Apache\s+Licen[cs]e(?:,?\s*(?:Version\s*|v\.?\s*|版本\s*)?(?P<ver>[12](?:\.[01])?)(?![\d.]\d))?|"
                    # (协议说明：Apache2.0（ 文件顶端 ）: a licence field's label, the version joined to the name)
                    r"(?:协议|協議|许可证|許可證|许可|licen[cs]e)(?:说明|說明|类型|類型)?\s*[:：]\s*Apache[\s\-]?v?(?P<ver5>[12]\.[01])|"
                    + WS
                    + r"Apache[\s\-]v?(?P<ver2>[12]\.[01])\s*(?:licen[cs]e|许可证|许可|協議|协议|开源协议)"
                    r"|"
                    + WS
                    + r"Apache-(?P<ver3>2\.0|1\.[01])(?![\d.])|apache\.org/licenses/LICENSE-(?P<ver4>[12]\.[01])"
                    r"|" + WS + r"ASL[\s\-]?v?(?P<ver6>2(?:\.0)?)" + WE,
                    IGNORECASE,
                ),
                0.95,
                resolve=_res_apache,
            ),
        ],
    ),
    (
        ("mit",),
        [
            Rule(
                "mit",
                "licence",
                rx(
                    WS
                    + r"MIT(?:\s+|-)?(?:(?i:licen[cs]e)|许可证|許可證|许可协议|协议|協議|开源协议|开源许可|授权|授權|许可|許可)(?![A-Za-z])"
                    r"|"
                    + WS
                    + r"MIT-(?i:licen[cs]ed)"
                    + WE
                    + r"|"
                    + WS
                    + r"MIT\s+licen[cs]ed(?!\s+(?:its|the|a|an|this|that|their|his|her|to|it|them)"
                    + WE
                    + ")"
                    r"|(?i:(?:licen[cs]ed|released|distributed|available)\s+under\s+(?:the\s+)?(?:terms\s+of\s+the\s+)?)MIT"
                    + WE
                    + r"|(?i:Licen[cs]e)\s*[:：]\s*(?i:MIT)"
                    + WE
                    # (本数据集遵循 **MIT** 许可协议 / - **开源协议**: MIT: the name in Markdown bold, or after a licence key)
                    + r"|(?:采用|使用|基于|遵循|遵守|遵从|基於|採用)\s*(?:\*\*?|__?)?MIT"
                    + WE
                    + r"|(?:开源协议|開源協議|开源许可证?|開源許可證?|许可协议|許可協議|许可证|許可證|授权协议|授權協議)(?:\*\*?|__?)?"
                    r"[ \t]*[：:][ \t]*(?:\*\*?|__?)?MIT"
                    + WE
                    # 站点代码 MIT。/ 源码：MIT (a licence line of a Chinese README)
                    + r"|(?:代码|代碼|源码|源碼|源代码|源代碼)\s*[：:]?\s*MIT(?=\s*(?:[。；;，,、)）]|$))"
                    # "## License\n\nMIT — see LICENSE" / "**MIT**" / "MIT（正文内容版权归作者）": a bare MIT opening a licence
                    # section's first line
                    + r"|(?<![^\n])#{1,6}[ \t]*(?:[^\w\n#]{1,3}[ \t]*)?(?i:licen[cs]e|许可证|許可證|许可|許可|授权|授權|协议|協議)"
                    r"[ \t]*\n(?:[ \t]*\n){0,2}[ \t]*(?:\*\*?|__?)?\[?MIT(?=(?:\*\*?|__?)?\]?[ \t]*(?:$|\n|[.,;:(©—–\-（，。；：]"
                    r"|(?i:licen[cs]e|see)\b))"
                ),
                0.95,
                resolve=const("MIT", 0.95),
            ),
        ],
    ),
    (
        ("permission is hereby granted",),
        [
            Rule(
                "mit_text",
                "licence",
                rx(
                    r"Permission\s+is\s+hereby\s+granted,\s+free\s+of\s+charge,\s+to\s+any\s+person\s+obtaining",
                    IGNORECASE,
                ),
                0.95,
                resolve=const("MIT", 0.95),
            ),
        ],
    ),
    (
        ("bsd",),
        [
            Rule(
                "bsd",
                "licence",
                rx(
                    WS
                    + r"BSD[\s\-]?(?P<n>[234])[\s\-]Clause(?:\s+Licen[cs]e)?|"
                    + WS
                    + r"(?P<n2>[234]|two|three|four)"
                    r"[\s\-]clause\s+BSD(?:\s+Licen[cs]e)?|"
                    + WS
                    + r"(?P<variant>New|Modified|Revised|Simplified|FreeBSD)"
                    r"\s+BSD\s+Licen[cs]e|"
                    + WS
                    + r"BSD[\s\-]?(?:Licen[cs]e|许可证|许可协议|协议|協議)(?![A-Za-z])"
                    # "@license: BSD New" (the variant after the name, closing its line or clause; not "BSD new features")
                    + r"|" + WS + r"BSD[ \t]+(?P<variant2>(?-i:New|Modified|Revised|Simplified))(?:[ \t]+Licen[cs]e)?"
                    r"(?=[ \t]*(?:$|[\n.;,)]))"
                    r"|(?:licen[cs]ed|released|distributed)\s+under\s+(?:a|the)\s+BSD" + WE,
                    IGNORECASE,
                ),
                0.9,
                resolve=_res_bsd,
            ),
        ],
    ),
    (
        ("redistribution and use in source and binary forms",),
        [
            Rule(
                "bsd_text",
                "licence",
                rx(
                    r"Redistribution\s+and\s+use\s+in\s+source\s+and\s+binary\s+forms,\s+with\s+or\s+without\s+"
                    r"modification,\s+are\s+permitted(?P<rest>[\s\S]{0,1500})",
                    IGNORECASE,
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
        # ("mozilla" alone: a comment box's border may split the name, "the Mozilla   }\n{ Public License Version 1.1")
        ("mozilla", "mpl"),
        [
            Rule(
                "mpl",
                "licence",
                rx(
                    r"Mozilla" + EN_SP + r"Public" + EN_SP + r"Licen[cs]e(?:,?\s*(?:v\.?\s*|version\s*)?(?P<ver>[12]\.[01]))?|"
                    + WS
                    + r"MPL[\s\-]?v?(?P<ver2>[12]\.[01])"
                    + WE,
                    IGNORECASE,
                ),
                0.95,
                resolve=_res_mpl,
            ),
        ],
    ),
    (
        ("木兰", "木蘭", "mulan"),
        [
            Rule(
                "mulan",
                "licence",
                rx(
                    r"木[兰蘭](?:宽松|寬鬆|(?P<pub>公共))许可证?(?:[\s,，]*(?:第\s*(?P<ver>[一二12])\s*版|v(?P<v2>[12])))?"
                    r"|Mulan\s*(?:(?P<pub2>PubL)|PSL|Permissive\s+Software\s+Licen[cs]e)(?:[\s\-,]*v?(?P<v3>[12])(?:\.0)?)?",
                    IGNORECASE,
                ),
                0.95,
                resolve=_res_mulan,
            ),
        ],
    ),
    (
        ("isc licen", "unlicense", "unencumbered"),
        [
            Rule("isc", "licence", rx(WS + r"ISC\s+Licen[cs]e" + WE), 0.9, resolve=const("ISC", 0.9)),
            Rule(
                "unlicense",
                "licence",
                rx(
                    r"The\s+Unlicense"
                    + WE
                    + r"|unlicense\.org|free\s+and\s+unencumbered\s+software\s+released\s+into"
                    r"\s+the\s+public\s+domain",
                    IGNORECASE,
                ),
                0.9,
                resolve=const("Unlicense", 0.9),
            ),
        ],
    ),
    (
        ("free documentation licen", "artistic licen"),
        [
            Rule(
                "gfdl",
                "licence",
                rx(r"GNU\s+Free\s+Documentation\s+Licen[cs]e(?P<tail>(?:[^.。]|\.(?=\d)){0,80})", IGNORECASE),
                0.9,
                resolve=_res_gfdl,
            ),
            Rule(
                "artistic",
                "licence",
                rx(r"(?:the\s+)?Artistic\s+Licen[cs]e(?:,?\s+(?:version\s+)?(?P<ver>[12]\.0))?", IGNORECASE),
                0.85,
                resolve=lambda m: (
                    f"Artistic-{m.group('ver')}" if m.group("ver") else "LicenseRef-Artistic",
                    0.85,
                ),
            ),
        ],
    ),
    (
        ("permission to use", "permission to copy", "grants you the right to use", "licensed under"),
        [
            Rule(
                # A permissive grant in its own words (HPND-style), licence unnamed.
                "permission_grant",
                "licence",
                rx(
                    r"Permission\s+to\s+(?:use|copy|modify|distribute)(?:,?\s+(?:and\s+)?(?:use|copy|modify|sell|distribute))*"
                    r"[^.]{0,40}?(?:this|the|such)\s+(?:software|document(?:ation)?|file|program|font|work|code|library"
                    r"|material|data(?:base)?)[^.]{0,120}?\s(?:is\s+)?(?:hereby\s+)?granted"
                    r"|grants\s+you\s+the\s+right\s+to\s+use,\s+(?:copy,\s+)?modify,?\s+and\s+distribute",
                    IGNORECASE,
                ),
                0.8,
                resolve=const(None, 0.8),
            ),
            Rule(
                # "This model is licensed under Apache 2.0." / "… under "Fair-AI public license 1.0-SD"" / "… under\n[Creative
                # Commons (4.0 …) Attribution-ShareAlike][license]": the text's own work (this / our + a work noun) under a
                # named licence, whatever its spelling (not "under \(licenseName)", a template slot, nor a key's quoted
                # value, text: 'This model is licensed under …' in a table of others' licences)
                "own_work_licensed_under",
                "licence",
                rx(
                    r"\b(?:[Tt]his|[Oo]ur)\s+(?:model|dataset|project|code|software|repository|repo|work|library|app|application"
                    r"|package|plugin|mod|font|theme|template|tool|tutorial|content|data)\s+is\s+(?:licen[cs]ed|released"
                    r"|distributed|made\s+available)\s+under\s+(?:the\s+)?(?:\*\*|[\"\[(])*(?=[A-Z0-9])"
                ),
                0.75,
                resolve=_not_a_quoted_value(0.75),
            ),
            Rule(
                # "... under the terms of the Foo Public License": a grant naming a licence no other rule knows.
                "named_licence_grant",
                "licence",
                rx(
                    # ("Licensed under the SIL Open Font License 1.1": a sentence's first word capitalised)
                    r"(?:[Ll]icen[cs]ed|[Dd]istributed|[Rr]eleased|[Mm]ade\s+available|modify\s+it)\s+under\s+the\s+(?:terms\s+of\s+the\s+)?"
                    r"(?:[A-Z][\w.\-]*\s+){1,5}[Ll]icen[cs]e"  # "… under the terms of the Cygwin license"
                ),
                0.75,
                resolve=const(None, 0.75),
            ),
        ],
    ),
]
