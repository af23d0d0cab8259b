"""`dashboard.html`: the ML lead's one-page review of a run, self-contained and readable offline.

Charts are static SVG drawn with matplotlib (SVG backend, `svg.fonttype: none` so labels stay text, fixed
`svg.hashsalt` and no date so the same run gives the same file) and inlined into the page. We chose it over
inlining plotly's ~4 MB JavaScript bundle because the page then needs no script at all: it opens from disk,
makes no request, and a strict Content-Security-Policy (`script-src 'none'`) is a second line of defence on
top of escaping every piece of corpus text. Plot labels are ASCII ids (the machine may lack CJK fonts);
Chinese appears only in HTML text. Without matplotlib the page still renders every table.

Numbers come from `manifest.json` and `metrics.json`; record drill-downs read at most a bounded number of
rows: ids (never text) for dropped records, masked snippets only from the kept corpus (`corpus/`, already
PI-masked).
"""

from __future__ import annotations

import html
import io
import json
import logging
import os
import re
from collections.abc import Iterable
from typing import Any

from lineage.report import annotation_view

log = logging.getLogger("corpusgov")

SAMPLES_PER_REASON = 5
SNIPPET_CHARS = 200
MAX_DECISION_ROWS = 2_000_000  # bound on rows scanned for per-reason samples
MAX_MARKUP_ROWS = 200_000  # bound on kept rows scanned for markup residue
MARKUP_RE = r"(?i)<\s*/?\s*(script|iframe|object|embed|style|svg|img|a|b|i|div|span|p|br|form|input)\b[^>]*>"
CATEGORY_COLOURS = {
    "kept": "#4c9a6a", "source_rejected": "#8c564b", "screening": "#d62728", "pii": "#9467bd",
    "copyright": "#e377c2", "quality": "#ff7f0e", "language": "#bcbd22", "duplicate": "#1f77b4",
    "deadletter": "#7f7f7f", "other": "#17becf",
}
ARTICLES = {
    "7(1)": ("lawful sources", "合法来源"), "7(2)": ("intellectual property", "知识产权"),
    "7(3)": ("personal information", "个人信息"), "7(4)": ("data quality and diversity", "数据质量与多样性"),
    "8": ("annotation", "数据标注"), "19": ("accountability / lineage", "说明与可核查"),
}

e = html.escape


# ---------------------------------------------------------------- small helpers

def _fmt(v: Any) -> str:
    if v is None:
        return "—"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return f"{v:.4f}"
    return str(v)


def _metric(key: str, v: Any, cls: str = "") -> str:
    """A number the tests (and readers) can find: `data-metric` carries the manifest key."""
    c = f' class="{e(cls)}"' if cls else ""
    return f'<span data-metric="{e(key)}"{c}>{e(_fmt(v))}</span>'


def _table(head: list[str], rows: Iterable[list[Any]], cls: str = "", raw: bool = False) -> str:
    """Rows of plain values are escaped; with raw=True cells are trusted HTML built here (already escaped)."""
    out = [f'<table class="{e(cls)}"><thead><tr>' + "".join(f"<th>{e(h)}</th>" for h in head) + "</tr></thead><tbody>"]
    n = 0
    for r in rows:
        n += 1
        cells = []
        for c in r:
            if raw:
                cells.append(f"<td>{c}</td>")
            elif isinstance(c, (int, float)) and not isinstance(c, bool):
                cells.append(f'<td class="n">{e(_fmt(c))}</td>')
            else:
                cells.append(f"<td>{e(_fmt(c))}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    if n == 0:
        out.append(f'<tr><td colspan="{len(head)}" class="muted">none</td></tr>')
    out.append("</tbody></table>")
    return "".join(out)


def _release_figures_html() -> str:
    """How the rules of this release did on real text (make eval), so the lead knows how far to trust them."""
    from quality.release_figures import figure_rows, release_figures

    fig = release_figures()
    if not fig:
        return "<p class='muted'>No real-text evaluation figures ship with this build (run make eval).</p>"
    return (f"<h3>How far to trust these rules</h3><p class='muted'>make eval of this release on "
            f"{e(fig['data']['dev'])} and junk made from it ({e(str(fig['data']['rows']))} documents, "
            f"{e(fig['date'])}); rate = share dropped (share labelled Chinese / accuracy for the language rows).</p>"
            + _table(["set", "documents", "rate", "target", "met"], figure_rows(fig, "en")))


def _category(reason: str) -> str:
    c = reason.split(":", 1)[0]
    return c if c in CATEGORY_COLOURS else "other"


def _read_json(path: str) -> dict[str, Any] | None:
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def _flatten(d: Any, prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    if isinstance(d, dict):
        for k, v in d.items():
            out.update(_flatten(v, f"{prefix}.{k}" if prefix else str(k)))
    else:
        out[prefix] = json.dumps(d, sort_keys=True, ensure_ascii=False) if isinstance(d, list) else d
    return out


# ---------------------------------------------------------------- charts (matplotlib → inline SVG)

class Charts:
    """Builds figures with matplotlib's object API (no pyplot global state) and returns inline SVG."""

    def __init__(self) -> None:
        self.ok = True
        self.n = 0
        try:
            import matplotlib
            from matplotlib.figure import Figure
        except ImportError:  # the page still renders every table
            self.ok = False
            return
        self.Figure = Figure
        self.rc = {"svg.fonttype": "none", "svg.hashsalt": "corpusgov", "font.size": 9,
                   "font.family": "DejaVu Sans", "axes.spines.top": False,
                   "axes.spines.right": False}
        self.mpl = matplotlib
        import matplotlib.ticker as ticker

        self.ticker = ticker

    def fig(self, w: float, h: float, layout: str | None = "constrained") -> Any:
        return self.Figure(figsize=(w, h), layout=layout)

    def svg(self, fig: Any, alt: str) -> str:
        buf = io.StringIO()
        with self.mpl.rc_context(self.rc):
            fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
        s = buf.getvalue()
        s = s[s.index("<svg"):]
        # Several SVGs share one document: give each its own id namespace so references cannot cross.
        self.n += 1
        p = f"c{self.n}_"
        s = s.replace('id="', f'id="{p}').replace("url(#", f"url(#{p}").replace('href="#', f'href="#{p}')
        return f'<figure class="chart" role="img" aria-label="{e(alt)}">{s}</figure>'

    def na(self) -> str:
        return '<p class="muted">Chart not drawn: matplotlib is not installed.</p>'


def _with_rc(charts: Charts, fn: Any) -> str:
    if not charts.ok:
        return charts.na()
    with charts.mpl.rc_context(charts.rc):
        return fn()


def chart_sources(ch: Charts, m: dict[str, Any]) -> str:
    def draw() -> str:
        srcs = m["sources"]
        cats = ["kept"] + [c for c in CATEGORY_COLOURS if c not in ("kept", "deadletter")] + ["deadletter"]
        data = {c: [0] * len(srcs) for c in cats}
        for i, s in enumerate(srcs):
            c = s["counts"]
            data["kept"][i] = c["kept"]
            for r, v in c["dropped_by_reason"].items():
                data[_category(r)][i] += v
            data["deadletter"][i] = c["deadlettered"]
        fig = ch.fig(9, 0.45 * len(srcs) + 1.4)
        ax = fig.add_subplot()
        y = list(range(len(srcs)))
        left = [0] * len(srcs)
        for c in cats:
            if any(data[c]):
                label = "dropped: " + c if c not in ("kept", "deadletter") else ("dead-lettered" if c == "deadletter" else c)
                ax.barh(y, data[c], left=left, color=CATEGORY_COLOURS[c], label=label)
                left = [a + b for a, b in zip(left, data[c], strict=True)]
        ax.set_yticks(y, [s["id"] for s in srcs])
        ax.invert_yaxis()
        ax.set_xlabel("records read")
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=4, frameon=False, fontsize=8)
        return ch.svg(fig, "records per source: kept, dropped by reason category, dead-lettered")
    return _with_rc(ch, draw)


def chart_languages(ch: Charts, m: dict[str, Any]) -> str:
    def draw() -> str:
        read = m["scale"].get("languages_read") or {}
        kept = m["type"].get("languages") or {}
        langs = sorted(set(read) | set(kept), key=lambda k: -read.get(k, kept.get(k, 0)))
        fig = ch.fig(6, 2.6)
        ax = fig.add_subplot()
        x = list(range(len(langs)))
        ax.bar([i - 0.2 for i in x], [read.get(k, 0) for k in langs], 0.4, label="read", color="#9ecae1")
        ax.bar([i + 0.2 for i in x], [kept.get(k, 0) for k in langs], 0.4, label="kept", color="#3182bd")
        ax.set_xticks(x, langs)
        ax.set_ylabel("records")
        ax.legend(frameon=False)
        return ch.svg(fig, "language mix, read vs kept")
    return _with_rc(ch, draw)


def chart_dedup(ch: Charts, m: dict[str, Any]) -> str:
    def draw() -> str:
        d = m.get("dedup") or {}
        rates = d.get("rate_by_source") or {}
        hist = d.get("cluster_size_histogram") or {}
        fig = ch.fig(9, 2.6)
        a1, a2 = fig.subplots(1, 2)
        ids = list(rates)
        a1.barh(ids, [rates[k] * 100 for k in ids], color="#1f77b4")
        a1.invert_yaxis()
        a1.set_xlabel("duplicate rate (% of screened records)")
        if isinstance(hist, dict) and "edges" not in hist:
            keys = sorted(hist, key=lambda k: int(k.rstrip("+")))
            counts = [hist[k] for k in keys]
        else:
            keys = [str(int(x)) for x in hist.get("edges", [])[:-1]]
            counts = hist.get("counts", [])
        a2.bar(range(len(keys)), counts, color="#6baed6")
        a2.set_xticks(range(len(keys)), keys)
        a2.set_xlabel("cluster size (records)")
        a2.set_ylabel("clusters")
        return ch.svg(fig, "duplicate rate by source and cluster-size distribution")
    return _with_rc(ch, draw)


def chart_stacked(ch: Charts, data: dict[str, dict[str, int]], xlabel: str, alt: str) -> str:
    if not data:
        return '<p class="muted">Nothing to chart.</p>'

    def draw() -> str:
        srcs = sorted(data)
        keys = sorted({k for v in data.values() for k in v})
        fig = ch.fig(9, 0.45 * len(srcs) + 1.4)
        ax = fig.add_subplot()
        left = [0] * len(srcs)
        cmap = ch.mpl.colormaps["tab20"]
        for i, k in enumerate(keys):
            vals = [data[s].get(k, 0) for s in srcs]
            ax.barh(srcs, vals, left=left, label=k, color=cmap(i % 20))
            left = [a + b for a, b in zip(left, vals, strict=True)]
        ax.invert_yaxis()
        ax.set_xlabel(xlabel)
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, frameon=False, fontsize=7)
        return ch.svg(fig, alt)
    return _with_rc(ch, draw)


