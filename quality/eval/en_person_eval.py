"""English person names (PERSON): the shipped word CRF on splits it was never trained or tuned on.

Sets: presidio-research's `synth_v2` and `gen_test` (in data/real/presidio_research/; `gen_dev`, the tuning
split, is printed for reference and marked so), WNUT17 test (`person`) and Broad Twitter Corpus section F
(`PER`, the corpus's recommended test section; @handles are not names here, see en_ner_data.py). The NER
splits are read from `CORPUSGOV_EN_NER_DIR`, else `../shared/en-ner/`, else `out/eval-src/en-ner/`, where
`make eval-data` puts them (`python -m corpusgov.quality.eval.get_en_ner --out DIR --eval-only`); without
them each prints NOT MEASURED. Scores: exact span (the labelled span exactly) and overlap, through the
recognizer at the policy's default min_score (0.5).

Precision on real technical text: every PERSON finding of the scanner (policy defaults, so names inside code
are exempt) on `good_en_docs` of ../shared/real-text-dev (the Python documentation; real contributor names
occur in it) is listed with its value starred; `data/en_person_docs_review.json` holds the hand review.

Run: `python -m corpusgov.quality.eval.en_person_eval [--model PATH]`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

from corpusgov.quality.pii.en_ner_data import Sentence, read
from corpusgov.quality.pii.en_person_model import EnPersonModel
from corpusgov.quality.pii.recognizer_en_person import MODEL_PATH, EnPersonRecognizer
from corpusgov.quality.pii.scanner import PiiScanner, masked_preview

ROOT = Path(__file__).resolve().parents[2]
PRESIDIO = Path(__file__).parent / "data" / "real" / "presidio_research"
REAL_TEXT = ROOT.parent / "shared" / "real-text-dev" / "real_text_dev.jsonl"
NER_SETS = (("WNUT17 test", "wnut17_test.conll"), ("BTC section F", "btc_f.conll"))
MIN_SCORE = 0.5
REVIEW = Path(__file__).parent / "data" / "en_person_docs_review.json"


def ner_dir() -> Path | None:
    for d in (os.environ.get("CORPUSGOV_EN_NER_DIR"), ROOT.parent / "shared" / "en-ner", ROOT / "out" / "eval-src" / "en-ner"):
        if d and (Path(d) / NER_SETS[0][1]).exists():
            return Path(d)
    return None


def presidio_set(name: str) -> list[Sentence]:
    with (PRESIDIO / f"{name}.jsonl").open(encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh if line.strip()]
    return [(d["text"], [(s["start"], s["end"]) for s in d["spans"] if s["type"] == "PERSON"]) for d in docs]


def score(rec: EnPersonRecognizer, sents: list[Sentence]) -> dict[str, float]:
    """Exact-span and overlap precision/recall of the recognizer's findings at MIN_SCORE."""
    found = rec.find_batch([t for t, _ in sents])
    tp = fp = fn = ov_p = ov_g = npred = ngold = 0
    for spans, (_, gold) in zip(found, sents, strict=True):
        pred = {(s, e) for s, e, sc in spans if sc >= MIN_SCORE}
        g = set(gold)
        tp += len(pred & g)
        fp += len(pred - g)
        fn += len(g - pred)
        npred += len(pred)
        ngold += len(g)
        ov_p += sum(any(s < ge and gs < e for gs, ge in g) for s, e in pred)
        ov_g += sum(any(s < ge and gs < e for s, e in pred) for gs, ge in g)
    return {
        "sentences": len(sents), "names": ngold, "predicted": npred,
        "precision": tp / max(1, tp + fp), "recall": tp / max(1, tp + fn),
        "overlap_precision": ov_p / max(1, npred), "overlap_recall": ov_g / max(1, ngold),
    }


def real_text_findings(scanner: PiiScanner, path: Path = REAL_TEXT) -> list[dict]:
    """PERSON findings of the scanner (the pipeline's path: policy min_score, code exempted) on the Python
    documentation, values starred."""
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if d["set"] == "good_en_docs":
                rows.append(d)
    out = []
    for d, found in zip(rows, scanner.scan_batch([d["text"] for d in rows]), strict=True):
        for f in found:
            if f.entity_type == "PERSON":
                value = d["text"][f.start : f.end]
                out.append({
                    "id": d["id"], "start": f.start, "end": f.end, "score": round(f.score, 2),
                    "value": masked_preview(value), "words": len(value.split()),
                })
    return out


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", type=Path, default=MODEL_PATH)
    a = ap.parse_args(argv)
    rec = EnPersonRecognizer(model=EnPersonModel.load(a.model))
    res: dict = {}
    print(f"English PERSON (word CRF, {a.model.name}; exact span, overlap in brackets; min_score {MIN_SCORE})")
    print(f"{'set':<34}{'sentences':>10}{'names':>7}{'P':>7}{'R':>7}{'P ovl':>8}{'R ovl':>8}")
    sets: list[tuple[str, list[Sentence] | None]] = [
        ("presidio gen_test", presidio_set("gen_test")),
        ("presidio synth_v2", presidio_set("synth_v2")),
        ("presidio gen_dev (tuning split)", presidio_set("gen_dev")),
    ]
    d = ner_dir()
    sets += [(name, read(d / f) if d else None) for name, f in NER_SETS]
    for name, sents in sets:
        if sents is None:
            print(f"{name:<34}NOT MEASURED (no {dict(NER_SETS)[name]}: make eval-data or CORPUSGOV_EN_NER_DIR)")
            continue
        r = res[name] = score(rec, sents)
        print(
            f"{name:<34}{r['sentences']:>10}{r['names']:>7}{r['precision']:>7.3f}{r['recall']:>7.3f}"
            f"{r['overlap_precision']:>8.3f}{r['overlap_recall']:>8.3f}"
        )
    if REAL_TEXT.exists():
        found = real_text_findings(PiiScanner())
        res["real_text"] = found
        print(f"\nPERSON findings on good_en_docs of {REAL_TEXT.name} (600 Python-doc paragraphs): {len(found)}")
        for x in found:
            print(f"  {x['id'][:50]:<52}{x['score']:<6}{x['value']}")
        print("  by number of words:", dict(sorted(Counter(x["words"] for x in found).items())))
        review = {(r["id"], r["start"], r["end"]): r["verdict"] for r in json.loads(REVIEW.read_text(encoding="utf-8"))}
        verdicts = Counter(review.get((x["id"], x["start"], x["end"]), "not reviewed") for x in found)
        res["real_text_review"] = dict(verdicts)
        print(f"  hand review ({REVIEW.name}): {dict(sorted(verdicts.items()))}")
    else:
        print(f"\nReal technical text: skipped, {REAL_TEXT} not found (it is outside the repository, in shared/)")
    return res


if __name__ == "__main__":
    main(sys.argv[1:])
