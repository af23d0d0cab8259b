"""Driver side of a run after the pipeline: its work files -> metrics.json, expectations, the manifest.

Why a module of its own: `corpusgov.run` drives Beam (options, worker output, interrupts); this turns what
the pipeline measured (`_work/counters.jsonl`, shard infos, diversity sketches, signal statistics) into the
run's outputs through the one manifest builder (`corpusgov.manifest`). The expectations step is shared with
derived versions (`forget`, takedowns re-applied by incremental runs).
"""

from __future__ import annotations

import base64
import json
import os
import pickle
import shutil
from datetime import datetime
from typing import Any

from corpusgov.config import ConfigError, LoadedConfig
from corpusgov.heap import release_free_memory
from corpusgov.manifest import (
    Counters,
    ManifestError,
    aggregate_sections,
    build_manifest,
    code_info,
    config_section,
    next_chain,
    sources_from_config,
)
from corpusgov.planning import Plan
from corpusgov.rundir import RunError, file_entry, files_under, now, write_json_atomic


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
    return [file_entry(out_dir, p, "drilldown", run_specific=True)
            for p in write_tables(out_dir, samples, counters, Masker(cfg.policy.pii.model_dump(mode="json")))]


def output_files(out_dir: str, shards: list[dict[str, Any]]) -> dict[str, Any]:
    """`outputs`: every table file with its rows and Merkle root, and the corpus Merkle root over its shards."""
    info = {os.path.relpath(s["path"], out_dir): s for s in shards}
    files = []
    for kind in ("corpus", "decisions", "pii", "copyright", "deadletter", "signatures"):
        d = os.path.join(out_dir, kind)
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            s = info.get(f"{kind}/{name}", {})
            files.append(file_entry(out_dir, os.path.join(d, name), kind, rows=s.get("rows"),
                                    merkle_root=s.get("merkle_root")))
    return {"files": files, "merkle": merkle_section(files)}


def merkle_section(files: list[dict[str, Any]]) -> dict[str, Any]:
    from corpusgov.lineage.merkle import corpus_root

    corpus = [f for f in files if f["kind"] == "corpus"]
    return {
        "algorithm": "RFC6962-sha256; leaf = record_id || 0x00 || sha256(text); corpus root over shard roots",
        "corpus_root": corpus_root([f["merkle_root"] for f in corpus]),
        "leaves": sum(f["rows"] or 0 for f in corpus),
        "shards": [{"path": f["path"], "root": f["merkle_root"], "leaves": f["rows"]} for f in corpus],
    }


