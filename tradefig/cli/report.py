"""``tradefig report``: the evidence page for a reviewer (see ``tradefig.report``)."""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tradefig.cli.extract import DateOpt, Dedupe, Glob, Jobs, Paths, Strict, parse_date

HELP = """Write one self-contained HTML page: each document's text with every extracted figure
highlighted (hover or Tab to a mark to see its row), the rows as a sortable, filterable table
with the evidence sentence, and charts of levels over time.

Same inputs as 'extract'. The page loads nothing from anywhere: open it offline or mail it.

Examples:

  tradefig report article.txt -o report.html

  tradefig report archive/ --date 2024-05-20 -o report.html
"""

if TYPE_CHECKING:
    from tradefig.io.readers import Input
    from tradefig.report.build import DocumentEvidence

Output = Annotated[
    str | None,
    typer.Option("--output", "-o", help="The HTML file to write (atomically); '-' for stdout."),
]


def report(
    paths: Paths,
    output: Output = None,
    date: DateOpt = None,
    dedupe: Dedupe = False,
    glob: Glob = None,
    strict: Strict = False,
    title: Annotated[str | None, typer.Option("--title", help="The page's title.")] = None,
    jobs: Jobs = None,
) -> None:
    from tradefig.cli.extract import _refuse_overwriting_inputs
    from tradefig.io.readers import DEFAULT_GLOBS, iter_inputs
    from tradefig.io.writers import atomic_path
    from tradefig.parallel import default_jobs
    from tradefig.report.build import Report
    from tradefig.report.html import render

    when = parse_date(date)
    if output is None:
        if sys.stdout.isatty():
            raise typer.BadParameter("name the HTML file to write, e.g. -o report.html", param_hint="--output")
        output = "-"
    if output != "-":
        _refuse_overwriting_inputs(output, paths)
    if jobs is not None and jobs < 1:
        raise typer.BadParameter("must be at least 1", param_hint="--jobs")
    started = time.perf_counter()
    documents = []
    failures: list[tuple[str, str]] = []
    items = iter_inputs(paths, tuple(glob) if glob else DEFAULT_GLOBS)
    workers = jobs if jobs is not None else default_jobs(paths)
    for item, evidence, error in _evidence(items, when, dedupe, workers):
        for warning in item.warnings:
            typer.echo(f"tradefig: {item.doc}: warning: {warning}", err=True)
        if evidence is None:
            failures.append((item.doc, error or "failed"))
            typer.echo(f"tradefig: {item.doc}: {error}", err=True)
        else:
            documents.append(evidence)
    if failures and strict:
        typer.echo(f"tradefig: {len(failures)} input(s) failed; --strict: nothing written", err=True)
        raise typer.Exit(1)
    page = render(Report(documents, failures, title=title or Report.title))
    if output == "-":
        sys.stdout.write(page)
    else:
        with atomic_path(output) as temp:
            Path(temp).write_text(page, encoding="utf-8")
        rows = sum(len(d.rows) for d in documents)
        seconds = time.perf_counter() - started
        typer.echo(
            f"tradefig: wrote {output}: {len(documents)} document(s), {rows} row(s), "
            f"{len(page.encode()) / 1024:.0f} KB in {seconds:.1f} s",
            err=True,
        )
    if failures:
        raise typer.Exit(1)


_Outcome = tuple["Input", "DocumentEvidence | None", "str | None"]


def _evidence(items: Iterator[Input], date: dt.date | None, dedupe: bool, jobs: int) -> Iterator[_Outcome]:
    """Each input's evidence, in input order; on ``jobs`` worker processes when more than one."""
    if jobs <= 1:
        for item in items:
            yield item, *_one(item, date, dedupe)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [(item, pool.submit(_one, item, date, dedupe)) for item in items]
        for item, future in futures:
            yield item, *future.result()


def _one(item: Input, date: dt.date | None, dedupe: bool) -> tuple[DocumentEvidence | None, str | None]:
    from tradefig.report.build import document_evidence

    if item.error is not None:
        return None, item.error
    try:
        return document_evidence(item.text, doc=item.doc, date=date, dedupe=dedupe), None
    except Exception as error:
        return None, f"failed: {error!r}"
