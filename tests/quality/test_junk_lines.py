"""Line-structure junk (quality.junk_lines): page chrome, page furniture, e-mail residue and one-word lines around
real text are dropped; documentation with headings, tables, doctests and option lists, verse and prose that mentions a
cookie are kept. All examples are written here."""

from __future__ import annotations

from corpusgov.quality.junk_lines import (
    boilerplate_char_frac,
    fragment_lines_frac,
    hyphen_break_lines,
    is_boilerplate,
    is_nav_row,
    line_signals,
    mail_lines,
    page_furniture_lines,
)
from corpusgov.quality.junk_score import load_model
from corpusgov.quality.quality_policy import QualityPolicy
from corpusgov.quality.signals import compute_signals, default_quality_rules, evaluate_rules

POLICY = QualityPolicy(rules=default_quality_rules())
LINE_RULES = ("boilerplate_char_frac", "page_furniture_lines", "mail_lines", "fragment_lines_frac", "hyphen_break_lines")
PARA_EN = ("The scheduler keeps one queue per worker and moves a task to another worker only when its own queue is "
           "empty, so that most tasks run where their data already is and the network stays quiet.")
PARA_ZH = "调度器为每个工作进程保留一个队列，只有当自己的队列为空时才把任务交给别的进程，这样大多数任务都在数据所在的地方运行，网络也就很安静。"


def _lines(text: str) -> list[str]:
    return [s for s in (ln.strip() for ln in text.split("\n")) if s]


def _line_drops(text: str, lang: str) -> list[str]:
    return [n for n, a in evaluate_rules(compute_signals(text, lang), POLICY) if a == "drop" and n in LINE_RULES]


def test_boilerplate_lines_en_and_zh() -> None:
    assert is_boilerplate("Accept all cookies | Manage preferences")
    assert is_boilerplate("版权所有 未经许可不得转载")
    assert is_boilerplate("Home › Docs › Scheduler")  # a breadcrumb: separators, no lexicon word
    assert not is_boilerplate("Write down the name and value of the cookie, and send it with every request.")
    assert not is_boilerplate(PARA_ZH)
    page = "\n".join(["首页 > 新闻 > 正文", PARA_ZH, "分享到：微信 微博", "关于我们 | 联系我们 | 网站地图", "版权所有 © 2020"])
    assert boilerplate_char_frac(_lines(page)) > 0.1
    assert "boilerplate_char_frac" in _line_drops(page, "zh-Hans")
    # one mention is not a page of chrome, and neither is prose about cookies
    assert boilerplate_char_frac(_lines(PARA_EN + "\nPrivacy policy")) == 0.0
    assert _line_drops("Cookies are small files a site stores in the browser.\n" + PARA_EN, "en") == []


def test_page_furniture_running_headers_and_page_numbers() -> None:
    pages = []
    for k in range(1, 5):
        pages += [f"{k * 2 + 40}    THE SCHEDULER GUIDE", PARA_EN, PARA_EN.upper().lower(), f"- {k} -"]
    assert page_furniture_lines(_lines("\n".join(pages))) >= 4
    assert "page_furniture_lines" in _line_drops("\n".join(pages), "en")
    # a numbered list, a doctest and a table are not page furniture
    listing = "Exit codes:\n0    - no error\n1    - errors corrected\n2    - reboot needed\n4    - errors left"
    doctest = ">>> len('abc')\n3\n>>> 1 + 1\n2\n>>> sum([1, 2])\n3"
    table = "| level | value |\n| ERROR | 40 |\n| INFO | 20 |"
    for text in (listing, doctest, table):
        assert page_furniture_lines(_lines(text)) <= 1, text
    # a manual's examples recur with their numbers changed, a page apart, like running headers: code is not furniture
    session = []
    for k in range(1, 5):
        session += [f"test=# SELECT * FROM t{k};", " a | b", "---+---", " 1 | 2", f"({k + 1} rows)", PARA_EN,
                    f"CREATE TABLE t{k} (", "    a int", ");"]
    assert page_furniture_lines(_lines("\n".join(session))) <= 1


def test_mail_residue() -> None:
    headers = "From: a@example.org\nTo: b@example.org\nSubject: Re: the queue\nDate: Mon, 1 Jan 2024\n\n" + PARA_EN
    assert mail_lines(_lines(headers)) == 4
    chain = "On 2/5/2012, alice wrote:\n> > On 1/5/2012, bob wrote:\n> > > " + PARA_EN + "\n> I agree.\nthanks"
    assert mail_lines(_lines(chain)) >= 3
    assert "mail_lines" in _line_drops(headers, "en")
    # documentation that quotes one message at one level keeps it
    cited = "In response, the maintainer said:\n\n> " + PARA_EN + "\n> The change was reverted.\n\nSo it stays."
    assert mail_lines(_lines(cited)) == 0


