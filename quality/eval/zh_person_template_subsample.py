"""Compares extra CRF feature templates for CN_PERSON on a subsample before any full training (issue 14, b and d).

Why: a full fit of the shipped CRF takes about an hour on a quiet machine, so a candidate template is first fitted
beside the shipped templates on the same subsample (every k-th fitted sentence, fewer iterations) and both are
scored on the same held-out *training* sentences through the recognizer at several floors. Variants:
`base` (the shipped 20 templates), `ctx` (lever d: name-context n-grams learnt from the fitted sentences, 1-2
characters seen >= 8 times right after or right before a name, bucketed by how often they are: which start just
after a character, which end just before it, and both around a 2-4 character stretch), `w3` (lever b: characters
at -3 and +3 and the bigrams reaching them), `gaz` (where a character stands in the longest jieba name word covering
it), `tr` (transliteration classes of the character and its neighbours, and its place in a run of such characters),
`gaztr` (both; vectorised as zh_person_name_lists.py). The extra templates are computed in Python here (an
experiment); only a variant that wins is worth vectorising into the model's features. No evaluation split is read.

Run: `python -m corpusgov.quality.eval.zh_person_template_subsample --data DIR --variant ctx [--every 6] [--iters 50]
[--floors 0.2,0.1,0.05]`. Results of 2026-12-06: models/PROVENANCE.md.
"""

from __future__ import annotations

import argparse
import zlib
from collections import Counter
from pathlib import Path

import numpy as np

from corpusgov.quality.pii import train_zh_person as trainer
from corpusgov.quality.pii.recognizer_zh_person import CnPersonModelRecognizer
from corpusgov.quality.pii.zh_ner_data import Sentence, read
from corpusgov.quality.pii.zh_person_features import (
    HASH_BITS,
    LABELS,
    N_LEX_TEMPLATES,
    NORM_CODES,
    SURNAME_CHARS,
    features,
    lexicon_table,
)
from corpusgov.quality.pii.zh_person_model import ZhPersonModel
from corpusgov.quality.pii.zh_person_name_lists import jieba_name_words

EXTRA_BITS = 20  # extra feature ids are offset by 2**20, apart from the shipped buckets
MIN_COUNT = 8


def _norm(text: str) -> str:
    return "".join(chr(int(NORM_CODES[ord(c)])) if ord(c) < 65536 else c for c in text)


def name_contexts(fit: list[Sentence]) -> tuple[dict[str, int], dict[str, int]]:
    """1-2 character strings right after / right before names, bucketed 1-3 by the share of their occurrences that
    touch a name (>= 0.05, 0.2, 0.5); seen >= MIN_COUNT times beside a name."""
    after: Counter[str] = Counter()
    before: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for text, spans in fit:
        t = _norm(text)
        for i in range(len(t)):
            total[t[i]] += 1
            total[t[i : i + 2]] += 1
        for s, e in spans:
            for k in (1, 2):
                if e + k <= len(t):
                    after[t[e : e + k]] += 1
                if s - k >= 0:
                    before[t[s - k : s]] += 1

    def buckets(c: Counter[str]) -> dict[str, int]:
        out = {}
        for g, n in c.items():
            share = n / max(1, total[g])
            b = 3 if share >= 0.5 else 2 if share >= 0.2 else 1 if share >= 0.05 else 0
            if n >= MIN_COUNT and b:
                out[g] = b
        return out

    return buckets(after), buckets(before)


def context_keys(text: str, after: dict[str, int], before: dict[str, int]) -> list[list[str]]:
    """Per character: context after it (a name may end here), before it (one may start here), both around the
    stretches of 2-4 characters from it, and before-with-after. 4 marks the text's end."""
    t = _norm(text)
    n = len(t)
    starts = [(after.get(t[j], 0), after.get(t[j : j + 2], 0) if j + 2 <= n else 0) for j in range(n)]
    ends = [(before.get(t[j - 1], 0) if j >= 1 else 0, before.get(t[j - 2 : j], 0) if j >= 2 else 0) for j in range(n)]
    out = []
    for i in range(n):
        nxt = starts[i + 1] if i + 1 < n else (4, 4)
        stretch = tuple(max(starts[i + k]) if i + k < n else 4 for k in (2, 3, 4))
        out.append([f"A{nxt}", f"L{ends[i]}", f"BR{max(ends[i])}{stretch}", f"LA{max(ends[i])},{max(nxt)}"])
    return out


def wide_keys(text: str) -> list[list[str]]:
    """Per character: the characters at -3 and +3 and the bigrams (-3, -2), (+2, +3)."""
    t = _norm(text)
    n = len(t)

    def at(j: int) -> str:
        return t[j] if 0 <= j < n else ("^" if j < 0 else "$")

    return [[f"m3={at(i - 3)}", f"p3={at(i + 3)}", f"m32={at(i - 3)}{at(i - 2)}", f"p23={at(i + 2)}{at(i + 3)}"]
            for i in range(n)]


