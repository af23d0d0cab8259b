"""Re-render a run's reports, dashboard, OpenLineage events and Croissant card and compare them byte for byte.

Why: on an unsigned run an intruder can change a number in a report and rewrite the attestation; the tables
do not contradict a rendering, but the renderers are deterministic functions of the manifest and the tables,
so rendering again exposes the edit. The renderers run in a scratch directory (top-level files copied, table
directories linked; renderers write top-level files only, which is checked). OpenLineage dataset
names hold the run directory's absolute path at run time, so that prefix is abstracted before comparing.
A different corpusgov version may render differently: the detail names the run's code commit.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from typing import Any

_OL_PREFIX = re.compile(r'"(?:[^"\\]|\\.)*?/(corpus|decisions|pii|copyright|deadletter|signatures)"')


def _ol_normal(text: str) -> str:
    return _OL_PREFIX.sub(lambda mt: f'"<RUN>/{mt.group(1)}"', text)


def compare_renderings(run_dir: str, manifest: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(renderings compared, problems). Raises if a renderer fails."""
    from corpusgov.render import render_all

    run_dir = os.path.abspath(run_dir)
    with tempfile.TemporaryDirectory(prefix="corpusgov-rerender-") as tmp:
        for n in sorted(os.listdir(run_dir)):
            src, dst = os.path.join(run_dir, n), os.path.join(tmp, n)
            if os.path.isdir(src) and not os.path.islink(src):
                os.symlink(src, dst, target_is_directory=True)
            elif os.path.isfile(src):
                shutil.copyfile(src, dst)
        written = render_all(tmp, manifest)
        probs: list[str] = []
        for rel in written:
            if "/" in rel or os.sep in rel:
                probs.append(f"{rel}: a renderer wrote inside a table directory")
                continue
            orig = os.path.join(run_dir, rel)
            if not os.path.exists(orig):
                probs.append(f"{rel} missing from the run")
                continue
            with open(orig, "rb") as f:
                a = f.read()
            with open(os.path.join(tmp, rel), "rb") as f:
                b = f.read()
            if rel.endswith(".jsonl"):
                a, b = _ol_normal(a.decode("utf-8", "replace")).encode(), _ol_normal(b.decode("utf-8", "replace")).encode()
            if a != b:
                probs.append(f"{rel} differs from a fresh rendering" + (" (regenerated with --compare?)"
                                                                         if rel == "dashboard.html" else ""))
    if probs:
        code = (manifest.get("code") or {}).get("git_commit")
        probs[-1] += f"; run made with corpusgov commit {str(code)[:12]}"
    return written, probs
