"""Build ``quality/lang_ngrams.json``, the close-call language model of ``quality.lang_ngrams``.

Source: translations in the gettext catalogues of the Debian packages installed here (``/usr/share/locale``),
only from catalogue domains in the training buckets of ``quality.eval.lang_real`` (``bucket(domain)`` in 1, 2;
bucket 0 is the test split and is never read here), English from the catalogues' original messages. Languages:
those of the Latin and Cyrillic scripts among langdetect's profiles that have catalogues. Licence: each
catalogue's package licence (mostly GPL/LGPL); the shipped file keeps no text, only per-language frequencies of
the 10,000 most frequent character 1-4-grams (as 1000 x log-probabilities, add-0.5 smoothed; 4-grams and
10,000 rather than 1-3-grams and 3,000: 0.9800 -> 0.9848 on the Latin- and Cyrillic-script messages of bucket 1
with a model trained on bucket 2).

``--tune`` trains on bucket 2 only and prints the accuracy on bucket 1 for a few weights (how ``WEIGHT`` was
chosen) and for a few gate margins (how ``MARGIN`` was chosen: the smallest whose accuracy equals ``inf``,
the close call on every text). Run: ``python -m corpusgov.quality.eval.build_lang_ngrams [--tune]``.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections import Counter

from corpusgov.quality import lang_ngrams
from corpusgov.quality.eval import lang_real
from corpusgov.quality.language import _SCRIPT_CANDIDATES, LanguageDetector

TOP = 10000
SMOOTH = 0.5
MARGINS = (0.05, 0.1, 0.15, 0.2, 0.3, float("inf"))  # tried by --tune, with the shipped WEIGHT and PRIOR


def languages() -> set[str]:
    return set(_SCRIPT_CANDIDATES["L"]) | set(_SCRIPT_CANDIDATES["C"])


def train(texts: dict[str, list[str]]) -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    for lang in sorted(texts):
        counts = Counter(g for t in texts[lang] for g in lang_ngrams.grams(t))
        total = sum(counts.values())
        top = sorted(counts.items(), key=lambda gc: (-gc[1], gc[0]))[:TOP]  # ties by gram: same file every build
        out[lang] = {
            "messages": len(texts[lang]),
            "grams": "\t".join(g for g, _ in top),
            "logp_milli": [round(1000 * math.log((c + SMOOTH) / total)) for _, c in top],
            "unseen": round(math.log(SMOOTH / total), 3),
        }
    return out


def _tune() -> None:
    """Train on bucket 2, score bucket 1 (messages not in bucket 2) for a few weights."""
    train_texts = {k: v for k, v in lang_real.messages_by_language((2,)).items() if k in languages()}
    lang_ngrams.MODEL_PATH = lang_ngrams.MODEL_PATH.with_name("lang_ngrams.tune.json")
    lang_ngrams.MODEL_PATH.write_text(json.dumps({"languages": train(train_texts)}), encoding="utf-8")
    lang_ngrams.clear_caches()
    tune = lang_real.messages_by_language((1,))
    rng = random.Random(1)
    rows = []
    for code in sorted(tune):
        msgs = sorted(set(tune[code]) - set(train_texts.get(code, ())))
        rng.shuffle(msgs)
        rows += [(code, m) for m in msgs[:200]]
    weight, prior, margin = lang_ngrams.WEIGHT, lang_ngrams.PRIOR, lang_ngrams.MARGIN
    try:
        det = LanguageDetector()
        for w, p in ((0.0, 0.0), (1.0, 0.0), (0.5, 0.05), (1.0, 0.05), (1.0, 0.1), (1.0, 0.2), (2.0, 0.1)):
            lang_ngrams.WEIGHT, lang_ngrams.PRIOR = w, p
            ok = sum(det.detect(t)[0] == code for code, t in rows)
            print(f"weight {w}, prior {p}: {ok}/{len(rows)} = {ok / len(rows):.4f} on bucket 1", flush=True)
        lang_ngrams.WEIGHT, lang_ngrams.PRIOR = weight, prior
        for m in MARGINS:  # the gate: close call only when langdetect's best two are within m
            lang_ngrams.MARGIN = m
            ok = sum(det.detect(t)[0] == code for code, t in rows)
            print(f"margin {m}: {ok}/{len(rows)} = {ok / len(rows):.4f} on bucket 1", flush=True)
    finally:
        lang_ngrams.WEIGHT, lang_ngrams.PRIOR, lang_ngrams.MARGIN = weight, prior, margin
        lang_ngrams.MODEL_PATH.unlink()
        lang_ngrams.MODEL_PATH = lang_ngrams.MODEL_PATH.with_name("lang_ngrams.json")
        lang_ngrams.clear_caches()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tune", action="store_true")
    args = ap.parse_args(argv)
    if args.tune:
        _tune()
        return 0
    texts = {k: v for k, v in lang_real.messages_by_language(lang_real.TRAIN_BUCKETS).items() if k in languages()}
    if not texts:
        print(f"no gettext catalogues under {lang_real.LOCALE_DIR}", file=sys.stderr)
        return 2
    model = {
        "source": f"gettext catalogues under {lang_real.LOCALE_DIR}, domains in buckets {lang_real.TRAIN_BUCKETS} "
                  "of quality.eval.lang_real (translations; English from the original messages)",
        "licence": "derived n-gram frequencies only; the catalogues' own licences (mostly GPL/LGPL)",
        "built_by": "python -m corpusgov.quality.eval.build_lang_ngrams",
        "max_n": lang_ngrams.MAX_N, "top": TOP,
        "languages": train(texts),
    }
    lang_ngrams.MODEL_PATH.write_text(json.dumps(model, ensure_ascii=False, separators=(",", ":")) + "\n",
                                      encoding="utf-8")
    sizes = {k: v["messages"] for k, v in model["languages"].items()}
    print(f"{len(sizes)} languages, {sum(sizes.values())} training messages -> {lang_ngrams.MODEL_PATH}: {sizes}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