def _thresholds(sig: dict[str, Any]) -> list[dict[str, Any]]:
    """metrics.json signal thresholds in any of their forms → [{rule, bound, value, action}]."""
    th = sig.get("threshold", sig.get("thresholds"))
    if th is None:
        return []
    if isinstance(th, (int, float)):
        return [{"rule": "", "bound": "max", "value": th, "action": ""}]
    if isinstance(th, dict):
        return [{"rule": "", "bound": b, "value": th[b], "action": ""} for b in ("min", "max") if th.get(b) is not None]
    return [x for x in th if isinstance(x, dict) and x.get("enabled", True)]


def _hist(sig: dict[str, Any]) -> tuple[list[float], list[int]] | None:
    h = sig.get("histogram")
    if isinstance(h, dict) and "edges" in h and "counts" in h:
        return [float(x) for x in h["edges"]], [int(x) for x in h["counts"]]
    return None


def chart_signals(ch: Charts, signals: dict[str, dict[str, Any]], failing_rules: set[str]) -> str:
    """Small multiples for the signals whose rules failed at least one record (the others are listed)."""
    with_th = [n for n in sorted(signals) if _thresholds(signals[n]) and _hist(signals[n])]
    names = [n for n in with_th if any(t.get("rule") in failing_rules for t in _thresholds(signals[n]))]
    quiet = [n for n in with_th if n not in names]
    note = (f'<p class="muted">No record failed the thresholds on: {e(", ".join(quiet))}.</p>' if quiet else "")
    if not names:
        return '<p class="muted">No quality rule failed any record.</p>' + note

    def draw() -> str:
        cols = 5
        rows = (len(names) + cols - 1) // cols
        # A fixed grid: constrained layout is slow to solve for dozens of small axes.
        fig = ch.fig(11, 1.6 * rows, layout=None)
        axes = fig.subplots(rows, cols, squeeze=False)
        fig.subplots_adjust(left=0.04, right=0.99, bottom=0.5 / (1.6 * rows), top=1 - 0.3 / (1.6 * rows),
                            wspace=0.28, hspace=0.55)
        for ax in axes.flat[len(names):]:
            ax.set_visible(False)
        for ax, n in zip(axes.flat, names, strict=False):
            edges, counts = _hist(signals[n])  # type: ignore[misc]
            widths = [b - a for a, b in zip(edges[:-1], edges[1:], strict=True)]
            ax.bar(edges[:-1], counts, width=widths, align="edge", color="#9ecae1", edgecolor="#3182bd",
                   linewidth=0.3)
            pos = [x for x in edges if x > 0]
            if pos and max(pos) / min(pos) >= 100:
                ax.set_xscale("symlog", linthresh=min(pos))
            for t in _thresholds(signals[n]):
                colour = "#d62728" if t.get("action") == "drop" else "#ff7f0e"
                ax.axvline(float(t["value"]), color=colour, linewidth=1.2, linestyle="--")
            ax.set_title(n, fontsize=7.5)
            ax.tick_params(labelsize=6)
            ax.set_yscale("symlog", linthresh=1)
            ax.minorticks_off()  # minor ticks on symlog axes dominate drawing time
            ax.yaxis.set_major_locator(ch.ticker.SymmetricalLogLocator(base=10, linthresh=1, subs=[1.0]))
        return ch.svg(fig, "quality-signal histograms with policy thresholds")
    return _with_rc(ch, draw) + note


