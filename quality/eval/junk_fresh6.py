"""A tenth blind split for issue 13: real prose in boilerplate kinds no older split has, with its own good text.

Why: the line-structure rules were tuned on ``junk_fresh5``'s kinds (cookie walls, share rows, pagination, forum
signatures, print headers); the hidden set holds boilerplate kinds nobody here has seen. This split was written
before the issue-13 boilerplate round touched any rule and is never tuned on (misses never printed); its kinds are
ones no older split makes: newsletter sign-up boxes, comment sections with timestamps, "related articles" lists,
author bio boxes, app-download banners, login/paywalls, table-of-contents residue (en and zh), and the Chinese
相关阅读 / 责任编辑 + 免责声明 / 扫码关注 blocks.

Material nobody on the project wrote, read by no other split or model: *The Debian Administrator's Handbook*
(Debian ``debian-handbook``, added to ``eval_debs.txt`` for this split; GPL-2+ or CC-BY-SA-3.0), its English
(``en-US``) and Chinese (``zh-CN``, ``zh-TW``) HTML pages. Each section (a heading and its paragraphs) goes by a hash
of its page name and anchor (the same in every locale) either to the junk material or to the good text, so no good
document shares a section, or a translation of one, with a junk one. Good text (``good_fresh6_en`` / ``good_fresh6_zh``): whole sections, heading line and paragraphs.

The glue of every kind (button labels, sign-up and paywall sentences, names, dates, counts) is ours, written before
the rules of this round; the same engineer then tunes rules on the *older* splits, so read figures after the first
run as optimistic. Seeded, made at eval time, never stored.
"""

from __future__ import annotations

import functools
import hashlib
import random
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from corpusgov.quality.eval.junk_fresh3 import draw_kinds, sample_sets
from corpusgov.quality.eval.junk_fresh4 import _text  # inline markup removed as a browser renders it

HANDBOOK = Path("/usr/share/doc/debian-handbook/html")
LOCALES = {"en": ("en-US",), "zh": ("zh-CN", "zh-TW")}
_HEAD = re.compile(r'(?s)<h([2-5]) class="title">(?:<a [^>]*id="([^"]+)"[^>]*></a>)?(.*?)</h\1>')
_PARA = re.compile(r'(?s)<div class="para">(.*?)</div>')
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")


class Section(NamedTuple):
    """One handbook section: its heading (number removed) and its prose paragraphs."""

    heading: str
    paras: tuple[str, ...]


def _is_lang(text: str, lang: str) -> bool:
    """A paragraph in the page's language (the zh pages keep some English paragraphs untranslated)."""
    if lang == "en":
        return not _HAN.search(text)
    return len(_HAN.findall(text)) >= 2 * len(_LATIN.findall(text)) / 3  # a Han character ~ 3 letters of English


def _sections(raw: str, lang: str, page: str) -> list[tuple[str, Section]]:
    """(key, section) for every heading of one page with at least one prose paragraph of 40+ characters."""
    heads = list(_HEAD.finditer(raw))
    out = []
    for i, h in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(raw)
        paras = tuple(t for t in (_text(p) for p in _PARA.findall(raw, h.end(), end))
                      if len(t) >= 40 and _is_lang(t, lang))
        heading = re.sub(r"^[\d.]+\s*", "", _text(h.group(3)).replace("\xa0", " ")).strip()
        if paras and heading:
            out.append((f"{page}#{h.group(2) or i}", Section(heading, paras)))
    return out


def part_of(key: str) -> str:
    """'junk' (material for the junk kinds) or 'good' for a section key, by hash: half each."""
    return "good" if hashlib.sha1(key.encode()).digest()[0] % 2 else "junk"


@functools.lru_cache(maxsize=2)
def sections(lang: str) -> tuple[tuple[str, Section], ...]:
    """Every (key, section) of the handbook's pages in ``lang`` (en: en-US; zh: zh-CN and zh-TW)."""
    out = []
    for loc in LOCALES[lang]:
        for path in sorted((HANDBOOK / loc).glob("*.html")):
            if path.name == "index.html":
                continue
            out += _sections(path.read_text(encoding="utf-8", errors="replace"), lang, path.name)
    return tuple(out)


def pool(lang: str, part: str) -> tuple[Section, ...]:
    return tuple(s for k, s in sections(lang) if part_of(k) == part)


