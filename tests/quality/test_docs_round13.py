"""Docs round 13 (issue 13, good_docs13): structures of Chinese manuals the rules misread, with the junk each guard
must still see.

- A legend whose terms were icons ("其中：" / "：单曲循环" / "：随机播放"): lines in a row opening on the same colon
  are items, not lines cut after their first character (``junk_cuts.cut_line_marks_frac``). Lines a cutter started
  on a closing mark, a colon alone among them, still count.
- Steps a task manual repeats in its sections ("在图片查看器界面上，单击鼠标右键。" under each task's heading) are no
  copied lines (``doc_steps.section_steps``, read by ``dup_line_frac`` / ``dup_line_char_frac``). One comment pasted
  under each name (no line of its own), a line copied within a section, and text of fewer than three headings still
  count.
- A list of definition items ("键盘：同步设置键盘设置" after "鼠标：同步设置鼠标设置") whose descriptions end with no mark
  fills its lines; the break before an item is no wrap (``junk_coherence``'s ``wrap_join_gap_zh``). A wrapped
  paragraph with every other line dropped, and a line opening on a label and a number ("微信同号：400…"), still join.
"""

from __future__ import annotations

import numpy as np

from corpusgov.quality import doc_steps, junk_cuts
from corpusgov.quality.junk_coherence import _item_start
from corpusgov.quality.signals import compute_signals
from corpusgov.quality.textlm import textlm_batch

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


# A task manual: each section under its heading starts on the same step (Deepin Image Viewer, zh_TW).
IMAGE_VIEWER = """複製圖片
在圖片檢視器介面上，單擊滑鼠右鍵。
選擇 複製。
在桌面或者指定位置，單擊滑鼠右鍵。
選擇 貼上，將圖片文件複製到該位置。
旋轉圖片
在圖片檢視器介面上，單擊滑鼠右鍵。
選擇 順時針旋轉/逆時針旋轉。
圖片將會順時針轉旋轉90°/逆時針旋轉90°。
設定為桌布
在圖片檢視器介面上，單擊滑鼠右鍵。
選擇 設定為桌布 即可將目前圖片設定為桌布。
開啟檔案位置
在圖片檢視器介面上，單擊滑鼠右鍵。
選擇 開啟檔案位置，定位該圖片的存儲位置。
查看圖片資訊
在圖片檢視器介面上，單擊滑鼠右鍵。
選擇 圖片資訊 ，查看圖片詳細資訊。"""

# The same comment pasted under each name: the sections add no line of their own.
THREAD = """用户小明
这个软件太好用了，强烈推荐大家下载！
用户小红
这个软件太好用了，强烈推荐大家下载！
用户小刚
这个软件太好用了，强烈推荐大家下载！
用户小丽
这个软件太好用了，强烈推荐大家下载！"""

# A line copied within one section, and a text with too few headings.
COPIED = """设置壁纸
在桌面上单击鼠标右键，选择 更换壁纸。
在桌面上单击鼠标右键，选择 更换壁纸。
选择一张图片。
更换主题
在桌面上单击鼠标右键，选择 更换壁纸。
选择一个主题。"""


def test_repeated_steps_of_sections_are_no_copies() -> None:
    lines = IMAGE_VIEWER.split("\n")
    steps = doc_steps.section_steps(lines)
    assert steps == {i for i, ln in enumerate(lines) if ln == "在圖片檢視器介面上，單擊滑鼠右鍵。"} - {1}
    sig = compute_signals(IMAGE_VIEWER, "zh")
    assert sig["dup_line_frac"] == 0.0 and sig["dup_line_char_frac"] == 0.0


def test_copies_still_count() -> None:
    assert doc_steps.section_steps(THREAD.split("\n")) == set()
    assert compute_signals(THREAD, "zh")["dup_line_frac"] > 0.3
    # two headings make no sectioned manual; with a third, the copy within the first section still counts, and so
    # does the step in a section holding it twice
    assert doc_steps.section_steps(COPIED.split("\n")) == set()
    lines = (COPIED + "\n更换字体\n在桌面上单击鼠标右键，选择 更换壁纸。\n在桌面上单击鼠标右键，选择 更换壁纸。\n选择字体。").split("\n")
    assert doc_steps.section_steps(lines) == {5}


SYNC = """可同步项
桌面背景：同步桌面背景，包括壁纸的图片以及它在屏幕上的放置方式和颜色
文本编辑器：同步文本编辑器的设置，需要关闭所有编辑器进程并重新打开文本编辑器才能看到效果
终端：同步终端设置资料卡，需要关闭所有终端实例然后再次打开终端程序才能看到这些效果
文件管理器：同步文件管理器的设置，不包括置顶窗口设置以及侧边栏中书签和网络位置的设置
开机启动项：同步设置开机启动设置，包括用户添加的启动程序以及系统自带的各种启动服务
影音：同步影音相关设置，包括播放列表、字幕字体、声音输出设备以及截图保存目录的位置
天气：同步天气设置，包括已经添加的城市列表以及温度单位和自动刷新天气信息的时间间隔
鼠标：同步设置鼠标设置，包括指针的移动速度、双击的时间间隔以及左右手习惯的设置选项"""


def _codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)


def test_definition_items_are_no_wrapped_lines() -> None:
    assert textlm_batch([SYNC], coherence=False)[0]["wrap_join_gap_zh"] == 0.0
    text = "甲\n桌面背景：同步桌面背景\n微信同号：400-780\n接着写的话没有冒号"
    a = _codes(text)
    starts = np.array([i + 1 for i, ch in enumerate(text) if ch == "\n"])
    assert _item_start(a, starts).tolist() == [True, False, False]


def test_section_steps_linear_on_a_long_text() -> None:
    """A 60k-line text takes well under a second (a heading list searched per line made it quadratic: ~30 s)."""
    import time

    from corpusgov.quality.doc_steps import section_steps

    lines = [ln for s in range(20_000)
             for ln in (f"Section {s}", f"Open the file number {s} in the editor.", "Click the OK button to save.")]
    start = time.process_time()
    steps = section_steps(lines)
    assert time.process_time() - start < 2.0
    assert steps  # the repeated steps are found, so the whole path ran
