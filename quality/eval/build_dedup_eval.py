"""Build the labelled near-duplicate evaluation set ``quality/eval/data/dedup_eval.jsonl`` (deterministic).

Documents are composed from Chinese and English sentence templates (news, encyclopedia, forum styles) whose
slots are filled with a seeded RNG. Each labelled cluster is one base document plus edited copies:
exact copies, whitespace/punctuation/case changes, a few words or characters substituted, a sentence inserted
or deleted, boilerplate header/footer added (1-3 edits per copy). Hard non-duplicates get their own clusters:
the *same templates with different facts*, *same-topic* documents, and *shared boilerplate with a different
body*. Labels come from construction only (never from a detector). Each line:
``{"id", "cluster", "lang", "kind", "edits", "text"}``.

Run: ``python -m corpusgov.quality.eval.build_dedup_eval`` (rewrites the file; same output every time).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from corpusgov.quality.eval.jsonl import write_jsonl

OUT = Path(__file__).parent / "data" / "dedup_eval.jsonl"
SEED = 20261130

# --- English banks ----------------------------------------------------------------------------------------
EN_SLOTS = {
    "city": ["Riverton", "Lakeside", "Port Ellis", "Northgate", "Milbrook", "Ashford", "Cedar Falls", "Bayview",
             "Glenmore", "Fairhaven", "Kingsbridge", "Stonehill", "Westmere", "Oakridge", "Harlow"],
    "org": ["the city council", "the regional water board", "the transport authority", "the state university",
            "the health department", "a local charity", "the chamber of commerce", "the school district",
            "the port authority", "the national weather service"],
    "company": ["Norland Foods", "Brightline Energy", "Calder Robotics", "Meridian Bank", "Solace Health",
                "Tidewater Shipping", "Vantage Motors", "Quarry Lane Books", "Helix Semiconductors",
                "Bluefield Telecom", "Arbor Paper", "Summit Airlines"],
    "person": ["Maria Chen", "David Okafor", "Laura Svensson", "James Patel", "Ana Ruiz", "Tom Becker",
               "Grace Liu", "Samuel Reed", "Nadia Haddad", "Owen Fitzgerald", "Priya Nair", "Lucas Moreau"],
    "role": ["the mayor", "a spokesperson", "the chief executive", "the project manager", "a senior analyst",
             "the head of research", "a local resident", "the finance director", "an engineer on the team"],
    "num": [str(n) for n in (3, 7, 12, 15, 18, 24, 31, 40, 55, 68, 72, 85, 120, 150, 240, 310, 480, 900)],
    "pct": ["2.1", "3.4", "4.8", "5.5", "6.2", "7.9", "8.3", "9.6", "11.2", "12.7", "14.5", "18.0"],
    "year": [str(y) for y in range(1998, 2026)],
    "month": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"],
    "day": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "thing": ["the new bridge", "the solar farm", "the library extension", "the flood barrier",
              "the rail link", "the hospital wing", "the recycling plant", "the bus network",
              "the community garden", "the harbour wall", "the data centre", "the sports hall"],
    "species": ["red kite", "grey heron", "river otter", "common swift", "barn owl", "water vole",
                "great crested newt", "hazel dormouse", "marsh harrier", "brown hare"],
    "region": ["northern Europe", "the Pacific coast", "central Asia", "the Andes", "East Africa",
               "the Mediterranean", "the Great Lakes region", "southern Australia", "the Baltic states"],
    "topic": ["rent prices", "the school timetable", "parking rules", "the new cycle lanes", "noise at night",
              "the library opening hours", "bin collection days", "the price of train tickets"],
    "device": ["laptop", "router", "phone", "printer", "graphics card", "keyboard", "monitor", "NAS box"],
    "ver": ["2.4", "3.1", "5.0", "10.2", "11.6", "14.0", "22.04", "1.9.3"],
}
EN_TEMPLATES = {
    "news": [
        "On {day}, {org} in {city} approved a plan to build {thing} at a cost of {num} million dollars.",
        "{person}, {role}, said the work would begin in {month} and take about {num} months to finish.",
        "Officials expect {thing} to serve roughly {num} thousand people once it opens in {year}.",
        "Critics argue that the budget for {thing} has already grown by {pct} percent since the first estimate.",
        "Shares of {company} rose {pct} percent after the firm reported stronger than expected quarterly sales.",
        "{company} said it would hire {num} new staff in {city} over the next {num} months.",
        "The announcement follows a public consultation in which {num} residents submitted written comments.",
        "According to {org}, traffic on the main road through {city} fell by {pct} percent last {month}.",
        "{person} told reporters that the decision was difficult but necessary for the long-term future of {city}.",
        "A spokesperson for {company} declined to comment on the reports, citing ongoing negotiations.",
        "Heavy rain on {day} flooded several streets in {city}, and {num} homes were left without power.",
        "Emergency crews from {org} worked through the night to clear debris and restore services.",
        "The regional economy grew {pct} percent in {year}, driven mainly by exports and tourism.",
        "Analysts at {company} warned that higher interest rates could slow investment in {region}.",
        "Local business owners in {city} welcomed the news, saying it would bring more visitors to the area.",
        "The final vote is scheduled for {month}, when {org} will also review the updated cost figures.",
        "{person} said the team had learned from problems with {thing} in a neighbouring town.",
        "Police in {city} said {num} people were questioned after the incident but no charges were filed.",
        "The report, published on {day}, found that waiting times had fallen for the {num}th month in a row.",
        "Environmental groups have asked {org} to publish a full impact assessment before construction starts.",
    ],
    "encyclopedia": [
        "The {species} is a medium-sized animal found mainly in {region}, where it lives in open woodland.",
        "Adults typically measure {num} centimetres in length and weigh between {num} and {num} grams.",
        "The species was first described scientifically in {year} by the naturalist {person}.",
        "Its diet consists largely of insects, seeds and small invertebrates gathered at dawn and dusk.",
        "Populations in {region} declined by about {pct} percent during the late twentieth century.",
        "Conservation programmes led by {org} have helped numbers recover in several protected areas.",
        "Breeding usually takes place in {month}, and a typical clutch contains {num} eggs.",
        "The young leave the nest after roughly {num} days but remain with their parents for several weeks.",
        "{city} is a town in {region} with a population of about {num} thousand at the {year} census.",
        "The town grew rapidly in the nineteenth century around its harbour and textile mills.",
        "Its best known landmark is {thing}, completed in {year} and restored after a fire in the 1970s.",
        "The local economy today depends on tourism, light manufacturing and services.",
        "{company} was founded in {year} in {city} and now employs about {num} hundred people.",
        "The company originally made farm equipment before moving into its current line of business.",
        "In {year} it was acquired by a larger group, although it kept its own brand and headquarters.",
        "The climate of {region} is temperate, with mild summers and an average annual rainfall of {num} centimetres.",
        "Historians note that the area was an important trading centre as early as the twelfth century.",
        "The name is thought to derive from an old word meaning a crossing place on the river.",
        "Several species of {species} are listed as vulnerable on national red lists.",
        "Research published in {year} suggested that the animals can travel up to {num} kilometres in a season.",
    ],
    "forum": [
        "Has anyone else had problems with their {device} after updating to version {ver}?",
        "Mine keeps restarting every {num} minutes and I have already tried a factory reset twice.",
        "I bought it in {month} from a shop in {city} and it worked perfectly until last {day}.",
        "Support told me to wait for the next patch, but that was {num} days ago.",
        "Honestly I am about ready to return it and buy something else.",
        "Thanks for the replies everyone, I will try rolling back to version {ver} tonight.",
        "Update: rolling back fixed the problem, at least for now.",
        "Quick question about {topic} in {city}: does anyone know if the rules changed this {month}?",
        "My neighbour says the council announced something, but I cannot find it on the website.",
        "We moved here in {year} and it has never been this confusing before.",
        "If anyone has a link to the official notice I would really appreciate it.",
        "I think the changes only apply to the area north of the river, but do not quote me on that.",
        "For what it is worth, my {device} from {company} has been fine for {num} months now.",
        "The trick is to disable automatic updates until the bugs are sorted out.",
        "Please keep the discussion civil, the last thread about {topic} had to be locked.",
        "I called {org} on {day} and waited on hold for {num} minutes before giving up.",
        "Does anyone know a good repair shop in {city} that does not charge a fortune?",
        "Same here, and the battery drains about {pct} percent per hour even when idle.",
        "Edit: fixed a typo in the title, sorry about that.",
        "Marking this as solved, thanks again to {person} for the detailed explanation.",
    ],
}
EN_BOILERPLATE = [
    "Sign up for our newsletter to get the latest local news delivered to your inbox every morning.",
    "Share this article: Facebook | Twitter | Email | Print",
    "Copyright {year} {city} Daily Herald. All rights reserved. This material may not be republished without permission.",
    "Advertisement. Continue reading below.",
    "Posted by a member of the community forum. Reply | Quote | Report",
    "Related stories: more from {city}, weather, sport and business.",
]
EN_SHARED_BOILERPLATE = (
    "Welcome to the {city} Community Portal. This site is run by volunteers and is not affiliated with any "
    "government body. Posts reflect the views of their authors only. Please read our community guidelines "
    "before posting, do not share personal contact details in public threads, and report spam using the flag "
    "button. Moderators review reports within 48 hours. By using this site you agree to our terms of use and "
    "privacy notice, which were last updated in {month} {year}."
)

# --- Chinese banks ----------------------------------------------------------------------------------------
ZH_SLOTS = {
    "city": ["杭州", "成都", "武汉", "西安", "南京", "苏州", "青岛", "长沙", "昆明", "厦门", "合肥", "郑州",
             "宁波", "大连", "贵阳"],
    "org": ["市政府", "市交通运输局", "市生态环境局", "市教育局", "市卫生健康委员会", "区人民法院", "市气象台",
            "市统计局", "市文化和旅游局", "市住房和城乡建设局"],
    "company": ["华信科技", "远航物流", "青山食品", "万融银行", "新源能源", "博雅教育", "云帆软件", "长风汽车",
                "明德医药", "星河通信", "金穗农业", "海润电器"],
    "person": ["张伟", "李娜", "王强", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周涛", "吴晓燕", "徐明", "孙丽"],
    "role": ["相关负责人", "新闻发言人", "项目经理", "首席分析师", "副局长", "研究员", "当地居民", "总经理"],
    "num": [str(n) for n in (3, 6, 8, 12, 15, 20, 26, 35, 48, 60, 75, 90, 120, 180, 260, 350, 520, 800)],
    "pct": ["1.8", "2.6", "3.2", "4.5", "5.1", "6.7", "7.3", "8.9", "10.4", "12.6", "15.2", "20.3"],
    "year": [str(y) for y in range(1998, 2026)],
    "month": [f"{m}月" for m in range(1, 13)],
    "thing": ["跨江大桥", "地铁三号线", "市民图书馆", "污水处理厂", "光伏电站", "城市绿道", "综合体育馆",
              "儿童医院新院区", "物流园区", "老旧小区改造工程", "数据中心", "湿地公园"],
    "species": ["中华秋沙鸭", "白鹭", "大熊猫", "金丝猴", "扬子鳄", "黑颈鹤", "江豚", "朱鹮", "红腹锦鸡", "穿山甲"],
    "region": ["长江中下游", "青藏高原东缘", "云贵高原", "华北平原", "东南沿海", "秦岭山区", "西北干旱区",
               "珠江三角洲", "东北林区"],
    "topic": ["房租", "学区划分", "停车收费", "垃圾分类", "公交线路调整", "小区物业费", "夜间施工噪音"],
    "device": ["笔记本电脑", "路由器", "手机", "打印机", "显卡", "机械键盘", "显示器", "扫地机器人"],
    "ver": ["2.4", "3.1", "5.0", "10.2", "11.6", "14.0", "7.8.3", "1.9.3"],
}
ZH_TEMPLATES = {
    "news": [
        "{month}{num}日，{city}{org}召开新闻发布会，通报了{thing}建设的最新进展。",
        "{role}{person}介绍，该项目总投资约{num}亿元，预计{year}年底建成投用。",
        "项目建成后，预计可服务周边约{num}万名居民，有效缓解当地出行难问题。",
        "据{org}统计，今年前三季度全市地区生产总值同比增长{pct}%，增速高于全国平均水平。",
        "{company}日前发布公告称，公司上半年营业收入同比增长{pct}%，净利润达到{num}亿元。",
        "{company}表示，将在{city}新建研发中心，计划三年内新增就业岗位{num}个。",
        "受强降雨影响，{city}多条道路出现积水，{num}户居民一度停电。",
        "{org}连夜组织{num}余名工作人员开展排涝抢险，目前受影响区域已基本恢复正常。",
        "专家指出，随着利率变化，{region}的投资增速可能有所放缓，需要密切关注。",
        "不少市民对此表示欢迎，认为这将进一步提升城市的宜居水平。",
        "{person}在接受记者采访时表示，这一决定虽然艰难，但对城市长远发展十分必要。",
        "记者从{org}获悉，下一步将广泛征求社会意见，并于{month}公布最终方案。",
        "截至目前，已有{num}名市民通过网络和信函等方式提交了意见建议。",
        "环保组织呼吁{org}在开工前公开完整的环境影响评价报告。",
        "数据显示，{year}年全市接待游客{num}万人次，旅游收入同比增长{pct}%。",
        "据悉，{city}还将在{thing}周边同步建设停车场和公交换乘枢纽。",
        "{company}相关负责人对上述消息不予置评，称相关谈判仍在进行中。",
        "当天，{org}还发布了{year}年重点民生实事项目清单，共涉及{num}个项目。",
        "业内人士分析，这一举措将带动上下游产业链发展，释放更多消费潜力。",
        "目前，相关工作正在有序推进中，后续进展本报将持续关注。",
    ],
    "encyclopedia": [
        "{species}是一种主要分布于{region}的野生动物，多栖息于山地森林和河流沿岸。",
        "成体体长约{num}厘米，体重在{num}克至{num}克之间，雌雄外形差异不大。",
        "该物种于{year}年由学者{person}首次进行科学描述。",
        "其食性较杂，主要以昆虫、种子和小型无脊椎动物为食，多在清晨和黄昏活动。",
        "二十世纪后期，{region}的种群数量下降了约{pct}%。",
        "在{org}等机构的保护下，部分保护区内的种群数量已逐步回升。",
        "繁殖期通常在{month}前后，每窝产卵{num}枚左右。",
        "幼体约{num}天后离巢，但仍会随亲代活动数周。",
        "{city}是位于{region}的一座城市，根据{year}年人口普查，常住人口约{num}万人。",
        "该城在十九世纪依托港口和纺织业迅速发展，逐渐成为区域性商贸中心。",
        "城内最著名的地标是{thing}，于{year}年建成，此后经历过多次修缮。",
        "当地经济目前以旅游业、轻工业和现代服务业为主。",
        "{company}成立于{year}年，总部位于{city}，现有员工约{num}人。",
        "公司早期以生产农用机械起家，后逐步转型进入现有业务领域。",
        "{year}年，该公司被一家大型集团收购，但保留了原有品牌和总部。",
        "{region}属温带季风气候，夏季温和，年均降水量约{num}毫米。",
        "史料记载，早在宋代这一带就已是重要的商品集散地。",
        "其名称据考源自古语，意为河流上的渡口。",
        "{species}已被列入国家重点保护野生动物名录。",
        "{year}年发表的一项研究表明，该动物在一个季节内的活动范围可达{num}公里。",
    ],
    "forum": [
        "有没有人升级到{ver}版本以后{device}出问题的？",
        "我的每隔{num}分钟就自动重启一次，已经恢复出厂设置两次了还是不行。",
        "{month}在{city}的实体店买的，一直用得好好的，上周突然就这样了。",
        "客服让我等下一个补丁，可是已经过去{num}天了。",
        "说实话我都想退货换别的牌子了。",
        "谢谢各位的回复，我今晚试试退回到{ver}版本。",
        "更新一下：回退版本之后问题暂时解决了。",
        "请问{city}的{topic}政策今年{month}是不是有调整？",
        "邻居说{org}发了通知，但我在官网上怎么也找不到。",
        "我们{year}年搬来这里，从来没遇到过这么混乱的情况。",
        "如果有人有官方通知的链接，麻烦发一下，非常感谢。",
        "我理解的是只有河北边的片区受影响，不过我也不太确定。",
        "补充一句，我用的{company}的{device}已经{num}个月了，一直没出过问题。",
        "建议先把自动更新关掉，等官方修复了再说。",
        "请大家文明讨论，上一个关于{topic}的帖子已经被锁了。",
        "我周一给{org}打电话，等了{num}分钟都没人接。",
        "{city}有没有靠谱又不太贵的维修店推荐？",
        "我也是，待机状态下每小时掉电{pct}%左右。",
        "编辑：修改了标题里的错别字，抱歉。",
        "问题已解决，再次感谢{person}的详细解答。",
    ],
}
ZH_BOILERPLATE = [
    "来源：{city}日报　责任编辑：{person}",
    "本文仅代表作者观点，不代表本站立场。",
    "【版权声明】本网站所刊载内容，未经授权不得转载。",
    "扫描二维码，关注我们的微信公众号，获取更多本地资讯。",
    "点击查看更多相关新闻 >>",
    "发表于{year}-{num} 回复 | 引用 | 举报",
]
ZH_SHARED_BOILERPLATE = (
    "欢迎访问{city}社区论坛。本站由志愿者运营，与任何政府机构无关，帖子内容仅代表发帖人个人观点。"
    "发帖前请阅读社区规范，请勿在公开帖子中留下个人联系方式，发现广告请使用举报按钮。"
    "版主将在四十八小时内处理举报。使用本站即表示您同意我们的使用条款和隐私政策，相关条款于{year}年{month}更新。"
)

_SLOT_RE = re.compile(r"\{(\w+)\}")


def _fill(template: str, slots: dict[str, list[str]], rng: random.Random) -> tuple[str, list[str]]:
    """Fill each slot independently; also return the chosen values (to re-draw for template variants)."""
    values: list[str] = []

    def sub(m: re.Match[str]) -> str:
        v = rng.choice(slots[m.group(1)])
        values.append(v)
        return v

    return _SLOT_RE.sub(sub, template), values


class _Lang:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.slots = EN_SLOTS if lang == "en" else ZH_SLOTS
        self.templates = EN_TEMPLATES if lang == "en" else ZH_TEMPLATES
        self.boiler = EN_BOILERPLATE if lang == "en" else ZH_BOILERPLATE
        self.shared = EN_SHARED_BOILERPLATE if lang == "en" else ZH_SHARED_BOILERPLATE
        self.sep = " " if lang == "en" else ""

    def sentences(self, topic: str, rng: random.Random, k: int) -> tuple[list[str], list[str]]:
        """k distinct templates of one topic, in random order, filled; also the templates used."""
        ts = rng.sample(self.templates[topic], k)
        return [_fill(t, self.slots, rng)[0] for t in ts], ts

    def join(self, sents: list[str], rng: random.Random) -> str:
        """Sentences into 1-3 paragraphs."""
        n = len(sents)
        cuts = sorted(rng.sample(range(1, n), min(n - 1, rng.randint(0, 2)))) if n > 1 else []
        paras, prev = [], 0
        for c in [*cuts, n]:
            paras.append(self.sep.join(sents[prev:c]))
            prev = c
        return "\n\n".join(paras)

    def doc_sentences(self, rng: random.Random) -> tuple[str, list[str], list[str]]:
        topic = rng.choice(sorted(self.templates))
        k = rng.randint(10, 15) if self.lang == "en" else rng.randint(12, 20)
        sents, ts = self.sentences(topic, rng, k)
        return topic, sents, ts


def _substitute(lang: _Lang, sents: list[str], rng: random.Random, count: int) -> list[str]:
    """Replace `count` words (en) or characters (zh) at random positions."""
    out = list(sents)
    for _ in range(count):
        i = rng.randrange(len(out))
        if lang.lang == "en":
            words = out[i].split(" ")
            j = rng.randrange(len(words))
            words[j] = rng.choice(["new", "local", "major", "recent", "several", "many", "official", "early",
                                   "large", "small", "public", "key"])
            out[i] = " ".join(words)
        else:
            s = out[i]
            j = rng.randrange(len(s))
            out[i] = s[:j] + rng.choice("的了在是有和这个们中大为上地时要就出会可也你对生能而子那得于着下自之年过发后作里") + s[j + 1 :]
    return out


def _whitespace_punct(lang: _Lang, text: str, rng: random.Random) -> str:
    if lang.lang == "en":
        ops = [lambda t: t.replace(". ", ".  "), lambda t: t.replace("\n\n", "\n"),
               lambda t: t.replace(",", " ,"), lambda t: t.replace("'", "’"), lambda t: t.upper()[:1] + t[1:].lower()]
    else:
        ops = [lambda t: t.replace("，", ","), lambda t: t.replace("。", "。 "), lambda t: t.replace("\n\n", "\n"),
               lambda t: t.replace("%", "％"), lambda t: t.replace("：", ":")]
    return rng.choice(ops)(text)


def _edited_copy(lang: _Lang, sents: list[str], topic: str, rng: random.Random) -> tuple[str, list[str]]:
    """A copy with 1-3 realistic edits; returns the text and the edit names."""
    edits: list[str] = []
    ops = ["substitute", "insert_sentence", "delete_sentence", "boilerplate", "whitespace_punct"]
    chosen = rng.sample(ops, rng.choice([1, 1, 2, 2, 3]))
    s = list(sents)
    if "substitute" in chosen:
        k = rng.randint(1, 2) if lang.lang == "en" else rng.randint(1, 3)
        s = _substitute(lang, s, rng, k)
        edits.append(f"substitute:{k}")
    if "insert_sentence" in chosen:
        extra, _ = lang.sentences(topic, rng, 1)
        s.insert(rng.randrange(len(s) + 1), extra[0])
        edits.append("insert_sentence")
    if "delete_sentence" in chosen and len(s) > 6:
        del s[rng.randrange(len(s))]
        edits.append("delete_sentence")
    text = lang.join(s, rng)
    if "boilerplate" in chosen:
        b = _fill(rng.choice(lang.boiler), lang.slots, rng)[0]
        text = (b + "\n\n" + text) if rng.random() < 0.5 else (text + "\n\n" + b)
        edits.append("boilerplate")
    if "whitespace_punct" in chosen:
        text = _whitespace_punct(lang, text, rng)
        edits.append("whitespace_punct")
    return text, edits


def build(seed: int = SEED) -> list[dict[str, object]]:
    rng = random.Random(seed)
    rows: list[dict[str, object]] = []
    counter = 0

    def add(cluster: str, lang: str, kind: str, edits: list[str], text: str) -> None:
        nonlocal counter
        rows.append({"id": f"d{counter:04d}", "cluster": cluster, "lang": lang, "kind": kind, "edits": edits,
                     "text": text})
        counter += 1

    for code in ("zh", "en"):
        lang = _Lang(code)
        for b in range(70):
            cid = f"{code}-c{b:03d}"
            topic, sents, templates = lang.doc_sentences(rng)
            add(cid, code, "base", [], lang.join(sents, rng))
            r = rng.random()
            if r < 0.55:  # a near-duplicate cluster
                for _ in range(rng.randint(1, 4)):
                    if rng.random() < 0.12:
                        add(cid, code, "exact_copy", ["none"], rows[-1]["text"] if rows[-1]["cluster"] == cid
                            else lang.join(sents, rng))
                    else:
                        text, edits = _edited_copy(lang, sents, topic, rng)
                        add(cid, code, "edited_copy", edits, text)
            elif r < 0.80:  # hard negative: same templates, in the same order, different facts
                variant = [_fill(t, lang.slots, rng)[0] for t in templates]
                add(f"{cid}-tv", code, "template_variant", [], lang.join(variant, rng))
        # Hard negatives: shared long boilerplate with different bodies (each its own cluster).
        for b in range(12):
            boiler = _fill(lang.shared, lang.slots, random.Random(seed + (1 if code == "en" else 2)))[0]
            _, sents, _ = lang.doc_sentences(rng)
            body = lang.join(sents[: max(4, len(sents) // 2)], rng)
            add(f"{code}-bp{b:03d}", code, "shared_boilerplate", [], boiler + "\n\n" + body)
    return rows


def main() -> None:
    rows = build()
    write_jsonl(OUT, rows)
    kinds: dict[str, int] = {}
    for r in rows:
        kinds[str(r["kind"])] = kinds.get(str(r["kind"]), 0) + 1
    clusters = len({r["cluster"] for r in rows})
    print(f"wrote {len(rows)} records, {clusters} labelled clusters to {OUT}: {kinds}")


if __name__ == "__main__":
    main()
