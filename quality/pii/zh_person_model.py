"""A character-level linear-chain CRF for Chinese person names, decoded with NumPy only.

Why this shape: a CRF over every character is accurate, but per-character Python is far too slow for the
scanner's hot path (>= 2,000 docs/s/core). Here every feature is a hashed bucket id computed for a whole
batch of texts at once (one multiply-shift hash over a key matrix), emissions are one gather-and-sum, and
forward-backward runs only in the short windows where some name label is competitive with `O`, all windows
of the batch together (`find_batch`; `find` is a batch of one, with the same floats). The weights come from
python-crfsuite (training only, see train_zh_person.py), which is given the very same bucket ids as
attributes, so training and inference see identical features, hash collisions included.

Labels are BIOES over one entity (a person name). Decoding is posterior: a name is a run of characters whose
probability of being inside a name is >= `floor`, split where a new name more probably begins; its score is
the smallest such probability in the run. A lower floor trades precision for recall without retraining.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

LABELS: tuple[str, ...] = ("O", "B", "I", "E", "S")
HASH_BITS = 20
N_TEMPLATES = 20  # what the shipped model reads; a model may use all N_CLUSTER_TEMPLATES
N_CHAR_TEMPLATES = 15  # templates 15.. read the word lexicon (lexicon_features)
N_LEX_TEMPLATES = 20  # templates 20.. read the character-cluster table (cluster_features)
N_CLUSTER_TEMPLATES = 28
LEX_BITS = 22
LEX_NAME, LEX_WORD = 2, 1  # lexicon flags: a person name (jieba tag nr*), another word
_PAD = 2
_BOS, _EOS, _ASTRAL = 1, 2, 3
_SHIFT = np.uint64(64 - HASH_BITS)
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
# Template id in the top bits of each key, so equal character tuples of different templates hash apart.
_SALT = (np.arange(N_CLUSTER_TEMPLATES, dtype=np.uint64) << np.uint64(56))[:, None]

# Common single-character surnames; a feature (the model learns how much it matters), not a filter.
SURNAME_CHARS = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟"
    "谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢"
    "安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游"
    "辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应"
    "臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)


def _traditional_to_simplified() -> dict[int, int]:
    """Single-character traditional -> simplified map from OpenCC's TSCharacters table (Apache-2.0, shipped
    by opencc-python-reimplemented, a runtime dependency): the training corpora are simplified, so 診斷 and
    符號連結 in Taiwanese documentation would otherwise be characters the model has never seen."""
    import opencc

    out: dict[int, int] = {}
    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 2 and len(parts[0]) == 1:
                simp = parts[1].split(" ")[0]
                if len(simp) == 1 and ord(parts[0]) < 65536 and ord(simp) < 65536:
                    out[ord(parts[0])] = ord(simp)
    return out


def _tables() -> tuple[np.ndarray, np.ndarray]:
    """BMP lookup tables: normalised code per code point (digits, Latin case, spaces folded, traditional
    characters to simplified) and surname flag."""
    norm = np.arange(65536, dtype=np.uint64)
    t2s = _traditional_to_simplified()
    norm[list(t2s)] = list(t2s.values())
    folds = ((48, 57, 48), (0xFF10, 0xFF19, 48), (65, 90, 65), (97, 122, 97), (0xFF21, 0xFF3A, 65), (0xFF41, 0xFF5A, 97))
    for lo, hi, to in folds:
        norm[lo : hi + 1] = to
    for ws in (9, 10, 11, 12, 13, 32, 0xA0, 0x3000):
        norm[ws] = 32
    sur = np.zeros(65536, dtype=np.uint64)
    sur[np.isin(norm, [ord(c) for c in SURNAME_CHARS])] = 1  # 陳 as 陈
    return norm, sur


_NORM, _SUR = _tables()
# The code each BMP character is read as (the same folding the features use): public for the trainer's
# character clusters, which must be indexed by exactly these codes.
NORM_CODES: np.ndarray = _NORM


_TAIL = 2 * _PAD  # EOS codes after a text: the lexicon's 4-grams read up to 3 characters past its end
_SEG = _PAD + _TAIL  # codes around each text in the padded layout


def _padded(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Normalised codes and surname flags of the texts laid end to end, each as BOS BOS text EOS EOS EOS EOS.

    BOS and EOS are the control characters 1 and 2, whose normalised codes are themselves (a text holding
    them reads them as the same codes, as it always did); characters beyond the BMP read as _ASTRAL.
    """
    head, tail = chr(_BOS) * _PAD, chr(_EOS) * _TAIL
    raw = np.frombuffer("".join(head + t + tail for t in texts).encode("utf-32-le"), dtype=np.uint32)
    bmp = np.minimum(raw, 65535)
    x = _NORM[bmp]
    if raw.size and raw.max() > 65535:
        x[raw > 65535] = _ASTRAL
    return x, _SUR[bmp]


