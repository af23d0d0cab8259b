"""Shim so Beam's `--setup_file=/path/to/setup.py` can build an sdist of corpusgov for remote workers.

All metadata lives in pyproject.toml. Beam first tries `python -m build --no-isolation --sdist`; without the
`build` package it falls back to `python setup.py sdist`, which needs this file (a bare pyproject.toml has no
fallback).
"""

from setuptools import setup

setup()
