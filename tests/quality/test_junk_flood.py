"""Floods: a repeated short unit filling a document is junk; underlines, refrains and tables are not."""

from __future__ import annotations

import pytest

from corpusgov.quality.junk_flood import flood_run_frac
from corpusgov.quality.signals import compute_signals


def _frac(text: str) -> float:
    return flood_run_frac(text, sum(1 for c in text if not c.isspace()))


@pytest.mark.parametrize("text", [
    "遍阅人情，始识疏" + "~" * 120,
    "这个视频太好笑了" + "哈" * 60,
    "Best game ever" + "!" * 80,
    "前排" + "233" * 40,
    "The Optimized C Back End" + "=" * 150,
])
def test_flood_fills_the_document(text: str) -> None:
    assert _frac(text) > 0.4


@pytest.mark.parametrize("text", [
    "Mapping Protocol Access\n=======================\n\nThese functions access mapping objects.",
    "君问归期未有期，巴山夜雨涨秋池。何当共剪西窗烛，却话巴山夜雨时。",
    "+-----+-----+\n| a   | b   |\n+-----+-----+\n| 1   | 2   |\n+-----+-----+",
    "哈" * 19,  # 19 copies: below the 20 a flood needs
    "",
])
def test_real_text_is_no_flood(text: str) -> None:
    assert _frac(text) <= 0.4


def test_run_counts_whole_units() -> None:
    text = "ab" + "xyz" * 30
    assert _frac(text) == pytest.approx(90 / 92)
    assert _frac("a" * 19) == 0.0


def test_signal_and_policy_drop_a_flood() -> None:
    sig = compute_signals("遍阅人情，始识疏" + "~" * 120, "zh")
    assert sig["flood_run_frac"] > 0.9
    assert compute_signals("The quick brown fox jumps over the lazy dog.", "en")["flood_run_frac"] == 0.0


def test_demo_policy_drops_a_flood_for_it() -> None:
    from pathlib import Path

    from corpusgov.config import load_policy
    from corpusgov.quality.signals import evaluate_rules

    policy = load_policy(str(Path(__file__).resolve().parents[2] / "configs" / "demo" / "policy.yaml"))
    failed = evaluate_rules(compute_signals("这个视频太好笑了" + "哈" * 60, "zh"), policy.quality)
    assert ("flood_run_frac", "drop") in failed
