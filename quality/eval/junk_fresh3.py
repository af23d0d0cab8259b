"""A sixth, blind split for issue 13: eleven junk kinds made from Debian documentation no other split reads, and a
matching set of good text from yet other packages.

Why: every earlier junk split draws on the dev set's good texts (and ``junk_fresh``/``junk_fresh2`` have been
looked at while building the learned score), so their figures overstate what the rules do on junk and text
nobody tuned on. This split takes its raw text at eval time from packages no other split or model uses:

- junk sources: the Debian FAQ (``debian-faq``, ``debian-faq-zh-cn``) and the Debian New Maintainers' Guide
  (``maint-guide``, ``maint-guide-zh-cn``), HTML pages: their paragraphs, and their real navigation headers,
  footers and tables of contents;
- good text: paragraphs of the GNU info manuals installed with the base system (``/usr/share/info``: coreutils,
  grep, sed, find, diffutils, gzip, wget, gettext), of the LilyPond Chinese manual
  (``lilypond-doc-html-zh``) and of the Traditional-Chinese New Maintainers' Guide (``maint-guide-zh-tw``).

The eleven kinds differ from every kind of KINDS/HELDOUT/BLIND/FRESH/FRESH2 and from the dev set's seven: real page
chrome, GBK bytes read as Big5, partial double UTF-8 encoding, a paragraph repeated at several offsets, adjacent
word swaps (machine-translation-like order, en and zh), clause splicing across documents, Chinese spun text
(same-length word substitution), running print headers with hyphenated line breaks, and a sitemap of headings.
Only the glue (page-header wording, separators) is ours; every word comes from the packages. The split's first
run, before any signal was added for it, is in the commit that added it; ``real_text_eval`` reports it apart
(``junk_fresh3`` and ``good_fresh3_*``) and never prints its misses. Nothing here is tuned on.

Install: ``apt-get install debian-faq debian-faq-zh-cn maint-guide maint-guide-zh-cn maint-guide-zh-tw
lilypond-doc-html-zh`` (licences: GPL-2+/GFDL for the Debian documents, GFDL for LilyPond and GNU manuals; the
text is read where installed, never copied into the repository).
"""

from __future__ import annotations

import gzip
import html
import random
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FAQ = Path("/usr/share/doc/debian/FAQ")
MAINT = Path("/usr/share/doc")
INFO = Path("/usr/share/info")
LILY = Path("/usr/share/doc/lilypond/html/Documentation")
INFO_MANUALS = ("coreutils", "grep", "sed", "find", "diffutils", "gzip", "wget", "gettext")
PACKAGES = ("debian-faq", "debian-faq-zh-cn", "maint-guide", "maint-guide-zh-cn", "maint-guide-zh-tw",
            "lilypond-doc-html-zh")

_HAN = re.compile(r"[\u4e00-\u9fff]")
_TAG = re.compile(r"(?s)<[^>]+>")
_P = re.compile(r"(?s)<p\b[^>]*>(.*?)</p>")
_HEAD = re.compile(r"(?s)<h[1-4]\b[^>]*>(.*?)</h[1-4]>")
_NAV = re.compile(r'(?s)<div class="nav(?:header|footer)">(.*?)</div>')
_TOC = re.compile(r'(?s)<div class="toc">(.*?)</div>\s*</div>')
_ALT = re.compile(r'alt="([^"]*)"')
_LI = re.compile(r"(?s)<(?:dt|li)\b[^>]*>(.*?)</(?:dt|li)>")
_CLAUSE_ZH = re.compile(r"[^，；。！？]+[，；。！？]")
_SENT_EN = re.compile(r"[^.!?]+[.!?]")
_WORD_ZH = re.compile(r"[\u4e00-\u9fff]{2}")


