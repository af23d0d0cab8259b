"""Character-level noise (quality.junk_noise): typos, digits for letters, homoglyphs, invisible characters and rare Han
characters are dropped; clean prose, documentation with identifiers and markup, foreign phrases, units and
reduplicated classical characters are kept. All examples are written here."""

from __future__ import annotations

import random
from pathlib import Path

from corpusgov.quality.eval import build_noise_vocab
from corpusgov.quality.eval.junk_noise_blind import NOISE_KINDS
from corpusgov.quality.junk_noise import (
    _confusable,
    digit_word_frac,
    en_typo_frac,
    han_rare_frac,
    invisible_frac,
    mixed_script_words,
    noise_signals,
    split_pieces,
    vocabulary,
)
from corpusgov.quality.junk_score import junk_score
from corpusgov.quality.quality_policy import QualityPolicy
from corpusgov.quality.signals import compute_signals, default_quality_rules, evaluate_rules

POLICY = QualityPolicy(rules=default_quality_rules())
NOISE_RULES = ("en_typo_frac", "digit_word_frac", "mixed_script_words", "invisible_frac", "han_rare_frac")
PARA_EN = ("The scheduler keeps one queue per worker and moves a task to another worker only when its own queue is "
           "empty, so that most tasks run where their data already is and the network stays quiet during the day. "
           "When a worker fails, its queue is handed to the next worker in the list and nothing is lost.")
TYPOS_EN = ("The schedular keeps one qeue per worker and moves a taks to another worker only whn its own queue is "
            "empty, so that most tasks run wher their data already is and the netwrok stays quiet during the day. "
            "When a workr fails, its queue is handed to the next worker in the lsit and nothing is lost.")
PARA_ZH = "调度器为每个工作进程保留一个队列，只有当自己的队列为空时才把任务交给别的进程，这样大多数任务都在数据所在的地方运行，网络也就很安静。"


def _drops(text: str, lang: str) -> list[str]:
    return [n for n, a in evaluate_rules(compute_signals(text, lang), POLICY) if a == "drop" and n in NOISE_RULES]


def test_typos_counted_clean_prose_not() -> None:
    assert en_typo_frac(PARA_EN) == 0.0
    assert en_typo_frac(TYPOS_EN) > 0.06
    assert _drops(TYPOS_EN, "en") == ["en_typo_frac"]
    assert _drops(PARA_EN, "en") == []


def test_split_words_and_run_together_words_are_typos() -> None:
    split = PARA_EN.replace("scheduler", "sched uler").replace("network", "net work").replace("worker", "wor ker")
    assert en_typo_frac(split) > 0.06
    glued = PARA_EN.replace("the network", "thenetwork").replace("the next", "thenext").replace("a task", "atask")
    assert en_typo_frac(glued) > 0.0


def test_identifiers_markup_and_foreign_phrases_are_not_typos() -> None:
    doc = (PARA_EN + " Use :func:`os.fsync` with ``fd=3``, see versionadded:: 3.8 and /usr/lib/stdlib. "
           "The Italian terms rallentando, ritardando e accelerando mean slowing down and speeding up.")
    assert en_typo_frac(doc) < 0.06
    assert "stdout" not in vocabulary() and en_typo_frac(PARA_EN + " It writes to stdout and stderr.") == 0.0


def test_look_alike_misreadings_count_in_runs() -> None:
    # OCR misreads neighbouring words (no known word between them), with rn for m, cl for d, c for e and 1 for l.
    ocr = PARA_EN.replace("moves", "rnoves").replace("empty", "ernpty").replace("already", "alreacly") \
        .replace("tasks run", "tasks rnn").replace("stays quiet", "stays qviet").replace("handed", "hancled") \
        .replace("list", "1ist").replace("lost", "1ost").replace("network", "nefwork")
    assert en_typo_frac(ocr) > 0.12  # the single-edit test alone, among known words only, finds about half of them
    assert _drops(ocr, "en") == ["en_typo_frac"]
    vocab = vocabulary()
    assert _confusable("rnoves", vocab) and _confusable("1ist", vocab) and _confusable("alreacly", vocab)
    assert not _confusable("scala", vocab) and not _confusable("gsettings", vocab)


def test_short_texts_need_several_pieces_of_evidence() -> None:
    # A fortune-sized quotation (12 words): three misreadings drop it, one unknown name in a short option
    # description does not.
    quote = "Hands, leave off your deeds, mind, forget all thoughts; all of my forces yearn only to sleep."
    assert en_typo_frac(quote) == 0.0
    noisy = quote.replace("leave", "1eave").replace("forget", "forgct").replace("forces", "forees").replace(
        "sleep", "s1eep")
    assert en_typo_frac(noisy) > 0.06
    option = "Run the tool with the given gsetings key and print the value it holds for that schema now."
    assert en_typo_frac(option) == 0.0


def test_split_pieces_need_a_non_word() -> None:
    vocab = vocabulary()
    assert split_pieces("the transpor t buffer drains below the low water mark", vocab) == 1
    assert split_pieces("the transpor t buffer, the transpor t again", vocab) == 1  # each word once
    # Two real words that happen to join (a way, in to, some times) are no split; neither is code or a name.
    assert split_pieces("go a way from here and come in to the room some times; run ls -la then cd ..", vocab) == 0
    assert split_pieces("Call ca llback() or set Unifo rm", vocab) == 0  # capitals and code are not judged


