"""Readers turn every input unit into a record or a dead-letter entry with a reason; they never raise."""

from __future__ import annotations

import gzip
import io
import json

import pyarrow as pa
import pyarrow.parquet as pq

from corpusgov.readers import Dead, FieldMapping, Parsed, ReadLimits, read_any

F = FieldMapping("text", "id")
L = ReadLimits(max_record_bytes=1000, max_line_bytes=5000, max_json_depth=20)


def _read(fmt: str, data: bytes, uri: str = "x", limits: ReadLimits = L) -> list[Parsed | Dead]:
    return list(read_any(fmt, io.BytesIO(data), uri, F, limits))


def _reasons(items: list[Parsed | Dead]) -> list[str]:
    return [i.reason if isinstance(i, Dead) else "ok" for i in items]


def test_jsonl_hostile_lines() -> None:
    lines = [
        "\ufeff" + json.dumps({"id": 1, "text": "first, after a BOM"}),
        json.dumps({"id": 2, "text": "crlf line"}) + "\r",
        '{"id": 3, "text": "bad \xff utf8"}',
        '{"id": 4, "text": "has \\u0000 nul"}',
        "[" * 50 + "]" * 50,
        '{"id": 6, "text": "a", "text": "b"}',
        '{"id": 7, "text": 42}',
        '{"id": 8}',
        '{"id": 9, "text": "   "}',
        json.dumps({"id": 10, "text": "x" * 2000}),
        "x" * 6000,
        "not json",
        '"just a string"',
        "",
        json.dumps({"id": 14, "text": "last"}),
    ]
    data = "\n".join(lines).encode("utf-8", "surrogateescape").replace(b"\xc3\xbf", b"\xff")
    items = _read("jsonl", data)
    assert _reasons(items) == [
        "ok", "ok", "invalid_utf8", "nul_in_text", "json_too_deep", "duplicate_json_key", "text_not_string",
        "missing_text", "empty_text", "record_too_large", "line_too_long", "invalid_json", "not_an_object", "ok",
    ]
    assert [i.index for i in items] == list(range(14))  # blank lines are not records; indices stay dense
    assert items[0].text == "first, after a BOM" and items[1].text == "crlf line"


def test_truncated_gzip_keeps_what_was_read() -> None:
    body = "".join(json.dumps({"id": i, "text": f"doc {i} " * 30}) + "\n" for i in range(200)).encode()
    gz = gzip.compress(body)
    items = _read("jsonl", gz[: len(gz) // 2], uri="f.jsonl.gz")
    ok = [i for i in items if isinstance(i, Parsed)]
    assert 0 < len(ok) < 200
    assert isinstance(items[-1], Dead) and items[-1].reason == "file_truncated"


def test_text_files() -> None:
    assert _reasons(_read("text", b"")) == ["empty_file"]
    assert _reasons(_read("text", b"\xef\xbb\xbfhello\r\nworld")) == ["ok"]
    assert _read("text", b"hello\r\nworld")[0].text == "hello\nworld"
    assert _reasons(_read("text", b"a" * 5000)) == ["record_too_large"]
    assert _reasons(_read("text", b"\xff\xfe")) == ["invalid_utf8"]


def test_csv() -> None:
    data = "text,id\nhello,1\n\"multi\nline\",2\nonly-one-column\nbad \xff,4\n".encode("latin-1")
    assert _reasons(_read("csv", data)) == ["ok", "ok", "csv_column_count", "invalid_utf8"]


def test_parquet_unexpected_schema_dead_letters_every_row() -> None:
    buf = io.BytesIO()
    pq.write_table(pa.table({"body": ["a", "b", "c"]}), buf)
    items = _read("parquet", buf.getvalue())
    assert _reasons(items) == ["missing_text"] * 3
    buf = io.BytesIO()
    pq.write_table(pa.table({"text": ["fine", None, "also fine"], "id": [1, 2, 3]}), buf)
    assert _reasons(_read("parquet", buf.getvalue())) == ["ok", "text_not_string", "ok"]
    assert _reasons(_read("parquet", b"PAR1 not really")) == ["invalid_parquet"]


def test_json_depth_bound_fast_path_equals_byte_loop() -> None:
    """The bracket-count shortcut in `_json_depth_ok` gives the byte loop's answer (brackets inside strings,
    escapes, limits at and around the count)."""
    import random

    from corpusgov.readers import _json_depth_ok

    def loop(line: bytes, limit: int) -> bool:
        depth, in_str, esc = 0, False, False
        for b in line:
            if in_str:
                if esc:
                    esc = False
                elif b == 0x5C:
                    esc = True
                elif b == 0x22:
                    in_str = False
            elif b == 0x22:
                in_str = True
            elif b in (0x7B, 0x5B):
                depth += 1
                if depth > limit:
                    return False
            elif b in (0x7D, 0x5D):
                depth -= 1
        return True

    rng = random.Random(7)
    alphabet = b'{}[]"\\ax'
    results = set()
    for _ in range(3000):
        line = bytes(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        limit = rng.randint(0, 8)
        assert _json_depth_ok(line, limit) == loop(line, limit), (line, limit)
        results.add(loop(line, limit))
    assert results == {True, False}  # both answers were exercised