def missing() -> list[str]:
    return [] if (HANDBOOK / "zh-CN" / "apt.html").is_file() and (HANDBOOK / "en-US" / "apt.html").is_file() \
        else ["debian-handbook"]


def _article(rng: random.Random, secs: tuple[Section, ...], lo: int = 1, hi: int = 3) -> tuple[str, list[str]]:
    """A title and one to three consecutive paragraphs of one section."""
    s = rng.choice(secs)
    return s.heading, list(s.paras[: rng.randint(lo, hi)])


def _when(rng: random.Random, zh: bool) -> str:
    y, m, d, hh, mm = rng.randint(2012, 2024), rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23), rng.randint(0, 59)
    if zh:
        return rng.choice([f"{y}-{m:02d}-{d:02d} {hh:02d}:{mm:02d}", f"{y}年{m}月{d}日", f"{rng.randint(2, 59)}分钟前"])
    month = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")[m - 1]
    return rng.choice([f"{month} {d}, {y} at {hh % 12 + 1}:{mm:02d} {'am' if hh < 12 else 'pm'}",
                       f"{d} {month[:3]} {y}", f"{rng.randint(2, 23)} hours ago"])


_NAMES_EN = ("Alex Morgan", "Sam Patel", "Jordan Lee", "Chris Novak", "Dana Fischer", "Rob Castillo")
_NAMES_ZH = ("李明", "王芳", "张伟", "刘洋", "陈静", "杨帆")


# ---- English kinds ----

def newsletter_en(rng: random.Random, secs: tuple[Section, ...]) -> str:
    """An article with a newsletter sign-up box before, inside or after it."""
    title, paras = _article(rng, secs)
    box = rng.sample([rng.choice(["Get the latest tutorials delivered to your inbox",
                                  "Stay in the loop", "Join 40,000 sysadmins who read our weekly digest"]),
                      "Enter your email address", rng.choice(["Subscribe", "Sign me up", "Join now"]),
                      "We respect your privacy. Unsubscribe at any time.", "No spam, ever."], rng.randint(3, 5))
    at = rng.randint(0, len(paras))
    return "\n".join([title, *paras[:at], *box, *paras[at:]])


def comments_en(rng: random.Random, secs: tuple[Section, ...]) -> str:
    """An article followed by its comment section: count, commenter/timestamp lines, comments, Reply links."""
    title, paras = _article(rng, secs, 1, 2)
    others = rng.choice(secs).paras
    out = [title, *paras, f"{rng.randint(2, 60)} {rng.choice(['Comments', 'Responses', 'thoughts on this'])}"]
    for c in range(rng.randint(2, 4)):
        name = rng.choice(_NAMES_EN).split()[0].lower() + str(rng.randint(1, 99))
        out += [rng.choice([f"{name} says:", name, f"{name} commented"]), _when(rng, False),
                re.split(r"(?<=[.?!])\s", others[c % len(others)])[0], rng.choice(["Reply", "Reply ↓", "Like · Reply"])]
    if rng.random() < 0.5:
        out.append("Leave a Reply Cancel reply")
    return "\n".join(out)


def related_articles_en(rng: random.Random, secs: tuple[Section, ...]) -> str:
    """An article followed by a "related articles" list of other titles (with dates or read times)."""
    title, paras = _article(rng, secs)
    out = [title, *paras, rng.choice(["Related articles", "You might also like", "More from this section",
                                      "Recommended for you"])]
    for s in rng.sample(secs, rng.randint(3, 6)):
        out.append(rng.choice([s.heading, f"{s.heading} ({rng.randint(2, 15)} min read)",
                               f"{s.heading} — {_when(rng, False)}"]))
    return "\n".join(out)


def author_bio_en(rng: random.Random, secs: tuple[Section, ...]) -> str:
    """A byline, the article and an author box ("About the author", a bio, follow links, "View all posts")."""
    title, paras = _article(rng, secs)
    name = rng.choice(_NAMES_EN)
    bio = rng.choice([f"{name} is a systems administrator and writer based in {rng.choice(['Lyon', 'Austin', 'Leeds'])}.",
                      f"{name.split()[0]} has been running Debian servers since {rng.randint(1998, 2012)}.",
                      f"{name} writes about Linux, networks and open source."])
    out = [title, rng.choice([f"By {name}", f"By {name} | Updated {_when(rng, False)}", f"{name} · {rng.randint(3, 12)} min read"]),
           *paras, rng.choice(["About the author", "About the Author", "Written by"]), name, bio,
           rng.choice(["Follow on Twitter  ·  GitHub", "Twitter | LinkedIn | Website", "Follow"]),
           rng.choice([f"View all posts by {name}", f"More articles by {name.split()[0]}", "See author's posts"])]
    return "\n".join(out)


