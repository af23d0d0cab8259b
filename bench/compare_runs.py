"""Are two `corpusgov run` output directories the same run? The check behind every speed change (issue 15).

`python -m bench.compare_runs OLD NEW` compares every Parquet table outside `_work/` (corpus, decisions, pii,
copyright, signatures, drill-down; pyarrow `Table.equals`: schema and values), `manifest.json` and
`metrics.json` with the fields that differ between any two runs left out (run id, times, the chain id, the
output entries of files that embed the run id: metrics.json itself and the Great Expectations data docs),
the corpus Merkle root, and the bytes of `openlineage.jsonl` with each event's run id, time and run directory
blanked. Prints each difference; exit status 1 when there is one.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import sys
from typing import Any

import pyarrow.parquet as pq

# Keys whose values differ between two runs of the same code on the same data.
VOLATILE = frozenset({"run_id", "started_at", "finished_at", "pipeline_seconds", "generated_at", "created_at",
                      "timestamp", "seconds", "duration_s", "wall_s", "eventTime", "runId", "elapsed_s", "timing",
                      "out_dir", "git_modified", "git_commit"})


def _tables(d: str) -> list[str]:
    paths = glob.glob(os.path.join(d, "**", "*.parquet"), recursive=True)
    return sorted(os.path.relpath(p, d) for p in paths if "_work" not in os.path.relpath(p, d).split(os.sep))


def _strip(x: Any) -> Any:
    if isinstance(x, dict):
        return {k: _strip(v) for k, v in x.items() if k not in VOLATILE}
    if isinstance(x, list):
        return [_strip(v) for v in x]
    return x


def _diff(x: Any, y: Any, path: str, out: list[str]) -> None:
    if type(x) is not type(y):
        out.append(f"{path}: {x!r:.80} != {y!r:.80}")
    elif isinstance(x, dict):
        for k in sorted(set(x) | set(y)):
            _diff(x.get(k), y.get(k), f"{path}.{k}", out)
    elif isinstance(x, list) and len(x) == len(y):
        for i, (u, v) in enumerate(zip(x, y, strict=True)):
            _diff(u, v, f"{path}[{i}]", out)
    elif x != y:
        out.append(f"{path}: {x!r:.80} != {y!r:.80}")


def _json(d: str, name: str) -> Any:
    with open(os.path.join(d, name), encoding="utf-8") as f:
        doc = _strip(json.load(f))
    if name == "manifest.json":
        doc.get("chain", {}).pop("id", None)
        files = doc.get("outputs", {}).get("files")
        if isinstance(files, list):
            doc["outputs"]["files"] = [f for f in files if f.get("path") != "metrics.json"
                                       and not str(f.get("path", "")).startswith("expectations/")]
    return doc


def compare(old: str, new: str) -> tuple[list[str], int]:
    """(differences, number of tables compared)."""
    out: list[str] = []
    ta, tb = _tables(old), _tables(new)
    if ta != tb:
        out.append(f"tables only in one run: {sorted(set(ta) ^ set(tb))}")
    if not ta:
        out.append("no tables in the old run")
    for rel in sorted(set(ta) & set(tb)):
        if not pq.read_table(os.path.join(old, rel)).equals(pq.read_table(os.path.join(new, rel))):
            out.append(f"table differs: {rel}")
    for name in ("manifest.json", "metrics.json"):
        _diff(_json(old, name), _json(new, name), name, out)
    la, lb = _lineage(old), _lineage(new)
    if (la is None) != (lb is None):
        out.append("openlineage.jsonl only in one run")
    elif la != lb:
        out.append("openlineage.jsonl differs (bytes, with run ids, event times and run directories blanked)")
    return out, len(set(ta) & set(tb))


def _lineage(d: str) -> str | None:
    """openlineage.jsonl's text with each event's runId, eventTime and run directory (the folder of its output
    datasets) replaced by placeholders, as written (escapes and key order included): the bytes, not only the JSON,
    are compared, since the file is written by our own serialiser."""
    path = os.path.join(d, "openlineage.jsonl")
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    out = []
    for line in lines:
        if line.strip():
            ev = json.loads(line)
            swaps = [(ev.get("run", {}).get("runId"), "RUN_ID"), (ev.get("eventTime"), "EVENT_TIME")]
            outputs = ev.get("outputs") or []
            if outputs and isinstance(outputs[0].get("name"), str):
                swaps.append((os.path.dirname(outputs[0]["name"]), "RUN_DIR"))
            for value, mark in swaps:
                if isinstance(value, str) and value:
                    line = line.replace(json.dumps(value)[1:-1], mark)
        out.append(line)
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("old")
    ap.add_argument("new")
    a = ap.parse_args(argv)
    diffs, n = compare(a.old, a.new)
    for line in diffs:
        print(line)
    with open(os.path.join(a.old, "manifest.json"), encoding="utf-8") as f:
        root = json.load(f).get("outputs", {}).get("merkle", {}).get("corpus_root")
    print(f"{n} tables compared; corpus Merkle root {root}; {len(diffs)} differences")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
