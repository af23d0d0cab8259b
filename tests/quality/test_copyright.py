"""CopyrightScanner: classes, spans, licence ids, restrictiveness, and hard negatives."""

from __future__ import annotations

import pytest

from corpusgov.quality.copyright import MARKER_CLASSES, CopyrightScanner, MarkerFinding, licence_terms


@pytest.fixture(scope="module")
def scanner() -> CopyrightScanner:
    return CopyrightScanner()


def _classes(findings: list[MarkerFinding]) -> list[str]:
    return [f.marker_class for f in findings]


@pytest.mark.parametrize(
    ("text", "marker_class", "covered"),
    [
        ("© 2021 Example Media Ltd", "copyright_notice", "© 2021 Example Media Ltd"),
        (
            "Copyright (c) 2019-2023 Foo Inc. All rights reserved.",
            "copyright_notice",
            "Copyright (c) 2019-2023",
        ),
        ("Copyright 2020 Northwind", "copyright_notice", "Copyright 2020 Northwind"),
        ("(C) 2015 Blue Harbor Press", "copyright_notice", "(C) 2015"),
        ("版权所有 © 2021 上海蓝海科技有限公司", "copyright_notice", "版权所有 © 2021"),
        ("本文著作权归作者所有。", "copyright_notice", "著作权归作者所有"),
        ("Copyright © 2021 Foo. All rights reserved.", "rights_reserved", "All rights reserved"),
        ("版权所有，保留所有权利。", "rights_reserved", "保留所有权利"),
        ("版权所有，翻印必究", "rights_reserved", "翻印必究"),
        ("未经许可，不得转载。", "no_reprint", "未经许可，不得转载"),
        ("本文为原创，未经授权禁止转载。", "no_reprint", "未经授权禁止转载"),
        ("【禁止转载】", "no_reprint", "禁止转载"),
        ("仅供学习，禁止商用。", "no_reprint", "禁止商用"),
        ("No part of this publication may be reproduced without permission.", "no_reprint", "No part of"),
        ("转载请注明出处，谢谢！", "attribution_required", "转载请注明出处"),
        ('<meta name="robots" content="noai, noimageai">', "opt_out", "noai"),
        ('<meta name="tdm-reservation" content="1">', "opt_out", "tdm-reservation"),
        ("This content may not be used to train AI models.", "opt_out", "may not be used to train AI"),
        ("禁止将本站内容用于人工智能训练。", "opt_out", "人工智能训练"),
        ("User-agent: GPTBot\nDisallow: /\n", "opt_out", "GPTBot"),
    ],
)
def test_positive_classes(scanner: CopyrightScanner, text: str, marker_class: str, covered: str) -> None:
    found = [f for f in scanner.scan(text) if f.marker_class == marker_class]
    assert found, f"no {marker_class} in {text!r}"
    f = found[0]
    assert covered in text[f.start : f.end] or text[f.start : f.end] in covered
    assert 0.0 < f.score <= 1.0 and f.recognizer


