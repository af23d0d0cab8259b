"""Forms added when the seventeenth Chinese and eighteenth English blind sets became tuning batches (zh 19, en 21): a
repost ban says whose work, where or on what terms ("do not repost my stories to any other site"), not how often or
why (a maintainer's "do not repost patches frequently", an app's "do not repost it: that would upload a duplicate"); a
credit request names the one credited (me, the work or its makers, a capitalised name), not money or a bug; "Copyright
\ufffd 2008 X" (a © lost in decoding); 版权所有 as a code string's whole value is a label (a keyword list, a watermark
test), not a notice; 请勿搬运 with the site named right after it. Hard negatives include the ones every round keeps
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
        ("Please do not repost my drawings to other sites.", "no_reprint", "do not repost"),
        ("# Please do not repost this plugin elsewhere without permission.", "no_reprint", "do not repost"),
        ("DON'T REPUBLISH ANY OF OUR ARTICLES FOR PROFIT.", "no_reprint", "REPUBLISH"),
        ("Do not redistribute.\n", "no_reprint", "Do not redistribute"),
        ("If you use these icons, please credit the artists.", "attribution_required", "please credit the artists"),
        ("Please credit the Example Lab team when you publish results.", "attribution_required", "Please credit"),
        ("please credit **[someone](https://example.org)** in your notes", "attribution_required", "please credit"),
        ("Please credit the dataset if you reuse it.", "attribution_required", "Please credit the dataset"),
        ("They are provided under CC BY 3.0.\n Please credit this website when using our textures.", "attribution_required",
         "Please credit this website"),
        ("# Copyright \ufffd 2011 Jane Roe.", "copyright_notice", "Copyright"),
        ("<footer>© 2024 示范公司 版权所有</footer>", "copyright_notice", "版权所有"),
        ("      copyright: '版权所有 — 示范软件系统。',", "copyright_notice", "版权所有"),
        ("—— 示范字幕组 翻译，请勿搬运B站 ——", "no_reprint", "搬运"),
        ("本译文禁止搬运到其他平台。", "no_reprint", "搬运"),
    ],
)
def test_forms(scanner: CopyrightScanner, text: str, marker_class: str, covered: str) -> None:
    assert any(covered in s or s in covered for s in _spans(scanner, text, marker_class)), scanner.scan(text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # process rules on reposting, others' works
        ("> Please do not repost new versions so often:", "no_reprint"),
        ("As always, please do not repost patches frequently.", "no_reprint"),
        ("errorMessage: 'Still processing. Please do not repost it: that would upload a duplicate.'", "no_reprint"),
        ("text: 'Please do not repost this item without admin review.'", "no_reprint"),
        ("Please do not repost, re-upload or use other people's works commercially.", "no_reprint"),
        # money and bugs credited
        ('"Please credit the amount back to my original payment method",', "attribution_required"),
        ('Please credit the bug to "Jon Butler".', "attribution_required"),
        # a bare word in code: keyword lists, a watermark test, a footer label
        ("keywords = [r'机密', r'版权所有', r'Copyright']", "copyright_notice"),
        ("q = urlencode('t:text,c:版权所有')\nassertEquals('版权所有', opts['content'])", "copyright_notice"),
        ("    footer: '版权所有',", "copyright_notice"),
        # one's own posts' originality, others' works moved
        ("- **原创性**：所有内容必须原创，禁止搬运", "no_reprint"),
        ("请勿搬运他人作品到本群。", "no_reprint"),
        # copyright-law prose, a takedown line, users' illegal content
        ("根据《著作权法》第十条，著作权包括复制权、发行权。", "no_reprint"),
        ("本站内容来源于网络，如有侵权请联系删除。", "no_reprint"),
        ("用户不得利用本服务上传违法内容。", "no_reprint"),
        # a licence's own condition, a changelog line, an access banner
        ("Redistributions of source code must retain the above copyright notice.", "no_reprint"),
        ("- 2024-03-01 Jane Roe: credit the translators in the footer", "attribution_required"),
        ("Unauthorized access to this system is prohibited and will be prosecuted.", "no_reprint"),
    ],
)
def test_negatives(scanner: CopyrightScanner, text: str, absent: str) -> None:
    assert absent not in _classes(scanner, text), scanner.scan(text)


def test_stress(scanner: CopyrightScanner) -> None:
    assert_scans_fast(
        scanner,
        [
            "do not repost " * 2500,
            "do not repost this a b " * 1500 + "c",
            "do not repost my x without my our the " * 800,
            "please credit the " * 2000,
            "please credit **[" * 2000,
            "copyright \ufffd " * 3000,
            "'版权所有" * 8000,
            "'t:text,c:版权所有'" * 3000,
            "请勿搬运到其他" * 5000,
        ],
    )
