"""Compiled Jinja templates kept between runs: a bytecode cache per machine (else per process) keyed by settings.

Why (issue 15, a run's fixed cost): every run parsed and compiled the same templates again — Great Expectations'
Data Docs views (24 templates, 52 compiles: GE makes a new environment per view) and the dashboard's 4 —,
≈ 0.25 CPU-s a run (docs/profile.md `wt-speed13`). A bytecode cache only skips the compile step: the template's
code object comes from the cache, so rendering, and every page, is the same.

Jinja keys a cached template by its name and file and checks the source's sha1, but not the environment's
settings (autoescape, filters, extensions, block options) nor the compiler's version, so each cache here is a
directory named by a hash of those (`settings_key`: Jinja's and Python's versions and the files that set the
environment up). It lives in the machine's table cache (`quality/table_cache.py`: `$CORPUSGOV_CACHE_DIR`, `off`
turns it off); with that off, or a file unreadable or unwritable, the environments of a process share an
in-memory cache instead. A cached template is code, so a directory others may write is not used (`private_dir`).
Jinja writes a file to a temporary name and renames it, so concurrent runs never read half of one.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterable

import jinja2
from jinja2.bccache import Bucket, BytecodeCache, FileSystemBytecodeCache

_caches: dict[str, BytecodeCache] = {}


def settings_key(name: str, files: Iterable[str], parts: Iterable[str] = ()) -> str:
    """sha256 over the cache's name, Jinja's and Python's versions, `parts` and the bytes of `files`."""
    h = hashlib.sha256()
    for part in (name, jinja2.__version__, sys.version, *parts):
        h.update(part.encode("utf-8") + b"\0")
    for path in files:
        with open(path, "rb") as f:
            h.update(hashlib.sha256(f.read()).digest())
    return h.hexdigest()


class MemoryCache(BytecodeCache):
    """Compiled templates kept for the process (Jinja's bucket bytes, as its file cache writes them)."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self._store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


def private_dir(directory: str) -> bool:
    """The directory exists, belongs to this user and nobody else may write in it.

    Why: a cached template is marshalled Python code, run when the template renders; a directory others can write
    would let them run code in a run (the table cache's arrays are read with ``allow_pickle=False``)."""
    try:
        st = os.stat(directory)
    except OSError:
        return False
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


class MachineCache(FileSystemBytecodeCache):
    """Jinja's file cache in `directory` (made private to the user; not used unless it is `private_dir`); what
    cannot be read or written there is kept in memory for the process."""

    def __init__(self, directory: str) -> None:
        super().__init__(directory)
        self._memory = MemoryCache()

    def load_bytecode(self, bucket: Bucket) -> None:
        if private_dir(self.directory):
            try:
                super().load_bytecode(bucket)
            except OSError:
                bucket.reset()
        if bucket.code is None:
            self._memory.load_bytecode(bucket)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._memory.dump_bytecode(bucket)
        try:
            os.makedirs(self.directory, mode=0o700, exist_ok=True)
            if private_dir(self.directory):
                super().dump_bytecode(bucket)
        except OSError:
            pass


def template_cache(name: str, files: Iterable[str], parts: Iterable[str] = ()) -> BytecodeCache:
    """The process's bytecode cache for environments set up by `files` (and `parts`): on disk under the table
    cache when it is on, else in memory; one object per key and process."""
    from corpusgov.quality.table_cache import cache_dir

    root = cache_dir()
    key = settings_key(name, files, parts)
    where = f"memory:{key}" if root is None else os.path.join(root, f"jinja-{name}-{key[:40]}")
    cache = _caches.get(where)
    if cache is None:
        cache = _caches[where] = MemoryCache() if root is None else MachineCache(where)
    return cache