@pytest.mark.parametrize(
    ("text", "spdx", "restrictive"),
    [
        (
            "This work is licensed under a Creative Commons Attribution 4.0 International License.",
            "CC-BY-4.0",
            False,
        ),
        ("Shared under CC BY-NC-SA 4.0.", "CC-BY-NC-SA-4.0", True),
        ("License: CC BY-ND 3.0", "CC-BY-ND-3.0", True),
        ("license: cc-by-nc-4.0", "CC-BY-NC-4.0", True),
        ("Released under CC0 1.0 Universal.", "CC0-1.0", False),
        ("本作品采用知识共享署名-非商业性使用-禁止演绎 4.0 国际许可协议进行许可。", "CC-BY-NC-ND-4.0", True),
        ("遵循 CC 4.0 BY-SA 版权协议", "CC-BY-SA-4.0", False),
        ("see creativecommons.org/licenses/by-nc/4.0/", "CC-BY-NC-4.0", True),
        ("All diagrams are released under CC BY-SA.", "LicenseRef-CC-BY-SA", False),
        ('Licensed under the Apache License, Version 2.0 (the "License");', "Apache-2.0", False),
        ("// SPDX-License-Identifier: GPL-2.0-or-later", "GPL-2.0-or-later", False),
        (
            "under the terms of the GNU General Public License as published by the Free Software Foundation, "
            "either version 3 of the License, or (at your option) any later version.",
            "GPL-3.0-or-later",
            False,
        ),
        ("Released under the GPLv2.", "GPL-2.0-only", False),
        ("License: AGPL-3.0", "AGPL-3.0-only", False),
        ("Permission is hereby granted, free of charge, to any person obtaining a copy", "MIT", False),
        ("This library is MIT licensed, see LICENSE.", "MIT", False),
        ("本项目基于 MIT 协议开源。", "MIT", False),
        ("BSD 3-Clause License", "BSD-3-Clause", False),
        (
            "This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0.",
            "MPL-2.0",
            False,
        ),
        ("本项目采用木兰宽松许可证, 第2版。", "MulanPSL-2.0", False),
        ("Mulan PSL v2", "MulanPSL-2.0", False),
        ("Licensed under MIT.", "MIT", False),
        ("Released under the GPL.", "LicenseRef-GPL", False),
        ("Licensed under ASL 2.0.", "Apache-2.0", False),
    ],
)
def test_licences(scanner: CopyrightScanner, text: str, spdx: str, restrictive: bool) -> None:
    lic = [f for f in scanner.scan(text) if f.marker_class == "licence"]
    assert [f.licence for f in lic] == [spdx]
    assert lic[0].restrictive is restrictive


@pytest.mark.parametrize(
    "text",
    [
        "Copyright law in the United States protects original works of authorship.",
        "The copyright of this essay is debated among scholars.",
        "The Copyright Act of 1976 extended the term of protection.",
        "版权保护的重要性日益凸显。",
        "版权所有者有权许可他人使用其作品。",
        "这幅画的著作权归谁所有？",
        "She studied at MIT before joining the lab.",
        "MIT licensed its patent portfolio to a startup in 2019.",
        "Answer the following: (a) define the term; (b) give an example; (c) explain why it matters.",
        "The © symbol is not required for protection under the Berne Convention.",
        "Please cc by email anyone who should see the minutes.",
        "The debate over whether the GPL is compatible with proprietary software continues.",
        "Critics asked whether books may be used for AI training without consent.",
        "学者们讨论了是否应当禁止转载新闻作品的问题。",
        "禁止使用未经清洗的数据进行模型训练，以免影响效果。",
        "tdm-reservation: 0",
        "The term 'all rights reserved' no longer has legal effect in most countries.",
    ],
)
def test_hard_negatives(scanner: CopyrightScanner, text: str) -> None:
    assert scanner.scan(text) == []


def test_notice_and_rights_are_separate_and_sorted(scanner: CopyrightScanner) -> None:
    text = "Intro.\n\nCopyright © 2023 Acme Inc. All rights reserved. 转载请注明出处"
    found = scanner.scan(text)
    assert _classes(found) == ["copyright_notice", "rights_reserved", "attribution_required"]
    assert [f.start for f in found] == sorted(f.start for f in found)
    notice = found[0]
    assert text[notice.start : notice.end].startswith("Copyright © 2023 Acme")
    assert "All rights" not in text[notice.start : notice.end]
    assert found[1].restrictive and not found[0].restrictive and not found[2].restrictive


def test_overlapping_same_class_merged(scanner: CopyrightScanner) -> None:
    # "未经许可不得转载" is matched by two no_reprint rules; one finding comes back.
    found = scanner.scan("未经许可不得转载")
    assert _classes(found) == ["no_reprint"]


def test_zhihu_footer_has_three_classes(scanner: CopyrightScanner) -> None:
    text = "著作权归作者所有。商业转载请联系作者获得授权，非商业转载请注明出处。"
    assert _classes(scanner.scan(text)) == ["copyright_notice", "no_reprint", "attribution_required"]


def test_empty_and_plain(scanner: CopyrightScanner) -> None:
    assert scanner.scan("") == []
    assert scanner.scan("今天天气很好，我们去公园散步。The weather is nice today.") == []


