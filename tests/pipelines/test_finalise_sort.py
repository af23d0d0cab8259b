"""finalise reads a shard's annotated rows in the order of sorting the whole shard, one bucket at a time."""

from __future__ import annotations

import random
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from corpusgov.pipelines import finalise
from corpusgov.pipelines.annotated import ANNOTATED_SCHEMA
from corpusgov.pipelines.tasks import StageError


def _row(rid: str, k: int) -> dict:
    row = {f.name: None for f in ANNOTATED_SCHEMA}
    return {**row, "record_id": rid, "text": f"text {k}", "origin_index": k, "pii": [], "copyright": []}


@pytest.mark.parametrize("spill_rows", [7, 64, 10_000])
def test_buckets_give_the_stable_sort_of_the_concatenated_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                spill_rows: int) -> None:
    monkeypatch.setattr(finalise, "SPILL_ROWS", spill_rows)
    monkeypatch.setattr(finalise, "FLUSH_ROWS", 16)
    rng = random.Random(3)
    ids = [f"{rng.getrandbits(32):08x}" for _ in range(300)]
    ids += ids[:40]  # the same record id in several parts: ties keep part order, then file order
    rng.shuffle(ids)
    paths, k = [], 0
    for p in range(4):
        n = 0 if p == 2 else rng.randint(40, 140)
        rows = [_row(rid, k + i) for i, rid in enumerate(ids[k : k + n])]
        k += n
        path = tmp_path / f"f{p:06d}.parquet"
        with pq.ParquetWriter(path, ANNOTATED_SCHEMA) as w:  # several row groups per part
            for i in range(0, len(rows), 30):
                w.write_table(pa.Table.from_pylist(rows[i : i + 30], schema=ANNOTATED_SCHEMA))
        paths.append(str(path))
    want = pa.concat_tables([pq.read_table(p) for p in paths]).sort_by("record_id").to_pylist()
    spill = tmp_path / "spill"
    batches = list(finalise.sorted_batches(list(reversed(paths)), str(spill)))
    got = [r for b in batches for r in b.to_pylist()]
    assert len(want) == k > 200 and len({r["record_id"] for r in want}) < k
    assert got == want
    assert max(b.num_rows for b in batches) <= 16
    assert not spill.exists()  # the spill files are removed


def test_no_parts_no_rows_and_another_schema_is_refused(tmp_path: Path) -> None:
    assert list(finalise.sorted_batches([], str(tmp_path / "s"))) == []
    path = tmp_path / "f000000.parquet"
    pq.write_table(pa.table({"record_id": ["a"]}), path)
    with pytest.raises(StageError, match="annotated schema"):
        list(finalise.sorted_batches([str(path)], str(tmp_path / "s")))
