"""Bounded reads of a run's tables for the dashboard: masked snippets of kept records and markup residue.

Both read at most a fixed number of rows, and every text goes through a `corpusgov.drill.Masker` first.
"""

from __future__ import annotations

import re
from typing import Any

from corpusgov.drill import lookup_rows, snippet, table_parts

SAMPLES = 5
MAX_MARKUP_ROWS = 200_000  # bound on kept rows scanned for markup residue
MARKUP_RE = r"(?i)<\s*/?\s*(script|iframe|object|embed|style|svg|img|a|b|i|div|span|p|br|form|input)\b[^>]*>"


def kept_snippets(out_dir: str, record_ids: set[str], mask: Any) -> dict[str, str]:
    """Masked snippets for kept records, read from the kept corpus only (one file and batch at a time)."""
    rows = lookup_rows(out_dir, "corpus", record_ids, ["text", "lang"])
    return {r: snippet(mask(row["text"], row.get("lang"))) for r, row in rows.items()}


def markup_residue(out_dir: str, mask: Any, n: int = SAMPLES,
                   max_rows: int = MAX_MARKUP_ROWS) -> tuple[list[dict[str, Any]], int]:
    """Kept records whose text still contains HTML/script markup (first `n`, at most `max_rows` scanned)."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    found: list[dict[str, Any]] = []
    scanned = 0
    rx = re.compile(MARKUP_RE)
    for path in table_parts(out_dir, "corpus"):
        pf = pq.ParquetFile(path)
        for batch in pf.iter_batches(batch_size=8192, columns=["record_id", "source_id", "text"]):
            take = min(batch.num_rows, max_rows - scanned)
            batch = batch.slice(0, take)
            scanned += take
            hit = pc.match_substring_regex(batch.column("text"), MARKUP_RE[4:], ignore_case=True)
            for i in pc.indices_nonzero(hit).to_pylist():
                text = mask(batch.column("text")[i].as_py())
                mt = rx.search(text)
                found.append({"record_id": batch.column("record_id")[i].as_py(),
                              "source_id": batch.column("source_id")[i].as_py(),
                              "tag": mt.group(1).lower() if mt else "?",
                              "snippet": snippet(text, mt.start() if mt else 0)})
                if len(found) >= n:
                    return found, scanned
            if scanned >= max_rows:
                return found, scanned
    return found, scanned
