"""MinHash signatures and LSH banding for near-duplicate detection (pure numpy, no Beam).

Shingles. Text is normalised (NFKC, lower-case). A document whose word characters are mostly Han, Kana or
Hangul (>= ``CJK_RATIO``) is shingled as *character* n-grams over its word characters only (punctuation and
whitespace dropped, since their placement is incidental in unspaced scripts); any other text as *word*
n-grams over maximal runs of word characters (letters, digits, marks, underscore), joined by one space. A text
with fewer than n units is one shingle holding all of them, so identical short texts still match; a text with
no word characters at all has no shingles: its signature is all ``EMPTY`` and it gets no band keys (exact
dedup still catches identical copies).

Hashing. Each shingle gets a stable 64-bit hash (polynomial over Unicode code points mod 2**64, then the
MurmurHash3 fmix64 finaliser), folded to 32 bits; never Python's salted ``hash()``, so signatures agree across
processes and machines. Permutations are datasketch 2.0's default ``affine32`` scheme: fmix32, then
``a_k * h + b_k mod 2**32`` with the same ``(a, b)`` datasketch draws from ``RandomState(seed)``, min per
permutation. We use affine32 rather than the legacy Mersenne-prime fold because the fold inflates similarity
estimates on large sets (datasketch issue 212). A signature row is therefore bit-identical to
``datasketch.MinHash(num_perm, seed, hashfunc=shingle_hash32)`` fed the same shingles (tested) and loads as
``LeanMinHash(seed=seed, hashvalues=row, scheme="affine32")``.

Speed: all shingles of a batch are hashed with vectorised prefix sums and permuted as one matrix, then
reduced per document with ``np.minimum.reduceat``.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence

import numpy as np

from corpusgov.quality.dedup_policy import DedupPolicy

HASH_VERSION = "minhash-v1"
EMPTY = np.uint32(0xFFFFFFFF)
# Share of word characters that must be Han/Kana/Hangul for character shingles.
CJK_RATIO = 0.3

_M64 = (1 << 64) - 1
_P = 0x100000001B3  # polynomial base (odd, so invertible mod 2**64)
_Q = pow(_P, -1, 1 << 64)
_SPACE = 0x20
_BATCH_ROWS = 1 << 13  # shingles permuted at once (num_perm x rows uint32 matrix, cache-sized)

# (lo, hi) inclusive code-point ranges counted as CJK (Han, Kana, Hangul).
_CJK_RANGES = (
    (0x1100, 0x11FF), (0x2E80, 0x2FDF), (0x3040, 0x30FF), (0x3100, 0x31FF), (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF), (0xA960, 0xA97F), (0xAC00, 0xD7FF), (0xF900, 0xFAFF), (0xFF66, 0xFFDC),
    (0x20000, 0x3FFFF),
)


@functools.lru_cache(maxsize=1)
def _bmp_tables() -> tuple[np.ndarray, np.ndarray]:
    """Word-character and CJK lookup tables for the BMP, built once per process."""
    word = np.zeros(0x10000, dtype=bool)
    for cp in range(0x10000):
        ch = chr(cp)
        if ch.isalnum() or ch == "_" or unicodedata.category(ch)[0] == "M":
            word[cp] = True
    cjk = np.zeros(0x10000, dtype=bool)
    for lo, hi in _CJK_RANGES:
        if lo < 0x10000:
            cjk[lo : min(hi, 0xFFFF) + 1] = True
    cjk &= word
    return word, cjk


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_" or unicodedata.category(ch)[0] == "M"


@functools.lru_cache(maxsize=1)
def _compat_punct_re() -> re.Pattern[str]:
    """Non-word BMP characters whose NFKC form is only non-word characters (full-width punctuation etc.).

    Replacing them by a space before NFKC changes no shingle (they would be separators either way) but lets
    typical Chinese text skip ``unicodedata.normalize``, which costs ~95 us per 1 KB document."""
    chars = []
    for cp in range(0x80, 0x10000):
        if 0xD800 <= cp < 0xE000:
            continue
        ch = chr(cp)
        if _is_word_char(ch):
            continue
        nf = unicodedata.normalize("NFKC", ch)
        if nf != ch and not any(_is_word_char(x) for x in nf):
            chars.append(ch)
    return re.compile("[" + re.escape("".join(chars)) + "]")


def normalise(text: str) -> str:
    """NFKC, lower-case, whitespace runs collapsed to one space (the form shingled)."""
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


# --- scalar reference hashing (used by tests and as datasketch ``hashfunc``) ---------------------------


def _fmix64_int(h: int) -> int:
    h ^= h >> 33
    h = (h * 0xFF51AFD7ED558CCD) & _M64
    h ^= h >> 33
    h = (h * 0xC4CEB9FE1A85EC53) & _M64
    return h ^ (h >> 33)


def shingle_hash64(shingle: str) -> int:
    """Stable 64-bit hash of one shingle string (polynomial over code points, then fmix64)."""
    h = 0
    for ch in shingle:
        h = (h * _P + ord(ch)) & _M64
    return _fmix64_int(h)


def shingle_hash32(shingle: str) -> int:
    """The 32-bit value fed to the permutations: the 64-bit hash folded (hi xor lo)."""
    h = shingle_hash64(shingle)
    return (h ^ (h >> 32)) & 0xFFFFFFFF


def shingles(text: str, n: int) -> list[str]:
    """The shingles of ``text`` as strings (reference path; ``MinHasher`` hashes the same set vectorised)."""
    t = normalise(text)
    chars = [c for c in t if _is_word_char(c)]
    if not chars:
        return []
    cjk = sum(1 for c in chars if any(lo <= ord(c) <= hi for lo, hi in _CJK_RANGES))
    if cjk >= CJK_RATIO * len(chars):
        if len(chars) < n:
            return ["".join(chars)]
        return ["".join(chars[i : i + n]) for i in range(len(chars) - n + 1)]
    words = "".join(c if _is_word_char(c) else " " for c in t).split()
    if len(words) < n:
        return [" ".join(words)]
    return [" ".join(words[i : i + n]) for i in range(len(words) - n + 1)]


# --- vectorised path -----------------------------------------------------------------------------------


def _fmix64(h: np.ndarray) -> np.ndarray:
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xFF51AFD7ED558CCD)
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xC4CEB9FE1A85EC53)
    return h ^ (h >> np.uint64(33))


# Hash powers a MinHasher keeps between batches (at most 2 x 4 MB): bench annotate batches (256 texts) have up to
# ~340k code points; a longer batch makes its own.
_KEPT_POWERS = 1 << 19


def _powers(size: int) -> tuple[np.ndarray, np.ndarray]:
    """P^i and Q^i mod 2**64 for i < size (the rolling hash's powers)."""
    with np.errstate(over="ignore"):
        p = np.full(size, _P, dtype=np.uint64)
        p[0] = 1
        q = np.full(size, _Q, dtype=np.uint64)
        q[0] = 1
        return np.cumprod(p, dtype=np.uint64), np.cumprod(q, dtype=np.uint64)


def _fmix32(h: np.ndarray) -> np.ndarray:
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


@functools.lru_cache(maxsize=32)
def _lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """datasketch's optimal (bands, rows), kept in the per-machine table cache (`table_cache`).

    Why cached: `_optimal_param` integrates with `scipy.integrate.quad`, and importing datasketch and SciPy cost
    ≈ 0.3 CPU-s of every run and worker (docs/profile.md) for two integers. The cache key holds the threshold's
    exact bits, `num_perm`, and the bytes of datasketch's `lsh.py`, SciPy's `version.py` and this module, so a
    cached pair is the one `_optimal_param` returned for the same inputs and code; without the cache (or on a
    miss) it is computed as before."""
    from corpusgov.quality.table_cache import cached_arrays

    try:
        sources = [_package_file("datasketch", "lsh.py"), _package_file("scipy", "version.py"), __file__]
    except ImportError:  # not installed: _optimal_param's import below says so
        return _optimal_lsh_params(threshold, num_perm)
    name = f"lsh_params-{num_perm}-{float(threshold).hex()}"
    got = cached_arrays(name, sources, lambda: {"bands_rows": np.array(_optimal_lsh_params(threshold, num_perm))})
    b, r = got["bands_rows"].tolist()
    return int(b), int(r)


def _optimal_lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    # A private datasketch function, on purpose: it is the optimum datasketch's own MinHashLSH uses (so our
    # banding matches the library people compare against), and its public route, MinHashLSH(threshold,
    # num_perm).b/.r, refuses b < 2, which valid policies reach (lsh_threshold >= 0.95 with 32 permutations
    # gives one band of all rows). datasketch is pinned (==2.0.0 in pyproject.toml and constraints.txt).
    from datasketch.lsh import _optimal_param

    b, r = _optimal_param(threshold, num_perm, 0.5, 0.5)
    return int(b), int(r)


def _package_file(package: str, name: str) -> str:
    """The path of a file in an installed top-level package, found without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"{package} is not installed")
    path = os.path.join(list(spec.submodule_search_locations)[0], name)
    if not os.path.isfile(path):
        raise ImportError(f"{path} not found")
    return path


def lsh_params(policy: DedupPolicy) -> tuple[int, int]:
    """(bands, rows): from the policy, else optimal (equal FP/FN weights) for the LSH threshold."""
    if policy.bands is not None and policy.rows is not None:
        return policy.bands, policy.rows
    t = policy.lsh_threshold if policy.lsh_threshold is not None else max(0.05, policy.threshold - 0.15)
    return _lsh_params(round(t, 6), policy.num_perm)


class MinHasher:
    """Built once per worker: permutation parameters, power tables and lookup tables are precomputed."""

    def __init__(self, policy: DedupPolicy | None = None) -> None:
        self.policy = policy or DedupPolicy()
        self.n = self.policy.ngram
        self.num_perm = self.policy.num_perm
        self.seed = self.policy.seed
        self.bands, self.rows = lsh_params(self.policy)
        if self.bands * self.rows > self.num_perm:
            raise ValueError("bands * rows exceeds num_perm")
        # Exactly datasketch's affine32 draw, so signatures are interchangeable with datasketch.
        gen = np.random.RandomState(self.seed)
        a = gen.randint(0, 1 << 31, self.num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
        b = gen.randint(0, 1 << 32, self.num_perm, dtype=np.uint32)
        self._a = a
        self._b = b
        self._word, self._cjk = _bmp_tables()
        self._punct = _compat_punct_re()
        self._ppow = np.ones(1, dtype=np.uint64)
        self._qpow = np.ones(1, dtype=np.uint64)
        self._grow(4096)

    @property
    def fingerprint(self) -> str:
        """Everything a stored signature depends on; store it next to signatures and refuse to mix."""
        return f"{HASH_VERSION}:affine32:seed={self.seed}:perm={self.num_perm}:ngram={self.n}"

    def _grow(self, size: int) -> None:
        if len(self._ppow) < size:  # the longest batch so far (a new longest one is rare after the first few)
            self._ppow, self._qpow = _powers(size)

    def _powers(self, size: int) -> tuple[np.ndarray, np.ndarray]:
        """P^i and Q^i for i < size: kept up to _KEPT_POWERS; a longer batch gets its own, dropped after it.

        Why (issue 15): the kept arrays grew to the longest annotate batch seen (16 bytes per code point: 5.2 MB
        after one batch of ~340k code points in tests/test_memory.py's 40k run, and up to GBs for batches of
        1 MB records), and stayed for the rest of the run, under every later stage's peak."""
        if size <= _KEPT_POWERS:
            self._grow(size)
            return self._ppow, self._qpow
        return _powers(size)

    def _classify(self, cps: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        bmp = cps < 0x10000
        if bmp.all():
            return self._word[cps], self._cjk[cps]
        idx = np.where(bmp, cps, 0)
        word = np.where(bmp, self._word[idx], False)
        cjk = np.where(bmp, self._cjk[idx], False)
        for i in np.flatnonzero(~bmp):
            cp = int(cps[i])
            w = _is_word_char(chr(cp))
            word[i] = w
            cjk[i] = w and any(lo <= cp <= hi for lo, hi in _CJK_RANGES)
        return word, cjk

    def shingle_hashes(self, text: str) -> np.ndarray:
        """uint32 hashes of the text's shingles (same set as ``shingles()``; may repeat)."""
        t = self._punct.sub(" ", text)
        if not unicodedata.is_normalized("NFKC", t):
            t = unicodedata.normalize("NFKC", t)
        t = t.lower()
        cps = np.frombuffer(t.encode("utf-32-le", "surrogatepass"), dtype="<u4").astype(np.int64)
        if cps.size == 0:
            return np.empty(0, dtype=np.uint32)
        word, cjk = self._classify(cps)
        n_word = int(word.sum())
        if n_word == 0:
            return np.empty(0, dtype=np.uint32)
        n = self.n
        if int(cjk.sum()) >= CJK_RATIO * n_word:
            seq = cps[word]
            m = seq.size
            starts = np.arange(max(m - n + 1, 1), dtype=np.int64)
            ends = np.minimum(starts + n, m)
        else:
            # Keep word chars plus the first separator after each word; separators become one space.
            prev = np.concatenate(([False], word[:-1]))
            keep = word | (prev & ~word)
            seq = np.where(word, cps, _SPACE)[keep]
            kw = word[keep]
            if not kw[-1]:
                seq, kw = seq[:-1], kw[:-1]
            edge = np.diff(np.concatenate(([0], kw.astype(np.int8), [0])))
            wstart = np.flatnonzero(edge == 1)
            wend = np.flatnonzero(edge == -1)
            k = wstart.size
            if k < n:
                starts = wstart[:1]
                ends = wend[-1:]
            else:
                starts = wstart[: k - n + 1]
                ends = wend[n - 1 :]
            m = seq.size
        ppow, qpow = self._powers(m + 1)
        with np.errstate(over="ignore"):
            g = np.empty(m + 1, dtype=np.uint64)
            g[0] = 0
            np.cumsum(seq.astype(np.uint64) * qpow[:m], dtype=np.uint64, out=g[1:])
            h = ppow[ends - 1] * (g[ends] - g[starts])
            h = _fmix64(h)
        return (h ^ (h >> np.uint64(32))).astype(np.uint32)

    def _prepared(self, text: str) -> str:
        """The text as ``shingle_hashes`` reads it: compatibility punctuation spaced, NFKC, lower-case."""
        t = self._punct.sub(" ", text)
        if not unicodedata.is_normalized("NFKC", t):
            t = unicodedata.normalize("NFKC", t)
        return t.lower()

    def shingle_hashes_batch(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """``shingle_hashes`` of every text at once: (all hashes, grouped by text; shingles per text).

        Same hashes as the per-text version (tested): the code points of all texts are classified in one
        pass, each text's shingle sequence is cut out of one concatenated sequence and the polynomial hash
        of a shingle does not depend on where its sequence starts (it is P^(end-1) * (g[end] - g[start])
        with P * Q = 1 mod 2**64). Why: per 1 KB text the single version is ~25 numpy calls, mostly overhead.
        """
        k = len(texts)
        prepared = [self._prepared(t) for t in texts]
        cps = np.frombuffer("".join(prepared).encode("utf-32-le", "surrogatepass"), dtype="<u4").astype(np.int64)
        size_of = np.fromiter(map(len, prepared), dtype=np.int64, count=k)
        empty = (np.empty(0, dtype=np.uint32), np.zeros(k, dtype=np.int64))
        if cps.size == 0:
            return empty
        doc = np.repeat(np.arange(k, dtype=np.int64), size_of)
        first = np.zeros(k, dtype=np.int64)
        np.cumsum(size_of[:-1], out=first[1:])
        word, cjk = self._classify(cps)
        n_word = np.bincount(doc[word], minlength=k)
        n_cjk = np.bincount(doc[cjk], minlength=k)
        n = self.n
        cjk_doc = np.array([w > 0 and c >= CJK_RATIO * w for w, c in zip(n_word.tolist(), n_cjk.tolist(),
                                                                            strict=True)], dtype=bool)
        # Kept code points: CJK-mode texts keep word characters; the others keep word characters plus the first
        # separator after each word (as one space), minus a separator that ends the text.
        prev = np.concatenate(([False], word[:-1]))
        prev[first[size_of > 0]] = False  # a text's first character follows nothing
        sep = prev & ~word
        last_word = np.full(k, -1, dtype=np.int64)
        np.maximum.at(last_word, doc[word], np.flatnonzero(word))
        trailing = last_word + 1
        ok = (last_word >= 0) & (trailing < first + size_of) & ~cjk_doc
        sep[trailing[ok]] = False
        keep = word | (sep & ~cjk_doc[doc])
        seq = np.where(word, cps, _SPACE)[keep]
        kw = word[keep]
        sdoc = doc[keep]
        m = seq.size
        if m == 0:
            return empty
        m_doc = np.bincount(sdoc, minlength=k)
        s_first = np.zeros(k, dtype=np.int64)
        np.cumsum(m_doc[:-1], out=s_first[1:])
        # CJK texts: every n characters (one shingle of all of them when shorter than n).
        cdocs = np.flatnonzero(cjk_doc & (m_doc > 0))
        cnt = np.maximum(m_doc[cdocs] - n + 1, 1)
        c_start = np.arange(int(cnt.sum()), dtype=np.int64) - np.repeat(np.cumsum(cnt) - cnt, cnt)
        c_start += np.repeat(s_first[cdocs], cnt)
        c_end = np.minimum(c_start + n, np.repeat(s_first[cdocs] + m_doc[cdocs], cnt))
        c_doc = np.repeat(cdocs, cnt)
        # Other texts: runs of word characters are words; every n consecutive words (all when fewer than n).
        wmask = kw & ~cjk_doc[sdoc]
        new_doc = np.ones(m, dtype=bool)
        new_doc[1:] = sdoc[1:] != sdoc[:-1]
        run_start = np.flatnonzero(wmask & (new_doc | ~np.concatenate(([False], kw[:-1]))))
        last_of_doc = np.ones(m, dtype=bool)
        last_of_doc[:-1] = new_doc[1:]
        run_end = np.flatnonzero(wmask & (last_of_doc | ~np.concatenate((kw[1:], [False])))) + 1
        rdoc = sdoc[run_start]
        runs = np.bincount(rdoc, minlength=k)
        r_first = np.zeros(k, dtype=np.int64)
        np.cumsum(runs[:-1], out=r_first[1:])
        r_local = np.arange(run_start.size, dtype=np.int64) - r_first[rdoc]
        many = runs[rdoc] >= n
        sel = np.flatnonzero(many & (r_local <= runs[rdoc] - n))
        few = np.flatnonzero((runs > 0) & (runs < n))
        w_start = np.concatenate((run_start[sel], run_start[r_first[few]]))
        w_end = np.concatenate((run_end[sel + n - 1], run_end[r_first[few] + runs[few] - 1]))
        w_doc = np.concatenate((rdoc[sel], few))
        starts = np.concatenate((c_start, w_start))
        ends = np.concatenate((c_end, w_end))
        by_doc = np.argsort(np.concatenate((c_doc, w_doc)), kind="stable")
        starts, ends = starts[by_doc], ends[by_doc]
        lengths = np.bincount(np.concatenate((c_doc, w_doc)), minlength=k)
        ppow, qpow = self._powers(m + 1)
        with np.errstate(over="ignore"):
            g = np.empty(m + 1, dtype=np.uint64)
            g[0] = 0
            np.cumsum(seq.astype(np.uint64) * qpow[:m], dtype=np.uint64, out=g[1:])
            h = _fmix64(ppow[ends - 1] * (g[ends] - g[starts]))
        return (h ^ (h >> np.uint64(32))).astype(np.uint32), lengths

    def _permute_min(self, hv: np.ndarray, offsets: np.ndarray) -> np.ndarray:
        """Signatures for concatenated shingle hashes ``hv`` split at ``offsets`` (all segments non-empty).

        Laid out (num_perm, shingles) so the per-document min reduces along contiguous memory (~15x faster
        than the row-major layout here).
        """
        with np.errstate(over="ignore"):
            x = _fmix32(hv)
            phv = np.multiply.outer(self._a, x)
            phv += self._b[:, None]
        return np.minimum.reduceat(phv, offsets, axis=1).T

    def signatures(self, texts: Iterable[str]) -> np.ndarray:
        """2-D uint32 array (len(texts), num_perm); one vectorised permutation per batch of shingles."""
        texts = list(texts)
        out = np.full((len(texts), self.num_perm), EMPTY, dtype=np.uint32)
        hv, lengths = self.shingle_hashes_batch(texts)
        docs = np.flatnonzero(lengths)
        if docs.size == 0:
            return out
        lens = lengths[docs]
        ends = np.cumsum(lens)
        i = 0
        while i < docs.size:  # permute at most _BATCH_ROWS shingles at once (one text more when it is larger)
            lo = int(ends[i] - lens[i])
            j = max(int(np.searchsorted(ends, lo + _BATCH_ROWS, side="right")), i + 1)
            offsets = ends[i:j] - lens[i:j] - lo
            out[docs[i:j]] = self._permute_min(hv[lo:int(ends[j - 1])], offsets)
            i = j
        return out

    def signature(self, text: str) -> np.ndarray:
        """1-D uint32 signature of length num_perm (all ``EMPTY`` when the text has no word characters).

        One text goes the per-text way (``shingle_hashes``): the batch pass costs more numpy calls for one."""
        h = self.shingle_hashes(text)
        if h.size == 0:
            return np.full(self.num_perm, EMPTY, dtype=np.uint32)
        return self._permute_min(h, np.zeros(1, dtype=np.int64))[0]

    def band_keys(self, sig: np.ndarray) -> list[bytes]:
        """One key per band: 2-byte band index + the band's rows (little-endian uint32). Empty -> []."""
        sig = np.asarray(sig, dtype="<u4")
        if bool((sig == EMPTY).all()):
            return []
        r = self.rows
        return [i.to_bytes(2, "big") + sig[i * r : (i + 1) * r].tobytes() for i in range(self.bands)]


def estimate_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Share of equal permutation minima: an unbiased estimate of the shingle-set Jaccard similarity."""
    a = np.asarray(a)
    b = np.asarray(b)
    if a.shape != b.shape:
        raise ValueError("signatures of different length")
    return float(np.count_nonzero(a == b)) / a.size


def signature_to_bytes(sig: np.ndarray) -> bytes:
    """Compact storage: num_perm little-endian uint32 (4 bytes per permutation, no header)."""
    return np.asarray(sig, dtype="<u4").tobytes()


def bytes_to_signature(data: bytes) -> np.ndarray:
    if len(data) % 4:
        raise ValueError("signature bytes must be a multiple of 4")
    return np.frombuffer(data, dtype="<u4").astype(np.uint32)


def bucket_edges(
    members: Sequence[tuple[object, str, np.ndarray]], threshold: float, max_compare: int
) -> list[tuple[int, int, float]]:
    """Verified near-duplicate pairs in one LSH bucket, bounded.

    ``members`` are ``(rank, record_id, signature)`` sorted by rank. Each member is compared with the bucket
    head (the smallest rank) and with at most ``max_compare`` preceding members, so a huge bucket costs
    O(n * max_compare); comparing with the head keeps a bucket of mutual near duplicates a star of diameter
    2 for the connected-components step. Returns ``(i, j, estimated_jaccard)`` with ``i < j`` indices.
    """
    n = len(members)
    if n < 2:
        return []
    sigs = np.stack([m[2] for m in members])
    edges: list[tuple[int, int, float]] = []
    for j in range(1, n):
        idx = _compared_with(j, max_compare)
        sims = np.count_nonzero(sigs[idx] == sigs[j], axis=1) / sigs.shape[1]
        for i, s in zip(idx, sims.tolist(), strict=True):
            if s >= threshold:
                edges.append((i, j, s))
    return edges


def _compared_with(j: int, max_compare: int) -> list[int]:
    """Indices member ``j`` of a rank-sorted bucket is compared with: the head and a bounded window."""
    lo = max(0, j - max_compare)
    return list(range(lo, j)) if lo == 0 else [0, *range(lo, j)]


def candidate_pairs(n: int, max_compare: int) -> Iterator[tuple[int, int]]:
    """``(j, i)`` index pairs, ``i < j``, that ``bucket_edges`` compares in a bucket of ``n`` members."""
    for j in range(1, n):
        for i in _compared_with(j, max_compare):
            yield j, i