def chart_diversity(ch: Charts, stages: list[dict[str, Any]]) -> str:
    if not stages:
        return '<p class="muted">No diversity stages in the manifest.</p>'

    def draw() -> str:
        names = [s.get("stage", str(i)) for i, s in enumerate(stages)]
        fig = ch.fig(10, 2.8)
        a1, a2 = fig.subplots(1, 2)
        for k in ("language", "source", "domain", "acquisition"):
            a1.plot(names, [(s.get("entropy") or {}).get(k) for s in stages], marker="o", label=k)
        a1.set_ylabel("normalised entropy")
        a1.legend(frameon=False, fontsize=7)
        for k in ("word_unigrams", "word_bigrams", "char_trigrams"):
            a2.plot(names, [(s.get("distinct_ngrams") or {}).get(k) for s in stages], marker="o", label=k)
        a2.set_ylabel("distinct n-grams (HLL estimate)")
        a2.legend(frameon=False, fontsize=7)
        for ax in (a1, a2):
            ax.tick_params(axis="x", labelrotation=35, labelsize=7)
        return ch.svg(fig, "diversity after each pipeline stage")
    return _with_rc(ch, draw)


def chart_annotation(ch: Charts, a: dict[str, Any]) -> str:
    def draw() -> str:
        pts: list[tuple[str, float, float, float, float | None]] = []
        for bt in a["batches"]:
            acc = bt["accuracy"]
            if acc.get("rate") is not None:
                pts.append((f"batch {bt['batch']}", acc["rate"], acc.get("ci_low") or acc["rate"],
                            acc.get("ci_high") or acc["rate"], acc.get("threshold")))
        for an, v in sorted(a["annotators"].items()):
            acc = v.get("accuracy") or {}
            if acc.get("rate") is not None:
                pts.append((an, acc["rate"], acc.get("ci_low") or acc["rate"], acc.get("ci_high") or acc["rate"], None))
        if not pts:
            return '<p class="muted">No verified accuracy to chart.</p>'
        fig = ch.fig(9, 0.3 * len(pts) + 1.2)
        ax = fig.add_subplot()
        y = list(range(len(pts)))
        for i, (_, r, lo, hi, th) in enumerate(pts):
            ax.errorbar([r], [i], xerr=[[r - lo], [hi - r]], fmt="o", color="#3182bd", capsize=3)
            if th is not None:
                ax.plot([th], [i], marker="|", color="#d62728", markersize=14)
        ax.set_yticks(y, [p[0] for p in pts])
        ax.invert_yaxis()
        ax.set_xlabel("accuracy with 95% interval (red tick: batch threshold)")
        return ch.svg(fig, "annotation accuracy per batch and annotator")
    return _with_rc(ch, draw)


# ---------------------------------------------------------------- bounded record drill-down

def _shards(out_dir: str, kind: str) -> list[str]:
    d = os.path.join(out_dir, kind)
    if not os.path.isdir(d):
        return []
    return sorted(os.path.join(d, n) for n in os.listdir(d) if n.endswith(".parquet"))


class SnippetMasker:
    """Masks personal information in a snippet again before it is shown.

    The kept corpus is masked only where the policy says so: a source whose legal basis permits `keep`
    leaves identifiers in the corpus, and they must still never reach the dashboard. Uses the run's own
    detector settings (forced on, pattern mode if its NER model is unavailable); built once per page.
    """

    def __init__(self, manifest: dict[str, Any]) -> None:
        from quality.pii.policy import PiiPolicy
        from quality.pii.scanner import PiiScanner

        raw = dict(((manifest.get("config") or {}).get("policy") or {}).get("pii") or {})
        raw["enabled"] = True
        try:
            self.scanner = PiiScanner(PiiPolicy(**raw))
        except Exception:  # noqa: BLE001 - e.g. an NER model missing here: the patterns still apply
            self.scanner = PiiScanner(PiiPolicy(enabled=True, mode="pattern",
                                                min_score=float(raw.get("min_score", 0.5))))

    def __call__(self, text: str, lang: str | None = None) -> str:
        spans = sorted(self.scanner.scan(text, lang), key=lambda f: f.start, reverse=True)
        for f in spans:
            text = text[:f.start] + f"<{f.entity_type}>" + text[f.end:]
        return text


