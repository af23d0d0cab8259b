"""Takedowns (`corpusgov forget`): every affected record and its copies leave the corpus, the new version
verifies and links the previous one, no identifier value is stored, and re-running a request is a no-op."""

from __future__ import annotations

import atexit
import functools
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest

from tests.test_incremental import EMAIL, KEY, lifecycle_runs, manifest, table, with_key


def _request(root: Path, name: str, body: str) -> str:
    p = root / f"{name}.yaml"
    p.write_text(body, encoding="utf-8")
    return str(p)


def _alpha_text(base: str, index: int) -> str:
    dec = {r["record_id"]: r for r in table(base, "decisions").to_pylist()}
    rid = next(r for r, d in dec.items() if d["source_id"] == "alpha" and d["origin_index"] == index)
    import json

    root = Path(lifecycle_runs()["root"])
    lines = (root / "data" / "alpha" / "docs.jsonl").read_text(encoding="utf-8").splitlines()
    assert dec[rid]["content_sha256"]
    return json.loads(lines[index])["text"]


@functools.cache
@with_key
def forgotten() -> dict[str, Any]:
    """base -> v2 (a work named by its text, with near copies) -> v3 (an e-mail address)."""
    from corpusgov.forget import forget

    runs = lifecycle_runs()
    root = Path(tempfile.mkdtemp(prefix="corpusgov-forget-"))
    atexit.register(shutil.rmtree, root, True)
    work = _alpha_text(runs["base"], 5)
    content_file = root / "work.txt"
    content_file.write_text(work, encoding="utf-8")
    r1 = _request(root, "work", "version: 1\nid: TD-1\ndate: 2026-11-02\nrequester_type: rights_holder\n"
                  "legal_ground: Art. 15\nmatch:\n  content_files: [work.txt]\n")
    r2 = _request(root, "email", "version: 1\nid: TD-2\ndate: 2026-11-05\nrequester_type: data_subject\n"
                  f"legal_ground: PIPL Art. 47\nmatch:\n  identifiers:\n    - {{type: EMAIL_ADDRESS, value: '{EMAIL}'}}\n")
    s1 = forget(runs["base"], r1, str(root / "v2"), render=False)
    s2 = forget(str(root / "v2"), r2, str(root / "v3"), render=False)
    return {"root": str(root), "base": runs["base"], "v2": str(root / "v2"), "v3": str(root / "v3"),
            "r1": r1, "r2": r2, "s1": s1, "s2": s2, "work": work}


@pytest.fixture(scope="module")
def fg() -> dict[str, Any]:
    return forgotten()


def test_work_and_its_near_copies_are_removed(fg: dict[str, Any]) -> None:
    base_dec = {r["record_id"]: r for r in table(fg["base"], "decisions").to_pylist()}
    new_dec = {r["record_id"]: r for r in table(fg["v2"], "decisions").to_pylist()}
    corpus_ids = set(table(fg["v2"], "corpus").column("record_id").to_pylist())
    by_loc = {(d["source_id"], d["origin_index"]): rid for rid, d in base_dec.items()}
    planted = [by_loc[("alpha", 5)], by_loc[("alpha", 1)], by_loc[("beta", 0)]]  # the work and two near copies
    for rid in planted:
        assert rid not in corpus_ids
        assert new_dec[rid]["decision"] == "drop"
        assert "takedown:TD-1" in new_dec[rid]["reasons"]
    removed = [rid for rid in planted if base_dec[rid]["decision"] == "keep"]
    assert removed, "one copy of the planted work was in the corpus"
    for rid in removed:
        assert new_dec[rid]["reasons"][0] == "takedown:TD-1" and new_dec[rid]["stage"] == "takedown"
    entry = manifest(fg["v2"])["requests"][-1]
    assert sorted(entry["removed_record_ids"]) == sorted(removed)
    assert set(planted) <= set(entry["affected_record_ids"])
    assert entry["matched_by"].get("content_exact") == 1
    assert fg["work"] not in " ".join(table(fg["v2"], "corpus").column("text").to_pylist())
    # Everything else is untouched.
    others = [rid for rid in base_dec if rid not in entry["affected_record_ids"]]
    assert all(new_dec[r] == base_dec[r] for r in others)
    # Their signatures are gone too, so a later incremental run cannot reuse them.
    assert not set(planted) & set(table(fg["v2"], "signatures").column("record_id").to_pylist())


def test_new_versions_verify_and_chain(fg: dict[str, Any]) -> None:
    from corpusgov.lifecycle import read_manifest
    from corpusgov.lineage.verify import verify_run

    for v, prev in (("v2", "base"), ("v3", "v2")):
        rep = verify_run(fg[v])
        assert rep.ok, rep.first_failure()
        m = manifest(fg[v])
        assert m["run"]["command"] == "forget"
        assert m["previous_manifest"]["sha256"] == read_manifest(fg[prev])[1]
    m2, mb = manifest(fg["v2"]), manifest(fg["base"])
    n = len(m2["requests"][0]["removed_record_ids"])
    assert m2["totals"]["kept"] == mb["totals"]["kept"] - n
    assert m2["totals"]["dropped_by_reason"]["takedown:TD-1"] == n
    assert m2["steps"][-1]["name"] == "takedown" and m2["steps"][-1]["records_out"] == m2["totals"]["kept"]
    assert m2["outputs"]["merkle"]["corpus_root"] != mb["outputs"]["merkle"]["corpus_root"]
    assert [r["id"] for r in manifest(fg["v3"])["requests"]] == ["TD-1", "TD-2"]


