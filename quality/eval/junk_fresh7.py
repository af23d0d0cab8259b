"""An eleventh blind split for issue 13: real help text in page-furniture kinds no older split has, with good text.

Why: the furniture rules of the 2026-12-06 round are tuned on ``junk_fresh6`` / ``junk_fresh4``'s kinds (sign-up
boxes, author boxes, related lists, app banners, disclaimers, contents residue); the hidden set holds furniture
kinds nobody here has seen. This split was written before any furniture rule and is never tuned on (misses never
printed); its kinds are ones no older split makes: podcast/video show notes ("subscribe on …", timestamps),
recipe-site controls (jump to / print / rate), job-ad boilerplate (apply now, equal opportunity employer),
press-release boilerplate (for immediate release, About <Company>, media contact), event pages (register now,
add to calendar), footnote and reference residue; zh: 原标题 / 来源 / 点击阅读原文 / 编辑 blocks, 微信公众号 sign-offs
(本文来自微信公众号, 往期推荐, 点个在看), video-site show notes (一键三连), event sign-ups (立即报名), recruitment blocks
(简历投递), reference residue (参考资料 [1] …).

Material nobody on the project wrote, read by no other split or model: the LibreOffice 7.4 help (Debian
``libreoffice-help-en-us`` and ``libreoffice-help-zh-cn``, MPL-2.0), downloaded and unpacked, never installed
(``python -m corpusgov.quality.eval.junk_fresh7 --fetch``, in ``make eval-data``). Each help page goes by a hash of
its path (the same in both locales) to the junk material or to the good text, so no good document is a page, or a
translation of a page, that junk was made from. Good text (``good_fresh7_en`` / ``good_fresh7_zh``): a page's
heading and its prose paragraphs (its "Related Topics" block left out).

The glue of every kind (button labels, sentences of the boilerplate, names, dates) is ours, written before the
furniture rules; the same engineer then tunes rules on the *older* splits, so read figures after the first run as
optimistic. Seeded, made at eval time, never stored.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import html
import os
import random
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from corpusgov.quality.eval.junk_fresh3 import draw_kinds, sample_sets

REPO = Path(__file__).resolve().parents[2]
ROOT = Path(os.environ.get("CORPUSGOV_FRESH7_DIR") or REPO / "out" / "eval-src" / "fresh7")
DEBS = ("libreoffice-help-en-us", "libreoffice-help-zh-cn")
HELP = ROOT / "unpacked" / "usr" / "share" / "libreoffice" / "help"
LOCALES = {"en": "en-US", "zh": "zh-CN"}
_BODY = re.compile(r'(?s)<div id="DisplayArea"[^>]*>(.*?)(?:<a name="relatedtopics"></a>|<div id="DonationFrame"|$)')
_H1 = re.compile(r"(?s)<h1[^>]*>(.*?)</h1>")
_PARA = re.compile(r'(?s)<p [^>]*class="paragraph"[^>]*>(.*?)</p>')
_TAG = re.compile(r"<[^>]+>")
_HIDDEN = re.compile(r'(?s)<span hidden="true"[^>]*>(?:[^<]|<(?!/?span)[^>]*>|<span[^>]*>[^<]*</span>)*</span>')
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")


class Page(NamedTuple):
    """One help page: its title and its prose paragraphs."""

    title: str
    paras: tuple[str, ...]


def _text(fragment: str) -> str:
    """Inline markup removed as a browser renders it (hidden platform variants dropped)."""
    return " ".join(html.unescape(_TAG.sub("", _HIDDEN.sub("", fragment))).split())


def _is_lang(text: str, lang: str) -> bool:
    """A paragraph in the page's language (zh pages keep some English paragraphs untranslated)."""
    if lang == "en":
        return not _HAN.search(text)
    return len(_HAN.findall(text)) >= 2 * len(_LATIN.findall(text)) / 3  # a Han character ~ 3 letters of English


