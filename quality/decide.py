"""Record decisions as a pure function of annotations, the source's status and the policy.

Measures apply in a fixed order (STAGES). A record's `stage` is the first measure that dropped it ("kept"
otherwise); diversity before/after each measure is computed from that, so the effect of every measure Art.
7(4) asks to show comes from the same decision the record got. Flags are reasons on kept records.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from corpusgov.quality.copyright import MarkerFinding, decide_copyright
from corpusgov.quality.language import language_allowed
from corpusgov.quality.pii.scanner import PiiFinding, decide_pii
from corpusgov.quality.rule_table import RuleTable, failed_rules
from corpusgov.quality.signals import evaluate_rules

STAGES: tuple[str, ...] = ("source_gate", "screening", "pii", "copyright", "quality", "language", "dedup")
KEPT = "kept"


@dataclass(frozen=True)
class SourceStatus:
    """What decisions need to know about a record's source."""

    source_id: str
    legal_basis: str
    licence: str | None
    acquisition: str
    rejected: tuple[str, ...] = ()  # reason codes; non-empty means the source is rejected


@dataclass
class PreDecision:
    drop: list[tuple[str, str]] = field(default_factory=list)  # (stage, reason)
    flags: list[str] = field(default_factory=list)
    to_mask: list[PiiFinding] = field(default_factory=list)
    pii_action: str = "keep"
    pii_unresolved: bool = False

    @property
    def dedup_eligible(self) -> bool:
        """Only records that survive every earlier measure take part in duplicate detection."""
        return not self.drop


def pre_decide(ann: Mapping[str, Any], src: SourceStatus, policy: Any, rules: RuleTable | None = None) -> PreDecision:
    """All measures except duplicates; `policy` is corpusgov.config.Policy; `rules`, if given, its quality rules
    compiled (``rule_table.compile_rules(policy.quality)``, the same result, faster per record)."""
    d = PreDecision()
    for why in src.rejected:
        d.drop.append(("source_gate", f"source_rejected:{why}"))
    if ann.get("screen_hits"):
        if policy.screening.record_action == "drop":
            d.drop.append(("screening", "screening:lexicon_hit"))
        else:
            d.flags.append("screening:lexicon_hit")
    findings: list[PiiFinding] = ann.get("pii") or []
    if findings:
        pd = decide_pii(findings, src.legal_basis, policy.pii)
        d.pii_action = pd.action
        if pd.action == "drop":
            d.drop += [("pii", r) for r in pd.reasons if r.endswith(":drop")]
        d.flags += [r for r in pd.reasons if not r.endswith(":drop")]
        d.to_mask = list(pd.to_mask)
        d.pii_unresolved = src.legal_basis == "none" and any(
            policy.pii.action_for(src.legal_basis, f.entity_type) == "keep" for f in findings
        )
    markers: list[MarkerFinding] = ann.get("copyright") or []
    if markers:
        action, reasons = decide_copyright(markers, src.licence, src.acquisition, policy.copyright)
        cp = policy.copyright
        for r in reasons:
            drops = action == "drop" and (
                (r == "copyright:opt_out" and cp.opt_out_action == "drop")
                or (r.startswith("copyright:conflict:") and cp.conflict_action == "drop")
            )
            if drops:
                d.drop.append(("copyright", r))
            else:
                d.flags.append(r)
    if policy.quality.enabled:
        signals = ann.get("signals") or {}
        failed = evaluate_rules(signals, policy.quality) if rules is None else failed_rules(signals, rules)
        for rule, action in failed:
            if action == "drop":
                d.drop.append(("quality", f"quality:{rule}"))
            else:
                d.flags.append(f"quality:{rule}")
    lang = ann.get("lang", "und")
    lp = policy.language
    if lp.enabled and lp.allowed and (
        not language_allowed(lang, lp.allowed) or float(ann.get("lang_score", 0.0)) < lp.min_score
    ):
        reason = f"language:not_allowed:{lang}"
        if lp.action == "drop":
            d.drop.append(("language", reason))
        else:
            d.flags.append(reason)
    return d


def final_reasons(pre: PreDecision, dup: Mapping[str, Any] | None) -> tuple[str, str, list[str]]:
    """(decision, stage, reasons): drop reasons first in stage order, then flags; sorted within a group."""
    drops = sorted(set(pre.drop), key=lambda sr: (STAGES.index(sr[0]), sr[1]))
    if not drops and dup is not None and dup.get("dup_of"):
        drops = [("dedup", f"duplicate:{dup.get('dup_kind', 'near')}")]
    flags = sorted(set(pre.flags))
    if drops:
        return "drop", drops[0][0], [r for _, r in drops] + flags
    return "keep", KEPT, flags
