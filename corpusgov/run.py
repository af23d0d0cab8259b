"""Driver for `corpusgov run` / `scan`: plan, run the Beam pipeline, then assemble and write the manifest.

A run directory is only complete when `manifest.json` exists; it is written last, atomically, after the
schema check. `_status.json` says `running` while the run goes and `failed` (with the error) if it fails, and
a failed run never leaves a manifest behind.
"""

from __future__ import annotations

import base64
import json
import logging
import math
import os
import pickle
import shutil
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from corpusgov.config import ConfigError, LoadedConfig
from corpusgov.errors import first_line
from corpusgov.lineage.hashing import file_sha256
from corpusgov.manifest import (
    Counters,
    build_manifest,
    canonical_bytes,
    next_chain,
    sum_counts,
    validate_manifest,
)
from corpusgov.planning import Plan, make_plan

log = logging.getLogger("corpusgov")

OUTPUT_DIRS = ("corpus", "decisions", "pii", "copyright", "deadletter", "signatures", "expectations", "drilldown",
               "annotation_sample", "acceptance", "_work")
OUTPUT_FILES = ("manifest.json", "metrics.json", "openlineage.jsonl", "croissant.json", "dashboard.html",
                "report.zh.md", "report.en.md", "report.zh.html", "report.en.html", "report.eu.md", "report.eu.html",
                "manifest.dsse.json",
                "attestation.dsse.json",
                "annotation_audit.json", "_status.json", "_FAILED")


class RunError(Exception):
    """A run failed; the message is one line."""


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def prepare_out_dir(out_dir: str, overwrite: bool) -> None:
    if os.path.exists(out_dir) and os.listdir(out_dir):
        ours = any(os.path.exists(os.path.join(out_dir, n)) for n in ("manifest.json", "_status.json"))
        if not overwrite:
            raise RunError(f"output directory {out_dir} is not empty (pass --overwrite to replace a previous run)")
        if not ours:
            raise RunError(f"output directory {out_dir} is not empty and holds no corpusgov run; refusing to clear it")
        for d in OUTPUT_DIRS:
            shutil.rmtree(os.path.join(out_dir, d), ignore_errors=True)
        for n in OUTPUT_FILES:
            p = os.path.join(out_dir, n)
            if os.path.exists(p):
                os.remove(p)
    os.makedirs(out_dir, exist_ok=True)


def write_json_atomic(path: str, obj: Any) -> bytes:
    data = obj if isinstance(obj, bytes) else canonical_bytes(obj)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    return data


def _status(out_dir: str, status: str, **kw: Any) -> None:
    write_json_atomic(os.path.join(out_dir, "_status.json"), {"status": status, **kw})


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


def annotation_section(cfg: LoadedConfig, out_dir: str, outputs: dict[str, Any]) -> dict[str, Any]:
    """Art. 8 audit of the annotation data named by the run config; its files join the manifest's outputs."""
    from corpusgov.annotation.audit import run_audit
    from corpusgov.annotation.core import manifest_section

    audit = run_audit(cfg.resolve(cfg.run.annotation), out_dir, [], engine="local")
    report = os.path.join(out_dir, "annotation_audit.json")
    paths = [report] + sorted(
        os.path.join(root, n) for root, _, names in os.walk(os.path.join(out_dir, "annotation_sample")) for n in names
    )
    for p in paths:
        outputs["files"].append({"path": os.path.relpath(p, out_dir), "sha256": file_sha256(p),
                                 "bytes": os.path.getsize(p), "rows": None, "kind": "annotation", "merkle_root": None})
    section = manifest_section(audit, os.path.relpath(report, out_dir))
    section["gate_critical"] = cfg.run.annotation_gate_critical
    return section


def read_json_lines(path: str) -> list[Any]:
    """A pipeline work file (one JSON value per line); [] when the pipeline wrote none."""
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def read_diversity(work_dir: str) -> dict[str, Any]:
    from corpusgov.quality.decide import KEPT, STAGES
    from corpusgov.quality.diversity import DiversityAccumulator

    by_stage = {
        stage: pickle.loads(base64.b64decode(blob))  # noqa: S301 - our own work file
        for stage, blob in read_json_lines(os.path.join(work_dir, "diversity.jsonl"))
    }

    order = [*STAGES, KEPT]
    stages = []
    # "after measure k" = every record not dropped by measures 0..k.
    for k in range(-1, len(STAGES)):
        acc = DiversityAccumulator()
        for later in order[k + 1 :]:
            if later in by_stage:
                acc = acc.merge(by_stage[later])
        res = acc.result()
        stages.append({"stage": "read" if k < 0 else STAGES[k], **res})
    return {"stages": stages}


