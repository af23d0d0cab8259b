"""Junk kinds that are not in the shared dev set, made from real text by seeded corruptions.

Why: the project is measured on junk kinds it has not seen, so the rules are checked here against other ways
text goes wrong (character soup, word salad, number and symbol tables, link lists, ASCII art, short
fragments, encoded blobs, markup residue). Each maker takes real source texts and a seeded RNG and returns one
document; `make_junk` draws `per_kind` documents of every kind. Nothing here is tuned on: `real_text_eval`
reports these kinds separately from the dev set's own.
"""

from __future__ import annotations

import base64
import random
import re
from collections.abc import Callable, Sequence

_HAN = re.compile(r"[\u4e00-\u9fff]")
_WORD = re.compile(r"[A-Za-z]{2,}")


def _han_pool(texts: Sequence[str]) -> list[str]:
    return [c for t in texts for c in _HAN.findall(t)] or list("的一是在不了有和人这中大为上个国我以要他")


def char_soup_zh(rng: random.Random, texts: Sequence[str]) -> str:
    """Han characters drawn with their real frequencies, with commas and full stops at random places."""
    pool = _han_pool(texts)
    out = []
    for _ in range(rng.randint(60, 400)):
        out.append(rng.choice(pool))
        if rng.random() < 0.08:
            out.append(rng.choice("，。、"))
    return "".join(out)


def char_soup_uniform(rng: random.Random, texts: Sequence[str]) -> str:
    """Han characters drawn uniformly from the CJK Unified Ideographs block (mostly rare characters)."""
    return "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(rng.randint(40, 300)))


def word_salad_en(rng: random.Random, texts: Sequence[str]) -> str:
    """The words of a real English text in random order."""
    words = [w for t in texts for w in t.split() if _WORD.search(w)]
    k = min(len(words), rng.randint(60, 200))
    start = rng.randrange(max(1, len(words) - k))
    chunk = words[start:start + k]
    rng.shuffle(chunk)
    return " ".join(chunk)


def word_salad_zh(rng: random.Random, texts: Sequence[str]) -> str:
    """Two-character pieces of real Chinese text shuffled."""
    han = "".join(_HAN.findall("".join(texts)))
    pieces = [han[i:i + 2] for i in range(0, len(han) - 1, 2)]
    if not pieces:
        return char_soup_zh(rng, texts)
    k = min(len(pieces), rng.randint(40, 150))
    start = rng.randrange(max(1, len(pieces) - k))
    chunk = pieces[start:start + k]
    rng.shuffle(chunk)
    return "".join(chunk)


def number_table(rng: random.Random, texts: Sequence[str]) -> str:
    """Rows of numbers, as in a scraped price or statistics table."""
    rows = []
    for _ in range(rng.randint(8, 40)):
        cells = [f"{rng.uniform(0, 10 ** rng.randint(1, 6)):.{rng.randint(0, 2)}f}" for _ in range(rng.randint(3, 8))]
        rows.append(rng.choice(["\t", "  ", " | ", ","]).join(cells))
    return "\n".join(rows)


def symbol_art(rng: random.Random, texts: Sequence[str]) -> str:
    """ASCII-art banner or separator block."""
    chars = rng.choice(["#*=-", "/\\|_", "+-=~", "@#$%", "<>^v", "*. "])
    lines = []
    width = rng.randint(20, 70)
    for _ in range(rng.randint(5, 20)):
        lines.append("".join(rng.choice(chars) for _ in range(width)))
    return "\n".join(lines)


def link_list(rng: random.Random, texts: Sequence[str]) -> str:
    """A list of URLs, as left by a link farm or a scraped sitemap."""
    words = [w.lower() for t in texts for w in _WORD.findall(t)] or ["page"]
    hosts = [f"www.{rng.choice(words)}{rng.choice(['.com', '.net', '.cn', '.org'])}" for _ in range(5)]
    lines = []
    for _ in range(rng.randint(8, 40)):
        path = "/".join(rng.choice(words) for _ in range(rng.randint(1, 4)))
        lines.append(f"https://{rng.choice(hosts)}/{path}{rng.choice(['', '.html', '?id=' + str(rng.randint(1, 99999))])}")
    return "\n".join(lines)


def short_fragment(rng: random.Random, texts: Sequence[str]) -> str:
    """A heading or date stamp alone, like "[最新更新] 2001/12/26"."""
    han = "".join(_HAN.findall("".join(texts))) or "最新更新"
    i = rng.randrange(max(1, len(han) - 8))
    label = han[i:i + rng.randint(2, 6)]
    date = f"{rng.randint(1995, 2025)}{rng.choice('/-.')}{rng.randint(1, 12):02d}{rng.choice('/-.')}{rng.randint(1, 28):02d}"
    return rng.choice([f"[{label}] {date}", f"{label} {date}", f"【{label}】{date} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}",
                       f"{date} | {label} | {rng.randint(1, 999)}"])


def encoded_blob(rng: random.Random, texts: Sequence[str]) -> str:
    """Base64 of real text: an attachment or data URI left in a page."""
    raw = rng.choice(list(texts) or ["data"]).encode("utf-8")
    enc = base64.b64encode(raw * rng.randint(1, 3)).decode("ascii")
    return "\n".join(enc[i:i + 76] for i in range(0, len(enc), 76))


def markup_residue(rng: random.Random, texts: Sequence[str]) -> str:
    """HTML tags and attributes with little text between them."""
    words = [w for t in texts for w in _WORD.findall(t)] or ["item"]
    parts = []
    for _ in range(rng.randint(10, 40)):
        tag = rng.choice(["div", "span", "a", "li", "td", "img"])
        cls = rng.choice(words).lower()
        parts.append(f'<{tag} class="{cls}-{rng.randint(1, 99)}" id="x{rng.randint(1, 9999)}">'
                     f"{rng.choice(words) if rng.random() < 0.3 else ''}</{tag}>")
    return "".join(parts)


KINDS: dict[str, Callable[[random.Random, Sequence[str]], str]] = {
    "char_soup_zh": char_soup_zh,
    "char_soup_uniform": char_soup_uniform,
    "word_salad_en": word_salad_en,
    "word_salad_zh": word_salad_zh,
    "number_table": number_table,
    "symbol_art": symbol_art,
    "link_list": link_list,
    "short_fragment": short_fragment,
    "encoded_blob": encoded_blob,
    "markup_residue": markup_residue,
}


def make_junk(zh_texts: Sequence[str], en_texts: Sequence[str], per_kind: int = 50, seed: int = 0) -> list[dict[str, str]]:
    """`per_kind` junk documents of every kind in KINDS, each from a few real source texts (seeded)."""
    rng = random.Random(seed)
    out = []
    for kind, make in KINDS.items():
        pool = en_texts if kind.endswith("_en") or kind in ("link_list", "markup_residue") else zh_texts
        for i in range(per_kind):
            src = rng.sample(list(pool), min(len(pool), 3))
            out.append({"id": f"xj-{kind}-{i}", "set": "junk_extra", "kind": kind, "text": make(rng, src)})
    return out
