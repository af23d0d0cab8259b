"""`corpusgov forget`: apply a takedown request and write a new, verifiable version of a run.

Why: a person may ask for their personal information to be deleted (Art. 11 of the Interim Measures, PIPL
Art. 47), a rights holder may complain about a work (Art. 15), a licence may be withdrawn. The request names
what must go (record ids, content, a source, an origin pattern, a personal identifier matched only by its
keyed hash); every affected record and its exact and near-duplicate copies leave the corpus; the new run
directory's manifest links the previous manifest by sha256 and records the request, how records were matched
and which were removed - never an identifier value. Driver-side pyarrow only (a shard is bounded in size):
only the shards holding affected records are rewritten, the others are copied.

Semantics: forget never adds records back (a copy that was dropped as a duplicate of a removed record stays
dropped); re-running a request already in the chain that finds nothing new is a no-op (no new version).
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import logging
import os
import re
import shutil
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Literal

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from corpusgov.errors import EXIT_FAILED, EXIT_USAGE, CliError
from corpusgov.lifecycle import ChainError, chain, key_id, link_to, read_manifest

log = logging.getLogger("corpusgov")

TABLE_KINDS = ("corpus", "decisions", "pii", "signatures")  # tables a takedown rewrites
REQUESTER_TYPES = ("data_subject", "rights_holder", "licensor", "regulator", "internal", "other")
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\-]{0,63}$")


class ForgetError(CliError):
    """A takedown could not be applied; one line naming the file and field or the run."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message, code)


# --------------------------------------------------------------------------------------------- request
class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Identifier(_Strict):
    """A personal identifier: its value (hashed with the run's key, never stored) or the keyed hash itself."""

    type: str | None = None  # entity type (e.g. EMAIL_ADDRESS) to restrict the match; any type if unset
    value: str | None = None
    value_hash: str | None = None

    @model_validator(mode="after")
    def _one(self) -> Identifier:
        if (self.value is None) == (self.value_hash is None):
            raise ValueError("give exactly one of value or value_hash")
        if self.value is not None and not self.value.strip():
            raise ValueError("value is empty")
        if self.value_hash is not None and not re.fullmatch(r"[0-9a-f]{64}", self.value_hash):
            raise ValueError("value_hash must be 64 lowercase hex characters")
        return self


class Match(_Strict):
    record_ids: list[str] = Field(default_factory=list)
    content: list[str] = Field(default_factory=list)  # exact texts
    content_files: list[str] = Field(default_factory=list)  # UTF-8 files, relative to the request file
    source_ids: list[str] = Field(default_factory=list)
    # Glob (fnmatch) patterns against the record URL, origin key and origin URI; prefix "re:" for a regex.
    origins: list[str] = Field(default_factory=list)
    identifiers: list[Identifier] = Field(default_factory=list)
    # Also remove exact and near-duplicate copies (duplicate clusters + MinHash LSH over stored signatures).
    near_duplicates: bool = True

    @field_validator("record_ids")
    @classmethod
    def _ids(cls, v: list[str]) -> list[str]:
        for x in v:
            if not re.fullmatch(r"[0-9a-f]{32}", x):
                raise ValueError(f"{x!r} is not a record id (32 lowercase hex characters)")
        return v

    @field_validator("origins")
    @classmethod
    def _patterns(cls, v: list[str]) -> list[str]:
        for x in v:
            if x.startswith("re:"):
                try:
                    re.compile(x[3:])
                except re.error as e:
                    raise ValueError(f"invalid regex {x[3:]!r}: {e}") from None
        return v

    @model_validator(mode="after")
    def _some(self) -> Match:
        if not (self.record_ids or self.content or self.content_files or self.source_ids or self.origins
                or self.identifiers):
            raise ValueError("names nothing to remove (record_ids, content, content_files, source_ids, "
                             "origins or identifiers)")
        return self


