"""Duplicate statistics: counts of exact / near duplicates, clusters and the cluster-size histogram.

Why a module of its own: the same numbers are computed inside a Beam pipeline (``DedupStats``, for
``FindDuplicates(with_stats=True)``) and by the staged run's driver from the duplicate rows on disk
(``stats_from_rows``); both share the histogram buckets.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import apache_beam as beam


def size_bucket(n: int) -> str:
    """Cluster-size histogram key: "2", "3", "4", then power-of-two ranges "5-8", "9-16", "17-32", ..."""
    if n <= 4:
        return str(n)
    lo, hi = 5, 8
    while n > hi:
        lo, hi = hi + 1, hi * 2
    return f"{lo}-{hi}"


def _sorted_hist(hist: dict[str, int]) -> dict[str, int]:
    return dict(sorted(hist.items(), key=lambda kv: int(kv[0].split("-")[0])))


def stats_from_rows(rows: Iterable[dict[str, Any]], changed_last_round: int, cc_rounds: int,
                    ) -> tuple[dict[str, Any], dict[int, int]]:
    """(the ``DedupStats`` dict, {cluster size: clusters}) from every ``FindDuplicates`` output row.

    The same numbers ``DedupStats`` computes inside a pipeline, for callers that wrote the rows to files;
    memory grows with the number of duplicate clusters, not with the corpus."""
    counts = [0, 0, 0]
    sizes: dict[str, int] = {}
    for d in rows:
        if d["dup_of"] is None:
            counts[2] += 1
        elif d["dup_kind"] == "exact":
            counts[0] += 1
        else:
            counts[1] += 1
        sizes[d["dup_cluster"]] = sizes.get(d["dup_cluster"], 0) + 1
    by_size: dict[int, int] = {}
    hist: dict[str, int] = {}
    for n in sizes.values():
        by_size[n] = by_size.get(n, 0) + 1
        hist[size_bucket(n)] = hist.get(size_bucket(n), 0) + 1
    stats = {"exact_duplicate_records": counts[0], "near_duplicate_records": counts[1], "clusters": counts[2],
             "cluster_size_histogram": _sorted_hist(hist),
             "cc_rounds": cc_rounds, "cc_changed_last_round": changed_last_round,
             "cc_converged": changed_last_round == 0}
    return stats, by_size


class _CountsFn(beam.CombineFn):
    """exact / near duplicate records (non-representatives) and clusters (= representatives)."""

    def create_accumulator(self) -> list[int]:
        return [0, 0, 0]

    def add_input(self, acc: list[int], kv: tuple[str, dict[str, Any]]) -> list[int]:
        d = kv[1]
        if d["dup_of"] is None:
            acc[2] += 1
        elif d["dup_kind"] == "exact":
            acc[0] += 1
        else:
            acc[1] += 1
        return acc

    def merge_accumulators(self, accs: Iterable[list[int]]) -> list[int]:
        out = [0, 0, 0]
        for a in accs:
            out = [x + y for x, y in zip(out, a, strict=True)]
        return out

    def extract_output(self, acc: list[int]) -> dict[str, int]:
        return {"exact_duplicate_records": acc[0], "near_duplicate_records": acc[1], "clusters": acc[2]}


class _HistogramFn(beam.CombineFn):
    def create_accumulator(self) -> dict[str, int]:
        return {}

    def add_input(self, acc: dict[str, int], size: int) -> dict[str, int]:
        k = size_bucket(size)
        acc[k] = acc.get(k, 0) + 1
        return acc

    def merge_accumulators(self, accs: Iterable[dict[str, int]]) -> dict[str, int]:
        out: dict[str, int] = {}
        for a in accs:
            for k, v in a.items():
                out[k] = out.get(k, 0) + v
        return out

    def extract_output(self, acc: dict[str, int]) -> dict[str, int]:
        return _sorted_hist(acc)


class DedupStats(beam.PTransform):
    """One dict from FindDuplicates' output (plus the convergence counter when given)."""

    def __init__(self, changed_last_round: beam.PCollection | None = None, cc_rounds: int | None = None):
        super().__init__()
        self.changed_last_round = changed_last_round
        self.cc_rounds = cc_rounds

    def expand(self, dups: beam.PCollection) -> beam.PCollection:
        counts = dups | "Counts" >> beam.CombineGlobally(_CountsFn())
        hist = (
            dups
            | "ClusterOf" >> beam.Map(lambda kv: (kv[1]["dup_cluster"], 1))
            | "ClusterSize" >> beam.CombinePerKey(sum)
            | "Sizes" >> beam.Values()
            | "Histogram" >> beam.CombineGlobally(_HistogramFn())
        )
        if self.changed_last_round is not None:
            changed = self.changed_last_round
        else:
            changed = dups.pipeline | "NoCC" >> beam.Create([0])
        rounds = self.cc_rounds

        def assemble(c: dict[str, int], h: dict[str, int], ch: int) -> dict[str, Any]:
            return {**c, "cluster_size_histogram": h, "cc_rounds": rounds, "cc_changed_last_round": ch,
                    "cc_converged": ch == 0}

        return counts | "Assemble" >> beam.Map(
            assemble, beam.pvalue.AsSingleton(hist), beam.pvalue.AsSingleton(changed)
        )