def test_deterministic_and_frozen(scanner: CopyrightScanner) -> None:
    text = "© 2021 Foo. CC BY-NC 4.0. noai. 禁止转载"
    a, b = scanner.scan(text), CopyrightScanner().scan(text)
    assert a == b
    assert {f.marker_class for f in a} <= set(MARKER_CLASSES)
    with pytest.raises(AttributeError):
        a[0].start = 3  # type: ignore[misc]


def test_licence_terms_table() -> None:
    assert licence_terms(None) is None
    t = licence_terms("CC-BY-NC-ND-4.0")
    assert t and t.non_commercial and t.no_derivatives and t.restrictive
    t = licence_terms("GPL-3.0-or-later")
    assert t and t.kind == "copyleft" and t.share_alike and not t.restrictive
    t = licence_terms("CC-BY-SA-4.0")
    assert t and t.kind == "share_alike" and not t.restrictive
    t = licence_terms("CC0-1.0")
    assert t and t.kind == "public_domain"
    t = licence_terms("MIT OR CC-BY-NC-4.0")  # licensee may choose MIT
    assert t and not t.restrictive
    t = licence_terms("MIT AND CC-BY-NC-4.0")
    assert t and t.restrictive


def test_notice_holder_stops_before_licence(scanner: CopyrightScanner) -> None:
    text = "© 2021 Foo. CC BY-NC 4.0"
    found = {f.marker_class: text[f.start : f.end] for f in scanner.scan(text)}
    assert found == {"copyright_notice": "© 2021 Foo", "licence": "CC BY-NC 4.0"}


def test_markers_deep_in_long_text(scanner: CopyrightScanner) -> None:
    filler = "The council met again to discuss the budget for the coming year. " * 300
    text = filler + "© 2022 Blue Harbor Press. 未经许可，不得转载。" + filler
    found = scanner.scan(text)
    assert _classes(found) == ["copyright_notice", "no_reprint"]
    assert found[0].start == len(filler)


def test_bsd_text_reads_clause_list(scanner: CopyrightScanner) -> None:
    head = "Redistribution and use in source and binary forms, with or without modification, are permitted "
    body = "provided that the following conditions are met: " + "x " * 400
    three = scanner.scan(head + body + "3. Neither the name of the copyright holder nor ...")
    two = scanner.scan(head + body + "THIS SOFTWARE IS PROVIDED AS IS")
    assert [f.licence for f in three] == ["BSD-3-Clause"]
    assert [f.licence for f in two] == ["BSD-2-Clause"]


def test_pickles_for_workers(scanner: CopyrightScanner) -> None:
    import pickle

    clone = pickle.loads(pickle.dumps(scanner))
    text = "Copyright 2020 Foo Ltd. noai"
    assert clone.scan(text) == scanner.scan(text)
    f = scanner.scan(text)[0]
    assert pickle.loads(pickle.dumps(f)) == f


@pytest.mark.parametrize(
    ("text", "marker_class", "covered"),
    [
        ("所有改进的版权都归开发团队所有。", "copyright_notice", "版权都归开发团队所有"),
        ("本网站所有内容属某报业集团所有，未经许可不得转载", "copyright_notice", "本网站所有内容属某报业集团所有"),
        ("未经授权前提下，不得用于商业运营。", "no_reprint", "未经授权前提下，不得用于商业"),
        ("不允许对程序代码以任何形式任何目的的再发布。", "no_reprint", "不允许对程序代码以任何形式任何目的的再发布"),
        ("严禁分享、盗用、转卖源码！", "no_reprint", "严禁分享、盗用"),
        ("再分发/商用图片请先取得原作者授权。", "no_reprint", "再分发/商用图片请先取得原作者授权"),
        ("转载时请务必备注本项目链接。", "attribution_required", "转载时请务必备注本项目链接"),
        ("# 著作權所有，翻印必究", "copyright_notice", "著作權所有"),
        ("本文链接：原创文章转载请注明\n作品采用某许可", "attribution_required", "转载请注明"),
        ("欢迎转载、使用、重新发布，但务必保留文章署名", "attribution_required", "转载、使用、重新发布，但务必保留文章署名"),
        ("如需转载，请留下原文链接。", "attribution_required", "转载，请留下原文链接"),
        ("本作品禁止一切商业使用。", "no_reprint", "禁止一切商业使用"),
    ],
)
def test_zh_notice_forms(scanner: CopyrightScanner, text: str, marker_class: str, covered: str) -> None:
    """Forms of real Chinese notices: 都归, a site's content without 版权, bans on passing a work on."""
    spans = [text[f.start : f.end] for f in scanner.scan(text) if f.marker_class == marker_class]
    # the finding covers the phrase, or is a part of it of at least four characters (holders are trimmed)
    assert any(covered in s or (s in covered and len(s) >= 4) for s in spans), spans


