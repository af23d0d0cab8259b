"""Import named leaf packages lazily while a block runs: their code runs on first attribute access, if ever.

Why: Great Expectations' package `__init__` imports every expectation, and one of them
(`expect_column_kl_divergence_to_be_less_than`) and two metrics import `scipy.stats` and `altair` (which
brings `narwhals`) at module level, although they only use them inside methods. A run's policy never asks
for those expectations, yet the three packages were ≈ 0.6–0.9 CPU-s of every run (docs/profile.md). Made
lazy with the standard `importlib.util.LazyLoader`, a module that is used loads in full on first use, with
the same code and state, so what runs and what it returns do not change; one that is never touched costs
nothing. Only packages that are not imported yet are deferred (one already in `sys.modules` is left as it
is), and only imports made inside the block: later imports go through the normal machinery.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import ModuleType


class _DeferringFinder(importlib.abc.MetaPathFinder):
    """Finds `names` with the other finders and wraps their loader in a `LazyLoader`."""

    def __init__(self, names: frozenset[str]) -> None:
        self.names = names

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in self.names:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is None:
                continue
            if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                spec.loader = importlib.util.LazyLoader(spec.loader)
            return spec
        return None


@contextmanager
def deferred(names: Sequence[str]) -> Iterator[None]:
    """Inside the block, a first import of any of `names` gives a lazy module (loaded on attribute access)."""
    finder = _DeferringFinder(frozenset(n for n in names if n not in sys.modules))
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)


def is_loaded(name: str) -> bool:
    """True if `name` is imported and its code has run (a deferred module not yet touched is not loaded)."""
    module = sys.modules.get(name)
    return module is not None and type(module).__name__ != "_LazyModule"  # type() does not trigger the load
