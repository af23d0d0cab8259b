"""What an SPDX id means for training use: family, kind, NC/ND/SA flags (table in the package docstring).

Also builds SPDX ids from the parts a rule reads (Creative Commons elements, GPL kind/version).
"""

from __future__ import annotations

import re

from corpusgov.quality.copyright.model import LicenceTerms

SPDX_TOKEN_SPLIT = re.compile(r"\s+(?:OR|AND|WITH)\s+|[()]")


def family(spdx: str) -> str:
    """Licence family: the id without version and -only/-or-later (CC-BY-NC-4.0 -> CC-BY-NC)."""
    s = spdx.removeprefix("LicenseRef-")
    s = re.sub(r"(?:-only|-or-later|\+)$", "", s)
    s = re.sub(r"-\d+(?:\.\d+)*$", "", s)
    s = re.sub(r"-unversioned$", "", s)
    return s.upper()


def licence_terms(spdx: str | None) -> LicenceTerms | None:
    """Classify an SPDX id (or simple expression) for training use; ``None`` for no licence."""
    if not spdx:
        return None
    ids = [t for t in (x.strip() for x in SPDX_TOKEN_SPLIT.split(spdx)) if t]
    is_or = " OR " in spdx
    parts = [_single_terms(i) for i in ids] or [_single_terms(spdx)]
    # OR: the licensee may pick the least restrictive alternative; AND/WITH: all terms apply.
    if is_or:
        best = min(parts, key=lambda t: (t.restrictive, t.non_commercial, t.no_derivatives, t.share_alike))
        return LicenceTerms(
            spdx,
            best.family,
            best.kind,
            best.non_commercial,
            best.no_derivatives,
            best.share_alike,
            best.restrictive,
        )
    if len(parts) == 1:
        return parts[0]
    nc = any(p.non_commercial for p in parts)
    nd = any(p.no_derivatives for p in parts)
    sa = any(p.share_alike for p in parts)
    kind = "no_derivatives" if nd else "non_commercial" if nc else parts[0].kind
    return LicenceTerms(spdx, parts[0].family, kind, nc, nd, sa, nc or nd)


def _single_terms(spdx: str) -> LicenceTerms:
    fam = family(spdx)
    if fam.startswith("CC-BY"):
        nc, nd, sa = "-NC" in fam, "-ND" in fam, "-SA" in fam
        kind = "no_derivatives" if nd else "non_commercial" if nc else "share_alike" if sa else "permissive"
        return LicenceTerms(spdx, fam, kind, nc, nd, sa, nc or nd)
    if fam in _NON_COMMERCIAL_SOURCE_AVAILABLE:
        return LicenceTerms(spdx, fam, "non_commercial", True, False, False, True)
    if fam in {"CC0", "UNLICENSE", "PDDL"}:
        return LicenceTerms(spdx, fam, "public_domain", False, False, False, False)
    if fam in {"GPL", "LGPL", "AGPL", "MPL", "MULANPUBL", "EPL", "EUPL", "CDDL"}:
        return LicenceTerms(spdx, fam, "copyleft", False, False, True, False)
    if fam in {"MIT", "APACHE", "ISC", "MULANPSL", "0BSD", "ZLIB", "BSL", "CC-UNSPECIFIED"} or fam.startswith(
        "BSD"
    ):
        kind = "unknown" if fam == "CC-UNSPECIFIED" else "permissive"
        return LicenceTerms(spdx, fam, kind, False, False, False, False)
    return LicenceTerms(spdx, fam, "unknown", False, False, False, False)


# Source-available licences that forbid commercial use outside a narrow grant (PolyForm's non-commercial forms,
# the Commons Clause's ban on selling).
_NON_COMMERCIAL_SOURCE_AVAILABLE = {
    "POLYFORM-NONCOMMERCIAL",
    "POLYFORM-SMALL-BUSINESS",
    "POLYFORM-STRICT",
    "POLYFORM-FREE-TRIAL",
    "POLYFORM-INTERNAL-USE",
    "COMMONS-CLAUSE",
}

_CC_VERSIONS = {"1.0", "2.0", "2.5", "3.0", "4.0"}


def cc_id(nc: bool, nd: bool, sa: bool, version: str | None) -> str:
    parts = ["CC-BY"]
    if nc:
        parts.append("NC")
    if nd:
        parts.append("ND")
    elif sa:
        parts.append("SA")
    base = "-".join(parts)
    if version and version in _CC_VERSIONS:
        return f"{base}-{version}"
    return f"LicenseRef-{base}"


def gpl_id(kind: str, ver: str | None, later: bool) -> str:
    kind = kind.upper()
    if not ver:
        return f"LicenseRef-{kind}GPL" if kind else "LicenseRef-GPL"
    major = ver.split(".")[0]
    if kind == "L":
        v = "2.1" if ver.startswith("2.1") else "2.0" if major == "2" else "3.0"
        name = "LGPL"
    elif kind == "A":
        v, name = "3.0", "AGPL"
    else:
        v, name = {"1": "1.0", "2": "2.0", "3": "3.0"}.get(major, "3.0"), "GPL"
    return f"{name}-{v}-{'or-later' if later else 'only'}"


def families(expr: str) -> set[str]:
    """Families of every id in an SPDX expression."""
    return {family(t) for t in (x.strip() for x in SPDX_TOKEN_SPLIT.split(expr)) if t}
