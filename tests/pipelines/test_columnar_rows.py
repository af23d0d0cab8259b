"""The column-wise row paths of annotate and finalise equal the row-dict definitions they replace (issue 15)."""

from __future__ import annotations

import random
import struct

import pyarrow as pa
import pytest

from corpusgov.pipelines.annotated import (
    ANNOTATED_SCHEMA,
    annotated_batch,
    annotated_row,
    batch_records,
    columns_without_nulls,
    signal_rows,
    split_row,
)
from corpusgov.pipelines.finalise import decision_batch
from corpusgov.pipelines.governance import decisions_schema
from corpusgov.pipelines.outputs import ShardSink, sort_key
from corpusgov.quality.copyright import MarkerFinding
from corpusgov.quality.pii.scanner import PiiFinding
from corpusgov.quality.signals import SIGNAL_NAMES


def _signals(rng: random.Random, shape: str) -> dict[str, object]:
    """Signals as annotate sees them: every name in order (computed), a subset (a cached run's non-null
    columns), ints and an int beyond 2**53 (Arrow refuses it; float() does not)."""
    vals = {n: rng.choice([0.0, -0.0, 1.5, rng.random() * 1e6, float(rng.randint(0, 9))]) for n in SIGNAL_NAMES}
    if shape == "subset":
        return {n: v for n, v in vals.items() if rng.random() < 0.7}
    if shape == "ints":
        return {n: (rng.randint(0, 99) if rng.random() < 0.5 else v) for n, v in vals.items()}
    if shape == "huge":
        return {**vals, SIGNAL_NAMES[3]: 2**60 + 1}
    if shape == "reordered":
        return dict(reversed(list(vals.items())))
    return vals


def _record(rng: random.Random, i: int) -> tuple[dict, dict, bytes | None]:
    rid = f"{rng.getrandbits(24):06x}" if i % 5 else f"{rng.getrandbits(64):016x}"  # ids of two lengths
    rec = {"record_id": rid, "source_id": "s", "source_record_id": str(i), "origin_uri": "u", "origin_key": "k",
           "origin_index": i, "file_sha256": "0" * 64, "text": f"text {i}", "content_sha256": "1" * 64,
           "chars": 6, "bytes": 6, "url": None if i % 2 else f"http://x/{i}", "metadata": {"i": i}}
    pii = [PiiFinding("EMAIL_ADDRESS", 0, 3, 0.9, "EmailRecognizer")] if i % 3 == 0 else []
    marks = [MarkerFinding("copyright_notice", 1, 4, 1.0, "r", None, True)] if i % 4 == 0 else []
    return rec, {"lang": "en", "lang_score": 0.5, "lang2": None, "lang2_share": 0.0, "screen_hits": [],
                 "pii": pii, "copyright": marks}, (bytes([i % 256]) * 8 if i % 2 else None)


@pytest.mark.parametrize("shape", ["computed", "subset", "ints", "huge", "reordered"])
def test_annotated_batch_and_batch_records_equal_the_row_dicts(shape: str) -> None:
    rng = random.Random(hash(shape) % 1000)
    recs = []
    for i in range(300):
        rec, ann, sig = _record(rng, i)
        ann["signals"] = _signals(rng, shape)
        recs.append((rec, ann, sig))
    full = pa.RecordBatch.from_pylist([annotated_row(*r) for r in recs], schema=ANNOTATED_SCHEMA)
    got = annotated_batch([annotated_row(*r, signal_columns=False) for r in recs],
                          [r[1]["signals"] for r in recs])
    assert got.equals(full)
    assert list(batch_records(full)) == [split_row(r) for r in full.to_pylist()]


