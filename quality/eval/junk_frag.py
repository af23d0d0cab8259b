"""A split of fragment junk for issue 13: text made of broken units, with good short-line text beside it.

Why: the hidden set holds junk made of well-formed words in broken units (PDF columns read across, sliced sentences,
keyword lists, caption residue); the older splits' fragment kinds (``pdf_column_residue``, ``sliced_fragments``,
``tag_cloud``, ``heading_sitemap`` ...) have been looked at. This split was written before the issue-13 fragment
rules (``quality/junk_fragments.py``) and was blind until junk round 16 (first, blind run 13.1%; 35.0% before that
round); **since junk round 16 (2026-12-07) it is a tuning split**: its misses are printed and read
(``quality/junk_spliced.py`` was written on them). Its kinds, each in en and zh:

- ``two_columns``: two paragraphs set in two narrow columns and read straight across both;
- ``inline_furniture``: a paragraph whose page headers, page numbers and footnote marks landed inside its sentences;
- ``width_cut``: text cut at a fixed width mid-word and re-joined, en with hyphen residue ("instal- lation"), zh with a
  space at every cut (how PDF extraction joins CJK lines);
- ``sentence_heads`` / ``sentence_tails``: only the first / last 30-65% of every sentence;
- ``keyword_stuffing``: a heading's words repeated with search modifiers;
- ``caption_residue``: wrapped prose with figure and table captions, panel labels and axis ticks between its lines;
- ``every_other_line``: a hard-wrapped paragraph with every other line dropped.

Material nobody on the project wrote, read by no other split, LM table or model: the *Debian installation guide*
(``installation-guide-amd64``, GPL-2+, added to ``eval_debs.txt`` for this split), its English and Simplified Chinese
HTML pages; each page goes by a hash of its file name to the junk material or to the good text. Good text: runs of a
page's paragraphs and list items, one per line (``good_frag_en`` / ``good_frag_zh``), and short-line text, the
SYNOPSIS and OPTIONS of the util-linux, procps and openssl man pages rendered by ``man`` (``good_frag_man``; man pages
are read by no other split; the LM tables read other packages' pages; these three packages are on every Debian system
and are not declared in ``eval_debs.txt``, whose closure decides which catalogues and changelogs other splits sample). No verse: no installed package nobody reads
has any (fortunes-zh is the dev set's). The glue (modifiers, caption words, header text) is ours. Seeded, made at
eval time, never stored.
"""

from __future__ import annotations

import functools
import hashlib
import os
import random
import re
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

from corpusgov.quality.eval.bounded_run import run_bounded
from corpusgov.quality.eval.junk_fresh3 import draw_kinds, sample_sets
from corpusgov.quality.eval.junk_fresh4 import _text

GUIDE = Path("/usr/share/doc/installation-guide-amd64")
LOCALES = {"en": "en", "zh": "zh_CN"}
MAN_DEBS = ("util-linux", "procps", "openssl")
_BLOCK = re.compile(r'(?s)<(p|li|h[1-4])\b[^>]*>(.*?)</\1>')
_SENT_EN = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_SENT_ZH = re.compile(r"(?<=[。！？；])")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def part_of(name: str) -> str:
    """'junk' or 'good' for a page file name, by hash (the same in both locales): half each."""
    return "good" if hashlib.sha1(name.encode()).digest()[0] % 2 else "junk"


@functools.lru_cache(maxsize=2)
def pages(lang: str) -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    """(file name, headings, paragraphs/list items of 20+ characters) of every guide page in ``lang``."""
    out = []
    for path in sorted((GUIDE / LOCALES[lang]).glob("*.html")):
        if path.name == "index.html":
            continue
        raw = path.read_text(encoding="utf-8", errors="replace")
        heads, paras = [], []
        for tag, body in _BLOCK.findall(raw):
            t = _text(body)
            if tag.startswith("h"):
                heads.append(re.sub(r"^[A-Z]?[\d.]+\s*", "", t).strip())
            elif len(t) >= 20 and "<p" not in body and (lang == "en" or _HAN.search(t)):
                paras.append(t)
        if paras:
            out.append((path.name, tuple(h for h in heads if h), tuple(dict.fromkeys(paras))))
    return tuple(out)


