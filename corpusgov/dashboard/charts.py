"""Static SVG charts (matplotlib, SVG backend) inlined into the dashboard: no script, no request.

`svg.fonttype: none` keeps labels as text, `svg.hashsalt` and no date keep the file deterministic. Figures are
at most 7.5 in wide with 11 pt text: the page shows them at natural size (scrolling inside their box on a
phone) instead of shrinking them to thumbnails. Plot labels are ids and language codes (ASCII); Chinese
appears only in HTML text. Without matplotlib the page still renders every table.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

from markupsafe import Markup, escape

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

WIDTH = 7.5
CATEGORY_COLOURS = {
    "kept": "#2e7d4f", "source_rejected": "#8c564b", "screening": "#c62828", "pii": "#7b4fa0",
    "copyright": "#c2417f", "quality": "#d9730d", "language": "#8a8a1c", "duplicate": "#1f6fb4",
    "deadletter": "#6b6b6b", "other": "#138a9e",
}


def category(reason: str) -> str:
    c = reason.split(":", 1)[0]
    return c if c in CATEGORY_COLOURS else "other"


class Charts:
    """Builds figures with matplotlib's object API (no pyplot global state) and returns inline SVG."""

    def __init__(self) -> None:
        self.ok = True
        self.n = 0
        try:
            import matplotlib
            import matplotlib.ticker as ticker
            from matplotlib.figure import Figure
        except ImportError:
            self.ok = False
            return
        self.Figure, self.mpl, self.ticker = Figure, matplotlib, ticker
        self.rc: dict[RcKeyType, Any] = {"svg.fonttype": "none", "svg.hashsalt": "corpusgov", "font.size": 11,
                   "font.family": "DejaVu Sans", "axes.spines.top": False, "axes.spines.right": False,
                   "xtick.labelsize": 10, "ytick.labelsize": 10, "legend.fontsize": 10, "axes.titlesize": 11}

    def draw(self, fn: Callable[[], Any], alt: str) -> Markup:
        if not self.ok:
            return Markup('<p class="muted">Chart not drawn: matplotlib is not installed.</p>')
        with self.mpl.rc_context(self.rc):
            fig = fn()
            if fig is None:
                return Markup("")
            buf = io.StringIO()
            fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
        s = buf.getvalue()
        s = s[s.index("<svg"):]
        self.n += 1  # several SVGs share one document: a namespace of ids each
        p = f"c{self.n}_"
        s = s.replace('id="', f'id="{p}').replace("url(#", f"url(#{p}").replace('href="#', f'href="#{p}')
        return Markup('<figure class="chart" role="img" aria-label="{}">{}</figure>').format(escape(alt), Markup(s))

    def fig(self, h: float, w: float = WIDTH, layout: Literal["constrained"] | None = "constrained") -> Any:
        return self.Figure(figsize=(w, h), layout=layout)


def _label_bars(ax: Any, bars: Any, values: list[int]) -> None:
    for b, v in zip(bars, values, strict=True):
        ax.annotate(f"{v:,}", (b.get_x() + b.get_width(), b.get_y() + b.get_height() / 2), xytext=(3, 0),
                    textcoords="offset points", va="center", fontsize=10)


def sources(ch: Charts, rows: list[dict[str, Any]]) -> Markup:
    """Per source: kept and dropped by reason category (stacked), every total labelled."""
    def draw() -> Any:
        cats = ["kept"] + [c for c in CATEGORY_COLOURS if c not in ("kept", "deadletter")] + ["deadletter"]
        fig = ch.fig(0.42 * len(rows) + 1.5)
        ax = fig.add_subplot()
        y = list(range(len(rows)))
        left = [0] * len(rows)
        for c in cats:
            vals = [r["by_category"].get(c, 0) for r in rows]
            if any(vals):
                label = {"kept": "kept", "deadletter": "dead-lettered"}.get(c, f"dropped: {c}")
                ax.barh(y, vals, left=left, color=CATEGORY_COLOURS[c], label=label)
                left = [a + b for a, b in zip(left, vals, strict=True)]
        for i, r in enumerate(rows):
            ax.annotate(f"{r['kept']:,} / {r['read'] + r['deadlettered']:,}", (left[i], i), xytext=(3, 0),
                        textcoords="offset points", va="center", fontsize=10)
        ax.set_yticks(y, [r["id"] for r in rows])
        ax.invert_yaxis()
        ax.set_xlim(0, max(left + [1]) * 1.25)
        ax.set_xlabel("records (label: kept / read)")
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, frameon=False)
        return fig
    return ch.draw(draw, "records per source: kept, dropped by reason category, dead-lettered")


