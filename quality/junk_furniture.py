"""Site furniture written as sentences: calls to action, author boxes, disclaimers, lists of other pages' titles.

Why: ``junk_chrome`` counts short chrome *lines* (buttons, pagers, counters); a page's furniture is just as often
well-formed sentences ("Sign up for our newsletter to get the latest …", "Jane Doe writes about Linux. Follow her on
Twitter", 下载APP，阅读更多精彩内容, 本文仅代表作者观点，不代表本站立场) or a list of titles under "Related articles" /
推荐阅读 / "Contents". Each line detector here recognises one *intent* of furniture — subscribe, get the app, log in
to read on, about the author, follow/share, editorial disclaimer, a related or contents list, a comment thread —
by a phrase lexicon per language (C4's policy-phrase filter, Raffel et al. 2020, generalised from cookie/terms lines
to the other intents), plus calls to action of any wording (a relation verb — subscribe, join, follow, download,
register … — with a marketing cue: our/us, now/today/free, a social platform; zh: 欢迎/记得/立即 … before 关注/转发/报名 …).
A heading with a list of titles under it counts once more, a back-of-book index (three entries "term, 12, 45") twice,
and a block of short lines before or after the body prose that holds a furniture line once more (the rest of the box).
A document with two distinct furniture or chrome lines was scraped with its page; one is tolerated (a manual may say
"see the author's page" or carry one "Contents" heading). corpusgov drops the document (the policy acts on documents;
the furniture block is not stripped, so a page with its body and its furniture is lost whole — the price of not
keeping half-cleaned pages).

Thresholds and lexicon were tuned on ``junk_fresh6`` / ``junk_fresh4`` and checked on every older good set and the
junk score's training good text (none newly dropped but one People's Daily page with a 目录 list); ``junk_fresh7`` was
written first and is blind (no phrase of its glue is in the lexicon).

Pure functions over a document's non-empty stripped lines; no Beam, no model.
zh adaptation: the lexicon has the Chinese web's own furniture (打开APP, 扫码关注, 公众号, 点个在看, 责任编辑, 免责声明,
不代表本站立场, 推荐阅读, 目录, 网友评论), matched only in lines of at most 100 characters (a line of Chinese prose that
mentions 登录 or 关注 is prose); words that are ordinary technical Chinese (登录 log in, 注册 register, 客户端 client,
转发 forward, 目录 directory) count only in their furniture collocations (立即登录, 免费注册, 下载客户端, 转发给更多朋友, 目录 alone).
"""

from __future__ import annotations

import re

from corpusgov.quality.junk_chrome import chrome_keys
from corpusgov.quality.junk_lines import SENTENCE_ENDS

_MAX_EN = 220  # a furniture sentence or box line is short; a longer line is a paragraph that mentions the phrase
_MAX_ZH = 100
_MAX_DISCLAIMER = 320  # a 免责声明 / disclaimer paragraph is one long line
_HAN = re.compile(r"[\u3400-\u9fff]")

# English furniture intents, matched on the lower-cased line. Each alternative is a collocation that documentation
# does not use for its own content (checked on every good set of the eval and the junk score's training text).
_SUBSCRIBE_EN = (r"no spam|unsubscribe (?:at )?any ?time|we respect your privacy|enter your e-?mail(?: address)?$|"
                 r"(?:delivered|straight|right) to your inbox|sign me up|join (?:over |more than )?\d[\d,.]*k? "
                 r"(?:\w+ )?(?:readers|subscribers|people|sysadmins|developers|members)|subscribe (?:now|today|for free|"
                 r"to (?:our|my) (?:newsletter|channel|podcast|blog))|(?:our|weekly|daily|free) newsletter|"
                 r"get the latest (?:\w+ )*(?:in|to|delivered)|stay in the loop")
_APP_EN = (r"open in (?:the )?app|get the app|in (?:our|the) (?:free )?app\b|download on the app store|"
           r"get it on google play|download (?:our|the) (?:free )?app|^not now$|continue reading in|app to read the full")
