"""`corpusgov scan PATH...`: explore files before a registry exists.

One implicit source (`scan`), every detector and metric the pipeline has, no source gates: screening only
flags, quality rules only flag, personal information is masked in `corpus/` as in a governed run. Output is
the same run-directory layout, so the dashboard, `trace` and `verify` work on it.
"""

from __future__ import annotations

import os

from corpusgov.config import (
    ConfigError,
    Evidence,
    FieldMap,
    Inputs,
    LoadedConfig,
    Policy,
    Registry,
    RunConfigFile,
    Source,
)

SUFFIX_FORMATS = {".jsonl": "jsonl", ".json": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet", ".csv": "csv",
                  ".txt": "text", ".md": "text"}


def detect_format(path: str) -> str | None:
    p = path[:-3] if path.endswith(".gz") else path
    return SUFFIX_FORMATS.get(os.path.splitext(p)[1].lower())


def _expand(paths: list[str]) -> list[str]:
    out: list[str] = []
    for p in paths:
        if os.path.isdir(p):
            for root, _, names in sorted(os.walk(p)):
                out += [os.path.join(root, n) for n in sorted(names)]
        elif os.path.isfile(p):
            out.append(p)
        else:
            raise ConfigError(f"{p}: no such file or directory")
    return [os.path.abspath(p) for p in out]


def scan_policy() -> Policy:
    from corpusgov.quality.signals import default_quality_rules

    rules = {k: {**v, "action": "flag"} for k, v in default_quality_rules().items()}
    return Policy.model_validate({
        "screening": {"enabled": False},
        "quality": {"rules": rules},
        "copyright": {"conflict_action": "flag", "opt_out_action": "flag"},
        "output": {"target_shard_bytes": 64 * 1024 * 1024},
    })


def scan_config(paths: list[str], fmt: str | None, text_field: str, out_dir: str) -> LoadedConfig:
    files = _expand(paths)
    if not files:
        raise ConfigError("scan: no input files")
    formats = {f: fmt or detect_format(f) for f in files}
    unknown = [f for f, v in formats.items() if v is None]
    if unknown:
        raise ConfigError(f"{unknown[0]}: unknown format (pass --format jsonl|parquet|csv|text)")
    by_fmt: dict[str, list[str]] = {}
    for f, v in formats.items():
        by_fmt.setdefault(str(v), []).append(f)
    sources = [
        Source(
            id=f"scan-{v}" if len(by_fmt) > 1 else "scan", title=f"scan of {len(fs)} {v} file(s)",
            acquisition="open_licence", licence="LicenseRef-unknown",
            licence_evidence=Evidence(url="about:scan", note="implicit source of `corpusgov scan`; no gates"),
            pi_legal_basis="none", languages=["und"], domain="unknown",
            inputs=Inputs(paths=fs, format=v, fields=FieldMap(text=text_field)),
        )
        for v, fs in sorted(by_fmt.items())
    ]
    base = os.path.abspath(os.getcwd())
    return LoadedConfig(
        config_path=os.path.join(base, "<scan>"), base_dir=base,
        run=RunConfigFile(name="corpusgov-scan", registry="<scan>", policy="<scan>", allow_any_path=True),
        registry=Registry(sources=sources), policy=scan_policy(),
        registry_path=os.path.join(base, "<scan>"), policy_path=os.path.join(base, "<scan>"),
        lexicon_path=None, config_files={},
    )
