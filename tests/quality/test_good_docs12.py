"""The tuning documentation split good_docs12 (quality.eval.good_docs12): the Apache manual's directive tables read
as rows and its navigation left out, pages in another language left out, Texinfo navigation left out, Vim help read
in sections, a page and its translation in the same half, sampling seeded."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from corpusgov.quality.eval import good_docs12 as gd12

APACHE_EN = """<!DOCTYPE html><html lang="en"><head><title>mod_speling</title></head>
<body id="manual-page"><div id="page-header"><p class="menu"><a href="x">Modules</a> | <a href="y">Directives</a></p>
<p class="apache">Apache HTTP Server Version 2.4</p></div><div class="up"><a href="i">up</a></div>
<div id="path"><a href="a">Apache</a> &gt; <a href="b">HTTP Server</a></div><div id="page-content">
<div id="preamble"><h1>Apache Module mod_speling</h1><div class="toplang"><p>Available Languages: en | fr</p></div>
<table class="module"><tr><th>Description:</th><td>Attempts to correct mistaken URLs</td></tr>
<tr><th>Status:</th><td>Extension</td></tr></table>
<h3>Summary</h3><p>Requests to documents sometimes cannot be served by the core because the request was misspelled or
miscapitalized. This module addresses the problem by trying to find a matching document.</p>
<div class="note">This module does not apply to proxied requests.</div></div>
<div id="quickview"><ul id="toc"><li><a href="#d">Directives</a></li></ul><h3>See also</h3>
<ul class="seealso"><li><a href="#comments_section">Comments</a></li></ul></div>
<div class="section"><h2>CheckCaseOnly Directive</h2><table class="directive">
<tr><th>Syntax:</th><td><code>CheckCaseOnly on|off</code></td></tr><tr><th>Context:</th><td>server config</td></tr>
</table><p>When set, this directive limits the action of the spelling correction to lower/upper case changes.</p></div>
</div><div class="bottomlang"><p>Available Languages: en | fr</p></div><div id="footer"><p class="apache">Copyright
2026</p></div></body></html>"""
APACHE_ZH_COPY = APACHE_EN  # the zh-cn folder holds the English page where no translation exists
APACHE_ZH = APACHE_EN.replace('lang="en"', 'lang="zh-cn"').replace(
    "Requests to documents sometimes cannot be served by the core because the request was misspelled or\n"
    "miscapitalized. This module addresses the problem by trying to find a matching document.",
    "有时候核心不能处理对文档的请求，因为请求的拼写或者大小写有误。本模块尝试找到匹配的文档来解决这个问题，并把客户端重定向过去。"
    "它会比较每个文档名与请求的文档名，允许一个字符的拼写错误。")
TEXINFO = """<html><body><div class="section" id="Arrays"><div class="header"><p>Next: <a href="#a">Aliases</a>,
Up: <a href="#b">Basic Shell Features</a> [<a href="#c">Contents</a>]</p></div>
<h3 class="section">6.7 Arrays</h3><p>Bash provides one-dimensional indexed and associative array variables. Any
variable may be used as an indexed array; the declare builtin will explicitly declare an array.</p>
<dl><dt><code>-a</code></dt><dd>Each name is an indexed array variable.</dd></dl>
<table class="menu"><tr><td><a href="#x">Aliasing</a></td></tr></table></div></body></html>"""
VIM = """<HTML><BODY><H1>Vim documentation: usr_01</H1><A HREF="index.html">main help file</A><HR><PRE>
*<A NAME="usr_01.txt"></A><B>usr_01.txt</B>*	For Vim version 9.0.

This chapter introduces the manuals available with Vim.  Read this to know the conditions under which the
commands are explained.  It is the first chapter of the user manual, which is read from start to end.
==============================================================================
*<A NAME="01.1"></A><B>01.1</B>*	Two manuals

