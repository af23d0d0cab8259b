"""Shapes of machine-made text (quality.junk_shapes): each signal fires on its shape and stays 0 on prose."""

from __future__ import annotations

import numpy as np

from corpusgov.quality.junk_shapes import (
    machine_lines_frac,
    sorted_words_frac,
    tandem_repeat_frac,
    utf8_as_gbk_frac,
)
from corpusgov.quality.naturalness import han_order_margin, han_stats
from corpusgov.quality.quality_policy import QualityPolicy
from corpusgov.quality.signals import compute_signals, default_quality_rules, evaluate_rules

POLICY = QualityPolicy(rules=default_quality_rules())
PROSE = (
    "The pipeline reads every shard once and writes the decisions of each document to a table. When a worker "
    "fails, the runner starts the bundle again on another worker, so the output does not depend on how many "
    "workers there are. A document that is dropped keeps its row in the table."
)
ZH = (
    "这个流水线每次只读取一个分片，并把每篇文档的处理结果写入一张表。如果某个工作进程失败，运行器会在另一个进程上"
    "重新执行这一批数据，所以输出结果不会因为进程数量不同而改变。"
)


def _drops(text: str, lang: str) -> list[str]:
    return [n for n, a in evaluate_rules(compute_signals(text, lang), POLICY) if a == "drop"]


def test_tandem_repeat_counts_only_four_copies_in_a_row() -> None:
    ids = np.arange(100, dtype=np.int64)
    assert tandem_repeat_frac(ids) == 0.0
    three = np.concatenate([np.tile([1, 2, 3], 3), ids + 10])  # three copies: a refrain, not a loop
    assert tandem_repeat_frac(three) == 0.0
    loop = np.concatenate([ids[:40] + 200, np.tile([1, 2, 3, 4, 5], 12)])  # 60 of 100 tokens in the loop
    assert abs(tandem_repeat_frac(loop) - 0.6) < 0.02


def test_a_looping_text_is_dropped_and_its_head_alone_is_not() -> None:
    loop = PROSE + " so the output does not depend" * 12
    assert "tandem_repeat_frac" in _drops(loop, "en")
    assert "tandem_repeat_frac" not in _drops(PROSE, "en")


def test_log_and_table_of_contents_lines() -> None:
    log = "\n".join(f"2026-01-0{i} 12:0{i}:00 status installed pkg{i}:amd64 1.{i}" for i in range(1, 8))
    toc = "\n".join(f"{i}.1 Installing the system {'.' * 20} {10 * i}" for i in range(1, 8))
    assert machine_lines_frac(log, 7) == 1.0
    assert machine_lines_frac(toc, 7) == 1.0
    assert machine_lines_frac(PROSE, 1) == 0.0
    assert machine_lines_frac("See section 3.... It is on page 12.\nThe next line.\nAnd one more.", 3) < 0.5
    assert "machine_lines_frac" in _drops(log, "en")


def test_sorted_word_lists_and_prose() -> None:
    words = sorted(set(PROSE.lower().replace(".", "").replace(",", "").split()))
    assert sorted_words_frac(", ".join(words)) == 1.0
    assert 0.3 < sorted_words_frac(PROSE) < 0.7
    assert "sorted_words_frac" in _drops("\n".join(words), "en")


def test_utf8_read_as_gbk_is_mojibake_and_real_chinese_is_not() -> None:
    moji = ZH.encode("utf-8").decode("gbk", errors="replace")
    assert utf8_as_gbk_frac(moji) > 0.5
    assert utf8_as_gbk_frac(ZH) < 0.2
    assert "utf8_as_gbk_frac" in _drops(moji, "zh-Hans")
    assert not _drops(ZH, "zh-Hans")


def test_reversed_chinese_reads_worse_than_forwards() -> None:
    import re

    rev = re.sub(r"[\u4e00-\u9fff]+", lambda m: m.group(0)[::-1], ZH)
    assert han_order_margin(ZH) > 0.5
    assert han_order_margin(rev) < -0.5
    assert "han_order_margin" in _drops(rev, "zh-Hans")
    # The gate: strongly word-like forward pairs skip the margin (neutral), weak ones compute it.
    assert han_stats(ZH)[3] == 9.0
    assert han_stats(rev)[3] < -0.5
