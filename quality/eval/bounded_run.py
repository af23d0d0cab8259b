"""Run an external renderer (``man``, ``info``) with a time limit that also stops its children.

``subprocess.run(..., timeout=...)`` kills only the direct child: ``man`` starts ``nroff`` -> ``groff`` ->
``troff``, and on a page troff loops on (the zh_CN ``smb.conf.5``) those orphans kept running for hours after each
evaluation, taking a core from every later measurement. The command runs in its own session and the whole process
group is killed at the limit. Each process of it also gets a CPU-time limit (``RLIMIT_CPU``, inherited by its
children): an evaluation interrupted before its time limit (killed, Ctrl-C) cannot kill the group any more, and a troff
left looping then was found with 23 CPU-minutes; with the limit the kernel stops it by itself.
"""

from __future__ import annotations

import math
import os
import signal
import subprocess
from collections.abc import Mapping, Sequence


def run_bounded(args: Sequence[str], env: Mapping[str, str] | None = None, timeout: float = 20.0,
                cpu_seconds: int | None = None) -> bytes | None:
    """Standard output of ``args``, or None when it did not finish within ``timeout`` seconds or could not start.
    ``cpu_seconds`` (default: ``timeout`` rounded up) bounds the CPU time of each of its processes."""
    limit = cpu_seconds if cpu_seconds is not None else max(1, math.ceil(timeout))
    # the limit set by the shell that then execs the command (not preexec_fn: unsafe in a process with threads)
    limited = ["sh", "-c", f'ulimit -t {int(limit)} && exec "$@"', "sh", *args]
    try:
        proc = subprocess.Popen(limited, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                env=None if env is None else dict(env), start_new_session=True)
    except OSError:
        return None
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.communicate()
        return None
    if proc.returncode in (126, 127) and not out:  # the shell could not run the command (missing, not executable)
        return None
    return out