def test_one_word_lines() -> None:
    cloud = "\n".join(["春风", "山城", "洛阳花", "天涯", "抉择", "牺牲", "野芳", "必须", "题目", "移植"])
    assert fragment_lines_frac(_lines(cloud)) == 1.0
    assert "fragment_lines_frac" in _line_drops(cloud, "zh-Hans")
    # verse keeps its clause marks; a reST field list carries markup
    verse = "\n".join(["山高云自在，", "水远月同行。", "夜静灯花落，", "风来竹影清。"] * 3)
    rest = "\n".join([".. data:: EINVAL", "", "Invalid argument", "", ".. data:: ENFILE", "", "File table overflow"] * 2)
    assert fragment_lines_frac(_lines(verse)) == 0.0
    assert fragment_lines_frac(_lines(rest)) <= 0.7
    assert _line_drops(verse, "zh-Hans") == []


def test_navigation_rows_and_broken_words() -> None:
    assert is_nav_row("Chapter 7. Installing the scheduler Chapter 9. Tuning the queues")
    assert is_nav_row("第 2 章 安装 第 4 章 调优")
    assert not is_nav_row('expr: `term` | "-" `expr` | "+" `expr`')  # a grammar rule
    assert not is_nav_row("cat file | sort | uniq -c")  # a pipeline with an option
    # French prose quotes with spaced guillemets: « yes » is not a menu separator
    assert not is_nav_row("Définissez l’entrée « AllowTcpForwarding » à « yes » dans « /etc/ssh/sshd_config ».")
    assert not is_nav_row("Il a répondu « non » puis « oui » et encore « peut-être » à la fin")
    assert is_nav_row("Accueil » Documentation » Installation")
    page = "Chapter 8. Queues\n" + PARA_EN + "\nChapter 7. Workers Chapter 9. Tuning"
    assert "boilerplate_char_frac" in _line_drops(page, "en")
    printed = ("The scheduler keeps one queue per wor-\nker and moves a task only when its own qu-\neue is empty, so "
               "that most tasks run where their da-\nta already is.")
    assert hyphen_break_lines(_lines(printed)) == 3
    assert "hyphen_break_lines" in _line_drops(printed, "en")
    assert hyphen_break_lines(_lines("Use the --quiet option or the\n-q flag; e-mail the\nlist.")) == 0


def test_good_documents_are_kept() -> None:
    doc = ("Scheduler\n=========\n\n" + PARA_EN + "\n\n.. note::\n\n   The queue is bounded.\n\n"
           "Options\n-------\n\n-w, --workers N\n    number of workers\n-q, --quiet\n    print nothing\n")
    man = "名称\n    sched - 任务调度器\n选项\n    -w N    工作进程数\n    -q      不输出任何信息\n描述\n    " + PARA_ZH
    assert _line_drops(doc, "en") == []
    assert _line_drops(man, "zh-Hans") == []
    assert _line_drops(PARA_EN, "en") == [] and _line_drops(PARA_ZH, "zh-Hans") == []


def test_signals_are_registered_and_the_junk_score_ignores_them() -> None:
    sig = compute_signals(PARA_EN, "en")
    assert set(LINE_RULES) <= set(sig)
    assert line_signals([]) == dict.fromkeys(LINE_RULES, 0.0)
    model = load_model()
    assert not set(LINE_RULES) & set(model.features)  # type: ignore[union-attr]
    # the score is the same whatever the line signals say
    changed = dict(sig) | {k: 99.0 for k in LINE_RULES}
    assert model.score(changed) == model.score(sig)


def test_wrapped_prose_lines_are_not_boilerplate_lines() -> None:
    """A man page's hard-wrapped option text may hold a phrase of chrome ("log in") in a line that goes on in lower
    case on the next one: prose, not a page's login box."""
    from corpusgov.quality.junk_lines import boilerplate_char_frac
    wrapped = ["-a, --autologin username", "Automatically log in the specified user without asking for a",
               "username or password. Using this option causes an -f username option and",
               "Typically the login(1) command is given a remote hostname when",
               "called by something such as telnetd(8). This option allows agetty to pass"]
    assert boilerplate_char_frac(wrapped) == 0.0
    box = ["Log in", "Sign up", "Forgot your password?", "The article goes on here with a real sentence."]
    assert boilerplate_char_frac(box) > 0.0
