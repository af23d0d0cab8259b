"""A tiny benchmark run: checks the generator and the structure of results.json (never the timings)."""

from __future__ import annotations

import json
import os
import sys

from bench.gen import MIX, documents, generate
from bench.run import main


def test_generator_is_deterministic_and_about_1kb(tmp_path):
    a = list(documents(400, seed=3))
    b = list(documents(400, seed=3))
    assert a == b
    assert a != list(documents(400, seed=4))
    sizes = sorted(len(r["text"].encode("utf-8")) for _, r in a)
    assert 900 <= sizes[len(sizes) // 2] <= 1300  # median about 1 KB
    info = generate(str(tmp_path / "c"), 400, seed=3, docs_per_file=150)
    lines = sum(1 for ps in info.files.values() for p in ps for _ in open(p, encoding="utf-8"))
    assert lines == 400 and info.bytes == sum(os.path.getsize(p) for ps in info.files.values() for p in ps)
    texts = [r["text"] for _, r in a]
    assert len(set(texts)) < len(texts)  # planted exact copies exist
    assert set(MIX) == {"pii", "copyright", "spam", "lowq", "exact", "near"}


def test_tiny_bench_run_writes_results(tmp_path):
    res_path = tmp_path / "results.json"
    r = main(["--docs", "300", "--modes", "in_process", "--no-peer", "--stage-sample", "120",
              "--work", str(tmp_path / "work"), "--results", str(res_path)])
    on_disk = json.loads(res_path.read_text(encoding="utf-8"))
    assert on_disk["docs"] == r["docs"] == 300
    assert (tmp_path / "results.md").read_text(encoding="utf-8").startswith("## corpusgov benchmark")
    for stage in ("ingest", "language", "screening", "pii", "pii_batch", "copyright", "quality", "quality_stage", "minhash",
                  "annotate_all", "decide", "outputs"):
        s = on_disk["stages"][stage]
        assert s["docs"] > 0 and s["wall_s"] > 0
        assert s["docs_per_s_per_core"] is None or s["docs_per_s_per_core"] > 0
    (gov,) = on_disk["governance"]
    (ident,) = on_disk["identity"]
    assert gov["rc"] == 0 and ident["rc"] == 0
    assert gov["mode"] == ident["mode"] == "in_process"
    assert gov["records_kept"] and 0 < gov["records_kept"] <= 300
    assert len(gov["corpus_merkle_root"]) == 64
    assert gov["peak_rss_mb_sum"] > 0 and gov["cpu_s"] > 0 and gov["pipeline_s"] > 0
    assert on_disk["failed_runs"] == []
    assert "governance_vs_identity_in_process" in on_disk["ratios"]
    assert set(on_disk["targets"]) >= {"e2e_docs_per_s_per_core >= 1000", "pii_batch docs/s/core >= 2000",
                                       "quality_stage docs/s/core >= 2000",
                                       "e2e vs Data-Juicer per core >= 1.6x (same run)"}
    assert on_disk["targets"]["e2e vs Data-Juicer per core >= 1.6x (same run)"]["met"] is False  # --no-peer
    # identity output holds exactly the input lines
    out_lines = 0
    for name in os.listdir(tmp_path / "work" / "identity-in_process-300"):
        with open(tmp_path / "work" / "identity-in_process-300" / name, encoding="utf-8") as f:
            out_lines += sum(1 for _ in f)
    assert out_lines == 300


def test_datajuicer_peer_is_never_started_when_it_would_download(tmp_path, monkeypatch):
    """Without its run-time dependencies Data-Juicer installs them with uv while running; the bench must
    report the row as not measured (with the reason) instead of starting it."""
    import bench.peer_datajuicer as dj
    from bench.gen import generate
    from bench.run import peer_datajuicer_run, table

    monkeypatch.setattr(dj, "RUNTIME_DEPS", ("a_module_that_is_not_installed_xyz",))
    monkeypatch.setenv("BENCH_DATAJUICER_PYTHON", sys.executable)
    corpus = generate(str(tmp_path / "c"), 30, seed=0)
    got = peer_datajuicer_run(corpus, str(tmp_path / "w"), 30, corpus.bytes, str(tmp_path))
    assert set(got) == {"skipped"} and "a_module_that_is_not_installed_xyz" in got["skipped"]
    assert not (tmp_path / "w").exists()
    r = {"docs": 30, "bytes": corpus.bytes, "seed": 0, "governance": [], "identity": [], "ratios": {},
         "stages": {}, "targets": {}, "peer_datajuicer": got,
         "machine": {"cpus": 2, "python": "3", "loadavg_start": [0, 0, 0]}}
    assert "| Data-Juicer 4 filters+MinHash | np=2 | not measured: Data-Juicer environment" in table(r)
    assert "lacks a_module_that_is_not_installed_xyz" in table(r)


def test_datajuicer_peer_without_its_environment_says_how_to_make_it(tmp_path, monkeypatch):
    import bench.peer_datajuicer as dj

    monkeypatch.setenv("BENCH_DATAJUICER_PYTHON", str(tmp_path / "no-venv" / "bin" / "python"))
    why = dj.unavailable()
    assert why is not None and "make bench-peers" in why


def test_compare_runs_finds_table_and_manifest_differences(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from bench.compare_runs import compare

    def run_dir(name, decision, run_id, kept):
        d = tmp_path / name
        (d / "decisions").mkdir(parents=True)
        (d / "_work").mkdir()
        pq.write_table(pa.table({"record_id": ["a", "b"], "decision": ["keep", decision]}), d / "decisions" / "p.parquet")
        pq.write_table(pa.table({"x": [run_id]}), d / "_work" / "scratch.parquet")  # work files are not compared
        manifest = {"run": {"run_id": run_id}, "totals": {"kept": kept}, "chain": {"id": run_id},
                    "outputs": {"merkle": {"corpus_root": "r"}, "files": [{"path": "metrics.json", "sha256": run_id}]}}
        (d / "manifest.json").write_text(json.dumps(manifest))
        (d / "metrics.json").write_text(json.dumps({"run_id": run_id, "kept": kept}))
        return str(d)

    old = run_dir("old", "drop", "1", 1)
    assert compare(old, run_dir("same", "drop", "2", 1)) == ([], 1)
    diffs, _ = compare(old, run_dir("table", "keep", "3", 1))
    assert diffs == ["table differs: decisions/p.parquet"]
    diffs, _ = compare(old, run_dir("totals", "drop", "4", 2))
    assert sorted(diffs) == ["manifest.json.totals.kept: 1 != 2", "metrics.json.kept: 1 != 2"]


def test_compare_runs_compares_openlineage_bytes_without_ids_times_and_dirs(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from bench.compare_runs import compare

    def run_dir(name, run_id, when, dumps=json.dumps):
        d = tmp_path / name
        (d / "decisions").mkdir(parents=True)
        pq.write_table(pa.table({"record_id": ["a"]}), d / "decisions" / "p.parquet")
        (d / "manifest.json").write_text(json.dumps({"run": {"run_id": run_id}}))
        (d / "metrics.json").write_text("{}")
        events = [{"eventTime": when, "eventType": t, "run": {"runId": run_id},
                   "outputs": [{"name": f"{d}/corpus"}, {"name": f"{d}/decisions", "facets": {"note": "语"}}]}
                  for t in ("START", "COMPLETE")]
        (d / "openlineage.jsonl").write_text("".join(dumps(ev, sort_keys=True) + "\n" for ev in events))
        return str(d)

    old = run_dir("old", "id-1", "2026-12-06T18:00:00+00:00")
    assert compare(old, run_dir("same", "id-2", "2026-12-06T19:00:00+00:00")) == ([], 1)
    other_bytes = run_dir("bytes", "id-3", "t", lambda ev, **k: json.dumps(ev, ensure_ascii=False, **k))
    assert compare(old, other_bytes)[0] == [
        "openlineage.jsonl differs (bytes, with run ids, event times and run directories blanked)"]
    os.remove(os.path.join(other_bytes, "openlineage.jsonl"))
    assert compare(old, other_bytes)[0] == ["openlineage.jsonl only in one run"]
