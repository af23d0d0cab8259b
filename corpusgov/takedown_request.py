"""Takedown requests: the request file's model, and what a request resolves to (`Matchers`).

Why a module of its own: `forget` reads a request, and incremental runs re-apply the stored form of every
request in their base chain; both need the same model and the same matching inputs. A request names what must
go (record ids, texts, sources, origin patterns, personal identifiers); identifiers are matched only by their
keyed hash under the run's PI hash key, and nothing but hashes and ids is ever stored.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from corpusgov.contracts.manifest import RequesterType
from corpusgov.errors import EXIT_USAGE, CliError
from corpusgov.lifecycle import key_id

_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\-]{0,63}$")


class ForgetError(CliError):
    """A takedown could not be applied; one line naming the file and field or the run."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message, code)


# --------------------------------------------------------------------------------------------- request
class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Identifier(_Strict):
    """A personal identifier: its value (hashed with the run's key, never stored) or the keyed hash itself."""

    type: str | None = None  # entity type (e.g. EMAIL_ADDRESS) to restrict the match; any type if unset
    value: str | None = None
    value_hash: str | None = None

    @model_validator(mode="after")
    def _one(self) -> Identifier:
        if (self.value is None) == (self.value_hash is None):
            raise ValueError("give exactly one of value or value_hash")
        if self.value is not None and not self.value.strip():
            raise ValueError("value is empty")
        if self.value_hash is not None and not re.fullmatch(r"[0-9a-f]{64}", self.value_hash):
            raise ValueError("value_hash must be 64 lowercase hex characters")
        return self


class Match(_Strict):
    record_ids: list[str] = Field(default_factory=list)
    content: list[str] = Field(default_factory=list)  # exact texts
    content_files: list[str] = Field(default_factory=list)  # UTF-8 files, relative to the request file
    source_ids: list[str] = Field(default_factory=list)
    # Glob (fnmatch) patterns against the record URL, origin key and origin URI; prefix "re:" for a regex.
    origins: list[str] = Field(default_factory=list)
    identifiers: list[Identifier] = Field(default_factory=list)
    # Also remove exact and near-duplicate copies (duplicate clusters + MinHash LSH over stored signatures).
    near_duplicates: bool = True

    @field_validator("record_ids")
    @classmethod
    def _ids(cls, v: list[str]) -> list[str]:
        for x in v:
            if not re.fullmatch(r"[0-9a-f]{32}", x):
                raise ValueError(f"{x!r} is not a record id (32 lowercase hex characters)")
        return v

    @field_validator("origins")
    @classmethod
    def _patterns(cls, v: list[str]) -> list[str]:
        for x in v:
            if x.startswith("re:"):
                try:
                    re.compile(x[3:])
                except re.error as e:
                    raise ValueError(f"invalid regex {x[3:]!r}: {e}") from None
        return v

    @model_validator(mode="after")
    def _some(self) -> Match:
        if not (self.record_ids or self.content or self.content_files or self.source_ids or self.origins
                or self.identifiers):
            raise ValueError("names nothing to remove (record_ids, content, content_files, source_ids, "
                             "origins or identifiers)")
        return self


class TakedownRequest(_Strict):
    version: Literal[1] = 1
    id: str
    date: date
    requester_type: RequesterType
    legal_ground: str = Field(min_length=1)
    description: str | None = None
    match: Match

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        if not _ID_RE.match(v):
            raise ValueError("must be letters, digits, '.', '_' or '-', at most 64 characters")
        return v


@dataclass
class LoadedRequest:
    request: TakedownRequest
    path: str
    sha256: str
    contents: list[str]  # texts named inline and by file (in memory only)


def load_request(path: str) -> LoadedRequest:
    """Validate a request YAML; errors are one line naming the file and the field."""
    from corpusgov.config import ConfigError, describe_error, read_yaml

    try:
        data = read_yaml(path)
    except ConfigError as e:
        raise ForgetError(str(e)) from None
    if not isinstance(data, dict):
        raise ForgetError(f"{path}: top level must be a mapping")
    try:
        req = TakedownRequest.model_validate(data)
    except ValidationError as err:
        raise ForgetError(describe_error(path, data, err, "request")) from None
    contents = list(req.match.content)
    base = os.path.dirname(os.path.abspath(path))
    for i, f in enumerate(req.match.content_files):
        p = f if os.path.isabs(f) else os.path.join(base, f)
        try:
            with open(p, encoding="utf-8") as fh:
                contents.append(fh.read())
        except (OSError, UnicodeDecodeError) as e:
            raise ForgetError(f"{path}: field 'match.content_files.{i}': cannot read {f}: {type(e).__name__}") from None
    with open(path, "rb") as fb:
        sha = hashlib.sha256(fb.read()).hexdigest()
    return LoadedRequest(req, path, sha, contents)


