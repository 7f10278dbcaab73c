"""One exception family, so the CLI can turn every expected failure into one clear line.

Each error carries the exit code the CLI ends with: 1 when an input could not be used (the
others are still processed), 2 when the command cannot run as given (usage, output).
Anything else that escapes is a bug: the CLI reports it in one line naming the input, and
``--debug`` (or ``TRADEFIG_DEBUG=1``, which worker processes inherit) shows the traceback.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

DEBUG_ENV = "TRADEFIG_DEBUG"


class TradefigError(Exception):
    """Root of every error tradefig raises on purpose; the message says what to do."""

    exit_code = 2


class InputError(TradefigError):
    """An input cannot be read or is not text (missing, a directory without matches, binary)."""

    exit_code = 1

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class DataFileError(TradefigError):
    """A vocabulary file under ``tradefig/data`` is malformed: a packaging bug, never user error."""

    exit_code = 70  # EX_SOFTWARE: reinstall tradefig, or report the bug

    def __init__(self, path: str, line: int | None, reason: str) -> None:
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason} (tradefig's own data file: reinstall it, or report the bug)")
        self.path = path
        self.line = line


class OutputError(TradefigError):
    """The output cannot be written (folder missing, would overwrite an input, format needs -o)."""


def debugging() -> bool:
    """``--debug`` was given (the CLI sets ``TRADEFIG_DEBUG`` so worker processes see it too)."""
    return os.environ.get(DEBUG_ENV, "").lower() not in {"", "0", "no", "false", "off"}


def failure_message(error: BaseException) -> str:
    """What to print when processing one input raised ``error``: its own message for a
    ``TradefigError``, else a one-line summary of the bug, or the traceback under ``--debug``."""
    if isinstance(error, TradefigError):
        return str(error)
    if debugging():
        import traceback

        trace = "".join(traceback.format_exception(error)).rstrip()
        return f"failed: {error!r}\n{trace}"
    return f"failed: {error!r} (a bug in tradefig; --debug shows the traceback)"


@contextlib.contextmanager
def about(doc: str) -> Iterator[None]:
    """Name the input an unexpected error came from; the CLI edge prints the note."""
    try:
        yield
    except TradefigError:
        raise
    except Exception as error:
        error.add_note(doc)
        raise
