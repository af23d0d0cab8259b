"""The counts a manifest states, as counters keyed by tuples: one rule for the pipeline and for the tables.

Why: the pipeline sums these counters over every record as it finalises it (bounded memory, any number of
workers); `verify`, `forget` and incremental runs that re-apply takedowns recount them afterwards from the
run's own tables. Both go through `decision_counts` / `finding_counts` / `dead_counts`, so the manifest
builder (`corpusgov.manifest`) gets the same counters whichever way they were made, and a counting rule
changes in one place. Also here: the screening-rate rule and the reason -> stage rule, used by the pipeline's
source gate, the builder and `verify`.

Counter keys (kind first): `decision`, `stage`, `drop_reason`, `also_reason`, `flag`, `kept_source` /
`kept_lang` / `kept_modality` (x records, chars, bytes, est_tokens), `lang_all`, `pii_type`, `pii_records`,
`pii_reason`, `cr_class`, `cr_reason`, `q_rule`, `dup`, `dup_cluster_size`, `screen_hit`, `dead`. The
pipeline adds keys only its metrics and drill-down read (`read`, `file_parsed`, `file_dead`, `bd`,
`q_hist`, `qh`).
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
import pyarrow.parquet as pq

from corpusgov.contracts.record import CopyrightRow, DecisionRow, PiiRow

log = logging.getLogger("corpusgov")
Key = tuple[str, ...]
SCALE_MEASURES = ("records", "chars", "bytes", "est_tokens")
# Decision columns the counting rule and `verify` read (the q_* signal columns are added when present).
DEC_COLS = ("record_id", "source_id", "decision", "stage", "reasons", "text_chars", "text_bytes", "est_tokens",
            "lang", "lang_score", "screen_hit", "pii_count", "pii_types", "pii_action", "pii_unresolved", "masked",
            "copyright_classes", "dup_cluster", "dup_of", "dup_kind", "content_sha256")


class Counters:
    """Summed counters: tuple key -> int."""

    def __init__(self, rows: Iterable[tuple[Key, int]] = ()) -> None:
        self.data: dict[Key, int] = {}
        for k, v in rows:
            self.add(tuple(k), v)

    def add(self, key: Key, v: int = 1) -> None:
        self.data[key] = self.data.get(key, 0) + v

    def update(self, rows: Iterable[tuple[Key, int]]) -> None:
        for k, v in rows:
            self.add(k, v)

    @classmethod
    def read(cls, path: str) -> Counters:
        """The pipeline's `counters.jsonl` work file (one `[key, value]` per line)."""
        rows = []
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                for line in f:
                    if line.strip():
                        k, v = json.loads(line)
                        rows.append((tuple(k), int(v)))
        return cls(rows)

    def get(self, *key: str) -> int:
        return self.data.get(tuple(key), 0)

    def by(self, kind: str, *prefix: str) -> dict[str, int]:
        """Last key component -> value, for keys (kind, *prefix, x)."""
        n = len(prefix)
        out: dict[str, int] = {}
        for k, v in self.data.items():
            if k[0] == kind and len(k) == n + 2 and tuple(k[1 : 1 + n]) == prefix:
                out[k[-1]] = out.get(k[-1], 0) + v
        return dict(sorted(out.items()))

    def nested(self, kind: str) -> dict[str, dict[str, int]]:
        """For keys (kind, a, b): {a: {b: value}}."""
        out: dict[str, dict[str, int]] = defaultdict(dict)
        for k, v in self.data.items():
            if k[0] == kind and len(k) == 3:
                out[k[1]][k[2]] = v
        return {a: dict(sorted(b.items())) for a, b in sorted(out.items())}


# ------------------------------------------------------------------------------------------ rules
# CJK characters counted as one token each and blanked (a word boundary), and compatibility ideographs counted
# but not blanked; (first, last) code points, the one definition of both `estimate_tokens` paths.
_CJK_SPLIT_RANGES = ((0x3040, 0x9FFF), (0xAC00, 0xD7AF))
_CJK_COMPAT_RANGES = ((0xF900, 0xFAFF),)


def _char_class(ranges: tuple[tuple[int, int], ...]) -> re.Pattern[str]:
    return re.compile("[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in ranges) + "]")


_CJK_SPLIT = _char_class(_CJK_SPLIT_RANGES)
_CJK_COMPAT = _char_class(_CJK_COMPAT_RANGES)


