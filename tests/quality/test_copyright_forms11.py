"""Forms added when the fourth Chinese and fifth English blind sets became tuning batches (zh 6, en 8): a ban whose
object is the work itself, an unauthorised use declared an infringement, a use of the work then a request to credit
it, a request to keep the credits, a holder keeping the copyright, a paid licence for use; 'No portion of', an act on the
work named as a noun and prohibited, the work owned by X, a 'Not for resale' label, 'if cloned please give credit';
and the hard negatives each must leave alone (law pages, takedown lines, user agreements, counterfeits, code, licences'
own conditions, citation requests)."""

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
        ("本站文章版权归作者与本站共有。", "copyright_notice", "版权归作者与本站共有"),
        ("未征得本站书面同意之前，请勿将本文用于商业用途。", "no_reprint", "未征得本站书面同意之前"),
        ("// 3. 不得传播本软件的安装包和源码。", "no_reprint", "不得传播本软件"),
        ("用户无权将源码转让或出租给第三方使用。", "no_reprint", "无权将源码转让"),
        ("严禁对本教程进行改编并公开发布。", "no_reprint", "严禁对本教程进行改编"),
        ("未经许可的转载均视为侵权。", "no_reprint", "未经许可的转载均视为侵权"),
        ("分享本文时请在文首注明原文链接。", "attribution_required", "文首注明原文"),
        ("引用本教程的内容，须在显著位置标明作者。", "attribution_required", "标明作者"),
        ("二次开发请保留原作者署名信息。", "attribution_required", "请保留原作者署名信息"),
        ("本文为原创，博主保留版权。", "rights_reserved", "博主保留版权"),
        ("本文为原创，博主保留版权。", "copyright_notice", "博主保留版权"),
        ("商用本字体须购买商业授权。", "no_reprint", "商用本字体须购买商业授权"),
    ],
)
def test_zh_forms(scanner: CopyrightScanner, text: str, marker_class: str, covered: str) -> None:
    assert any(covered in s or s in covered for s in _spans(scanner, text, marker_class)), scanner.scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # pages about copyright law
        "根据《著作权法》第十条，未经著作权人许可，复制、发行其作品的，构成侵权。",
        "未经许可使用他人作品是侵权行为吗？",
        "作者是否保留版权，取决于所选的许可协议。",
        # a repost's takedown line; a forum's rule on users' reposts
        "本文转自网络，如有侵权请联系删除。",
        "转载他人文章必须注明出处，否则删帖。",
        # a user agreement's ban on the user's illegal content
        "用户不得利用本软件传播违法信息。",
        # an agent's and a commit rule's 禁止
        "禁止将代码直接推送到 main 分支。",
        "请保留个人信息以便联系。",
        # a licence's own condition to keep notices (Chinese BSD): licence wording, not a request
        "对于本软件源代码的再散播，必须保留上述的版权宣告、本条件列表，以及下述的免责声明。",
        # keep the copyright info: a request, never a reservation
        "转载请保留版权信息。",
    ],
)
def test_zh_hard_negatives(scanner: CopyrightScanner, text: str) -> None:
    found = _classes(scanner, text)
    if text.startswith("转载请保留版权信息"):
        assert "rights_reserved" not in found, scanner.scan(text)
    else:
        assert not found & {"no_reprint", "rights_reserved", "attribution_required"}, scanner.scan(text)


@pytest.mark.parametrize(
    ("text", "marker_class", "covered"),
    [
        (
            "# No portion of this manual may be altered or reused without written permission.",
            "no_reprint",
            "No portion of this manual may be altered",
        ),
        (
            "// Any reproduction or republication of all or part of Acme Software is strictly prohibited.",
            "no_reprint",
            "reproduction or republication",
        ),
        ("Resale of this software is expressly prohibited.", "no_reprint", "Resale of this software"),
        (" * This code is owned by Acme Labs.", "copyright_notice", "owned by Acme Labs"),
        ("(c) 2024 Kim. Not for resale.", "no_reprint", "Not for resale"),
        ("// If you fork this, please give credit!", "attribution_required", "please give credit"),
        ("// Copyright by Acme Labs!", "copyright_notice", "Copyright by Acme Labs"),
    ],
)
def test_en_forms(scanner: CopyrightScanner, text: str, marker_class: str, covered: str) -> None:
    assert any(covered in s or s in covered for s in _spans(scanner, text, marker_class)), scanner.scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # counterfeits and law
        "Buyers beware: unauthorized reproductions of the bag are sold online.",
        "Unauthorized reproduction of copyrighted works is prohibited by law.",
        # code comments and rules
        "# Use of this endpoint is prohibited in production.",
        "// the file is owned by root and not writable",
        "The repository is owned by the user who created it.",
        "WHEN x = 1 THEN 'Mfg item - not for resale'",
        # a citation request, a community rule
        "If you use this package for your research please give credit by citing our paper.",
        "Although it is not required please give credit to your artists.",
        # a permissive licence's own conditions
        "Redistribution and use in source and binary forms, with or without modification, are permitted provided that"
        " the following conditions are met: Redistributions of source code must retain the above copyright notice.",
    ],
)
def test_en_hard_negatives(scanner: CopyrightScanner, text: str) -> None:
    assert not _classes(scanner, text) & {"no_reprint", "copyright_notice", "attribution_required"}, (
        scanner.scan(text)
    )


def test_new_forms_cost_on_long_text(scanner: CopyrightScanner) -> None:
    """Near misses of the new forms, repeated over tens of kB, scan in well under a second each."""
    texts = [
        ("不能" + "将本项目" + "的说明文字" * 8 + "，") * 800,
        ("未经许可的" + "使用方式" * 10 + "\n") * 800,
        ("转载" + "本文内容" * 10 + "请在" * 5 + "，") * 800,
        ("请保留" + "某某" * 10 + "，") * 1000,
        ("Any use, modification, " * 3 + "of the " + "software and " * 30 + "\n * ") * 200,
        ("If you clone " + "this and that " * 10 + "\n// ") * 400,
        ("x. Not for " * 2000),
    ]
    for text in texts:
        t = time.perf_counter()
        scanner.scan(text)
        assert time.perf_counter() - t < 1.0, text[:60]
