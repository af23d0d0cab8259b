"""English notice and reservation rules: all rights reserved, reserves all rights, is the property of X, may not be
reproduced without permission, reproduction is prohibited, do not distribute, please credit X.

English notices live in comment blocks, so phrases are matched across comment line breaks (``EN_SP``, ``EN_GAP``).
Rules as data: each group is (trigger words, rules); a group's regexes run only in windows around its
trigger words (see :mod:`quality.copyright.scanner`).
"""

from __future__ import annotations

import re

from corpusgov.quality.copyright.rules_base import (
    EN_DISCUSS,
    EN_GAP,
    EN_SP,
    IGNORECASE,
    WE,
    Group,
    Resolver,
    Rule,
    rx,
)

# "Use of this system is prohibited without authorization" / "Unauthorized use of this computer is prohibited": a login
# banner's ban on access to a system, device or account, not on copying a work.
_ACCESS_OBJECT = re.compile(
    r"(?i)\bof" + EN_SP + r"(?:this|these|the|our|any)" + EN_SP + r"(?:[\w-]+" + EN_SP + r")?(?:systems?|computers?|devices?"
    r"|networks?|servers?|terminals?|facilit(?:y|ies)|accounts?|premises|equipment|machines?|hosts?)\b"
)


# "Unauthorized duplication … of this script outside the license terms is prohibited": the ban is the licence's own
# condition (a use outside its terms), restated by a file the licence covers; no reservation beyond it.
_OUTSIDE_LICENCE = re.compile(
    r"(?i)\b(?:outside|beyond)" + EN_SP + r"(?:the" + EN_SP + r"|its" + EN_SP + r"|this" + EN_SP + r")?(?:(?:terms|scope)"
    + EN_SP + r"of" + EN_SP + r"(?:the" + EN_SP + r"|its" + EN_SP + r"|this" + EN_SP + r")?licen[cs]e\b|licen[cs]e"
    + EN_SP + r"(?:terms|scope)\b)"
)


def _not_access(score: float) -> Resolver:
    """Reject a ban whose act is done to a system (access), not to a work, and one only on uses outside the licence's
    terms (the licence's condition, not a reservation)."""

    def resolve(m: re.Match[str]) -> tuple[str | None, float] | None:
        text = m.group(0)
        return None if _ACCESS_OBJECT.search(text) or _OUTSIDE_LICENCE.search(text) else (None, score)

    return resolve


# The holder as a sentence's subject: "NVIDIA CORPORATION, its affiliates and licensors" / "John Wiley & Sons"
_HOLDER_SUBJECT = (
    r"(?<![\w.])(?-i:[A-Z][\w&.\-]*(?:[ \t]+(?:[A-Z&][\w&.\-]*|of|and|&))*)"
    r"(?:,?" + EN_SP + r"(?:(?i:and" + EN_SP + r")?(?i:its|their)" + EN_SP
    + r"(?i:affiliates|licensors|subsidiaries|suppliers))(?:" + EN_SP + r"(?i:and" + EN_SP + r")?(?i:licensors|suppliers))?)?"
)
_RETAINS = (
    r"\bretains?" + EN_SP + r"all" + EN_SP + r"(?:(?:right|title|interest|intellectual|property|proprietary|ownership|copyrights?"
    r"|rights|and|,)" + EN_SP + r"){0,8}?(?:rights|interest|copyrights?|ownership)" + EN_SP + r"(?:in|to|of)\b"
)
# (the) (express prior written) permission / consent / authorization / licence agreement
_CONSENT = (
    r"(?:(?:(?:express|prior|written|direct|explicit|specific)" + EN_SP + r")*(?:permission|consent|authori[sz]ation"
    r"|licen[cs]e" + EN_SP + r"agreement)"
    # "without the written approval from X" (written: not a committee's approval of results)
    + r"|(?:(?:express|prior)" + EN_SP + r")*written" + EN_SP + r"approval)"
)
_PROHIBITED = (
    r"(?:is|are|shall" + EN_SP + r"be)" + EN_SP + r"(?:(?:strictly|expressly)" + EN_SP + r")?(?:prohibited|forbidden|not" + EN_SP
    + r"(?:permitted|allowed))"
)
# "… is prohibited by law" / "under copyright law": a statement of the law, not a holder's ban
_NOT_BY_LAW = r"(?!" + EN_SP + r"(?:by|under)" + EN_SP + r"(?:[\w-]+" + EN_SP + r"){0,2}?laws?\b)"
_EULA_VERB = (
    r"(?:copy|modify|adapt|translate|reverse" + EN_SP + r"engineer|decompile|disassemble|rent|lease|lend|sell|resell"
    r"|sublicense|redistribute|distribute|assign|pledge|transfer|reproduce|publish|merge)"
)
# the acts a site's or a repository's terms ban on its content
_BAN_VERB = (
    r"(?:" + _EULA_VERB[3:-1] + r"|use|duplicate|exploit|display|create" + EN_SP + r"derivative" + EN_SP + r"works"
    + EN_SP + r"(?:from|of|based" + EN_SP + r"on))"
)
# Proprietary notices: "is the confidential and proprietary information of X", "is proprietary to X", "contains
# confidential and proprietary information of X", a "Confidential and Proprietary - X" line. The holder starts with a
# capital (not "is proprietary to the device"); the subject is the work (not "the file format is proprietary to X").
_PROPRIETARY_OF = (
    r"(?i:(?:\b(?:herein|information|materials?|software|code|program|contents?|documents?|files?|works?|product"
    r"|documentation|manual)\b|\bthis\b)(?:(?!format|protocol|standard|api\b|interface|codec|driver)" + EN_GAP
    + r"){0,40}?\b(?:is|are)" + EN_SP + r"(?:the" + EN_SP
    + r")?(?:(?:confidential|exclusive)" + EN_SP + r"(?:and" + EN_SP + r")?)?proprietary" + EN_SP
    # "is proprietary and confidential to Wall Street Systems"
    + r"(?:(?:and|&)" + EN_SP + r"confidential" + EN_SP + r")?(?:(?:information|product"
    r"|property|material)" + EN_SP + r")?(?:of|to)" + EN_SP
    # "contains confidential and proprietary information of X" / "contains proprietary information belonging to X" /
    # "UNPUBLISHED PROPRIETARY SOURCE CODE of X"
    + r"|(?:\bcontains?" + EN_SP + r"(?:the" + EN_SP + r")?|\bunpublished" + EN_SP + r")(?:confidential" + EN_SP + r"and" + EN_SP
    + r")?proprietary" + EN_SP + r"(?:source" + EN_SP + r"code|software|code|information|material|property|product)" + EN_SP
    + r"(?:of|belonging" + EN_SP + r"to)" + EN_SP
    # "valuable trade secrets and proprietary information of Pictel Technologies Ltd."
    + r"|\btrade" + EN_SP + r"secrets" + EN_SP + r"(?:and|&)" + EN_SP + r"proprietary" + EN_SP + r"information" + EN_SP
    + r"of" + EN_SP
    + r"|\bconfidential" + EN_SP + r"(?:and|&)" + EN_SP + r"proprietary[ \t]*[-–—:][ \t]*"
    # "… are the confidential and proprietary information of Wistron NeWeb Corporation" (both adjectives and the
    # article: the work's owner, whatever the subject; not "a proprietary format of X")
    + r"|\b(?:is|are)" + EN_SP + r"the" + EN_SP + r"confidential" + EN_SP + r"(?:and|&)" + EN_SP + r"proprietary" + EN_SP
    + r"(?:information|property|material)" + EN_SP + r"of" + EN_SP
    # "confidential and proprietary trade secrets of SciChart Ltd." (no verb: a header's noun phrase)
    + r"|\b(?:confidential" + EN_SP + r"(?:and|&)" + EN_SP + r"proprietary|proprietary" + EN_SP + r"(?:and|&)" + EN_SP
    + r"confidential)" + EN_SP + r"trade" + EN_SP + r"secrets?" + EN_SP + r"of" + EN_SP + r")"
    + r"(?:(?i:the)" + EN_SP + r")?(?!(?i:its|their|his|her|your|you|the\s+respective|respective)\b)[A-Z][\w&.,'’\- ]{1,60}"
)

