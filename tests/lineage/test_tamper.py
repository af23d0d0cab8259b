"""Tamper suite: every attack an auditor tried on the demo run, and the named `verify` check that catches it.

Two attackers per attack. The *naive* one edits files and leaves the attestation alone; on a signed run that
is all they can do without our key, so `verify` must fail with or without `--public-key`. The *adaptive*
one also rewrites the (unsigned) attestation so every file digest matches again; on an unsigned run only
what the tables (and the renderers) contradict can catch that, each by a named `derive:*` /
`renderings` check. Attacks the tables cannot contradict (an extra file nobody reads) are listed with
`None`: only a signature catches them (docs/threat-model.md). Figures are read from the run, never typed in.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from corpusgov.attest import reattest, sign_run
from corpusgov.cli import main
from corpusgov.lineage.attestation import ATTESTATION_FILE, build_statement, chain_of
from corpusgov.lineage.hashing import file_sha256
from corpusgov.lineage.signing import generate_keypair, unsigned_envelope
from corpusgov.lineage.verify import verify_run

Mutation = Callable[[Path], None]


# ------------------------------------------------------------------------------------------ helpers
def _manifest(run: Path) -> dict[str, Any]:
    return json.loads((run / "manifest.json").read_text(encoding="utf-8"))


def _write_manifest(run: Path, m: dict[str, Any]) -> None:
    (run / "manifest.json").write_text(json.dumps(m, ensure_ascii=False, sort_keys=True, indent=2) + "\n",
                                       encoding="utf-8")


def _edit_manifest(fn: Callable[[dict[str, Any]], None]) -> Mutation:
    def mutate(run: Path) -> None:
        m = _manifest(run)
        fn(m)
        _write_manifest(run, m)
    return mutate


def _rows(run: Path, kind: str) -> list[dict[str, Any]]:
    return pa.concat_tables([pq.read_table(p) for p in sorted((run / kind).glob("*.parquet"))]).to_pylist()


def _edit_table(kind: str, fn: Callable[[list[dict[str, Any]]], list[dict[str, Any]]]) -> Mutation:
    """Rewrite every shard of a table through `fn` and put the new sha256/bytes/rows into the manifest too
    (the attacker edits "a table and its hash together")."""
    def mutate(run: Path) -> None:
        m = _manifest(run)
        files = {f["path"]: f for f in m["outputs"]["files"]}
        for p in sorted((run / kind).glob("*.parquet")):
            t = pq.read_table(p)
            rows = fn(t.to_pylist())
            pq.write_table(pa.Table.from_pylist(rows, schema=t.schema), p)
            f = files[f"{kind}/{p.name}"]
            f.update(sha256=file_sha256(str(p)), bytes=p.stat().st_size, rows=len(rows))
        _write_manifest(run, m)
    return mutate


def forge(run: Path) -> None:
    """The adaptive attacker: a fresh unsigned attestation over the tampered directory."""
    env = unsigned_envelope(build_statement(str(run)))
    (run / ATTESTATION_FILE).write_text(json.dumps(env), encoding="utf-8")


def failed(run: Path, **kw: Any) -> set[str]:
    return set(verify_run(str(run), **kw).failed())


def copy_run(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst, symlinks=True)
    return dst


# ------------------------------------------------------------------------------------------ attacks
def _replace_kept_total(name: str) -> Mutation:
    def mutate(run: Path) -> None:
        kept = str(_manifest(run)["totals"]["kept"])
        p = run / name
        text = p.read_text(encoding="utf-8")
        assert kept in text, f"{name} does not state the kept total {kept}"
        p.write_text(text.replace(kept, "9999", 1), encoding="utf-8")
    return mutate


def _drop_openlineage_event(run: Path) -> None:
    p = run / "openlineage.jsonl"
    lines = p.read_text(encoding="utf-8").splitlines(keepends=True)
    assert len(lines) >= 2
    p.write_text("".join(lines[:-1]), encoding="utf-8")


def _extra_root_file(run: Path) -> None:
    shutil.copy(sorted((run / "decisions").glob("*.parquet"))[0], run / "extra.parquet")


def _extra_folder(run: Path) -> None:
    (run / "corpus2").mkdir()
    shutil.copy(sorted((run / "corpus").glob("*.parquet"))[0], run / "corpus2" / "part-00000-of-00001.parquet")


def _extra_corpus_shard(run: Path) -> None:
    shutil.copy(sorted((run / "corpus").glob("*.parquet"))[0], run / "corpus" / "part-99999-of-99999.parquet")


def _source_with_pii(m: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """A source with PI findings and a legal basis whose policy action differs for one of its entity types."""
    actions = m["config"]["policy"]["pii"]["actions"]

    def act(basis: str, entity: str) -> str:
        a = actions.get(basis) or {}
        return a.get(entity, a.get("*", "keep"))

    for s in m["sources"]:
        types = m["pii"]["counts_by_source"].get(s["id"]) or {}
        if s["status"] != "accepted" or not types:
            continue
        for basis in actions:
            if basis != s["pi_legal_basis"] and any(act(basis, t) != act(s["pi_legal_basis"], t) for t in types):
                return s, basis
    pytest.skip("the demo policy treats every legal basis alike for the PI found")


def _legal_basis(m: dict[str, Any]) -> None:
    s, basis = _source_with_pii(m)
    s["pi_legal_basis"] = basis
    s["registry_entry"]["pi_legal_basis"] = basis


def _licence_naive(m: dict[str, Any]) -> None:
    m["sources"][0]["licence"] = "CC0-1.0" if m["sources"][0]["licence"] != "CC0-1.0" else "MIT"


def _licence_consistent(m: dict[str, Any]) -> None:
    """An open-licence source whose texts carry licence markers: its copyright decisions depend on the licence."""
    s = next((s for s in m["sources"] if s["acquisition"] == "open_licence" and s["status"] == "accepted"
              and (m["copyright"]["counts_by_source"].get(s["id"]) or {}).get("licence")), None)
    if s is None:
        pytest.skip("no open-licence source with licence markers in this run")
    s["licence"] = s["registry_entry"]["licence"] = "LicenseRef-proprietary"


def _rejected_by_screening(m: dict[str, Any]) -> dict[str, Any]:
    s = next((s for s in m["sources"] if "screening_rate_exceeded" in s["rejection_reasons"]), None)
    if s is None:
        pytest.skip("no source over the screening threshold in this run")
    return s


def _policy_hit_rate(m: dict[str, Any]) -> None:
    """Raise max_hit_rate above the rejected source's rate everywhere the manifest repeats it."""
    s = _rejected_by_screening(m)
    new = min(1.0, s["screening"]["hit_rate"] * 2 + 0.1)
    m["config"]["policy"]["screening"]["max_hit_rate"] = new
    for st in m["steps"]:
        if st["name"] == "source_gate":
            st["params"]["screening_max_hit_rate"] = new
    for x in m["sources"]:
        x["screening"]["threshold"] = new


