"""Full licence texts by similarity, Chinese rights notices, and their hard negatives."""

from __future__ import annotations

import pickle

from corpusgov.quality.copyright import CopyrightScanner

ZLIB = """This software is provided 'as-is', without any express or implied warranty. In no event will the
authors be held liable for any damages arising from the use of this software.

Permission is granted to anyone to use this software for any purpose, including commercial applications,
and to alter it and redistribute it freely, subject to the following restrictions:

1. The origin of this software must not be misrepresented; you must not claim that you wrote the original
   software. If you use this software in a product, an acknowledgment in the product documentation would be
   appreciated but is not required.
2. Altered source versions must be plainly marked as such, and must not be misrepresented as being the
   original software.
3. This notice may not be removed or altered from any source distribution."""


def _licences(text: str, scanner: CopyrightScanner | None = None) -> list[tuple[str | None, str]]:
    return [
        (f.licence, f.recognizer)
        for f in (scanner or CopyrightScanner()).scan(text)
        if f.marker_class == "licence"
    ]


def test_zlib_body_without_its_name_is_recognised_inside_a_page():
    text = "Release notes for version 2.\n\n" + ZLIB + "\n\nThanks to all contributors."
    assert ("Zlib", "licence_text") in _licences(text)
    # Without full texts only the grant sentence is seen, as an unnamed grant: the full text names it Zlib.
    assert _licences(text, CopyrightScanner(full_texts=False)) == [(None, "permission_granted_to")]


def test_a_quoted_clause_is_not_a_licence_text():
    text = "Our style guide says: the origin of this software must not be misrepresented, as the zlib authors put it."
    assert all(r != "licence_text" for _, r in _licences(text))


def test_scanner_pickles_with_its_mode():
    s = pickle.loads(pickle.dumps(CopyrightScanner(full_texts=False)))
    assert _licences(ZLIB, s) == [(None, "permission_granted_to")]  # still names-only: no Zlib text match


def test_chinese_site_notice_and_hard_negatives():
    s = CopyrightScanner()
    notice = "本服务上的所有内容、商标及其他知识产权均归本公司所有。未经许可,您不得使用、复制或分发任何内容。"
    assert {f.marker_class for f in s.scan(notice)} == {"copyright_notice", "no_reprint"}
    statute = "根据《中华人民共和国著作权法》规定，未经著作权人许可，任何人不得复制、发行其作品。"
    contract = "5.1 本合同履行过程中产生的所有技术成果和知识产权归甲方所有。"
    question = "AI公司使用网络文章训练模型，知识产权归谁所有？"
    for text in (statute, contract, question):
        assert s.scan(text) == [], text
