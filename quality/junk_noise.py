"""Character-level noise: misspelt words, digits inside words, look-alike letters of other scripts, invisible characters,
and rare Han characters.

Why: OCR output, typo-ridden or lossy text, homoglyph spam and zero-width litter keep the length, repetition and
character-class statistics of the real text they were made from, so the document-level rules pass them. Real text
is made of words a dictionary knows, of letters of one script per word, of visible characters and (Chinese) of the
few thousand characters that make up almost all running text. Each signal below is one small pure function over a
document's first ``PREFIX_CHARS`` characters (no Beam, no model); the rules and their thresholds are in the policy,
each with its source in the README. Every signal is neutral (0.0) when there is too little text to judge.

zh adaptation: Chinese has no spelling to check, so the non-word share becomes the share of Han characters outside
the common set (``han_rare_frac``, jieba's character frequencies after traditional → simplified mapping); the
script, digit and invisible-character checks apply to any text.
"""

from __future__ import annotations

import gzip
import re
from functools import lru_cache
from itertools import filterfalse
from pathlib import Path

import numpy as np

PREFIX_CHARS = 2000
VOCAB_PATH = Path(__file__).with_name("noise_vocab_en.txt.gz")
MIN_WORDS = 20  # candidate words before the non-word share is judged
SHORT_WORDS = 10  # a shorter text is never judged; from here to MIN_WORDS only with SHORT_TYPOS pieces of evidence
SHORT_TYPOS = 3  # typo evidence (distinct misreadings, each split word twice) a short text needs to be judged
MIN_HAN = 20
TYPO_GATE = 0.04  # share of unknown words below which the typo share is not computed (0.0)
LM_MIN_COUNT = 3  # textlm unigram count from which a word counts as known
COMMON_COUNT = 20  # textlm unigram count from which a dictionary word is common (a typo's likely intent)
_HAN_N = 0x9FFF - 0x4E00 + 1
RARE_LOGF = -5.5  # log10 relative frequency below which a Han character is outside the common set (tuned)

# Zero-width and joiner characters, bidi controls, word joiner / invisible operators, the BOM, the soft hyphen,
# private-use code points and C0/C1 controls other than tab, newline and carriage return.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ue000-\uf8ff"
                        "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# A white-space token that is a lower-case letter/digit run with at most quotes and brackets around it and one
# clause mark after it: tokens with capitals, underscores, dots or markup inside (``:func:``, ``a=b``, ``/usr``,
# ``versionadded::``, ``\\cmd``) do not match, so names, code identifiers and markup are left out.
_TOKEN = re.compile(r"(?<!\S)[(\[{<\"'“‘«*]*([a-z0-9]{2,})[)\]}>\"'”’»*]*[.,;:!?]?[)\]}>\"'”’»*]*(?!\S)")
# ``_TOKEN`` as ``_tokens`` runs it, on the prefix with a space put before it: led by the white space before a token
# (the engine skips to the next white space at C speed instead of trying the lookbehind at every character), runs
# possessive (the classes in a row are disjoint, so giving characters back never finds another match): the same
# tokens, 28 -> 22 us per English 2,000-character head.
_TOKEN_AFTER_SPACE = re.compile(r"\s[(\[{<\"'“‘«*]*+([a-z0-9]{2,}+)[)\]}>\"'”’»*]*+[.,;:!?]?[)\]}>\"'”’»*]*+(?!\S)")
_LATIN = re.compile(r"[A-Za-z]")
_OTHER_SCRIPT = re.compile(r"[\u0370-\u03ff\u0400-\u04ff]")  # Greek and Cyrillic
_INNER_DIGIT = re.compile(r"[a-z][0-9]+[a-z]")
_LEAD_DIGIT = re.compile(r"[0-9]([a-z]+)")
# Units, ordinals and the like that follow a number in real text (3rd, 10px, 2d, 64bit, 5min).
_UNITS = frozenset("st nd rd th s m h d k g x b px pt em ms ns us kb mb gb tb bit bits min am pm hz khz mhz ghz cm mm "
                   "km kg mg ml fps dpi mp db".split())
