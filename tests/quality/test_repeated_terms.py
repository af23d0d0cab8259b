"""Gopher's duplicate 5-10-gram rules skip reference prose whose duplicates are repeated terms (quality.ngram_repeats
.repeated_terms, the policy's ``unless: dup_ngram_terms``) but still drop copied text; nroff overstrikes are not
control-character damage."""

from __future__ import annotations

from pathlib import Path

from corpusgov.config import load_policy
from corpusgov.quality.ngram_repeats import copied_lines_frac, repeated_terms, templated_items
from corpusgov.quality.rule_table import compile_rules, failed_rules
from corpusgov.quality.signals import compute_signals, evaluate_rules

POLICY = load_policy(str(Path(__file__).resolve().parents[2] / "configs" / "demo" / "policy.yaml")).quality
SUBJECTS = ["queue", "worker", "task", "batch", "report", "table", "index", "buffer", "stream", "record", "cache",
            "lock", "timer", "socket", "thread", "signal", "pipe", "channel", "window", "frame"]
VERBS = ["holds", "sends", "keeps", "reads", "writes", "checks", "moves", "marks", "opens", "closes"]


def _glossary() -> str:
    """Entries that share stock phrases ("the value of the ... property is read when") in otherwise different
    sentences, as a glossary or property reference does."""
    out = []
    for i, s in enumerate(SUBJECTS):
        v, o = VERBS[i % len(VERBS)], SUBJECTS[(i * 7 + 3) % len(SUBJECTS)]
        out.append(f"{s}\nThe value of the {s} property is read when the {o} {v} a new entry; it is set by the "
                   f"{SUBJECTS[(i + 5) % 20]} and changed only by an administrator of the {SUBJECTS[(i + 11) % 20]}.")
    return "\n".join(out)


def test_ratio_and_stop_words_decide() -> None:
    assert repeated_terms(0.3, 0.05, 0.2) == 1.0  # most duplicated 5-grams in no duplicated 10-gram: terms
    assert repeated_terms(0.3, 0.28, 0.2) == 0.0  # nearly all inside duplicated 10-grams: copies
    assert repeated_terms(0.3, 0.0, 0.01) == 0.0  # no stop words: code, CSS, lists are left to the rules
    assert repeated_terms(0.0, 0.0, 0.3) == 0.0


def test_glossary_kept_and_copies_dropped() -> None:
    text = _glossary()
    sig = compute_signals(text, "en")
    assert sig["words"] >= 200 and sig["dup_5gram_frac"] > 0.15  # Gopher's 5-gram rule alone would drop it
    assert sig["dup_ngram_terms"] == 1.0
    failed = {n for n, _ in evaluate_rules(sig, POLICY)}
    assert not any(n.startswith("dup_") and n.endswith("gram_frac") for n in failed)
    assert failed_rules(sig, compile_rules(POLICY)) == evaluate_rules(sig, POLICY)
    paras = text.split("\n")
    copied = "\n".join(paras[:16] + paras[1:16:2] * 2)  # paragraphs pasted again at other offsets
    csig = compute_signals(copied, "en")
    assert csig["dup_ngram_terms"] == 0.0 and ("dup_10gram_frac", "drop") in evaluate_rules(csig, POLICY)


ZH_TERMS = ["日期函数", "月份数值", "年份字段", "序列编号", "格式字符", "单元区域", "筛选条件", "排序规则", "图表对象", "页面样式"]
ZH_ACTS = ["返回", "计算", "设置", "读取", "转换", "显示", "删除", "复制"]
ZH_CHARS = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"


