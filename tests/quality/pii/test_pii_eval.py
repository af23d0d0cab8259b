"""Accuracy floors on the committed labelled set (quality/eval/data/pii_eval.jsonl)."""

from __future__ import annotations

import json

import pytest

from corpusgov.quality.eval import build_pii_eval
from corpusgov.quality.eval.pii_eval import DATA, STRUCTURED_ZH, evaluate

STRUCTURED_EN = ("EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN", "IP_ADDRESS")


@pytest.fixture(scope="module")
def results() -> dict:
    return evaluate()


def test_committed_data_matches_the_builder():
    with DATA.open(encoding="utf-8") as f:
        committed = [json.loads(line) for line in f]
    assert committed == build_pii_eval.build()
    assert 500 <= len(committed) <= 1500


@pytest.mark.parametrize("entity", sorted(set(STRUCTURED_ZH) | set(STRUCTURED_EN)))
def test_structured_identifier_floors(results, entity):
    r = results[entity]
    assert r["labelled"] >= 50, entity
    assert r["precision"] >= 0.99, (entity, r)
    assert r["recall"] >= 0.99, (entity, r)


def test_best_effort_types_are_reported(results):
    # No floor: names and addresses are best effort; the numbers are printed by `python -m corpusgov.quality.eval.pii_eval`.
    for entity in ("CN_PERSON", "CN_ADDRESS"):
        assert results[entity]["labelled"] > 50
        assert results[entity]["tp"] > 0, entity  # found at all; the rates are printed, not held
