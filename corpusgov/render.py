"""Renderings of a finished run, all derived from its manifest: OpenLineage events, the Croissant card,
the regulator reports and the dashboard. A failure in one is an error of the run."""

from __future__ import annotations

import logging
import os
from typing import Any

log = logging.getLogger("corpusgov")


def render_all(out_dir: str, manifest: dict[str, Any], *, compare: str | None = None,
               openlineage_url: str | None = None) -> list[str]:
    """Write every rendering; returns the files written (relative to out_dir)."""
    from corpusgov.dashboard import write_dashboard
    from corpusgov.lineage.croissant import write_croissant
    from corpusgov.lineage.openlineage import write_openlineage
    from corpusgov.lineage.report import write_reports

    written = write_openlineage(out_dir, manifest, http_url=openlineage_url)
    written += write_croissant(out_dir, manifest)
    written += write_reports(out_dir, manifest)
    written += write_dashboard(out_dir, manifest, compare=compare)
    return [os.path.relpath(p, out_dir) for p in written]
