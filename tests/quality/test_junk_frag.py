"""The fragment junk split (quality.eval.junk_frag): makers are seeded and leave the mark their docstrings promise, pages
go to one half by name, good runs of paragraphs are bounded. The whole split reads the installed Debian installation
guide (skipped without)."""

from __future__ import annotations

import random

import pytest

from corpusgov.quality.eval import junk_frag as jfr

PARAS_EN = tuple(
    f"Step {i} of the installer asks for the name of the machine. It then writes the answer to the configuration file, "
    f"so that the next boot finds it. If the network is up, the installer also asks for the domain." for i in range(12))
PARAS_ZH = tuple(f"第{i}步安装程序会询问计算机的名字。然后它把答案写入配置文件，这样下次启动时就能找到。如果网络已经连通，安装程序还会询问域名。"
                 for i in range(12))
MATERIAL = {"en": {"paras": PARAS_EN, "heads": ("Boot loader", "Network setup", "Partitioning", "Mirror", "Keyboard"), "lang": ("en",)},
            "zh": {"paras": PARAS_ZH, "heads": ("引导程序", "网络设置", "磁盘分区", "镜像", "键盘"), "lang": ("zh",)}}


def test_makers_are_seeded_and_leave_their_mark() -> None:
    for kind, (lang, make) in jfr.FRAG_KINDS.items():
        a, b = make(random.Random(5), MATERIAL[lang]), make(random.Random(5), MATERIAL[lang])
        assert a == b and len(a.strip()) >= 20, kind
    two = jfr.two_columns(random.Random(1), MATERIAL["en"]).split("\n")
    assert all("   " in ln or len(ln) <= 45 for ln in two)  # a wide gap between the columns (or a last left line)
    cut = jfr.width_cut(random.Random(2), MATERIAL["en"])
    assert "\n" not in cut and "- " in cut  # a cut inside a word leaves "- "
    heads = jfr.sentence_heads(random.Random(3), MATERIAL["en"])
    assert not any(h.endswith(".") for h in heads.split("\n"))  # heads lose their sentence end
    caps = jfr.caption_residue(random.Random(4), MATERIAL["zh"])
    assert any(ln.startswith(("图", "表", "（a）", "0 10")) for ln in caps.split("\n"))


def test_pages_go_to_one_half_by_name_and_runs_are_bounded() -> None:
    names = [f"ch{i:02d}s{j:02d}.html" for i in range(10) for j in range(10)]
    parts = [jfr.part_of(n) for n in names]
    assert parts == [jfr.part_of(n) for n in names] and 30 < parts.count("good") < 70
    runs = jfr._chunks(("a" * 300,) * 7)
    assert [len(r) for r in runs] == [902, 902, 300]  # three paragraphs (900 characters) close a run; the tail is kept
    assert jfr._chunks(("short",)) == []


@pytest.mark.skipif(bool(jfr.missing()), reason="junk_frag needs the installation-guide-amd64 package")
def test_split_is_seeded_full_and_good_apart_from_junk() -> None:
    rows = jfr.make_frag(per_kind=2)
    assert rows == jfr.make_frag(per_kind=2)
    assert len(rows) == 2 * len(jfr.FRAG_KINDS) and {r["kind"] for r in rows} == set(jfr.FRAG_KINDS)
    good = jfr.make_good_frag(per_set=4)
    assert {r["set"] for r in good} >= {"good_frag_en", "good_frag_zh"}
    junk_paras = {p for lang in ("en", "zh") for p in jfr.material(lang)["paras"]}
    assert not any(p in junk_paras for g in good if g["set"] != "good_frag_man" for p in g["text"].split("\n"))
