"""Pure readers for the input formats: each yields parsed records or dead-letter entries, never raises.

A reader streams one file (JSONL plain or gzip, Parquet, CSV, plain text) and turns every input unit into
either a `Parsed` record or a `Dead` entry with a reason code and its location, so the run can account for
every record: read = kept + dropped + dead-lettered. Nothing here imports Beam; `pipelines/ingest.py` wraps it.
"""

from __future__ import annotations

import base64
import csv
import datetime as _dt
import decimal
import gzip
import io
import json
import math
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

DEADLETTER_RAW_LIMIT = 64 * 1024
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class ReadLimits:
    max_record_bytes: int = 1_000_000
    max_line_bytes: int = 8_000_000
    max_json_depth: int = 64
    # Bytes of a bad record's raw input copied into its dead-letter entry. 0 (the default) copies none: the
    # raw bytes are unscanned input and may carry personal information; origin_key + origin_index locate it.
    deadletter_raw_bytes: int = 65536


@dataclass(frozen=True)
class Parsed:
    index: int
    text: str
    source_record_id: str | None
    metadata: dict[str, Any]
    url: str | None = None


@dataclass(frozen=True)
class Dead:
    index: int | None
    reason: str
    detail: str
    raw: bytes = b""
    raw_size: int = 0


def encode_raw(raw: bytes, limit: int = DEADLETTER_RAW_LIMIT) -> dict[str, Any]:
    """Dead-letter payload: base64 of at most `limit` bytes (and never more than DEADLETTER_RAW_LIMIT)."""
    limit = max(0, min(limit, DEADLETTER_RAW_LIMIT))
    return {
        "raw_b64": base64.b64encode(raw[:limit]).decode("ascii"),
        "raw_truncated": len(raw) > limit,
    }


def json_safe(value: Any, _depth: int = 0) -> Any:
    """Metadata as plain JSON: Parquet/JSON values such as bytes, timestamps, decimals, NaN become strings.

    Downstream writes metadata with `json.dumps`; one timestamp column must not fail the whole run, and NaN
    would make the written JSON invalid.
    """
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if _depth > 64:
        return str(value)[:1000]
    if isinstance(value, dict):
        return {str(k): json_safe(v, _depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v, _depth + 1) for v in value]
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "base64:" + base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return str(value)


def _json_depth_ok(line: bytes, limit: int) -> bool:
    """Cheap upper bound on nesting depth (counts brackets outside strings) before json.loads recurses."""
    if line.count(b"{") + line.count(b"[") <= limit:  # all opening brackets, in strings or not: depth <= limit
        return True  # (in C: the byte loop below costs ~40 us per 1 KB line)
    depth = 0
    in_str = False
    esc = False
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


class _DuplicateKey(ValueError):
    pass


def _no_dup_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in pairs:
        if k in out:
            raise _DuplicateKey(k)
        out[k] = v
    return out


class FieldMapping:
    """Which input fields hold the text, the id, the URL and the metadata to keep."""

    def __init__(self, text: str, id: str | None = None, metadata: list[str] | None = None,
                 url: str | None = None) -> None:
        self.text = text
        self.id = id
        self.metadata = list(metadata or [])
        self.url = url

    def extract(self, obj: Any, index: int, limits: ReadLimits, raw: bytes) -> Parsed | Dead:
        if not isinstance(obj, dict):
            return Dead(index, "not_an_object", f"expected an object, got {type(obj).__name__}", raw, len(raw))
        if self.text not in obj:
            return Dead(index, "missing_text", f"field {self.text!r} is missing", raw, len(raw))
        text = obj[self.text]
        if not isinstance(text, str):
            return Dead(index, "text_not_string", f"field {self.text!r} is {type(text).__name__}", raw, len(raw))
        return self._finish(obj, text, index, limits, raw)

    def _finish(self, obj: dict[str, Any], text: str, index: int, limits: ReadLimits, raw: bytes) -> Parsed | Dead:
        # One line-ending convention in every format, so CRLF and LF copies hash and deduplicate alike.
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        if not text.strip():
            return Dead(index, "empty_text", f"field {self.text!r} is empty", raw, len(raw))
        if "\x00" in text:
            return Dead(index, "nul_in_text", "text contains NUL characters", raw, len(raw))
        try:
            nbytes = len(text.encode("utf-8"))
        except UnicodeEncodeError:
            return Dead(index, "invalid_unicode", "text contains lone surrogates", raw, len(raw))
        if nbytes > limits.max_record_bytes:
            return Dead(index, "record_too_large", f"{nbytes} bytes > limit {limits.max_record_bytes}", raw, len(raw))
        rid = None
        if self.id is not None and obj.get(self.id) is not None:
            v = obj[self.id]
            if isinstance(v, (dict, list, tuple)):  # structured ids as canonical JSON, scalars as before
                rid = json.dumps(json_safe(v), ensure_ascii=False, sort_keys=True)
            else:
                rid = v if isinstance(v, str) else str(v)
        meta = {k: json_safe(obj[k]) for k in self.metadata if k in obj}
        url = None
        if self.url is not None and isinstance(obj.get(self.url), str):
            url = obj[self.url]
        return Parsed(index, text, rid, meta, url)


