"""Coverage of the sampled-accuracy interval on simulated batches whose true accuracy is known.

A batch: items with a true label (skewed prevalence), annotators with their own accuracy and a label
bias, workloads balanced or skewed (Zipf). Each draw plans a sample like the audit (margin or ISO 2859-1
AQL), selects it with a fresh seed, verifies every sampled unit against the truth and checks whether the
95% interval covers the batch's true accuracy (the share of all its annotations that are right).
The pre-issue-18 design (minimum one unit per stratum, unweighted Wilson) is kept here as `legacy` only
to show what the new design fixes.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from corpusgov.annotation.estimate import stratified_accuracy
from corpusgov.annotation.sampling import aql_plan, margin_sample_size, select
from corpusgov.annotation.stats import wilson_interval

LABELS = ["a", "b", "c"]


@dataclass(frozen=True)
class Scenario:
    name: str
    items: int
    per_item: int
    annotators: int
    zipf: float  # 0 = balanced workloads; > 0 = skewed (share ∝ 1 / rank^zipf)
    spammers: float  # share of annotators who label at random
    plan: str  # "margin" or "aql"
    accuracy: tuple[float, float] = (0.7, 0.995)  # range of the other annotators' accuracies


SCENARIOS = [
    Scenario("balanced, margin plan", 400, 3, 12, 0.0, 0.0, "margin"),
    Scenario("skewed, margin plan", 400, 3, 40, 1.3, 0.1, "margin"),
    Scenario("skewed, AQL plan", 600, 3, 60, 1.3, 0.1, "aql"),
    Scenario("balanced, AQL plan, strata outnumber units", 60, 5, 80, 0.0, 0.2, "aql"),
    Scenario("skewed, high accuracy, margin plan", 500, 3, 40, 1.3, 0.0, "margin", (0.94, 0.999)),
]


def make_batch(sc: Scenario, rng: random.Random) -> tuple[list[tuple[str, str, str]], dict[tuple[str, str], bool]]:
    """Units (item, annotator, label) and whether each unit's label is right."""
    names = [f"w{i:03d}" for i in range(sc.annotators)]
    share = [1.0 / (r + 1) ** sc.zipf for r in range(sc.annotators)]
    acc = {}
    bias = {}
    for a in names:
        spam = rng.random() < sc.spammers
        acc[a] = None if spam else rng.uniform(*sc.accuracy)
        bias[a] = rng.choice(LABELS)
    units, ok = [], {}
    for i in range(sc.items):
        item = f"i{i:05d}"
        truth = rng.choices(LABELS, weights=[0.7, 0.2, 0.1])[0]
        chosen: set[str] = set()
        while len(chosen) < min(sc.per_item, sc.annotators):
            chosen.add(rng.choices(names, weights=share)[0])
        for a in sorted(chosen):
            if acc[a] is None:
                lab = rng.choice(LABELS)
            elif rng.random() < acc[a]:
                lab = truth
            else:  # errors lean to the annotator's favourite label, so label strata differ in accuracy
                lab = bias[a] if bias[a] != truth and rng.random() < 0.7 else rng.choice(
                    [x for x in LABELS if x != truth])
            units.append((item, a, lab))
            ok[(item, a)] = lab == truth
    return units, ok


def plan_n(sc: Scenario, population: int) -> int:
    if sc.plan == "aql":
        return aql_plan(population, 1.0)["n"]
    return margin_sample_size(population, 0.95, 0.05, 0.9)


def estimate(units, ok, n: int, seed: int, confidence: float = 0.95) -> dict:
    """The audit's design: select, then the stratified estimate and interval."""
    chosen, info = select(units, "sim", n, seed)
    per: dict[str, list[int]] = {}
    for item, a, _, stratum in chosen:
        c = per.setdefault(stratum, [0, 0])
        c[0] += 1
        c[1] += int(ok[(item, a)])
    pops = {d["stratum"]: d["population"] for d in info["design_strata"]}
    return stratified_accuracy([(pops[s], c[0], c[1]) for s, c in sorted(per.items())], confidence)


def legacy(units, ok, n: int, seed: int, confidence: float = 0.95) -> tuple[float, float, float]:
    """The old design: ≥ 1 unit per annotator × label stratum (or one each to the n largest), unweighted Wilson."""
    import hashlib

    strata: dict[str, list] = {}
    for item, a, lab in units:
        h = int.from_bytes(hashlib.sha256(f"{seed}\x1fsim\x1f{item}\x1f{a}".encode()).digest()[:8], "big")
        strata.setdefault(f"{a}\x1f{lab}", []).append((h, item, a))
    sizes = {k: len(v) for k, v in strata.items()}
    keys = sorted(sizes)
    total = sum(sizes.values())
    if n >= len(keys):
        alloc = {k: 1 for k in keys}
        rest = n - len(keys)
        spare = {k: sizes[k] - 1 for k in keys}
        st = sum(spare.values())
        for k in keys:
            alloc[k] += min(spare[k], math.floor(rest * spare[k] / st)) if st else 0
        left = n - sum(alloc.values())
        for k in sorted(keys, key=lambda k: (-sizes[k], k)):
            if left and alloc[k] < sizes[k]:
                alloc[k] += 1
                left -= 1
    else:
        alloc = {k: 0 for k in keys}
        for k in sorted(keys, key=lambda k: (-sizes[k], k))[:n]:
            alloc[k] = 1
    assert total >= n
    y = m = 0
    for k in keys:
        for _, item, a in sorted(strata[k])[: alloc[k]]:
            m += 1
            y += int(ok[(item, a)])
    lo, hi = wilson_interval(y, m, confidence)
    return y / m, lo, hi


def coverage(sc: Scenario, draws: int, seed: int = 0, with_legacy: bool = False) -> dict:
    """Share of draws whose interval covers the true batch accuracy; a new batch every 10 draws."""
    rng = random.Random(f"{sc.name}:{seed}")
    hits = legacy_hits = 0
    widths, errors, truths, sizes = [], [], [], []
    units: list = []
    ok: dict = {}
    truth = 0.0
    for d in range(draws):
        if d % 10 == 0:
            units, ok = make_batch(sc, rng)
            truth = sum(ok.values()) / len(ok)
        n = plan_n(sc, len(units))
        est = estimate(units, ok, n, seed=seed * 100000 + d)
        hits += est["ci_low"] <= truth <= est["ci_high"]
        widths.append(est["ci_high"] - est["ci_low"])
        errors.append(est["rate"] - truth)
        truths.append(truth)
        sizes.append(n)
        if with_legacy:
            _, lo, hi = legacy(units, ok, n, seed=seed * 100000 + d)
            legacy_hits += lo <= truth <= hi
    out = {"scenario": sc.name, "draws": draws, "coverage": hits / draws,
           "mean_width": sum(widths) / draws, "mean_error": sum(errors) / draws,
           "mean_true_accuracy": sum(truths) / draws, "mean_n": sum(sizes) / draws}
    if with_legacy:
        out["legacy_coverage"] = legacy_hits / draws
    return out
