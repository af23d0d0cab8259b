"""Text-quality signals (Gopher, C4, FineWeb rule families, adapted for Chinese) and rule evaluation.

``compute_signals(text, lang)`` returns one finite float per name in ``SIGNAL_NAMES``; fractions are in
[0, 1]. Unspaced scripts (Chinese, Japanese, Thai ...) are tokenised per character (Latin/digit runs inside
them stay one token), so the word-based repetition rules become the character n-gram rules Chinese
pipelines use (MAP-CC, EvalWeb). A rule's key is the signal it reads unless ``RuleSpec.signal`` names
another (so ``words_min`` and ``words_max`` can both read ``words``).

Signals:
  chars, words, mean_word_length, max_word_length, symbol_word_ratio, bullet_lines_frac,
  ellipsis_lines_frac, alpha_frac (letters / non-space chars), alpha_words_frac (tokens with a letter),
  cjk_frac (Han/Kana/Hangul / non-space chars), digit_frac, special_char_frac, stopword_hits,
  stopword_list (1 if the language has a stop-word list), dup_line_frac, dup_line_char_frac,
  dup_para_frac, dup_para_char_frac, top_{2,3,4}gram_frac, dup_{5..10}gram_frac,
  no_terminal_punct_lines_frac, sentences, lorem_ipsum, curly_bracket, javascript (C4),
  short_lines_frac, line_punct_ratio, char_dup_frac, newline_ratio (FineWeb),
  replacement_chars, replacement_frac, control_frac, mojibake_frac (encoding damage), unique_words_frac,
  spaced (1 for spaced scripts, 0 for unspaced).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

import numpy as np

from quality.language import script_table

if TYPE_CHECKING:
    from quality.quality_policy import QualityPolicy

SIGNAL_NAMES: tuple[str, ...] = (
    "chars", "words", "mean_word_length", "max_word_length", "symbol_word_ratio", "bullet_lines_frac",
    "ellipsis_lines_frac", "alpha_frac", "alpha_words_frac", "cjk_frac", "digit_frac", "special_char_frac",
    "stopword_hits", "stopword_list", "dup_line_frac", "dup_line_char_frac", "dup_para_frac",
    "dup_para_char_frac", "top_2gram_frac", "top_3gram_frac", "top_4gram_frac", "dup_5gram_frac",
    "dup_6gram_frac", "dup_7gram_frac", "dup_8gram_frac", "dup_9gram_frac", "dup_10gram_frac",
    "no_terminal_punct_lines_frac", "sentences", "lorem_ipsum", "curly_bracket", "javascript",
    "short_lines_frac", "line_punct_ratio", "char_dup_frac", "newline_ratio", "replacement_chars",
    "replacement_frac", "control_frac", "mojibake_frac", "unique_words_frac", "spaced",
)

_HASH_BASE = np.uint64(1_000_003)
# Languages written without spaces between words.
_UNSPACED = ("zh", "ja", "th", "lo", "km", "my", "bo")

# Stop words: Gopher's eight for English, function characters for Chinese, particles for Japanese and the
# most frequent function words elsewhere.
_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the be to of and that have with".split()),
    "zh": frozenset("的了是在和有我他她这這不也就都与與及而被把对對中上个個们們为為说說"),
    "ja": frozenset("のにはをたがでてとしもな"),
    "fr": frozenset("le la les de et un une des est que en du pour dans".split()),
    "de": frozenset("der die das und ist nicht mit ein eine zu den von im".split()),
    "es": frozenset("el la de que y en los las un una por es del".split()),
    "it": frozenset("il la di che e un una per non del è in".split()),
    "pt": frozenset("o a de que e do da em um uma para os não".split()),
    "nl": frozenset("de het een en van is dat niet op te in".split()),
    "ru": frozenset("и в не на что с по это как он она".split()),
}

_BULLETS = ("•", "‣", "◦", "·", "▪", "●", "○", "■", "□", "►", "➢", "✓", "-", "*", "–", "—", "→", "◆", "★")
_ELLIPSES = ("...", "…", "。。。")
# C4 keeps lines ending in terminal punctuation; Chinese/Japanese full-width marks and closing quotes count.
_TERMINAL = (".", "!", "?", '"', "'", "”", "’", "。", "！", "？", "…", "」", "』", "）", ")", "：", ":", "；")
# FineWeb's line-ending punctuation (its stop chars), plus the full-width ones.
_LINE_PUNCT = (".", "'", '"', "!", "?", "。", "！", "？", "”", "…")
_SENTENCE_RE = re.compile(r"[.!?。！？]+(?:\s|$)|[。！？]")
_DIGITS = "0123456789０１２３４５６７８９"
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SYMBOL_RE = re.compile(r"#|\.\.\.|…")
_LOREM_RE = re.compile(r"lorem ipsum", re.IGNORECASE)
_JS_RE = re.compile(r"javascript", re.IGNORECASE)
_PARA_RE = re.compile(r"\n\s*\n")
# UTF-8 read as Latin-1/cp1252 (lead byte rendered as Â..ô, then a continuation byte rendered as
# U+0080-U+00BF or a cp1252 punctuation character), U+FFFD read as Latin-1 and the GBK/UTF-8 classics.
_MOJIBAKE_RE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
    "|\u00ef\u00bf\u00bd|锟斤拷|烫烫烫|屯屯屯|锘[縑]"
)
# Word tokens: letter/digit runs for spaced scripts; one character each for unspaced scripts, with
# Latin/digit runs inside unspaced text kept whole.
_LETTER_WORD_RE = re.compile(r"\S*?[^\W\d_]\S*")  # whitespace-delimited words holding a letter
_SPACED_TOKEN_RE = re.compile(r"[^\W_]+")
_UNSPACED_CLASS = (
    "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f"
    "\u1780-\u17ff\u0f00-\u0fff\U00020000-\U0002ffff"
)
_UNSPACED_TOKEN_RE = re.compile(f"[{_UNSPACED_CLASS}]|[^\\W_{_UNSPACED_CLASS}]+")
# Tokens of unspaced text that are digit runs (not glued to a non-CJK letter).
_DIGIT_TOKEN_RE = re.compile(f"(?<![^\\W_{_UNSPACED_CLASS}])\\d+(?![^\\W_{_UNSPACED_CLASS}])")


def _is_unspaced(lang: str | None, coded: str) -> bool:
    """Unspaced if the language says so; for unknown languages, if most letters are Han/Kana/Thai."""
    if lang and lang != "und":
        return lang.split("-")[0].lower() in _UNSPACED
    if not coded:
        return False
    return (coded.count("H") + coded.count("K") + coded.count("T")) * 2 > len(coded)


def _dup_fraction(items: list[str]) -> tuple[float, float]:
    """Gopher duplicate lines/paragraphs: share of items that repeat an earlier one, and their char share."""
    if not items:
        return 0.0, 0.0
    seen: set[str] = set()
    dup = dup_chars = total = 0
    for it in items:
        total += len(it)
        if it in seen:
            dup += 1
            dup_chars += len(it)
        else:
            seen.add(it)
    return dup / len(items), (dup_chars / total if total else 0.0)


def _ngram_signals(tokens: list[str], out: dict[str, float]) -> None:
    """Gopher repetition: top 2/3/4-gram char share, duplicated 5-10-gram char share (no double count).

    Vectorised with numpy: each token gets an integer id and an n-gram is the polynomial hash of its ids in
    uint64 (rolled from the (n-1)-gram: one array operation per n); repeats are found by a stable sort.
    If no n-gram repeats, no longer one can, so most documents stop after a few sorts; from n = 5 only
    positions where both overlapping (n-1)-grams repeat are sorted. Shares are of the
    tokens' characters (CJK: characters; spaced text: word characters).
    """
    for n in (2, 3, 4):
        out[f"top_{n}gram_frac"] = 0.0
    for n in range(5, 11):
        out[f"dup_{n}gram_frac"] = 0.0
    m = len(tokens)
    if m < 2:
        return
    ids = {t: i for i, t in enumerate(dict.fromkeys(tokens))}
    codes = np.fromiter(map(ids.__getitem__, tokens), dtype=np.uint64, count=m)
    lens = np.fromiter(map(len, tokens), dtype=np.int64, count=m)
    pref = np.zeros(m + 1, dtype=np.int64)
    np.cumsum(lens, out=pref[1:])
    total = int(pref[-1])
    if total == 0:
        return
    keys = codes
    dupmask = np.zeros(0, dtype=bool)
    for n in range(2, 11):
        if m < n:
            return
        keys = keys[:-1] * _HASH_BASE + codes[n - 1:]  # wraps modulo 2**64 by design
        if n <= 4:
            cand = None
            sub = keys
        else:
            # A repeated n-gram starts where the (n-1)-grams at i and i+1 both repeat.
            cand = np.flatnonzero(dupmask[:-1] & dupmask[1:])
            sub = keys[cand]
        order = np.argsort(sub, kind="stable")
        srt = sub[order]
        same = srt[1:] == srt[:-1]
        if not same.any():
            return
        dup_sorted = np.zeros(len(srt), dtype=bool)
        dup_sorted[1:] |= same
        dup_sorted[:-1] |= same
        pos = order[dup_sorted] if cand is None else cand[order[dup_sorted]]
        dupmask = np.zeros(len(keys), dtype=bool)
        dupmask[pos] = True
        if n <= 4:
            starts = np.flatnonzero(np.concatenate(([True], ~same)))
            runs = np.diff(np.append(starts, len(srt)))
            top = int(runs.max())
            firsts = order[starts[runs == top]]
            longest = int((pref[firsts + n] - pref[firsts]).max())  # ties: the longest n-gram counts
            out[f"top_{n}gram_frac"] = min(1.0, longest * top / total)
        else:
            edges = np.bincount(pos, minlength=m + 1)[: m + 1] - np.bincount(pos + n, minlength=m + 1)[: m + 1]
            covered = np.cumsum(edges)[:m] > 0
            out[f"dup_{n}gram_frac"] = min(1.0, int(lens[covered].sum()) / total)


def compute_signals(text: str, lang: str | None = None) -> dict[str, float]:
    """All signals for one document; never raises on odd input (returns finite values)."""
    if not isinstance(text, str):
        text = ""
    n_chars = len(text)
    coded = text.translate(script_table())  # one code letter per letter character
    letters = len(coded)
    cjk = coded.count("H") + coded.count("K") + coded.count("G")
    nonspace = len("".join(text.split()))
    digits = sum(map(text.count, _DIGITS))
    unspaced = _is_unspaced(lang, coded)
    lower = text.lower()
    tokens = (_UNSPACED_TOKEN_RE if unspaced else _SPACED_TOKEN_RE).findall(lower)
    n_tok = len(tokens)
    tok_counts = Counter(tokens)
    raw_words = text.split()
    n_words = n_tok if unspaced else len(raw_words)

    lines = text.split("\n")
    stripped = [ln.strip() for ln in lines]
    nonempty = [ln for ln in stripped if ln]
    n_lines = len(nonempty)
    short_limit = 10 if unspaced else 30  # FineWeb's 30 chars ~ 10 CJK characters

    out: dict[str, float] = {}
    out["chars"] = float(n_chars)
    out["words"] = float(n_words)
    out["mean_word_length"] = (sum(map(len, tokens)) / n_tok) if n_tok else 0.0
    out["max_word_length"] = float(max(map(len, tokens if unspaced else raw_words), default=0))
    out["symbol_word_ratio"] = len(_SYMBOL_RE.findall(text)) / n_words if n_words else 0.0
    if n_lines:
        out["bullet_lines_frac"] = sum(1 for ln in nonempty if ln.startswith(_BULLETS)) / n_lines
        out["ellipsis_lines_frac"] = sum(1 for ln in nonempty if ln.endswith(_ELLIPSES)) / n_lines
        ends_terminal = sum(1 for ln in nonempty if ln.endswith(_TERMINAL))
        out["no_terminal_punct_lines_frac"] = 1.0 - ends_terminal / n_lines
        out["line_punct_ratio"] = sum(1 for ln in nonempty if ln.endswith(_LINE_PUNCT)) / n_lines
        out["short_lines_frac"] = sum(1 for ln in nonempty if len(ln) <= short_limit) / n_lines
    else:
        for k in ("bullet_lines_frac", "ellipsis_lines_frac", "line_punct_ratio", "short_lines_frac"):
            out[k] = 0.0
        out["no_terminal_punct_lines_frac"] = 1.0
    out["alpha_frac"] = letters / nonspace if nonspace else 0.0
    out["cjk_frac"] = cjk / nonspace if nonspace else 0.0
    out["digit_frac"] = digits / nonspace if nonspace else 0.0
    out["special_char_frac"] = max(0.0, nonspace - letters - digits) / nonspace if nonspace else 0.0
    if unspaced:
        digit_tokens = len(_DIGIT_TOKEN_RE.findall(lower))
        out["alpha_words_frac"] = max(0.0, n_tok - digit_tokens) / n_tok if n_tok else 0.0
    else:
        with_letter = len(_LETTER_WORD_RE.findall(text))
        out["alpha_words_frac"] = with_letter / len(raw_words) if raw_words else 0.0
    base = (lang or "").split("-")[0].lower()
    stop = _STOPWORDS.get(base)
    if stop is None and base in ("", "und"):
        stop = _STOPWORDS["zh"] if unspaced else None
    out["stopword_list"] = 1.0 if stop is not None else 0.0
    out["stopword_hits"] = float(sum(tok_counts[w] for w in stop)) if stop is not None else 0.0
    out["unique_words_frac"] = len(tok_counts) / n_tok if n_tok else 0.0

    out["dup_line_frac"], out["dup_line_char_frac"] = _dup_fraction(nonempty)
    paras = [p.strip() for p in _PARA_RE.split(text)]
    out["dup_para_frac"], out["dup_para_char_frac"] = _dup_fraction([p for p in paras if p])
    # FineWeb's char_duplicates_ratio: characters in repeated lines over all characters.
    dup_line_chars = out["dup_line_char_frac"] * sum(map(len, nonempty))
    out["char_dup_frac"] = min(1.0, dup_line_chars / n_chars) if n_chars else 0.0
    out["newline_ratio"] = text.count("\n") / n_words if n_words else 0.0
    _ngram_signals(tokens, out)

    out["sentences"] = float(len(_SENTENCE_RE.findall(text)))
    out["lorem_ipsum"] = 1.0 if _LOREM_RE.search(text) else 0.0
    out["curly_bracket"] = 1.0 if "{" in text else 0.0
    out["javascript"] = 1.0 if _JS_RE.search(text) else 0.0

    repl = text.count("\ufffd")
    out["replacement_chars"] = float(repl)
    out["replacement_frac"] = repl / n_chars if n_chars else 0.0
    out["control_frac"] = len(_CONTROL_RE.findall(text)) / n_chars if n_chars else 0.0
    moji = sum(len(m) for m in _MOJIBAKE_RE.findall(text))
    out["mojibake_frac"] = min(1.0, moji / n_chars) if n_chars else 0.0
    out["spaced"] = 0.0 if unspaced else 1.0
    return {k: float(out[k]) for k in SIGNAL_NAMES}


def evaluate_rules(signals: dict[str, float], policy: QualityPolicy) -> list[tuple[str, str]]:
    """(rule name, action) for every enabled rule whose signal is outside its bound, in policy order.

    Rules scoped to spaced/unspaced text are skipped for the other kind; a rule on ``stopword_hits`` is
    skipped when the language has no stop-word list (``stopword_list == 0``).
    """
    if not policy.enabled:
        return []
    spaced = signals.get("spaced", 1.0) >= 0.5
    failed: list[tuple[str, str]] = []
    for name, spec in policy.rules.items():
        if not spec.enabled:
            continue
        if (spec.applies_to == "spaced" and not spaced) or (spec.applies_to == "unspaced" and spaced):
            continue
        sig = spec.signal or name
        if sig == "stopword_hits" and signals.get("stopword_list", 0.0) < 0.5:
            continue
        value = signals.get(sig)
        if value is None:
            continue
        if (spec.bound == "min" and value < spec.threshold) or (spec.bound == "max" and value > spec.threshold):
            failed.append((name, spec.action))
    return failed


def default_quality_rules() -> dict[str, dict[str, object]]:
    """Demo-policy rules near the peers' defaults (see /work/shared/reference/peers.md §2-3).

    Length rules only flag (short records are common in curated sources); repetition, boilerplate and
    encoding-damage rules drop. Each entry is a ``RuleSpec`` as a plain dict (YAML/JSON-able).
    """

    def r(bound: str, threshold: float, action: str = "drop", signal: str | None = None,
          applies_to: str = "all") -> dict[str, object]:
        d: dict[str, object] = {"bound": bound, "threshold": threshold, "action": action, "applies_to": applies_to}
        if signal:
            d["signal"] = signal
        return d

    return {
        # Gopher quality (DataTrove/NeMo/Dolma): 50-100,000 words; mean word length 3-10 (spaced only).
        "words_min": r("min", 50, "flag", "words", "spaced"),
        "words_max": r("max", 100_000, "flag", "words"),
        # EvalWeb (Chinese): at least 200 characters.
        "chars_min_unspaced": r("min", 200, "flag", "chars", "unspaced"),
        "mean_word_length_min": r("min", 3, "flag", "mean_word_length", "spaced"),
        "mean_word_length_max": r("max", 10, "flag", "mean_word_length", "spaced"),
        # Gopher: symbol/word <= 0.1; bullet lines <= 0.9; ellipsis lines <= 0.3; alphabetic words >= 0.8.
        "symbol_word_ratio": r("max", 0.1),
        "bullet_lines_frac": r("max", 0.9),
        "ellipsis_lines_frac": r("max", 0.3),
        "alpha_words_frac": r("min", 0.8, "flag", applies_to="spaced"),
        # EvalWeb: Chinese characters >= 30% (for text identified as Chinese/Japanese).
        "cjk_frac_unspaced": r("min", 0.3, "flag", "cjk_frac", "unspaced"),
        # Gopher: >= 2 stop words (English list; zh function characters and others analogously).
        "stopword_hits": r("min", 2, "flag"),
        # Gopher repetition: duplicate lines <= 0.3, their chars <= 0.2; paragraphs likewise.
        "dup_line_frac": r("max", 0.3),
        "dup_line_char_frac": r("max", 0.2),
        "dup_para_frac": r("max", 0.3),
        "dup_para_char_frac": r("max", 0.2),
        # Gopher / MAP-CC: top 2/3/4-gram char share <= 0.20/0.18/0.16; duplicate 5-10-grams 0.15 .. 0.10.
        "top_2gram_frac": r("max", 0.20),
        "top_3gram_frac": r("max", 0.18),
        "top_4gram_frac": r("max", 0.16),
        "dup_5gram_frac": r("max", 0.15),
        "dup_6gram_frac": r("max", 0.14),
        "dup_7gram_frac": r("max", 0.13),
        "dup_8gram_frac": r("max", 0.12),
        "dup_9gram_frac": r("max", 0.11),
        "dup_10gram_frac": r("max", 0.10),
        # C4: lorem ipsum and "{" drop a page; words over 1,000 characters; javascript lines (flag here).
        "lorem_ipsum": r("max", 0.0),
        "curly_bracket": r("max", 0.0, "flag"),
        "javascript": r("max", 0.0, "flag"),
        "max_word_length": r("max", 1000, "flag", applies_to="spaced"),
        # NeMo: sentences without end mark <= 0.85 (C4 line rule at document level).
        "no_terminal_punct_lines_frac": r("max", 0.85, "flag"),
        # FineWeb: punctuation-ended lines >= 0.12; short lines <= 0.67; duplicated chars <= 0.01;
        # newlines per word <= 0.3.
        "line_punct_ratio": r("min", 0.12, "flag"),
        "short_lines_frac": r("max", 0.67, "flag"),
        "char_dup_frac": r("max", 0.01, "flag"),
        "newline_ratio": r("max", 0.3, "flag"),
        # Encoding damage (corpusgov): any U+FFFD run or mojibake above 1%; control characters above 1%.
        "replacement_frac": r("max", 0.01),
        "control_frac": r("max", 0.01),
        "mojibake_frac": r("max", 0.01),
    }
