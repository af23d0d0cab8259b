"""`corpusgov.deferred_imports`: a deferred module runs its code on first use, with the same result as an eager
import; modules already imported and imports after the block are untouched; Great Expectations imports without
scipy.stats and altair, and its KL-divergence expectation still gets the real scipy.stats when it uses it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from corpusgov.deferred_imports import deferred, is_loaded


@pytest.fixture
def pkg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A package `deferme_pkg` (with a submodule) that counts how often its code ran."""
    root = tmp_path / "deferme_pkg"
    root.mkdir()
    (root / "__init__.py").write_text("import builtins\nbuiltins.DEFERME_RUNS = getattr(builtins, 'DEFERME_RUNS', 0) + 1\n"
                                      "from deferme_pkg.sub import VALUE\nDOUBLE = VALUE * 2\n")
    (root / "sub.py").write_text("VALUE = 21\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield "deferme_pkg"
    for name in ("deferme_pkg", "deferme_pkg.sub"):
        sys.modules.pop(name, None)
    import builtins

    if hasattr(builtins, "DEFERME_RUNS"):
        del builtins.DEFERME_RUNS


def test_deferred_module_runs_on_first_use_only(pkg: str) -> None:
    import builtins

    finders = list(sys.meta_path)
    with deferred([pkg]):
        import deferme_pkg
    assert sys.meta_path == finders  # the finder is gone after the block
    assert not is_loaded(pkg) and getattr(builtins, "DEFERME_RUNS", 0) == 0
    assert deferme_pkg.DOUBLE == 42  # first use: the code runs, once, with the same result as an eager import
    assert is_loaded(pkg) and is_loaded("deferme_pkg.sub") and builtins.DEFERME_RUNS == 1
    assert deferme_pkg.VALUE == 21 and builtins.DEFERME_RUNS == 1


def test_imports_outside_the_block_and_loaded_modules_are_eager(pkg: str) -> None:
    import builtins

    import deferme_pkg  # eager: not inside the block

    assert is_loaded(pkg) and builtins.DEFERME_RUNS == 1
    with deferred([pkg, "json"]):
        import json

        import deferme_pkg as again
    assert again is deferme_pkg and is_loaded("json") and builtins.DEFERME_RUNS == 1
    assert json.dumps([1]) == "[1]"


def test_unknown_name_is_still_an_import_error() -> None:
    with deferred(["no_such_module_deferme"]), pytest.raises(ModuleNotFoundError):
        import no_such_module_deferme  # noqa: F401


def test_great_expectations_imports_without_scipy_stats_and_altair() -> None:
    """In a fresh process (this one may have imported them already): as `run_ge` imports GE."""
    code = (
        "from corpusgov.deferred_imports import deferred, is_loaded\n"
        "from corpusgov.quality.expectations_ge import GE_DEFERRED\n"
        "with deferred(GE_DEFERRED):\n"
        "    import great_expectations\n"
        "print(sorted(n for n in (*GE_DEFERRED, 'narwhals') if is_loaded(n)))\n"
        "from great_expectations.expectations.core import expect_column_kl_divergence_to_be_less_than as kl\n"
        "import scipy.special\n"
        "print(kl.stats.entropy([0.5, 0.5], [0.9, 0.1]) == scipy.special.rel_entr([0.5, 0.5], [0.9, 0.1]).sum())\n"
        "print(is_loaded('scipy.stats'), kl.alt.Chart.__name__)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[:3] == ["[]", "True", "True Chart"]
