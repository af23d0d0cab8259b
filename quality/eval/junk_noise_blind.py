"""Blind split of character-level noise junk (issue 13), written before the noise rules and never tuned on.

Why: the older splits hold two character-noise kinds (``junk_fresh``'s OCR noise en/zh), which the noise rules were
tuned on; this split measures the rules on eleven other corruptions of real text that no other split or model reads:

- English: quotations of the Debian ``fortunes`` files that ``prose_sources.FORTUNE_FILES`` leaves out (so neither the
  LM tables, the junk score nor the guard row read them): keyboard-neighbour typos, Cyrillic/Greek homoglyphs,
  random letter deletions, leetspeak, zero-width litter, spurious diacritics;
- Chinese: shopping reviews of the ``guard`` part of ``quality.eval.prose_sources`` that the guard row does not sample
  (``order_blind.guard`` draws 400; ``junk_fresh5`` reads news only): Han characters deleted or doubled, Han
  characters replaced by other characters of the same document, full-width/half-width chaos, zero-width litter;
- German: Debian ``fortunes-de`` (GPL-2+, ``apt-get download``, unpacked, never installed or stored) with its
  diacritics stripped (ä → a, ß → ss).

Good text beside it (false drops): clean documents of the same three pools (``good_noise_en``/``_zh``/``_de``).
Seeded, made at eval time, never stored. Fetch: ``python -m corpusgov.quality.eval.junk_noise_blind --fetch``.
"""

from __future__ import annotations

import argparse
import functools
import os
import random
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from corpusgov.quality.eval.junk_fresh3 import draw_kinds, sample_sets

REPO = Path(__file__).resolve().parents[2]
ROOT = Path(os.environ.get("CORPUSGOV_NOISE_DIR") or REPO / "out" / "eval-src" / "noise")
DE_DEB = "fortunes-de"
# Fortunes files of running prose that prose_sources does not read (ASCII art, code, Debian tips left out).
EN_FILES = ("computers", "definitions", "goedel", "kids", "literature", "magic", "men-women", "paradoxum", "pets",
            "platitudes", "songs-poems", "tao", "zippy")
DE_FILES = ("anekdoten", "kinderzitate", "letzteworte", "mathematiker", "murphy", "sprichworte", "sprueche",
            "stilblueten", "unfug", "witze", "wusstensie", "zitate")
MIN_CHARS = 200
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _fortunes(base: Path, names: tuple[str, ...]) -> tuple[str, ...]:
    out = []
    for name in names:
        path = base / f"{name}.u8"  # the UTF-8 copy where the package has one (fortunes-de's plain files are Latin-1)
        path = path if path.is_file() else base / name
        if path.is_file():
            for entry in path.read_text(encoding="utf-8", errors="replace").split("\n%\n"):
                text = entry.strip("\n")
                if len(text) >= MIN_CHARS and not _HAN.search(text):
                    out.append(text)
    return tuple(out)


@functools.lru_cache(maxsize=1)
def en_texts() -> tuple[str, ...]:
    """Quotations of EN_FILES, each once, less those that recur in a file prose_sources reads (fortunes files share
    a few entries)."""
    from corpusgov.quality.eval.prose_sources import ROOT as PROSE
    from corpusgov.quality.eval.prose_sources import documents

    read = {d.text for d in documents()}
    texts = _fortunes(PROSE / "unpacked" / "usr" / "share" / "games" / "fortunes", EN_FILES)
    return tuple(t for t in dict.fromkeys(texts) if t not in read)


@functools.lru_cache(maxsize=1)
def de_texts() -> tuple[str, ...]:
    return _fortunes(ROOT / "unpacked" / "usr" / "share" / "games" / "fortunes" / "de", DE_FILES)


@functools.lru_cache(maxsize=1)
def zh_texts() -> tuple[str, ...]:
    """Guard-part reviews the guard row does not sample."""
    from corpusgov.quality.eval.order_blind import unsampled_guard

    return unsampled_guard("review_zh")


def missing() -> list[str]:
    from corpusgov.quality.eval.prose_sources import missing as prose_missing

    return prose_missing() + ([] if (ROOT / "unpacked").is_dir() else [DE_DEB])


