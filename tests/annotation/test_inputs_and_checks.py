"""Input validation names file and field; rule and personnel checks on small hand-made cases."""

from __future__ import annotations

import json
import os
import shutil
from datetime import date

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml

from corpusgov.annotation.checks import PersonnelChecker, check_rule_set, check_rules
from corpusgov.annotation.io import load_rules, load_taxonomy
from corpusgov.annotation.models import AnnotationInputError, AnnotationRecord, Roster, RulesDoc
from corpusgov.annotation_audit import run_audit

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEMO = os.path.join(ROOT, "configs", "demo", "annotation")
TAXONOMY = load_taxonomy(os.path.join(ROOT, "configs", "taxonomy", "tc260_003_appendix_a.yaml"))


@pytest.fixture
def demo(tmp_path):
    d = tmp_path / "ann"
    shutil.copytree(DEMO, d)
    cfg = yaml.safe_load((d / "audit.yaml").read_text())
    cfg["taxonomy"] = os.path.join(ROOT, "configs", "taxonomy", "tc260_003_appendix_a.yaml")
    (d / "audit.yaml").write_text(yaml.safe_dump(cfg))
    return d


def test_taxonomy_has_31_risks_in_5_groups():
    assert [len(g.risks) for g in TAXONOMY.groups] == [8, 9, 5, 7, 2]
    assert len(set(TAXONOMY.risk_ids())) == 31


def test_bad_record_names_file_row_and_field(demo, tmp_path):
    lines = (demo / "records.jsonl").read_text().splitlines()
    rec = json.loads(lines[2])
    del rec["label"]
    lines[2] = json.dumps(rec)
    rec = json.loads(lines[5])
    rec["timestamp"] = "yesterday"
    lines[5] = json.dumps(rec)
    lines[7] = "{not json"
    (demo / "records.jsonl").write_text("\n".join(lines) + "\n")
    with pytest.raises(AnnotationInputError) as e:
        run_audit(str(demo / "audit.yaml"), str(tmp_path / "out"), [], engine="local")
    msg = str(e.value)
    assert "3 invalid annotation record(s)" in msg
    assert "records.jsonl: row 3: field '(record)': Value error, exactly one of 'label' or 'labels'" in msg
    assert "records.jsonl: row 6: field 'timestamp'" in msg
    assert "records.jsonl: row 8: invalid JSON" in msg


def test_bad_record_reported_the_same_by_beam(demo, tmp_path):
    lines = (demo / "records.jsonl").read_text().splitlines()
    rec = json.loads(lines[0])
    rec["role"] = "adjudicate"
    lines[0] = json.dumps(rec)
    (demo / "records.jsonl").write_text("\n".join(lines) + "\n")
    with pytest.raises(AnnotationInputError, match=r"records.jsonl: row 1: field 'role'"):
        run_audit(str(demo / "audit.yaml"), str(tmp_path / "out"), [], engine="beam")


@pytest.mark.parametrize(
    "fname,mutate,expected",
    [
        ("rules_functional.yaml", lambda d: d.pop("kind"), "rules_functional.yaml: field 'kind': required"),
        ("rules_safety.yaml", lambda d: d["labels"][0].update(colour="red"),
         "rules_safety.yaml: field 'labels.0.colour': unknown field"),
        ("roster.yaml", lambda d: d["annotators"][0]["assessments"][0].update(score="high"),
         "roster.yaml: field 'annotators.0.assessments.0.score'"),
        ("audit.yaml", lambda d: d["sampling"].update(confidence=1.5), "audit.yaml: field 'sampling.confidence'"),
    ],
)
def test_yaml_inputs_name_file_and_field(demo, tmp_path, fname, mutate, expected):
    data = yaml.safe_load((demo / fname).read_text())
    mutate(data)
    (demo / fname).write_text(yaml.safe_dump(data, allow_unicode=True))
    with pytest.raises(AnnotationInputError, match=expected.replace(".", r"\.")):
        run_audit(str(demo / "audit.yaml"), str(tmp_path / "out"), [], engine="local")


def test_bad_verdict_row_names_file_and_field(demo, tmp_path):
    with open(demo / "verdicts.jsonl", "a") as f:
        f.write(json.dumps({"batch": "f1", "item_id": "f1-0001", "annotator_id": "ann01", "verdict": "maybe"}) + "\n")
    n = len((demo / "verdicts.jsonl").read_text().splitlines())
    with pytest.raises(AnnotationInputError, match=rf"verdicts.jsonl: row {n}: field 'verdict'"):
        run_audit(str(demo / "audit.yaml"), str(tmp_path / "out"), [], engine="local")


def test_parquet_records_give_the_same_audit(demo, tmp_path):
    rows = [json.loads(x) for x in (demo / "records.jsonl").read_text().splitlines()]
    pq.write_table(pa.Table.from_pylist(rows), demo / "records.parquet", row_group_size=100)
    base = run_audit(str(demo / "audit.yaml"), str(tmp_path / "a"), [], engine="local")
    cfg = yaml.safe_load((demo / "audit.yaml").read_text())
    cfg["records"]["paths"] = ["records.parquet"]
    (demo / "audit.yaml").write_text(yaml.safe_dump(cfg))
    pqa = run_audit(str(demo / "audit.yaml"), str(tmp_path / "b"), [], engine="local")
    strip = lambda a: json.dumps({k: v for k, v in a.items() if k not in ("inputs", "findings")}, sort_keys=True)  # noqa: E731
    assert strip(pqa) == strip(base)
    assert [f["code"] for f in pqa["findings"]] == [f["code"] for f in base["findings"]]


