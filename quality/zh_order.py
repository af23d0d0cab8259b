"""Register-aware order signals for Chinese: where clauses start and end, and the LM gain of modern prose.

Why: the character-bigram LM of ``quality.textlm`` gives misordered modern prose and good classical verse the same
low ``zh_lm_gain`` (the LM knows modern text far better than verse), and the junk score adds its signals up bin by
bin, so it cannot say "modern prose with low gain is junk, verse with low gain is fine". Two things do not depend on
the LM knowing the register:

- ``zh_clause_edge``: real clauses do not start with 的/了/们/着 nor end with 把/被/的 in the middle of a phrase;
  text whose characters or words are shuffled puts any character at a clause edge. Mean over the clause edges of
  log10 P(character | clause start or end) / P(character), from counts of real running text
  (``zh_order.npz``, built by ``quality/eval/build_zh_order.py`` from the Chinese text ``quality/textlm.npz`` counts);
  from ``MIN_EDGES`` edges, neutral 9.0.
- ``zh_modern_density``: the share of Han characters that only modern Chinese uses as function words (的了们这吗呢…),
  which any reordering keeps; -1.0 below ``textlm.MIN_HAN`` Han characters. ``zh_lm_gain_modern``: ``zh_lm_gain``
  of texts that are modern by that share (at least ``MODERN_AT`` and twice their classical particles 之乎者也…), neutral
  9.0 otherwise: the interaction the additive score cannot form itself (low gain is odd for modern prose only);
  ``zh_clause_edge_modern`` and ``zh_lm_cross_neg_modern`` (neutral -1.0) the same for the clause edges and for
  ``zh_lm_cross_neg``.

- ``zh_order_llr``: mean over a text's adjacent Han pairs of how much likelier the pair is in real text than in the
  same text with its words shuffled within each sentence (log10 ratio of the two shares, from ``zh_order.npz``),
  over the pairs either saw, from ``MIN_LLR_PAIRS``; neutral 9.0. In-word pairs occur in both and weigh ~0, so a
  register the tables barely know (verse: most pairs seen in neither) sits near 0 instead of scoring as odd, while
  the joins that shuffled or swapped words make are ones the shuffled copies have and real text lacks;
  ``zh_order_llr_modern`` the same for modern text only (neutral 9.0).

Everything is computed on the arrays ``textlm_batch`` already has (a few table look-ups and bincounts per batch).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import NamedTuple

import numpy as np

TABLE_PATH = Path(__file__).with_name("zh_order.npz")
SIGNALS = ("zh_clause_edge", "zh_modern_density", "zh_lm_gain_modern", "zh_clause_edge_modern", "zh_lm_cross_neg_modern",
           "zh_order_llr", "zh_order_llr_modern")
NEUTRAL = {"zh_clause_edge": 9.0, "zh_modern_density": -1.0, "zh_lm_gain_modern": 9.0, "zh_clause_edge_modern": 9.0,
           "zh_lm_cross_neg_modern": -1.0, "zh_order_llr": 9.0, "zh_order_llr_modern": 9.0}
MIN_EDGES = 6
MIN_LLR_PAIRS = 15
LLR_SCALE = 20.0  # int8 steps per unit of log10 in the order table
MODERN_AT = 0.03
HAN_LO = 0x4E00
# Clause marks: a Han character after one (or after a line break, or first in a text) starts a clause; before one,
# it ends a clause.
CLAUSE_MARKS = "，。；：！？、,;:!?\n"
MODERN = "的了们这吗呢吧啊么着您她很没哪啦咱它个"
CLASSICAL = "之乎者兮矣焉哉曰其而乃亦何则於"
_IS_MARK = np.zeros(0x10000, dtype=bool)
_IS_MARK[[ord(ch) for ch in CLAUSE_MARKS]] = True
_IS_MARK[0] = True  # the separator between a batch's documents: a text's first character starts a clause


class EdgeTables(NamedTuple):
    start: np.ndarray  # log10 P(char | clause start) - log10 P(char), float32 per simplified Han offset
    end: np.ndarray
    llr: np.ndarray  # per pair bucket: log10 share among real pairs / share among word-shuffled pairs (0: unseen)
    start_v: np.ndarray  # the same three with the classical text of ``verse_sources`` counted too, for texts that
    end_v: np.ndarray  # are not modern (``modern_gate``); equal to the above when the file has no verse counts
    llr_v: np.ndarray


def _edge_ratios(han: np.ndarray, start: np.ndarray, end: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    h = han.astype(np.float64) + 0.5
    p = np.log10(h / h.sum())

    def ratio(edge: np.ndarray) -> np.ndarray:
        e = edge.astype(np.float64) + 0.5
        return (np.log10(e / e.sum()) - p).astype(np.float32)

    return ratio(start), ratio(end)


@functools.lru_cache(maxsize=1)
def load_tables(path: Path = TABLE_PATH) -> EdgeTables:
    z = np.load(path)
    start, end = _edge_ratios(z["han"], z["start"], z["end"])
    llr = z["llr"].astype(np.float32) / np.float32(LLR_SCALE)
    if "llr_verse" not in z.files:
        return EdgeTables(start, end, llr, start, end, llr)
    start_v, end_v = _edge_ratios(*(z[k].astype(np.int64) + z[f"{k}_verse"] for k in ("han", "start", "end")))
    return EdgeTables(start, end, llr, start_v, end_v, z["llr_verse"].astype(np.float32) / np.float32(LLR_SCALE))


def clause_edges(a: np.ndarray, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(starts a clause?, ends a clause?) for the Han characters at positions ``idx`` of a batch's code points ``a``
    (documents joined by U+0000, as ``textlm.batch_codes`` makes them)."""
    if not len(idx):
        return np.zeros(0, dtype=bool), np.zeros(0, dtype=bool)
    prev = np.where(idx > 0, a[np.maximum(idx - 1, 0)], 0)
    nxt = a[np.minimum(idx + 1, len(a) - 1)]
    nxt = np.where(idx + 1 < len(a), nxt, 0)
    is_start = _IS_MARK[np.minimum(prev, 0xFFFF)]
    is_end = _IS_MARK[np.minimum(nxt, 0xFFFF)] & (nxt != 0)
    return is_start, is_end