def test_decision_batch_sorts_like_the_rows_and_takes_the_signal_columns() -> None:
    rng = random.Random(5)
    recs = []
    for i in range(200):
        rec, ann, sig = _record(rng, i)
        ann["signals"] = _signals(rng, "subset")
        recs.append((rec, ann, sig))
    batch = pa.RecordBatch.from_pylist([annotated_row(*r) for r in recs], schema=ANNOTATED_SCHEMA)
    schema = decisions_schema()
    base = [f.name for f in schema if not f.name.startswith("q_")]
    full_rows = []
    for row in batch.to_pylist():  # a decision row per record: the base fields and its q_* columns
        d = {n: row.get(n) for n in base}
        d.update({"reasons": [], "pii_types": [], "copyright_classes": [], "text_chars": row["chars"]})
        full_rows.append({**d, **{f"q_{n}": row[f"q_{n}"] for n in SIGNAL_NAMES}})
    key = sort_key(("record_id",))
    want = pa.RecordBatch.from_pylist(sorted(full_rows, key=key), schema=schema)
    rows = [{n: r[n] for n in base} for r in full_rows]
    got = decision_batch(rows, batch, key)
    assert got.equals(want)
    assert [r["record_id"] for r in got.to_pylist()] != batch.column("record_id").to_pylist()  # order changed


def test_extend_batch_refuses_a_merkle_sink_and_another_schema(tmp_path) -> None:
    empty = pa.RecordBatch.from_pylist([], schema=decisions_schema())
    with pytest.raises(ValueError):
        ShardSink(str(tmp_path), "corpus", 0, 1, decisions_schema(), merkle=True).extend_batch(empty)
    plain = ShardSink(str(tmp_path), "decisions", 0, 1, decisions_schema())
    with pytest.raises(ValueError):
        plain.extend_batch(pa.RecordBatch.from_pylist([{"x": 1}]))
    plain.extend_batch(empty)
    assert plain.rows == 0 and plain.close() is None


def _bits(rows: list) -> list:
    return [[None if v is None else struct.pack("<d", v) for v in r] for r in rows]


def test_signal_rows_equal_the_columns_to_pylist() -> None:
    """`signal_rows` (one numpy matrix, ``tolist``) gives the floats of ``to_pylist`` per column, bit for bit
    (NaN, -0.0, infinities, subnormals, 2**53 + 1's neighbours), also on a slice (an offset) and an empty batch;
    a null makes `batch_records` take the column lists (and leave the null out of the row's signals)."""
    rng = random.Random(3)
    special = [float("nan"), -0.0, 0.0, float("inf"), -float("inf"), 5e-324, 2.0**53, 2.0**53 + 2, 1e308]
    cols = {f"q_{n}": pa.array([rng.choice(special) if rng.random() < 0.3 else rng.random() for _ in range(500)],
                               pa.float64()) for n in SIGNAL_NAMES}
    batch = pa.RecordBatch.from_pydict(cols)
    names = list(cols)
    for b in (batch, batch.slice(37, 200), batch.slice(0, 0)):
        want = [list(r) for r in zip(*(b.column(n).to_pylist() for n in names), strict=True)]
        assert columns_without_nulls(b, names)
        assert _bits(signal_rows(b, names)) == _bits(want)
    with_null = pa.RecordBatch.from_pydict({**cols, names[2]: pa.array([None] + [1.0] * 499, pa.float64())})
    assert not columns_without_nulls(with_null, names)


def test_batch_records_with_a_null_signal_and_on_a_slice() -> None:
    rng = random.Random(9)
    recs = []
    for i in range(120):
        rec, ann, sig = _record(rng, i)
        ann["signals"] = _signals(rng, "computed")
        recs.append((rec, ann, sig))
    full = pa.RecordBatch.from_pylist([annotated_row(*r) for r in recs], schema=ANNOTATED_SCHEMA)
    part = full.slice(17, 60)
    assert list(batch_records(part)) == [split_row(r) for r in part.to_pylist()]
    col = ANNOTATED_SCHEMA.get_field_index(f"q_{SIGNAL_NAMES[5]}")
    nulled = full.set_column(col, ANNOTATED_SCHEMA.field(col),
                             pa.array([None if i % 7 == 0 else 0.25 for i in range(120)], pa.float64()))
    got = list(batch_records(nulled))
    assert got == [split_row(r) for r in nulled.to_pylist()]
    assert SIGNAL_NAMES[5] not in got[0][1]["signals"] and got[1][1]["signals"][SIGNAL_NAMES[5]] == 0.25
