"""A seventh, blind split for issue 13: junk of the kinds a crawler really keeps (UI chrome, listings, logs,
tables, indexes, badly stripped markup), made from installed text no other split reads, and a new good set.

Why: the older splits corrupt good prose (shuffle, splice, swap, encode); real crawled junk is more often text
that was never prose: consent banners, "related posts" blocks with pagination, tables flattened to lines, a
book's index, log output, changelog fragments, pages whose markup was stripped badly, generated API listings and
pasted footers. Each kind here is built from real strings nobody on the project wrote:

- UI strings and messages of the machine's zh_CN gettext catalogues (``/usr/share/locale/zh_CN``: English
  msgids and their Chinese translations), the ISO code tables (``iso-codes``, with their zh_CN names), the
  Debian changelogs of installed packages (maintainer lines and e-mail addresses removed), the licence texts in
  ``/usr/share/common-licenses``, the Python standard library's own signatures and docstrings;
- pages of the Debian Edu bookworm manual (``debian-edu-doc-en``) and of the Evince help (Mallard pages,
  ``/usr/share/help/{C,zh_CN,zh_TW,zh_HK}/evince``): headings, paragraphs and raw markup.

Good text (``good_fresh4_zh`` / ``good_fresh4_en``): paragraphs of the GNOME user help (``gnome-user-docs``:
``/usr/share/help/zh_CN/gnome-help`` for Chinese; ``C/gnome-help`` and ``C/system-admin-guide`` for English) and
of the Advanced Bash-Scripting Guide (``abs-guide``, English). No other split or model reads these packages.

Only the glue (button separators, dates, page numbers, "Next" links) is ours. The split's first run, before any
change made for it, is in the commit that added it; ``real_text_eval`` reports it apart and never prints its
misses. Nothing here is tuned on.

Install: ``apt-get install gnome-user-docs abs-guide debian-edu-doc-en`` (evince-common, iso-codes and the gettext
catalogues come with the base image); licences GPL/GFDL/CC-BY-SA of the documents, read where installed, never
copied into the repository.
"""

from __future__ import annotations

import functools
import gzip
import html
import inspect
import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from corpusgov.quality.eval.declared_files import declared
from corpusgov.quality.eval.junk_fresh import catalogue_pairs
from corpusgov.quality.eval.junk_fresh3 import draw_kinds, sample_sets

HELP = Path("/usr/share/help")
EDU = Path("/usr/share/doc/debian-edu-doc-en")
ABS = Path("/usr/share/doc/abs-guide/html")
ZH_MO = Path("/usr/share/locale/zh_CN/LC_MESSAGES")
ISO = Path("/usr/share/iso-codes/json")
DOCS = Path("/usr/share/doc")
LICENCES = Path("/usr/share/common-licenses")
PACKAGES = ("gnome-user-docs", "abs-guide", "debian-edu-doc-en", "evince-common", "iso-codes")
API_MODULES = ("os.path", "shutil", "string", "textwrap", "statistics", "fractions", "bisect", "heapq", "calendar",
               "difflib", "fnmatch", "glob", "colorsys", "zlib", "secrets", "uuid", "ipaddress", "mimetypes")

_HAN = re.compile(r"[\u4e00-\u9fff]")
_TAG = re.compile(r"(?s)<[^>]+>")
_P = re.compile(r"(?s)<p\b[^>]*>(.*?)</p>")
_HEAD = re.compile(r"(?s)<(?:h[1-4]|title)\b[^>]*>(.*?)</(?:h[1-4]|title)>")
_INFO = re.compile(r"(?s)<info>.*?</info>")
_EMAIL = re.compile(r"\S+@\S+")


def _text(fragment: str) -> str:
    """Inline markup removed as a browser renders it (no space added where a tag stood)."""
    return " ".join(html.unescape(_TAG.sub("", fragment)).split())


@dataclass
class Source:
    """One language's raw material: paragraphs, headings, raw markup documents, UI labels and messages."""

    lang: str = "en"
    paras: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    raws: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


def _markup_docs(paths: list[Path], min_han: int = 0) -> tuple[list[str], list[str], list[str]]:
    paras, heads, raws = [], [], []
    for p in sorted(paths):
        raw = p.read_text(encoding="utf-8", errors="replace")
        body = _INFO.sub(" ", raw)
        raws.append(body)
        heads += [t for t in (_text(m) for m in _HEAD.findall(body)) if 2 <= len(t) <= 80]
        paras += [t for t in (_text(m) for m in _P.findall(body))
                  if len(t) >= 40 and len(_HAN.findall(t)) >= min_han]
    return paras, heads, raws


