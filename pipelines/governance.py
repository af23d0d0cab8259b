"""Per-record governance decisions and the rows they produce; the run spec.

No Beam here: the staged pipeline (`pipelines/stages.py`) calls these functions in its finalise stage,
one shard at a time, so decisions are a pure function of a record's annotations, its source's status, its
duplicate row and the policy, whatever runner executes the stages.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from corpusgov.aggregates import decision_counts, estimate_tokens, finding_counts, screening_rate_exceeded
from corpusgov.contracts.record import Annotations, DupRow, ShardRecord
from corpusgov.contracts.tables import (
    BASE_DECISION_FIELDS,
    COPYRIGHT_SCHEMA,
    CORPUS_SCHEMA,
    PII_SCHEMA,
    SIGNATURE_SCHEMA,
    decisions_schema,
)
from corpusgov.drill import LOW_BINS, breakdown_counts
from corpusgov.quality.decide import SourceStatus, final_reasons, pre_decide
from corpusgov.quality.diversity import DiversityAccumulator
from corpusgov.quality.rule_table import compile_rules
from corpusgov.quality.signals import SIGNAL_NAMES

_Q_COLUMNS = [(n, f"q_{n}") for n in SIGNAL_NAMES]

# The output tables' schemas live in the Beam-free contracts module; re-exported for the pipeline's stages.
__all__ = ["BASE_DECISION_FIELDS", "COPYRIGHT_SCHEMA", "CORPUS_SCHEMA", "PII_SCHEMA", "SIGNATURE_SCHEMA",
           "decisions_schema", "estimate_tokens"]


@dataclass
class RunSpec:
    """Everything the workers need; picklable, built by the driver from the validated config."""

    out_dir: str
    work_dir: str
    files: list[dict[str, Any]]
    mappings: dict[str, dict[str, Any]]
    limits: dict[str, int]
    policy: dict[str, Any]
    lexicon_terms: list[str]
    sources: dict[str, dict[str, Any]]  # id -> legal_basis, licence, acquisition, domain, priority, rejected
    num_shards: int
    pii_hash_key: bytes
    compression: str = "zstd"
    extra: dict[str, Any] = field(default_factory=dict)
    progress_dir: str | None = None  # worker tallies for the driver's progress line (corpusgov.progress)


def policy_from_spec(spec_policy: dict[str, Any]) -> Any:
    """The run's policy model from the JSON-able dict a RunSpec carries (what workers receive)."""
    from corpusgov.config import Policy

    return Policy.model_validate(spec_policy)


def cached_annotation(dec: dict[str, Any], pii: list[dict[str, Any]], marks: list[dict[str, Any]]) -> Annotations:
    """Rebuilds what `Annotators.annotate_batch` produced for a record from the base run's table rows."""
    from corpusgov.quality.copyright import MarkerFinding
    from corpusgov.quality.pii.scanner import PiiFinding

    findings = sorted(
        (PiiFinding(f["entity_type"], int(f["start"]), int(f["end"]), float(f["score"]), f["recognizer"]) for f in pii),
        key=lambda f: (f.start, f.end, f.entity_type),
    )
    markers = sorted(
        (MarkerFinding(m["marker_class"], int(m["start"]), int(m["end"]), float(m["score"]), m["recognizer"],
                       m["licence"], bool(m["restrictive"])) for m in marks),
        key=lambda m: (m.start, m.end, m.marker_class),
    )
    return {
        "lang": dec["lang"], "lang_score": float(dec["lang_score"]),
        "lang2": dec.get("lang2"), "lang2_share": float(dec.get("lang2_share") or 0.0),
        # Only the truthiness of screen_hits is used after annotation (decisions and the source hit rate).
        "screen_hits": ["<cached>"] if dec["screen_hit"] else [],
        "pii": findings, "copyright": markers,
        "signals": {n: dec[f"q_{n}"] for n in SIGNAL_NAMES if dec.get(f"q_{n}") is not None},
    }


