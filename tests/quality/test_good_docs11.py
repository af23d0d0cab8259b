"""The tuning documentation split good_docs11 (quality.eval.good_docs11): DocBook 4 help loses its front matter and
writes out its entities, the Publican manual's paragraphs end where a code block starts, Chinese pages keep their
Chinese, sampling is seeded, absent packages are listed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from corpusgov.quality.eval import good_docs11 as gd11

DOCBOOK_EN = """<?xml version="1.0"?>
<!DOCTYPE article PUBLIC "-//OASIS//DTD DocBook XML V4.1.2//EN" "docbookx.dtd" [
  <!ENTITY applet "Eyes">
  <!ENTITY title "&applet; Manual">
]>
<article id="index"><articleinfo><title>&title;</title>
<authorgroup><author><firstname>Sun</firstname><affiliation><orgname>GNOME Documentation Project</orgname></affiliation>
</author></authorgroup><revhistory><revision><revdescription><para role="publisher">GNOME Documentation Project</para>
</revdescription></revision></revhistory></articleinfo>
<sect1><title>Introduction</title><para>The &applet; applet shows a pair of eyes that follow the mouse pointer around
the screen, so that you can always see where the pointer is, even on a very large or a very busy desktop.</para></sect1>
</article>"""
PAGE_ZH = """<page xmlns="http://projectmallard.org/1.0/" id="play"><info><desc>如何游戏。</desc></info>
<title>开始游戏</title>
<p>点击 <gui>游戏</gui> <gui>新建</gui> 开始新游戏。棋盘会被清空，计时器从零开始重新计时，这样每一局游戏都从第一步到最后一步计时。</p>
<p>把方块拖到旁边的空格即可移动它；方块不能越过另一个方块。当所有方块都回到正确的位置时，游戏结束，成绩会被记录下来。</p>
</page>"""
MANUAL_EN = """<html><body><p id="title"><a href="x">Product Site</a></p><ul class="docnav top"><li>Prev</li></ul>
<div class="section"><h2 class="title">3.1. Choose a BIOS password</h2><div class="para">
Before you install any operating system on your computer, set up a BIOS password, and after installation go back to
the BIOS and change the boot sequence so that the machine does not boot from removable media. Check it with:
<pre class="screen">$ grep boot /etc/lilo.conf
boot=/dev/sda</pre> and keep the result.</div></div><ul class="docnav"><li>Next</li></ul></body></html>"""


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    for loc, name, page in (("C", "index.docbook", DOCBOOK_EN), ("zh_CN", "play.page", PAGE_ZH)):
        d = tmp_path / "unpacked" / "usr" / "share" / "help" / loc / "eyes"
        d.mkdir(parents=True)
        (d / name).write_text(page, encoding="utf-8")
    for lang, text in (("en", MANUAL_EN), ("zh", "<html><body><p>English only.</p></body></html>")):
        d = tmp_path / "manual" / lang
        d.mkdir(parents=True)
        (d / "ch03.html").write_text(text, encoding="utf-8")
    monkeypatch.setattr(gd11, "ROOT", tmp_path)
    monkeypatch.setattr(gd11, "UNPACKED", tmp_path / "unpacked")
    monkeypatch.setattr(gd11, "HELP", tmp_path / "unpacked" / "usr" / "share" / "help")
    monkeypatch.setattr(gd11, "MANUALS", {"en": tmp_path / "manual" / "en", "zh": tmp_path / "manual" / "zh"})
    gd11.sources.cache_clear()
    yield tmp_path
    gd11.sources.cache_clear()


def test_help_and_manual_become_documents(tree: Path) -> None:
    src = gd11.sources()
    (help_en,) = src["en"]["help"]
    assert help_en.startswith("Eyes Manual\nIntroduction\nThe Eyes applet")
    assert "Documentation Project" not in help_en and "&" not in help_en
    (manual,) = src["en"]["manual"]
    assert "Product Site" not in manual and "Prev" not in manual
    assert "\n$ grep boot /etc/lilo.conf\nboot=/dev/sda\nand keep the result." in manual  # the code block keeps its lines
    assert len(src["zh"]["help"]) == 1 and src["zh"]["help"][0].startswith("开始游戏")
    assert src["zh"]["manual"] == []
    rows = gd11.make_good_docs11()
    assert rows == gd11.make_good_docs11()
    assert {r["set"] for r in rows} == {"good_docs11_en", "good_docs11_zh"}


def test_pages_translated_in_part_are_left_out(tree: Path) -> None:
    half = PAGE_ZH.replace("</page>", "<p>" + "This paragraph was never translated, so the help browser shows it in "
                           "English between the Chinese headings of the page. " * 4 + "</p></page>")
    (tree / "unpacked/usr/share/help/zh_CN/eyes/play.page").write_text(half, encoding="utf-8")
    gd11.sources.cache_clear()
    assert gd11.sources()["zh"]["help"] == []


def test_missing_lists_every_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gd11, "ROOT", tmp_path)
    monkeypatch.setattr(gd11, "UNPACKED", tmp_path / "unpacked")
    assert gd11.missing() == list(gd11.DEBS)
