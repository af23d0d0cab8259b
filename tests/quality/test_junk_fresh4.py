"""The fourth fresh junk split's makers (quality.eval.junk_fresh4) on material written here: seeded, and each
leaves the mark its docstring promises. The whole split reads installed packages at eval time (skipped without)."""

from __future__ import annotations

import random
import re

import pytest

from corpusgov.quality.eval import junk_fresh4 as jf4

RAW = ('<html><head><title>Manual</title></head><body><div class="navheader">Manual</div><div class="toc">'
       + "".join(f'<dl class="toc"><dt><span class="section">{i}. <a href="#s{i}">Section {i} about shards'
                 f'</a></span></dt>' for i in range(1, 200)) + "</dl></div><p>Body text.</p></body></html>")
EN = jf4.Source(lang="en", paras=["The runner reads every shard once and writes each decision to a table."],
                headings=[f"{i}. Section {i}" for i in range(1, 40)], raws=[RAW],
                labels=["Cancel", "Accept all", "Settings", "Privacy", "Help", "Open file", "Close"],
                messages=["Could not open the file %s for reading", "The operation was cancelled by the user",
                          "Unable to connect to the server at %s:%d"])
ZH = jf4.Source(lang="zh", headings=[f"第 {i} 节 分片" for i in range(1, 40)],
                labels=["取消", "全部接受", "设置", "隐私", "帮助", "打开文件", "关闭"],
                messages=["无法打开文件 %s 进行读取操作，请检查权限", "该操作已被用户取消，没有写入任何数据"])


def test_makers_are_seeded_and_leave_their_mark() -> None:
    makers = (jf4.consent_banner, jf4.related_posts, jf4.book_index, jf4.log_output, jf4.stripped_markup,
              jf4.api_listing)
    for make in makers:
        for src in (EN, ZH):
            if make is jf4.stripped_markup and src.lang == "zh":
                continue
            a, b = make(random.Random(5), src), make(random.Random(5), src)
            assert a == b and len(a.strip()) >= 20, (make.__name__, src.lang)
    banner = jf4.consent_banner(random.Random(1), EN).splitlines()
    assert any(m in banner for m in EN.messages) and sum(lab in banner[-1] for lab in EN.labels) >= 2
    assert re.search(r"上一页 1 2 .* 下一页$", jf4.related_posts(random.Random(2), ZH))
    index = jf4.book_index(random.Random(3), EN).splitlines()
    terms = [re.sub(r"(, \d+)+$", "", ln) for ln in index if not ln.startswith(" ")]
    assert all(re.search(r", \d+$", ln) for ln in index) and len(terms) >= 10 and terms == sorted(terms)
    log = jf4.log_output(random.Random(4), EN).splitlines()
    assert all(re.match(r"2024-05-\d\d \d\d:\d\d:\d\d (INFO|WARN|ERROR|DEBUG) \[", ln) for ln in log)
    assert not any("%s" in ln for ln in log)
    stripped = jf4.stripped_markup(random.Random(6), EN)
    assert "Section" in stripped and "<dt>" not in stripped
    api = jf4.api_listing(random.Random(7), EN).splitlines()
    assert re.fullmatch(r"[a-z_.]+", api[0]) and all("(" in ln for ln in api[1:])


@pytest.mark.skipif(bool(jf4.missing()), reason="junk_fresh4 needs its packages (make eval-data installs them)")
def test_split_is_seeded_and_full() -> None:
    rows = jf4.make_fresh4(per_kind=3)
    assert rows == jf4.make_fresh4(per_kind=3)
    assert len(rows) == 3 * len(jf4.FRESH4_KINDS) and {r["kind"] for r in rows} == set(jf4.FRESH4_KINDS)
    assert not any(re.search(r"\S+@\S+\.\w+", r["text"]) for r in rows if r["kind"] == "changelog_fragment_en")
    # signatures print defaults' reprs: object addresses (which vary by run) are cut, so the split is the same
    api = "\n".join(jf4.api_listing(random.Random(i), jf4.source("en")) for i in range(40))
    assert "copy_function=<function copy2>" in api and " at 0x" not in api
    good = jf4.make_good4(per_set=5)
    assert {r["set"] for r in good} == {"good_fresh4_zh", "good_fresh4_en"} and len(good) == 10
