"""Small statistics used by the audit: Wilson score interval and z quantiles (no SciPy needed)."""

from __future__ import annotations

import math
from statistics import NormalDist


def z_for(confidence: float) -> float:
    """Two-sided standard normal quantile for a confidence level (0.95 -> 1.959963...)."""
    return NormalDist().inv_cdf(1.0 - (1.0 - confidence) / 2.0)


def wilson_interval(successes: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for a proportion; it stays inside [0, 1] and behaves at 0 and n (unlike Wald)."""
    if n <= 0:
        return (0.0, 1.0)
    z = z_for(confidence)
    p = successes / n
    denom = 1.0 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    lo = 0.0 if successes == 0 else max(0.0, centre - half)
    hi = 1.0 if successes == n else min(1.0, centre + half)
    return (lo, hi)


def proportion(successes: int, n: int, confidence: float = 0.95) -> dict:
    """A proportion with its Wilson interval, as a JSON-able dict."""
    lo, hi = wilson_interval(successes, n, confidence)
    return {
        "n": n,
        "successes": successes,
        "rate": (successes / n) if n else None,
        "ci_low": lo if n else None,
        "ci_high": hi if n else None,
        "confidence": confidence,
    }
