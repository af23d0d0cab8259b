"""English PI: our recognizers and Presidio's default recognizers side by side, plus precision on real text.

Data (see `data/real/presidio_research/PROVENANCE.md`): presidio-research's published `synth_dataset_v2`
(1,500 sentences) and two sets made by its own generator, split by template (`gen_dev` is the only one used
for tuning; `gen_test` and `synth_v2` are reported). Rule as in `pii_eval`: a prediction is right when it has
the entity type of a labelled span and overlaps it. Our CN_MOBILE / CN_LANDLINE count as PHONE_NUMBER and
CN_BANK_CARD as CREDIT_CARD (the same numbers under the Chinese names). Presidio runs PhoneRecognizer,
CreditCardRecognizer, EmailRecognizer, IpRecognizer, IbanRecognizer and UsSsnRecognizer with the no-op NLP
engine, at its default score threshold (0: every result); ours at the policy default (min_score 0.5).

Real-text precision: every finding of our scanner in the `good_en_docs` and `zh_tech` sets of
`../shared/real-text-dev/real_text_dev.jsonl` (technical documentation nobody here wrote) is listed with the
value starred; two counts must be 0: non-global IP addresses and findings on a code token.

Run: `python -m corpusgov.quality.eval.pii_en_eval`.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

from corpusgov.quality.pii.policy import PiiPolicy
from corpusgov.quality.pii.recognizers_net import is_personal_ip
from corpusgov.quality.pii.scanner import PiiScanner, masked_preview

DATA = Path(__file__).parent / "data" / "real" / "presidio_research"
SETS = ("gen_dev", "gen_test", "synth_v2")
ENTITIES = ("PHONE_NUMBER", "CREDIT_CARD", "EMAIL_ADDRESS", "IP_ADDRESS", "IBAN_CODE", "US_SSN")
OUR_TYPE = {"CN_MOBILE": "PHONE_NUMBER", "CN_LANDLINE": "PHONE_NUMBER", "CN_BANK_CARD": "CREDIT_CARD"}
REAL_TEXT = Path(__file__).resolve().parents[2].parent / "shared" / "real-text-dev" / "real_text_dev.jsonl"
REAL_SETS = ("good_en_docs", "zh_tech")

Pred = list[tuple[str, int, int]]


def load(name: str) -> list[dict]:
    with (DATA / f"{name}.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def ours(scanner: PiiScanner):
    def predict(text: str) -> Pred:
        return [(OUR_TYPE.get(f.entity_type, f.entity_type), f.start, f.end) for f in scanner.scan(text, "en")]

    return predict


def presidio_default():
    """Presidio's own predefined recognizers for our entity types, offline (no spaCy model, bundled suffix list)."""
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_analyzer.predefined_recognizers import (
        CreditCardRecognizer,
        EmailRecognizer,
        IbanRecognizer,
        IpRecognizer,
        PhoneRecognizer,
        UsSsnRecognizer,
    )

    from corpusgov.quality.pii.engine import use_offline_suffix_list

    use_offline_suffix_list()
    nlp = NlpEngineProvider(
        nlp_configuration={"nlp_engine_name": "no_op", "models": [{"lang_code": "en", "model_name": "no_op"}]}
    ).create_engine()
    registry = RecognizerRegistry(supported_languages=["en"])
    for cls in (PhoneRecognizer, CreditCardRecognizer, EmailRecognizer, IpRecognizer, IbanRecognizer, UsSsnRecognizer):
        registry.add_recognizer(cls())
    analyzer = AnalyzerEngine(nlp_engine=nlp, registry=registry, supported_languages=["en"])

    def predict(text: str) -> Pred:
        return [(r.entity_type, r.start, r.end) for r in analyzer.analyze(text=text, language="en")]

    return predict


