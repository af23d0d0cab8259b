"""Whole-corpus manual acceptance sampling (TC260-003 §9.2: ≥ 4,000 random items, pass rate ≥ 96%).

`draw_sample` streams the kept corpus and keeps the k records with the smallest seeded hash of their
record_id (a heap of k entries — bounded memory, no shuffle, the same sample for the same corpus and seed).
Reviewers fill in the verdict template; `accept` computes the pass rate with its Wilson interval and writes
`acceptance/result.json` for the manifest. The result is `accepted` only when the sample meets the
minimum (or is the whole corpus), every sampled record has a verdict, the sample file is the one drawn, and
the decision rule holds: by default the Wilson lower bound reaches the threshold ("wilson"), so a small or
lucky sample cannot pass; "standard" applies the standard's own rule (observed pass rate ≥ threshold on a
sample of at least 4,000) and the result says which rule was used.
"""

from __future__ import annotations

import glob
import hashlib
import heapq
import json
import os
from typing import Literal

from pydantic import BaseModel, ConfigDict

from corpusgov.annotation.io import iter_rows, parse_row, sha256_file
from corpusgov.annotation.models import AnnotationInputError
from corpusgov.annotation.stats import wilson_interval

STANDARD = "TC260-003 §9.2 manual acceptance sampling"
MIN_SAMPLE = 4000
DEFAULT_THRESHOLD = 0.96
RULES = ("wilson", "standard")
RULE_TEXT = {
    "wilson": "Wilson lower bound of the pass rate (at the stated confidence) >= threshold",
    "standard": "observed pass rate >= threshold (TC260-003 §9.2 as written)",
}


def record_rank(seed: int, record_id: str) -> int:
    return int.from_bytes(hashlib.sha256(f"{seed}\x1f{record_id}".encode()).digest()[:8], "big")


def meets_minimum(sample_size: int, population: int | None) -> bool:
    """At least MIN_SAMPLE records, or the whole corpus when it is smaller (a census)."""
    return sample_size >= MIN_SAMPLE or (population is not None and 0 < population == sample_size)


def plan_warnings(plan: dict) -> list[str]:
    """What `corpusgov sample` must say about a plan before anyone reviews it."""
    if plan.get("meets_minimum"):
        return []
    pop = plan.get("population")
    redo = (f"--size {MIN_SAMPLE} or larger" if pop is None or pop >= MIN_SAMPLE
            else f"--size {pop} or larger (the whole corpus: it has fewer than {MIN_SAMPLE} records)")
    return [f"the sample has {plan.get('sample_size')} records, below the TC260-003 §9.2 minimum of {MIN_SAMPLE} "
            f"(corpus: {pop} kept records): `corpusgov accept` on it will report not_accepted; draw it again "
            f"with {redo}"]


def next_steps(run_dir: str) -> list[str]:
    d = os.path.join(run_dir, "acceptance")
    return [f"reviewers judge every record of {os.path.join(d, 'sample.jsonl')} and fill in a copy of "
            f"{os.path.join(d, 'verdicts.template.jsonl')}: verdict pass|fail, reviewer_id, reason for a fail",
            f"then: corpusgov accept {run_dir} VERDICTS.jsonl [--threshold {DEFAULT_THRESHOLD}] [--rule wilson|standard]"]


def _paths(run_dir: str) -> tuple[str, str, str, str]:
    d = os.path.join(run_dir, "acceptance")
    return d, os.path.join(d, "sample.jsonl"), os.path.join(d, "verdicts.template.jsonl"), os.path.join(d, "plan.json")


def draw_sample(run_dir: str, size: int = 4000, seed: int = 0) -> str:
    """Write `run_dir/acceptance/sample.jsonl` (+ verdict template and plan); return the sample path."""
    import pyarrow.parquet as pq

    if size < 1:
        raise ValueError("size must be at least 1")
    files = sorted(glob.glob(os.path.join(run_dir, "corpus", "*.parquet")))
    if not files:
        raise AnnotationInputError(f"{os.path.join(run_dir, 'corpus')}: no Parquet shards found")
    heap: list[tuple[int, str, str, str]] = []  # (-rank, record_id, source_id, text): a max-heap of size k
    population = 0
    for path in files:
        pf = pq.ParquetFile(path)
        missing = {"record_id", "source_id", "text"} - set(pf.schema_arrow.names)
        if missing:
            raise AnnotationInputError(f"{path}: field(s) {sorted(missing)} missing from the corpus shard")
        for batch in pf.iter_batches(batch_size=4096, columns=["record_id", "source_id", "text"]):
            cols = batch.to_pydict()
            for rid, sid, text in zip(cols["record_id"], cols["source_id"], cols["text"], strict=True):
                population += 1
                entry = (-record_rank(seed, rid), rid, sid, text)
                if len(heap) < size:
                    heapq.heappush(heap, entry)
                elif entry > heap[0]:
                    heapq.heapreplace(heap, entry)
    chosen = sorted(heap, reverse=True)  # ascending rank
    d, sample_path, template_path, plan_path = _paths(run_dir)
    os.makedirs(d, exist_ok=True)
    with open(sample_path, "w", encoding="utf-8") as s, open(template_path, "w", encoding="utf-8") as t:
        for i, (_, rid, sid, text) in enumerate(chosen):
            s.write(json.dumps({"sample_index": i, "record_id": rid, "source_id": sid, "text": text},
                               ensure_ascii=False) + "\n")
            t.write(json.dumps({"record_id": rid, "verdict": None, "reviewer_id": None, "reason": None}) + "\n")
    plan = {"standard": STANDARD, "method": "k smallest sha256(seed, record_id)", "seed": seed,
            "requested_size": size, "population": population, "sample_size": len(chosen),
            "minimum": MIN_SAMPLE,
            "meets_minimum": meets_minimum(len(chosen), population),
            "corpus_files": [os.path.relpath(f, run_dir) for f in files],
            "sample_sha256": sha256_file(sample_path)}
    with open(plan_path, "w", encoding="utf-8") as f:
        json.dump(plan, f, indent=2, sort_keys=True)
        f.write("\n")
    return sample_path


