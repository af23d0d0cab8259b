"""Measures a span-level second stage for CN_PERSON on held-out training sentences (issue 14, lever a).

Why: the recognizer reports CRF spans above one posterior floor. A small logistic model over each candidate
span (its posterior, boundary probabilities, length, surname and dictionary flags, the characters around it,
whether the text looks like social media) could in principle keep more true names at the same precision. This
script measures that before anything ships: candidates are the CRF's spans at floors 0.5 down to 0.01 inside the
shipped decoding windows (optionally also every 2-4 character jieba `nr` word: `--lex`), the model is scored by
5-fold cross-validation over the trainer's held-out *training* sentences (every 10th of the pool: the only
sentences the CRF was not fitted on), and the out-of-fold precision/recall per corpus is printed beside what the
shipped recognizer reports. No evaluation split is read. Result of 2026-12-06: models/PROVENANCE.md (not shipped).

Run: `python -m corpusgov.quality.eval.zh_person_span_stage --heldout DIR [--lex] [--c 0.3,1]`
"""

from __future__ import annotations

import argparse
import math
import re
import zlib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from corpusgov.quality.pii.recognizer_zh_person import (
    _COMPOUND,
    _NAME_CHARS,
    _PLACE_WORDS,
    _TITLES,
    CnPersonModelRecognizer,
    _trim,
    load_model,
)
from corpusgov.quality.pii.train_zh_person import CORPORA, load_pool
from corpusgov.quality.pii.zh_ner_data import Sentence
from corpusgov.quality.pii.zh_person_features import LEX_NAME, LEX_WORD, NORM_CODES, SURNAME_CHARS
from corpusgov.quality.pii.zh_person_model import ZhPersonModel, posterior_spans

FLOORS = (0.5, 0.3, 0.2, 0.1, 0.07, 0.05, 0.03, 0.02, 0.01)
HASH_BITS = 18
N_NUMERIC = 6
THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
_HAN = re.compile(r"[\u4e00-\u9fff]")
_SOCIAL = re.compile(r"@|#|\[[^\]]{1,4}\]|哈哈|http|//")  # Weibo-like text: mentions, topics, [emoji]
_SURNAMES = set(SURNAME_CHARS)
Span = tuple[int, int]


@dataclass
class Candidate:
    """One candidate span: the least P(inside) over its characters, the highest floor it appears at (None for a
    lexicon candidate), P(B or S) at its first and P(E or S) at its last character, P(inside) just outside it."""

    score: float
    floor: float | None
    mean_inside: float
    p_begin: float
    p_end: float
    before: float
    after: float


def crf_candidates(model: ZhPersonModel, texts: list[str]) -> list[dict[Span, Candidate]]:
    """Trimmed Han spans the CRF reports at any floor of FLOORS, inside the windows the shipped decoder opens."""
    out: list[dict[Span, Candidate]] = [{} for _ in texts]
    idx = [i for i, t in enumerate(texts) if t]
    for k in range(0, len(idx), 64):
        batch = idx[k : k + 64]
        em = model.emissions_batch([texts[i] for i in batch])
        lengths = np.array([len(texts[i]) for i in batch])
        wins, owner = model.windows_batch(em, lengths, np.full(len(batch), model.start_margin))
        if not wins:
            continue
        marg, pos = model.marginals(em, wins)
        offsets = np.cumsum(lengths) - lengths
        for w in range(len(wins)):
            j = int(owner[w])
            text, m, p = texts[batch[j]], marg[:, w : w + 1], pos[:, w : w + 1] - offsets[j]
            real = pos[:, w] < len(em)
            probs = {int(q): (1.0 - float(r[0]), float(r[1] + r[4]), float(r[3] + r[4])) for r, q, ok in
                     zip(m[:, 0], p[:, 0], real, strict=True) if ok}
            found = out[batch[j]]
            for floor in FLOORS:
                for sp in posterior_spans(m, p, floor):
                    s, e = _trim(text, sp.start, sp.end)
                    if (s, e) in found or not _NAME_CHARS.fullmatch(text, s, e):
                        continue
                    inside = [probs.get(q, (0.0, 0.0, 0.0)) for q in range(s, e)]
                    found[(s, e)] = Candidate(
                        sp.score, floor, float(np.mean([x[0] for x in inside])), inside[0][1], inside[-1][2],
                        probs.get(s - 1, (0.0, 0.0, 0.0))[0], probs.get(e, (0.0, 0.0, 0.0))[0],
                    )
    return out