def ngram_bucket(codes: list[int], bits: int = LEX_BITS) -> int:
    """Lexicon bucket of one word's normalised codes, exactly as _ngram_buckets computes it for a text."""
    mask = (1 << 64) - 1
    k = 0
    for c in codes:
        k = ((k << 17) | c) & mask
    k = (k | (len(codes) << 60)) & mask
    return ((k * int(_GOLDEN)) & mask) >> (64 - bits)


def word_codes(word: str) -> list[int] | None:
    """Normalised codes of a lexicon word, or None when it has a character outside the BMP."""
    if any(ord(c) > 65535 for c in word):
        return None
    return [int(_NORM[ord(c)]) for c in word]


_LEN_TAGS = (np.array([2, 3, 4], dtype=np.uint64) << np.uint64(60))[:, None]
_LEX_SHIFTS = np.array([0, 2, 4], dtype=np.uint64)[:, None]


def _lexicon_keys(x: np.ndarray, n: int) -> np.ndarray:
    """(3, n) keys of the 2-, 3- and 4-grams starting at each text position of the padded code array `x`,
    each extended from the one before (the same packing as ngram_bucket)."""
    k = np.empty((3, n), dtype=np.uint64)
    np.left_shift(x[_PAD : _PAD + n], np.uint64(17), out=k[0])
    k[0] |= x[_PAD + 1 : _PAD + 1 + n]
    for m in (1, 2):
        np.left_shift(k[m - 1], np.uint64(17), out=k[m])
        k[m] |= x[_PAD + m + 1 : _PAD + m + 1 + n]
    k |= _LEN_TAGS
    return k


def lexicon_features(
    x: np.ndarray, n: int, lex: np.ndarray, bits: int = LEX_BITS, junk: np.ndarray | None = None
) -> tuple[np.ndarray, ...]:
    """Five word-lexicon patterns per character: which lexicon words (2-4 chars; name or other) start at it,
    end at it, both, cover it from inside, and end just before / start just after it.

    `junk` marks positions that belong to no text (the padding between texts of a batch): no word starts
    there, so each text sees exactly what it sees alone (nothing before its start or after its end)."""
    k = _lexicon_keys(x, n)
    k *= _GOLDEN
    k >>= np.uint64(64 - bits)
    st = lex[k.astype(np.intp)].astype(np.uint64)  # flag of the lexicon word at i..i+m-1, m = 2, 3, 4
    if junk is not None:
        st[:, junk] = 0
    st <<= _LEX_SHIFTS  # in bits 0-1, 2-3 and 4-5
    six = np.uint64(6)
    sp = st[0] | st[1]
    sp |= st[2]
    ep = np.zeros(n, dtype=np.uint64)
    ep[1:] = st[0][: n - 1]
    ep[2:] |= st[1][: n - 2]
    ep[3:] |= st[2][: n - 3]
    mid = np.zeros(n, dtype=np.uint64)
    np.bitwise_or(st[1][:-1], st[2][:-1], out=mid[1:])
    mid[1:] >>= np.uint64(2)
    mid[2:] |= st[2][:-2]
    around = np.full(n, 1 << 12, dtype=np.uint64)
    around[1:] |= ep[:-1] << six
    around[:-1] |= sp[1:]
    return sp, ep, (sp << six) | ep, mid, around


_CLUSTER_OFFSETS = ((2,), (1,), (3,), (0,), (4,), (1, 2), (2, 3), (1, 2, 3))  # in the padded array: 2 = here


