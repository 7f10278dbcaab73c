"""Writers for every output format. Files are written to a temporary file beside the target and
renamed at the end, so a failed run never leaves a half-written file or damages an old one."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import os
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
_FORMULA_START = ("=", "+", "-", "@")
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
    text = repr(value) if isinstance(value, float) else str(value)
    if excel_safe and text.startswith(_FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


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
    writer.writerow([c.name for c in columns])
    count = 0
    for row in rows:
        writer.writerow([_cell(row[c.name], excel_safe) for c in columns])
        count += 1
    return count


def write_jsonl(rows: Iterable[Row], columns: tuple[Column, ...], stream: IO[str]) -> int:
    count = 0
    for row in rows:
        stream.write(json.dumps({c.name: row[c.name] for c in columns}, ensure_ascii=False) + "\n")
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
    batch: list[Row] = []
    with pq.ParquetWriter(path, schema) as writer:  # row groups as rows come: memory stays flat
        for row in rows:
            batch.append(row)
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

    shown = [c for c in columns if c.name not in {"sentence", "doc"}]
    table = Table(show_lines=False, header_style="bold")
    for column in shown:
        table.add_column(column.name, overflow="fold")
    count = 0
    for row in rows:
        table.add_row(*[_cell(row[c.name], False) for c in shown])
        count += 1
    Console(file=stream).print(table)
    return count


@contextlib.contextmanager
def atomic_path(target: str) -> Iterator[str]:
    """Yield a temporary path beside ``target``; rename it over ``target`` only on success."""
    folder = Path(target).resolve().parent
    if not folder.is_dir():
        raise OutputError(f"{target}: the folder {folder} does not exist")
    handle, temp = tempfile.mkstemp(prefix=f".{Path(target).name}.", suffix=".part", dir=folder)
    os.close(handle)
    try:
        yield temp
        Path(temp).replace(target)
    finally:
        Path(temp).unlink(missing_ok=True)


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
        return _write_stream(rows, columns, fmt, sys.stdout, excel_safe)
    with atomic_path(output) as temp, Path(temp).open("w", encoding="utf-8", newline="") as stream:
        return _write_stream(rows, columns, fmt, stream, excel_safe)


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
