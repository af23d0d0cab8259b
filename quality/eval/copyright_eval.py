"""Measure CopyrightScanner against the labelled set: precision/recall per marker class, licence-id accuracy.

A prediction counts as correct when it overlaps a gold span of the same class; a gold span is found when a
prediction of its class overlaps it. Licence-id accuracy is over found licence spans: some overlapping
prediction carries the gold SPDX id.

Run: ``python -m corpusgov.quality.eval.copyright_eval [--json] [--errors]``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from corpusgov.quality.copyright import MARKER_CLASSES, CopyrightScanner, MarkerFinding

DATA = Path(__file__).parent / "data" / "copyright_eval.jsonl"


def load(path: Path = DATA) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def evaluate(docs: list[dict[str, Any]], scanner: CopyrightScanner | None = None) -> dict[str, Any]:
    """Per-class counts and metrics, plus the documents with errors (ids and classes only)."""
    scanner = scanner or CopyrightScanner()
    stats = {c: {"tp_pred": 0, "pred": 0, "found": 0, "gold": 0} for c in MARKER_CLASSES}
    lic_found = lic_right = 0
    errors: list[dict[str, Any]] = []
    neg_docs_with_findings = 0
    for d in docs:
        preds: list[MarkerFinding] = scanner.scan(d["text"])
        gold = d["spans"]
        if d["kind"] != "positive" and preds:
            neg_docs_with_findings += 1
        for p in preds:
            st = stats[p.marker_class]
            st["pred"] += 1
            if any(
                g["class"] == p.marker_class and _overlap(p.start, p.end, g["start"], g["end"]) for g in gold
            ):
                st["tp_pred"] += 1
            else:
                errors.append(
                    {
                        "id": d["id"],
                        "type": "fp",
                        "class": p.marker_class,
                        "recognizer": p.recognizer,
                        "span": d["text"][p.start : p.end][:60],
                    }
                )
        for g in gold:
            st = stats[g["class"]]
            st["gold"] += 1
            hits = [
                p
                for p in preds
                if p.marker_class == g["class"] and _overlap(p.start, p.end, g["start"], g["end"])
            ]
            if hits:
                st["found"] += 1
                if g["class"] == "licence":
                    lic_found += 1
                    if any(p.licence == g.get("licence") for p in hits):
                        lic_right += 1
                    else:
                        errors.append(
                            {
                                "id": d["id"],
                                "type": "licence_id",
                                "gold": g.get("licence"),
                                "pred": [p.licence for p in hits],
                            }
                        )
            else:
                errors.append(
                    {
                        "id": d["id"],
                        "type": "fn",
                        "class": g["class"],
                        "span": d["text"][g["start"] : g["end"]][:60],
                    }
                )
    per_class = {}
    for c, st in stats.items():
        per_class[c] = {
            "gold": st["gold"],
            "pred": st["pred"],
            "precision": round(st["tp_pred"] / st["pred"], 4) if st["pred"] else None,
            "recall": round(st["found"] / st["gold"], 4) if st["gold"] else None,
        }
    return {
        "documents": len(docs),
        "negative_or_clean_documents": sum(1 for d in docs if d["kind"] != "positive"),
        "negative_documents_with_findings": neg_docs_with_findings,
        "per_class": per_class,
        "licence_id_accuracy": round(lic_right / lic_found, 4) if lic_found else None,
        "errors": errors,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--json", action="store_true", help="print the full result as JSON")
    ap.add_argument("--errors", action="store_true", help="list false positives/negatives (eval texts only)")
    ap.add_argument(
        "--split",
        choices=["all", "dev", "holdout"],
        default=None,
        help="one split only (default: all, then each split)",
    )
    args = ap.parse_args(argv)
    docs = load()
    splits = [args.split] if args.split else ["all", "dev", "holdout"]
    results = {sp: evaluate([d for d in docs if sp == "all" or d.get("split", "dev") == sp]) for sp in splits}
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return 0
    for sp, res in results.items():
        print(f"== split: {sp}")
        _print(res, args.errors)
    return 0


def _print(res: dict[str, Any], errors: bool) -> None:
    print(
        f"documents: {res['documents']} (negative/clean: {res['negative_or_clean_documents']}, "
        f"with any finding: {res['negative_documents_with_findings']})"
    )
    print(f"{'class':<22}{'gold':>6}{'pred':>6}{'precision':>11}{'recall':>8}")
    for c, m in res["per_class"].items():
        p = "-" if m["precision"] is None else f"{m['precision']:.3f}"
        r = "-" if m["recall"] is None else f"{m['recall']:.3f}"
        print(f"{c:<22}{m['gold']:>6}{m['pred']:>6}{p:>11}{r:>8}")
    print(f"licence id accuracy (found licence spans): {res['licence_id_accuracy']}")
    if errors:
        for e in res["errors"]:
            print(json.dumps(e, ensure_ascii=False))


if __name__ == "__main__":
    raise SystemExit(main())
