"""Machine residue: text that is not running prose because a machine annotated, encoded or took it apart.

Why: taggers, tokenizers, mail encoders, diff tools, template engines, input methods and PDF extraction each leave
text whose words are real (so the language statistics pass it) but whose every token, line or letter carries the
machine's mark. What they share is that the mark is **everywhere**, not once: a tagged corpus tags each word, a
quoted-printable body breaks every long line with ``=``, a patch prefixes each line, a template wraps the whole
text, a converter spells each character as a syllable, a tracked PDF sets each letter apart. Documentation that
shows one of these shapes (an NLP manual's tagged sentence, git's diff example, a Jinja manual's template, a
dictionary's reading, RFC mail headers) shows it once, inside prose that explains it, or beside the characters it
reads. So each signal here is the share of the text the mark covers, counted only where the shape repeats, and
each has one drop rule (a reason per drop):

- ``tagged_tokens_frac``: share of words that carry an annotation: a tag glued by ``/`` or ``_`` (``word/NN``,
  ``命令/n``, ``./.``) when the tags are few kinds used again and again (a tag set, not paths or identifiers), a
  treebank's bracketed labels (``(NP (DT The) (NN dog))``) or SentencePiece's word-start mark (``▁word``);
- ``spaced_words_frac``: text taken apart by a tokenizer or segmenter: share of the full stops and commas standing
  apart from both neighbours (``word , word .``) on lines where most are, or of the Han characters in short
  space-separated Han words (``对 使用 动态 加载``);
- ``line_prefix_frac``: share of the lines under a machine's line code: unified-diff hunks (``@@ -a,b +c,d @@``
  and the `` ``/``+``/``-`` lines after it, file headers), quoted-printable soft breaks (a full line ending in a
  glued ``=``, ``=E2=80=99`` escapes) or a running line counter over prose cut mid-sentence (``0012 text``);
- ``template_wrap``: 1.0 when the text is an unrendered template around prose: it opens and closes with template
  tags (``{% … %}``, ``{{ … }}``, ``${…}``, ``<% … %>``, ``[% … %]``, ``<?php … ?>``) and a third of its lines hold
  a slot, prose among them;
- ``pinyin_run_frac``: share of the text (Han characters and Latin words) that is runs of 4+ pinyin syllables
  in Han text, where the run is not the reading of the Han word right before it (a dictionary's or a textbook's gloss);
- ``letter_spaced_frac``: share of the letters standing alone in runs of 3+ single letters (``t h e   r e s t``).

Each is a small pure function of the text's first ``MAX_CHARS`` characters (no Beam, no model). zh adaptation:
the tag, diff and template shapes are script-free; ``spaced_words_frac`` and ``pinyin_run_frac`` read Han text.
"""

from __future__ import annotations

import re
from collections import Counter

MAX_CHARS = 3000
# a line that holds prose: 8 words running, or 12 Han characters running
_PROSE = re.compile(r"(?:[A-Za-z][a-z'’-]+[,.;:]?\s+){8}|[\u4e00-\u9fff]{12}")

# ---- annotated tokens ----
# a token and its annotation: the body (a word or a punctuation mark) and a short tag of letters after "/" or "_"
_TAGGED = re.compile(r"(?P<body>[^\s/_]+)(?P<sep>[/_])(?P<tag>[A-Za-z]{1,5}\$?|[^\w\s]{1,2})")
# a treebank's bracketed tags: "(NP" opens a labelled constituent, "dog)" closes one
_TREE_OPEN = re.compile(r"\(+[A-Z][A-Z$.,:-]*")
_TREE_CLOSE = re.compile(r"[^()\s]+\)+")
_PIECE = "\u2581"  # SentencePiece's word-start mark (▁), glued to each word's first piece
MIN_TAGGED = 8  # tagged words before the text is judged
MAX_TAG_KINDS = 0.5  # distinct tags per tagged word at most: a tag set repeats, identifiers and paths do not
MIN_BODY_KINDS = 0.4  # distinct words per tagged word at least: running text, not a tree of MIME types (text/plain)


