"""The governance run as Beam pipelines (stages) over disk: annotate -> decide -> finalise.

Why: a single graph made full annotated records cross several shuffles, and runners without a spilling
shuffle (Beam's in-process runner) held each of those collections in memory, so memory grew with the
corpus. Here full records never cross a shuffle and every grouping over all records goes through disk:

* **annotate** (``pipelines/annotate.py``) - one task per input file: read, annotate in batches, append
  each record to its record-id shard's Parquet part, write the file's compact key rows. No shuffle.
* **decide** (``pipelines/decide.py``) - exact + near duplicates from the key rows, grouped through disk
  partitions by tasks; Beam shuffles only candidate pairs and exact-group members. The per-source
  screening rates come from the annotate tasks' summaries (a handful of integers), not from a side input.
* **finalise** (``pipelines/finalise.py``) - one task per shard: the shard's annotated parts and duplicate
  rows -> ``corpus/``, ``decisions/``, ``pii/``, ``copyright/``, ``signatures/``, ``deadletter/``.

Each stage is one or more task pipelines with exactly one terminal step (``pipelines/tasks.py``); the
driver checks that every task left its summary, so a runner that silently drops work fails the run instead
of producing a short corpus. The driver then merges the summaries into the work files the manifest is built
from (``counters.jsonl``, ``signals.jsonl``, ``diversity.jsonl``, ``shards.jsonl``, ``dedup_stats.jsonl``).
"""

from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import dataclass, field
from typing import Any

import apache_beam as beam

from corpusgov.heap import release_free_memory
from corpusgov.pipelines.annotate import Annotator, SplitCacheWorker
from corpusgov.pipelines.annotated import Layout, write_atomic_text
from corpusgov.pipelines.decide import DecidePlan, run_decide
from corpusgov.pipelines.finalise import ShardWriter, merge_outputs
from corpusgov.pipelines.governance import PreDecider, RunSpec, policy_from_spec
from corpusgov.pipelines.tasks import StageError, maker, rss_line, run_tasks, run_tasks_lazily

__all__ = ["StageError", "StagedResult", "pipeline_factory", "run_stages"]

log = logging.getLogger("corpusgov")


@dataclass
class StagedResult:
    """What the driver needs after the stages: incremental-cache counts and per-stage timings."""

    cache_counts: dict[str, int] = field(default_factory=dict)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    stage_peak_rss_mb: dict[str, float] = field(default_factory=dict)


def run_stages(spec: RunSpec, make_pipeline: Any) -> StagedResult:
    """Runs annotate, decide and finalise (each Beam pipelines from `make_pipeline()`), then writes the
    aggregate work files the manifest is built from. Raises StageError if a runner lost a task."""
    lay = Layout(spec.work_dir)
    res = StagedResult()
    os.makedirs(spec.work_dir, exist_ok=True)
    policy = policy_from_spec(spec.policy)
    cache = spec.extra.get("annotation_cache")

    t = time.monotonic()
    if cache:
        shards = sorted(int(s) for s in cache["tables"].get("decisions", {}))
        run_tasks(make_pipeline, shards, maker(SplitCacheWorker, spec), lay.summaries("cache"), "cache")
    ann = run_tasks(make_pipeline, [{"index": i, "file": f} for i, f in enumerate(spec.files)],
                    maker(Annotator, spec), lay.summaries("annotate"), "annotate", ids=list(range(len(spec.files))))
    res.stage_seconds["annotate"] = round(time.monotonic() - t, 3)
    _log_stage("annotate", res)
    screen: dict[str, list[int]] = {}
    for s in ann:
        for src, (n, hits) in s["screen"].items():
            acc = screen.setdefault(src, [0, 0])
            acc[0] += n
            acc[1] += hits
    screen_counts = {k: (v[0], v[1]) for k, v in screen.items()}
    if cache:
        res.cache_counts = {k: sum(s[k] for s in ann) for k in ("records_reused", "records_annotated")}

    t = time.monotonic()
    cluster_sizes: dict[int, int] = {}
    if policy.dedup.enabled:
        decider = PreDecider(spec)
        rejected = frozenset(s for s in spec.sources if decider.screening_rejected(s, screen_counts))
        plan = DecidePlan.make(spec.work_dir, [lay.keys(i) for i in range(len(spec.files))], rejected,
                               policy.dedup, records=sum(s["records"] for s in ann), num_shards=spec.num_shards)
        stats, cluster_sizes = run_decide(plan, policy.dedup, spec.num_shards, make_pipeline)
        write_atomic_text(json.dumps(stats, sort_keys=True) + "\n", os.path.join(spec.work_dir, "dedup_stats.jsonl"))
    res.stage_seconds["decide"] = round(time.monotonic() - t, 3)
    _log_stage("decide", res)

    t = time.monotonic()
    shards = list(range(spec.num_shards))
    fin = run_tasks_lazily(make_pipeline, shards, maker(ShardWriter, spec, screen_counts),
                           lay.summaries("finalise"), "finalise")
    res.stage_seconds["finalise"] = round(time.monotonic() - t, 3)
    _log_stage("finalise", res)
    merge_outputs(spec.work_dir, fin, ann, cluster_sizes)
    return res


def _log_stage(name: str, res: StagedResult) -> None:
    """One line per stage: wall seconds, the driver's peak RSS so far (the whole run on the in-process
    runner) and its current RSS (after the memory the stage freed went back to the system); `make bench`
    reads these lines for its per-stage memory table."""
    import resource

    release_free_memory()
    res.stage_peak_rss_mb[name] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    log.info("stage %s: %.1f s, %s", name, res.stage_seconds[name], rss_line())


def pipeline_factory(runner: Any, options: Any) -> Any:
    """A fresh `beam.Pipeline` per stage on the same runner and options (a new in-process runner each time)."""
    from apache_beam.runners.portability.fn_api_runner import FnApiRunner

    def make() -> beam.Pipeline:
        r = FnApiRunner() if isinstance(runner, FnApiRunner) else runner
        return beam.Pipeline(runner=r, options=options)

    return make
