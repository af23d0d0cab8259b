"""View-model of `compare.html`: this run against another one (policy diff first, then what it changed)."""

from __future__ import annotations

import json
from typing import Any


def _flatten(d: Any, prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    if isinstance(d, dict):
        for k, v in d.items():
            out.update(_flatten(v, f"{prefix}.{k}" if prefix else str(k)))
    else:
        out[prefix] = json.dumps(d, sort_keys=True, ensure_ascii=False) if isinstance(d, list) else d
    return out


def compare_rows(cur: dict[str, Any], prev: dict[str, Any]) -> list[tuple[str, str, Any, Any]]:
    """(scope, metric, other run, this run) for every compared value; callers highlight the changed ones."""
    rows: list[tuple[str, str, Any, Any]] = []
    for k in ("read", "kept", "dropped", "deadlettered"):
        rows.append(("total", k, prev["totals"].get(k), cur["totals"].get(k)))
    ps = {s["id"]: s for s in prev["sources"]}
    cs = {s["id"]: s for s in cur["sources"]}
    for sid in list(cs) + [s for s in ps if s not in cs]:
        a, b = ps.get(sid), cs.get(sid)
        ac = a["counts"] if a else {}
        bc = b["counts"] if b else {}
        rows.append((sid, "status", a["status"] if a else None, b["status"] if b else None))
        for k in ("read", "kept", "dropped", "deadlettered"):
            rows.append((sid, k, ac.get(k), bc.get(k)))
        for r in sorted(set(ac.get("dropped_by_reason", {})) | set(bc.get("dropped_by_reason", {}))):
            rows.append((sid, f"dropped:{r}", ac.get("dropped_by_reason", {}).get(r, 0),
                         bc.get("dropped_by_reason", {}).get(r, 0)))
        rows.append((sid, "est_tokens", (a or {}).get("scale", {}).get("est_tokens"),
                     (b or {}).get("scale", {}).get("est_tokens")))
    pd, cd = prev.get("dedup") or {}, cur.get("dedup") or {}
    for k in ("exact_duplicates_dropped", "near_duplicates_dropped", "clusters"):
        rows.append(("dedup", k, pd.get(k), cd.get(k)))
    pst = ((prev.get("diversity") or {}).get("stages") or [{}])[-1]
    cst = ((cur.get("diversity") or {}).get("stages") or [{}])[-1]
    for k in sorted(set(pst.get("entropy") or {}) | set(cst.get("entropy") or {})):
        rows.append(("diversity (final stage)", f"entropy:{k}", (pst.get("entropy") or {}).get(k),
                     (cst.get("entropy") or {}).get(k)))
    for k in sorted(set(pst.get("distinct_ngrams") or {}) | set(cst.get("distinct_ngrams") or {})):
        rows.append(("diversity (final stage)", f"distinct:{k}", (pst.get("distinct_ngrams") or {}).get(k),
                     (cst.get("distinct_ngrams") or {}).get(k)))
    pg = {g["name"]: g["passed"] for g in prev.get("gates", [])}
    cg = {g["name"]: g["passed"] for g in cur.get("gates", [])}
    for name in sorted(set(pg) | set(cg)):
        rows.append(("gate", name, pg.get(name), cg.get(name)))
    for k, a, b in policy_diff(cur, prev):
        rows.append(("policy", k, a, b))
    return rows


def policy_diff(cur: dict[str, Any], prev: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    pp = _flatten((prev.get("config") or {}).get("policy") or {})
    cp = _flatten((cur.get("config") or {}).get("policy") or {})
    return [(k, pp.get(k), cp.get(k)) for k in sorted(set(pp) | set(cp)) if pp.get(k) != cp.get(k)]


def change(a: Any, b: Any) -> dict[str, Any]:
    """Absolute and relative change of two numbers (None where it does not apply)."""
    if isinstance(a, bool) or isinstance(b, bool) or not isinstance(a, (int, float)) or not isinstance(b, (int, float)):
        return {"delta": None, "pct": None, "changed": a != b}
    d = b - a
    return {"delta": d, "pct": (d / a if a else None), "changed": d != 0}


def compare_view(cur: dict[str, Any], prev: dict[str, Any], prev_label: str) -> dict[str, Any]:
    """Everything compare.html shows; `cur` is this run, `prev` the other run (older or newer)."""
    ct, pt = cur["run"].get("finished_at") or "", prev["run"].get("finished_at") or ""
    newer = "this" if ct > pt else ("other" if pt > ct else "same time")
    gp = ((cur.get("config") or {}).get("policy") or {}).get("gates") or {}
    max_drop = float(gp.get("max_kept_drop_vs_base", 0.25))

    def text_tokens(m: dict[str, Any]) -> Any:
        return ((m.get("scale") or {}).get("by_modality") or {}).get("text", {}).get("est_tokens")

    headline = []
    for label, a, b in [
        ("records read", prev["totals"]["read"], cur["totals"]["read"]),
        ("records kept", prev["totals"]["kept"], cur["totals"]["kept"]),
        ("records dropped", prev["totals"]["dropped"], cur["totals"]["dropped"]),
        ("dead-lettered", prev["totals"]["deadlettered"], cur["totals"]["deadlettered"]),
        ("est. tokens kept", text_tokens(prev), text_tokens(cur)),
        ("exact duplicates dropped", (prev.get("dedup") or {}).get("exact_duplicates_dropped"),
         (cur.get("dedup") or {}).get("exact_duplicates_dropped")),
        ("near duplicates dropped", (prev.get("dedup") or {}).get("near_duplicates_dropped"),
         (cur.get("dedup") or {}).get("near_duplicates_dropped")),
    ]:
        headline.append({"label": label, "other": a, "this": b, **change(a, b)})

    pg = {g["name"]: g for g in prev.get("gates", [])}
    cg = {g["name"]: g for g in cur.get("gates", [])}
    gates = []
    for name in sorted(set(pg) | set(cg)):
        a, b = pg.get(name), cg.get(name)
        pa, pb = (a or {}).get("passed"), (b or {}).get("passed")
        if pa == pb:
            continue
        kind = ("regression" if pb is False and pa is not False else "fixed" if pb is True else "removed")
        gates.append({"name": name, "other": pa, "this": pb, "kind": kind, "detail": (b or a or {}).get("detail", "")})

    def kept_rows(scope: str, prev_map: dict[str, tuple[int, int]], cur_map: dict[str, tuple[int, int]]) -> list:
        rows = []
        for k in sorted(set(prev_map) | set(cur_map)):
            (ra, ka), (rb, kb) = prev_map.get(k, (0, 0)), cur_map.get(k, (0, 0))
            ch = change(ka, kb)
            fell = ka > 0 and (ka - kb) / ka > max_drop
            rows.append({"key": k, "read_other": ra, "read_this": rb, "kept_other": ka, "kept_this": kb,
                         "share_other": ka / ra if ra else None, "share_this": kb / rb if rb else None,
                         **ch, "gate": f"kept_change:{scope}:{k}", "passed": not fell})
        return rows

    def by_source(m: dict[str, Any]) -> dict[str, tuple[int, int]]:
        return {s["id"]: (s["counts"]["read"], s["counts"]["kept"]) for s in m["sources"]}

    def by_lang(m: dict[str, Any]) -> dict[str, tuple[int, int]]:
        read = (m.get("scale") or {}).get("languages_read") or {}
        kept = (m.get("type") or {}).get("languages") or {}
        return {k: (read.get(k, 0), kept.get(k, 0)) for k in set(read) | set(kept)}

    rows = compare_rows(cur, prev)
    return {
        "other": {"run_id": prev["run"]["run_id"], "finished_at": pt, "label": prev_label,
                  "name": prev["run"].get("name", "")},
        "this": {"run_id": cur["run"]["run_id"], "finished_at": ct, "name": cur["run"].get("name", "")},
        "newer": newer, "max_kept_drop": max_drop,
        "policy": [{"key": k, "other": a, "this": b} for k, a, b in policy_diff(cur, prev)],
        "headline": headline, "gates": gates,
        "sources": kept_rows("source", by_source(prev), by_source(cur)),
        "languages": kept_rows("language", by_lang(prev), by_lang(cur)),
        "all": [{"scope": s, "metric": k, "other": a, "this": b, **change(a, b)} for s, k, a, b in rows],
        "changed": sum(1 for r in rows if r[2] != r[3]),
    }
