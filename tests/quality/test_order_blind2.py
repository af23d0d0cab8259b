"""quality.eval.order_blind2: each corruption keeps the text's characters or words and changes only their order,
seeded. Texts are written here."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from corpusgov.quality.eval import order_blind2

ZH = ("这个流水线每次只读取一个分片，并把每篇文档的处理结果写入一张表。如果某个工作进程失败，运行器会在另一台机器上重新"
      "执行这一批数据，表在写入之前按记录编号排序。所以工作进程的顺序不影响结果，每个分片的计数器分别求和。")
EN = ("The runner reads every shard once, and it writes the decision of each document to a table. When a worker fails, "
      "the bundle is started again on another machine; the table is the same. Counters are summed per shard, and the "
      "sums are merged at the end of the run.")


@pytest.mark.parametrize("kind", sorted(order_blind2.MAKERS))
@pytest.mark.parametrize("zh", [True, False])
def test_a_corruption_keeps_the_units_and_changes_the_order(kind: str, zh: bool) -> None:
    text = ZH if zh else EN
    out = order_blind2.MAKERS[kind](text, zh, random.Random(4))
    assert out != text
    assert out == order_blind2.MAKERS[kind](text, zh, random.Random(4))
    if zh:
        assert Counter(c for c in out if "\u4e00" <= c <= "\u9fff") == Counter(c for c in text if "\u4e00" <= c <= "\u9fff")
    else:
        assert Counter(c for c in out.lower() if c.isalpha()) == Counter(c for c in text.lower() if c.isalpha())


def test_clause_alternation_takes_clauses_of_both() -> None:
    out = order_blind2.clause_alternate(ZH, EN.replace(",", "，"), True)
    assert out.startswith("这个流水线每次只读取一个分片，The runner")


def test_junk_per_kind_and_language_from_every_source() -> None:
    src = {"zh": {"a": [ZH, ZH[::-1] + "。"], "b": [ZH + ZH, ZH]}, "en": {"c": [EN, EN + " " + EN]}}
    rows = order_blind2.order2_junk(src, seed=1)
    assert len(rows) == 2 * len(order_blind2.ORDER2_KINDS) * order_blind2.JUNK_PER_KIND
    assert {r["source"] for r in rows} == {"a", "b", "c"}
    assert rows == order_blind2.order2_junk(src, seed=1)
