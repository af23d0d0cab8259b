"""Design-based accuracy from a stratified sample: the estimate, its variance and interval follow the design.

Units of stratum h are drawn by simple random sampling without replacement, n_h of N_h, so each has
inclusion probability n_h / N_h and weight N_h / n_h. The batch accuracy is the stratified (Horvitz–Thompson,
Hájek-normalised) mean p = Σ_h W_h p_h with W_h = N_h / N; its variance is the textbook stratified one with
finite-population correction, v = Σ_h W_h² (1 − n_h/N_h) s_h² / n_h. The interval is Wilson's score interval
at the effective sample size n_eff = p(1 − p) / v (Korn & Graubard 1998), with the design effect held at or
above that of a simple random sample of the same size (n_eff ≤ n (N − 1) / (N − n)), so a lucky, too-small
variance estimate cannot narrow the interval. A census has no sampling error: its interval is the point.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from corpusgov.annotation.stats import z_for

METHOD = ("stratified (Horvitz–Thompson) estimate; Wilson score interval at the effective sample size "
          "p(1-p)/v, v the stratified variance with finite-population correction, design effect ≥ 1 "
          "relative to simple random sampling")


def wilson(p: float, n: float, confidence: float) -> tuple[float, float]:
    """Wilson score interval for a proportion p observed on a (possibly fractional) sample size n."""
    if n <= 0:
        return (0.0, 1.0)
    z = z_for(confidence)
    denom = 1.0 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(max(p * (1 - p), 0.0) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


def stratified_accuracy(strata: Iterable[tuple[int, int, int]], confidence: float = 0.95) -> dict:
    """Accuracy from per-stratum (population N_h, verified units n_h, correct y_h).

    Strata without a verified unit carry no information and are left out (the batch is then incomplete).
    """
    rows = [(big, n, y) for big, n, y in strata if n > 0]
    n = sum(r[1] for r in rows)
    y = sum(r[2] for r in rows)
    out = {"n": n, "successes": y, "rate": None, "ci_low": None, "ci_high": None, "confidence": confidence,
           "unweighted_rate": (y / n) if n else None, "population": sum(r[0] for r in rows),
           "variance": None, "effective_n": None, "design_effect": None, "method": METHOD}
    if not n:
        return out
    big_n = sum(r[0] for r in rows)
    p = sum(big / big_n * yh / nh for big, nh, yh in rows)
    p = min(1.0, max(0.0, p))
    v = 0.0
    for big, nh, yh in rows:
        ph = yh / nh
        s2 = nh / (nh - 1) * ph * (1 - ph) if nh >= 2 else p * (1 - p)  # one unit: pooled stand-in
        v += (big / big_n) ** 2 * (1 - nh / big) * s2 / nh
    out.update(rate=p, variance=v)
    if n >= big_n:  # census of every stratum
        out.update(ci_low=p, ci_high=p, method="census: every unit verified, no sampling error")
        return out
    n_srs = n * (big_n - 1) / (big_n - n)
    n_eff = min(n_srs, p * (1 - p) / v) if v > 0 and 0 < p < 1 else n_srs
    lo, hi = wilson(p, n_eff, confidence)
    out.update(ci_low=lo, ci_high=hi, effective_n=n_eff, design_effect=n / n_eff)
    return out


def weighted_proportion(units: Iterable[tuple[float, bool]], confidence: float = 0.95) -> dict:
    """Hájek-weighted proportion of (weight, ok) units with a Wilson interval on Kish's effective size.

    Used for one annotator's units, which can fall in strata with different inclusion probabilities.
    """
    us = list(units)
    n = len(us)
    y = sum(1 for _, ok in us if ok)
    out = {"n": n, "successes": y, "rate": None, "ci_low": None, "ci_high": None, "confidence": confidence}
    if not n:
        return out
    sw = sum(w for w, _ in us)
    p = sum(w for w, ok in us if ok) / sw
    kish = sw * sw / sum(w * w for w, _ in us)
    lo, hi = wilson(p, kish, confidence)
    out.update(rate=p, ci_low=lo, ci_high=hi, effective_n=kish)
    return out


def pooled_proportion(parts: Iterable[tuple[int, dict]], confidence: float = 0.95) -> dict:
    """One annotator across batches: per-batch rates weighted by the annotator's annotations in each batch.

    `parts` are (annotations in the batch, that batch's `weighted_proportion`); the effective sizes add up.
    """
    ps = [(big, pr) for big, pr in parts if pr.get("n")]
    n = sum(pr["n"] for _, pr in ps)
    y = sum(pr["successes"] for _, pr in ps)
    out = {"n": n, "successes": y, "rate": None, "ci_low": None, "ci_high": None, "confidence": confidence}
    if not n:
        return out
    total = sum(big for big, _ in ps)
    p = sum(big * pr["rate"] for big, pr in ps) / total
    n_eff = sum(pr.get("effective_n", pr["n"]) for _, pr in ps)
    lo, hi = wilson(p, n_eff, confidence)
    out.update(rate=p, ci_low=lo, ci_high=hi, effective_n=n_eff)
    return out
