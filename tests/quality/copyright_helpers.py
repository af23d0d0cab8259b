"""Shared pieces of the copyright form tests: the text each finding of a class covers, the classes found."""

from __future__ import annotations

import time

from corpusgov.quality.copyright import CopyrightScanner


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
