"""The tuning documentation split good_docs13 (quality.eval.good_docs13): Markdown manuals read as the viewer shows
them (images, emphasis and separator rows left out, table rows as rows, the application id off the title), LyX read
by layout (footnotes, tables and icons out, quotes and special characters in), man pages in sections without their
running header, a chapter and its translation in the same half, an edition's near copy left out, sampling seeded."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from corpusgov.quality.eval import good_docs13 as gd13

DEEPIN_ZH = """# 计算器|deepin-calculator|

## 概述

计算器是一款功能强大的桌面计算器，支持标准模式、科学模式和程序员模式。完美支持键盘输入，在键盘输入时还支持符号容错及计算结果联动。

## 模式介绍

在计算器界面，单击 ![icon_menu](../common/icon_menu.svg) > **模式**，您可以：

- 选择 **标准**，切换到标准模式界面，执行基本的加减乘除运算。
- 选择 **科学**，切换到科学模式界面，执行函数、指数、方根等高级运算。

![0|standard](fig/standard_mode.png)

| 图标 | 名称     | 说明 |
| ---- | :------- | ---- |
| MC   | 清除键 | 清除所有内存。 |
| M+   | 存储键 | 内存增加；将当前数值累加到存储器中，中断数字输入。 |

```
echo 1+1 | bc
```
"""

LYX_ZH = r"""#LyX 2.3 created this file.
\begin_document
\begin_header
\textclass article
\end_header
\begin_body

\begin_layout Title
\SpecialChar LyX
 简介
\end_layout

\begin_layout Section
什么是 \SpecialChar LyX
？
\end_layout

\begin_layout Standard
\SpecialChar LyX
 是一个文档写作系统，它颠覆了传统的
\begin_inset Quotes eld
\end_inset

打字机概念
\begin_inset Quotes erd
\end_inset

。
\begin_inset Foot
status collapsed

\begin_layout Plain Layout
对此文档有任何话想说，请 Email 到 lyx-docs。
\end_layout

\end_inset

使用菜单
\family sans
File
\family default
 或工具栏按钮
\begin_inset Info
type  "icon"
arg   "buffer-view"
\end_inset

。
\end_layout

\end_body
\end_document
"""

MAN_PAGE = """APROPOS(1)                     手册分页显示工具                     APROPOS(1)

名称
       apropos - 搜索手册页名称和描述

描述
       每个手册页都包含一段概述。apropos 会搜索包括 关键词 的描述。

       标准匹配规则允许匹配手册页名称和手册页描述中的单词边界。

选项
       -d, --debug
              打印调试信息。

