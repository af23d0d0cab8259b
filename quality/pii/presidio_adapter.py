"""Presidio's view of our recognizers: an AnalyzerEngine whose recognizers call the same `find` as the scanner.

Why a separate module: `presidio_analyzer`'s package init imports spaCy (≈1.2 CPU-s per process). The scanner's
hot path never needs Presidio, so only this module imports it, when `PiiEngine.analyzer` is first used
(`PiiScanner.scan_engine`, the check that both paths agree) or a spaCy NER model is loaded.
"""

from __future__ import annotations

from collections.abc import Sequence

from presidio_analyzer import (
    AnalyzerEngine,
    EntityRecognizer,
    Pattern,
    PatternRecognizer,
    RecognizerRegistry,
    RecognizerResult,
)
from presidio_analyzer.nlp_engine import NlpEngineProvider

from corpusgov.quality.pii.base import FastPatternRecognizer
from corpusgov.quality.pii.ner import SpacyNer


class PresidioPatternAdapter(PatternRecognizer):
    """A Presidio PatternRecognizer (same entity, name, language, patterns) whose analyze is `fast.find`."""

    name: str  # set by presidio's EntityRecognizer.__init__, whose annotations do not let mypy infer it

    def __init__(self, fast: FastPatternRecognizer) -> None:
        self.fast = fast
        super().__init__(
            supported_entity=fast.ENTITY,
            name=fast.name,
            supported_language=fast.supported_language,
            patterns=[Pattern(name, rx, score) for name, rx, score in fast.PATTERNS],
            global_regex_flags=fast.FLAGS,
        )

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):  # noqa: D102 - Presidio API
        return [
            RecognizerResult(
                self.fast.ENTITY,
                s,
                e,
                score,
                recognition_metadata={
                    RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                    RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                },
            )
            for s, e, score in self.fast.find(text)
        ]


class PresidioNerAdapter(EntityRecognizer):
    """PERSON / LOCATION from the spaCy NER recognizer, as a Presidio EntityRecognizer."""

    name: str

    def __init__(self, ner: SpacyNer) -> None:
        self.ner = ner
        super().__init__(
            supported_entities=list(ner.supported_entities),
            name=ner.name,
            supported_language=ner.supported_language,
        )

    def load(self) -> None:  # noqa: D102 - model is loaded by the builder
        pass

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
            for entity, s, e, score in self.ner.find(text)
        ]


def build_analyzer(
    recognizers: Sequence[FastPatternRecognizer], ner: SpacyNer | None, languages: Sequence[str]
) -> AnalyzerEngine:
    """An offline AnalyzerEngine (Presidio's no-op NLP engine) over the given recognizers, one per language."""
    nlp_engine = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "no_op",
            "models": [{"lang_code": lang, "model_name": "no_op"} for lang in languages],
        }
    ).create_engine()
    registry = RecognizerRegistry(supported_languages=list(languages))
    for rec in recognizers:
        registry.add_recognizer(PresidioPatternAdapter(rec))
    if ner is not None:
        registry.add_recognizer(PresidioNerAdapter(ner))
    return AnalyzerEngine(nlp_engine=nlp_engine, registry=registry, supported_languages=list(languages))

