"""The decide stage alone at a given number of records: synthetic key rows -> `pipelines.decide.run_decide`
on the in-process runner; prints one JSON line with its CPU, wall time, peak RSS and duplicate counts.

Why: the decide stage is the only stage whose work spans every record (annotate is per input file, finalise
per output shard), so it is the one whose memory could grow with the corpus. Annotating 1M documents takes
about an hour of CPU on this machine; the decide stage's input is only the key rows, so this measures its
memory at 1M records in minutes. Key rows: random 128 x uint32 MinHash signatures (seeded), 2 % exact copies
and 3 % near copies (16 of 128 minima changed, Jaccard estimate ~0.875) of earlier rows, 6,667 rows per key
file like the bench corpus's input files. Run it in a fresh process per size (`python -m bench.rusage`
around it gives the peak RSS of the process).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import time

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

ROWS_PER_FILE = 6_667


def write_keys(work: str, records: int, seed: int = 0) -> list[str]:
    """Key files of `records` synthetic rows (KEYS_SCHEMA); returns their paths."""
    from corpusgov.pipelines.annotated import KEYS_SCHEMA

    rng = np.random.default_rng(seed)
    paths = []
    recent: list[tuple[str, bytes]] = []  # (content hash, signature) of recent rows to copy from
    for f, lo in enumerate(range(0, records, ROWS_PER_FILE)):
        n = min(ROWS_PER_FILE, records - lo)
        sigs = rng.integers(0, 2**32 - 1, (n, 128), dtype=np.uint32)
        kind = rng.random(n)
        rows = []
        for i in range(n):
            rid = f"{lo + i:012d}"
            content = hashlib.sha256(rid.encode()).hexdigest()
            sig = sigs[i]
            if recent and kind[i] < 0.05:
                src_content, src_sig = recent[int(rng.integers(len(recent)))]
                if kind[i] < 0.02:  # exact copy: same content, same signature
                    content, sig = src_content, np.frombuffer(src_sig, dtype="<u4")
                else:  # near copy: 16 of 128 minima changed
                    sig = np.frombuffer(src_sig, dtype="<u4").copy()
                    sig[rng.choice(128, 16, replace=False)] = rng.integers(0, 2**32 - 1, 16, dtype=np.uint32)
            b = np.asarray(sig, dtype="<u4").tobytes()
            if len(recent) < 5000:
                recent.append((content, b))
            else:
                recent[int(rng.integers(5000))] = (content, b)
            rows.append({"record_id": rid, "source_id": "s", "content_sha256": content, "priority": 0,
                         "pre_ok": True, "screen_hit": False, "signature": b})
        p = os.path.join(work, "keys", f"f{f:06d}.parquet")
        os.makedirs(os.path.dirname(p), exist_ok=True)
        pq.write_table(pa.Table.from_pylist(rows, schema=KEYS_SCHEMA), p)
        paths.append(p)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--records", type=int, required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    import logging

    import apache_beam as beam
    from apache_beam.runners.portability.fn_api_runner import FnApiRunner

    from corpusgov.pipelines.decide import DecidePlan, run_decide
    from corpusgov.quality.dedup_policy import DedupPolicy

    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("corpusgov").setLevel(logging.INFO)  # the decide steps' RSS lines
    shutil.rmtree(a.work, ignore_errors=True)
    t0 = time.monotonic()
    keys = write_keys(a.work, a.records)
    gen_s = time.monotonic() - t0
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    policy = DedupPolicy()
    shards = max(1, a.records // 58_000)  # 64 MB output shards of the ~1.1 KB bench documents
    plan = DecidePlan.make(a.work, keys, frozenset(), policy, a.records, shards)
    c0, w0 = time.process_time(), time.monotonic()
    stats, _ = run_decide(plan, policy, shards, lambda: beam.Pipeline(runner=FnApiRunner()))
    print(json.dumps({"records": a.records, "key_files": len(keys), "exact_parts": plan.exact_parts,
                      "bucket_parts": plan.bucket_parts, "generate_s": round(gen_s, 1),
                      "decide_cpu_s": round(time.process_time() - c0, 1), "decide_wall_s": round(time.monotonic() - w0, 1),
                      "peak_rss_mb_before_decide": round(peak_before), "peak_rss_mb": round(
                          resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                      "exact_duplicate_records": stats["exact_duplicate_records"],
                      "near_duplicate_records": stats["near_duplicate_records"], "clusters": stats["clusters"]}))
    shutil.rmtree(a.work, ignore_errors=True)


if __name__ == "__main__":
    main()
