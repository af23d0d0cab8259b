"""Generic machine-residue operators for training the junk score: text that went through machinery and came out
without sentence structure, whatever the machinery was.

Why: the named junk kinds each imitate one piece of machinery (mojibake, base64, a log), and a model trained on them
learns those; crawls hold residue of machinery nobody listed. Each operator here draws its format at random, so one
operator covers a family: characters written as codes of a random notation, tokens decorated with tags of a random
tag set, text spaced or broken at a random width, lines under random machine prefixes, text among random template or
markup lines, text normalised into tokens with random placeholders. Unlike ``junk_operators`` (word order, measured
and not shipped) these leave every word in its place and change its surface. Training only (``train_junk_score
--residue-ops``); every word comes from the good texts passed in, the glue is generated from random alphabets.
"""

from __future__ import annotations

import random
import re
import string
import textwrap
from collections.abc import Callable, Sequence

_HAN = re.compile(r"[\u4e00-\u9fff]")
_TOKEN = re.compile(r"\w+|[^\w\s]")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _word(rng: random.Random, lo: int = 2, hi: int = 8) -> str:
    return "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(lo, hi)))


def _chunks(rng: random.Random, text: str) -> list[str]:
    """Chinese cut into one- to three-character chunks: a segmenter's words without its dictionary."""
    flat = "".join(text.split())
    out = []
    i = 0
    while i < len(flat):
        k = rng.choice([1, 2, 2, 3])
        out.append(flat[i: i + k])
        i += k
    return out


def encode_chars(rng: random.Random, texts: Sequence[str], zh: bool) -> str:
    """A share of the characters (non-ASCII ones, letters, or all) written as codes in a notation drawn at random:
    a prefix, code point or UTF-8 bytes in hex or decimal, a suffix."""
    prefix = rng.choice(["", "=", "#", "&#", "\\", "\\U", "U+", "0x", "$", "^", "~", "%%"])
    suffix = rng.choice(["", "", ";", ".", " ", "|"])
    digits = rng.choice(["{:X}", "{:x}", "{:d}", "{:04X}", "{:02x}"])
    by_bytes = rng.random() < 0.4
    # English documentation is mostly ASCII: its codes go to letters or to everything (a no-op is not junk)
    target = rng.choice(["letters", "all"]) if not zh else rng.choice(["non_ascii", "non_ascii", "all"])
    share = rng.uniform(0.3, 1.0)

    def code(c: str) -> str:
        units = list(c.encode("utf-8")) if by_bytes else [ord(c)]
        return "".join(prefix + digits.format(u) + suffix for u in units)

    out = []
    for c in texts[0]:
        hit = (ord(c) > 127 if target == "non_ascii" else c.isalpha() if target == "letters" else not c.isspace())
        out.append(code(c) if hit and rng.random() < share else c)
    return "".join(out)


def decorate_tokens(rng: random.Random, texts: Sequence[str], zh: bool) -> str:
    """Tokens with tags of a random tag set after a random separator, or in random brackets (annotated-corpus and
    wiki-markup residue)."""
    tokens = _chunks(rng, texts[0]) if zh else _TOKEN.findall(texts[0])
    tags = [rng.choice([_word(rng, 1, 3).upper(), _word(rng, 1, 2), str(rng.randint(0, 99))]) for _ in range(rng.randint(3, 14))]
    sep = rng.choice(["/", "_", "|", "#", "^", ":", "@"])
    brackets = rng.choice([None, None, ("[[", "]]"), ("<", ">"), ("{", "}"), ("(", ")"), ("'''", "'''")])
    share = rng.uniform(0.5, 1.0)
    out = []
    for t in tokens:
        if rng.random() > share:
            out.append(t)
        elif brackets:
            out.append(f"{brackets[0]}{t}{brackets[1]}")
        else:
            out.append(f"{t}{sep}{rng.choice(tags)}")
    return " ".join(out)


def space_out(rng: random.Random, texts: Sequence[str], zh: bool) -> str:
    """Characters pulled apart: a separator between the letters of words, or a line break every 1-12 characters
    (tracked type, vertical or fixed-width text read back)."""
    text = _flat(texts[0]) if not zh else "".join(texts[0].split())
    if rng.random() < 0.5:
        sep = rng.choice([" ", " ", "\u00a0", "\t", "·", "  "])
        share = rng.uniform(0.5, 1.0)
        words = text.split(" ") if not zh else re.findall(r"[^，。；：、]+[，。；：、]?", text) or [text]
        spread = [rng.random() < share for _ in words]
        spread[rng.randrange(len(words))] = True  # never a no-op
        return ("   " if not zh else "").join(sep.join(w) if s else w for w, s in zip(words, spread, strict=True))
    width = rng.randint(1, 12)
    return "\n".join(text[i: i + width] for i in range(0, len(text), width))


