"""Croissant 1.1 + RAI card: mlcroissant validates it offline, reads the quirky RAI IRIs back, and the
card describes the real shards (sha256, records)."""

from __future__ import annotations

import datetime as dt
import json
import socket

import pytest

from corpusgov.lineage.croissant import (
    CONFORMS_TO,
    build_croissant,
    validate_croissant,
    write_card,
    write_croissant,
)
from tests.lineage.test_openlineage import make_run_dir

RAI = "http://mlcommons.org/croissant/RAI/"


@pytest.fixture()
def offline(monkeypatch):
    """Any attempt to open a network connection fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args[:2]}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture()
def card_path(tmp_path):
    manifest, run_dir = make_run_dir(tmp_path)
    (path,) = write_croissant(str(run_dir), manifest)
    assert path == str(run_dir / "croissant.json")
    card = build_croissant(manifest, str(run_dir))
    assert json.loads(open(path, encoding="utf-8").read()) == card
    return manifest, card, path


def test_card_validates_offline(card_path, offline):
    _, _, path = card_path
    assert validate_croissant(path) == []


def test_card_content(card_path):
    manifest, card, _ = card_path
    assert card["conformsTo"] == CONFORMS_TO
    assert card["@context"]["rai"] == RAI and card["@context"]["prov"] == "http://www.w3.org/ns/prov#"
    # dataset-level licences of accepted sources; per-source licences on prov:wasDerivedFrom
    assert card["license"] == ["LicenseRef-forum-terms", "https://spdx.org/licenses/CC-BY-4.0.html"]
    derived = {d["identifier"]: d for d in card["prov:wasDerivedFrom"]}
    assert set(derived) == {"news_open", "forum_crawl", "vendor_x"}
    assert derived["vendor_x"]["license"] == "not available"
    objs = [d for d in card["distribution"] if d["@type"] == "cr:FileObject"]
    corpus_files = [f for f in manifest["outputs"]["files"] if f["kind"] == "corpus"]
    assert [(o["contentUrl"], o["sha256"]) for o in objs] == [(f["path"], f["sha256"]) for f in corpus_files]
    fileset = [d for d in card["distribution"] if d["@type"] == "cr:FileSet"]
    assert fileset[0]["includes"] == "corpus/*.parquet"
    corpus = next(r for r in card["recordSet"] if r["@id"] == "corpus")
    fields = {f["name"]: f for f in corpus["field"]}
    assert list(fields) == ["record_id", "source_id", "text"]
    assert fields["source_id"]["equivalentProperty"] == "prov:wasDerivedFrom"
    assert card["rai:dataCollectionTimeframe"] == ["2024-01-01", "2024-06-30"]
    assert card["rai:dataCollectionType"] == ["Secondary Data Analysis", "Web Scraping"]
    assert any(s.startswith("CN_MOBILE: 8") for s in card["rai:personalSensitiveInformation"])
    assert any("vendor_x was rejected" in s for s in card["rai:dataLimitations"])
    assert len(card["rai:dataPreprocessingProtocol"]) == len(manifest["steps"])
    assert manifest["annotation"]["guidelines"][0]["sha256"] in card["rai:dataAnnotationProtocol"][0]
    assert manifest["previous_manifest"]["sha256"] in card["rai:dataReleaseMaintenancePlan"]


def test_quirky_rai_fields_round_trip_through_mlcroissant(card_path, offline):
    import mlcroissant as mlc

    _, card, path = card_path
    md = mlc.Dataset(jsonld=path).metadata
    assert md.data_collection_timeframe == [dt.datetime(2024, 1, 1), dt.datetime(2024, 6, 30)]
    assert md.data_manipulation_protocol == card["rai:dataManipulationProtocol"]
    assert md.data_manipulation_protocol.startswith("Personal information handled in 'pattern' mode")
    assert md.personal_sensitive_information == card["rai:personalSensitiveInformation"]
    assert md.ctx.issues.warnings == set()


def test_spec_iris_are_in_the_rdf_graph(card_path, offline):
    import rdflib

    _, _, path = card_path
    g = rdflib.Graph().parse(path, format="json-ld")
    predicates = {str(p) for p in g.predicates()}
    for term in (
        "dataCollectionTimeframe",
        "dataManipulationProtocol",  # RAI 1.0 spec
        "dataCollectionTimeFrame",
        "dataDataManipulationProtocol",  # mlcroissant 1.1.1
        "dataCollection",
        "dataCollectionType",
        "dataPreprocessingProtocol",
        "dataAnnotationProtocol",
        "personalSensitiveInformation",
        "dataLimitations",
        "dataBiases",
    ):
        assert RAI + term in predicates, term
    assert "http://www.w3.org/ns/prov#wasDerivedFrom" in predicates


def test_mlcroissant_reads_the_records_back(card_path, offline):
    import mlcroissant as mlc

    _, _, path = card_path
    records = list(mlc.Dataset(jsonld=path).records("corpus"))
    assert len(records) == 9
    assert {r["corpus/source_id"].decode() for r in records} == {"news_open", "forum_crawl"}


def test_tampered_shard_and_broken_card_fail(card_path, offline, tmp_path):
    manifest, card, path = card_path
    shard = tmp_path / "run" / manifest["outputs"]["files"][0]["path"]
    shard.write_bytes(shard.read_bytes() + b"\x00")
    errors = validate_croissant(path)
    assert len(errors) == 1 and "sha256 mismatch" in errors[0]
    broken = json.loads(json.dumps(card))
    del broken["distribution"][0]["sha256"]
    broken["conformsTo"] = ["http://mlcommons.org/croissant/1.1"]
    bad_path = tmp_path / "run" / "bad.json"
    bad_path.write_text(json.dumps(broken))
    errors = validate_croissant(str(bad_path), check_files=False)
    assert any("sha256" in e or "md5" in e for e in errors)  # mlcroissant's own check
    assert "conformsTo lacks http://mlcommons.org/croissant/RAI/1.0" in errors


def test_sparse_manifest_renders_not_available(tmp_path, offline):
    card = build_croissant({}, str(tmp_path))
    path = write_card(card, str(tmp_path / "croissant.json"))
    assert validate_croissant(path) == []
    assert card["rai:dataCollection"] == "not available"
    assert card["rai:dataCollectionTimeframe"] == "not available"
    assert "rai:dataCollectionTimeFrame" not in card  # mlcroissant's IRI only takes dates
    assert card["license"] == ["not available"]
