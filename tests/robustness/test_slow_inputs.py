"""Slow end-to-end cases: a 50 MB single JSONL line, and a file removed between planning and reading.

Both go through one pipeline run (`make test-slow`): the run completes, the long line and the vanished file
are dead-lettered with their reasons, the records around the long line are read, and the books balance.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from corpusgov.config import load_config
from corpusgov.planning import make_plan
from tests.test_determinism import table

pytestmark = pytest.mark.slow


def test_fifty_megabyte_line_and_vanished_file(tmp_path: Path) -> None:
    from corpusgov.run import run_governance

    root = tmp_path / "cfg"
    data = root / "data"
    data.mkdir(parents=True)
    words = "The harbour committee reviewed the new ferry timetable and approved it after a long debate."
    with (data / "big.jsonl").open("wb") as f:
        f.write(json.dumps({"text": "Before the long line. " + words}).encode() + b"\n")
        f.write(b'{"text": "')
        chunk = b"y" * (1 << 20)
        for _ in range(50):
            f.write(chunk)
        f.write(b'"}\n')
        f.write(json.dumps({"text": "After the long line. " + words[::-1]}).encode() + b"\n")
    (data / "vanish.jsonl").write_text(json.dumps({"text": "This file is removed before it is read."}) + "\n")
    (root / "policy.yaml").write_text(yaml.safe_dump({"version": 1, "limits": {"max_line_bytes": 4_000_000}}))
    (root / "sources.yaml").write_text(yaml.safe_dump({"version": 1, "sources": [{
        "id": "s", "title": "t", "acquisition": "synthetic", "pi_legal_basis": "none", "languages": ["en"],
        "domain": "d", "synthetic": {"generator": "g"}, "inputs": {"paths": ["data/*.jsonl"], "format": "jsonl"}}]}))
    (root / "corpusgov.yaml").write_text(yaml.safe_dump({"version": 1, "registry": "sources.yaml",
                                                         "policy": "policy.yaml", "input_roots": ["data"]}))
    cfg = load_config(str(root / "corpusgov.yaml"))
    plan = make_plan(cfg)
    assert len(plan.files) == 2 and plan.total_bytes > 50 * (1 << 20)
    (data / "vanish.jsonl").unlink()

    out = tmp_path / "run"
    m = run_governance(cfg, str(out), [], plan=plan)
    assert (out / "manifest.json").exists() and not (out / "_FAILED").exists()
    (src,) = m["sources"]
    c = src["counts"]
    assert c["deadlettered_by_reason"] == {"file_unreadable": 1, "line_too_long": 1}
    assert c["read"] == c["kept"] + c["dropped"] + c["deadlettered"] == 4
    dead = {d["reason"]: d for f in (out / "deadletter").glob("*.jsonl")
            for d in map(json.loads, f.read_text().splitlines())}
    assert dead["line_too_long"]["origin_index"] == 1 and dead["line_too_long"]["raw_bytes"] > 50 * (1 << 20)
    assert dead["file_unreadable"]["origin_key"] == "data/vanish.jsonl"
    dec = table(out, "decisions")
    assert sorted((r["origin_key"], r["origin_index"]) for r in dec) == [("data/big.jsonl", 0), ("data/big.jsonl", 2)]
