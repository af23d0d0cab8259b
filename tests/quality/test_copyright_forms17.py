"""Forms added when the tenth Chinese and eleventh English blind sets became tuning batches (zh 12, en 14): the
reservation inverted (所有权利保留), 请勿 + an act that passes the work on (重制 / 分发) + the work, use in a commercial
project that needs the holder's consent, a label ban listing its acts with commas only, "Copyright, X YEAR", an inline
element standing for the © sign, a list of three or more licences joined by spaced slashes (accepted, not declared);
and what each must leave alone: prose on whether rights are reserved, a ban on the
user's illegal content, a repost's takedown line, code strings, a licence's own conditions, changelog lines."""

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
        ("本教程由某某编写，所有权利保留。欢迎分享。", "rights_reserved", "所有权利保留"),
        ("<p>© 2020 星河工作室 一切权利均保留</p>", "rights_reserved", "一切权利均保留"),
        ("星河科技对本手册保留所有权利，请勿复印或分发本文档。", "no_reprint", "分发本文档"),
        ("请勿重制此文档。", "no_reprint", "重制此文档"),
        ("代码以非商业许可发布；商业项目中使用本代码须另获作者书面许可。", "no_reprint", "许可"),
    ],
)
def test_zh_forms(scanner: CopyrightScanner, text: str, marker_class: str, covered: str) -> None:
    assert any(covered in s or s in covered for s in _spans(scanner, text, marker_class)), scanner.scan(text)


@pytest.mark.parametrize(
    ("text", "marker_class", "covered"),
    [
        ("// Copyright (c) 2021 Acme Labs\n// All rights reserved. Unauthorized copying, distribution, or use prohibited.",
         "no_reprint", "copying, distribution, or use prohibited"),
        ("All rights reserved. Unauthorized copying, modification, redistribution prohibited.\n", "no_reprint",
         "prohibited"),
        ('<p className="copyright">Copyright, Northwind 2019</p>', "copyright_notice", "Northwind 2019"),
        ("<p>Copyright <span><Icon name={faCopyright}/></span> 2022 Contoso Travel, All rights reserved.</p>",
         "copyright_notice", "2022 Contoso Travel"),
        ("<footer>copyright <i class=\"fa fa-copyright\"></i> 2018 Fabrikam</footer>", "copyright_notice", "Fabrikam"),
    ],
)
def test_en_forms(scanner: CopyrightScanner, text: str, marker_class: str, covered: str) -> None:
    assert any(covered in s or s in covered for s in _spans(scanner, text, marker_class)), scanner.scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # prose on whether rights are reserved; a repost's takedown line; a user agreement's ban on illegal content
        "著作权人可以选择所有权利保留与否，这取决于许可协议。",
        "本文转自网络，如有侵权请联系删除。",
        "请勿分发违法信息或侵犯他人著作权的内容。",
        # a ban on the user's own files, not on this work; a question about a ban
        "请勿分发您的私钥文件。",
        # a licence's permission to redistribute; a shop's rule
        "允许复制、修改和分发本软件，但须保留上述版权声明。",
        "购买商品符合个人自用合理数量，禁止二次销售。",
    ],
)
def test_zh_hard_negatives(scanner: CopyrightScanner, text: str) -> None:
    found = _classes(scanner, text) & {"no_reprint", "copyright_notice", "rights_reserved", "attribution_required"}
    assert not found, scanner.scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # a login banner (no reproduction noun); a licence's own condition; a changelog line; copyright-law prose
        "Unauthorized access, login, or use prohibited.",
        "Redistribution and use in source and binary forms, with or without modification, are permitted provided "
        "that the following conditions are met:",
        "- 2021-03-04 Jane Roe: update copyright, bump version 2021",
        "In copyright, fair use is decided case by case.",
        # code naming the icon, with no year
        "<Icon name={faCopyright}/> copyright symbol icon",
        "const label = `Copyright <b>${holder}</b>`;",
    ],
)
def test_en_hard_negatives(scanner: CopyrightScanner, text: str) -> None:
    # (the BSD clause is a licence finding, as it should be: only the marks of a holder are checked)
    found = _classes(scanner, text) & {"no_reprint", "copyright_notice", "rights_reserved", "attribution_required"}
    assert not found, scanner.scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "④ 仓库未检出 LICENSE 的不用。安全档：Apache-2.0 / MIT / BSD-3-Clause / EPL-2.0 / CC0-1.0。",
        "Accepted for vendored code: MIT / ISC / BSD-2-Clause / Apache-2.0",
    ],
)
def test_licence_list_is_no_declaration(scanner: CopyrightScanner, text: str) -> None:
    assert "licence" not in _classes(scanner, text), scanner.scan(text)


@pytest.mark.parametrize(
    "text",
    ["This project is licensed under MIT / Apache-2.0.", "Licensed under the Apache License 2.0 / see LICENSE"],
)
def test_dual_licence_stays(scanner: CopyrightScanner, text: str) -> None:
    assert "licence" in _classes(scanner, text), scanner.scan(text)


def test_new_forms_cost_on_long_text(scanner: CopyrightScanner) -> None:
    """Near misses of the new forms, repeated over tens of kB, scan in well under a second each."""
    texts = [
        ("所有权利" + "保留与否" * 3 + "，所有权利保" * 20 + "\n") * 400,
        ("请勿" + "重制或" * 10 + "某某" * 20 + "\n") * 400,
        ("商业项目使用" + "代码" * 5 + "须另获" + "某" * 30 + "\n") * 500,
        ("Unauthorized copying" + ", distribution" * 40 + " allowed\n") * 100,
        ("Copyright " + "<span>" * 30 + " no year\n") * 200,
        ("Copyright, " + "Acme " * 10 + "\n") * 600,
        "Licensed under MIT / " + "abcdefghij / " * 4000 + "x",
    ]
    assert_scans_fast(scanner, texts)
