"""Keep the cyclic garbage collector off objects that live for the whole process (issue 15, fixed costs).

Why: a run imports ~450k GC-tracked objects (Beam, presidio, spaCy, Great Expectations, pydantic models) and
every full collection walks all of them again; on a 500-document run the full collections alone took ~1 s
of CPU. `gc.freeze()` moves what is alive now into the permanent generation, which collections skip.
Reference counting still frees frozen objects; only a frozen object that later becomes part of a garbage
*cycle* is never reclaimed, so this is called only where what is alive is long-lived (modules, classes,
cached models), after a collection that clears the garbage pending at that point (not after a paused block of
imports, whose few cycles cost less frozen than the collection that would find them), and once per call site
and process (the imports and caches it is meant for happen once; a process that runs many times, such as the
test suite, must not keep freezing short-lived objects). No effect on any output.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_done: set[str] = set()


def freeze_long_lived(site: str, collect: bool = True) -> None:
    """The first time per `site`: collect the pending garbage (unless `collect` is False), then exclude every
    survivor from collections.

    `collect=False` is for a block of imports run with the collector paused (`collector_paused`): the full
    collection walked every object the block made (~150k after the driver's imports, ~100k after Great
    Expectations') to free ~1,500 import-time cycles, ≈ 0.1 CPU-s each time (docs/profile.md, `wt-speed13`);
    frozen instead, those few cycles stay for the process's life (well under a megabyte)."""
    if site in _done:
        return
    _done.add(site)
    if collect:
        gc.collect()
    gc.freeze()


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collection while the block runs (a block of imports ending in `freeze_long_lived`).

    Why: an import of a large package allocates ~10^5 objects, so the young generations are collected
    hundreds of times during it, and what they find is module state that lives as long as the process anyway;
    pausing the collector around the driver's and Great Expectations' imports saves ≈0.2 CPU-s each
    (docs/profile.md). Reference counting still frees everything as usual. The freeze belongs inside the block:
    the collector, re-enabled first, would collect every object made while paused once more as a young one.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


# Allocations between young collections during a run (CPython's default is 700): a run allocates its garbage
# in short-lived containers freed by reference counting, so the young generation was collected ~1,000 times per
# 20k documents to find almost nothing. Measured on the 20k bench corpus (2026-12-06, gc callbacks): 1,080
# collections, 0.84-0.88 CPU-s -> 17 collections, 0.47 s; cyclic garbage waits at most ~20,000 allocations.
RUN_THRESHOLDS = (20_000, 20, 10)


@contextmanager
def collections_spaced(thresholds: tuple[int, int, int] = RUN_THRESHOLDS) -> Iterator[None]:
    """Collect the young generations less often while the block runs; the previous thresholds come back."""
    before = gc.get_threshold()
    gc.set_threshold(*thresholds)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def release_free_memory() -> None:
    """Give the memory that finished steps freed back to the system: Arrow's pool and glibc's heap.

    Why (issue 15): both allocators keep freed memory for reuse, so what finalise freed (a shard's output
    tables) stayed in the process's RSS, and the driver's steps after it (drill-down, Great Expectations,
    dashboard) were stacked on top of it instead of reusing it. Called between steps only: trimming costs
    a walk over the heap. No effect on any output.
    """
    import ctypes

    import pyarrow as pa

    pa.default_memory_pool().release_unused()
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to trim
        pass
