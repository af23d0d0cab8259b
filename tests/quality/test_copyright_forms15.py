"""Forms added when the eighth Chinese and ninth English blind sets became tuning batches (zh 10, en 12): a label ban
with no verb ('Unauthorised reproduction prohibited.', 'All rights reserved. Reproduction prohibited.'), 'proprietary and
confidential to X', 'trade secrets and proprietary information of X', Markdown emphasis on a credit rule's modal, a
holder carrying inline markup (版权归X</font>(…[X](url)…)所有), 转载请带版权; and what each must leave alone: a regular
expression's alternatives naming notice phrases, a third party's prebuilt named with its licence, a login banner,
test names, copyright-law prose, takedown lines, users' own content, licence conditions, changelog lines."""

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
        ("© 2025 Acme Pty Ltd. All rights reserved. Unauthorised reproduction prohibited.</div>", "no_reprint",
         "Unauthorised reproduction prohibited"),
        ("# © Copyright 2026 Jane Roe. All rights reserved. Reproduction prohibited. Made with care.", "no_reprint",
         "Reproduction prohibited"),
        ("//   Cedars Sinai Medical Center\n//   Unauthorized use or reproduction prohibited\n", "no_reprint",
         "reproduction prohibited"),
        ("//\tAll rights reserved, unauthorized reproduction prohibited\n", "no_reprint", "reproduction prohibited"),
        (" * Unauthorized access and disclosure strictly forbidden.\n */", "no_reprint", "disclosure strictly forbidden"),
        ("Proprietary software — unauthorized reproduction prohibited.", "no_reprint", "reproduction prohibited"),
        (" * This software is proprietary and confidential to Wall Street Systems, Delaware Inc.\n", "copyright_notice",
         "Wall Street Systems"),
        ("// valuable trade secrets and proprietary\n// information of Pictel Technologies Ltd. and is protected",
         "copyright_notice", "Pictel Technologies"),
        ("you **must** give appropriate credit to the original author, include the license notice", "attribution_required",
         "credit to"),
    ],
)
def test_en_forms(scanner: CopyrightScanner, text: str, marker_class: str, covered: str) -> None:
    assert any(covered in s or s in covered for s in _spans(scanner, text, marker_class)), scanner.scan(text)


@pytest.mark.parametrize(
    ("text", "marker_class", "covered"),
    [
        (
            '原创文章版权归数据元素</font>(</b>[DataElement](https://www.dataelement.top)<b><font color="red">)所有，'
            "未经许可不得转载!",
            "copyright_notice",
            "数据元素",
        ),
        ("<p>本站文章版权归<b>某某工作室</b>所有。</p>", "copyright_notice", "某某工作室"),
        ("除非注明，文章均由 AFF大佬 整理发布，欢迎转载，转载请带版权。", "attribution_required", "转载请带版权"),
        ("转载请保留版权信息。", "attribution_required", "转载请保留版权"),
    ],
)
def test_zh_forms(scanner: CopyrightScanner, text: str, marker_class: str, covered: str) -> None:
    assert any(covered in s or s in covered for s in _spans(scanner, text, marker_class)), scanner.scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # a login banner, a test name, code naming the phrase
        "WARNING: Unauthorized access prohibited. All activity is logged.",
        "it('flags reproduction prohibited and staleness', () => {",
        "Unauthorized reproduction of captured content is prohibited under copyright law.",
        # copyright-law prose, others' material, a licence's own condition, a changelog line
        "Under the statute, unauthorized reproduction of a work is an infringement unless a fair-use defence applies.",
        "All logos remain the property of their respective owners.",
        "8. The name of the Copyright Holder may not be used to endorse or promote products derived from this software "
        "without specific prior written permission.",
        "* Fix name, update copyright year by @pllim in https://github.com/OpenAstronomy/baldrick/pull/75",
        "- #34174 doc: update copyright year to 2026",
        # proprietary with no holder
        "This project is proprietary and confidential.",
    ],
)
def test_en_hard_negatives(scanner: CopyrightScanner, text: str) -> None:
    assert not _classes(scanner, text) & {"no_reprint", "copyright_notice", "attribution_required"}, (
        scanner.scan(text)
    )


@pytest.mark.parametrize(
    "text",
    [
        "automatically. **Do not redistribute it** — that prebuilt is GPL-3\n  (it bundles x264/x265)",
        "Those FFmpeg builds are GPL-2.0, so do not ship them.",
    ],
)
def test_others_prebuilt_licence_is_no_finding(scanner: CopyrightScanner, text: str) -> None:
    assert "licence" not in _classes(scanner, text), scanner.scan(text)


@pytest.mark.parametrize(
    "text",
    ["Note that this library is GPL-3.0 licensed.", "This project is GPL-3.0.", "that the binary is GPL-3"],
)
def test_own_licence_stays(scanner: CopyrightScanner, text: str) -> None:
    assert "licence" in _classes(scanner, text), scanner.scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # a regular expression's alternatives naming notice phrases to strip
        "const RE = /(?:来源|原文链接|版权声明|本文链接|未经许可不得转载|转载请附上原文出处).*(?:csdn|转载|版权)/iu;",
        "pattern = r'(?:未经授权禁止转载|转载请注明出处)'",
        # a repost's takedown line; a user agreement's ban on users' own content; copyright-law prose
        "本文转自 [标题](https://example.com)，如有侵权，请联系删除。",
        "你应确保对上传内容拥有合法权利，不得上传侵犯他人权利或违法的内容。",
        "是否属著作权法第 5 条「国家机关官方文件」存在解释空间。",
    ],
)
def test_zh_hard_negatives(scanner: CopyrightScanner, text: str) -> None:
    assert not _classes(scanner, text) & {"no_reprint", "copyright_notice", "attribution_required"}, (
        scanner.scan(text)
    )


def test_zh_notice_outside_an_alternation_stays(scanner: CopyrightScanner) -> None:
    """A | elsewhere on the line is no alternation: a footer 'A | 本站版权所有，未经许可不得转载' keeps its ban."""
    assert "no_reprint" in _classes(scanner, "首页 | 本站原创，未经许可不得转载 | 联系我们"), None


def test_new_forms_cost_on_long_text(scanner: CopyrightScanner) -> None:
    """Near misses of the new forms, repeated over tens of kB, scan in well under a second each."""
    texts = [
        ("Unauthorized use or " * 5 + "reproduction and " * 4 + "word\n * ") * 400,
        ("All rights reserved. Reproduction " + "or copying " * 6 + "is fine\n") * 500,
        ("This software is proprietary and confidential to " + "word " * 30 + "\n") * 400,
        ("trade secrets and proprietary\n// " * 4 + "information of the x\n") * 500,
        ("版权归" + "<b>某</b>" * 20 + "[x](http://a.b)" * 5 + "\n") * 300,
        ("|未经许可不得转载" * 10 + "\n") * 400,
    ]
    assert_scans_fast(scanner, texts)
