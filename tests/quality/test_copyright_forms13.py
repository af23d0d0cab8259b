"""Forms added when the sixth Chinese and seventh English blind sets became tuning batches (zh 8, en 10): 未经授权均为剽窃
(a use without leave declared theft), a ban whose actor carries a parenthetical and which leads a list (不得进行以下…行为：),
rights whose noun and owner carry parentheticals; a pronoun's ban right after an ownership sentence, 'No license is
granted to reproduce … without permission', what the document contains (therein / herein) as a ban's subject, 'Content on
this site … belongs to {siteName}', 'Please give credit to the author'; and the hard negatives each must leave alone."""

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
        ("* @Copyright © 2024 版权所有，未经授权均为剽窃，作者保留一切权利", "no_reprint", "未经授权均为剽窃"),
        ("本站文章版权所有，未经许可的转载一律视为侵权。", "no_reprint", "一律视为侵权"),
        (
            "未经本公司书面许可，任何个人或组织（包括但不限于学员）不得进行以下任何形式的行为：\n1. 录屏。",
            "no_reprint",
            "行为：",
        ),
        (
            "本课程的全部知识产权（包括但不限于著作权等）均归“某某”及其创始人（以下\n简称“版权方”）所有。",
            "copyright_notice",
            "知识产权",
        ),
    ],
)
def test_zh_forms(scanner: CopyrightScanner, text: str, marker_class: str, covered: str) -> None:
    assert any(covered in s or s in covered for s in _spans(scanner, text, marker_class)), scanner.scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # a service's ban on the user's harmful acts
        "未经事先许可，不得传播恶意软件或使用机器人、大规模抓取。",
        # the law told; a repost's takedown line
        "未经许可使用他人作品均属侵权。",
        "本文转自网络，如有侵权，请联系删除。",
        # IP-lawsuit news
        "艺术家指控其在未经授权的情况下使用艺术作品训练AI模型。",
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
            "# This file is the intellectual property of Acme.  It may\n# not be used, copied or distributed in whole or"
            " in part\n# without the express written permission of Acme.",
            "no_reprint",
            "It may",
        ),
        (
            "No license is granted to reproduce, redistribute, or modify the software without permission from the"
            " copyright holder.",
            "no_reprint",
            "No license is granted",
        ),
        (
            "  information contained therein is held in confidence and will not be used,\n  copied, reproduced in whole"
            " or in part without the written permission of Acme.",
            "no_reprint",
            "contained therein",
        ),
        (
            "Content\n   on this site — including text and images — belongs to {siteName} unless noted.",
            "copyright_notice",
            "{siteName}",
        ),
        ("You are free to use this project. Please give credit to the author.", "attribution_required", "the author"),
    ],
)
def test_en_forms(scanner: CopyrightScanner, text: str, marker_class: str, covered: str) -> None:
    assert any(covered in s or s in covered for s in _spans(scanner, text, marker_class)), scanner.scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # others' media, a GPL build, the law
        "Do not redistribute downloaded media, transcripts, or captions unless you have the right to do so.",
        "**Do not redistribute it** — that prebuilt is GPL-3 and would encumber the release.",
        "Without permission from the copyright holder, the law prohibits redistribution.",
        # a pronoun's ban after a sentence that owns nothing (a key, not a work)
        "Keep the key safe. They will not be given out.",
        # a licence's own grant and its limits; trademarks
        "No license is granted to any trademark of the Licensor.",
        "All trademarks belong to their respective owners.",
        # counterfeits; a code string
        "Police seized unauthorized reproductions of the painting.",
        'err = "It may not be copied"',
    ],
)
def test_en_hard_negatives(scanner: CopyrightScanner, text: str) -> None:
    assert not _classes(scanner, text) & {
        "no_reprint",
        "copyright_notice",
        "attribution_required",
        "rights_reserved",
    }, scanner.scan(text)


def test_new_forms_cost_on_long_text(scanner: CopyrightScanner) -> None:
    """Near misses of the new forms, repeated over tens of kB, scan in well under a second each."""
    texts = [
        ("未经许可，" + "（某某某某）" * 6 + "不得进行以下" + "某" * 20 + "\n") * 500,
        ("版权所有，未经授权" + "某" * 10 + "，") * 1500,
        ("知识产权（" + "某" * 25 + "）均归" + "（某某）" * 20 + "\n") * 400,
        ("This is proprietary. It may not be used, copied, " * 3 + "word " * 30 + "\n# ") * 300,
        ("No license is granted to reproduce " + "word " * 40 + "\n * ") * 300,
        ("Content on this site " + "word " * 20 + "\n  ") * 500,
        ("contained therein " + "word " * 20 + "will not be used, " * 3 + "\n ") * 300,
    ]
    for text in texts:
        t = time.perf_counter()
        scanner.scan(text)
        assert time.perf_counter() - t < 1.0, text[:60]
