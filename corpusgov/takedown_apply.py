"""Applying takedowns: rewrite a run's tables without the affected records, then build the new version's
manifest from those tables.

Why a module of its own: `forget` (a new version in a new directory) and incremental runs (the requests of
their base chain, re-applied in place) rewrite tables the same way and must state the same counts. Nothing
here edits a manifest: the counts are recounted from the rewritten tables with the pipeline's own rules
(`corpusgov.aggregates.counters_from_run`) and the manifest is made by the one builder
(`corpusgov.manifest.build_manifest`). Driver-side pyarrow only (a shard is bounded in size): only the
shards holding affected records are rewritten, the others are copied.
"""

from __future__ import annotations

import json
import os
import shutil
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from corpusgov.takedown_resolve import Resolution

TABLE_KINDS = ("corpus", "decisions", "pii", "signatures")  # tables a takedown rewrites
# What a derived version cannot recount from its tables, so it states the figures of the run that measured them.
NOT_RECOMPUTED = ("diversity (sketches cannot subtract records; figures are those of the run that measured "
                  "them)", "duplicate clustering facts (convergence, rounds) and quality-signal statistics "
                  "(they describe what was read)")


@dataclass
class Applied:
    request_id: str
    resolution: Resolution


def _write_parquet(table: pa.Table, path: str, compression: str) -> None:
    tmp = path + ".tmp"
    pq.write_table(table, tmp, compression=None if compression == "none" else compression, row_group_size=65536)
    os.replace(tmp, path)


def apply_takedowns(src_dir: str, dst_dir: str, manifest: dict[str, Any], applied: list[Applied]) -> dict[str, Any]:
    """Write the files of `dst_dir` (may equal `src_dir`) without the affected records; returns the new
    version's `outputs` (hashes, rows and Merkle roots as the files now are; expectations/ left out when
    the policy runs them again, see `rebuild_version`).

    A record newly removed from the corpus gets decision "drop", stage "takedown" and `takedown:<id>` as its
    first reason; an affected record that was already dropped keeps its reasons plus `takedown:<id>`. Its PI
    findings (keyed hashes included) and MinHash signature are deleted. The drill-down tables are recounted
    from the rewritten decisions and lose the sample rows of affected records (`drill.recount_after_takedown`).
    """
    from corpusgov.assemble import merkle_section
    from corpusgov.config import Policy
    from corpusgov.drill import recount_after_takedown
    from corpusgov.lineage.hashing import file_sha256
    from corpusgov.lineage.merkle import shard_root_from_parquet

    policy = Policy.model_validate(manifest["config"]["policy"])
    by_rec: dict[str, list[str]] = defaultdict(list)
    for a in applied:
        for rid in a.resolution.affected:
            if a.request_id not in by_rec[rid]:
                by_rec[rid].append(a.request_id)
    same = os.path.abspath(src_dir) == os.path.abspath(dst_dir)
    files = []
    drill_entries: list[dict[str, Any]] = []
    for f in manifest["outputs"]["files"]:
        rel, kind = f["path"], f["kind"]
        src, dst = os.path.join(src_dir, rel), os.path.join(dst_dir, rel)
        if kind == "expectations" and policy.expectations.enabled:
            continue  # re-run on the new decisions
        entry = dict(f)
        if kind == "drilldown":
            drill_entries.append(entry)  # recounted below, from the rewritten decisions
            if not same:
                os.makedirs(os.path.dirname(dst), exist_ok=True)
                shutil.copyfile(src, dst)
            continue
        if kind in TABLE_KINDS:
            t = pq.read_table(src)
            rids = t.column("record_id").to_pylist()
            if any(r in by_rec for r in rids):
                t = _rewrite(kind, t, rids, by_rec)
                os.makedirs(os.path.dirname(dst), exist_ok=True)
                if t.num_rows == 0:
                    if os.path.exists(dst):
                        os.remove(dst)
                    continue
                _write_parquet(t, dst, policy.output.compression)
                entry["rows"] = t.num_rows
                if kind == "corpus":
                    entry["merkle_root"] = shard_root_from_parquet(dst)[0]
                files.append({**entry, "sha256": file_sha256(dst), "bytes": os.path.getsize(dst)})
                continue
        if not same:
            os.makedirs(os.path.dirname(dst) or dst_dir, exist_ok=True)
            shutil.copyfile(src, dst)
        files.append({**entry, "sha256": file_sha256(dst), "bytes": os.path.getsize(dst)})
    written = set(recount_after_takedown(dst_dir, set(by_rec)))
    for entry in drill_entries:
        dst = os.path.join(dst_dir, entry["path"])
        if dst in written:
            files.append({**entry, "sha256": file_sha256(dst), "bytes": os.path.getsize(dst)})
    return {"files": files, "merkle": merkle_section(files)}


