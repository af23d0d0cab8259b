"""The record, its annotations and the rows written for it, as TypedDicts.

Why TypedDicts and not classes: records cross Beam stages and Parquet files as plain dicts (cheap to pickle,
`pa.Table.from_pylist` takes them as they are); a TypedDict names every key and its type for the type checker
and the reader without changing what flows. Producers and consumers (ingest, annotators, the finaliser, the
takedown code, `verify`) use these names in their hints. The Parquet column types are in
`corpusgov.contracts.tables`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, NotRequired, TypedDict

if TYPE_CHECKING:  # the finding types are plain dataclasses of the detectors
    import numpy as np

    from corpusgov.quality.copyright.model import MarkerFinding
    from corpusgov.quality.pii.scanner import PiiFinding

Decision = Literal["keep", "drop"]


class Record(TypedDict):
    """One input record as ingest makes it (`pipelines/ingest.py:make_record`)."""

    record_id: str  # 32 lowercase hex: sha256(source_id, origin_key, origin_index) truncated
    source_id: str
    source_record_id: str | None  # the id field of the input, when the mapping names one
    origin_uri: str  # where the file was read from
    origin_key: str  # the file's key relative to its input root (stable across machines)
    origin_index: int  # 0-based line / row / member index in the file
    file_sha256: str
    text: str  # NFC-normalised
    content_sha256: str  # sha256 hex of `text`
    chars: int
    bytes: int  # UTF-8 length of `text`
    url: str | None  # the mapped url field
    metadata: dict[str, Any]  # the mapped metadata fields (plus `url` when set)


class ShardRecord(TypedDict):
    """A record as the finalise stage reads it back from its annotated shard (`pipelines/annotated.py`)."""

    record_id: str
    source_id: str
    source_record_id: str | None
    origin_uri: str
    origin_key: str
    origin_index: int
    file_sha256: str
    text: str
    content_sha256: str
    chars: int
    bytes: int
    url: str | None
    metadata: str  # JSON object as text (sorted keys), as the corpus table stores it
    signature: bytes | None  # MinHash signature bytes, None when dedup is off


class Annotations(TypedDict):
    """What `quality.annotators.Annotators.annotate_batch` measures for one record."""

    lang: str  # `zh-Hans`, `en`, …; `und` when unknown
    lang_score: float
    lang2: str | None
    lang2_share: float
    screen_hits: list[Any]  # lexicon terms hit (only its truthiness is read after annotation)
    pii: list[PiiFinding]
    copyright: list[MarkerFinding]
    signals: dict[str, float]  # subset of SIGNAL_NAMES
    signature: NotRequired[np.ndarray | None]


class DupRow(TypedDict):
    """A record's duplicate-cluster row from the decide stage (absent for records in no cluster)."""

    dup_cluster: str
    dup_of: NotRequired[str | None]  # the cluster member it duplicates, when it is dropped as a copy
    dup_kind: NotRequired[Literal["exact", "near"] | None]


class DecisionRow(TypedDict):
    """One row of `decisions/` (columns of `tables.decisions_schema()`, plus one `q_<signal>` per signal)."""

    record_id: str
    source_id: str
    source_record_id: str | None
    origin_uri: str
    origin_key: str
    origin_index: int
    file_sha256: str
    content_sha256: str
    decision: Decision
    stage: str  # `kept`, or the measure that dropped it (quality.decide.STAGES, or `takedown`)
    reasons: list[str]  # drop reason first; on a kept record every reason is a flag
    text_chars: int
    text_bytes: int
    est_tokens: int  # of the text as read, before masking
    lang: str | None
    lang_score: float | None
    lang2: str | None
    lang2_share: float | None
    screen_hit: bool
    pii_count: int
    pii_types: list[str]
    pii_action: str | None  # keep | mask | drop, None without findings
    pii_unresolved: bool
    masked: bool
    copyright_classes: list[str]
    dup_cluster: str | None
    dup_of: str | None
    dup_kind: str | None


class CorpusRow(TypedDict):
    record_id: str
    source_id: str
    source_record_id: str | None
    text: str  # masked where the policy masks PI
    content_sha256: str  # of the text as read (before masking)
    masked: bool
    lang: str | None
    url: str | None
    metadata: str  # JSON object as text


class PiiRow(TypedDict):
    record_id: str
    source_id: str
    entity_type: str
    start: int
    end: int
    score: float
    recognizer: str
    action: Literal["keep", "mask", "drop"]
    value_hash: str | None  # HMAC-SHA256 of the value under the run's key; None without a key


class CopyrightRow(TypedDict):
    record_id: str
    source_id: str
    marker_class: str
    start: int
    end: int
    score: float
    recognizer: str
    licence: str | None
    restrictive: bool
    action: Literal["drop", "flag"]


class SignatureRow(TypedDict):
    record_id: str
    source_id: str
    content_sha256: str
    rank: int  # source priority (lower wins a duplicate cluster)
    signature: bytes


class DeadLetter(TypedDict):
    """One line of `deadletter/` (malformed input; at most `DEADLETTER_RAW_LIMIT` raw bytes, base64)."""

    record_id: str | None
    source_id: str
    origin_uri: str
    origin_key: str
    origin_index: int  # -1 when the whole file failed
    reason: str
    detail: str
    raw_bytes: int  # size of the malformed item
    raw_b64: str
    raw_truncated: bool
