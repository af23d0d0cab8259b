"""Floods: a repeated short unit filling a document is junk; underlines, refrains and tables are not."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from corpusgov.config import load_policy
from corpusgov.quality.junk_flood import flood_run_frac, flood_runs_batch
from corpusgov.quality.signals import compute_signals, evaluate_rules


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
    policy = load_policy(str(Path(__file__).resolve().parents[2] / "configs" / "demo" / "policy.yaml"))
    failed = evaluate_rules(compute_signals("这个视频太好笑了" + "哈" * 60, "zh"), policy.quality)
    assert ("flood_run_frac", "drop") in failed


_REFERENCE = re.compile(r"([^\s\u00a0\u3000]{1,3}?)\1{19,}")


def test_batch_equals_the_regex_reference_and_each_text_alone() -> None:
    """The numpy pass finds the regex's longest flood, per text, and a batch never joins runs across texts."""
    rng = random.Random(7)
    texts = ["遍阅人情，始识疏" + "~" * 120, "前排" + "233" * 40, "ab" + "xyz" * 30 + "xy", "a" * 19, "a" * 20,
             "Mapping\n=======\n", "x" + "哈哈" * 25, "~" * 10, "~" * 10 + "\u3000" * 30, ""]
    alphabet = "ab~=哈 \n"
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80))) + rng.choice("~=哈") * rng.randint(0, 60)
              for _ in range(300)]
    runs = flood_runs_batch(texts)
    for text, run in zip(texts, runs, strict=True):
        ref = max((m.end() - m.start() for m in _REFERENCE.finditer(text)), default=0)
        assert run == ref, text
        assert flood_runs_batch([text]) == [run]
    assert flood_runs_batch(["~" * 10, "~" * 10]) == [0, 0]  # 20 in all, but in two texts
