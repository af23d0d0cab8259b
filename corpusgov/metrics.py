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
    h = -math.fsum((counts[k] / total) * math.log(counts[k] / total) for k in sorted(counts) if counts[k] > 0)
    return h / math.log(k)


def dedup_section(c: Counters, cfg: LoadedConfig, ids: list[str],
                  dedup_stats: dict[str, Any] | None = None) -> dict[str, Any]:
    from corpusgov.quality.minhash import MinHasher

    pol = cfg.policy.dedup
    params: dict[str, Any] = pol.model_dump(mode="json")
    if pol.enabled:
        h = MinHasher(pol)
        params.update({"lsh_bands": h.bands, "lsh_rows": h.rows})
    sizes = {k[1]: v for k, v in c.data.items() if k[0] == "dup_cluster_size"}
    rate = {}
    for sid in ids:
        n = sum(c.get("decision", sid, d) for d in ("keep", "drop"))
        d = sum(c.by("dup", sid).values())
        rate[sid] = (d / n) if n else 0.0
    stats = dedup_stats or {}
    return {
        "params": params,
        "converged": stats.get("cc_converged", True),
        "unconverged_labels": stats.get("cc_changed_last_round", 0),
        "cc_rounds": stats.get("cc_rounds"),
        "exact_duplicates_dropped": sum(c.get("dup", s, "exact") for s in ids),
        "near_duplicates_dropped": sum(c.get("dup", s, "near") for s in ids),
        "clusters": sum(sizes.values()),
        "cluster_size_histogram": dict(sorted(sizes.items(), key=lambda kv: int(kv[0]))),
        "rate_by_source": rate,
    }


def _histogram(labels: dict[str, int]) -> dict[str, Any]:
    """Bins from `signal_bucket` lower edges -> {edges, counts} with empty bins filled in."""
    if not labels:
        return {"edges": [], "counts": []}
    lows = sorted(float(k) for k in labels)
    edges: list[float] = []
    if lows[0] < 1.0:
        edges += [i / 20 for i in range(0, 21)]
    if lows[-1] >= 1.0:
        e = 2.0 if edges else 1.0
        if not edges:
            edges.append(1.0)
        top = lows[-1]
        while e <= top * 2:
            edges.append(e)
            e *= 2
    counts = [0] * (len(edges) - 1)
    for k, v in labels.items():
        lo = float(k)
        for i in range(len(edges) - 1):
            if edges[i] <= lo < edges[i + 1] or (lo == edges[i]):
                counts[i] += v
                break
    return {"edges": edges, "counts": counts}


def build_metrics(manifest: dict[str, Any], c: Counters, cfg: LoadedConfig,
                  signal_stats: dict[str, dict[str, Any]]) -> dict[str, Any]:
    from corpusgov.quality.signals import SIGNAL_NAMES

    lang_read = c.by("lang_all")
    lang_kept = manifest["type"]["languages"]
    rules = cfg.policy.quality.rules
    signals = {}
    for n in SIGNAL_NAMES:
        hist = {k[2]: v for k, v in c.data.items() if k[0] == "q_hist" and k[1] == n}
        st = signal_stats.get(n, {})
        cnt = int(st.get("count", 0))
        signals[n] = {
            "count": cnt,
            "mean": (st["sum"] / cnt) if cnt else None,
            "min": st.get("min"),
            "max": st.get("max"),
            "histogram": _histogram(hist),
            "threshold": [
                {"rule": name, "bound": spec.bound, "value": spec.threshold, "action": spec.action,
                 "enabled": spec.enabled, "applies_to": spec.applies_to}
                for name, spec in sorted(rules.items()) if (spec.signal or name) == n
            ] or None,
        }
    dd = manifest["dedup"]
    return {
        "metrics_version": METRICS_VERSION,
        "run_id": manifest["run"]["run_id"],
        "language": {
            "distribution": lang_kept, "entropy": _entropy(lang_kept),
            "distribution_read": lang_read, "entropy_read": _entropy(lang_read),
        },
        "duplicates": {
            "exact": dd["exact_duplicates_dropped"], "near": dd["near_duplicates_dropped"],
            "clusters": dd["clusters"], "rate_by_source": dd["rate_by_source"],
            "cluster_size_histogram": dd["cluster_size_histogram"],
        },
        "quality": {"rule_counts_by_source": manifest["quality"]["rule_counts_by_source"], "signals": signals},
        "diversity": manifest["diversity"]["stages"],
        "pii": {k: manifest["pii"][k] for k in ("mode", "counts_by_source", "records_by_action")},
        "copyright": manifest["copyright"],
        "expectations": {"passed": True, "critical_failed": [], "enabled": False},
    }


def validate_metrics(metrics: dict[str, Any]) -> list[str]:
    import json
    import os

    import jsonschema

    path = os.path.join(os.path.dirname(__file__), "..", "lineage", "schemas", "metrics.schema.json")
    with open(os.path.normpath(path), encoding="utf-8") as f:
        schema = json.load(f)
    v = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    return [f"{'/'.join(str(p) for p in e.absolute_path) or '(root)'}: {e.message}" for e in v.iter_errors(metrics)]
