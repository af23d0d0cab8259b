"""Forms added when the twenty-second Chinese and twenty-third English blind sets became tuning batches (zh 24, en 26):
转载请联系作者 (the author named as the contact) and 转载都请联系作者获得授权; 请勿盗用 of the text's own work with no
permission clause; "do not resell / steal / re-distribute" with the work as a bare noun, "a modified version of this
script" or "any of it"; "this model / dataset / project is licensed under" a named licence; "do not redistribute …
without acknowledgement" as an attribution request. Carried or others' text: a ban in a trailing comment on an assigned
value, "do not redistribute" of bought material or on a placeholder template's line, a grant inside a key's quoted
value, a Pug element's quoted footer inside a tutorial's code fence. Hard negatives include the ones every round keeps
(copyright-law pages, takedown lines, users' illegal content, licence texts' own conditions, changelog lines, access
banners, code strings)."""

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
        ("> 本文同步发布于个人博客，转载请联系笔者。", "no_reprint", "转载请联系笔者"),
        ("所有文字著作权归作者所有，任何形式的转载都请联系作者获得授权。", "no_reprint", "转载都请联系作者"),
        ("// 仅供交流学习，请勿盗用，违者必究", "no_reprint", "请勿盗用"),
        ("- 本工具以 MIT 发布，但请勿盗用后闭源出售。", "no_reprint", "请勿盗用"),
        ("- ❌ Do not resell or redistribute theme\n", "no_reprint", "Do not resell"),
        ("# Please do not re-distribute a modified copy of this plugin. Thanks", "no_reprint", "do not re-distribute"),
        ("# please do not steal/copy any of it without my permission", "no_reprint", "do not steal"),
        ("## License\n\nThis dataset is licensed under Open Data Commons Attribution.", "licence", "licensed under"),
        ("Our code is licensed under \"Hippocratic License 3.0\".", "licence", "licensed under"),
        ("Please don't redistribute this pack without giving acknowledgement to the maker.", "attribution_required",
         "without giving acknowledgement"),
    ],
)
def test_forms(scanner: CopyrightScanner, text: str, marker_class: str, covered: str) -> None:
    found = _spans(scanner, text, marker_class)
    assert any(covered in s or s in covered for s in found), (found, text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a ban on others' material, a key or users' illegal content
        ("API_KEY = \"abc123\"  # 请勿盗用", "no_reprint"),
        ("小提示：请勿盗用他人头像。", "no_reprint"),
        ("用户不得上传、传播违法内容，请勿盗用他人作品。", "no_reprint"),
        ("转载自网络，如有侵权请联系删除。", "no_reprint"),
        ("著作权法规定：未经许可转载他人作品属于侵权，可请律师联系作者协商。", "no_reprint"),
        ("# textures bought from a stock site, please do not redistribute", "no_reprint"),
        ("Subject: [REPORT] <project> <version> (internal, please do not redistribute)", "no_reprint"),
        ("Original splash text idea, do not steal\",", "no_reprint"),
        ("// do not steal SPA route GET /contacts", "no_reprint"),
        ("We do not steal your data and do not resell it to advertisers", "no_reprint"),
        ("Please do not redistribute this work without acknowledgement of the original author.", "no_reprint"),
        # licence texts' own conditions, templates and tables of others' licences
        ("    text: 'This model is licensed under the FLUX.1 [dev] Non-Commercial License.',", "licence"),
        ("print(\"This model is licensed under \\(name)\")", "licence"),
        ("This module is licensed under whatever its author chose.", "licence"),
        ("2021-03-04 John Smith: update copyright year", "no_reprint"),
        ("WARNING: Unauthorized access to this system is prohibited.", "no_reprint"),
        # a tutorial's Pug sample of a theme footer
        ("在 footer.pug 中加入：\n```\n  p='商业转载请联系作者本人，非商业转载请注明出处'\n```\n", "no_reprint"),
        ("在 footer.pug 中加入：\n```\n  p='商业转载请联系作者本人，非商业转载请注明出处'\n```\n", "attribution_required"),
    ],
)
def test_negatives(scanner: CopyrightScanner, text: str, absent: str) -> None:
    assert absent not in _classes(scanner, text), text


def test_unfenced_template_line_keeps_its_request(scanner: CopyrightScanner) -> None:
    # the same Pug line in a theme file itself (no fence) is the site's own footer
    assert "no_reprint" in _classes(scanner, "footer\n  p='商业转载请联系作者本人，非商业转载请注明出处'\n")


def test_stress(scanner: CopyrightScanner) -> None:
    assert_scans_fast(
        scanner,
        [
            "转载都请联系" * 5000,
            "请勿盗用他" * 6000,
            "do not steal/borrow/copy " * 2000,
            "do no re-distribute a modified version of " * 800,
            "This model is licensed under " * 1000,
            "purchased from x.y.z " * 1500 + "please do not redistribute",
            "<a> <b> " * 4000 + "do not redistribute",
            "```\n  p='" + "转载请联系作者" * 4000,
        ],
    )
