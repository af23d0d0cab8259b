"""Chinese notice and reservation rules: 版权所有, 版权归X所有, 知识产权归…所有, 保留所有权利, 翻印必究, 未经许可不得转载,
禁止商用, 转载请注明出处, 本网站所有内容属X所有.

Rules as data: each group is (trigger words, rules); a group's regexes run only in windows around its
trigger words (see :mod:`quality.copyright.scanner`).
"""

from __future__ import annotations

import re

from corpusgov.quality.copyright.rules_base import (
    NOT_QUESTION,
    YEARS,
    ZH_DISCUSS,
    ZH_NEG_LB,
    Group,
    Resolver,
    Rule,
    rx,
)

_LAW = re.compile(
    r"《[^》]{0,20}法》|法律规定|法律規定|条例|條例|第[一二三四五六七八九十百\d]+条|法院|判决|判決"
    # 著作权法规定，作品的著作权属于作者 (the statute named without its book-title marks, as a rule's source; not
    # 均受版权法保护, a notice's own words)
    r"|(?:著作[权權]|版[权權])法(?:中|里|裡)?(?:规定|規定|第)"
)
_CONTRACT_PARTY = re.compile(r"\s*(?:甲方|乙方|丙方)")
_SENTENCE_BREAK = re.compile(r"[。！？\n]")
_TAG = r"</?[A-Za-z][^<>\n]{0,80}>"  # one inline HTML tag
_TAGS = r"(?:\s|" + _TAG + r")*"
_MD_LINK = r"\[[^\[\]\n]{1,40}\]\([^()\s]{1,120}\)"  # one Markdown link: [text](url)


def _not_statute(score: float) -> Resolver:
    """Reject 未经…许可…不得 / 不得复制 quoted from a statute or a judgment (the same sentence cites the law)."""

    def resolve(m: re.Match[str]) -> tuple[str | None, float] | None:
        return None if _cites_law(m) or _LAW.search(m.group(0)) else (None, score)

    return resolve


# Whose rights a rule assigns, rather than a notice on this text: the rights of a class of persons (获奖者的著作权归属于制作者,
# 投稿人的版权), rights a certificate or a register records (证书对应著作权归属于X), or an owner described by a clause
# (…其著作权归属于实际创作的自然人). (Third-party parts credited to their authors, 第三方主题的版权…均归其原作者所有, are
# labelled notices.)
_PERSONS_RIGHTS_BEFORE = re.compile(r"(?:[者人方]的|(?:证书|證書|登记|登記)(?:对应|對應|的|上)?)(?:原始)?$")
_DESCRIBED_OWNER = re.compile(r"的(?:自然人|法人|创作者|創作者|作者|个人|個人)$")


def _rule_on_others_rights(m: re.Match[str], owner: str) -> bool:
    """Whether the match assigns others' rights (see the table above) rather than claiming this text's."""
    before = _SENTENCE_BREAK.split(m.string[max(0, m.start() - 40) : m.start()])[-1]
    return bool(_PERSONS_RIGHTS_BEFORE.search(before) or _DESCRIBED_OWNER.search(owner.strip()))


def _not_contract(m: re.Match[str]) -> tuple[str | None, float] | None:
    """Reject a contract clause assigning rights between parties (归甲方所有), an ownership rule read out of a
    statute (根据《著作权法》第16条…版权归雇主所有) and a rule on others' rights (``_rule_on_others_rights``): none is a
    notice on the text."""
    groups = m.groupdict()
    owner = next((v for k, v in sorted(groups.items()) if k.startswith("owner") and v), "")
    if _CONTRACT_PARTY.match(owner) or _cites_law(m) or _rule_on_others_rights(m, owner) or _PLACEHOLDER.fullmatch(owner):
        return None
    return None, 0.85


# An owner that is a template's or a format string's slot (f"该图像版权归属：{company}", ${owner}, {{ holder }}, %s): code
# filling in whoever it detected, no holder of its own.
_PLACEHOLDER = re.compile(r"[：:]?[ \t]*(?:\$?\{\{?[ \t]*[\w.\[\]'\"]{1,40}[ \t]*\}\}?|%[sd])[ \t]*[\"'`]?[ \t]*")


def _not_law(m: re.Match[str]) -> tuple[str | None, float] | None:
    """Reject 版权归X所有 stated as what a statute provides (the same sentence cites the law)."""
    return None if _cites_law(m) else (None, 0.9)


def _cites_law(m: re.Match[str]) -> bool:
    """Whether the sentence before the match (up to 60 characters) cites a statute or a court."""
    before = _SENTENCE_BREAK.split(m.string[max(0, m.start() - 60) : m.start()])[-1]
    return bool(_LAW.search(before))


# The parts of a Chinese ban (zh_no_reprint_without). A sentence gap may run on across a wrapped line ("不得以\n *
# 任何形式复制"), a comment prefix and all, when the next line goes on in Chinese; never across a blank line.
_ZH_GAP = r"(?:[^。！？!?\n]|\n[ \t]*(?:[*#>]+|//+)?[ \t]*(?=[\u4e00-\u9fff]))"
_ZH_COND = (
    # 未经…许可 / 未征得作者本人同意之前 / 未取得授权
    r"未(?:(?:[经經]|征得|徵得|取得|获得|獲得)[^。！？\n]{0,15}?(?:许可|授权|同意|允许|批准|許可|授權|允許)|购买|購買|付费|付費)"
    r"(?:的?(?:前提|情况|情況)下|之前|以前)?"
)
_ZH_BAN = r"(?:均|一律)?(?:不得|禁止|严禁|嚴禁|不可|不允许|不允許|不准|請勿|请勿|谢绝|謝絕)"
_ZH_ACTOR = (
    r"(?:(?:任何|其他|其它)(?:单位|單位|个人|個人|人|机构|機構|组织|組織|媒体|媒體|网站|網站|公司|第三方)|第三方)"
)
_ZH_VERB = (
    r"(?:转载|轉載|复制|複製|摘编|摘編|摘取|摘录|摘錄|转发|轉發|使用|商用|镜像|鏡像|传播|傳播|分发|分發|商业|商業|营利|盈利"
    r"|反编译|反編譯|逆向|售卖|倒卖|转售|轉售|转卖|轉賣|出售|翻版|翻印|改编|改編|发布|發布|出版|发行|發行|抄袭|抄襲"
    r"|拷贝|拷貝|仿制|翻译|翻譯|汇编|匯編|盗用|盜用|开发衍生|開發衍生|下载|下載|刊登|刊载|刊載|转贴|轉貼|重新打包)"
)
# The object of the ban, after the verb up to the clause's end: a ban on the user's illegal content or on others' works (a user
# agreement), or on names and marks (a trademark notice), is no notice on this text.
_NOT_THE_WORK = re.compile(
    r"违法|違法|非法|违规|違規|淫秽|淫穢|色情|暴力|谣言|謠言|侵犯|侵害|他人|商标|商標|名称|名稱|标识|標識|标志|標誌|(?i:logo)|域名"
    # 不得传播恶意软件 / 病毒 / 垃圾信息: a service's ban on harmful acts, not on copying the text
    r"|恶意|惡意|病毒|木马|木馬|垃圾(?:信息|邮件|郵件|广告|廣告)"
)
# the first object only: 禁止用于商业用途或任何非法用途 bans commercial use (and, besides, illegal use)
_CLAUSE_END = re.compile(r"[，,。；;！？!?\n、]|或|及|和|以及")
# 严禁复制或仿冒品牌 logo: further verbs joined to the matched one share its object, which comes after them
_MORE_VERBS = re.compile(
    r"(?:(?:[或及和、]|以及)(?:仿冒|模仿|冒用|仿制|抄袭|抄襲|盗用|盜用|使用|复制|複製|传播|傳播|转载|轉載|修改|篡改))+"
)
# 严禁复制进仓库 / 复制入日志: copying *into* a place is a data-handling rule, not a ban on reproducing the text
_INTO_PLACE = re.compile(r"[进進入]")


