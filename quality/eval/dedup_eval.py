"""Measure duplicate detection on the labelled set ``data/dedup_eval.jsonl``.

Runs (1) the pure path in memory (MinHasher signatures, exact grouping, LSH buckets, the same bounded bucket
comparison as the Beam transform, union-find) for several LSH tuning thresholds, and (2) the Beam transform
``pipelines.dedup.FindDuplicates`` with the policy defaults. Prints pairwise precision / recall / F1: a pair is
predicted positive when both records are in the same predicted cluster, labelled positive when both are in
the same labelled cluster. Also reports the exact shingle-Jaccard of labelled pairs, recall by Jaccard band,
and F1 against the exact-Jaccard ground truth (components of pairs with true Jaccard >= threshold), which
isolates the MinHash/LSH approximation error from labelling choices.

Run: ``python -m corpusgov.quality.eval.dedup_eval [--no-beam]``.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from corpusgov.quality.dedup_policy import DedupPolicy
from corpusgov.quality.minhash import MinHasher, bucket_edges, shingles

DATA = Path(__file__).parent / "data" / "dedup_eval.jsonl"


def load(path: Path = DATA) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def content_sha256(text: str) -> str:
    return hashlib.sha256(unicodedata.normalize("NFC", text).encode("utf-8")).hexdigest()


def _pairs(groups: Iterable[Iterable[str]]) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for g in groups:
        out.update(itertools.combinations(sorted(g), 2))
    return out


def prf(predicted: set[tuple[str, str]], truth: set[tuple[str, str]]) -> dict[str, float]:
    tp = len(predicted & truth)
    p = tp / len(predicted) if predicted else 1.0
    r = tp / len(truth) if truth else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp,
            "predicted_pairs": len(predicted), "true_pairs": len(truth)}


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def pure_clusters(rows: list[dict], policy: DedupPolicy) -> tuple[list[list[str]], int]:
    """In-memory reference of the Beam transform; returns clusters (size >= 2) and candidate comparisons."""
    hasher = MinHasher(policy)
    sigs = hasher.signatures([r["text"] for r in rows])
    uf = _UnionFind()
    by_hash: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        by_hash[content_sha256(r["text"])].append(i)
    reps = []
    for members in by_hash.values():
        members.sort(key=lambda i: rows[i]["id"])
        reps.append(members[0])
        for m in members[1:]:
            uf.union(rows[members[0]]["id"], rows[m]["id"])
    buckets: dict[bytes, list[int]] = defaultdict(list)
    for i in reps:
        for key in hasher.band_keys(sigs[i]):
            buckets[key].append(i)
    compared = 0
    for members in buckets.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda i: rows[i]["id"])
        items = [((0, rows[i]["id"]), rows[i]["id"], sigs[i]) for i in members]
        compared += len(members) - 1
        for a, b, _ in bucket_edges(items, policy.threshold, policy.max_bucket_compare):
            uf.union(items[a][1], items[b][1])
    comps: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        comps[uf.find(r["id"])].append(r["id"])
    return [c for c in comps.values() if len(c) > 1], compared


def exact_jaccard_truth(rows: list[dict], threshold: float, n: int) -> tuple[set[tuple[str, str]], dict]:
    """Pairs in the same component of the true-Jaccard >= threshold graph; and Jaccard of labelled pairs."""
    sh = {r["id"]: set(shingles(r["text"], n)) for r in rows}
    uf = _UnionFind()
    for a, b in itertools.combinations([r["id"] for r in rows], 2):
        sa, sb = sh[a], sh[b]
        if sa and sb and len(sa & sb) / len(sa | sb) >= threshold:
            uf.union(a, b)
    comps: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        comps[uf.find(r["id"])].append(r["id"])
    jac = {}
    for a, b in _pairs(_labelled_groups(rows)):
        sa, sb = sh[a], sh[b]
        jac[(a, b)] = len(sa & sb) / len(sa | sb) if sa | sb else 1.0
    return _pairs(comps.values()), jac


def _labelled_groups(rows: list[dict]) -> list[list[str]]:
    g: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        g[r["cluster"]].append(r["id"])
    return list(g.values())


def beam_clusters(rows: list[dict], policy: DedupPolicy, options: list[str] | None = None) -> tuple[
    list[list[str]], dict[str, dict], dict
]:
    from corpusgov.pipelines.dedup import run_local

    hasher = MinHasher(policy)
    sigs = hasher.signatures([r["text"] for r in rows])
    items = [(r["id"], (0, r["id"]), content_sha256(r["text"]), s.astype("<u4").tobytes())
             for r, s in zip(rows, sigs, strict=True)]
    out, stats = run_local(items, policy, pipeline_options=options)
    g: dict[str, list[str]] = defaultdict(list)
    for rid, d in out.items():
        g[d["dup_cluster"]].append(rid)
    return list(g.values()), out, stats


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-beam", action="store_true")
    args = ap.parse_args()
    rows = load()
    base = DedupPolicy()
    truth = _pairs(_labelled_groups(rows))
    print(f"{len(rows)} records, {len(_labelled_groups(rows))} labelled clusters, {len(truth)} labelled pairs; "
          f"policy threshold={base.threshold} num_perm={base.num_perm} ngram={base.ngram}")
    jtruth, jac = exact_jaccard_truth(rows, base.threshold, base.ngram)
    vals = np.array(list(jac.values()))
    print(f"exact shingle Jaccard of labelled pairs: min {vals.min():.3f}, 5% {np.quantile(vals, 0.05):.3f}, "
          f"median {np.median(vals):.3f}; share < threshold {float((vals < base.threshold).mean()):.3f}")
    print("\npure path (signatures + LSH + bounded bucket verify + union-find); P(cand@t) = S-curve candidate")
    print("probability at the verify threshold, 1-(1-t^r)^b:")
    print(f"{'threshold':>9} {'lsh_t':>6} {'b x r':>7} {'P(cand@t)':>9} {'compared':>8} {'P':>7} {'R':>7} {'F1':>7}"
          f" | F1 vs exact-J truth")
    chosen: dict[float, set[tuple[str, str]]] = {}
    for thr in (0.8, 0.75, 0.7):
        jtruth_t = jtruth if thr == base.threshold else exact_jaccard_truth(rows, thr, base.ngram)[0]
        for margin in (0.0, 0.1, 0.15, 0.2):
            pol = base.model_copy(update={"threshold": thr, "lsh_threshold": round(thr - margin, 4)})
            h = MinHasher(pol)
            clusters, compared = pure_clusters(rows, pol)
            pred = _pairs(clusters)
            m = prf(pred, truth)
            mj = prf(pred, jtruth_t)
            pc = 1 - (1 - thr**h.rows) ** h.bands
            print(f"{thr:>9.2f} {thr - margin:>6.2f} {h.bands:>3}x{h.rows:<3} {pc:>9.3f} {compared:>8} "
                  f"{m['precision']:>7.4f} {m['recall']:>7.4f} {m['f1']:>7.4f} | {mj['f1']:.4f}")
            if margin == 0.15:
                chosen[thr] = pred
    print("\nrecall of labelled pairs by exact Jaccard band (pure path, lsh_t = threshold - 0.15):")
    for thr in (0.8, 0.7):
        parts = []
        for lo, hi in [(0.0, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)]:
            ps = [p for p, j in jac.items() if lo <= j < hi]
            parts.append(f"[{lo:.1f},{min(hi, 1.0):.1f}) {sum(p in chosen[thr] for p in ps)}/{len(ps)}")
        print(f"  threshold {thr}: " + "  ".join(parts))
    if not args.no_beam:
        for thr in (base.threshold, 0.7):
            pol = base.model_copy(update={"threshold": thr})
            clusters, out, stats = beam_clusters(rows, pol)
            m = prf(_pairs(clusters), truth)
            print(f"\nBeam FindDuplicates (FnApiRunner, threshold={thr}, other fields default): "
                  f"P={m['precision']:.4f} R={m['recall']:.4f} F1={m['f1']:.4f} "
                  f"({m['tp']}/{m['true_pairs']} labelled pairs, {m['predicted_pairs']} predicted); "
                  f"identical to pure path: {_pairs(clusters) == chosen[thr]}")
            print("  stats:", json.dumps(stats, sort_keys=True))


if __name__ == "__main__":
    main()
