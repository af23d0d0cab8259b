"""Measure MinHash signature throughput (docs/s on one core) on ~1 KB Chinese and English documents.

Documents come from the dedup eval's sentence banks (seeded), cut to ~1 KB of UTF-8 (about 340 Chinese or
1,000 English characters); a second Chinese set uses ~1,000 characters (~3 KB). Reports best of 3 runs of
``MinHasher.signatures`` over the whole set (one process, so per core), plus datasketch's
``MinHash.bulk`` on a subset for comparison.

Run: ``python -m corpusgov.quality.eval.minhash_speed [--docs 4000]``.
"""

from __future__ import annotations

import argparse
import random
import time

from corpusgov.quality.dedup_policy import DedupPolicy
from corpusgov.quality.eval.build_dedup_eval import _Lang
from corpusgov.quality.minhash import MinHasher, shingle_hash32, shingles


def make_docs(lang: str, n: int, size: int, unit: str, seed: int = 7) -> list[str]:
    """n docs of about `size` bytes (unit="bytes") or characters (unit="chars")."""
    rng = random.Random(seed)
    gen = _Lang(lang)
    measure = (lambda t: len(t.encode("utf-8"))) if unit == "bytes" else len
    docs = []
    for _ in range(n):
        text = ""
        while measure(text) < size:
            _, sents, _ = gen.doc_sentences(rng)
            text += gen.join(sents, rng) + "\n\n"
        while measure(text) > size:
            text = text[: max(1, int(len(text) * size / measure(text)))]
        docs.append(text)
    return docs


def best_rate(fn, docs: list[str], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn(docs)
        best = min(best, time.perf_counter() - t)
    return len(docs) / best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=4000)
    args = ap.parse_args()
    policy = DedupPolicy()
    hasher = MinHasher(policy)
    sets = [("zh ~1 KB (UTF-8)", "zh", 1024, "bytes"), ("en ~1 KB", "en", 1024, "bytes"),
            ("zh ~1,000 chars", "zh", 1000, "chars")]
    print(f"num_perm={policy.num_perm} ngram={policy.ngram}; best of 3; one process")
    for name, lang, size, unit in sets:
        docs = make_docs(lang, args.docs, size, unit)
        sh = sum(len(shingles(d, policy.ngram)) for d in docs[:200]) / 200
        rate = best_rate(hasher.signatures, docs)
        sub = docs[:300]

        def ds(texts: list[str]) -> None:
            from datasketch import MinHash

            MinHash.bulk([[s.encode("utf-8") for s in shingles(t, policy.ngram)] for t in texts],
                         num_perm=policy.num_perm, seed=policy.seed)

        def ds_same(texts: list[str]) -> None:
            from datasketch import MinHash

            MinHash.bulk([shingles(t, policy.ngram) for t in texts], num_perm=policy.num_perm,
                         seed=policy.seed, hashfunc=shingle_hash32)

        r_ds = best_rate(ds, sub, 1)
        r_same = best_rate(ds_same, sub, 1)
        print(f"{name:>18}: {rate:8.0f} docs/s  ({sh:.0f} shingles/doc; datasketch bulk sha1 {r_ds:.0f}, "
              f"bulk with our hash {r_same:.0f} docs/s)")


if __name__ == "__main__":
    main()
