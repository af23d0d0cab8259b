"""Driver for `corpusgov run` / `scan`: plan, run the Beam pipeline (options, worker output, interrupts), then
hand its work files to `corpusgov.assemble`, which writes metrics, expectations and the manifest.

A run directory is only complete when `manifest.json` exists; it is written last, atomically, after the
model check (`corpusgov.rundir`). `_status.json` says `running` while the run goes and `failed` (with the error) if it fails, and
a failed run never leaves a manifest behind.
"""

from __future__ import annotations

import json
import logging
import math
import os
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from corpusgov.config import LoadedConfig
from corpusgov.planning import Plan, make_plan
from corpusgov.rundir import RunError, mark_failed, now, prepare_out_dir, write_status

__all__ = ["RunError", "mark_failed", "num_shards_for", "pii_hash_key", "pipeline_options", "prepare_out_dir",
           "run_governance", "source_specs", "worker_output_to"]

log = logging.getLogger("corpusgov")


def _quiet_workers(beam_args: list[str]) -> list[str]:
    """Without --debug, SDK workers log warnings only (multi_processing printed one line per recognizer loaded)."""
    if log.isEnabledFor(logging.DEBUG) or any(a.startswith("--default_sdk_harness_log_level") for a in beam_args):
        return beam_args
    return [*beam_args, "--default_sdk_harness_log_level=WARNING"]


@contextmanager
def worker_output_to(path: str, beam_args: list[str]) -> Iterator[None]:
    """Worker processes (`multi_processing`) write to `path` instead of the terminal, unless --debug.

    Why: they inherit the terminal, so each printed its loading messages and, on Ctrl-C, its own traceback.
    The driver's own log lines keep going to the terminal (its stderr is re-pointed at the saved descriptor).
    """
    if log.isEnabledFor(logging.DEBUG) or not any("multi_processing" in a for a in beam_args):
        yield
        return
    import threading

    old_hook = threading.excepthook

    def quiet_hook(args: Any) -> None:  # the runner's worker threads die with their workers (e.g. on Ctrl-C)
        log.debug("runner thread %s ended: %s", getattr(args.thread, "name", "?"), args.exc_value)

    threading.excepthook = quiet_hook
    # The workers' own log records, relayed to the driver, go to the same file.
    relay = logging.getLogger("apache_beam.runners.portability.local_job_service")
    relay_state = (relay.level, relay.propagate)
    file_handler = logging.FileHandler(path, encoding="utf-8")
    relay.addHandler(file_handler)
    relay.setLevel(logging.INFO)
    relay.propagate = False
    sys.stderr.flush()
    saved = os.dup(2)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(fd, 2)
    os.close(fd)
    old = sys.stderr
    try:
        repoint = old.fileno() == 2
    except (AttributeError, OSError, ValueError):  # pytest's capture: not a real descriptor
        repoint = False
    if repoint:
        sys.stderr = os.fdopen(os.dup(saved), "w", buffering=1, encoding="utf-8", errors="backslashreplace")
    try:
        yield
    finally:
        threading.excepthook = old_hook
        relay.removeHandler(file_handler)
        file_handler.close()
        relay.setLevel(relay_state[0])
        relay.propagate = relay_state[1]
        if repoint:
            sys.stderr.flush()
            sys.stderr.close()
            sys.stderr = old
        os.dup2(saved, 2)
        os.close(saved)


def pipeline_options(beam_args: list[str]) -> tuple[Any, Any, dict[str, Any]]:
    """Beam options from pass-through args; default runner is the in-process FnApiRunner (no Prism download)."""
    from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions

    opts = PipelineOptions(_quiet_workers(beam_args))
    runner_name = opts.view_as(StandardOptions).runner
    if runner_name is None:
        from apache_beam.runners.portability.fn_api_runner import FnApiRunner

        runner: Any = FnApiRunner()
        runner_name = "FnApiRunner"
    else:
        runner = runner_name
    shown = {k: v for k, v in opts.get_all_options(drop_default=True).items()
             if "key" not in k.lower() and k != "default_sdk_harness_log_level"}
    return opts, runner, {"name": runner_name, "options": json.loads(json.dumps(shown, default=str))}


def num_shards_for(plan: Plan, cfg: LoadedConfig) -> int:
    out = cfg.policy.output
    return max(1, min(out.max_shards, math.ceil(plan.total_bytes / out.target_shard_bytes)))


def pii_hash_key() -> bytes:
    """Key for keyed hashes of PI values (HMAC-SHA256), from CORPUSGOV_PII_HASH_KEY.

    Without a key no value hash is written: a hash under a published or derivable key could be reversed
    by trying every phone number, and a random per-run key would make runs differ. Takedowns by
    identifier need the key the run used.
    """
    return os.environ.get("CORPUSGOV_PII_HASH_KEY", "").encode()


def source_specs(cfg: LoadedConfig, plan: Plan, terms: int) -> dict[str, dict[str, Any]]:
    prio = cfg.policy.dedup.source_priority
    out = {}
    for i, s in enumerate(cfg.registry.sources):
        p = s.priority if s.priority is not None else (prio.index(s.id) if s.id in prio else len(prio) + i)
        out[s.id] = {
            "legal_basis": s.pi_legal_basis, "licence": s.licence, "acquisition": s.acquisition,
            "domain": s.domain, "priority": p, "rejected": plan.rejected.get(s.id, []), "lexicon_terms": terms,
        }
    return out


