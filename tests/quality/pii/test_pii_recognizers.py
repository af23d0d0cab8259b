"""Recognizer behaviour: valid values found with exact spans, look-alikes and embedded runs rejected."""

from __future__ import annotations

import random

import pytest
from stdnum import iban as std_iban
from stdnum import luhn as std_luhn
from stdnum.cn import ric, uscc

from corpusgov.quality.pii import checksums as ck
from corpusgov.quality.pii import synth
from corpusgov.quality.pii.policy import PiiPolicy
from corpusgov.quality.pii.scanner import PiiScanner


@pytest.fixture(scope="module")
def scanner() -> PiiScanner:
    return PiiScanner(PiiPolicy())


def found(scanner: PiiScanner, text: str, lang: str | None = None) -> list[tuple[str, str]]:
    return [(f.entity_type, text[f.start : f.end]) for f in scanner.scan(text, lang)]


VALID = [
    ("CN_RESIDENT_ID", synth.resident_id, "身份证号{}，"),
    ("CN_RESIDENT_ID", synth.resident_id_15, "身份证号码{}。"),
    ("CN_MOBILE", synth.cn_mobile, "请拨打{}联系"),
    ("CN_LANDLINE", synth.cn_landline, "座机{}，"),
    ("CN_BANK_CARD", synth.unionpay_card, "卡号{}。"),
    ("CN_PASSPORT", synth.cn_passport, "护照号码{}。"),
    ("CN_HMT_PERMIT", synth.hk_macau_permit, "回乡证{}。"),
    ("CN_HMT_PERMIT", synth.taiwan_permit, "台胞证号码：{}。"),
    ("CN_USCC", synth.uscc, "信用代码{}，"),
    ("CN_PLATE", synth.cn_plate, "车牌{}的车"),
    ("EMAIL_ADDRESS", synth.email, "邮箱是{}，"),
    ("IP_ADDRESS", synth.ipv4, "地址{}被拦截"),
    ("IP_ADDRESS", synth.ipv6, "IPv6地址{}，"),
    ("PHONE_NUMBER", synth.us_phone, "Call {} now."),
    ("PHONE_NUMBER", synth.intl_phone, "Tel {}."),
    ("CREDIT_CARD", synth.credit_card, "card {} declined"),
    ("IBAN_CODE", synth.iban, "IBAN {} please"),
    ("US_SSN", synth.us_ssn, "SSN {}."),
]


@pytest.mark.parametrize(("entity", "gen", "template"), VALID, ids=[f"{e}-{g.__name__}" for e, g, _ in VALID])
def test_valid_values_are_found_with_exact_span(scanner, entity, gen, template):
    rng = random.Random(1)
    for _ in range(40):
        value = gen(rng)
        text = template.replace("{}", value)
        assert (entity, value) in found(scanner, text), (entity, len(value))


INVALID = [
    (synth.invalid_resident_id, "身份证号{}，"),
    (synth.invalid_card, "编号{}。"),  # with a card word a UnionPay number is reported at 0.55 (test_pii_precision)
    (synth.invalid_uscc, "信用代码{}，"),
    (synth.invalid_us_ssn, "SSN {}."),
    (lambda r: synth.invalid_card(r, "4"), "card {} declined"),
]


@pytest.mark.parametrize(("gen", "template"), INVALID)
def test_invalid_look_alikes_are_rejected(scanner, gen, template):
    rng = random.Random(2)
    for _ in range(40):
        assert found(scanner, template.replace("{}", gen(rng))) == []


def test_mobile_without_word_boundary(scanner):
    assert found(scanner, "手机号13812345678") == [("CN_MOBILE", "13812345678")]
    assert found(scanner, "手机号是13812345678，谢谢") == [("CN_MOBILE", "13812345678")]
    assert found(scanner, "电话+86 138-1234-5678转") == [("CN_MOBILE", "+86 138-1234-5678")]


