"""Measure CopyrightScanner (and LexiconMatcher) throughput on ~1 KB zh/en documents, one core.

Documents are built (seeded) from the eval filler paragraphs; a share of them carries a footer marker,
like web text. Run: ``python -m corpusgov.quality.eval.copyright_speed [--docs N] [--marker-share F]``.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from corpusgov.quality.copyright import CopyrightScanner
from corpusgov.quality.eval.build_copyright_eval import FILLER_EN, FILLER_ZH, POS, _fill, _strip
from corpusgov.quality.screening import LexiconMatcher, load_lexicon

LEXICON = Path(__file__).resolve().parents[2] / "configs" / "demo" / "lexicon.txt"


def make_docs(lang: str, n: int, marker_share: float, seed: int = 7) -> list[str]:
    """~1 KB (UTF-8 bytes) documents; ``marker_share`` of them end with a marker snippet."""
    rng = random.Random(seed)
    filler = FILLER_ZH if lang == "zh" else FILLER_EN
    snippets = [tpl for lg, tpl in POS if lg == lang]
    docs = []
    for _ in range(n):
        parts: list[str] = []
        while len("\n\n".join(parts).encode("utf-8")) < 1024:
            parts.append(rng.choice(filler))
        text = "\n\n".join(parts)
        if rng.random() < marker_share:
            text += "\n\n" + _strip(_fill(rng, rng.choice(snippets)))[0]
        docs.append(text)
    return docs


def rate(fn, docs: list[str], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for d in docs:
            fn(d)
        best = min(best, time.perf_counter() - t0)
    return len(docs) / best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=3000)
    ap.add_argument("--marker-share", type=float, default=0.1)
    args = ap.parse_args(argv)
    scanner = CopyrightScanner()
    terms, _ = load_lexicon(str(LEXICON))
    matcher = LexiconMatcher(terms)
    for lang in ("en", "zh"):
        for share in (0.0, args.marker_share, 1.0):
            docs = make_docs(lang, args.docs, share)
            kb = sum(len(d.encode("utf-8")) for d in docs) / len(docs) / 1024
            print(
                f"{lang} marker_share={share:<4} avg {kb:.2f} KB  copyright.scan {rate(scanner.scan, docs):>9,.0f} docs/s"
                f"   lexicon.hits {rate(matcher.hits, docs):>9,.0f} docs/s"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
