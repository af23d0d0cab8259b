"""A new good split for issue 13: documentation no other split, LM table or model reads (``good_docs8_en`` / ``_zh``).

Why: the repetition and line rules were tuned on the documentation the older splits read (Python docs, man pages,
Debian manuals, LibreOffice help); help pages and reference manuals of other projects repeat their sentences in their
own ways (templated steps, option and parameter lists, game rules of one shape), and the hidden set holds
documentation of projects nobody here has seen. This split was made before any change it could have guided, and its
first run was recorded before its drops were read (docs/quality-history.md).

Material nobody on the project wrote, downloaded and unpacked at eval time, never installed (installing them would add
their gettext catalogues and changelogs to what ``lang_real`` and ``junk_fresh4`` sample from the declared packages)
and never stored in the repository (``python -m corpusgov.quality.eval.good_docs8 --fetch``, in ``make eval-data``):

- ``help_*``: the GNOME applications' help (Mallard pages; Aisleriot's game rules in DocBook) in English (``C``) and in
  Chinese (``zh_CN``, ``zh_TW``, ``zh_HK``), from the Debian packages in ``HELP_DEBS`` (CC-BY-SA 3.0 or GPL/GFDL, as
  each states); no other split reads these applications (``junk_fresh4`` reads only ``gnome-help``,
  ``system-admin-guide`` and ``evince``);
- ``pgsql``: the PostgreSQL 15 manual (``postgresql-doc-15``, HTML, PostgreSQL licence): SQL command and client
  reference pages, libpq and server-programming API pages;
- ``r_manual``: the seven R manuals (``r-doc-html``, Texinfo HTML, GPL-2+).

Pages are read by the documentation reader all documentation splits share (``quality/eval/docs_reader.py``; since
docs round 9 it leaves out commented-out sections and Chinese pages translated in part, and reads laid-out lines as
lines): a document is one help page, or a run of sections of a manual page or long help file (a new document starts
at a heading once the current one has 1,500 characters, zh 600), its headings, paragraphs, terms and code blocks one
per line in page order, up to 6,000 characters (zh 3,000; cut at a block boundary), at least 200 (zh 100). Chinese
documents keep their blocks that hold Han characters, code blocks and short untranslated labels (up to 40
characters), and need as many Han characters as two thirds of their Latin letters. Identical documents (a zh_HK page
copied from zh_TW) count once. Seeded sample of up to 400 per language, spread over the sources; ``kind`` names the
source. The MATE user guide (``mate-user-guide``, GFDL) and Zenity's help (``zenity-common``) add Chinese pages.
"""

from __future__ import annotations

import functools
import os
import random
from collections.abc import Callable
from pathlib import Path

from corpusgov.quality.eval import docs_reader
from corpusgov.quality.eval.deb_split import DebSplit

REPO = Path(__file__).resolve().parents[2]
ROOT = Path(os.environ.get("CORPUSGOV_DOCS8_DIR") or REPO / "out" / "eval-src" / "docs8")
UNPACKED = ROOT / "unpacked"
# Applications whose help has Chinese translations (their English pages come along).
HELP_DEBS = ("accerciser", "aisleriot", "baobab", "brasero-common", "cheese-common", "eog", "evolution-common",
             "file-roller", "gedit-common", "gnome-boxes", "gnome-calculator", "gnome-devel-docs", "gnome-dictionary",
             "gnome-logs", "gnome-music", "gnome-nettool", "gnome-photos", "gnome-tetravex", "simple-scan",
             "swell-foop", "totem-common", "vinagre", "mate-user-guide", "zenity-common")
MANUAL_DEBS = ("postgresql-doc-15", "r-doc-html")
DEBS = HELP_DEBS + MANUAL_DEBS
HELP = UNPACKED / "usr" / "share" / "help"
PGSQL = UNPACKED / "usr" / "share" / "doc" / "postgresql-doc-15" / "html"
R_MANUALS = UNPACKED / "usr" / "share" / "doc" / "r-doc-html" / "manual"
HELP_EXCLUDED = frozenset({"gnome-help", "system-admin-guide", "evince"})  # junk_fresh4 reads these
ZH_LOCALES = ("zh_CN", "zh_TW", "zh_HK")
PER_LANG = 400
# Documents per English source in the sample (the rest of the 400 go to the help pages).
EN_QUOTA = {"pgsql": 120, "r_manual": 80}