def _snippet(text: str, start: int = 0) -> str:
    s = max(0, start - SNIPPET_CHARS // 4)
    piece = re.sub(r"\s+", " ", text[s:s + SNIPPET_CHARS]).strip()
    return ("…" if s > 0 else "") + piece + ("…" if s + SNIPPET_CHARS < len(text) else "")


def sample_reasons(out_dir: str, keys: list[tuple[str, str]], n: int = SAMPLES_PER_REASON,
                   max_rows: int = MAX_DECISION_ROWS) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """First `n` decision rows per (decision, reason) key, scanning at most `max_rows` rows.

    Keyed by decision as well because the manifest counts a reason on dropped records as a drop reason and
    on kept records as a flag; a sample must match the count it illustrates. Returns ids, never text.
    """
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    want: dict[tuple[str, str], list[dict[str, Any]]] = {k: [] for k in keys}
    scanned = 0
    for path in _shards(out_dir, "decisions"):
        pf = pq.ParquetFile(path)
        cols = [c for c in ("record_id", "source_id", "decision", "reasons") if c in pf.schema_arrow.names]
        if len(cols) < 4:
            return want
        for batch in pf.iter_batches(batch_size=16384, columns=cols):
            open_keys = [f"{d}|{r}" for (d, r), v in want.items() if len(v) < n]
            if not open_keys or scanned >= max_rows:
                return want
            batch = batch.slice(0, max_rows - scanned)
            scanned += batch.num_rows
            reasons, decs = batch.column("reasons"), batch.column("decision")
            # Dropped rows count under their first reason (the one that dropped them); kept rows under each flag.
            drop_rows = pc.indices_nonzero(pc.and_(pc.equal(decs, "drop"),
                                                   pc.greater(pc.list_value_length(reasons), 0)))
            first = pc.list_element(pc.take(reasons, drop_rows), 0)
            keep_rows = pc.indices_nonzero(pc.equal(decs, "keep"))
            kept_reasons = pc.take(reasons, keep_rows)
            rows = pa.concat_arrays([drop_rows.cast(pa.int64()),
                                     pc.take(keep_rows, pc.list_parent_indices(kept_reasons)).cast(pa.int64())])
            labels = pa.concat_arrays([pc.binary_join_element_wise("drop", first, "|"),
                                       pc.binary_join_element_wise("keep", pc.list_flatten(kept_reasons), "|")])
            hit = pc.is_in(labels, value_set=pa.array(open_keys))
            ids, srcs = batch.column("record_id"), batch.column("source_id")
            for i, key in zip(pc.filter(rows, hit).to_pylist(), pc.filter(labels, hit).to_pylist(), strict=True):
                d, r = key.split("|", 1)
                if len(want[(d, r)]) < n:
                    want[(d, r)].append({"record_id": ids[i].as_py(), "source_id": srcs[i].as_py(), "decision": d})
    return want


def kept_snippets(out_dir: str, record_ids: set[str], mask: Any) -> dict[str, str]:
    """Masked snippets for kept records, read from the kept corpus only (row groups pruned by id).

    `mask(text, lang)` (a `SnippetMasker`) runs over every text before it is cut.
    """
    if not record_ids:
        return {}
    import pyarrow as pa
    import pyarrow.dataset as ds

    files = _shards(out_dir, "corpus")
    if not files:
        return {}
    dset = ds.dataset(files, format="parquet")
    cols = ["record_id", "text"] + (["lang"] if "lang" in dset.schema.names else [])
    tbl = dset.to_table(columns=cols, filter=ds.field("record_id").isin(pa.array(sorted(record_ids))))
    langs = tbl.column("lang").to_pylist() if "lang" in cols else [None] * tbl.num_rows
    return {r: _snippet(mask(t, lg)) for r, t, lg in zip(tbl.column("record_id").to_pylist(),
                                                          tbl.column("text").to_pylist(), langs, strict=True)}


def markup_residue(out_dir: str, mask: Any, n: int = SAMPLES_PER_REASON,
                   max_rows: int = MAX_MARKUP_ROWS) -> tuple[list[dict[str, Any]], int]:
    """Kept records whose text still contains HTML/script markup (first `n`, at most `max_rows` scanned)."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    found: list[dict[str, Any]] = []
    scanned = 0
    rx = re.compile(MARKUP_RE)
    for path in _shards(out_dir, "corpus"):
        pf = pq.ParquetFile(path)
        for batch in pf.iter_batches(batch_size=8192, columns=["record_id", "source_id", "text"]):
            take = batch.num_rows if max_rows - scanned >= batch.num_rows else max_rows - scanned
            batch = batch.slice(0, take)
            scanned += take
            hit = pc.match_substring_regex(batch.column("text"), MARKUP_RE[4:], ignore_case=True)
            for i in pc.indices_nonzero(hit).to_pylist():
                text = mask(batch.column("text")[i].as_py())
                mt = rx.search(text)
                found.append({"record_id": batch.column("record_id")[i].as_py(),
                              "source_id": batch.column("source_id")[i].as_py(),
                              "tag": mt.group(1).lower() if mt else "?", "snippet": _snippet(text, mt.start() if mt else 0)})
                if len(found) >= n:
                    return found, scanned
            if scanned >= max_rows:
                return found, scanned
    return found, scanned


# ---------------------------------------------------------------- comparison

def compare_rows(cur: dict[str, Any], prev: dict[str, Any]) -> list[tuple[str, str, Any, Any]]:
    """(scope, metric, previous, current) for every compared number; callers highlight the changed ones."""
    rows: list[tuple[str, str, Any, Any]] = []
    for k in ("read", "kept", "dropped", "deadlettered"):
        rows.append(("total", k, prev["totals"].get(k), cur["totals"].get(k)))
    ps = {s["id"]: s for s in prev["sources"]}
    cs = {s["id"]: s for s in cur["sources"]}
    for sid in list(cs) + [s for s in ps if s not in cs]:
        a, b = ps.get(sid), cs.get(sid)
        ac = a["counts"] if a else {}
        bc = b["counts"] if b else {}
        rows.append((sid, "status", a["status"] if a else None, b["status"] if b else None))
        for k in ("read", "kept", "dropped", "deadlettered"):
            rows.append((sid, k, ac.get(k), bc.get(k)))
        reasons = sorted(set(ac.get("dropped_by_reason", {})) | set(bc.get("dropped_by_reason", {})))
        for r in reasons:
            rows.append((sid, f"dropped:{r}", ac.get("dropped_by_reason", {}).get(r, 0),
                         bc.get("dropped_by_reason", {}).get(r, 0)))
        rows.append((sid, "est_tokens", (a or {}).get("scale", {}).get("est_tokens"),
                     (b or {}).get("scale", {}).get("est_tokens")))
    pd, cd = prev.get("dedup") or {}, cur.get("dedup") or {}
    for k in ("exact_duplicates_dropped", "near_duplicates_dropped", "clusters"):
        rows.append(("dedup", k, pd.get(k), cd.get(k)))
    pst = ((prev.get("diversity") or {}).get("stages") or [{}])[-1]
    cst = ((cur.get("diversity") or {}).get("stages") or [{}])[-1]
    for k in sorted(set(pst.get("entropy") or {}) | set(cst.get("entropy") or {})):
        rows.append(("diversity (final stage)", f"entropy:{k}", (pst.get("entropy") or {}).get(k),
                     (cst.get("entropy") or {}).get(k)))
    for k in sorted(set(pst.get("distinct_ngrams") or {}) | set(cst.get("distinct_ngrams") or {})):
        rows.append(("diversity (final stage)", f"distinct:{k}", (pst.get("distinct_ngrams") or {}).get(k),
                     (cst.get("distinct_ngrams") or {}).get(k)))
    pg = {g["name"]: g["passed"] for g in prev.get("gates", [])}
    cg = {g["name"]: g["passed"] for g in cur.get("gates", [])}
    for name in sorted(set(pg) | set(cg)):
        rows.append(("gate", name, pg.get(name), cg.get(name)))
    pp = _flatten((prev.get("config") or {}).get("policy") or {})
    cp = _flatten((cur.get("config") or {}).get("policy") or {})
    for k in sorted(set(pp) | set(cp)):
        if pp.get(k) != cp.get(k):
            rows.append(("policy", k, pp.get(k), cp.get(k)))
    return rows


def _delta_cell(a: Any, b: Any) -> str:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        d = b - a
        if d == 0:
            return ""
        cls = "up" if d > 0 else "down"
        return f'<span class="{cls}">{"+" if d > 0 else ""}{e(_fmt(d))}</span>'
    return "" if a == b else '<span class="up">changed</span>'


# ---------------------------------------------------------------- page

CSS = """
:root{--ok:#2e7d32;--bad:#c62828;--warn:#ef6c00;--ink:#1d2430;--muted:#6b7480;--line:#d9dee6}
body{font-family:"DejaVu Sans",system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","Microsoft YaHei",sans-serif;
color:var(--ink);margin:0;background:#f4f6f9;font-size:14px;line-height:1.4}
header{background:#1f3b63;color:#fff;padding:14px 24px}header h1{margin:0;font-size:20px}
header .sub{color:#c9d6ea;font-size:12px;margin-top:4px}header a{color:#fff}
nav{padding:6px 24px;background:#e8edf4;font-size:12px}nav a{margin-right:12px;color:#1f3b63}
main{padding:12px 24px;max-width:1280px}
section{background:#fff;border:1px solid var(--line);border-radius:6px;margin:14px 0;padding:10px 16px}
h2{font-size:16px;margin:4px 0 8px;color:#1f3b63}h3{font-size:14px;margin:12px 0 6px}
.zh{color:var(--muted);font-weight:normal;font-size:.9em;margin-left:.4em}
.cards{display:flex;flex-wrap:wrap;gap:10px}.card{border:1px solid var(--line);border-radius:6px;padding:8px 14px;
min-width:120px;background:#fbfcfe}.card .v{font-size:22px;font-weight:bold}.card .k{color:var(--muted);font-size:12px}
.banner{padding:10px 14px;border-radius:6px;color:#fff;font-weight:bold;font-size:16px}
.pass{background:var(--ok)}.fail{background:var(--bad)}.warn{background:var(--warn)}
table{border-collapse:collapse;width:100%;margin:6px 0 10px;font-size:12.5px}
th,td{border:1px solid var(--line);padding:3px 6px;text-align:left;vertical-align:top;word-break:break-word}
th{background:#eef2f8;white-space:nowrap}td.n{text-align:right;font-variant-numeric:tabular-nums}
.ok{color:var(--ok);font-weight:bold}.bad{color:var(--bad);font-weight:bold}.muted{color:var(--muted)}
tr.changed td{background:#fff6d6}.up{color:#1f4e9c;font-weight:bold}.down{color:#b3541e;font-weight:bold}
figure.chart{margin:6px 0}figure.chart svg{max-width:100%;height:auto}
code,.mono{font-family:"DejaVu Sans Mono",monospace;font-size:12px}
.snip{font-family:"DejaVu Sans Mono",monospace;font-size:11.5px;white-space:pre-wrap;color:#333}
.grid2{display:grid;grid-template-columns:1fr 1fr;gap:14px}
details{margin:3px 0}summary{cursor:pointer;padding:2px 0}table.drill td:nth-child(-n+3){white-space:nowrap}
table.drill td:first-child{width:1%}
"""


def _h2(anchor: str, en: str, zh: str) -> str:
    return f'<h2 id="{e(anchor)}">{e(en)}<span class="zh">{e(zh)}</span></h2>'


def _yesno(v: bool, good: bool = True) -> str:
    ok = bool(v) == good
    return f'<span class="{"ok" if ok else "bad"}">{"yes" if v else "no"}</span>'


def build_html(out_dir: str, m: dict[str, Any], metrics: dict[str, Any] | None,
               prev: dict[str, Any] | None = None, prev_label: str | None = None) -> str:
    """The whole page as a string (pure apart from bounded reads of the run's Parquet outputs)."""
    ch = Charts()
    parts: list[str] = []
    run = m["run"]
    tot = m["totals"]
    gates = m["gates"]
    crit_failed = [g for g in gates if g["critical"] and not g["passed"]]
    failed = [g for g in gates if not g["passed"]]
    state = "fail" if crit_failed else ("warn" if failed else "pass")
    verdict = {"fail": "GATE FAILED — critical gate(s) failed", "warn": "PASSED with warnings — non-critical gate(s) failed",
               "pass": "ALL GATES PASSED"}[state]

    links = [("manifest.json", "manifest.json"), ("metrics.json", "metrics.json"),
             ("report.zh.html", "报告 (中文)"), ("report.en.html", "report (English)"),
             ("expectations/data_docs/index.html", "Data Docs (expectations)"),
             ("openlineage.jsonl", "openlineage.jsonl"), ("croissant.json", "croissant.json")]
    link_html = " · ".join(
        f'<a href="{e(p)}">{e(label)}</a>' + ("" if os.path.exists(os.path.join(out_dir, p)) else
                                             ' <span class="muted">(not present)</span>')
        for p, label in links)
    parts.append(
        f"<header><h1>corpusgov dashboard — {e(run['name'])}<span class='zh' style='color:#c9d6ea'>训练数据治理看板</span></h1>"
        f"<div class='sub'>run <span class='mono' data-metric='run.run_id'>{e(run['run_id'])}</span> · "
        f"{e(run['command'])} · {e(run['status'])} · {e(run['started_at'])} → {e(run['finished_at'])} · "
        f"runner {e(m['runner'].get('name', ''))} · corpusgov {e(m['code'].get('corpusgov_version', ''))}</div>"
        f"<div class='sub'>{link_html}</div></header>")
    nav = [("gates", "Gates"), ("sources", "Sources"), ("language", "Language"), ("dedup", "Duplicates"),
           ("pii", "Personal info"), ("copyright", "Copyright"), ("quality", "Quality"), ("diversity", "Diversity"),
           ("annotation", "Annotation"), ("drill", "Drill-down")] + ([("compare", "Comparison")] if prev else [])
    parts.append("<nav>" + "".join(f'<a href="#{a}">{e(t)}</a>' for a, t in nav) + "</nav><main>")

    # --- headline
    scale_tot = m["scale"]["by_modality"].get("text") or {}
    cards = [("records read", "totals.read", tot["read"]), ("kept", "totals.kept", tot["kept"]),
             ("dropped", "totals.dropped", tot["dropped"]), ("dead-lettered", "totals.deadlettered", tot["deadlettered"]),
             ("est. tokens kept", "scale.est_tokens", scale_tot.get("est_tokens")),
             ("characters kept", "scale.chars", scale_tot.get("chars")),
             ("gates passed", "gates.passed", len(gates) - len(failed)), ("gates failed", "gates.failed", len(failed))]
    measured = _article_measures(m)
    art_rows = []
    for art, (en, zh) in ARTICLES.items():
        gs = [g for g in gates if g.get("article") == art]
        nf = sum(1 for g in gs if not g["passed"])
        status = ('<span class="muted">no gate</span>' if not gs else
                  (f'<span class="bad">{nf} failed</span>' if nf else '<span class="ok">passed</span>'))
        art_rows.append([e(f"Art. {art}"), f"{e(en)} <span class='zh'>{e(zh)}</span>", e(measured.get(art, "—")),
                         e(f"{len(gs) - nf}/{len(gs)}"), status])
    fail_rows = [[e(g["name"]), e(g.get("article", "—")), _yesno(g["critical"], good=False), e(g["detail"])]
                 for g in failed]
    parts.append(
        "<section>" + _h2("gates", "Gate status", "关卡结果")
        + f'<div class="banner {state}" data-metric="gates.status" data-status="{state}">{e(verdict)}</div>'
        + '<div class="cards" style="margin-top:10px">'
        + "".join(f'<div class="card"><div class="v">{_metric(k, v)}</div><div class="k">{e(label)}</div></div>'
                  for label, k, v in cards) + "</div>"
        + "<h3>By article of the Interim Measures</h3>"
        + _table(["article", "obligation", "measured", "gates passed", "status"], art_rows, raw=True)
        + "<h3>Failed gates and reasons</h3>"
        + _table(["gate", "article", "critical", "detail"], fail_rows, raw=True)
        + (f"<p>Compared with run <span class='mono'>{e(prev['run']['run_id'])}</span>: "
           f"<a href='#compare'>{sum(1 for r in compare_rows(m, prev) if r[2] != r[3])} values changed</a>.</p>"
           if prev is not None else "")
        + f"<p class='muted'>Corpus Merkle root <span class='mono' data-metric='merkle.corpus_root'>"
        f"{e(m['outputs']['merkle']['corpus_root'])}</span> over "
        f"{_metric('merkle.leaves', m['outputs']['merkle'].get('leaves'))} records.</p></section>")

    # --- sources
    srows = []
    for s in m["sources"]:
        c = s["counts"]
        sid = s["id"]
        top = sorted(c["dropped_by_reason"].items(), key=lambda kv: -kv[1])[:3]
        srows.append([e(sid), e(s["acquisition"]), e(s.get("licence") or "—"),
                      f'<span class="{"ok" if s["status"] == "accepted" else "bad"}">{e(s["status"])}</span>'
                      + (f" <span class='muted'>({e(', '.join(s['rejection_reasons']))})</span>"
                         if s["rejection_reasons"] else ""),
                      _metric(f"source.{sid}.read", c["read"]), _metric(f"source.{sid}.kept", c["kept"]),
                      _metric(f"source.{sid}.dropped", c["dropped"]),
                      _metric(f"source.{sid}.deadlettered", c["deadlettered"]),
                      e("; ".join(f"{k} ({v})" for k, v in top) or "—")])
    parts.append("<section>" + _h2("sources", "Per-source volumes and decisions", "各来源数量与处理结果")
                 + chart_sources(ch, m)
                 + _table(["source", "acquisition", "licence", "status", "read", "kept", "dropped", "dead-lettered",
                           "top drop reasons"], srows, raw=True) + "</section>")

    # --- language
    read = m["scale"].get("languages_read") or {}
    kept = m["type"].get("languages") or {}
    lrows = [[k, read.get(k, 0), kept.get(k, 0)] for k in sorted(set(read) | set(kept))]
    lm = (metrics or {}).get("language") or {}
    ent = ""
    if lm:
        ent = (f"<p>Language entropy: read {e(_fmt(lm.get('entropy_read')))}, kept "
               f"{e(_fmt(lm.get('entropy_kept', lm.get('entropy'))))}.</p>")
    allowed = ((m["config"].get("policy") or {}).get("language") or {}).get("allowed")
    parts.append("<section>" + _h2("language", "Language mix", "语言分布") + "<div class='grid2'><div>"
                 + chart_languages(ch, m) + "</div><div>"
                 + _table(["language", "read", "kept"], lrows) + ent
                 + (f"<p class='muted'>Allowed by policy: {e(', '.join(allowed))}</p>" if allowed else "")
                 + "</div></div></section>")

    # --- dedup
    d = m.get("dedup") or {}
    parts.append(
        "<section>" + _h2("dedup", "Duplicates", "去重") + '<div class="cards">'
        + f'<div class="card"><div class="v">{_metric("dedup.exact", d.get("exact_duplicates_dropped"))}</div>'
          '<div class="k">exact duplicates dropped</div></div>'
        + f'<div class="card"><div class="v">{_metric("dedup.near", d.get("near_duplicates_dropped"))}</div>'
          '<div class="k">near duplicates dropped</div></div>'
        + f'<div class="card"><div class="v">{_metric("dedup.clusters", d.get("clusters"))}</div>'
          '<div class="k">clusters</div></div></div>'
        + chart_dedup(ch, m)
        + f"<p class='muted'>Parameters: {e(', '.join(f'{k}={v}' for k, v in sorted((d.get('params') or {}).items()) if k != 'source_priority'))}</p>"
        + "</section>")

    # --- PI
    pii = m["pii"]
    pcounts = pii.get("counts_by_source") or {}
    types = sorted({t for v in pcounts.values() for t in v})
    prow = [[src] + [pcounts[src].get(t, 0) for t in types] + [sum(pcounts[src].values())] for src in sorted(pcounts)]
    arow = [[src, act, n] for src, v in sorted((pii.get("records_by_action") or {}).items()) for act, n in sorted(v.items())]
    pol_actions = ((m["config"].get("policy") or {}).get("pii") or {}).get("actions") or {}
    src_basis = {s["id"]: s["pi_legal_basis"] for s in m["sources"]}
    act_rows = []
    for src in sorted(pcounts):
        basis = src_basis.get(src, "—")
        acts = pol_actions.get(basis, {})
        for t in sorted(pcounts[src]):
            act_rows.append([src, basis, t, acts.get(t, acts.get("*", "—"))])
    total_pii = sum(sum(v.values()) for v in pcounts.values())
    parts.append(
        "<section>" + _h2("pii", "Personal information by type × source", "个人信息（按类型与来源）")
        + f"<p>Detection mode <b>{e(str(pii.get('mode')))}</b>; {_metric('pii.findings', total_pii)} findings. "
          "Counts only: values are stored as keyed hashes, never in clear.</p>"
        + chart_stacked(ch, pcounts, "findings", "PI findings by source and type")
        + _table(["source"] + types + ["total"], prow)
        + "<div class='grid2'><div><h3>Records by action taken</h3>" + _table(["source", "action", "records"], arow)
        + "</div><div><h3>Policy action per type (by the source's legal basis)</h3>"
        + _table(["source", "legal basis", "entity type", "action"], act_rows) + "</div></div></section>")

    # --- copyright
    cr = m["copyright"]
    ccounts = cr.get("counts_by_source") or {}
    classes = sorted({k for v in ccounts.values() for k in v})
    crow = [[src] + [ccounts[src].get(k, 0) for k in classes] for src in sorted(ccounts)]
    conf = [[src, r, n] for src, v in sorted((cr.get("conflicts_by_source") or {}).items()) for r, n in sorted(v.items())]
    licences = [[s["id"], s.get("licence") or "—", s["acquisition"]] for s in m["sources"]]
    parts.append(
        "<section>" + _h2("copyright", "Copyright and licence markers", "版权与许可标记")
        + chart_stacked(ch, ccounts, "markers", "copyright markers by source and class")
        + _table(["source"] + classes, crow)
        + "<div class='grid2'><div><h3>Conflicts and opt-outs</h3>" + _table(["source", "reason", "records"], conf)
        + "</div><div><h3>Declared licences</h3>" + _table(["source", "licence", "acquisition"], licences)
        + "</div></div></section>")

    # --- quality
    signals = (((metrics or {}).get("quality") or {}).get("signals")) or {}
    failed_by_rule: dict[str, int] = {}
    for v in (m["quality"].get("rule_counts_by_source") or {}).values():
        for k, n in v.items():
            failed_by_rule[k] = failed_by_rule.get(k, 0) + n
    dropped_q = {k.split(":", 1)[1]: v for k, v in tot["dropped_by_reason"].items() if k.startswith("quality:")}
    flagged_q = {k.split(":", 1)[1]: v for k, v in tot["flagged_by_reason"].items() if k.startswith("quality:")}
    rules = ((m["config"].get("policy") or {}).get("quality") or {}).get("rules") or {}
    qrows = []
    for k in sorted(failed_by_rule, key=lambda r: (-failed_by_rule[r], r)):
        spec = rules.get(k) or {}
        qrows.append([k, spec.get("action", "—"), f"{spec.get('bound', '')} {spec.get('threshold', '')}".strip(),
                      failed_by_rule[k], dropped_q.get(k, 0), flagged_q.get(k, 0)])
    parts.append(
        "<section>" + _h2("quality", "Quality signals", "质量信号")
        + "<p class='muted'>Histograms over every screened record (metrics.json), log-scaled counts; dashed lines are "
          "policy thresholds (red: drop, orange: flag).</p>"
        + chart_signals(ch, signals, {k for k, v in failed_by_rule.items() if v})
        + "<h3>Per-rule counts</h3><p class='muted'>failed = records failing the rule (a record can fail several); "
          "dropped/flagged = records whose decision cites this rule.</p>"
        + _table(["rule", "action", "threshold", "failed", "dropped", "flagged"], qrows)
        + _release_figures_html() + "</section>")

    # --- diversity
    stages = (m.get("diversity") or {}).get("stages") or []
    vrows = [[s.get("stage"), s.get("records"), *[(s.get("entropy") or {}).get(k) for k in
                                                  ("language", "source", "domain", "acquisition")],
              *[(s.get("distinct_ngrams") or {}).get(k) for k in ("word_unigrams", "word_bigrams", "char_trigrams")],
              s.get("mean_chars")] for s in stages]
    parts.append(
        "<section>" + _h2("diversity", "Diversity before and after each measure", "各处理步骤前后的多样性")
        + chart_diversity(ch, stages)
        + _table(["stage", "records", "H(language)", "H(source)", "H(domain)", "H(acquisition)", "distinct words",
                  "distinct word bigrams", "distinct char trigrams", "mean chars"], vrows)
        + (f"<p class='muted'>{e(stages[0].get('distinct_ngrams_method', ''))}; entropies are normalised (0–1).</p>"
           if stages else "") + "</section>")

    # --- annotation
    parts.append("<section>" + _h2("annotation", "Annotation accuracy and agreement", "标注准确率与一致性")
                 + _annotation_html(ch, annotation_view(out_dir, m)) + "</section>")

    # --- drill-down
    parts.append("<section>" + _h2("drill", "Drill-down", "明细") + _drill_html(out_dir, m) + "</section>")

    # --- comparison
    if prev is not None:
        parts.append("<section>" + _h2("compare", "Run-over-run comparison", "与上次运行对比")
                     + _compare_html(m, prev, prev_label or "") + "</section>")

    parts.append("<p class='muted'>Generated by corpusgov from manifest.json and metrics.json. "
                 "No network resources; no scripts.</p></main>")
    head = ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; '
            'img-src data:; script-src \'none\'">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>corpusgov dashboard — {e(run['name'])}</title><style>{CSS}</style></head><body>")
    return head + "\n".join(parts) + "\n</body></html>\n"


def _sum_inner(d: dict[str, dict[str, int]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for inner in d.values():
        for k, v in inner.items():
            out[k] = out.get(k, 0) + v
    return out


def _article_measures(m: dict[str, Any]) -> dict[str, str]:
    """One line of what the run measured for each article, gate or not (counts from the manifest)."""
    t = m["totals"]
    dr = t["dropped_by_reason"]

    def by(prefix: str, d: dict[str, int]) -> int:
        return sum(v for k, v in d.items() if k.startswith(prefix))

    acc = sum(1 for s in m["sources"] if s["status"] == "accepted")
    cr = m.get("copyright") or {}
    pii = m.get("pii") or {}
    ann = m.get("annotation")
    out = {
        "7(1)": f"{acc}/{len(m['sources'])} sources accepted; {by('source_rejected:', dr)} records from rejected sources",
        "7(2)": (f"{sum(sum(v.values()) for v in (cr.get('counts_by_source') or {}).values())} markers; "
                 f"{by('copyright:', dr)} records dropped, {by('copyright:', t['flagged_by_reason'])} flagged"),
        "7(3)": (f"{sum(sum(v.values()) for v in (pii.get('counts_by_source') or {}).values())} findings; records "
                 + ", ".join(f"{act}: {n}" for act, n in sorted(_sum_inner(pii.get("records_by_action") or {}).items()))),
        "7(4)": (f"{by('quality:', dr)} quality drops; {by('duplicate:', dr)} duplicates; "
                 f"{by('screening:', dr)} screening drops"),
        "19": f"{t['read']} read = {t['kept']} kept + {t['dropped']} dropped + {t['deadlettered']} dead-lettered",
    }
    if ann:
        b = ann.get("batches") or {}
        items = b.values() if isinstance(b, dict) else b
        ok = sum(1 for x in items if isinstance(x, dict) and x.get("status") == "accepted")
        out["8"] = f"{ok}/{len(b)} annotation batches accepted"
    else:
        out["8"] = "annotation not available"
    return out


def _annotation_html(ch: Charts, a: dict[str, Any] | None) -> str:
    """`a` is `lineage.report.annotation_view(...)`: the verified full audit or the manifest's summary."""
    if not a:
        return ('<p><b data-metric="annotation.status">not available</b></p><p class="muted">This run\'s manifest '
                "has no annotation section (set <code>annotation:</code> in the run config or run "
                "<code>corpusgov audit-annotations</code>).</p>")
    rows = []
    for bt in a["batches"]:
        acc = bt["accuracy"]
        ag = bt.get("agreement") or {}
        bid = bt.get("batch", "")
        ci = (f"{_fmt(acc.get('ci_low'))}–{_fmt(acc.get('ci_high'))}" if acc.get("ci_low") is not None else "—")
        ver = f"{acc.get('successes')}/{acc.get('n')}" if acc.get("n") is not None else "—"
        cls = "ok" if bt.get("status") == "accepted" else "bad"
        rows.append([e(bid), f'<span class="{cls}">{e(bt.get("status", ""))}</span>', e(bt.get("task", "—")),
                     e(_fmt(bt.get("items"))), _metric(f"annotation.batch.{bid}.accuracy", acc.get("rate")), e(ci),
                     e(_fmt(acc.get("threshold"))), e(ver), e(_fmt(ag.get("fleiss_kappa"))),
                     e(_fmt(ag.get("krippendorff_alpha_nominal"))), e(_fmt(ag.get("cohen_kappa_mean")))])
    arows = []
    for an, v in sorted(a["annotators"].items()):
        acc = v.get("accuracy") or {}
        ci = (f"{_fmt(acc.get('ci_low'))}–{_fmt(acc.get('ci_high'))}" if acc.get("ci_low") is not None else "—")
        arows.append([an, ", ".join(v.get("batches", [])), v.get("annotations"), v.get("reviews"), acc.get("rate"),
                      ci, f"{acc.get('successes', '—')}/{acc.get('n', '—')}"])
    finds = [[k, v] for k, v in sorted(a["findings_by_code"].items())]
    status = "passed" if a["passed"] else "failed"
    return (f'<p>Audit <b class="{"ok" if a["passed"] else "bad"}" data-metric="annotation.status">{status}</b>'
            f" · batches {_metric('annotation.batches', len(a['batches']))}"
            f" · <span class='muted'>from {e(a['detail'])}</span></p>"
            + chart_annotation(ch, a)
            + _table(["batch", "status", "task", "items", "accuracy", "95% interval", "threshold", "verified",
                      "Fleiss κ", "Krippendorff α", "mean Cohen κ"], rows, raw=True)
            + "<h3>Per annotator</h3>"
            + (_table(["annotator", "batches", "annotations", "reviews", "accuracy", "95% interval", "verified"], arows)
               if arows else "<p class='muted'>Per-annotator figures are in the full audit report only.</p>")
            + "<h3>Findings</h3>" + _table(["code", "count"], finds))


def _drill_html(out_dir: str, m: dict[str, Any]) -> str:
    tot = m["totals"]
    all_reasons = ([("drop", r, n) for r, n in tot["dropped_by_reason"].items()]
                   + [("flag", r, n) for r, n in tot["flagged_by_reason"].items()])
    all_reasons.sort(key=lambda x: (-x[2], x[1]))
    out = ["<h3>Top reasons (drop and flag)</h3>",
           _table(["kind", "reason", "records"], [[k, r, n] for k, r, n in all_reasons[:25]])]
    try:
        mask = SnippetMasker(m)
        samples = sample_reasons(out_dir, [("drop" if k == "drop" else "keep", r) for k, r, _ in all_reasons])
        kept_ids = {x["record_id"] for v in samples.values() for x in v if x["decision"] == "keep"}
        snips = kept_snippets(out_dir, kept_ids, mask)
    except Exception as ex:  # noqa: BLE001 - a damaged shard must not hide the rest of the page
        log.warning("dashboard drill-down skipped: %s", ex)
        samples, snips, mask = {}, {}, None
    blocks = []
    for kind, r, total in all_reasons:
        rows = []
        for x in samples.get(("drop" if kind == "drop" else "keep", r), []):
            snip = snips.get(x["record_id"]) if x["decision"] == "keep" else None
            rows.append([f"<span class='mono'>{e(x['record_id'])}</span>", e(x["source_id"]), e(x["decision"]),
                         f"<div class='snip'>{e(snip)}</div>" if snip else
                         "<span class='muted'>dropped: id only</span>"])
        blocks.append(f"<details><summary><b>{e(r)}</b> <span class='muted'>{e(kind)} · {total} records · "
                      f"{len(rows)} shown</span></summary>"
                      + _table(["record id", "source", "decision", "masked snippet"], rows, cls="drill", raw=True)
                      + "</details>")
    out += [f"<h3>Sample records per reason (first {SAMPLES_PER_REASON} each; click to open)</h3>"
            "<p class='muted'>Snippets come only from the kept corpus, which is already PI-masked; dropped records "
            "are shown by id (use <code>corpusgov trace RUN --record-id ID</code>).</p>", "".join(blocks)]
    try:
        found, scanned = markup_residue(out_dir, mask) if mask is not None else ([], 0)
    except Exception as ex:  # noqa: BLE001
        log.warning("dashboard markup scan skipped: %s", ex)
        found, scanned = [], 0
    out += ["<h3>Kept records still containing HTML/script markup</h3>",
            f"<p class='muted'>First {SAMPLES_PER_REASON} matches in the first {scanned} kept rows scanned "
            f"(<span data-metric='drill.markup_found'>{len(found)}</span> shown). Markup residue usually means "
            "extraction left page chrome in the text.</p>",
            _table(["record id", "source", "tag", "masked snippet"],
                   [[f"<span class='mono'>{e(x['record_id'])}</span>", e(x["source_id"]), e(x["tag"]),
                     f"<div class='snip' data-markup-snippet='1'>{e(x['snippet'])}</div>"] for x in found], raw=True)]
    return "".join(out)


def _compare_html(m: dict[str, Any], prev: dict[str, Any], label: str) -> str:
    rows = compare_rows(m, prev)
    head = ("<thead><tr><th>scope</th><th>metric</th><th>previous</th><th>this run</th><th>change</th></tr></thead>")

    def tr(scope: str, metric: str, a: Any, b: Any, attrs: bool) -> str:
        ch = a != b
        data = f' data-compare="{e(scope)}|{e(metric)}" data-changed="{int(ch)}"' if attrs else ""
        return (f'<tr class="{"changed" if ch else ""}"{data}><td>{e(scope)}</td><td>{e(metric)}</td>'
                f'<td class="n">{e(_fmt(a))}</td><td class="n">{e(_fmt(b))}</td><td class="n">{_delta_cell(a, b)}</td></tr>')

    changed = [r for r in rows if r[2] != r[3]]
    return (f"<p>Compared with run <span class='mono'>{e(prev['run']['run_id'])}</span> ({e(label)}, finished "
            f"{e(prev['run'].get('finished_at', ''))}): <b data-metric='compare.changed'>{len(changed)}</b> of "
            f"{len(rows)} compared values changed.</p><h3>What changed</h3>"
            + (f"<table>{head}<tbody>" + "".join(tr(*r, attrs=False) for r in changed) + "</tbody></table>"
               if changed else "<p class='muted'>Nothing changed.</p>")
            + f"<details><summary>All {len(rows)} compared values (changed ones highlighted)</summary><table>{head}"
            "<tbody>" + "".join(tr(*r, attrs=True) for r in rows) + "</tbody></table></details>")


def write_dashboard(out_dir: str, manifest: dict[str, Any], compare: str | None = None) -> list[str]:
    """Write `dashboard.html` into `out_dir` (optionally compared with another run directory)."""
    # Canonical key order: the in-memory manifest of a run and the one read back from disk give the same page.
    manifest = json.loads(json.dumps(manifest, sort_keys=True))
    metrics = _read_json(os.path.join(out_dir, "metrics.json"))
    prev = None
    if compare:
        prev = _read_json(os.path.join(compare, "manifest.json"))
        if prev is None:
            raise FileNotFoundError(f"{compare}: no manifest.json to compare against")
    page = build_html(out_dir, manifest, metrics, prev, compare)
    path = os.path.join(out_dir, "dashboard.html")
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(page)
    os.replace(tmp, path)
    return [path]
