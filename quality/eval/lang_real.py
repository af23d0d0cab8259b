"""Sentence-level language ID on real translated messages: the gettext catalogues of installed Debian packages.

Every ``/usr/share/locale/<locale>/LC_MESSAGES/*.mo`` holds messages that translators of that package wrote in
that language: real sentences nobody on the project wrote, labelled by their directory. Messages are kept when
the translation differs from the English original (also once format directives are removed from both: until
2026-12-05 a copy that differed only by them, such as git's command synopses, was kept under the catalogue's
language, 0.23 % of the messages), has at least 30 letters and at least four words (or 12
CJK characters), and, for languages with a script of their own, at least half its letters are in that script
(catalogues keep untranslated English and command synopses under the language's name); format directives
(%s, {0}) are removed. English comes from the original messages (msgids). Catalogue domains (one per
package) are split into three buckets by a hash of their name: ``quality/eval/build_lang_ngrams.py`` trains the
close-call model on buckets 1-2 and on catalogues of packages not installed here (LibreOffice, Django, Sphinx)
from which every bucket-0 message is removed (its weights were chosen training on 2 and scoring 1); the figure
here is on bucket 0 only, minus any message that also occurs in a training catalogue. Up to ``per_lang`` messages per
language are drawn with a fixed seed, so the set is the same on machines with the same packages; `make eval`
prints its size.

Run: ``python -m corpusgov.quality.eval.lang_real``
"""

from __future__ import annotations

import gettext
import hashlib
import random
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from corpusgov.quality import lang_ngrams
from corpusgov.quality.eval.declared_files import declared
from corpusgov.quality.language import LanguageDetector

LOCALE_DIR = Path("/usr/share/locale")
# Locale directory -> the detector's code: every locale the detector has a profile for (pt_BR joins pt, nb is
# Norwegian Bokmal, langdetect's "no"). The 25 of the first version are kept as FIRST_25 for comparison.
LOCALES = {
    "af": "af", "ar": "ar", "bg": "bg", "bn": "bn", "ca": "ca", "cs": "cs", "cy": "cy", "da": "da", "de": "de",
    "el": "el", "es": "es", "et": "et", "fa": "fa", "fi": "fi", "fr": "fr", "gu": "gu", "he": "he", "hi": "hi",
    "hr": "hr", "hu": "hu", "id": "id", "it": "it", "ja": "ja", "kn": "kn", "ko": "ko", "lt": "lt", "lv": "lv",
    "mk": "mk", "ml": "ml", "mr": "mr", "nb": "no", "ne": "ne", "nl": "nl", "pa": "pa", "pl": "pl", "pt": "pt",
    "pt_BR": "pt", "ro": "ro", "ru": "ru", "sk": "sk", "sl": "sl", "sq": "sq", "sv": "sv", "ta": "ta", "te": "te",
    "th": "th", "tl": "tl", "tr": "tr", "uk": "uk", "vi": "vi", "zh_CN": "zh-Hans", "zh_TW": "zh-Hant",
}
FIRST_25 = frozenset(
    "de fr es it pt nl pl ru uk cs sv da fi hu tr vi ro ja ko zh-Hans zh-Hant el he ar bg".split()
)
# Scripts of the languages that have their own; a message in such a catalogue must be mostly in that script
# (catalogues keep untranslated English, product names and command synopses under the language's name).
_OWN_SCRIPT = {
    "ru": "\u0400-\u04ff", "uk": "\u0400-\u04ff", "bg": "\u0400-\u04ff", "mk": "\u0400-\u04ff",
    "el": "\u0370-\u03ff", "he": "\u0590-\u05ff", "ar": "\u0600-\u06ff", "fa": "\u0600-\u06ff",
    "ja": "\u3040-\u30ff\u4e00-\u9fff", "ko": "\uac00-\ud7af\u1100-\u11ff", "zh_CN": "\u4e00-\u9fff",
    "zh_TW": "\u4e00-\u9fff", "hi": "\u0900-\u097f", "mr": "\u0900-\u097f", "ne": "\u0900-\u097f",
    "bn": "\u0980-\u09ff", "pa": "\u0a00-\u0a7f", "gu": "\u0a80-\u0aff", "ta": "\u0b80-\u0bff",
    "te": "\u0c00-\u0c7f", "kn": "\u0c80-\u0cff", "ml": "\u0d00-\u0d7f", "th": "\u0e00-\u0e7f",
}
_FORMAT = re.compile(r"%[-#0 +']*\d*(?:\.\d+)?[hlLqjzt]*[a-zA-Z%]|\{[^{}]*\}|<[^<>]+>|&\w+;|_(?=\w)")
_LETTER = re.compile(r"[^\W\d_]")
_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")
# Domains (catalogue file names, one per package) are split by a hash into three buckets: the n-gram model
# of quality.lang_ngrams is trained on TRAIN_BUCKETS, its weight was chosen on bucket 1 with bucket 2 as
# training, and the reported figure is on TEST_BUCKET, never read when building or tuning.
TEST_BUCKET = 0
TRAIN_BUCKETS = (1, 2)
# Test-bucket messages that occurred in a training catalogue when quality/lang_ngrams.json was built (hashes only).
SEEN_PATH = Path(__file__).with_name("data") / "lang_real_seen_in_training.txt"


