"""Bad-join and clause-position signals for Chinese: evidence of misordered words that a document mean drowns.

Why: ``zh_order_llr`` averages the log-ratio (real text over word-shuffled text) of every adjacent Han pair, and most
pairs lie inside words (they occur in both, ratio ~0), so two or three swapped words move the mean by a few hundredths.
The joins a swap makes are among the lowest pairs of the text, so the signals below look at the worst joins and the
count of bad ones instead of the mean (pair log-ratios from ``zh_order.npz``, read through ``quality.textlm``):

- ``zh_join_low``: mean of the ``LOWEST`` lowest pair log-ratios of a text (pairs either table saw, from
  ``MIN_PAIRS``; neutral 9.0); ``zh_join_worst``: the lowest mean over ``WINDOW`` consecutive such pairs (one
  scrambled stretch or a run of swaps; neutral 9.0); ``zh_join_bad``: share of the pairs at most ``BAD`` (twice as
  likely in word-shuffled text; neutral -1.0). ``zh_join_low_modern`` / ``zh_join_worst_modern``: the same for modern
  text only (``zh_order``'s register gate; neutral 9.0), since verse sits in the low tail of every order table.
- ``zh_join_llr3``: mean over a text's Han trigrams of how much likelier the trigram is in real text than in the same
  text with its words shuffled within each sentence (log10 ratio of the two shares, hashed table ``zh_joins.npz``):
  a join with a character of context; from ``MIN_TRIGRAMS``, neutral 9.0.
- ``zh_clause_pos``: mean over clause edges of log10 P(character | this kind of edge) / P(character | the other kind),
  where the kinds are sentence edges (after / before 。！？ or a line break) and edges inside a sentence (after /
  before ，；：、). Real sentences start with subjects and times and continue with 但/而/也/就; they end with 了/的/吗
  and pause elsewhere. Clauses put in another order bring their edges to the wrong kind of boundary; from
  ``MIN_EDGES``, neutral 9.0.

Why not jieba words at run time: segmenting costs hundreds of microseconds per document (``textlm``), over the
stage's budget; the pairs and trigrams are table look-ups on arrays ``quality.textlm`` already has for a batch.
The tables are built by ``quality/eval/build_zh_joins.py``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import numpy as np

TABLE_PATH = Path(__file__).with_name("zh_joins.npz")
SIGNALS = ("zh_join_llr3", "zh_join_low", "zh_join_bad", "zh_join_worst", "zh_clause_pos", "zh_join_low_modern",
           "zh_join_worst_modern")
NEUTRAL = {"zh_join_llr3": 9.0, "zh_join_low": 9.0, "zh_join_bad": -1.0, "zh_join_worst": 9.0, "zh_clause_pos": 9.0,
           "zh_join_low_modern": 9.0, "zh_join_worst_modern": 9.0}
TRI_BITS = 21
LLR_SCALE = 20.0  # int8 steps per unit of log10 in the trigram table
MIN_TRIGRAMS = 15
MIN_PAIRS = 15
MIN_EDGES = 6
BAD = -0.3
LOWEST = 5
WINDOW = 10
HAN_LO = 0x4E00
SENTENCE_MARKS = "。！？!?\n"
INNER_MARKS = "，；：、,;:"
_KIND = np.zeros(0x10000, dtype=np.int8)  # 0: no clause mark, 1: sentence mark, 2: mark inside a sentence
_KIND[[ord(ch) for ch in SENTENCE_MARKS]] = 1
_KIND[[ord(ch) for ch in INNER_MARKS]] = 2
_KIND[0] = 1  # the separator between a batch's documents: a text starts and ends a sentence


class JoinTables(NamedTuple):
    tri: np.ndarray  # per trigram bucket, int8 steps of 1 / LLR_SCALE: log10 share among real / word-shuffled
    # trigrams (0: no evidence); int8 so that the random look-ups touch 2 MB, not 8
    start: np.ndarray  # per simplified Han offset: log10 P(c | sentence start) - log10 P(c | clause start inside)
    end: np.ndarray  # the same for clause ends
    tri_v: np.ndarray  # the same three with the classical text of ``verse_sources`` counted too, for texts that are
    start_v: np.ndarray  # not modern (``zh_order.modern_gate``); equal to the above when the file has no verse counts
    end_v: np.ndarray


def position_ratio(sent: np.ndarray, inner: np.ndarray) -> np.ndarray:
    """log10 of a character's share among sentence edges over its share among inner clause edges (add-0.5)."""
    s = sent.astype(np.float64) + 0.5
    i = inner.astype(np.float64) + 0.5
    return (np.log10(s / s.sum()) - np.log10(i / i.sum())).astype(np.float32)


