"""Is this text language at all? Cheap statistics against real-language tables, for the junk rules.

Why: repetition and length rules (Gopher, C4, FineWeb) never see text that is varied but meaningless —
letter soup, character soup, encoded blobs. These signals compare a document with what real text in its
script looks like, using tables shipped in packages we already depend on (nothing is downloaded):

- ``latin_logp``: mean log10 probability of the letter trigrams of the words, under langdetect's trigram
  profile of the detected language (Wikipedia-derived; English when the language has no profile). Real
  prose scores about -3.3 to -4.9, letter soup and base64 below -5.5.
- ``han_logfreq``: mean log10 relative frequency of the Han characters, from the character totals of
  jieba's dictionary (MIT). Uniformly random CJK characters score about -6.7, real text above -5.7.
- ``han_bigram_frac``: share of adjacent Han character pairs that occur inside a word of jieba's dictionary
  (frequency >= 5), after mapping traditional to simplified forms (OpenCC's character table). Text made of characters in random order
  scores about 0.1, modern prose about 0.5, classical poetry 0.2-0.6.
- ``han_pair_pmi``: mean pointwise mutual information of adjacent Han characters (negative values and pairs
  jieba's dictionary lacks count 0): how much more often than chance each character follows the one before.
  It weighs what ``han_bigram_frac`` only counts, so common characters that happen to form a rare word score
  little: characters drawn with their real frequencies score 0.0-0.28, modern prose 1-3, classical 0.1-3.
- ``han_order_margin``: the same PMI read forwards minus read backwards: reversed clauses, which keep every
  pair, read better backwards.
- ``word_pair_pmi`` (English): mean PMI of the last token of each word and the first token of the next, under
  a 151-class table built from the Python standard library's docstrings (``quality/word_order_en.json``,
  built by ``quality/eval/build_word_order.py``). Shuffled words keep their vocabulary but not this order:
  real prose scores about -0.2 to 1.3, word salad -1.0 to -0.1.

Two order signals catch shuffled real words, which keep every frequency: ``han_run_max`` (real Chinese puts
punctuation at least every clause: 42 characters at most on the dev set; shuffled or random characters run on
for hundreds) and ``det_misorder_frac`` (English determiners followed by function words).

Each returns a neutral value (0.0 for the log scores, 1.0 for the share) when a text has too little of the
script to judge, so short or mixed texts are never dropped for lack of evidence.
"""

from __future__ import annotations

import json
import math
import os
import re
from functools import lru_cache, reduce
from itertools import compress, repeat
from operator import add
from pathlib import Path

import numpy as np

from corpusgov.quality.packed_lookup import PackedLookup

_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
_DETERMINERS = frozenset("the an their our your my its".split())
_FUNCTION_WORDS = frozenset(
    "the a an of in to and or is are was were for with on at by from which as not but if than then so".split()
)
# What a manual calls a keyword it names: "the for loop", "an if statement", "the or operator", "the from clause".
_SYNTAX_NOUNS = frozenset("loop loops statement statements clause clauses operator operators keyword keywords "
                          "expression expressions construct block condition branch test".split())
# A pointer parameter of a C declaration the page shows ("char *to, const char *from,"): an API page names it in its
# prose ("the to and from strings"), a name, not a function word misplaced (docs round 11)
_POINTER_PARAM = re.compile(r"\w\s+\*+\s*([A-Za-z_]\w*)\s*[,)]")
_LATIN_WORD = re.compile(r"[a-z\u00e0-\u024f]{2,}")
PREFIX_CHARS = 2000  # judge on a bounded prefix: cost stays constant per document (quality.signals shares it)
_MAX_HAN_CHARS = 600  # Han text carries ~3x the information per character: a shorter prefix suffices
_MIN_HAN = 20
_MIN_PAIRS = 30
_MIN_ORDER_PAIRS = 10  # a difference of two readings of the same pairs: fewer pairs suffice
_ORDER_GATE = 1.0  # forward mean PMI at or above which the order margin is not computed (neutral 9.0)
_MIN_TRIGRAMS = 40
_BIGRAM_MIN_FREQ = 5
_FLOOR = 1.0  # add-one smoothing for unseen characters and trigrams
_MIN_WORD_PAIRS = 30  # word_pair_pmi: fewer word boundaries than this are too little evidence
WORD_ORDER_PATH = Path(__file__).with_name("word_order_en.json")
EN_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|[.!?;:,()]")