def _page(raw: str, lang: str) -> Page | None:
    body = _BODY.search(raw)
    if not body:
        return None
    h1 = _H1.search(body.group(1))
    paras = tuple(t for t in (_text(p) for p in _PARA.findall(body.group(1))) if len(t) >= 30 and _is_lang(t, lang))
    title = _text(h1.group(1)) if h1 else ""
    return Page(title, paras) if title and paras else None


def part_of(key: str) -> str:
    """'junk' (material for the junk kinds) or 'good' for a page path relative to its locale: half each."""
    return "good" if hashlib.sha1(key.encode()).digest()[0] % 2 else "junk"


@functools.lru_cache(maxsize=2)
def pages(lang: str) -> tuple[tuple[str, Page], ...]:
    """Every (relative path, page) of the help in ``lang``, in path order."""
    base = HELP / LOCALES[lang]
    out = []
    for path in sorted(base.rglob("*.html")):
        page = _page(path.read_text(encoding="utf-8", errors="replace"), lang)
        if page:
            out.append((str(path.relative_to(base)), page))
    return tuple(out)


def pool(lang: str, part: str) -> tuple[Page, ...]:
    return tuple(p for k, p in pages(lang) if part_of(k) == part)


def missing() -> list[str]:
    return [d for d, loc in zip(DEBS, ("en-US", "zh-CN"), strict=True) if not (HELP / loc / "text").is_dir()]


def fetch() -> None:
    """``apt-get download`` the two help packages and unpack them under ROOT (not installed)."""
    from corpusgov.quality.eval.declared_files import fetch_debs

    fetch_debs(DEBS, ROOT, missing())


def _article(rng: random.Random, src: tuple[Page, ...], lo: int = 1, hi: int = 3) -> tuple[str, list[str]]:
    """A title and one to three consecutive paragraphs of one page."""
    p = rng.choice(src)
    start = rng.randrange(max(1, len(p.paras) - lo + 1))
    return p.title, list(p.paras[start: start + rng.randint(lo, hi)])


def _date(rng: random.Random, zh: bool) -> str:
    y, m, d = rng.randint(2014, 2025), rng.randint(1, 12), rng.randint(1, 28)
    if zh:
        return rng.choice([f"{y}-{m:02d}-{d:02d}", f"{y}年{m}月{d}日"])
    month = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")[m - 1]
    return rng.choice([f"{month} {d}, {y}", f"{d} {month} {y}", f"{y}-{m:02d}-{d:02d}"])


_ORGS_EN = ("Northwind Office Labs", "Bluefield Software", "Acorn Documents Inc.", "Harbor Lane Media")
_ORGS_ZH = ("蓝田软件", "北辰办公", "青禾科技", "云帆信息")
_SHOWS_ZH = ("办公效率课", "软件小课堂", "每周技巧")


# ---- English kinds ----

def show_notes_en(rng: random.Random, src: tuple[Page, ...]) -> str:
    """Podcast/video show notes: episode line, description from the help, chapter timestamps, subscribe lines."""
    title, paras = _article(rng, src, 1, 2)
    ep = rng.randint(3, 240)
    out = [rng.choice([f"Episode {ep}: {title}", f"Ep. {ep} – {title}", title]), *paras]
    if rng.random() < 0.7:
        marks = sorted(rng.sample(range(1, 55), rng.randint(3, 5)))
        out += [f"{m:02d}:{rng.randint(0, 59):02d} {p.title}" for m, p in zip(marks, rng.sample(src, len(marks)), strict=True)]
    out += rng.sample(["Subscribe on Apple Podcasts, Spotify or wherever you get your podcasts.",
                       "Don't forget to like and subscribe, and hit the bell so you never miss an episode!",
                       "Support the show on Patreon.", "Leave us a review — it really helps new listeners find us.",
                       "Music by Kevin Park. Edited by Lena Ortiz.", "Watch the video version on YouTube."], rng.randint(2, 4))
    return "\n".join(out)


