"""Shared fixtures: the demo run is built once per test session and reused (it takes about half a minute)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DEMO_CONFIG = REPO / "configs" / "demo" / "corpusgov.yaml"
# A fixed key so keyed hashes of PI values are stable across the session (takedown tests need it).
TEST_PII_KEY = "corpusgov-test-key-0001"


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path of a completed demo run (configs/demo/corpusgov.yaml)."""
    from corpusgov.cli import main

    out = tmp_path_factory.mktemp("demo") / "run"
    old = os.environ.get("CORPUSGOV_PII_HASH_KEY")
    os.environ["CORPUSGOV_PII_HASH_KEY"] = TEST_PII_KEY
    try:
        code = main(["--quiet", "run", "--config", str(DEMO_CONFIG), "--out", str(out)])
    finally:
        if old is None:
            os.environ.pop("CORPUSGOV_PII_HASH_KEY", None)
        else:
            os.environ["CORPUSGOV_PII_HASH_KEY"] = old
    assert code == 0, f"demo run exited {code}"
    return out