_WALL_EN = (r"members only|(?:create|register for) (?:an |a )?(?:free )?account to|already a (?:subscriber|member)|"
            r"free articles?(?: left)? this month|continue with (?:google|facebook|apple)|unlimited access|"
            r"to keep reading|(?:log|sign) in to (?:continue|read|keep)|subscribe to (?:continue|read|unlock)|"
            r"reached your (?:\w+ )?limit")
_AUTHOR_EN = (r"^about the author$|^written by$|view all posts|more (?:articles|posts|stories) (?:by|from)\b|"
              r"see (?:the )?author'?s? posts|writes about\b|follow (?:him|her|them|me|us) on|^follow on \w+|"
              r"\b\d{1,2} min(?:ute)? read\b|^by [a-z]+ [a-z]+ [|·—–-] ")
_SHARE_EN = r"share this (?:article|post|story|page)|^share on \w+"
_DISCLAIM_EN = r"views expressed|do(?:es)? not necessarily (?:reflect|represent)"
# Where the text came from and what goes with it: repost and credit lines, ad slots, feedback prompts, comment forms,
# tag and category footers (jusText / Trafilatura's boilerplate classes).
_CREDIT_EN = (r"(?:originally|first) (?:published|appeared) (?:on|in|at)|reprinted (?:with|by) permission|"
              r"^(?:photo|image|picture)s?(?: credit| source| by)?\s*[:©]|\bgetty images\b|photo by \w+ (?:\w+ )?on unsplash|"
              r"^advertisement$|story continues below|continue reading below|^editor'?s note\b|we may earn a commission|"
              r"as an amazon associate|^(?:sponsored|partner|paid) (?:content|post)$|listen to this (?:article|story)|"
              r"gift this article|^save (?:article|story)$|was this (?:article|page|answer|post) (?:helpful|useful)|"
              r"thanks? (?:you )?for reading|if you (?:enjoyed|liked) this|let us know in the comments|"
              r"comments are closed|your email address will not be published|required fields are marked|notify me of|"
              r"save my name|^post navigation$|^filed under\b|^tags?\s*:|^categor(?:y|ies)\s*:|^posted in\b|"
              r"send us a tip|got a (?:news )?tip|^report an? (?:error|typo|problem)$|^(?:last )?updated\s*:?\s*\w+ \d|"
              r"(?:join|visit|follow) our (?:community|channel|"
              r"page|forum|discord|facebook|twitter|instagram)|^[\w.-]{2,30} (?:says|said|commented|replied):?$|"
              r"^\d{1,2} (?:minutes?|hours?|days?|weeks?|months?) ago$|(?:sign up|register) (?:for|to) (?:free|our|get|receive)")
_LIST_HEAD_EN = (r"related (?:articles|posts|stories|reading|content)|you (?:might|may) also like|recommended for you|"
                 r"more from (?:this|our) \w+|^read next$|^up next:?$|^contents \[hide\]$|^on this page$|"
                 r"^in this (?:article|post)$|^table of contents$|^contents$|^more stories$|^popular (?:posts|articles)$|"
                 r"^(?:previous|past|recent) episodes$|^(?:\d+ )?(?:comments|responses|thoughts on this)$")
_FURNITURE_EN = re.compile("|".join((_SUBSCRIBE_EN, _APP_EN, _WALL_EN, _AUTHOR_EN, _SHARE_EN, _DISCLAIM_EN,
                                     _CREDIT_EN, _LIST_HEAD_EN)))
_LIST_HEAD_EN_RE = re.compile(_LIST_HEAD_EN)
# Every English alternative above holds one of these words (a byline starts with "by "): a line without any of them is
# not tried against the long pattern (a set lookup is ~20x cheaper than the pattern on a line of prose).
_GATE_EN = frozenset((
    "spam unsubscribe privacy enter inbox sign join subscribe newsletter latest stay app now "
    "reading members account already articles article google facebook apple unlimited log reached author written posts "
    "writes follow min minute share tag register expressed necessarily "
    "contact published appeared reprinted photo photos image images "
    "picture pictures getty unsplash advertisement continues below editor commission amazon sponsored partner paid "
    "listen gift save helpful useful thanks thank enjoyed liked comments required notify navigation filed tags category "
    "categories posted tip report updated support visit says said commented replied ago related also recommended more "
    "next contents page post stories popular episodes responses thoughts").split())