def _iter_lines(f: BinaryIO, max_line: int) -> Iterator[tuple[bytes | None, int]]:
    """Yield (line, size) without holding an over-long line: such a line yields (None, size)."""
    while True:
        line = f.readline(max_line + 1)
        if not line:
            return
        if len(line) > max_line and not line.endswith(b"\n"):
            size = len(line)
            while True:  # skip the rest of the over-long line in bounded chunks
                chunk = f.readline(1 << 20)
                size += len(chunk)
                if not chunk or chunk.endswith(b"\n"):
                    break
            yield None, size
            continue
        yield line, len(line)


def _stream_error(e: BaseException, index: int, unit: str) -> Dead:
    """A stream that fails mid-read: truncated (EOF) vs not decodable at all (bad gzip header / data)."""
    reason = "file_truncated" if isinstance(e, EOFError) else (
        "invalid_gzip" if isinstance(e, (gzip.BadGzipFile, zlib.error)) else "read_error")
    return Dead(index, reason, f"stopped after {index} {unit}: {type(e).__name__}: {str(e)[:200]}")


def read_jsonl(f: BinaryIO, fields: FieldMapping, limits: ReadLimits) -> Iterator[Parsed | Dead]:
    index = 0
    first = True
    try:
        for line, size in _iter_lines(f, limits.max_line_bytes):
            if line is None:
                yield Dead(index, "line_too_long", f"{size} bytes > limit {limits.max_line_bytes}", b"", size)
                index += 1
                first = False
                continue
            if first and line.startswith(_BOM):
                line = line[len(_BOM):]
            first = False
            stripped = line.rstrip(b"\r\n")
            if not stripped.strip():
                continue  # blank lines are not records
            for part in _cr_split(stripped, limits):
                yield _parse_json_line(part, index, fields, limits)
                index += 1
    except (EOFError, OSError, zlib.error) as e:
        yield _stream_error(e, index, "lines")
        return
    if index == 0:
        yield Dead(None, "empty_file", "no records: the file is empty or holds only blank lines")


def _cr_split(line: bytes, limits: ReadLimits) -> list[bytes]:
    """Bare CR as a line separator (old Mac files): split only when the whole line is not one JSON value.

    A raw CR can only be whitespace between JSON tokens (inside strings it must be escaped), so a line that
    parses as a whole is kept whole, and one that does not is split on CR into its records.
    """
    if b"\r" not in line:
        return [line]
    parts = [p for p in line.split(b"\r") if p.strip()]
    if len(parts) <= 1:
        return parts or [line]
    if _json_depth_ok(line, limits.max_json_depth):
        try:
            json.loads(line)
            return [line]
        except (ValueError, RecursionError):
            pass
    return parts


def _parse_json_line(line: bytes, index: int, fields: FieldMapping, limits: ReadLimits) -> Parsed | Dead:
    try:
        s = line.decode("utf-8")
    except UnicodeDecodeError as e:
        return Dead(index, "invalid_utf8", f"byte {e.start}: {e.reason}", line, len(line))
    if not _json_depth_ok(line, limits.max_json_depth):
        return Dead(index, "json_too_deep", f"nesting deeper than {limits.max_json_depth}", line, len(line))
    try:
        obj = json.loads(s, object_pairs_hook=_no_dup_pairs)
    except _DuplicateKey as e:
        # The key itself is corpus content (it may be markup or personal information): give its length only.
        return Dead(index, "duplicate_json_key", f"a key of {len(str(e))} characters appears twice", line, len(line))
    except (ValueError, RecursionError) as e:
        return Dead(index, "invalid_json", str(e)[:200], line, len(line))
    return fields.extract(obj, index, limits, line)


def read_text_file(f: BinaryIO, fields: FieldMapping, limits: ReadLimits) -> Iterator[Parsed | Dead]:
    rest = 0
    try:
        data = f.read(limits.max_record_bytes + len(_BOM) + 1)
        while True:
            chunk = f.read(1 << 20)
            if not chunk:
                break
            rest += len(chunk)
    except (EOFError, OSError, zlib.error) as e:
        yield _stream_error(e, 0, "bytes")
        return
    if data.startswith(_BOM):
        data = data[len(_BOM):]
    if rest or len(data) > limits.max_record_bytes:
        yield Dead(0, "record_too_large", f"file exceeds limit {limits.max_record_bytes}", data, len(data) + rest)
        return
    if not data:
        yield Dead(0, "empty_file", "zero-byte text file")
        return
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        yield Dead(0, "invalid_utf8", f"byte {e.start}: {e.reason}", data, len(data))
        return
    yield fields._finish({}, text, 0, limits, data)


