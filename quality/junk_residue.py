"""Residue of web pages and logs that reads as neither prose nor the code examples documentation keeps.

Why: text extraction from HTML leaves the page's scripts, style sheets and data (JSON) behind, and logs leave
escaped strings; all of them pass the language statistics because their words are real. Documentation we
keep also holds code (Python, C, shell, Perl), so a general "looks like code" test would drop it; these
signals look only for the shapes that belong to the web's own languages and to escaping:

- ``web_code_frac``: share of lines (or of 80-character units, for text without line breaks) that are
  JavaScript statements (``var x =``, ``function f(...) {``, ``===``, ``$("…")``, ``document.``, ``this.x =``,
  ``=> {``, ``typeof``, ``=== undefined``, ``.prototype.``, ``//`` comment lines beside another of these shapes, regex
  literals assigned),
  CSS rules (``prop: value;`` lines, ``.class {`` / ``#id {`` / tag selectors, ``@media``) or JSON key-value
  pairs (``"key": 1``). C, Python, shell and Perl examples have none of these shapes, or few.
- ``web_code_explained``: 1.0 when that code is a documented example, not residue: at least two prose sentences
  outside the code (8+ words, mostly words, ending in . ! ? or :; comment lines are code), together at least a quarter
  of the characters, and one of them names an identifier of the code (``_onToggle``, ``Gtk.Window``, ``playSound``).
  A tutorial explains its listing in between; a crawled page's script, style sheet or JSON comes with no prose about
  it (``junk_heldout``'s ``script_residue``: a page's first words over a real script). The ``web_code_frac`` rule is
  skipped when it is set (``unless``), and since docs round 11 ``quality.signals`` reads ``web_code_frac`` as 0.0 for
  such a page: the learned junk score, which reads that feature, took a tutorial's explained listing for residue too.
- ``escaped_char_frac``: share of characters inside escape sequences (``%E5``, ``\\u4e2d``, ``\\x1b``,
  ``&#x4e2d;``, ``&amp;``): text that was percent-, backslash- or entity-escaped and never decoded.

Thresholds: set above the highest value on the good texts of the shared dev set and checked on the held-out
good texts (docs/quality-rules.md); the only junk looked at while choosing the patterns was the dev set and
``junk_kinds.KINDS`` / ``HELDOUT_KINDS`` (``script_residue``). ``BLIND_KINDS`` were not tuned on, but their
names and rates were known (their CSS, JSON and percent-encoded kinds are of this family, so their gain is not
an independent estimate); ``junk_fresh.FRESH_KINDS`` were not looked at. zh adaptation: none needed, the
shapes are ASCII whatever the language of the page; full-width punctuation never matches.
"""

from __future__ import annotations

import re

_MAX_CHARS = 2000  # judge on a bounded prefix (as the other shape signals): cost stays constant per document
# (a function assigned with "<-" is R, which a manual's examples define the same way: "f <- function(x) {")
_JS = re.compile(
    r"(?<!<- )(?<!<-)\bfunction\s*[\w$]*\s*\([^)\n]*\)\s*\{|\b(?:var|let|const)\s+[\w$]+\s*=|(?<!=)[!=]==(?!=)"
    r"|\$\(\s*['\"]|\$\((?:this|document|window)\b|\b(?:document|jQuery|console)\.\w|\bthis\.[\w$]+\s*=[^=]"
    r"|=>\s*\{|\btypeof\s|[!=]==?\s*undefined\b|\bnew\s+RegExp\b|\.prototype\.|^\s*//|=\s*/[^/\n]+/[gimsuy]*\s*[,;]?\s*$"
)
_CSS_TAGS = r"(?:html|body|div|span|a|p|ul|ol|li|table|td|th|tr|h[1-6]|img|pre|code|form|input|button|nav|header|footer|section)"
_CSS = re.compile(
    r"^\s*-?[a-z]+(?:-[a-z]+)*\s*:\s*[^;{}\n]+;\s*\}?\s*$"  # a declaration line: prop: value;
    r"|^\s*(?:[\w-]*[.#][\w-]+|" + _CSS_TAGS + r")[\w.#:>,*\[\]=\"' ()-]*\{[^}\n]*\}?\s*$"  # a selector opening a rule
    r"|^\s*@(?:import|media|font-face|charset|keyframes)\b"
)
# One multi-line pass over the text instead of one search per line; a line counts once however often it matches.
# Each pass runs only when the text holds a literal its pattern needs (a C-speed substring test), so prose
# without any pays a few microseconds.
_JS_M = re.compile(_JS.pattern.replace("^\\s*", "^[ \\t]*"), re.M)
_CSS_M = re.compile(_CSS.pattern.replace("^\\s*", "^[ \\t]*"), re.M)
# Each alternative of _JS needs one of the literals ``_may_hold_js`` looks for ("{" for function bodies and arrows;
# "//" only after white space, not in URLs); plain prose ("function", "this.", "==") has none of them.
_THIS_MEMBER = re.compile(r"\bthis\.[\w$]")  # "this.x", which the JS pattern needs; prose ends sentences in "this."


