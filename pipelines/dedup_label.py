"""The decide stage's labelling over disk partitions: candidate pairs -> verified edges -> components -> rows.

Why: in one Beam pipeline the in-process runner held every candidate pair (with both signatures), every
edge and every label at each GroupByKey, so the decide stage grew with the number of duplicate records
(539 -> 722 MB from 100k to 1M documents). Here each step is a task over one disk partition:

1. sign-a (task = key file): the pairs whose first record lives in that key file (``pairs/fFFFFFF``) get its
   signature -> ``side_b/f<file of the second record>``;
2. verify (task = key file): the second signature is read, a pair with estimated Jaccard >= threshold
   becomes an edge in both directions -> ``edges/h<node partition>``;
3. init (task = node partition): a node's label is the least rank of itself and its neighbours (the first
   propagation round, as ``dedup_graph._node_state``) -> ``state/0``; its label goes to its neighbours'
   partitions (``msgs/0``);
4. rounds 1..cc_rounds (task = node partition): label = min(own label, labels received), then sent on.
   Exactly the rounds of ``dedup_graph.ClusterPairs``; when no label changed in a round the later rounds
   would change none either, so they run no task (and the last round's change count is 0): the rounds are
   unrolled up to cc_rounds in the decide stage's one task pipeline (``tasks.chain_pipeline``), each round's
   tasks given the previous round's change counts;
5. emit (task = node partition): per exact representative, its label and its exact members
   (``members/h<partition of the representative>``) -> duplicate rows per output shard;
6. shard (task = output shard): its duplicate rows sorted by record id -> ``dups/sNNNNN``.

A task holds the pairs of one key file or the nodes of one partition, never every duplicate; node
partitions follow a hash of the record id and ranks are (priority, record id, key-file index), so the
clusters are those of ``ClusterPairs`` on any runner and with any number of partitions.
"""

from __future__ import annotations

import glob
import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from corpusgov.lineage.hashing import shard_of
from corpusgov.pipelines.annotated import DUPS_SCHEMA, Layout, read_parts, write_atomic_table
from corpusgov.pipelines.tasks import ChainStep, maker, read_summaries
from corpusgov.quality.minhash import bytes_to_signature

Rank = tuple[int, str, int]  # (priority, record id, key-file index)

PAIRS_SCHEMA = pa.schema([("a", pa.string()), ("b", pa.string()), ("a_priority", pa.int64()),
                          ("a_file", pa.int64()), ("b_priority", pa.int64()), ("b_file", pa.int64())])
SIDE_B_SCHEMA = pa.schema([*PAIRS_SCHEMA, ("sig_a", pa.binary())])
EDGES_SCHEMA = pa.schema([("node", pa.string()), ("priority", pa.int64()), ("file", pa.int64()),
                          ("nbr", pa.string()), ("nbr_priority", pa.int64()), ("nbr_file", pa.int64())])
_LABEL = [("lp", pa.int64()), ("lid", pa.string()), ("lf", pa.int64())]
STATE_SCHEMA = pa.schema([("node", pa.string()), *_LABEL, ("nbrs", pa.list_(pa.string()))])
MSGS_SCHEMA = pa.schema([("node", pa.string()), *_LABEL])
MEMBERS_SCHEMA = pa.schema([("rep", pa.string()), ("member", pa.string())])


def label_path(work: str, *names: str) -> str:
    return os.path.join(work, "decide", "label", *names)


def pairs_path(work: str, a_file: int, r: int) -> str:
    """Distinct candidate pairs of pair partition r whose first record is in key file `a_file`."""
    return label_path(work, "pairs", f"f{a_file:06d}", f"r{r:06d}.parquet")


def members_path(work: str, h: int, p: int) -> str:
    """Exact-group members of exact partition p whose representative is in node partition h."""
    return label_path(work, "members", f"h{h:06d}", f"p{p:06d}.parquet")


def node_part(record_id: str, parts: int) -> int:
    """The node partition of a record id (a hash, so independent of arrival order and worker)."""
    return int.from_bytes(hashlib.blake2b(record_id.encode(), digest_size=8).digest(), "big") % parts


