"""HyperLogLog++ registers and their count, without importing the datasketch package (and with it SciPy).

Why: `import datasketch` runs the package's `__init__`, which imports its LSH modules and through them
`scipy.integrate` (≈ 0.3 CPU-s of every run and of every worker process, docs/profile.md), while the diversity
sketch only needs registers, a register-wise maximum and datasketch's HyperLogLog++ estimate. `HllPlusPlus`
holds the same int8 registers and its `count` is `datasketch.HyperLogLogPlusPlus.count` operation for operation
(same numpy calls in the same order, so the same float); the empirical bias tables are read from the installed
datasketch's own `hyperloglog_const.py` (a data module that imports only numpy), loaded by path so the package is
not imported. Tested equal to datasketch on registers across every branch of the estimate.
"""

from __future__ import annotations

import importlib.util
import os
from functools import cache
from types import ModuleType

import numpy as np

_HASH_BITS = 64  # HyperLogLog++ takes 64-bit hashes


@cache
def _constants() -> ModuleType:
    """datasketch's `hyperloglog_const` module (thresholds, raw estimates, biases for p = 4..18), by file path."""
    spec = importlib.util.find_spec("datasketch")  # a top-level name: found, not imported
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("datasketch is not installed (its HyperLogLog++ bias tables are read from it)")
    path = os.path.join(list(spec.submodule_search_locations)[0], "hyperloglog_const.py")
    const = importlib.util.spec_from_file_location("corpusgov.quality._datasketch_hll_const", path)
    if const is None or const.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(const)
    const.loader.exec_module(module)
    return module


def _alpha(p: int) -> float:
    """HyperLogLog's bias constant, as datasketch's `HyperLogLog._get_alpha`."""
    if p == 4:
        return 0.673
    if p == 5:
        return 0.697
    if p == 6:
        return 0.709
    return 0.7213 / (1.0 + 1.079 / (1 << p))


class HllPlusPlus:
    """`datasketch.HyperLogLogPlusPlus(p)`'s state and estimate: `reg` (int8, 2**p registers), `merge`, `is_empty`,
    `count`; registers are set by the caller (diversity.py updates them from 64-bit hashes with numpy)."""

    __slots__ = ("alpha", "m", "max_rank", "p", "reg")

    def __init__(self, p: int) -> None:
        if not 4 <= p <= 18:
            raise ValueError(f"p={p} outside datasketch's HyperLogLog++ range [4, 18]")
        self.p = p
        self.m = 1 << p
        self.reg = np.zeros((self.m,), dtype=np.int8)
        self.alpha = _alpha(p)
        self.max_rank = _HASH_BITS - p

    def merge(self, other: HllPlusPlus) -> None:
        """Register-wise maximum (datasketch's `merge`)."""
        if self.m != other.m or self.p != other.p:
            raise ValueError("Cannot merge HyperLogLog with different precisions.")
        self.reg = np.maximum(self.reg, other.reg)

    def is_empty(self) -> bool:
        return not np.any(self.reg)

    def count(self) -> float:
        """The cardinality estimate, as `datasketch.HyperLogLogPlusPlus.count` computes it (linear counting below the
        precision's threshold, else the raw estimate less the mean bias of its 6 nearest tabled estimates up to
        5 m, else the raw estimate)."""
        const = _constants()
        num_zero = self.m - np.count_nonzero(self.reg)
        if num_zero > 0:
            lc = self.m * np.log(self.m / float(num_zero))
            if lc <= const._thresholds[self.p - 4]:
                return lc
        e = self.alpha * float(self.m**2) / np.sum(2.0 ** (-self.reg))
        if e <= 5 * self.m:
            bias_vector = const._bias[self.p - 4]
            estimate_vector = const._raw_estimate[self.p - 4]
            nearest_neighbors = np.argsort((e - estimate_vector) ** 2)[:6]
            return e - np.mean(bias_vector[nearest_neighbors])
        return e
