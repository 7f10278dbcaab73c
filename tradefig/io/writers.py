"""Writers for every output format. Files are written to a temporary file beside the target and
renamed at the end, so a failed run never leaves a half-written file or damages an old one.

Every writer takes any string: quotes, commas, newlines, tabs and emoji round-trip; a lone
surrogate (a file name that is not valid UTF-8) is written as U+FFFD; nothing in a cell is
interpreted (no rich markup, no terminal control codes in the table)."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from tradefig import __version__
from tradefig.errors import OutputError
from tradefig.table import Column, Row

FORMATS = ("table", "csv", "tsv", "jsonl", "parquet")
SUFFIXES = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".jsonl": "jsonl",
    ".json": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}
# what a spreadsheet takes for a formula (OWASP's CSV injection list): '=', '+', '-', '@', tab, CR
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PARQUET_BATCH = 50_000  # rows per Parquet row group


def format_for(output: str | None, requested: str | None, stdout_is_tty: bool) -> str:
    if requested:
        return requested
    if output and output != "-":
        suffix = Path(output).suffix.lower()
        if suffix in SUFFIXES:
            return SUFFIXES[suffix]
        raise OutputError(f"{output}: cannot tell the format from the suffix; pass --format")
    return "table" if stdout_is_tty else "csv"


def _cell(value: object, excel_safe: bool) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = repr(value) if isinstance(value, float) else safe_text(str(value))
    if excel_safe and text.startswith(_FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


def safe_text(text: str) -> str:
    """``text`` as valid Unicode: lone surrogates (undecodable file names) become U+FFFD."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in text)
    return text


