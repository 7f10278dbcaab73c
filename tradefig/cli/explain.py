"""``tradefig explain FILE``: why a figure was or was not found."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import typer

HELP = """Show the document date, the sentences (with original offsets), what cleaning removed,
and the mentions found in each sentence with the rule that found them.

Example:

  tradefig explain article.txt --only-figures
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
) -> None:
    from rich.console import Console
    from rich.markup import escape

    from tradefig.api import document_mentions
    from tradefig.cli.extract import parse_date
    from tradefig.errors import InputError
    from tradefig.io.readers import iter_inputs
    from tradefig.text.document import prepare
    from tradefig.types import FIGURE_KINDS

    item = next(iter(iter_inputs([path])))
    if item.error:
        raise InputError(item.doc, item.error)
    document = prepare(item.text, doc=item.doc, date=parse_date(date))
    console = Console(width=width, highlight=False)
    console.print(f"[bold]{escape(item.doc)}[/bold]: {len(item.text)} characters, {len(document.sentences)} sentences")
    console.print(f"document date: {document.date or 'none'} ({document.date_source})")
    console.print(f"removed as not reading text: {len(document.removed)} block(s)")
    for start, end, why in document.removed[:50]:
        snippet = " ".join(item.text[start:end].split())[:90]
        console.print(f"  [dim][{start}:{end}] {why}: {escape(snippet)}[/dim]")
    for sentence, mentions in zip(document.sentences, document_mentions(document), strict=True):
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
