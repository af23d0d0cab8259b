"""Train the learned junk score (``quality/junk_score.json``) and choose its threshold.

Data (all real text nobody here wrote, or junk made from it):
- good: the dev set's 1,800 good documents (classical Chinese, Python docs, Chinese technical paragraphs);
- junk: the dev set's 602 junk documents and junk of the KINDS, HELDOUT_KINDS and FRESH_KINDS splits, drawn with
  other seeds than ``real_text_eval`` uses (so the eval's junk documents are not the training documents).
  BLIND_KINDS and FRESH2_KINDS are never trained on: they measure kinds the model has not seen.
- threshold check: the held-out good set (``real_holdout``, Debian packages, not in the dev set).

Model: every signal cut into up to ``--bins`` bins at training quantiles, one weight per bin, L2-regularised
logistic regression (Newton steps), good and junk weighted equally, every junk kind equally within junk; or, with
``--model gbdt``, shallow gradient-boosted trees over the same signals and weights (``junk_gbdt``).
Generalisation is estimated by leave-kinds-out folds: each fold leaves out a fifth of the junk kinds and of the
good documents, and reports the catch rate on the left-out kinds at the threshold the fold's good documents
allow. Threshold: the lowest whose false drops (rules or score) stay within ``CAPS`` per good set both on the dev
good documents scored out-of-fold and on the held-out good documents.

Run: ``python -m corpusgov.quality.eval.train_junk_score [--cache PATH] [--bins N] [--l2 X] [--dry-run]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from pathlib import Path
from typing import Any

import numpy as np

from corpusgov.config import load_policy
from corpusgov.quality.eval.junk_fresh import FRESH_KINDS
from corpusgov.quality.eval.junk_fresh2 import make_fresh2
from corpusgov.quality.eval.junk_gbdt import TreeParams, fit_trees, tree_tables
from corpusgov.quality.eval.junk_kinds import BLIND_KINDS, HELDOUT_KINDS, make_junk
from corpusgov.quality.eval.junk_operators import OPERATOR_KINDS
from corpusgov.quality.eval.junk_residue_ops import RESIDUE_KINDS, RESIDUE_OPS, residue_op
from corpusgov.quality.eval.junk_score_text import (
    SCORE_SETS,
    order2_junk,
    order_junk,
    pool_sample,
    readme_paragraphs,
    refrain,
    score_part_sample,
)
from corpusgov.quality.eval.real_text_eval import POLICY, load_dev
from corpusgov.quality.junk_score import MODEL_PATH, JunkModel, TreeJunkModel
from corpusgov.quality.language import LanguageDetector
from corpusgov.quality.signal_names import SIGNAL_NAMES
from corpusgov.quality.signals import compute_signals, evaluate_rules

# Length counts say how long a document is, not whether it is junk (the dev set's kinds differ in length by
# construction): left out.
EXCLUDED = frozenset({"junk_score", "chars", "words", "sentences", "han_chars", "replacement_chars", "stopword_hits"})
FEATURES = [s for s in SIGNAL_NAMES if s not in EXCLUDED]
# Most false drops allowed per good set (rules and score together): well inside the targets (2 / 3 / 3 %).
CAPS = {"good_zh_classical": 0.015, "good_en_docs": 0.02, "zh_tech": 0.015}
# Plain English prose (README files and licences; training only, checked out-of-fold). The sample depends on the
# packages installed: on 2026-12-05 the rules alone dropped 2.1 % of it (cap 3 %: 0.9 points left to the score), at
# 23:50 UTC (more packages installed) 3.0 %, which left no threshold under 3 %; the cap keeps the 0.9-point allowance.
CAPS["good_en_prose"] = 0.039
# Short verse sung twice (a refrain: a stanza repeated, as in the Shijing), made from the training's short classical
# Chinese texts: repetition kinds in the junk would otherwise teach that any repeated text is junk.
CAPS["good_refrain"] = 0.03
REFRAINS = 300
# Registers the documentation sets lack (``prose_sources``, its ``score`` part: never counted by the LM, never in the
# eval's guard): news, a novel and reviews in Chinese, quotations in English.
PROSE_SETS = SCORE_SETS
CAPS |= {"good_zh_news": 0.015, "good_zh_novel": 0.015, "good_zh_review": 0.03, "good_en_quote": 0.03}
PROSE_PER_SOURCE = 500
GOOD = tuple(CAPS)
# With --caps-beyond-rules: the most false drops the score may add to the other drop rules' per good set. Half a point
# where the rules leave little room under the target (classical Chinese: 2 % target, the rules alone 1.4 % on
# 2026-12-06) and for the large Chinese prose registers, one point elsewhere (documentation, zh technical text: targets
# 3 %, the rules alone 0.4-1.9 %).
ADDED_CAPS = {"good_zh_classical": 0.005, "good_en_docs": 0.01, "zh_tech": 0.01, "good_en_prose": 0.01,
              "good_refrain": 0.01, "good_zh_news": 0.005, "good_zh_novel": 0.005, "good_zh_review": 0.005,
              "good_en_quote": 0.01}
EXTRA_GOOD = 1000
# With --docs-guard N: up to N good documents per language of the tuned documentation splits' sources (good_docs8's and
# good_docs11's help and manuals, good_fresh7's good half), never one of those splits' eval rows (so the splits still
# measure unseen pages) and never a blind split's package (good_docs9/10 read others). Why: after docs rounds 7-8 the
# score alone was still the main cause of documentation drops; the training good text held no such layouts. On
# 2026-12-06 every Chinese document of these pools is an eval row, so the guard is English only (4,183 to draw from).
DOCS_GUARD_SET = "good_docs_guard"
DOCS_GUARD_CAP = 0.01


def _rows(with_blind: bool = False, with_old: bool = False, operators: bool = False,
          with_prose: bool = False, order: tuple[str, ...] = (),
          declared_readmes: bool = False, order2: bool = False,
          skipped: bool = False, residue_ops: tuple[str, ...] = (),
          docs_guard: int = 0) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(training rows, held-out good rows). Training good text: the dev set's and ``EXTRA_GOOD`` more per kind
    from the same Debian packages, never one of the held-out documents ``real_text_eval`` reports on."""
    from corpusgov.quality.eval import real_holdout

    if real_holdout.missing():
        raise SystemExit(f"install {', '.join(real_holdout.missing())}: training and the threshold need them")
    dev = load_dev()
    dev_good = [r["text"] for r in dev if not r["set"].startswith("junk")]
    pool = real_holdout.sources(dev_good)
    held = real_holdout.build(dev_good, pool=pool)  # exactly the eval's held-out documents
    held_texts = {r["text"] for r in held}
    rng = random.Random(1)
    extra: list[dict[str, Any]] = []
    for name, picked in pool_sample(pool, held_texts, rng, EXTRA_GOOD).items():
        extra += [{"id": f"tr-{name}-{i}", "set": name, "kind": name, "text": t} for i, t in enumerate(picked)]
    prose = readme_paragraphs(declared_readmes)
    # With --declared-readmes the sample has its own generator, so that the refrains drawn after it do not move with
    # the size of the README pool.
    prng_readme = random.Random(4) if declared_readmes else rng
    extra += [{"id": f"tr-prose-{i}", "set": "good_en_prose", "kind": "good_en_prose", "text": t}
              for i, t in enumerate(prng_readme.sample(prose, min(EXTRA_GOOD, len(prose))))]
    if with_prose:
        from corpusgov.quality.eval import prose_sources

        for source, picked in score_part_sample(prose_sources.documents(), PROSE_PER_SOURCE).items():
            name = PROSE_SETS[source]
            extra += [{"id": f"tr-{name}-{i}", "set": name, "kind": name, "text": t} for i, t in enumerate(picked)]
    rows = [dict(r, kind=r.get("kind") or r["set"]) for r in dev] + extra
    short = sorted({r["text"].strip() for r in rows if r["set"] == "good_zh_classical" and len(r["text"].strip()) <= 120})
    rows += [{"id": f"tr-refrain-{i}", "set": "good_refrain", "kind": "good_refrain", "text": refrain(t)}
             for i, t in enumerate(rng.sample(short, min(REFRAINS, len(short))))]
    # Junk from the dev set's good texts and, as much again, from the extra good texts.
    for texts, off in ((dev, 0), (extra, 1000)):
        zh = [r["text"] for r in texts if r["set"] in ("zh_tech", "good_zh_classical", "good_zh_news", "good_zh_novel")]
        en = [r["text"] for r in texts if r["set"] in ("good_en_docs", "good_en_prose", "good_en_quote")]
        rows += make_junk(zh, en, per_kind=40, seed=107 + off)
        rows += make_junk(zh, en, per_kind=40, seed=111 + off, kinds=HELDOUT_KINDS, set_name="junk_heldout")
        rows += make_junk(zh, en, per_kind=40, seed=117 + off, kinds=FRESH_KINDS, set_name="junk_fresh")
        if with_blind or with_old:
            rows += make_junk(zh, en, per_kind=40, seed=113 + off, kinds=BLIND_KINDS, set_name="junk_blind")
        if with_old:
            rows += make_fresh2(zh, en, per_kind=40, seed=119 + off)
        if operators:
            rows += make_junk(zh, en, per_kind=40, seed=123 + off, kinds=OPERATOR_KINDS, set_name="junk_ops")
        if residue_ops:  # every operator made, the chosen kept: a subset's rows equal the full set's rows of it
            rows += [r for r in make_junk(zh, en, per_kind=40, seed=139 + off, kinds=RESIDUE_KINDS,
                                          set_name="junk_residue") if residue_op(r["kind"]) in residue_ops]
        if order:
            rows += order_junk(zh, en, per_kind=40, seed=131 + off, langs=order, skipped=skipped)
        if order2:
            by_set: dict[str, list[str]] = {}
            for r in texts:
                if r["set"] in ("zh_tech", "good_zh_classical", "good_zh_news", "good_zh_novel"):
                    by_set.setdefault(r["set"], []).append(r["text"])
            rows += order2_junk(by_set, seed=137 + off)
    if with_old:
        from corpusgov.quality.eval import junk_fresh3

        if junk_fresh3.missing():
            raise SystemExit(f"--with-old needs {', '.join(junk_fresh3.missing())} for junk_fresh3's kinds")
        rows += junk_fresh3.make_fresh3(per_kind=80, seed=127)
    if docs_guard:  # last, on its own generator: the rows before it are those of a run without it
        rows += docs_guard_rows(docs_guard)
    # Line layout says more about where a set was scraped from than about junk (most junk makers write one line,
    # the dev set's good documents keep their line breaks): half of the good documents are flattened to one line
    # so that the model cannot learn "one line = junk". Junk keeps its layout (tables and lists are junk by it).
    flat = random.Random(2)
    for r in rows:
        if not r["set"].startswith("junk") and r["set"] != "good_refrain" and flat.random() < 0.5:
            r["text"] = " ".join(r["text"].split())
    return rows, held


