"""Run versions over time: the manifest chain, `corpusgov history`, and what an incremental run may reuse.

Every run directory written by `forget` or `run --base` links the manifest it was derived from by path and
sha256 (`previous_manifest`), so the versions of a corpus form a hash chain an auditor can walk offline
(`verify` checks every link). This module walks the chain and says, per version, what changed.
"""

from __future__ import annotations

import hashlib
import json
import os
from importlib import metadata
from typing import Any

# Annotator code whose output an incremental run reuses: every file of these packages (sources, rules, models,
# lexicons), found through importlib.resources so that a checkout and an installed wheel hash the same bytes; a
# change to any of them (or to the detection libraries) invalidates cached annotations. Hashing whole packages
# rather than a list of files means a new detector module cannot be forgotten (the list had fallen behind).
_ANNOTATOR_PACKAGES_CODE = ("corpusgov.quality", "corpusgov.pipelines")
_NOT_ANNOTATION_CODE = ("eval", "__pycache__", "eval_figures.json", "release_figures.py")  # eval tooling, figures
_ANNOTATOR_PACKAGES = ("presidio-analyzer", "langdetect", "pyahocorasick", "tldextract", "numpy", "jieba",
                       "phonenumbers", "opencc-python-reimplemented")


class ChainError(Exception):
    """A run directory or a link of its manifest chain is missing or does not match its hash."""


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _canon(obj: Any) -> bytes:
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def key_id(key: bytes) -> str:
    """Public id of the PI hash key (domain-separated sha256, 16 hex): tells whether two runs used one key."""
    return _sha(b"corpusgov-pii-key-id\x00" + key)[:16]


def lexicon_sha256(cfg: Any) -> str | None:
    """sha256 of the screening lexicon file a config uses (None without one)."""
    if not cfg.lexicon_path:
        return None
    return cfg.config_files.get(cfg.lexicon_path)


def _package_files(package: str) -> list[tuple[str, bytes]]:
    """(path relative to the namespace, bytes) of every annotation-relevant file of `package`, sorted."""
    from importlib import resources

    out: list[tuple[str, bytes]] = []
    stack = [(package.split(".", 1)[1], resources.files(package))]
    while stack:
        rel, node = stack.pop()
        for child in node.iterdir():
            if child.name in _NOT_ANNOTATION_CODE or child.name.endswith((".pyc", ".pyo")):
                continue
            path = f"{rel}/{child.name}"
            if child.is_dir():
                stack.append((path, child))
            elif child.is_file():
                out.append((path, child.read_bytes()))
    return sorted(out)


def code_sha256() -> str:
    """Hash of the annotator packages' files and the detection library versions."""
    h = hashlib.sha256()
    for package in _ANNOTATOR_PACKAGES_CODE:
        for rel, data in _package_files(package):
            h.update(rel.encode() + b"\x00" + _sha(data).encode() + b"\x00")
    for name in _ANNOTATOR_PACKAGES:
        try:
            v = metadata.version(name)
        except metadata.PackageNotFoundError:
            v = "-"
        h.update(f"{name}={v}\x00".encode())
    return h.hexdigest()


def annotation_fingerprint(policy: Any, lexicon_sha: str | None) -> dict[str, Any]:
    """Per-section hashes of everything per-record annotations depend on.

    Only detection settings count: PI/copyright/language *actions*, quality rules and dedup thresholds act
    after annotation, so changing them still lets an incremental run reuse annotations.
    """
    lang = policy.language.model_dump(mode="json")
    for k in ("allowed", "min_score", "action"):
        lang.pop(k, None)
    pii = policy.pii.model_dump(mode="json")
    pii = {k: pii.get(k) for k in ("enabled", "mode", "ner_model", "min_score")}
    dd = policy.dedup
    if dd.enabled:
        from corpusgov.quality.minhash import MinHasher

        minhash: dict[str, Any] = {"enabled": True, "signature": MinHasher(dd).fingerprint}
    else:
        minhash = {"enabled": False}
    parts = {
        "screening": {"enabled": policy.screening.enabled, "lexicon_sha256": lexicon_sha},
        "language": lang,
        "pii": pii,
        "copyright": {"enabled": policy.copyright.enabled},
        "minhash": minhash,
    }
    sections = {k: _sha(_canon(v)) for k, v in parts.items()}
    sections["code"] = code_sha256()
    return {"version": 1, "sections": sections, "fingerprint": _sha(_canon(sections))}


# ----------------------------------------------------------------------------------------------- chain
def read_manifest(run_dir: str) -> tuple[dict[str, Any], str]:
    """(manifest, sha256 of manifest.json bytes) of a completed run directory."""
    p = os.path.join(run_dir, "manifest.json")
    if not os.path.exists(p):
        raise ChainError(f"{run_dir}: no manifest.json (not a completed corpusgov run)")
    with open(p, "rb") as f:
        data = f.read()
    return json.loads(data), _sha(data)


def link_to(prev_dir: str, new_dir: str) -> dict[str, Any]:
    """`previous_manifest` value for a new run in `new_dir` derived from the run in `prev_dir`."""
    m, sha = read_manifest(prev_dir)
    path = os.path.relpath(os.path.join(os.path.abspath(prev_dir), "manifest.json"), os.path.abspath(new_dir))
    return {"path": path, "sha256": sha, "run_id": m["run"]["run_id"]}


