"""The eighth fresh junk split (quality.eval.junk_fresh8) and good_docs9: reST sources and the plain-text guide parse
into prose paragraphs, files and sections split into a junk and a good half by key, makers are seeded and leave the
residue their docstrings promise. The whole split reads the unpacked packages (skipped without; ``--fetch``)."""

from __future__ import annotations

import random

import pytest

from corpusgov.quality.eval import good_docs9
from corpusgov.quality.eval import junk_fresh8 as jf8

RST = """Parameters
==========

.. currentmodule:: click

Click supports two types of parameters for scripts: options and arguments.
There is generally some confusion among authors of command line scripts.

*   automatic prompting for missing input

Use it like this::

    @click.command()
"""
EN = tuple(["Click supports two types of parameters for scripts: options and arguments. There is generally some "
            "confusion among authors of command line scripts of when to use which, so here is a quick overview."] * 4)
ZH = tuple(["如果跳过了对生成的配置文件的手工调整流程，则最终生成的二进制软件\n包将缺少有意义的软件包描述信息，但是仍然能为 "
            "dpkg 命令所使用，在\n本地部署环境下正常工作。"] * 4)


def test_rst_blocks_keep_prose_paragraphs_only() -> None:
    prose = [b for b in jf8._blocks(RST) if jf8._rst_prose(b)]
    assert len(prose) == 1 and prose[0][0].startswith("Click supports")


def test_makers_are_seeded_and_leave_their_mark() -> None:
    for kind, (lang, make) in jf8.FRESH8_KINDS.items():
        material = EN if lang == "en" else ZH
        if kind == "pinyin_zh":
            continue  # needs snownlp's reading table (prose sources); covered by the split test below
        a, b = make(random.Random(3), material), make(random.Random(3), material)
        assert a == b and len(a.strip()) >= 20 and a not in material, kind
    assert "=E2=80" in jf8.qp_mail_en(random.Random(1), (EN[0] + " It\u2019s so.",))
    assert "&#" in jf8.ncr_entities_zh(random.Random(2), ZH)
    assert "\\u" in jf8.unicode_escaped_zh(random.Random(2), ZH)
    diff = jf8.unified_diff_en(random.Random(4), EN)
    assert "@@ -" in diff and any(ln.startswith("+") for ln in diff.splitlines()[3:])
    assert max(len(ln) for ln in jf8.vertical_zh(random.Random(6), ZH).splitlines()) <= 14
    assert all(len(ln) <= 76 for ln in jf8._qp("x" * 300 + "\u2019" * 40).splitlines())


def test_keys_go_to_one_half() -> None:
    keys = [f"guide/{i}.{j}" for i in range(1, 11) for j in range(1, 21)]
    parts = [jf8.part_of(k) for k in keys]
    assert parts == [jf8.part_of(k) for k in keys] and 60 < parts.count("good") < 140


@pytest.mark.skipif(bool(jf8.missing()), reason="junk_fresh8 needs the unpacked docs (--fetch)")
def test_split_is_seeded_full_and_good_apart_from_junk() -> None:
    rows = jf8.make_fresh8(per_kind=3)
    assert rows == jf8.make_fresh8(per_kind=3)
    assert len(rows) == 3 * len(jf8.FRESH8_KINDS) and {r["kind"] for r in rows} == set(jf8.FRESH8_KINDS)
    good = good_docs9.make_good_docs9(per_lang=5)
    assert {r["set"] for r in good} == {"good_docs9_en", "good_docs9_zh"} and len(good) == 10
    for lang in ("en", "zh"):
        junk_keys = {p.key for _, p in jf8.paras(lang) if jf8.part_of(p.key) == "junk"}
        good_keys = {p.key for _, p in jf8.paras(lang) if jf8.part_of(p.key) == "good"}
        assert junk_keys and good_keys and not junk_keys & good_keys
    for lang in ("en", "zh"):
        assert not set(good_docs9.good_texts()[f"good_docs9_{lang}"]) & set(jf8.pool(lang, "junk"))
