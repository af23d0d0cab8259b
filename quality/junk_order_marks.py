"""Misordered text by where case, sentence ends and punctuation fall: capitalised function words inside an English
sentence, sentences that start in lower case, Chinese punctuation beside punctuation it never follows.

Why (issue 13, junk round 17, tuned on ``junk_order``): words swapped in pairs or shuffled keep every word real, so
word, character and n-gram statistics pass them, but the case, the full stop and the punctuation stay with the word
they were written beside, or move as tokens of their own. A sentence-initial "The" / "It" / "When" lands after a
lower-case word in mid-sentence ("to go to The elsewhere", "a When gets"), a word that ended a sentence ("away.") is
now followed by one that did not start one ("away. far It is"), and a Chinese comma lands after a full stop or inside
an empty quotation ("。，", "“：", "，，", "“”"). Writers do none of these: in running English a closed-class word is
capitalised only where a sentence, a line, a title or a quotation starts, a sentence starts with a capital unless the
writer never capitalises at all, and Chinese writes one mark between two clauses, and an opening quotation mark or
bracket before words. Pure functions over the first ``MAX_CHARS`` characters (thresholds and sources:
``quality/default_quality_rules.yaml``, docs/quality-rules.md, "Case, sentence ends and marks out of order"):

- ``case_order_breaks_en``: breaks per word, from ``MIN_BREAKS`` breaks and ``MIN_WORDS`` words, 0 otherwise. A break
  is (a) a capitalised closed-class word (``CLOSED``, Title case only: SQL's FROM / AS and the single letter "A" of
  "point A" are names) between two plain lower-case words, or (b) a plain lower-case word, followed by another, after a
  word that ends a sentence (not an abbreviation, an initial, an ellipsis or a number). Both are read within a line:
  verse, headings and option lists start their lines with capitals; titles capitalise the word before too; (a) at the
  same place of two lines is a table's description column ("banner string no The server banner"). (b) is not
  counted for a text that neither starts with a capital nor capitalises any sentence start (telegraphic notes, chat,
  changelogs write that way).
- ``zh_mark_misorder``: Chinese marks next to a mark they never follow, and particles where a clause starts, per
  clause or sentence mark (，、；：。！？), from ``MIN_MARK_BREAKS`` of them and ``MIN_MARKS`` marks, 0 otherwise: an
  opening quotation mark or bracket before a clause or sentence mark ("“：", "《、"), a clause mark before another
  mark or a closing bracket ("，，", "，。", "、》"), a sentence end before a clause mark ("。，"), an empty quotation
  or title ("“”", "《》"); and a particle that follows what it marks (``PARTICLES``: 的了们着吗呢吧么) right after a
  mark, not opening a word of jieba's dictionary (了解, 的确, 着急 start clauses): "，了创造", "。的好". A comma before a
  closing quotation mark ("…，”他说") is how novels write dialogue and is not counted; a sentence end before one
  ("。”") is standard; classical Chinese has few of these particles and verse none at a clause start (a name like
  的卢 is one break, under the minimum). Word order kept around the marks (clauses permuted, words shuffled within a clause) shows
  nothing here.
"""

from __future__ import annotations

import re
from collections import Counter

MAX_CHARS = 3000
MIN_WORDS = 20
MIN_BREAKS = 2
MIN_MARKS = 5
MIN_MARK_BREAKS = 2  # one is a typo or an extraction seam (seen once in classical, technical and review text)
# Closed-class English words that open sentences; Title case of one inside a sentence is a moved sentence start.
CLOSED = frozenset("the an it we they he she this that there but and if when in on of to for with as at by from or so "
                   "then these those its our their his her my your you".split())
# Words a full stop follows without ending the sentence.
ABBREVIATIONS = frozenset("mr mrs ms dr st jr sr vs etc eg ie cf no fig approx al inc ltd co pp vol ed eds ch sec".split())
_PLAIN = re.compile(r"[a-z]+(?:'[a-z]+)?[,;]?")  # a lower-case word as running text writes it
_BARE = re.compile(r"[a-z]+(?:'[a-z]+)?")  # one that ends in no mark
_ENDS = (".", "!", "?")