def material(lang: str) -> dict[str, tuple[str, ...]]:
    """The junk half's paragraphs (40+ characters) and headings of ``lang``."""
    junk = [p for p in pages(lang) if part_of(p[0]) == "junk"]
    return {"paras": tuple(t for _, _, ps in junk for t in ps if len(t) >= 40),
            "heads": tuple(h for _, hs, _ in junk for h in hs if 2 <= len(h) <= 60), "lang": (lang,)}


def missing() -> list[str]:
    return [] if (GUIDE / "zh_CN" / "ch03s01.html").is_file() and (GUIDE / "en" / "ch03s01.html").is_file() \
        else ["installation-guide-amd64"]


def _zh(m: dict[str, tuple[str, ...]]) -> bool:
    return m["lang"][0] == "zh"


def _paras(rng: random.Random, m: dict[str, tuple[str, ...]], lo: int, hi: int) -> str:
    """``lo``..``hi`` consecutive paragraphs as one text."""
    ps = m["paras"]
    i = rng.randrange(len(ps))
    return ("" if _zh(m) else " ").join(ps[i:i + rng.randint(lo, hi)])


def _wrap(text: str, width: int, zh: bool) -> list[str]:
    """Lines of at most ``width`` columns: zh cut every ``width`` characters, en at word boundaries."""
    if zh:
        return [text[i:i + width] for i in range(0, len(text), width)]
    return textwrap.wrap(text, width)


def _sentences(text: str, zh: bool) -> list[str]:
    return [s.strip() for s in (_SENT_ZH if zh else _SENT_EN).split(text) if len(s.strip()) >= (8 if zh else 25)]


def two_columns(rng: random.Random, m: dict[str, tuple[str, ...]]) -> str:
    """Two paragraphs in narrow columns, every line read across both (a PDF two-column page extracted by rows)."""
    zh = _zh(m)
    w = rng.randint(14, 20) if zh else rng.randint(30, 42)
    a, b = _wrap(_paras(rng, m, 1, 2), w, zh), _wrap(_paras(rng, m, 1, 2), w, zh)
    gap = " " * rng.randint(1, 4)
    return "\n".join(f"{x.ljust(w) if not zh else x}{gap}{y}".rstrip() for x, y in zip(a, b, strict=False))


