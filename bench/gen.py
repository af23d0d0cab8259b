"""Deterministic synthetic bilingual corpus for the benchmark (about 1 KB of UTF-8 per document).

Text is built from Zipf-weighted vocabularies, so unrelated documents share few 5-grams (as in real data,
MinHash buckets stay small); a known fraction of documents carries planted PI (checksum-valid synthetic
identifiers), copyright / opt-out markers, lexicon hits, low-quality repetition, and exact or near copies of
earlier documents. Same (docs, seed) => byte-identical files.
"""

from __future__ import annotations

import argparse
import json
import os
import random
from dataclasses import dataclass
from itertools import accumulate

from corpusgov.quality.eval.textgen import near_copy
from corpusgov.quality.pii.checksums import luhn_check_digit, resident_id_check_char

EN_WORDS = (
    "the of and to in a is that for it as was with be by on not he this are or his from at which but have an "
    "they you were her she there been one all we their has would when if so no will more out up into do any "
    "your what some can only other new time could these two may first then people than like over such our "
    "year years city council report plan project service public school market water energy health data river "
    "board local state program support budget study research policy system community change growth local "
    "company industry network university hospital museum library station harbour district region village "
    "museum bridge railway farmer teacher student doctor engineer officer worker family history season "
    "morning evening weather summer winter spring autumn festival concert exhibition garden forest mountain "
    "island coast valley field road street building office factory product price cost income tax vote "
    "election court law rule right agreement contract meeting hearing review survey figure number percent "
    "million billion increase decrease improve expand reduce announce approve expect suggest argue explain "
    "describe measure collect publish include provide require develop manage design protect recover repair "
    "visit travel arrive leave return open close begin finish continue remain become seem appear happen "
    "important public private national regional international local small large major minor recent early "
    "late modern ancient traditional popular common special general clear strong weak quick slow careful "
    "quiet busy green bright dark cold warm heavy light simple complex direct final previous additional"
).split()
ZH_WORDS = (
    "我们 他们 这个 一个 没有 可以 因为 所以 如果 但是 已经 还是 就是 这些 那些 时候 现在 今天 明天 昨天 "
    "城市 农村 地区 国家 政府 部门 学校 医院 公司 企业 工厂 市场 经济 社会 文化 历史 科学 技术 教育 研究 "
    "发展 建设 管理 服务 工作 生活 环境 资源 能源 交通 铁路 公路 河流 山脉 湖泊 森林 草原 沙漠 气候 季节 "
    "春天 夏天 秋天 冬天 温度 降水 人口 居民 学生 老师 医生 工人 农民 专家 学者 记者 游客 作者 读者 "
    "提高 增加 减少 改善 推进 完善 加强 保护 恢复 开展 组织 参加 举行 发布 公布 报道 介绍 说明 表示 认为 "
    "重要 主要 基本 全面 明显 稳定 持续 快速 传统 现代 古代 当地 周边 沿线 附近 各地 全国 世界 国际 "
    "项目 计划 方案 政策 制度 标准 规定 措施 资金 投资 收入 成本 价格 产品 设备 材料 数据 信息 系统 网络 "
    "博物馆 图书馆 火车站 体育馆 文化节 展览会 音乐会 运动会 图书 文物 遗址 古城 寺庙 桥梁 港口 机场 "
    "春节 中秋 端午 茶叶 水稻 小麦 玉米 柑橘 苹果 竹子 丝绸 陶瓷 书法 绘画 戏曲 民歌 舞蹈 节目 电影 "
    "早上 中午 晚上 周末 假期 每年 每月 近年 目前 将来 过去 未来 同时 此外 另外 其中 包括 特别 尤其"
).split()
EN_TERM = [".", ".", ".", ".", "?", "!"]
ZH_PUNCT = ["，", "，", "，", "、"]
EN_SPAM = ["online casino", "casino bonus", "free spins"]
ZH_SPAM = ["网络赌博", "六合彩", "百家乐"]
COPYRIGHT_EN = ["© 2021 Example Media Ltd. All rights reserved.", "Copyright 2019 Example Press.",
                "This page is marked noai; the publisher reserves TDM reservation rights."]
COPYRIGHT_ZH = ["版权所有 © 2020 示例出版社，保留所有权利。", "本文著作权归作者所有，转载请注明出处。"]
REGIONS = ["110105", "310104", "440305", "330106", "510107", "420111", "320102", "370202"]

# Fractions of documents (of the whole corpus) with each planted property; the rest is clean text.
MIX = {"pii": 0.05, "copyright": 0.01, "spam": 0.004, "lowq": 0.02, "exact": 0.02, "near": 0.03}
SOURCES = ["bench_zh", "bench_en", "bench_mixed"]
TARGET_BYTES = 1024


@dataclass(frozen=True)
class CorpusInfo:
    root: str
    docs: int
    seed: int
    files: dict[str, list[str]]
    bytes: int


def _zipf_cum(n: int) -> list[float]:
    return list(accumulate(1.0 / (i + 1) ** 0.9 for i in range(n)))


_EN_CUM = _zipf_cum(len(EN_WORDS))
_ZH_CUM = _zipf_cum(len(ZH_WORDS))


def _en_text(rng: random.Random, target: int) -> str:
    out: list[str] = []
    size = 0
    while size < target:
        k = rng.randint(8, 20)
        words = rng.choices(EN_WORDS, cum_weights=_EN_CUM, k=k)
        words[0] = words[0].capitalize()
        if rng.random() < 0.3:
            words.insert(rng.randint(1, k - 1), str(rng.randint(2, 2025)))
        s = " ".join(words) + rng.choice(EN_TERM)
        out.append(s)
        size += len(s) + 1
    return " ".join(out)


