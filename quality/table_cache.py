"""Lookup arrays derived from installed data files, built once per machine into a cache keyed by content hash.

Why: parsing jieba's dict.txt (Han frequencies and pair PMI) and langdetect's 55 profiles into arrays cost about
1 CPU-second at the start of every run and of every worker process. The arrays are a pure function of those files
and of the code deriving them, so the key hashes both (the source files' bytes, the deriving module's source, the
numpy version and the machine type): a cached copy is the same arrays bit for bit (``.npy`` stores the IEEE
values), and any change to either side misses the cache and rebuilds. Nothing is downloaded.

Where: ``$CORPUSGOV_CACHE_DIR`` if set (``off`` or empty turns the cache off), else ``$XDG_CACHE_HOME/corpusgov``
or ``~/.cache/corpusgov``. A cache that cannot be read or written is skipped (the arrays are built as before);
files are written to a temporary name and renamed, so concurrent workers never read half a file.
"""

from __future__ import annotations

import hashlib
import os
import platform
import tempfile
import zipfile
from collections.abc import Callable, Iterable

import numpy as np

CACHE_ENV = "CORPUSGOV_CACHE_DIR"
_FORMAT = "1"  # bump when the file layout written here changes


def cache_dir() -> str | None:
    """The cache directory, or None when the cache is turned off."""
    env = os.environ.get(CACHE_ENV)
    if env is not None:
        return None if env.strip().lower() in ("", "off", "0", "none") else env
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "corpusgov")


def content_key(name: str, sources: Iterable[str]) -> str:
    """sha256 over the table name, the cache format, numpy's version, the machine type and every source file
    (its base name and bytes, in the order given)."""
    h = hashlib.sha256()
    for part in (name, _FORMAT, np.__version__, platform.machine()):
        h.update(part.encode("utf-8") + b"\0")
    for path in sources:
        h.update(os.path.basename(path).encode("utf-8") + b"\0")
        with open(path, "rb") as f:
            h.update(hashlib.sha256(f.read()).digest())
    return h.hexdigest()


def cached_arrays(name: str, sources: list[str], build: Callable[[], dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """The arrays ``build()`` returns, read from the cache when a file with the same content key is there.

    `sources`: every file the arrays are derived from, including the Python module that derives them.
    """
    d = cache_dir()
    if d is None:
        return build()
    try:
        path = os.path.join(d, f"{name}-{content_key(name, sources)[:40]}.npz")
    except OSError:  # a source file is unreadable: build() will say why
        return build()
    try:
        with np.load(path, allow_pickle=False) as z:
            return {k: z[k] for k in z.files}
    except (OSError, ValueError, EOFError, zipfile.BadZipFile):  # absent or unreadable: rebuilt below
        pass
    arrays = build()
    try:
        os.makedirs(d, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=d, prefix=f".{name}-", suffix=".npz")
        try:
            with os.fdopen(fd, "wb") as f, zipfile.ZipFile(f, "w") as z:  # np.savez's layout: one .npy each
                for k, v in arrays.items():
                    with z.open(f"{k}.npy", "w") as member:
                        np.lib.format.write_array(member, np.asanyarray(v), allow_pickle=False)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:  # read-only or full disk: the run goes on without a cache
        pass
    return arrays
