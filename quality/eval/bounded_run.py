"""Run an external renderer (``man``, ``info``) with a time limit that also stops its children.

``subprocess.run(..., timeout=...)`` kills only the direct child: ``man`` starts ``nroff`` -> ``groff`` ->
``troff``, and on a page troff loops on (the zh_CN ``smb.conf.5``) those orphans kept running for hours after each
evaluation, taking a core from every later measurement. The command runs in its own session and the whole process
group is killed at the limit.
"""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Mapping, Sequence


def run_bounded(args: Sequence[str], env: Mapping[str, str] | None = None, timeout: float = 20.0) -> bytes | None:
    """Standard output of ``args``, or None when it did not finish within ``timeout`` seconds or could not start."""
    try:
        proc = subprocess.Popen(list(args), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
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
    return out
