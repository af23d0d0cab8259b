"""Character-form noise (quality.junk_noise_forms): overstrikes resolved, width/case chaos, stripped and spurious
diacritics and doubled Han characters are measured; clean prose, CJK typesetting with full-width runs, camelCase names,
loanwords and reduplications are not. All examples are written here."""

from __future__ import annotations

from corpusgov.quality.junk_noise_forms import (
    accent_rates,
    case_chaos_frac,
    en_accent_words,
    form_signals,
    mixed_width_words,
    strip_overstrikes,
    stripped_diacritics,
)
from corpusgov.quality.junk_noise_han import (
    han_odd_doubles,
    han_orphan_batch,
    han_orphan_frac,
    han_split_words,
)
from corpusgov.quality.quality_policy import QualityPolicy
from corpusgov.quality.signals import (
    compute_signals,
    compute_signals_batch,
    default_quality_rules,
    evaluate_rules,
)

POLICY = QualityPolicy(rules=default_quality_rules())
FORM_RULES = ("mixed_width_words", "case_chaos_frac", "stripped_diacritics", "en_accent_words", "han_odd_doubles",
              "han_split_words", "han_orphan_frac")
PARA_EN = ("The scheduler keeps one queue per worker and moves a task to another worker only when its own queue is "
           "empty, so that most tasks run where their data already is and the network stays quiet during the day. "
           "When a worker fails, its queue is handed to the next worker in the list and nothing is lost.")
PARA_DE = ("Der Planer führt für jeden Arbeiter eine eigene Warteschlange und gibt eine Aufgabe nur dann an einen "
           "anderen weiter, wenn seine Schlange leer ist. So laufen die meisten Aufgaben dort, wo ihre Daten schon "
           "liegen, und das Netz bleibt tagsüber ruhig. Fällt ein Arbeiter aus, übernimmt der nächste seine Schlange.")
PARA_FR = ("Le planificateur garde une file par processus et ne confie une tâche à un autre que lorsque sa propre "
           "file est vide : la plupart des tâches s'exécutent là où se trouvent déjà leurs données, et le réseau "
           "reste calme pendant la journée. Quand un processus échoue, sa file passe au suivant sans rien perdre.")
PARA_ZH = ("调度器为每个工作进程保留一个队列，只有当自己的队列为空时才把任务交给别的进程，这样大多数任务都在数据所在的地方"
           "运行，网络也就很安静。我们看看这个例子：如果一个进程失败了，它的队列会交给下一个进程，什么也不会丢。")


def _fold(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", text)
                                                if not unicodedata.combining(c)))


def _drops(text: str, lang: str) -> list[str]:
    return [n for n, a in evaluate_rules(compute_signals(text, lang), POLICY) if a == "drop" and n in FORM_RULES]


def test_overstrikes_resolved_as_col_b() -> None:
    assert strip_overstrikes("b\x08bo\x08ol\x08ld and _\x08u_\x08n_\x08d_\x08e_\x08r") == "bold and under"
    assert strip_overstrikes('use "____\x08\x08\x08\x08rand" now') == 'use "rand" now'
    assert strip_overstrikes(PARA_EN) == PARA_EN


def test_overstruck_quotation_has_no_control_characters() -> None:
    text = PARA_EN.replace("scheduler", "s\x08sc\x08ch\x08he\x08ed\x08du\x08ul\x08le\x08er\x08r")
    assert compute_signals(text, "en")["control_frac"] == 0.0
    assert compute_signals("\x07\x07" + PARA_EN, "en")["control_frac"] > 0.0  # other controls still count


def test_mixed_width_words() -> None:
    widened = " ".join(w if i % 3 else "".join(chr(ord(c) + 0xFEE0) if j % 2 else c for j, c in enumerate(w))
                       for i, w in enumerate(PARA_EN.split()))
    assert mixed_width_words(widened) >= 10
    assert mixed_width_words("版本ＧＩＭＰ２．１０于１９９８年发布，ＧＮＵ许可。") == 0.0  # whole runs full-width: typesetting
    assert mixed_width_words(PARA_ZH + " GIMP 2.10") == 0.0
    assert "mixed_width_words" in _drops(widened, "en")


def test_case_chaos() -> None:
    chaos = " ".join("".join(c.upper() if j % 3 == 1 else c for j, c in enumerate(w)) if i % 3 == 1 and len(w) > 3 else w
                     for i, w in enumerate(PARA_EN.split()))  # sChEdUler, qUeUe ...
    assert case_chaos_frac(chaos) > 0.05
    names = PARA_EN + " Use getValue, iPhone, McDonald, IPv6, URLs, JavaScript, NASA and PostgreSQL here."
    assert case_chaos_frac(names) == 0.0
    units = PARA_EN + " Sizes take the suffixes KiB, MiB, GiB, TiB, PiB, EiB, ZiB and YiB; clocks run at 800 MHz or 2 GHz."
    assert case_chaos_frac(units) == 0.0  # IEC binary prefixes and hertz (util-linux man pages)
    assert "case_chaos_frac" in _drops(chaos, "en")