def _ban_on_the_work(score: float) -> Resolver:
    """Reject a ban quoted from a statute (as ``_not_statute``) and one whose object (after the verb, to the clause's
    end) is illegal content, others' works or names and marks rather than the text itself; "以非法的方式复制" before
    the verb is a manner, not the object."""
    not_statute = _not_statute(score)

    def resolve(m: re.Match[str]) -> tuple[str | None, float] | None:
        at = m.end()
        if _INTO_PLACE.match(m.string, at):
            return None
        more = _MORE_VERBS.match(m.string, at)
        at = more.end() if more else at
        end = _CLAUSE_END.search(m.string, at, at + 40)
        tail = m.string[at : end.start() if end else at + 40]
        if _NOT_THE_WORK.search(tail):
            return None
        return not_statute(m)

    return resolve

# A trailing comment on a line that assigns a quoted value (CLIENT_ID = "…"  # 请勿盗用): the comment is about the value
_VALUE_COMMENT_BEFORE = re.compile(r"[=:][ \t]*[\"'][^\"'\n]*[\"'][ \t]*[,;]?[ \t]*(?:#|//)[^\n]*$")


def _not_a_value_comment(then: Resolver) -> Resolver:
    """Reject a ban in the trailing comment of a line that assigns a quoted value (a key or an id, not the text)."""

    def resolve(m: re.Match[str]) -> tuple[str | None, float] | None:
        # (the line's last 300 characters: a value and its comment fit there)
        ls = max(m.string.rfind("\n", 0, m.start()) + 1, m.start() - 300)
        return None if _VALUE_COMMENT_BEFORE.search(m.string, ls, m.start()) else then(m)

    return resolve


# Collected data as the subject of a use restriction: a privacy rule, not a ban on copying a work
_DATA_SUBJECT = re.compile(r"信息|資訊|数据|數據|隐私|隱私|密码|密碼|账号|帳號|账户|帳戶|手机号|手機號|身份证|身份證")


def _not_data(score: float) -> Resolver:
    """Reject a use restriction whose subject, just before it in its sentence, is collected data."""

    def resolve(m: re.Match[str]) -> tuple[str | None, float] | None:
        lo = max(0, m.start() - 20)
        before = m.string[lo : m.start()]
        cut = max(before.rfind(c) for c in "。！？!?\n")
        return None if _DATA_SUBJECT.search(before[cut + 1 :]) else (None, score)

    return resolve


# The work itself as the object of a ban (本项目/本作品…, or bare 代码/源码 right after 将/对/把: 无权将代码泄露), and the acts
# that pass a work on or remake it (zh_ban_on_this_work).
_ZH_THIS_WORK = (
    r"(?:(?:本|该|該|此)(?:项目|項目|作品|代码|代碼|程序|软件|軟件|插件|文章|源码|源碼|源代码|源代碼|脚本|腳本|教程|资源|資源"
    r"|文档|文檔|资料|資料|主题|主題|模板|字体|字體|素材)"
    r"|(?<=[将將对對把])(?:程序代码|程序代碼|源代码|源代碼|源码|源碼|代码|代碼))"
)
# Trigger words of the work-owned and paid-licence rules: a determiner and the work's noun (本项目, 此代码 …). (The
# trigger automaton walks the text from its root at almost every Chinese character and looks the character up among the
# root's children: every new first character costs every text ~0.1 µs, so these share four first characters where the
# earlier 代码归 / 程序归 / 软件归 … triggers took eleven.)
_ZH_WORK_NOUNS = (
    "项目", "項目", "代码", "代碼", "程序", "软件", "軟件", "作品", "文章", "源码", "源碼", "源代码", "源代碼", "文档", "文檔",
    "资料", "資料", "插件", "脚本", "腳本", "教程", "资源", "資源", "主题", "主題", "模板", "字体", "字體", "素材",
)
_ZH_THIS_WORK_WORDS = tuple(d + n for d in ("本", "此", "该", "該") for n in _ZH_WORK_NOUNS)
_ZH_PASS_ON = (
    r"(?:传播|傳播|售卖|售賣|出售|转售|轉售|发售|發售|销售|銷售|泄露|洩露|泄漏|外传|外傳|转让|轉讓|出租|翻译|翻譯|改编|改編"
    r"|汇编|匯編|衍生|公开发布|公開發布|反编译|反編譯|反向工程|逆向工程|重制|重製)"
)
# 分发 passes the work on only as a verb right before it (请勿分发此文档); at a clause's end it is a noun (不得将本项目用于
# 未经许可的商业分发: a use that is banned, not the act)
_ZH_PASS_ON_VERB = _ZH_PASS_ON[:-1] + r"|分发|分發)"
_ZH_BAN_WORK = r"(?:不得|禁止|严禁|嚴禁|不能|不可以|不可|不允许|不允許|不准|请勿|請勿|无权|無權)"
_ZH_CREDIT_VERB = r"(?:注明|註明|标明|標明|附上|带上|帶上|写明|寫明)"
_ZH_CREDIT_OBJECT = r"(?:出处|出處|来源|來源|作者|链接|鏈接|連結|原文|署名)"
_ZH_HOLDER_RESERVES = (
    r"(?:作者|原作者|本人|博主|本站|本网站|本網站|本网|本網|本公司|我们|我們|团队|團隊|公司|官方|站长|站長|编辑部|編輯部|工作室)"
    r"(?:依法)?保留(?:所有|一切|全部|其)?的?(?:内容|內容|作品|文章|资源|資源)?的?(?:版[权權]|著作[权權])"
    r"(?!信息|資訊|声明|聲明|标识|標識|标志|標誌|字样|字樣|符号|符號|所有)"
)
# others' works or illegal content in a rule's gap: a forum's or a statute's rule on users' reposts, not this text's
# (他人 as the actor of a notice's condition, 他人或他方如需引用…必须取得我公司的书面许可, is anyone but the holder)
_OTHERS = re.compile(r"他人(?![或如若需须須必不未在])|别人|別人|第三方|其他人|违法|違法|非法|其作品|作品的[，,]|行为的[，,]|行為的[，,]")


