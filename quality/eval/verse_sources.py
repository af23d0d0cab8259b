"""Classical Chinese verse and prose for the Chinese LM tables (npm ``chinese-poetry``), none that the eval reads.

Why: the Chinese tables of ``quality/textlm.py``, ``zh_order.py`` and ``zh_joins.py`` counted modern help, 1998 news,
reviews and one Ming novel, so good classical Chinese (verse, the Analects) scored as oddly as misordered modern
prose and a floor on the LM gain could not tell them apart (``textlm_PROVENANCE.md``, "Known limits"). This source
adds running classical text: the poems of 全唐诗, the 宋词, 元曲, 诗经, 楚辞, the 五代 lyrics and 孟子, 大学, 中庸.

Source: npm ``chinese-poetry`` 2.0.1 (MIT, © 2016 JackeyGao; the texts are public domain), fetched with ``npm pack``
into ``ROOT`` (``CORPUSGOV_VERSE_DIR`` or ``out/eval-src/verse``) and read from the
tarball; nothing is installed or stored in the repository. Left out: 论语 (the Analects: ``fortunes-zh``, which the
dev set, ``real_holdout`` and ``junk_order2`` read, quotes it), both 唐诗三百首 files and 宋词三百首 (anthologies of
poems ``fortunes-zh`` holds), the 宋诗 (17 M Han characters: they would make verse four fifths of the counts),
the annotation notes and the metadata tables (``rank``, ``strains``, authors).

Status: read only by the builders' ``--verse`` option; the shipped tables do not count it (measured 2026-12-06: the
retrained junk score moved documentation good sets by more than the project allows; ``textlm_PROVENANCE.md``).

Disjointness: a document sharing any run of ``SHINGLE`` Han characters (simplified) with ``fortunes-zh`` or with the
novel of ``quality.eval.prose_sources`` (whose guard and score parts the eval and the junk score read, and which
quotes Tang poems) is dropped (``excluded``).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import tarfile
from collections.abc import Iterable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ROOT = Path(os.environ.get("CORPUSGOV_VERSE_DIR") or REPO / "out" / "eval-src" / "verse")
# (file name, sha1 of the registry's tarball): a changed upload is refused, not silently read.
TARBALL = ("chinese-poetry-2.0.1.tgz", "b6e7e60d0accac7c723d066a5c360549aab8299d")
NPM_SPEC = "chinese-poetry@2.0.1"
# Member path patterns read (under package/dist/) and the JSON key of a document's lines.
COLLECTIONS = (
    (re.compile(r"quantangshi/poet\.tang\.\d+\.json$"), "paragraphs"),
    (re.compile(r"songci/ci\.song\.\d+\.json$"), "paragraphs"),
    (re.compile(r"yuanqu/yuanqu\.json$"), "paragraphs"),
    (re.compile(r"wudaishici/.*/(?:poetrys|[^/]*juan)\.json$"), "paragraphs"),
    (re.compile(r"shijing/shijing\.json$"), "content"),
    (re.compile(r"chuci/chuci\.json$"), "content"),
    (re.compile(r"sishuwujing/(?:mengzi|daxue|zhongyong)\.json$"), "paragraphs"),
)
FORTUNES_ZH = Path("/usr/share/games/fortunes")
FORTUNES_ZH_FILES = ("chinese", "song100", "tang300")
SHINGLE = 8
MIN_HAN = 10
_HAN = re.compile(r"[\u4e00-\u9fff]")


def missing(root: Path = ROOT) -> bool:
    return not (root / TARBALL[0]).is_file()


def fetch(root: Path = ROOT) -> None:
    """``npm pack`` the pinned package into ``root`` (nothing is installed)."""
    if missing(root):
        root.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "pack", "--silent", NPM_SPEC, "--pack-destination", str(root)], check=True,
                       capture_output=True)


def _checked(root: Path) -> Path:
    path = root / TARBALL[0]
    digest = hashlib.sha1(path.read_bytes()).hexdigest()
    if digest != TARBALL[1]:
        raise SystemExit(f"{path}: sha1 {digest}, expected {TARBALL[1]}")
    return path


def _entries(data: object, key: str) -> Iterator[list[str]]:
    """The line lists under ``key`` of every dict in a JSON value (a list of poems, or chapters)."""
    if isinstance(data, dict):
        lines = data.get(key)
        if isinstance(lines, list) and all(isinstance(x, str) for x in lines):
            yield lines
            return
        for v in data.values():
            yield from _entries(v, key)
    elif isinstance(data, list):
        for v in data:
            yield from _entries(v, key)


def raw_documents(root: Path = ROOT) -> Iterator[tuple[str, str]]:
    """(key, text) of every document of the ``COLLECTIONS``: a poem, or a chapter of prose; lines joined by ``\\n``."""
    with tarfile.open(_checked(root)) as tar:
        for m in sorted(tar.getmembers(), key=lambda m: m.name):
            name = m.name.removeprefix("package/dist/")
            key = next((k for pat, k in COLLECTIONS if pat.search(name)), None)
            f = tar.extractfile(m) if key and m.isfile() else None
            if f is None or key is None:
                continue
            for i, lines in enumerate(_entries(json.loads(f.read().decode("utf-8")), key)):
                text = "\n".join(x.strip() for x in lines if x.strip())
                if len(_HAN.findall(text)) >= MIN_HAN:
                    yield f"{name}:{i}", text


def shingles(texts: Iterable[str], simplify: dict[int, int]) -> set[int]:
    """Hashes of every run of ``SHINGLE`` Han characters (simplified, other characters skipped) of ``texts``."""
    out: set[int] = set()
    for t in texts:
        han = "".join(_HAN.findall(t)).translate(simplify)
        out.update(hash(han[i: i + SHINGLE]) for i in range(len(han) - SHINGLE + 1))
    return out


def excluded_texts(fortunes: Path = FORTUNES_ZH) -> list[str]:
    """The text the verse must not share a run with: ``fortunes-zh`` and the prose sources' novel (all parts)."""
    from corpusgov.quality.eval import prose_sources

    out = []
    for name in FORTUNES_ZH_FILES:
        path = fortunes / name
        if not path.is_file():
            raise SystemExit(f"{path} not found: install fortunes-zh (make eval-debs) to exclude what the eval reads")
        out.append(path.read_text(encoding="utf-8", errors="replace"))
    out += [d.text for d in prose_sources.documents() if d.source == "novel_zh"]
    return out


def documents(root: Path = ROOT, exclude: Iterable[str] | None = None) -> tuple[list[str], int]:
    """(texts kept, number dropped for sharing a run with ``exclude`` — by default ``excluded_texts()``)."""
    from corpusgov.quality.naturalness import simplified_code_points

    simp = simplified_code_points()
    lo = 0x4E00
    simplify = {lo + i: int(c) for i, c in enumerate(simp) if int(c) != lo + i}
    banned = shingles(excluded_texts() if exclude is None else exclude, simplify)
    kept, dropped, seen = [], 0, set()
    for _, text in raw_documents(root):
        han = "".join(_HAN.findall(text)).translate(simplify)
        if any(hash(han[i: i + SHINGLE]) in banned for i in range(len(han) - SHINGLE + 1)):
            dropped += 1
        elif text not in seen:
            seen.add(text)
            kept.append(text)
    return kept, dropped