# Lower-case identifiers with a digit inside that real text uses (numeronyms, codecs, formats).
_DIGIT_WORDS = frozenset("i18n l10n k8s a11y e2e p2p b2b b2c h2o mp3 mp4 h264 h265 utf8 x86 x64 ipv4 ipv6 s3 ec2 "
                         "md5sum sha1sum sha256sum utf8mb4 win32 win64".split())
_NOT_HAN = re.compile(r"[^\u4e00-\u9fff]+")
_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", ""),
             ("ly", ""), ("er", ""), ("est", ""), ("ness", ""), ("ment", ""), ("able", ""), ("ers", ""))


@lru_cache(maxsize=1)
def vocabulary() -> frozenset[str]:
    """English words (SCOWL 50 via Debian wamerican/wbritish; ``quality/noise_vocab_en_PROVENANCE.md``)."""
    with gzip.open(VOCAB_PATH, "rt", encoding="ascii") as f:
        return frozenset(f.read().split())


_MASK = (1 << 64) - 1
_POW = tuple(pow(1_000_003, i, 1 << 64) for i in range(32))


def _mix(h: int) -> int:
    """``textlm.hash_mix`` of one value (Python integers, 64-bit wrap-around)."""
    h ^= h >> 31
    h = (h * 0x9E3779B97F4A7C15) & _MASK
    return h ^ (h >> 29)


@lru_cache(maxsize=1)
def _lm_words() -> np.ndarray:
    """The textlm word-unigram counts (read-only; Debian documentation and prose, ``textlm_PROVENANCE.md``)."""
    from corpusgov.quality.textlm import TABLE_PATH

    with np.load(TABLE_PATH) as z:
        return z["en_uni"]


def _known(word: str, vocab: frozenset[str]) -> bool:
    """In the vocabulary, or an inflection or derivation of a word that is (plural, -ed, -ing, -ly, -er, -ness …), or
    a word the textlm training text uses."""
    if word in vocab or _lm_count(word) >= LM_MIN_COUNT:
        return True
    for suffix, repl in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and word[: -len(suffix)] + repl in vocab:
            return True
    return word.endswith("ing") and len(word) > 6 and word[-4] == word[-5] and word[:-4] in vocab  # stopping


_LETTERS = "abcdefghijklmnopqrstuvwxyz"
# Function words that OCR and careless typing run into their neighbours ("thelocal", "nameand").
_GLUE = frozenset("a an at to of in on is it by or as be the and for that with this from are was not".split())


def _lm_count(word: str) -> int:
    """The textlm unigram count of a lower-case word (its hashed bucket, as ``textlm`` hashes it)."""
    h = 0
    for i, ch in enumerate(word):  # textlm: sum of code point x 1,000,003^min(i, 31), mod 2^64
        h = (h + (ord(ch) | 32) * _POW[min(i, 31)]) & _MASK
    return int(_lm_words()[_mix(h) >> (64 - 18)])


def _common(word: str, vocab: frozenset[str]) -> bool:
    return word in vocab and _lm_count(word) >= COMMON_COUNT


def _near_miss(word: str, vocab: frozenset[str]) -> bool:
    """One edit away from a common dictionary word (a letter dropped, added, replaced or two swapped: Damerau's four
    single-error kinds, which cover most typing and OCR errors) or a word run together with a function word.
    Foreign words, names and technical compounds are seldom this close to a common English word."""
    n = len(word)
    for i in range(1, n):
        a, b = word[:i], word[i:]
        if (a in _GLUE and b in vocab) or (b in _GLUE and a in vocab):
            return True
    cands = set()
    for i in range(n):
        cands.add(word[:i] + word[i + 1:])
        if i + 1 < n:
            cands.add(word[:i] + word[i + 1] + word[i] + word[i + 2:])
    for i in range(n + 1):
        head, tail = word[:i], word[i:]
        cands.update(head + c + tail for c in _LETTERS)
        if i < n:
            cands.update(head + c + word[i + 1:] for c in _LETTERS)
    return any(_common(c, vocab) for c in cands & vocab)


