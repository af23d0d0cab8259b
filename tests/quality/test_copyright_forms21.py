"""Forms added when the fourteenth Chinese and fifteenth English blind sets became tuning batches (zh 16, en 18):
"please attribute" as a request, commercial use asked for first (商用请联系作者), 不可商用, 转载请注明: + a name, a
post's 必须保留此段声明, 版权归原作者 without 所有, metadata fields (set_copyright / __copyright__ values, set_license /
__license__ / :license: ids, GTK's licence enum, a link whose text is an SPDX id), the MPL's name across a comment
box's border, content on this site that belongs to us and a pronoun's ban after it, a README generator's footer list,
研究 as a permitted purpose; and what each must leave alone: a markup attribute, a cause, business enquiries, table
cells and comments trailing code, empty and placeholder fields, tests' fixtures, a licence explainer, changelog lines,
login banners, takedown lines, users' illegal content, copyright-law prose, licence texts' own conditions."""

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
        ("# Written by Jane Roe\n# Please attribute, that is all I ask\n", "attribution_required", "Please attribute"),
        ("Free JSON feed. Please attribute and link back to example.org when you use it.", "attribution_required",
         "Please attribute"),
        ("/* If you reuse this, please attribute the original author with a link. */", "attribution_required",
         "please attribute"),
        ("Icons are CC BY 4.0: kindly attribute Example Studio in your credits.", "attribution_required",
         "kindly attribute"),
        ("## 许可\n\nCC BY-NC 4.0，允许学习/研究/分享，**禁止商业使用**。", "no_reprint", "禁止商业使用"),
        ("// 代码仅供个人学习，商用请联系作者 jane@example.com", "no_reprint", "商用请联系"),
        ("本插件开源免费；若需商用，请联系开发者获取授权。", "no_reprint", "若需商用"),
        ("用途限制：仅限教学使用，不可商用！商用需要额外授权。", "no_reprint", "不可商用"),
        ("用途限制：仅限教学使用，不可商用！商用需要额外授权。", "no_reprint", "商用需要额外授权"),
        ("> 模型權重僅供學術研究、不可商用。", "no_reprint", "不可商用"),
        ('<p class="tip">转载请注明：example.cn</p>', "attribution_required", "转载请注明"),
        ("本文版权归作者所有。\n未经作者同意必须保留此段声明，并给出原文链接。", "attribution_required", "必须保留此段声明"),
        ('lines = ["---", "插图版权归原作者，出处见图注。"]', "copyright_notice", "版权归原作者"),
        ('    readme_footer = [\n        "---",\n        "禁止转载",\n    ]', "no_reprint", "禁止转载"),
        ('about.set_copyright("Jane Roe");\nabout.set_comments("A tool");', "copyright_notice", "Jane Roe"),
        ('__copyright__ = "Example Labs"\n__version__ = "1.0"', "copyright_notice", "Example Labs"),
        ('about.set_license("LGPL");', "licence", "LGPL"),
        ('__license__ = "MIT"\n__version__ = "0.1"', "licence", "MIT"),
        ('"""\n:author: Jane Roe\n:license: Apache-2.0\n"""', "licence", "Apache-2.0"),
        ("dialog.set_license_type(gtk::License::Gpl30);", "licence", "License::Gpl30"),
        ("about.set_license_type(Gtk.License.MIT_X11)", "licence", "MIT_X11"),
        ("Font: Example Sans, [OFL-1.1](https://openfontlicense.org)", "licence", "OFL-1.1"),
        ("{ This file is subject to the Mozilla   }\n{ Public License Version 1.1 (the \"License\"). }", "licence",
         "Public License"),
        ("All photos, texts and code on this website belong to us. They may not be copied without consent.",
         "copyright_notice", "belong to us"),
        ("The descriptions and layout on this site belong to us. They may not be copied to build another shop.",
         "no_reprint", "They may not be copied"),
    ],
)
def test_forms(scanner: CopyrightScanner, text: str, marker_class: str, covered: str) -> None:
    assert any(covered in s or s in covered for s in _spans(scanner, text, marker_class)), scanner.scan(text)


