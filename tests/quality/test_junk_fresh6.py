"""The sixth fresh junk split (quality.eval.junk_fresh6): handbook pages parse into sections, sections split into a
junk half and a good half by key, makers are seeded and leave the mark their docstrings promise. The whole split
reads the installed Debian Administrator's Handbook (skipped without)."""

from __future__ import annotations

import random

import pytest

from corpusgov.quality.eval import junk_fresh6 as jf6

PAGE = ('<html><body><ul class="docnav top"><li>Prev</li></ul><div class="section"><h2 class="title">'
        '<a xmlns="" id="sect.queues"></a>2.1.\xa0Queues</h2><div class="para">\n\tEvery worker keeps one '
        '<code class="command">queue</code> and takes the oldest task first.\n</div><div class="para">Short.</div>'
        '<h3 class="title"><a id="sect.empty"></a>2.1.1. Empty</h3><div class="para">x</div>'
        '<h3 class="title"><a id="sect.moves"></a>2.1.2. Moves</h3><div class="para">A task moves to another '
        'worker only when its own queue has been empty for a whole second.</div></div></body></html>')
ZH_PAGE = ('<h2 class="title"><a id="sect.q"></a>2.1. 队列</h2><div class="para">每个工作进程保留一个队列，先处理最早的任务，'
           '只有自己的队列空了一整秒才把任务交给别的进程。</div><div class="para">This paragraph was left untranslated '
           'in the Chinese page of the handbook.</div>')


def test_page_parses_into_sections_of_its_language() -> None:
    secs = jf6._sections(PAGE, "en", "p.html")
    assert [k for k, _ in secs] == ["p.html#sect.queues", "p.html#sect.moves"]  # a section without prose is left out
    assert secs[0][1] == jf6.Section("Queues", ("Every worker keeps one queue and takes the oldest task first.",))
    (key, zh), = jf6._sections(ZH_PAGE, "zh", "p.html")
    assert key == "p.html#sect.q" and zh.heading == "队列" and len(zh.paras) == 1  # the English paragraph is not zh


def test_makers_are_seeded_and_leave_their_mark() -> None:
    en = tuple(s for _, s in jf6._sections(PAGE, "en", "p.html")) * 4
    zh = tuple(s for _, s in jf6._sections(ZH_PAGE, "zh", "p.html")) * 8
    for kind, (lang, make) in jf6.FRESH6_KINDS.items():
        material = en if lang == "en" else zh
        a, b = make(random.Random(3), material), make(random.Random(3), material)
        assert a == b and len(a.strip()) >= 20, kind
        assert any(p in a for s in material for p in s.paras), kind  # real prose inside the boilerplate
    assert "Enter your email address" in "\n".join(jf6.newsletter_en(random.Random(i), en) for i in range(5))
    bio = jf6.author_bio_en(random.Random(0), en).splitlines()
    assert {"About the author", "About the Author", "Written by"} & set(bio) and bio[-1].startswith(("View", "More", "See"))
    assert "免责声明" in "\n".join(jf6.editor_disclaimer_zh(random.Random(i), zh) for i in range(6))


def test_sections_go_to_one_half_by_key() -> None:
    keys = [f"page{i}.html#sect.{i}" for i in range(200)]
    parts = [jf6.part_of(k) for k in keys]
    assert parts == [jf6.part_of(k) for k in keys] and 60 < parts.count("good") < 140


@pytest.mark.skipif(bool(jf6.missing()), reason="junk_fresh6 needs the debian-handbook package")
def test_split_is_seeded_full_and_good_apart_from_junk() -> None:
    rows = jf6.make_fresh6(per_kind=3)
    assert rows == jf6.make_fresh6(per_kind=3)
    assert len(rows) == 3 * len(jf6.FRESH6_KINDS) and {r["kind"] for r in rows} == set(jf6.FRESH6_KINDS)
    good = jf6.make_good6(per_set=5)
    assert {r["set"] for r in good} == {"good_fresh6_zh", "good_fresh6_en"} and len(good) == 10
    junk_paras = {p for lang in ("en", "zh") for s in jf6.pool(lang, "junk") for p in s.paras}
    assert not any(p in junk_paras for g in good for p in g["text"].split("\n")[1:])


@pytest.mark.skipif(bool(jf6.missing()), reason="junk_fresh6 needs the debian-handbook package")
def test_shipped_policy_on_the_split_regression_floor() -> None:
    """README: 20.0% caught on the first, blind run, 28.4% with the page-chrome rule, 100% with the furniture rule
    (2026-12-06, tuned on it); good text 1.3% zh / 0% en. A floor below today's figure and the good-text target."""
    from corpusgov.quality.eval import real_text_eval as rte

    summary = rte.summarise(rte.decide(rte.fresh6_rows()))
    junk = summary["sets"]["junk_fresh6"]
    assert junk["n"] == 40 * len(jf6.FRESH6_KINDS) and set(junk["kinds"]) == set(jf6.FRESH6_KINDS)
    assert junk["drop_rate"] >= 0.95
    for name in ("good_fresh6_zh", "good_fresh6_en"):
        assert summary["sets"][name]["n"] >= 200 and summary["sets"][name]["drop_rate"] <= 0.03, name
