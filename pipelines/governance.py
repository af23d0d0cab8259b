"""The governance pipeline: ingest -> annotate -> source gates -> dedup -> decide -> outputs and aggregates.

Thin Beam code over the pure functions in `quality/` and `lineage/`. Every aggregate the manifest needs is
built with combiners and written as a small file under the run's work directory; nothing collects records
on the driver.
"""

from __future__ import annotations

import base64
import json
import pickle
import re
from dataclasses import dataclass, field
from typing import Any

import apache_beam as beam
import numpy as np
import pyarrow as pa
from apache_beam.transforms.window import GlobalWindow
from apache_beam.utils.timestamp import MIN_TIMESTAMP
from apache_beam.utils.windowed_value import WindowedValue

from pipelines.dedup import FindDuplicates
from pipelines.ingest import IngestFiles
from pipelines.outputs import WriteShards
from quality.decide import SourceStatus, final_reasons, pre_decide
from quality.diversity import DiversityAccumulator
from quality.signals import SIGNAL_NAMES

# Decision table contract (documented in README "Outputs"): column order is stable.
BASE_DECISION_FIELDS: list[tuple[str, pa.DataType]] = [
    ("record_id", pa.string()),
    ("source_id", pa.string()),
    ("source_record_id", pa.string()),
    ("origin_uri", pa.string()),
    ("origin_key", pa.string()),
    ("origin_index", pa.int64()),
    ("file_sha256", pa.string()),
    ("content_sha256", pa.string()),
    ("decision", pa.string()),
    ("stage", pa.string()),
    ("reasons", pa.list_(pa.string())),
    ("text_chars", pa.int64()),
    ("text_bytes", pa.int64()),
    ("lang", pa.string()),
    ("lang_score", pa.float64()),
    ("lang2", pa.string()),
    ("lang2_share", pa.float64()),
    ("screen_hit", pa.bool_()),
    ("pii_count", pa.int64()),
    ("pii_types", pa.list_(pa.string())),
    ("pii_action", pa.string()),
    ("pii_unresolved", pa.bool_()),
    ("masked", pa.bool_()),
    ("copyright_classes", pa.list_(pa.string())),
    ("dup_cluster", pa.string()),
    ("dup_of", pa.string()),
    ("dup_kind", pa.string()),
]


def decisions_schema() -> pa.Schema:
    return pa.schema(BASE_DECISION_FIELDS + [(f"q_{n}", pa.float64()) for n in SIGNAL_NAMES])


CORPUS_SCHEMA = pa.schema([
    ("record_id", pa.string()),
    ("source_id", pa.string()),
    ("source_record_id", pa.string()),
    ("text", pa.string()),
    ("content_sha256", pa.string()),
    ("masked", pa.bool_()),
    ("lang", pa.string()),
    ("url", pa.string()),
    ("metadata", pa.string()),
])

PII_SCHEMA = pa.schema([
    ("record_id", pa.string()), ("source_id", pa.string()), ("entity_type", pa.string()),
    ("start", pa.int64()), ("end", pa.int64()), ("score", pa.float64()), ("recognizer", pa.string()),
    ("action", pa.string()), ("value_hash", pa.string()),
])

COPYRIGHT_SCHEMA = pa.schema([
    ("record_id", pa.string()), ("source_id", pa.string()), ("marker_class", pa.string()),
    ("start", pa.int64()), ("end", pa.int64()), ("score", pa.float64()), ("recognizer", pa.string()),
    ("licence", pa.string()), ("restrictive", pa.bool_()), ("action", pa.string()),
])

SIGNATURE_SCHEMA = pa.schema([
    ("record_id", pa.string()), ("source_id", pa.string()), ("content_sha256", pa.string()),
    ("rank", pa.int64()), ("signature", pa.binary()),
])


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


def _policy(spec_policy: dict[str, Any]) -> Any:
    from corpusgov.config import Policy

    return Policy.model_validate(spec_policy)


