"""`inline_furniture_marks` after the lead's speed change (spans stop at a page number, the Latin title test first)
equals the brute-force form it replaced: every span length tried, the regex page-number test (kept here verbatim)."""

from __future__ import annotations

import random
import re
from collections import defaultdict

from corpusgov.quality import junk_spliced as js

_HAN = re.compile(r"[\u4e00-\u9fff]")
_DASHED = re.compile(r"(?<=[a-z\u4e00-\u9fff,，]) [—–] ?\d{1,4} ?[—–] (?=[a-z\u4e00-\u9fff])")
_PAGE = re.compile(r"\d{1,4}")
_GOING_ON = re.compile(r"(?:[a-z,，\u4e00-\u9fff] \d{1,4} |(?<= )\d{1,4} [a-z\u4e00-\u9fff])")
_END = re.compile(r"(?:[a-z,]|[\u4e00-\u9fff])$")
_START = re.compile(r"(?:[a-z]|[\u4e00-\u9fff])")
_MARK = re.compile(r"[，。；：、,;:]")


def _title(tokens: list[str]) -> bool:
    if any(_PAGE.fullmatch(t) for t in tokens):
        return False
    joined = "".join(tokens)
    han = len(_HAN.findall(joined))
    if han:
        return han >= js.MIN_HAN_TITLE and not _MARK.search(joined)
    return len(tokens) >= 2 and len(joined) >= 8 and all(t[:1].isupper() or t[:1].isdigit() for t in tokens)


def _reference(text: str) -> float:
    flat = " ".join(text[:js.MAX_CHARS].split())
    dashed = len(_DASHED.findall(flat)) if "—" in flat or "–" in flat else 0
    if not _GOING_ON.search(flat):
        return float(dashed)
    tokens = flat.split(" ")
    beside: dict[str, list[int]] = defaultdict(list)
    for i in [j for j, t in enumerate(tokens) if len(t) <= 4 and t.isdigit() and t.isascii() and j]:
        for k in range(1, js.MAX_TITLE_TOKENS + 1):
            after = tokens[i + 1:i + k + 1]
            if i + k + 1 < len(tokens) and _END.search(tokens[i - 1]) and _START.match(tokens[i + k + 1]) \
                    and _title(after):
                beside[" ".join(after)].append(int(tokens[i]))
            before = tokens[i - k:i]
            if i - k - 1 >= 0 and i + 1 < len(tokens) and _END.search(tokens[i - k - 1]) \
                    and _START.match(tokens[i + 1]) and _title(before):
                beside[" ".join(before)].append(int(tokens[i]))
    best = 0
    for title, numbers in beside.items():
        pages = sorted(set(numbers))
        need = js.MIN_HAN_PAGES if _HAN.search(title) else js.MIN_PAGES
        if len(pages) >= need and list(dict.fromkeys(numbers)) == pages \
                and pages[-1] - pages[0] <= js.MAX_PAGE_STEP * (len(pages) - 1):
            best = max(best, len(pages))
    return float(dashed + best)


PROSE = ("the installer asks for the network settings and then it writes them to the new system so that the "
         "machine can reach the mirror when it boots for the first time and every package comes from there")
ZH = "安装程序会询问网络设置，然后把它们写入新系统，这样机器第一次启动时就能连上镜像，所有软件包都从那里下载"
PIECES = ["12", "13 Chapter Three Notes", "Chapter Three Notes 14", "第三章 安装系统 15", "16", "7 Before Installing",
          "— 9 —", "3 第三章 安装 系统", "٣", "１２", "² x", "Part 2 Of 3", "99999", "1 2 3 4"]


def test_equal_to_the_brute_force_form_on_spliced_text() -> None:
    rng = random.Random(7)
    texts = []
    for _ in range(600):
        words = (PROSE if rng.random() < 0.6 else " ".join(ZH)).split()
        for _ in range(rng.randrange(0, 7)):
            words.insert(rng.randrange(1, len(words)), rng.choice(PIECES))
        texts.append(" ".join(words))
    hits = 0
    for text in texts:
        got = js.inline_furniture_marks(text)
        assert got == _reference(text), text
        hits += got > 0
    assert hits > 20  # the spliced headers are found, so the comparison covers the counting path


def test_page_number_test_equals_the_regex() -> None:
    for token in ["", "0", "12", "1234", "12345", "٣", "１２", "²", "1a", "-1", " 1", "一"]:
        assert js._is_page_number(token) == bool(_PAGE.fullmatch(token)), token
