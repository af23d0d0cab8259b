"""The one builder of the run manifest, used by `run`, incremental runs and `forget`.

Why one: a manifest is assembled from counters (`corpusgov.aggregates`) plus the facts of a run (sources
and their evidence, config, code, outputs, annotation audit, takedown requests). A full run passes the
pipeline's counters; `forget` and incremental runs that re-apply takedowns pass counters recounted from the
rewritten tables; all go through `aggregate_sections` and `build_manifest`, so no caller edits a manifest
after it is built and every count follows one rule. The result is checked against the typed model
(`corpusgov.contracts.manifest.Manifest`, from which `lineage/schemas/manifest.schema.json` is generated).
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any

from corpusgov import __version__
from corpusgov.aggregates import Counters, screening_rate_exceeded, stage_of, sum_counts
from corpusgov.contracts.manifest import MANIFEST_VERSION, manifest_errors

__all__ = ["MANIFEST_VERSION", "Counters", "ManifestError", "SourceFacts", "aggregate_sections", "build_manifest",
           "canonical_bytes", "code_info", "next_chain", "sum_counts", "validate_manifest"]

KEY_PACKAGES = (
    "apache-beam", "pyarrow", "numpy", "datasketch", "presidio-analyzer", "presidio-anonymizer",
    "great-expectations", "langdetect", "pydantic", "openlineage-python", "mlcroissant", "cryptography",
)
TOKEN_METHOD = "1 per CJK character + 1.3 per whitespace-separated word"
PII_HASH = "HMAC-SHA256 with the run's key; raw values are never stored"
NO_KEY = "none: no value hashes written (set CORPUSGOV_PII_HASH_KEY)"


class ManifestError(ValueError):
    """The built manifest fails its model; the message is the first error."""


def validate_manifest(manifest: dict[str, Any]) -> list[str]:
    """Errors against the Manifest model as readable strings (empty when valid)."""
    return manifest_errors(manifest)


def _git(repo: str, *args: str) -> str | None:
    try:
        out = subprocess.run(["git", "-C", repo, *args], capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout if out.returncode == 0 else None


def code_info() -> dict[str, Any]:
    """The code that ran: version, git commit and whether tracked files differed from it, key packages."""
    repo = os.path.normpath(os.path.join(os.path.dirname(__file__), ".."))
    commit = (_git(repo, "rev-parse", "HEAD") or "").strip() or None
    status = _git(repo, "status", "--porcelain", "--untracked-files=no") if commit else None
    pkgs: dict[str, str | None] = {}
    for name in KEY_PACKAGES:
        try:
            pkgs[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pkgs[name] = None
    return {"corpusgov_version": __version__, "git_commit": commit,
            "git_modified": None if status is None else bool(status.strip()),
            "python": platform.python_version(), "packages": pkgs}


def next_chain(previous: dict[str, Any] | None, new_dir: str, run_id: str) -> dict[str, Any]:
    """`chain` of a new version: the chain id (run id of its first version) and a version number one above
    the previous manifest's, so a rolled-back directory shows a lower version than the chain's newest."""
    if not previous:
        return {"id": run_id, "version": 1}
    p = previous["path"] if os.path.isabs(previous["path"]) else os.path.join(new_dir, previous["path"])
    with open(os.path.normpath(p), encoding="utf-8") as f:
        prev = json.load(f)
    ch = prev.get("chain")
    if isinstance(ch, dict) and ch.get("id") and isinstance(ch.get("version"), int):
        return {"id": ch["id"], "version": ch["version"] + 1}
    from corpusgov.lifecycle import chain  # a chain made before versions were recorded: count its links

    versions = chain(os.path.dirname(os.path.normpath(p)))
    return {"id": versions[-1][1]["run"]["run_id"], "version": len(versions) + 1}


def canonical_bytes(manifest: dict[str, Any]) -> bytes:
    return (json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode("utf-8")


# ------------------------------------------------------------------------------------------ sources
@dataclass
class SourceFacts:
    """What the manifest says of a source besides its counts: registry fields, input mapping, files read,
    the rejection reasons found at planning (evidence; the screening rate is measured) and lexicon size."""

    id: str
    entry: dict[str, Any]  # id, title, acquisition, licence, pi_legal_basis, languages, domain, modality,
    #                        registry_entry, inputs, files (manifest keys)
    evidence_rejections: list[str] = field(default_factory=list)
    lexicon_terms: int = 0


def sources_from_config(cfg: Any, plan: Any, lexicon_terms: int) -> list[SourceFacts]:
    """From the validated config (`corpusgov.config.LoadedConfig`) and the run's plan."""
    out = []
    for s in cfg.registry.sources:
        entry = {
            "id": s.id, "title": s.title, "acquisition": s.acquisition, "licence": s.licence,
            "pi_legal_basis": s.pi_legal_basis, "languages": s.languages, "domain": s.domain,
            "modality": s.modality, "registry_entry": s.model_dump(mode="json", exclude={"inputs"}),
            "inputs": s.inputs.model_dump(mode="json"),
            "files": [{"uri": f.key, "sha256": f.sha256, "bytes": f.bytes} for f in plan.files_of(s.id)],
        }
        out.append(SourceFacts(s.id, entry, list(plan.rejected.get(s.id, [])), lexicon_terms))
    return out


