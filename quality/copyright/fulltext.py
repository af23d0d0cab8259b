"""Full licence texts recognised by similarity to the SPDX License List (a pasted Zlib or BSL-1.0 body names
no licence, so the name rules cannot see it).

Each SPDX licence text is reduced at build time (:mod:`quality.copyright.build_licence_index`) to a sample
of its word-5-gram hashes (the ``k`` smallest, ``k = max(48, n/12)``), shipped as
``data/licence_index.json``. A document's 5-grams are looked up in the inverted index and a licence is
reported where at least :data:`MIN_CONTAINMENT` of its sample occurs in one stretch of the document:
containment, not Jaccard, so a licence inside a longer page counts. Of overlapping candidates the one
most similar to the stretch it spans wins (X11 contains the MIT text; BSD-3-Clause contains BSD-2-Clause).

Normalisation: ASCII case, words only (punctuation, markup, bullets and Debian's `` .`` lines vanish),
British spellings mapped to SPDX's (licence -> license), copyright lines blanked (holders vary by copy).
The scanner calls this only for documents holding a licence-ish trigger word, so ordinary text pays nothing.
"""

from __future__ import annotations

import json
import re
import string
import zlib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

from corpusgov.quality.copyright.licences import licence_terms

NGRAM = 5
MIN_CONTAINMENT = 0.5  # share of a licence's sample that must occur in the document (tuned on the dev split)
MIN_HITS = 12  # and at least this many sampled 5-grams, so a short quote never counts
# Near-identical variants (Pixar vs Apache-2.0, MPL-2.0-no-copyleft-exception vs MPL-2.0) differ in a few
# words; a licence the policy table knows (kind != unknown) wins such near ties.
_KNOWN_BONUS = 0.03
_ALT_MARGIN = 0.1  # candidates this close to the best are offered as alternatives
INDEX_PATH = Path(__file__).parent / "data" / "licence_index.json"

# Prefilter for the scanner: nearly every SPDX text has one of these (checked by the index builder).
TRIGGERS: tuple[str, ...] = (
    "warrant",
    "licen",
    "liabil",
    "permission",
    "lizenz",
    "public domain",
    "dedicat",
    "许可",
    "許可",
    "授权",
)

_WORD = re.compile(r"[A-Za-z0-9]+|[\u3400-\u4dbf\u4e00-\u9fff]")
_COPYRIGHT_LINE = re.compile(
    r"(?im)^[^\S\n]*(?:copyright\s*(?:\(c\)|©|&copy;|\d{4}|\[yyyy\]|<year>|by\b|:)|\(c\)\s*\d|©)[^\n]*"
)
_EQUIV = {
    "licence": "license",
    "licences": "licenses",
    "licenced": "licensed",
    "acknowledgement": "acknowledgment",
    "authorisation": "authorization",
    "authorised": "authorized",
    "organisation": "organization",
    "favour": "favor",
    "offence": "offense",
    "fulfil": "fulfill",
    "judgement": "judgment",
    "programme": "program",
    "whilst": "while",
    "sublicence": "sublicense",
    "merchantibility": "merchantability",
    "analyse": "analyze",
    "labour": "labor",
    "centre": "center",
    "catalogue": "catalog",
    "wilful": "willful",
    "wilfull": "willful",
    "https": "http",
}


# ASCII letters only: words are ASCII runs or single Han characters, so this lowers them as str.lower would, and keeps
# every offset (str.lower can lengthen other characters, e.g. İ).
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def _blank_copyright_lines(text: str) -> str:
    return _COPYRIGHT_LINE.sub(lambda m: " " * len(m.group(0)), text)


def _tokens(blanked: str) -> list[str]:
    """Normalised words of a blanked text (one regex pass in C; offsets are found later, only for a match)."""
    return [_EQUIV.get(w, w) for w in _WORD.findall(blanked.translate(_ASCII_LOWER))]


def words(text: str) -> tuple[list[str], list[int], list[int]]:
    """Normalised words of ``text`` with their character start and end offsets (copyright lines skipped)."""
    blanked = _blank_copyright_lines(text)
    spans = [m.span() for m in _WORD.finditer(blanked)]
    return _tokens(blanked), [a for a, _ in spans], [b for _, b in spans]


def shingle_hashes(toks: list[str]) -> list[int]:
    """CRC-32 of each word 5-gram, in order (stable across runs and platforms, unlike ``hash``): the words joined once,
    each 5-gram's bytes a slice of that (the same bytes as joining the five words, without a join per position)."""
    if len(toks) < NGRAM:
        return []
    encoded = [t.encode("utf-8") for t in toks]
    data = memoryview(b" ".join(encoded))
    # word i starts at offs[i] + i (the bytes of the words before it, one space after each)
    offs = list(accumulate(map(len, encoded), initial=0))
    crc32 = zlib.crc32
    return [crc32(data[offs[i] + i : offs[i + NGRAM] + i + NGRAM - 1]) for i in range(len(toks) - NGRAM + 1)]


