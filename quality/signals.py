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
  replacement_chars, replacement_frac, control_frac, mojibake_frac (encoding damage), unique_words_frac
  (type-token ratio per window of 250 tokens, averaged), spaced (1 for spaced scripts, 0 for unspaced);
  ours, for junk the peers' rules never see: lexical_diversity (Herdan's C = log types / log tokens, mean
  over windows of 1,000 tokens: length-robust repetition; its rule skips pages of one sentence template with an
  item per line, template_slots, ``quality.doc_templates``), latin_logp, han_logfreq, han_bigram_frac,
  han_chars (``quality.naturalness``: does the text look like language), url_lines_frac (link lists),
  markup_char_frac (tag residue), letters_frac (letters among non-space characters, table borders left out:
  number and symbol tables, ASCII art), boilerplate_lines_frac (navigation and legal boilerplate lines),
  short_no_sentence (a short text with no sentence: a heading, date stamp or menu label alone),
  han_run_max (longest unpunctuated Han run), det_misorder_frac (English determiners followed by function
  words), han_pair_pmi (how strongly adjacent Han characters belong together), han_order_margin (forwards vs
  backwards) and word_pair_pmi (English word-boundary order): word order, which shuffled real words and
  characters lose; tandem_repeat_frac, machine_lines_frac, sorted_words_frac and utf8_as_gbk_frac
  (``quality.junk_shapes``): loops, logs and tables of contents, sorted word lists, Chinese mojibake;
  en_lm_*, zh_lm_* (``quality.textlm``: n-gram LM scores of word and Han-character order, read by the junk score);
  wrap_join_gap_en, wrap_join_gap_zh (``quality.junk_coherence``: line breaks that join unlike the lines' own pairs);
  boilerplate_char_frac, page_furniture_lines, mail_lines, fragment_lines_frac, hyphen_break_lines, chrome_lines
  (``quality.junk_lines``: page chrome, running headers and page numbers, e-mail residue, one-word lines, words
  hyphenated across lines); en_typo_frac, digit_word_frac, mixed_script_words, invisible_frac, han_rare_frac
  (``quality.junk_noise``: typos and OCR non-words, digits for letters, homoglyphs, zero-width
  litter, rare Han characters); mixed_width_words, case_chaos_frac, stripped_diacritics, en_accent_words
  (``quality.junk_noise_forms``, which also resolves backspace overstrikes before any signal), han_odd_doubles,
  han_split_words, han_orphan_frac (``quality.junk_noise_han``: doubled, spaced-out and wordless Han characters);
  open_unit_frac, glued_sentence_frac, column_gap_lines, hyphen_residue_words, caption_lines, label_lines_frac
  (``quality.junk_fragments``: sentences cut mid-phrase, columns read across, re-joined hyphens, captions, bare labels);
  cut_line_marks_frac, han_hyphen_breaks, keyword_items_frac (``quality.junk_cuts``: Chinese lines cut where no
  typesetter breaks, hyphens inside Han words, keyword lists without a sentence); han_islands_frac
  (``quality.junk_mt``: Chinese words alone between English words, a word-by-word translation); inline_furniture_marks,
  unclosed_lines_zh, width_grid_spaces_zh, caption_splices, keyword_repeat_frac (``quality.junk_spliced``: page
  numbers and running headers inside sentences, Chinese sentence heads without an end, Chinese cut at a fixed width
  and re-joined with spaces, captions inside sentences, repeated keyword phrases without a sentence); tagged_tokens_frac,
  spaced_words_frac, line_prefix_frac, template_wrap, pinyin_run_frac, letter_spaced_frac (``quality.junk_machine``:
  machine residue whose mark is on every word, line or letter: tags, tokenizer spacing, diff / quoted-printable line
  codes, unrendered templates, pinyin for characters, letter-spaced text); case_order_breaks_en,
  zh_mark_misorder (``quality.junk_order_marks``: Title-case function words inside sentences and lower-case sentence
  starts, Chinese marks beside marks they never follow: what swapped or shuffled words leave).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from corpusgov.quality.char_counts import CharCounts, char_counts_batch
from corpusgov.quality.doc_steps import section_steps
from corpusgov.quality.doc_templates import template_slots
from corpusgov.quality.junk_chrome import chrome_keys
from corpusgov.quality.junk_cuts import NEUTRAL as CUT_NEUTRAL
from corpusgov.quality.junk_cuts import cut_signals
from corpusgov.quality.junk_flood import flood_run_frac, flood_runs_batch
from corpusgov.quality.junk_fragments import fragment_signals
from corpusgov.quality.junk_furniture import furniture_lines
from corpusgov.quality.junk_lines import (
    SENTENCE_ENDS,
    boilerplate_flags,
    is_menu_instruction,
    line_signals,
    table_rows,
)
from corpusgov.quality.junk_machine import machine_signals
from corpusgov.quality.junk_mt import han_islands_frac
from corpusgov.quality.junk_noise import noise_signals
from corpusgov.quality.junk_noise_forms import form_signals, strip_overstrikes
from corpusgov.quality.junk_noise_han import han_orphan_batch
from corpusgov.quality.junk_order_marks import case_order_breaks_en, zh_mark_misorder
from corpusgov.quality.junk_repeats import loop_copies_max
from corpusgov.quality.junk_residue import escaped_char_frac, web_code_explained, web_code_frac
from corpusgov.quality.junk_rhythm import WEAK_PAIR_PMI, han_clause_cv
from corpusgov.quality.junk_score import junk_score
from corpusgov.quality.junk_shapes import (
    SORT_CHARS,
    machine_lines_frac,
    sorted_words_frac,
    tandem_repeat_frac,
    utf8_as_gbk_frac,
)
from corpusgov.quality.junk_spliced import spliced_signals
from corpusgov.quality.language import script_table
from corpusgov.quality.naturalness import PREFIX_CHARS as _HEAD_CHARS  # the prefix the word signals judge
from corpusgov.quality.naturalness import (
    ascii_latin_words,
    det_misorder_frac,
    han_stats,
    han_stats_batch,
    latin_logp,
    word_pair_pmi,
)
from corpusgov.quality.ngram_repeats import ngram_signals as _ngram_signals
from corpusgov.quality.ngram_repeats import (
    ngram_signals_batch,
    repeated_terms,
    templated_items,
    token_lengths_batch,
)
from corpusgov.quality.signal_names import SIGNAL_NAMES
from corpusgov.quality.textlm import textlm_batch

if TYPE_CHECKING:
    from corpusgov.quality.quality_policy import QualityPolicy


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
# ... but one set off by a space is a token of syntax ("SELECT a, b FROM ...", "[, ...]"), not a line cut off; on every
# eval split only two manual pages had such lines above the rule's share, no junk (hex dumps end in glued dots)
_SPACED_ELLIPSES = (" ...", " …", "\t...", "\t…")
# C4 keeps lines ending in terminal punctuation; Chinese/Japanese full-width marks and closing quotes count.
_TERMINAL = (".", "!", "?", '"', "'", "”", "’", "。", "！", "？", "…", "」", "』", "）", ")", "：", ":", "；")
# FineWeb's line-ending punctuation (its stop chars), plus the full-width ones.
_LINE_PUNCT = (".", "'", '"', "!", "?", "。", "！", "？", "”", "…")
# A run of terminal marks before white space or the end, or one full-width mark alone: the matches of
# r"[.!?。！？]+(?:\s|$)|[。！？]", written to start with a character class (the regex engine then skips to the
# next mark at C speed instead of trying both branches at every position; a third of the time).
_SENTENCE_RE = re.compile(r"[.!?。！？](?:[.!?。！？]*(?:\s|$)|(?<=[。！？]))")
# Control characters (encoding damage): counted by ``char_counts`` (its _CONTROL class, the same characters).
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SYMBOL_RE = re.compile(r"#|\.\.\.|…")  # Gopher's symbols; counted by ``_symbol_count`` (the same count)
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
# Whitespace-delimited words without a letter (digits, underscores, symbols only): the words holding a letter are
# ``text.split()`` less these (one cheap match per word start instead of a lazy scan of every word).
_NO_LETTER_WORD_RE = re.compile(r"(?<!\S)(?:[^\w\s]|[\d_])+(?!\S)")
# ASCII text: delete every character that is neither a letter nor white space; a word holding a letter keeps at
# least one, a letterless word vanishes, so ``split()`` of the result counts the words holding a letter.
_ASCII_LETTERS_AND_SPACE = {c: None for c in range(128) if not (chr(c).isalpha() or chr(c).isspace())}
_SPACED_TOKEN_RE = re.compile(r"[^\W_]+")
# ASCII text: every character but a letter or digit becomes a space, so ``split()`` gives the ``_SPACED_TOKEN_RE``
# tokens (the ASCII word characters less ``_``) at about half the cost of ``findall``.
_ASCII_ALNUM_ONLY = {c: " " for c in range(128) if not chr(c).isalnum()}
_UNSPACED_CLASS = (
    "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f"
    "\u1780-\u17ff\u0f00-\u0fff\U00020000-\U0002ffff"
)
_UNSPACED_TOKEN_RE = re.compile(f"[{_UNSPACED_CLASS}]|[^\\W_{_UNSPACED_CLASS}]+")
# Tokens of unspaced text that are digit runs (not glued to a non-CJK letter).
# Written to start with the digit (the lookbehind then reads it and the character before): the engine skips to the next
# digit at C speed instead of trying the lookbehind at every character. The same matches as
# ``(?<![^\W_U])\d+(?![^\W_U])``: a digit is itself such a character, so neither form ever matches inside a run or
# gives a run back.
_DIGIT_TOKEN_RE = re.compile(f"\\d(?<![^\\W_{_UNSPACED_CLASS}]\\d)\\d*(?![^\\W_{_UNSPACED_CLASS}])")


_URL_RE = re.compile(r"(?:https?|ftp)://\S+|www\.\S+\.\S+")
_TAG_RE = re.compile(r"</?[A-Za-z][^<>\n]{0,300}>")
# Table borders and rules (reST, box drawing): layout, not content. Left out of letters_frac and of the
# duplicate-line statistics, where a table's repeated rule lines would otherwise read as repetition.
_BORDER_RE = re.compile(r"[-+=|_~─━│┃┄┅┆┇┈┉┊┋┌┍┎┏┐┑┒┓└┕┖┗┘┙┚┛├┝┞┟┠┡┢┣┤┥┦┧┨┩┪┫┬┭┮┯┰┱┲┳┴┵┶┷┸┹┺┻┼═║╔╗╚╝╠╣╦╩╬]{3,}|[|│┃]")
# Lines that are navigation, account or legal boilerplate (C4/FineWeb remove such lines; a page made of them
# is a menu, not text). Matched on short lines only: prose that mentions a privacy policy is not a menu.
_BOILERPLATE_ZH = (r"首页|关于我们|联系我们|网站地图|返回顶部|上一页|下一页|登录|注册|版权所有|免责声明|隐私政策|用户协议|在线留言|"
                   r"加入收藏|设为首页|友情链接|下载中心|新闻中心|招聘信息|产品展示|客服中心")
_BOILERPLATE_RE = re.compile(
    _BOILERPLATE_ZH + "|"
    r"\b(?:home|about(?: us)?|contact(?: us)?|log ?in|sign (?:in|up)|register|sitemap|privacy(?: policy)?|"
    r"terms(?: of (?:use|service))?|cookies?|all rights reserved|copyright|subscribe|newsletter|next|previous|"
    r"back to top|share|tweet|menu|search|skip to content|read more|click here)\b",
    re.IGNORECASE,
)
# The same pattern without IGNORECASE, for ASCII lines lower-cased (about half the time of the case-insensitive search;
# on ASCII text no Unicode case fold applies, so it finds a match exactly when the other does).
_BOILERPLATE_LOWER_RE = re.compile(_BOILERPLATE_RE.pattern)
# A line of Chinese text reads only the Chinese phrases: an English word in it is a term the text names (「Next」 in a
# For...Next help page, "Home" key), not a link (as ``junk_lines.is_boilerplate`` reads lines)
_BOILERPLATE_ZH_RE = re.compile(_BOILERPLATE_ZH)
_HAN_CHAR_RE = re.compile(r"[\u3400-\u9fff]")
# A term in corner brackets is a name the text gives (「LibreOffice 中注册的数据源」, a dialog's option), not a link
_QUOTED_TERM_RE = re.compile(r"「[^「」\n]*」")
_MENU_SEP_RE = re.compile(r"\s[|»›·/>•]\s|\s\|\s?|｜")
_SENTENCE_MARK_RE = re.compile(r"[，。！？；、,!?;]|[.:](?!\d)")
_SHORT_TEXT = 100
_DIVERSITY_WINDOW = 1000
_TTR_WINDOW = 250


def _distinct_count(window: np.ndarray) -> int:
    """``len(np.unique(window))`` of a non-empty id window: a sort and one comparison of neighbours (250 ids:
    ≈ 3 µs instead of np.unique's ≈ 12)."""
    s = np.sort(window)
    return int(np.count_nonzero(s[1:] != s[:-1])) + 1


def _unique_words_frac(codes: np.ndarray, distinct: int) -> float:
    """Type-token ratio per window of ``_TTR_WINDOW`` tokens, averaged (a tail shorter than half a window is left
    out); the plain ratio up to one window, so short texts keep the value the peers' rules compute.

    Why windows: the plain ratio falls with length (a 4,000-word manual page reads 0.2-0.27, as low as keyword
    spam of 200 words), so the junk score, trained mostly on paragraphs, read long documentation as repetitive
    (7 of 13 LilyPond manual pages it dropped in ``good_fresh5_en``, 2026-12-06). Over fixed windows the ratio of
    good text is the same at any length; repetition still lowers it.
    """
    n = len(codes)
    if n <= _TTR_WINDOW:
        return distinct / n if n else 0.0
    vals = [_distinct_count(codes[i:i + _TTR_WINDOW]) / _TTR_WINDOW for i in range(0, n - _TTR_WINDOW + 1, _TTR_WINDOW)]
    tail = n % _TTR_WINDOW
    if tail >= _TTR_WINDOW // 2:
        vals.append(_distinct_count(codes[n - tail:]) / tail)
    return sum(vals) / len(vals)


def _lexical_diversity(codes: np.ndarray, distinct: int) -> float:
    """Herdan's C (log distinct / log total) per window of 1,000 tokens, averaged; 1.0 below 10 tokens.

    Type-token ratio falls with length; C is close to constant for natural text of any length (0.75-1.0
    for prose on our dev data) and low for repetition (keyword stuffing, repeated lines, menus: 0.1-0.7).
    Windows keep it comparable between a paragraph and a book, where the character vocabulary of Chinese
    saturates. ``codes``: the token ids; ``distinct``: how many distinct tokens the whole text has.
    """
    vals: list[float] = []
    for i in range(0, len(codes), _DIVERSITY_WINDOW):
        win = codes[i:i + _DIVERSITY_WINDOW]
        if len(win) < 10:
            if vals:
                break
            return 1.0
        k = distinct if len(codes) <= _DIVERSITY_WINDOW else len(np.unique(win))
        vals.append(math.log(k) / math.log(len(win)))
    return sum(vals) / len(vals) if vals else 1.0


_BORDER_HINTS = ("|", "│", "┃", "---", "+++", "===", "___", "~~~", "─", "━", "═")


def _has_borders(text: str) -> bool:
    """Whether one of ``_BORDER_HINTS`` is in the text: substring tests, far cheaper than a regex search (written out:
    a generator over the hints costs more than the tests)."""
    return ("|" in text or "│" in text or "┃" in text or "---" in text or "+++" in text or "===" in text or "___" in text
            or "~~~" in text or "─" in text or "━" in text or "═" in text)


def _has_content(line: str) -> bool:
    """A line with a letter or digit once table borders are removed (rule lines are layout)."""
    return any(ch.isalnum() for ch in _BORDER_RE.sub("", line))


def _url_lines_frac(lines: list[str]) -> float:
    """Share of lines (>= 3) that are mostly a URL: a link list or sitemap."""
    if len(lines) < 3 or not any("://" in ln or "www." in ln for ln in lines):
        return 0.0
    hits = sum(1 for ln in lines if 2 * sum(len(m) for m in _URL_RE.findall(ln)) >= len(ln))
    return hits / len(lines)


def _boilerplate_phrase(line: str) -> bool:
    """A boilerplate phrase in the line: English or Chinese, or only Chinese on a line with Han characters."""
    if line.isascii():
        return _BOILERPLATE_LOWER_RE.search(line.lower()) is not None
    if _HAN_CHAR_RE.search(line):
        return _BOILERPLATE_ZH_RE.search(_QUOTED_TERM_RE.sub("", line)) is not None
    return _BOILERPLATE_RE.search(line) is not None


# Navigation words that are also ordinary English (docs round 9): in a sentence of a help page ("There are up and down
# arrows next to the search entry.", "Select your Home Folder in the list of Devices & Locations.") they are words, not
# links. Legal and account phrases (copyright, all rights reserved, privacy, sign up, subscribe) count in any line.
_PROSE_NAV_WORDS = frozenset({"home", "about", "contact", "next", "previous", "search", "menu", "share", "register",
                              "log in", "login", "sign in"})
_PROSE_SENTENCE_WORDS = 6


def _sentence_words_only(line: str) -> bool:
    """An English line that reads as a sentence (6+ words, ending as one) whose every boilerplate match is an ordinary
    navigation word (``_PROSE_NAV_WORDS``)."""
    if not line.isascii() or len(line.split()) < _PROSE_SENTENCE_WORDS or not line.endswith(SENTENCE_ENDS):
        return False
    return all(m.group(0) in _PROSE_NAV_WORDS for m in _BOILERPLATE_LOWER_RE.finditer(line.lower()))


def _boilerplate_frac(lines: list[str], table: set[int]) -> float:
    """Share of lines (>= 3) that are menus or boilerplate: a boilerplate phrase on a short line, or a line of
    several items separated by | » › · / >. ``table``: ``table_rows(lines)``. A sentence whose only such phrases are
    ordinary words ("the next or previous search result.") is prose, not a menu."""
    if len(lines) < 3:
        return 0.0
    hits = 0
    # a table row (drawn, or under a rule: ``table_rows``) or a menu instruction of a manual, not a menu
    for i, ln in enumerate(lines):
        if ln.startswith(("|", "+", "│", "┌", "├", "└")) or i in table or is_menu_instruction(ln):
            continue
        if len(ln) > 80:
            continue
        if len(_MENU_SEP_RE.findall(ln)) >= 2 or _boilerplate_phrase(ln) and not _sentence_words_only(ln):
            hits += 1
    return hits / len(lines)


def _short_no_sentence(text: str, letters: int) -> float:
    """1.0 for a short text (< 100 characters) with no sentence: no clause punctuation outside numbers and
    fewer than 20 letters — a heading, a date stamp or a menu label on its own."""
    body = text.strip()
    if len(body) >= _SHORT_TEXT or letters >= 20:
        return 0.0
    return 0.0 if _SENTENCE_MARK_RE.search(body) else 1.0


def _is_unspaced(lang: str | None, counts: CharCounts) -> bool:
    """Unspaced if the language says so; for unknown languages, if most letters are Han/Kana/Thai."""
    if lang and lang != "und":
        return lang.split("-")[0].lower() in _UNSPACED
    return counts.hkt * 2 > counts.letters


# Lines of code and query output that recur in any manual's examples: a statement or brace line, ending in ; { or }
# or opening with a brace ("{", "PGconn *conn;", "} part;"; a semicolon inside a line is prose's), a bracketed line
# ("(3 rows)", "(b)"), a rule, a command tag of two or more words in capitals ("CREATE TABLE", "INSERT 0 3"; a one-word
# "ADVERTISEMENT" repeated is page furniture).
_EXAMPLE_LINE = re.compile(r"[;{}]$|^[{}]|^\(.*\)$|^[-=+|:\s]+$|^[A-Z]+(?: [A-Z0-9_]+)+$")
_RULE_LINE = re.compile(r"[-=+|:\s]+")  # _EXAMPLE_LINE's rule alternative, for a line without a line break
_COMMAND_TAG = re.compile(r"[A-Z]+(?: [A-Z0-9_]+)+")  # its command-tag alternative, likewise


def _example_line(line: str) -> bool:
    """``_EXAMPLE_LINE.search(line) is not None``, by tests of the line's first and last characters before any pattern:
    the search tries its anchored alternatives at every position of the line (a 700-character line: ≈ 26 µs, this
    ≈ 1 µs). A line holding a line break (``$`` may match before it) or an empty one is searched as before."""
    if not line or "\n" in line:
        return _EXAMPLE_LINE.search(line) is not None
    first, last = line[0], line[-1]
    if last in ";{}" or first in "{}" or (first == "(" and last == ")" and len(line) > 1):
        return True
    if first in "-=+|:" or first.isspace():
        return _RULE_LINE.fullmatch(line) is not None
    return "A" <= first <= "Z" and _COMMAND_TAG.fullmatch(line) is not None


def _symbol_count(text: str) -> int:
    """``len(_SYMBOL_RE.findall(text))`` by substring counts: the alternatives never share a character and
    ``str.count`` counts non-overlapping "..." from the left as the scan does (three C scans, ≈ 4x cheaper)."""
    return text.count("#") + text.count("...") + text.count("…")


def _dup_fraction(items: list[str], exempt: set[int] | None = None) -> tuple[float, float]:
    """Gopher duplicate lines/paragraphs: share of items that repeat an earlier one, and their char share. Items
    whose index is in ``exempt`` count in the total but never as copies."""
    if not items:
        return 0.0, 0.0
    seen: set[str] = set()
    dup = dup_chars = total = 0
    for i, it in enumerate(items):
        total += len(it)
        if it in seen and not (exempt and i in exempt):
            dup += 1
            dup_chars += len(it)
        else:
            seen.add(it)
    return dup / len(items), (dup_chars / total if total else 0.0)


def _token_ids(tokens: list[str]) -> tuple[dict[str, int], np.ndarray]:
    """One pass over the tokens: an id per distinct token (first-seen order) and the tokens as ids (uint64).
    Shared by the n-gram, unique-word, stop-word and lexical-diversity signals."""
    ids = {t: i for i, t in enumerate(dict.fromkeys(tokens))}
    return ids, np.fromiter(map(ids.__getitem__, tokens), dtype=np.uint64, count=len(tokens))


def _copies_at(head: np.ndarray, p: int) -> bool:
    """Whether ``head`` holds four copies of a period of ``p`` tokens: 3p tokens in a row equal to the token p later
    (``tandem_repeat_frac``'s own test of a period)."""
    same = head[p:] == head[:-p]
    need = 3 * p
    if len(same) < need or not (same[:-2] & same[1:-1] & same[2:]).any():  # three in a row: the search's first test
        return False
    if p == 1:
        return True
    run = np.zeros(len(same) + 1, dtype=np.int32)
    np.cumsum(same, out=run[1:])
    return bool((run[need:] - run[:-need] == need).any())


_TANDEM_HEAD = 2000  # token ids ``tandem_repeat_frac`` reads (bounded cost)


def _tandem(codes: np.ndarray, dup6: float, dup10: float, run4: bool | None = None) -> float:
    """``junk_shapes.tandem_repeat_frac`` over the first 2,000 token ids (bounded cost). Four copies of a period
    of p >= 2 tokens hold a repeated 3p-gram (the copies from the first and from the second), so a 6-gram at
    least; without one (``dup_6gram_frac`` 0, most text) only runs of one token can be there, and without a repeated
    10-gram (``dup_10gram_frac`` 0) only periods 1 to 3: those are tested directly (``_copies_at``), and without any the
    full search finds nothing (0.0) and is skipped. ``run4``: ``_copies_at(head, 1)`` from the caller's batch pass
    (``_runs_of_four_batch``), tested here without it."""
    head = codes[:_TANDEM_HEAD]
    if dup10 == 0.0:
        if run4 is None:
            run4 = _copies_at(head, 1)
        if not run4 and (dup6 == 0.0 or not (_copies_at(head, 2) or _copies_at(head, 3))):
            return 0.0
    return tandem_repeat_frac(head)


def _runs_of_four_batch(codes_list: Sequence[np.ndarray]) -> list[bool]:
    """Per text, ``_copies_at(codes[:2000], 1)`` (four equal token ids in a row among the first 2,000), for a whole
    batch in one comparison of the joined heads (a run never counts across two texts): the per-text test cost a
    handful of NumPy calls on every document, most of which have no such run."""
    k = len(codes_list)
    if k == 0:
        return []
    heads = [c[:_TANDEM_HEAD] for c in codes_list]
    ends = np.cumsum(np.fromiter(map(len, heads), dtype=np.int64, count=k))
    a = np.concatenate(heads)
    eq = a[1:] == a[:-1]
    pos = np.flatnonzero(eq[:-2] & eq[1:-1] & eq[2:])  # a[p] == a[p + 1] == a[p + 2] == a[p + 3]
    found = np.zeros(k, dtype=bool)
    if len(pos):
        doc = np.searchsorted(ends, pos, side="right")  # the text that position p belongs to
        found[doc[pos + 3 < ends[doc]]] = True  # the run ends inside that text's head
    return found.tolist()


class _Tokens(NamedTuple):
    """A text's tokenisation, shared by every signal (and by the batch n-gram pass)."""

    text: str
    counts: CharCounts  # letters by script, white space, digits, control characters (``char_counts``)
    unspaced: bool
    lower: str
    tokens: list[str]
    ids: dict[str, int]
    codes: np.ndarray


def _tokenise(text: str, lang: str | None, counts: CharCounts | None = None) -> _Tokens:
    """``counts``: ``char_counts_batch([text])[0]``, from the caller's batch pass (computed here without it)."""
    if not isinstance(text, str):
        text = ""
    if counts is None:
        counts = char_counts_batch([text])[0]
    unspaced = _is_unspaced(lang, counts)
    lower = text.lower()
    if unspaced:
        tokens = _UNSPACED_TOKEN_RE.findall(lower)
    else:
        tokens = lower.translate(_ASCII_ALNUM_ONLY).split() if lower.isascii() else _SPACED_TOKEN_RE.findall(lower)
    ids, codes = _token_ids(tokens)
    return _Tokens(text, counts, unspaced, lower, tokens, ids, codes)


def compute_signals(text: str, lang: str | None = None) -> dict[str, float]:
    """All signals for one document; never raises on odd input (returns finite values)."""
    text = strip_overstrikes(text) if isinstance(text, str) else text  # x\bx / _\bx as col -b prints them
    tok = _tokenise(text, lang)
    ngrams: dict[str, float] = {}
    _ngram_signals(tok.tokens, tok.codes, ngrams)
    ngrams.update(textlm_batch([text], coherence=False)[0])  # n-gram LM signals (order of words and characters)
    ngrams["han_orphan_frac"] = han_orphan_batch([text])[0]  # quality/junk_noise_han.py
    ngrams["flood_run_frac"] = flood_runs_batch([text])[0]  # a run in characters; _signals makes it a share
    return _signals(tok, lang, ngrams, han_stats(tok.text))


def compute_signals_batch(texts: Sequence[str], langs: Sequence[str | None]) -> list[dict[str, float]]:
    """``compute_signals`` of each (text, language), equal to it value for value; the n-gram repetition
    signals and the Han character statistics of the whole batch are computed in one numpy pass each
    (``ngram_repeats.ngram_signals_batch``, ``naturalness.han_stats_batch``), which pays numpy's per-call cost
    once per batch instead of once per document."""
    texts = [strip_overstrikes(t) if isinstance(t, str) else t for t in texts]  # x\bx / _\bx as col -b prints them
    toks = [_tokenise(t, lang, c) for t, lang, c in zip(texts, langs, char_counts_batch(texts), strict=True)]
    lens = token_lengths_batch([t.tokens for t in toks])
    ngrams = ngram_signals_batch([t.tokens for t in toks], [t.codes for t in toks], lens[0])
    ngrams = [ng | lm for ng, lm in zip(ngrams, textlm_batch(texts, coherence=False), strict=True)]  # LM signals
    for ng, orphan in zip(ngrams, han_orphan_batch(texts), strict=True):  # quality/junk_noise_han.py, per batch
        ng["han_orphan_frac"] = orphan
    for ng, run in zip(ngrams, flood_runs_batch(texts), strict=True):  # quality/junk_flood.py, per batch
        ng["flood_run_frac"] = run
    han = han_stats_batch([t.text for t in toks])
    run4 = _runs_of_four_batch([t.codes for t in toks])
    return [_signals(t, lang, ng, h, r, tl)
            for t, lang, ng, h, r, tl in zip(toks, langs, ngrams, han, run4, zip(*lens[1:], strict=True), strict=True)]


# The signals of ``SIGNAL_NAMES`` in order, as a tuple: one C call instead of a lookup per name.
_IN_ORDER = itemgetter(*SIGNAL_NAMES)


def _signals(tok: _Tokens, lang: str | None, ngrams: dict[str, float],
             han_sig: tuple[float, float, float, float, int, int], run4: bool | None = None,
             tok_lens: tuple[int, int] | None = None) -> dict[str, float]:
    """Every signal of a tokenised text, given its n-gram repetition signals and its ``han_stats`` (``run4``: see
    ``_tandem``; ``tok_lens``: the tokens' total and longest length, ``token_lengths_batch``; computed here without)."""
    text, cc, unspaced, lower, tokens, ids, codes = tok
    ascii_only = text.isascii()  # O(1) in CPython: patterns that need a non-ASCII character are skipped
    n_chars = len(text)
    # integer counts of the batch's one NumPy pass (quality/char_counts.py), each equal to the scan named there
    letters = cc.letters
    cjk = cc.hkg
    n_split = cc.words  # len(text.split()), from the batch pass
    nonspace = n_chars - cc.spaces
    digits = cc.digits
    n_tok = len(tokens)
    n_words = n_tok if unspaced else n_split

    lines = text.split("\n")
    stripped = [ln.strip() for ln in lines]
    nonempty = [ln for ln in stripped if ln]
    n_lines = len(nonempty)
    short_limit = 10 if unspaced else 30  # FineWeb's 30 chars ~ 10 CJK characters

    out: dict[str, float] = {}
    out["chars"] = float(n_chars)
    out["words"] = float(n_words)
    if tok_lens is None:
        tok_lens = (sum(map(len, tokens)), max(map(len, tokens), default=0))
    out["mean_word_length"] = (tok_lens[0] / n_tok) if n_tok else 0.0
    out["max_word_length"] = float(tok_lens[1] if unspaced else cc.longest_word)
    out["symbol_word_ratio"] = _symbol_count(text) / n_words if n_words else 0.0
    if n_lines:
        out["bullet_lines_frac"] = sum(1 for ln in nonempty if ln.startswith(_BULLETS)) / n_lines
        out["ellipsis_lines_frac"] = sum(1 for ln in nonempty
                                         if ln.endswith(_ELLIPSES) and not ln.endswith(_SPACED_ELLIPSES)) / n_lines
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
        if ascii_only:
            with_letter = len(text.translate(_ASCII_LETTERS_AND_SPACE).split())
        else:
            with_letter = n_split - len(_NO_LETTER_WORD_RE.findall(text))
        out["alpha_words_frac"] = with_letter / n_split if n_split else 0.0
    base = (lang or "").split("-")[0].lower()
    stop = _STOPWORDS.get(base)
    if stop is None and base in ("", "und"):
        stop = _STOPWORDS["zh"] if unspaced else None
    out["stopword_list"] = 1.0 if stop is not None else 0.0
    if stop is not None and not stop.isdisjoint(ids):
        counts = np.bincount(codes.astype(np.intp), minlength=len(ids))
        out["stopword_hits"] = float(sum(int(counts[ids[w]]) for w in stop if w in ids))
    else:
        out["stopword_hits"] = 0.0
    stop_share = out["stopword_hits"] / n_words if n_words else 0.0
    # repeated terms, or items of one shape (quality/ngram_repeats.py): duplicated n-grams that are not copied passages
    # a manual's examples repeat their code and output lines (table rows, statements, command tags): not copies, so
    # neither the templated-items exemption nor the duplicate-line share reads them
    table = table_rows(nonempty)
    terms = repeated_terms(ngrams["dup_5gram_frac"], ngrams["dup_10gram_frac"], stop_share)
    if not terms and ngrams["dup_5gram_frac"] > 0.0:
        terms = templated_items([ln for i, ln in enumerate(nonempty) if i not in table and not _example_line(ln)],
                                stop_share)
    out["dup_ngram_terms"] = terms
    out["unique_words_frac"] = _unique_words_frac(codes, len(ids))

    bordered = _has_borders(text)
    kept = [i for i, ln in enumerate(nonempty) if _has_content(ln)] if bordered else range(len(nonempty))
    content_lines = [nonempty[i] for i in kept]
    example = {j for j, i in enumerate(kept) if i in table or _example_line(nonempty[i])}
    # a task manual's step repeated in its sections (quality/doc_steps.py) is no copied line either
    example |= section_steps(content_lines)
    out["dup_line_frac"], out["dup_line_char_frac"] = _dup_fraction(content_lines, example)
    paras = [p.strip() for p in _PARA_RE.split(text)]
    out["dup_para_frac"], out["dup_para_char_frac"] = _dup_fraction([p for p in paras if p])
    # FineWeb's char_duplicates_ratio: characters in repeated lines over all characters.
    dup_line_chars = out["dup_line_char_frac"] * sum(map(len, nonempty))
    out["char_dup_frac"] = min(1.0, dup_line_chars / n_chars) if n_chars else 0.0
    out["newline_ratio"] = text.count("\n") / n_words if n_words else 0.0
    out.update(ngrams)
    out["flood_run_frac"] = flood_run_frac(text, nonspace, int(ngrams["flood_run_frac"]))
    out["tandem_repeat_frac"] = _tandem(codes, out["dup_6gram_frac"], out["dup_10gram_frac"], run4)

    out["sentences"] = float(len(_SENTENCE_RE.findall(text)))
    # On ASCII text a case-insensitive match is a substring of the lower-cased text (no Unicode case folds).
    lorem = "lorem ipsum" in lower if ascii_only else _LOREM_RE.search(text)
    out["lorem_ipsum"] = 1.0 if lorem else 0.0
    out["curly_bracket"] = 1.0 if "{" in text else 0.0
    js = "javascript" in lower if ascii_only else _JS_RE.search(text)
    out["javascript"] = 1.0 if js else 0.0

    repl = cc.replacement
    out["replacement_chars"] = float(repl)
    out["replacement_frac"] = repl / n_chars if n_chars else 0.0
    # overstrikes (x\bx, _\bx, ___\b\b\bfoo) were resolved before any signal (strip_overstrikes), so a backspace left
    # here is damage, not typewriter formatting
    out["control_frac"] = cc.control / n_chars if n_chars else 0.0
    moji = 0 if ascii_only else sum(len(m) for m in _MOJIBAKE_RE.findall(text))  # every pattern is non-ASCII
    out["mojibake_frac"] = min(1.0, moji / n_chars) if n_chars else 0.0
    out["spaced"] = 0.0 if unspaced else 1.0

    out["lexical_diversity"] = _lexical_diversity(codes, len(ids))
    out["template_slots"] = template_slots(nonempty)  # the rule's exemption: one sentence template, an item per line
    head_lower = text[:_HEAD_CHARS].lower() if not unspaced or base == "en" else ""
    # ASCII text: one scan gives the Latin words of the 2,000-character prefix and of the first 1,000 (sorted_words)
    latin_words, first_words = (ascii_latin_words(head_lower, SORT_CHARS) if ascii_only and not unspaced
                                else (None, None))
    out["latin_logp"] = 0.0 if unspaced else latin_logp(text, lang, head_lower, latin_words)
    out["han_logfreq"], out["han_bigram_frac"], out["han_pair_pmi"], out["han_order_margin"] = han_sig[:4]
    han, out["han_run_max"] = han_sig[4:]
    if base == "en":
        head_words = head_lower.split()
        out["det_misorder_frac"] = det_misorder_frac(text, head_words)
        out["word_pair_pmi"] = word_pair_pmi(text, head_words)
    else:
        out["det_misorder_frac"], out["word_pair_pmi"] = 0.0, 9.0
    out["machine_lines_frac"] = machine_lines_frac(text, n_lines)
    out["sorted_words_frac"] = 0.0 if unspaced else sorted_words_frac(text, first_words)
    # Mojibake is made of rare characters in pairs no dictionary has: only weak-pair text is re-decoded.
    weak = out["han_pair_pmi"] < 1.0 or out["han_pair_pmi"] == 9.0
    out["utf8_as_gbk_frac"] = utf8_as_gbk_frac(text) if han >= 10 and weak else 0.0
    out["han_chars"] = float(han)
    out["url_lines_frac"] = _url_lines_frac(nonempty)
    tag_chars = sum(len(m) for m in _TAG_RE.findall(text))
    out["markup_char_frac"] = min(1.0, tag_chars / n_chars) if n_chars else 0.0
    if bordered:
        unbordered = _BORDER_RE.sub("", text)
        body = len("".join(unbordered.split()))
        out["letters_frac"] = len(unbordered.translate(script_table())) / body if body else 0.0
    else:  # the text's own letter and non-space counts
        out["letters_frac"] = letters / nonspace if nonspace else 0.0
    out["boilerplate_lines_frac"] = _boilerplate_frac(nonempty, table)
    out["short_no_sentence"] = _short_no_sentence(text, letters)
    out["web_code_frac"] = web_code_frac(text)
    # the rule's exemption (unless:): read only where there is web code to explain
    out["web_code_explained"] = web_code_explained(text) if out["web_code_frac"] > 0.0 else 0.0
    if out["web_code_explained"] > 0.5:  # a tutorial's explained listing is no residue, for the junk score too (docs round 11)
        out["web_code_frac"] = 0.0
    out["escaped_char_frac"] = escaped_char_frac(text)
    # Six copies of a unit of 2+ tokens contain a repeated token 10-gram: text without one skips the search
    # (most; loops of a single token are tandem_repeat_frac's).
    out["loop_copies_max"] = loop_copies_max(text) if out["dup_10gram_frac"] > 0.0 else 1.0
    out["weak_pair_clause_cv"] = han_clause_cv(text) if out["han_pair_pmi"] < WEAK_PAIR_PMI else 0.0
    boiler = boilerplate_flags(nonempty, table)  # once per document: line_signals and chrome_keys read it
    out.update(line_signals(nonempty, table, boiler))  # boilerplate and page-furniture lines (quality/junk_lines.py)
    chrome = chrome_keys(nonempty, table, boiler)
    out["chrome_lines"] = float(len(chrome))  # page chrome lines of any shape (quality/junk_chrome.py)
    out["furniture_lines"] = furniture_lines(nonempty, chrome)  # furniture sentences + chrome (quality/junk_furniture.py)
    out.update(fragment_signals(text, unspaced))  # broken units: cut sentences, columns (quality/junk_fragments.py)
    out.update(cut_signals(text) if han else CUT_NEUTRAL)  # Chinese cut by a machine (quality/junk_cuts.py)
    out["han_islands_frac"] = han_islands_frac(text) if han else 0.0  # word-by-word translation (quality/junk_mt.py)
    out.update(spliced_signals(text, han > 0))  # furniture inside sentences, unclosed heads (quality/junk_spliced.py)
    out.update(machine_signals(text))  # machine marks on every word, line or letter (quality/junk_machine.py)
    # swapped / shuffled English: case and full stops out of place (quality/junk_order_marks.py)
    out["case_order_breaks_en"] = 0.0 if han else case_order_breaks_en(text)
    out["zh_mark_misorder"] = zh_mark_misorder(text) if han else 0.0  # marks moved with swapped words
    out.update(noise_signals(text, lang))  # character-level noise (quality/junk_noise.py)
    out.update(form_signals(text, lang))  # width, case, diacritics, doubled Han (quality/junk_noise_forms.py)
    out["junk_score"] = junk_score(out)  # last: the learned model reads the signals above
    return dict(zip(SIGNAL_NAMES, map(float, _IN_ORDER(out)), strict=True))


def evaluate_rules(signals: dict[str, float], policy: QualityPolicy) -> list[tuple[str, str]]:
    """(rule name, action) for every enabled rule whose signal is outside its bound, in policy order.

    Rules scoped to spaced/unspaced text are skipped for the other kind; a rule on ``stopword_hits`` is
    skipped when the language has no stop-word list (``stopword_list == 0``); a rule with ``unless`` is skipped when
    that signal is set (> 0.5).
    """
    if not policy.enabled:
        return []
    # Per-document facts read once, not once per rule (rules are scanned per record in finalise).
    skip = "unspaced" if signals.get("spaced", 1.0) >= 0.5 else "spaced"
    words = signals.get("words", 0.0)
    no_stop_list = signals.get("stopword_list", 0.0) < 0.5
    get = signals.get
    failed: list[tuple[str, str]] = []
    for name, spec in policy.rules.items():
        if not spec.enabled or spec.applies_to == skip:
            continue
        min_words = spec.min_words
        if min_words and words < min_words:
            continue
        if spec.unless and get(spec.unless, 0.0) > 0.5:
            continue
        sig = spec.signal or name
        value = get(sig)
        if value is None or (no_stop_list and sig == "stopword_hits"):
            continue
        threshold = spec.threshold
        if (value > threshold) if spec.bound == "max" else (value < threshold):  # bound is "min" or "max"
            failed.append((name, spec.action))
    return failed


def default_quality_rules() -> dict[str, dict[str, object]]:
    """The shipped rule set (``quality/default_quality_rules.yaml``, equal to the demo policy's rules).

    Length and word-shape rules flag; repetition (from 200 words / 400 characters on), boilerplate, encoding
    damage and the naturalness rules drop. Each entry is a ``RuleSpec`` as a plain dict (YAML/JSON-able).
    """
    import yaml

    path = Path(__file__).with_name("default_quality_rules.yaml")
    with path.open(encoding="utf-8") as f:
        rules = yaml.safe_load(f)
    return {name: dict(spec) for name, spec in rules.items()}
