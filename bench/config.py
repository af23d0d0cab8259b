"""Writes the benchmark's run config: the demo policy (all measures on) over the synthetic sources."""

from __future__ import annotations

import os

import yaml

from bench.gen import SOURCES, CorpusInfo

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEMO_POLICY = os.path.join(REPO, "configs", "demo", "policy.yaml")

_SOURCE_META = {
    "bench_zh": {"acquisition": "self_collected", "pi_legal_basis": "publicly_disclosed", "languages": ["zh"],
                 "domain": "web"},
    "bench_en": {"acquisition": "self_collected", "pi_legal_basis": "none", "languages": ["en"],
                 "domain": "news"},
    "bench_mixed": {"acquisition": "synthetic", "pi_legal_basis": "none", "languages": ["zh", "en"],
                    "domain": "qa"},
}


def write_config(corpus: CorpusInfo, conf_dir: str, shard_bytes: int = 64 * 1024 * 1024) -> str:
    """Registry + policy + run config under `conf_dir`; returns the run config path.

    The policy is configs/demo/policy.yaml with three changes: the lexicon path made absolute, the dedup
    source priority naming the bench sources, and the production shard size (the demo's 1 MB shards exist
    only to show several files on a small corpus).
    """
    os.makedirs(conf_dir, exist_ok=True)
    with open(DEMO_POLICY, encoding="utf-8") as f:
        policy = yaml.safe_load(f)
    policy["screening"]["lexicon"] = os.path.join(REPO, "configs", "demo", policy["screening"]["lexicon"])
    policy["dedup"]["source_priority"] = list(SOURCES)
    policy["output"]["target_shard_bytes"] = shard_bytes
    sources = []
    for sid in SOURCES:
        meta = _SOURCE_META[sid]
        s = {"id": sid, "title": f"benchmark {sid}", "licence": "CC0-1.0", "modality": "text", **meta,
             "inputs": {"paths": [os.path.join(os.path.abspath(corpus.root), sid, "*.jsonl")], "format": "jsonl",
                        "fields": {"text": "text", "id": "id", "url": "url"}}}
        if meta["acquisition"] == "self_collected":
            s["self_collected"] = {"crawler": "bench-gen/1", "robots_txt": "respected",
                                   "collection_period": {"start": "2024-01-01", "end": "2024-06-30"}}
        else:
            s["synthetic"] = {"generator": "bench.gen", "generator_licence": "Apache-2.0"}
        sources.append(s)
    with open(os.path.join(conf_dir, "sources.yaml"), "w", encoding="utf-8") as f:
        yaml.safe_dump({"version": 1, "sources": sources}, f, allow_unicode=True, sort_keys=False)
    with open(os.path.join(conf_dir, "policy.yaml"), "w", encoding="utf-8") as f:
        yaml.safe_dump(policy, f, allow_unicode=True, sort_keys=False)
    run = {"version": 1, "name": "corpusgov-bench", "registry": "sources.yaml", "policy": "policy.yaml",
           "allow_any_path": True}
    path = os.path.join(conf_dir, "corpusgov.yaml")
    with open(path, "w", encoding="utf-8") as f:
        yaml.safe_dump(run, f, sort_keys=False)
    return path
