"""Forms added when the twelfth Chinese and thirteenth English blind sets became tuning batches (zh 14, en 16): a
header line "Copyright X" with no year or sign made a notice by the licence line after it, "Creative Commons" wrapped
inside a comment block, a credit request whose reuse list wraps onto the next line, a footer's '@' typed for © before a year and a
reservation, 引用 / 复制 before 请注明出处 as
the use a credit is asked for; and what each must leave alone: a 版权声明 heading over nothing but a reprint request
(no notice), a request an English sentence quotes in brackets, changelog lines naming copyright headers, licence
texts' own conditions, copyright-law prose, a repost's takedown line, users' illegal content, code strings."""

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
        (" * Copyright Example Foundation and other contributors\n * Released under the MIT license.\n",
         "copyright_notice", "Example Foundation"),
        ("# Copyright acmecorp\n#\n# Licensed under the Apache License, Version 2.0 (the \"License\");\n",
         "copyright_notice", "acmecorp"),
        ("/*\n * Copyright The Widget Authors\n *\n * SPDX-License-Identifier: Apache-2.0\n */", "copyright_notice",
         "Widget Authors"),
        ("// Copyright Jane Roe\n// This file is distributed under the BSD license.\n", "copyright_notice", "Jane Roe"),
        ("/// This work is licensed under a Creative Commons\n/// Attribution-ShareAlike 4.0 International License.",
         "licence", "Creative Commons"),
        ("Please give credit where credit is due, if copying,\nmodifying and/or sharing this script.",
         "attribution_required", "give credit"),
        ("<p>@2021 Northwind Traders. All Rights Reserved.</p>", "copyright_notice", "Northwind"),
    ],
)
def test_en_forms(scanner: CopyrightScanner, text: str, marker_class: str, covered: str) -> None:
    assert any(covered in s or s in covered for s in _spans(scanner, text, marker_class)), scanner.scan(text)


@pytest.mark.parametrize(
    ("text", "covered"),
    [
        ("* @Attention 如需引用请注明出处，谢谢！", "引用请注明出处"),
        ("1. 项目引用请注明出处", "引用请注明出处"),
        ("// 复制请注明来源：example.com", "复制请注明来源"),
        ("转载或引用请注明出处: www.example.net", "请注明出处"),
    ],
)
def test_zh_credit_for_other_uses(scanner: CopyrightScanner, text: str, covered: str) -> None:
    assert any(covered in s or s in covered for s in _spans(scanner, text, "attribution_required")), scanner.scan(text)


def test_zh_statement_heading(scanner: CopyrightScanner) -> None:
    # a heading over a claim is a notice; over nothing but a reprint request it claims nothing
    assert "copyright_notice" in _classes(scanner, "版权声明：本文为博主原创文章，转载请注明出处。")
    found = _classes(scanner, "<div><strong>版权声明：</strong>转载请注明作者与出处。</div>")
    assert "copyright_notice" not in found and "attribution_required" in found
    assert "copyright_notice" not in _classes(scanner, "版权声明：如需转载请注明出处。")


@pytest.mark.parametrize(
    "text",
    [
        # prose and changelog lines after the word, a licence line after them
        " * Copyright notice\n * Licensed under the MIT license.",
        "- Update copyright headers\n- Released under the MIT license from v2",
        "Copyright the authors of this file\nLicensed to you under MIT",
        "Copyright law differs by country.\nLicensed works keep their terms.",
        'msg = "Copyright holders"\n# Released under MIT',
        # a licence's own condition; a changelog line naming a year and an author
        "Redistributions of source code must retain the above copyright notice, this list of conditions and the "
        "following disclaimer.",
        "- 2025-03-02 Jane Roe: update copyright year in headers",
        # a credit wish that names no reuse of this work
        "Please give credit where credit is due.\n\nAnd thanks to all contributors.",
    ],
)
def test_en_hard_negatives(scanner: CopyrightScanner, text: str) -> None:
    found = _classes(scanner, text) & {"copyright_notice", "rights_reserved", "attribution_required", "no_reprint"}
    assert not found, scanner.scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # an address or a decorator before a reservation: the reservation stays, no notice from the '@'
        "write to sales@2023 Acme. All rights reserved.",
        "@Component 2023 Acme. All rights reserved.",
        'footer = "@2020 " + name + ". All rights reserved"',
    ],
)
def test_en_at_sign_is_no_notice(scanner: CopyrightScanner, text: str) -> None:
    assert "copyright_notice" not in _classes(scanner, text), scanner.scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # an English note quoting another document's terms in brackets
        "# A public deck carried honest handling terms (公开路演版·\n# 引用请注明出处) and failed review.",
        'The footer reads ("引用请注明出处") on every page.',
        # a repost's takedown line; users' own illegal content; copyright-law prose; a rule on others' works
        "本文转载自网络，如有侵权请联系删除。",
        "用户不得复制违法信息或侵犯他人著作权的内容。",
        "根据著作权法，引用他人作品应当注明作者姓名、作品名称。",
        "引用他人作品须注明出处，这是学术规范。",
    ],
)
def test_zh_hard_negatives(scanner: CopyrightScanner, text: str) -> None:
    found = _classes(scanner, text) & {"copyright_notice", "rights_reserved", "attribution_required", "no_reprint"}
    assert not found, scanner.scan(text)


def test_new_forms_cost_on_long_text(scanner: CopyrightScanner) -> None:
    """Near misses of the new forms, repeated over tens of kB, scan in well under a second each."""
    texts = [
        (" * Copyright " + "Acme " * 16 + "\n *\n *\n *\n * Licens\n") * 300,
        ("Creative Commons\n/// " * 40 + "Attrib\n") * 100,
        ("please give credit where credit is due, if modifying" + ",\nx" * 30 + "\n\n") * 150,
        ("(" + "word " * 6 + "引用" + "，但" * 12 + "请注\n") * 600,
        ("版权声明：" + "<b>" * 6 + "转载" + "\n") * 2000,
        ("@2023 " + "Ab " * 30 + "\n") * 2000,
    ]
    assert_scans_fast(scanner, texts)
