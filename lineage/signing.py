"""Offline ed25519 signing of in-toto Statements v1 in DSSE envelopes (the run attestation, and the manifest).

Why: a regulator working air-gapped needs only our published public key to check that ``manifest.json``
is the one we produced; the Statement binds the manifest's sha256, and its predicate repeats the corpus
Merkle root and the previous manifest's hash so a rewritten or removed version breaks the chain.
DSSE: https://github.com/secure-systems-lab/dsse (signature over PAE, not over raw JSON).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

__all__ = [
    "PAYLOAD_TYPE",
    "PREDICATE_TYPE",
    "STATEMENT_TYPE",
    "SignatureError",
    "generate_keypair",
    "keyid",
    "pae",
    "read_statement",
    "sign_manifest",
    "sign_statement",
    "statement_of",
    "unsigned_envelope",
    "verify_envelope",
    "verify_statement_signature",
]

PAYLOAD_TYPE = "application/vnd.in-toto+json"
STATEMENT_TYPE = "https://in-toto.io/Statement/v1"
PREDICATE_TYPE = "https://corpusgov.dev/manifest/v1"
SUBJECT_NAME = "manifest.json"


class SignatureError(Exception):
    """The envelope does not prove the manifest: bad signature, wrong key, malformed or digest mismatch."""


def pae(payload_type: str, payload: bytes) -> bytes:
    """DSSE v1 Pre-Authentication Encoding."""
    t = payload_type.encode("utf-8")
    return b"DSSEv1 %d %s %d %s" % (len(t), t, len(payload), payload)


def _raw_public(pub: Ed25519PublicKey) -> bytes:
    return pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def keyid(pub: Ed25519PublicKey) -> str:
    """sha256 (hex) of the 32 raw public-key bytes."""
    return hashlib.sha256(_raw_public(pub)).hexdigest()


def generate_keypair(priv_path: str, pub_path: str, overwrite: bool = False) -> str:
    """Write a new ed25519 key pair as PEM (private PKCS#8 with mode 0600); return its keyid.

    Refuses to replace an existing private key unless ``overwrite`` is set, so a signing key is not lost.
    """
    if not overwrite and os.path.exists(priv_path):
        raise FileExistsError(f"private key already exists: {priv_path}")
    priv = Ed25519PrivateKey.generate()
    priv_pem = priv.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    pub_pem = priv.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    for p in (priv_path, pub_path):
        Path(p).parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(priv_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(priv_pem)
    Path(pub_path).write_bytes(pub_pem)
    return keyid(priv.public_key())


def _load_private(path: str) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(Path(path).read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{path}: not an ed25519 private key")
    return key


def _load_public(path: str) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(Path(path).read_bytes())
    except ValueError as e:
        raise SignatureError(f"{path}: cannot read public key ({e})") from e
    if not isinstance(key, Ed25519PublicKey):
        raise SignatureError(f"{path}: not an ed25519 public key")
    return key


def _predicate(manifest_bytes: bytes) -> dict[str, Any]:
    """Small predicate taken from the manifest itself (missing sections become null)."""
    try:
        m = json.loads(manifest_bytes)
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ValueError(f"manifest is not JSON: {e}") from e
    m = m if isinstance(m, dict) else {}
    run = m.get("run") or {}
    merkle = (m.get("outputs") or {}).get("merkle") or {}
    prev = m.get("previous_manifest") or {}
    return {
        "manifestVersion": m.get("manifest_version"),
        "runId": run.get("run_id"),
        "runName": run.get("name"),
        "status": run.get("status"),
        "corpusMerkleRoot": merkle.get("corpus_root"),
        "merkleAlgorithm": merkle.get("algorithm"),
        "previousManifest": {"path": prev.get("path"), "sha256": prev.get("sha256")} if prev else None,
    }


def _dumps(obj: Any) -> bytes:
    # Sorted keys, no whitespace: the same manifest always yields the same payload (and, ed25519 being
    # deterministic, the same signature).
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def sign_manifest(manifest_bytes: bytes, private_key_path: str) -> dict[str, Any]:
    """Return a DSSE envelope whose payload is an in-toto Statement v1 about ``manifest.json``."""
    key = _load_private(private_key_path)
    statement = {
        "_type": STATEMENT_TYPE,
        "subject": [{"name": SUBJECT_NAME, "digest": {"sha256": hashlib.sha256(manifest_bytes).hexdigest()}}],
        "predicateType": PREDICATE_TYPE,
        "predicate": _predicate(manifest_bytes),
    }
    payload = _dumps(statement)
    sig = key.sign(pae(PAYLOAD_TYPE, payload))
    return {
        "payloadType": PAYLOAD_TYPE,
        "payload": base64.b64encode(payload).decode("ascii"),
        "signatures": [{"keyid": keyid(key.public_key()), "sig": base64.b64encode(sig).decode("ascii")}],
    }


def read_statement(envelope: dict[str, Any]) -> dict[str, Any]:
    """Decode the Statement from an envelope WITHOUT verifying it (for display after ``verify_envelope``)."""
    try:
        return json.loads(base64.b64decode(envelope["payload"], validate=True))
    except (KeyError, TypeError, ValueError) as e:
        raise SignatureError(f"malformed envelope payload: {e}") from e


def verify_envelope(envelope: dict[str, Any], manifest_bytes: bytes, public_key_path: str) -> None:
    """Raise ``SignatureError`` unless ``envelope`` is a valid signature by this key over this manifest."""
    pub = _load_public(public_key_path)
    kid = keyid(pub)
    if not isinstance(envelope, dict):
        raise SignatureError("malformed envelope: not a JSON object")
    if envelope.get("payloadType") != PAYLOAD_TYPE:
        raise SignatureError(f"unexpected payloadType {envelope.get('payloadType')!r}, want {PAYLOAD_TYPE!r}")
    try:
        payload = base64.b64decode(envelope["payload"], validate=True)
    except (KeyError, TypeError, ValueError) as e:
        raise SignatureError(f"malformed envelope payload: {e}") from e
    sigs = envelope.get("signatures")
    if not isinstance(sigs, list) or not sigs:
        raise SignatureError("envelope has no signatures")
    mine = [s for s in sigs if isinstance(s, dict) and s.get("keyid") == kid]
    if not mine:
        found = ", ".join(str(s.get("keyid"))[:16] for s in sigs if isinstance(s, dict))
        raise SignatureError(f"wrong key: envelope is signed by keyid {found}…, the given key is {kid[:16]}…")
    msg = pae(PAYLOAD_TYPE, payload)
    for s in mine:
        try:
            pub.verify(base64.b64decode(s.get("sig", ""), validate=True), msg)
            break
        except (InvalidSignature, ValueError, TypeError):
            continue
    else:
        raise SignatureError(f"bad signature: the payload was not signed by keyid {kid[:16]}… (tampered?)")
    try:
        statement = json.loads(payload)
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise SignatureError(f"signed payload is not JSON: {e}") from e
    if statement.get("_type") != STATEMENT_TYPE or statement.get("predicateType") != PREDICATE_TYPE:
        raise SignatureError("signed payload is not a corpusgov manifest Statement")
    want = hashlib.sha256(manifest_bytes).hexdigest()
    digests = [
        (s.get("digest") or {}).get("sha256")
        for s in statement.get("subject") or []
        if isinstance(s, dict) and s.get("name") == SUBJECT_NAME
    ]
    if want not in digests:
        have = digests[0] if digests else None
        raise SignatureError(f"digest mismatch: manifest sha256 is {want}, the signed Statement names {have}")


# ------------------------------------------------------------------------------- generic statements
def _envelope(payload: bytes, signatures: list[dict[str, str]]) -> dict[str, Any]:
    return {"payloadType": PAYLOAD_TYPE, "payload": base64.b64encode(payload).decode("ascii"),
            "signatures": signatures}


def unsigned_envelope(statement: dict[str, Any]) -> dict[str, Any]:
    """A DSSE-shaped envelope with no signature: the Statement is still there for digest checks."""
    return _envelope(_dumps(statement), [])


def sign_statement(statement: dict[str, Any], private_key_path: str) -> dict[str, Any]:
    """DSSE envelope of ``statement`` signed with an ed25519 key (signature over PAE, ``cryptography``)."""
    key = _load_private(private_key_path)
    payload = _dumps(statement)
    sig = key.sign(pae(PAYLOAD_TYPE, payload))
    return _envelope(payload, [{"keyid": keyid(key.public_key()), "sig": base64.b64encode(sig).decode("ascii")}])


def statement_of(envelope: Any) -> tuple[dict[str, Any], bytes]:
    """(Statement, raw payload) of a well-formed envelope, WITHOUT checking any signature."""
    if not isinstance(envelope, dict):
        raise SignatureError("malformed envelope: not a JSON object")
    if envelope.get("payloadType") != PAYLOAD_TYPE:
        raise SignatureError(f"unexpected payloadType {envelope.get('payloadType')!r}, want {PAYLOAD_TYPE!r}")
    if not isinstance(envelope.get("signatures"), list):
        raise SignatureError("malformed envelope: 'signatures' is not a list")
    try:
        payload = base64.b64decode(envelope["payload"], validate=True)
        statement = json.loads(payload)
    except (KeyError, TypeError, ValueError) as e:
        raise SignatureError(f"malformed envelope payload: {type(e).__name__}: {str(e)[:120]}") from e
    if not isinstance(statement, dict) or statement.get("_type") != STATEMENT_TYPE:
        raise SignatureError(f"payload is not an in-toto Statement ({STATEMENT_TYPE})")
    return statement, payload


def verify_statement_signature(envelope: dict[str, Any], public_key_path: str) -> str:
    """Raise ``SignatureError`` unless one signature in ``envelope`` is valid for this key; return its keyid."""
    _, payload = statement_of(envelope)
    pub = _load_public(public_key_path)
    kid = keyid(pub)
    sigs = [s for s in envelope["signatures"] if isinstance(s, dict)]
    if not sigs:
        raise SignatureError("the envelope holds no signature (UNSIGNED)")
    mine = [s for s in sigs if s.get("keyid") == kid]
    if not mine:
        found = ", ".join(str(s.get("keyid"))[:16] for s in sigs)
        raise SignatureError(f"wrong key: envelope is signed by keyid {found}…, the given key is {kid[:16]}…")
    msg = pae(PAYLOAD_TYPE, payload)
    for s in mine:
        try:
            pub.verify(base64.b64decode(s.get("sig", ""), validate=True), msg)
            return kid
        except (InvalidSignature, ValueError, TypeError):
            continue
    raise SignatureError(f"bad signature: the payload was not signed by keyid {kid[:16]}… (tampered?)")
