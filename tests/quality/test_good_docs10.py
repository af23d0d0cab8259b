"""The blind documentation split good_docs10 (quality.eval.good_docs10): help pages and manual sections of a fake
unpacked tree become documents of each language, Chinese pages keep their Chinese, sampling is seeded; absent packages
are listed, not skipped silently."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpusgov.quality.eval import good_docs10 as gd10

PAGE_EN = """<page xmlns="http://projectmallard.org/1.0/" id="play">
<info><credit type="author"><name>Someone</name></credit><desc>How to play.</desc></info>
<title>Play a game</title>
<p>Click <gui>Game</gui> <gui>New</gui> to start a new game. The board is cleared and the clock starts again from
zero, so that every game is timed from its first move to its last.</p>
<p>Move a tile by dragging it to an empty square next to it; a tile cannot jump over another one.</p>
</page>"""
PAGE_ZH = """<page xmlns="http://projectmallard.org/1.0/" id="play">
<info><desc>如何游戏。</desc></info>
<title>开始游戏</title>
<p>点击 <gui>游戏</gui> <gui>新建</gui> 开始新游戏。棋盘会被清空，计时器从零开始重新计时，这样每一局游戏都从第一步到最后一步计时。</p>
<p>把方块拖到旁边的空格即可移动它；方块不能越过另一个方块。当所有方块都回到正确的位置时，游戏结束，计时器停止，成绩会被记录到排行榜中。</p>
</page>"""
MANUAL_ZH = """<html><body><div class="navheader">上一页 下一页</div>
<h2 class="title">服务台</h2><p>服务台是用户与信息技术部门之间唯一的联系点，负责记录、分类和跟踪所有的事件与服务请求，
并在需要时把它们转交给二线支持人员处理。</p><p>每一个事件都应当在记录后的一个工作日内得到答复；如果问题不能当天解决，服务台要告诉用户预计需要多长时间，并定期通报进展。</p></body></html>"""


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for loc, page in (("C", PAGE_EN), ("zh_CN", PAGE_ZH)):
        d = tmp_path / "unpacked" / "usr" / "share" / "help" / loc / "tiles"
        d.mkdir(parents=True)
        (d / "play.page").write_text(page, encoding="utf-8")
        (d / "legal.xml").write_text("<p>Permission is granted to copy, distribute and/or modify this document.</p>")
    for lang, text in (("en", "<html><body><p>" + "The service desk answers every call the same day. " * 6
                        + "</p></body></html>"), ("zh", MANUAL_ZH)):
        d = tmp_path / "unpacked" / "usr" / "share" / "doc" / f"debian-edu-doc-legacy-{'en' if lang == 'en' else 'zh-cn'}"
        d.mkdir(parents=True)
        (d / "itil-manual.html").write_text(text, encoding="utf-8")
    monkeypatch.setattr(gd10, "ROOT", tmp_path)
    monkeypatch.setattr(gd10, "UNPACKED", tmp_path / "unpacked")
    monkeypatch.setattr(gd10, "HELP", tmp_path / "unpacked" / "usr" / "share" / "help")
    monkeypatch.setattr(gd10, "MANUALS", {"en": tmp_path / "unpacked/usr/share/doc/debian-edu-doc-legacy-en",
                                          "zh": tmp_path / "unpacked/usr/share/doc/debian-edu-doc-legacy-zh-cn"})
    gd10.sources.cache_clear()
    yield tmp_path
    gd10.sources.cache_clear()


def test_pages_and_manuals_become_documents(tree: Path) -> None:
    src = gd10.sources()
    assert len(src["en"]["help"]) == 1 and src["en"]["help"][0].startswith("Play a game\nClick Game ▸ New")
    assert "Someone" not in src["en"]["help"][0] and "Permission" not in src["en"]["help"][0]
    assert len(src["zh"]["help"]) == 1 and src["zh"]["help"][0].startswith("开始游戏")
    assert len(src["zh"]["manual"]) == 1 and "上一页" not in src["zh"]["manual"][0]
    rows = gd10.make_good_docs10()
    assert rows == gd10.make_good_docs10()
    assert {r["set"] for r in rows} == {"good_docs10_en", "good_docs10_zh"}
    assert {r["kind"] for r in rows} == {"help", "manual"}


def test_missing_lists_every_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gd10, "ROOT", tmp_path)
    monkeypatch.setattr(gd10, "UNPACKED", tmp_path / "unpacked")
    assert gd10.missing() == list(gd10.DEBS)