def fetch() -> None:
    """``apt-get download fortunes-de`` and unpack it under ROOT (not installed); nothing to do when unpacked."""
    if (ROOT / "unpacked").is_dir():
        return
    ROOT.mkdir(parents=True, exist_ok=True)
    subprocess.run(["apt-get", "download", DE_DEB], cwd=ROOT, check=True)
    deb = sorted(ROOT.glob(f"{DE_DEB}_*.deb"))[-1]
    subprocess.run(["dpkg-deb", "-x", str(deb), str(ROOT / "unpacked")], check=True)


# ---- corruptions ----
_QWERTY = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEIGHBOURS = {c: "".join(row[j] for j in (i - 1, i + 1) if 0 <= j < len(row))
               for row in _QWERTY for i, c in enumerate(row)}
_HOMOGLYPHS = {"a": "а", "e": "е", "o": "оο", "p": "р", "c": "с", "x": "х", "y": "у", "i": "іι", "k": "κ", "v": "ν",
               "s": "ѕ", "j": "ј", "h": "һ", "n": "п", "u": "υ", "B": "В", "H": "Н", "T": "Т", "M": "М", "A": "АΑ",
               "E": "ЕΕ", "O": "ОΟ", "P": "Р", "C": "С", "K": "К", "X": "Х"}
_LEET = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "t": "7", "l": "1", "g": "9", "b": "8"}
_ZERO_WIDTH = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad")
_ACCENTS = {"a": "áàâäã", "e": "éèêë", "i": "íìîï", "o": "óòôöõ", "u": "úùûü", "n": "ñ", "c": "ç", "y": "ýÿ"}
_STRIP_DE = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "Ä": "A", "Ö": "O", "Ü": "U", "ß": "ss", "é": "e"})


def _pick(rng: random.Random, texts: tuple[str, ...]) -> str:
    return texts[rng.randrange(len(texts))] if texts else ""


def _per_word(rng: random.Random, text: str, rate: float, change: Callable[[str], str]) -> str:
    """``change`` applied to each white-space word with probability ``rate`` (white space kept)."""
    return "".join(change(w) if w.strip() and rng.random() < rate else w for w in re.split(r"(\s+)", text))


def typos_keyboard_en(rng: random.Random, texts: tuple[str, ...]) -> str:
    """A tenth to a fifth of the words with one typing slip: a keyboard neighbour, two letters swapped, a doubled
    letter or a dropped one."""
    def slip(w: str) -> str:
        idx = [i for i, c in enumerate(w) if c.lower() in _NEIGHBOURS]
        if not idx:
            return w
        i = rng.choice(idx)
        r = rng.random()
        if r < 0.5:
            return w[:i] + rng.choice(_NEIGHBOURS[w[i].lower()]) + w[i + 1:]
        if r < 0.7 and i + 1 < len(w):
            return w[:i] + w[i + 1] + w[i] + w[i + 2:]
        if r < 0.85:
            return w[:i] + w[i] + w[i:]
        return w[:i] + w[i + 1:]
    return _per_word(rng, _pick(rng, texts), rng.uniform(0.1, 0.2), slip)


def homoglyphs_en(rng: random.Random, texts: tuple[str, ...]) -> str:
    """A sixth to two fifths of the words with one or two letters replaced by a Cyrillic or Greek look-alike."""
    def swap(w: str) -> str:
        for _ in range(rng.randint(1, 2)):
            idx = [i for i, c in enumerate(w) if c in _HOMOGLYPHS]
            if idx:
                i = rng.choice(idx)
                w = w[:i] + rng.choice(_HOMOGLYPHS[w[i]]) + w[i + 1:]
        return w
    return _per_word(rng, _pick(rng, texts), rng.uniform(0.15, 0.4), swap)


def deletions_en(rng: random.Random, texts: tuple[str, ...]) -> str:
    """Six to twelve per cent of the letters dropped (a lossy channel)."""
    rate = rng.uniform(0.06, 0.12)
    return "".join(c for c in _pick(rng, texts) if not (c.isalpha() and rng.random() < rate))


def leetspeak_en(rng: random.Random, texts: tuple[str, ...]) -> str:
    """A third to three fifths of the words with some letters written as digits (l33t)."""
    def leet(w: str) -> str:
        return "".join(_LEET.get(c.lower(), c) if rng.random() < 0.6 else c for c in w)
    return _per_word(rng, _pick(rng, texts), rng.uniform(0.3, 0.6), leet)


def zero_width(rng: random.Random, texts: tuple[str, ...]) -> str:
    """Zero-width spaces, joiners, BOMs and soft hyphens littered between a fifth to a half of the characters."""
    rate = rng.uniform(0.2, 0.5)
    return "".join(c + rng.choice(_ZERO_WIDTH) if not c.isspace() and rng.random() < rate else c
                   for c in _pick(rng, texts))


