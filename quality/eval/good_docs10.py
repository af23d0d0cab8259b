"""A blind good-documentation split (``good_docs10``): help of applications no other split, LM table or model reads.

Why: the documentation rounds of issue 13 read ``good_docs8`` (GNOME/MATE help, PostgreSQL, R) and ``good_fresh7``
(LibreOffice help) to fix rules that misread documentation layouts, so those sets are tuned; the hidden set holds
documentation nobody here has seen. This split was written after the fix of 2026-12-06 (``wt-junk10``) and run once
with its final rules; its false drops are never printed (``BLIND_SETS``), only counted.

Material nobody on the project wrote, read by no other split, LM table or model: the help of 31 GNOME and MATE
applications (games, a hex editor, terminals, a music player, a document viewer, a chat client ...; English ``C`` pages
of all, Chinese ``zh_CN`` / ``zh_TW`` / ``zh_HK`` pages where translated) and the Debian Edu project's legacy manuals in
English and Chinese (ITIL practice, Rosegarden, Audacity: ``debian-edu-doc-legacy-en`` / ``-zh-cn``); Debian packages in
``DEBS`` (GPL / GFDL / CC-BY-SA as each states), downloaded and unpacked, never installed (``python -m
corpusgov.quality.eval.good_docs10 --fetch``, in ``make eval-data``). Read by the shared documentation reader
(``quality/eval/docs_reader.py``: whole help pages or runs of sections; en 200-6,000, zh 100-3,000 characters). Since
docs round 9 (2026-12-06, ``wt-docs12``) that reader writes out DocBook 4 entities, leaves out DocBook 4 front matter,
commented-out sections and Chinese pages translated in part, and reads laid-out lines as lines: the split's text
changed, so its run of that round is a new first run (re-baselined, reader changed; docs/quality-history.md).
"""

from __future__ import annotations

import functools
import os
import random
from pathlib import Path

from corpusgov.quality.eval import docs_reader, good_docs8
from corpusgov.quality.eval.deb_split import DebSplit

REPO = Path(__file__).resolve().parents[2]
ROOT = Path(os.environ.get("CORPUSGOV_DOCS10_DIR") or REPO / "out" / "eval-src" / "docs10")
UNPACKED = ROOT / "unpacked"
HELP = UNPACKED / "usr" / "share" / "help"
DEBS = ("atril-common", "engrampa-common", "eom-common", "five-or-more", "four-in-a-row", "ghex", "gnome-chess",
        "gnome-clocks", "gnome-klotski", "gnome-mahjongg", "gnome-mines", "gnome-nibbles", "gnome-robots",
        "gnome-sudoku", "gnome-system-monitor", "gnome-terminal-data", "hitori", "iagno", "lightsoff",
        "mate-terminal-common", "pluma-common", "polari", "quadrapassel", "rhythmbox-data", "seahorse", "tali",
        "gnote", "deja-dup", "glade", "gucharmap", "sound-juicer",
        "debian-edu-doc-legacy-en", "debian-edu-doc-legacy-zh-cn")
# The Debian Edu project's older manuals (ITIL practice, Rosegarden, Audacity), single DocBook HTML pages; the LM tables
# read the current Debian Edu manual (debian-edu-doc-zh-cn), not these.
MANUALS = {"en": UNPACKED / "usr" / "share" / "doc" / "debian-edu-doc-legacy-en",
           "zh": UNPACKED / "usr" / "share" / "doc" / "debian-edu-doc-legacy-zh-cn"}
PER_LANG = 400


def help_docs(locale: str) -> list[str]:
    """Documents of the help of ``locale`` under HELP (every application there; licence notices left out)."""
    return docs_reader.help_docs(HELP / locale, "en" if locale == "C" else "zh")


def manual_docs(lang: str) -> list[str]:
    """Runs of sections of the Debian Edu legacy manuals of ``lang`` (navigation and contents left out)."""
    return docs_reader.manual_docs(MANUALS[lang].glob("*.html"), lang)


@functools.lru_cache(maxsize=1)
def sources() -> dict[str, dict[str, list[str]]]:
    """Language -> source (help, manual) -> its documents (deduplicated, sorted)."""
    return good_docs8.help_and_manuals(help_docs, manual_docs)


_DEBS = DebSplit(__name__)
missing = _DEBS.missing
fetch = _DEBS.fetch


def make_good_docs10(per_lang: int = PER_LANG, seed: int = 101) -> list[dict[str, str]]:
    """Up to ``per_lang`` documents of each language (seeded)."""
    rng = random.Random(seed)
    out = []
    for lang, by_kind in sources().items():
        pool = [(kind, d) for kind, docs in by_kind.items() for d in docs]
        for i, (kind, text) in enumerate(rng.sample(pool, min(per_lang, len(pool)))):
            out.append({"id": f"good_docs10_{lang}-{i}", "set": f"good_docs10_{lang}", "kind": kind, "text": text})
    return out


def main(argv: list[str] | None = None) -> int:
    return _DEBS.main(argv, lambda: {lang: {k: len(v) for k, v in by.items()} for lang, by in sources().items()})


if __name__ == "__main__":
    raise SystemExit(main())