def bucket(domain: str) -> int:
    """0, 1 or 2 for a catalogue domain (stable: SHA-1 of its name)."""
    return int(hashlib.sha1(domain.encode("utf-8")).hexdigest(), 16) % 3


def _mostly_own_script(text: str, loc: str) -> bool:
    rng = _OWN_SCRIPT.get(loc)
    if rng is None:
        return True
    own = len(re.findall(f"[{rng}]", text))
    return own * 2 >= len(_LETTER.findall(text))


def _catalogue(mo: Path) -> dict[object, object]:
    try:
        with mo.open("rb") as f:
            return gettext.GNUTranslations(f)._catalog  # noqa: SLF001 - the public API cannot list messages
    except Exception:  # noqa: BLE001 - a damaged or non-UTF-8 catalogue is skipped
        return {}


def _clean(text: str) -> str | None:
    """The message without format directives, or None when it is too short to be a sentence."""
    text = " ".join(_FORMAT.sub(" ", text).split())
    if len(_LETTER.findall(text)) < 30:
        return None
    if len(_CJK.findall(text)) < 12 and len(text.split()) < 4:
        return None
    return text


def _messages(mo: Path, loc: str) -> list[str]:
    out = []
    for key, value in _catalogue(mo).items():
        msgid = key[0] if isinstance(key, tuple) else key
        if not msgid or not isinstance(value, str) or value == msgid:
            continue
        text = _clean(value)
        # Untranslated: equal to the original once format directives are removed (git's synopses keep
        # "<commit>" in the original and drop it in the copy); such a message is English, not the catalogue's.
        if text is not None and text != " ".join(_FORMAT.sub(" ", msgid).split()) and _mostly_own_script(text, loc):
            out.append(text)
    return out


def messages_by_language(buckets: tuple[int, ...], root: Path = LOCALE_DIR,
                         only_declared: bool = True) -> dict[str, list[str]]:
    """Distinct cleaned translations per detector code from the catalogues whose domain is in ``buckets``,
    sorted; English ("en") from the original messages (msgids) of the German catalogues of those domains.
    ``only_declared``: only catalogues of the eval's declared packages (``declared_files``), so the set does not
    depend on what else the machine has installed; False reads every installed catalogue (model building)."""
    pick = declared if only_declared else sorted
    out: dict[str, set[str]] = {}
    for loc, code in sorted(LOCALES.items()):
        for mo in pick((root / loc / "LC_MESSAGES").glob("*.mo")):
            if bucket(mo.stem) in buckets:
                out.setdefault(code, set()).update(_messages(mo, loc))
    for mo in pick((root / "de" / "LC_MESSAGES").glob("*.mo")):
        if bucket(mo.stem) in buckets:
            for key in _catalogue(mo):
                msgid = key[0] if isinstance(key, tuple) else key
                text = _clean(msgid) if isinstance(msgid, str) and msgid else None
                if text is not None and not _CJK.search(text):
                    out.setdefault("en", set()).add(text)
    return {k: sorted(v) for k, v in out.items() if v}


def seen_key(code: str, text: str) -> str:
    """The key of a (language, message) pair in ``SEEN_PATH``: 12 hex digits of its SHA-1 (no text shipped)."""
    return hashlib.sha1(f"{code}\t{text}".encode()).hexdigest()[:12]


