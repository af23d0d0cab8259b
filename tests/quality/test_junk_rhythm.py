"""Clause rhythm (quality.junk_rhythm): random punctuation in weak-pair Chinese is dropped; regular classical
clauses and modern Chinese with Latin words are kept. All examples are written here."""

from __future__ import annotations

import random

from corpusgov.quality.junk_rhythm import han_clause_cv
from corpusgov.quality.quality_policy import QualityPolicy
from corpusgov.quality.signals import compute_signals, default_quality_rules, evaluate_rules

POLICY = QualityPolicy(rules=default_quality_rules())
# Written for this test in the manner of a regulated verse: four clauses of five characters.
VERSE = "山高云自在，水远月同行。夜静灯花落，风来竹影清。春深人不见，花落鸟空鸣。"
MODERN = "运行 make test 之前，先用 make setup 建立虚拟环境，再用 pytest 执行 tests 目录下的测试，最后检查 ruff 的输出。"


def _soup(seed: int) -> str:
    """Characters of the verse and the modern text drawn with their frequencies, punctuation at random."""
    rng = random.Random(seed)
    pool = [c for c in VERSE + MODERN if "\u4e00" <= c <= "\u9fff"]
    out = []
    for _ in range(300):
        out.append(rng.choice(pool))
        if rng.random() < 0.1:
            out.append(rng.choice("，。、"))
    return "".join(out)


def test_clause_lengths_spread() -> None:
    assert han_clause_cv(VERSE) == 0.0  # every clause has five characters
    assert han_clause_cv("一，二三。四五六，七八九十。") == 0.0  # four runs: too few to judge
    assert han_clause_cv(_soup(1)) > 0.7


def test_soup_is_dropped_and_verse_and_modern_text_kept() -> None:
    dropped = sum("weak_pair_clause_cv" in [n for n, a in evaluate_rules(compute_signals(_soup(s), "zh-Hans"),
                                                                         POLICY) if a == "drop"]
                  for s in range(10))
    assert dropped >= 5  # the rule is one of several that catch soup; here it must fire on most samples
    for text in (VERSE, MODERN * 3):
        sig = compute_signals(text, "zh-Hans")
        assert sig["weak_pair_clause_cv"] <= 0.7, text[:10]
    assert compute_signals(MODERN * 3, "zh-Hans")["weak_pair_clause_cv"] == 0.0  # strong pairs: not judged
