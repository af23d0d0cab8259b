"""The audit's building blocks, shared by the in-process path and the Beam pipeline.

The work splits into per-record steps (validation, personnel check against the roster, label check) and
per-item steps (reviewer ≠ annotator, reference label, verdicts), here with the audit context both paths
carry; per-batch steps (sampling plan, accuracy, agreement, Dawid–Skene) in `annotation/batch.py`; and the
assembly of the audit in `annotation/assemble.py`. Both execution paths call exactly these functions and
feed the results to `assemble`, so they produce the same audit. `manifest_section` is what a run's
manifest keeps of the audit.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from corpusgov.annotation.checks import (
    PersonnelChecker,
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
        refs.sort(key=ref_key)
        del refs[cap:]
    return count + 1, refs


def refs_merge(accs: Iterable[tuple[int, list]], cap: int) -> tuple[int, list]:
    count, refs = 0, []
    for c, r in accs:
        count += c
        refs.extend(r)
    return count, sorted(refs, key=ref_key)[:cap]


def refs_extract(acc: tuple[int, list], cap: int) -> tuple[int, list]:
    return acc[0], sorted(acc[1], key=ref_key)[:cap]


def ref_key(ref: Any) -> str:
    """The order of references everywhere in the audit (their canonical JSON), so capped lists are stable."""
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
        used = rec.labels if rec.labels is not None else [rec.label] if rec.label is not None else []
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