2.11.2                            2022-10-17                        APROPOS(1)"""


def test_markdown_reads_as_the_viewer_shows() -> None:
    blocks = list(gd13.markdown_blocks(DEEPIN_ZH))
    assert blocks[0] == ("h1", "计算器")  # the viewer's application id is not shown
    texts = [t for _, t in blocks]
    assert "在计算器界面，单击 > 模式，您可以：" in texts  # inline icon and emphasis marks not shown
    assert "选择 标准，切换到标准模式界面，执行基本的加减乘除运算。" in texts  # a list item without its marker
    assert "MC 清除键 清除所有内存。" in texts  # a table row as a row, its separator row left out
    assert not any("----" in t or "standard" in t or "![" in t for t in texts)
    assert ("pre", "echo 1+1 | bc") in blocks


def test_markdown_joins_wrapped_chinese_without_spaces() -> None:
    blocks = list(gd13.markdown_blocks("第一行的文字\n接着第二行。\n\nEnglish words\nwrap with a space."))
    assert blocks == [("p", "第一行的文字接着第二行。"), ("p", "English words wrap with a space.")]


def test_lyx_reads_layouts_and_text_insets_only() -> None:
    blocks = list(gd13.lyx_blocks(LYX_ZH))
    assert blocks[0] == ("h1", "LyX 简介")
    assert blocks[1] == ("h2", "什么是 LyX？")
    tag, text = blocks[2]
    assert tag == "p" and "传统的“打字机概念”。" in text and "File 或工具栏按钮。" in text
    assert "Email" not in text and "buffer-view" not in text and "status" not in text  # footnote and icon not in the text
    assert len(blocks) == 3


def test_man_page_in_sections_without_running_header() -> None:
    blocks = list(gd13.man_blocks(MAN_PAGE))
    assert blocks[0] == ("h2", "名称")
    assert ("h2", "选项") in blocks
    assert not any("APROPOS(1)" in t for _, t in blocks)
    assert ("pre", "       -d, --debug\n              打印调试信息。") in blocks


def test_chapters_and_translations_share_a_half() -> None:
    en = "# Calculator|deepin-calculator|\n\n" + "\n\n".join(
        f"## Chapter {i}\n\n" + "Calculator is a powerful desktop calculator with standard and scientific modes. " * 4
        for i in range(12))
    zh = "# 计算器|deepin-calculator|\n\n" + "\n\n".join(
        f"## 第{i}章\n\n" + "计算器是一款功能强大的桌面计算器，支持标准模式、科学模式和程序员模式。" * 4 for i in range(12))
    halves = {gd13.part_of(f"app/calc.md#{n}") for n in range(13)}
    assert halves == {"tune", "blind"}
    en_docs = "\n".join(gd13.markdown_docs(en, "app/calc.md", "en"))
    zh_docs = "\n".join(gd13.markdown_docs(zh, "app/calc.md", "zh"))
    for n in range(12):  # chapter n is the (n + 1)th chapter: the title is chapter 0
        tuned = gd13.part_of(f"app/calc.md#{n + 1}") == "tune"
        assert (f"Chapter {n}\n" in en_docs) == tuned
        assert (f"第{n}章\n" in zh_docs) == tuned


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    app = tmp_path / "unpacked/usr/share/deepin-manual/manual-assets/application/deepin-calculator/calculator"
    body = "\n\n".join(f"## 第{i}章\n\n" + "计算器是一款功能强大的桌面计算器，支持标准模式、科学模式和程序员模式。" * 8
                       for i in range(8))
    for loc in ("zh_CN", "zh_TW"):
        (app / loc).mkdir(parents=True)
        (app / loc / "calculator.md").write_text("# 计算器|c|\n\n" + body, encoding="utf-8")
        (app / loc / "p_calculator.md").write_text("# 计算器专业版|c|\n\n" + body.replace("计算器", "专业计算器"),
                                                   encoding="utf-8")
    monkeypatch.setattr(gd13, "DEEPIN", tmp_path / "unpacked/usr/share/deepin-manual/manual-assets/application")
    monkeypatch.setattr(gd13, "DEEPIN_DOC", tmp_path / "none")
    monkeypatch.setattr(gd13, "KYLIN", tmp_path / "none")
    yield tmp_path


def test_manual_docs_leave_out_an_editions_copy(tree: Path) -> None:
    docs = gd13.manual_docs(gd13.ZH_LOCALES, "zh")
    assert docs and not any("专业计算器" in d for d in docs)


def test_sampling_is_seeded(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = {"en": {"manual": [f"doc {i}" for i in range(30)]}, "zh": {"man": [f"文档 {i}" for i in range(30)]}}
    monkeypatch.setattr(gd13, "sources", lambda: fake)
    a = gd13.make_good_docs13({"en": 5, "zh": 5})
    assert a == gd13.make_good_docs13({"en": 5, "zh": 5})
    assert {r["set"] for r in a} == {"good_docs13_en", "good_docs13_zh"} and len(a) == 10


def test_letter_spaced_pages_are_left_out() -> None:
    spaced = "名稱\n       groupmod - 修 改 群 組\n描述\n       groupmod 命 令 會 參 照 你 命 令 列 上 指 定 的 部 份 修 改 系 統 帳 號"
    assert gd13.letter_spaced(spaced)
    assert not gd13.letter_spaced(MAN_PAGE)  # a page with a few spaced words ("包括 关键词 的") stays
    assert not gd13.letter_spaced("English only")
