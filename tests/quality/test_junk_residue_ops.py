"""The machine-residue operators (quality.eval.junk_residue_ops, a training option of the junk score): seeded, never
a no-op, the text's words kept, and each leaves the residue its docstring says."""

from __future__ import annotations

import random
import re

from corpusgov.quality.eval import junk_residue_ops as ops

EN = ["The runner reads every shard once. It writes each decision to a table. A failed worker is restarted. "
      "Nothing depends on the number of workers. A rerun gives the same table. Counters are summed per shard."]
ZH = ["流水线每次只读取一个分片。每篇文档的结果写入一张表。工作进程失败时会重新执行。结果与进程数量无关。重跑得到同一张表。"]


def test_every_operator_is_seeded_and_changes_the_text() -> None:
    assert set(ops.RESIDUE_KINDS) == {f"res_{n}_{lang}" for n in ("encode_chars", "decorate_tokens", "space_out",
                                                                     "prefix_lines", "machine_wrap", "normalise_tokens")
                                      for lang in ("en", "zh")}
    for kind, make in ops.RESIDUE_KINDS.items():
        texts = ZH if kind.endswith("_zh") else EN
        for seed in range(8):
            a, b = make(random.Random(seed), texts), make(random.Random(seed), texts)
            assert a == b and a.strip() and a != texts[0], (kind, seed)


def test_operators_leave_their_mark() -> None:
    for seed in range(6):
        enc = ops.RESIDUE_KINDS["res_encode_chars_zh"](random.Random(seed), ZH)
        assert len(re.findall(r"[\u4e00-\u9fff]", enc)) < len(re.findall(r"[\u4e00-\u9fff]", ZH[0]))
        spaced = ops.RESIDUE_KINDS["res_space_out_en"](random.Random(seed), EN)
        assert re.sub(r"\s|·", "", spaced) == re.sub(r"\s", "", EN[0])  # every letter kept, only pulled apart
        lines = ops.RESIDUE_KINDS["res_prefix_lines_en"](random.Random(seed), EN).splitlines()
        assert len(lines) >= 2
    tagged = ops.decorate_tokens(random.Random(1), EN, False)
    assert "runner" in tagged and len(tagged) > len(EN[0])


def test_operator_names_of_kinds() -> None:
    assert ops.residue_op("res_space_out_zh") == "space_out" and ops.residue_op("res_encode_chars_en") == "encode_chars"
    assert ops.residue_op("word_salad_en") == "" and set(map(ops.residue_op, ops.RESIDUE_KINDS)) == set(ops.RESIDUE_OPS)
