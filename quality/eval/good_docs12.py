"""A tuning good-documentation split (``good_docs12``): documentation of other layouts and packages than any other
split, LM table or model reads.

Why: after docs round 11 the blind ``good_docs10`` had not moved in two rounds (en 5.25 %, zh 9.9 %) while the tuned
splits met the 3 % target: its drops come from layouts no tuned split has (issue 13). This split adds them: an HTML
reference manual with sidebars, directive tables and notes (the Apache HTTP Server manual, English and its ``zh-cn``
pages), GNU Texinfo HTML with many short option entries (the Bash reference manual as one page, the zsh manual as one
page per node), a DocBook user manual with a FAQ and reference chapters (aptitude), APT's user and offline guides, the
Vim help as HTML (plain-text help files in ``<pre>``: tags, columns of commands and options) and three MATE help books with
Chinese translations (System Monitor and the panel's Clock and Fish). Written 2026-12-07 (``wt-docs15``).

Half of each source's pages are kept for a later blind split: a page goes to this split when a hash of its path
(without the locale, so a page and its translation go together; the one-page Bash manual by its section) says so
(``part_of``). Debian packages in ``DEBS`` (Apache-2.0, GPL, GFDL, Vim licence as each states), downloaded and unpacked,
never installed (``python -m corpusgov.quality.eval.good_docs12 --fetch``, in ``make eval-data``). Read by the shared
documentation reader (``quality/eval/docs_reader.py``; this module only says which part of a page is shown: tables as
rows, list items and notes as paragraphs, navigation left out).
"""

from __future__ import annotations

import functools
import hashlib
import html
import os
import random
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from corpusgov.quality.eval import docs_reader
from corpusgov.quality.eval.deb_split import DebSplit, sampled_rows

REPO = Path(__file__).resolve().parents[2]
ROOT = Path(os.environ.get("CORPUSGOV_DOCS12_DIR") or REPO / "out" / "eval-src" / "docs12")
UNPACKED = ROOT / "unpacked"
DOC = UNPACKED / "usr" / "share" / "doc"
HELP = UNPACKED / "usr" / "share" / "help"
DEBS = ("apache2-doc", "bash-doc", "zsh-doc", "aptitude-doc-en", "apt-doc", "vim-doc", "mate-system-monitor-common",
        "mate-panel-common")
APACHE = {"en": DOC / "apache2-doc" / "manual" / "en", "zh": DOC / "apache2-doc" / "manual" / "zh-cn"}
ZH_LOCALES = ("zh_CN", "zh_TW", "zh_HK")
PER_LANG = {"en": 400, "zh": 200}
# Documents per English source at most (the Apache manual and the Vim help alone would fill the sample).
EN_CAP = {"apache": 150, "zsh": 100, "vim": 60}


def part_of(key: str) -> str:
    """'tune' (this split) or 'blind' (kept for a later blind split) for a page key, by hash: about half each."""
    return "tune" if hashlib.sha1(key.encode()).digest()[0] % 2 == 0 else "blind"


# Texinfo HTML navigation: the node header ("Next: ... Up: ..."), menus, tables of contents.
_TEXINFO_SKIP = re.compile(r'(?s)<div class="header">.*?</div>|<table class="header".*?</table>|'
                           r'<table class="menu".*?</table>|<div class="contents">.*?</div>\s*</div>|'
                           r'<ul class="(?:section-)?toc[^"]*">.*?</ul>|<h2 class="contents-heading">.*?</h2>|'
                           r'<div class="Contents_element".*?</div>\s*</div>|<div class="footnotes-segment">.*?</div>')
# The Apache manual's header, breadcrumbs, language lists, sidebar ("quick view": contents and see-also links),
# back-to-top links, comments notice and footer.
_APACHE_SKIP = re.compile(r'(?s)<div id="page-header">.*?</div>|<div class="up">.*?</div>|<div id="path">.*?'
                          r'(?=<div id="page-content">)|<div class="(?:top|bottom)lang">.*?</div>|'
                          r'<div id="quickview">.*?</div>|<div class="top">.*?</div>|<div id="footer">.*?</div>|'
                          r'<script\b.*?</script>')
