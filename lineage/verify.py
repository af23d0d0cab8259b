"""Offline verification of a run directory: an auditor needs only the directory (and a public key).

Checks: the manifest's schema; every listed output file's size and sha256, and no unlisted data files; each
corpus shard's Merkle root recomputed from its records and the corpus root from the shard roots; counts
re-derived from `decisions/`, `deadletter/` and `corpus/` against the manifest; the DSSE signature; and the
manifest chain (each previous manifest's sha256).
"""

from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import jsonschema

from lineage.hashing import file_sha256

DATA_DIRS = ("corpus", "decisions", "pii", "copyright", "deadletter", "signatures")
SCHEMA = os.path.join(os.path.dirname(__file__), "schemas", "manifest.schema.json")


@dataclass
class Check:
    name: str
    ok: bool
    detail: str


@dataclass
class VerifyReport:
    run_dir: str
    checks: list[Check] = field(default_factory=list)

    def add(self, name: str, ok: bool, detail: str) -> bool:
        self.checks.append(Check(name, ok, detail))
        return ok

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    def first_failure(self) -> str:
        for c in self.checks:
            if not c.ok:
                return f"{c.name}: {c.detail}"
        return ""

    def lines(self) -> list[str]:
        return [f"{'ok  ' if c.ok else 'FAIL'} {c.name}: {c.detail}" for c in self.checks]


def _read_parquet_cols(paths: list[str], cols: list[str]) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    rows: list[dict[str, Any]] = []
    for p in paths:
        pf = pq.ParquetFile(p)
        for batch in pf.iter_batches(batch_size=65536, columns=cols):
            rows.extend(batch.to_pylist())
    return rows


def verify_run(run_dir: str, public_key: str | None = None, check_chain: bool = True) -> VerifyReport:
    rep = VerifyReport(run_dir)
    mpath = os.path.join(run_dir, "manifest.json")
    if not rep.add("manifest", os.path.exists(mpath), "manifest.json present" if os.path.exists(mpath)
                   else "no manifest.json: the run did not complete"):
        return rep
    with open(mpath, "rb") as f:
        mbytes = f.read()
    try:
        m = json.loads(mbytes)
    except ValueError as e:
        rep.add("manifest", False, f"not JSON: {e}")
        return rep
    _check_schema(rep, m)
    if os.path.exists(os.path.join(run_dir, "_FAILED")):
        rep.add("status", False, "_FAILED marker present: the run failed")
    files = (m.get("outputs") or {}).get("files") or []
    _check_files(rep, run_dir, files)
    _check_merkle(rep, run_dir, m)
    _check_counts(rep, run_dir, m, files)
    _check_signature(rep, run_dir, mbytes, public_key)
    if check_chain:
        _check_chain(rep, run_dir, m)
    return rep


def _check_schema(rep: VerifyReport, m: dict[str, Any]) -> None:
    with open(SCHEMA, encoding="utf-8") as f:
        schema = json.load(f)
    v = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    errs = sorted(v.iter_errors(m), key=lambda e: list(e.absolute_path))
    rep.add("schema", not errs, "manifest valid against manifest.schema.json "
            f"{m.get('manifest_version')}" if not errs else
            f"{'/'.join(map(str, errs[0].absolute_path)) or '(root)'}: {errs[0].message}")


def _check_files(rep: VerifyReport, run_dir: str, files: list[dict[str, Any]]) -> None:
    bad = []
    for f in files:
        p = os.path.join(run_dir, f["path"])
        if not os.path.exists(p):
            bad.append(f"{f['path']} missing")
        elif os.path.getsize(p) != f["bytes"]:
            bad.append(f"{f['path']} size {os.path.getsize(p)} != {f['bytes']}")
        elif file_sha256(p) != f["sha256"]:
            bad.append(f"{f['path']} sha256 differs")
    rep.add("file_hashes", not bad, f"{len(files)} files match their sha256" if not bad else "; ".join(bad[:5]))
    listed = {f["path"] for f in files}
    extra = []
    for d in DATA_DIRS:
        full = os.path.join(run_dir, d)
        if os.path.isdir(full):
            extra += [f"{d}/{n}" for n in sorted(os.listdir(full)) if f"{d}/{n}" not in listed]
    rep.add("no_unlisted_files", not extra, "no data files outside the manifest" if not extra
            else "unlisted: " + ", ".join(extra[:5]))


def _check_merkle(rep: VerifyReport, run_dir: str, m: dict[str, Any]) -> None:
    from lineage.merkle import corpus_root, shard_root_from_parquet

    mk = (m.get("outputs") or {}).get("merkle") or {}
    bad = []
    roots = []
    for s in mk.get("shards", []):
        p = os.path.join(run_dir, s["path"])
        if not os.path.exists(p):
            bad.append(f"{s['path']} missing")
            continue
        try:
            root, n = shard_root_from_parquet(p)
        except Exception as e:  # noqa: BLE001 - an unreadable shard is a failed check
            bad.append(f"{s['path']} unreadable: {type(e).__name__}")
            continue
        roots.append(root)
        if root != s["root"] or n != s["leaves"]:
            bad.append(f"{s['path']} root/leaves differ ({n} leaves)")
    rep.add("merkle_shards", not bad, f"{len(roots)} corpus shard roots recomputed" if not bad else "; ".join(bad[:5]))
    cr = corpus_root([s["root"] for s in mk.get("shards", [])])
    rep.add("merkle_corpus_root", cr == mk.get("corpus_root"),
            f"corpus root {cr[:16]}…" if cr == mk.get("corpus_root") else "corpus root differs from the shard roots")


