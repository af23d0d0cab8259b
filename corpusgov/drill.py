"""The ML lead's drill-down tables, kept at run time (pure; the Beam wiring is in `pipelines/governance.py`).

Why at run time: dropped records are not in the corpus, so afterwards nobody can show what was dropped without
re-reading the input. During the run every dropped or flagged record offers itself to a seeded sample per
(stage, reason, source, language); the `DRILL_PER_KEY` records with the smallest sha256(seed, record_id) win,
so the sample is the same on any runner and worker count. A sample row holds a snippet of the PI-masked text
(every span the run's detector found is replaced by `<TYPE>`, whatever the policy did with it), the value of
the signal that decided and its threshold, and for duplicates the kept representative and the similarity.

Three tables go under `drilldown/`: `samples.parquet`, `breakdown.parquet` (records and estimated tokens per
source × language × outcome, where outcome is `kept`, a drop reason or `flag:<reason>`) and
`histograms.parquet` (quality-signal histograms per signal × stage (kept or the measure that dropped the record) × language).
"""

from __future__ import annotations

import hashlib
import math
import os
import re
from collections.abc import Iterator
from typing import Any

DRILL_SEED = 0
DRILL_PER_KEY = 3
SNIPPET_CHARS = 240

SAMPLE_FIELDS = ("stage", "reason", "source_id", "lang", "record_id", "decision", "snippet", "text_chars",
                 "signal", "value", "bound", "threshold", "dup_of", "dup_kind", "similarity", "rep_snippet")


def priority(record_id: str, seed: int = DRILL_SEED) -> str:
    """Sort key of a record in the seeded sample (smallest wins)."""
    return hashlib.sha256(f"{seed}:{record_id}".encode()).hexdigest()