class TakedownRequest(_Strict):
    version: Literal[1] = 1
    id: str
    date: date
    requester_type: Literal["data_subject", "rights_holder", "licensor", "regulator", "internal", "other"]
    legal_ground: str = Field(min_length=1)
    description: str | None = None
    match: Match

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        if not _ID_RE.match(v):
            raise ValueError("must be letters, digits, '.', '_' or '-', at most 64 characters")
        return v


@dataclass
class LoadedRequest:
    request: TakedownRequest
    path: str
    sha256: str
    contents: list[str]  # texts named inline and by file (in memory only)


def load_request(path: str) -> LoadedRequest:
    """Validate a request YAML; errors are one line naming the file and the field."""
    from corpusgov.config import ConfigError, _describe, _read_yaml

    try:
        data = _read_yaml(path)
    except ConfigError as e:
        raise ForgetError(str(e)) from None
    if not isinstance(data, dict):
        raise ForgetError(f"{path}: top level must be a mapping")
    try:
        req = TakedownRequest.model_validate(data)
    except ValidationError as err:
        raise ForgetError(_describe(path, data, err, "request")) from None
    contents = list(req.match.content)
    base = os.path.dirname(os.path.abspath(path))
    for i, f in enumerate(req.match.content_files):
        p = f if os.path.isabs(f) else os.path.join(base, f)
        try:
            with open(p, encoding="utf-8") as fh:
                contents.append(fh.read())
        except (OSError, UnicodeDecodeError) as e:
            raise ForgetError(f"{path}: field 'match.content_files.{i}': cannot read {f}: {type(e).__name__}") from None
    with open(path, "rb") as f:
        sha = hashlib.sha256(f.read()).hexdigest()
    return LoadedRequest(req, path, sha, contents)


# ------------------------------------------------------------------------------------------ matchers
@dataclass
class Matchers:
    """What a request resolves to; everything but `contents`/`values` is stored in the manifest so later
    versions (incremental runs) can apply the request again."""

    record_ids: set[str] = field(default_factory=set)
    content_sha256: set[str] = field(default_factory=set)
    source_ids: set[str] = field(default_factory=set)
    origins: list[str] = field(default_factory=list)
    identifier_hashes: set[tuple[str | None, str]] = field(default_factory=set)
    near_duplicates: bool = True
    key_id: str | None = None
    contents: list[str] = field(default_factory=list)  # never stored
    values: list[tuple[str | None, str]] = field(default_factory=list)  # never stored

    def stored(self) -> dict[str, Any]:
        return {
            "record_ids": sorted(self.record_ids), "content_sha256": sorted(self.content_sha256),
            "source_ids": sorted(self.source_ids), "origins": list(self.origins),
            "identifier_hashes": [{"type": t, "value_hash": h} for t, h in sorted(self.identifier_hashes,
                                                                                   key=lambda x: (x[0] or "", x[1]))],
            "key_id": self.key_id, "near_duplicates": self.near_duplicates,
        }

    @classmethod
    def from_stored(cls, d: dict[str, Any], seeds: list[str]) -> Matchers:
        return cls(record_ids=set(d.get("record_ids") or []) | set(seeds),
                   content_sha256=set(d.get("content_sha256") or []), source_ids=set(d.get("source_ids") or []),
                   origins=list(d.get("origins") or []),
                   identifier_hashes={(x.get("type"), x["value_hash"]) for x in d.get("identifier_hashes") or []},
                   near_duplicates=bool(d.get("near_duplicates", True)), key_id=d.get("key_id"))


def env_key() -> bytes | None:
    k = os.environ.get("CORPUSGOV_PII_HASH_KEY", "")
    return k.encode() if k else None