def _ends_sentence(tok: str) -> bool:
    """A word with a sentence end after it: not an ellipsis, an abbreviation, an initial or a number."""
    if not tok.endswith(_ENDS) or tok.endswith(".."):
        return False
    core = tok.rstrip(".!?").strip("\"'()[]").replace(".", "").lower()
    return len(core) > 1 and core.isalpha() and core not in ABBREVIATIONS


# Cheap supersets of the two breaks (a sentence end before a lower-case letter; a lower-case letter, white space, a Title-case
# closed-class word and a lower-case word): text with fewer than MIN_BREAKS of them together skips the scan.
_LOWER_AFTER_END = re.compile(r"[.!?]\s+(?=[a-z])")
_TITLE_CLOSED = re.compile(r"[a-z]\s+(?=(?:" + "|".join(sorted(w.title() for w in CLOSED)) + r")\s+[a-z])")


def case_order_breaks_en(text: str) -> float:
    """Breaks per word (see the module docstring), 0.0 below ``MIN_BREAKS`` breaks or ``MIN_WORDS`` words."""
    head = text[:MAX_CHARS]
    if len(_LOWER_AFTER_END.findall(head)) + len(_TITLE_CLOSED.findall(head)) < MIN_BREAKS:
        return 0.0
    words = 0
    caps: Counter[int] = Counter()  # capitalised closed-class words inside a sentence, by their place in the line
    lower: list[int] = []  # places of lower-case sentence starts (counted as breaks unless the writer starts that way)
    upper = 0  # capitalised sentence starts
    for line in re.split(r"[\n\t]", head):  # columns set by tabs read apart like lines
        toks = line.split()
        words += len(toks)
        for i in range(1, len(toks)):
            prev, tok = toks[i - 1], toks[i]
            goes_on = i + 1 < len(toks) and _PLAIN.fullmatch(toks[i + 1]) is not None
            if _ends_sentence(prev):
                if tok[:1].isupper():
                    upper += 1
                elif _PLAIN.fullmatch(tok) and (goes_on or i + 1 == len(toks)):
                    lower.append(i)
            elif (goes_on and _BARE.fullmatch(prev) and tok[:1].isupper() and tok[1:].islower()
                  and tok.lower() in CLOSED):
                caps[i] += 1
    starts_upper = text.lstrip()[:1].isupper()
    # two lines with one at the same place are a table's column ("banner string no The server banner")
    breaks = sum(1 for n in caps.values() if n == 1) + (len(lower) if upper or starts_upper else 0)
    if words < MIN_WORDS or breaks < MIN_BREAKS:
        return 0.0
    return breaks / words


def _in_word_pairs() -> dict[str, float]:
    """Character pairs inside a word of jieba's dictionary (``naturalness``' table, loaded once)."""
    from corpusgov.quality.naturalness import jieba_tables

    return jieba_tables()[1]


_ZH_MARK_BREAK = re.compile("[“‘《（「『][，、；：。！？]|[，、；][》）」』]|[，、；][，、；：。！？]|[。！？][，、；：]|“”|《》|‘’")
_ZH_MARKS = re.compile("[，、；：。！？]")
PARTICLES = "的了们着吗呢吧么"  # they follow the word they mark, so no clause starts with one standing alone
_PARTICLE_START = re.compile(f"(?<=[，、；：。！？])[{PARTICLES}].")


def zh_mark_misorder(text: str) -> float:
    """Marks beside a mark they never follow and particles starting a clause, per clause or sentence mark (see the module docstring), 0.0 below
    ``MIN_MARK_BREAKS`` of them or ``MIN_MARKS`` marks."""
    head = text[:MAX_CHARS]
    breaks = len(_ZH_MARK_BREAK.findall(head))
    starts = _PARTICLE_START.findall(head)
    if starts:
        in_word = _in_word_pairs()
        breaks += sum(1 for pair in starts if pair not in in_word)
    if breaks < MIN_MARK_BREAKS:
        return 0.0
    marks = len(_ZH_MARKS.findall(head))
    return breaks / marks if marks >= MIN_MARKS else 0.0