def run_governance(cfg: LoadedConfig, out_dir: str, beam_args: list[str], *, overwrite: bool = False,
                   command: str = "run", previous: dict[str, Any] | None = None,
                   plan: Plan | None = None, postprocess: bool = True, spec_extra: dict[str, Any] | None = None,
                   incremental: dict[str, Any] | None = None) -> dict[str, Any]:
    """Run the pipeline for a validated config into `out_dir`; returns the manifest.

    `spec_extra` goes to the pipeline (`RunSpec.extra`, e.g. an incremental run's annotation cache);
    `incremental`: the manifest's `incremental` section of a run made with `--base` (the pipeline adds its
    reused/annotated record counts).
    """
    from corpusgov.heap import collector_paused, freeze_long_lived

    with collector_paused():  # imports only; what they make lives as long as the process (frozen just below)
        from corpusgov.pipelines.governance import RunSpec
        from corpusgov.pipelines.stages import pipeline_factory, run_stages
        from corpusgov.quality.screening import load_lexicon

        # Frozen before the collector is back on: re-enabled first, it would collect the imports' objects once more.
        # no collection first: it walked ~150k objects to free ~1,300 (docs/profile.md, `wt-speed13`)
        freeze_long_lived("run: imports", collect=False)  # the modules imported so far live as long as the process

    out_dir = os.path.abspath(out_dir)
    prepare_out_dir(out_dir, overwrite)
    run_id = str(uuid.uuid4())
    started = now()
    write_status(out_dir, "running", run_id=run_id, started_at=started)
    work = os.path.join(out_dir, "_work")
    t0 = time.monotonic()
    phases: list[tuple[str, float]] = []

    def phase(name: str) -> None:
        phases.append((name, time.monotonic() - t0 - sum(s for _, s in phases)))

    try:
        plan = plan or make_plan(cfg)
        terms: list[str] = []
        if cfg.lexicon_path:
            terms, _ = load_lexicon(cfg.lexicon_path)
        sources = source_specs(cfg, plan, len(terms))
        n_shards = num_shards_for(plan, cfg)
        opts, runner, runner_info = pipeline_options(beam_args)
        key = pii_hash_key()
        spec = RunSpec(
            out_dir=out_dir, work_dir=work,
            files=[f.to_dict() for f in plan.files],
            mappings={s.id: {**s.inputs.fields.model_dump(), "csv_delimiter": s.inputs.csv_delimiter}
                      for s in cfg.registry.sources},
            limits=cfg.policy.limits.model_dump(),
            policy=cfg.policy.model_dump(mode="json"),
            lexicon_terms=terms, sources=sources, num_shards=n_shards, pii_hash_key=key,
            compression=cfg.policy.output.compression, extra=dict(spec_extra or {}),
            progress_dir=os.path.join(work, "progress"),
        )
        log.info("planned %d files (%d bytes) over %d sources; %d shards", len(plan.files), plan.total_bytes,
                 len(sources), n_shards)
        phase("plan")
        from corpusgov.progress import Reporter

        os.makedirs(work, exist_ok=True)
        assert spec.progress_dir is not None  # set just above
        with Reporter(spec.progress_dir, plan.total_bytes), \
                worker_output_to(os.path.join(work, "workers.log"), beam_args):
            result = run_stages(spec, pipeline_factory(runner, opts))
        phase("pipeline")
        freeze_long_lived("run: after the pipeline")  # the pipelines' graphs are garbage now; what survives (cached models) stays
        pipeline_seconds = time.monotonic() - t0
        from corpusgov.assemble import assemble

        manifest = assemble(cfg, plan, out_dir, work, run_id, started, runner_info, len(terms), command,
                            previous, pipeline_seconds, key, _with_cache_counts(incremental, result))
        phase("manifest")
        if postprocess:
            from corpusgov.heap import release_free_memory
            from corpusgov.render import render_all

            release_free_memory()

            render_all(out_dir, manifest, openlineage_url=cfg.run.openlineage_url)
            phase("renderings")
        write_status(out_dir, "complete", run_id=run_id, started_at=started, finished_at=manifest["run"]["finished_at"])
        if postprocess:  # last: the attestation covers every file written above (callers that add files attest later)
            from corpusgov.attest import reattest

            reattest(out_dir, config_key=cfg.resolve(cfg.run.signing_key) if cfg.run.signing_key else None)
            phase("attestation")
    except BaseException as e:  # Ctrl-C and SIGTERM too: a run is either complete or visibly failed
        mark_failed(out_dir, run_id, started, e)
        raise
    from corpusgov.progress import timing_line

    log.info("%s", timing_line(phases, manifest["totals"]["read"] + manifest["totals"]["deadlettered"]))
    return manifest


def _with_cache_counts(incremental: dict[str, Any] | None, result: Any) -> dict[str, Any] | None:
    """A copy of the `incremental` section with the pipeline's reused/annotated record counts."""
    if incremental is None:
        return None
    inc = dict(incremental)
    got = dict(result.cache_counts)  # pipelines.stages.StagedResult
    if got:  # only a run with an annotation cache counts; a full run annotates every record
        inc.update({"records_reused": 0, "records_annotated": 0, **got})
    return inc