def _not_others(score: float) -> Resolver:
    """Reject a match naming others' works or illegal content (a platform's rule on what users post, a statute's
    wording) or quoted from a statute, as ``_not_statute``."""
    not_statute = _not_statute(score)

    def resolve(m: re.Match[str]) -> tuple[str | None, float] | None:
        return None if _OTHERS.search(m.group(0)) else not_statute(m)

    return resolve


# What ZH_NEG_LB rejects, checked after the match (是否禁止 a question, 不被禁止 a negation)
_NEG_BEFORE = frozenset(("是否", "应否", "能否", "可否", "應否", "如何", "不被", "未被", "并不", "並不"))


def _not_negated(then: Resolver) -> Resolver:
    """Reject a ban asked about or negated just before it (as ``ZH_NEG_LB``), else resolve with ``then``."""

    def resolve(m: re.Match[str]) -> tuple[str | None, float] | None:
        return None if m.string[max(0, m.start() - 2) : m.start()] in _NEG_BEFORE else then(m)

    return resolve


def _not_about_others(score: float) -> Resolver:
    """Reject a match naming others' works (as ``_not_others``, without its statute check: cheap enough for a rule that
    matches in most notice-dense text)."""

    def resolve(m: re.Match[str]) -> tuple[str | None, float] | None:
        return None if _OTHERS.search(m.group(0)) else (None, score)

    return resolve


# An English sentence's words right before an opening bracket or quote: "carried honest handling terms (公开路演版·",
# "Its README states (Chinese original, our translation): \"本项目…"; or a Chinese sentence naming a line it quotes in
# corner brackets: "正文末尾固定有一句「本文由游民星空制作发布，未经允许请勿转载」" (a scraper's note on another site's text)
_LATIN_PROSE_BEFORE_OPENER = re.compile(
    r"[A-Za-z]{2,}[ \t]+[A-Za-z]{2,}[ \t]*\)?[:：]?[ \t]*[(\"“]\Z"
    r"|(?:一句|一行|一段|字样|字樣|写着|寫著|写有|寫有|这句话|這句話|那句话|那句話|提示语|提示語|标语|標語)[：:]?[ \t]*[「『“]\Z"
)
_OPENERS = "(（\"“「『"
_CLOSERS = ")）\"”」』"


def _not_quoted_in_latin_prose(then: Resolver) -> Resolver:
    """Reject a request or ban that an English sentence quotes in brackets (a note describing another document's terms:
    "the deck carried terms (公开路演版·引用请注明出处)") or a Chinese one names as a quoted line, else resolve with
    ``then``."""

    def resolve(m: re.Match[str]) -> tuple[str | None, float] | None:
        text = m.string
        lo = max(0, m.start() - 40)
        before = text[lo : m.start()]
        opener = max(before.rfind(c) for c in _OPENERS)
        if opener >= 0 and not any(c in before[opener + 1 :] for c in _CLOSERS):
            at = lo + opener + 1
            if _LATIN_PROSE_BEFORE_OPENER.search(text, max(0, at - 40), at):
                return None
        return then(m)

    return resolve


# A phrase that is a table cell's whole value (| 不可商用 |) or sits in a comment after code on its line (…}, // 不可商用):
# a value compared or described, not this text's own rule.
_CELL_BEFORE = re.compile(r"\|[ \t]*(?:\*\*?)?$")
_CELL_AFTER = re.compile(r"(?:\*\*?)?[ \t]*\|")
_CODE_THEN_COMMENT = re.compile(r"[;{}()\],][ \t]*(?://|#)")


def _not_cell_or_code_comment(then: Resolver) -> Resolver:
    """Reject a match that is a Markdown table cell's value or part of a comment trailing code on the same line."""

    def resolve(m: re.Match[str]) -> tuple[str | None, float] | None:
        text, start, end = m.string, m.start(), m.end()
        line_start = max(text.rfind("\n", max(0, start - 200), start) + 1, start - 200)
        if _CELL_BEFORE.search(text, max(line_start, start - 8), start) and _CELL_AFTER.match(text, end):
            return None
        if _CODE_THEN_COMMENT.search(text, line_start, start):
            return None
        return then(m)

    return resolve


# 仅从 [ultravideo.fi](…) 下载，请勿二次分发 / 下载的课程资料版权归原作者与学校所有，\n> 请勿二次分发: a download, an official or an
# original author named in the same sentence (up to 120 characters back, no 。！？ or blank line between) makes what the
# ban is about someone else's data or material
_OTHERS_SOURCE_BEFORE = re.compile(r"(?:下载|下載|官方|原作者|原著|第三方|他人|其他作者|来源于|來源於|获取自|獲取自)[^。！？]*$")
_SENTENCE_CUT = re.compile(r"[。！？!?]|\n[ \t>]*\n")


def _not_others_source_before(score: float) -> Resolver:
    """Reject a ban whose sentence (up to 120 characters back) names a download, an official or an original author."""

    def resolve(m: re.Match[str]) -> tuple[str | None, float] | None:
        text, start = m.string, m.start()
        before = text[max(0, start - 120) : start]
        cut = list(_SENTENCE_CUT.finditer(before))
        if cut:
            before = before[cut[-1].end() :]
        return None if _OTHERS_SOURCE_BEFORE.search(before) else (None, score)

    return resolve


# '版权所有' / r'版权所有' / 't:text,c:版权所有': the word alone as a code string's value (a keyword list, a watermark test, a
# footer word), no holder, no year, no sign between the literal's opening quote and the word: a label, not a notice
# (a settings row's '© 2025 北京市西城区人民政府 版权所有' and a table's '版权所有 — X软件系统。' name their holder)
_BARE_LITERAL_BEFORE = re.compile(r"(?:^|[\s(\[{,=:])[rRuU]?(['\"])[A-Za-z0-9_,:=&]{0,24}$")


