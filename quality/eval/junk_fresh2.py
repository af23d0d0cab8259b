"""A fifth split of junk kinds (``FRESH2_KINDS``), written for issue 13 before the learned junk score.

Why: ``junk_fresh`` was looked at once its misses were printed, so it is tuned-on from now on; the hidden set
still holds junk kinds nobody here has seen. These ten kinds are further ways scraped or generated text goes
wrong, none of them in KINDS/HELDOUT/BLIND/FRESH: breadcrumb and menu residue, forum quote chains with
signatures, auto-generated tag pages, spun text (word substitution), two languages interleaved line by line,
every sentence cut mid-way, calendar listings, e-mail header dumps, lists of search queries and one template
repeated with varying numbers. Each maker takes real source texts and a seeded RNG and returns one document;
only the templates' glue words are ours, the content comes from the real texts. Their first run, before any rule
was changed, is in the commit that added them; ``real_text_eval`` reports them apart (``junk_fresh2``) and never
prints their misses, so the figure stays an estimate on junk nobody tuned for.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence

from corpusgov.quality.eval.junk_kinds import make_junk

_HAN = re.compile(r"[\u4e00-\u9fff]")
_HAN_WORD = re.compile(r"[\u4e00-\u9fff]{2,4}")
_EN_WORD = re.compile(r"[A-Za-z][a-z]{2,}")
_SENT_ZH = re.compile(r"[^。！？\n]+[。！？]")
_SENT_EN = re.compile(r"[^.!?\n]+[.!?]")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _pick(rng: random.Random, texts: Sequence[str]) -> str:
    return _flat(texts[rng.randrange(len(texts))]) if texts else ""


def _zh_words(texts: Sequence[str]) -> list[str]:
    return sorted({w for t in texts for w in _HAN_WORD.findall(t)}) or ["文件"]


def _en_words(texts: Sequence[str]) -> list[str]:
    return sorted({w.lower() for t in texts for w in _EN_WORD.findall(t)}) or ["file"]


def _sentences(texts: Sequence[str], zh: bool) -> list[str]:
    pat = _SENT_ZH if zh else _SENT_EN
    out = [s.strip(" \"'“”") for t in texts for s in pat.findall(_flat(t))]
    out = [s for s in out if (len(_HAN.findall(s)) >= 6 if zh else len(s) >= 20)]
    return out or [_flat(t) for t in texts if t.strip()] or ["text"]


def breadcrumb_nav_zh(rng: random.Random, texts: Sequence[str]) -> str:
    """Menu and breadcrumb residue of a scraped page: trails of real words, menu rows, previous/next links and a
    scrap of the real text."""
    words = _zh_words(texts)
    lines = []
    for _ in range(rng.randint(3, 8)):
        trail = [words[rng.randrange(len(words))] for _ in range(rng.randint(2, 5))]
        sep = rng.choice([" > ", " » ", " / ", " >> ", "＞"])
        lines.append(rng.choice(["首页", "当前位置：首页", "您的位置：网站首页"]) + sep + sep.join(trail))
        if rng.random() < 0.6:
            lines.append(" | ".join(words[rng.randrange(len(words))] for _ in range(rng.randint(4, 9))))
    scrap = _pick(rng, texts)
    lines.insert(rng.randrange(len(lines) + 1), scrap[: rng.randint(5, 40)])
    lines.append(f"上一篇：{rng.choice(words)}{rng.choice(words)}  下一篇：{rng.choice(words)}{rng.choice(words)}")
    return "\n".join(lines)


def quote_chain_en(rng: random.Random, texts: Sequence[str]) -> str:
    """A mailing-list or forum reply that is all quotes: nested '>' levels of real sentences, attribution lines,
    one-line replies and signatures."""
    sents = _sentences(texts, zh=False)
    words = _en_words(texts)
    out = []
    for depth in range(rng.randint(3, 6), 0, -1):
        user = rng.choice(words) + str(rng.randint(1, 999))
        out.append("> " * (depth - 1) + f"On {rng.randint(1, 28)}/{rng.randint(1, 12)}/20{rng.randint(10, 24)}, {user} wrote:")
        for _ in range(rng.randint(1, 3)):
            out.append("> " * depth + sents[rng.randrange(len(sents))][: rng.randint(20, 90)])
    out.append(rng.choice(["+1", "same here", "bump", "thanks!", "any update?", "^^^ this"]))
    out.append("-- ")
    out.append(f"{rng.choice(words).capitalize()} {rng.choice(words).capitalize()} | "
               f"{rng.choice(['Sent from my phone', 'my blog: ' + rng.choice(words) + '.example.org', 'PGP key 0x' + format(rng.getrandbits(32), '08X')])}")
    return "\n".join(out)


def tag_page_en(rng: random.Random, texts: Sequence[str]) -> str:
    """An auto-generated tag archive: 'Posts tagged x' with entry titles cut from real sentences, each with its
    own tag line and a 'read more' link."""
    sents = _sentences(texts, zh=False)
    words = _en_words(texts)
    tag = rng.choice(words)
    out = [f"Posts tagged \u201c{tag}\u201d", f"Page {rng.randint(1, 40)} of {rng.randint(41, 90)}"]
    for _ in range(rng.randint(4, 10)):
        s = sents[rng.randrange(len(sents))].split()
        out.append(" ".join(s[: rng.randint(3, 8)]).rstrip(".,:;").title())
        out.append("Tags: " + ", ".join([tag] + [words[rng.randrange(len(words))] for _ in range(rng.randint(2, 6))]))
        out.append(rng.choice(["Read more \u00bb", "Continue reading \u2192", f"{rng.randint(0, 50)} comments"]))
    return "\n".join(out)


def spun_text_en(rng: random.Random, texts: Sequence[str]) -> str:
    """Spun text: a real paragraph whose content words are swapped for other real words of the same ending
    (-ing for -ing, -s for -s, ...), as an article spinner rewrites to dodge duplicate detection."""
    pool = _en_words(texts)
    by_end: dict[str, list[str]] = {}
    for w in pool:
        by_end.setdefault(w[-2:], []).append(w)
    rate = rng.uniform(0.35, 0.6)
    out = []
    for tok in _pick(rng, texts).split(" "):
        m = re.fullmatch(r"([(\"'`]*)([a-z]{4,})([)\"'`.,;:!?]*)", tok)
        if m and rng.random() < rate:
            cands = by_end.get(m.group(2)[-2:]) or pool
            tok = m.group(1) + cands[rng.randrange(len(cands))] + m.group(3)
        out.append(tok)
    return " ".join(out)


def interleaved_bilingual_mix(rng: random.Random, texts: Sequence[str]) -> str:
    """Two unrelated real texts, one Chinese and one English, interleaved line by line (a bad parallel-corpus
    alignment or a scraped bilingual page with its columns merged)."""
    zh = _sentences([t for t in texts if _HAN.search(t)], zh=True)
    en = _sentences([t for t in texts if not _HAN.search(t)], zh=False)
    out = []
    for i in range(rng.randint(3, 9)):
        out.append(zh[(i + rng.randrange(len(zh))) % len(zh)])
        out.append(en[(i + rng.randrange(len(en))) % len(en)])
    return "\n".join(out)


def truncated_sentences_zh(rng: random.Random, texts: Sequence[str]) -> str:
    """Every sentence of real Chinese text cut part-way (a preview scraper keeping each sentence's first
    characters), the cuts marked or not."""
    sents = _sentences(texts, zh=True)
    out = []
    for _ in range(rng.randint(4, 14)):
        s = sents[rng.randrange(len(sents))]
        out.append(s[: max(2, int(len(s) * rng.uniform(0.3, 0.6)))].rstrip() + rng.choice(["…", "...", "", "。", " "]))
    return rng.choice(["", "\n", " "]).join(out)


_WEEK = "一二三四五六日"


def calendar_list_zh(rng: random.Random, texts: Sequence[str]) -> str:
    """A calendar or schedule listing: dates, weekdays and times with event names made of real words."""
    words = _zh_words(texts)
    y, m, d = rng.randint(2005, 2024), rng.randint(1, 12), rng.randint(1, 20)
    out = []
    for i in range(rng.randint(6, 20)):
        day = d + i
        ev = "".join(words[rng.randrange(len(words))] for _ in range(rng.randint(1, 3)))
        out.append(f"{y}年{m}月{day}日 星期{_WEEK[(day + m) % 7]} {rng.randint(7, 21):02d}:{rng.choice(['00', '30'])}"
                   f"{rng.choice([' ', '  ', ' - '])}{ev}{rng.choice(['', '（全天）', ' 地点：' + rng.choice(words)])}")
    return "\n".join(out)


def email_headers_en(rng: random.Random, texts: Sequence[str]) -> str:
    """A dump of e-mail headers (routing, ids, encodings) with subjects cut from real sentences and at most one
    line of body."""
    sents = _sentences(texts, zh=False)
    words = _en_words(texts)
    out = []
    for _ in range(rng.randint(1, 3)):
        host = f"{rng.choice(words)}.{rng.choice(['org', 'net', 'com'])}"
        out += [
            f"Received: from {rng.choice(words)}.{host} ([10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}])",
            f"\tby mx{rng.randint(1, 9)}.{host} with ESMTPS id {format(rng.getrandbits(40), 'x')};",
            f"Message-ID: <{format(rng.getrandbits(48), 'x')}.{rng.randint(1000, 9999)}@{host}>",
            f"Subject: {rng.choice(['Re: ', 'Fwd: ', '[' + rng.choice(words) + '] ', ''])}"
            f"{sents[rng.randrange(len(sents))][: rng.randint(20, 60)]}",
            f"Date: {rng.choice(['Mon', 'Tue', 'Wed', 'Thu', 'Fri'])}, {rng.randint(1, 28)} "
            f"{rng.choice(['Jan', 'Mar', 'Jun', 'Oct'])} 20{rng.randint(10, 24)} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00 +0000",
            "MIME-Version: 1.0",
            f"Content-Type: text/plain; charset={rng.choice(['us-ascii', 'utf-8', 'iso-8859-1'])}",
            f"X-Spam-Score: {rng.uniform(-5, 5):.1f}",
        ]
    if rng.random() < 0.5:
        out.append(sents[rng.randrange(len(sents))])
    return "\n".join(out)


def search_queries_zh(rng: random.Random, texts: Sequence[str]) -> str:
    """A 'related searches' block: query strings built from real words with the usual query endings."""
    words = _zh_words(texts)
    ends = ["是什么意思", "怎么用", "下载", "教程", "的区别", "在哪里", "怎么办", "官网", "多少钱", "视频"]
    out = [rng.choice(["相关搜索", "大家还在搜", "热门搜索"])]
    for _ in range(rng.randint(6, 20)):
        q = "".join(words[rng.randrange(len(words))] for _ in range(rng.randint(1, 2)))
        out.append(q + rng.choice(ends) + rng.choice(["", "", f" {rng.randint(2010, 2024)}"]))
    return rng.choice(["\n", "  ", " | "]).join(out)


def numbered_template_zh(rng: random.Random, texts: Sequence[str]) -> str:
    """One sentence template filled again and again with a running number and a real word (generated pages:
    lottery draws, item lists, auto-written stubs)."""
    words = _zh_words(texts)
    tpl = rng.choice(["第{n}期{w}结果已公布，共{k}注，详情请查看{w}专区。",
                      "{w}第{n}号，编号{k}，状态：{w}。",
                      "{n}、{w}（{k}次浏览）"])
    n0 = rng.randint(1, 500)
    return rng.choice(["\n", ""]).join(
        tpl.format(n=n0 + i, w=words[rng.randrange(len(words))], k=rng.randint(1, 99999))
        for i in range(rng.randint(6, 25)))


FRESH2_KINDS: dict[str, Callable[[random.Random, Sequence[str]], str]] = {
    "breadcrumb_nav_zh": breadcrumb_nav_zh,
    "quote_chain_en": quote_chain_en,
    "tag_page_en": tag_page_en,
    "spun_text_en": spun_text_en,
    "interleaved_bilingual_mix": interleaved_bilingual_mix,
    "truncated_sentences_zh": truncated_sentences_zh,
    "calendar_list_zh": calendar_list_zh,
    "email_headers_en": email_headers_en,
    "search_queries_zh": search_queries_zh,
    "numbered_template_zh": numbered_template_zh,
}


def make_fresh2(zh_texts: Sequence[str], en_texts: Sequence[str], per_kind: int = 40,
                seed: int = 19) -> list[dict[str, str]]:
    """``per_kind`` documents of every FRESH2 kind, each from three real source texts (seeded): English texts
    for kinds ending in ``_en``, three of each language for ``_mix``, Chinese otherwise."""
    return make_junk(zh_texts, en_texts, per_kind=per_kind, seed=seed, kinds=FRESH2_KINDS, set_name="junk_fresh2")
