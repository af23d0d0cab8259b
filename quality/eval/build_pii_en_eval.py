"""Build the English PI evaluation sets from presidio-research (MIT): its published set and its generator.

Why: the project's own `pii_eval.jsonl` is written by us; these sets are not. Outputs, in
`quality/eval/data/real/presidio_research/` (see PROVENANCE.md there):

- `synth_v2.jsonl`: `data/synth_dataset_v2.json` of the presidio-research repository (1,500 sentences),
  converted as is. Never used for tuning.
- `gen_dev.jsonl` / `gen_test.jsonl`: sentences made by presidio-evaluator's own `PresidioSentenceFaker`
  (its templates, its FakeNameGenerator records and Faker providers), split by template so that no template
  of the test split is in the dev split. Tuning uses `gen_dev` only.

This is a one-off build step, not run by `make eval`: it needs `presidio-evaluator` and `faker`, e.g.
`pip install --no-deps --target /tmp/pelib presidio-evaluator==0.3.2 faker python-dotenv`, then
`PYTHONPATH=/tmp/pelib python -m corpusgov.quality.eval.build_pii_en_eval --synth-v2 path/to/synth_dataset_v2.json`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

from corpusgov.quality.eval.jsonl import write_jsonl

OUT = Path(__file__).parent / "data" / "real" / "presidio_research"
SEED = 20261204
N_GENERATED = 6000


def _row(rid: str, text: str, spans: list[tuple[str, int, int]], template_id: int | None) -> dict:
    return {
        "id": rid,
        "template_id": template_id,
        "text": text,
        "spans": [{"type": t, "start": s, "end": e} for t, s, e in sorted(spans, key=lambda x: (x[1], x[2], x[0]))],
    }


def convert_synth_v2(path: Path) -> list[dict]:
    rows = []
    for i, d in enumerate(json.loads(path.read_text(encoding="utf-8"))):
        spans = [(s["entity_type"], s["start_position"], s["end_position"]) for s in d["spans"]]
        rows.append(_row(f"v2-{i}", d["full_text"], spans, d.get("template_id")))
    return rows


def _is_test_template(template: str) -> bool:
    # Split by template text (stable across template-file reorderings): about half the templates each.
    return hashlib.sha256(template.encode("utf-8")).digest()[0] % 2 == 1


def generate(n: int = N_GENERATED, seed: int = SEED) -> tuple[list[dict], list[dict]]:
    import random

    from presidio_evaluator.data_generator import PresidioSentenceFaker, presidio_templates_file_path

    random.seed(seed)
    templates = [t.strip() for t in presidio_templates_file_path.read_text().splitlines()]
    faker = PresidioSentenceFaker("en_US", lower_case_ratio=0.05, random_seed=seed)
    dev, test = [], []
    for i, s in enumerate(faker.generate_new_fake_sentences(n)):
        spans = [(sp.entity_type, sp.start_position, sp.end_position) for sp in s.spans]
        test_split = _is_test_template(templates[s.template_id])
        row = _row(f"{'test' if test_split else 'dev'}-{i}", s.full_text, spans, s.template_id)
        (test if test_split else dev).append(row)
    return dev, test


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--synth-v2", type=Path, required=True, help="presidio-research data/synth_dataset_v2.json")
    args = ap.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    write_jsonl(OUT / "synth_v2.jsonl", convert_synth_v2(args.synth_v2))
    dev, test = generate()
    write_jsonl(OUT / "gen_dev.jsonl", dev)
    write_jsonl(OUT / "gen_test.jsonl", test)
    print(f"synth_v2 + gen_dev {len(dev)} + gen_test {len(test)} -> {OUT}")


if __name__ == "__main__":
    main()