_WORD_EN = re.compile(r"[a-z]+")
# Chinese furniture intents (zh adaptation: the collocations, not the words; see the module docstring).
_FURNITURE_ZH_PARTS = (
    r"(?:打开|下载|安装)\s*(?:APP|App|app|客户端)|(?:APP|App)\s*(?:内|中)(?:打开|查看|阅读)|阅读体验更佳|扫码下载",  # app
    r"登录后(?:可|查看|阅读|继续)|立即登录|免费注册|开通会员|扫码登录|剩余\s*\d+\s*%|(?:阅读|查看|展开)全文",  # walls
    r"扫码|二维码|公众号|点(?:个|一下)?[“\"]?在看|在看[”\"]?再走|点赞|关注(?:我们|“)|获取更多(?:技术)?(?:干货|福利|精彩)|喜欢就",  # follow / share
    r"免责声明|不代表本站|仅代表作者|版权归原作者|侵权请联系|仅供学习交流|责任编辑|^（?编辑\s*[：:]|"
    r"^来源\s*[：:]|\s来源\s*[：:]|转载请注明|阅读原文",  # editorial
    r"本文(?:转载|转自|系|为)|文章(?:来源|转自)|转载自|原文链接|^(?:图片来源|图源)\s*[：:]|来源于网络|^（完）$|"
    r"^【?(?:责编|校对|编辑)\s*[：:]|^作者\s*[：:]|^发布(?:时间|日期)\s*[：:]|(?:浏览|阅读|点击)(?:次数|量)\s*[：:]|"
    r"返回\S{1,4}[，,]\s*查看更多|信息发布平台|仅提供信息存储空间|点击(?:上方|下方)?(?:蓝字|关注)|欢迎(?:关注|留言|转发|分享)|"
    r"^\d{1,2}\s*(?:分钟|小时|天)前$|^回复$|戳这里|更多精彩|赞赏|打赏|微信扫一扫|分享至|如需转载|小编|觉得不错|记得点赞|下期见",  # credits
)
_LIST_HEAD_ZH = r"^(?:相关|推荐|延伸|热门)(?:阅读|文章|推荐)[：:]?$|^猜你喜欢$|^(?:文章|本文)?目\s?录$|^(?:网友|全部|最新|热门)评论"
_FURNITURE_ZH = re.compile("|".join((*_FURNITURE_ZH_PARTS, _LIST_HEAD_ZH)))
_LIST_HEAD_ZH_RE = re.compile(_LIST_HEAD_ZH)
_DISCLAIMER_START = re.compile(r"^(?:免责)?声明\s*[：:]|^disclaimer\s*:", re.IGNORECASE)
_CODE = re.compile(r"[`{}=;$<>\\]|(?:^|\s)--?[A-Za-z]|\(\)")
# A title may be a question or end in a bracket ("(8 min read)"); a sentence, a clause or a label does not end one.
_NOT_TITLE_ENDS = tuple(e for e in SENTENCE_ENDS if e not in ("?", "？", ")", "）", '"', "”", "’", "'", "」", "』"))
_TITLE_MAX = 90  # a listed title (with a date or a read time) is at most this long
_TITLE_MAX_HAN = 40


def is_furniture(line: str) -> bool:
    """A line whose function is site furniture by its wording: a call to action (subscribe, get the app, log in to
    read on, register, apply, share, rate), an author box, an editorial or legal disclaimer, or the heading of a
    related, contents or comments list."""
    if _HAN.search(line):
        if len(line) <= _MAX_ZH:
            return _FURNITURE_ZH.search(line) is not None
        return len(line) <= _MAX_DISCLAIMER and _DISCLAIMER_START.match(line) is not None
    if len(line) > _MAX_EN:
        return False
    low = line.lower()
    if _GATE_EN.isdisjoint(_WORD_EN.findall(low)) and not low.startswith("by "):
        return False
    return _FURNITURE_EN.search(low) is not None


