"""quality.textlm: the n-gram LM and coherence signals are per document whatever the batch, neutral on too little
text, and move the way their docstrings say (word order, spliced topics). Texts are written here."""

from __future__ import annotations

import random

import numpy as np
import pytest

from corpusgov.quality import textlm
from corpusgov.quality.eval import build_textlm

EN = ("The runner reads every shard once and writes the decision of each document to a table. When a worker fails, "
      "the bundle is started again on another machine and the table is the same. The table is sorted by the record "
      "identifier before it is written, so the order of the workers does not matter. Counters are summed per shard "
      "and the sums are merged at the end of the run.")
ZH = ("这个流水线每次只读取一个分片，并把每篇文档的处理结果写入一张表。如果某个工作进程失败，运行器会在另一台机器上重新"
      "执行这一批数据。表在写入之前按记录编号排序，所以工作进程的顺序不影响结果。每个分片的计数器分别求和，运行结束时再合并。")


def _tables() -> textlm.Tables:
    """Tables counted from the texts above (so the test does not depend on the shipped file's contents)."""
    en_uni, en_bi = build_textlm.count_en([EN] * 3)
    zh_uni, zh_bi = build_textlm.count_zh([ZH] * 3)
    return textlm.tables_from_counts(en_uni, en_bi, zh_uni, zh_bi)


def test_every_signal_is_per_document_whatever_the_batch() -> None:
    t = _tables()
    texts = [EN, ZH, "short", "", EN + "\n\n" + ZH, "\ud800 odd \x00 input"]
    alone = [textlm.textlm_batch([x], t)[0] for x in texts]
    together = textlm.textlm_batch(texts, t)
    shuffled = textlm.textlm_batch(texts[::-1], t)[::-1]
    assert alone == together == shuffled
    assert all(set(s) == set(textlm.SIGNALS) and all(np.isfinite(list(s.values()))) for s in together)


def test_too_little_text_is_neutral() -> None:
    s = textlm.textlm_batch(["Too short to judge.", "太短了。"], _tables())
    assert s[0] == textlm.NEUTRAL and s[1] == textlm.NEUTRAL


def test_swapped_word_order_loses_the_context_gain() -> None:
    t = _tables()
    words = EN.split()
    rng = random.Random(1)
    for i in range(0, len(words) - 1, 2):
        if rng.random() < 0.8:
            words[i], words[i + 1] = words[i + 1], words[i]
    real, swapped = textlm.textlm_batch([EN, " ".join(words)], t)
    assert real["en_lm_gain"] > swapped["en_lm_gain"] + 0.5
    assert real["en_lm_seen"] > swapped["en_lm_seen"]
    zh_real, zh_swapped = textlm.textlm_batch([ZH, "".join(ZH[i + 1] + ZH[i] for i in range(0, len(ZH) - 1, 2))], t)
    assert zh_real["zh_lm_gain"] > zh_swapped["zh_lm_gain"]


def test_adjacent_sentences_on_one_topic_overlap_more_than_a_splice() -> None:
    t = _tables()
    topic = "The shard table holds counters. Each shard table is sorted. The sorted table is merged. Merged counters are summed."
    splice = "The shard table holds counters. Rivers flood in spring. Kernel modules load at boot. Poems rhyme in pairs."
    a, b = textlm.textlm_batch([topic, splice], t)
    assert a["adj_overlap"] == 1.0 and b["adj_overlap"] == 0.0
    assert b["sent_len_cv"] >= 0.0


def test_shipped_tables_load_and_score_real_looking_text_above_word_salad() -> None:
    words = EN.split()
    random.Random(2).shuffle(words)
    real, salad = textlm.textlm_batch([EN, " ".join(words)])
    assert real["en_lm_logp"] > salad["en_lm_logp"] and real["en_lm_gain"] > salad["en_lm_gain"]


@pytest.mark.parametrize("text", [EN, ZH])
def test_counts_match_the_tokens(text: str) -> None:
    uni, bi = (build_textlm.count_en if text is EN else build_textlm.count_zh)([text])
    n = len(text.split()) if text is EN else sum("\u4e00" <= c <= "\u9fff" for c in text)
    assert uni.sum() == n and 0 < bi.sum() < n


def test_shuffled_words_make_new_cross_word_joins() -> None:
    """zh_lm_cross_neg reads only the pairs across word boundaries: the real order's joins were counted, a shuffle's
    are new; too few such pairs is neutral."""
    import jieba

    t = _tables()
    words = jieba.lcut(ZH)
    random.Random(3).shuffle(words)
    real, shuffled = textlm.textlm_batch([ZH, "".join(words)], t, coherence=False)
    assert set(real) == set(textlm.LM_SIGNALS)
    assert real["zh_lm_cross_neg"] < shuffled["zh_lm_cross_neg"]
    assert shuffled["zh_lm_cross_neg"] - real["zh_lm_cross_neg"] > 0.3
    assert textlm.textlm_batch(["太短了。"], t)[0]["zh_lm_cross_neg"] == textlm.NEUTRAL["zh_lm_cross_neg"]


VERSE = "白日依山尽，黄河入海流。欲穷千里目，更上一层楼。" * 2  # no modern function word: not modern by the gate


def test_only_texts_that_are_not_modern_read_the_verse_counts() -> None:
    """The classical counts (``zh_*_verse``) change the Chinese signals of verse and leave modern text (and so
    misordered modern junk) exactly as the modern-only tables score it."""
    en_uni, en_bi = build_textlm.count_en([EN] * 3)
    zh_uni, zh_bi = build_textlm.count_zh([ZH] * 3)
    v_uni, v_bi = build_textlm.count_zh([VERSE] * 3)
    plain = textlm.tables_from_counts(en_uni, en_bi, zh_uni, zh_bi)
    with_verse = textlm.tables_from_counts(en_uni, en_bi, zh_uni, zh_bi, v_uni, v_bi)
    zh_a, verse_a = textlm.textlm_batch([ZH, VERSE], plain)
    zh_b, verse_b = textlm.textlm_batch([ZH, VERSE], with_verse)
    assert zh_a == zh_b and zh_a["zh_modern_density"] >= 0.03
    assert verse_b["zh_lm_gain"] > verse_a["zh_lm_gain"] + 0.5 and verse_b["zh_lm_seen"] > verse_a["zh_lm_seen"]
