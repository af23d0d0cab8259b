"""The PI batch path (`PiiScanner.scan_batch`, the CN_PERSON model over many texts at once) gives exactly the
per-document findings: same spans, same scores, whatever the batch holds or how it is cut."""

from __future__ import annotations

import numpy as np
import pytest

from corpusgov.quality.eval.pii_eval import load
from corpusgov.quality.eval.pii_speed import make_docs
from corpusgov.quality.pii.emission_table import ROW_WIDTH, EmissionTable
from corpusgov.quality.pii.policy import PiiPolicy
from corpusgov.quality.pii.recognizer_zh_person import MODEL_PATH, CnPersonModelRecognizer, load_model
from corpusgov.quality.pii.scanner import PiiScanner
from corpusgov.quality.pii.zh_person_features import features, features_batch, features_padded
from corpusgov.quality.pii.zh_person_model import (
    ZhPersonModel,
    length_groups,
    posterior_spans,
    posterior_spans_batch,
)

EDGE = [
    "",
    "no Han characters here, call 13912345678",
    "王小明说他明天去北京开会。",  # a name at the very start
    "会议由组织部长主持，发言人是李华",  # a name at the very end
    "李华",
    "王",
    "\x01\x02张伟\x02\x01和\x01李娜",  # the padding codes inside a text
    "😀陈静😀和𠀋刘洋去了上海",  # characters beyond the BMP
    "姓名：赵敏，联系电话13800138000",  # a strong cue (lower floor, wider windows)
    "   ",
]


def _texts() -> list[str]:
    zh = make_docs("zh", 60, seed=3)
    en = make_docs("en", 20, seed=3)
    gold = [d["text"] for d in load()][:120]
    long_doc = "".join(make_docs("zh", 40, seed=5))  # ~17k characters: longer than a whole model batch
    return EDGE + zh[:30] + [long_doc] + en + gold + zh[30:] + EDGE


@pytest.fixture(scope="module")
def model() -> ZhPersonModel:
    return load_model()


def test_features_and_emissions_of_a_batch_equal_each_text_alone(model):
    texts = _texts()
    alone = np.concatenate([features(t, model.n_templates, model.lex) for t in texts], axis=1)
    assert np.array_equal(features_batch(texts, model.n_templates, model.lex), alone)
    assert features_batch([], model.n_templates, model.lex).shape == (model.n_templates, 0)
    stacked = model.emissions_batch(texts)
    assert np.array_equal(stacked, np.concatenate([model.emissions(t) for t in texts]))  # bit for bit


