"""Roster figures for the filing (TC260-003 §5.3: annotators trained and assessed before work).

The audit's personnel checks find the individual problems; a regulator also asks for the totals: how many
people, how many trained, assessed and passed, and the pass mark. Pseudonymous ids only, no names.
"""

from __future__ import annotations

from corpusgov.annotation.models import Roster


def personnel_summary(roster: Roster, reassessment_days: int, worked: set[str]) -> dict:
    """Counts over the roster and over the people who did work in the audited records."""

    def passed(a) -> bool:  # noqa: ANN001 - Annotator
        return any(s.score >= (s.pass_mark if s.pass_mark is not None else roster.pass_mark) for s in a.assessments)

    people = roster.annotators
    active = [a for a in people if a.id in worked]
    return {
        "roster": len(people),
        "annotators": sum(1 for a in people if "annotate" in a.roles),
        "reviewers": sum(1 for a in people if "review" in a.roles),
        "trained": sum(1 for a in people if a.trainings),
        "training_sessions": sum(len(a.trainings) for a in people),
        "assessed": sum(1 for a in people if a.assessments),
        "assessments": sum(len(a.assessments) for a in people),
        "passed_assessment": sum(1 for a in people if passed(a)),
        "pass_mark": roster.pass_mark,
        "reassessment_days": reassessment_days,
        "worked": len(active),
        "worked_trained": sum(1 for a in active if a.trainings),
        "worked_passed_assessment": sum(1 for a in active if passed(a)),
        "worked_not_in_roster": len(worked - {a.id for a in people}),
    }
