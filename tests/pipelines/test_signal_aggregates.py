"""The finalise stage's per-batch signal aggregates equal the per-record loop they replaced (exact counters,
micro-unit sums, first-seen min/max), and the vectorised histogram bin is ``drill.signal_bucket``."""

from __future__ import annotations

import math
import random

import numpy as np

from corpusgov.drill import signal_bucket
from corpusgov.pipelines.governance import ShardAggregates, bucket_codes, bucket_label

EDGES = [0.0, -0.0, 1.0, -1.0, 0.05, 0.1, 0.95, 0.9999999, 1.0000001, 2.0, 3.999, 4.0, 1e-300, -1e300, 1e300,
         5e-324, 0.049999999999999996, 0.15, 0.35, 0.7, 1e6, 123456.789, 2.0**52 + 1]


def _reference(agg: ShardAggregates, rows: list[tuple[dict[str, float | None], str, str]]) -> None:
    """The per-record loop of RecordFinaliser.finalise before 2026-12-05, verbatim in substance."""
    counts, sigs, scale = agg.counts, agg.signals, agg.SCALE
    for signals, stage, lang in rows:
        for n, v in signals.items():
            if v is None or not math.isfinite(v):
                continue
            st = sigs.get(n)
            if st is None:
                sigs[n] = [1, round(v * scale), v, v]
            else:
                st[0] += 1
                st[1] += round(v * scale)
                if v < st[2]:
                    st[2] = v
                if v > st[3]:
                    st[3] = v
            b = signal_bucket(v)
            for key in (("q_hist", n, b), ("qh", n, stage, lang, b)):
                counts[key] = counts.get(key, 0) + 1


def _batches(seed: int) -> list[list[tuple[dict[str, float | None], str, str]]]:
    rng = random.Random(seed)
    specials = [*EDGES, None, math.nan, math.inf, -math.inf]
    out = []
    for size in (1, 7, 300, 2048):
        rows = []
        for _ in range(size):
            sig: dict[str, float | None] = {
                "frac": rng.random(),
                "count": float(rng.randint(0, 5000)),
                "mixed": rng.choice(specials) if rng.random() < 0.3 else rng.uniform(-3, 300),
                "log": -rng.expovariate(0.3),
                "nulls": None,
            }
            rows.append((sig, rng.choice(["kept", "quality", "duplicate"]), rng.choice(["zh", "en", "und"])))
        out.append(rows)
    zeros = [0.0, -0.0, 0.0, -0.0, -0.0] + [1.0] * 40 + [-0.0, 0.0] * 20  # min/max keep the first-seen zero
    out.append([({"frac": z, "count": -z, "mixed": z, "log": 0.0, "nulls": None}, "kept", "zh") for z in zeros])
    return out


def test_bucket_codes_are_signal_bucket() -> None:
    rng = random.Random(3)
    vals = [*EDGES, *(rng.uniform(-2, 2) for _ in range(5000)), *(rng.lognormvariate(0, 8) for _ in range(5000)),
            *(i / 20 for i in range(-5, 25)), *(2.0**e for e in range(-5, 60))]
    codes = bucket_codes(np.array(vals, dtype=np.float64))
    assert [bucket_label(int(c)) for c in codes] == [signal_bucket(v) for v in vals]


def test_batch_aggregates_equal_per_record_loop() -> None:
    for seed in range(4):
        ref, got = ShardAggregates(), ShardAggregates()
        for rows in _batches(seed):
            _reference(ref, rows)
            cols = {n: np.array([np.nan if r[0][n] is None else r[0][n] for r in rows], dtype=np.float64)
                    for n in rows[0][0]}
            got.add_signals(cols, [(stage, lang) for _, stage, lang in rows])
        assert got.counts == ref.counts
        assert got.signals == ref.signals
        # the signs of zero minima/maxima too (== treats -0.0 and 0.0 as equal)
        assert [math.copysign(1, x) for st in got.signals.values() for x in st[2:]] == \
            [math.copysign(1, x) for st in ref.signals.values() for x in st[2:]]
        assert "nulls" not in got.signals and got.counts


def test_wants_predicts_offer() -> None:
    """Offering only what `wants` accepts keeps the same drill-down samples as offering everything (the finaliser
    skips building samples that would not be kept)."""
    from corpusgov.drill import priority

    rng = random.Random(5)
    offers = [((rng.choice("ab"), rng.choice("xyz")), priority(f"r{rng.randrange(400)}"), f"s{i}")
              for i in range(3000)]
    everything, asked = ShardAggregates(), ShardAggregates()
    skipped = 0
    for key, prio, sample in offers:
        everything.offer(key, prio, sample)
        if asked.wants(key, prio):
            asked.offer(key, prio, sample)
        else:
            skipped += 1
    assert asked.drill == everything.drill and skipped > 2000
