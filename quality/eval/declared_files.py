"""Only the files of the declared Debian packages: so an eval split is the same on every machine that ran `make eval-debs`.

Why: the splits that sample "every catalogue" or "every changelog" under ``/usr/share`` read whatever else the
machine happens to have installed. On 2026-12-05 the same code scored ``junk_fresh4`` 440 and then 435, and the
language set grew from 7,810 to 8,514 messages, after a browser and fonts were installed. Restricting them to the
packages the Makefile installs (``eval_debs.txt``) and what those depend on makes their inputs a function of the
Debian release, not of the machine's history.

The dependency closure is read from dpkg's own status file (``Depends`` and ``Pre-Depends``; for an alternative
``a | b`` the first installed one), and a package's files from ``/var/lib/dpkg/info/<package>[:<arch>].list``.
On a machine without dpkg (no status file) nothing is filtered and ``available()`` says so, so the eval can print
that its figures are not comparable.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

PACKAGES_FILE = Path(__file__).with_name("eval_debs.txt")
DPKG = Path("/var/lib/dpkg")
_DEP = re.compile(r"^\s*([a-z0-9][a-z0-9+.-]*)(?::[a-z0-9-]+)?")


def declared_packages(path: Path = PACKAGES_FILE) -> tuple[str, ...]:
    """The package names listed in ``eval_debs.txt`` (one or more per line, ``#`` starts a comment)."""
    names = []
    for line in path.read_text(encoding="utf-8").splitlines():
        names += line.split("#", 1)[0].split()
    return tuple(names)


def _installed_paragraphs(dpkg: Path) -> Iterator[dict[str, str]]:
    """The fields of each installed package's paragraph in dpkg's status file (continuation lines joined)."""
    for para in (dpkg / "status").read_text(encoding="utf-8", errors="replace").split("\n\n"):
        fields: dict[str, str] = {}
        key = ""
        for line in para.splitlines():
            if line[:1] in (" ", "\t") and key:
                fields[key] += " " + line.strip()
            elif ":" in line:
                key, _, value = line.partition(":")
                fields[key] = value.strip()
        if "Package" in fields and fields.get("Status", "").endswith(" installed"):
            yield fields


def _installed(dpkg: Path) -> dict[str, list[list[str]]]:
    """Installed package -> its dependencies as lists of alternatives."""
    out: dict[str, list[list[str]]] = {}
    for fields in _installed_paragraphs(dpkg):
        deps = ", ".join(v for v in (fields.get("Pre-Depends", ""), fields.get("Depends", "")) if v)
        out[fields["Package"]] = [[m.group(1) for a in group.split("|") if (m := _DEP.match(a))]
                                  for group in deps.split(",") if group.strip()]
    return out


def installed_versions(dpkg: Path = DPKG) -> dict[str, str]:
    """Installed package -> its version."""
    return {f["Package"]: f.get("Version", "") for f in _installed_paragraphs(dpkg)}


def closure(roots: Iterable[str], dpkg: Path = DPKG) -> frozenset[str]:
    """The installed ``roots`` and everything they depend on, recursively (first installed alternative)."""
    installed = _installed(dpkg)
    seen: set[str] = set()
    stack = [r for r in roots if r in installed]
    while stack:
        pkg = stack.pop()
        if pkg in seen:
            continue
        seen.add(pkg)
        for alts in installed[pkg]:
            chosen = next((a for a in alts if a in installed), None)
            if chosen is not None and chosen not in seen:
                stack.append(chosen)
    return frozenset(seen)


def owned_paths(packages: Iterable[str], dpkg: Path = DPKG) -> frozenset[str]:
    """Every path dpkg lists for ``packages`` (architecture-qualified list files included)."""
    paths: set[str] = set()
    for pkg in packages:
        for lst in [dpkg / "info" / f"{pkg}.list", *(dpkg / "info").glob(f"{pkg}:*.list")]:
            if lst.is_file():
                paths.update(line for line in lst.read_text(encoding="utf-8", errors="replace").splitlines() if line)
    return frozenset(paths)


def available(dpkg: Path = DPKG) -> bool:
    """Whether the machine has a dpkg database to filter by."""
    return (dpkg / "status").is_file()


@functools.lru_cache(maxsize=1)
def _declared_paths() -> frozenset[str] | None:
    if not available():
        return None
    return owned_paths(closure(declared_packages()))


def declared(paths: Iterable[Path]) -> list[Path]:
    """The ``paths`` that belong to a declared package or its dependencies, sorted; all of them without dpkg.
    Paths outside ``/usr`` (test fixtures) are kept: only the system's own files are filtered."""
    owned = _declared_paths()
    return sorted(p for p in paths if owned is None or not str(p).startswith("/usr/") or str(p) in owned)


def fetch_debs(debs: Iterable[str], root: Path, absent: Iterable[str]) -> None:
    """``apt-get download`` each of ``debs`` that is in ``absent`` into ``root`` and unpack it under ``root/unpacked``
    (never installed: the eval splits that read packages outside the declared closure use this)."""
    import subprocess

    root.mkdir(parents=True, exist_ok=True)
    todo = set(absent)
    for deb in debs:
        if deb in todo:
            subprocess.run(["apt-get", "download", deb], cwd=root, check=True)
            path = sorted(root.glob(f"{deb}_*.deb"))[-1]
            subprocess.run(["dpkg-deb", "-x", str(path), str(root / "unpacked")], check=True)
