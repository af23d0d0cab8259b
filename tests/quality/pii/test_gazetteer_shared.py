"""The English name lists are read once per process and file: the English CRF and the Chinese recognizer's
Latin-name scorer hold the same read-only `Gazetteer`, equal to one built from the file's arrays, and a
rewritten file is read again."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from corpusgov.quality.pii.en_person_features import Gazetteer, gazetteer_file
from corpusgov.quality.pii.recognizer_en_person import MODEL_PATH, load_model
from corpusgov.quality.pii.recognizer_zh_person import GAZ_PATH, load_latin


def _flags(g: Gazetteer) -> dict[int, int]:
    return g._flags  # the whole content of a gazetteer


def test_both_recognizers_share_one_gazetteer_equal_to_a_fresh_build() -> None:
    assert Path(GAZ_PATH).resolve() == Path(MODEL_PATH).resolve()
    en, latin = load_model(), load_latin()
    assert en.featurizer.gaz is latin.gaz
    with np.load(MODEL_PATH) as z:
        fresh = Gazetteer(z["gaz_keys"], z["gaz_flags"])
        assert len(_flags(fresh)) == len(z["gaz_keys"]) > 100_000
    assert _flags(en.featurizer.gaz) == _flags(fresh)
    some = list(_flags(fresh).items())[::5000]
    assert all(en.featurizer.gaz.flag(k) == v for k, v in some) and en.featurizer.gaz.flag(1) == fresh.flag(1)


def test_a_rewritten_file_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "lists.npz"
    np.savez(path, gaz_keys=np.array([1, 2], dtype=np.uint64), gaz_flags=np.array([3, 4], dtype=np.uint8))
    first = gazetteer_file(path)
    assert gazetteer_file(path) is first and first.flag(2) == 4
    np.savez(path, gaz_keys=np.array([2, 5, 7], dtype=np.uint64), gaz_flags=np.array([9, 1, 1], dtype=np.uint8))
    st = os.stat(path)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))  # a new mtime even on a coarse clock
    again = gazetteer_file(path)
    assert again is not first and again.flag(2) == 9 and again.flag(1) == 0
