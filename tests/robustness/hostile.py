"""Builds a small hostile corpus: one source per input format, each file holding one class of bad input.

`EXPECTED` says, per source, which dead-letter reasons the run must record and how many good records must
survive ingest; the end-to-end tests compare the run's manifest and tables against it. Planted personal
information (synthetic, seeded values) sits in good records *and* in dead-lettered ones, so the privacy
tests can check that no raw value reaches any output outside `corpus/`.
"""

from __future__ import annotations

import gzip
import io
import json
import random
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import yaml

from corpusgov.quality.pii import synth
from tests.conftest import DEMO_CONFIG

MAX_RECORD = 20_000
MAX_LINE = 200_000
MAX_DEPTH = 16
XSS = '<script>alert("corpusgov-xss")</script><img src=x onerror="alert(1)">'

_rng = random.Random(20240917)
PLANTED = {
    "mobile": synth.cn_mobile(_rng, 0),
    "resident_id": synth.resident_id(_rng),
    "email": synth.email(_rng),
    "mobile_dead": synth.cn_mobile(_rng, 0),
    "email_dead": synth.email(_rng),
}

GOOD_ZH = "今天市政府召开会议，讨论了公共交通、图书馆和公园的改进方案，并决定在下个月公布详细的预算计划。"


_WORDS = ("river", "budget", "library", "garden", "council", "station", "museum", "harbour", "bridge", "school",
          "market", "festival", "hospital", "stadium", "orchard", "factory", "theatre", "village", "tunnel",
          "airport", "forest", "meadow", "castle", "canal", "clinic", "bakery", "college", "island", "valley")


def _doc(i: int, extra: str = "") -> str:
    """A distinct, ordinary English paragraph per index (so no two good records are near duplicates)."""
    r = random.Random(i)
    sentences = [f"The {r.choice(_WORDS)} near the {r.choice(_WORDS)} was discussed by the {r.choice(_WORDS)} "
                 f"committee on day {r.randint(1, 999)}, and the {r.choice(_WORDS)} plan was approved." for _ in range(6)]
    return f"Record {i}. " + " ".join(sentences) + " " + extra


def _jsonl_lines() -> list[bytes]:
    """One line per hostile class, in file order, with the reason each must get (None = parsed)."""
    j = lambda o: json.dumps(o, ensure_ascii=False).encode("utf-8")  # noqa: E731
    return [
        b"\xef\xbb\xbf" + j({"id": "bom", "text": _doc(0)}),                                  # ok (BOM)
        j({"id": "crlf", "text": _doc(1)}) + b"\r",                                          # ok (CRLF)
        b'{"id": "bad-utf8", "text": "phone ' + PLANTED["mobile_dead"].encode() + b' \xff\xfe"}',  # invalid_utf8
        b'{"id": "raw-nul", "text": "a\x00b"}',                                              # invalid_json
        j({"id": "esc-nul", "text": "nul \u0000 inside"}),                                   # nul_in_text
        b'{"a":' * 40 + b"1" + b"}" * 40,                                                    # json_too_deep
        b'{"id": "dup", "text": "x", "text": "y"}',                                          # duplicate_json_key
        j({"id": "int", "text": 42}),                                                        # text_not_string
        j({"id": "list", "text": ["a", "b"]}),                                               # text_not_string
        j({"id": "null", "text": None}),                                                     # text_not_string
        j({"id": "obj", "text": {"x": 1}}),                                                  # text_not_string
        j({"id": "missing", "contact": PLANTED["email_dead"]}),                              # missing_text
        j({"id": "empty", "text": " \t "}),                                                  # empty_text
        b"[1, 2, 3]",                                                                        # not_an_object
        b"{not json",                                                                        # invalid_json
        b'{"id": "surrogate", "text": "lone \\ud800 surrogate"}',                             # invalid_unicode
        j({"id": "big", "text": "y" * (MAX_RECORD + 10)}),                                   # record_too_large
        b'{"id": "long", "text": "' + b"z" * (MAX_LINE + 10) + b'"}',                          # line_too_long
        j({"id": "huge-int", "text": "x", "n": 0}).replace(b"0}", b"9" * 5000 + b"}"),       # invalid_json
        b'{"id": "nan", "text": "' + _doc(2).encode() + b'", "meta": NaN}',                   # ok (NaN metadata)
        j({"id": "pi", "text": _doc(3, f"Call {PLANTED['mobile']} or write to {PLANTED['email']}. "
                                      f"身份证号 {PLANTED['resident_id']}。")}),              # ok (planted PI)
        j({"id": "xss", "text": _doc(4, XSS)}),                                              # ok (markup)
        b'{"id": "xss-key", "text": "x", "' + XSS.replace('"', "'").encode() + b'": 1, "'
        + XSS.replace('"', "'").encode() + b'": 2}',                                        # duplicate_json_key
        j({"id": "zh", "text": GOOD_ZH}),                                                # ok
    ]


