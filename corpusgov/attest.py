"""Post-run attestations: (re)write the signed file attestation of a run, and record acceptance verdicts.

Every command that writes into a run directory (`run`, `scan`, incremental runs, `forget`, `sample`,
`accept`, `dashboard`) calls `reattest` last: it hashes every file again, signs the Statement when a key is
configured (`CORPUSGOV_SIGNING_KEY`, or the run config's `signing_key`) and otherwise says loudly that the run
is UNSIGNED, and appends the version to `history.jsonl` beside the run.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from typing import Any

from corpusgov.errors import UsageError
from corpusgov.lineage.attestation import ATTESTATION_FILE, append_history, build_statement, history_entry
from corpusgov.lineage.hashing import file_sha256
from corpusgov.manifest import canonical_bytes, validate_manifest

log = logging.getLogger("corpusgov")

SIGNING_KEY_ENV = "CORPUSGOV_SIGNING_KEY"


class AttestError(UsageError):
    """The run cannot be (re-)attested as asked: missing key file, or files changed since the attestation."""


def _write(path: str, data: bytes) -> None:
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def signing_key(explicit: str | None = None, config_key: str | None = None) -> str | None:
    """Key file to sign with: `explicit`, else $CORPUSGOV_SIGNING_KEY, else the run config's `signing_key`.

    A key that is named but missing is an error: a run must not silently fall back to unsigned.
    """
    env = os.environ.get(SIGNING_KEY_ENV) or None
    key = explicit or env or config_key
    if key and not os.path.isfile(key):
        origin = "--key" if explicit else (SIGNING_KEY_ENV if env else "the run config's signing_key")
        raise AttestError(f"signing key {key} (from {origin}) does not exist")
    return key


def _previous_signer(run_dir: str) -> str | None:
    try:
        with open(os.path.join(run_dir, ATTESTATION_FILE), encoding="utf-8") as f:
            sigs = json.load(f).get("signatures") or []
        return str(sigs[0].get("keyid")) if sigs else None
    except (OSError, ValueError, AttributeError, IndexError):
        return None


def reattest(run_dir: str, key: str | None = None, *, config_key: str | None = None,
             reason: str = "") -> dict[str, Any]:
    """Write `attestation.dsse.json` for the current content of `run_dir`; returns {path, signed, keyid}.

    `key`: private key file; None means the configured one (see `signing_key`). Without any key the
    attestation is written unsigned and a WARNING says so (and that an earlier signature was dropped).
    """
    from corpusgov.lineage.signing import sign_statement, unsigned_envelope

    key = signing_key(key, config_key)
    before = _previous_signer(run_dir)
    statement = build_statement(run_dir)
    env = sign_statement(statement, key) if key else unsigned_envelope(statement)
    path = os.path.join(run_dir, ATTESTATION_FILE)
    _write(path, (json.dumps(env, indent=2, sort_keys=True) + "\n").encode("utf-8"))
    kid = env["signatures"][0]["keyid"] if env["signatures"] else None
    payload_sha = hashlib.sha256(json.dumps(statement, sort_keys=True, separators=(",", ":"),
                                            ensure_ascii=False).encode("utf-8")).hexdigest()
    try:
        append_history(run_dir, history_entry(run_dir, statement, payload_sha, kid))
    except OSError as e:  # e.g. a read-only parent folder: the attestation itself is written
        log.warning("could not append to the chain index beside %s (%s): verify cannot show rollbacks there",
                    run_dir, type(e).__name__)
    what = f" after {reason}" if reason else ""
    if kid:
        log.info("attested %d files of %s%s, signed by keyid %s", len(statement["subject"]), run_dir, what, kid[:16])
    elif before:
        log.warning("%s is now UNSIGNED%s: it was signed by keyid %s…, the content changed and no signing key "
                    "is configured (set %s and run `corpusgov sign`)", run_dir, what, before[:16], SIGNING_KEY_ENV)
    else:
        log.warning("%s is UNSIGNED%s: attestation written without a signature (set %s to a key from "
                    "`corpusgov keygen`, or run `corpusgov sign`)", run_dir, what, SIGNING_KEY_ENV)
    return {"path": path, "signed": bool(kid), "keyid": kid, "files": len(statement["subject"])}


def sign_run(run_dir: str, private_key: str) -> str:
    """Sign the run's existing attestation, refusing when any file changed since it was written.

    Signing re-hashes every file; without this check `sign` would bless whatever an intruder changed since
    the run. A run without an attestation (made before attestations existed) is attested now.
    """
    from corpusgov.lineage.signing import SignatureError, statement_of

    path = os.path.join(run_dir, ATTESTATION_FILE)
    if os.path.exists(path):
        try:
            with open(path, encoding="utf-8") as f:
                old, _ = statement_of(json.load(f))
        except (ValueError, SignatureError) as e:
            raise AttestError(f"{path}: unreadable attestation ({str(e)[:120]}); run `corpusgov verify`") from None
        new = build_statement(run_dir)
        if old.get("subject") != new["subject"]:
            a = {s["name"]: s["digest"] for s in old.get("subject") or [] if isinstance(s, dict) and "name" in s}
            b = {s["name"]: s["digest"] for s in new["subject"]}
            diff = sorted(n for n in set(a) | set(b) if a.get(n) != b.get(n))
            raise AttestError(f"{run_dir}: {len(diff)} file(s) changed since the run was attested "
                              f"({', '.join(diff[:3])}); refusing to sign them (run `corpusgov verify`)")
    return reattest(run_dir, private_key, reason="sign")["path"]


def record_acceptance(run_dir: str, result: dict[str, Any]) -> None:
    """Put the acceptance result (TC260-003 §9.2) into the manifest, with the hashes of its files.

    The manifest changes, so the caller re-attests the run afterwards (`reattest`).
    """
    mpath = os.path.join(run_dir, "manifest.json")
    with open(mpath, encoding="utf-8") as f:
        manifest = json.load(f)
    files = []
    acc_dir = os.path.join(run_dir, "acceptance")
    if os.path.isdir(acc_dir):
        for n in sorted(os.listdir(acc_dir)):
            p = os.path.join(acc_dir, n)
            files.append({"path": f"acceptance/{n}", "sha256": file_sha256(p), "bytes": os.path.getsize(p)})
    manifest["acceptance"] = {**result, "files": files}
    errors = validate_manifest(manifest)
    if errors:
        raise ValueError(f"manifest would fail its schema: {errors[0]}")
    _write(mpath, canonical_bytes(manifest))
    legacy = os.path.join(run_dir, "manifest.dsse.json")
    if os.path.exists(legacy):
        os.remove(legacy)  # an old-style signature over the previous manifest
