"""Reproducible sampling plans: sample size from a stated method, stratified selection by seeded hash.

Selection ranks units by a keyed hash of (seed, batch, item, annotator): the same inputs and seed always
give the same sample, and a distributed runner needs no global shuffle — each stratum keeps its k smallest.
"""

from __future__ import annotations

import bisect
import hashlib
import math
from collections.abc import Iterable

from corpusgov.annotation.stats import z_for

# ISO 2859-1 Table 1: lot-size upper bounds -> sample size code letter, general inspection levels I/II/III.
_LOT_BOUNDS = [8, 15, 25, 50, 90, 150, 280, 500, 1200, 3200, 10000, 35000, 150000, 500000]
_CODE_LETTERS = {
    "I": "AABCCDEFGHJKLMN",
    "II": "ABCDEFGHJKLMNPQ",
    "III": "BCDEFGHJKLMNPQR",
}
_LETTERS = "ABCDEFGHJKLMNPQR"
# ISO 2859-1 Table 2-A (single sampling, normal inspection): sample size per code letter.
_SAMPLE_SIZE = dict(zip(_LETTERS, [2, 3, 5, 8, 13, 20, 32, 50, 80, 125, 200, 315, 500, 800, 1250, 2000], strict=True))
# Along each AQL column of Table 2-A the cells run: 0/1, up-arrow, down-arrow, 1/2, 2/3, 3/4, 5/6, 7/8,
# 10/11, 14/15, 21/22; each step down the preferred AQL series shifts the column by one code letter.
_DIAGONAL: list[tuple[int, int] | str] = [
    (0, 1), "up", "down", (1, 2), (2, 3), (3, 4), (5, 6), (7, 8), (10, 11), (14, 15), (21, 22)
]
# Preferred AQLs (percent nonconforming) -> index of the code letter where the column's 0/1 plan sits.
_AQL_START = {6.5: 0, 4.0: 1, 2.5: 2, 1.5: 3, 1.0: 4, 0.65: 5, 0.40: 6, 0.25: 7, 0.15: 8, 0.10: 9,
              0.065: 10, 0.040: 11, 0.025: 12, 0.015: 13, 0.010: 14}


def margin_sample_size(population: int, confidence: float, margin: float, expected: float) -> int:
    """Units needed to estimate a proportion within ±margin at the confidence level (finite population)."""
    if population <= 0:
        return 0
    z = z_for(confidence)
    n0 = z * z * expected * (1 - expected) / (margin * margin)
    n = n0 / (1 + (n0 - 1) / population)
    return min(population, max(1, math.ceil(n - 1e-9)))


def aql_plan(population: int, aql: float, level: str = "II") -> dict:
    """ISO 2859-1 single sampling plan, normal inspection: code letter, sample size n, Ac and Re."""
    if aql not in _AQL_START:
        raise ValueError(f"AQL {aql} is not a supported preferred value ({sorted(_AQL_START)})")
    if population <= 1:
        return {"code_letter": None, "n": max(population, 0), "ac": 0, "re": 1}
    li = bisect.bisect_left(_LOT_BOUNDS, population)
    letter = _CODE_LETTERS[level][min(li, len(_CODE_LETTERS[level]) - 1)]
    idx = _LETTERS.index(letter)
    start = _AQL_START[aql]

    def cell(i: int) -> tuple[int, int] | str:
        d = i - start
        if d < 0:
            return "down"
        if d >= len(_DIAGONAL):
            return "up"
        return _DIAGONAL[d]

    i = idx
    c = cell(i)
    while isinstance(c, str):  # follow the arrows to the first plan
        i = i + 1 if c == "down" else i - 1
        c = cell(i)
    used = _LETTERS[i]
    n = _SAMPLE_SIZE[used]
    if n >= population:  # ISO 2859-1: when n equals or exceeds the lot, inspect 100%
        n = population
    return {"code_letter": letter, "plan_letter": used, "n": n, "ac": c[0], "re": c[1]}


def unit_hash(seed: int, batch: str, item_id: str, annotator_id: str) -> int:
    """Seeded 64-bit rank of one annotation unit."""
    d = hashlib.sha256(f"{seed}\x1f{batch}\x1f{item_id}\x1f{annotator_id}".encode()).digest()
    return int.from_bytes(d[:8], "big")


def allocate(strata_sizes: dict[str, int], n: int) -> dict[str, int]:
    """Proportional allocation by largest remainders, with no minimum per stratum.

    A minimum-one rule over-samples small strata (and, when strata outnumber n, never samples the rest), which
    biases an unweighted estimate; strata are collapsed beforehand instead (`collapse`). Ties break by key.
    """
    total = sum(strata_sizes.values())
    keys = sorted(strata_sizes)
    if n >= total:
        return dict(strata_sizes)
    if n <= 0 or total == 0:
        return {k: 0 for k in keys}
    quotas = {k: n * strata_sizes[k] / total for k in keys}
    alloc = {k: min(strata_sizes[k], math.floor(quotas[k])) for k in keys}
    left = n - sum(alloc.values())
    order = sorted(keys, key=lambda k: (-(quotas[k] - math.floor(quotas[k])), k))
    while left > 0:
        moved = False
        for k in order:
            if left and alloc[k] < strata_sizes[k]:
                alloc[k] += 1
                left -= 1
                moved = True
        if not moved:
            break
    return alloc