# The general no-reprint sentence: the work (or "no part of"), a ban on a reproduction verb, and a permission condition
# (without permission / in any form / in whole or in part / other than ...), within one sentence. Its gaps and spaces are
# atomic: a comment line break ("\n * ") can be consumed one way only, so a sentence that fails at its end is given
# up in time linear in the gap (with EN_GAP as it is, a 58 kB comment block of near misses took 8 s).
_SP1 = r"(?>" + EN_SP + r")"
_LEGAL_FORM = r"(?-i:GmbH|AG|Inc\.?|Ltd\.?|LLC|LLP|Corp\.?|Co\.|S\.?A\.?|B\.?V\.?|Pty|plc|SE|KG|Oy|AB|ApS)(?![\w&-])"
_GAP1 = r"(?>" + EN_GAP + r")"
_WORK_NOUN = (
    r"(?:work|book|e-?book|publication|material|materials|content|contents|document|documentation|article|site|website"
    r"|manual|guide|code|source" + _SP1 + r"code|software|file|files|text|page|pages|report|presentation|course"
    r"|information|data|images?|photographs?|video|recording|transcript|newsletter|story|stories)"
)
WORK_NOUN = _WORK_NOUN  # public: rules_requests builds its "this <work>" forms on it
_REPRO_PP = (
    r"(?:reproduced|copied|duplicated|republished|reprinted|broadcast|rewritten|redistributed|distributed|transmitted"
    r"|published|disseminated|reposted|uploaded|posted|sold|resold|modified|stored|translated|adapted|excerpted|used"
    r"|displayed|shared|disclosed|altered|reused|revised)"
)
_REPRO_INF = (
    r"(?:reproduce|copy|duplicate|republish|reprint|broadcast|rewrite|redistribute|distribute|transmit|repost"
    r"|disseminate)"
)
_MODAL_NOT_BE = (
    r"(?:(?:may|must|shall|can|will|should)(?:\s*not|" + _SP1 + r"never|" + _SP1 + r"at" + _SP1 + r"no" + _SP1 + r"time)"
    r"|cannot|(?:is|are)" + _SP1 + r"not"
    + _SP1 + r"to)" + _SP1 + r"be" + _SP1
)
_PP_LIST = r"(?:" + _REPRO_PP + r",?" + _SP1 + r"(?:(?:and/|and" + _SP1 + r")?or" + _SP1 + r"|nor" + _SP1 + r")?){0,10}?"
_CONDITION = (
    r"(?:without" + _SP1 + r"(?:(?:the|an?|our|its)" + _SP1 + r")?(?:[\w&.,'’\- ]{1,40}?(?:'s|’s)" + _SP1 + r")?"
    + _CONSENT + r"|\bin" + _SP1 + r"(?:whole" + _SP1 + r"or" + _SP1 + r"in" + _SP1 + r"part|any" + _SP1
    + r"(?:form|manner|medium|way))|\bby" + _SP1 + r"any" + _SP1 + r"means|\bother" + _SP1 + r"than\b"
    r"|\bexcept" + _SP1 + r"(?:with|by|as)" + _SP1 + r"(?:(?:the|our)" + _SP1 + r")?(?:(?:prior|express|written)" + _SP1
    + r")*(?:permission|consent|permitted|authori[sz]ed|provided))"
)
_NO_REPRINT_SENTENCE = (
    # "UNDER NO CIRCUMSTANCES MAY ANY PORTION OF THE SOURCE CODE BE DISTRIBUTED, DISCLOSED OR OTHERWISE MADE AVAILABLE":
    # the ban put first, the modal before the work (absolute: no condition needed)
    r"\bunder" + _SP1 + r"no" + _SP1 + r"circumstances" + _SP1 + r"(?:may|shall|can|will|must|should)" + _SP1
    + r"(?:(?:any|no)" + _SP1 + r"(?:parts?|portions?)" + _SP1 + r"of" + _SP1 + r")?(?:(?:the|this|these|its|our|such)"
    + _SP1 + r")?(?:[\w-]+" + _SP1 + r"){0,2}?" + _WORK_NOUN + r"\b" + _SP1 + r"be" + _SP1 + _PP_LIST + _REPRO_PP + r"\b|"
    # No part(s) of the contents of this book / the Material may be used, copied, reproduced ...
    # (or "No portion of this code may be reused, modified or distributed ...")
    # ("No part of this component or its source code may be sold": two nouns joined, up to six words)
    r"\bno" + _SP1 + r"(?:parts?|portions?)" + _SP1 + r"of" + _SP1 + r"(?:(?:the|this|these|its|our|any|such)" + _SP1
    + r")?(?:[\w-]+" + _SP1 + r"){0,6}?(?:may|shall|can|must)" + _SP1 + r"(?:be|in" + _SP1 + r"any)" + _SP1
    + r"(?:" + _PP_LIST + _REPRO_PP + r"|(?:form|way|manner)\b)"
    # the work as the subject, then (one scan of the subject and the gap for both):
    # ("… contained therein are held in confidence and will not be used, copied, reproduced in whole or in part": what the
    # document contains, named by therein / herein, as the subject)
    + r"|(?:\b(?:the|this|these|its|our|such|all|any)" + _SP1 + r"(?:[\w-]+" + _SP1 + r"){0,2}?" + _WORK_NOUN
    + r"|\b(?:contained|included|set" + _SP1 + r"forth)" + _SP1 + r"(?:herein|therein))\b"
    + _GAP1 + r"{0,80}?\b(?="
    + r"[mscwia])(?:"  # every modal below starts with one of these letters: other positions fail at once
    # a banned reproduction verb and a condition: "the code shall not be copied or distributed other than on a
    # need-to-know basis"
    + _MODAL_NOT_BE + _PP_LIST + r"(?:reproduced|copied|duplicated|republished|reprinted"
    r"|broadcast|rewritten|redistributed|distributed|transmitted|published|disseminated|reposted)\b" + _GAP1
    + r"{0,120}?" + _CONDITION
    # or a list of three or more uses led by a copying verb, a ban of its own: "This Software Application may not be
    # reproduced, published, distributed, displayed, performed, copied or stored for public or private use" (not "will
    # not be sold, shared or disclosed", a privacy promise)
    + r"|(?:(?:may|must|shall|can)\s*not|cannot)" + _SP1 + r"be" + _SP1
    + r"(?:reproduced|copied|duplicated|republished|reprinted)(?:,?" + _SP1 + r"(?:(?:and/|and" + _SP1 + r")?or" + _SP1
    + r")?(?:" + _REPRO_PP + r"|performed)\b){2,10}"
    # (not "This file may not be copied, modified, or distributed except according to those terms": a licence's own)
    + r"(?!" + _GAP1 + r"{0,40}?\bexcept\b))"
    # "Permission to redistribute this software ... is not permitted without the written permission of X"
    + r"|\b" + _REPRO_INF + r"\b" + _GAP1 + r"{0,80}?" + _PROHIBITED + _SP1 + r"without" + _SP1 + r"(?:(?:the|an?)"
    + _SP1 + r")?" + _CONSENT
    # "Do not copy or distribute without permission" / "DO NOT COPY OR DISTRIBUTE" (the work itself)
    # (one verb only before "without": not a changelog's "commands which do not copy.")
    + r"|\bdo" + _SP1 + r"not" + _SP1 + r"(?:copy|reproduce|republish|reprint|redistribute)(?:" + _SP1 + r"(?:or|and|,)"
    + _SP1 + r"(?:distribute|redistribute|share|publish|sell|modify)(?=[ \t]*(?:[!.)\"]|\r?\n|$)|"
    + _SP1 + r"(?:without|this|these)\b)|(?=" + _SP1 + r"without\b))"
)


_LABEL_BEFORE = re.compile(r"(?:^|[.:;!]|\n)[ \t]*(?:[#*;%]+|//|--)?[ \t]*(?:[\w \t]{0,40}[ \t][-–—][ \t]*)?$")


def _label_start(m: re.Match[str]) -> tuple[str | None, float] | None:
    """Accept "Property of X" only where a label starts: a sentence or line start, or after "Licensed Materials -"."""
    before = m.string[max(0, m.start() - 60) : m.start()]
    return (None, 0.75) if _LABEL_BEFORE.search(before) else None


# "… contains the following attribution: Reprinted with permission from X": the credit line a reuse must carry, quoted
# as the text of a request, not a credit of this text to its holder
_REQUIRED_CREDIT_BEFORE = re.compile(r"(?i)\bfollowing\s+(?:attribution|credit(?:\s+line)?)\s*:\s*[\"“']?\s*$")


def _not_required_credit_text(m: re.Match[str]) -> tuple[str | None, float] | None:
    """Refuse a "reprinted with permission" credit that is the quoted text a reuse must carry."""
    return None if _REQUIRED_CREDIT_BEFORE.search(m.string, max(0, m.start() - 40), m.start()) else (None, 0.75)


# "the State Emblem of India, which may not be reproduced without authorisation": a ban whose sentence names a mark (an
# emblem, a logo, a trademark, a flag) and no work is a rule on that mark, not a notice on the text.
_MARK_NOUN = re.compile(r"(?i)\b(?:emblems?|logos?|trademarks?|insignia|flags?|coats?\s+of\s+arms|seals?|crests?)\b")
_WORK_WORD = re.compile(r"(?i)\b" + _WORK_NOUN.replace(_SP1, r"\s+") + r"\b|\b(?:this|these)\b")
_SENTENCE_START = re.compile(r"[.!?]\s|\n\s*\n")


def _not_a_mark(score: float) -> Resolver:
    """Reject a ban whose sentence, up to the match, names a mark and no work."""

    def resolve(m: re.Match[str]) -> tuple[str | None, float] | None:
        before = _SENTENCE_START.split(m.string[max(0, m.start() - 160) : m.start()])[-1]
        return None if _MARK_NOUN.search(before) and not _WORK_WORD.search(before) else (None, score)

    return resolve


# "Do not redistribute BFI item wording unless rights are explicitly cleared" / "do not redistribute the font files …
# unless that license permits it": advice on others' material, whose own licence or rights clearance decides (not "unless
# you have written permission", a holder's condition)
# "Do not redistribute downloaded media … unless you have the right to do so" (the user's rights in others' media) / "Do not
# redistribute it — that prebuilt is GPL-3": the thing's own licence given as the reason
_UNLESS_ITS_LICENCE = re.compile(
    r"(?i)(?:[^.!?\n]|\n(?![ \t]*\n)){0,120}?(?:\bunless\s+(?:(?:the|that|its|their|your|a|an)\s+)?(?:[\w-]+\s+)?(?:licen[cs]es?|rights)\b"
    r"|\bunless\s+you\s+(?:have|hold|own)\s+(?:the\s+)?rights?\b"
    r"|(?:[—–]|\s-\s|\bbecause\b|\bsince\b)[^.!?\n]{0,40}?\b(?:is|are)\s+(?:licen[cs]ed\s+under\s+(?:the\s+)?)?(?:L|A)?GPL\b)"
)