def check_key(manifest: dict[str, Any], run_dir: str) -> bytes:
    """The PI hash key, checked to be the one the run used (identifiers are matched by keyed hash)."""
    pii = manifest.get("pii") or {}
    want = pii.get("key_id")
    if not want:
        raise ForgetError(f"{run_dir}: the manifest records no PI hash key id; identifier takedowns need a run "
                          "made with CORPUSGOV_PII_HASH_KEY set")
    key = env_key()
    if key is None:
        raise ForgetError(f"set CORPUSGOV_PII_HASH_KEY to the key run {manifest['run']['run_id']} used "
                          f"(key id {want}) to match identifiers")
    if key_id(key) != want:
        raise ForgetError(f"CORPUSGOV_PII_HASH_KEY is not the key run {manifest['run']['run_id']} used "
                          f"(key id {key_id(key)} != {want}); identifiers would never match")
    return key


def matchers_for(lr: LoadedRequest, manifest: dict[str, Any], run_dir: str) -> Matchers:
    from corpusgov.lineage.hashing import content_sha256
    from corpusgov.quality.pii.scanner import keyed_hash

    m = lr.request.match
    out = Matchers(record_ids=set(m.record_ids), content_sha256={content_sha256(t) for t in lr.contents},
                   source_ids=set(m.source_ids), origins=list(m.origins), near_duplicates=m.near_duplicates,
                   contents=list(lr.contents))
    if m.identifiers:
        key = check_key(manifest, run_dir)
        out.key_id = key_id(key)
        for ident in m.identifiers:
            if ident.value_hash is not None:
                out.identifier_hashes.add((ident.type, ident.value_hash))
                continue
            v = ident.value or ""
            for variant in {v, v.strip(), v.strip().lower() if "@" in v else v.strip()}:
                out.identifier_hashes.add((ident.type, keyed_hash(variant, key)))
            out.values.append((ident.type, v.strip()))
    return out


# ------------------------------------------------------------------------------------------ resolving
def _files(manifest: dict[str, Any], kind: str) -> list[str]:
    return [f["path"] for f in manifest["outputs"]["files"] if f["kind"] == kind]


def _read(run_dir: str, rel: list[str], cols: list[str]) -> pa.Table | None:
    tables = [pq.read_table(os.path.join(run_dir, p), columns=cols) for p in rel]
    return pa.concat_tables(tables) if tables else None


def _value_regex(value: str) -> re.Pattern[str]:
    """A literal search for an identifier in text; digit strings also match with spaces/hyphens between digits."""
    digits = re.sub(r"\D", "", value)
    if digits and re.fullmatch(r"[\d\s\-+()]+", value) and len(digits) >= 5:
        return re.compile(r"(?<!\d)" + r"[\s\-]?".join(digits) + r"(?!\d)")
    return re.compile(re.escape(value), re.IGNORECASE)


@dataclass
class Resolution:
    affected: list[str]  # sorted record ids
    matched_by: dict[str, int]
    removed: list[str]  # affected records that were in the corpus


