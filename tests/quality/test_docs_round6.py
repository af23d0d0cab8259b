"""Documentation structures that tripped junk signals (issue 13, docs round 6): each test keeps a structure of real
manuals and help pages (written here, in their shape) and shows that the junk the signal is for still fires."""

from __future__ import annotations

from corpusgov.quality.junk_chrome import chrome_keys, is_button_row
from corpusgov.quality.junk_fragments import caption_lines, label_lines_frac
from corpusgov.quality.junk_furniture import furniture_lines
from corpusgov.quality.junk_lines import (
    boilerplate_char_frac,
    is_boilerplate,
    is_menu_instruction,
    table_rows,
)
from corpusgov.quality.junk_noise import en_typo_frac
from corpusgov.quality.junk_residue import web_code_frac
from corpusgov.quality.naturalness import det_misorder_frac
from corpusgov.quality.signals import compute_signals

PARA_EN = ("The scheduler keeps one queue per worker and moves a task to another worker only when its own queue is "
           "empty, so that most tasks run where their data already is and the network stays quiet during the day. ")


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


# --- en_typo_frac: a recurring name is not a misspelling ---

HELP_COMMANDS = "\n".join([
    "Starting the viewer from a terminal",
    "To start the picture viewer from a terminal, type viewr and press Enter.",
    "You can open a file by typing its name after the viewr command:",
    "viewr holiday.png",
    "You can open every picture of a folder by typing the folder name after the viewr command:",
    "viewr albums",
    "Open the pictures in a slide show",
    "viewr --slides albums/",
    "Open a picture in a window of its own",
    "viewr --new-window holiday.png",
    "Open a picture without the side panel",
    "viewr --no-panel holiday.png",
])


def test_a_command_name_repeated_on_every_line_is_not_a_typo() -> None:
    assert en_typo_frac(HELP_COMMANDS) < 0.06
    # the same page with typos that vary, as typing and OCR make them, still fires
    slips = (HELP_COMMANDS.replace("terminal,", "termnal,").replace("typing its", "typin its")
             .replace("every picture", "evrey picture").replace("window of", "windw of")
             .replace("side panel", "sied panel").replace("start the", "strat the"))
    assert en_typo_frac(slips) > 0.06


# --- chrome / boilerplate: ruled tables and menu instructions ---

QUERY_RESULT = "\n".join([
    "The query returns one row per order:",
    " id | item  | qty",
    "----+-------+-----",
    "  1 | bolts |  40",
    "  2 | nuts  |  12",
    "(2 rows)",
    "A join with the customers table adds their names:",
    " id | item  | qty | name",
    "----+-------+-----+------",
    "  1 | bolts |  40 | ann",
    "(1 row)",
])


def test_rows_of_a_ruled_query_result_are_not_navigation() -> None:
    lines = _lines(QUERY_RESULT)
    assert table_rows(lines) == {1, 3, 4, 7, 9}
    assert chrome_keys(lines) == set()
    assert boilerplate_char_frac(lines) == 0.0
    # a navigation bar without a rule under it is still chrome
    nav = _lines("Home | News | Sport | Weather\n" + PARA_EN + "\nAbout | Contact | Jobs | Press")
    assert table_rows(nav) == set() and len(chrome_keys(nav)) == 2
    # nor does a plain rule make the footer under it a table
    footer = _lines(PARA_EN + "\nHome | News | Sport | Weather\n--------------------\nAbout | Contact | Jobs | Press")
    assert table_rows(footer) == set() and len(chrome_keys(footer)) == 2


def test_a_menu_instruction_is_not_chrome_a_breadcrumb_is() -> None:
    for line in ("Click File ▸ Print this Page", "Choose Edit > Preferences", "点击 编辑 ▸ 首选项", "选择文件 ▸ 关闭窗口"):
        assert is_menu_instruction(line) and not is_boilerplate(line), line
    for line in ("Home » News » Share this", "Print this page", "Click here", "首页 > 新闻 > 分享到"):
        assert not is_menu_instruction(line)
        assert is_boilerplate(line), line


def test_zh_prose_with_spaced_ui_names_is_not_a_button_row() -> None:
    assert not is_button_row("在 自动点击 的 等待 面板")
    assert not is_button_row("拖动 缩放 里的 速度 滑块")
    assert is_button_row("首页 新闻 体育 娱乐")
    assert is_button_row("复制 粘贴 删除")


# --- label_lines_frac: code identifiers and headings over their paragraphs ---

def test_a_list_of_class_names_is_not_a_tag_cloud() -> None:
    sample = "Spinner\nA spinner that turns while work goes on\nIn this sample we used the following:\n" \
             "GtkApplication\nGtkWindow\nGtkSpinner\nGSimpleAction\nGMenuModel"
    assert label_lines_frac(sample, _lines(sample)) < 0.6
    tags = "Spinner\nwidgets\ngnome\ndesktop\nlinux tips\nopen source\ntutorial\nbeginners"
    assert label_lines_frac(tags, _lines(tags)) > 0.6


def test_headings_over_their_paragraphs_are_not_bare_labels() -> None:
    game = "\n".join(["九连环", "张三 编写", "牌局", "目标", "把所有的牌按花色依次收到右上角。", "规则",
                      "每次只能移动最上面的一张牌，空位可以放任何一张牌。", "得分", "每收起一张牌得一分，最高可得五十二分。", "策略"])
    assert label_lines_frac(game, _lines(game)) < 0.6
    sitemap = "\n".join(["首页", "新闻中心", "产品展示", "客户案例", "技术支持", "关于我们", "招聘信息", "联系方式"])
    assert label_lines_frac(sitemap, _lines(sitemap)) > 0.6


