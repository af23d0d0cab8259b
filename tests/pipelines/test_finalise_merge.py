"""finalise's k-way merge of sorted row groups gives the rows of reading the whole shard and sorting it."""

from __future__ import annotations

import random
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from corpusgov.pipelines.annotated import ANNOTATED_SCHEMA
from corpusgov.pipelines.finalise import merged_rows
from corpusgov.pipelines.tasks import StageError


def _row(rid: str, k: int) -> dict:
    row = {f.name: None for f in ANNOTATED_SCHEMA}
    return {**row, "record_id": rid, "text": f"text {k}", "origin_index": k, "pii": [], "copyright": []}


def _write_part(path: Path, groups: list[list[dict]]) -> None:
    """One row group per list, each sorted by record id (stable), as annotate writes them."""
    with pq.ParquetWriter(path, ANNOTATED_SCHEMA, data_page_size=1024) as w:
        for rows in groups:
            w.write_table(pa.Table.from_pylist(sorted(rows, key=lambda r: r["record_id"]), schema=ANNOTATED_SCHEMA))


def test_merge_equals_stable_sort_of_the_concatenated_parts(tmp_path: Path) -> None:
    rng = random.Random(3)
    ids = [f"{rng.getrandbits(32):08x}" for _ in range(400)]
    ids += ids[:30]  # the same record id in several parts and row groups: ties keep part, group, position
    rng.shuffle(ids)
    paths, k = [], 0
    for p in range(3):
        groups = []
        for _ in range(rng.randint(1, 4)):
            n = rng.randint(0, 60)
            groups.append([_row(rid, k + i) for i, rid in enumerate(ids[k : k + n])])
            k += n
        path = tmp_path / f"f{p:06d}.parquet"
        _write_part(path, groups)
        paths.append(str(path))
    whole = pa.concat_tables([pq.read_table(p) for p in sorted(paths)]).sort_by("record_id").to_pylist()
    got = list(merged_rows(list(reversed(paths))))
    assert len(whole) == k > 100 and len({r["record_id"] for r in whole}) < k
    assert got == whole
    assert [r["record_id"] for r in got] == sorted(r["record_id"] for r in got)


def test_a_part_with_another_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "f000000.parquet"
    pq.write_table(pa.table({"record_id": ["a"]}), path)
    with pytest.raises(StageError, match="annotated schema"):
        list(merged_rows([str(path)]))