def test_zh_ten_gram_rule_takes_the_terms_exemption() -> None:
    """A Chinese reference page repeats function and menu names and one stock pointer in different sentences
    (LibreOffice help); the same page with its clauses pasted again still drops."""
    lines = []
    for i in range(40):
        a, b = ZH_TERMS[i % 10], ZH_TERMS[(i * 3 + 1) % 10]
        tail = "详见「工具 - 选项」对话框。" if i % 3 == 0 else f"第{i + 1}个{ZH_CHARS[(i * 7) % 22]}。"
        lines.append(f"选择「{a}」后{ZH_ACTS[i % 8]}{ZH_CHARS[i % 22]}{ZH_CHARS[(i * 5) % 22]}中的「{b}」，{tail}")
    sig = compute_signals("\n".join(lines), "zh")
    assert sig["words"] >= 400 and sig["dup_10gram_frac"] > 0.15  # the zh 10-gram rule alone would drop it
    assert sig["dup_ngram_terms"] == 1.0
    assert "dup_10gram_frac_zh" not in {n for n, _ in evaluate_rules(sig, POLICY)}
    csig = compute_signals("\n".join(lines[:20] + lines[:20]), "zh")
    assert csig["dup_ngram_terms"] == 0.0 and ("dup_10gram_frac_zh", "drop") in evaluate_rules(csig, POLICY)

EDGES = ["left", "top", "right", "bottom"]
FIELDS = ["addressee", "sender", "return", "stamp"]


def _help_page() -> str:
    """A dialog's help page: one line per control, each a sentence of one shape with its own slot words, some with a
    pasted stock sentence (the LibreOffice / man-page option pattern); no line is a copy of another."""
    out = ["Format"]
    for e in EDGES:
        for f in FIELDS:
            out.append(f"Enter the amount of space that you want to leave between the {e} edge of the envelope and the "
                       f"{f} field. You can define the default units on the General page of the Options dialog.")
    return "\n".join(out)


def test_templated_items_kept_and_copied_lines_dropped() -> None:
    text = _help_page()
    sig = compute_signals(text, "en")
    assert sig["words"] >= 200 and sig["dup_10gram_frac"] > 0.5  # Gopher's 10-gram rule alone would drop it
    assert repeated_terms(sig["dup_5gram_frac"], sig["dup_10gram_frac"], 0.2) == 0.0  # not repeated terms: spans
    assert sig["dup_ngram_terms"] == 1.0  # ... but items of one shape
    assert not {n for n, _ in evaluate_rules(sig, POLICY)} & {f"dup_{n}gram_frac" for n in range(5, 11)}
    assert failed_rules(sig, compile_rules(POLICY)) == evaluate_rules(sig, POLICY)
    lines = text.split("\n")
    pasted = "\n".join(lines + lines[1:6])  # five of its lines pasted again: 10 of 22 lines are copies
    assert copied_lines_frac(pasted.split("\n")) > 0.15
    csig = compute_signals(pasted, "en")
    assert csig["dup_ngram_terms"] == 0.0 and ("dup_10gram_frac", "drop") in evaluate_rules(csig, POLICY)
    running = "\n".join(ln if i % 4 else f"Envelope printing guide, page {i // 4 + 1}" for i, ln in enumerate(lines))
    assert copied_lines_frac(running.split("\n")) > 0.15  # a running header whose page number changes is a copy
    paragraph = " ".join(lines[1:]) + "\n" + " ".join(lines[1:9])  # one block holding its own repeat: no items
    assert templated_items(paragraph.split("\n"), 0.2) == 0.0
    assert templated_items(lines, 0.01) == 0.0  # no stop words (code, CSS): left to the rules


def test_overstrikes_are_not_control_characters() -> None:
    plain = "The manual says: use the " + "b\bbo\bol\bld\bd" + " option and the " + "___\b\b\bfoo" + " file. " * 3
    assert compute_signals(plain, "en")["control_frac"] == 0.0
    assert compute_signals("bell \x07 and escape \x1b in text", "en")["control_frac"] > 0.0


def test_repeated_introducing_lines_are_scaffolding() -> None:
    """A help page that repeats "To make a move:" per section is templated, not copied (docs round 8); the same lines
    ending in a full stop are copies."""
    page = ["15-Puzzle", "The goal is to move all the tiles to their proper places.", "To make a move:",
            "Click on a tile next to the empty space.", "Whether you finished the current game or not:",
            "Click New Game in the header bar.", "Sam Loyd's Puzzle", "The goal is to swap the two last tiles.",
            "To make a move:", "Drag a whole row or column one step.", "Whether you finished the current game or not:",
            "Press the counter of moves and choose Restart."]
    assert copied_lines_frac(page) == 0.0
    copied = [ln.replace(":", ".") for ln in page]
    assert copied_lines_frac(copied) > 0.3
