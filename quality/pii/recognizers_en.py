"""English-format identifiers: phone numbers, payment cards, IBANs, US SSNs.

Own patterns instead of Presidio's predefined recognizers because PhoneRecognizer (phonenumbers) runs at
~600 docs/s and the predefined ones use `\\b`, which fails next to CJK text. E-mail and IP recognizers are
shared with Chinese text (recognizers_zh.py).
"""

from __future__ import annotations

import functools
import re

import phonenumbers

from corpusgov.quality.pii import checksums as ck
from corpusgov.quality.pii.base import FastPatternRecognizer, Span
from corpusgov.quality.pii.numeric_context import in_number_list, is_odds_or_ratio
from corpusgov.quality.pii.recognizer_en_person import EnPersonRecognizer
from corpusgov.quality.pii.recognizers_zh import B, R


@functools.cache
def _national_meta(region: str) -> tuple[int, str, re.Pattern[str]] | None:
    md = phonenumbers.PhoneMetadata.metadata_for_region(region)
    if md is None or md.country_code is None or md.general_desc is None or not md.general_desc.national_number_pattern:
        return None
    return md.country_code, md.national_prefix or "", re.compile(md.general_desc.national_number_pattern)


def _valid_national(digits: str, region: str) -> bool | None:
    """Is `digits`, written nationally, a valid number of `region`? None: ask phonenumbers.parse instead.

    The region's general number pattern (one regex) rules most regions out; a significant number without a
    leading zero is then checked directly, skipping the parse (most of the cost of a phonenumbers call).
    """
    meta = _national_meta(region)
    if meta is None:
        return None
    cc, prefix, pattern = meta
    options = [digits]
    if prefix and digits.startswith(prefix):
        options.append(digits[len(prefix) :])
    fitting = [nsn for nsn in options if nsn and pattern.fullmatch(nsn)]
    if not fitting:
        return False
    if any(nsn[0] == "0" for nsn in fitting):
        return None  # leading-zero significant numbers (Italy…) need the parser's handling
    return any(
        phonenumbers.is_valid_number_for_region(phonenumbers.PhoneNumber(country_code=cc, national_number=int(nsn)), region)
        for nsn in fitting
    )