@dataclass(frozen=True)
class LabelPlan:
    """Where the labelling steps read and write, and what they need."""

    work: str
    key_files: list[str]
    parts: int
    threshold: float
    cc_rounds: int
    num_shards: int

    def path(self, *names: str) -> str:
        return label_path(self.work, *names)

    def state(self, i: int, h: int) -> str:
        return self.path("state", f"i{i:03d}", f"h{h:06d}.parquet")

    def msgs(self, i: int, h: int, src: int) -> str:
        return self.path("msgs", f"i{i:03d}", f"h{h:06d}", f"s{src:06d}.parquet")

    def read(self, schema: pa.Schema, *names: str) -> pa.Table:
        return read_parts(glob.glob(os.path.join(self.path(*names), "*.parquet")), schema)


def _write_groups(rows: list[dict[str, Any]], schema: pa.Schema, path_of: Callable[[Any], str],
                  key: Callable[[dict[str, Any]], Any]) -> None:
    """Rows grouped by `key`, one file per group (rows keep their order inside a group)."""
    per: dict[Any, list[dict[str, Any]]] = {}
    for r in rows:
        per.setdefault(key(r), []).append(r)
    for k in sorted(per):
        write_atomic_table(pa.Table.from_pylist(per[k], schema=schema), path_of(k))


def _signatures(path: str, ids: set[str]) -> dict[str, bytes]:
    t = pq.read_table(path, columns=["record_id", "signature"])
    t = t.filter(pc.is_in(t["record_id"], value_set=pa.array(sorted(ids), pa.string())))
    return dict(zip(t["record_id"].to_pylist(), t["signature"].to_pylist(), strict=True))


class SignA:
    """Task = key file f: pairs whose first record is in f, with its signature -> by the second's file."""

    def __init__(self, plan: LabelPlan) -> None:
        self.plan = plan

    def run(self, f: int) -> dict[str, Any]:
        pl = self.plan
        rows = pl.read(PAIRS_SCHEMA, "pairs", f"f{f:06d}").to_pylist()
        if rows:
            sigs = _signatures(pl.key_files[f], {r["a"] for r in rows})
            rows = [{**r, "sig_a": sigs[r["a"]]} for r in rows]
            _write_groups(rows, SIDE_B_SCHEMA, lambda bf: pl.path("side_b", f"f{bf:06d}", f"a{f:06d}.parquet"),
                          lambda r: r["b_file"])
        return {"task": f, "rows": len(rows)}


class Verify:
    """Task = key file f: pairs whose second record is in f -> edges (both directions) by node partition."""

    def __init__(self, plan: LabelPlan) -> None:
        self.plan = plan

    def run(self, f: int) -> dict[str, Any]:
        pl = self.plan
        rows = pl.read(SIDE_B_SCHEMA, "side_b", f"f{f:06d}").to_pylist()
        edges: list[dict[str, Any]] = []
        if rows:
            sigs = _signatures(pl.key_files[f], {r["b"] for r in rows})
            for r in rows:
                a, b = bytes_to_signature(r["sig_a"]), bytes_to_signature(sigs[r["b"]])
                if np.count_nonzero(a == b) / a.shape[0] >= pl.threshold:  # as dedup_graph._VerifyPairs
                    edges.append({"node": r["a"], "priority": r["a_priority"], "file": r["a_file"],
                                  "nbr": r["b"], "nbr_priority": r["b_priority"], "nbr_file": r["b_file"]})
                    edges.append({"node": r["b"], "priority": r["b_priority"], "file": r["b_file"],
                                  "nbr": r["a"], "nbr_priority": r["a_priority"], "nbr_file": r["a_file"]})
            _write_groups(edges, EDGES_SCHEMA, lambda h: pl.path("edges", f"h{h:06d}", f"f{f:06d}.parquet"),
                          lambda e: node_part(e["node"], pl.parts))
        return {"task": f, "rows": len(rows), "edges": len(edges)}


def _label_row(node: str, label: Rank) -> dict[str, Any]:
    return {"node": node, "lp": label[0], "lid": label[1], "lf": label[2]}


