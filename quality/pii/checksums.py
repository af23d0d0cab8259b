"""Check-digit and structure rules for identifiers, shared by the recognizers and the synthetic generators.

Hand-written (no per-call allocation beyond the string) because validation runs on every candidate match;
python-stdnum agrees with these (see tests) but is several times slower.
"""

from __future__ import annotations

from datetime import date

# GB/T 2260 province-level codes (first two digits of a resident ID / admin division code).
# 71 Taiwan, 81 Hong Kong, 82 Macau, 83 residence permits for Taiwan residents.
PROVINCE_CODES: frozenset[str] = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 "
    "61 62 63 64 65 71 81 82 83".split()
)

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUE = {c: i for i, c in enumerate(_USCC_ALPHABET)}
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def valid_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def resident_id_check_char(first17: str) -> str:
    """GB 11643 check character for the first 17 digits."""
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def is_valid_resident_id(value: str) -> bool:
    """18-digit form: province code, calendar birth date 1800–2099, GB 11643 checksum.

    15-digit legacy form (pre-1999, birth year 19yy, no checksum): province code and calendar date.
    """
    if len(value) == 18:
        body, check = value[:17], value[17].upper()
        if not body.isdigit() or value[:2] not in PROVINCE_CODES:
            return False
        year, month, day = int(body[6:10]), int(body[10:12]), int(body[12:14])
        if not (1800 <= year <= 2099 and valid_date(year, month, day)):
            return False
        return resident_id_check_char(body) == check
    if len(value) == 15:
        if not value.isdigit() or value[:2] not in PROVINCE_CODES:
            return False
        return valid_date(1900 + int(value[6:8]), int(value[8:10]), int(value[10:12]))
    return False


def looks_like_resident_id(value: str) -> bool:
    """Province code and calendar birth date of an 18-character ID, whatever its check character."""
    if len(value) != 18 or not value[:17].isdigit() or value[:2] not in PROVINCE_CODES:
        return False
    year, month, day = int(value[6:10]), int(value[10:12]), int(value[12:14])
    return 1800 <= year <= 2099 and valid_date(year, month, day)


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = ord(c) - 48
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def luhn_check_digit(partial: str) -> str:
    """The digit that makes `partial + digit` pass Luhn."""
    for d in "0123456789":
        if luhn_ok(partial + d):
            return d
    raise AssertionError("unreachable")


def uscc_check_char(first17: str) -> str:
    """GB 32100 check character for the first 17 characters of a unified social credit code."""
    total = sum(_USCC_VALUE[c] * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return _USCC_ALPHABET[(31 - total % 31) % 31]


def org_code_check_char(first8: str) -> str:
    """GB 11714 check character of the 9-character organisation code embedded in a USCC."""
    total = sum(int(c, 36) * w for c, w in zip(first8, (3, 7, 9, 10, 5, 8, 4, 2), strict=True))
    c = 11 - total % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def is_valid_uscc(value: str) -> bool:
    """GB 32100: registration authority and category codes, a province-level admin code, the embedded
    GB 11714 organisation-code check character and the final check character. The two checks together keep
    18-digit order numbers from passing by chance (1 in 31 × 11)."""
    if len(value) != 18 or any(c not in _USCC_VALUE for c in value):
        return False
    if value[0] not in "123456789ANY" or value[1] not in "1239":
        return False
    if not value[2:8].isdigit() or value[2:4] not in PROVINCE_CODES and value[2:4] != "10":
        return False
    if org_code_check_char(value[8:16]) != value[16]:
        return False
    return uscc_check_char(value[:17]) == value[17]


def iban_mod97_ok(compact: str) -> bool:
    """ISO 13616 check: move the first four characters to the end, letters to numbers, mod 97 == 1."""
    s = compact[4:] + compact[:4]
    num = "".join(str(int(c, 36)) for c in s)
    return int(num) % 97 == 1


# ISO 13616 IBAN lengths for the countries most often seen in text (SWIFT registry).
IBAN_LENGTHS: dict[str, int] = {
    "AD": 24, "AE": 23, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BR": 29, "CH": 21,
    "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18,
    "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28,
    "IE": 22, "IL": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LI": 21, "LT": 20,
    "LU": 20, "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18,
    "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24, "SE": 24,
    "SI": 19, "SK": 24, "SM": 27, "TN": 24, "TR": 26, "UA": 29, "VG": 24, "XK": 20,
}


def is_valid_iban(compact: str) -> bool:
    n = IBAN_LENGTHS.get(compact[:2])
    return n is not None and len(compact) == n and compact[2:4].isdigit() and iban_mod97_ok(compact)


def is_valid_us_ssn(digits: str) -> bool:
    """SSA rules: area not 000/666/900–999, group not 00, serial not 0000, and not an all-same run."""
    if len(digits) != 9 or not digits.isdigit():
        return False
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    if area in ("000", "666") or area[0] == "9" or group == "00" or serial == "0000":
        return False
    return len(set(digits)) > 1 and digits not in ("123456789", "078051120")
