"""The report's charts, drawn with matplotlib's SVG backend and inlined into the page.

matplotlib is imported here, inside the functions, so only ``tradefig report`` pays for it.
Text stays text in the SVG (``svg.fonttype: none``, selectable and small) and the page sets
no font of its own, so nothing is fetched. ``inline_svg`` makes matplotlib's file fit inside
HTML: no XML prolog or DOCTYPE (they name remote DTDs), no namespace URLs (the HTML parser
knows SVG), and ids prefixed so several charts live in one page.
"""

from __future__ import annotations

import contextlib
import html
import io
import re
import statistics
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tradefig.report.build import FLOWS, STATUSES
from tradefig.table import Row

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

# Okabe & Ito's palette: told apart with the common colour-vision deficiencies.
FLOW_COLOURS = {
    "turnover": "#0072B2",
    "export": "#D55E00",
    "import": "#009E73",
    "balance": "#CC79A7",
    "contracts": "#E69F00",
}
STATUS_LINES = {"actual": "-", "target": "--", "forecast": (0, (6, 2, 1, 2))}
STATUS_HATCHES = {"actual": "", "target": "///", "forecast": "xx"}  # not dots: each dot is a curve in SVG
MAX_PAIR_CHARTS = 24

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Chart:
    title: str
    svg: str  # made here from escaped text: safe to insert as markup
    columns: tuple[str, ...]  # the plotted data, also shown as a table under the chart
    data: tuple[tuple[str, ...], ...]
    note: str = ""


def charts(rows: list[Row]) -> list[Chart]:
    """The bar chart of rows by flow and status, then one chart per pair with levels over time."""
    if not rows:
        return []
    return [status_chart(rows), *pair_charts(rows)]


# --- periods on a time axis -------------------------------------------------------------------


def period_position(period: str | None) -> tuple[float, str] | None:
    """Where a period sits on a year axis, and the kind of period ('' for a calendar year).

    Levels of different kinds (a year, January–April, a month) are not comparable, so each
    kind is its own line. Intervals sit at their end year.
    """
    if not period:
        return None
    if match := re.fullmatch(r"(\d{4})", period):
        return float(match[1]), ""
    if match := re.fullmatch(r"(\d{4})-(\d{2})", period):
        return int(match[1]) + (int(match[2]) - 1) / 12, "monthly"
    if match := re.fullmatch(r"(\d{4})-(\d{2})/(\d{4})-(\d{2})", period):
        first, last = _MONTHS[int(match[2]) - 1], _MONTHS[int(match[4]) - 1]
        return float(match[3]), f"{first}–{last}"
    if match := re.fullmatch(r"(\d{4})/(\d{4})", period):
        return float(match[2]), f"{int(match[2]) - int(match[1]) + 1}-year total"
    return None


def _party(row: Row, side: str) -> str:
    region = row.get(f"{side}_region")
    return str(region) if region else str(row[side])


def series_label(row: Row, kind: str) -> str:
    reporter, partner = _party(row, "reporter"), _party(row, "partner")
    flow = row["flow"]
    label = {
        "export": f"exports {reporter}→{partner}",
        "import": f"imports {reporter}←{partner}",
        "balance": f"balance of {reporter}",
    }.get(flow, str(flow))
    details = [d for d in (row.get("sector"), kind) if d]
    return f"{label} ({', '.join(details)})" if details else label


# --- charts -----------------------------------------------------------------------------------


