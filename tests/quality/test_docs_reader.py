"""The one documentation reader (quality.eval.docs_reader) every documentation split uses: DocBook 4 front matter
left out and entities written out, commented-out sections not read, Chinese pages translated in part left out,
laid-out lines kept as lines; good_docs8 and good_docs10 read a page as good_docs11 does."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpusgov.quality.eval import docs_reader, good_docs8, good_docs10, good_docs11

DOCBOOK4 = """<?xml version="1.0"?>
<!DOCTYPE article PUBLIC "-//OASIS//DTD DocBook XML V4.1.2//EN" "docbookx.dtd" [
  <!ENTITY app "Tali">
  <!ENTITY appname "&app; Dice">
]>
<article id="index"><articleinfo><title>&appname; Manual</title>
<authorgroup><author><firstname>Someone</firstname></author></authorgroup>
<revhistory><revision><revdescription><para role="publisher">GNOME Documentation Project</para></revdescription>
</revision></revhistory></articleinfo>
<sect1><title>Playing</title><para>&app; is a dice game in which you roll five dice up to three times a turn and
score the result in one of thirteen categories; the player with the highest total after thirteen turns wins.</para>
<!-- <sect2><title>Cheating</title><para>Not written yet.</para></sect2> -->
</sect1></article>"""
HALF_ZH = """<page xmlns="http://projectmallard.org/1.0/" id="x"><title>偏好设置</title>
<p>You can change the look of the board and the speed of the animations in the preferences window of the game.</p>
<p>The theme changes the pictures of the tiles; the speed changes how fast the tiles move to their new places.</p>
<p>主题</p></page>"""
LITERAL = """<html><body><h2>1. 手册</h2><div class="literallayout"><p><br />
<strong>翻译:</strong><br />
2017 张三<br />
2020 李四<br />
</p></div><p>这是一本关于音频编辑软件的手册，介绍如何录音、剪辑和导出声音文件，适合在学校的计算机教室里使用，也可以在家里自学。</p>
<p>手册的每一章都从一个具体的任务开始，先说明要做什么，再一步一步地说明怎样做，最后给出检查结果的方法和常见问题的解答。</p>
</body></html>"""


def test_docbook4_page(tmp_path: Path) -> None:
    page = tmp_path / "index.docbook"
    page.write_text(DOCBOOK4, encoding="utf-8")
    (doc,) = docs_reader.help_page(page, "en")
    assert doc.startswith("Tali Dice Manual\nPlaying\nTali is a dice game")
    assert "&" not in doc and "Someone" not in doc and "Documentation Project" not in doc
    assert "Cheating" not in doc and "Not written" not in doc


def test_chinese_page_translated_in_part_is_left_out(tmp_path: Path) -> None:
    page = tmp_path / "prefs.page"
    page.write_text(HALF_ZH, encoding="utf-8")
    assert docs_reader.help_page(page, "zh") == []
    assert docs_reader.help_page(page, "en") != []  # an English page keeps every block


def test_laid_out_lines_stay_lines() -> None:
    (doc,) = docs_reader.manual_page(LITERAL, "zh")
    assert doc.split("\n")[:4] == ["1. 手册", "翻译:", "2017 张三", "2020 李四"]


@pytest.mark.parametrize("split", [good_docs8, good_docs10, good_docs11])
def test_every_docs_split_reads_a_page_the_same_way(split: object, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    app = tmp_path / "C" / "tali"
    app.mkdir(parents=True)
    (app / "index.xml").write_text(DOCBOOK4, encoding="utf-8")
    monkeypatch.setattr(split, "HELP", tmp_path)
    assert split.help_docs("C") == docs_reader.help_page(app / "index.xml", "en")  # type: ignore[attr-defined]  # each split module has help_docs


CDATA_PAGE = """<page xmlns="http://projectmallard.org/1.0/" id="strings"><title>Strings in Python</title>
<p>Python comes with two different kinds of objects that can be used to represent strings, and this page shows both
of them at the interactive prompt, with the markup a web page would hold.</p>
<code><![CDATA[
>>> s = "<b>Fu&#223;</b>"
>>> 1 < 2 and s]]>
True
</code></page>"""


def test_cdata_is_literal_text(tmp_path: Path) -> None:
    page = tmp_path / "strings.page"
    page.write_text(CDATA_PAGE, encoding="utf-8")
    (doc,) = docs_reader.help_page(page, "en")
    assert doc.endswith('>>> s = "<b>Fu&#223;</b>"\n>>> 1 < 2 and s\nTrue')
