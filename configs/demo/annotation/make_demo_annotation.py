"""Generate the demo annotation batch (records, gold labels, review verdicts) deterministically.

Run from the repo root: `.venv/bin/python configs/demo/annotation/make_demo_annotation.py`.
Planted problems the audit must report: ann05 untrained (batch s1); item f1-0042 reviewed by its own
annotator ann02; ann04 wrong on 45% of batch f2, which drags f2 below the 90% functional threshold.
(The rules files plant the other two: a label without a negative example and a safety rule set missing
three Appendix A risks.) Verdicts are made the way a review team would: export the audit's sample, fill in.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from datetime import UTC, datetime, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.abspath(os.path.join(HERE, "..", "..", "..")))

SENT = ["negative", "neutral", "positive"]
SAFE = ["safe", "core_values_violation", "discrimination", "commercial_violation", "rights_infringement"]


def truth_sentiment(i: int) -> str:
    return SENT[(i * 7 + 1) % 3]


def truth_safety(i: int) -> str:
    return SAFE[0] if i % 3 else SAFE[1 + (i // 3) % 4]


def wrong(label: str, domain: list[str], i: int) -> str:
    others = [x for x in domain if x != label]
    return others[i % len(others)]


def ts(day: str, minutes: int) -> str:
    base = datetime.fromisoformat(day).replace(tzinfo=UTC)
    return (base + timedelta(minutes=minutes)).isoformat().replace("+00:00", "Z")


def build() -> tuple[list[dict], dict[tuple[str, str], str]]:
    recs: list[dict] = []
    truth: dict[tuple[str, str], str] = {}
    # error patterns: annotator -> predicate on item index (exact, so the demo is stable)
    f_err = {"ann01": lambda i: i % 20 == 3, "ann02": lambda i: i % 25 == 7, "ann03": lambda i: i % 20 == 11,
             "ann04": lambda i: i % 20 < 9}
    for batch, people, day in (("f1", ["ann01", "ann02", "ann03"], "2026-03-02T09:00:00"),
                               ("f2", ["ann02", "ann03", "ann04"], "2026-03-09T09:00:00")):
        for i in range(80):
            item = f"{batch}-{i:04d}"
            t = truth_sentiment(i)
            truth[(batch, item)] = t
            for k, a in enumerate(people):
                lab = wrong(t, SENT, i + k) if f_err[a](i) else t
                recs.append({"item_id": item, "batch": batch, "annotator_id": a, "label": lab,
                             "timestamp": ts(day, i * 3 + k), "role": "annotate"})
            if batch == "f1" and i % 10 == 2:  # optional functional review by rev02
                recs.append({"item_id": item, "batch": batch, "annotator_id": "rev02", "label": t,
                             "timestamp": ts(day, 600 + i), "role": "review"})
    # planted: ann02 reviews an item they annotated themselves
    recs.append({"item_id": "f1-0042", "batch": "f1", "annotator_id": "ann02", "label": truth[("f1", "f1-0042")],
                 "timestamp": ts("2026-03-02T09:00:00", 700), "role": "review"})
    s_err = {"ann01": lambda i: i % 50 == 17, "ann05": lambda i: i % 25 == 4}
    for i in range(50):
        item = f"s1-{i:04d}"
        t = truth_safety(i)
        truth[("s1", item)] = t
        for k, a in enumerate(["ann01", "ann05"]):
            lab = wrong(t, SAFE, i + k) if s_err[a](i) else t
            recs.append({"item_id": item, "batch": "s1", "annotator_id": a, "label": lab,
                         "timestamp": ts("2026-03-16T09:00:00", i * 2 + k), "role": "annotate"})
        recs.append({"item_id": item, "batch": "s1", "annotator_id": "rev01", "label": t,
                     "timestamp": ts("2026-03-17T09:00:00", i), "role": "review"})
    return recs, truth


def write_jsonl(path: str, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")


def main() -> None:
    from corpusgov.annotation_audit import run_audit

    recs, truth = build()
    write_jsonl(os.path.join(HERE, "records.jsonl"), recs)
    gold_items = [f"f1-{i:04d}" for i in range(0, 80, 4)]  # a gold set covering 20 items of f1
    write_jsonl(os.path.join(HERE, "gold.jsonl"),
                [{"batch": "f1", "item_id": i, "label": truth[("f1", i)]} for i in gold_items])
    # Export the sample with no verdicts yet, then "review" it against the truth, as a review team would.
    write_jsonl(os.path.join(HERE, "verdicts.jsonl"), [])
    labels = {(r["batch"], r["item_id"], r["annotator_id"]): r["label"] for r in recs if r["role"] == "annotate"}
    verdicts = []
    with tempfile.TemporaryDirectory() as tmp:
        run_audit(os.path.join(HERE, "audit.yaml"), tmp, [], engine="local")
        for batch in ("f1", "f2"):
            with open(os.path.join(tmp, "annotation_sample", f"{batch}.jsonl"), encoding="utf-8") as f:
                for line in f:
                    row = json.loads(line)
                    if batch == "f1" and row["item_id"] in gold_items:
                        continue  # verified by the gold set instead
                    key = (row["batch"], row["item_id"], row["annotator_id"])
                    row["verdict"] = "correct" if labels[key] == truth[key[:2]] else "incorrect"
                    row["reviewer_id"] = "rev02"
                    verdicts.append(row)
    write_jsonl(os.path.join(HERE, "verdicts.jsonl"), verdicts)
    print(f"records {len(recs)}, gold {len(gold_items)}, verdicts {len(verdicts)}")


if __name__ == "__main__":
    main()