@functools.lru_cache(maxsize=2)
def _catalogue(iso: bool = False) -> tuple[tuple[str, str], ...]:
    """(English msgid, Chinese translation) pairs of the zh_CN catalogues, one line each, format kept: the
    programs' catalogues, or (``iso``) those of the ISO code tables (country and place names)."""
    pairs: dict[str, str] = {}
    for name, k, v in catalogue_pairs(ZH_MO):
        if name.startswith("iso_") == iso and isinstance(k, str) and isinstance(v, str) and k and v \
                and "\n" not in k + v and "\x04" not in k:
            pairs.setdefault(k, v)
    return tuple(sorted(pairs.items()))


def _ui(lang: str) -> tuple[list[str], list[str]]:
    """Short labels (buttons, menu items) and sentence-long messages of ``lang`` from the catalogues."""
    labels, msgs = [], []
    for en, zh in _catalogue():
        t = zh if lang == "zh" else en
        t = t.replace("_", "").replace("&", "").strip()
        if lang == "zh" and not _HAN.search(t):
            continue
        short = (2 <= len(t) <= 8) if lang == "zh" else (re.fullmatch(r"[A-Z][a-z]+(?: [A-Za-z]+){0,2}", t) is not None)
        if short:
            labels.append(t)
        elif (len(t) >= 30 if lang == "en" else len(_HAN.findall(t)) >= 10) and len(t) <= 160:
            msgs.append(t)
    return sorted(set(labels)), sorted(set(msgs))


@functools.lru_cache(maxsize=2)
def source(lang: str) -> Source:
    """The junk sources of ``lang``: 'en' (Debian Edu manual, Evince help C) or 'zh' (Evince help zh_*)."""
    if lang == "zh":
        paths = [p for loc in ("zh_CN", "zh_TW", "zh_HK") for p in (HELP / loc / "evince").glob("*.page")]
        paras, heads, raws = _markup_docs(paths, min_han=10)
    else:
        paras, heads, raws = _markup_docs([*EDU.glob("debian-edu-*-manual.html"), *(HELP / "C" / "evince").glob("*.page")])
    if lang == "zh":
        heads = [h for h in heads if _HAN.search(h)]
    labels, msgs = _ui(lang)
    return Source(lang, paras, sorted(set(heads)), raws, labels, msgs)


def good_texts() -> dict[str, list[str]]:
    """Good held-out paragraphs: GNOME user help zh_CN (>= 30 Han characters); GNOME help and system admin guide
    in English and the Advanced Bash-Scripting Guide's prose paragraphs (>= 200 characters)."""
    zh, _, _ = _markup_docs(list((HELP / "zh_CN" / "gnome-help").glob("*.page")), min_han=30)
    en_paths = [*(HELP / "C" / "gnome-help").glob("*.page"), *(HELP / "C" / "system-admin-guide").glob("*.page"),
                *ABS.glob("*.html")]
    en, _, _ = _markup_docs(en_paths)
    en = [p for p in en if len(p) >= 200 and sum(c.isalpha() for c in p) >= 0.7 * len(p)]
    return {"good_fresh4_zh": sorted(set(zh)), "good_fresh4_en": sorted(set(en))}


def missing() -> list[str]:
    checks = {"gnome-user-docs": HELP / "zh_CN" / "gnome-help", "abs-guide": ABS, "debian-edu-doc-en": EDU,
              "evince-common": HELP / "zh_CN" / "evince", "iso-codes": ISO / "iso_3166-1.json",
              "zh_CN gettext catalogues": ZH_MO}
    return [k for k, v in checks.items() if not v.exists()]


# ---- the kinds: each maker gets a seeded RNG and its language's Source ----

def consent_banner(rng: random.Random, src: Source) -> str:
    """A cookie/consent or notification banner a page extractor kept: a label as title, one or two real UI
    messages, and a row of buttons (real labels)."""
    out = [rng.choice(src.labels)] if rng.random() < 0.6 else []
    out += rng.sample(src.messages, rng.randint(1, 2))
    sep = rng.choice(["  ", " | ", "\n", "   ·   "])
    out.append(sep.join(rng.sample(src.labels, rng.randint(2, 5))))
    return "\n".join(out)


