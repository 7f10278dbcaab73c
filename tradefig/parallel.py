"""Extraction over many inputs: in input order, on every core, in bounded memory.

The inputs become a stream of *tasks* (a file, or one piece of a very large input); tasks run
in this process (``jobs=1``) or in worker processes, at most a few per worker in flight, and
their results come back in input order whatever order they finish in. Nothing is collected:
each result's rows go to the writer as soon as every earlier task is done.

Inputs larger than ``CHUNK_THRESHOLD`` characters are read incrementally and cut into pieces
of about ``CHUNK_CHARS`` characters at paragraph breaks; each piece is extracted on its own
(the document date found at the top is passed on to the later pieces) and its offsets are
shifted back, so ``input[start:end] == text`` still holds for the whole input.
"""

from __future__ import annotations

import codecs
import datetime as dt
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tradefig.table import Row

if TYPE_CHECKING:  # the pool is imported only when there is more than one job
    from concurrent.futures import Executor, Future

CHUNK_THRESHOLD = 8_000_000  # characters: inputs up to this size are one document, as always
CHUNK_CHARS = 2_000_000  # characters per piece of a larger input
_READ_BYTES = 1 << 20


@dataclass(frozen=True)
class Job:
    """What to compute for every input."""

    producer: str = "extract"  # or "mentions"
    date: dt.date | None = None
    dedupe: bool = False


@dataclass
class Result:
    """The rows of one task, or why it failed."""

    doc: str
    rows: list[Row] = field(default_factory=list)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    size: int = 0  # bytes of input this task covered (for progress)
    final: bool = True  # the last piece of its input


@dataclass(frozen=True)
class FileTask:
    path: str
    size: int


@dataclass(frozen=True)
class TextTask:
    doc: str
    text: str
    offset: int = 0  # characters of the input before this piece
    date: dt.date | None = None
    size: int = 0
    final: bool = True
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class ErrorTask:
    doc: str
    error: str


Task = FileTask | TextTask | ErrorTask


# --- planning: inputs -> tasks ------------------------------------------------------------------


def plan(paths: Iterable[str], globs: tuple[str, ...]) -> Iterator[Task]:
    """Tasks in input order: files and folders (recursively, by glob) and '-' for stdin."""
    for path in paths:
        if path == "-":
            if sys.stdin is None:  # started with stdin closed (<&-)
                yield ErrorTask("-", "standard input is closed")
                continue
            yield from _stream_tasks("-", sys.stdin.buffer)
            continue
        target = Path(path)
        if target.is_dir():
            files = sorted({f for g in globs for f in target.rglob(g) if f.is_file()})
            if not files:
                yield ErrorTask(path, f"no files matching {', '.join(globs)} in this folder")
            for file in files:
                yield from _file_tasks(str(file))
        elif target.exists():
            yield from _file_tasks(path)
        else:
            yield ErrorTask(path, "no such file or folder")


def _file_tasks(path: str) -> Iterator[Task]:
    try:
        size = Path(path).stat().st_size
    except OSError:
        size = 0
    if size <= CHUNK_THRESHOLD:
        yield FileTask(path, size)
        return
    try:
        with Path(path).open("rb") as stream:
            yield from _stream_tasks(path, stream)
    except OSError as error:
        yield ErrorTask(path, f"cannot read: {error.strerror or error}")


def _stream_tasks(doc: str, stream: Any) -> Iterator[Task]:
    """A (possibly huge) byte stream as one task, or as pieces when it is large and UTF-8."""
    from tradefig.io.readers import read_bytes

    head: bytes = stream.read(CHUNK_THRESHOLD + 1)
    if len(head) <= CHUNK_THRESHOLD or not _utf8_start(head):
        data = head + stream.read()
        item = read_bytes(doc, data)
        if item.error is not None:
            yield ErrorTask(doc, item.error)
        else:
            yield TextTask(doc, item.text, size=len(data), warnings=tuple(item.warnings))
        return
    yield from _pieces(doc, _decoded(head, stream))


def _utf8_start(head: bytes) -> bool:
    from tradefig.text.decode import looks_binary

    if looks_binary(head):
        return False
    try:
        codecs.getincrementaldecoder("utf-8-sig")().decode(head[:_READ_BYTES], final=False)
    except UnicodeDecodeError:
        return False
    return True