class AcceptanceVerdict(BaseModel):
    model_config = ConfigDict(extra="ignore")

    record_id: str
    verdict: Literal["pass", "fail"] | None = None
    reviewer_id: str | None = None
    reason: str | None = None


def accept(run_dir: str, verdicts_path: str, threshold: float = DEFAULT_THRESHOLD, confidence: float = 0.95,
           rule: str = "wilson") -> dict:
    """Decide acceptance of the reviewed sample; writes and returns `acceptance/result.json`.

    `status` is "accepted" only when every condition holds; otherwise "not_accepted" with the reason codes
    (`sample_below_minimum`, `sample_changed`, `no_plan`, `not_all_reviewed`, `no_verdicts`,
    `lower_bound_below_threshold` or `pass_rate_below_threshold`).
    """
    if rule not in RULES:
        raise ValueError(f"rule must be one of {RULES}")
    d, sample_path, _, plan_path = _paths(run_dir)
    if not os.path.exists(sample_path):
        raise AnnotationInputError(f"{sample_path}: file not found (run the sample step first)")
    sample_ids: list[str] = []
    with open(sample_path, encoding="utf-8") as f:
        sample_ids = [json.loads(line)["record_id"] for line in f if line.strip()]
    in_sample = set(sample_ids)
    verdicts: dict[str, str | None] = {}
    reviewers: set[str] = set()
    problems: list[str] = []
    for row, obj in iter_rows(verdicts_path, "jsonl"):
        v = parse_row(AcceptanceVerdict, verdicts_path, row, obj)
        if isinstance(v, str):
            problems.append(v)
        elif v.record_id not in in_sample:
            problems.append(f"{verdicts_path}: row {row}: field 'record_id': {v.record_id!r} is not in the sample")
        elif v.record_id in verdicts:
            problems.append(f"{verdicts_path}: row {row}: field 'record_id': duplicate verdict for {v.record_id!r}")
        else:
            verdicts[v.record_id] = v.verdict
            if v.verdict is not None and v.reviewer_id:
                reviewers.add(v.reviewer_id)
    if problems:
        raise AnnotationInputError("\n".join(problems[:20]))
    failed = [r for r in sample_ids if verdicts.get(r) == "fail"]
    missing = [r for r in sample_ids if verdicts.get(r) is None]
    reviewed = len(sample_ids) - len(missing)
    passed = reviewed - len(failed)
    lo, hi = wilson_interval(passed, reviewed, confidence)
    rate = passed / reviewed if reviewed else None
    plan: dict = {}
    if os.path.exists(plan_path):
        with open(plan_path, encoding="utf-8") as f:
            plan = json.load(f)
    sample_sha = sha256_file(sample_path)
    population = plan.get("population")
    minimum_ok = meets_minimum(len(sample_ids), population)
    reasons: list[str] = []
    if not plan:
        reasons.append("no_plan")
    elif plan.get("sample_sha256") != sample_sha:
        reasons.append("sample_changed")
    if not minimum_ok:
        reasons.append("sample_below_minimum")
    if not reviewed:
        reasons.append("no_verdicts")
    elif missing:
        reasons.append("not_all_reviewed")
    if reviewed and rule == "wilson" and lo < threshold:
        reasons.append("lower_bound_below_threshold")
    if reviewed and rule == "standard" and rate is not None and rate < threshold:
        reasons.append("pass_rate_below_threshold")
    accepted = not reasons
    result = {
        "standard": STANDARD,
        "status": "accepted" if accepted else "not_accepted",
        "accepted": accepted,
        "reasons": reasons,
        "rule": rule,
        "rule_text": RULE_TEXT[rule],
        "minimum_sample": MIN_SAMPLE,
        "sample_size": len(sample_ids),
        "population": population,
        "seed": plan.get("seed"),
        "meets_minimum": minimum_ok,
        "reviewed": reviewed,
        "missing": len(missing),
        "passed": passed,
        "failed": len(failed),
        "pass_rate": rate,
        "ci_low": lo if reviewed else None,
        "ci_high": hi if reviewed else None,
        "confidence": confidence,
        "threshold": threshold,
        "complete": not missing,
        "pass_rate_meets_threshold": rate is not None and rate >= threshold,
        "accepted_at_lower_bound": bool(reviewed) and lo >= threshold,
        "reviewers": len(reviewers),
        "failed_record_ids": failed,
        "missing_record_ids": missing,
        "sample_sha256": sample_sha,
        "verdicts_sha256": sha256_file(verdicts_path),
    }
    with open(os.path.join(d, "result.json"), "w", encoding="utf-8") as f:
        json.dump(result, f, indent=2, sort_keys=True)
        f.write("\n")
    return result

