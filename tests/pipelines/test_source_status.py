"""`PreDecider.status` shares one frozen `SourceStatus` per (source, screening counts) (issue 15): each equals the
status built afresh, the screening-rate gate included, whatever the order the keys are asked in."""

from __future__ import annotations

import itertools

from corpusgov.config import load_policy
from corpusgov.pipelines.governance import PreDecider, RunSpec
from corpusgov.quality.decide import SourceStatus


def _spec() -> RunSpec:
    policy = load_policy("configs/demo/policy.yaml")
    sources = {
        "a": {"legal_basis": "none", "licence": "CC0-1.0", "acquisition": "self_collected", "rejected": []},
        "b": {"legal_basis": "consent", "licence": None, "acquisition": "licensed", "rejected": ["no_evidence"]},
    }
    return RunSpec(out_dir="/nonexistent", work_dir="/nonexistent", files=[], mappings={}, limits={},
                   policy=policy.model_dump(mode="json"), lexicon_terms=[], sources=sources, num_shards=1,
                   pii_hash_key=b"")


def _fresh(spec: RunSpec, source_id: str, counts: dict[str, tuple[int, int]] | None) -> SourceStatus:
    """The status as built before the cache: the source's own reasons, plus the screening gate when counted."""
    s = spec.sources[source_id]
    rejected = list(s["rejected"])
    n, hits = (counts or {}).get(source_id, (0, 0))
    policy = PreDecider(spec)._policy
    if policy.screening.enabled and n and hits / n > policy.screening.max_hit_rate:
        rejected.append("screening_rate_exceeded")
    return SourceStatus(source_id, s["legal_basis"], s["licence"], s["acquisition"], tuple(rejected))


def test_statuses_equal_fresh_ones_in_any_order() -> None:
    spec = _spec()
    assert PreDecider(spec)._policy.screening.enabled
    countings: list[dict[str, tuple[int, int]] | None] = [None, {}, {"a": (100, 0)}, {"a": (100, 90), "b": (3, 3)},
                                                          {"b": (10, 0)}]
    asks = [(src, c) for src in ("a", "b") for c in countings]
    for order in (asks, asks[::-1], asks[3:] + asks[:3]):
        decider = PreDecider(spec)
        for src, counts in itertools.chain(order, order):  # the second pass is answered from the cache
            assert decider.status(src, counts) == _fresh(spec, src, counts)
    decider = PreDecider(spec)
    assert "screening_rate_exceeded" in decider.status("a", {"a": (100, 90)}).rejected
    assert "screening_rate_exceeded" not in decider.status("a", {"a": (100, 0)}).rejected
    assert decider.status("a", None) is decider.status("a", None)
