"""`make bench`: synthetic bilingual corpus -> per-stage rates, end-to-end governance runs, Beam identity
ceiling, DataTrove peer -> bench/results.json + bench/results.md (and the table on stdout).

"Per core" figures are documents per CPU-second (user+sys of the whole process tree, from getrusage and a
psutil poll), so they hold on a shared machine where wall time is inflated by other work; wall-clock docs/s
and the load average during the run are reported beside them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import threading
import time
from typing import Any

from bench.config import REPO, write_config
from bench.gen import CorpusInfo, generate

PY = sys.executable
MODES: dict[str, list[str]] = {
    "in_process": [],
    "multi_processing": ["--direct_running_mode=multi_processing", "--direct_num_workers=2"],
    "portable": ["--runner=PortableRunner", "--job_endpoint=embed", "--environment_type=LOOPBACK"],
}
TARGETS = {"e2e_docs_per_s_per_core": 1000, "vs_datajuicer_per_core": 1.6, "vs_datatrove_per_core": 3.0, "identity_ratio_min": 0.1, "peak_rss_gb_at_1m": 2.0,
           "pii_docs_per_s_per_core": 2000, "language_docs_per_s_per_core": 3000,
           "minhash_docs_per_s_per_core": 3000, "quality_stage_docs_per_s_per_core": 2000}


# ---------------------------------------------------------------- measuring a child process tree
class TreeMonitor:
    """Polls a process tree: peak summed RSS, peak single RSS, and last-seen CPU seconds per process."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        import psutil

        self._ps = psutil
        self.root = psutil.Process(pid)
        self.interval = interval
        self.peak_sum = 0
        self.peak_single = 0
        self.cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._loop, daemon=True)
        self._t.start()

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except self._ps.Error:
                break
            total = 0
            for p in procs:
                try:
                    rss = p.memory_info().rss
                    ct = p.cpu_times()
                except self._ps.Error:
                    continue
                total += rss
                self.peak_single = max(self.peak_single, rss)
                self.cpu[p.pid] = ct.user + ct.system
            self.peak_sum = max(self.peak_sum, total)
            self._stop.wait(self.interval)

    def stop(self) -> None:
        self._stop.set()
        self._t.join()


def run_measured(cmd: list[str], log_path: str) -> dict[str, Any]:
    """Runs `cmd` under bench.rusage; returns wall, CPU (max of getrusage and the poll), peak RSS."""
    ru_path = log_path + ".rusage.json"
    load0 = os.getloadavg()[0]
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.Popen([PY, "-m", "bench.rusage", "-o", ru_path, "--", *cmd], stdout=log,
                                stderr=subprocess.STDOUT, cwd=REPO)
        try:
            mon: TreeMonitor | None = TreeMonitor(proc.pid)
        except ImportError:  # psutil missing: getrusage alone (exact for waited processes)
            mon = None
        rc = proc.wait()
        if mon is not None:
            mon.stop()
    with open(ru_path, encoding="utf-8") as f:
        ru = json.load(f)
    cpu_ru = ru["user_s"] + ru["sys_s"]
    cpu_poll = sum(mon.cpu.values()) if mon else 0.0
    peak_sum = mon.peak_sum if mon else 0
    peak_single = mon.peak_single if mon else 0
    return {"rc": rc, "wall_s": round(ru["wall_s"], 3), "cpu_s": round(max(cpu_ru, cpu_poll), 3),
            "peak_rss_mb_sum": round(max(peak_sum / 2**20, ru["max_rss_single_mb"]), 1),
            "peak_rss_mb_single": round(max(ru["max_rss_single_mb"], peak_single / 2**20), 1),
            "psutil_poll": mon is not None,
            "loadavg_1m_start": round(load0, 2), "loadavg_1m_end": round(os.getloadavg()[0], 2), "log": log_path}


def _last_line(path: str) -> str:
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = [ln.strip() for ln in f if ln.strip()]
    return lines[-1][:300] if lines else ""


def failed(m: dict[str, Any]) -> dict[str, Any]:
    """A run that exited non-zero: no rates, the error line instead (never counted as a result)."""
    return {"failed": True, "error": _last_line(m["log"]), "docs_per_s": None, "docs_per_s_per_core": None,
            "mb_per_s_per_core": None}


