"""`corpusgov run --base PREVIOUS_RUN_DIR`: govern only new or changed files, reuse the rest.

Why: corpora grow every week and annotation (language, PI, copyright, quality signals, MinHash) is the
expensive part of a run. For every file whose (source, key, sha256) is unchanged since the base run, and when
nothing annotations depend on changed (detection policy, lexicon, annotator code: `annotation_cache` in the
manifest), the pipeline takes each record's annotations from the base run's tables (decisions, pii/,
copyright/, signatures/) instead of recomputing them. Everything after annotation - source gates, duplicate
detection over the union of stored and new signatures, decisions, outputs, manifest - runs exactly as in a
full run, so the result equals a full re-run on the same inputs (tested). Takedown requests already in the
base's chain are applied again to the new version, so an incremental run never brings removed records back.
"""

from __future__ import annotations

import logging
import os
import re
import time
from typing import Any

from corpusgov.errors import EXIT_FAILED, EXIT_GATE, EXIT_OK, EXIT_USAGE, CliError
from corpusgov.lifecycle import ChainError, annotation_fingerprint, chain, lexicon_sha256, link_to

log = logging.getLogger("corpusgov")

CACHE_TABLES = ("decisions", "pii", "copyright", "signatures")


def plan_reuse(cfg: Any, plan: Any, base_manifest: dict[str, Any]) -> dict[str, Any]:
    """Which planned files the base run governed unchanged, and whether its annotations may be reused."""
    base_files = {(s["id"], f["uri"]): f["sha256"] for s in base_manifest["sources"] for f in s["files"]}
    new_files = {(f.source_id, f.key): f.sha256 for f in plan.files}
    reuse = sorted([sid, key, sha] for (sid, key), sha in new_files.items() if base_files.get((sid, key)) == sha)
    cur = annotation_fingerprint(cfg.policy, lexicon_sha256(cfg))
    base_fp = base_manifest.get("annotation_cache")
    reason = None
    if not base_fp:
        reason = "the base run records no annotation fingerprint"
    elif base_fp.get("fingerprint") != cur["fingerprint"]:
        changed = sorted(k for k, v in cur["sections"].items() if (base_fp.get("sections") or {}).get(k) != v)
        reason = "annotation inputs changed since the base run: " + ", ".join(changed or ["fingerprint version"])
    elif not reuse:
        reason = "no file is unchanged since the base run"
    return {
        "mode": "full" if reason else "incremental",
        "reason": reason,
        "reuse": [] if reason else reuse,
        "files_reused": 0 if reason else len(reuse),
        "files_governed": len(new_files) - (0 if reason else len(reuse)),
        "files_removed": len(set(base_files) - set(new_files)),
    }


_SHARD_RE = re.compile(r"part-(\d{5})-of-(\d{5})\.parquet$")


def _base_tables(base: str, manifest: dict[str, Any]) -> tuple[int, dict[str, dict[str, str]]]:
    """(base shard count, kind -> {shard: absolute path}) of the tables the cache reads, each checked against
    its manifest sha256 first."""
    from corpusgov.lineage.hashing import file_sha256

    out: dict[str, dict[str, str]] = {k: {} for k in CACHE_TABLES}
    counts = set()
    for f in manifest["outputs"]["files"]:
        if f["kind"] in out:
            p = os.path.join(os.path.abspath(base), f["path"])
            mt = _SHARD_RE.search(f["path"])
            if not mt or not os.path.exists(p) or file_sha256(p) != f["sha256"]:
                raise CliError(f"{base}: {f['path']} is missing, misnamed or differs from its manifest sha256; the "
                               "base run cannot be used as a cache (run `corpusgov verify`)", EXIT_USAGE)
            out[f["kind"]][str(int(mt.group(1)))] = p
            counts.add(int(mt.group(2)))
    if len(counts) > 1:
        raise CliError(f"{base}: tables with different shard counts {sorted(counts)}", EXIT_USAGE)
    return (counts.pop() if counts else 1), out


def _check_request_keys(base_manifest: dict[str, Any]) -> None:
    """Identifier takedowns in the chain are re-applied by keyed hash: the current key must be theirs."""
    from corpusgov.lifecycle import key_id
    from corpusgov.takedown_request import env_key

    need = {r["match"].get("key_id") for r in base_manifest.get("requests") or []
            if r["match"].get("identifier_hashes")}
    need.discard(None)
    if not need:
        return
    key = env_key()
    have = key_id(key) if key else None
    if have not in need or len(need) > 1:
        raise CliError(f"the base chain holds identifier takedowns hashed with key id {sorted(need)[0]}; set "
                       f"CORPUSGOV_PII_HASH_KEY to that key (current: {have or 'unset'})", EXIT_USAGE)


