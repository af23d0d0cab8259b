"""Half-translated text (quality.junk_mt): Chinese words alone between English words are dropped; Chinese manuals
with English commands, keywords in capitals and English prose that quotes a few Chinese terms are kept. All examples
are written here."""

from __future__ import annotations

from corpusgov.quality.junk_mt import MIN_ISLANDS, han_islands_frac
from corpusgov.quality.junk_score import junk_score
from corpusgov.quality.quality_policy import QualityPolicy
from corpusgov.quality.signals import compute_signals, default_quality_rules, evaluate_rules

POLICY = QualityPolicy(rules=default_quality_rules())
WORD_BY_WORD = ("Put 一个 item into 这 queue. 如果这 queue 是 full, wait until 一个空闲 slot 是 available before adding "
                "这 item. The optional argument tells 这 pickler 到 use 这 given protocol, and 它 returns 这 value 的 "
                "the last call.")
ZH_MANUAL = ("使用 gsettings 命令可以读取和修改设置。例如，运行 gsettings get org.gnome.desktop.interface clock-format "
             "查看时钟格式，用 set 子命令修改它。 MOVE 的工作类似于 FETCH 命令， 但只是重定位游标而不返回行。"
             "用于 ondemand 条目的 runlevels 域可以 包含 A, B, 或 C。")
EN_QUOTING_ZH = ("The word 道 is usually translated as way, and the old texts pair it with 德, which is read as virtue "
                 "or power. Both characters appear in the title of the book, and later schools wrote long notes on "
                 "what each of them meant in practice.")


def _drops(text: str, lang: str) -> list[str]:
    return [n for n, a in evaluate_rules(compute_signals(text, lang), POLICY) if a == "drop"]


def test_word_by_word_translation_dropped() -> None:
    assert han_islands_frac(WORD_BY_WORD) > 0.1
    assert "han_islands_frac" in _drops(WORD_BY_WORD, "en")


def test_chinese_manuals_and_english_quoting_chinese_kept() -> None:
    assert han_islands_frac(ZH_MANUAL) == 0.0  # English inside Chinese, SQL keywords in capitals: no islands
    assert han_islands_frac(EN_QUOTING_ZH) == 0.0  # content characters quoted, no function word translated
    assert "han_islands_frac" not in _drops(ZH_MANUAL, "zh-Hans")
    assert "han_islands_frac" not in _drops(EN_QUOTING_ZH, "en")
    assert han_islands_frac("An English paragraph with no Chinese at all, written to check the neutral value.") == 0.0


def test_needs_several_islands_with_function_words() -> None:
    two = "Put 一个 item into 这 queue and wait."
    assert han_islands_frac(two) == 0.0 and MIN_ISLANDS == 3
    content_only = "The 道 way and 德 virtue and 仁 kindness and 义 duty of the old books."
    assert han_islands_frac(content_only) == 0.0
    assert han_islands_frac(two + " Then 这 item 是 taken.") > 0.1


def test_signal_in_compute_signals_and_not_read_by_the_junk_score() -> None:
    sig = compute_signals(WORD_BY_WORD, "en")
    assert sig["han_islands_frac"] == han_islands_frac(WORD_BY_WORD)
    assert junk_score(sig) == junk_score(sig | {"han_islands_frac": 0.0})
