"""Driver-side planning: expand each source's input globs, hash the files, check the source's evidence.

TC260-003 §5.1 asks that every source be traceable: open-licence data keeps its licence, self-collected data
its collection records and robots/opt-out handling, commercial data a contract and the supplier's
commitments, user data the user's authorisation record. A source missing that evidence is *rejected*, not a
crash: its records are still read, counted and excluded with `source_rejected:<why>`.
"""

from __future__ import annotations

import glob
import os
from dataclasses import asdict, dataclass

from corpusgov.config import LoadedConfig, Source, resolve_path, sha256_file
from corpusgov.lineage.hashing import stream_sha256


@dataclass(frozen=True)
class PlannedFile:
    source_id: str
    uri: str  # absolute path or remote URI
    key: str  # path as written relative to the registry, stable across machines
    sha256: str
    bytes: int
    format: str

    def to_dict(self) -> dict:
        return asdict(self)


def _expand(base_dir: str, pattern: str) -> list[tuple[str, str]]:
    """(absolute path, stable key) for every file a pattern names, sorted."""
    full = resolve_path(base_dir, pattern)
    if "://" in full:
        from apache_beam.io.filesystems import FileSystems  # remote: let Beam's filesystems match

        matches = FileSystems.match([full])[0].metadata_list
        return sorted((m.path, m.path) for m in matches)
    paths = sorted(p for p in glob.glob(full, recursive=True) if os.path.isfile(p))
    return [(os.path.abspath(p), os.path.relpath(p, base_dir)) for p in paths]


def plan_source_files(cfg: LoadedConfig, source: Source) -> list[PlannedFile]:
    base = os.path.dirname(cfg.registry_path)
    seen: dict[str, PlannedFile] = {}
    for i, pattern in enumerate(source.inputs.paths):
        for path, key in _expand(base, pattern):
            if path in seen:
                continue
            # Checked again here, not only at config load: files can change between the two.
            cfg.check_input_file(source.id, f"inputs.paths.{i}", path)
            if "://" in path:
                digest, size = remote_sha256(path)
                seen[path] = PlannedFile(source.id, path, key, digest, size, source.inputs.format)
            else:
                seen[path] = PlannedFile(
                    source.id, path, key, sha256_file(path), os.path.getsize(path), source.inputs.format
                )
    return sorted(seen.values(), key=lambda p: p.key)


def remote_sha256(path: str) -> tuple[str, int]:
    """(sha256, size) of the file's bytes as stored, read through Beam's filesystems (gs://, s3://, …).

    Uncompressed on purpose: Beam would otherwise decompress a `.gz` by its name, and the digest must be the
    one a local copy of the same file has (evidence hashes and the manifest name stored bytes).
    """
    from apache_beam.io.filesystem import CompressionTypes
    from apache_beam.io.filesystems import FileSystems

    with FileSystems.open(path, compression_type=CompressionTypes.UNCOMPRESSED) as f:
        return stream_sha256(f)


def _evidence_problems(base: str, ev, what: str) -> list[str]:
    if ev is None or (not ev.url and not ev.file):
        return [f"missing_{what}"]
    if ev.file:
        path = resolve_path(base, ev.file)
        if not os.path.exists(path):
            return [f"{what}_file_missing"]
        if ev.sha256 is None:
            return [f"{what}_sha256_missing"]
        if sha256_file(path) != ev.sha256:
            return [f"{what}_hash_mismatch"]
    return []


def evidence_problems(cfg: LoadedConfig, source: Source) -> list[str]:
    """Reason codes for evidence TC260-003 §5.1 requires of this source's acquisition type ([] if complete)."""
    base = os.path.dirname(cfg.registry_path)
    out: list[str] = []
    acq = source.acquisition
    if acq in ("open_licence", "public_domain"):
        if not source.licence:
            out.append("missing_licence")
        out += _evidence_problems(base, source.licence_evidence, "licence_evidence")
    elif acq == "self_collected":
        sc = source.self_collected
        if sc is None or not sc.crawler:
            out.append("missing_crawler")
        if sc is None or sc.collection_period is None:
            out.append("missing_collection_period")
        if sc is None or sc.robots_txt is None:
            out.append("missing_robots_handling")
        elif sc.robots_txt == "ignored":
            out.append("robots_txt_ignored")
    elif acq == "commercial":
        c = source.commercial
        if c is None or not c.contract_ref:
            out.append("missing_contract")
        else:
            out += _evidence_problems(base, c.contract_evidence, "contract_evidence")
        if c is None or not c.supplier_commitments:
            out.append("missing_supplier_commitments")
    elif acq == "user_authorised":
        u = source.user_authorised
        out += _evidence_problems(base, u.authorisation_record if u else None, "authorisation_record")
    elif acq == "synthetic":
        if source.synthetic is None or not source.synthetic.generator:
            out.append("missing_generator")
    return sorted(set(out))


@dataclass
class Plan:
    files: list[PlannedFile]
    rejected: dict[str, list[str]]  # source id -> reason codes (from evidence)
    total_bytes: int

    def files_of(self, source_id: str) -> list[PlannedFile]:
        return [f for f in self.files if f.source_id == source_id]


def make_plan(cfg: LoadedConfig) -> Plan:
    files: list[PlannedFile] = []
    rejected: dict[str, list[str]] = {}
    for s in cfg.registry.sources:
        files += plan_source_files(cfg, s)
        problems = evidence_problems(cfg, s)
        if problems:
            rejected[s.id] = problems
    return Plan(files=files, rejected=rejected, total_bytes=sum(f.bytes for f in files))
