"""Merkle tree: RFC 6962 vectors, a naive reference implementation, and proofs for every index."""

from __future__ import annotations

import hashlib
import random

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from corpusgov.lineage.merkle import (
    EMPTY_ROOT,
    MerkleBuilder,
    corpus_root,
    inclusion_proof,
    merkle_root,
    record_leaf,
    shard_root_from_parquet,
    verify_inclusion,
)

# Test vectors of the Certificate Transparency reference implementation (RFC 6962 MTH of the first n leaves).
CT_LEAVES = [
    b"",
    b"\x00",
    b"\x10",
    b"\x20\x21",
    b"\x30\x31",
    b"\x40\x41\x42\x43",
    bytes(range(0x50, 0x58)),
    bytes(range(0x60, 0x70)),
]
CT_ROOTS = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]


def _h(b: bytes) -> bytes:
    return hashlib.sha256(b).digest()


def naive_mth(leaves: list[bytes]) -> bytes:
    """RFC 6962 §2.1 written literally, recursively."""
    n = len(leaves)
    if n == 0:
        return _h(b"")
    if n == 1:
        return _h(b"\x00" + leaves[0])
    k = 1
    while k * 2 < n:
        k *= 2
    return _h(b"\x01" + naive_mth(leaves[:k]) + naive_mth(leaves[k:]))


def naive_path(m: int, leaves: list[bytes]) -> list[bytes]:
    """RFC 6962 §2.1.1 PATH(m, D[n]) written literally."""
    n = len(leaves)
    if n == 1:
        return []
    k = 1
    while k * 2 < n:
        k *= 2
    if m < k:
        return naive_path(m, leaves[:k]) + [naive_mth(leaves[k:])]
    return naive_path(m - k, leaves[k:]) + [naive_mth(leaves[:k])]


def _leaves(n: int, seed: int = 7) -> list[bytes]:
    rng = random.Random(seed)
    return [rng.randbytes(rng.randrange(0, 40)) for _ in range(n)]


def test_empty_tree_root_is_sha256_of_empty_string():
    assert EMPTY_ROOT == hashlib.sha256(b"").hexdigest()
    assert MerkleBuilder().root() == EMPTY_ROOT
    assert merkle_root([]) == EMPTY_ROOT


def test_certificate_transparency_vectors():
    for n, want in enumerate(CT_ROOTS, start=1):
        assert merkle_root(CT_LEAVES[:n]) == want
        assert naive_mth(CT_LEAVES[:n]).hex() == want


def test_streaming_builder_matches_naive_at_every_size():
    leaves = _leaves(70)
    b = MerkleBuilder()
    for i, leaf in enumerate(leaves, start=1):
        b.add(leaf)
        assert b.size == i
        assert b.root() == naive_mth(leaves[:i]).hex()


def test_builder_state_is_logarithmic():
    b = MerkleBuilder()
    for i in range(1, 5000):
        b.add(i.to_bytes(4, "big"))
        assert len(b._stack) == bin(i).count("1")  # one complete subtree per set bit of the size


@pytest.mark.parametrize("size", range(1, 34))
def test_inclusion_proofs_for_every_index(size):
    leaves = _leaves(size, seed=size)
    root = merkle_root(leaves)
    for index in range(size):
        proof = inclusion_proof(iter(leaves), index)
        assert proof == [p.hex() for p in naive_path(index, leaves)]
        assert verify_inclusion(leaves[index], index, size, proof, root)
        # Wrong leaf, wrong index, wrong size and a flipped proof byte must all fail.
        assert not verify_inclusion(leaves[index] + b"x", index, size, proof, root)
        if size > 1:
            assert not verify_inclusion(leaves[index], (index + 1) % size, size, proof, root)
            flipped = list(proof)
            flipped[0] = ("0" if flipped[0][0] != "0" else "1") + flipped[0][1:]
            assert not verify_inclusion(leaves[index], index, size, flipped, root)
        assert not verify_inclusion(leaves[index], index, index, proof, root)  # index must be < size


def test_inclusion_rejects_out_of_range_and_garbage():
    leaves = _leaves(5)
    root = merkle_root(leaves)
    with pytest.raises(IndexError):
        inclusion_proof(leaves, 5)
    assert not verify_inclusion(leaves[0], 5, 5, [], root)
    assert not verify_inclusion(leaves[0], 0, 0, [], root)
    assert not verify_inclusion(leaves[0], 0, 5, ["zz"], root)


def test_record_leaf_layout():
    leaf = record_leaf("ab" * 16, "你好")
    assert leaf == ("ab" * 16).encode() + b"\x00" + hashlib.sha256("你好".encode()).digest()
    assert record_leaf("a", "x") != record_leaf("a", "y")


def test_corpus_root_over_shard_roots_and_two_level_proof():
    shards = [_leaves(n, seed=n) for n in (3, 8, 1)]
    roots = [merkle_root(s) for s in shards]
    root = corpus_root(roots)
    assert root == naive_mth([bytes.fromhex(r) for r in roots]).hex()
    # Record 2 of shard 1: prove it in its shard, then prove the shard root in the corpus.
    p1 = inclusion_proof(shards[1], 2)
    assert verify_inclusion(shards[1][2], 2, 8, p1, roots[1])
    p2 = inclusion_proof([bytes.fromhex(r) for r in roots], 1)
    assert verify_inclusion(bytes.fromhex(roots[1]), 1, 3, p2, root)
    assert corpus_root([]) == EMPTY_ROOT


def test_shard_root_from_parquet_and_one_flipped_byte(tmp_path):
    ids = [f"{i:032x}" for i in range(50)]
    texts = [f"record {i} 文本" for i in range(50)]
    path = tmp_path / "part-00000-of-00001.parquet"
    pq.write_table(pa.table({"record_id": ids, "text": texts}), path, row_group_size=16)
    want = merkle_root(record_leaf(r, t) for r, t in zip(ids, texts, strict=True))
    assert shard_root_from_parquet(str(path), batch_size=7) == (want, 50)
    texts[17] = texts[17].replace("文", "文 ")
    pq.write_table(pa.table({"record_id": ids, "text": texts}), path)
    changed, _ = shard_root_from_parquet(str(path))
    assert changed != want
    assert corpus_root([changed]) != corpus_root([want])
