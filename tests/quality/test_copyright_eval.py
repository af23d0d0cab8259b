"""The labelled eval set: rebuilt deterministically and scored at the promised precision/recall."""

from __future__ import annotations

import json

from corpusgov.quality.eval import build_copyright_eval
from corpusgov.quality.eval.copyright_eval import DATA, evaluate, load


def test_committed_data_matches_builder() -> None:
    docs = build_copyright_eval.build()
    assert docs == build_copyright_eval.build()  # seeded
    committed = load(DATA)
    assert [json.dumps(d, sort_keys=True, ensure_ascii=False) for d in docs] == [
        json.dumps(d, sort_keys=True, ensure_ascii=False) for d in committed
    ]


def test_spans_are_exact() -> None:
    for d in load(DATA):
        for s in d["spans"]:
            assert 0 <= s["start"] < s["end"] <= len(d["text"])
        if d["kind"] != "positive":
            assert d["spans"] == []


def test_notices_and_licences_meet_target() -> None:
    res = evaluate(load(DATA))
    for cls in ("copyright_notice", "licence"):
        m = res["per_class"][cls]
        assert m["gold"] >= 50
        assert m["precision"] >= 0.95, (cls, m)
        assert m["recall"] >= 0.95, (cls, m)
    assert res["licence_id_accuracy"] >= 0.95
    # the other classes are reported; hold them to a floor so regressions show
    for cls in ("rights_reserved", "no_reprint", "attribution_required", "opt_out"):
        m = res["per_class"][cls]
        assert m["precision"] >= 0.9 and m["recall"] >= 0.85, (cls, m)
    assert res["negative_documents_with_findings"] == 0