class PhoneNumberRecognizer(FastPatternRecognizer):
    """Phone numbers validated by `phonenumbers` (the library Presidio's PhoneRecognizer uses) for REGIONS.

    A regex finds candidates (digit groups with phone separators, an optional +/00 prefix and extension); each
    is parsed as an international number or, failing that, in each region until one says it is valid. Scores:
    a valid number 0.6; a bare digit run (``2147483647``) or a national number of 8 digits or fewer is reported
    only next to a context word; a context word raises to 0.85; a number with context that no region accepts
    0.5. Mainland shapes are left to CN_MOBILE / CN_LANDLINE; other mainland numbers score 0.55. Not phones: a
    value in a row of numbers, an odds/ratio, the US SSN shape, dates, decimals, versions, dotted quads, and
    numbers after ISBN/DOI/version or address words (apt, suite, zip…). Parsing only candidates keeps this
    far faster than `PhoneNumberMatcher` over the whole text for every region.
    """

    ENTITY = "PHONE_NUMBER"
    # Regions a Chinese/international corpus meets most; the policy may replace them (pii.phone_regions).
    REGIONS: tuple[str, ...] = (
        "US", "CA", "GB", "CN", "HK", "TW", "MO", "SG", "JP", "KR", "IN", "AU", "DE", "FR", "IT", "ES", "NL",
        "CH", "SE", "BR", "IL",
    )
    _SEP = r"(?:[ .\-/]|[ ]?\((?:0|[0-9]{1,5})\)[ ]?|[ ]?-[ ]?)"
    PATTERNS = (
        (
            "phone",
            # Start: not glued to a word or number (an escaped \n or \, before it is fine).
            r"(?=[+(0-9][0-9 ().\-/]{6})(?:(?<![0-9A-Za-z_+.,/\-])|(?<=\\[nrt,]))(?:\+[ ]?|\((?=[+0-9]))?(?:\+?[0-9]{1,6}+\)?[ .\-]?)?"
            r"[0-9]{1,10}+(?:" + _SEP + r"[0-9]{1,10}+)*+(?:[ ]?(?:x|ext\.?[ ]?|#)[0-9]{1,5}+)?"
            r"(?![0-9A-Za-z_]|[.,\-/][0-9])",
            0.6,
        ),
    )
    CONTEXT_BEFORE = 32
    CONTEXT_AFTER = 16
    PREFILTER = r"[0-9][ .\-/)]?[0-9]{2}[ .\-/]?[0-9]{2}"
    PREFILTER_NEAR_DIGITS = True
    NEEDS_DIGIT = True
    MIN_DIGIT_RUN = 2
    _CONTEXT_RX = (
        r"\b(?:phone|telephone|tel|mobile|cell|cellphone|call|called|calling|fax|whatsapp|contact|reach me|"
        r"dial|office)\b|电话|手机|联系|致电|传真|热线"
    )
    _DATE = re.compile(r"(?:[0-9]{4}[-./][0-9]{1,2}[-./][0-9]{1,2}|[0-9]{1,2}[-./][0-9]{1,2}[-./][0-9]{2,4})(?![0-9]|[-./][0-9])")
    _EXT = re.compile(r"[ ]?(?:x|ext\.?[ ]?|#)[0-9]+$")
    _NOT_PHONE = re.compile(
        r"(?<![A-Za-z])(?:ISBN|ISSN|DOI|version|patent|serial|apt|suite|unit|box|address|zip|postal|postcode|ssn"
        r"|social security|located at|invoice|order|reference|ref|ticket|account|acct)(?![A-Za-z])[^.\n]*$",
        re.I,
    )
    _SSN = re.compile(r"[0-9]{3}-[0-9]{2}-[0-9]{4}$")
    _STREET_AFTER = re.compile(r" [A-Z][a-z]")
    _VERSION = re.compile(r"(?<![0-9.])[0-9]\.[0-9]{1,2}\.[0-9]{1,3}(?![0-9])")  # 6.2.0, 3.11.4
    # Mainland shapes CN_MOBILE / CN_LANDLINE own: left to them (their validation and scores).
    _CN_SHAPE = re.compile(
        r"(?:\+?86[ -]?)?1[3-9][0-9](?:[ -]?[0-9]{4}){2}$|(?:\(0[1-9][0-9]{1,2}\)|0[1-9][0-9]{1,2}-)[2-9][0-9]{6,7}$"
    )
    _REPEAT = re.compile(r"([0-9])\1{6}")

    def __init__(self, supported_language: str = "zh", regions: tuple[str, ...] | None = None) -> None:
        super().__init__(supported_language=supported_language)
        self.regions = tuple(regions) if regions else self.REGIONS
        self._context = re.compile(self._CONTEXT_RX, re.I)

    def region_of(self, value: str) -> str | None:
        """The first region (in REGIONS order) in which `value` is a valid number, or None."""
        core = self._EXT.sub("", value)
        if core.startswith("00"):
            core = "+" + core[2:]
        if core.startswith("+"):
            return self._parsed_region(core, None)
        digits = "".join(c for c in core if c.isdigit())
        for region in self.regions:
            ok = _valid_national(digits, region)
            if ok or (ok is None and self._parsed_region(core, region)):
                return region
        return None

    @staticmethod
    def _parsed_region(core: str, region: str | None) -> str | None:
        try:
            n = phonenumbers.parse(core, region)
        except phonenumbers.NumberParseException:
            return None
        if not phonenumbers.is_valid_number(n):
            return None
        return phonenumbers.region_code_for_number(n) or region or "001"

    def _shape_rejects(self, core: str, digits: int) -> bool:
        """Shapes that are other numbers: wrong length, dates, SSNs, decimals, versions, dotted quads."""
        if not 7 <= digits <= 15 or self._DATE.match(core) or self._SSN.match(core):
            return True
        if core.count("(") != core.count(")") or self._VERSION.search(core):
            return True
        if "." in core and not any(c in core for c in " -/()+"):
            groups = core.split(".")
            return len(groups) == 2 or min(map(len, groups)) == 1 or (len(groups) == 4 and max(map(len, groups)) <= 3)
        return False

    def find(self, text: str) -> list[Span]:
        if not self.prefilter(text):
            return []
        out: list[Span] = []
        for m in self._compiled[0][0].finditer(text):
            start, end = m.span()
            if end - start < 7:
                continue
            value = m.group()
            core = self._EXT.sub("", value)
            digits = sum(c.isdigit() for c in core)
            if self._shape_rejects(core, digits) or is_odds_or_ratio(text, start, end):
                continue
            if self._CN_SHAPE.match(core):
                continue  # CN_MOBILE / CN_LANDLINE decide these (and would outscore this recognizer anyway)
            if self._NOT_PHONE.search(text, max(0, start - 24), start):
                continue
            spaced = core.replace(" ", "").isdigit()
            if spaced and not core.isdigit() and self._STREET_AFTER.match(text, end):
                continue  # "41585 3585 Galts Ave": house and street numbers before a street name
            context = self.has_context(text, start, end)
            bare = core.isdigit()
            international = core.startswith(("+", "00"))
            if not context and (bare or (digits <= 8 and not international)):
                continue  # bare digit runs and short national numbers are too often other numbers
            if not context and (
                in_number_list(text, start, end, across_lines=spaced)
                or self._REPEAT.search(core)  # 017777777777, 9999999: limits and placeholders
            ):
                continue
            region = self.region_of(value)
            if region is None:
                score = 0.5 if context and not bare else 0.0
            elif region == "CN" or core.startswith(("+86", "0086")) or bare:
                score = 0.55  # bare digit runs: even with a context word, other identifiers (permits) may win
            else:
                score = 0.85 if context else 0.6
            if score > 0:
                out.append((start, end, score))
        return out