def collapse(strata_sizes: dict[str, int], n: int, min_per_stratum: int = 2) -> dict[str, str]:
    """Map each stratum key to a collapsed stratum so every collapsed stratum's proportional share is ≥ 2.

    Walks the keys in sorted order (annotator, then label) and merges neighbours until a group holds at least
    ceil(min_per_stratum · N / n) units; a short tail joins the previous group. Two units per stratum keep
    the within-stratum variance estimable. The collapsed key is the group's first key.
    """
    total = sum(strata_sizes.values())
    keys = sorted(strata_sizes)
    if n >= total or n <= 0:
        return {k: k for k in keys}
    need = math.ceil(min_per_stratum * total / n - 1e-9)
    groups: list[list[str]] = []
    size = 0
    for k in keys:
        if not groups or size >= need:
            groups.append([])
            size = 0
        groups[-1].append(k)
        size += strata_sizes[k]
    if len(groups) > 1 and size < need:
        groups[-2].extend(groups.pop())
    return {k: g[0] for g in groups for k in g}


def plan_size(population: int, settings, kind: str) -> dict:
    """The sample size for one batch and how it was derived; safety batches are reviewed in full."""
    if kind == "safety":
        return {"method": "census", "population": population, "n": population,
                "reason": "TC260-003 §5.3: every safety annotation is reviewed"}
    if settings.method == "aql":
        plan = aql_plan(population, settings.aql, settings.inspection_level)
        return {"method": "aql", "standard": "ISO 2859-1 single sampling, normal inspection",
                "population": population, "aql": settings.aql, "inspection_level": settings.inspection_level,
                **plan}
    return {"method": "margin", "population": population, "confidence": settings.confidence,
            "margin": settings.margin, "expected_accuracy": settings.expected_accuracy,
            "n": margin_sample_size(population, settings.confidence, settings.margin,
                                    settings.expected_accuracy)}


def select(units: Iterable[tuple[str, str, str]], batch: str, n: int, seed: int) -> tuple[list, dict]:
    """Stratified sample of n units from (item_id, annotator_id, label) triples, with known inclusion odds.

    Strata are annotator × label, collapsed (`collapse`) so that each gets ≥ 2 units under proportional
    allocation; within a stratum the units with the smallest seeded hash are taken — a simple random sample
    without replacement, so every unit of stratum h has inclusion probability n_h / N_h. Returns the chosen
    (item, annotator, label, stratum) sorted by item and annotator, the per-stratum table and the design.
    """
    base: dict[str, list[tuple[int, str, str, str]]] = {}
    for item_id, annotator_id, label in units:
        key = f"{annotator_id}\x1f{label}"
        base.setdefault(key, []).append((unit_hash(seed, batch, item_id, annotator_id), item_id,
                                         annotator_id, label))
    sizes = {k: len(v) for k, v in base.items()}
    group_of = collapse(sizes, n)
    groups: dict[str, list[tuple[int, str, str, str]]] = {}
    for k, members in base.items():
        groups.setdefault(group_of[k], []).extend(members)
    alloc = allocate({g: len(v) for g, v in groups.items()}, n)
    names = {g: f"s{i:03d}" for i, g in enumerate(sorted(groups))}
    chosen = []
    design = []
    sampled_in: dict[str, int] = {}
    n_members: dict[str, int] = {}
    for g in group_of.values():
        n_members[g] = n_members.get(g, 0) + 1
    for g in sorted(groups):
        members = sorted(groups[g])[: alloc[g]]
        for _, i, a, lab in members:
            chosen.append((i, a, lab, names[g]))
            k = f"{a}\x1f{lab}"
            sampled_in[k] = sampled_in.get(k, 0) + 1
        design.append({"stratum": names[g], "population": len(groups[g]), "sampled": alloc[g],
                       "inclusion_probability": alloc[g] / len(groups[g]),
                       "members": n_members[g]})
    table = []
    for key in sorted(base):
        ann, lab = key.split("\x1f", 1)
        table.append({"annotator_id": ann, "label": lab, "population": sizes[key],
                      "sampled": sampled_in.get(key, 0), "stratum": names[group_of[key]]})
    chosen.sort()
    return chosen, {"strata": table, "design_strata": design,
                    "allocation": "proportional, largest remainder; annotator × label strata collapsed in key "
                                  "order until each holds ≥ 2 units"}
