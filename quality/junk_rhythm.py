"""Clause rhythm of Chinese text: characters drawn at random with punctuation dropped in at random places.

Why: character soup made with real character frequencies passes the frequency test, and its weak character
pairs overlap with classical Chinese (poems and the Analects score as low as 0.09 in ``han_pair_pmi``, soup
0.0-0.28). What the two do not share is rhythm: classical clauses have regular lengths (a poem's five or seven
characters; prose clauses of a similar size), while punctuation placed at random gives geometric clause
lengths, many of one or two characters beside long runs.

- ``han_clause_cv``: coefficient of variation (standard deviation / mean) of the lengths of the Han runs in the
  first 2,000 characters (runs split by any other character), from five runs on; 0.0 below that.
- ``weak_pair_clause_cv`` (the drop rule's signal, computed in ``quality.signals``): ``han_clause_cv`` of text
  whose adjacent character pairs are weak (``han_pair_pmi`` < 0.3, the range where soup and classical
  Chinese meet), 0.0 for all other text. Modern Chinese mixed with Latin words has irregular runs but strong
  pairs, so it never reaches the rule.

Threshold 0.7: the weak-pair good documents of the dev and held-out sets reach 0.63 (an Analects dialogue of
short questions and answers), char soup 0.4-1.6. Tuned on: dev, ``junk_kinds.KINDS`` (``char_soup_zh``).
zh-only by construction (Han runs).
"""

from __future__ import annotations

import re

import numpy as np

_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
_MAX_CHARS = 2000
_MIN_RUNS = 5
WEAK_PAIR_PMI = 0.3


def han_clause_cv(text: str) -> float:
    """Coefficient of variation of the Han run lengths in the first 2,000 characters; 0.0 below five runs."""
    lengths = [len(r) for r in _HAN_RUN.findall(text[:_MAX_CHARS])]
    if len(lengths) < _MIN_RUNS:
        return 0.0
    a = np.asarray(lengths, dtype=np.float64)
    return float(a.std() / a.mean())
