"""Stages as Beam pipelines of tasks: Create(tasks) -> Reshuffle -> one DoFn that runs a task and writes files.

Why: some runners run only the last of several sinks and lose the rest silently (measured on Beam 2.77's
DaskRunner), so every task pipeline has exactly one terminal step, each task writes its own files (atomic
rename, so a retried task is harmless) and a summary file named after it, and the driver refuses to go on
when a summary is missing. Shared by the annotate, decide and finalise stages; decide's dependent steps run
as one chain of tasks (``chain_pipeline``), still with one terminal step.
"""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import apache_beam as beam

from corpusgov.heap import release_free_memory
from corpusgov.pipelines.annotated import write_atomic_text


class StageError(RuntimeError):
    """A stage's output is incomplete (a task left no summary): the runner lost work."""


class TaskFn(beam.DoFn):
    """Runs one task of a stage and writes its summary file; the stage's only terminal step."""

    def __init__(self, make: Any, summary_dir: str) -> None:
        self._make = make
        self._dir = summary_dir

    def setup(self) -> None:
        self._worker = self._make()

    def run_one(self, task: Any) -> dict[str, Any]:
        summary = self._worker.run(task)
        # Arrow's pool (mimalloc) kept what a task freed and the next task's tables landed partly on new
        # pages, so a stage's peak grew with its number of tasks, i.e. with the corpus (docs/profile.md,
        # issue 15: six decide partitions in a row 421 -> 451 MB, flat at 397-419 MB with this).
        release_free_memory()
        write_atomic_text(json.dumps(summary, sort_keys=True, ensure_ascii=False),
                          os.path.join(self._dir, f"{summary['task']:06d}.json"))
        return summary

    def process(self, task: Any):
        yield self.run_one(task)["task"]


def maker(cls: Any, *args: Any) -> Any:
    """A picklable-by-closure factory: the worker object is built once per DoFn instance (in `setup`)."""
    return lambda: cls(*args)


def _values(kv: tuple[int, Any]) -> Any:
    return kv[1]


def task_pipeline(p: beam.Pipeline, tasks: list[Any], fn: beam.DoFn) -> None:
    """Tasks keyed by their position, grouped (a shuffle: the runner spreads them over its workers), then run.

    Why not ``Create(tasks) | Reshuffle()``: Create reshuffles on its own and a Reshuffle expands into several
    transforms with timestamp handling the task list does not need; building and translating those cost
    0.106 CPU-s per pipeline against 0.048 here (12 pipelines per run, in-process runner, 2026-12-05)."""
    _ = (p | "Tasks" >> beam.Create(list(enumerate(tasks)), reshuffle=False) | "Spread" >> beam.GroupByKey()
         | "Ungroup" >> beam.FlatMap(_values) | "Run" >> beam.ParDo(fn))


@dataclass(frozen=True)
class ChainStep:
    """One step of a task chain: its task positions, its task at a position given the state the earlier steps
    left (None: nothing to do there), its worker, its summaries' directory, and how its summaries change the
    state (None: they do not)."""

    name: str
    summary_dir: str
    make: Any
    keys: list[int]
    task: Callable[[dict[str, Any], int], Any]
    fold: Callable[[dict[str, Any], list[dict[str, Any]]], dict[str, Any]] | None = None


CARRIER = -1  # the position that carries the state from step to step (it runs no task)


class _ChainStepFn(TaskFn):
    """Step i at one position: the state before step i from the carrier (step i-1's state and, when step i-1 has
    a fold, every summary of step i-1), its task run, and what step i+1 needs sent to each of its positions."""

    def __init__(self, step: ChainStep, prev_fold: Any, next_keys: list[int] | None, send_summaries: bool) -> None:
        super().__init__(step.make, step.summary_dir)
        self._step, self._prev_fold, self._next = step, prev_fold, next_keys
        self._send = send_summaries

    def process(self, kv: tuple[int, Any]):
        k, items = kv
        items = list(items)
        (state,) = [x for kind, x in items if kind == "state"]
        if self._prev_fold is not None:
            state = self._prev_fold(state, sorted((x for kind, x in items if kind == "summary"),
                                                  key=lambda s: s["task"]))
        out: tuple[str, Any] | None = ("state", state) if k == CARRIER else None
        if k != CARRIER:
            task = self._step.task(state, k)
            if task is not None:
                summary = self.run_one(task)
                out = ("summary", summary) if self._send else None
        if self._next is not None and out is not None:
            for nk in (CARRIER, *self._next):
                yield nk, out


