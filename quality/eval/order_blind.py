"""Good-text guard of new registers and a blind check of misordered junk made from it.

Why: the junk that passes is made of well-formed words in the wrong order. This split measures (a) how much good
text of registers the shipped rules were not tuned on is dropped — modern news prose, a novel, reviews (Chinese) and
quotations (English), the ``guard`` part of ``quality.eval.prose_sources``, which neither the LM tables nor the junk
score read — and (b) how much junk made from that same held-out text by four order corruptions is dropped. The
corruptions keep every word or character of a real document and change only its order:

- ``shuffled_words``: the words (jieba's for Chinese, white-space words for English) in random order;
- ``shuffled_chars``: the Han characters of each clause (Chinese) / the letters inside each word (English) in random
  order;
- ``swapped_pairs``: each adjacent pair of words swapped with probability one half (what a careless spinner or a
  word-by-word translation does);
- ``spliced``: sentences taken alternately from two documents of the same source.

Since junk round 17 (2026-12-07) ``junk_order`` is a tuning split: its misses are printed and were read to write
``quality/junk_order_marks.py``; its first, blind figure (35.0%) stays in the README table. The guard sets stay blind.

Seeded, made at eval time, never stored (the sources' licences: MIT packages, a public-domain novel, BSD fortunes).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from typing import Any

from corpusgov.quality.eval.prose_sources import Doc, documents

ORDER_KINDS = ("shuffled_words", "shuffled_chars", "swapped_pairs", "spliced")
GUARD_PER_SOURCE = 400
JUNK_PER_KIND = 40  # per kind and language
_SENT = re.compile(r"(?<=[。！？!?；;])|(?<=\.)\s+")
_CLAUSE = re.compile(r"([，。！？；：、,.!?;:\s]+)")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _words(text: str, zh: bool) -> list[str]:
    if zh:
        import jieba

        return [w for w in jieba.lcut(text) if w.strip()]
    return text.split()


def _join(words: list[str], zh: bool) -> str:
    return ("" if zh else " ").join(words)


def shuffled_words(text: str, zh: bool, rng: random.Random) -> str:
    w = _words(text, zh)
    rng.shuffle(w)
    return _join(w, zh)


def shuffled_chars(text: str, zh: bool, rng: random.Random) -> str:
    if zh:
        parts = _CLAUSE.split(text)
        out = []
        for p in parts:
            chars = list(p)
            if _HAN.search(p) and not _CLAUSE.fullmatch(p):
                rng.shuffle(chars)
            out.append("".join(chars))
        return "".join(out)
    out_words = []
    for w in text.split(" "):
        letters = list(w)
        rng.shuffle(letters)
        out_words.append("".join(letters))
    return " ".join(out_words)


def swapped_pairs(text: str, zh: bool, rng: random.Random) -> str:
    w = _words(text, zh)
    i = 0
    while i + 1 < len(w):
        if rng.random() < 0.5:
            w[i], w[i + 1] = w[i + 1], w[i]
            i += 2
        else:
            i += 1
    return _join(w, zh)


def spliced(text: str, other: str, zh: bool) -> str:
    a = [s for s in _SENT.split(text) if s.strip()]
    b = [s for s in _SENT.split(other) if s.strip()]
    out = [s for pair in zip(a, b, strict=False) for s in pair]
    return ("" if zh else " ").join(out)


MAKERS: dict[str, Callable[[str, bool, random.Random], str]] = {
    "shuffled_words": shuffled_words, "shuffled_chars": shuffled_chars, "swapped_pairs": swapped_pairs,
}


def guard(docs: list[Doc] | None = None, seed: int = 41) -> list[dict[str, Any]]:
    """Up to GUARD_PER_SOURCE guard documents per source (good text nothing was trained or tuned on)."""
    docs = documents() if docs is None else docs
    rng = random.Random(seed)
    out: list[dict[str, Any]] = []
    for source in sorted({d.source for d in docs}):
        pool = [d for d in docs if d.source == source and d.part == "guard"]
        for i, d in enumerate(rng.sample(pool, min(GUARD_PER_SOURCE, len(pool)))):
            out.append({"id": f"guard-{source}-{i}", "set": f"guard_{source}", "kind": source, "text": d.text})
    return out


def unsampled_guard(source: str) -> tuple[str, ...]:
    """Guard-part documents of ``source`` that the guard row does not sample (other blind splits are made of them)."""
    docs = documents()
    sampled = {g["text"] for g in guard(docs)}
    return tuple(d.text for d in docs if d.source == source and d.part == "guard" and d.text not in sampled)


def order_junk(good: list[dict[str, Any]], seed: int = 43) -> list[dict[str, Any]]:
    """JUNK_PER_KIND documents per kind and language made from the guard's news/novel (zh) and quotations (en)."""
    rng = random.Random(seed)
    out: list[dict[str, Any]] = []
    for lang, sources in (("zh", ("news_zh", "novel_zh")), ("en", ("quote_en",))):
        pool = [g["text"] for g in good if g["kind"] in sources]
        if len(pool) < 2:
            continue
        zh = lang == "zh"
        for kind in ORDER_KINDS:
            for i in range(JUNK_PER_KIND):
                a, b = rng.sample(pool, 2)
                text = spliced(a, b, zh) if kind == "spliced" else MAKERS[kind](a, zh, rng)
                out.append({"id": f"order-{kind}-{lang}-{i}", "set": "junk_order", "kind": f"{kind}_{lang}",
                            "text": text})
    return out
