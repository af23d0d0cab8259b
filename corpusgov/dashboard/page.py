"""Renders `dashboard.html` and `compare.html` from the view-models with Jinja2 (autoescape on).

Every value reaches the page through the template, escaped; only the charts' SVG (written by `charts.py` from
numbers and ids, every label escaped) is marked safe. The page has no script and no external resource; a Content-Security-Policy
(`script-src 'none'`) is a second line of defence.
"""

from __future__ import annotations

import json
import logging
import os
from typing import Any

from corpusgov.dashboard import charts as C
from corpusgov.dashboard import view as V
from corpusgov.dashboard.compare import compare_view
from corpusgov.dashboard.records import markup_residue
from corpusgov.drill import Masker, read_tables

log = logging.getLogger("corpusgov")


def _num(v: Any, digits: int = 4) -> str:
    from jinja2 import Undefined

    if v is None or isinstance(v, Undefined):
        return "—"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, int):
        return f"{v:,}"
    if isinstance(v, float):
        if v.is_integer() and abs(v) >= 1000:
            return f"{int(v):,}"
        return f"{v:,.{digits}f}"
    return str(v)


def _pct(v: Any, digits: int = 1) -> str:
    return "—" if v is None else f"{v:.{digits}%}"


def _signed(v: Any) -> str:
    if v is None:
        return ""
    return ("+" if v > 0 else "") + _num(v)


def environment() -> Any:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    from corpusgov.lineage.jinja_cache import template_cache

    # compiled templates kept between runs (≈ 0.05 CPU-s a run); the key holds this file, which sets the env up
    env = Environment(loader=FileSystemLoader(os.path.join(os.path.dirname(__file__), "templates")),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                      bytecode_cache=template_cache("dashboard", [__file__]))
    env.filters.update(num=_num, pct=_pct, signed=_signed)
    return env


def _release_figures() -> dict[str, Any] | None:
    from corpusgov.quality.release_figures import figure_rows, release_figures

    fig = release_figures()
    if not fig:
        return None
    return {"dev": fig["data"]["dev"], "rows_n": fig["data"]["rows"], "date": fig["date"], "rows": figure_rows(fig, "en")}


def _pii_copyright(ch: C.Charts, m: dict[str, Any]) -> dict[str, Any]:
    pii = m["pii"]
    pc = pii.get("counts_by_source") or {}
    types = sorted({t for v in pc.values() for t in v})
    pol = ((m["config"].get("policy") or {}).get("pii") or {}).get("actions") or {}
    basis = {s["id"]: s["pi_legal_basis"] for s in m["sources"]}
    acts = [[src, basis.get(src, "—"), t, (pol.get(basis.get(src, ""), {}) or {}).get(
        t, (pol.get(basis.get(src, ""), {}) or {}).get("*", "—"))] for src in sorted(pc) for t in sorted(pc[src])]
    cr = m["copyright"]
    cc = cr.get("counts_by_source") or {}
    classes = sorted({k for v in cc.values() for k in v})
    return {
        "pii": {"mode": pii.get("mode"), "total": sum(sum(v.values()) for v in pc.values()), "types": types,
                "rows": [[src, *[pc[src].get(t, 0) for t in types], sum(pc[src].values())] for src in sorted(pc)],
                "actions": [[s, a, n] for s, v in sorted((pii.get("records_by_action") or {}).items())
                            for a, n in sorted(v.items())],
                "policy": acts, "chart": C.stacked(ch, pc, "findings", "PI findings by source and type")},
        "copyright": {"classes": classes,
                      "rows": [[s, *[cc[s].get(k, 0) for k in classes]] for s in sorted(cc)],
                      "conflicts": [[s, r, n] for s, v in sorted((cr.get("conflicts_by_source") or {}).items())
                                    for r, n in sorted(v.items())],
                      "licences": [[s["id"], s.get("licence") or "—", s["acquisition"]] for s in m["sources"]],
                      "chart": C.stacked(ch, cc, "markers", "copyright markers by source and class")},
    }


def _dedup(ch: C.Charts, m: dict[str, Any]) -> dict[str, Any]:
    d = m.get("dedup") or {}
    hist = d.get("cluster_size_histogram") or {}
    if isinstance(hist, dict) and "edges" not in hist:
        sizes = [(k, hist[k]) for k in sorted(hist, key=lambda k: int(str(k).rstrip("+")))]
    else:
        sizes = [(str(int(x)), n) for x, n in zip(hist.get("edges", [])[:-1], hist.get("counts", []), strict=False)]
    return {"exact": d.get("exact_duplicates_dropped"), "near": d.get("near_duplicates_dropped"),
            "clusters": d.get("clusters"),
            "params": ", ".join(f"{k}={v}" for k, v in sorted((d.get("params") or {}).items()) if k != "source_priority"),
            "chart": C.dedup(ch, d.get("rate_by_source") or {}, sizes)}


