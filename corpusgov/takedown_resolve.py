"""Resolving a takedown: every record of a run that the request's matchers name, and its copies.

Why a module of its own: resolution only reads a run's tables (decisions, corpus, pii, signatures), driver
side with pyarrow; it is shared by `forget` and by incremental runs re-applying the requests of their base
chain. Exact copies are found by content hash and duplicate cluster, near copies by MinHash LSH over the
stored signatures, identifiers by keyed hash (and, when the value is given, a literal search of the text).
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from corpusgov.takedown_request import Matchers


def output_paths(manifest: dict[str, Any], kind: str) -> list[str]:
    """Paths (relative to the run) of the manifest's output files of `kind`."""
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
    dec = _read(run_dir, output_paths(manifest, "decisions"),
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
            if not v:
                return False
            return any((rx.search(v) if rx else fnmatch.fnmatchcase(v, p)) for rx, p in pats)

        for i in range(n):
            if hit(rows["origin_key"][i]) or hit(rows["origin_uri"][i]):
                by["origin"].add(ids[i])
        corp = _read(run_dir, output_paths(manifest, "corpus"), ["record_id", "url"])
        if corp is not None:
            for rid, url in zip(corp.column("record_id").to_pylist(), corp.column("url").to_pylist(), strict=True):
                if hit(url):
                    by["origin"].add(rid)
    if mt.identifier_hashes:
        pii = _read(run_dir, output_paths(manifest, "pii"), ["record_id", "entity_type", "value_hash"])
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
        for rel in output_paths(manifest, "corpus"):
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
    sig_files = output_paths(manifest, "signatures")
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
