"""Beam pipeline for the annotation audit (large annotation sets).

Thin transforms over `annotation.core`:
  records (JSONL/Parquet, read per file, streamed) -> per-record parts (personnel check against the roster,
  which travels with the audit context as a side input; label and batch checks) -> findings combined per
  (code, batch, annotator) with bounded reference lists; counts combined per (batch, annotator, role);
  records grouped by (batch, item) and joined with gold labels and verdicts (CoGroupByKey) -> item summaries
  (reviewer ≠ annotator, reference label) -> grouped by batch -> sampling (seeded hash, no global shuffle),
  accuracy, agreement, Dawid–Skene.
Memory bound: only the last step holds a whole batch, as compact item summaries — O(items × annotators per
item) for one batch on one worker; everything else is per record, per item or a small combined aggregate.
The driver reads back one small part file and assembles the audit exactly as the local engine does.
"""

from __future__ import annotations

import json
import os
import tempfile
from typing import Any

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions

from corpusgov.annotation.audit import Engine, audit_annotations, raise_input_errors, summarize
from corpusgov.annotation.batch import analyze_batch
from corpusgov.annotation.core import (
    AuditContext,
    record_parts,
    refs_add,
    refs_extract,
    refs_merge,
)
from corpusgov.annotation.io import infer_format, iter_records, iter_rows, parse_row
from corpusgov.annotation.models import AnnotationInputError, GoldLabel, Verdict


class RefsCombineFn(beam.CombineFn):
    """Count of references plus the `cap` smallest of them (order-independent, bounded)."""

    def __init__(self, cap: int):
        self.cap = cap

    def create_accumulator(self):
        return (0, [])

    def add_input(self, acc, ref):
        return refs_add(acc, ref, self.cap)

    def merge_accumulators(self, accs):
        return refs_merge(accs, self.cap)

    def extract_output(self, acc):
        return refs_extract(acc, self.cap)


class RecordPartsFn(beam.DoFn):
    """Stream one records file and emit each record's parts; the roster checker is built once per worker.

    Parsing happens where the file is read, so only compact parts (tuples, small dicts) cross a shuffle.
    Parallelism is per input file: shard large annotation sets into several files.
    """

    def __init__(self, ctx: AuditContext):
        self.ctx = ctx
        self.checker = None

    def setup(self):
        self.checker = self.ctx.checker()

    def process(self, spec):
        full, fmt, display = spec
        rows = 0
        for _, row, parsed in iter_records(full, fmt):
            rows += 1
            for kind, key, val in record_parts(display, row, parsed, self.ctx, self.checker):
                yield beam.pvalue.TaggedOutput(kind, (key, val))
        yield beam.pvalue.TaggedOutput("rows", (display, rows))


def _read_side(path: str, model):
    for row, obj in iter_rows(path, infer_format(path, None)):
        yield parse_row(model, path, row, obj)


def _item_step(element, ctx: AuditContext):
    (batch, item_id), grouped = element
    recs = list(grouped["recs"])
    golds = list(grouped["gold"])
    verdicts = dict(sorted(grouped["verdicts"]))
    s, orphans = summarize(batch, item_id, recs, golds[-1] if golds else None, verdicts, ctx)
    for o in orphans:
        yield beam.pvalue.TaggedOutput("orphans", o)
    if s is not None:
        yield (batch, s)


def _line(kind: str, value: Any) -> str:
    return json.dumps({"t": kind, "v": value}, sort_keys=True)


