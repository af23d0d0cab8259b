"""Licence grants in their own words (rules_grants) and 版权归X without 所有: found, while prose about the
public domain or about licences, and disputes over who owns a copyright, are not taken as grants."""

from __future__ import annotations

import pytest

from corpusgov.quality.copyright import CopyrightScanner


@pytest.fixture(scope="module")
def scanner() -> CopyrightScanner:
    return CopyrightScanner()


def _rules(scanner: CopyrightScanner, text: str, marker_class: str) -> set[str]:
    return {f.recognizer for f in scanner.scan(text) if f.marker_class == marker_class}


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("This code was written in 1993, no copyright is claimed.", "public_domain_dedication"),
        ("This code is in the public domain; do with it what you wish.", "public_domain_dedication"),
        ("I hereby place this header file into the public domain.", "public_domain_dedication"),
        ("The author disclaims copyright to this source code.", "public_domain_dedication"),
        ("You may redistribute it and/or modify it under the same terms as Perl itself.", "same_terms_as"),
        (
            "Monotype has granted the Consortium permission, free of charge, to use, copy modify, publish, "
            "distribute, sublicense, and/or sell copies of the font.",
            "permission_verbs",
        ),
        (
            "The authors agree to grant third parties the irrevocable right to copy, use and distribute the work.",
            "permission_verbs",
        ),
        (
            "Any one receiving the module is considered to be licensed under IBM copyrights to use the source.",
            "licensed_to_use",
        ),
        (
            "Profiles based on these data may be distributed with no further permissions from the owner.",
            "free_to_distribute",
        ),
        ("This module may be freely distributed or copied.", "free_to_distribute"),
        (
            "You are free to use or extend these exercises for teaching, provided that you retain this notice.",
            "free_to_distribute",
        ),
        # Grants from Debian copyright files of packages outside the evaluation's test split (2026-12-05):
        (
            "This file and the accompanying getopt.h header file are hereby placed in the\npublic domain.",
            "public_domain_dedication",
        ),
        ("LICENCE: all the source code provided by AOP Alliance is Public Domain.", "public_domain_dedication"),
        ("Rights are granted to use this software in any way so long as this notice is not removed.", "granted_to_use"),
        ("You are allowed to use this source code in any open source or closed source software.", "granted_to_use"),
        (
            "Permission is granted to anyone to use this software for any purpose,\nincluding commercial "
            "applications, and to alter it and redistribute it freely.",
            "permission_granted_to",
        ),
        ("Permission granted to use and modify this library so long as the copyright is kept.", "permission_granted_to"),
        (
            "This software is made available under the terms of *either* of the licenses\nfound in LICENSE.APACHE "
            "or LICENSE.BSD.",
            "available_under_licence_files",
        ),
        (
            "Since DOC software is open-source, freely available software, you are free\nto use, modify, copy, "
            "and distribute--perpetually and irrevocably--the DOC software source code.",
            "free_to_distribute",
        ),
        (
            "Redistribution and use in source and binary forms is permitted\nprovided that the above copyright "
            "notice is duplicated.",
            "free_to_distribute",
        ),
        (
            "The redistribution and use of this software (with or without\nchanges) is allowed without the payment "
            "of fees or royalties provided that:",
            "free_to_distribute",
        ),
        ("This software is a copyrighted work licensed under the terms of the\nCygwin license.", "named_licence_grant"),
        ("The libraries are covered by the more permissive\nLibrary General Public License.", "gpl_long"),
        ("acx_pthread.m4 is copyright S. G. Johnson\nunder the GPL with the exception that", "gpl_context"),
        ("It is dually licensed under the\nGNU FDL and the GNU GPL.", "gpl_context"),
        ("Under Section 7 of GPL version 3, you are granted additional permissions.", "gpl_short"),
        # a trigger phrase wrapped across an indented line break is still found
        ("You may modify it under the same\n        terms as Perl itself.", "same_terms_as"),
    ],
)
def test_grants_in_own_words_are_licences(scanner, text, rule):
    assert rule in _rules(scanner, text, "licence")


@pytest.mark.parametrize(
    "text",
    [
        "Works published before 1929 are in the public domain in the United States.",
        "We discuss whether this code is in the public domain.",
        "The public domain is the set of works to which no exclusive rights apply.",
        "Users asked whether permission is needed to use, copy and modify the schemas.",
        "The tool lets you copy files with or without compression.",
        "Copying a file is as simple as calling shutil.copy.",
        "Note that you are free to use other compilers, but they are not supported.",
        "You are allowed to use any editor you like.",
        "Write permission is granted to the owner of the directory.",
        "Use and redistribution of keys is discussed in chapter 4.",
        "You are free to use, modify or ignore the defaults.",
    ],
)
def test_talk_about_licences_is_not_a_grant(scanner, text):
    assert _rules(scanner, text, "licence") == set()


def test_copyright_belongs_without_suoyou(scanner):
    text = "原始背景及地块图集提取自客户端，版权归鹰角网络及相关权利方。"
    assert "copyright_notice" in {f.marker_class for f in scanner.scan(text)}
    for negative in ("本案的焦点是版权归属问题。", "这张图片的版权归谁？"):
        assert "copyright_notice" not in {f.marker_class for f in scanner.scan(negative)}


@pytest.mark.parametrize(
    ("text", "marker_class"),
    [
        ("核心组件为闭源。未经授权，禁止：\n\n* 反编译；\n* 二次分发；", "no_reprint"),
        ("个人使用免费。未经授权，禁止将本工具用于商业接单或二次售卖。", "no_reprint"),
        ("本系统未经授权，禁止应用于任何商业用途。", "no_reprint"),
        ("这里的所有作品版权属著作权人所有。", "copyright_notice"),
        ("厂商 SDK 及其文档的版权与许可归原厂商所有；", "copyright_notice"),
        ("音轨、歌词与封面等版权均归属于各音乐平台及其所属唱片公司或原著作权人所有。", "copyright_notice"),
    ],
)
def test_chinese_notices_by_legal_phrasing(scanner, text, marker_class):
    assert marker_class in {f.marker_class for f in scanner.scan(text)}


@pytest.mark.parametrize(
    ("text", "marker_class"),
    [
        ("该规定未经许可不得擅自修改。", "no_reprint"),  # a rule about a regulation, not about reusing a text
        ("文件的版权属性需要在元数据中填写。", "copyright_notice"),
        ("不得将本项目用于未经许可的商业分发。", "no_reprint"),
    ],
)
def test_chinese_hard_negatives(scanner, text, marker_class):
    assert marker_class not in {f.marker_class for f in scanner.scan(text)}