class CreditCardRecognizer(FastPatternRecognizer):
    """Payment cards by issuer (IIN) range and length, 12–19 digits, Luhn-checked.

    Ranges (ISO/IEC 7812 issuer lists): Visa 4 (13, 16, 19); Mastercard 51–55, 2221–2720 (16); Amex 34, 37 (15);
    Diners 300–305, 3095, 36, 38, 39 (14–19); JCB 3528–3589 (16–19) and the rest of the 35
    block (16) and 1800, 2131 (15); Discover 6011, 644–649, 65 (16–19); Maestro 5018, 5020, 5038, 5893, 56–58,
    6304, 6759, 6761–6763 (12–19); Mir 2200–2204 (16–19); RuPay 81–82 (16). UnionPay 62 and other Chinese BINs
    are CN_BANK_CARD's.
    """

    ENTITY = "CREDIT_CARD"
    PATTERNS = (
        (
            "credit_card",
            r"[1-8]" + B + r"(?:[0-9]{11,18}|[0-9]{3}([ -])[0-9]{3,6}(?:\1[0-9]{3,6}){1,3})" + R,
            0.5,
        ),
    )
    CONTEXT = ("card", "visa", "mastercard", "amex", "信用卡")
    # What every match holds: 12+ digits, or 4 digits, a separator and 3 more (a year alone does not pass)
    PREFILTER = r"[1-8][0-9]{3}(?:[0-9]{8}|[ -][0-9]{3})"
    PREFILTER_NEAR_DIGITS = True
    NEEDS_DIGIT = True
    MIN_DIGIT_RUN = 4
    _RANGES = re.compile(
        r"4(?:[0-9]{12}|[0-9]{15}|[0-9]{18})$"
        r"|(?:5[1-5][0-9]{2}|222[1-9]|22[3-9][0-9]|2[3-6][0-9]{2}|27[01][0-9]|2720)[0-9]{12}$"
        r"|3[47][0-9]{13}$"
        r"|(?:30[0-5][0-9]|3095|3[689][0-9]{2})[0-9]{10,15}$"
        r"|35(?:2[89]|[3-8][0-9])[0-9]{12,15}$|35[0-9]{14}$|(?:1800|2131)[0-9]{11}$"
        r"|(?:6011|64[4-9][0-9]|65[0-9]{2})[0-9]{12,15}$"
        r"|(?:5018|5020|5038|5893|5[6-8][0-9]{2}|6304|6759|676[1-3])[0-9]{8,15}$"
        r"|220[0-4][0-9]{12,15}$|8[12][0-9]{14}$"
    )

    def validate_result(self, pattern_text: str):
        digits = pattern_text.replace(" ", "").replace("-", "")
        if len(digits) == 18 and ck.looks_like_resident_id(digits):
            return False  # an 18-digit ID shape (even with a wrong check digit) is not a card
        return bool(self._RANGES.match(digits)) and ck.luhn_ok(digits)