@lru_cache(maxsize=1)
def jieba_tables() -> tuple[dict[str, float], dict[str, float]]:
    """(log10 relative frequency per Han character, natural-log PMI >= 0 of every in-word character pair of a
    word with frequency >= 5) from jieba's dict.txt, counting each word as often as its frequency."""
    import jieba

    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    char_freq: dict[str, int] = {}
    pair_freq: dict[str, int] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split(" ")
            if len(parts) < 2:
                continue
            word, freq = parts[0], int(parts[1])
            for ch in word:
                char_freq[ch] = char_freq.get(ch, 0) + freq
            if freq >= _BIGRAM_MIN_FREQ:
                for i in range(len(word) - 1):
                    pair_freq[word[i:i + 2]] = pair_freq.get(word[i:i + 2], 0) + freq
    total = float(sum(char_freq.values()))
    logf = {ch: math.log10((n + _FLOOR) / total) for ch, n in char_freq.items()}
    n_pairs = float(sum(pair_freq.values()))
    ln_char = {ch: math.log((n + _FLOOR) / total) for ch, n in char_freq.items()}
    pmi = {p: max(0.0, math.log(n / n_pairs) - ln_char[p[0]] - ln_char[p[1]]) for p, n in pair_freq.items()}
    return logf, pmi


@lru_cache(maxsize=1)
def _unseen_han() -> float:
    logf, _ = jieba_tables()
    return min(logf.values()) - 1.0


@lru_cache(maxsize=1)
def _trad_to_simp() -> dict[int, str]:
    """Traditional -> simplified character map from OpenCC's TSCharacters table (Apache-2.0, via
    opencc-python-reimplemented); the first simplified candidate of each entry."""
    import opencc

    path = os.path.join(os.path.dirname(opencc.__file__), "dictionary", "TSCharacters.txt")
    table: dict[int, str] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 2 and len(parts[0]) == 1 and parts[1]:
                table[ord(parts[0])] = parts[1].split(" ")[0]
    return table


@lru_cache(maxsize=64)
def _trigram_table(lang: str) -> tuple[dict[str, float], float] | None:
    """log10 P(trigram) from langdetect's profile of ``lang`` and the value for an unseen trigram."""
    from langdetect.detector_factory import PROFILES_DIRECTORY

    name = {"zh-Hans": "zh-cn", "zh-Hant": "zh-tw"}.get(lang, lang)
    path = os.path.join(PROFILES_DIRECTORY, name)
    if not os.path.isfile(path):
        return None
    with open(path, encoding="utf-8") as f:
        prof = json.load(f)
    n3 = float(prof["n_words"][2])
    table = {g: math.log10((c + _FLOOR) / n3) for g, c in prof["freq"].items() if len(g) == 3}
    return table, math.log10(_FLOOR / n3)


_WORD_CACHE_MAX = 200_000
_word_scores: dict[str, dict[str, float]] = {}  # per language: word -> sum of its trigrams' log10 probabilities


def _word_sum(word: str, table: dict[str, float], unseen: float) -> float:
    """Sum of the log10 probabilities of the trigrams of ``word`` (a word of n letters has n trigrams)."""
    padded = f" {word} "
    grams = [padded[i:i + 3] for i in range(len(padded) - 2)]
    return sum(map(table.get, grams, repeat(unseen, len(grams))))


def ascii_latin_words(head_lower: str, cut: int) -> tuple[list[str], list[str]]:
    """For lower-cased ASCII text: (the Latin words ``latin_logp`` reads, the words of ``head_lower[:cut]``), with one
    scan of the characters: the two halves are scanned apart and joined, unless a word runs across the cut."""
    first = _ascii_latin_words(head_lower[:cut])
    if len(head_lower) <= cut:
        return first, first
    if head_lower[cut - 1].islower() and head_lower[cut].islower():  # a word runs across the cut
        return _ascii_latin_words(head_lower), first
    return first + _ascii_latin_words(head_lower[cut:]), first