def jieba_names() -> dict[str, str]:
    """jieba's person-name words (nr, nrt: transliterations, nrfg), 2-8 characters, folded, with their tag."""
    return {_norm(w): tag for w, tag in jieba_name_words().items()}


def gazetteer_keys(text: str, names: dict[str, str]) -> list[list[str]]:
    """Per character: where it stands in the longest jieba name word covering it (B/I/E, the word's tag and
    length), leftmost first among equally long ones; "-" when none does."""
    t = _norm(text)
    n = len(t)
    best: list[tuple[int, int, str]] = [(0, 0, "")] * n  # (length, start, tag)
    for j in range(n):
        for m in range(min(8, n - j), 1, -1):
            tag = names.get(t[j : j + m])
            if tag:
                for i in range(j, j + m):
                    if m > best[i][0]:
                        best[i] = (m, j, tag)
                break
    out = []
    for i, (m, j, tag) in enumerate(best):
        if not m:
            out.append(["G-"])
            continue
        pos = "B" if i == j else "E" if i == j + m - 1 else "I"
        out.append([f"G{tag}{pos}{min(m, 5)}"])
    return out


def transliteration_table(fit: list[Sentence], names: dict[str, str]) -> dict[str, int]:
    """Character -> 1-3, how often it is written inside a name that starts with no common surname (transliterations,
    nicknames) or a jieba nrt word, against all its uses (training text and jieba's name words); characters seen
    < 20 times get none, so a rare character of one fitted name does not mark itself."""
    pos: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for text, spans in fit:
        t = _norm(text)
        total.update(t)
        for s, e in spans:
            w = t[s:e]
            if e - s >= 2 and w[0] not in SURNAME_CHARS:
                pos.update(w)
    for w, tag in names.items():
        total.update(w)
        if tag == "nrt":
            pos.update(w)
    out = {}
    for c, n in total.items():
        r = pos[c] / n
        b = 3 if r >= 0.3 else 2 if r >= 0.1 else 1 if r >= 0.03 else 0
        if n >= 20 and b and "\u4e00" <= c <= "\u9fff":
            out[c] = b
    return out


def transliteration_keys(text: str, table: dict[str, int]) -> list[list[str]]:
    """Per character: its transliteration class with its neighbours', and where it stands (B/I/E/S, run length)
    in the run of characters of class >= 2 and of class >= 1 around it."""
    t = _norm(text)
    n = len(t)
    b = [table.get(c, 0) for c in t]
    out = [[f"T{b[i - 1] if i else 9}{b[i]}{b[i + 1] if i + 1 < n else 9}"] for i in range(n)]
    for lo in (2, 1):
        i = 0
        while i < n:
            if b[i] < lo:
                out[i].append(f"R{lo}-")
                i += 1
                continue
            j = i
            while j < n and b[j] >= lo:
                j += 1
            m = j - i
            for k in range(i, j):
                pos = "S" if m == 1 else "B" if k == i else "E" if k == j - 1 else "I"
                out[k].append(f"R{lo}{pos}{min(m, 6)}")
            i = j
    return out


def extra_ids(keys: list[str]) -> list[int]:
    return [(zlib.crc32(k.encode("utf-8")) & ((1 << EXTRA_BITS) - 1)) | (1 << EXTRA_BITS) for k in keys]


class ExtraTemplateModel(ZhPersonModel):
    """The shipped decoder plus the extra templates' weights added to each character's emissions."""

    def set_extra(self, variant: str, weights: dict[int, np.ndarray], contexts: tuple[dict[str, int], ...]) -> None:
        self.variant, self.extra, self.contexts = variant, weights, contexts
        self.names: dict[str, str] = {}
        self.translit: dict[str, int] = {}

    def extra_keys(self, text: str) -> list[list[str]]:
        if self.variant == "ctx":
            return context_keys(text, *self.contexts)
        if self.variant == "w3":
            return wide_keys(text)
        rows: list[list[str]] = [[] for _ in text]
        if "gaz" in self.variant:
            rows = [a + g for a, g in zip(rows, gazetteer_keys(text, self.names), strict=True)]
        if "tr" in self.variant:
            rows = [a + g for a, g in zip(rows, transliteration_keys(text, self.translit), strict=True)]
        return rows

    def emissions_batch(self, texts: list[str]) -> np.ndarray:
        em = super().emissions_batch(texts)
        rows = []
        zero = np.zeros(len(LABELS), dtype=np.float32)
        for text in texts:
            for keys in self.extra_keys(text):
                rows.append(sum((self.extra.get(i, zero) for i in extra_ids(keys)), zero))
        return em + np.array(rows, dtype=np.float32).reshape(em.shape)