def _annotation(ch: C.Charts, out_dir: str, m: dict[str, Any]) -> dict[str, Any] | None:
    from corpusgov.lineage.report import annotation_view

    a = annotation_view(out_dir, m)
    if not a:
        return None
    pts = []
    for bt in a["batches"]:
        acc = bt["accuracy"]
        if acc.get("rate") is not None:
            pts.append((f"batch {bt['batch']}", acc["rate"], acc.get("ci_low") or acc["rate"],
                        acc.get("ci_high") or acc["rate"], acc.get("threshold")))
    for an, v in sorted(a["annotators"].items()):
        acc = v.get("accuracy") or {}
        if acc.get("rate") is not None:
            pts.append((an, acc["rate"], acc.get("ci_low") or acc["rate"], acc.get("ci_high") or acc["rate"], None))
    return {**a, "chart": C.annotation(ch, pts), "annotators_sorted": sorted(a["annotators"].items()),
            "findings": sorted(a["findings_by_code"].items())}


def _markup(out_dir: str, mask: Any) -> dict[str, Any]:
    try:
        found, scanned = markup_residue(out_dir, mask)
    except Exception as ex:  # noqa: BLE001 - a damaged shard must not hide the rest of the page
        log.warning("dashboard markup scan skipped: %s", ex)
        found, scanned = [], 0
    return {"found": found, "scanned": scanned}


def build_html(out_dir: str, m: dict[str, Any], metrics: dict[str, Any] | None) -> str:
    """The whole dashboard page (pure apart from bounded reads of the run's Parquet outputs)."""
    ch = C.Charts()
    mask = Masker(((m.get("config") or {}).get("policy") or {}).get("pii") or {})
    try:
        tables = read_tables(out_dir)
    except Exception as ex:  # noqa: BLE001
        log.warning("dashboard drill-down tables unreadable: %s", ex)
        tables = None
    if tables is not None:  # masked once more here: the run's masking used the detector of that run
        for s in tables["samples"]:
            for k in ("snippet", "rep_snippet"):
                if s.get(k):
                    s[k] = mask(s[k], s.get("lang"))
    ctx = {
        "run": V.header(out_dir, m), "gates": V.gates_view(m), "sources": V.sources_view(ch, m),
        "breakdown": V.breakdown_view(m, tables), "languages": V.languages_view(ch, m, metrics),
        "dedup": _dedup(ch, m), **_pii_copyright(ch, m), "quality": V.quality_view(ch, m, metrics, tables),
        "release": _release_figures(), "diversity": V.diversity_view(ch, m),
        "annotation": _annotation(ch, out_dir, m), "drill": V.drill_view(m, tables),
        "drill_available": tables is not None, "markup": _markup(out_dir, mask),
        "lang_metrics": (metrics or {}).get("language") or {},
    }
    return environment().get_template("dashboard.html.j2").render(**ctx)


def build_compare_html(m: dict[str, Any], prev: dict[str, Any], prev_label: str) -> str:
    return environment().get_template("compare.html.j2").render(
        run=V.header("", m), cmp=compare_view(m, prev, prev_label))


def _read_json(path: str) -> dict[str, Any] | None:
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def _write(path: str, page: str) -> str:
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(page)
    os.replace(tmp, path)
    return path


def write_dashboard(out_dir: str, manifest: dict[str, Any], compare: str | None = None) -> list[str]:
    """Write `dashboard.html`, or with `compare` (another run directory) only `compare.html`."""
    # Canonical key order: the in-memory manifest of a run and the one read back from disk give the same page.
    manifest = json.loads(json.dumps(manifest, sort_keys=True))
    if compare:
        prev = _read_json(os.path.join(compare, "manifest.json"))
        if prev is None:
            raise FileNotFoundError(f"{compare}: no manifest.json to compare against")
        return [_write(os.path.join(out_dir, "compare.html"), build_compare_html(manifest, prev, compare))]
    metrics = _read_json(os.path.join(out_dir, "metrics.json"))
    return [_write(os.path.join(out_dir, "dashboard.html"), build_html(out_dir, manifest, metrics))]