def docs_guard_rows(per_lang: int, seed: int = 151) -> list[dict[str, Any]]:
    """Up to ``per_lang`` documents per language from the tuned documentation splits' pools, none of their eval rows."""
    from corpusgov.quality.eval import good_docs8, good_docs11, junk_fresh7

    missing = good_docs8.missing() + good_docs11.missing() + junk_fresh7.missing()
    if missing:
        raise SystemExit(f"--docs-guard needs {', '.join(missing)} (make eval-data)")
    evaluated = {r["text"] for r in good_docs8.make_good_docs8() + good_docs11.make_good_docs11()
                 + junk_fresh7.make_good7()}
    fresh7 = junk_fresh7.good_texts()
    rng = random.Random(seed)
    out: list[dict[str, Any]] = []
    for lang in ("en", "zh"):
        pool = sorted({d for src in (good_docs8.sources(), good_docs11.sources()) for docs in src[lang].values()
                       for d in docs} | set(fresh7[f"good_fresh7_{lang}"]))
        pool = [d for d in pool if d not in evaluated]
        out += [{"id": f"tr-docs-{lang}-{i}", "set": DOCS_GUARD_SET, "kind": DOCS_GUARD_SET, "text": t}
                for i, t in enumerate(rng.sample(pool, min(per_lang, len(pool))))]
    return out