def recipe_controls_en(rng: random.Random, src: tuple[Page, ...]) -> str:
    """A how-to page with a recipe site's controls: jump/print/pin buttons, rating prompt, "did you make this?"."""
    title, paras = _article(rng, src)
    top = rng.sample(["Jump to Recipe", "Print Recipe", "Pin Recipe", "Save", "Jump to Instructions"], rng.randint(2, 3))
    tail = rng.sample(["Did you make this? Tag us on Instagram and let us know how it went!",
                       "Rate this recipe", f"{rng.randint(3, 5)}.{rng.randint(0, 9)} from {rng.randint(12, 900)} votes",
                       "This post may contain affiliate links. Read our disclosure policy.",
                       "Tried this? Leave a rating and a comment below."], rng.randint(2, 3))
    return "\n".join([title, *top, *paras, *tail])


def job_ad_en(rng: random.Random, src: tuple[Page, ...]) -> str:
    """Help text reused as a job ad's role description, with the ad's boilerplate around it."""
    _, paras = _article(rng, src, 1, 2)
    org = rng.choice(_ORGS_EN)
    out = [rng.choice(["Technical Writer (Office Suite)", "Support Specialist", "Documentation Engineer"]),
           f"{org} · {rng.choice(['Remote', 'Berlin', 'Austin, TX', 'Hybrid'])} · Full-time",
           rng.choice(["About the role", "What you'll do"]), *paras]
    out += rng.sample(["Apply now", "Easy Apply", "Share this job",
                       f"{org} is an equal opportunity employer. All qualified applicants will receive consideration "
                       "for employment without regard to race, color, religion, sex, sexual orientation, gender "
                       "identity, national origin, disability or veteran status.",
                       "We offer a competitive salary, flexible hours and a generous learning budget.",
                       "Not the right fit? Join our talent community."], rng.randint(3, 4))
    return "\n".join(out)


def press_release_en(rng: random.Random, src: tuple[Page, ...]) -> str:
    """Help text in a press release: dateline, body, "About <Company>" boilerplate, media contact, ###."""
    title, paras = _article(rng, src, 1, 2)
    org = rng.choice(_ORGS_EN)
    out = [rng.choice(["FOR IMMEDIATE RELEASE", "PRESS RELEASE", "NEWS RELEASE"]), title,
           f"{rng.choice(['SAN FRANCISCO', 'LONDON', 'BERLIN'])}, {_date(rng, False)} — {paras[0]}", *paras[1:],
           f"About {org}",
           f"{org} builds productivity tools used by more than {rng.randint(2, 40)} million people in "
           f"{rng.randint(30, 150)} countries. Learn more at www.example.com.",
           rng.choice(["Media contact:", "Press contact", "For more information, contact:"]),
           rng.choice(["press@example.com", "Communications Office, press@example.org"])]
    if rng.random() < 0.6:
        out.append("###")
    return "\n".join(out)


def event_page_en(rng: random.Random, src: tuple[Page, ...]) -> str:
    """A workshop's event page: the help as its abstract, date/venue lines, register and calendar buttons."""
    title, paras = _article(rng, src, 1, 2)
    out = [f"Workshop: {title}", f"Date: {_date(rng, False)}, {rng.randint(9, 17)}:00",
           rng.choice(["Location: Online (Zoom)", "Venue: Room 2.14, City Library", "Where: Online"]), *paras]
    out += rng.sample(["Register now", "Seats are limited — register today to secure your spot.", "Add to calendar",
                       "Free for members. Non-members £10.", "Questions? Contact the organisers.",
                       "Share this event"], rng.randint(3, 4))
    return "\n".join(out)


