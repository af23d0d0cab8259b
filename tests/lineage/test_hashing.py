"""File hashing is one function: local files (file_sha256) and streams such as remote inputs (stream_sha256)."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from corpusgov.lineage.hashing import file_sha256, stream_sha256


def test_file_and_stream_hashes_agree_across_chunk_boundaries(tmp_path: Path) -> None:
    data = bytes(range(256)) * 9 + b"tail"  # 2,308 bytes: several 1 KiB chunks and a partial one
    p = tmp_path / "f.bin"
    p.write_bytes(data)
    want = hashlib.sha256(data).hexdigest()
    assert file_sha256(str(p), chunk=1024) == want
    assert stream_sha256(io.BytesIO(data), chunk=1024) == (want, len(data))
    assert stream_sha256(io.BytesIO(b"")) == (hashlib.sha256(b"").hexdigest(), 0)


def test_remote_inputs_hash_their_stored_bytes(tmp_path: Path) -> None:
    """Beam's filesystems decompress `.gz` by name unless told not to; the digest is of the stored file."""
    import gzip

    from corpusgov.planning import remote_sha256

    p = tmp_path / "part.jsonl.gz"
    p.write_bytes(gzip.compress(b'{"text": "remote"}\n' * 100))
    assert remote_sha256(str(p)) == (file_sha256(str(p)), p.stat().st_size)