def sample_size(n: int) -> int:
    """How many of a licence's ``n`` distinct 5-gram hashes the index keeps."""
    return min(n, max(48, n // 12))


@dataclass(frozen=True, slots=True)
class LicenceMatch:
    """A licence text found in a document: SPDX id, character span, containment of its sample."""

    spdx: str
    start: int
    end: int
    containment: float
    # Close variants on the same stretch (with their same-text aliases): a licence name in the text can
    # pick one of them (CC-BY-2.0 and CC-BY-NC-2.0 differ in a clause; the title says which).
    alternatives: tuple[str, ...] = ()


class _Index:
    def __init__(self, data: dict) -> None:
        self.ids: list[str] = [e[0] for e in data["licences"]]
        self.aliases: dict[str, list[str]] = data.get("aliases", {})
        self.id_set = frozenset(self.ids)
        self.total: list[int] = [e[1] for e in data["licences"]]
        self.k: list[int] = [len(e[2]) for e in data["licences"]]
        self.known: list[bool] = [_known(e[0]) for e in data["licences"]]
        self.postings: dict[int, list[int]] = {}
        for li, e in enumerate(data["licences"]):
            for h in e[2]:
                self.postings.setdefault(h, []).append(li)


def _known(spdx: str) -> bool:
    terms = licence_terms(spdx)
    return terms is not None and terms.kind != "unknown"


@lru_cache(maxsize=1)
def _index() -> _Index:
    with INDEX_PATH.open(encoding="utf-8") as f:
        return _Index(json.load(f))


def match_licences(text: str) -> list[LicenceMatch]:
    """Licence texts in ``text``, in document order (non-overlapping)."""
    blanked = _blank_copyright_lines(text)
    toks = _tokens(blanked)
    if len(toks) < NGRAM + MIN_HITS:
        return []
    idx = _index()
    hashes = shingle_hashes(toks)
    # Positions of sampled 5-grams, per licence (a hash counted once per stretch below).
    hits: dict[int, list[tuple[int, int]]] = {}
    counts: Counter[int] = Counter()
    postings = idx.postings
    for pos, h in enumerate(hashes):
        lis = postings.get(h)
        if lis:
            for li in lis:
                hits.setdefault(li, []).append((pos, h))
            counts.update(lis)
    # (similarity, containment, start_pos, end_pos, licence); similarity = Jaccard estimate between the
    # licence and the stretch of the document it spans, so a longer variant that merely contains the
    # text (X11 around MIT) loses to the exact licence, and a shorter subset (BSD-2 in BSD-3) too.
    cands: list[tuple[float, float, int, int, int]] = []
    for li, c in counts.items():
        if c < MIN_HITS or c < MIN_CONTAINMENT * idx.k[li]:
            continue
        for lo, hi, distinct in _stretches(hits[li], idx.total[li]):
            cont = distinct / idx.k[li]
            if distinct >= MIN_HITS and cont >= MIN_CONTAINMENT:
                matched = cont * idx.total[li]
                sim = matched / (idx.total[li] + (hi - lo + 1) - matched)
                if idx.known[li]:
                    sim += _KNOWN_BONUS
                cands.append((sim, cont, lo, hi, li))
    ranked = sorted(cands, key=lambda c: (-c[0], -c[1], idx.ids[c[4]]))
    chosen: list[tuple[float, float, int, int, int]] = []
    for cand in ranked:
        if not any(cand[2] <= ch[3] and ch[2] <= cand[3] for ch in chosen):
            chosen.append(cand)
    if not chosen:
        return []
    spans = [m.span() for m in _WORD.finditer(blanked)]
    starts = [a for a, _ in spans]
    ends = [b for _, b in spans]
    out = []
    for sim, cont, lo, hi, li in chosen:
        alts = [idx.ids[li], *idx.aliases.get(idx.ids[li], [])]
        for osim, _oc, olo, ohi, oli in ranked:
            if oli != li and osim >= sim - _ALT_MARGIN and olo <= hi and lo <= ohi:
                alts += [idx.ids[oli], *idx.aliases.get(idx.ids[oli], [])]
        end = ends[min(hi + NGRAM - 1, len(ends) - 1)]
        spdx = _cc_elements(idx.ids[li], text[max(0, starts[lo] - 1000) : end], idx.id_set)
        out.append(LicenceMatch(spdx, starts[lo], end, round(min(cont, 1.0), 3), tuple(alts)))
    return sorted(out, key=lambda m: m.start)


_CC_ID = re.compile(r"CC-BY(?:-NC)?(?:-ND|-SA)?-(?P<ver>\d\.\d)(?P<port>-[A-Z]{2,3})?$")
_NC = re.compile(r"(?i)non-?commercial")
_ND = re.compile(r"(?i)no-?\s?deriv")
_SA = re.compile(r"(?i)share-?\s?alike")


def _cc_elements(spdx: str, span: str, known: frozenset[str]) -> str:
    """Creative Commons legal codes differ by a clause; the licence elements the text names decide."""
    m = _CC_ID.match(spdx)
    if not m:
        return spdx
    nc, nd, sa = bool(_NC.search(span)), bool(_ND.search(span)), bool(_SA.search(span))
    el = "-NC" * nc + ("-ND" if nd else "-SA" if sa else "")
    want = f"CC-BY{el}-{m.group('ver')}{m.group('port') or ''}"
    return want if want in known else spdx


def _stretches(hits: list[tuple[int, int]], total: int) -> list[tuple[int, int, int]]:
    """Split a licence's hit positions where they are further apart than a licence length (two copies)."""
    gap = max(200, total)
    out: list[tuple[int, int, int]] = []
    lo = prev = hits[0][0]
    seen: set[int] = set()
    for pos, h in hits:
        if pos - prev > gap:
            out.append((lo, prev, len(seen)))
            lo, seen = pos, set()
        seen.add(h)
        prev = pos
    out.append((lo, prev, len(seen)))
    return out
