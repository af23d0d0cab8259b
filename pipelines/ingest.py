"""Ingest: planned files -> records with stable ids and origin, malformed input -> dead-letter entries."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from apache_beam.io.filesystems import FileSystems

from corpusgov.contracts.record import DeadLetter, Record
from corpusgov.lineage.hashing import content_sha256, normalise_text, record_id
from corpusgov.progress import Tally
from corpusgov.readers import Dead, FieldMapping, Parsed, ReadLimits, encode_raw, read_any

log = logging.getLogger("corpusgov.ingest")


def dead_entry(f: dict[str, Any], d: Dead) -> DeadLetter:
    index = d.index if d.index is not None else -1
    raw = encode_raw(d.raw)
    return {
        "record_id": record_id(f["source_id"], f["key"], index) if index >= 0 else None,
        "source_id": f["source_id"],
        "origin_uri": f["uri"],
        "origin_key": f["key"],
        "origin_index": index,
        "reason": d.reason,
        "detail": d.detail,
        "raw_bytes": d.raw_size,
        "raw_b64": raw["raw_b64"],
        "raw_truncated": raw["raw_truncated"],
    }


def make_record(f: dict[str, Any], p: Parsed) -> Record:
    text = normalise_text(p.text)
    meta = dict(p.metadata)
    if p.url:
        meta.setdefault("url", p.url)
    return {
        "record_id": record_id(f["source_id"], f["key"], p.index),
        "source_id": f["source_id"],
        "source_record_id": p.source_record_id,
        "origin_uri": f["uri"],
        "origin_key": f["key"],
        "origin_index": p.index,
        "file_sha256": f["sha256"],
        "text": text,
        "content_sha256": content_sha256(text),
        "chars": len(text),
        "bytes": len(text.encode("utf-8")),
        "url": p.url,
        "metadata": meta,
    }


class FileReader:
    """Reads planned files: records (ids, origin, content hash) and dead-letter entries for malformed input.

    Plain Python, built once per worker: the annotate stage reads, annotates and writes each file in one
    fused task, so records never cross a shuffle. `tally` (corpusgov.progress) counts records and input bytes
    for the driver's progress line.
    """

    def __init__(self, mappings: dict[str, dict[str, Any]], limits: dict[str, int], tally: Tally) -> None:
        self._fields = {
            sid: (FieldMapping(m["text"], m.get("id"), m.get("metadata"), m.get("url")), m.get("csv_delimiter", ","))
            for sid, m in mappings.items()
        }
        self._read_limits = ReadLimits(**limits)
        self._tally = tally

    def read(self, f: dict[str, Any]) -> Iterator[tuple[bool, Any]]:
        """(is_dead, item) for every item of planned file `f`, in file order: a `Record`, or a `DeadLetter`
        entry when `is_dead`."""
        fields, delim = self._fields[f["source_id"]]
        try:
            handle = FileSystems.open(f["uri"], compression_type="uncompressed")
        except Exception as e:  # noqa: BLE001 - a vanished or unreadable file is dead-lettered
            yield True, dead_entry(f, Dead(None, "file_unreadable", f"{type(e).__name__}: {str(e)[:200]}"))
            return
        last = -1
        n_ok = n_dead = 0
        counted = 0  # input bytes of this file already counted in the progress tally
        with handle:
            try:
                for item in read_any(f["format"], handle, f["uri"], fields, self._read_limits, delim):
                    if (n_ok + n_dead) % 256 == 0:  # where the reader is in the file, for the progress ETA
                        pos = min(_tell(handle), f["bytes"])
                        self._tally.add(0, max(0, pos - counted))
                        counted = max(counted, pos)
                    if isinstance(item, Parsed):
                        last = item.index
                        n_ok += 1
                        self._tally.add()
                        yield False, make_record(f, item)
                    else:
                        last = item.index if item.index is not None else last
                        n_dead += 1
                        yield True, dead_entry(f, item)
            except Exception as e:  # noqa: BLE001 - safety net: never lose the rest of the run
                d = Dead(last + 1, "read_error", f"stopped after index {last}: {type(e).__name__}: {str(e)[:200]}")
                n_dead += 1
                yield True, dead_entry(f, d)
        self._tally.add(0, max(0, f["bytes"] - counted))
        # Progress on long runs: one line per large file (small ones only at debug level).
        log.log(logging.INFO if f["bytes"] >= 1_000_000 else logging.DEBUG,
                "read %s (%s): %d records, %d dead-lettered", f["key"], f["source_id"], n_ok, n_dead)


def _tell(handle) -> int:
    try:
        return int(handle.tell())
    except Exception:  # noqa: BLE001 - a stream without tell(): the file counts when it is done
        return 0
