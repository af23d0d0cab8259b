"""Cut Chinese (quality/junk_cuts.py): lines cut where no typesetter breaks, hyphens in Han words, keyword lists."""

from __future__ import annotations

import pytest

from corpusgov.config import load_policy
from corpusgov.quality.junk_cuts import (
    NEUTRAL,
    cut_line_marks_frac,
    cut_signals,
    han_hyphen_breaks,
    keyword_items_frac,
)
from corpusgov.quality.signals import compute_signals, evaluate_rules


def _lines(text: str) -> list[str]:
    return [s for s in (ln.strip() for ln in text.split("\n")) if s]


SLICED = """等等的 “前端” 之
，你需要在 “/var/lib
缀以避免冲突
。” --《论语》
到更多资料的链接
强烈建议为新引入
语言的一般的概述；
，侧坐莓苔草映身
行商可能为此文
件； 所有 roff"""

# hard negatives: verse, a help page's short lines, a contents page, hard-wrapped prose broken before a comma
POEM = """《石鱼湖上醉歌・并序》
作者：元结
石渔湖，似洞庭，夏水欲满君山青。
山为樽，水为沼，酒徒历历坐洲岛。
长风连日作大浪，不能废人运酒舫。
我持长瓢坐巴丘，酌饮四座以散愁。
床前明月光，疑是地上霜。
举头望明月，低头思故乡。"""
HELP_LINES = """文件
编辑
视图
插入
格式
工具
窗口
帮助
（可选）打开「首选项」对话框"""
CONTENTS = """目录
第一章 安装
1.1 系统要求
1.2 下载安装程序
1.3 运行安装程序
第二章 配置
2.1 网络设置
2.2 用户与权限
第三章 使用"""
WRAPPED = """这个选项告诉程序在处理完所有输入文件之后再检查输出文件的权限和所有者是否正确
，如果不正确就按照配置文件里的设置修改它们；这样可以避免在安装过程中出现权限错误
。请注意，只有超级用户才能修改其他用户拥有的文件的所有者，普通用户只能修改权限位
，而且修改的结果会记录在日志文件中，以便以后检查和恢复原来的设置，这一点非常重要
。如果日志文件不存在，程序会自动创建它，并且把它的权限设置为只有所有者可以读写的
模式；如果日志文件所在的目录不存在，程序会报告一个错误并退出，而不会修改任何文件
。更多的信息请参阅手册页中关于配置文件格式和日志文件格式的章节，以及示例配置文件
，其中列出了所有可用的选项和它们的默认值，以及每个选项的简短说明和使用示例等内容"""


def test_sliced_lines_starting_with_closing_marks_are_cut() -> None:
    assert cut_line_marks_frac(_lines(SLICED)) > 0.2


@pytest.mark.parametrize("text", [POEM, HELP_LINES, CONTENTS, WRAPPED])
def test_written_short_lines_and_wrapped_prose_are_not_cut(text: str) -> None:
    assert cut_line_marks_frac(_lines(text)) == 0.0


# short code lines around hard-wrapped prose whose last character spilt onto a line of its own (Debian Reference zh)
SPILL = """1.5.9. 命令别名
你可以为经常使用的命令设置一个别名。
尝试下列例子
$ alias la='ls -la'
现在，“la”是“ls -al”的简写形式，并同样会以长列表形式列出所有的文
件。你可以使用 alias 来列出所有的别名。
$ alias
alias la='ls -la'
你可以使用 type 来确认命令的准确路径或类型（参见 bash(1) 中的
“SHELL BUILTIN COMMANDS”）。
尝试下列例子
$ type ls
$ type la
$ type echo"""


def test_one_character_clauses_that_go_on_are_cuts() -> None:
    text = "碧，柳芽黄。\n兽。 --《谚\n风疾。却羡彩鸳三\n端居耻圣明\n史浑闲\n鱼鸟兽，飞动毫端\n洞庭上张\n有功名久"
    assert cut_line_marks_frac(_lines(text)) == 0.25  # 碧， and 兽。 of eight lines (风疾。 is a two-character clause)