def _not_bare_literal_word(m: re.Match[str]) -> tuple[str | None, float] | None:
    """Reject 版权所有 that is a quoted literal's whole value (after at most ASCII keys such as 't:text,c:')."""
    text, start = m.string, m.start()
    opened = _BARE_LITERAL_BEFORE.search(text, max(0, start - 32), start)
    if opened is not None and text[start + 4 : start + 5] == opened.group(1):  # the quote closes right after the word
        return None
    return (None, 0.9)


GROUPS: list[Group] = [
    (
        ("版权", "版權", "著作权", "著作權", "知识产权", "知識產權", "知识產權"),
        [
            Rule(
                "zh_copyright_owned",
                "copyright_notice",
                rx(
                    r"(?:版|著作)[权權]所有(?![者人权權方制])"
                    + r"(?:\s*[：:]?\s*(?:©|\([cC]\)|（[cC]）)?\s*(?:"
                    + YEARS
                    + r")?"
                    + r"[^\n。；;，,|<>]{0,40})?"
                ),
                0.9,
                resolve=_not_bare_literal_word,
                trim_holder=True,
            ),
            Rule(
                "zh_copyright_belongs",
                "copyright_notice",
                rx(
                    r"(?:著作[权權]|版[权權])(?:均|皆|都)?(?:归|歸|属于|屬於)(?!谁|誰|何人|哪)"
                    # (the holder may carry inline markup, each tag or Markdown link one atomic unit: 版权归数据元素</font>(</b>
                    # [DataElement](https://…)<b>)所有)
                    r"(?>" + _TAG + r"|" + _MD_LINK + r"|[^，。！？\n,.?!；;<\[]){1,30}?所有"
                    + NOT_QUESTION
                ),
                0.9,
                resolve=_not_law,
            ),
            Rule(
                # 知识产权均归…所有 / 版权均属于本网， / 知识产权均归属X公司。 (site and README notices)
                "zh_rights_belong",
                "copyright_notice",
                rx(
                    # (全部知识产权（包括但不限于著作权、商标权等）均归…: the rights' parenthetical skipped; a list of the
                    # statutory rights, （含…复制权、发行权、信息网络传播权…等全部法定权利）, runs past 30 characters)
                    r"(?:知[识識]产[权權]|知識產權|著作[权權]|版[权權])(?:（[^（）\n]{1,60}）)?[，,]?\s*(?:均|皆|全部|完全|都)?"
                    # 版权与许可归…所有 / 版权及所有相关权利归…所有
                    r"(?:[与和及][\u4e00-\u9fff]{1,4}|及(?:所有|全部|一切|其他|其它)?(?:相关|相關)?(?:权利|權利))?"
                    # 版权归作者和X共有 (jointly owned)
                    r"(?:(?:归|歸|属(?![性于於])|屬(?![性於]))(?!属|屬)(?!谁|誰|何人|哪)"
                    # (版权归作者，但出版社享有…: a contrast starts another owner's clause)
                    # (a quoted block's line break inside the owner: 素材版权归 **Mili** 及其 respective rights holders\n> 所有)
                    r"(?P<owner>(?>（[^（）。]{0,30}）|[，,](?!但|而|不过|不過)|\n>[ \t]*|[^。！？\n；;，,]){1,60}?)"
                    r"(?:所有|享有|拥有|擁有|共有)"
                    # 版权归鹰角网络及相关权利方。 (no 所有: the owner runs to the sentence end, no comma inside)
                    r"|(?:归|歸)(?!属|屬)(?!谁|誰|何人|哪)(?P<owner3>[^，,。！？\n；;]{2,30}?)(?=[。；;！\n]|$)"
                    # 游戏素材版权归鹰角网络/Yostar（见 NOTICE.md），仅随整合包分发 (no 所有: the owner closed by a parenthetical
                    # pointing at its notice or giving its other name, then a comma)
                    r"|(?:归|歸)(?!属|屬)(?!谁|誰|何人|哪)(?P<owner7>[^，,。！？\n；;（(]{2,30}?)[ \t]*[（(][^（）()\n]{1,40}[）)](?=[，,])"
                    # 图片版权归原作者，出处见图注 (no 所有, a comma next: only an author as the owner)
                    r"|(?:归|歸)(?P<owner6>(?:原|原始|原创|原創)?(?:作者|著作权人|著作權人|权利人|權利人)(?:本人)?|本人)(?=[，,](?!但|而|不过|不過|并非|並非|出版))"
                    r"|(?:属于|屬於|归属于?|歸屬於?)(?!谁|誰|何人|哪|问题|問題|纠纷|糾紛|争议|爭議|认定|不明|清晰|清楚|明确|明確)"
                    r"(?:(?P<owner2>[^，,。！？\n；;]{2,30}?)(?=[，,。；;！\n]|$)|(?P<owner4>[^，,。！？\n；;]{2,60}?)所有)"
                    # …商标、商号及其他知识产权均为 MIPI Alliance 的专有财产 (all of them, 均, someone's property)
                    r"|(?<=[均皆])(?:为|為|是)(?!一种|一種|无形|無形)(?P<owner5>[^，,。！？\n；;]{2,40}?)的"
                    r"(?:专有|專有|独有|獨有|私有)?(?:财产|財產))"
                    + NOT_QUESTION
                ),
                0.85,
                reject_before=ZH_DISCUSS,
                resolve=_not_contract,
            ),
            Rule(
                # 武汉…有限公司享有知识产权、保留一切权利 / 赞同科技享有知识产权 (a company-like name: not 李某…享有著作权)
                "zh_holder_owns",
                "copyright_notice",
                rx(
                    r"(?:公司|本站|本网|本網|本社|我们|我們|本人|作者|科技|集团|集團|工作室|团队|團隊)(?:依法)?(?:享有|拥有|擁有)(?:其|全部|完整的?)?(?:知[识識]产[权權]|知識產權|著作[权權]|版[权權])"
                ),
                0.85,
                reject_before=ZH_DISCUSS,
            ),
            Rule(
                # 版权声明：本文为博主原创文章 (a statement heading a claim); not 版权声明：</strong>转载请注明作者与出处, a
                # heading over nothing but a request to credit reposts (it claims nothing and names no holder)
                "zh_copyright_statement",
                "copyright_notice",
                rx(
                    # (**版权声明**：本文采用 CC BY-SA 4.0 协议: the heading in Markdown bold)
                    r"版[权權](?:声明|聲明)(?:\*\*|__)?\s*[：:](?!\s*(?>(?:<[^<>\n]{1,40}>\s*){0,3})(?:欢迎|歡迎|如需|若需|非商业|非商業)?"
                    r"(?:转载|轉載|引用)(?:请|請|须|須|需|时|時))"
                ),
                0.75,
            ),
        ],
    ),
    (
        ("保留", "必究", "权利保留", "權利保留"),
        [
            Rule(
                "zh_rights_reserved",
                "rights_reserved",
                # (著作权持有人保留著作权法规定的所有权利: what the rights are, a short 的 phrase, between; not 保留全部
                # 权利金, an option's premium; not 依法默认保留全部权利, the law's default for others' unlicensed code)
                rx(
                    r"(?<!默认)(?<!默認)保留(?:[^，,。！？\n；;、]{1,12}?的)?(?:所有|一切|全部)(?:权利|權利|版[权權])(?![的之金])"
                ),
                0.95,
                True,
                reject_before=ZH_DISCUSS,
            ),
            Rule(
                # 本文章由X编写，所有权利保留。 (the reservation inverted, closing its clause; not 所有权利保留与否, prose)
                "zh_rights_reserved_inverted",
                "rights_reserved",
                rx(r"(?:所有|一切|全部)(?:权利|權利)(?:均|皆)?保留(?=[ \t]*(?:[。，,；;！!<\n]|$))"),
                0.9,
                True,
                reject_before=ZH_DISCUSS,
            ),
            Rule(
                # 作者保留版权 / 管理团队保留所有内容版权: a named holder keeps the copyright (not 请保留版权信息, a request)
                "zh_holder_reserves",
                "rights_reserved",
                rx(_ZH_HOLDER_RESERVES),
                0.9,
                True,
                reject_before=ZH_DISCUSS,
            ),
            Rule("zh_holder_reserves_notice", "copyright_notice", rx(_ZH_HOLDER_RESERVES), 0.8, reject_before=ZH_DISCUSS),
            Rule(
                # 请保留以上版权信息 / 使用或转载请保留以上信息 / 任何修改请保留原始作者信息: keep the credits (a request, not a
                # licence's 必须保留上述的版权声明, a condition of the licence)
                "zh_keep_credits",
                "attribution_required",
                rx(
                    r"[请請](?:务必|務必)?保留[^。！？\n，,]{0,8}?(?:版[权權]|著作[权權]|作者|原作者|署名|以上|上述|原始)"
                    r"[^。！？\n，,]{0,4}?(?:信息|資訊|声明|聲明|署名)"
                    # 未经作者同意必须保留此段声明 (a post's own statement to be kept with a copy; not 必须保留上述版权声明, a
                    # licence's condition on the licence text)
                    r"|(?:必须|必須|务必|務必|须|須)保留(?:此段|本段|该段|該段)(?:版[权權])?(?:声明|聲明)"
                ),
                0.8,
                reject_before=ZH_DISCUSS,
            ),
            Rule(
                "zh_prosecute",
                "rights_reserved",
                rx(r"(?:翻印|盗版|盜版|侵权|侵權|翻版|盗用)必究"),
                0.9,
                True,
                reject_before=ZH_DISCUSS,
            ),
        ],
    ),
    (
        (
            "转载", "轉載", "商用", "商业", "商業", "复制", "複製", "摘编", "镜像", "未经", "未經",
            "再发布", "再發布", "分发", "分發", "转卖", "轉賣", "倒卖", "倒賣", "盗用", "盜用",
            "不得", "禁止", "严禁", "嚴禁", "仅限个人", "僅限個人", "只限个人", "请勿", "請勿",
        ),
        [
            Rule(
                # The structure of a Chinese ban, not one phrase per wording: a permission condition (未经…许可/授权/同意),
                # an actor (任何单位和个人/第三方), a modal ban (不得/禁止/严禁/不可) and a use verb (转载/复制/传播/商用…),
                # in the orders notices use, within one sentence (a wrapped comment line continues it)
                "zh_no_reprint_without",
                "no_reprint",
                rx(
                    # (an actor's parenthetical, 任何个人或组织（包括但不限于所有付费学员）, counts as one unit of the gap)
                    _ZH_COND + r"[，,、\s]*" + r"(?>（[^（）\n]{0,30}）|" + _ZH_GAP + r"){0,20}?" + _ZH_BAN
                    + r"(?:[：:]\s*(?:[*\-•·]\s*)?)?" + _ZH_GAP
                    + r"{0,24}?" + r"(?:" + _ZH_VERB + r"|用于[：:]|用於[：:]"
                    # 不得进行以下任何形式的侵权行为：+ a list (the banned acts listed after the colon)
                    + r"|(?:以下|下列)" + _ZH_GAP + r"{0,12}?(?:行为|行為|事项|事項|行径|行徑)[：:])"
                    # (未经本人书面许可，任何人不得将上述资产用于：1. … a list of banned uses follows)
                    # 禁止任何人未经许可转载 / 不得在未经授权的情况下复制 (not 不得用于未经许可的商业分发: an adjective)
                    # (not 请勿提交未经许可转载的课程: 转载的 makes a noun phrase, the ban is on 提交)
                    + r"|" + ZH_NEG_LB + _ZH_BAN + _ZH_GAP + r"{0,10}?" + _ZH_COND + r"(?!的)" + _ZH_GAP + r"{0,16}?"
                    + _ZH_VERB + r"(?![的之])"
                    # 任何单位和个人不得以任何形式复制 (an actor bound by the ban, no condition)
                    + r"|" + _ZH_ACTOR + _ZH_GAP + r"{0,12}?" + _ZH_BAN + _ZH_GAP + r"{0,16}?" + _ZH_VERB
                ),
                0.95,
                True,
                reject_before=ZH_DISCUSS,
                resolve=_not_quoted_in_latin_prose(_ban_on_the_work(0.95)),
            ),
            Rule(
                # 本程序只供学习使用，未经作者许可，不得用于其它任何用途: the work restricted to one purpose and every other use
                # banned (not 个人信息仅供本次活动使用，不得用于其他用途: a rule on collected data)
                "zh_other_uses_banned",
                "no_reprint",
                rx(
                    r"(?:仅供|只供|僅供)[^。！？\n，,]{0,12}?(?:使用|之用|用途|参考|參考)[，,；;]?[ \t]*"
                    r"(?:" + _ZH_COND + r"[，,]?[ \t]*)?" + _ZH_BAN + r"(?:[用作]于|用於|作為|作为)(?:其它|其他|其餘|其余)(?:任何)?"
                    r"(?:用途|目的|用处|用處)"
                ),
                0.85,
                True,
                reject_before=ZH_DISCUSS,
                resolve=_not_data(0.85),
            ),
            Rule(
                # 本项目…仅限个人学习使用 (the work restricted to personal use; not 仅供学习交流使用, a disclaimer's wording)
                "zh_personal_use_only",
                "no_reprint",
                rx(
                    r"(?:本|该|該)(?:项目|項目|资源|資源|教程|资料|資料|作品|软件|軟件|字体|字體|书|書|站|网站|網站|仓库|倉庫)"
                    r"[^。！？\n]{0,20}?(?:仅限|僅限|只限)(?:于|於)?个人(?:学习|學習|研究|非商业|非商業)?(?:使用|用途)"
                ),
                0.85,
                True,
                reject_before=ZH_DISCUSS,
            ),
            Rule(
                "zh_no_reprint",
                "no_reprint",
                rx(
                    ZH_NEG_LB
                    + r"(?:禁止|严禁|嚴禁|谢绝|謝絕|请勿|請勿|不得|拒绝|拒絕|谢绝任何)"
                    # the ban's lead-in: 以任何形式 / 将本软件 (the work as object) / a colon and a list item (禁止：\n- 任何形式的
                    # 第三方平台**转载**)
                    r"(?:[以将將]?(?:任何|一切)[^，。\n]{0,6}?|[将將把](?:本|此|该|該)[^，。！？\n]{1,8}?"
                    r"|[：:][ \t]*(?:\n[ \t]*){0,2}(?:[-*•·][ \t]*|\d{1,2}[.、)][ \t]*)?[^。！？\n]{0,16}?)?(?:形式的?)?"
                    # 不得用于任何商业用途 / 不得用于任何商业场景
                    # (禁止直接用于商业产品 / 严禁用于商业盈利 / 严禁用于商业出版: the commercial use named by its end)
                    r"(?:(?:直接)?(?:用于|用於|用作)(?:任何|一切)?的?)?"
                    r"(?:转载|轉載|商用|商业使用|商業使用|商业用途|商業用途|商业目的|商業目的|商业场景|商業場景|复制|複製|镜像|鏡像"
                    r"|商业盈利|商業盈利|商业产品|商業產品|商业出版|商業出版|摘编|拷贝|拷貝|抄袭|抄襲"
                    # 请勿搬运WeGame / 禁止搬运到其他平台: 搬运 (moving a work to another site) banned with the site named
                    # right after it (not a clause ending there, 所有内容必须原创，禁止搬运: a rule on one's own posts'
                    # originality; not 请勿搬运他人作品, others' works, nor 搬运工 / 搬运代码的方法)
                    r"|(?:搬运|搬運)(?=[A-Za-z]|(?:到|至)(?:其他|其它|别的|任何)?(?:平台|网站|網站|站点))"
                    r")(?![的之])"
                ),
                0.9,
                True,
                reject_before=ZH_DISCUSS,
                resolve=_not_quoted_in_latin_prose(_ban_on_the_work(0.9)),
            ),
            Rule(
                # 仅限研究与教学使用，不可商用！ / 僅供學術研究、不可商用 / 除外情况不可商用且不允许二次分发: 不可 bans commercial use
                # (only that act: 不可复制 is as often a code object's property); not a table cell's value (| 不可商用 |, a
                # comparison of products) nor a comment trailing a line of code (get NO() { return 2; }, // 仅可演示，不可商用:
                # it describes that value)
                "zh_not_for_commercial_use",
                "no_reprint",
                rx(ZH_NEG_LB + r"不可(?:用于|用於|用作|作为|作為)?(?:任何)?(?:商用|商业使用|商業使用|商业用途|商業用途)(?![的之])"),
                0.85,
                True,
                reject_before=ZH_DISCUSS,
                resolve=_not_cell_or_code_comment(_not_statute(0.85)),
            ),
            Rule(
                # 预发布软件，正在积极开发中。请勿二次分发。 / 模型文件仅限申请用途使用，请勿二次分发。: a ban on passing the
                # text's own work on, closing its sentence with no object (not 请勿二次分发官方资源 / 使用此脚本得到文件:
                # an object named after it is another's; not after a download, an official or an original author named
                # earlier in the sentence: 仅从 X 下载，请勿二次分发 / 课程资料版权归原作者所有，请勿二次分发 are others' data)
                "zh_no_redistribution",
                "no_reprint",
                rx(
                    ZH_NEG_LB + r"(?:请勿|請勿|禁止|严禁|嚴禁|不得|切勿)(?:二次|再次|私自)?(?:分发|分發|再分发|再分發)"
                    r"(?=[ \t]*(?:[。！!.；;）)\n\"'`]|$))"
                ),
                0.85,
                True,
                reject_before=ZH_DISCUSS,
                resolve=_not_others_source_before(0.85),
            ),
            Rule(
                "zh_reprint_needs_permission",
                "no_reprint",
                rx(
                    # (任何形式的转载都请联系作者获得授权: 都 / 均 between the reprint and the request)
                    r"(?:(?:商业|商業)?(?:转载|轉載)|如需(?:转载|轉載)[，,]?)[都均]?\s*(?:请|請|须|須)(?:先)?(?:与|與|联系|聯繫|聯系)"
                    r"[^。\n]{0,12}?(?:授权|授權|许可|許可|联系|聯繫|同意)"
                    # 本文同步于公众号X，转载请联系作者。 (the contact named is the text's author: asking is the permission)
                    r"|(?:转载|轉載)[都均]?(?:请|請|须|須)(?:先)?(?:联系|聯繫|聯系)(?:作者|本人|笔者|筆者|博主|我们|我們|我|小编|小編)"
                    # 如需转载，请联系我们 (a reprint asked for first: the contact is the permission)
                    r"|(?:如需|如要|若需|若要)(?:转载|轉載)[^。！？\n]{0,8}?[，,]\s*(?:请|請)(?:先)?(?:联系|聯繫|聯系|与|與)"
                ),
                0.85,
                True,
            ),
            Rule(
                # 仅供学习使用，请勿盗用，违者必究 / 但请勿盗用，闭源商用: a plea not to misappropriate the text's own work,
                # no permission clause (not 请勿盗用他人头像 / 他人原创: others' works; not a trailing comment on an
                # assigned value, CLIENT_ID = "…"  # 请勿盗用: the key, not the text)
                "zh_please_no_steal",
                "no_reprint",
                rx(ZH_NEG_LB + r"(?:请勿|請勿|切勿)(?:私自|擅自)?(?:盗用|盜用)"),
                0.85,
                True,
                reject_before=ZH_DISCUSS,
                resolve=_not_a_value_comment(_ban_on_the_work(0.85)),
            ),
            Rule(
                "zh_reprint_needs_consent",
                "no_reprint",
                rx(
                    r"(?:转载|轉載)(?:须|須|需|必须|必須|应|應)(?:先)?(?:经|經|获得|獲得|取得|征得|徵得)[^。\n，,]{0,10}?"
                    r"(?:授权|授權|许可|許可|同意)"
                    # 如转载请获取星佳允许 (a reprint asked to get the owner's leave first: the request is the consent rule)
                    r"|(?:转载|轉載)(?:请|請)(?:先|事先)?(?:获取|獲取|获得|獲得|取得|征得|徵得)[^。！？\n，,]{0,10}?"
                    r"(?:允许|允許|授权|授權|许可|許可|同意)"
                    # 复制或者剪切请通知本人 (a copy of the work only after telling its author; not 复制链接后请通知好友)
                    r"|(?:复制|複製|拷贝|拷貝|剪切)(?:或者?(?:复制|複製|拷贝|拷貝|剪切|引用|转载|轉載))?(?:时|時|前)?[，,]?"
                    r"(?:请|請|须|須|需)(?:先|事先)?(?:通知|告知)(?:本人|作者|笔者|筆者|博主|我)"
                ),
                0.85,
                True,
            ),
            Rule(
                # 再分发/商用图片请先取得原作者授权 (any use, not only reprints, that needs the owner's consent first)
                "zh_use_needs_permission",
                "no_reprint",
                rx(
                    # (商业项目使用代码须另获权利人许可: use in a commercial project)
                    r"(?:再分[发發]|分[发發]|商用|商业使用|商業使用|商业用途|商業用途|(?:商业|商業)(?:项目|項目)(?:中)?使用)"
                    r"[^。！？\n，,]{0,8}?(?:请|請|须|須|需要|需)"
                    # 工作或商业用途需另行授权 / 商用需要额外授权 (no verb before the consent)
                    r"(?:先|另行|事先|另|额外|額外)?(?:(?:与|與|联系|聯繫|聯系|取得|获得|獲得|获|獲|征得|徵得)[^。\n]{0,12}?)?"
                    r"(?:授权|授權|许可|許可|同意)"
                    # 商用请联系作者 / 若需商用请联系开发者: commercial use asked for first, as 如需转载请联系 (the contact is
                    # the permission; not 商业合作请联系, business enquiries, nor 商务联系)
                    r"|(?<![务務业業])(?:(?:如需|若需|如要|若要)(?:商用|商业使用|商業使用)[，,]?|(?<![\u4e00-\u9fff])(?:商用|商业使用|商業使用))"
                    r"[ \t]*(?:请|請)(?:先)?(?:联系|聯繫|聯系|与|與)"
                ),
                0.85,
                True,
            ),
            Rule(
                # 不允许对程序代码以任何形式任何目的的再发布 / 严禁分享、盗用、转卖源码 / 禁止…公开重新分发原文件: bans on
                # passing a work on (not 禁止二次销售 alone: a shop's rule on goods) / 禁止二次售卖 (an open project's or a
                # tool's ban on reselling it: 售卖 / 出售 / 贩卖 / 转售 are the seller's words for the work, 销售 a shop's)
                "zh_no_redistribution",
                "no_reprint",
                rx(
                    ZH_NEG_LB
                    + r"(?:不允许|不允許|禁止|严禁|嚴禁|不得|不准)[^，。！？\n]{0,16}?"
                    r"(?:再发布|再發布|再分发|再分發|重新分发|重新分發|重新发布|重新發布|二次发布|二次發布|转卖|轉賣|倒卖|倒賣|盗用|盜用"
                    r"|二次(?:售卖|售賣|出售|贩卖|販賣|转售|轉售))"
                ),
                0.85,
                True,
                reject_before=ZH_DISCUSS,
                resolve=_not_statute(0.85),
            ),
            Rule(
                # 原创文章转载请注明 (no object: the source is this page) / 欢迎转载…但务必保留文章署名 (CC BY wording)
                "zh_reprint_attribution_short",
                "attribution_required",
                rx(
                    r"(?:转载|轉載)(?:请|請|须|須)(?:注明|註明|标明|標明)(?=[ \t]*(?:[。！!；;\n]|$)|[ \t]*[:：][ \t]*(?:<a\b|\[|https?://|[\w\u4e00-\u9fff]))"
                    r"|(?:转载|轉載)[^。\n]{0,16}?(?:务必|務必|必须|必須|请|請)(?:保留|注明|註明)(?:文章|作者|原作者)?(?:署名|作者)"
                ),
                0.9,
            ),
            Rule(
                "zh_reprint_attribution",
                "attribution_required",
                rx(
                    # (inline markup may sit between the words: 转载 <span …>必须</span> 注明出处)
                    r"(?:转载|轉載)(?:[^。\n<]|" + _TAG + r"){0,4}?(?:请|請|须|須|需|必须|務必|务必)" + _TAGS
                    + r"(?:务必)?(?:注明|註明|标明|標明|保留|附上|附|带上|带|帶|备注|備註|写明|寫明|留下)"
                    r"[^。！\n]{0,12}?(?:出处|出處|来源|來源|来自|來自|出自|作者|链接|鏈接|連結|原文|本声明|本聲明|署名"
                    # 转载请带版权 / 转载请保留版权信息 (the notice kept with the copy)
                    r"|版[权權])"
                ),
                0.95,
                # (not 转载他人文章必须注明出处: a forum's rule on its users' reposts of others' works)
                resolve=_not_about_others(0.95),
            ),
            Rule(
                # 未经授权的商业使用将构成版权侵权 / 未购买授权用户无论是否用于商业行为都是侵权行为 / 版权所有，未经授权均为
                # 剽窃: an unauthorised use declared an infringement or theft (not a statute's or a lecture's 未经许可使用他人
                # 作品的，构成侵权)
                "zh_unauthorised_use_infringes",
                "no_reprint",
                rx(
                    _ZH_COND + r"的?" + _ZH_GAP + r"{0,24}?(?:将|將|均|即|都|皆|一律|也|亦)?(?:构成|構成|属于|屬於|视为|視為"
                    r"|是|为|為)[^。！？\n，,]{0,4}?(?:侵权|侵權|剽窃|剽竊|盗版|盜版)" + NOT_QUESTION
                ),
                0.85,
                True,
                reject_before=ZH_DISCUSS,
                resolve=_not_others(0.85),
            ),
        ],
    ),
    (
        # 此代码归 xxx 所有 / 本项目归X所有: the work itself owned, without the word 版权
        _ZH_THIS_WORK_WORDS,
        [
            Rule(
                "zh_work_owned",
                "copyright_notice",
                rx(
                    r"(?:此|本|该|該)(?:代码|代碼|程序|软件|軟件|项目|項目|作品|文章|源码|源碼|源代码|源代碼|文档|文檔|资料|資料)"
                    # not 归并 (merge), 归一, 归类, 归档, 归还, 归纳, 归零, 归属 (a question of ownership)
                    r"的?(?:均|全部|皆)?(?:归|歸)(?![并並一类類档檔还還纳納零约約属屬])(?!谁|誰|何人|哪)"
                    r"(?P<owner>[^，,。！？\n；;]{1,30}?)所有" + NOT_QUESTION
                ),
                0.85,
                reject_before=ZH_DISCUSS,
                resolve=_not_contract,
            ),
            Rule(
                # 使用本插件需支付授权费用 / 商用本字体须购买授权: using the work needs a bought licence
                "zh_use_needs_payment",
                "no_reprint",
                rx(
                    r"(?:使用|商用|商业使用|商業使用)" + _ZH_THIS_WORK + r"[^。！？\n，,]{0,6}?(?:须|須|需要|需|必须|必須|应|應)(?:先)?"
                    r"(?:支付|购买|購買|付费|付費)[^。！？\n，,]{0,4}?(?:授权|授權|许可|許可)" + NOT_QUESTION
                ),
                0.8,
                True,
                reject_before=ZH_DISCUSS,
            ),
        ],
    ),
    (
        # 本网站所有内容属北京日报报业集团所有: a site or publication claims its content without the word 版权
        ("内容属", "内容归", "内容均", "内容皆", "内容都", "內容屬", "內容歸", "內容均", "内容全部"),
        [
            Rule(
                "zh_site_content_owned",
                "copyright_notice",
                rx(
                    r"(?:本站|本網站|本网站|本网|本網|本平台|本刊|本报|本報|本公众号|本公眾號)(?:发布|發布|刊登|刊發|刊发)?的?"
                    r"(?:所有|全部|一切)?(?:内容|內容|文章|作品)(?:均|皆|都|全部)?(?:属|屬|归|歸)(?:于|於)?"
                    r"(?P<owner>[^，,。！？\n；;]{1,30}?)(?:所有|享有|拥有|擁有)"
                ),
                0.85,
                reject_before=ZH_DISCUSS,
            ),
        ],
    ),
    (
        # 不能传播本项目的源码 / 不允许对程序代码…进行二次发售 / 无权将代码泄露 / 禁止对本作品进行翻译、改编: a ban whose object is
        # the work itself, on an act that passes it on or remakes it
        # (ban words whose first characters the automaton has already, but 无/無; a narrow window: see scanner)
        ("不能", "不得", "禁止", "严禁", "嚴禁", "不允许", "不允許", "不可", "不准", "无权", "無權", "请勿", "請勿"),
        [
            Rule(
                "zh_ban_on_this_work",
                "no_reprint",
                rx(
                    # (a pattern that starts with an alternation of words lets the regex engine skip, in C, to the
                    # characters they start with; a look-ahead or look-behind first would enter the matcher at every
                    # position, so 是否/如何… before the ban are checked by the resolver)
                    _ZH_BAN_WORK + r"(?:擅自|私自)?(?:(?:[将將对對把]\s*)?"
                    + _ZH_THIS_WORK + r"[^。！？\n；;]{0,24}?" + _ZH_PASS_ON + r"|"
                    # (请勿复印或分发本文档: one more short act joined by 或 / 、 before the act that passes it on)
                    + r"(?:[^。！？\n，,；;或、]{1,3}[或、])?" + _ZH_PASS_ON_VERB + r"[^。！？\n，,；;]{0,4}?"
                    + _ZH_THIS_WORK + r")"
                ),
                0.85,
                True,
                reject_before=ZH_DISCUSS,
                resolve=_not_negated(_not_statute(0.85)),
            ),
        ],
    ),
    (
        # a use of the work, then a request to credit it (triggered by the use; 使用 is too common a word to open windows)
        # (使用时请 / 使用時請 / 使用时须: a use of the work at the head of a request, 使用时请注明作者; 使用 alone opens no window)
        # (使用请署名 / 使用請署名: the use word right before the request, no gap)
        ("引用", "转载", "轉載", "复制", "複製", "分享", "转发", "轉發", "转贴", "轉貼", "使用时请", "使用時請", "使用时须", "使用時須",
         "使用请", "使用請"),
        [
                Rule(
                    # 欢迎非商业用途转载，但请在明显位置注明本文作者 / 引用本作品的任何部分，必须在参考文献中注明…作者: a use of
                    # the work, then a request to credit it, words between (not 转载他人文章必须注明出处: a rule on others' works)
                    "zh_use_then_credit",
                    "attribution_required",
                    rx(
                        # (转载请注明出处 itself is zh_reprint_attribution's: not found twice in notice-dense text; 引用请注明出处
                        # / 复制请注明来源 are this rule's, the other uses of the work)
                        r"(?:(?:转载|轉載)(?!(?:请|請|须|須|需|必须|必須|务必|務必)" + _ZH_CREDIT_VERB + r")"
                        r"|引用|使用|复制|複製|转发|轉發|分享|转贴|轉貼)" + _ZH_GAP + r"{0,30}?"
                        r"(?:请|請|须|須|需|必须|必須|务必|務必)"
                        # 分享和改编（需署名） / 转载须署名: 署名 right after the modal is the credit act and its object in one
                        # word (not 署名权, the right's name)
                        r"(?:署名(?![权權])|"
                        # (…必须取得我公司的书面许可，并在使用时注明来源: the credit joined to a permission condition)
                        r"(?:[^。！？\n，,；;]{0,10}?|[^。！？\n；;]{0,24}?[，,][ \t]*(?:并|並|且|同时|同時)[^。！？\n，,；;]{0,8}?)"
                        + _ZH_CREDIT_VERB
                        + r"[^。！？\n；;]{0,16}?" + _ZH_CREDIT_OBJECT + r")"
                    ),
                    0.8,
                    reject_before=ZH_DISCUSS,
                    resolve=_not_quoted_in_latin_prose(_not_others(0.8)),
                ),
        ],
    ),
]
