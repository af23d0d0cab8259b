"""Synthetic text edits shared by the demo-corpus generator and the benchmark corpus generator."""

from __future__ import annotations

import random


def near_copy(rng: random.Random, text: str, zh: bool) -> str:
    """An edited copy: one small substitution plus a trailing boilerplate line (Jaccard well above 0.8)."""
    if zh:
        i = rng.randint(10, max(11, len(text) - 10))
        return text[:i] + "等" + text[i + 1 :] + "（本文有删节）"
    words = text.split(" ")
    i = rng.randint(1, len(words) - 2)
    words[i] = words[i].upper()
    return " ".join(words) + " (Updated.)"
