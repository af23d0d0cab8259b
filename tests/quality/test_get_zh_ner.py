"""get_zh_ner takes each file at its pinned commit and refuses bytes whose blob id is not the pinned one."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from corpusgov.quality.eval.get_zh_ner import FILES, NerFile, fetch


def _repo(tmp_path: Path, text: str) -> tuple[str, str, str]:
    """A one-commit git repository with data/x.txt; returns (git dir, commit, blob id)."""
    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(tmp_path), *args], check=True, capture_output=True, text=True).stdout

    git("init", "-q")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "x.txt").write_text(text, encoding="utf-8")
    git("add", "data/x.txt")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "x")
    commit = git("rev-parse", "HEAD").strip()
    return str(tmp_path / ".git"), commit, git("rev-parse", f"{commit}:data/x.txt").strip()


def test_fetch_returns_the_pinned_bytes(tmp_path: Path) -> None:
    git_dir, commit, blob = _repo(tmp_path, "张\tB-PER\n三\tI-PER\n")
    f = NerFile("x.conll", "o/r", commit, "data/x.txt", blob, "eval")
    assert fetch(f, git_dir) == "张\tB-PER\n三\tI-PER\n".encode()


def test_fetch_refuses_other_bytes(tmp_path: Path) -> None:
    git_dir, commit, _ = _repo(tmp_path, "changed\n")
    f = NerFile("x.conll", "o/r", commit, "data/x.txt", "0" * 40, "eval")
    with pytest.raises(SystemExit, match="expected 0000"):
        fetch(f, git_dir)


def test_every_file_is_pinned_and_the_eval_splits_are_the_evaluated_ones() -> None:
    from corpusgov.quality.eval.zh_person_eval import EVAL_SETS

    assert all(len(f.commit) == 40 and len(f.blob) == 40 for f in FILES)
    assert {f.name for f in FILES if f.split == "eval"} == set(EVAL_SETS)
    assert len({f.name for f in FILES}) == len(FILES)