def _safe_row(row: Row, columns: tuple[Column, ...]) -> dict[str, object]:
    return {c.name: safe_text(v) if isinstance(v, str) else v for c in columns for v in (row[c.name],)}


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def write_delimited(
    rows: Iterable[Row],
    columns: tuple[Column, ...],
    stream: IO[str],
    delimiter: str,
    excel_safe: bool = False,
) -> int:
    writer = csv.writer(stream, delimiter=delimiter, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    # with '\n' line ends the csv module leaves a carriage return unquoted, and a reader then
    # ends the row there ('$2\r\nbillion' in a CRLF file): such rows get every cell quoted
    quoted = csv.writer(stream, delimiter=delimiter, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow([c.name for c in columns])
    count = 0
    for row in rows:
        cells = [_cell(row[c.name], excel_safe) for c in columns]
        (quoted if any("\r" in cell for cell in cells) else writer).writerow(cells)
        count += 1
    return count


def write_jsonl(rows: Iterable[Row], columns: tuple[Column, ...], stream: IO[str]) -> int:
    count = 0
    for row in rows:
        stream.write(json.dumps(_safe_row(row, columns), ensure_ascii=False) + "\n")
        count += 1
    return count


def write_parquet(rows: Iterable[Row], columns: tuple[Column, ...], path: str) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from tradefig.table import arrow_schema

    schema = arrow_schema(columns).with_metadata(
        {"tradefig.version": __version__, "created_by": f"tradefig {__version__}"}
    )
    count = 0
    batch: list[dict[str, object]] = []
    with pq.ParquetWriter(path, schema) as writer:  # row groups as rows come: memory stays flat
        for row in rows:
            batch.append(_safe_row(row, columns))
            if len(batch) >= _PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch.clear()
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count


def write_table(rows: Iterable[Row], columns: tuple[Column, ...], stream: IO[str]) -> int:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    shown = [c for c in columns if c.name not in {"sentence", "doc"}]
    table = Table(show_lines=False, header_style="bold")
    for column in shown:
        table.add_column(column.name, overflow="fold")
    count = 0
    for row in rows:
        # Text, not a markup string: '[/b]' in an article is text, and control codes are dropped
        table.add_row(*[Text(_cell(row[c.name], False)) for c in shown])
        count += 1
    Console(file=stream).print(table)
    return count


@contextlib.contextmanager
def atomic_path(target: str) -> Iterator[str]:
    """Yield a temporary path beside ``target``; rename it over ``target`` only on success.

    Whatever stops the run (an error, Ctrl-C, SIGTERM, a full disk) removes the temporary
    file and leaves a previous ``target`` as it was. The new file gets the old one's
    permissions (or the usual ones for a new file), and a link keeps pointing to it.
    """
    final = Path(target).resolve()  # write where a symbolic link points, keep the link
    folder = final.parent
    if not folder.is_dir():
        raise OutputError(f"{target}: the folder {folder} does not exist; create it first")
    if final.is_dir():
        raise OutputError(f"{target}: is a folder; name a file (e.g. {Path(target) / 'rows.csv'})")
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".part", dir=folder)
    except OSError as error:
        raise OutputError(f"{target}: cannot write in {folder}: {error.strerror or error}") from error
    try:
        os.fchmod(handle, _mode_for(final))
        os.close(handle)
        yield temp
        Path(temp).replace(final)
    except OSError as error:
        raise OutputError(f"{target}: cannot write: {error.strerror or error}; nothing was changed there") from error
    finally:
        Path(temp).unlink(missing_ok=True)


def _mode_for(target: Path) -> int:
    """The permissions the output should have: the replaced file's, or 0666 less the umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def refuse_inputs(output: str, paths: Iterable[str], globs: Iterable[str]) -> None:
    """Refuse an output that is one of the inputs, or that a folder input would read."""
    target = Path(output).resolve()
    for path in paths:
        if path == "-" or not Path(path).exists():
            continue
        source = Path(path).resolve()
        if source == target:
            raise OutputError(f"{output}: refusing to overwrite an input file; name another output")
        if source.is_dir() and source in target.parents and any(target.match(g) for g in globs):
            raise OutputError(
                f"{output}: refusing to write into the input folder {path} a file it reads as input; "
                "name another output"
            )


def write(
    rows: Iterable[Row],
    columns: tuple[Column, ...],
    fmt: str,
    output: str | None,
    excel_safe: bool = False,
) -> int:
    if fmt == "parquet":
        if not output or output == "-":
            raise OutputError("Parquet is binary: name a file with -o out.parquet")
        with atomic_path(output) as temp:
            return write_parquet(rows, columns, temp)
    if not output or output == "-":
        with _stdout(fmt) as stream:
            return _write_stream(rows, columns, fmt, stream, excel_safe)
    with atomic_path(output) as temp, Path(temp).open("w", encoding="utf-8", newline="") as stream:
        return _write_stream(rows, columns, fmt, stream, excel_safe)


@contextlib.contextmanager
def _stdout(fmt: str) -> Iterator[IO[str]]:
    """Standard output; data formats are UTF-8 whatever the locale says (a table follows it)."""
    stream = sys.stdout
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("_", "-")
    buffer = getattr(stream, "buffer", None)
    if fmt == "table" or encoding in {"utf-8", "utf8"} or buffer is None:
        yield stream
        return
    stream.flush()
    wrapper = io.TextIOWrapper(buffer, encoding="utf-8", newline="")
    try:
        yield wrapper
        wrapper.flush()
    finally:
        wrapper.detach()


def _write_stream(rows: Iterable[Row], columns: tuple[Column, ...], fmt: str, stream: IO[str], excel_safe: bool) -> int:
    if fmt == "csv":
        return write_delimited(rows, columns, stream, ",", excel_safe)
    if fmt == "tsv":
        return write_delimited(rows, columns, stream, "\t", excel_safe)
    if fmt == "jsonl":
        return write_jsonl(rows, columns, stream)
    if fmt == "table":
        return write_table(rows, columns, stream)
    raise OutputError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def to_csv_text(rows: Iterable[Row], columns: tuple[Column, ...]) -> str:
    buffer = io.StringIO()
    write_delimited(rows, columns, buffer, ",")
    return buffer.getvalue()