def cluster_features(x: np.ndarray, n: int, clusters: np.ndarray) -> list[np.ndarray]:
    """Eight cluster patterns per character (clusters learned from unlabelled text, zh_char_clusters.py):
    the clusters at -1..+1 alone and at -2/+2, the pairs (-1, 0) and (0, +1), and the triple -1..+1."""
    c = clusters[x[: n + 2 * _PAD].astype(np.intp)].astype(np.uint64)
    out = []
    for offs in _CLUSTER_OFFSETS:
        k = c[offs[0] : offs[0] + n].copy()
        for o in offs[1:]:
            k <<= np.uint64(8)
            k |= c[o : o + n]
        out.append(k)
    return out


def _check_tables(n_templates: int, lex: np.ndarray | None, clusters: np.ndarray | None) -> None:
    if n_templates > N_CHAR_TEMPLATES and lex is None:  # checked before any work
        raise ValueError("templates beyond the character ones need the lexicon table")
    if n_templates > N_LEX_TEMPLATES and clusters is None:
        raise ValueError("templates beyond the lexicon ones need the character-cluster table")


def features(
    text: str, n_templates: int = N_TEMPLATES, lex: np.ndarray | None = None, clusters: np.ndarray | None = None
) -> np.ndarray:
    """(n_templates, len(text)) bucket ids: char unigrams -2..+2, five bigrams, three trigrams, surname pattern,
    then (templates 15-19, needing the lexicon table `lex`) word-lexicon patterns, then (templates 20-27,
    needing the (65536,) cluster table `clusters`) character-cluster patterns.

    Codes are < 2**17, so a key packs up to three of them exactly (17 bits each) below the template salt.
    Keys are written in place into one (n_templates, n) array: this runs on every Chinese document.
    """
    _check_tables(n_templates, lex, clusters)
    x, s = _padded([text])
    return _feature_ids(x, s, len(text), n_templates, lex, None, clusters)


def features_batch(
    texts: list[str], n_templates: int = N_TEMPLATES, lex: np.ndarray | None = None, clusters: np.ndarray | None = None
) -> np.ndarray:
    """features() of each text, side by side: (n_templates, sum of lengths), equal column for column.

    One pass over the padded layout of all texts (numpy's per-call cost paid once per batch, not per text);
    the padding positions between texts are computed, then dropped."""
    _check_tables(n_templates, lex, clusters)
    if len(texts) <= 1:
        return features(texts[0], n_templates, lex, clusters) if texts else np.zeros((n_templates, 0), dtype=np.intp)
    x, s = _padded(texts)
    lengths = np.array([len(t) for t in texts], dtype=np.intp)
    seg = lengths + _SEG
    offsets = np.cumsum(seg) - seg  # text i starts at column offsets[i] of the layout's positions
    n = int(seg.sum()) - _SEG
    text_pos = np.zeros(n + 1, dtype=np.intp)  # +1/-1 steps, then a running sum: 1 inside a text
    np.add.at(text_pos, offsets, 1)
    np.add.at(text_pos, offsets + lengths, -1)
    inside = np.cumsum(text_pos[:n]) > 0
    return _feature_ids(x, s, n, n_templates, lex, ~inside, clusters)[:, inside]


