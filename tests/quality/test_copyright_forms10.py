"""Forms added when the third Chinese and fourth English blind sets became tuning batches (zh 5, en 7): the work
owned, a reprint that asks for contact first, markup inside a notice, a ban list of three
uses, a ban on the work's use in some setting without permission, site terms' banned acts, 'wishing to use …
must obtain a licence', attribution *to* someone; and the mentions each must leave alone (a tag list, a form
caption, copying into a place, a ban whose object is a logo, a licence's own terms)."""

from __future__ import annotations

import time

import pytest

from corpusgov.quality.copyright import CopyrightScanner
from tests.quality.copyright_helpers import classes as _classes
from tests.quality.copyright_helpers import spans as _spans


@pytest.fixture(scope="module")
def scanner() -> CopyrightScanner:
    return CopyrightScanner()


@pytest.mark.parametrize(
    ("text", "marker_class", "covered"),
    [
        (
            "相关商标、商号及其他知识产权均为某某联盟的专有财产。",
            "copyright_notice",
            "知识产权均为某某联盟的专有财产",
        ),
        ("/**\n * 本项目归 张三 所有\n */", "copyright_notice", "本项目归 张三 所有"),
        ("原创文章，如需转载，请联系作者。", "no_reprint", "如需转载，请联系"),
        ("本作品不得以任何方式用于商业用途。", "no_reprint", "不得以任何方式用于商业用途"),
        ("<p>转载 <b>必须</b> 注明出处！</p>", "attribution_required", "注明出处"),
        ("t('转载请务必注明作者及出处。')", "attribution_required", "转载请务必注明作者"),
    ],
)
def test_zh_forms(scanner: CopyrightScanner, text: str, marker_class: str, covered: str) -> None:
    assert any(covered in s for s in _spans(scanner, text, marker_class)), scanner.scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # a page about copyright law; "protected by copyright" names no holder (labelled so in both languages)
        "本文介绍作品受著作权法保护的条件和期限。",
        "本站内容受版权法保护。",
        "根据《著作权法》，知识产权是权利人依法享有的专有权利。",
        # a repost's takedown line, a user agreement's ban on illegal content
        "本文转自网络，如有侵权请联系删除。",
        "用户不得以任何方式用于违法用途。",
        # a forum rule naming tags, a form's radio captions
        "禁止发布标题中带 禁转/独占/谢绝转载/限时禁转 标签的种子",
        '<input type="radio" name="c" id="n"><label for="n">谢绝转载</label>',
        '<option value="3">禁止转载</option>',
        # copying into a place; a ban on copying a logo
        "真实数据严禁复制进仓库或日志。",
        "严禁复制或仿冒品牌 logo、商标。",
        # code: merge sort, a pattern list
        "// 此代码归并两个有序数组所有元素",
        'KEYS = ["禁止转载", "版权所有"]',
    ],
)
def test_zh_hard_negatives(scanner: CopyrightScanner, text: str) -> None:
    assert not _classes(scanner, text) & {"no_reprint", "copyright_notice", "attribution_required"}, (
        scanner.scan(text)
    )


