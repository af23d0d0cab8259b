"""The summary a finished run prints: counts per source, failed gates, PI mode, Merkle root, outputs."""

from __future__ import annotations

from typing import Any


def run_summary(manifest: dict[str, Any], out_dir: str, seconds: float) -> str:
    """The per-source table and the gates a finished run prints (full and incremental runs alike)."""
    lines = [f"corpusgov run {manifest['run']['run_id']} — {manifest['run']['status']} in {seconds:.1f}s"]
    lines.append(f"{'source':<22}{'status':<10}{'read':>8}{'kept':>8}{'dropped':>9}{'dead':>7}  top drop reason")
    for s in manifest["sources"]:
        c = s["counts"]
        top = max(c["dropped_by_reason"].items(), key=lambda kv: kv[1], default=("-", 0))
        lines.append(f"{s['id']:<22}{s['status']:<10}{c['read']:>8}{c['kept']:>8}{c['dropped']:>9}"
                     f"{c['deadlettered']:>7}  {top[0]} ({top[1]})")
    t = manifest["totals"]
    lines.append(f"{'total':<32}{t['read']:>8}{t['kept']:>8}{t['dropped']:>9}{t['deadlettered']:>7}")
    failed = [g for g in manifest["gates"] if not g["passed"]]
    lines.append(f"gates: {len(manifest['gates']) - len(failed)} passed, {len(failed)} failed"
                 + "".join(f"\n  FAILED{' (critical)' if g['critical'] else ''} {g['name']}: {g['detail']}" for g in failed))
    lines.append(f"PI mode: {manifest['pii']['mode']}; corpus Merkle root {manifest['outputs']['merkle']['corpus_root']}")
    lines.append(f"outputs in {out_dir}: manifest.json, corpus/, decisions/, deadletter/, pii/, copyright/, "
                 "metrics.json, expectations/, dashboard.html, report.*")
    return "\n".join(lines)
