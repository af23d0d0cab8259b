"""Input paths cannot leave the configured roots: not through `..` in a glob, an absolute path, a symlinked
file or a symlinked directory, whether the link exists at config load or appears before planning."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml

from corpusgov.cli import main
from corpusgov.config import ConfigError, load_config
from corpusgov.planning import make_plan


def _config(root: Path, patterns: list[str], *, allow_any_path: bool = False,
            input_roots: list[str] | None = None) -> Path:
    """A one-source config under `root` with data in `root/data` and a secret outside it."""
    (root / "data").mkdir(parents=True, exist_ok=True)
    (root / "data" / "ok.jsonl").write_text(json.dumps({"text": "an ordinary record"}) + "\n")
    secret = root.parent / f"{root.name}-outside"
    secret.mkdir(exist_ok=True)
    (secret / "secret.jsonl").write_text(json.dumps({"text": "not for this corpus"}) + "\n")
    (root / "policy.yaml").write_text("version: 1\n")
    (root / "sources.yaml").write_text(yaml.safe_dump({"version": 1, "sources": [{
        "id": "s", "title": "t", "acquisition": "synthetic", "pi_legal_basis": "none", "languages": ["en"],
        "domain": "d", "synthetic": {"generator": "g"},
        "inputs": {"paths": patterns, "format": "jsonl"}}]}))
    run = {"version": 1, "registry": "sources.yaml", "policy": "policy.yaml",
           "input_roots": input_roots or ["data"], "allow_any_path": allow_any_path}
    (root / "corpusgov.yaml").write_text(yaml.safe_dump(run))
    return root / "corpusgov.yaml"


@pytest.mark.parametrize("pattern", [
    "data/../../*-outside/*.jsonl",          # `..` climbing out of the root
    "data/*/../../*-outside/secret.jsonl",   # `..` after a wildcard
    "data/../corpusgov.yaml",                # a sibling of the root
    "{outside}/secret.jsonl",                # an absolute path
])
def test_patterns_outside_the_roots_are_refused(tmp_path: Path, pattern: str) -> None:
    root = tmp_path / "cfg"
    cfg = _config(root, [pattern.format(outside=tmp_path / "cfg-outside")])
    with pytest.raises(ConfigError, match="outside the configured input_roots") as e:
        load_config(str(cfg))
    assert "\n" not in str(e.value)


def test_symlinked_file_inside_the_root_pointing_outside_is_refused(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture) -> None:
    root = tmp_path / "cfg"
    cfg = _config(root, ["data/*.jsonl"])
    load_config(str(cfg))  # fine before the link exists
    (root / "data" / "link.jsonl").symlink_to(tmp_path / "cfg-outside" / "secret.jsonl")
    with pytest.raises(ConfigError, match="'data/link.jsonl' resolves outside the configured input_roots"):
        load_config(str(cfg))
    assert main(["validate-config", str(cfg)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "resolves outside" in err[0]


def test_symlinked_directory_matched_by_a_recursive_glob_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "cfg"
    cfg = _config(root, ["data/**/*.jsonl"])
    (root / "data" / "sub").symlink_to(tmp_path / "cfg-outside", target_is_directory=True)
    with pytest.raises(ConfigError, match="resolves outside"):
        load_config(str(cfg))


def test_a_link_that_appears_after_loading_is_caught_at_planning_and_the_run_fails_cleanly(tmp_path: Path) -> None:
    from corpusgov.run import run_governance

    root = tmp_path / "cfg"
    loaded = load_config(str(_config(root, ["data/*.jsonl"])))
    assert [os.path.basename(f.uri) for f in make_plan(loaded).files] == ["ok.jsonl"]
    (root / "data" / "late.jsonl").symlink_to(tmp_path / "cfg-outside" / "secret.jsonl")
    with pytest.raises(ConfigError, match="resolves outside"):
        make_plan(loaded)
    out = tmp_path / "run"
    with pytest.raises(ConfigError):
        run_governance(loaded, str(out), [])
    assert json.loads((out / "_status.json").read_text())["status"] == "failed"
    assert (out / "_FAILED").exists() and not (out / "manifest.json").exists()


def test_allow_any_path_and_symlinked_roots_are_permitted(tmp_path: Path) -> None:
    root = tmp_path / "cfg"
    cfg = _config(root, ["data/*.jsonl", str(tmp_path / "cfg-outside" / "*.jsonl")], allow_any_path=True)
    (root / "data" / "link.jsonl").symlink_to(tmp_path / "cfg-outside" / "secret.jsonl")
    assert len(make_plan(load_config(str(cfg))).files) == 3
    # A root that is itself a symlink (e.g. to a data mount) is resolved like the files under it.
    root2 = tmp_path / "cfg2"
    root2.mkdir()
    (root2 / "mount").symlink_to(tmp_path / "cfg-outside", target_is_directory=True)
    cfg2 = _config(root2, ["mount/*.jsonl"], input_roots=["mount"])
    assert [os.path.basename(f.uri) for f in make_plan(load_config(str(cfg2))).files] == ["secret.jsonl"]
