"""A run directory's life cycle: claimed (`_status.json` running), complete (manifest written last,
atomically) or failed (`_FAILED`, no manifest), and the file entries its manifest lists.

Why a module of its own: `run`, incremental runs and `forget` all write run directories the same way;
`verify` accepts only a complete one.
"""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from typing import Any

from corpusgov.errors import first_line
from corpusgov.manifest import canonical_bytes

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


def write_status(out_dir: str, status: str, **kw: Any) -> None:
    """`_status.json`: running, complete or failed, with the run id and times."""
    write_json_atomic(os.path.join(out_dir, "_status.json"), {"status": status, **kw})


def mark_failed(out_dir: str, run_id: str, started: str, e: BaseException) -> None:
    """`_status.json` = failed, `_FAILED`, and no manifest: `verify` cannot accept a partial run."""
    why = "interrupted" if isinstance(e, KeyboardInterrupt) else f"{type(e).__name__}: {first_line(str(e))[:500]}"
    manifest = os.path.join(out_dir, "manifest.json")
    if os.path.exists(manifest):
        os.remove(manifest)
    with open(os.path.join(out_dir, "_FAILED"), "w", encoding="utf-8") as f:
        f.write("This run failed; its outputs are partial and must not be used. See _status.json.\n")
    write_status(out_dir, "failed", run_id=run_id, started_at=started, failed_at=now(), error=why)


def file_entry(out_dir: str, path: str, kind: str, *, rows: int | None = None, merkle_root: str | None = None,
               run_specific: bool | None = None) -> dict[str, Any]:
    """The manifest's `outputs.files` entry of a written file (hash and size read from disk)."""
    from corpusgov.lineage.hashing import file_sha256

    entry: dict[str, Any] = {"path": os.path.relpath(path, out_dir), "sha256": file_sha256(path),
                             "bytes": os.path.getsize(path), "rows": rows, "kind": kind, "merkle_root": merkle_root}
    if run_specific is not None:
        entry["run_specific"] = run_specific
    return entry


def files_under(out_dir: str, sub: str, kind: str, *, run_specific: bool | None = None) -> list[dict[str, Any]]:
    """Entries of every file under `out_dir/sub`, in path order."""
    d = os.path.join(out_dir, sub)
    return [file_entry(out_dir, os.path.join(root, n), kind, run_specific=run_specific)
            for root, _, names in sorted(os.walk(d)) for n in sorted(names)] if os.path.isdir(d) else []
