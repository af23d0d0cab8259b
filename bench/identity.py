"""The ceiling: a Beam pipeline that reads the benchmark's input files and writes the same lines back.

Same files, same runner and options as the governance run, no per-record work; what is left is Beam's own
read/shuffle-free write cost, so governance throughput / identity throughput says how much the governance
logic costs on top of the framework.
"""

from __future__ import annotations

import argparse
import os
import time


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--inputs", nargs="+", required=True)
    ap.add_argument("--out", required=True)
    a, beam_args = ap.parse_known_args()
    import apache_beam as beam
    from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions

    opts = PipelineOptions(beam_args)
    runner = opts.view_as(StandardOptions).runner
    if runner is None:  # same default as corpusgov.run.pipeline_options: in-process FnApiRunner
        from apache_beam.runners.portability.fn_api_runner import FnApiRunner

        runner = FnApiRunner()
    os.makedirs(a.out, exist_ok=True)
    t0 = time.monotonic()
    p = beam.Pipeline(runner=runner, options=opts)
    reads = [p | f"Read{i}" >> beam.io.ReadFromText(path) for i, path in enumerate(a.inputs)]
    (reads | "All" >> beam.Flatten() | "Write" >> beam.io.WriteToText(os.path.join(a.out, "part")))
    p.run().wait_until_finish()
    print(f"identity pipeline {time.monotonic() - t0:.2f}s")


if __name__ == "__main__":
    main()
