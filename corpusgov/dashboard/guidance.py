"""What a failed gate means for the ML lead: contained or open, how to fix it, where the evidence is.

Contained: the records concerned were dropped, so the corpus is not affected (e.g. a rejected source). Open:
the kept corpus or the run's accounting is affected until someone acts. Links are relative to the run
directory (the page makes no network request).
"""

from __future__ import annotations

from typing import Any


def guidance(g: dict[str, Any], manifest: dict[str, Any]) -> dict[str, str]:
    """{"status": "contained"|"open"|"passed", "hint": ..., "evidence": href, "evidence_label": ...}."""
    name = g["name"]
    kind, _, rest = name.partition(":")
    src = {s["id"]: s for s in manifest.get("sources") or []}
    if g["passed"]:
        return {"status": "passed", "hint": "", "evidence": "", "evidence_label": ""}
    if kind in ("source_evidence", "source_screening"):
        s = src.get(rest) or {}
        contained = s.get("status") == "rejected" and (s.get("counts") or {}).get("kept", 0) == 0
        hint = ("Add the missing evidence to the source registry (sources.yaml) and run again."
                if kind == "source_evidence" else
                "Review the source's lexicon hits; clean the source or remove it from the registry.")
        return {"status": "contained" if contained else "open", "hint": hint,
                "evidence": "#sources", "evidence_label": "source table"}
    if kind == "expectation":
        return {"status": "open", "evidence": "expectations/data_docs/index.html", "evidence_label": "Data Docs",
                "hint": "The kept corpus violates this expectation: open the Data Docs check, then fix the "
                        "policy (e.g. language.action: drop) or the data."}
    if kind == "kept_share":
        return {"status": "open", "evidence": "#breakdown", "evidence_label": "per-language view",
                "hint": "Most of this " + ("source" if rest.startswith("source:") else "language")
                        + " was dropped: read the drop reasons in the per-language view and the drill-down "
                          "samples; loosen the rule or fix the input."}
    if kind == "annotation_audit":
        return {"status": "open", "evidence": "annotation_audit.json", "evidence_label": "annotation audit",
                "hint": "Re-review the rejected batches and retrain or replace the flagged annotators."}
    if kind == "accounting":
        return {"status": "open", "evidence": "manifest.json", "evidence_label": "manifest",
                "hint": "Records are missing from the outputs: do not use this run; rerun and check "
                        "corpusgov verify."}
    if kind == "dedup_components_converged":
        return {"status": "open", "evidence": "#dedup", "evidence_label": "duplicates",
                "hint": "Raise dedup.max_rounds so duplicate clusters settle."}
    return {"status": "open", "hint": "See the gate detail.", "evidence": "manifest.json", "evidence_label": "manifest"}
