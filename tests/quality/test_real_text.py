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
