"""Content screening against a keyword lexicon (TC260-003 §8.1, Interim Measures Art. 7(4)).

One Aho-Corasick automaton is built from the lexicon, so matching costs one pass over the text however many
terms there are (the standard asks for ≥ 10,000). Matching folds ASCII letters and full-width ASCII
(ＣＡＳＩＮＯ → casino) to lower case and works on Chinese as is. Terms whose edge is an ASCII letter or
digit only match whole words (``bet`` does not hit "alphabet"); end such a term with ``*`` to allow a
longer word (``casino*`` hits "casinos"). Chinese terms match anywhere.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import ahocorasick
import numpy as np

# A-Z -> a-z and full-width ASCII (U+FF01..U+FF5E) -> ASCII, then lower-cased; one-to-one so offsets hold.
_FOLD = {c: ord(chr(c).lower()) for c in range(ord("A"), ord("Z") + 1)}
_FOLD.update({c: ord(chr(c - 0xFEE0).lower()) for c in range(0xFF01, 0xFF5F)})
_FOLD[0x3000] = ord(" ")  # ideographic space
# The same mapping as a table over the Basic Multilingual Plane, where every key and value of _FOLD lies.
_FOLD_BMP = np.arange(0x10000, dtype="<u4")
_FOLD_BMP[list(_FOLD)] = list(_FOLD.values())


def _fold(text: str) -> str:
    """``text.translate(_FOLD)``.

    Why (issue 15): the translation looks every character up in a dict (≈ 14 µs per 1 KB bench text, most of
    screening's cost); ASCII text is lower-cased by ``str.lower`` (which changes only A-Z there), other text
    of the Basic Multilingual Plane goes through one table look-up per code point in numpy."""
    if text.isascii():
        return text.lower()
    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    if int(cps.max()) >= 0x10000:  # a code point beyond the table: the dict, as before
        return text.translate(_FOLD)
    return _FOLD_BMP[cps].tobytes().decode("utf-32-le", "surrogatepass")


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


class LexiconMatcher:
    """Finds lexicon terms in text; build once per worker, call :meth:`hits` per record."""

    def __init__(self, terms: Iterable[str]) -> None:
        self._auto = ahocorasick.Automaton()
        self.size = 0
        for raw in terms:
            term = raw.strip()
            prefix = term.endswith("*") and len(term) > 1
            key = _fold(term[:-1] if prefix else term)
            if not key.strip():
                continue
            left = _is_word_char(key[0])
            right = _is_word_char(key[-1]) and not prefix
            if key in self._auto:
                continue  # first spelling wins; duplicates after folding are ignored
            self._auto.add_word(key, (term, len(key), left, right))
            self.size += 1
        if self.size:
            self._auto.make_automaton()

    def hits(self, text: str) -> list[str]:
        """Unique matched terms (as written in the lexicon), sorted."""
        if not self.size or not text:
            return []
        folded = _fold(text)
        found: set[str] = set()
        n = len(folded)
        for end, (term, length, left, right) in self._auto.iter(folded):
            if term in found:
                continue
            start = end - length + 1
            if left and start > 0 and _is_word_char(folded[start - 1]):
                continue
            if right and end + 1 < n and _is_word_char(folded[end + 1]):
                continue
            found.add(term)
        return sorted(found)


def load_lexicon(path: str) -> tuple[list[str], str]:
    """Read a UTF-8 lexicon (one term per line, ``#`` comment lines, blanks ignored) -> (terms, sha256)."""
    with open(path, "rb") as f:
        data = f.read()
    digest = hashlib.sha256(data).hexdigest()
    terms: list[str] = []
    seen: set[str] = set()
    for line in data.decode("utf-8-sig").splitlines():
        term = line.strip()
        if not term or term.startswith("#"):
            continue
        if term not in seen:
            seen.add(term)
            terms.append(term)
    return terms, digest
