"""Great Expectations gates over decisions Parquet, and the metrics.json schema."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import socket
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from corpusgov.contracts.tables import decisions_schema
from corpusgov.quality.expectations import (
    DERIVED_COLUMNS,
    language_value_set,
    run_expectations,
)
from corpusgov.quality.expectations_policy import ExpectationSpec, ExpectationsPolicy, default_expectations

RUN_TIME = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
PARAMS = {"allowed_languages": language_value_set(["zh", "en"])}
SECRET = "张三的手机号13812345678"


def _rid(i: int) -> str:
    return hashlib.sha256(f"r{i}".encode()).hexdigest()[:32]


def _decisions(
    n: int = 40,
    *,
    dup_every: int = 8,
    unresolved: tuple[int, ...] = (),
    dup_id: bool = False,
    lang_bad: tuple[int, ...] = (),
) -> pa.Table:
    """Rows: every 4th dropped; every dup_every-th is a duplicate of row 1; text column must never be read."""
    rows = []
    for i in range(n):
        dup = i % dup_every == 0 and i > 0
        keep = not dup and i % 4 != 3
        reasons = ["duplicate:near" if i % 16 == 0 else "duplicate:exact"] if dup else []
        if not keep and not dup:
            reasons = ["quality:too_short"]
        rows.append(
            {
                "record_id": _rid(i),
                "source_id": "web" if i % 2 else "books",
                "decision": "keep" if keep else "drop",
                "reasons": reasons,
                "lang": "xx" if i in lang_bad else ("en" if i % 3 else "zh-Hans"),
                "lang_score": 0.9,
                "dup_cluster": _rid(1) if dup or i == 1 else None,
                "dup_of": _rid(1) if dup else None,
                "pii_count": i % 3,
                "pii_unresolved": i in unresolved,
                "text_chars": 100 + i,
                "text": SECRET,
            }
        )
    if dup_id:
        rows[5]["record_id"] = rows[6]["record_id"]
    # The pipeline's own decisions schema, plus a free-text column that must be refused, never read.
    schema = decisions_schema().append(pa.field("text", pa.string()))
    return pa.Table.from_pylist(rows, schema=schema)


def _write(tmp: Path, table: pa.Table, shards: int = 2) -> list[str]:
    tmp.mkdir(parents=True, exist_ok=True)
    step = -(-table.num_rows // shards)
    paths = []
    for s in range(shards):
        p = tmp / f"part-{s:05d}-of-{shards:05d}.parquet"
        pq.write_table(table.slice(s * step, step), p)
        paths.append(str(p))
    return paths


def _kept(table: pa.Table) -> int:
    return sum(1 for d in table.column("decision").to_pylist() if d == "keep")


def _by_name(result: dict) -> dict[str, dict]:
    return {e["name"]: e for s in result["suites"] for e in s["expectations"]}


def _policy(**kw) -> ExpectationsPolicy:
    kw.setdefault("data_docs", False)
    return ExpectationsPolicy(**kw)


def test_clean_run_passes_every_default_check(tmp_path):
    t = _decisions()
    res = run_expectations(
        _write(tmp_path / "d", t),
        {"records": _kept(t)},
        _policy(),
        str(tmp_path / "out"),
        parameters=PARAMS,
        run_time=RUN_TIME,
    )
    checks = _by_name(res)
    assert res["passed"] and res["critical_failed"] == [] and res["warnings_failed"] == []
    assert set(checks) == {s.name for s in default_expectations()} | {"kept_rows_match_corpus"}
    assert all(c["status"] == "passed" for c in checks.values())
    assert [s["suite"] for s in res["suites"]] == ["decisions", "kept"]
    assert checks["kept_rows_match_corpus"]["observed_value"] == _kept(t)
    # 4 of 40 rows are duplicates (rows 8, 16, 24, 32).
    assert checks["duplicate_share_max"]["observed_value"] == pytest.approx(4 / 40)
    assert res["data"]["sampled"] is False and res["data"]["rows_validated"] == 40
    saved = json.loads(Path(res["results_path"]).read_text(encoding="utf-8"))
    assert saved["passed"] is True and set(saved["ge_results"]) == {"decisions", "kept"}
    assert saved["run_time"] == RUN_TIME.isoformat()


def test_duplicated_record_id_fails_the_critical_check(tmp_path):
    t = _decisions(dup_id=True)
    res = run_expectations(
        _write(tmp_path / "d", t), {}, _policy(), str(tmp_path / "out"), parameters=PARAMS, run_time=RUN_TIME
    )
    check = _by_name(res)["record_id_unique"]
    assert not res["passed"]
    assert res["critical_failed"] == ["record_id_unique"]
    assert check["status"] == "failed" and check["critical"] and check["unexpected_count"] == 2


def test_derived_shares_and_non_critical_warnings(tmp_path):
    # Every other row a duplicate -> share 19/40 > 0.45; rows 1 and 5 are kept with unresolved PI.
    t = _decisions(dup_every=2, unresolved=(1, 5))
    specs = [s for s in default_expectations() if s.name != "duplicate_share_max"] + [
        ExpectationSpec(
            name="dup_share",
            type="expect_column_mean_to_be_between",
            kwargs={"column": "is_duplicate", "max_value": 0.45},
        ),
    ]
    res = run_expectations(
        _write(tmp_path / "d", t),
        {},
        _policy(suite=specs),
        str(tmp_path / "out"),
        parameters=PARAMS,
        run_time=RUN_TIME,
    )
    checks = _by_name(res)
    dup = sum(1 for r in t.column("reasons").to_pylist() if any(x.startswith("duplicate:") for x in r))
    kept = _kept(t)
    assert checks["dup_share"]["status"] == "failed"
    assert checks["dup_share"]["observed_value"] == pytest.approx(dup / 40)
    assert checks["unresolved_pi_share_max"]["observed_value"] == pytest.approx(2 / kept)
    assert res["critical_failed"] == ["unresolved_pi_share_max"]
    assert res["warnings_failed"] == ["dup_share"]


def test_duplicate_share_from_dup_of_when_reasons_absent(tmp_path):
    t = _decisions().drop_columns(["reasons"])
    spec = ExpectationSpec(
        name="dup",
        type="expect_column_mean_to_be_between",
        kwargs={"column": "is_duplicate", "max_value": 0.5},
    )
    res = run_expectations(_write(tmp_path / "d", t), {}, _policy(suite=[spec]), str(tmp_path / "out"))
    assert _by_name(res)["dup"]["observed_value"] == pytest.approx(4 / 40)


def test_missing_inputs_fail_closed_and_parameters_skip(tmp_path):
    t = _decisions().drop_columns(["pii_unresolved"])
    res = run_expectations(_write(tmp_path / "d", t), {}, _policy(), str(tmp_path / "out"), run_time=RUN_TIME)
    checks = _by_name(res)
    assert checks["unresolved_pi_share_max"]["status"] == "error"
    assert "unresolved_pi_share_max" in res["critical_failed"]
    # No allowed_languages parameter: the non-critical language check is skipped, not failed.
    assert (
        checks["kept_language_allowed"]["status"] == "skipped" and checks["kept_language_allowed"]["success"]
    )


def test_language_check_reports_unexpected_codes_briefly(tmp_path):
    t = _decisions(lang_bad=(1, 2, 5))
    res = run_expectations(
        _write(tmp_path / "d", t),
        {},
        _policy(partial_unexpected_count=2),
        str(tmp_path / "out"),
        parameters=PARAMS,
        run_time=RUN_TIME,
    )
    check = _by_name(res)["kept_language_allowed"]
    assert check["status"] == "failed" and not check["critical"] and check["unexpected_count"] == 3
    assert res["passed"]  # non-critical
    saved = json.loads(Path(res["results_path"]).read_text(encoding="utf-8"))
    lists = [r["result"].get("partial_unexpected_list") for r in saved["ge_results"]["kept"]["results"]]
    assert ["xx", "xx"] in lists


def test_text_columns_are_refused_and_never_echoed(tmp_path):
    t = _decisions().append_column("note", pa.array(["x" * 300] * 40))
    specs = [
        ExpectationSpec(
            name="text_set",
            type="expect_column_values_to_be_in_set",
            kwargs={"column": "text", "value_set": ["a"]},
        ),
        ExpectationSpec(
            name="note_set",
            type="expect_column_values_to_be_in_set",
            kwargs={"column": "note", "value_set": ["a"]},
        ),
        ExpectationSpec(name="nope", type="expect_column_values_to_not_be_null", kwargs={"column": "nope"}),
        ExpectationSpec(name="bad_type", type="expect_column_values_to_be_magic", kwargs={"column": "lang"}),
    ]
    res = run_expectations(
        _write(tmp_path / "d", t),
        {},
        _policy(suite=specs, data_docs=True),
        str(tmp_path / "out"),
        run_time=RUN_TIME,
    )
    checks = _by_name(res)
    assert {n: c["status"] for n, c in checks.items()} == {n: "error" for n in checks}
    assert "free text" in checks["text_set"]["error"] and "longer than" in checks["note_set"]["error"]
    for f in (tmp_path / "out").rglob("*"):
        if f.is_file():
            body = f.read_bytes()
            assert SECRET.encode() not in body and b"x" * 300 not in body


def test_sample_is_deterministic_and_row_counts_use_all_rows(tmp_path):
    t = _decisions(n=400)
    paths = _write(tmp_path / "d", t, shards=3)
    specs = [
        ExpectationSpec(name="rows", type="expect_table_row_count_to_equal", kwargs={"value": 400}),
        ExpectationSpec(
            name="unique",
            type="expect_column_values_to_be_unique",
            kwargs={"column": "record_id"},
            critical=True,
        ),
    ]
    pol = _policy(suite=specs, max_rows=100)
    a = run_expectations(paths, {"records": _kept(t)}, pol, str(tmp_path / "a"), run_time=RUN_TIME)
    b = run_expectations(
        list(reversed(paths)), {"records": _kept(t)}, pol, str(tmp_path / "b"), run_time=RUN_TIME
    )
    assert a["data"]["sampled"] and 50 <= a["data"]["rows_validated"] <= 150
    assert a["data"]["rows_total"] == 400 and a["data"]["kept_total"] == _kept(t)
    ca = _by_name(a)
    assert ca["rows"]["evaluated_on"] == "all_rows" and ca["rows"]["observed_value"] == 400
    assert ca["kept_rows_match_corpus"]["status"] == "passed"
    assert (
        ca["unique"]["evaluated_on"] == "sample"
        and ca["unique"]["element_count"] == a["data"]["rows_validated"]
    )
    ra = json.loads(Path(a["results_path"]).read_text(encoding="utf-8"))
    rb = json.loads(Path(b["results_path"]).read_text(encoding="utf-8"))
    assert ra == rb  # same input, same output (order of shard paths does not matter)


def test_disabled_policy_writes_a_stub(tmp_path):
    res = run_expectations([], {}, ExpectationsPolicy(enabled=False), str(tmp_path))
    assert res["passed"] and res["suites"] == []
    assert json.loads(Path(res["results_path"]).read_text(encoding="utf-8"))["enabled"] is False


_FETCHING = re.compile(r"<(?!a\b)[a-z][a-z0-9]*\b[^>]*\s(?:src|href|action)\s*=\s*[\"']?(?:https?:)?//", re.I)


def test_offline_data_docs_no_network_nothing_outside_out_dir(tmp_path, monkeypatch):
    data = tmp_path / "data"
    t = _decisions(dup_id=True)
    paths = _write(data, t)
    sandbox = {k: tmp_path / k for k in ("tmp", "home", "cwd")}
    for d in sandbox.values():
        d.mkdir()
    monkeypatch.setenv("TMPDIR", str(sandbox["tmp"]))
    monkeypatch.setattr(tempfile, "tempdir", None)
    monkeypatch.setenv("HOME", str(sandbox["home"]))
    monkeypatch.delenv("CORPUSGOV_CACHE_DIR", raising=False)  # the machine cache's default place, under HOME
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.chdir(sandbox["cwd"])

    def _no_network(*_a, **_k):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", _no_network)
    monkeypatch.setattr(socket.socket, "connect_ex", _no_network)
    monkeypatch.setattr(socket, "getaddrinfo", _no_network)

    out = tmp_path / "out"
    res = run_expectations(
        paths,
        {"records": _kept(t)},
        ExpectationsPolicy(),
        str(out),
        parameters=PARAMS,
        run_name="test-run",
        run_time=RUN_TIME,
    )
    assert not res["passed"]
    # the one file kind allowed outside out_dir: the machine cache's compiled Data Docs templates
    # (lineage/jinja_cache.py, under ~/.cache/corpusgov like the annotators' tables)
    cache = sandbox["home"] / ".cache" / "corpusgov"
    kept = sorted(p.relative_to(cache).as_posix() for p in cache.rglob("*") if p.is_file())
    assert kept and all(re.fullmatch(r"jinja-great-expectations-[0-9a-f]{40}/__jinja2_[0-9a-f]{40}\.cache", k)
                        for k in kept), kept
    shutil.rmtree(sandbox["home"] / ".cache")
    for k, d in sandbox.items():
        assert list(d.iterdir()) == [], f"wrote into {k}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cwd", "data", "home", "out", "tmp"]
    assert sorted(p.name for p in out.iterdir()) == ["expectations"]

    index = Path(res["data_docs_index"])
    assert index == out / "expectations" / "data_docs" / "index.html"
    pages = sorted(index.parent.rglob("*.html"))
    assert len(pages) == 5  # index, 2 suites, 2 validation results
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<script" not in html.lower()
        assert not _FETCHING.search(html), page
        assert not re.search(r"url\(\s*[\"']?(?:https?:)?//", html)
        assert "<style>" in html
        for ref in re.findall(r"\b(?:src|href)=\"([^\"#]+)\"", html):
            if "://" not in ref:
                assert (page.parent / ref).exists(), (page, ref)
    index_html = index.read_text(encoding="utf-8")
    assert index_html.count('href="validations/') == 2  # the JS-built tables became static rows
    assert "Failed" in index_html and "Success" in index_html
    assert not (index.parent / "static" / "fonts").exists()  # unreferenced assets pruned


def test_derived_columns_documented_and_policy_defaults():
    assert {"is_duplicate", "has_unresolved_pi"} <= set(DERIVED_COLUMNS)
    pol = ExpectationsPolicy()
    crit = {s.name for s in pol.suite if s.critical}
    assert crit == {"record_id_unique", "record_id_not_null", "decision_known", "unresolved_pi_share_max"}
    assert pol.max_rows == 200_000 and pol.result_format in ("BASIC", "SUMMARY")
    assert language_value_set([]) is None
    assert language_value_set(["zh"]) == ["zh", "zh-Hans", "zh-Hant"]


# ----------------------------------------------------------------------------------- metrics.json schema

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "lineage" / "schemas" / "metrics.schema.json"


def _metrics_doc() -> dict:
    hist = {"edges": [0.0, 0.5, 1.0], "counts": [3, 7]}
    return {
        "metrics_version": "1.0.0",
        "run_id": "run-1",
        "language": {"distribution": {"zh-Hans": 6, "en": 4}, "entropy": 0.971},
        "duplicates": {
            "exact": 2,
            "near": 1,
            "clusters": 2,
            "rate_by_source": {"web": 0.25},
            "cluster_size_histogram": {"2": 1, "3": 1},
        },
        "quality": {
            "rule_counts_by_source": {"web": {"too_short": 1}},
            "signals": {
                "mean_word_len": {
                    "count": 10,
                    "mean": 4.2,
                    "min": 2.0,
                    "max": 7.5,
                    "histogram": hist,
                    "threshold": {"min": 3, "max": 10},
                }
            },
        },
        "diversity": [
            {
                "stage": "read",
                "records": 10,
                "entropy": {"language": 0.97, "source": 1.0},
                "distinct_ngrams": 1234.0,
                "length_quantiles": {"p50": 480},
            },
            {"stage": "kept", "records": 7, "entropy": {"language": 0.86}, "distinct_ngrams": {"5": 900}},
        ],
        "pii": {"findings_by_type": {"CN_MOBILE": 3}, "actions": {"mask": 3}},
        "copyright": {"markers_by_class": {"licence_notice": 1}},
        "expectations": {
            "passed": True,
            "critical_failed": [],
            "suites": [{"suite": "decisions", "success": True}],
        },
    }


def test_metrics_schema_accepts_a_full_document_and_rejects_bad_ones():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"] == "https://corpusgov.dev/schemas/metrics/1.0.0.json"
    v = jsonschema.Draft202012Validator(schema)
    good = _metrics_doc()
    assert list(v.iter_errors(good)) == []

    def bad(mutate) -> bool:
        doc = json.loads(json.dumps(good))
        mutate(doc)
        return bool(list(v.iter_errors(doc)))

    assert bad(lambda d: d.pop("duplicates"))
    assert bad(lambda d: d.update(metrics_version="2.0.0"))
    assert bad(lambda d: d.update(diversity={"stage": "read"}))
    assert bad(lambda d: d["diversity"][0].pop("stage"))
    assert bad(lambda d: d["language"].update(entropy=-1))
    assert bad(lambda d: d["duplicates"]["rate_by_source"].update(web=1.5))
    assert bad(lambda d: d["expectations"].update(passed="yes"))
    # Section owners may add fields inside their sections.
    assert not bad(lambda d: d["pii"].update(new_field={"anything": [1]}))


def test_run_expectations_result_fits_the_metrics_schema(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    t = _decisions()
    res = run_expectations(_write(tmp_path / "d", t), {}, _policy(), str(tmp_path / "out"), parameters=PARAMS)
    doc = _metrics_doc()
    doc["expectations"] = res
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(doc)) == []