def test_field_licence_ids(scanner: CopyrightScanner) -> None:
    def ids(text: str) -> list[str | None]:
        return [f.licence for f in scanner.scan(text) if f.marker_class == "licence"]

    assert ids('__license__ = "MIT"') == ["MIT"]
    assert ids("w.set_license_type(gtk::License::MitX11);") == ["MIT"]
    assert ids("about.set_license_type(Gtk.License.GPL_3_0)") == ["GPL-3.0-or-later"]
    assert ids("[OFL-1.1](https://openfontlicense.org)") == ["OFL-1.1"]


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # attribute as a noun or a cause; business enquiries; a table cell and a comment on a value
        ("Please attribute values in camelCase.", "attribution_required"),
        ("Please attribute the slowdown to the cache, not the network.", "attribution_required"),
        ("商务合作请联系 jane@example.com", "no_reprint"),
        ("商业合作请联系我们。", "no_reprint"),
        ("| 方案 | 商用授权 |\n| --- | --- |\n| A | 不可商用 |\n| B | 免费 |", "no_reprint"),
        ("  get DEMO() { return 2; }, // 仅可演示，不可商用", "no_reprint"),
        ("这个类不可复制，只能移动。", "no_reprint"),
        # empty and placeholder fields
        ('dialog.set_copyright("")', "copyright_notice"),
        ('__copyright__ = "--"', "copyright_notice"),
        ('__license__ = "TODO"', "licence"),
        ("__license__ = None", "licence"),
        ("[Issue-12](https://github.com/example/repo/issues/12)", "licence"),
        ("Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101", "licence"),
        # tests' fixtures and a scraper's word list
        ('def test_merge_pages():\n    page = "本书版权归出版社所有，未经许可不得复制。" * 3\n    assert merge(page)',
         "copyright_notice"),
        ('def test_merge_pages():\n    page = "本书版权归出版社所有，未经许可不得复制。" * 3\n    assert merge(page)',
         "no_reprint"),
        ('func TestStrip(t *testing.T) {\n\tin := "Copyright 2020 Example Inc. All rights reserved."\n}',
         "copyright_notice"),
        ('JUNK_WORDS = ["本书版权归", "禁止转载", "请收藏"]', "no_reprint"),
        # a licence explainer
        ("**GPLv3 Example:**\nGPLv3 has broader retaliation: any GPLv3-covered work counts.", "licence"),
        # the hard negatives every round keeps
        ("- 2021-03-02 Jane Roe: update copyright year to 2021", "copyright_notice"),
        ("Unauthorized use of this system is prohibited and may be subject to criminal penalties.", "no_reprint"),
        ("本站部分图片来源于网络，如有侵权请联系删除。", "no_reprint"),
        ("用户不得利用本站制作、复制、传播含有违法内容的信息。", "no_reprint"),
        ("著作权法规定，作品的著作权属于作者，但法律另有规定的除外。", "copyright_notice"),
        ("版权归作者，但出版社享有专有出版权，这是合同约定的。", "copyright_notice"),
        ("源代码的再分发必须保留上述版权声明、本条件列表和以下免责声明。", "attribution_required"),
        ("The keys belong to their owners. They may not be copied.", "no_reprint"),
    ],
)
def test_negatives(scanner: CopyrightScanner, text: str, absent: str) -> None:
    assert absent not in _classes(scanner, text), scanner.scan(text)


def test_stress(scanner: CopyrightScanner) -> None:
    assert_scans_fast(
        scanner,
        [
            "please attribute " * 2500,
            "[" + "a" * 39 + "](https://x/license" * 1500,
            'set_copyright("' + "a" * 150 + " " * 30_000,
            "__license__ = " + "MIT " * 8000,
            "def test_x():\n" + "    x = '版权所有' \n" * 2000,
            "readme_footers = [" + '"禁止转载", ' * 3000,
            "Mozilla }\n{ " * 3000 + "Public",
            "content on this site belong to " * 1000 + "us. They",
            "商用" * 12000 + "请联系",
            "| 不可商用 " * 4000,
            "def test_x():\n" + "    s = 'Copyright 2020 X'\n" * 2000,
            "it('x', () => {\n" + "  '版权所有 X'\n" * 2000,
            "footer = (" + "'禁止转载' " * 3000,
            "版权归" * 8000 + "原作者，",
            "belongs to X" * 3000 + ". They may not be",
        ],
    )
