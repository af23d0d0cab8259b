"""Throughput of PiiScanner.scan on ~1 KB Chinese and English documents (docs/s on one core).

Documents are built deterministically from the evaluation set's carrier sentences with 4 planted identifiers
each. Rates use process CPU time (docs per CPU-second = per core). Reports the best of `repeats` runs for the fast path and one run through Presidio's AnalyzerEngine.

Also CPU time per document on the real Chinese rows of ../shared/real-text-dev (sets zh_tech and
good_zh_classical), when that directory is there: the synthetic documents carry four identifiers each,
real paragraphs mostly none.

Each rate is given twice: per document (`scan`, one text at a time) and per batch (`scan_batch` over batches of
BATCH documents, as the annotate stage runs it; the CN_PERSON model then decodes a batch in one numpy pass).
Both give the same findings (tests/quality/pii/test_pii_batch.py).

Run: `python -m corpusgov.quality.eval.pii_speed [n_docs]`. The benchmark may import `measure()`.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

from corpusgov.quality.eval.build_pii_eval import EN_FILLER, EN_PI, ZH_FILLER, ZH_PI
from corpusgov.quality.pii.policy import PiiPolicy
from corpusgov.quality.pii.scanner import PiiScanner, mask_text

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "real-text-dev" / "real_text_dev.jsonl"
REAL_SETS = ("zh_tech", "good_zh_classical")
BATCH = 256  # documents per annotate batch (pipelines' annotate stage)


def measure_real(path: Path = REAL, repeats: int = 3) -> dict[str, float]:
    """CPU microseconds per document (best of `repeats`) on each real Chinese set; {} when absent."""
    if not path.exists():
        return {}
    scanner = PiiScanner(PiiPolicy())
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    out: dict[str, float] = {}
    for name in REAL_SETS:
        docs = [r["text"] for r in rows if r.get("set") == name]
        if docs:
            rate = max(_rate(scanner.scan, docs, "zh") for _ in range(repeats))
            out[f"{name}_cpu_us_per_doc"] = 1e6 / rate
            out[f"{name}_batch_cpu_us_per_doc"] = 1e6 / max(_batch_rate(scanner, docs, "zh") for _ in range(repeats))
            out[f"{name}_docs"] = len(docs)
    return out


def make_docs(lang: str, n: int, seed: int = 7, target_bytes: int = 1024) -> list[str]:
    """n documents of about target_bytes UTF-8 bytes, each with 4 planted identifiers."""
    rng = random.Random(seed)
    filler, pi = (ZH_FILLER, ZH_PI) if lang == "zh" else (EN_FILLER, EN_PI)
    sep = "" if lang == "zh" else " "
    docs = []
    for _ in range(n):
        parts = []
        for _ in range(4):
            _, gen, templates = rng.choice(pi)
            parts.append(rng.choice(templates).replace("{}", gen(rng)))
        while len(sep.join(parts).encode("utf-8")) < target_bytes:
            parts.insert(rng.randrange(len(parts) + 1), rng.choice(filler))
        docs.append(sep.join(parts))
    return docs


def _rate(fn, docs: list[str], lang: str) -> float:
    # CPU time of this process, so the figure is per core and not skewed by other load on the machine.
    t = time.process_time()
    for d in docs:
        fn(d, lang)
    return len(docs) / max(time.process_time() - t, 1e-9)


def _batch_rate(scanner: PiiScanner, docs: list[str], lang: str) -> float:
    t = time.process_time()
    for i in range(0, len(docs), BATCH):
        batch = docs[i : i + BATCH]
        scanner.scan_batch(batch, [lang] * len(batch))
    return len(docs) / max(time.process_time() - t, 1e-9)


def measure(n_docs: int = 2000, repeats: int = 3) -> dict[str, float]:
    """docs/s for the fast path (best of `repeats`) and for the AnalyzerEngine path, per language."""
    scanner = PiiScanner(PiiPolicy())
    out: dict[str, float] = {}
    for lang in ("zh", "en"):
        docs = make_docs(lang, n_docs)
        out[f"{lang}_avg_bytes"] = sum(len(d.encode("utf-8")) for d in docs) / len(docs)
        out[f"{lang}_docs_per_s"] = max(_rate(scanner.scan, docs, lang) for _ in range(repeats))
        out[f"{lang}_batch_docs_per_s"] = max(_batch_rate(scanner, docs, lang) for _ in range(repeats))
        out[f"{lang}_engine_docs_per_s"] = _rate(scanner.scan_engine, docs[: max(1, n_docs // 4)], lang)
        found = [(d, scanner.scan(d, lang)) for d in docs[: max(1, n_docs // 4)]]
        t = time.process_time()
        for d, f in found:
            mask_text(d, f)
        out[f"{lang}_mask_docs_per_s"] = len(found) / max(time.process_time() - t, 1e-9)
    return out


def main(argv: list[str]) -> dict[str, float]:
    n = int(argv[0]) if argv else 2000
    res = measure(n)
    for lang in ("zh", "en"):
        print(
            f"{lang}: {res[f'{lang}_batch_docs_per_s']:,.0f} docs/s per batch of {BATCH} (annotate stage), "
            f"{res[f'{lang}_docs_per_s']:,.0f} docs/s fast path per document, "
            f"{res[f'{lang}_engine_docs_per_s']:,.0f} docs/s via AnalyzerEngine, "
            f"{res[f'{lang}_mask_docs_per_s']:,.0f} docs/s mask_text "
            f"(avg {res[f'{lang}_avg_bytes']:.0f} bytes/doc, one core)"
        )
    real = measure_real()
    for name in REAL_SETS:
        if f"{name}_docs" in real:
            us, ub = real[f"{name}_cpu_us_per_doc"], real[f"{name}_batch_cpu_us_per_doc"]
            print(
                f"real {name}: per batch {ub:.0f} us CPU/doc = {1e6 / ub:,.0f} docs/s/core; per document {us:.0f} "
                f"us = {1e6 / us:,.0f} ({real[f'{name}_docs']:.0f} rows)"
            )
    if not real:
        print(f"real Chinese rows: NOT MEASURED ({REAL} not found)")
    return {**res, **real}


if __name__ == "__main__":
    main(sys.argv[1:])
