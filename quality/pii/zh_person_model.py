"""A character-level linear-chain CRF for Chinese person names, decoded with NumPy only.

Why this shape: a CRF over every character is accurate, but per-character Python is far too slow for the
scanner's hot path (>= 2,000 docs/s/core). Every feature is a hashed bucket id (zh_person_features.py) for a whole
batch of texts at once (one multiply-shift hash over a key matrix), emissions are one gather-and-sum, and
forward-backward runs only in the short windows where some name label is competitive with `O`, the windows
of a batch in a few calls by length (`marginals_flat`; `find` is a batch of one, with the same floats). The weights come from
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

from corpusgov.quality.pii.emission_table import EmissionTable
from corpusgov.quality.pii.zh_person_features import (
    HASH_BITS,
    LABELS,
    N_TEMPLATES,
    features,
    features_padded,
    lexicon_table,
    ngram_bucket,
    word_codes,
)
from corpusgov.quality.pii.zh_person_name_lists import NameEvidence


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    score: float


class ZhPersonModel:
    """Weights: a (2**HASH_BITS, len(LABELS)) emission table (dense, or stored by its weighted rows) and a label
    transition matrix."""

    MAX_LEN = 12  # a window reaches at most this far right of a candidate start
    SINGLE_UNIT_NAMES = False  # a subclass whose units are words reports one-unit names (en_person_model.py)

    def __init__(
        self,
        emission: np.ndarray | EmissionTable,
        transition: np.ndarray,
        start_margin: float = 5.0,
        cont_margin: float = 3.0,
        floor: float = 0.35,
        n_templates: int = N_TEMPLATES,
        lex: np.ndarray | None = None,
        clusters: np.ndarray | None = None,
        evidence: NameEvidence | None = None,
        other_penalty: float = 0.0,
    ) -> None:
        self.table = emission if isinstance(emission, EmissionTable) else EmissionTable.from_dense(emission)
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
        self.evidence = evidence  # name-list tables (zh_person_name_lists.py): their templates follow the others
        # With an OTHER label (other entity types, train_zh_person --other-types) a character counts as inside a
        # name by P(name) - other_penalty * P(other): a span the model also reads as a club or a place is doubtful.
        self.other_penalty = other_penalty

    @classmethod
    def load(cls, path: Path) -> ZhPersonModel:
        """Read the sparse .npz written by the trainer (bucket ids and their weights); no dense table is built."""
        with np.load(path) as z:
            # More columns than LABELS: a model fitted with other entity types as an extra label (never a name).
            labels = max(len(LABELS), len(z["transition"]))
            table = EmissionTable.from_sparse(1 << HASH_BITS, labels, z["rows"], z["cols"], z["weights"])
            n = int(z["n_templates"]) if "n_templates" in z.files else 13
            margins = float(z["start_margin"]), float(z["cont_margin"])
            lex = lexicon_table(z["lex_buckets"], z["lex_flags"]) if "lex_buckets" in z.files else None
            clusters = np.asarray(z["char_clusters"], dtype=np.uint8) if "char_clusters" in z.files else None
            evidence = (
                NameEvidence(z["gaz_keys"], z["gaz_tags"], np.asarray(z["translit"], dtype=np.uint8))
                if "gaz_keys" in z.files
                else None
            )
            penalty = float(z["other_penalty"]) if "other_penalty" in z.files else 0.0
            return cls(table, z["transition"], *margins, float(z["floor"]), n, lex, clusters, evidence, penalty)

    def word_flag(self, text: str, start: int, end: int) -> int:
        """Lexicon flags (LEX_WORD, LEX_NAME) of text[start:end] as one word; 0 without a lexicon."""
        codes = word_codes(text[start:end]) if self.lex is not None and 2 <= end - start <= 4 else None
        return int(self.lex[ngram_bucket(codes)]) if codes is not None and self.lex is not None else 0

    def emissions(self, text: str) -> np.ndarray:
        return self.emissions_of(features(text, self.n_templates, self.lex, self.clusters, self.evidence))

    @property
    def emission(self) -> np.ndarray:
        """The dense (buckets, labels) weights (built on each call: for training code and tests)."""
        return self.table.dense()

    def emissions_of(self, ids: np.ndarray) -> np.ndarray:
        """(units, labels) sums of the emission rows of (templates, units) bucket ids, templates added in order."""
        return self.table.sums(ids)

    def emissions_batch(self, texts: list[str]) -> np.ndarray:
        """emissions() of each text stacked row for row: (sum of lengths, labels), bit for bit the same (the
        sum over templates runs in the same order)."""
        ids, inside = features_padded(texts, self.n_templates, self.lex, self.clusters, self.evidence)
        return self.emissions_of(ids) if inside is None else self.emissions_of(ids)[inside]

    WIDE_MARGIN = 5.0  # start margin for floors below the model's own
    # Windows this long at most are decoded in one call without weighing a cut (`length_groups`): their padding
    # costs less than finding the cut (generated prose: a few dozen windows of 3-25 characters per batch).
    SHORT_WINDOWS = 32
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
        if self.SINGLE_UNIT_NAMES:  # S between O steps opens a window too (English one-word names)
            gap = np.maximum(gap, em[:, 4] + tr[0, 4] + tr[4, 0] - stay - tr[0, 0])
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
            marg[~real] = np.eye(k)[0]  # padding: O only, never part of a name
        return marg, pos

    def marginals_flat(self, em: np.ndarray, wins: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
        """marginals() at the windows' characters only: (characters, labels) and their rows in `em`, in row order.

        Why: `marginals` pads every window to the longest of the batch, and one long run of candidates in real
        prose (hundreds of characters) made most of its work padding. Here windows of similar length are decoded
        together (`length_groups`); a window's floats do not depend on the others in its call, so the values are
        those of one call over all windows."""
        n = len(em)
        lengths = np.array([b - a for a, b in wins])
        order = np.argsort(-lengths, kind="stable") if lengths.max() > self.SHORT_WINDOWS else None
        groups = [(0, len(wins))] if order is None else length_groups(lengths[order])
        if order is None or len(groups) == 1:  # one call: window by window, its rows are in row order
            marg, pos = self.marginals(em, wins)
            real = (pos < n).T
            return marg.transpose(1, 0, 2)[real], pos.T[real]
        margs, rows = [], []
        for i, j in groups:
            marg, pos = self.marginals(em, [wins[w] for w in order[i:j].tolist()])
            real = pos < n
            margs.append(marg[real])
            rows.append(pos[real])
        row = np.concatenate(rows)
        by_row = np.argsort(row, kind="stable")
        return np.concatenate(margs)[by_row], row[by_row]

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
        marg, pos = self.marginals_flat(em, wins)
        offsets = np.cumsum(lengths) - lengths
        floors_here = [floors[i] for i in idx]
        for j, spans in enumerate(posterior_spans_batch(marg, pos, offsets, floors_here, self.other_penalty)):
            if spans:
                out[idx[j]] = spans


# Cost of one `marginals` call in µs: fixed, per step of its longest window, per (step, window) slot (padding
# included); measured on this machine's 2 cores (docs/profile.md). Only the grouping depends on them, never a value.
_CALL_US, _STEP_US, _SLOT_US = 40.0, 3.7, 0.2


def length_groups(lengths: np.ndarray) -> list[tuple[int, int]]:
    """[i, j) ranges of window lengths sorted longest first, each decoded in one `marginals` call.

    Why: a call costs a fixed part, a part per step of its longest window and a part per padded slot; the
    cheapest cut into groups is found among cuts where a length's power of two changes (a handful)."""
    if len(lengths) == 0:
        return []
    exp = np.frexp(lengths.astype(np.float64))[1]
    cuts = [0, *(np.flatnonzero(exp[1:] != exp[:-1]) + 1).tolist(), len(lengths)]
    longest = lengths[cuts[:-1]].tolist()
    best = [0.0] + [float("inf")] * (len(cuts) - 1)
    back = [0] * len(cuts)
    for j in range(1, len(cuts)):
        for i in range(j):
            cost = best[i] + _CALL_US + longest[i] * (_STEP_US + _SLOT_US * (cuts[j] - cuts[i]))
            if cost < best[j]:
                best[j], back[j] = cost, i
    out: list[tuple[int, int]] = []
    j = len(cuts) - 1
    while j > 0:
        out.append((cuts[back[j]], cuts[j]))
        j = back[j]
    return out[::-1]


