"""Reader-level hostile inputs (fast): each input class becomes records or reasoned dead-letter entries,
limits are configurable, over-long lines are skipped in bounded memory, metadata is always plain JSON."""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import gzip
import io
import json
import tracemalloc
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from corpusgov.config import ConfigError, Limits
from corpusgov.readers import Dead, FieldMapping, Parsed, ReadLimits, encode_raw, json_safe, read_any

F = FieldMapping("text", "id", metadata=["meta"])


def _read(fmt: str, data: bytes, uri: str = "x", limits: ReadLimits | None = None) -> list[Parsed | Dead]:
    return list(read_any(fmt, io.BytesIO(data), uri, F, limits or ReadLimits()))


def _reasons(items: list[Parsed | Dead]) -> list[str]:
    return [i.reason if isinstance(i, Dead) else "ok" for i in items]


def test_bare_cr_separates_jsonl_records_but_cr_whitespace_inside_one_record_does_not() -> None:
    data = b'{"id": 1, "text": "a"}\r{"id": 2, "text": "b"}\r\r{"id": 3, "text": "c"}\r'
    items = _read("jsonl", data)
    assert [i.text for i in items] == ["a", "b", "c"] and [i.index for i in items] == [0, 1, 2]
    one = _read("jsonl", b'{"id": 1,\r "text": "a"}\n{"id": 2, "text": "b"}\n')
    assert [i.text for i in one] == ["a", "b"]


@pytest.mark.parametrize("fmt,data", [
    ("jsonl", b'{"text": "line one\\r\\nline two\\rthree"}\n'),
    ("csv", b'text\r\n"line one\r\nline two\rthree"\r\n'),
    ("text", b"line one\r\nline two\rthree"),
])
def test_line_endings_are_normalised_in_every_format(fmt: str, data: bytes) -> None:
    (item,) = _read(fmt, data)
    assert item.text == "line one\nline two\nthree"


@pytest.mark.parametrize("fmt,data", [
    ("jsonl", b""), ("jsonl", b"\n\n  \n"), ("csv", b""), ("text", b""),
])
def test_empty_files_are_dead_lettered_not_silent(fmt: str, data: bytes) -> None:
    assert _reasons(_read(fmt, data)) == ["empty_file"]


