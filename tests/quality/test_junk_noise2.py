"""The second character-noise split (quality.eval.junk_noise2): its corruptions do what they say on text written here,
the split is seeded and complete, and the shipped policy holds regression floors on it and on junk_noise."""

from __future__ import annotations

import random

import pytest

from corpusgov.quality.eval import junk_noise2 as jn2
from corpusgov.quality.eval import junk_noise_blind
from corpusgov.quality.eval import real_text_eval as rte

EN = ("The committee met on Tuesday evening and, after a long discussion, approved the new budget for the public "
      "library. Most volunteers arrived early and began sorting the donated books by subject.")
FR = "Le comité s'est réuni mardi soir et, après une longue discussion, a approuvé le nouveau budget de la bibliothèque."
ZH = "委员会星期二晚上开会，经过长时间讨论，批准了公共图书馆的新预算。大多数志愿者很早就到了，开始按照主题整理捐赠的书籍。"
ROUND2 = {"mixed_width_words", "case_chaos_frac", "stripped_diacritics", "en_accent_words", "han_odd_doubles",
          "han_split_words", "han_orphan_frac"}


def test_corruptions_on_written_text() -> None:
    rng = random.Random(1)
    assert jn2.stripped_accents(rng, (FR,)) == FR.replace("é", "e").replace("è", "e").replace("ù", "u")
    assert jn2.stripped_accents(rng, (EN,)) == ""  # nothing to strip: redrawn, then given up
    wide = jn2.fullwidth_letters_en(random.Random(2), (EN,))
    assert any(0xFF21 <= ord(c) <= 0xFF5A for c in wide) and len(wide) == len(EN)
    ocr = jn2.ocr_confusions_en(random.Random(3), (EN,))
    assert ocr != EN and ocr.split()[0] in ("The", "Thc", "Tlie")
    swapped = jn2.swapped_han_zh(random.Random(4), (ZH,))
    assert sorted(swapped) == sorted(ZH) and swapped != ZH
    mixed = jn2.mixed_encoding_zh(random.Random(5), (ZH,))
    half = len(ZH) // 2
    tail_han = sum("\u4e00" <= c <= "\u9fff" for c in mixed[half:])
    assert mixed[:half] == ZH[:half] and tail_han < 0.2 * (len(ZH) - half)  # GBK bytes read as Latin-1 or UTF-8
    inserted = jn2.inserted_han_zh(random.Random(6), (ZH,))
    assert len(inserted) > len(ZH)


def test_same_sound_replaces_by_reading() -> None:
    from corpusgov.quality.eval import prose_sources

    if prose_sources.missing():
        pytest.skip(f"needs {prose_sources.missing()} (make eval-data)")
    table = jn2.same_sound()
    assert "在" in table["再"] and "再" not in table["再"]
    out = jn2.same_sound_zh(random.Random(7), (ZH,))
    assert len(out) == len(ZH) and out != ZH
    assert all(a == b or a in table.get(b, ()) for a, b in zip(out, ZH, strict=True))


def test_split_is_seeded_and_complete() -> None:
    if jn2.missing():
        pytest.skip(f"junk_noise2 needs {jn2.missing()} (make eval-data)")
    rows = jn2.make_noise2()
    assert rows == jn2.make_noise2()
    assert {r["kind"] for r in rows} == set(jn2.NOISE2_KINDS) and len(rows) == 40 * len(jn2.NOISE2_KINDS)
    good = jn2.make_good_noise2()
    assert {r["set"] for r in good} == {"good_noise2_en", "good_noise2_fr", "good_noise2_es", "good_noise2_zh"}
    assert not {r["text"] for r in good if r["set"] == "good_noise2_en"} & set(junk_noise_blind.en_texts())


def test_floors_on_the_noise_splits() -> None:
    """Regression floors (README: junk_noise 84.5%, junk_noise2 78.3% on 2026-12-06), good text under target (the
    French Debian Reference too since spaced guillemets are not menu separators: 10.5% -> 1.0%), and no round-2 rule
    drops a good document of either split."""
    if jn2.missing() or junk_noise_blind.missing():
        pytest.skip("the noise splits need make eval-data")
    summary = rte.summarise(decided := rte.decide(rte.noise_rows() + rte.noise2_rows()))
    assert summary["sets"]["junk_noise"]["drop_rate"] >= 0.80
    assert summary["sets"]["junk_noise2"]["drop_rate"] >= 0.75
    for name in ("good_noise_en", "good_noise_zh", "good_noise_de", "good_noise2_en", "good_noise2_fr", "good_noise2_es",
                 "good_noise2_zh"):
        assert summary["sets"][name]["drop_rate"] <= 0.03, name
    assert not [d["id"] for d in decided if not d["set"].startswith("junk") and ROUND2 & set(d["drop_rules"])]
