"""The package as users and cluster workers get it: one import namespace, data inside, Beam's sdist route.

Why: a wheel that installs `quality` or `lineage` at the top level clashes with any other module of those
names on a worker, and Beam's `--setup_file` builds an sdist with the environment's own setuptools.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
MOVED = ("quality", "lineage", "pipelines", "annotation")


def _python_files() -> list[Path]:
    out = subprocess.run(["git", "ls-files", "*.py"], cwd=REPO, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        pytest.skip("not a git checkout")
    return [REPO / p for p in out.stdout.split()]


def test_no_module_imports_the_old_top_level_names() -> None:
    """Every import goes through corpusgov.*: a stray `import quality` works from the repo root only."""
    bad = []
    for path in _python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module] if isinstance(node, ast.ImportFrom) and node.module and not node.level
                     else [])
            bad += [f"{path.relative_to(REPO)}:{node.lineno} {n}" for n in names if n.split(".")[0] in MOVED]
    assert not bad, bad


def _clean_copy(dest: Path) -> Path:
    """The tracked files only: a stale build/ directory in the checkout would leak old files into the wheel."""
    out = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    for rel in out:
        src = REPO / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    return dest


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = _clean_copy(tmp_path_factory.mktemp("src"))
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out),
                    str(src)], check=True, capture_output=True)
    (whl,) = out.glob("corpusgov-*.whl")
    return whl


def test_wheel_installs_only_the_corpusgov_namespace(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    top = {n.split("/")[0] for n in names}
    assert {t for t in top if not t.endswith(".dist-info")} == {"corpusgov"}
    for data in ("corpusgov/lineage/schemas/manifest.schema.json", "corpusgov/quality/default_quality_rules.yaml",
                 "corpusgov/quality/eval_figures.json", "corpusgov/quality/pii/models/zh_person.npz",
                 "corpusgov/quality/textlm.npz", "corpusgov/quality/zh_order.npz", "corpusgov/quality/zh_joins.npz",
                 "corpusgov/quality/copyright/data/licence_index.json",
                 "corpusgov/dashboard/templates/dashboard.html.j2"):
        assert data in names, data
    assert not [n for n in names if "/eval/" in n], "evaluation code and data stay out of the wheel"
    assert any(n.endswith("licenses/LICENSE") for n in names)


def test_wheel_holds_every_package_of_the_namespace(wheel: Path) -> None:
    """Each package directory under corpusgov/ and the moved folders (outside eval/) is in the wheel: a package
    missing from pyproject's list (corpusgov.contracts was) breaks `corpusgov run` only after an install."""
    names = set(zipfile.ZipFile(wheel).namelist())
    want = []
    for root, dest in (("corpusgov", "corpusgov"), *((m, f"corpusgov/{m}") for m in MOVED)):
        for init in (REPO / root).rglob("__init__.py"):
            rel = init.relative_to(REPO / root)
            if "eval" not in rel.parts:
                want.append(f"{dest}/{rel.as_posix()}")
    missing = sorted(w for w in want if w not in names)
    assert want and not missing, missing


def test_installed_wheel_imports_only_corpusgov(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    entries = {p.name for p in target.iterdir()} - {"bin"}
    assert {e for e in entries if not e.endswith(".dist-info")} == {"corpusgov"}


def test_beam_setup_file_route_builds_an_sdist(tmp_path: Path) -> None:
    """Beam's own stager code, as `--setup_file=setup.py` runs it, in a subprocess."""
    code = ("import sys; from apache_beam.runners.portability.stager import Stager; "
            "print(Stager._build_setup_package(sys.argv[1], sys.argv[2]))")
    src = _clean_copy(tmp_path / "src")
    res = subprocess.run([sys.executable, "-c", code, str(src / "setup.py"), str(tmp_path)],
                         capture_output=True, text=True, check=False)
    assert res.returncode == 0, res.stderr[-2000:]
    (sdist,) = tmp_path.glob("corpusgov-*.tar.gz")
    members = tarfile.open(sdist).getnames()
    for part in ("pyproject.toml", "setup.py", "corpusgov/cli.py", "quality/signals.py", "lineage/verify.py",
                 "pipelines/governance.py", "annotation/core.py"):
        assert any(m.endswith(part) for m in members), part


def test_installed_wheel_finds_its_own_data(wheel: Path, tmp_path: Path) -> None:
    """Schemas, rules and models load from the installed package, not from paths beside the source tree (the
    metrics schema was read from `corpusgov/../lineage`, which exists only in a checkout)."""
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    code = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "import corpusgov\n"
        "assert corpusgov.__file__.startswith(sys.argv[1]), corpusgov.__file__\n"
        "from corpusgov.metrics import validate_metrics\n"
        "from corpusgov.manifest import validate_manifest\n"
        "from corpusgov.annotation.audit import validate_audit\n"
        "from corpusgov.quality.signals import default_quality_rules\n"
        "from corpusgov.quality.lang_ngrams import languages\n"
        "from corpusgov.quality.release_figures import release_figures\n"
        "assert validate_metrics({}) and validate_manifest({})\n"
        "try:\n    validate_audit({})\nexcept Exception as e:\n    assert type(e).__name__ == 'ValidationError', e\n"
        "assert default_quality_rules() and len(languages()) > 10 and release_figures()\n"
    )
    res = subprocess.run([sys.executable, "-c", code, str(target)], capture_output=True, text=True, check=False)
    assert res.returncode == 0, res.stderr[-2000:]


def test_installed_wheel_annotation_cache_hash_sees_the_annotator_code(wheel: Path, tmp_path: Path) -> None:
    """An incremental run reuses annotations only while the annotator code is unchanged. The hash read source
    files at checkout paths (`quality/signals.py` beside `corpusgov/`), which do not exist in an installed wheel,
    so there it hashed nothing and old annotations were reused after an upgrade."""
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    code = ("import sys; sys.path.insert(0, sys.argv[1])\n"
            "from corpusgov.lifecycle import code_sha256, _package_files\n"
            "files = dict(_package_files('corpusgov.quality'))\n"
            "assert 'quality/signals.py' in files and 'quality/pii/scanner.py' in files, sorted(files)[:5]\n"
            "print(code_sha256())\n")

    def wheel_hash() -> str:
        res = subprocess.run([sys.executable, "-c", code, str(target)], capture_output=True, text=True, check=False)
        assert res.returncode == 0, res.stderr[-2000:]
        return res.stdout.strip()

    from corpusgov.lifecycle import code_sha256

    before = wheel_hash()
    assert before == code_sha256()  # the checkout and its wheel hash the same annotator files
    signals = target / "corpusgov" / "quality" / "signals.py"
    signals.write_text(signals.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert wheel_hash() != before