def compute_beam(ctx: AuditContext, out_dir: str, beam_args: list[str]) -> dict[str, Any]:
    """Run the pipeline and return the same parts dict as `annotation.audit.compute_local`."""
    options = PipelineOptions(beam_args)
    runner = None
    if not any(a.startswith("--runner") for a in beam_args):
        from apache_beam.runners.portability.fn_api_runner import FnApiRunner

        runner = FnApiRunner()  # the default runner would first try to download Prism
    cap = ctx.config.max_refs
    work = tempfile.mkdtemp(prefix="annotation_parts_", dir=out_dir if os.path.isdir(out_dir) else None)
    prefix = os.path.join(work, "parts")
    with beam.Pipeline(runner=runner, options=options) as p:
        recs = (
            p
            | "RecordFiles" >> beam.Create(ctx.record_files)
            | "Spread" >> beam.Reshuffle()
            | "RecordParts" >> beam.ParDo(RecordPartsFn(ctx)).with_outputs(
                "rows", "error", "finding", "count", "item")
        )
        outs = []
        outs.append(recs.error | "ErrLines" >> beam.Map(lambda kv: _line("error", kv[1])))
        outs.append(recs.rows | "RowsSum" >> beam.CombinePerKey(sum)
                    | "RowLines" >> beam.Map(lambda kv: _line("rows", [kv[0], kv[1]])))
        outs.append(recs.finding | "FindingsCombine" >> beam.CombinePerKey(RefsCombineFn(cap))
                    | "FindingLines" >> beam.Map(lambda kv: _line("findings", [list(kv[0]), list(kv[1])])))
        outs.append(recs.count | "CountsSum" >> beam.CombinePerKey(sum)
                    | "CountLines" >> beam.Map(lambda kv: _line("counts", [list(kv[0]), kv[1]])))
        gold = (p | "GoldFiles" >> beam.Create([ctx.gold_path] if ctx.gold_path else [])
                | "ReadGold" >> beam.FlatMap(_read_side, GoldLabel))
        verdicts = (p | "VerdictFiles" >> beam.Create([ctx.verdicts_path] if ctx.verdicts_path else [])
                    | "ReadVerdicts" >> beam.FlatMap(_read_side, Verdict))
        outs.append((gold, verdicts) | "SideErrors" >> beam.Flatten()
                    | "KeepSideErrors" >> beam.Filter(lambda x: isinstance(x, str))
                    | "SideErrLines" >> beam.Map(lambda e: _line("side_error", e)))
        gold_kv = (gold | "GoodGold" >> beam.Filter(lambda g: not isinstance(g, str))
                   | "GoldKV" >> beam.Map(lambda g: ((g.batch, g.item_id), g.key)))
        verdict_kv = (verdicts | "GoodVerdicts" >> beam.Filter(lambda v: not isinstance(v, str))
                      | "VerdictKV" >> beam.Map(lambda v: ((v.batch, v.item_id), (v.annotator_id, v.verdict))))
        items = (
            {"recs": recs.item, "gold": gold_kv, "verdicts": verdict_kv}
            | "JoinItems" >> beam.CoGroupByKey()
            | "Items" >> beam.FlatMap(_item_step, ctx).with_outputs("orphans", main="summaries")
        )
        outs.append(items.orphans | "OrphanLines" >> beam.Map(lambda o: _line("orphans", o)))
        outs.append(
            items.summaries
            | "ByBatch" >> beam.GroupByKey()
            | "AnalyzeBatch" >> beam.Map(lambda kv, c: analyze_batch(kv[0], list(kv[1]), c), ctx)
            | "BatchLines" >> beam.Map(lambda r: _line("batches", r))
        )
        _ = (tuple(outs) | "AllParts" >> beam.Flatten()
             | "Write" >> beam.io.WriteToText(prefix, shard_name_template="", num_shards=1))
    parts: dict[str, Any] = {"findings": [], "counts": [], "rows": [], "batches": [], "orphans": []}
    errors: list[str] = []
    side_errors: list[str] = []
    with open(prefix, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["t"] == "error":
                errors.append(d["v"])
            elif d["t"] == "side_error":
                side_errors.append(d["v"])
            else:
                parts[d["t"]].append(d["v"])
    os.remove(prefix)
    os.rmdir(work)
    if side_errors:
        raise AnnotationInputError("\n".join(sorted(side_errors)[:20]))
    raise_input_errors(errors)
    for k in ("findings", "counts", "rows", "orphans"):
        parts[k].sort(key=lambda x: json.dumps(x, sort_keys=True))
    parts["batches"].sort(key=lambda b: b["batch"])
    return json.loads(json.dumps(parts, sort_keys=True))


def beam_engine(beam_args: list[str] | None = None) -> Engine:
    """The Beam engine for `annotation.audit.audit_annotations`, with the pipeline options it runs with."""
    args = list(beam_args or [])
    return lambda ctx, out_dir: compute_beam(ctx, out_dir, args)


def main(argv: list[str] | None = None) -> int:
    """`python -m corpusgov.pipelines.annotation_audit --config PATH --out DIR [beam args…]` (the CLI's `audit`)."""
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--config", required=True)
    ap.add_argument("--out", required=True)
    args, beam_args = ap.parse_known_args(argv)
    audit = audit_annotations(args.config, args.out, beam_engine(beam_args))
    print(json.dumps(audit["summary"], sort_keys=True))
    return 0 if audit["passed"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