def prefix_lines(rng: random.Random, texts: Sequence[str], zh: bool) -> str:
    """The text wrapped at a random width, every line under a machine prefix of a random shape (numbers, times,
    markers, addresses)."""
    width = rng.randint(12, 40) if zh else rng.randint(30, 90)
    lines = textwrap.wrap(_flat(texts[0]), width) if not zh else [
        "".join(texts[0].split())[i: i + width] for i in range(0, len("".join(texts[0].split())), width)]
    start = rng.randint(0, 5000)
    marker = rng.choice(["", _word(rng, 1, 4).upper(), rng.choice(string.punctuation) * rng.randint(1, 3)])
    shape = rng.randrange(5)
    out = []
    for i, ln in enumerate(lines):
        n = start + i * rng.choice([1, 1, 2, 10])
        pre = [f"{n}", f"{n:>6} |", f"[{n // 3600:02d}:{n // 60 % 60:02d}:{n % 60:02d}]", f"0x{n * 16:08x}:",
               f"{marker}"][shape]
        out.append(f"{pre} {marker if shape < 4 and rng.random() < 0.5 else ''} {ln}".replace("  ", " "))
    return "\n".join(out)


def machine_wrap(rng: random.Random, texts: Sequence[str], zh: bool) -> str:
    """Pieces of the text between machine lines in a random delimiter style (template tags, markup, key = value,
    directives), names taken from random letters."""
    opens = rng.choice([("{%", "%}"), ("<%", "%>"), ("[[", "]]"), ("{{", "}}"), ("<!--", "-->"), ("<", ">"),
                        ("#{", "}"), ("@", ""), ("", ":"), ("[", "]")])
    names = [_word(rng) for _ in range(rng.randint(3, 8))]
    pieces = [p for p in re.split(r"(?<=[。！？.!?])\s*", texts[0]) if p.strip()] or [texts[0]]
    out = []
    for p in pieces[: rng.randint(1, 6)]:
        for _ in range(rng.randint(1, 4)):
            a, b = rng.sample(names, 2)
            out.append(rng.choice([f"{opens[0]} {a} {b} {opens[1]}", f"{opens[0]}{a}.{b}{opens[1]}",
                                   f"{a} = {rng.choice([b, str(rng.randint(0, 999)), repr(b)])}",
                                   f"{opens[0]}/{a}{opens[1]}"]).strip())
        out.append(_flat(p) if rng.random() < 0.7 else f"{opens[0]}{names[0]}{opens[1]}{_flat(p)}{opens[0]}/{names[0]}{opens[1]}")
    return "\n".join(out)


def normalise_tokens(rng: random.Random, texts: Sequence[str], zh: bool) -> str:
    """A preprocessing pipeline's output: tokens split off punctuation, case folded or not, numbers and a share of the
    words replaced by placeholders of a random shape, sentences one a line or joined by a marker."""
    holder = rng.choice(["<unk>", "[UNK]", "UNK", "<num>", "__", "@@", "<" + _word(rng, 2, 4) + ">", "#"])
    lower = rng.random() < 0.6
    share = rng.uniform(0.03, 0.3)
    toks = _chunks(rng, texts[0]) if zh else _TOKEN.findall(texts[0])
    out = [holder if (t.isdigit() or rng.random() < share) else (t.lower() if lower else t) for t in toks]
    joined = " ".join(out)
    return re.sub(r" ([.。!?？！]) ", r" \1" + rng.choice(["\n", " </s> <s> ", " ||| ", "\n"]), joined)


def _lang(make: Callable[[random.Random, Sequence[str], bool], str], zh: bool) -> Callable[[random.Random, Sequence[str]], str]:
    def maker(rng: random.Random, texts: Sequence[str]) -> str:
        return make(rng, texts, zh)
    maker.__doc__ = make.__doc__
    return maker


_OPS = {"encode_chars": encode_chars, "decorate_tokens": decorate_tokens, "space_out": space_out,
        "prefix_lines": prefix_lines, "machine_wrap": machine_wrap, "normalise_tokens": normalise_tokens}
# make_junk's naming: kinds ending in _en draw on English texts, the others on Chinese.
RESIDUE_KINDS: dict[str, Callable[[random.Random, Sequence[str]], str]] = {
    f"res_{name}_{lang}": _lang(op, lang == "zh") for name, op in _OPS.items() for lang in ("en", "zh")
}
RESIDUE_OPS: tuple[str, ...] = tuple(_OPS)


def residue_op(kind: str) -> str:
    """The operator name of a residue kind (``res_space_out_zh`` -> ``space_out``); '' for other kinds."""
    return kind[4:].rsplit("_", 1)[0] if kind.startswith("res_") else ""