_CJK_COUNT = re.compile("[\u3040-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_CJK_SPLIT = re.compile("[\u3040-\u9fff\uac00-\ud7af]")


def estimate_tokens(text: str) -> int:
    """Rough token estimate: one per CJK character, 1.3 per whitespace-separated word elsewhere."""
    cjk = len(_CJK_COUNT.findall(text))
    other = _CJK_SPLIT.sub(" ", text) if cjk else text
    return cjk + int(round(len(other.split()) * 1.3))


class AnnotateBatch(beam.DoFn):
    """Runs every pure annotator over a batch of records; annotators are built once per worker."""

    def __init__(self, spec: RunSpec) -> None:
        self._policy_dict = spec.policy
        self._terms = spec.lexicon_terms
        self._progress_dir = spec.progress_dir

    def setup(self) -> None:
        from corpusgov.progress import Tally
        from quality.annotators import Annotators

        self._ann = Annotators(_policy(self._policy_dict), self._terms)
        self._tally = Tally(self._progress_dir, "annotated")

    def finish_bundle(self) -> None:
        self._tally.flush()

    def teardown(self) -> None:
        self._tally.flush()

    def process(self, batch: list[dict[str, Any]]):  # type: ignore[no-untyped-def]
        anns = self._ann.annotate_batch([r["text"] for r in batch])
        self._tally.add(len(batch))
        for rec, ann in zip(batch, anns, strict=True):
            sig = ann.pop("signature")
            rec["ann"] = ann
            rec["signature"] = None if sig is None else np.asarray(sig).tobytes()
            yield rec


CACHE_NS = "corpusgov.incremental"


def _cached_annotation(rec: dict[str, Any], dec: dict[str, Any], pii: list[dict[str, Any]],
                       marks: list[dict[str, Any]], sig: bytes | None) -> dict[str, Any]:
    """Rebuilds what `Annotators.annotate_batch` produced for a record from the base run's table rows."""
    from quality.copyright import MarkerFinding
    from quality.pii.scanner import PiiFinding

    findings = sorted(
        (PiiFinding(f["entity_type"], int(f["start"]), int(f["end"]), float(f["score"]), f["recognizer"]) for f in pii),
        key=lambda f: (f.start, f.end, f.entity_type),
    )
    markers = sorted(
        (MarkerFinding(m["marker_class"], int(m["start"]), int(m["end"]), float(m["score"]), m["recognizer"],
                       m["licence"], bool(m["restrictive"])) for m in marks),
        key=lambda m: (m.start, m.end, m.marker_class),
    )
    rec["ann"] = {
        "lang": dec["lang"], "lang_score": float(dec["lang_score"]),
        "lang2": dec.get("lang2"), "lang2_share": float(dec.get("lang2_share") or 0.0),
        # Only the truthiness of screen_hits is used after annotation (decisions and the source hit rate).
        "screen_hits": ["<cached>"] if dec["screen_hit"] else [],
        "pii": findings, "copyright": markers,
        "signals": {n: dec[f"q_{n}"] for n in SIGNAL_NAMES if dec.get(f"q_{n}") is not None},
    }
    rec["signature"] = sig
    return rec


class _JoinCache(beam.DoFn):
    """(base shard, records) -> annotated records (reused) or `todo` (to annotate).

    The base run's tables are sharded by `shard_of(record_id, N)`, so records grouped by their base shard meet
    that shard's rows of decisions/, pii/, copyright/ and signatures/ (read here with pyarrow, one bounded
    shard at a time). A cached annotation is used only when the record's file is unchanged (same sha256),
    its content hash equals the cached one, the base decision is not a takedown, and a signature is stored
    (when dedup is on).
    """

    TODO = "todo"
    _COLS = {
        "decisions": ["record_id", "file_sha256", "content_sha256", "reasons", "lang", "lang_score", "lang2",
                      "lang2_share", "screen_hit",
                      *[f"q_{n}" for n in SIGNAL_NAMES]],
        "pii": ["record_id", "entity_type", "start", "end", "score", "recognizer"],
        "copyright": ["record_id", "marker_class", "start", "end", "score", "recognizer", "licence", "restrictive"],
        "signatures": ["record_id", "signature"],
    }

    def __init__(self, cache: dict[str, Any]) -> None:
        self._tables = cache["tables"]  # kind -> {shard (str): path}
        self._reuse = {tuple(x) for x in cache["reuse_files"]}
        self._need_sig = cache["need_signature"]

    def setup(self) -> None:
        from apache_beam.metrics import Metrics

        self._reused = Metrics.counter(CACHE_NS, "records_reused")
        self._annotated = Metrics.counter(CACHE_NS, "records_annotated")

    def _load(self, kind: str, shard: int, ids: set[str]) -> dict[str, list[dict[str, Any]]]:
        import pyarrow.parquet as pq

        path = self._tables.get(kind, {}).get(str(shard))
        out: dict[str, list[dict[str, Any]]] = {}
        if path is None:
            return out
        for row in pq.read_table(path, columns=self._COLS[kind]).to_pylist():
            if row["record_id"] in ids:
                out.setdefault(row["record_id"], []).append(row)
        return out

    def process(self, item: tuple[int, Any]):  # type: ignore[no-untyped-def]
        shard, recs = item
        recs = list(recs)
        ids = {r["record_id"] for r in recs if (r["source_id"], r["origin_key"], r["file_sha256"]) in self._reuse}
        got = {k: self._load(k, shard, ids) for k in self._COLS} if ids else {k: {} for k in self._COLS}
        for rec in recs:
            rid = rec["record_id"]
            decs = got["decisions"].get(rid, [])
            sigs = got["signatures"].get(rid, [])
            dec = decs[0] if len(decs) == 1 else None
            sig = sigs[0]["signature"] if len(sigs) == 1 else None
            ok = (
                rid in ids and dec is not None
                and dec["file_sha256"] == rec["file_sha256"]
                and dec["content_sha256"] == rec["content_sha256"]
                and not any(r.startswith("takedown:") for r in dec["reasons"] or [])
                and (sig is not None or not self._need_sig)
            )
            if ok:
                self._reused.inc()
                yield _cached_annotation(rec, dec, got["pii"].get(rid, []), got["copyright"].get(rid, []), sig)
            else:
                self._annotated.inc()
                yield beam.pvalue.TaggedOutput(self.TODO, rec)


class ReuseAnnotations(beam.PTransform):
    """records -> annotated records, reusing a base run's annotations (decisions, pii/, copyright/, signatures/)
    for records of unchanged files and annotating only the rest; downstream steps are those of a full run.

    `cache`: {"num_shards": N of the base run, "tables": {kind: {shard: path}}, "reuse_files": [[source_id,
    key, sha256]], "need_signature": bool}.
    """

    def __init__(self, spec: RunSpec, cache: dict[str, Any]) -> None:
        super().__init__()
        self._spec = spec
        self._cache = cache

    def expand(self, records):  # type: ignore[no-untyped-def]
        from lineage.hashing import shard_of

        n = int(self._cache["num_shards"])
        res = (
            records
            | "CacheKeyByBaseShard" >> beam.Map(lambda r: (shard_of(r["record_id"], n), r))
            | "CacheGroup" >> beam.GroupByKey()
            | "CacheJoin" >> beam.ParDo(_JoinCache(self._cache)).with_outputs(_JoinCache.TODO, main="reused")
        )
        fresh = (
            res[_JoinCache.TODO]
            | "Batch" >> beam.BatchElements(min_batch_size=32, max_batch_size=256)
            | "Annotate" >> beam.ParDo(AnnotateBatch(self._spec))
        )
        return (res.reused, fresh) | "CacheMerge" >> beam.Flatten()


class _PreDecider:
    """Source gates (evidence + screening rate) and per-record measures except duplicates.

    Used twice: on the small dedup-candidate branch, and again in Finalise after the join. Recomputing the
    cheap pure decision there means no collection of full records has to wait for the screening-rate side
    input (on the in-process runner such a wait holds the whole annotated corpus in memory).
    """

    def __init__(self, spec: RunSpec) -> None:
        self._policy_dict = spec.policy
        self._sources = spec.sources

    def setup(self) -> None:
        self._policy = _policy(self._policy_dict)

    def pre(self, rec: dict[str, Any], screen_counts: dict[str, tuple[int, int]]) -> Any:
        s = self._sources[rec["source_id"]]
        rejected = list(s["rejected"])
        n, hits = screen_counts.get(rec["source_id"], (0, 0))
        if self._policy.screening.enabled and n and hits / n > self._policy.screening.max_hit_rate:
            rejected.append("screening_rate_exceeded")
        status = SourceStatus(rec["source_id"], s["legal_basis"], s["licence"], s["acquisition"], tuple(rejected))
        return pre_decide(rec["ann"], status, self._policy)


class DedupCandidates(beam.DoFn):
    """(record_id, rank, content hash, signature) for records that survive every measure before dedup."""

    def __init__(self, spec: RunSpec) -> None:
        self._decider = _PreDecider(spec)
        self._sources = spec.sources

    def setup(self) -> None:
        self._decider.setup()

    def process(self, rec: dict[str, Any], screen_counts: dict[str, tuple[int, int]]):  # type: ignore[no-untyped-def]
        if rec["signature"] is None or not self._decider.pre(rec, screen_counts).dedup_eligible:
            return
        rank = (int(self._sources[rec["source_id"]]["priority"]), rec["record_id"])
        yield rec["record_id"], rank, rec["content_sha256"], rec["signature"]


class Finalise(beam.DoFn):
    """Joins a record with its duplicate info and emits decision, corpus, findings and aggregate rows."""

    DECISION = "decision"
    CORPUS = "corpus"
    PII = "pii"
    COPYRIGHT = "copyright"
    COUNTER = "counter"
    DIVERSITY = "diversity"
    SIGNATURE = "signature"

    def __init__(self, spec: RunSpec) -> None:
        self._sources = spec.sources
        self._key = spec.pii_hash_key
        self._decider = _PreDecider(spec)

    SIGNALS = "signals"
    DRILL = "drill"

    def setup(self) -> None:
        from quality.pii.scanner import keyed_hash, mask_text

        self._mask = mask_text
        self._hash = keyed_hash
        self._decider.setup()

    def start_bundle(self) -> None:
        # Aggregates are summed per bundle here: a record touches ~100 counter keys and signals, and
        # emitting each as its own element would cost more than everything else the DoFn does.
        self._counts: dict[tuple[str, ...], int] = {}
        self._signals: dict[str, tuple[int, int, float, float]] = {}

    def finish_bundle(self):  # type: ignore[no-untyped-def]
        for key, v in self._counts.items():
            yield beam.pvalue.TaggedOutput(self.COUNTER, _global((key, v)))
        for name, acc in self._signals.items():
            yield beam.pvalue.TaggedOutput(self.SIGNALS, _global((name, acc)))
        self._counts, self._signals = {}, {}

    def process(self, item: tuple[str, dict[str, list[Any]]],  # type: ignore[no-untyped-def]
                screen_counts: dict[str, tuple[int, int]]):
        _, grouped = item
        recs = grouped["rec"]
        if not recs:
            return
        rec = recs[0]
        dups = grouped["dup"]
        dup = dups[0] if dups else None
        pre = self._decider.pre(rec, screen_counts)
        ann = rec["ann"]
        decision, stage, reasons = final_reasons(pre, dup)
        src = rec["source_id"]
        text = rec["text"]
        masked = decision == "keep" and bool(pre.to_mask)
        out_text = self._mask(text, pre.to_mask) if masked else text
        pii = ann.get("pii") or []
        marks = ann.get("copyright") or []
        signals = ann.get("signals") or {}
        row = {
            "record_id": rec["record_id"], "source_id": src, "source_record_id": rec["source_record_id"],
            "origin_uri": rec["origin_uri"], "origin_key": rec["origin_key"],
            "origin_index": rec["origin_index"], "file_sha256": rec["file_sha256"],
            "content_sha256": rec["content_sha256"], "decision": decision, "stage": stage, "reasons": reasons,
            "text_chars": rec["chars"], "text_bytes": rec["bytes"], "lang": ann.get("lang"),
            "lang_score": ann.get("lang_score"), "lang2": ann.get("lang2"),
            "lang2_share": ann.get("lang2_share"), "screen_hit": bool(ann.get("screen_hits")),
            "pii_count": len(pii), "pii_types": sorted({f.entity_type for f in pii}),
            "pii_action": pre.pii_action if pii else None, "pii_unresolved": bool(pre.pii_unresolved),
            "masked": masked, "copyright_classes": sorted({m.marker_class for m in marks}),
            "dup_cluster": dup["dup_cluster"] if dup else None, "dup_of": dup.get("dup_of") if dup else None,
            "dup_kind": dup.get("dup_kind") if dup else None,
        }
        for n in SIGNAL_NAMES:
            v = signals.get(n)
            row[f"q_{n}"] = None if v is None else float(v)
        yield beam.pvalue.TaggedOutput(self.DECISION, row)
        yield from self._drill(row, text, pii, marks, signals, decision, stage, reasons, dup)
        if decision == "keep":
            yield beam.pvalue.TaggedOutput(self.CORPUS, {
                "record_id": rec["record_id"], "source_id": src, "source_record_id": rec["source_record_id"],
                "text": out_text, "content_sha256": rec["content_sha256"], "masked": masked,
                "lang": ann.get("lang"), "url": rec.get("url"),
                "metadata": json.dumps(rec.get("metadata") or {}, ensure_ascii=False, sort_keys=True),
            })
        masked_spans = {(f.start, f.end, f.entity_type) for f in pre.to_mask}
        for f in pii:
            action = "drop" if decision == "drop" else ("mask" if (f.start, f.end, f.entity_type) in masked_spans else "keep")
            yield beam.pvalue.TaggedOutput(self.PII, {
                "record_id": rec["record_id"], "source_id": src, "entity_type": f.entity_type,
                "start": f.start, "end": f.end, "score": float(f.score), "recognizer": f.recognizer,
                "action": action,
                "value_hash": self._hash(text[f.start:f.end], self._key) if self._key else None,
            })
        for m in marks:
            yield beam.pvalue.TaggedOutput(self.COPYRIGHT, {
                "record_id": rec["record_id"], "source_id": src, "marker_class": m.marker_class,
                "start": m.start, "end": m.end, "score": float(m.score), "recognizer": m.recognizer,
                "licence": m.licence, "restrictive": bool(m.restrictive),
                "action": "drop" if stage == "copyright" else "flag",
            })
        if rec.get("signature") is not None:
            # Every annotated record's signature is kept (not only dedup-eligible ones), so an incremental run
            # can reuse it even when a policy change makes a previously dropped record eligible.
            s = self._sources[src]
            yield beam.pvalue.TaggedOutput(self.SIGNATURE, {
                "record_id": rec["record_id"], "source_id": src, "content_sha256": rec["content_sha256"],
                "rank": int(s["priority"]), "signature": rec["signature"],
            })
        counts = self._counts
        for key, v in _counter_keys(row, rec, ann, decision, stage, reasons):
            counts[key] = counts.get(key, 0) + v
        sig = self._signals
        for n in SIGNAL_NAMES:
            v = row[f"q_{n}"]
            if v is not None and np.isfinite(v):
                sig[n] = SignalStats.merge(sig.get(n, SignalStats.EMPTY), (1, round(v * SignalStats.SCALE), v, v))
        s = self._sources[src]
        yield beam.pvalue.TaggedOutput(
            self.DIVERSITY, (stage, (text, ann.get("lang") or "und", src, s["domain"], s["acquisition"]))
        )


    def _drill(self, row: dict[str, Any], text: str, pii: list[Any], marks: list[Any],  # type: ignore[no-untyped-def]
               signals: dict[str, Any], decision: str, stage: str, reasons: list[str], dup: dict[str, Any] | None):
        """Offers a dropped or flagged record to the seeded drill-down sample (corpusgov.drill)."""
        from corpusgov import drill

        offered = reasons[:1] if decision == "drop" else list(reasons)
        if not offered:
            return
        snip = drill.masked_snippet(text, pii, self._mask, marks[0].start if marks else None)
        prio = drill.priority(row["record_id"])
        for r in offered:
            sig, val, bound, th = drill.decisive_signal(r, self._decider._policy_dict, signals, row["lang_score"])
            sample = {"stage": stage, "reason": r, "source_id": row["source_id"], "lang": row["lang"] or "und",
                      "record_id": row["record_id"], "decision": decision, "snippet": snip,
                      "text_chars": row["text_chars"], "signal": sig, "value": val, "bound": bound,
                      "threshold": None if th is None else float(th),
                      "dup_of": (dup or {}).get("dup_of") if r.startswith("duplicate:") else None,
                      "dup_kind": (dup or {}).get("dup_kind") if r.startswith("duplicate:") else None}
            yield beam.pvalue.TaggedOutput(
                self.DRILL, ((stage, r, row["source_id"], row["lang"] or "und"), (prio, json.dumps(sample))))


def _global(value: Any) -> WindowedValue:
    """An element emitted from finish_bundle: global window, minimum timestamp."""
    return WindowedValue(value, MIN_TIMESTAMP, [GlobalWindow()])


def _counter_keys(row: dict[str, Any], rec: dict[str, Any], ann: dict[str, Any], decision: str, stage: str,
                  reasons: list[str]):  # type: ignore[no-untyped-def]
    src = row["source_id"]
    lang = row["lang"] or "und"
    tokens = estimate_tokens(rec["text"])
    yield (("read", src), 1)
    yield (("file_parsed", src, row["origin_key"]), 1)
    # Drill-down breakdown: source x language x outcome, in records and estimated tokens.
    for outcome in (["kept", *(f"flag:{r}" for r in reasons)] if decision == "keep" else reasons[:1]):
        yield (("bd", src, lang, outcome, "records"), 1)
        yield (("bd", src, lang, outcome, "tokens"), tokens)
    yield (("decision", src, decision), 1)
    yield (("stage", src, stage), 1)
    yield (("lang_all", row["lang"] or "und"), 1)
    if decision == "drop":
        yield (("drop_reason", src, reasons[0]), 1)
        for r in reasons[1:]:
            yield (("also_reason", src, r), 1)
    else:
        for r in reasons:
            yield (("flag", src, r), 1)
        for dim in (("kept_source", src), ("kept_lang", row["lang"] or "und"), ("kept_modality", "text")):
            yield ((*dim, "records"), 1)
            yield ((*dim, "chars"), rec["chars"])
            yield ((*dim, "bytes"), rec["bytes"])
            yield ((*dim, "est_tokens"), tokens)
    for f in ann.get("pii") or []:
        yield (("pii_type", src, f.entity_type), 1)
    if ann.get("pii"):
        yield (("pii_records", src, "drop" if stage == "pii" else (row["pii_action"] or "keep")), 1)
    for m in ann.get("copyright") or []:
        yield (("cr_class", src, m.marker_class), 1)
    for r in reasons:
        if r.startswith("copyright:"):
            yield (("cr_reason", src, r), 1)
        elif r.startswith("quality:"):
            yield (("q_rule", src, r.split(":", 1)[1]), 1)
        elif r.startswith("pii:"):
            yield (("pii_reason", src, r), 1)
    if row["dup_of"]:
        yield (("dup", src, row["dup_kind"] or "near"), 1)
    if row["screen_hit"]:
        yield (("screen_hit", src), 1)
    for n in SIGNAL_NAMES:
        v = row.get(f"q_{n}")
        if v is not None and np.isfinite(v):
            b = signal_bucket(v)
            yield (("q_hist", n, b), 1)
            yield (("qh", n, stage, lang, b), 1)  # stage: kept, or the measure that dropped it


def signal_bucket(v: float) -> str:
    """Lower edge of the histogram bin: 0.05-wide bins on [0, 1], then [1, 2), [2, 4), [4, 8), ..."""
    if v <= 1.0:
        return f"{max(0, min(int(v * 20), 19)) / 20:.2f}"
    return f"{2 ** int(np.floor(np.log2(v))):d}"


class SignalStats(beam.CombineFn):
    """(count, sum, min, max) of one quality signal over all records.

    The sum is kept in integer micro-units so that it does not depend on the order in which a runner
    merges partial sums (float addition is not associative)."""

    SCALE = 1_000_000
    EMPTY = (0, 0, float("inf"), float("-inf"))

    @staticmethod
    def merge(a: tuple[int, int, float, float], b: tuple[int, int, float, float]) -> tuple[int, int, float, float]:
        return (a[0] + b[0], a[1] + b[1], min(a[2], b[2]), max(a[3], b[3]))

    def create_accumulator(self) -> tuple[int, int, float, float]:
        return self.EMPTY

    def add_input(self, acc, partial):  # type: ignore[no-untyped-def]
        """Inputs are partial accumulators (count, micro-unit sum, min, max) from Finalise's bundles."""
        return self.merge(acc, partial)

    def merge_accumulators(self, accs):  # type: ignore[no-untyped-def]
        out = self.EMPTY
        for a in accs:
            out = self.merge(out, a)
        return out

    def extract_output(self, acc):  # type: ignore[no-untyped-def]
        n, s, lo, hi = acc
        return {"count": n, "sum": s / self.SCALE, "min": lo if n else None, "max": hi if n else None}


class DiversityCombine(beam.CombineFn):
    def create_accumulator(self) -> DiversityAccumulator:
        return DiversityAccumulator()

    def add_input(self, acc: DiversityAccumulator, item: tuple[str, str, str, str, str]) -> DiversityAccumulator:
        acc.add(*item)
        return acc

    def merge_accumulators(self, accs):  # type: ignore[no-untyped-def]
        it = iter(accs)
        first = next(it)
        for a in it:
            first = first.merge(a)
        return first

    def extract_output(self, acc: DiversityAccumulator) -> DiversityAccumulator:
        return acc


def _write_lines(pcoll, path: str, label: str):  # type: ignore[no-untyped-def]
    """Small aggregate -> one text file, lines sorted so the content is deterministic."""
    return (
        pcoll
        | f"{label}Keyed" >> beam.Map(lambda line: (None, line))
        | f"{label}Gather" >> beam.GroupByKey()
        | f"{label}Sort" >> beam.FlatMap(lambda kv: sorted(kv[1]))
        | f"{label}Write" >> beam.io.WriteToText(path, num_shards=1, shard_name_template="")
    )


def build_pipeline(p: beam.Pipeline, spec: RunSpec) -> None:
    """Adds the whole governance graph to `p`."""
    records, dead = p | "Ingest" >> IngestFiles(spec.files, spec.mappings, spec.limits, spec.progress_dir)
    cache = spec.extra.get("annotation_cache")
    if cache:
        annotated = records | "ReuseAnnotations" >> ReuseAnnotations(spec, cache)
    else:
        annotated = (
            records
            | "Batch" >> beam.BatchElements(min_batch_size=32, max_batch_size=256)
            | "Annotate" >> beam.ParDo(AnnotateBatch(spec))
        )
    screen_counts = (
        annotated
        | "ScreenKey" >> beam.Map(lambda r: (r["source_id"], (1, 1 if r["ann"].get("screen_hits") else 0)))
        | "ScreenCount" >> beam.CombinePerKey(lambda vs: tuple(map(sum, zip(*vs, strict=True))) if vs else (0, 0))
    )
    gate = beam.pvalue.AsDict(screen_counts)
    dedup_policy = _policy(spec.policy).dedup
    keyed = annotated | "KeyById" >> beam.Map(lambda r: (r["record_id"], r))
    if dedup_policy.enabled:
        dups = annotated | "DedupCandidates" >> beam.ParDo(DedupCandidates(spec), screen_counts=gate)
        finder = FindDuplicates(dedup_policy)
        dups = dups | "FindDuplicates" >> finder
        _write_lines(finder.stats | "DedupStatsJson" >> beam.Map(lambda d: json.dumps(d, sort_keys=True)),
                     f"{spec.work_dir}/dedup_stats.jsonl", "DedupStats")
    else:
        dups = p | "NoDups" >> beam.Create([])
    outs = (
        {"rec": keyed, "dup": dups}
        | "JoinDup" >> beam.CoGroupByKey()
        | "Finalise" >> beam.ParDo(Finalise(spec), screen_counts=gate).with_outputs(
            Finalise.DECISION, Finalise.CORPUS, Finalise.PII, Finalise.COPYRIGHT, Finalise.COUNTER, Finalise.SIGNALS,
            Finalise.DIVERSITY, Finalise.SIGNATURE, Finalise.DRILL,
        )
    )
    n, comp, out = spec.num_shards, spec.compression, spec.out_dir
    shard_infos = [
        outs[Finalise.DECISION] | "WriteDecisions" >> WriteShards(out, "decisions", n, decisions_schema(), compression=comp,
                                                                  progress_dir=spec.progress_dir),
        outs[Finalise.CORPUS] | "WriteCorpus" >> WriteShards(out, "corpus", n, CORPUS_SCHEMA, merkle=True, compression=comp),
        outs[Finalise.PII] | "WritePii" >> WriteShards(
            out, "pii", n, PII_SCHEMA, compression=comp, sort_fields=("record_id", "start", "end", "entity_type")),
        outs[Finalise.COPYRIGHT] | "WriteCopyright" >> WriteShards(
            out, "copyright", n, COPYRIGHT_SCHEMA, compression=comp, sort_fields=("record_id", "start", "end", "marker_class")),
        outs[Finalise.SIGNATURE] | "WriteSignatures" >> WriteShards(out, "signatures", n, SIGNATURE_SCHEMA, compression=comp),
        dead | "WriteDeadletter" >> WriteShards(
            out, "deadletter", n, None, sort_fields=("record_id", "origin_key", "origin_index", "reason")),
    ]
    dead_counts = dead | "DeadKey" >> beam.FlatMap(lambda d: [
        (("dead", d["source_id"], d["reason"]), 1), (("file_dead", d["source_id"], d["origin_key"], d["reason"]), 1)])
    from corpusgov.drill import DRILL_PER_KEY

    drill = (
        outs[Finalise.DRILL]
        | "DrillSample" >> beam.combiners.Top.SmallestPerKey(DRILL_PER_KEY, key=lambda x: x[0])
        | "DrillJson" >> beam.FlatMap(lambda kv: [s for _, s in kv[1]])
    )
    _write_lines(drill, f"{spec.work_dir}/drill.jsonl", "Drill")
    cluster_sizes = (
        outs[Finalise.DECISION]
        | "InCluster" >> beam.Filter(lambda r: r["dup_cluster"] is not None)
        | "ClusterKey" >> beam.Map(lambda r: (r["dup_cluster"], 1))
        | "ClusterSize" >> beam.CombinePerKey(sum)
        | "SizeKey" >> beam.Map(lambda kv: (("dup_cluster_size", str(kv[1])), 1))
    )
    counters = (
        (outs[Finalise.COUNTER], dead_counts, cluster_sizes)
        | "AllCounters" >> beam.Flatten()
        | "SumCounters" >> beam.CombinePerKey(sum)
        | "CounterJson" >> beam.Map(lambda kv: json.dumps([list(kv[0]), kv[1]], ensure_ascii=False))
    )
    _write_lines(counters, f"{spec.work_dir}/counters.jsonl", "Counters")
    diversity = (
        outs[Finalise.DIVERSITY]
        | "DiversityByStage" >> beam.CombinePerKey(DiversityCombine())
        | "DiversityJson" >> beam.Map(
            lambda kv: json.dumps([kv[0], base64.b64encode(pickle.dumps(kv[1])).decode("ascii")])
        )
    )
    _write_lines(diversity, f"{spec.work_dir}/diversity.jsonl", "Diversity")
    signal_stats = (
        outs[Finalise.SIGNALS]
        | "SignalStats" >> beam.CombinePerKey(SignalStats())
        | "SignalJson" >> beam.Map(lambda kv: json.dumps([kv[0], kv[1]], sort_keys=True))
    )
    _write_lines(signal_stats, f"{spec.work_dir}/signals.jsonl", "Signals")
    files = (
        shard_infos
        | "AllShards" >> beam.Flatten()
        | "ShardJson" >> beam.Map(lambda d: json.dumps(d, sort_keys=True))
    )
    _write_lines(files, f"{spec.work_dir}/shards.jsonl", "Shards")