def resolve(run_dir: str, manifest: dict[str, Any], mt: Matchers) -> Resolution:
    """Every record the matchers name in this run, expanded through exact/near duplicates when asked."""
    dec = _read(run_dir, _files(manifest, "decisions"),
                ["record_id", "source_id", "origin_key", "origin_uri", "content_sha256", "decision", "dup_cluster"])
    if dec is None:
        return Resolution([], {}, [])
    rows = dec.to_pydict()
    ids = rows["record_id"]
    n = len(ids)
    by: dict[str, set[str]] = defaultdict(set)
    known = set(ids)
    by["record_id"] = mt.record_ids & known
    for i in range(n):
        if rows["content_sha256"][i] in mt.content_sha256:
            by["content_exact"].add(ids[i])
        if rows["source_id"][i] in mt.source_ids:
            by["source"].add(ids[i])
    if mt.origins:
        pats = [(re.compile(p[3:]) if p.startswith("re:") else None, p) for p in mt.origins]

        def hit(v: str | None) -> bool:
            return bool(v) and any((rx.search(v) if rx else fnmatch.fnmatchcase(v, p)) for rx, p in pats)

        for i in range(n):
            if hit(rows["origin_key"][i]) or hit(rows["origin_uri"][i]):
                by["origin"].add(ids[i])
        corp = _read(run_dir, _files(manifest, "corpus"), ["record_id", "url"])
        if corp is not None:
            for rid, url in zip(corp.column("record_id").to_pylist(), corp.column("url").to_pylist(), strict=True):
                if hit(url):
                    by["origin"].add(rid)
    if mt.identifier_hashes:
        pii = _read(run_dir, _files(manifest, "pii"), ["record_id", "entity_type", "value_hash"])
        if pii is not None:
            any_type = {h for t, h in mt.identifier_hashes if t is None}
            typed = {(t, h) for t, h in mt.identifier_hashes if t is not None}
            for rid, et, vh in zip(*(pii.column(c).to_pylist() for c in ("record_id", "entity_type", "value_hash")),
                                   strict=True):
                if vh in any_type or (et, vh) in typed:
                    by["identifier"].add(rid)
    if mt.values:
        # The scanner may have missed an occurrence: also search the corpus text (in memory only).
        rxs = [_value_regex(v) for _, v in mt.values]
        for rel in _files(manifest, "corpus"):
            t = pq.read_table(os.path.join(run_dir, rel), columns=["record_id", "text"])
            for rid, text in zip(t.column("record_id").to_pylist(), t.column("text").to_pylist(), strict=True):
                if any(rx.search(text) for rx in rxs):
                    by["identifier_text"].add(rid)
    seeds: set[str] = set().union(*by.values()) if by else set()
    if mt.near_duplicates:
        near = _near_matches(run_dir, manifest, seeds, mt.contents)
        by["content_near"] = near["content"] - seeds
        by["near_copy"] = near["records"] - seeds
        seeds |= near["content"] | near["records"]
        sha_of = dict(zip(ids, rows["content_sha256"], strict=True))
        shas = {sha_of[r] for r in seeds if r in sha_of}
        exact = {ids[i] for i in range(n) if rows["content_sha256"][i] in shas} - seeds
        by["exact_copy"] = exact
        seeds |= exact
        clusters = {rows["dup_cluster"][i] for i in range(n) if ids[i] in seeds and rows["dup_cluster"][i]}
        members = {ids[i] for i in range(n) if rows["dup_cluster"][i] in clusters} - seeds
        by["duplicate_cluster"] = members
        seeds |= members
    kept = {ids[i] for i in range(n) if rows["decision"][i] == "keep"}
    return Resolution(sorted(seeds), {k: len(v) for k, v in sorted(by.items()) if v}, sorted(seeds & kept))


def _near_matches(run_dir: str, manifest: dict[str, Any], seeds: set[str], contents: list[str]) -> dict[str, set[str]]:
    """Records whose stored MinHash signature is within the dedup threshold of a seed record or a given text
    (LSH band lookup, then the Jaccard estimate), so copies outside a duplicate cluster are found too."""
    from corpusgov.config import Policy
    from corpusgov.quality.minhash import MinHasher, bytes_to_signature, estimate_jaccard

    pol = Policy.model_validate(manifest["config"]["policy"]).dedup
    out: dict[str, set[str]] = {"content": set(), "records": set()}
    sig_files = _files(manifest, "signatures")
    if not pol.enabled or not sig_files or not (seeds or contents):
        return out
    hasher = MinHasher(pol)
    queries: list[tuple[str, np.ndarray]] = [("content", s) for s in hasher.signatures(contents)] if contents else []
    for rel in sig_files:
        t = pq.read_table(os.path.join(run_dir, rel), columns=["record_id", "signature"])
        for rid, blob in zip(t.column("record_id").to_pylist(), t.column("signature").to_pylist(), strict=True):
            if rid in seeds:
                queries.append(("records", bytes_to_signature(blob)))
    index: dict[bytes, list[int]] = defaultdict(list)
    for qi, (_, q) in enumerate(queries):
        for k in hasher.band_keys(q):
            index[k].append(qi)
    if not index:
        return out
    for rel in sig_files:
        t = pq.read_table(os.path.join(run_dir, rel), columns=["record_id", "signature"])
        for rid, blob in zip(t.column("record_id").to_pylist(), t.column("signature").to_pylist(), strict=True):
            sig = bytes_to_signature(blob)
            cands = {qi for k in hasher.band_keys(sig) for qi in index.get(k, ())}
            for qi in cands:
                kind, q = queries[qi]
                if estimate_jaccard(q, sig) >= pol.threshold:
                    out[kind].add(rid)
    return out


