"""Measure single-core throughput of compute_signals, LanguageDetector.detect and DiversityAccumulator.add.

Documents are ~1 KB (UTF-8) compositions of the labelled sentences in quality/eval/data/lang_eval.jsonl
(seeded, so runs are comparable). Run: ``python -m corpusgov.quality.eval.quality_speed [--docs N]``.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import defaultdict

from corpusgov.quality.diversity import DiversityAccumulator
from corpusgov.quality.eval.lang_eval import load
from corpusgov.quality.language import LanguageDetector
from corpusgov.quality.language_policy import LanguagePolicy
from corpusgov.quality.signals import compute_signals

_NO_SPACE = {"zh-Hans", "zh-Hant", "ja"}


def make_docs(n: int, langs: list[str] | None, seed: int = 7, target_bytes: int = 1024) -> list[tuple[str, str]]:
    """``n`` (lang, text) pairs of about ``target_bytes`` UTF-8 bytes each, cycling through ``langs``."""
    rng = random.Random(seed)
    sents: dict[str, list[str]] = defaultdict(list)
    for r in load():
        if r["kind"] == "sentence":
            sents[r["lang"]].append(r["text"])
    pool = langs or sorted(sents)
    docs = []
    for i in range(n):
        lang = pool[i % len(pool)]
        sep = "" if lang in _NO_SPACE else " "
        parts: list[str] = []
        bag: list[str] = []
        while len(sep.join(parts).encode()) < target_bytes:
            if not bag:  # draw without replacement: no repeated sentence until the pool is used up
                bag = rng.sample(sents[lang], len(sents[lang]))
            parts.append(bag.pop())
            if rng.random() < 0.2:
                parts.append("\n")
        docs.append((lang, sep.join(parts)))
    return docs


def rate(fn, docs: list[tuple[str, str]], repeat: int = 3) -> float:
    """Best-of-``repeat`` documents per CPU-second (process time: robust when other jobs share the CPU)."""
    best = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        for lang, text in docs:
            fn(text, lang)
        best = min(best, time.process_time() - t)
    return len(docs) / best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=2000)
    args = ap.parse_args()
    t0 = time.perf_counter()
    det = LanguageDetector(LanguagePolicy())
    print(f"LanguageDetector construction: {time.perf_counter() - t0:.2f} s (once per worker)")
    det_ld = LanguageDetector(LanguagePolicy(method="langdetect"))
    # zh-Hans: 1 KB needs more than the 12 labelled sentences, so each document repeats one sentence (the
    # slow path through all n-gram sizes); zh-Hans-800: ~800 bytes without a repeated sentence.
    sets = {"en": (["en"], 1024), "zh-Hans": (["zh-Hans"], 1024), "zh-Hans-800": (["zh-Hans"], 800),
            "mixed-25": (None, 1024)}
    print(f"{args.docs} docs of ~1 KB per set; docs per CPU-second, one process (best of 3)")
    for name, (langs, size) in sets.items():
        docs = make_docs(args.docs, langs, target_bytes=size)
        acc = DiversityAccumulator()
        print(
            f"{name:11s} signals {rate(compute_signals, docs):9.0f}   detect {rate(lambda t, _l: det.detect(t), docs):9.0f}"
            f"   detect[langdetect] {rate(lambda t, _l: det_ld.detect(t), docs[:300], 1):7.0f}"
            f"   diversity.add {rate(lambda t, lg, a=acc: a.add(t, lg, 's', 'd', 'open_licence'), docs):9.0f}"
        )


if __name__ == "__main__":
    main()
