"""A few SVG drawing primitives for the dashboard's charts: panels with linear, log or symlog axes, bars, lines.

Why hand-written: the dashboard draws up to eight small charts per run, and matplotlib cost ≈1.6 CPU-s of every run
(0.4 s import, 1.2 s drawing). These primitives write the same kind of chart directly: deterministic text (no
ids, no dates, numbers rounded to 0.1 px), labels as SVG text in the page's font, nothing fetched.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from markupsafe import escape

FONT = 11  # px in the chart's own coordinates; the page shows charts at >= 600 px wide (style.css.j2)
SMALL = 10
CHAR_W = 0.6  # average glyph width / font size, for laying out labels
INK = "#333333"
GRID = "#bbbbbb"


def _n(v: float) -> str:
    s = f"{v:.1f}"
    return s[:-2] if s.endswith(".0") else s


def text_width(s: str, size: float = FONT) -> float:
    return len(s) * size * CHAR_W


def fmt_count(v: float) -> str:
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.3g}"


@dataclass
class Scale:
    """Data -> pixel along one axis: kind linear, log (base 10) or symlog (linear up to 1, log10 beyond)."""

    lo: float
    hi: float
    p0: float
    p1: float
    kind: str = "linear"

    def _t(self, v: float) -> float:
        if self.kind == "log":
            return math.log10(max(v, 1e-12))
        if self.kind == "symlog":
            return v if abs(v) <= 1 else math.copysign(1 + math.log10(abs(v)), v)
        return v

    def __call__(self, v: float) -> float:
        a, b = self._t(self.lo), self._t(self.hi)
        return self.p0 + (self._t(v) - a) / ((b - a) or 1.0) * (self.p1 - self.p0)

    def ticks(self, n: int = 5) -> list[float]:
        if self.kind in ("log", "symlog"):
            first = 0 if self.kind == "symlog" else math.floor(math.log10(max(self.lo, 1e-12)))
            out = [0.0] if self.kind == "symlog" and self.lo <= 0 else []
            e = max(first, 0) if self.kind == "symlog" else first
            while 10.0**e <= self.hi * 1.0001:
                if 10.0**e >= self.lo:
                    out.append(10.0**e)
                e += 1
            return out
        span = self.hi - self.lo
        if span <= 0:
            return [self.lo]
        raw = span / n
        mag = 10 ** math.floor(math.log10(raw))
        step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
        start = math.ceil(self.lo / step - 1e-9) * step
        return [round(start + i * step, 10) for i in range(int((self.hi - start) / step + 1e-9) + 1)]


@dataclass
class Svg:
    width: float
    height: float
    parts: list[str] = field(default_factory=list)

    def rect(self, x: float, y: float, w: float, h: float, fill: str, title: str = "") -> None:
        if w <= 0 or h <= 0:
            return
        tip = f"<title>{escape(title)}</title>" if title else ""
        self.parts.append(f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" fill="{fill}">{tip}</rect>'
                          if tip else f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" fill="{fill}"/>')

    def line(self, x1: float, y1: float, x2: float, y2: float, stroke: str = INK, width: float = 1.0,
             dash: str = "") -> None:
        d = f' stroke-dasharray="{dash}"' if dash else ""
        self.parts.append(f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" stroke="{stroke}" '
                          f'stroke-width="{_n(width)}"{d}/>')

    def text(self, x: float, y: float, s: str, anchor: str = "start", size: float = FONT, rotate: float = 0,
             weight: str = "", fill: str = INK) -> None:
        rot = f' transform="rotate({_n(rotate)} {_n(x)} {_n(y)})"' if rotate else ""
        bold = f' font-weight="{weight}"' if weight else ""
        self.parts.append(f'<text x="{_n(x)}" y="{_n(y)}" font-size="{_n(size)}" text-anchor="{anchor}" '
                          f'dominant-baseline="middle" fill="{fill}"{bold}{rot}>{escape(s)}</text>')

    def circle(self, x: float, y: float, r: float, fill: str) -> None:
        self.parts.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}" fill="{fill}"/>')

    def polyline(self, pts: Sequence[tuple[float, float]], stroke: str, width: float = 1.5) -> None:
        if len(pts) > 1:
            p = " ".join(f"{_n(x)},{_n(y)}" for x, y in pts)
            self.parts.append(f'<polyline points="{p}" fill="none" stroke="{stroke}" stroke-width="{_n(width)}"/>')

    def legend(self, items: Sequence[tuple[str, str]], y: float, x0: float = 0, x1: float | None = None) -> float:
        """Colour swatches with labels, centred between x0 and x1, wrapped over rows; returns the height used."""
        x1 = self.width if x1 is None else x1
        widths = [14 + 5 + text_width(label, SMALL) + 16 for _, label in items]
        rows: list[list[int]] = [[]]
        used = 0.0
        for i, w in enumerate(widths):
            if rows[-1] and used + w > x1 - x0:
                rows.append([])
                used = 0.0
            rows[-1].append(i)
            used += w
        for r, row in enumerate(rows):
            x = x0 + (x1 - x0 - sum(widths[i] for i in row)) / 2
            yy = y + r * 18 + 9
            for i in row:
                colour, label = items[i]
                self.rect(x, yy - 5, 14, 10, colour)
                self.text(x + 19, yy, label, size=SMALL)
                x += widths[i]
        return len(rows) * 18 if items else 0.0

    def render(self) -> str:
        return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(self.width)} {_n(self.height)}" '
                f'width="{_n(self.width)}" height="{_n(self.height)}" font-family="DejaVu Sans, Arial, sans-serif">'
                + "".join(self.parts) + "</svg>")


def x_axis(svg: Svg, sc: Scale, y: float, label: str = "", ticks: Sequence[float] | None = None,
           grid_to: float | None = None) -> None:
    """Bottom axis of a horizontal-value panel: baseline, ticks with values, optional light grid up to grid_to."""
    svg.line(sc.p0, y, sc.p1, y)
    for t in sc.ticks() if ticks is None else ticks:
        x = sc(t)
        if grid_to is not None:
            svg.line(x, grid_to, x, y, GRID, 0.5)
        svg.line(x, y, x, y + 4)
        svg.text(x, y + 12, fmt_count(t), "middle", SMALL)
    if label:
        svg.text((sc.p0 + sc.p1) / 2, y + 28, label, "middle")


def y_axis(svg: Svg, sc: Scale, x: float, label: str = "", ticks: Sequence[float] | None = None) -> None:
    svg.line(x, sc.p0, x, sc.p1)
    for t in sc.ticks() if ticks is None else ticks:
        y = sc(t)
        svg.line(x - 4, y, x, y)
        svg.text(x - 6, y, fmt_count(t), "end", SMALL)
    if label:
        svg.text(x - 42, (sc.p0 + sc.p1) / 2, label, "middle", rotate=-90)


def category_axis_left(svg: Svg, labels: Sequence[str], centres: Sequence[float], x: float) -> None:
    for label, y in zip(labels, centres, strict=True):
        svg.line(x - 4, y, x, y)
        svg.text(x - 6, y, label, "end", SMALL)


def category_axis_bottom(svg: Svg, labels: Sequence[str], centres: Sequence[float], y: float,
                         rotate: float = 0) -> None:
    for label, x in zip(labels, centres, strict=True):
        svg.line(x, y, x, y + 4)
        if rotate:
            svg.text(x, y + 10, label, "end", SMALL, rotate=rotate)
        else:
            svg.text(x, y + 12, label, "middle", SMALL)
