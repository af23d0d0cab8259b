"""Stable identities for records: the same input gives the same ids on any runner and worker count."""

from __future__ import annotations

import hashlib
import unicodedata
from typing import BinaryIO


def normalise_text(text: str) -> str:
    """NFC-normalise text; hashes and detectors all see this form."""
    return unicodedata.normalize("NFC", text)


def content_sha256(text: str) -> str:
    """sha256 hex of the NFC-normalised text, UTF-8 encoded (surrogates escaped, never raising)."""
    return hashlib.sha256(normalise_text(text).encode("utf-8", "surrogatepass")).hexdigest()


def record_id(source_id: str, file_key: str, index: int) -> str:
    """128-bit id from the source, the file's key (path relative to the source's registry) and the index.

    Built from location, not content, so two identical documents stay two records (the duplicate detector
    decides about them) and a re-run over the same files reproduces every id.
    """
    h = hashlib.sha256(f"{source_id}\x1f{file_key}\x1f{index}".encode())
    return h.hexdigest()[:32]


def shard_of(record_id_hex: str, num_shards: int) -> int:
    """Deterministic shard assignment by record id."""
    return int(record_id_hex[:8], 16) % num_shards


def file_sha256(path: str, chunk: int = 1 << 20) -> str:
    """sha256 hex of a file, streamed."""
    with open(path, "rb") as f:
        return stream_sha256(f, chunk)[0]


def stream_sha256(f: BinaryIO, chunk: int = 1 << 20) -> tuple[str, int]:
    """(sha256 hex, bytes read) of an open binary stream, read to its end in `chunk`-byte blocks."""
    h = hashlib.sha256()
    size = 0
    while block := f.read(chunk):
        h.update(block)
        size += len(block)
    return h.hexdigest(), size
