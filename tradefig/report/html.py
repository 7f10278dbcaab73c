"""The report as one self-contained HTML page: a Jinja2 template with the CSS, script and SVG
charts inline. Jinja2 escapes everything that comes from the input; the only markup built
here is the annotated text, where every piece of input goes through ``escape`` too.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from tradefig.report.build import FLOWS, STATUSES, DocumentEvidence, Report
from tradefig.table import Row

if TYPE_CHECKING:
    from tradefig.report.charts import Chart

QUALIFIERS = {"eq": "", "approx": "≈ ", "gt": "> ", "ge": "≥ ", "lt": "< ", "le": "≤ "}
ARROWS = {"turnover": "↔", "contracts": "↔", "export": "→", "import": "←", "balance": "vs"}


def render(report: Report, chart_list: list[Chart] | None = None) -> str:
    """The page for ``report``; charts are drawn from its rows unless given."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    from tradefig import __version__
    from tradefig.report.charts import FLOW_COLOURS, charts

    if chart_list is None:
        chart_list = charts(report.rows)
    environment = Environment(
        loader=PackageLoader("tradefig.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    documents = []
    number = 1
    for evidence in report.documents:
        documents.append(_DocumentView(evidence, number, annotate(evidence, number)))
        number += len(evidence.rows)
    rows = [(n, row) for n, row in enumerate(report.rows, 1)]
    template = environment.get_template("report.html.j2")
    return template.render(
        report=report,
        documents=documents,
        rows=rows,
        charts=[(chart, Markup(chart.svg)) for chart in chart_list],  # drawn by us from escaped text, see charts.py
        flows=FLOWS,
        statuses=STATUSES,
        colours=FLOW_COLOURS,
        flow_counts={flow: sum(1 for _, r in rows if r["flow"] == flow) for flow in FLOWS},
        parties=sorted({p for _, r in rows for p in party_codes(r)}),
        periods=sorted({r["period"] for _, r in rows if r["period"]}),
        version=__version__,
        css=Markup(_asset("report.css")),  # our own file
        script=Markup(_asset("report.js")),  # our own file
        describe=describe,
        value_text=value_text,
        party=party,
        highlight=highlight,
        basename=lambda doc: doc.replace("\\", "/").rsplit("/", 1)[-1],
    )


def _asset(name: str) -> str:
    return resources.files("tradefig.report").joinpath("templates", name).read_text(encoding="utf-8")


@dataclass(frozen=True)
class _DocumentView:
    evidence: DocumentEvidence
    first: int  # the report-wide number of its first row
    body: Markup


# --- describing a row -------------------------------------------------------------------------


def party(row: Row, side: str) -> str:
    region = row.get(f"{side}_region")
    return f"{row[side]} ({region})" if region else str(row[side])


def party_codes(row: Row) -> list[str]:
    return [str(c) for c in (row["reporter"], row["partner"], row["reporter_region"], row["partner_region"]) if c]


def _number(value: float) -> str:
    if value == int(value):
        return f"{value:,.0f}"
    return f"{value:,.3f}".rstrip("0").rstrip(".")


def value_text(row: Row) -> str:
    """'≈ 5,000,000 USD', '20–30 %', '> ×2.5'."""
    number = _number(row["value"])
    if row["value_max"] is not None:
        number += f"–{_number(row['value_max'])}"
    qualifier = QUALIFIERS.get(str(row["qualifier"]), "")
    if row["measure"] == "change_factor":
        return f"{qualifier}×{number}"
    if row["unit"] == "%":
        return f"{qualifier}{number} %"
    return f"{qualifier}{number} {row['unit']}"


def describe(row: Row) -> str:
    """The row in a few lines: the tooltip of its mark (first line is the heading)."""
    lines = [
        f"{party(row, 'reporter')} {ARROWS.get(row['flow'], '–')} {party(row, 'partner')}",
        f"{row['flow']} · {row['measure']}",
        value_text(row),
        f"period: {row['period'] or '—'}" + (f" (vs {row['base_period']})" if row["base_period"] else ""),
        f"status: {row['status']}",
    ]
    if row["sector"]:
        lines.append(f"sector: {row['sector']}")
    return "\n".join(lines)


def highlight(row: Row) -> Markup:
    """The evidence sentence with the figure in bold (where it appears as written)."""
    sentence, figure = str(row["sentence"]), " ".join(str(row["text"]).split())
    at = sentence.find(figure) if figure else -1
    if at < 0:
        return escape(sentence)
    end = at + len(figure)
    return escape(sentence[:at]) + Markup("<strong>") + escape(figure) + Markup("</strong>") + escape(sentence[end:])


# --- the annotated text -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    rank: int  # outer first when spans start together: removed text, then rows, then mentions
    open: Markup
    close: Markup


def annotate(evidence: DocumentEvidence, first: int) -> Markup:
    """The decoded text with a ``<mark>`` per row, faint spans for unused figure mentions and
    dimmed spans for what cleaning removed. Spans nest; one that crosses its parent is cut at
    the parent's end, so every row keeps exactly one mark."""
    spans = [
        _Span(start, end, 0, Markup('<span class="removed" title="{}">').format(f"removed by cleaning: {why}"), _END)
        for start, end, why in evidence.removed
    ]
    for number, row in enumerate(evidence.rows, first):
        classes = f"fig f-{row['flow']} s-{row['status']}"
        opening = Markup(
            '<mark id="m{n}" class="{c}" tabindex="0" data-row="{n}" data-flow="{f}" data-status="{s}" title="{t}">'
        ).format(n=number, c=classes, f=row["flow"], s=row["status"], t=describe(row))
        spans.append(_Span(row["start"], row["end"], 1, opening, Markup("</mark>")))
    for mention in evidence.unused_figures:
        tip = f"{mention['kind']} found but used in no row: {_mention_value(mention)}"
        opening = Markup('<span class="unused k-{}" title="{}">').format(mention["kind"], tip)
        spans.append(_Span(mention["start"], mention["end"], 2, opening, _END))
    return _nest(evidence.text, spans)


_END = Markup("</span>")


def _mention_value(mention: Row) -> str:
    if mention["value"] is None:
        return str(mention["text"])
    fake = {**mention, "measure": "change_factor" if mention["unit"] == "x" else "", "unit": mention["unit"] or ""}
    return value_text({**fake, "qualifier": mention["qualifier"] or "eq"})


def _nest(text: str, spans: list[_Span]) -> Markup:
    parts: list[str] = []
    stack: list[tuple[int, Markup]] = []  # (end, closing tag) of the open spans
    position = 0

    def close_until(limit: int) -> None:
        nonlocal position
        while stack and stack[-1][0] <= limit:
            end, closing = stack.pop()
            parts.append(escape(text[position:end]))
            parts.append(closing)
            position = end

    for span in sorted(spans, key=lambda s: (s.start, -s.end, s.rank)):
        close_until(span.start)
        parts.append(escape(text[position : span.start]))
        position = span.start
        end = min(span.end, stack[-1][0]) if stack else span.end
        parts.append(span.open)
        stack.append((end, span.close))
    close_until(len(text))
    parts.append(escape(text[position:]))
    return Markup("".join(parts))
