"""Train the English person-name CRF shipped as quality/pii/models/en_person.npz.

Run: `python -m corpusgov.quality.pii.train_en_person --data DIR [--out PATH]`, DIR made by
`python -m corpusgov.quality.eval.get_en_ner --out DIR` (models/PROVENANCE.md says where each file comes from).
Only training material is fitted: WNUT17 train and dev, Broad Twitter Corpus sections A, B, E, G, H and the
CC-BY genres of GUM; WNUT17 test and BTC section F (the evaluation splits) are never read here, and a training
sentence whose text also occurs in them is dropped. Every 10th training sentence is held out from fitting;
the posterior floor is chosen on those held-out sentences together with presidio-research's `gen_dev` (the
tuning split of the English PI eval): the floor with the best mean F1 of the two, through the recognizer.

Needs python-crfsuite (dev extra); the shipped model is read with NumPy only.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import numpy as np

from corpusgov.quality.pii.en_ner_data import Sentence, first_names, read, surnames
from corpusgov.quality.pii.en_person_features import Featurizer, Gazetteer
from corpusgov.quality.pii.train_zh_person import bioes, export

TRAIN_FILES = (
    "wnut17_train.conll", "wnut17_dev.conll",
    "btc_a.conll", "btc_b.conll", "btc_e.conll", "btc_g.conll", "btc_h.conll",
)
EVAL_FILES = ("wnut17_test.conll", "btc_f.conll")
DEFAULT_OUT = Path(__file__).parent / "models" / "en_person.npz"
GEN_DEV = Path(__file__).resolve().parents[1] / "eval" / "data" / "real" / "presidio_research" / "gen_dev.jsonl"


def load_pool(data: Path) -> tuple[list[Sentence], dict[str, int]]:
    """Training sentences of the files present (GUM's CC-BY genres under DIR/gum/), minus any whose text is
    in an evaluation split or already seen."""
    seen = {t for f in EVAL_FILES if (data / f).exists() for t, _ in read(data / f)}
    pool: list[Sentence] = []
    counts: dict[str, int] = {}
    paths = [data / f for f in TRAIN_FILES if (data / f).exists()] + sorted((data / "gum").glob("*.conllu"))
    for path in paths:
        rows = []
        for text, spans in read(path):
            if text and text not in seen:
                seen.add(text)
                rows.append((text, spans))
        key = "gum" if path.suffix == ".conllu" else path.name
        counts[key] = counts.get(key, 0) + len(rows)
        pool.extend(rows)
    return pool, counts


def token_labels(fz: Featurizer, text: str, spans: list[tuple[int, int]]) -> tuple[np.ndarray, list[str]]:
    """Bucket ids (tokens, templates) and BIOES labels of one sentence; a name covers the tokens inside it."""
    toks = fz.tokens(text)
    tok_spans = []
    for s, e in spans:
        idx = [i for i in range(len(toks)) if toks.span(i, i + 1)[0] >= s and toks.span(i, i + 1)[1] <= e]
        if idx:
            tok_spans.append((idx[0], idx[-1] + 1))
    return Featurizer.ids_batch([toks]).T, bioes(len(toks), tok_spans)


def gazetteer_arrays(data: Path) -> tuple[np.ndarray, np.ndarray]:
    return Gazetteer.arrays(first_names(data / "ssa_first_names.txt"), surnames(data / "census_surnames.csv"))


_ACCENTS = {"a": "áàä", "e": "éèë", "i": "í", "o": "óöø", "u": "úü", "c": "čć", "s": "š", "z": "ž", "r": "ř", "n": "ñ"}


def _accented(name: str, rng: random.Random) -> str:
    return "".join(rng.choice(_ACCENTS[c]) if c in _ACCENTS and rng.random() < 0.3 else c for c in name)


def name_pools(data: Path, min_first: int = 50, min_last: int = 500) -> tuple[list[str], list[str]]:
    """Title-cased first names and surnames common enough to be real (SSA yearly max, Census count)."""
    first = sorted(w.title() for w, n in first_names(data / "ssa_first_names.txt").items() if n >= min_first)
    last = sorted(w.title() for w, n in surnames(data / "census_surnames.csv").items() if n >= min_last and w.isalpha())
    return first, last


def _spliced(word: str, rng: random.Random, pool: list[str]) -> str:
    """The first part of one name and the last part of another (Lubo + mir): a name on no list, so the model
    also learns names it cannot look up."""
    other = rng.choice(pool)
    return (word[: max(2, len(word) // 2)] + other[len(other) // 2 :].lower()) if len(other) > 2 else word


def substitute_names(
    sent: Sentence, rng: random.Random, first: list[str], last: list[str], splice: float = 0.0
) -> Sentence:
    """The sentence with each name replaced by a random one of as many words (first, [initial], last), some
    with accents (Dvořák-like): the model then learns names from context and shape, not from the few
    thousand names the corpora happen to contain."""
    text, spans = sent
    out, new_spans, pos = [], [], 0
    for s, e in sorted(spans):
        n = len(text[s:e].split())
        words = [rng.choice(first if n > 1 or rng.random() < 0.5 else last)]
        if n >= 3:
            words.append(rng.choice(first)[0] + "." if rng.random() < 0.5 else rng.choice(first))
        if n >= 2:
            words.append(rng.choice(last))
        words = [_spliced(w, rng, first + last) if rng.random() < splice else w for w in words]
        name = " ".join(_accented(w, rng) if rng.random() < 0.2 else w for w in words)
        out.append(text[pos:s])
        start = sum(map(len, out))
        out.append(name)
        new_spans.append((start, start + len(name)))
        pos = e
    out.append(text[pos:])
    return "".join(out), new_spans


def gen_dev() -> list[Sentence]:
    with GEN_DEV.open(encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh if line.strip()]
    return [(d["text"], [(s["start"], s["end"]) for s in d["spans"] if s["type"] == "PERSON"]) for d in docs]


def prf(found: list[list[tuple[int, int]]], sents: list[Sentence]) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for pred, (_, gold) in zip(found, sents, strict=True):
        p, g = set(pred), set(gold)
        tp += len(p & g)
        fp += len(p - g)
        fn += len(g - p)
    prec, rec = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return prec, rec, 2 * prec * rec / max(1e-9, prec + rec)


def choose_floor(model_path: Path, held: list[Sentence], dev: list[Sentence], tie: float = 0.005) -> float:
    """The highest posterior floor whose mean F1 (held-out training sentences, gen_dev) is within `tie` of the
    best: between floors that score alike, the more precise one (technical prose has many capitalised words)."""
    from corpusgov.quality.pii.en_person_model import EnPersonModel
    from corpusgov.quality.pii.recognizer_en_person import EnPersonRecognizer

    mean_f: dict[float, float] = {}
    for floor in (0.7, 0.6, 0.5, 0.4, 0.35, 0.3, 0.25, 0.2, 0.15, 0.1):
        model = EnPersonModel.load(model_path)
        model.floor = floor
        rec = EnPersonRecognizer(model=model)
        scores = []
        for name, sents in (("held-out training", held), ("presidio gen_dev", dev)):
            found = [[(s, e) for s, e, _ in spans] for spans in rec.find_batch([t for t, _ in sents])]
            p, r, f = prf(found, sents)
            scores.append(f)
            print(f"floor {floor}: {name} ({len(sents)} sentences) exact spans P={p:.3f} R={r:.3f} F1={f:.3f}")
        mean_f[floor] = sum(scores) / 2
    best = max(mean_f.values())
    return max(f for f, v in mean_f.items() if v >= best - tie)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--max-iter", type=int, default=100)
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--start-margin", type=float, default=5.0)
    ap.add_argument("--cont-margin", type=float, default=4.0)
    ap.add_argument("--gum-repeat", type=int, default=2, help="fit GUM sentences N times (edited prose, few)")
    ap.add_argument("--augment", type=int, default=2, help="name-substituted copies of each sentence with names")
    ap.add_argument("--seed", type=int, default=20261205)
    ap.add_argument("--splice", type=float, default=0.3, help="share of substituted words spliced from two names")
    args = ap.parse_args(argv)
    import pycrfsuite

    pool, counts = load_pool(args.data)
    print("training sentences:", counts, file=sys.stderr)
    held = pool[::10]
    fit = [s for i, s in enumerate(pool) if i % 10]
    gaz_keys, gaz_flags = gazetteer_arrays(args.data)
    fz = Featurizer(Gazetteer(gaz_keys, gaz_flags))
    trainer = pycrfsuite.Trainer(verbose=False)
    n = 0
    gum_texts = {t for t, _ in pool[sum(v for k, v in counts.items() if k != "gum"):]}
    rng = random.Random(args.seed)
    first, last = name_pools(args.data)
    for text, spans in fit:
        copies = [(text, spans)] * (args.gum_repeat if text in gum_texts else 1)
        if spans:
            copies += [substitute_names((text, spans), rng, first, last, args.splice) for _ in range(args.augment)]
        for t, sp in copies:
            ids, labels = token_labels(fz, t, sp)
            if labels:
                trainer.append([[str(v) for v in row] for row in ids.tolist()], labels)
                n += 1
    print(f"fit on {n} sentences ({len(fit)} distinct), {len(held)} held out", file=sys.stderr)
    trainer.set_params({"c1": args.c1, "c2": args.c2, "max_iterations": args.max_iter, "feature.possible_transitions": True})
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_suffix(".crfsuite")
    trainer.train(str(tmp))
    arrays = export(tmp, args.start_margin, args.cont_margin, 0.5, (np.zeros(0, np.uint32), np.zeros(0, np.uint8)), None)
    tmp.unlink()
    for k in ("lex_buckets", "lex_flags", "n_templates"):
        arrays.pop(k)
    arrays["gaz_keys"], arrays["gaz_flags"] = gaz_keys, gaz_flags
    np.savez_compressed(args.out, allow_pickle=False, **arrays)
    floor = choose_floor(args.out, held, gen_dev())
    arrays["floor"] = np.float64(floor)
    np.savez_compressed(args.out, allow_pickle=False, **arrays)
    print(f"floor {floor}; features kept: {np.size(arrays['rows'])}; model {args.out.stat().st_size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