def _text(fragment: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", _ALT.sub(r" \1 ", fragment))).split())


@dataclass
class Page:
    """One HTML page: its paragraphs, its navigation chrome and its headings."""

    paras: list[str]
    chrome: list[str]
    headings: list[str]


def _pages(paths: Iterable[Path]) -> list[Page]:
    out = []
    for p in sorted(paths):
        raw = p.read_text(encoding="utf-8", errors="replace")
        paras = [t for t in (_text(m) for m in _P.findall(raw)) if len(t) >= 40]
        chrome = [_text(m) for m in _NAV.findall(raw)]
        for toc in _TOC.findall(raw):
            chrome += [t for t in (_text(m) for m in _LI.findall(toc)) if t]
        heads = [t for t in (_text(m) for m in _HEAD.findall(raw)) if t]
        if paras:
            out.append(Page(paras, [c for c in chrome if c], heads))
    return out


def junk_pages(lang: str) -> list[Page]:
    """The junk sources' pages: Debian FAQ and New Maintainers' Guide, ``lang`` 'zh' (zh-cn) or 'en'."""
    if lang == "zh":
        paths = [*(FAQ / "zh-cn").glob("*.html"), *(MAINT / "maint-guide-zh-cn" / "html").glob("*.html")]
    else:
        paths = [*FAQ.glob("*.en.html"), *(MAINT / "maint-guide" / "html").glob("*.en.html")]
    return _pages(paths)


def _info_paras() -> list[str]:
    out = []
    for name in INFO_MANUALS:
        for path in sorted(INFO.glob(f"{name}.info*.gz")):
            with gzip.open(path, "rt", encoding="utf-8", errors="replace") as f:
                raw = f.read()
            for node in raw.split("\x1f")[1:]:
                for para in re.split(r"\n\s*\n", node):
                    lines = para.strip("\n").splitlines()
                    body = " ".join(ln.strip() for ln in lines)
                    # prose: several lines of mostly letters ending in a sentence, no menus or examples
                    if (len(body) >= 200 and sum(c.isalpha() for c in body) >= 0.7 * len(body)
                            and body.endswith((".", ":")) and not body.startswith(("*", "File:"))):
                        out.append(para.strip("\n"))
    return out


def good_texts() -> dict[str, list[str]]:
    """Good held-out documents: English GNU info paragraphs; Chinese paragraphs of the LilyPond manual and the
    Traditional-Chinese New Maintainers' Guide (>= 30 Han characters)."""
    zh_pages = _pages([*LILY.rglob("*.zh.html"), *(MAINT / "maint-guide-zh-tw" / "html").glob("*.html")])
    zh = sorted({p for page in zh_pages for p in page.paras if len(_HAN.findall(p)) >= 30})
    return {"good_fresh3_zh": zh, "good_fresh3_en": sorted(set(_info_paras()))}


def missing() -> list[str]:
    checks = {
        "debian-faq": FAQ / "basic-defs.en.html", "debian-faq-zh-cn": FAQ / "zh-cn",
        "maint-guide": MAINT / "maint-guide" / "html", "maint-guide-zh-cn": MAINT / "maint-guide-zh-cn" / "html",
        "maint-guide-zh-tw": MAINT / "maint-guide-zh-tw" / "html", "lilypond-doc-html-zh": LILY,
    }
    return [k for k, v in checks.items() if not v.exists()]


# ---- the kinds: each maker gets a seeded RNG and the pages of its language ----

def page_chrome(rng: random.Random, pages: Sequence[Page]) -> str:
    """What a scraper keeps of a page when its extractor misses the body: the real navigation header and footer
    (prev / next / home), the chapter's table of contents and at most one paragraph opening."""
    page = rng.choice([p for p in pages if p.chrome] or list(pages))
    chrome = list(page.chrome)
    toc = chrome[2:] if len(chrome) > 2 else []
    if toc:
        a = rng.randrange(len(toc))
        toc = toc[a: a + rng.randint(3, 15)]
    out = chrome[:1] + toc + chrome[1:2]
    if rng.random() < 0.5:
        out.insert(rng.randrange(len(out) + 1), rng.choice(page.paras)[: rng.randint(20, 60)])
    return "\n".join(out)


def gbk_as_big5(rng: random.Random, pages: Sequence[Page]) -> str:
    """Simplified-Chinese text stored as GBK and read as Big5: valid-looking traditional characters in nonsense
    order (undecodable pairs dropped, as a lenient reader does)."""
    text = " ".join(rng.choice(rng.choice(pages).paras) for _ in range(rng.randint(1, 3)))
    return text.encode("gbk", "ignore").decode("big5", "ignore")


def double_utf8_partial(rng: random.Random, pages: Sequence[Page]) -> str:
    """Paragraphs of which some went through UTF-8 -> cp1252 -> UTF-8 -> cp1252 twice (double encoding), the
    rest intact: a document merged from two mis-configured exports."""
    page = rng.choice(pages)
    paras = rng.sample(page.paras, min(len(page.paras), rng.randint(2, 5)))
    out = []
    for i, p in enumerate(paras):
        if i == 0 or rng.random() < 0.6:
            for _ in range(2):
                p = p.encode("utf-8").decode("cp1252", "replace")
        out.append(p)
    rng.shuffle(out)
    return "\n\n".join(out)


def para_repeat_offsets(rng: random.Random, pages: Sequence[Page]) -> str:
    """A page's paragraphs with one of them pasted again at several other offsets (a template or a quoted
    block re-inserted by a broken include)."""
    page = rng.choice(pages)
    paras = list(page.paras[: rng.randint(3, 8)])
    rep = rng.choice(page.paras)
    for _ in range(rng.randint(2, 4)):
        paras.insert(rng.randrange(len(paras) + 1), rep)
    return "\n\n".join(paras)


def local_swaps_en(rng: random.Random, pages: Sequence[Page]) -> str:
    """Machine-translation-like English: real sentences whose adjacent words are swapped pairwise with
    probability 0.3-0.5 (vocabulary and most bigrams' members kept, local order broken)."""
    page = rng.choice(pages)
    words = " ".join(rng.sample(page.paras, min(len(page.paras), 3))).split()
    _swap_pairs(rng, words, rng.uniform(0.3, 0.5))
    return " ".join(words)


def _swap_pairs(rng: random.Random, items: list[str], rate: float) -> None:
    """Swap adjacent items in place, left to right, each pair with probability ``rate`` (a swapped pair is skipped)."""
    i = 0
    while i < len(items) - 1:
        if rng.random() < rate:
            items[i], items[i + 1] = items[i + 1], items[i]
            i += 2
        else:
            i += 1


def local_swaps_zh(rng: random.Random, pages: Sequence[Page]) -> str:
    """The same for Chinese: adjacent two-character chunks of each clause swapped with probability 0.3-0.5."""
    page = rng.choice(pages)
    text = "".join(rng.sample(page.paras, min(len(page.paras), 3)))
    rate = rng.uniform(0.3, 0.5)
    out = []
    for clause in re.split(r"([，。；：！？\s])", text):
        chunks = [clause[k: k + 2] for k in range(0, len(clause), 2)]
        _swap_pairs(rng, chunks, rate)
        out.append("".join(chunks))
    return "".join(out)


def clause_splice_zh(rng: random.Random, pages: Sequence[Page]) -> str:
    """Sentences built from clauses of different pages (split at ，；。), each clause real, their joins not: a
    content farm's recombination."""
    clauses = [c for p in rng.sample(pages, min(len(pages), 4)) for para in p.paras
               for c in _CLAUSE_ZH.findall(para) if len(_HAN.findall(c)) >= 4]
    if not clauses:
        return ""
    out = []
    for _ in range(rng.randint(6, 16)):
        c = rng.choice(clauses)
        out.append(c[:-1] + rng.choice("，，，。"))
    return "".join(out).rstrip("，") + "。"


def spun_zh(rng: random.Random, pages: Sequence[Page]) -> str:
    """Chinese spun text: a real paragraph whose two-character Han runs are replaced, at a rate of 0.3-0.5, by
    other two-character runs of the same documents (an article spinner dodging duplicate detection)."""
    pool = sorted({w for p in pages for para in p.paras for w in _WORD_ZH.findall(para)}) or ["文件"]
    rate = rng.uniform(0.3, 0.5)
    text = " ".join(rng.sample(rng.choice(pages).paras, 1 + int(rng.random() < 0.5)))
    return _WORD_ZH.sub(lambda m: rng.choice(pool) if rng.random() < rate else m.group(0), text)


def running_headers_en(rng: random.Random, pages: Sequence[Page]) -> str:
    """Text extracted from a printed book: fixed-width lines with hyphenated breaks, and the running header
    (book title, chapter heading) and a page number every 8-14 lines."""
    page = rng.choice(pages)
    title = rng.choice(["Debian FAQ", "Debian New Maintainers' Guide"])
    head = rng.choice(page.headings or [title])
    words = " ".join(page.paras[: rng.randint(3, 8)]).split()
    width = rng.randint(50, 72)
    lines, cur = [], ""
    for w in words:
        if len(cur) + len(w) + 1 > width:
            if len(w) > 6 and rng.random() < 0.5:
                k = rng.randint(3, len(w) - 3)
                lines.append(f"{cur} {w[:k]}-".strip())
                cur = w[k:]
                continue
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}".strip()
    lines.append(cur)
    out, pno = [], rng.randint(3, 200)
    every = rng.randint(8, 14)
    for i, ln in enumerate(lines):
        if i % every == 0:
            out += [f"{pno}    {title.upper()}" if pno % 2 else f"{head}    {pno}", ""]
            pno += 1
        out.append(ln)
    return "\n".join(out)


