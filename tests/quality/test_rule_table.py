"""Compiled quality rules (rule_table) give evaluate_rules' result on every record, for several policies."""

from __future__ import annotations

import random

from corpusgov.quality.quality_policy import QualityPolicy
from corpusgov.quality.rule_table import compile_rules, failed_rules
from corpusgov.quality.signal_names import SIGNAL_NAMES
from corpusgov.quality.signals import default_quality_rules, evaluate_rules


def _policies() -> list[QualityPolicy]:
    shipped = default_quality_rules()
    rng = random.Random(5)
    names = sorted(SIGNAL_NAMES)
    made = {f"r{i}": {"signal": rng.choice(names), "bound": rng.choice(["min", "max"]),
                      "threshold": rng.choice([0.0, 0.3, 1.0, 5.0, 50.0]), "action": rng.choice(["flag", "drop"]),
                      "applies_to": rng.choice(["all", "spaced", "unspaced"]), "min_words": rng.choice([0, 0, 20]),
                      "enabled": rng.random() > 0.2} for i in range(60)}
    made["stop"] = {"signal": "stopword_hits", "bound": "min", "threshold": 2.0}
    return [QualityPolicy(rules=shipped), QualityPolicy(rules=made), QualityPolicy(enabled=False, rules=made),
            QualityPolicy(rules={})]


def _signals(rng: random.Random) -> dict[str, float]:
    sig = {n: rng.choice([0.0, 0.1, 0.5, 1.0, 3.0, 40.0, 1e3]) for n in SIGNAL_NAMES if rng.random() > 0.05}
    sig["spaced"] = rng.choice([0.0, 1.0])
    sig["stopword_list"] = rng.choice([0.0, 1.0])
    return sig


def test_failed_rules_equal_evaluate_rules() -> None:
    rng = random.Random(9)
    records = [_signals(rng) for _ in range(2000)] + [{}]
    fired = []
    for policy in _policies():
        table = compile_rules(policy)
        got = [failed_rules(s, table) for s in records]
        assert got == [evaluate_rules(s, policy) for s in records]
        fired.append(sum(map(bool, got)))
    assert fired[0] > 100 and fired[1] > 100 and fired[2] == fired[3] == 0  # rules fire where they can
