"""``tradefig extract`` and ``tradefig mentions``."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from tradefig.table import Row

HELP = """Extract bilateral trade observations from text files, folders or stdin.

PATH is a file, a folder (read recursively: *.txt and *.md, see --glob) or '-' for stdin.

Examples:

  tradefig extract article.txt

  tradefig extract archive/ -o trade.parquet

  cat article.txt | tradefig extract - --format csv | csvlook

  tradefig extract archive/ --jobs 2 -o trade.csv

  tradefig extract archive/ --dask tcp://scheduler:8786 -o trade.parquet
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
Dedupe = Annotated[bool, typer.Option("--dedupe", help="Collapse rows that repeat the same fact within a document.")]


def parse_date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a date in the form YYYY-MM-DD", param_hint="--date") from None


Jobs = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        help="Worker processes [default: one per core when there are several inputs or a folder, else 1].",
        show_default=False,
    ),
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]
Dask = Annotated[
    str | None,
    typer.Option(
        "--dask",
        help="Run on a Dask cluster: its scheduler address (tcp://HOST:8786), or 'local' for a LocalCluster.",
        show_default=False,
    ),
]


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
    jobs: int | None = None,
    quiet: bool = False,
    dask: str | None = None,
) -> None:
    from tradefig.compiled import cache_every_pattern

    cache_every_pattern()  # before the pipeline's modules compile their patterns at import
    from tradefig.io.readers import DEFAULT_GLOBS
    from tradefig.io.writers import FORMATS, format_for
    from tradefig.parallel import Job, Result, default_jobs, plan

    when = parse_date(date)
    folder_output = output is not None and output != "-" and (output.endswith("/") or _is_dir(output))
    chosen = "parquet" if folder_output and fmt is None else format_for(output, fmt, sys.stdout.isatty())
    if chosen not in FORMATS:
        raise typer.BadParameter(f"{chosen!r}: choose one of {', '.join(FORMATS)}", param_hint="--format")
    if folder_output and chosen != "parquet":
        raise typer.BadParameter("a folder output is a partitioned Parquet dataset", param_hint="--output")
    if output and output != "-" and not folder_output:
        _refuse_overwriting_inputs(output, paths, tuple(glob) if glob else None)
    if jobs is not None and jobs < 1:
        raise typer.BadParameter("must be at least 1", param_hint="--jobs")
    job = Job(producer, when, dedupe)
    globs = tuple(glob) if glob else DEFAULT_GLOBS
    tasks = plan(paths, globs)
    failures = 0

    def report(result: Result) -> None:
        nonlocal failures
        if result.error is not None:
            failures += 1
            typer.echo(f"tradefig: {result.doc}: {result.error}", err=True)
        for warning in result.warnings:
            typer.echo(f"tradefig: {result.doc}: warning: {warning}", err=True)

    from tradefig.progress import progress_for

    with progress_for(paths, globs, quiet=quiet) as progress:
        if dask is not None:
            from tradefig.dask_engine import dask_results

            results = dask_results(tasks, job, dask)
        else:
            from tradefig.parallel import run

            results = run(tasks, job, jobs if jobs is not None else default_jobs(paths))

        def rows() -> Iterator[Row]:
            for result in results:
                report(result)
                progress.advance(result)
                yield from result.rows

        _write(rows(), producer, chosen, output, excel_safe, strict, folder_output, lambda: failures)
    if failures:
        raise typer.Exit(1)


def _write(
    rows: Iterator[Row],
    producer: str,
    fmt: str,
    output: str | None,
    excel_safe: bool,
    strict: bool,
    folder: bool,
    failures: Callable[[], int],
) -> None:
    """Rows go out as they come; ``--strict`` holds them back until every input succeeded."""
    from tradefig.io.writers import write
    from tradefig.table import COLUMNS, MENTION_COLUMNS

    columns = COLUMNS if producer == "extract" else MENTION_COLUMNS
    if strict:
        held = list(rows)
        if failures():
            typer.echo(f"tradefig: {failures()} input(s) failed; --strict: nothing written", err=True)
            raise typer.Exit(1)
        rows = iter(held)
    if folder and output:
        from tradefig.dask_engine import write_dataset

        write_dataset(rows, columns, output)
        return
    write(rows, columns, fmt, output, excel_safe)


def _is_dir(path: str) -> bool:
    from pathlib import Path

    return Path(path).is_dir()


def _refuse_overwriting_inputs(output: str, paths: list[str], globs: tuple[str, ...] | None = None) -> None:
    """An input file, or a file a folder input would read back, is never an output."""
    from tradefig.io.readers import DEFAULT_GLOBS
    from tradefig.io.writers import refuse_inputs

    refuse_inputs(output, paths, globs or DEFAULT_GLOBS)


def extract(
    paths: Paths,
    format: Format = None,
    output: Output = None,
    date: DateOpt = None,
    dedupe: Dedupe = False,
    glob: Glob = None,
    strict: Strict = False,
    excel_safe: ExcelSafe = False,
    jobs: Jobs = None,
    quiet: Quiet = False,
    dask: Dask = None,
) -> None:
    _run(paths, format, output, date, glob, strict, excel_safe, "extract", dedupe, jobs, quiet, dask)


def mentions(
    paths: Paths,
    format: Format = None,
    output: Output = None,
    date: DateOpt = None,
    glob: Glob = None,
    strict: Strict = False,
    excel_safe: ExcelSafe = False,
    jobs: Jobs = None,
    quiet: Quiet = False,
    dask: Dask = None,
) -> None:
    _run(paths, format, output, date, glob, strict, excel_safe, "mentions", False, jobs, quiet, dask)
