"""Spliced and unclosed units (quality.junk_spliced): page furniture inside sentences, Chinese sentence heads without
their ends and Chinese cut at a fixed width are dropped; tables of contents, numbered steps, page references, verse,
man-page options, word-segmented Chinese and ordinary prose are kept. All examples are written here, in the shapes of
the real documents the rules were measured on."""

from __future__ import annotations

from corpusgov.quality.junk_score import junk_score
from corpusgov.quality.junk_spliced import (
    MIN_GRID_SPACES,
    caption_splices,
    inline_furniture_marks,
    keyword_repeat_frac,
    spliced_signals,
    unclosed_lines_zh,
    width_grid_spaces_zh,
)
from corpusgov.quality.quality_policy import QualityPolicy
from corpusgov.quality.signals import compute_signals, default_quality_rules, evaluate_rules

POLICY = QualityPolicy(rules=default_quality_rules())
RULES = {"inline_furniture_marks", "unclosed_lines_zh", "width_grid_spaces_zh", "caption_splices", "keyword_repeat_frac"}

RUNNING_HEADER_EN = (
    "If you set up several machines in 36 Chapter 3. Before Installing turn and they happen to have the same "
    "address, the client will refuse to connect. If you are sure this is not the case, you will need to delete the "
    "Chapter 3. Before Installing 37 relevant line from the file and try Chapter 3. Before Installing 38 again.")
DASHED_EN = ("How to set up the table by hand will be covered in the remainder — 52 — of this section. If you pick a "
             "disk without partitions, you will be asked if a new — 53 — table should be created.")
DASHED_ZH = ("使用这个系统时，极少出现必须进 — 20 — 行完全重新安装的情况。如果一个程序的新版本需要其他程序，软件包管理 — 21 — "
             "系统会自动帮您确定所有必须的软件。")
HEADS_ZH = "\n".join([
    "如果本地网络上有路由器，但是因为它们给出错误的答案而",
    "您可以多次挂载这个文件系统，通常",
    "如果没有使用这个参数，请在进入下一步前先将它",
    "要配置网络，您需要编辑",
    "如果失败了，您应该从外面加载，然后把这一行设置为",
])
WIDTH_CUT_ZH = " ".join("安装程序默认需要使用已知的密钥来认证仓库。设为真可以禁止认证，但这样做不安全，不推荐使用。设置以后会进入救援模式，"
                        "而不是执行普通安装。除了一些例外，对于安装过程中询问的问题，值可以在引导提示符后设置，尽管这只在某些特定情况下"
                        "真正有用。有关如何操作的一般指示可以在附录中找到，下面是一些特定的例子。"[i:i + 18] for i in range(0, 180, 18))

CONTENTS_EN = ("Chapter 3. Before Installing 37\nChapter 4. Obtaining System Installation Media 45\n"
               "Chapter 5. Booting the Installation System 59\nChapter 6. Using the Installer 80")
STEPS_EN = ("Step 1 Insert the disk and wait. Step 2 Insert the second disk when asked. See page 52 for the list, and "
            "page 53 for the options of the 2 Installation Guide chapters.")
VERSE_ZH = "床前明月光，疑是地上霜\n举头望明月，低头思故乡\n春眠不觉晓，处处闻啼鸟\n夜来风雨声，花落知多少"
CI_ZH = "明月几时有，把酒问青天\n不知天上宫阙，今夕是何年\n我欲乘风归去，又恐琼楼玉宇，高处不胜寒\n起舞弄清影，何似在人间"
MAN_OPTIONS_ZH = ("-v, --verbose\n       对于每个文件的处理， 都会打印分析报告\n\n--dereference\n       影响每个符号链接所引用的文件"
                  " （默认设置）， 而不是符号链接本身\n\n-h, --no-dereference\n       影响符号链接本身而不是其引用的文件\n"
                  "--reference=文件\n       使用参考文件的属性，而非直接指定的值")
SEGMENTED_ZH = ("返回 类型 应该 是 const char *， 但是 为了 避免 较早 版本 的 代码 的 警告， 返回 类型 是 char *。 这一项 导致 "
                "程序 永久 等待 应答。 正常 情况 下， 大约 一 分钟 后 产生 超时。 如果 没有 指定 参数， 就 使用 默认 的 值。")
PROSE_ZH = ("安装程序默认需要使用已知的密钥来认证仓库。设为真可以禁止认证，但这样做不安全。在 Debian 系统里，如果操作系统遇到出错的情况，"
            "您大多时候都能把它修复，而不用重新安装。")


def _drops(text: str, lang: str) -> set[str]:
    return {n for n, a in evaluate_rules(compute_signals(text, lang), POLICY) if a == "drop"} & RULES


def test_page_furniture_inside_sentences_dropped() -> None:
    assert inline_furniture_marks(RUNNING_HEADER_EN) >= 2  # one title beside pages 36, 37, 38, inside sentences
    assert inline_furniture_marks(DASHED_EN) == 2
    assert inline_furniture_marks(DASHED_ZH) == 2
    assert "inline_furniture_marks" in _drops(RUNNING_HEADER_EN, "en")
    assert "inline_furniture_marks" in _drops(DASHED_ZH, "zh-Hans")


def test_contents_numbered_steps_and_page_references_kept() -> None:
    assert inline_furniture_marks(CONTENTS_EN) == 0  # titles and page numbers, but no sentence goes on around them
    assert inline_furniture_marks(STEPS_EN) == 0  # numbers after a word, titles not repeated with rising pages
    assert inline_furniture_marks("A range such as 10 — 20 is written with a dash.") == 0  # no word goes on after
    assert not _drops(CONTENTS_EN, "en") and not _drops(STEPS_EN, "en")