# --- furniture_lines: a book's own contents ---

CHAPTER = "\n".join([
    "Chapter 12. Backup and Restore",
    "Table of Contents",
    "12.1. Dumping a Database",
    "12.1.1. Restoring the Dump",
    "12.2. File System Level Backup",
    "12.3. Continuous Archiving",
    "This chapter explains how to keep copies of a database and how to bring them back after a failure, and which of "
    "the methods suits which size of installation.",
])


def test_a_chapter_page_with_the_books_contents_is_not_furniture() -> None:
    assert furniture_lines(_lines(CHAPTER)) < 1.5
    widget = "\n".join(["How to back up a database", "Table of Contents", "1. Why back up", "2. Dumping", "3. Restoring",
                        "This article explains how to keep copies of a database and how to bring them back after a "
                        "failure, step by step.", "Subscribe to our newsletter"])
    assert furniture_lines(_lines(widget)) >= 2


# --- det_misorder_frac, caption_lines, dup_line_frac: code and output in examples ---

def test_keywords_named_in_capitals_are_not_misordered_words() -> None:
    sql = ("A subquery in the FROM clause needs an alias. Write the alias after an AS clause; the NOT operator and "
           "the IN operator work as in the WHERE clause. The planner reads the FROM clause first and the list of "
           "columns after it, so the order of the clauses matters less than their content. ")
    assert det_misorder_frac(sql) == 0.0
    named = ("Write the for loop over the list, then the if statement; to stop, press the Not Now button or the "
             "in operator test. The loop body runs once per item and the test runs before the body, so the loop ends "
             "as soon as the test fails. The button and the operator are described in the next section. ")
    assert det_misorder_frac(named) == 0.0
    shuffled = "the of cat an is dog the and bird their to house the in garden our for car the tree its bed"
    assert det_misorder_frac(shuffled) > 0.15
    assert det_misorder_frac(shuffled.upper().replace("THE ", "the ").replace("AN ", "an ")) > 0.15  # SHOUTED junk


def test_an_r_function_definition_is_not_javascript() -> None:
    r_code = "Define the helper first:\nscale2 <- function(x, k) {\n    x * k\n}\nthen call it on a vector.\n" + PARA_EN
    assert web_code_frac(r_code) == 0.0
    js = "Define the helper first:\nvar scale2 = function(x, k) {\n    return x * k;\n}\nthen call it.\n" + PARA_EN
    assert web_code_frac(js) > 0.0


def test_a_log_listing_is_not_axis_ticks() -> None:
    log = ["0 117 2240 0 1312556011 994417", "0 118 2412 0 1312556011 996811", "1 4 8011 0 1312556012 1203"]
    assert caption_lines(log) == 0.0
    assert caption_lines(["0 10 20 30 40", "Figure 3.2 Throughput per worker", "100 75 50 25 0"]) == 3.0


def test_repeated_code_and_output_lines_are_not_copies() -> None:
    session = "\n".join([
        "Create the tables on both servers.",
        "db1=# CREATE TABLE parts(id int, name text);", "CREATE TABLE",
        "db1=# CREATE TABLE stock(id int, qty int);", "CREATE TABLE",
        "db2=# CREATE TABLE parts(id int, name text);", "CREATE TABLE",
        "db2=# CREATE TABLE stock(id int, qty int);", "CREATE TABLE",
        "Fill them and check the counts.",
        "db1=# INSERT INTO parts VALUES (1, 'bolt'), (2, 'nut');", "INSERT 0 2",
        "db1=# INSERT INTO stock VALUES (1, 40), (2, 12);", "INSERT 0 2",
        "typedef struct", "{", "    int id;", "} part;",
        "typedef struct", "{", "    int id;", "} stock;",
    ])
    assert compute_signals(session, "en")["dup_line_frac"] < 0.3
    copied = "\n".join(["Buy cheap watches online today", "Best prices guaranteed", "Free shipping worldwide"] * 4)
    assert compute_signals(copied, "en")["dup_line_frac"] > 0.3


def test_a_code_sample_shown_twice_is_templated_not_copied() -> None:
    styles = "\n".join([
        "Brace styles",
        "Two brace styles are common in the C code of the desktop, and a patch should keep to the style of its file.",
        "The compact style puts the opening brace on the line of the statement:",
        "for (n = 0; n < count; n++) {", "total = total + weight[n];", "if (total > limit) {", "report (total);",
        "total = 0;", "}", "}",
        "The open style gives every brace a line of its own and indents the braces as well:",
        "for (n = 0; n < count; n++)", "{", "total = total + weight[n];", "if (total > limit)", "{",
        "report (total);", "total = 0;", "}", "}",
        "Both styles are easy to read once you are used to them, and neither is better than the other for the code.",
        "What matters is that a file keeps to one of them, so that a change does not reformat the lines around it.",
        "A reviewer will ask for a patch to be redone when it mixes the two styles in one function.",
    ])
    sig = compute_signals(styles, "en")
    assert sig["dup_5gram_frac"] > 0.15 and sig["dup_ngram_terms"] == 1.0
    prose = [ln for ln in _lines(styles) if not ln.endswith((";", "{", "}", ")"))]
    copied = "\n".join(prose + prose[1:4] + prose[5:])  # the same prose lines pasted again
    assert compute_signals(copied, "en")["dup_ngram_terms"] == 0.0
