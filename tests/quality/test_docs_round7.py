"""Documentation structures that tripped junk signals (issue 13, docs round 7, wt-junk10): each test keeps a structure of
real manuals and help pages (written here, in their shape) and shows that the junk the signal is for still counts."""

from __future__ import annotations

from corpusgov.quality.junk_chrome import chrome_keys, is_counter_row
from corpusgov.quality.junk_lines import fragment_lines_frac
from corpusgov.quality.signals import compute_signals


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


# --- fragment_lines_frac: class names listed by a sample are not bare fragments ---

CLASS_LIST = "\n".join([
    "Progress bar",
    "This progress bar is stopped and started by pressing any key, and shows how long the work has gone on.",
    "In this sample we used the following:",
    "GtkApplication",
    "GtkWindow",
    "GtkProgressBar",
    "GLib.timeout_add",
    "GtkGrid",
    "GtkLabel",
])
TAG_CLOUD = "\n".join(["Holiday photos", "Cheap flights", "Garden ideas", "Summer recipes", "Best hotels", "Travel tips",
                       "Family fun", "Weekend trips", "City guides"])


def test_identifiers_are_not_fragments() -> None:
    assert fragment_lines_frac(_lines(CLASS_LIST)) < 0.7
    # the same page with the names written as words reads as a list of fragments again
    as_words = CLASS_LIST.replace("GtkApplication", "Application").replace("GtkWindow", "Window") \
        .replace("GtkProgressBar", "Progress Bar").replace("GtkGrid", "Grid").replace("GtkLabel", "Label") \
        .replace("GLib.timeout_add", "Timeout")
    # (under a bare label: under its sentence "we used the following:" it is an introduced list, junk_lists)
    assert fragment_lines_frac(_lines(as_words)) < 0.7
    assert fragment_lines_frac(_lines(as_words.replace("In this sample we used the following:", "Classes"))) > 0.7


def test_tag_cloud_still_fragments() -> None:
    assert fragment_lines_frac(_lines(TAG_CLOUD)) == 1.0


# --- is_counter_row: a Chinese sentence giving values is not a row of counters ---

WORKED_EXAMPLE_ZH = "成交日: 1999 年 3 月 31 日，到期日期: 1999 年 6 月 1 日，贴现率: 9.14％。"


def test_sentence_of_values_is_not_a_counter_row() -> None:
    assert not is_counter_row(WORKED_EXAMPLE_ZH)
    assert not chrome_keys(_lines(WORKED_EXAMPLE_ZH + "\n" + WORKED_EXAMPLE_ZH.replace("3 月", "4 月").replace(
        "到期日期", "计息日期")))


def test_counter_rows_still_count() -> None:
    assert is_counter_row("点赞(842) 评论(2)")
    assert is_counter_row("阅读: 1200 评论: 35")
    assert is_counter_row("Joined: 2018  Posts: 1772")


# --- boilerplate_lines_frac: an English keyword inside a Chinese line is a term, not a link ---

FOR_NEXT_ZH = "\n".join([
    "For...Next 语句",
    "「For...Next」循环按指定的次数重复执行循环中的语句。",
    "如果未在「Next」语句后指定变量，则「Next」引用最近的「For」语句。",
    "增量为 0 时，会一直重复执行「For」和「Next」之间的语句。",
])
NAV_ZH = "\n".join(["首页", "新闻中心", "联系我们", "返回顶部", "Home | Next | Previous"])


def test_english_keyword_in_chinese_line_is_not_boilerplate() -> None:
    assert compute_signals(FOR_NEXT_ZH, "zh-Hans")["boilerplate_lines_frac"] < 0.5


def test_chinese_and_latin_menus_still_boilerplate() -> None:
    assert compute_signals(NAV_ZH, "zh-Hans")["boilerplate_lines_frac"] == 1.0
    assert compute_signals("Home\nNext\nPrevious\nSearch\nThe rain stopped before noon and the wind fell.", "en")[
        "boilerplate_lines_frac"] == 0.8


# --- ellipsis_lines_frac: an ellipsis set off by a space is syntax, not a cut line ---

SQL_PAGE = "\n".join([
    "The simplest kind of select list is * which emits all columns that the table expression produces.",
    "SELECT a, b, c FROM ...",
    "If more than one table has a column of the same name, the table name must also be given:",
    "SELECT tbl1.a, tbl2.a, tbl1.b FROM ...",
    "SELECT tbl1.*, tbl2.a FROM ...",
    "SELECT a AS value, b + c AS sum FROM ...",
])
TEASERS = "\n".join(["Ten ways to save money on your next holiday that the travel firms...",
                     "Why the weather in spring keeps changing and what it means for your…",
                     "The garden tools every beginner should own before the summer...",
                     "Read the full story of the storm that closed the harbour."])


def test_spaced_ellipsis_is_syntax() -> None:
    assert compute_signals(SQL_PAGE, "en")["ellipsis_lines_frac"] == 0.0


def test_cut_lines_still_counted() -> None:
    assert compute_signals(TEASERS, "en")["ellipsis_lines_frac"] == 0.75
