"""Config validation: one readable line naming file, source and field; evidence problems reject, not crash."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from corpusgov.cli import main
from corpusgov.config import ConfigError, load_config
from corpusgov.planning import evidence_problems
from tests.conftest import DEMO_CONFIG


def _copy_demo(tmp: Path) -> Path:
    d = tmp / "cfg"
    shutil.copytree(DEMO_CONFIG.parent, d, ignore=shutil.ignore_patterns("data", "annotation"))
    (d / "data").symlink_to(DEMO_CONFIG.parent / "data")
    cfg = yaml.safe_load((d / "corpusgov.yaml").read_text())
    cfg.pop("annotation", None)
    (d / "corpusgov.yaml").write_text(yaml.safe_dump(cfg))
    return d


def test_demo_config_is_valid() -> None:
    cfg = load_config(str(DEMO_CONFIG))
    assert len(cfg.registry.sources) == 7
    assert cfg.policy.screening.max_hit_rate == 0.05


def test_missing_field_is_one_line_naming_file_source_and_field(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    d = _copy_demo(tmp_path)
    reg = yaml.safe_load((d / "sources.yaml").read_text())
    del reg["sources"][1]["acquisition"]
    (d / "sources.yaml").write_text(yaml.safe_dump(reg, allow_unicode=True))
    code = main(["validate-config", str(d / "corpusgov.yaml")])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert len(err.splitlines()) == 1
    assert "sources.yaml" in err and "'en_news'" in err and "'acquisition'" in err and "missing" in err


@pytest.mark.parametrize(
    ("section", "patch", "needle"),
    [
        ("policy", {"screening": {"max_hit_rate": 2}}, "screening.max_hit_rate"),
        ("policy", {"dedup": {"threshhold": 0.5}}, "unknown field"),
        ("policy", {"quality": {"rules": {"x": {"bound": "min", "threshold": 1}}}}, "unknown signal"),
        ("run", {"registry": "missing.yaml"}, "file not found"),
    ],
)
def test_bad_values_fail_fast(tmp_path: Path, section: str, patch: dict, needle: str) -> None:
    d = _copy_demo(tmp_path)
    name = {"policy": "policy.yaml", "run": "corpusgov.yaml"}[section]
    data = yaml.safe_load((d / name).read_text())
    for k, v in patch.items():
        data[k] = {**data.get(k, {}), **v} if isinstance(v, dict) and isinstance(data.get(k), dict) else v
    (d / name).write_text(yaml.safe_dump(data, allow_unicode=True))
    with pytest.raises(ConfigError) as e:
        load_config(str(d / "corpusgov.yaml"))
    assert needle in str(e.value) and "\n" not in str(e.value)


def test_input_paths_cannot_escape_roots(tmp_path: Path) -> None:
    d = _copy_demo(tmp_path)
    reg = yaml.safe_load((d / "sources.yaml").read_text())
    reg["sources"][0]["inputs"]["paths"] = ["../../etc/*.conf"]
    (d / "sources.yaml").write_text(yaml.safe_dump(reg, allow_unicode=True))
    with pytest.raises(ConfigError, match="outside the configured input_roots"):
        load_config(str(d / "corpusgov.yaml"))


def test_unsafe_yaml_tags_are_rejected(tmp_path: Path) -> None:
    d = _copy_demo(tmp_path)
    (d / "policy.yaml").write_text("version: 1\nlimits: !!python/object/apply:os.system ['echo pwned']\n")
    with pytest.raises(ConfigError, match="invalid YAML"):
        load_config(str(d / "corpusgov.yaml"))


def test_evidence_rules_per_acquisition_type(tmp_path: Path) -> None:
    cfg = load_config(str(DEMO_CONFIG))
    got = {s.id: evidence_problems(cfg, s) for s in cfg.registry.sources}
    assert got["vendor_docs"] == ["missing_contract", "missing_supplier_commitments"]
    assert all(not v for k, v in got.items() if k != "vendor_docs")
    d = _copy_demo(tmp_path)
    reg = yaml.safe_load((d / "sources.yaml").read_text())
    reg["sources"][0]["licence_evidence"]["sha256"] = "0" * 64  # the evidence file no longer matches
    reg["sources"][1]["self_collected"]["robots_txt"] = "ignored"
    (d / "sources.yaml").write_text(yaml.safe_dump(reg, allow_unicode=True))
    cfg2 = load_config(str(d / "corpusgov.yaml"))
    got2 = {s.id: evidence_problems(cfg2, s) for s in cfg2.registry.sources}
    assert got2["zh_encyclopedia"] == ["licence_evidence_hash_mismatch"]
    assert got2["en_news"] == ["robots_txt_ignored"]
