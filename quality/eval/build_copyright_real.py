"""Build the real-text licence set from Debian copyright files: ``data/copyright_real_debian.jsonl``.

Each machine-readable ``/usr/share/doc/<pkg>/copyright`` (DEP-5) file has ``License: <name>`` paragraphs
whose continuation lines carry the licence text or grant the package's authors wrote or copied (full
MIT/Expat, BSD, Zlib, BSL, Apache texts; GPL grant notices). Each such body (>= 30 words, the
``License:`` line itself left out so no name is given away) becomes one document whose gold is one
``licence`` span over the whole body, with the Debian short name as the licence. Bodies are deduplicated
after normalisation and capped per licence name; public-domain and unnamed bodies are left out.
Debian copyright files are distributed with their packages under the packages' terms, and licence texts
may be copied verbatim; ``source`` records package and version.

Split: ``test`` when crc32(package) % 3 == 0 (about a third, never looked at while tuning), else ``dev``.
Run: ``python -m corpusgov.quality.eval.build_copyright_real`` (deterministic for a given set of installed packages).
"""

from __future__ import annotations

import re
import subprocess
import zlib
from pathlib import Path

from corpusgov.quality.eval.jsonl import write_jsonl

OUT = Path(__file__).parent / "data" / "copyright_real_debian.jsonl"
DOC = Path("/usr/share/doc")
PER_NAME = 6
SKIP = re.compile(r"(?i)^(?:public[-_ ]?domain|other|unknown|none|permissive|custom|see[-_ ]|nokia)")


def split_of(key: str) -> str:
    return "test" if zlib.crc32(key.encode("utf-8")) % 3 == 0 else "dev"


def _version(pkg: str) -> str:
    try:
        out = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", pkg], capture_output=True, text=True, check=False
        ).stdout
    except OSError:
        return "?"
    return out.strip() or "?"


def licence_bodies(text: str) -> list[tuple[str, str]]:
    """(licence name, body) for each ``License:`` field with a multi-line body in a DEP-5 file."""
    if "format:" not in text[:300].lower():
        return []
    out = []
    for para in re.split(r"\n[ \t]*\n", text):
        m = re.search(r"(?im)^License:[ \t]*([^\n]*)\n((?:[ \t][^\n]*(?:\n|$))+)", para)
        if not m:
            continue
        name = m.group(1).strip()
        lines = [ln[1:] if ln.startswith(" ") else ln.lstrip("\t") for ln in m.group(2).splitlines()]
        body = "\n".join("" if ln.strip() == "." else ln for ln in lines).strip()
        if name and len(body.split()) >= 30:
            out.append((name, body))
    return out


def build() -> list[dict]:
    seen: set[str] = set()
    per_name: dict[str, int] = {}
    docs = []
    for path in sorted(DOC.glob("*/copyright")):
        pkg = path.parent.name
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        for name, body in licence_bodies(text):
            if SKIP.match(name) or " or " in name.lower() or " and " in name.lower():
                continue
            key = re.sub(r"\W+", " ", body.lower()).strip()
            if key in seen or per_name.get(name.lower(), 0) >= PER_NAME:
                continue
            seen.add(key)
            per_name[name.lower()] = per_name.get(name.lower(), 0) + 1
            docs.append(
                {
                    "id": f"deb-{pkg}-{len(docs)}",
                    "split": split_of(pkg),
                    "lang": "en",
                    "source": f"Debian package {pkg} {_version(pkg)}, /usr/share/doc/{pkg}/copyright",
                    "text": body,
                    "classes": ["licence"],
                    "licence": name,
                    "eval_classes": ["licence"],
                }
            )
    return docs


def main() -> int:
    docs = build()
    write_jsonl(OUT, docs)
    print(f"{len(docs)} licence bodies -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