def load_seen(path: Path = SEEN_PATH) -> frozenset[str]:
    """Keys of the test-bucket messages the shipped model was trained on (empty when the file is missing)."""
    return frozenset(path.read_text(encoding="utf-8").split()) if path.is_file() else frozenset()


def write_seen(path: Path = SEEN_PATH, root: Path = LOCALE_DIR) -> int:
    """Record which test-bucket messages also occur in a training catalogue, over every catalogue installed when the
    model is built (``build_lang_ngrams`` trains on all of them), so ``build`` can leave them out on a machine that
    lacks some of those catalogues. Returns how many."""
    test = messages_by_language((TEST_BUCKET,), root, only_declared=False)
    train = messages_by_language(TRAIN_BUCKETS, root, only_declared=False)
    keys = sorted({seen_key(code, t) for code, msgs in test.items() for t in set(msgs) & set(train.get(code, ()))})
    path.write_text("".join(k + "\n" for k in keys), encoding="utf-8")
    return len(keys)


def build(per_lang: int = 200, seed: int = 0, root: Path = LOCALE_DIR) -> list[dict[str, str]]:
    """Up to ``per_lang`` messages per language from the test bucket's declared catalogues, seeded, in a stable
    order. A message that also occurs in a training catalogue of the same language is left out: one installed here,
    or one the shipped model was trained on (``SEEN_PATH``, recorded when it was built)."""
    rng = random.Random(seed)
    test = messages_by_language((TEST_BUCKET,), root)
    train = messages_by_language(TRAIN_BUCKETS, root)
    seen = load_seen()
    rows = []
    for code in sorted(test):
        msgs = sorted(m for m in set(test[code]) - set(train.get(code, ())) if seen_key(code, m) not in seen)
        rng.shuffle(msgs)
        rows += [{"lang": code, "text": m} for m in msgs[:per_lang]]
    return rows


def _score(rows: list[dict[str, str]]) -> dict[str, Any]:
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
    first = [k for k in per if k in FIRST_25]
    c25, n25 = sum(per[k][0] for k in first), sum(per[k][1] for k in first)
    return {
        "n": len(rows), "correct": correct, "accuracy": round(correct / len(rows), 4),
        "first_25": {"n": n25, "correct": c25, "accuracy": round(c25 / n25, 4) if n25 else None},
        "per_language": {k: round(v[0] / v[1], 4) for k, v in sorted(per.items())},
        "sizes": {k: v[1] for k, v in sorted(per.items())},
        "confusions": dict(confusions.most_common(15)),
    }


def evaluate(per_lang: int = 200) -> dict[str, Any] | None:
    """Accuracy on the test bucket, overall, on the first version's 25 languages and per language, with and
    without the close-call n-gram model; None when the machine has no catalogues."""
    rows = build(per_lang)
    if not rows:
        return None
    res = _score(rows)
    saved = lang_ngrams.WEIGHT, lang_ngrams.PRIOR
    lang_ngrams.WEIGHT, lang_ngrams.PRIOR = 0.0, 0.0  # langdetect's profiles alone, for comparison
    try:
        base = _score(rows)
    finally:
        lang_ngrams.WEIGHT, lang_ngrams.PRIOR = saved
    res["without_close_call_model"] = {k: base[k] for k in ("accuracy", "first_25", "confusions")}
    res["source"] = (f"gettext catalogues in {LOCALE_DIR}, test bucket of domains (sha1(domain) % 3 == "
                     f"{TEST_BUCKET}, never trained or tuned on by quality/lang_ngrams.json): "
                     f"{len(res['sizes'])} languages, <= {per_lang} messages each")
    return res


def main() -> int:
    res = evaluate()
    if res is None:
        print(f"no gettext catalogues under {LOCALE_DIR}: sentence-level set not available", file=sys.stderr)
        return 2
    print(f"{res['source']}: {res['correct']}/{res['n']} = {res['accuracy']:.4f}; first 25 languages "
          f"{res['first_25']['accuracy']}; without the close-call model {res['without_close_call_model']['accuracy']}")
    for k, v in res["per_language"].items():
        print(f"  {k:<8}{res['sizes'][k]:>5}  {v:.3f}")
    print("confusions:", res["confusions"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
