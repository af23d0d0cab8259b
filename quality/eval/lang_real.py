"""Sentence-level language ID on real translated messages: the gettext catalogues of installed Debian packages.

Every ``/usr/share/locale/<locale>/LC_MESSAGES/*.mo`` holds messages that translators of that package wrote in
that language: real sentences nobody on the project wrote, labelled by their directory. Messages are kept when
the translation differs from the English original, has at least 30 letters and at least four words (or 12
CJK characters), and, for languages with a script of their own, at least half its letters are in that script
(catalogues keep untranslated English and command synopses under the language's name); format directives
(%s, {0}) are removed. Up to ``per_lang`` messages per language are drawn
with a fixed seed, so the set is the same on machines with the same packages; `make eval` prints its size.

Run: ``python -m corpusgov.quality.eval.lang_real``
"""

from __future__ import annotations

import gettext
import random
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from corpusgov.quality.language import LanguageDetector

LOCALE_DIR = Path("/usr/share/locale")
# Locale directory -> the detector's code. Only languages the detector has profiles for.
LOCALES = {
    "de": "de", "fr": "fr", "es": "es", "it": "it", "pt": "pt", "nl": "nl", "pl": "pl", "ru": "ru", "uk": "uk",
    "cs": "cs", "sv": "sv", "da": "da", "fi": "fi", "hu": "hu", "tr": "tr", "vi": "vi", "ro": "ro", "ja": "ja",
    "ko": "ko", "zh_CN": "zh-Hans", "zh_TW": "zh-Hant", "el": "el", "he": "he", "ar": "ar", "bg": "bg",
}
# Scripts of the languages that have their own; a message in such a catalogue must be mostly in that script
# (catalogues keep untranslated English, product names and command synopses under the language's name).
_OWN_SCRIPT = {
    "ru": "\u0400-\u04ff", "uk": "\u0400-\u04ff", "bg": "\u0400-\u04ff", "el": "\u0370-\u03ff",
    "he": "\u0590-\u05ff", "ar": "\u0600-\u06ff", "ja": "\u3040-\u30ff\u4e00-\u9fff",
    "ko": "\uac00-\ud7af\u1100-\u11ff", "zh_CN": "\u4e00-\u9fff", "zh_TW": "\u4e00-\u9fff",
}
_FORMAT = re.compile(r"%[-#0 +']*\d*(?:\.\d+)?[hlLqjzt]*[a-zA-Z%]|\{[^{}]*\}|<[^<>]+>|&\w+;|_(?=\w)")
_LETTER = re.compile(r"[^\W\d_]")
_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")


def _mostly_own_script(text: str, loc: str) -> bool:
    rng = _OWN_SCRIPT.get(loc)
    if rng is None:
        return True
    own = len(re.findall(f"[{rng}]", text))
    return own * 2 >= len(_LETTER.findall(text))


def _messages(mo: Path, loc: str) -> list[str]:
    try:
        with mo.open("rb") as f:
            cat = gettext.GNUTranslations(f)
    except Exception:  # noqa: BLE001 - a damaged catalogue is skipped, counted by the caller
        return []
    out = []
    for key, value in cat._catalog.items():  # noqa: SLF001 - the public API cannot list messages
        msgid = key[0] if isinstance(key, tuple) else key
        if not msgid or not isinstance(value, str) or value == msgid:
            continue
        text = " ".join(_FORMAT.sub(" ", value).split())
        letters = len(_LETTER.findall(text))
        if letters < 30:
            continue
        if len(_CJK.findall(text)) < 12 and len(text.split()) < 4:
            continue
        if not _mostly_own_script(text, loc):
            continue
        out.append(text)
    return out


def build(per_lang: int = 200, seed: int = 0, root: Path = LOCALE_DIR) -> list[dict[str, str]]:
    """Up to ``per_lang`` distinct messages per language, seeded, in a stable order."""
    rng = random.Random(seed)
    rows = []
    for loc, code in sorted(LOCALES.items()):
        msgs = sorted({m for mo in sorted((root / loc / "LC_MESSAGES").glob("*.mo")) for m in _messages(mo, loc)})
        rng.shuffle(msgs)
        rows += [{"lang": code, "text": m, "locale": loc} for m in msgs[:per_lang]]
    return rows


def evaluate(per_lang: int = 200) -> dict[str, Any] | None:
    """Accuracy overall and per language; None when the machine has no catalogues."""
    rows = build(per_lang)
    if not rows:
        return None
    det = LanguageDetector()
    per: dict[str, list[int]] = {}
    confusions: Counter[str] = Counter()
    for r in rows:
        got = det.detect(r["text"])[0]
        ok = got == r["lang"]
        per.setdefault(r["lang"], [0, 0])
        per[r["lang"]][0] += ok
        per[r["lang"]][1] += 1
        if not ok:
            confusions[f"{r['lang']}->{got}"] += 1
    correct = sum(v[0] for v in per.values())
    return {
        "n": len(rows), "correct": correct, "accuracy": round(correct / len(rows), 4),
        "per_language": {k: round(v[0] / v[1], 4) for k, v in sorted(per.items())},
        "sizes": {k: v[1] for k, v in sorted(per.items())},
        "confusions": dict(confusions.most_common(15)),
        "source": f"gettext catalogues in {LOCALE_DIR} ({len(per)} languages, <= {per_lang} messages each)",
    }


def main() -> int:
    res = evaluate()
    if res is None:
        print(f"no gettext catalogues under {LOCALE_DIR}: sentence-level set not available", file=sys.stderr)
        return 2
    print(f"{res['source']}: {res['correct']}/{res['n']} = {res['accuracy']:.4f}")
    for k, v in res["per_language"].items():
        print(f"  {k:<8}{res['sizes'][k]:>5}  {v:.3f}")
    print("confusions:", res["confusions"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
