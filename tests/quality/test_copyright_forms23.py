"""Forms added when the sixteenth Chinese and seventeenth English blind sets became tuning batches (zh 18, en 20): a
credit asked for by "please give appropriate credit" closed by the sentence or by how to credit, a permission to the
reader "free to use … with attribution", the text's own work (this / our) banned from being redistributed, terms of use
opening a list of banned copying acts, "this source code copyrighted by X", 版权归X（…）， and a quoted block's line break
inside a Chinese owner, commercial uses named by their end (商业盈利 / 商业产品 / 商业出版), 请保留来源 as a sentence after
the licence. Hard negatives include the ones every round keeps (copyright-law pages, takedown lines, users' illegal
content, licence texts' own conditions, changelog lines, access banners, code strings)."""

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
        ("You may fork and adapt the notebooks, but please give appropriate credit.", "attribution_required",
         "please give appropriate credit"),
        ("Reuse the sprites as you like; kindly give proper credit by mentioning the artist in your README.",
         "attribution_required", "kindly give proper credit"),
        ("In your papers, please give appropriate credit, provide a link to the license, and note changes.",
         "attribution_required", "please give appropriate credit"),
        ("You are free to copy and adapt these notes\nwith attribution to the course staff.", "attribution_required",
         "free to copy"),
        ("# Welcome to reuse the table with attribution to Example Labs.", "attribution_required", "reuse"),
        (" * This file may not be redistributed apart from the archive it ships in.", "no_reprint",
         "may not be redistributed"),
        ("/* Our software is licensed per seat and it may not be resold to third parties. */", "no_reprint",
         "may not be resold"),
        ("By using the Service you agree. You may not, directly or indirectly:\n- copy, frame or mirror any part",
         "no_reprint", "copy"),
        ("// This game code copyrighted by Example Games Ltd (1998-2003)", "copyright_notice",
         "copyrighted by Example Games Ltd"),
        ("本仓库代码为 MIT；插画素材版权归示范工作室（见 CREDITS.md），不得单独打包出售。", "copyright_notice", "版权归示范工作室"),
        ("> 本项目中的曲目版权归 **某乐队** 及相关权利方\n> 所有，仅供学习。", "copyright_notice", "版权归"),
        ("本工具仅供学习，严禁用于商业盈利。", "no_reprint", "严禁用于商业盈利"),
        ("- 禁止直接用于商业产品\n", "no_reprint", "禁止直接用于商业产品"),
        ("未经作者允许，严禁用于商业出版。", "no_reprint", "严禁用于商业"),
        ("本模型遵循 Apache-2.0 许可。使用与再发布请保留来源说明。", "attribution_required", "请保留来源"),
    ],
)
def test_forms(scanner: CopyrightScanner, text: str, marker_class: str, covered: str) -> None:
    assert any(covered in s or s in covered for s in _spans(scanner, text, marker_class)), scanner.scan(text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a citation request and a licence's own condition
        ("If you use this tool in research, please give credit by citing our paper.", "attribution_required"),
        ("Attribution — You must give appropriate credit, provide a link to the license.", "attribution_required"),
        # credit to upstreams, to a reviewer
        ("AGPL-3.0, with attribution to [Kiwi IRC](https://example.org).", "attribution_required"),
        ("I've added that for the next version with attribution to you.", "attribution_required"),
        # others' records, a reproduced bug, a licence's own condition
        ("# since 'Scopus' records may not be redistributed.", "no_reprint"),
        ("    # the failure mode this file exists to catch, so it must not be reproduced by the check itself.", "no_reprint"),
        ("This file may not be redistributed except according to the terms of the licence.", "no_reprint"),
        # terms of use on lawful use
        ("You may use our website only for lawful purposes. You may not use our website:\n  - in any way that breaches "
         "any applicable law", "no_reprint"),
        ("You may not continue until you do so.", "no_reprint"),
        # another's work, owners named generically
        ("The photo, copyrighted by their respective owners, is shown for review.", "copyright_notice"),
        ("Which book is copyrighted by Penguin? We discuss whether it matters.", "copyright_notice"),
        # ownership as a question or a statute, a takedown line, users' illegal content
        ("这首歌的版权归谁（作者还是公司），大家怎么看？", "copyright_notice"),
        ("根据《著作权法》，职务作品版权归单位（法人），作者享有署名权。", "copyright_notice"),
        ("本文转载自网络，如有侵权请联系删除。", "no_reprint"),
        ("用户不得利用本站发布违法信息，严禁用于非法盈利。", "no_reprint"),
        # a changelog line, an access banner
        ("- 2025-01-02 Jane Roe: keep the source credit in the footer", "attribution_required"),
        ("WARNING: Unauthorized access to this system is prohibited.", "no_reprint"),
    ],
)
def test_negatives(scanner: CopyrightScanner, text: str, absent: str) -> None:
    assert absent not in _classes(scanner, text), scanner.scan(text)


def test_stress(scanner: CopyrightScanner) -> None:
    assert_scans_fast(
        scanner,
        [
            "please give credit " * 2000,
            "free to use " * 2500 + "with",
            "free to use a\n" * 2500 + "with attribution",
            "this software " * 2500 + "may not be",
            "this file and " * 2500,
            "you may not " * 2500 + ":",
            "you may not x:" + " " * 30_000 + "copy",
            "this code copyrighted by " * 1500,
            "版权归" * 8000 + "（",
            "版权归X\n> " * 5000 + "所有",
            "严禁用于" * 8000,
            "。请保留" * 8000,
        ],
    )
