"""Han-character noise: characters doubled, spaces inside words, and characters that form no word with either
neighbour.

Why: a lossy or careless channel doubles, drops, replaces or spaces out Han characters while keeping the script,
length and punctuation statistics the document-level rules read. Real modern prose doubles only the characters that
reduplicate (看看, 谢谢), spaces out words (if at all) between words, and nearly every content character forms a word
with a neighbour. Each signal is a small pure function over a document's first ``PREFIX_CHARS`` characters, reading the
``textlm`` pair counts or jieba's dictionary (both read-only); classical text, which reduplicates freely and whose
words are single characters, is not judged (``_modern``). Every signal is neutral (0.0) on too little text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import numpy as np

PREFIX_CHARS = 2000
MIN_HAN = 20
MIN_ODD_DOUBLES = 3
_HAN_DOUBLE = re.compile(r"([\u4e00-\u9fff])\1")
_HAN = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def _function_chars() -> tuple[re.Pattern[str], re.Pattern[str]]:
    from corpusgov.quality import zh_order

    return re.compile(f"[{zh_order.MODERN}]"), re.compile(f"[{zh_order.CLASSICAL}]")


def _modern(head: str, han: int) -> bool:
    """Modern prose by ``zh_order``'s test: modern function characters at least ``MODERN_AT`` of the Han characters
    and twice the classical particles."""
    from corpusgov.quality.zh_order import MODERN_AT

    modern_re, classical_re = _function_chars()
    modern = len(modern_re.findall(head))
    return modern >= MODERN_AT * han and modern >= 2 * len(classical_re.findall(head))


@lru_cache(maxsize=1)
def _double_pmi() -> np.ndarray:
    """Per simplified Han offset, log10 of how much more often real text writes it twice in a row than chance would
    (the ``textlm`` count of the pair cc, read from its hashed table, over count(c)^2 / total; add-0.5)."""
    from corpusgov.quality import textlm

    with np.load(textlm.TABLE_PATH) as z:
        bi, uni = z["zh_bi"], z["zh_uni"].astype(np.float64)
    c = np.arange(textlm.HAN_N, dtype=np.uint64)
    doubled = bi[textlm.bucket(textlm.hash_mix(c * np.uint64(textlm.HAN_N) + c), textlm.ZH_BI_BITS)]
    return np.log10((doubled + 0.5) / (uni * uni / uni.sum() + 0.5))


def han_odd_doubles(text: str) -> float:
    """Adjacent identical Han characters that real text doubles less often than chance (``_double_pmi`` < 0: 的的,
    是是, 我我) per Han character: characters doubled by a lossy channel, not reduplications (看看, 谢谢, 常常).
    Modern prose only (``_modern``): classical verse reduplicates freely (蒼蒼, 灼灼), so other text gives 0.0, as
    does text under ``MIN_HAN`` Han characters or with fewer than ``MIN_ODD_DOUBLES`` distinct such doubles (a name such as 金金, a colloquial 用用 or a typo)."""
    head = text[:PREFIX_CHARS]
    if head.isascii():
        return 0.0
    doubles = _HAN_DOUBLE.findall(head)
    if not doubles:
        return 0.0
    from corpusgov.quality import textlm

    han = _HAN.findall(head)
    if len(han) < MIN_HAN or not _modern(head, len(han)):
        return 0.0
    simp = textlm._simplified()
    pmi = _double_pmi()
    odd = [ch for ch in doubles if pmi[simp[ord(ch) - textlm.HAN_LO]] < 0.0]
    return len(odd) / len(han) if len(set(odd)) >= MIN_ODD_DOUBLES else 0.0


_HAN_GAP = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff])")
_HAN_PAIR = re.compile(r"(?=([\u4e00-\u9fff])([\u4e00-\u9fff]))")


@lru_cache(maxsize=1)
def _pair_tables() -> tuple[np.ndarray, np.ndarray, float]:
    from corpusgov.quality import textlm

    with np.load(textlm.TABLE_PATH) as z:
        return z["zh_bi"], z["zh_uni"].astype(np.float64), float(z["zh_uni"].sum())


def _pair_pmi(pairs: list[tuple[str, str]]) -> np.ndarray:
    """log10 of how much more often real text writes each Han pair than chance (``textlm`` counts; add-0.5)."""
    from corpusgov.quality import textlm

    bi, uni, total = _pair_tables()
    simp = textlm._simplified()
    x = simp[np.array([ord(a) for a, _ in pairs], dtype=np.int64) - textlm.HAN_LO]
    y = simp[np.array([ord(b) for _, b in pairs], dtype=np.int64) - textlm.HAN_LO]
    keys = x.astype(np.uint64) * np.uint64(textlm.HAN_N) + y.astype(np.uint64)
    count = bi[textlm.bucket(textlm.hash_mix(keys), textlm.ZH_BI_BITS)]
    return np.log10((count + 0.5) / (uni[x] * uni[y] / total + 0.5))


MIN_GAPS = 5
MIN_GAP_HAN = 50  # shorter texts have too few pairs to tell words from gaps
GAP_MARGIN = 0.4  # a gap pair this much (log10) less word-like than the text's own pairs is a word boundary


def han_split_words(text: str) -> float:
    """Spaces (ASCII or ideographic) between two Han characters per Han character, when they fall where words are:
    the pairs across the gaps are on average as word-like (pair PMI from the ``textlm`` counts) as the text's
    unbroken pairs, within ``GAP_MARGIN``. Width chaos and bad extraction put spaces at random (``语 词``, ``开 始``);
    word-segmented translations (man pages), verse and lists put them between words, clauses and items, across
    pairs far less word-like than their own. 0.0 under ``MIN_GAPS`` gaps or ``MIN_GAP_HAN`` Han characters."""
    head = text[:PREFIX_CHARS]
    # every gap holds a space of its own: fewer spaces than MIN_GAPS (most Chinese text) skip the lookbehind scan
    if head.isascii() or head.count(" ") + head.count("\u3000") < MIN_GAPS:
        return 0.0
    gaps = [(head[m.start() - 1], head[m.end()]) for m in _HAN_GAP.finditer(head)]
    if len(gaps) < MIN_GAPS:
        return 0.0
    han = len(_HAN.findall(head))
    runs = [(a, b) for a, b in _HAN_PAIR.findall(head)]
    if han < MIN_GAP_HAN or not runs:
        return 0.0
    if _pair_pmi(gaps).mean() < _pair_pmi(runs).mean() - GAP_MARGIN:
        return 0.0
    return len(gaps) / han


MIN_ORPHAN_HAN = 60  # shorter texts (a verse, a one-line option description) have too few characters to judge
WORD_MIN_FREQ = 3  # jieba dictionary words from this frequency on count
STANDALONE_MIN_FREQ = 300_000  # single characters this frequent stand alone as words (的, 了, 是, 在 ...)
MIN_CLAUSE_HAN = 6.0  # mean Han characters per clause below which a text is verse (ci lines of 4-5), not prose
_CLAUSE_END = np.array([ord(c) for c in "，。；：！？、,;:!?\n"], dtype=np.int64)


def _build_word_pairs() -> dict[str, np.ndarray]:
    """The adjacent character pairs (simplified offsets, a * HAN_N + b, sorted) inside the words of jieba's
    dict.txt of ``WORD_MIN_FREQ`` or more, and per character whether it is a standalone word of
    ``STANDALONE_MIN_FREQ`` or more."""
    import jieba

    from corpusgov.quality import textlm

    simp = textlm._simplified()
    pairs: set[int] = set()
    alone = np.zeros(textlm.HAN_N, dtype=np.uint8)
    with open(Path(jieba.__file__).with_name("dict.txt"), encoding="utf-8") as f:
        for line in f:
            parts = line.split(" ")
            word = parts[0]
            if len(parts) < 2 or not all(0 <= ord(c) - textlm.HAN_LO < textlm.HAN_N for c in word):
                continue
            freq = int(parts[1])
            if len(word) == 1 and freq >= STANDALONE_MIN_FREQ:
                alone[simp[ord(word) - textlm.HAN_LO]] = 1
            elif len(word) > 1 and freq >= WORD_MIN_FREQ:
                codes = [int(simp[ord(c) - textlm.HAN_LO]) for c in word]
                pairs.update(a * textlm.HAN_N + b for a, b in zip(codes, codes[1:], strict=False))
    return {"pairs": np.array(sorted(pairs), dtype=np.int64), "alone": alone}


@lru_cache(maxsize=1)
def word_pairs() -> tuple[np.ndarray, np.ndarray]:
    import jieba

    from corpusgov.quality.table_cache import cached_arrays

    t = cached_arrays("noise_word_pairs", [str(Path(jieba.__file__).with_name("dict.txt")), __file__],
                      _build_word_pairs)
    return t["pairs"], t["alone"].astype(bool)


@lru_cache(maxsize=1)
def _function_table() -> np.ndarray:
    """Per Han offset: 1 for a modern function character, 2 for a classical particle (``zh_order``), else 0."""
    from corpusgov.quality import textlm, zh_order

    table = np.zeros(textlm.HAN_N, dtype=np.int8)
    table[[ord(ch) - textlm.HAN_LO for ch in zh_order.MODERN]] = 1
    table[[ord(ch) - textlm.HAN_LO for ch in zh_order.CLASSICAL]] = 2
    return table


def han_orphan_batch(texts: list[str]) -> list[float]:
    """``han_orphan_frac`` of every text, in one numpy pass over the batch (the pipeline computes signals per batch).
    Share of the Han characters of modern prose that form a dictionary word with neither neighbour and are no
    standalone word themselves: characters replaced by look-alike, same-sound or random ones, or inserted at random
    (real text is made of words; a replaced character breaks the words on both its sides). Modern prose
    (``_modern``'s test) of ``MIN_ORPHAN_HAN`` or more Han characters and ``MIN_CLAUSE_HAN`` or more per clause only
    (colloquial ci such as 蒋捷's 一剪梅 pass the function-character test in clauses of four or five); 0.0 otherwise."""
    from corpusgov.quality import textlm
    from corpusgov.quality.zh_order import MODERN_AT

    n = len(texts)
    heads = [t[:PREFIX_CHARS] if isinstance(t, str) and not t.isascii() else "" for t in texts]
    if not any(heads):
        return [0.0] * n
    # Code points of the batch, texts separated by U+0000, one more U+0000 at the end; then Han positions only.
    a = np.frombuffer(("\x00".join(heads) + "\x00").encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    off = a.astype(np.int64) - textlm.HAN_LO
    hidx = np.flatnonzero((off >= 0) & (off < textlm.HAN_N))
    if len(hidx) < MIN_ORPHAN_HAN:
        return [0.0] * n
    starts = np.cumsum([0] + [len(h) + 1 for h in heads[:-1]])
    hdoc = np.searchsorted(starts, hidx, side="right") - 1
    hc = off[hidx]
    han = np.bincount(hdoc, minlength=n)
    kind = _function_table()[hc]
    modern = np.bincount(hdoc[kind == 1], minlength=n)
    classical = np.bincount(hdoc[kind == 2], minlength=n)
    # A clause ends at a Han character before a clause mark, a line break or the end of the text (U+0000).
    nxt = a[hidx + 1].astype(np.int64)
    ends = np.bincount(hdoc[np.isin(nxt, _CLAUSE_END) | (nxt == 0)], minlength=n)
    judged = ((han >= MIN_ORPHAN_HAN) & (modern >= MODERN_AT * han) & (modern >= 2 * classical)
              & (han >= MIN_CLAUSE_HAN * np.maximum(ends, 1)))
    if not judged.any():
        return [0.0] * n
    keep = judged[hdoc]
    hidx, hdoc = hidx[keep], hdoc[keep]
    pairs, alone = word_pairs()
    c = textlm._simplified()[hc[keep]]
    adj = np.flatnonzero(np.diff(hidx) == 1)  # neighbouring Han characters (the separators keep texts apart)
    keys = c[adj] * textlm.HAN_N + c[adj + 1]
    at = np.minimum(np.searchsorted(pairs, keys), len(pairs) - 1)
    word = adj[pairs[at] == keys]
    paired = np.zeros(len(hidx), dtype=bool)
    paired[word] = True
    paired[word + 1] = True
    orphans = np.bincount(hdoc[~paired & ~alone[c]], minlength=n)
    return np.where(judged, orphans / np.maximum(han, 1), 0.0).tolist()


def han_orphan_frac(text: str) -> float:
    """``han_orphan_batch`` of one text."""
    return han_orphan_batch([text])[0]


def han_noise_signals(text: str) -> dict[str, float]:
    """The per-document Han-noise signals (``han_orphan_frac`` is computed per batch: ``han_orphan_batch``)."""
    return {
        "han_odd_doubles": han_odd_doubles(text),
        "han_split_words": han_split_words(text),
    }
