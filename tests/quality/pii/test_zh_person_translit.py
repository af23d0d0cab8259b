"""The transliterated-name source of CN_PERSON (zh_person_translit.py), its recognizer hook and its trainer's parts.

The scorer is measured, not shipped (models/PROVENANCE.md), so these tests build small tables and weights of their
own; the recognizer uses the source only where models/zh_person_translit.npz exists.
"""

from __future__ import annotations

import numpy as np
import pytest

from corpusgov.quality.pii.recognizer_zh_person import TRANSLIT_PATH, CnPersonModelRecognizer, load_model
from corpusgov.quality.pii.train_zh_person_translit import build_tables, examples, save
from corpusgov.quality.pii.zh_person_translit import (
    HASH_BITS,
    TranslitNameScorer,
    TranslitTables,
    candidates,
    feature_ids,
    feature_keys,
    fold,
)

_CHARS = "鲁尼达洛斯科琴普舍哈希乔尔维图"


@pytest.fixture(scope="module")
def tables() -> TranslitTables:
    codes = np.array([ord(c) for c in _CHARS], dtype=np.uint32)
    return TranslitTables(codes, np.full(codes.size, 0.3, dtype=np.float32), np.array(["哈希"], dtype="<U6"))


@pytest.fixture(scope="module")
def scorer(tables: TranslitTables) -> TranslitNameScorer:
    w = np.zeros(1 << HASH_BITS)
    w[feature_ids(["bias"])] = -1.0
    w[feature_ids(["w=鲁尼", "w=舍普琴科"])] = 3.0
    w[feature_ids(["r1=打"])] = 0.5
    return TranslitNameScorer(w, 0.5, tables, load_model().word_flag)


def test_candidates_lie_in_runs_skip_dictionary_words_and_dots(tables):
    text = "昨晚鲁尼和乔·科尔都上场了。"
    spans = [text[s:e] for s, e, _, _ in candidates(text, tables)]
    # 和 is no run character; every 2+ character span of a run, none starting or ending with the dot
    assert spans == ["鲁尼", "乔·科", "乔·科尔", "科尔"]
    # 哈希 is a jieba word (tagged nrt): the CRF reads such words through its lexicon, this source skips them
    text = "数组、哈希、文件句柄"
    assert candidates(text, tables) == []
    assert [text[s:e] for s, e, _, _ in candidates(text, tables, skip_words=False)] == ["哈希"]
    text = "舍普琴科"
    assert {text[s:e] for s, e, _, _ in candidates(text, tables)} == {"舍普", "舍普琴", "舍普琴科", "普琴", "普琴科", "琴科"}


def test_features_are_stable_and_fold_traditional_forms(tables):
    flag = load_model().word_flag
    keys = feature_keys("舍普琴科將離開", 0, 4, 0, 4, tables, flag)
    assert keys == feature_keys("舍普琴科将离开", 0, 4, 0, 4, tables, flag)
    assert "w=舍普琴科" in keys and "r2c=将离" in keys and "l2c=^^" in keys and "where=11" in keys
    assert all(0 <= i < 1 << HASH_BITS for i in feature_ids(keys))
    assert fold("將離開") == "将离开"


def test_find_scores_and_keeps_the_best_of_overlapping_spans(scorer):
    text = "昨晚鲁尼打进一球，舍普琴科也进了。"
    found = scorer.find(text)
    assert [text[s:e] for s, e, _ in found] == ["鲁尼", "舍普琴科"]
    z = -1.0 + 3.0 + 0.5
    assert found[0][2] == pytest.approx(1.0 / (1.0 + np.exp(-z)), abs=1e-4)
    assert scorer.find("数组、哈希、文件句柄") == []


