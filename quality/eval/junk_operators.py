"""Generic corruption operators for training the junk score: what makes text junk in general, not one junk kind.

Why: the named junk kinds (``junk_kinds``, ``junk_fresh*``) each imitate one way text goes wrong, and a model
trained on them learns those ways; junk nobody has listed is mostly real words in a wrong arrangement. These
operators take good text apart at a random granularity (two-character chunks or words, clauses, sentences,
lines) and put it back wrongly: permuted, spliced across documents, repeated, truncated, cut into short
chrome-like lines, or listed one fragment a line with numbers. Each operator draws its granularity and rates at
random, so one operator covers a family of kinds. Training only (``train_junk_score``); every word comes from
the good texts passed in, the only glue is separators and numbers.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence

_HAN = re.compile(r"[\u4e00-\u9fff]")
_CLAUSE = re.compile(r"[^，；：、。！？,;:.!?\n]+[，；：、。！？,;:.!?]?")
_SENT = re.compile(r"[^。！？.!?\n]+[。！？.!?]?")


def _units(text: str, zh: bool, level: str) -> list[str]:
    """``text`` cut into units: 'token' (words, or two-character chunks of Chinese), 'clause', 'sentence', 'line'."""
    flat = " ".join(text.split())
    if level == "token":
        if zh:
            return [flat[i: i + 2] for i in range(0, len(flat), 2)]
        return flat.split()
    if level == "line":
        return [ln.strip() for ln in text.splitlines() if ln.strip()] or [flat]
    pat = _CLAUSE if level == "clause" else _SENT
    return [u.strip() for u in pat.findall(flat) if u.strip()] or [flat]


def _join(units: Sequence[str], zh: bool, level: str) -> str:
    sep = "" if zh and level != "line" else (" " if level != "line" else "\n")
    return sep.join(units)


def _level(rng: random.Random) -> str:
    return rng.choice(["token", "clause", "sentence", "line"])


def _lang(make: Callable[[random.Random, Sequence[str], bool], str], zh: bool) -> Callable[[random.Random, Sequence[str]], str]:
    def maker(rng: random.Random, texts: Sequence[str]) -> str:
        return make(rng, texts, zh)
    maker.__doc__ = make.__doc__
    return maker


def permute(rng: random.Random, texts: Sequence[str], zh: bool) -> str:
    """Units of one text permuted inside windows of 2-12 units (or all of them)."""
    level = _level(rng)
    units = _units(texts[0], zh, level)
    if len(units) < 6:  # too few units to move: permute tokens instead (a text of one sentence stays junk)
        level, units = "token", _units(texts[0], zh, "token")
    w = rng.choice([2, 3, 5, 8, 12, len(units)])
    out = []
    for i in range(0, len(units), w):
        chunk = units[i: i + w]
        rng.shuffle(chunk)
        out += chunk
    return _join(out, zh, level)


def splice(rng: random.Random, texts: Sequence[str], zh: bool) -> str:
    """Units of two or three texts interleaved at random: every unit real, the joins not."""
    level = rng.choice(["clause", "sentence", "token", "line"])
    pools = [_units(t, zh, level) for t in texts]
    out: list[str] = []
    n = rng.randint(6, 30)
    while len(out) < n and any(pools):
        p = rng.choice([p for p in pools if p])
        k = rng.randint(1, 3)
        out += p[:k]
        del p[:k]
    return _join(out, zh, level)


def repeat(rng: random.Random, texts: Sequence[str], zh: bool) -> str:
    """A unit of the text pasted again 2-8 times, in a row or at random places."""
    level = rng.choice(["token", "clause", "sentence"])
    units = _units(texts[0], zh, level)
    a = rng.randrange(len(units))
    piece = units[a: a + rng.randint(1, 4)]
    for _ in range(rng.randint(2, 8)):
        at = a if rng.random() < 0.5 else rng.randrange(len(units) + 1)
        units[at:at] = piece
    return _join(units, zh, level)


def truncate(rng: random.Random, texts: Sequence[str], zh: bool) -> str:
    """Every sentence or line cut to a prefix of 20-70 %, the stumps one a line or run together."""
    units = [u for t in texts for u in _units(t, zh, rng.choice(["sentence", "clause", "line"]))]
    stumps = [u[: max(2, int(len(u) * rng.uniform(0.2, 0.7)))] for u in units[: rng.randint(5, 25)]]
    return ("\n" if rng.random() < 0.6 else ("" if zh else " ")).join(stumps)


def _fragment(rng: random.Random, unit: str, zh: bool) -> str:
    if zh:
        han = "".join(_HAN.findall(unit))
        a = rng.randrange(max(1, len(han) - 2))
        return han[a: a + rng.randint(2, 8)]
    words = unit.split()
    a = rng.randrange(max(1, len(words) - 1))
    frag = " ".join(words[a: a + rng.randint(1, 4)])
    return frag[:1].upper() + frag[1:] if rng.random() < 0.6 else frag


def chrome(rng: random.Random, texts: Sequence[str], zh: bool) -> str:
    """Short chrome-like lines (2-8 characters or 1-4 words of the texts) in rows or columns with separators,
    with at most one whole sentence among them."""
    units = [u for t in texts for u in _units(t, zh, "sentence")]
    frags = [f for f in (_fragment(rng, rng.choice(units), zh) for _ in range(rng.randint(6, 30))) if f.strip()]
    sep = rng.choice(["\n", " | ", "  ", " · ", " > ", "\t", " / "])
    per_row = rng.choice([1, 2, 3, 5, 8])
    rows = [sep.join(frags[i: i + per_row]) for i in range(0, len(frags), per_row)]
    if rng.random() < 0.4:
        rows.insert(rng.randrange(len(rows) + 1), rng.choice(units))
    return "\n".join(rows)


def listing(rng: random.Random, texts: Sequence[str], zh: bool) -> str:
    """Fragments one a line, each with a number before or after it (counts, ordinals, locators), sorted or not."""
    units = [u for t in texts for u in _units(t, zh, rng.choice(["sentence", "clause"]))]
    frags = [f for f in (_fragment(rng, rng.choice(units), zh) for _ in range(rng.randint(5, 25))) if f.strip()]
    if rng.random() < 0.5:
        frags.sort()
    style = rng.randrange(4)
    out = []
    for i, f in enumerate(frags, 1):
        n = rng.randint(1, 999)
        out.append([f"{i}. {f}", f"{f} {n}", f"{f}, {n}, {n + rng.randint(1, 50)}", f"{f} ({n})"][style])
    return "\n".join(out)


_OPS = {"permute": permute, "splice": splice, "repeat": repeat, "truncate": truncate, "chrome": chrome,
        "listing": listing}
# make_junk's naming: kinds ending in _en draw on English texts, the others on Chinese.
OPERATOR_KINDS: dict[str, Callable[[random.Random, Sequence[str]], str]] = {
    f"op_{name}_{lang}": _lang(op, lang == "zh") for name, op in _OPS.items() for lang in ("en", "zh")
}
