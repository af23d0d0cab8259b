"""The table cache returns exactly what the builder returns, and rebuilds whenever a source file changes."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from corpusgov.quality import table_cache
from corpusgov.quality.table_cache import CACHE_ENV, cached_arrays


def _same(a: dict[str, np.ndarray], b: dict[str, np.ndarray]) -> bool:
    return a.keys() == b.keys() and all(
        a[k].dtype == b[k].dtype and a[k].shape == b[k].shape and a[k].tobytes() == b[k].tobytes() for k in a)


def test_hit_miss_and_source_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    src = tmp_path / "table.txt"
    src.write_text("a 1\n", encoding="utf-8")
    calls: list[int] = []

    def build() -> dict[str, np.ndarray]:
        calls.append(1)
        n = len(src.read_text(encoding="utf-8"))
        return {"x": np.arange(n, dtype=np.float64) / 3.0, "s": np.array(["zh", "en"])}

    first = cached_arrays("t", [str(src)], build)
    second = cached_arrays("t", [str(src)], build)
    assert len(calls) == 1 and _same(first, second)
    src.write_text("a 1\nb 2\n", encoding="utf-8")  # new content: a new key, so the builder runs again
    third = cached_arrays("t", [str(src)], build)
    assert len(calls) == 2 and third["x"].shape == (8,)
    assert len(list((tmp_path / "cache").glob("t-*.npz"))) == 2


def test_off_and_unusable_cache_still_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "table.txt"
    src.write_text("x", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, "off")
    assert table_cache.cache_dir() is None
    assert cached_arrays("t", [str(src)], lambda: {"x": np.ones(2)})["x"].tolist() == [1.0, 1.0]
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocker))  # cannot be created as a directory: built, not cached
    assert cached_arrays("t", [str(src)], lambda: {"x": np.zeros(3)})["x"].tolist() == [0.0, 0.0, 0.0]


def test_corrupt_file_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    src = tmp_path / "table.txt"
    src.write_text("x", encoding="utf-8")
    cached_arrays("t", [str(src)], lambda: {"x": np.ones(2)})
    (path,) = tmp_path.glob("t-*.npz")
    path.write_bytes(b"not a zip")
    assert cached_arrays("t", [str(src)], lambda: {"x": np.full(2, 7.0)})["x"].tolist() == [7.0, 7.0]
    assert cached_arrays("t", [str(src)], lambda: {"x": np.zeros(2)})["x"].tolist() == [7.0, 7.0]  # rewritten


def test_han_and_language_tables_equal_built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Read back from the cache, the jieba/OpenCC and langdetect arrays are the builders' arrays bit for bit."""
    from corpusgov.quality import language, naturalness

    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    built = naturalness._build_han_arrays()
    naturalness._han_arrays.cache_clear()
    language._profile_tables.cache_clear()
    try:
        for _ in range(2):  # a miss (writes the file), then a hit (reads it)
            naturalness._han_arrays.cache_clear()
            got = dict(zip(("logf", "simp", "pair_keys", "pair_pmi"), naturalness._han_arrays(), strict=True))
            assert _same(built, got)
        names = sorted(os.listdir(tmp_path))
        assert [n.split("-")[0] for n in names] == ["han_tables"]
        ref = language._build_profile_arrays()
        for _ in range(2):
            language._profile_tables.cache_clear()
            t = language._profile_tables()
            for s in language._SCRIPT_CANDIDATES:
                assert _same({"c": ref[f"cols_{s}"], "p": ref[f"logp_{s}"]},
                             {"c": t.cand_cols[s], "p": t.logp_by_script[s]})
                assert t.logp_by_script[s].flags.c_contiguous
            assert _same({"k": ref["keys"], "r": ref["key_rows"]}, {"k": t.keys, "r": t.key_rows})
            assert t.langs == ref["langs"].tolist()
            assert t.norm == {int(f): chr(v) for f, v in zip(ref["norm_from"], ref["norm_to"], strict=True)}
    finally:
        naturalness._han_arrays.cache_clear()
        language._profile_tables.cache_clear()
