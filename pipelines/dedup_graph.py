"""From candidate pairs to duplicate clusters, as one Beam ``PTransform`` (``ClusterPairs``).

Input: candidate pairs ``((id_a, id_b), (rank_a, rank_b))``, the members of exact groups of two or more
``(representative id, member id)`` and the signatures as a PCollection ``(id, signature bytes)``. Used by
``FindDuplicates`` (one Beam graph); a staged run labels over disk partitions instead
(``dedup_label``, the same rounds and rows). Steps:

1. verify: a pair with estimated Jaccard >= threshold becomes an edge (both directions);
2. connected components by min-label propagation, unrolled for ``cc_rounds`` rounds (one GroupByKey per
   round: each node sends its label to its neighbours and keeps its adjacency). Nodes whose label still
   changed in the last round are counted (``changed_nodes``, Beam counter ``cc_changed_last_round``), so a
   non-converged result is reported, never silent. Labels are ranks: the same result on any runner;
3. emit: per exact representative, its cluster and the rows of its exact members.

Everything here holds records that are in a candidate pair or an exact group, never the whole corpus.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import apache_beam as beam
import numpy as np
from apache_beam.metrics import Metrics

from corpusgov.pipelines.dedup_label import dup_rows
from corpusgov.quality.minhash import bytes_to_signature

NS = "corpusgov.dedup"

Rank = tuple[Any, ...]  # (priority, record_id) or, in staged runs, (priority, record_id, key-file index)


def _untag(tagged: Iterable[tuple[str, Any]]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {"sig": [], "pair": [], "labels": [], "members": []}
    for tag, v in tagged:
        out[tag].append(v)
    return out


class Join(beam.PTransform):
    """CoGroupByKey as Flatten + GroupByKey of (key, (tag, value)) with single-output steps only.

    Why: Beam 2.77's DaskRunner mixes the outputs of a multi-output ParDo and passes a Map's extra
    arguments twice, which is how its CoGroupByKey is built; this join runs on every runner."""

    def expand(self, tagged: dict[str, beam.PCollection]) -> beam.PCollection:
        parts = [pc | f"Tag{tag}" >> beam.Map(_tagger(tag)) for tag, pc in sorted(tagged.items())]
        return parts | "Union" >> beam.Flatten() | "Group" >> beam.GroupByKey()


def _tagger(tag: str):
    return lambda kv: (kv[0], (tag, kv[1]))


def _attach(kv: tuple[str, Iterable[tuple[str, Any]]]) -> Iterator[Any]:
    """Join step: each pair keyed by one of its ids picks up that id's signature."""
    _, tagged = kv
    g = _untag(tagged)
    if not g["sig"]:
        return
    sig = g["sig"][0]
    for pair, carried in g["pair"]:
        yield pair, (*carried, sig)


