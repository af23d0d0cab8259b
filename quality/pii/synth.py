"""Seeded generators of synthetic personal information: valid identifiers and invalid look-alikes.

Every function takes a `random.Random`, so a seed fixes the output. Values are structurally valid (checksums,
real region codes, real mobile prefixes) but random, so they identify nobody. Used by the labelled evaluation
set and by the demo-corpus generator to plant PI.
"""

from __future__ import annotations

import ipaddress
import random
import string

from corpusgov.quality.pii import checksums as ck

# Real county-level codes (GB/T 2260), including Gansu 62xxxx, whose IDs look like UnionPay cards.
REGION_CODES = (
    "110105", "110108", "120101", "130102", "140105", "150102", "210102", "220102", "230102", "310104",
    "310115", "320102", "330106", "340102", "350102", "360102", "370202", "410105", "420111", "430104",
    "440106", "440305", "450103", "460106", "500103", "510107", "520102", "530102", "540102", "610113",
    "620102", "620503", "630102", "640104", "650102",
)
MOBILE_PREFIXES = (
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "147", "150", "151", "152", "153", "155",
    "156", "157", "158", "159", "166", "173", "176", "177", "178", "180", "181", "182", "183", "185", "186",
    "187", "188", "189", "191", "195", "198", "199",
)
AREA_CODES = ("010", "020", "021", "022", "023", "024", "025", "027", "028", "029", "0311", "0371", "0431",
              "0451", "0531", "0551", "0571", "0591", "0731", "0755", "0769", "0871", "0898", "0931")
UNIONPAY_BINS = ("622202", "622848", "621700", "622588", "621483", "622609", "623668", "622150", "625911",
                 "621226", "622700", "620200")
