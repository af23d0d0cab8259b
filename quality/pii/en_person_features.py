"""Features of the English person-name CRF: word tokens and hashed bucket ids per token.

Why a module of its own: the trainer (train_en_person.py) and the decoder (en_person_model.py) must compute the
very same bucket ids. Word-type properties (the lower-cased word, its shape, affixes, capitalisation and
name-list flags) are computed once per distinct word and cached, and so are the rows of each whitespace-separated
chunk, so a document costs one split and one dict lookup per chunk; the templates (the word and its neighbours, shape and capitalisation patterns around
it, sentence position, name-list flags beside a neighbour's word) are then combined for a whole batch of
documents at once with numpy, as the Chinese features are (zh_person_features.py).
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import unicodedata
from collections.abc import Sequence
from itertools import chain
from pathlib import Path

import numpy as np

HASH_BITS = 18
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX = np.uint64(0xC2B2AE3D27D4EB4F)
_SHIFT = np.uint64(64 - HASH_BITS)

# A word (letters/digits, inner apostrophes and hyphens: O'Brien, Jean-Luc), an @handle or #tag, or one
# other non-space character.
# A possessive 's is not part of the word (Burgess's -> Burgess ' s).
TOKEN = re.compile(r"[@#]?\w+(?:['’\-](?![sS]\b)\w+)*|[^\w\s]")
_SENT_END = frozenset(".!?:;\"“”|")

# Per-word base codes (columns of a token's code row) and the per-token position code.
W, SHAPE, SUF, PRE, GZ, CAP = range(6)
POS = 6
N_CODES = 7
# Capitalisation classes.
LOWER, TITLE, UPPER, MIXED, DIGIT, PUNCT, HANDLE = range(7)

# Templates: each a tuple of (code column, token offset) pairs; the first is the constant bias.
TEMPLATES: tuple[tuple[tuple[int, int], ...], ...] = (
    (),
    ((W, 0),),
    ((W, -1),),
    ((W, 1),),
    ((W, -2),),
    ((W, 2),),
    ((SHAPE, 0),),
    ((SUF, 0),),
    ((PRE, 0),),
    ((GZ, 0), (CAP, 0)),
    ((GZ, -1), (CAP, -1), (GZ, 0), (CAP, 0)),
    ((GZ, 0), (CAP, 0), (GZ, 1), (CAP, 1)),
    ((CAP, -1), (CAP, 0), (CAP, 1)),
    ((POS, 0), (CAP, 0), (GZ, 0)),
    ((W, -1), (CAP, 0)),
    ((CAP, 0), (W, 1)),
    ((W, 0), (POS, 0)),
    ((W, -1), (W, 0)),
)
N_TEMPLATES = len(TEMPLATES)
_PAD = 2
_BOS_ROW = (11, 11, 11, 11, 0, HANDLE + 1, 3)  # codes of the padding tokens around each document
_EOS_ROW = (13, 13, 13, 13, 0, HANDLE + 2, 3)
_PAD_BOS = np.array([_BOS_ROW] * _PAD, dtype=np.uint64)
_PAD_EOS = np.array([_EOS_ROW] * _PAD, dtype=np.uint64)


def stable_hash(s: str) -> int:
    """64-bit hash that is the same in every process (Python's str hash is salted per process)."""
    return int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "little")


def shape_runs(word: str) -> str:
    """The first five character-class runs of a word (O'Brien -> Xx'Xx); the Chinese Latin-name scorer reads it too."""
    out: list[str] = []
    for ch in word:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out[:5])


def _shape(word: str) -> str:
    return shape_runs(word) + ("<4" if len(word) < 4 else "<8" if len(word) < 8 else "+")


_FOLD_EXTRA = str.maketrans("łøđħıŀ", "lodhil")


def fold(word: str) -> str:
    """Lower case without accents (Pérez -> perez, Łukasz -> lukasz): the name lists are plain ASCII."""
    low = word.lower().translate(_FOLD_EXTRA)
    if low.isascii():
        return low
    return "".join(c for c in unicodedata.normalize("NFKD", low) if not unicodedata.combining(c))


