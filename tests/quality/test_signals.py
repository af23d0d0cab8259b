"""Quality signals: fixed key set, ranges, Chinese vs English behaviour, rule evaluation, odd input."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from corpusgov.quality.quality_policy import QualityPolicy, RuleSpec
from corpusgov.quality.signals import SIGNAL_NAMES, compute_signals, default_quality_rules, evaluate_rules

EN = (
    "The city council approved the new budget for public libraries after a long debate on Tuesday evening. "
    "Most of the volunteers arrived early and started sorting the donated books by subject. "
    "Researchers found that the bridge had been designed to carry far less traffic than it does today.\n"
    "If you want to renew your passport, you should apply at least three months before you travel. "
    "The weather forecast warns of heavy rain and strong winds along the northern coast this weekend."
)
ZH = (
    "市议会星期二晚上经过长时间讨论，批准了公共图书馆的新预算。大多数志愿者很早就到了，开始按照主题整理居民捐赠的书籍。"
    "研究人员发现，这座桥当年设计的通行能力远远低于现在的实际车流量。\n如果您想办理护照续签，请至少在出发前三个月提交申请。"
    "气象部门提醒，这个周末北部沿海地区将有大雨和强风。她在我们小区附近的学校教数学已经将近二十年了。"
)
# symbol_word_ratio and newline_ratio are per-word rates, legitimately above 1 ("0\n\n" has 2 newlines per word).
FRACTIONS = [n for n in SIGNAL_NAMES if n.endswith(("_frac", "_ratio")) and n not in ("symbol_word_ratio", "newline_ratio")]
POLICY = QualityPolicy(rules=default_quality_rules())


def _check(sig: dict[str, float]) -> None:
    assert tuple(sig) == SIGNAL_NAMES
    assert all(isinstance(v, float) and math.isfinite(v) for v in sig.values())
    for n in FRACTIONS:
        assert 0.0 <= sig[n] <= 1.0, n


@pytest.mark.parametrize(
    "text", ["", "\x00", "\n\n\n", "a", "中", "\ud800", "lone \udfff surrogate", "x" * 50_000, "中文" * 25_000,
             "word " * 10_000, "\ufffd" * 10, "#" * 100, "... …\n" * 50]
)
@pytest.mark.parametrize("lang", ["en", "zh-Hans", "und", None, "xx"])
def test_never_raises_all_finite(text: str, lang: str | None) -> None:
    _check(compute_signals(text, lang))


def test_clean_english_and_chinese_pass_default_rules() -> None:
    en, zh = compute_signals(EN, "en"), compute_signals(ZH, "zh-Hans")
    _check(en)
    _check(zh)
    assert en["spaced"] == 1.0 and zh["spaced"] == 0.0
    assert en["words"] == len(EN.split())
    assert 3 <= en["mean_word_length"] <= 10 and zh["mean_word_length"] == 1.0
    assert en["stopword_hits"] >= 2 and zh["stopword_hits"] >= 2
    assert zh["cjk_frac"] > 0.8 and en["cjk_frac"] == 0.0
    assert en["no_terminal_punct_lines_frac"] == 0.0 and zh["no_terminal_punct_lines_frac"] == 0.0
    assert evaluate_rules(en, POLICY) == []
    # The Chinese text is short (< 200 chars) so only the length flag fires; word rules are not applied.
    assert {r for r, _ in evaluate_rules(zh, POLICY)} <= {"chars_min_unspaced"}


def test_repetition_signals_exact_values() -> None:
    # 4 words repeated 3 times: every 5..10-gram occurs at least twice, covering all characters.
    rep = compute_signals("alpha beta gamma delta " * 3, "en")
    assert rep["dup_5gram_frac"] == 1.0 and rep["dup_8gram_frac"] == 1.0
    # 12 words with period 4: the 9- and 10-grams (positions 0-3 / 0-2) are all distinct.
    assert rep["dup_9gram_frac"] == 0.0 and rep["dup_10gram_frac"] == 0.0
    # "alpha beta", "beta gamma", "gamma delta" occur 3 times each; ties count the longest (10 chars):
    # 3 * 10 of 3 * 19 word characters.
    assert rep["top_2gram_frac"] == pytest.approx(30 / 57)
    # Chinese: characters are the tokens.
    zh = compute_signals("天气很好" * 5, "zh-Hans")
    assert zh["top_2gram_frac"] == pytest.approx(2 * 5 / 20)
    assert zh["dup_5gram_frac"] == 1.0
    clean = compute_signals(EN, "en")
    assert clean["dup_5gram_frac"] == 0.0 and clean["top_4gram_frac"] == 0.0


def test_duplicate_lines_and_paragraphs() -> None:
    text = "same line here\nsame line here\nsame line here\nother line\n\nsame line here\nsame line here"
    s = compute_signals(text, "en")
    assert s["dup_line_frac"] == pytest.approx(4 / 6)
    assert s["dup_line_char_frac"] == pytest.approx(4 * 14 / (5 * 14 + 10))
    assert s["dup_para_frac"] == 0.0
    assert s["char_dup_frac"] == pytest.approx(4 * 14 / len(text))


def test_line_rules_bullets_ellipsis_c4_flags() -> None:
    text = "• first point…\n• second point...\n- third point\nlorem ipsum dolor\nvar x = {a: 1}; // javascript"
    s = compute_signals(text, "en")
    assert s["bullet_lines_frac"] == pytest.approx(3 / 5)
    assert s["ellipsis_lines_frac"] == pytest.approx(2 / 5)
    assert s["lorem_ipsum"] == 1.0 and s["curly_bracket"] == 1.0 and s["javascript"] == 1.0
    assert s["short_lines_frac"] == 1.0
    failed = dict(evaluate_rules(s, POLICY))
    assert failed["lorem_ipsum"] == "drop"
    assert "ellipsis_lines_frac" not in failed  # 17 words: below the rule's min_words (50)
    assert failed["curly_bracket"] == "flag" and failed["javascript"] == "flag"
    assert "bullet_lines_frac" not in failed  # 0.6 <= 0.9
    long_text = "\n".join(f"line {i} of a truncated listing with several more words here..." for i in range(10))
    assert dict(evaluate_rules(compute_signals(long_text, "en"), POLICY))["ellipsis_lines_frac"] == "drop"


def test_min_words_gates_repetition_rules() -> None:
    """A short poem with a refrain is not judged by Gopher's n-gram rules; a long repetitive page is."""
    poem = "綢繆束薪，三星在天。今夕何夕？見此良人！子兮子兮！如此良人何！\n" * 2
    assert not [r for r, a in evaluate_rules(compute_signals(poem, "zh-Hant"), POLICY) if a == "drop"]
    page = "buy cheap watches online best price " * 60
    failed = dict(evaluate_rules(compute_signals(page, "en"), POLICY))
    assert failed["top_2gram_frac"] == "drop" and failed["lexical_diversity"] == "drop"


