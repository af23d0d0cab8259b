"""Rule, personnel and per-item checks. Each returns findings that name the exact file, batch, item or record.

A finding is a dict: code, severity (error blocks the gate, warning does not), message, and where it applies
(file / batch / annotator_id) plus `refs` — the exact records or items — and `count`.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta
from difflib import SequenceMatcher

from corpusgov.annotation.models import AnnotationRecord, Roster, RulesDoc, Taxonomy

_NON_ALNUM = re.compile(r"[\W_]+", re.UNICODE)


def finding(code: str, severity: str, message: str, **where) -> dict:
    f = {"code": code, "severity": severity, "message": message}
    f.update({k: v for k, v in where.items() if v is not None})
    return f


def _norm(s: str) -> str:
    return _NON_ALNUM.sub("", unicodedata.normalize("NFKC", s).casefold())


# --- rules ----------------------------------------------------------------------------------------------


def check_rules(path: str, doc: RulesDoc, taxonomy: Taxonomy, near_ratio: float) -> list[dict]:
    """Clear, specific, operable: definitions, examples, distinct labels, kind-appropriate risk coverage."""
    out: list[dict] = []
    names = [lab.name for lab in doc.labels]
    for lab in doc.labels:
        if not lab.definition.strip():
            out.append(finding("rules:label_undefined", "error", f"label {lab.name!r} has no definition",
                               file=path, label=lab.name))
        if not [e for e in lab.positive_examples if e.strip()]:
            out.append(finding("rules:no_positive_example", "error",
                               f"label {lab.name!r} has no positive example", file=path, label=lab.name))
        if not [e for e in lab.negative_examples if e.strip()]:
            out.append(finding("rules:no_negative_example", "error",
                               f"label {lab.name!r} has no negative example", file=path, label=lab.name))
    seen: dict[str, str] = {}
    for n in names:
        key = _norm(n)
        if key in seen:
            out.append(finding("rules:duplicate_label", "error",
                               f"labels {seen[key]!r} and {n!r} are the same label", file=path,
                               labels=[seen[key], n]))
        else:
            seen[key] = n
    labs = doc.labels
    for i in range(len(labs)):
        for j in range(i + 1, len(labs)):
            a, b = labs[i], labs[j]
            if _norm(a.name) == _norm(b.name):
                continue
            # Names that differ only by a typo or affix, or definitions that say the same thing word for
            # word: annotators cannot tell the labels apart. (Parallel definitions of opposite labels,
            # e.g. "satisfied" / "dissatisfied", are normal and not flagged.)
            name_r = SequenceMatcher(None, _norm(a.name), _norm(b.name)).ratio()
            same_def = bool(_norm(a.definition)) and _norm(a.definition) == _norm(b.definition)
            if name_r >= near_ratio or same_def:
                why = f"name similarity {name_r:.2f}" if name_r >= near_ratio else "identical definitions"
                out.append(finding("rules:near_identical_labels", "error",
                                   f"labels {a.name!r} and {b.name!r} are near-identical ({why})",
                                   file=path, labels=[a.name, b.name]))
    example_owner: dict[str, str] = {}
    for lab in labs:
        for ex in lab.positive_examples:
            k = _norm(ex)
            if k and k in example_owner and example_owner[k] != lab.name:
                out.append(finding("rules:ambiguous_example", "error",
                                   f"the same positive example is given for labels {example_owner[k]!r} and "
                                   f"{lab.name!r}", file=path, labels=[example_owner[k], lab.name]))
            example_owner.setdefault(k, lab.name)
    known = set(taxonomy.risk_ids())
    if doc.kind == "functional":
        mixed = [lab.name for lab in doc.labels if lab.risk_ids]
        if mixed:
            out.append(finding("rules:kind_mixed", "error",
                               f"functional rules carry safety risk mappings on labels {mixed}; keep "
                               "functional and safety rules in separate documents", file=path, labels=mixed))
    else:
        unmapped = [lab.name for lab in doc.labels if not lab.risk_ids and not lab.benign]
        if unmapped:
            out.append(finding("rules:safety_label_unmapped", "error",
                               f"safety labels {unmapped} map to no taxonomy risk (mark a no-risk label "
                               "'benign: true')", file=path, labels=unmapped))
        unknown = sorted({r for lab in doc.labels for r in lab.risk_ids if r not in known})
        if unknown:
            out.append(finding("rules:unknown_risk_id", "error", f"risk ids not in the taxonomy: {unknown}",
                               file=path, risk_ids=unknown))
        covered = {r for lab in doc.labels for r in lab.risk_ids}
        missing = [r for r in taxonomy.risk_ids() if r not in covered]
        if missing:
            out.append(finding("rules:safety_taxonomy_gap", "error",
                               f"safety rules cover {len(known) - len(missing)} of {len(known)} taxonomy "
                               f"risks; missing {missing}", file=path, risk_ids=missing, count=len(missing)))
    return out


def check_rule_set(docs: dict[str, RulesDoc], batches: dict[str, str]) -> list[dict]:
    """Across documents: one document per task, each task's kind unambiguous, every batch's task known."""
    out: list[dict] = []
    by_task: dict[str, list[str]] = {}
    for path, doc in docs.items():
        by_task.setdefault(doc.task, []).append(path)
    for task, paths in sorted(by_task.items()):
        if len(paths) > 1:
            kinds = sorted({docs[p].kind for p in paths})
            code = "rules:kind_mixed" if len(kinds) > 1 else "rules:duplicate_task"
            out.append(finding(code, "error", f"task {task!r} is defined by {len(paths)} rules files "
                               f"(kinds {kinds})", files=sorted(paths), task=task))
    for batch, task in sorted(batches.items()):
        if task not in by_task:
            out.append(finding("batch:unknown_task", "error", f"batch {batch!r} names task {task!r}, which "
                               "no rules file defines", batch=batch, task=task))
    return out


# --- personnel ------------------------------------------------------------------------------------------


class PersonnelChecker:
    """Checks one record against the roster: trained and passed an assessment before the work, not expired.

    Built once from the roster (the side input) and reused for every record.
    """

    def __init__(self, roster: Roster, reassessment_days: int):
        self._interval = timedelta(days=reassessment_days)
        self._people = {}
        for a in roster.annotators:
            trainings = sorted(t.date for t in a.trainings)
            passed = sorted(s.date for s in a.assessments
                            if s.score >= (s.pass_mark if s.pass_mark is not None else roster.pass_mark))
            self._people[a.id] = (trainings, passed, set(a.roles))

    def check(self, rec: AnnotationRecord) -> str | None:
        """The finding code for this record, or None when the person was qualified at that time."""
        person = self._people.get(rec.annotator_id)
        if person is None:
            return "personnel:not_in_roster"
        trainings, passed, roles = person
        day: date = rec.timestamp.date()
        if not trainings or trainings[0] > day:
            return "personnel:untrained"
        before = [d for d in passed if d <= day]
        if not before:
            return "personnel:not_assessed"
        if day - before[-1] > self._interval:
            return "personnel:assessment_expired"
        if rec.role not in roles:
            return "personnel:role_not_permitted"
        return None


PERSONNEL_MESSAGES = {
    "personnel:not_in_roster": "annotator is not in the roster",
    "personnel:untrained": "annotator had no training record before this work",
    "personnel:not_assessed": "annotator had not passed an assessment before this work",
    "personnel:assessment_expired": "annotator's last passed assessment was older than the re-assessment "
                                    "interval at the time of this work",
    "personnel:role_not_permitted": "the roster does not permit this person this role",
}
