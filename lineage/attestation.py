"""The run attestation: an in-toto Statement v1 naming the sha256 of EVERY file in a run directory.

Why: the manifest cannot hash the renderings (reports, dashboard, OpenLineage, Croissant embed the
manifest's own hash and are written after it), nor files added later (acceptance sample and verdicts). The
attestation is written last, after every command that changes a run, so one digest list covers every byte an
auditor, a regulator or an ML lead reads. Its predicate repeats the manifest digest, the chain id, the version
number and the previous manifest's digest, so a signed attestation also pins the version's place in its
chain. It lives in a DSSE envelope (`attestation.dsse.json`), signed when a key is configured and with an
empty signature list otherwise. `history.jsonl` beside the run directories indexes every attested version of
every chain, so `verify` can tell when a directory is not (or no longer) the newest version.
"""

from __future__ import annotations

import json
import os
from typing import Any

from corpusgov.lineage.hashing import file_sha256

ATTESTATION_FILE = "attestation.dsse.json"
PREDICATE_TYPE = "https://corpusgov.dev/attestation/run/v1"
HISTORY_FILE = "history.jsonl"


def run_files(run_dir: str) -> list[str]:
    """Every file under `run_dir` (POSIX paths relative to it, sorted), except the attestation itself.

    Symbolic links are listed like files (and their targets hashed); directory links are not followed.
    """
    out: list[str] = []
    for root, dirs, names in os.walk(run_dir, followlinks=False):
        dirs.sort()
        for d in dirs:
            if os.path.islink(os.path.join(root, d)):
                out.append(os.path.relpath(os.path.join(root, d), run_dir).replace(os.sep, "/"))
        for n in names:
            rel = os.path.relpath(os.path.join(root, n), run_dir).replace(os.sep, "/")
            if rel != ATTESTATION_FILE:
                out.append(rel)
    return sorted(out)


def chain_of(manifest: dict[str, Any]) -> dict[str, Any]:
    """The manifest's chain id and version (runs made before versions were recorded: id = run id, v1)."""
    chain = manifest.get("chain")
    ch = chain if isinstance(chain, dict) else {}
    return {"id": ch.get("id") or (manifest.get("run") or {}).get("run_id"), "version": ch.get("version") or 1}


def build_statement(run_dir: str) -> dict[str, Any]:
    """The Statement for the current content of `run_dir` (which must hold a manifest.json)."""
    subject = []
    for rel in run_files(run_dir):
        p = os.path.join(run_dir, rel)
        if os.path.isdir(p):  # a directory symlink: named, never followed; verify reports it
            continue
        subject.append({"name": rel, "digest": {"sha256": file_sha256(p)}})
    with open(os.path.join(run_dir, "manifest.json"), "rb") as f:
        mbytes = f.read()
    m = json.loads(mbytes)
    prev = m.get("previous_manifest") or None
    run = m.get("run") or {}
    return {
        "_type": "https://in-toto.io/Statement/v1",
        "subject": subject,
        "predicateType": PREDICATE_TYPE,
        "predicate": {
            "manifest": {"name": "manifest.json", "sha256": file_sha256(os.path.join(run_dir, "manifest.json"))},
            "runId": run.get("run_id"),
            "runName": run.get("name"),
            "command": run.get("command"),
            "chain": chain_of(m),
            "previousManifest": {"path": prev.get("path"), "sha256": prev.get("sha256")} if prev else None,
            "corpusMerkleRoot": ((m.get("outputs") or {}).get("merkle") or {}).get("corpus_root"),
            "files": len(subject),
        },
    }


def history_path(run_dir: str) -> str:
    """`history.jsonl` in the directory that holds the run directory."""
    return os.path.join(os.path.dirname(os.path.abspath(run_dir)), HISTORY_FILE)


def history_entry(run_dir: str, statement: dict[str, Any], statement_sha256: str, keyid: str | None) -> dict[str, Any]:
    p = statement["predicate"]
    return {
        "chain_id": p["chain"]["id"], "version": p["chain"]["version"],
        "dir": os.path.basename(os.path.abspath(run_dir)), "run_id": p["runId"], "command": p["command"],
        "manifest_sha256": p["manifest"]["sha256"],
        "previous_manifest_sha256": (p.get("previousManifest") or {}).get("sha256"),
        "statement_sha256": statement_sha256, "signed_by": keyid,
    }


def append_history(run_dir: str, entry: dict[str, Any]) -> str:
    path = history_path(run_dir)
    line = json.dumps(entry, sort_keys=True, ensure_ascii=False) + "\n"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    with os.fdopen(fd, "a", encoding="utf-8") as f:
        f.write(line)
    return path


def read_history(path: str) -> tuple[list[dict[str, Any]], int]:
    """(entries, number of unreadable lines) of a history index; ([], 0) when there is none."""
    if not os.path.exists(path):
        return [], 0
    out, bad = [], 0
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if not line.strip():
                continue
            try:
                e = json.loads(line)
            except ValueError:
                bad += 1
                continue
            if isinstance(e, dict) and isinstance(e.get("version"), int):
                out.append(e)
            else:
                bad += 1
    return out, bad
