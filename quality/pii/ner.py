"""PERSON / LOCATION from an installed spaCy model's NER (PI mode `ner`); spaCy is imported only here.

corpusgov never downloads a model: the policy names an installed package or a model directory, otherwise
building fails with a clear error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from corpusgov.errors import UsageError

# spaCy labels kept in NER mode, mapped to Presidio's entity names; other labels (ORG, DATE…) are not PI.
NER_LABELS = {"PERSON": "PERSON", "PER": "PERSON", "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "LOCATION"}
NER_SCORE = 0.85


class PiiEngineError(UsageError, RuntimeError):
    """The PI engine cannot be built as configured (e.g. the NER model is not installed)."""


class SpacyNer:
    """A loaded spaCy pipeline's entities as PI findings; language-specific."""

    name = "SpacyNerRecognizer"
    supported_entities = tuple(sorted(set(NER_LABELS.values())))

    def __init__(self, nlp: Any, model_name: str, supported_language: str) -> None:
        self._nlp = nlp
        self.model_name = model_name
        self.supported_language = supported_language

    def find(self, text: str) -> list[tuple[str, int, int, float]]:
        doc = self._nlp(text)
        return [
            (NER_LABELS[ent.label_], ent.start_char, ent.end_char, NER_SCORE)
            for ent in doc.ents
            if ent.label_ in NER_LABELS
        ]


def load_spacy_model(name: str) -> Any:
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