# a game's help page (GNOME AisleRiot zh_CN): one-character answers open their lines
GAME_HELP = """国王会议
Zach Keene 编写
牌局
目标
把所有的牌收到收牌区或者王座里。
规则
发牌区每次往废牌区发一张牌。
得分
每移走接见室的一张牌得一分。
可以撤销吗
是，按 Ctrl+Z 撤销上一步。
策略
无，国王会议游戏基本上就是靠运气。"""


def test_one_character_answers_are_no_cut() -> None:
    assert cut_line_marks_frac(_lines(GAME_HELP)) == 0.0


def test_a_wraps_spill_after_a_filled_line_is_no_cut() -> None:
    assert cut_line_marks_frac(_lines(SPILL)) == 0.0


def test_one_cut_line_is_tolerated() -> None:
    one = SLICED.replace("，你需要在", "你需要在").replace("。” --《论语》", "--《论语》").replace("，侧坐", "侧坐")
    assert cut_line_marks_frac(_lines(one)) == 0.0


def test_hyphen_inside_a_han_word_at_a_break() -> None:
    assert han_hyphen_breaks("墨写的谎言掩盖不了血写的事-\n实。 --\n鲁迅") == 1.0
    assert han_hyphen_breaks("身属北邙之狐兔，尚惜黄金-\n。 语云") == 1.0
    assert han_hyphen_breaks("--《-\n道德经》") == 1.0


@pytest.mark.parametrize("text", [
    "ls - 列出目录内容\nls [选项] [文件]...",  # a man page's NAME line: a dash after a space
    "--files-with-matches -\n禁止通常的输出",  # an option, not a Han word
    "北京-上海的列车每天两班。",  # a dash inside a line
    "版本 7.3-\n以前的版本",  # a digit before the hyphen
])
def test_hyphens_that_are_no_word_break(text: str) -> None:
    assert han_hyphen_breaks(text) == 0.0


@pytest.mark.parametrize("sep", ["、", "，", " ", " | "])
def test_keyword_list_with_any_separator(sep: str) -> None:
    words = "系统 配置 网络 安装 服务 用户 权限 目录 日志 内核 模块 驱动 文件 编辑 格式".split()
    assert keyword_items_frac(sep.join(words)) > 0.9


@pytest.mark.parametrize("text", [
    # word-segmented translation (zh_CN man pages): single-character words among the items
    "下面 的 选项 是 面向 lisp 的(这些 选项 根据 先后 顺序 处理):",
    # news listing names with 、 inside a sentence
    "出席会议的有张三、李四、王五、赵六、钱七、孙八、周九、吴十、郑十一、冯十二、陈十三、褚十四等人。",
    # verse without marks, lines set off by spaces: clauses, not words
    "床前明月光 疑是地上霜 举头望明月 低头思故乡 白日依山尽 黄河入海流 欲穷千里目 更上一层楼 "
    "春眠不觉晓 处处闻啼鸟 夜来风雨声 花落知多少",
    "关键词：系统、配置",  # a short keyword line: too few items
])
def test_text_that_is_no_keyword_list(text: str) -> None:
    assert keyword_items_frac(text) < 0.55


def test_neutral_without_han() -> None:
    assert cut_signals("Plain English text, with a hyphen-\nbreak.") == NEUTRAL


def test_policy_drops_each_for_its_reason() -> None:
    policy = load_policy("configs/demo/policy.yaml")
    cloud = "、".join("系统 配置 网络 安装 服务 用户 权限 目录 日志 内核 模块 驱动 文件 编辑 格式".split())
    for text, rule in ((SLICED, "cut_line_marks_frac"), (cloud, "keyword_items_frac"),
                       ("墨写的谎言掩盖不了血写的事-\n实。 --\n鲁迅", "han_hyphen_breaks")):
        failed = evaluate_rules(compute_signals(text, "zh-Hans"), policy.quality)
        assert (rule, "drop") in failed
    for text in (POEM, HELP_LINES, CONTENTS):
        names = {n for n, _ in evaluate_rules(compute_signals(text, "zh-Hans"), policy.quality)}
        assert not names & {"cut_line_marks_frac", "han_hyphen_breaks", "keyword_items_frac"}
