"""Chinese personal-information recognizers for Presidio (none ship with Presidio).

Every pattern uses ASCII letter/digit look-arounds instead of `\\b`, because Python counts CJK characters as
word characters and `\\b1[3-9]\\d{9}\\b` finds nothing in `手机号13812345678`. The look-arounds also stop a
structured number from matching inside a longer digit or alphanumeric run (order and tracking numbers).
Checksums (GB 11643, GB 32100, Luhn) live in `checksums.py` and run in `validate_result`.
"""

from __future__ import annotations

import re

from corpusgov.quality.pii import checksums as ck
from corpusgov.quality.pii.base import FastPatternRecognizer, Span
from corpusgov.quality.pii.numeric_context import in_number_list, is_odds_or_ratio
from corpusgov.quality.pii.recognizer_zh_person import CnPersonModelRecognizer
from corpusgov.quality.pii.recognizers_net import EmailRecognizer, IpAddressRecognizer, Ipv6AddressRecognizer

# Not preceded by a letter/digit, nor by a digit plus separator; mirrored after the match (R). B is the same
# check written to sit right AFTER a pattern's first character: a pattern that starts with a plain character
# class lets the regex engine skip ahead to candidate positions, ~3x faster than a leading look-behind.
L = r"(?<![0-9A-Za-z])(?<![0-9][-./])"
B = r"(?<![0-9A-Za-z][\s\S])(?<![0-9][-./][\s\S])"
R = r"(?![0-9A-Za-z])(?![-./][0-9])"
CJK = r"[\u4e00-\u9fff]"


class CnResidentIdRecognizer(FastPatternRecognizer):
    """18-digit ID (checksum, date, province) scores 1.0; the 15-digit legacy form needs context."""

    ENTITY = "CN_RESIDENT_ID"
    _DATE = r"(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])"
    PATTERNS = (
        ("cn_id_18", r"[1-9]" + B + r"[0-9]{5}(?:18|19|20)[0-9]{2}" + _DATE + r"[0-9]{3}[0-9Xx]" + R, 0.5),
        ("cn_id_15", r"[1-9]" + B + r"[0-9]{7}" + _DATE + r"[0-9]{3}" + R, 0.4),
    )
    CONTEXT = ("身份证", "身份证号", "证件号", "公民身份号码", "ID card", "identity card")
    PREFILTER = r"[0-9]{15}"
    NEEDS_DIGIT = True
    MIN_DIGIT_RUN = 15

    def validate_result(self, pattern_text: str):
        if not ck.is_valid_resident_id(pattern_text):
            return False
        return True if len(pattern_text) == 18 else None


class CnMobileRecognizer(FastPatternRecognizer):
    """Mainland mobile numbers, optional +86/0086/86 prefix, space or hyphen separators."""

    ENTITY = "CN_MOBILE"
    PATTERNS = (
        (
            "cn_mobile",
            r"(?:(?:\+" + B + r"86|0" + B + r"086|8" + B + r"6)[ -]?1|1" + B + r")[3-9][0-9](?:[ -]?[0-9]{4}){2}" + R,
            0.5,
        ),
    )
    CONTEXT = ("手机", "电话", "联系方式", "mobile", "phone", "tel")
    # The pattern less its +86 prefix and look-arounds (what every match holds; a year like 1998 alone does not)
    PREFILTER = r"1[3-9][0-9][ -]?[0-9]{4}[ -]?[0-9]{4}"
    PREFILTER_NEAR_DIGITS = True
    NEEDS_DIGIT = True
    MIN_DIGIT_RUN = 4
    _PREFIX = re.compile(r"1(?:3[0-9]|4[5-9]|5[0-35-9]|6[2567]|7[0-8]|8[0-9]|9[0-35-9])")

    def validate_result(self, pattern_text: str):
        digits = re.sub(r"[^0-9]", "", pattern_text)
        return bool(self._PREFIX.match(digits[-11:]))

    def find(self, text: str) -> list[Span]:
        # An odds/ratio ("13562190123 to 1") or a bare value in a row of numbers is a quantity, not a phone.
        return [
            (s, e, score)
            for s, e, score in super().find(text)
            if not is_odds_or_ratio(text, s, e)
            and not (text[s:e].isdigit() and in_number_list(text, s, e) and not self.has_context(text, s, e))
        ]


