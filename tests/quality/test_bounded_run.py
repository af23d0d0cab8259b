"""run_bounded: a renderer that hangs is stopped with its children, and normal output comes back whole."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from corpusgov.quality.eval.bounded_run import run_bounded


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(") ", 1)[1].startswith("Z"))


def test_output_of_a_command_that_finishes() -> None:
    assert run_bounded([sys.executable, "-c", "print('ok')"], timeout=30) == b"ok\n"


def test_missing_program_is_none() -> None:
    assert run_bounded(["/nonexistent/renderer"], timeout=5) is None


def test_timeout_kills_the_grandchild_too(tmp_path: Path) -> None:
    # a child that starts a grandchild which loops, as man -> nroff -> troff does on a page troff cannot finish
    pid_file = tmp_path / "grandchild.pid"
    code = ("import subprocess, sys, time\n"
            "p = subprocess.Popen([sys.executable, '-c', 'while True: pass'])\n"
            f"open({str(pid_file)!r}, 'w').write(str(p.pid))\n"
            "time.sleep(600)\n")
    start = time.monotonic()
    assert run_bounded([sys.executable, "-c", code], timeout=3) is None
    assert time.monotonic() - start < 30
    grandchild = int(pid_file.read_text())
    for _ in range(50):
        if not _alive(grandchild):
            break
        time.sleep(0.1)
    assert not _alive(grandchild)


def test_cpu_limit_stops_a_looping_grandchild_without_the_timeout() -> None:
    # the parent shell outlives its looping child: the child is stopped by its CPU limit (SIGXCPU), not by the
    # time limit, as a troff would be after an evaluation was killed before its time limit
    code = "sh -c 'while :; do :; done'; echo stopped"
    start = time.monotonic()
    assert run_bounded(["sh", "-c", code], timeout=60, cpu_seconds=1) == b"stopped\n"
    assert time.monotonic() - start < 30
