"""The generic corruption operators (quality.eval.junk_operators, a training option of the junk score): seeded,
every word from the texts given, and each changes the text the way its docstring says."""

from __future__ import annotations

import random
import re

from corpusgov.quality.eval import junk_operators as ops

EN = ["The runner reads every shard once. It writes each decision to a table. A failed worker is restarted. "
      "Nothing depends on the number of workers. A rerun gives the same table. Counters are summed per shard.",
      "Reports hold counts only. They never quote a document. The manifest names every input file by hash."]
ZH = ["流水线每次只读取一个分片。每篇文档的结果写入一张表。工作进程失败时会重新执行。结果与进程数量无关。重跑得到同一张表。计数器按分片求和。",
      "报告只含统计数字。报告从不引用原文。清单用哈希值记录每个输入文件。"]


def test_every_operator_is_seeded_and_changes_the_text() -> None:
    assert set(ops.OPERATOR_KINDS) == {f"op_{n}_{lang}" for n in ("permute", "splice", "repeat", "truncate", "chrome",
                                                                     "listing") for lang in ("en", "zh")}
    for kind, make in ops.OPERATOR_KINDS.items():
        texts = ZH if kind.endswith("_zh") else EN
        for seed in range(5):
            a, b = make(random.Random(seed), texts), make(random.Random(seed), texts)
            assert a == b and a.strip() and a not in texts, (kind, seed)


def test_operators_keep_the_words_and_leave_their_mark() -> None:
    words = set(" ".join(EN).replace(".", " ").split())
    for seed in range(5):
        permuted = ops.OPERATOR_KINDS["op_permute_en"](random.Random(seed), EN[:1])
        assert set(permuted.replace(".", " ").split()) <= words
    rep = ops.OPERATOR_KINDS["op_repeat_en"](random.Random(3), EN[:1])
    assert len(rep) > len(EN[0])
    listing = ops.OPERATOR_KINDS["op_listing_zh"](random.Random(4), ZH).splitlines()
    assert len(listing) >= 5 and all(re.search(r"\d", ln) for ln in listing)
    for seed in range(5):  # every unit cut to a prefix: shorter than the texts, made of their words
        stumps = ops.OPERATOR_KINDS["op_truncate_en"](random.Random(seed), EN)
        assert len(stumps) < len(" ".join(EN)) and stumps.split()[0] in words
