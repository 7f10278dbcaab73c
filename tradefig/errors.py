"""One exception family, so the CLI can turn every expected failure into one clear line."""

from __future__ import annotations


class TradefigError(Exception):
    """Root of every error tradefig raises on purpose; the message says what to do."""


class InputError(TradefigError):
    """An input cannot be read or is not text (missing, a directory without matches, binary)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class DataFileError(TradefigError):
    """A vocabulary file under ``tradefig/data`` is malformed: a packaging bug, never user error."""

    def __init__(self, path: str, line: int | None, reason: str) -> None:
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason}")
        self.path = path
        self.line = line


class OutputError(TradefigError):
    """The output cannot be written (folder missing, would overwrite an input, format needs -o)."""
