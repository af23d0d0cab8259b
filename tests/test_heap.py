"""corpusgov.heap: a site freezes once per process, after collecting the garbage pending at that point."""

from __future__ import annotations

import gc
import weakref

import pytest

from corpusgov import heap


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_freeze_once_per_site_and_pending_cycles_are_collected_first() -> None:
    gc.unfreeze()
    try:
        dead = weakref.ref(_Cycle())  # garbage only the cyclic collector can free
        assert dead() is not None
        heap.freeze_long_lived("test: first site")
        frozen = gc.get_freeze_count()
        assert frozen > 0
        assert dead() is None  # collected before the freeze, not frozen with the survivors
        keep = [[] for _ in range(100)]  # tracked objects created after the freeze
        heap.freeze_long_lived("test: first site")  # a second call at the same site does nothing
        assert gc.get_freeze_count() == frozen
        heap.freeze_long_lived("test: second site")
        assert gc.get_freeze_count() >= frozen + len(keep)
    finally:
        gc.unfreeze()
        heap._done.discard("test: first site")
        heap._done.discard("test: second site")


def test_collector_paused_restores_the_collector_state():
    import gc

    from corpusgov.heap import collector_paused

    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("boom")
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # it was off before: stays off
    finally:
        gc.enable()


def test_collections_spaced_restores_the_thresholds():
    from corpusgov.heap import RUN_THRESHOLDS, collections_spaced

    before = gc.get_threshold()
    with pytest.raises(RuntimeError), collections_spaced():
        assert gc.get_threshold() == RUN_THRESHOLDS
        raise RuntimeError("boom")
    assert gc.get_threshold() == before


def test_a_freeze_inside_the_paused_block_leaves_no_young_collection_behind() -> None:
    """The imports' blocks end in `freeze_long_lived` before the collector is back on: re-enabled first, the next
    allocation would collect every object made while paused once more (as young objects) just before the freeze."""
    from corpusgov.heap import collector_paused

    def young() -> int:
        return int(gc.get_stats()[0]["collections"])

    gc.unfreeze()
    try:
        with collector_paused():
            made = [[i] for i in range(50_000)]  # counted towards a young collection while paused
            before = young()
        _ = [[i] for i in range(100)]
        assert young() > before  # the old order: a young collection at once
        with collector_paused():
            made += [[i] for i in range(50_000)]
            heap.freeze_long_lived("test: inside the block")
            before = young()
        _ = [[i] for i in range(100)]
        assert young() == before
    finally:
        gc.unfreeze()
        heap._done.discard("test: inside the block")


def test_freeze_without_collecting_keeps_the_pending_cycles_frozen() -> None:
    """collect=False (the paused import blocks): no full collection first, so a pending cycle is frozen with the
    survivors instead of freed, and a later full collection does not free it either."""
    gc.unfreeze()
    try:
        full = gc.get_stats()[2]["collections"]
        dead = weakref.ref(_Cycle())
        heap.freeze_long_lived("test: no collection", collect=False)
        assert gc.get_stats()[2]["collections"] == full  # no full collection ran
        assert gc.get_freeze_count() > 0
        gc.collect()
        assert dead() is not None  # frozen: out of reach of the collector
    finally:
        gc.unfreeze()
        heap._done.discard("test: no collection")
        gc.collect()


def test_the_import_blocks_freeze_without_collecting_and_the_pipeline_site_collects() -> None:
    """The driver's and Great Expectations' import blocks pass collect=False; the site after the pipeline, where
    the pipelines' graphs are garbage, still collects first."""
    import inspect

    from corpusgov import run
    from corpusgov.quality import expectations_ge

    src = inspect.getsource(run.run_governance)
    assert 'freeze_long_lived("run: imports", collect=False)' in src
    assert 'freeze_long_lived("run: after the pipeline")' in src
    assert 'freeze_long_lived("great_expectations import", collect=False)' in inspect.getsource(expectations_ge.run_ge)