def _slash_tagged(toks: list[str]) -> int:
    """Words with a tag after one separator (``word/NN``, ``词/v``, ``word_NN``), 0 unless the tags repeat and the
    words do not."""
    by_sep: dict[str, Counter[str]] = {"/": Counter(), "_": Counter()}
    bodies: dict[str, set[str]] = {"/": set(), "_": set()}
    for t in toks:
        m = _TAGGED.fullmatch(t)
        if m:
            by_sep[m.group("sep")][m.group("tag")] += 1
            bodies[m.group("sep")].add(m.group("body").lower())
    sep = max(by_sep, key=lambda k: sum(by_sep[k].values()))
    n = sum(by_sep[sep].values())
    if n < MIN_TAGGED or len(by_sep[sep]) > MAX_TAG_KINDS * n or len(bodies[sep]) < MIN_BODY_KINDS * n:
        return 0
    return n


def _tree_tagged(toks: list[str]) -> int:
    """Tokens of a bracketed parse (``(NP (DT The) (NN dog))``): labelled openings and the words closing them, 0
    unless ``MIN_TAGGED`` openings are there."""
    opens = sum(1 for t in toks if _TREE_OPEN.fullmatch(t))
    return opens + sum(1 for t in toks if _TREE_CLOSE.fullmatch(t)) if opens >= MIN_TAGGED else 0


def tagged_tokens_frac(text: str) -> float:
    """Share of white-space words that carry a machine's annotation: a tag glued on (``word/NN``, ``词/v``; the tags
    repeating, ``MAX_TAG_KINDS``), a treebank's bracketed label (``(NN dog)``) or SentencePiece's word-start mark
    (``▁word``); 0.0 under ``MIN_TAGGED`` such words."""
    head = text[:MAX_CHARS]
    slashes = head.count("/") + head.count("_") >= MIN_TAGGED  # cheap: every tagged word holds one
    trees = head.count("(") >= MIN_TAGGED
    pieces = head.count(_PIECE) >= MIN_TAGGED
    if not (slashes or trees or pieces):
        return 0.0
    toks = head.split()
    n = max(_slash_tagged(toks) if slashes else 0, _tree_tagged(toks) if trees else 0,
            sum(1 for t in toks if t.startswith(_PIECE)) if pieces else 0)
    return n / len(toks) if n >= MIN_TAGGED else 0.0


# ---- tokenizer / segmenter spacing ----
# a comma or full stop after a token, set apart or glued to it
_SPACED_MARK = re.compile(r"(?<=\S) ([,.])(?= |$)", re.M)
_GLUED_MARK = re.compile(r"(?<=\S)[,.](?=\s|$)", re.M)
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_WIDE_MARKS = "，。、；：！？"
_SPACED_WIDE = re.compile(r"(?<=[\u4e00-\u9fff])[ \t]+[，。、；：！？]")
MIN_SPACED = 4


def spaced_words_frac(text: str) -> float:
    """Share of the sentence marks a tokenizer or segmenter split off: full-width marks (which carry their own
    spacing, so no writer types a space before them) after white space, out of all full-width marks; or, in text
    with little Han, the commas and full stops standing apart from the token before them (``word , word .``), out of
    all of them after a token, when both kinds stand apart: a tokenizer splits every mark, sentence ends and commas
    alike, while a writer's habit spaces one kind (a French manual's list typed ``AGP , PCI , CardBus``, Perl's
    ``$a . $b``). 0.0 under ``MIN_SPACED`` such marks."""
    head = text[:MAX_CHARS]
    han = 0.0
    if not head.isascii() and any(" " + m in head or "\t" + m in head for m in _WIDE_MARKS):
        spaced_wide = len(_SPACED_WIDE.findall(head))
        if spaced_wide >= MIN_SPACED:
            han = spaced_wide / sum(map(head.count, _WIDE_MARKS))
    if not (" ," in head and " ." in head) or (not head.isascii()
                                                and 10 * len(_HAN.findall(head)) > len(_LATIN.findall(head))):
        return han
    spaced = _SPACED_MARK.findall(head)
    if len(spaced) < MIN_SPACED or "," not in spaced or "." not in spaced:
        return han
    return max(han, len(spaced) / (len(spaced) + len(_GLUED_MARK.findall(head))))


# ---- line codes: diff hunks, quoted-printable ----
_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@")
_FILE_HEAD = re.compile(r"^(?:diff --git |index [0-9a-f]{6,}\.\.[0-9a-f]{6,}|(?:---|\+\+\+) [^\s/]*/\S|Index: \S+/)")
_QP_SOFT = re.compile(r"[^\s=]=$")
_QP_UTF8 = re.compile(r"=[C-F][0-9A-F](?:=[89AB][0-9A-F])+")
_MIME = re.compile(r"^(?:Content-[A-Za-z-]+: \S|MIME-Version: |--[=_\w.-]{8,}(?:--)?\s*$)")
_DIFF_KEYS = ("@@ -", "--- ", "+++ ", "Index: ")  # literals a diff's lines need (cheap tests before any line is read)
_QP_HINT = re.compile(r"=[C-F]")  # the first byte of an escaped UTF-8 sequence
MIN_OUTSIDE_PROSE = 2
QP_LINE = 60  # a soft break ends a full line (RFC 2045 breaks at 76)
MIN_CODED_LINES = 3