@pytest.mark.parametrize(
    "text",
    [
        "订单号201912310000123456789",  # long order number
        "流水号2024138123456781234",  # contains a mobile-like substring
        "编号911010519491231002X7",  # contains a valid ID
        "单号9622848040256489001899",  # contains a card-like run
        "运单号SF13812345678",  # letters before the digits
        "型号13812345678A",
    ],
)
def test_no_match_inside_longer_runs(scanner, text):
    assert found(scanner, text) == []


def test_email_yields_only_the_ascii_address(scanner):
    assert found(scanner, "邮箱是zhangsan@163.com，欢迎来信") == [("EMAIL_ADDRESS", "zhangsan@163.com")]
    assert found(scanner, "mail to a@b.invalidtld") == []


def test_card_that_is_a_valid_resident_id_is_not_a_card(scanner):
    rng = random.Random(3)
    while True:  # a Gansu (62…) ID that also passes Luhn
        value = synth.resident_id(rng, region="620102")
        if value.isdigit() and ck.luhn_ok(value):
            break
    assert found(scanner, f"号码{value}。") == [("CN_RESIDENT_ID", value)]


def test_context_is_required_and_sentence_bound(scanner):
    assert found(scanner, "产品型号E12345678已停产。") == []
    assert found(scanner, "护照号码E12345678。") == [("CN_PASSPORT", "E12345678")]
    assert found(scanner, "护照已办。编号E12345678。") == []
    assert found(scanner, "编号12345678的档案") == []
    assert found(scanner, "台胞证号码：12345678。") == [("CN_HMT_PERMIT", "12345678")]


def test_iban_is_cut_at_country_length(scanner):
    text = "IBAN GB82 WEST 1234 5698 7654 32 TO you"
    assert found(scanner, text) == [("IBAN_CODE", "GB82 WEST 1234 5698 7654 32")]


def test_times_dates_versions_are_not_pi(scanner):
    text = "发布于2024-01-15 12:30:45，版本v2.3.1，金额12,345.67元，ISBN 978-7-111-12345-6。"
    assert found(scanner, text) == []


def test_plates_incl_new_energy(scanner):
    assert found(scanner, "车牌京A12345和粤BD12345") == [("CN_PLATE", "京A12345"), ("CN_PLATE", "粤BD12345")]
    assert found(scanner, "京ABCDE1") == []  # more than two letters in the serial


def test_names_and_addresses_best_effort(scanner):
    text = "联系人：王小明，住在北京市海淀区中关村大街27号院3号楼2单元501室。张伟先生表示同意。"
    assert found(scanner, text) == [
        ("CN_PERSON", "王小明"),
        ("CN_ADDRESS", "北京市海淀区中关村大街27号院3号楼2单元501室"),
        ("CN_PERSON", "张伟"),
    ]
    assert found(scanner, "公司高层表示，各位先生女士，王府井大街人流密集。") == []


def test_checksums_agree_with_python_stdnum():
    rng = random.Random(4)
    for _ in range(200):
        rid = synth.resident_id(rng)
        # stdnum also requires the county code to have existed in the birth year; compare the checksum only.
        assert ck.is_valid_resident_id(rid) and ric.calc_check_digit(rid) == rid[-1]
        bad = synth.invalid_resident_id(rng)
        assert not ck.is_valid_resident_id(bad)
        code = synth.uscc(rng)
        assert ck.is_valid_uscc(code) and uscc.is_valid(code)
        card = synth.unionpay_card(rng, grouped=False)
        assert ck.luhn_ok(card) and std_luhn.is_valid(card)
        iban = synth.iban(rng).replace(" ", "")
        assert ck.is_valid_iban(iban) and std_iban.is_valid(iban)
    assert ck.is_valid_resident_id("11010519491231002X")
    assert ck.is_valid_uscc("91110000600037341L")


def test_synth_is_deterministic():
    def sample(seed: int) -> list[str]:
        rng = random.Random(seed)
        return [g(rng) for g, *_ in [(v[1],) for v in VALID] for _ in range(3)]

    assert sample(9) == sample(9)
    assert sample(9) != sample(10)
