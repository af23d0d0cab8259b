"""Domain errors share one base the CLI maps to exit codes (no matching of class names)."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpusgov.annotation.models import AnnotationInputError
from corpusgov.attest import AttestError
from corpusgov.cli import main
from corpusgov.config import ConfigError
from corpusgov.errors import EXIT_FAILED, EXIT_USAGE, CliError, CorpusgovError, UsageError
from corpusgov.quality.pii.engine import PiiEngineError


@pytest.mark.parametrize("cls", [ConfigError, AnnotationInputError, PiiEngineError, AttestError])
def test_bad_input_errors_are_usage_errors(cls: type[Exception]) -> None:
    assert issubclass(cls, UsageError) and issubclass(cls, CorpusgovError)
    assert getattr(cls("x"), "code", None) == EXIT_USAGE


def test_cli_error_keeps_its_own_code() -> None:
    assert CliError("x").code == EXIT_FAILED and CliError("x", 4).code == 4 and issubclass(CliError, CorpusgovError)


def test_a_usage_error_from_a_command_exits_2_with_its_first_line(
        tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    import corpusgov.lifecycle

    def bad(run_dir: str) -> list[str]:
        raise PiiEngineError("spaCy model xx_core is not installed\nsecond line")

    monkeypatch.setattr(corpusgov.lifecycle, "history", bad)
    run = tmp_path / "run"
    run.mkdir()
    (run / "manifest.json").write_text("{}")
    assert main(["history", str(run)]) == EXIT_USAGE
    assert capsys.readouterr().err.strip().splitlines() == ["corpusgov: error: spaCy model xx_core is not installed"]
