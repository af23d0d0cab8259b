"""Static SVG charts inlined into the dashboard: no script, no request, no plotting library.

Drawn with the primitives of `svg.py` (≈1.6 CPU-s per run less than matplotlib, which drew them before):
deterministic text, labels as SVG text. Every bar carries its count where the old figures did, so the page shows
the same information. Plot labels are ids and language codes (ASCII); Chinese appears only in HTML text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup, escape

from corpusgov.dashboard.svg import (
    FONT,
    SMALL,
    Scale,
    Svg,
    category_axis_bottom,
    category_axis_left,
    fmt_count,
    text_width,
    x_axis,
    y_axis,
)

WIDTH = 640.0
CATEGORY_COLOURS = {
    "kept": "#2e7d4f", "source_rejected": "#8c564b", "screening": "#c62828", "pii": "#7b4fa0",
    "copyright": "#c2417f", "quality": "#d9730d", "language": "#8a8a1c", "duplicate": "#1f6fb4",
    "deadletter": "#6b6b6b", "other": "#138a9e",
}


def category(reason: str) -> str:
    c = reason.split(":", 1)[0]
    return c if c in CATEGORY_COLOURS else "other"


TAB10 = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
         "#17becf")
TAB20 = ("#1f77b4", "#aec7e8", "#ff7f0e", "#ffbb78", "#2ca02c", "#98df8a", "#d62728", "#ff9896", "#9467bd",
         "#c5b0d5", "#8c564b", "#c49c94", "#e377c2", "#f7b6d2", "#7f7f7f", "#c7c7c7", "#bcbd22", "#dbdb8d",
         "#17becf", "#9edae5")
ROW = 26.0  # px per bar row of the horizontal bar charts


class Charts:
    """Wraps each drawn chart in a <figure> with its description (kept as a class: the views take one)."""

    ok = True

    def draw(self, svg: Svg, alt: str) -> Markup:
        return Markup('<figure class="chart" role="img" aria-label="{}">{}</figure>').format(
            escape(alt), Markup(svg.render()))


def _hbars(labels: list[str], segments: Sequence[tuple[str, str, Sequence[float]]], *, log: bool = False,
           grouped: bool = False, xlabel: str = "", end_labels: list[str] | None = None,
           bar_labels: bool = False, xmax: float | None = None) -> Svg:
    """Horizontal bars, one row per label: segments (legend label, colour, values) stacked, or side by side
    (`grouped`) each with its count; `end_labels` after each row's bar."""
    left = max([text_width(s, SMALL) for s in labels] + [20]) + 14
    legend_items = [(c, name) for name, c, vals in segments if any(vals)]
    probe = Svg(WIDTH, 0)
    top = 8 + probe.legend(legend_items, 0, left, WIDTH - 10) + 6
    height = top + ROW * len(labels) + 44
    svg = Svg(WIDTH, height)
    svg.legend(legend_items, 8, left, WIDTH - 10)
    totals = [sum(v[i] for _, _, v in segments) for i in range(len(labels))]
    peak = max([max(v) for _, _, v in segments if v] + [1.0]) if grouped else max(totals + [1.0])
    hi = xmax or (peak * (4 if log else 1.25))
    sc = Scale(0.8 if log else 0.0, hi, left, WIDTH - 12, "log" if log else "linear")
    base = top + ROW * len(labels)
    x_axis(svg, sc, base, xlabel, grid_to=top)
    centres = [top + ROW * i + ROW / 2 for i in range(len(labels))]
    category_axis_left(svg, labels, centres, left)
    k = len(segments)
    for i, y in enumerate(centres):
        for j, (name, colour, vals) in enumerate(segments):
            v = vals[i]
            if grouped:
                h = (ROW * 0.8) / k
                yy = y - ROW * 0.4 + j * h
                if v > 0:
                    svg.rect(sc.p0, yy, sc(v) - sc.p0, h, colour, f"{labels[i]} {name}: {v:,}")
                if bar_labels:
                    svg.text((sc(v) if v > 0 else sc.p0) + 3, yy + h / 2, fmt_count(v), size=SMALL)
            elif v:
                start = sum(vals2[i] for _, _, vals2 in segments[:j])
                svg.rect(sc(start), y - ROW * 0.36, sc(start + v) - sc(start), ROW * 0.72, colour,
                         f"{labels[i]} {name}: {v:,}")
        if end_labels is not None and not grouped:
            svg.text(sc(totals[i]) + 3, y, end_labels[i], size=SMALL)
    return svg


