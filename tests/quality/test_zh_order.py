"""quality.zh_order: clause-edge and register signals. Texts are written here; the shipped table is checked to move
the way the module's docstring says, and a table counted from a text written here to count what it should."""

from __future__ import annotations

import random
import re

import numpy as np

from corpusgov.quality import textlm, zh_order
from corpusgov.quality.eval import build_zh_order

ZH = ("这个流水线每次只读取一个分片，并把每篇文档的处理结果写入一张表。如果某个工作进程失败了，运行器会在另一台机器上重新"
      "执行这一批数据。表在写入之前按记录编号排序，所以工作进程的顺序不影响结果。我们把每个分片的计数器分别求和，运行结束时再合并。"
      "这样做的好处是，任何一台机器出了问题，都不会让结果变得不一样。")
# Classical-style lines written here: particles 之/而/其/也, no modern function characters.
CLASSICAL = ("山中有古寺，寺前有清泉，泉水出石而东流。僧人汲之以煮茶，客至则共饮之。其味甘而清，饮者忘归，"
             "问其名而不答，但笑指远山而已。春来花满径，秋去叶盈阶，年年如此也。")


def _shuffle_clauses(text: str, seed: int) -> str:
    rng = random.Random(seed)

    def mix(m: re.Match[str]) -> str:
        chars = list(m.group(0))
        rng.shuffle(chars)
        return "".join(chars)

    return re.sub(r"[\u4e00-\u9fff]+", mix, text)


def test_clause_edges_follow_the_marks() -> None:
    c = textlm.batch_codes(["甲乙，丙丁。戊", "己庚"])
    hp = textlm.han_pairs(c)
    starts, ends = zh_order.clause_edges(c.a, hp.idx)
    chars = [chr(int(x)) for x in c.a[hp.idx]]
    assert [ch for ch, s in zip(chars, starts, strict=True) if s] == ["甲", "丙", "戊", "己"]
    assert [ch for ch, e in zip(chars, ends, strict=True) if e] == ["乙", "丁"]


def test_counts_are_the_clause_edges() -> None:
    t = build_zh_order.count(["甲乙，丙丁。戊", "己庚"])
    off = np.array([ord(ch) - textlm.HAN_LO for ch in "甲乙丙丁戊己庚"])
    assert t["han"].sum() == 7 and (t["han"][off] == 1).all()
    assert t["start"].sum() == 4 and t["start"][ord("丙") - textlm.HAN_LO] == 1
    assert t["end"].sum() == 2 and t["end"][ord("丁") - textlm.HAN_LO] == 1


def test_shuffled_clauses_lose_their_edges_under_the_shipped_table() -> None:
    real, *soups = textlm.textlm_batch([ZH] + [_shuffle_clauses(ZH, s) for s in range(5)], coherence=False)
    assert real["zh_clause_edge"] > 0.0
    assert all(real["zh_clause_edge"] > s["zh_clause_edge"] + 0.1 for s in soups)
    assert all(s["zh_lm_gain_modern"] < real["zh_lm_gain_modern"] for s in soups)


def test_register_gates_the_modern_signals() -> None:
    modern, classical, english = textlm.textlm_batch([ZH, CLASSICAL, "Not Chinese at all. " * 10], coherence=False)
    assert modern["zh_modern_density"] >= zh_order.MODERN_AT
    assert modern["zh_lm_gain_modern"] == modern["zh_lm_gain"]
    assert modern["zh_clause_edge_modern"] == modern["zh_clause_edge"]
    assert classical["zh_modern_density"] == 0.0
    assert classical["zh_lm_gain_modern"] == zh_order.NEUTRAL["zh_lm_gain_modern"]
    assert classical["zh_clause_edge_modern"] == zh_order.NEUTRAL["zh_clause_edge_modern"]
    assert classical["zh_clause_edge"] != zh_order.NEUTRAL["zh_clause_edge"]
    assert all(english[k] == zh_order.NEUTRAL[k] for k in zh_order.SIGNALS)


def test_shuffled_words_make_joins_real_text_lacks() -> None:
    import jieba

    shuffled = []
    for seed in range(3):
        words = jieba.lcut(ZH)
        random.Random(seed).shuffle(words)
        shuffled.append("".join(words))
    real, *junk = textlm.textlm_batch([ZH, *shuffled], coherence=False)
    assert real["zh_order_llr"] > -0.03
    assert all(j["zh_order_llr"] < real["zh_order_llr"] - 0.05 for j in junk)
    assert all(j["zh_order_llr_modern"] == j["zh_order_llr"] for j in junk)


def test_order_table_is_a_log_ratio_with_no_evidence_as_zero() -> None:
    real = np.array([10, 0, 0, 5])
    shuffled = np.array([1, 10, 0, 5])
    q = build_zh_order.order_llr(real, shuffled)
    assert q[0] > 0 > q[1] and q[2] == 0 and abs(int(q[3])) <= 1
