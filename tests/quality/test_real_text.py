"""The shipped policy on the shared real-text dev set: the issue's targets, asserted (not only printed).

Reads ../shared/real-text-dev/ beside the repository (or CORPUSGOV_REAL_TEXT); skips with the reason when it
is absent, as on a machine without the shared folder.
"""

from __future__ import annotations

import pytest

from corpusgov.quality.eval import real_text_eval as rte

pytestmark = pytest.mark.skipif(not rte.dev_path().is_file(), reason=f"real-text dev set absent: {rte.dev_path()}")


@pytest.fixture(scope="module")
def summary() -> dict:
    rows = rte.load_dev()
    return rte.summarise(rte.decide(rows))


def test_good_text_is_kept(summary: dict) -> None:
    sets = summary["sets"]
    assert sets["good_zh_classical"]["drop_rate"] <= 0.02
    assert sets["good_en_docs"]["drop_rate"] <= 0.03
    assert sets["zh_tech"]["drop_rate"] <= 0.03


def test_junk_is_dropped(summary: dict) -> None:
    assert summary["sets"]["junk"]["drop_rate"] >= 0.95
    assert all(k["drop_rate"] >= 0.9 for k in summary["sets"]["junk"]["kinds"].values())


def test_chinese_technical_paragraphs_are_chinese(summary: dict) -> None:
    assert summary["zh_tech_language"]["share"] >= 0.99


def test_missing_dev_set_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(FileNotFoundError, match="real-text dev set not found"):
        rte.load_dev(tmp_path / "absent.jsonl")


@pytest.fixture(scope="module")
def junk_summary() -> dict:
    rows = rte.load_dev()
    extra = (rte.extra_junk(rows) + rte.heldout_junk(rows) + rte.blind_junk(rows) + rte.fresh_junk(rows)
             + rte.fresh2_junk(rows))
    return rte.summarise(rte.decide(extra))


def test_tuned_extra_junk_kinds_are_dropped(junk_summary: dict) -> None:
    assert junk_summary["sets"]["junk_extra"]["drop_rate"] >= 0.95


def test_held_out_and_blind_junk_are_reported_per_kind(junk_summary: dict) -> None:
    # Not at the target (README: first blind runs 48.4%, 21.2%, 24.8%, 15.8%); held here as regression floors
    # (the 2026-12-05 figures with the junk score: 81.6, 52.2, 58.3, 43.8%).
    from corpusgov.quality.eval.junk_fresh import FRESH_KINDS
    from corpusgov.quality.eval.junk_fresh2 import FRESH2_KINDS
    from corpusgov.quality.eval.junk_kinds import BLIND_KINDS, HELDOUT_KINDS

    held, blind = junk_summary["sets"]["junk_heldout"], junk_summary["sets"]["junk_blind"]
    fresh = junk_summary["sets"]["junk_fresh"]
    assert set(held["kinds"]) == set(HELDOUT_KINDS) and set(blind["kinds"]) == set(BLIND_KINDS)
    assert set(fresh["kinds"]) == set(FRESH_KINDS) and fresh["n"] == 40 * len(FRESH_KINDS)
    fresh2 = junk_summary["sets"]["junk_fresh2"]
    assert set(fresh2["kinds"]) == set(FRESH2_KINDS) and fresh2["n"] == 40 * len(FRESH2_KINDS)
    assert held["drop_rate"] >= 0.8
    assert blind["drop_rate"] >= 0.5
    assert fresh["drop_rate"] >= 0.55
    assert fresh2["drop_rate"] >= 0.4
    # Machine-made shapes the rules target are caught whatever text they were made from.
    for kind in ("gbk_mojibake", "package_log", "toc_leaders", "index_word_list", "hex_dump", "degenerate_loop_en",
                 "degenerate_loop_zh"):
        assert held["kinds"][kind]["drop_rate"] >= 0.95, kind


def test_blind_split_misses_are_never_listed() -> None:
    decided = [{"set": "junk_fresh2", "kind": "x", "drop_rules": [], "lang": "en", "id": "a", "text": "t"},
               {"set": "junk_fresh", "kind": "y", "drop_rules": [], "lang": "en", "id": "b", "text": "t"},
               {"set": "junk_fresh3", "kind": "z", "drop_rules": [], "lang": "en", "id": "c", "text": "t"},
               {"set": "good_fresh3_en", "drop_rules": ["junk_score"], "lang": "en", "id": "d", "text": "t"}]
    assert [d["id"] for d in rte.wrong_decisions(decided)] == ["b"]


def test_fresh3_split_is_reported_per_kind_with_its_good_text() -> None:
    """The blind split from other Debian packages (README: 32.5% caught; good text dropped 0.3% zh / 0.5% en):
    regression floors, and the good text stays under its target."""
    from corpusgov.quality.eval import junk_fresh3

    if junk_fresh3.missing():
        pytest.skip(f"junk_fresh3 needs the Debian packages {junk_fresh3.missing()} (make eval-data installs them)")
    summary = rte.summarise(rte.decide(rte.fresh3_rows()))
    junk = summary["sets"]["junk_fresh3"]
    assert set(junk["kinds"]) == set(junk_fresh3.FRESH3_KINDS) and junk["n"] == 40 * len(junk_fresh3.FRESH3_KINDS)
    assert junk["drop_rate"] >= 0.31
    for name in ("good_fresh3_zh", "good_fresh3_en"):
        assert summary["sets"][name]["n"] == 400 and summary["sets"][name]["drop_rate"] <= 0.03, name


def test_fresh4_split_is_reported_per_kind_with_its_good_text() -> None:
    """The crawler-junk blind split (first run, before any change for it: 64.3% caught; second run, junk score
    retrained on every older split: 73.3%; good text dropped 0 of 258 zh / 0 of 400 en both times): regression
    floors, and the good text stays under its target."""
    from corpusgov.quality.eval import junk_fresh4

    if junk_fresh4.missing():
        pytest.skip(f"junk_fresh4 needs {junk_fresh4.missing()} (make eval-data installs them)")
    summary = rte.summarise(rte.decide(rte.fresh4_rows()))
    junk = summary["sets"]["junk_fresh4"]
    assert set(junk["kinds"]) == set(junk_fresh4.FRESH4_KINDS) and junk["n"] == 40 * len(junk_fresh4.FRESH4_KINDS)
    assert junk["drop_rate"] >= 0.72
    for name in ("good_fresh4_zh", "good_fresh4_en"):
        assert summary["sets"][name]["n"] >= 200 and summary["sets"][name]["drop_rate"] <= 0.03, name
