"""Character ranges of code in prose: where a number or `a::b` token is a value of a program, not a person's.

Why: technical text (documentation, man pages, forums) quotes code, and code is full of things shaped like
identifiers (`127.0.0.1`, `a[::2]`, `B::CC`, `2147483647`). Recognised, deliberately simple forms:
- inline code: `code` and reST ``literal`` on one line;
- fenced blocks between ``` or ~~~ lines;
- reST literal blocks: the lines indented under a paragraph ending in "::";
- prompt lines: `>>> `, `... `, `$ `, `% ` at the start of a line;
- lines without Han characters that look like code: a definition or import statement, a declaration, an
  assignment, or a line ending in `;`, `{` or `}`.
Indentation alone is not a sign: man pages and definition lists indent prose.
Computed only for a record that has findings, so its cost does not touch the scan hot path.
"""

from __future__ import annotations

import re

_INLINE = re.compile(r"``[^`\n]{1,200}``|`[^`\n]{1,200}`")
_FENCE = re.compile(r"^[ \t]*(?:```|~~~)")
_PROMPT = re.compile(r"[ \t]*(?:>>>|\.\.\.|\$|%)(?: |$)")
_CODE_LINE = re.compile(
    r"[ \t]*(?:(?:def|class)[ \t]+\w+[ \t]*[(:]|import[ \t]+[\w.]+(?:[ \t]+as[ \t]+\w+)?[ \t]*$"
    r"|from[ \t]+[\w.]+[ \t]+import[ \t]|#include[ \t]*[<\"]|#define[ \t]+\w"
    r"|(?:var|let|const|int|void|char|my)[ \t]+[\w$@%*]+[ \t]*[=;(\[]"
    r"|[A-Za-z_][\w.\[\]]*[ \t]*(?:=|\+=|-=|:=)[ \t]*[^=\s]|.*[;{}][ \t]*$)"
)
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def code_spans(text: str) -> list[tuple[int, int]]:
    """Sorted, possibly overlapping (start, end) ranges of code in `text`."""
    spans = [m.span() for m in _INLINE.finditer(text)]
    pos = 0
    in_fence = False
    literal_indent: int | None = None  # indentation of the paragraph that introduced a "::" block
    for line in text.splitlines(keepends=True):
        start, end = pos, pos + len(line)
        pos = end
        body = line.rstrip("\r\n")
        if _FENCE.match(body):
            in_fence = not in_fence
            spans.append((start, end))
            continue
        if in_fence:
            spans.append((start, end))
            continue
        if not body.strip():
            continue
        ind = _indent(body)
        if literal_indent is not None:
            if ind > literal_indent:
                spans.append((start, end))
                continue
            literal_indent = None
        if _PROMPT.match(body) or (_CODE_LINE.match(body) and not _HAN.search(body)):
            spans.append((start, end))
            continue
        if body.rstrip().endswith("::"):
            literal_indent = ind
    spans.sort()
    return spans


def inside_code(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when [start, end) overlaps a code range."""
    return any(s < end and start < e for s, e in spans)
