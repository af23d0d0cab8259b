"""The rule record and the regex fragments the rule tables share (years, holder, word edges, discussion cues)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

WS = r"(?<![A-Za-z0-9])"  # ASCII word start (\b fails next to CJK, which counts as \w)
WE = r"(?![A-Za-z0-9])"
YEARS = r"(?:19|20)\d{2}(?:\s*[-–—,~至]\s*(?:(?:19|20)\d{2}|present|now|今))*"
HOLDER = r"[^\n。；;|<>]{0,80}"
NOT_SYMBOL_TALK = r"(?!\s*[\"”'’」]?\s*(?:symbol|sign|mark|character|符号|符號|标志|標誌|标记|記號))"
NOT_QUESTION = r"(?![^。\n]{0,20}[？?])"
# 是否禁止转载 (a question) / 不被禁止用于AI训练 (a negation): not a declaration.
ZH_NEG_LB = r"(?<!是否)(?<!应否)(?<!能否)(?<!可否)(?<!應否)(?<!如何)(?<!不被)(?<!未被)(?<!并不)(?<!並不)"

Resolver = Callable[["re.Match[str]"], "tuple[str | None, float] | None"]


@dataclass(frozen=True)
class Rule:
    """One regex rule: class, pattern, score; optional licence resolver, holder trim, discussion filter."""

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


def rx(p: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(p, flags)


IGNORECASE = re.IGNORECASE
# English notices live in comment blocks: a space may be a line break followed by the comment's prefix
# ("may not be reproduced,\n# disclosed or distributed without ..."), or inside a box ("BE  }\n{  COPIED", "This  //\n//
# software may not"), which plain \s does not cross.
EN_SP = r"(?:[ \t]*(?:[}|*]|//+)?[ \t]*\r?\n[ \t]*(?:#+|//+|\*+|;+|--|%+|\{|\|)?[ \t]*|\s+)"
# Up to a clause of words between two parts of a notice, across such line breaks, never across a sentence end.
# Atomic: a line break takes its indentation and comment prefix whole, so a near miss over comment lines ("% ****",
# " * * *") is given up in linear time (with a plain group, a 3 kB LilyPond file of "% ****" lines took 1.2 s in two
# rules); the characters a plain group could leave to the next unit are all ones the next unit matches anyway.
EN_GAP = r"(?>[^.\n]|\.(?=\s*(?-i:[a-z,]))|\n[ \t]*(?:#+|//+|\*+|;+|--|%+)?)"
# (研究 in a list of permitted uses, 仅供个人学习、研究与非商业用途使用, is no discussion)
ZH_DISCUSS = re.compile(
    r"是否|能否|应否|應否|可否|讨论|討論|如何|为何|為何|是不是|有没有|争议|爭議"
    # (研究 as a permitted purpose, not a discussion: 学习/研究/分享, 仅限研究与教学使用, 僅供學術研究)
    r"|(?<!学习)(?<!學習)(?<!学习、)(?<!學習、)(?<!学习/)(?<!學習/)(?<!学习和)(?<!学习与)(?<!學習與)"
    r"(?<!仅限)(?<!僅限)(?<!仅供)(?<!僅供)(?<!只限)(?<!只供)(?<!学术)(?<!學術)"
    r"研究(?!使用|用途|目的|之用|[与和及、/](?:教学|教學|学习|學習))"
)
EN_DISCUSS = re.compile(r"(?i)\b(?:whether|debate[sd]?|argue[sd]?|discuss(?:es|ed)?|asked|question)\b")
SENT_END = re.compile(r"[。！？!?\n]|\.\s")
# "permissive licenses such as MIT, Apache-2.0, or BSD": licences named as examples of a kind, none declared (the
# same sentence, just before a licence name).
LICENCE_EXAMPLES_BEFORE = re.compile(
    r"(?i)\blicen[cs]es\s+(?:such\s+as|like|e\.g\.,?|for\s+example,?)\s+(?:[\w.\-]+(?:\s+[\w.\-]+)?,?\s+(?:or\s+|and\s+)?){0,4}$"
)

# "Do not redistribute it — that prebuilt is GPL-3": the licence of a third-party artefact pointed at with that / those
# (a binary, a build, a dependency someone else made), not of the text's own work ("Note that this package is GPL" and
# "that the library is MIT" keep their finding).
LICENCE_OF_OTHERS_BEFORE = re.compile(
    r"(?i)\b(?:that|those)(?:\s+(?!this\b|the\b|our\b|my\b|its\b)[\w.+\-]+){0,2}?\s+(?:prebuilts?|binar(?:y|ies)|builds?"
    r"|dependenc(?:y|ies)|wheels?|dlls?|executables?|installers?)\s+(?:is|are)\s+(?:licen[cs]ed\s+under\s+)?(?:the\s+)?$"
)

# "released under **[TODO: CC BY 4.0]**": a licence left as a placeholder (TODO / TBD / FIXME just before it) is not
# yet declared.
LICENCE_PLACEHOLDER_BEFORE = re.compile(r"\b(?:TODO|TBD|FIXME)\b[ \t]*[:\-]?[ \t]*$")
# "consistent with the license of its dominant redistributed source material (VCTK Corpus, CC BY 4.0)": the licence of a
# source named in parentheses after a clause about another material's licence, not this work's.
LICENCE_OF_SOURCE_BEFORE = re.compile(r"(?i)\blicen[cs]es?\s+of\s+[^.\n()]{0,100}?\(\s*[^()\n,]{1,60},\s*$")
# "Solutions for _Structure and Interpretation of Computer Programs_ by Harold Abelson …, which is licensed under a
# Creative Commons …": a relative clause giving the licence of a work credited to others ("by" a name earlier in the
# sentence), not of this text ("This work by Jane Doe is licensed under …", CC's own marking, has no ", which").
LICENCE_OF_CITED_WORK_BEFORE = re.compile(
    r"\bby\s+[A-Z][^.\n]{0,160}?,\s+which\s+(?:is|are|was|were)\s+(?:(?i:licen[cs]ed|released|distributed|published|made"
    r"\s+available)\s+under\s+(?:(?i:a|an|the)\s+)?)?$"
)
# "X 是 Y 公司开源的一款…，当前已获得约 4,495 颗 Stars 和 454 个 Forks，采用 MIT 许可证": a repository digest (stars and forks
# counted in the same sentence) describes someone's project; its own README does not count its stars beside its licence.
LICENCE_IN_REPO_DIGEST_BEFORE = re.compile(
    r"(?i)\d[\d,.]*\s*[kw万]?\+?\s*\**\s*(?:颗|個|个)?\s*(?:stars?|forks?|星标|星標)\b[^。！？!?\n]{0,80}$"
)

# "MIT 协议允许商业使用和修改" / "The MIT License allows commercial use": a licence named as the subject of what it
# allows or requires is described (another project's, a FAQ's), not declared; a declaration says so elsewhere
# ("licensed under", 采用, 基于).
LICENCE_DESCRIBED_AFTER = re.compile(
    r"(?i)[ \t]*(?:(?:协议|協議|许可证|許可證|license|licence)[ \t]*)?(?:允许|允許|规定|規定|要求|allows\b|permits\b|requires\b"
    # a licence explainer: "GPLv3 has broader retaliation", "GPLv3 is stricter", "**GPLv3 Example:**", "any
    # GPLv3-covered work" (the licence compared, illustrated or naming a class of works, none declared)
    r"|has[ \t]+(?:a[ \t]+|an[ \t]+)?(?:broader|stronger|weaker|stricter|narrower|wider|similar|different)\b"
    r"|(?:is|are)[ \t]+(?:more|less|stricter|looser|weaker|stronger|broader|narrower)\b"
    r"|[ \t]+examples?[ \t]*:|-covered\b"
    # "把 CC0 素材也硬塞进署名页" / "CC0 素材无需署名": a licence naming a kind of asset a rule is about, none declared
    r"|[ \t]*(?:素材|资源|資源)(?:也|都|则|則|不|无需|無需|不必|可以|可)"
    r")"
)


def const(spdx: str | None, score: float) -> Resolver:
    def f(m: re.Match[str]) -> tuple[str | None, float]:
        return spdx, score

    return f


def first(m: re.Match[str], *names: str) -> str | None:
    for n in names:
        v = m.groupdict().get(n)
        if v:
            return v
    return None


# (trigger words, lower-cased; rules run only near one of them) — see the scanner.
Group = tuple[tuple[str, ...], list[Rule]]
