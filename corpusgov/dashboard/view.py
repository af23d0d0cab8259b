"""View-model of `dashboard.html`: plain data from the manifest, metrics.json and the drill-down tables.

Kept apart from rendering so each figure can be tested as a number, and the template only lays things out.
"""

from __future__ import annotations

import math
import os
from typing import Any

from corpusgov.dashboard import charts as C
from corpusgov.dashboard.guidance import guidance
from corpusgov.gates import kept_share_gates

ARTICLES = {
    "7(1)": ("lawful sources", "合法来源"), "7(2)": ("intellectual property", "知识产权"),
    "7(3)": ("personal information", "个人信息"), "7(4)": ("data quality and diversity", "数据质量与多样性"),
    "8": ("annotation", "数据标注"), "19": ("accountability / lineage", "说明与可核查"),
}
LINKS = [("manifest.json", "manifest.json"), ("metrics.json", "metrics.json"), ("report.zh.html", "报告 (中文)"),
         ("report.en.html", "report (English)"), ("expectations/data_docs/index.html", "Data Docs (expectations)"),
         ("openlineage.jsonl", "openlineage.jsonl"), ("croissant.json", "croissant.json")]
HIST_LANGS = 3  # languages drawn per signal (the largest ones)


def _sum_inner(d: dict[str, dict[str, int]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for inner in d.values():
        for k, v in inner.items():
            out[k] = out.get(k, 0) + v
    return out


def _by(prefix: str, d: dict[str, int]) -> int:
    return sum(v for k, v in d.items() if k.startswith(prefix))


def header(out_dir: str, m: dict[str, Any]) -> dict[str, Any]:
    run = m["run"]
    return {"name": run["name"], "run_id": run["run_id"], "command": run["command"], "status": run["status"],
            "started": run["started_at"], "finished": run["finished_at"], "runner": m["runner"].get("name", ""),
            "version": m["code"].get("corpusgov_version", ""),
            "links": [{"href": p, "label": lb, "present": os.path.exists(os.path.join(out_dir, p))} for p, lb in LINKS]}


def gates_view(m: dict[str, Any]) -> dict[str, Any]:
    gates = m["gates"]
    failed = [g for g in gates if not g["passed"]]
    crit = [g for g in failed if g["critical"]]
    state = "fail" if crit else ("warn" if failed else "pass")
    rows = [{**g, **guidance(g, m)} for g in failed]
    opened = sum(1 for r in rows if r["status"] == "open")
    verdict = {"fail": "GATE FAILED: critical gate(s) failed",
               "warn": f"PASSED with warnings: {len(failed)} non-critical gate(s) failed, {opened} still open",
               "pass": "ALL GATES PASSED"}[state]
    t = m["totals"]
    tok = (m["scale"]["by_modality"].get("text") or {})
    cards = [("records read", "totals.read", t["read"]), ("kept", "totals.kept", t["kept"]),
             ("dropped", "totals.dropped", t["dropped"]), ("dead-lettered", "totals.deadlettered", t["deadlettered"]),
             ("est. tokens kept", "scale.est_tokens", tok.get("est_tokens")),
             ("characters kept", "scale.chars", tok.get("chars")),
             ("gates passed", "gates.passed", len(gates) - len(failed)), ("gates failed", "gates.failed", len(failed))]
    measured = _article_measures(m)
    arts = []
    for art, (en, zh) in ARTICLES.items():
        gs = [g for g in gates if g.get("article") == art]
        nf = sum(1 for g in gs if not g["passed"])
        arts.append({"article": art, "en": en, "zh": zh, "measured": measured.get(art, "—"),
                     "passed": len(gs) - nf, "total": len(gs), "failed": nf})
    named = {g["name"]: g for g in gates}
    share = [{**g, **named.get(g["name"], {})} for g in kept_share_gates(m)]  # the manifest's verdict if it has one
    return {"state": state, "verdict": verdict, "cards": cards, "articles": arts, "failed": rows,
            "open": opened, "kept_share": share,
            "merkle_root": m["outputs"]["merkle"]["corpus_root"], "merkle_leaves": m["outputs"]["merkle"].get("leaves")}


def _article_measures(m: dict[str, Any]) -> dict[str, str]:
    """One line of what the run measured for each article, gate or not (counts from the manifest)."""
    t = m["totals"]
    dr = t["dropped_by_reason"]
    acc = sum(1 for s in m["sources"] if s["status"] == "accepted")
    cr, pii, ann = m.get("copyright") or {}, m.get("pii") or {}, m.get("annotation")
    out = {
        "7(1)": f"{acc}/{len(m['sources'])} sources accepted; {_by('source_rejected:', dr):,} records from rejected sources",
        "7(2)": (f"{sum(sum(v.values()) for v in (cr.get('counts_by_source') or {}).values()):,} markers; "
                 f"{_by('copyright:', dr):,} records dropped, {_by('copyright:', t['flagged_by_reason']):,} flagged"),
        "7(3)": (f"{sum(sum(v.values()) for v in (pii.get('counts_by_source') or {}).values()):,} findings; records "
                 + ", ".join(f"{a}: {n:,}" for a, n in sorted(_sum_inner(pii.get("records_by_action") or {}).items()))),
        "7(4)": (f"{_by('quality:', dr):,} quality drops; {_by('duplicate:', dr):,} duplicates; "
                 f"{_by('screening:', dr):,} screening drops"),
        "19": f"{t['read']:,} read = {t['kept']:,} kept + {t['dropped']:,} dropped + {t['deadlettered']:,} dead-lettered",
        "8": "annotation not available",
    }
    if ann:
        b = ann.get("batches") or {}
        items = b.values() if isinstance(b, dict) else b
        ok = sum(1 for x in items if isinstance(x, dict) and x.get("status") == "accepted")
        out["8"] = f"{ok}/{len(b)} annotation batches accepted"
    return out


def sources_view(ch: C.Charts, m: dict[str, Any]) -> dict[str, Any]:
    rows = []
    for s in m["sources"]:
        c = s["counts"]
        cats: dict[str, int] = {"kept": c["kept"], "deadletter": c["deadlettered"]}
        for r, v in c["dropped_by_reason"].items():
            cats[C.category(r)] = cats.get(C.category(r), 0) + v
        rows.append({"id": s["id"], "acquisition": s["acquisition"], "licence": s.get("licence") or "—",
                     "status": s["status"], "rejection": s["rejection_reasons"], "read": c["read"], "kept": c["kept"],
                     "dropped": c["dropped"], "deadlettered": c["deadlettered"],
                     "share": c["kept"] / c["read"] if c["read"] else None,
                     "top": sorted(c["dropped_by_reason"].items(), key=lambda kv: (-kv[1], kv[0]))[:3],
                     "by_category": cats})
    return {"rows": rows, "chart": C.sources(ch, rows)}


def breakdown_view(m: dict[str, Any], tables: dict[str, list[dict[str, Any]]] | None) -> dict[str, Any] | None:
    """Source × language rows (records and tokens, kept and dropped by reason) and a reason × language matrix."""
    if tables is None:
        return None
    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    reasons: dict[str, dict[str, dict[str, int]]] = {}
    for r in tables["breakdown"]:
        key = (r["source_id"], r["lang"])
        p = pairs.setdefault(key, {"source": key[0], "lang": key[1], "read": 0, "kept": 0, "tokens_read": 0,
                                   "tokens_kept": 0, "reasons": {}})
        o = r["outcome"]
        if o.startswith("flag:"):
            continue
        p["read"] += r["records"]
        p["tokens_read"] += r["tokens"]
        if o == "kept":
            p["kept"] += r["records"]
            p["tokens_kept"] += r["tokens"]
        else:
            p["reasons"][o] = p["reasons"].get(o, 0) + r["records"]
            cell = reasons.setdefault(o, {}).setdefault(r["lang"], {"records": 0, "tokens": 0})
            cell["records"] += r["records"]
            cell["tokens"] += r["tokens"]
    rows = sorted(pairs.values(), key=lambda p: (p["source"], -p["read"], p["lang"]))
    for p in rows:
        p["share"] = p["kept"] / p["read"] if p["read"] else None
        p["top"] = sorted(p["reasons"].items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    langs = sorted({p["lang"] for p in rows}, key=lambda lg: -sum(p["read"] for p in rows if p["lang"] == lg))
    matrix = [{"reason": r, "cells": [v.get(lg) for lg in langs],
               "total": sum(c["records"] for c in v.values())}
              for r, v in sorted(reasons.items(), key=lambda kv: -sum(c["records"] for c in kv[1].values()))]
    return {"rows": rows, "langs": langs, "matrix": matrix}


def languages_view(ch: C.Charts, m: dict[str, Any], metrics: dict[str, Any] | None) -> dict[str, Any]:
    read = m["scale"].get("languages_read") or {}
    kept = m["type"].get("languages") or {}
    by_lang = m["scale"].get("by_language") or {}
    rows = [{"lang": k, "read": read.get(k, 0), "kept": kept.get(k, 0),
             "share": kept.get(k, 0) / read[k] if read.get(k) else None,
             "tokens": (by_lang.get(k) or {}).get("est_tokens")}
            for k in sorted(set(read) | set(kept), key=lambda k: (-read.get(k, kept.get(k, 0)), k))]
    allowed = ((m["config"].get("policy") or {}).get("language") or {}).get("allowed") or []
    return {"rows": rows, "chart": C.languages(ch, rows), "allowed": allowed}


def _bin_order(b: str) -> float:
    return float(b)


def quality_view(ch: C.Charts, m: dict[str, Any], metrics: dict[str, Any] | None,
                 tables: dict[str, list[dict[str, Any]]] | None) -> dict[str, Any]:
    tot = m["totals"]
    failed: dict[str, int] = {}
    for v in (m["quality"].get("rule_counts_by_source") or {}).values():
        for k, n in v.items():
            failed[k] = failed.get(k, 0) + n
    dropped = {k.split(":", 1)[1]: v for k, v in tot["dropped_by_reason"].items() if k.startswith("quality:")}
    flagged = {k.split(":", 1)[1]: v for k, v in tot["flagged_by_reason"].items() if k.startswith("quality:")}
    rules = ((m["config"].get("policy") or {}).get("quality") or {}).get("rules") or {}
    rows = [{"rule": k, "action": (rules.get(k) or {}).get("action", "—"), "bound": (rules.get(k) or {}).get("bound"),
             "threshold": (rules.get(k) or {}).get("threshold"), "failed": failed[k], "dropped": dropped.get(k, 0),
             "flagged": flagged.get(k, 0)} for k in sorted(failed, key=lambda r: (-failed[r], r))]
    panels: list[dict[str, Any]] = []
    if tables is not None:
        by_signal_rules: dict[str, list[dict[str, Any]]] = {}
        for name, spec in rules.items():
            if failed.get(name) and spec.get("enabled", True):
                by_signal_rules.setdefault(spec.get("signal") or name, []).append(spec)
        # Rejected sources' records (stage source_gate) are left out: they say nothing about the rules.
        hist = [h for h in tables["histograms"] if h["stage"] != "source_gate" and h["signal"] in by_signal_rules]
        lang_tot: dict[str, int] = {}
        for h in hist:
            lang_tot[h["lang"]] = lang_tot.get(h["lang"], 0) + h["records"]
        top = sorted(lang_tot, key=lambda k: (-lang_tot[k], k))[:HIST_LANGS]
        for sig in sorted(by_signal_rules):
            for lg in top:
                hs = [h for h in hist if h["signal"] == sig and h["lang"] == lg]
                if not hs:
                    continue
                bins = sorted({h["bin"] for h in hs}, key=_bin_order)
                kept = [sum(h["records"] for h in hs if h["bin"] == b and h["stage"] == "kept") for b in bins]
                drop = [sum(h["records"] for h in hs if h["bin"] == b and h["stage"] != "kept") for b in bins]
                th = []
                for spec in by_signal_rules[sig]:
                    v = float(spec["threshold"])
                    # position of the threshold on the bin axis (bins are lower edges, in order)
                    idx = sum(1 for b in bins if _bin_order(b) <= v) - 0.5
                    th.append({"x": idx, "action": spec.get("action")})
                panels.append({"signal": sig, "lang": lg, "bins": bins, "kept": kept, "dropped": drop,
                               "thresholds": th})
    return {"rows": rows, "chart": C.signal_histograms(ch, panels), "panels": len(panels),
            "drill_available": tables is not None}


def diversity_view(ch: C.Charts, m: dict[str, Any]) -> dict[str, Any]:
    """Effective number of categories (exp of Shannon entropy) and evenness over a fixed category set.

    Entropy normalised by the categories *seen* rises when a rare category disappears; the effective number
    cannot, and evenness over the registered sources / allowed languages (plus "other") does not move when a
    category is merely absent.
    """
    stages = (m.get("diversity") or {}).get("stages") or []
    allowed = {a.split("-", 1)[0].lower() for a in
               (((m["config"].get("policy") or {}).get("language") or {}).get("allowed") or [])}
    fixed = {"source": len(m["sources"]), "language": len(allowed) + 1 if allowed else None}

    def eff(dist: dict[str, int]) -> float | None:
        n = sum(dist.values())
        if not n:
            return None
        return math.exp(-math.fsum(c / n * math.log(c / n) for c in dist.values() if c))

    def lang_groups(dist: dict[str, int]) -> dict[str, int]:
        out: dict[str, int] = {}
        for k, v in dist.items():
            b = k.split("-", 1)[0].lower()
            key = b if b in allowed else "other"
            out[key] = out.get(key, 0) + v
        return out

    rows = []
    series: dict[str, list[float | None]] = {k: [] for k in ("language", "source", "domain", "acquisition")}
    for s in stages:
        d = s.get("distributions") or {}
        effs = {k: eff(d.get(k) or {}) for k in series}
        for k in series:
            series[k].append(effs[k])
        even = {}
        for k, dist in (("source", d.get("source") or {}), ("language", lang_groups(d.get("language") or {}))):
            k_fixed = fixed[k]
            e = eff(dist)
            even[k] = (math.log(e) / math.log(k_fixed)) if e and k_fixed and k_fixed > 1 else None
        rows.append({"stage": s.get("stage"), "records": s.get("records"), "eff": effs, "even": even,
                     "distinct": s.get("distinct_ngrams") or {}, "mean_chars": s.get("mean_chars")})
    names = [r["stage"] for r in rows]
    return {"rows": rows, "fixed": fixed, "allowed": sorted(allowed),
            "method": stages[0].get("distinct_ngrams_method", "") if stages else "",
            "chart": C.diversity(ch, names, series) if rows else None}


def drill_view(m: dict[str, Any], tables: dict[str, list[dict[str, Any]]] | None) -> list[dict[str, Any]]:
    """Samples grouped by (stage, reason) in the order of the manifest's counts."""
    tot = m["totals"]
    counts = {**{("drop", r): n for r, n in tot["dropped_by_reason"].items()},
              **{("keep", r): n for r, n in tot["flagged_by_reason"].items()}}
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for (d, r), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        groups[(d, r)] = {"kind": "drop" if d == "drop" else "flag", "reason": r, "records": n, "samples": []}
    for s in (tables or {}).get("samples", []):
        g = groups.get(("drop" if s["decision"] == "drop" else "keep", s["reason"]))
        if g is not None:
            g["samples"].append(s)
    for g in groups.values():
        g["samples"].sort(key=lambda s: (s["source_id"], s["lang"], s["record_id"]))
        g["pairs"] = len({(s["source_id"], s["lang"]) for s in g["samples"]})
    return list(groups.values())
