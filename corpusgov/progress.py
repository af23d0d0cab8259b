"""Run progress for the data engineer: workers tally, the driver prints a line at least every 10 seconds.

Why files: Beam's metrics are only queryable when the pipeline ends on the local runners, and with
`--direct_running_mode=multi_processing` the workers are other processes. So each DoFn instance keeps a
tally (records, input bytes) and rewrites one small JSON file under `_work/progress/` at most once a second;
a driver thread sums the files. Counts are therefore approximate while the run goes (at most a second
behind per worker) and never used for anything but the progress line. A remote runner whose workers cannot
write the run's work directory simply shows no counts. No Beam import here.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
import uuid
from typing import Any

log = logging.getLogger("corpusgov")

STAGES = ("read", "annotated", "written")
INTERVAL_ENV = "CORPUSGOV_PROGRESS_SECONDS"


class Tally:
    """A worker-side counter for one stage; `add` is cheap, the file is rewritten at most every `every` s."""

    def __init__(self, directory: str | None, stage: str, every: float = 1.0) -> None:
        self._dir = directory
        self._path = (os.path.join(directory, f"{stage}-{os.getpid()}-{uuid.uuid4().hex[:12]}.json")
                      if directory else None)
        self._every = every
        self._last = 0.0
        self.records = 0
        self.bytes = 0

    def add(self, records: int = 1, nbytes: int = 0) -> None:
        self.records += records
        self.bytes += nbytes
        now = time.monotonic()
        if now - self._last >= self._every:
            self._last = now
            self.flush()

    def flush(self) -> None:
        if self._path is None:
            return
        try:
            os.makedirs(self._dir or ".", exist_ok=True)
            tmp = self._path + ".tmp"
            with open(tmp, "w", encoding="utf-8") as f:
                json.dump({"records": self.records, "bytes": self.bytes}, f)
            os.replace(tmp, self._path)
        except OSError:  # progress is best effort: never fail a run over it
            self._path = None


def read_tallies(directory: str) -> dict[str, dict[str, int]]:
    """Sum of every worker's tally per stage: {stage: {"records": n, "bytes": b}}."""
    out = {s: {"records": 0, "bytes": 0} for s in STAGES}
    try:
        names = os.listdir(directory)
    except OSError:
        return out
    for n in names:
        stage = n.split("-", 1)[0]
        if stage not in out or not n.endswith(".json"):
            continue
        try:
            with open(os.path.join(directory, n), encoding="utf-8") as f:
                d = json.load(f)
        except (OSError, ValueError):
            continue  # being replaced right now; next time
        out[stage]["records"] += int(d.get("records", 0))
        out[stage]["bytes"] += int(d.get("bytes", 0))
    return out


def _dur(seconds: float) -> str:
    s = int(round(seconds))
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m{s % 60:02d}s"
    return f"{s // 3600}h{s % 3600 // 60:02d}m"


def progress_line(t: dict[str, dict[str, int]], elapsed: float, total_bytes: int | None) -> str:
    """One line: records read/annotated/written, annotation rate, and an ETA while input remains to be read.

    The ETA extrapolates the share of input bytes read so far (reading and annotation run fused, per file);
    after the input is read the line says what remains instead of guessing the write phase.
    """
    r, a, w = (t[s]["records"] for s in STAGES)
    rate = a / elapsed if elapsed > 0 else 0.0
    line = (f"progress: {r:,} records read, {a:,} annotated, {w:,} written; "
            f"{rate:,.0f} records/s; {_dur(elapsed)} elapsed")
    done = t["read"]["bytes"]
    if total_bytes and 0.02 * total_bytes <= done < total_bytes and elapsed > 0:  # too early to extrapolate before
        eta = elapsed * (total_bytes - done) / done
        line += f"; {100 * done / total_bytes:.0f}% of input read, ETA ~{_dur(eta)} to read the rest"
    elif total_bytes and done < total_bytes:
        line += f"; {100 * done / total_bytes:.0f}% of input read"
    elif total_bytes and done >= total_bytes:
        line += "; input read, deduplicating and writing"
    return line


class Reporter:
    """Driver thread: a progress line every `interval` seconds (default 10, `CORPUSGOV_PROGRESS_SECONDS`)."""

    def __init__(self, directory: str, total_bytes: int | None, interval: float | None = None) -> None:
        self.directory = directory
        self.total_bytes = total_bytes
        self.interval = interval if interval is not None else float(os.environ.get(INTERVAL_ENV, "10"))
        self._stop = threading.Event()
        self._t0 = time.monotonic()
        self._thread = threading.Thread(target=self._loop, name="corpusgov-progress", daemon=True)
        self.lines = 0

    def __enter__(self) -> Reporter:
        os.makedirs(self.directory, exist_ok=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._stop.set()
        self._thread.join(timeout=2)

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self.lines += 1
            log.info("%s", progress_line(read_tallies(self.directory), time.monotonic() - self._t0, self.total_bytes))

    def totals(self) -> dict[str, dict[str, int]]:
        return read_tallies(self.directory)


def timing_line(phases: list[tuple[str, float]], records: int) -> str:
    """The final timing summary: each phase, the total and the overall rate."""
    total = sum(s for _, s in phases)
    rate = records / total if total > 0 else 0.0
    return ("timing: " + ", ".join(f"{n} {s:.1f}s" for n, s in phases)
            + f"; total {total:.1f}s ({records:,} records, {rate:,.0f} records/s)")
