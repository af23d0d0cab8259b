"""Word- and character-order signals (issue 13): shuffling real text must lower them past the shipped
thresholds, while the same text in its real order stays above; short text is never judged."""

from __future__ import annotations

import random

from corpusgov.quality.naturalness import han_stats, word_pair_pmi
from corpusgov.quality.signals import compute_signals, default_quality_rules

RULES = default_quality_rules()

EN = (
    "The pipeline reads every shard once and writes the decisions of each document to a table. When a worker "
    "fails, the runner starts the bundle again on another worker, so the output does not depend on how many "
    "workers there are. A document that is dropped keeps its row in the table, with the name of the rule that "
    "dropped it, and the report counts these rows for each source. The numbers in the report are therefore "
    "the same on a laptop and on a cluster, which is what an auditor needs to see."
)
ZH = (
    "这个流水线每次只读取一个分片，并把每篇文档的处理结果写入一张表。如果某个工作进程失败，运行器会在另一个进程上"
    "重新执行这一批数据，所以输出结果不会因为进程数量不同而改变。被丢弃的文档仍然在表中保留一行，并记录导致丢弃的"
    "规则名称，报告会按来源统计这些记录。因此，报告中的数字在笔记本电脑上和在集群上完全相同，这正是审计人员需要看到的。"
)


def _shuffle_words(text: str, seed: int) -> str:
    words = text.split()
    random.Random(seed).shuffle(words)
    return " ".join(words)


def _shuffle_han(text: str, seed: int) -> str:
    chars = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    random.Random(seed).shuffle(chars)
    it = iter(chars)
    return "".join(next(it) if "\u4e00" <= c <= "\u9fff" else c for c in text)


def test_word_pair_pmi_separates_real_from_shuffled_english() -> None:
    threshold = RULES["word_pair_pmi"]["threshold"]
    real = word_pair_pmi(EN)
    assert real > threshold + 0.2
    shuffled = [word_pair_pmi(_shuffle_words(EN, seed)) for seed in range(10)]
    assert all(s < real for s in shuffled)
    assert sum(s < threshold for s in shuffled) >= 8  # the drop rule catches shuffled prose


def test_han_pair_pmi_separates_real_from_shuffled_chinese() -> None:
    threshold = RULES["han_pair_pmi"]["threshold"]
    real = han_stats(ZH)[2]
    assert real > 1.0
    shuffled = [han_stats(_shuffle_han(ZH, seed))[2] for seed in range(10)]
    # Shuffled characters keep their frequencies, so a chance pair forms a word now and then (0.07-0.28 here):
    # far below the real order, and the 0.14 threshold alone catches part of them (the run and frequency
    # rules the rest, measured in real_text_eval).
    assert max(shuffled) < real / 3
    assert sum(s < threshold for s in shuffled) >= 3


def test_order_signals_are_neutral_on_short_text_and_other_languages() -> None:
    assert word_pair_pmi("Too short to judge.") == 9.0
    assert han_stats("太短了，无法判断。")[2] == 9.0
    de = compute_signals(_shuffle_words(EN, 1), "de")
    assert de["word_pair_pmi"] == 9.0  # English table: other languages are not judged by it
    en = compute_signals(_shuffle_words(EN, 1), "en")
    assert en["word_pair_pmi"] < RULES["word_pair_pmi"]["threshold"]


def test_traditional_chinese_is_judged_on_simplified_pairs() -> None:
    trad = ZH.replace("这", "這").replace("个", "個").replace("进", "進").replace("数", "數").replace("会", "會")
    assert abs(han_stats(trad)[2] - han_stats(ZH)[2]) < 0.3
