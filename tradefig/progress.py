"""A progress bar on stderr (files and MB done, rows found, rate, time left), shown only when
stderr is a terminal and ``--quiet`` is not given; stdout only ever carries data."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from tradefig.parallel import Result


class Progress(Protocol):
    def advance(self, result: Result) -> None: ...


class _Silent:
    def advance(self, result: Result) -> None:
        del result


class _Bar:
    """rich's Progress with one task measured in bytes."""

    def __init__(self, progress: Any, task: Any, files: int) -> None:
        self.progress = progress
        self.task = task
        self.files = files
        self.done = 0
        self.rows = 0

    def advance(self, result: Result) -> None:
        self.done += 1 if result.final else 0
        self.rows += len(result.rows)
        self.progress.update(
            self.task,
            advance=result.size,
            description=f"{self.done}/{self.files} files · {self.rows} rows",
        )


def _sizes(paths: list[str], globs: tuple[str, ...]) -> tuple[int, int]:
    """How many files and bytes the inputs hold (stdin counts as one of unknown size)."""
    files = 0
    total = 0
    for path in paths:
        target = Path(path)
        if path == "-":
            files += 1
        elif target.is_dir():
            for file in {f for g in globs for f in target.rglob(g) if f.is_file()}:
                files += 1
                total += file.stat().st_size
        elif target.is_file():
            files += 1
            total += target.stat().st_size
    return files, total


@contextlib.contextmanager
def progress_for(paths: list[str], globs: tuple[str, ...], *, quiet: bool) -> Iterator[Progress]:
    """A live bar on a terminal's stderr; a silent stand-in otherwise."""
    if quiet or not sys.stderr.isatty():
        yield _Silent()
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        TextColumn,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )
    from rich.progress import Progress as RichProgress

    files, total = _sizes(paths, globs)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
    )
    with RichProgress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(f"0/{files} files · 0 rows", total=total or None)
        yield _Bar(progress, task, files)
