"""`drill.lookup_rows` (drill-down and dashboard snippets) gives the rows a dataset scan with an `isin`
filter gives, reading one output file and one batch at a time (issue 15: the scan read several shards at once)."""

from __future__ import annotations

import random
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from corpusgov import drill
from corpusgov.dashboard.records import kept_snippets


def _table(tmp: Path, shards: int, rows: int) -> list[str]:
    rng = random.Random(5)
    (tmp / "corpus").mkdir()
    ids = []
    for s in range(shards):
        rid = sorted(f"{rng.getrandbits(40):010x}" for _ in range(rows))
        ids += rid
        t = pa.table({"record_id": rid, "text": [f"text of {r} " * rng.randint(1, 5) for r in rid],
                      "lang": [rng.choice(["en", "zh", None]) for _ in rid]})
        pq.write_table(t, tmp / "corpus" / f"part-{s:05d}-of-{shards:05d}.parquet", row_group_size=37)
    return ids


def test_lookup_rows_equals_the_filtered_dataset_scan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(drill, "LOOKUP_BATCH_ROWS", 16)
    ids = _table(tmp_path, 4, 100)
    want_ids = set(random.Random(1).sample(ids, 60)) | {"not-there"}
    files = drill.table_parts(str(tmp_path), "corpus")
    scan = ds.dataset(files, format="parquet").to_table(
        columns=["record_id", "text", "lang"], filter=ds.field("record_id").isin(pa.array(sorted(want_ids))))
    want = {r["record_id"]: r for r in scan.to_pylist()}
    got = drill.lookup_rows(str(tmp_path), "corpus", want_ids, ["text", "lang", "absent_column"])
    assert len(want) == 60
    assert list(got.items()) == list(want.items())  # same rows, same order (files, then rows)
    assert drill.lookup_rows(str(tmp_path), "corpus", set(), ["text"]) == {}
    assert drill.lookup_rows(str(tmp_path), "signatures", want_ids, ["signature"]) == {}  # no such table
    snips = kept_snippets(str(tmp_path), want_ids, lambda text, lang: f"[{lang}] {text}")
    assert list(snips) == list(want)
    assert all(snips[r] == drill.snippet(f"[{row['lang']}] {row['text']}") for r, row in want.items())
