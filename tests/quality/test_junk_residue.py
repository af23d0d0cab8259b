"""Web-page and log residue (quality.junk_residue): scripts, styles, JSON and undecoded escapes are dropped, while
documentation with C, Python and shell examples is kept. All examples are written here."""

from __future__ import annotations

from urllib.parse import quote

from corpusgov.quality.junk_residue import escaped_char_frac, web_code_frac
from corpusgov.quality.quality_policy import QualityPolicy
from corpusgov.quality.signals import compute_signals, default_quality_rules, evaluate_rules

POLICY = QualityPolicy(rules=default_quality_rules())

JS = """Read the guide below.
var menu = document.getElementById("menu");
menu.addEventListener("click", function (event) {
  if (typeof event.target.dataset.open === "undefined") {
    this.open = !this.open;
  }
});
// close every other panel
$(".panel").not(this).hide();
var pattern = /^item-(\\d+)$/;"""
CSS = """.sidebar a:hover {
  color: #336699;
  text-decoration: none;
}
#footer { margin: 0 auto; }
@media (max-width: 600px) {
  body { font-size: 14px; }
}"""
JSON = '{"items": [{"id": 12, "title": "第一章", "done": true}, {"id": 13, "title": "第二章", "done": false}], "total": 2}'
C_DOC = """The extension defines its method table as a static array:

    static PyMethodDef demo_methods[] = {
        {"add", demo_add, METH_VARARGS, "Add two numbers."},
        {NULL, NULL, 0, NULL}
    };

Each entry names the Python function, the C function that implements it and its calling convention."""
PY_DOC = """Use the context manager to close the file:

    >>> with open("data.txt") as f:
    ...     first = f.readline()
    >>> first.strip()
    'header'

The file is closed when the block ends, even when the body raises."""
SHELL_ZH = """要打印彩色文字，可以先把颜色代码存入变量：

    $ RED=$(printf "\\x1b[31m")
    $ NORMAL=$(printf "\\x1b[0m")
    $ echo "${RED}警告${NORMAL}"

这样输出的“警告”两个字就是红色的。"""


def _drops(text: str, lang: str) -> list[str]:
    return [n for n, a in evaluate_rules(compute_signals(text, lang), POLICY) if a == "drop"]


def test_web_code_is_measured_and_dropped() -> None:
    assert web_code_frac(JS) > 0.6
    assert web_code_frac(CSS) > 0.6
    assert web_code_frac(JSON) > 0.5  # one line: JSON pairs counted per 80 characters
    assert "web_code_frac" in _drops(JS, "en")
    assert "web_code_frac" in _drops(CSS, "en")
    assert "web_code_frac" in _drops(JSON, "zh-Hans")


def test_documentation_with_code_examples_is_not_web_code() -> None:
    assert web_code_frac(C_DOC) < 0.2
    assert web_code_frac(PY_DOC) == 0.0
    assert web_code_frac(SHELL_ZH) == 0.0  # $(...) in shell is not jQuery's $("...")
    assert web_code_frac("The behaviour is undefined when the object is not a function (see above).") == 0.0
    for text, lang in ((C_DOC, "en"), (PY_DOC, "en"), (SHELL_ZH, "zh-Hans")):
        assert not {"web_code_frac", "escaped_char_frac"} & set(_drops(text, lang)), text[:30]


def test_undecoded_escapes_are_dropped_and_a_few_are_kept() -> None:
    zh = "这个流水线每次只读取一个分片，并把每篇文档的处理结果写入一张表。"
    percent = quote(zh, safe="")
    assert escaped_char_frac(percent) > 0.9
    assert "escaped_char_frac" in _drops(percent, "en")
    unicode_escaped = zh.encode("unicode_escape").decode("ascii")
    assert escaped_char_frac(unicode_escaped) > 0.9
    entities = "".join(f"&#x{ord(c):x};" for c in zh)
    assert escaped_char_frac(entities) > 0.9
    assert escaped_char_frac(SHELL_ZH) < 0.1
    assert escaped_char_frac("Spaces are written %20 in a URL, and & as &amp; in HTML.") < 0.5
    assert escaped_char_frac("") == 0.0
