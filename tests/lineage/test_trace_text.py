"""`trace --text` finds a record by the text as read and by the text as stored (personal information masked)."""

from __future__ import annotations

import glob
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from corpusgov.cli import main
from corpusgov.lineage.trace import TraceNotFound, trace_record


def _masked_row(run: Path) -> dict:
    for path in sorted(glob.glob(str(run / "corpus" / "*.parquet"))):
        for row in pq.read_table(path, columns=["record_id", "text", "masked"]).to_pylist():
            if row["masked"]:
                return row
    raise AssertionError("the demo corpus has no masked record")


def test_trace_text_accepts_the_stored_masked_text(demo_run: Path, capsys: pytest.CaptureFixture[str]) -> None:
    row = _masked_row(demo_run)
    assert "<" in row["text"]  # a placeholder such as <CN_MOBILE>
    out = trace_record(str(demo_run), text=row["text"])
    assert out["record_id"] == row["record_id"] and out["records_with_same_content"] == [row["record_id"]]
    assert out["matched_on"].startswith("stored text")
    assert main(["trace", str(demo_run), "--text", row["text"]]) == 0
    assert json.loads(capsys.readouterr().out)["record_id"] == row["record_id"]


def test_trace_text_prefers_the_original_and_reports_misses(demo_run: Path) -> None:
    row = _masked_row(demo_run)
    with pytest.raises(TraceNotFound, match="neither the content hash"):
        trace_record(str(demo_run), text=row["text"] + " (changed)")
    assert main(["trace", str(demo_run), "--text", "no such text anywhere"]) == 5