@functools.lru_cache(maxsize=1)
def load_tables(path: Path = TABLE_PATH) -> JoinTables:
    z = np.load(path)
    base = (z["tri"].astype(np.int8), position_ratio(z["start_sent"], z["start_inner"]),
            position_ratio(z["end_sent"], z["end_inner"]))
    if "tri_verse" not in z.files:
        return JoinTables(*base, *base)

    def both(k: str) -> np.ndarray:
        return z[k].astype(np.int64) + z[f"{k}_verse"]

    return JoinTables(*base, z["tri_verse"].astype(np.int8), position_ratio(both("start_sent"), both("start_inner")),
                      position_ratio(both("end_sent"), both("end_inner")))


def trigrams(idx: np.ndarray, char: np.ndarray, han_n: int) -> tuple[np.ndarray, np.ndarray]:
    """(index of each trigram's first Han character, uint64 key) for every three adjacent Han characters."""
    at = np.flatnonzero(idx[2:] - idx[:-2] == 2) if len(idx) > 2 else np.zeros(0, dtype=np.int64)
    c = char.astype(np.uint64)
    n = np.uint64(han_n)
    return at, (c[at] * n + c[at + 1]) * n + c[at + 2]


def edge_kinds(a: np.ndarray, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For the Han characters at positions ``idx`` of a batch's code points ``a``: the kind of clause mark before and
    after each (0 none, 1 sentence mark or text edge, 2 mark inside a sentence)."""
    if not len(idx):
        z = np.zeros(0, dtype=np.int8)
        return z, z
    prev = np.where(idx > 0, a[np.maximum(idx - 1, 0)], 0)
    nxt = np.where(idx + 1 < len(a), a[np.minimum(idx + 1, len(a) - 1)], 0)
    return _KIND[np.minimum(prev, 0xFFFF)], _KIND[np.minimum(nxt, 0xFFFF)]


def _mean(doc: np.ndarray, vals: np.ndarray, n: int, least: int, neutral: float) -> np.ndarray:
    cnt = np.bincount(doc, minlength=n + 1)[: n + 1]
    tot = np.bincount(doc, weights=vals, minlength=n + 1)[: n + 1]
    return np.where(cnt >= least, tot / np.maximum(cnt, 1), neutral)


def _segments(doc: np.ndarray) -> np.ndarray:
    """Start of every run of equal values in the sorted array ``doc``."""
    return np.concatenate(([0], np.flatnonzero(doc[1:] != doc[:-1]) + 1)) if len(doc) else np.zeros(0, dtype=np.int64)


def _worst_window(doc: np.ndarray, vals: np.ndarray, n: int) -> np.ndarray:
    """Per document (``doc`` sorted): the lowest mean of ``WINDOW`` consecutive values (fewer values: neutral)."""
    out = np.full(n + 1, NEUTRAL["zh_join_worst"])
    if len(vals) < WINDOW:
        return out
    cs = np.concatenate(([0.0], np.cumsum(vals, dtype=np.float64)))
    sums = (cs[WINDOW:] - cs[:-WINDOW]) / WINDOW
    ok = doc[WINDOW - 1:] == doc[: len(doc) - WINDOW + 1]
    d, v = doc[: len(sums)][ok], sums[ok]
    if len(d):
        starts = _segments(d)
        out[d[starts]] = np.minimum.reduceat(v, starts)
    return out


def _lowest_mean(doc: np.ndarray, vals: np.ndarray, n: int) -> np.ndarray:
    """Per document (``doc`` sorted): the mean of its ``LOWEST`` lowest values. ``vals`` are table steps (multiples
    of 1 / ``LLR_SCALE`` within +-127 steps), so one integer sort orders by document, then value."""
    steps = np.rint(vals * LLR_SCALE).astype(np.int64)
    order = np.argsort(doc.astype(np.int64) * 256 + steps + 128)
    d, v = doc[order], vals[order]
    starts = _segments(d)
    first = np.repeat(starts, np.diff(np.concatenate((starts, [len(d)]))))
    keep = np.arange(len(d)) - first < LOWEST
    cnt = np.bincount(d[keep], minlength=n + 1)[: n + 1]
    tot = np.bincount(d[keep], weights=v[keep], minlength=n + 1)[: n + 1]
    return tot / np.maximum(cnt, 1)


def zh_join_signals(a: np.ndarray, han_idx: np.ndarray, han_char: np.ndarray, han_doc: np.ndarray, han_n: int,
                    bucket_of: Callable[[np.ndarray, int], np.ndarray], pair_llr: np.ndarray, pair_doc: np.ndarray,
                    modern: np.ndarray, n: int, verse: bool = False) -> dict[str, np.ndarray]:
    """The ``SIGNALS`` per document (arrays of ``n + 1``, the last slot the batch's padding) from a batch's code points,
    its Han characters (position, simplified offset, document), its pairs (order log-ratio from ``zh_order``'s
    table, and document) and the register gate ``modern``; ``verse``: read the tables with the classical text
    (``_v``); ``bucket_of`` maps uint64 keys to table buckets (``textlm``'s hash, passed in
    so that this module needs no textlm import)."""
    t = load_tables()
    at, key = trigrams(han_idx, han_char, han_n)
    llr = (t.tri_v if verse else t.tri)[bucket_of(key, TRI_BITS)].astype(np.float32) / np.float32(LLR_SCALE)
    seen = llr != 0
    tdoc = han_doc[at]
    out = {"zh_join_llr3": _mean(tdoc[seen], llr[seen].astype(np.float64), n, MIN_TRIGRAMS, NEUTRAL["zh_join_llr3"])}
    pseen = pair_llr != 0
    pv, pd = pair_llr[pseen].astype(np.float64), pair_doc[pseen]
    enough = np.bincount(pd, minlength=n + 1)[: n + 1] >= MIN_PAIRS
    out["zh_join_bad"] = np.where(enough, _mean(pd, (pv <= BAD).astype(np.float64), n, 1, 0.0), NEUTRAL["zh_join_bad"])
    out["zh_join_low"] = np.where(enough, _lowest_mean(pd, pv, n), NEUTRAL["zh_join_low"])
    out["zh_join_worst"] = np.where(enough, _worst_window(pd, pv, n), NEUTRAL["zh_join_worst"])
    for k in ("zh_join_low", "zh_join_worst"):
        out[f"{k}_modern"] = np.where(modern, out[k], NEUTRAL[f"{k}_modern"])
    before, after = edge_kinds(a, han_idx)
    s, e = before > 0, after > 0
    start, end = ((t.start_v, t.end_v) if verse else (t.start, t.end))
    start, end = start[han_char], end[han_char]
    vals = np.concatenate((np.where(before[s] == 1, start[s], -start[s]),
                           np.where(after[e] == 1, end[e], -end[e]))).astype(np.float64)
    out["zh_clause_pos"] = _mean(np.concatenate((han_doc[s], han_doc[e])), vals, n, MIN_EDGES, NEUTRAL["zh_clause_pos"])
    return out
