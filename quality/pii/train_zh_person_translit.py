"""Train the transliterated-name scorer (zh_person_translit.py), written to zh_person_translit.npz.

Run: `python -m corpusgov.quality.pii.train_zh_person_translit --data DIR [--out PATH]`, DIR being the CRF trainer's
(train_zh_person.py: the same pool, the same held-out sentences, every 10th). The character shares come from the
fitted sentences' names that start with no common surname and from jieba's `nrt` words; the dictionary words that
candidates skip from jieba's dict.txt (MIT, a runtime dependency). A candidate span is a positive when it is exactly a labelled name.
Fitted sentences sharing a 16-character run with a held-out or evaluation sentence are dropped, as for the CRF.
C is chosen by 5-fold cross-validation over the fitted sentences, as for the Latin-name scorer (the most recall whose
out-of-fold precision is >= --min-precision). The threshold is not: out-of-fold precision counts every candidate,
mostly surname-first names the CRF reports anyway, and the recognizer adds a span only where it reports nothing.
So the threshold is the CRF floor's rule on what the recognizer then reports: the lowest whose exact-span precision
on the held-out training sentences stays >= --min-precision in every corpus with >= 100 held-out names. Needs
scikit-learn (dev extra); the scorer is read with NumPy only.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from corpusgov.quality.pii.train_zh_person import CORPORA, split_pool
from corpusgov.quality.pii.train_zh_person_latin import cross_validate, fit
from corpusgov.quality.pii.zh_ner_data import Sentence
from corpusgov.quality.pii.zh_person_features import SURNAME_CHARS
from corpusgov.quality.pii.zh_person_model import ZhPersonModel
from corpusgov.quality.pii.zh_person_name_lists import jieba_name_words
from corpusgov.quality.pii.zh_person_translit import (
    MAX_LEN,
    RUN_MIN_SHARE,
    TranslitNameScorer,
    TranslitTables,
    WordFlag,
    candidates,
    feature_ids,
    feature_keys,
    norm,
)

DEFAULT_OUT = Path(__file__).parent / "models" / "zh_person_translit.npz"
C_GRID = (0.3, 1.0)
THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(4, 19))
CRF_PATH = Path(__file__).parent / "models" / "zh_person.npz"  # its lexicon is the one the features read
# Weights smaller than this are dropped before the threshold is chosen: 38k of 140k buckets kept, the file 0.3 MB
# instead of 0.8, the same held-out P/R to the third decimal (2026-12-06).
PRUNE = 0.05
MIN_USES = 5  # a character seen fewer times gets no share (one rare name would mark its own characters)


def jieba_words() -> list[str]:
    """Every word of jieba's dict.txt."""
    import jieba

    with (Path(jieba.__file__).parent / "dict.txt").open(encoding="utf-8") as fh:
        return [parts[0] for parts in (line.split() for line in fh) if parts]


