"""Task summaries: checked complete when a stage ends, read one file at a time when merged (issue 15)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpusgov.pipelines.tasks import StageError, read_summaries, summary_files


def _write(d: Path, task: int, payload: str) -> None:
    (d / f"{task:06d}.json").write_text(json.dumps({"task": task, "payload": payload}), encoding="utf-8")


def test_summary_files_are_in_task_order_and_read_when_iterated(tmp_path: Path) -> None:
    for t in (10, 2, 7):
        _write(tmp_path, t, "first")
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")  # not a task's summary: ignored
    files = summary_files(str(tmp_path), [2, 7, 10], "finalise")
    assert len(files) == 3
    _write(tmp_path, 7, "rewritten")  # after the check, before the merge: the merge sees the file as it is then
    assert [(s["task"], s["payload"]) for s in files] == [(2, "first"), (7, "rewritten"), (10, "first")]
    assert read_summaries(str(tmp_path), [2, 7, 10], "finalise") == list(files)


def test_a_missing_summary_stops_the_stage(tmp_path: Path) -> None:
    _write(tmp_path, 0, "x")
    with pytest.raises(StageError, match="1 of 2 tasks left no output"):
        summary_files(str(tmp_path), [0, 1], "finalise")
