"""The third fresh junk split's makers (quality.eval.junk_fresh3) on pages written here: seeded, and each leaves the
mark its docstring promises. The split itself reads Debian packages at eval time (not needed here)."""

from __future__ import annotations

import random
import re

from corpusgov.quality.eval import junk_fresh3 as jf3

ZH = jf3.Page(
    paras=["这个流水线每次只读取一个分片，并把每篇文档的处理结果写入一张表。如果某个工作进程失败，运行器会重新执行。",
           "表在写入之前按记录编号排序，所以工作进程的顺序不影响结果；每个分片的计数器分别求和。",
           "运行结束时再合并计数器，并把合并后的结果写入报告。报告只含统计数字，不含原文。"],
    chrome=["第 2 章 运行 上一页 下一页", "第 1 章 安装 起始页 第 3 章 报告", "2.1. 分片", "2.2. 排序", "2.3. 合并"],
    headings=["2.1. 分片", "2.2. 排序", "2.3. 合并"])
EN = jf3.Page(
    paras=["The runner reads every shard once and writes the decision of each document to a table for later use.",
           "When a worker fails, the bundle is started again on another machine and the table is the same.",
           "Counters are summed per shard and the sums are merged at the end of the run into the report."],
    chrome=["Chapter 2. Running Prev Next", "Chapter 1. Install Home Chapter 3. Reports", "2.1. Shards", "2.2. Sort"],
    headings=["2.1. Shards", "2.2. Sort"])


def test_each_maker_is_seeded_and_leaves_its_mark() -> None:
    for kind, (lang, make) in jf3.FRESH3_KINDS.items():
        pages = [ZH, ZH] if lang == "zh" else [EN, EN]
        a, b = make(random.Random(5), pages), make(random.Random(5), pages)
        assert a == b and a.strip(), kind
        assert a not in pages[0].paras, kind
    r = random.Random(1)
    assert "上一页" in jf3.page_chrome(r, [ZH]) or "起始页" in jf3.page_chrome(r, [ZH])
    assert "Ã" in jf3.double_utf8_partial(random.Random(2), [ZH])
    big5 = jf3.gbk_as_big5(random.Random(3), [ZH])
    assert re.search(r"[\u4e00-\u9fff]", big5) and not any(p[:6] in big5 for p in ZH.paras)
    rep = jf3.para_repeat_offsets(random.Random(4), [EN]).split("\n\n")
    assert max(rep.count(p) for p in rep) >= 3
    swapped = jf3.local_swaps_en(random.Random(5), [EN])
    assert sorted(swapped.split()) == sorted(" ".join(EN.paras).split()) and swapped != " ".join(EN.paras)
    assert re.search(r"^\d+ +DEBIAN|    \d+$", jf3.running_headers_en(random.Random(6), [EN]), re.M)
    assert jf3.heading_sitemap(random.Random(7), [ZH]).count("\n") >= 1
