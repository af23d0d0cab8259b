"""Page-chrome line shapes (quality.junk_chrome): each detector fires on its shape and not on the look-alikes of
documentation, verse and man pages; two distinct chrome lines make a document chrome-wrapped."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpusgov.config import load_policy
from corpusgov.quality import junk_chrome as c
from corpusgov.quality.signal_names import SIGNAL_NAMES
from corpusgov.quality.signals import compute_signals, evaluate_rules

PROSE = ("The scheduler keeps one queue per worker and hands a task to another worker only when its own queue has "
         "been empty for a whole second, so most tasks run where their data already is.")


@pytest.mark.parametrize("line", ["Page 2 of 7", "- 3 -", "第 3 页 共 9 页", "« First ‹ Prev 1 2 3 4 Next › Last »",
                                  "上一页 2 3 4 5 下一页", "Pages: 1 2 3 … 9  Next page"])
def test_pagers(line: str) -> None:
    assert c.is_pager(line)


@pytest.mark.parametrize("line", ["25", "$ python prog.py 1 2 3 4", "see page 56", "16   - usage or syntax error",
                                  "Version 1.2.3 of the library", "The values 1 2 3 are read in order."])
def test_not_pagers(line: str) -> None:
    assert not c.is_pager(line)


@pytest.mark.parametrize("line", ["Accept all   Reject all   Manage preferences", "Reply | Quote | Report",
                                  "Twitter  Facebook  LinkedIn", "回复  引用  举报  TOP", "分享到：微信 新浪微博 QQ空间",
                                  "[ << Queues ][Top][Contents][ Workers >> ]", "【大 中 小】 【打印】 【关闭】"])
def test_button_rows(line: str) -> None:
    assert c.is_button_row(line)


@pytest.mark.parametrize("line", ["name    type    default value", "-a, --all     do not ignore entries",
                                  "如果有               Meta               前缀的字符               x",
                                  "床前明月光，疑是地上霜。", "[:alnum:]  [:alpha:]  [:blank:]", "Reply to the sender.",
                                  "[-host hostname] [-port port] [-bind host:port] [-4] [-6]",  # a command synopsis
                                  "默认的 gedit 插件", "复制 CD 和 DVD"])  # Chinese sets off Latin terms with spaces
def test_not_button_rows(line: str) -> None:
    assert not c.is_button_row(line)


def test_counters_labels_policy_print_and_signature() -> None:
    assert c.is_counter_row("点赞(842)  收藏  评论(2)") and c.is_counter_row("Joined: 2018-10  Posts: 1772")
    assert not c.is_counter_row("参见 crontab(1) 和 crontab(5)。")  # man page references are not counters
    assert c.is_ui_label("I agree") and c.is_ui_label("Share this:") and c.is_ui_label("【打印】")
    assert not c.is_ui_label("See also") and not c.is_ui_label("Printing a score")
    assert c.is_policy_line("We and our partners use cookies to personalise content and ads and to analyse traffic.")
    assert c.is_policy_line("继续浏览即表示您同意我们按照《隐私政策》使用Cookie。")
    assert not c.is_policy_line("The http.cookiejar module handles HTTP cookies for a client.")
    assert c.is_print_margin("https://example.org/doc/queues.html    2/5")
    assert c.is_print_margin("12/6/26, 4:05 PM    Scheduler Manual: Queues")
    assert c.is_sig_delimiter("--") and not c.is_sig_delimiter("-- Mark Twain")


def test_two_distinct_chrome_lines_count_and_repeats_count_once() -> None:
    assert c.chrome_lines(["Share this:", PROSE, "Twitter  Facebook  LinkedIn"]) == 2.0
    assert c.chrome_lines([PROSE, "Page 1 of 3", PROSE, "Page 2 of 3", PROSE]) == 1.0  # one pager, numbers aside
    assert c.chrome_lines(["Copyright (c) 2001 A. Author", "Copyright (c) 2005 B. Author", PROSE]) == 1.0
    # wrapped prose that mentions cookies is not chrome, nor is a table row
    wrapped = ["If your browser supports a cookie manager, you can export the cookies and", "send those cookies along",
               "| Login | Name | Default |"]
    assert c.chrome_lines(wrapped) == 0.0
    # a table's header row has the shape of a button row: one line, which alone does not make a page
    assert c.chrome_lines(["Name    Type    Default", PROSE]) == 1.0


def test_signal_is_registered_and_the_shipped_policy_drops_on_it() -> None:
    assert "chrome_lines" in SIGNAL_NAMES
    policy = load_policy(str(Path(__file__).resolve().parents[2] / "configs" / "demo" / "policy.yaml")).quality
    wrapped = "\n".join(["We value your privacy", PROSE, "Accept all   Reject all   Manage preferences"])
    sig = compute_signals(wrapped, "en")
    assert sig["chrome_lines"] == 2.0 and ("chrome_lines", "drop") in evaluate_rules(sig, policy)
    assert ("chrome_lines", "drop") not in evaluate_rules(compute_signals("Queues\n" + PROSE, "en"), policy)
