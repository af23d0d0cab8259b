"""Readers for public English NER corpora, reduced to (text, person-name spans), and the public name lists.

Why one module: the trainer (train_en_person.py) and the evaluation (quality/eval/en_person_eval.py) must read
the corpora the same way. CoNLL files (WNUT17 `person`, Broad Twitter Corpus `PER`) are token-per-line; their
text is the tokens joined by single spaces. GUM's .conllu files carry entity brackets (`Entity=(3-person-…`)
and `SpaceAfter=No`, so their text is the sentence as written; a GUM name is a run of proper-noun tokens
whose innermost entity is a person (so `Apple` in "the CEO of Apple" is not, and neither is "the president"),
minus leading titles (Mr., Dr., President). Twitter @handles, which BTC labels as persons, are not names here
(they are not what a reader calls a person's name, and no PERSON recognizer reports them). Spans are
(start, end) character offsets, end exclusive.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

NameSpans = list[tuple[int, int]]
Sentence = tuple[str, NameSpans]

TITLES = frozenset(
    "mr mr. mrs mrs. ms ms. dr dr. prof prof. sir dame lord lady president senator judge justice king queen "
    "prince princess pope saint st st. gen. general captain capt. rev. reverend governor gov. mayor chief ambassador "
    "minister secretary chairman chancellor commissioner professor doctor coach officer sergeant lieutenant".split()
)


def _rows(path: Path) -> Iterator[list[tuple[str, str]]]:
    rows: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2 or not parts[0].strip():
                if rows:
                    yield rows
                rows = []
                continue
            rows.append((parts[0].strip(), parts[-1].strip()))
    if rows:
        yield rows


def read_conll(path: Path) -> list[Sentence]:
    """Token<TAB>BIO-tag files; person tags are `person` (WNUT17) or `PER` (BTC)."""
    out: list[Sentence] = []
    for rows in _rows(path):
        text_parts: list[str] = []
        spans: NameSpans = []
        pos = 0
        start = end = -1
        for tok, tag in rows:
            prefix, _, label = tag.partition("-")
            handle = tok.startswith(("@", "#")) or (text_parts and text_parts[-1] in ("@", "#"))
            is_per = label in ("person", "PER") and not handle
            if start >= 0 and not (is_per and prefix == "I"):
                spans.append((start, end))
                start = -1
            if is_per and start < 0 and tok.lower() in TITLES:
                is_per = False  # Colonel Rajesh Kalia -> Rajesh Kalia: titles are not part of a name here
            if is_per and (prefix == "B" or start < 0):
                start = pos
            if is_per:
                end = pos + len(tok)
            text_parts.append(tok)
            pos += len(tok) + 1
        if start >= 0:
            spans.append((start, end))
        out.append((" ".join(text_parts), spans))
    return out


_OPEN = re.compile(r"\((\d+)-([a-z]+)")
_CLOSE = re.compile(r"(\d+)\)")


def read_gum(path: Path) -> list[Sentence]:
    """One GUM .conllu file: sentences as written, named-person spans (see the module docstring)."""
    out: list[Sentence] = []
    stack: list[tuple[str, str]] = []  # open entities (id, type), innermost last; they may span sentences
    toks: list[tuple[str, bool, str | None]] = []  # (form, space after, person entity id if a name token)
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line:
                if toks:
                    out.append(_gum_sentence(toks))
                toks = []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 10 or not cols[0].isdigit():
                continue
            misc = cols[9]
            ent = next((m[7:] for m in misc.split("|") if m.startswith("Entity=")), "")
            for eid, etype in _OPEN.findall(ent):
                stack.append((eid, etype))
            inner = stack[-1] if stack else None
            name_tok = (
                inner is not None and inner[1] == "person" and cols[4] == "NNP" and cols[1].lower() not in TITLES
            )
            toks.append((cols[1], "SpaceAfter=No" not in misc, inner[0] if name_tok and inner else None))
            # closings: "(5-person-…-sgl)" opens and closes on one token; "5)" closes an earlier one
            closing = _CLOSE.findall(re.sub(r"\(\d+-[^()]*", "", ent))
            closing += [eid for eid, _ in _OPEN.findall(ent) if re.search(r"\(" + eid + r"-[^()]*\)", ent)]
            for eid in closing:
                for k in range(len(stack) - 1, -1, -1):
                    if stack[k][0] == eid:
                        del stack[k]
                        break
    if toks:
        out.append(_gum_sentence(toks))
    return out


def _gum_sentence(toks: list[tuple[str, bool, str | None]]) -> Sentence:
    parts: list[str] = []
    spans: NameSpans = []
    pos = 0
    prev: str | None = None
    for form, space, eid in toks:
        if eid is None and form == "-" and prev is not None and not space and parts and not parts[-1].endswith(" "):
            continue_name = prev  # Bailey-Ross: a hyphen inside one name keeps the name going
            parts.append(form)
            pos += 1
            prev = continue_name
            continue
        if eid is not None and eid == prev and spans:
            spans[-1] = (spans[-1][0], pos + len(form))
        elif eid is not None:
            spans.append((pos, pos + len(form)))
        prev = eid if eid is not None else None
        parts.append(form + (" " if space else ""))
        pos += len(form) + (1 if space else 0)
    return "".join(parts).rstrip(" "), spans


def read(path: Path) -> list[Sentence]:
    return read_gum(path) if path.suffix == ".conllu" else read_conll(path)


def first_names(path: Path) -> dict[str, int]:
    """SSA baby names (name,sex,max yearly count,year): lower-cased name -> its largest yearly count."""
    out: dict[str, int] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.strip().split(",")
            if len(parts) >= 3 and parts[2].isdigit():
                key = parts[0].lower()
                out[key] = max(out.get(key, 0), int(parts[2]))
    return out


def surnames(path: Path) -> dict[str, int]:
    """US Census 2010 surnames (last_name,count): lower-cased surname -> count."""
    out: dict[str, int] = {}
    with path.open(encoding="utf-8") as fh:
        next(fh, None)
        for line in fh:
            name, _, count = line.strip().rpartition(",")
            if name and count.isdigit():
                out[name.lower()] = int(count)
    return out
