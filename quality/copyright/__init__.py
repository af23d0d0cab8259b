"""Copyright, licence and opt-out markers in record text (Interim Measures Art. 7(2), TC260-003 §5.1).

A record's own words can contradict what the source registry declares: an "open licence" source whose
article ends in 未经许可不得转载, a CC-BY-4.0 dump that contains CC BY-NC-ND pages, a crawled page with a
``noai`` robots meta tag. :class:`CopyrightScanner` finds such markers (character offsets, a score, the
SPDX id of a licence); :func:`licence_conflicts` compares them with the source's declared licence and
acquisition; :func:`decide_copyright` applies :class:`~quality.copyright_policy.CopyrightPolicy`.

Modules: ``model`` (records), ``licences`` (SPDX id -> terms), ``rules_*`` (regex rules as data, grouped by
trigger words), ``fulltext`` (full licence texts by similarity to the SPDX list), ``scanner``,
``conflicts`` (markers against the declaration, policy decision).


Marker classes and whether a finding is ``restrictive`` (limits reuse for training beyond what a plain
copyright default already implies):

=====================  =============================================================  ===========
class                  examples                                                       restrictive
=====================  =============================================================  ===========
copyright_notice       ©, (c) 2021, Copyright 2021 Foo, 版权所有 ©, 著作权归作者所有       no [1]
rights_reserved        All rights reserved, 保留所有权利, 翻印必究, 侵权必究               yes
no_reprint             未经许可不得转载, 禁止转载, 禁止商用, No part of … may be reproduced  yes
attribution_required   转载请注明出处, "if you repost, please credit …"                    no  [2]
licence                SPDX ids / names / headers / URLs (table below)                  per licence
opt_out                noai, noimageai, tdm-reservation: 1, "TDM reservation",          yes
                       禁止用于人工智能训练, "may not be used for AI training",
                       robots.txt ``Disallow: /`` for an AI crawler
=====================  =============================================================  ===========

[1] A notice names the holder; works are protected without it, so it adds no restriction by itself.
[2] Reprint is allowed with attribution; kept apart from ``no_reprint`` because it is *not* a reservation.

Licences (see :func:`licence_terms`):

===========================================  ==============  ===========  ======================
licence                                      kind            restrictive  note
===========================================  ==============  ===========  ======================
CC0-1.0, Unlicense                           public_domain   no
CC-BY-*, MIT, BSD-*, Apache-*, ISC,          permissive      no
MulanPSL-*
CC-BY-SA-*                                   share_alike     no           flagged share_alike
GPL-*, LGPL-*, AGPL-*, MPL-*, MulanPubL-*    copyleft        no           flagged share_alike [3]
CC-BY-NC-*, CC-BY-NC-SA-*                    non_commercial  yes
CC-BY-ND-*, CC-BY-NC-ND-*                    no_derivatives  yes
===========================================  ==============  ===========  ======================

[3] Copyleft binds redistribution of the work and its derivatives; using text to train a model is treated
as permitted here, so copyleft is not restrictive, but ``LicenceTerms.share_alike`` records it so a
release of the *corpus* can carry the obligation.

A licence named without a version gets ``LicenseRef-<family>`` (e.g. ``LicenseRef-CC-BY-SA``) rather than
a guessed version; ``SPDX-License-Identifier:`` expressions are kept verbatim.

Deliberately *not* matched: "copyright law", "the copyright of this essay is debated", 版权保护的重要性,
版权所有者/版权所有权, 著作权归谁所有？, "MIT" the university, "MIT licensed its patents", list items
"(a) (b) (c)", "the © symbol", ``tdm-reservation: 0``.
"""

from corpusgov.quality.copyright.conflicts import decide_copyright, licence_conflicts
from corpusgov.quality.copyright.licences import licence_terms
from corpusgov.quality.copyright.model import MARKER_CLASSES, LicenceTerms, MarkerFinding
from corpusgov.quality.copyright.scanner import CopyrightScanner

__all__ = [
    "MARKER_CLASSES",
    "CopyrightScanner",
    "LicenceTerms",
    "MarkerFinding",
    "decide_copyright",
    "licence_conflicts",
    "licence_terms",
]
