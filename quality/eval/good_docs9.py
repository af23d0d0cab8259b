"""A new good split for issue 13: documentation paragraphs no other split, LM table or model reads (``good_docs9``).

Why: the hidden set's good text is Python-doc paragraphs and Chinese technical paragraphs of projects nobody here has
seen; the older documentation splits are help pages and manuals read as pages. This split is paragraphs, in the shape
of the dev set's: reStructuredText prose paragraphs of the Flask, Jinja2, Click and Sphinx manuals and of the plain-text
*Guide for Debian Maintainers* (en), that guide's zh-cn and zh-tw paragraphs (zh), as their sources wrap them. The
material and its halves are ``junk_fresh8``'s (only the good half is read here: no document is a file or section, or
a translation of one, that ``junk_fresh8``'s junk was made from). Written before any change it could guide; its first
run was recorded before its drops were looked at; its misses are never printed. **First run** (2026-12-06 15:52 UTC,
rules and junk score of 19f0814): en 2.0% (8 of 400), zh 0.8% (2 of 240).
"""

from __future__ import annotations

from corpusgov.quality.eval.junk_fresh3 import sample_sets
from corpusgov.quality.eval.junk_fresh8 import pool

PER_LANG = 400


def good_texts() -> dict[str, list[str]]:
    """Every good-half paragraph of each language (deduplicated, sorted), none that the junk half holds too (a
    paragraph the guide repeats in two sections)."""
    return {f"good_docs9_{lang}": sorted(set(pool(lang, "good")) - set(pool(lang, "junk"))) for lang in ("en", "zh")}


def make_good_docs9(per_lang: int = PER_LANG, seed: int = 91) -> list[dict[str, str]]:
    """Up to ``per_lang`` paragraphs of each language (seeded)."""
    return sample_sets(good_texts(), per_lang, seed)
