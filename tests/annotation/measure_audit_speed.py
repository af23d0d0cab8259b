"""Measure the annotation audit on a large synthetic batch set (not a test; run by hand).

    .venv/bin/python tests/annotation/measure_audit_speed.py [N_ITEMS_PER_BATCH] [BATCHES]

Writes synthetic records (4 annotators per item, functional batches, seeded) next to a copy of the demo
rules and roster in a temporary directory, then times the local and the Beam (FnApiRunner) engines and
checks that they agree. Prints records/s and peak RSS.
"""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, ROOT)

from corpusgov.annotation_audit import run_audit  # noqa: E402


def main() -> None:
    n_items = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    n_batches = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    rng = random.Random(0)
    labels = ["negative", "neutral", "positive"]
    people = ["ann01", "ann02", "ann03", "ann04"]
    acc = {"ann01": 0.95, "ann02": 0.93, "ann03": 0.9, "ann04": 0.8}
    with tempfile.TemporaryDirectory() as tmp:
        demo = os.path.join(ROOT, "configs", "demo", "annotation")
        for f in ("rules_functional.yaml", "rules_safety.yaml", "roster.yaml"):
            shutil.copy(os.path.join(demo, f), tmp)
        n = 0
        with open(os.path.join(tmp, "records.jsonl"), "w") as out, open(os.path.join(tmp, "gold.jsonl"), "w") as g:
            for b in range(n_batches):
                for i in range(n_items):
                    t = rng.choice(labels)
                    g.write(json.dumps({"batch": f"b{b}", "item_id": f"i{i:07d}", "label": t}) + "\n")
                    for k, a in enumerate(people):
                        lab = t if rng.random() < acc[a] else rng.choice(labels)
                        out.write(json.dumps({"item_id": f"i{i:07d}", "batch": f"b{b}", "annotator_id": a,
                                              "label": lab, "timestamp": f"2026-03-0{1 + b % 9}T10:{k:02d}:00Z",
                                              "role": "annotate"}) + "\n")
                        n += 1
        cfg = {"version": 1, "records": {"paths": ["records.jsonl"]},
               "rules": ["rules_functional.yaml", "rules_safety.yaml"], "roster": "roster.yaml",
               "taxonomy": os.path.join(ROOT, "configs", "taxonomy", "tc260_003_appendix_a.yaml"),
               "gold": "gold.jsonl", "batches": {f"b{b}": "review_sentiment" for b in range(n_batches)}}
        with open(os.path.join(tmp, "audit.yaml"), "w") as f:
            json.dump(cfg, f)  # JSON is valid YAML
        results = {}
        for engine in ("local", "beam"):
            t0 = time.perf_counter()
            results[engine] = run_audit(os.path.join(tmp, "audit.yaml"), os.path.join(tmp, engine), [],
                                        engine=engine)
            dt = time.perf_counter() - t0
            print(f"{engine}: {n} records in {dt:.1f} s = {n / dt:,.0f} records/s")
        print("engines agree:", results["local"] == results["beam"])
        print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
