"""`make eval` for the annotation audit: coverage simulation, then real crowd data sets with gold labels.

Part 1 (always): the coverage simulation of `annotation.eval.simulate`, bigger than the test's.
Part 2 (when the converted data are present, see `build_crowd_data.py`): per data set, the audit with the
gold labels (α, majority-vote and Dawid–Skene accuracy against gold, the true accuracy of all annotations,
the sampled estimate with its interval and whether it covers the truth), the sampled interval's coverage
over many sampling seeds for the margin and ISO 2859-1 AQL plans (and for the old design, for contrast),
and the audit without gold: which workers Dawid–Skene alone flags, against the workers whose gold accuracy
is indistinguishable from chance.
The data are read from $CORPUSGOV_CROWD_DATA, else ../shared/crowd-truth next to the repository, else
out/crowd-data. No package on PyPI, Debian or npm ships real crowd labels with gold (checked 2026-12-05,
see the README), so on a clean clone this part says NOT RUN.
Part 3 (when `make eval-data` could download pyanno 2.0.2 from PyPI): real expert annotations WITHOUT gold
(pyAnno's e-2 set), converted from the sdist at each run: agreement against the `krippendorff` package,
Dawid–Skene against majority vote and the per-annotator findings. No accuracy: there is no gold.
Results also go to out/eval/annotation_crowd_eval.json.

Run: `python -m corpusgov.annotation.eval.crowd_eval [--draws N] [--seeds N]`.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path

import yaml

from corpusgov.annotation.eval import build_crowd_data, simulate
from corpusgov.annotation.sampling import aql_plan, margin_sample_size
from corpusgov.annotation_audit import run_audit

ROOT = Path(__file__).resolve().parents[2]
TAXONOMY = ROOT / "configs" / "taxonomy" / "tc260_003_appendix_a.yaml"
NAMES = ["rte", "temp", "wsd", "bird", "dog", "face"]
DATE = "2026-12-05"
PYANNO_SDIST = ROOT / "out" / "eval-src" / build_crowd_data.PYANNO["file"]


def data_dir() -> Path | None:
    for cand in (os.environ.get("CORPUSGOV_CROWD_DATA"), ROOT.parent / "shared" / "crowd-truth",
                 ROOT / "out" / "crowd-data"):
        if cand and (Path(cand) / "rte" / "records.jsonl").exists():
            return Path(cand)
    return None


def pyanno_sdist() -> Path | None:
    """The pyanno sdist `make eval-data` downloads (or $CORPUSGOV_PYANNO_SDIST), if present."""
    for cand in (os.environ.get("CORPUSGOV_PYANNO_SDIST"), PYANNO_SDIST):
        if cand and Path(cand).is_file():
            return Path(cand)
    return None


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def audit(d: Path, name: str, tmp: Path, gold: bool, method: str = "margin") -> dict:
    cfg = {"version": 1, "name": f"crowd-{name}", "records": {"paths": [str(d / "records.jsonl")]},
           "rules": [str(d / "rules.yaml")], "roster": str(d / "roster.yaml"), "taxonomy": str(TAXONOMY),
           "batches": {name: name}, "sampling": {"method": method, "seed": 0}}
    if gold:
        cfg["gold"] = str(d / "gold.jsonl")
    path = tmp / f"{name}-{gold}-{method}.yaml"
    path.write_text(yaml.safe_dump(cfg), encoding="utf-8")
    out = run_audit(str(path), str(tmp / path.stem), [], engine="local")
    return out


def krippendorff_reference(recs: list[dict]) -> float | None:
    try:
        import krippendorff
        import numpy as np
    except ImportError:
        return None
    workers = sorted({r["annotator_id"] for r in recs})
    items = sorted({r["item_id"] for r in recs})
    labels = sorted({r["label"] for r in recs})
    wi, ii, li = ({v: i for i, v in enumerate(x)} for x in (workers, items, labels))
    m = np.full((len(workers), len(items)), np.nan)
    for r in recs:
        m[wi[r["annotator_id"]], ii[r["item_id"]]] = li[r["label"]]
    return float(krippendorff.alpha(reliability_data=m, level_of_measurement="nominal"))


def seed_coverage(units, ok, truth: float, n: int, seeds: int) -> tuple[float, float, float]:
    new = old = 0
    width = 0.0
    for s in range(seeds):
        e = simulate.estimate(units, ok, n, seed=s)
        new += e["ci_low"] <= truth <= e["ci_high"]
        width += e["ci_high"] - e["ci_low"]
        _, lo, hi = simulate.legacy(units, ok, n, seed=s)
        old += lo <= truth <= hi
    return new / seeds, old / seeds, width / seeds


def evaluate_set(d: Path, name: str, tmp: Path, seeds: int) -> dict:
    recs = _read(d / "records.jsonl")
    gold = {g["item_id"]: g["label"] for g in _read(d / "gold.jsonl")}
    units = [(r["item_id"], r["annotator_id"], r["label"]) for r in recs]
    ok = {(r["item_id"], r["annotator_id"]): r["label"] == gold[r["item_id"]] for r in recs}
    truth = sum(ok.values()) / len(ok)
    with_gold = audit(d, name, tmp, gold=True)
    b = with_gold["batches"][0]
    acc = b["accuracy"]
    no_gold = audit(d, name, tmp, gold=False)["batches"][0]
    # workers whose gold accuracy cannot be told from chance (reference basis, ≥ min_items gold items)
    near_chance = {r["annotator_id"] for r in b["reliability"]["flagged"]
                   if {"random_label", "constant_label"} & set(r["flags"])}
    ds_flags = {r["annotator_id"]: r for r in no_gold["reliability"]["flagged"]}
    ds_chance = {a for a, r in ds_flags.items() if {"random_label", "constant_label"} & set(r["flags"])}
    gold_rows = b["reliability"]["annotators"]
    threshold = acc["threshold"]
    below = {a for a, r in gold_rows.items() if r["reference"]["rate"] < threshold}
    plans = {"margin": margin_sample_size(len(units), 0.95, 0.05, 0.9), "aql": aql_plan(len(units), 1.0)["n"]}
    cov = {p: seed_coverage(units, ok, truth, n, seeds) for p, n in plans.items()}
    return {
        "data_set": name, "items": b["items"], "workers": len(b["annotators"]), "labels": len(units),
        "labels_per_item": len(units) / b["items"],
        "alpha": b["agreement"]["krippendorff_alpha_nominal"], "alpha_krippendorff_pkg": krippendorff_reference(recs),
        "mv_vs_gold": b["majority_vote"]["vs_reference"]["rate"], "ds_vs_gold": b["dawid_skene"]["vs_reference"]["rate"],
        "true_accuracy": truth, "sample_n": acc["n"], "sampled": acc["rate"], "ci": [acc["ci_low"], acc["ci_high"]],
        "unweighted": acc["unweighted_rate"], "covered": acc["ci_low"] <= truth <= acc["ci_high"],
        "coverage": {p: {"n": plans[p], "seeds": seeds, "new": c[0], "old": c[1], "mean_width": c[2]}
                     for p, c in cov.items()},
        "near_chance_by_gold": sorted(near_chance),
        "flagged_without_gold": {a: r["code"] for a, r in sorted(ds_flags.items())},
        "near_chance_found_without_gold": sorted(near_chance & set(ds_flags)),
        "flagged_without_gold_below_threshold_by_gold": sorted(set(ds_flags) & below),
        "ds_chance_flags": sorted(ds_chance),
        "gold_accuracy_of_near_chance": {a: gold_rows[a]["reference"]["rate"] for a in sorted(near_chance)},
    }


def evaluate_without_gold(d: Path, name: str, tmp: Path) -> dict:
    """The audit on real annotations that have no gold: agreement, Dawid–Skene vs majority vote, findings."""
    recs = _read(d / "records.jsonl")
    b = audit(d, name, tmp, gold=False)["batches"][0]
    ag, ds, mv, rel = b["agreement"], b["dawid_skene"], b["majority_vote"], b["reliability"]
    flagged = {r["annotator_id"]: r["flags"] for r in rel["flagged"]}
    return {
        "data_set": name, "items": b["items"], "workers": len(b["annotators"]), "labels": len(recs),
        "alpha": ag["krippendorff_alpha_nominal"], "alpha_krippendorff_pkg": krippendorff_reference(recs),
        "fleiss_kappa": ag["fleiss_kappa"], "cohen_kappa_mean": ag["cohen_kappa_mean"],
        "majority_vote_ties": mv["ties"], "ds_differs_from_majority": len(ds["differs_from_majority"]),
        "ds_converged": ds["converged"], "ds_iterations": ds["iterations"],
        "annotators": {a: {"basis": r["basis"], "labels": r["labels"], "flags": r["flags"],
                           **{k: r[r["basis"]][k] for k in ("rate", "ci_low", "ci_high", "chance")}}
                       for a, r in sorted(rel["annotators"].items())},
        "flagged": flagged, "source": json.loads((d / "source.json").read_text(encoding="utf-8")),
    }


def _print_without_gold(r: dict) -> None:
    ref = r["alpha_krippendorff_pkg"]
    pkg = "—" if ref is None else f"{ref:.9f}, |difference| {abs(r['alpha'] - ref):.1e}"
    print(f"   {r['data_set']}: {r['items']} items, {r['workers']} annotators, {r['labels']} labels; "
          f"α {r['alpha']:.9f} (krippendorff package {pkg}), Fleiss κ {r['fleiss_kappa']:.3f}, "
          f"mean Cohen κ {r['cohen_kappa_mean']:.3f}")
    print(f"   majority vote tied on {r['majority_vote_ties']} items; Dawid–Skene "
          f"({'converged' if r['ds_converged'] else 'NOT converged'}, {r['ds_iterations']} iterations) "
          f"differs from majority vote on {r['ds_differs_from_majority']} items")
    print("   per annotator (Dawid–Skene accuracy, 95% interval, chance level, flags):")
    for a, x in r["annotators"].items():
        print(f"     {a} {x['labels']:>6} labels  {x['rate']:.3f} [{x['ci_low']:.3f}, {x['ci_high']:.3f}]  "
              f"chance {x['chance']:.3f}  {', '.join(x['flags']) or '—'}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--draws", type=int, default=1000, help="simulated draws per scenario")
    ap.add_argument("--seeds", type=int, default=200, help="sampling seeds per real data set and plan")
    args = ap.parse_args(argv)
    report: dict = {"date": DATE, "simulation": [], "real": []}
    print(f"Annotation audit evaluation ({DATE})\n")
    print(f"1. Coverage of the sampled-accuracy 95% interval, simulated batches, {args.draws} draws each")
    print(f"{'scenario':<46} {'n':>5} {'true acc':>8} {'coverage':>8} {'old':>6} {'width':>6} {'bias':>7}")
    for sc in simulate.SCENARIOS:
        r = simulate.coverage(sc, args.draws, seed=1, with_legacy=True)
        report["simulation"].append(r)
        print(f"{sc.name:<46} {r['mean_n']:>5.0f} {r['mean_true_accuracy']:>8.3f} {r['coverage']:>8.3f} "
              f"{r['legacy_coverage']:>6.3f} {r['mean_width']:>6.3f} {r['mean_error']:>+7.4f}")
    d = data_dir()
    if d is None:
        print("\n2. Real crowd data: NOT RUN — converted data not found. Build them with\n"
              "   python -m corpusgov.annotation.eval.build_crowd_data --snow all_collected_data.tgz "
              "--truth-infer crowd_truth_infer/datasets --out out/crowd-data\n"
              "   (sources and terms in that module's docstring), or set CORPUSGOV_CROWD_DATA.")
    else:
        print(f"\n2. Real crowd data sets with gold labels ({d}); margin plan (±0.05 at 95%, expected 0.9), "
              "seed 0")
        with tempfile.TemporaryDirectory() as t:
            for name in NAMES:
                if (d / name / "records.jsonl").exists():
                    report["real"].append(evaluate_set(d / name, name, Path(t), args.seeds))
        print(f"{'set':<5} {'items':>5} {'wkrs':>4} {'lab/it':>6} {'alpha':>6} {'α pkg':>6} {'MV':>6} {'DS':>6} "
              f"{'true':>6} {'n':>4} {'sampled':>7} {'95% interval':>15} {'covers':>6}")
        for r in report["real"]:
            pkg = "—" if r["alpha_krippendorff_pkg"] is None else f"{r['alpha_krippendorff_pkg']:.3f}"
            print(f"{r['data_set']:<5} {r['items']:>5} {r['workers']:>4} {r['labels_per_item']:>6.1f} "
                  f"{r['alpha']:>6.3f} {pkg:>6} {r['mv_vs_gold']:>6.3f} {r['ds_vs_gold']:>6.3f} "
                  f"{r['true_accuracy']:>6.3f} {r['sample_n']:>4} {r['sampled']:>7.3f} "
                  f"{r['ci'][0]:>7.3f}–{r['ci'][1]:<7.3f} {'yes' if r['covered'] else 'NO':>6}")
        diffs = [abs(r["alpha"] - r["alpha_krippendorff_pkg"]) for r in report["real"]
                 if r["alpha_krippendorff_pkg"] is not None]
        if diffs:
            print(f"   max |α − krippendorff package α| over the sets: {max(diffs):.1e}")
        print(f"\n   Coverage over {args.seeds} sampling seeds (new design / old design), mean interval width:")
        for r in report["real"]:
            parts = [f"{p} n={c['n']}: {c['new']:.3f} / {c['old']:.3f} (width {c['mean_width']:.3f})"
                     for p, c in r["coverage"].items()]
            print(f"   {r['data_set']:<5} " + "; ".join(parts))
        print("\n   Reliability: workers whose gold accuracy is indistinguishable from chance (≥ 20 gold items),"
              "\n   and what the audit flags WITHOUT gold (Dawid–Skene basis):")
        for r in report["real"]:
            nc = r["near_chance_by_gold"]
            found = r["near_chance_found_without_gold"]
            flagged = r["flagged_without_gold"]
            prec = (len(r["flagged_without_gold_below_threshold_by_gold"]) / len(flagged)) if flagged else None
            print(f"   {r['data_set']:<5} near chance by gold: {len(nc):>3}; flagged without gold: {len(flagged):>3} "
                  f"(of them below threshold by gold: {'—' if prec is None else f'{prec:.2f}'}); near-chance "
                  f"workers found: {len(found)}/{len(nc)}"
                  + (f" — {', '.join(nc[:12])}{' …' if len(nc) > 12 else ''}" if nc else ""))
    sdist = pyanno_sdist()
    report["real_without_gold"] = []
    if sdist is None:
        print("\n3. Real annotations without gold: NOT RUN — pyanno 2.0.2 not found (`make eval-data` downloads "
              f"it from PyPI into {PYANNO_SDIST.parent.relative_to(ROOT)}/, or set CORPUSGOV_PYANNO_SDIST).")
    else:
        print(f"\n3. Real annotations without gold labels ({sdist.name}, sha256 checked): agreement and "
              "Dawid–Skene only")
        with tempfile.TemporaryDirectory() as t:
            metas = build_crowd_data.build_pyanno(str(sdist), str(Path(t) / "data"))
            for m in metas:
                r = evaluate_without_gold(Path(t) / "data" / m["name"], m["name"], Path(t))
                report["real_without_gold"].append(r)
                _print_without_gold(r)
    out = ROOT / "out" / "eval"
    out.mkdir(parents=True, exist_ok=True)
    (out / "annotation_crowd_eval.json").write_text(json.dumps(report, indent=2, sort_keys=True) + "\n",
                                                     encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
