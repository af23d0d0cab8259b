"""Build ``quality/zh_joins.npz``: which Han trigrams real text has and word-shuffled text lacks, and which characters
start and end sentences rather than clauses inside them.

Training text (read at build time, never stored): the same Chinese text as ``build_zh_order`` (the LibreOffice help,
Debian Edu and KiCad manuals in Chinese and the ``lm`` part of ``quality.eval.prose_sources``: People's Daily of
January 1998, shopping reviews, 三国演义), so no evaluation split and no good text of the junk score's training is read.
Kept: per trigram bucket of ``quality.zh_joins`` (2**21, int8) the log ratio of its share among the real trigrams over
its share among the trigrams of ``SHUFFLES`` copies whose jieba words are shuffled within each sentence (0 where
neither has it); per simplified Han character (uint32) how often it starts and ends a sentence and a clause inside one.

Run: ``python -m corpusgov.quality.eval.build_zh_joins`` (``make textlm`` builds it after the other tables).
"""

from __future__ import annotations

import argparse
import sys

import numpy as np

from corpusgov.quality import textlm, zh_joins, zh_order
from corpusgov.quality.eval import build_textlm, build_zh_order, prose_sources

BATCH = 512
SHUFFLES = 2
assert zh_joins.LLR_SCALE == zh_order.LLR_SCALE  # the trigram table is quantised as the pair table is


def _bucket(key: np.ndarray, bits: int) -> np.ndarray:
    return textlm.bucket(textlm.hash_mix(key), bits)


def trigram_counts(texts: list[str]) -> np.ndarray:
    """Adjacent Han trigrams counted in the hash buckets ``quality.zh_joins`` reads them from."""
    out = np.zeros(1 << zh_joins.TRI_BITS, dtype=np.int64)
    for i in range(0, len(texts), BATCH):
        hp = textlm.han_pairs(textlm.batch_codes(texts[i: i + BATCH], max_chars=1 << 30))
        _, key = zh_joins.trigrams(hp.idx, hp.char, textlm.HAN_N)
        out += np.bincount(_bucket(key, zh_joins.TRI_BITS), minlength=len(out))
    return out


def edge_counts(texts: list[str]) -> dict[str, np.ndarray]:
    """Per simplified Han character: sentence starts, inner clause starts, sentence ends, inner clause ends."""
    names = ("start_sent", "start_inner", "end_sent", "end_inner")
    out = {k: np.zeros(textlm.HAN_N, dtype=np.int64) for k in names}
    for i in range(0, len(texts), BATCH):
        c = textlm.batch_codes(texts[i: i + BATCH], max_chars=1 << 30)
        hp = textlm.han_pairs(c)
        before, after = zh_joins.edge_kinds(c.a, hp.idx)
        for name, kinds, k in (("start_sent", before, 1), ("start_inner", before, 2), ("end_sent", after, 1),
                               ("end_inner", after, 2)):
            out[name] += np.bincount(hp.char[kinds == k], minlength=textlm.HAN_N)
    return {k: v.astype(np.uint32) for k, v in out.items()}


def training_texts() -> list[str]:
    texts = [t for t in build_textlm.texts(build_textlm.ZH_PACKAGES) if build_zh_order._HAN.search(t)]
    return texts + [d.text for d in prose_sources.documents() if d.part == "lm" and d.source.endswith("_zh")]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verse", action="store_true", help="also count the classical text of verse_sources apart "
                    "(*_verse; measured 2026-12-06, not shipped: textlm_PROVENANCE.md)")
    args = ap.parse_args(argv)
    texts = training_texts()
    real = trigram_counts(texts)
    shuffled = sum((trigram_counts(build_zh_order.words_shuffled(texts, seed)) for seed in range(SHUFFLES)),
                   np.zeros_like(real))
    tables = {"tri": build_zh_order.order_llr(real, shuffled), **edge_counts(texts)}  # at zh_order.LLR_SCALE
    if args.verse:  # the classical text apart: zh_joins adds it for the texts zh_order's gate calls not modern
        verse = build_textlm.verse_texts()
        tables.update({f"{k}_verse": v for k, v in edge_counts(verse).items()})
        real += trigram_counts(verse)
        shuffled += sum((trigram_counts(build_zh_order.words_shuffled(verse, seed)) for seed in range(SHUFFLES)),
                        np.zeros_like(real))
        tables["tri_verse"] = build_zh_order.order_llr(real, shuffled)
    np.savez_compressed(zh_joins.TABLE_PATH, **tables)
    print(f"wrote {zh_joins.TABLE_PATH}: {len(texts)} documents, {int(real.sum())} trigrams, "
          f"{int((tables['tri'] != 0).sum())} buckets with evidence, "
          f"{int(tables['start_sent'].sum())} sentence starts, {int(tables['start_inner'].sum())} inner clause starts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