def _check_counts(rep: VerifyReport, run_dir: str, m: dict[str, Any], files: list[dict[str, Any]]) -> None:
    def paths(kind: str) -> list[str]:
        return [os.path.join(run_dir, f["path"]) for f in files if f["kind"] == kind and os.path.exists(os.path.join(run_dir, f["path"]))]

    try:
        dec = _read_parquet_cols(paths("decisions"), ["record_id", "source_id", "decision", "reasons"])
        corpus = _read_parquet_cols(paths("corpus"), ["record_id", "source_id"])
    except Exception as e:  # noqa: BLE001
        rep.add("counts", False, f"tables unreadable: {type(e).__name__}: {str(e)[:120]}")
        return
    dead: Counter[str] = Counter()
    for p in paths("deadletter"):
        with open(p, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    dead[json.loads(line)["source_id"]] += 1
    per: dict[str, Counter[str]] = defaultdict(Counter)
    reasons: dict[str, Counter[str]] = defaultdict(Counter)
    for r in dec:
        per[r["source_id"]][r["decision"]] += 1
        if r["decision"] == "drop" and r["reasons"]:
            reasons[r["source_id"]][r["reasons"][0]] += 1
    kept_ids = {r["record_id"] for r in dec if r["decision"] == "keep"}
    corpus_ids = [r["record_id"] for r in corpus]
    problems = []
    if len(set(corpus_ids)) != len(corpus_ids):
        problems.append("duplicate record ids in corpus/")
    if set(corpus_ids) != kept_ids:
        problems.append(f"corpus/ has {len(set(corpus_ids))} ids, decisions/ keeps {len(kept_ids)}")
    if len({r['record_id'] for r in dec}) != len(dec):
        problems.append("duplicate record ids in decisions/")
    for s in m.get("sources", []):
        c = s["counts"]
        sid = s["id"]
        got = {"kept": per[sid]["keep"], "dropped": per[sid]["drop"], "deadlettered": dead[sid]}
        for k, v in got.items():
            if c[k] != v:
                problems.append(f"{sid}: manifest {k} {c[k]} != tables {v}")
        if c["read"] != c["kept"] + c["dropped"] + c["deadlettered"]:
            problems.append(f"{sid}: read {c['read']} != kept + dropped + dead-lettered")
        if dict(reasons[sid]) != {k: v for k, v in c["dropped_by_reason"].items() if v}:
            problems.append(f"{sid}: dropped_by_reason differs from decisions/")
    t = m.get("totals", {})
    n_dec, n_dead = len(dec), sum(dead.values())
    if t.get("read") != n_dec + n_dead:
        problems.append(f"totals.read {t.get('read')} != decisions {n_dec} + deadletter {n_dead}")
    rep.add("counts", not problems,
            f"read {t.get('read')} = kept {t.get('kept')} + dropped {t.get('dropped')} + dead-lettered "
            f"{t.get('deadlettered')}; tables agree" if not problems else "; ".join(problems[:5]))


def _check_signature(rep: VerifyReport, run_dir: str, mbytes: bytes, public_key: str | None) -> None:
    env_path = os.path.join(run_dir, "manifest.dsse.json")
    if not os.path.exists(env_path):
        if public_key:
            rep.add("signature", False, "--public-key given but the run has no manifest.dsse.json")
        return
    if not public_key:
        rep.add("signature", True, "manifest.dsse.json present, not checked (pass --public-key)")
        return
    from lineage.signing import SignatureError, verify_envelope

    with open(env_path, encoding="utf-8") as f:
        env = json.load(f)
    try:
        verify_envelope(env, mbytes, public_key)
        rep.add("signature", True, "DSSE ed25519 signature valid for this manifest")
    except SignatureError as e:
        rep.add("signature", False, str(e))


def _check_chain(rep: VerifyReport, run_dir: str, m: dict[str, Any]) -> None:
    prev = m.get("previous_manifest")
    depth = 0
    here = run_dir
    while prev:
        p = prev["path"] if os.path.isabs(prev["path"]) else os.path.normpath(os.path.join(here, prev["path"]))
        if not os.path.exists(p):
            rep.add("chain", False, f"previous manifest {prev['path']} not found")
            return
        if file_sha256(p) != prev["sha256"]:
            rep.add("chain", False, f"previous manifest {prev['path']} sha256 differs from the link")
            return
        depth += 1
        here = os.path.dirname(p)
        with open(p, encoding="utf-8") as f:
            prev = json.load(f).get("previous_manifest")
    rep.add("chain", True, f"{depth} previous version(s) linked by sha256" if depth else "first version (no previous manifest)")
