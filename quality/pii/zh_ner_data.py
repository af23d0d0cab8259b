"""Readers for public Chinese NER corpora, reduced to (sentence, person-name spans).

Why one module: the trainer (quality/pii/train_zh_person.py) and the evaluation (zh_person_eval.py) must read
the corpora the same way; it lives beside the trainer because the trainer ships in the wheel and the eval
does not. Only the person-name label of each corpus matters here: MSRA / People's Daily `PER`,
Weibo NER `PER.NAM` (named mentions; `PER.NOM` such as 妈妈 is not a name), CLUENER2020 `name`, Resume NER
`NAME`. Spans are (start, end) character offsets, end exclusive.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

NameSpans = list[tuple[int, int]]
Sentence = tuple[str, NameSpans]


def _tagged_sentences(path: Path) -> Iterator[list[tuple[str, str]]]:
    """(char, tag) rows separated by blank lines; the char column may carry a segment digit (Weibo)."""
    rows: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split()
            if len(parts) < 2:
                if rows:
                    yield rows
                rows = []
                continue
            rows.append((parts[0][0], parts[-1]))
    if rows:
        yield rows


def _spans_from_tags(tags: list[str], is_name: Callable[[str], bool]) -> NameSpans:
    """BIO / BIOES / BMES tags to spans of the name type; a stray I/M/E starts a new span (lenient)."""
    spans: NameSpans = []
    start = -1
    for i, tag in enumerate(tags + ["O"]):
        prefix, _, label = tag.replace("_", "-", 1).partition("-")  # B-PER and B_PER both occur
        inside = is_name(label) and prefix in ("I", "M", "E")
        if start >= 0 and not inside:
            spans.append((start, i))
            start = -1
        if is_name(label) and prefix in ("B", "S"):
            if start >= 0:
                spans.append((start, i))
            start = i
        elif inside and start < 0:
            start = i
        if is_name(label) and prefix in ("E", "S"):
            spans.append((start, i + 1))
            start = -1
    return spans


def read_tagged(path: Path, name_label: str) -> list[Sentence]:
    """Character-per-line corpora (MSRA, People's Daily, Weibo, Resume) for one name label."""
    out: list[Sentence] = []
    for rows in _tagged_sentences(path):
        text = "".join(c for c, _ in rows)
        out.append((text, _spans_from_tags([t for _, t in rows], lambda lab: lab == name_label)))
    return out


def read_cluener(path: Path) -> list[Sentence]:
    """CLUENER2020 JSON lines: {"text":…, "label": {"name": {"彭小军": [[0, 2]]}, …}} (end inclusive)."""
    out: list[Sentence] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            spans = sorted(
                (s, e + 1) for offsets in row.get("label", {}).get("name", {}).values() for s, e in offsets
            )
            out.append((row["text"], spans))
    return out


def read(path: Path) -> list[Sentence]:
    """By file name: `cluener_*.json`, `weibo_*.conll` (PER.NAM), `resume_*.bmes` (NAME), other `*.bio` (PER)."""
    name = path.name
    if name.startswith("cluener_"):
        return read_cluener(path)
    if name.startswith("weibo_"):
        return read_tagged(path, "PER.NAM")
    if name.startswith("resume_"):
        return read_tagged(path, "NAME")
    if name.endswith(".bio"):
        return read_tagged(path, "PER")
    raise ValueError(f"unknown corpus file name: {name}")