def test_naturalness_signals_separate_soup_from_text() -> None:
    prose = "The module provides functions for working with dates and times in both simple and complex ways. " * 2
    soup = "wshzdktdm zc owispplvym btiprlsxjyjp btdgkwclo vwhk rjfcdra ehdnpidwyrt xuwukkcqb zlc badcjawpdgj"
    assert compute_signals(prose, "en")["latin_logp"] > -5.0
    assert compute_signals(soup, "en")["latin_logp"] < -5.5
    zh = "从混合源档案库中安装软件包是不被官方发行版所支持的，除了官方支持的档案库的特殊组合以外。"
    rare = "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(60))
    assert compute_signals(zh, "zh-Hans")["han_logfreq"] > -5.0
    assert compute_signals(rare, "zh-Hans")["han_logfreq"] < -5.9


def test_table_borders_are_layout_not_repetition() -> None:
    rows = "\n".join(f"| item {i} | value number {i} with some words |\n+--------+--------------------+" for i in range(30))
    s = compute_signals(rows, "en")
    assert s["dup_line_frac"] == 0.0 and s["letters_frac"] > 0.5
    table = "\n".join(" ".join(str(i * j * 37 % 9973) for j in range(6)) for i in range(20))
    assert compute_signals(table, "en")["letters_frac"] == 0.0


def test_short_fragment_without_a_sentence() -> None:
    assert compute_signals("[中文版最新更新] 2001/12/26", "zh-Hans")["short_no_sentence"] == 1.0
    assert compute_signals("子罕言利，与命，与仁。", "zh-Hans")["short_no_sentence"] == 0.0


def test_default_rules_equal_the_demo_policy() -> None:
    from corpusgov.config import load_policy

    demo = load_policy(str(Path(__file__).resolve().parents[2] / "configs" / "demo" / "policy.yaml"))
    assert demo.quality.rules == POLICY.rules


def test_chinese_terminal_punctuation_counts() -> None:
    s = compute_signals("今天天气很好。\n我们去公园吧！\n你觉得呢？\n没有标点的行", "zh-Hans")
    assert s["no_terminal_punct_lines_frac"] == pytest.approx(1 / 4)
    assert s["line_punct_ratio"] == pytest.approx(3 / 4)
    assert s["sentences"] == 3.0


def test_encoding_damage() -> None:
    ok = compute_signals("Café, naïve, déjà vu — “quoted” ‘text’ über straße.", "fr")
    assert ok["mojibake_frac"] == 0.0 and ok["replacement_chars"] == 0.0 and ok["control_frac"] == 0.0
    bad = compute_signals("CafÃ© itâ€™s ä¸­æ–‡ 锟斤拷烫烫烫 \ufffd\ufffd \x01\x02", "en")
    assert bad["mojibake_frac"] > 0.3
    assert bad["replacement_chars"] == 2.0 and bad["replacement_frac"] > 0
    assert bad["control_frac"] > 0
    failed = {r for r, _ in evaluate_rules(bad, POLICY)}
    assert {"mojibake_frac", "replacement_frac", "control_frac"} <= failed


