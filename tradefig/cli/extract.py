"""``tradefig extract`` and ``tradefig mentions``."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Annotated

import typer

from tradefig.errors import OutputError

HELP = """Extract bilateral trade observations from text files, folders or stdin.

PATH is a file, a folder (read recursively: *.txt and *.md, see --glob) or '-' for stdin.

Examples:

  tradefig extract article.txt

  tradefig extract archive/ -o trade.parquet

  cat article.txt | tradefig extract - --format csv | csvlook
"""

MENTIONS_HELP = """List every figure, period and party the recognisers find, before assembly.

Same inputs and output options as 'extract'. Example:

  tradefig mentions article.txt --format csv
"""

Paths = Annotated[list[str], typer.Argument(help="Files, folders, or '-' for stdin.", show_default=False)]
Format = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help="table, csv, tsv, jsonl or parquet [default: table on a terminal, csv when piped, or from the -o suffix]",
        show_default=False,
    ),
]
Output = Annotated[str | None, typer.Option("--output", "-o", help="Write here instead of stdout (atomically).")]
DateOpt = Annotated[
    str | None,
    typer.Option(
        "--date",
        help="Document date YYYY-MM-DD for 'this year', 'last year' (overrides the date found in the text).",
    ),
]
Glob = Annotated[
    list[str] | None,
    typer.Option("--glob", help="File pattern(s) for folders [default: *.txt, *.md]."),
]
ExcelSafe = Annotated[bool, typer.Option("--excel-safe", help="Prefix cells starting with = + - @ with ' in CSV/TSV.")]
Strict = Annotated[bool, typer.Option("--strict", help="Any input failure fails the whole run and writes nothing.")]


def parse_date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a date in the form YYYY-MM-DD", param_hint="--date") from None


def _run(
    paths: list[str],
    fmt: str | None,
    output: str | None,
    date: str | None,
    glob: list[str] | None,
    strict: bool,
    excel_safe: bool,
    producer: str,
    dedupe: bool = False,
) -> None:
    from tradefig.api import extract_rows, mention_rows_for
    from tradefig.io.readers import DEFAULT_GLOBS, iter_inputs
    from tradefig.io.writers import FORMATS, format_for, write
    from tradefig.table import COLUMNS, MENTION_COLUMNS, Row

    when = parse_date(date)
    chosen = format_for(output, fmt, sys.stdout.isatty())
    if chosen not in FORMATS:
        raise typer.BadParameter(f"{chosen!r}: choose one of {', '.join(FORMATS)}", param_hint="--format")
    if output and output != "-":
        _refuse_overwriting_inputs(output, paths)
    failures = 0
    rows: list[Row] = []
    for item in iter_inputs(paths, tuple(glob) if glob else DEFAULT_GLOBS):
        if item.error is not None:
            failures += 1
            typer.echo(f"tradefig: {item.doc}: {item.error}", err=True)
            continue
        for warning in item.warnings:
            typer.echo(f"tradefig: {item.doc}: warning: {warning}", err=True)
        try:
            if producer == "extract":
                rows.extend(extract_rows(item.text, doc=item.doc, date=when, dedupe=dedupe))
            else:
                rows.extend(mention_rows_for(item.text, doc=item.doc, date=when))
        except Exception as error:
            failures += 1
            typer.echo(f"tradefig: {item.doc}: failed: {error!r}", err=True)
    if failures and strict:
        typer.echo(f"tradefig: {failures} input(s) failed; --strict: nothing written", err=True)
        raise typer.Exit(1)
    columns = COLUMNS if producer == "extract" else MENTION_COLUMNS
    write(rows, columns, chosen, output, excel_safe)
    if failures:
        raise typer.Exit(1)


def _refuse_overwriting_inputs(output: str, paths: list[str]) -> None:
    from pathlib import Path

    target = Path(output).resolve()
    for path in paths:
        if path != "-" and Path(path).exists() and Path(path).resolve() == target:
            raise OutputError(f"{output}: refusing to overwrite an input file")


def extract(
    paths: Paths,
    format: Format = None,
    output: Output = None,
    date: DateOpt = None,
    dedupe: Annotated[
        bool,
        typer.Option("--dedupe", help="Collapse rows that repeat the same fact within a document."),
    ] = False,
    glob: Glob = None,
    strict: Strict = False,
    excel_safe: ExcelSafe = False,
) -> None:
    _run(paths, format, output, date, glob, strict, excel_safe, "extract", dedupe)


def mentions(
    paths: Paths,
    format: Format = None,
    output: Output = None,
    date: DateOpt = None,
    glob: Glob = None,
    strict: Strict = False,
    excel_safe: ExcelSafe = False,
) -> None:
    _run(paths, format, output, date, glob, strict, excel_safe, "mentions")