def test_identifier_matched_by_keyed_hash_and_never_stored(fg: dict[str, Any]) -> None:
    from corpusgov.quality.pii.scanner import keyed_hash

    entry = manifest(fg["v3"])["requests"][-1]
    assert entry["counts"]["removed_from_corpus"] >= 1
    assert entry["matched_by"].get("identifier", 0) >= 1
    h = keyed_hash(EMAIL, KEY.encode())
    assert {"type": "EMAIL_ADDRESS", "value_hash": h} in entry["match"]["identifier_hashes"]
    # The value appears nowhere in the new run directory; its findings' hashes left pii/ with the record.
    for dirpath, _, names in os.walk(fg["v3"]):
        for n in names:
            with open(os.path.join(dirpath, n), "rb") as f:
                assert EMAIL.encode() not in f.read(), n
    pii = table(fg["v3"], "pii")
    assert pii is None or h not in set(pii.column("value_hash").to_pylist())
    assert h in set(table(fg["base"], "pii").column("value_hash").to_pylist())


def test_rerunning_a_request_is_a_no_op(fg: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    from corpusgov.forget import forget

    monkeypatch.setenv("CORPUSGOV_PII_HASH_KEY", KEY)
    out = Path(fg["root"]) / "again"
    s = forget(fg["v3"], fg["r2"], str(out), render=False)
    assert s["status"] == "no_op" and not out.exists()
    s = forget(fg["v3"], fg["r1"], str(out), render=False)
    assert s["status"] == "no_op" and not out.exists()


def test_wrong_or_missing_key_is_refused(fg: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    from corpusgov.forget import ForgetError, forget

    out = str(Path(fg["root"]) / "nokey")
    monkeypatch.delenv("CORPUSGOV_PII_HASH_KEY", raising=False)
    with pytest.raises(ForgetError, match="set CORPUSGOV_PII_HASH_KEY"):
        forget(fg["v2"], fg["r2"], out, render=False)
    monkeypatch.setenv("CORPUSGOV_PII_HASH_KEY", "another-key")
    with pytest.raises(ForgetError, match="is not the key run"):
        forget(fg["v2"], fg["r2"], out, render=False)


def test_request_validation_names_file_and_field(tmp_path: Path, fg: dict[str, Any]) -> None:
    from corpusgov.forget import ForgetError, forget, load_request

    bad = _request(tmp_path, "bad", "version: 1\nid: TD-9\ndate: 2026-01-01\nrequester_type: rights_holder\n"
                   "legal_ground: x\nmatch:\n  identifiers:\n    - {value: a, value_hash: b}\n")
    with pytest.raises(ForgetError, match=re.escape(bad) + ".*'match.identifiers.0'.*exactly one"):
        load_request(bad)
    empty = _request(tmp_path, "empty", "version: 1\nid: TD-9\ndate: 2026-01-01\nrequester_type: regulator\n"
                     "legal_ground: x\nmatch: {}\n")
    with pytest.raises(ForgetError, match="'match'.*names nothing"):
        load_request(empty)
    # Same id, different content: refused instead of silently mixing two requests.
    other = _request(tmp_path, "other", "version: 1\nid: TD-1\ndate: 2026-11-02\nrequester_type: rights_holder\n"
                     "legal_ground: Art. 15\nmatch:\n  source_ids: [beta]\n")
    with pytest.raises(ForgetError, match="already applied with different content"):
        forget(fg["v2"], other, str(tmp_path / "x"), render=False)
    with pytest.raises(ForgetError, match="new directory"):
        forget(fg["v2"], other, fg["v2"], render=False)


def test_source_withdrawal_without_copies(fg: dict[str, Any], tmp_path: Path) -> None:
    from corpusgov.forget import forget
    from corpusgov.lineage.verify import verify_run

    req = _request(tmp_path, "src", "version: 1\nid: TD-3\ndate: 2026-11-20\nrequester_type: licensor\n"
                   "legal_ground: licence withdrawn\nmatch:\n  source_ids: [beta]\n  near_duplicates: false\n")
    s = forget(fg["v3"], req, str(tmp_path / "v4"), render=False)
    m = manifest(str(tmp_path / "v4"))
    beta = next(x for x in m["sources"] if x["id"] == "beta")
    assert beta["counts"]["kept"] == 0 and beta["scale"]["records"] == 0
    assert s["removed_from_corpus"] == next(x for x in manifest(fg["v3"])["sources"] if x["id"] == "beta")["counts"]["kept"]
    assert m["requests"][-1]["matched_by"] == {"source": 30}
    assert verify_run(str(tmp_path / "v4")).ok


@with_key
def test_incremental_run_reapplies_takedowns(fg: dict[str, Any]) -> None:
    """A later `run --base` re-reads the source files but never brings removed records back."""
    from corpusgov.config import load_config
    from corpusgov.incremental import run_incremental
    from corpusgov.lineage.verify import verify_run

    runs = lifecycle_runs()
    out = Path(fg["root"]) / "v4-inc"
    shutil.rmtree(out, ignore_errors=True)
    assert run_incremental(load_config(runs["config_new"]), str(out), fg["v3"], [], render=False) == 0
    m = manifest(str(out))
    rep = verify_run(str(out))
    assert rep.ok, rep.first_failure()
    corpus_ids = set(table(str(out), "corpus").column("record_id").to_pylist())
    for r in manifest(fg["v3"])["requests"]:
        assert not set(r["affected_record_ids"]) & corpus_ids
    assert [r["id"] for r in m["requests"]] == ["TD-1", "TD-2"]
    assert all(r["reapplied_in_run"] == m["run"]["run_id"] for r in m["requests"])
    assert m["incremental"]["files_governed"] == 1  # gamma is new
    # The removed records were re-annotated (never taken from the cache), everything else reused.
    assert m["incremental"]["records_annotated"] == 20 + len(
        {x for r in manifest(fg["v3"])["requests"] for x in r["affected_record_ids"]})


def test_run_made_before_decisions_had_est_tokens(fg: dict[str, Any], tmp_path: Path) -> None:
    """A takedown still applies to a run written before `decisions.est_tokens` existed: its kept token counts
    are estimated from the corpus text, and the new version verifies."""
    import pyarrow.parquet as pq

    from corpusgov.aggregates import estimate_tokens
    from corpusgov.forget import forget
    from corpusgov.lineage.verify import verify_run

    old = tmp_path / "old"
    shutil.copytree(fg["base"], old)
    for p in (old / "decisions").glob("*.parquet"):
        pq.write_table(pq.read_table(p).drop_columns(["est_tokens"]), p)
    req = _request(tmp_path, "src", "version: 1\nid: TD-5\ndate: 2026-11-21\nrequester_type: licensor\n"
                   "legal_ground: licence withdrawn\nmatch:\n  source_ids: [beta]\n  near_duplicates: false\n")
    forget(str(old), req, str(tmp_path / "v2"), render=False)
    m = manifest(str(tmp_path / "v2"))
    texts = table(str(tmp_path / "v2"), "corpus").column("text").to_pylist()
    assert m["scale"]["by_modality"]["text"]["est_tokens"] == sum(estimate_tokens(t) for t in texts) > 0
    assert "est_tokens" not in pq.read_schema(next((tmp_path / "v2" / "decisions").glob("*.parquet"))).names
    rep = verify_run(str(tmp_path / "v2"))
    assert rep.ok, rep.first_failure()


def _drill(run_dir: str, name: str) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    return pq.read_table(str(Path(run_dir) / "drilldown" / f"{name}.parquet")).to_pylist()


def test_drilldown_recount_uses_the_pipelines_rules(fg: dict[str, Any], tmp_path: Path) -> None:
    """Recounting an untouched run's drill-down from its decisions gives the tables the pipeline wrote."""
    from corpusgov.drill import recount_after_takedown

    copy = tmp_path / "base"
    shutil.copytree(fg["base"], copy)
    written = recount_after_takedown(str(copy), set())
    assert len(written) == 3
    for name in ("samples", "breakdown", "histograms"):
        assert _drill(str(copy), name) == _drill(fg["base"], name), name


def test_takedown_leaves_no_snippet_and_recounts_the_drilldown(fg: dict[str, Any]) -> None:
    affected = set(manifest(fg["v2"])["requests"][-1]["affected_record_ids"])
    base_samples = _drill(fg["base"], "samples")
    assert {s["record_id"] for s in base_samples} & affected or {s["dup_of"] for s in base_samples} & affected, \
        "the planted work or a copy of it was sampled in the base run"
    samples = _drill(fg["v2"], "samples")
    assert samples and not {s["record_id"] for s in samples} & affected
    assert not {s["dup_of"] for s in samples} & affected
    bd = _drill(fg["v2"], "breakdown")
    m = manifest(fg["v2"])
    assert sum(r["records"] for r in bd if r["outcome"] == "kept") == m["totals"]["kept"]
    assert sum(r["records"] for r in bd if r["outcome"] == "takedown:TD-1") == m["totals"]["dropped_by_reason"][
        "takedown:TD-1"]
    listed = {f["path"]: f["sha256"] for f in m["outputs"]["files"] if f["kind"] == "drilldown"}
    from corpusgov.lineage.hashing import file_sha256

    assert listed and all(file_sha256(str(Path(fg["v2"]) / p)) == h for p, h in listed.items())