def test_sentence_heads_zh_dropped() -> None:
    assert unclosed_lines_zh(HEADS_ZH) > 0.2
    assert "unclosed_lines_zh" in _drops(HEADS_ZH, "zh-Hans")
    closed = HEADS_ZH.replace("\n", "。\n") + "。"
    assert unclosed_lines_zh(closed) == 0.0  # one sentence end anywhere: not heads


def test_verse_ci_man_options_and_prose_kept() -> None:
    assert unclosed_lines_zh(VERSE_ZH) == 0.0  # lines of one length
    assert unclosed_lines_zh(CI_ZH) == 0.0  # unequal lines, printed without marks, but classical: not judged
    assert unclosed_lines_zh(MAN_OPTIONS_ZH) == 0.0  # descriptions indented under option labels
    assert unclosed_lines_zh(PROSE_ZH) == 0.0
    for text in (VERSE_ZH, CI_ZH, MAN_OPTIONS_ZH, PROSE_ZH):
        assert not _drops(text, "zh-Hans")


def test_width_cut_zh_dropped() -> None:
    assert width_grid_spaces_zh(WIDTH_CUT_ZH) > 0.45
    assert "width_grid_spaces_zh" in _drops(WIDTH_CUT_ZH, "zh-Hans")


def test_segmented_and_plain_chinese_kept() -> None:
    assert width_grid_spaces_zh(SEGMENTED_ZH) < 0.45  # spaces everywhere, off any one grid
    assert width_grid_spaces_zh(PROSE_ZH) == 0.0  # fewer than MIN_GRID_SPACES spaces between Han
    assert MIN_GRID_SPACES == 5
    assert not _drops(SEGMENTED_ZH, "zh-Hans") and not _drops(PROSE_ZH, "zh-Hans")


def test_signals_in_compute_signals_neutral_without_han_and_not_read_by_the_junk_score() -> None:
    sig = compute_signals(DASHED_ZH, "zh-Hans")
    assert {k: sig[k] for k in RULES} == spliced_signals(DASHED_ZH, True)
    en = spliced_signals(DASHED_EN, False)
    assert en["unclosed_lines_zh"] == 0.0 and en["width_grid_spaces_zh"] == 0.0
    assert junk_score(sig) == junk_score(sig | {k: 0.0 for k in RULES})


CAPTIONS_EN = ("If you boot in EFI mode but forget to select and format an\nEFI System Partition, the partitioner will not\n"
               "Figure 5.3 Hardware documentation\nlet you continue until you allocate one. Its abilities\n"
               "can be extended with modules, but they depend on\n(a) (b)\nyour system's architecture.")
CAPTIONS_ZH = "安装程序默认需要使用已知的密钥来\n图 3-2 安装前的准备\n认证仓库，设为真可以禁止认证，但这样做\n表 4 引导参数\n不安全。"
CAPTION_AFTER_PARAGRAPH = ("The partitioner shows every disk and the free space on it.\nFigure 5.3 The partitioner\n"
                           "Select a disk to see its partitions.")
WRAPPED_FIGURE_REF = ("The layout of a typical installation is shown in the next\nFigure 3 shows the partitions of a disk with a\n"
                      "separate home partition and some swap space at the end")
STUFFED_EN = ", ".join(["booting from network guide", "free booting from network", "run debootstrap online",
                        "booting from network usb", "download run debootstrap", "run debootstrap error",
                        "best booting from network", "booting from network 2024", "run debootstrap tutorial"])
NAMES_EN = ("Alice Smith, Bob Jones, Carol White, Dan Brown, Eve Black, Frank Green, Grace Hall, Henry Ford, Ivy Lee, "
            "Jack Hill, Kate Moss, Liam Neal")
REFRAIN_EN = "\n".join(["oh the river runs and the river sings", "and we go down to the river again",
                        "oh the river runs and the river sings", "and the night comes down on the water",
                        "oh the river runs and the river sings", "and we go down to the river again"])
CODE_EN = "letters = ['a', 'b', 'c']\nletters[2:5] = ['C', 'D', 'E']\nletters[2:5] = []\nletters[2:5] = ['x']"


def test_captions_inside_sentences_dropped() -> None:
    lines = CAPTIONS_EN.split("\n")
    assert caption_splices(lines) == 2
    assert caption_splices(CAPTIONS_ZH.split("\n")) == 2
    assert "caption_splices" in _drops(CAPTIONS_EN, "en")


def test_captions_after_paragraphs_and_wrapped_figure_references_kept() -> None:
    assert caption_splices(CAPTION_AFTER_PARAGRAPH.split("\n")) == 0  # the line before ends a sentence
    assert caption_splices(WRAPPED_FIGURE_REF.split("\n")) == 0  # a filled line of hard-wrapped text
    assert not _drops(CAPTION_AFTER_PARAGRAPH, "en") and not _drops(WRAPPED_FIGURE_REF, "en")


def test_repeated_keyword_phrases_dropped() -> None:
    assert keyword_repeat_frac(STUFFED_EN) > 0.3
    assert "keyword_repeat_frac" in _drops(STUFFED_EN, "en")


def test_name_lists_refrains_code_and_prose_kept() -> None:
    assert keyword_repeat_frac(NAMES_EN) == 0.0  # no word pair repeated
    assert keyword_repeat_frac(REFRAIN_EN) == 0.0  # verse in lines
    assert keyword_repeat_frac(CODE_EN) == 0.0  # brackets and quotes: not plain words
    assert keyword_repeat_frac(STUFFED_EN + ". It is a list.") == 0.0  # a sentence end: prose
    for text in (NAMES_EN, REFRAIN_EN, CODE_EN):
        assert not _drops(text, "en")
