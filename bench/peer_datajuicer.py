"""Peer side by side: Data-Juicer (its 1.x pip release, `py-data-juicer`) on the benchmark's documents.

Four filters that need no model (text length, alphanumeric ratio, character repetition, special characters)
and its MinHash document deduplicator with character shingles (the setting for Chinese), `np=2` processes,
offline (Hugging Face hub and datasets in offline mode). The inputs are concatenated into one JSONL file
first (Data-Juicer reads one dataset path). Prints one JSON line with the timings.

Not measured here (2026-12-05): py-data-juicer 1.6.1 installs from PyPI, but only without constraints.txt
(it pins dill==0.3.8 and multiprocess==0.70.16), it imports aiohttp without declaring it, and its lazy
loader installs what is missing with `uv pip install` at run time: ray on importing the executor and torch
(514 MB, with CUDA wheels) at the first filter. The project forbids run-time downloads, so `unavailable()`
refuses to start the peer unless those packages are already installed (then nothing is downloaded).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import time

OPS = [
    {"text_length_filter": {"min_len": 10, "max_len": 100000}},
    {"alphanumeric_filter": {"tokenization": False, "min_ratio": 0.25}},
    {"character_repetition_filter": {"rep_len": 10, "max_ratio": 0.5}},
    {"special_characters_filter": {"min_ratio": 0.0, "max_ratio": 0.25}},
    {"document_minhash_deduplicator": {"tokenization": "character", "window_size": 5, "num_permutations": 128,
                                       "jaccard_threshold": 0.7, "lowercase": True}},
]


RUNTIME_DEPS = ("data_juicer", "aiohttp", "ray", "torch")  # without them Data-Juicer downloads at run time


def unavailable() -> str | None:
    """Why the peer cannot run here without downloading at run time (None when it can)."""
    from importlib.util import find_spec

    missing = [m for m in RUNTIME_DEPS if find_spec(m) is None]
    if missing:
        return (f"missing {', '.join(missing)}: py-data-juicer 1.6.1 conflicts with constraints.txt (dill, "
                "multiprocess) and installs ray and torch with uv at run time, which the project forbids")
    return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--inputs", nargs="+", required=True, help="JSONL files with `text` and `id`")
    ap.add_argument("--work", required=True)
    ap.add_argument("--np", type=int, default=2)
    a = ap.parse_args()
    for k in ("HF_HUB_OFFLINE", "HF_DATASETS_OFFLINE", "TRANSFORMERS_OFFLINE"):
        os.environ[k] = "1"
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    data = os.path.join(a.work, "input.jsonl")
    n_in = 0
    with open(data, "wb") as out:
        for p in a.inputs:
            with open(p, "rb") as f:
                for line in f:
                    out.write(line)
                    n_in += 1
    import yaml

    conf = {"project_name": "corpusgov-bench", "dataset_path": data,
            "export_path": os.path.join(a.work, "out", "result.jsonl"), "np": a.np, "text_keys": "text",
            "open_tracer": False, "use_cache": False, "process": OPS}
    conf_path = os.path.join(a.work, "config.yaml")
    with open(conf_path, "w", encoding="utf-8") as f:
        yaml.safe_dump(conf, f)
    t0 = time.monotonic()
    from data_juicer.config import init_configs
    from data_juicer.core import DefaultExecutor

    cfg = init_configs(args=["--config", conf_path])
    DefaultExecutor(cfg).run()
    seconds = time.monotonic() - t0
    kept = 0
    out_dir = os.path.join(a.work, "out")
    for name in os.listdir(out_dir):
        if name.endswith(".jsonl"):
            with open(os.path.join(out_dir, name), encoding="utf-8") as f:
                kept += sum(1 for _ in f)
    print(json.dumps({"seconds": {"total": round(seconds, 3)}, "input": n_in, "kept": kept}))


if __name__ == "__main__":
    main()