# ASCII: every character but a-z becomes a space, so the words of 2+ letters of ``split()`` are the ``_LATIN_WORD``
# matches (about half the cost of ``findall``).
_ASCII_AZ_ONLY = {c: " " for c in range(128) if not "a" <= chr(c) <= "z"}


def _ascii_latin_words(s: str) -> list[str]:
    """``_LATIN_WORD.findall(s)`` for ASCII ``s``."""
    return [w for w in s.translate(_ASCII_AZ_ONLY).split() if len(w) > 1]


def latin_logp(text: str, lang: str | None, head_lower: str | None = None, words: list[str] | None = None) -> float:
    """Mean log10 trigram probability of the Latin-script words (0.0: too few to judge). ``head_lower``:
    ``text[:2000].lower()`` when the caller has it already; ``words``: its Latin words (``ascii_latin_words``).

    Word scores are memoised per language (words repeat, Zipf), so most words cost one dict hit; the cache is
    bounded and the result does not depend on it. The sum runs left to right over the words, as adding word by
    word does."""
    base = (lang or "en").split("-")[0].lower()
    tab = _trigram_table(base)
    if tab is None:
        base, tab = "en", _trigram_table("en")
    if tab is None:
        return 0.0
    table, unseen = tab
    if words is None:
        words = _LATIN_WORD.findall(text[:PREFIX_CHARS].lower() if head_lower is None else head_lower)
    n = sum(map(len, words))  # trigrams: one per letter
    if n < _MIN_TRIGRAMS:
        return 0.0
    cache = _word_scores.setdefault(base, {})
    try:  # every word memoised (most texts once the cache is warm): no set of the words to build
        return reduce(add, map(cache.__getitem__, words), 0.0) / n
    except KeyError:
        pass
    missing = set(words).difference(cache)
    if missing:
        if sum(map(len, _word_scores.values())) + len(missing) > _WORD_CACHE_MAX:
            for c in _word_scores.values():
                c.clear()
            missing = set(words)
        cache.update((w, _word_sum(w, table, unseen)) for w in missing)
    return reduce(add, map(cache.__getitem__, words), 0.0) / n


_HAN_LO, _HAN_N = 0x4E00, 0x9FFF - 0x4E00 + 1  # the range of _HAN_RUN