def test_stopwords_and_scoped_rules() -> None:
    no_stop = compute_signals("Quarterly revenue increased significantly across regions.", "en")
    assert no_stop["stopword_hits"] == 0.0 and no_stop["stopword_list"] == 1.0
    assert ("stopword_hits", "flag") in evaluate_rules(no_stop, POLICY)
    # A language without a list is not judged by the stop-word rule.
    sw = compute_signals("Habari za asubuhi rafiki yangu mpendwa sana leo", "sw")
    assert sw["stopword_list"] == 0.0
    assert "stopword_hits" not in {r for r, _ in evaluate_rules(sw, POLICY)}
    # Word-length rules are for spaced scripts only.
    zh = compute_signals(ZH * 3, "zh-Hans")
    assert not {"mean_word_length_min", "words_min"} & {r for r, _ in evaluate_rules(zh, POLICY)}


def test_evaluate_rules_bounds_actions_and_disabled() -> None:
    sig = compute_signals(EN, "en")
    pol = QualityPolicy(rules={
        "chars": RuleSpec(bound="min", threshold=10_000, action="drop"),
        "chars_max": RuleSpec(signal="chars", bound="max", threshold=10, action="flag"),
        "words": RuleSpec(bound="min", threshold=1, action="drop"),
        "off": RuleSpec(signal="chars", bound="min", threshold=1e9, enabled=False),
    })
    assert evaluate_rules(sig, pol) == [("chars", "drop"), ("chars_max", "flag")]
    assert evaluate_rules(sig, QualityPolicy(enabled=False, rules=pol.rules)) == []


def test_default_rules_validate_and_unknown_signal_rejected() -> None:
    rules = default_quality_rules()
    QualityPolicy.model_validate({"rules": rules})
    with pytest.raises(ValueError):
        QualityPolicy(rules={"no_such_signal": RuleSpec(bound="min", threshold=1)})


def test_deterministic() -> None:
    assert compute_signals(EN + ZH, "en") == compute_signals(EN + ZH, "en")


def _brute_ngrams(tokens: list[str]) -> dict[str, float]:
    """Direct Gopher definitions (tuples, no hashing) to check the vectorised implementation."""
    from collections import Counter

    out: dict[str, float] = {}
    m, total = len(tokens), sum(map(len, tokens))
    for n in (2, 3, 4):
        grams = Counter(tuple(tokens[i: i + n]) for i in range(m - n + 1))
        top = max(grams.values(), default=0)
        longest = max((sum(map(len, g)) for g, c in grams.items() if c == top), default=0)
        out[f"top_{n}gram_frac"] = min(1.0, longest * top / total) if top > 1 else 0.0
    for n in range(5, 11):
        seq = [tuple(tokens[i: i + n]) for i in range(m - n + 1)]
        counts = Counter(seq)
        cov = [False] * m
        for i, g in enumerate(seq):
            if counts[g] > 1:
                cov[i: i + n] = [True] * n
        out[f"dup_{n}gram_frac"] = sum(len(t) for t, c in zip(tokens, cov, strict=True) if c) / total
    return out


def test_ngram_signals_match_brute_force() -> None:
    import random

    from corpusgov.quality.signals import _ngram_signals, _token_ids

    rng = random.Random(11)
    vocab = ("ab", "c", "def", "g", "hij", "k", "lm", "n")
    for _ in range(400):
        k = rng.randint(1, len(vocab))
        tokens = [vocab[rng.randrange(k)] for _ in range(rng.randint(2, 50))]
        got: dict[str, float] = {}
        _ngram_signals(tokens, _token_ids(tokens)[1], got)
        want = _brute_ngrams(tokens)
        assert got == pytest.approx(want), tokens


def test_unique_words_frac_is_windowed_so_long_text_is_not_read_as_repetitive():
    import random

    from corpusgov.quality.signals import compute_signals
    rng = random.Random(3)
    vocab = [f"w{i}" for i in range(5000)]
    # Zipf-like draws: a long text keeps meeting its frequent words, so its plain ratio falls with length
    weights = [1 / (r + 1) for r in range(len(vocab))]
    short = " ".join(rng.choices(vocab, weights, k=200))
    long = " ".join(rng.choices(vocab, weights, k=4000))
    s_short, s_long = compute_signals(short, "en"), compute_signals(long, "en")
    plain_short = len(set(short.split())) / 200
    plain_long = len(set(long.split())) / 4000
    assert s_short["unique_words_frac"] == pytest.approx(plain_short)  # up to one window: the peers' plain ratio
    assert plain_long < plain_short - 0.2  # what the windows correct for
    assert abs(s_long["unique_words_frac"] - s_short["unique_words_frac"]) < 0.1
    # a passage repeated within a window still lowers it (a period longer than a window is left to the dup n-gram
    # rules and lexical_diversity's 1,000-token windows)
    looped = " ".join((short.split()[:50] * 80)[:4000])
    assert compute_signals(looped, "en")["unique_words_frac"] < s_long["unique_words_frac"] - 0.2
