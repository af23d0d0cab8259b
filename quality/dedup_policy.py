"""Policy section for exact and near-duplicate detection."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator


class DedupPolicy(BaseModel):
    model_config = ConfigDict(extra="forbid")

    enabled: bool = True
    # Shingle size: characters for CJK-dominant text, words for spaced scripts.
    ngram: int = Field(5, ge=1, le=32)
    num_perm: int = Field(128, ge=16, le=1024)
    # LSH banding; when unset, chosen like datasketch's _optimal_param for `lsh_threshold`.
    bands: int | None = Field(None, ge=1)
    rows: int | None = Field(None, ge=1)
    # Verify threshold: a candidate pair is a near duplicate when estimated Jaccard >= threshold.
    # 0.7 as text-dedup, BigCode and Data-Juicer; measured on quality/eval/data/dedup_eval.jsonl:
    # F1 0.994 at 0.7 vs 0.931 at 0.8 (128 permutations: estimates near 0.8 scatter by about 0.035).
    threshold: float = Field(0.7, gt=0.0, le=1.0)
    # Threshold the LSH banding is tuned for; lower than `threshold` so pairs just above the cut-off are
    # still found as candidates (S-curve recall at the tuning point is only ~0.5). None = threshold - 0.15.
    lsh_threshold: float | None = Field(None, gt=0.0, le=1.0)
    seed: int = Field(1, ge=0, lt=2**32)
    # Source ids in priority order: the representative of a cluster comes from the earliest source.
    source_priority: list[str] = Field(default_factory=list)
    # Within one LSH bucket (sorted by rank) each member is compared with the bucket head and at most this
    # many preceding members, so a huge bucket costs O(n * max_bucket_compare), not O(n^2).
    max_bucket_compare: int = Field(32, ge=1, le=10_000)
    # Rounds of min-label propagation for connected components; non-convergence is counted and reported.
    cc_rounds: int = Field(10, ge=1, le=100)

    @model_validator(mode="after")
    def _banding(self) -> DedupPolicy:
        if (self.bands is None) != (self.rows is None):
            raise ValueError("set both bands and rows, or neither")
        if self.bands is not None and self.rows is not None and self.bands * self.rows > self.num_perm:
            raise ValueError("bands * rows must not exceed num_perm")
        return self