def cap_class(word: str) -> int:
    if word[0] in "@#" and len(word) > 1:
        return HANDLE
    if not word[0].isalnum():
        return PUNCT
    if any(ch.isdigit() for ch in word):
        return DIGIT
    if word.islower():
        return LOWER
    if word.isupper():
        return UPPER if len(word) > 1 else TITLE
    if word[0].isupper() and word[1:].islower():
        return TITLE
    if word[0].isupper() and all(p[:1].isupper() and (len(p) == 1 or p[1:].islower()) for p in re.split(r"['’\-]", word) if p):
        return TITLE  # O'Brien, Jean-Luc
    return MIXED


def bucket(n: int, cuts: tuple[int, ...]) -> int:
    """1 + the number of cuts at or below n, 0 when absent (n = 0)."""
    return 0 if n <= 0 else 1 + sum(n >= c for c in cuts)


FIRST_CUTS = (100, 1000, 10000)  # SSA largest yearly count: rare, some, common, very common
LAST_CUTS = (1000, 10000, 100000)  # Census 2010 count


class Gazetteer:
    """Name-list flags of a lower-cased word: a small code (first-name bucket * 5 + surname bucket)."""

    def __init__(self, keys: np.ndarray, flags: np.ndarray) -> None:
        self._flags = dict(zip(np.asarray(keys, dtype=np.uint64).tolist(), np.asarray(flags).tolist(), strict=True))

    @classmethod
    def build(cls, first: dict[str, int], last: dict[str, int]) -> Gazetteer:
        keys, flags = cls.arrays(first, last)
        return cls(keys, flags)

    @staticmethod
    def arrays(first: dict[str, int], last: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
        words = sorted(set(first) | set(last))
        codes = [bucket(first.get(w, 0), FIRST_CUTS) * 5 + bucket(last.get(w, 0), LAST_CUTS) for w in words]
        return np.array([stable_hash(w) for w in words], dtype=np.uint64), np.array(codes, dtype=np.uint8)

    def flag(self, lower_hash: int) -> int:
        return self._flags.get(lower_hash, 0)


def gazetteer_file(path: Path) -> Gazetteer:
    """The name lists stored in a model file (`gaz_keys`, `gaz_flags`), one read-only copy per process and file.

    Why: the English CRF and the Chinese recognizer's Latin-name scorer both read en_person.npz's lists; each
    built its own 245k-entry dict (≈ 0.065 CPU-s and ≈ 20 MB a process). The key includes the file's size and
    modification time, so a rewritten file is read again."""
    st = os.stat(path)
    return _gazetteer_file(str(Path(path).resolve()), st.st_size, st.st_mtime_ns)


@functools.lru_cache(maxsize=4)
def _gazetteer_file(path: str, size: int, mtime_ns: int) -> Gazetteer:
    with np.load(path) as z:
        return Gazetteer(z["gaz_keys"], z["gaz_flags"])


class Tokens:
    """One document's word tokens and their (n, N_CODES) code rows; len() is the token count. Character
    offsets are found only when asked (`span`), and so are the words when built from word-table rows
    (`rows` into `vocab`): most documents have no name, and both cost a Python object per token."""

    __slots__ = ("text", "_words", "codes", "_offsets", "_rows", "_vocab")

    def __init__(self, text: str, words: list[str] | None, codes: np.ndarray, rows: np.ndarray | None = None,
                 vocab: list[str] | None = None) -> None:
        self.text, self._words, self.codes = text, words, codes
        self._rows, self._vocab = rows, vocab
        self._offsets: list[tuple[int, int]] | None = None

    @property
    def words(self) -> list[str]:
        if self._words is None:
            vocab = self._vocab or []
            self._words = [vocab[r] for r in self._rows.tolist()] if self._rows is not None else []
        return self._words

    def __len__(self) -> int:
        return len(self.codes)

    def span(self, a: int, b: int) -> tuple[int, int]:
        """Character offsets of tokens a..b-1."""
        if self._offsets is None:
            self._offsets = [m.span() for m in TOKEN.finditer(self.text)]
        return self._offsets[a][0], self._offsets[b - 1][1]

    def gap(self, k: int) -> str:
        """The text between token k-1 and token k."""
        return self.text[self.span(k - 1, k)[1] : self.span(k, k + 1)[0]]


RAW = re.compile(TOKEN.pattern + r"|\n")  # tokens plus one "\n" per line break: what raw_tokens returns


def raw_tokens(text: str) -> list[str]:
    """RAW.findall(text), ~35 % faster: a whitespace-separated chunk of word characters only (most of them)
    is one token without a regex call, since no token crosses whitespace and \\w is isalnum() or "_"."""
    out: list[str] = []
    add, extend, find = out.append, out.extend, TOKEN.findall
    for i, line in enumerate(text.split("\n")):
        if i:
            add("\n")
        for chunk in line.split():
            if chunk.isalnum():
                add(chunk)
            else:
                extend(find(chunk))
    return out


_LINE = "\x00"  # a line break in the chunk pass (`Featurizer._chunk_rows`); texts holding it take raw_tokens'


def _build_tokens(run: list[tuple[str, list[int]]], table: np.ndarray, ends: np.ndarray, vocab: list[str]) -> list[Tokens]:
    """Tokens of texts from their word-table rows (0: a line break), in one pass over all of them."""
    if not run:
        return []
    counts = np.array([len(rows) for _, rows in run], dtype=np.intp)
    ids = np.fromiter(chain.from_iterable(rows for _, rows in run), dtype=np.intp, count=int(counts.sum()))
    word = ids != 0
    kept = ids[word]
    n = len(kept)
    codes = np.empty((n, N_CODES), dtype=np.uint64)
    codes[:, :POS] = table[kept]
    # sentence position: 0 first token / after . ! ? etc., 1 first after a line break, 2 inside; the pairs that
    # straddle two texts only touch a text's first token, set to 0 last
    breaks = np.cumsum(~word)[word]
    pos = np.full(n, 2, dtype=np.uint64)
    words_before = np.concatenate(([0], np.cumsum(word)))
    stop = np.cumsum(counts)
    first, last = words_before[stop - counts].tolist(), words_before[stop].tolist()
    if n:
        pos[1:][breaks[1:] > breaks[:-1]] = 1
        pos[1:][ends[kept[:-1]]] = 0
        pos[[a for a, b in zip(first, last, strict=True) if b > a]] = 0
    codes[:, POS] = pos
    return [Tokens(text, None, codes[a:b], kept[a:b], vocab) for (text, _), a, b in zip(run, first, last, strict=True)]


class Featurizer:
    """Tokenises documents and turns token codes into bucket ids; a word's codes are computed once and kept in
    a table (row 0 is the line break), so a document costs a few numpy operations beyond its lookups. The
    lookups are per whitespace-separated chunk (`word,` -> the rows of `word` and `,`), cached, so a document
    costs one `split` and one dict lookup per chunk instead of a token pass and a lookup per token."""

    CACHE_LIMIT = 200_000
    CHUNK_LIMIT = 1 << 16  # chunk -> rows entries kept (emptied when full; the word table stays)

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self._reset()

    def _reset(self) -> None:
        self._row: dict[str, int] = {"\n": 0}
        self._vocab: list[str] = ["\n"]  # row -> word (a new list after a reset: older Tokens keep theirs)
        self._table = np.zeros((1024, N_CODES - 1), dtype=np.uint64)
        self._ends = np.zeros(1024, dtype=bool)  # the word ends a sentence (. ! ? …)
        self._chunks: dict[str, tuple[int, ...]] = {_LINE: (0,)}

    def word_codes(self, word: str) -> tuple[int, int, int, int, int, int]:
        low = word.lower()
        wh = stable_hash(low)
        cap = cap_class(word)
        return (
            wh,
            stable_hash("shape:" + _shape(word)),
            stable_hash("suf:" + low[-3:]),
            stable_hash("pre:" + low[:3]),
            self.gaz.flag(wh if low.isascii() else stable_hash(fold(word))) if cap != HANDLE else 0,
            cap,
        )

    def _add(self, word: str) -> int:
        r = len(self._row)
        if r >= len(self._table):
            self._table = np.concatenate((self._table, np.zeros_like(self._table)))
            self._ends = np.concatenate((self._ends, np.zeros_like(self._ends)))
        self._table[r] = self.word_codes(word)
        self._ends[r] = word in _SENT_END
        self._row[word] = r
        self._vocab.append(word)
        return r

    def _learn(self, words: list[str], n_tokens: int) -> None:
        """Adds the words missing from the table (emptied first when it would pass CACHE_LIMIT)."""
        if len(self._row) + n_tokens >= self.CACHE_LIMIT:
            self._reset()  # bounded memory; the table is rebuilt from the words that come
        for w in words:
            if w not in self._row:
                self._add(w)

    def _chunk_rows(self, text: str) -> list[int]:
        """raw_tokens(text) as table rows, by cached chunk: whitespace-separated chunks hold whole tokens (no
        token crosses whitespace) and a line break is a chunk of its own (`_LINE`)."""
        chunks = text.replace("\n", " " + _LINE + " ").split()
        got = list(map(self._chunks.get, chunks))
        if None in got:
            missing = {c: [c] if c.isalnum() else TOKEN.findall(c) for c, g in zip(chunks, got, strict=True) if g is None}
            before = self._row
            self._learn([w for ws in missing.values() for w in ws], sum(map(len, missing.values())))
            if self._row is not before:  # the table was emptied: every chunk's rows are stale
                missing = {c: [c] if c.isalnum() else TOKEN.findall(c) for c in chunks if c != _LINE}
                self._learn([w for ws in missing.values() for w in ws], 0)
            row = self._row
            new = {c: tuple(row[w] for w in ws) for c, ws in missing.items()}
            new[_LINE] = (0,)
            if len(self._chunks) + len(new) >= self.CHUNK_LIMIT:
                self._chunks = {_LINE: (0,)}
            self._chunks.update(new)
            got = [new[c] if c in new else g for c, g in zip(chunks, got, strict=True)]
        return list(chain.from_iterable(got))  # type: ignore[arg-type]  # no None left

    def _raw_rows(self, text: str) -> list[int]:
        """raw_tokens(text) as table rows, token by token (texts that hold `_LINE` themselves)."""
        raw = raw_tokens(text)
        self._learn(raw, len(raw))
        row = self._row
        return [row[w] for w in raw]

    def tokens(self, text: str) -> Tokens:
        return self.tokens_batch([text])[0]

    def tokens_batch(self, texts: Sequence[str]) -> list[Tokens]:
        """tokens() of each text, the code rows of all of them built in one numpy pass instead of ~10 small
        numpy calls per text. A word-table reset while reading a text ends a pass: rows index the table they
        were read from."""
        out: list[Tokens] = []
        run: list[tuple[str, list[int]]] = []
        table, ends, vocab = self._table, self._ends, self._vocab
        for text in texts:
            before = self._vocab  # a reset gives a new list
            rows = self._chunk_rows(text) if _LINE not in text else self._raw_rows(text)
            if self._vocab is not before:
                out += _build_tokens(run, table, ends, vocab)
                run = []
            run.append((text, rows))
            table, ends, vocab = self._table, self._ends, self._vocab
        out += _build_tokens(run, table, ends, vocab)
        return out

    @staticmethod
    def ids_batch(docs: list[Tokens]) -> np.ndarray:
        """(N_TEMPLATES, total tokens) bucket ids of the documents' tokens side by side; each document is
        padded by two BOS and two EOS rows, so no template sees across documents."""
        ids, real = Featurizer.ids_padded(docs)
        return ids[:, real]

    @staticmethod
    def ids_padded(docs: list[Tokens]) -> tuple[np.ndarray, np.ndarray]:
        """ids_batch() at every row of the padded layout between the first document's tokens and the last's,
        with the mask of the token rows. Why: each template's code columns are then plain slices of the layout
        (no gather per column), and the decoder drops the padding rows from its (rows, labels) sums."""
        blocks = []
        for d in docs:
            blocks += [_PAD_BOS, d.codes, _PAD_EOS]
        if not blocks:
            return np.zeros((N_TEMPLATES, 0), dtype=np.intp), np.zeros(0, dtype=bool)
        xt = np.concatenate(blocks).T.copy()  # (codes, layout rows): one contiguous row per code
        m = xt.shape[1] - 2 * _PAD
        runs = np.empty((len(docs), 3), dtype=np.intp)
        runs[:, 0] = runs[:, 2] = _PAD
        runs[:, 1] = [len(d) for d in docs]
        real = np.repeat(np.tile([False, True, False], len(docs)), runs.ravel())[_PAD : _PAD + m]
        out = np.empty((N_TEMPLATES, m), dtype=np.uint64)
        with np.errstate(over="ignore"):
            for t, template in enumerate(TEMPLATES):
                k = out[t]
                k[:] = np.uint64(t + 1) * _MIX
                for j, (col, off) in enumerate(template):
                    k ^= xt[col, _PAD + off : _PAD + off + m] * np.uint64(2 * j + 3)
                    k *= _MIX
            out *= _GOLDEN
        out >>= _SHIFT
        return out.view(np.intp), real  # values below 2**HASH_BITS: the same bits as intp
