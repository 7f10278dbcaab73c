"""Inputs: files, folders (recursively, by glob), and '-' for stdin. One bad input never stops
the others: it comes back as an ``Input`` with ``error`` set."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tradefig.text.decode import decode, looks_binary

DEFAULT_GLOBS = ("*.txt", "*.md")


@dataclass
class Input:
    doc: str
    text: str = ""
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


def read_bytes(doc: str, data: bytes) -> Input:
    if looks_binary(data):
        hint = " (a PDF: convert it to text first, e.g. with pdftotext)" if data.startswith(b"%PDF") else ""
        return Input(doc, error=f"binary file, not text{hint}")
    decoded = decode(data)
    return Input(doc, decoded.text, warnings=list(decoded.warnings))


def iter_inputs(paths: list[str], globs: tuple[str, ...] = DEFAULT_GLOBS) -> Iterator[Input]:
    for path in paths:
        if path == "-":
            yield read_bytes("-", sys.stdin.buffer.read())
            continue
        target = Path(path)
        if target.is_dir():
            files = sorted({f for g in globs for f in target.rglob(g) if f.is_file()})
            if not files:
                yield Input(path, error=f"no files matching {', '.join(globs)} in this folder")
            for file in files:
                yield _read_file(str(file))
        elif target.exists():
            yield _read_file(path)
        else:
            yield Input(path, error="no such file or folder")


def _read_file(path: str) -> Input:
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        return Input(path, error=f"cannot read: {error.strerror or error}")
    return read_bytes(path, data)