@pytest.mark.parametrize(
    ("text", "marker_class", "covered"),
    [
        (
            "This Book may not be reproduced, published, distributed or stored in any retrieval system.",
            "no_reprint",
            "may not be reproduced",
        ),
        (
            "; This software may not be used in commercial applications\n; without express written permission.",
            "no_reprint",
            "may not be used",
        ),
        (
            "You agree not to reproduce, distribute, or create derivative works from any content on this site without "
            "express written permission.",
            "no_reprint",
            "agree not to reproduce",
        ),
        (
            '  "Copy, duplicate, or exploit any portion of the Website without express written permission.",',
            "no_reprint",
            "Copy, duplicate",
        ),
        (
            "You may not use, copy, or modify any part of this repository without written permission from the author.",
            "no_reprint",
            "You may not use",
        ),
        (
            "** Anyone wishing to use this Software must contact Acme Ltd. to obtain a license.",
            "no_reprint",
            "wishing to use this Software",
        ),
        (
            "// trade secrets: confidential and proprietary trade secrets of\n// Acme Ltd., and should at no time be "
            "copied or distributed without written permission.",
            "no_reprint",
            "should at no time be",
        ),
        (
            "// confidential and proprietary trade secrets of\n// Acme Ltd.",
            "copyright_notice",
            "trade secrets of",
        ),
        (
            "This software is supplied under a license agreement with Acme Corp. and may not be copied or disclosed "
            "except in accordance with the terms of that agreement.",
            "no_reprint",
            "may not be copied",
        ),
        (
            "All derivative works must include clear attribution to the original author.",
            "attribution_required",
            "attribution to",
        ),
    ],
)
def test_en_forms(scanner: CopyrightScanner, text: str, marker_class: str, covered: str) -> None:
    assert any(covered in s for s in _spans(scanner, text, marker_class)), scanner.scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # a privacy promise, counterfeit goods, a page about the law
        "The information you provide will not be sold, shared or disclosed to third parties.",
        "We do not sell unauthorized reproductions of designer handbags.",
        "Whether a work may be copied without permission depends on fair use.",
        # a BSD clause on names; a trademark term
        "The names of the contributors must not be used to endorse or promote products derived from this software "
        "without specific prior written permission.",
        'The name "Foo" is a trademark of Bar. You may not use this name in derivative works without permission.',
        # CC's credit clause has no "credit to" someone
        "You must give appropriate credit, provide a link to the license, and indicate if changes were made.",
        # contributors, not users of the work
        "Anyone wishing to contribute to this project must sign the contributor agreement.",
        # code comments
        "# The buffer may not be copied, moved, or resized while a view exists.",
    ],
)
def test_en_hard_negatives(scanner: CopyrightScanner, text: str) -> None:
    assert not _classes(scanner, text) & {"no_reprint", "copyright_notice", "attribution_required"}, (
        scanner.scan(text)
    )


def test_en_open_licence_terms_stay_licence_findings(scanner: CopyrightScanner) -> None:
    """A dual licence's "may not be copied, modified, or distributed except according to those terms" is the licence."""
    text = (
        "// Licensed under the Apache License, Version 2.0 or the MIT license, at your option.\n"
        "// This file may not be copied, modified, or distributed except according to those\n// terms."
    )
    classes = _classes(scanner, text)
    assert "licence" in classes and "no_reprint" not in classes


def test_new_forms_cost_on_long_text(scanner: CopyrightScanner) -> None:
    """Near misses of the new forms, repeated over tens of kB, scan in well under a second each."""
    texts = [
        ("Anyone wishing to use this software " + "and the content " * 30 + "\n** ") * 200,
        ("You agree not to copy, " * 2000),
        ("This software may not be used " + "in the setting " * 40 + "\n; ") * 200,
        ("The Book may not be reproduced, " + "published, " * 20 + "\n * ") * 200,
        ("此代码归" + "某某" * 20 + "，") * 500,
        ("本站内容" + "的说明" * 10 + "受到") * 1000,
    ]
    for text in texts:
        t = time.perf_counter()
        scanner.scan(text)
        assert time.perf_counter() - t < 1.0, text[:60]


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        ("直接 fork 上游版本：成本最低，MIT 协议允许。", False),
        ("ModernWMS 的 MIT 协议允许商业使用和修改。", False),
        ("Yes! The MIT License allows commercial use.", False),
        ("本项目采用 MIT 协议。MIT 协议允许商业使用。", True),
        ("This project is licensed under the MIT License. The MIT License allows free use.", True),
    ],
)
def test_licence_described_not_declared(scanner: CopyrightScanner, text: str, declared: bool) -> None:
    """A licence that is the subject of what it allows is described; a declaration elsewhere still counts."""
    assert ("licence" in _classes(scanner, text)) == declared, scanner.scan(text)


def test_zh_ban_on_submitting_unlicensed_reposts_is_no_notice(scanner: CopyrightScanner) -> None:
    assert "no_reprint" not in _classes(scanner, "请勿提交未经许可转载的课程、书籍全文或付费材料。")
    assert "no_reprint" in _classes(scanner, "禁止任何人未经许可转载本站文章。")


def test_indented_quoted_lines_cost(scanner: CopyrightScanner) -> None:
    """LilyPond markup: indented quoted lines near "redistribution … is permitted" (a near miss of the prohibited
    forms). With a non-atomic gap each line's indentation could be split between the line break and the next units in
    as many ways as it has spaces: this 3.9 kB text took 52 s; an atomic gap gives it up in linear time."""
    text = (
        '      \\fill-line {\n        \\line {\n          "Unrestricted modification and redistribution"\n'
        '          "is permitted and encouraged - copy this music"\n          "and share it!"\n        }\n      }\n'
    ) * 20
    t = time.perf_counter()
    scanner.scan(text)
    assert time.perf_counter() - t < 1.0