_COUNTED_LINE = re.compile(r"\n[ \t]*\d{1,5}[ \t]+\S")  # a later line starting with a number (a literal first: fast)
_LINE_NUMBER = re.compile(r"[ \t]*(\d{1,5})[ \t]+(.*)")
MIN_COUNTED = 4  # lines in a row under a running counter
_SENTENCE_END = frozenset(".!?:;。！？：；")


def _counted_lines(lines: list[str]) -> set[int]:
    """Indexes of the lines under a running line counter (``0012 text``, ``13 text`` …: each number one more than the
    line before, ``MIN_COUNTED`` lines in a row) whose text is prose, most of them ending mid-sentence: a printed page's
    line numbers read with its text: most lines run on into the next. A numbered list or a contents page starts each
    item anew, a numbered code listing holds no prose."""
    out: set[int] = set()
    run: list[tuple[int, str]] = []
    last = None
    for i, ln in enumerate([*lines, ""]):
        m = _LINE_NUMBER.fullmatch(ln)
        number = int(m.group(1)) if m else None
        if m and last is not None and number == last + 1 and run:
            run.append((i, m.group(2)))
            last = number
            continue
        if len(run) >= MIN_COUNTED:
            prose = sum(1 for _, body in run if _PROSE.search(body + " "))
            # a sentence running on: the line does not end one and the next numbered line goes on in lower case
            runs_on = sum(1 for (_, a), (_, b) in zip(run, run[1:], strict=False)
                          if a.rstrip()[-1:] not in _SENTENCE_END and (b[:1].islower() or _HAN.match(b[:1])))
            if 2 * prose >= len(run) and 2 * runs_on >= len(run) - 1:
                out.update(j for j, _ in run)
        run = [(i, m.group(2))] if m else []
        last = number
    return out


def line_prefix_frac(text: str) -> float:
    """Share of non-blank lines under a machine's line code: diff file headers, hunk headers and the lines of each
    hunk (starting `` ``, ``+`` or ``-``); lines under a running counter (``_counted_lines``); or quoted-printable lines (a soft break after a full line, an escaped UTF-8
    sequence) with the MIME part lines around them (``Content-…:`` headers, ``--boundary``), these only when a
    quoted-printable line is there (mail headers alone are no encoding). 0.0 under ``MIN_CODED_LINES``, and 0.0 when
    prose outside the coded lines explains them (``MIN_OUTSIDE_PROSE`` lines and a quarter of all: git's manual
    showing a patch, an RFC showing an encoded body); the line after a soft break is its paragraph's tail, not prose
    outside."""
    head = text[:MAX_CHARS]
    codes = ("=" in head and ("=\n" in head or head.rstrip().endswith("=") or _QP_HINT.search(head) is not None)
             or any(k in head for k in _DIFF_KEYS))
    counter = head.lstrip()[:1].isdigit() or _COUNTED_LINE.search(head) is not None
    if not (codes or counter):  # cheap: no code's literal, no line starting with a number
        return 0.0
    lines = [ln for ln in head.split("\n") if ln.strip()]
    if len(lines) < MIN_CODED_LINES:
        return 0.0
    numbered = _counted_lines(lines) if counter else set()
    diff = qp = mime = outside = 0
    in_hunk = soft = False
    for i, ln in enumerate(lines):
        tail, soft = soft, False
        if i in numbered:
            continue
        if _HUNK.match(ln) or _FILE_HEAD.match(ln):
            diff += 1
            in_hunk = ln.startswith("@@")
        elif in_hunk and ln[:1] in " +-\\":
            diff += 1
        else:
            in_hunk = False
            if (len(ln) >= QP_LINE and _QP_SOFT.search(ln)) or _QP_UTF8.search(ln):
                qp += 1
                soft = ln.endswith("=")
            elif _MIME.match(ln):
                mime += 1
            elif not tail and _PROSE.search(ln):
                outside += 1
    coded = diff + (qp + mime if qp else 0) + len(numbered)
    if coded < MIN_CODED_LINES or (outside >= MIN_OUTSIDE_PROSE and 4 * outside >= len(lines)):
        return 0.0
    return coded / len(lines)


