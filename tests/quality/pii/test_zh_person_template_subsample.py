"""The template subsample comparison for CN_PERSON (quality/eval/zh_person_template_subsample.py): its features."""

from __future__ import annotations

import numpy as np

from corpusgov.quality.eval.zh_person_template_subsample import (
    EXTRA_BITS,
    MIN_COUNT,
    ExtraTemplateModel,
    context_keys,
    extra_ids,
    name_contexts,
    wide_keys,
)
from corpusgov.quality.pii.recognizer_zh_person import load_model
from corpusgov.quality.pii.zh_person_features import LABELS


def test_name_contexts_keep_frequent_neighbours_of_names_by_share():
    fit = [("王小明表示同意", [(0, 3)])] * MIN_COUNT + [("他表示不同意", [])] * MIN_COUNT
    after, before = name_contexts(fit)
    assert after["表"] == 3  # beside a name in half of its occurrences
    assert after["表示"] == 3
    assert "同" not in after and before == {}
    assert name_contexts(fit[: MIN_COUNT - 1]) == ({}, {})  # too rare


def test_context_and_wide_keys_are_one_row_per_character():
    after, before = {"表示": 3}, {"记者": 2}
    rows = context_keys("记者王小明表示", after, before)
    assert len(rows) == 7
    assert rows[2][1] == "L(0, 2)"  # 记者 ends just before 王
    assert rows[4][0] == "A(0, 3)"  # 表示 starts just after 明
    assert rows[2][2] == "BR2(0, 3, 0)"  # around 王小明: 记者 before, 表示 after
    wide = wide_keys("记者王小明表示")
    assert wide[2] == ["m3=^", "p3=表", "m32=^记", "p23=明表"]  # 王: -3 lies before the text


def test_extra_ids_lie_beyond_the_shipped_buckets_and_add_to_emissions():
    ids = extra_ids(["m3=^", "p3=表"])
    assert all(i >> EXTRA_BITS == 1 for i in ids) and ids == extra_ids(["m3=^", "p3=表"])
    base = load_model()
    model = ExtraTemplateModel(base.emission, base.transition, 3.0, 3.0, 0.1, base.n_templates, base.lex)
    text = "记者王小明表示"
    bump = np.arange(len(LABELS), dtype=np.float32)
    model.set_extra("w3", {extra_ids(wide_keys(text)[0])[3]: bump}, ({}, {}))  # p23=王小: row 0 only
    diff = model.emissions_batch([text]) - base.emissions_batch([text])
    assert np.allclose(diff[0], bump) and np.allclose(diff[1:], 0.0)


def test_gazetteer_and_transliteration_keys_mark_name_words_and_runs():
    from corpusgov.quality.eval.zh_person_template_subsample import gazetteer_keys, transliteration_keys

    names = {"史密斯": "nrt", "密斯": "nrt", "王小明": "nr"}
    assert gazetteer_keys("史密斯说", names) == [["GnrtB3"], ["GnrtI3"], ["GnrtE3"], ["G-"]]
    assert gazetteer_keys("王小明", names)[1] == ["GnrI3"]
    rows = transliteration_keys("说舍普琴", {"舍": 3, "普": 2, "琴": 1})
    assert rows[0] == ["T903", "R2-", "R1-"]
    assert rows[1][1:] == ["R2B2", "R1B3"] and rows[3][1:] == ["R2-", "R1E3"]