def annotation_section(cfg: LoadedConfig, out_dir: str, config: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Art. 8 audit of the annotation data named by the run config (`config`, the annotation config file):
    (manifest section, its output files)."""
    from corpusgov.annotation.core import manifest_section
    from corpusgov.annotation_audit import run_audit

    audit = run_audit(cfg.resolve(config), out_dir, [], engine="local")
    report = os.path.join(out_dir, "annotation_audit.json")
    paths = [report] + sorted(
        os.path.join(root, n) for root, _, names in os.walk(os.path.join(out_dir, "annotation_sample")) for n in names
    )
    section = manifest_section(audit, os.path.relpath(report, out_dir))
    section["gate_critical"] = cfg.run.annotation_gate_critical
    return section, [file_entry(out_dir, p, "annotation") for p in paths]


def expectations_for(policy: Any, out_dir: str, outputs: dict[str, Any], kept: int, run_id: str,
                     started: str) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """Great Expectations over the version's decisions/ when the policy enables a suite: (result with paths
    relative to `out_dir`, output entries of expectations/); (None, []) otherwise."""
    if not (policy.expectations.enabled and policy.expectations.suite):
        return None, []
    from corpusgov.quality.expectations import language_value_set, run_expectations

    shutil.rmtree(os.path.join(out_dir, "expectations"), ignore_errors=True)
    dec = [os.path.join(out_dir, f["path"]) for f in outputs["files"] if f["kind"] == "decisions"]
    res = run_expectations(
        dec, {"records": kept}, policy.expectations, out_dir,
        parameters={"allowed_languages": language_value_set(policy.language.allowed)},
        run_name=run_id, run_time=datetime.fromisoformat(started.replace("Z", "+00:00")),
    )
    for k in ("results_path", "data_docs_index"):
        if res.get(k):
            res[k] = os.path.relpath(res[k], out_dir)
    return res, files_under(out_dir, "expectations", "expectations", run_specific=True)


def write_metrics(out_dir: str, metrics: dict[str, Any]) -> dict[str, Any]:
    """Validates and writes metrics.json; returns its output entry."""
    from corpusgov.metrics import validate_metrics

    errors = validate_metrics(metrics)
    if errors:
        raise RunError(f"metrics.json failed its schema: {errors[0]}")
    p = os.path.join(out_dir, "metrics.json")
    write_json_atomic(p, metrics)
    return file_entry(out_dir, p, "metrics", run_specific=True)


def assemble(cfg: LoadedConfig, plan: Plan, out_dir: str, work: str, run_id: str, started: str,
             runner_info: dict[str, Any], lexicon_terms: int, command: str, previous: dict[str, Any] | None,
             pipeline_seconds: float, pii_key: bytes, incremental: dict[str, Any] | None = None) -> dict[str, Any]:
    """Aggregates -> metrics.json, expectations, annotation audit, manifest (validated, written last).

    `pii_key` is the run's PI hash key, of which only a key id is recorded (so takedowns by identifier can
    check they use the same key).
    """
    from corpusgov.lifecycle import annotation_fingerprint, key_id, lexicon_sha256
    from corpusgov.metrics import build_metrics
    from corpusgov.quality.annotators import Annotators

    counters = Counters.read(os.path.join(work, "counters.jsonl"))
    check_text_field(cfg, counters)
    shards = read_json_lines(os.path.join(work, "shards.jsonl"))
    diversity = read_diversity(work)
    stats = read_json_lines(os.path.join(work, "dedup_stats.jsonl"))
    sections = aggregate_sections(counters, sources_from_config(cfg, plan, lexicon_terms), cfg.policy,
                                  dedup_stats=stats[0] if stats else None)
    pii_mode = Annotators.mode_for(cfg.policy)
    outputs = output_files(out_dir, shards)
    outputs["files"] += drill_files(out_dir, work, counters, cfg)
    release_free_memory()  # each report step below starts from what the run holds, not from its peak
    metrics = build_metrics(sections, run_id, diversity, pii_mode, counters, cfg.policy,
                            dict(read_json_lines(os.path.join(work, "signals.jsonl"))))
    expectations, exp_files = expectations_for(cfg.policy, out_dir, outputs, sections["totals"]["kept"], run_id,
                                               started)
    release_free_memory()
    if expectations is not None:
        metrics["expectations"] = {k: v for k, v in expectations.items() if k != "data"}
    outputs["files"] += [write_metrics(out_dir, metrics), *exp_files]
    annotation = None
    if cfg.run.annotation:
        annotation, ann_files = annotation_section(cfg, out_dir, cfg.run.annotation)
        outputs["files"] += ann_files
    shutil.rmtree(work, ignore_errors=True)
    run = {"run_id": run_id, "name": cfg.run.name, "command": command, "started_at": started,
           "finished_at": now(), "status": "complete", "pipeline_seconds": round(pipeline_seconds, 3)}
    try:
        manifest = build_manifest(
            sections=sections, run=run, code=code_info(), runner=runner_info, config=config_section(cfg),
            previous=previous, chain=next_chain(previous, out_dir, run_id), diversity=diversity,
            pii_mode=pii_mode, pii_key_id=key_id(pii_key) if pii_key else None, outputs=outputs,
            annotation=annotation, annotation_cache=annotation_fingerprint(cfg.policy, lexicon_sha256(cfg)),
            expectations=expectations, incremental=incremental,
        )
    except ManifestError as e:
        raise RunError(str(e)) from None
    write_json_atomic(os.path.join(out_dir, "manifest.json"), manifest)
    return manifest