def app_banner_en(rng: random.Random, secs: tuple[Section, ...]) -> str:
    """An article scraped with the site's app-download banner above it and an "open in app" prompt."""
    title, paras = _article(rng, secs)
    top = rng.sample(["Open in app", "Get the app", "Read this story in our free app",
                      "Download on the App Store", "Get it on Google Play", "Not now"], rng.randint(2, 4))
    out = [*top, title, *paras]
    if rng.random() < 0.6:
        out.append(rng.choice(["Continue reading in the app", "Open in app to read the full story"]))
    return "\n".join(out)


def login_wall_en(rng: random.Random, secs: tuple[Section, ...]) -> str:
    """The first paragraph of an article cut off by a login/paywall: the wall's sentences and buttons."""
    title, paras = _article(rng, secs, 1, 1)
    wall = rng.sample(["This article is for members only", "Create a free account to keep reading",
                       "You have reached your limit of free articles this month",
                       "Already a subscriber? Sign in", "Create account", "Log in to continue", "Continue with Google",
                       "Subscribe for unlimited access"], rng.randint(3, 5))
    return "\n".join([title, paras[0], *wall])


def _toc_residue(rng: random.Random, secs: tuple[Section, ...], labels: tuple[str, ...], seps: tuple[str, ...]) -> str:
    """A page with its contents block kept: a label, numbered titles of the sections that follow, then the text."""
    start = rng.randrange(len(secs))
    run = [secs[(start + i) % len(secs)] for i in range(rng.randint(4, 8))]
    out = [run[0].heading, rng.choice(labels)]
    out += [f"{i}{rng.choice(seps)}{s.heading}" for i, s in enumerate(run[1:], start=1)]
    return "\n".join(out + list(run[0].paras[:2]))


def toc_residue_en(rng: random.Random, secs: tuple[Section, ...]) -> str:
    """A page with its collapsible table of contents kept: "Contents [hide]", numbered section titles, then text."""
    return _toc_residue(rng, secs, ("Contents [hide]", "Contents", "Table of Contents", "On this page"), (" ", ". "))


# ---- Chinese kinds ----

def related_reading_zh(rng: random.Random, secs: tuple[Section, ...]) -> str:
    """Paragraphs followed by a 相关阅读 / 推荐阅读 list of other titles (sometimes with dates)."""
    title, paras = _article(rng, secs)
    out = [title, *paras, rng.choice(["相关阅读：", "推荐阅读", "相关阅读", "猜你喜欢", "延伸阅读"])]
    for s in rng.sample(secs, rng.randint(3, 6)):
        out.append(rng.choice([s.heading, f"· {s.heading}", f"{s.heading} {_when(rng, True)}"]))
    return "\n".join(out)


def editor_disclaimer_zh(rng: random.Random, secs: tuple[Section, ...]) -> str:
    """An article with its source line, 责任编辑 line and a 免责声明 paragraph."""
    title, paras = _article(rng, secs)
    out = [title, f"{_when(rng, True)}  来源：{rng.choice(['网络', '本站原创', '技术社区'])}", *paras,
           f"（责任编辑：{rng.choice(_NAMES_ZH)}）" if rng.random() < 0.6 else f"编辑：{rng.choice(_NAMES_ZH)}",
           rng.choice(["免责声明：本文仅代表作者个人观点，与本站无关。其原创性以及文中陈述文字和内容未经本站证实，"
                       "对本文以及其中全部或者部分内容、文字的真实性、完整性、及时性本站不作任何保证或承诺。",
                       "声明：本文来源于网络，仅供学习交流，版权归原作者所有，如有侵权请联系删除。",
                       "免责声明：本站部分内容转载自网络，不代表本站立场。"])]
    return "\n".join(out)


def qr_follow_zh(rng: random.Random, secs: tuple[Section, ...]) -> str:
    """Paragraphs followed by a 扫码关注 / 长按识别二维码 / 公众号 block."""
    title, paras = _article(rng, secs)
    block = rng.sample(["扫码关注我们", "长按识别二维码关注", f"关注公众号“{rng.choice(['运维之路', 'Linux中文社区', '开源技术'])}”",
                        "获取更多技术干货", "点击“阅读原文”查看更多", "点个“在看”再走吧", "喜欢就点个赞吧"], rng.randint(3, 5))
    return "\n".join([title, *paras, *block])


