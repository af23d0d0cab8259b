"""The second fresh junk split's makers (quality.eval.junk_fresh2): seeded, deterministic, every kind present, and
each leaves the mark its docstring promises. Source texts are written here."""

from __future__ import annotations

import random
import re

from corpusgov.quality.eval import junk_fresh2 as jf2

EN = ["The runner reads every shard once. It writes the decision of each document to a table. A rerun on another "
      "machine gives the same table, because nothing depends on the number of workers.",
      "When a worker fails, the bundle is started again elsewhere. The output is the same. Counters are summed "
      "per shard and merged at the end."]
ZH = ["这个流水线每次只读取一个分片，并把每篇文档的处理结果写入一张表。如果某个工作进程失败，运行器会在另一个进程上"
      "重新执行这一批数据。", "山高云自在，水远月同行。夜静灯花落，风来竹影清。"]


def test_make_fresh2_is_deterministic_and_covers_every_kind() -> None:
    a = jf2.make_fresh2(ZH, EN, per_kind=3, seed=5)
    assert a == jf2.make_fresh2(ZH, EN, per_kind=3, seed=5)
    assert len(a) == 3 * len(jf2.FRESH2_KINDS) == 30
    assert {r["kind"] for r in a} == set(jf2.FRESH2_KINDS)
    assert all(r["set"] == "junk_fresh2" and r["text"].strip() and r["text"] not in EN + ZH for r in a)


def test_each_maker_leaves_its_mark() -> None:
    rng = random.Random(3)
    assert "首页" in jf2.breadcrumb_nav_zh(rng, ZH)
    assert re.search(r"^> > ", jf2.quote_chain_en(rng, EN), re.M)
    assert "Tags: " in jf2.tag_page_en(rng, EN)
    spun = jf2.spun_text_en(random.Random(4), EN * 3)
    assert spun != " ".join((EN * 3)[0].split()) and len(spun.split()) >= 20
    mix = jf2.interleaved_bilingual_mix(rng, ZH + EN).split("\n")
    assert re.search(r"[\u4e00-\u9fff]", mix[0]) and not re.search(r"[\u4e00-\u9fff]", mix[1])
    cut = jf2.truncated_sentences_zh(random.Random(4), ZH)
    assert 0 < len(cut) and all(s not in cut for s in ("并把每篇文档的处理结果写入一张表。如果某个工作进程失败",))
    assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日 星期", jf2.calendar_list_zh(rng, ZH))
    assert re.search(r"^Message-ID: <[0-9a-f]+\.\d+@", jf2.email_headers_en(rng, EN), re.M)
    assert re.search(r"(是什么意思|怎么用|下载|教程)", jf2.search_queries_zh(random.Random(6), ZH))
    tpl = jf2.numbered_template_zh(rng, ZH)
    assert len(re.findall(r"\d+", tpl)) >= 6