# OCR look-alikes of Latin print, as (read, meant): a misread word becomes a common word again when one is undone.
_CONFUSIONS = (("rn", "m"), ("m", "rn"), ("cl", "d"), ("d", "cl"), ("vv", "w"), ("ii", "u"), ("li", "h"), ("1", "l"),
               ("0", "o"), ("l", "i"), ("i", "l"), ("c", "e"), ("e", "c"), ("h", "b"), ("b", "h"), ("u", "v"),
               ("v", "u"), ("f", "t"), ("t", "f"))
# A lower-case word with a 0 or 1 among its letters (``y0u``, ``protoco1s``): a candidate look-alike misreading.
_OCR_DIGITS = re.compile(r"[a-z]*[01][a-z]*[01]?[a-z]*")
# A white-space token that is a lower-case word with at most clause marks or closing quotes after it.
_PIECE_TAIL = re.compile(r"([a-z]+)[)\]}\"'”’.,;:!?]*")


def _confusable(word: str, vocab: frozenset[str]) -> bool:
    """A common dictionary word once one OCR look-alike sequence in it is read back (``argumcnt`` → argument,
    ``y0u`` → you, ``cornbine`` → combine): the misreadings of print, which one edit alone does not always explain."""
    for seen, meant in _CONFUSIONS:
        i = word.find(seen)
        while i >= 0:
            cand = word[:i] + meant + word[i + len(seen):]
            if cand.isalpha() and _common(cand, vocab):
                return True
            i = word.find(seen, i + 1)
    return False


def _word_like(word: str, vocab: frozenset[str]) -> bool:
    return word in vocab or _lm_count(word) >= LM_MIN_COUNT


def split_pieces(text: str, vocab: frozenset[str] | None = None) -> int:
    """Distinct common words of 5+ letters split in two by a stray space, one piece no word (``transpor t``,
    ``ca llback``): white-space neighbours, lower-case letters only (the second may end in a clause mark), that join
    into a common dictionary word while one of them is neither a dictionary word nor one the textlm has seen. Two
    real words in a row (``a way``) never count; code and names seldom split into a non-word and its rest."""
    vocab = vocabulary() if vocab is None else vocab
    toks = text[:PREFIX_CHARS].split()
    seen: set[str] = set()
    for a, b in zip(toks, toks[1:], strict=False):
        if not (a.isalpha() and a.isascii() and a.islower()):
            continue
        m = _PIECE_TAIL.fullmatch(b)
        if m is None:
            continue
        joined = a + m.group(1)  # (the set look-up first: most neighbours join into no word)
        if len(joined) >= 5 and joined in vocab and joined not in seen and _common(joined, vocab) \
                and not (_word_like(a, vocab) and _word_like(m.group(1), vocab)):
            seen.add(joined)
    return len(seen)


def _tokens(text: str) -> list[str]:
    """The lower-case letter/digit words of a document's first ``PREFIX_CHARS`` characters (``_TOKEN``)."""
    return _TOKEN_AFTER_SPACE.findall(" " + text[:PREFIX_CHARS])  # = _TOKEN.findall(text[:PREFIX_CHARS])


