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
                    # "This file and the accompanying getopt.h header file are hereby placed in the public domain"
                    r"|(?:is|are|has\s+been|have\s+been)\s+hereby\s+(?:placed|released|dedicated|put)\s+(?:in|into|to)\s+the\s+public\s+domain"
                    r"|(?:hereby\s+)?(?:place|release|dedicate|put)s?\s+(?:this|these|the|my|our)\s+(?:\w+\s+){0,3}?"
                    r"(?:in|into|to)\s+the\s+public\s+domain"
                    r"|(?:author|authors|copyright\s+holders?)\s+(?:hereby\s+)?disclaims?\s+(?:all\s+)?copyright"
                    r"|no\s+copyright\s+is\s+claimed"
                    # "*     Released to the Public domain, feel free to use and copy" (a header line with no subject)
                    r"|(?:^|(?<=[\n*#/]))[ \t]*released\s+(?:in|into|to)\s+the\s+public\s+domain"
                    # "LICENCE: all the source code provided by AOP Alliance is Public Domain."
                    r"|licen[cs]e\s*:[^\n.]{0,80}?\b(?:is|are)\s+(?:in\s+the\s+)?public\s+domain",
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
        ("permission", "licensed", "licenced", "right to", "rights", "allowed to", "permitted to", "under the terms of"),
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
                # "Permission is granted to anyone to use this software for any purpose, … and to alter it and
                # redistribute it freely" (zlib's grant), "Permission granted to use and modify this library",
                # "Permission is granted to use, copy, create derivative works and redistribute this software".
                "permission_granted_to",
                "licence",
                rx(
                    r"permission\s+(?:is\s+)?(?:hereby\s+)?granted,?\s+(?:to\s+(?:anyone|everyone|any\s+person|all|you)\s+)?"
                    r"(?:free\s+of\s+charge,?\s+)?to\s+" + _VERBS + r"\b[^.;]{0,100}?\b(?:software|code|library|files?|works?"
                    r"|programs?|material|documentation|fonts?|data|module|package|manual|source)\b",
                    IGNORECASE,
                ),
                0.8,
                resolve=const(None, 0.8),
                reject_before=EN_DISCUSS,
            ),
            Rule(
                # "Rights are granted to use this software in any way so long as …", "You are allowed to use this
                # source code in any open source or closed source software": a grant to the reader, with its object.
                "granted_to_use",
                "licence",
                rx(
                    r"(?:(?:rights?|permission)\s+(?:is|are)\s+(?:hereby\s+)?granted|you\s+are\s+(?:hereby\s+)?(?:allowed|permitted))"
                    r"\s+to\s+" + _VERBS + r"\s+" + _SUBJECT + r"\b",
                    IGNORECASE,
                ),
                0.8,
                resolve=const(None, 0.8),
                reject_before=EN_DISCUSS,
            ),
            Rule(
                # "This software is made available under the terms of *either* of the licenses found in
                # LICENSE.APACHE or LICENSE.BSD": the grant points at licence files by name.
                "available_under_licence_files",
                "licence",
                rx(
                    r"(?:is|are)\s+(?:made\s+)?(?:available|distributed|released|licen[cs]ed)\s+under\s+the\s+terms\s+of\s+"
                    r"(?:\*?(?:either|both|any)\*?\s+of\s+)?the\s+licen[cs]es?\s+(?:found|contained|given|included)\s+in\s+"
                    r"(?:the\s+)?(?:file\s+)?\w*(?:LICEN[CS]E|COPYING)",
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
            + ("redistribution and use", "use and redistribution")
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
                    # not the ban "Redistribution and use …, with or without modification, is not permitted without …"
                    r"(?!,?\s+(?:is|are)\s+(?:not\s+(?:permitted|allowed)|prohibited|forbidden))"
                    r"|(?:may|can)\s+be\s+(?:freely\s+)?(?:distributed|copied|redistributed|reproduced)\s+(?:freely\s+)?"
                    r"(?:with\s+no\s+further\s+permissions?|without\s+(?:further\s+|prior\s+)?(?:permission|fee|charge|restriction))"
                    # "This code may be freely distributed", "Public information may be freely distributed or copied"
                    r"|(?:may|can)\s+be\s+freely\s+(?:distributed|copied|redistributed|reproduced|used)\b"
                    # "You are free to use or extend these projects … provided that (1) …" (a conditional grant;
                    # "you are free to use other compilers" has no condition and is not one)
                    r"|(?:you\s+are|is|are)\s+free\s+to\s+(?:use|copy|modify|distribute|redistribute)\b[^.]{0,160}?\bprovided\s+that"
                    # "you are free to use, modify, copy, and distribute … the DOC software source code" (a list of
                    # three or more of the grant verbs, as in permission_verbs)
                    # "Redistribution and use in source and binary forms is permitted provided that …" (4.3BSD),
                    # "The redistribution and use of this software (with or without changes) is allowed …"
                    r"|(?:redistribution|use)\s+and\s+(?:use|redistribution)\b[^.;]{0,120}?\b(?:is|are)\s+(?:hereby\s+)?"
                    r"(?:permitted|allowed)\b"
                    r"|you\s+are\s+free\s+to\s+" + _VERBS + r"(?:,?\s+(?:and/or\s+|and\s+|or\s+)?" + _VERBS + r"\b){2,}",
                    IGNORECASE,
                ),
                0.8,
                resolve=const(None, 0.8),
                reject_before=EN_DISCUSS,
            ),
        ],
    ),
]
