"""The data engineer's cases (issue 19): each has its message and exit code checked.

A source glob matching no file, a text field missing from every record of a file, an interruption at any point
(status failed, _FAILED, no manifest verify accepts), Ctrl-C on multi_processing (one line, no traceback, no
third-party warning), and progress lines with a final timing summary.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from corpusgov.cli import main
from corpusgov.progress import progress_line

REPO = Path(__file__).resolve().parent.parent


def _config(root: Path, patterns: list[str], *, text_field: str = "text", n: int = 30) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "data").mkdir(exist_ok=True)
    lines = [json.dumps({"body" if text_field != "body" else "text": f"filler {i}",
                         "text" if text_field == "body" else "content": f"record number {i} about rivers and hills."})
             for i in range(n)]
    (root / "data" / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "data" / "good.jsonl").write_text(
        "\n".join(json.dumps({text_field: f"a readable sentence number {i} about the weather in spring."})
                  for i in range(n)) + "\n", encoding="utf-8")
    (root / "policy.yaml").write_text("version: 1\nexpectations: {enabled: false}\n", encoding="utf-8")
    (root / "sources.yaml").write_text(yaml.safe_dump({"version": 1, "sources": [{
        "id": "s", "title": "t", "acquisition": "synthetic", "pi_legal_basis": "none", "languages": ["en"],
        "domain": "d", "synthetic": {"generator": "g"},
        "inputs": {"paths": patterns, "format": "jsonl", "fields": {"text": text_field}}}]}), encoding="utf-8")
    (root / "corpusgov.yaml").write_text(yaml.safe_dump({"version": 1, "name": "op", "registry": "sources.yaml",
                                                         "policy": "policy.yaml"}), encoding="utf-8")
    return root / "corpusgov.yaml"


def _err_lines(capsys: pytest.CaptureFixture) -> list[str]:
    return [ln for ln in capsys.readouterr().err.splitlines() if ln.strip()]


def test_glob_matching_no_file_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    cfg = _config(tmp_path / "c", ["data/typo/*.jsonl"])
    assert main(["validate-config", str(cfg)]) == 2
    err = _err_lines(capsys)
    assert len(err) == 1 and "source 's'" in err[0] and "'data/typo/*.jsonl' matches no file" in err[0]
    out = tmp_path / "out"
    assert main(["--quiet", "run", "--config", str(cfg), "--out", str(out)]) == 2
    err = _err_lines(capsys)
    assert len(err) == 1 and "'data/typo/*.jsonl' matches no file" in err[0]
    assert not out.exists()  # refused before anything was written


def test_text_field_missing_from_every_record_is_one_error(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    cfg = _config(tmp_path / "c", ["data/*.jsonl"])  # a.jsonl has no "text" field at all; good.jsonl has it
    out = tmp_path / "out"
    assert main(["--quiet", "run", "--config", str(cfg), "--out", str(out)]) == 2
    err = _err_lines(capsys)
    assert len(err) == 1, err
    assert ("source 's' field 'inputs.fields.text': no record of data/a.jsonl has a field 'text' (30 records; "
            "check the field name)") in err[0]
    status = json.loads((out / "_status.json").read_text(encoding="utf-8"))
    assert status["status"] == "failed" and (out / "_FAILED").exists() and not (out / "manifest.json").exists()


@pytest.mark.parametrize("where", ["corpusgov.render.render_all", "corpusgov.attest.reattest"])
def test_interruption_after_the_manifest_leaves_a_failed_run(tmp_path: Path, capsys: pytest.CaptureFixture,
                                                             monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    """Ctrl-C while rendering or attesting (the manifest is already written) must not leave a usable-looking run."""
    def interrupted(*_a: object, **_k: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(where, interrupted)
    cfg = _config(tmp_path / "c", ["data/good.jsonl"])
    out = tmp_path / "out"
    assert main(["--quiet", "run", "--config", str(cfg), "--out", str(out)]) == 1
    err = _err_lines(capsys)
    assert err == ["corpusgov: interrupted (run stopped; nothing it wrote is complete)"]
    status = json.loads((out / "_status.json").read_text(encoding="utf-8"))
    assert status["status"] == "failed" and status["error"] == "interrupted"
    assert (out / "_FAILED").exists() and not (out / "manifest.json").exists()
    monkeypatch.undo()
    assert main(["verify", str(out)]) != 0


def test_ctrl_c_on_multi_processing_is_one_line(tmp_path: Path) -> None:
    """A real SIGINT to the process group while workers run: one line on stderr, no traceback, run failed."""
    cfg = _config(tmp_path / "c", ["data/good.jsonl"], n=3000)
    out = tmp_path / "out"
    env = {**os.environ, "CORPUSGOV_PROGRESS_SECONDS": "1"}
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "corpusgov"), "run", "--config", str(cfg), "--out", str(out),
         "--direct_running_mode=multi_processing", "--direct_num_workers=2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:  # wait until the pipeline runs (the progress tallies appear)
            if (out / "_work" / "progress").is_dir() and any((out / "_work" / "progress").iterdir()):
                break
            if proc.poll() is not None:
                break
            time.sleep(0.2)
        os.killpg(proc.pid, signal.SIGINT)  # what a terminal does on Ctrl-C: the whole foreground group
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    lines = [ln for ln in err.splitlines() if ln.strip() and " INFO " not in ln]
    assert proc.returncode == 1, err[-2000:]
    assert lines == ["corpusgov: interrupted (run stopped; nothing it wrote is complete)"], lines[:10]
    assert "Traceback" not in err and "apitools" not in err
    status = json.loads((out / "_status.json").read_text(encoding="utf-8"))
    assert status["status"] == "failed" and (out / "_FAILED").exists() and not (out / "manifest.json").exists()


def test_progress_lines_and_timing_summary(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORPUSGOV_PROGRESS_SECONDS", "0.5")
    cfg = _config(tmp_path / "c", ["data/good.jsonl"], n=400)
    caplog.set_level(logging.INFO, logger="corpusgov")
    assert main(["run", "--config", str(cfg), "--out", str(tmp_path / "out")]) == 0
    msgs = [r.getMessage() for r in caplog.records if r.name == "corpusgov"]
    progress = [m for m in msgs if m.startswith("progress: ")]
    assert progress, msgs
    assert all("records read" in m and "annotated" in m and "written" in m and "records/s" in m for m in progress)
    timing = [m for m in msgs if m.startswith("timing: ")]
    assert len(timing) == 1 and "pipeline" in timing[0] and "(400 records" in timing[0]


def test_progress_line_eta() -> None:
    t = {"read": {"records": 1200, "bytes": 250}, "annotated": {"records": 1000, "bytes": 0},
         "written": {"records": 0, "bytes": 0}}
    line = progress_line(t, 20.0, 1000)
    assert line.startswith("progress: 1,200 records read, 1,000 annotated, 0 written; 50 records/s; 20s elapsed")
    assert "25% of input read, ETA ~1m00s" in line
    assert "ETA" not in progress_line(t, 20.0, None)