def lexicon_candidates(model: ZhPersonModel, text: str, have: dict[Span, Candidate]) -> dict[Span, Candidate]:
    """Han words of 2-4 characters that jieba's dictionary tags as a person name (nr*) and the CRF did not propose."""
    out = {}
    for s in range(len(text)):
        if _HAN.match(text, s):
            for e in range(s + 2, min(s + 4, len(text)) + 1):
                if (s, e) not in have and _NAME_CHARS.fullmatch(text, s, e) and model.word_flag(text, s, e) & LEX_NAME:
                    out[(s, e)] = Candidate(0.0, None, 0.0, 0.0, 0.0, 0.0, 0.0)
    return out


def _ctx(ch: str) -> str:
    if "a" <= ch.lower() <= "z":
        return "a"
    if ch.isdigit():
        return "0"
    return chr(int(NORM_CODES[ord(ch)])) if ord(ch) < 65536 else ch


def span_keys(model: ZhPersonModel, text: str, span: Span, c: Candidate, reported: bool, names: list[str]) -> list[str]:
    """Feature strings of one candidate: posterior bin, source, shape, dictionary flags, context, genre."""
    s, e = span
    word, length = text[s:e], min(e - s, 6)
    flag = model.word_flag(text, s, e)
    cut = any(model.word_flag(text, a, a + 2) == LEX_WORD for a in (s - 1, e - 1) if 0 <= a and a + 2 <= len(text))
    left = "".join(_ctx(ch) for ch in text[max(0, s - 2) : s]).rjust(2, "^")
    right = "".join(_ctx(ch) for ch in text[e : e + 2]).ljust(2, "$")
    social = bool(_SOCIAL.search(text))
    sbin = "lex" if c.floor is None else str(min(9, int(-math.log10(max(c.score, 1e-4)) * 4)))
    surname = word[0] in _SURNAMES or word[:2] in _COMPOUND
    return [
        "bias", f"sbin={sbin}", f"floor={c.floor}", f"len={length}", f"lex={flag}", f"cut={cut}",
        f"lex_len={flag},{length}", f"sur={surname}", f"sur_len={surname},{length}",
        "c0=" + _ctx(word[0]), "cL=" + _ctx(word[-1]), "l1=" + left[1], "l2=" + left, "r1=" + right[0],
        "r2=" + right, f"title={text.startswith(_TITLES, e)}", f"place={text.startswith(_PLACE_WORDS, e)}",
        f"social={social}", f"social_sbin={social},{sbin}", f"reported={reported}",
        f"ncand={min(len(names), 6)}", f"repeated={names.count(word) > 1}", f"dot={'·' in word}",
    ]


def numeric(c: Candidate) -> list[float]:
    p = min(max(c.score, 1e-4), 1 - 1e-4)
    return [math.log(p / (1 - p)) / 5, c.p_begin, c.p_end, c.before, c.after, c.mean_inside]


def decode(probs: np.ndarray, owner: np.ndarray, spans: list[Span], threshold: float, n: int) -> list[set[Span]]:
    """Per sentence, the candidates at or above the threshold, most probable first, none overlapping another."""
    by: dict[int, list[tuple[float, Span]]] = defaultdict(list)
    for p, i, span in zip(probs.tolist(), owner.tolist(), spans, strict=True):
        if p >= threshold:
            by[i].append((p, span))
    out: list[set[Span]] = [set() for _ in range(n)]
    for i, cands in by.items():
        for _, (s, e) in sorted(cands, key=lambda x: (-x[0], x[1])):
            if not any(s < b and a < e for a, b in out[i]):
                out[i].add((s, e))
    return out


