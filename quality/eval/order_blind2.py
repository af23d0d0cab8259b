"""A second blind split of misordered junk (``junk_order2``), written before any change of the issue-13 order round.

Why: ``junk_order`` (``order_blind``) has been looked at, so it can no longer say how the rules do on misordered text
they were not shaped for. This split uses five order corruptions that no other split makes, each keeping every word
or character of a real document and changing only its order inside a sentence or clause:

- ``soup_in_sentence``: Chinese: the Han characters of each sentence permuted over its Han positions (punctuation
  stays where it was, so clauses keep their lengths); English: the letters of each sentence permuted over its letter
  positions (word lengths, spaces and punctuation kept);
- ``words_in_sentence``: the words of each sentence (jieba's for Chinese, white-space words for English) in random
  order, the sentence's end mark kept last;
- ``clauses_reversed``: the clauses of each sentence (split at ，；：、 / , ; :) in reverse order;
- ``window_scramble``: the words permuted inside consecutive windows of 3-5 words;
- ``clause_alternate``: clauses taken alternately from two documents of the same source.

Sources, none of them read by the LM tables or the junk score's training: Chinese from the ``guard`` part of
``quality.eval.prose_sources`` (news and reviews the eval's guard sample does not hold) and the held-out classical
Chinese and Chinese technical documents of ``quality.eval.real_holdout``; English from the guard's quotations and the
held-out Python documentation. Seeded, made at eval time, never stored.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from typing import Any

from corpusgov.quality.eval.prose_sources import Doc, documents

ORDER2_KINDS = ("soup_in_sentence", "words_in_sentence", "clauses_reversed", "window_scramble", "clause_alternate")
JUNK_PER_KIND = 40  # per kind and language
SEED = 47
# Sentence ends stay with their sentence; clause marks with their clause.
_SENT_ZH = re.compile(r"(?<=[。！？；!?\n])")
_SENT_EN = re.compile(r"(?<=[.!?])\s+|\n+")
_CLAUSE_ZH = re.compile(r"(?<=[，；：、,;:])")
_CLAUSE_EN = re.compile(r"(?<=[,;:])\s+")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_END = re.compile(r"[。！？；!?.\s]+$")


def _sentences(text: str, zh: bool) -> list[str]:
    return [s for s in (_SENT_ZH if zh else _SENT_EN).split(text) if s.strip()]


def _join(parts: Sequence[str], zh: bool) -> str:
    return ("" if zh else " ").join(parts)


def _words(text: str, zh: bool) -> list[str]:
    if zh:
        import jieba

        return [w for w in jieba.lcut(text) if w.strip()]
    return text.split()


def _split_end(sentence: str) -> tuple[str, str]:
    m = _END.search(sentence)
    return (sentence[: m.start()], m.group(0)) if m else (sentence, "")


def soup_in_sentence(text: str, zh: bool, rng: random.Random) -> str:
    out = []
    for s in _sentences(text, zh):
        chars = list(s)
        pos = [i for i, ch in enumerate(chars) if (_HAN.match(ch) if zh else ch.isalpha())]
        picked = [chars[i] for i in pos]
        rng.shuffle(picked)
        for i, ch in zip(pos, picked, strict=True):
            chars[i] = ch
        out.append("".join(chars))
    return _join(out, zh)


def words_in_sentence(text: str, zh: bool, rng: random.Random) -> str:
    out = []
    for s in _sentences(text, zh):
        body, end = _split_end(s)
        w = _words(body, zh)
        rng.shuffle(w)
        out.append(_join(w, zh) + end.strip())
    return _join(out, zh)


def clauses_reversed(text: str, zh: bool, rng: random.Random) -> str:
    out = []
    for s in _sentences(text, zh):
        body, end = _split_end(s)
        clauses = [c for c in (_CLAUSE_ZH if zh else _CLAUSE_EN).split(body) if c.strip()]
        out.append(_join(clauses[::-1], zh) + end.strip())
    return _join(out, zh)


def window_scramble(text: str, zh: bool, rng: random.Random) -> str:
    w = _words(text, zh)
    i = 0
    while i < len(w):
        k = rng.randint(3, 5)
        win = w[i: i + k]
        rng.shuffle(win)
        w[i: i + k] = win
        i += k
    return _join(w, zh)


def clause_alternate(text: str, other: str, zh: bool) -> str:
    pat = re.compile(r"(?<=[，；：、,;:。！？!?])" if zh else r"(?<=[,;:.!?])\s+")
    a = [c for c in pat.split(text) if c.strip()]
    b = [c for c in pat.split(other) if c.strip()]
    return _join([c for pair in zip(a, b, strict=False) for c in pair], zh)


MAKERS: dict[str, Callable[[str, bool, random.Random], str]] = {
    "soup_in_sentence": soup_in_sentence, "words_in_sentence": words_in_sentence,
    "clauses_reversed": clauses_reversed, "window_scramble": window_scramble,
}


def sources(docs: list[Doc] | None = None, guard_rows: list[dict[str, Any]] | None = None,
            holdout_rows: list[dict[str, Any]] | None = None) -> dict[str, dict[str, list[str]]]:
    """Per language, per source: the good texts junk is made from (guard news and reviews not in the guard sample,
    held-out classical / technical Chinese and Python docs, the guard's quotations)."""
    docs = documents() if docs is None else docs
    sampled = {r["text"] for r in guard_rows or []}
    zh: dict[str, list[str]] = {}
    en: dict[str, list[str]] = {}
    for d in docs:
        if d.part != "guard":
            continue
        if d.source in ("news_zh", "review_zh") and d.text not in sampled:
            zh.setdefault(d.source, []).append(d.text)
        elif d.source == "quote_en":
            en.setdefault(d.source, []).append(d.text)
    for r in holdout_rows or []:
        if r["set"] in ("good_zh_classical", "zh_tech"):
            zh.setdefault(r["set"], []).append(r["text"])
        elif r["set"] == "good_en_docs":
            en.setdefault(r["set"], []).append(r["text"])
    return {"zh": zh, "en": en}


def _changes(text: str, zh: bool, kind: str) -> bool:
    """Whether a text has enough sentences/clauses/words for the corruption to change it."""
    units = len(_HAN.findall(text)) if zh else len(text.split())
    if units < 20:
        return False
    if kind == "clauses_reversed":  # at least half of the sentences have two clauses or more
        sents = _sentences(text, zh)
        multi = sum(len((_CLAUSE_ZH if zh else _CLAUSE_EN).split(_split_end(s)[0])) > 1 for s in sents)
        return 2 * multi >= len(sents)
    return True


def order2_junk(src: dict[str, dict[str, list[str]]], seed: int = SEED) -> list[dict[str, Any]]:
    """JUNK_PER_KIND documents per kind and language, the sources of a language taken in turn."""
    rng = random.Random(seed)
    out: list[dict[str, Any]] = []
    for lang in ("zh", "en"):
        by_source = {k: v for k, v in sorted(src.get(lang, {}).items()) if len(v) >= 2}
        if not by_source:
            continue
        names = list(by_source)
        zh = lang == "zh"
        for kind in ORDER2_KINDS:
            made = 0
            tries = 0
            while made < JUNK_PER_KIND and tries < 50 * JUNK_PER_KIND:
                tries += 1
                name = names[tries % len(names)]
                a, b = rng.sample(by_source[name], 2)
                if not _changes(a, zh, kind):
                    continue
                text = clause_alternate(a, b, zh) if kind == "clause_alternate" else MAKERS[kind](a, zh, rng)
                if text.strip() == a.strip():
                    continue
                out.append({"id": f"order2-{kind}-{lang}-{made}", "set": "junk_order2", "kind": f"{kind}_{lang}",
                            "source": name, "text": text})
                made += 1
    return out