# ------------------------------------------------------------------------------------------ applying
@dataclass
class Applied:
    request_id: str
    resolution: Resolution


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _sha_file(path: str) -> str:
    from corpusgov.lineage.hashing import file_sha256

    return file_sha256(path)


def _write_parquet(table: pa.Table, path: str, compression: str) -> None:
    tmp = path + ".tmp"
    pq.write_table(table, tmp, compression=None if compression == "none" else compression, row_group_size=65536)
    os.replace(tmp, path)


def apply_takedowns(src_dir: str, dst_dir: str, manifest: dict[str, Any], applied: list[Applied]) -> dict[str, Any]:
    """Write the tables of `dst_dir` (may equal `src_dir`) without the affected records and return the manifest
    patched for them (counts, scale, steps, outputs, Merkle roots, gates). Caller sets run/previous/requests.

    A record newly removed from the corpus gets decision "drop", stage "takedown" and `takedown:<id>` as its
    first reason; an affected record that was already dropped keeps its reasons plus `takedown:<id>`. Its PI
    findings (keyed hashes included) and MinHash signature are deleted.
    """
    from corpusgov.config import Policy
    from corpusgov.lineage.merkle import corpus_root, shard_root_from_parquet

    policy = Policy.model_validate(manifest["config"]["policy"])
    comp = policy.output.compression
    by_rec: dict[str, list[str]] = defaultdict(list)
    for a in applied:
        for rid in a.resolution.affected:
            if a.request_id not in by_rec[rid]:
                by_rec[rid].append(a.request_id)
    same = os.path.abspath(src_dir) == os.path.abspath(dst_dir)
    rows_of: dict[str, int | None] = {}
    roots: dict[str, str] = {}
    removed_dec: dict[str, dict[str, Any]] = {}
    removed_text: dict[str, str] = {}
    gone: set[str] = set()
    for f in manifest["outputs"]["files"]:
        rel, kind = f["path"], f["kind"]
        src, dst = os.path.join(src_dir, rel), os.path.join(dst_dir, rel)
        if kind == "expectations" and policy.expectations.enabled:
            continue  # re-run below on the new decisions
        if kind in TABLE_KINDS:
            t = pq.read_table(src)
            rids = t.column("record_id").to_pylist()
            hit = [i for i, r in enumerate(rids) if r in by_rec]
            if hit:
                t = _rewrite(kind, t, rids, by_rec, removed_dec, removed_text)
                os.makedirs(os.path.dirname(dst), exist_ok=True)
                if t.num_rows == 0:
                    gone.add(rel)
                    if os.path.exists(dst):
                        os.remove(dst)
                    continue
                _write_parquet(t, dst, comp)
                rows_of[rel] = t.num_rows
                if kind == "corpus":
                    roots[rel] = shard_root_from_parquet(dst)[0]
                continue
        if not same:
            os.makedirs(os.path.dirname(dst) or dst_dir, exist_ok=True)
            shutil.copyfile(src, dst)
    m = json.loads(json.dumps(manifest))
    _adjust_counts(m, removed_dec, removed_text)
    files = []
    for f in m["outputs"]["files"]:
        if f["path"] in gone or (f["kind"] == "expectations" and policy.expectations.enabled):
            continue
        p = os.path.join(dst_dir, f["path"])
        g = dict(f, sha256=_sha_file(p), bytes=os.path.getsize(p))
        if f["path"] in rows_of:
            g["rows"] = rows_of[f["path"]]
        if f["path"] in roots:
            g["merkle_root"] = roots[f["path"]]
        files.append(g)
    shards = [{"path": f["path"], "root": f["merkle_root"], "leaves": f["rows"]} for f in files if f["kind"] == "corpus"]
    m["outputs"]["files"] = files
    m["outputs"]["merkle"].update(shards=shards, corpus_root=corpus_root([s["root"] for s in shards]),
                                  leaves=sum(s["leaves"] or 0 for s in shards))
    return m


