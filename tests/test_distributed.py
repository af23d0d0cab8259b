"""The governance run on a real distributed engine: Beam's DaskRunner on a dask.distributed cluster.

The test starts a scheduler and two worker processes on loopback, runs the demo config on them and requires
the same decisions, tables and manifest as the in-process runner, and every output accounted for (a runner
that silently drops a branch or a task must fail here, never pass with a short corpus).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from corpusgov.cli import main
from tests.conftest import DEMO_CONFIG, TEST_PII_KEY
from tests.test_determinism import assert_same_run, table

pytestmark = pytest.mark.slow
distributed = pytest.importorskip("distributed")

DASK_RUNNER = "apache_beam.runners.dask.dask_runner.DaskRunner"


@pytest.fixture(scope="module")
def dask_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("dask") / "run"
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        pids = client.run(os.getpid)  # worker address -> pid
        with distributed.get_task_stream(client) as ts:
            old = os.environ.get("CORPUSGOV_PII_HASH_KEY")
            os.environ["CORPUSGOV_PII_HASH_KEY"] = TEST_PII_KEY
            try:
                code = main(["--quiet", "run", "--config", str(DEMO_CONFIG), "--out", str(out),
                             f"--runner={DASK_RUNNER}", f"--dask_client_address={cluster.scheduler_address}"])
            finally:
                if old is None:
                    os.environ.pop("CORPUSGOV_PII_HASH_KEY", None)
                else:
                    os.environ["CORPUSGOV_PII_HASH_KEY"] = old
        assert code == 0
        workers = {t["worker"] for t in ts.data}
    return out, {"pids": pids, "task_workers": workers, "tasks": len(ts.data)}


def test_work_ran_in_separate_worker_processes_over_tcp(dask_run: tuple[Path, dict]) -> None:
    _, info = dask_run
    assert len(info["pids"]) == 2 and os.getpid() not in info["pids"].values()
    assert info["tasks"] > 0
    assert info["task_workers"] and all(w.startswith("tcp://127.0.0.1:") for w in info["task_workers"])
    assert info["task_workers"] <= set(info["pids"])


def test_same_results_as_in_process(dask_run: tuple[Path, dict], demo_run: Path) -> None:
    out, _ = dask_run
    assert_same_run(out, demo_run)


def test_every_output_is_accounted_for(dask_run: tuple[Path, dict]) -> None:
    """Counted from the files, against the manifest's totals: nothing silently missing."""
    import json

    out, _ = dask_run
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    t = m["totals"]
    dec = table(out, "decisions")
    assert len(dec) == t["kept"] + t["dropped"] == t["read"] - t["deadlettered"]
    assert len(table(out, "corpus")) == t["kept"] == sum(1 for r in dec if r["decision"] == "keep")
    dead_lines = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in (out / "deadletter").glob("*.jsonl"))
    assert dead_lines == t["deadlettered"] > 0
    assert len(table(out, "pii")) == sum(r["pii_count"] for r in dec) > 0
    assert {r["record_id"] for r in table(out, "copyright")} == {r["record_id"] for r in dec if r["copyright_classes"]}
    assert len(table(out, "signatures")) == len(dec)
    assert any(r["dup_kind"] == "exact" and r["dup_of"] for r in dec)
    assert any(r["dup_kind"] == "near" and r["dup_of"] for r in dec)
    files = {f["path"] for f in m["outputs"]["files"]}
    for kind in ("corpus", "decisions", "pii", "copyright", "signatures", "deadletter"):
        on_disk = {f"{kind}/{p.name}" for p in (out / kind).iterdir()}
        assert on_disk and on_disk <= files, kind
