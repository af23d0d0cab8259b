"""`corpusgov history` walks the manifest chain; `verify` fails when a link is broken."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.test_forget import forgotten
from tests.test_incremental import lifecycle_runs


def test_history_lists_every_version_with_changes() -> None:
    from corpusgov.cli import main
    from corpusgov.lifecycle import history, read_manifest

    fg = forgotten()
    lines = history(fg["v3"])
    text = "\n".join(lines)
    heads = [ln for ln in lines if ln.startswith("v")]
    assert [h.split()[0] for h in heads] == ["v3", "v2", "v1"]
    assert [h.split()[2] for h in heads] == ["forget", "forget", "run"]
    for d in ("v3", "v2", "base"):
        assert read_manifest(fg[d])[1] in text
    assert "request TD-2 (data_subject" in text and "request TD-1 (rights_holder" in text
    assert "first version" in text
    assert main(["history", fg["v3"]]) == 0


def test_history_of_incremental_run_shows_added_source() -> None:
    from corpusgov.lifecycle import history

    text = "\n".join(history(lifecycle_runs()["inc"]))
    assert "sources added: gamma" in text
    assert "incremental (incremental): 1 file(s) governed, 2 reused" in text
    assert "files: 1 added, 0 changed, 0 removed" in text


def test_broken_link_fails_history_and_verify(tmp_path: Path) -> None:
    from corpusgov.cli import CliError
    from corpusgov.lifecycle import history
    from corpusgov.lineage.verify import verify_run

    fg = forgotten()
    base_copy, v2_copy = tmp_path / "base", tmp_path / "v2"
    shutil.copytree(fg["base"], base_copy)
    shutil.copytree(fg["v2"], v2_copy)
    m = json.loads((v2_copy / "manifest.json").read_text(encoding="utf-8"))
    m["previous_manifest"]["path"] = "../base/manifest.json"
    (v2_copy / "manifest.json").write_text(json.dumps(m), encoding="utf-8")
    assert len(history(str(v2_copy))) > 0  # the relocated chain still links by sha256
    mb = json.loads((base_copy / "manifest.json").read_text(encoding="utf-8"))
    mb["totals"]["kept"] += 1
    (base_copy / "manifest.json").write_text(json.dumps(mb), encoding="utf-8")
    with pytest.raises(CliError, match="sha256 differs"):
        history(str(v2_copy))
    rep = verify_run(str(v2_copy))
    assert not rep.ok and "chain" in rep.first_failure() or "sha256" in rep.first_failure()