def inline_furniture(rng: random.Random, m: dict[str, tuple[str, ...]]) -> str:
    """Running text with page headers + numbers and footnote marks inside its sentences, lines re-joined."""
    zh = _zh(m)
    text = _paras(rng, m, 2, 4)
    title = rng.choice(["Debian GNU/Linux 安装指南", "第 3 章 安装前的准备", "安装手册"] if zh else
                       ["Debian GNU/Linux Installation Guide", "Chapter 3. Before Installing", "Installation Manual"])
    page = rng.randint(5, 120)
    cuts = sorted(rng.sample(range(10, len(text) - 5), k=min(len(text) // 150 + 1, 6))) if len(text) > 40 else []
    out, last = [], 0
    for c in cuts:
        if not zh:
            c = text.rfind(" ", 0, c) if text.rfind(" ", 0, c) > last else c
        page += 1
        mark = rng.choice([f" {page} {title} ", f" {title} {page} ", f"{rng.randint(1, 9)} ", f" — {page} — "])
        out += [text[last:c], mark]
        last = c
    out.append(text[last:])
    return re.sub(r"  +", " ", "".join(out)).strip()


def width_cut(rng: random.Random, m: dict[str, tuple[str, ...]]) -> str:
    """Text cut every ``w`` characters and re-joined: en "- " at a cut inside a word, zh a space at every cut."""
    zh = _zh(m)
    text = _paras(rng, m, 1, 3)
    w = rng.randint(16, 30) if zh else rng.randint(45, 70)
    pieces = [text[i:i + w] for i in range(0, len(text), w)]
    if zh:
        return " ".join(pieces)
    out = pieces[0]
    for p in pieces[1:]:
        out += ("- " if out[-1:].isalpha() and p[:1].isalpha() else " ") + p.lstrip()
    return out


def _slice(rng: random.Random, m: dict[str, tuple[str, ...]], head: bool) -> str:
    zh = _zh(m)
    sents = _sentences(_paras(rng, m, 2, 5), zh)
    out = []
    for s in sents:
        k = int(len(s) * rng.uniform(0.3, 0.65))
        if not zh:  # at a word boundary
            k = s.rfind(" ", 0, k) if head else s.find(" ", k)
            if k <= 0:
                continue
        out.append((s[:k] if head else s[k:]).strip())
    return ("\n" if rng.random() < 0.5 else ("" if zh else " ")).join(out)


def sentence_heads(rng: random.Random, m: dict[str, tuple[str, ...]]) -> str:
    """The first 30-65% of every sentence of a few paragraphs, one a line or run together."""
    return _slice(rng, m, True)


def sentence_tails(rng: random.Random, m: dict[str, tuple[str, ...]]) -> str:
    """The last 35-70% of every sentence, one a line or run together."""
    return _slice(rng, m, False)


_MODS_EN = ("download", "free", "2024", "best", "guide", "tutorial", "pdf", "online", "step by step", "how to",
            "for beginners", "latest", "windows", "usb", "error", "fix")
_MODS_ZH = ("下载", "免费", "2024", "最新", "教程", "详解", "图解", "官方", "中文版", "怎么", "步骤", "大全", "失败", "解决方法")


def keyword_stuffing(rng: random.Random, m: dict[str, tuple[str, ...]]) -> str:
    """A few headings repeated with search modifiers, one a line or separated by commas."""
    zh = _zh(m)
    heads = rng.sample(m["heads"], rng.randint(2, 4))
    mods = _MODS_ZH if zh else _MODS_EN
    items = []
    for _ in range(rng.randint(10, 24)):
        h = rng.choice(heads)
        mod = rng.choice(mods)
        items.append((f"{h}{mod}" if rng.random() < 0.6 else f"{mod}{h}") if zh else
                     (f"{h.lower()} {mod}" if rng.random() < 0.6 else f"{mod} {h.lower()}"))
    return rng.choice(["\n", "，" if zh else ", ", " "]).join(items)


def caption_residue(rng: random.Random, m: dict[str, tuple[str, ...]]) -> str:
    """Wrapped prose with figure/table captions, panel labels and axis ticks between its lines."""
    zh = _zh(m)
    lines = _wrap(_paras(rng, m, 1, 3), rng.randint(20, 34) if zh else rng.randint(50, 75), zh)
    out = []
    for ln in lines:
        out.append(ln)
        if rng.random() < 0.45:
            n, k, h = rng.randint(1, 9), rng.randint(1, 6), rng.choice(m["heads"])
            out.append(rng.choice([f"图 {n}-{k} {h}", f"表 {n} {h}", f"图{n}.{k}", "（a） （b）", "0 10 20 30 40"] if zh else
                                  [f"Figure {n}.{k} {h}", f"Table {n}. {h}", f"Fig. {n}{'ab'[k % 2]}", "(a) (b)",
                                   "0 10 20 30 40"]))
    return "\n".join(out)


def every_other_line(rng: random.Random, m: dict[str, tuple[str, ...]]) -> str:
    """A hard-wrapped paragraph with every other line dropped, lines kept or run together."""
    zh = _zh(m)
    lines = _wrap(_paras(rng, m, 2, 4), rng.randint(18, 30) if zh else rng.randint(45, 72), zh)[rng.randint(0, 1)::2]
    return ("\n" if rng.random() < 0.5 else ("" if zh else " ")).join(lines)


_KINDS: tuple[tuple[str, Callable[[random.Random, Any], str]], ...] = (
    ("two_columns", two_columns), ("inline_furniture", inline_furniture), ("width_cut", width_cut),
    ("sentence_heads", sentence_heads), ("sentence_tails", sentence_tails), ("keyword_stuffing", keyword_stuffing),
    ("caption_residue", caption_residue), ("every_other_line", every_other_line))
FRAG_KINDS: dict[str, tuple[str, Callable[[random.Random, Any], str]]] = {
    f"{name}_{lang}": (lang, make) for lang in ("en", "zh") for name, make in _KINDS}


def _man_pages() -> list[Path]:
    """The section-1/8 English man pages of MAN_DEBS (dpkg's file lists), sorted."""
    out = []
    for deb in MAN_DEBS:
        lst = Path(f"/var/lib/dpkg/info/{deb}.list")
        if not lst.is_file():
            lst = Path(f"/var/lib/dpkg/info/{deb}:amd64.list")
        if lst.is_file():
            out += [Path(p) for p in lst.read_text().split() if re.search(r"/share/man/man[18]/[^/]+\.gz$", p)]
    return sorted(p for p in out if p.is_file())


_SECTION = re.compile(r"(?m)^([A-Z][A-Z ]+)$")


def man_text(path: Path, limit: int = 1500) -> str:
    """SYNOPSIS and OPTIONS of one man page as ``man`` renders it at 80 columns (first ``limit`` characters)."""
    env = {**os.environ, "MANWIDTH": "80", "MAN_KEEP_FORMATTING": "", "LANG": "C.UTF-8"}
    raw = run_bounded(["man", "-l", "-P", "cat", str(path)], env=env, timeout=20)
    page = re.sub(r".\x08", "", (raw or b"").decode("utf-8", "replace"))
    parts = _SECTION.split(page)
    keep = [f"{parts[i]}\n{parts[i + 1].strip(chr(10))}" for i in range(1, len(parts) - 1, 2)
            if parts[i].strip() in ("SYNOPSIS", "OPTIONS")]
    return "\n".join(keep)[:limit].rstrip()


def _chunks(paras: tuple[str, ...], size: int = 700) -> list[str]:
    """A page's paragraphs in runs of consecutive ones, one a line, each run closed once it reaches ``size``
    characters; runs under 200 characters are left out."""
    out, run = [], []
    for p in paras:
        run.append(p)
        if sum(map(len, run)) >= size:
            out.append("\n".join(run))
            run = []
    if run:
        out.append("\n".join(run))
    return [d for d in out if len(d) >= 200]


@functools.lru_cache(maxsize=1)
def good_texts() -> dict[str, list[str]]:
    """Good pages (paragraphs and list items one per line, 200+ characters) and man-page synopses/options."""
    out = {}
    for lang in ("en", "zh"):
        out[f"good_frag_{lang}"] = [d for name, _, ps in pages(lang) if part_of(name) == "good" for d in _chunks(ps)]
    out["good_frag_man"] = [t for t in map(man_text, _man_pages()) if len(t) >= 200]
    return out


def make_frag(per_kind: int = 20, seed: int = 71) -> list[dict[str, str]]:
    """``per_kind`` junk documents of every FRAG kind (seeded), from the junk half of the guide's pages."""
    return draw_kinds(FRAG_KINDS, {"en": material("en"), "zh": material("zh")}, "junk_frag", per_kind, seed)


def make_good_frag(per_set: int = 200, seed: int = 73) -> list[dict[str, str]]:
    """Up to ``per_set`` good documents of each good set (seeded)."""
    return sample_sets(good_texts(), per_set, seed)
