"""RFC 6962 Merkle trees over corpus records, shards and the whole corpus.

Why: a signed corpus root lets an auditor prove that one record is in (or was removed from) a corpus
without seeing the other records. Hashing follows RFC 6962 §2.1 (Certificate Transparency) so any
CT-style verifier can check our proofs:

* leaf hash  = sha256(0x00 || leaf)
* node hash  = sha256(0x01 || left || right)
* MTH of n > 1 leaves splits at k = the largest power of two < n (an odd node is promoted, never
  duplicated); the empty tree's root is sha256(b"").

Layers: record leaf = ``record_leaf(record_id, text)`` → shard root (leaves in shard order, i.e. sorted by
``record_id``) → corpus root = Merkle root whose leaves are the raw 32-byte shard roots, in shard order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from typing import Any

__all__ = [
    "EMPTY_ROOT",
    "MerkleBuilder",
    "corpus_root",
    "inclusion_proof",
    "leaf_hash",
    "merkle_root",
    "node_hash",
    "record_leaf",
    "shard_root_from_parquet",
    "verify_inclusion",
]

_LEAF = b"\x00"
_NODE = b"\x01"
EMPTY_ROOT = hashlib.sha256(b"").hexdigest()


def leaf_hash(leaf: bytes) -> bytes:
    """RFC 6962 leaf hash; the 0x00 prefix keeps leaves and inner nodes from colliding."""
    return hashlib.sha256(_LEAF + leaf).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """RFC 6962 interior node hash."""
    return hashlib.sha256(_NODE + left + right).digest()


def record_leaf(record_id: str, text: str) -> bytes:
    """Leaf bytes for one corpus record: record_id UTF-8, a NUL separator, then sha256(text UTF-8).

    The text enters only as its digest, so a proof never carries record text.
    """
    return record_id.encode("utf-8") + b"\x00" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


class MerkleBuilder:
    """Streaming RFC 6962 root builder holding O(log n) hashes (one per set bit of the leaf count).

    The stack holds the roots of complete subtrees of strictly decreasing size, which is exactly
    RFC 6962's left-to-right decomposition; folding it right-to-left yields MTH.
    """

    __slots__ = ("_stack", "_size")

    def __init__(self) -> None:
        self._stack: list[tuple[int, bytes]] = []  # (height, hash), heights strictly decreasing
        self._size = 0

    @property
    def size(self) -> int:
        return self._size

    def add(self, leaf: bytes) -> None:
        """Append one leaf (raw leaf bytes, hashed here)."""
        self.add_leaf_hash(leaf_hash(leaf))

    def add_leaf_hash(self, digest: bytes) -> None:
        """Append a leaf whose RFC 6962 leaf hash is already known."""
        height, h = 0, digest
        stack = self._stack
        while stack and stack[-1][0] == height:
            _, left = stack.pop()
            h = node_hash(left, h)
            height += 1
        stack.append((height, h))
        self._size += 1

    def root_bytes(self) -> bytes:
        if not self._stack:
            return hashlib.sha256(b"").digest()
        h = self._stack[-1][1]
        for _, left in reversed(self._stack[:-1]):
            h = node_hash(left, h)
        return h

    def root(self) -> str:
        """Current root as lowercase hex (the builder stays usable)."""
        return self.root_bytes().hex()


def merkle_root(leaves: Iterable[bytes]) -> str:
    """Root (hex) of raw leaves, streamed."""
    b = MerkleBuilder()
    for leaf in leaves:
        b.add(leaf)
    return b.root()


def corpus_root(shard_roots: Sequence[str]) -> str:
    """Corpus root: Merkle root whose leaves are the 32-byte shard roots (hex in), in shard order."""
    return merkle_root(bytes.fromhex(r) for r in shard_roots)


def _largest_pow2_below(n: int) -> int:
    return 1 << ((n - 1).bit_length() - 1)


def _subtree(hashes: Sequence[bytes], lo: int, hi: int) -> bytes:
    n = hi - lo
    if n == 1:
        return hashes[lo]
    k = _largest_pow2_below(n)
    return node_hash(_subtree(hashes, lo, lo + k), _subtree(hashes, lo + k, hi))


def inclusion_proof(leaves: Iterable[bytes], index: int) -> list[str]:
    """RFC 6962 PATH(index) as hex hashes, leaf-side first.

    Memory: keeps one 32-byte leaf hash per leaf of this tree (one shard), never the leaves themselves;
    the input is consumed once. Time O(n) hashes. For a record in the corpus, give the shard's leaves here
    and the shard roots to ``inclusion_proof`` again (with the shard's index) for the corpus level.
    """
    hashes = [leaf_hash(leaf) for leaf in leaves]
    n = len(hashes)
    if not 0 <= index < n:
        raise IndexError(f"leaf index {index} out of range for tree of size {n}")
    path: list[bytes] = []
    lo, hi, m = 0, n, index
    # Walk down from the root, collecting siblings; reverse at the end so the leaf side comes first.
    while hi - lo > 1:
        k = _largest_pow2_below(hi - lo)
        if m < k:
            path.append(_subtree(hashes, lo + k, hi))
            hi = lo + k
        else:
            path.append(_subtree(hashes, lo, lo + k))
            lo, m = lo + k, m - k
    return [p.hex() for p in reversed(path)]


def verify_inclusion(leaf: bytes, index: int, size: int, proof: Sequence[str], root: str) -> bool:
    """Check an RFC 6962 inclusion proof (algorithm of RFC 9162 §2.1.3.2). ``leaf`` is the raw leaf."""
    if size <= 0 or not 0 <= index < size:
        return False
    try:
        path = [bytes.fromhex(p) for p in proof]
        want = bytes.fromhex(root)
    except ValueError:
        return False
    fn, sn, r = index, size - 1, leaf_hash(leaf)
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == want


def _utf8_slices(arr: Any) -> Iterable[bytes | memoryview]:
    """The raw UTF-8 bytes of each value of an Arrow (large_)string array, without decoding to str.

    Parquet stores UTF-8, so hashing these bytes equals hashing ``text.encode("utf-8")``; skipping the
    decode/encode round trip makes shard verification several times faster.
    """
    import numpy as np
    import pyarrow as pa

    if arr.null_count:
        raise ValueError("record_id/text must not be null in a corpus shard")
    width: type[np.signedinteger[Any]]
    if pa.types.is_large_string(arr.type):
        width = np.int64
    elif pa.types.is_string(arr.type):
        width = np.int32
    else:
        raise ValueError(f"expected a string column, got {arr.type}")
    _, offsets_buf, data_buf = arr.buffers()
    n, off = len(arr), arr.offset
    offsets = np.frombuffer(offsets_buf, dtype=width)[off : off + n + 1].tolist()
    data = memoryview(data_buf) if data_buf is not None else memoryview(b"")
    return (data[offsets[i] : offsets[i + 1]] for i in range(n))


def shard_root_from_parquet(path: str, batch_size: int = 65536) -> tuple[str, int]:
    """(root hex, leaf count) of a corpus Parquet shard, streaming ``record_id`` and ``text`` in file order.

    Lets a verifier recompute a shard root from the published file alone; equals
    ``merkle_root(record_leaf(record_id, text) ...)`` over the rows.
    """
    import pyarrow.parquet as pq  # local import: only verifiers need Parquet here

    b = MerkleBuilder()
    sha = hashlib.sha256
    pf = pq.ParquetFile(path)
    for batch in pf.iter_batches(batch_size=batch_size, columns=["record_id", "text"]):
        ids = _utf8_slices(batch.column(0))
        texts = _utf8_slices(batch.column(1))
        for rid, text in zip(ids, texts, strict=True):
            b.add_leaf_hash(sha(_LEAF + bytes(rid) + b"\x00" + sha(text).digest()).digest())
    return b.root(), b.size
