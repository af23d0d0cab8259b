"""The issue-13/15 scans of round 8 return exactly what the patterns they replaced returned.

- ``signals._symbol_count`` == ``len(_SYMBOL_RE.findall(text))`` (substring counts);
- ``signals._DIGIT_TOKEN_RE`` (led by the digit) finds what the lookbehind-led pattern found;
- ``junk_noise_forms._LOWER_UPPER`` (led by the capital) counts what ``[a-z][A-Z]`` counted;
- ``junk_noise._tokens`` (white-space-led, possessive pattern) == the lookbehind-led ``_TOKEN.findall`` of the prefix;
- ``signals._IN_ORDER`` gives the signals in ``SIGNAL_NAMES`` order;
- ``junk_fragments._en_open_counted`` counts its sentences without a match object per stop (the old count below);
- ``naturalness.latin_logp`` and ``word_pair_pmi`` look memoised words up before building a set of the missing ones:
  the same values from a cold, a warm and a just-cleared cache.

Texts: random strings over the characters each pattern reads (seeded), hand-picked edge cases, the shared real-text
dev set when present.
"""

from __future__ import annotations

import random
import re

from corpusgov.quality import junk_fragments, junk_noise, junk_noise_forms, naturalness
from corpusgov.quality import signals as sig
from corpusgov.quality.eval import real_text_eval as rte
from corpusgov.quality.naturalness import PREFIX_CHARS
from corpusgov.quality.signal_names import SIGNAL_NAMES

# The patterns as they were before round 8 (the reference the new scans must equal).
_OLD_DIGIT_TOKEN = re.compile(f"(?<![^\\W_{sig._UNSPACED_CLASS}])\\d+(?![^\\W_{sig._UNSPACED_CLASS}])")
_OLD_LOWER_UPPER = re.compile(r"[a-z][A-Z]")


def _dev_texts() -> list[str]:
    return [r["text"] for r in rte.load_dev()] if rte.dev_path().is_file() else []


def _random(alphabet: str, n: int, seed: int, longest: int = 40) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, longest))) for _ in range(n)]


def test_symbol_count_equals_findall() -> None:
    texts = _random("#.…a \n", 20_000, 1) + ["", ".", "..", "...", "....", "......", "#...#", "…...…", ". . ."]
    texts += _dev_texts()
    for text in texts:
        assert sig._symbol_count(text) == len(sig._SYMBOL_RE.findall(text)), repr(text)


def test_digit_tokens_equal_the_lookbehind_pattern() -> None:
    texts = _random("0123０１a_中ぁ \n.-é", 20_000, 2) + ["", "1", "a1", "1a", "_1", "1_", "中1", "1中", "12 34", "x12y",
                                                       "１２", "a１２", "中１２文"]
    texts += [t.lower() for t in _dev_texts()]
    hit = 0
    for text in texts:
        got = sig._DIGIT_TOKEN_RE.findall(text)
        assert got == _OLD_DIGIT_TOKEN.findall(text), repr(text)
        hit += bool(got)
    assert hit > 1000  # the strings do hold digit tokens


def test_lower_upper_count_equals_the_pair_pattern() -> None:
    texts = _random("aAbBzZ \n1é", 20_000, 3) + ["", "a", "aB", "aBc", "aBC", "aBcD", "ABc", "a\nB", "éB"]
    texts += _dev_texts()
    for text in texts:
        head = text[:PREFIX_CHARS]
        assert len(junk_noise_forms._LOWER_UPPER.findall(head)) == len(_OLD_LOWER_UPPER.findall(head)), repr(text)


def test_noise_tokens_equal_the_lookbehind_pattern() -> None:
    alphabet = "ab09Z_ \t\n\u3000\x85.,;:!?()[]{}<>\"'“‘«»”’*-/="
    texts = _random(alphabet, 30_000, 4) + ["", "ab", " ab", "ab ", "(ab)", "((ab)).", "ab..", "ab.)", "ab).\"", "a",
                                            "\"ab,\" cd", "Ab", "ab1 2c", "x" * 3000, "ab " * 1000]
    texts += _dev_texts()
    hit = 0
    for text in texts:
        got = junk_noise._tokens(text)
        assert got == junk_noise._TOKEN.findall(text[:PREFIX_CHARS]), repr(text)
        hit += bool(got)
    assert hit > 1000


def test_signals_in_name_order() -> None:
    out = {name: float(i) for i, name in enumerate(reversed(SIGNAL_NAMES))}
    assert list(sig._IN_ORDER(out)) == [out[name] for name in SIGNAL_NAMES]
    assert list(sig.compute_signals("A short text. Another sentence here.", "en")) == list(SIGNAL_NAMES)


def _old_en_open_counted(head: str) -> float:
    """``_en_open_counted`` as it was: the stops' end positions listed."""
    jf = junk_fragments
    body = head.rstrip()
    ends_at = [m.end() for m in jf._EN_STOPS.finditer(body)]
    n = len(ends_at) + (0 if ends_at and ends_at[-1] == len(body) else 1)
    if n < jf.MIN_UNITS:
        return 0.0
    low = " " + body.lower()
    ends = len(jf._EN_END.findall(low))
    if low[max(low.rfind(" "), low.rfind("\n"), low.rfind("\t")) + 1:] in jf.EN_BINDING:
        ends += 1
    starts = len(jf._EN_START.findall(body))
    both = len(jf._EN_BOTH.findall(body)) if ends and starts else 0
    return (ends + starts - both) / n


def test_en_open_counted_equals_the_listed_stops() -> None:
    rnd = random.Random(5)
    words = "the of and a to in is it was he Of The x1 ok done end".split()
    marks = [".", "!", "?", ". ", "! ", "? ", ") ", "\" ", "\n", " ", " ", " ", "", "...", ".\n"]
    texts = ["".join(rnd.choice(words) + rnd.choice(marks) for _ in range(rnd.randint(0, 30))) for _ in range(20_000)]
    texts += ["", ".", "a.", "a. ", "a.b", "(a.) b. c!", "\"x.\" y. z? w! end.  ", "It is. The end of."]
    texts += [t[:junk_fragments._MAX_CHARS] for t in _dev_texts()]
    for head in texts:
        assert junk_fragments._en_open_counted(head) == _old_en_open_counted(head), repr(head)


def test_memoised_word_scores_do_not_depend_on_the_cache() -> None:
    texts = _dev_texts()[:300] or _random("abcdefghij  .,", 300, 6, 400)
    texts += ["the cat sat on the mat and the dog ran off " * 8, "zyxq wvut " * 40]

    def run() -> list[tuple[float, float]]:
        return [(naturalness.latin_logp(t, "en"), naturalness.word_pair_pmi(t)) for t in texts]

    naturalness._word_scores.clear()
    naturalness._class_cache.clear()
    cold = run()  # each text's missing words added as it comes
    warm = run()  # every word memoised: the look-up path alone
    per_text = []
    for t in texts:  # a cache cleared before each text: every word missing
        naturalness._word_scores.clear()
        naturalness._class_cache.clear()
        per_text.append((naturalness.latin_logp(t, "en"), naturalness.word_pair_pmi(t)))
    assert cold == warm == per_text
    assert any(v != 0.0 for v, _ in cold) and any(p != 9.0 for _, p in cold)
