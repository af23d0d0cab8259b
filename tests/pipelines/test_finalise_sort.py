"""finalise reads a shard's annotated rows in the order of sorting the whole shard, one bucket at a time."""

from __future__ import annotations

import os
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


def _open_spill_files(spill: Path) -> int:
    """Descriptors of this process open on a file under `spill` (Linux /proc)."""
    n = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            n += os.readlink(f"/proc/self/fd/{fd}").startswith(str(spill))
        except OSError:  # closed meanwhile (the listing's own descriptor)
            pass
    return n


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="counts open descriptors through /proc")
@pytest.mark.parametrize(("spill_rows", "max_files"), [(7, 64), (64, 64), (10_000, 64), (7, 4), (16, 3)])
def test_buckets_give_the_stable_sort_of_the_concatenated_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                spill_rows: int, max_files: int) -> None:
    monkeypatch.setattr(finalise, "SPILL_ROWS", spill_rows)
    monkeypatch.setattr(finalise, "MAX_SPILL_FILES", max_files)
    monkeypatch.setattr(finalise, "FLUSH_ROWS", 16)
    spill = tmp_path / "spill"
    most_open = [0]
    real_write = pa.ipc.RecordBatchStreamWriter.write_batch

    def write_batch(self: pa.ipc.RecordBatchStreamWriter, batch: pa.RecordBatch, *a: object) -> None:
        most_open[0] = max(most_open[0], _open_spill_files(spill))
        real_write(self, batch, *a)

    monkeypatch.setattr(pa.ipc.RecordBatchStreamWriter, "write_batch", write_batch)
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
    batches = list(finalise.sorted_batches(list(reversed(paths)), str(spill)))
    got = [r for b in batches for r in b.to_pylist()]
    assert len(want) == k > 200 and len({r["record_id"] for r in want}) < k
    assert got == want
    assert max(b.num_rows for b in batches) <= 16
    size = finalise.bucket_rows(k)
    assert size % spill_rows == 0 and -(-k // size) <= max_files
    assert 0 < most_open[0] <= min(max_files, -(-k // spill_rows))  # spill files open at once during the write
    if spill_rows % 16 == 0:  # buckets of a multiple of FLUSH_ROWS: batches start at multiples of FLUSH_ROWS
        assert [b.num_rows for b in batches[:-1]] == [16] * (len(batches) - 1)
    assert not spill.exists()  # the spill files are removed


def test_bucket_size_grows_with_the_shard_beyond_the_fan_out() -> None:
    assert finalise.bucket_rows(1) == finalise.bucket_rows(55_000) == finalise.SPILL_ROWS  # the bench's 64 MB shards
    limit = finalise.SPILL_ROWS * finalise.MAX_SPILL_FILES
    assert finalise.bucket_rows(limit) == finalise.SPILL_ROWS
    assert finalise.bucket_rows(limit + 1) == 2 * finalise.SPILL_ROWS
    for n in (limit + 1, 3_000_000, 10**8):
        size = finalise.bucket_rows(n)
        assert size % finalise.FLUSH_ROWS == 0 and -(-n // size) <= finalise.MAX_SPILL_FILES
        assert -(-n // (size - finalise.SPILL_ROWS)) > finalise.MAX_SPILL_FILES  # the smallest such size


def test_no_parts_no_rows_and_another_schema_is_refused(tmp_path: Path) -> None:
    assert list(finalise.sorted_batches([], str(tmp_path / "s"))) == []
    path = tmp_path / "f000000.parquet"
    pq.write_table(pa.table({"record_id": ["a"]}), path)
    with pytest.raises(StageError, match="annotated schema"):
        list(finalise.sorted_batches([str(path)], str(tmp_path / "s")))
