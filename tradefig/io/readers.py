"""Inputs: files, folders (recursively, by glob), and '-' for stdin. One bad input never stops
the others: it comes back as an ``Input`` with ``error`` set, a reason a person can act on."""

from __future__ import annotations

import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tradefig.text.decode import decode, looks_binary

DEFAULT_GLOBS = ("*.txt", "*.md")

# Signatures of files people pass by mistake, so the message can say what to do instead.
_KINDS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF: convert it to text first, e.g. with pdftotext"),
    (b"PK\x03\x04", "a ZIP archive or an Office document (docx, xlsx): extract or save it as text first"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (doc, xls): save it as text first"),
    (b"\x1f\x8b", "gzip-compressed: decompress it first, e.g. zcat FILE | tradefig extract -"),
    (b"\x89PNG", "an image"),
    (b"\xff\xd8\xff", "an image"),
    (b"GIF8", "an image"),
)
_TEXT_ENCODINGS = frozenset({"utf-8", "ascii"})


@dataclass
class Input:
    doc: str
    text: str = ""
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


def read_bytes(doc: str, data: bytes) -> Input:
    """Bytes to an ``Input``: an error for binary data, else text (decoding never fails:
    a warning says when bytes were replaced or the encoding had to be guessed)."""
    binary = looks_binary(data)
    kind = next((hint for magic, hint in _KINDS if data.startswith(magic)), None)
    if kind is not None and (binary or _magic_is_binary(data)):
        return Input(doc, error=f"binary file, not text ({kind})")
    if binary:
        return Input(doc, error="binary file, not text (it holds NUL bytes)")
    decoded = decode(data)
    warnings = list(decoded.warnings)
    if decoded.encoding.replace("_", "-").lower() not in _TEXT_ENCODINGS and not _bom(decoded.encoding, data):
        warnings.append(f"not UTF-8: decoded as {decoded.encoding}; check the figures, or convert it with iconv")
    return Input(doc, decoded.text, warnings=warnings)


def _magic_is_binary(data: bytes) -> bool:
    """A signature that no text starts with: a byte outside printable ASCII in it, or a PDF
    header ('%PDF-1.7'); 'GIF8' alone may begin a sentence."""
    return data.startswith(b"%PDF-") or not data[:4].isascii() or b"\x03" in data[:4]


def _bom(encoding: str, data: bytes) -> bool:
    """A UTF-16/32 file with its byte-order mark says its encoding: nothing was guessed."""
    return encoding.lower().startswith(("utf-16", "utf-32")) and data[:2] in {b"\xff\xfe", b"\xfe\xff", b"\x00\x00"}


def iter_inputs(paths: list[str], globs: tuple[str, ...] = DEFAULT_GLOBS) -> Iterator[Input]:
    for path in paths:
        if path == "-":
            yield _read_stdin()
            continue
        target = Path(path)
        if target.is_dir():
            try:
                files = sorted({f for g in globs for f in target.rglob(g) if f.is_file()})
            except OSError as error:
                yield Input(path, error=f"cannot list this folder: {error.strerror or error}")
                continue
            if not files:
                yield Input(path, error=f"no files matching {', '.join(globs)} in this folder")
            for file in files:
                yield _read_file(str(file))
        elif target.exists():
            yield _read_file(path)
        elif target.is_symlink():
            yield Input(path, error="a broken link: what it points to does not exist")
        else:
            yield Input(path, error="no such file or folder")


def _read_stdin() -> Input:
    stream = sys.stdin
    if stream is None or getattr(stream, "buffer", None) is None:
        return Input("-", error="standard input is closed")
    try:
        return read_bytes("-", stream.buffer.read())
    except OSError as error:
        return Input("-", error=f"cannot read standard input: {error.strerror or error}")


def _read_file(path: str) -> Input:
    try:
        mode = Path(path).stat().st_mode
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) or stat.S_ISSOCK(mode):
            return Input(path, error="not a regular file (a device or a socket); use '-' to read a stream")
        data = Path(path).read_bytes()
    except OSError as error:
        return Input(path, error=f"cannot read: {error.strerror or error}")
    return read_bytes(path, data)
