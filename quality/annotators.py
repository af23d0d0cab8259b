"""All per-record annotators, built once per worker and applied in one pass over each record.

Order matters only where one measure reads another: language first (PI and quality signals use it).
Each stage is a plain function over text, so the benchmark can time every stage on its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from corpusgov.contracts.record import Annotations
from corpusgov.quality.copyright import CopyrightScanner
from corpusgov.quality.language import LanguageDetector
from corpusgov.quality.minhash import MinHasher
from corpusgov.quality.pii.scanner import PiiScanner
from corpusgov.quality.screening import LexiconMatcher
from corpusgov.quality.signals import compute_signals, compute_signals_batch


class Annotators:
    def __init__(self, policy: Any, lexicon_terms: Sequence[str] = ()) -> None:
        self.policy = policy
        self.screening = LexiconMatcher(lexicon_terms) if policy.screening.enabled and lexicon_terms else None
        self.language = LanguageDetector(policy.language)
        self.pii = PiiScanner(policy.pii) if policy.pii.enabled else None
        self.copyright = CopyrightScanner() if policy.copyright.enabled else None
        self.minhash = MinHasher(policy.dedup) if policy.dedup.enabled else None

    @staticmethod
    def mode_for(policy: Any) -> str:
        """The PI detection mode a policy runs ("pattern", "ner:<model>" or "disabled")."""
        return PiiScanner(policy.pii).mode if policy.pii.enabled else "disabled"

    def stages(self) -> dict[str, Callable[[str], Any]]:
        """Each stage as a function of the text alone (for the per-stage benchmark)."""
        out: dict[str, Callable[[str], Any]] = {"language": self.language.detect}
        if self.screening is not None:
            out["screening"] = self.screening.hits
        if self.pii is not None:
            out["pii"] = self.pii.scan
        if self.copyright is not None:
            out["copyright"] = self.copyright.scan
        out["quality"] = lambda t: compute_signals(t, None)
        if self.minhash is not None:
            out["minhash"] = self.minhash.signature
        return out

    def annotate_batch(self, texts: Sequence[str]) -> list[Annotations]:
        sigs = self.minhash.signatures(list(texts)) if self.minhash is not None and texts else None
        mixes: list[Any] = (list(self.language.detect_mix_batch(texts)) if self.policy.language.enabled
                            else [None] * len(texts))  # = detect_mix per text, the n-gram look-ups batched
        langs = [mix.lang if mix is not None else "und" for mix in mixes]
        signals = compute_signals_batch(texts, langs)  # = compute_signals per text, n-grams in one numpy pass
        pii = self.pii.scan_batch(texts, langs) if self.pii is not None else None  # = scan per text
        out = []
        for i, text in enumerate(texts):
            mix = mixes[i]
            lang, score = (mix.lang, mix.score) if mix is not None else ("und", 0.0)
            ann: Annotations = {
                "lang": lang,
                "lang_score": float(score),
                "lang2": mix.second if mix is not None else None,
                "lang2_share": float(mix.second_share) if mix is not None else 0.0,
                "screen_hits": self.screening.hits(text) if self.screening is not None else [],
                "pii": pii[i] if pii is not None else [],
                "copyright": self.copyright.scan(text) if self.copyright is not None else [],
                "signals": signals[i],
                "signature": sigs[i] if sigs is not None else None,
            }
            out.append(ann)
        return out