# Calls to action in general (the second-person imperative of marketing, not of a manual): a line that starts with an
# action verb of a reader's relation to the site and carries a marketing cue — first person plural, urgency, price
# or a social platform. A manual's imperatives (click, choose, enter, run, call) are not among the verbs; "get", "try"
# and "download" need the cue ("Download the latest release from our site" is one README line, tolerated alone). An
# exclamation mark is not a cue: quotations exclaim.
_CTA_VERB_EN = re.compile(r"^(?:[^\w\s]{1,3}\s*)?(?:subscribe|sign up|join|follow|download|get|grab|claim|try|register|book|"
                          r"reserve|buy|order|shop|donate|support|watch|listen|rate|review|tag|share|vote|apply|enrol|"
                          r"enroll|don'?t miss|don'?t forget|never miss|be sure to|visit|email us|tell us|let us know)\b")
_CTA_CUE_EN = re.compile(r"\b(?:our|us|now|today|free|youtube|spotify|podcasts?|instagram|twitter|facebook|linkedin|"
                         r"tiktok|patreon|discord|telegram|whatsapp|newsletter)\b")
# zh: an urgency or invitation word before a relation verb within a few characters (记得点赞, 欢迎转发, 立即报名); 请 and
# 点击 are a manual's instructions (请点击“确定”), so they are not cues.
_CTA_ZH = re.compile(r"(?:欢迎|记得|别忘了?|快来|赶紧|赶快|立即|马上|立刻|速来|一定要|戳)[^，。！？]{0,6}?"
                     r"(?:关注|订阅|分享|转发|点赞|收藏|报名|下载|加入|投递|购买|留言|评论|注册|领取|预约|抢购|参与|三连|支持)")


def is_call_to_action(line: str) -> bool:
    """A call to action of any wording: "Join us on Discord!", "Grab your free copy today", 记得点赞, 欢迎转发."""
    if _HAN.search(line):
        return len(line) <= 60 and _CTA_ZH.search(line) is not None
    if len(line) > 160:
        return False
    start = line.lstrip("-–—•·*>»→ ")
    if not start[:1].isupper():  # a wrapped line of prose may start with "share" or "free"; a call to action is capitalised
        return False
    low = line.lower()
    return _CTA_VERB_EN.match(low) is not None and _CTA_CUE_EN.search(low) is not None


def is_list_head(line: str) -> bool:
    """The heading of a list of other pages' titles: related articles, contents, comments (推荐阅读, 目录, 网友评论). An
    upper-case heading is a manual's section ("COMMENTS" in a man page), not a page widget."""
    if line.isupper():
        return False
    if _HAN.search(line):
        return len(line) <= 20 and _LIST_HEAD_ZH_RE.search(line) is not None
    return len(line) <= 40 and _LIST_HEAD_EN_RE.search(line.lower()) is not None


def is_title_line(line: str) -> bool:
    """A short line that reads as a listed title: no sentence end, no code characters, at most ~15 words (or 40 Han
    characters), optionally numbered or dated."""
    if line.endswith(_NOT_TITLE_ENDS) or _CODE.search(line):
        return False
    return len(line) <= (_TITLE_MAX_HAN if _HAN.search(line) else _TITLE_MAX)


_CONTENTS_HEAD = re.compile(r"contents|on this page|in this (?:article|post)|目\s?录", re.IGNORECASE)
_NUMBERED = re.compile(r"^\d{1,2}(?:[.、]\s?|\s)\S")


# An entry of a book's own contents: a section number of two or more levels ("19.2.1. Use of Secondary File Systems",
# "47.1. Interface Functions", "F.43.1 crosstab"). A page widget numbers its sections 1, 2, 3; a manual's chapter page
# lists its sections by the book's numbering, and that chapter page is documentation.
_BOOK_ENTRY = re.compile(r"(?:\d{1,3}|[A-Z])(?:\.\d{1,3})+\.?\s+\S")