# ---- unrendered templates ----
# the slots of the common template languages: Jinja / Django / Liquid / Handlebars, ${…} (JS, Mako, shell), ERB / ASP /
# EJS, Template Toolkit, PHP
_SLOT_FORMS = r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}|\$\{[^}\n]+\}|<%.*?%>|\[%.*?%\]|<\?(?:php|=).*?\?>"
_SLOT = re.compile(_SLOT_FORMS)
_TAG_LINE = re.compile(r"^\s*(?:<(?![%?])[^>]+>\s*)*(?:" + _SLOT_FORMS + ")")  # HTML tags may come first
_SLOT_KEYS = ("{%", "{{", "${", "{#", "<%", "[%", "<?")
_QUOTED = re.compile(r"``.*?``|`[^`\n]*`")
MIN_SLOT_SHARE = 1 / 3


def template_wrap(text: str) -> float:
    """1.0 when the first and last non-blank lines open with a template tag, at least ``MIN_SLOT_SHARE`` of the
    lines hold a slot (outside inline code quotes) and a line holds prose: a template's source left unrendered, not a
    manual quoting one."""
    head = text[:MAX_CHARS]
    if not any(k in head for k in _SLOT_KEYS):  # cheap: no slot at all
        return 0.0
    lines = [_QUOTED.sub("", ln) for ln in head.split("\n") if ln.strip()]
    if len(lines) < 3 or not (_TAG_LINE.match(lines[0]) and _TAG_LINE.match(lines[-1])):
        return 0.0
    slots = sum(1 for ln in lines if _SLOT.search(ln))
    if slots < MIN_SLOT_SHARE * len(lines) or not any(_PROSE.search(ln) for ln in lines):
        return 0.0
    return 1.0


# ---- pinyin for characters ----
_SYLLABLES = frozenset("""
a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can cang cao ce cen ceng cha
chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun chuo ci cong cou cu cuan cui
cun cuo da dai dan dang dao de dei den deng di dia dian diao die ding diu dong dou du duan dui dun duo e ei en eng er
fa fan fang fei fen feng fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo ha
hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo ji jia jian jiang jiao jie jin jing jiong
jiu ju juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo la lai lan lang lao
le lei leng li lia lian liang liao lie lin ling liu lo long lou lu luan lun luo lü lüe lv lve ma mai man mang mao me
mei men meng mi mian miao mie min ming miu mo mou mu na nai nan nang nao ne nei nen neng ni nian niang niao nie nin ning
niu nong nou nu nuan nuo nü nüe nv nve o ou pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu qi qia
qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo sa
sai san sang sao se sen seng sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun
shuo si song sou su suan sui sun suo ta tai tan tang tao te teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa
wai wan wang wei wen weng wo wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin
ying yo yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi
zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo
""".split())
MIN_RUN = 4  # syllables in a row before a run counts
_PY = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
_CANDIDATE_RUN = re.compile(rf"(?<!\S)(?:[{_PY}]{{1,7}}[1-5]?\s+){{{MIN_RUN - 1},}}[{_PY}]{{1,7}}[1-5]?(?!\S)")
MIN_PINYIN_HAN = 10  # Han characters of text where pinyin stands in for part of it
MIN_PINYIN_ALONE = 0.5  # the share of text with fewer Han characters: pinyin for all of it, not a few Romance words


_MARKS = {"a": "āáǎà", "e": "ēéěè", "i": "īíǐì", "o": "ōóǒò", "u": "ūúǔù", "ü": "ǖǘǚǜ"}


def _tone_forms(syl: str) -> list[str]:
    """``syl`` toneless, with tone numbers 1-5 and with each tone mark on the vowel pinyin puts it on (a or e first,
    the o of ou, else the last vowel)."""
    out = [syl, *(syl + d for d in "12345")]
    vowels = [i for i, c in enumerate(syl) if c in _MARKS]
    if not vowels:
        return out
    at = next((i for i in vowels if syl[i] in "ae"), None)
    if at is None:
        at = syl.find("ou") if "ou" in syl else vowels[-1]
    return out + [syl[:at] + m + syl[at + 1:] for m in _MARKS[syl[at]]]