def sources(ch: Charts, rows: list[dict[str, Any]]) -> Markup:
    """Per source: kept and dropped by reason category (stacked), every total labelled."""
    cats = ["kept"] + [c for c in CATEGORY_COLOURS if c not in ("kept", "deadletter")] + ["deadletter"]
    segs = [({"kept": "kept", "deadletter": "dead-lettered"}.get(c, f"dropped: {c}"), CATEGORY_COLOURS[c],
             [r["by_category"].get(c, 0) for r in rows]) for c in cats]
    svg = _hbars([r["id"] for r in rows], segs, xlabel="records (label: kept / read)",
                 end_labels=[f"{r['kept']:,} / {r['read'] + r['deadlettered']:,}" for r in rows])
    return ch.draw(svg, "records per source: kept, dropped by reason category, dead-lettered")


def languages(ch: Charts, rows: list[dict[str, Any]]) -> Markup:
    """Read vs kept per language on a log axis, every bar labelled (a single Welsh record stays visible)."""
    segs = [("read", "#8fb8de", [r["read"] for r in rows]),
            ("kept", "#1f5f99", [max(r["kept"], 0) for r in rows])]
    svg = _hbars([r["lang"] for r in rows], segs, log=True, grouped=True, bar_labels=True,
                 xlabel="records (log scale)")
    return ch.draw(svg, "records per language, read and kept, log scale")


def dedup(ch: Charts, rates: dict[str, float], sizes: list[tuple[str, int]]) -> Markup:
    """Duplicate rate per source (left) and how many clusters have each size (right)."""
    ids = list(rates)
    half = WIDTH / 2
    left = max([text_width(s, SMALL) for s in ids] + [20]) + 14
    height = max(ROW * max(len(ids), 4), 150) + 56
    svg = Svg(WIDTH, height)
    top, base = 10.0, height - 46
    row = (base - top) / max(len(ids), 1)
    pct = [rates[k] * 100 for k in ids]
    sx = Scale(0, max(pct + [1]) * 1.4, left, half - 14)
    x_axis(svg, sx, base, "duplicate rate (%)", grid_to=top)
    centres = [top + row * i + row / 2 for i in range(len(ids))]
    category_axis_left(svg, ids, centres, left)
    for k, v, y in zip(ids, pct, centres, strict=True):
        bh = min(row * 0.8, ROW * 0.8)
        svg.rect(sx.p0, y - bh / 2, sx(v) - sx.p0, bh, "#1f6fb4", f"{k}: {rates[k]:.1%}")
        svg.text(sx(v) + 3, y, f"{rates[k]:.1%}", size=SMALL)
    counts = [n for _, n in sizes]
    x0 = half + 56
    sy = Scale(0, max(counts + [1]) * 1.15, base, top)
    y_axis(svg, sy, x0, "clusters")
    svg.line(x0, base, WIDTH - 10, base)
    width = (WIDTH - 10 - x0) / max(len(sizes), 1)
    xs = [x0 + width * i + width / 2 for i in range(len(sizes))]
    category_axis_bottom(svg, [k for k, _ in sizes], xs, base)
    svg.text((x0 + WIDTH - 10) / 2, base + 28, "cluster size", "middle")
    for (k, n), x in zip(sizes, xs, strict=True):
        svg.rect(x - width * 0.4, sy(n), width * 0.8, base - sy(n), "#5b9bd5", f"size {k}: {n:,} clusters")
        svg.text(x, sy(n) - 7, f"{n:,}", "middle", SMALL)
    return ch.draw(svg, "duplicate rate by source and cluster-size distribution")


def stacked(ch: Charts, data: dict[str, dict[str, int]], xlabel: str, alt: str) -> Markup:
    if not data:
        return Markup('<p class="muted">Nothing to chart.</p>')
    srcs = sorted(data)
    keys = sorted({k for v in data.values() for k in v})
    segs = [(k, TAB20[i % 20], [data[s].get(k, 0) for s in srcs]) for i, k in enumerate(keys)]
    totals = [sum(data[s].values()) for s in srcs]
    svg = _hbars(srcs, segs, xlabel=xlabel, end_labels=[f"{t:,}" for t in totals], xmax=max(totals + [1]) * 1.15)
    return ch.draw(svg, alt)