def languages(ch: Charts, rows: list[dict[str, Any]]) -> Markup:
    """Read vs kept per language on a log axis, every bar labelled (a single Welsh record stays visible)."""
    def draw() -> Any:
        fig = ch.fig(0.55 * len(rows) + 1.2)
        ax = fig.add_subplot()
        y = list(range(len(rows)))
        read = [r["read"] for r in rows]
        kept = [r["kept"] for r in rows]
        b1 = ax.barh([i - 0.2 for i in y], read, 0.4, label="read", color="#8fb8de")
        b2 = ax.barh([i + 0.2 for i in y], [max(k, 0) for k in kept], 0.4, label="kept", color="#1f5f99")
        _label_bars(ax, b1, read)
        _label_bars(ax, b2, kept)
        ax.set_xscale("log")
        ax.set_xlim(0.8, max(read + [1]) * 4)
        ax.set_yticks(y, [r["lang"] for r in rows])
        ax.invert_yaxis()
        ax.set_xlabel("records (log scale)")
        ax.legend(frameon=False, loc="lower right")
        return fig
    return ch.draw(draw, "records per language, read and kept, log scale")


def dedup(ch: Charts, rates: dict[str, float], sizes: list[tuple[str, int]]) -> Markup:
    def draw() -> Any:
        fig = ch.fig(0.35 * max(len(rates), 4) + 1.4)
        a1, a2 = fig.subplots(1, 2)
        ids = list(rates)
        bars = a1.barh(ids, [rates[k] * 100 for k in ids], color="#1f6fb4")
        for b, k in zip(bars, ids, strict=True):
            a1.annotate(f"{rates[k]:.1%}", (b.get_width(), b.get_y() + b.get_height() / 2), xytext=(3, 0),
                        textcoords="offset points", va="center", fontsize=10)
        a1.invert_yaxis()
        a1.set_xlabel("duplicate rate (%)")
        a1.set_xlim(0, max([rates[k] * 100 for k in ids] + [1]) * 1.4)
        bars = a2.bar(range(len(sizes)), [n for _, n in sizes], color="#5b9bd5")
        a2.bar_label(bars, labels=[f"{n:,}" for _, n in sizes], fontsize=10)
        a2.set_xticks(range(len(sizes)), [k for k, _ in sizes])
        a2.set_xlabel("cluster size")
        a2.set_ylabel("clusters")
        return fig
    return ch.draw(draw, "duplicate rate by source and cluster-size distribution")


def stacked(ch: Charts, data: dict[str, dict[str, int]], xlabel: str, alt: str) -> Markup:
    if not data:
        return Markup('<p class="muted">Nothing to chart.</p>')

    def draw() -> Any:
        srcs = sorted(data)
        keys = sorted({k for v in data.values() for k in v})
        fig = ch.fig(0.42 * len(srcs) + 1.9)
        ax = fig.add_subplot()
        left = [0] * len(srcs)
        cmap = ch.mpl.colormaps["tab20"]
        for i, k in enumerate(keys):
            vals = [data[s].get(k, 0) for s in srcs]
            ax.barh(srcs, vals, left=left, label=k, color=cmap(i % 20))
            left = [a + b for a, b in zip(left, vals, strict=True)]
        for i, v in enumerate(left):
            ax.annotate(f"{v:,}", (v, i), xytext=(3, 0), textcoords="offset points", va="center", fontsize=10)
        ax.set_xlim(0, max(left + [1]) * 1.15)
        ax.invert_yaxis()
        ax.set_xlabel(xlabel)
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, frameon=False, fontsize=9)
        return fig
    return ch.draw(draw, alt)


