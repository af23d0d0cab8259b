"""Gate outcomes for a run, each tied to the article it serves. A failed critical gate fails the run's gate
(exit code 3) while every output is kept for inspection."""

from __future__ import annotations

from typing import Any


def evaluate_gates(manifest: dict[str, Any], expectations: dict[str, Any] | None) -> list[dict[str, Any]]:
    gates: list[dict[str, Any]] = []
    for s in manifest["sources"]:
        ev = [r for r in s["rejection_reasons"] if r != "screening_rate_exceeded"]
        gates.append({
            "name": f"source_evidence:{s['id']}", "article": "7(1)", "critical": False, "passed": not ev,
            "detail": "evidence complete" if not ev else "rejected: " + ", ".join(ev),
        })
        sc = s["screening"]
        gates.append({
            "name": f"source_screening:{s['id']}", "article": "7(1)", "critical": False, "passed": bool(sc["passed"]),
            "detail": f"lexicon hit rate {sc['hit_rate']:.4f} (threshold {sc['threshold']}) over {sc['records']} records",
        })
    gates += kept_share_gates(manifest)
    # Accounting: the counters (combiners) against the rows actually written to decisions/ and deadletter/.
    files = manifest["outputs"]["files"]
    dec_rows = sum(f["rows"] or 0 for f in files if f["kind"] == "decisions")
    dl_rows = sum(f["rows"] or 0 for f in files if f["kind"] == "deadletter")
    corpus_rows = sum(f["rows"] or 0 for f in files if f["kind"] == "corpus")
    t = manifest["totals"]
    ok = (t["read"] == t["kept"] + t["dropped"] + t["deadlettered"] and dec_rows == t["kept"] + t["dropped"]
          and dl_rows == t["deadlettered"] and corpus_rows == t["kept"])
    gates.append({
        "name": "accounting", "article": "19", "critical": True, "passed": ok,
        "detail": (f"read {t['read']} = kept {t['kept']} + dropped {t['dropped']} + dead-lettered "
                   f"{t['deadlettered']}; decisions rows {dec_rows}, deadletter rows {dl_rows}, corpus rows {corpus_rows}"),
    })
    dd = manifest.get("dedup") or {}
    if dd.get("converged") is False:
        gates.append({"name": "dedup_components_converged", "article": "7(4)", "critical": False, "passed": False,
                      "detail": f"{dd.get('unconverged_labels', '?')} labels still changing after the last round"})
    ann = manifest.get("annotation")
    if ann:
        gates.append({
            "name": "annotation_audit", "article": "8", "critical": bool(ann.get("gate_critical")),
            "passed": bool(ann.get("passed")),
            "detail": ", ".join(f"{code} ×{n}" for code, n in sorted((ann.get("findings_by_code") or {}).items()))
            or "no findings",
        })
    if expectations:
        for suite in expectations.get("suites", []):
            for s in suite.get("expectations", []):
                gates.append({
                    "name": f"expectation:{suite['suite']}:{s['name']}", "article": "7(4)",
                    "critical": bool(s.get("critical")), "passed": bool(s.get("success")),
                    "detail": f"{s.get('type', '')} ({s.get('status')}), observed {s.get('observed_value')}",
                })
    return gates


def _base_lang(lang: str) -> str:
    return lang.split("-", 1)[0].lower()


def kept_share_gates(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    """Share of each accepted source and each allowed language that is kept (article 7(4), non-critical).

    Rejected sources are left to their evidence and screening gates (their records are dropped by design).
    """
    pol = (manifest.get("config") or {}).get("policy") or {}
    gp = pol.get("gates") or {}
    out = []
    min_src = float(gp.get("min_kept_share_source", 0.5))
    for s in manifest["sources"]:
        c = s["counts"]
        if s["status"] != "accepted" or not c["read"]:
            continue
        share = c["kept"] / c["read"]
        out.append({"name": f"kept_share:source:{s['id']}", "article": "7(4)", "critical": False,
                    "passed": share >= min_src,
                    "detail": f"kept {c['kept']:,} of {c['read']:,} records ({share:.1%}; minimum {min_src:.0%})"})
    min_lang = float(gp.get("min_kept_share_language", 0.5))
    allowed = {_base_lang(x) for x in ((pol.get("language") or {}).get("allowed") or [])}
    read = (manifest.get("scale") or {}).get("languages_read") or {}
    kept = (manifest.get("type") or {}).get("languages") or {}
    for lang in sorted(read):
        if not read[lang] or (allowed and _base_lang(lang) not in allowed):
            continue
        share = kept.get(lang, 0) / read[lang]
        out.append({"name": f"kept_share:language:{lang}", "article": "7(4)", "critical": False,
                    "passed": share >= min_lang,
                    "detail": f"kept {kept.get(lang, 0):,} of {read[lang]:,} records ({share:.1%}; minimum {min_lang:.0%})"})
    return out


def gate_failed(manifest: dict[str, Any]) -> list[str]:
    return [g["name"] for g in manifest.get("gates", []) if g["critical"] and not g["passed"]]
