"""Domain errors with their exit codes, and error messages as one informative line.

Why here and not in the CLI: commands' implementations (forget, incremental runs, lifecycle) raise these, and
dependencies point one way (CLI -> driver -> pipelines -> core); the CLI maps them to exit codes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_GATE, EXIT_VERIFY, EXIT_NOT_FOUND = 0, 1, 2, 3, 4, 5


class CorpusgovError(Exception):
    """Base of the domain errors: the CLI reports one as one line and exits with its `code`."""

    code: int = EXIT_FAILED


class UsageError(CorpusgovError):
    """Bad input or configuration the user can fix (a config file, annotation data, a key, the PI engine's
    model): exit code 2, reported by the first line of its message."""

    code = EXIT_USAGE


class CliError(CorpusgovError):
    """An error to report as one line with its exit code (EXIT_FAILED unless said otherwise)."""

    def __init__(self, message: str, code: int = EXIT_FAILED) -> None:
        super().__init__(message)
        self.code = code


def first_line(message: str) -> str:
    """The informative line of an error message. A worker's error relayed by a portable or multi-process
    runner starts with "Traceback (most recent call last):"; its last "SomeError: ..." line says what failed."""
    lines = [ln.strip() for ln in message.strip().splitlines() if ln.strip()]
    if not lines:
        return ""
    if lines[0].startswith("Traceback"):
        for ln in reversed(lines):
            head = ln.split(":", 1)[0]
            if ":" in ln and head.replace(".", "").replace("_", "").isalnum() and head[:1].isupper():
                return ln
    return lines[0]


def validation_message(error: Mapping[str, Any]) -> str:
    """Readable message for one pydantic error entry (`ValidationError.errors()[i]`)."""
    kind = error.get("type")
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field"
    return str(error.get("msg", "invalid"))
