"""Error messages as one informative line."""

from __future__ import annotations


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


def validation_message(error: dict) -> str:
    """Readable message for one pydantic error entry (`ValidationError.errors()[i]`)."""
    kind = error.get("type")
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field"
    return str(error.get("msg", "invalid"))
