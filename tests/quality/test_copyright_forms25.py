"""Forms added when the eighteenth Chinese and nineteenth English blind sets became tuning batches (zh 20, en 22): a
ban on reselling an open project (禁止二次售卖, not a shop's 禁止二次销售); a 版权归属 whose holder is a template's slot is
no notice; a ban only on uses outside the licence's terms is the licence's condition; an SBOM's per-package licence
field is a listed component's licence; an unauthorised copy declared unlawful with no object named is a ban; "please
link back if you use this code"; 使用时请注明作者; "协议说明：Apache2.0". Hard negatives include the ones every round
keeps (copyright-law pages, takedown lines, users' illegal content, licence texts' own conditions, changelog lines,
access banners, code strings)."""

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
        ("本项目为开源作品，禁止二次售卖。", "no_reprint", "二次售卖"),
        ("- 作者：示例 · 项目禁止二次出售，可以自行修改", "no_reprint", "二次出售"),
        ("/****\n 禁止二次售卖\n*****/", "no_reprint", "禁止二次售卖"),
        ("UNAUTHORIZED DUPLICATION IS A VIOLATION OF STATE, FEDERAL AND INTERNATIONAL LAWS.", "no_reprint",
         "UNAUTHORIZED DUPLICATION"),
        ("Unauthorized reproduction is illegal.", "no_reprint", "Unauthorized reproduction"),
        (" *   Copyright (c) 2008 Example\n *   (please link back if you use this code!)", "attribution_required",
         "please link back if you use"),
        ("数据采用 CC BY 4.0，使用时请注明作者和本发布版本。", "attribution_required", "注明作者"),
        ("依据知识共享署名 4.0 授权 — 重新使用时请注明作者并链接至原文。", "attribution_required", "注明作者"),
        (" * 版权归属：示例团队\n * 协议说明：Apache2.0（ 文件顶端 ）", "licence", "Apache2.0"),
        ("版权归属：鹰角网络\n", "copyright_notice", "版权归属"),
    ],
)
def test_forms(scanner: CopyrightScanner, text: str, marker_class: str, covered: str) -> None:
    assert any(covered in s or s in covered for s in _spans(scanner, text, marker_class)), scanner.scan(text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a shop's rule on goods
        ("购买商品符合个人自用合理数量，禁止二次销售。", "no_reprint"),
        # a detector's template slot as the holder
        ('"company_text": f"该图像版权归属：{company}",', "copyright_notice"),
        ("label = `版权归属：${owner}`;", "copyright_notice"),
        # the licence's own condition restated
        ("// License: see the repository's license. Unauthorized duplication, \n// Modification, or distribution of "
         "this script outside the license terms is prohibited.", "no_reprint"),
        # SBOM fields of listed packages
        ("      licenseDeclared: 'Apache-2.0',\n      licenseConcluded: 'Apache-2.0',", "licence"),
        ('PackageLicenseDeclared: Apache-2.0', "licence"),
        # a page on the law, naming what is copied
        ("Unauthorized copying of software is a crime in many countries, the article explains whether", "no_reprint"),
        # link back to a ticket
        ("Please link back to the issue when you open a PR.", "attribution_required"),
        # copyright-law prose, a takedown line, users' illegal content
        ("根据《著作权法》第十条，著作权包括复制权、发行权。", "no_reprint"),
        ("本站内容来源于网络，如有侵权请联系删除。", "no_reprint"),
        ("用户不得上传、传播含有违法、暴力、色情内容。", "no_reprint"),
        # a licence's own condition, a changelog line, an access banner
        ("Redistributions of source code must retain the above copyright notice.", "no_reprint"),
        ("- 2024-03-01 Jane Roe: use the new credits file", "attribution_required"),
        ("Unauthorized access to this system is prohibited and will be prosecuted.", "no_reprint"),
        ("未经授权禁止访问本系统。", "no_reprint"),
    ],
)
def test_negatives(scanner: CopyrightScanner, text: str, absent: str) -> None:
    assert absent not in _classes(scanner, text), scanner.scan(text)


def test_stress(scanner: CopyrightScanner) -> None:
    assert_scans_fast(
        scanner,
        [
            "禁止二次" * 6000,
            "版权归属：{" * 4000,
            "版权归属：${a" * 3000,
            "unauthorized duplication is a " * 1500,
            "outside the license " * 2000,
            "licenseDeclared: '" * 2000 + "Apache-2.0",
            "please link back if you " * 1500,
            "使用时请" * 6000,
            "协议说明：Apache" * 3000,
        ],
    )
