"""Forms added when the fifteenth Chinese and sixteenth English blind sets became tuning batches (zh 17, en 19): a
link back asked for, commercial or any use asked for first ("Commercial Use: Please contact", 任何商业用途请联系作者,
任何使用需经授权), resale banned with another passing-on act, passing the work on to other sites banned, a credit asked
for as a line of terms or as the author's credit kept, "the licence is X", setup()'s license keyword; and text the code
carries, not declares: bytes literals, HTML pages in literals, a command's output after a session prompt, a request that
is a string's whole value, example holders, placeholder licences, a source's licence in parentheses, a figure credited
to the reference list. Hard negatives include the ones every round keeps (copyright-law pages, takedown lines, users'
illegal content, licence texts' own conditions, changelog lines, access banners)."""

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
        ("/* Free for any use; please link back to https://example.org. */", "attribution_required", "please link back"),
        ("Feel free to quote these figures. Please link back to this page as your source.", "attribution_required",
         "Please link back"),
        (" * If you use this script, please link back to the source\n *", "attribution_required", "please link back"),
        ("**Please link back to the URL found on Example Jobs** when you list a job.", "attribution_required",
         "Please link back"),
        ("The license is Apache 2 so feel free to redistribute.", "licence", "Apache 2"),
        ("Our licence is MIT.", "licence", "MIT"),
        ("setup(\n    name='tool',\n    license='BSD',\n    packages=find_packages(),\n)", "licence", "BSD"),
        ("**Commercial Use**: Please contact the authors for licensing terms.", "no_reprint", "Please contact"),
        ("For commercial use, please contact us first.", "no_reprint", "please contact"),
        ("// - You may not resell or redistribute the original, unmodified solution.", "no_reprint",
         "You may not resell"),
        ("You may not resell, scrape, reverse-engineer, or redistribute the platform or its data.", "no_reprint",
         "You may not resell"),
        ("Please do not submit our listings to third party websites.", "no_reprint", "do not submit"),
        ("本数据集仅供学术研究使用，任何商业用途请联系作者。", "no_reprint", "任何商业用途请联系"),
        (" * 著作权人保留一切权利，任何使用需经授权。", "no_reprint", "任何使用需经授权"),
        ("使用规则：\n\n- 使用前必须征得作者同意\n- 必须标明作者信息和来源地址\n", "attribution_required", "必须标明作者"),
        ("## 使用条款\n\n- 使用本数据集的研究成果请注明数据来源。\n", "attribution_required", "请注明数据来源"),
        ("- **署名**：必须保留原作者的署名。", "attribution_required", "必须保留原作者的署名"),
        ("只要保持原作者署名和非商用，您可以自由地阅读、分享、修改本书。", "attribution_required", "只要保持原作者署名"),
        # what stays: a program's own banner and a page its code writes with no HTML document around it
        ("cat <<EOF\ntool 2.0\nCopyright (C) 2021  Jane Roe\nLicense GPLv3+: GNU GPL version 3 or later\nEOF",
         "copyright_notice", "Copyright (C) 2021  Jane Roe"),
        ('footer = "<p>© 2024 Jane Roe</p>"', "copyright_notice", "© 2024 Jane Roe"),
    ],
)
def test_forms(scanner: CopyrightScanner, text: str, marker_class: str, covered: str) -> None:
    assert any(covered in s or s in covered for s in _spans(scanner, text, marker_class)), scanner.scan(text)


