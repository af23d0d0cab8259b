"""Runs a command and writes its resource usage (all waited descendants) as JSON: `-o FILE -- cmd ...`.

`getrusage(RUSAGE_CHILDREN)` after the wait covers the command and every descendant it waited for (Beam's
multi_processing workers included), so CPU seconds and the largest single-process peak RSS are exact even
when other work shares the machine.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time


def main() -> None:
    args = sys.argv[1:]
    out = args[args.index("-o") + 1]
    cmd = args[args.index("--") + 1 :]
    t0 = time.monotonic()
    rc = subprocess.call(cmd)
    wall = time.monotonic() - t0
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"rc": rc, "wall_s": wall, "user_s": ru.ru_utime, "sys_s": ru.ru_stime,
                   "max_rss_single_mb": ru.ru_maxrss / 1024}, f)
    sys.exit(rc)


if __name__ == "__main__":
    main()
