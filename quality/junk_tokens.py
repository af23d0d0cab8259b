"""Signals of text that went through machinery: tokenizer spacing, glued non-word tokens, lines under one symbol.

**Not wired into ``compute_signals``** (measured 2026-12-06, issue 13, and left out): read by a refitted junk score
they raised the new blind ``junk_fresh8`` by 2–7 points but moved ``good_docs8_en`` +0.5–1.8 points (code lines with
``=``/``|`` glue, lines under one symbol) and, through ``spaced_punct_frac``, ``good_noise2_fr`` (the French
Debian Reference) to 5–11.5 % (1.5 % without that signal; ``; : ! ?``, which French sets apart by rule, are already
left out of it); they cost about 120 µs per bench document (20,000 texts
of ``bench/gen.py``, load ~6), a quarter of the quality stage's budget. Figures: ``quality/junk_score_PROVENANCE.md``. Measured again after
``spaced_punct_frac`` learnt to count only lines spaced throughout and ``glued_token_frac`` to leave ``=`` / ``|`` in
code lines (2026-12-06 evening, ``wt-junk10``): French and documentation stop rising with some refits, but every refit
still loses junk on older splits; still not wired.

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
    """Share of sentence punctuation marks with white space (or a line edge) on both sides, counted only on lines
    where most marks are spaced: a tokenizer spaces every mark of a line, while a typographic habit (a spaced dash or
    colon, a French ``»``) or a code listing (``x . y``) spaces a few marks among many glued ones."""
    marks = sum(map(text.count, _PUNCT))
    if marks < _MIN_MARKS:
        return 0.0
    spaced = 0
    for ln in text.splitlines():
        k = len(_SPACED.findall(ln))
        if k and 2 * k > sum(map(ln.count, _PUNCT)):
            spaced += k
    return spaced / marks


# a line of code or a shell / prompt line: ``=`` and ``|`` between words there are assignments, options and pipes
_CODE_LINE = re.compile(r"[;{}()\[\]]|^\s|^(?:\$|#|>>>|%) ")
_CODE_GLUE = re.compile(r"\w[=|]+\w")


def glued_token_frac(text: str) -> float:
    """Share of white-space words holding machine glue between word characters (a tag, an encoded byte, a markup
    delimiter); ``=`` and ``|`` inside a line of code (``key=value``, ``a|b``) are the code's syntax and do not count."""
    n = 0
    glued = 0
    for ln in text.splitlines():
        words = ln.split()
        n += len(words)
        code = _CODE_LINE.search(ln) is not None
        for w in words:
            m = _GLUE.search(w + " ")
            if m and not (code and _CODE_GLUE.fullmatch(m.group(0).strip())):
                glued += 1
    return glued / n if n else 0.0


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
