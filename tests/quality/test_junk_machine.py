"""Machine residue (quality.junk_machine): text whose every word, line or letter carries a machine's mark is dropped;
documentation that shows the same shape once, inside prose or beside the characters it reads, is kept. All examples
are written here, shaped as the real text they stand for (tagger and segmenter output, a patch, a mail body, a
template, an NLP manual, git's and an RFC's examples, a dictionary entry, a textbook, classical Chinese, code)."""

from __future__ import annotations

import pytest

from corpusgov.quality.junk_machine import (
    letter_spaced_frac,
    line_prefix_frac,
    machine_signals,
    pinyin_run_frac,
    spaced_words_frac,
    tagged_tokens_frac,
    template_wrap,
)
from corpusgov.quality.junk_score import junk_score
from corpusgov.quality.quality_policy import QualityPolicy
from corpusgov.quality.signals import compute_signals, default_quality_rules, evaluate_rules

POLICY = QualityPolicy(rules=default_quality_rules())

# ---- residue (each must be dropped by its rule) ----
TAGGED_EN = ("This/DT extension/NN measures/VBZ durations/NNS of/IN the/DT build/NN and/CC shows/VBZ the/DT "
             "result/NN at/IN the/DT end/NN ./.\nIt/PRP is/VBZ useful/JJ for/IN finding/VBG which/WDT document/NN "
             "is/VBZ slowly/RB built/VBN ./.")
TAGGED_ZH = ("对/p 使用/v 动态/n 加载/v 机制/n 的/uj 库/n 和/c 模块/n 来说/u ，/x 现在/t 没有/v 简单/a 的/uj 方法/n "
             "可以/c 检查/vn 依赖/v 关系/n 。/x")
TREEBANK = ("(S (NP (DT The) (NN quilt) (NN command)) (VP (VBZ offers) (NP (DT a) (JJ basic) (NN method)) (PP (IN for) "
            "(S (VP (VBG recording) (NP (NNS modifications)))))) (. .))")
PIECES = ("\u2581The \u2581quilt \u2581command \u2581offers \u2581a \u2581basic \u2581method \u2581for \u2581rec ord ing "
          "\u2581modi fic ations . \u2581For \u2581the \u2581Debian \u2581pack aging , \u2581it \u2581should \u2581be "
          "\u2581custom ized")
TOKENIZED_EN = ("during a request , every call to get_db ( ) will return the same <unk> , and it will be closed "
                "<unk> at the end of the request .\nthe extension can be used to manage https and the security "
                "headers for you . see the docs for details .")
SEGMENTED_ZH = "现在 没有 简单 的 方法 可以 检查 依赖 关系 ， 变量 替换 机制 也 无法 自动 推导 出 所需 的 依赖 。 这 一点 请 注意 ， 谢谢 。"
DIFF_EN = """diff --git a/docs/quickstart.rst b/docs/quickstart.rst
index 72951c3..260326c 100644
--- a/docs/quickstart.rst
+++ b/docs/quickstart.rst
@@ -228,3 +229,3 @@
 You can bind to all external IPs on a non-privileged port using the
-``-b 0.0.0.0`` option. Don't do this when using a reverse proxy setup,
+``-b 0.0.0.0`` option. Don't do this when using a proxy setup,
 otherwise it will be possible to bypass the proxy."""