def heading_sitemap(rng: random.Random, pages: Sequence[Page]) -> str:
    """A sitemap or search-result list: the real headings of several pages, one per line, with their page
    titles as separators."""
    out = []
    for p in rng.sample(pages, min(len(pages), rng.randint(2, 5))):
        hs = p.headings
        if hs:
            a = rng.randrange(len(hs))
            out += hs[a: a + rng.randint(4, 14)]
    return "\n".join(out)


_Maker = Callable[[random.Random, Sequence[Page]], str]
FRESH3_KINDS: dict[str, tuple[str, _Maker]] = {
    "page_chrome_zh": ("zh", page_chrome),
    "page_chrome_en": ("en", page_chrome),
    "gbk_as_big5_zh": ("zh", gbk_as_big5),
    "double_utf8_partial_zh": ("zh", double_utf8_partial),
    "para_repeat_offsets_en": ("en", para_repeat_offsets),
    "local_swaps_en": ("en", local_swaps_en),
    "local_swaps_zh": ("zh", local_swaps_zh),
    "clause_splice_zh": ("zh", clause_splice_zh),
    "spun_zh": ("zh", spun_zh),
    "running_headers_en": ("en", running_headers_en),
    "heading_sitemap_zh": ("zh", heading_sitemap),
}


def draw_kinds(kinds: Mapping[str, tuple[str, Callable[[random.Random, Any], str]]], material: Mapping[str, Any],
               set_name: str, per_kind: int, seed: int) -> list[dict[str, str]]:
    """``per_kind`` documents of every kind (seeded), each maker given the material of its language; documents of
    fewer than 20 non-blank characters are redrawn (at most ``5 * per_kind`` tries a kind)."""
    rng = random.Random(seed)
    out = []
    for kind, (lang, make) in kinds.items():
        i = tries = 0
        while i < per_kind and tries < per_kind * 5:
            tries += 1
            text = make(rng, material[lang])
            if len(text.strip()) < 20:
                continue
            out.append({"id": f"{set_name}-{kind}-{i}", "set": set_name, "kind": kind, "text": text})
            i += 1
    return out


def sample_sets(texts: Mapping[str, list[str]], per_set: int, seed: int) -> list[dict[str, str]]:
    """Up to ``per_set`` documents of each named set (seeded)."""
    rng = random.Random(seed)
    return [{"id": f"{name}-{i}", "set": name, "text": t}
            for name, pool in texts.items() for i, t in enumerate(rng.sample(pool, min(per_set, len(pool))))]


def make_fresh3(per_kind: int = 40, seed: int = 23) -> list[dict[str, str]]:
    """``per_kind`` junk documents of every FRESH3 kind (seeded), empty ones redrawn."""
    return draw_kinds(FRESH3_KINDS, {"zh": junk_pages("zh"), "en": junk_pages("en")}, "junk_fresh3", per_kind, seed)


def make_good3(per_set: int = 400, seed: int = 29) -> list[dict[str, str]]:
    """Up to ``per_set`` good documents of each language (seeded)."""
    return sample_sets(good_texts(), per_set, seed)
