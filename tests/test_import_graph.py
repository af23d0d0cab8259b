"""The import graph of the corpusgov namespace has no cycles (module level, from the source's ast).

Why: dependencies point one way (CLI -> driver -> pipelines -> pure core); a cycle is where that broke. Imports
inside functions count too (a lazy import hides a cycle from Python, not from the design). A submodule's
import of its own package (`from corpusgov.dashboard import charts`) is an edge to the submodule named, not
to the package's __init__.
"""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FOLDERS = {"corpusgov": "corpusgov", "quality": "corpusgov.quality", "lineage": "corpusgov.lineage",
           "pipelines": "corpusgov.pipelines", "annotation": "corpusgov.annotation"}


def _modules() -> dict[str, Path]:
    mods = {}
    for folder, name in FOLDERS.items():
        for path in (REPO / folder).rglob("*.py"):
            rel = path.relative_to(REPO / folder).with_suffix("").parts
            if "eval" in rel:
                continue  # evaluation tooling is not part of the package
            parts = rel[:-1] if rel[-1] == "__init__" else rel
            mods[".".join((name, *parts))] = path
    return mods


def _imports(mods: dict[str, Path]) -> list[tuple[str, str, str, int]]:
    """(importing module, imported module, name imported or "", line) for every import of a package module."""
    out = []
    for mod, path in mods.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[tuple[str, str]] = []
            if isinstance(node, ast.Import):
                targets = [(a.name, "") for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                targets = [(f"{node.module}.{a.name}", "") if f"{node.module}.{a.name}" in mods
                           else (node.module, a.name) for a in node.names]
            for t, name in targets:
                if t in mods and t != mod and not mod.startswith(t + "."):
                    out.append((mod, t, name, node.lineno))
    return out


def _graph(mods: dict[str, Path]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for mod, target, _, _ in _imports(mods):
        graph[mod].add(target)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[frozenset[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            w = next(it, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(graph[w]))))
                elif w in on:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = set()
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.add(w)
                    if w == v:
                        break
                if len(comp) > 1:
                    out.append(frozenset(comp))
    return out


def test_no_import_cycles() -> None:
    assert not [sorted(c) for c in _cycles(_graph(_modules()))]


def test_the_checker_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [frozenset({"a", "b", "c"})]


# --- layers -------------------------------------------------------------------------------------------------
# A module may import modules of its own layer and of the layers before it in LAYERS, never after.
#   core       pure, Beam-free: detectors, metrics, policies and the config model, records, hashing, renderers
#   pipelines  Beam transforms and pipelines over the core
#   driver     runs and commands' implementations: plans, runs the pipelines, builds and checks the manifest
#   cli        argument parsing and exit codes
LAYERS = ("core", "pipelines", "driver", "cli")
# Module (or package prefix) -> layer; the longest matching entry wins and every module must match one.
# docs/architecture.md ("Layers") says why each module is where it is.
LAYER_OF = {
    "corpusgov": "core",  # the package __init__ only (exact match below)
    "corpusgov.config": "core",
    "corpusgov.errors": "core",
    "corpusgov.readers": "core",
    "corpusgov.progress": "core",
    "corpusgov.heap": "core",
    "corpusgov.deferred_imports": "core",  # lazy imports of leaf packages (Great Expectations' scipy.stats, altair)
    "corpusgov.drill": "core",
    "corpusgov.contracts": "core",
    "corpusgov.aggregates": "core",
    "corpusgov.quality": "core",
    "corpusgov.quality.junk_residue": "core",  # pure signals (issue 13), no Beam
    "corpusgov.quality.junk_repeats": "core",
    "corpusgov.quality.junk_rhythm": "core",
    "corpusgov.quality.junk_score": "core",  # learned junk score over the signals, NumPy only
    "corpusgov.annotation": "core",
    "corpusgov.lineage": "core",
    "corpusgov.pipelines": "pipelines",
    "corpusgov.annotation_audit": "driver",
    "corpusgov.assemble": "driver",
    "corpusgov.attest": "driver",
    "corpusgov.dashboard": "driver",
    "corpusgov.forget": "driver",
    "corpusgov.gates": "driver",
    "corpusgov.incremental": "driver",
    "corpusgov.lifecycle": "driver",
    "corpusgov.manifest": "driver",
    "corpusgov.metrics": "driver",
    "corpusgov.planning": "driver",
    "corpusgov.render": "driver",
    "corpusgov.run": "driver",
    "corpusgov.rundir": "driver",
    "corpusgov.scan": "driver",
    "corpusgov.summary": "driver",
    "corpusgov.takedown_apply": "driver",
    "corpusgov.takedown_request": "driver",
    "corpusgov.takedown_resolve": "driver",
    "corpusgov.lineage.derive": "driver",
    "corpusgov.lineage.rerender": "driver",
    "corpusgov.lineage.trace": "driver",
    "corpusgov.lineage.verify": "driver",
    "corpusgov.cli": "cli",
}


def _layer(mod: str) -> str | None:
    keys = [k for k in LAYER_OF if mod == k or (k != "corpusgov" and mod.startswith(k + "."))]
    return LAYER_OF[max(keys, key=len)] if keys else None


def _upward(imports: list[tuple[str, str, str, int]]) -> list[str]:
    rank = {name: i for i, name in enumerate(LAYERS)}
    return sorted({f"{m} ({_layer(m)}) imports {t} ({_layer(t)}), line {line}" for m, t, _, line in imports
            if rank[_layer(t)] > rank[_layer(m)]})


def test_every_module_has_a_layer() -> None:
    assert not [m for m in _modules() if _layer(m) is None]


def test_no_layer_imports_a_higher_one() -> None:
    assert not _upward(_imports(_modules()))


def test_the_core_does_not_import_beam() -> None:
    found = []
    for mod, path in _modules().items():
        if _layer(mod) != "core":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            found += [f"{mod}: {n}" for n in names if n == "apache_beam" or n.startswith("apache_beam.")]
    assert not found


def test_the_layer_check_finds_an_upward_import() -> None:
    imports = [("corpusgov.quality.decide", "corpusgov.run", "", 1), ("corpusgov.run", "corpusgov.quality.decide", "", 2)]
    assert _upward(imports) == ["corpusgov.quality.decide (core) imports corpusgov.run (driver), line 1"]


# --- private names ------------------------------------------------------------------------------------------
# `from corpusgov.x import _name` in another module: a private helper another module needs is public API.
# Left in files other engineers are rewriting (issue 20), to be emptied when their branches are merged; each
# entry is checked to still exist so the list cannot go stale.
KNOWN_PRIVATE: set[tuple[str, str, str]] = set()  # governance._policy became the public policy_from_spec


def _private(imports: list[tuple[str, str, str, int]]) -> set[tuple[str, str, str]]:
    return {(m, t, name) for m, t, name, _ in imports if name.startswith("_") and not name.startswith("__")}


def test_no_private_names_imported_across_modules() -> None:
    found = _private(_imports(_modules()))
    assert not sorted(found - KNOWN_PRIVATE)
    assert KNOWN_PRIVATE <= found, "a listed private import is gone: remove it from KNOWN_PRIVATE"


def test_the_private_check_finds_one() -> None:
    assert _private([("a", "b", "_x", 1), ("a", "b", "y", 2), ("a", "b", "__version__", 3)]) == {("a", "b", "_x")}


def test_package_modules_do_not_import_the_eval_tooling() -> None:
    """quality/eval and annotation/eval are left out of the wheel: a packaged module importing them fails on a
    worker or after `pip install` (the CN_PERSON trainer did, until its corpus readers moved to quality/pii)."""
    bad = []
    for mod, path in _modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module] if isinstance(node, ast.ImportFrom) and node.module else []
            bad += [f"{mod} imports {n}, line {node.lineno}" for n in names
                    if n.startswith(("corpusgov.quality.eval", "corpusgov.annotation.eval"))]
    assert not bad, bad