STATIC_SOURCE_KEYS = ("id", "title", "acquisition", "licence", "pi_legal_basis", "languages", "domain", "modality",
                      "registry_entry", "inputs", "files")


def sources_from_manifest(m: dict[str, Any]) -> list[SourceFacts]:
    """From a previous version's manifest (a derived version governs the same sources and files)."""
    return [SourceFacts(s["id"], {k: s[k] for k in STATIC_SOURCE_KEYS if k in s},
                        [r for r in s.get("rejection_reasons") or [] if r != "screening_rate_exceeded"],
                        int((s.get("screening") or {}).get("lexicon_terms", 0)))
            for s in m["sources"]]


# ------------------------------------------------------------------------------------------ sections
def source_counts(c: Counters, sid: str) -> dict[str, Any]:
    dead = c.by("dead", sid)
    kept = c.get("decision", sid, "keep")
    dropped = c.get("decision", sid, "drop")
    dl = sum(dead.values())
    return {
        "read": kept + dropped + dl,
        "kept": kept,
        "dropped": dropped,
        "deadlettered": dl,
        "dropped_by_reason": c.by("drop_reason", sid),
        "flagged_by_reason": c.by("flag", sid),
        "deadlettered_by_reason": dead,
    }


def scale_of(c: Counters, dim: str, key: str) -> dict[str, int]:
    return {m: c.get(dim, key, m) for m in ("records", "chars", "bytes", "est_tokens")}


def dedup_section(c: Counters, policy: Any, ids: list[str], stats: dict[str, Any] | None) -> dict[str, Any]:
    """Duplicate counts from the counters; `stats` are the pipeline's connected-components facts
    (convergence, rounds), which only the run that clustered knows."""
    from corpusgov.quality.minhash import MinHasher

    pol = policy.dedup
    params: dict[str, Any] = pol.model_dump(mode="json")
    if pol.enabled:
        h = MinHasher(pol)
        params.update({"lsh_bands": h.bands, "lsh_rows": h.rows})
    sizes = {k[1]: v for k, v in c.data.items() if k[0] == "dup_cluster_size"}
    rate = {}
    for sid in ids:
        n = sum(c.get("decision", sid, d) for d in ("keep", "drop"))
        d = sum(c.by("dup", sid).values())
        rate[sid] = (d / n) if n else 0.0
    stats = stats or {}
    return {
        "params": params,
        "converged": stats.get("cc_converged", True),
        "unconverged_labels": stats.get("cc_changed_last_round", 0),
        "cc_rounds": stats.get("cc_rounds"),
        "exact_duplicates_dropped": sum(c.get("dup", s, "exact") for s in ids),
        "near_duplicates_dropped": sum(c.get("dup", s, "near") for s in ids),
        "clusters": sum(sizes.values()),
        "cluster_size_histogram": dict(sorted(sizes.items(), key=lambda kv: int(kv[0]))),
        "rate_by_source": rate,
    }


def dedup_stats_of(dedup: dict[str, Any]) -> dict[str, Any]:
    """The pipeline's clustering facts as a previous version's manifest recorded them (`dedup_section`'s input)."""
    return {"cc_converged": dedup["converged"], "cc_changed_last_round": dedup["unconverged_labels"],
            "cc_rounds": dedup["cc_rounds"]}