def test_names_dialect_and_foreign_words_are_no_misreadings() -> None:
    # Technical names and identifiers the textlm has seen, Spanish and Italian terms in an English manual and a
    # dialect quotation: none is a look-alike misreading of a common word.
    manual = PARA_EN + (" The Italian scala minore and the Spanish escala menor are the same minor scale; a "
                        "tono intero is a whole tone. Set tol and kwargs, then pipe stdout to gsettings.")
    assert en_typo_frac(manual) < 0.06
    dialect = PARA_EN + ' "Ah dinna ken whit ye mean, lassie," quo\' the auld man, "but gang awa\' hame noo."'
    assert en_typo_frac(dialect) < 0.06


def test_digits_for_letters() -> None:
    leet = PARA_EN.replace("queue", "qu3u3").replace("worker", "w0rk3r").replace("task", "7ask").replace("data", "d4ta")
    assert digit_word_frac(leet) > 0.02
    tools = PARA_EN + " Convert with midi2ly, then midi2ly again; 3rd pass at 10px on x86 with utf8 and i18n."
    assert digit_word_frac(tools) == 0.0


def test_homoglyphs_of_other_scripts() -> None:
    spoofed = PARA_EN.replace("queue", "quеuе").replace("worker", "wоrker").replace("task", "tаsk")  # Cyrillic е о а
    assert mixed_script_words(spoofed) >= 3
    assert _drops(spoofed, "en") == ["mixed_script_words"]
    assert mixed_script_words("A 5 μm film and a 3 μs pulse, with a 10 Ω load and a ΔT of 4 K.") == 0.0


def test_invisible_characters() -> None:
    litter = "".join(c + "\u200b" if i % 3 == 0 else c for i, c in enumerate(PARA_ZH))
    assert invisible_frac(litter) > 0.02
    assert _drops(litter, "zh") == ["invisible_frac"]
    assert invisible_frac("\ufeff" + PARA_EN) == 0.0  # a leading BOM is a file marker
    assert invisible_frac(PARA_EN.replace("scheduler", "sched\u00aduler")) < 0.02  # one soft hyphen


def test_rare_han_characters() -> None:
    assert han_rare_frac(PARA_ZH) == 0.0
    rng = random.Random(3)
    noisy = "".join(chr(ord(c) + rng.choice((-2, -1, 1, 2))) if "\u4e00" <= c <= "\u9fff" and rng.random() < 0.3
                    else c for c in PARA_ZH)
    assert han_rare_frac(noisy) > 0.11
    # reduplicated rare characters (classical verse) count once
    verse = "喤喤厥聲，肅雝和鳴，先祖是聽。我客戾止，永觀厥成。喤喤厥聲，肅雝和鳴。"
    assert han_rare_frac(verse) < han_rare_frac(verse.replace("喤喤", "喤嘕").replace("肅雝", "肅鸗"))


def test_english_checks_only_for_english_and_signals_in_compute_signals() -> None:
    assert noise_signals(TYPOS_EN, "fr")["en_typo_frac"] == 0.0
    sig = compute_signals(TYPOS_EN, "en")
    assert all(name in sig for name in NOISE_RULES)


def test_junk_score_does_not_read_the_noise_signals() -> None:
    sig = compute_signals(TYPOS_EN, "en")
    without = {k: v for k, v in sig.items() if k not in NOISE_RULES}
    assert junk_score(without) == junk_score(sig) == sig["junk_score"]


def test_shipped_rules_hold_the_noise_rules() -> None:
    rules = default_quality_rules()
    assert all(rules[name]["action"] == "drop" for name in NOISE_RULES)


def test_vocabulary_builder(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.write_text("apple\nApple's\nbe\nzebra\ncafé\n", encoding="utf-8")
    b.write_text("colour\napple\n", encoding="utf-8")
    assert build_noise_vocab.words((a, b)) == ["apple", "colour", "zebra"]
    assert {"colour", "color", "running", "queue"} <= vocabulary()


def test_blind_makers_corrupt_written_text() -> None:
    en = (PARA_EN, TYPOS_EN)
    zh = (PARA_ZH + "这个酒店的服务很好，房间干净，早餐也不错，下次还会再来。",)
    de = ("Die Bäume im Park sind grün, und über den Wegen hört man die Vögel; es ist schön draußen.",)
    for kind, (lang, make) in NOISE_KINDS.items():
        texts = {"en": en, "zh": zh, "de": de}[lang]
        out = make(random.Random(5), texts)
        assert out and out not in texts, kind
        assert out == make(random.Random(5), texts), kind  # seeded


def test_blind_split_complete_seeded_and_disjoint() -> None:
    import pytest

    from corpusgov.quality.eval import junk_noise_blind
    from corpusgov.quality.eval.order_blind import guard
    from corpusgov.quality.eval.prose_sources import documents

    if junk_noise_blind.missing():
        pytest.skip("junk_noise sources not fetched (make eval-data)")
    rows = junk_noise_blind.make_noise()
    assert len(rows) == 40 * len(NOISE_KINDS) and rows == junk_noise_blind.make_noise()
    read_elsewhere = {d.text for d in documents()} - set(junk_noise_blind.zh_texts())
    assert read_elsewhere.isdisjoint(junk_noise_blind.en_texts())  # fortunes files prose_sources does not read
    assert {g["text"] for g in guard()}.isdisjoint(junk_noise_blind.zh_texts())