def fit_variant(data: Path, variant: str, every: int, iters: int, tmp: Path) -> ZhPersonModel:
    """Fit the shipped templates (+ the variant's) on every `every`-th fitted sentence, as the trainer picks them."""
    import pycrfsuite

    pool, _, origin = trainer.load_pool(data)
    held = pool[::10]
    evals = [t for f in trainer.EVAL_FILES if (data / f).exists() for t, _ in read(data / f)]
    fit_once = [(r, o) for i, (r, o) in enumerate(zip(pool, origin, strict=True)) if i % 10]
    fit_once, _ = trainer.drop_near_copies(fit_once, trainer.windows([t for t, _ in held] + evals))
    fit_once = fit_once[::every]
    repeat = {"weibo_train.conll": 3, "cluener_train.json": 2}
    fit = [r for r, o in fit_once for _ in range(repeat.get(o, 1))]
    contexts = name_contexts([r for r, _ in fit_once])
    lex_pairs = trainer.jieba_lexicon()
    lex = lexicon_table(*lex_pairs)
    probe = ExtraTemplateModel(np.zeros((1, len(LABELS))), np.zeros((len(LABELS), len(LABELS))))
    probe.set_extra(variant, {}, contexts)
    names = jieba_names() if variant in ("gaz", "tr", "gaztr") else {}
    probe.names, probe.translit = names, transliteration_table([r for r, _ in fit_once], names) if "tr" in variant else {}
    crf = pycrfsuite.Trainer(verbose=False)
    for text, spans in fit:
        rows = [[str(v) for v in row] for row in features(text, N_LEX_TEMPLATES, lex).T.tolist()]
        if variant != "base":
            for row, keys in zip(rows, probe.extra_keys(text), strict=True):
                row.extend(str(i) for i in extra_ids(keys))
        crf.append(rows, trainer.bioes(len(text), spans))
    crf.set_params({"c1": 0.03, "c2": 0.003, "max_iterations": iters, "feature.possible_transitions": True})
    crf.train(str(tmp))
    tagger = pycrfsuite.Tagger()
    tagger.open(str(tmp))
    col = {lab: i for i, lab in enumerate(LABELS)}
    table = np.zeros((1 << HASH_BITS, len(LABELS)), dtype=np.float32)
    extra: dict[int, np.ndarray] = {}
    for (attr, lab), w in tagger.info().state_features.items():
        a = int(attr)
        if a >> EXTRA_BITS:
            extra.setdefault(a, np.zeros(len(LABELS), dtype=np.float32))[col[lab]] = w
        else:
            table[a, col[lab]] = w
    trans = np.zeros((len(LABELS), len(LABELS)))
    for (a_lab, b_lab), w in tagger.info().transitions.items():
        trans[col[a_lab], col[b_lab]] = w
    tmp.unlink()
    model = ExtraTemplateModel(table, trans, 3.0, 3.0, 0.1, N_LEX_TEMPLATES, lex)
    model.set_extra(variant, extra, contexts)
    model.names, model.translit = probe.names, probe.translit
    print(f"{variant}: fitted {len(fit)} sentences ({len(fit_once)} distinct), {iters} iterations; "
          f"{len(contexts[0])} after- and {len(contexts[1])} before-name n-grams; {len(extra)} extra features kept")
    return model


def held_out_prf(data: Path, model: ZhPersonModel, floors: list[float]) -> None:
    """Recognizer exact-span P/R per corpus on the held-out training sentences, at each floor."""
    pool, _, origin = trainer.load_pool(data)
    held, held_origin = pool[::10], origin[::10]
    groups = {k: [h for h, o in zip(held, held_origin, strict=True) if o.startswith(v)] for k, v in trainer.CORPORA.items()}
    groups["all"] = held
    for floor in floors:
        model.floor = floor
        rec = CnPersonModelRecognizer(model=model)
        parts = []
        for name, sents in groups.items():
            if sents:
                tp = n_pred = n_gold = 0
                for (_, gold), found in zip(sents, rec.find_batch([t for t, _ in sents]), strict=True):
                    pred = {(s, e) for s, e, _ in found}
                    tp, n_pred, n_gold = tp + len(pred & set(gold)), n_pred + len(pred), n_gold + len(gold)
                parts.append(f"{name} {tp / max(1, n_pred):.3f}/{tp / max(1, n_gold):.3f}")
        print(f"floor {floor}: " + " | ".join(parts), flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, required=True, help="the trainer's DIR (get_zh_ner --out DIR)")
    ap.add_argument("--variant", choices=("base", "ctx", "w3", "gaz", "tr", "gaztr"), required=True)
    ap.add_argument("--every", type=int, default=6)
    ap.add_argument("--iters", type=int, default=50)
    ap.add_argument("--floors", default="0.2,0.1,0.05")
    ap.add_argument("--tmp", type=Path, default=Path("zh_person_subsample.crfsuite"))
    a = ap.parse_args(argv)
    model = fit_variant(a.data, a.variant, a.every, a.iters, a.tmp)
    held_out_prf(a.data, model, [float(f) for f in a.floors.split(",")])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
