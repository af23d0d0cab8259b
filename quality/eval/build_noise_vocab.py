"""Build ``quality/noise_vocab_en.txt.gz``, the English vocabulary of ``quality.junk_noise``'s non-word signal.

Why: a typo, OCR confusion or dropped letter turns a word into a non-word; to count them the detector needs a list of
real words. Source: SCOWL size 50 as Debian ``wamerican`` and ``wbritish`` ship it (``/usr/share/dict``; permissive
licence, notice in ``quality/noise_vocab_en_PROVENANCE.md``): the lower-case entries of three or more ASCII letters
(inflected forms are entries of their own). Written with a fixed gzip time stamp, so a rebuild is byte-identical.

Run: ``apt-get install wamerican wbritish && python -m corpusgov.quality.eval.build_noise_vocab``
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "quality" / "noise_vocab_en.txt.gz"
LISTS = (Path("/usr/share/dict/american-english"), Path("/usr/share/dict/british-english"))
_WORD = re.compile(r"[a-z]{3,}")


def words(paths: tuple[Path, ...] = LISTS) -> list[str]:
    """Sorted lower-case ASCII entries of 3+ letters of the word lists."""
    out: set[str] = set()
    for p in paths:
        out.update(w for w in p.read_text(encoding="utf-8").split() if _WORD.fullmatch(w))
    return sorted(out)


def main() -> int:
    missing = [str(p) for p in LISTS if not p.is_file()]
    if missing:
        print(f"missing {', '.join(missing)}: apt-get install wamerican wbritish", file=sys.stderr)
        return 2
    vocab = words()
    with OUT.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as f:
        f.write("\n".join(vocab).encode("ascii") + b"\n")
    print(f"{len(vocab)} words -> {OUT.relative_to(REPO)} ({OUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