def chain(run_dir: str) -> list[tuple[str, dict[str, Any], str]]:
    """[(run dir, manifest, manifest sha256)], newest first, following `previous_manifest` links."""
    m, sha = read_manifest(run_dir)
    out = [(os.path.abspath(run_dir), m, sha)]
    seen = {sha}
    here = os.path.abspath(run_dir)
    while m.get("previous_manifest"):
        link = m["previous_manifest"]
        p = link["path"] if os.path.isabs(link["path"]) else os.path.normpath(os.path.join(here, link["path"]))
        here = os.path.dirname(p)
        try:
            m, sha = read_manifest(here)
        except ChainError:
            raise ChainError(f"previous manifest {link['path']} not found") from None
        if sha != link["sha256"]:
            raise ChainError(f"previous manifest {p} sha256 differs from the link")
        if sha in seen:
            raise ChainError(f"manifest chain loops at {p}")
        seen.add(sha)
        out.append((here, m, sha))
    return out


def _policy_sha(m: dict[str, Any]) -> str:
    return _sha(_canon(m.get("config", {}).get("policy", {})))


def _files(m: dict[str, Any]) -> dict[tuple[str, str], str]:
    return {(s["id"], f["uri"]): f["sha256"] for s in m.get("sources", []) for f in s.get("files", [])}


def changes(new: dict[str, Any], old: dict[str, Any] | None) -> list[str]:
    """What changed from `old` to `new`, one short line per change."""
    out: list[str] = []
    if old is None:
        return ["first version"]
    ns, os_ = {s["id"] for s in new.get("sources", [])}, {s["id"] for s in old.get("sources", [])}
    if ns - os_:
        out.append("sources added: " + ", ".join(sorted(ns - os_)))
    if os_ - ns:
        out.append("sources removed: " + ", ".join(sorted(os_ - ns)))
    nf, of = _files(new), _files(old)
    added = [k for k in nf if k not in of]
    changed = [k for k in nf if k in of and nf[k] != of[k]]
    gone = [k for k in of if k not in nf]
    if added or changed or gone:
        out.append(f"files: {len(added)} added, {len(changed)} changed, {len(gone)} removed")
    if _policy_sha(new) != _policy_sha(old):
        np_, op = new["config"]["policy"], old["config"]["policy"]
        secs = sorted(k for k in set(np_) | set(op) if _canon(np_.get(k)) != _canon(op.get(k)))
        out.append(f"policy changed ({_policy_sha(old)[:12]} -> {_policy_sha(new)[:12]}): " + ", ".join(secs))
    roles_new = {f["role"]: f["sha256"] for f in new.get("config", {}).get("files", [])}
    roles_old = {f["role"]: f["sha256"] for f in old.get("config", {}).get("files", [])}
    for role in sorted(set(roles_new) | set(roles_old)):
        if role != "policy" and roles_new.get(role) != roles_old.get(role):
            out.append(f"{role} file changed")
    old_ids = {r["id"] for r in old.get("requests") or []}
    for r in new.get("requests") or []:
        if r["id"] not in old_ids:
            out.append(f"request {r['id']} ({r['requester_type']}, {r['date']}, {r['legal_ground']}): "
                       f"{r['counts']['removed_from_corpus']} record(s) removed from the corpus, "
                       f"{r['counts']['affected']} affected")
        elif r.get("reapplied_in_run") == new["run"]["run_id"]:
            out.append(f"request {r['id']} re-applied: {r['counts']['removed_from_corpus']} record(s) removed")
    inc = new.get("incremental")
    if isinstance(inc, dict):
        out.append(f"incremental ({inc.get('mode')}): {inc.get('files_governed', 0)} file(s) governed, "
                   f"{inc.get('files_reused', 0)} reused; records {inc.get('records_annotated', 0)} annotated, "
                   f"{inc.get('records_reused', 0)} reused" + (f"; {inc['reason']}" if inc.get("reason") else ""))
    ot, nt = old.get("totals", {}), new.get("totals", {})
    if (ot.get("kept"), ot.get("read")) != (nt.get("kept"), nt.get("read")):
        out.append(f"kept {ot.get('kept')} -> {nt.get('kept')}, read {ot.get('read')} -> {nt.get('read')}")
    return out or ["no changes in sources, policy or records"]


def history(run_dir: str) -> list[str]:
    """Printable lines: every version of the chain, newest first, with its hashes and what changed."""
    try:
        versions = chain(run_dir)
    except ChainError as e:
        from corpusgov.errors import EXIT_VERIFY, CliError

        raise CliError(str(e), EXIT_VERIFY) from None
    n = len(versions)
    lines: list[str] = []
    for i, (d, m, sha) in enumerate(versions):
        older = versions[i + 1][1] if i + 1 < n else None
        r, t = m["run"], m["totals"]
        lines.append(f"v{n - i}  {r.get('finished_at')}  {r['command']:<11}  run {r['run_id']}")
        lines.append(f"    dir       {d}")
        lines.append(f"    manifest  sha256 {sha}")
        lines.append(f"    corpus    merkle root {m['outputs']['merkle']['corpus_root']}")
        lines.append(f"    totals    read {t['read']}, kept {t['kept']}, dropped {t['dropped']}, "
                     f"dead-lettered {t['deadlettered']}")
        lines.append(f"    policy    sha256 {_policy_sha(m)[:16]}…")
        for c in changes(m, older):
            lines.append(f"    change    {c}")
    return lines
