"""Forms added when the twenty-first Chinese and twenty-second English blind sets became tuning batches (zh 23, en 25):
a mod's or asset's ban on copies elsewhere ("do not reupload, mirror, or repackage", a named site or the work named, a
verb list, a line end); "do not distribute" closing a comment line; a work "protected by copyright law" that "may not
be resold"; "you must credit" the speaker, the maker or a name; "All photos are copyright of X" / "… by their respective
owners"; 请勿二次分发 closing a sentence about the text's own work; MIT in Markdown bold or after a licence key. Carried
text: a raw string literal (a pattern), an error or warning call's or a validator's message, a record's author field;
"© THE END". Hard negatives include the ones every round keeps (copyright-law pages, takedown lines, users' illegal
content, licence texts' own conditions, changelog lines, access banners, code strings)."""

from __future__ import annotations

import pytest

from corpusgov.quality.copyright import CopyrightScanner, fixtures
from tests.quality.copyright_helpers import assert_scans_fast
from tests.quality.copyright_helpers import classes as _classes
from tests.quality.copyright_helpers import spans as _spans


@pytest.fixture(scope="module")
def scanner() -> CopyrightScanner:
    return CopyrightScanner()


@pytest.mark.parametrize(
    ("text", "marker_class", "covered"),
    [
        ("Please do not reupload, mirror, or repackage this pack on Nexus or elsewhere.", "no_reprint",
         "do not reupload"),
        ("* Do not re-upload Castle Kit itself as your own asset without permission.", "no_reprint", "Do not re-upload"),
        ("-- DO NOT REUPLOAD TO OTHER SITES\n", "no_reprint", "DO NOT REUPLOAD"),
        ("-- DO NOT DISTRIBUTE\n-- code by someone\n", "no_reprint", "DO NOT DISTRIBUTE"),
        ("// THIS FONT IS PROTECTED BY COPYRIGHT LAW AND MAY NOT BE RESOLD.", "no_reprint", "MAY NOT BE RESOLD"),
        ("If you use these sounds, you must credit me in the description.", "attribution_required", "must credit me"),
        ("When using the maps you must credit Kartverket as stated.", "attribution_required", "must credit Kartverket"),
        ("All images are copyright of Jane Doe Studio.", "copyright_notice", "copyright of Jane Doe"),
        ("All artwork is copyrighted by their respective artists.", "copyright_notice", "copyrighted by their"),
        ("> 内测版本，仅供测试。请勿二次分发。", "no_reprint", "请勿二次分发"),
        ("- **开源协议**: MIT\n", "licence", "MIT"),
        ("本工具遵循 **MIT** 许可协议。", "licence", "MIT"),
    ],
)
def test_forms(scanner: CopyrightScanner, text: str, marker_class: str, covered: str) -> None:
    assert any(covered in s or s in covered for s in _spans(scanner, text, marker_class)), scanner.scan(text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # process rules and others' goods
        ("Please do not reupload images to other repositories after injection! (a known issue)", "no_reprint"),
        ("Equipment may not be resold before full payment.", "no_reprint"),
        ("Items exported under this licence may not be resold to any other country.", "no_reprint"),
        # rules on users' own uploads and others' material
        ("If an artwork involves collaboration with other artists, you must credit any collaborators.",
         "attribution_required"),
        ("If the art used is not yours, please credit the artist in your message.", "attribution_required"),
        ("since technically all photos are copyrighted by their creator", "copyright_notice"),
        ("仅从官网下载，请勿二次分发。", "no_reprint"),
        ("下载的课程资料版权归原作者与学校所有，\n> 请勿二次分发。", "no_reprint"),
        ("请勿二次分发官方资源。", "no_reprint"),
        # messages, patterns and records a program carries
        ("    print_err('please credit the artists for %s in %s', name, path)", "attribution_required"),
        ('const caption = Rule.required().warning("Please credit the artist if applicable")', "attribution_required"),
        ('  artBy: z.string().min(2, "Please credit the artist"),', "attribution_required"),
        ('  "author": "This image is not copyrighted. Please credit the artist and the database.",',
         "attribution_required"),
        ("    r'某网站原创内容，未经授权不得转载，违者必究'", "no_reprint"),
        ("© THE END\n\n继续滑动看下一个", "copyright_notice"),
        # (the hard negatives every round keeps: copyright_helpers.STANDING_NEGATIVES)
        # a licence's own condition, a changelog line, an access banner, a code string
        ("Redistributions in binary form must reproduce the above copyright notice.", "no_reprint"),
        ("- 2021-09-06 X1a0He: do not reupload the cache twice", "no_reprint"),
        ("Unauthorized use of this system is prohibited and may be monitored.", "no_reprint"),
        ('label = "you must credit"', "attribution_required"),
    ],
)
def test_negatives(scanner: CopyrightScanner, text: str, absent: str) -> None:
    assert absent not in _classes(scanner, text), scanner.scan(text)


def test_raw_string_reads_the_line_not_a_cut() -> None:
    # a long line read 300 characters back from the match, the cut falling just before 'r"' of 'Affirmer"': the letter
    # before the cut still belongs to a word, so no raw string opens there (a licence text's CC0 stays found)
    head, tail = 'the person associating CC0 with a Work (the "Affirmer"), ', " apply "
    pad = head.index('r"') + 300 - len(head) - len(tail)
    text = head + "x" * pad + tail + "CC0 to the Work"
    at = text.rindex("CC0")
    assert text[at - 300 : at - 298] == 'r"'
    assert not fixtures.in_raw_string(text, at)
    assert fixtures.in_raw_string("    r'某网站原创内容，未经授权不得转载'", 10)


def test_stress(scanner: CopyrightScanner) -> None:
    assert_scans_fast(
        scanner,
        [
            "do not reupload/" * 2000 + "x",
            "Do not reupload " + "Abc " * 6000,
            "protected by copyright law " * 1200 + "may",
            "you must credit " * 2000,
            "All photos are copyright of " + "Abc " * 6000,
            "请勿二次分发" * 4000 + "官方",
            "print_err(" * 3000 + "'please credit me",
            ".min(2, " * 3000 + "\"please credit me",
            "r'" * 12000 + "未经授权不得转载",
            "\"author\": '" * 3000 + "please credit me",
            "遵循 **" * 6000 + "MIT",
        ],
    )