def estimate_tokens(text: str) -> int:
    """Rough token estimate: one per CJK character, 1.3 per whitespace-separated word elsewhere.

    One substitution counts and blanks the CJK characters (``subn``) instead of a ``findall`` and a ``sub``:
    ~22 -> ~13 µs per bench document (finalise computes it for every record); ASCII text has none."""
    if text.isascii():
        return int(round(len(text.split()) * 1.3))
    other, cjk = _CJK_SPLIT.subn(" ", text)
    if _CJK_COMPAT.search(text) is not None:
        cjk += len(_CJK_COMPAT.findall(text))
    return cjk + int(round(len(other.split()) * 1.3))


_SEPARATES, _COUNTS = 1, 2  # bits of a code point's class: ends a word (str.split's whitespace, blanked CJK); a token
_TOKEN_CHUNK = 256  # texts per numpy pass of `estimate_tokens_batch` (≈ 1 MB of code points on bench text)


@lru_cache(maxsize=1)
def _token_classes() -> np.ndarray:
    """The class bits of every code point (0 .. 0x10FFFF) for `estimate_tokens_batch`. ``str.split()``'s
    whitespace is ``str.isspace()``, all of it inside the Basic Multilingual Plane (tested over every code point)."""
    table = np.zeros(0x110000, dtype=np.uint8)
    table[[cp for cp in range(0x10000) if chr(cp).isspace()]] = _SEPARATES
    for lo, hi in _CJK_SPLIT_RANGES:
        table[lo : hi + 1] = _SEPARATES | _COUNTS
    for lo, hi in _CJK_COMPAT_RANGES:
        table[lo : hi + 1] = _COUNTS
    return table


def estimate_tokens_batch(texts: Sequence[str]) -> list[int]:
    """``[estimate_tokens(t) for t in texts]``, counted with numpy over the texts' code points together.

    Why (issue 15): finalise estimates every record's tokens, ≈ 1.3 % of a 20k bench run one text at a time (a
    ``split`` list of word strings per text); here a word is a run of code points that do not separate words, found
    by one pass over the code points of 256 texts, and each text's words and CJK characters are counted by binary
    searches in the sorted positions (20k bench texts: 0.33 → 0.06-0.08 CPU-s)."""
    out: list[int] = []
    for at in range(0, len(texts), _TOKEN_CHUNK):
        out += _tokens_chunk(texts[at : at + _TOKEN_CHUNK])
    return out


def _tokens_chunk(texts: Sequence[str]) -> list[int]:
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    cps = np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), dtype="<u4")
    if len(cps) != int(lengths.sum()):  # cannot happen for str; never guess
        return [estimate_tokens(t) for t in texts]
    cls = _token_classes()[cps]
    word = (cls & _SEPARATES) == 0
    starts_word = word.copy()  # a word starts after a separator, or at its text's first code point
    starts_word[1:] &= ~word[:-1]
    bounds = np.concatenate(([0], np.cumsum(lengths)))
    first = bounds[:-1][lengths > 0]
    starts_word[first] = word[first]
    # Per text: the word starts and counted code points between its bounds (positions sorted: two binary searches).
    n_words = np.diff(np.searchsorted(np.flatnonzero(starts_word), bounds)).tolist()
    n_cjk = np.diff(np.searchsorted(np.flatnonzero(cls >= _COUNTS), bounds)).tolist()
    return [c + int(round(w * 1.3)) for c, w in zip(n_cjk, n_words, strict=True)]


def stage_of(reason: str) -> str:
    """The measure a drop reason belongs to (`duplicate:near` -> dedup, `takedown:TD-1` -> takedown)."""
    head = reason.split(":", 1)[0]
    return {"source_rejected": "source_gate", "duplicate": "dedup"}.get(head, head)


def screening_rate_exceeded(records: int, hits: int, screening: Any) -> bool:
    """A source whose lexicon hit rate is above `policy.screening.max_hit_rate` is rejected (TC260-003 §5.1)."""
    return bool(screening.enabled and records and hits / records > screening.max_hit_rate)


