"""``tradefig explain FILE``: why a figure was or was not found."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from tradefig.text.clean import Edit
    from tradefig.text.document import Document

HELP = """Show the document date (and the words it came from), what cleaning changed (each edit
named: mojibake repaired, footnote block lifted, number rejoined, hyphenation joined,
furniture removed, ...), the sentences with their offsets in the input, the mentions found
in each with the rule that found them, and the cleaning edits inside each sentence.

Offsets are [start:end) in the decoded input, the same as extract's start and end.

Example:

  tradefig explain article.txt --only-figures --edits 3
"""

_COLOURS = {
    "money": "green",
    "percent": "cyan",
    "factor": "magenta",
    "quantity": "yellow",
    "period": "blue",
    "party": "bold red",
    "cue": "dim",
}


def explain(
    path: Annotated[str, typer.Argument(help="A text file, or '-' for stdin.")],
    date: Annotated[str | None, typer.Option("--date", help="Document date YYYY-MM-DD.")] = None,
    only_figures: Annotated[bool, typer.Option("--only-figures", help="Show only sentences with a figure.")] = False,
    width: Annotated[int, typer.Option("--width", help="Output width.")] = 120,
    edits: Annotated[
        int, typer.Option("--edits", min=0, help="Cleaning edits listed per kind (all are counted).")
    ] = 10,
) -> None:
    from rich.console import Console
    from rich.markup import escape

    from tradefig.api import document_mentions
    from tradefig.cli.extract import parse_date
    from tradefig.errors import InputError, about
    from tradefig.io.readers import iter_inputs
    from tradefig.text.clean import ROUTINE_KINDS, EditIndex
    from tradefig.text.clean import edits as cleaning_edits
    from tradefig.text.document import prepare
    from tradefig.types import FIGURE_KINDS

    item = next(iter(iter_inputs([path])))
    if item.error:
        raise InputError(item.doc, item.error)
    with about(item.doc):
        document = prepare(item.text, doc=item.doc, date=parse_date(date))
        per_sentence = document_mentions(document)
    console = Console(width=width, highlight=False)
    console.print(f"[bold]{escape(item.doc)}[/bold]: {len(item.text)} characters, {len(document.sentences)} sentences")
    console.print(_date_line(document))
    all_edits = list(cleaning_edits(document.steps))  # step by step
    _print_cleaning(console, all_edits, edits)
    index = EditIndex(all_edits)
    for sentence, mentions in zip(document.sentences, per_sentence, strict=True):
        if only_figures and not any(m.kind in FIGURE_KINDS for m in mentions):
            continue
        start, end = document.to_original(sentence.start, sentence.end)
        console.print(f"\n[bold]#{sentence.index}[/bold] [{start}:{end}] ¶{sentence.paragraph}")
        console.print("  " + _highlight(sentence.text, sentence.start, mentions))
        for m in mentions:
            if m.kind == "cue" and only_figures:
                continue
            detail = m.period or m.code or (f"{m.value} {m.unit or ''}".strip() if m.value is not None else "")
            colour = _COLOURS.get(m.kind, "white")
            console.print(
                f"    [{colour}]{m.kind:<8}[/{colour}] {escape(m.text)!s:<40} {escape(str(detail))} [dim]{m.rule}[/dim]"
            )
        for edit in index.within(start, end):
            if edit.kind not in ROUTINE_KINDS:
                console.print(f"    [dim]cleaned[/dim]  {edit.kind} {_edit_line(edit)}")


def _highlight(text: str, offset: int, mentions: Sequence[object]) -> str:
    from rich.markup import escape

    from tradefig.types import Mention

    spans = sorted((m for m in mentions if isinstance(m, Mention) and m.kind != "cue"), key=lambda m: m.start)
    out, at = [], 0
    for m in spans:
        s, e = m.start - offset, m.end - offset
        if s < at:
            continue
        colour = _COLOURS.get(m.kind, "white")
        out.append(escape(text[at:s]))
        out.append(f"[{colour}]{escape(text[s:e])}[/{colour}]")
        at = e
    out.append(escape(text[at:]))
    return "".join(out)


def _date_line(document: Document) -> str:
    """'document date: 2024-05-20 (found in text: "20 May 2024" [a:b], day month year)'."""
    from rich.markup import escape

    from tradefig.lexicon import load_lexicon
    from tradefig.text.dates import locate_document_date

    line = f"document date: {document.date or 'none'}"
    if document.date_source == "given":
        return line + " (given with --date)"
    found = locate_document_date(document.clean, load_lexicon())
    if found is None:
        return line + " (none in the text: 'this year', 'last year' stay unresolved; give one with --date)"
    start, end = document.to_original(found.start, found.end)
    shown = " ".join(document.original[start:end].split())
    line += f' (found in text: "{escape(shown)}" [{start}:{end}], {found.form}'
    if found.year_span is not None:
        year_start, year_end = document.to_original(*found.year_span)
        line += f"; year {escape(document.original[year_start:year_end])} at [{year_start}:{year_end}]"
    return line + ")"


def _print_cleaning(console: Console, all_edits: Sequence[Edit], limit: int) -> None:
    """A count of every kind of cleaning edit, then up to ``limit`` examples of each."""
    from tradefig.text.clean import ROUTINE_KINDS

    counts = Counter((e.step, e.kind) for e in all_edits)
    summary = ", ".join(f"{kind} {n}" for (_, kind), n in counts.items())
    console.print(f"cleaning: {len(all_edits)} edit(s){': ' + summary if summary else ''}")
    # What decides whether a figure is found first; line joins and spacing last.
    for step, kind in sorted(counts, key=lambda key: key[1] in ROUTINE_KINDS):
        shown = [e for e in all_edits if (e.step, e.kind) == (step, kind)][:limit]
        if not shown:
            continue
        console.print(f"  [bold]{kind}[/bold] [dim]({step})[/dim]: {counts[step, kind]}")
        for edit in shown:
            console.print(f"    {_edit_line(edit)}")
        if counts[step, kind] > len(shown):
            console.print(f"    [dim]... {counts[step, kind] - len(shown)} more (--edits N lists more)[/dim]")


def _edit_line(edit: Edit) -> str:
    from rich.markup import escape

    return f"[{edit.start}:{edit.end}] {escape(repr(edit.before))} → {escape(repr(edit.after))}"
