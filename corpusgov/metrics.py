"""`metrics.json`: the measured quality, diversity, duplicate, PI and copyright figures of a run
(schema `lineage/schemas/metrics.schema.json`); derived from the same counters as the manifest."""

from __future__ import annotations

import math
from typing import Any

from corpusgov.aggregates import Counters

METRICS_VERSION = "1.0.0"


def entropy(counts: dict[str, int]) -> float:
    """Normalised Shannon entropy of a distribution (0 for fewer than two non-empty classes)."""
    total = sum(counts.values())
    k = len([v for v in counts.values() if v > 0])
    if total == 0 or k < 2:
        return 0.0
    h = -math.fsum((counts[k] / total) * math.log(counts[k] / total) for k in sorted(counts) if counts[k] > 0)
    return h / math.log(k)


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


def build_metrics(sections: dict[str, Any], run_id: str, diversity: dict[str, Any], pii_mode: str, c: Counters,
                  policy: Any, signal_stats: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """metrics.json of a run from the manifest's count sections (`corpusgov.manifest.aggregate_sections`), the
    counters (signal histograms, languages read) and the pipeline's signal statistics."""
    from corpusgov.quality.signals import SIGNAL_NAMES

    lang_read = c.by("lang_all")
    rules = policy.quality.rules
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
    metrics = {
        "metrics_version": METRICS_VERSION,
        "language": {"distribution_read": lang_read, "entropy_read": entropy(lang_read)},
        "quality": {"signals": signals},
        "diversity": diversity["stages"],
        "expectations": {"passed": True, "critical_failed": [], "enabled": False},
    }
    return refresh_metrics(metrics, sections, run_id, pii_mode, None)


def refresh_metrics(metrics: dict[str, Any], sections: dict[str, Any], run_id: str, pii_mode: str,
                    expectations: dict[str, Any] | None) -> dict[str, Any]:
    """The figures of metrics.json that follow the kept corpus, from a version's count sections.

    A derived version (forget, takedowns re-applied) calls this on its previous metrics.json: kept languages,
    duplicates, quality-rule, PI and copyright counts are its own; what describes the records as read (signal
    statistics, languages read, diversity) stays as measured.
    """
    dd = sections["dedup"]
    lang_kept = sections["type"]["languages"]
    out = dict(metrics, run_id=run_id)
    out["language"] = {**metrics.get("language", {}), "distribution": lang_kept, "entropy": entropy(lang_kept)}
    out["duplicates"] = {
        "exact": dd["exact_duplicates_dropped"], "near": dd["near_duplicates_dropped"],
        "clusters": dd["clusters"], "rate_by_source": dd["rate_by_source"],
        "cluster_size_histogram": dd["cluster_size_histogram"],
    }
    out["quality"] = {**metrics.get("quality", {}),
                      "rule_counts_by_source": sections["quality"]["rule_counts_by_source"]}
    out["pii"] = {"mode": pii_mode, **{k: sections["pii"][k] for k in ("counts_by_source", "records_by_action")}}
    out["copyright"] = sections["copyright"]
    if expectations is not None:
        out["expectations"] = {k: v for k, v in expectations.items() if k != "data"}
    return out


def validate_metrics(metrics: dict[str, Any]) -> list[str]:
    import json
    from importlib.resources import files

    import jsonschema

    # Through the package, not a path beside this file: in an installed wheel lineage/ lives under corpusgov/.
    schema = json.loads(files("corpusgov.lineage").joinpath("schemas/metrics.schema.json").read_text("utf-8"))
    v = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    return [f"{'/'.join(str(p) for p in e.absolute_path) or '(root)'}: {e.message}" for e in v.iter_errors(metrics)]