def _rewrite(kind: str, t: pa.Table, rids: list[str], by_rec: dict[str, list[str]]) -> pa.Table:
    if kind in ("corpus", "pii", "signatures"):
        return t.filter(pa.array([r not in by_rec for r in rids]))
    rows = t.to_pylist()
    for row in rows:
        reqs = by_rec.get(row["record_id"])
        if not reqs:
            continue
        tags = [f"takedown:{r}" for r in reqs]
        if row["decision"] == "keep":
            row.update(decision="drop", stage="takedown", masked=False,
                       reasons=tags + [x for x in row["reasons"] or [] if x not in tags])
        else:
            row["reasons"] = list(row["reasons"] or []) + [x for x in tags if x not in (row["reasons"] or [])]
    return pa.Table.from_pylist(rows, schema=t.schema)


def rebuild_version(out_dir: str, prev: dict[str, Any], outputs: dict[str, Any], *, run: dict[str, Any],
                    code: dict[str, Any], runner: dict[str, Any], previous: dict[str, Any] | None,
                    chain: dict[str, Any], requests: list[dict[str, Any]],
                    incremental: dict[str, Any] | None) -> dict[str, Any]:
    """The manifest of a version whose tables a takedown rewrote, built from those tables; writes it (and
    metrics.json, and expectations/ when the policy runs them) and returns it.

    `prev` is the manifest the tables came from: its sources, files, config, annotation audit, diversity
    and clustering facts carry over (see NOT_RECOMPUTED); every count is recounted.
    """
    from corpusgov.aggregates import counters_from_run
    from corpusgov.assemble import expectations_for, write_metrics
    from corpusgov.config import Policy
    from corpusgov.manifest import (
        aggregate_sections,
        build_manifest,
        dedup_stats_of,
        sources_from_manifest,
    )
    from corpusgov.metrics import refresh_metrics
    from corpusgov.rundir import write_json_atomic

    policy = Policy.model_validate(prev["config"]["policy"])
    sections = aggregate_sections(counters_from_run(out_dir), sources_from_manifest(prev), policy,
                                  dedup_stats=dedup_stats_of(prev["dedup"]), takedowns=[r["id"] for r in requests])
    expectations, exp_files = expectations_for(policy, out_dir, outputs, sections["totals"]["kept"], run["run_id"],
                                               run["started_at"])
    files = list(outputs["files"])
    mpath = os.path.join(out_dir, "metrics.json")
    if os.path.exists(mpath):
        with open(mpath, encoding="utf-8") as f:
            metrics = refresh_metrics(json.load(f), sections, run["run_id"], prev["pii"]["mode"], expectations)
        entry = write_metrics(out_dir, metrics)
        files = [entry if g["path"] == entry["path"] else g for g in files]
    # Expectation gates of the previous version stand when its expectations were not run again.
    kept_gates = [g for g in prev["gates"] if g["name"].startswith("expectation:")] if expectations is None else []
    m = build_manifest(
        sections=sections, run=run, code=code, runner=runner, config=prev["config"], previous=previous, chain=chain,
        diversity=prev["diversity"], pii_mode=prev["pii"]["mode"], pii_key_id=prev["pii"].get("key_id"),
        outputs={**outputs, "files": files + exp_files}, annotation=prev.get("annotation"),
        annotation_cache=prev.get("annotation_cache"), expectations=expectations, kept_gates=kept_gates,
        incremental=incremental, requests=requests,
    )
    write_json_atomic(os.path.join(out_dir, "manifest.json"), m)
    return m


def copy_extras(src: str, dst: str, manifest: dict[str, Any]) -> None:
    """Files of the previous version that are neither tables, listed outputs, renderings nor acceptance."""
    listed = {f["path"].split("/", 1)[0] for f in manifest["outputs"]["files"]}
    skip = {"manifest.json", "_status.json", "_FAILED", "manifest.dsse.json", "attestation.dsse.json", "acceptance",
            "_work", "expectations", "croissant.json", "openlineage.jsonl", "dashboard.html", *TABLE_KINDS,
            "copyright", "deadletter"}
    for n in sorted(os.listdir(src)):
        if n in skip or n in listed or n.startswith("report"):
            continue
        s, d = os.path.join(src, n), os.path.join(dst, n)
        if os.path.isdir(s):
            shutil.copytree(s, d, dirs_exist_ok=True)
        else:
            shutil.copyfile(s, d)
