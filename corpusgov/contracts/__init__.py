"""Typed contracts between corpusgov's parts, with no Beam and no driver imports.

Why a package of its own: the record and its annotations (`record`), the Parquet tables a run writes
(`tables`) and the run manifest (`manifest`) are what the pipeline, the driver, `verify`, `forget` and the
renderers agree on. Keeping them here, importing only pydantic, pyarrow and the signal names, lets every
layer import them without importing each other. These modules are the source of truth; docs/contracts.md
describes them in prose.
"""
