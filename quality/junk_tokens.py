"""Signals of text that went through machinery: tokenizer spacing, glued non-word tokens, lines under one symbol.

**Not wired into ``compute_signals``** (measured 2026-12-06, issue 13, and left out): read by a refitted junk score
they raised the new blind ``junk_fresh8`` by 2–7 points but moved ``good_docs8_en`` +0.5–1.8 points (code lines with
``=``/``|`` glue, lines under one symbol) and, through ``spaced_punct_frac``, ``good_noise2_fr`` (the French
Debian Reference) to 5–11.5 % (1.5 % without that signal; ``; : ! ?``, which French sets apart by rule, are already
left out of it); they cost about 120 µs per bench document (20,000 texts
of ``bench/gen.py``, load ~6), a quarter of the quality stage's budget. Figures: ``quality/junk_score_PROVENANCE.md``.

Why: prose and documentation put sentence punctuation against the word before it, keep machine glue (``=``, ``|``,
``{``, ``\\``, ``^``) out of words, and start and end their lines with letters, quotes, brackets or punctuation.
Text that went through a tokenizer, a tagger, a mail encoder, a diff or a template engine breaks these habits
wholesale, whatever the machinery was: ``word , word .``, ``word/NN``, ``=E2=80=99``, ``{% block %}``, a line
ending ``=`` or starting ``+text``. The three shares are read by the learned junk score only (no rule of their own):
documentation has some of each (paths, ``key=value``, ``+=`` in code), so only the model's bins, trained against
good documentation, decide how much counts.

- ``spaced_punct_frac``: share of the sentence punctuation marks that are commas or full stops written apart from
  both neighbours (`` , ``; French typography sets ``; : ! ?`` apart by rule, so those never count as spaced);
- ``glued_token_frac``: share of the words with machine glue between two word characters (``a/NN``, ``=E2=80``);
- ``edge_symbol_frac``: share of the lines that start with one symbol glued to a word (``+text``), or end with
  one symbol (``=``), the most frequent such symbol counted (4 lines at least).
"""

from __future__ import annotations

import re
from collections import Counter

_PUNCT = ",.;:!?，。；：！？、"
# the marks counted when spaced: commas and full stops (French sets ; : ! ? apart by rule) and the full-width marks
_SPACED = re.compile(r"(?:(?<=\s)|^)[,.，。；：！？、](?=\s|$)", re.M)
_GLUE = re.compile(r"\w[=|\\^{}~<>@#]+\w|\w/[A-Za-z]{1,4}(?:\s|$)", re.UNICODE)
# line starts and ends prose and documentation have: letters, digits, quotes, brackets, sentence marks, list marks
_EDGE_OK = frozenset(_PUNCT + "\"'“”‘’「」『』《》（）()[]`*-•·…—–/%$")
_MIN_MARKS = 3
_MIN_LINES = 4


def spaced_punct_frac(text: str) -> float:
    """Share of sentence punctuation marks with white space (or a line edge) on both sides."""
    marks = sum(map(text.count, _PUNCT))
    if marks < _MIN_MARKS:
        return 0.0
    return len(_SPACED.findall(text)) / marks


def glued_token_frac(text: str) -> float:
    """Share of white-space words holding machine glue between word characters (a tag, an encoded byte, a markup
    delimiter)."""
    words = text.split()
    if not words:
        return 0.0
    return sum(1 for w in words if _GLUE.search(w + " ")) / len(words)


def edge_symbol_frac(text: str) -> float:
    """Share of non-blank lines that start with the same symbol glued to a word or end with the same symbol."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if len(lines) < _MIN_LINES:
        return 0.0
    edges: Counter[str] = Counter()
    for ln in lines:
        first, last = ln[0], ln[-1]
        if (not first.isalnum() and first not in _EDGE_OK and len(ln) > 1 and ln[1].isalnum()):
            edges["^" + first] += 1
        if not last.isalnum() and last not in _EDGE_OK:
            edges["$" + last] += 1
    return max(edges.values(), default=0) / len(lines)


def token_signals(text: str) -> tuple[float, float, float]:
    """(spaced_punct_frac, glued_token_frac, edge_symbol_frac) of ``text``."""
    return spaced_punct_frac(text), glued_token_frac(text), edge_symbol_frac(text)
