"""Renderings of a finished run, all derived from its manifest: OpenLineage events, the Croissant card,
the regulator reports and the dashboard. A failure in one is an error of the run."""

from __future__ import annotations

import logging
import os
from typing import Any

log = logging.getLogger("corpusgov")


def write_openlineage(out_dir: str, manifest: dict[str, Any], http_url: str | None = None) -> list[str]:
    from lineage.openlineage import build_events, emit_events

    rep = emit_events(build_events(manifest, out_dir), out_dir, http_url=http_url)
    http = rep.get("http")
    if http and http.get("errors"):
        log.warning("OpenLineage events not sent to %s: %s", http.get("url"), http["errors"][0])
    return [rep["path"]]


def write_croissant(out_dir: str, manifest: dict[str, Any]) -> list[str]:
    from lineage.croissant import build_croissant
    from lineage.croissant import write_croissant as write_card

    return [write_card(build_croissant(manifest, out_dir), out_dir)]


def render_all(out_dir: str, manifest: dict[str, Any], *, compare: str | None = None,
               openlineage_url: str | None = None) -> list[str]:
    """Write every rendering; returns the files written (relative to out_dir)."""
    from corpusgov.dashboard import write_dashboard
    from lineage.report import write_reports

    written = write_openlineage(out_dir, manifest, openlineage_url)
    written += write_croissant(out_dir, manifest)
    written += write_reports(out_dir, manifest)
    written += write_dashboard(out_dir, manifest, compare=compare)
    return [os.path.relpath(p, out_dir) for p in written]
