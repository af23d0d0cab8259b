"""The hard negatives every copyright round keeps (``copyright_helpers.STANDING_NEGATIVES``): none of them may gain
the class it names, whatever a later round's forms add."""

from __future__ import annotations

import pytest

from corpusgov.quality.copyright import CopyrightScanner
from tests.quality.copyright_helpers import STANDING_NEGATIVES
from tests.quality.copyright_helpers import classes as _classes


@pytest.fixture(scope="module")
def scanner() -> CopyrightScanner:
    return CopyrightScanner()


@pytest.mark.parametrize(("text", "absent"), STANDING_NEGATIVES)
def test_standing_negatives(scanner: CopyrightScanner, text: str, absent: str) -> None:
    assert absent not in _classes(scanner, text), scanner.scan(text)
