"""The one reader of documentation pages every documentation split uses (``good_docs8``, ``good_docs10``, ``good_docs11``, ``good_docs12``):
help pages (Mallard ``.page``, DocBook 4 and 5) and HTML manual pages become documents of blocks, one a line, the way
the help browser or a web browser shows them.

Why one reader: each split used to carry its own fixes, so the same kind of page read differently by split (issue 13,
docs round 9): ``good_docs11``'s reader wrote out the entities a DocBook 4 page declares (``&applet;``), left out its
front matter (authors, publishers, revision history: the browser does not show it in the page) and left out Chinese
pages more English than Chinese (their Chinese blocks alone are a skeleton of headings); ``good_docs8`` / ``good_docs10``
did none of that. A split now chooses its files; how a page is read is decided here once.

Help pages: CDATA sections read as the literal text they are (code samples), metadata (``<info>``, comments) left out, a DocBook section keeping the title it writes inside ``<info>``
/ ``<articleinfo>`` / ``<bookinfo>``; blocks are titles, paragraphs and code; menu paths and key combinations are
joined as shown ("File ▸ New", "Ctrl+C"). HTML manuals: the body without navigation, headers and tables of contents;
blocks are headings, paragraphs, terms and preformatted text; a DocBook ``literallayout`` (lines laid out with
``<br>``) is read as its lines, not one run-together paragraph. A document is a page, or a run of sections of a long
page (a new one starts at a heading once the current one has 1,500 characters, zh 600), cut at a block boundary to
6,000 characters (zh 3,000), kept from 200 (zh 100). Chinese documents keep their blocks with Han characters, code
and short untranslated labels (up to 40 characters), and need as many Han characters as two thirds of their Latin
letters.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

# (shortest document, longest, size from which a heading starts a new one) per language: a Han character holds about
# as much text as three Latin letters, and Chinese help pages are short (two thirds of the zh_CN pages under 200).
SIZES = {"en": (200, 6000, 1500), "zh": (100, 3000, 600)}
HELP_SUFFIXES = (".page", ".xml", ".docbook")

_INFO = re.compile(r"(?s)<(?:db:)?info>.*?</(?:db:)?info>")
_COMMENT = re.compile(r"(?s)<!--.*?-->")  # a commented-out section is not shown, titles included
_TITLE = re.compile(r"(?s)<(?:db:)?title\b[^>]*>.*?</(?:db:)?title>")
# Mallard and DocBook blocks (DocBook 5 files write them with a ``db:`` prefix)
_MALLARD = re.compile(r"(?s)<(?:db:)?(title|p|screen|code|para|programlisting)\b[^>]*>(.*?)</(?:db:)?\1>")
_HTML = re.compile(r"(?s)<(h[1-4]|p|pre|dt)\b[^>]*>(.*?)</\1>")
_HTML_BODY = re.compile(r"(?s)<body\b.*?</body>")
_HTML_SKIP = re.compile(r'(?s)<div class="navheader">.*?</div>|<div class="navfooter">.*?</div>|'
                        r'<div class="toc">.*?</div>\s*</div>|<div class="header">.*?</div>')
HTML_SKIP = _HTML_SKIP  # for a split whose manual needs one more skip (good_docs12)
_TAG = re.compile(r"(?s)<[^>]+>")
# menu paths and key combinations as the help browser shows them ("File ▸ New", "Ctrl+C"), not run together
_GUI_STEP = re.compile(r"</(?:db:)?gui(?:menu|submenu|menuitem)?>\s*<(?:db:)?gui(?:menu|submenu|menuitem)?\b[^>]*>")
_KEY_STEP = re.compile(r"</(?:db:)?key(?:cap)?>\s*<(?:db:)?key(?:cap)?\b[^>]*>")
_HAN = re.compile(r"[\u4e00-\u9fff]")
HAN = _HAN  # for a split's own readers (good_docs13)
_LATIN = re.compile(r"[A-Za-z]")
_CODE_TAGS = frozenset({"screen", "code", "programlisting", "pre"})
_HEAD_TAGS = frozenset({"h1", "h2", "h3", "h4"})


def _inline(fragment: str) -> str:
    """A prose block as a browser shows it: markup removed, white space collapsed."""
    return " ".join(html.unescape(_TAG.sub("", fragment)).split())


def _code(fragment: str) -> str:
    """A code block as shown: markup removed, its lines kept (trailing blanks and blank edges trimmed)."""
    lines = [ln.rstrip() for ln in html.unescape(_TAG.sub("", fragment)).split("\n")]
    return "\n".join(lines).strip("\n")


def _blocks(raw: str, pattern: re.Pattern[str]) -> Iterator[tuple[str, str]]:
    """(tag, text) of each block in page order; empty blocks left out."""
    for tag, body in pattern.findall(raw):
        body = _KEY_STEP.sub("+", _GUI_STEP.sub(" ▸ ", body))
        text = _code(body) if tag in _CODE_TAGS else _inline(body)
        if text.strip():
            yield tag, text


def _keep_zh(tag: str, text: str) -> bool:
    """A block a Chinese page keeps: it holds Han characters, or it is code, or a short label left in English."""
    return bool(_HAN.search(text)) or tag in _CODE_TAGS or len(text) <= 40


def _is_zh(text: str) -> bool:
    return len(_HAN.findall(text)) >= 2 * len(_LATIN.findall(text)) / 3  # a Han character ~ 3 Latin letters


def _cut(lines: list[str], limit: int) -> str:
    """Lines joined, cut at the last block boundary within ``limit`` characters (a first block longer is cut)."""
    out: list[str] = []
    size = 0
    for ln in lines:
        if out and size + len(ln) + 1 > limit:
            break
        out.append(ln)
        size += len(ln) + 1
    return "\n".join(out)[:limit]


def _documents(blocks: Iterator[tuple[str, str]], heads: frozenset[str], lang: str) -> list[str]:
    """A page's blocks in runs: a heading starts a new document once the current one has the language's section
    size; each run cut to the longest size, kept from the shortest (zh: and when it is Chinese)."""
    shortest, longest, section = SIZES[lang]
    runs: list[list[str]] = [[]]
    for tag, text in blocks:
        if tag in heads and sum(map(len, runs[-1])) >= section:
            runs.append([])
        runs[-1].append(text)
    docs = [_cut(run, longest) for run in runs]
    return [d for d in docs if len(d) >= shortest and (lang == "en" or _is_zh(d))]


def runs(blocks: Iterable[tuple[str, str]], heads: frozenset[str], lang: str) -> list[str]:
    """Documents of (tag, text) blocks a split read itself (a format with no HTML blocks, such as Vim help in one
    ``<pre>``), in runs and sizes as a page's."""
    return _documents(iter(blocks), heads, lang)