def _rewrite(kind: str, t: pa.Table, rids: list[str], by_rec: dict[str, list[str]],
             removed_dec: dict[str, dict[str, Any]], removed_text: dict[str, str]) -> pa.Table:
    keep_mask = [r not in by_rec for r in rids]
    if kind == "corpus":
        texts = t.column("text").to_pylist()
        for i, r in enumerate(rids):
            if r in by_rec:
                removed_text[r] = texts[i]
        return t.filter(pa.array(keep_mask))
    if kind in ("pii", "signatures"):
        return t.filter(pa.array(keep_mask))
    rows = t.to_pylist()
    for row in rows:
        reqs = by_rec.get(row["record_id"])
        if not reqs:
            continue
        tags = [f"takedown:{r}" for r in reqs]
        if row["decision"] == "keep":
            removed_dec[row["record_id"]] = {**row, "_request": reqs[0]}
            row.update(decision="drop", stage="takedown", masked=False,
                       reasons=tags + [x for x in row["reasons"] or [] if x not in tags])
        else:
            row["reasons"] = list(row["reasons"] or []) + [x for x in tags if x not in (row["reasons"] or [])]
    return pa.Table.from_pylist(rows, schema=t.schema)


def _dec(d: dict[str, int], k: str, v: int = 1) -> None:
    d[k] = d.get(k, 0) - v
    if d[k] <= 0:
        d.pop(k)


def _adjust_counts(m: dict[str, Any], removed_dec: dict[str, dict[str, Any]], removed_text: dict[str, str]) -> None:
    """Move newly removed records from kept to dropped in every count the manifest keeps of the corpus."""
    from corpusgov.pipelines.governance import estimate_tokens

    src = {s["id"]: s for s in m["sources"]}
    scale = m["scale"]
    typ = m["type"]
    step_reasons: Counter[str] = Counter()
    for rid, d in sorted(removed_dec.items()):
        s = src[d["source_id"]]
        c = s["counts"]
        reason = f"takedown:{d['_request']}"
        c["kept"] -= 1
        c["dropped"] += 1
        c["dropped_by_reason"][reason] = c["dropped_by_reason"].get(reason, 0) + 1
        c["dropped_by_reason"] = dict(sorted(c["dropped_by_reason"].items()))
        for r in d["reasons"] or []:
            if r in c["flagged_by_reason"]:
                _dec(c["flagged_by_reason"], r)
        step_reasons[reason] += 1
        lang = d["lang"] or "und"
        # est_tokens was measured on the original text; the corpus holds the masked one (close, not exact).
        tokens = estimate_tokens(removed_text.get(rid, ""))
        delta = {"records": 1, "chars": d["text_chars"], "bytes": d["text_bytes"], "est_tokens": tokens}
        for sc in (s["scale"], scale["by_language"].get(lang), scale["by_modality"].get("text")):
            if sc is not None:
                for k, v in delta.items():
                    sc[k] = max(0, sc[k] - v)
        scale["by_source"][s["id"]] = dict(s["scale"])
        if lang in typ.get("languages", {}):
            typ["languages"][lang] -= 1
        for sect, key in (("domains", s["domain"]), ("acquisition_types", s["acquisition"])):
            if key in typ.get(sect, {}):
                typ[sect][key] -= 1
    scale["by_language"] = {k: v for k, v in scale["by_language"].items() if v["records"] > 0}
    typ["languages"] = {k: v for k, v in typ.get("languages", {}).items() if v > 0}
    tot = m["totals"]
    for k in ("read", "kept", "dropped", "deadlettered"):
        tot[k] = sum(s["counts"][k] for s in m["sources"])
    for k in ("dropped_by_reason", "flagged_by_reason", "deadlettered_by_reason"):
        agg: Counter[str] = Counter()
        for s in m["sources"]:
            agg.update(s["counts"].get(k) or {})
        tot[k] = dict(sorted((r, v) for r, v in agg.items() if v))
    if step_reasons:
        steps = [st for st in m["steps"] if st["name"] != "takedown"]
        prev = next((st for st in m["steps"] if st["name"] == "takedown"), None)
        before = prev["records_in"] if prev else (steps[-1]["records_out"] if steps else tot["kept"])
        reasons = Counter(prev["dropped_by_reason"]) if prev else Counter()
        reasons.update(step_reasons)
        steps.append({"name": "takedown", "params": {"requests": sorted({r.split(":", 1)[1] for r in reasons})},
                      "records_in": before, "records_out": tot["kept"], "dropped_by_reason": dict(sorted(reasons.items()))})
        m["steps"] = steps


