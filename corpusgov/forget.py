"""`corpusgov forget`: apply a takedown request and write a new, verifiable version of a run.

Why: a person may ask for their personal information to be deleted (Art. 11 of the Interim Measures, PIPL
Art. 47), a rights holder may complain about a work (Art. 15), a licence may be withdrawn. The request names
what must go (record ids, content, a source, an origin pattern, a personal identifier matched only by its
keyed hash); every affected record and its exact and near-duplicate copies leave the corpus; the new run
directory's manifest links the previous manifest by sha256 and records the request, how records were matched
and which were removed - never an identifier value.

The three steps live in their own modules, shared with incremental runs: the request and its matchers
(`takedown_request`), resolving them to records (`takedown_resolve`), rewriting the tables and building the
new version's manifest from them (`takedown_apply`). This module is the command.

Semantics: forget never adds records back (a copy that was dropped as a duplicate of a removed record stays
dropped); re-running a request already in the chain that finds nothing new is a no-op (no new version).
"""

from __future__ import annotations

import logging
import os
import uuid
from typing import Any

from corpusgov.errors import EXIT_FAILED
from corpusgov.lifecycle import ChainError, chain, link_to, read_manifest
from corpusgov.manifest import ManifestError, code_info, next_chain
from corpusgov.rundir import RunError, now, prepare_out_dir, write_status
from corpusgov.takedown_apply import NOT_RECOMPUTED, Applied, apply_takedowns, copy_extras, rebuild_version
from corpusgov.takedown_request import ForgetError, LoadedRequest, Matchers, load_request, matchers_for
from corpusgov.takedown_resolve import Resolution, resolve

__all__ = ["ForgetError", "forget", "load_request", "request_entry"]

log = logging.getLogger("corpusgov")


def request_entry(lr: LoadedRequest, mt: Matchers, res: Resolution, run_id: str) -> dict[str, Any]:
    r = lr.request
    entry: dict[str, Any] = {
        "id": r.id, "date": r.date.isoformat(), "requester_type": r.requester_type, "legal_ground": r.legal_ground,
        "request_sha256": lr.sha256, "applied_in_run": run_id, "applied_at": now(),
        "match": mt.stored(), "matched_by": res.matched_by,
        "content_texts": len(mt.contents), "identifier_values": len(mt.values),
        "counts": {"affected": len(res.affected), "removed_from_corpus": len(res.removed),
                   "already_excluded": len(res.affected) - len(res.removed)},
        "removed_record_ids": res.removed, "affected_record_ids": res.affected,
        "not_recomputed": list(NOT_RECOMPUTED),
    }
    if r.description:
        entry["description"] = r.description
    return entry


def forget(run_dir: str, request: str, out: str, *, overwrite: bool = False, render: bool = True) -> dict[str, Any]:
    """Apply the takedown request file to the run in `run_dir`, writing the new version to `out`.

    Returns a summary (request id, status "applied" or "no_op", counts, new manifest sha256). Raises
    ForgetError (a CliError) with one line on a bad request, a wrong PI hash key or a broken chain.
    """
    lr = load_request(request)
    try:
        versions = chain(run_dir)
    except ChainError as e:
        raise ForgetError(str(e)) from None
    manifest = versions[0][1]
    if os.path.abspath(out) == os.path.abspath(run_dir):
        raise ForgetError("--out must be a new directory: forget writes a new version and keeps the previous one")
    rid = lr.request.id
    previous = [e for e in (manifest.get("requests") or []) if e["id"] == rid]
    if previous and previous[-1].get("request_sha256") not in (None, lr.sha256):
        raise ForgetError(f"{request}: request id {rid!r} was already applied with different content "
                          f"(sha256 {previous[-1]['request_sha256'][:12]}…); use a new id")
    mt = matchers_for(lr, manifest, run_dir)
    res = resolve(run_dir, manifest, mt)
    summary: dict[str, Any] = {"request": rid, "run_dir": os.path.abspath(run_dir),
                               "affected": len(res.affected), "removed_from_corpus": len(res.removed),
                               "matched_by": res.matched_by}
    if previous and not res.removed:
        summary.update(status="no_op", detail=f"request {rid} is already applied in this version; nothing left to "
                       "remove, no new version written")
        return summary
    try:
        prepare_out_dir(out, overwrite)
    except RunError as e:
        raise ForgetError(str(e)) from None
    run_id = str(uuid.uuid4())
    started = now()
    out_abs = os.path.abspath(out)
    outputs = apply_takedowns(run_dir, out_abs, manifest, [Applied(rid, res)])
    copy_extras(run_dir, out_abs, manifest)
    previous_link = link_to(run_dir, out_abs)
    run = {"run_id": run_id, "name": manifest["run"]["name"], "command": "forget", "started_at": started,
           "finished_at": now(), "status": "complete"}
    try:
        # The previous version's acceptance sample may hold removed records: the builder leaves acceptance
        # unset, and a new sample is drawn and accepted for this version.
        m = rebuild_version(out_abs, manifest, outputs, run=run, code=code_info(),
                            runner={"name": "driver", "options": {}}, previous=previous_link,
                            chain=next_chain(previous_link, out_abs, run_id),
                            requests=[*(manifest.get("requests") or []), request_entry(lr, mt, res, run_id)],
                            incremental=None)
    except (ManifestError, RunError) as e:
        raise ForgetError(str(e), EXIT_FAILED) from None
    if render:
        from corpusgov.render import render_all

        render_all(out_abs, m)
    write_status(out_abs, "complete", run_id=run_id, started_at=started, finished_at=m["run"]["finished_at"])
    from corpusgov.attest import reattest

    reattest(out_abs, reason="forget")  # signed with the configured key, or a loud UNSIGNED warning
    _, sha = read_manifest(out_abs)
    summary.update(status="applied", out=out_abs, run_id=run_id, manifest_sha256=sha,
                   previous_manifest_sha256=versions[0][2], corpus_root=m["outputs"]["merkle"]["corpus_root"],
                   kept=m["totals"]["kept"])
    return summary

