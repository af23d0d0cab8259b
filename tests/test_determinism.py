"""Same input and config => same decisions and manifest content on any runner and worker count."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml

from corpusgov.cli import main
from tests.conftest import DEMO_CONFIG

VOLATILE_RUN_KEYS = ("run_id", "started_at", "finished_at", "pipeline_seconds", "stage_seconds")


def comparable_manifest(run: Path) -> dict:
    """Manifest content minus run id, timestamps, the runner description, and the entries of files that
    embed the run id and time (metrics.json, expectations/: marked `run_specific`)."""
    m = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
    m = copy.deepcopy(m)
    for k in VOLATILE_RUN_KEYS:
        m["run"].pop(k, None)
    m.pop("runner", None)
    m.get("chain", {}).pop("id", None)  # a first version's chain id is its run id
    m["outputs"]["files"] = [f for f in m["outputs"]["files"] if not f.get("run_specific")]
    return m


def table(run: Path, kind: str) -> list[dict]:
    files = sorted((run / kind).glob("*.parquet"))
    return pa.concat_tables([pq.read_table(f) for f in files]).to_pylist() if files else []


@pytest.fixture(scope="module")
def small_config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three demo sources of different formats (CSV, JSONL, Parquet), with the demo policy."""
    d = tmp_path_factory.mktemp("small")
    src = DEMO_CONFIG.parent
    for name in ("policy.yaml", "lexicon.txt"):
        shutil.copy(src / name, d / name)
    (d / "evidence").symlink_to(src / "evidence")
    (d / "data").symlink_to(src / "data")
    reg = yaml.safe_load((src / "sources.yaml").read_text(encoding="utf-8"))
    reg["sources"] = [s for s in reg["sources"] if s["id"] in ("user_feedback", "synthetic_qa", "zh_forum")]
    (d / "sources.yaml").write_text(yaml.safe_dump(reg, allow_unicode=True), encoding="utf-8")
    pol = yaml.safe_load((d / "policy.yaml").read_text(encoding="utf-8"))
    pol["dedup"]["source_priority"] = ["zh_forum", "user_feedback", "synthetic_qa"]
    pol["output"]["target_shard_bytes"] = 200_000
    (d / "policy.yaml").write_text(yaml.safe_dump(pol, allow_unicode=True), encoding="utf-8")
    (d / "corpusgov.yaml").write_text(
        yaml.safe_dump({"version": 1, "name": "small", "registry": "sources.yaml", "policy": "policy.yaml",
                        "input_roots": ["data"]}), encoding="utf-8")
    return d / "corpusgov.yaml"


RUNNERS = {
    "in_process": [],
    "multi_processing_1": ["--direct_running_mode=multi_processing", "--direct_num_workers=1"],
    "multi_processing_2": ["--direct_running_mode=multi_processing", "--direct_num_workers=2"],
    "portable": ["--runner=PortableRunner", "--job_endpoint=embed", "--environment_type=LOOPBACK"],
}


@pytest.fixture(scope="module")
def runs(small_config: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = {}
    for name, args in RUNNERS.items():
        d = tmp_path_factory.mktemp(name) / "run"
        code = main(["--quiet", "run", "--config", str(small_config), "--out", str(d), *args])
        assert code == 0, name
        out[name] = d
    return out


def assert_same_run(other: Path, base: Path) -> None:
    """Tables, manifest content, dead-letter bytes and the seeded drill-down sample all equal."""
    for kind in ("decisions", "corpus", "pii", "copyright", "signatures"):
        assert table(other, kind) == table(base, kind), kind
    assert comparable_manifest(other) == comparable_manifest(base)
    dead = sorted(p.read_bytes() for p in (base / "deadletter").glob("*.jsonl"))
    assert sorted(p.read_bytes() for p in (other / "deadletter").glob("*.jsonl")) == dead
    for name in ("samples", "breakdown", "histograms"):  # the seeded drill-down sample too
        assert (pq.read_table(other / "drilldown" / f"{name}.parquet").to_pylist()
                == pq.read_table(base / "drilldown" / f"{name}.parquet").to_pylist()), name


@pytest.mark.parametrize("runner", [r for r in RUNNERS if r != "in_process"])
def test_same_results_on_every_runner(runs: dict[str, Path], runner: str) -> None:
    assert_same_run(runs[runner], runs["in_process"])


def test_small_run_has_duplicates_and_several_shards(runs: dict[str, Path]) -> None:
    """Guards the test above from passing vacuously."""
    dec = table(runs["in_process"], "decisions")
    assert len(dec) > 1000
    assert any(r["dup_of"] for r in dec)
    assert len(list((runs["in_process"] / "corpus").glob("*.parquet"))) >= 2


def test_second_demo_run_is_identical(demo_run: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.conftest import TEST_PII_KEY

    monkeypatch.setenv("CORPUSGOV_PII_HASH_KEY", TEST_PII_KEY)
    again = tmp_path / "again"
    assert main(["--quiet", "run", "--config", str(DEMO_CONFIG), "--out", str(again)]) == 0
    assert table(again, "decisions") == table(demo_run, "decisions")
    assert comparable_manifest(again) == comparable_manifest(demo_run)
