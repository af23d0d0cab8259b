"""Fragment junk (quality.junk_fragments): sentences cut inside a phrase, sentence openers glued after a binding word,
two columns read across, "- " hyphen residue, caption lines and bare-label lists are dropped; prose, hard-wrapped
manuals, verse, option lists, tables and Q&A are kept. All examples are written here."""

from __future__ import annotations

import textwrap

from corpusgov.quality.junk_fragments import (
    caption_lines,
    column_gap_lines,
    fragment_signals,
    glued_sentence_frac,
    hyphen_residue_words,
    label_lines_frac,
    open_unit_frac,
)
from corpusgov.quality.quality_policy import QualityPolicy
from corpusgov.quality.signals import compute_signals, default_quality_rules, evaluate_rules

POLICY = QualityPolicy(rules=default_quality_rules())
FRAG_RULES = ("open_unit_frac", "glued_sentence_frac", "column_gap_lines", "hyphen_residue_words", "caption_lines",
              "label_lines_frac")
PROSE_EN = ("The scheduler keeps one queue per worker. It moves a task to another worker only when its own queue is "
            "empty. Most tasks therefore run where their data already is. The network stays quiet as a result. "
            "When a worker fails, its queue is handed to the next one in the ring.")
PROSE_ZH = ("调度器为每个工作进程保留一个队列。只有当自己的队列为空时，它才把任务交给别的进程。这样大多数任务都在数据所在的地方运行。"
            "网络也就很安静。某个进程失败时，它的队列会交给环上的下一个进程。")


def _frag_drops(text: str, lang: str) -> list[str]:
    return [n for n, a in evaluate_rules(compute_signals(text, lang), POLICY) if a == "drop" and n in FRAG_RULES]


def _lines(text: str) -> list[str]:
    return [s for s in (ln.strip() for ln in text.split("\n")) if s]


def test_sentence_heads_and_tails_are_open_units() -> None:
    heads = ("The scheduler keeps one queue for each of the. It moves a task to another worker only when the. "
             "Most tasks therefore run where their. The network stays quiet as a. When a worker fails, its")
    tails = ("per worker and a ring of the others. and moves a task only when its own queue is empty. "
             "of the tasks therefore run where their data is. to the next one in the ring.")
    assert open_unit_frac(heads, zh=False) >= 0.8
    assert open_unit_frac(tails, zh=False) >= 0.6
    assert open_unit_frac(PROSE_EN, zh=False) == 0.0
    assert _frag_drops(heads, "en") == ["open_unit_frac"]
    assert _frag_drops(PROSE_EN, "en") == []


def test_chinese_cut_sentences_are_open_units_by_the_edge_tables() -> None:
    cut = "调度器为每个工作进程保留一…只有当自己的队列为空时，它才把…这样大多数任务都在数据所在的…网络也就很安静…某个进程失败时，它的队列会交给…"
    assert open_unit_frac(cut, zh=True) >= 0.8
    assert open_unit_frac(PROSE_ZH, zh=True) == 0.0
    assert open_unit_frac("……他说。……她也说。……大家都说。……没人再说。", zh=True) == 0.0  # dialogue "……" is not a cut
    assert "open_unit_frac" in _frag_drops(cut, "zh")


def test_code_and_command_names_do_not_make_open_units() -> None:
    doc = ("debuild builds the package. dpkg refuses to install it when a conflict remains. "
           "lintian checks the result. os.path.join() returns a path. the value is set with ``x = 1``.")
    assert open_unit_frac(doc, zh=False) == 0.0


def test_glued_sentence_openers() -> None:
    glued = ("This chapter explains how the The installer starts from a disk and loads its Because you boot from the "
             "If the firmware asks for a key press it and wait for the This takes a minute.")
    assert glued_sentence_frac(glued) > 0.2
    titled = ("For example, a phrase such as Flatland: A Romance of Many Dimensions becomes a password. "
              "Set the option to All files or Never. Then close the window.")
    assert glued_sentence_frac(titled) == 0.0
    phases = ("Civilizations pass through three phases, those of Survival, Inquiry and Sophistication, otherwise known "
              "as the How, Why and Where phases. The first asks how we eat. The second asks why. The third asks where.")
    assert glued_sentence_frac(phases) == 0.0  # one capitalised word after "and" is a title, not a glued sentence
    assert glued_sentence_frac(PROSE_EN) == 0.0


def test_two_columns_read_across() -> None:
    left = textwrap.wrap("By default the boot loader is installed on the first partition of the primary drive, "
                         "where it takes over the boot process and starts the installed system.", 34)
    right = textwrap.wrap("Setting this parameter to two makes the installer log every step it takes, and three "
                          "opens a debug shell at each point where the installer stops.", 34)
    across = "\n".join(f"{a.ljust(34)}   {b}" for a, b in zip(left, right, strict=False))
    assert column_gap_lines(across.split("\n")) >= 0.75
    justified = ("As  a  rule, a function that calls another one should check whether the called\n"
                 "function raised an exception,  and if so, pass the exception on to its caller.\n"
                 "It should discard any object references that  it owns, and return an error\n"
                 "indicator, but it should not set  another exception that would overwrite it.")
    assert column_gap_lines(justified.split("\n")) <= 0.25  # gaps at varying columns, or several per line
    options = "-a, --all     show every entry\n-l            use a long listing format\n-h, --human   sizes in K, M, G\n-r            reverse the order"
    assert column_gap_lines(options.split("\n")) == 0.0  # short cells, not prose
    zh = "\n".join(["请注意加密分区的性能将低于 安装过程中显示组件列表并执行", "未加密的状态这是由于数据在 选中的组件主菜单的优先级为",
                    "每次读写时都要进行加密和解 如果您的优先级设为高您不会", "密性能将与您的处理器速度有 看到菜单另一方面假如出现问"])
    assert column_gap_lines(zh.split("\n")) == 1.0
    segmented = "\n".join(["如果   报文的   路径上   出现  夏时制时间  变化", "可能  导致  时戳  混乱  这个  时间变化  将忽略",
                           "操作 报头的 过滤器表达式 假设 所有的 报文", "被封装在 以太报文 中 这对 协议 无疑是 正确的"])
    assert column_gap_lines(segmented.split("\n")) == 0.0