The Vim documentation consists of two parts: the user manual, a task-oriented explanation from simple to complex,
and the reference manual, a precise description of how everything in Vim works, with every command and option.
</PRE></BODY></HTML>"""


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    doc = tmp_path / "unpacked/usr/share/doc"
    for rel in ("mod/a.html", "mod/b.html", "mod/c.html", "mod/d.html"):
        for lang, text in (("en", APACHE_EN), ("zh-cn", APACHE_ZH)):
            path = doc / "apache2-doc/manual" / lang / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(gd12, "ROOT", tmp_path)
    monkeypatch.setattr(gd12, "UNPACKED", tmp_path / "unpacked")
    monkeypatch.setattr(gd12, "DOC", doc)
    monkeypatch.setattr(gd12, "HELP", tmp_path / "unpacked/usr/share/help")
    monkeypatch.setattr(gd12, "APACHE", {"en": doc / "apache2-doc/manual/en", "zh": doc / "apache2-doc/manual/zh-cn"})
    gd12.sources.cache_clear()
    yield tmp_path
    gd12.sources.cache_clear()


def test_part_of_is_a_stable_half() -> None:
    keys = [f"mod/page{i}.html" for i in range(400)]
    tuned = [k for k in keys if gd12.part_of(k) == "tune"]
    assert 150 < len(tuned) < 250
    assert tuned == [k for k in keys if gd12.part_of(k) == "tune"]


def test_apache_page_reads_tables_notes_and_leaves_navigation_out() -> None:
    (doc,) = gd12.docs_reader.manual_page(APACHE_EN, "en", skip=gd12._APACHE_SKIP, page=gd12._apache_page)
    lines = doc.split("\n")
    assert lines[0] == "Apache Module mod_speling"
    assert "Description: Attempts to correct mistaken URLs" in lines and "Syntax: CheckCaseOnly on|off" in lines
    assert "This module does not apply to proxied requests." in lines
    for nav in ("Modules", "Available Languages", "See also", "Apache HTTP Server Version", "Copyright", "up"):
        assert not any(ln.startswith(nav) for ln in lines), nav


def test_a_page_in_another_language_is_left_out(tree: Path) -> None:
    zh = gd12.APACHE["zh"] / "mod/a.html"
    zh.write_text(APACHE_ZH_COPY, encoding="utf-8")
    with_copy = gd12.apache_docs("zh")
    assert all("有时候核心" in d for d in with_copy)
    en = gd12.apache_docs("en")
    # a page and its translation are in the same half: as many zh pages as en pages (but the English copy)
    tuned = [rel for rel in ("mod/a.html", "mod/b.html", "mod/c.html", "mod/d.html") if gd12.part_of(rel) == "tune"]
    assert len(en) == len(tuned)
    assert len(with_copy) == len([r for r in tuned if r != "mod/a.html"])


def test_texinfo_navigation_is_left_out() -> None:
    (doc,) = gd12.docs_reader.manual_page(TEXINFO, "en", skip=gd12._TEXINFO_SKIP, page=gd12._texinfo_page)
    assert doc.startswith("6.7 Arrays\nBash provides")
    assert "-a\nEach name is an indexed array variable." in doc
    assert "Next:" not in doc and "Aliasing" not in doc


def test_vim_help_is_read_in_sections() -> None:
    (doc,) = gd12.vim_page(VIM)
    assert doc.startswith("*usr_01.txt*\tFor Vim version 9.0.")
    assert "\n*01.1*\tTwo manuals\n" in doc and "=====" not in doc and "main help file" not in doc


def test_sampling_is_seeded_and_missing_packages_are_listed(tree: Path) -> None:
    assert set(gd12.missing()) == set(gd12.DEBS)  # no .deb files in the temporary root
    rows = gd12.make_good_docs12()
    assert rows == gd12.make_good_docs12()
    assert {r["set"] for r in rows} <= {"good_docs12_en", "good_docs12_zh"}
    assert all(r["kind"] == "apache" for r in rows)


def test_a_docbook_chapter_contents_is_left_out() -> None:
    page = ('<html><body><div class="chapter"><div class="titlepage"><h2 class="title">Chapter 1. Getting started</h2>'
            '</div><div class="toc"><p><strong>Table of Contents</strong></p><dl class="toc"><dt><span class="section">'
            '<a href="s1.html">Using aptitude</a></span></dt></dl></div><p>aptitude is a sizeable program with many '
            'features, and it can be a bit overwhelming for new users to get acquainted with it at first. This chapter '
            'does not describe every feature: it shows how to browse the package list, find a package by its name and '
            'install or remove it.</p>'
            '</div></body></html>')
    (doc,) = gd12.docs_reader.manual_page(page, "en", skip=gd12._DOCBOOK_SKIP, page=gd12._rows)
    assert doc.startswith("Chapter 1. Getting started\naptitude is") and "Table of Contents" not in doc
