"""Forms added when the thirteenth Chinese and fourteenth English blind sets became tuning batches (zh 15, en 17): a
work restricted to one purpose with every other use banned (只供学习使用，…不得用于其它任何用途), an app bundle's
NSHumanReadableCopyright value (even a bare holder), a Visual Basic comment's apostrophe before ©, a capitalised
"Licensed under the X License", "BSD New", a bare MIT opening a licence section, a credit request naming a Markdown
link; and what each must leave alone: login banners banning access to a system, a ban quoted as another site's line or
in an English note, a rule on collected data, a plist value naming a licence or a build variable, a quoted ©, an MIT
that is not a licence, licence texts' own conditions, changelog lines, a repost's takedown line, users' illegal content,
copyright-law prose."""

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
        ("// 本例程只供学习使用，未经作者许可，不得用于其它任何用途\n// 作者：某某", "no_reprint", "不得用于其它任何用途"),
        ("本资料仅供内部参考，严禁用于其他任何目的。", "no_reprint", "用于其他任何目的"),
        ("  <key>NSHumanReadableCopyright</key>\n  <string>Example Labs and contributors</string>", "copyright_notice",
         "Example Labs"),
        ('"NSHumanReadableCopyright" = "Northwind Traders";', "copyright_notice", "Northwind"),
        ("'----------\n'© Jane Roe (Acme Media Ltd.), 2004\n'jane@example.com", "copyright_notice", "Jane Roe"),
        ("Licensed under the SIL Open Font License 1.1; see OFL.txt.", "licence", "SIL Open Font License"),
        ("@author: Jane Roe\n@license: BSD New\n@version: 1.0", "licence", "BSD New"),
        ("## License\n\nMIT — see [LICENSE](./LICENSE).", "licence", "MIT"),
        ("### 📄 License\n\n**MIT** © Jane Roe", "licence", "MIT"),
        ("MIT. If you use this, please credit **[janeroe](https://example.com)**.", "attribution_required",
         "please credit"),
    ],
)
def test_forms(scanner: CopyrightScanner, text: str, marker_class: str, covered: str) -> None:
    assert any(covered in s or s in covered for s in _spans(scanner, text, marker_class)), scanner.scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # a work credited to others, its licence in a relative clause; a repository digest counting stars and forks
        "Solutions for _A Book on Programs_ by Jane Roe and John Doe, which is licensed under a Creative Commons "
        "Attribution-ShareAlike 4.0 International License by the Example Press.",
        "Notes on Widgets by Jane Roe, which is released under the MIT License, with my own answers.",
        "Foo 是 Example 公司开源的一款引擎，当前已获得约 **4,495 颗 Stars** 和 454 个 Forks，采用 MIT 许可证，支持 Go。",
        "- [foo/bar](https://example.com) ⭐ 12k stars, MIT License",
    ],
)
def test_others_licences(scanner: CopyrightScanner, text: str) -> None:
    assert "licence" not in _classes(scanner, text), scanner.scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # CC's own marking (no relative clause) and a licence clause about this project stay declarations
        "<span>Notes</span> by Jane Roe is licensed under a Creative Commons Attribution 4.0 International License.",
        "This project is licensed under the MIT License, which is included in LICENSE.",
        "本项目采用 MIT 许可证。欢迎 Star！",
    ],
)
def test_own_licences_stay(scanner: CopyrightScanner, text: str) -> None:
    assert "licence" in _classes(scanner, text), scanner.scan(text)


def test_licence_ids(scanner: CopyrightScanner) -> None:
    bsd = [f.licence for f in scanner.scan("@license: BSD New\n") if f.marker_class == "licence"]
    assert bsd == ["BSD-3-Clause"]
    mit = [f.licence for f in scanner.scan("## License\n\nMIT — see LICENSE.") if f.marker_class == "licence"]
    assert mit == ["MIT"]


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # login banners: access to a system, not copies of a work
        ("WARNING: Use of this system is prohibited without authorization. All activity is logged.", "no_reprint"),
        ("Unauthorized use of this computer is prohibited without prior written authorization.", "no_reprint"),
        ("Unauthorised use of these servers is strictly prohibited.", "no_reprint"),
        # a ban quoted as another site's line, or in an English note on another project
        ("# 正文末尾固定有一句「本文由某站制作发布，未经允许请勿转载」，其后是评论区。", "no_reprint"),
        ('Its README states (Chinese original, our translation): "本项目仅供学习之用，禁止用于商业用途" — and more.',
         "no_reprint"),
        # a rule on collected data
        ("您提交的个人信息仅供本次活动使用，不得用于其他用途。", "no_reprint"),
        # plist values naming a licence, a build variable, nothing
        ("<key>NSHumanReadableCopyright</key>\n<string>MIT license. See repository for source.</string>",
         "copyright_notice"),
        ("<key>NSHumanReadableCopyright</key>\n<string>$(PRODUCT_COPYRIGHT)</string>", "copyright_notice"),
        ("<key>NSHumanReadableCopyright</key>\n<string></string>", "copyright_notice"),
        # a quoted sign named in prose; an MIT that is no licence
        ("Type the sign '©' with Option-G.", "copyright_notice"),
        ("## License\n\nMITRE publishes the list.", "licence"),
        ("## Licence\n\nMIT students wrote the first draft.", "licence"),
        ("BSD new features are listed below.", "licence"),
        # licence texts' own conditions, changelog lines, takedown lines, users' content, law
        ("Redistributions of source code must retain the above copyright notice, this list of conditions.",
         "no_reprint"),
        ("- 0a62dd8: chore: Bump copyright year to 2024 (Jane Roe)", "copyright_notice"),
        ("部分素材来源于网络，如有侵权请联系删除。", "no_reprint"),
        ("用户不得上传侵犯他人著作权的内容，不得用于其他用途。", "no_reprint"),
        ("根据著作权法，未经著作权人许可，复制其作品属于侵权行为。", "no_reprint"),
        ("Please credit my wallet with the refund.", "attribution_required"),
    ],
)
def test_negatives(scanner: CopyrightScanner, text: str, absent: str) -> None:
    assert absent not in _classes(scanner, text), scanner.scan(text)


def test_stress(scanner: CopyrightScanner) -> None:
    assert_scans_fast(
        scanner,
        [
            "仅供学习使用，未经作者许可，" * 3000,
            "<key>NSHumanReadableCopyright</key><string>" + "a" * 110 + " " * 30_000,
            "## License\n\n" * 3000 + "MITx",
            "'©" + " x" * 15_000,
            "Use of this system " * 2000 + "is prohibited",
            "一句「" + "未经允许，" * 6000,
            "BSD New " * 4000,
            "Notes by Jane " + "Roe and " * 4000 + ", which is licensed under the MIT License",
            "12 stars " * 4000 + "采用 MIT 许可证",
        ],
    )