DIFF_ZH = """--- a/po/zh_CN.po
+++ b/po/zh_CN.po
@@ -898,3 +898,3 @@
 Debian 的打包需要对“make install”流程进行改变，从而将文件安装至目
-标系统镜像所在位置，而非通常使用的 /usr/local 下的位置。
+标系统镜像所在位置，而非通常使用的/usr/local 下的位置。"""
QP_MAIL = """Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: quoted-printable

The quilt command offers a basic method for recording modifications. For th=
e Debian packaging, it should be customized to record modifications in the =
debian/patches/ directory instead of its default patches/ directory. Let=E2=
=80=99s set it up."""
LINE_NUMBERED = """0001 The quilt command offers a basic method for recording modifications. For
0002 the Debian packaging, it should be customized to record modifications in
0003 the debian/patches directory instead of its default patches directory. The
0004 mc command offers very easy ways to manage files. It can open the binary
0005 deb file to check its content by pressing the Enter key over the binary deb"""
TEMPLATE = """{% extends "base.html" %}
{% block title %}{{ page.title|default('Docs') }}{% endblock %}
{% block content %}
This is an awful lot of repetition as you have to handle the language code setting on the object yourself in every
single function, and a decorator would only hide it.
{% for item in items %}
  <li>{{ item.name }}</li>
{% endfor %}
{% endblock %}"""
ERB = """<% content_for :title, "Docs" %>
<% if user_signed_in? %>
The quilt command offers a basic method for recording modifications, and the Debian packaging records them in the
debian/patches directory instead of its default one.
<%= link_to t("log_out"), destroy_session_path %>
<% end %>"""
PINYIN_PART = ("设置“export DH_VERBOSE = 1”会输出构建系统中每一条会修改文件内容的命令。 ta tong shi hui zai mou xie gou "
               "jian xi tong zhong qi yong xiang xi shu chu gou jian ri zhi de xuan xiang 。")
PINYIN_ALL = ("ci xuan xiang bu hui ying xiang zheng chang zhi xing guo cheng zhong suo sheng cheng de wen jian de nei "
              "rong ， ye hui ying xiang dai can shu de xuan xiang de shu chu nei rong 。")
LETTER_SPACED = ("T h e   r e s t   o f   t h e   p a c k a g i n g   a c t i v i t i e s\n"
                 "a r e   p r a c t i c a l l y   t h e   s a m e   a s   t h e   o n e   i n\n"
                 "the previous section of this guide.")

RESIDUE = [
    ("tagged_tokens_frac", TAGGED_EN, "en"),
    ("tagged_tokens_frac", TAGGED_ZH, "zh-Hans"),
    ("tagged_tokens_frac", TREEBANK, "en"),
    ("tagged_tokens_frac", PIECES, "en"),
    ("spaced_words_frac", TOKENIZED_EN, "en"),
    ("spaced_words_frac", SEGMENTED_ZH, "zh-Hans"),
    ("line_prefix_frac", DIFF_EN, "en"),
    ("line_prefix_frac", DIFF_ZH, "zh-Hans"),
    ("line_prefix_frac", QP_MAIL, "en"),
    ("line_prefix_frac", LINE_NUMBERED, "en"),
    ("template_wrap", TEMPLATE, "en"),
    ("template_wrap", ERB, "en"),
    ("pinyin_run_frac", PINYIN_PART, "zh-Hans"),
    ("pinyin_run_frac", PINYIN_ALL, "id"),
    ("letter_spaced_frac", LETTER_SPACED, "en"),
]

# ---- hard negatives (no rule of this module may fire) ----
NLP_MANUAL = ("The tagger writes one sentence a line, each token followed by a slash and its part-of-speech tag, "
              "for example The/DT dog/NN barked/VBD ./. where the final token is the full stop. Tags come from the "
              "Penn Treebank set; the reader splits each token on its last slash, so words holding a slash such as "
              "and/or or TCP/IP keep their first part. Use the --sep option to read word_TAG files instead.")
MIME_DOCTEST = """.. doctest::

   >>> msg = email.message_from_file(somefile)
   >>> _structure(msg)
   multipart/mixed
       text/plain
       text/plain
       multipart/digest
           message/rfc822
               text/plain
           message/rfc822
               text/plain"""
