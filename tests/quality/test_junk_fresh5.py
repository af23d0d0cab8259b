"""The fifth fresh junk split (quality.eval.junk_fresh5) on material written here: pages parse into chrome and body,
makers are seeded and leave the mark their docstrings promise. The whole split reads the LilyPond manual and the prose
sources at eval time (skipped without)."""

from __future__ import annotations

import random
import re

import pytest

from corpusgov.quality.eval import junk_fresh5 as jf5

NAV = ('<table class="nav_table"><tr><td>[ &lt;&lt; Queues ]</td><td>[Top]</td><td>[ Workers &gt;&gt; ]</td></tr>'
       '<tr><td>[ &lt; Setup ]</td><td>[ Up : Queues ]</td></tr></table>')
HTML = ("<html><head><title>Scheduler Manual: 2.1 Queues</title></head><body>" + NAV
        + "<h3 class='section'>2.1 Queues</h3><p>Every worker keeps one queue and takes the oldest task first.</p>"
        "<p>A task moves to another worker only when its own queue has been empty for a whole second.</p>"
        + NAV + '<div id="footer"><p class="footer_version">This page is for Scheduler-1.0.</p>'
        "<p>Other languages: Deutsch.</p></div></body></html>")
NEWS = ("调度器为每个工作进程保留一个队列。只有当自己的队列为空时，才把任务交给别的进程。\n这样大多数任务都在数据所在的地方运行，网络也就很安静。",
        "新的版本把队列的长度限制为一千个任务。超过这个长度时，提交任务的程序会等待。\n测试表明，等待的时间很少超过一秒。")


def test_page_parses_into_chrome_and_body() -> None:
    page = jf5._page(HTML)
    assert page is not None
    assert page.title == "Scheduler Manual: 2.1 Queues"
    assert page.navs[0] == "[ << Queues ][Top][ Workers >> ]" and len(page.navs) == 4
    assert page.body[0] == "2.1 Queues" and len(page.paras) == 2
    assert page.footer == ["This page is for Scheduler-1.0.", "Other languages: Deutsch."]
    assert jf5._page("<p>No navigation here, so it is not a manual page.</p>") is None


def test_makers_are_seeded_and_leave_their_mark(monkeypatch: pytest.MonkeyPatch) -> None:
    page = jf5._page(HTML)
    assert page is not None
    pages = (page,) * 4
    monkeypatch.setattr(jf5, "news_docs", lambda: NEWS)
    for kind, (lang, make) in jf5.FRESH5_KINDS.items():
        material = pages if lang == "en" else None
        a, b = make(random.Random(3), material), make(random.Random(3), material)
        assert a == b and len(a.strip()) >= 20, kind
    chrome = jf5.lily_page_chrome(random.Random(1), pages).splitlines()
    assert chrome[0] == page.title and chrome[-1] == "Other languages: Deutsch."
    assert "Share this:" in jf5.share_block_en(random.Random(2), pages)
    assert re.search(r"^(?:--|----------)$", jf5.forum_post_en(random.Random(4), pages), re.M)
    assert re.search(r"第\d+页 共\d+页|下一页", jf5.pagination_zh(random.Random(5), None))
    printed = jf5.print_page_zh(random.Random(6), None).splitlines()
    headers = [ln for ln in printed if ln.startswith("人民日报")]
    assert len(headers) >= 2 and len(set(headers)) == 1  # one running header repeated on every page
    crumbs = jf5.breadcrumb_footer_zh(random.Random(7), None)
    assert "版权所有" in crumbs and any(p in crumbs for p in NEWS[0].split("\n") + NEWS[1].split("\n"))


@pytest.mark.skipif(bool(jf5.missing()), reason="junk_fresh5 needs lilypond-doc-html and the prose sources")
def test_split_is_seeded_full_and_apart_from_the_guard() -> None:
    from corpusgov.quality.eval.order_blind import guard

    rows = jf5.make_fresh5(per_kind=3)
    assert rows == jf5.make_fresh5(per_kind=3)
    assert len(rows) == 3 * len(jf5.FRESH5_KINDS) and {r["kind"] for r in rows} == set(jf5.FRESH5_KINDS)
    guarded = {g["text"] for g in guard()}
    assert guarded and not guarded & set(jf5.news_docs())  # the guard row's documents are never used here
    good = jf5.make_good5(per_set=5)
    assert {r["set"] for r in good} == {"good_fresh5_zh", "good_fresh5_en"} and len(good) == 10
