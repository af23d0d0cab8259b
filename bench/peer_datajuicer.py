"""Peer side by side: Data-Juicer (its 1.x pip release, `py-data-juicer`) on the benchmark's documents.

Four filters that need no model (text length, alphanumeric ratio, character repetition, special characters)
and its MinHash document deduplicator with character shingles (the setting for Chinese), `np=2` processes,
offline (Hugging Face hub and datasets in offline mode). The inputs are concatenated into one JSONL file
first (Data-Juicer reads one dataset path). Prints one JSON line with the timings.

Data-Juicer runs in its own virtual environment, `bench/.venv-datajuicer` (`make bench-peers`, pins in
`bench/requirements-datajuicer.txt`; or the interpreter named by `BENCH_DATAJUICER_PYTHON`): py-data-juicer 1.6.1
pins dill==0.3.8 and multiprocess==0.70.16, which conflict with constraints.txt, imports aiohttp without declaring
it, and its lazy loader installs whatever is missing with `uv pip install` at run time (ray, torch, scipy). Those
are installed with the venv at set-up, and this script runs with `UV_OFFLINE`/`PIP_NO_INDEX` so that a missing
package fails the peer run instead of downloading.
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


RUNTIME_DEPS = ("data_juicer", "aiohttp", "ray", "torch", "scipy")  # without them Data-Juicer downloads at run time
HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_VENV_PYTHON = os.path.join(HERE, ".venv-datajuicer", "bin", "python")


def peer_python() -> str:
    """The interpreter of Data-Juicer's own environment."""
    return os.environ.get("BENCH_DATAJUICER_PYTHON") or DEFAULT_VENV_PYTHON


def unavailable() -> str | None:
    """Why the peer cannot run here without downloading at run time (None when it can)."""
    import subprocess

    py = peer_python()
    if not os.path.exists(py):
        return f"no Data-Juicer environment at {py} (`make bench-peers` creates it)"
    probe = f"import importlib.util as u; print(','.join(m for m in {RUNTIME_DEPS!r} if u.find_spec(m) is None))"
    out = subprocess.run([py, "-c", probe], capture_output=True, text=True, check=False)
    missing = out.stdout.strip() if out.returncode == 0 else f"probe failed: {out.stderr.strip()[-200:]}"
    if missing:
        return f"Data-Juicer environment {py} lacks {missing}; it would download them at run time"
    return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--inputs", nargs="+", required=True, help="JSONL files with `text` and `id`")
    ap.add_argument("--work", required=True)
    ap.add_argument("--np", type=int, default=2)
    a = ap.parse_args()
    for k in ("HF_HUB_OFFLINE", "HF_DATASETS_OFFLINE", "TRANSFORMERS_OFFLINE", "UV_OFFLINE", "PIP_NO_INDEX"):
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
            "open_tracer": False, "use_cache": False, "skip_op_error": False, "process": OPS}
    conf_path = os.path.join(a.work, "config.yaml")
    with open(conf_path, "w", encoding="utf-8") as f:
        yaml.safe_dump(conf, f)
    t0 = time.monotonic()
    from data_juicer.config import init_configs
    from data_juicer.core import DefaultExecutor

    cfg = init_configs(args=["--config", conf_path])
    DefaultExecutor(cfg).run()
    seconds = time.monotonic() - t0
    with open(os.path.join(a.work, "out", "result.jsonl"), encoding="utf-8") as f:  # not result_stats.jsonl
        kept = sum(1 for _ in f)
    print(json.dumps({"seconds": {"total": round(seconds, 3)}, "input": n_in, "kept": kept}))


if __name__ == "__main__":
    main()