# "When using Pexels images, please credit the photographer" / a mock record of an Unsplash photo's usage: a stock
# library named next to the request makes the photographer the library's, its terms restated, no request of the text's
_STOCK_LIBRARY = re.compile(r"(?i)\b(?:pexels|unsplash|pixabay|shutterstock|gettyimages|getty\s+images|istock(?:photo)?"
                            r"|adobe\s+stock|flickr)\b")
_STOCK_REACH = 200


def _not_stock_photo(score: float) -> Resolver:
    """Reject a credit request with a stock photo library named within 200 characters either side."""

    def resolve(m: re.Match[str]) -> tuple[str | None, float] | None:
        near = m.string[max(0, m.start() - _STOCK_REACH) : m.end() + _STOCK_REACH]
        return None if _STOCK_LIBRARY.search(near) else (None, score)

    return resolve


# "please do not redistribute" closing a sentence about material bought or licensed from elsewhere (others' sounds), or
# on a template's line of <placeholders> (a mail template's "(private, please do not redistribute)"), or with credit as
# its condition (en_redistribute_with_credit's)
_BOUGHT_BEFORE = re.compile(r"(?i)\b(?:purchased|bought|licensed|obtained|downloaded)\s+from\b(?:[^.!?\n]|\.(?=\S)){0,80}$")
_PLACEHOLDER_LINE = re.compile(r"<[a-z][\w-]*>[^\n]*<[a-z][\w-]*>")
_CREDIT_CONDITION = re.compile(
    r"(?i)[^.!?\n]{0,40}?\bwithout\s+(?:(?:an?|any|the|proper|giving|due)\s+)*(?:acknowledge?ments?|acknowledging|crediting)\b"
)


def _a_ban_on_this_work(score: float) -> Resolver:
    """Reject 'do not redistribute' of bought material, on a placeholder template's line, or on condition of credit."""

    def resolve(m: re.Match[str]) -> tuple[str | None, float] | None:
        text = m.string
        # (the line around the match, 300 characters either side at most)
        ls = max(text.rfind("\n", 0, m.start()) + 1, m.start() - 300)
        le = text.find("\n", m.end(), m.end() + 300)
        le = le if le >= 0 else min(len(text), m.end() + 300)
        if _BOUGHT_BEFORE.search(text, ls, m.start()) or _PLACEHOLDER_LINE.search(text, ls, le):
            return None
        return None if _CREDIT_CONDITION.match(text, m.end()) else (None, score)

    return resolve


def _not_others_material(score: float) -> Resolver:
    """Reject a 'do not redistribute' whose sentence makes the material's own licence or rights clearance the condition
    (and as ``_a_ban_on_this_work``)."""

    on_this_work = _a_ban_on_this_work(score)

    def resolve(m: re.Match[str]) -> tuple[str | None, float] | None:
        return None if _UNLESS_ITS_LICENCE.match(m.string, m.end()) else on_this_work(m)

    return resolve


# "Absent a grant, the default is all rights reserved": the default state of copyright described, not reserved
_DEFAULT_BEFORE = re.compile(r"(?i)\b(?:default\s+(?:is|being|would\s+be)|defaults?\s+to|by\s+default(?:\s+it\s+is)?)\s*$")


def _not_the_default(m: re.Match[str]) -> tuple[str | None, float] | None:
    """Reject 'all rights reserved' named as what holds by default."""
    return None if _DEFAULT_BEFORE.search(m.string[max(0, m.start() - 40) : m.start()]) else (None, 0.95)


# "This file (and its contents) are the intellectual property of Comcast.  It may not be used, copied, distributed or
# otherwise disclosed in whole or in part without …": the work as a pronoun, the sentence before it stating the ownership
_OWNERSHIP_BEFORE = re.compile(r"(?i)\b(?:property|proprietary|owned|copyright(?:ed)?|confidential)\b[^.!?]{0,160}[.!?]\s*$")
_PRONOUN_BAN = (
    r"(?<![\w,;])(?-i:It|They)" + _SP1 + r"(?:may|must|shall|will|can)" + _SP1 + r"not" + _SP1 + r"be" + _SP1 + _PP_LIST
    + r"(?:reproduced|copied|duplicated|republished|reprinted|redistributed|distributed|transmitted|published)\b" + _GAP1
    + r"{0,120}?" + _CONDITION
)


def _after_ownership(m: re.Match[str]) -> tuple[str | None, float] | None:
    """Accept a pronoun's ban only right after a sentence that states whose property the work is."""
    return (None, 0.8) if _OWNERSHIP_BEFORE.search(m.string[max(0, m.start() - 200) : m.start()]) else None


# "No license is granted to reproduce, redistribute, modify, or commercially distribute the software … without permission
# from the copyright holder" (a holder withholding the copying right; the verb right after "to": not "no license is granted
# to any trademark")
_NO_LICENCE_GRANTED = (
    r"\bno" + _SP1 + r"(?:licen[cs]es?|rights?)" + _SP1 + r"(?:is|are)" + _SP1 + r"(?:hereby" + _SP1 + r")?granted" + _SP1
    + r"to" + _SP1 + _REPRO_INF + r"\b" + _GAP1 + r"{0,160}?\bwithout" + _SP1 + r"(?:(?:the|an?|our|its)" + _SP1 + r")?"
    + _CONSENT
)


# Forms with a narrow trigger of their own, so their words do not open the broad no-reprint group's windows (each
# trigger there runs some twenty rules over 800 characters).
_YOU_MAY_NOT_COPY_WITHOUT = Rule(
    # "You may not copy, modify, distribute, or reproduce our content without permission"
    "en_you_may_not_copy_without",
    "no_reprint",
    rx(
        # "You may not …" / "You agree not to reproduce, distribute, or create derivative works from any content
        # …" / a list item of banned acts ("Reproduce, duplicate, copy, or exploit any portion of the Website
        # without express written permission"), the work as the object, a permission condition
        r"(?:\byou" + EN_SP + r"(?:(?:may|shall|must)" + EN_SP + r"not|agree" + EN_SP + r"not" + EN_SP + r"to)"
        + EN_SP + r"(?:" + _BAN_VERB + r",?" + EN_SP + r"(?:(?:or|and|and/or|nor)" + EN_SP + r")?){1,8}?"
        + r"|(?m:^)[ \t\"'*•\-]*(?:" + _BAN_VERB + r",?" + EN_SP + r"(?:(?:or|and|and/or|nor)" + EN_SP
        + r")?){2,8}?)(?:any" + EN_SP + r"(?:part|portion)" + EN_SP + r"of" + EN_SP + r")?"
        + r"(?:our|this|the|its|any)" + EN_SP + r"(?:content|materials?"
        + r"|software|code|works?|site|website|documents?|files?|repository|project)\b" + EN_GAP
        + r"{0,60}?\bwithout" + EN_SP
        + r"(?:(?:the|our|its)" + EN_SP + r")?" + _CONSENT,
        IGNORECASE,
    ),
    0.85,
    True,
    reject_before=EN_DISCUSS,
)
_USE_NEEDS_PERMISSION = Rule(
    # "Any User wishing to make use of this Software must contact Cubiware Sp. z o.o. to arrange an appropriate
    # license": using the work needs the holder's licence or permission first
    "en_use_needs_permission",
    "no_reprint",
    rx(
        r"\b(?:wishing|who" + EN_SP + r"wish(?:es)?)" + EN_SP + r"to" + EN_SP + r"(?:make" + EN_SP
        + r"(?:any" + EN_SP + r")?use" + EN_SP + r"of|use|copy|reproduce|redistribute|distribute|republish|reprint"
        r"|sell|license)" + EN_SP + r"(?:this|the|our|these)" + EN_SP + r"(?:[\w-]+" + EN_SP + r"){0,2}?"
        + _WORK_NOUN + r"\b" + _GAP1 + r"{0,80}?\b(?:must|should|shall|need" + EN_SP + r"to|(?:is|are)" + EN_SP
        + r"required" + EN_SP + r"to)" + EN_SP + r"(?:first" + EN_SP + r")?(?:contact|obtain|seek|request|get|ask"
        r"|apply" + EN_SP + r"for|write" + EN_SP + r"to)\b" + _GAP1 + r"{0,80}?\b(?:licen[cs]e|permission|consent"
        r"|authori[sz]ation)",
        IGNORECASE,
    ),
    0.8,
    True,
    reject_before=EN_DISCUSS,
)
_ATTRIBUTION_TO = Rule(
    # "All derivative works must include clear attribution to the original creator" (not CC's "You must give appropriate
    # credit, provide a link": credit *to* someone named)
    "en_attribution_to",
    "attribution_required",
    rx(
        # ("you **must** give appropriate credit to …": Markdown emphasis on the modal)
        r"\b(?:must|shall|(?:is|are)" + EN_SP + r"required" + EN_SP + r"to)(?:\*\*?|__?)?" + EN_SP
        + r"(?:include|retain|give|provide|display"
        r"|keep|contain|carry)" + EN_SP + r"(?:(?:a|an|the)" + EN_SP + r")?(?:(?:clear|appropriate|proper|visible|prominent"
        r"|explicit|full|due)" + EN_SP + r")?(?:attribution|credit)" + EN_SP + r"to\b",
        IGNORECASE,
    ),
    0.8,
    reject_before=EN_DISCUSS,
)