def signal_histograms(ch: Charts, panels: list[dict[str, Any]]) -> Markup:
    """One row per signal, one panel per language: kept vs dropped records per bin, thresholds dashed."""
    if not panels:
        return Markup("")
    signals = list(dict.fromkeys(p["signal"] for p in panels))
    langs = list(dict.fromkeys(p["lang"] for p in panels))
    grid = {(p["signal"], p["lang"]): p for p in panels}
    ph, gap_x, top = 130.0, 58.0, 34.0
    pw = (WIDTH - 16 - gap_x * len(langs)) / len(langs)
    row_h = ph + 62
    svg = Svg(WIDTH, top + row_h * len(signals))
    svg.legend([("#1f5f99", "kept"), ("#d9730d", "dropped")], 4)
    for i, s in enumerate(signals):
        for j, lg in enumerate(langs):
            p = grid.get((s, lg))
            if p is None:
                continue
            x0 = gap_x + j * (pw + gap_x)
            y0 = top + i * row_h + 20
            base = y0 + ph
            n = len(p["bins"])
            totals = [a + b for a, b in zip(p["kept"], p["dropped"], strict=True)]
            sy = Scale(0, max(totals + [1]) * 1.3, base, y0, "symlog")
            y_axis(svg, sy, x0)
            svg.line(x0, base, x0 + pw, base)
            w = pw / max(n, 1)
            for b, (k, d) in enumerate(zip(p["kept"], p["dropped"], strict=True)):
                x = x0 + w * b
                label = p["bins"][b]
                svg.rect(x + w * 0.1, sy(k), w * 0.8, base - sy(k), "#1f5f99", f"{label}: {k:,} kept")
                svg.rect(x + w * 0.1, sy(k + d), w * 0.8, sy(k) - sy(k + d), "#d9730d", f"{label}: {d:,} dropped")
            step = max(1, math.ceil(n / 5))
            idx = list(range(0, n, step))
            category_axis_bottom(svg, [p["bins"][b] for b in idx], [x0 + w * b + w / 2 for b in idx], base)
            for t in p["thresholds"]:
                x = x0 + w * (t["x"] + 0.5)
                svg.line(x, y0, x, base, "#b00020" if t["action"] == "drop" else "#444444", 1.2, "5 3")
            svg.text(x0 + pw / 2, y0 - 10, f"{s} · {lg}", "middle", FONT)
    return ch.draw(svg, "quality-signal histograms per language, kept vs dropped, with policy thresholds")


def diversity(ch: Charts, stages: list[str], series: dict[str, list[float | None]]) -> Markup:
    """Effective number of categories after each stage (identical series are drawn once, labelled together)."""
    seen: dict[tuple[float | None, ...], list[str]] = {}
    for k, v in series.items():
        seen.setdefault(tuple(v), []).append(k)
    lines = [(TAB10[i % 10], " = ".join(names), list(line)) for i, (line, names) in enumerate(seen.items())]
    vals = [v for _, _, line in lines for v in line if v is not None]
    svg = Svg(WIDTH, 300)
    used = svg.legend([(c, name) for c, name, _ in lines], 4)
    lo, hi = (min(vals), max(vals)) if vals else (0.0, 1.0)
    pad = (hi - lo) * 0.08 or 0.5
    top, base, x0 = 12 + used, 222.0, 64.0
    sy = Scale(lo - pad, hi + pad, base, top)
    y_axis(svg, sy, x0, "effective number of categories")
    svg.line(x0, base, WIDTH - 10, base)
    w = (WIDTH - 10 - x0) / max(len(stages), 1)
    xs = [x0 + w * i + w / 2 for i in range(len(stages))]
    category_axis_bottom(svg, stages, xs, base, rotate=-30)
    for colour, _, line in lines:
        pts = [(x, sy(v)) for x, v in zip(xs, line, strict=True) if v is not None]
        svg.polyline(pts, colour)
        for x, y in pts:
            svg.circle(x, y, 3.5, colour)
    return ch.draw(svg, "effective number of languages, sources, domains and acquisition types after each stage")


def annotation(ch: Charts, pts: list[tuple[str, float, float, float, float | None]]) -> Markup:
    if not pts:
        return Markup('<p class="muted">No verified accuracy to chart.</p>')
    labels = [p[0] for p in pts]
    left = max([text_width(s, SMALL) for s in labels] + [20]) + 14
    top = 10.0
    height = top + ROW * len(pts) + 44
    svg = Svg(WIDTH, height)
    lo = min(min(p[2] for p in pts), min((p[4] for p in pts if p[4] is not None), default=1.0))
    hi = max(max(p[3] for p in pts), max((p[4] for p in pts if p[4] is not None), default=0.0))
    pad = (hi - lo) * 0.05 or 0.05
    sx = Scale(lo - pad, hi + pad, left, WIDTH - 12)
    base = top + ROW * len(pts)
    x_axis(svg, sx, base, "accuracy, 95% interval (red tick: threshold)", grid_to=top)
    centres = [top + ROW * i + ROW / 2 for i in range(len(pts))]
    category_axis_left(svg, labels, centres, left)
    for (_, r, a, b, th), y in zip(pts, centres, strict=True):
        svg.line(sx(a), y, sx(b), y, "#1f5f99", 1.5)
        svg.line(sx(a), y - 4, sx(a), y + 4, "#1f5f99", 1.5)
        svg.line(sx(b), y - 4, sx(b), y + 4, "#1f5f99", 1.5)
        svg.circle(sx(r), y, 4, "#1f5f99")
        if th is not None:
            svg.line(sx(th), y - 8, sx(th), y + 8, "#b00020", 2)
    return ch.draw(svg, "annotation accuracy per batch and annotator")