def posterior_spans(marg: np.ndarray, pos: np.ndarray, floor: float, other_penalty: float = 0.0) -> list[Span]:
    """Runs of characters with P(inside a name) >= floor, split where a new name more likely begins (B/S).

    `marg` is (width, windows, labels) and `pos` the text position of each step (padding never qualifies,
    it allows only O), or `marg` (characters, labels) and `pos` (characters,) as `marginals_flat` gives them.
    Only the few qualifying characters are visited in Python, in text order.
    """
    return posterior_spans_batch(marg, pos, np.zeros(1, dtype=np.intp), [floor], other_penalty)[0]


def posterior_spans_batch(
    marg: np.ndarray, pos: np.ndarray, starts: np.ndarray, floors: list[float], other_penalty: float = 0.0
) -> list[list[Span]]:
    """posterior_spans() of texts stacked row after row (text j from row starts[j], at floors[j]) in one numpy
    pass instead of ~10 calls per text; spans are in each text's own positions and never cross a text."""
    out: list[list[Span]] = [[] for _ in floors]
    if marg.shape[-1] == len(LABELS):
        inside = 1.0 - marg[..., 0]
    else:  # labels after S (other entity types, train_zh_person --other-types) are no name, and count against one
        other = marg[..., len(LABELS) :].sum(axis=-1)
        inside = marg[..., 1 : len(LABELS)].sum(axis=-1) - other_penalty * other
    text = np.searchsorted(starts, pos, side="right") - 1
    on = inside >= np.asarray(floors, dtype=np.float64)[text]
    if not on.any():
        return out
    m = marg[on]
    # A char more likely to begin a name (B/S) starts a new span; so does the char after one more likely to
    # end a name (E/S): 杨蕾开口 is 杨蕾 + 开, not 杨蕾开, when 开 is only weakly inside.
    begins = (m[:, 1] + m[:, 4] > m[:, 2] + m[:, 3]).tolist()
    ends = (m[:, 3] + m[:, 4] > m[:, 1] + m[:, 2]).tolist()
    where = pos[on]
    order = np.argsort(where, kind="stable")
    at, p_in, owner = where[order].tolist(), inside[on][order].tolist(), text[on][order].tolist()
    begins = [begins[i] for i in order.tolist()]
    ends = [ends[i] for i in order.tolist()]
    base = starts.tolist()
    start, last, low, ended, cur = -1, -2, 1.0, False, -1
    for i, b, p, en, j in zip(at, begins, p_in, ends, owner, strict=True):
        if start >= 0 and (i != last + 1 or b or ended or j != cur):
            out[cur].append(Span(start - base[cur], last + 1 - base[cur], round(low, 4)))
            start = -1
        if start < 0:
            start, low, cur = i, p, j
        low = min(low, p)
        last, ended = i, en
    if start >= 0:
        out[cur].append(Span(start - base[cur], last + 1 - base[cur], round(low, 4)))
    return out