def _send(pl: LabelPlan, i: int, h: int, state: list[dict[str, Any]]) -> None:
    """Each node's label to each of its neighbours, one file per receiving partition."""
    msgs = [_label_row(nb, (s["lp"], s["lid"], s["lf"])) for s in state for nb in s["nbrs"]]
    _write_groups(msgs, MSGS_SCHEMA, lambda k: pl.msgs(i, k, h), lambda m: node_part(m["node"], pl.parts))


class InitLabels:
    """Task = node partition h: its edges -> (label, neighbours) per node; labels sent for round 1."""

    def __init__(self, plan: LabelPlan) -> None:
        self.plan = plan

    def run(self, h: int) -> dict[str, Any]:
        pl = self.plan
        own: dict[str, Rank] = {}
        nbrs: dict[str, dict[str, Rank]] = {}
        for e in pl.read(EDGES_SCHEMA, "edges", f"h{h:06d}").to_pylist():
            own[e["node"]] = (e["priority"], e["node"], e["file"])
            nbrs.setdefault(e["node"], {})[e["nbr"]] = (e["nbr_priority"], e["nbr"], e["nbr_file"])
        state = [{**_label_row(n, min([own[n], *nbrs[n].values()])), "nbrs": sorted(nbrs[n])} for n in sorted(own)]
        write_atomic_table(pa.Table.from_pylist(state, schema=STATE_SCHEMA), pl.state(0, h))
        _send(pl, 0, h, state)
        return {"task": h, "rows": len(state)}


class LabelRound:
    """Task = node partition h in round i: label = min(own label, labels received); sent on unless last."""

    def __init__(self, plan: LabelPlan, i: int, last: bool) -> None:
        self.plan, self.i, self.last = plan, i, last

    def run(self, h: int) -> dict[str, Any]:
        pl, i = self.plan, self.i
        best: dict[str, Rank] = {}
        for m in pl.read(MSGS_SCHEMA, "msgs", f"i{i - 1:03d}", f"h{h:06d}").to_pylist():
            lab = (m["lp"], m["lid"], m["lf"])
            if m["node"] not in best or lab < best[m["node"]]:
                best[m["node"]] = lab
        state = pq.read_table(pl.state(i - 1, h)).to_pylist()
        changed = 0
        for s in state:
            old = (s["lp"], s["lid"], s["lf"])
            new = min(old, best.get(s["node"], old))
            if new != old:
                changed += 1
                s.update(_label_row(s["node"], new))
        write_atomic_table(pa.Table.from_pylist(state, schema=STATE_SCHEMA), pl.state(i, h))
        if not self.last:
            _send(pl, i, h, state)
        return {"task": h, "rows": len(state), "changed": changed}


class EmitRows:
    """Task = node partition h: per exact representative in h, its duplicate rows -> per output shard.

    The rows of ``dedup_graph._emit``: a representative whose label is another record joins that record's
    cluster with all its exact members (kind near); otherwise it heads its own cluster."""

    def __init__(self, plan: LabelPlan) -> None:
        self.plan = plan

    def run(self, task: tuple[int, int]) -> dict[str, Any]:
        """``task``: (node partition, the last round that ran: its labels are final)."""
        pl = self.plan
        h, final = task
        state = pq.read_table(pl.state(final, h), columns=["node", "lid"])
        labels = dict(zip(state["node"].to_pylist(), state["lid"].to_pylist(), strict=True))
        members: dict[str, list[str]] = {}
        for m in pl.read(MEMBERS_SCHEMA, "members", f"h{h:06d}").to_pylist():
            members.setdefault(m["rep"], []).append(m["member"])
        rows = [{"record_id": rid, **row} for g in sorted(set(labels) | set(members))
                for rid, row in dup_rows(g, labels.get(g), members.get(g, []))]
        _write_groups(rows, DUPS_SCHEMA, lambda s: pl.path("dup_parts", f"s{s:05d}", f"h{h:06d}.parquet"),
                      lambda r: shard_of(r["record_id"], pl.num_shards))
        return {"task": h, "rows": len(rows)}


