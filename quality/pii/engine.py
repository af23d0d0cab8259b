"""Build a Presidio AnalyzerEngine that never downloads anything.

Plain `AnalyzerEngine()` calls `spacy.cli.download(...)` and the e-mail check fetches the public suffix list;
both fail (slowly, noisily) offline. Here the NLP engine is Presidio's `no_op` engine and all recognizers are
pattern recognizers; NER runs only when the policy names a spaCy model that is already installed (a package or
a model directory), otherwise building fails with a clear error. tldextract's default extractor is replaced by
one that reads only the suffix list bundled with tldextract and caches nothing on disk.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tldextract
import tldextract.tldextract as _tld_mod
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry, RecognizerResult
from presidio_analyzer.nlp_engine import NlpEngineProvider

from corpusgov.errors import UsageError
from corpusgov.quality.pii.base import FastPatternRecognizer
from corpusgov.quality.pii.policy import PiiPolicy
from corpusgov.quality.pii.recognizers_en import EN_RECOGNIZERS, PhoneNumberRecognizer
from corpusgov.quality.pii.recognizers_zh import ZH_RECOGNIZERS

PATTERN_RECOGNIZERS: tuple[type[FastPatternRecognizer], ...] = ZH_RECOGNIZERS + EN_RECOGNIZERS
BASE_LANGUAGES = ("en", "zh")

# spaCy labels kept in NER mode, mapped to Presidio's entity names; other labels (ORG, DATE…) are not PI.
NER_LABELS = {"PERSON": "PERSON", "PER": "PERSON", "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "LOCATION"}
NER_SCORE = 0.85


class PiiEngineError(UsageError, RuntimeError):
    """The PI engine cannot be built as configured (e.g. the NER model is not installed)."""


def use_offline_suffix_list() -> None:
    """Point tldextract's module-level extractor at the bundled public suffix list (no fetch, no cache)."""
    current = _tld_mod.TLD_EXTRACTOR
    if getattr(current, "suffix_list_urls", None) == () and getattr(current, "_corpusgov_offline", False):
        return
    extractor = tldextract.TLDExtract(cache_dir=None, suffix_list_urls=(), fallback_to_snapshot=True)
    extractor._corpusgov_offline = True  # type: ignore[attr-defined]  # our marker: this extractor is the offline one
    _tld_mod.TLD_EXTRACTOR = extractor


class SpacyNerRecognizer(EntityRecognizer):
    """PERSON / LOCATION from an installed spaCy model's NER, loaded once; language-specific."""

    name: str  # set by presidio's EntityRecognizer.__init__, whose annotations do not let mypy infer it

    def __init__(self, nlp: Any, model_name: str, supported_language: str) -> None:
        self._nlp = nlp
        self.model_name = model_name
        super().__init__(
            supported_entities=sorted(set(NER_LABELS.values())),
            name="SpacyNerRecognizer",
            supported_language=supported_language,
        )

    def load(self) -> None:  # noqa: D102 - model is loaded by the builder
        pass

    def find(self, text: str) -> list[tuple[str, int, int, float]]:
        doc = self._nlp(text)
        return [
            (NER_LABELS[ent.label_], ent.start_char, ent.end_char, NER_SCORE)
            for ent in doc.ents
            if ent.label_ in NER_LABELS
        ]

    def analyze(self, text, entities, nlp_artifacts=None):  # noqa: D102 - Presidio API
        return [
            RecognizerResult(
                entity,
                s,
                e,
                score,
                recognition_metadata={
                    RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                    RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                },
            )
            for entity, s, e, score in self.find(text)
        ]


@dataclass(frozen=True)
class PiiEngine:
    """The Presidio engine plus the recognizer instances the scanner's fast path calls directly."""

    analyzer: AnalyzerEngine
    recognizers: tuple[FastPatternRecognizer, ...]
    ner: SpacyNerRecognizer | None
    mode: str
    languages: tuple[str, ...]


def _load_spacy_model(name: str) -> Any:
    import spacy

    if not (spacy.util.is_package(name) or Path(name).is_dir()):
        raise PiiEngineError(
            f"pii.mode is 'ner' but the spaCy model {name!r} is not installed; install its package "
            "(or give a model directory) or set pii.mode: pattern. corpusgov never downloads models."
        )
    try:
        return spacy.load(name)
    except Exception as e:  # noqa: BLE001 - re-raised as one readable error
        raise PiiEngineError(f"cannot load spaCy model {name!r}: {e}") from None


def build_engine(policy: PiiPolicy) -> PiiEngine:
    """Build once per worker; nothing here touches the network."""
    use_offline_suffix_list()
    ner: SpacyNerRecognizer | None = None
    languages = list(BASE_LANGUAGES)
    mode = "pattern"
    if policy.mode == "ner":
        if not policy.ner_model:
            raise PiiEngineError("pii.mode is 'ner' but pii.ner_model is not set")
        nlp = _load_spacy_model(policy.ner_model)
        lang = str(nlp.lang)
        if lang not in languages:
            languages.append(lang)
        ner = SpacyNerRecognizer(nlp, policy.ner_model, lang)
        mode = f"ner:{policy.ner_model}"
    nlp_engine = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "no_op",
            "models": [{"lang_code": lang, "model_name": "no_op"} for lang in languages],
        }
    ).create_engine()
    registry = RecognizerRegistry(supported_languages=languages)
    fast: list[FastPatternRecognizer] = []
    for lang in languages:
        for cls in PATTERN_RECOGNIZERS:
            rec = (
                cls(supported_language=lang, regions=tuple(policy.phone_regions or ()))
                if cls is PhoneNumberRecognizer
                else cls(supported_language=lang)
            )
            registry.add_recognizer(rec)
            if lang == languages[0]:
                fast.append(rec)
    if ner is not None:
        registry.add_recognizer(ner)
    analyzer = AnalyzerEngine(nlp_engine=nlp_engine, registry=registry, supported_languages=languages)
    return PiiEngine(analyzer, tuple(fast), ner, mode, tuple(languages))