def _gate_passed(m: dict[str, Any]) -> None:
    g = next(g for g in m["gates"] if g["name"].startswith("source_screening:") and not g["passed"])
    g["passed"] = True


def _pii_zero(m: dict[str, Any]) -> None:
    m["pii"]["counts_by_source"] = {}
    m["pii"]["records_by_action"] = {}


def _scale_x10(m: dict[str, Any]) -> None:
    for view in ("by_source", "by_language", "by_modality"):
        for v in m["scale"][view].values():
            for k in v:
                v[k] *= 10
    for s in m["sources"]:
        s["scale"] = dict(m["scale"]["by_source"][s["id"]])


def _batch_accepted(m: dict[str, Any]) -> None:
    b = next((b for b in m["annotation"]["batches"].values() if b["status"] == "rejected"), None)
    if b is None:
        pytest.skip("no rejected annotation batch in this run")
    b["status"] = "accepted"


def _batch_accepted_in_audit_too(run: Path) -> None:
    _edit_manifest(_batch_accepted)(run)
    p = run / "annotation_audit.json"
    audit = json.loads(p.read_text(encoding="utf-8"))
    for b in audit["batches"]:
        if b["status"] == "rejected":
            b["status"] = "accepted"
    p.write_text(json.dumps(audit), encoding="utf-8")


def _screening_rate(m: dict[str, Any]) -> None:
    _rejected_by_screening(m)["screening"]["hit_rate"] = 0.01


def _dedup_count(m: dict[str, Any]) -> None:
    m["dedup"]["exact_duplicates_dropped"] += 5


def _remove_rejected_source(m: dict[str, Any]) -> None:
    sid = next(s["id"] for s in m["sources"] if s["status"] == "rejected")
    m["sources"] = [s for s in m["sources"] if s["id"] != sid]