def _may_hold_js(head: str) -> bool:
    """A necessary condition for any ``_JS`` match: one of the literals its alternatives need ("{", "var ", "===",
    "$(", "document.", "this.x", " //", "= /", ...), tested cheaply: literals that share a character are only
    searched for when that character occurs, and "this." counts only before a name."""
    if "{" in head or "$(" in head:
        return True
    if "=" in head and ("===" in head or "!==" in head or "= /" in head or "=/" in head):
        return True
    if "//" in head and (" //" in head or "\t//" in head or "\n//" in head or head.lstrip().startswith("//")):
        return True
    if ("var " in head or "let " in head or "const " in head or "undefined" in head or "document." in head  # written out:
            or "jQuery." in head or "console." in head or "typeof" in head or "RegExp" in head  # a generator over them
            or ".prototype." in head):  # costs more than the tests
        return True
    return "this." in head and _THIS_MEMBER.search(head) is not None
_JSON = re.compile(r"\"[^\"\n]{1,40}\"\s*:\s*(?:\"|-?\d|\[|\{|true\b|false\b|null\b)")
_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}|\\u[0-9a-fA-F]{4}|\\x[0-9a-fA-F]{2}|&#x?[0-9a-fA-F]{1,6};|&[a-z]{2,6};")
_MIN_ESCAPE_CHARS = 20


def web_code_frac(text: str) -> float:
    """Share of lines (at least one per 80 characters) that are JavaScript, CSS or JSON; 0.0 for empty text."""
    head = text[:_MAX_CHARS]
    lines = [ln for ln in head.split("\n") if ln.strip()]
    if not lines:
        return 0.0
    starts: set[int] = set()
    web = False  # a shape only the web's languages have (a "//" comment line is C, C++, Java and Go's too)
    if _may_hold_js(head):
        for m in _JS_M.finditer(head):
            starts.add(head.rfind("\n", 0, m.start()))
            web = web or not m.group(0).lstrip().startswith("//")
    if ";" in head or "{" in head or "@" in head:
        css = {head.rfind("\n", 0, m.start()) for m in _CSS_M.finditer(head)}
        starts |= css
        web = web or bool(css)
    pairs = len(_JSON.findall(head)) if '":' in head or '" :' in head else 0
    if not (web or pairs):  # comment lines alone: a C or Java listing's, not a script's (docs round 11)
        return 0.0
    code = len(starts)
    return min(1.0, (code + pairs) / max(len(lines), len(head) / 80))


_COMMENT_START = ("//", "/*", "*", "#", "--", "<!--")
_PROSE_WORD = re.compile(r"[(\"']?[A-Za-z][A-Za-z'’-]*[.,;:!?)\"']*$")
_IDENT = re.compile(r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*")
_MIN_PROSE_WORDS = 8
_MIN_PROSE_LINES = 2
_MIN_PROSE_SHARE = 0.25


def _prose_line(line: str) -> bool:
    """A sentence of 8+ tokens, 70 % of them words, ending as a sentence or an introduction (":"); not a comment."""
    s = line.strip()
    if not s or s[-1] not in ".!?:" or s.startswith(_COMMENT_START):
        return False
    toks = s.split()
    return len(toks) >= _MIN_PROSE_WORDS and sum(1 for t in toks if _PROSE_WORD.match(t)) >= 0.7 * len(toks)


def _named(tok: str) -> bool:
    """A name no sentence would use as a plain word: snake_case, dotted, an inner capital, or all capitals (SQL's
    EXPLAIN, JSON)."""
    core = tok.lstrip("_$")
    return len(core) >= 3 and ("_" in core or "." in core or not core[1:].islower() or core.isupper())


def _names(line: str, named_only: bool) -> set[str]:
    """The identifiers of a line and their dotted parts, without leading ``_`` / ``$`` and lower-cased (the prose's
    "ListStore" is the code's ``this._listStore``); ``named_only``: only those ``_named`` itself."""
    out = set()
    for ident in _IDENT.findall(line):
        for part in (ident, *ident.split(".")) if "." in ident else (ident,):
            if len(part.lstrip("_$")) >= 3 and (not named_only or _named(part)):
                out.add(part.lstrip("_$").lower())
    return out


def web_code_explained(text: str) -> float:
    """1.0 when prose around the text's code explains it (see the module docstring), else 0.0."""
    lines = [ln for ln in text[:_MAX_CHARS].split("\n") if ln.strip()]
    prose = [ln for ln in lines if _prose_line(ln)]
    if len(prose) < _MIN_PROSE_LINES or sum(map(len, prose)) < _MIN_PROSE_SHARE * sum(map(len, lines)):
        return 0.0
    code = [ln for ln in lines if any(c in ln for c in ";{}()=") and not _prose_line(ln)]
    code_all = set().union(*(_names(ln, False) for ln in code))
    code_named = set().union(*(_names(ln, True) for ln in code))
    # the prose names an identifier of the code: a name shaped as one on either side, the same word on the other
    return 1.0 if any(_names(ln, True) & code_all or code_named & _names(ln, False) for ln in prose) else 0.0


def escaped_char_frac(text: str) -> float:
    """Share of the characters inside percent, backslash or HTML-entity escapes; 0.0 for short text."""
    head = text[:_MAX_CHARS]
    if len(head) < _MIN_ESCAPE_CHARS or ("%" not in head and "\\" not in head and "&" not in head):
        return 0.0
    return sum(len(m) for m in _ESCAPE.findall(head)) / len(head)
