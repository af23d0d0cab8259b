"""A CRF's emission weights, (buckets, labels), stored as the distinct rows that carry a weight.

Why: the hashed feature tables are sparse (the Chinese model's file holds weights for 60,230 of its 1,048,576
buckets, the English one's for 22,138 of 262,144), and the per-character gather of ~20 rows from a dense 20 MB
table was the largest cost of the PI stage (random reads far beyond the CPU caches). Here a bucket's 2-byte index
(2 MB) names one of the weighted rows (under 2 MB), the rest share one row of zeros: the same floats in a fifth
of the memory, and a gather about as fast (docs/profile.md). Rows are 8 float32 (32 bytes: numpy's `take` copies
them with a fixed-size move).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

ROW_WIDTH = 8  # float32 slots per stored row: the labels, then zeros


@dataclass(frozen=True)
class EmissionTable:
    index: np.ndarray  # (buckets,) row of each bucket in `rows` (0: a bucket with no weight)
    rows: np.ndarray  # (weighted rows + 1, ROW_WIDTH) float32; row 0 all zeros
    labels: int

    @classmethod
    def from_sparse(cls, buckets: int, labels: int, bucket: np.ndarray, label: np.ndarray, weight: np.ndarray) -> EmissionTable:
        """The table whose (bucket[i], label[i]) weight is weight[i] (the last one for a repeated pair, as a dense
        assignment gives), every other weight 0."""
        used, row = np.unique(np.asarray(bucket, dtype=np.intp), return_inverse=True)
        rows = np.zeros((len(used) + 1, ROW_WIDTH), dtype=np.float32)
        rows[row + 1, np.asarray(label, dtype=np.intp)] = weight
        return cls(_index(buckets, used), rows, labels)

    @classmethod
    def from_dense(cls, emission: np.ndarray) -> EmissionTable:
        """The table of a dense (buckets, labels) array; a row is shared only when all its bits are zero (a -0.0
        weight keeps a row of its own, so every sum keeps its bits)."""
        dense = np.ascontiguousarray(emission, dtype=np.float32)
        used = np.flatnonzero(dense.view(np.uint32).any(axis=1))
        rows = np.zeros((len(used) + 1, ROW_WIDTH), dtype=np.float32)
        rows[1:, : dense.shape[1]] = dense[used]
        return cls(_index(len(dense), used), rows, dense.shape[1])

    def dense(self) -> np.ndarray:
        """The (buckets, labels) float32 array (20 MB for the Chinese model: for training and tests, not decoding)."""
        return self.rows[self.index, : self.labels]

    def sums(self, ids: np.ndarray) -> np.ndarray:
        """(units, labels) sums of the rows of (templates, units) bucket ids, added template by template in
        float32 (numpy reduces the outer axis left to right), exactly as from the dense array."""
        got = self.rows.take(self.index.take(ids.ravel()), axis=0)
        return got.reshape(ids.shape[0], ids.shape[1], ROW_WIDTH).sum(axis=0)[:, : self.labels]


def _index(buckets: int, used: np.ndarray) -> np.ndarray:
    """Bucket -> row number (used[i] -> i + 1, others 0) in the narrowest unsigned type that holds them."""
    index = np.zeros(buckets, dtype=np.uint16 if len(used) < (1 << 16) else np.uint32)
    index[used] = np.arange(1, len(used) + 1)
    return index
