"""Masking never leaves a raw value; keyed hashes; the decide_pii action table."""

from __future__ import annotations

import pytest

from corpusgov.quality.eval.pii_eval import load
from corpusgov.quality.pii.policy import PiiPolicy
from corpusgov.quality.pii.scanner import PiiFinding, PiiScanner, decide_pii, keyed_hash, mask_text


@pytest.fixture(scope="module")
def scanner() -> PiiScanner:
    return PiiScanner(PiiPolicy())


def test_mask_replaces_with_entity_tag(scanner):
    text = "手机号13812345678，邮箱是zhangsan@qq.com。"
    assert mask_text(text, scanner.scan(text)) == "手机号<CN_MOBILE>，邮箱是<EMAIL_ADDRESS>。"
    assert mask_text(text, []) == text


def test_masking_never_leaves_raw_values(scanner):
    checked = 0
    for d in load():
        findings = scanner.scan(d["text"], d["lang"])
        masked = mask_text(d["text"], findings)
        for f in findings:
            raw = d["text"][f.start : f.end]
            assert raw not in masked, (d["id"], f.entity_type)
            assert f"<{f.entity_type}>" in masked
            checked += 1
    assert checked > 1500


def test_keyed_hash():
    h = keyed_hash("13812345678", b"k1")
    assert len(h) == 64 and set(h) <= set("0123456789abcdef")
    assert h != "13812345678" and "13812345678" not in h
    assert h == keyed_hash("13812345678", b"k1")
    assert h != keyed_hash("13812345678", b"k2")
    assert "13812345678" not in h


def _f(entity: str, start: int = 0) -> PiiFinding:
    return PiiFinding(entity, start, start + 5, 1.0, "test")


POLICY = PiiPolicy(
    actions={
        "consent": {"*": "keep"},
        "none": {"CN_RESIDENT_ID": "drop", "CN_BANK_CARD": "drop", "*": "mask"},
        "*": {"EMAIL_ADDRESS": "keep", "*": "mask"},
    }
)


@pytest.mark.parametrize(
    ("basis", "entities", "action", "reasons"),
    [
        ("none", [], "keep", []),
        ("none", ["CN_MOBILE"], "mask", ["pii:CN_MOBILE:mask"]),
        (
            "none",
            ["CN_MOBILE", "CN_RESIDENT_ID", "CN_MOBILE"],
            "drop",
            ["pii:CN_MOBILE:mask", "pii:CN_RESIDENT_ID:drop"],
        ),
        ("consent", ["CN_RESIDENT_ID", "CN_MOBILE"], "keep", []),
        ("contract", ["EMAIL_ADDRESS"], "keep", []),  # falls back to the "*" legal basis
        ("contract", ["EMAIL_ADDRESS", "US_SSN"], "mask", ["pii:US_SSN:mask"]),
    ],
)
def test_decide_pii_table(basis, entities, action, reasons):
    findings = [_f(e, i * 10) for i, e in enumerate(entities)]
    decision = decide_pii(findings, basis, POLICY)
    assert decision.action == action
    assert decision.reasons == reasons
    assert [f.entity_type for f in decision.to_mask] == [
        e for e in entities if POLICY.action_for(basis, e) == "mask"
    ]


def test_default_policy_masks_everything():
    decision = decide_pii([_f("CN_PLATE")], "publicly_disclosed", PiiPolicy())
    assert decision.action == "mask" and decision.reasons == ["pii:CN_PLATE:mask"]


def _span(entity: str, start: int, end: int, score: float = 0.9) -> PiiFinding:
    return PiiFinding(entity, start, end, score, "test")


def test_mask_text_equals_presidio_anonymizer(scanner):
    """mask_text computes presidio-anonymizer's replace without importing it (it imports spaCy): equal output on
    every PI eval text and on the cases its conflict handling treats specially."""
    from corpusgov.quality.pii.scanner import mask_text_presidio

    compared = 0
    for d in load():
        findings = scanner.scan(d["text"], d["lang"])
        assert mask_text(d["text"], findings) == mask_text_presidio(d["text"], findings), d["id"]
        compared += bool(findings)
    assert compared > 500
    text = "call Ann  Lee or Bob\nLee, Kim \nWu; 13812345678 13912345678x, a@b.cn,c@d.cn"
    cases = [
        [_span("PERSON", 5, 8), _span("PERSON", 10, 13)],  # spaces only between: merged into one tag
        [_span("PERSON", 17, 20), _span("PERSON", 21, 24)],  # a newline between: kept apart
        [_span("PERSON", 26, 29), _span("PERSON", 31, 33)],  # " \n": Presidio's `^( )+$` matches, merged
        [_span("CN_MOBILE", 35, 46), _span("CN_MOBILE", 47, 58)],
        [_span("CN_MOBILE", 35, 46), _span("PHONE_NUMBER", 47, 58)],  # different types: not merged
        [_span("EMAIL_ADDRESS", 61, 67), _span("EMAIL_ADDRESS", 68, 74)],
        [_span("PERSON", 5, 8), _span("PERSON", 8, 13)],  # adjacent, nothing between: two tags
        [_span("PERSON", 5, 8), _span("PERSON", 10, 13), _span("PERSON", 14, 16)],
        [_span("PERSON", 5, 13), _span("CN_MOBILE", 6, 20, 0.95)],  # overlapping: handed to Presidio
    ]
    for fs in cases:
        assert mask_text(text, fs) == mask_text_presidio(text, fs), fs
        assert mask_text(text, list(reversed(fs))) == mask_text_presidio(text, fs), fs
    assert mask_text(text, cases[0]) == "call <PERSON> or Bob\nLee, Kim \nWu; 13812345678 13912345678x, a@b.cn,c@d.cn"
