"""CLI misuse: every error is one line on stderr with a documented exit code, and no traceback unless --debug.

Exit codes (corpusgov/cli.py): 0 ok, 1 run failed, 2 usage or configuration, 3 critical gate failed,
4 verification failed, 5 not found.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corpusgov.cli import main

LAUGHS = "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 9) if p else ', '.join(['x'] * 9)}]\n"
    for n, p in zip("abcdefgh", ["", *"abcdefg"], strict=True)
) + "version: 1\nregistry: *h\npolicy: p.yaml\n"


@pytest.fixture
def paths(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "dir").mkdir()
    (tmp_path / "file").write_text("x")
    (tmp_path / "bin.yaml").write_bytes(b"\xff\xfe\x00")
    (tmp_path / "list.yaml").write_text("- a\n- b\n")
    (tmp_path / "empty.yaml").write_text("")
    (tmp_path / "bad.yaml").write_text("version: 1\nregistry: [unclosed\n")
    (tmp_path / "laughs.yaml").write_text(LAUGHS)
    (tmp_path / "unsafe.yaml").write_text("version: 1\nregistry: !!python/object/apply:os.system ['true']\n")
    (tmp_path / "run").mkdir()
    (tmp_path / "run" / "_status.json").write_text('{"status": "failed"}')
    out = {k: str(tmp_path / k) for k in ("dir", "file", "run", "missing")}
    out |= {k: str(tmp_path / f"{k}.yaml") for k in ("bin", "list", "empty", "bad", "laughs", "unsafe")}
    return out | {"tmp": str(tmp_path)}


CASES = [
    ([], 2, "required"),
    (["no-such-command"], 2, "invalid choice"),
    (["run"], 2, "--config"),
    (["run", "--config", "{missing}", "--out", "{tmp}/o"], 2, "file not found"),
    (["run", "--config", "{dir}", "--out", "{tmp}/o"], 2, "is a directory"),
    (["run", "--config", "{bin}", "--out", "{tmp}/o"], 2, "not UTF-8"),
    (["run", "--config", "{list}", "--out", "{tmp}/o"], 2, "must be a mapping"),
    (["run", "--config", "{empty}", "--out", "{tmp}/o"], 2, "empty"),
    (["run", "--config", "{bad}", "--out", "{tmp}/o"], 2, "invalid YAML"),
    (["run", "--config", "{laughs}", "--out", "{tmp}/o"], 2, "registry"),
    (["run", "--config", "{unsafe}", "--out", "{tmp}/o"], 2, "invalid YAML"),
    (["validate-config", "{missing}"], 2, "file not found"),
    (["validate-config", "{missing}", "--runner=DirectRunner"], 2, "unrecognised arguments"),
    (["verify", "{missing}"], 4, "verification failed"),
    (["verify", "{run}"], 4, "verification failed"),
    (["trace", "{missing}", "--record-id", "x"], 2, "no such run directory"),
    (["trace", "{run}"], 2, "one of the arguments"),
    (["trace", "{run}", "--text", "abc"], 2, "no manifest.json"),
    (["dashboard", "{dir}"], 2, "no manifest.json"),
    (["sign", "{missing}", "--key", "{file}"], 2, "no such run directory"),
    (["sample", "{run}"], 2, "no manifest.json"),
    (["sample", "{run}", "--size", "many"], 2, "invalid int value"),
    (["accept", "{missing}", "{file}"], 2, "no such run directory"),
    (["forget", "{missing}", "--request", "{file}", "--out", "{tmp}/o"], 2, "no such run directory"),
    (["history", "{missing}"], 2, "no such run directory"),
    (["scan", "{missing}", "--out", "{tmp}/o"], 2, "no such file"),
    (["scan", "{file}", "--format", "xml", "--out", "{tmp}/o"], 2, "invalid choice"),
    (["audit-annotations", "--config", "{missing}", "--out", "{tmp}/o"], 2, "not found"),
]


@pytest.mark.parametrize(("argv", "code", "needle"), CASES, ids=[" ".join(c[0])[:60] or "(none)" for c in CASES])
def test_misuse_is_one_line_and_a_documented_code(argv: list[str], code: int, needle: str, paths: dict[str, str],
                                                  capsys: pytest.CaptureFixture) -> None:
    args = [a.format(**paths) for a in argv]
    assert main(["--quiet", *args]) == code
    out = capsys.readouterr()
    errors = [line for line in out.err.splitlines() if "error:" in line]
    assert len(errors) == 1, out.err
    assert needle in errors[0]
    assert "Traceback" not in out.err and "Traceback" not in out.out


def test_run_into_a_file_or_a_foreign_directory_is_refused(paths: dict[str, str], capsys: pytest.CaptureFixture
                                                            ) -> None:
    from tests.conftest import DEMO_CONFIG

    assert main(["--quiet", "run", "--config", str(DEMO_CONFIG), "--out", paths["file"]]) == 2
    assert "must be a directory" in capsys.readouterr().err
    foreign = Path(paths["tmp"]) / "foreign"
    foreign.mkdir()
    (foreign / "precious.txt").write_text("keep me")
    assert main(["--quiet", "run", "--config", str(DEMO_CONFIG), "--out", str(foreign), "--overwrite"]) == 2
    assert "holds no corpusgov run" in capsys.readouterr().err
    assert (foreign / "precious.txt").read_text() == "keep me"


def test_unexpected_error_is_one_line_and_debug_shows_the_traceback(
        paths: dict[str, str], capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    import corpusgov.lifecycle

    def broken(run_dir: str) -> list[str]:
        raise RuntimeError("simulated internal failure\nsecond line of detail")

    monkeypatch.setattr(corpusgov.lifecycle, "history", broken)
    (Path(paths["run"]) / "manifest.json").write_text("{}")
    assert main(["history", paths["run"]]) == 1
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [
        "corpusgov: error: RuntimeError: simulated internal failure (use --debug for a traceback)"]
    with pytest.raises(RuntimeError, match="simulated internal failure"):
        main(["--debug", "history", paths["run"]])
    # A usage error stays one line even with --debug.
    capsys.readouterr()
    assert main(["--debug", "validate-config", paths["missing"]]) == 2
    assert len([ln for ln in capsys.readouterr().err.splitlines() if "error:" in ln]) == 1


def test_error_relayed_from_a_worker_process_is_reduced_to_its_informative_line() -> None:
    from corpusgov.errors import first_line as _first_line

    relayed = ("Traceback (most recent call last):\n  File \"x.py\", line 1, in f\n    g()\n"
               "TypeError: 'float' object is not subscriptable [while running 'SignalValues']\n\n")
    assert _first_line(relayed) == "TypeError: 'float' object is not subscriptable [while running 'SignalValues']"
    assert _first_line("one\ntwo") == "one" and _first_line("  \n") == ""
