"""Measure LanguageDetector accuracy on the labelled set quality/eval/data/lang_eval.jsonl.

Run: ``python -m corpusgov.quality.eval.lang_eval [--method fast|langdetect] [--window-chars N] [--windows N]``
Prints overall accuracy, accuracy per language and per document kind, and the confusions.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

from corpusgov.quality.language import LanguageDetector
from corpusgov.quality.language_policy import LanguagePolicy

DATA = Path(__file__).parent / "data" / "lang_eval.jsonl"


def load(path: Path = DATA) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def evaluate(detector: LanguageDetector, rows: list[dict[str, str]]) -> dict[str, object]:
    """Accuracy overall / per language / per kind, mean score of correct and wrong answers, confusions."""
    per_lang: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    per_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    confusions: Counter[tuple[str, str]] = Counter()
    right_scores: list[float] = []
    wrong_scores: list[float] = []
    for r in rows:
        lang, score = detector.detect(r["text"])
        ok = lang == r["lang"]
        for d, k in ((per_lang, r["lang"]), (per_kind, r["kind"])):
            d[k][0] += ok
            d[k][1] += 1
        (right_scores if ok else wrong_scores).append(score)
        if not ok:
            confusions[(r["lang"], lang)] += 1
    correct = sum(v[0] for v in per_lang.values())
    return {
        "n": len(rows),
        "accuracy": correct / len(rows) if rows else 0.0,
        "per_language": {k: v[0] / v[1] for k, v in sorted(per_lang.items())},
        "per_kind": {k: v[0] / v[1] for k, v in sorted(per_kind.items())},
        "mean_score_correct": sum(right_scores) / len(right_scores) if right_scores else 0.0,
        "mean_score_wrong": sum(wrong_scores) / len(wrong_scores) if wrong_scores else 0.0,
        "confusions": {f"{a}->{b}": c for (a, b), c in confusions.most_common()},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--method", choices=["fast", "langdetect"], default="fast")
    ap.add_argument("--window-chars", type=int, default=LanguagePolicy().window_chars)
    ap.add_argument("--windows", type=int, default=LanguagePolicy().windows)
    args = ap.parse_args()
    policy = LanguagePolicy(method=args.method, window_chars=args.window_chars, windows=args.windows)
    res = evaluate(LanguageDetector(policy), load())
    print(f"method={args.method} window_chars={args.window_chars} windows={args.windows}")
    print(f"documents: {res['n']}  languages: {len(res['per_language'])}  accuracy: {res['accuracy']:.4f}")
    print(f"mean score correct {res['mean_score_correct']:.3f}  wrong {res['mean_score_wrong']:.3f}")
    print("per kind: " + "  ".join(f"{k} {v:.3f}" for k, v in res["per_kind"].items()))
    print("per language:")
    for k, v in res["per_language"].items():
        print(f"  {k:8s} {v:.3f}")
    if res["confusions"]:
        print("confusions (true->predicted: count): " + ", ".join(f"{k}: {v}" for k, v in res["confusions"].items()))


if __name__ == "__main__":
    main()