def _finish(m: dict[str, Any], out_dir: str, run_id: str, started: str) -> dict[str, Any]:
    """Expectations on the new decisions (if enabled), metrics.json patched, gates, schema check, write."""
    from corpusgov.config import Policy
    from corpusgov.gates import evaluate_gates
    from corpusgov.manifest import validate_manifest
    from corpusgov.metrics import _entropy, validate_metrics
    from corpusgov.run import write_json_atomic

    policy = Policy.model_validate(m["config"]["policy"])
    expectations = None
    if policy.expectations.enabled and policy.expectations.suite:
        from corpusgov.quality.expectations import language_value_set, run_expectations

        shutil.rmtree(os.path.join(out_dir, "expectations"), ignore_errors=True)
        dec = [os.path.join(out_dir, f["path"]) for f in m["outputs"]["files"] if f["kind"] == "decisions"]
        expectations = run_expectations(
            dec, {"records": m["totals"]["kept"]}, policy.expectations, out_dir,
            parameters={"allowed_languages": language_value_set(policy.language.allowed)},
            run_name=run_id, run_time=datetime.fromisoformat(started.replace("Z", "+00:00")),
        )
        for k in ("results_path", "data_docs_index"):
            if expectations.get(k):
                expectations[k] = os.path.relpath(expectations[k], out_dir)
    mpath = os.path.join(out_dir, "metrics.json")
    if os.path.exists(mpath):
        with open(mpath, encoding="utf-8") as f:
            metrics = json.load(f)
        metrics["run_id"] = run_id
        dist = m["type"]["languages"]
        metrics["language"].update(distribution=dist, entropy=_entropy(dist))
        if expectations is not None:
            metrics["expectations"] = {k: v for k, v in expectations.items() if k != "data"}
        errors = validate_metrics(metrics)
        if errors:
            raise ForgetError(f"metrics.json failed its schema: {errors[0]}", EXIT_FAILED)
        write_json_atomic(mpath, metrics)
        for f in m["outputs"]["files"]:
            if f["path"] == "metrics.json":
                f.update(sha256=_sha_file(mpath), bytes=os.path.getsize(mpath))
    exp_dir = os.path.join(out_dir, "expectations")
    if expectations is not None and os.path.isdir(exp_dir):
        for root, _, names in sorted(os.walk(exp_dir)):
            for n in sorted(names):
                p = os.path.join(root, n)
                m["outputs"]["files"].append({"path": os.path.relpath(p, out_dir), "sha256": _sha_file(p),
                                              "bytes": os.path.getsize(p), "rows": None, "kind": "expectations",
                                              "merkle_root": None})
    old = {g["name"]: g for g in m["gates"]}
    gates = evaluate_gates(m, expectations)
    if expectations is None:  # expectation gates of the previous version, not re-run: keep them as they were
        names = {g["name"] for g in gates}
        gates += [g for n, g in old.items() if n.startswith("expectation:") and n not in names]
    m["gates"] = gates
    m["run"]["finished_at"] = _now()
    errors = validate_manifest(m)
    if errors:
        raise ForgetError(f"manifest failed its schema: {errors[0]}", EXIT_FAILED)
    write_json_atomic(os.path.join(out_dir, "manifest.json"), m)
    return m


