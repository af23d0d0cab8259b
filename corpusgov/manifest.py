"""Assemble the run manifest from the pipeline's aggregates (counters, shard infos, diversity) and the config.

Every number here is read from what the pipeline measured; nothing is recounted or typed in. The manifest is
the contract between the pipeline and everything that renders or verifies a run (schema:
`lineage/schemas/manifest.schema.json`).
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
from collections import defaultdict
from importlib import metadata
from typing import Any

import jsonschema

from corpusgov import __version__
from corpusgov.config import LoadedConfig
from corpusgov.planning import Plan

MANIFEST_VERSION = "1.0.0"
SCHEMA_PATH = os.path.join(os.path.dirname(__file__), "..", "lineage", "schemas", "manifest.schema.json")
KEY_PACKAGES = (
    "apache-beam", "pyarrow", "numpy", "datasketch", "presidio-analyzer", "presidio-anonymizer",
    "great-expectations", "langdetect", "pydantic", "openlineage-python", "mlcroissant", "cryptography",
)


def load_schema() -> dict[str, Any]:
    with open(os.path.normpath(SCHEMA_PATH), encoding="utf-8") as f:
        return json.load(f)


def validate_manifest(manifest: dict[str, Any]) -> list[str]:
    """Schema errors as readable strings (empty when valid)."""
    schema = load_schema()
    v = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    return [f"{'/'.join(str(p) for p in e.absolute_path) or '(root)'}: {e.message}" for e in v.iter_errors(manifest)]


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
    pkgs = {}
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


class Counters:
    """The pipeline's summed counters: tuple key -> int."""

    def __init__(self, rows: list[tuple[tuple[str, ...], int]]) -> None:
        self.data: dict[tuple[str, ...], int] = {tuple(k): v for k, v in rows}

    @classmethod
    def read(cls, path: str) -> Counters:
        rows = []
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                for line in f:
                    if line.strip():
                        k, v = json.loads(line)
                        rows.append((tuple(k), int(v)))
        return cls(rows)

    def get(self, *key: str) -> int:
        return self.data.get(tuple(key), 0)

    def by(self, kind: str, *prefix: str) -> dict[str, int]:
        """Last key component -> value, for keys (kind, *prefix, x)."""
        n = len(prefix)
        out: dict[str, int] = {}
        for k, v in self.data.items():
            if k[0] == kind and len(k) == n + 2 and tuple(k[1 : 1 + n]) == prefix:
                out[k[-1]] = out.get(k[-1], 0) + v
        return dict(sorted(out.items()))

    def nested(self, kind: str) -> dict[str, dict[str, int]]:
        """For keys (kind, a, b): {a: {b: value}}."""
        out: dict[str, dict[str, int]] = defaultdict(dict)
        for k, v in self.data.items():
            if k[0] == kind and len(k) == 3:
                out[k[1]][k[2]] = v
        return {a: dict(sorted(b.items())) for a, b in sorted(out.items())}


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


def sum_counts(ds: list[dict[str, int]]) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for d in ds:
        for k, v in d.items():
            out[k] += v
    return dict(sorted(out.items()))


def scale_of(c: Counters, dim: str, key: str) -> dict[str, int]:
    return {m: c.get(dim, key, m) for m in ("records", "chars", "bytes", "est_tokens")}


