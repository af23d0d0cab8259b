"""The shared Debian-package side of the eval splits (quality.eval.deb_split): a split's missing packages are read from
its module at each call, its own unpacked folder is honoured, the CLI prints what is missing and sizes only when
nothing is, and rule counts are counts."""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from corpusgov.quality.eval import (
    deb_split,
    good_docs8,
    good_docs10,
    good_docs11,
    good_docs12,
    good_docs13,
    junk_fresh8,
)
from corpusgov.quality.eval.deb_split import DebSplit


@pytest.fixture()
def split(tmp_path: Path) -> Iterator[types.ModuleType]:
    mod = types.ModuleType("fake_deb_split", "A fake split.\n\nMore.")
    mod.DEBS = ("alpha", "beta")  # type: ignore[attr-defined]  # a module built here has no declared names
    mod.ROOT = tmp_path  # type: ignore[attr-defined]  # likewise
    mod.UNPACKED = tmp_path / "unpacked"  # type: ignore[attr-defined]  # likewise
    sys.modules[mod.__name__] = mod
    yield mod
    del sys.modules[mod.__name__]


def test_missing_follows_the_module(split: types.ModuleType, tmp_path: Path) -> None:
    deb = DebSplit(split.__name__)
    assert deb.missing() == ["alpha", "beta"]
    (tmp_path / "alpha_1.0_all.deb").write_bytes(b"")
    assert deb.missing() == ["alpha", "beta"]  # not unpacked yet
    (tmp_path / "unpacked").mkdir()
    assert deb.missing() == ["beta"]
    split.ROOT = tmp_path / "elsewhere"  # a test pointing ROOT elsewhere is obeyed
    assert deb.missing() == ["alpha", "beta"]


def test_own_unpacked_folder(split: types.ModuleType, tmp_path: Path) -> None:
    deb = DebSplit(split.__name__, unpacked=lambda d: tmp_path / "doc" / d)
    for d in split.DEBS:
        (tmp_path / f"{d}_2_all.deb").write_bytes(b"")
    (tmp_path / "doc" / "beta").mkdir(parents=True)
    assert deb.missing() == ["alpha"]


def test_main_prints_sizes_only_when_nothing_is_missing(split: types.ModuleType, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    deb = DebSplit(split.__name__)
    assert deb.main([], lambda: {"en": 3}) == 0
    assert capsys.readouterr().out.strip() == "{'missing': ['alpha', 'beta']}"
    (tmp_path / "unpacked").mkdir()
    for d in split.DEBS:
        (tmp_path / f"{d}_2_all.deb").write_bytes(b"")
    deb.main([], lambda: {"en": 3})
    assert capsys.readouterr().out.strip() == "{'missing': [], 'en': 3}"
    with pytest.raises(SystemExit):  # --rules only for a split that offers rows
        deb.main(["--rules"], lambda: {})


def test_rule_counts_are_counts() -> None:
    decided = [{"set": "s", "kind": "a", "drop_rules": ["r1", "r2"], "text": "x"},
               {"set": "s", "kind": "a", "drop_rules": ["r1"], "text": "y"},
               {"set": "s", "kind": "b", "drop_rules": [], "text": "z"}]
    assert deb_split.rule_counts(decided) == {"s": {"n": 3, "dropped": 2, "kinds": {"a": "2/2", "b": "0/1"},
                                                    "rules": {"r1": "2 (1 alone)", "r2": "1 (0 alone)"}}}


def test_the_four_splits_use_it() -> None:
    for mod in (good_docs8, good_docs10, good_docs11, good_docs12, good_docs13, junk_fresh8):
        assert isinstance(mod._DEBS, DebSplit) and mod._DEBS.module == mod.__name__
        assert mod.missing.__self__ is mod._DEBS  # type: ignore[attr-defined]  # a bound method, not a copy
