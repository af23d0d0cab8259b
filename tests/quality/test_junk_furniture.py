"""Site furniture written as sentences (quality.junk_furniture): calls to action, author boxes, disclaimers, lists of
other pages' titles and indexes count; documentation, man-page sections, licences, verse and Chinese technical prose
that use the same words do not."""

from __future__ import annotations

import pytest

from corpusgov.config import load_policy
from corpusgov.quality import junk_furniture as jf
from corpusgov.quality.signals import compute_signals, evaluate_rules


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


@pytest.mark.parametrize("line", [
    "Sign up for our newsletter to get the latest tutorials delivered to your inbox.",
    "We respect your privacy. Unsubscribe at any time.",
    "Open in app", "Create a free account to keep reading",
    "Jane Doe writes about Linux and open source. Follow her on Twitter.", "About the author",
    "The views expressed here do not necessarily reflect those of the publisher.",
    "This article was originally published on Example News.", "Your email address will not be published.",
    "Related articles", "Contents [hide]",
    "下载APP，阅读更多精彩内容", "本文仅代表作者观点，不代表本站立场", "扫码关注我们", "点个“在看”再走吧", "（责任编辑：王芳）",
    "推荐阅读", "目录",
])
def test_furniture_sentences_are_recognised(line: str) -> None:
    assert jf.is_furniture(line), line


@pytest.mark.parametrize("line", [
    "To subscribe to the debian-user mailing list, send a mail to the list's request address.",
    "SEE ALSO", "AUTHOR", "Written by Richard Stallman and David MacKenzie.",
    "The client logs in to the server with its own key.", "Click OK to close the dialog.",
    "使用 ssh 登录远程服务器后，切换到该目录。", "客户端向服务器注册自己的地址。", "将数据包转发到下一跳路由器。",
    "See also the section on backups.", "Permission is hereby granted, free of charge, to any person obtaining a copy",
])
def test_documentation_wording_is_not_furniture(line: str) -> None:
    assert not jf.is_furniture(line), line


def test_title_list_needs_a_heading_and_titles() -> None:
    related = _lines("Body text of the page that explains something at length.\nRelated articles\nConfiguring a Cache "
                     "— May 24, 2016\nBackup\nMigration to Testing")
    assert jf.title_list_after_head(related) == 1
    assert jf.furniture_lines(related) == 2.0  # the heading and its list: drops
    sentences = _lines("Related articles\nThe first related sentence ends here.\nSo does the second one.")
    assert jf.title_list_after_head(sentences) == 0
    zh = _lines("正文第一段。\n推荐阅读\n· 公钥基础设施：easy-rsa\n备份配置 2014年11月13日\n什么是 Debian？")
    assert jf.furniture_lines(zh) == 2.0


def test_index_run_counts_as_a_list() -> None:
    index = _lines("Resizing Partitions, 7, 229, 288\nTablet mapping, 13\nThe child model, 222\nOld Hungarian, 42")
    assert jf.index_run(index) and jf.furniture_lines(index) == 2.0
    prose = _lines("In 1998, 12 people met.\nThe plan had 3 parts, 4 steps.\nDone.")
    assert not jf.index_run(prose)


def test_one_furniture_line_is_tolerated_two_count() -> None:
    one = _lines("An article body that is long enough to be prose and says something.\nAbout the author")
    assert jf.furniture_lines(one) == 1.0
    two = _lines("正文第一段，讲的是某个软件的安装方法。\n免责声明：本文仅代表作者个人观点，与本站无关。\n（责任编辑：陈静）")
    assert jf.furniture_lines(two) == 2.0


def test_verse_and_man_pages_are_not_furniture() -> None:
    verse = _lines("Roses are red\nViolets are blue\nSugar is sweet\nAnd so are you")
    assert jf.furniture_lines(verse) == 0.0
    man = _lines("NAME\nls - list directory contents\nAUTHOR\nWritten by Richard M. Stallman and David MacKenzie.\n"
                 "REPORTING BUGS\nReport any translation bugs to the translation team.\nSEE ALSO\nFull documentation")
    assert jf.furniture_lines(man) == 0.0


def test_shipped_policy_drops_furniture_and_keeps_its_page() -> None:
    policy = load_policy("configs/demo/policy.yaml")
    body = ("A daemon is a program that is not explicitly invoked by the user and that stays in the background, "
            "waiting for a certain condition to be met before performing a task.")
    junk = f"Monitoring daemons\n{body}\nSubscribe to our newsletter\nNo spam, ever. Unsubscribe at any time."
    failed = [n for n, a in evaluate_rules(compute_signals(junk, "en"), policy.quality) if a == "drop"]
    assert "furniture_lines" in failed
    good = f"Monitoring daemons\n{body}"
    assert not [n for n, a in evaluate_rules(compute_signals(good, "en"), policy.quality) if a == "drop"]


@pytest.mark.parametrize(("line", "cta"), [
    ("Join us on Discord to talk about the next release", True), ("Grab your free copy today", True),
    ("Follow our blog on Mastodon and Twitter", True), ("记得点赞收藏", True), ("欢迎转发给需要的朋友", True),
    ("Click OK to close the dialog.", False), ("Get the value of the first field with get().", False),
    ("Download the source tarball and unpack it.", False), ("Watch for it at a theater near you next summer!", False),
    ("请点击“确定”按钮下载文件。", False), ("立即生效的配置会写入该文件。", False),
])
def test_calls_to_action_need_a_relation_verb_and_a_marketing_cue(line: str, cta: bool) -> None:
    assert jf.is_call_to_action(line) is cta, line


def test_furniture_block_around_prose() -> None:
    body = ("A daemon is a program that is not explicitly invoked by the user and that stays in the background, "
            "waiting for a certain condition.")
    lines = ["Daemons", body, "Workshop seats: 40", "Add it to your calendar", "Join us online today"]
    flagged = [jf.is_furniture(ln) or jf.is_call_to_action(ln) for ln in lines]
    assert flagged == [False, False, False, False, True] and jf.furniture_block(lines, flagged)
    assert jf.furniture_lines(lines) == 2.0  # one furniture line and the box it sits in
    assert not jf.furniture_block(["Daemons", body, "Join us online today"], [False, False, True])  # one line: no box
    assert jf.furniture_lines(["Daemons", body, "SEE ALSO", "ls(1)"]) == 0.0


def test_manual_wording_found_in_installed_docs_is_not_furniture() -> None:
    """Lines of man pages, READMEs and the GPL that an earlier lexicon took for furniture."""
    assert not jf.is_call_to_action("share and change all versions of a program--to make sure it remains free")
    assert not jf.is_furniture("by using the --help-property option followed by a property name.")
    assert not jf.is_furniture("curl  operation  will  not fail or even report an error clearly.")
    assert not jf.is_furniture("If you are the author of an awesome program and want to join us in writing")
    man = _lines("COMMENTS\nLines starting with # are comments\nBlank lines are ignored\nSee below")
    assert jf.title_list_after_head(man) == 0  # an upper-case section heading is not a page widget
    toc = _lines("Contents\nIntroduction\nInstalling\nUsage")
    assert jf.title_list_after_head(toc) == 0  # a manual's own contents heading: entries not numbered
    assert jf.title_list_after_head(_lines("Contents\n1 Introduction\n2. Installing\n3 Usage")) == 1
    assert not jf.is_furniture("左 Ctrl 键、左 Alt 键和Delete）来关机。参见inittab(5)获取更多细节")  # Debian Reference zh
    assert not jf.is_furniture("图片：")  # a news page's caption label, not a credit line