# "Any use, modification, reproduction, retransmission, or republication of all or part of MStar Software is expressly
# prohibited" / "Disclosure of the Software to third parties … is expressly prohibited" / "Commercial sale of this software
# is expressly prohibited": an act on the work, named as a noun, then prohibited (one noun of passing the work on, or a list
# of two or more; not "Use of this endpoint is prohibited"). The work has a determiner or a capitalised name.
_USE_NOUN = (
    r"(?:use|modification|reproduction|retransmission|republication|redistribution|distribution|duplication|copying"
    r"|disclosure|sale|resale|reprinting|translation|publication)"
)
_PASS_ON_NOUN = (
    r"(?:reproduction|retransmission|republication|redistribution|duplication|copying|disclosure|resale|reprinting"
    r"|commercial" + _SP1 + r"(?:use|sale|distribution|exploitation))"
)
_ACT_ON_WORK_PROHIBITED = Rule(
    "en_act_on_work_prohibited",
    "no_reprint",
    rx(
        r"\b(?:" + _PASS_ON_NOUN + r"|" + _USE_NOUN + r"(?:,?" + _SP1 + r"(?:(?:and/|and" + _SP1 + r")?or" + _SP1 + r")?"
        + _USE_NOUN + r"){1,8})" + _SP1 + r"of" + _SP1 + r"(?:(?:all|any)(?:" + _SP1 + r"or)?" + _SP1 + r"(?:part|portion)s?"
        + _SP1 + r"of" + _SP1 + r")?(?:(?:the|this|these|such|our)" + _SP1 + r"(?:[\w-]+" + _SP1 + r"){0,2}?|(?-i:[A-Z][\w-]*)"
        + _SP1 + r"(?:(?-i:[A-Z][\w-]*)" + _SP1 + r"){0,2})" + _WORK_NOUN + r"\b" + _GAP1 + r"{0,100}?" + _PROHIBITED
        + _NOT_BY_LAW,
        IGNORECASE,
    ),
    0.85,
    True,
    reject_before=EN_DISCUSS,
)
# "This file is owned by ENSICAEN students" (the work owned by a capitalised holder: not "owned by root", "by the user")
_WORK_OWNED_BY = Rule(
    "en_work_owned_by",
    "copyright_notice",
    rx(
        r"(?i:\b(?:(?:this|the)" + EN_SP + r"(?:file|code|source" + EN_SP + r"code|software|document|work|project|program"
        r"|repository|content|material|materials)"
        # "… and other content on this website are owned by or licensed to AssuredPartners" (a site's content)
        r"|\b(?:content|materials?)" + EN_SP + r"(?:on|of)" + EN_SP + r"(?:this|the|our)" + EN_SP + r"(?:web)?site)"
        + EN_SP + r"(?:is|are)" + EN_SP + r"(?:(?:exclusively|solely|wholly)"
        + EN_SP + r")?owned" + EN_SP + r"by" + EN_SP + r"(?:or" + EN_SP + r"licensed" + EN_SP + r"to" + EN_SP + r")?)(?!(?i:the|its|their|his|her|your|you|our|my)\b)[A-Z][\w&.,'’\- ]{1,60}"
    ),
    0.75,
    trim_holder=True,
    reject_before=EN_DISCUSS,
)
# Ownership stated as copyright: "… features, and functionality are owned by Berri and are protected by international
# copyright …" (owned by a holder, then protected by copyright) or "all materials … are copyrights, trademarks … and/or
# other intellectual properties, owned, controlled or licensed by update Software AG" (copyright or intellectual property
# named first). Not "owned by their respective owners" / "by the photographer"; not a trademark alone.
_OWNED_BY_VERB = (
    r"\bowned(?:,?" + EN_SP + r"(?:(?:and/)?or" + EN_SP + r"|and" + EN_SP + r")?(?:controlled|licensed|operated))*" + EN_SP
    + r"by" + EN_SP + r"(?!(?i:the|its|their|his|her|your|you|our|my|respective|users?|others?|third)\b)"
)
_OWNER_NAME = (
    r"(?:[A-Z][\w&.\-]*(?:[ \t]+(?:[A-Z&][\w&.\-]*|of|and(?=[ \t]+[A-Z])))*"
    r"|[a-z][\w&.\-]*(?:[ \t]+[\w&.\-]+){0,3}?[ \t,]+" + _LEGAL_FORM + r")"
)
_OWNED_AS_COPYRIGHT = Rule(
    "en_owned_as_copyright",
    "copyright_notice",
    rx(
        r"(?i:\b(?:copyrights?|intellectual" + EN_SP + r"propert(?:y|ies))\b)(?:[^.\n]|\n(?![ \t]*\n)){0,160}?"
        + _OWNED_BY_VERB + _OWNER_NAME
        + r"|" + _OWNED_BY_VERB + _OWNER_NAME + r"(?=" + EN_SP + r"and" + EN_SP + r"(?:is|are)" + EN_SP + r"protected"
        + EN_SP + r"(?:by|under)\b(?:[^.\n]|\n(?![ \t]*\n)){0,60}?\bcopyright)"
    ),
    0.75,
    trim_holder=True,
    reject_before=EN_DISCUSS,
)
# "All text, images, and designs on this site belong to HELORA" (the work, with a determiner, belongs to a capitalised
# holder; not "belong to their respective owners", not "belongs to the String class")
_WORK_BELONGS_TO = Rule(
    "en_work_belongs_to",
    "copyright_notice",
    rx(
        r"(?i:\b(?:all|this|these|our)\b[^.\n]{0,40}?\b(?:content|contents|materials?|text|texts|images?|designs?|works?"
        r"|code|software|files?|documents?|photos?|photographs?|videos?|graphics|artwork|assets)\b[^.\n]{0,60}?\bbelongs?"
        + EN_SP + r"to" + EN_SP
        # "Content on this site — including text, images, and publications — belongs to {siteName}" (the site's content, a
        # template's holder)
        # ("The product photography, descriptions, layout and code on this site belong to us": the site's own
        # material listed, owned by "us")
        + r"|\b(?:content|contents|materials?|photography|photos|images|descriptions|layout|code|text|designs|graphics)"
        + EN_SP + r"on" + EN_SP + r"(?:this|our)" + EN_SP + r"(?:site|website|blog|page)\b"
        + r"(?>[^.\n]|\n(?![ \t]*\n)){0,80}?\bbelongs?" + EN_SP + r"to" + EN_SP
        + r")(?!(?i:the|its|their|his|her|your|you|our|my|respective|users?)\b)"
        r"(?:\{\w{1,30}\}|us(?![\w'])|[A-Z][\w&.\-]*(?:[ \t]+(?:[A-Z&][\w&.\-]*|of|and(?=[ \t]+[A-Z])))*)"
    ),
    0.75,
    trim_holder=True,
    reject_before=EN_DISCUSS,
)
# "… on this site belong to us or are used with permission. They may not be copied to build a competing store.": the
# work owned in one sentence, then banned from copying in the next with a pronoun for it
_OWNED_THEN_BANNED = Rule(
    "en_owned_then_banned",
    "no_reprint",
    rx(
        r"\b(?:belongs?" + EN_SP + r"to|(?:exclusive" + EN_SP + r")?property" + EN_SP + r"of)" + EN_SP
        + r"(?!(?i:their|its|his|her|your|the" + EN_SP + r"respective)\b)[^.\n]{1,80}\.[ \t]+(?:They|It|These|Such)"
        + EN_SP + r"(?:\w+" + EN_SP + r")?(?:may|must|shall|can)" + EN_SP + r"not" + EN_SP + r"be" + EN_SP
        + r"(?:copied|reproduced|republished|reprinted|redistributed|distributed|reused)\b"
    ),
    0.75,
    True,
    reject_before=EN_DISCUSS,
)
# "Not for Resale!" / "Educational use only. Not for resale without permission." / "• NOT FOR RESALE - Proprietary Software":
# a label sentence of its own (a capital N where a sentence, a line or a list item starts; not a price table's
# 'Mfg item - not for resale')
_NOT_FOR_RESALE = Rule(
    "en_not_for_resale_label",
    "no_reprint",
    rx(
        r"(?:^|(?<=[.!?•|*>\n]))[ \t]*(?:#+|//+)?[ \t]*"
        r"(?-i:N)(?i:ot" + EN_SP + r"for" + EN_SP + r"(?:re-?sale|sale|redistribution))\b",
        re.MULTILINE,
    ),
    0.8,
    True,
)
# "provided that any use of the material contains the following attribution: Reprinted with permission from SISO Inc.":
# the credit line every reuse must carry, given word for word (the word attribution: not a BSD advertising clause's
# "must display the following acknowledgement", a licence's own condition)
_FOLLOWING_ATTRIBUTION = Rule(
    "en_following_attribution",
    "attribution_required",
    rx(
        r"\b(?:contains?|contain|includes?|bears?|carr(?:y|ies)|displays?|shows?|gives?|with)" + EN_SP + r"the" + EN_SP
        + r"following" + EN_SP + r"attribution\b",
        IGNORECASE,
    ),
    0.8,
    reject_before=EN_DISCUSS,
)
# "If cloned please give credit!" / "If you fork this, please credit the author": a reuse of the work, then a request for
# credit (not "If you use X for your research please give credit by citing": a citation request)
_REUSE_CREDIT = Rule(
    "en_reuse_credit",
    "attribution_required",
    rx(
        r"\b(?:if|when)" + EN_SP + r"(?:you" + EN_SP + r")?(?:clone[sd]?|cloning|cop(?:y|ied|ying)|fork(?:ed|ing)?|reuse[sd]?"
        r"|reusing|modif(?:y|ied)|remix(?:ed)?|use[sd]?|using)\b(?:(?!research|paper|publication|thesis|stud(?:y|ies)|academic)"
        r"[^.!?\n]){0,40}?,?" + EN_SP + r"please" + EN_SP + r"(?:give|provide|leave|keep)" + EN_SP + r"(?:(?:proper|some|appropriate"
        r"|due|the)" + EN_SP + r")?credits?\b(?!" + EN_SP + r"by" + EN_SP + r"citing)"
        # "Please give credit where credit is due, if modifying, redistributing and/or using this software" / "please give
        # credits before you skid": the request first, then the reuse it is a condition of
        + r"|\bplease" + EN_SP + r"(?:give|provide|leave)" + EN_SP + r"(?:(?:proper|some|appropriate|due|the)" + EN_SP
        + r")?credits?" + EN_SP + r"(?:where" + EN_SP + r"credit" + EN_SP + r"is" + EN_SP + r"due,?" + EN_SP + r")?"
        r"(?:before" + EN_SP + r"you" + EN_SP + r"[a-z]+|(?:if|when)" + EN_SP + r"(?:you" + EN_SP + r")?(?:modif|redistribut|us|cop"
        # (the reuse's list may wrap onto the next line: "if modifying,\nredistributing and/or using this software"; one
        # line break, not a blank line)
        r"|fork|clon|reus|shar|remix|edit)[a-z]*\b(?:(?!research|paper|publication|thesis|stud(?:y|ies)|academic)"
        r"(?:[^.!?\n]|\n(?![ \t]*\n))){0,60}?"
        r"\b(?:this|these|my|our|the)" + EN_SP + r"(?:[\w-]+" + EN_SP + r"){0,2}?(?:software|code|script|project|work|mod|files?"
        r"|program|tool|plugin|addon|library|repository|repo)\b)",
        IGNORECASE,
    ),
    0.75,
)