def _zh_text(rng: random.Random, target_bytes: int) -> str:
    out: list[str] = []
    size = 0
    while size < target_bytes:
        k = rng.randint(6, 14)
        words = rng.choices(ZH_WORDS, cum_weights=_ZH_CUM, k=k)
        parts = []
        for i, w in enumerate(words):
            parts.append(w)
            if i < k - 1 and rng.random() < 0.25:
                parts.append(rng.choice(ZH_PUNCT))
        if rng.random() < 0.3:
            parts.insert(rng.randint(0, len(parts)), f"{rng.randint(2, 2025)}年")
        s = "".join(parts) + "。"
        out.append(s)
        size += len(s.encode("utf-8"))
    return "".join(out)


def _resident_id(rng: random.Random) -> str:
    body = (f"{rng.choice(REGIONS)}{rng.randint(1955, 2003)}{rng.randint(1, 12):02d}"
            f"{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}")
    return body + resident_id_check_char(body)


def _pii(rng: random.Random, zh: bool) -> str:
    if zh:
        kind = rng.randrange(4)
        if kind == 0:
            return f"联系电话1{rng.choice('3589')}{rng.randint(0, 9)}{rng.randint(0, 99999999):08d}。"
        if kind == 1:
            return f"身份证号码：{_resident_id(rng)}。"
        if kind == 2:
            partial = "62" + "".join(str(rng.randint(0, 9)) for _ in range(15))
            return f"收款银行卡号{partial}{luhn_check_digit(partial)}。"
        return f"邮箱 user{rng.randint(1, 99999)}@example.cn。"
    if rng.random() < 0.5:
        return f" Contact user{rng.randint(1, 99999)}@example.com for details."
    return f" Call ({rng.randint(201, 989)}) 555-{rng.randint(1000, 9999)} for details."


def _lowq(rng: random.Random, zh: bool) -> str:
    line = _zh_text(rng, 60) if zh else _en_text(rng, 60)
    return "\n".join([line] * rng.randint(8, 14))


def documents(docs: int, seed: int = 0):  # type: ignore[no-untyped-def]
    """Yields (source_id, row dict) for `docs` documents, deterministically from `seed`."""
    rng = random.Random(seed)
    recent: list[tuple[str, bool]] = []  # bounded pool of earlier texts for exact/near copies
    cuts = list(accumulate(MIX.values()))
    for i in range(docs):
        src = SOURCES[i % 3]
        zh = src == "bench_zh" or (src == "bench_mixed" and rng.random() < 0.5)
        u = rng.random()
        kind = next((k for k, c in zip(MIX, cuts, strict=True) if u < c), "clean")
        if kind in ("exact", "near") and recent:
            base, zh = recent[rng.randrange(len(recent))]
            text = base if kind == "exact" else near_copy(rng, base, zh)
        elif kind == "lowq":
            text = _lowq(rng, zh)
        else:
            text = _zh_text(rng, TARGET_BYTES) if zh else _en_text(rng, TARGET_BYTES)
            if kind == "pii":
                text += _pii(rng, zh)
            elif kind == "copyright":
                text += rng.choice(COPYRIGHT_ZH if zh else COPYRIGHT_EN)
            elif kind == "spam":
                text += rng.choice(ZH_SPAM if zh else EN_SPAM)
        if len(recent) < 2000:
            recent.append((text, zh))
        elif rng.random() < 0.05:
            recent[rng.randrange(len(recent))] = (text, zh)
        yield src, {"id": f"d{i:08d}", "text": text, "url": f"https://bench.example/{src}/{i}"}


def generate(root: str, docs: int, seed: int = 0, docs_per_file: int = 20_000) -> CorpusInfo:
    """Writes `root/<source>/part-NNNN.jsonl` (skips the work if a finished corpus of the same size exists)."""
    stamp = os.path.join(root, "_DONE.json")
    if os.path.exists(stamp):
        with open(stamp, encoding="utf-8") as f:
            info = json.load(f)
        if info.get("docs") == docs and info.get("seed") == seed:
            return CorpusInfo(root, docs, seed, info["files"], info["bytes"])
    os.makedirs(root, exist_ok=True)
    handles: dict[str, object] = {}
    counts = dict.fromkeys(SOURCES, 0)
    files: dict[str, list[str]] = {s: [] for s in SOURCES}
    total = 0
    per_source_file = max(1, docs_per_file // len(SOURCES))
    try:
        for src, row in documents(docs, seed):
            if counts[src] % per_source_file == 0:
                if src in handles:
                    handles[src].close()  # type: ignore[attr-defined]
                d = os.path.join(root, src)
                os.makedirs(d, exist_ok=True)
                path = os.path.join(d, f"part-{counts[src] // per_source_file:04d}.jsonl")
                handles[src] = open(path, "w", encoding="utf-8")  # noqa: SIM115 - closed below
                files[src].append(path)
            line = json.dumps(row, ensure_ascii=False) + "\n"
            handles[src].write(line)  # type: ignore[attr-defined]
            total += len(line.encode("utf-8"))
            counts[src] += 1
    finally:
        for h in handles.values():
            h.close()  # type: ignore[attr-defined]
    with open(stamp, "w", encoding="utf-8") as f:
        json.dump({"docs": docs, "seed": seed, "files": files, "bytes": total}, f)
    return CorpusInfo(root, docs, seed, files, total)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default="bench/out/corpus")
    a = ap.parse_args()
    info = generate(a.out, a.docs, a.seed)
    print(json.dumps({"root": info.root, "docs": info.docs, "bytes": info.bytes}))


if __name__ == "__main__":
    main()
