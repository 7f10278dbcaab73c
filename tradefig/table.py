"""The SPEC table, defined once: names, order, types and descriptions of the columns.

Writers, the DataFrame/Arrow conversions and ``docs/columns.md`` all derive from ``COLUMNS``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tradefig.text.document import Document
from tradefig.types import Mention, Observation

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    kind: str  # str, str?, float, float?, int
    description: str

    @property
    def nullable(self) -> bool:
        return self.kind.endswith("?")


COLUMNS: tuple[Column, ...] = (
    Column("doc", "str", "document id: the path as given, `-` for stdin, or the API's `doc`"),
    Column("reporter", "str", "first party: ISO 3166-1 alpha-3 or a bloc code"),
    Column("partner", "str", "second party, same codes"),
    Column("reporter_region", "str?", "ISO 3166-2 code when the first party is a region"),
    Column("partner_region", "str?", "ISO 3166-2 code when the second party is a region"),
    Column("flow", "str", "turnover, export, import, balance or contracts"),
    Column("measure", "str", "level, change_pct, change_factor, change_abs or share_pct"),
    Column("value", "float", "the amount in `unit`, a percent, or a factor"),
    Column("value_max", "float?", "upper end of a range, else empty"),
    Column("unit", "str", "ISO 4217 code, `%`, `x`, or a pint unit symbol (`t`, `m**3`, `kWh`)"),
    Column("qualifier", "str", "eq, approx, gt, ge, lt or le"),
    Column("period", "str?", "ISO 8601 period the figure refers to"),
    Column("base_period", "str?", "ISO 8601 comparison period of a change, when stated"),
    Column("status", "str", "actual, target or forecast"),
    Column("sector", "str?", "product or sector the figure is limited to, lower case"),
    Column("text", "str", "the figure's span exactly as in the input"),
    Column("start", "int", "offset of `text` in the decoded input (Python str index)"),
    Column("end", "int", "end offset, exclusive: input[start:end] == text"),
    Column("sentence", "str", "the sentence holding the figure, on one line"),
)
NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)

MENTION_COLUMNS: tuple[Column, ...] = (
    Column("doc", "str", "document id"),
    Column("kind", "str", "money, percent, factor, quantity, period or party"),
    Column("text", "str", "the span exactly as in the input"),
    Column("start", "int", "offset in the decoded input"),
    Column("end", "int", "end offset, exclusive"),
    Column("value", "float?", "resolved value (amounts in full, percents, factors)"),
    Column("value_max", "float?", "upper end of a range"),
    Column("unit", "str?", "ISO 4217, %, pp, x or a pint unit"),
    Column("qualifier", "str?", "eq, approx, gt, ge, lt or le"),
    Column("period", "str?", "ISO 8601 period (periods)"),
    Column("code", "str?", "ISO alpha-3 or bloc code (parties)"),
    Column("region", "str?", "ISO 3166-2 code (regions)"),
    Column("rule", "str", "the rule that found the mention"),
)

Row = dict[str, Any]


def _float(value: object) -> float | None:
    return None if value is None else float(str(value))


def observation_rows(document: Document, observations: Iterable[Observation]) -> Iterator[Row]:
    for obs in observations:
        start, end = document.to_original(obs.figure.start, obs.figure.end)
        sentence = document.sentences[obs.sentence]
        yield {
            "doc": document.doc,
            "reporter": obs.reporter,
            "partner": obs.partner,
            "reporter_region": obs.reporter_region,
            "partner_region": obs.partner_region,
            "flow": obs.flow,
            "measure": obs.measure,
            "value": _float(obs.value),
            "value_max": _float(obs.value_max),
            "unit": obs.unit,
            "qualifier": obs.qualifier,
            "period": obs.period,
            "base_period": obs.base_period,
            "status": obs.status,
            "sector": obs.sector,
            "text": document.original[start:end],
            "start": start,
            "end": end,
            "sentence": " ".join(sentence.text.split()),
        }


def mention_rows(document: Document, mentions: Iterable[Mention]) -> Iterator[Row]:
    for m in mentions:
        if m.kind == "cue":
            continue
        start, end = document.to_original(m.start, m.end)
        yield {
            "doc": document.doc,
            "kind": m.kind,
            "text": document.original[start:end],
            "start": start,
            "end": end,
            "value": _float(m.value),
            "value_max": _float(m.value_max),
            "unit": m.unit,
            "qualifier": m.qualifier if m.kind not in {"period", "party"} else None,
            "period": m.period,
            "code": m.code,
            "region": m.region,
            "rule": m.rule,
        }


_PANDAS_DTYPES = {
    "str": "string",
    "str?": "string",
    "float": "float64",
    "float?": "Float64",
    "int": "int64",
}


def to_frame(rows: Iterable[Row], columns: tuple[Column, ...] = COLUMNS) -> pd.DataFrame:
    """Rows as a DataFrame with exactly the given columns, in order, with stable dtypes."""
    import pandas as pd

    frame = pd.DataFrame(list(rows), columns=[c.name for c in columns])
    return frame.astype({c.name: _PANDAS_DTYPES[c.kind] for c in columns})


def arrow_schema(columns: tuple[Column, ...] = COLUMNS) -> pa.Schema:
    import pyarrow as pa

    types = {
        "str": pa.string(),
        "str?": pa.string(),
        "float": pa.float64(),
        "float?": pa.float64(),
        "int": pa.int64(),
    }
    return pa.schema([pa.field(c.name, types[c.kind], nullable=c.nullable or c.kind == "str") for c in columns])


def columns_markdown() -> str:
    """The columns reference (docs/columns.md), generated from COLUMNS."""
    lines = [
        "# Columns",
        "",
        "Generated from `tradefig/table.py` (`python -m tradefig.table`).",
        "",
    ]
    for title, columns in (
        ("Observations (`tradefig extract`)", COLUMNS),
        ("Mentions (`tradefig mentions`)", MENTION_COLUMNS),
    ):
        lines += [f"## {title}", "", "| column | type | meaning |", "|---|---|---|"]
        lines += [f"| `{c.name}` | {c.kind} | {c.description} |" for c in columns]
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    print(columns_markdown(), end="")
