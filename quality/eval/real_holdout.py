"""A held-out set of the same kinds as the shared dev set, built from the same Debian packages at eval time.

Why: the dev set's rules were tuned on its documents; the project is also judged on disjoint documents of
the same kinds. This builder draws documents that are NOT in the dev set from the installed packages —
``fortunes-zh`` (classical Chinese), ``python3.11-doc`` (reST sources), ``manpages-zh`` and
``debian-reference-zh-cn``/``-zh-tw`` (Chinese technical text) — so false drops can be measured on text
nobody tuned on. Nothing is copied into the repository (the packages' licences: PSF, GPL/GFDL family).
Install with ``apt-get install fortunes-zh python3.11-doc manpages-zh debian-reference-zh-cn
debian-reference-zh-tw``; a missing package is reported, never silently skipped.
"""

from __future__ import annotations

import functools
import gzip
import os
import random
import re
from collections.abc import Iterable
from pathlib import Path

from corpusgov.quality.eval.bounded_run import run_bounded

FORTUNES = Path("/usr/share/games/fortunes")
PYDOC = Path("/usr/share/doc/python3.11/html/_sources")
MAN_ZH = Path("/usr/share/man/zh_CN")
DEBREF = Path("/usr/share/debian-reference")
PACKAGES = {
    "good_zh_classical": "fortunes-zh", "good_en_docs": "python3.11-doc",
    "zh_tech": "manpages-zh / debian-reference-zh-cn / debian-reference-zh-tw",
}
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_SECTION = re.compile(r"^\d+(?:\.\d+)*\. \S", re.M)


def _norm(text: str) -> str:
    return " ".join(text.split())


def _fortunes() -> Iterable[str]:
    for name in ("chinese", "song100", "tang300"):
        path = FORTUNES / name
        if path.is_file():
            for entry in path.read_text(encoding="utf-8", errors="replace").split("\n%\n"):
                entry = _ANSI.sub("", entry).strip("\n")
                if entry.strip():
                    yield entry


def _pydoc() -> Iterable[str]:
    for path in sorted(PYDOC.rglob("*.rst.txt")):
        paras = re.split(r"\n\s*\n", path.read_text(encoding="utf-8", errors="replace"))
        chunk: list[str] = []
        for p in paras:
            chunk.append(p.strip("\n"))
            text = "\n\n".join(chunk).strip()
            if len(text) >= 300:
                yield text
                chunk = []


@functools.lru_cache(maxsize=1)
def _man_pages() -> tuple[str, ...]:
    """Paragraphs of the rendered zh_CN man pages (rendering takes ~1.5 minutes: once per process, as the held-out set
    and ``junk_order3`` both read them)."""
    return tuple(_man_page_paras())


def _man_page_paras() -> Iterable[str]:
    env = {**os.environ, "MANWIDTH": "80", "LC_ALL": "C.UTF-8"}
    for path in sorted(MAN_ZH.glob("man*/*.gz")):
        raw = run_bounded(["man", "-E", "UTF-8", "-l", str(path)], env=env, timeout=20)
        if raw is None:
            continue
        text = re.sub(r".\x08", "", raw.decode("utf-8", "replace"))
        for para in re.split(r"\n\s*\n", text):
            if para.strip():
                yield para.strip("\n")


def _debref() -> Iterable[str]:
    for name in ("debian-reference.zh-cn.txt.gz", "debian-reference.zh-tw.txt.gz"):
        path = DEBREF / name
        if not path.is_file():
            continue
        with gzip.open(path, "rt", encoding="utf-8", errors="replace") as f:
            text = f.read()
        starts = [m.start() for m in _SECTION.finditer(text)] + [len(text)]
        for a, b in zip(starts, starts[1:], strict=False):
            yield text[a:b].strip("\n")


def _is_zh_tech(text: str) -> bool:
    han = len(_HAN.findall(text))
    return han >= 20 and 3 * han >= len(_LATIN.findall(text))


def missing() -> list[str]:
    """Packages whose files are absent."""
    out = []
    if not (FORTUNES / "chinese").is_file():
        out.append("fortunes-zh")
    if not PYDOC.is_dir():
        out.append("python3.11-doc")
    if not MAN_ZH.is_dir():
        out.append("manpages-zh")
    if not (DEBREF / "debian-reference.zh-cn.txt.gz").is_file():
        out.append("debian-reference-zh-cn")
    return out


def build(dev_texts: Iterable[str], per_set: int = 800, seed: int = 0,
          pool: dict[str, list[str]] | None = None) -> list[dict[str, str]]:
    """Up to ``per_set`` documents per kind that are not in the dev set (by normalised text), seeded; ``pool``:
    the result of ``sources`` when the caller has it already."""
    by_set = pool if pool is not None else sources(dev_texts)
    rng = random.Random(seed)
    rows = []
    for name, texts in by_set.items():
        pick = rng.sample(texts, min(per_set, len(texts)))
        rows += [{"id": f"ho-{name}-{i}", "set": name, "text": t} for i, t in enumerate(pick)]
    return rows


def sources(dev_texts: Iterable[str]) -> dict[str, list[str]]:
    """All documents per kind that the packages hold and the dev set does not (by normalised text)."""
    dev = {_norm(t) for t in dev_texts}
    dev_heads = {h[:60] for h in dev if len(h) >= 60}

    def fresh(texts: Iterable[str]) -> list[str]:
        seen: set[str] = set()
        out = []
        for t in texts:
            n = _norm(t)
            if not n or n in dev or n in seen or (len(n) >= 60 and n[:60] in dev_heads):
                continue
            seen.add(n)
            out.append(t)
        return out

    return {
        "good_zh_classical": fresh(_fortunes()),
        "good_en_docs": fresh(_pydoc()),
        "zh_tech": fresh(t for t in [*_man_pages(), *_debref()] if _is_zh_tech(t)),
    }