def test_cached_scores_equal_fresh_ones(scorer, tables):
    flag = load_model().word_flag
    fresh = TranslitNameScorer(scorer.weights, scorer.threshold, tables, flag)
    texts = ["昨晚鲁尼打进一球。", "鲁尼也来了，达尼洛没来。", "昨晚鲁尼打进一球。"]
    assert [scorer.find(t, 0.0) for t in texts] == [fresh.find(t, 0.0) for t in texts]
    for text in texts:
        for s, e, rs, re_ in candidates(text, tables):
            z = float(scorer.weights[feature_ids(feature_keys(text, s, e, rs, re_, tables, flag))].sum())
            assert scorer.score(text, s, e, rs, re_) == pytest.approx(1.0 / (1.0 + np.exp(-z)))


def test_saved_scorer_reads_back(scorer, tables, tmp_path):
    path = tmp_path / "translit.npz"
    codes = np.array(sorted(ord(c) for c in _CHARS), dtype=np.uint32)
    arrays = (codes, np.full(codes.size, 0.3, dtype=np.float32), np.array(["哈希"], dtype="<U6"))
    assert save(path, scorer.weights, 0.5, 1.0, arrays) == 4
    back = TranslitNameScorer.load(path, load_model().word_flag)
    text = "昨晚鲁尼打进一球，舍普琴科也进了。"
    assert back.threshold == 0.5 and back.find(text) == scorer.find(text)


class _Fixed(TranslitNameScorer):
    """A scorer reporting fixed spans, to test the recognizer's hook alone."""

    def __init__(self, spans: list[tuple[int, int, float]]) -> None:
        self.threshold = 0.4
        self.spans = spans

    def find(self, text: str, threshold: float | None = None) -> list[tuple[int, int, float]]:
        return self.spans


def test_recognizer_adds_spans_only_where_it_reports_nothing():
    text = "记者张伟报道，比赛中维尔图尔打进一球。"
    base = CnPersonModelRecognizer(use_translit=False).find(text)
    assert [text[s:e] for s, e, _ in base] == ["张伟"]
    # one span overlapping 张伟 (dropped), two free ones (threshold 0.4 -> 0.5, probability 1.0 -> 1.0)
    rec = CnPersonModelRecognizer(translit=_Fixed([(2, 5, 0.9), (10, 14, 1.0), (14, 16, 0.4)]))
    found = {text[s:e]: score for s, e, score in rec.find(text)}
    assert found == {"张伟": base[0][2], "维尔图尔": 1.0, "打进": 0.5}
    assert CnPersonModelRecognizer(translit=_Fixed([(10, 14, 1.0)]), use_translit=False).find(text) == base
    # by default the source is on exactly when its file is there (it is measured, not shipped)
    assert (CnPersonModelRecognizer()._translit is not None) == TRANSLIT_PATH.exists()


def test_examples_label_exact_names(tables):
    sent = ("赛后达尼洛接受了采访。", [(2, 5)])
    rows, labels, missed = examples(sent, tables, load_model().word_flag)
    spans = [(s, e) for s, e, _, _ in candidates(sent[0], tables, skip_words=False)]
    assert len(rows) == len(labels) == len(spans) and sum(labels) == 1 and missed == 0
    assert labels[spans.index((2, 5))] == 1
    _, labels, missed = examples(("王小明说。", [(0, 3)]), tables, load_model().word_flag)
    assert labels == [] and missed == 1


def test_tables_share_counts_names_without_a_common_surname():
    def share(fitted: list[tuple[str, list[tuple[int, int]]]]) -> dict[str, float]:
        codes, shares, words = build_tables(fitted)
        assert words.dtype.kind == "U" and all(2 <= len(w) <= 6 for w in words)
        return {chr(int(c)): float(s) for c, s in zip(codes, shares, strict=True)}

    # 达尼洛 starts with no common surname: labelled, its characters' shares rise
    labelled, bare = share([("赛后达尼洛受访。", [(2, 5)])] * 50), share([("赛后达尼洛受访。", [])] * 50)
    assert labelled["洛"] > bare.get("洛", 0.0) + 0.05
    # 王迅 starts with one (王): labelling it changes nothing
    assert share([("王迅受访。", [(0, 2)])] * 50) == share([("王迅受访。", [])] * 50)