def build_tables(fitted: list[Sentence]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(codes, shares, words): each character's share of uses inside a foreign-looking name, and the dictionary
    words of 2-MAX_LEN run characters (folded), which are no candidates."""
    surnames = set(SURNAME_CHARS)
    pos: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for text, spans in fitted:
        t = [norm(c) for c in text]
        total.update(t)
        for s, e in spans:
            if e - s >= 2 and t[s] not in surnames:
                pos.update(t[s:e])
    for word, tag in jieba_name_words().items():
        t = [norm(c) for c in word]
        total.update(t)
        if tag == "nrt":
            pos.update(t)
    shares = {c: pos[c] / n for c, n in total.items() if n >= MIN_USES and "\u4e00" <= c <= "\u9fff" and pos[c]}
    run = {c for c, s in shares.items() if s >= RUN_MIN_SHARE}
    words = {w for w in ("".join(norm(c) for c in word) for word in jieba_words())
             if 2 <= len(w) <= MAX_LEN and all(c in run for c in w)}
    codes = sorted(shares)
    return (
        np.array([ord(c) for c in codes], dtype=np.uint32),
        np.array([shares[c] for c in codes], dtype=np.float32),
        np.array(sorted(words), dtype=f"<U{MAX_LEN}"),
    )


def examples(sent: Sentence, tables: TranslitTables, flag: WordFlag) -> tuple[list[list[int]], list[int], int]:
    """Feature ids and labels of a sentence's candidates, and its names of >= 2 characters that are none."""
    text, spans = sent
    cands = candidates(text, tables, skip_words=False)
    gold = {sp for sp in spans if sp[1] - sp[0] >= 2}
    seen = {(s, e) for s, e, _, _ in cands}
    rows = [feature_ids(feature_keys(text, s, e, rs, re_, tables, flag)) for s, e, rs, re_ in cands]
    return rows, [int((s, e) in gold) for s, e, _, _ in cands], sum(1 for g in gold if g not in seen)


def save(path: Path, w: np.ndarray, thr: float, c: float, arrays: tuple[np.ndarray, np.ndarray, np.ndarray]) -> int:
    """Write the scorer as TranslitNameScorer.load reads it (non-zero weights only); the number of weights."""
    nz = np.flatnonzero(w)
    path.parent.mkdir(parents=True, exist_ok=True)
    codes, shares, words = arrays
    np.savez_compressed(
        path, allow_pickle=False, rows=nz.astype(np.uint32), weights=w[nz].astype(np.float32),
        threshold=np.float64(thr), c=np.float64(c), codes=codes, shares=shares, words=words,
    )
    return int(nz.size)


def choose_threshold(
    scorer: TranslitNameScorer, held: list[Sentence], origin: list[str], min_precision: float, min_names: int = 100
) -> float:
    """The lowest threshold whose recognizer precision (exact spans, the scorer's spans added where the shipped
    recognizer reports nothing) is >= min_precision in every corpus of >= min_names held-out names."""
    from corpusgov.quality.pii.recognizer_zh_person import CnPersonModelRecognizer

    rec = CnPersonModelRecognizer(use_translit=False)
    base = [{(s, e) for s, e, _ in f} for f in rec.find_batch([t for t, _ in held])]
    found = [scorer.find(t, min(THRESHOLDS)) for t, _ in held]
    best = 1.0
    for thr in sorted(THRESHOLDS, reverse=True):
        ok = True
        for corpus, prefixes in CORPORA.items():
            tp = n_pred = n_gold = 0
            for (_, gold), o, b, f in zip(held, origin, base, found, strict=True):
                if not o.startswith(prefixes):
                    continue
                pred = set(b)
                for s, e, q in f:
                    if q >= thr and not any(s < y and x < e for x, y in pred):
                        pred.add((s, e))
                g = set(gold)
                tp, n_pred, n_gold = tp + len(pred & g), n_pred + len(pred), n_gold + len(g)
            if not n_gold:
                continue
            p, r = tp / max(1, n_pred), tp / n_gold
            print(f"held-out {corpus} ({n_gold} names), threshold {thr}: recognizer P={p:.3f} R={r:.3f}")
            ok = ok and (n_gold < min_names or p >= min_precision)
        if ok:
            best = thr
    return best


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--min-precision", type=float, default=0.80)
    args = ap.parse_args(argv)
    held, held_origin, fit_once, dropped, _ = split_pool(args.data)
    fitted = [s for s, _ in fit_once]
    arrays = build_tables(fitted)
    tables = TranslitTables(*arrays)
    flag = ZhPersonModel.load(CRF_PATH).word_flag
    per_sentence = [examples(s, tables, flag) for s in fitted]
    # Recall is over the candidates' names only: names no run covers are the CRF's (surname-first) or no one's.
    per_sentence = [(r, y, 0) for r, y, _ in per_sentence if r]
    n_cand = sum(len(p[1]) for p in per_sentence)
    print(f"{dropped} near copies dropped; {len(fitted)} fitted sentences, {len(per_sentence)} with a candidate, "
          f"{n_cand} candidates, {sum(sum(p[1]) for p in per_sentence)} of them names; {arrays[0].size} characters, "
          f"{arrays[2].size} dictionary words")
    best: tuple[float, float, float, float] | None = None  # (recall, precision, c, threshold)
    for c in C_GRID:
        probs, y, _ = cross_validate(per_sentence, c)
        for thr in THRESHOLDS:
            pred = probs >= thr
            tp = int((pred & (y == 1)).sum())
            p, r = tp / max(1, int(pred.sum())), tp / max(1, int(y.sum()))
            print(f"C={c} threshold {thr}: 5-fold P={p:.3f} R={r:.3f} (of the candidates' names)")
            if p >= args.min_precision and (best is None or (r, p) > best[:2]):
                best = (r, p, c, thr)
    if best is None:
        print("no setting reaches the precision; nothing written")
        return 1
    r, p, c, cv_thr = best
    print(f"chosen C={c} (5-fold P={p:.3f} R={r:.3f} at {cv_thr})")
    w = fit([row for rows, _, _ in per_sentence for row in rows], [v for _, ys, _ in per_sentence for v in ys], c)
    w[np.abs(w) < PRUNE] = 0.0
    thr = choose_threshold(TranslitNameScorer(w, 0.0, tables, flag), held, held_origin, args.min_precision)
    n = save(args.out, w, thr, c, arrays)
    print(f"threshold {thr}; {n} weights; {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
