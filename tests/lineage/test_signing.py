"""DSSE / in-toto signing of the manifest: round trip, tampering, wrong key, malformed envelopes."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import os
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from corpusgov.lineage.signing import (
    PAYLOAD_TYPE,
    PREDICATE_TYPE,
    SignatureError,
    generate_keypair,
    pae,
    read_statement,
    sign_manifest,
    verify_envelope,
)

FIXTURE = Path(__file__).parent / "fixtures" / "manifest_min.json"


@pytest.fixture(scope="module")
def keys(tmp_path_factory):
    d = tmp_path_factory.mktemp("keys")
    a = (str(d / "a.key"), str(d / "a.pub"))
    b = (str(d / "b.key"), str(d / "b.pub"))
    generate_keypair(*a)
    generate_keypair(*b)
    return a, b


def test_pae_matches_dsse_spec_example():
    # Example from the DSSE protocol document.
    assert pae("http://example.com/HelloWorld", b"hello world") == (
        b"DSSEv1 29 http://example.com/HelloWorld 11 hello world"
    )


def test_keypair_files(keys):
    (priv, pub), _ = keys
    assert stat.S_IMODE(os.stat(priv).st_mode) == 0o600
    assert Path(pub).read_bytes().startswith(b"-----BEGIN PUBLIC KEY-----")
    with pytest.raises(FileExistsError):
        generate_keypair(priv, pub)


def test_round_trip_and_statement(keys):
    (priv, pub), _ = keys
    manifest = FIXTURE.read_bytes()
    env = sign_manifest(manifest, priv)
    verify_envelope(env, manifest, pub)  # no exception
    assert env["payloadType"] == PAYLOAD_TYPE
    st = read_statement(env)
    assert st["_type"] == "https://in-toto.io/Statement/v1"
    assert st["subject"] == [
        {"name": "manifest.json", "digest": {"sha256": hashlib.sha256(manifest).hexdigest()}}
    ]
    assert st["predicateType"] == PREDICATE_TYPE
    m = json.loads(manifest)
    assert st["predicate"]["runId"] == m["run"]["run_id"]
    assert st["predicate"]["previousManifest"]["sha256"] == m["previous_manifest"]["sha256"]
    assert st["predicate"]["corpusMerkleRoot"] == m["outputs"]["merkle"]["corpus_root"]
    # keyid = sha256 of the raw 32-byte public key
    key = serialization.load_pem_public_key(Path(pub).read_bytes())
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    assert env["signatures"][0]["keyid"] == hashlib.sha256(raw).hexdigest()
    # ed25519 is deterministic: same manifest, same key → identical envelope
    assert sign_manifest(manifest, priv) == env


def test_changed_manifest_is_a_digest_mismatch(keys):
    (priv, pub), _ = keys
    manifest = FIXTURE.read_bytes()
    env = sign_manifest(manifest, priv)
    with pytest.raises(SignatureError, match="digest mismatch"):
        verify_envelope(env, manifest.replace(b"demo-corpus", b"demo-corpuz"), pub)


def test_tampered_payload_is_a_bad_signature(keys):
    (priv, pub), _ = keys
    manifest = FIXTURE.read_bytes()
    env = sign_manifest(manifest, priv)
    st = read_statement(env)
    st["predicate"]["corpusMerkleRoot"] = "00" * 32
    forged = copy.deepcopy(env)
    forged["payload"] = base64.b64encode(json.dumps(st).encode()).decode()
    with pytest.raises(SignatureError, match="bad signature"):
        verify_envelope(forged, manifest, pub)
    flipped = copy.deepcopy(env)
    sig = bytearray(base64.b64decode(flipped["signatures"][0]["sig"]))
    sig[0] ^= 1
    flipped["signatures"][0]["sig"] = base64.b64encode(bytes(sig)).decode()
    with pytest.raises(SignatureError, match="bad signature"):
        verify_envelope(flipped, manifest, pub)


def test_wrong_key_fails(keys):
    (priv_a, _), (priv_b, pub_b) = keys
    manifest = FIXTURE.read_bytes()
    env = sign_manifest(manifest, priv_a)
    with pytest.raises(SignatureError, match="wrong key"):
        verify_envelope(env, manifest, pub_b)
    # Even relabelled with b's keyid, a's signature does not verify under b's key.
    relabelled = copy.deepcopy(env)
    relabelled["signatures"][0]["keyid"] = sign_manifest(manifest, priv_b)["signatures"][0]["keyid"]
    with pytest.raises(SignatureError, match="bad signature"):
        verify_envelope(relabelled, manifest, pub_b)


def test_malformed_envelopes(keys):
    (priv, pub), _ = keys
    manifest = FIXTURE.read_bytes()
    env = sign_manifest(manifest, priv)
    for broken in (
        {**env, "payloadType": "text/plain"},
        {**env, "payload": "***not base64***"},
        {**env, "signatures": []},
        {k: v for k, v in env.items() if k != "payload"},
    ):
        with pytest.raises(SignatureError):
            verify_envelope(broken, manifest, pub)
    with pytest.raises(SignatureError):
        verify_envelope(env, manifest, priv)  # a private key file is not a public key
    with pytest.raises(ValueError):
        sign_manifest(b"not json", priv)


def test_attestation_envelope_verifies_with_securesystemslib(keys):
    """Interoperability: the reference DSSE implementation accepts our envelopes and rejects a changed payload."""
    sslib = pytest.importorskip("securesystemslib.dsse")
    from securesystemslib.exceptions import VerificationError
    from securesystemslib.signer import SSlibKey

    from corpusgov.lineage.signing import sign_statement, statement_of, verify_statement_signature

    (priv, pub), _ = keys
    statement = {"_type": "https://in-toto.io/Statement/v1", "predicateType": "https://corpusgov.dev/test",
                 "subject": [{"name": "manifest.json", "digest": {"sha256": "ab" * 32}}], "predicate": {}}
    env = sign_statement(statement, priv)
    assert statement_of(env)[0] == statement
    kid = verify_statement_signature(env, pub)
    key = SSlibKey.from_crypto(serialization.load_pem_public_key(Path(pub).read_bytes()), keyid=kid)
    assert kid in sslib.Envelope.from_dict(copy.deepcopy(env)).verify([key], 1)  # from_dict consumes its input
    forged = dict(copy.deepcopy(env), payload=base64.b64encode(base64.b64decode(env["payload"]).replace(b"ab", b"cd")).decode())
    with pytest.raises(VerificationError):
        sslib.Envelope.from_dict(forged).verify([key], 1)