def help_docs(locale: str) -> list[str]:
    """Documents of the help of ``locale`` (Mallard ``.page``, DocBook ``.xml``; a page is usually one), applications
    in HELP_DEBS; licence notices (``legal.xml``) left out."""
    return docs_reader.help_docs(HELP / locale, "en" if locale == "C" else "zh",
                                 skip=lambda rel: rel.parts[0] in HELP_EXCLUDED, suffixes=(".page", ".xml"))


def manual_docs(paths: list[Path]) -> list[str]:
    """Runs of sections of English HTML manual pages (navigation headers, footers and tables of contents left out)."""
    return docs_reader.manual_docs(paths, "en")


@functools.lru_cache(maxsize=1)
def sources() -> dict[str, dict[str, list[str]]]:
    """Language -> source -> its documents (deduplicated, sorted)."""
    en = {"help_en": help_docs("C"), "pgsql": manual_docs(list(PGSQL.glob("*.html"))),
          "r_manual": manual_docs(list(R_MANUALS.glob("*.html")))}
    zh: dict[str, list[str]] = {}
    seen: set[str] = set()
    for loc in ZH_LOCALES:  # a page zh_HK copies from zh_TW counts once (under zh_TW)
        docs = [d for d in dict.fromkeys(help_docs(loc)) if d not in seen]
        seen.update(docs)
        zh[f"help_{loc}"] = docs
    return {"en": {k: sorted(set(v)) for k, v in en.items()}, "zh": {k: sorted(v) for k, v in zh.items()}}


_DEBS = DebSplit(__name__)
missing = _DEBS.missing
fetch = _DEBS.fetch


def _draw(rng: random.Random, pools: dict[str, list[str]], quota: dict[str, int], total: int) -> list[tuple[str, str]]:
    """(source, document) pairs: each quota'd source its quota (or all it has), the rest from the other sources in
    proportion to their sizes."""
    picked: list[tuple[str, str]] = []
    for name, k in quota.items():
        pool = pools.get(name, [])
        picked += [(name, d) for d in rng.sample(pool, min(k, len(pool)))]
    rest = [(name, d) for name, pool in pools.items() if name not in quota for d in pool]
    picked += rng.sample(rest, min(total - len(picked), len(rest)))
    return picked


def make_good_docs8(per_lang: int = PER_LANG, seed: int = 83) -> list[dict[str, str]]:
    """Up to ``per_lang`` documents of each language (seeded), ``kind`` = source."""
    rng = random.Random(seed)
    src = sources()
    out = []
    for lang, quota in (("en", EN_QUOTA), ("zh", {})):
        for i, (kind, text) in enumerate(_draw(rng, src[lang], {k: v for k, v in quota.items()}, per_lang)):
            out.append({"id": f"good_docs8_{lang}-{i}", "set": f"good_docs8_{lang}", "kind": kind, "text": text})
    return out


def help_and_manuals(help_docs: Callable[[str], list[str]],
                     manual_docs: Callable[[str], list[str]]) -> dict[str, dict[str, list[str]]]:
    """Language -> source (help, manual) -> its documents (deduplicated, sorted), for a split of help pages in the
    ``C`` and Chinese locales and one manual per language."""
    zh: list[str] = []
    for loc in ZH_LOCALES:
        zh += help_docs(loc)
    return {"en": {"help": sorted(set(help_docs("C"))), "manual": sorted(set(manual_docs("en")))},
            "zh": {"help": sorted(set(zh)), "manual": sorted(set(manual_docs("zh")))}}


def main(argv: list[str] | None = None) -> int:
    return _DEBS.main(argv, lambda: {lang: {k: len(v) for k, v in s.items()} for lang, s in sources().items()},
                      make_good_docs8)


if __name__ == "__main__":
    raise SystemExit(main())
