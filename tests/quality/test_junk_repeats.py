"""Back-to-back copies counted on characters (quality.junk_repeats): loops are dropped, refrains and the repeated
values documentation shows on purpose are kept. All examples are written here."""

from __future__ import annotations

from corpusgov.quality.junk_repeats import loop_copies_max
from corpusgov.quality.quality_policy import QualityPolicy
from corpusgov.quality.signals import compute_signals, default_quality_rules, evaluate_rules

POLICY = QualityPolicy(rules=default_quality_rules())
PARA = ("The runner reads every shard once and writes the decision of each document to a table, so a rerun on "
        "another machine gives the same table. ")


def _drops(text: str, lang: str) -> list[str]:
    return [n for n, a in evaluate_rules(compute_signals(text, lang), POLICY) if a == "drop"]


def test_copies_are_counted_for_any_unit_length() -> None:
    assert loop_copies_max("where only the " * 10) == 10.0
    assert loop_copies_max(PARA + "writes the decision of " * 7) >= 7.0  # a long head does not dilute the loop
    unit = "信号 值 动作 说明 ─── 几个 信号. "  # 23 characters, mixed scripts: too long a period for token repeats
    assert 7.5 <= loop_copies_max("下面列出常用的信号。" + unit * 8) <= 8.5


def test_refrains_borders_and_documented_values_do_not_count() -> None:
    assert loop_copies_max(PARA) == 1.0
    assert loop_copies_max("=" * 120 + "\n" + "+-----" * 20) == 1.0  # no word in the unit
    assert loop_copies_max("repeat('abc', 6) gives " + "abc, " * 6) == 1.0  # a toy value, not a word
    assert loop_copies_max("ffff:" * 8) == 1.0  # an IPv6 mask: one distinct letter
    refrain = "采薇采薇，薇亦作止。曰归曰归，岁亦莫止。" * 3  # a refrain sung three times
    assert loop_copies_max(refrain) <= 3.0
    assert loop_copies_max("") == 1.0


def test_loops_are_dropped_and_the_paragraph_is_kept() -> None:
    assert "loop_copies_max" in _drops(PARA + "to a table, so " * 9, "en")
    assert "loop_copies_max" in _drops("这个流水线每次只读取一个分片，" + "并把结果写入" * 9, "zh-Hans")
    assert "loop_copies_max" not in _drops(PARA * 2, "en")
