"""Forms added when the eleventh Chinese and twelfth English blind sets became tuning batches (zh 13, en 15):
REUSE's ``SPDX-FileCopyrightText:`` header tag, "the confidential and the exclusive property of X", acts on this work
"prohibited without the … permission of X", a ban inside a comment box whose right border is ``//``, and 署名 right
after a use's modal (分享和改编（需署名）); and what each must leave alone: a linter's or template's tag, a login banner,
copyright-law prose, a repost's takedown line, a user agreement's ban on illegal content, a contract's signature,
the right of authorship named, a licence's own condition, changelog lines."""

from __future__ import annotations

import pytest

from corpusgov.quality.copyright import CopyrightScanner
from tests.quality.copyright_helpers import assert_scans_fast
from tests.quality.copyright_helpers import classes as _classes
from tests.quality.copyright_helpers import spans as _spans


@pytest.fixture(scope="module")
def scanner() -> CopyrightScanner:
    return CopyrightScanner()


@pytest.mark.parametrize(
    ("text", "marker_class", "covered"),
    [
        ("# SPDX-FileCopyrightText: 2019 Jane Roe <jane@example.org>\n# SPDX-License-Identifier: MIT\n",
         "copyright_notice", "Jane Roe"),
        ("// SPDX-FileCopyrightText: © 2024 Acme Robotics GmbH\n", "copyright_notice", "Acme Robotics"),
        ("-- SPDX-FileCopyrightText: Copyright The Foo Project contributors\n", "copyright_notice", "Foo Project"),
        (" * The information herein is the confidential and the exclusive property of\n * Blue Fern Ltd. and may not be"
         " disclosed.", "copyright_notice", "Blue Fern"),
        ("This manual is the proprietary and sole property of Northwind Inc.", "copyright_notice", "Northwind"),
        ("# Any copying or modification of this file\n# is strictly prohibited without the prior written consent of"
         " Initech.", "no_reprint", "prohibited without"),
        ("Translation of this document is forbidden without permission of the author.", "no_reprint", "forbidden"),
        ("/* This  //\n// program may not be reproduced, distributed or disclosed in whole or in part.   //\n",
         "no_reprint", "reproduced"),
    ],
)
def test_en_forms(scanner: CopyrightScanner, text: str, marker_class: str, covered: str) -> None:
    assert any(covered in s or s in covered for s in _spans(scanner, text, marker_class)), scanner.scan(text)


@pytest.mark.parametrize(
    ("text", "covered"),
    [
        ("- ✅ 非商业目的的分享和改编（需署名）", "需署名"),
        ("欢迎转载，但须署名。", "须署名"),
        ("引用本文请署名并附链接。", "请署名"),
    ],
)
def test_zh_credit_by_name(scanner: CopyrightScanner, text: str, covered: str) -> None:
    assert any(covered in s for s in _spans(scanner, text, "attribution_required")), scanner.scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # a linter's string and a template naming the tag; a tag with no assertion
        'if not line.startswith("SPDX-FileCopyrightText:"):\n    fail()',
        "# SPDX-FileCopyrightText: {{ year }} {{ author }}",
        "SPDX-FileCopyrightText: NOASSERTION",
        # login banners: use of a system, not of a work
        "Operation of this device is prohibited without authorization.",
        "Access to this server is strictly prohibited without permission.",
        # copyright-law prose; a changelog line naming a year and an author; a licence's own condition
        "Whether copying of this kind is prohibited without consent was debated in court.",
        "- 2024-05-01 John Smith: SPDX headers, bump copyright year",
        "Redistributions of source code must retain the above copyright notice, this list of conditions and the "
        "following disclaimer.",
        # ownership of things that are not a work
        "The vehicle is the confidential and the exclusive property of the lessee.",
    ],
)
def test_en_hard_negatives(scanner: CopyrightScanner, text: str) -> None:
    found = _classes(scanner, text) & {"no_reprint", "copyright_notice", "rights_reserved", "attribution_required"}
    assert not found, scanner.scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # a contract's signature; the right of authorship named; a rule on others' works
        "合同需署名盖章后生效。",
        "转载作品需署名权人同意。",
        "引用他人作品须署名，这是学术规范。",
        # a repost's takedown line; a user agreement's ban on the user's own illegal content; copyright-law prose
        "本文转载自网络，如有侵权请联系删除。",
        "用户不得分享违法信息或侵犯他人著作权的内容。",
        "根据著作权法，署名权属于作者。",
    ],
)
def test_zh_hard_negatives(scanner: CopyrightScanner, text: str) -> None:
    found = _classes(scanner, text) & {"no_reprint", "copyright_notice", "rights_reserved", "attribution_required"}
    assert not found, scanner.scan(text)


def test_new_forms_cost_on_long_text(scanner: CopyrightScanner) -> None:
    """Near misses of the new forms, repeated over tens of kB, scan in well under a second each."""
    texts = [
        ("SPDX-FileCopyrightText: " + "{x} " * 30 + "\n") * 300,
        ("of this software" + " and that" * 20 + " is prohibited with\n") * 150,
        ("is the confidential and the " * 20 + "property\n") * 150,
        ("This  //\n// software may" + " not" * 10 + "   //\n") * 600,
        ("转载" + "，但" * 20 + "须署" + "\n") * 600,
    ]
    assert_scans_fast(scanner, texts)