def steps_from(c: Counters, policy: Any, ids: list[str], dedup_params: dict[str, Any],
               takedowns: list[str] | None) -> list[dict[str, Any]]:
    """Records in and out of each measure, in order, with the first reasons of the records it dropped; a
    `takedown` step when takedown requests apply to this version."""
    from corpusgov.quality.decide import STAGES

    pol = policy
    params = {
        "ingest": {"limits": pol.limits.model_dump()},
        "source_gate": {"screening_max_hit_rate": pol.screening.max_hit_rate, "evidence": "TC260-003 §5.1"},
        "screening": {"record_action": pol.screening.record_action},
        "pii": pol.pii.model_dump(mode="json"),
        "copyright": pol.copyright.model_dump(mode="json"),
        "quality": pol.quality.model_dump(mode="json"),
        "language": pol.language.model_dump(mode="json"),
        "dedup": dedup_params,
    }
    read = sum(c.get("decision", s, d) for s in ids for d in ("keep", "drop"))
    dead = sum_counts([c.by("dead", s) for s in ids])
    first = sum_counts([c.by("drop_reason", s) for s in ids])
    steps = [{"name": "ingest", "params": params["ingest"], "records_in": read + sum(dead.values()),
              "records_out": read, "dropped_by_reason": {f"deadletter:{k}": v for k, v in dead.items()}}]
    remaining = read
    stages: list[str] = [*STAGES, "takedown"] if takedowns is not None else list(STAGES)
    for st in stages:
        dropped = sum(c.get("stage", s, st) for s in ids)
        step_params = params[st] if st in params else {"requests": list(takedowns or [])}
        steps.append({"name": st, "params": step_params, "records_in": remaining, "records_out": remaining - dropped,
                      "dropped_by_reason": {r: v for r, v in first.items() if stage_of(r) == st}})
        remaining -= dropped
    return steps


def aggregate_sections(c: Counters, sources: list[SourceFacts], policy: Any, *,
                       dedup_stats: dict[str, Any] | None, takedowns: list[str] | None = None) -> dict[str, Any]:
    """Every manifest section made of counts: sources (with status and screening), totals, scale, type,
    pii / copyright / quality counts, dedup and steps. `takedowns`: ids of the requests applied in this
    version (None: no takedown step)."""
    out_sources = []
    scr = policy.screening
    for sf in sources:
        counts = source_counts(c, sf.id)
        n_screen = counts["read"] - counts["deadlettered"]
        hits = c.get("screen_hit", sf.id)
        exceeded = screening_rate_exceeded(n_screen, hits, scr)
        rejected = [*sf.evidence_rejections, *(["screening_rate_exceeded"] if exceeded else [])]
        out_sources.append({
            **sf.entry,
            "status": "rejected" if rejected else "accepted",
            "rejection_reasons": rejected,
            "counts": counts,
            "screening": {"records": n_screen, "hits": hits, "hit_rate": (hits / n_screen) if n_screen else 0.0,
                          "threshold": scr.max_hit_rate, "passed": not exceeded, "lexicon_terms": sf.lexicon_terms},
            "scale": scale_of(c, "kept_source", sf.id),
        })
    totals: dict[str, Any] = {k: sum(x["counts"][k] for x in out_sources)
                              for k in ("read", "kept", "dropped", "deadlettered")}
    for k in ("dropped_by_reason", "flagged_by_reason", "deadlettered_by_reason"):
        totals[k] = sum_counts([x["counts"][k] for x in out_sources])
    langs = sorted({k[1] for k in c.data if k[0] == "kept_lang" and c.get("kept_lang", k[1], "records")})
    ids = [s.id for s in sources]
    dedup = dedup_section(c, policy, ids, dedup_stats)
    return {
        "sources": out_sources,
        "totals": totals,
        "scale": {
            "by_source": {s["id"]: s["scale"] for s in out_sources},
            "by_language": {lang: scale_of(c, "kept_lang", lang) for lang in langs},
            "by_modality": {"text": scale_of(c, "kept_modality", "text")},
            "token_estimate_method": TOKEN_METHOD,
            "languages_read": c.by("lang_all"),
        },
        "type": {
            "modalities": sorted({s["modality"] for s in out_sources}),
            "domains": sum_counts([{s["domain"]: s["counts"]["kept"]} for s in out_sources]),
            "acquisition_types": sum_counts([{s["acquisition"]: s["counts"]["kept"]} for s in out_sources]),
            "languages": {lang: c.get("kept_lang", lang, "records") for lang in langs},
        },
        "pii": {
            "counts_by_source": c.nested("pii_type"),
            "records_by_action": c.nested("pii_records"),
            "reasons_by_source": c.nested("pii_reason"),
        },
        "copyright": {"counts_by_source": c.nested("cr_class"), "conflicts_by_source": c.nested("cr_reason")},
        "quality": {"rule_counts_by_source": c.nested("q_rule")},
        "dedup": dedup,
        "steps": steps_from(c, policy, ids, dedup["params"], takedowns),
    }