def steps_from(counters: Counters, cfg: LoadedConfig, sources: list[str], dedup_params: dict[str, Any]) -> list[dict]:
    from corpusgov.quality.decide import STAGES

    pol = cfg.policy
    params = {
        "ingest": {"limits": pol.limits.model_dump()},
        "source_gate": {"screening_max_hit_rate": pol.screening.max_hit_rate, "evidence": "TC260-003 §5.1"},
        "screening": {"record_action": pol.screening.record_action},
        "pii": pol.pii.model_dump(mode="json"),
        "copyright": pol.copyright.model_dump(mode="json"),
        "quality": pol.quality.model_dump(mode="json"),
        "language": pol.language.model_dump(mode="json"),
        "dedup": dedup_params,
    }
    read = sum(counters.get("decision", s, d) for s in sources for d in ("keep", "drop"))
    dead = sum(sum(counters.by("dead", s).values()) for s in sources)
    steps = [{"name": "ingest", "params": params["ingest"], "records_in": read + dead, "records_out": read,
              "dropped_by_reason": {f"deadletter:{k}": v for k, v in
                                    sum_counts([counters.by("dead", s) for s in sources]).items()}}]
    remaining = read
    for st in STAGES:
        dropped = sum(counters.get("stage", s, st) for s in sources)
        reasons = sum_counts([
            {r: v for r, v in counters.by("drop_reason", s).items() if _stage_of(r) == st} for s in sources
        ])
        steps.append({"name": st, "params": params[st], "records_in": remaining, "records_out": remaining - dropped,
                      "dropped_by_reason": reasons})
        remaining -= dropped
    return steps


def check_text_field(cfg: LoadedConfig, counters: Counters) -> None:
    """A file none of whose records has the mapped text field is a configuration error, said in one line.

    Why: the records used to be dead-lettered one by one and the run "passed" with cryptic expectation
    failures; a wrong `fields.text` name is a mapping mistake to fix, not bad data.
    """
    for k, v in sorted(counters.data.items()):
        if k[0] != "file_dead" or len(k) != 4 or k[3] != "missing_text" or not v:
            continue
        _, sid, key, _ = k
        other = sum(n for kk, n in counters.data.items() if kk[0] == "file_dead" and kk[1:3] == (sid, key)) - v
        if counters.get("file_parsed", sid, key) == 0 and other == 0:
            field = cfg.source(sid).inputs.fields.text if sid in {s.id for s in cfg.registry.sources} else "text"
            raise ConfigError(f"{cfg.registry_path}: source {sid!r} field 'inputs.fields.text': no record of "
                              f"{key} has a field {field!r} ({v:,} records; check the field name)")


def drill_files(out_dir: str, work: str, counters: Counters, cfg: LoadedConfig) -> list[dict[str, Any]]:
    """The drill-down tables (corpusgov.drill) as manifest output entries."""
    from corpusgov.drill import Masker, write_tables

    samples = read_json_lines(os.path.join(work, "drill.jsonl"))
    out = []
    for p in write_tables(out_dir, samples, counters, Masker(cfg.policy.pii.model_dump(mode="json"))):
        out.append({"path": os.path.relpath(p, out_dir), "sha256": file_sha256(p), "bytes": os.path.getsize(p),
                    "rows": None, "kind": "drilldown", "merkle_root": None, "run_specific": True})
    return out


def _stage_of(reason: str) -> str:
    head = reason.split(":", 1)[0]
    return {"source_rejected": "source_gate", "duplicate": "dedup"}.get(head, head)


def output_files(out_dir: str, shards: list[dict[str, Any]]) -> dict[str, Any]:
    from corpusgov.lineage.merkle import corpus_root

    info = {os.path.relpath(s["path"], out_dir): s for s in shards}
    files = []
    for kind in ("corpus", "decisions", "pii", "copyright", "deadletter", "signatures"):
        d = os.path.join(out_dir, kind)
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            rel = f"{kind}/{name}"
            p = os.path.join(d, name)
            s = info.get(rel, {})
            files.append({"path": rel, "sha256": file_sha256(p), "bytes": os.path.getsize(p),
                          "rows": s.get("rows"), "kind": kind, "merkle_root": s.get("merkle_root")})
    corpus = [f for f in files if f["kind"] == "corpus"]
    merkle = {
        "algorithm": "RFC6962-sha256; leaf = record_id || 0x00 || sha256(text); corpus root over shard roots",
        "corpus_root": corpus_root([f["merkle_root"] for f in corpus]),
        "leaves": sum(f["rows"] or 0 for f in corpus),
        "shards": [{"path": f["path"], "root": f["merkle_root"], "leaves": f["rows"]} for f in corpus],
    }
    return {"files": files, "merkle": merkle}