def prf(held: list[Sentence], origin: list[str], pred: list[set[Span]]) -> dict[str, tuple[float, float, int]]:
    """Exact-span precision, recall and gold count per corpus (the trainer's CORPORA) and for the earlier files."""
    groups = {**CORPORA, "earlier_files": ("cluener", "weibo", "resume", "msra", "pd_")}
    out = {}
    for name, prefixes in groups.items():
        tp = n_pred = n_gold = 0
        for (_, gold), o, p in zip(held, origin, pred, strict=True):
            if o.startswith(prefixes):
                tp, n_pred, n_gold = tp + len(p & set(gold)), n_pred + len(p), n_gold + len(gold)
        if n_gold:
            out[name] = (tp / max(1, n_pred), tp / n_gold, n_gold)
    return out


def cross_validate(data: Path, cs: list[float], use_lex: bool) -> None:
    """Print the shipped recognizer's held-out P/R, then the stage's out-of-fold P/R per C and threshold."""
    import scipy.sparse as sparse
    from sklearn.linear_model import LogisticRegression

    pool, _, origin = load_pool(data)
    held, held_origin = pool[::10], origin[::10]
    model = load_model()
    rec = CnPersonModelRecognizer(model=model)
    texts = [t for t, _ in held]
    shipped = rec.find_batch(texts)
    base = [{(s, e) for s, e, _ in f} for f in shipped]
    # Latin-letter and cue findings are the recognizer's other sources: kept as they are beside the stage's spans.
    other = [{sp for sp in b if not _NAME_CHARS.fullmatch(t, *sp)} for t, b in zip(texts, base, strict=True)]
    ind: list[int] = []
    ptr, dat, y, owner, spans = [0], [], [], [], []
    for i, (cands, (text, gold)) in enumerate(zip(crf_candidates(model, texts), held, strict=True)):
        if use_lex:
            cands.update(lexicon_candidates(model, text, cands))
        names = [text[s:e] for s, e in cands]
        for span, c in cands.items():
            keys = span_keys(model, text, span, c, span in base[i], names)
            ids = sorted({zlib.crc32(k.encode("utf-8")) & ((1 << HASH_BITS) - 1) for k in keys})
            ind.extend(ids + list(range(1 << HASH_BITS, (1 << HASH_BITS) + N_NUMERIC)))
            dat.extend([1.0] * len(ids) + numeric(c))
            ptr.append(len(ind))
            y.append(span in set(gold))
            owner.append(i)
            spans.append(span)
    x = sparse.csr_matrix((dat, ind, ptr), shape=(len(y), (1 << HASH_BITS) + N_NUMERIC))
    labels, who = np.array(y), np.array(owner)
    print(f"{len(held)} held-out sentences, {sum(len(g) for _, g in held)} names, {len(y)} candidates "
          f"({int(labels.sum())} exact names){' with jieba nr words' if use_lex else ''}")
    show = ("cluener", "weibo", "resume", "msra", "pd", "pd_1998_01", "earlier_files")

    def line(res: dict[str, tuple[float, float, int]]) -> str:
        return " | ".join(f"{k} {res[k][0]:.3f}/{res[k][1]:.3f}" for k in show if k in res)

    print("shipped recognizer:", line(prf(held, held_origin, base)))
    folds = who % 5
    for c in cs:
        oof = np.zeros(len(y))
        for f in range(5):
            fit = folds != f
            clf = LogisticRegression(C=c, max_iter=2000, solver="liblinear").fit(x[fit], labels[fit])
            oof[~fit] = clf.predict_proba(x[~fit])[:, 1]
        for thr in THRESHOLDS:
            han = decode(oof, who, spans, thr, len(held))
            pred = [h | {o for o in ot if not any(o[0] < b and a < o[1] for a, b in h)} for h, ot in zip(han, other, strict=True)]
            res = prf(held, held_origin, pred)
            ok = all(p >= 0.80 for k, (p, _, n) in res.items() if n >= 100 and k != "earlier_files")
            print(f"C={c} threshold {thr}{' (P >= 0.80 in every corpus of >= 100 names)' if ok else ''}: {line(res)}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--heldout", type=Path, required=True, help="the trainer's DIR (get_zh_ner --out DIR)")
    ap.add_argument("--lex", action="store_true", help="also jieba nr words of 2-4 characters as candidates")
    ap.add_argument("--c", default="0.3,1", help="inverse regularisation strengths to cross-validate")
    a = ap.parse_args(argv)
    cross_validate(a.heldout, [float(v) for v in a.c.split(",")], a.lex)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