# every written form of every syllable: a word's test is one set look-up, and a text's count one C-speed map
_FORMS = frozenset(f for syl in _SYLLABLES for f in _tone_forms(syl))


def _syllable(tok: str) -> bool:
    """A pinyin syllable in lower case, toneless, with a tone number or with a tone mark."""
    return tok in _FORMS


def _runs(words: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each run of ``MIN_RUN``+ pinyin syllables in ``words``."""
    out = []
    start = None
    for i, w in enumerate([*words, ""]):
        if w and _syllable(w):
            start = i if start is None else start
            continue
        if start is not None and i - start >= MIN_RUN:
            out.append((start, i))
        start = None
    return out


def pinyin_run_frac(text: str) -> float:
    """Share of the text's units (Han characters and white-space words) in runs of ``MIN_RUN``+ pinyin syllables,
    leaving out a run that reads the Han word just before it (as many syllables as characters, give or take one:
    ``中华人民共和国 zhōng huá rén mín gòng hé guó``). In text with under ``MIN_PINYIN_HAN`` Han characters only
    a share of ``MIN_PINYIN_ALONE`` or more counts (Spanish ``le ha de`` and English ``he ran a long`` are syllables
    too, in short runs)."""
    return _pinyin_run_frac(text[:MAX_CHARS], None)


def _pinyin_run_frac(head: str, toks: list[str] | None) -> float:
    """``pinyin_run_frac`` of a prefix whose white-space words may be split already."""
    toks = head.split() if toks is None else toks
    # cheap bounds first (C speed): the runs are at most the words that are syllables
    maybe = sum(map(_FORMS.__contains__, toks))
    if maybe < MIN_RUN:
        return 0.0
    han = 0 if head.isascii() else len(_HAN.findall(head))
    if han < MIN_PINYIN_HAN and maybe < MIN_PINYIN_ALONE * len(toks):
        return 0.0
    runs = 0
    for m in _CANDIDATE_RUN.finditer(head):  # runs of short lower-case words (C speed); syllables tested inside
        words = m.group(0).split()
        before = head[max(0, m.start() - 16): m.start()].split()
        for start, end in _runs(words):
            prev = words[start - 1] if start else (before[-1] if before else "")
            read = len(_HAN.findall(prev))
            if not (read and abs(read - (end - start)) <= 1):
                runs += end - start
    if not runs:
        return 0.0
    units = han + sum(1 for t in toks if not _HAN.search(t))
    share = runs / units if units else 0.0
    return share if han >= MIN_PINYIN_HAN or share >= MIN_PINYIN_ALONE else 0.0


# ---- letters standing apart ----
_LETTER = re.compile(r"[A-Za-z]")
MIN_APART = 12  # letters standing apart before the text is judged (an eye chart's line, a few variables: fewer)
MIN_LETTER_RUN = 3


def letter_spaced_frac(text: str) -> float:
    """Share of the letters that stand alone in runs of ``MIN_LETTER_RUN``+ one-letter words (``t h e   r e s t``):
    letter-spaced (tracked) text read back; a list of variables or keys is a short run among words. 0.0 under
    ``MIN_APART`` such letters."""
    return _letter_spaced_frac(text[:MAX_CHARS], None)


def _letter_spaced_frac(head: str, toks: list[str] | None) -> float:
    """``letter_spaced_frac`` of a prefix whose white-space words may be split already."""
    toks = head.split() if toks is None else toks
    if list(map(len, toks)).count(1) < MIN_APART:  # cheap bound (C speed): one-character words
        return 0.0
    apart = run = 0
    for tok in toks:
        if len(tok) == 1 and tok.isascii() and tok.isalpha():
            run += 1
            continue
        if run >= MIN_LETTER_RUN:
            apart += run
        run = 0
    if run >= MIN_LETTER_RUN:
        apart += run
    if apart < MIN_APART:
        return 0.0
    return apart / len(_LETTER.findall(head))


def machine_signals(text: str) -> dict[str, float]:
    """Every signal of this module for ``text`` (the prefix's white-space words split once for two of them)."""
    head = text[:MAX_CHARS]
    toks = head.split()
    return {
        "tagged_tokens_frac": tagged_tokens_frac(text),
        "spaced_words_frac": spaced_words_frac(text),
        "line_prefix_frac": line_prefix_frac(text),
        "template_wrap": template_wrap(text),
        "pinyin_run_frac": _pinyin_run_frac(head, toks),
        "letter_spaced_frac": _letter_spaced_frac(head, toks),
    }
