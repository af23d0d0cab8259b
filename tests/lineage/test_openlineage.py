"""OpenLineage events: built from the fixture manifest, validated offline against the vendored official
schemas (and our facet schemas), broken events rejected, written as one NDJSON file, optionally POSTed."""

from __future__ import annotations

import copy
import hashlib
import json
import os
import socket
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from corpusgov.lineage.merkle import corpus_root, merkle_root, record_leaf
from corpusgov.lineage.ol_validate import SCHEMA_DIR, validate_event
from corpusgov.lineage.openlineage import build_events, dataset_version, emit_events, write_openlineage

FIXTURE = Path(__file__).parent / "fixtures" / "manifest_min.json"
# The pinned official schemas in shared/, beside the repository (absent on a machine without shared/).
SHARED_SPEC = Path(__file__).resolve().parents[3] / "shared" / "openlineage-spec"


def make_run_dir(tmp_path: Path) -> tuple[dict, Path]:
    """A run directory with two tiny corpus shards and a decisions shard; the fixture manifest's outputs
    (sha256, bytes, rows, Merkle roots) are filled in from the files actually written."""
    manifest = json.loads(FIXTURE.read_text(encoding="utf-8"))
    run_dir = tmp_path / "run"
    records = sorted(
        (
            hashlib.sha256(f"r{i}".encode()).hexdigest()[:32],
            "news_open" if i % 3 else "forum_crawl",
            f"第{i}条记录 record {i}",
        )
        for i in range(9)
    )
    shards = [records[:5], records[5:]]
    shard_roots = []
    for f in manifest["outputs"]["files"]:
        path = run_dir / f["path"]
        path.parent.mkdir(parents=True, exist_ok=True)
        if f["kind"] == "corpus":
            rows = shards[int(f["path"].split("part-")[1][:5])]
            table = pa.table(
                {
                    "record_id": [r[0] for r in rows],
                    "source_id": [r[1] for r in rows],
                    "text": [r[2] for r in rows],
                    "chars": pa.array([len(r[2]) for r in rows], pa.int64()),
                    "source_record_id": pa.array(
                        [None if i % 2 else str(i) for i in range(len(rows))], pa.string()
                    ),
                }
            )
            root = merkle_root(record_leaf(r[0], r[2]) for r in rows)
            shard_roots.append(root)
            manifest["outputs"]["merkle"]["shards"].append(
                {"path": f["path"], "root": root, "leaves": len(rows)}
            )
        else:
            table = pa.table({"record_id": [r[0] for r in records], "decision": ["keep"] * len(records)})
        pq.write_table(table, path)
        f["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
        f["bytes"] = path.stat().st_size
        f["rows"] = table.num_rows
    manifest["outputs"]["merkle"]["corpus_root"] = corpus_root(shard_roots)
    return manifest, run_dir


@pytest.fixture()
def run(tmp_path):
    return make_run_dir(tmp_path)


def _facet_keys(ds: dict) -> set[str]:
    return set(ds.get("facets", {})) | set(ds.get("inputFacets", {})) | set(ds.get("outputFacets", {}))


def test_start_and_complete_validate_against_official_schemas(run):
    manifest, run_dir = run
    events = build_events(manifest, str(run_dir))
    assert [e["eventType"] for e in events] == ["START", "COMPLETE"]
    for ev in events:
        assert validate_event(ev) == []
        assert ev["run"]["runId"] == manifest["run"]["run_id"]
        assert ev["job"] == {**ev["job"], "namespace": "corpusgov", "name": "demo-corpus"}
    start, done = events
    assert start["eventTime"] == "2025-03-01T08:00:00+00:00"
    assert done["eventTime"] == "2025-03-01T08:05:30+00:00"
    assert set(done["run"]["facets"]) == {"processing_engine"}
    assert done["run"]["facets"]["processing_engine"]["version"] == "2.77.0"
    assert set(done["job"]["facets"]) == {"jobType", "sourceCodeLocation"}
    assert done["job"]["facets"]["jobType"]["processingType"] == "BATCH"
    assert done["job"]["facets"]["jobType"]["integration"] == "corpusgov"
    # one input per source, named by its first file
    assert [(d["namespace"], d["name"]) for d in done["inputs"]] == [
        ("file", "configs/demo/data/news_1.jsonl"),
        ("file", "configs/demo/data/forum.parquet"),
        ("file", "configs/demo/data/vendor_x.csv"),
    ]
    news, forum, vendor = done["inputs"]
    assert _facet_keys(news) == {
        "dataSource",
        "schema",
        "version",
        "ownership",
        "storage",
        "corpusgov_sourceLicense",
        "corpusgov_sourceScreening",
        "inputStatistics",
    }
    assert "corpusgov_sourceScreening" not in start["inputs"][0]["facets"]
    assert news["facets"]["version"]["datasetVersion"] == dataset_version(manifest["sources"][0]["files"])
    lic = news["facets"]["corpusgov_sourceLicense"]
    assert (lic["licence"], lic["licenceDeclared"], lic["acquisition"]) == ("CC-BY-4.0", True, "open_licence")
    assert (
        lic["evidence"][0]["sha256"] == manifest["sources"][0]["registry_entry"]["licence_evidence"]["sha256"]
    )
    assert vendor["facets"]["corpusgov_sourceLicense"]["licenceDeclared"] is False
    assert "licence" not in vendor["facets"]["corpusgov_sourceLicense"]
    assert vendor["facets"]["corpusgov_sourceLicense"]["rejectionReasons"] == ["missing_contract_evidence"]
    assert forum["facets"]["corpusgov_sourceScreening"] == {
        **forum["facets"]["corpusgov_sourceScreening"],
        "records": 80,
        "hits": 4,
        "hitRate": 0.05,
        "threshold": 0.05,
        "passed": True,
    }
    assert news["inputFacets"]["inputStatistics"]["rowCount"] == 120
    assert news["inputFacets"]["inputStatistics"]["size"] == 52011 + 48713


def test_outputs_carry_statistics_from_manifest_and_parquet_footers(run):
    manifest, run_dir = run
    done = build_events(manifest, str(run_dir))[1]
    names = [d["name"] for d in done["outputs"]]
    assert names == [str(run_dir.resolve() / "corpus"), str(run_dir.resolve() / "decisions")]
    corpus, decisions = done["outputs"]
    assert _facet_keys(corpus) == {
        "storage",
        "schema",
        "version",
        "dataQualityMetrics",
        "outputStatistics",
        "corpusgov_piiScan",
        "corpusgov_annotationAudit",
    }
    assert corpus["facets"]["version"]["datasetVersion"] == manifest["outputs"]["merkle"]["corpus_root"]
    assert corpus["outputFacets"]["outputStatistics"]["rowCount"] == 9
    assert corpus["outputFacets"]["outputStatistics"]["fileCount"] == 2
    dqm = corpus["facets"]["dataQualityMetrics"]
    assert dqm["rowCount"] == 9
    assert dqm["bytes"] == sum(f["bytes"] for f in manifest["outputs"]["files"] if f["kind"] == "corpus")
    chars = [len(f"第{i}条记录 record {i}") for i in range(9)]
    assert dqm["columnMetrics"]["chars"] == {"nullCount": 0, "count": 9, "min": min(chars), "max": max(chars)}
    assert dqm["columnMetrics"]["source_record_id"]["nullCount"] == 2 + 2  # odd positions in each shard
    assert [f["name"] for f in corpus["facets"]["schema"]["fields"]] == [
        "record_id",
        "source_id",
        "text",
        "chars",
        "source_record_id",
    ]
    pii = corpus["facets"]["corpusgov_piiScan"]
    assert pii["countsByType"] == {"CN_MOBILE": 8, "CN_RESIDENT_ID": 3, "EMAIL_ADDRESS": 2}
    assert pii["mode"] == "pattern"
    assert corpus["facets"]["corpusgov_annotationAudit"]["passed"] is True
    assert decisions["outputFacets"]["outputStatistics"]["rowCount"] == 9
    assert "corpusgov_piiScan" not in decisions["facets"]


def test_failed_run_emits_fail_with_error_message(run):
    manifest, run_dir = run
    manifest["run"]["status"] = "failed"
    manifest["run"]["error"] = "gate screening_rate failed"
    events = build_events(manifest, str(run_dir))
    assert [e["eventType"] for e in events] == ["START", "FAIL"]
    assert events[1]["run"]["facets"]["errorMessage"]["message"] == "gate screening_rate failed"
    assert all(validate_event(e) == [] for e in events)


def test_sparse_manifest_still_builds_valid_events(tmp_path):
    manifest = {"run": {"run_id": "not-a-uuid", "name": "x", "started_at": "2025-01-02T03:04:05"}}
    events = build_events(manifest, str(tmp_path))
    assert [e["eventType"] for e in events] == ["START", "FAIL"]  # status unknown → not complete
    assert all(validate_event(e) == [] for e in events)
    assert events[0]["eventTime"] == "2025-01-02T03:04:05+00:00"  # naive taken as UTC
    assert events == build_events(manifest, str(tmp_path))  # run id derived deterministically
    with pytest.raises(ValueError):
        build_events({"run": {}}, str(tmp_path))


def test_events_are_deterministic(run):
    manifest, run_dir = run
    assert json.dumps(build_events(manifest, str(run_dir))) == json.dumps(
        build_events(manifest, str(run_dir))
    )


def _broken(events: list[dict]) -> dict[str, dict]:
    done = events[1]
    cases = {}

    def case(name, fn):
        ev = copy.deepcopy(done)
        fn(ev)
        cases[name] = ev

    case("no runId", lambda e: e["run"].pop("runId"))
    case("runId not uuid", lambda e: e["run"].__setitem__("runId", "run-1"))
    case("eventTime not date-time", lambda e: e.__setitem__("eventTime", "2025-03-01 08:05"))
    case("producer not uri", lambda e: e.__setitem__("producer", "corpus gov"))
    case("bad eventType", lambda e: e.__setitem__("eventType", "DONE"))
    case("job without name", lambda e: e["job"].pop("name"))
    case("facet without _producer", lambda e: e["run"]["facets"]["processing_engine"].pop("_producer"))
    case(
        "unknown _schemaURL",
        lambda e: e["inputs"][0]["facets"]["storage"].__setitem__(
            "_schemaURL",
            "https://openlineage.io/spec/facets/9-9-9/StorageDatasetFacet.json#/$defs/StorageDatasetFacet",
        ),
    )
    case("required facet field", lambda e: e["inputs"][0]["facets"]["storage"].pop("storageLayer"))
    case(
        "output facet in dataset slot",
        lambda e: e["outputs"][0]["facets"].__setitem__(
            "outputStatistics", e["outputs"][0]["outputFacets"]["outputStatistics"]
        ),
    )
    case(
        "wrong facet key",
        lambda e: e["outputs"][0]["facets"].__setitem__(
            "stats", e["outputs"][0]["facets"].pop("dataQualityMetrics")
        ),
    )
    case(
        "rowCount not integer",
        lambda e: e["outputs"][0]["outputFacets"]["outputStatistics"].__setitem__("rowCount", "9"),
    )
    case(
        "custom: hitRate above 1",
        lambda e: e["inputs"][0]["facets"]["corpusgov_sourceScreening"].__setitem__("hitRate", 1.5),
    )
    case(
        "custom: evidence digest",
        lambda e: e["inputs"][0]["facets"]["corpusgov_sourceLicense"]["evidence"][0].__setitem__(
            "sha256", "XYZ"
        ),
    )
    case("custom: mode missing", lambda e: e["outputs"][0]["facets"]["corpusgov_piiScan"].pop("mode"))
    case(
        "other core version",
        lambda e: e.__setitem__(
            "schemaURL", "https://openlineage.io/spec/1-0-5/OpenLineage.json#/$defs/RunEvent"
        ),
    )
    return cases


def test_validator_rejects_broken_events(run):
    manifest, run_dir = run
    cases = _broken(build_events(manifest, str(run_dir)))
    for name, ev in cases.items():
        assert validate_event(ev), f"validator accepted a broken event: {name}"
    assert validate_event([]) == ["event is not a JSON object"]  # type: ignore[arg-type]


def test_vendored_schemas_are_unmodified_copies():
    vendored = sorted((SCHEMA_DIR / "openlineage").rglob("*.json"))
    assert len(vendored) >= 14
    assert (SCHEMA_DIR / "openlineage" / "LICENSE").read_text().lstrip().startswith("Apache License")
    for path in vendored:
        doc = json.loads(path.read_text())
        assert doc["$id"] == "https://openlineage.io/spec/" + str(
            path.relative_to(SCHEMA_DIR / "openlineage")
        )
    if not SHARED_SPEC.is_dir():
        pytest.skip(f"byte comparison not run: the pinned OpenLineage spec copy is absent ({SHARED_SPEC}, "
                    "i.e. ../shared/openlineage-spec beside the repository)")
    for path in vendored:
        rel = path.relative_to(SCHEMA_DIR / "openlineage")
        assert path.read_bytes() == (SHARED_SPEC / rel).read_bytes(), rel


def test_emit_writes_exactly_one_ndjson_file(run):
    manifest, run_dir = run
    events = build_events(manifest, str(run_dir))
    before = set(os.listdir(run_dir))
    report = emit_events(events, str(run_dir))
    assert report == {"path": str(run_dir / "openlineage.jsonl"), "events": 2, "http": None}
    assert set(os.listdir(run_dir)) - before == {"openlineage.jsonl"}
    lines = (run_dir / "openlineage.jsonl").read_text().splitlines()
    assert [json.loads(line) for line in lines] == events  # nothing added or dropped by the transport
    emit_events(events, str(run_dir))
    assert len((run_dir / "openlineage.jsonl").read_text().splitlines()) == 2  # replaced
    emit_events(events, str(run_dir), append=True)
    assert len((run_dir / "openlineage.jsonl").read_text().splitlines()) == 4
    broken = _broken(events)["no runId"]
    with pytest.raises(ValueError, match="runId"):
        emit_events([broken], str(run_dir))


def test_file_bytes_equal_the_clients_file_transport(run, tmp_path):
    """openlineage.jsonl is written without the client: byte-equal to its FileTransport (append mode) on the
    run's events, a non-ASCII copy of them, and appending to an existing file."""
    file_mod = pytest.importorskip("openlineage.client.transport.file")
    manifest, run_dir = run
    events = build_events(manifest, str(run_dir))
    accented = copy.deepcopy(events)
    for ev in accented:
        ev["job"]["name"] = "语料治理 — «run» \u2028 \U0001f600"
    for batch in (events, accented, events + accented):
        ours = emit_events(batch, str(run_dir))["path"]
        ref = str(tmp_path / "client.jsonl")
        if os.path.exists(ref):
            os.remove(ref)
        transport = file_mod.FileTransport(file_mod.FileConfig(log_file_path=ref, append=True))
        for ev in batch:
            transport.emit(ev)
        assert Path(ours).read_bytes() == Path(ref).read_bytes()
    emit_events(events, str(run_dir), append=True)  # appended after the last batch, as the client appends
    transport.emit(events[0])
    transport.emit(events[1])
    assert Path(ours).read_bytes() == Path(ref).read_bytes()


def test_json_line_equals_the_clients_serde_on_odd_values():
    """What the client's Serde converts or drops (nulls, empty objects in lists, enums, dates, UUIDs, numpy
    int64, values JSON cannot hold) comes out the same from `to_json_line`."""
    import enum
    import uuid
    from datetime import date, datetime

    import numpy as np

    serde = pytest.importorskip("openlineage.client.serde")
    from corpusgov.lineage.openlineage import to_json_line

    class Kind(enum.Enum):
        A = "a"

    odd = {
        "z": None, "a": [None, {}, {"x": None}, 1, [None, {}], "é"], "k": Kind.A, "d": date(2026, 12, 6),
        "t": datetime(2026, 12, 6, 18, 0, 1, 5), "u": uuid.UUID(int=7), "n": np.int64(-3), "f": np.float32(0.5),
        "o": object(), "nested": {"b": {"c": None, "d": [Kind.A, None]}}, "e": {}, "s": "\x00\n\u2028语",
    }
    assert to_json_line(odd) == serde.Serde.to_json(odd) + "\n"
    assert to_json_line({}) == serde.Serde.to_json({}) + "\n"


def test_write_openlineage_does_not_import_the_client(run):
    """A run writes openlineage.jsonl without importing openlineage-python (its import was ≈ 0.15 s a run)."""
    import subprocess
    import sys

    manifest, run_dir = run
    (run_dir / "m.json").write_text(json.dumps(manifest), encoding="utf-8")
    code = (
        "import json, sys\n"
        "from corpusgov.lineage.openlineage import write_openlineage\n"
        f"m = json.load(open({str(run_dir / 'm.json')!r}))\n"
        f"write_openlineage({str(run_dir)!r}, m)\n"
        "print(sorted(n for n in sys.modules if n.startswith('openlineage')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert len((run_dir / "openlineage.jsonl").read_text(encoding="utf-8").splitlines()) == 2


def test_unwritable_file_gives_the_clients_message(run):
    manifest, run_dir = run
    events = build_events(manifest, str(run_dir))
    (run_dir / "openlineage.jsonl").mkdir()  # a directory where the file should be
    with pytest.raises(RuntimeError, match="openlineage.jsonl"):
        emit_events(events, str(run_dir), append=True)


class _Collector(BaseHTTPRequestHandler):
    bodies: list[dict] = []

    def do_POST(self):  # noqa: N802 - http.server API
        length = int(self.headers.get("Content-Length", 0))
        type(self).bodies.append({"path": self.path, "body": json.loads(self.rfile.read(length))})
        self.send_response(201)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_http_send_to_local_endpoint_and_failure_is_reported(run):
    manifest, run_dir = run
    events = build_events(manifest, str(run_dir))
    _Collector.bodies = []
    server = HTTPServer(("127.0.0.1", 0), _Collector)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        report = emit_events(events, str(run_dir), http_url=url)
    finally:
        server.shutdown()
        server.server_close()
    assert report["http"] == {"url": url, "sent": 2, "errors": []}
    assert [b["path"] for b in _Collector.bodies] == ["/api/v1/lineage"] * 2
    assert [b["body"] for b in _Collector.bodies] == events
    # A closed port: the file is still written, the failure is reported, nothing is raised.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"
    report = emit_events(events, str(run_dir), http_url=dead, timeout=1.0)
    assert report["http"]["sent"] == 0 and len(report["http"]["errors"]) == 2
    assert len((run_dir / "openlineage.jsonl").read_text().splitlines()) == 2


def test_write_openlineage_entry_point(run, caplog):
    manifest, run_dir = run
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"
    assert write_openlineage(str(run_dir), manifest, http_url=dead) == [str(run_dir / "openlineage.jsonl")]
    lines = (run_dir / "openlineage.jsonl").read_text().splitlines()
    assert [json.loads(x) for x in lines] == build_events(manifest, str(run_dir))
    assert "not sent" in caplog.text