def related_posts(rng: random.Random, src: Source) -> str:
    """A "related posts" block with dates and a pagination bar: real headings, our dates and page numbers."""
    lang = src.lang
    out = ["相关文章" if lang == "zh" else rng.choice(["Related posts", "You may also like", "Recent articles"])]
    for h in rng.sample(src.headings, rng.randint(4, 10)):
        y, m, d = rng.randint(2012, 2024), rng.randint(1, 12), rng.randint(1, 28)
        date = f"{y}年{m}月{d}日" if lang == "zh" else f"{y}-{m:02d}-{d:02d}"
        more = "阅读全文" if lang == "zh" else "Read more »"
        out += [h, f"{date}  {more}" if rng.random() < 0.5 else date]
    last = rng.randint(4, 60)
    pages = " ".join(str(i) for i in range(1, rng.randint(3, 5))) + f" … {last}"
    out.append(f"上一页 {pages} 下一页" if lang == "zh" else f"« Prev {pages} Next »")
    return "\n".join(out)


@functools.lru_cache(maxsize=1)
def _iso_rows() -> tuple[tuple[str, ...], ...]:
    rows = json.loads((ISO / "iso_3166-1.json").read_text(encoding="utf-8"))["3166-1"]
    zh = dict(_catalogue(iso=True))
    return tuple((r["name"], zh.get(r["name"], r["name"]), r["alpha_2"], r["alpha_3"], r["numeric"]) for r in rows)


def flattened_table(rng: random.Random, src: Source) -> str:
    """A table flattened to text by an extractor: country rows of the ISO 3166 table (name, codes, number),
    cells joined by spaces or tabs, with the header row."""
    lang = src.lang
    rows = _iso_rows()
    a = rng.randrange(len(rows) - 20)
    head = ["国家/地区", "二位代码", "三位代码", "数字代码"] if lang == "zh" else ["Country", "Alpha-2", "Alpha-3", "Numeric"]
    sep = rng.choice([" ", "\t", "  "])
    lines = [sep.join(head)]
    for r in rows[a: a + rng.randint(8, 20)]:
        lines.append(sep.join([r[1] if lang == "zh" else r[0], r[2], r[3], r[4]]))
    return ("\n" if rng.random() < 0.7 else " ").join(lines)


def book_index(rng: random.Random, src: Source) -> str:
    """A document's back-of-book index: its real headings as entries, sorted, with page locators."""
    terms = sorted(rng.sample(src.headings, min(len(src.headings), rng.randint(10, 30))))
    out = []
    for t in terms:
        locs = sorted(rng.sample(range(1, 400), rng.randint(1, 4)))
        out.append(f"{t}, {', '.join(map(str, locs))}")
        if rng.random() < 0.2:
            out.append(f"    {rng.choice(src.labels)}, {rng.randint(1, 400)}")
    return "\n".join(out)


_FMT = re.compile(r"%(?:\d+\$)?[-#0 +']*\d*(?:\.\d+)?(?:hh|h|ll|l|z|j|t)?[sdiuxXlfgc]|%\d*\$?[sd]|\{[^}]*\}")


def log_output(rng: random.Random, src: Source) -> str:
    """Program log output: timestamped lines with levels and module names around real catalogue messages whose
    format directives are filled with words and numbers."""
    lang = src.lang
    h, m, s = rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)
    mods = [w.lower() for w in rng.sample(src.labels, 3)] if lang == "en" else ["core", "net", "io"]
    out = []
    for _ in range(rng.randint(6, 20)):
        s += rng.randint(0, 9)
        m, s = m + s // 60, s % 60
        msg = _FMT.sub(lambda _m: rng.choice([str(rng.randint(0, 9999)), rng.choice(src.labels)]),
                       rng.choice(src.messages))
        lvl = rng.choice(["INFO", "INFO", "WARN", "ERROR", "DEBUG"])
        out.append(f"2024-05-{rng.randint(1, 28):02d} {h:02d}:{m % 60:02d}:{s:02d} {lvl} [{rng.choice(mods)}] {msg}")
    return "\n".join(out)


@functools.lru_cache(maxsize=1)
def _changelog_blocks() -> tuple[str, ...]:
    blocks = []
    for path in declared(DOCS.glob("*/changelog.Debian.gz"))[:400]:
        try:
            with gzip.open(path, "rt", encoding="utf-8", errors="replace") as f:
                text = f.read(20000)
        except OSError:
            continue
        for block in re.split(r"\n(?= -- )[^\n]*\n", text):
            lines = [_EMAIL.sub("", ln) for ln in block.strip("\n").splitlines()
                     if not ln.startswith(" -- ") and not re.match(r"\s*\[ .* \]\s*$", ln)]
            if len(lines) >= 3:
                blocks.append("\n".join(lines))
    return tuple(blocks)