class CnLandlineRecognizer(FastPatternRecognizer):
    """Fixed-line numbers with an area code in parentheses or followed by a hyphen: (010)62345678, 0755-2345678."""

    ENTITY = "CN_LANDLINE"
    _AREA = r"(?:10|2[0-9]|[3-9][0-9]{2})"
    PATTERNS = (
        (
            "cn_landline",
            r"(?:(?:\+" + B + r"86|0" + B + r"086)[ -](?:\(0?" + _AREA + r"\)|0?" + _AREA + r")[ -]?|\(" + B + r"0"
            + _AREA + r"\)[ -]?|0" + B + _AREA + r"-)[2-9][0-9]{6,7}" + R,
            0.75,
        ),
    )
    PREFILTER = r"0[1-9][0-9]{0,2}[-)]|86[ -]"
    PREFILTER_NEAR_DIGITS = True
    NEEDS_DIGIT = True


class CnBankCardRecognizer(FastPatternRecognizer):
    """Domestic bank cards: UnionPay 62 and other Chinese BINs (60, 68, 94, 95), 16–19 digits, Luhn.

    International-brand prefixes (4, 5x, 3x, 6011, 65) are CREDIT_CARD's, so the two never overlap. An 18-digit
    string that is a valid resident ID (e.g. a Gansu ID starting 62) is not a card. Some Chinese debit cards do
    not satisfy Luhn: a UnionPay (62) number that fails it is reported only next to a card word (卡号, 银行卡,
    card no.) and at 0.55, so a policy can treat it apart (min_score above 0.55 drops it).
    """

    ENTITY = "CN_BANK_CARD"
    PATTERNS = (
        (
            "cn_bank_card",
            r"[69]" + B + r"(?:[0-9]{15,18}|[0-9]{3}([ -])[0-9]{4}\1[0-9]{4}\1[0-9]{4}(?:\1[0-9]{3})?)" + R,
            0.3,
        ),
    )
    CONTEXT = ("银行卡", "卡号", "储蓄卡", "借记卡", "银联卡", "银行账号", "card no", "card number", "card #")
    CONTEXT_SCORE = 0.55
    PREFILTER = r"(?:62|60|68|9[45])[0-9]{2}"
    PREFILTER_NEAR_DIGITS = True
    NEEDS_DIGIT = True
    MIN_DIGIT_RUN = 4
    _PREFIX = re.compile(r"(?:62|60(?!11)|68|9[45])")

    def validate_result(self, pattern_text: str):
        digits = pattern_text.replace(" ", "").replace("-", "")
        if not (16 <= len(digits) <= 19 and self._PREFIX.match(digits)):
            return False
        if len(digits) == 18 and ck.is_valid_resident_id(digits):
            return False
        if ck.luhn_ok(digits):
            return True
        return None if digits.startswith("62") else False  # base 0.3; 0.55 with a card word


class CnPassportRecognizer(FastPatternRecognizer):
    """Ordinary passports E/G + 8 digits (and E + letter + 7 digits); needs a context word such as 护照."""

    ENTITY = "CN_PASSPORT"
    PATTERNS = (("cn_passport", r"[EG]" + B + r"(?:[0-9]{8}|(?<=E)[A-HJ-NP-Z][0-9]{7})" + R, 0.3),)
    CONTEXT = ("护照", "passport")
    CONTEXT_BEFORE = 20
    PREFILTER = r"[EG][0-9A-Z][0-9]{7}"
    NEEDS_DIGIT = True
    MIN_DIGIT_RUN = 7


class CnHmtPermitRecognizer(FastPatternRecognizer):
    """Hong Kong / Macau residents' permits: H or M + 8 digits (10 in the older form); needs context.

    Bare H/M + 8 digits is a common product/model-number shape, so a context word must be near.
    """

    ENTITY = "CN_HMT_PERMIT"
    PATTERNS = (("cn_hm_permit", r"[HM]" + B + r"[0-9]{8}(?:[0-9]{2})?" + R, 0.4),)
    CONTEXT = ("通行证", "回乡证", "港澳", "permit")
    CONTEXT_BEFORE = 20
    PREFILTER = r"[HM][0-9]{8}"
    NEEDS_DIGIT = True
    MIN_DIGIT_RUN = 8


class CnTaiwanPermitRecognizer(FastPatternRecognizer):
    """Taiwan compatriot permit (台胞证): 8 digits, only with context, since bare 8-digit runs are common."""

    ENTITY = "CN_HMT_PERMIT"
    PATTERNS = (("cn_tw_permit", r"[0-9]" + B + r"[0-9]{7}" + R, 0.05),)
    CONTEXT = ("台胞证", "台湾居民来往大陆通行证", "台湾同胞", "台湾居民")
    CONTEXT_BEFORE = 20
    CONTEXT_AFTER = 0
    PREFILTER_WORDS = ("台",)
    NEEDS_DIGIT = True


