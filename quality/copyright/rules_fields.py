"""Copyright and licence given as a program's metadata fields: an about dialog's ``set_copyright("…")`` /
``set_license("LGPL")`` / ``set_license_type(gtk::License::MitX11)``, a Python module's ``__copyright__`` /
``__license__``, a docstring's ``:license: MIT``, a Markdown link whose text is an SPDX id ([OFL-1.1](…)).

The field names the value's meaning, so a bare holder or a bare licence id is the notice or the licence (as an app
bundle's NSHumanReadableCopyright is, see rules_notices). Values that start with the word or the sign are left to the
ordinary notice rules; empty values, placeholders ("--", "TODO", None) and build variables are none.
"""

from __future__ import annotations

import re
from functools import lru_cache

from corpusgov.quality.copyright.fulltext import INDEX_PATH
from corpusgov.quality.copyright.licences import gpl_id
from corpusgov.quality.copyright.rules_base import Group, Resolver, Rule, rx

# GTK's licence enum (Gtk.License / gtk::License / GTK_LICENSE_*), normalised (lower case, no "_"): the SPDX id it names.
_GTK_LICENCES = {
    "gpl20": "GPL-2.0-or-later", "gpl30": "GPL-3.0-or-later", "lgpl21": "LGPL-2.1-or-later",
    "lgpl30": "LGPL-3.0-or-later", "bsd": "BSD-2-Clause", "bsd3": "BSD-3-Clause", "mitx11": "MIT",
    "artistic": "Artistic-2.0", "gpl20only": "GPL-2.0-only", "gpl30only": "GPL-3.0-only",
    "lgpl21only": "LGPL-2.1-only", "lgpl30only": "LGPL-3.0-only", "agpl30": "AGPL-3.0-or-later",
    "agpl30only": "AGPL-3.0-only", "apache20": "Apache-2.0", "mpl20": "MPL-2.0", "0bsd": "0BSD",
}
# Short names a licence field holds that are no SPDX id: GPL / LGPL / AGPL with an optional version, MIT, BSD.
_SHORT_NAME = re.compile(
    r"(?i)(?P<kind>[AL])?GPL(?:[ \-]?v?(?P<ver>[123](?:\.[01])?))?(?P<later>\+|-or-later)?|(?P<mit>MIT)|(?P<bsd>BSD)"
)


@lru_cache(maxsize=1)
def _spdx_ids() -> dict[str, str]:
    """The licence index's SPDX ids, keyed by their lower case form."""
    import json

    with INDEX_PATH.open(encoding="utf-8") as f:
        return {e[0].lower(): e[0] for e in json.load(f)["licences"]}


def licence_of_value(value: str) -> str | None:
    """The SPDX id (or LicenseRef) a licence field's whole value names; None for a placeholder or prose."""
    value = value.strip()
    if not value or len(value) > 40:
        return None
    spdx = _spdx_ids().get(value.lower())
    if spdx:
        return spdx
    m = _SHORT_NAME.fullmatch(value)
    if not m:
        return None
    if m.group("mit"):
        return "MIT"
    if m.group("bsd"):
        return "LicenseRef-BSD"
    return gpl_id(m.group("kind") or "", m.group("ver"), bool(m.group("later")))


def _field_licence(m: re.Match[str]) -> tuple[str | None, float] | None:
    spdx = licence_of_value(m.group("value"))
    return (spdx, 0.85) if spdx else None


def _gtk_licence(m: re.Match[str]) -> tuple[str | None, float] | None:
    spdx = _GTK_LICENCES.get(m.group("value").replace("_", "").lower())
    return (spdx, 0.85) if spdx else None


def _const(score: float) -> Resolver:
    def resolve(m: re.Match[str]) -> tuple[str | None, float] | None:
        return None, score

    return resolve


GROUPS: list[Group] = [
    (
        ("set_copyright", "__copyright__"),
        [
            Rule(
                # set_copyright("slowstarter80") / set_copyright("by noneio") / __copyright__ = "Hive Solutions": the value
                # is the notice (not "", "--", a variable; values starting with Copyright / © / (c) are the notice rules')
                "copyright_value_field",
                "copyright_notice",
                rx(
                    r"(?<![\w])(?:set_copyright[ \t]*\([ \t]*(?:_\([ \t]*)?|__copyright__[ \t]*=[ \t]*)[\"']"
                    r"(?!(?i:copyright)|©|\([cC]\)|&copy;)"
                    r"(?=[^\"'\n]{0,120}[A-Za-z\u4e00-\u9fff])[^\s\"'$%{}\\][^\"'$%{}\\\n]{0,160}(?=[\"'])"
                ),
                0.8,
                resolve=_const(0.8),
            ),
        ],
    ),
    (
        ("set_license", "__license__", ":license:", "license=", "license ="),
        [
            Rule(
                # set_license("LGPL") / __license__ = "MIT" / :license: MIT / setup(license='BSD') (a field whose whole value
                # is a licence id)
                "licence_value_field",
                "licence",
                rx(
                    r"(?<![\w])(?:set_license[ \t]*\([ \t]*[\"']|__license__[ \t]*=[ \t]*[\"']|:license:[ \t]*"
                    # setup(…, license='BSD', …): the keyword on a line of its own, as setup() lists its metadata (not
                    # update(licensed=True, license='BSD', …) in the middle of a line of code)
                    r"|(?m:^)[ \t]+license[ \t]*=[ \t]*[\"'])"
                    r"(?P<value>[A-Za-z0-9][A-Za-z0-9.+\- ]{0,39}?)(?=[ \t]*(?:[\"']|\r?\n|$))"
                ),
                0.85,
                resolve=_field_licence,
            ),
        ],
    ),
    (
        ("license::", "gtk.license.", "gtk_license_"),
        [
            Rule(
                # set_license_type(gtk::License::MitX11) / Gtk.License.GPL_3_0 / GTK_LICENSE_LGPL_2_1
                "licence_gtk_enum",
                "licence",
                rx(r"(?i)(?<![\w])(?:gtk::License::|Gtk\.License\.|GTK_LICENSE_)(?P<value>\w{3,12})(?!\w)"),
                0.85,
                resolve=_gtk_licence,
            ),
        ],
    ),
    (
        ("](http", "](./licen", "](licen"),
        [
            Rule(
                # [OFL-1.1](https://openfontlicense.org) / [MIT](LICENSE): a link whose whole text is a licence id, to a
                # licence page or file
                "licence_id_link",
                "licence",
                rx(
                    r"\[(?<![\w!\]]\[)(?P<value>[A-Za-z0-9][A-Za-z0-9.+\-]{1,39})\]\((?:\./)?"
                    r"(?=[^()\s]{0,120}(?i:licen[cs]e|opensource\.org|spdx\.org|gnu\.org|creativecommons\.org))"
                    r"[^()\s]{1,160}\)"
                ),
                0.85,
                resolve=_field_licence,
            ),
        ],
    ),
]
