"""English-format identifiers: phone numbers, payment cards, IBANs, US SSNs.

Own patterns instead of Presidio's predefined recognizers because PhoneRecognizer (phonenumbers) runs at
~600 docs/s and the predefined ones use `\\b`, which fails next to CJK text. E-mail and IP recognizers are
shared with Chinese text (recognizers_zh.py).
"""

from __future__ import annotations

import re

from quality.pii import checksums as ck
from quality.pii.base import FastPatternRecognizer, Span
from quality.pii.recognizers_zh import B, R


class PhoneNumberRecognizer(FastPatternRecognizer):
    """NANP numbers with separators (+1 (415) 555-2671, 415-555-2671) and +CC international numbers.

    +86 numbers are left to CN_MOBILE / CN_LANDLINE; bare 10-digit runs are not matched (too many IDs look so).
    """

    ENTITY = "PHONE_NUMBER"
    _LOCAL = r"[2-9][0-9]{2}[ .-][0-9]{4}"
    _NANP = r"(?:\([2-9][0-9]{2}\)[ .-]?|[2-9][0-9]{2}[ .-])" + _LOCAL
    PATTERNS = (
        (
            "nanp",
            r"(?:\+" + B + r"1[ .-]?" + _NANP + r"|1" + B + r"[ .-]?" + _NANP + r"|\(" + B + r"[2-9][0-9]{2}\)[ .-]?"
            + _LOCAL + r"|[2-9]" + B + r"[0-9]{2}[ .-]" + _LOCAL + ")" + R,
            0.6,
        ),
        # Atomic group + possessive digits: no exponential re-splitting of a long digit run when R fails.
        ("intl", r"\+(?<![0-9A-Za-z+][\s\S])(?!86)[2-9][0-9]{0,2}(?>(?:[ .-]?\(?[0-9]{1,4}+\)?){2,6})" + R, 0.6),
    )
    CONTEXT = ("phone", "tel", "call", "mobile", "cell", "fax", "电话")
    PREFILTER = r"[0-9]{3}[ .-][0-9]{4}|\+[2-9]"

    def validate_result(self, pattern_text: str):
        if pattern_text.startswith("+") and pattern_text[1] != "1":
            n = sum(c.isdigit() for c in pattern_text)
            return None if 9 <= n <= 15 else False
        return None


class CreditCardRecognizer(FastPatternRecognizer):
    """International-brand cards (Visa, Mastercard, Amex, Discover, JCB, Diners), Luhn-checked."""

    ENTITY = "CREDIT_CARD"
    PATTERNS = (
        (
            "credit_card",
            r"[2-6]" + B
            + r"(?:[0-9]{12,18}|[0-9]{3}([ -])[0-9]{4}\1[0-9]{4}\1[0-9]{4}(?:\1[0-9]{3})?|[0-9]{3}([ -])[0-9]{6}\2[0-9]{4,5})"
            + R,
            0.5,
        ),
    )
    CONTEXT = ("card", "visa", "mastercard", "amex", "信用卡")
    PREFILTER = r"[2-6][0-9]{3}"
    _BRANDS = re.compile(
        r"4[0-9]{12}(?:[0-9]{3}){0,2}$|(?:5[1-5][0-9]{2}|222[1-9]|22[3-9][0-9]|2[3-6][0-9]{2}|27[01][0-9]|2720)[0-9]{12}$"
        r"|3[47][0-9]{13}$|3(?:0[0-5]|[68][0-9])[0-9]{11}$|(?:6011|65[0-9]{2}|64[4-9][0-9])[0-9]{12,15}$"
        r"|35(?:2[89]|[3-8][0-9])[0-9]{12,15}$"
    )

    def validate_result(self, pattern_text: str):
        digits = pattern_text.replace(" ", "").replace("-", "")
        return bool(self._BRANDS.match(digits)) and ck.luhn_ok(digits)


class IbanRecognizer(FastPatternRecognizer):
    """IBANs, compact or in groups of four; cut to the country's length, then ISO 7064 mod-97 checked."""

    ENTITY = "IBAN_CODE"
    PATTERNS = (("iban", r"[A-Z](?<![0-9A-Za-z][\s\S])[A-Z][0-9]{2}(?: ?[0-9A-Z]{4}){2,7}(?: ?[0-9A-Z]{1,3})?", 0.5),)
    PREFILTER = r"[A-Z]{2}[0-9]{2}"

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
    PREFILTER = r"[0-9]{3}[- ][0-9]{2}[- ][0-9]{4}"

    def validate_result(self, pattern_text: str):
        return None if ck.is_valid_us_ssn(pattern_text.replace("-", "").replace(" ", "")) else False


EN_RECOGNIZERS: tuple[type[FastPatternRecognizer], ...] = (
    PhoneNumberRecognizer,
    CreditCardRecognizer,
    IbanRecognizer,
    UsSsnRecognizer,
)
