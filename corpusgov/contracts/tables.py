"""The Arrow schemas of the Parquet tables a run writes (`decisions/`, `corpus/`, `pii/`, `copyright/`,
`signatures/`).

Why here: the pipeline writes these tables, and `verify`, `forget`, incremental runs and the expectations read
them; one Beam-free module is the one place their columns are declared. Column order is stable (the README's
"Outputs" table and docs/contracts.md describe the columns). The pipeline's own work files (annotated parts,
key and duplicate rows) are internal to the staged pipeline and live beside it (`pipelines/annotated.py`).
"""

from __future__ import annotations

import pyarrow as pa

from corpusgov.quality.signal_names import SIGNAL_NAMES

# One row per record read (kept or dropped); `q_<signal>` columns follow these.
BASE_DECISION_FIELDS: list[tuple[str, pa.DataType]] = [
    ("record_id", pa.string()),
    ("source_id", pa.string()),
    ("source_record_id", pa.string()),
    ("origin_uri", pa.string()),
    ("origin_key", pa.string()),
    ("origin_index", pa.int64()),
    ("file_sha256", pa.string()),
    ("content_sha256", pa.string()),
    ("decision", pa.string()),
    ("stage", pa.string()),
    ("reasons", pa.list_(pa.string())),
    ("text_chars", pa.int64()),
    ("text_bytes", pa.int64()),
    # Token estimate of the text as read (before masking), so the manifest's scale can be recounted from
    # this table after a takedown (`corpusgov.aggregates`).
    ("est_tokens", pa.int64()),
    ("lang", pa.string()),
    ("lang_score", pa.float64()),
    ("lang2", pa.string()),
    ("lang2_share", pa.float64()),
    ("screen_hit", pa.bool_()),
    ("pii_count", pa.int64()),
    ("pii_types", pa.list_(pa.string())),
    ("pii_action", pa.string()),
    ("pii_unresolved", pa.bool_()),
    ("masked", pa.bool_()),
    ("copyright_classes", pa.list_(pa.string())),
    ("dup_cluster", pa.string()),
    ("dup_of", pa.string()),
    ("dup_kind", pa.string()),
]


def decisions_schema() -> pa.Schema:
    return pa.schema(BASE_DECISION_FIELDS + [(f"q_{n}", pa.float64()) for n in SIGNAL_NAMES])


# Kept records only, text masked where the policy masks PI.
CORPUS_SCHEMA = pa.schema([
    ("record_id", pa.string()),
    ("source_id", pa.string()),
    ("source_record_id", pa.string()),
    ("text", pa.string()),
    ("content_sha256", pa.string()),
    ("masked", pa.bool_()),
    ("lang", pa.string()),
    ("url", pa.string()),
    ("metadata", pa.string()),  # JSON object as text
])

# One row per PI finding; `value_hash` is HMAC-SHA256 under the run's key (null without a key).
PII_SCHEMA = pa.schema([
    ("record_id", pa.string()), ("source_id", pa.string()), ("entity_type", pa.string()),
    ("start", pa.int64()), ("end", pa.int64()), ("score", pa.float64()), ("recognizer", pa.string()),
    ("action", pa.string()), ("value_hash", pa.string()),
])

# One row per copyright or licence marker.
COPYRIGHT_SCHEMA = pa.schema([
    ("record_id", pa.string()), ("source_id", pa.string()), ("marker_class", pa.string()),
    ("start", pa.int64()), ("end", pa.int64()), ("score", pa.float64()), ("recognizer", pa.string()),
    ("licence", pa.string()), ("restrictive", pa.bool_()), ("action", pa.string()),
])

# One MinHash signature per annotated record (kept for takedowns and incremental runs).
SIGNATURE_SCHEMA = pa.schema([
    ("record_id", pa.string()), ("source_id", pa.string()), ("content_sha256", pa.string()),
    ("rank", pa.int64()), ("signature", pa.binary()),
])