def rates(docs: int, nbytes: int, wall: float, cpu: float) -> dict[str, float]:
    return {"docs_per_s": round(docs / wall, 1) if wall else None,
            "docs_per_s_per_core": round(docs / cpu, 1) if cpu else None,
            "mb_per_s_per_core": round(nbytes / 1e6 / cpu, 3) if cpu else None}


# ---------------------------------------------------------------- per-stage, in this process
def stage_rates(corpus: CorpusInfo, policy_path: str, sample: int) -> dict[str, Any]:
    """Each stage alone over the same `sample` documents, single process: docs per CPU-second."""
    from corpusgov.config import load_policy
    from corpusgov.pipelines.ingest import make_record
    from corpusgov.quality.annotators import Annotators
    from corpusgov.quality.screening import load_lexicon
    from corpusgov.readers import FieldMapping, Parsed, ReadLimits, read_any

    policy = load_policy(policy_path)
    terms, _ = load_lexicon(os.path.join(REPO, "configs", "demo", "lexicon.txt"))
    files = [p for ps in corpus.files.values() for p in ps]
    fields = FieldMapping("text", "id", None, "url")
    limits = ReadLimits(**policy.limits.model_dump())
    out: dict[str, Any] = {}

    def timed(name: str, fn, n: int, nbytes: int) -> Any:  # type: ignore[no-untyped-def]
        w0, c0 = time.perf_counter(), time.process_time()
        res = fn()
        w, c = time.perf_counter() - w0, time.process_time() - c0
        out[name] = {"docs": n, "cpu_s": round(c, 3), "wall_s": round(w, 3), **rates(n, nbytes, w, c)}
        return res

    def ingest() -> list[dict[str, Any]]:
        recs: list[dict[str, Any]] = []
        per_file = max(1, sample // len(files))
        for i, path in enumerate(files):
            f = {"source_id": "s", "uri": path, "key": f"k{i}", "sha256": "0" * 64}
            with open(path, "rb") as h:
                for item in read_any("jsonl", h, path, fields, limits, ","):
                    if isinstance(item, Parsed):
                        recs.append(make_record(f, item))
                    if len(recs) >= per_file * (i + 1):
                        break
        return recs

    records = ingest()  # warm-up (page cache, imports)
    records = timed("ingest", ingest, len(records), 0)
    texts = [r["text"] for r in records]
    nbytes = sum(r["bytes"] for r in records)
    out["ingest"].update(rates(len(texts), nbytes, out["ingest"]["wall_s"], out["ingest"]["cpu_s"]))
    ann = Annotators(policy, terms)
    for name, fn in ann.stages().items():
        fn(texts[0])
        timed(name, lambda fn=fn: [fn(t) for t in texts], len(texts), nbytes)
    batches = [texts[i : i + 256] for i in range(0, len(texts), 256)]
    # Quality signals and MinHash as the annotate stage runs them: per batch of 256 (one numpy pass each).
    from corpusgov.quality.signals import compute_signals_batch

    timed("quality_batch", lambda: [compute_signals_batch(b, [None] * len(b)) for b in batches], len(texts), nbytes)
    # The quality stage as the pipeline runs it (issue 13's "quality stage" target): signals per batch of 256 with
    # each text's detected language (annotate), then the policy's rules on every text's signals, compiled once per
    # policy as the pipeline's PreDecider does (`rule_table.failed_rules`, the same result as `evaluate_rules`).
    from corpusgov.quality.rule_table import compile_rules, failed_rules

    lang_batches = [[ann.language.detect_mix(t).lang for t in b] for b in batches]  # not timed: language's row
    rule_table = compile_rules(policy.quality)

    def quality_stage() -> None:
        for b, lb in zip(batches, lang_batches, strict=True):
            for sig in compute_signals_batch(b, lb):
                failed_rules(sig, rule_table)

    quality_stage()  # warm-up: the English word tables load on first use
    timed("quality_stage", quality_stage, len(texts), nbytes)
    hasher = ann.minhash
    if hasher is not None:
        timed("minhash_batch", lambda: [hasher.signatures(b) for b in batches], len(texts), nbytes)
    scanner = ann.pii
    if scanner is not None:  # PI as annotate runs it: the CN_PERSON model decodes a batch in one numpy pass
        timed("pii_batch", lambda: [scanner.scan_batch(b) for b in batches], len(texts), nbytes)
    annotated = timed("annotate_all", lambda: [a for b in batches for a in ann.annotate_batch(b)], len(texts), nbytes)

    # The decide stage as `corpusgov run` runs it (exact + near duplicates through disk partitions, its Beam
    # task pipelines on the in-process runner) over these records' key rows. Until 2026-12-06 this row was
    # "dup_grouping": the single-graph FindDuplicates transform, which only the dedup eval and tests use.
    keys = [{"record_id": r["record_id"], "source_id": "s", "content_sha256": r["content_sha256"], "priority": 0,
             "pre_ok": True, "screen_hit": False, "signature": a["signature"].astype("<u4").tobytes()}
            for r, a in zip(records, annotated, strict=True)]
    with tempfile.TemporaryDirectory() as tmp:
        decide_stage(keys[:50], policy.dedup, os.path.join(tmp, "warm"))  # warm-up: Beam imports, runner start
        timed("decide", lambda: decide_stage(keys, policy.dedup, os.path.join(tmp, "run")), len(keys), nbytes)

    from corpusgov.pipelines.governance import CORPUS_SCHEMA, decisions_schema
    from corpusgov.pipelines.outputs import write_shard

    corpus_rows = [{"record_id": r["record_id"], "source_id": "s", "source_record_id": r["source_record_id"],
                    "text": r["text"], "content_sha256": r["content_sha256"], "masked": False,
                    "lang": a["lang"], "url": r["url"], "metadata": "{}"} for r, a in zip(records, annotated, strict=True)]
    schema = decisions_schema()
    dec_rows = [{**{f.name: None for f in schema}, "record_id": r["record_id"], "source_id": "s", "decision": "keep",
                 "reasons": [], "pii_types": [], "copyright_classes": [], "lang": a["lang"],
                 **{f"q_{k}": float(v) for k, v in a["signals"].items()}}
                for r, a in zip(records, annotated, strict=True)]
    with tempfile.TemporaryDirectory() as tmp:
        timed("outputs", lambda: (write_shard(tmp, "corpus", 0, 1, corpus_rows, CORPUS_SCHEMA, merkle=True),
                                  write_shard(tmp, "decisions", 0, 1, dec_rows, schema)), len(texts), nbytes)
    return out


def decide_stage(keys: list[dict[str, Any]], dedup: Any, work: str) -> dict[str, Any]:
    """`pipelines.decide.run_decide` over one key file of `keys` (KEYS_SCHEMA rows), one output shard."""
    import apache_beam as beam
    import pyarrow as pa
    import pyarrow.parquet as pq
    from apache_beam.runners.portability.fn_api_runner import FnApiRunner

    from corpusgov.pipelines.annotated import KEYS_SCHEMA
    from corpusgov.pipelines.decide import DecidePlan, run_decide

    path = os.path.join(work, "keys", "f000000.parquet")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    pq.write_table(pa.Table.from_pylist(keys, schema=KEYS_SCHEMA), path)
    plan = DecidePlan.make(work, [path], frozenset(), dedup, len(keys), 1)
    stats, _ = run_decide(plan, dedup, 1, lambda: beam.Pipeline(runner=FnApiRunner()))
    return stats


# ---------------------------------------------------------------- end-to-end runs
def governance_run(conf: str, out_dir: str, mode: str, docs: int, nbytes: int, logs: str) -> dict[str, Any]:
    cmd = [os.path.join(os.path.dirname(PY), "corpusgov"), "run", "--config", conf, "--out", out_dir, "--overwrite",
           *MODES[mode]]
    m = run_measured(cmd, os.path.join(logs, f"governance-{mode}.log"))
    res: dict[str, Any] = {"mode": mode, "docs": docs, "bytes": nbytes, **m}
    if m["rc"] != 0:
        return {**res, **failed(m)}
    man_path = os.path.join(out_dir, "manifest.json")
    if os.path.exists(man_path):
        with open(man_path, encoding="utf-8") as f:
            man = json.load(f)
        ps = float(man["run"].get("pipeline_seconds") or 0.0)
        res["pipeline_s"] = ps
        res["driver_after_pipeline_s"] = round(m["wall_s"] - ps, 3)
        res["corpus_merkle_root"] = man.get("outputs", {}).get("merkle", {}).get("corpus_root")
        res["records_kept"] = (man.get("outputs", {}).get("merkle", {}) or {}).get("leaves")
    res.update(rates(docs, nbytes, m["wall_s"], m["cpu_s"]))
    res["stages"] = stage_lines(m["log"])
    return res


_STAGE_RE = re.compile(r"stage (\w+): ([\d.]+) s, peak RSS so far (\d+) MB")


def stage_lines(log_path: str) -> dict[str, dict[str, float]]:
    """The driver's per-stage lines (pipelines.stages): wall seconds and peak RSS after each stage."""
    out: dict[str, dict[str, float]] = {}
    with open(log_path, encoding="utf-8", errors="replace") as f:
        for line in f:
            mt = _STAGE_RE.search(line)
            if mt:
                out[mt.group(1)] = {"wall_s": float(mt.group(2)), "peak_rss_mb": float(mt.group(3))}
    return out


def memory_curve(sizes: list[int], seed: int, work: str, done: dict[int, dict[str, Any]]) -> dict[str, Any]:
    """Peak RSS of the in-process run at each corpus size (production 64 MB shards) and the slope per
    document between consecutive sizes. `done`: runs already measured at some sizes (reused)."""
    rows = []
    for n in sorted(sizes):
        g = done.get(n)
        if g is None:
            c = generate(os.path.join(work, f"corpus-{n}"), n, seed)
            cf = write_config(c, os.path.join(work, f"conf-{n}"))
            print(f"bench: memory at {n:,} docs ...", flush=True)
            size_logs = os.path.join(work, f"logs-{n}")
            os.makedirs(size_logs, exist_ok=True)
            g = governance_run(cf, os.path.join(work, f"run-in_process-{n}"), "in_process", n, c.bytes, size_logs)
        if g.get("failed"):
            rows.append({"docs": n, "failed": True, "error": g.get("error")})
            continue
        with open(os.path.join(work, f"run-in_process-{n}", "manifest.json"), encoding="utf-8") as f:
            shards = len([x for x in json.load(f)["outputs"]["files"] if x["kind"] == "decisions"])
        rows.append({"docs": n, "shards": shards, "peak_rss_mb": g["peak_rss_mb_sum"],
                     "stages": {k: v["peak_rss_mb"] for k, v in g.get("stages", {}).items()},
                     "docs_per_s_per_core": g["docs_per_s_per_core"], "wall_s": g["wall_s"]})
    ok = [r for r in rows if not r.get("failed")]
    for a, b in zip(ok, ok[1:], strict=False):
        b["slope_kb_per_doc"] = round((b["peak_rss_mb"] - a["peak_rss_mb"]) * 1024 / (b["docs"] - a["docs"]), 2)
        b["slope_from_first_kb_per_doc"] = round((b["peak_rss_mb"] - ok[0]["peak_rss_mb"]) * 1024
                                                 / (b["docs"] - ok[0]["docs"]), 2)
    return {"rows": rows}


def decide_curve(sizes: list[int], work: str) -> dict[str, Any]:
    """The decide stage alone (`bench.decide_scale`: synthetic key rows, in-process runner) at each number of
    records, each in a fresh process: peak RSS and the slope per record between consecutive sizes."""
    os.makedirs(work, exist_ok=True)
    rows: list[dict[str, Any]] = []
    for n in sorted(sizes):
        print(f"bench: decide stage alone at {n:,} records ...", flush=True)
        log = os.path.join(work, f"decide-{n}.log")
        m = run_measured([PY, "-m", "bench.decide_scale", "--records", str(n), "--work",
                          os.path.join(work, f"decide-{n}")], log)
        if m["rc"] != 0:
            rows.append({"records": n, "failed": True, "error": _last_line(log)})
            continue
        with open(log, encoding="utf-8") as f:
            got = [json.loads(line) for line in f if line.startswith('{"records"')]
        rows.append({**got[-1], "peak_rss_mb": m["peak_rss_mb_single"], "cpu_s": m["cpu_s"], "wall_s": m["wall_s"]})
    ok = [x for x in rows if not x.get("failed")]
    for a, b in zip(ok, ok[1:], strict=False):
        b["slope_kb_per_record"] = round((b["peak_rss_mb"] - a["peak_rss_mb"]) * 1024 / (b["records"] - a["records"]), 3)
    return {"rows": rows}


def identity_run(corpus: CorpusInfo, out_dir: str, mode: str, docs: int, nbytes: int, logs: str) -> dict[str, Any]:
    inputs = sorted(p for ps in corpus.files.values() for p in ps)
    cmd = [PY, "-m", "bench.identity", "--inputs", *inputs, "--out", out_dir, *MODES[mode]]
    m = run_measured(cmd, os.path.join(logs, f"identity-{mode}.log"))
    if m["rc"] != 0:
        return {"mode": mode, "docs": docs, "bytes": nbytes, **m, **failed(m)}
    return {"mode": mode, "docs": docs, "bytes": nbytes, **m, **rates(docs, nbytes, m["wall_s"], m["cpu_s"])}


def peer_run(corpus: CorpusInfo, work: str, docs: int, nbytes: int, logs: str) -> dict[str, Any]:
    try:
        import datatrove  # noqa: F401
    except ImportError:
        return {"skipped": "datatrove not installed (pip install datatrove tokenizers orjson 'xxhash<4')"}
    return _measure_peer("bench.peer_datatrove", corpus, work, docs, nbytes, os.path.join(logs, "datatrove.log"))


def _measure_peer(module: str, corpus: CorpusInfo, work: str, docs: int, nbytes: int, log: str,
                  python: str = PY) -> dict[str, Any]:
    """Run a peer's bench module (with `python`, the peer's own environment) on the corpus files in a measured
    subprocess; its `{"seconds"...}` log lines (per-step timings) join the result."""
    inputs = sorted(p for ps in corpus.files.values() for p in ps)
    script = os.path.join(REPO, *module.split(".")) + ".py"
    m = run_measured([python, script, "--inputs", *inputs, "--work", work], log)
    if m["rc"] != 0:
        return {"docs": docs, "bytes": nbytes, **m, **failed(m)}
    res: dict[str, Any] = {"docs": docs, "bytes": nbytes, **m, **rates(docs, nbytes, m["wall_s"], m["cpu_s"])}
    with open(log, encoding="utf-8") as f:
        for line in f:
            if line.startswith('{"seconds"'):
                res.update(json.loads(line))
    return res


def peer_datajuicer_run(corpus: CorpusInfo, work: str, docs: int, nbytes: int, logs: str) -> dict[str, Any]:
    """Data-Juicer (its 1.x pip release) on the same files: four filters and MinHash dedup (`bench.peer_datajuicer`)."""
    from bench.peer_datajuicer import peer_python, unavailable

    why = unavailable()
    if why:
        return {"skipped": why}
    return _measure_peer("bench.peer_datajuicer", corpus, work, docs, nbytes, os.path.join(logs, "datajuicer.log"),
                         python=peer_python())


# ---------------------------------------------------------------- report
def _f(v: Any, nd: int = 0) -> str:
    if v is None:
        return "–"
    return f"{v:,.{nd}f}" if isinstance(v, float | int) else str(v)


def table(r: dict[str, Any]) -> str:
    L = [f"## corpusgov benchmark — {r['docs']:,} docs, {r['bytes'] / 1e6:.1f} MB, seed {r['seed']}",
         "", f"Machine: {r['machine']['cpus']} CPUs, Python {r['machine']['python']}; load average at start "
         f"{r['machine']['loadavg_start']}. Per core = docs per CPU-second of the whole process tree.", "",
         "### End to end", "",
         "| run | mode | docs | wall s | docs/s | docs/s/core | MB/s/core | peak RSS MB (tree / largest) |",
         "|---|---|---:|---:|---:|---:|---:|---:|"]
    for kind in ("governance", "identity"):
        for x in r[kind]:
            if x.get("failed"):
                L.append(f"| {kind} | {x['mode']} | {x['docs']:,} | FAILED: {x['error'][:80]} | – | – | – | – |")
                continue
            L.append(f"| {kind} | {x['mode']} | {x['docs']:,} | {_f(x['wall_s'], 1)} | {_f(x['docs_per_s'])} | "
                     f"{_f(x['docs_per_s_per_core'])} | {_f(x['mb_per_s_per_core'], 2)} | "
                     f"{_f(x['peak_rss_mb_sum'])} / {_f(x['peak_rss_mb_single'])} |")
    for key, name, how in (("peer", "DataTrove Gopher+MinHash", "local, 2 workers"),
                           ("peer_datajuicer", "Data-Juicer 4 filters+MinHash", "np=2")):
        p = r.get(key) or {}
        if p.get("failed"):
            L.append(f"| {name} | {how} | {p['docs']:,} | FAILED: {p['error'][:80]} | – | – | – | – |")
        elif "wall_s" in p:
            L.append(f"| {name} | {how} | {p['docs']:,} | {_f(p['wall_s'], 1)} | "
                     f"{_f(p['docs_per_s'])} | {_f(p['docs_per_s_per_core'])} | {_f(p['mb_per_s_per_core'], 2)} | "
                     f"{_f(p['peak_rss_mb_sum'])} / {_f(p['peak_rss_mb_single'])} |")
        elif p.get("skipped"):
            L.append(f"| {name} | {how} | not measured: {p['skipped'][:160]} | – | – | – | – | – |")
    L += ["", "### Ratios", ""]
    for k, v in r["ratios"].items():
        L.append(f"- {k}: {_f(v, 3)}")
    if r["stages"]:  # absent with --memory-only
        L += ["", f"### Per stage (one process, {r['stages']['annotate_all']['docs']:,} docs)", "",
              "| stage | docs/s/core | MB/s/core | target |", "|---|---:|---:|---:|"]
        # PI and quality are checked as annotate runs them (per batch of 256): the per-text rows are for comparison.
        tgt = {"pii_batch": 2000, "language": 3000, "minhash": 3000, "quality_stage": 2000}
        for name, s in r["stages"].items():
            L.append(f"| {name} | {_f(s['docs_per_s_per_core'])} | {_f(s['mb_per_s_per_core'], 2)} | "
                     f"{_f(tgt.get(name))} |")
        for x in r["governance"]:
            if "driver_after_pipeline_s" in x and x["driver_after_pipeline_s"] > 0:
                L.append(f"| manifest+reports ({x['mode']}; startup incl.) | {_f(x['docs'] / x['driver_after_pipeline_s'])} "
                         f"(wall, {_f(x['driver_after_pipeline_s'], 1)} s) | – | – |")
                break
    mem = (r.get("memory") or {}).get("rows") or []
    if mem:
        L += ["", "### Memory vs corpus size (in-process runner, 64 MB shards)", "",
              "Peak RSS of the whole run; the stage columns are the driver's peak so far after each stage; the slopes "
              "are KB of peak RSS per added document from the previous size and from the first size.", "",
              "| docs | shards | peak RSS MB | after annotate | after decide | after finalise | slope KB/doc | "
              "slope from first | docs/s/core |", "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for m in mem:
            if m.get("failed"):
                L.append(f"| {m['docs']:,} | FAILED: {str(m.get('error'))[:60]} | | | | | | | |")
                continue
            st = m["stages"]
            L.append(f"| {m['docs']:,} | {m['shards']} | {_f(m['peak_rss_mb'])} | {_f(st.get('annotate'))} | "
                     f"{_f(st.get('decide'))} | {_f(st.get('finalise'))} | {_f(m.get('slope_kb_per_doc'), 2)} | "
                     f"{_f(m.get('slope_from_first_kb_per_doc'), 2)} | {_f(m['docs_per_s_per_core'])} |")
    dec = (r.get("decide_memory") or {}).get("rows") or []
    if dec:
        L += ["", "### Decide stage alone vs records (synthetic key rows, 5 % duplicates, in-process runner)", "",
              "The only stage whose work spans every record; `bench/decide_scale.py` (peak RSS of the process, key-row "
              "generation included).", "",
              "| records | exact / bucket partitions | peak RSS MB | slope KB/record | exact + near duplicates | "
              "decide CPU s |", "|---:|---:|---:|---:|---:|---:|"]
        for m in dec:
            if m.get("failed"):
                L.append(f"| {m['records']:,} | FAILED: {str(m.get('error'))[:60]} | | | | |")
                continue
            L.append(f"| {m['records']:,} | {m['exact_parts']} / {m['bucket_parts']} | {_f(m['peak_rss_mb'])} | "
                     f"{_f(m.get('slope_kb_per_record'), 3)} | "
                     f"{m['exact_duplicate_records']:,} + {m['near_duplicate_records']:,} | {_f(m['decide_cpu_s'], 1)} |")
    if r.get("failed_runs"):
        L += ["", f"**Failed runs (not counted): {', '.join(r['failed_runs'])}**"]
    L += ["", "### Targets", ""]
    for k, v in r["targets"].items():
        L.append(f"- {k}: {'MET' if v['met'] else 'NOT MET'} (measured {_f(v['measured'], 3)}, target {v['target']})")
    return "\n".join(L) + "\n"


def evaluate_targets(r: dict[str, Any]) -> dict[str, Any]:
    gov = {x["mode"]: x for x in r["governance"] if not x.get("failed")}
    best = max([x["docs_per_s_per_core"] or 0 for x in gov.values()], default=0)
    st = r["stages"]
    out: dict[str, Any] = {}
    if gov:  # not with --memory-only: nothing measured, nothing to claim
        out["e2e_docs_per_s_per_core >= 1000"] = {"measured": best, "target": 1000, "met": best >= 1000}
        for key, name, t in (("governance_vs_datajuicer_per_core", "Data-Juicer", 1.6),
                             ("governance_vs_datatrove_per_core", "DataTrove", 3.0)):
            v = r["ratios"].get(key)
            out[f"e2e vs {name} per core >= {t}x (same run)"] = {
                "measured": v if v is not None else "not measured", "target": t, "met": v is not None and v >= t}
        out["governance/identity throughput >= 0.1 (in_process)"] = {
            "measured": r["ratios"].get("governance_vs_identity_in_process"), "target": 0.1,
            "met": (r["ratios"].get("governance_vs_identity_in_process") or 0) >= 0.1}
    for name, t in (("pii_batch", 2000), ("language", 3000), ("minhash", 3000), ("quality_stage", 2000)):
        if name in st:
            v = st[name].get("docs_per_s_per_core") or 0
            out[f"{name} docs/s/core >= {t}"] = {"measured": v, "target": t, "met": v >= t}
    mem = [m for m in (r.get("memory") or {}).get("rows") or [] if not m.get("failed")]
    big = [m for m in mem if m["docs"] >= 1_000_000]
    if big:
        out["peak RSS (tree) <= 2 GB at 1M docs"] = {"measured": big[0]["peak_rss_mb"] / 1024, "target": 2.0,
                                                    "met": big[0]["peak_rss_mb"] / 1024 <= 2.0}
    ip = gov.get("in_process")
    if ip:
        out["peak RSS (tree) <= 2 GB at this size"] = {"measured": ip["peak_rss_mb_sum"] / 1024, "target": 2.0,
                                                      "met": ip["peak_rss_mb_sum"] / 1024 <= 2.0}
    return out


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=200_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--modes", default="in_process,multi_processing,portable")
    ap.add_argument("--portable-docs", type=int, default=20_000,
                    help="corpus size for the portable runner (it runs the same FnApiRunner behind a job server)")
    ap.add_argument("--stage-sample", type=int, default=3000)
    ap.add_argument("--memory-sizes", default="",
                    help="corpus sizes of the memory-vs-size table (in-process runs; `make bench`: 20000,100000); "
                         "--docs is always one of them")
    ap.add_argument("--decide-sizes", default="",
                    help="record counts of the decide-stage-alone memory table (`make bench`: 100000,1000000)")
    ap.add_argument("--memory-only", action="store_true", help="only the memory tables")
    ap.add_argument("--no-identity", action="store_true")
    ap.add_argument("--no-peer", action="store_true", help="neither DataTrove nor Data-Juicer")
    ap.add_argument("--work", default=os.path.join(REPO, "bench", "out"))
    ap.add_argument("--results", default=os.path.join(REPO, "bench", "results.json"))
    a = ap.parse_args(argv)
    os.makedirs(a.work, exist_ok=True)
    load0 = os.getloadavg()
    r: dict[str, Any] = {"docs": a.docs, "seed": a.seed, "machine": {
        "cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
        "loadavg_start": [round(x, 2) for x in load0]}, "governance": [], "identity": []}
    t_all = time.monotonic()
    corpus = generate(os.path.join(a.work, f"corpus-{a.docs}"), a.docs, a.seed)
    r["bytes"] = corpus.bytes
    conf = write_config(corpus, os.path.join(a.work, f"conf-{a.docs}"))
    logs = os.path.join(a.work, f"logs-{a.docs}")
    os.makedirs(logs, exist_ok=True)
    sizes = sorted({int(x) for x in a.memory_sizes.split(",") if x} | {a.docs})
    if a.memory_only:
        a.modes, a.no_identity, a.no_peer = "", True, True
        r["stages"] = {}
    else:
        print(f"bench: corpus {a.docs:,} docs, {corpus.bytes / 1e6:.1f} MB; per-stage rates ...", flush=True)
        r["stages"] = stage_rates(corpus, os.path.join(os.path.dirname(conf), "policy.yaml"),
                                  min(a.stage_sample, a.docs))
    for mode in [m for m in a.modes.split(",") if m]:
        c, n = corpus, a.docs
        if mode == "portable" and a.portable_docs and a.portable_docs < a.docs:
            n = a.portable_docs
            c = generate(os.path.join(a.work, f"corpus-{n}"), n, a.seed)
        cf = conf if c is corpus else write_config(c, os.path.join(a.work, f"conf-{n}"))
        if not a.no_identity:
            print(f"bench: identity pipeline ({mode}) ...", flush=True)
            r["identity"].append(identity_run(c, os.path.join(a.work, f"identity-{mode}-{n}"), mode, n, c.bytes, logs))
        print(f"bench: governance pipeline ({mode}) ...", flush=True)
        r["governance"].append(governance_run(cf, os.path.join(a.work, f"run-{mode}-{n}"), mode, n, c.bytes, logs))
    if not a.no_peer:
        print("bench: DataTrove peer ...", flush=True)
        r["peer"] = peer_run(corpus, os.path.join(a.work, f"datatrove-{a.docs}"), a.docs, corpus.bytes, logs)
        print("bench: Data-Juicer peer ...", flush=True)
        r["peer_datajuicer"] = peer_datajuicer_run(corpus, os.path.join(a.work, f"datajuicer-{a.docs}"), a.docs,
                                                   corpus.bytes, logs)
    done = {x["docs"]: x for x in r["governance"] if x["mode"] == "in_process"}
    r["memory"] = memory_curve(sizes, a.seed, a.work, done)
    if a.decide_sizes:
        r["decide_memory"] = decide_curve([int(x) for x in a.decide_sizes.split(",") if x], a.work)
    ratios: dict[str, Any] = {}
    ident = {x["mode"]: x for x in r["identity"] if not x.get("failed")}
    for g in [x for x in r["governance"] if not x.get("failed")]:
        i = ident.get(g["mode"])
        if i and i["docs"] == g["docs"] and g["docs_per_s"] and i["docs_per_s"]:
            ratios[f"governance_vs_identity_{g['mode']}"] = round(g["docs_per_s"] / i["docs_per_s"], 4)
            ratios[f"governance_vs_identity_{g['mode']}_per_core"] = round(
                g["docs_per_s_per_core"] / i["docs_per_s_per_core"], 4)
    gov = {x["mode"]: x for x in r["governance"] if not x.get("failed")}
    p = r.get("peer") or {}
    if p.get("docs_per_s_per_core") and "in_process" in gov:
        ratios["governance_vs_datatrove_per_core"] = round(
            gov["in_process"]["docs_per_s_per_core"] / p["docs_per_s_per_core"], 4)
        ratios["governance_vs_datatrove_wall"] = round(gov["in_process"]["docs_per_s"] / p["docs_per_s"], 4)
    dj = r.get("peer_datajuicer") or {}
    if dj.get("docs_per_s_per_core") and "in_process" in gov and dj["docs"] == gov["in_process"]["docs"]:
        ratios["governance_vs_datajuicer_per_core"] = round(
            gov["in_process"]["docs_per_s_per_core"] / dj["docs_per_s_per_core"], 4)
        ratios["governance_vs_datajuicer_wall"] = round(gov["in_process"]["docs_per_s"] / dj["docs_per_s"], 4)
    if "in_process" in gov and "multi_processing" in gov and gov["in_process"]["docs"] == gov["multi_processing"]["docs"]:
        ratios["multi_processing_speedup_wall"] = round(gov["in_process"]["wall_s"] / gov["multi_processing"]["wall_s"], 3)
    r["ratios"] = ratios
    r["failed_runs"] = [f"{k}:{x['mode']}" for k in ("governance", "identity") for x in r[k] if x.get("failed")]
    r["failed_runs"] += [f"decide:{x['records']}" for x in (r.get("decide_memory") or {}).get("rows", []) if x.get("failed")]
    if p.get("failed"):
        r["failed_runs"].append("peer:datatrove")
    if dj.get("failed"):
        r["failed_runs"].append("peer:datajuicer")
    r["targets"] = evaluate_targets(r)
    r["machine"]["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    r["bench_wall_s"] = round(time.monotonic() - t_all, 1)
    text = table(r)
    with open(a.results, "w", encoding="utf-8") as f:
        json.dump(r, f, indent=2, sort_keys=True)
        f.write("\n")
    with open(os.path.splitext(a.results)[0] + ".md", "w", encoding="utf-8") as f:
        f.write(text)
    print(text)
    if r["failed_runs"]:
        print(f"bench: FAILED runs: {', '.join(r['failed_runs'])} (see the logs under {logs})", file=sys.stderr)
    return r


if __name__ == "__main__":
    sys.exit(1 if main()["failed_runs"] else 0)