class CnUsccRecognizer(FastPatternRecognizer):
    """Unified social credit code (统一社会信用代码), 18 characters with the GB 32100 check character."""

    ENTITY = "CN_USCC"
    _C = r"[0-9A-HJ-NPQRTUWXY]"
    PATTERNS = (("cn_uscc", r"[1-9ANY]" + B + r"[1239][0-9]{6}" + _C + r"{10}" + R, 0.5),)
    CONTEXT = ("信用代码", "统一社会信用代码", "税号")
    PREFILTER = r"[0-9]{6}"
    NEEDS_DIGIT = True
    MIN_DIGIT_RUN = 6

    def validate_result(self, pattern_text: str):
        return ck.is_valid_uscc(pattern_text)


class CnPlateRecognizer(FastPatternRecognizer):
    """Vehicle plates: province character, issuing letter, 5 characters (6 for new-energy vehicles)."""

    ENTITY = "CN_PLATE"
    _PROV = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
    _A = r"[A-HJ-NP-Z0-9]"
    PATTERNS = (
        (
            "cn_plate",
            r"[" + _PROV + r"][A-HJ-NP-Z][·•]?(?:[DF]" + _A + r"[0-9]{4}|[0-9]{5}[DF]|" + _A + r"{4}[0-9A-HJ-NP-Z挂学警])"
            + R,
            0.7,
        ),
    )
    CONTEXT = ("车牌", "牌照", "plate")
    PREFILTER = r"[" + _PROV + r"][A-HJ-NP-Z]"
    PREFILTER_NON_ASCII = True  # a province character first

    def validate_result(self, pattern_text: str):
        serial = pattern_text[2:].lstrip("·•")
        if len(serial) == 6:
            return None  # new-energy layout already fixed by the pattern
        letters = sum(c.isalpha() and c.isascii() for c in serial)
        return None if letters <= 2 and any(c.isdigit() for c in serial) else False


# CN_PERSON comes from a character CRF trained on public NER corpora (recognizer_zh_person.py). The former
# surname + context regexes (cue words, titles, speech verbs) found 0.07 of the names in real NER sentences,
# and cue words such as 客户 masked non-names in technical text (客户程序解释 -> 客户<CN_PERSON>释).


_PROVINCES = (
    "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西",
    "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾", "内蒙古",
    "广西", "西藏", "宁夏", "新疆", "香港", "澳门",
)
_ROAD_END = (
    r"(?:(?:路|街|大道|大街|巷|胡同|道)[0-9]{1,5}(?:号|弄)|(?:小区|花园|公寓|大厦|家园|苑|新村)[0-9]{1,4}(?:号楼|栋|幢|座))"
)
_TAIL = r"(?:" + CJK + r"{0,6}?[0-9]{1,4}(?:号楼|栋|幢|座))?(?:[0-9]{1,3}单元)?(?:[0-9]{1,5}(?:室|号))?"


class CnAddressRecognizer(FastPatternRecognizer):
    """Best effort: province name, an address cue or a district … road + number / estate + building, flat."""

    ENTITY = "CN_ADDRESS"
    PATTERNS = (
        ("cn_address_prov", "(?:" + "|".join(_PROVINCES) + ")" + CJK + "{0,24}?" + _ROAD_END + _TAIL, 0.6),
        (
            "cn_address_cue",
            r"(?:地址|住址|住在|家住|位于|寄往|寄到|送至|送到)[:：为是 ]{0,2}(?P<v>" + CJK + "{1,24}?" + _ROAD_END + _TAIL
            + ")",
            0.6,
        ),
        (
            "cn_address_district",
            r"(?:(?<!" + CJK + r")|(?<=[到在于至往了是住]))(?P<v>(?:(?![到在于至往了是住请])" + CJK + "){1,4}?(?:区|县)" + CJK + "{0,12}?" + _ROAD_END
            + _TAIL + ")",
            0.6,
        ),
    )
    PREFILTER_WORDS = ("号", "弄", "栋", "幢", "座")
    NEEDS_DIGIT = True
    PREFILTER = r"[0-9](?:号|弄|栋|幢|座)"


ZH_RECOGNIZERS: tuple[type[FastPatternRecognizer], ...] = (
    CnResidentIdRecognizer,
    CnMobileRecognizer,
    CnLandlineRecognizer,
    CnBankCardRecognizer,
    CnPassportRecognizer,
    CnHmtPermitRecognizer,
    CnTaiwanPermitRecognizer,
    CnUsccRecognizer,
    CnPlateRecognizer,
    EmailRecognizer,
    IpAddressRecognizer,
    Ipv6AddressRecognizer,
    CnPersonModelRecognizer,
    CnAddressRecognizer,
)