PLATE_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢"
COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "慕容")
GIVEN_CHARS = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建文辉宇晨浩然欣怡子轩梓涵雨桐思远嘉俊佳琪志国海燕春梅"
CITIES = (
    ("北京市", "海淀区", ("中关村大街", "学院路", "知春路")),
    ("北京市", "朝阳区", ("建国路", "东三环中路", "望京街")),
    ("上海市", "徐汇区", ("漕溪北路", "肇嘉浜路", "虹桥路")),
    ("上海市", "浦东新区", ("世纪大道", "张江路", "陆家嘴环路")),
    ("广东省广州市", "天河区", ("天河路", "体育西路", "珠江新城花城大道")),
    ("广东省深圳市", "南山区", ("科技园南路", "深南大道", "海德三道")),
    ("浙江省杭州市", "西湖区", ("文三路", "天目山路", "教工路")),
    ("四川省成都市", "武侯区", ("人民南路", "科华北路", "天府大道")),
    ("湖北省武汉市", "洪山区", ("珞喻路", "雄楚大道", "光谷大道")),
    ("江苏省南京市", "玄武区", ("中山路", "北京东路", "珠江路")),
    ("陕西省西安市", "雁塔区", ("小寨东路", "科技路", "长安南路")),
)
ESTATES = ("阳光花园", "翠苑小区", "金地家园", "华府公寓", "和平新村")
EN_FIRST = ("James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "David", "Susan")
EN_LAST = ("Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Taylor", "Clark")
# No RFC 2606 example.* domains: the e-mail recognizer rightly ignores them.
EMAIL_DOMAINS = ("foxmail.com", "mail.tsinghua.edu.cn", "qq.com", "163.com", "126.com", "gmail.com", "outlook.com",
                 "company.com.cn", "sina.cn", "example.co.uk")


# Assigned US geographic area codes (NANPA), so generated numbers pass `phonenumbers` validation.
US_AREA_CODES = tuple(int(x) for x in (
    "201 202 203 205 206 207 208 209 210 212 213 214 215 216 217 218 219 224 225 228 229 231 234 239 240 248 251 "
    "252 253 254 256 260 262 267 269 270 276 281 301 302 303 304 305 307 308 309 310 312 313 314 315 316 317 318 "
    "319 320 321 323 325 330 334 336 337 339 347 351 352 360 361 386 401 402 404 405 406 407 408 409 410 412 413 "
    "414 415 417 419 423 425 432 434 435 440 443 469 478 479 480 484 501 502 503 504 505 507 508 509 510 512 513 "
    "515 516 517 518 520 530 540 541 551 559 561 562 563 567 570 571 573 574 580 585 586 601 602 603 605 606 607 "
    "608 609 610 612 614 615 616 617 618 619 620 623 626 630 631 636 641 646 650 651 660 661 662 678 682 701 702 "
    "703 704 706 707 708 712 713 714 715 716 717 718 719 720 724 727 731 732 734 740 754 757 760 763 765 770 772 "
    "773 774 775 781 785 786 801 802 803 804 805 806 808 810 812 813 814 815 816 817 818 828 830 831 832 843 845 "
    "847 848 850 856 857 858 859 860 862 863 864 865 870 901 903 904 906 907 908 909 910 912 913 914 915 916 917 "
    "918 919 920 925 928 931 936 937 940 941 949 951 952 954 956 970 971 972 973 978 979 980 985 989"
).split())


def _nonzero(digits: str) -> str:
    return digits if digits[0] != "0" else "5" + digits[1:]


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


def _birth(rng: random.Random, lo: int = 1950, hi: int = 2008) -> tuple[int, int, int]:
    y, m = rng.randint(lo, hi), rng.randint(1, 12)
    d = rng.randint(1, 28 if m == 2 else 30)
    return y, m, d


# --- Chinese identifiers --------------------------------------------------------------------------------

def resident_id(rng: random.Random, region: str | None = None) -> str:
    """18-digit resident ID with a real region code, valid birth date and GB 11643 check character."""
    y, m, d = _birth(rng)
    body = f"{region or rng.choice(REGION_CODES)}{y:04d}{m:02d}{d:02d}{_digits(rng, 3)}"
    return body + ck.resident_id_check_char(body)


def resident_id_15(rng: random.Random) -> str:
    """Legacy 15-digit ID: region, yymmdd, 3-digit sequence (no check digit)."""
    y, m, d = _birth(rng, 1940, 1990)
    return f"{rng.choice(REGION_CODES)}{y % 100:02d}{m:02d}{d:02d}{_digits(rng, 3)}"


def invalid_resident_id(rng: random.Random) -> str:
    """Looks like an ID but fails: wrong check character, impossible date or non-province region."""
    kind = rng.randrange(3)
    good = resident_id(rng)
    if kind == 0:
        wrong = [c for c in "0123456789X" if c != good[17]]
        return good[:17] + rng.choice(wrong)
    if kind == 1:
        body = good[:10] + "0231" + good[14:17]  # 31 February
        return body + ck.resident_id_check_char(body)
    body = "99" + good[2:17]
    return body + ck.resident_id_check_char(body)


def cn_mobile(rng: random.Random, style: int | None = None) -> str:
    n = rng.choice(MOBILE_PREFIXES) + _digits(rng, 8)
    style = rng.randrange(5) if style is None else style
    return (
        n,
        f"+86 {n}",
        f"{n[:3]}-{n[3:7]}-{n[7:]}",
        f"{n[:3]} {n[3:7]} {n[7:]}",
        f"+86-{n}",
    )[style]


def cn_landline(rng: random.Random) -> str:
    area = rng.choice(AREA_CODES)
    local = str(rng.randint(2, 8)) + _digits(rng, 7 if len(area) == 3 else rng.choice((6, 7)))
    return f"({area}){local}" if rng.random() < 0.3 else f"{area}-{local}"


def _luhn_card(rng: random.Random, prefix: str, length: int) -> str:
    partial = prefix + _digits(rng, length - len(prefix) - 1)
    return partial + ck.luhn_check_digit(partial)


def _group(num: str, rng: random.Random, grouped: bool | None) -> str:
    if grouped is None:
        grouped = rng.random() < 0.4
    if not grouped:
        return num
    sep = rng.choice(" -")
    return sep.join(num[i : i + 4] for i in range(0, len(num), 4))


def unionpay_card(rng: random.Random, grouped: bool | None = None) -> str:
    """Luhn-valid UnionPay (62…) debit/credit card, 16 or 19 digits."""
    length = rng.choice((16, 19))
    num = _luhn_card(rng, rng.choice(UNIONPAY_BINS), length)
    return _group(num, rng, grouped)


def invalid_card(rng: random.Random, prefix: str | None = None) -> str:
    """Card-shaped number that fails Luhn."""
    good = _luhn_card(rng, prefix or rng.choice(UNIONPAY_BINS), rng.choice((16, 19)))
    bad = str((int(good[-1]) + rng.randint(1, 9)) % 10)
    return good[:-1] + bad


def _org_code(rng: random.Random) -> str:
    """GB 11714 organisation code: 8 characters and a check character."""
    alphabet = string.digits + "ABCDEFGHJKLMNPQRTUWXY"
    body = "".join(rng.choice(alphabet if i else string.digits) for i in range(8))
    return body + ck.org_code_check_char(body)


def uscc(rng: random.Random) -> str:
    """Unified social credit code with a real region code and the GB 32100 check character."""
    first17 = rng.choice(("91", "92", "93", "12", "52", "11")) + rng.choice(REGION_CODES) + _org_code(rng)
    return first17 + ck.uscc_check_char(first17)


def invalid_uscc(rng: random.Random) -> str:
    good = uscc(rng)
    wrong = [c for c in "0123456789ABCDEFGHJKLMNPQRTUWXY" if c != good[17]]
    return good[:17] + rng.choice(wrong)


def cn_passport(rng: random.Random) -> str:
    return rng.choice("EEEG") + _digits(rng, 8)


def hk_macau_permit(rng: random.Random) -> str:
    return rng.choice("HM") + _digits(rng, rng.choice((8, 8, 10)))


def taiwan_permit(rng: random.Random) -> str:
    return _digits(rng, 8)


def cn_plate(rng: random.Random, new_energy: bool | None = None) -> str:
    head = rng.choice(PLATE_PROVINCES) + rng.choice(PLATE_LETTERS)
    if new_energy if new_energy is not None else rng.random() < 0.25:
        return head + rng.choice("DF") + rng.choice(PLATE_LETTERS + string.digits) + _digits(rng, 4)
    serial = list(_digits(rng, 5))
    for i in rng.sample(range(5), rng.choice((0, 0, 1, 2))):
        serial[i] = rng.choice(PLATE_LETTERS)
    if not any(c.isdigit() for c in serial):
        serial[0] = "1"
    return head + "".join(serial)


def email(rng: random.Random) -> str:
    user = "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(3, 9)))
    if rng.random() < 0.4:
        user += rng.choice("._") + "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(2, 6)))
    if rng.random() < 0.3:
        user += _digits(rng, rng.randint(2, 4))
    return f"{user}@{rng.choice(EMAIL_DOMAINS)}"


def ipv4(rng: random.Random) -> str:
    """A globally routable address (private, loopback, documentation… ranges are not personal data)."""
    first = rng.choice((58, 116, 202, rng.randint(1, 223)))
    rest = f".{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    while not ipaddress.ip_address(f"{first}{rest}").is_global or first in (100, 169, 172, 192, 198):
        first = first % 223 + 1  # deterministic step, no extra random draws
    return f"{first}{rest}"


def ipv6(rng: random.Random) -> str:
    groups = [f"{rng.randint(0, 0xFFFF):x}" for _ in range(8)]
    if rng.random() < 0.5:
        return "2408:8000::" + ":".join(groups[:3])
    groups[0] = f"{0x2400 + int(groups[0], 16) % 0x0C00:x}"  # global unicast 2400::/6 region, assigned space
    return ":".join(groups)


def cn_name(rng: random.Random) -> str:
    surname = rng.choice(COMPOUND_SURNAMES) if rng.random() < 0.05 else rng.choice(SURNAMES)
    return surname + "".join(rng.choice(GIVEN_CHARS) for _ in range(rng.choice((1, 2, 2))))


def cn_address(rng: random.Random) -> str:
    city, district, roads = rng.choice(CITIES)
    if rng.random() < 0.75:
        addr = f"{city}{district}{rng.choice(roads)}{rng.randint(1, 999)}号"
        if rng.random() < 0.5:
            addr += f"{rng.randint(1, 20)}号楼{rng.randint(1, 6)}单元{rng.randint(1, 30)}0{rng.randint(1, 4)}室"
    else:
        addr = f"{city}{district}{rng.choice(ESTATES)}{rng.randint(1, 30)}栋{rng.randint(1, 30)}0{rng.randint(1, 4)}室"
    return addr


# --- English-format identifiers -------------------------------------------------------------------------

def us_ssn(rng: random.Random) -> str:
    while True:
        area = rng.randint(1, 899)
        if area != 666:
            break
    return f"{area:03d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"


def invalid_us_ssn(rng: random.Random) -> str:
    return rng.choice((f"000-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}",
                       f"666-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}",
                       f"9{rng.randint(10, 99)}-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}",
                       f"{rng.randint(100, 665)}-00-{rng.randint(1000, 9999)}"))


def us_phone(rng: random.Random) -> str:
    a, b, c = US_AREA_CODES[rng.randint(201, 989) % len(US_AREA_CODES)], rng.randint(200, 999), _digits(rng, 4)
    if b % 100 == 11 or b in (555, 950, 958, 959, 976):
        b += 1  # N11 and special-use exchanges are not subscriber numbers
    return rng.choice((f"({a}) {b}-{c}", f"{a}-{b}-{c}", f"+1 {a} {b} {c}", f"{a}.{b}.{c}", f"+1 ({a}) {b}-{c}"))


def intl_phone(rng: random.Random) -> str:
    return rng.choice((
        f"+44 20 {rng.randint(7000, 8999)} {_digits(rng, 4)}",
        f"+49 30 2{_digits(rng, 7)}",
        f"+33 1 {_digits(rng, 2)} {_digits(rng, 2)} {_digits(rng, 2)} {_digits(rng, 2)}",
        f"+81 3-{_nonzero(_digits(rng, 4))}-{_digits(rng, 4)}",
    ))


def credit_card(rng: random.Random, brand: str | None = None, grouped: bool | None = None) -> str:
    """Luhn-valid Visa, Mastercard, Amex or Discover number."""
    brand = brand or rng.choice(("visa", "mastercard", "amex", "discover"))
    if brand == "amex":
        num = _luhn_card(rng, rng.choice(("34", "37")), 15)
        if grouped if grouped is not None else rng.random() < 0.4:
            sep = rng.choice(" -")
            return f"{num[:4]}{sep}{num[4:10]}{sep}{num[10:]}"
        return num
    prefix = {"visa": "4", "mastercard": rng.choice(("51", "53", "55", "2221")), "discover": "6011"}[brand]
    return _group(_luhn_card(rng, prefix, 16), rng, grouped)


def iban(rng: random.Random, country: str | None = None) -> str:
    """Valid IBAN for DE, GB, FR or NL, printed in groups of four about half the time."""
    country = country or rng.choice(("DE", "GB", "FR", "NL"))
    letters = string.ascii_uppercase
    bban = {
        "DE": lambda: _digits(rng, 18),
        "GB": lambda: "".join(rng.choice(letters) for _ in range(4)) + _digits(rng, 14),
        "FR": lambda: _digits(rng, 23),
        "NL": lambda: "".join(rng.choice(letters) for _ in range(4)) + _digits(rng, 10),
    }[country]()
    num = int("".join(str(int(c, 36)) for c in bban + country + "00"))
    compact = f"{country}{98 - num % 97:02d}{bban}"
    if rng.random() < 0.5:
        return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))
    return compact


def en_name(rng: random.Random) -> str:
    return f"{rng.choice(EN_FIRST)} {rng.choice(EN_LAST)}"


# Entity type -> generator of a valid value, for planting PI (e.g. in the demo corpus).
GENERATORS = {
    "CN_RESIDENT_ID": resident_id,
    "CN_MOBILE": cn_mobile,
    "CN_LANDLINE": cn_landline,
    "CN_BANK_CARD": unionpay_card,
    "CN_PASSPORT": cn_passport,
    "CN_HMT_PERMIT": hk_macau_permit,
    "CN_USCC": uscc,
    "CN_PLATE": cn_plate,
    "EMAIL_ADDRESS": email,
    "IP_ADDRESS": ipv4,
    "CN_PERSON": cn_name,
    "CN_ADDRESS": cn_address,
    "US_SSN": us_ssn,
    "PHONE_NUMBER": us_phone,
    "CREDIT_CARD": credit_card,
    "IBAN_CODE": iban,
    "PERSON": en_name,
}