def _feature_ids(
    x: np.ndarray,
    s: np.ndarray,
    n: int,
    n_templates: int,
    lex: np.ndarray | None,
    junk: np.ndarray | None,
    clusters: np.ndarray | None = None,
) -> np.ndarray:
    """Bucket ids at positions 0..n-1 of the padded layout (x and s from _padded)."""
    h = x << np.uint64(17)
    hh = x << np.uint64(34)
    keys = np.empty((max(n_templates, N_CHAR_TEMPLATES), n), dtype=np.uint64)
    for d in range(5):  # unigrams at offsets -2..+2
        keys[d] = x[d : d + n]
    for row, (a, b) in enumerate(((1, 2), (2, 3), (0, 1), (3, 4), (1, 3)), start=5):  # (a << 17) | b
        np.bitwise_or(h[a : a + n], x[b : b + n], out=keys[row])
    np.bitwise_or(hh[1 : 1 + n], h[2 : 2 + n], out=keys[10])
    keys[10] |= x[3 : 3 + n]
    sp = keys[11]
    np.left_shift(s[0:n], np.uint64(3), out=sp)
    sp |= s[1 : n + 1] << np.uint64(2)
    sp |= s[2 : n + 2] << np.uint64(1)
    sp |= s[3 : n + 3]
    np.left_shift(sp, np.uint64(17), out=keys[12])
    keys[12] |= x[2 : 2 + n]
    for row, a in ((13, 0), (14, 2)):  # trigrams -2..0 and 0..+2
        np.bitwise_or(hh[a : a + n], h[a + 1 : a + 1 + n], out=keys[row])
        keys[row] |= x[a + 2 : a + 2 + n]
    if n_templates > N_CHAR_TEMPLATES and lex is not None:
        for row, v in enumerate(lexicon_features(x, n, lex, junk=junk), start=N_CHAR_TEMPLATES):
            if row < n_templates:
                keys[row] = v
    if n_templates > N_LEX_TEMPLATES and clusters is not None:
        for row, v in enumerate(cluster_features(x, n, clusters), start=N_LEX_TEMPLATES):
            if row < n_templates:
                keys[row] = v
    keys = keys[:n_templates]
    keys |= _SALT[:n_templates]
    keys *= _GOLDEN
    keys >>= _SHIFT
    return keys.astype(np.intp)


def lexicon_table(buckets: np.ndarray, flags: np.ndarray) -> np.ndarray:
    """Dense flag table from the (bucket, flag) pairs stored in the model (flags of one bucket OR-ed)."""
    table = np.zeros(1 << LEX_BITS, dtype=np.uint8)
    np.bitwise_or.at(table, np.asarray(buckets, dtype=np.intp), np.asarray(flags, dtype=np.uint8))
    return table


def lexicon_pairs(entries: list[tuple[str, bool]]) -> tuple[np.ndarray, np.ndarray]:
    """(bucket, flag) pairs, one per distinct bucket, for 2-4 character words; `True` marks a person name."""
    acc: dict[int, int] = {}
    for word, is_name in entries:
        codes = word_codes(word) if 2 <= len(word) <= 4 else None
        if codes is None:
            continue
        b = ngram_bucket(codes)
        acc[b] = acc.get(b, 0) | (LEX_NAME if is_name else LEX_WORD)
    keys = np.array(sorted(acc), dtype=np.uint32)
    return keys, np.array([acc[int(k)] for k in keys], dtype=np.uint8)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    score: float