def reapply_requests(out_dir: str, manifest: dict[str, Any], requests: list[dict[str, Any]]) -> dict[str, Any]:
    """Apply every takedown request of the base chain again to a freshly governed version (in place); rebuilds
    and writes its manifest from the rewritten tables and returns it."""
    from corpusgov.rundir import now
    from corpusgov.takedown_apply import Applied, apply_takedowns, rebuild_version
    from corpusgov.takedown_request import Matchers
    from corpusgov.takedown_resolve import resolve

    applied = []
    for r in requests:
        mt = Matchers.from_stored(r["match"], r.get("affected_record_ids") or r.get("removed_record_ids") or [])
        applied.append(Applied(r["id"], resolve(out_dir, manifest, mt)))
    outputs = apply_takedowns(out_dir, out_dir, manifest, applied)
    run_id = manifest["run"]["run_id"]
    new = []
    for r, a in zip(requests, applied, strict=True):
        res = a.resolution
        new.append({**r, "reapplied_in_run": run_id, "matched_by": res.matched_by,
                    "counts": {"affected": len(res.affected), "removed_from_corpus": len(res.removed),
                               "already_excluded": len(res.affected) - len(res.removed)},
                    "removed_record_ids": res.removed, "affected_record_ids": res.affected})
    return rebuild_version(out_dir, manifest, outputs, run={**manifest["run"], "finished_at": now()},
                           code=manifest["code"], runner=manifest["runner"], previous=manifest["previous_manifest"],
                           chain=manifest["chain"], requests=new, incremental=manifest.get("incremental"))


def run_incremental(cfg: Any, out: str, base: str, beam_args: list[str], *, overwrite: bool = False,
                    render: bool = True) -> int:
    """Govern `cfg` into `out` reusing the run in `base`; prints the run summary, returns the exit code."""
    from corpusgov.gates import gate_failed
    from corpusgov.manifest import ManifestError
    from corpusgov.planning import make_plan
    from corpusgov.run import RunError, run_governance
    from corpusgov.summary import run_summary

    t0 = time.monotonic()
    try:
        versions = chain(base)
    except ChainError as e:
        raise CliError(f"--base {base}: {e}", EXIT_USAGE) from None
    base_m = versions[0][1]
    if os.path.abspath(out) == os.path.abspath(base):
        raise CliError("--out must differ from --base: an incremental run writes a new version", EXIT_USAGE)
    _check_request_keys(base_m)
    plan = make_plan(cfg)
    reuse = plan_reuse(cfg, plan, base_m)
    spec_extra: dict[str, Any] = {}
    if reuse["mode"] == "incremental":
        n, tables = _base_tables(base, base_m)
        spec_extra["annotation_cache"] = {"num_shards": n, "tables": tables, "reuse_files": reuse["reuse"],
                                          "need_signature": cfg.policy.dedup.enabled}
    inc = {k: reuse[k] for k in ("mode", "reason", "files_reused", "files_governed", "files_removed")}
    inc.update(base_run_id=base_m["run"]["run_id"], base_manifest_sha256=versions[0][2])
    log.info("incremental: %s (%d files reused, %d governed)%s", inc["mode"], inc["files_reused"],
             inc["files_governed"], f"; {inc['reason']}" if inc["reason"] else "")
    try:
        manifest = run_governance(cfg, out, beam_args, overwrite=overwrite, command="incremental",
                                  previous=link_to(base, out), plan=plan, postprocess=False,
                                  spec_extra=spec_extra, incremental=inc)
        if base_m.get("requests"):
            from corpusgov.rundir import mark_failed

            try:
                manifest = reapply_requests(os.path.abspath(out), manifest, base_m["requests"])
            except BaseException as e:  # a version that still holds removed records must not look complete
                mark_failed(os.path.abspath(out), manifest["run"]["run_id"], manifest["run"]["started_at"], e)
                raise
    except (RunError, ManifestError) as e:
        raise CliError(str(e), EXIT_USAGE if "not empty" in str(e) else EXIT_FAILED) from None
    if render:
        from corpusgov.render import render_all

        render_all(os.path.abspath(out), manifest, openlineage_url=cfg.run.openlineage_url)
    from corpusgov.attest import reattest

    reattest(os.path.abspath(out), config_key=cfg.resolve(cfg.run.signing_key) if cfg.run.signing_key else None,
             reason="incremental run")
    print(run_summary(manifest, os.path.abspath(out), time.monotonic() - t0))
    i = manifest["incremental"]
    print(f"incremental ({i['mode']}): {i['files_reused']} file(s) reused, {i['files_governed']} governed; "
          f"records {i.get('records_reused', 0)} reused, {i.get('records_annotated', 'all')} annotated"
          + (f"; {i['reason']}" if i.get("reason") else ""))
    failed = gate_failed(manifest)
    if failed:
        import sys

        print(f"critical gate(s) failed: {', '.join(failed)}", file=sys.stderr)
        return EXIT_GATE
    return EXIT_OK