def dup_rows(g: str, label: str | None, members: list[str]) -> Iterator[tuple[str, dict[str, Any]]]:
    """The duplicate rows of exact-group representative ``g`` with its near-duplicate label (None: not in the
    near graph) and its exact members; shared with ``dedup_graph``'s Beam path so both write the same rows."""
    rep, near = (g, False) if label is None else (label, True)
    if rep == g:
        yield g, {"dup_cluster": g, "dup_of": None, "dup_kind": "near" if near else "exact"}
        for m in members:
            if m != g:
                yield m, {"dup_cluster": g, "dup_of": g, "dup_kind": "exact"}
    else:
        yield g, {"dup_cluster": rep, "dup_of": rep, "dup_kind": "near"}
        for m in members:
            if m != g:
                yield m, {"dup_cluster": rep, "dup_of": rep, "dup_kind": "near"}


class ShardDups:
    """Task = output shard: its duplicate rows from every node partition, sorted -> ``dups/sNNNNN``."""

    def __init__(self, plan: LabelPlan) -> None:
        self.plan = plan

    def run(self, shard: int) -> dict[str, Any]:
        t = self.plan.read(DUPS_SCHEMA, "dup_parts", f"s{shard:05d}")
        if t.num_rows:
            write_atomic_table(t.sort_by("record_id"), Layout(self.plan.work).dups(shard))
        return {"task": shard, "rows": t.num_rows}


def round_task(state: dict[str, Any], k: int) -> int | None:
    """Round i at node partition k; none once a round changed no label (the later rounds would change none)."""
    return k if state["running"] else None


def _after_round(state: dict[str, Any], summaries: list[dict[str, Any]], i: int) -> dict[str, Any]:
    if not state["running"]:
        return state
    changed = sum(s["changed"] for s in summaries)
    return {"final": i, "changed": changed, "running": changed != 0}


def _emit_task(state: dict[str, Any], k: int) -> tuple[int, int]:
    return k, state["final"]


def fixed_task(_state: dict[str, Any], k: int) -> int:
    """A step whose task at position k is k whatever the state."""
    return k


START = {"final": 0, "changed": 0, "running": True}  # the chain's state before the label rounds


def label_steps(plan: LabelPlan, summary_dir: Callable[[str], str]) -> list[ChainStep]:
    """Steps 1-6 as chain steps (``tasks.chain_pipeline``), state ``START``: the rounds are unrolled up to
    ``cc_rounds``; once a round changed no label, the later rounds run no task (until 2026-12-06 each round was
    a pipeline of its own and the driver stopped at the same round)."""
    files, parts = list(range(len(plan.key_files))), list(range(plan.parts))

    def step(name: str, make: Any, keys: list[int], task: Any = fixed_task, fold: Any = None) -> ChainStep:
        return ChainStep(name, summary_dir(name), make, keys, task, fold)

    steps = [step("label-sign-a", maker(SignA, plan), files), step("label-verify", maker(Verify, plan), files),
             step("label-init", maker(InitLabels, plan), parts)]
    steps += [step(f"label-round-{i:03d}", maker(LabelRound, plan, i, i == plan.cc_rounds), parts, round_task,
                   partial(_after_round, i=i)) for i in range(1, plan.cc_rounds + 1)]
    steps += [step("label-emit", maker(EmitRows, plan), parts, _emit_task),
              step("label-shards", maker(ShardDups, plan), list(range(plan.num_shards)))]
    return steps


def label_result(plan: LabelPlan, summary_dir: Callable[[str], str]) -> tuple[int, int]:
    """After ``label_steps`` ran: every task's summary checked present (the rounds up to the first that changed no
    label); returns (duplicate rows written, labels still changing in the last round)."""
    files, parts = list(range(len(plan.key_files))), list(range(plan.parts))
    for name, tasks in (("label-sign-a", files), ("label-verify", files), ("label-init", parts)):
        read_summaries(summary_dir(name), tasks, f"decide/{name}")
    state = dict(START)
    for i in range(1, plan.cc_rounds + 1):
        name = f"label-round-{i:03d}"
        state = _after_round(state, read_summaries(summary_dir(name), parts, f"decide/{name}"), i)
        if not state["running"]:
            break
    read_summaries(summary_dir("label-emit"), parts, "decide/label-emit")
    got = read_summaries(summary_dir("label-shards"), list(range(plan.num_shards)), "decide/label-shards")
    return sum(s["rows"] for s in got), state["changed"]
