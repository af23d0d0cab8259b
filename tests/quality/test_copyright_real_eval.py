"""The real-text copyright sets: well-formed rows, no row in two sets, blind sets scored without their errors."""

from __future__ import annotations

import json

from corpusgov.quality.copyright import MARKER_CLASSES
from corpusgov.quality.eval import copyright_real_eval as cre

_FILES = (
    "zh", "zh_batch4", "zh_batch5", "zh_batch6", "zh_batch7", "zh_batch8", "en", "en_batch7", "en_batch8", "en_batch9",
    "en_batch10", "zh_batch9", "en_batch11", "zh_batch10", "en_batch12", "zh_batch11", "en_batch13", "zh_batch12",
    "en_batch14", "zh_batch13", "en_batch15", "zh_batch14", "en_batch16", "zh_batch15", "en_batch17", "zh_batch16",
    "en_batch18", "zh_batch17", "en_batch19", "zh_batch18", "en_batch20", "zh_blind", "en_blind", "en_blind2",
    "en_blind3", "zh_batch19", "en_batch21", "zh_batch20", "en_batch22", "zh_batch21", "en_batch23", "zh_batch22",
    "en_batch24", "zh_batch23", "en_batch25", "zh_batch24", "en_batch26", "zh_blind23", "en_blind24",
)


def _rows(name: str) -> list[dict]:
    with (cre.DATA / f"copyright_real_{name}.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def test_rows_are_well_formed_and_not_repeated_across_sets() -> None:
    seen: dict[str, str] = {}
    for name in _FILES:
        for r in _rows(name):
            assert r["text"].strip() and r["source"].startswith("public GitHub file (search index id "), r["id"]
            assert set(r["classes"]) <= set(MARKER_CLASSES), r["id"]
            assert r["id"].startswith(("zh-", "zhneg-", "en-", "enneg-")), r["id"]
            assert bool(r["classes"]) == ("neg-" not in r["id"]), r["id"]
            key = r["source"].split("search index id ")[1].split(")")[0]
            assert key not in seen, (key, name, seen.get(key))  # one source file, one set
            seen[key] = name
            assert ("split" in r) == ("blind" not in name), r["id"]  # blind rows are scored whole
            if "blind" not in name:
                assert r["split"] in ("dev", "test"), r["id"]


def test_blind_sets_are_scored_and_never_show_errors() -> None:
    res = cre.run()["results"]
    blind = (("blind", "zh", "zh_blind"), ("blind", "en", "en_blind"), ("blind2", "en", "en_blind2"),
             ("blind3", "en", "en_blind3"), ("blind23", "zh", "zh_blind23"), ("blind24", "en", "en_blind24"))
    for key, lang, name in blind:
        r = res[key][lang]
        assert r["documents"] == len(_rows(name))
        assert r["errors"] == []