def build_manifest(
    *,
    cfg: LoadedConfig,
    plan: Plan,
    counters: Counters,
    run: dict[str, Any],
    runner: dict[str, Any],
    source_status: dict[str, dict[str, Any]],
    steps: list[dict[str, Any]],
    outputs: dict[str, Any],
    dedup: dict[str, Any],
    diversity: dict[str, Any],
    pii_mode: str,
    gates: list[dict[str, Any]],
    previous: dict[str, Any] | None = None,
    extra: dict[str, Any] | None = None,
    chain: dict[str, Any] | None = None,
) -> dict[str, Any]:
    sources = []
    policy = cfg.policy
    for s in cfg.registry.sources:
        counts = source_counts(counters, s.id)
        st = source_status[s.id]
        n_screen = counts["read"] - counts["deadlettered"]
        hits = counters.get("screen_hit", s.id)
        entry = s.model_dump(mode="json", exclude={"inputs"})
        sources.append({
            "id": s.id,
            "title": s.title,
            "acquisition": s.acquisition,
            "licence": s.licence,
            "pi_legal_basis": s.pi_legal_basis,
            "languages": s.languages,
            "domain": s.domain,
            "modality": s.modality,
            "registry_entry": entry,
            "inputs": s.inputs.model_dump(mode="json"),
            "status": "rejected" if st["rejected"] else "accepted",
            "rejection_reasons": st["rejected"],
            "files": [{"uri": f.key, "sha256": f.sha256, "bytes": f.bytes} for f in plan.files_of(s.id)],
            "counts": counts,
            "screening": {
                "records": n_screen,
                "hits": hits,
                "hit_rate": (hits / n_screen) if n_screen else 0.0,
                "threshold": policy.screening.max_hit_rate,
                "passed": not (policy.screening.enabled and n_screen and hits / n_screen > policy.screening.max_hit_rate),
                "lexicon_terms": st.get("lexicon_terms", 0),
            },
            "scale": scale_of(counters, "kept_source", s.id),
        })
    totals = {
        "read": sum(x["counts"]["read"] for x in sources),
        "kept": sum(x["counts"]["kept"] for x in sources),
        "dropped": sum(x["counts"]["dropped"] for x in sources),
        "deadlettered": sum(x["counts"]["deadlettered"] for x in sources),
        "dropped_by_reason": sum_counts([x["counts"]["dropped_by_reason"] for x in sources]),
        "flagged_by_reason": sum_counts([x["counts"]["flagged_by_reason"] for x in sources]),
        "deadlettered_by_reason": sum_counts([x["counts"]["deadlettered_by_reason"] for x in sources]),
    }
    langs = sorted({k[1] for k in counters.data if k[0] == "kept_lang"})
    manifest: dict[str, Any] = {
        "manifest_version": MANIFEST_VERSION,
        "run": run,
        "code": code_info(),
        "runner": runner,
        "config": {
            "files": [
                {"path": os.path.relpath(p, cfg.base_dir), "sha256": h, "role": _role(cfg, p)}
                for p, h in sorted(cfg.config_files.items())
            ],
            "policy": policy.model_dump(mode="json"),
            "provider": cfg.run.provider.model_dump(mode="json") if cfg.run.provider else None,
        },
        "previous_manifest": previous,
        "chain": chain or {"id": run["run_id"], "version": 1},
        "sources": sources,
        "totals": totals,
        "scale": {
            "by_source": {s["id"]: s["scale"] for s in sources},
            "by_language": {lang: scale_of(counters, "kept_lang", lang) for lang in langs},
            "by_modality": {"text": scale_of(counters, "kept_modality", "text")},
            "token_estimate_method": "1 per CJK character + 1.3 per whitespace-separated word",
            "languages_read": counters.by("lang_all"),
        },
        "type": {
            "modalities": sorted({s["modality"] for s in sources}),
            "domains": sum_counts([{s["domain"]: s["counts"]["kept"]} for s in sources]),
            "acquisition_types": sum_counts([{s["acquisition"]: s["counts"]["kept"]} for s in sources]),
            "languages": {lang: counters.get("kept_lang", lang, "records") for lang in langs},
        },
        "pii": {
            "mode": pii_mode,
            "counts_by_source": counters.nested("pii_type"),
            "records_by_action": counters.nested("pii_records"),
            "reasons_by_source": counters.nested("pii_reason"),
            "hash": "HMAC-SHA256 with the run's key; raw values are never stored",
        },
        "copyright": {
            "counts_by_source": counters.nested("cr_class"),
            "conflicts_by_source": counters.nested("cr_reason"),
        },
        "quality": {"rule_counts_by_source": counters.nested("q_rule")},
        "dedup": dedup,
        "diversity": diversity,
        "steps": steps,
        "gates": gates,
        "outputs": outputs,
        "annotation": None,
        "acceptance": None,
    }
    if extra:
        manifest.update(extra)
    return manifest


def _role(cfg: LoadedConfig, path: str) -> str:
    if path == cfg.config_path:
        return "run_config"
    if path == cfg.registry_path:
        return "source_registry"
    if path == cfg.policy_path:
        return "policy"
    if path == cfg.lexicon_path:
        return "screening_lexicon"
    return "annotation_config"