_ROW = re.compile(r"(?s)<tr\b[^>]*>(.*?)</tr>")
_CELL = re.compile(r"(?s)<t[hd]\b[^>]*>(.*?)</t[hd]>")
_LEAF = re.compile(r"(?s)<(?:li\b|dd\b|div class=\"(?:note|warning)\")[^>]*>((?:(?!<(?:p|pre|ul|ol|dl|div|table)\b).)*?)"
                   r"</(?:li|dd|div)>")


def _rows(page: str) -> str:
    """Table rows as paragraphs, their cells joined by spaces (a directive table's "Syntax: RewriteRule ..."),
    list items, definitions and notes holding no block as paragraphs: as a browser shows them, one a line."""
    page = _ROW.sub(lambda m: "<p>" + " ".join(c.strip() for c in _CELL.findall(m.group(1))) + "</p>", page)
    return _LEAF.sub(lambda m: f"<p>{m.group(1)}</p>", page)


def _apache_page(page: str) -> str:
    return _rows(page)


def _texinfo_page(page: str) -> str:
    return _rows(page)


_VIM_PRE = re.compile(r"(?s)<PRE>(.*?)</PRE>")
_VIM_RULE = re.compile(r"\n[=-]{20,}\n")


def vim_page(raw: str) -> list[str]:
    """A Vim help page as the help window shows it: its ``<pre>`` text in sections (``====`` rules), runs of
    sections read as documents like a manual's."""
    pre = _VIM_PRE.search(raw)
    if not pre:
        return []
    text = html.unescape(re.sub(r"<[^>]+>", "", pre.group(1)))
    blocks: Iterator[tuple[str, str]] = (("pre", s.strip("\n")) for s in _VIM_RULE.split(text) if s.strip())
    return docs_reader.runs(blocks, frozenset({"pre"}), "en")


def _pages(base: Path, pattern: str) -> list[Path]:
    return sorted(p for p in base.glob(pattern) if p.is_file()) if base.is_dir() else []


def _read(path: Path) -> str:
    """A page in the character set it declares (the Vim help is ISO-8859-1, the rest UTF-8)."""
    raw = path.read_bytes()
    return raw.decode("latin-1" if b"charset=iso-8859-1" in raw[:2000].lower() else "utf-8", errors="replace")


def _tuned(base: Path, paths: list[Path], read: Callable[[Path], list[str]]) -> list[str]:
    """The documents of the pages of ``paths`` (below ``base``) that go to this split."""
    out: list[str] = []
    for p in paths:
        if part_of(str(p.relative_to(base))) == "tune":
            out += read(p)
    return out


# Pages that are lists of links to the others (the manual's and each part's front page, site map, directive lists).
APACHE_INDEXES = frozenset({"index.html", "sitemap.html", "directives.html", "quickreference.html"})
APACHE_LANG = {"en": '<html lang="en"', "zh": '<html lang="zh-cn"'}


def apache_docs(lang: str) -> list[str]:
    """The Apache manual's pages in ``lang``: a page whose ``<html lang>`` is another language is left out (the
    zh-cn folder holds English copies of untranslated pages, the en folder one Portuguese page)."""
    base = APACHE[lang]

    def read(p: Path) -> list[str]:
        raw = _read(p)
        if APACHE_LANG[lang] not in raw[:1000]:
            return []
        return docs_reader.manual_page(raw, lang, skip=_APACHE_SKIP, page=_apache_page)

    return _tuned(base, [p for p in _pages(base, "**/*.html") if p.name not in APACHE_INDEXES], read)


def bash_docs() -> list[str]:
    """The Bash reference manual (one page): its runs of sections, each by its own hash (first line)."""
    path = DOC / "bash-doc" / "bashref.html"
    if not path.is_file():
        return []
    docs = docs_reader.manual_page(_read(path), "en", skip=_TEXINFO_SKIP, page=_texinfo_page)
    return [d for d in docs if part_of("bashref#" + d.split("\n", 1)[0]) == "tune"]