def _decoded(head: bytes, stream: Any) -> Iterator[tuple[str, int]]:
    """Decoded text of a UTF-8 stream block by block (undecodable bytes become U+FFFD), with
    the number of bytes each block consumed."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="replace")
    block = head
    while block:
        yield decoder.decode(block), len(block)
        block = stream.read(_READ_BYTES)
    yield decoder.decode(b"", final=True), 0


def _pieces(doc: str, blocks: Iterator[tuple[str, int]]) -> Iterator[TextTask]:
    """Cut decoded text into pieces of about CHUNK_CHARS at paragraph (else line) breaks."""
    pending: list[str] = []
    pending_chars = 0
    pending_bytes = 0
    offset = 0
    date: dt.date | None = None
    first = True
    for text, consumed in blocks:
        pending.append(text)
        pending_chars += len(text)
        pending_bytes += consumed
        while pending_chars >= CHUNK_CHARS:
            buffer = "".join(pending)
            cut = _cut(buffer)
            piece, rest = buffer[:cut], buffer[cut:]
            if first:
                date = _head_date(piece)
            share = round(pending_bytes * len(piece) / max(len(buffer), 1))
            yield TextTask(doc, piece, offset, date, size=share, final=False)
            first = False
            offset += len(piece)
            pending, pending_chars, pending_bytes = [rest], len(rest), pending_bytes - share
    buffer = "".join(pending)
    yield TextTask(doc, buffer, offset, date if not first else None, size=pending_bytes, final=True)


def _cut(buffer: str) -> int:
    """Where to end a piece: after the last paragraph break in its second half, else the last
    line break, else the nominal size."""
    limit = min(len(buffer), CHUNK_CHARS)
    for mark in ("\n\n", "\n"):
        at = buffer.rfind(mark, limit // 2, limit)
        if at >= 0:
            return at + len(mark)
    return limit


def _head_date(piece: str) -> dt.date | None:
    """The document date of a large input, read from its top (as ``prepare`` does)."""
    from tradefig.text.document import prepare

    return prepare(piece[:20_000]).date


# --- running tasks ---------------------------------------------------------------------------------


def run_task(task: Task, job: Job) -> Result:
    """One task, in whatever process: never raises, a failure comes back as ``Result.error``."""
    if isinstance(task, ErrorTask):
        return Result(task.doc, error=task.error)
    if isinstance(task, FileTask):
        from tradefig.io.readers import iter_inputs

        item = next(iter(iter_inputs([task.path])))
        if item.error is not None:
            return Result(task.path, error=item.error, size=task.size)
        text_task = TextTask(task.path, item.text, size=task.size, warnings=tuple(item.warnings))
    else:
        text_task = task
    try:
        rows = _rows(text_task, job)
    except Exception as error:
        from tradefig.errors import failure_message  # the traceback under --debug

        return Result(text_task.doc, error=failure_message(error), size=text_task.size, final=text_task.final)
    return Result(text_task.doc, rows, None, list(text_task.warnings), text_task.size, text_task.final)


def _rows(task: TextTask, job: Job) -> list[Row]:
    from tradefig.api import extract_rows, mention_rows_for

    date = job.date or task.date
    if job.producer == "extract":
        rows = extract_rows(task.text, doc=task.doc, date=date, dedupe=job.dedupe)
    else:
        rows = mention_rows_for(task.text, doc=task.doc, date=date)
    if task.offset:
        for row in rows:
            row["start"] += task.offset
            row["end"] += task.offset
    return rows


def _run_chunk(tasks: list[Task], job: Job) -> list[Result]:
    return [run_task(task, job) for task in tasks]


def run(tasks: Iterable[Task], job: Job, jobs: int = 1, executor: Executor | None = None) -> Iterator[Result]:
    """Results of ``tasks`` in their order; with ``jobs > 1`` in worker processes."""
    if jobs <= 1 and executor is None:
        for task in tasks:
            yield run_task(task, job)
        return
    owned = executor is None
    pool = executor if executor is not None else _process_pool(jobs)
    try:
        yield from _ordered(pool, _batches(tasks), job, window=4 * max(jobs, 1))
    finally:
        if owned:
            pool.shutdown(wait=True, cancel_futures=True)


def _batches(tasks: Iterable[Task], files: int = 8, size: int = 256_000) -> Iterator[list[Task]]:
    """Small files travel together (fewer round trips); a large task travels alone."""
    batch: list[Task] = []
    weight = 0
    for task in tasks:
        task_size = task.size if isinstance(task, FileTask | TextTask) else 0
        if batch and (len(batch) >= files or weight + task_size > size):
            yield batch
            batch, weight = [], 0
        batch.append(task)
        weight += task_size
    if batch:
        yield batch


def _ordered(pool: Executor, batches: Iterator[list[Task]], job: Job, window: int) -> Iterator[Result]:
    pending: deque[Future[list[Result]]] = deque()
    for batch in batches:
        pending.append(pool.submit(_run_chunk, batch, job))
        while len(pending) >= window:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def _process_pool(jobs: int) -> Executor:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # forkserver: safe beside the progress bar's thread; workers load the compiled patterns
    # from the cache (tradefig.compiled) in their initializer
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" not in methods:
        return ProcessPoolExecutor(max_workers=jobs, initializer=_warm)
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["tradefig.api"])  # workers fork with the pipeline imported
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_warm)


def _warm() -> None:
    """Compile (or load) the patterns before the first task, so no task pays for it."""
    from tradefig.compiled import cache_every_pattern

    cache_every_pattern()
    from tradefig.api import extract_rows

    extract_rows("Warm-up: exports rose 5% to $2 billion in 2024.")


def default_jobs(paths: list[str]) -> int:
    """One worker per core when there are several inputs (or a folder), else one."""
    several = len(paths) > 1 or any(p != "-" and Path(p).is_dir() for p in paths)
    return (os.cpu_count() or 1) if several else 1


ProgressHook = Callable[[Result], None]