def test_named_licence_ids(scanner: CopyrightScanner) -> None:
    def ids(text: str) -> list[str | None]:
        return [f.licence for f in scanner.scan(text) if f.marker_class == "licence"]

    assert ids("The license is Apache 2 so feel free.") == ["Apache-2.0"]
    assert ids("setup(\n    license='MIT',\n)") == ["MIT"]


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # link back, commercial, resale, other sites: others' objects
        ("Please link back to the issue in your pull request.", "attribution_required"),
        ("For commercial support, please contact sales@example.com.", "no_reprint"),
        ("You may not resell tickets bought on this site.", "no_reprint"),
        ("Do not post your API key to third-party websites.", "no_reprint"),
        ("The license is unclear, see the discussion.", "licence"),
        ("manifest.update(licensed=True, license='BSD', version='3.16')", "licence"),
        ("商务合作请联系 jane@example.com", "no_reprint"),
        ("- 转载他人文章必须注明出处", "attribution_required"),
        ("1. 投稿请注明作者真实姓名", "attribution_required"),
        # text the code carries
        ('    ".rules/closed.mdc": (b"---\\n"\n        b"license: CC-BY-NC-4.0\\n---\\n"),', "licence"),
        ("const page = '''\n<!DOCTYPE html><html><body>\n<p>声明：本书版权归作者所有。</p>\n</body></html>", "copyright_notice"),
        ('resp = Mock(text="""\n  <html><body><div>© 2020 Example Press. Licensed under CC BY 4.0.</div>', "licence"),
        ("PS C:\\Users\\me\\src> gdb a.exe\nGNU gdb (GDB) 7.6.1\nCopyright (C) 2013 Free Software Foundation, Inc.\n"
         "License GPLv3+: GNU GPL version 3 or later", "copyright_notice"),
        ("jane@box:~/src$ gdb a.out\nCopyright (C) 2013 Free Software Foundation, Inc.\nLicense GPLv3+: GNU GPL version 3",
         "licence"),
        ('        statements.append(\n            "attribution is required"\n        )', "attribution_required"),
        ('    footer_chunk = "版权所有：中国示例网运行中心 网站标识码bm0999999"', "copyright_notice"),
        ("版权所有 © 2024 样例科技有限公司（测试数据）", "copyright_notice"),
        ("This dataset is released under **[TODO: CC BY 4.0]**.", "licence"),
        ("consistent with the license of its source material (VCTK Corpus, CC BY 4.0).", "licence"),
        ("selectivity of 1.0 µM interfering ions. Reprinted with permission from Ref. [50].", "copyright_notice"),
        # the hard negatives every round keeps
        ("著作权法规定，作品的著作权属于作者，但法律另有规定的除外。", "copyright_notice"),
        ("本文转自网络，如有侵权请联系删除。", "no_reprint"),
        ("用户不得利用本服务复制、传播含有违法内容的信息。", "no_reprint"),
        ("源代码的再分发必须保留上述版权声明、本条件列表和以下免责声明。", "attribution_required"),
        ("- 2024-05-01 Jane Roe: bump copyright year to 2024", "copyright_notice"),
        ("WARNING: Unauthorized access to this system is prohibited.", "no_reprint"),
        ("/* 警告：未经授权禁止访问 (WARNING: UNAUTHORIZED ACCESS PROHIBITED) */", "no_reprint"),
    ],
)
def test_negatives(scanner: CopyrightScanner, text: str, absent: str) -> None:
    assert absent not in _classes(scanner, text), scanner.scan(text)


def test_stress(scanner: CopyrightScanner) -> None:
    assert_scans_fast(
        scanner,
        [
            "please link back to " * 2000,
            "please link back " * 2500 + "to the issue",
            "Commercial use: " * 2000 + "please",
            "you may not resell " * 2000,
            "do not submit " * 2000 + "to third",
            "the license is " * 2500 + "MIT",
            "    license='" + "a" * 30_000,
            "任何使用" * 8000 + "需",
            "\n- 请注明" * 6000,
            "必须保留原作者" * 4000,
            "b'" + "x" * 30_000 + "license: MIT",
            "'''\n<html>" + "<p>版权所有 X</p>\n" * 2000,
            "PS C:\\x> " + "Copyright 2020 X\n" * 2000,
            '"attribution is required" ' * 1200,
            "license of x (y, " * 2000 + "MIT",
        ],
    )