class ZhPersonModel:
    """Weights: a dense (2**HASH_BITS, len(LABELS)) emission table and a label transition matrix."""

    MAX_LEN = 12  # a window reaches at most this far right of a candidate start

    def __init__(
        self,
        emission: np.ndarray,
        transition: np.ndarray,
        start_margin: float = 5.0,
        cont_margin: float = 3.0,
        floor: float = 0.35,
        n_templates: int = N_TEMPLATES,
        lex: np.ndarray | None = None,
        clusters: np.ndarray | None = None,
    ) -> None:
        self.emission = np.ascontiguousarray(emission, dtype=np.float32)
        self.transition = np.asarray(transition, dtype=np.float64)
        tr = np.exp(self.transition)
        self._exp_tr = tr
        # Forward and backward steps as one product per step: [alpha | g] times (tr, tr.T), block by block.
        self._pair = np.stack((tr, tr.T))
        self._init = np.concatenate((tr[0], tr[:, 0]))  # from O before, to O after the window
        # Windows open where starting a name of >= 2 characters (B then I/E) scores within start_margin of
        # two O steps, and run right while I/E stay within cont_margin of O (single characters are never
        # reported by the recognizer, so S alone does not open a window). Elsewhere O is taken as certain;
        # tests check the windowed decode against one window over the whole text. At the model's own floor
        # (0.1) a margin of 4 gave the same held-out P/R within 0.003 and ~25% less time on classical
        # Chinese (many short candidate runs); below it (the recognizer's cue floor) the margin is widened.
        self.start_margin = start_margin
        self.cont_margin = cont_margin
        self.floor = floor
        self.n_templates = n_templates  # the first n feature templates (a model trained on fewer stays valid)
        self.lex = lex  # (2**LEX_BITS,) uint8 word-lexicon flags, needed beyond the character templates
        self.clusters = clusters  # (65536,) uint8 character clusters, needed beyond the lexicon templates

    @classmethod
    def load(cls, path: Path) -> ZhPersonModel:
        """Read the sparse .npz written by the trainer (bucket ids and their weights) into a dense table."""
        with np.load(path) as z:
            table = np.zeros((1 << HASH_BITS, len(LABELS)), dtype=np.float32)
            table[z["rows"], z["cols"]] = z["weights"]
            n = int(z["n_templates"]) if "n_templates" in z.files else 13
            margins = float(z["start_margin"]), float(z["cont_margin"])
            lex = lexicon_table(z["lex_buckets"], z["lex_flags"]) if "lex_buckets" in z.files else None
            clusters = np.asarray(z["char_clusters"], dtype=np.uint8) if "char_clusters" in z.files else None
            return cls(table, z["transition"], *margins, float(z["floor"]), n, lex, clusters)

    def word_flag(self, text: str, start: int, end: int) -> int:
        """Lexicon flags (LEX_WORD, LEX_NAME) of text[start:end] as one word; 0 without a lexicon."""
        codes = word_codes(text[start:end]) if self.lex is not None and 2 <= end - start <= 4 else None
        return int(self.lex[ngram_bucket(codes)]) if codes is not None and self.lex is not None else 0

    def emissions(self, text: str) -> np.ndarray:
        ids = features(text, self.n_templates, self.lex, self.clusters)
        return self.emission.take(ids.ravel(), axis=0).reshape(self.n_templates, len(text), len(LABELS)).sum(axis=0)

    def emissions_batch(self, texts: list[str]) -> np.ndarray:
        """emissions() of each text stacked row for row: (sum of lengths, labels), bit for bit the same (the
        sum over templates runs in the same order)."""
        ids = features_batch(texts, self.n_templates, self.lex, self.clusters)
        return self.emission.take(ids.ravel(), axis=0).reshape(self.n_templates, ids.shape[1], len(LABELS)).sum(axis=0)

    WIDE_MARGIN = 5.0  # start margin for floors below the model's own
    # Texts decoded together: enough characters that numpy's per-call cost is shared by many texts, few
    # enough that a batch's arrays stay in the CPU caches (measured: docs/profile.md, PI per batch).
    BATCH_CHARS = 8192

    def windows(self, em: np.ndarray, start_margin: float | None = None) -> list[tuple[int, int]]:
        """Disjoint [a, b) windows around candidate name starts, widened by one character each side."""
        margin = self.start_margin if start_margin is None else start_margin
        return self.windows_batch(em, np.array([len(em)]), np.array([margin]))[0]

    def windows_batch(
        self, em: np.ndarray, lengths: np.ndarray, margins: np.ndarray
    ) -> tuple[list[tuple[int, int]], np.ndarray]:
        """windows() of texts whose emissions are stacked in `em` (`lengths` in order, one start margin each):
        the windows in stacked rows, and the index of the text each belongs to. No window crosses a text."""
        n = len(em)
        one = len(lengths) == 1  # one text (the per-document path): the same values with fewer numpy calls
        text_end = np.cumsum(lengths)
        text_start = text_end - lengths
        text = np.zeros(n, dtype=np.intp) if one else np.repeat(np.arange(len(lengths)), lengths)
        tr = self.transition
        stay = em[:, 0] + tr[0, 0]
        # Name of >= 2 characters starting at i: B at i after O, then I or E at i + 1, against two O steps.
        gap = em[:, 1] + tr[0, 1] - stay
        gap[:-1] += np.maximum(em[1:, 2] + tr[1, 2], em[1:, 3] + tr[1, 3]) - stay[1:]
        gap[text_end[lengths > 0] - 1] = -np.inf  # no name starts at a text's last character
        starts = np.flatnonzero(gap > (-margins[0] if one else -margins[text]))
        if starts.size == 0:
            return [], np.zeros(0, dtype=np.intp)
        cont = np.maximum(em[:, 2], em[:, 3]) - em[:, 0]
        stop = np.append(cont <= -self.cont_margin, True)
        stop[text_end] = True  # a text's end stops its windows
        next_stop = np.minimum.accumulate(np.where(stop, np.arange(n + 1), n)[::-1])[::-1]
        owner = text[starts]
        end = text_end[owner]
        ends = np.maximum(np.minimum(next_stop[np.minimum(starts + 2, end)], starts + self.MAX_LEN), starts + 2)
        lo = np.maximum(starts - 1, text_start[owner])
        hi = np.maximum.accumulate(np.minimum(ends + 1, end))
        # A window that starts after all earlier ones ended, or in the next text, is a new one.
        new = np.flatnonzero((lo[1:] > hi[:-1]) | (owner[1:] != owner[:-1])) + 1
        first = np.concatenate(([0], new))
        last = np.concatenate((new - 1, [len(lo) - 1]))
        return list(zip(lo[first].tolist(), hi[last].tolist(), strict=True)), owner[first]

    def marginals(self, em: np.ndarray, wins: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
        """Posterior label marginals (width, windows, labels) and text positions (width, windows), n = pad.

        All windows run as one batch, the forward and backward recursions as one product per step over the
        windows still running (longest first; the backward pass reads each window reversed, so both end
        where the window ends). Padding after a window's end reads as O only, and O is forced just outside
        each window. Emissions are scaled per character (marginals do not depend on it) and both recursions
        are renormalised every 8 steps of the window, far from overflow. A window's arithmetic is the same
        whatever else is in the batch (elementwise products summed in a fixed order, no BLAS), so decoding
        texts together never moves a floating-point decision.
        """
        n, k = em.shape
        nw = len(wins)
        bounds = np.array(wins)
        a0, length = bounds[:, 0], bounds[:, 1] - bounds[:, 0]
        width = int(length.max())
        steps = np.arange(width)[:, None]
        real = steps < length[None, :]
        pos = np.where(real, a0[None, :] + steps, n)  # (width, windows)
        # Longest first, so the windows still running at a step are a prefix (one text's windows mostly are).
        order = None if nw == 1 or (length[:-1] >= length[1:]).all() else np.argsort(-length, kind="stable")
        lsort = length if order is None else length[order]
        # exp only where a window reads it (a few dozen characters of a page).
        ew = em.take(np.minimum(pos if order is None else pos[:, order], n - 1), axis=0)
        ew -= ew.max(axis=2, keepdims=True)
        ex = np.exp(ew).astype(np.float64)
        back = np.where(steps < lsort[None, :], lsort[None, :] - 1 - steps, steps)  # each window reversed
        # seq[t, 0] = e at step t, seq[t, 1] = e at the t-th character from the end; windows last (contiguous)
        seq = np.stack((ex, ex[back, np.arange(nw)[None, :]]), axis=1).transpose(0, 1, 3, 2).copy()
        # out[t, 0] = alpha_t = (alpha_{t-1} @ tr) * e_t, out[t, 1] = g_t = (g_{t-1} @ tr.T) * e (reversed).
        out = np.ones_like(seq)
        np.multiply(seq[0], self._init.reshape(2, k, 1), out=out[0])
        running = (lsort[None, :] > steps).sum(axis=1).tolist()
        buf = np.empty((2, k, k, nw))
        pair = self._pair[:, :, :, None]
        for t in range(1, width):
            m = running[t]
            if m == nw:
                cur = out[t]
                np.add.reduce(np.multiply(out[t - 1, :, :, None], pair, out=buf), axis=1, out=cur)
                cur *= seq[t]
            else:
                cur = out[t, :, :, :m]
                np.add.reduce(np.multiply(out[t - 1, :, :, None, :m], pair, out=buf[..., :m]), axis=1, out=cur)
                cur *= seq[t, :, :, :m]
            if t % 8 == 0:
                cur /= cur.sum(axis=1, keepdims=True)
        # beta at character p is g at p + 1 (r = length - 2 - p) times tr.T; O after the window's last one.
        gt = np.add.reduce(out[:, 1, :, None, :] * pair[1], axis=1).transpose(0, 2, 1)  # (width, windows, k)
        cols = np.arange(nw)[None, :]
        beta = gt[np.where(steps < lsort[None, :] - 1, lsort[None, :] - 2 - steps, 0), cols]
        beta[steps >= lsort[None, :] - 1] = self._init[k:]
        marg = out[:, 0].transpose(0, 2, 1) * beta
        marg /= marg.sum(axis=2, keepdims=True)
        if order is not None:
            marg = marg[:, np.argsort(order)]
        if nw > 1:
            marg[~real] = (1.0, 0.0, 0.0, 0.0, 0.0)  # padding: O only, never part of a name
        return marg, pos

    def find(self, text: str, floor: float | None = None) -> list[Span]:
        """Name spans with their posterior score, at `floor` (default: the model's own)."""
        return self.find_batch([text], None if floor is None else [floor])[0]

    def find_batch(self, texts: list[str], floors: list[float] | None = None) -> list[list[Span]]:
        """find() of each text (at its floor; default the model's own), decoded BATCH_CHARS at a time."""
        floor_of = [self.floor] * len(texts) if floors is None else list(floors)
        out: list[list[Span]] = [[] for _ in texts]
        batch: list[int] = []
        size = 0
        for i, text in enumerate(texts):
            if text:
                batch.append(i)
                size += len(text)
            if batch and (size >= self.BATCH_CHARS or i == len(texts) - 1):
                self._find_into(texts, floor_of, batch, out)
                batch, size = [], 0
        return out

    def _find_into(self, texts: list[str], floors: list[float], idx: list[int], out: list[list[Span]]) -> None:
        em = self.emissions_batch([texts[i] for i in idx])
        lengths = np.array([len(texts[i]) for i in idx])
        wide = max(self.start_margin, self.WIDE_MARGIN)
        margins = np.array([self.start_margin if floors[i] >= self.floor else wide for i in idx])
        wins, owner = self.windows_batch(em, lengths, margins)
        if not wins:
            return
        marg, pos = self.marginals(em, wins)
        offsets = np.cumsum(lengths) - lengths
        cut = np.flatnonzero(owner[1:] != owner[:-1]) + 1
        for a, b in zip(np.concatenate(([0], cut)).tolist(), np.append(cut, len(wins)).tolist(), strict=True):
            j = int(owner[a])
            out[idx[j]] = posterior_spans(marg[:, a:b], pos[:, a:b] - offsets[j], floors[idx[j]])


def posterior_spans(marg: np.ndarray, pos: np.ndarray, floor: float) -> list[Span]:
    """Runs of characters with P(inside a name) >= floor, split where a new name more likely begins (B/S).

    `marg` is (width, windows, labels) and `pos` the text position of each step (padding never qualifies,
    it allows only O). Only the few qualifying characters are visited in Python, in text order.
    """
    inside = 1.0 - marg[:, :, 0]
    on = inside >= floor
    if not on.any():
        return []
    m = marg[on]
    # A char more likely to begin a name (B/S) starts a new span; so does the char after one more likely to
    # end a name (E/S): 杨蕾开口 is 杨蕾 + 开, not 杨蕾开, when 开 is only weakly inside.
    begins = (m[:, 1] + m[:, 4] > m[:, 2] + m[:, 3]).tolist()
    ends = (m[:, 3] + m[:, 4] > m[:, 1] + m[:, 2]).tolist()
    where = pos[on]
    order = np.argsort(where, kind="stable")
    at, p_in = where[order].tolist(), inside[on][order].tolist()
    begins = [begins[i] for i in order.tolist()]
    ends = [ends[i] for i in order.tolist()]
    out: list[Span] = []
    start, last, low, ended = -1, -2, 1.0, False
    for i, b, p, en in zip(at, begins, p_in, ends, strict=True):
        if start >= 0 and (i != last + 1 or b or ended):
            out.append(Span(start, last + 1, round(low, 4)))
            start = -1
        if start < 0:
            start, low = i, p
        low = min(low, p)
        last, ended = i, en
    if start >= 0:
        out.append(Span(start, last + 1, round(low, 4)))
    return out
