"""junk_order3's makers (quality.eval.junk_order3): each corruption keeps the document's characters and changes only
their order, is seeded, and the split never makes junk of a text it also keeps as clean."""

from __future__ import annotations

import random
import re
from collections import Counter

import pytest

from corpusgov.quality.eval import junk_order3

TEXT = ("流水线每次只读取一个分片，并把每篇文档的处理结果写入一张表。如果某个工作进程失败，运行器会在另一个进程上重新执行"
        "这一批数据，因此同一份输入在任何机器上都得到同一张表。管理员可以在仪表板上查看每条规则丢弃了多少文档，"
        "也可以下载被丢弃文档的样本。")
OTHER = "今天的天气很好。我们一起去公园散步吧！公园里有很多人在跑步。"
_HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("kind", [k for k in junk_order3.ORDER3_KINDS if k != "sentence_inserted"])
def test_order_kinds_keep_every_character_and_change_the_order(kind: str) -> None:
    out = junk_order3.MAKERS[kind](TEXT, random.Random(5), OTHER)
    assert Counter(out) == Counter(TEXT)
    assert out != TEXT
    assert out == junk_order3.MAKERS[kind](TEXT, random.Random(5), OTHER)  # seeded


def test_clauses_permuted_keeps_the_marks_in_place() -> None:
    out = junk_order3.clauses_permuted(TEXT, random.Random(1))
    marks = re.compile(r"[，。；：、]")
    assert marks.findall(out) == marks.findall(TEXT) and out != TEXT


def test_sentence_inserted_puts_a_foreign_sentence_after_every_other_sentence() -> None:
    out = junk_order3.sentence_inserted(TEXT, random.Random(0), OTHER)
    sents = [s for s in re.split(r"(?<=[。！？])", out) if s]
    own = [s for s in re.split(r"(?<=[。！？])", TEXT) if s]
    foreign = [s for s in re.split(r"(?<=[。！？])", OTHER) if s]
    assert sents == [own[0], foreign[0], own[1], own[2], foreign[1]]


def test_split_keeps_junk_originals_out_of_its_clean_rows() -> None:
    per_source = len(junk_order3.ORDER3_KINDS) * junk_order3.JUNK_PER_SOURCE + 5
    src = {name: [f"第{name}{i}号文件。{TEXT}" for i in range(per_source)] for name in junk_order3.SOURCES}
    rows = junk_order3.make_order3(src)
    assert rows == junk_order3.make_order3(src)  # seeded
    junk = [r for r in rows if r["set"] == "junk_order3"]
    good = [r["text"] for r in rows if r["set"] == "good_order3_zh"]
    assert len(junk) == len(junk_order3.ORDER3_KINDS) * len(junk_order3.SOURCES) * junk_order3.JUNK_PER_SOURCE
    assert len(good) == 5 * len(junk_order3.SOURCES)
    originals = [r["original"] for r in junk]
    assert len(set(originals)) == len(originals)  # every junk document from its own original
    assert not set(originals) & {junk_order3._digest(t) for t in good}
