"""The one validated configuration model: run config, source registry and policy.

A run is described by a small YAML file that points at the source registry and the policy. Everything is
validated up front; the first problem becomes one readable line naming the file, the source and the field.
Evidence that TC260-003 §5.1 asks for is *not* a config error: a source missing it is rejected at run time
(its records are read, counted and excluded with a reason), so the run still accounts for every record.
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from corpusgov.contracts.manifest import Acquisition, LegalBasis
from corpusgov.errors import UsageError, validation_message
from corpusgov.lineage.hashing import file_sha256 as sha256_file
from corpusgov.quality.copyright_policy import CopyrightPolicy
from corpusgov.quality.dedup_policy import DedupPolicy
from corpusgov.quality.expectations_policy import ExpectationsPolicy
from corpusgov.quality.language_policy import LanguagePolicy
from corpusgov.quality.pii.policy import PiiPolicy
from corpusgov.quality.quality_policy import QualityPolicy

InputFormat = Literal["jsonl", "parquet", "csv", "text"]

_SPDX_RE = re.compile(r"^(LicenseRef-[A-Za-z0-9.\-]+|[A-Za-z0-9.\-+]+)$")
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_\-]{0,63}$")


class ConfigError(UsageError):
    """A configuration problem, always rendered as one line naming file and field."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Evidence(_Strict):
    """A piece of evidence: a URL, or a file with its sha256 (checked at run time)."""

    url: str | None = None
    file: str | None = None
    sha256: str | None = None
    note: str | None = None

    @field_validator("sha256")
    @classmethod
    def _hex(cls, v: str | None) -> str | None:
        if v is not None and not re.fullmatch(r"[0-9a-f]{64}", v):
            raise ValueError("must be 64 lowercase hex characters")
        return v


class Period(_Strict):
    start: date
    end: date

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError("end is before start")
        return self


class SelfCollected(_Strict):
    crawler: str | None = None
    collection_period: Period | None = None
    robots_txt: Literal["respected", "ignored", "not_applicable"] | None = None
    opt_out_handling: str | None = None


class Commercial(_Strict):
    contract_ref: str | None = None
    contract_evidence: Evidence | None = None
    supplier: str | None = None
    supplier_commitments: list[str] = Field(default_factory=list)


class UserAuthorised(_Strict):
    authorisation_record: Evidence | None = None
    terms_version: str | None = None


class Synthetic(_Strict):
    generator: str | None = None
    generator_licence: str | None = None


class FieldMap(_Strict):
    text: str = "text"
    id: str | None = None
    metadata: list[str] = Field(default_factory=list)
    # Name of a metadata field holding the record's URL, used for origin patterns in takedowns.
    url: str | None = None


class Inputs(_Strict):
    paths: list[str] = Field(min_length=1)
    format: InputFormat
    fields: FieldMap = Field(default_factory=FieldMap)
    # Only UTF-8 input is read; another encoding is refused here rather than dead-lettering every record.
    encoding: str = "utf-8"
    csv_delimiter: str = ","

    @field_validator("encoding")
    @classmethod
    def _utf8(cls, v: str) -> str:
        import codecs

        try:
            name = codecs.lookup(v).name
        except LookupError:
            raise ValueError(f"unknown encoding {v!r}") from None
        if name != "utf-8":
            raise ValueError("only utf-8 input is supported; convert the files first (e.g. iconv)")
        return v

    @field_validator("csv_delimiter")
    @classmethod
    def _one_char(cls, v: str) -> str:
        if len(v) != 1 or v in ('"', "\r", "\n"):
            raise ValueError("must be exactly one character, not a quote or line break")
        return v