def signal_histograms(ch: Charts, panels: list[dict[str, Any]]) -> Markup:
    """One row per signal, one panel per language: kept vs dropped records per bin, thresholds dashed."""
    if not panels:
        return Markup("")

    def draw() -> Any:
        signals = list(dict.fromkeys(p["signal"] for p in panels))
        langs = list(dict.fromkeys(p["lang"] for p in panels))
        cols = len(langs)
        h = 2.0 * len(signals) + 0.9
        fig = ch.fig(h, layout=None)
        axes = fig.subplots(len(signals), cols, squeeze=False)
        fig.subplots_adjust(left=0.09, right=0.98, bottom=0.5 / h, top=1 - 0.8 / h, wspace=0.3, hspace=0.75)
        grid = {(p["signal"], p["lang"]): p for p in panels}
        for i, s in enumerate(signals):
            for j, lg in enumerate(langs):
                ax = axes[i][j]
                p = grid.get((s, lg))
                if p is None:
                    ax.set_visible(False)
                    continue
                x = list(range(len(p["bins"])))
                ax.bar(x, p["kept"], color="#1f5f99", label="kept")
                ax.bar(x, p["dropped"], bottom=p["kept"], color="#d9730d", label="dropped")
                for t in p["thresholds"]:
                    ax.axvline(t["x"], color="#b00020" if t["action"] == "drop" else "#444444", linestyle="--",
                               linewidth=1.2)
                ax.set_yscale("symlog", linthresh=1)
                ax.yaxis.set_major_locator(ch.ticker.SymmetricalLogLocator(base=10, linthresh=1, subs=[1.0]))
                ax.minorticks_off()
                step = max(1, math.ceil(len(x) / 5))
                ax.set_xticks(x[::step], p["bins"][::step])
                ax.set_title(f"{s} · {lg}", fontsize=11)
        handles, labels = axes[0][0].get_legend_handles_labels()
        fig.legend(handles, labels, frameon=False, loc="upper center", bbox_to_anchor=(0.5, 1.0), ncol=2)
        return fig
    return ch.draw(draw, "quality-signal histograms per language, kept vs dropped, with policy thresholds")


def diversity(ch: Charts, stages: list[str], series: dict[str, list[float | None]]) -> Markup:
    """Effective number of categories after each stage (identical series are drawn once, labelled together)."""
    def draw() -> Any:
        fig = ch.fig(3.2)
        ax = fig.add_subplot()
        seen: dict[tuple[float | None, ...], list[str]] = {}
        for k, v in series.items():
            seen.setdefault(tuple(v), []).append(k)
        for line, names in seen.items():
            ax.plot(stages, list(line), marker="o", label=" = ".join(names))
        ax.set_ylabel("effective number of categories")
        ax.tick_params(axis="x", labelrotation=30)
        ax.legend(frameon=False, fontsize=10)
        return fig
    return ch.draw(draw, "effective number of languages, sources, domains and acquisition types after each stage")


def annotation(ch: Charts, pts: list[tuple[str, float, float, float, float | None]]) -> Markup:
    if not pts:
        return Markup('<p class="muted">No verified accuracy to chart.</p>')

    def draw() -> Any:
        fig = ch.fig(0.34 * len(pts) + 1.3)
        ax = fig.add_subplot()
        for i, (_, r, lo, hi, th) in enumerate(pts):
            ax.errorbar([r], [i], xerr=[[r - lo], [hi - r]], fmt="o", color="#1f5f99", capsize=3)
            if th is not None:
                ax.plot([th], [i], marker="|", color="#b00020", markersize=14)
        ax.set_yticks(range(len(pts)), [p[0] for p in pts])
        ax.invert_yaxis()
        ax.set_xlabel("accuracy, 95% interval (red tick: threshold)")
        return fig
    return ch.draw(draw, "annotation accuracy per batch and annotator")