def _signals(rows: list[dict[str, Any]]) -> tuple[np.ndarray, np.ndarray]:
    """(signal matrix over SIGNAL_NAMES, 1 where a shipped rule other than junk_score drops the row)."""
    policy = load_policy(str(POLICY))
    det = LanguageDetector(policy.language)
    x = np.zeros((len(rows), len(SIGNAL_NAMES)))
    ruled = np.zeros(len(rows), dtype=bool)
    for i, r in enumerate(rows):
        sig = compute_signals(r["text"], det.detect_mix(r["text"]).lang)
        x[i] = [sig[k] for k in SIGNAL_NAMES]
        ruled[i] = any(a == "drop" and n != "junk_score" for n, a in evaluate_rules(sig, policy.quality))
    return x, ruled


def _features(x: np.ndarray, names: list[str]) -> np.ndarray:
    col = {k: i for i, k in enumerate(names)}
    return x[:, [col[k] for k in FEATURES]]


# When set (``--sentinel-bins``), a value held by more than this share of the rows (a neutral value such as 9.0 for
# text without Han pairs, or 0.0) gets a bin of its own and the quantile edges are placed over the other values: the
# Chinese-only signals are neutral on most rows, and quantiles over all rows left them three or four bins.
SENTINEL_SHARE: float | None = None
# With ``--sentinel-neutral``: only a signal's declared neutral value (``quality.textlm.NEUTRAL``: the LM and Chinese
# order signals, neutral when a text has too little of their script) counts as a sentinel.
SENTINEL_ONLY: dict[str, float] = {}


def _edges(f: np.ndarray, bins: int) -> list[list[float]]:
    qs = np.linspace(0, 1, bins + 1)[1:-1]
    out = []
    for j in range(f.shape[1]):
        v = f[:, j]
        vals, counts = np.unique(v, return_counts=True)
        mode = vals[np.argmax(counts)]
        if (SENTINEL_SHARE is not None and counts.max() > SENTINEL_SHARE * len(v) and len(vals) > 2
                and (not SENTINEL_ONLY or mode == SENTINEL_ONLY.get(FEATURES[j]))):
            rest = v[v != mode]
            e = np.quantile(rest, qs, method="lower")
            below, above = vals[vals < mode], vals[vals > mode]
            iso = ([below.max()] if len(below) else []) + ([mode] if len(above) else [])
            e = np.unique(np.concatenate([e, iso]))
        else:
            e = np.unique(np.quantile(v, qs, method="lower"))
        e = e[e < v.max()]  # an edge at the maximum leaves an empty top bin
        out.append([float(x) for x in e])
    return out