def test_zero_byte_gzip_and_not_gzip_and_truncated_gzip() -> None:
    assert _reasons(_read("jsonl", b"", uri="f.jsonl.gz")) == ["empty_file"]
    assert _reasons(_read("jsonl", b'{"text": "plain"}\n', uri="f.jsonl.gz")) == ["invalid_gzip"]
    body = b"".join(json.dumps({"text": f"doc {i} " * 20}).encode() + b"\n" for i in range(100))
    gz = gzip.compress(body, mtime=0)
    items = _read("jsonl", gz[: len(gz) // 2], uri="f.jsonl.gz")
    assert items[-1].reason == "file_truncated" and all(isinstance(i, Parsed) for i in items[:-1])
    corrupt = gz[:40] + bytes(b ^ 0xFF for b in gz[40:80]) + gz[80:]
    assert _reasons(_read("jsonl", corrupt, uri="f.jsonl.gz"))[-1] in ("invalid_gzip", "file_truncated")
    assert _reasons(_read("text", gz[:30], uri="f.txt.gz")) == ["file_truncated"]
    assert _reasons(_read("csv", gz[:30], uri="f.csv.gz"))[-1] == "file_truncated"


def test_limits_are_configurable() -> None:
    line = json.dumps({"text": "x" * 1000}).encode() + b"\n"
    assert _reasons(_read("jsonl", line, limits=ReadLimits(max_line_bytes=500))) == ["line_too_long"]
    assert _reasons(_read("jsonl", line, limits=ReadLimits(max_record_bytes=999))) == ["record_too_large"]
    assert _reasons(_read("jsonl", line, limits=ReadLimits(max_record_bytes=1000))) == ["ok"]
    deep = b'{"text": "a", "m": ' + b"[" * 30 + b"]" * 30 + b"}"
    assert _reasons(_read("jsonl", deep, limits=ReadLimits(max_json_depth=20))) == ["json_too_deep"]
    assert _reasons(_read("jsonl", deep, limits=ReadLimits(max_json_depth=40))) == ["ok"]
    # The policy model carries the same knobs, and the reader accepts exactly its fields.
    assert ReadLimits(**Limits().model_dump()) == ReadLimits()


def test_very_deep_json_never_overflows_the_stack_even_with_a_huge_depth_limit() -> None:
    deep = b"[" * 5_000 + b"]" * 5_000  # deeper than Python's recursion limit, within the configured one
    assert _reasons(_read("jsonl", deep, limits=ReadLimits(max_json_depth=10_000, max_line_bytes=10**6))) == [
        "invalid_json"]


def test_a_50_mb_single_line_is_skipped_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    with path.open("wb") as f:
        f.write(b'{"text": "before"}\n{"text": "')
        chunk = b"y" * (1 << 20)
        for _ in range(50):
            f.write(chunk)
        f.write(b'"}\n{"text": "after"}\n')
    limits = ReadLimits(max_line_bytes=1 << 20)
    tracemalloc.start()
    try:
        with path.open("rb") as f:
            items = list(read_any("jsonl", f, str(path), F, limits))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert _reasons(items) == ["ok", "line_too_long", "ok"]
    assert items[1].raw_size > 50 * (1 << 20) and items[2].text == "after" and items[2].index == 2
    assert peak < 8 * (1 << 20), peak  # the 50 MB line is never held: a few 1 MiB chunks at most


def test_csv_row_over_the_field_limit_is_dead_and_reading_resumes() -> None:
    data = b"text,id\nfirst,1\n" + b"z" * (3 << 20) + b",2\nthird,3\n"
    items = _read("csv", data, limits=ReadLimits(max_line_bytes=1 << 20))
    assert _reasons(items) == ["ok", "invalid_csv", "ok"]
    assert items[2].text == "third"


def test_csv_duplicate_header_and_header_only() -> None:
    assert _reasons(_read("csv", b"text,text\na,b\n")) == ["csv_duplicate_column"]
    assert _read("csv", b"text,id\n") == []  # a valid, empty table


def test_dead_letter_raw_bytes_are_capped_by_configuration() -> None:
    bad = b'{"text": "x", "text": "y", "contact": "13800000000"}'
    (d0,) = _read("jsonl", bad, limits=ReadLimits(deadletter_raw_bytes=0))
    assert d0.raw == b"" and d0.raw_size == len(bad)  # 0: no raw copy
    (dd,) = _read("jsonl", bad, limits=ReadLimits())
    assert dd.raw == bad  # default: up to 64 KiB kept for debugging
    (d1,) = _read("jsonl", bad, limits=ReadLimits(deadletter_raw_bytes=10))
    assert d1.raw == bad[:10] and d1.raw_size == len(bad)
    assert encode_raw(bad, 10) == {"raw_b64": base64.b64encode(bad[:10]).decode(), "raw_truncated": True}
    assert "13800000000" not in d0.detail and "text" not in d0.detail


def test_non_string_ids_and_odd_metadata_become_plain_json() -> None:
    items = _read("jsonl", b'{"text": "a", "id": {"k": [1, 2]}, "meta": [NaN, Infinity, -Infinity, 1e400]}\n'
                           b'{"text": "b", "id": 7, "meta": {"nested": {"x": null}}}\n')
    assert [i.source_record_id for i in items] == ['{"k": [1, 2]}', "7"]
    assert items[0].metadata == {"meta": ["nan", "inf", "-inf", "inf"]}
    json.dumps(items[0].metadata, allow_nan=False)
    v = json_safe({"b": b"\x00", "t": dt.datetime(2024, 1, 2, 3, 4, 5), "d": decimal.Decimal("1.50"),
                   1: (1, 2), "o": object})
    assert v["b"] == "base64:AA==" and v["t"] == "2024-01-02T03:04:05" and v["d"] == "1.50" and v["1"] == [1, 2]
    json.dumps(v, allow_nan=False)


def test_parquet_unexpected_types_never_crash() -> None:
    def pq_bytes(t: pa.Table) -> bytes:
        buf = io.BytesIO()
        pq.write_table(t, buf)
        return buf.getvalue()

    t = pa.table({"text": pa.array([{"a": "x"}, None]), "id": [1, 2]})
    assert _reasons(_read("parquet", pq_bytes(t))) == ["text_not_string", "text_not_string"]
    t = pa.table({"text": pa.array(["a", "b"]).dictionary_encode(), "meta": pa.array([[1.0, float("nan")], None])})
    items = _read("parquet", pq_bytes(t))
    assert [i.text for i in items] == ["a", "b"] and items[0].metadata == {"meta": [1.0, "nan"]}
    assert _reasons(_read("parquet", b"")) == ["invalid_parquet"]
    good = pq_bytes(pa.table({"text": ["a"] * 100}))
    assert _reasons(_read("parquet", good[:-20])) == ["invalid_parquet"]


def test_config_rejects_limits_and_input_options_that_would_misbehave() -> None:
    from pydantic import ValidationError

    from corpusgov.config import Inputs

    for bad in ({"max_json_depth": 0}, {"max_json_depth": 100_000}, {"deadletter_raw_bytes": -1},
                {"deadletter_raw_bytes": 1 << 20}, {"max_line_bytes": 0}):
        with pytest.raises(ValidationError):
            Limits(**bad)
    for bad in ({"csv_delimiter": ";;"}, {"csv_delimiter": '"'}, {"csv_delimiter": ""}, {"encoding": "gbk"},
                {"encoding": "no-such-codec"}):
        with pytest.raises(ValidationError):
            Inputs(paths=["x"], format="csv", **bad)
    assert Inputs(paths=["x"], format="csv", encoding="UTF-8", csv_delimiter="\t").csv_delimiter == "\t"
    assert issubclass(ConfigError, Exception)