class PreDecider:
    """Source gates (evidence + screening rate) and per-record measures except duplicates."""

    def __init__(self, spec: RunSpec) -> None:
        self._sources = spec.sources
        self._policy = policy_from_spec(spec.policy)  # this decider's own copy, never changed: rules compiled once
        self._rules = compile_rules(self._policy.quality)
        # (source, its screening counts or None) -> status: the same few values for every record of a run, and
        # SourceStatus is frozen, so one object per key is shared (issue 15: one built per record, twice a record).
        self._statuses: dict[tuple[str, tuple[int, ...] | None], SourceStatus] = {}

    def status(self, source_id: str, screen_counts: dict[str, tuple[int, int]] | None) -> SourceStatus:
        """The source's status; `screen_counts` None leaves out the screening-rate gate (not known yet)."""
        key = (source_id, None if screen_counts is None else tuple(screen_counts.get(source_id, (0, 0))))
        got = self._statuses.get(key)
        if got is None:
            got = self._statuses[key] = self._status(source_id, key[1])
        return got

    def _status(self, source_id: str, counts: tuple[int, ...] | None) -> SourceStatus:
        s = self._sources[source_id]
        rejected = list(s["rejected"])
        n, hits = counts or (0, 0)
        if screening_rate_exceeded(n, hits, self._policy.screening):
            rejected.append("screening_rate_exceeded")
        return SourceStatus(source_id, s["legal_basis"], s["licence"], s["acquisition"], tuple(rejected))

    def pre(self, source_id: str, ann: Annotations, screen_counts: dict[str, tuple[int, int]] | None) -> Any:
        return pre_decide(ann, self.status(source_id, screen_counts), self._policy, self._rules)

    def screening_rejected(self, source_id: str, screen_counts: dict[str, tuple[int, int]]) -> bool:
        return "screening_rate_exceeded" in self.status(source_id, screen_counts).rejected