def status_chart(rows: list[Row]) -> Chart:
    """Horizontal bars: rows per flow, split by status (targets hatched, forecasts dotted)."""
    counts = {(flow, status): 0 for flow in FLOWS for status in STATUSES}
    for row in rows:
        counts[(row["flow"], row["status"])] = counts.get((row["flow"], row["status"]), 0) + 1
    with _style():
        figure, axes = _figure(6.4, 2.6)
        left = [0] * len(FLOWS)
        for status in STATUSES:
            widths = [counts[(flow, status)] for flow in FLOWS]
            axes.barh(
                FLOWS,
                widths,
                left=left,
                color=[_tint(FLOW_COLOURS[f], 1.0 if status == "actual" else 0.35) for f in FLOWS],
                edgecolor=[FLOW_COLOURS[f] for f in FLOWS],
                hatch=STATUS_HATCHES[status],
                label=status,
            )
            left = [a + b for a, b in zip(left, widths, strict=True)]
        for y, total in enumerate(left):
            axes.annotate(str(total), (total, y), xytext=(4, 0), textcoords="offset points", va="center")
        axes.invert_yaxis()
        axes.set_xlabel("rows")
        axes.xaxis.set_major_locator(_integer_ticks())
        from matplotlib.patches import Patch

        legend = axes.legend(frameon=False, loc="lower right", ncols=3)
        for handle in legend.legend_handles:
            if isinstance(handle, Patch):
                handle.set_facecolor("#bbbbbb")
                handle.set_edgecolor("#444444")
        svg = _svg(figure)
    data = tuple((flow, *(str(counts[(flow, s)]) for s in STATUSES)) for flow in FLOWS)
    return Chart(
        "Rows by flow and status", inline_svg(svg, "c0-", "Rows by flow and status"), ("flow", *STATUSES), data
    )


@dataclass
class _Series:
    flow: str
    status: str
    points: list[tuple[float, float, str]]  # x, value, period


def _on_trend(row: Row) -> bool:
    """A level of total trade for a calendar year: the rows a line over time compares."""
    return row["measure"] == "level" and not row["sector"] and bool(re.fullmatch(r"\d{4}", row["period"] or ""))


def _undated_plan(row: Row) -> bool:
    return row["measure"] == "level" and not row["sector"] and not row["period"] and row["status"] != "actual"


def pair_charts(rows: Iterable[Row]) -> list[Chart]:
    """For each pair (and unit) with total levels in two or more calendar years: a line per flow
    over the years, targets and forecasts dashed (those without a year as a level line).

    Parts of a year, months and sectors are not comparable with yearly totals; they are counted
    under the chart and listed in the table."""
    groups: dict[tuple[tuple[str, ...], str], list[Row]] = defaultdict(list)
    for row in rows:
        if row["measure"] == "level":
            pair = tuple(sorted({_party(row, "reporter"), _party(row, "partner")}))
            groups[(pair, str(row["unit"]))].append(row)
    candidates = []
    for (pair, unit), group in groups.items():
        years = {row["period"] for row in group if _on_trend(row)}
        if len(years) >= 2:
            candidates.append((pair, unit, group))
    candidates.sort(key=lambda c: (-sum(map(_on_trend, c[2])), c[0], c[1]))
    return [
        _pair_chart(pair, unit, group, f"c{n}-")
        for n, (pair, unit, group) in enumerate(candidates[:MAX_PAIR_CHARTS], 1)
    ]


def _pair_chart(pair: tuple[str, ...], unit: str, group: list[Row], prefix: str) -> Chart:
    series: dict[tuple[str, str], _Series] = {}
    for row in filter(_on_trend, group):
        key = (series_label(row, ""), row["status"])
        year = float(str(row["period"])[:4])
        series.setdefault(key, _Series(row["flow"], row["status"], [])).points.append(
            (year, row["value"], row["period"])
        )
    plans = {(series_label(r, ""), r["flow"], r["status"], r["value"]): r for r in filter(_undated_plan, group)}
    values = [abs(p[1]) for s in series.values() for p in s.points] + [abs(key[3]) for key in plans]
    scale, scale_name = _scale(max(values, default=1.0))
    title = f"{' – '.join(pair)}: yearly levels ({unit})"
    with _style():
        figure, axes = _figure(6.4, 3.2)
        markers = iter("osD^v<>ph*" * 4)
        marker_of: dict[str, str] = {}
        for (label, status), line in sorted(series.items(), key=lambda item: (item[0][0], STATUSES.index(item[0][1]))):
            marker = marker_of.setdefault(label, next(markers))
            colour = FLOW_COLOURS[line.flow]
            points = _medians(line.points)
            actual = series.get((label, "actual"))
            if status != "actual" and actual is not None:  # a target continues its actual line
                last = max(_medians(actual.points))
                if last[0] < points[0][0]:
                    points = [last, *points]
            axes.plot(
                [p[0] for p in points],
                [p[1] / scale for p in points],
                color=colour,
                linestyle=STATUS_LINES[status],
                marker=marker,
                markerfacecolor="white" if status != "actual" else colour,
                label=label if status == "actual" else f"{label}, {status}",
            )
            if len(line.points) > len(points):  # several values for one year: show them all
                axes.plot(
                    [p[0] for p in line.points],
                    [p[1] / scale for p in line.points],
                    linestyle="none",
                    marker=marker,
                    markersize=4,
                    color=colour,
                    alpha=0.6,
                )
        for label, flow, status, value in plans:
            axes.axhline(
                value / scale,
                color=FLOW_COLOURS[flow],
                linestyle=STATUS_LINES[status],
                linewidth=1,
                label=f"{label}, {status}, no year: {value / scale:,.4g}",
            )
        axes.set_ylabel(f"{unit}{', ' + scale_name if scale_name else ''}")
        axes.xaxis.set_major_locator(_integer_ticks())
        axes.margins(x=0.08)
        axes.grid(axis="y", color="#dddddd", linewidth=0.6)
        axes.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        svg = _svg(figure)
    data = [
        (label, status, period, _number(value))
        for (label, status), line in sorted(series.items())
        for _, value, period in sorted(line.points)
    ]
    data += [(label, status, "", _number(value)) for label, _, status, value in plans]
    left_out = len(group) - sum(map(_on_trend, group)) - sum(map(_undated_plan, group))
    note = ""
    if left_out:
        note = f"{left_out} other level row(s) of this pair (months, parts of a year, sectors) are in the table."
    columns = ("series", "status", "period", f"value ({unit})")
    return Chart(title, inline_svg(svg, prefix, title), columns, tuple(data), note)


