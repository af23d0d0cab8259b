"""Per-batch steps of the annotation audit: sampling plan and sample, accuracy, agreement, Dawid–Skene.

Why separate: this is the statistics of one batch (the only step that holds a whole batch, as compact item
summaries), apart from the per-record and per-item steps in `annotation/core.py`.
"""

from __future__ import annotations

from collections.abc import Iterable

from corpusgov.annotation import agreement as ag
from corpusgov.annotation import estimate, reliability, sampling
from corpusgov.annotation.core import AuditContext
from corpusgov.annotation.models import (
    RulesDoc,
)
from corpusgov.annotation.stats import proportion


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
    sample_rows, verified, unverified, incorrect = _verify_sample(batch, chosen, {s["item_id"]: s for s in items})
    conf = cfg.sampling.confidence
    acc, per_ann, sources = _accuracy(verified, design, conf)
    threshold = cfg.thresholds.safety if kind == "safety" else cfg.thresholds.functional
    n_ok = sum(1 for _, ok, _, _ in verified if ok)
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
    counts_ann = _annotator_counts(items)
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


# A verified sample unit: (annotator, correct?, verified by (verdict, gold or review), sampling stratum).
Verified = tuple[str, bool, str, str]


def _verify_sample(batch: str, chosen: list, by_item: dict[str, dict]) -> tuple[list, list[Verified], list, list]:
    """(review-sample rows, verified units, unverified refs, incorrect refs) for the chosen sample units.

    A unit is verified by a reviewer's verdict, else by the item's reference label, unless that reference is
    the annotator's own review.
    """
    sample_rows, verified, unverified, incorrect = [], [], [], []
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
    return sample_rows, verified, unverified, incorrect


def _accuracy(verified: list[Verified], design: dict[str, dict], conf: float) -> tuple[dict, dict, dict[str, int]]:
    """(stratified batch accuracy, per-annotator weighted units, verified units per source)."""
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
    return acc, per_ann, sources


def _annotator_counts(items: list[dict]) -> dict[str, dict[str, int]]:
    counts = {a: {"annotations": 0, "reviews": 0} for s in items for a in [*s["annotations"], *s["reviews"]]}
    for s in items:
        for a in s["annotations"]:
            counts[a]["annotations"] += 1
        for a in s["reviews"]:
            counts[a]["reviews"] += 1
    return counts
