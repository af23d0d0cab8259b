"""Build ``data/licence_index.json`` from the SPDX License List XML sources (CC0-1.0).

Input: a checkout of https://github.com/spdx/license-list-XML (its ``src/*.xml``; exceptions and
deprecated ids are left out). Each licence's text, without ``<optional>`` parts, bullets and the
copyright line, is normalised as :func:`quality.copyright.fulltext.words` does and reduced to the
smallest ``sample_size(n)`` of its distinct word-5-gram hashes. Licences whose sample is identical
(e.g. GPL-2.0-only / GPL-2.0-or-later: the same text) keep the first id; the others are listed as aliases.
Only hashes are shipped, no licence text.

Run: ``python -m corpusgov.quality.copyright.build_licence_index SRC_DIR --commit SHA`` (deterministic).
"""

from __future__ import annotations

import argparse
import json
import xml.etree.ElementTree as ET
from pathlib import Path

from corpusgov.quality.copyright.fulltext import INDEX_PATH, TRIGGERS, sample_size, shingle_hashes, words

_SKIP = {"optional", "copyrightText", "bullet", "crossRefs", "standardLicenseHeader", "notes", "obsoletedBys"}


def _text(e: ET.Element) -> str:
    tag = e.tag.split("}")[-1]
    if tag in _SKIP:
        return e.tail or ""
    inner = (e.text or "") + " ".join(_text(c) for c in e)
    sep = "\n" if tag in {"p", "item", "titleText", "list"} else " "
    return inner + sep + (e.tail or "")


def licence_texts(src: Path) -> dict[str, str]:
    """SPDX id -> plain text, for every current (non-deprecated) licence in ``src``."""
    out: dict[str, str] = {}
    for p in sorted(src.glob("*.xml")):
        root = ET.parse(p).getroot()
        for lic in root.iter("{http://www.spdx.org/license}license"):
            if lic.get("deprecatedVersion") or lic.get("isDeprecated") == "true":
                continue
            text = lic.find("{http://www.spdx.org/license}text")
            if text is not None:
                out[lic.get("licenseId", p.stem)] = _text(text)
    return out


def build(src: Path, commit: str) -> dict:
    groups: dict[tuple[int, ...], list[str]] = {}
    sizes: dict[tuple[int, ...], int] = {}
    no_trigger = []
    for spdx, text in sorted(licence_texts(src).items()):
        toks, _, _ = words(text)
        distinct = sorted(set(shingle_hashes(toks)))
        if len(distinct) < 24:
            continue  # too short to tell apart by 5-grams (a one-line grant); the name rules cover these
        sample = tuple(distinct[: sample_size(len(distinct))])
        groups.setdefault(sample, []).append(spdx)
        sizes[sample] = len(distinct)
        if not any(t in text.lower() for t in TRIGGERS):
            no_trigger.append(spdx)
    entries: list[list] = []
    aliases: dict[str, list[str]] = {}
    for sample, ids in groups.items():
        first, *rest = sorted(ids, key=lambda i: (len(i), i))  # GPL-2.0-only before GPL-2.0-or-later
        entries.append([first, sizes[sample], list(sample)])
        if rest:
            aliases[first] = rest
    entries.sort(key=lambda e: e[0])
    return {
        "source": {
            "repo": "https://github.com/spdx/license-list-XML",
            "commit": commit,
            "licence": "CC0-1.0 (SPDX License List data)",
            "note": "word-5-gram CRC-32 samples only; no licence text is stored",
        },
        "ngram": 5,
        "aliases": aliases,
        "no_trigger_word": no_trigger,
        "licences": entries,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("src", type=Path, help="license-list-XML/src directory")
    ap.add_argument("--commit", required=True, help="commit of the license-list-XML checkout")
    ap.add_argument("--out", type=Path, default=INDEX_PATH)
    args = ap.parse_args(argv)
    data = build(args.src, args.commit)
    args.out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    n = sum(len(e[2]) for e in data["licences"])
    print(
        f"{len(data['licences'])} licences, {n} sampled hashes, {len(data['no_trigger_word'])} without a trigger word"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
