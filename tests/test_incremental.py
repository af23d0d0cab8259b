"""Incremental runs (`run --base`): the result equals a full re-run on the same inputs, and only new files are
annotated. The small synthetic corpus built here is shared with test_forget.py and test_history.py."""

from __future__ import annotations

import atexit
import functools
import glob
import json
import os
import random
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

REPO = Path(__file__).resolve().parent.parent
KEY = "lifecycle-test-key-0001"
EMAIL = "test.person42@outlook.com"

_SOURCE = """
  - id: {id}
    title: synthetic {id}
    acquisition: synthetic
    licence: CC0-1.0
    pi_legal_basis: publicly_disclosed
    languages: [zh, en]
    domain: {domain}
    synthetic: {{generator: test}}
    inputs: {{paths: ["data/{id}/*.jsonl"], format: jsonl, fields: {{text: text, url: url}}}}
"""


def _docs() -> dict[str, list[str]]:
    """Three sources of generated documents with planted exact and near duplicates and one e-mail address."""
    sys.path.insert(0, str(REPO / "configs" / "demo"))
    import make_demo_corpus as g

    rng = random.Random(1234)
    alpha = [g.en_doc(rng) if i % 2 else g.zh_doc(rng) for i in range(40)]
    alpha[0] = alpha[0] + f" Contact {EMAIL} for details."
    alpha[1] = g.near_copy(rng, alpha[5], False)
    alpha[2] = alpha[6]
    beta = [g.en_doc(rng) for _ in range(30)]
    beta[0] = g.near_copy(rng, alpha[5], False)
    gamma = [g.en_doc(rng) for _ in range(20)]
    gamma[0] = g.near_copy(rng, alpha[12], True)
    gamma[1] = beta[3]
    return {"alpha": alpha, "beta": beta, "gamma": gamma}


def write_config(root: Path, sources: list[str], policy_extra: str = "") -> Path:
    """A config under `root` over the named sources (data files are written once and shared)."""
    docs = _docs()
    for sid, texts in docs.items():
        d = root / "data" / sid
        if not d.exists():
            d.mkdir(parents=True)
            with open(d / "docs.jsonl", "w", encoding="utf-8") as f:
                for i, t in enumerate(texts):
                    f.write(json.dumps({"text": t, "url": f"https://{sid}.example/{i}"}, ensure_ascii=False) + "\n")
    name = "-".join(sources)
    (root / f"sources-{name}.yaml").write_text(
        "version: 1\nsources:" + "".join(_SOURCE.format(id=s, domain=f"d_{s}") for s in sources), encoding="utf-8")
    (root / f"policy-{name}.yaml").write_text(
        "version: 1\nexpectations: {enabled: false}\noutput: {target_shard_bytes: 32768}\n" + policy_extra,
        encoding="utf-8")
    cfg = root / f"config-{name}.yaml"
    cfg.write_text(f"version: 1\nname: t-{name}\nregistry: sources-{name}.yaml\npolicy: policy-{name}.yaml\n"
                   "input_roots: [data]\n", encoding="utf-8")
    return cfg


def with_key(fn):  # type: ignore[no-untyped-def]
    @functools.wraps(fn)
    def wrapper(*a: Any, **kw: Any) -> Any:
        old = os.environ.get("CORPUSGOV_PII_HASH_KEY")
        os.environ["CORPUSGOV_PII_HASH_KEY"] = KEY
        try:
            return fn(*a, **kw)
        finally:
            if old is None:
                os.environ.pop("CORPUSGOV_PII_HASH_KEY", None)
            else:
                os.environ["CORPUSGOV_PII_HASH_KEY"] = old
    return wrapper


@functools.cache
@with_key
def lifecycle_runs() -> dict[str, str]:
    """Built once per session: base (alpha+beta), full and incremental runs over alpha+beta+gamma."""
    from corpusgov.config import load_config
    from corpusgov.incremental import run_incremental
    from corpusgov.run import run_governance

    root = Path(tempfile.mkdtemp(prefix="corpusgov-lifecycle-"))
    atexit.register(shutil.rmtree, root, True)
    old_cfg = load_config(str(write_config(root, ["alpha", "beta"])))
    new_cfg = load_config(str(write_config(root, ["alpha", "beta", "gamma"])))
    run_governance(old_cfg, str(root / "base"), [], postprocess=False)
    run_governance(new_cfg, str(root / "full"), [], postprocess=False)
    code = run_incremental(new_cfg, str(root / "inc"), str(root / "base"), [], render=False)
    assert code == 0
    return {"root": str(root), "base": str(root / "base"), "full": str(root / "full"), "inc": str(root / "inc"),
            "config_new": str(root / "config-alpha-beta-gamma.yaml")}


def table(run_dir: str, kind: str) -> pa.Table | None:
    files = sorted(glob.glob(os.path.join(run_dir, kind, "*.parquet")))
    return pa.concat_tables([pq.read_table(f) for f in files]).sort_by("record_id") if files else None


