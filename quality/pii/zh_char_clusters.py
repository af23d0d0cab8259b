"""Character clusters for the Chinese person-name CRF, learned from unlabelled text with NumPy only.

Why: the CRF's character features only know characters seen inside labelled names; a name written with a
rare given-name character, or a transliteration (贝克汉姆, 普京) whose characters are seldom labelled, looks
like any other text. Characters that occur in the same left/right neighbourhoods (斯/克/尔/娜, or 伟/军/华)
fall into the same cluster, and the model learns weights per cluster, which carry over to unseen characters
of that cluster. The recipe is the classic distributional one: a character x neighbouring-character count
matrix, positive PMI, a truncated SVD (randomized, seeded), and k-means on the normalised rows.

Deterministic: fixed seeds and sorted vocabularies; the table is built once by the trainer and stored in the
model file, so inference never rebuilds it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import numpy as np

N_CLUSTERS = 128
# Table values beyond the learned clusters: padding before / after the text, and a character never seen
# often enough to be clustered (an unknown character is evidence too: many transliterations use rare ones).
BOS_CLUSTER, EOS_CLUSTER, UNK_CLUSTER = N_CLUSTERS, N_CLUSTERS + 1, N_CLUSTERS + 2


def cooccurrence(texts: Iterable[str], min_count: int = 5, n_context: int = 3000) -> tuple[list[str], np.ndarray]:
    """Vocabulary (characters seen >= min_count times, sorted) and its counts of left and right neighbours
    among the n_context most frequent characters (plus a text edge), as one (V, 2 * (n_context + 1)) matrix."""
    texts = list(texts)
    freq = Counter(c for t in texts for c in t if not c.isspace())
    vocab = sorted(c for c, n in freq.items() if n >= min_count)
    ctx_chars = sorted(freq, key=lambda c: (-freq[c], c))[:n_context]
    row = {c: i for i, c in enumerate(vocab)}
    col = {c: i for i, c in enumerate(ctx_chars)}
    edge, width = n_context, n_context + 1
    pairs: Counter[tuple[int, int]] = Counter()
    for t in texts:
        for i, c in enumerate(t):
            r = row.get(c)
            if r is None:
                continue
            left = col.get(t[i - 1], -1) if i > 0 else edge
            right = col.get(t[i + 1], -1) if i + 1 < len(t) else edge
            if left >= 0:
                pairs[(r, left)] += 1
            if right >= 0:
                pairs[(r, width + right)] += 1
    m = np.zeros((len(vocab), 2 * width), dtype=np.float64)
    if pairs:
        idx = np.array(list(pairs), dtype=np.intp)
        m[idx[:, 0], idx[:, 1]] = np.fromiter(pairs.values(), dtype=np.float64, count=len(pairs))
    return vocab, m


def ppmi(m: np.ndarray) -> np.ndarray:
    """Positive pointwise mutual information with context-distribution smoothing (power 0.75)."""
    total = m.sum()
    rows = m.sum(axis=1, keepdims=True)
    cols = m.sum(axis=0, keepdims=True) ** 0.75
    cols /= cols.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(m * 1.0 / (rows / total) / cols / total)
    pmi[~np.isfinite(pmi)] = 0.0
    return np.maximum(pmi, 0.0)


def embed(m: np.ndarray, dim: int = 64, seed: int = 0) -> np.ndarray:
    """Rows of m projected on its top `dim` singular directions (randomized SVD, 3 power iterations),
    scaled to unit length."""
    rng = np.random.default_rng(seed)
    q = m @ rng.standard_normal((m.shape[1], min(dim + 16, m.shape[1])))
    for _ in range(3):
        q, _ = np.linalg.qr(q)
        q = m @ (m.T @ q)
    q, _ = np.linalg.qr(q)
    u, s, _ = np.linalg.svd(q.T @ m, full_matrices=False)
    x = (q @ u[:, :dim]) * np.sqrt(s[:dim])
    x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
    return x


def kmeans(x: np.ndarray, k: int = N_CLUSTERS, iters: int = 30, seed: int = 0) -> np.ndarray:
    """Cluster index per row (k-means++ start, Lloyd iterations; a cluster left empty keeps its centre)."""
    rng = np.random.default_rng(seed)
    k = min(k, len(x))
    centres = [x[rng.integers(len(x))]]
    d2 = ((x - centres[0]) ** 2).sum(axis=1)
    for _ in range(1, k):
        centres.append(x[rng.choice(len(x), p=d2 / d2.sum())] if d2.sum() > 0 else x[rng.integers(len(x))])
        d2 = np.minimum(d2, ((x - centres[-1]) ** 2).sum(axis=1))
    c = np.array(centres)
    assign = np.zeros(len(x), dtype=np.intp)
    for _ in range(iters):
        assign = np.argmin((x**2).sum(1)[:, None] - 2 * x @ c.T + (c**2).sum(1)[None, :], axis=1)
        for j in range(k):
            members = x[assign == j]
            if len(members):
                c[j] = members.mean(axis=0)
    return assign


def cluster_table(texts: Iterable[str], norm: np.ndarray, k: int = N_CLUSTERS, seed: int = 0) -> np.ndarray:
    """(65536,) uint8 cluster per normalised BMP code (index = the feature function's code, after `norm`
    folding), UNK_CLUSTER where unseen; codes 1 and 2 (text start / end padding) get their own values."""
    folded = ["".join(chr(int(norm[ord(c)])) if ord(c) < 65536 else c for c in t) for t in texts]
    vocab, m = cooccurrence(folded)
    table = np.full(65536, UNK_CLUSTER, dtype=np.uint8)
    if vocab:
        assign = kmeans(embed(ppmi(m), seed=seed), k, seed=seed)
        table[[ord(c) for c in vocab if ord(c) < 65536]] = assign[[i for i, c in enumerate(vocab) if ord(c) < 65536]]
    table[1], table[2] = BOS_CLUSTER, EOS_CLUSTER
    return table
