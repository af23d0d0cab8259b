"""quality.zh_joins: bad-join and clause-position signals. Texts are written here; the shipped tables are checked to
move the way the module's docstring says, the helpers on arrays whose answers are worked out by hand."""

from __future__ import annotations

import random

import jieba
import numpy as np

from corpusgov.quality import textlm, zh_joins
from corpusgov.quality.eval import build_zh_joins

ZH = ("这个流水线每次只读取一个分片，并把每篇文档的处理结果写入一张表。如果某个工作进程失败了，运行器会在另一台机器上重新"
      "执行这一批数据。表在写入之前按记录编号排序，所以工作进程的顺序不影响结果。我们把每个分片的计数器分别求和，运行结束时再合并。"
      "这样做的好处是，任何一台机器出了问题，都不会让结果变得不一样。")
CLASSICAL = ("山中有古寺，寺前有清泉，泉水出石而东流。僧人汲之以煮茶，客至则共饮之。其味甘而清，饮者忘归，"
             "问其名而不答，但笑指远山而已。春来花满径，秋去叶盈阶，年年如此也。")


def _swapped(text: str, seed: int, p: float = 0.25) -> str:
    """Adjacent jieba words swapped with probability ``p`` (the corruption the signals are for)."""
    rng = random.Random(seed)
    w = jieba.lcut(text)
    i = 0
    while i + 1 < len(w):
        if "\u4e00" <= w[i][0] <= "\u9fff" and "\u4e00" <= w[i + 1][0] <= "\u9fff" and rng.random() < p:
            w[i], w[i + 1] = w[i + 1], w[i]
            i += 2
        else:
            i += 1
    return "".join(w)


def _clauses_rotated(text: str) -> str:
    """Each sentence's clauses moved one place on (the last clause first)."""
    out = []
    for sent in text.split("。"):
        if not sent:
            continue
        parts = sent.split("，")
        out.append("，".join(parts[-1:] + parts[:-1]) + "。")
    return "".join(out)


def test_edge_kinds_follow_the_marks() -> None:
    c = textlm.batch_codes(["甲乙，丙丁。戊", "己"])
    hp = textlm.han_pairs(c)
    before, after = zh_joins.edge_kinds(c.a, hp.idx)
    chars = "".join(chr(int(x)) for x in c.a[hp.idx])
    assert chars == "甲乙丙丁戊己"
    assert before.tolist() == [1, 0, 2, 0, 1, 1]  # 甲 and 戊 start sentences, 丙 a clause inside one; 己 a text
    assert after.tolist() == [0, 2, 0, 1, 1, 1]


def test_edge_counts_are_the_edges() -> None:
    t = build_zh_joins.edge_counts(["甲乙，丙丁。戊", "己"])
    at = {ch: ord(ch) - textlm.HAN_LO for ch in "甲乙丙丁戊己"}
    assert t["start_sent"].sum() == 3 and t["start_sent"][at["甲"]] == 1 and t["start_sent"][at["己"]] == 1
    assert t["start_inner"].sum() == 1 and t["start_inner"][at["丙"]] == 1
    assert t["end_sent"].sum() == 3 and t["end_inner"].sum() == 1 and t["end_inner"][at["乙"]] == 1


def test_lowest_mean_and_worst_window() -> None:
    doc = np.array([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1])
    vals = np.array([5.0, -1.0, 2.0, -3.0, 0.0, 1.0] + [0.0] * 9 + [-1.0, -1.0, 4.0])
    low = zh_joins._lowest_mean(doc, vals, 2)
    assert np.allclose(low[:2], [(-3 - 1 + 0 + 1 + 2) / 5, -2 / 5])
    worst = zh_joins._worst_window(doc, vals, 2)
    assert worst[0] == zh_joins.NEUTRAL["zh_join_worst"]  # fewer values than a window
    assert np.isclose(worst[1], -0.2)  # the window ending on the two -1.0 values, not across documents


def test_swapped_words_make_bad_joins_under_the_shipped_tables() -> None:
    real, *swapped = textlm.textlm_batch([ZH] + [_swapped(ZH, s) for s in range(6)], coherence=False)
    for s in swapped:
        assert s["zh_join_low"] < real["zh_join_low"]
        assert s["zh_join_worst"] < real["zh_join_worst"]
        assert s["zh_join_bad"] > real["zh_join_bad"]
        assert s["zh_join_low_modern"] == s["zh_join_low"]


def test_rotated_clauses_sit_at_the_wrong_edges() -> None:
    real, rotated = textlm.textlm_batch([ZH, _clauses_rotated(ZH)], coherence=False)
    assert real["zh_clause_pos"] > 0.0
    assert rotated["zh_clause_pos"] < real["zh_clause_pos"] - 0.1


def test_register_gate_and_neutral_values() -> None:
    classical, english, short = textlm.textlm_batch([CLASSICAL, "Not Chinese at all. " * 10, "甲乙丙"], coherence=False)
    assert classical["zh_join_low"] != zh_joins.NEUTRAL["zh_join_low"]
    assert classical["zh_join_low_modern"] == zh_joins.NEUTRAL["zh_join_low_modern"]
    assert classical["zh_join_worst_modern"] == zh_joins.NEUTRAL["zh_join_worst_modern"]
    for s in (english, short):
        assert all(s[k] == zh_joins.NEUTRAL[k] for k in zh_joins.SIGNALS)


def test_a_text_scores_the_same_alone_and_in_a_batch() -> None:
    texts = [CLASSICAL, _swapped(ZH, 1), ZH, "Not Chinese. " * 5]
    batch = textlm.textlm_batch(texts, coherence=False)
    for t, b in zip(texts, batch, strict=True):
        alone = textlm.textlm_batch([t], coherence=False)[0]
        assert all(alone[k] == b[k] for k in zh_joins.SIGNALS)


def test_the_shipped_junk_score_reads_the_joins_and_scores_swapped_words_higher() -> None:
    from corpusgov.quality.junk_score import load_model
    from corpusgov.quality.signals import compute_signals

    assert set(zh_joins.SIGNALS) <= set(load_model().features)
    real = compute_signals(ZH, "zh-Hans")["junk_score"]
    swapped = [compute_signals(_swapped(ZH, s, p=0.4), "zh-Hans")["junk_score"] for s in range(6)]
    assert all(s > real for s in swapped)
    assert sum(swapped) / len(swapped) > 0.3 > real
    assert compute_signals(CLASSICAL, "zh-Hans")["junk_score"] < 0.3