def manifest(run_dir: str) -> dict[str, Any]:
    with open(os.path.join(run_dir, "manifest.json"), encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(scope="module")
def runs() -> dict[str, str]:
    return lifecycle_runs()


def test_incremental_equals_full_rerun(runs: dict[str, str]) -> None:
    for kind in ("decisions", "corpus", "pii", "signatures"):
        a, b = table(runs["inc"], kind), table(runs["full"], kind)
        assert a is not None and b is not None and a.num_rows == b.num_rows > 0, kind
        assert a.equals(b), f"{kind} differs between incremental and full re-run"
    assert table(runs["inc"], "copyright") is None and table(runs["full"], "copyright") is None
    mi, mf = manifest(runs["inc"]), manifest(runs["full"])
    assert mi["totals"] == mf["totals"]
    for k in ("sources", "scale", "type", "pii", "copyright", "quality", "dedup", "steps"):
        assert mi[k] == mf[k], k
    assert mi["outputs"]["merkle"]["corpus_root"] == mf["outputs"]["merkle"]["corpus_root"]
    # Diversity entropies are float sums whose order follows record order: equal up to rounding.
    for si, sf in zip(mi["diversity"]["stages"], mf["diversity"]["stages"], strict=True):
        assert si["distributions"] == sf["distributions"]
        for k, v in sf["entropy"].items():
            assert si["entropy"][k] == pytest.approx(v, abs=1e-12)


def test_incremental_annotates_only_new_files(runs: dict[str, str]) -> None:
    inc = manifest(runs["inc"])["incremental"]
    assert inc["mode"] == "incremental" and inc["reason"] is None
    assert (inc["files_reused"], inc["files_governed"], inc["files_removed"]) == (2, 1, 0)
    assert inc["records_annotated"] == 20  # gamma only
    assert inc["records_reused"] == 70
    assert inc["base_run_id"] == manifest(runs["base"])["run"]["run_id"]


def test_incremental_dedups_new_records_against_stored_signatures(runs: dict[str, str]) -> None:
    dec = {r["record_id"]: r for r in table(runs["inc"], "decisions").to_pylist()}
    gamma = [r for r in dec.values() if r["source_id"] == "gamma"]
    by_index = {r["origin_index"]: r for r in gamma}
    assert by_index[1]["reasons"][0] == "duplicate:exact"  # exact copy of a beta record
    assert dec[by_index[1]["dup_of"]]["source_id"] == "beta"
    assert by_index[0]["dup_cluster"] is not None  # near copy of an alpha record


def test_incremental_run_verifies_and_links_base(runs: dict[str, str]) -> None:
    from corpusgov.lifecycle import read_manifest
    from corpusgov.lineage.verify import verify_run

    rep = verify_run(runs["inc"])
    assert rep.ok, rep.first_failure()
    m = manifest(runs["inc"])
    assert m["run"]["command"] == "incremental"
    assert m["previous_manifest"]["sha256"] == read_manifest(runs["base"])[1]


def test_signatures_are_kept_for_every_annotated_record(runs: dict[str, str]) -> None:
    dec = table(runs["base"], "decisions")
    sig = table(runs["base"], "signatures")
    assert sig.column("record_id").to_pylist() == dec.column("record_id").to_pylist()


def test_changed_detection_policy_falls_back_to_full(runs: dict[str, str]) -> None:
    from corpusgov.config import load_config
    from corpusgov.incremental import plan_reuse
    from corpusgov.planning import make_plan

    root = Path(runs["root"]) / "variant"
    root.mkdir(exist_ok=True)
    base_m = manifest(runs["base"])
    cfg = load_config(str(write_config(root, ["alpha", "beta"], "pii: {min_score: 0.9}\n")))
    r = plan_reuse(cfg, make_plan(cfg), base_m)
    assert r["mode"] == "full" and "pii" in r["reason"] and r["files_reused"] == 0
    # Decision-only settings (actions, rules, thresholds) keep the cache usable.
    cfg = load_config(str(write_config(root, ["alpha", "beta"], "pii: {actions: {'*': {'*': drop}}}\n")))
    r = plan_reuse(cfg, make_plan(cfg), base_m)
    assert r["mode"] == "incremental" and r["files_reused"] == 2
    # A changed input file is governed again; the others are reused.
    (root / "data" / "beta" / "docs.jsonl").write_text('{"text": "changed"}\n', encoding="utf-8")
    r = plan_reuse(cfg, make_plan(cfg), base_m)
    assert (r["files_reused"], r["files_governed"]) == (1, 1)


def test_tampered_base_table_is_refused(runs: dict[str, str]) -> None:
    import shutil

    from corpusgov.cli import CliError
    from corpusgov.incremental import _base_tables

    copy = Path(runs["root"]) / "tampered"
    shutil.copytree(runs["base"], copy, dirs_exist_ok=True)
    victim = sorted(glob.glob(str(copy / "pii" / "*.parquet")))[0]
    with open(victim, "ab") as f:
        f.write(b"x")
    with pytest.raises(CliError, match="differs from its manifest sha256"):
        _base_tables(str(copy), manifest(str(copy)))
