"""Docs round 13 (issue 13, good_docs13): structures of Chinese manuals the rules misread, with the junk each guard
must still see.

- A legend whose terms were icons ("其中：" / "：单曲循环" / "：随机播放"): lines in a row opening on the same colon
  are items, not lines cut after their first character (``junk_cuts.cut_line_marks_frac``). Lines a cutter started
  on a closing mark, a colon alone among them, still count.
"""

from __future__ import annotations

from corpusgov.quality import junk_cuts

MUSIC = """调整播放模式
在音乐界面，单击 或 或 调整播放模式。
其中：
：单曲循环
：随机播放
：列表循环
在文件管理器中显示
在音乐界面，右键单击音乐文件。
选择 在文件管理器中显示，定位该音乐的存储位置。
删除音乐
在播放列表中，右键单击要删除的音乐文件。
单击 编码方式，选择一种编码方式。"""

# Width-cut prose: every line starts where the cutter stopped, on a comma, a full stop or a colon.
CUT = """他们在山上住了很
，后来搬到河边去
。那里的水很清澈
：鱼也很多，孩子
们每天都去河边玩
，大人们种田养鸡
。日子过得很平静
，直到那年发大水"""

# A colon opening a line alone (a cut after 注), next to lines cut on other marks.
CUT_COLONS = """他们在山上住了很
：后来搬到河边去
。那里的水很清澈
：鱼也很多，孩子
们每天都去河边玩
，大人们种田养鸡
。日子过得很平静
，直到那年发大水"""


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


def test_icon_legend_is_no_cut() -> None:
    assert junk_cuts.cut_line_marks_frac(_lines(MUSIC)) == 0.0


def test_cut_lines_still_count() -> None:
    assert junk_cuts.cut_line_marks_frac(_lines(CUT)) > 0.05
    # colons on lines that are not neighbours are cuts, not a legend
    assert junk_cuts.cut_line_marks_frac(_lines(CUT_COLONS)) > 0.05
    assert junk_cuts.cut_line_marks_frac(_lines(CUT_COLONS)) == junk_cuts.cut_line_marks_frac(_lines(CUT))
