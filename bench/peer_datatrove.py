"""Peer side by side: DataTrove's Gopher quality filter and its 4-stage MinHash deduplication on the
benchmark's documents (same JSONL files), with its LocalPipelineExecutor.

Gopher runs over every document with an exclusion writer (so it processes all N, like ours); MinHash
signatures are computed for every document too (not only Gopher survivors), then buckets, clusters and the
filter run as in DataTrove's own example. Offline: the English word tokenizer is spaCy's blank model, which
needs no download. Prints one JSON line with the timings.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import time


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--inputs", nargs="+", required=True, help="JSONL files with `text` and `id`")
    ap.add_argument("--work", required=True)
    ap.add_argument("--tasks", type=int, default=2)
    ap.add_argument("--workers", type=int, default=2)
    a = ap.parse_args()
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.dedup import MinhashDedupCluster, MinhashDedupFilter, MinhashDedupSignature
    from datatrove.pipeline.dedup.minhash import MinhashConfig, MinhashDedupBuckets
    from datatrove.pipeline.filters import GopherQualityFilter
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    shutil.rmtree(a.work, ignore_errors=True)
    inp = os.path.join(a.work, "input")
    os.makedirs(inp)
    for i, p in enumerate(a.inputs):  # one flat folder (DataTrove shards files over tasks)
        os.symlink(os.path.abspath(p), os.path.join(inp, f"{i:05d}.jsonl"))
    cfg = MinhashConfig()  # 5-grams, 14 buckets x 8 hashes (DataTrove default)

    def reader() -> JsonlReader:
        return JsonlReader(inp, glob_pattern="*.jsonl", id_key="id", text_key="text")

    def run(name: str, pipeline: list, tasks: int) -> float:
        t0 = time.monotonic()
        LocalPipelineExecutor(pipeline=pipeline, tasks=tasks, workers=min(a.workers, tasks),
                              logging_dir=os.path.join(a.work, "logs", name)).run()
        return time.monotonic() - t0

    w = os.path.join(a.work, "out")
    times = {
        "gopher": run("gopher", [reader(), GopherQualityFilter(
            exclusion_writer=JsonlWriter(os.path.join(w, "gopher_removed"))),
            JsonlWriter(os.path.join(w, "gopher_kept"))], a.tasks),
        "minhash_signatures": run("sig", [reader(), MinhashDedupSignature(
            output_folder=os.path.join(w, "sigs"), config=cfg)], a.tasks),
        "minhash_buckets": run("buckets", [MinhashDedupBuckets(
            input_folder=os.path.join(w, "sigs"), output_folder=os.path.join(w, "buckets"), config=cfg)],
            cfg.num_buckets),
        "minhash_cluster": run("cluster", [MinhashDedupCluster(
            input_folder=os.path.join(w, "buckets"), output_folder=os.path.join(w, "remove_ids"), config=cfg)], 1),
        "minhash_filter": run("filter", [reader(), MinhashDedupFilter(
            input_folder=os.path.join(w, "remove_ids"),
            exclusion_writer=JsonlWriter(os.path.join(w, "dup_removed"))),
            JsonlWriter(os.path.join(w, "deduped"))], a.tasks),
    }

    def count(folder: str) -> int:
        import gzip

        n = 0
        d = os.path.join(w, folder)
        for name in os.listdir(d) if os.path.isdir(d) else []:
            op = gzip.open if name.endswith(".gz") else open
            with op(os.path.join(d, name), "rt", encoding="utf-8") as f:
                n += sum(1 for _ in f)
        return n

    print(json.dumps({"seconds": times, "gopher_kept": count("gopher_kept"), "gopher_removed": count("gopher_removed"),
                      "dedup_kept": count("deduped"), "dedup_removed": count("dup_removed")}))


if __name__ == "__main__":
    main()
