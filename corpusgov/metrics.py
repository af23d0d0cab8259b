"""`metrics.json`: the measured quality, diversity, duplicate, PI and copyright figures of a run
(schema `lineage/schemas/metrics.schema.json`); derived from the same counters as the manifest."""

from __future__ import annotations

import math
from typing import Any

from corpusgov.config import LoadedConfig
from corpusgov.manifest import Counters

METRICS_VERSION = "1.0.0"


def _entropy(counts: dict[str, int]) -> float:
    total = sum(counts.values())
    k = len([v for v in counts.values() if v > 0])
    if total == 0 or k < 2:
        return 0.0
    h = -sum((v / total) * math.log(v / total) for v in counts.values() if v > 0)
    return h / math.log(k)


def dedup_section(c: Counters, cfg: LoadedConfig, ids: list[str]) -> dict[str, Any]:
    from quality.minhash import MinHasher

    pol = cfg.policy.dedup
    params: dict[str, Any] = pol.model_dump(mode="json")
    if pol.enabled:
        try:
            b, r = MinHasher(pol).bands_rows
            params.update({"lsh_bands": b, "lsh_rows": r})
        except AttributeError:
            pass
    sizes = {k[1]: v for k, v in c.data.items() if k[0] == "dup_cluster_size"}
    rate = {}
    for sid in ids:
        n = sum(c.get("decision", sid, d) for d in ("keep", "drop"))
        d = sum(c.by("dup", sid).values())
        rate[sid] = (d / n) if n else 0.0
    return {
        "params": params,
        "exact_duplicates_dropped": sum(c.get("dup", s, "exact") for s in ids),
        "near_duplicates_dropped": sum(c.get("dup", s, "near") for s in ids),
        "clusters": sum(sizes.values()),
        "cluster_size_histogram": dict(sorted(sizes.items(), key=lambda kv: int(kv[0]))),
        "rate_by_source": rate,
    }


def build_metrics(manifest: dict[str, Any], c: Counters, cfg: LoadedConfig) -> dict[str, Any]:
    from quality.signals import SIGNAL_NAMES

    lang_read = c.by("lang_all")
    lang_kept = manifest["type"]["languages"]
    rules = cfg.policy.quality.rules
    signals = {}
    for n in SIGNAL_NAMES:
        hist = {k[2]: v for k, v in c.data.items() if k[0] == "q_hist" and k[1] == n}
        signals[n] = {
            "count": sum(hist.values()),
            "histogram": dict(sorted(hist.items())),
            "thresholds": [
                {"rule": name, "bound": spec.bound, "value": spec.threshold, "action": spec.action,
                 "enabled": spec.enabled, "applies_to": spec.applies_to}
                for name, spec in sorted(rules.items()) if (spec.signal or name) == n
            ],
        }
    stages = manifest["diversity"]["stages"]
    return {
        "metrics_version": METRICS_VERSION,
        "run_id": manifest["run"]["run_id"],
        "language": {
            "read": lang_read, "kept": lang_kept,
            "entropy_read": _entropy(lang_read), "entropy_kept": _entropy(lang_kept),
        },
        "duplicates": {k: v for k, v in manifest["dedup"].items() if k != "params"},
        "quality": {"rule_counts_by_source": manifest["quality"]["rule_counts_by_source"], "signals": signals},
        "diversity": {"stages": stages},
        "pii": {k: manifest["pii"][k] for k in ("mode", "counts_by_source", "records_by_action")},
        "copyright": manifest["copyright"],
        "expectations": None,
    }
