"""Name-list evidence of the CN_PERSON CRF: gazetteer cover, transliteration runs, the same ids alone and batched."""

from __future__ import annotations

import numpy as np

from corpusgov.quality.pii.zh_person_features import (
    N_LEX_TEMPLATES,
    NORM_CODES,
    SURNAME_CHARS,
    _padded,
    features,
    features_batch,
    lexicon_pairs,
    lexicon_table,
)
from corpusgov.quality.pii.zh_person_name_lists import (
    N_EVIDENCE_TEMPLATES,
    build,
    evidence_features,
    gazetteer_cover,
    rolling_hash,
)

NAMES = {"史密斯": "nrt", "密斯": "nrt", "舍普琴科": "nrt", "巴洛特": "nrt", "特里": "nrt", "王小明": "nr"}
FITTED = [("前锋舍普琴科和鲁尼、布丰", [(2, 6), (7, 9), (10, 12)])] * 25


def _cover(text: str) -> list[tuple[str, int, int, int]]:
    ev = build(NAMES, [], NORM_CODES, SURNAME_CHARS)
    x, _ = _padded([text])
    keys = gazetteer_cover(x, len(text), ev).tolist()
    return [(c, k >> 8, (k >> 4) & 15, k & 15) for c, k in zip(text, keys, strict=True)]


def test_gazetteer_cover_takes_the_longest_then_the_leftmost_word() -> None:
    # 史密斯 (3) beats 密斯 (2); in 巴洛特里 the 3-character 巴洛特 keeps 特, 特里 has 里 alone (E of a 2-word).
    got = _cover("史密斯和巴洛特里说")
    assert got[:3] == [("史", 2, 1, 3), ("密", 2, 2, 3), ("斯", 2, 3, 3)]
    assert got[3] == ("和", 0, 0, 0)
    assert got[4:8] == [("巴", 2, 1, 3), ("洛", 2, 2, 3), ("特", 2, 3, 3), ("里", 2, 3, 2)]
    assert [tag for _, tag, _, _ in _cover("王小明")] == [1, 1, 1]  # nr
    assert _cover("舍普琴科")[0] == ("舍", 2, 1, 4)
    assert [(tag, where) for _, tag, where, _ in _cover("今天天气")] == [(0, 0)] * 4


def test_traditional_forms_match_the_folded_gazetteer() -> None:
    ev = build({"陈小明": "nr"}, [], NORM_CODES, SURNAME_CHARS)
    x, _ = _padded(["陳小明"])
    assert gazetteer_cover(x, 3, ev)[0] != 0
    assert rolling_hash([1, 2]) != rolling_hash([2, 1])


def test_transliteration_classes_come_from_fitted_names_and_nrt_words() -> None:
    ev = build(NAMES, FITTED, NORM_CODES, SURNAME_CHARS)
    cls = ev.translit
    assert cls[ord("舍")] == 3 and cls[ord("布")] == 3  # only ever seen inside names here
    assert cls[ord("前")] == 0 and cls[ord("和")] == 0  # seen >= 20 times, never in a name
    assert cls[ord("啊")] == 0  # never seen
    text = "前锋舍普琴科和鲁尼"
    x, _ = _padded([text])
    _, tri, run2, _ = evidence_features(x, len(text), ev)
    # 舍普琴科 is one run of 4 (B, I, I, E), 前锋 and 和 are outside any run
    assert [(int(k) >> 4) & 15 for k in run2[2:6]] == [2, 3, 3, 4]
    assert {int(k) & 15 for k in run2[2:6]} == {4}
    assert run2[0] == 0 and run2[6] == 0
    assert int(tri[0]) >> 8 == 4  # the character before the text reads as the edge class


def test_evidence_ids_are_the_same_alone_and_batched() -> None:
    ev = build(NAMES, FITTED, NORM_CODES, SURNAME_CHARS)
    lex = lexicon_table(*lexicon_pairs([("前锋", False), ("史密斯", True)]))
    texts = ["史密斯和巴洛特里说", "王", "舍普琴科", "abc 史密", "前锋舍普琴科和鲁尼、布丰"]
    alone = np.concatenate([features(t, N_LEX_TEMPLATES, lex, None, ev) for t in texts], axis=1)
    assert alone.shape == (N_LEX_TEMPLATES + N_EVIDENCE_TEMPLATES, sum(map(len, texts)))
    assert np.array_equal(features_batch(texts, N_LEX_TEMPLATES, lex, None, ev), alone)
    assert np.array_equal(features("史密斯", N_LEX_TEMPLATES, lex), features("史密斯", N_LEX_TEMPLATES, lex, None, ev)[:N_LEX_TEMPLATES])
    # the evidence changes the ids of a gazetteer word, not of text it does not cover
    assert not np.array_equal(features("史密斯", N_LEX_TEMPLATES, lex, None, ev)[-4], features("李密斯", N_LEX_TEMPLATES, lex, None, ev)[-4])