def zsh_docs() -> list[str]:
    base = DOC / "zsh-common" / "html"
    return _tuned(base, _pages(base, "*.html"),
                  lambda p: docs_reader.manual_page(_read(p), "en", skip=_TEXINFO_SKIP, page=_texinfo_page))


# DocBook XSL HTML: a chapter's own table of contents is a <div class="toc"> holding one <dl> and no nested div (the
# shared reader's skip expects one closed by two divs, as in the manuals of the other splits).
_DOCBOOK_SKIP = re.compile(r'<div class="toc">.*?</dl>\s*</div>|' + docs_reader.HTML_SKIP.pattern.removeprefix("(?s)"), re.S)


def aptitude_docs() -> list[str]:
    base = DOC / "aptitude" / "html" / "en"
    return _tuned(base, _pages(base, "*.html"),
                  lambda p: docs_reader.manual_page(_read(p), "en", skip=_DOCBOOK_SKIP, page=_rows))


def apt_docs() -> list[str]:
    base = DOC / "apt-doc"
    return _tuned(base, [p for p in _pages(base, "*.html/*.html") if p.parent.name in ("guide.html", "offline.html")],
                  lambda p: docs_reader.manual_page(_read(p), "en", skip=_DOCBOOK_SKIP, page=_rows))


def vim_docs() -> list[str]:
    base = DOC / "vim" / "html"
    return _tuned(base, [p for p in _pages(base, "*.html") if p.name != "index.html"], lambda p: vim_page(_read(p)))


def help_docs(locale: str) -> list[str]:
    """The MATE System Monitor, Clock and Fish help in ``locale`` (a page and its translations share a hash)."""
    lang = "en" if locale == "C" else "zh"
    base = HELP / locale
    out: list[str] = []
    for p in _pages(base, "**/*"):
        if p.suffix in docs_reader.HELP_SUFFIXES and p.name != "legal.xml" and part_of(str(p.relative_to(base))) \
                == "tune":
            out += docs_reader.help_page(p, lang)
    return out


@functools.lru_cache(maxsize=1)
def sources() -> dict[str, dict[str, list[str]]]:
    """Language -> source -> its documents in this split's half (deduplicated, sorted; a zh_HK page copied from
    zh_TW counts once)."""
    en = {"apache": apache_docs("en"), "bash": bash_docs(), "zsh": zsh_docs(), "aptitude": aptitude_docs(),
          "apt": apt_docs(), "vim": vim_docs(), "help": help_docs("C")}
    zh_help: list[str] = []
    for loc in ZH_LOCALES:
        zh_help += help_docs(loc)
    zh = {"apache": apache_docs("zh"), "help": zh_help}
    return {"en": {k: sorted(set(v)) for k, v in en.items()}, "zh": {k: sorted(set(v)) for k, v in zh.items()}}


_DEBS = DebSplit(__name__)
missing = _DEBS.missing
fetch = _DEBS.fetch


def make_good_docs12(per_lang: dict[str, int] | None = None, seed: int = 121) -> list[dict[str, str]]:
    """Up to ``per_lang[lang]`` documents of each language (seeded; PER_LANG by default); an English source gives
    at most EN_CAP of them."""
    quota = PER_LANG if per_lang is None else per_lang
    rng = random.Random(seed)
    out: list[dict[str, str]] = []
    for lang, by_kind in sources().items():
        pool: list[tuple[str, str]] = []
        for kind, docs in by_kind.items():
            cap = EN_CAP.get(kind, len(docs)) if lang == "en" else len(docs)
            pool += [(kind, d) for d in rng.sample(docs, min(cap, len(docs)))]
        out += sampled_rows("good_docs12", lang, pool, quota[lang], rng)
    return out


def main(argv: list[str] | None = None) -> int:
    return _DEBS.main(argv, lambda: {lang: {k: len(v) for k, v in by.items()} for lang, by in sources().items()},
                      make_good_docs12)


if __name__ == "__main__":
    raise SystemExit(main())