def snippet(text: str, centre: int = 0, n: int = SNIPPET_CHARS) -> str:
    """About `n` characters around `centre`, whitespace folded, with ellipses where cut."""
    s = max(0, centre - n // 4)
    piece = re.sub(r"\s+", " ", text[s:s + n]).strip()
    return ("…" if s > 0 else "") + piece + ("…" if s + n < len(text) else "")


def masked_snippet(text: str, findings: list[Any], mask: Any, centre_on: int | None = None) -> str:
    """Mask every finding, then cut around the first mask (or `centre_on`, an offset in the raw text)."""
    masked = mask(text, findings) if findings else text
    centre = 0
    if findings:
        m = re.search(r"<[A-Z_]+>", masked)
        centre = m.start() if m else 0
    elif centre_on is not None:
        centre = centre_on
    return snippet(masked, centre)


def decisive_signal(reason: str, policy: dict[str, Any], signals: dict[str, Any],
                    lang_score: float | None) -> tuple[str | None, float | None, str | None, float | None]:
    """(signal, value, bound, threshold) that explain a `quality:<rule>` or `language:` reason, else Nones."""
    if reason.startswith("quality:"):
        rule = ((policy.get("quality") or {}).get("rules") or {}).get(reason.split(":", 1)[1]) or {}
        name = rule.get("signal") or reason.split(":", 1)[1]
        v = signals.get(name)
        return name, (None if v is None or not math.isfinite(float(v)) else float(v)), rule.get("bound"), \
            rule.get("threshold")
    if reason.startswith("language:not_allowed:"):  # decided by the language itself, not by a score
        return "lang_score", lang_score, None, None
    if reason.startswith("language:"):
        return "lang_score", lang_score, "min", (policy.get("language") or {}).get("min_score")
    return None, None, None, None


def minhash_similarity(a: bytes | None, b: bytes | None) -> float | None:
    """Share of equal MinHash values: an unbiased estimate of the Jaccard similarity of the two shingle sets."""
    if not a or not b or len(a) != len(b):
        return None
    import numpy as np

    x, y = np.frombuffer(a, dtype=np.uint64), np.frombuffer(b, dtype=np.uint64)
    return round(float((x == y).mean()), 4)


LOW_BINS = [f"{i / 20:.2f}" for i in range(20)]


def signal_bucket(v: float) -> str:
    """Lower edge of the histogram bin: 0.05-wide bins on [0, 1], then [1, 2), [2, 4), [4, 8), ...

    For v > 1 the bin is 2**floor(log2 v), taken exactly from the binary exponent (math.frexp)."""
    if v <= 1.0:
        return LOW_BINS[max(0, min(int(v * 20), 19))]
    return str(1 << (math.frexp(v)[1] - 1))


def breakdown_counts(source_id: str, lang: str, decision: str, reasons: list[str],
                     tokens: int) -> Iterator[tuple[tuple[str, ...], int]]:
    """The `bd` counters of one record: source x language x outcome, in records and estimated tokens.

    Outcome: `kept` plus `flag:<reason>` per flag for a kept record, else its first (deciding) reason. One
    rule for the pipeline's finaliser and for the recount after a takedown (`recount_after_takedown`)."""
    for outcome in (["kept", *(f"flag:{r}" for r in reasons)] if decision == "keep" else reasons[:1]):
        yield ("bd", source_id, lang, outcome, "records"), 1
        yield ("bd", source_id, lang, outcome, "tokens"), tokens


# ---------------------------------------------------------------- driver side: work files -> tables

class Masker:
    """Masks personal information in a snippet again before anyone sees it.

    The kept corpus is masked only where the policy says so: a source whose legal basis permits `keep` leaves
    identifiers in the corpus, and they must still never reach the dashboard. Uses the run's own detector
    settings (forced on; pattern mode if its NER model is unavailable here); build once, call per snippet.
    """

    def __init__(self, pii_policy: dict[str, Any]) -> None:
        from corpusgov.quality.pii.policy import PiiPolicy
        from corpusgov.quality.pii.scanner import PiiScanner

        raw = dict(pii_policy or {})
        raw["enabled"] = True
        try:
            self.scanner = PiiScanner(PiiPolicy(**raw))
        except Exception:  # noqa: BLE001 - e.g. an NER model missing here: the patterns still apply
            self.scanner = PiiScanner(PiiPolicy(enabled=True, mode="pattern",
                                                min_score=float(raw.get("min_score", 0.5))))

    def __call__(self, text: str, lang: str | None = None) -> str:
        for f in sorted(self.scanner.scan(text, lang), key=lambda f: f.start, reverse=True):
            text = text[:f.start] + f"<{f.entity_type}>" + text[f.end:]
        return text


def table_parts(out_dir: str, kind: str) -> list[str]:
    """The Parquet part files of one output table (`corpus`, `decisions`, …), sorted; [] when absent."""
    d = os.path.join(out_dir, kind)
    return sorted(os.path.join(d, n) for n in os.listdir(d) if n.endswith(".parquet")) if os.path.isdir(d) else []


LOOKUP_BATCH_ROWS = 8192  # rows decoded at a time by `lookup_rows`


def lookup_rows(out_dir: str, kind: str, ids: set[str], cols: list[str]) -> dict[str, dict[str, Any]]:
    """The rows of `ids` in one output table (`record_id` and those of `cols` the table has), by record id.

    Why file by file and batch by batch: a dataset scan with an `isin` filter read several shards at once
    (its read-ahead), so the drill-down and dashboard steps grew with the number of output shards; here one
    file's column chunks and one batch are decoded at a time."""
    if not ids:
        return {}
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    want = pa.array(sorted(ids), pa.string())
    out: dict[str, dict[str, Any]] = {}
    for path in table_parts(out_dir, kind):
        pf = pq.ParquetFile(path)
        names = pf.schema_arrow.names
        use = ["record_id", *[c for c in cols if c in names and c != "record_id"]]
        for batch in pf.iter_batches(batch_size=LOOKUP_BATCH_ROWS, columns=use):
            hit = batch.filter(pc.is_in(batch.column("record_id"), value_set=want))
            out.update((r["record_id"], r) for r in hit.to_pylist())
    return out


def write_tables(out_dir: str, samples: list[dict[str, Any]], counters: Any, mask: Any) -> list[str]:
    """Write `drilldown/*.parquet`; returns their paths. `mask(text, lang)` re-masks representative snippets."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    d = os.path.join(out_dir, "drilldown")
    os.makedirs(d, exist_ok=True)
    # Duplicates: the kept representative's masked snippet (from the corpus) and the MinHash similarity.
    reps = {s["dup_of"] for s in samples if s.get("dup_of")}
    sig_ids = reps | {s["record_id"] for s in samples if s.get("dup_of")}
    sigs = lookup_rows(out_dir, "signatures", sig_ids, ["signature"])
    texts = lookup_rows(out_dir, "corpus", reps, ["text", "lang"])
    rows = []
    for s in sorted(samples, key=lambda x: (x["stage"], x["reason"], x["source_id"], x["lang"], x["record_id"])):
        r = {k: s.get(k) for k in SAMPLE_FIELDS}
        if s.get("dup_of"):
            r["similarity"] = 1.0 if s.get("dup_kind") == "exact" else minhash_similarity(
                (sigs.get(s["record_id"]) or {}).get("signature"), (sigs.get(s["dup_of"]) or {}).get("signature"))
            rep = texts.get(s["dup_of"])
            r["rep_snippet"] = snippet(mask(rep["text"], rep.get("lang"))) if rep else None
        rows.append(r)
    schema = pa.schema([(k, pa.float64() if k in ("value", "threshold", "similarity") else
                         pa.int64() if k == "text_chars" else pa.string()) for k in SAMPLE_FIELDS])
    paths = [os.path.join(d, "samples.parquet")]
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), paths[0], compression="zstd")
    return paths + _write_counts(d, counters.data)


def _write_counts(d: str, data: dict[tuple[Any, ...], int]) -> list[str]:
    """`breakdown.parquet` and `histograms.parquet` from the `bd` and `qh` counters; returns their paths."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    bd: dict[tuple[str, str, str], dict[str, int]] = {}
    hist = []
    paths: list[str] = []
    for key, v in sorted(data.items()):
        if key[0] == "bd" and len(key) == 5:
            bd.setdefault((key[1], key[2], key[3]), {"records": 0, "tokens": 0})[key[4]] = v
        elif key[0] == "qh" and len(key) == 5:
            hist.append({"signal": key[1], "stage": key[2], "lang": key[3], "bin": key[4], "records": v})
    bd_rows = [{"source_id": s, "lang": lg, "outcome": o, **v} for (s, lg, o), v in sorted(bd.items())]
    paths.append(os.path.join(d, "breakdown.parquet"))
    pq.write_table(pa.Table.from_pylist(bd_rows, schema=pa.schema([
        ("source_id", pa.string()), ("lang", pa.string()), ("outcome", pa.string()),
        ("records", pa.int64()), ("tokens", pa.int64())])), paths[-1], compression="zstd")
    paths.append(os.path.join(d, "histograms.parquet"))
    pq.write_table(pa.Table.from_pylist(hist, schema=pa.schema([
        ("signal", pa.string()), ("stage", pa.string()), ("lang", pa.string()), ("bin", pa.string()),
        ("records", pa.int64())])), paths[-1], compression="zstd")
    return paths


def read_tables(out_dir: str) -> dict[str, list[dict[str, Any]]] | None:
    """The three drill-down tables as rows, or None for a run made before they existed."""
    import pyarrow.parquet as pq

    d = os.path.join(out_dir, "drilldown")
    names = ("samples", "breakdown", "histograms")
    if not all(os.path.exists(os.path.join(d, f"{n}.parquet")) for n in names):
        return None
    return {n: pq.read_table(os.path.join(d, f"{n}.parquet")).to_pylist() for n in names}


def recount_after_takedown(out_dir: str, affected: set[str]) -> list[str]:
    """Rewrite `drilldown/` of a version whose tables a takedown rewrote; returns the paths written.

    Sample rows of an affected record, or whose duplicate representative is affected, are removed (their
    snippets are text of that record; the sample is not refilled). The breakdown and the histograms are
    recounted from the rewritten `decisions/` with the pipeline's rules (`breakdown_counts`, `signal_bucket`
    over the finite `q_*` columns). A run written before `decisions.est_tokens` existed cannot recount its
    token breakdown: its drill-down tables are removed (the dashboard then says the run has none) rather
    than left stating the records a takedown removed.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    d = os.path.join(out_dir, "drilldown")
    names = [os.path.join(d, f"{n}.parquet") for n in ("samples", "breakdown", "histograms")]
    parts = table_parts(out_dir, "decisions")
    if not all(os.path.exists(p) for p in names):
        return []
    if not parts or "est_tokens" not in pq.read_schema(parts[0]).names:
        for p in names:
            os.remove(p)
        return []
    samples = pq.read_table(names[0])
    keep = [r not in affected and (o is None or o not in affected)
            for r, o in zip(samples.column("record_id").to_pylist(), samples.column("dup_of").to_pylist(),
                            strict=True)]
    pq.write_table(samples.filter(pa.array(keep, pa.bool_())), names[0], compression="zstd")
    data: dict[tuple[Any, ...], int] = {}
    for part in parts:
        q_cols = [c for c in pq.read_schema(part).names if c.startswith("q_")]
        cols = ["source_id", "lang", "decision", "stage", "reasons", "est_tokens", *q_cols]
        for row in pq.read_table(part, columns=cols).to_pylist():  # only the columns the counters read
            lang = row["lang"] or "und"
            for key, v in breakdown_counts(row["source_id"], lang, row["decision"], list(row["reasons"] or []),
                                           row["est_tokens"]):
                data[key] = data.get(key, 0) + v
            for c in q_cols:
                v = row[c]
                if v is not None and math.isfinite(v):
                    key = ("qh", c[2:], row["stage"], lang, signal_bucket(v))
                    data[key] = data.get(key, 0) + 1
    return [names[0], *_write_counts(d, data)]