def reference_residue_en(rng: random.Random, src: tuple[Page, ...]) -> str:
    """Text with footnote markers and an encyclopedia's reference residue (^ a b, Retrieved, Archived)."""
    title, paras = _article(rng, src, 1, 2)
    marked = [re.sub(r"\.(\s|$)", lambda m: f".[{rng.randint(1, 9)}]{m.group(1)}", p, count=1) for p in paras]
    out = [title, *marked, rng.choice(["References", "Notes", "References[edit]"])]
    for i in range(1, rng.randint(4, 7)):
        p = rng.choice(src)
        out.append(rng.choice([f"^ \"{p.title}\". LibreOffice Help. Retrieved {_date(rng, False)}.",
                               f"{i}. ^ a b \"{p.title}\". Archived from the original on {_date(rng, False)}.",
                               f"^ {p.title}, p. {rng.randint(3, 300)}."]))
    if rng.random() < 0.5:
        out += ["External links", rng.choice(["Official website", "Documentation wiki"])]
    return "\n".join(out)


# ---- Chinese kinds ----

def original_source_zh(rng: random.Random, src: tuple[Page, ...]) -> str:
    """A reposted article: 原标题 line, 来源 line, the text, 点击阅读原文, 编辑/审核 lines."""
    title, paras = _article(rng, src)
    out = [title, f"原标题：{rng.choice(src).title}", f"来源：{rng.choice(_ORGS_ZH)}  {_date(rng, True)}", *paras]
    out += rng.sample(["点击阅读原文", "点击下方“阅读原文”了解更多", f"编辑：{rng.choice(['小周', '林编'])}",
                       f"审核：{rng.choice(['赵老师', '孙编'])}", "转载请联系原作者获得授权"], rng.randint(2, 4))
    return "\n".join(out)


def wechat_signoff_zh(rng: random.Random, src: tuple[Page, ...]) -> str:
    """A WeChat official-account post: 本文来自微信公众号 header, the text, END, 往期推荐 titles, 点个在看."""
    title, paras = _article(rng, src)
    acct = rng.choice(_SHOWS_ZH)
    out = [title]
    if rng.random() < 0.6:
        out.append(f"本文来自微信公众号“{acct}”，作者：{rng.choice(['小林', '老周'])}")
    out += [*paras, rng.choice(["END", "- END -", "—— END ——"])]
    if rng.random() < 0.7:
        out += [rng.choice(["往期推荐", "往期回顾", "推荐阅读"]), *(p.title for p in rng.sample(src, rng.randint(2, 4)))]
    out += rng.sample(["觉得有用就点个“在看”吧", "分享、点赞、在看，给个三连吧", f"关注“{acct}”，每天学一招",
                       "喜欢本文请转发给更多朋友"], rng.randint(1, 3))
    return "\n".join(out)


def video_notes_zh(rng: random.Random, src: tuple[Page, ...]) -> str:
    """Video-site notes: 本期视频 line, the text, chapter times, 一键三连 / 关注 prompts."""
    title, paras = _article(rng, src, 1, 2)
    out = [rng.choice([f"【{rng.choice(_SHOWS_ZH)}】{title}", f"本期视频：{title}"]), *paras]
    if rng.random() < 0.6:
        marks = sorted(rng.sample(range(0, 30), 3))
        out += [f"{m:02d}:{rng.randint(0, 59):02d} {p.title}" for m, p in zip(marks, rng.sample(src, 3), strict=True)]
    out += rng.sample(["喜欢的话记得一键三连哦～", "点赞投币收藏，下期更精彩", "关注UP主，不错过每一期更新",
                       "视频中用到的文件在评论区置顶自取", "有问题欢迎在弹幕里提问"], rng.randint(2, 3))
    return "\n".join(out)


def event_signup_zh(rng: random.Random, src: tuple[Page, ...]) -> str:
    """A training event's page: 活动时间/地点 lines, the text as its outline, 立即报名 / 扫码报名 prompts."""
    title, paras = _article(rng, src, 1, 2)
    out = [f"【线上课程】{title}", f"活动时间：{_date(rng, True)} {rng.randint(9, 20)}:00",
           rng.choice(["活动地点：线上直播", "活动地点：图书馆三楼报告厅"]), "课程简介", *paras]
    out += rng.sample(["立即报名", "名额有限，先到先得", "扫描下方二维码报名", "报名截止时间以页面显示为准",
                       "本次活动免费参加"], rng.randint(2, 4))
    return "\n".join(out)