def score(docs: list[dict], predict) -> dict[str, dict[str, float]]:
    """Per entity: labelled, predicted, precision, recall (same type + overlap)."""
    pn: dict[str, int] = defaultdict(int)
    po: dict[str, int] = defaultdict(int)
    gn: dict[str, int] = defaultdict(int)
    go: dict[str, int] = defaultdict(int)
    for d in docs:
        pred = [p for p in predict(d["text"]) if p[0] in ENTITIES]
        gold = [(g["type"], g["start"], g["end"]) for g in d["spans"] if g["type"] in ENTITIES]
        for t, s, e in pred:
            pn[t] += 1
            po[t] += any(gt == t and s < ge and gs < e for gt, gs, ge in gold)
        for t, s, e in gold:
            gn[t] += 1
            go[t] += any(pt == t and ps < e and s < pe for pt, ps, pe in pred)
    return {
        t: {
            "labelled": gn[t], "predicted": pn[t],
            "precision": po[t] / pn[t] if pn[t] else 1.0, "recall": go[t] / gn[t] if gn[t] else 1.0,
        }
        for t in ENTITIES
    }


_IDENT = re.compile(r"[A-Za-z0-9_\[\]]")


def is_code_token(text: str, start: int, end: int) -> bool:
    """A finding glued to an identifier or bracket, next to `::`, or an IPv6-looking value with < 3 hex groups."""
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if (before and _IDENT.match(before)) or (after and _IDENT.match(after)):
        return True
    if text[max(0, start - 2) : start] == "::" or text[end : end + 2] == "::":
        return True
    value = text[start:end]
    return "::" in value and sum(1 for g in value.split(":") if g) < 3


def real_text_findings(scanner: PiiScanner, path: Path = REAL_TEXT) -> list[dict]:
    """Every finding in the real technical sets, with the value starred and the two precision flags."""
    out = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["set"] not in REAL_SETS:
                continue
            text = d["text"]
            for x in scanner.scan(text):
                value = text[x.start : x.end]
                out.append({
                    "set": d["set"], "id": d["id"], "type": x.entity_type, "score": round(x.score, 2),
                    "value": masked_preview(value),
                    "non_global_ip": x.entity_type == "IP_ADDRESS" and not is_personal_ip(value),
                    "code_token": is_code_token(text, x.start, x.end),
                })
    return out


def main(argv: list[str] | None = None) -> dict:
    scanner = PiiScanner(PiiPolicy())
    systems = {"corpusgov": ours(scanner), "presidio": presidio_default()}
    res: dict = {}
    print("English PI (presidio-research data, rule=same type + overlap; Presidio default recognizers side by side)")
    print(f"{'set':<10}{'entity':<15}{'labelled':>9}{'ours P':>8}{'ours R':>8}{'presidio P':>12}{'presidio R':>12}")
    for name in SETS:
        docs = load(name)
        res[name] = {k: score(docs, fn) for k, fn in systems.items()}
        for t in ENTITIES:
            o, p = res[name]["corpusgov"][t], res[name]["presidio"][t]
            print(
                f"{name:<10}{t:<15}{o['labelled']:>9}{o['precision']:>8.3f}{o['recall']:>8.3f}"
                f"{p['precision']:>12.3f}{p['recall']:>12.3f}"
            )
        print(f"{name:<10}({len(docs)} sentences)")
    if REAL_TEXT.exists():
        found = real_text_findings(scanner)
        res["real_text"] = found
        print(f"\nReal technical text ({', '.join(REAL_SETS)} of {REAL_TEXT.name}): {len(found)} findings")
        for x in found:
            flags = ",".join(k for k in ("non_global_ip", "code_token") if x[k])
            print(f"  {x['set']:<13}{x['id'][:44]:<45}{x['type']:<15}{x['score']:<6}{x['value']:<28}{flags}")
        print(
            f"non-global IP addresses masked: {sum(x['non_global_ip'] for x in found)}; "
            f"code tokens masked: {sum(x['code_token'] for x in found)}"
        )
    else:
        print(f"\nReal technical text: skipped, {REAL_TEXT} not found (it is outside the repository, in shared/)")
    return res


if __name__ == "__main__":
    main(sys.argv[1:])