def test_hyphen_residue_inside_lines() -> None:
    rejoined = ("Let us look at the options available when you sel- ect encryption. As always, when in doubt use the "
                "defaults, because they have been care- fully chosen with secu- rity in mind and the instal- lation "
                "will work.")
    assert hyphen_residue_words(rejoined) == 4.0
    assert hyphen_residue_words("Pre- and post-install scripts run as root; long- or short-term leases.") == 0.0
    assert _frag_drops(rejoined, "en") == ["hyphen_residue_words"]


def test_caption_lines() -> None:
    doc = "\n".join(["If you boot in EFI mode, partman will detect a missing", "Figure 3.2 Partitioning the disk",
                     "EFI System Partition and will not let you go on.", "(a) (b)", "Capabilities of partman can be",
                     "Table 1. Hardware requirements", "0 10 20 30 40", "extended with installer modules."])
    assert caption_lines(_lines(doc)) == 4.0
    zh = "\n".join(["如果通过 DHCP 设置连接网络", "图 3-2 分区方案", "您不需要这些信息", "表 1 硬件要求", "因为 DHCP 服务器将在安装"])
    assert caption_lines(_lines(zh)) == 2.0
    one_figure = "The layout is shown below.\nFigure 1. The layout of the queue\nEach worker has its own queue."
    assert caption_lines(_lines(one_figure)) == 1.0
    assert "caption_lines" in _frag_drops(doc, "en")


def test_label_lists_and_verse() -> None:
    headings = "\n".join(["上传 Debian 仓库", "源文件", "忽略上传", "更新软件包", "新版 Debian 修订版", "检查软件包升级", "上游版本"])
    assert label_lines_frac(headings, _lines(headings)) == 1.0
    toc = "\n".join(["9.1. 上传到 Debian 仓库", "9.2. 在上传时包含源文件", "9.3. 跳过的上传", "第 10 章 更新软件包",
                     "10.1. 新的 Debian 修订版", "10.2. 检查软件包的升级", "10.3. 上游版本"])
    assert label_lines_frac(toc, _lines(toc)) <= 0.2  # a numbered table of contents is good text ("第 10 章 …" alone counts)
    names = "、".join(["丁瑜", "于泽民", "马驰", "王战", "王久祜", "王文东", "王生洪", "王立忠", "毛增华", "艾维仁", "古建中", "龙启琛", "卢文端"])
    assert label_lines_frac(names, _lines(names)) == 0.0  # news enumerates names with 、
    index = "\n".join(["Boot loader, 12, 45", "Partitioning, 33, 34-36", "Network configuration, 51",
                       "Firmware, loading, 60, 61", "Keyboard layout, 8", "Mirror selection, 70, 72"])
    assert label_lines_frac(index, _lines(index)) == 1.0
    tags = "，".join(["调度器", "工作进程", "队列", "数据", "网络", "环形", "故障", "任务", "迁移", "吞吐", "延迟", "存储"])
    assert label_lines_frac(tags, _lines(tags)) == 1.0
    assert "label_lines_frac" in _frag_drops(tags, "zh")
    verse_zh = "床前明月光，\n疑是地上霜。\n举头望明月，\n低头思故乡。\n春眠不觉晓，\n处处闻啼鸟。"
    assert label_lines_frac(verse_zh, _lines(verse_zh)) == 0.0
    lyrics = "\n".join(["I walked along the river", "and the water was so cold", "you said that you would follow",
                        "but the night was growing old", "we left our names in the sand", "and the tide took them away"])
    assert label_lines_frac(lyrics, _lines(lyrics)) <= 0.2
    qa = "Q: How do I boot from USB?\nA: Write the image to the stick.\nQ: What if it fails?\nA: Try another port."
    assert _frag_drops(qa, "en") == []
    synopsis = "\n".join(["SYNOPSIS", "ls [OPTION]... [FILE]...", "OPTIONS", "-a, --all", "do not ignore entries starting with .",
                          "-l     use a long listing format", "-h, --human-readable", "print sizes like 1K 234M 2G"])
    assert _frag_drops(synopsis, "en") == []


def test_good_prose_and_short_texts_keep_every_signal_at_zero() -> None:
    for text, zh in ((PROSE_EN, False), (PROSE_ZH, True), ("Hello.", False), ("", False), ("好。", True)):
        assert all(v == 0.0 for v in fragment_signals(text, zh).values()), text


def test_sizes_with_thousands_separators_are_not_index_locators() -> None:
    """A table of package sizes ("gdb   2,766,822") is not a book index ("Debian, 12, 45") (docs round 8)."""
    sizes = ["Package                    Size", "------------------------+--------", "gdb                     2,766,822",
             "gcc-3.3                 1,570,284", "dpkg-dev                  166,800", "libc6-dev               2,531,564",
             "cpp-3.3                 1,391,346", "manpages-dev            1,081,408", "bison                     702,830"]
    assert label_lines_frac("\n".join(sizes), sizes) < 0.2
    index = ["Debian, 12, 45", "dpkg, 30-32", "kernel, 7", "packages, 101, 140", "security, 88", "updates, 3, 9"]
    assert label_lines_frac("\n".join(index), index) == 1.0