def changelog_fragment(rng: random.Random, src: Source) -> str:
    """Release notes of installed packages pasted into a page: one to three Debian changelog entries (header,
    bullet items), without their maintainer lines."""
    blocks = _changelog_blocks()
    a = rng.randrange(len(blocks))
    return "\n\n".join(blocks[a: a + rng.randint(1, 3)])


def stripped_markup(rng: random.Random, src: Source) -> str:
    """The top of an HTML page stripped badly: a window of its navigation header, title block and table of
    contents with the tags deleted in place (no spaces added, entities left encoded, the edges of tags cut by
    the window kept)."""
    raw = rng.choice([r for r in src.raws if "<body" in r and 'class="toc"' in r] or src.raws)
    start = raw.find("<body")
    end = raw.find("</dl></div>", raw.find('class="toc"')) if 'class="toc"' in raw else len(raw)
    n = rng.randint(1500, 4000)
    a = start + rng.randrange(max(1, end - start - n))
    text = re.sub(r"<[^<>]*>", "", raw[a: a + n])
    return re.sub(r"\n\s*\n+", "\n", text).strip()


def api_listing(rng: random.Random, src: Source) -> str:
    """An auto-generated API listing: a standard-library module's public callables with their signatures and
    the first line of their docstrings, as a documentation generator's summary table prints them."""
    import importlib

    mod = importlib.import_module(rng.choice(API_MODULES))
    out = [mod.__name__]
    names = sorted(n for n in dir(mod) if not n.startswith("_") and callable(getattr(mod, n)))
    for n in rng.sample(names, min(len(names), rng.randint(6, 18))):
        obj = getattr(mod, n)
        try:
            sig = re.sub(r" at 0x[0-9a-f]+", "", str(inspect.signature(obj)))  # defaults' addresses vary by run
        except (TypeError, ValueError):
            sig = "(...)"
        doc = (inspect.getdoc(obj) or "").split("\n")[0]
        out.append(f"{n}{sig}" + (f"  {doc}" if doc and rng.random() < 0.6 else ""))
    return "\n".join(out)


def pasted_footers(rng: random.Random, src: Source) -> str:
    """Page footers kept by the extractor from several pages in a row: a copyright line, a licence sentence
    (from the system's licence texts), a row of links (real UI labels), repeated with small changes."""
    lang = src.lang
    lic = rng.choice(sorted(LICENCES.glob("*")))
    sents = [s.strip() for s in re.split(r"(?<=[.])\s+", " ".join(lic.read_text(errors="replace").split()))
             if 40 <= len(s.strip()) <= 200]
    name = rng.choice(src.labels)
    out = []
    for _ in range(rng.randint(2, 4)):
        y = rng.randint(2005, 2020)
        out.append(f"版权所有 © {y}-{y + rng.randint(1, 6)} {name}。保留所有权利。" if lang == "zh"
                   else f"© {y}-{y + rng.randint(1, 6)} {name}. All rights reserved.")
        if lang == "en" and sents and rng.random() < 0.7:
            out.append(rng.choice(sents))
        elif lang == "zh" and rng.random() < 0.5:
            out.append(rng.choice(src.messages))
        out.append(" | ".join(rng.sample(src.labels, rng.randint(3, 6))))
    return "\n".join(out)


_Maker = Callable[[random.Random, Source], str]
FRESH4_KINDS: dict[str, tuple[str, _Maker]] = {
    "consent_banner_en": ("en", consent_banner),
    "consent_banner_zh": ("zh", consent_banner),
    "related_posts_en": ("en", related_posts),
    "related_posts_zh": ("zh", related_posts),
    "flattened_table_en": ("en", flattened_table),
    "flattened_table_zh": ("zh", flattened_table),
    "book_index_en": ("en", book_index),
    "book_index_zh": ("zh", book_index),
    "log_output_en": ("en", log_output),
    "log_output_zh": ("zh", log_output),
    "changelog_fragment_en": ("en", changelog_fragment),
    "stripped_markup_en": ("en", stripped_markup),
    "api_listing_en": ("en", api_listing),
    "pasted_footers_en": ("en", pasted_footers),
    "pasted_footers_zh": ("zh", pasted_footers),
}


def make_fresh4(per_kind: int = 40, seed: int = 31) -> list[dict[str, str]]:
    """``per_kind`` junk documents of every FRESH4 kind (seeded), empty ones redrawn."""
    return draw_kinds(FRESH4_KINDS, {"zh": source("zh"), "en": source("en")}, "junk_fresh4", per_kind, seed)


def make_good4(per_set: int = 400, seed: int = 37) -> list[dict[str, str]]:
    """Up to ``per_set`` good documents of each language (seeded)."""
    return sample_sets(good_texts(), per_set, seed)