def decision_counts(row: DecisionRow) -> Iterator[tuple[Key, int]]:
    """Counters of one decision row (the manifest's per-source counts, scale, languages, reasons, dedup)."""
    src = row["source_id"]
    lang = row["lang"] or "und"
    decision, stage, reasons = row["decision"], row["stage"], row["reasons"] or []
    yield ("decision", src, decision), 1
    yield ("stage", src, stage), 1
    yield ("lang_all", lang), 1
    if decision == "drop":
        if reasons:
            yield ("drop_reason", src, reasons[0]), 1
        for r in reasons[1:]:
            yield ("also_reason", src, r), 1
    else:
        for r in reasons:
            yield ("flag", src, r), 1
        size = {"records": 1, "chars": row["text_chars"], "bytes": row["text_bytes"],
                "est_tokens": row.get("est_tokens") or 0}
        for dim in (("kept_source", src), ("kept_lang", lang), ("kept_modality", "text")):
            for m in SCALE_MEASURES:
                yield (*dim, m), size[m]
    if row["pii_count"]:
        yield ("pii_records", src, "drop" if stage == "pii" else (row["pii_action"] or "keep")), 1
    for r in reasons:
        if r.startswith("copyright:"):
            yield ("cr_reason", src, r), 1
        elif r.startswith("quality:"):
            yield ("q_rule", src, r.split(":", 1)[1]), 1
        elif r.startswith("pii:"):
            yield ("pii_reason", src, r), 1
    if row["dup_of"]:
        yield ("dup", src, row["dup_kind"] or "near"), 1
    if row["screen_hit"]:
        yield ("screen_hit", src), 1


def finding_counts(source_id: str, pii_types: Iterable[str], marker_classes: Iterable[str]) -> Iterator[tuple[Key, int]]:
    """Counters of a record's PI findings (one per `pii/` row) and copyright markers (one per `copyright/` row)."""
    for t in pii_types:
        yield ("pii_type", source_id, t), 1
    for c in marker_classes:
        yield ("cr_class", source_id, c), 1


def dead_counts(source_id: str, reason: str) -> Iterator[tuple[Key, int]]:
    yield ("dead", source_id, reason), 1


def cluster_size_counts(cluster_of: Iterable[str | None]) -> Iterator[tuple[Key, int]]:
    """`dup_cluster_size` counters (clusters per size) from every record's cluster id."""
    sizes = Counter(c for c in cluster_of if c)
    for size, n in sorted(Counter(sizes.values()).items()):
        yield ("dup_cluster_size", str(size)), n


# ------------------------------------------------------------------------------------------ tables
@dataclass
class Tables:
    """A run's tables as rows (decisions with every q_* column), read from the files on disk."""

    dec: list[DecisionRow]
    pii: dict[str, list[PiiRow]]
    pii_rows: list[PiiRow]
    cr: dict[str, list[CopyrightRow]]
    dead: list[dict[str, Any]]
    rows_per_file: dict[str, int]
    signal_cols: list[str] = field(default_factory=list)

    @property
    def has_est_tokens(self) -> bool:
        """Runs made before decisions/ held `est_tokens` cannot have their token counts recounted."""
        return all("est_tokens" in r for r in self.dec[:1])


def parquet_files(run_dir: str, kind: str) -> list[str]:
    d = os.path.join(run_dir, kind)
    if not os.path.isdir(d):
        return []
    return sorted(f"{kind}/{n}" for n in os.listdir(d) if n.endswith(".parquet"))


def read_dead(run_dir: str) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """(relative path, entries) of each `deadletter/` file."""
    d = os.path.join(run_dir, "deadletter")
    for n in sorted(os.listdir(d)) if os.path.isdir(d) else []:
        rel = f"deadletter/{n}"
        with open(os.path.join(run_dir, rel), encoding="utf-8") as f:
            yield rel, [json.loads(line) for line in f if line.strip()]


