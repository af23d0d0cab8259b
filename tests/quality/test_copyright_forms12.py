"""Forms added when the fifth Chinese and sixth English blind sets became tuning batches (zh 7, en 9): a ban whose lead-in
is a colon and a list or the work as object (不得将本软件用于…, 禁止：- 转载), 不得用于任何商业用途, a condition-led ban on
listed uses (…不得将X用于：), a credit joined to a permission condition (…书面许可，并在使用时注明来源), a © line printed by
code, 《GPL协议》; 'Under no circumstances may the code be …', 'please give credit(s) where credit is due, if …' / '… before you
…', 'all content … belong(s) to X', 'Unauthorized reproduction or copying is prohibited'; and the hard negatives each must
leave alone (rules on others' rights, certificates, statutes, marks, third-party material, the default of copyright law)."""

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
        ("未经作者许可，任何人不得将本教程用于：\n1. 付费课程。", "no_reprint", "不得将本教程用于："),
        ("本仓库禁止：\n\n- 任何形式的**转载、镜像**", "no_reprint", "转载"),
        ("# 2. 不得用于任何商业用途。", "no_reprint", "不得用于任何商业用途"),
        ("用户不得将本插件用于商业用途，除非获得授权。", "no_reprint", "不得将本插件用于商业用途"),
        ("仅供个人学习、研究使用，不得用于任何商业场景。", "no_reprint", "不得用于任何商业场景"),
        ("如需转载，必须取得本站的书面许可，并在使用时注明来源。", "attribution_required", "注明来源"),
        ('label = "© 2025 张三。保留所有权利。"', "copyright_notice", "© 2025 张三"),
        ("其它事宜遵守《GPL协议》。", "licence", "GPL协议"),
    ],
)
def test_zh_forms(scanner: CopyrightScanner, text: str, marker_class: str, covered: str) -> None:
    assert any(covered in s or s in covered for s in _spans(scanner, text, marker_class)), scanner.scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # rules on others' rights: a contest's, a certificate's, a statute's (its citation lines away)
        "获奖者的著作权归属于制作者。",
        "证书对应著作权归属于某某教育培训学校有限公司，体现其研发能力。",
        '"根据《著作权法》及相关司法实践，"\n"利用AI工具创作的作品，"\n"其著作权归属于实际创作的自然人。"',
        # a repost's takedown line; a user agreement's ban on the user's illegal content
        "本站资源来自互联网，如有侵权，请联系我们删除。",
        "您不得使用本服务创建侵犯他人知识产权的内容。",
        # a list of rules for users, none about this text
        "禁止：\n- 上传违法内容",
        # a statute
        "未经著作权人许可，复制、发行其作品的，依照《著作权法》第五十三条处理。",
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
            "* UNDER NO CIRCUMSTANCES MAY ANY PORTION OF THE SOURCE *\n* CODE BE DISTRIBUTED OR DISCLOSED TO ANY THIRD PARTY.",
            "no_reprint",
            "UNDER NO CIRCUMSTANCES",
        ),
        (
            "Please give credit where credit is due, if modifying or using this software.",
            "attribution_required",
            "credit",
        ),
        ("-- please give credits before you copy, thanks", "attribution_required", "credits before you"),
        (
            "All images and designs on this site belong to Acme Studio and may not be reused.",
            "copyright_notice",
            "Acme",
        ),
        (
            "Unauthorized reproduction or commercial copying is prohibited under copyright law.",
            "no_reprint",
            "prohibited",
        ),
    ],
)
def test_en_forms(scanner: CopyrightScanner, text: str, marker_class: str, covered: str) -> None:
    assert any(covered in s or s in covered for s in _spans(scanner, text, marker_class)), scanner.scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # a mark, third-party material, the default of the law
        "It is deliberately not the State Emblem of India, which may not be reproduced without authorisation.",
        "- Do not redistribute the survey's item wording unless rights are explicitly cleared.",
        "After obtaining it, do not redistribute the\n  font files unless that\n  license permits it.",
        "Absent a grant, the default is all rights reserved.",
        # others' content prohibited by the law; counterfeits; a citation request
        "Unauthorized distribution or commercial use of captured content is prohibited under copyright law.",
        "Customs seized unauthorized reproductions of designer handbags.",
        "If you use this dataset in your research, please give credit by citing our paper.",
        # names, users, trademarks
        "This method belongs to the String class.",
        "All trademarks belong to their respective owners.",
        # a licence's own condition; a code string
        "You may not copy, modify, sublicense, or distribute the Program except as expressly provided under this License.",
        'msg = "Unauthorized access is prohibited"',
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
        ("禁止：\n" + "- 某某某某某某" * 3 + "\n") * 1500,
        ("不得将本" + "项目的说明" * 4 + "，") * 1500,
        ("如需转载，必须取得" + "某某" * 10 + "，并在" + "某" * 8 + "，") * 500,
        ("Under no circumstances may the " + "word " * 20 + "\n * ") * 400,
        ("please give credit where credit is due, if " + "word " * 20 + "\n// ") * 300,
        ("All the content " + "word " * 20 + "belongs to " + "x " * 5 + "\n") * 400,
        ("Unauthorized reproduction, copying, " * 10 + "\n") * 300,
    ]
    for text in texts:
        t = time.perf_counter()
        scanner.scan(text)
        assert time.perf_counter() - t < 1.0, text[:60]


def test_fulltext_words_and_shingles_match_the_plain_definition() -> None:
    """The faster tokeniser and 5-gram hashes give what lower-casing each word and joining five words would."""
    import zlib

    from corpusgov.quality.copyright import fulltext

    text = "İstanbul LICENCE Ünïcode 许可证 ABC-def\nCopyright 2020 X\n木兰宽松许可证 Mulan PSL v2 " * 5
    blanked = fulltext._COPYRIGHT_LINE.sub(lambda m: " " * len(m.group(0)), text)
    ms = list(fulltext._WORD.finditer(blanked))
    plain = [fulltext._EQUIV.get(m.group(0).lower(), m.group(0).lower()) for m in ms]
    toks, starts, ends = fulltext.words(text)
    assert toks == plain and starts == [m.start() for m in ms] and ends == [m.end() for m in ms]
    want = [zlib.crc32(" ".join(toks[i : i + 5]).encode("utf-8")) for i in range(len(toks) - 4)]
    assert fulltext.shingle_hashes(toks) == want
    assert fulltext.shingle_hashes(toks[:4]) == []