def book_contents(lines: list[str], i: int) -> bool:
    """Whether line ``i`` is a contents heading over a book's own contents (its next line a ``_BOOK_ENTRY``)."""
    return (i + 1 < len(lines) and _CONTENTS_HEAD.search(lines[i]) is not None
            and _BOOK_ENTRY.match(lines[i + 1]) is not None)


def title_list_after_head(lines: list[str]) -> int:
    """Lines of title lists: a list heading followed by two or more title lines (its entries); the entries count as
    one line more (a heading alone is one furniture line, a heading with its list two). A contents heading needs
    numbered entries (a page widget numbers its sections; a manual's own contents heading does not count alone)."""
    hits = 0
    for i, ln in enumerate(lines):
        if is_list_head(ln) and not book_contents(lines, i):
            numbered = _CONTENTS_HEAD.search(ln) is not None
            run = 0
            for nxt in lines[i + 1: i + 4]:
                if not is_title_line(nxt) or (numbered and not _NUMBERED.match(nxt)):
                    break
                run += 1
            hits += run >= 2
    return hits


# A back-of-book index entry: a term and its page numbers ("Resizing Partitions, 7, 229, 288"); zh "，" and "、".
_INDEX_ENTRY = re.compile(r"^[^\s=/{}<>][^=/{}<>]{1,80}?(?:, |，)\d{1,4}(?:(?:, |，|、)\d{1,4})*$")  # no code: "ff=f,5,2"


def index_run(lines: list[str]) -> bool:
    """Three or more consecutive index entries: a book's index scraped as text (a list of terms, not content)."""
    run = 0
    for ln in lines:
        run = run + 1 if _INDEX_ENTRY.match(ln) else 0
        if run >= 3:
            return True
    return False


_PROSE_MIN = 80  # a line of body prose: this long and ending as a sentence (Han: 30 characters)


def _is_prose(line: str) -> bool:
    if _HAN.search(line):
        return len(_HAN.findall(line)) >= 30
    return len(line) >= _PROSE_MIN and line.endswith(SENTENCE_ENDS)


def furniture_block(lines: list[str], flagged: list[bool]) -> bool:
    """The common web case: body prose with a block of short lines before it (after the title line) or after it, and
    a furniture line inside the block — the rest of the block is the same box (buttons, names, dates, prices) even
    where its wording is not in the lexicon."""
    prose = [i for i, ln in enumerate(lines) if _is_prose(ln)]
    if not prose:
        return False
    for lo, hi in ((1, prose[0]), (prose[-1] + 1, len(lines))):
        if hi - lo >= 2 and any(flagged[lo:hi]) and not any(_is_prose(ln) for ln in lines[lo:hi]):
            return True
    return False


def furniture_lines(lines: list[str], chrome: set[str] | None = None) -> float:
    """Distinct furniture lines of a document (``is_furniture``, ``is_call_to_action``) together with its page-chrome
    lines (``junk_chrome.chrome_keys``, passed in when already computed; a book's own contents heading is not one:
    ``book_contents``), plus one for each titled list of other pages
    and one for a furniture block around the prose (``furniture_block``). Two drop: furniture and chrome are one family
    of evidence."""
    keys = set(chrome_keys(lines) if chrome is None else chrome)
    flagged = [(is_furniture(ln) or is_call_to_action(ln)) and not book_contents(lines, i) for i, ln in enumerate(lines)]
    keys.update(re.sub(r"\d+", "0", ln) for ln, f in zip(lines, flagged, strict=True) if f)
    index = 2.0 if index_run(lines) else 0.0  # an index is a list of titles on its own: counts as two
    if not keys:
        return index
    if len(keys) == 1 and not any(flagged):  # one chrome line alone: chrome_lines' own tolerance
        return 1.0 + index
    return float(len(keys) + title_list_after_head(lines) + furniture_block(lines, flagged)) + index