def read_csv(f: BinaryIO, fields: FieldMapping, limits: ReadLimits, delimiter: str = ",") -> Iterator[Parsed | Dead]:
    csv.field_size_limit(max(limits.max_line_bytes, 1 << 20))
    index = 0
    try:
        head = f.read(len(_BOM))
        prefix = b"" if head == _BOM else head
        text_stream = io.TextIOWrapper(io.BufferedReader(_Prefixed(prefix, f)), encoding="utf-8", errors="surrogateescape", newline="")
        reader = csv.reader(text_stream, delimiter=delimiter)
        header = next(reader, None)
    except csv.Error as e:
        yield Dead(None, "invalid_csv", f"header row: {str(e)[:200]}")
        return
    except (EOFError, OSError, zlib.error) as e:
        yield _stream_error(e, 0, "rows")
        return
    if header is None:
        yield Dead(None, "empty_file", "no header row: the file is empty")
        return
    dup_header = len(set(header)) != len(header)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as e:  # e.g. a field over the size limit: this row is dead, the reader resumes
            yield Dead(index, "invalid_csv", f"row {index}: {str(e)[:200]}")
            index += 1
            continue
        except (EOFError, OSError, zlib.error) as e:
            yield _stream_error(e, index, "rows")
            return
        if not row or all(not c.strip() for c in row):
            continue
        raw = delimiter.join(row).encode("utf-8", "surrogateescape")
        if any("\udc80" <= ch <= "\udcff" for c in row for ch in c):
            yield Dead(index, "invalid_utf8", "row contains bytes that are not UTF-8", raw, len(raw))
        elif len(row) != len(header):
            yield Dead(index, "csv_column_count", f"{len(row)} columns, header has {len(header)}", raw, len(raw))
        elif dup_header:
            yield Dead(index, "csv_duplicate_column", "the header names a column twice", raw, len(raw))
        else:
            yield fields.extract(dict(zip(header, row, strict=True)), index, limits, raw)
        index += 1


class _Prefixed(io.RawIOBase):
    """A binary stream that first returns `prefix`, then the rest of `f`."""

    def __init__(self, prefix: bytes, f: BinaryIO) -> None:
        self._prefix = prefix
        self._f = f

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        if self._prefix:
            n = min(len(b), len(self._prefix))
            b[:n] = self._prefix[:n]
            self._prefix = self._prefix[n:]
            return n
        data = self._f.read(len(b))
        b[: len(data)] = data
        return len(data)


def read_parquet(f: BinaryIO, fields: FieldMapping, limits: ReadLimits) -> Iterator[Parsed | Dead]:
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(f)
    except Exception as e:  # noqa: BLE001 - any parse failure is a dead-lettered file
        yield Dead(None, "invalid_parquet", f"{type(e).__name__}: {str(e)[:200]}")
        return
    names = set(pf.schema_arrow.names)
    wanted = [c for c in [fields.text, fields.id, fields.url, *fields.metadata] if c and c in names]
    if fields.text not in names:
        for i in range(pf.metadata.num_rows):
            yield Dead(i, "missing_text", f"Parquet schema has no column {fields.text!r}")
        return
    index = 0
    try:
        for batch in pf.iter_batches(batch_size=4096, columns=sorted(set(wanted))):
            for row in batch.to_pylist():
                raw = json.dumps(row, ensure_ascii=False, default=str).encode("utf-8")
                yield fields.extract(row, index, limits, raw)
                index += 1
    except Exception as e:  # noqa: BLE001
        yield Dead(index, "invalid_parquet", f"stopped after {index} rows: {type(e).__name__}: {str(e)[:200]}")


def open_maybe_gzip(f: BinaryIO, uri: str) -> BinaryIO:
    if uri.endswith(".gz"):
        # GzipFile reads bytes like any binary file; typeshed just does not declare it a BinaryIO.
        return gzip.GzipFile(fileobj=f, mode="rb")  # type: ignore[return-value]
    return f


Reader = Callable[[BinaryIO, FieldMapping, ReadLimits], Iterator[Parsed | Dead]]


def read_any(fmt: str, f: BinaryIO, uri: str, fields: FieldMapping, limits: ReadLimits,
             csv_delimiter: str = ",") -> Iterator[Parsed | Dead]:
    """Dispatch on the configured format; gzip is detected from the `.gz` suffix.

    Dead-letter entries carry at most `limits.deadletter_raw_bytes` of their raw input.
    """
    stream = open_maybe_gzip(f, uri) if fmt in ("jsonl", "csv", "text") else f
    if fmt == "jsonl":
        items = read_jsonl(stream, fields, limits)
    elif fmt == "csv":
        items = read_csv(stream, fields, limits, csv_delimiter)
    elif fmt == "text":
        items = read_text_file(stream, fields, limits)
    elif fmt == "parquet":
        items = read_parquet(stream, fields, limits)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return _cap_raw(items, limits.deadletter_raw_bytes)


def _cap_raw(items: Iterator[Parsed | Dead], keep: int) -> Iterator[Parsed | Dead]:
    for item in items:
        if isinstance(item, Dead) and len(item.raw) > keep:
            item = Dead(item.index, item.reason, item.detail, item.raw[: max(keep, 0)], item.raw_size)
        yield item
