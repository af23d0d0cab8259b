"""Forms added when the twentieth Chinese and twenty-first English blind sets became tuning batches (zh 22, en 24): a
credit request naming the photographer (not a stock library's terms, nor an error message); the text's own work "free
for personal use only" (not others' software or fonts described); "this program … may not be redistributed"; 使用请署名;
a Markdown-bold 版权声明 heading; a bare MIT before a full-width parenthesis in a licence section. Carried text: a
value in a SQL row (not a settings row keyed copyright), a table row describing another repository, a ban after a plea
to respect original authors' rights. Hard negatives include the ones every round keeps (copyright-law pages, takedown
lines, users' illegal content, licence texts' own conditions, changelog lines, access banners, code strings)."""

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
        ('photoUsageNote: "For editorial use. Please credit the photographer where supplied.",', "attribution_required",
         "Please credit the photographer"),
        ("When sharing our photos, please credit the illustrators, as below:", "attribution_required",
         "please credit the illustrators"),
        ("> **This project is free for personal use ONLY.**", "no_reprint", "This project is free for personal use ONLY"),
        ("This app is source-available. Free for PERSONAL use only. You may not sell it.", "no_reprint",
         "Free for PERSONAL use only"),
        (".. note:: This program is the property of the South African National Space\n   Agency (SANSA) and may not be "
         "redistributed without expresse permission.", "no_reprint", "may not be redistributed"),
        ("本作品版权归张三所有，采用 MIT License 开源，使用请署名。", "attribution_required", "使用请署名"),
        ("**版权声明**：本文采用 CC BY-SA 4.0 协议，转载请保留作者信息。", "copyright_notice", "版权声明**："),
        ("## License\n\nMIT（正文内容版权归作者，引用请注明来源）。", "licence", "MIT"),
        # a build config's own banner (no Markdown fence)
        ("module.exports = {\n  plugins: [\n    new webpack.BannerPlugin('版权所有，翻版必究')\n  ],\n};\n", "rights_reserved",
         "翻版必究"),
        # a settings row whose key names the notice stays the site's own notice
        ("('site.copyright', '© 2025 北京市西城区人民政府 版权所有', 'string', '版权信息', 'site'),", "copyright_notice",
         "北京市西城区人民政府"),
    ],
)
def test_forms(scanner: CopyrightScanner, text: str, marker_class: str, covered: str) -> None:
    assert any(covered in s or s in covered for s in _spans(scanner, text, marker_class)), scanner.scan(text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a stock library's terms, a mock record of a stock photo, an error message
        ("IMPORTANT: When using Pexels images, please credit the photographer:\nPhoto by {p} on Pexels",
         "attribution_required"),
        ("notes: 'Please credit the photographer in the footer.',\n    image: 'https://images.unsplash.com/photo-1'",
         "attribution_required"),
        ("  if (!photographer) return json({ error: 'Please credit the photographer.' }, 400);", "attribution_required"),
        ('    raise ValueError("Please credit the author of the upload")', "attribution_required"),
        # others' software and fonts described
        ("fuse-t is free for personal use only.", "no_reprint"),
        ("_Note: It is free for personal use only._", "no_reprint"),
        ("Some fonts are free for personal use only, while others require commercial licenses.", "no_reprint"),
        ("Use Varino (free for personal use only) for the headings.", "no_reprint"),
        # seed data about users' works; a table of other repositories' terms; a plea for others' rights
        ("(1, 2, '海报', '本作品版权归设计师所有，未经授权不得商用', 'published', 234, 1567),", "copyright_notice"),
        ("(1, 2, '海报', '本作品版权归设计师所有，未经授权不得商用', 'published', 234, 1567),", "no_reprint"),
        ("| `owner/rules` | README 明示禁止任何形式的转载与发布,见标准 2。 |", "no_reprint"),
        ("本插件仅用于学习交流，请尊重原作者的版权。\n\n保存的表情仅供个人使用，请勿用于商业用途或二次传播。", "no_reprint"),
        # a tutorial's BannerPlugin sample in a code fence (also cut before its opening fence); another repository's
        # status after its backticked owner/name
        ("版权提示插件；\n\n```js\nplugins: [\n\tnew webpack.BannerPlugin('版权所有，翻版必究')\n]\n```", "rights_reserved"),
        ("    plugins: [\n        new webpack.BannerPlugin('版权所有，翻版必究')\n    ],\n};\n```\n\nb.HtmlWebpackPlugin",
         "rights_reserved"),
        ("- `someone/auto-checkin` **无 LICENSE**（保留所有权利，不要复制代码）。", "rights_reserved"),
        # everyday uses of 使用请
        ("使用请参考文档，安装请见下文。", "attribution_required"),
        # (the hard negatives every round keeps: copyright_helpers.STANDING_NEGATIVES)
        # a licence's own condition, a changelog line, an access banner, a code string
        ("Redistributions in binary form must reproduce the above copyright notice.", "no_reprint"),
        ("- 2021-09-06 X1a0He: credit the photographer field in the form", "attribution_required"),
        ("Unauthorized use of this system is prohibited and may be monitored.", "no_reprint"),
        ('label = "free for personal use only"', "no_reprint"),
    ],
)
def test_negatives(scanner: CopyrightScanner, text: str, absent: str) -> None:
    assert absent not in _classes(scanner, text), scanner.scan(text)


def test_stress(scanner: CopyrightScanner) -> None:
    assert_scans_fast(
        scanner,
        [
            "Please credit the photographer " * 1500,
            "free for personal use only. " * 1500,
            "this app is " * 3000 + "free for personal use only",
            "(1, '" + "a', '" * 5000 + "版权所有',",
            "| `a/b` " * 4000 + "| 禁止转载 |",
            "error: '" * 3000 + "please credit me",
            "尊重原作者的版权" * 3000 + "禁止转载",
            "使用请" * 8000 + "署名",
            "**版权声明**" * 3000 + "：",
            "`a/b` " * 4000 + "保留所有权利",
            "```\n" * 6000 + "new webpack.BannerPlugin('版权所有，翻版必究')",
            "BannerPlugin('" * 2000 + "版权所有，翻版必究",
        ],
    )
