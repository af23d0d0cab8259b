"""Docs round 11 (issue 13): structures of manuals and help pages the junk score and the repetition rules misread.

An explained listing is no script residue for the learned junk score either: ``quality.signals`` reads
``web_code_frac`` as 0.0 where ``web_code_explained`` is set (docs round 10 exempted only the rule). The tutorial is
docs round 10's excerpt of the GNOME developer demos' ToggleButton page (gnome-devel-docs, CC BY-SA 3.0); the residue
cases keep the shape of junk_heldout's script_residue (a page's first words over a script)."""

from __future__ import annotations

from corpusgov.quality.junk_residue import web_code_frac
from corpusgov.quality.naturalness import det_misorder_frac
from corpusgov.quality.signals import compute_signals
from tests.quality.test_docs_round10 import CODE_1, CODE_2, CODE_3, LISTING, PROSE_2, TUTORIAL


def test_an_explained_listing_has_no_residue_share() -> None:
    assert web_code_frac(TUTORIAL) > 0.2  # the code itself still reads as JavaScript ...
    sig = compute_signals(TUTORIAL, "en")
    assert sig["web_code_explained"] == 1.0
    assert sig["web_code_frac"] == 0.0  # ... but the page is no residue, for the junk score as for the rule


def test_unexplained_code_keeps_its_residue_share() -> None:
    # a heading over the code alone, and one sentence over a script: the shapes of script residue
    for text in (LISTING, "\n".join((PROSE_2, CODE_1, CODE_2, CODE_3))):
        sig = compute_signals(text, "en")
        assert sig["web_code_explained"] == 0.0
        assert sig["web_code_frac"] == web_code_frac(text) > 0.2


# A LibreOffice help page (zh-CN, MPL-2.0) that names a dialog's options in corner brackets; one of them holds 注册
# ("registered"), a word the boilerplate lexicon lists for "register" links.
DATA_MENU = "\n".join((
    "数据菜单",
    "选择「数据 - 更多筛选 - 标准筛选... - 选项」标签。",
    "选择「数据 - 更多筛选 - 高级筛选... - 选项」标签。",
    "选择「数据 - 组合及分级显示 - 显示细节」(用于某些透视表)。",
    "选择「插入 - 透视表」，在「选择数据来源」对话框中选择选项「LibreOffice 中注册的数据源」。",
    "选择「插入 - 透视表」，在「选择数据来源」对话框中选择选项「当前选中的区域」。",
))


def test_a_quoted_option_name_is_no_boilerplate_line() -> None:
    assert compute_signals(DATA_MENU, "zh-Hans")["boilerplate_lines_frac"] == 0.0


def test_navigation_and_login_lines_stay_boilerplate() -> None:
    page = "\n".join(("首页 | 新闻中心 | 联系我们", "立即注册", "登录后查看全文，还没有账号？点击注册。", "正文内容在这里。"))
    assert compute_signals(page, "zh-Hans")["boilerplate_lines_frac"] >= 0.5
    # brackets that are not corner quotes do not hide a phrase
    assert compute_signals("\n".join(("【注册】", "（登录）", "说明文字。")), "zh-Hans")["boilerplate_lines_frac"] > 0.5


# A manual's C listing with a C99 comment line (after "Writing R Extensions", 6.6.1, GPL): "//" is no web shape alone.
C_LISTING = "\n".join((
    "Passing character strings from C to Fortran or vice versa is not portable, but can be done with care.",
    "void cfun(const char *cmsg)",
    "{",
    "    // do something with 'cmsg'",
    "    size_t len = strlen(cmsg);",
    "}",
    "The length of the string is passed as a hidden argument after the others.",
))
SCRIPT = "\n".join(("Welcome to our shop", "// track the visitor", "var uid = readCookie('uid');",
                    "// send the page view", "if (uid === null) { uid = newId(); }"))


def test_comment_lines_alone_are_no_web_code() -> None:
    assert web_code_frac(C_LISTING) == 0.0
    assert compute_signals(C_LISTING, "en")["web_code_frac"] == 0.0


def test_comment_lines_count_beside_script_shapes() -> None:
    # a script's comment lines still count once the text has another JavaScript shape: all four lines, not two
    assert web_code_frac(SCRIPT) == 0.8
    assert web_code_frac("\n".join(("a { color: red; }", "// a style sheet's comment", "body { margin: 0; }"))) == 1.0


# libpq's PQescapeStringConn page (PostgreSQL manual, PostgreSQL licence): its prose names the declaration's pointer
# parameters, two of which are function words ("the to and from strings").
LIBPQ = "\n".join((
    "size_t PQescapeStringConn(PGconn *conn,",
    "                          char *to, const char *from, size_t length,",
    "                          int *error);",
    "PQescapeStringConn escapes string literals, much like PQescapeLiteral. Unlike PQescapeLiteral, the caller is "
    "responsible for providing an appropriately sized buffer. The parameter from points to the first character of the "
    "string that is to be escaped, and the length parameter gives the number of bytes in this string. Behavior is "
    "likewise undefined if the to and from strings overlap. If the error parameter is not NULL, then *error is set to "
    "zero on success. The output string is still generated on error, but it can be expected that the server will "
    "reject it as malformed. Its length is returned.",
))


def test_a_declared_pointer_parameter_is_a_name() -> None:
    assert det_misorder_frac(LIBPQ) == 0.0


def test_misplaced_function_words_still_count() -> None:
    # the same prose without the declaration, and words shuffled around a declaration whose parameters are others
    prose = LIBPQ.split("\n")[-1]
    assert det_misorder_frac(prose) > 0.0
    shuffled = ("int f(char *dst, int *len); the of buffer an is the and string its the caller the in length my the "
                "to point our the for bytes")
    assert det_misorder_frac(shuffled) > 0.3