JSONL_REASONS = [
    None, None, "invalid_utf8", "invalid_json", "nul_in_text", "json_too_deep", "duplicate_json_key",
    "text_not_string", "text_not_string", "text_not_string", "text_not_string", "missing_text", "empty_text",
    "not_an_object", "invalid_json", "invalid_unicode", "record_too_large", "line_too_long", "invalid_json",
    None, None, None, "duplicate_json_key", None,
]


def _gz_body(n: int, first: int) -> bytes:
    return b"".join(json.dumps({"id": f"gz{i}", "text": _doc(first + i)}).encode() + b"\n"
                    for i in range(n))


def _parquet(table: pa.Table) -> bytes:
    buf = io.BytesIO()
    pq.write_table(table, buf)
    return buf.getvalue()


def write_data(data: Path) -> None:
    """All hostile input files under `data/` (the configured input root)."""
    for sub in ("jsonl", "gz", "csv", "text", "parquet"):
        (data / sub).mkdir(parents=True, exist_ok=True)
    (data / "jsonl" / "lines.jsonl").write_bytes(b"\n".join(_jsonl_lines()) + b"\n\n")
    # Old-Mac line endings: three records separated by bare CR only.
    (data / "jsonl" / "cr_only.jsonl").write_bytes(
        b"\r".join(json.dumps({"id": f"cr{i}", "text": _doc(50 + i)}).encode() for i in range(3)) + b"\r")
    (data / "jsonl" / "zero.jsonl").write_bytes(b"")
    gz = gzip.compress(_gz_body(300, 1000), mtime=0)
    (data / "gz" / "truncated.jsonl.gz").write_bytes(gz[: len(gz) // 2])
    (data / "gz" / "zero.jsonl.gz").write_bytes(b"")
    (data / "gz" / "not_gzip.jsonl.gz").write_bytes(_gz_body(2, 2000))
    (data / "gz" / "good.jsonl.gz").write_bytes(gzip.compress(_gz_body(3, 3000), mtime=0))
    (data / "csv" / "rows.csv").write_bytes(
        b"\xef\xbb\xbftext,id\r\n"
        + f'"{_doc(200)}",c1\r\n'.encode()            # ok, CRLF
        + f'"{_doc(201)}\r\nsecond line",c2\n'.encode()  # ok, CRLF inside a quoted field
        + b"only-one-column\n"                          # csv_column_count
        + b'"bad \xff utf8",c4\n'                        # invalid_utf8
        + b'"nul \x00 inside",c5\n'                      # nul_in_text
        + b'"",c6\n'                                     # empty_text
        + f'"{_doc(202)}",c7\n'.encode()               # ok
    )
    (data / "csv" / "zero.csv").write_bytes(b"")
    (data / "csv" / "header_only.csv").write_bytes(b"text,id\n")
    (data / "text" / "cr_only.txt").write_bytes(_doc(300).encode() + b"\rline two\rline three")
    (data / "text" / "crlf_bom.txt").write_bytes(b"\xef\xbb\xbf" + _doc(301).encode() + b"\r\nline two\r\n")
    (data / "text" / "nul.txt").write_bytes(b"before\x00after")
    (data / "text" / "bad_utf8.txt").write_bytes(b"caf\xe9 " + _doc(302).encode())
    (data / "text" / "zero.txt").write_bytes(b"")
    (data / "text" / "big.txt").write_bytes(b"w" * (MAX_RECORD + 1))
    good = _parquet(pa.table({"text": [_doc(400), _doc(401)], "id": ["p1", "p2"]}))
    (data / "parquet" / "a_good.parquet").write_bytes(good)
    # A file without the text column at all is a configuration error that stops the run (tests/test_operability.py),
    # so the hostile corpus has none.
    (data / "parquet" / "int_text.parquet").write_bytes(_parquet(pa.table({"text": [1, 2], "id": ["i1", "i2"]})))
    (data / "parquet" / "binary_text.parquet").write_bytes(
        _parquet(pa.table({"text": pa.array([b"bytes"], pa.binary()), "id": ["b1"]})))
    (data / "parquet" / "odd_metadata.parquet").write_bytes(_parquet(pa.table({
        "text": [_doc(402)], "id": [{"nested": 1}],
        "ts": pa.array([0], pa.timestamp("s")), "blob": pa.array([b"\x00\xff"], pa.binary()),
        "dec": pa.array([1], pa.decimal128(5, 2)).cast(pa.decimal128(5, 2)),
        "st": pa.array([{"k": [1.5, float("nan")]}]),
    })))
    (data / "parquet" / "zero.parquet").write_bytes(b"")
    (data / "parquet" / "truncated.parquet").write_bytes(good[: len(good) // 2])


# source id -> (glob, format, fields, {reason: count}, parsed records)
SOURCES = {
    "hostile_jsonl": ("data/jsonl/*.jsonl", "jsonl", {"text": "text", "id": "id", "metadata": ["meta"]}),
    "hostile_gz": ("data/gz/*.jsonl.gz", "jsonl", {"text": "text", "id": "id"}),
    "hostile_csv": ("data/csv/*.csv", "csv", {"text": "text", "id": "id"}),
    "hostile_text": ("data/text/*.txt", "text", {"text": "text"}),
    "hostile_parquet": ("data/parquet/*.parquet", "parquet",
                        {"text": "text", "id": "id", "metadata": ["ts", "blob", "dec", "st"]}),
}


def _count(reasons: list[str | None]) -> dict[str, int]:
    out: dict[str, int] = {}
    for r in reasons:
        if r is not None:
            out[r] = out.get(r, 0) + 1
    return out


EXPECTED_DEAD = {
    "hostile_jsonl": {**_count(JSONL_REASONS), "empty_file": 1},
    "hostile_gz": {"file_truncated": 1, "invalid_gzip": 1, "empty_file": 1},
    "hostile_csv": {"csv_column_count": 1, "invalid_utf8": 1, "nul_in_text": 1, "empty_text": 1, "empty_file": 1},
    "hostile_text": {"nul_in_text": 1, "invalid_utf8": 1, "empty_file": 1, "record_too_large": 1},
    "hostile_parquet": {"text_not_string": 3, "invalid_parquet": 2},
}
# Records that must pass ingest (kept or dropped by a later measure, but not dead-lettered).
EXPECTED_PARSED = {
    "hostile_jsonl": JSONL_REASONS.count(None) + 3,  # + the three CR-separated records
    "hostile_gz": 3,  # + however many lines of the truncated file precede the cut (checked separately)
    "hostile_csv": 3,
    "hostile_text": 2,
    "hostile_parquet": 3,
}


def write_config(root: Path, *, keep_pi: bool = True, extra_sources: dict | None = None) -> Path:
    """A run config over the hostile corpus; `keep_pi` makes the consent legal basis keep every PI type."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(DEMO_CONFIG.parent / "lexicon.txt", root / "lexicon.txt")
    pol = yaml.safe_load((DEMO_CONFIG.parent / "policy.yaml").read_text(encoding="utf-8"))
    # deadletter_raw_bytes 0: the privacy checks scan every output but corpus/, and dead-letter raw bytes are
    # unscanned input by design (the default keeps up to 64 KiB of them for debugging).
    pol["limits"] = {"max_record_bytes": MAX_RECORD, "max_line_bytes": MAX_LINE, "max_json_depth": MAX_DEPTH,
                     "deadletter_raw_bytes": 0}
    if keep_pi:
        pol["pii"]["actions"]["consent"] = {"*": "keep"}
    pol["dedup"]["source_priority"] = []
    for rule in pol["quality"]["rules"].values():  # keep short test records: flag, never drop, on quality
        rule["action"] = "flag"
    pol["output"]["target_shard_bytes"] = 1_000_000
    (root / "policy.yaml").write_text(yaml.safe_dump(pol, allow_unicode=True), encoding="utf-8")
    sources = []
    for sid, (glob, fmt, fields) in {**SOURCES, **(extra_sources or {})}.items():
        sources.append({
            "id": sid, "title": f"Hostile input: {sid} {XSS}", "acquisition": "synthetic", "licence": "CC0-1.0",
            "pi_legal_basis": "consent", "languages": ["en", "zh"], "domain": "test",
            "synthetic": {"generator": "tests/robustness/hostile.py"},
            "inputs": {"paths": [glob], "format": fmt, "fields": fields},
        })
    (root / "sources.yaml").write_text(yaml.safe_dump({"version": 1, "sources": sources}, allow_unicode=True),
                                       encoding="utf-8")
    (root / "corpusgov.yaml").write_text(yaml.safe_dump({
        "version": 1, "name": "hostile", "registry": "sources.yaml", "policy": "policy.yaml",
        "input_roots": ["data"]}), encoding="utf-8")
    write_data(root / "data")
    return root / "corpusgov.yaml"