def login_wall_zh(rng: random.Random, secs: tuple[Section, ...]) -> str:
    """The first paragraph, then a login wall: 登录后阅读全文, buttons, 注册 prompt."""
    title, paras = _article(rng, secs, 1, 1)
    wall = rng.sample(["登录后可阅读全文", "剩余80%内容，登录后查看", "立即登录", "还没有账号？免费注册",
                       "微信扫码登录", "开通会员 畅享全文", "展开全文"], rng.randint(3, 5))
    return "\n".join([title, paras[0], *wall])


def comments_zh(rng: random.Random, secs: tuple[Section, ...]) -> str:
    """An article followed by 网友评论: count, user and time lines, comments, 回复/点赞 rows."""
    title, paras = _article(rng, secs, 1, 2)
    others = rng.choice(secs).paras
    out = [title, *paras, rng.choice([f"网友评论（{rng.randint(2, 99)}）", f"全部评论 {rng.randint(2, 99)}", "最新评论"])]
    for c in range(rng.randint(2, 4)):
        out += [f"{rng.choice(_NAMES_ZH)}{rng.randint(1, 999)}", _when(rng, True),
                re.split(r"(?<=[。！？])", others[c % len(others)])[0],
                rng.choice(["回复", f"回复  赞({rng.randint(0, 99)})", "回复 | 举报"])]
    return "\n".join(out)


def toc_residue_zh(rng: random.Random, secs: tuple[Section, ...]) -> str:
    """A page with its 目录 block kept: numbered section titles, then the text."""
    return _toc_residue(rng, secs, ("目录", "文章目录", "目 录", "本文目录"), ("、", ". ", " "))


def app_banner_zh(rng: random.Random, secs: tuple[Section, ...]) -> str:
    """An article scraped with an app banner: 打开APP / 下载客户端 lines above and below."""
    title, paras = _article(rng, secs)
    top = rng.sample(["打开APP", "APP内打开", "下载客户端", "打开App，阅读体验更佳", "扫码下载APP"], rng.randint(2, 3))
    out = [*top, title, *paras]
    if rng.random() < 0.6:
        out.append(rng.choice(["打开APP阅读全文", "在APP中查看完整内容"]))
    return "\n".join(out)


FRESH6_KINDS: dict[str, tuple[str, Callable[[random.Random, Any], str]]] = {
    "newsletter_en": ("en", newsletter_en),
    "comments_en": ("en", comments_en),
    "related_articles_en": ("en", related_articles_en),
    "author_bio_en": ("en", author_bio_en),
    "app_banner_en": ("en", app_banner_en),
    "login_wall_en": ("en", login_wall_en),
    "toc_residue_en": ("en", toc_residue_en),
    "related_reading_zh": ("zh", related_reading_zh),
    "editor_disclaimer_zh": ("zh", editor_disclaimer_zh),
    "qr_follow_zh": ("zh", qr_follow_zh),
    "login_wall_zh": ("zh", login_wall_zh),
    "comments_zh": ("zh", comments_zh),
    "toc_residue_zh": ("zh", toc_residue_zh),
    "app_banner_zh": ("zh", app_banner_zh),
}


def good_texts() -> dict[str, list[str]]:
    """Whole sections of the good half: heading line and paragraphs (at least 200 characters)."""
    out = {}
    for lang in ("en", "zh"):
        docs = ["\n".join([s.heading, *s.paras]) for s in pool(lang, "good")]
        out[f"good_fresh6_{lang}"] = sorted({d for d in docs if len(d) >= 200})
    return out


def make_fresh6(per_kind: int = 40, seed: int = 61) -> list[dict[str, str]]:
    """``per_kind`` junk documents of every FRESH6 kind (seeded), from the junk half of the sections."""
    return draw_kinds(FRESH6_KINDS, {"en": pool("en", "junk"), "zh": pool("zh", "junk")}, "junk_fresh6", per_kind, seed)


def make_good6(per_set: int = 400, seed: int = 67) -> list[dict[str, str]]:
    """Up to ``per_set`` good documents of each language (seeded)."""
    return sample_sets(good_texts(), per_set, seed)
