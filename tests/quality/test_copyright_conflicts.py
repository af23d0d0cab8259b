"""licence_conflicts and decide_copyright: the documented conflict table and the policy actions."""

from __future__ import annotations

import pytest

from corpusgov.quality.copyright import CopyrightScanner, decide_copyright, licence_conflicts
from corpusgov.quality.copyright_policy import CopyrightPolicy


@pytest.fixture(scope="module")
def scan():
    return CopyrightScanner().scan


@pytest.mark.parametrize(
    ("declared", "acquisition", "text", "codes"),
    [
        ("CC-BY-4.0", "open_licence", "本文禁止转载。", ["no_reprint_in_open_licence"]),
        (
            "CC-BY-4.0",
            "open_licence",
            "Copyright 2021 Foo. All rights reserved.",
            ["rights_reserved_in_open_licence"],
        ),
        ("CC-BY-4.0", "open_licence", "© 2021 Jane Doe, CC BY 4.0", []),
        ("CC-BY-4.0", "open_licence", "转载请注明出处", []),
        ("CC-BY-4.0", "open_licence", "Images: CC BY-NC 4.0", ["nc_licence_in_CC-BY-4.0"]),
        ("CC-BY-NC-4.0", "open_licence", "Images: CC BY-NC 4.0", []),
        ("CC-BY-4.0", "open_licence", "Images: CC BY-ND 4.0", ["nd_licence"]),
        ("CC-BY-4.0", "open_licence", "Images: CC BY-NC-ND 4.0", ["nc_licence_in_CC-BY-4.0", "nd_licence"]),
        (
            "CC-BY-4.0",
            "open_licence",
            "Code: SPDX-License-Identifier: GPL-3.0-only",
            ["licence_mismatch:GPL-3.0-only"],
        ),
        ("CC-BY-SA-4.0", "open_licence", "CC BY-SA 3.0", []),
        ("MIT", "open_licence", "SPDX-License-Identifier: Apache-2.0 OR MIT", []),
        ("CC-BY-4.0", "open_licence", "dedicated under CC0 1.0", []),
        ("CC0-1.0", "public_domain", "© 2020 Foo Ltd", ["copyright_notice_in_public_domain"]),
        (None, "commercial", "© 2021 Acme. All rights reserved. 禁止转载. CC BY-NC 4.0", []),
        (None, "user_authorised", "未经许可不得转载", []),
        (None, "commercial", '<meta name="robots" content="noai">', ["opt_out"]),
        (None, "self_collected", "未经许可不得转载", ["no_reprint_in_self_collected"]),
        (None, "self_collected", "All rights reserved.", ["rights_reserved_in_self_collected"]),
        (None, "self_collected", "CC BY-NC 4.0", ["nc_licence_in_self_collected"]),
        (None, "self_collected", "MIT License", []),
        (None, "self_collected", "© 2021 Foo Ltd", []),
        ("CC-BY-4.0", "open_licence", "禁止用于人工智能训练", ["opt_out"]),
    ],
)
def test_conflict_table(scan, declared, acquisition, text, codes) -> None:
    assert licence_conflicts(declared, acquisition, scan(text)) == codes


def test_no_findings_no_conflicts() -> None:
    assert licence_conflicts("CC-BY-4.0", "open_licence", []) == []


def test_decide_default_policy_flags_conflicts_drops_opt_out(scan) -> None:
    policy = CopyrightPolicy()
    action, reasons = decide_copyright(scan("本文禁止转载。"), "CC-BY-4.0", "open_licence", policy)
    assert (action, reasons) == ("keep", ["copyright:conflict:no_reprint_in_open_licence"])
    action, reasons = decide_copyright(scan("noai"), "CC-BY-4.0", "open_licence", policy)
    assert (action, reasons) == ("drop", ["copyright:opt_out"])


def test_decide_policy_actions(scan) -> None:
    findings = scan("All rights reserved. noai")
    drop_conflicts = CopyrightPolicy(conflict_action="drop", opt_out_action="flag")
    action, reasons = decide_copyright(findings, "CC-BY-4.0", "open_licence", drop_conflicts)
    assert action == "drop"
    assert reasons == ["copyright:opt_out", "copyright:conflict:rights_reserved_in_open_licence"]
    flag_all = CopyrightPolicy(conflict_action="flag", opt_out_action="flag")
    assert decide_copyright(findings, "CC-BY-4.0", "open_licence", flag_all)[0] == "keep"
    assert decide_copyright(findings, "CC-BY-4.0", "open_licence", CopyrightPolicy(enabled=False)) == (
        "keep",
        [],
    )
    # commercial source: © and reservations are not conflicts
    assert decide_copyright(
        scan("© 2021 Acme. All rights reserved."), None, "commercial", drop_conflicts
    ) == (
        "keep",
        [],
    )


def test_min_score_filters_weak_findings(scan) -> None:
    findings = scan("licensed under the Apache License")  # unversioned: score 0.8
    assert findings and findings[0].score < 0.9
    strict = CopyrightPolicy(min_score=0.9)
    assert decide_copyright(findings, "CC-BY-4.0", "open_licence", strict) == ("keep", [])
    action, reasons = decide_copyright(findings, "CC-BY-4.0", "open_licence", CopyrightPolicy())
    assert reasons == ["copyright:conflict:licence_mismatch:LicenseRef-Apache"]
