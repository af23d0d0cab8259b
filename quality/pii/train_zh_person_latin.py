"""Train the Latin-letter name scorer shipped as quality/pii/models/zh_person_latin.npz (zh_person_latin.py).

Run: `python -m corpusgov.quality.pii.train_zh_person_latin --data DIR [--out PATH]`, DIR being the CRF trainer's
(train_zh_person.py, the same pool, the same held-out sentences: every 10th). A Latin token that touches Chinese
text is a positive when it is exactly a labelled name. Fitted sentences sharing a 16-character run with a held-out
or evaluation sentence are dropped, as for the CRF. The regularisation and the threshold are chosen on the
fitted training sentences by 5-fold cross-validation (the held-out sentences hold only ~30 Latin names, too few
to choose on; they are scored once at the end): the setting with the most recall whose out-of-fold precision is
>= --min-precision (issue 14's precision target, so the CN_PERSON findings it adds keep that precision). Needs scikit-learn (dev
extra); the shipped scorer is read with NumPy only.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from corpusgov.quality.pii.en_person_features import Gazetteer
from corpusgov.quality.pii.train_zh_person import split_pool
from corpusgov.quality.pii.zh_ner_data import Sentence
from corpusgov.quality.pii.zh_person_latin import (
    HASH_BITS,
    candidates,
    feature_ids,
    feature_keys,
    load_gazetteer,
)

DEFAULT_OUT = Path(__file__).parent / "models" / "zh_person_latin.npz"
GAZ_PATH = Path(__file__).parent / "models" / "en_person.npz"
C_GRID = (0.3, 1.0, 3.0)
THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(2, 19))


def _latin_names(sent: Sentence) -> int:
    text, spans = sent
    return sum(any("a" <= c.lower() <= "z" for c in text[s:e]) for s, e in spans)


def examples(sents: list[Sentence], gaz: Gazetteer | None = None) -> tuple[list[list[int]], list[int], int]:
    """Feature ids and labels of every candidate token; and the number of Latin names that are no candidate."""
    gaz = gaz or load_gazetteer(GAZ_PATH)
    rows: list[list[int]] = []
    labels: list[int] = []
    missed = 0
    for text, spans in sents:
        cands = candidates(text)
        gold = {sp for sp in spans if any("a" <= c.lower() <= "z" for c in text[sp[0] : sp[1]])}
        missed += len(gold - set(cands))
        for s, e in cands:
            rows.append(feature_ids(feature_keys(text, s, e, gaz, len(cands))))
            labels.append(int((s, e) in gold))
    return rows, labels, missed


def _matrix(rows: list[list[int]]):  # noqa: ANN202 - scipy sparse matrix
    from scipy.sparse import csr_matrix  # type: ignore[import-untyped]  # SciPy ships no stubs (training only)

    indptr = np.cumsum([0] + [len(r) for r in rows])
    idx = np.fromiter((i for r in rows for i in r), dtype=np.int64, count=int(indptr[-1]))
    data = np.ones_like(idx, dtype=np.float64)
    m = csr_matrix((data, idx, indptr), shape=(len(rows), 1 << HASH_BITS))
    m.sum_duplicates()
    return m


def fit(rows: list[list[int]], labels: list[int], c: float) -> np.ndarray:
    """Logistic weights per bucket (the intercept folded into the `bias` feature, fitted like the others)."""
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]  # no stubs (training only)

    clf = LogisticRegression(C=c, max_iter=2000, fit_intercept=False, solver="lbfgs")
    clf.fit(_matrix(rows), np.asarray(labels))
    return np.asarray(clf.coef_[0], dtype=np.float64)


def pr_at(w: np.ndarray, rows: list[list[int]], labels: list[int], n_gold: int, thr: float) -> tuple[float, float]:
    """Precision over candidates and recall over all held-out Latin names (candidates or not) at a threshold."""
    p = np.array([1.0 / (1.0 + np.exp(-w[r].sum())) for r in rows])
    y = np.asarray(labels)
    pred = p >= thr
    tp = int((pred & (y == 1)).sum())
    return tp / max(1, int(pred.sum())), tp / max(1, n_gold)


def cross_validate(per_sentence: list[tuple[list[list[int]], list[int], int]], c: float, folds: int = 5):  # noqa: ANN201
    """Out-of-fold probabilities, labels and the Latin names that are no candidate, folds by sentence (i % folds)."""
    probs: list[float] = []
    labels: list[int] = []
    missed = 0
    for k in range(folds):
        train = [p for i, p in enumerate(per_sentence) if i % folds != k]
        w = fit([r for p in train for r in p[0]], [y for p in train for y in p[1]], c)
        for rows, ys, m in per_sentence[k::folds]:
            probs.extend(1.0 / (1.0 + np.exp(-w[r].sum())) for r in rows)
            labels.extend(ys)
            missed += m
    return np.array(probs), np.array(labels), missed


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--min-precision", type=float, default=0.80)
    args = ap.parse_args(argv)
    held, _, fit_once, dropped, _ = split_pool(args.data)
    fitted = [s for s, _ in fit_once if candidates(s[0])]
    # Latin names in sentences with no candidate at all (spaced off, or inside a Han run) count as misses too.
    gaz = load_gazetteer(GAZ_PATH)
    per_sentence = [examples([s], gaz) for s in fitted] + [([], [], _latin_names(s)) for s, _ in fit_once if not candidates(s[0])]
    print(f"{dropped} near copies dropped; {len(fitted)} fitted sentences with a candidate, "
          f"{sum(len(p[1]) for p in per_sentence)} candidates, {sum(sum(p[1]) for p in per_sentence)} of them names, "
          f"{sum(p[2] for p in per_sentence)} Latin names no candidate")
    best: tuple[float, float, float, float] | None = None  # (recall, precision, c, threshold)
    for c in C_GRID:
        probs, y, missed = cross_validate(per_sentence, c)
        n_gold = int(y.sum()) + missed
        for thr in THRESHOLDS:
            pred = probs >= thr
            tp = int((pred & (y == 1)).sum())
            p, r = tp / max(1, int(pred.sum())), tp / max(1, n_gold)
            print(f"C={c} threshold {thr}: 5-fold P={p:.3f} R={r:.3f}")
            if p >= args.min_precision and (best is None or (r, p) > best[:2]):
                best = (r, p, c, thr)
    if best is None:
        print("no setting reaches the precision; nothing written")
        return 1
    r, p, c, thr = best
    w = fit([row for rows, _, _ in per_sentence for row in rows], [v for _, ys, _ in per_sentence for v in ys], c)
    held_rows, held_y, held_missed = examples(held, gaz)
    hp, hr = pr_at(w, held_rows, held_y, sum(held_y) + held_missed, thr)
    nz = np.flatnonzero(np.abs(w) > 1e-6)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        args.out, allow_pickle=False, rows=nz.astype(np.uint32), weights=w[nz].astype(np.float32),
        threshold=np.float64(thr), c=np.float64(c),
    )
    print(f"chosen C={c} threshold {thr}: 5-fold P={p:.3f} R={r:.3f}; held-out sentences ({sum(held_y) + held_missed} "
          f"Latin names) P={hp:.3f} R={hr:.3f}; {nz.size} weights; {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