@pytest.mark.parametrize(
    ("text", "spdx", "restrictive"),
    [
        ("本项目遵循 PolyForm Noncommercial License 1.0.0 开源协议。", "PolyForm-Noncommercial-1.0.0", True),
        ("Licensed under the Business Source License 1.1.", "BUSL-1.1", False),
        ("This file is under the Elastic License 2.0.", "Elastic-2.0", False),
        ("站点代码 MIT。文章内容版权归作者所有。", "MIT", False),
        ("MIT 许可仅覆盖本插件的代码。", "MIT", False),
        ("本作品系原创，采用《署名-非商业性使用-禁止演绎 4.0 国际》许可协议", "CC-BY-NC-ND-4.0", True),
    ],
)
def test_source_available_and_zh_mit(scanner: CopyrightScanner, text: str, spdx: str, restrictive: bool) -> None:
    lic = [f for f in scanner.scan(text) if f.marker_class == "licence"]
    assert [(f.licence, f.restrictive) for f in lic] == [(spdx, restrictive)]


@pytest.mark.parametrize(
    "text",
    [
        "如果原作者声明了“禁止转载”或“禁止用于AI训练”等限制，您必须严格遵守。",  # restrictions named, in quotes
        '"隐私政策" "不得转载" "版权所有" "未经许可" "今日热点"',  # a word list of page furniture
        "本项目不被禁止用于AI训练，但不建议这样做。",  # a negation
        "公司前期产生的知识产权归属清晰。",  # ownership said to be clear, no owner named
        "an elastic license to print",
        "WATERMARK = ['仅供参考', '版权所有', '翻印必究']",  # string literals in code
        "PATTERNS = [r'^.*翻印必究', r'^版权.*所有', r'^©']",  # patterns to strip, not notices
        "/(内部资料|禁止外传|侵权必究|翻印必究|严禁转载)/",
        "根据《著作权法》第16条，职务作品一般情况下版权归雇主所有。",  # what a statute provides
    ],
)
def test_mentions_are_not_markers(scanner: CopyrightScanner, text: str) -> None:
    assert scanner.scan(text) == []


def test_quoted_notice_with_holder_is_still_found(scanner: CopyrightScanner) -> None:
    """Only a short quoted phrase is a mention: a whole notice in a string literal is still a notice."""
    text = 'FOOTER = "版权所有 © 2024 上海某某科技有限公司，未经许可不得转载"'
    assert {"copyright_notice", "no_reprint"} <= set(_classes(scanner.scan(text)))


