"""Rules for source-available licences named in text: PolyForm, Business Source, Server Side Public, Elastic,
Commons Clause. Why: projects that are public but not open ("本项目遵循 PolyForm Noncommercial License 1.0.0")
restrict commercial use or hosting; a training corpus must see them as licences, and the non-commercial ones as
restrictive (`licences.licence_terms`)."""

from __future__ import annotations

import re

from corpusgov.quality.copyright.rules_base import IGNORECASE, WE, WS, Group, Rule, rx

_POLYFORM_KINDS = {
    "noncommercial": "Noncommercial",
    "small business": "Small-Business",
    "shield": "Shield",
    "perimeter": "Perimeter",
    "internal use": "Internal-Use",
    "strict": "Strict",
    "free trial": "Free-Trial",
}


def _res_polyform(m: re.Match[str]) -> tuple[str | None, float]:
    kind = _POLYFORM_KINDS[re.sub(r"[\s\-]+", " ", m.group("kind").lower())]
    return f"PolyForm-{kind}-{m.group('ver') or '1.0.0'}", 0.95


def _res_named(m: re.Match[str]) -> tuple[str | None, float]:
    name = m.group(0).lower()
    if "business source" in name or name.startswith("busl"):
        return f"BUSL-{m.group('bver') or m.group('bver2') or '1.1'}", 0.95
    if "server side public" in name or name.startswith("sspl"):
        return "SSPL-1.0", 0.95
    if "commons clause" in name:
        return "LicenseRef-Commons-Clause", 0.9
    return "Elastic-2.0", 0.95


GROUPS: list[Group] = [
    (
        ("polyform",),
        [
            Rule(
                "polyform",
                "licence",
                rx(
                    WS + r"PolyForm[\s\-]+(?P<kind>Noncommercial|Small[\s\-]+Business|Shield|Perimeter|Internal[\s\-]+Use"
                    r"|Strict|Free[\s\-]+Trial)(?:[\s\-]+Licen[cs]e)?(?:[\s\-]+v?(?P<ver>1\.0\.0))?" + WE,
                    IGNORECASE,
                ),
                0.95,
                resolve=_res_polyform,
            ),
        ],
    ),
    (
        ("business source licen", "busl-1", "server side public licen", "sspl-1", "sspl v1", "elastic licen",
         "commons clause"),
        [
            Rule(
                "source_available",
                "licence",
                rx(
                    WS + r"(?:Business\s+Source\s+Licen[cs]e(?:\s+v?(?P<bver>1\.[01]))?|BUSL-(?P<bver2>1\.[01])"
                    r"|Server\s+Side\s+Public\s+Licen[cs]e(?:\s*(?:v|version\s*)?1(?:\.0)?)?|SSPL(?:-1\.0|\s+v1)"
                    r"|(?-i:Elastic\s+License)(?:\s+(?:v|version\s*)?2(?:\.0)?)?|Commons\s+Clause)" + WE,
                    IGNORECASE,
                ),
                0.95,
                resolve=_res_named,
            ),
        ],
    ),
]