class IbanRecognizer(FastPatternRecognizer):
    """IBANs, compact or in groups of four; cut to the country's length, then ISO 7064 mod-97 checked."""

    ENTITY = "IBAN_CODE"
    PATTERNS = (("iban", r"[A-Z](?<![0-9A-Za-z][\s\S])[A-Z][0-9]{2}(?: ?[0-9A-Z]{4}){2,7}(?: ?[0-9A-Z]{1,3})?", 0.5),)
    PREFILTER = r"[A-Z][A-Z][0-9]{2}"  # [A-Z]{2}[0-9]{2}: a plain class first lets the engine skip ahead
    PREFILTER_NEAR_DIGITS = True
    NEEDS_DIGIT = True
    MIN_DIGIT_RUN = 2

    def find(self, text: str) -> list[Span]:
        # A greedy match may swallow a following upper-case word; cut it at the country's IBAN length.
        if not self.prefilter(text):
            return []
        out: list[Span] = []
        for m in self._compiled[0][0].finditer(text):
            start = m.start()
            need = ck.IBAN_LENGTHS.get(m.group()[:2])
            if need is None:
                continue
            count, end = 0, start
            for i in range(start, m.end()):
                if text[i] != " ":
                    count += 1
                if count == need:
                    end = i + 1
                    break
            if count != need or (end < len(text) and text[end].isalnum() and text[end].isascii()):
                continue
            if ck.is_valid_iban(text[start:end].replace(" ", "")):
                out.append((start, end, 1.0))
        return out


class UsSsnRecognizer(FastPatternRecognizer):
    """US social security numbers written 123-45-6789 or 123 45 6789 (SSA allocation rules)."""

    ENTITY = "US_SSN"
    PATTERNS = (("us_ssn", r"[0-8]" + B + r"[0-9]{2}([- ])[0-9]{2}\1[0-9]{4}" + R, 0.6),)
    CONTEXT = ("ssn", "social security")
    PREFILTER = r"[0-9][0-9]{2}[- ][0-9]{2}[- ][0-9]{4}"  # [0-9]{3}…, a plain class first (see IbanRecognizer)
    PREFILTER_NEAR_DIGITS = True
    NEEDS_DIGIT = True
    MIN_DIGIT_RUN = 4

    def validate_result(self, pattern_text: str):
        return None if ck.is_valid_us_ssn(pattern_text.replace("-", "").replace(" ", "")) else False


EN_RECOGNIZERS: tuple[type[FastPatternRecognizer], ...] = (
    PhoneNumberRecognizer,
    CreditCardRecognizer,
    IbanRecognizer,
    UsSsnRecognizer,
    EnPersonRecognizer,
)
