"""`corpusgov trace`: everything the run knows about one record, with a Merkle inclusion proof.

Reads only the shard that holds the record (shards are chosen by record id), plus a filtered scan for the
members of its duplicate cluster. Personal information appears only as entity type, offsets and keyed hash;
the snippet comes from the masked corpus text.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import unicodedata
from typing import Any

import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from corpusgov.lineage.hashing import content_sha256, shard_of
from corpusgov.lineage.merkle import corpus_root, inclusion_proof, record_leaf, verify_inclusion


class TraceNotFound(Exception):
    pass


def _shard_file(run_dir: str, kind: str, rid: str) -> str | None:
    files = sorted(glob.glob(os.path.join(run_dir, kind, "part-*-of-*.parquet")))
    if not files:
        return None
    n = int(os.path.basename(files[0]).split("-of-")[1].split(".")[0])
    want = os.path.join(run_dir, kind, f"part-{shard_of(rid, n):05d}-of-{n:05d}.parquet")
    return want if os.path.exists(want) else None


def _rows(path: str | None, rid: str) -> list[dict[str, Any]]:
    if path is None:
        return []
    t = pq.read_table(path, filters=[("record_id", "=", rid)])
    return t.to_pylist()


def _find_ids_by_text(run_dir: str, text: str) -> tuple[list[str], str | None]:
    """Record ids whose content is `text`: first as read (content hash in decisions/), then as stored.

    The corpus keeps personal information masked (`<CN_MOBILE>` …), so a text copied from `corpus/` never
    matches the hash of the original; it is looked up in the corpus text column instead (exact, and NFC).
    """
    h = content_sha256(text)
    d = ds.dataset(os.path.join(run_dir, "decisions"), format="parquet")
    t = d.to_table(columns=["record_id"], filter=pc.field("content_sha256") == h)
    ids = sorted(t.column("record_id").to_pylist())
    if ids:
        return ids, "content_sha256 of the text as read (decisions/)"
    corpus = os.path.join(run_dir, "corpus")
    if not glob.glob(os.path.join(corpus, "*.parquet")):
        return [], None
    variants = sorted({text, unicodedata.normalize("NFC", text)})
    c = ds.dataset(corpus, format="parquet")
    t = c.to_table(columns=["record_id"], filter=pc.field("text").isin(variants))
    ids = sorted(t.column("record_id").to_pylist())
    return ids, ("stored text (corpus/, personal information masked)" if ids else None)


def trace_record(run_dir: str, record_id: str | None = None, text: str | None = None) -> dict[str, Any]:
    with open(os.path.join(run_dir, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    if text is not None:
        ids, matched_on = _find_ids_by_text(run_dir, text)
        if not ids:
            raise TraceNotFound("no record with that exact content (neither the content hash of the text as read "
                                "in decisions/ nor the stored, masked text in corpus/)")
        out = trace_record(run_dir, record_id=ids[0])
        out["matched_on"] = matched_on
        out["records_with_same_content"] = ids
        return out
    assert record_id is not None
    dec = _rows(_shard_file(run_dir, "decisions", record_id), record_id)
    if not dec:
        raise TraceNotFound(f"record {record_id} is not in {run_dir}/decisions")
    row = dec[0]
    src: dict[str, Any] = next((s for s in manifest["sources"] if s["id"] == row["source_id"]), {})
    quality = {k[2:]: v for k, v in row.items() if k.startswith("q_")}
    result: dict[str, Any] = {
        "record_id": record_id,
        "source": {k: src.get(k) for k in ("id", "title", "acquisition", "licence", "pi_legal_basis", "status",
                                             "rejection_reasons")},
        "origin": {"uri": row["origin_key"], "index": row["origin_index"], "file_sha256": row["file_sha256"],
                   "source_record_id": row["source_record_id"]},
        "content_sha256": row["content_sha256"],
        "decision": row["decision"],
        "stage": row["stage"],
        "reasons": row["reasons"],
        "language": {"lang": row["lang"], "score": row["lang_score"]},
        "quality_signals": quality,
        "duplicates": None,
        "pii": [
            {k: r[k] for k in ("entity_type", "start", "end", "score", "recognizer", "action", "value_hash")}
            for r in _rows(_shard_file(run_dir, "pii", record_id), record_id)
        ],
        "copyright": [
            {k: r[k] for k in ("marker_class", "start", "end", "licence", "restrictive", "action")}
            for r in _rows(_shard_file(run_dir, "copyright", record_id), record_id)
        ],
        "inclusion_proof": None,
    }
    if row.get("dup_cluster"):
        d = ds.dataset(os.path.join(run_dir, "decisions"), format="parquet")
        t = d.to_table(columns=["record_id", "decision", "dup_of"], filter=pc.field("dup_cluster") == row["dup_cluster"])
        result["duplicates"] = {
            "cluster": row["dup_cluster"], "duplicate_of": row["dup_of"], "kind": row["dup_kind"],
            "members": sorted(t.to_pylist(), key=lambda r: r["record_id"]),
        }
    if row["decision"] == "keep":
        result["inclusion_proof"] = _proof(run_dir, manifest, record_id)
        crow = _rows(_shard_file(run_dir, "corpus", record_id), record_id)
        if crow:
            text_out = crow[0]["text"]
            result["snippet"] = text_out[:160] + ("…" if len(text_out) > 160 else "")
            result["masked"] = crow[0]["masked"]
    return result


def _proof(run_dir: str, manifest: dict[str, Any], rid: str) -> dict[str, Any]:
    path = _shard_file(run_dir, "corpus", rid)
    if path is None:
        return {"error": "corpus shard not found"}
    t = pq.read_table(path, columns=["record_id", "text"])
    ids = t.column("record_id").to_pylist()
    texts = t.column("text").to_pylist()
    idx = ids.index(rid)
    leaves = [record_leaf(i, x) for i, x in zip(ids, texts, strict=True)]
    shard_proof = inclusion_proof(leaves, idx)
    mk = manifest["outputs"]["merkle"]
    rel = os.path.relpath(path, run_dir)
    shard_list = [s["path"] for s in mk["shards"]]
    s_idx = shard_list.index(rel)
    shard_root = mk["shards"][s_idx]["root"]
    roots = [s["root"] for s in mk["shards"]]
    corpus_proof = inclusion_proof([bytes.fromhex(r) for r in roots], s_idx)
    leaf = leaves[idx]
    ok = verify_inclusion(leaf, idx, len(leaves), shard_proof, shard_root) and verify_inclusion(
        bytes.fromhex(shard_root), s_idx, len(roots), corpus_proof, mk["corpus_root"]
    ) and corpus_root(roots) == mk["corpus_root"]
    return {
        "leaf": "record_id || 0x00 || sha256(text)", "text_sha256": hashlib.sha256(texts[idx].encode("utf-8")).hexdigest(),
        "shard": rel, "leaf_index": idx, "shard_size": len(leaves), "shard_root": shard_root,
        "shard_proof": shard_proof, "shard_index": s_idx, "shards": len(roots), "corpus_proof": corpus_proof,
        "corpus_root": mk["corpus_root"], "verified": ok,
    }