@pytest.mark.parametrize(
    ("text", "marker_class"),
    [
        ("# This material may not be reproduced,\n# disclosed or distributed without ACME Corp's express prior written consent.",
         "no_reprint"),
        ("// The contents of this file may not be disclosed to third\n// parties, copied or duplicated in any form,\n"
         "// without the prior written permission of Foo, Inc.", "no_reprint"),
        (" * Unauthorized copying of this file, via any medium is strictly prohibited", "no_reprint"),
        ("* All rights are reserved. Reproduction in whole or in part is\n* prohibited without the written consent of"
         " the copyright owner.", "no_reprint"),
        ("COPYRIGHT (c) 2014 Foo Inc. All rights are\n*        reserved.", "rights_reserved"),
        ("Vaimo reserves all rights in the Program as delivered.", "rights_reserved"),
        ("This document is the property of Outlaw Games Studio.", "copyright_notice"),
        ("No redistribution or resale; please credit the author when using or sharing.", "no_reprint"),
        ("No redistribution or resale; please credit the author when using or sharing.", "attribution_required"),
        ("# art assets may be freely re-used in non-commercial projects, please credit Kim", "attribution_required"),
        ("*     Released to the Public domain, feel free to use and copy", "licence"),
        ("{  ITS CONTENTS SHALL AT NO TIME BE   }\n{  COPIED, SOLD OR DISTRIBUTED WITHOUT EXPRESS WRITTEN CONSENT  }",
         "no_reprint"),
        ("#FOR EDUCATIONAL PURPOSES ONLY!\n#Do not distribute!", "no_reprint"),
        (" * Copyright Daniel Ratcliffe, 2011-2019. Do not distribute without permission.", "no_reprint"),
        ("# This application may be used for personal use only and not for commercial use", "no_reprint"),
        ("All digital products are for personal use only. They are not to be sold or redistributed.", "no_reprint"),
        ("## License\n\nFor personal use only.", "no_reprint"),
        # fifth English batch: vendor headers, manual and book copyright pages, EULA terms, reprints by permission
        ("/* This software is the confidential and proprietary information\n * of Acme Labs (\"Confidential Information\").",
         "copyright_notice"),
        (" * You shall not disclose such Confidential Information and shall use\n * it only in accordance with the terms",
         "no_reprint"),
        ("// Confidential and Proprietary - Example Technologies, Inc.", "copyright_notice"),
        (" * THIS WORK CONTAINS CONFIDENTIAL AND PROPRIETARY\n * INFORMATION OF EXAMPLE GRAPHICS, INC.", "copyright_notice"),
        ("The information contained herein is proprietary to Example Corp\n and shall not be reproduced or disclosed in"
         " whole or in part", "copyright_notice"),
        ("The information contained herein is proprietary to Example Corp\n and shall not be reproduced or disclosed in"
         " whole or in part", "no_reprint"),
        ("No part of this user manual may be excerpted, copied, or reproduced in any form without written permission.",
         "no_reprint"),
        ("The information in this product manual is the property of Example Robotics.", "copyright_notice"),
        ("# Example Corp, its affiliates and licensors retain all intellectual\n# property and proprietary rights in and"
         " to this material", "rights_reserved"),
        ("# Example Corp, its affiliates and licensors retain all intellectual\n# property and proprietary rights in and"
         " to this material", "copyright_notice"),
        ("# Any use, reproduction, disclosure or distribution of this material and related documentation\n# without an"
         " express license agreement from Example Corp is strictly prohibited.", "no_reprint"),
        (" * ANY DUPLICATION OR DISCLOSURE IN ANY FORM IS STRICTLY\n * PROHIBITED WITHOUT THE PRIOR EXPRESS WRITTEN"
         " PERMISSION OF EXAMPLE INC.", "no_reprint"),
        ("Copying, distribution, or modification of Website materials without written permission is prohibited.",
         "no_reprint"),
        ("The Software is licensed only to you. You may not rent, lease, sublicense, sell,\nassign or transfer the"
         " Software.", "no_reprint"),
        ("*Reprinted by permission of Example Press, Inc. from The Book, 2nd Edition", "copyright_notice"),
        (" * Used with permission of Jane Roe.", "copyright_notice"),
        ("Copyright, 1905, By EXAMPLE SONS Printed in the United States", "copyright_notice"),
        ("Copyright@ 2022 by Jane Roe", "copyright_notice"),
        ("**Copyright ⓒ 2024 by Example Robotics**", "copyright_notice"),
        (" *   Copyright :   Example Laboratory          *", "copyright_notice"),
        (" * All unpublished rights reserved.", "rights_reserved"),
        ("    b(6,'body','All rights reserved.'),", "rights_reserved"),
        # sixth English batch
        ("% UNPUBLISHED PROPRIETARY SOURCE CODE of Jane Roe; the contents of", "copyright_notice"),
        ("** This document contains proprietary information belonging to Example  **\n** Technologies. Passing on and"
         " copying of this document, and communication  **\n** of its contents is not permitted without prior written"
         " authorization.  **", "no_reprint"),
        (" * Without the prior written permission of Example Inc. and/or its licensors,\n * any reproduction, modification,"
         " use or disclosure of Example Software,\n * and information contained herein, in whole or in part, shall be"
         " strictly prohibited.", "no_reprint"),
        ("// it was furnished by Example Corporation. No part of this\n// program may be reproduced or disclosed to others",
         "no_reprint"),
        ("//  The program may not be used without the written permission of\n//  Example Instruments Incorporated",
         "no_reprint"),
        ("//  All rights reserved. Property of Example Instruments Incorporated.", "copyright_notice"),
        ("<li>You may not copy, modify, distribute, or reproduce our content without permission</li>", "no_reprint"),
        ("You may copy and adapt them for non-commercial purposes, but **attribution is required**.",
         "attribution_required"),
    ],
)
def test_en_notice_forms(scanner: CopyrightScanner, text: str, marker_class: str) -> None:
    """English notices as they sit in comment blocks: phrases broken across comment lines, stock headers."""
    assert marker_class in _classes(scanner.scan(text))


