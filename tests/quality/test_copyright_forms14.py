"""Forms added when the seventh Chinese and eighth English blind sets became tuning batches (zh 9, en 11): a 'Copyright
Holder' header line closed by a reservation (no year, no sign), 'remains the property of' a holder (a lower-case brand
with a legal form; a sentence wrapped over comment lines), ownership stated as copyright ('owned by X and protected by
copyright', 'copyrights … owned, controlled or licensed by X'), 'without the written approval of X' as a permission
condition; and the hard negatives each must leave alone."""

from __future__ import annotations

import pytest

from corpusgov.quality.copyright import CopyrightScanner
from tests.quality.copyright_helpers import assert_scans_fast
from tests.quality.copyright_helpers import classes as _classes
from tests.quality.copyright_helpers import spans as _spans


@pytest.fixture(scope="module")
def scanner() -> CopyrightScanner:
    return CopyrightScanner()


@pytest.mark.parametrize(
    ("text", "marker_class", "covered"),
    [
        ("BigWorld Technology\nCopyright BigWorld Pty, Ltd.\nAll Rights Reserved. Commercial in confidence.",
         "copyright_notice", "BigWorld Pty"),
        ("# Copyright Acme Widgets GmbH - All rights reserved", "copyright_notice", "Acme Widgets"),
        (
            "*  This project including source code and documentation is protected by copyright law, and\n"
            "*  remains the property of nymea GmbH.",
            "copyright_notice",
            "property of nymea GmbH",
        ),
        ("All information contained herein is, and remains\nthe property of Toxsl Technologies Pvt. Ltd.",
         "copyright_notice", "property of Toxsl"),
        (
            "features, and functionality are owned by Berri\n      and are protected by international copyright, trademark",
            "copyright_notice",
            "owned by Berri",
        ),
        (
            "all materials contained in this Site are copyrights,\n//   trademarks, trade dress and/or other intellectual "
            "properties, owned,\n//   controlled or licensed by update Software AG and may not be used",
            "copyright_notice",
            "update Software AG",
        ),
        (
            "This certificate or report shall not be reproduced without the written approval from Calibration of PT. X",
            "no_reprint",
            "shall not be reproduced",
        ),
    ],
)
def test_en_forms(scanner: CopyrightScanner, text: str, marker_class: str, covered: str) -> None:
    assert any(covered in s or s in covered for s in _spans(scanner, text, marker_class)), scanner.scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # pages about copyright law
        "Copyright Act 1976. All rights reserved is a phrase with no legal force today.",
        "Copyright law protects works.\nAll rights reserved means the holder keeps every right.",
        "The copyright remains the property of the author, the court held.",
        # an approval that is no permission of a holder
        "The results cannot be reproduced without approval from the committee chair.",
        "Changes may not be published without the approval of two reviewers.",
        # others' material; a changelog line naming a year and an author
        "All logos remain the property of their respective owners.",
        # ownership that is no copyright statement, or others' copyright
        "All trademarks and copyrights are owned by their respective owners.",
        "The copyright in each photo is owned by the photographer.",
        "The domain is owned by Example Corp and is protected by a firewall.",
        "Our logo is owned by Acme Inc.",
        "2019-03-02  John Smith: copyright year bumped, all tests pass",
        # a code string; a licence's own condition
        'msg = "Copyright " + name',
        "Redistributions of source code must retain the above copyright notice, this list of conditions.",
    ],
)
def test_en_hard_negatives(scanner: CopyrightScanner, text: str) -> None:
    assert not _classes(scanner, text) & {"no_reprint", "copyright_notice", "attribution_required"}, (
        scanner.scan(text)
    )


@pytest.mark.parametrize(
    "text",
    [
        "本文转自网络，版权归原作者所有的内容如有侵权，请联系删除。",
        "用户不得上传侵犯他人著作权的内容，由此引发的纠纷由用户自行承担。",
    ],
)
def test_zh_hard_negatives_stay(scanner: CopyrightScanner, text: str) -> None:
    assert "no_reprint" not in _classes(scanner, text), scanner.scan(text)


def test_new_forms_cost_on_long_text(scanner: CopyrightScanner) -> None:
    """Near misses of the new forms, repeated over tens of kB, scan in well under a second each."""
    texts = [
        ("Copyright " + "Word " * 30 + "\n * ") * 600,
        ("Copyright Holder Name, Ltd.\n * " + "word " * 10 + "\n") * 800,
        ("The source code " + "word\n * " * 40 + "remains the property of x y z w\n") * 200,
        ("The software remains the property of " + "abc " * 30 + "\n") * 400,
        ("Intellectual property " + "word " * 35 + "owned, controlled, licensed, " * 3 + "\n") * 300,
        ("owned by Acme Corp and is protected by " + "word " * 20 + "\n") * 500,
        ("This report shall not be reproduced " + "word " * 20 + "without the written " * 3 + "\n") * 300,
    ]
    assert_scans_fast(scanner, texts)