def diacritics_en(rng: random.Random, texts: tuple[str, ...]) -> str:
    """A fifth to two fifths of the words with a spurious accent on a vowel (or ñ, ç)."""
    def accent(w: str) -> str:
        idx = [i for i, c in enumerate(w) if c in _ACCENTS]
        if not idx:
            return w
        i = rng.choice(idx)
        return w[:i] + rng.choice(_ACCENTS[w[i]]) + w[i + 1:]
    return _per_word(rng, _pick(rng, texts), rng.uniform(0.2, 0.4), accent)


def stripped_de(rng: random.Random, texts: tuple[str, ...]) -> str:
    """German with every umlaut and ß flattened to ASCII (a lossy transliteration); documents without any redrawn."""
    for _ in range(20):
        text = _pick(rng, texts)
        if len(re.findall("[äöüÄÖÜß]", text)) >= 3:
            return text.translate(_STRIP_DE)
    return ""


def dropped_doubled_zh(rng: random.Random, texts: tuple[str, ...]) -> str:
    """A sixth to three tenths of the Han characters dropped or doubled."""
    rate = rng.uniform(0.15, 0.3)
    out = []
    for c in _pick(rng, texts):
        if not (_HAN.match(c) and rng.random() < rate):
            out.append(c)
        elif rng.random() < 0.5:
            out.append(c + c)  # doubled; otherwise dropped
    return "".join(out)


def substituted_zh(rng: random.Random, texts: tuple[str, ...]) -> str:
    """A fifth to a third of the Han characters replaced by another Han character of the same document."""
    text = _pick(rng, texts)
    pool = _HAN.findall(text)
    rate = rng.uniform(0.2, 0.35)
    return "".join(rng.choice(pool) if _HAN.match(c) and rng.random() < rate else c for c in text)


_FULL = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}
_HALF = {"，": ",", "。": ".", "！": "!", "？": "?", "：": ":", "；": ";", "（": "(", "）": ")"}


def width_chaos_zh(rng: random.Random, texts: tuple[str, ...]) -> str:
    """Full-width and half-width forms mixed at random: ASCII as full-width, Chinese punctuation as ASCII, stray
    ideographic and ASCII spaces between characters."""
    out = []
    for c in _pick(rng, texts):
        r = rng.random()
        if c in _FULL and r < 0.6:
            c = _FULL[c]
        elif c in _HALF and r < 0.6:
            c = _HALF[c]
        out.append(c)
        if rng.random() < 0.15:
            out.append(rng.choice(("\u3000", " ")))
    return "".join(out)


NOISE_KINDS: dict[str, tuple[str, Callable[[random.Random, tuple[str, ...]], str]]] = {
    "typos_keyboard_en": ("en", typos_keyboard_en),
    "homoglyphs_en": ("en", homoglyphs_en),
    "deletions_en": ("en", deletions_en),
    "leetspeak_en": ("en", leetspeak_en),
    "zero_width_en": ("en", zero_width),
    "diacritics_en": ("en", diacritics_en),
    "stripped_diacritics_de": ("de", stripped_de),
    "dropped_doubled_zh": ("zh", dropped_doubled_zh),
    "substituted_zh": ("zh", substituted_zh),
    "width_chaos_zh": ("zh", width_chaos_zh),
    "zero_width_zh": ("zh", zero_width),
}


def make_noise(per_kind: int = 40, seed: int = 61) -> list[dict[str, str]]:
    """``per_kind`` junk documents of every noise kind (seeded)."""
    material = {"en": en_texts(), "zh": zh_texts(), "de": de_texts()}
    return draw_kinds(NOISE_KINDS, material, "junk_noise", per_kind, seed)


def make_good_noise(per_set: int = 200, seed: int = 67) -> list[dict[str, str]]:
    """Up to ``per_set`` clean documents of each pool (seeded)."""
    pools = {"good_noise_en": list(en_texts()), "good_noise_zh": list(zh_texts()), "good_noise_de": list(de_texts())}
    return sample_sets(pools, per_set, seed)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fetch", action="store_true", help="download fortunes-de into the root")
    args = ap.parse_args(argv)
    if args.fetch:
        fetch()
    print(f"en {len(en_texts())}, zh {len(zh_texts())}, de {len(de_texts())} source documents", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