@functools.lru_cache(maxsize=1)
def _char_sets() -> tuple[np.ndarray, np.ndarray]:
    modern = np.zeros(0x9FFF - HAN_LO + 1, dtype=bool)
    classical = np.zeros_like(modern)
    modern[[ord(ch) - HAN_LO for ch in MODERN]] = True
    classical[[ord(ch) - HAN_LO for ch in CLASSICAL]] = True
    return modern, classical


def modern_gate(han_char: np.ndarray, han_doc: np.ndarray, n_han: np.ndarray, min_han: int, n: int) -> np.ndarray:
    """Per document (``n + 1``): modern by its function words (at least ``MODERN_AT`` of its Han characters and
    twice its classical particles, from ``min_han`` Han characters)."""
    modern, classical = _char_sets()
    m = np.bincount(han_doc, weights=modern[han_char].astype(np.float64), minlength=n + 1)[: n + 1]
    k = np.bincount(han_doc, weights=classical[han_char].astype(np.float64), minlength=n + 1)[: n + 1]
    return (n_han >= min_han) & (m / np.maximum(n_han, 1) >= MODERN_AT) & (m >= 2 * k)


def zh_order_signals(a: np.ndarray, han_idx: np.ndarray, han_char: np.ndarray, han_doc: np.ndarray,
                     pair_bucket: np.ndarray, pair_doc: np.ndarray, gain: np.ndarray, cross_neg: np.ndarray,
                     n_han: np.ndarray, min_han: int, n: int, verse: bool = False) -> dict[str, np.ndarray]:
    """The ``SIGNALS`` per document (arrays of ``n + 1``: the last slot is the batch's padding) from the batch's code
    points, its Han characters (position, simplified offset, document), its pairs (hash bucket of ``textlm``'s pair
    table and document of each) and the per-document ``zh_lm_gain`` and ``zh_lm_cross_neg``; ``verse``: read the tables
    with the classical text (``_v``). Also ``is_modern`` (the gate) and ``pair_llr``
    (the order log-ratio of every pair, for ``quality.zh_joins``), which are not signals."""
    t = load_tables()
    llr = (t.llr_v if verse else t.llr)[pair_bucket]
    seen = llr != 0
    lcnt = np.bincount(pair_doc[seen], minlength=n + 1)[: n + 1]
    ltot = np.bincount(pair_doc[seen], weights=llr[seen].astype(np.float64), minlength=n + 1)[: n + 1]
    doc = han_doc
    is_s, is_e = clause_edges(a, han_idx)
    start, end = (t.start_v, t.end_v) if verse else (t.start, t.end)
    vals = np.concatenate((start[han_char[is_s]], end[han_char[is_e]])).astype(np.float64)
    edge_doc = np.concatenate((doc[is_s], doc[is_e]))
    cnt = np.bincount(edge_doc, minlength=n + 1)[: n + 1]
    tot = np.bincount(edge_doc, weights=vals, minlength=n + 1)[: n + 1]
    out = {"zh_clause_edge": np.where(cnt >= MIN_EDGES, tot / np.maximum(cnt, 1), NEUTRAL["zh_clause_edge"]),
           "zh_order_llr": np.where(lcnt >= MIN_LLR_PAIRS, ltot / np.maximum(lcnt, 1), NEUTRAL["zh_order_llr"])}
    modern, classical = _char_sets()
    m = np.bincount(doc, weights=modern[han_char].astype(np.float64), minlength=n + 1)[: n + 1]
    k = np.bincount(doc, weights=classical[han_char].astype(np.float64), minlength=n + 1)[: n + 1]
    ok = n_han >= min_han
    frac = m / np.maximum(n_han, 1)
    out["zh_modern_density"] = np.where(ok, frac, NEUTRAL["zh_modern_density"])
    is_modern = ok & (frac >= MODERN_AT) & (m >= 2 * k)
    out["zh_lm_gain_modern"] = np.where(is_modern, gain, NEUTRAL["zh_lm_gain_modern"])
    out["zh_clause_edge_modern"] = np.where(is_modern, out["zh_clause_edge"], NEUTRAL["zh_clause_edge_modern"])
    out["zh_lm_cross_neg_modern"] = np.where(is_modern, cross_neg, NEUTRAL["zh_lm_cross_neg_modern"])
    out["zh_order_llr_modern"] = np.where(is_modern, out["zh_order_llr"], NEUTRAL["zh_order_llr_modern"])
    out["is_modern"] = is_modern  # not a signal: the register gate, for quality.zh_joins
    out["pair_llr"] = llr
    return out
