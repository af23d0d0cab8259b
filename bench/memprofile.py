"""Where a run's memory goes, step by step: `corpusgov run` in this process with checkpoints around each step.

Why: `bench.run`'s memory table has the peak after each stage only; to find what grows with the corpus size
we need the peak of every step (stage, decide step, report) at two sizes. At each checkpoint this logs, as
one JSON line: the peak RSS since the previous checkpoint (Linux `VmHWM`, reset through
`/proc/self/clear_refs`), the RSS now, Arrow's allocated bytes, glibc's heap in use and free
(`mallinfo2`) and, with `--objects`, the Python object types whose counts changed most. Dev tool only:
`python -m bench.memprofile --out LOG [--objects] -- run --config C --out O`.
"""

from __future__ import annotations

import ctypes
import gc
import importlib
import json
import sys
import time
from collections import Counter
from typing import Any

_LOG: Any = None
_OBJECTS = False
_LAST_TYPES: Counter[str] = Counter()
_T0 = time.monotonic()


class _MallInfo2(ctypes.Structure):
    _fields_ = [(n, ctypes.c_size_t) for n in ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks",
                                                "fsmblks", "uordblks", "fordblks", "keepcost")]


def _mallinfo() -> dict[str, float]:
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallinfo2.restype = _MallInfo2
        m = libc.mallinfo2()
    except (OSError, AttributeError):
        return {}
    mb = 2**20
    return {"malloc_in_use_mb": round((m.uordblks + m.hblkhd) / mb, 1), "malloc_free_mb": round(m.fordblks / mb, 1)}


def _status() -> dict[str, float]:
    out = {}
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            k, _, v = line.partition(":")
            if k in ("VmHWM", "VmRSS"):
                out[k] = round(int(v.split()[0]) / 1024, 1)
    return out


def checkpoint(label: str) -> None:
    """One JSON line: peak RSS since the last checkpoint, RSS now, Arrow and malloc bytes; resets the peak."""
    global _LAST_TYPES
    import pyarrow as pa

    rec: dict[str, Any] = {"at": label, "t": round(time.monotonic() - _T0, 1), **_status(),
                           "arrow_mb": round(pa.total_allocated_bytes() / 2**20, 1), **_mallinfo()}
    if _OBJECTS:
        gc.collect()
        types = Counter(type(o).__name__ for o in gc.get_objects())
        diff = {k: types[k] - _LAST_TYPES.get(k, 0) for k in types}
        rec["objects"] = len(gc.get_objects())
        rec["grew"] = dict(sorted(((k, v) for k, v in diff.items() if v), key=lambda kv: -abs(kv[1]))[:12])
        _LAST_TYPES = types
    _LOG.write(json.dumps(rec) + "\n")
    _LOG.flush()
    with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
        f.write("5")


def _wrap(module: str, name: str, label: str | None = None) -> None:
    mod = importlib.import_module(module)
    fn = getattr(mod, name)
    tag = label or name

    def wrapped(*a: Any, **k: Any) -> Any:
        extra = f" {a[4]}" if name.startswith("run_tasks") and len(a) > 4 else ""
        checkpoint(f"before {tag}{extra}")
        r = fn(*a, **k)
        checkpoint(f"after {tag}{extra}")
        return r

    setattr(mod, name, wrapped)


def main() -> None:
    global _LOG, _OBJECTS
    args = sys.argv[1:]
    cut = args.index("--")
    own, cli = args[:cut], args[cut + 1 :]
    _LOG = open(own[own.index("--out") + 1], "w", encoding="utf-8")  # noqa: SIM115 - open for the whole run
    _OBJECTS = "--objects" in own
    for module, name in [
        ("corpusgov.pipelines.stages", "run_tasks"), ("corpusgov.pipelines.stages", "run_tasks_lazily"),
        ("corpusgov.pipelines.stages", "run_decide"),
        ("corpusgov.pipelines.stages", "merge_outputs"), ("corpusgov.pipelines.decide", "run_tasks"),
        ("corpusgov.run", "run_stages"),
        ("corpusgov.assemble", "aggregate_sections"), ("corpusgov.assemble", "output_files"),
        ("corpusgov.assemble", "drill_files"), ("corpusgov.assemble", "build_metrics"),
        ("corpusgov.assemble", "read_diversity"), ("corpusgov.assemble", "expectations_for"),
        ("corpusgov.assemble", "build_manifest"), ("corpusgov.render", "render_all"),
        ("corpusgov.attest", "reattest"),
    ]:
        try:
            _wrap(module, name)
        except AttributeError:
            print(f"memprofile: {module}.{name} not found", file=sys.stderr)
    checkpoint("start")
    from corpusgov.cli import main as cli_main

    sys.argv = ["corpusgov", *cli]
    try:
        cli_main()
    finally:
        checkpoint("end")


if __name__ == "__main__":
    main()
