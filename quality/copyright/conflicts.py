"""Markers against the source's declaration: conflict codes, and the keep/drop decision under the policy.

The policy model itself is :class:`quality.copyright_policy.CopyrightPolicy` (a config section).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from corpusgov.quality.copyright.licences import families, licence_terms
from corpusgov.quality.copyright.model import MarkerFinding

OPEN_ACQUISITIONS = frozenset({"open_licence", "public_domain"})
UNLICENSED_ACQUISITIONS = frozenset({"self_collected", "synthetic"})
LICENSED_ACQUISITIONS = frozenset({"commercial", "user_authorised"})


def licence_conflicts(
    declared_licence: str | None, acquisition: str, findings: Iterable[MarkerFinding]
) -> list[str]:
    """Reason codes where a record's markers contradict its source's declaration (sorted, unique).

    ============================================  ==========================  =============================
    marker in the record                          source                       code
    ============================================  ==========================  =============================
    opt_out                                       any                          ``opt_out``
    no_reprint                                    open / self_collected /      ``no_reprint_in_<acquisition>``
                                                  synthetic
    rights_reserved                               open / self_collected /      ``rights_reserved_in_<acq>``
                                                  synthetic
    copyright_notice                              public_domain, or declared   ``copyright_notice_in_public_domain``
                                                  CC0/Unlicense/PDDL
    licence with NC                               not commercial/user-auth.,   ``nc_licence_in_<declared or acq>``
                                                  declared licence not NC
    licence with ND                               not commercial/user-auth.    ``nd_licence``
    other licence, family differs from declared   open (declared licence set)  ``licence_mismatch:<found>`` [*]
    ============================================  ==========================  =============================

    "open" = ``open_licence`` or ``public_domain``. Commercial and user-authorised sources hold a contract or
    authorisation that covers the content, so ©, reservations and licences in their text are reported (in
    ``copyright/``) but are not conflicts; only opt-outs are. Attribution-required and © notices are normal in
    CC-BY material and never conflict there. A findings list with only non-restrictive, matching markers → [].
    [*] Not for public-domain grants (CC0, Unlicense) or an SPDX ``OR`` expression offering the declared
    family; ``<found>`` is the SPDX id with characters outside ``[A-Za-z0-9.+-]`` replaced by ``_``.
    """
    findings = list(findings)
    codes: set[str] = set()
    declared_terms = licence_terms(declared_licence)
    declared_pd = bool(declared_terms and declared_terms.kind == "public_domain")
    is_open = acquisition in OPEN_ACQUISITIONS
    is_unlicensed = acquisition in UNLICENSED_ACQUISITIONS
    contract = acquisition in LICENSED_ACQUISITIONS
    declared_tag = _code_token(declared_licence) if declared_licence else acquisition
    for f in findings:
        c = f.marker_class
        if c == "opt_out":
            codes.add("opt_out")
        elif c in {"no_reprint", "rights_reserved"}:
            if is_open or is_unlicensed:
                codes.add(f"{c}_in_{acquisition}")
        elif c == "copyright_notice":
            if acquisition == "public_domain" or declared_pd:
                codes.add("copyright_notice_in_public_domain")
        elif c == "licence" and not contract:
            terms = licence_terms(f.licence)
            if terms is None:
                continue
            if terms.non_commercial and not (declared_terms and declared_terms.non_commercial):
                codes.add(f"nc_licence_in_{declared_tag}")
            if terms.no_derivatives:
                codes.add("nd_licence")
            if terms.non_commercial or terms.no_derivatives:
                continue
            if is_open and declared_terms is not None and f.licence is not None:
                if terms.kind == "public_domain" or declared_terms.family in families(f.licence):
                    continue  # the declared licence (or a public-domain grant) covers it
                codes.add(f"licence_mismatch:{_code_token(f.licence)}")
    return sorted(codes)


def _code_token(s: str) -> str:
    return re.sub(r"[^A-Za-z0-9.\-+]", "_", s)


def decide_copyright(
    findings: Iterable[MarkerFinding], declared_licence: str | None, acquisition: str, policy: Any
) -> tuple[str, list[str]]:
    """Apply the policy: ``("keep"|"drop", reasons)`` with ``copyright:conflict:<code>`` / ``copyright:opt_out``.

    ``policy.conflict_action`` decides for conflicts, ``policy.opt_out_action`` for opt-outs; a kept record's
    reasons are flags. Findings scoring below ``policy.min_score`` are ignored.
    """
    if not getattr(policy, "enabled", True):
        return "keep", []
    min_score = float(getattr(policy, "min_score", 0.0))
    codes = licence_conflicts(declared_licence, acquisition, (f for f in findings if f.score >= min_score))
    reasons: list[str] = []
    drop = False
    for code in codes:
        if code == "opt_out":
            reasons.append("copyright:opt_out")
            drop = drop or policy.opt_out_action == "drop"
        else:
            reasons.append(f"copyright:conflict:{code}")
            drop = drop or policy.conflict_action == "drop"
    return ("drop" if drop else "keep"), reasons