class ShardAggregates:
    """Counters, quality-signal statistics and diversity accumulators of the records finalised so far."""

    SCALE = 1_000_000  # signal sums in integer micro-units: independent of the order partial sums merge in

    def __init__(self) -> None:
        self.counts: dict[tuple[str, ...], int] = {}
        self.signals: dict[str, list[float]] = {}  # name -> [count, micro-unit sum, min, max]
        self.diversity: dict[str, DiversityAccumulator] = {}
        self.drill: dict[tuple[str, ...], list[tuple[str, str]]] = {}  # key -> smallest (priority, sample)

    def offer(self, key: tuple[str, ...], prio: str, sample: str) -> None:
        """Keeps the `DRILL_PER_KEY` samples with the smallest seeded priority per key (any merge order)."""
        from corpusgov.drill import DRILL_PER_KEY

        got = self.drill.setdefault(key, [])
        if len(got) < DRILL_PER_KEY or prio < got[-1][0]:
            bisect.insort(got, (prio, sample))
            del got[DRILL_PER_KEY:]

    def wants(self, key: tuple[str, ...], prio: str) -> bool:
        """Would `offer(key, prio, ...)` keep the sample now? (Building a sample costs a masked snippet and
        JSON; most records are not among the smallest priorities of their key, so callers ask first.)"""
        from corpusgov.drill import DRILL_PER_KEY

        got = self.drill.get(key)
        return got is None or len(got) < DRILL_PER_KEY or prio < got[-1][0]


    def add_signals(self, columns: dict[str, np.ndarray], stage_lang: list[tuple[str, str]]) -> None:
        """Statistics and histogram counters (``q_hist``, and ``qh`` by stage and language) of a batch's
        signals: ``columns`` maps a signal name to its float64 values (NaN where null), ``stage_lang`` holds each
        record's (stage, language). Vectorised per signal, with exactly the numbers of adding the records one
        by one (``signal_bucket`` bins, ``round`` to micro-units, first-seen min/max)."""
        if not stage_lang:
            return
        groups: dict[tuple[str, str], int] = {}
        gid = np.fromiter((groups.setdefault(k, len(groups)) for k in stage_lang), dtype=np.int64,
                          count=len(stage_lang))
        names = list(groups)
        counts = self.counts
        for n, values in columns.items():
            fin = np.isfinite(values)
            k = int(fin.sum())
            if k == 0:
                continue
            v = values[fin]
            self._add_stats(n, v)
            codes = bucket_codes(v)
            for code, c in zip(*np.unique(codes, return_counts=True), strict=True):
                key: tuple[str, ...] = ("q_hist", n, bucket_label(int(code)))
                counts[key] = counts.get(key, 0) + int(c)
            joint = gid[fin] * _N_CODES + codes
            for code, c in zip(*np.unique(joint, return_counts=True), strict=True):
                stage, lang = names[int(code) // _N_CODES]
                key = ("qh", n, stage, lang, bucket_label(int(code) % _N_CODES))
                counts[key] = counts.get(key, 0) + int(c)

    def _add_stats(self, n: str, v: np.ndarray) -> None:
        """[count, micro-unit sum, min, max] of one signal's finite values, as the per-record loop had it."""
        with np.errstate(over="ignore"):
            micro = v * self.SCALE
        big = float(np.abs(micro).max()) * len(v) >= 2.0**62  # int64 sum could overflow: Python ints
        zero_sign = bool((np.signbit(v) & (v == 0)).any())  # -0.0: min/max keep the first-seen zero
        st = self.signals.get(n)
        if big or zero_sign:
            for x in v.tolist():
                if st is None:
                    st = self.signals[n] = [1, round(x * self.SCALE), x, x]
                    continue
                st[0] += 1
                st[1] += round(x * self.SCALE)
                if x < st[2]:
                    st[2] = x
                if x > st[3]:
                    st[3] = x
            return
        total = int(np.rint(micro).astype(np.int64).sum())  # round() and rint both round half to even
        lo, hi = float(v.min()), float(v.max())
        if st is None:
            self.signals[n] = [len(v), total, lo, hi]
            return
        st[0] += len(v)
        st[1] += total
        if lo < st[2]:
            st[2] = lo
        if hi > st[3]:
            st[3] = hi


_N_CODES = 20 + 1100  # bucket codes: 0-19 the 0.05-wide bins of [0, 1], 20 + e for [2**e, 2**(e+1))


def bucket_codes(v: np.ndarray) -> np.ndarray:
    """``drill.signal_bucket`` of each (finite) value as an integer code (``bucket_label`` turns it back)."""
    with np.errstate(over="ignore"):
        low = np.clip(np.trunc(v * 20), 0, 19)  # int(v * 20), clamped as signal_bucket does
    exp = np.frexp(v)[1].astype(np.int64) - 1
    return np.where(v <= 1.0, low.astype(np.int64), 20 + exp)


def bucket_label(code: int) -> str:
    return LOW_BINS[code] if code < 20 else str(1 << (code - 20))


def merge_signal(a: list[float] | None, b: list[float]) -> list[float]:
    if a is None:
        return list(b)
    return [a[0] + b[0], a[1] + b[1], min(a[2], b[2]), max(a[3], b[3])]


def signal_summary(acc: list[float]) -> dict[str, Any]:
    n, s, lo, hi = acc
    return {"count": int(n), "sum": int(s) / ShardAggregates.SCALE, "min": lo if n else None, "max": hi if n else None}


class RecordFinaliser:
    """One record + its duplicate row -> decision, corpus, PI, copyright and signature rows; aggregates."""

    def __init__(self, spec: RunSpec, screen_counts: dict[str, tuple[int, int]]) -> None:
        from corpusgov.quality.pii.scanner import keyed_hash, mask_text

        self._sources = spec.sources
        self._key = spec.pii_hash_key
        self._policy_dict = spec.policy
        self._decider = PreDecider(spec)
        self._screen = screen_counts
        self._mask = mask_text
        self._hash = keyed_hash

    def finalise(self, rec: ShardRecord, ann: Annotations, dup: DupRow | None,
                 out: dict[str, list[dict[str, Any]]], agg: ShardAggregates,
                 signal_columns: bool = True, est_tokens: int | None = None) -> tuple[str, str]:
        """Appends the record's rows to `out` and counts it in `agg`; returns its (stage, language) for the
        signal aggregates, which the caller adds per batch (`ShardAggregates.add_signals`). With
        `signal_columns` False the decision row leaves out its ``q_*`` columns: the caller appends them as
        Arrow columns (they are the annotated row's own, `pipelines/finalise.py`). `est_tokens`, when given, is
        ``estimate_tokens(rec["text"])`` already counted for a whole batch (`estimate_tokens_batch`)."""
        src = rec["source_id"]
        pre = self._decider.pre(src, ann, self._screen)
        decision, stage, reasons = final_reasons(pre, dup)
        text = rec["text"]
        masked = decision == "keep" and bool(pre.to_mask)
        out_text = self._mask(text, pre.to_mask) if masked else text
        pii = ann.get("pii") or []
        marks = ann.get("copyright") or []
        signals = ann.get("signals") or {}
        row: dict[str, Any] = {  # a DecisionRow (corpusgov.contracts.record) plus its q_* signal columns
            "record_id": rec["record_id"], "source_id": src, "source_record_id": rec["source_record_id"],
            "origin_uri": rec["origin_uri"], "origin_key": rec["origin_key"],
            "origin_index": rec["origin_index"], "file_sha256": rec["file_sha256"],
            "content_sha256": rec["content_sha256"], "decision": decision, "stage": stage, "reasons": reasons,
            "text_chars": rec["chars"], "text_bytes": rec["bytes"], "est_tokens": estimate_tokens(text) if est_tokens is None else est_tokens,
            "lang": ann.get("lang"),
            "lang_score": ann.get("lang_score"), "lang2": ann.get("lang2"),
            "lang2_share": ann.get("lang2_share"), "screen_hit": bool(ann.get("screen_hits")),
            "pii_count": len(pii), "pii_types": sorted({f.entity_type for f in pii}),
            "pii_action": pre.pii_action if pii else None, "pii_unresolved": bool(pre.pii_unresolved),
            "masked": masked, "copyright_classes": sorted({m.marker_class for m in marks}),
            "dup_cluster": dup["dup_cluster"] if dup else None, "dup_of": dup.get("dup_of") if dup else None,
            "dup_kind": dup.get("dup_kind") if dup else None,
        }
        if signal_columns:
            for n, col in _Q_COLUMNS:
                v = signals.get(n)
                row[col] = None if v is None else float(v)
        out["decisions"].append(row)
        self._drill(row, text, pii, marks, signals, decision, stage, reasons, dup, agg)
        if decision == "keep":
            out["corpus"].append({
                "record_id": rec["record_id"], "source_id": src, "source_record_id": rec["source_record_id"],
                "text": out_text, "content_sha256": rec["content_sha256"], "masked": masked,
                "lang": ann.get("lang"), "url": rec.get("url"), "metadata": rec["metadata"],
            })
        masked_spans = {(f.start, f.end, f.entity_type) for f in pre.to_mask}
        for f in pii:
            action = "drop" if decision == "drop" else ("mask" if (f.start, f.end, f.entity_type) in masked_spans else "keep")
            out["pii"].append({
                "record_id": rec["record_id"], "source_id": src, "entity_type": f.entity_type,
                "start": f.start, "end": f.end, "score": float(f.score), "recognizer": f.recognizer,
                "action": action,
                "value_hash": self._hash(text[f.start:f.end], self._key) if self._key else None,
            })
        for m in marks:
            out["copyright"].append({
                "record_id": rec["record_id"], "source_id": src, "marker_class": m.marker_class,
                "start": m.start, "end": m.end, "score": float(m.score), "recognizer": m.recognizer,
                "licence": m.licence, "restrictive": bool(m.restrictive),
                "action": "drop" if stage == "copyright" else "flag",
            })
        s = self._sources[src]
        if rec.get("signature") is not None:
            # Every annotated record's signature is kept (not only dedup-eligible ones), so an incremental run
            # can reuse it even when a policy change makes a previously dropped record eligible.
            out["signatures"].append({
                "record_id": rec["record_id"], "source_id": src, "content_sha256": rec["content_sha256"],
                "rank": int(s["priority"]), "signature": rec["signature"],
            })
        counts = agg.counts
        for key, v in _counter_keys(row, rec, ann, decision, stage, reasons):
            counts[key] = counts.get(key, 0) + v
        # The per-signal statistics and histogram counters are added per batch (ShardAggregates.add_signals).
        acc = agg.diversity.get(stage)
        if acc is None:
            acc = agg.diversity[stage] = DiversityAccumulator()
        acc.add(text, ann.get("lang") or "und", src, s["domain"], s["acquisition"])
        return stage, row["lang"] or "und"


    def _drill(self, row: dict[str, Any], text: str, pii: list[Any], marks: list[Any], signals: dict[str, Any],
               decision: str, stage: str, reasons: list[str], dup: DupRow | None,
               agg: ShardAggregates) -> None:
        """Offers a dropped or flagged record to the seeded drill-down sample (corpusgov.drill)."""
        from corpusgov import drill

        offered = reasons[:1] if decision == "drop" else list(reasons)
        if not offered:
            return
        prio = drill.priority(row["record_id"])
        snip: str | None = None
        for r in offered:
            key = (stage, r, row["source_id"], row["lang"] or "und")
            if not agg.wants(key, prio):  # offer() would not keep it: skip building the sample
                continue
            if snip is None:
                snip = drill.masked_snippet(text, pii, self._mask, marks[0].start if marks else None)
            sig, val, bound, th = drill.decisive_signal(r, self._policy_dict, signals, row["lang_score"])
            sample = {"stage": stage, "reason": r, "source_id": row["source_id"], "lang": row["lang"] or "und",
                      "record_id": row["record_id"], "decision": decision, "snippet": snip,
                      "text_chars": row["text_chars"], "signal": sig, "value": val, "bound": bound,
                      "threshold": None if th is None else float(th),
                      "dup_of": dup.get("dup_of") if dup and r.startswith("duplicate:") else None,
                      "dup_kind": dup.get("dup_kind") if dup and r.startswith("duplicate:") else None}
            agg.offer(key, prio, json.dumps(sample))


def _counter_keys(row: dict[str, Any], rec: ShardRecord, ann: Annotations, decision: str, stage: str,
                  reasons: list[str]) -> Iterator[tuple[tuple[str, ...], int]]:
    """The manifest's counters of a record (`corpusgov.aggregates`: the rule the recount from the tables uses
    too) and the ones only metrics.json and the drill-down read."""
    src = row["source_id"]
    lang = row["lang"] or "und"
    tokens = row["est_tokens"]
    yield (("read", src), 1)
    yield (("file_parsed", src, row["origin_key"]), 1)
    yield from breakdown_counts(src, lang, decision, reasons, tokens)  # drill-down: source x language x outcome
    yield from decision_counts(row)  # type: ignore[arg-type]  # `row` holds every DecisionRow key
    yield from finding_counts(src, [f.entity_type for f in ann.get("pii") or []],
                              [m.marker_class for m in ann.get("copyright") or []])
    # The per-signal histogram counters (q_hist, qh) are counted in RecordFinaliser.finalise.