def chain_pipeline(p: beam.Pipeline, steps: list[ChainStep], state: dict[str, Any]) -> None:
    """Steps that depend on each other as one task pipeline. Each step is a GroupByKey by task position (the
    runner spreads the positions over its workers; as every GroupByKey, it waits until the previous step's
    tasks have all finished: the barrier) and a DoFn that runs the task of a position. The state (e.g. whether
    label propagation has converged) goes from the carrier position of one step to every position of the
    next; a step whose state depends on the previous step's summaries (a fold) gets them at every position
    (positions x positions small dicts), so each position computes the same state. One terminal step.

    Why (issue 15): the decide stage ran ~10 pipelines of small tasks one after the other; on the
    multi_processing runner each started its own SDK worker processes (69 of 144 s of a 20k run went to decide,
    docs/profile.md)."""
    seed = [(k, ("state", state)) for k in (CARRIER, *steps[0].keys)]
    pc = p | "State" >> beam.Create(seed, reshuffle=False)
    for i, st in enumerate(steps):
        nxt = steps[i + 1].keys if i + 1 < len(steps) else None
        prev_fold = steps[i - 1].fold if i else None
        pc = (pc | f"{st.name}/Spread" >> beam.GroupByKey()
              | f"{st.name}/Run" >> beam.ParDo(_ChainStepFn(st, prev_fold, nxt, st.fold is not None)))


def run_chain(make_pipeline: Any, steps: list[ChainStep], state: dict[str, Any]) -> None:
    """``chain_pipeline`` run; the caller checks each step's summaries (``summary_files``) afterwards."""
    run_pipeline(make_pipeline, lambda p: chain_pipeline(p, steps, state))


class SummaryFiles:
    """A stage's task summaries in task order, each read from its file when iterated, one at a time.

    Why (issue 15): finalise's summaries (counters per input file, drill-down samples, diversity sketches) are
    ~270 KB of JSON per shard, ~0.6 MB each as Python objects; read all at once they added 26 MB to the
    driver's peak at 44 shards (tests/test_memory.py's larger run), growing with the number of shards."""

    def __init__(self, paths: list[str]) -> None:
        self.paths = paths

    def __len__(self) -> int:
        return len(self.paths)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for p in self.paths:
            with open(p, encoding="utf-8") as f:
                yield json.load(f)


def summary_files(d: str, expected: list[int], stage: str) -> SummaryFiles:
    """Every task's summary file (named after its task: `TaskFn`), in task order; StageError when one of
    `expected` is missing."""
    got = {}
    for p in glob.glob(os.path.join(d, "*.json")):
        name = os.path.basename(p)[: -len(".json")]
        if name.isdigit():
            got[int(name)] = p
    missing = sorted(set(expected) - set(got))
    if missing:
        raise StageError(f"stage {stage}: {len(missing)} of {len(expected)} tasks left no output "
                         f"(first: {missing[0]}); the runner lost work")
    return SummaryFiles([got[t] for t in sorted(got)])


def read_summaries(d: str, expected: list[int], stage: str) -> list[dict[str, Any]]:
    """Every task's summary, in task order, read into memory (small summaries); see `summary_files`."""
    return list(summary_files(d, expected, stage))


def run_pipeline(make_pipeline: Any, build: Any) -> None:
    p = make_pipeline()
    build(p)
    result = p.run()
    result.wait_until_finish()
    client = getattr(result, "client", None)  # DaskRunner opens a dask.distributed client per pipeline
    if client is not None:
        client.close()


def run_tasks(make_pipeline: Any, tasks: list[Any], make: Any, summary_dir: str, stage: str,
              ids: list[int] | None = None) -> list[dict[str, Any]]:
    """One task pipeline; returns the summaries (checked complete: `ids`, default the tasks themselves)."""
    return list(run_tasks_lazily(make_pipeline, tasks, make, summary_dir, stage, ids))


def run_tasks_lazily(make_pipeline: Any, tasks: list[Any], make: Any, summary_dir: str, stage: str,
                     ids: list[int] | None = None) -> SummaryFiles:
    """`run_tasks` for stages with large summaries: they are read one at a time when iterated."""
    if tasks:
        run_pipeline(make_pipeline, lambda p: task_pipeline(p, tasks, TaskFn(make, summary_dir)))
    return summary_files(summary_dir, list(tasks) if ids is None else ids, stage)


def rss_line() -> str:
    """"peak RSS so far N MB, now M MB" of this process (the whole run on the in-process runner)."""
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            now = f"{int(f.read().split()[1]) * os.sysconf('SC_PAGE_SIZE') / 2**20:.0f} MB"
    except (OSError, ValueError, IndexError):  # not Linux: the peak alone
        now = "unknown"
    return f"peak RSS so far {peak:.0f} MB, now {now}"
