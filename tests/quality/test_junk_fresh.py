"""The fresh junk makers (quality.eval.junk_fresh): seeded, deterministic, and each changes its source text in
the way its docstring says. Source texts are written here."""

from __future__ import annotations

import random
import re

from corpusgov.quality.eval import junk_fresh as jf
from corpusgov.quality.eval.junk_kinds import make_junk

EN = ["The runner reads every shard once. It writes the decision of each document to a table. A rerun on another "
      "machine gives the same table, because nothing depends on the number of workers.",
      "When a worker fails, the bundle is started again elsewhere. The output is the same. Counters are summed "
      "per shard and merged at the end."]
ZH = ["这个流水线每次只读取一个分片，并把每篇文档的处理结果写入一张表。如果某个工作进程失败，运行器会在另一个进程上"
      "重新执行这一批数据。", "山高云自在，水远月同行。夜静灯花落，风来竹影清。"]


def test_makers_are_deterministic_and_cover_every_kind() -> None:
    a = make_junk(ZH, EN, per_kind=3, seed=5, kinds=jf.FRESH_KINDS, set_name="junk_fresh")
    b = make_junk(ZH, EN, per_kind=3, seed=5, kinds=jf.FRESH_KINDS, set_name="junk_fresh")
    assert a == b and len(a) == 3 * len(jf.FRESH_KINDS) == 30
    assert all(r["text"].strip() and r["text"] not in EN + ZH for r in a)


def test_each_maker_leaves_its_mark() -> None:
    rng = random.Random(3)
    assert re.search(r"\d\d:\d\d:\d\d,\d{3} --> ", jf.subtitle_srt(rng, ZH))
    assert re.search(r"[¥￥]\d+\.\d\d", jf.product_listing_zh(rng, ZH))
    assert re.search(r"400-\d{3}-\d{4}", jf.seo_spam_zh(rng, ZH))
    assert "回复" in jf.comment_thread_zh(rng, ZH)
    ocr = jf.ocr_noise_zh(random.Random(4), [ZH[0] * 3])
    assert len(ocr) > 50 and sum(x != y for x, y in zip(ocr, ZH[0] * 3, strict=False)) > 5
    mt = jf.mt_word_by_word_en(random.Random(4), EN)
    assert re.search(r"[\u4e00-\u9fff]", mt) and re.search(r"[A-Za-z]{3}", mt)  # half translated, half not
    rep = jf.mutated_repeat_zh(random.Random(4), ZH)
    assert len(rep) >= 2 * min(len(t) for t in ZH)
    mash = jf.keyboard_mash(random.Random(4), ZH)
    assert re.search(r"[a-z;,./]{3,}", mash)