# DocBook 4 front matter (authors, publishers, revision history, legal notice), left out but for its title; the
# entities a page declares (``&applet;``) are written out as the browser shows them.
_INFO4 = re.compile(r"(?s)<(articleinfo|bookinfo)\b.*?</\1>")
_ENTITY = re.compile(r'<!ENTITY\s+([\w.-]+)\s+"([^"]*)"\s*>')
# a CDATA section is literal text (code samples: ``<![CDATA[>>> print(x)]]>``), not markup to strip
_CDATA = re.compile(r"(?s)<!\[CDATA\[(.*?)\]\]>")
# lines laid out with <br> (DocBook literallayout in HTML: credits, addresses, poems), read as lines
_LITERAL = re.compile(r'(?s)<div class="literallayout">\s*<p>(.*?)</p>\s*</div>')
_BR = re.compile(r"<br\s*/?>\s*\n?")


def _entities(raw: str) -> str:
    """``raw`` with the internal entities its DOCTYPE declares replaced by their text (nested ones too)."""
    table = dict(_ENTITY.findall(raw))
    for _ in range(3):
        if not table:
            break
        raw = re.sub(r"&([\w.-]+);", lambda m: table.get(m.group(1), m.group(0)), raw)
    return raw


def _titles(match: re.Match[str]) -> str:
    return " ".join(_TITLE.findall(match.group(0)))


def _half_english(every: list[tuple[str, str]], kept: list[tuple[str, str]]) -> bool:
    """Whether a Chinese page left more of its text in English than it translated: the help browser shows those
    English paragraphs between the Chinese headings, so the Chinese blocks alone would be a skeleton of headings,
    not the page (pages translated in part are left out; English pages keep every block)."""
    return len(kept) < len(every) and sum(len(t) for _, t in every) > 2 * sum(len(t) for _, t in kept)


def help_page(path: Path, lang: str) -> list[str]:
    """The documents of one help page in ``lang`` (en, zh); none for a Chinese page translated in part."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    # literal text escaped (the block's text is unescaped again), so no tag, entity or comment is read inside it
    raw = _entities(_CDATA.sub(lambda m: html.escape(m.group(1), quote=False), raw))
    # metadata left out; a DocBook section keeps its title, which it writes inside <info> (DocBook 5) or
    # <articleinfo> / <bookinfo> (DocBook 4)
    raw = _INFO.sub(" " if path.suffix == ".page" else _titles, _COMMENT.sub("", raw))
    raw = _INFO4.sub(_titles, raw)
    every = list(_blocks(raw, _MALLARD))
    blocks = [(tag, t) for tag, t in every if lang == "en" or _keep_zh(tag, t)]
    if _half_english(every, blocks):
        return []
    return _documents(iter(blocks), frozenset({"title"}), lang)


def help_docs(base: Path, lang: str, skip: Callable[[Path], bool] = lambda _path: False,
              suffixes: Iterable[str] = HELP_SUFFIXES) -> list[str]:
    """Documents of every help page under ``base`` (one locale) with one of ``suffixes``, in path order; licence
    notices (``legal.xml``) and the pages ``skip`` names (by their path below ``base``) left out."""
    if not base.is_dir():
        return []
    ends = tuple(suffixes)
    out = []
    for path in sorted(p for p in base.rglob("*") if p.suffix in ends and p.is_file()):
        if path.name != "legal.xml" and not skip(path.relative_to(base)):
            out += help_page(path, lang)
    return out


def manual_page(raw: str, lang: str, skip: re.Pattern[str] = _HTML_SKIP,
                page: Callable[[str], str] = lambda p: p) -> list[str]:
    """The documents of one HTML manual page in ``lang``: its body, without what ``skip`` matches, through ``page``
    (a manual format's own markup made plain blocks); zh: blocks with Han characters, code or short labels, and runs
    that are Chinese (a section's run is kept only when Chinese, so no page test as for help pages)."""
    body = _HTML_BODY.search(raw)
    text = page(skip.sub(" ", body.group(0) if body else raw))
    text = _LITERAL.sub(lambda m: "<pre>" + _BR.sub("\n", m.group(1)) + "</pre>", text)
    blocks = ((tag, t) for tag, t in _blocks(text, _HTML) if lang == "en" or _keep_zh(tag, t))
    return _documents(blocks, _HEAD_TAGS, lang)


def manual_docs(paths: Iterable[Path], lang: str, skip: re.Pattern[str] = _HTML_SKIP,
                page: Callable[[str], str] = lambda p: p) -> list[str]:
    """Documents of the HTML manual pages ``paths`` (in path order), each read by ``manual_page``."""
    out = []
    for path in sorted(paths):
        out += manual_page(path.read_text(encoding="utf-8", errors="replace"), lang, skip, page)
    return out