def test_stripped_diacritics() -> None:
    assert {"de", "fr", "es"} <= set(accent_rates()) and "en" not in accent_rates()
    assert stripped_diacritics(_fold(PARA_DE), "de") > 5.5  # expected accents + für/übernimmt/nächste written bare
    assert stripped_diacritics(PARA_DE, "de") == 0.0
    assert stripped_diacritics(_fold(PARA_FR), "fr") > 5.5 and stripped_diacritics(PARA_FR, "fr") == 0.0
    assert stripped_diacritics(PARA_EN, "en") == 0.0
    short = "Der Hund schläft im Garten."
    assert stripped_diacritics(_fold(short), "de") < 5.5  # too little text to tell
    assert "stripped_diacritics" in _drops(_fold(PARA_FR), "fr")
    assert not _drops(PARA_FR, "fr") and not _drops(PARA_DE, "de")


def test_spurious_accents_in_english() -> None:
    accented = (PARA_EN.replace("the ", "thé ").replace("queue", "qüeue").replace("worker", "wörker")
                .replace("data", "dàta"))
    assert en_accent_words(accented, "en") > 0.05
    loans = PARA_EN + " A naïve café owner sent his résumé."
    assert en_accent_words(loans, "en") == 0.0
    assert "en_accent_words" in _drops(accented, "en")


def test_doubled_han() -> None:
    doubled = "".join(c + c if i % 5 == 0 and "\u4e00" <= c <= "\u9fff" else c for i, c in enumerate(PARA_ZH))
    assert han_odd_doubles(doubled) > han_odd_doubles(PARA_ZH)
    assert han_odd_doubles(PARA_ZH) == 0.0  # 看看 is a reduplication real text writes
    verse = "桃之夭夭，灼灼其華。之子于歸，宜其室家。桃之夭夭，有蕡其實。之子于歸，宜其家室。桃之夭夭，其葉蓁蓁。"
    assert han_odd_doubles(verse) == 0.0  # classical: not judged
    assert "han_odd_doubles" in _drops(doubled, "zh-Hans")


def test_spaces_inside_han_words() -> None:
    import random

    rng = random.Random(5)
    gapped = "".join(c + ("\u3000" if "\u4e00" <= c <= "\u9fff" and rng.random() < 0.2 else "") for c in PARA_ZH * 2)
    assert han_split_words(gapped) > 0.05
    segmented = "如果 你 用的 是 黑白 显示器 ， 窗口 特性 将会是 下面的 默认值 ： 前景 颜色 为 黑色 ， 背景 颜色 为 白色 ， " * 3
    assert han_split_words(segmented) == 0.0  # spaces between words, as word-segmented translations write them
    assert han_split_words(PARA_ZH) == 0.0
    assert "han_split_words" in _drops(gapped, "zh-Hans")


def test_orphan_han_characters() -> None:
    import random

    han = [c for c in PARA_ZH if "\u4e00" <= c <= "\u9fff"]
    replaced = []
    for seed in range(6):  # two in five characters replaced by another of the text, six draws
        rng = random.Random(seed)
        replaced.append("".join(rng.choice(han) if c in han and rng.random() < 0.4 else c for c in PARA_ZH))
    assert min(map(han_orphan_frac, replaced)) > 0.28 > han_orphan_frac(PARA_ZH)
    assert han_orphan_frac(PARA_ZH[:40]) == 0.0  # too short to judge
    assert all("han_orphan_frac" in _drops(text, "zh-Hans") for text in replaced)


def test_neutral_on_short_or_clean_text() -> None:
    for text, lang in ((PARA_EN, "en"), (PARA_ZH, "zh-Hans"), (PARA_DE, "de"), (PARA_FR, "fr"), ("", None)):
        assert set(form_signals(text, lang).values()) == {0.0}, text[:20]
        assert han_orphan_frac(text) < 0.1  # a few characters of clean prose are words on their own


def test_orphan_batch_equals_single() -> None:
    texts = [PARA_ZH, "", PARA_EN, PARA_ZH[:40], PARA_ZH.replace("进程", "进城") * 2, "\ufeff" + PARA_ZH]
    assert han_orphan_batch(texts) == [han_orphan_frac(t) for t in texts]
    assert compute_signals_batch(texts, ["zh-Hans"] * len(texts)) == [compute_signals(t, "zh-Hans") for t in texts]


def test_overstrikes_are_not_control_characters_but_stray_backspaces_are() -> None:
    """compute_signals resolves overstrikes first, so nroff bold/underline is no damage; a leftover backspace is."""
    from corpusgov.quality.signals import compute_signals

    nroff = "The b\x08bo\x08ol\x08ld option and the _\x08f_\x08i_\x08l_\x08e argument are described below in detail."
    assert compute_signals(nroff, "en")["control_frac"] == 0.0
    assert compute_signals("\x08\x08" + nroff, "en")["control_frac"] > 0.0