GROUPS: list[Group] = [
    (
        ("proprietary",),
        [
            Rule("en_proprietary_of", "copyright_notice", rx(_PROPRIETARY_OF), 0.8, trim_holder=True,
                 reject_before=EN_DISCUSS),
        ],
    ),
    (
        # "All rights reserved. Property of Texas Instruments Incorporated." / "Licensed Materials - Property of IBM":
        # a label sentence of its own (capital P at a sentence or line start, or after a dash)
        ("property of",),
        [
            Rule(
                "en_property_label",
                "copyright_notice",
                rx(r"\bProperty" + EN_SP + r"(?i:of)" + EN_SP + r"(?!(?i:the|its|their|his|her|your|our|my)\b)[A-Z][\w&.,'’\- ]{1,60}"),
                0.75,
                resolve=_label_start,
                trim_holder=True,
            ),
        ],
    ),
    (
        # "*Reprinted by permission of Pearson Education, Inc." / "Used with permission of Free Spirit Publishing": the
        # text is a holder's, reused here by leave (a capitalised holder: not "used with permission of site owner", nor
        # "Reprinted with permission from Ref. [50]", a figure credited to an entry of the reference list)
        ("permission of", "permission from"),
        [
            Rule(
                "en_by_permission_of",
                "copyright_notice",
                rx(
                    r"(?i:\b(?:reprinted|used|reproduced|republished|excerpted|adapted|printed|included|quoted)" + EN_SP
                    + r"(?:by|with)" + EN_SP + r"(?:(?:the|kind)" + EN_SP + r")?permission" + EN_SP + r"(?:of|from)" + EN_SP
                    + r")(?!(?i:the|its|their|his|her|our|my)\b)(?!Refs?\b|References?\b)[A-Z][\w&.,'’\- ]{1,60}"
                ),
                0.75,
                trim_holder=True,
                resolve=_not_required_credit_text,
            ),
        ],
    ),
    (
        (
            "rights reserved", "rights are", "reserves all rights", "reserve all rights", "reserves all of its rights",
            "retain all", "retains all",
        ),
        [
            Rule(
                # "@2023 Estatein. All Rights Reserved." (a footer's '@' typed for the sign: before a year, the line
                # closed by the reservation; not an address, a handle or a decorator: nothing word-like before the '@')
                "at_sign_year_reserved",
                "copyright_notice",
                rx(
                    r"(?<![\w@.:/\-])@[ \t]?(?:19|20)\d{2}(?:[ \t]*[-–][ \t]*(?:19|20)?\d{2,4})?,?[ \t]+[A-Z0-9][^\n<>@{}]{0,60}?"
                    r"(?=[.,]?[ \t]+(?i:all[ \t]+rights[ \t]+reserved)\b)"
                ),
                0.8,
            ),
            Rule(
                # Vaimo reserves all rights in the Program (a holder's own reservation)
                "reserves_all_rights",
                "rights_reserved",
                rx(r"(?<![\"'‘“「])\breserves?\s+all\s+(?:of\s+its\s+)?rights\b", IGNORECASE),
                0.85,
                True,
                reject_before=EN_DISCUSS,
            ),
            Rule(
                # "NVIDIA CORPORATION and its licensors retain all intellectual property and proprietary rights in and to
                # this software" / "retains all right, title and interest in and to": the holder keeps every right
                "retains_all_rights",
                "rights_reserved",
                rx(_RETAINS, IGNORECASE),
                0.85,
                True,
                reject_before=EN_DISCUSS,
            ),
            Rule(
                "retains_all_rights_holder",
                "copyright_notice",
                rx(_HOLDER_SUBJECT + EN_SP + r"(?i:" + _RETAINS + r")"),
                0.8,
                reject_before=EN_DISCUSS,
            ),
            Rule(
                "rights_reserved",
                "rights_reserved",
                rx(
                    # 'All rights reserved.' with its full stop inside the quotes is a notice printed by code, not a
                    # phrase named in prose; "All unpublished rights reserved" / "All other rights reserved" reserve too
                    r"(?<!not )(?<!some )(?:(?<![\"'‘“「])|(?=all" + EN_SP + r"rights" + EN_SP + r"reserved\.))all" + EN_SP
                    + r"(?:(?:unpublished|other)" + EN_SP + r")?rights" + EN_SP + r"(?:are" + EN_SP
                    + r")?reserved(?![\"'’”」])",
                    IGNORECASE,
                ),
                0.95,
                True,
                reject_before=EN_DISCUSS,

                resolve=_not_the_default,
            ),
        ],
    ),
    (
        # "… representation of this software except as specified above is prohibited without the express written
        # permission of Cypress.": acts on this work, whatever they are, banned unless the holder consents
        ("prohibited without", "forbidden without"),
        [
            Rule(
                "en_this_work_prohibited_without",
                "no_reprint",
                rx(
                    # (of this work, not of this system / site: a login banner's "Use of this system is prohibited
                    # without authorization" bans access, not copies)
                    r"\bof" + EN_SP + r"this" + EN_SP + r"(?:software|work|file|document(?:ation)?|code|program|materials?"
                    r"|publication|book|contents?)\b" + EN_GAP + r"{0,60}?\b(?:is|are)" + EN_SP
                    + r"(?:(?:strictly|expressly)" + EN_SP + r")?(?:prohibited|forbidden)" + EN_SP + r"without" + EN_SP
                    + r"(?:the" + EN_SP + r")?" + _CONSENT,
                    IGNORECASE,
                ),
                0.85,
                True,
                reject_before=EN_DISCUSS,
            ),
        ],
    ),
    (
        # This document is the property of Outlaw Games Studio / all related content are the property of Embark Studios
        ("property of",),
        [
            Rule(
                "en_property_of",
                "copyright_notice",
                rx(
                    r"(?i:\b(?:content|contents|materials?|documents?|software|files?|site|website|works?|text|images?"
                    r"|source\s+code|code|program|publication|information|manual|guide|documentation)\b)"
                    # (a wrapped line, a comment's continuation included, is one sentence: "… and\n*  remains the property")
                    r"(?:[^.\n]|\n[ \t]*(?:(?:[#*;%]+|//)[ \t]*)?(?=[^\s#*;%/])){0,80}?\b(?i:is|are|remains?)" + EN_SP + r"(?i:the" + EN_SP + r")?"
                    # "is the confidential and the exclusive property of ZIH Corp." (a second adjective joined first)
                    + r"(?i:(?:confidential|proprietary)" + EN_SP + r"(?:and|&)" + EN_SP + r"(?:the" + EN_SP + r")?)?"
                    + r"(?i:(?:sole|exclusive)" + EN_SP
                    + r")?(?i:(?:intellectual" + EN_SP + r")?property)" + EN_SP + r"(?i:of)" + EN_SP
                    + r"(?!(?i:their|its|the\s+respective|respective|his|her|our\s+users)\b)(?:[A-Z{][\w&.,'’\- ]{1,60}"
                    # a lower-case brand with a company's legal form: "remains the property of nymea GmbH"
                    + r"|[a-z][\w&.\-]*(?:[ \t]+[\w&.\-]+){0,3}?[ \t,]+" + _LEGAL_FORM + r")"
                ),
                0.8,
                trim_holder=True,
                reject_before=EN_DISCUSS,
            ),
        ],
    ),
    (
        (
            "reproduc", "republi", "reprint", "redistribut", "repost", "not be published", "credit",
            "copied or", "duplicated", "or distributed", "be distributed", "be transmitted", "unauthori",
            "no resale", "please credit", "do not distribute", "do not redistribute", "commercial", "personal use only",
            "not to be sold", "at no time", "written consent", "written permission", "prohibited", "forbidden",
            "you may not", "you shall not", "you must not", "you will not", "not permitted", "not allowed", "authoriz",
            "authoris", "be used without", "is required", "are required", "no part", "no portion", "do not copy", "be copied",
            "be broadcast", "be duplicated", "no circumstances", "please attribute", "kindly attribute",
            "reupload", "re-upload", "re release", "re-release", "must credit", "copyright law", "are copyright",
            "is copyright", "re-distribut", "do not resell", "do not steal", "don't steal", "don't resell",
        ),
        [
            Rule(
                # The general form (see _NO_REPRINT_SENTENCE): one sentence with the work, a ban on reproducing it and a
                # permission condition, whatever the wording between them
                "en_no_reprint_sentence",
                "no_reprint",
                rx(_NO_REPRINT_SENTENCE, IGNORECASE),
                0.85,
                True,
                reject_before=EN_DISCUSS,
            ),
            Rule("en_pronoun_ban_after_owner", "no_reprint", rx(_PRONOUN_BAN, IGNORECASE), 0.8, True,
                 resolve=_after_ownership),
            Rule("en_no_licence_granted_to_copy", "no_reprint", rx(_NO_LICENCE_GRANTED, IGNORECASE), 0.85, True,
                 reject_before=EN_DISCUSS),
            Rule(
                "en_no_part_reproduced",
                "no_reprint",
                rx(
                    r"no" + EN_SP + r"part" + EN_SP + r"of" + EN_SP + r"(?:this|these)" + EN_SP + r"(?:[\w-]+" + EN_SP + r")?"
                    r"(?:publication|book|e-?book|work|document(?:ation)?|article"
                    r"|site|website|material|content|manual|guide|handbook|software|program|code|file|report|presentation|course"
                    r"|text|page|product|specification|tutorial|thesis)s?"
                    + r"[^.]{0,60}?" + EN_SP + r"may" + EN_SP + r"be" + EN_SP
                    + r"(?:(?:used|excerpted|copied|reproduced|reprinted|distributed|stored|modified"
                    r"|translated),?\s+(?:(?:and/)?or\s+)?){0,4}"
                    r"(?:reproduced|reprinted|copied|distributed|republished|transmitted|excerpted|divulged)",
                    IGNORECASE,
                ),
                0.95,
                True,
                reject_before=EN_DISCUSS,
            ),
            Rule(
                "en_may_not_be_reproduced",
                "no_reprint",
                rx(
                    r"(?=[msc])(?:may|must|shall|can|should)(?:\s*not|" + EN_SP + r"at" + EN_SP + r"no" + EN_SP + r"time)" + EN_SP
                    + r"be" + EN_SP
                    # may not be disclosed to third parties, copied or duplicated / disclosed, transmitted or distributed
                    + r"(?:(?:disclosed|used|modified|stored)(?:" + EN_SP + r"to" + EN_SP + r"third" + EN_SP + r"parties)?"
                    r",?" + EN_SP + r"(?:or" + EN_SP + r")?)*"
                    r"(?:reproduced|republished|reprinted|redistributed|copied|duplicated|published"
                    r"|broadcast|distributed|transmitted)(?:" + EN_GAP + r"{0,120}?without" + EN_SP
                    # without the express prior written consent of X / without X's prior written permission
                    + r"(?:the" + EN_SP + r")?(?:[\w&.,'’\- ]{1,40}?(?:'s|’s)" + EN_SP + r")?" + _CONSENT
                    # "shall not be reproduced or disclosed in whole or in part" / "may NOT be reproduced ... in any form"
                    + r"|" + EN_GAP + r"{0,40}?\bin" + EN_SP + r"(?:whole" + EN_SP + r"or" + EN_SP + r"in" + EN_SP + r"part"
                    + r"|any" + EN_SP + r"(?:form|manner|medium))\b"
                    # "may not be copied or disclosed except in accordance with the terms of that agreement" (a licence or
                    # nondisclosure agreement; not "except according to those terms", an open licence's boilerplate)
                    + r"|" + EN_GAP + r"{0,60}?\bexcept" + EN_SP + r"in" + EN_SP + r"accordance" + EN_SP + r"with" + EN_SP
                    + r"the" + EN_SP + r"terms" + EN_SP + r"of" + EN_SP + r"(?:that|the|this|such|your|an?)" + EN_SP
                    + r"(?:[\w-]+" + EN_SP + r"){0,3}?agreement\b)",
                    IGNORECASE,
                ),
                0.9,
                True,
                reject_before=EN_DISCUSS,

                resolve=_not_a_mark(0.9),
            ),
            Rule(
                "en_reproduction_prohibited",
                "no_reprint",
                rx(
                    # "Unauthorized copying of this file, via any medium is strictly prohibited" (a stock header)
                    r"(?:reproduction|republication|redistribution|reprinting|reposting|unauthori[sz]ed\s+(?:copying|duplication"
                    r"|distribution|use))" + EN_GAP + r"{0,120}?"
                    r"(?:is|are)" + EN_SP + r"(?:(?:strictly|expressly)" + EN_SP + r")?(?:prohibited|forbidden|not\s+permitted)"
                    + _NOT_BY_LAW
                    # "Unauthorized reproduction or commercial copying is prohibited under copyright law." (acts with no
                    # object: this site's content, a label; not "… of captured content is prohibited under copyright law")
                    + r"|\bunauthori[sz]ed" + EN_SP + r"(?:reproduction|copying|duplication|redistribution|distribution)(?:,?"
                    + EN_SP + r"(?:(?:and|or)" + EN_SP + r")?(?:commercial" + EN_SP + r")?(?:reproduction|copying|duplication"
                    r"|redistribution|distribution|use)){0,4}" + EN_SP + r"(?:is|are)" + EN_SP + r"(?:(?:strictly|expressly)"
                    + EN_SP + r")?(?:prohibited|forbidden)\b"
                    # a label ban with no verb and no object, closing its sentence: "Unauthorised reproduction prohibited."
                    # / "Unauthorized use or reproduction prohibited" / "Unauthorized access and disclosure strictly
                    # forbidden." / "All rights reserved. Reproduction prohibited." (a reproduction noun required: not a
                    # login banner's "Unauthorized access prohibited"; not "flags reproduction prohibited and …")
                    + r"|(?:\bunauthori[sz]ed" + EN_SP + r"|(?<=reserved\.\s)|(?<=reserved,\s))(?:(?:use|access),?" + EN_SP
                    + r"(?:and|or)" + EN_SP + r")?(?:reproduction|copying|duplication|redistribution|distribution|disclosure)"
                    # (a serial list: "Unauthorized copying, distribution, or use prohibited.")
                    + r"(?:(?:,|,?" + EN_SP + r"(?:and|or))" + EN_SP + r"(?:reproduction|copying|duplication|redistribution"
                    r"|distribution|disclosure|modification|use)){0,3}" + EN_SP + r"(?:strictly" + EN_SP
                    + r")?(?:prohibited|forbidden)"
                    r"(?=[ \t]*(?:[.!;<\"'|]|\n|$))"
                    # "UNAUTHORIZED DUPLICATION IS A VIOLATION OF STATE, FEDERAL AND INTERNATIONAL LAWS." (DTS's banner): the
                    # act with no object, declared unlawful: the banner's own work (not "unauthorized copying of software
                    # is illegal", a page on the law naming what it is about)
                    + r"|\bunauthori[sz]ed" + EN_SP + r"(?:reproduction|copying|duplication|redistribution|distribution)"
                    + EN_SP + r"(?:is|are|constitutes)" + EN_SP + r"(?:an?" + EN_SP + r")?(?:violation" + EN_SP + r"of|infringement"
                    r"|illegal|unlawful|(?:a" + EN_SP + r")?(?:federal" + EN_SP + r")?crime)\b",
                    IGNORECASE,
                ),
                0.9,
                True,
                reject_before=EN_DISCUSS,
                resolve=_not_access(0.9),
            ),
            Rule(
                # "Any use, reproduction, disclosure or distribution of this material ... without an express license
                # agreement from NVIDIA ... is strictly prohibited" / "Copying ... without written permission is prohibited"
                # / "ANY DUPLICATION ... IS STRICTLY PROHIBITED WITHOUT THE PRIOR EXPRESS WRITTEN PERMISSION OF X"
                "en_use_without_permission_prohibited",
                "no_reprint",
                rx(
                    r"\b(?:reproduction|duplication|distribution|copying|disclosure|use|modification)\b(?:" + EN_GAP
                    + r"{0,120}?\bwithout" + EN_SP + r"(?:(?:the|an?)" + EN_SP + r")?" + _CONSENT + EN_GAP + r"{0,80}?"
                    + _PROHIBITED + r"|" + EN_GAP + r"{0,120}?" + _PROHIBITED + EN_SP + r"without" + EN_SP + r"(?:the" + EN_SP
                    + r")?" + _CONSENT + r")"
                    # "Without the prior written permission of MediaTek …, any reproduction, modification, use or disclosure
                    # of MediaTek Software … shall be strictly prohibited"
                    + r"|\bwithout" + EN_SP + r"(?:the" + EN_SP + r")?" + _CONSENT + EN_GAP + r"{0,80}?,?" + EN_SP
                    + r"any" + EN_SP + r"(?:reproduction|duplication|distribution|copying|disclosure|use|modification)\b"
                    + EN_GAP + r"{0,160}?" + _PROHIBITED,
                    IGNORECASE,
                ),
                0.85,
                True,
                reject_before=EN_DISCUSS,
                resolve=_not_access(0.85),
            ),
            Rule(
                # "You may not rent, lease, sublicense, sell ... the Software" / "You may not copy, modify, translate, reverse
                # engineer, decompile": two or more licence-term verbs ending in one only a licence forbids (not "you may
                # not copy or modify the list while iterating")
                "en_eula_may_not",
                "no_reprint",
                rx(
                    r"\byou" + EN_SP + r"(?:may|shall|must|will)" + EN_SP + r"not" + EN_SP + r"(?:" + _EULA_VERB + r",?"
                    + EN_SP + r"(?:(?:or|and|and/or|nor)" + EN_SP + r")?){1,8}?(?:rent|lease|lend|sublicense|resell"
                    + r"|reverse" + EN_SP + r"engineer|decompile|disassemble)\b"
                    # not a copyleft licence's own terms: "You may not copy, modify, sublicense, or distribute the Program
                    # except as expressly provided under this License" (GPL-2.0 section 4)
                    + r"(?!" + EN_GAP + r"{0,100}?\bexcept" + EN_SP + r"as" + EN_SP + r"(?:expressly" + EN_SP
                    + r")?(?:provided|permitted|authori[sz]ed))",
                    IGNORECASE,
                ),
                0.85,
                True,
                reject_before=EN_DISCUSS,
            ),
            Rule(
                # "You shall not disclose such Confidential Information and shall use it only in accordance with the terms
                # of the license agreement" (the stock header of proprietary Java code)
                "en_shall_not_disclose",
                "no_reprint",
                rx(
                    r"\byou" + EN_SP + r"(?:shall|may|must)" + EN_SP + r"not" + EN_SP + r"disclose" + EN_SP
                    + r"(?:such|this|the|any)" + EN_SP + r"(?:confidential|proprietary)" + EN_SP + r"information\b",
                    IGNORECASE,
                ),
                0.85,
                True,
            ),
            Rule(
                # "The program may not be used without the written permission of Texas Instruments" / "all materials
                # contained in this Site are … owned … by X and may not be used without written consent" (the work as the
                # subject: not "Our trademarks may not be used without our prior written consent", "port may not be used
                # without host")
                "en_work_not_used_without_consent",
                "no_reprint",
                rx(
                    r"\b(?:program|software|code|content|contents|materials?|works?|documents?|files?|website|site)\b"
                    # one character at a time (comment prefixes are characters too): no line-break alternative to backtrack over
                    r"(?:(?!trademarks?|logos?|names?\b)[^.]){0,200}?"
                    r"\b(?:may|must|shall|can)" + EN_SP + r"not" + EN_SP + r"be" + EN_SP + r"used"
                    # "may not be used in commercial applications without express written permission" (not "to endorse or
                    # promote products": a BSD clause on names)
                    + r"(?:(?!endorse|promote)[^.]){0,60}?\bwithout" + EN_SP
                    + r"(?:(?:the|our|its)" + EN_SP + r")?" + _CONSENT,
                    IGNORECASE,
                ),
                0.8,
                True,
                reject_before=EN_DISCUSS,
            ),
            _YOU_MAY_NOT_COPY_WITHOUT,
            Rule(
                # "attribution and the same license are required for sharing" / "**attribution is required**" / "they may
                # not be used without crediting the author"
                "en_attribution_required",
                "attribution_required",
                rx(
                    r"\battribution\b[^.\n]{0,40}?\b(?:is|are)" + EN_SP + r"required\b"
                    r"|\bmay" + EN_SP + r"not" + EN_SP + r"be" + EN_SP + r"used" + EN_SP + r"without" + EN_SP + r"crediting\b",
                    IGNORECASE,
                ),
                0.8,
                reject_before=EN_DISCUSS,
            ),
            Rule(
                "en_do_not_repost",
                "no_reprint",
                rx(
                    # ("Please do not reupload, mirror, or repackage this mod" / "DO NOT REUPLOAD(u can only …)" /
                    # "Do not reupload/re release any part of this script": a mod's or asset's ban on copies elsewhere)
                    # ("Do not resell or redistribute template" / "do not steal/borrow any of it without my permission" /
                    # "do no re-distribute a modified version of this script": resale and theft of the work are copy bans
                    # too, with the same object test)
                    r"(?:do\s+not|don't|please\s+don't|do\s+no(?=\s+re-?distribute))\s+"
                    r"(?:repost|republish|reprint|re-?distribute|re-?upload|re-?release|resell|steal)"
                    r"(?:(?:[ \t]*/[ \t]*|,[ \t]*(?:or[ \t]+)?|[ \t]+or[ \t]+)(?:repost|republish|reprint|re-?distribute|re-?upload"
                    r"|re[- ]?release|mirror|repackage|resell|distribute|share|sell|borrow|copy)){0,3}"
                    # a copy ban says whose work (mine, ours, this one) or where or on what terms, or ends there ("Do
                    # not repost my photos anywhere", "… this script elsewhere without permission", "Do Not
                    # Redistribute"); not a process rule ("do not repost patches frequently", "… it: that would upload
                    # a duplicate", "… this item without admin review", "… or use other people's works")
                    # (the work may be named: "Do not reupload Follower Forge itself as your own mod")
                    # (the work as a bare noun closing the line, "… redistribute template"; a version or copy of it,
                    # "a modified version of this script"; "any of it")
                    r"(?=(?:\s+(?:(?:the\s+)?(?:template|script|code|source\s+code|mod|theme|plugin|font|assets?|files?"
                    r"|project|software|app)(?=[ \t]*(?:[.!]|\r?\n|\Z))|any\s+of\s+(?:it|them)"
                    r"|(?:an?\s+)?(?:modified\s+)?(?:versions?|cop(?:y|ies))\s+of\s+(?:it|my|our|this|these)(?:\s+[\w-]+){0,3}?"
                    r"|it|them|(?:any\s+(?:(?:part\s+)?of\s+)?)?(?:my|our|this|these)(?:\s+[\w-]+){1,3}?"
                    r"|(?-i:[A-Z])[\w-]*(?:\s+(?-i:[A-Z])[\w-]*){0,3}(?:\s+itself)?))?"
                    r"(?:[ \t]*(?:[.!(]|\r?\n|\Z)|\s+(?:anywhere|elsewhere|online|publicly|as\s+(?:your|their|his|her)\s+own\b"
                    # (a named site: "… this mod on the Steam Workshop or elsewhere")
                    r"|(?:to|on|onto)\s+(?:the\s+)?(?-i:[A-Z])[\w-]+"
                    r"|without\s+(?:(?:my|our|the|its|their|prior|written|express|explicit)\s+)*"
                    r"(?:permiss?i?ons?|consent|credit|attribution|authori[sz]ation|approval)"
                    r"|(?:to|on|onto|in)\s+(?:any\s+)?(?:other|another|third[- ]party|external)\b|for\s+(?:profit|commercial)\b"
                    # ("… of this script. If you do …": the object, then the sentence's end)
                    r")))",
                    IGNORECASE,
                ),
                0.8,
                True,

                resolve=_not_others_material(0.8),
            ),
            Rule(
                # "Do not distribute!" / "Do not distribute without permission." / "(DO NOT DISTRIBUTE)" / "Please do not
                # distribute or publish solutions to this project" — the work itself, not "do not distribute an artifact"
                "en_do_not_distribute",
                "no_reprint",
                rx(
                    r"\bdo\s+not\s+(?:re)?distribute(?=[ \t]*(?:[!.)]|\r?\n|$)|\s+without\b|\s+or\s+(?:publish|share|copy|sell)\b"
                    r"|\s+(?:this|these)\s+(?:files?|code|documents?|works?|materials?|software|programs?)\b)",
                    IGNORECASE,
                ),
                0.8,
                True,
                reject_before=EN_DISCUSS,
                resolve=_a_ban_on_this_work(0.8),
            ),
            Rule(
                # "Please do not redistribute this work without acknowledgement of the original author": the condition
                # is credit, so the sentence asks for attribution rather than banning copies
                "en_redistribute_with_credit",
                "attribution_required",
                rx(
                    r"\b(?:do\s+not|don't)\s+(?:re-?)?distribute\b[^.!?\n]{0,40}?\bwithout\s+(?:(?:an?|any|the|proper|giving|due)\s+)*"
                    r"(?:acknowledge?ments?|acknowledging|crediting)\b",
                    IGNORECASE,
                ),
                0.8,
                reject_before=EN_DISCUSS,
            ),
            Rule(
                "en_not_for_redistribution",
                "no_reprint",
                rx(
                    # (every alternative starts with one of these letters: other positions fail at one test)
                    r"(?=[ncfpmwialto])(?:"
                    r"not\s+for\s+(?:redistribution|republication)|\bno\s+(?:redistribution|resale|republication|reposting)\b"
                    # "and not for commercial use" / "They are not to be sold, redistributed, or used for commercial purposes"
                    r"|\bnot\s+for\s+(?:any\s+)?commercial\s+(?:use|purposes?)\b"
                    r"|\bnot\s+to\s+be\s+(?:sold|resold|redistributed|reproduced|copied|distributed|republished)\b"
                    # "Commercial users should seek permission of the copyright holders first"
                    r"|\bcommercial\s+(?:users?|use)\s+(?:should|must|requires?)\s+(?:(?:seek|obtain|get|ask\s+for)\s+)?"
                    r"(?:prior\s+)?(?:written\s+)?permission"
                    # "All digital products are for personal use only" / "freeware for PERSONAL USE only" / a licence
                    # heading over "For personal use only." (not "this tool is meant for personal use only")
                    r"|\b(?:freeware|(?:products?|content|materials?|works?|images?|fonts?|assets?)\s+(?:is|are))\s+"
                    r"for\s+personal\s+use\s+only\b"
                    r"|\blicen[cs]e\b[^\n]{0,12}\n\s*\n?\s*for\s+personal\s+use\s+only\b"
                    # "This project is free for personal use ONLY." / "This app is source-available. Free for PERSONAL use
                    # only.": the text's own work, or a sentence with no subject opening a line or following a full stop
                    # (not "fuse-t is free for personal use only", "It is …", "Some are …": others' software and fonts;
                    # not "Varino (free for personal use only)", a third party's font described)
                    r"|\b(?:this|our|my)\s+(?:[\w-]+\s+){0,2}?(?:project|app|application|software|code|program|tool|game"
                    r"|mod|theme|plugin|font|typeface|repository|repo|work|dataset|library|extension|script|template)\s+is\s+"
                    r"free\s+for\s+personal\s+use\s+only\b"
                    r"|(?:(?<=[.!?] )|(?<=\n)|(?<=\*\*)|(?<![\s\S]))free\s+for\s+personal\s+use\s+only\b)",
                    IGNORECASE,
                ),
                0.85,
                True,
            ),
            Rule(
                # "When using the dataset, you must credit NVE" / "You MUST credit me (@prod.nandooxz)": the one credited
                # is the speaker, the work's maker or a name (not "you must credit any collaborators", a rule on users'
                # own uploads, nor "you must credit the photo's source" said of others' material)
                "en_must_credit",
                "attribution_required",
                rx(
                    r"\byou" + EN_SP + r"(?:must|need" + EN_SP + r"to|have" + EN_SP + r"to)" + EN_SP + r"credit" + EN_SP
                    + r"(?:me\b|us\b|the" + EN_SP + r"(?:original" + EN_SP + r")?(?:authors?|creators?|artists?|developers?"
                    r"|maker|project|dataset|work)\b|(?-i:[A-Z])[\w.-]*|[(@])",
                    IGNORECASE,
                ),
                0.8,
                reject_before=EN_DISCUSS,
            ),
            Rule(
                # "THIS SOURCE CODE … ARE PROTECTED BY INTERNATIONAL COPYRIGHT LAW AND MAY NOT BE RESOLD OR REDISTRIBUTED":
                # a work said to be protected by copyright law, then banned from resale or copying in the same sentence
                # (not "Equipment may not be resold before full payment", nor export rules: no copyright law named)
                "en_protected_not_resold",
                "no_reprint",
                rx(
                    r"\bprotected" + EN_SP + r"by" + EN_SP + r"(?:[\w-]+" + EN_SP + r"){0,3}?copyright" + EN_SP + r"laws?\b"
                    r"[^.!?]{0,80}?\bmay" + EN_SP + r"not" + EN_SP + r"be" + EN_SP
                    + r"(?:re)?(?:sold|distributed|reproduced|copied|published|uploaded)\b",
                    IGNORECASE,
                ),
                0.8,
                reject_before=EN_DISCUSS,
            ),
            Rule(
                # "All photos are copyright of Anthony Elkommos Youssef" / "All photos are copyrighted by their respective
                # owners": the text's pictures or content owned by a name or by their owners (not "technically all photos
                # are copyrighted by their creator", a fact about the law)
                "en_items_copyright_of",
                "copyright_notice",
                rx(
                    r"\ball" + EN_SP + r"(?:photos|photographs|images|pictures|artwork|art|content|videos|music|texts?"
                    r"|materials?)" + EN_SP + r"(?:are|is)" + EN_SP + r"(?:\u00a9" + EN_SP + r")?copyright(?:ed)?" + EN_SP
                    + r"(?:of|by|to)" + EN_SP + r"(?:(?-i:[A-Z])[\w.&'-]*(?:" + EN_SP + r"(?-i:[A-Z])[\w.&'-]*){0,5}"
                    r"|their" + EN_SP + r"respective" + EN_SP + r"(?:owners|authors|creators|photographers|artists))",
                    IGNORECASE,
                ),
                0.85,
            ),
            Rule(
                "en_repost_credit",
                "attribution_required",
                rx(
                    r"(?:if|when)\s+(?:you\s+)?(?:repost|republish|reprint|share)[^.\n]{0,40}?please\s+"
                    r"(?:credit|cite|link|attribute|give\s+credit)",
                    IGNORECASE,
                ),
                0.8,
            ),
            Rule(
                # "please credit Kim" / "Please credit me if your program uses these routines" / "If you use this dataset,
                # please credit:" (not "please credit my wallet", not "please credit your picture's author")
                "en_please_credit",
                "attribution_required",
                rx(
                    # ("Please give credit to the author." as well: the same request)
                    r"\bplease" + EN_SP + r"(?:give" + EN_SP + r"(?:(?:proper|due|appropriate)" + EN_SP + r")?credit" + EN_SP
                    + r"to|credit)" + EN_SP
                    # (not "please credit the artist in your message": what a submitter writes in their own post)
                    + r"(?![^.\n]{0,60}?\bin" + EN_SP + r"your" + EN_SP + r"(?:message|post|submission|caption|description"
                    r"|comment|issue|pull" + EN_SP + r"request|PR|entry|upload)\b)"
                    + r"(?!(?:my|your|our|the)" + EN_SP + r"(?:wallet|account|card|balance|picture|photo|image|own)\b|your\b)"
                    # the one credited: me / us / it, the work or its makers, or a name (capitalised whatever the flag:
                    # not "Please credit the amount back to my payment method" nor "Please credit the bug to X")
                    # ("Please credit the photographer where supplied": a press kit's photos, their maker credited)
                    r"(?:me\b|us\b|it\b|the" + EN_SP + r"(?:original" + EN_SP + r")?(?:authors?|creators?|artists?|source"
                    r"|photographers?|illustrators?|designers?"
                    r"|developers?|contributors?|maintainers?|project|repository|repo|dataset|data|work|code|software)\b"
                    # ("Please credit this website when using our textures": the work by this / our / my)
                    r"|(?:this|our|my)" + EN_SP + r"(?:website|site|page|blog|project|repository|repo|dataset|work|code"
                    r"|software|team)\b"
                    r"|the" + EN_SP + r"(?-i:[A-Z])[^\n.]{0,60}"
                    # ("please credit **[byigitt](https://…)**": a Markdown emphasis or link before the name)
                    r"|(?:(?:\*\*?|__?)\[?|\[)[^\s.][^\n.]{0,60}|(?-i:[A-Z])[^\n.]{0,60}|[\"“][^\n.]{0,60}|[\w.+-]+@|:)",
                    IGNORECASE,
                ),
                0.8,
                resolve=_not_stock_photo(0.8),
            ),
            Rule(
                # "Please attribute, nothing more" / "please attribute and link back to the site" / "Please attribute the
                # plugin to Dylan RADELET when used" / "please attribute Nano Collective": the verb attribute as the
                # request itself, its object the work, its author or nothing (not "please attribute values", a markup
                # attribute, nor "please attribute the error to …", a cause)
                "en_please_attribute",
                "attribution_required",
                rx(
                    r"\b(?:please|kindly)" + EN_SP + r"attribute" + WE + r"(?=[ \t]*[,.;:!]|" + EN_SP
                    + r"(?:(?:and|when|if|me|us|this|it|them)\b|(?-i:[A-Z])|[\u4e00-\u9fff\[*_])"
                    + r"|" + EN_SP + r"(?:the|our|my|this)" + EN_SP + r"(?:original" + EN_SP + r")?"
                    r"(?:plugin|software|code|work|project|library|author|creator|source|data|dataset|assets?|artist|model"
                    r"|repository|repo|images?|photos?|font|article|post|content)s?\b)",
                    IGNORECASE,
                ),
                0.8,
                reject_before=EN_DISCUSS,
            ),
            Rule(
                "en_credit_when_sharing",
                "attribution_required",
                rx(
                    r"please\s+(?:credit|attribute|cite)\s+[^.\n]{1,40}?\s+(?:when|if)\s+(?:you\s+)?"
                    r"(?:sharing|share|reposting|repost|republishing|reprinting|reusing|reuse)",
                    IGNORECASE,
                ),
                0.8,
            ),
        ],
    ),
    (("agree not to",), [_YOU_MAY_NOT_COPY_WITHOUT]),
    (("wishing to", "who wish to", "who wishes to"), [_USE_NEEDS_PERMISSION]),
    (("attribution to", "credit to"), [_ATTRIBUTION_TO]),
    (("prohibited", "forbidden", "not permitted", "not allowed"), [_ACT_ON_WORK_PROHIBITED]),
    (("owned by", "owned,"), [_WORK_OWNED_BY, _OWNED_AS_COPYRIGHT]),
    (("belong to", "belongs to"), [_WORK_BELONGS_TO, _OWNED_THEN_BANNED]),
    (("not for",), [_NOT_FOR_RESALE]),
    (("credit",), [_REUSE_CREDIT]),
    (("following attribution",), [_FOLLOWING_ATTRIBUTION]),
]
