"""`dashboard.html` (the ML lead's one-page review of a run) and `compare.html` (this run against another).

`view` builds plain data from the manifest, metrics.json and the drill-down tables; `charts` draws static SVG;
`page` renders Jinja2 templates (`templates/`, autoescaped) into one self-contained file: no script, no
network request, readable from 390 px phones to wide screens.
"""

from corpusgov.dashboard.compare import compare_rows, compare_view
from corpusgov.dashboard.page import build_compare_html, build_html, write_dashboard
from corpusgov.dashboard.records import kept_snippets, markup_residue
from corpusgov.drill import Masker as SnippetMasker

__all__ = ["SnippetMasker", "build_compare_html", "build_html", "compare_rows", "compare_view", "kept_snippets",
           "markup_residue", "write_dashboard"]
