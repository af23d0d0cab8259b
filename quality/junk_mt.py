"""Half-translated text: Chinese words standing alone between English words (word-by-word machine translation).

Why: a word-by-word translation (or a translation memory applied word for word) keeps the English sentence and
replaces the words it has an entry for, so single Chinese words, function words first (the most frequent English
words: the, is, a, of → 这, 是, 一个, 的), stand between English words. Real bilingual text has it the other way
round: English terms, commands and identifiers stand inside Chinese sentences, and an English page that quotes
Chinese gives a Chinese term now and then, not a function word in every other clause. A small pure function over a
document's first ``PREFIX_CHARS`` characters (no Beam, no model), reading the shipped English vocabulary
(``quality.junk_noise.vocabulary``) and ``zh_order``'s modern function characters; neutral (0.0) unless the
pattern is there several times.
"""

from __future__ import annotations

import re
from functools import lru_cache

PREFIX_CHARS = 2000
MIN_ISLANDS = 3  # Han islands between English words before the text is judged
MIN_FUNCTION_ISLANDS = 2  # of them, islands holding a modern function character (的, 这, 个 …)
# A white-space token that is one run of Han characters, with at most one clause mark after it.
_HAN_TOKEN = re.compile(r"[\u4e00-\u9fff]+[，。、；：,.;:]?")
# A white-space token that is an English word (2+ letters) with at most brackets, quotes or markup stars around it
# and clause marks after it.
_EN_TOKEN = re.compile(r"[(\"'`*]*([A-Za-z]{2,})[)\"'`*.,;:!?]*")
_HAN = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def _function_chars() -> re.Pattern[str]:
    from corpusgov.quality.zh_order import MODERN

    return re.compile(f"[{MODERN}]")


def _english_word(token: str, vocab: frozenset[str]) -> bool:
    """A dictionary word of English in lower case or with a capital first: a word written in capitals (MOVE,
    FETCH, SELECT) is a keyword or a name in a Chinese manual, not English prose."""
    m = _EN_TOKEN.fullmatch(token)
    return m is not None and not m.group(1).isupper() and m.group(1).lower() in vocab


def han_islands_frac(text: str) -> float:
    """Han words standing alone between two English dictionary words (``Put 一个 item into 这 queue``) per Han
    character of the text; 0.0 unless ``MIN_ISLANDS`` such islands are there and ``MIN_FUNCTION_ISLANDS`` of them hold
    a modern function character (a translated English function word)."""
    head = text[:PREFIX_CHARS]
    if head.isascii():
        return 0.0
    from corpusgov.quality.junk_noise import vocabulary

    vocab = vocabulary()
    toks = head.split()
    islands = [t for i, t in enumerate(toks[1:-1], 1)
               if _HAN_TOKEN.fullmatch(t) and _english_word(toks[i - 1], vocab) and _english_word(toks[i + 1], vocab)]
    if len(islands) < MIN_ISLANDS:
        return 0.0
    func = _function_chars()
    if sum(1 for t in islands if func.search(t)) < MIN_FUNCTION_ISLANDS:
        return 0.0
    return len(islands) / len(_HAN.findall(head))
