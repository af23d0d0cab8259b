"""`HllPlusPlus` (the diversity sketch's registers, without importing datasketch) counts what datasketch's
`HyperLogLogPlusPlus` counts on the same registers, on every branch of the estimate; a run's diversity sketch and
LSH parameters import neither datasketch nor SciPy once the parameters are in the table cache."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from datasketch import HyperLogLogPlusPlus
from datasketch.lsh import _optimal_param

from corpusgov.quality import minhash
from corpusgov.quality.diversity import HLL_P, DiversityAccumulator, ngram_hash64
from corpusgov.quality.hll import HllPlusPlus
from corpusgov.quality.table_cache import CACHE_ENV


def _pair(p: int, reg: np.ndarray) -> tuple[HllPlusPlus, HyperLogLogPlusPlus]:
    ours = HllPlusPlus(p)
    ours.reg = reg.astype(np.int8).copy()
    return ours, HyperLogLogPlusPlus(p=p, reg=reg.astype(np.int8).copy())


def _fed(p: int, n: int, seed: int) -> np.ndarray:
    """The registers of datasketch's sketch fed n distinct items (its own update path)."""
    h = HyperLogLogPlusPlus(p=p, hashfunc=ngram_hash64)
    for i in range(n):
        h.update(f"{seed}-{i}")
    return h.reg


@pytest.mark.parametrize("p", [4, 7, 12, 16])
def test_count_equals_datasketch_across_the_estimates_branches(p: int) -> None:
    m = 1 << p
    # linear counting (few registers set), the bias-corrected range (up to 5 m) and beyond it (raw estimate)
    sizes = sorted({0, 1, 3, m // 8, m // 2, m, 2 * m, 3 * m, 5 * m, 8 * m, 20 * m})
    seen_branch = set()
    for n in sizes:
        if n > 60_000:
            continue
        ours, ref = _pair(p, _fed(p, n, seed=n))
        assert ours.count() == ref.count()  # the same float, not approximately
        assert ours.is_empty() == ref.is_empty()
        e = ref.alpha * float(ref.m**2) / np.sum(2.0 ** (-ref.reg))
        seen_branch.add("raw" if e > 5 * m else "biased")
    rng = np.random.default_rng(p)
    for _ in range(200):  # random register states, zero-free ones included
        reg = rng.integers(0 if rng.random() < 0.5 else 1, rng.integers(2, 30), size=m)
        ours, ref = _pair(p, reg)
        assert ours.count() == ref.count()
    assert seen_branch == {"raw", "biased"} or p > 12  # both reached where the item counts allow


def test_merge_and_precision_checks_as_datasketch() -> None:
    a, ra = _pair(HLL_P, _fed(HLL_P, 3000, 1))
    b, rb = _pair(HLL_P, _fed(HLL_P, 5000, 2))
    a.merge(b)
    ra.merge(rb)
    assert a.reg.tobytes() == ra.reg.tobytes() and a.count() == ra.count()
    with pytest.raises(ValueError):
        a.merge(HllPlusPlus(HLL_P + 1))
    with pytest.raises(ValueError):
        HllPlusPlus(3)
    h = HllPlusPlus(HLL_P)
    r = HyperLogLogPlusPlus(p=HLL_P)
    assert (h.m, h.p, h.max_rank, h.alpha) == (r.m, r.p, r.max_rank, r.alpha)


def test_accumulator_estimates_equal_datasketch_on_its_registers() -> None:
    acc = DiversityAccumulator()
    for i in range(600):
        acc.add(" ".join(f"w{(i * 7 + j) % 4000}" for j in range(40)), "en", "s", "d", "a")
        acc.add("".join(chr(0x4E00 + (i * 13 + j) % 2500) for j in range(120)), "zh", "s", "d", "a")
    got = acc.result()["distinct_ngrams"]
    for name, h in acc.sketches.items():
        ref = HyperLogLogPlusPlus(p=HLL_P, reg=h.reg.copy())
        assert got[name] == int(round(ref.count())) and got[name] > 0


def test_lsh_params_cached_equal_datasketch(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    for t, n in [(0.65, 128), (0.55, 128), (0.8, 64), (0.95, 32), (0.3, 16)]:
        minhash._lsh_params.cache_clear()
        first = minhash._lsh_params(t, n)  # computed and written
        minhash._lsh_params.cache_clear()
        again = minhash._lsh_params(t, n)  # read back
        assert first == again == tuple(int(x) for x in _optimal_param(t, n, 0.5, 0.5))
    assert len(list((tmp_path / "cache").iterdir())) == 5
    monkeypatch.setenv(CACHE_ENV, "off")
    minhash._lsh_params.cache_clear()
    assert minhash._lsh_params(0.65, 128) == tuple(int(x) for x in _optimal_param(0.65, 128, 0.5, 0.5))
    minhash._lsh_params.cache_clear()


def test_a_warm_run_imports_neither_datasketch_nor_scipy_integrate(tmp_path) -> None:
    code = (
        "import sys\n"
        "from corpusgov.quality.dedup_policy import DedupPolicy\n"
        "from corpusgov.quality.minhash import lsh_params\n"
        "from corpusgov.quality.diversity import DiversityAccumulator\n"
        "acc = DiversityAccumulator(); acc.add('a few words here', 'en', 's', 'd', 'a'); acc.result()\n"
        "print(lsh_params(DedupPolicy()))\n"
        "print(sorted(m for m in sys.modules if m.startswith(('datasketch', 'scipy.integrate'))))\n"
    )
    env = {"PATH": "/usr/bin:/bin", CACHE_ENV: str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
            for _ in range(2)]
    cold, warm = (r.stdout.splitlines() for r in runs)
    assert cold[0] == warm[0]
    assert "datasketch" in cold[1]  # the first run computed the pair with datasketch
    assert warm[1] == "[]"
