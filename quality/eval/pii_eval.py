"""Precision and recall of the PI scanner per entity type on `quality/eval/data/pii_eval.jsonl`.

Match rule (span match): a predicted finding is a true positive if it has the same entity type as a labelled
span and the two character ranges overlap (share at least one character). Precision = predicted findings that
match some label / all predicted findings of that type; recall = labels matched by some prediction / all
labels of that type. Overlap rather than exact boundaries because best-effort types (names, addresses) may
legitimately differ by a character or two at the edges; for structured identifiers the boundaries are also
reported exactly (`exact_recall`).

Run: `python -m corpusgov.quality.eval.pii_eval` (rebuild the data first with `python -m corpusgov.quality.eval.build_pii_eval`).
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

from corpusgov.quality.pii.policy import PiiPolicy
from corpusgov.quality.pii.scanner import PiiScanner

DATA = Path(__file__).parent / "data" / "pii_eval.jsonl"

STRUCTURED_ZH = (
    "CN_RESIDENT_ID", "CN_MOBILE", "CN_LANDLINE", "CN_BANK_CARD", "CN_PASSPORT", "CN_HMT_PERMIT", "CN_USCC",
    "CN_PLATE", "EMAIL_ADDRESS", "IP_ADDRESS",
)


def load(path: Path = DATA) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def evaluate(docs: list[dict] | None = None, scanner: PiiScanner | None = None) -> dict[str, dict[str, float]]:
    """Per entity type: tp/fp/fn counts, precision, recall, exact_recall; plus a `_structured_zh` aggregate."""
    docs = load() if docs is None else docs
    scanner = scanner or PiiScanner(PiiPolicy())
    pred_n: dict[str, int] = defaultdict(int)
    pred_ok: dict[str, int] = defaultdict(int)
    gold_n: dict[str, int] = defaultdict(int)
    gold_ok: dict[str, int] = defaultdict(int)
    gold_exact: dict[str, int] = defaultdict(int)
    for d in docs:
        found = scanner.scan(d["text"], d.get("lang"))
        gold = d["spans"]
        for f in found:
            pred_n[f.entity_type] += 1
            if any(g["type"] == f.entity_type and f.start < g["end"] and g["start"] < f.end for g in gold):
                pred_ok[f.entity_type] += 1
        for g in gold:
            gold_n[g["type"]] += 1
            hits = [f for f in found if f.entity_type == g["type"] and f.start < g["end"] and g["start"] < f.end]
            if hits:
                gold_ok[g["type"]] += 1
                if any(f.start == g["start"] and f.end == g["end"] for f in hits):
                    gold_exact[g["type"]] += 1
    out: dict[str, dict[str, float]] = {}

    def row(pn: int, po: int, gn: int, go: int, ge: int) -> dict[str, float]:
        return {
            "predicted": pn, "labelled": gn, "tp": po, "fp": pn - po, "fn": gn - go,
            "precision": po / pn if pn else 1.0,
            "recall": go / gn if gn else 1.0,
            "exact_recall": ge / gn if gn else 1.0,
        }

    for t in sorted(set(pred_n) | set(gold_n)):
        out[t] = row(pred_n[t], pred_ok[t], gold_n[t], gold_ok[t], gold_exact[t])
    s = STRUCTURED_ZH
    out["_structured_zh"] = row(
        sum(pred_n[t] for t in s), sum(pred_ok[t] for t in s), sum(gold_n[t] for t in s),
        sum(gold_ok[t] for t in s), sum(gold_exact[t] for t in s),
    )
    return out


def main(argv: list[str] | None = None) -> dict[str, dict[str, float]]:
    docs = load()
    scanner = PiiScanner(PiiPolicy())
    res = evaluate(docs, scanner)
    print(f"PI evaluation: {len(docs)} documents, mode={scanner.mode}, rule=same type + overlapping span")
    print(f"{'entity':<16}{'labelled':>9}{'predicted':>10}{'fp':>5}{'fn':>5}{'precision':>11}{'recall':>8}{'exact':>8}")
    for t, r in res.items():
        print(
            f"{t:<16}{r['labelled']:>9}{r['predicted']:>10}{r['fp']:>5}{r['fn']:>5}"
            f"{r['precision']:>11.3f}{r['recall']:>8.3f}{r['exact_recall']:>8.3f}"
        )
    return res


if __name__ == "__main__":
    main(sys.argv[1:])
