"""Rules for licence grants written in their own words, with no licence name and no standard text:
public-domain dedications, "under the same terms as Perl/Python itself", and permission to use/copy/modify.

Why a separate table: Debian copyright files (real licence bodies) hold many such one-off grants (sqlite's
blessing, IBM's "AS IS" module grant, font vendors' permission paragraphs) that neither the named-licence
rules nor the SPDX full-text similarity can see. Each rule needs a declarative subject (this code / the
author / permission) so that prose *about* the public domain or about licences is not taken as a grant.
"""

from __future__ import annotations

from corpusgov.quality.copyright.rules_base import EN_DISCUSS, IGNORECASE, WS, Group, Rule, const, rx

_SUBJECT = (
    r"(?:this|the|these|such|our|my|its)\s+(?:\w+\s+){0,2}?(?:code|software|source(?:\s+code)?|files?|programs?"
    r"|library|module|work|fonts?|data(?:base)?|documentation|document|material|implementation|package"
    r"|header|script|program)s?"
)
_VERBS = r"(?:use|copy|modify|merge|publish|distribute|sublicense|sell|reproduce|redistribute|adapt|translate)"

GROUPS: list[Group] = [
    (
        ("public domain", "disclaims copyright", "disclaim copyright", "no copyright is claimed"),
        [
            Rule(
                # "This code is in the public domain", "I hereby place this file into the public domain",
                # "The author disclaims copyright to this source code", "no copyright is claimed".
                "public_domain_dedication",
                "licence",
                rx(
                    WS + _SUBJECT + r"\s+(?:is|are|has\s+been|have\s+been|was|were)\s+(?:hereby\s+)?"
                    r"(?:(?:placed|released|dedicated|put|donated|contributed)\s+)?(?:in|into|to)\s+the\s+public\s+domain"
                    r"|(?:hereby\s+)?(?:place|release|dedicate|put)s?\s+(?:this|these|the|my|our)\s+(?:\w+\s+){0,3}?"
                    r"(?:in|into|to)\s+the\s+public\s+domain"
                    r"|(?:author|authors|copyright\s+holders?)\s+(?:hereby\s+)?disclaims?\s+(?:all\s+)?copyright"
                    r"|no\s+copyright\s+is\s+claimed",
                    IGNORECASE,
                ),
                0.8,
                resolve=const(None, 0.8),
                reject_before=EN_DISCUSS,
            ),
        ],
    ),
    (
        ("same terms as",),
        [
            Rule(
                # "you may redistribute it and/or modify it under the same terms as Perl itself"
                "same_terms_as",
                "licence",
                rx(r"(?:under|on)\s+the\s+same\s+terms\s+as\s+(?:[A-Z][\w.+\-]*\s+){1,2}itself"),
                0.85,
                resolve=const(None, 0.85),
            ),
        ],
    ),
    (
        ("permission", "licensed", "licenced", "right to", "rights"),
        [
            Rule(
                # "… has granted … permission, free of charge, to use, copy modify, publish, distribute …":
                # a permission or licence word, then in the same sentence "to <verb>" and two more verbs.
                "permission_verbs",
                "licence",
                rx(
                    r"(?:permission|licen[cs]ed|right|rights)\b[^.;:]{0,160}?\bto\s+" + _VERBS
                    + r"(?:\s+(?:it|them))?(?:,?\s+(?:and/or\s+|and\s+|or\s+)?" + _VERBS + r"\b(?:\s+(?:it|them))?){2,}",
                    IGNORECASE,
                ),
                0.8,
                resolve=const(None, 0.8),
                reject_before=EN_DISCUSS,
            ),
            Rule(
                # "Any one receiving the module is considered to be licensed under IBM copyrights to use …"
                "licensed_to_use",
                "licence",
                rx(
                    r"(?:is|are|be)\s+(?:hereby\s+)?(?:considered\s+to\s+be\s+|deemed\s+to\s+be\s+)?licen[cs]ed\s+"
                    r"(?:under\s+[^.;]{1,60}?\s+)?to\s+" + _VERBS + r"\s+(?:this|the|these|such|it|them)\b",
                    IGNORECASE,
                ),
                0.8,
                resolve=const(None, 0.8),
                reject_before=EN_DISCUSS,
            ),
        ],
    ),
    (
        (
            ("with or without modification", "be distributed", "be copied", "be freely", "be redistributed")
            + ("free to use", "free to copy", "free to modify", "free to distribute", "free to redistribute")
        ),
        [
            Rule(
                # "You may also distribute …, with or without modification, any schema …"; "… may be distributed
                # with no further permissions from CGATS" (a grant; the BSD text has its own rule).
                "free_to_distribute",
                "licence",
                rx(
                    r"(?:copy|use|distribute|redistribute)\b[^.;]{0,120}?,?\s+with\s+or\s+without\s+modifications?"
                    r"|(?:may|can)\s+be\s+(?:freely\s+)?(?:distributed|copied|redistributed|reproduced)\s+(?:freely\s+)?"
                    r"(?:with\s+no\s+further\s+permissions?|without\s+(?:further\s+|prior\s+)?(?:permission|fee|charge|restriction))"
                    # "This code may be freely distributed", "Public information may be freely distributed or copied"
                    r"|(?:may|can)\s+be\s+freely\s+(?:distributed|copied|redistributed|reproduced|used)\b"
                    # "You are free to use or extend these projects … provided that (1) …" (a conditional grant;
                    # "you are free to use other compilers" has no condition and is not one)
                    r"|(?:you\s+are|is|are)\s+free\s+to\s+(?:use|copy|modify|distribute|redistribute)\b[^.]{0,160}?\bprovided\s+that",
                    IGNORECASE,
                ),
                0.8,
                resolve=const(None, 0.8),
                reject_before=EN_DISCUSS,
            ),
        ],
    ),
]
