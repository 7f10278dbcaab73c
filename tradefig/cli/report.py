"""``tradefig report``: the evidence page for a reviewer (see ``tradefig.report``)."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from tradefig.cli.extract import DateOpt, Glob, Paths, Strict, parse_date

HELP = """Write one self-contained HTML page: each document's text with every extracted figure
highlighted (hover or Tab to a mark to see its row), the rows as a sortable, filterable table
with the evidence sentence, and charts of levels over time.

Same inputs as 'extract'. The page loads nothing from anywhere: open it offline or mail it.

Examples:

  tradefig report article.txt -o report.html

  tradefig report archive/ --date 2024-05-20 -o report.html
"""

Output = Annotated[
    str | None,
    typer.Option("--output", "-o", help="The HTML file to write (atomically); '-' for stdout."),
]


def report(
    paths: Paths,
    output: Output = None,
    date: DateOpt = None,
    dedupe: Annotated[
        bool,
        typer.Option("--dedupe", help="Collapse rows that repeat the same fact within a document."),
    ] = False,
    glob: Glob = None,
    strict: Strict = False,
    title: Annotated[str | None, typer.Option("--title", help="The page's title.")] = None,
) -> None:
    from tradefig.cli.extract import _refuse_overwriting_inputs
    from tradefig.io.readers import DEFAULT_GLOBS, iter_inputs
    from tradefig.io.writers import atomic_path
    from tradefig.report.build import Report, document_evidence
    from tradefig.report.html import render

    when = parse_date(date)
    if output is None:
        if sys.stdout.isatty():
            raise typer.BadParameter("name the HTML file to write, e.g. -o report.html", param_hint="--output")
        output = "-"
    if output != "-":
        _refuse_overwriting_inputs(output, paths)
    started = time.perf_counter()
    documents = []
    failures: list[tuple[str, str]] = []
    for item in iter_inputs(paths, tuple(glob) if glob else DEFAULT_GLOBS):
        if item.error is not None:
            failures.append((item.doc, item.error))
            typer.echo(f"tradefig: {item.doc}: {item.error}", err=True)
            continue
        for warning in item.warnings:
            typer.echo(f"tradefig: {item.doc}: warning: {warning}", err=True)
        try:
            documents.append(document_evidence(item.text, doc=item.doc, date=when, dedupe=dedupe))
        except Exception as error:
            failures.append((item.doc, f"failed: {error!r}"))
            typer.echo(f"tradefig: {item.doc}: failed: {error!r}", err=True)
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
