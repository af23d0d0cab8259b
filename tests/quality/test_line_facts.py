"""The per-document line facts of round 9 (issue 13): computed once, read by every line family, same values.

``signals._signals`` computes ``table_rows`` of a document's non-empty lines and ``boilerplate_flags`` once and
hands them to ``_boilerplate_frac``, ``junk_lines.line_signals`` (``boilerplate_char_frac``) and
``junk_chrome.chrome_keys`` (``is_chrome``), which used to compute them each. Each function called with the facts
must return what it returns computing them itself; and it must read the facts passed in (a wrong fact changes
the result), so the shared path is the one tested.

Texts: hand-made pages (ruled tables, navigation rows, chrome, wrapped prose) and the shared real-text dev set when
present.
"""

from __future__ import annotations

from corpusgov.quality import junk_chrome, junk_lines
from corpusgov.quality import signals as sig
from corpusgov.quality.eval import real_text_eval as rte

_PAGES = [
    "Home | About | Contact\nWelcome to the site.\nPrivacy policy\nAll rights reserved\nShare this\n1 2 3 4 5",
    "num | name | value\n-----+------+------\n 1 | a | x\n 2 | b | y\nHome | About | Contact\nCookies",
    "| a | b |\n|---|:--:|\n| 1 | 2 |\nRead more\nBack to top\nLog in\n--",
    "Automatically log in the specified user without asking for a\nusername or password when the session starts.",
    "首页 | 关于我们 | 联系我们\n版权所有 未经许可不得转载\n上一篇 下一篇\n分享到\n正文内容在这里，写得很长。",
    "Click File ▸ Print this Page\nChoose Edit > Preferences\nPrint this page\nEmail this",
    "",
    "one line only",
]


def _documents() -> list[list[str]]:
    texts = list(_PAGES)
    if rte.dev_path().is_file():
        texts += [r["text"] for r in rte.load_dev()]
    docs = []
    for text in texts:
        nonempty = [ln for ln in (ln.strip() for ln in text.split("\n")) if ln]
        docs.append(nonempty)
    return docs


def test_boilerplate_flags_are_is_boilerplate_outside_tables() -> None:
    for lines in _documents():
        table = junk_lines.table_rows(lines)
        assert junk_lines.boilerplate_flags(lines, table) == [
            i not in table and junk_lines.is_boilerplate(ln) for i, ln in enumerate(lines)]


def test_line_families_equal_with_shared_facts() -> None:
    seen_table = seen_boiler = seen_chrome = 0
    for lines in _documents():
        table = junk_lines.table_rows(lines)
        flags = junk_lines.boilerplate_flags(lines, table)
        assert repr(junk_lines.line_signals(lines, table, flags)) == repr(junk_lines.line_signals(lines))
        assert repr(junk_lines.boilerplate_char_frac(lines, table, flags)) == repr(
            junk_lines.boilerplate_char_frac(lines))
        assert repr(junk_lines.boilerplate_char_frac(lines, table)) == repr(junk_lines.boilerplate_char_frac(lines))
        keys = junk_chrome.chrome_keys(lines)
        assert junk_chrome.chrome_keys(lines, table, flags) == keys
        assert junk_chrome.chrome_keys(lines, table) == keys
        for ln, b in zip(lines, flags, strict=True):
            assert junk_chrome.is_chrome(ln, junk_lines.is_boilerplate(ln)) == junk_chrome.is_chrome(ln)
            if not b:  # a table row's False flag is never read: chrome_keys skips table rows first
                continue
            assert junk_chrome.is_chrome(ln, b)
        seen_table += bool(table)
        seen_boiler += any(flags)
        seen_chrome += bool(keys)
    assert seen_table and seen_boiler and seen_chrome  # the documents exercise every fact


def test_shared_facts_are_read() -> None:
    lines = ["Welcome to the site and its long text.", "Nothing here is chrome at all today", "Plain words only"]
    table = junk_lines.table_rows(lines)
    assert junk_chrome.chrome_keys(lines, table) == set()
    assert len(junk_chrome.chrome_keys(lines, table, [True, True, True])) == 3
    assert junk_lines.boilerplate_char_frac(lines, table) == 0.0
    assert junk_lines.boilerplate_char_frac(lines, table, [True, True, True]) == 1.0
    # _boilerplate_frac reads the table passed in: every row a table row, no hit
    menu = ["Home | About | Contact", "News | Blog | Shop", "Help | Login | Cart"]
    assert sig._boilerplate_frac(menu, junk_lines.table_rows(menu)) > 0.0
    assert sig._boilerplate_frac(menu, {0, 1, 2}) == 0.0


def test_lowered_boilerplate_pattern_equals_the_case_insensitive_one_on_ascii() -> None:
    import random

    rnd = random.Random(9)
    alphabet = "HomeAbOUTcONTACTsignInLOGprivacyPolicyK | »"
    lines = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 40))) for _ in range(5_000)]
    lines += ["HOME", "Log In", "SIGN UP", "Privacy Policy", "About Us", "ABOUTUS", "homepage", "Skip To Content", ""]
    lines += [ln for doc in _documents() for ln in doc if ln.isascii() and len(ln) <= 80]
    hit = 0
    for ln in lines:
        got = sig._BOILERPLATE_LOWER_RE.search(ln.lower()) is not None
        assert got == (sig._BOILERPLATE_RE.search(ln) is not None), repr(ln)
        hit += got
    assert hit > 100