class _VerifyPairs(beam.DoFn):
    """Verified edges, both directions, each carrying the neighbour's rank."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold

    def process(self, kv: tuple[tuple[str, str], Iterable[tuple[Rank, Rank, bytes, bytes]]]) -> Iterator[Any]:
        (ia, ib), vals = kv
        ra, rb, sa, sb = next(iter(vals))  # a pair found in several buckets carries the same values
        a, b = bytes_to_signature(sa), bytes_to_signature(sb)
        if np.count_nonzero(a == b) / a.shape[0] >= self.threshold:
            yield ia, (tuple(ra), ib, tuple(rb))
            yield ib, (tuple(rb), ia, tuple(ra))


def _node_state(kv: tuple[str, Iterable[tuple[Rank, str, Rank]]]) -> tuple[str, tuple[Rank, tuple[str, ...]]]:
    """(node, (label, neighbours)): initial label = own rank; duplicate edges from several bands merge."""
    node, edges = kv
    own: Rank | None = None
    nbrs: dict[str, Rank] = {}
    for r_self, nb, r_nb in edges:
        own = tuple(r_self)
        nbrs[nb] = tuple(r_nb)
    assert own is not None
    label = min([own, *nbrs.values()])  # first round folded in: neighbours' own ranks are known
    return node, (label, tuple(sorted(nbrs)))


def _send(kv: tuple[str, tuple[Any, ...]]) -> Iterator[tuple[str, tuple]]:
    node, (label, nbrs) = kv[0], kv[1][:2]
    yield node, ("s", label, nbrs)
    for nb in nbrs:
        yield nb, ("m", label)


class _Receive(beam.DoFn):
    """New label = min over own and received labels; the last round also marks nodes still changing."""

    def __init__(self, last: bool) -> None:
        self.last = last
        self.changed = Metrics.counter(NS, "cc_changed_last_round")

    def process(self, kv: tuple[str, Iterable[tuple]]) -> Iterator[Any]:
        node, msgs = kv
        old: Rank | None = None
        nbrs: tuple[str, ...] = ()
        best: Rank | None = None
        for m in msgs:
            lab = tuple(m[1])
            if m[0] == "s":
                old, nbrs = lab, tuple(m[2])
            if best is None or lab < best:
                best = lab
        if old is None:  # message to a node that does not exist: cannot happen with symmetric edges
            return
        assert best is not None
        changed = self.last and best != old
        if changed:
            self.changed.inc()
        yield node, (best, nbrs, changed)


def _emit(kv: tuple[str, Iterable[tuple[str, Any]]]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Per exact-group representative g: its final label (if in the near graph) and its exact members."""
    g, tagged = kv
    grouped = _untag(tagged)
    labels = grouped["labels"]
    members = grouped["members"]
    label = labels[0][1] if labels else None  # rank = (priority, record_id, ...)
    yield from dup_rows(g, label, members)


class ClusterPairs(beam.PTransform):
    """{"pairs", "members", "sigs"} -> (record_id, {"dup_cluster", "dup_of", "dup_kind"}) per duplicate.

    ``changed_nodes`` (set by ``expand``): one element (1) per label still changing in the last round."""

    def __init__(self, threshold: float, cc_rounds: int) -> None:
        super().__init__()
        if cc_rounds < 1:
            raise ValueError("cc_rounds must be >= 1")
        self.threshold = threshold
        self.cc_rounds = cc_rounds
        self.changed_nodes: beam.PCollection | None = None

    def expand(self, inputs: dict[str, beam.PCollection]) -> beam.PCollection:
        pairs, members = inputs["pairs"], inputs["members"]
        sigs = inputs["sigs"]
        with_a = (
            {"pair": pairs | "PairByA" >> beam.Map(lambda kv: (kv[0][0], (kv[0], kv[1]))), "sig": sigs}
            | "JoinSigA" >> Join()
            | "AttachA" >> beam.FlatMap(_attach)
        )
        with_sigs = (
            {"pair": with_a | "PairByB" >> beam.Map(lambda kv: (kv[0][1], (kv[0], kv[1]))), "sig": sigs}
            | "JoinSigB" >> Join()
            | "AttachB" >> beam.FlatMap(_attach)
        )
        edges = (
            with_sigs
            | "GroupPairs" >> beam.GroupByKey()
            | "VerifyPairs" >> beam.ParDo(_VerifyPairs(self.threshold))
        )
        state = edges | "GroupAdjacency" >> beam.GroupByKey() | "InitLabels" >> beam.Map(_node_state)
        for i in range(self.cc_rounds):
            last = i == self.cc_rounds - 1
            state = (
                state
                | f"Send{i}" >> beam.FlatMap(_send)
                | f"Gather{i}" >> beam.GroupByKey()
                | f"Receive{i}" >> beam.ParDo(_Receive(last))
            )
        self.changed_nodes = state | "Changed" >> beam.FlatMap(lambda kv: [1] if kv[1][2] else [])
        labels = state | "Labels" >> beam.Map(lambda kv: (kv[0], kv[1][0]))
        return (
            {"labels": labels, "members": members}
            | "JoinGroups" >> Join()
            | "Emit" >> beam.FlatMap(_emit)
        )
