"""Training text of the junk score that is made or read here rather than in an eval split: misordered Chinese and
English from the training good texts, and English README / licence prose from the installed packages.

Why a module of its own: ``train_junk_score`` fits and checks the model; what it trains on is read here.
"""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

_HAN = re.compile(r"[\u4e00-\u9fff]")
# The prose sources' score-part sets in the order the trainer draws them (sorted by its set names).
SCORE_SETS = {"news_zh": "good_zh_news", "novel_zh": "good_zh_novel", "review_zh": "good_zh_review",
               "quote_en": "good_en_quote"}


def pool_sample(pool: dict[str, list[str]], held_texts: set[str], rng: random.Random, k: int) -> dict[str, list[str]]:
    """The training's extra good documents: up to ``k`` per held-out pool kind (``real_holdout.sources``), never one of
    the held-out documents; the trainer calls it with its generator ``random.Random(1)`` fresh, so a split that must
    not read training text (``junk_order3``) can leave exactly these out."""
    out = {}
    for name, texts in pool.items():
        rest = [t for t in texts if t not in held_texts]
        out[name] = rng.sample(rest, min(k, len(rest)))
    return out


def score_part_sample(docs: list[Any], k: int) -> dict[str, list[str]]:
    """The training's prose: up to ``k`` documents per source of the ``score`` part of ``prose_sources`` (seed 3)."""
    rng = random.Random(3)
    by_source: dict[str, list[str]] = {}
    for d in docs:
        if d.part == "score":
            by_source.setdefault(d.source, []).append(d.text)
    return {src: rng.sample(texts, min(k, len(texts)))
            for src, texts in sorted(by_source.items(), key=lambda kv: SCORE_SETS[kv[0]])}


def order_junk(zh: list[str], en: list[str], per_kind: int, seed: int,
                langs: tuple[str, ...] = ("zh", "en"), skipped: bool = False) -> list[dict[str, Any]]:
    """``order_blind.ORDER_KINDS`` (words / characters shuffled, word pairs swapped, sentences of two documents
    alternated) made from training good texts with other seeds than the eval's ``junk_order``; never the kinds of
    ``order_blind2`` (``junk_order2`` stays unseen). With ``skipped``, in both languages whatever ``langs`` says (a
    line-level corruption, not a word-order one), ``skipped_lines``: every other line of a hard-wrapped good text
    dropped, the junk the line-join signals of ``quality.junk_coherence`` are for."""
    from corpusgov.quality.eval import order_blind

    rng = random.Random(seed)
    out: list[dict[str, Any]] = []
    for lang, pool in (("zh", [t for t in zh if len(_HAN.findall(t)) >= 40]), ("en", [t for t in en if len(t.split()) >= 30])):
        if len(pool) < 2 or lang not in langs:
            continue
        for kind in order_blind.ORDER_KINDS:
            for i in range(per_kind):
                a, b = rng.sample(pool, 2)
                text = (order_blind.spliced(a, b, lang == "zh") if kind == "spliced"
                        else order_blind.MAKERS[kind](a, lang == "zh", rng))
                out.append({"id": f"tr-order-{seed}-{kind}-{lang}-{i}", "set": "junk_order", "kind": f"{kind}_{lang}",
                            "text": text})
    for lang, texts in (("zh", zh), ("en", en)) if skipped else ():
        wrapped = [t for t in texts if len([ln for ln in t.splitlines() if ln.strip()]) >= 6]
        for i, t in enumerate(rng.sample(wrapped, min(per_kind, len(wrapped)))):
            out.append({"id": f"tr-order-{seed}-skipped_lines-{lang}-{i}", "set": "junk_order",
                        "kind": f"skipped_lines_{lang}", "text": skipped_lines(t, rng)})
    return out


def skipped_lines(text: str, rng: random.Random) -> str:
    """Every other non-blank line of ``text`` (starting with the first or the second), its own line breaks kept: a
    hard-wrapped page with lines lost in extraction. Every line is real; only the joins are not."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    return "\n".join(lines[rng.randint(0, 1)::2])


def order2_junk(zh_by_set: dict[str, list[str]], seed: int) -> list[dict[str, Any]]:
    """Chinese junk of ``order_blind2.ORDER2_KINDS`` (characters permuted within sentences, words shuffled within
    sentences, clauses reversed, word windows scrambled, clauses of two documents alternated) made from training good
    texts (``zh_by_set``: per good set) with other seeds than the eval's ``junk_order2``, which is then no longer blind."""
    from corpusgov.quality.eval import order_blind2

    rows = order_blind2.order2_junk({"zh": zh_by_set}, seed=seed)
    return [dict(r, id=f"tr-{r['id']}-{seed}", set="junk_order") for r in rows]


def readme_paragraphs(declared_only: bool = False) -> list[str]:
    """English prose paragraphs (>= 200 characters, mostly letters, no Han) of the installed packages' README
    files and licence texts (with ``declared_only``: those of the declared eval packages, READMEs only, as
    ``/usr/share/common-licenses`` belongs to none of them): plain English beside the Python documentation's reST, so that plain prose is not
    learnt as junk. Read at training time, never stored."""
    import gzip

    paths = sorted(Path("/usr/share/doc").glob("*/README*")) + sorted(Path("/usr/share/common-licenses").glob("*"))
    if declared_only:  # the same files on every machine with the declared eval packages (quality.eval.declared_files)
        from corpusgov.quality.eval import declared_files

        paths = declared_files.declared(paths)
    out, seen = [], set()
    for p in paths:
        if not p.is_file():
            continue
        try:
            raw = gzip.decompress(p.read_bytes()) if p.suffix == ".gz" else p.read_bytes()
        except (OSError, EOFError, gzip.BadGzipFile):
            continue
        for para in re.split(r"\n\s*\n", raw.decode("utf-8", "replace")):
            para = para.strip("\n")
            letters = sum(c.isalpha() for c in para)
            if len(para) >= 200 and letters >= 0.6 * len(para) and not _HAN.search(para) and para not in seen:
                seen.add(para)
                out.append(para)
    return out


_VERSE = re.compile(r"[，。？！；、]")


def refrain(text: str) -> str:
    """A short poem with its verse sung twice, as a refrain repeats a stanza: title, author and attribution lines
    (no clause punctuation) before the first and after the last verse line stay single."""
    lines = text.strip().splitlines()
    verse = [i for i, line in enumerate(lines) if _VERSE.search(line)]
    if not verse:
        return f"{text.strip()}\n{text.strip()}\n"
    head, body, tail = lines[:verse[0]], lines[verse[0]:verse[-1] + 1], lines[verse[-1] + 1:]
    return "\n".join(head + body + body + tail) + "\n"