def read_tables(run_dir: str) -> Tables:
    """Read decisions/, pii/, copyright/ and deadletter/ (raises on unreadable files)."""
    rows_per: dict[str, int] = {}
    dec: list[Any] = []
    sig_cols: list[str] = []
    for rel in parquet_files(run_dir, "decisions"):
        pf = pq.ParquetFile(os.path.join(run_dir, rel))
        names = pf.schema_arrow.names
        sig_cols = [c for c in names if c.startswith("q_")]
        t = pf.read(columns=[c for c in DEC_COLS if c in names] + sig_cols)
        rows_per[rel] = t.num_rows
        dec.extend(t.to_pylist())
    pii: dict[str, list[Any]] = defaultdict(list)
    pii_rows: list[Any] = []
    for rel in parquet_files(run_dir, "pii"):
        t = pq.read_table(os.path.join(run_dir, rel))
        rows_per[rel] = t.num_rows
        for r in t.to_pylist():
            pii[r["record_id"]].append(r)
            pii_rows.append(r)
    cr: dict[str, list[Any]] = defaultdict(list)
    for rel in parquet_files(run_dir, "copyright"):
        t = pq.read_table(os.path.join(run_dir, rel))
        rows_per[rel] = t.num_rows
        for r in t.to_pylist():
            cr[r["record_id"]].append(r)
    dead: list[dict[str, Any]] = []
    for rel, got in read_dead(run_dir):
        rows_per[rel] = len(got)
        dead.extend({"source_id": e.get("source_id"), "reason": e.get("reason")} for e in got)
    for rel in parquet_files(run_dir, "corpus"):
        rows_per[rel] = pq.ParquetFile(os.path.join(run_dir, rel)).metadata.num_rows
    return Tables(dec, dict(pii), pii_rows, dict(cr), dead, rows_per, sig_cols)


def counters_from_tables(t: Tables) -> Counters:
    """The manifest's counters recounted from a run's tables with the pipeline's own rules."""
    c = Counters()
    for r in t.dec:
        c.update(decision_counts(r))
    for f in t.pii_rows:
        c.update(finding_counts(f["source_id"], [f["entity_type"]], ()))
    for marks in t.cr.values():
        for m in marks:
            c.update(finding_counts(m["source_id"], (), [m["marker_class"]]))
    for e in t.dead:
        c.update(dead_counts(e["source_id"], e["reason"]))
    c.update(cluster_size_counts(r["dup_cluster"] for r in t.dec))
    return c


def counters_from_run(run_dir: str) -> Counters:
    """`counters_from_tables` streaming one file at a time (memory: one table file plus the cluster ids).

    A run written before `decisions.est_tokens` existed gets the estimate of its kept records' corpus text
    instead (masked text: close to, not exactly, the run's own figure), with a warning.
    """
    c = Counters()
    clusters: list[str] = []
    tokens_of: dict[str, int] | None = None
    for rel in parquet_files(run_dir, "decisions"):
        pf = pq.ParquetFile(os.path.join(run_dir, rel))
        cols = [x for x in DEC_COLS if x in pf.schema_arrow.names]
        if "est_tokens" not in cols and tokens_of is None:
            tokens_of = _corpus_tokens(run_dir)
        for batch in pf.iter_batches(columns=cols):
            for r in batch.to_pylist():
                if tokens_of is not None:
                    r["est_tokens"] = tokens_of.get(r["record_id"], 0)
                c.update(decision_counts(r))  # a Parquet row of decisions/
                if r["dup_cluster"]:
                    clusters.append(r["dup_cluster"])
    for kind, col in (("pii", "entity_type"), ("copyright", "marker_class")):
        for rel in parquet_files(run_dir, kind):
            t = pq.read_table(os.path.join(run_dir, rel), columns=["source_id", col])
            for sid, v in zip(t.column("source_id").to_pylist(), t.column(col).to_pylist(), strict=True):
                c.update(finding_counts(sid, [v], ()) if kind == "pii" else finding_counts(sid, (), [v]))
    for _, entries in read_dead(run_dir):
        for e in entries:
            c.update(dead_counts(e["source_id"], e["reason"]))
    c.update(cluster_size_counts(clusters))
    return c


def _corpus_tokens(run_dir: str) -> dict[str, int]:
    log.warning("%s: decisions/ has no est_tokens column (a run made before it existed); token counts are "
                "estimated from the masked corpus text", run_dir)
    out: dict[str, int] = {}
    for rel in parquet_files(run_dir, "corpus"):
        t = pq.read_table(os.path.join(run_dir, rel), columns=["record_id", "text"])
        for rid, text in zip(t.column("record_id").to_pylist(), t.column("text").to_pylist(), strict=True):
            out[rid] = estimate_tokens(text)
    return out


def sum_counts(ds: Iterable[Mapping[str, int]]) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for d in ds:
        for k, v in d.items():
            out[k] += v
    return dict(sorted(out.items()))
