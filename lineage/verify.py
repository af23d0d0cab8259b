"""Offline verification of a run directory: an auditor needs only the directory (and a public key).

Every check has a name that says what caught a problem:
  manifest, manifest:schema, status   the manifest is there, valid, and the run completed
  attestation                         attestation.dsse.json is a well-formed in-toto Statement about this run
  files:digest, files:unlisted        every file in the directory is named in the attestation with its sha256
  files:outputs                       the manifest's own file list (tables, acceptance) matches the files
  merkle:shards, merkle:root          corpus Merkle roots recomputed from the records
  derive:corpus, derive:*             the corpus and every manifest claim re-derived from the tables (lineage.derive)
  renderings (with rerender=True)     reports, dashboard, OpenLineage, Croissant equal a fresh rendering
  signature                           DSSE ed25519 signature; without a key a WARN line, never ok
  chain:links, chain:version, chain:requests, chain:index, chain:newest   the version chain and rollback evidence
A FAIL line fails verification (exit 4); a WARN line does not, unless `require_signature` turns the
signature warning into a failure.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import jsonschema

from corpusgov.lineage.attestation import (
    ATTESTATION_FILE,
    PREDICATE_TYPE,
    chain_of,
    history_path,
    read_history,
    run_files,
)
from corpusgov.lineage.hashing import content_sha256, file_sha256

SCHEMA = os.path.join(os.path.dirname(__file__), "schemas", "manifest.schema.json")
OK, WARN, FAIL = "ok", "WARN", "FAIL"


@dataclass
class Check:
    name: str
    level: str
    detail: str

    @property
    def ok(self) -> bool:
        return self.level != FAIL


@dataclass
class VerifyReport:
    run_dir: str
    checks: list[Check] = field(default_factory=list)

    def add(self, name: str, ok: bool, detail: str) -> bool:
        self.checks.append(Check(name, OK if ok else FAIL, detail))
        return ok

    def warn(self, name: str, detail: str) -> None:
        self.checks.append(Check(name, WARN, detail))

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    def failed(self) -> list[str]:
        return [c.name for c in self.checks if c.level == FAIL]

    def warnings(self) -> list[str]:
        return [c.name for c in self.checks if c.level == WARN]

    def first_failure(self) -> str:
        for c in self.checks:
            if c.level == FAIL:
                return f"{c.name}: {c.detail}"
        return ""

    def lines(self) -> list[str]:
        return [f"{c.level:<4} {c.name}: {c.detail}" for c in self.checks]

    def summary(self) -> str:
        w = self.warnings()
        return (f"verified: {len(self.checks) - len(w)} checks ok" + (f", {len(w)} warning(s): {', '.join(w)}" if w
                                                                       else ""))


def verify_run(run_dir: str, public_key: str | None = None, check_chain: bool = True,
               require_signature: bool = False, rerender: bool = False) -> VerifyReport:
    rep = VerifyReport(run_dir)
    mpath = os.path.join(run_dir, "manifest.json")
    if not rep.add("manifest", os.path.isfile(mpath), "manifest.json present" if os.path.isfile(mpath)
                   else "no manifest.json: the run did not complete"):
        return rep
    with open(mpath, "rb") as f:
        mbytes = f.read()
    try:
        m = json.loads(mbytes)
        if not isinstance(m, dict):
            raise ValueError("not a JSON object")
    except ValueError as e:
        rep.add("manifest", False, f"not JSON: {str(e)[:120]}")
        return rep
    _check_schema(rep, m)
    _check_status(rep, run_dir)
    statement = _check_attestation(rep, run_dir, m, mbytes)
    _check_outputs(rep, run_dir, m)
    _check_merkle(rep, run_dir, m)
    _check_derived(rep, run_dir, m)
    if rerender:
        _check_renderings(rep, run_dir, m)
    _check_signature(rep, run_dir, statement, public_key, require_signature)
    if check_chain:
        _check_chain(rep, run_dir, m, mbytes)
    return rep


def _check_schema(rep: VerifyReport, m: dict[str, Any]) -> None:
    with open(SCHEMA, encoding="utf-8") as f:
        schema = json.load(f)
    v = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    errs = sorted(v.iter_errors(m), key=lambda e: list(e.absolute_path))
    rep.add("manifest:schema", not errs, f"valid against manifest.schema.json {m.get('manifest_version')}" if not errs
            else f"{'/'.join(map(str, errs[0].absolute_path)) or '(root)'}: {errs[0].message[:200]}")


def _check_status(rep: VerifyReport, run_dir: str) -> None:
    if os.path.exists(os.path.join(run_dir, "_FAILED")):
        rep.add("status", False, "_FAILED marker present: the run failed")
        return
    try:
        with open(os.path.join(run_dir, "_status.json"), encoding="utf-8") as f:
            st = json.load(f).get("status")
    except (OSError, ValueError, AttributeError):
        st = None
    rep.add("status", st == "complete", "_status.json says complete" if st == "complete"
            else f"_status.json says {st!r}, not 'complete'")


# ------------------------------------------------------------------------------------------ files
def _check_attestation(rep: VerifyReport, run_dir: str, m: dict[str, Any], mbytes: bytes) -> dict[str, Any] | None:
    """Parse the attestation and check every file against it; returns the Statement (None if unusable)."""
    import hashlib

    from corpusgov.lineage.signing import SignatureError, statement_of

    path = os.path.join(run_dir, ATTESTATION_FILE)
    if not os.path.isfile(path):
        rep.add("attestation", False, f"no {ATTESTATION_FILE}: nothing proves which files belong to the run")
        return None
    try:
        with open(path, encoding="utf-8") as f:
            env = json.load(f)
        st, _ = statement_of(env)
    except (OSError, ValueError, SignatureError) as e:
        rep.add("attestation", False, f"{ATTESTATION_FILE} unreadable: {type(e).__name__}: {str(e)[:160]}")
        return None
    subject = st.get("subject")
    predicate = st.get("predicate")
    pred = predicate if isinstance(predicate, dict) else {}
    probs = []
    if st.get("predicateType") != PREDICATE_TYPE:
        probs.append(f"predicateType {st.get('predicateType')!r}, want {PREDICATE_TYPE!r}")
    if not isinstance(subject, list) or not all(
            isinstance(s, dict) and isinstance(s.get("name"), str) and isinstance((s.get("digest") or {}).get("sha256"), str)
            for s in subject):
        rep.add("attestation", False, "subject is not a list of {name, digest.sha256}")
        return None
    msha = hashlib.sha256(mbytes).hexdigest()
    if (pred.get("manifest") or {}).get("sha256") != msha:
        probs.append("predicate.manifest.sha256 is not this manifest's sha256")
    if pred.get("chain") != chain_of(m):
        probs.append(f"predicate.chain {pred.get('chain')} != manifest chain {chain_of(m)}")
    prev = (m.get("previous_manifest") or {}).get("sha256")
    if ((pred.get("previousManifest") or {}).get("sha256")) != prev:
        probs.append("predicate.previousManifest differs from the manifest's previous_manifest")
    if pred.get("runId") != (m.get("run") or {}).get("run_id"):
        probs.append("predicate.runId differs from the manifest's run id")
    rep.add("attestation", not probs, f"in-toto Statement over {len(subject)} files, chain "
            f"{chain_of(m)['id'][:8]}… v{chain_of(m)['version']}" if not probs else "; ".join(probs))
    listed = {s["name"]: s["digest"]["sha256"] for s in subject}
    bad = []
    for name, sha in sorted(listed.items()):
        p = os.path.join(run_dir, name)
        if ".." in name.split("/") or os.path.isabs(name):
            bad.append(f"{name}: path outside the run")
        elif not os.path.isfile(p):
            bad.append(f"{name} missing")
        elif file_sha256(p) != sha:
            bad.append(f"{name} changed (sha256 differs)")
    rep.add("files:digest", not bad, f"{len(listed)} files match the attested sha256" if not bad
            else f"{len(bad)} file(s): " + "; ".join(bad[:5]))
    on_disk = run_files(run_dir)
    extra = [n for n in on_disk if n not in listed]
    links = [n for n in on_disk if os.path.islink(os.path.join(run_dir, n))]
    probs = [f"unlisted: {', '.join(extra[:5])}" + (f" (+{len(extra) - 5} more)" if len(extra) > 5 else "")] if extra else []
    if links:
        probs.append(f"symbolic links: {', '.join(links[:5])}")
    rep.add("files:unlisted", not probs, f"no file in the directory outside the attestation ({len(on_disk)} files)"
            if not probs else "; ".join(probs))
    return st


def _check_outputs(rep: VerifyReport, run_dir: str, m: dict[str, Any]) -> None:
    files = list((m.get("outputs") or {}).get("files") or []) + list((m.get("acceptance") or {}).get("files") or [])
    bad = []
    for f in files:
        p = os.path.join(run_dir, f["path"])
        if not os.path.isfile(p):
            bad.append(f"{f['path']} missing")
        elif f.get("bytes") is not None and os.path.getsize(p) != f["bytes"]:
            bad.append(f"{f['path']} size {os.path.getsize(p)} != {f['bytes']}")
        elif file_sha256(p) != f["sha256"]:
            bad.append(f"{f['path']} sha256 differs")
    listed = {f["path"] for f in files}
    for d in ("corpus", "decisions", "pii", "copyright", "deadletter", "signatures"):
        full = os.path.join(run_dir, d)
        if os.path.isdir(full):
            bad += [f"{d}/{n} not in the manifest" for n in sorted(os.listdir(full)) if f"{d}/{n}" not in listed]
    rep.add("files:outputs", not bad, f"{len(files)} files the manifest lists match" if not bad else "; ".join(bad[:5]))


def _check_merkle(rep: VerifyReport, run_dir: str, m: dict[str, Any]) -> None:
    from corpusgov.lineage.merkle import corpus_root, shard_root_from_parquet

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
    rep.add("merkle:shards", not bad, f"{len(roots)} corpus shard roots recomputed" if not bad else "; ".join(bad[:5]))
    cr = corpus_root([s["root"] for s in mk.get("shards", [])])
    rep.add("merkle:root", cr == mk.get("corpus_root"),
            f"corpus root {cr[:16]}…" if cr == mk.get("corpus_root") else "corpus root differs from the shard roots")


def _check_derived(rep: VerifyReport, run_dir: str, m: dict[str, Any]) -> None:
    from corpusgov.lineage.derive import Deriver, read_tables

    try:
        tables = read_tables(run_dir)
    except Exception as e:  # noqa: BLE001
        rep.add("derive:tables", False, f"tables unreadable: {type(e).__name__}: {str(e)[:120]}")
        return
    _check_corpus(rep, run_dir, tables.dec)
    try:
        der = Deriver(m, tables, run_dir)
    except Exception as e:  # noqa: BLE001 - e.g. a policy that no longer validates
        rep.add("derive:policy", False, f"recorded policy does not validate with this corpusgov ({type(e).__name__}: "
                f"{' '.join(str(e).split())[:200]}); run verify with the version in code.git_commit")
        return
    der.run(rep.add)


def _check_corpus(rep: VerifyReport, run_dir: str, dec: Sequence[Mapping[str, Any]]) -> None:
    """corpus/ holds exactly the kept records, with their source, language and mask flag; unmasked texts hash
    to the content_sha256 the decisions table records."""
    import pyarrow.parquet as pq

    kept = {r["record_id"]: r for r in dec if r["decision"] == "keep"}
    seen: set[str] = set()
    p: list[str] = []
    d = os.path.join(run_dir, "corpus")
    try:
        for n in sorted(os.listdir(d)) if os.path.isdir(d) else []:
            pf = pq.ParquetFile(os.path.join(d, n))
            for batch in pf.iter_batches(batch_size=8192, columns=["record_id", "source_id", "text", "content_sha256",
                                                                     "masked", "lang"]):
                for r in batch.to_pylist():
                    rid = r["record_id"]
                    if rid in seen:
                        p.append(f"{rid} twice in corpus/")
                    seen.add(rid)
                    k = kept.get(rid)
                    if k is None:
                        p.append(f"{rid} in corpus/ but not kept in decisions/")
                        continue
                    diff = [c for c in ("source_id", "content_sha256", "masked", "lang") if r[c] != k[c]]
                    if diff:
                        p.append(f"{rid}: corpus {diff[0]} {r[diff[0]]!r} != decisions {k[diff[0]]!r}")
                    elif not r["masked"] and content_sha256(r["text"]) != r["content_sha256"]:
                        p.append(f"{rid}: unmasked text does not hash to its content_sha256")
    except Exception as e:  # noqa: BLE001
        p.append(f"corpus unreadable: {type(e).__name__}: {str(e)[:120]}")
    missing = set(kept) - seen
    if missing:
        p.append(f"{len(missing)} kept record(s) missing from corpus/")
    rep.add("derive:corpus", not p, f"corpus/ holds exactly the {len(kept)} kept records; unmasked texts match "
            "their content hash" if not p else "; ".join(p[:4]) + (f" (+{len(p) - 4} more)" if len(p) > 4 else ""))


def _check_renderings(rep: VerifyReport, run_dir: str, m: dict[str, Any]) -> None:
    from corpusgov.lineage.rerender import compare_renderings

    try:
        written, probs = compare_renderings(run_dir, m)
    except Exception as e:  # noqa: BLE001 - a renderer that cannot run on this manifest is a failed check
        rep.add("renderings", False, f"cannot re-render: {type(e).__name__}: {' '.join(str(e).split())[:160]}")
        return
    rep.add("renderings", not probs, f"{len(written)} renderings equal a fresh rendering from the manifest and "
            "tables" if not probs else "; ".join(probs[:4]))


# -------------------------------------------------------------------------------------- signature
def _check_signature(rep: VerifyReport, run_dir: str, statement: dict[str, Any] | None, public_key: str | None,
                     require: bool) -> None:
    from corpusgov.lineage.signing import SignatureError, verify_statement_signature

    if statement is None:
        rep.add("signature", False, "no usable attestation to check")
        return
    with open(os.path.join(run_dir, ATTESTATION_FILE), encoding="utf-8") as f:
        env = json.load(f)
    sigs = [s for s in env.get("signatures") or [] if isinstance(s, dict)]
    if not sigs:
        msg = "UNSIGNED: the attestation has no signature; anyone who can write the directory can rewrite it"
        if public_key or require:
            rep.add("signature", False, msg + (" (--public-key given)" if public_key else " (--require-signature)"))
        else:
            rep.warn("signature", msg)
        return
    kids = ", ".join(str(s.get("keyid"))[:16] + "…" for s in sigs)
    if not public_key:
        msg = (f"signature not verified (no key): signed by keyid {kids}; file digests checked against the "
               "signed Statement, pass --public-key to check who signed it")
        if require:
            rep.add("signature", False, msg)
        else:
            rep.warn("signature", msg)
        return
    try:
        kid = verify_statement_signature(env, public_key)
        rep.add("signature", True, f"DSSE ed25519 signature by keyid {kid[:16]}… valid over the attestation")
    except SignatureError as e:
        rep.add("signature", False, str(e))


# ------------------------------------------------------------------------------------------ chain
def _check_chain(rep: VerifyReport, run_dir: str, m: dict[str, Any], mbytes: bytes) -> None:
    import hashlib

    prev_link = m.get("previous_manifest")
    depth, here, cur = 0, os.path.abspath(run_dir), m
    version_probs: list[str] = []
    request_probs: list[str] = []
    seen = {hashlib.sha256(mbytes).hexdigest()}
    while prev_link:
        p = prev_link["path"] if os.path.isabs(prev_link["path"]) else os.path.normpath(os.path.join(here, prev_link["path"]))
        if not os.path.exists(p):
            rep.add("chain:links", False, f"previous manifest {prev_link['path']} not found")
            return
        sha = file_sha256(p)
        if sha != prev_link["sha256"]:
            rep.add("chain:links", False, f"previous manifest {prev_link['path']} sha256 differs from the link")
            return
        if sha in seen:
            rep.add("chain:links", False, f"manifest chain loops at {p}")
            return
        seen.add(sha)
        with open(p, encoding="utf-8") as f:
            prev = json.load(f)
        if depth == 0:
            request_probs = _requests_kept(m, prev)
        c, pc = cur.get("chain"), prev.get("chain")
        if isinstance(c, dict) and isinstance(pc, dict) and (c.get("id"), c.get("version")) != (pc.get("id"), (pc.get("version") or 0) + 1):
            version_probs.append(f"v{c.get('version')} of chain {str(c.get('id'))[:8]} follows v{pc.get('version')} "
                                 f"of chain {str(pc.get('id'))[:8]}")
        depth += 1
        here, cur, prev_link = os.path.dirname(p), prev, prev.get("previous_manifest")
    rep.add("chain:links", True, f"{depth} previous version(s) linked by sha256" if depth
            else "first version (no previous manifest)")
    c = m.get("chain") or {}
    if not depth and c and c.get("version") != 1:
        version_probs.append(f"version {c.get('version')} has no previous manifest")
    rep.add("chain:version", not version_probs, f"version {chain_of(m)['version']} of chain {chain_of(m)['id'][:8]}…, "
            "numbers count up along the links" if not version_probs else "; ".join(version_probs[:3]))
    if depth:
        rep.add("chain:requests", not request_probs, "every takedown request of the previous version is kept unchanged"
                if not request_probs else "; ".join(request_probs[:3]))
    _check_index(rep, run_dir, m, hashlib.sha256(mbytes).hexdigest())


def _requests_kept(m: dict[str, Any], prev: dict[str, Any]) -> list[str]:
    mine = {r.get("id"): r for r in m.get("requests") or []}
    out = []
    for r in prev.get("requests") or []:
        cur = mine.get(r.get("id"))
        if cur is None:
            out.append(f"request {r.get('id')} of the previous version is gone")
            continue
        for k in ("date", "requester_type", "legal_ground", "request_sha256", "match", "applied_in_run"):
            if cur.get(k) != r.get(k):
                out.append(f"request {r.get('id')}: {k} changed from the previous version")
                break
    return out


def _check_index(rep: VerifyReport, run_dir: str, m: dict[str, Any], msha: str) -> None:
    """Rollback evidence from history.jsonl beside the run: is this the manifest attested for this directory,
    and is it the newest version of its chain?"""
    path = history_path(run_dir)
    entries, bad = read_history(path)
    if not entries:
        rep.warn("chain:index", f"no {os.path.basename(path)} beside the run: cannot tell whether a newer version "
                 "exists or this directory was replaced (keep the index, or anchor attestations externally)")
        return
    ch = chain_of(m)
    name = os.path.basename(os.path.abspath(run_dir))
    mine = [e for e in entries if e.get("dir") == name]
    if not mine:
        rep.warn("chain:index", f"{os.path.basename(path)} has no entry for directory {name!r} (moved or renamed?)")
    else:
        last = mine[-1]
        ok = last.get("manifest_sha256") == msha
        rep.add("chain:index", ok and not bad, f"{name} holds the manifest last attested for it (v{last.get('version')})"
                if ok and not bad else (f"{bad} unreadable line(s) in {os.path.basename(path)}" if ok else
                f"{name} holds manifest {msha[:12]}… (v{ch['version']}), but {os.path.basename(path)} last attested "
                f"{str(last.get('manifest_sha256'))[:12]}… (v{last.get('version')}) for it: replaced or rolled back"))
    same = [e for e in entries if e.get("chain_id") == ch["id"]]
    newest = max((e["version"] for e in same), default=ch["version"])
    if newest > ch["version"]:
        e = next(e for e in reversed(same) if e["version"] == newest)
        rep.warn("chain:newest", f"NOT the newest version: this is v{ch['version']}, v{newest} of the chain exists in "
                 f"{e.get('dir')!r} (manifest {str(e.get('manifest_sha256'))[:12]}…); takedowns may be missing here")
    else:
        rep.add("chain:newest", True, f"v{ch['version']} is the newest version of its chain in the index")
