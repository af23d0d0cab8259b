"""Memory as a tested property: the staged pipeline's peak RSS is flat in the corpus size beyond the first shard.

The staged run holds one annotate batch, one output shard and one decide partition in memory, never the
corpus: on the in-process runner the single-graph pipeline grew by 23-60 KB per document and the staged run
with Beam-grouped dedup keys by 1.6-2.1 KB per document (docs/profile.md). Two runs of the benchmark corpus
with small shards and small input files (so both runs have full shards, full decide partitions and the same
per-file task size, and the larger run has many of each) are measured in fresh processes. Asserted: the
driver's peak RSS at the end of the pipeline (its "stage finalise" line: annotate, decide and finalise all
ran in that process on the in-process runner) grows by < 1 KB per added document; 38,000 documents are added,
so the bound leaves ~38 MB for run-to-run noise (with 18,000 added, the smaller of two runs per size read 1.02 and
-1.19 KB/doc for the same code within an hour on 2026-12-05: the small run's peak alone moved 490-528 MB). The whole run's peak (`bench.rusage`) is reported beside
it: what runs after the pipeline (Great Expectations over up to `expectations.max_rows` decision rows, the
dashboard) is not part of the staged pipeline (measured 2026-12-05: 485 MB at the end of the pipeline and
587 MB for the whole run at 20k documents).
Until 2026-12-05 the slope sat at the bound (0.97-1.2 KB/doc): the 40k run's first text that reached the language
detector's close call loaded a ~40 MB model the 2k run never needed, and the driver read all 44 shard summaries at
once (docs/profile.md). With both fixed, four consecutive runs on 2026-12-06 (00:24-00:55 UTC, load 7.2 -> 1.6):
0.19, -0.13, 0.54, -0.35 KB/doc (the 2k peak 452-457 MB, the 40k peak 444-472 MB), so the bound stays at 1.0.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.config import write_config
from bench.gen import generate

pytestmark = pytest.mark.slow
SIZES = (2_000, 40_000)
SHARD_BYTES = 1024 * 1024  # ~1,000 documents per shard: the larger run has ~40 shards and decide partitions
DOCS_PER_FILE = 1_500  # input files of 500 documents per source in both runs
MAX_SLOPE_KB_PER_DOC = 1.0
RUNS = 2  # per size


_STAGE = re.compile(r"stage finalise: [\d.]+ s, peak RSS so far (\d+) MB")


def _peak_rss_mb(tmp: Path, docs: int, rep: int) -> tuple[float, float, int]:
    """(pipeline peak MB, whole-run peak MB, output shards) of one run in a fresh process."""
    corpus = generate(str(tmp / f"corpus-{docs}-{rep}"), docs, seed=1, docs_per_file=DOCS_PER_FILE)
    conf = write_config(corpus, str(tmp / f"conf-{docs}-{rep}"), shard_bytes=SHARD_BYTES)
    out, ru = tmp / f"run-{docs}-{rep}", tmp / f"ru-{docs}-{rep}.json"
    cli = os.path.join(os.path.dirname(sys.executable), "corpusgov")
    env = {**os.environ, "CORPUSGOV_PII_HASH_KEY": "memory-test-key"}
    proc = subprocess.run([sys.executable, "-m", "bench.rusage", "-o", str(ru), "--", cli, "run",
                           "--config", conf, "--out", str(out)], check=True, env=env, capture_output=True, text=True)
    (pipeline,) = _STAGE.findall(proc.stdout + proc.stderr)
    shards = len(list((out / "decisions").glob("*.parquet")))
    return float(pipeline), json.loads(ru.read_text(encoding="utf-8"))["max_rss_single_mb"], shards


def _least_of(tmp: Path, docs: int) -> tuple[float, float, int]:
    """The smaller peaks of RUNS runs: a single run's peak moved by up to 20 MB between identical runs on a
    loaded machine (2026-12-05: 0.57-1.37 KB/doc for the same code), which is the whole bound; what the corpus
    size adds shows up in every run, a transient spike only in some."""
    runs = [_peak_rss_mb(tmp, docs, rep) for rep in range(RUNS)]
    return min(r[0] for r in runs), min(r[1] for r in runs), runs[0][2]


def test_peak_rss_slope_is_flat_beyond_a_shard(tmp_path: Path) -> None:
    (small, small_run, _), (large, large_run, shards) = (_least_of(tmp_path, n) for n in SIZES)
    assert shards >= 10  # the property is about many shards, not one
    slope = (large - small) * 1024 / (SIZES[1] - SIZES[0])
    whole = (large_run - small_run) * 1024 / (SIZES[1] - SIZES[0])
    print(f"pipeline peak RSS {small:.0f} -> {large:.0f} MB ({slope:.2f} KB/doc); whole run {small_run:.0f} -> "
          f"{large_run:.0f} MB ({whole:.2f} KB/doc)")
    assert slope < MAX_SLOPE_KB_PER_DOC, f"pipeline peak RSS {small:.0f} -> {large:.0f} MB: {slope:.1f} KB/doc"
