"""The demo batch plants five problems; the audit must report each one precisely, and only those."""

from __future__ import annotations

import json
import os

import pytest

from corpusgov.annotation.core import manifest_section
from corpusgov.annotation_audit import run_audit

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEMO = os.path.join(ROOT, "configs", "demo", "annotation")
CONFIG = os.path.join(DEMO, "audit.yaml")


@pytest.fixture(scope="module")
def local(tmp_path_factory):
    out = tmp_path_factory.mktemp("local")
    return run_audit(CONFIG, str(out), [], engine="local"), out


@pytest.fixture(scope="module")
def beam(tmp_path_factory):
    out = tmp_path_factory.mktemp("beam")
    return run_audit(CONFIG, str(out), [], engine="beam"), out


def by_code(audit, code):
    return [f for f in audit["findings"] if f["code"] == code]


def test_exactly_the_planted_problems_are_errors(local):
    audit, _ = local
    assert audit["passed"] is False
    assert audit["summary"]["findings_by_code"] == {
        "accuracy:batch_rejected": 1,
        "personnel:self_review": 1,
        "personnel:untrained": 1,
        "reliability:below_threshold": 1,
        "rules:no_negative_example": 1,
        "rules:safety_taxonomy_gap": 1,
    }
    assert {f["code"] for f in audit["findings"] if f["severity"] == "warning"} == {"reliability:below_threshold"}


def test_weak_annotator_is_flagged_and_only_them(local):
    audit = local[0]
    (f,) = by_code(audit, "reliability:below_threshold")
    assert (f["batch"], f["annotator_id"], f["count"]) == ("f2", "ann04", 80)
    # ann04 is wrong on 36 of 80 items (make_demo_annotation.py): the estimate must be near 44/80
    f2 = next(b for b in audit["batches"] if b["batch"] == "f2")
    row = f2["reliability"]["annotators"]["ann04"]
    assert row["basis"] == "dawid_skene" and abs(row["dawid_skene"]["rate"] - 44 / 80) < 0.1
    assert row["dawid_skene"]["ci_high"] < 0.90 < f2["reliability"]["annotators"]["ann02"]["dawid_skene"]["ci_high"]
    assert audit["annotators"]["ann04"]["reliability_flags"] == [{"batch": "f2", "code": "below_threshold"}]
    assert manifest_section(audit, "x")["unreliable_annotators"] == {
        "f2": [{"annotator_id": "ann04", "code": "below_threshold"}]}


def test_untrained_annotator_lists_every_record(local):
    (f,) = by_code(local[0], "personnel:untrained")
    assert (f["batch"], f["annotator_id"], f["count"]) == ("s1", "ann05", 50)
    assert {r["item_id"] for r in f["refs"]} == {f"s1-{i:04d}" for i in range(50)}
    assert all(r["file"] == "records.jsonl" and r["row"] > 0 and r["role"] == "annotate" for r in f["refs"])


def test_self_review_names_the_item_and_person(local):
    (f,) = by_code(local[0], "personnel:self_review")
    assert f["batch"] == "f1" and f["count"] == 1
    assert f["refs"][0]["item_id"] == "f1-0042" and f["refs"][0]["person_id"] == "ann02"


def test_label_without_negative_example(local):
    (f,) = by_code(local[0], "rules:no_negative_example")
    assert f["file"] == "rules_functional.yaml" and f["label"] == "neutral"


def test_safety_rules_missing_risks(local):
    (f,) = by_code(local[0], "rules:safety_taxonomy_gap")
    assert f["file"] == "rules_safety.yaml"
    assert f["risk_ids"] == ["A.3.2", "A.5.1", "A.5.2"]


def test_batch_below_threshold(local):
    audit = local[0]
    (f,) = by_code(audit, "accuracy:batch_rejected")
    assert f["batch"] == "f2" and f["threshold"] == 0.90 and f["accuracy"] < 0.90
    b = {x["batch"]: x for x in audit["batches"]}
    assert {k: v["status"] for k, v in b.items()} == {"f1": "accepted", "f2": "rejected", "s1": "accepted"}
    assert f["count"] == b["f2"]["accuracy"]["n"] - b["f2"]["accuracy"]["successes"]
    # the rejected batch's errors are dominated by the weak annotator, and the per-annotator figures show it
    per = b["f2"]["accuracy"]["per_annotator"]
    assert per["ann04"]["rate"] < 0.7 < per["ann02"]["rate"]
    assert sum(1 for r in f["refs"] if r["annotator_id"] == "ann04") > len(f["refs"]) / 2
    assert min(b["f2"]["dawid_skene"]["annotator_reliability"].items(), key=lambda kv: kv[1])[0] == "ann04"


def test_safety_batch_fully_reviewed_and_rules_tied_to_batches(local):
    audit = local[0]
    s1 = next(b for b in audit["batches"] if b["batch"] == "s1")
    assert s1["sampling"]["method"] == "census" and s1["sampling"]["n"] == s1["annotations"] == 100
    assert s1["accuracy"]["threshold"] == 0.95 and s1["accuracy"]["verified_by"] == {"review": 100}
    rules = {r["path"]: r for r in audit["rules_files"]}
    assert rules["rules_functional.yaml"]["batches"] == ["f1", "f2"]
    assert rules["rules_safety.yaml"]["batches"] == ["s1"]
    assert all(len(r["sha256"]) == 64 for r in rules.values())
    assert s1["rules_sha256"] == rules["rules_safety.yaml"]["sha256"]


def test_sample_exported_and_verdicts_imported(local):
    audit, out = local
    f2 = next(b for b in audit["batches"] if b["batch"] == "f2")
    rows = [json.loads(x) for x in open(os.path.join(out, f2["sampling"]["sample_file"]), encoding="utf-8")]
    assert len(rows) == f2["sampling"]["n"] == 88
    assert all(r["verdict"] is None for r in rows)
    assert f2["accuracy"]["verified_by"] == {"verdict": 88} and f2["accuracy"]["unverified"] == 0


def test_beam_pipeline_equals_local_path(local, beam):
    assert beam[0] == local[0]
    for name in ["annotation_audit.json", "annotation_sample/f1.jsonl", "annotation_sample/f2.jsonl"]:
        with open(os.path.join(local[1], name), "rb") as a, open(os.path.join(beam[1], name), "rb") as b:
            assert a.read() == b.read()


def test_audit_is_deterministic(local, tmp_path):
    again = run_audit(CONFIG, str(tmp_path), [], engine="local")
    assert again == local[0]


def test_manifest_section(local):
    m = manifest_section(local[0], "annotation_audit.json")
    assert m["passed"] is False and m["batches"]["f2"]["status"] == "rejected"


def test_generator_reproduces_committed_records():
    import importlib.util

    spec = importlib.util.spec_from_file_location("gen", os.path.join(DEMO, "make_demo_annotation.py"))
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    recs, _ = gen.build()
    lines = [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in recs]
    with open(os.path.join(DEMO, "records.jsonl"), encoding="utf-8") as f:
        assert f.read().splitlines() == lines
