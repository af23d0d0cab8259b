"""Post-run attestations: sign a run's manifest (DSSE, ed25519) and record corpus acceptance verdicts.

Recording acceptance changes `manifest.json` (its `acceptance` section and the hash of the acceptance
files), so a signature made before no longer matches: sign after accepting.
"""

from __future__ import annotations

import json
import os
from typing import Any

from corpusgov.manifest import canonical_bytes, validate_manifest
from lineage.hashing import file_sha256


def _write(path: str, data: bytes) -> None:
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def sign_run(run_dir: str, private_key: str) -> str:
    from lineage.signing import sign_manifest

    with open(os.path.join(run_dir, "manifest.json"), "rb") as f:
        env = sign_manifest(f.read(), private_key)
    path = os.path.join(run_dir, "manifest.dsse.json")
    _write(path, (json.dumps(env, indent=2, sort_keys=True) + "\n").encode("utf-8"))
    return path


def record_acceptance(run_dir: str, result: dict[str, Any]) -> None:
    """Put the acceptance result (TC260-003 §9.2) into the manifest, with the hashes of its files."""
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
    sig = os.path.join(run_dir, "manifest.dsse.json")
    if os.path.exists(sig):
        os.remove(sig)  # the signature covered the old manifest; sign again