GIT_MANUAL = """The following is an example of the output of git diff for a change to one file. The header names the
two versions of the file that were compared, and each hunk starts with the line ranges it covers.

--- a/hello.c
+++ b/hello.c
@@ -1,4 +1,4 @@
 #include <stdio.h>
-int main(void) { printf("hello\\n"); }
+int main(void) { printf("hello, world\\n"); }

Lines starting with a minus sign were removed and lines starting with a plus sign were added by the change;
the other lines are context that both versions share and that help the patch apply after nearby edits."""
RFC_MAIL = """Message headers are lines of the form name: value, and the first empty line ends them. A message that
carries non-ASCII text in its body says how it encoded it, for example:

MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

The receiving agent decodes the body before it shows it, so a reader never sees the encoded form of
the text at all, only the characters that the sender typed into the message in the first place."""
JINJA_MANUAL = """Template inheritance lets you build a base skeleton template that contains all the common elements of
your site and defines blocks that child templates can override. A child template starts with
``{% extends "base.html" %}`` and fills the blocks it needs:

{% block content %}
  <h1>{{ title }}</h1>
{% endblock %}

Everything outside the blocks of a child template is ignored, so the extends tag should be the first tag in it."""
DICTIONARY = ("中华人民共和国 zhōng huá rén mín gòng hé guó：国名，位于亚洲东部。\n"
              "北京大学 běi jīng dà xué：中国的一所综合性大学，创办于一八九八年。")
TEXTBOOK = ("第一课 你好\n你好！Nǐ hǎo!\n你们好吗？ nǐ men hǎo ma ?\n我是学生。Wǒ shì xuésheng.\n"
            "老师说：请大家跟我读一遍，注意每个字的声调。")
CLASSICAL = ("子曰：學而時習之，不亦說乎？有朋自遠方來，不亦樂乎？人不知而不慍，不亦君子乎？"
             "有子曰：其為人也孝弟，而好犯上者，鮮矣；不好犯上，而好作亂者，未之有也。君子務本，本立而道生。")
FRENCH = ("Pour les périphériques similaires à PCI ( AGP , PCI-Express , CardBus , ExpressCard , etc.), lspci "
          "(8) est un bon point de départ ; utilisez aussi l’option « -nn » : elle affiche les identifiants !")
ZH_MANUAL_SPACED = ("對於 Autotools 自動生成的文件發生的改動，例如 missing 、 aclocal.m4 、 config.guess 、 config.h.in 、"
                    " configure 、 depcomp 和 Makefile.in 是可以忽略的。你可以在運行 diff 進行代碼檢查前刪除它們。")
EYE_CHART = ('Ist ein Pole beim Augenarzt:\n"Halten Sie sich bitte das linke Auge zu und betrachten sich die\n'
             'Buchstaben auf der Tafel":\n    P R Z C Y K Z Y C L \n"Können Sie das erkennen?"')
CODE = """def scale(values, total):
    ratio_a = values[0]/total
    ratio_b = values[1]/total
    path = os.path.join(base_dir, "usr/share/doc", pkg_name)
    return {"a": ratio_a, "b": ratio_b, "path": path}"""
LISP = """(defun scale (values total)
  "Divide each of VALUES by TOTAL (a number), as (MAPCAR) would."
  (mapcar (lambda (v) (/ v total)) values))
(scale (list 1 2 3) 6) ; => (1/6 1/3 1/2)
Parenthetical prose (see the NOTE above) and (IMPORTANT) remarks (FAQ) stay (OK) as they are (TODO)."""
PHP_MANUAL = """A PHP file can mix markup and code: everything outside the processing instructions is sent as it is, and
the code inside them runs on the server before the page is sent to the browser. For example:

<?php if ($user) { ?>
  <p>Hello, <?= htmlspecialchars($user) ?>!</p>
<?php } ?>

The short echo tag prints the value of an expression, so the page greets the user by name when one is logged in."""
STEPS = """To import the data:
1 Open the file menu and choose the import item from the list.
2 Select the file you want to import and press the open button.
3 Choose the character set of the file and the separator of its fields.
4 Press the OK button and wait until the import has finished."""
NUMBERED_CODE = """1 import os
2 def scale(values, total):
3     return [v / total for v in values]
4 print(scale([1, 2, 3], 6))
5 print(os.path.join("usr", "share"))"""
CONTENTS = """Contents
1 Introduction to the package and its history
2 Installing the package on your system from source
3 Configuring the daemon for the first time on a new host
4 Troubleshooting the most common problems with the daemon"""
SPANISH = ("Para aquel que sabe lo que le ha de pasar en realidad, los niños son inocentes condenados, no a muerte, "
           "sino a la vida, y que, sin embargo, no conocen aún el contenido de su sentencia.")

