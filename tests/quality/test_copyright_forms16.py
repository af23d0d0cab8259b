"""Forms added when the ninth Chinese and tenth English blind sets became tuning batches (zh 11, en 13): a reservation
whose rights are described (保留著作权法规定的所有权利), a company-like holder that has the IP (X科技享有知识产权), a
rights' parenthetical listing the statutory rights, 重新分发 as a redistribution ban, 'No part of this X or its Y may be',
'are the confidential and proprietary information of X' with no subject in view, a site's content 'owned by or licensed
to X'; and what each must leave alone: a licence chooser's options, a badge cheat sheet, a bare © in a lint fixture, an
option premium (权利金), the law's default reservation for others' code, a person's rights in a court report, copyright-law
prose, takedown lines, users' own content, licence conditions, changelog lines."""

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
        ("<em>版权所属 © 2019 某站。著作权持有人保留著作权法规定的所有权利。</em>", "rights_reserved", "所有权利"),
        ("本资料受著作权法保护，星河科技享有知识产权、保留一切权利。", "copyright_notice", "享有知识产权"),
        (
            "本程序的全部著作权（含复制权、发行权、信息网络传播权、修改权、保护作品完整权等全部法定权利）均归李四（以下简称"
            "“著作权人”）独家所有。",
            "copyright_notice",
            "李四",
        ),
        ("模板仅供购买者使用，禁止公开重新分发原文件。", "no_reprint", "重新分发"),
    ],
)
def test_zh_forms(scanner: CopyrightScanner, text: str, marker_class: str, covered: str) -> None:
    assert any(covered in s or s in covered for s in _spans(scanner, text, marker_class)), scanner.scan(text)


@pytest.mark.parametrize(
    ("text", "marker_class", "covered"),
    [
        (" * No part of this library or its sample code may be sold or posted without the written consent of Acme Inc.",
         "no_reprint", "may be sold"),
        ("  are the confidential and\n  proprietary information of Northwind Traders Corporation and may not be",
         "copyright_notice", "Northwind Traders"),
        ("All text, graphics, and other content on this website are owned by or licensed to Contoso Partners and may "
         "not be reproduced without our prior written permission.", "copyright_notice", "Contoso Partners"),
        ("The content of our site is owned by Fabrikam Ltd.", "copyright_notice", "Fabrikam"),
    ],
)
def test_en_forms(scanner: CopyrightScanner, text: str, marker_class: str, covered: str) -> None:
    assert any(covered in s or s in covered for s in _spans(scanner, text, marker_class)), scanner.scan(text)


@pytest.mark.parametrize(
    "text",
    [
        '<select><option value="CC0-1.0">CC0 1.0</option><option value="CC-BY-4.0">CC BY 4.0</option>'
        '<option value="MIT">MIT</option></select>',
        "#### Creative Commons\n[![License: CC BY 4.0](https://img.shields.io/badge/License-CC%20BY%204.0-lightgrey.svg)]"
        "(https://creativecommons.org/licenses/by/4.0/)  \n`https://img.shields.io/badge/License-CC%20BY%204.0-lightgrey`",
    ],
)
def test_offered_or_documented_licence_is_no_finding(scanner: CopyrightScanner, text: str) -> None:
    assert "licence" not in _classes(scanner, text), scanner.scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "## License\n\n[![License: MIT](https://img.shields.io/badge/License-MIT-yellow.svg)](https://opensource.org/"
        "licenses/MIT)\n\nThis project is MIT licensed.",
        "<p>Licensed under CC BY 4.0</p>",
    ],
)
def test_own_licence_and_badge_stay(scanner: CopyrightScanner, text: str) -> None:
    assert "licence" in _classes(scanner, text), scanner.scan(text)


@pytest.mark.parametrize(
    "text",
    ['<string name="copyright">&#169;</string>', "label.text = '©'", "<span>©</span>"],
)
def test_bare_sign_is_no_notice(scanner: CopyrightScanner, text: str) -> None:
    assert "copyright_notice" not in _classes(scanner, text), scanner.scan(text)


@pytest.mark.parametrize(
    "text",
    ['<string name="copyright">© 2012 amsoft.cn</string>', "<p>©2022 MovieFever Pte Ltd.</p>", "<span>© Acme</span>"],
)
def test_sign_with_year_or_holder_stays(scanner: CopyrightScanner, text: str) -> None:
    assert "copyright_notice" in _classes(scanner, text), scanner.scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # an option premium; the law's default for others' unlicensed code
        "→ Call 到期作废, 保留全部权利金 $120.00",
        "上游仓库无 LICENSE 文件，依法默认保留全部权利，当前仅供本机自用。",
        # a person's rights in a court report; copyright-law prose
        "法院认为，李某使用软件制作的图片具备独创性，受到著作权法保护，李某享有著作权。",
        "著作权法规定的作品都支持，包括文字作品、计算机软件等。",
        # a repost's takedown line; a user agreement's ban on users' own illegal content; a shop's rule on goods
        "本文转自网络，如有侵权请联系删除。",
        "用户不得发布侵犯他人著作权的内容，不得上传违法信息。",
        "购买商品符合个人自用合理数量，禁止二次销售。",
    ],
)
def test_zh_hard_negatives(scanner: CopyrightScanner, text: str) -> None:
    found = _classes(scanner, text) & {"no_reprint", "copyright_notice", "rights_reserved", "attribution_required"}
    assert not found, scanner.scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # a licence's own condition, a changelog line naming a year and an author, code and prose
        "3. Neither the name of the copyright holder nor the names of its contributors may be used to endorse or "
        "promote products derived from this software without specific prior written permission.",
        "- 2021-03-04 Jane Roe: bump copyright year, no part of the API changed",
        "No part of the payment may be refunded once the order has shipped.",
        "The file format is proprietary to the vendor.",
        "All logos on this website are owned by their respective owners.",
        "What constitutes fair use in copyright law?",
    ],
)
def test_en_hard_negatives(scanner: CopyrightScanner, text: str) -> None:
    found = _classes(scanner, text) & {"no_reprint", "copyright_notice", "licence", "attribution_required"}
    assert not found, scanner.scan(text)


def test_new_forms_cost_on_long_text(scanner: CopyrightScanner) -> None:
    """Near misses of the new forms, repeated over tens of kB, scan in well under a second each."""
    texts = [
        ("保留" + "某某某某某某某某某某某某某" * 3 + "所有权利金\n") * 800,
        ("版权（" + "复制权、" * 14 + "）均归" + "某" * 50 + "\n") * 300,
        ("No part of " + "this thing or its other " * 6 + "item\n") * 600,
        ("content on this website are owned by or licensed to " + "x " * 30 + "\n") * 400,
        ("[![License: CC BY 4.0](https://img.shields.io/x" + "y" * 200 + "\n") * 200,
        ('<option value="' + "MIT" * 20 + '">\n') * 800,
    ]
    assert_scans_fast(scanner, texts)