# ------------------------------------------------------------------------------------------ manifest
def build_manifest(
    *,
    sections: dict[str, Any],
    run: dict[str, Any],
    code: dict[str, Any],
    runner: dict[str, Any],
    config: dict[str, Any],
    previous: dict[str, Any] | None,
    chain: dict[str, Any],
    diversity: dict[str, Any],
    pii_mode: str,
    pii_key_id: str | None,
    outputs: dict[str, Any],
    annotation: dict[str, Any] | None = None,
    annotation_cache: dict[str, Any] | None = None,
    expectations: dict[str, Any] | None = None,
    kept_gates: list[dict[str, Any]] | None = None,
    incremental: dict[str, Any] | None = None,
    requests: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The manifest of one run version, with its gates evaluated, checked against the Manifest model.

    `sections` from `aggregate_sections`; `expectations` the Great Expectations result when it ran for this
    version; `kept_gates` gates of a previous version that this one did not re-evaluate (expectation gates
    of a version whose expectations were not re-run). Raises ManifestError when the result is invalid.
    """
    from corpusgov.gates import evaluate_gates

    pii = {"mode": pii_mode, **sections["pii"], "hash": PII_HASH,
           "key_source": "env" if pii_key_id else NO_KEY}
    if pii_key_id:
        pii["key_id"] = pii_key_id
    m: dict[str, Any] = {
        "manifest_version": MANIFEST_VERSION,
        "run": run,
        "code": code,
        "runner": runner,
        "config": config,
        "previous_manifest": previous,
        "chain": chain,
        **{k: sections[k] for k in ("sources", "totals", "scale", "type")},
        "pii": pii,
        **{k: sections[k] for k in ("copyright", "quality", "dedup")},
        "diversity": diversity,
        "steps": sections["steps"],
        "gates": [],
        "outputs": outputs,
        "annotation": annotation,
        "acceptance": None,  # set by `corpusgov accept` on a finished version (corpusgov.attest)
    }
    if annotation_cache is not None:
        m["annotation_cache"] = annotation_cache
    if incremental is not None:
        m["incremental"] = incremental
    if requests is not None:
        m["requests"] = requests
    gates = evaluate_gates(m, expectations)
    names = {g["name"] for g in gates}
    m["gates"] = gates + [g for g in kept_gates or [] if g["name"] not in names]
    errors = validate_manifest(m)
    if errors:
        raise ManifestError(f"manifest failed its schema: {errors[0]}")
    return m


def config_section(cfg: Any) -> dict[str, Any]:
    """`config`: the config files with their roles and hashes, the policy, the provider."""
    return {
        "files": [{"path": os.path.relpath(p, cfg.base_dir), "sha256": h, "role": _role(cfg, p)}
                  for p, h in sorted(cfg.config_files.items())],
        "policy": cfg.policy.model_dump(mode="json"),
        "provider": cfg.run.provider.model_dump(mode="json") if cfg.run.provider else None,
    }


def _role(cfg: Any, path: str) -> str:
    if path == cfg.config_path:
        return "run_config"
    if path == cfg.registry_path:
        return "source_registry"
    if path == cfg.policy_path:
        return "policy"
    if path == cfg.lexicon_path:
        return "screening_lexicon"
    return "annotation_config"