NOT_RECOMPUTED = ("diversity (sketches cannot subtract records; figures are those of the run that measured "
                  "them)", "dedup and PI/copyright finding counts (they describe what was read)")


def request_entry(lr: LoadedRequest, mt: Matchers, res: Resolution, run_id: str) -> dict[str, Any]:
    r = lr.request
    entry: dict[str, Any] = {
        "id": r.id, "date": r.date.isoformat(), "requester_type": r.requester_type, "legal_ground": r.legal_ground,
        "request_sha256": lr.sha256, "applied_in_run": run_id, "applied_at": _now(),
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
    from corpusgov.run import RunError, prepare_out_dir

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
    started = _now()
    out_abs = os.path.abspath(out)
    applied = [Applied(rid, res)]
    m = apply_takedowns(run_dir, out_abs, manifest, applied)
    _copy_extras(run_dir, out_abs, manifest)
    from corpusgov.manifest import code_info

    m["run"] = {**m["run"], "run_id": run_id, "command": "forget", "started_at": started, "finished_at": started,
                "status": "complete"}
    m["run"].pop("pipeline_seconds", None)
    m["code"] = code_info()
    m["runner"] = {"name": "driver", "options": {}}
    m["previous_manifest"] = link_to(run_dir, out_abs)
    from corpusgov.manifest import next_chain

    m["chain"] = next_chain(m["previous_manifest"], out_abs, run_id)
    m.pop("incremental", None)
    if m.get("acceptance"):
        m["acceptance"] = None  # the previous sample may hold removed records: draw and accept a new one
    m["requests"] = [*(manifest.get("requests") or []), request_entry(lr, mt, res, run_id)]
    m = _finish(m, out_abs, run_id, started)
    if render:
        from corpusgov.render import render_all

        render_all(out_abs, m)
    from corpusgov.run import _status

    _status(out_abs, "complete", run_id=run_id, started_at=started, finished_at=m["run"]["finished_at"])
    from corpusgov.attest import reattest

    reattest(out_abs, reason="forget")  # signed with the configured key, or a loud UNSIGNED warning
    _, sha = read_manifest(out_abs)
    summary.update(status="applied", out=out_abs, run_id=run_id, manifest_sha256=sha,
                   previous_manifest_sha256=versions[0][2], corpus_root=m["outputs"]["merkle"]["corpus_root"],
                   kept=m["totals"]["kept"])
    return summary


def _copy_extras(src: str, dst: str, manifest: dict[str, Any]) -> None:
    """Files of the previous version that are neither tables, listed outputs, renderings nor acceptance."""
    listed = {f["path"].split("/", 1)[0] for f in manifest["outputs"]["files"]}
    skip = {"manifest.json", "_status.json", "_FAILED", "manifest.dsse.json", "attestation.dsse.json", "acceptance",
            "_work", "expectations", "croissant.json", "openlineage.jsonl", "dashboard.html", *TABLE_KINDS, "copyright", "deadletter"}
    for n in sorted(os.listdir(src)):
        if n in skip or n in listed or n.startswith("report"):
            continue
        s, d = os.path.join(src, n), os.path.join(dst, n)
        if os.path.isdir(s):
            shutil.copytree(s, d, dirs_exist_ok=True)
        else:
            shutil.copyfile(s, d)
