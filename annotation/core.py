"""The audit's building blocks, shared by the in-process path and the Beam pipeline.

The work splits into per-record steps (validation, personnel check against the roster, label check),
per-item steps (reviewer ≠ annotator, reference label, verdicts) and per-batch steps (sampling plan,
accuracy, agreement, Dawid–Skene). Both execution paths call exactly these functions and feed the results to
`assemble`, so they produce the same audit.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from corpusgov.annotation import agreement as ag
from corpusgov.annotation import estimate, reliability, sampling
from corpusgov.annotation.checks import (
    PERSONNEL_MESSAGES,
    PersonnelChecker,
    check_rule_set,
    check_rules,
    finding,
)
from corpusgov.annotation.io import (
    infer_format,
    load_config,
    load_gold,
    load_roster,
    load_rules,
    load_taxonomy,
    load_verdicts,
    resolve,
    sha256_file,
)
from corpusgov.annotation.models import (
    AnnotationInputError,
    AnnotationRecord,
    AuditConfig,
    Roster,
    RulesDoc,
    Taxonomy,
)
from corpusgov.annotation.personnel import personnel_summary
from corpusgov.annotation.stats import proportion

SCHEMA_VERSION = "1.0"
_SAFE = re.compile(r"[^A-Za-z0-9_.-]")

# compact per-record tuple carried through grouping: (annotator_id, role, label_key, timestamp, file, row)
Compact = tuple[str, str, str, str, str, int]


@dataclass
class AuditContext:
    """Everything the per-record / per-item / per-batch steps need; small and picklable (a side input)."""

    config_path: str
    config: AuditConfig
    record_files: list[tuple[str, str, str]]  # (path, format, path as written in the config)
    rules: dict[str, RulesDoc]  # path -> doc
    rules_sha: dict[str, str]
    roster: Roster
    taxonomy: Taxonomy
    input_files: dict[str, str] = field(default_factory=dict)  # role -> path
    input_sha: dict[str, str] = field(default_factory=dict)
    gold_path: str | None = None
    verdicts_path: str | None = None

    def task_doc(self, batch: str) -> tuple[str, RulesDoc] | None:
        task = self.config.batches.get(batch)
        for path, doc in self.rules.items():
            if doc.task == task:
                return path, doc
        return None

    def checker(self) -> PersonnelChecker:
        return PersonnelChecker(self.roster, self.config.personnel.reassessment_days)


def build_context(config_path: str) -> AuditContext:
    """Load and validate every input named by the audit config (fails fast naming file and field)."""
    config_path = os.path.abspath(config_path)
    cfg = load_config(config_path)
    base = os.path.dirname(config_path)
    rules: dict[str, RulesDoc] = {}
    shas: dict[str, str] = {}
    for p in cfg.rules:
        full = resolve(base, p)
        rules[full] = load_rules(full)
        shas[full] = sha256_file(full)
    roster_path = resolve(base, cfg.roster)
    tax_path = resolve(base, cfg.taxonomy)
    files = {"config": config_path, "roster": roster_path, "taxonomy": tax_path}
    ctx = AuditContext(
        config_path=config_path,
        config=cfg,
        record_files=[],
        rules=rules,
        rules_sha=shas,
        roster=load_roster(roster_path),
        taxonomy=load_taxonomy(tax_path),
    )
    for i, p in enumerate(cfg.records.paths):
        full = resolve(base, p)
        if not os.path.exists(full):
            raise AnnotationInputError(f"{config_path}: field 'records.paths.{i}': file not found: {full}")
        ctx.record_files.append((full, infer_format(full, cfg.records.format), os.path.relpath(full, base)))
        files[f"records.{i}"] = full
    if cfg.gold:
        ctx.gold_path = files["gold"] = resolve(base, cfg.gold)
    if cfg.verdicts:
        ctx.verdicts_path = files["verdicts"] = resolve(base, cfg.verdicts)
    for role, p in files.items():
        if not os.path.exists(p):
            raise AnnotationInputError(f"{config_path}: field {role!r}: file not found: {p}")
    ctx.input_files = files
    ctx.input_sha = {role: sha256_file(p) for role, p in files.items()}
    return ctx


def load_side_inputs(ctx: AuditContext) -> tuple[dict, dict]:
    gold = load_gold(ctx.gold_path) if ctx.gold_path else {}
    verdicts = load_verdicts(ctx.verdicts_path) if ctx.verdicts_path else {}
    return gold, verdicts


# --- bounded reference lists (the combiner used for every finding) -----------------------------------


def refs_add(acc: tuple[int, list], ref: Any, cap: int) -> tuple[int, list]:
    """Count every reference, keep the `cap` smallest (by canonical JSON) so the list is order-independent.

    Appends in place and trims only when the list doubles, so adding is amortised O(log cap).
    """
    count, refs = acc
    refs.append(ref)
    if len(refs) > 2 * cap:
        refs.sort(key=_ref_key)
        del refs[cap:]
    return count + 1, refs


def refs_merge(accs: Iterable[tuple[int, list]], cap: int) -> tuple[int, list]:
    count, refs = 0, []
    for c, r in accs:
        count += c
        refs.extend(r)
    return count, sorted(refs, key=_ref_key)[:cap]


def refs_extract(acc: tuple[int, list], cap: int) -> tuple[int, list]:
    return acc[0], sorted(acc[1], key=_ref_key)[:cap]


def _ref_key(ref: Any) -> str:
    return json.dumps(ref, sort_keys=True)


# --- per record -----------------------------------------------------------------------------------------


def record_parts(path: str, row: int, parsed: AnnotationRecord | str, ctx: AuditContext,
                 checker: PersonnelChecker) -> Iterator[tuple[str, Any, Any]]:
    """Facts about one record as (kind, key, value); `checker` is built once per worker."""
    if isinstance(parsed, str):
        yield ("error", None, parsed)
        return
    rec = parsed
    ref = {"file": path, "row": row, "batch": rec.batch, "item_id": rec.item_id,
           "annotator_id": rec.annotator_id, "role": rec.role, "timestamp": rec.timestamp.isoformat()}
    code = checker.check(rec)
    if code:
        yield ("finding", (code, rec.batch, rec.annotator_id), ref)
    td = ctx.task_doc(rec.batch)
    if td is None:
        yield ("finding", ("batch:unmapped", rec.batch, None), ref)
    else:
        defined = {lab.name for lab in td[1].labels}
        used = rec.labels if rec.labels is not None else [rec.label]
        for lab in sorted({u for u in used if u not in defined}):
            yield ("finding", ("labels:undefined", rec.batch, lab), ref)
        if rec.labels is not None and len(rec.labels) > 1 and not td[1].multi_label:
            yield ("finding", ("labels:multi_label_not_allowed", rec.batch, None), ref)
    yield ("count", (rec.batch, rec.annotator_id, rec.role), 1)
    yield ("item", (rec.batch, rec.item_id),
           (rec.annotator_id, rec.role, rec.key, rec.timestamp.isoformat(), path, row))


# --- per item -------------------------------------------------------------------------------------------


def item_summary(batch: str, item_id: str, recs: Iterable[Compact], gold: str | None,
                 verdicts: dict[str, str], kind: str | None) -> dict:
    """One item: latest label per annotator and per reviewer, reference label, item-level findings."""
    latest: dict[tuple[str, str], Compact] = {}
    dups: list[dict] = []
    for r in sorted(recs, key=lambda r: (r[3], r[4], r[5])):
        k = (r[0], r[1])
        if k in latest:
            old = latest[k]
            dups.append({"file": old[4], "row": old[5], "item_id": item_id, "annotator_id": r[0], "role": r[1]})
        latest[k] = r
    ann = {a: r[2] for (a, role), r in latest.items() if role == "annotate"}
    rev = {a: r for (a, role), r in latest.items() if role == "review"}
    findings: list[tuple[str, dict]] = []
    for a in sorted(set(ann) & set(rev)):
        findings.append(("personnel:self_review", {"item_id": item_id, "person_id": a,
                                                   "review_file": rev[a][4], "review_row": rev[a][5]}))
    independent = {a: r for a, r in rev.items() if a not in ann}
    if kind == "safety" and ann and not independent:
        findings.append(("review:safety_item_unreviewed", {"item_id": item_id}))
    for d in dups:
        findings.append(("records:duplicate", d))
    reference, source = None, None
    if gold is not None:
        reference, source = gold, "gold"
    elif independent:
        last = max(independent.values(), key=lambda r: (r[3], r[0]))
        reference, source = last[2], "review"
    return {"batch": batch, "item_id": item_id, "annotations": dict(sorted(ann.items())),
            "reviews": {a: r[2] for a, r in sorted(rev.items())}, "reference": reference,
            "reference_source": source, "verdicts": dict(sorted(verdicts.items())), "findings": findings}


# --- per batch ------------------------------------------------------------------------------------------


def _domain(doc: RulesDoc | None, observed: Iterable[str]) -> list[str]:
    base = [lab.name for lab in doc.labels] if doc is not None else []
    extra = sorted(set(observed) - set(base))
    return base + extra


def analyze_batch(batch: str, items: list[dict], ctx: AuditContext) -> dict:
    """Sampling plan and sample, accuracy with Wilson intervals, agreement and Dawid–Skene for one batch.

    Holds one batch's item summaries in memory: O(items × annotators per item).
    """
    items = sorted(items, key=lambda s: s["item_id"])
    cfg = ctx.config
    td = ctx.task_doc(batch)
    item_findings: dict[str, list] = {}
    for s in items:
        for code, ref in s["findings"]:
            item_findings.setdefault(code, []).append(ref)
    if td is None:
        return {"batch": batch, "status": "unmapped", "items": len(items), "findings": item_findings}
    rules_path, doc = td
    kind = doc.kind
    units = [(s["item_id"], a, lab) for s in items for a, lab in s["annotations"].items()]
    plan = sampling.plan_size(len(units), cfg.sampling, kind)
    chosen, strata = sampling.select(units, batch, plan["n"], cfg.sampling.seed)
    design = {d["stratum"]: d for d in strata["design_strata"]}
    by_item = {s["item_id"]: s for s in items}
    sample_rows, verified = [], []
    unverified, incorrect = [], []
    for item_id, a, lab, stratum in chosen:
        s = by_item[item_id]
        verdict, source = s["verdicts"].get(a), "verdict"
        if verdict is None and s["reference"] is not None and not (
                s["reference_source"] == "review" and a in s["reviews"]):
            verdict = "correct" if lab == s["reference"] else "incorrect"
            source = s["reference_source"]
        sample_rows.append({"batch": batch, "item_id": item_id, "annotator_id": a, "label": lab,
                            "verdict": None, "reviewer_id": None})
        if verdict is None:
            unverified.append({"item_id": item_id, "annotator_id": a})
            continue
        verified.append((a, verdict == "correct", source, stratum))
        if verdict != "correct":
            incorrect.append({"item_id": item_id, "annotator_id": a, "label": lab, "verified_by": source})
    conf = cfg.sampling.confidence
    n_ok = sum(1 for _, ok, _, _ in verified if ok)
    per_stratum: dict[str, list[int]] = {}
    for _, ok, _, st in verified:
        c = per_stratum.setdefault(st, [0, 0])
        c[0] += 1
        c[1] += int(ok)
    acc = estimate.stratified_accuracy(
        [(design[st]["population"], c[0], c[1]) for st, c in sorted(per_stratum.items())], conf)
    # design weight N_h / n_h of each sampled unit, for the per-annotator (Hájek) figures
    weight = {st: d["population"] / d["sampled"] for st, d in design.items() if d["sampled"]}
    per_ann: dict[str, list[tuple[float, bool]]] = {}
    for a, ok, _, st in verified:
        per_ann.setdefault(a, []).append((weight[st], ok))
    sources: dict[str, int] = {}
    for _, _, src, _ in verified:
        sources[src] = sources.get(src, 0) + 1
    threshold = cfg.thresholds.safety if kind == "safety" else cfg.thresholds.functional
    reasons = []
    if unverified:
        reasons.append("unverified_sample_units")
    if not verified or acc["rate"] < threshold:
        reasons.append("accuracy_below_threshold")
    if plan.get("method") == "aql" and len(verified) - n_ok > plan["ac"]:
        reasons.append("aql_defects_exceed_acceptance_number")
    status = "accepted" if not reasons else ("incomplete" if reasons == ["unverified_sample_units"]
                                             else "rejected")
    # agreement on the annotate-role labels
    ann_items = [(s["item_id"], s["annotations"]) for s in items if s["annotations"]]
    domain = _domain(doc, (lab for _, labs in ann_items for lab in labs.values()))
    ordinal = doc.ordinal and not doc.multi_label
    agree = ag.agreement_report(ann_items, domain, ordinal, cfg.agreement)
    mv, ties = ag.majority_vote(ann_items, domain)
    ds = ag.dawid_skene(ann_items, domain, cfg.agreement.dawid_skene_max_iter, cfg.agreement.dawid_skene_tol)
    refs = {s["item_id"]: s["reference"] for s in items if s["reference"] is not None}
    rel = reliability.annotator_reliability(ann_items, ds["posteriors"], domain, refs, threshold, conf,
                                            cfg.reliability.min_items, cfg.reliability.fence_k)

    def vs_ref(est: dict[str, str]) -> dict:
        common = [i for i in est if i in refs]
        return proportion(sum(1 for i in common if est[i] == refs[i]), len(common), conf)

    pairs = [(s["reference"], lab) for s in items if s["reference"] is not None
             for a, lab in s["annotations"].items()
             if not (s["reference_source"] == "review" and a in s["reviews"])]
    counts_ann = {a: {"annotations": 0, "reviews": 0} for s in items for a in [*s["annotations"], *s["reviews"]]}
    for s in items:
        for a in s["annotations"]:
            counts_ann[a]["annotations"] += 1
        for a in s["reviews"]:
            counts_ann[a]["reviews"] += 1
    return {
        "batch": batch,
        "task": doc.task,
        "kind": kind,
        "rules_file": rules_path,
        "rules_sha256": ctx.rules_sha[rules_path],
        "rules_version": doc.version,
        "items": len(items),
        "annotations": len(units),
        "reviews": sum(len(s["reviews"]) for s in items),
        "annotators": dict(sorted(counts_ann.items())),
        "sampling": {**plan, "seed": cfg.sampling.seed, "stratified_by": ["annotator_id", "label"],
                     "selected": len(chosen), **strata},
        "accuracy": {**acc, "threshold": threshold, "verified_by": dict(sorted(sources.items())),
                     "unverified": len(unverified),
                     "per_annotator": {a: estimate.weighted_proportion(u, conf) for a, u in sorted(per_ann.items())}},
        "status": status,
        "reasons": reasons,
        "agreement": agree,
        "majority_vote": {"ties": len(ties), "tie_items": ties[: cfg.max_refs], "vs_reference": vs_ref(mv)},
        "reliability": rel,
        "dawid_skene": {k: v for k, v in ds.items() if k not in ("labels", "posteriors")}
        | {"vs_reference": vs_ref(ds["labels"]),
           "differs_from_majority": sorted(i for i in ds["labels"] if ds["labels"][i] != mv.get(i))},
        "confusion": ag.confusion(pairs, domain),
        "findings": item_findings,
        "_unverified": unverified[: cfg.max_refs],
        "_incorrect": incorrect[: cfg.max_refs],
        "_n_incorrect": len(incorrect),
        "_sample": sample_rows,
    }


# --- assembly -------------------------------------------------------------------------------------------

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
    for (code, batch, extra), (count, refs) in sorted(record_findings.items(), key=lambda kv: str(kv[0])):
        if code.startswith("personnel:"):
            findings.append(finding(code, "error", PERSONNEL_MESSAGES[code], batch=batch, annotator_id=extra,
                                    count=count, refs=refs))
        elif code == "batch:unmapped":
            findings.append(finding(code, "error", f"batch {batch!r} is not mapped to a task in the audit "
                                    "config", batch=batch, count=count, refs=refs))
        elif code == "labels:undefined":
            findings.append(finding(code, "error", f"label {extra!r} is not defined by the batch's rules",
                                    batch=batch, label=extra, count=count, refs=refs))
        else:
            findings.append(finding(code, "error", "records carry several labels but the rules are "
                                    "single-label", batch=batch, count=count, refs=refs))
    present = {b["batch"] for b in batch_results}
    for batch in sorted(set(cfg.batches) - present):
        findings.append(finding("batch:no_records", "warning", f"batch {batch!r} is configured but has no "
                                "records", batch=batch))
    batches_out = []
    samples: dict[str, list] = {}
    for b in sorted(batch_results, key=lambda b: b["batch"]):
        b = dict(b)
        for code, refs in sorted(b.pop("findings").items()):
            sev, msg = _ITEM_MESSAGES[code]
            findings.append(finding(code, sev, msg, batch=b["batch"], count=len(refs),
                                    refs=sorted(refs, key=_ref_key)[:cap]))
        if b["status"] == "unmapped":
            batches_out.append(b)
            continue
        unverified, incorrect = b.pop("_unverified"), b.pop("_incorrect")
        n_incorrect = b.pop("_n_incorrect")
        samples[b["batch"]] = b.pop("_sample")
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
        batches_out.append(b)
    if verdict_orphans:
        findings.append(finding("verdicts:unknown_unit", "warning", "verdicts name annotations that are not "
                                "in the records", count=len(verdict_orphans),
                                refs=sorted(verdict_orphans, key=_ref_key)[:cap]))
    # per annotator across batches
    people: dict[str, dict] = {}
    for (batch, a, role), n in sorted(counts.items()):
        p = people.setdefault(a, {"annotations": 0, "reviews": 0, "batches": [], "verified": 0, "correct": 0})
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
    annotators = {a: {**p, "accuracy": estimate.pooled_proportion(pooled.get(a, []), cfg.sampling.confidence),
                      "reliability_flags": flags.get(a, [])}
                  for a, p in sorted(people.items())}
    for p in annotators.values():
        del p["verified"], p["correct"]
    rules_files = []
    for path, doc in sorted(ctx.rules.items()):
        used = sorted(b["batch"] for b in batches_out if b.get("rules_file") == rel(path))
        rules_files.append({"path": rel(path), "sha256": ctx.rules_sha[path], "task": doc.task, "kind": doc.kind,
                            "version": doc.version, "labels": [lab.name for lab in doc.labels],
                            "batches": used, "content": rules_content(doc)})
    severity_order = {"error": 0, "warning": 1}
    findings.sort(key=lambda f: (severity_order[f["severity"]], f["code"], f.get("batch", ""),
                                 str(f.get("annotator_id", "")), str(f.get("label", "")), f.get("file", "")))
    by_code: dict[str, int] = {}
    for f in findings:
        by_code[f["code"]] = by_code.get(f["code"], 0) + 1
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
        "personnel": personnel_summary(ctx.roster, cfg.personnel.reassessment_days, set(people)),
        "batches": batches_out,
        "annotators": annotators,
        "findings": findings,
        "summary": {
            "batches": len(batches_out),
            "accepted": sum(1 for b in mapped if b["status"] == "accepted"),
            "rejected": sum(1 for b in mapped if b["status"] == "rejected"),
            "incomplete": sum(1 for b in mapped if b["status"] == "incomplete"),
            "records": sum(counts.values()),
            "errors": errors,
            "warnings": len(findings) - errors,
            "findings_by_code": dict(sorted(by_code.items())),
        },
        "passed": errors == 0 and all(b["status"] == "accepted" for b in mapped) and bool(mapped),
    }
    return audit, samples


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


def manifest_section(audit: dict, report_path: str) -> dict:
    """The small summary the run manifest records (the full audit stays in annotation_audit.json)."""
    return {
        "report": report_path,
        "schema_version": audit["schema_version"],
        "passed": audit["passed"],
        "rules_files": [{k: r[k] for k in ("path", "sha256", "task", "kind", "version", "batches")}
                        for r in audit["rules_files"]],
        "batches": {b["batch"]: {"status": b["status"], "accuracy": b.get("accuracy", {}).get("rate")}
                    for b in audit["batches"]},
        "findings_by_code": audit["summary"]["findings_by_code"],
        # pseudonymous ids flagged by the reliability checks, per batch (annotation_audit.json has the why)
        "unreliable_annotators": {b["batch"]: [{"annotator_id": r["annotator_id"], "code": r["code"]}
                                               for r in b["reliability"]["flagged"]]
                                  for b in audit["batches"] if b.get("reliability", {}).get("flagged")},
    }
