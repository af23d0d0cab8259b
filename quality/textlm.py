"""How much a text reads like real running text: n-gram language-model scores and sentence-to-sentence coherence.

Why: spun text, machine-translation-like word order, spliced clauses and mis-decoded characters keep every
character class, length and repetition statistic of real text, so the older signals pass them. A language model
trained on real running text sees that their word pairs are ones real text does not use (CCNet scores documents by
the perplexity of such a model), and real paragraphs keep talking about the same things from one sentence to the
next while text spliced from several sources does not.

Status: the ``LM_SIGNALS`` are computed by ``compute_signals(_batch)`` (``coherence=False``) and read by the learned
junk score only; the coherence signals are not computed by the pipeline (they added nothing in the junk score's
leave-kinds-out folds). See docs/quality-rules.md.

Signals (per document, over its first ``MAX_CHARS`` characters; neutral values when there is too little text):

- ``en_lm_logp``: mean log10 P(word | previous word) of the lower-cased ASCII words under a word-bigram model with
  stupid backoff (Brants et al. 2007: 0.4 x the unigram probability when the pair is unseen); neutral 0.0.
- ``en_lm_gain``: mean of log10 P(word | previous) - log10 P(word) over the word pairs: what the previous word adds.
  It reads word order, not vocabulary, so a domain whose words the model rarely saw is not penalised; neutral 9.0.
- ``en_lm_seen``: share of word pairs seen in training; neutral 1.0. ``en_lm_oov``: share of the words of 3+
  letters never seen in training (misspellings, OCR confusions, run-together words); neutral 0.0.
- ``zh_lm_logp`` / ``zh_lm_gain`` / ``zh_lm_seen``: the same for Han characters (traditional forms mapped to
  simplified) and the pairs of adjacent characters inside a Han run. Characters, not jieba words: segmenting costs
  hundreds of microseconds per document, over this stage's budget.
- ``zh_lm_cross_neg``: share of the adjacent Han pairs that lie across a word boundary (not inside any jieba
  dictionary word) whose gain is below ``CROSS_NEG`` (unseen, or rarer after the first character than alone); from
  ``MIN_CROSS`` such pairs, neutral 0.0. Real text joins its words the way other real text does; shuffled or
  swapped words keep their in-word pairs (which dilute the mean gain) but make new joins.
- the register-aware order signals of ``quality.zh_order`` and the bad-join and clause-position signals of
  ``quality.zh_joins`` (the worst joins of a text instead of their mean) and the line-join signals of
  ``quality.junk_coherence`` (pairs across the line breaks of hard-wrapped text against those inside its lines),
  computed on the same arrays.
- ``adj_overlap``: share of adjacent sentence pairs sharing a content unit (an English word of 4+ letters not in a
  stop list, or a Han character pair); ``adj_overlap_gain``: that share minus the share for sentences three apart
  (a document-level baseline: shuffled sentences score ~0); neutral 1.0 and 9.0 below ``MIN_SENTENCES``.
- ``sent_len_cv``: coefficient of variation of the sentences' unit counts; neutral 0.0.

Optional classical reading: tables built with ``--verse`` also hold counts of classical Chinese
(``quality/eval/verse_sources.py``, npm ``chinese-poetry``); texts that are not modern then keep the better of the two
readings per Chinese signal (``_BETTER``). Measured 2026-12-06 and not shipped (``textlm_PROVENANCE.md``).

Tables: ``textlm.npz`` beside this module, hashed count buckets (uint32, 2**18 word and 2**21 pair buckets for
English, per Han character and 2**20 pair buckets for Chinese), built by ``quality/eval/build_textlm.py`` from
Debian documentation and the ``lm`` part of ``quality/eval/prose_sources.py``, which no evaluation split reads
(provenance in ``textlm_PROVENANCE.md``). Everything is computed for a whole batch in one numpy pass
(``textlm_batch``): about 32 µs per bench document without the coherence pass.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import numpy as np

from corpusgov.quality import junk_coherence, zh_joins, zh_order
from corpusgov.quality.naturalness import pair_rows, simplified_code_points

TABLE_PATH = Path(__file__).with_name("textlm.npz")
MAX_CHARS = 2000
MIN_WORDS = 20
MIN_HAN = 20
MIN_SENTENCES = 4
MIN_CROSS = 15
CROSS_NEG = -0.3
EN_UNI_BITS, EN_BI_BITS, ZH_BI_BITS = 18, 21, 20
HAN_LO, HAN_N = 0x4E00, 0x9FFF - 0x4E00 + 1
BACKOFF = float(np.log10(0.4))
LM_SIGNALS = ("en_lm_logp", "en_lm_gain", "en_lm_seen", "en_lm_oov", "zh_lm_logp", "zh_lm_gain", "zh_lm_seen",
              "zh_lm_cross_neg", *zh_order.SIGNALS, *zh_joins.SIGNALS, *junk_coherence.SIGNALS)
SIGNALS = (*LM_SIGNALS, "adj_overlap", "adj_overlap_gain", "sent_len_cv")
NEUTRAL = {"en_lm_logp": 0.0, "en_lm_gain": 9.0, "en_lm_seen": 1.0, "en_lm_oov": 0.0, "zh_lm_logp": 0.0, "zh_lm_gain": 9.0,
           "zh_lm_seen": 1.0, "zh_lm_cross_neg": 0.0, "adj_overlap": 1.0, "adj_overlap_gain": 9.0, "sent_len_cv": 0.0,
           **zh_order.NEUTRAL, **zh_joins.NEUTRAL, **junk_coherence.NEUTRAL}

_P = np.uint64(1_000_003)
_POW = np.cumprod(np.concatenate(([1], np.full(31, 1_000_003))).astype(np.uint64), dtype=np.uint64)
_K1 = np.uint64(0x9E3779B97F4A7C15)
_K2 = np.uint64(0xC2B2AE3D27D4EB4F)
_STOP_EN = (
    "that this with from have which will when what there their they them then than these those been were "
    "also into only other some such more most must should would could each does done used using upon very "
    "your about after before because being both between just like make many much over same where while "
    "here,".rstrip(",").split()
)


def hash_mix(h: np.ndarray) -> np.ndarray:
    """A 64-bit finaliser: spreads similar inputs over every bucket."""
    h = h ^ (h >> np.uint64(31))
    h = h * _K1
    return h ^ (h >> np.uint64(29))


# Character classes for code points below U+10000 (one table look-up classifies a whole batch).
_OTHER, _LETTER, _HANCL, _TERM, _PERIOD, _SEP = range(6)
_CLASS = np.zeros(0x10000, dtype=np.uint8)
_CLASS[ord("a"): ord("z") + 1] = _LETTER
_CLASS[ord("A"): ord("Z") + 1] = _LETTER
_CLASS[HAN_LO: HAN_LO + HAN_N] = _HANCL
_CLASS[[ord(ch) for ch in "!?。！？；;\n"]] = _TERM
_CLASS[ord(".")] = _PERIOD
_CLASS[0] = _SEP


class Codes(NamedTuple):
    """A batch as one code-point array (documents joined by U+0000), its character classes and separators."""

    a: np.ndarray  # uint32 code points
    cls: np.ndarray  # uint8 class per position
    seps: np.ndarray  # positions of the separators
    n_docs: int

    def doc_of(self, pos: np.ndarray) -> np.ndarray:
        return np.searchsorted(self.seps, pos)


def batch_codes(texts: Sequence[str], max_chars: int = MAX_CHARS) -> Codes:
    joined = "\x00".join(t[:max_chars].replace("\x00", " ") if isinstance(t, str) else "" for t in texts)
    a = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    cls = _CLASS[np.minimum(a, 0xFFFF)]
    return Codes(a, cls, np.flatnonzero(cls == _SEP), len(texts))


class Words(NamedTuple):
    """The lower-cased ASCII words of a batch: mixed hash, document, first position and length of each."""

    h: np.ndarray
    doc: np.ndarray
    start: np.ndarray
    length: np.ndarray


def en_words(c: Codes) -> Words:
    is_l = (c.cls == _LETTER).view(np.int8)
    edge = np.diff(is_l, prepend=np.int8(0), append=np.int8(0))
    starts = np.flatnonzero(edge == 1)
    ends = np.flatnonzero(edge == -1)
    if not len(starts):
        z = np.zeros(0, dtype=np.int64)
        return Words(np.zeros(0, dtype=np.uint64), z, z, z)
    lengths = ends - starts
    first = np.cumsum(lengths) - lengths  # index of each word's first letter among the letters
    pos = np.flatnonzero(is_l)
    rel = np.minimum(np.arange(len(pos)) - np.repeat(first, lengths), 31)
    contrib = (c.a[pos] | 32).astype(np.uint64) * _POW[rel]
    h = hash_mix(np.add.reduceat(contrib, first, dtype=np.uint64))
    return Words(h, c.doc_of(starts), starts, lengths)


def en_pair_hash(h1: np.ndarray, h2: np.ndarray) -> np.ndarray:
    return hash_mix(h1 * _K2 + h2)


def bucket(h: np.ndarray, bits: int) -> np.ndarray:
    return (h >> np.uint64(64 - bits)).astype(np.int64)


class HanPairs(NamedTuple):
    """Han characters (simplified, as offsets from U+4E00) and the adjacent pairs inside Han runs."""

    idx: np.ndarray  # position of each Han character
    char: np.ndarray  # simplified offset per Han character
    pair_pos: np.ndarray  # position of the first character of each pair
    pair_key: np.ndarray  # uint64 a * HAN_N + b


def han_pairs(c: Codes) -> HanPairs:
    idx = np.flatnonzero(c.cls == _HANCL)
    char = _simplified()[c.a[idx] - HAN_LO]
    adj = np.flatnonzero(np.diff(idx) == 1)
    key = char[adj].astype(np.uint64) * np.uint64(HAN_N) + char[adj + 1].astype(np.uint64)
    return HanPairs(idx, char, idx[adj], key)


@functools.lru_cache(maxsize=1)
def _simplified() -> np.ndarray:
    """Simplified offset of every Han code point (OpenCC's table, as ``naturalness`` uses it)."""
    simp = simplified_code_points() - HAN_LO
    return np.where((simp >= 0) & (simp < HAN_N), simp, np.arange(HAN_N)).astype(np.int64)


class Tables(NamedTuple):
    en_uni: np.ndarray  # log10 P(word bucket), add-0.5
    en_bi: np.ndarray  # log10 count of the pair bucket (-inf when unseen)
    en_ctx: np.ndarray  # log10 count of the word bucket as a left context
    zh_uni: np.ndarray
    zh_bi: np.ndarray
    zh_ctx: np.ndarray
    en_unseen: float  # en_uni of a word never seen
    zh_uni_v: np.ndarray  # the Chinese tables with the classical text counted too (for texts not modern by
    zh_bi_v: np.ndarray  # ``zh_order``'s gate; the same arrays as zh_* when the file has no verse counts)
    zh_ctx_v: np.ndarray
    has_verse: bool = False


def _logs(uni: np.ndarray, bi: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    total = float(uni.sum()) + 0.5 * len(uni)
    with np.errstate(divide="ignore"):
        return (np.log10((uni + 0.5) / total).astype(np.float32), np.log10(bi.astype(np.float32)),
                np.log10(np.maximum(uni, 1).astype(np.float32)))


def tables_from_counts(en_uni: np.ndarray, en_bi: np.ndarray, zh_uni: np.ndarray, zh_bi: np.ndarray,
                       zh_uni_verse: np.ndarray | None = None, zh_bi_verse: np.ndarray | None = None) -> Tables:
    """Log tables (float32: half the cache misses of float64) from the count arrays ``build_textlm`` writes; the
    ``_verse`` counts (classical text, ``verse_sources``) are added to the Chinese ones for the ``_v`` tables."""
    en = _logs(en_uni, en_bi)
    zh = _logs(zh_uni, zh_bi)
    if zh_uni_verse is None or zh_bi_verse is None:
        return Tables(*en, *zh, float(en[0].min()), *zh, False)
    zh_v = _logs(zh_uni.astype(np.int64) + zh_uni_verse, zh_bi.astype(np.int64) + zh_bi_verse)
    return Tables(*en, *zh, float(en[0].min()), *zh_v, True)


@functools.lru_cache(maxsize=1)
def load_tables(path: Path = TABLE_PATH) -> Tables:
    z = np.load(path)
    verse = (z["zh_uni_verse"], z["zh_bi_verse"]) if "zh_uni_verse" in z.files else (None, None)
    return tables_from_counts(z["en_uni"], z["en_bi"], z["zh_uni"], z["zh_bi"], *verse)


def _pair_scores(uni_l: np.ndarray, bi_l: np.ndarray, ctx_l: np.ndarray, b1: np.ndarray, b2: np.ndarray,
                 bp: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(stupid-backoff log10 P(second | first), its gain over the unigram, seen?) per pair of buckets."""
    bl = bi_l[bp]
    seen = np.isfinite(bl)
    uni2 = uni_l[b2]
    cond = np.where(seen, bl - ctx_l[b1], BACKOFF + uni2)
    return cond, cond - uni2, seen


def _per_doc(doc: np.ndarray, vals: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    cnt = np.bincount(doc, minlength=n + 1)[: n + 1]
    tot = np.bincount(doc, weights=vals, minlength=n + 1)[: n + 1]
    return tot, cnt


def _lm(out: dict[str, np.ndarray], prefix: str, doc_pair: np.ndarray, cond: np.ndarray, gain: np.ndarray,
        seen: np.ndarray, n_units: np.ndarray, min_units: int, n: int) -> None:
    tot, cnt = _per_doc(doc_pair, cond, n)
    gtot, _ = _per_doc(doc_pair, gain, n)
    stot, _ = _per_doc(doc_pair, seen.astype(np.float64), n)
    ok = (n_units >= min_units) & (cnt > 0)
    safe = np.maximum(cnt, 1)
    out[f"{prefix}_logp"] = np.where(ok, tot / safe, NEUTRAL[f"{prefix}_logp"])
    out[f"{prefix}_gain"] = np.where(ok, gtot / safe, NEUTRAL[f"{prefix}_gain"])
    out[f"{prefix}_seen"] = np.where(ok, stot / safe, NEUTRAL[f"{prefix}_seen"])


def _coherence(out: dict[str, np.ndarray], c: Codes, w: Words, wb: np.ndarray, hp: HanPairs, n: int) -> None:
    is_end = c.cls >= _TERM  # terminators, periods and separators
    p = np.flatnonzero(c.cls == _PERIOD)
    nxt = c.a[np.minimum(p + 1, len(c.a) - 1)]
    is_end[p[(nxt != 32) & (nxt != 10)]] = False  # a period ends a sentence only before a space
    sent = np.cumsum(is_end, dtype=np.int32)  # sentence id per position: the number of ends up to it
    content = (w.length >= 4) & ~_stop_buckets()[wb]
    upos = np.concatenate((w.start[content], hp.pair_pos))
    units = np.concatenate((w.h[content] >> np.uint64(24), hp.pair_key))
    usent = sent[upos]
    # Rank of each unit-bearing sentence in the batch: sentences without a unit do not break adjacency.
    present = np.zeros(int(sent[-1]) + 2 if len(sent) else 1, dtype=bool)
    present[usent] = True
    sents = np.flatnonzero(present)
    rank_of = np.cumsum(present) - 1
    urank = rank_of[usent]
    sdoc = np.zeros(len(sents), dtype=np.int64)
    sdoc[urank] = np.cumsum(c.cls == _SEP, dtype=np.int32)[upos]  # a sentence's document: its units'
    keys = np.sort((units << np.uint64(24)) | urank.astype(np.uint64))  # by unit, then sentence
    if len(keys):
        keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]
    unit = keys >> np.uint64(24)
    rank = (keys & np.uint64((1 << 24) - 1)).astype(np.int64)
    per_sent = np.bincount(rank, minlength=len(sents))
    n_sent = np.bincount(sdoc, minlength=n + 1)[: n + 1]

    def hits(k: int) -> tuple[np.ndarray, np.ndarray]:
        """Per document: pairs of unit-bearing sentences k apart, and pairs sharing a unit (the later occurrences
        of a unit among its next three are checked: enough for k <= 3)."""
        hit = np.zeros(len(sents), dtype=bool)
        for step in (1, 2, 3):
            if len(keys) <= step:
                break
            same = (unit[step:] == unit[:-step]) & (rank[step:] - rank[:-step] == k)
            hit[rank[:-step][same]] = True
        pairs = np.maximum(n_sent - k, 0).astype(np.float64)
        if len(sents) > k:  # a unit k sentences later in the next document is no hit
            hit[: len(sents) - k] &= sdoc[k:] == sdoc[: len(sents) - k]
        return pairs, np.bincount(sdoc[hit], minlength=n + 1)[: n + 1].astype(np.float64)

    p1, h1 = hits(1)
    p3, h3 = hits(3)
    ok = n_sent >= MIN_SENTENCES
    adj = np.where(p1 > 0, h1 / np.maximum(p1, 1), 1.0)
    far = np.where(p3 > 0, h3 / np.maximum(p3, 1), adj)
    out["adj_overlap"] = np.where(ok, adj, NEUTRAL["adj_overlap"])
    out["adj_overlap_gain"] = np.where(ok, adj - far, NEUTRAL["adj_overlap_gain"])
    m1 = np.bincount(sdoc, weights=per_sent.astype(np.float64), minlength=n + 1)[: n + 1]
    m2 = np.bincount(sdoc, weights=per_sent.astype(np.float64) ** 2, minlength=n + 1)[: n + 1]
    mean = m1 / np.maximum(n_sent, 1)
    var = np.maximum(m2 / np.maximum(n_sent, 1) - mean**2, 0.0)
    out["sent_len_cv"] = np.where(ok, np.sqrt(var) / np.maximum(mean, 1e-9), NEUTRAL["sent_len_cv"])


def _cross(out: dict[str, np.ndarray], first: np.ndarray, second: np.ndarray, gain: np.ndarray, doc: np.ndarray,
           n: int) -> None:
    """``zh_lm_cross_neg``: over the pairs not inside a dictionary word, the share whose gain is below CROSS_NEG."""
    cross = pair_rows((first + HAN_LO) << 21 | (second + HAN_LO)) < 0  # not a pair inside a dictionary word
    bad, cnt = _per_doc(doc[cross], (gain[cross] < CROSS_NEG).astype(np.float64), n)
    out["zh_lm_cross_neg"] = np.where(cnt >= MIN_CROSS, bad / np.maximum(cnt, 1), NEUTRAL["zh_lm_cross_neg"])


@functools.lru_cache(maxsize=1)
def _stop_buckets() -> np.ndarray:
    """True for the word buckets of the stop list (a look-up instead of a set test per word)."""
    table = np.zeros(1 << EN_UNI_BITS, dtype=bool)
    table[bucket(en_words(batch_codes([" ".join(_STOP_EN)])).h, EN_UNI_BITS)] = True
    return table


def _zh_gain(t: Tables, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """``zh_lm_gain``'s per-pair gain for pairs of Han code points that are not adjacent in the text (line joins)."""
    simp = _simplified()
    a = simp[first.astype(np.int64) - HAN_LO]
    b = simp[second.astype(np.int64) - HAN_LO]
    zp = bucket(hash_mix(a.astype(np.uint64) * np.uint64(HAN_N) + b.astype(np.uint64)), ZH_BI_BITS)
    return _pair_scores(t.zh_uni, t.zh_bi, t.zh_ctx, a, b, zp)[1]


# The Chinese signals a text that is not modern keeps the better reading of (+1: higher is more fluent, -1: lower).
_BETTER = {"zh_lm_logp": 1, "zh_lm_gain": 1, "zh_lm_seen": 1, "zh_lm_cross_neg": -1, "zh_clause_edge": 1,
           "zh_order_llr": 1, "zh_join_llr3": 1, "zh_join_low": 1, "zh_join_bad": -1, "zh_join_worst": 1,
           "zh_clause_pos": 1}


def _zh_signals(c: Codes, hp: HanPairs, han_doc: np.ndarray, pair_doc: np.ndarray, n_han: np.ndarray, t: Tables,
                n: int, verse: bool) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """The Chinese signals per document from the Han characters and pairs ``hp`` (all of a batch's, or those of some of
    its documents) with the modern-only tables or, with ``verse``, those counting the classical text too; and the
    per-pair gain."""
    out: dict[str, np.ndarray] = {}
    zp = bucket(hash_mix(hp.pair_key), ZH_BI_BITS)
    first = (hp.pair_key // np.uint64(HAN_N)).astype(np.int64)
    second = (hp.pair_key % np.uint64(HAN_N)).astype(np.int64)
    uni, bi, ctx = (t.zh_uni_v, t.zh_bi_v, t.zh_ctx_v) if verse else (t.zh_uni, t.zh_bi, t.zh_ctx)
    cond, gain, seen = _pair_scores(uni, bi, ctx, first, second, zp)
    _lm(out, "zh_lm", pair_doc, cond, gain, seen, n_han, MIN_HAN, n)
    _cross(out, first, second, gain, pair_doc, n)
    out.update(zh_order.zh_order_signals(c.a, hp.idx, hp.char, han_doc, zp, pair_doc, out["zh_lm_gain"],
                                         out["zh_lm_cross_neg"], n_han, MIN_HAN, n, verse))
    out.update(zh_joins.zh_join_signals(c.a, hp.idx, hp.char, han_doc, HAN_N, lambda k, bits: bucket(hash_mix(k), bits),
                                        out.pop("pair_llr"), pair_doc, out["is_modern"], n, verse))
    return out, gain


def textlm_batch(texts: Sequence[str], tables: Tables | None = None, coherence: bool = True) -> list[dict[str, float]]:
    """The ``SIGNALS`` of every text (``LM_SIGNALS`` only without ``coherence``), computed in one pass over the batch."""
    n = len(texts)
    if n == 0:
        return []
    t = tables or load_tables()
    c = batch_codes(texts)
    out: dict[str, np.ndarray] = {}
    w = en_words(c)
    same = w.doc[1:] == w.doc[:-1]
    b = bucket(w.h, EN_UNI_BITS)
    bp = bucket(en_pair_hash(w.h[:-1][same], w.h[1:][same]), EN_BI_BITS)
    cond, gain, seen = _pair_scores(t.en_uni, t.en_bi, t.en_ctx, b[:-1][same], b[1:][same], bp)
    n_words = np.bincount(w.doc, minlength=n + 1)[: n + 1]
    _lm(out, "en_lm", w.doc[1:][same], cond, gain, seen, n_words, MIN_WORDS, n)
    en_gain = gain
    long = w.length >= 3
    oov, n_long = _per_doc(w.doc[long], (t.en_uni[b[long]] <= t.en_unseen).astype(np.float64), n)
    out["en_lm_oov"] = np.where(n_words >= MIN_WORDS, oov / np.maximum(n_long, 1), NEUTRAL["en_lm_oov"])
    hp = han_pairs(c)
    han_doc = c.doc_of(hp.idx)
    n_han = np.bincount(han_doc, minlength=n + 1)[: n + 1]
    pair_doc = c.doc_of(hp.pair_pos)
    zh, gain = _zh_signals(c, hp, han_doc, pair_doc, n_han, t, n, verse=False)
    # With tables that also count classical text (``build_textlm --verse``; measured 2026-12-06, not shipped), a text
    # that is not modern by zh_order's gate (verse, classical prose, terse lists) is read with them too and keeps
    # whichever reading is more fluent per signal; modern text (misordered modern junk too) is scored as before. The
    # shipped tables hold no verse counts: one reading, as before.
    other = ~zh["is_modern"]
    if t.has_verse and other[:n].any():
        on_c, on_p = other[han_doc], other[pair_doc]
        sub = HanPairs(hp.idx[on_c], hp.char[on_c], hp.pair_pos[on_p], hp.pair_key[on_p])
        zh_v, _ = _zh_signals(c, sub, han_doc[on_c], pair_doc[on_p], n_han, t, n, verse=True)
        for k, better in _BETTER.items():
            m, v, neutral = zh[k], zh_v[k], NEUTRAL[k]
            best = np.maximum(m, v) if better > 0 else np.minimum(m, v)
            # The LM signals are neutral for the same texts in both readings (Han and cross-pair counts); an order or
            # join signal needs enough pairs a table saw, and the classical reading neither adds nor removes that.
            pick = best if k.startswith("zh_lm") else np.where((m == neutral) | (v == neutral), m, best)
            zh[k] = np.where(other, pick, m)
    out.update(zh)
    out.update(junk_coherence.wrap_signals(c.a, c.seps, hp.idx, w.start, w.length, w.doc, en_gain, np.flatnonzero(same),
                                           lambda x, y: _zh_gain(t, x, y), gain, pair_doc, n))
    names = SIGNALS if coherence else LM_SIGNALS
    if coherence:
        _coherence(out, c, w, b, hp, n)
    cols = [out[k][:n].tolist() for k in names]
    return [dict(zip(names, vals, strict=True)) for vals in zip(*cols, strict=True)]