@pytest.mark.parametrize(
    "text",
    [
        '"service_details": "Please credit my wallet with the sum of 1000",',
        "help_text=\"Please credit your picture's author appropriately.\"",
        "If you use this code in your research, we kindly ask that you cite our paper.",
        "the software is the property of the user who bought it",
        "For example, do not distribute an artifact that leverages a preview feature.",
        "Transform packages that do not distribute CommonJS packages.",
        "This is for personal use only, not for analyzing trends or selling data.",
        "This document may not be included in published material.  This is a sentence. Without the written consent"
        " of the author nothing happens.",
        # fifth English batch's hard negatives: trademarks, licences named as examples, permissions not about a text
        "Java is a registered trademark of Oracle and/or its affiliates.",
        "OpenNMS(R) is a registered trademark of The OpenNMS Group, Inc.",
        "look for a third-party library based on permissive licenses such as MIT, Apache-2.0, or BSD.",
        "- permissive licenses such as MIT, Apache-2.0, or BSD-style licenses",
        "# used with permission of site owner",
        "The file format is proprietary to Microsoft and undocumented.",
        "You may not copy or modify the list while iterating over it.",
        "The bug may not be reproduced in every build.",
        "Distribution of alcohol to minors is prohibited.",
        "The phrase 'All rights reserved' has no legal effect today.",
        "  * debian/copyright: Update debian/* section",  # a changelog line naming the file, not a field
        # sixth English batch's hard negatives: the work is not what may not be used
        '    name may not be used to endorse or promote products derived from this software without the prior written'
        " permission of Example Corporation.",
        "suggestion: 'Remove investment recommendations - this is not permitted without proper licensing',",
        'throw "ELSE may not be used without prior IF!";',
        "<li>Our name, logos, and trademarks may not be used without our prior written consent</li>",
        "The repository is the property of a team that maintains it.",
    ],
)
def test_en_not_notices(scanner: CopyrightScanner, text: str) -> None:
    assert scanner.scan(text) == []


def test_bsd_words_in_a_ban_are_not_a_grant(scanner: CopyrightScanner) -> None:
    """"Redistribution and use …, with or without modification, is not permitted without …" forbids, grants nothing."""
    text = ("Redistribution and use in source and binary forms, with or without modification, is not permitted without"
            " the express permission of Example Robotics.")
    classes = _classes(scanner.scan(text))
    assert "licence" not in classes and "no_reprint" in classes


def test_gpl_own_terms_are_not_a_eula_ban(scanner: CopyrightScanner) -> None:
    """GPL-2.0 section 4 forbids copying "except as expressly provided under this License": the licence's own terms."""
    text = ("You may not copy, modify, sublicense, or distribute the Program except as expressly provided under this"
            " License.")
    assert "no_reprint" not in _classes(scanner.scan(text))