def en_typo_frac(text: str, tokens: list[str] | None = None) -> float:
    """Share of the lower-case alphabetic words (3+ letters; words with capitals, digits, underscores, dots or
    markup — names and code identifiers — left out) that no dictionary form explains but that lie one edit from a
    common dictionary word or are a word run together with a function word, each between two known words (foreign
    phrases and runs of terms are not typos) and each distinct word once (a recurring one is a name), words that
    become a common word when one look-alike sequence is read back (``_confusable``: rn/m, cl/d, 1/l, 0/o, c/e …;
    words with a 0 or 1 among letters included), pairs of unknown words that join into a dictionary word and
    fragments split off a common word (``split_pieces``; both a stray space, counted twice as they spoil two
    tokens): typos, OCR confusions, dropped letters. 0.0 below ``SHORT_WORDS`` such words, below ``MIN_WORDS`` with
    fewer than ``SHORT_TYPOS`` pieces of evidence, or when under ``TYPO_GATE`` of them are unknown at all (the edit
    search is only paid on suspicious text)."""
    vocab = vocabulary()
    words = [w for w in (_tokens(text) if tokens is None else tokens)
             if len(w) > 2 and (w.isalpha() or (_OCR_DIGITS.fullmatch(w) is not None and not w.isdigit()))]
    if len(words) < SHORT_WORDS:
        return 0.0
    in_vocab = list(map(vocab.__contains__, words))  # = [w in vocab for w in words], in C
    if in_vocab.count(False) < TYPO_GATE * len(words):
        return 0.0
    known = [k or (w.isalpha() and _known(w, vocab)) for w, k in zip(words, in_vocab, strict=True)]
    if known.count(False) < TYPO_GATE * len(words):
        return 0.0
    # A typo stands among known words; a foreign phrase or a run of terms is several unknown words in a row.
    alone = [not k and (i == 0 or known[i - 1]) and (i + 1 == len(known) or known[i + 1]) for i, k in enumerate(known)]
    # Each misspelling counts once: a slip of the keyboard or of OCR varies from one occurrence to the next, while a
    # word that recurs identically is a name the text is about (a command such as ``eog`` or ``gsettings``, a variable
    # ``tol`` in a manual's code) — help pages and API manuals repeat theirs on every line.
    # A look-alike misreading (``rn`` for ``m``, ``1`` for ``l``) counts wherever it stands: OCR misreads whole
    # runs of words, and the fix is specific enough that foreign words and names seldom have one.
    # (Each distinct unknown word is tested once: known-ness and the two tests depend on the word alone.)
    alone_words = {w for w, a in zip(words, alone, strict=True) if a}
    typos = sum(1 for w in {w for w, k in zip(words, known, strict=True) if not k}
                if _confusable(w, vocab) or (w in alone_words and w.isalpha() and _near_miss(w, vocab)))
    # A word split by a stray space: two unknown neighbours that join into a dictionary word ("impl ement").
    typos += 2 * sum(1 for i in range(len(words) - 1)
                     if not (known[i] or known[i + 1]) and words[i] + words[i + 1] in vocab)
    typos += 2 * split_pieces(text, vocab)
    # A short text (a quotation, one option's description) gives a share from few words: judged only on several
    # pieces of evidence, which one name or foreign word in a short manual line does not give.
    return typos / len(words) if len(words) >= MIN_WORDS or typos >= SHORT_TYPOS else 0.0


def _is_digit_word(tok: str) -> bool:
    """A lower-case word with digits for letters: a digit between letters (``l1ke``, ``h3llo``) or a leading digit
    before letters that are no unit or ordinal (``0f``, ``5ubject``); numeronyms and codec names excepted."""
    if tok in _DIGIT_WORDS or tok.isdigit() or tok.isalpha():
        return False
    if _INNER_DIGIT.search(tok):
        return True
    m = _LEAD_DIGIT.fullmatch(tok)
    return m is not None and m.group(1) not in _UNITS


def digit_word_frac(text: str, tokens: list[str] | None = None) -> float:
    """Share of the distinct lower-case words (letters and digits) that write letters as digits (OCR l/1 and o/0,
    leetspeak); 0.0 unless three distinct such words are there (a tool name such as ``midi2ly`` recurs)."""
    toks = set(_tokens(text) if tokens is None else tokens)
    hits = sum(map(_is_digit_word, filterfalse(str.isalpha, toks)))  # (bools: True counts 1)
    return hits / len(toks) if hits >= 3 else 0.0


