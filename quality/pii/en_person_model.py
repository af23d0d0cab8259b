"""A word-level linear-chain CRF for English person names, decoded with NumPy only.

Why a subclass of the Chinese model: the decoding (candidate windows, batched forward-backward, posterior
spans) does not care whether its units are characters or words, so only the emissions differ: here they come
from word-token features (en_person_features.py) instead of character n-grams, and a single unit may be a
name (`Alan is …`), which the Chinese model never reports. Weights come from python-crfsuite (training only,
train_en_person.py), given the very same bucket ids as attributes.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from corpusgov.quality.pii.emission_table import EmissionTable
from corpusgov.quality.pii.en_person_features import (
    HASH_BITS,
    N_TEMPLATES,
    Featurizer,
    Gazetteer,
    Tokens,
    gazetteer_file,
)
from corpusgov.quality.pii.zh_person_features import LABELS
from corpusgov.quality.pii.zh_person_model import Span, ZhPersonModel

__all__ = ["EnPersonModel", "Span"]


class EnPersonModel(ZhPersonModel):
    """Emission table (2**HASH_BITS, labels), transitions, margins and floor, plus the name-list gazetteer."""

    SINGLE_UNIT_NAMES = True
    MAX_LEN = 6  # words
    BATCH_CHARS = 8192  # tokens decoded together (find_batch counts len() of a Tokens, i.e. tokens)

    def __init__(self, emission: np.ndarray | EmissionTable, transition: np.ndarray, start_margin: float, cont_margin: float,
                 floor: float, gazetteer: Gazetteer) -> None:
        super().__init__(emission, transition, start_margin, cont_margin, floor, N_TEMPLATES)
        self.featurizer = Featurizer(gazetteer)

    @classmethod
    def load(cls, path: Path) -> EnPersonModel:
        with np.load(path) as z:
            table = EmissionTable.from_sparse(1 << HASH_BITS, len(LABELS), z["rows"], z["cols"], z["weights"])
            return cls(
                table, z["transition"], float(z["start_margin"]), float(z["cont_margin"]), float(z["floor"]),
                gazetteer_file(path),  # shared with the Latin-name scorer, which reads the same lists
            )

    def emissions_batch(self, docs: list[Tokens]) -> np.ndarray:  # type: ignore[override]  # units are word tokens, not characters
        ids, real = Featurizer.ids_padded(docs)
        return self.emissions_of(ids)[real]

    def emissions(self, doc: Tokens) -> np.ndarray:  # type: ignore[override]  # units are word tokens, not characters
        return self.emissions_batch([doc])

    def find_tokens(self, docs: list[Tokens], floors: list[float] | None = None) -> list[list[Span]]:
        """Name spans in token units (start token, end token exclusive) with their posterior score."""
        return self.find_batch(docs, floors)  # type: ignore[arg-type]  # the decoder only takes len() of each item
