"""The general ban forms: a Chinese ban (condition, actor, modal ban, use verb in any of the orders notices use)
and an English no-reprint sentence (the work or "no part of", a reproduction verb, a ban or permission condition),
with the hard negatives each must leave alone."""

from __future__ import annotations

import time

import pytest

from corpusgov.quality.copyright import CopyrightScanner


@pytest.fixture(scope="module")
def scanner() -> CopyrightScanner:
    return CopyrightScanner()


def _spans(scanner: CopyrightScanner, text: str, marker_class: str = "no_reprint") -> list[str]:
    return [text[f.start : f.end] for f in scanner.scan(text) if f.marker_class == marker_class]


@pytest.mark.parametrize(
    ("text", "covered"),
    [
        # condition, actor, ban, verb; the sentence wraps across comment lines
        (" * 本软件由某某科技所有, 未经书面许可, 任何单位和个人不得以\n * 任何形式复制代码的部分或全部。", "任何形式复制"),
        ("未经书面许可，\n不得摘取再用、重新打包或商业化；", "不得摘取"),
        ("未经书面许可,不得翻版,翻版必究;", "不得翻版"),
        ("版权所有，未购买严禁使用，未经书面许可严禁开发衍生品。", "未购买严禁使用"),
        # ban before the condition
        ("禁止任何人未经许可转载本站文章。", "禁止任何人未经许可转载"),
        ("用户不得在未经授权的情况下复制本软件。", "不得在未经授权的情况下复制"),
        # an actor bound by the ban, no condition
        ("本站原创内容，任何单位和个人不得以任何形式转载、摘编。", "任何单位和个人不得以任何形式转载"),
        ("第三方不得镜像本文档。", "第三方不得镜像"),
        # a manner before the verb is not the object
        ("未经本公司书面许可，任何人不得以非法的方式复制、传播本站内容。", "复制"),
    ],
)
def test_zh_ban_forms(scanner: CopyrightScanner, text: str, covered: str) -> None:
    assert any(covered in s for s in _spans(scanner, text)), _spans(scanner, text)


@pytest.mark.parametrize(
    "text",
    [
        # a page about copyright law: the ban is the statute's, quoted
        "根据《著作权法》第十条，未经著作权人许可，任何人不得复制、发行其作品。",
        # a repost's takedown line
        "本文转自某博客，仅供学习交流使用，如有侵权，请联系删除。",
        # a user agreement's ban on the user's illegal content, on others' works
        "任何用户不得利用本服务发布违法信息。",
        "任何人不得传播淫秽色情内容。",
        "未经许可，用户不得复制他人作品上传至本平台。",
        # a trademark notice: names and marks, not the text
        "未经书面许可，不得在衍生产品或服务中使用这些名称作为品牌名称或域名。",
        # a disclaimer's wording, a list of advice
        "本项目为个人项目，仅供学习交流使用，请勿用于非法用途。",
        "- 仅限个人学习使用\n- 不要分发录制内容",
        # code strings naming notices
        'PATTERNS = ["禁止转载", "未经许可不得转载"]',
    ],
)
def test_zh_ban_hard_negatives(scanner: CopyrightScanner, text: str) -> None:
    assert _spans(scanner, text) == []


def test_zh_personal_use_and_needs_licence(scanner: CopyrightScanner) -> None:
    assert _spans(scanner, "本项目为免费资源，仅限个人学习使用。")
    assert _spans(scanner, "工作或商业用途需另行授权。")
    assert _spans(scanner, "《某游戏》的版权及所有相关权利归某公司所有。", "copyright_notice")


def test_zh_ban_cost_on_long_text(scanner: CopyrightScanner) -> None:
    """A long page full of trigger words and no verb, and a long wrapped comment, scan in well under a second each."""
    texts = [
        ("未经许可，任何单位不得" + "以各种各样的方式" * 40 + "。") * 200,
        (" * 禁止任何人未经授权\n" * 2000),
    ]
    for text in texts:
        t = time.perf_counter()
        scanner.scan(text)
        assert time.perf_counter() - t < 1.0


@pytest.mark.parametrize(
    ("text", "covered"),
    [
        ("No parts of this work may be reproduced in any\n> form or by any means without the written permission.",
         "No parts of this work may be reproduced"),
        ("No part of the contents of this book may be reproduced or transmitted in any form.", "No part of the contents"),
        ("No part of the Material may be used, copied, reproduced, modified, published.", "No part of the Material"),
        (" * the code shall not be copied\n * or distributed other than on a need-to-know basis.", "the code shall not"),
        ("This material may not be published, broadcast, rewritten or redistributed in any form.", "may not be published"),
        (" * Permission to redistribute this software to other\n * organizations is not permitted without the written "
         "permission of the Center.", "redistribute this software"),
        ("/* Do not copy or distribute without permission */", "Do not copy or distribute"),
        ("# DO NOT COPY OR DISTRIBUTE\n#", "DO NOT COPY OR DISTRIBUTE"),
    ],
)
def test_en_no_reprint_sentence(scanner: CopyrightScanner, text: str, covered: str) -> None:
    assert any(covered in s for s in _spans(scanner, text)), _spans(scanner, text)


@pytest.mark.parametrize(
    "text",
    [
        "Downloading copyrighted content without permission is illegal in many countries.",
        "We sell no counterfeit goods or unauthorized reproductions of designer items.",
        "The object cannot be copied while the lock is held.",
        "This file may not be copied to a read-only volume.",
        "Do not copy the generated files into the source tree; run make instead.",
        "Whether the work may be reproduced without permission is a question for the courts.",
        "Our trademarks may not be used without our prior written consent.",
        # changelog lines (/usr/share/doc)
        '* Add "pipe" variants of "copy-pipe" commands which do not copy.',
        "in perf do not copy\n  from NULL start list when growing capacity.",
    ],
)
def test_en_no_reprint_hard_negatives(scanner: CopyrightScanner, text: str) -> None:
    assert _spans(scanner, text) == []


def test_en_licence_conditions_stay_licence_findings(scanner: CopyrightScanner) -> None:
    """A licence text's own conditions are licence findings, not bans on this text."""
    text = (
        "Redistribution and use in source and binary forms, with or without modification, are permitted provided "
        "that the following conditions are met: Redistributions of source code must retain the above copyright notice."
    )
    classes = {f.marker_class for f in scanner.scan(text)}
    assert "licence" in classes and "no_reprint" not in classes


def test_en_sentence_cost_on_long_text(scanner: CopyrightScanner) -> None:
    """A long changelog full of subjects and modals and no reproduction verb scans in well under a second."""
    texts = [
        ("The code may not be " + "changed and the content " * 30 + "\n * ") * 300,
        ("no part of " * 3000),
        (" * This software must not be copied or\n" * 1500),
    ]
    for text in texts:
        t = time.perf_counter()
        scanner.scan(text)
        assert time.perf_counter() - t < 1.0
