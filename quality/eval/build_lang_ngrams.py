"""Build ``quality/lang_ngrams.json``, the close-call language model of ``quality.lang_ngrams``.

Sources, all translated UI messages written by translators (no text of ours):

1. the gettext catalogues of the Debian packages installed here (``/usr/share/locale``), only catalogue domains
   in the training buckets of ``quality.eval.lang_real`` (``bucket(domain)`` in 1, 2; bucket 0 is the test
   split and is never used), English from the catalogues' original messages;
2. with ``--extra DIR``, the catalogues of packages that are NOT installed (so never in the eval's
   ``/usr/share/locale``): LibreOffice's language packs (``EXTRA_DEBS``, Debian, fetched by ``apt-get
   download`` and unpacked with ``dpkg-deb -x``, not installed) and Django and Sphinx (``EXTRA_WHEELS``, PyPI,
   ``pip download``), fetched into DIR when it is empty. Every message that also occurs in the test bucket
   (in any language) is removed from them, and while tuning also every message of the tune bucket. These
   messages may be short (at least 8 letters and 2 words): many UI strings are.

Languages: those of the Latin and Cyrillic scripts among langdetect's profiles. Licences: GPL/LGPL for most
Debian catalogues, MPL-2.0 for LibreOffice's, BSD for Django's and Sphinx's; the shipped file keeps no text,
only per-language frequencies of the 10,000 most frequent character 1-4-grams and the 5,000 most frequent
words (as 1000 x log-probabilities, add-0.5 smoothed). 4-grams and 10,000 rather than 1-3-grams and 3,000:
0.9800 -> 0.9848 on the Latin- and Cyrillic-script messages of bucket 1 with a model trained on bucket 2.

``--tune`` trains on bucket 2 (plus the extra catalogues minus buckets 0 and 1) and prints the accuracy on
bucket 1 (all 52 languages, up to 200 messages each) for a few weights (how ``WEIGHT``, ``PRIOR`` and
``WORD_WEIGHT`` were chosen), gate margins (``MARGIN``) and numbers of re-scored candidates (``TOP_K``). Run:
``python -m corpusgov.quality.eval.build_lang_ngrams [--extra DIR] [--tune]``.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

from corpusgov.quality import lang_ngrams
from corpusgov.quality.eval import lang_real
from corpusgov.quality.language import _SCRIPT_CANDIDATES, LanguageDetector

TOP = 10000
TOP_WORDS = 5000  # 5,000 and 10,000 words scored the same on bucket 1 (0.9930, 0.9931); 20,000: 0.9928
SMOOTH = 0.5
MARGINS = (0.1, 0.2, 0.3, float("inf"))  # tried by --tune, with the shipped weights
TOP_KS = (5, 12, 40)  # tried by --tune: 40 is every candidate of a script
EXTRA_DEBS = tuple(f"libreoffice-l10n-{c}" for c in (
    "af bg ca cs cy da de es et fi fr hr hu id it lt lv mk nl nb pt pt-br ro ru sk sl sv tr uk vi".split()))
EXTRA_WHEELS = ("django==5.2.19", "sphinx==9.0.4")
# Locale directory names of the extra catalogues that differ from lang_real's.
_ALIASES = {"nb_NO": "nb", "no": "nb", "pt_PT": "pt", "de_DE": "de", "fr_FR": "fr", "uk_UA": "uk", "es_AR": "es",
            "es_CO": "es", "es_MX": "es", "es_VE": "es", "es_NI": "es"}
# LibreOffice's mnemonics (~), placeholders (%PRODUCTNAME, $(ARG1)) and escaped newlines.
_NOISE = re.compile(r"~|%[A-Za-z]+%?|\$\(?[A-Za-z0-9_]+\)?|\\n")


def languages() -> set[str]:
    return set(_SCRIPT_CANDIDATES["L"]) | set(_SCRIPT_CANDIDATES["C"])


def fetch_extra(root: Path) -> None:
    """Download the extra packages into ``root`` and unpack them there (nothing is installed)."""
    debs, wheels = root / "debs", root / "wheels"
    debs.mkdir(parents=True, exist_ok=True)
    wheels.mkdir(parents=True, exist_ok=True)
    subprocess.run(["apt-get", "download", *EXTRA_DEBS], cwd=debs, check=True)
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-d", str(wheels), *EXTRA_WHEELS],
                   check=True)
    for deb in sorted(debs.glob("*.deb")):
        subprocess.run(["dpkg-deb", "-x", str(deb), str(root / "unpacked")], check=True)
    for whl in sorted(wheels.glob("*.whl")):
        with zipfile.ZipFile(whl) as z:
            z.extractall(root / "unpacked" / whl.stem, [n for n in z.namelist() if n.endswith(".mo")])


def _clean_short(text: str) -> str | None:
    text = " ".join(lang_real._FORMAT.sub(" ", _NOISE.sub(" ", text)).split())  # noqa: SLF001 - same cleaning
    if len(lang_real._LETTER.findall(text)) < 8 or len(text.split()) < 2:  # noqa: SLF001
        return None
    return text


def extra_messages(root: Path) -> dict[str, list[str]]:
    """Distinct cleaned translations per detector code from every ``<locale>/LC_MESSAGES/*.mo`` under ``root``;
    English from the original messages of the German catalogues (message contexts removed)."""
    out: dict[str, set[str]] = {}
    for mo in sorted(root.rglob("*.mo")):
        parts = mo.parts
        if len(parts) < 3 or parts[-2] != "LC_MESSAGES":
            continue
        loc = _ALIASES.get(parts[-3], parts[-3])
        code = lang_real.LOCALES.get(loc)
        if code is None:
            continue
        for key, value in lang_real._catalogue(mo).items():  # noqa: SLF001
            msgid = key[0] if isinstance(key, tuple) else key
            if not isinstance(msgid, str) or not msgid:
                continue
            msgid = msgid.split("\x04")[-1]  # "context\x04message"
            if isinstance(value, str) and value != msgid:
                text = _clean_short(value)
                if text is not None and lang_real._mostly_own_script(text, loc):  # noqa: SLF001
                    out.setdefault(code, set()).add(text)
            if loc == "de":
                text = _clean_short(msgid)
                if text is not None and not lang_real._CJK.search(text):  # noqa: SLF001
                    out.setdefault("en", set()).add(text)
    return {k: sorted(v) for k, v in out.items()}


def training_texts(buckets: tuple[int, ...], extra: Path | None, held_out: tuple[int, ...]) -> tuple[
        dict[str, list[str]], dict[str, int]]:
    """Texts per model language: the gettext catalogues of ``buckets`` plus the extra catalogues minus every
    message of the ``held_out`` buckets; and the gettext message counts (the language prior's sizes)."""
    gettext_texts = {k: v for k, v in lang_real.messages_by_language(buckets, only_declared=False).items() if k in languages()}
    texts = {k: set(v) for k, v in gettext_texts.items()}
    if extra is not None:
        held = {t for b in held_out for v in lang_real.messages_by_language((b,), only_declared=False).values() for t in v}
        for code, msgs in extra_messages(extra).items():
            if code in languages():
                texts.setdefault(code, set()).update(t for t in msgs if t not in held)
    return {k: sorted(v) for k, v in texts.items()}, {k: len(v) for k, v in gettext_texts.items()}


def _table(counts: Counter[str], top: int) -> tuple[list[str], list[int], float]:
    total = sum(counts.values())
    best = sorted(counts.items(), key=lambda gc: (-gc[1], gc[0]))[:top]  # ties by key: same file every build
    return [g for g, _ in best], [round(1000 * math.log((c + SMOOTH) / total)) for _, c in best], round(
        math.log(SMOOTH / total), 3)


def train(texts: dict[str, list[str]], sizes: dict[str, int] | None = None) -> dict[str, dict[str, Any]]:
    """Per language: n-gram and word tables; ``messages`` is the prior's size (default: the text count)."""
    out: dict[str, dict[str, Any]] = {}
    for lang in sorted(texts):
        grams, logp, unseen = _table(Counter(g for t in texts[lang] for g in lang_ngrams.grams(t)), TOP)
        words, wlogp, wunseen = _table(Counter(w for t in texts[lang] for w in lang_ngrams.words(t)), TOP_WORDS)
        out[lang] = {
            "messages": (sizes or {}).get(lang) or len(texts[lang]), "texts": len(texts[lang]),
            "grams": "\t".join(grams), "logp_milli": logp, "unseen": unseen,
            "words": "\t".join(words), "word_logp_milli": wlogp, "word_unseen": wunseen,
        }
    # An unseen word or n-gram (a name, a term) is no evidence for or against a language: it scores the same
    # in every language, the mean of their add-0.5 values, instead of penalising the best-documented ones most.
    # On bucket 1 (trained on bucket 2): per-language values 0.9938, shared 0.9944 (10,259 messages).
    for key in ("unseen", "word_unseen"):
        shared = round(sum(float(m[key]) for m in out.values()) / len(out), 3) if out else 0.0
        for m in out.values():
            m[key] = shared
    return out


def _tune(extra: Path | None) -> None:
    """Train on bucket 2 (+ extra minus buckets 0-1), score bucket 1 (messages not in bucket 2)."""
    train_texts, sizes = training_texts((2,), extra, held_out=(0, 1))
    lang_ngrams.MODEL_PATH = lang_ngrams.MODEL_PATH.with_name("lang_ngrams.tune.json")
    lang_ngrams.MODEL_PATH.write_text(json.dumps({"languages": train(train_texts, sizes)}), encoding="utf-8")
    lang_ngrams.clear_caches()
    tune = lang_real.messages_by_language((1,), only_declared=False)
    bucket2 = lang_real.messages_by_language((2,), only_declared=False)
    rng = random.Random(1)
    rows = []
    for code in sorted(tune):
        msgs = sorted(set(tune[code]) - set(bucket2.get(code, ())))
        rng.shuffle(msgs)
        rows += [(code, m) for m in msgs[:200]]
    saved = lang_ngrams.WEIGHT, lang_ngrams.PRIOR, lang_ngrams.WORD_WEIGHT, lang_ngrams.MARGIN
    top_k = lang_ngrams.TOP_K
    try:
        det = LanguageDetector()
        for w, p, ww in ((0.0, 0.0, 0.0), (1.0, 0.05, 0.0), (1.0, 0.05, 0.25), (1.0, 0.05, 0.5), (1.0, 0.05, 1.0),
                         (1.0, 0.0, 0.5), (1.0, 0.1, 0.5), (0.5, 0.05, 0.5), (2.0, 0.05, 0.5)):
            lang_ngrams.WEIGHT, lang_ngrams.PRIOR, lang_ngrams.WORD_WEIGHT = w, p, ww
            ok = sum(det.detect(t)[0] == code for code, t in rows)
            print(f"weight {w}, prior {p}, word weight {ww}: {ok}/{len(rows)} = {ok / len(rows):.4f} on bucket 1",
                  flush=True)
        lang_ngrams.WEIGHT, lang_ngrams.PRIOR, lang_ngrams.WORD_WEIGHT = saved[:3]
        for m in MARGINS:  # the gate: close call only when langdetect's best two are within m
            lang_ngrams.MARGIN = m
            ok = sum(det.detect(t)[0] == code for code, t in rows)
            print(f"margin {m}: {ok}/{len(rows)} = {ok / len(rows):.4f} on bucket 1", flush=True)
        lang_ngrams.MARGIN = saved[3]
        for k in TOP_KS:  # how many of langdetect's best candidates the close call re-scores
            lang_ngrams.TOP_K = k
            ok = sum(det.detect(t)[0] == code for code, t in rows)
            print(f"top {k}: {ok}/{len(rows)} = {ok / len(rows):.4f} on bucket 1", flush=True)
    finally:
        lang_ngrams.WEIGHT, lang_ngrams.PRIOR, lang_ngrams.WORD_WEIGHT, lang_ngrams.MARGIN = saved
        lang_ngrams.TOP_K = top_k
        lang_ngrams.MODEL_PATH.unlink()
        lang_ngrams.MODEL_PATH = lang_ngrams.MODEL_PATH.with_name("lang_ngrams.json")
        lang_ngrams.clear_caches()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tune", action="store_true")
    ap.add_argument("--extra", type=Path, help="folder for the extra catalogues (fetched into it when empty)")
    args = ap.parse_args(argv)
    if args.extra is not None and not any(args.extra.rglob("*.mo")):
        fetch_extra(args.extra)
    if args.tune:
        _tune(args.extra)
        return 0
    texts, sizes = training_texts(lang_real.TRAIN_BUCKETS, args.extra, held_out=(lang_real.TEST_BUCKET,))
    if not sizes:
        print(f"no gettext catalogues under {lang_real.LOCALE_DIR}", file=sys.stderr)
        return 2
    extra_note = (f"; with --extra: LibreOffice language packs ({', '.join(EXTRA_DEBS)}) and {', '.join(EXTRA_WHEELS)}"
                  " catalogues, minus every message of the test bucket") if args.extra is not None else ""
    model = {
        "source": f"gettext catalogues under {lang_real.LOCALE_DIR}, domains in buckets {lang_real.TRAIN_BUCKETS} "
                  f"of quality.eval.lang_real (translations; English from the original messages){extra_note}",
        "licence": "derived n-gram and word frequencies only; the catalogues' own licences (Debian packages mostly "
                   "GPL/LGPL, LibreOffice MPL-2.0, Django and Sphinx BSD)",
        "built_by": "python -m corpusgov.quality.eval.build_lang_ngrams" + (" --extra DIR" if args.extra else ""),
        "max_n": lang_ngrams.MAX_N, "top": TOP, "top_words": TOP_WORDS,
        "languages": train(texts, sizes),
    }
    lang_ngrams.MODEL_PATH.write_text(json.dumps(model, ensure_ascii=False, separators=(",", ":")) + "\n",
                                      encoding="utf-8")
    seen = lang_real.write_seen()
    print(f"{seen} test-bucket messages also in a training catalogue -> {lang_real.SEEN_PATH}")
    counts = {k: v["texts"] for k, v in model["languages"].items()}
    print(f"{len(counts)} languages, {sum(counts.values())} training messages -> {lang_ngrams.MODEL_PATH} "
          f"({lang_ngrams.MODEL_PATH.stat().st_size / 1e6:.1f} MB): {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