class Source(_Strict):
    id: str
    title: str
    acquisition: Acquisition
    licence: str | None = None
    licence_evidence: Evidence | None = None
    pi_legal_basis: LegalBasis
    languages: list[str] = Field(min_length=1)
    domain: str
    modality: Literal["text"] = "text"
    owner: str | None = None
    priority: int | None = None
    self_collected: SelfCollected | None = None
    commercial: Commercial | None = None
    user_authorised: UserAuthorised | None = None
    synthetic: Synthetic | None = None
    # 境内/境外: where the data was produced or collected (the filing reports the split); None = not declared.
    origin_region: Literal["domestic", "overseas"] | None = None
    inputs: Inputs

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        if not _ID_RE.match(v):
            raise ValueError("must be lowercase letters, digits, '_' or '-', at most 64 characters")
        return v

    @field_validator("licence")
    @classmethod
    def _licence(cls, v: str | None) -> str | None:
        if v is not None and not _SPDX_RE.match(v):
            raise ValueError("must be an SPDX identifier or LicenseRef-…")
        return v


class Registry(_Strict):
    version: Literal[1] = 1
    sources: list[Source] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> Registry:
        seen: set[str] = set()
        for s in self.sources:
            if s.id in seen:
                raise ValueError(f"duplicate source id {s.id!r}")
            seen.add(s.id)
        return self


class Limits(_Strict):
    max_record_bytes: int = Field(1_000_000, ge=1)
    max_line_bytes: int = Field(8_000_000, ge=1)
    max_json_depth: int = Field(64, ge=1, le=10_000)
    # Raw bytes of a bad record copied, base64-encoded, into its dead-letter entry (0 = none; at most 65536).
    # The raw input is unscanned and may hold personal information: protect deadletter/ like the input.
    deadletter_raw_bytes: int = Field(65536, ge=0, le=65536)


class ScreeningPolicy(_Strict):
    enabled: bool = True
    lexicon: str | None = None
    max_hit_rate: float = Field(0.05, ge=0.0, le=1.0)
    # Records that hit the lexicon: "flag" keeps them, "drop" removes them even in accepted sources.
    record_action: Literal["flag", "drop"] = "drop"


class OutputPolicy(_Strict):
    # Target uncompressed text bytes per corpus shard; the shard count follows from the input size.
    target_shard_bytes: int = Field(64 * 1024 * 1024, ge=1024)
    max_shards: int = Field(4096, ge=1)
    compression: Literal["snappy", "zstd", "none"] = "zstd"


class GatePolicy(_Strict):
    # Share of an accepted source's / an allowed language's records that must be kept; below it the
    # `kept_share:*` gate fails (non-critical): a policy that silently wipes out a source should be seen.
    min_kept_share_source: float = Field(0.5, ge=0, le=1)
    min_kept_share_language: float = Field(0.5, ge=0, le=1)
    # Largest relative fall in kept records per source/language against a base run (dashboard --compare).
    max_kept_drop_vs_base: float = Field(0.25, ge=0, le=1)


class Policy(_Strict):
    version: Literal[1] = 1
    limits: Limits = Field(default_factory=Limits)
    screening: ScreeningPolicy = Field(default_factory=ScreeningPolicy)
    pii: PiiPolicy = Field(default_factory=PiiPolicy)
    copyright: CopyrightPolicy = Field(default_factory=CopyrightPolicy)
    language: LanguagePolicy = Field(default_factory=LanguagePolicy)
    quality: QualityPolicy = Field(default_factory=QualityPolicy)
    dedup: DedupPolicy = Field(default_factory=DedupPolicy)
    expectations: ExpectationsPolicy = Field(default_factory=ExpectationsPolicy)
    output: OutputPolicy = Field(default_factory=OutputPolicy)
    gates: GatePolicy = Field(default_factory=GatePolicy)


class Provider(_Strict):
    """The provider filing the corpus (备案): printed on the first page of the regulator report."""

    name: str | None = None
    responsible_person: str | None = None  # 安全责任人
    contact: str | None = None  # 联系方式 (a business line or mailbox, not a private one)
    ip_responsible_person: str | None = None  # 知识产权负责人 (TC260-003 §5.2)