def _fake_source(m: dict[str, Any]) -> None:
    fake = json.loads(json.dumps(next(s for s in m["sources"] if s["status"] == "accepted")))
    fake["id"] = fake["registry_entry"]["id"] = "licensed_books"
    m["sources"].append(fake)


def _drop_pi_flag(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for r in rows:
        if r["decision"] == "keep" and any(x.startswith("pii:") for x in r["reasons"] or []):
            r["reasons"] = [x for x in r["reasons"] if not x.startswith("pii:")]
            break
    return rows


def _relabel_language(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for r in rows:
        if any(x.startswith("language:not_allowed:") for x in r["reasons"] or []):
            r["lang"] = "en" if r["lang"] != "en" else "zh-Hans"
    return rows


def _halve(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return rows[::2]


def _clear_screen_hits(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for r in rows:
        r["screen_hit"] = False
    return rows


# name -> (mutation, checks that must fail for the adaptive attacker on an unsigned run; None: not claimed,
#          only a signature catches it)
ATTACKS: dict[str, tuple[Mutation, set[str] | None]] = {
    "report.zh.md number": (_replace_kept_total("report.zh.md"), {"renderings"}),
    "report.zh.html number": (_replace_kept_total("report.zh.html"), {"renderings"}),
    "report.en.md number": (_replace_kept_total("report.en.md"), {"renderings"}),
    "dashboard.html number": (_replace_kept_total("dashboard.html"), {"renderings"}),
    "croissant.json number": (_replace_kept_total("croissant.json"), {"renderings"}),
    "openlineage event dropped": (_drop_openlineage_event, {"renderings"}),
    "extra.parquet at the root": (_extra_root_file, None),
    "corpus2/ folder": (_extra_folder, None),
    "extra corpus shard": (_extra_corpus_shard, {"files:outputs", "derive:corpus"}),
    "source licence (registry entry left)": (_edit_manifest(_licence_naive), {"derive:sources"}),
    "source licence (registry entry too)": (_edit_manifest(_licence_consistent), {"derive:decisions"}),
    "source legal basis": (_edit_manifest(_legal_basis), {"derive:decisions"}),
    "policy max_hit_rate": (_edit_manifest(_policy_hit_rate), {"derive:sources", "derive:decisions"}),
    "screening gate set passed": (_edit_manifest(_gate_passed), {"derive:gates"}),
    "PI counts zeroed": (_edit_manifest(_pii_zero), {"derive:pii"}),
    "scale x10": (_edit_manifest(_scale_x10), {"derive:scale"}),
    "rejected annotation batch accepted": (_edit_manifest(_batch_accepted), {"derive:annotation"}),
    "batch accepted in manifest and audit": (_batch_accepted_in_audit_too, {"derive:annotation"}),
    "screening rate": (_edit_manifest(_screening_rate), {"derive:screening"}),
    "dedup count": (_edit_manifest(_dedup_count), {"derive:dedup"}),
    "rejected source removed": (_edit_manifest(_remove_rejected_source), {"derive:sources"}),
    "fake source added": (_edit_manifest(_fake_source), {"derive:sources", "derive:counts"}),
    "decisions: PI flag dropped": (_edit_table("decisions", _drop_pi_flag), {"derive:decisions"}),
    "decisions: language relabelled": (_edit_table("decisions", _relabel_language),
                                       {"derive:decisions", "derive:corpus"}),
    "pii/ halved": (_edit_table("pii", _halve), {"derive:decisions"}),
    "decisions: screen_hit cleared": (_edit_table("decisions", _clear_screen_hits),
                                      {"derive:decisions", "derive:screening"}),
}


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str, str, str]:
    d = tmp_path_factory.mktemp("keys")
    generate_keypair(str(d / "ours.key"), str(d / "ours.pub"))
    generate_keypair(str(d / "theirs.key"), str(d / "theirs.pub"))
    return str(d / "ours.key"), str(d / "ours.pub"), str(d / "theirs.key"), str(d / "theirs.pub")


@pytest.fixture(scope="module")
def signed_run(demo_run: Path, tmp_path_factory: pytest.TempPathFactory, keys: tuple[str, ...]) -> Path:
    run = copy_run(demo_run, tmp_path_factory.mktemp("signed") / "run")
    sign_run(str(run), keys[0])
    return run


# ------------------------------------------------------------------------------------------ tests
def test_untouched_runs_verify(demo_run: Path, signed_run: Path, keys: tuple[str, ...]) -> None:
    rep = verify_run(str(demo_run), rerender=True)
    assert rep.ok, rep.first_failure()
    assert "signature" in rep.warnings()  # unsigned: a warning, never ok
    rep = verify_run(str(signed_run), public_key=keys[1], require_signature=True, rerender=True)
    assert rep.ok, rep.first_failure()
    assert {c.name for c in rep.checks if c.level == "ok"} >= {"signature", "files:digest", "files:unlisted",
                                                                 "derive:decisions", "renderings"}


@pytest.mark.parametrize("name", list(ATTACKS))
def test_attack_on_a_signed_run_fails_with_and_without_the_key(name: str, signed_run: Path, tmp_path: Path,
                                                                keys: tuple[str, ...]) -> None:
    mutate, _ = ATTACKS[name]
    run = copy_run(signed_run, tmp_path / "run")
    mutate(run)
    with_key = failed(run, public_key=keys[1])
    without = failed(run)
    assert with_key & {"files:digest", "files:unlisted"}, with_key
    assert without & {"files:digest", "files:unlisted"}, without
    assert "signature" not in with_key  # the signed Statement is intact; the files no longer match it


@pytest.mark.parametrize("name", [n for n, (_, want) in ATTACKS.items() if want])
def test_attack_on_an_unsigned_run_with_a_rewritten_attestation_is_caught_by_the_tables(
        name: str, demo_run: Path, tmp_path: Path) -> None:
    mutate, want = ATTACKS[name]
    run = copy_run(demo_run, tmp_path / "run")
    mutate(run)
    forge(run)
    got = failed(run, rerender="renderings" in want)  # re-rendering takes seconds: only where it is the catch
    assert want <= got, f"{name}: want {want}, failed {got}"
    assert not got & {"files:digest", "files:unlisted", "attestation"}  # the forgery itself is consistent


def test_forged_attestation_on_a_signed_run(signed_run: Path, tmp_path: Path, keys: tuple[str, ...]) -> None:
    run = copy_run(signed_run, tmp_path / "run")
    _extra_root_file(run)
    forge(run)  # replaces the signed envelope by an unsigned one
    assert "signature" in failed(run, public_key=keys[1])
    assert "signature" in failed(run, require_signature=True)
    rep = verify_run(str(run))
    assert rep.ok and any("UNSIGNED" in line for line in rep.lines())  # without a key: a WARN line
    reattest(str(run), keys[2])  # re-signed with the intruder's own key
    assert "signature" in failed(run, public_key=keys[1])


def test_signature_lines_without_a_key_are_warnings_never_ok(signed_run: Path, demo_run: Path) -> None:
    sig = next(c for c in verify_run(str(signed_run)).checks if c.name == "signature")
    assert sig.level == "WARN" and "signature not verified (no key)" in sig.detail
    sig = next(c for c in verify_run(str(demo_run)).checks if c.name == "signature")
    assert sig.level == "WARN" and sig.detail.startswith("UNSIGNED")
    assert main(["verify", str(demo_run), "--require-signature"]) == 4


def test_truncated_or_missing_attestation_exits_4(demo_run: Path, tmp_path: Path) -> None:
    run = copy_run(demo_run, tmp_path / "run")
    p = run / ATTESTATION_FILE
    p.write_bytes(p.read_bytes()[: p.stat().st_size // 2])
    assert "attestation" in failed(run)
    assert main(["verify", str(run)]) == 4
    p.unlink()
    assert "attestation" in failed(run)
    assert main(["verify", str(run)]) == 4


def test_trace_rejects_a_malformed_record_id(demo_run: Path) -> None:
    assert main(["trace", str(demo_run), "--record-id", "nothex"]) == 2


def test_sign_refuses_a_run_changed_since_its_attestation(demo_run: Path, tmp_path: Path,
                                                          keys: tuple[str, ...]) -> None:
    run = copy_run(demo_run, tmp_path / "run")
    _replace_kept_total("report.en.md")(run)
    assert main(["sign", str(run), "--key", keys[0]]) == 4
    assert "files:digest" in failed(run)


def test_commands_that_change_a_run_re_sign_it_or_leave_it_loudly_unsigned(
        signed_run: Path, tmp_path: Path, keys: tuple[str, ...], monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    run = copy_run(signed_run, tmp_path / "run")
    monkeypatch.delenv("CORPUSGOV_SIGNING_KEY", raising=False)
    assert main(["sample", str(run), "--size", "20", "--seed", "1"]) == 0
    assert any("UNSIGNED" in r.getMessage() and "was signed by keyid" in r.getMessage() for r in caplog.records)
    rep = verify_run(str(run))
    assert rep.ok and "signature" in rep.warnings(), rep.first_failure()
    assert "signature" in failed(run, public_key=keys[1])
    monkeypatch.setenv("CORPUSGOV_SIGNING_KEY", keys[0])
    assert main(["sample", str(run), "--size", "20"]) == 0
    template = [json.loads(x) for x in (run / "acceptance" / "verdicts.template.jsonl").read_text().splitlines()]
    verdicts = tmp_path / "verdicts.jsonl"
    verdicts.write_text("".join(json.dumps({**r, "verdict": "pass", "reviewer_id": "qa1"}) + "\n" for r in template))
    assert main(["accept", str(run), str(verdicts)]) == 3  # 20 records: below the §9.2 minimum, so not accepted
    rep = verify_run(str(run), public_key=keys[1], require_signature=True, rerender=True)
    assert rep.ok, rep.first_failure()  # the acceptance files and re-rendered reports are covered and signed


# ------------------------------------------------------------------------------------------ chain
def _request(tmp: Path, rid: str, ids: list[str]) -> str:
    p = tmp / f"{rid}.yaml"
    p.write_text(f"version: 1\nid: {rid}\ndate: 2026-12-01\nrequester_type: data_subject\n"
                 f"legal_ground: PIPL Art. 47\nmatch:\n  record_ids: [{', '.join(ids)}]\n  near_duplicates: false\n",
                 encoding="utf-8")
    return str(p)


@pytest.fixture(scope="module")
def chain_runs(demo_run: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from corpusgov.forget import forget

    root = tmp_path_factory.mktemp("chain")
    v1 = copy_run(demo_run, root / "v1")
    reattest(str(v1))  # enters the index beside the runs
    kept = [r["record_id"] for r in _rows(v1, "decisions") if r["decision"] == "keep" and not r["dup_cluster"]]
    forget(str(v1), _request(root, "r1", kept[:2]), str(root / "v2"), render=True)
    forget(str(root / "v2"), _request(root, "r2", kept[2:4]), str(root / "v3"), render=True)
    return {"root": root, "v1": v1, "v2": root / "v2", "v3": root / "v3"}


def test_chain_versions_verify_and_older_ones_warn(chain_runs: dict[str, Path]) -> None:
    assert [chain_of(_manifest(chain_runs[v]))["version"] for v in ("v1", "v2", "v3")] == [1, 2, 3]
    rep = verify_run(str(chain_runs["v3"]), rerender=True)
    assert rep.ok, rep.first_failure()
    assert {"chain:links", "chain:version", "chain:requests", "chain:index", "chain:newest", "derive:requests"} <= {
        c.name for c in rep.checks if c.level == "ok"}
    rep = verify_run(str(chain_runs["v2"]))
    assert rep.ok and "chain:newest" in rep.warnings()


def test_rollback_of_a_version_directory_is_caught(chain_runs: dict[str, Path]) -> None:
    """v3 replaced by v2 (bringing back the record v3 took down), inside the same runs folder."""
    root = chain_runs["root"]
    shutil.copytree(chain_runs["v3"], root / "v3.bak")
    try:
        shutil.rmtree(chain_runs["v3"])
        shutil.copytree(chain_runs["v2"], chain_runs["v3"])
        rep = verify_run(str(chain_runs["v3"]))
        assert "chain:index" in rep.failed() and "chain:newest" in rep.warnings()
    finally:
        shutil.rmtree(chain_runs["v3"])
        os.rename(root / "v3.bak", chain_runs["v3"])


def test_blanked_takedown_request_is_caught(chain_runs: dict[str, Path], tmp_path: Path) -> None:
    run = copy_run(chain_runs["v3"], chain_runs["root"] / "v3-tampered")
    try:
        m = _manifest(run)
        for r in m["requests"]:
            r["removed_record_ids"] = []
            r["legal_ground"] = ""
        _write_manifest(run, m)
        forge(run)
        got = failed(run)
        assert {"derive:requests", "chain:requests"} <= got, got
    finally:
        shutil.rmtree(run)
