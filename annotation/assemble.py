"""Assembly of the annotation audit from its parts: findings, personnel, batches, rules files, summary.

Why separate: both engines (in-process and Beam) end here with the same parts, so this one function decides
the audit's shape (schema `annotation_audit.schema.json`) and its gate.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable

from corpusgov.annotation import estimate, reliability
from corpusgov.annotation.checks import (
    PERSONNEL_MESSAGES,
    check_rule_set,
    check_rules,
    finding,
)
from corpusgov.annotation.core import AuditContext, ref_key
from corpusgov.annotation.models import (
    RulesDoc,
)
from corpusgov.annotation.personnel import personnel_summary

SCHEMA_VERSION = "1.0"
_SAFE = re.compile(r"[^A-Za-z0-9_.-]")


_ITEM_MESSAGES = {
    "personnel:self_review": ("error", "the same person annotated and reviewed these items"),
    "review:safety_item_unreviewed": ("error", "safety items without a review by a different person"),
    "records:duplicate": ("warning", "repeated annotation by the same person and role; the latest is used"),
}


def assemble(ctx: AuditContext, record_findings: dict[tuple, tuple[int, list]],
             counts: dict[tuple[str, str, str], int], batch_results: list[dict],
             verdict_orphans: list[dict], record_rows: dict[str, int]) -> tuple[dict, dict[str, list]]:
    """The audit dict (schema `annotation_audit.schema.json`) and the sample rows per batch."""
    cfg = ctx.config
    cap = cfg.max_refs
    base = os.path.dirname(ctx.config_path)

    def rel(p: str) -> str:
        return os.path.relpath(p, base)

    findings: list[dict] = []
    for path, doc in sorted(ctx.rules.items()):
        findings.extend(check_rules(rel(path), doc, ctx.taxonomy, cfg.rules_checks.near_identical_ratio))
    findings.extend(check_rule_set({rel(p): d for p, d in ctx.rules.items()}, cfg.batches))
    findings.extend(_record_findings(record_findings))
    present = {b["batch"] for b in batch_results}
    for batch in sorted(set(cfg.batches) - present):
        findings.append(finding("batch:no_records", "warning", f"batch {batch!r} is configured but has no "
                                "records", batch=batch))
    batches_out = []
    samples: dict[str, list] = {}
    for b in sorted(batch_results, key=lambda b: b["batch"]):
        out, sample = _batch_out(b, cap, rel, findings)
        batches_out.append(out)
        if sample is not None:
            samples[out["batch"]] = sample
    if verdict_orphans:
        findings.append(finding("verdicts:unknown_unit", "warning", "verdicts name annotations that are not "
                                "in the records", count=len(verdict_orphans),
                                refs=sorted(verdict_orphans, key=ref_key)[:cap]))
    annotators = _annotators(counts, batches_out, cfg.sampling.confidence)
    rules_files = []
    for path, doc in sorted(ctx.rules.items()):
        used = sorted(b["batch"] for b in batches_out if b.get("rules_file") == rel(path))
        rules_files.append({"path": rel(path), "sha256": ctx.rules_sha[path], "task": doc.task, "kind": doc.kind,
                            "version": doc.version, "labels": [lab.name for lab in doc.labels],
                            "batches": used, "content": rules_content(doc)})
    severity_order = {"error": 0, "warning": 1}
    findings.sort(key=lambda f: (severity_order[f["severity"]], f["code"], f.get("batch", ""),
                                 str(f.get("annotator_id", "")), str(f.get("label", "")), f.get("file", "")))
    errors = sum(1 for f in findings if f["severity"] == "error")
    mapped = [b for b in batches_out if b["status"] != "unmapped"]
    audit = {
        "schema_version": SCHEMA_VERSION,
        "kind": "corpusgov.annotation_audit",
        "name": cfg.name,
        "inputs": {role: {"path": rel(p), "sha256": ctx.input_sha[role]}
                   | ({"rows": record_rows.get(rel(p), 0)} if role.startswith("records.") else {})
                   for role, p in sorted(ctx.input_files.items())},
        "settings": {"thresholds": cfg.thresholds.model_dump(), "sampling": cfg.sampling.model_dump(),
                     "personnel": cfg.personnel.model_dump(), "agreement": cfg.agreement.model_dump(),
                     "reliability": cfg.reliability.model_dump(),
                     "taxonomy": {"version": ctx.taxonomy.version, "risks": len(ctx.taxonomy.risk_ids())}},
        "rules_files": rules_files,
        "personnel": personnel_summary(ctx.roster, cfg.personnel.reassessment_days, set(annotators)),
        "batches": batches_out,
        "annotators": annotators,
        "findings": findings,
        "summary": _summary(findings, batches_out, counts),
        "passed": errors == 0 and all(b["status"] == "accepted" for b in mapped) and bool(mapped),
    }
    return audit, samples


def _record_findings(record_findings: dict[tuple, tuple[int, list]]) -> list[dict]:
    """Findings from the per-record steps (personnel, unmapped batch, undefined label, multi-label)."""
    out = []
    for (code, batch, extra), (count, refs) in sorted(record_findings.items(), key=lambda kv: str(kv[0])):
        if code.startswith("personnel:"):
            out.append(finding(code, "error", PERSONNEL_MESSAGES[code], batch=batch, annotator_id=extra,
                               count=count, refs=refs))
        elif code == "batch:unmapped":
            out.append(finding(code, "error", f"batch {batch!r} is not mapped to a task in the audit "
                               "config", batch=batch, count=count, refs=refs))
        elif code == "labels:undefined":
            out.append(finding(code, "error", f"label {extra!r} is not defined by the batch's rules",
                               batch=batch, label=extra, count=count, refs=refs))
        else:
            out.append(finding(code, "error", "records carry several labels but the rules are "
                               "single-label", batch=batch, count=count, refs=refs))
    return out


def _batch_out(result: dict, cap: int, rel: Callable[[str], str], findings: list[dict]) -> tuple[dict, list | None]:
    """One batch as the audit reports it, and its review-sample rows (None if unmapped); adds its findings."""
    b = dict(result)
    for code, refs in sorted(b.pop("findings").items()):
        sev, msg = _ITEM_MESSAGES[code]
        findings.append(finding(code, sev, msg, batch=b["batch"], count=len(refs),
                                refs=sorted(refs, key=ref_key)[:cap]))
    if b["status"] == "unmapped":
        return b, None
    unverified, incorrect = b.pop("_unverified"), b.pop("_incorrect")
    n_incorrect = b.pop("_n_incorrect")
    sample = b.pop("_sample")
    b["rules_file"] = rel(b["rules_file"])
    b["sampling"]["sample_file"] = sample_file_name(b["batch"])
    if unverified:
        findings.append(finding("sampling:unverified", "error", "sampled annotations have no verdict, "
                                "gold label or independent review", batch=b["batch"],
                                count=b["accuracy"]["unverified"], refs=unverified))
    if b["status"] == "rejected":
        acc = b["accuracy"]
        rate = "n/a" if acc["rate"] is None else f"{acc['rate']:.4f}"
        lo = "n/a" if acc["ci_low"] is None else f"{acc['ci_low']:.4f}–{acc['ci_high']:.4f}"
        findings.append(finding(
            "accuracy:batch_rejected", "error",
            f"{b['kind']} batch accuracy {rate} (design-based {acc['confidence']:.0%} CI {lo}) on "
            f"{acc['n']} verified annotations; threshold {acc['threshold']:.2f}; reasons {b['reasons']}",
            batch=b["batch"], count=n_incorrect, refs=incorrect, accuracy=acc["rate"],
            threshold=acc["threshold"]))
    for r in b["reliability"]["flagged"]:
        findings.append(finding(
            f"reliability:{r['code']}", "warning",
            f"{reliability.MESSAGES[r['code']]}: accuracy {r['accuracy']:.3f} "
            f"({acc_conf(b):.0%} CI {r['ci_low']:.3f}–{r['ci_high']:.3f}, {r['basis']}), chance "
            f"{r['chance']:.3f}, threshold {b['accuracy']['threshold']:.2f}; flags {r['flags']}",
            batch=b["batch"], annotator_id=r["annotator_id"], count=r["labels"], accuracy=r["accuracy"],
            threshold=b["accuracy"]["threshold"]))
    return b, sample


def _annotators(counts: dict[tuple[str, str, str], int], batches_out: list[dict], confidence: float) -> dict:
    """Per annotator across batches: annotations, reviews, batches, pooled accuracy, reliability flags."""
    people: dict[str, dict] = {}
    for (batch, a, role), n in sorted(counts.items()):
        p = people.setdefault(a, {"annotations": 0, "reviews": 0, "batches": []})
        p["annotations" if role == "annotate" else "reviews"] += n
        if batch not in p["batches"]:
            p["batches"].append(batch)
    pooled: dict[str, list[tuple[int, dict]]] = {}
    flags: dict[str, list[dict]] = {}
    for b in batches_out:
        for a, pr in b.get("accuracy", {}).get("per_annotator", {}).items():
            pooled.setdefault(a, []).append((b["annotators"][a]["annotations"], pr))
        for r in b.get("reliability", {}).get("flagged", []):
            flags.setdefault(r["annotator_id"], []).append({"batch": b["batch"], "code": r["code"]})
    return {a: {**p, "accuracy": estimate.pooled_proportion(pooled.get(a, []), confidence),
                "reliability_flags": flags.get(a, [])}
            for a, p in sorted(people.items())}


def _summary(findings: list[dict], batches_out: list[dict], counts: dict[tuple[str, str, str], int]) -> dict:
    mapped = [b for b in batches_out if b["status"] != "unmapped"]
    errors = sum(1 for f in findings if f["severity"] == "error")
    by_code: dict[str, int] = {}
    for f in findings:
        by_code[f["code"]] = by_code.get(f["code"], 0) + 1
    return {
        "batches": len(batches_out),
        "accepted": sum(1 for b in mapped if b["status"] == "accepted"),
        "rejected": sum(1 for b in mapped if b["status"] == "rejected"),
        "incomplete": sum(1 for b in mapped if b["status"] == "incomplete"),
        "records": sum(counts.values()),
        "errors": errors,
        "warnings": len(findings) - errors,
        "findings_by_code": dict(sorted(by_code.items())),
    }


def rules_content(doc: RulesDoc) -> dict:
    """What a rules document says, for the filing: goal, format, method, metrics, labels and examples (counts)."""
    return {"goal": doc.goal, "data_format": doc.data_format, "method": doc.method, "ordinal": doc.ordinal,
            "multi_label": doc.multi_label,
            "quality_metrics": [{"name": q.name, "threshold": q.threshold} for q in doc.quality_metrics],
            "labels": [{"name": lab.name, "definition": lab.definition, "positive_examples": len(lab.positive_examples),
                        "negative_examples": len(lab.negative_examples), "edge_cases": len(lab.edge_cases),
                        "risk_ids": list(lab.risk_ids), "benign": lab.benign} for lab in doc.labels]}


def acc_conf(b: dict) -> float:
    return b["accuracy"]["confidence"]


def sample_file_name(batch: str) -> str:
    return "annotation_sample/" + _SAFE.sub("_", batch) + ".jsonl"
