"""A tuning good-documentation split (``good_docs11``): help and a manual no other split, LM table or model reads.

Why: issue 13's documentation rounds tuned on ``good_docs8_en`` / ``good_fresh7_zh`` and the blind ``good_docs10`` showed
the fixes did not carry over (en 6.0 %, zh 11.3 %); a second tuning set from other packages gives the next round more
documentation layouts to read (its drops are printed and read: it is not blind). Written 2026-12-06 (``wt-junk11``).

Material nobody on the project wrote, read by no other split, LM table or model: the help of the MATE applets and
utilities (battery, CPU frequency, netspeed, dictionary, search tool, system log, calculator, control centre ...), the
GNOME panel applets and of GNOME applications (Orca, Meld, Gtranslator, Notes, 2048, Taquin, Web, gThumb, Color
Manager, Pitivi, Shotwell, gbrainy, EasyTAG): English ``C`` pages of all, Chinese ``zh_CN`` / ``zh_TW`` / ``zh_HK``
pages where translated (few are: 41 Chinese help documents; a page more English than Chinese is left out, as its
Chinese blocks alone would be its headings); and the Securing Debian Manual (``harden-doc``, English and Chinese
Publican HTML, the Chinese about half translated). 300 en / 101 zh documents (all the Chinese there is). Debian packages
in ``DEBS`` (GPL / GFDL / CC-BY-SA as each states), downloaded and unpacked, never installed (``python -m corpusgov.quality.eval.good_docs11 --fetch``, in ``make eval-data``). Read by the shared documentation
reader (``quality/eval/docs_reader.py``, which took this split's DocBook 4 and partly-translated-page fixes in docs
round 9; whole help pages or runs of sections; en 200-6,000, zh 100-3,000 characters).
"""

from __future__ import annotations

import functools
import os
import random
import re
from pathlib import Path

from corpusgov.quality.eval import docs_reader, good_docs8
from corpusgov.quality.eval.deb_split import DebSplit, sampled_rows

REPO = Path(__file__).resolve().parents[2]
ROOT = Path(os.environ.get("CORPUSGOV_DOCS11_DIR") or REPO / "out" / "eval-src" / "docs11")
UNPACKED = ROOT / "unpacked"
HELP = UNPACKED / "usr" / "share" / "help"
DEBS = ("mate-applets-common", "mate-calc-common", "mate-control-center-common", "mate-power-manager-common",
        "mate-utils-common", "orca", "meld", "gtranslator", "bijiben", "gnome-2048", "gnome-taquin", "gnome-applets-data",
        "epiphany-browser-data", "gthumb-data", "gnome-color-manager", "pitivi", "shotwell-common", "gbrainy", "easytag",
        "harden-doc")
# The Securing Debian Manual, one DocBook HTML page per section.
MANUALS = {"en": UNPACKED / "usr" / "share" / "doc" / "harden-doc" / "html" / "en-US",
           "zh": UNPACKED / "usr" / "share" / "doc" / "harden-doc" / "html" / "zh-CN"}
PER_LANG = {"en": 300, "zh": 200}


def help_docs(locale: str) -> list[str]:
    """Documents of the help of ``locale`` under HELP (every application there; licence notices left out)."""
    return docs_reader.help_docs(HELP / locale, "en" if locale == "C" else "zh")


# The manual is Publican HTML: paragraphs are ``<div class="para">`` (closed at the next div or pre, which starts a
# nested list, example or code block; the text after a code block in the same paragraph is one more), contents, navigation and the banner are left out.
_PARA = re.compile(r'(?s)(<div class="para">|</pre>)(.*?)(?=</?div\b|<pre\b)')
_SKIP = re.compile(r'(?s)<div class="toc">.*?</dl>\s*</div>|<ul class="docnav.*?</ul>|<p id="title">.*?</p>')


def _publican(page: str) -> str:
    return _PARA.sub(lambda m: ("</pre>" if m.group(1) == "</pre>" else "") + f"<p>{m.group(2)}</p>", page)


def manual_docs(lang: str) -> list[str]:
    """Runs of sections of the Securing Debian Manual in ``lang`` (the translation leaves many paragraphs in English:
    a section's run is kept only when Chinese)."""
    return docs_reader.manual_docs(MANUALS[lang].glob("*.html"), lang, skip=_SKIP, page=_publican)


@functools.lru_cache(maxsize=1)
def sources() -> dict[str, dict[str, list[str]]]:
    """Language -> source (help, manual) -> its documents (deduplicated, sorted)."""
    return good_docs8.help_and_manuals(help_docs, manual_docs)


_DEBS = DebSplit(__name__)
missing = _DEBS.missing
fetch = _DEBS.fetch


def make_good_docs11(per_lang: dict[str, int] | None = None, seed: int = 111) -> list[dict[str, str]]:
    """Up to ``per_lang[lang]`` documents of each language (seeded; PER_LANG by default)."""
    quota = PER_LANG if per_lang is None else per_lang
    rng = random.Random(seed)
    out: list[dict[str, str]] = []
    for lang, by_kind in sources().items():
        pool = [(kind, d) for kind, docs in by_kind.items() for d in docs]
        out += sampled_rows("good_docs11", lang, pool, quota[lang], rng)
    return out


def main(argv: list[str] | None = None) -> int:
    return _DEBS.main(argv, lambda: {lang: {k: len(v) for k, v in by.items()} for lang, by in sources().items()})


if __name__ == "__main__":
    raise SystemExit(main())