def _fit(f: np.ndarray, y: np.ndarray, w: np.ndarray, bins: int, l2: float) -> JunkModel:
    edges = _edges(f, bins)
    model = JunkModel(FEATURES, edges, [[0.0] * (len(e) + 1) for e in edges], 0.0)
    idx = model.columns + model.bins(f)  # (n, F) columns of the one-hot design
    n_cols = model.flat.size
    design = np.zeros((len(y), n_cols))
    np.put_along_axis(design, idx, 1.0, axis=1)
    used = design.any(0)
    a = design[:, used]
    beta, b = np.zeros(a.shape[1]), 0.0
    w = w / w.sum() * len(w)
    for _ in range(30):  # Newton steps on the L2-penalised weighted log-loss
        p = 1 / (1 + np.exp(-(a @ beta + b)))
        g = a.T @ (w * (p - y)) + l2 * beta
        gb = float(np.sum(w * (p - y)))
        s = w * p * (1 - p)
        h = (a.T * s) @ a + l2 * np.eye(a.shape[1])
        hb = a.T @ s
        full = np.block([[h, hb[:, None]], [hb[None, :], np.array([[s.sum() + 1e-9]])]])
        step = np.linalg.solve(full, np.concatenate([g, [gb]]))
        beta, b = beta - step[:-1], b - step[-1]
        if np.abs(step).max() < 1e-6:
            break
    flat = np.zeros(n_cols)
    flat[used] = beta
    width = model.weights.shape[1]
    weights = [[round(float(v), 5) for v in flat[i * width: i * width + len(e) + 1]] for i, e in enumerate(edges)]
    return JunkModel(FEATURES, edges, weights, round(b, 5))


def _tables(model: JunkModel) -> dict[str, Any]:
    """A model's features, bias, bin edges (padding dropped) and weights, as ``junk_score.json`` holds them."""
    edges = [[float(v) for v in model.edges[i][np.isfinite(model.edges[i])]] for i in range(len(model.features))]
    return {"features": list(model.features), "bias": model.bias, "edges": edges,
            "weights": [[float(v) for v in model.weights[i][: len(e) + 1]] for i, e in enumerate(edges)]}


def _sample_weights(sets: list[str], kinds: list[str]) -> np.ndarray:
    junk = np.array([s.startswith("junk") for s in sets])
    w = np.ones(len(sets))
    per_kind: dict[str, int] = {}
    for k, j in zip(kinds, junk, strict=True):
        if j:
            per_kind[k] = per_kind.get(k, 0) + 1
    for i, (k, j) in enumerate(zip(kinds, junk, strict=True)):
        if j:
            w[i] = (1 - junk).sum() / len(per_kind) / per_kind[k]
    return w


def _prob(model: JunkModel | TreeJunkModel | dict[int, JunkModel], f: np.ndarray) -> np.ndarray:
    if not isinstance(model, dict):
        return 1 / (1 + np.exp(-model.logit(f)))
    g = _group(f)
    out = np.zeros(len(f))
    for k, m in model.items():
        out[g == k] = 1 / (1 + np.exp(-m.logit(f[g == k])))
    return out


def _group(f: np.ndarray) -> np.ndarray:
    return (f[:, FEATURES.index("spaced")] >= 0.5).astype(int)


# With ``--model gbdt``: the boosted trees' regularisation (None: the binned logistic model).
TREES: TreeParams | None = None


def _fit_any(f: np.ndarray, y: np.ndarray, w: np.ndarray, bins: int, l2: float,
             by_script: bool) -> JunkModel | TreeJunkModel | dict[int, JunkModel]:
    """One model, or one per script group (spaced / unspaced text) when ``by_script``; boosted trees with ``TREES``."""
    if TREES is not None:
        return fit_trees(f, y, w, FEATURES, TREES)
    if not by_script:
        return _fit(f, y, w, bins, l2)
    g = _group(f)
    return {k: _fit(f[g == k], y[g == k], w[g == k], bins, l2) for k in (0, 1)}


TAIL_PROBS = (0.05, 0.02, 0.01, 0.005, 0.002)


def _tail_tables(f: np.ndarray, good: np.ndarray) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """Per script group: the good rows' quantiles of every feature at TAIL_PROBS, low side and high side."""
    g = _group(f)
    out = {}
    for k in (0, 1):
        m = good & (g == k)
        low = np.quantile(f[m], TAIL_PROBS, axis=0, method="lower").T
        high = np.quantile(f[m], [1 - p for p in TAIL_PROBS], axis=0, method="higher").T
        out[k] = (low, high)
    return out


