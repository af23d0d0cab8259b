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


class _Echo:
    """A chain step's worker: its summary says which task it ran."""

    def __init__(self, tag: str) -> None:
        self.tag = tag

    def run(self, task: object) -> dict:
        return {"task": task[0] if isinstance(task, tuple) else task, "tag": self.tag, "seen": task}


def _count(state: dict, summaries: list[dict]) -> dict:
    return {**state, "n": state["n"] + len(summaries), "order": [s["task"] for s in summaries]}


def _with_n(state: dict, k: int) -> tuple[int, int]:
    return k, state["n"]


def _none_when_counted(state: dict, k: int) -> int | None:
    return None if state["n"] >= 3 else k


def test_chain_passes_state_from_step_to_step_and_skips_tasks(tmp_path: Path) -> None:
    """Step 2's tasks see step 1's folded summaries (in task order); step 3 has no task once the state says so, and
    the state still reaches step 4; every task ran once, in one pipeline."""
    import apache_beam as beam
    from apache_beam.runners.portability.fn_api_runner import FnApiRunner

    from corpusgov.pipelines.dedup_label import fixed_task
    from corpusgov.pipelines.tasks import ChainStep, maker, run_chain

    pipelines = []

    def make() -> beam.Pipeline:
        pipelines.append(1)
        return beam.Pipeline(runner=FnApiRunner())

    def step(name: str, keys: list[int], task: object, fold: object = None) -> ChainStep:
        return ChainStep(name, str(tmp_path / name), maker(_Echo, name), keys, task, fold)

    steps = [step("one", [0, 1, 2], fixed_task, _count), step("two", [0, 1], _with_n, _count),
             step("three", [0, 1, 2], _none_when_counted), step("four", [0], fixed_task)]
    run_chain(make, steps, {"n": 0})
    assert pipelines == [1]
    assert [s["seen"] for s in read_summaries(str(tmp_path / "one"), [0, 1, 2], "one")] == [0, 1, 2]
    assert [s["seen"] for s in read_summaries(str(tmp_path / "two"), [0, 1], "two")] == [[0, 3], [1, 3]]
    assert not (tmp_path / "three").exists()  # n = 5 >= 3: no task
    assert [s["tag"] for s in read_summaries(str(tmp_path / "four"), [0], "four")] == ["four"]
