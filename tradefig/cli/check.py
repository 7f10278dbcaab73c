"""``tradefig check DIR``: the regression command for CI. Extract, compare, report, exit."""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Any

import typer

from tradefig.errors import about

HELP = """Compare extraction with expected rows, the way fixtures are kept in CI.

DIR holds articles/*.txt and either expected/<stem>.csv per article or one expected.csv
with a doc column (SPEC columns). An optional DIR/sources.csv (file, published_date) gives
each article's date for relative periods.

Exit 1 when anything differs, or with --min-f1 only when F1 falls below it.

Examples:

  tradefig check fixtures

  tradefig check ../shared/corpus --min-f1 0.8

  tradefig check fixtures --update      # rewrite expected/ from the current output, then review the diff
"""


def _read_csv(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_dates(folder: Path) -> dict[str, dt.date]:
    """Publication dates from DIR/sources.csv (file, published_date); '2024-10 (inferred)' → 2024-10-31.

    An imprecise date stands for its last day: a bare year ('2018 (inferred)') → 2018-12-31, so
    'this year' and 'last year' come out right, and 'in June' is June of that year rather than
    of the year before (a month named without a year is the latest one up to the date)."""
    sources = folder / "sources.csv"
    if not sources.exists():
        return {}
    dates = {}
    for row in _read_csv(sources):
        match = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?!\d)", row.get("published_date") or "")
        if match and row.get("file"):
            year, month = int(match[1]), int(match[2] or 12)
            dates[row["file"]] = dt.date(year, month, int(match[3] or calendar.monthrange(year, month)[1]))
    return dates


def check(
    folder: Annotated[Path, typer.Argument(help="Folder with articles/ and expected/ (or expected.csv).")],
    min_f1: Annotated[float | None, typer.Option("--min-f1", help="Pass while total F1 is at least this.")] = None,
    update: Annotated[
        bool, typer.Option("--update", help="Rewrite expected/<stem>.csv from the current output.")
    ] = False,
    diff: Annotated[bool, typer.Option("--diff/--no-diff", help="Show missing, unexpected and differing rows.")] = True,
) -> None:
    from rich.console import Console
    from rich.table import Table

    from tradefig.api import extract_rows
    from tradefig.io.readers import read_bytes
    from tradefig.io.writers import atomic_path, write_delimited
    from tradefig.score import Score, score
    from tradefig.table import COLUMNS

    articles = sorted((folder / "articles").glob("*.txt"))
    if not articles:
        raise typer.BadParameter(f"{folder}/articles has no *.txt files", param_hint="DIR")
    single = folder / "expected.csv"
    expected_all = _read_csv(single) if single.exists() else None
    dates = read_dates(folder)
    console = Console(width=160)
    table = Table("document", "expected", "predicted", "P", "R", "F1", "figure R", "period", "qualifier")
    total = Score()
    for article in articles:
        with about(article.name):
            item = read_bytes(article.name, article.read_bytes())
            predicted = extract_rows(item.text, doc=article.name, date=dates.get(article.name))
        expected_file = folder / "expected" / f"{article.stem}.csv"
        if update:
            expected_file.parent.mkdir(parents=True, exist_ok=True)
            with (
                atomic_path(str(expected_file)) as temp,
                Path(temp).open("w", encoding="utf-8", newline="") as out,
            ):
                write_delimited(predicted, COLUMNS, out, ",")
            continue
        if expected_all is not None:
            expected = [r for r in expected_all if r["doc"] == article.name]
        elif expected_file.exists():
            expected = _read_csv(expected_file)
        else:
            expected = []
        result = score(predicted, expected)
        total.add(result)
        table.add_row(
            article.name,
            str(result.expected),
            str(result.predicted),
            f"{result.precision:.3f}",
            f"{result.recall:.3f}",
            f"{result.f1:.3f}",
            f"{result.figure_recall:.3f}",
            f"{result.accuracy(result.period_ok):.3f}",
            f"{result.accuracy(result.qualifier_ok):.3f}",
        )
    if update:
        console.print(f"updated {len(articles)} expected file(s) in {folder / 'expected'}; review the diff")
        return
    table.add_row(
        "TOTAL",
        str(total.expected),
        str(total.predicted),
        f"{total.precision:.3f}",
        f"{total.recall:.3f}",
        f"{total.f1:.3f}",
        f"{total.figure_recall:.3f}",
        f"{total.accuracy(total.period_ok):.3f}",
        f"{total.accuracy(total.qualifier_ok):.3f}",
        style="bold",
    )
    console.print(table)
    console.print(
        f"base_period accuracy {total.accuracy(total.base_ok):.3f}, "
        f"region accuracy {total.accuracy(total.region_ok):.3f}"
    )
    if diff:
        _print_diff(console, total)
    if min_f1 is not None:
        if total.f1 < min_f1:
            console.print(f"[red]F1 {total.f1:.3f} is below --min-f1 {min_f1}[/red]")
            raise typer.Exit(1)
        return
    if total.missing or total.unexpected or total.differing:
        raise typer.Exit(1)


def _brief(row: Any) -> str:
    value = row.get("value")
    return (
        f"{row.get('doc')}@{row.get('start')} {row.get('reporter')}-{row.get('partner')} {row.get('flow')} "
        f"{row.get('measure')} {value} {row.get('unit')} {row.get('status')} {row.get('period') or ''} "
        f"«{row.get('text')}»"
    )


def _print_diff(console: Any, total: Any) -> None:
    from rich.markup import escape

    for title, rows in (("missing", total.missing), ("unexpected", total.unexpected)):
        if rows:
            console.print(f"[bold]{title} ({len(rows)})[/bold]")
            for row in rows:
                console.print("  " + escape(_brief(row)))
    if total.differing:
        console.print(f"[bold]matched but differing ({len(total.differing)})[/bold]")
        for pred, exp, fields in total.differing:
            details = ", ".join(
                f"{f}: {pred.get(f) or pred.get('reporter_region')} != {exp.get(f) or exp.get('reporter_region')}"
                for f in fields
            )
            console.print("  " + escape(f"{_brief(exp)} -> {details}"))
