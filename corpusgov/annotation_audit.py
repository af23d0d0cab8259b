"""Driver of the annotation audit: picks the engine by name and runs `annotation.audit.audit_annotations`.

Why here: the engine choice is what made `annotation/` (core) import `pipelines/` (Beam) and back; the
driver layer may import both (CLI -> driver -> pipelines -> core).
"""

from __future__ import annotations

from corpusgov.annotation.audit import audit_annotations, local_engine
from corpusgov.pipelines.annotation_audit import beam_engine

ENGINES = ("beam", "local")


def run_audit(config_path: str, out_dir: str, beam_args: list[str] | None = None, engine: str = "beam") -> dict:
    """Audit with the "beam" engine (default; large annotation sets) or "local" (in-process); same result."""
    if engine == "local":
        return audit_annotations(config_path, out_dir, local_engine)
    if engine == "beam":
        return audit_annotations(config_path, out_dir, beam_engine(beam_args))
    raise ValueError(f"unknown engine {engine!r}; one of {', '.join(ENGINES)}")
