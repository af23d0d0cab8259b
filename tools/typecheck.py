"""Type-check the corpusgov package under its real module names: `python tools/typecheck.py` (make lint).

Why a runner and not plain `mypy`: the wheel maps folders to modules (`quality/` is `corpusgov.quality`,
see [tool.setuptools] package-dir in pyproject.toml), and mypy finds modules by folder name, so `mypy quality`
would check a module called `quality`, and the editable install's import hook is invisible to mypy. This
runner gives mypy every module of the packages the wheel ships, each with its real name and its source path
(errors point at the file you edit); all settings are mypy's own, in [tool.mypy] of pyproject.toml.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from mypy import build
from mypy.errors import CompileError
from mypy.main import process_options
from mypy.modulefinder import BuildSource

ROOT = Path(__file__).resolve().parents[1]


def sources() -> list[BuildSource]:
    """One BuildSource per module of every package listed in [tool.setuptools] packages."""
    setup = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    mapping: dict[str, str] = setup["package-dir"]
    out = []
    for pkg in setup["packages"]:
        base = max((p for p in mapping if pkg == p or pkg.startswith(p + ".")), key=len)
        folder = ROOT / mapping[base]
        if pkg != base:
            folder = folder.joinpath(*pkg[len(base) + 1:].split("."))
        for path in sorted(folder.glob("*.py")):
            module = pkg if path.stem == "__init__" else f"{pkg}.{path.stem}"
            out.append(BuildSource(str(path.relative_to(ROOT)), module, None))
    return out


def main() -> int:
    srcs = sources()
    # The config file is read as mypy would; the module list is replaced by the one above.
    _, options = process_options(["--config-file", str(ROOT / "pyproject.toml"), "-p", "corpusgov"])
    try:
        result = build.build(srcs, options)
    except CompileError as e:
        print("\n".join(e.messages), file=sys.stderr)
        return 2
    for line in result.errors:
        print(line)
    files = {e.split(":", 1)[0] for e in result.errors if ": error:" in e}
    errors = sum(": error:" in e for e in result.errors)
    if errors:
        print(f"Found {errors} errors in {len(files)} files (checked {len(srcs)} modules)")
        return 1
    print(f"Success: no issues found in {len(srcs)} modules")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