KEPT = [(NLP_MANUAL, "en"), (MIME_DOCTEST, "en"), (GIT_MANUAL, "en"), (RFC_MAIL, "en"), (JINJA_MANUAL, "en"),
        (DICTIONARY, "zh-Hans"), (TEXTBOOK, "zh-Hans"), (CLASSICAL, "zh-Hant"), (FRENCH, "fr"),
        (ZH_MANUAL_SPACED, "zh-Hant"), (EYE_CHART, "de"), (CODE, "en"), (SPANISH, "es"), (LISP, "en"),
        (STEPS, "en"), (NUMBERED_CODE, "en"), (CONTENTS, "en"), (PHP_MANUAL, "en")]
RULES = ("tagged_tokens_frac", "spaced_words_frac", "line_prefix_frac", "template_wrap", "pinyin_run_frac",
         "letter_spaced_frac")


def _drops(text: str, lang: str) -> list[str]:
    return [n for n, a in evaluate_rules(compute_signals(text, lang), POLICY) if a == "drop"]


@pytest.mark.parametrize(("rule", "text", "lang"), RESIDUE)
def test_residue_dropped_by_its_rule(rule: str, text: str, lang: str) -> None:
    assert rule in _drops(text, lang)


@pytest.mark.parametrize(("text", "lang"), KEPT)
def test_hard_negatives_fire_no_machine_rule(text: str, lang: str) -> None:
    assert not set(_drops(text, lang)) & set(RULES)


def test_thresholds_sit_between() -> None:
    assert tagged_tokens_frac(TAGGED_EN) > 0.9 and tagged_tokens_frac(NLP_MANUAL) < 0.5
    assert tagged_tokens_frac(MIME_DOCTEST) == 0.0  # few kinds of word under the "tags": no running text
    assert spaced_words_frac(TOKENIZED_EN) == 1.0 and spaced_words_frac(FRENCH) < 0.9
    assert spaced_words_frac(ZH_MANUAL_SPACED) == 0.0  # marks spaced after Latin names, never after a Han word
    assert line_prefix_frac(GIT_MANUAL) == 0.0 and line_prefix_frac(RFC_MAIL) == 0.0  # prose explains them
    assert line_prefix_frac(DIFF_EN) == 1.0 and line_prefix_frac(LINE_NUMBERED) == 1.0
    # a running counter over prose cut mid-sentence, not over finished steps, contents lines or code
    assert line_prefix_frac(STEPS) == line_prefix_frac(CONTENTS) == line_prefix_frac(NUMBERED_CODE) == 0.0
    assert template_wrap(JINJA_MANUAL) == template_wrap(PHP_MANUAL) == 0.0  # opens with prose: a manual quoting one
    assert pinyin_run_frac(DICTIONARY) == 0.0 and pinyin_run_frac(TEXTBOOK) == 0.0  # readings of the Han before them
    assert pinyin_run_frac(SPANISH) == 0.0  # "le ha de" are syllables, but a few in a row among Spanish words
    assert letter_spaced_frac(EYE_CHART) == 0.0 and letter_spaced_frac(LETTER_SPACED) > 0.5


def test_neutral_on_empty_and_plain_text() -> None:
    for text in ("", "A plain sentence of English prose, with nothing a machine left in it."):
        assert all(v == 0.0 for v in machine_signals(text).values())


def test_junk_score_does_not_read_the_new_signals() -> None:
    sig = compute_signals(TAGGED_EN, "en")
    assert junk_score(sig) == junk_score(sig | dict.fromkeys(RULES, 0.0))