def recruit_zh(rng: random.Random, src: tuple[Page, ...]) -> str:
    """A recruitment block after the text: 招聘 heading, duties taken from the help, 简历投递 lines."""
    title, paras = _article(rng, src, 1, 2)
    org = rng.choice(_ORGS_ZH)
    out = [title, *paras, rng.choice([f"{org}招聘", "我们在招人", "加入我们"]),
           rng.choice(["岗位：文档工程师", "岗位：技术支持", "职位：办公软件培训讲师"])]
    out += rng.sample(["简历请投递至 hr@example.com，邮件标题注明“姓名+岗位”", "五险一金，弹性工作，带薪年假",
                       "欢迎推荐身边优秀的朋友", "立即投递", "工作地点：杭州/远程"], rng.randint(2, 4))
    return "\n".join(out)


def reference_residue_zh(rng: random.Random, src: tuple[Page, ...]) -> str:
    """Text with [n] markers and a 参考资料 block of numbered sources."""
    title, paras = _article(rng, src, 1, 2)
    marked = [re.sub(r"。", lambda m: f"[{rng.randint(1, 9)}]。", p, count=1) for p in paras]
    out = [title, *marked, rng.choice(["参考资料", "参考文献", "注释"])]
    for i in range(1, rng.randint(4, 7)):
        p = rng.choice(src)
        out.append(rng.choice([f"[{i}] {p.title}. LibreOffice 帮助. {_date(rng, True)}",
                               f"{i}. ↑ {p.title}，{rng.choice(_ORGS_ZH)}，{_date(rng, True)}",
                               f"[{i}] {p.title}[EB/OL]. 引用日期 {_date(rng, True)}"]))
    return "\n".join(out)


FRESH7_KINDS: dict[str, tuple[str, Callable[[random.Random, Any], str]]] = {
    "show_notes_en": ("en", show_notes_en),
    "recipe_controls_en": ("en", recipe_controls_en),
    "job_ad_en": ("en", job_ad_en),
    "press_release_en": ("en", press_release_en),
    "event_page_en": ("en", event_page_en),
    "reference_residue_en": ("en", reference_residue_en),
    "original_source_zh": ("zh", original_source_zh),
    "wechat_signoff_zh": ("zh", wechat_signoff_zh),
    "video_notes_zh": ("zh", video_notes_zh),
    "event_signup_zh": ("zh", event_signup_zh),
    "recruit_zh": ("zh", recruit_zh),
    "reference_residue_zh": ("zh", reference_residue_zh),
}


def good_texts() -> dict[str, list[str]]:
    """Whole pages of the good half: title line and prose paragraphs (at least 200 characters)."""
    out = {}
    for lang in ("en", "zh"):
        docs = ["\n".join([p.title, *p.paras]) for p in pool(lang, "good")]
        out[f"good_fresh7_{lang}"] = sorted({d for d in docs if len(d) >= 200})
    return out


def make_fresh7(per_kind: int = 40, seed: int = 71) -> list[dict[str, str]]:
    """``per_kind`` junk documents of every FRESH7 kind (seeded), from the junk half of the pages."""
    return draw_kinds(FRESH7_KINDS, {"en": pool("en", "junk"), "zh": pool("zh", "junk")}, "junk_fresh7", per_kind, seed)


def make_good7(per_set: int = 400, seed: int = 73) -> list[dict[str, str]]:
    """Up to ``per_set`` good documents of each language (seeded)."""
    return sample_sets(good_texts(), per_set, seed)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fetch", action="store_true", help="download and unpack the two LibreOffice help packages")
    args = ap.parse_args(argv)
    if args.fetch:
        fetch()
    sizes = {} if missing() else {k: len(v) for k, v in good_texts().items()}
    print({"missing": missing(), **sizes})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
