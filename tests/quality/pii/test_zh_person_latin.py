"""The Latin-letter name source of CN_PERSON (zh_person_latin.py) and its trainer."""

from __future__ import annotations

import numpy as np
import pytest

from corpusgov.quality.pii.recognizer_zh_person import LATIN_PATH, CnPersonModelRecognizer, load_latin
from corpusgov.quality.pii.train_zh_person_latin import cross_validate, examples, fit
from corpusgov.quality.pii.zh_person_latin import HASH_BITS, candidates, feature_ids, feature_keys


@pytest.fixture(scope="module")
def rec() -> CnPersonModelRecognizer:
    return CnPersonModelRecognizer()


def test_candidates_are_latin_tokens_touching_chinese_text():
    assert candidates("选手Infi夺冠") == [(2, 6)]
    assert candidates("TyLoo.Infi中文名王诩文") == [(0, 10)]
    assert candidates("主裁判阿特金森（martinatkinson）") == [(8, 22)]
    # spaced off from the Chinese text (command names in man pages), or no Chinese at all: no candidate
    assert candidates("使用 grep 命令查找文件") == []
    assert candidates("Contact Raymond today") == []


def test_feature_ids_are_stable_and_in_range():
    scorer = load_latin()
    keys = feature_keys("导演JohnMilius表示", 2, 12, scorer.gaz, 1)
    ids = feature_ids(keys)
    assert ids == feature_ids(list(keys))
    assert all(0 <= i < 1 << HASH_BITS for i in ids)
    assert "w=johnmilius" in keys and "l2=导演" in keys and "r2=表示" in keys
    # John is a common SSA first name and Milius no common word: the CamelCase parts are looked up
    first_bucket = int(next(k for k in keys if k.startswith("maxf=")).split("=")[1])
    assert first_bucket >= 3


def test_shipped_scorer_is_small_and_reads_back():
    assert LATIN_PATH.exists() and LATIN_PATH.stat().st_size < 1_000_000
    scorer = load_latin()
    assert 0.0 < scorer.threshold < 1.0
    assert np.count_nonzero(scorer.weights) > 1000


def test_recognizer_reports_latin_names_in_chinese_news_but_not_commands(rec):
    text = "魔兽著名选手Moon夺得亚军，人皇Sky也到场。"
    found = {text[s:e]: score for s, e, score in rec.find(text)}
    latin = [n for n in found if n.isascii()]
    assert latin, found
    assert all(0.5 <= found[n] <= 1.0 for n in latin)
    for text in ("使用 grep 命令查找文件中的字符串。", "该函数返回ENOENT错误，请检查errno的值。"):
        assert [text[s:e] for s, e, _ in rec.find(text) if text[s:e].isascii()] == []


def test_examples_label_exact_latin_names_and_count_the_rest():
    sents = [
        ("导演JohnMilius表示满意。", [(2, 12)]),
        ("演员廖Julie说。", [(2, 8)]),  # a name of Han and Latin letters: no candidate is it exactly
        ("下载Linux内核源码。", []),
    ]
    rows, labels, missed = examples(sents)
    assert labels == [1, 0, 0]
    assert missed == 1
    assert len(rows) == 3


def test_fit_and_cross_validation_learn_a_context_word():
    # toy data: a token after 选手 is a name, after 下载 it is not
    sents = []
    for i in range(40):
        tok = "Abc" + "xyz"[i % 3] * (1 + i % 4)
        sents.append((f"选手{tok}获胜", [(2, 2 + len(tok))]))
        sents.append((f"下载{tok}软件", []))
    per = [examples([s]) for s in sents]
    probs, labels, missed = cross_validate(per, 1.0)
    assert missed == 0 and labels.sum() == 40
    assert probs[labels == 1].min() > probs[labels == 0].max()
    w = fit([r for p in per for r in p[0]], [y for p in per for y in p[1]], 1.0)
    assert w.shape == (1 << HASH_BITS,)
