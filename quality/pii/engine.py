"""Build the PI engine: our pattern recognizers (and a spaCy NER model if the policy names one), never
downloading anything.

The scanner calls the recognizers directly; Presidio's AnalyzerEngine over the same recognizers
(`presidio_adapter`) is built on first use of `PiiEngine.analyzer` only, because importing `presidio_analyzer`
imports spaCy (≈1.2 CPU-s per process, the largest import of a pattern-mode run). NER runs only when the policy
names a spaCy model that is already installed (a package or a model directory), otherwise building fails with a
clear error. tldextract's default extractor is replaced by one that reads only the suffix list bundled with
tldextract and caches nothing on disk (the e-mail check would otherwise fetch the public suffix list).
"""

from __future__ import annotations

import functools
from typing import Any

import tldextract
import tldextract.tldextract as _tld_mod

from corpusgov.quality.pii.base import FastPatternRecognizer
from corpusgov.quality.pii.ner import PiiEngineError, SpacyNer, load_spacy_model
from corpusgov.quality.pii.policy import PiiPolicy
from corpusgov.quality.pii.recognizers_en import EN_RECOGNIZERS, PhoneNumberRecognizer
from corpusgov.quality.pii.recognizers_zh import ZH_RECOGNIZERS

__all__ = ["BASE_LANGUAGES", "PATTERN_RECOGNIZERS", "PiiEngine", "PiiEngineError", "build_engine",
           "use_offline_suffix_list"]

PATTERN_RECOGNIZERS: tuple[type[FastPatternRecognizer], ...] = ZH_RECOGNIZERS + EN_RECOGNIZERS
BASE_LANGUAGES = ("en", "zh")


def use_offline_suffix_list() -> None:
    """Point tldextract's module-level extractor at the bundled public suffix list (no fetch, no cache)."""
    current = _tld_mod.TLD_EXTRACTOR
    if getattr(current, "suffix_list_urls", None) == () and getattr(current, "_corpusgov_offline", False):
        return
    extractor = tldextract.TLDExtract(cache_dir=None, suffix_list_urls=(), fallback_to_snapshot=True)
    extractor._corpusgov_offline = True  # type: ignore[attr-defined]  # our marker: this extractor is the offline one
    _tld_mod.TLD_EXTRACTOR = extractor


def _recognizers(policy: PiiPolicy, lang: str) -> list[FastPatternRecognizer]:
    return [
        cls(supported_language=lang, regions=tuple(policy.phone_regions or ()))
        if cls is PhoneNumberRecognizer
        else cls(supported_language=lang)
        for cls in PATTERN_RECOGNIZERS
    ]


class PiiEngine:
    """The recognizer instances the scanner's fast path calls, and Presidio's engine over the same recognizers
    (one instance per language, as Presidio's registry wants), built when first asked for."""

    def __init__(self, policy: PiiPolicy, recognizers: tuple[FastPatternRecognizer, ...], ner: SpacyNer | None,
                 mode: str, languages: tuple[str, ...]) -> None:
        self.policy = policy
        self.recognizers = recognizers
        self.ner = ner
        self.mode = mode
        self.languages = languages

    @functools.cached_property
    def analyzer(self) -> Any:
        """presidio_analyzer.AnalyzerEngine (imports Presidio and spaCy on first use)."""
        from corpusgov.quality.pii.presidio_adapter import build_analyzer

        recs = list(self.recognizers)
        for lang in self.languages[1:]:
            recs.extend(_recognizers(self.policy, lang))
        return build_analyzer(recs, self.ner, self.languages)


def build_engine(policy: PiiPolicy) -> PiiEngine:
    """Build once per worker; nothing here touches the network."""
    use_offline_suffix_list()
    ner: SpacyNer | None = None
    languages = list(BASE_LANGUAGES)
    mode = "pattern"
    if policy.mode == "ner":
        if not policy.ner_model:
            raise PiiEngineError("pii.mode is 'ner' but pii.ner_model is not set")
        nlp = load_spacy_model(policy.ner_model)
        lang = str(nlp.lang)
        if lang not in languages:
            languages.append(lang)
        ner = SpacyNer(nlp, policy.ner_model, lang)
        mode = f"ner:{policy.ner_model}"
    return PiiEngine(policy, tuple(_recognizers(policy, languages[0])), ner, mode, tuple(languages))
