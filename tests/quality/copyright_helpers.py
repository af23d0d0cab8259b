"""Shared pieces of the copyright form tests: the text each finding of a class covers, the classes found."""

from __future__ import annotations

import time

from corpusgov.quality.copyright import CopyrightScanner

# Hard negatives every round re-asserted in its own test file (copyright-law prose, takedown lines, users' illegal
# content, a licence's own condition, a changelog line, access banners), kept once: test_copyright_standing.py.
STANDING_NEGATIVES: list[tuple[str, str]] = [
    ("根据《著作权法》第十条，著作权包括复制权、发行权。", "no_reprint"),
    ("本站内容来源于网络，如有侵权请联系删除。", "no_reprint"),
    ("本文转载自网络，如有侵权请联系删除。", "no_reprint"),
    ("用户不得上传、传播含有违法、暴力、色情内容。", "no_reprint"),
    ("Redistributions of source code must retain the above copyright notice.", "no_reprint"),
    ("- 2024-03-01 Jane Roe: use the new credits file", "attribution_required"),
    ("Unauthorized access to this system is prohibited and will be prosecuted.", "no_reprint"),
    ("未经授权禁止访问本系统。", "no_reprint"),
]


def spans(scanner: CopyrightScanner, text: str, marker_class: str) -> list[str]:
    """The text of each finding of one class, so a test can say which words a rule covered."""
    return [text[f.start : f.end] for f in scanner.scan(text) if f.marker_class == marker_class]


def classes(scanner: CopyrightScanner, text: str) -> set[str]:
    """Every class found in the text, so a hard negative can assert that none fired."""
    return {f.marker_class for f in scanner.scan(text)}


def assert_scans_fast(scanner: CopyrightScanner, texts: list[str], seconds: float = 1.0) -> None:
    """Each stress string (near misses of a round's forms repeated over tens of kB) scans within `seconds`: a rule
    that backtracks on them would stall a pipeline worker."""
    for text in texts:
        assert len(text) > 20_000
        t = time.perf_counter()
        scanner.scan(text)
        assert time.perf_counter() - t < seconds, text[:60]