def _atypicality(f: np.ndarray, tables: dict[int, tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """Per row: tail levels beyond which its features lie (as ``junk_score.TypicalityCheck`` counts them)."""
    g = _group(f)
    out = np.zeros(len(f))
    for k, (low, high) in tables.items():
        m = g == k
        out[m] = (f[m][:, :, None] < low).sum((1, 2)) + (f[m][:, :, None] > high).sum((1, 2))
    return out


# With ``--caps-beyond-rules`` a cap bounds only the false drops the score adds to the rules' (documents no other rule
# drops, as a share of the set): the rules' own drops are reported, not charged to the score, so a new drop rule (other
# helpers add them) never leaves "no threshold" (threshold 1.0). Without it a cap bounds rules and score together.
BEYOND_RULES = False


def _false_drops(ruled: np.ndarray, dropped: np.ndarray) -> float:
    """The share a cap bounds: the score's own false drops beyond the rules, or rules and score together."""
    return float(np.mean(dropped & ~ruled)) if BEYOND_RULES else float(np.mean(ruled | dropped))


def _threshold(groups: list[tuple[np.ndarray, np.ndarray, np.ndarray]], min_rows: int = 1) -> float:
    """Lowest threshold whose false drops stay within CAPS in every (scores, ruled, set) group (a set with fewer than
    ``min_rows`` rows in a group is not checked there)."""
    cands = np.unique(np.concatenate([g[0] for g in groups]))[::-1]
    best = 1.0
    for t in cands:  # descending: stop at the first that breaks a cap
        ok = True
        for scores, ruled, sets in groups:
            for name, cap in CAPS.items():
                m = sets == name
                if m.sum() >= min_rows and _false_drops(ruled[m], scores[m] > t) > cap:
                    ok = False
        if not ok:
            break
        best = float(t)
    return best


# A good set's few documents of the other script group (a Chinese man page that is mostly English commands) do not set
# that group's threshold; the caps are checked on every row of every set afterwards, with the offsets applied.
GROUP_MIN_ROWS = 50


def _logit(p: np.ndarray | float) -> np.ndarray:
    q = np.clip(np.asarray(p, dtype=np.float64), 1e-12, 1 - 1e-12)
    return np.log(q / (1 - q))


def _group_thresholds(groups: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]) -> tuple[float, tuple[float, float]]:
    """(threshold, logit offsets of unspaced / spaced text): each script group gets the lowest threshold its own
    good sets' CAPS allow; the spaced group's is the policy threshold and the unspaced group's logits are shifted so
    that it is crossed exactly where that group's own threshold is."""
    ts = [_threshold([(s[g == k], r[g == k], st[g == k]) for s, r, st, g in groups], GROUP_MIN_ROWS) for k in (0, 1)]
    return ts[1], (float(_logit(ts[1]) - _logit(ts[0])), 0.0)


def _shift(p: np.ndarray, g: np.ndarray, off: tuple[float, float]) -> np.ndarray:
    """Probabilities with the script group's logit offset added (what ``JunkModel.score`` returns)."""
    return 1 / (1 + np.exp(-(_logit(p) + np.where(g == 1, off[1], off[0]))))


def parser() -> argparse.ArgumentParser:
    """The trainer's options (``junk_score.json``'s ``trainer`` is checked against them by the tests)."""
    ap = argparse.ArgumentParser(prog="python -m corpusgov.quality.eval.train_junk_score",
                                 description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path, help="npz of computed signals (built when absent)")
    ap.add_argument("--bins", type=int, default=12)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--by-script", action="store_true", help="one model for spaced, one for unspaced text")
    ap.add_argument("--with-blind", action="store_true", help="train on BLIND_KINDS too (then no longer blind)")
    ap.add_argument("--with-old", action="store_true",
                    help="train on every older split's kinds too: BLIND, FRESH2, FRESH3 (tuned on since issue 13)")
    ap.add_argument("--operators", action="store_true",
                    help="train on the generic corruption operators of quality.eval.junk_operators too")
    ap.add_argument("--residue-ops", nargs="?", const="all", default="", metavar="OPS",
                    help="train on the machine-residue operators of quality.eval.junk_residue_ops too (all, or a "
                         "comma-separated list of operator names)")
    ap.add_argument("--typicality", action="store_true",
                    help="ship the one-class typicality check (junk_score.TypicalityCheck) beside the model")
    ap.add_argument("--prose", action="store_true",
                    help="good text of news, novel, reviews and quotations too (quality.eval.prose_sources, score part)")
    ap.add_argument("--order", nargs="?", const="zh,en", default="", metavar="LANGS",
                    help="misordered junk of order_blind's kinds too, made from the training good texts (other seeds); "
                         "LANGS: zh, en or zh,en (the default)")
    ap.add_argument("--order2", action="store_true",
                    help="Chinese junk of order_blind2's kinds too, made from the training good texts (other seeds; "
                         "junk_order2 is then no longer blind)")
    ap.add_argument("--skipped-lines", action="store_true",
                    help="with --order: junk with every other line of a wrapped good text dropped too (the kind the "
                         "line-join signals of quality.junk_coherence are for; off in the shipped command: measured "
                         "2026-12-06, it lowered the held-out junk splits' catch)")
    ap.add_argument("--sentinel-bins", type=float, default=None, metavar="SHARE",
                    help="a value held by more than SHARE of the rows gets its own bin, quantiles over the rest")
    ap.add_argument("--sentinel-neutral", action="store_true",
                    help="with --sentinel-bins: only the LM and Chinese order signals' declared neutral values")
    ap.add_argument("--group-thresholds", action="store_true",
                    help="each script group (spaced / unspaced) gets the lowest threshold its own caps allow")
    ap.add_argument("--declared-readmes", action="store_true",
                    help="README/licence prose only from the declared eval packages and their dependencies (the same "
                         "on every machine after make eval-debs; otherwise it moves with whatever is installed)")
    ap.add_argument("--docs-guard", type=int, default=0, metavar="N",
                    help=f"up to N good documents per language of the tuned documentation splits' sources (none of "
                         f"their eval rows) as good set {DOCS_GUARD_SET}, capped at {DOCS_GUARD_CAP} (change with --cap)")
    ap.add_argument("--cap", action="append", default=[], metavar="SET=SHARE",
                    help="another false-drop cap for a good set (e.g. zh_tech=0.02); repeatable")
    ap.add_argument("--caps-beyond-rules", action="store_true",
                    help="caps bound the false drops the score adds beyond the other drop rules (their own drops are "
                         "reported, not charged to the score); without it a cap bounds rules and score together")
    ap.add_argument("--model", choices=("binned_logistic", "gbdt"), default="binned_logistic",
                    help="binned logistic model (one weight per signal bin) or gradient-boosted trees (interactions)")
    d = TreeParams()
    ap.add_argument("--trees", type=int, default=d.trees, help="gbdt: number of boosting rounds")
    ap.add_argument("--depth", type=int, default=d.depth, help="gbdt: maximum tree depth")
    ap.add_argument("--min-leaf", type=int, default=d.min_leaf, help="gbdt: fewest training rows in a leaf")
    ap.add_argument("--tree-l2", type=float, default=d.l2, help="gbdt: L2 penalty on leaf values")
    ap.add_argument("--rate", type=float, default=d.rate, help="gbdt: learning rate (shrinkage)")
    ap.add_argument("--max-bins", type=int, default=d.max_bins, help="gbdt: histogram bins per signal")
    ap.add_argument("--max-features", type=float, default=d.max_features,
                    help="gbdt: share of the signals each split chooses from (seeded)")
    ap.add_argument("--dry-run", action="store_true", help="do not write the model")
    ap.add_argument("--out", type=Path, default=MODEL_PATH,
                    help="where to write the model (default: the shipped quality/junk_score.json)")
    ap.add_argument("--drop", default="", help="comma-separated signals left out of the model (ablations)")
    return ap


def trainer_command(args: argparse.Namespace) -> str:
    """The command that trains the model ``args`` describe, as ``junk_score.json`` records it (``trainer``)."""
    return (f"python -m corpusgov.quality.eval.train_junk_score --bins {args.bins} --l2 {args.l2}"
            + (" --by-script" if args.by_script else "") + (" --with-old" if args.with_old else "")
            + (" --operators" if args.operators else "") + (f" --residue-ops {args.residue_ops}" if args.residue_ops else "")
            + (" --prose" if args.prose else "")
            + (f" --order {args.order}" if args.order else "") + (" --order2" if args.order2 else "")
            + (" --skipped-lines" if args.skipped_lines else "")
            + (" --group-thresholds" if args.group_thresholds else "")
            + (f" --sentinel-bins {args.sentinel_bins}" if args.sentinel_bins is not None else "")
            + (" --sentinel-neutral" if args.sentinel_neutral else "")
            + (" --declared-readmes" if args.declared_readmes else "")
            + (f" --docs-guard {args.docs_guard}" if args.docs_guard else "")
            + (" --caps-beyond-rules" if args.caps_beyond_rules else "")
            + "".join(f" --cap {c}" for c in args.cap) + (" --typicality" if args.typicality else "")
            + (f" --drop {args.drop}" if args.drop else "") + (f" --folds {args.folds}" if args.folds != 5 else "")
            + (f" --model gbdt --trees {args.trees} --depth {args.depth} --min-leaf {args.min_leaf} --tree-l2 "
               f"{args.tree_l2} --rate {args.rate} --max-bins {args.max_bins} --max-features {args.max_features}"
               if args.model == "gbdt" else ""))


def caps_for(args: argparse.Namespace) -> dict[str, float]:
    """The false-drop caps ``args`` train with: ``CAPS`` with the ``--cap`` overrides."""
    caps = dict(ADDED_CAPS if args.caps_beyond_rules else CAPS)
    if args.docs_guard:
        caps[DOCS_GUARD_SET] = DOCS_GUARD_CAP
    for c in args.cap:
        name, _, share = c.partition("=")
        if name not in caps:
            raise SystemExit(f"--cap: no good set {name!r} (sets: {', '.join(caps)})")
        caps[name] = float(share)
    return caps


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    dropped = {s for s in args.drop.split(",") if s}
    if dropped - set(FEATURES):
        raise SystemExit(f"--drop: not model features: {sorted(dropped - set(FEATURES))}")
    FEATURES[:] = [s for s in FEATURES if s not in dropped]
    global SENTINEL_SHARE
    SENTINEL_SHARE = args.sentinel_bins
    if args.sentinel_neutral:
        from corpusgov.quality.textlm import NEUTRAL

        SENTINEL_ONLY.update(NEUTRAL)
    CAPS.update(caps_for(args))
    global BEYOND_RULES, TREES
    BEYOND_RULES = args.caps_beyond_rules
    if args.model == "gbdt":
        if args.by_script:
            raise SystemExit("--model gbdt: one model over both script groups (trees can split on spaced)")
        TREES = TreeParams(args.trees, args.depth, args.min_leaf, args.tree_l2, args.rate, args.max_bins,
                           args.max_features)

    order_langs = tuple(lang for lang in args.order.split(",") if lang)
    residue_ops = RESIDUE_OPS if args.residue_ops == "all" else tuple(o for o in args.residue_ops.split(",") if o)
    if set(residue_ops) - set(RESIDUE_OPS):
        raise SystemExit(f"--residue-ops: all or some of {', '.join(RESIDUE_OPS)}")
    if set(order_langs) - {"zh", "en"}:
        raise SystemExit("--order: zh, en or zh,en")
    if args.cache and args.cache.is_file():
        z = np.load(args.cache, allow_pickle=False)
        x, ruled, sets, kinds = z["x"], z["ruled"], z["sets"], z["kinds"]
        # The order junk of a language left out (its rows draw on their own generator, so this equals not making them).
        keep = ~((sets == "junk_order") & ~np.isin([str(k).rsplit("_", 1)[-1] for k in kinds], order_langs))
        skipped = (sets == "junk_order") & np.char.startswith(kinds.astype(str), "skipped_lines_")
        if args.skipped_lines and not skipped.any():
            raise SystemExit("--skipped-lines: the cache holds no skipped-lines junk (built before it): delete it")
        if not args.skipped_lines:  # skipped-lines junk: only with --skipped-lines (made after the order kinds)
            keep &= ~skipped
        # the machine-residue operators' junk: only with --residue-ops, only the operators it names
        keep &= (sets != "junk_residue") | np.isin([residue_op(str(k)) for k in kinds], residue_ops)
        if not args.order2:  # order_blind2's kinds: only with --order2 (their rows draw on their own generator too)
            from corpusgov.quality.eval.order_blind2 import ORDER2_KINDS

            keep &= ~((sets == "junk_order") & np.isin([str(k).rsplit("_", 1)[0] for k in kinds], ORDER2_KINDS))
        if args.docs_guard and not (sets == DOCS_GUARD_SET).any():
            raise SystemExit("--docs-guard: the cache holds no documentation guard rows (built without it): delete it")
        if args.docs_guard and (sets == DOCS_GUARD_SET).sum() > 2 * args.docs_guard:
            raise SystemExit("--docs-guard: the cache holds more guard rows than asked: rebuild it with this N")
        keep &= (sets != DOCS_GUARD_SET) | bool(args.docs_guard)
        x, ruled, sets, kinds = x[keep], ruled[keep], sets[keep], kinds[keep]
        hx, hruled, hsets, names = z["hx"], z["hruled"], z["hsets"], [str(n) for n in z["names"]]
        if set(FEATURES) - set(names):
            raise SystemExit("cache lacks signals the model reads: delete it")
    else:
        rows, held = _rows(args.with_blind, args.with_old, args.operators, args.prose, order_langs,
                           args.declared_readmes, args.order2, args.skipped_lines, residue_ops, args.docs_guard)
        x, ruled = _signals(rows)
        hx, hruled = _signals(held)
        sets = np.array([r["set"] for r in rows])
        kinds = np.array([r.get("kind") or r["set"] for r in rows])
        hsets = np.array([r["set"] for r in held])
        names = list(SIGNAL_NAMES)
        if args.cache:
            np.savez_compressed(args.cache, x=x, ruled=ruled, sets=sets, kinds=kinds, hx=hx, hruled=hruled,
                                hsets=hsets, names=np.array(SIGNAL_NAMES))
    f, hf = _features(x, names), _features(hx, names)
    y = np.array([s.startswith("junk") for s in sets], dtype=float)
    w = _sample_weights(list(sets), list(kinds))

    # Leave-kinds-out folds: a fifth of the junk kinds and of the good documents out of each fit.
    rng = random.Random(0)
    junk_kinds = sorted({k for k, s in zip(kinds, sets, strict=True) if s.startswith("junk")})
    rng.shuffle(junk_kinds)
    fold_of_kind = {k: i % args.folds for i, k in enumerate(junk_kinds)}
    fold = np.array([fold_of_kind[k] if s.startswith("junk") else rng.randrange(args.folds)
                     for k, s in zip(kinds, sets, strict=True)])
    oof, aoof = np.zeros(len(y)), np.zeros(len(y))
    for k in range(args.folds):
        tr = fold != k
        oof[~tr] = _prob(_fit_any(f[tr], y[tr], w[tr], args.bins, args.l2, args.by_script), f[~tr])
        aoof[~tr] = _atypicality(f[~tr], _tail_tables(f[tr], y[tr] == 0))
    grp, hgrp = _group(f), _group(hf)
    raw_oof = oof
    if args.group_thresholds:
        t_oof, off_oof = _group_thresholds([(oof, ruled, sets, grp)])
        oof = _shift(oof, grp, off_oof)
    t_oof = _threshold([(oof, ruled, sets)])
    good = y == 0
    lim_oof = _threshold([(aoof, ruled | (oof > t_oof), sets)])
    if not args.typicality:
        lim_oof = float("inf")
    print(f"leave-kinds-out ({args.folds} folds, {args.model}, bins {args.bins}, l2 {args.l2}): threshold by out-of-fold good "
          f"{t_oof:.4f}")
    caught = (oof > t_oof) | ruled | (aoof > lim_oof)
    per_kind = {k: float(np.mean(caught[(kinds == k) & ~good])) for k in junk_kinds}
    print(f"  unseen-kind junk caught (score or rules): {np.mean(caught[~good]):.3f} over {int((~good).sum())} docs, "
          f"by score alone {np.mean((oof > t_oof)[~good]):.3f}; by rules alone {np.mean(ruled[~good]):.3f}; "
          f"typicality limit {lim_oof} adds {np.mean(caught[~good]) - np.mean(((oof > t_oof) | ruled)[~good]):.3f}")
    for k, v in sorted(per_kind.items(), key=lambda kv: kv[1]):
        print(f"    {k:<28}{v:.3f}")

    model = _fit_any(f, y, w, args.bins, args.l2, args.by_script)
    hs = _prob(model, hf)
    offsets = (0.0, 0.0)
    if args.group_thresholds:
        _, offsets = _group_thresholds([(raw_oof, ruled, sets, grp), (hs, hruled, hsets, hgrp)])
        oof, hs = _shift(raw_oof, grp, offsets), _shift(hs, hgrp, offsets)
    t = _threshold([(oof, ruled, sets), (hs, hruled, hsets)])
    tables = _tail_tables(f, good)
    ha = _atypicality(hf, tables)
    # The limit: lowest whose false drops, with the rules and the score, stay within CAPS out-of-fold and held out.
    lim = float("inf") if not args.typicality else _threshold(
        [(aoof, ruled | (oof > t), sets), (ha, hruled | (hs > t), hsets)])
    if np.isfinite(lim):
        hs = np.where(ha > lim, 1.0, hs)
        oof = np.where(aoof > lim, 1.0, oof)
    train_s = np.where(_atypicality(f, tables) > lim, 1.0, _shift(_prob(model, f), grp, offsets))
    print(f"final model: threshold {t:.4f}, unspaced / spaced logit offsets {offsets[0]:.4f} / {offsets[1]:.4f}, "
          f"typicality limit {lim}")
    caught_in = (train_s > t) | ruled
    for k in junk_kinds:
        if k.startswith(("shuffled", "swapped", "spliced")):
            print(f"    in-sample {k:<22}{np.mean(caught_in[(kinds == k) & ~good]):.3f}")
    rules_alone: dict[str, float] = {}
    for name in CAPS:
        m, hm = sets == name, hsets == name
        rules_alone[name] = round(float(np.mean(ruled[m])), 4)
        held_txt = (f"held-out {np.mean(hruled[hm] | (hs[hm] > t)):.4f} (rules alone {np.mean(hruled[hm]):.4f}, "
                    f"score adds {np.mean((hs[hm] > t) & ~hruled[hm]):.4f}, n {int(hm.sum())})") if hm.any() else "no held-out set"
        print(f"  {name:<18} training good, out-of-fold {np.mean(ruled[m] | (oof[m] > t)):.4f} (rules alone "
              f"{rules_alone[name]:.4f}, score adds {np.mean((oof[m] > t) & ~ruled[m]):.4f}, n {int(m.sum())}); {held_txt}")
    print(f"  training junk caught in-sample {np.mean(((train_s > t) | ruled)[~good]):.3f}")
    if args.dry_run:
        return 0
    out = {
        "trained": dt.date.today().isoformat(),
        "trainer": trainer_command(args),
        "bins": args.bins, "l2": args.l2, "threshold": round(t, 4), "threshold_out_of_fold": round(t_oof, 4),
        "caps": CAPS, "caps_beyond_rules": BEYOND_RULES, "rules_alone": rules_alone, "n_good": int(good.sum()), "n_junk": int((~good).sum()), "n_heldout_good": len(hs),
        "leave_kinds_out_caught": round(float(np.mean(caught[~good])), 4),
    }
    if np.isfinite(lim):
        out["typicality"] = {"features": list(FEATURES), "group_by": "spaced", "group_at": 0.5, "limit": lim,
                             "tail_probs": list(TAIL_PROBS),
                             "low": {str(k): [[float(v) for v in r] for r in lo] for k, (lo, _) in tables.items()},
                             "high": {str(k): [[float(v) for v in r] for r in hi] for k, (_, hi) in tables.items()}}
    if isinstance(model, TreeJunkModel):
        out |= tree_tables(model)
        if args.group_thresholds:
            out["group_offsets"] = [round(offsets[0], 6), round(offsets[1], 6)]
    elif isinstance(model, JunkModel):
        out |= _tables(model)
        if args.group_thresholds:
            out["group_offsets"] = [round(offsets[0], 6), round(offsets[1], 6)]
    else:
        out |= {"group_by": "spaced", "group_at": 0.5, "groups": {str(k): _tables(m) for k, m in model.items()}}
    # Written beside the model and renamed over it: a run that loads the model meanwhile reads the old or the new
    # file, never half of one (a slow-suite run during a retraining once failed on that).
    tmp = args.out.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(out, separators=(",", ":")) + "\n", encoding="utf-8")
    tmp.replace(args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
