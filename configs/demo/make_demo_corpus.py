"""Generate the demo corpus deterministically: `python configs/demo/make_demo_corpus.py`.

Seven sources of different acquisition types and formats, Chinese and English, with planted personal
information (valid checksums, recorded with exact offsets in `data/planted_pii.jsonl`), exact and near
duplicates (`data/planted_duplicates.jsonl`), copyright notices, a source over the screening threshold, a
source missing its contract evidence, low-quality and malformed records, and a `<script>` tag the dashboard
must escape. All identifiers are synthetic.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.normpath(os.path.join(HERE, "..", "..")))

from corpusgov.quality.eval.textgen import near_copy  # noqa: E402
from corpusgov.quality.pii import synth  # noqa: E402

DATA = os.path.join(HERE, "data")
SEED = 20231115

ZH_TOPICS = ["长江", "黄河", "泰山", "敦煌", "西湖", "丝绸之路", "青藏高原", "珠江三角洲", "大运河", "秦岭",
             "洞庭湖", "武夷山", "黄山", "鄱阳湖", "太湖", "华北平原", "四川盆地", "云贵高原", "东北平原", "塔里木盆地"]
ZH_FIELDS = ["地理", "历史", "生态", "经济", "文化", "交通", "气候", "水利", "旅游", "农业"]
ZH_TEMPLATES = [
    "{t}是中国重要的{f}研究对象，相关记载最早可以追溯到{y}年前后。",
    "据{y}年的统计，该地区常住人口约为{n}万人，其中城镇人口占比持续上升。",
    "学者普遍认为，这里的地貌形成与长期的地质运动和气候变化密切相关。",
    "在{f}领域，它常被作为典型案例，用来说明自然条件与人类活动之间的相互影响。",
    "沿线分布着{n}余处文物保护单位，其中一些已被列入世界遗产名录。",
    "近年来，地方政府推进生态修复工程，累计投入资金约{n}亿元。",
    "一带的年平均气温约为{d}摄氏度，降水主要集中在夏季。",
    "关于名称的由来，史书中有多种说法，至今仍有争议。",
    "{y}年以后，随着交通条件改善，其{f}功能逐渐增强。",
    "研究人员在附近发现了大量化石，为理解古代环境提供了重要线索。",
    "发展经历了起步、调整和提升三个阶段，每个阶段都有鲜明特点。",
    "每年春秋两季，前来参观考察的游客和研究者络绎不绝。",
    "为保护生物多样性，有关部门划定了面积约{n}平方公里的保护区。",
    "古代这里曾是重要的贸易通道，沿途城市因此繁荣起来。",
    "居民世代生活在周围，形成了独具特色的民俗和饮食习惯。",
    "地方志记载，{y}年曾发生一次较大规模的洪水，对下游造成严重影响。",
    "清代学者{p}在笔记中描述过此地的山川形胜，文字简练而生动。",
    "二十世纪{dd}年代，考察队首次对该区域进行了系统测绘。",
    "如今，高速铁路把沿岸{n}座城市串联起来，通勤时间大大缩短。",
    "当地出产的茶叶、柑橘和竹制品远销海内外。",
    "专家建议进一步完善监测网络，及时掌握水位和水质的变化。",
    "博物馆里陈列着出土的陶器、铜镜和简牍，吸引了不少中小学生。",
    "冬季偶有寒潮南下，最低气温可降到零下{d}度左右。",
    "每逢传统节日，村民会举行舞龙、赛舟等活动，热闹非凡。",
    "过度开采曾导致部分湿地退化，近十年才逐步恢复。",
    "《{b}》一书对这一地区的风物有较为详细的记述。",
    "从空中俯瞰，河道蜿蜒曲折，两岸农田阡陌纵横。",
    "一些濒危鸟类在此越冬，观鸟爱好者常常在清晨守候。",
]
ZH_PEOPLE = ["顾炎武", "徐霞客", "郦道元", "沈括", "魏源", "李时珍"]
ZH_BOOKS = ["水经注", "徐霞客游记", "天下郡国利病书", "梦溪笔谈", "读史方舆纪要"]
EN_TOPICS = ["the city council", "a regional hospital", "the state university", "a local bakery", "the transit agency",
             "a wildlife charity", "the public library", "a robotics startup", "the harbour authority", "a farmers' cooperative",
             "the county museum", "a solar energy firm", "the school district", "a community theatre", "the water utility"]
EN_TEMPLATES = [
    "On {m} {d}, {t} announced a plan to expand its services over the next {n} years.",
    "Officials said the budget for the project would reach about {n} million dollars.",
    "Residents who attended the meeting raised questions about noise, traffic and parking.",
    "According to a report published in {y}, demand has grown steadily since the pandemic.",
    "The proposal still needs approval from the regional planning board before work can begin.",
    "{T} has operated in the area since {y} and employs roughly {n} people.",
    "A spokesperson declined to comment on the timeline but promised further updates.",
    "Critics argue that the money could be better spent on maintenance of existing facilities.",
    "Supporters, however, point to similar programmes that reduced costs by {d} percent.",
    "The first phase is expected to finish before the end of {y2}, weather permitting.",
    "Local businesses welcomed the news, saying it would bring more visitors to the district.",
    "Volunteers collected more than {n} signatures in favour of the plan within a week.",
    "An independent audit found no irregularities in how {t} handled the previous grant.",
    "The board will hold a public hearing next month to gather additional feedback.",
    "Experts cautioned that rising material prices could push the final cost higher.",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
SPAM_ZH = ["网络赌博", "博彩", "六合彩", "代开发票", "刷单"]
SPAM_EN = ["casino bonus", "free spins", "online betting"]


def zh_doc(rng: random.Random, k: int | None = None) -> str:
    t, f = rng.choice(ZH_TOPICS), rng.choice(ZH_FIELDS)
    k = k or rng.randint(6, 11)
    sents = [tpl.format(t=t, f=f, y=rng.randint(1850, 2022), n=rng.randint(3, 980), d=rng.randint(4, 24),
                        p=rng.choice(ZH_PEOPLE), b=rng.choice(ZH_BOOKS), dd=rng.choice([30, 50, 60, 80]))
             for tpl in rng.sample(ZH_TEMPLATES, k)]
    return "".join(sents)


def en_doc(rng: random.Random, k: int | None = None) -> str:
    t = rng.choice(EN_TOPICS)
    k = k or rng.randint(6, 11)
    y = rng.randint(1950, 2023)
    sents = [tpl.format(t=t, T=t[0].upper() + t[1:], m=rng.choice(MONTHS), d=rng.randint(1, 28), n=rng.randint(2, 900),
                        y=y, y2=y + rng.randint(1, 5))
             for tpl in rng.sample(EN_TEMPLATES, k)]
    return " ".join(sents)


# --- planted personal information: synthetic, checksum-valid values from corpusgov.quality.pii.synth ---
class Planter:
    """Inserts PI into a document and records (entity_type, start, end, value) against the document."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def plant_zh(self, text: str, kinds: list[str]) -> tuple[str, list[dict]]:
        found = []
        for kind in kinds:
            value, cue = {
                "CN_RESIDENT_ID": (synth.resident_id(self.rng), "身份证号码："),
                "CN_MOBILE": (synth.cn_mobile(self.rng), "联系电话"),
                "CN_BANK_CARD": (synth.unionpay_card(self.rng), "收款银行卡号"),
                "EMAIL_ADDRESS": (synth.email(self.rng), "邮箱"),
                "CN_LANDLINE": (synth.cn_landline(self.rng), "办公电话："),
                "CN_PASSPORT": (synth.cn_passport(self.rng), "护照号码"),
                "CN_USCC": (synth.uscc(self.rng), "统一社会信用代码："),
                "IP_ADDRESS": (synth.ipv4(self.rng), "登录IP："),
            }[kind]
            name = synth.cn_name(self.rng)
            sentence_head = f"如需核实，请联系{name}，{cue}"
            start = len(text) + len(sentence_head)
            text = text + sentence_head + value + "。"
            found.append({"entity_type": kind, "start": start, "end": start + len(value), "value": value})
        return text, found

    def plant_en(self, text: str, kinds: list[str]) -> tuple[str, list[dict]]:
        found = []
        for kind in kinds:
            value = {"EMAIL_ADDRESS": synth.email(self.rng), "PHONE_NUMBER": synth.us_phone(self.rng),
                     "US_SSN": synth.us_ssn(self.rng)}[kind]
            head = " The leaked form listed the SSN " if kind == "US_SSN" else " For details contact the newsroom at "
            start = len(text) + len(head)
            text = text + head + value + "."
            found.append({"entity_type": kind, "start": start, "end": start + len(value), "value": value})
        return text, found


