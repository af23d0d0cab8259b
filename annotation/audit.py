"""Annotation audit: `audit_annotations` validates inputs, computes the audit with an engine and writes its outputs.

Two engines give the same parts, hence the same audit: `compute_local` here (in-process, for small sets and
tests) and the Beam pipeline in `pipelines/annotation_audit.py` (large sets). This module is Beam-free core:
the engine is passed in, and the choice by name is the driver's (`corpusgov/annotation_audit.py`). Outputs: `annotation_audit.json` (validated against
`lineage/schemas/annotation_audit.schema.json`) and one review-sample file per batch under
`annotation_sample/` for reviewers to fill in verdicts.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable
from typing import Any

from corpusgov.annotation.assemble import assemble
from corpusgov.annotation.batch import analyze_batch
from corpusgov.annotation.core import (
    AuditContext,
    build_context,
    item_summary,
    load_side_inputs,
    record_parts,
    refs_add,
    refs_extract,
)
from corpusgov.annotation.io import iter_records
from corpusgov.annotation.models import AnnotationInputError

MAX_ERRORS_SHOWN = 20

# An engine: (audit context, output directory) -> the parts dict `finish` assembles.
Engine = Callable[[AuditContext, str], dict[str, Any]]


def raise_input_errors(errors: list[str]) -> None:
    if errors:
        errors = sorted(errors)
        more = f"\n… and {len(errors) - MAX_ERRORS_SHOWN} more" if len(errors) > MAX_ERRORS_SHOWN else ""
        raise AnnotationInputError(f"{len(errors)} invalid annotation record(s):\n"
                                   + "\n".join(errors[:MAX_ERRORS_SHOWN]) + more)


def compute_local(ctx: AuditContext) -> dict[str, Any]:
    """In-process path: the same steps as the Beam pipeline, grouped with dicts."""
    gold, verdicts = load_side_inputs(ctx)
    checker = ctx.checker()
    cap = ctx.config.max_refs
    errors: list[str] = []
    rec_findings: dict[tuple, tuple[int, list]] = {}
    counts: Counter = Counter()
    rows: Counter = Counter()
    items: dict[tuple[str, str], list] = {}
    for full, fmt, display in ctx.record_files:
        for _, row, parsed in iter_records(full, fmt):
            rows[display] += 1
            for kind, key, val in record_parts(display, row, parsed, ctx, checker):
                if kind == "error":
                    errors.append(val)
                elif kind == "finding":
                    rec_findings[key] = refs_add(rec_findings.get(key, (0, [])), val, cap)
                elif kind == "count":
                    counts[key] += val
                else:
                    items.setdefault(key, []).append(val)
    raise_input_errors(errors)
    by_item: dict[tuple[str, str], dict[str, str]] = {}
    for (b, i, a), v in verdicts.items():
        by_item.setdefault((b, i), {})[a] = v
    orphans: list[dict] = []
    summaries: dict[str, list[dict]] = {}
    for key in sorted(set(items) | set(by_item)):
        batch, item_id = key
        s, orph = summarize(batch, item_id, items.get(key, []), gold.get(key), by_item.get(key, {}), ctx)
        orphans.extend(orph)
        if s is not None:
            summaries.setdefault(batch, []).append(s)
    results = [analyze_batch(b, its, ctx) for b, its in sorted(summaries.items())]
    parts = {
        "findings": [[list(k), list(refs_extract(v, cap))] for k, v in rec_findings.items()],
        "counts": [[list(k), v] for k, v in counts.items()],
        "rows": [[k, v] for k, v in rows.items()],
        "batches": results,
        "orphans": orphans,
    }
    # Same JSON round trip as the Beam path's part files, so both engines assemble identical inputs.
    return json.loads(json.dumps(parts, sort_keys=True))


def summarize(batch: str, item_id: str, recs: list, gold: str | None, verdicts: dict[str, str],
              ctx: AuditContext) -> tuple[dict | None, list[dict]]:
    """Item summary plus verdicts that name no annotation of this item (orphans)."""
    known = {r[0] for r in recs if r[1] == "annotate"}
    orphans = [{"batch": batch, "item_id": item_id, "annotator_id": a} for a in sorted(verdicts) if a not in known]
    if not recs:
        return None, orphans
    td = ctx.task_doc(batch)
    s = item_summary(batch, item_id, recs, gold, {a: v for a, v in verdicts.items() if a in known},
                     td[1].kind if td else None)
    return s, orphans


def finish(ctx: AuditContext, parts: dict[str, Any], out_dir: str) -> dict:
    """Assemble the audit from the parts, write it and the review samples, validate against the schema."""
    rec_findings = {tuple(k): (v[0], v[1]) for k, v in parts["findings"]}
    counts = {tuple(k): v for k, v in parts["counts"]}
    rows = {k: v for k, v in parts["rows"]}
    audit, samples = assemble(ctx, rec_findings, counts, parts["batches"], parts["orphans"], rows)
    validate_audit(audit)
    os.makedirs(out_dir, exist_ok=True)
    for b in audit["batches"]:
        if b["batch"] not in samples:
            continue
        path = os.path.join(out_dir, b["sampling"]["sample_file"])
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            for row in samples[b["batch"]]:
                f.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    with open(os.path.join(out_dir, "annotation_audit.json"), "w", encoding="utf-8") as f:
        json.dump(audit, f, ensure_ascii=False, indent=2, sort_keys=True)
        f.write("\n")
    return audit


def validate_audit(audit: dict) -> None:
    from importlib.resources import files

    import jsonschema

    schema = json.loads(files("corpusgov.lineage").joinpath("schemas/annotation_audit.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(audit)


def local_engine(ctx: AuditContext, out_dir: str) -> dict[str, Any]:
    """The in-process engine (`out_dir` unused: nothing is staged on disk)."""
    return compute_local(ctx)


def audit_annotations(config_path: str, out_dir: str, engine: Engine = local_engine) -> dict:
    """Audit the annotation data named by `config_path`; write `out_dir/annotation_audit.json` and samples.

    The gate result is in the returned dict: `passed` and `findings`. Raises AnnotationInputError (one line
    per problem, naming file, row and field) when an input is invalid.
    """
    ctx = build_context(config_path)
    os.makedirs(out_dir, exist_ok=True)
    return finish(ctx, engine(ctx, out_dir), out_dir)
