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