def run_governance(cfg: LoadedConfig, out_dir: str, beam_args: list[str], *, overwrite: bool = False,
                   command: str = "run", previous: dict[str, Any] | None = None,
                   plan: Plan | None = None, postprocess: bool = True, spec_extra: dict[str, Any] | None = None,
                   manifest_extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """Run the pipeline for a validated config into `out_dir`; returns the manifest.

    `spec_extra` goes to the pipeline (`RunSpec.extra`, e.g. an incremental run's annotation cache);
    `manifest_extra` adds top-level manifest sections (e.g. `incremental`).
    """
    from corpusgov.pipelines.governance import RunSpec
    from corpusgov.pipelines.stages import pipeline_factory, run_stages
    from corpusgov.quality.screening import load_lexicon

    out_dir = os.path.abspath(out_dir)
    prepare_out_dir(out_dir, overwrite)
    run_id = str(uuid.uuid4())
    started = now()
    _status(out_dir, "running", run_id=run_id, started_at=started)
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
        with Reporter(spec.progress_dir, plan.total_bytes), \
                worker_output_to(os.path.join(work, "workers.log"), beam_args):
            result = run_stages(spec, pipeline_factory(runner, opts))
        phase("pipeline")
        pipeline_seconds = time.monotonic() - t0
        extra = _with_cache_counts(manifest_extra, result)
        extra["_pii_key"] = key
        manifest = assemble(cfg, plan, out_dir, work, run_id, started, runner_info, sources, command,
                            previous, pipeline_seconds, extra=extra)
        phase("manifest")
        if postprocess:
            from corpusgov.render import render_all

            render_all(out_dir, manifest, openlineage_url=cfg.run.openlineage_url)
            phase("renderings")
        _status(out_dir, "complete", run_id=run_id, started_at=started, finished_at=manifest["run"]["finished_at"])
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


def mark_failed(out_dir: str, run_id: str, started: str, e: BaseException) -> None:
    """`_status.json` = failed, `_FAILED`, and no manifest: `verify` cannot accept a partial run."""
    why = "interrupted" if isinstance(e, KeyboardInterrupt) else f"{type(e).__name__}: {first_line(str(e))[:500]}"
    manifest = os.path.join(out_dir, "manifest.json")
    if os.path.exists(manifest):
        os.remove(manifest)
    with open(os.path.join(out_dir, "_FAILED"), "w", encoding="utf-8") as f:
        f.write("This run failed; its outputs are partial and must not be used. See _status.json.\n")
    _status(out_dir, "failed", run_id=run_id, started_at=started, failed_at=now(), error=why)


def _with_cache_counts(manifest_extra: dict[str, Any] | None, result: Any) -> dict[str, Any]:
    """Copies `manifest_extra`; an `incremental` section gets the pipeline's reused/annotated record counts."""
    extra = {k: (dict(v) if isinstance(v, dict) else v) for k, v in (manifest_extra or {}).items()}
    if isinstance(extra.get("incremental"), dict):
        got = dict(result.cache_counts)  # pipelines.stages.StagedResult
        if got:  # only a run with an annotation cache counts; a full run annotates every record
            extra["incremental"].update({"records_reused": 0, "records_annotated": 0, **got})
    return extra


def assemble(cfg: LoadedConfig, plan: Plan, out_dir: str, work: str, run_id: str, started: str,
             runner_info: dict[str, Any], sources: dict[str, dict[str, Any]], command: str,
             previous: dict[str, Any] | None, pipeline_seconds: float,
             extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """Driver-side: aggregates -> gates, expectations, metrics.json, manifest (validated, written last).

    `extra`: top-level manifest sections to add; its `_pii_key` (never written) is the run's PI hash key, of
    which only a key id is recorded (so takedowns by identifier can check they use the same key).
    """
    from corpusgov.lifecycle import annotation_fingerprint, key_id, lexicon_sha256

    extra = dict(extra or {})
    key = extra.pop("_pii_key", None)
    from corpusgov.gates import evaluate_gates
    from corpusgov.metrics import build_metrics, dedup_section, validate_metrics

    counters = Counters.read(os.path.join(work, "counters.jsonl"))
    check_text_field(cfg, counters)
    shards = read_json_lines(os.path.join(work, "shards.jsonl"))
    diversity = read_diversity(work)
    ids = [s.id for s in cfg.registry.sources]
    # A source is rejected by evidence (planning) or by its screening hit rate (measured in the pipeline).
    for sid in ids:
        n = sum(counters.get("decision", sid, d) for d in ("keep", "drop"))
        hits = counters.get("screen_hit", sid)
        pol = cfg.policy.screening
        if pol.enabled and n and hits / n > pol.max_hit_rate and "screening_rate_exceeded" not in sources[sid]["rejected"]:
            sources[sid] = {**sources[sid], "rejected": [*sources[sid]["rejected"], "screening_rate_exceeded"]}
    stats = read_json_lines(os.path.join(work, "dedup_stats.jsonl"))
    dedup = dedup_section(counters, cfg, ids, stats[0] if stats else None)
    outputs = output_files(out_dir, shards)
    outputs["files"] += drill_files(out_dir, work, counters, cfg)
    steps = steps_from(counters, cfg, ids, dedup["params"])
    from corpusgov.quality.annotators import Annotators

    pii_mode = Annotators.mode_for(cfg.policy)
    run = {"run_id": run_id, "name": cfg.run.name, "command": command, "started_at": started,
           "finished_at": started, "status": "complete", "pipeline_seconds": round(pipeline_seconds, 3)}
    manifest = build_manifest(
        cfg=cfg, plan=plan, counters=counters, run=run, runner=runner_info, source_status=sources,
        steps=steps, outputs=outputs, dedup=dedup, diversity=diversity, pii_mode=pii_mode, gates=[],
        previous=previous, extra=extra, chain=next_chain(previous, out_dir, run_id),
    )
    if key:
        manifest["pii"]["key_id"] = key_id(key)
        manifest["pii"]["key_source"] = "env"
    else:
        manifest["pii"]["key_source"] = "none: no value hashes written (set CORPUSGOV_PII_HASH_KEY)"
    manifest["annotation_cache"] = annotation_fingerprint(cfg.policy, lexicon_sha256(cfg))
    metrics = build_metrics(manifest, counters, cfg, dict(read_json_lines(os.path.join(work, "signals.jsonl"))))
    expectations = None
    if cfg.policy.expectations.enabled and cfg.policy.expectations.suite:
        from corpusgov.quality.expectations import language_value_set, run_expectations

        dec = [os.path.join(out_dir, f["path"]) for f in outputs["files"] if f["kind"] == "decisions"]
        expectations = run_expectations(
            dec, {"records": manifest["totals"]["kept"]}, cfg.policy.expectations, out_dir,
            parameters={"allowed_languages": language_value_set(cfg.policy.language.allowed)},
            run_name=run_id, run_time=datetime.fromisoformat(started.replace("Z", "+00:00")),
        )
        for k in ("results_path", "data_docs_index"):
            if expectations.get(k):
                expectations[k] = os.path.relpath(expectations[k], out_dir)
        metrics["expectations"] = {k: v for k, v in expectations.items() if k != "data"}
    errors = validate_metrics(metrics)
    if errors:
        raise RunError(f"metrics.json failed its schema: {errors[0]}")
    write_json_atomic(os.path.join(out_dir, "metrics.json"), metrics)
    for extra in ("metrics.json",):
        p = os.path.join(out_dir, extra)
        outputs["files"].append({"path": extra, "sha256": file_sha256(p), "bytes": os.path.getsize(p),
                                 "rows": None, "kind": "metrics", "merkle_root": None, "run_specific": True})
    exp_dir = os.path.join(out_dir, "expectations")
    if os.path.isdir(exp_dir):
        for root, _, names in sorted(os.walk(exp_dir)):
            for n in sorted(names):
                p = os.path.join(root, n)
                outputs["files"].append({"path": os.path.relpath(p, out_dir), "sha256": file_sha256(p),
                                         "bytes": os.path.getsize(p), "rows": None, "kind": "expectations",
                                         "merkle_root": None, "run_specific": True})
    if cfg.run.annotation:
        manifest["annotation"] = annotation_section(cfg, out_dir, outputs)
    manifest["gates"] = evaluate_gates(manifest, expectations)
    shutil.rmtree(work, ignore_errors=True)
    manifest["run"]["finished_at"] = now()
    errors = validate_manifest(manifest)
    if errors:
        raise RunError(f"manifest failed its schema: {errors[0]}")
    write_json_atomic(os.path.join(out_dir, "manifest.json"), manifest)
    return manifest
