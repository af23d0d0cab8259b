"""Every `type: ignore` in the package names its error code and says why (on its line or the line above).

Why: an ignore is a claim that the checker is wrong or the library's types are; without the reason nobody can
tell when it may go. mypy itself rejects code-less ignores (ignore-without-code) and unused ones
(warn_unused_ignores), see [tool.mypy] in pyproject.toml.
"""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FOLDERS = ("corpusgov", "quality", "lineage", "pipelines", "annotation", "tools")
IGNORE = re.compile(r"#\s*type:\s*ignore(\[[^\]]*\])?(.*)$")


def _unexplained(lines: list[str]) -> list[int]:
    bad = []
    for i, line in enumerate(lines):
        m = IGNORE.search(line)
        if not m:
            continue
        reason_here = m.group(2).strip().lstrip("#").strip()
        above = lines[i - 1].strip() if i else ""
        if not m.group(1) or not (reason_here or above.startswith("#")):
            bad.append(i + 1)
    return bad


def test_every_type_ignore_has_a_code_and_a_reason() -> None:
    found = []
    for folder in FOLDERS:
        for path in sorted((REPO / folder).rglob("*.py")):
            if "eval" in path.relative_to(REPO).parts:
                continue  # evaluation tooling is not type-checked
            lines = path.read_text(encoding="utf-8").splitlines()
            found += [f"{path.relative_to(REPO)}:{n}" for n in _unexplained(lines)]
    assert not found


def test_the_check_finds_a_bare_or_unexplained_ignore() -> None:
    lines = ["x = f()  # type: ignore", "y = g()  # type: ignore[arg-type]",
             "# numpy's stubs are too narrow here", "z = h()  # type: ignore[arg-type]",
             "w = k()  # type: ignore[attr-defined]  # our marker"]
    assert _unexplained(lines) == [1, 2]