def _medians(points: list[tuple[float, float, str]]) -> list[tuple[float, float]]:
    """One point per year: a fact stated twice (or two readings of it) meet at the median."""
    by_x: dict[float, list[float]] = defaultdict(list)
    for x, value, _ in points:
        by_x[x].append(value)
    return sorted((x, statistics.median(v)) for x, v in by_x.items())


def _scale(largest: float) -> tuple[float, str]:
    for scale, name in ((1e9, "billions"), (1e6, "millions"), (1e3, "thousands")):
        if largest >= scale:
            return scale, name
    return 1.0, ""


def _number(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def _tint(colour: str, alpha: float) -> tuple[float, float, float]:
    """``colour`` mixed with white: a light fill that keeps black text and hatches readable."""
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return (1 - alpha + alpha * red, 1 - alpha + alpha * green, 1 - alpha + alpha * blue)


# --- matplotlib plumbing ----------------------------------------------------------------------


@contextlib.contextmanager
def _style() -> Iterator[None]:
    """``matplotlib.rc_context`` with the report's settings, imported only when drawing."""
    import matplotlib

    with matplotlib.rc_context(
        {
            "svg.fonttype": "none",  # text as <text>, not glyph paths
            "svg.hashsalt": "tradefig",  # the same report for the same input
            "text.parse_math": False,  # '$' in a sector name is a dollar, not mathtext
            "font.size": 9,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "hatch.linewidth": 0.8,
        }
    ):
        yield


def _figure(width: float, height: float) -> tuple[Figure, Axes]:
    from matplotlib.figure import Figure  # no pyplot: no GUI backend, no global state

    figure = Figure(figsize=(width, height), layout="constrained")
    return figure, figure.add_subplot()


def _integer_ticks() -> MaxNLocator:
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(integer=True)


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Creator": None, "Date": None, "Format": None, "Type": None})
    return buffer.getvalue()


_NAMESPACES = re.compile(r'\s+xmlns(?::\w+)?="[^"]*"')
_SIZE = re.compile(r'\s+(?:width|height)="[^"]*"')


def inline_svg(svg: str, prefix: str, label: str) -> str:
    """matplotlib's SVG file as an element for an HTML page (see the module docstring)."""
    svg = svg[svg.index("<svg") :]
    head_end = svg.index(">")
    head = _SIZE.sub("", _NAMESPACES.sub("", svg[:head_end]))
    head += f' role="img" aria-label="{html.escape(label)}" class="chart-svg"'
    svg = head + svg[head_end:]
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}{m[1]}"', svg)
    svg = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}{m[1]}"', svg)
    return re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}{m[1]})", svg)