def test_marginals_of_a_window_do_not_depend_on_the_rest_of_the_batch(model):
    texts = [t for t in _texts() if t][:60]
    em = model.emissions_batch(texts)
    lengths = np.array([len(t) for t in texts])
    wins, owner = model.windows_batch(em, lengths, np.full(len(texts), model.start_margin))
    assert len(wins) > 50 and len(set(owner.tolist())) > 20
    marg, pos = model.marginals(em, wins)
    for w in (0, 1, len(wins) // 2, len(wins) - 1):
        one, one_pos = model.marginals(em, [wins[w]])
        width = one.shape[0]
        assert np.array_equal(one[:, 0], marg[:width, w]) and np.array_equal(one_pos[:, 0], pos[:width, w])
        assert (marg[width:, w, 0] == 1.0).all()  # padding after the window reads as O only


def test_windows_of_a_batch_are_each_texts_windows(model):
    texts = [t for t in _texts() if t]
    lengths = np.array([len(t) for t in texts])
    offsets = np.cumsum(lengths) - lengths
    wins, owner = model.windows_batch(model.emissions_batch(texts), lengths, np.full(len(texts), 5.0))
    for i, text in enumerate(texts):
        mine = [(a - offsets[i], b - offsets[i]) for (a, b), o in zip(wins, owner.tolist(), strict=True) if o == i]
        assert mine == model.windows(model.emissions(text), 5.0)


@pytest.mark.parametrize("batch_chars", [1, 300, 8192, 1 << 20])
def test_model_batch_equals_each_text_alone_however_cut(model, batch_chars, monkeypatch):
    texts = _texts()
    floors = [0.01 if i % 3 == 0 else model.floor for i in range(len(texts))]
    alone = [model.find(t, f) for t, f in zip(texts, floors, strict=True)]
    monkeypatch.setattr(model, "BATCH_CHARS", batch_chars)
    assert model.find_batch(texts, floors) == alone
    assert sum(len(x) for x in alone) > 50  # names were found: the comparison is not between empty lists


def test_recognizer_and_scanner_batches_equal_per_document_findings():
    rec = CnPersonModelRecognizer()
    texts = _texts()
    assert rec.find_batch(texts) == [rec.find(t) for t in texts]
    scanner = PiiScanner(PiiPolicy())
    langs = [None if i % 2 else "zh" for i in range(len(texts))]
    per_doc = [scanner.scan(t, lang) for t, lang in zip(texts, langs, strict=True)]
    assert scanner.scan_batch(texts, langs) == per_doc
    assert scanner.scan_batch(texts) == [scanner.scan(t) for t in texts]
    kinds = {f.entity_type for found in per_doc for f in found}
    assert {"CN_PERSON", "CN_MOBILE", "EMAIL_ADDRESS"} <= kinds
    assert scanner.scan_batch([]) == []


def _dense_find(model: ZhPersonModel, texts: list[str], floors: list[float]) -> list[list]:
    """The decoder before `marginals_flat`: one padded `marginals` call over all windows, spans per text."""
    out: list[list] = [[] for _ in texts]
    idx = [i for i, t in enumerate(texts) if t]
    em = model.emissions_batch([texts[i] for i in idx])
    lengths = np.array([len(texts[i]) for i in idx])
    wide = max(model.start_margin, model.WIDE_MARGIN)
    margins = np.array([model.start_margin if floors[i] >= model.floor else wide for i in idx])
    wins, owner = model.windows_batch(em, lengths, margins)
    marg, pos = model.marginals(em, wins)
    offsets = np.cumsum(lengths) - lengths
    for w in range(len(wins)):  # a text's windows are contiguous
        j = int(owner[w])
        if w == 0 or owner[w - 1] != j:
            sel = np.flatnonzero(owner == j)
            a, b = int(sel[0]), int(sel[-1]) + 1
            out[idx[j]] = posterior_spans(marg[:, a:b], pos[:, a:b] - offsets[j], floors[idx[j]])
    return out


def test_flat_marginals_are_the_padded_ones_at_window_characters(model):
    texts = [t for t in _texts() if t]
    em = model.emissions_batch(texts)
    wins, _ = model.windows_batch(em, np.array([len(t) for t in texts]), np.full(len(texts), 5.0))
    lengths = sorted((b - a for a, b in wins), reverse=True)
    assert lengths[0] > 300 and lengths[len(lengths) // 2] < 20  # long runs beside short windows: several groups
    marg, pos = model.marginals(em, wins)
    real = pos < len(em)
    by_row = np.argsort(pos[real], kind="stable")
    flat, rows = model.marginals_flat(em, wins)
    assert np.array_equal(rows, pos[real][by_row]) and np.array_equal(flat, marg[real][by_row])  # bit for bit
    one, one_rows = model.marginals_flat(em, wins[:1])
    assert np.array_equal(one_rows, np.arange(*wins[0])) and np.array_equal(one, marg[: len(one), 0])
    short = [w for w in wins if w[1] - w[0] <= model.SHORT_WINDOWS]  # the one-call path
    assert len(short) > 100
    marg, pos = model.marginals(em, short)
    real = pos < len(em)
    by_row = np.argsort(pos[real], kind="stable")
    flat, rows = model.marginals_flat(em, short)
    assert np.array_equal(rows, pos[real][by_row]) and np.array_equal(flat, marg[real][by_row])


def test_model_spans_equal_the_padded_decoder(model):
    texts = _texts()
    for floors in ([model.floor] * len(texts), [0.01 if i % 3 == 0 else model.floor for i in range(len(texts))]):
        assert model.find_batch(texts, floors) == _dense_find(model, texts, floors)


@pytest.mark.parametrize(
    "lengths",
    [[], [7], [5] * 40, [557, 539, 30, 12, 12, 9, 8, 8, 4, 3, 3], [480] + [6] * 300, list(range(300, 2, -1))],
)
def test_length_groups_cover_every_window_once_in_order(lengths):
    groups = length_groups(np.array(lengths, dtype=np.intp))
    assert [i for a, b in groups for i in range(a, b)] == list(range(len(lengths)))
    assert all(a < b for a, b in groups)
    if lengths and lengths[0] == 480:  # one long window is not padded into 300 short ones
        assert groups[0] == (0, 1)
    if lengths[:1] == [5]:
        assert groups == [(0, 40)]  # equal lengths: one call


def test_emissions_are_the_template_rows_added_in_order(model):
    """The padded row table changes no float: each character's emission is its templates' 5-label rows added
    left to right in float32, as with the (buckets, 5) table before."""
    texts = [t for t in _texts() if t][:40]
    ids = features_batch(texts, model.n_templates, model.lex, model.clusters, model.evidence)
    narrow = np.ascontiguousarray(model.emission)  # (buckets, 5), the old layout
    expected = narrow[ids[0]].copy()
    for row in ids[1:]:
        expected += narrow[row]
    assert np.array_equal(model.emissions_batch(texts), expected)
    assert np.array_equal(narrow.take(ids.ravel(), axis=0).reshape(*ids.shape, 5).sum(axis=0), expected)


def test_emission_table_keeps_every_weighted_row_and_shares_the_zero_one():
    dense = np.zeros((10, 5), dtype=np.float32)
    dense[2] = (1, 2, 3, 4, 5)
    dense[7, 3] = -0.0  # all bits zero but the sign: kept apart, so a sum keeps its sign bit
    dense[9, 0] = 0.5
    table = EmissionTable.from_dense(dense)
    assert table.rows.shape == (4, ROW_WIDTH) and table.index.dtype == np.uint16
    assert np.array_equal(table.dense().view(np.uint32), dense.view(np.uint32))
    sparse = EmissionTable.from_sparse(10, 5, np.array([2, 2, 2, 2, 2, 9, 7]), np.array([0, 1, 2, 3, 4, 0, 3]),
                                       np.array([1, 2, 3, 4, 5, 0.5, -0.0], dtype=np.float32))
    assert np.array_equal(sparse.dense().view(np.uint32), dense.view(np.uint32))
    ids = np.array([[2, 0, 9, 7], [9, 7, 2, 1]])
    want = dense[ids[0]] + dense[ids[1]]
    assert np.array_equal(table.sums(ids).view(np.uint32), want.view(np.uint32))


def test_the_shipped_model_loads_its_weights_without_a_dense_table(model):
    with np.load(MODEL_PATH) as z:
        dense = np.zeros((len(model.table.index), 5), dtype=np.float32)
        dense[z["rows"], z["cols"]] = z["weights"]
    assert np.array_equal(model.emission, dense)
    assert model.table.index.nbytes + model.table.rows.nbytes < 5 * 2**20  # the dense table is 20 MB


def test_padded_features_are_the_batch_features_with_the_gaps_between_texts(model):
    texts = [t for t in _texts() if t][:30]
    args = (model.n_templates, model.lex, model.clusters, model.evidence)
    ids, inside = features_padded(texts, *args)
    assert inside is not None and inside.sum() == sum(map(len, texts)) and len(inside) == ids.shape[1]
    assert ids.shape[1] - inside.sum() == 6 * (len(texts) - 1)  # BOS BOS + EOS x4 between two texts
    assert np.array_equal(ids[:, inside], features_batch(texts, *args))
    one, none = features_padded(texts[:1], *args)
    assert none is None and np.array_equal(one, features(texts[0], *args))


def test_spans_of_stacked_texts_never_cross_a_text():
    # two texts of 2 and 3 characters stacked rows 0-4; a name fills the end of the first and the start of
    # the second: with rows adjacent, only the text boundary splits them
    inside_i = (0.0, 0.0, 0.9, 0.1, 0.0)  # I, never a begin or an end: nothing but the boundary splits a run
    marg = np.array([(0.9, 0.1, 0.0, 0.0, 0.0), inside_i, inside_i, inside_i, (0.95, 0.0, 0.0, 0.05, 0.0)])
    pos = np.arange(5)
    got = posterior_spans_batch(marg, pos, np.array([0, 2]), [0.5, 0.5])
    assert [[(s.start, s.end) for s in t] for t in got] == [[(1, 2)], [(0, 2)]]
    assert [(s.start, s.end) for s in posterior_spans(marg, pos, 0.5)] == [(1, 4)]  # one text: one run
    # per-text floors: the second text's floor keeps its last, weak character
    assert [[(s.start, s.end) for s in t] for t in posterior_spans_batch(marg, pos, np.array([0, 2]), [0.5, 0.04])] == [
        [(1, 2)], [(0, 3)]]


def test_stacked_spans_equal_each_texts_spans(model):
    texts = [t for t in _texts() if t]
    em = model.emissions_batch(texts)
    lengths = np.array([len(t) for t in texts])
    wins, owner = model.windows_batch(em, lengths, np.full(len(texts), 5.0))
    marg, pos = model.marginals_flat(em, wins)
    offsets = np.cumsum(lengths) - lengths
    floors = [0.01 if i % 3 else model.floor for i in range(len(texts))]
    got = posterior_spans_batch(marg, pos, offsets, floors)
    for j in range(len(texts)):
        mine = (pos >= offsets[j]) & (pos < offsets[j] + lengths[j])
        assert got[j] == posterior_spans(marg[mine], pos[mine] - offsets[j], floors[j])
    assert sum(map(len, got)) > 50
