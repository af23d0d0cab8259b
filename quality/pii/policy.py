"""Policy section for personal information: which action each legal basis takes per entity type."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

PiiAction = Literal["keep", "mask", "drop"]


def _mask_all() -> dict[str, dict[str, PiiAction]]:
    return {"*": {"*": "mask"}}


class PiiPolicy(BaseModel):
    model_config = ConfigDict(extra="forbid")

    enabled: bool = True
    mode: Literal["pattern", "ner"] = "pattern"
    ner_model: str | None = None
    min_score: float = Field(0.5, ge=0.0, le=1.0)
    # actions[legal_basis][entity_type] -> action; "*" is the fallback legal basis / entity type.
    # Entity types (pattern mode): CN_RESIDENT_ID, CN_MOBILE, CN_LANDLINE, CN_BANK_CARD, CN_PASSPORT,
    # CN_HMT_PERMIT, CN_USCC, CN_PLATE, CN_PERSON, CN_ADDRESS, EMAIL_ADDRESS, IP_ADDRESS, PHONE_NUMBER,
    # CREDIT_CARD, IBAN_CODE, US_SSN, PERSON (English names, word CRF); NER mode adds LOCATION (and spaCy's PERSON).
    actions: dict[str, dict[str, PiiAction]] = Field(default_factory=lambda: _mask_all())
    hash_key_env: str = "CORPUSGOV_PII_HASH_KEY"
    # Findings inside code (`inline`, ``reST literal``, fenced or indented code blocks, >>> / $ prompt lines)
    # are kept unmasked unless checksum- or structure-validated (score 1.0): ports, versions, slices and example
    # addresses in code are not personal data, while a real e-mail or ID number in code still is.
    exempt_code: bool = True
    # Regions whose national phone formats PHONE_NUMBER validates (ISO 3166 codes, `phonenumbers`); None = the
    # recognizer's default list (PhoneNumberRecognizer.REGIONS).
    phone_regions: list[str] | None = None

    def action_for(self, legal_basis: str, entity_type: str) -> PiiAction:
        table = self.actions.get(legal_basis) or self.actions.get("*") or {}
        return table.get(entity_type) or table.get("*") or "mask"