def mixed_script_words(text: str) -> float:
    """Words that mix Latin letters (two or more) with Greek or Cyrillic ones: look-alike letters swapped in
    (homoglyph spam, bad OCR). A unit such as ``μm`` has one Latin letter; real words keep to one script."""
    if text.isascii():
        return 0.0
    return float(sum(1 for w in text[:PREFIX_CHARS].split()
                     if _OTHER_SCRIPT.search(w) and len(_LATIN.findall(w)) >= 2))


def invisible_frac(text: str) -> float:
    """Share of the non-space characters that are invisible: zero-width spaces and joiners, bidi controls, soft
    hyphens, BOMs inside the text, private-use and control characters (a leading BOM is a file marker and does not
    count)."""
    if text.isascii() and text.isprintable():
        return 0.0
    head = text[:PREFIX_CHARS].lstrip("\ufeff")
    body = len(head) - sum(map(head.count, " \n\t\r"))
    return len(_INVISIBLE.findall(head)) / body if body > 0 else 0.0


def _build_rare_han() -> dict[str, np.ndarray]:
    """Per Han code point from U+4E00: 1 when its simplified form is outside the common set. Character frequency as
    ``naturalness.han_logfreq`` counts it: each character of each word of jieba's dict.txt, as often as the word."""
    import jieba

    from corpusgov.quality.naturalness import simplified_code_points

    freq = np.zeros(_HAN_N, dtype=np.float64)
    with open(Path(jieba.__file__).with_name("dict.txt"), encoding="utf-8") as f:
        for line in f:
            parts = line.split(" ")
            if len(parts) >= 2:
                n = int(parts[1])
                for ch in parts[0]:
                    if 0 <= ord(ch) - 0x4E00 < _HAN_N:
                        freq[ord(ch) - 0x4E00] += n
    total = freq.sum()  # (the characters outside U+4E00-U+9FFF are a negligible share of the total)
    common = np.log10((freq + 1.0) / total) >= RARE_LOGF
    simp = np.clip(simplified_code_points() - 0x4E00, 0, _HAN_N - 1)
    return {"rare": (~common[simp]).astype(np.uint8)}


@lru_cache(maxsize=1)
def _rare_han() -> re.Pattern[str]:
    """A character class of the Han characters (U+4E00-U+9FFF) outside the common set (a class is matched in C,
    far faster than a set per character); the table is cached per machine (``table_cache``)."""
    import jieba

    from corpusgov.quality.table_cache import cached_arrays

    rare = cached_arrays("noise_rare_han", [str(Path(jieba.__file__).with_name("dict.txt")), __file__],
                         _build_rare_han)["rare"]
    return re.compile("[" + "".join(chr(0x4E00 + int(i)) for i in np.flatnonzero(rare)) + "]")


def han_rare_frac(text: str) -> float:
    """Distinct Han characters outside the common set per Han character: OCR confusions and code-point neighbours
    are rare characters of similar shape scattered through the text, while classical verse repeats its few rare
    characters (refrains, reduplications such as 喤喤), so each counts once; 0.0 below ``MIN_HAN`` Han characters."""
    head = text[:PREFIX_CHARS]
    if head.isascii():
        return 0.0
    han = len(_NOT_HAN.sub("", head))
    if han < MIN_HAN:
        return 0.0
    return len(set(_rare_han().findall(head))) / han


def noise_signals(text: str, lang: str | None) -> dict[str, float]:
    """Every character-noise signal of one document (English word checks only when its language is English)."""
    en = (lang or "").split("-")[0] == "en"
    tokens = _tokens(text) if en else None
    return {
        "en_typo_frac": en_typo_frac(text, tokens) if en else 0.0,
        "digit_word_frac": digit_word_frac(text, tokens) if en else 0.0,
        "mixed_script_words": mixed_script_words(text),
        "invisible_frac": invisible_frac(text),
        "han_rare_frac": han_rare_frac(text),
    }
