"""The span second-stage measurement for CN_PERSON (quality/eval/zh_person_span_stage.py): candidates and decoding."""

from __future__ import annotations

import numpy as np

from corpusgov.quality.eval.zh_person_span_stage import (
    FLOORS,
    Candidate,
    crf_candidates,
    decode,
    lexicon_candidates,
    prf,
    span_keys,
)
from corpusgov.quality.pii.recognizer_zh_person import CnPersonModelRecognizer, load_model
from corpusgov.quality.pii.zh_person_features import LEX_NAME


def test_crf_candidates_hold_what_the_recognizer_reports():
    model = load_model()
    texts = ["新华社记者王小明报道，张伟表示同意。", "", "史密斯和鲁尼都来了"]
    cands = crf_candidates(model, texts)
    assert cands[1] == {}
    rec = CnPersonModelRecognizer(model=model, use_latin=False)
    for text, found in zip(texts, cands, strict=True):
        for s, e, _ in rec.find(text):
            assert (s, e) in found
            c = found[(s, e)]
            assert c.floor in FLOORS and 0.0 < c.score <= c.mean_inside + 1e-4 and c.mean_inside <= 1.0  # score: rounded
    assert cands[0][(5, 8)].floor == 0.5  # 王小明: certain


def test_lexicon_candidates_are_jieba_names_not_yet_proposed():
    model = load_model()
    text = "史密斯和鲁尼都来了"
    have = {(0, 3): Candidate(0.9, 0.5, 0.9, 0.9, 0.9, 0.0, 0.0)}
    extra = lexicon_candidates(model, text, {})
    assert (0, 3) in extra and model.word_flag(text, 0, 3) & LEX_NAME
    assert all(model.word_flag(text, s, e) & LEX_NAME for s, e in extra)
    assert (0, 3) not in lexicon_candidates(model, text, have)
    assert all(c.floor is None for c in extra.values())


def test_span_keys_describe_the_span_and_its_context():
    model = load_model()
    text = "#话题#记者王小明报道"
    c = Candidate(0.95, 0.5, 0.97, 0.96, 0.95, 0.01, 0.02)
    keys = span_keys(model, text, (6, 9), c, True, ["王小明"])
    assert "sur=True" in keys and "l2=记者" in keys and "r2=报道" in keys
    assert "social=True" in keys and "reported=True" in keys and "len=3" in keys


def test_decode_keeps_the_most_probable_of_overlapping_spans_above_the_threshold():
    probs = np.array([0.9, 0.6, 0.2, 0.7])
    owner = np.array([0, 0, 0, 1])
    spans = [(2, 4), (2, 5), (8, 10), (0, 2)]
    assert decode(probs, owner, spans, 0.5, 3) == [{(2, 4)}, {(0, 2)}, set()]
    assert decode(probs, owner, spans, 0.1, 2) == [{(2, 4), (8, 10)}, {(0, 2)}]


def test_prf_counts_exact_spans_per_corpus():
    held = [("王小明报道", [(0, 3)]), ("张伟说", [(0, 2)])]
    res = prf(held, ["cluener_train.json", "msra_test.bio"], [{(0, 3), (3, 5)}, {(0, 1)}])
    assert res["cluener"] == (0.5, 1.0, 1)
    assert res["msra"] == (0.0, 0.0, 1)
    assert res["earlier_files"] == (1 / 3, 0.5, 2)