def write_jsonl(path: str, rows: list, gz: bool = False) -> None:
    """Rows are dicts (serialised) or bytes (written verbatim, for malformed lines)."""
    buf = io.BytesIO()
    for r in rows:
        buf.write(r if isinstance(r, bytes) else (json.dumps(r, ensure_ascii=False) + "\n").encode("utf-8"))
    data = buf.getvalue()
    if gz:
        with open(path, "wb") as f, gzip.GzipFile(fileobj=f, mode="wb", mtime=0, filename="") as g:
            g.write(data)
    else:
        with open(path, "wb") as f:
            f.write(data)


def main() -> None:
    rng = random.Random(SEED)
    planter = Planter(rng)
    planted: list[dict] = []
    dups: list[dict] = []
    for sub in ("zh_encyclopedia", "en_news", "zh_forum", "user_feedback", "spam_crawl", "vendor_docs", "synthetic_qa"):
        os.makedirs(os.path.join(DATA, sub), exist_ok=True)

    # 1. zh_encyclopedia: open licence, JSONL.gz, two files. Planted near-duplicates and a no-reprint conflict.
    enc_rows: list[list] = [[], []]
    enc_texts = []
    for i in range(900):
        text = zh_doc(rng)
        if i % 150 == 7:
            text += "本文版权归原作者所有，未经许可不得转载。"
        if i % 97 == 3:
            text += "本文内容以知识共享署名-相同方式共享 4.0 协议（CC BY-SA 4.0）发布。"
        enc_texts.append(text)
        enc_rows[i % 2].append({"id": f"enc-{i:05d}", "text": text, "title": f"条目{i}", "url": f"https://wiki.example.cn/item/{i}"})
    for j in range(40):  # near-duplicate copies of earlier entries
        src = rng.randrange(0, 600)
        copy = near_copy(rng, enc_texts[src], zh=True)
        enc_rows[1].append({"id": f"enc-copy-{j:03d}", "text": copy, "title": "转载", "url": f"https://wiki.example.cn/copy/{j}"})
        dups.append({"source_id": "zh_encyclopedia", "original": f"enc-{src:05d}", "copy": f"enc-copy-{j:03d}", "kind": "near"})
    enc_rows[0].append(b'{"id": "enc-bad-1", "text": "\xe6\x9c\xaa\xff\xfe\xe5\x8a\xa0"}\n')  # invalid UTF-8
    enc_rows[0].append(b'{"id": "enc-bad-2", "text": "truncated json\n')
    enc_rows[1].append({"id": "enc-bad-3", "title": "no text field"})
    enc_rows[1].append({"id": "enc-bad-4", "text": 12345})
    enc_rows[1].append({"id": "enc-bad-5", "text": "   "})
    write_jsonl(os.path.join(DATA, "zh_encyclopedia", "part-0.jsonl.gz"), enc_rows[0], gz=True)
    write_jsonl(os.path.join(DATA, "zh_encyclopedia", "part-1.jsonl.gz"), enc_rows[1], gz=True)

    # 2. en_news: self-collected crawl, JSONL. PI (emails, phones), copyright notices, exact duplicates.
    news = []
    for i in range(800):
        text = en_doc(rng)
        pii = []
        if i % 9 == 0:
            text, pii = planter.plant_en(text, ["EMAIL_ADDRESS"] if i % 2 else ["PHONE_NUMBER", "EMAIL_ADDRESS"])
        if i % 37 == 11:
            text, more = planter.plant_en(text, ["US_SSN"])
            pii += more
        if i % 40 == 5:
            text += f" © {rng.randint(2015, 2024)} Example News Group. All rights reserved."
        if i % 111 == 50:
            text += " This article may not be used for AI training (noai)."
        if i == 123:
            text += ' <script>alert("xss")</script> Reader comment: <b>great</b>.'
        news.append({"url": f"https://news.example.com/a/{i}", "body": text, "section": rng.choice(["local", "business"])})
        for p in pii:
            planted.append({"source_id": "en_news", "file": "data/en_news/crawl.jsonl", "index": i, **p})
    for j in range(25):  # exact duplicates: syndicated copies
        src = rng.randrange(0, 700)
        news.append({**news[src], "url": f"https://mirror.example.net/a/{j}"})
        dups.append({"source_id": "en_news", "original_index": src, "copy_index": len(news) - 1, "kind": "exact"})
    for j in range(10):  # short and repetitive pages the quality rules catch
        news.append({"url": f"https://news.example.com/tag/{j}", "body": "Click here. " * rng.randint(30, 60), "section": "tag"})
    news.append({"url": "https://news.example.com/x", "body": "Ã©tÃ© â€™ garbled â€œ textâ€ " * 12, "section": "x"})
    for j in range(6):  # other languages, flagged by the language policy
        news.append({"url": f"https://news.example.com/fr/{j}", "section": "intl", "body":
                     "La mairie a annoncé un nouveau projet pour améliorer les transports publics dans le quartier. "
                     f"Les habitants pourront donner leur avis lors d'une réunion publique le {j + 3} mai."})
    write_jsonl(os.path.join(DATA, "en_news", "crawl.jsonl"), news)

    # 3. zh_forum: commercial licence with contract, Parquet. Chinese PI planted.
    import pyarrow as pa
    import pyarrow.parquet as pq

    forum = []
    kinds_cycle = [["CN_MOBILE"], ["CN_RESIDENT_ID"], ["CN_BANK_CARD"], ["EMAIL_ADDRESS", "CN_MOBILE"], ["CN_LANDLINE"],
                   ["CN_PASSPORT"], ["CN_USCC"], ["IP_ADDRESS"]]
    for i in range(700):
        text = zh_doc(rng, rng.randint(4, 8))
        pii = []
        if i % 6 == 0:
            text, pii = planter.plant_zh(text, kinds_cycle[(i // 6) % len(kinds_cycle)])
        if i % 50 == 10:
            text += "转载请注明出处。"
        forum.append({"post_id": f"p{i:05d}", "content": text, "board": rng.choice(["旅游", "历史", "摄影"])})
        for p in pii:
            planted.append({"source_id": "zh_forum", "file": "data/zh_forum/posts.parquet", "index": i, **p})
    for j in range(20):  # cross-source near duplicates of encyclopedia entries
        src = rng.randrange(0, 600)
        forum.append({"post_id": f"p-copy-{j:03d}", "content": near_copy(rng, enc_texts[src], zh=True), "board": "转帖"})
        dups.append({"source_id": "zh_forum", "original": f"enc-{src:05d}", "copy": f"p-copy-{j:03d}", "kind": "near"})
    pq.write_table(pa.Table.from_pylist(forum), os.path.join(DATA, "zh_forum", "posts.parquet"), compression="zstd")

    # 4. user_feedback: user-authorised, CSV, zh and en, legal basis consent.
    fb_path = os.path.join(DATA, "user_feedback", "feedback.csv")
    with open(fb_path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["ticket", "message", "channel"])
        for i in range(300):
            if i % 2:
                text = "用户反馈：" + zh_doc(rng, rng.randint(3, 5))
                pii = []
                if i % 10 == 1:
                    text, pii = planter.plant_zh(text, ["CN_MOBILE"])
            else:
                text = "Customer feedback: " + en_doc(rng, rng.randint(3, 5))
                pii = []
                if i % 10 == 0:
                    text, pii = planter.plant_en(text, ["EMAIL_ADDRESS"])
            w.writerow([f"T{i:04d}", text, rng.choice(["app", "web"])])
            for p in pii:
                planted.append({"source_id": "user_feedback", "file": "data/user_feedback/feedback.csv", "index": i, **p})
        w.writerow(["T-bad", "only two columns"])

    # 5. spam_crawl: self-collected, over the 5% screening threshold (about 20% of pages hit the lexicon).
    spam = []
    for i in range(200):
        text = zh_doc(rng, 5) if i % 2 else en_doc(rng, 5)
        if i % 5 == 0:
            text += (" 点击进入" + rng.choice(SPAM_ZH)) if i % 2 else (" Claim your " + rng.choice(SPAM_EN) + " now!")
        spam.append({"text": text, "url": f"https://spam.example.org/{i}"})
    write_jsonl(os.path.join(DATA, "spam_crawl", "pages.jsonl"), spam)

    # 6. vendor_docs: commercial, but the contract reference is missing -> rejected. Plain text files.
    for i in range(60):
        text = en_doc(rng) if i % 3 else zh_doc(rng)
        with open(os.path.join(DATA, "vendor_docs", f"doc-{i:03d}.txt"), "w", encoding="utf-8") as f:
            f.write(text + "\n")
    with open(os.path.join(DATA, "vendor_docs", "doc-empty.txt"), "wb") as f:
        f.write(b"")

    # 7. synthetic_qa: synthetic, JSONL.
    qa = []
    for i in range(250):
        if i % 2:
            q = zh_doc(rng, 2)
            text = f"问：{q[:30]}？\n答：{zh_doc(rng, 4)}"
        else:
            text = f"Q: {en_doc(rng, 1)}\nA: {en_doc(rng, 4)}"
        qa.append({"qid": i, "text": text, "generator": "demo-template-v1"})
    write_jsonl(os.path.join(DATA, "synthetic_qa", "qa.jsonl"), qa)

    write_jsonl(os.path.join(DATA, "planted_pii.jsonl"), planted)
    write_jsonl(os.path.join(DATA, "planted_duplicates.jsonl"), dups)

    # Evidence files referenced by sha256 from the registry.
    ev = os.path.join(HERE, "evidence")
    os.makedirs(ev, exist_ok=True)
    docs = {
        "forum_contract.txt": "Data licence agreement DLA-2024-017 between Example Forum Ltd. and the provider.\n"
                              "Supplier commits that users consented to redistribution for model training.\n",
        "user_authorisation.txt": "User authorisation records: consent form v3 accepted in the feedback app; "
                                  "export of 300 consent receipts, 2024-03-01.\n",
        "cc-by-sa-4.0.txt": "Creative Commons Attribution-ShareAlike 4.0 International (CC BY-SA 4.0). "
                            "Legal code: https://creativecommons.org/licenses/by-sa/4.0/legalcode\n",
    }
    for name, body in docs.items():
        with open(os.path.join(ev, name), "w", encoding="utf-8") as f:
            f.write(body)
    for name in sorted(docs):
        with open(os.path.join(ev, name), "rb") as f:
            print(f"{name} sha256 {hashlib.sha256(f.read()).hexdigest()}")
    print(f"planted PI values: {len(planted)}; planted duplicate pairs: {len(dups)}")


if __name__ == "__main__":
    main()