def _rules(**over) -> RulesDoc:
    doc = {
        "version": "1", "task": "t", "kind": "functional", "goal": "g", "data_format": "d", "method": "m",
        "labels": [
            {"name": "spam", "definition": "Unsolicited ads.", "positive_examples": ["buy now"],
             "negative_examples": ["hello"]},
            {"name": "ham", "definition": "Normal mail.", "positive_examples": ["hi mum"],
             "negative_examples": ["buy now"]},
        ],
        "quality_metrics": [{"name": "accuracy", "threshold": 0.9}],
    }
    doc.update(over)
    return RulesDoc.model_validate(doc)


def codes(findings):
    return sorted(f["code"] for f in findings)


def test_clean_rules_have_no_findings():
    assert check_rules("r.yaml", _rules(), TAXONOMY, 0.85) == []


def test_duplicate_near_identical_and_ambiguous_labels():
    base = _rules().model_dump()["labels"]
    labels = base + [
        {**base[0], "name": "Spam "},  # duplicate after normalisation
        {**base[1], "name": "hams", "positive_examples": ["buy now"]},  # near-identical name, ambiguous example
        {"name": "other", "definition": "Normal mail.", "positive_examples": ["x"], "negative_examples": ["y"]},
        {"name": "undef", "definition": "", "positive_examples": [], "negative_examples": ["z"]},
    ]
    got = {(f["code"], tuple(f.get("labels") or [f.get("label")]))
           for f in check_rules("r.yaml", _rules(labels=labels), TAXONOMY, 0.85)}
    assert got == {
        ("rules:label_undefined", ("undef",)),
        ("rules:no_positive_example", ("undef",)),
        ("rules:duplicate_label", ("spam", "Spam ")),
        ("rules:near_identical_labels", ("ham", "hams")),  # names differ by one letter
        ("rules:near_identical_labels", ("ham", "other")),  # identical definitions
        ("rules:near_identical_labels", ("hams", "other")),
        ("rules:ambiguous_example", ("spam", "Spam ")),
        ("rules:ambiguous_example", ("spam", "hams")),  # "buy now" is a positive example of both
    }


def test_functional_and_safety_kept_apart():
    labels = _rules().model_dump()["labels"]
    labels[0]["risk_ids"] = ["A.1.1"]
    assert "rules:kind_mixed" in codes(check_rules("f.yaml", _rules(labels=labels), TAXONOMY, 0.85))
    docs = {"f.yaml": _rules(), "s.yaml": _rules(kind="safety")}
    assert codes(check_rule_set(docs, {"b": "t", "c": "nope"})) == ["batch:unknown_task", "rules:kind_mixed"]


def test_full_safety_coverage_has_no_gap():
    doc = load_rules(os.path.join(DEMO, "rules_safety.yaml")).model_dump()
    doc["labels"].append({"name": "other_risk", "definition": "A.3.2 and A.5", "positive_examples": ["p"],
                          "negative_examples": ["n"], "risk_ids": ["A.3.2", "A.5.1", "A.5.2", "Z.9"]})
    got = codes(check_rules("s.yaml", RulesDoc.model_validate(doc), TAXONOMY, 0.85))
    assert got == ["rules:unknown_risk_id"]


def _rec(who: str, day: str, role: str = "annotate") -> AnnotationRecord:
    return AnnotationRecord(item_id="i", batch="b", annotator_id=who, label="x", timestamp=f"{day}T10:00:00",
                            role=role)


def test_personnel_checker():
    roster = Roster.model_validate({"pass_mark": 80, "annotators": [
        {"id": "ok", "trainings": [{"date": "2026-01-01", "course": "c"}],
         "assessments": [{"date": "2026-01-02", "score": 85}]},
        {"id": "failed", "trainings": [{"date": "2026-01-01", "course": "c"}],
         "assessments": [{"date": "2026-01-02", "score": 79}]},
        {"id": "late", "trainings": [{"date": "2026-03-01", "course": "c"}],
         "assessments": [{"date": "2026-03-02", "score": 99}]},
    ]})
    c = PersonnelChecker(roster, reassessment_days=90)
    assert c.check(_rec("ok", "2026-01-02")) is None
    assert c.check(_rec("ok", "2026-01-01")) == "personnel:not_assessed"
    assert c.check(_rec("ok", "2026-06-01")) == "personnel:assessment_expired"
    assert c.check(_rec("ok", "2026-02-01", role="review")) == "personnel:role_not_permitted"
    assert c.check(_rec("failed", "2026-02-01")) == "personnel:not_assessed"
    assert c.check(_rec("late", "2026-02-01")) == "personnel:untrained"
    assert c.check(_rec("ghost", "2026-02-01")) == "personnel:not_in_roster"
    assert date(2026, 1, 2) == _rec("ok", "2026-01-02").timestamp.date()