@lru_cache(maxsize=1)
def _han_arrays() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The jieba/OpenCC tables as arrays for ``han_stats``: log10 frequency and simplified code point per Han
    character of the ``_HAN_RUN`` range, and the PMI table as sorted pair keys (``a << 21 | b``) with values.
    Built once per machine (``table_cache``: keyed by dict.txt, TSCharacters.txt and this module's source)."""
    import jieba
    import opencc

    from corpusgov.quality.table_cache import cached_arrays

    sources = [os.path.join(os.path.dirname(jieba.__file__), "dict.txt"),
               os.path.join(os.path.dirname(opencc.__file__), "dictionary", "TSCharacters.txt"), __file__]
    a = cached_arrays("han_tables", sources, _build_han_arrays)
    return a["logf"], a["simp"], a["pair_keys"], a["pair_pmi"]


def word_pair_keys() -> np.ndarray:
    """Sorted keys (``a << 21 | b``, simplified code points) of the Han pairs found inside jieba dictionary words."""
    return _han_arrays()[2]


def _build_han_arrays() -> dict[str, np.ndarray]:
    logf, pmi = jieba_tables()
    simp_map = _trad_to_simp()
    cps = np.arange(_HAN_LO, _HAN_LO + _HAN_N)
    unseen = _unseen_han()
    lf = np.array([logf.get(chr(c), unseen) for c in cps.tolist()], dtype=np.float64)
    simp = np.array([ord(simp_map.get(c, chr(c))) for c in cps.tolist()], dtype=np.int64)  # one char each
    keys = np.array([ord(p[0]) << 21 | ord(p[1]) for p in pmi], dtype=np.int64)
    vals = np.array(list(pmi.values()), dtype=np.float64)
    order = np.argsort(keys)
    return {"logf": lf, "simp": simp, "pair_keys": keys[order], "pair_pmi": vals[order]}


def simplified_code_points() -> np.ndarray:
    """Simplified code point of each Han character from U+4E00 (OpenCC's table), shared with ``textlm``."""
    return _han_arrays()[1]


def _seq_sum(v: np.ndarray) -> float:
    """``sum()`` of the values as Python adds them (left to right from 0), not numpy's pairwise sum."""
    return float(np.cumsum(np.concatenate(([0.0], v)))[-1])


@lru_cache(maxsize=1)
def _pair_lookup() -> PackedLookup:
    """``word_pair_keys()`` as a hash table: most pair keys are answered with one probe instead of the ~17 dependent
    probes of a binary search (a tenth of the time on a batch of Chinese text; the same rows)."""
    keys = word_pair_keys()
    return PackedLookup(keys, np.arange(len(keys)))


def pair_rows(keys: np.ndarray) -> np.ndarray:
    """The row of each pair key (``a << 21 | b``, simplified code points) in ``word_pair_keys()``, -1 if absent."""
    return _pair_lookup().rows_of(keys)


def _pair_pmi(keys: np.ndarray, table_vals: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(in the table?, PMI or 0.0) per pair key; ``table_vals``: the PMI of each row of ``word_pair_keys()``."""
    rows = pair_rows(keys)
    found = rows >= 0
    return found, np.where(found, table_vals[rows], 0.0)


def han_stats(text: str) -> tuple[float, float, float, float, int, int]:
    """(mean log10 character frequency, in-word pair share, mean pair PMI, forward-minus-backward PMI, Han
    characters, longest run of Han characters with no punctuation, space or other character between them) on a
    bounded prefix. Pairs are taken inside runs only (never across punctuation). Neutral values below the
    minimums: 0.0 and 1.0 below 20 characters, 9.0 for the PMI below 30 pairs and the margin below 10.

    The margin is computed only when the pairs are weak (mean PMI < 1.0) or too few to measure: text whose
    pairs read strongly forwards cannot be read better backwards, and most real text is skipped at no cost.
    Vectorised over code points (table lookups by index and sorted pair keys); sums are taken left to right, so
    the values are those of summing per character and pair in Python."""
    cps = np.frombuffer(text[:_MAX_HAN_CHARS].encode("utf-32-le", "surrogatepass"), dtype="<u4").astype(np.int64)
    off = cps - _HAN_LO
    han = (off >= 0) & (off < _HAN_N)
    chars = int(np.count_nonzero(han))
    if chars == 0:
        return 0.0, 1.0, 9.0, 9.0, 0, 0
    edge = np.diff(np.concatenate(([0], han.view(np.int8), [0])))
    starts, ends = np.flatnonzero(edge == 1), np.flatnonzero(edge == -1)
    longest = int((ends - starts).max())
    lf, simp_tab, _, pvals = _han_arrays()
    idx = off[han]
    simp = np.zeros(len(cps), dtype=np.int64)
    simp[han] = simp_tab[idx]
    pos = np.flatnonzero(han[:-1] & han[1:])  # a pair starts here (both characters in one run)
    n = len(pos)
    fwd_keys = simp[pos] << 21 | simp[pos + 1]
    found, fwd = _pair_pmi(fwd_keys, pvals)
    mean_logf, share, mean_pmi = 0.0, 1.0, 9.0
    if chars >= _MIN_HAN:
        mean_logf = _seq_sum(lf[idx]) / chars
        if n >= _MIN_PAIRS:
            share = int(np.count_nonzero(found)) / n
            mean_pmi = _seq_sum(fwd) / n
    margin = 9.0
    if (mean_pmi < _ORDER_GATE or mean_pmi == 9.0) and n >= _MIN_ORDER_PAIRS:
        # Read backwards: each run reversed, so its pairs swapped and in reverse order, runs in text order.
        run = np.searchsorted(starts, pos, side="right")
        back_pos = pos[np.lexsort((-pos, run))]
        _, back = _pair_pmi(simp[back_pos + 1] << 21 | simp[back_pos], pvals)
        margin = (_seq_sum(fwd) - _seq_sum(back)) / n
    return mean_logf, share, mean_pmi, margin, chars, longest


def _order_margin(simp: list[str], cands: list[str]) -> float:
    """Mean PMI of adjacent Han pairs read forwards minus read backwards (``ab`` vs ``ba``), 9.0 (neutral) below
    10 pairs. Text reads better forwards: real Chinese, classical included, scores > -0.3 (-0.28 the lowest of
    4,200 good dev and held-out documents, most above 0); reversed clauses score below 0, mostly below -0.3."""
    n = len(cands)
    if n < _MIN_ORDER_PAIRS:
        return 9.0
    pmi = jieba_tables()[1]
    back = [r[i:i + 2] for s in simp for r in (s[::-1],) for i in range(len(r) - 1)]
    return (sum(map(pmi.get, cands, repeat(0.0, n))) - sum(map(pmi.get, back, repeat(0.0, n)))) / n


def han_order_margin(text: str) -> float:
    """``_order_margin`` of the Han runs of a bounded prefix (ungated)."""
    table = _trad_to_simp()
    simp = [run.translate(table) for run in _HAN_RUN.findall(text[:_MAX_HAN_CHARS])]
    return _order_margin(simp, [s[i:i + 2] for s in simp for i in range(len(s) - 1)])


@lru_cache(maxsize=1)
def _word_order_table() -> tuple[dict[str, int], np.ndarray]:
    with WORD_ORDER_PATH.open(encoding="utf-8") as f:
        model = json.load(f)
    return {w: i for i, w in enumerate(model["vocab"])}, np.asarray(model["pmi"], dtype=np.float64)


def word_classes(text: str, index: dict[str, int] | None) -> list[tuple[int, int]]:
    """Per whitespace-separated word: the class of its first and of its last token (``EN_TOKEN``; the vocabulary
    index, or ``len(index)`` for any other word or a word with no token)."""
    index = index if index is not None else _word_order_table()[0]
    return [_classes_of(word, index) for word in text.lower().split()]


def _classes_of(word: str, index: dict[str, int]) -> tuple[int, int]:
    other = len(index)
    toks = EN_TOKEN.findall(word)
    if not toks:
        return other, other
    return index.get(toks[0], other), index.get(toks[-1], other)


_CLASS_CACHE_MAX = 100_000
_class_cache: dict[str, int] = {}


def word_pair_pmi(text: str, words: list[str] | None = None) -> float:
    """English: mean PMI of adjacent words' boundary tokens (see module doc) on a bounded prefix; 9.0 (neutral)
    below 30 word boundaries. Word classes are memoised (bounded; the result does not depend on the cache).
    ``words``: ``text[:2000].lower().split()`` when the caller has it already."""
    index, pmi = _word_order_table()
    if words is None:
        words = text[:PREFIX_CHARS].lower().split()
    if len(words) <= _MIN_WORD_PAIRS:
        return 9.0
    cache = _class_cache
    if len(cache) >= _CLASS_CACHE_MAX:
        cache.clear()
    k = len(index) + 1
    try:  # every word memoised (most texts once the cache is warm): no set of the words to build
        codes = np.fromiter(map(cache.__getitem__, words), dtype=np.intp, count=len(words))
    except KeyError:
        for w in set(words).difference(cache):
            first, last = _classes_of(w, index)
            cache[w] = first * k + last  # both classes in one int: one C-level lookup per word below
        codes = np.fromiter(map(cache.__getitem__, words), dtype=np.intp, count=len(words))
    return float(pmi[codes[:-1] % k, codes[1:] // k].mean())


# A synopsis line (docs round 12): syntax a manual shows, not a sentence: short, no sentence end, and brackets, bars
# or semicolons ("if list then list [ elif list then list ] ... fi", "if test-commands; then", "Syntax: X On|Off";
# word salad runs on in lines of hundreds of characters).
# Its words are the keywords and values the prose then names ("the then list", "the if command", "the On flag").
_SYNOPSIS_MARKS = re.compile(r"[\[\]|;{}]")
_SENTENCE_END = (".", "!", "?", ":")
SYNOPSIS_MAX_CHARS = 100


def synopsis_words(head: str) -> set[str]:
    """The lower-cased words of the synopsis lines of ``head`` (see _SYNOPSIS_MARKS)."""
    out: set[str] = set()
    for line in head.split("\n"):
        line = line.strip()
        if 0 < len(line) <= SYNOPSIS_MAX_CHARS and not line.endswith(_SENTENCE_END) and _SYNOPSIS_MARKS.search(line):
            out.update(w.lower() for w in _LATIN_RUN.findall(line))
    return out


_LATIN_RUN = re.compile(r"[A-Za-z]+")


def _named_keyword(cased: list[str], words: list[str], i: int) -> bool:
    """Whether the function word at ``i`` (after a determiner) is a keyword or a label a manual names: in capitals
    before a word that is not ("the FROM clause", "an AS clause"; shouted text is capitals throughout), in a
    title-case name before a lower-case word ("the Not Junk button"), or before its syntactic category ("the for
    loop", "an if statement", "the in operator")."""
    nxt = cased[i + 1] if i + 1 < len(cased) else ""
    if len(cased[i]) > 1 and cased[i].isupper():
        return nxt[:1].islower()
    if cased[i][0].isupper() and nxt[:1].isupper():
        return i + 2 < len(cased) and cased[i + 2][:1].islower()
    return words[i + 1].rstrip(".,;:") in _SYNTAX_NOUNS if i + 1 < len(words) else False


def det_misorder_frac(text: str, words: list[str] | None = None) -> float:
    """English: share of determiners (the, an, my, its, ...) directly followed by a function word (of, the, and,
    is, ...), over >= 6 determiners; 0.0 below. Real prose almost never has "the of" or "an is" (0 on the
    dev set's documentation); shuffled words do (about 0.3), whatever their vocabulary. A function word after a
    determiner that is a keyword or label a manual names, in capitals ("the FROM clause"), in a title-case name ("the
    Not Junk button"), before its category ("the for loop", "an if statement") or a pointer parameter of a C declaration
    in the text ("char *to": "the to string") does not count. Words are split on
    whitespace, so "an in-place method" is one determiner and one word. ``words``: ``text[:2000].lower().split()``
    when the caller has it already."""
    if words is None:
        words = text[:PREFIX_CHARS].lower().split()
    is_det = list(map(_DETERMINERS.__contains__, words))
    n = sum(is_det)
    if n < 6:
        return 0.0
    bad = sum(map(_FUNCTION_WORDS.__contains__, compress(words[1:], is_det)))  # the word after each determiner
    if bad:  # a keyword or a label named, not a function word misplaced
        cased = text[:PREFIX_CHARS].split()
        if len(cased) != len(words):  # lower() changed the split (rare): judge the lower-case words alone
            cased = words
        head = text[:PREFIX_CHARS]
        params = {p.lower() for p in _POINTER_PARAM.findall(head)} if "*" in head else set()
        params |= synopsis_words(head)
        bad -= sum(1 for i in compress(range(len(words) - 1), is_det)  # the determiners' positions, not every word's
                   if words[i + 1] in _FUNCTION_WORDS and (_named_keyword(cased, words, i + 1) or words[i + 1] in params))
    return bad / n


def _seq_sums(values: np.ndarray, owner: np.ndarray, k: int) -> np.ndarray:
    """Per owner (0 .. k-1; ``values`` grouped by owner, in order): the sum of its values as ``_seq_sum`` adds
    them. Each owner's values go into one row of a zero-padded matrix after a leading 0.0 and the rows are
    accumulated left to right (``cumsum`` is sequential), so every sum is the same float the single version
    gives; trailing zeros add nothing (the running sum is never -0.0)."""
    counts = np.bincount(owner, minlength=k)
    out = np.zeros((k, int(counts.max(initial=0)) + 1))
    if len(values):
        first = np.zeros(k, dtype=np.int64)
        np.cumsum(counts[:-1], out=first[1:])
        out[owner, 1 + np.arange(len(values)) - first[owner]] = values
    return np.cumsum(out, axis=1)[:, -1]


def han_stats_batch(texts: list[str]) -> list[tuple[float, float, float, float, int, int]]:
    """``han_stats`` of each text, computed for all of them in one numpy pass over the code points of their
    joined prefixes (runs and pairs never cross from one text into the next); the same values, float for float
    (per-text sums are taken left to right by ``_seq_sums``). Why: for a batch of 1 KB texts the single version
    pays numpy's per-call cost about twenty times per text."""
    k = len(texts)
    heads = [t[:_MAX_HAN_CHARS] for t in texts]
    lens = np.fromiter(map(len, heads), dtype=np.int64, count=k)
    cps = np.frombuffer("".join(heads).encode("utf-32-le", "surrogatepass"), dtype="<u4").astype(np.int64)
    size = len(cps)
    doc = np.repeat(np.arange(k, dtype=np.int64), lens)
    first = np.zeros(k, dtype=np.int64)
    np.cumsum(lens[:-1], out=first[1:])
    off = cps - _HAN_LO
    han = (off >= 0) & (off < _HAN_N)
    # next_in_run[p]: p and p + 1 are Han characters of the same text
    next_in_run = np.zeros(size, dtype=bool)
    next_in_run[:-1] = han[:-1] & han[1:]
    next_in_run[(first + lens - 1)[lens > 0]] = False
    prev_in_run = np.zeros(size, dtype=bool)
    prev_in_run[1:] = next_in_run[:-1]
    starts = np.flatnonzero(han & ~prev_in_run)
    ends = np.flatnonzero(han & ~next_in_run) + 1
    longest = np.zeros(k, dtype=np.int64)
    np.maximum.at(longest, doc[starts], ends - starts)
    chars = np.bincount(doc[han], minlength=k)
    lf, simp_tab, _, pvals = _han_arrays()
    idx = off[han]
    simp = np.zeros(size, dtype=np.int64)
    simp[han] = simp_tab[idx]
    pos = np.flatnonzero(next_in_run)
    pair_doc = doc[pos]
    n_pairs = np.bincount(pair_doc, minlength=k)
    found, fwd = _pair_pmi(simp[pos] << 21 | simp[pos + 1], pvals)
    n_found = np.bincount(pair_doc[found], minlength=k)
    logf_sum = _seq_sums(lf[idx], doc[han], k)
    fwd_sum = _seq_sums(fwd, pair_doc, k)
    rows: list[list[float | int]] = []
    need: list[int] = []  # texts whose order margin is computed (weak or too few pairs to judge, >= 10 pairs)
    for d, (c, n, nf, run_max, lsum, fsum) in enumerate(zip(chars.tolist(), n_pairs.tolist(), n_found.tolist(),
                                                            longest.tolist(), logf_sum.tolist(), fwd_sum.tolist(),
                                                            strict=True)):
        if c == 0:
            rows.append([0.0, 1.0, 9.0, 9.0, 0, 0])
            continue
        mean_logf, share, mean_pmi = 0.0, 1.0, 9.0
        if c >= _MIN_HAN:
            mean_logf = lsum / c
            if n >= _MIN_PAIRS:
                share = nf / n
                mean_pmi = fsum / n
        if (mean_pmi < _ORDER_GATE or mean_pmi == 9.0) and n >= _MIN_ORDER_PAIRS:
            need.append(d)
        rows.append([mean_logf, share, mean_pmi, 9.0, c, run_max])
    if need:
        # Read backwards (as han_stats), for those texts only: each run reversed, runs in text order.
        sel = np.zeros(k, dtype=bool)
        sel[need] = True
        pos = pos[sel[pair_doc]]
        run = np.searchsorted(starts, pos, side="right")
        back_pos = pos[np.lexsort((-pos, run))]
        _, back = _pair_pmi(simp[back_pos + 1] << 21 | simp[back_pos], pvals)
        back_sum = _seq_sums(back, doc[back_pos], k).tolist()
        fsums, ns = fwd_sum.tolist(), n_pairs.tolist()
        for d in need:
            rows[d][3] = (fsums[d] - back_sum[d]) / ns[d]
    return [(float(r[0]), float(r[1]), float(r[2]), float(r[3]), int(r[4]), int(r[5])) for r in rows]