class RunConfigFile(_Strict):
    version: Literal[1] = 1
    name: str = "corpusgov"
    registry: str
    policy: str
    annotation: str | None = None
    # A failed annotation audit (Art. 8) fails the run's gate only when this is true.
    annotation_gate_critical: bool = False
    # Input paths must stay under these roots (relative to the config file) unless allow_any_path.
    input_roots: list[str] = Field(default_factory=lambda: ["."])
    allow_any_path: bool = False
    # Optional OpenLineage HTTP endpoint (e.g. Marquez at http://localhost:5000); events always go to
    # openlineage.jsonl in the run directory too. Failures to send are logged, never fatal.
    openlineage_url: str | None = None
    # Private ed25519 key (`corpusgov keygen`, relative to this file) that signs the run's attestation;
    # $CORPUSGOV_SIGNING_KEY overrides it. Without either the run is attested UNSIGNED (with a warning).
    signing_key: str | None = None
    # Optional provider fields for the regulator report; the manifest records them (config.provider).
    provider: Provider | None = None


class LoadedConfig(BaseModel):
    """Everything a run needs, with paths resolved and the config files' hashes."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    config_path: str
    base_dir: str
    run: RunConfigFile
    registry: Registry
    policy: Policy
    registry_path: str
    policy_path: str
    lexicon_path: str | None
    config_files: dict[str, str]  # path -> sha256

    def resolve(self, path: str) -> str:
        return resolve_path(self.base_dir, path)

    def source(self, source_id: str) -> Source:
        for s in self.registry.sources:
            if s.id == source_id:
                return s
        raise KeyError(source_id)

    def input_root_paths(self) -> list[Path]:
        return [Path(resolve_path(self.base_dir, r)).resolve() for r in self.run.input_roots]

    def check_input_file(self, source_id: str, field: str, path: str) -> None:
        """Raise ConfigError if a matched input file resolves (symlinks followed) outside the input roots."""
        if self.run.allow_any_path or "://" in path:
            return
        if not within_roots(path, self.input_root_paths()):
            rel = os.path.relpath(path, os.path.dirname(self.registry_path))
            raise ConfigError(
                f"{self.registry_path}: source {source_id!r} field {field!r}: matched file {rel!r} resolves "
                f"outside the configured input_roots (a symlink?); set allow_any_path: true to permit it"
            )


def check_inputs_match(cfg: LoadedConfig) -> None:
    """Raise ConfigError naming the source and its pattern(s) when a source's local globs match no file.

    Why: an empty source used to run as "accepted, 0 records" and exit 0, hiding a typo in a path. Remote
    patterns (`gs://`, ...) are left to planning, which needs the network to expand them.
    """
    import glob

    base = os.path.dirname(cfg.registry_path)
    for s in cfg.registry.sources:
        local = [(i, p) for i, p in enumerate(s.inputs.paths) if "://" not in resolve_path(base, p)]
        if not local or len(local) < len(s.inputs.paths):
            continue
        if not any(os.path.isfile(m) for _, p in local for m in glob.glob(resolve_path(base, p), recursive=True)):
            pats = ", ".join(repr(p) for _, p in local)
            field = f"inputs.paths.{local[0][0]}" if len(local) == 1 else "inputs.paths"
            raise ConfigError(f"{cfg.registry_path}: source {s.id!r} field {field!r}: {pats} matches no file "
                              f"(paths are relative to {base})")


def within_roots(path: str, roots: list[Path]) -> bool:
    """True if `path`, with every symlink and `..` resolved, is one of `roots` or lies under one."""
    rp = Path(path).resolve()
    return any(rp == r or r in rp.parents for r in roots)


def resolve_path(base_dir: str, path: str) -> str:
    if "://" in path or os.path.isabs(path):
        return path
    return os.path.normpath(os.path.join(base_dir, path))


def read_yaml(path: str) -> Any:
    try:
        with open(path, encoding="utf-8") as f:
            return yaml.safe_load(f)
    except FileNotFoundError:
        raise ConfigError(f"{path}: file not found") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise ConfigError(f"{path}:{where}: invalid YAML: {problem}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except IsADirectoryError:
        raise ConfigError(f"{path}: is a directory, not a YAML file") from None
    except OSError as e:
        raise ConfigError(f"{path}: cannot read: {e.strerror or type(e).__name__}") from None


def describe_error(path: str, data: Any, err: ValidationError, kind: str) -> str:
    """One line: file, the source (for registries) and the field of the first error."""
    e = err.errors()[0]
    loc = list(e.get("loc", ()))
    where = ""
    if kind == "registry" and len(loc) >= 2 and loc[0] == "sources" and isinstance(loc[1], int):
        try:
            sid = data["sources"][loc[1]].get("id", f"#{loc[1]}")
        except Exception:  # noqa: BLE001 - best effort naming only
            sid = f"#{loc[1]}"
        where = f" source {sid!r}"
        loc = loc[2:]
    field = ".".join(str(p) for p in loc) or "(top level)"
    return f"{path}:{where} field {field!r}: {validation_message(e)}"


def _validate(model: type[BaseModel], path: str, kind: str) -> Any:
    data = read_yaml(path)
    if data is None:
        raise ConfigError(f"{path}: file is empty")
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: top level must be a mapping")
    try:
        return model.model_validate(data)
    except ValidationError as err:
        raise ConfigError(describe_error(path, data, err, kind)) from None


def load_policy(path: str) -> Policy:
    return _validate(Policy, path, "policy")


def load_registry(path: str) -> Registry:
    return _validate(Registry, path, "registry")


def load_config(config_path: str) -> LoadedConfig:
    """Load and validate the run config, its registry and policy; fail fast with one line."""
    config_path = os.path.abspath(config_path)
    run = _validate(RunConfigFile, config_path, "run")
    base = os.path.dirname(config_path)
    reg_path = resolve_path(base, run.registry)
    pol_path = resolve_path(base, run.policy)
    registry = load_registry(reg_path)
    policy = load_policy(pol_path)
    files = {config_path: sha256_file(config_path), reg_path: sha256_file(reg_path), pol_path: sha256_file(pol_path)}
    lexicon = None
    if policy.screening.enabled and policy.screening.lexicon:
        lexicon = resolve_path(os.path.dirname(pol_path), policy.screening.lexicon)
        if not os.path.exists(lexicon):
            raise ConfigError(f"{pol_path}: field 'screening.lexicon': file not found: {lexicon}")
        files[lexicon] = sha256_file(lexicon)
    if run.annotation:
        ann = resolve_path(base, run.annotation)
        if not os.path.exists(ann):
            raise ConfigError(f"{config_path}: field 'annotation': file not found: {ann}")
        files[ann] = sha256_file(ann)
    reg_base = os.path.dirname(reg_path)
    roots = [Path(resolve_path(base, r)).resolve() for r in run.input_roots]
    for s in registry.sources:
        for i, p in enumerate(s.inputs.paths):
            full = resolve_path(reg_base, p)
            if run.allow_any_path or "://" in full:
                continue
            if not within_roots(full, roots):
                raise ConfigError(
                    f"{reg_path}: source {s.id!r} field 'inputs.paths.{i}': {p!r} is outside the "
                    f"configured input_roots (set allow_any_path: true to permit it)"
                )
    for name in policy.dedup.source_priority:
        if name not in {s.id for s in registry.sources}:
            raise ConfigError(f"{pol_path}: field 'dedup.source_priority': unknown source id {name!r}")
    loaded = LoadedConfig(
        config_path=config_path,
        base_dir=base,
        run=run,
        registry=registry,
        policy=policy,
        registry_path=reg_path,
        policy_path=pol_path,
        lexicon_path=lexicon,
        config_files=files,
    )
    # The patterns stay inside the roots; the files they match must too (a symlink can point anywhere).
    if not run.allow_any_path:
        import glob

        for s in registry.sources:
            for i, p in enumerate(s.inputs.paths):
                full = resolve_path(reg_base, p)
                if "://" in full:
                    continue
                for m in sorted(glob.glob(full, recursive=True)):
                    loaded.check_input_file(s.id, f"inputs.paths.{i}", m)
    return loaded
