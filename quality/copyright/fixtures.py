"""Text a program carries rather than declares: a match inside a bytes literal, inside a string literal that holds a
whole HTML page, in a command's output after a session prompt, an English request that is a string literal's whole
value, or a notice whose holder calls itself an example (示例). Such a match is a fixture, a scraped or simulated page,
another program's banner or a label the code prints, not the notice of the file it sits in (metadata fields such as
``__copyright__`` are never bytes or pages).
"""

from __future__ import annotations

import re

# b"license: CC-BY-NC-4.0\n" / rb'…': a bytes literal opened on the match's line and not closed before it
_BYTES_OPEN = re.compile(r"(?<![\w\"'])[bB][rR]?([\"'])")
_LINE_REACH = 300  # a literal's opening this far back on the match's line (a long line is read no further)
# '''\n<!DOCTYPE html>… / text="""\n  <html><body>… / `<html>…: a multi-line literal opening on an HTML document
_PAGE_OPEN = re.compile(r"(?:'''|\"\"\"|`)[ \t]*\r?\n?[ \t]*<(?:!DOCTYPE[ \t]+html|html)\b", re.I)
_PAGE_REACH = 1500
# a session prompt with a path or a user and host before the command (PS C:\src> gdb a.exe / C:\Users\x> / user@host:~/d$):
# what follows, up to the next prompt, is the command's output
_PROMPT = re.compile(r"(?m)^(?:PS[ \t]+)?[A-Za-z]:\\[^>\n]{0,200}>[ \t]*\S|^[\w.\-]+@[\w.\-]+:[^\n$#]{0,200}[$#][ \t]+\S")
_PROMPT_REACH = 600
# a holder that calls itself an example (版权所有：中国示例网运行中心): sample data for code. (English placeholders such as
# "Example Corp" are left alone: unit tests and docs use them as ordinary holders.)
_EXAMPLE_HOLDER = re.compile(r"示例|样例|樣例|範例|范例")


def in_bytes_literal(text: str, start: int) -> bool:
    """Whether ``start`` lies inside a bytes literal opened earlier on its line (within 300 characters)."""
    lo = max(0, start - _LINE_REACH)
    newline = text.rfind("\n", lo, start)
    seg = text[newline + 1 if newline >= 0 else lo : start]
    if "b" not in seg and "B" not in seg:
        return False
    for m in _BYTES_OPEN.finditer(seg):
        quote = m.group(1)
        rest = seg[m.end() :]
        closed = re.search(r"(?<!\\)" + re.escape(quote), rest)
        if closed is None:
            return True
    return False


def in_page_literal(text: str, start: int) -> bool:
    """Whether ``start`` lies inside a triple-quoted or backtick literal (opened within 1,500 characters) whose value opens
    with an HTML document, with no closing delimiter between."""
    lo = max(0, start - _PAGE_REACH)
    if "<" not in text[lo:start]:
        return False
    opens = list(_PAGE_OPEN.finditer(text, lo, start))
    if not opens:
        return False
    last = opens[-1]
    delimiter = last.group(0).lstrip()[:3] if last.group(0).lstrip().startswith(("'''", '"""')) else "`"
    return text.find(delimiter, last.end(), start) < 0


def in_prompt_output(text: str, start: int) -> bool:
    """Whether ``start`` lies in a command's output: a session prompt on an earlier line (within 600 characters) and
    none on the match's own line."""
    lo = max(0, start - _PROMPT_REACH)
    prompts = list(_PROMPT.finditer(text, lo, start))
    if not prompts:
        return False
    return text.rfind("\n", 0, start) >= prompts[-1].end()


def example_holder(text: str, start: int, end: int) -> bool:
    """Whether a notice's holder calls itself an example (a fixture's or a template's sample line)."""
    return _EXAMPLE_HOLDER.search(text, start, end) is not None


def whole_string_phrase(text: str, start: int, end: int) -> bool:
    """Whether an English match starting lower case is a quoted string's whole value ("attribution is required"): a
    phrase the code prints or compares, not a request the file makes."""
    if not ("a" <= text[start] <= "z") or start == 0 or end >= len(text) or " " not in text[start:end]:
        return False
    quote = text[start - 1]
    return quote in "\"'" and text[end] == quote
