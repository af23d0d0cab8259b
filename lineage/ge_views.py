"""Great Expectations' Data Docs views with their compiled Jinja templates kept (`lineage/jinja_cache.py`).

Why (issue 15, a run's fixed cost): GE's `DefaultJinjaView` makes a new Jinja environment per view, and a run's
Data Docs use three (the expectations and validations pages, the index), so its 24 templates were compiled 52
times on every run (≈ 0.2 CPU-s, docs/profile.md `wt-speed13`). These subclasses only give the environment a
bytecode cache; templates, filters and rendering are GE's own, so the pages are the same bytes. The cache's key
holds GE's version and the source of GE's view module, which sets the environment up (filters, autoescape,
extension). Imported only by GE, from the site builder's configuration (`quality/expectations_ge.py`).
"""

from __future__ import annotations

from typing import Any

import great_expectations
from great_expectations.render.view import view as ge_view
from jinja2.bccache import BytecodeCache

from corpusgov.lineage.jinja_cache import template_cache


def ge_template_cache() -> BytecodeCache:
    """The process's template cache for GE's views."""
    return template_cache("great-expectations", [ge_view.__file__], [great_expectations.__version__])


class CachedJinjaPageView(ge_view.DefaultJinjaPageView):
    """GE's page view (a section's pages) with the process's template cache."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.env.bytecode_cache = ge_template_cache()


class CachedJinjaIndexPageView(ge_view.DefaultJinjaIndexPageView):
    """GE's index page view with the process's template cache."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.env.bytecode_cache = ge_template_cache()