# ------------------------------------------------------------------------------------------ matchers
@dataclass
class Matchers:
    """What a request resolves to; everything but `contents`/`values` is stored in the manifest so later
    versions (incremental runs) can apply the request again."""

    record_ids: set[str] = field(default_factory=set)
    content_sha256: set[str] = field(default_factory=set)
    source_ids: set[str] = field(default_factory=set)
    origins: list[str] = field(default_factory=list)
    identifier_hashes: set[tuple[str | None, str]] = field(default_factory=set)
    near_duplicates: bool = True
    key_id: str | None = None
    contents: list[str] = field(default_factory=list)  # never stored
    values: list[tuple[str | None, str]] = field(default_factory=list)  # never stored

    def stored(self) -> dict[str, Any]:
        return {
            "record_ids": sorted(self.record_ids), "content_sha256": sorted(self.content_sha256),
            "source_ids": sorted(self.source_ids), "origins": list(self.origins),
            "identifier_hashes": [{"type": t, "value_hash": h} for t, h in sorted(self.identifier_hashes,
                                                                                   key=lambda x: (x[0] or "", x[1]))],
            "key_id": self.key_id, "near_duplicates": self.near_duplicates,
        }

    @classmethod
    def from_stored(cls, d: dict[str, Any], seeds: list[str]) -> Matchers:
        return cls(record_ids=set(d.get("record_ids") or []) | set(seeds),
                   content_sha256=set(d.get("content_sha256") or []), source_ids=set(d.get("source_ids") or []),
                   origins=list(d.get("origins") or []),
                   identifier_hashes={(x.get("type"), x["value_hash"]) for x in d.get("identifier_hashes") or []},
                   near_duplicates=bool(d.get("near_duplicates", True)), key_id=d.get("key_id"))


def env_key() -> bytes | None:
    k = os.environ.get("CORPUSGOV_PII_HASH_KEY", "")
    return k.encode() if k else None


def check_key(manifest: dict[str, Any], run_dir: str) -> bytes:
    """The PI hash key, checked to be the one the run used (identifiers are matched by keyed hash)."""
    pii = manifest.get("pii") or {}
    want = pii.get("key_id")
    if not want:
        raise ForgetError(f"{run_dir}: the manifest records no PI hash key id; identifier takedowns need a run "
                          "made with CORPUSGOV_PII_HASH_KEY set")
    key = env_key()
    if key is None:
        raise ForgetError(f"set CORPUSGOV_PII_HASH_KEY to the key run {manifest['run']['run_id']} used "
                          f"(key id {want}) to match identifiers")
    if key_id(key) != want:
        raise ForgetError(f"CORPUSGOV_PII_HASH_KEY is not the key run {manifest['run']['run_id']} used "
                          f"(key id {key_id(key)} != {want}); identifiers would never match")
    return key


def matchers_for(lr: LoadedRequest, manifest: dict[str, Any], run_dir: str) -> Matchers:
    from corpusgov.lineage.hashing import content_sha256
    from corpusgov.quality.pii.scanner import keyed_hash

    m = lr.request.match
    out = Matchers(record_ids=set(m.record_ids), content_sha256={content_sha256(t) for t in lr.contents},
                   source_ids=set(m.source_ids), origins=list(m.origins), near_duplicates=m.near_duplicates,
                   contents=list(lr.contents))
    if m.identifiers:
        key = check_key(manifest, run_dir)
        out.key_id = key_id(key)
        for ident in m.identifiers:
            if ident.value_hash is not None:
                out.identifier_hashes.add((ident.type, ident.value_hash))
                continue
            v = ident.value or ""
            for variant in {v, v.strip(), v.strip().lower() if "@" in v else v.strip()}:
                out.identifier_hashes.add((ident.type, keyed_hash(variant, key)))
            out.values.append((ident.type, v.strip()))
    return out
