"""The values that travel down the pipeline: mentions found in text, observations built from them.

Values are ``Decimal`` while they are being computed, so "13.7 billion" is exactly
13700000000; they become floats only in the table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

# 'amount' is internal: a bare sum that becomes money once its currency is inferred.
MentionKind = Literal["money", "percent", "factor", "quantity", "period", "party", "cue", "amount"]
Flow = Literal["turnover", "export", "import", "balance", "contracts"]
Measure = Literal["level", "change_pct", "change_factor", "change_abs", "share_pct"]
Qualifier = Literal["eq", "approx", "gt", "ge", "lt", "le"]
Status = Literal["actual", "target", "forecast"]

FIGURE_KINDS: frozenset[str] = frozenset({"money", "percent", "factor", "quantity"})


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of clean text that a recogniser found, with its resolved meaning.

    ``start``/``end`` index the document's *clean* text; ``Document.to_original`` maps
    them back to the decoded input. ``rule`` names the pattern that fired (shown by
    ``tradefig explain``). For periods ``period`` holds the ISO 8601 form; for parties
    ``code`` holds the ISO alpha-3 or bloc code and ``region`` an ISO 3166-2 code.
    ``cue`` mentions are flow, status and context words used by the assembler.
    """

    kind: MentionKind
    start: int
    end: int
    text: str
    rule: str
    value: Decimal | None = None
    value_max: Decimal | None = None
    unit: str | None = None
    qualifier: Qualifier = "eq"
    period: str | None = None
    code: str | None = None
    region: str | None = None
    tags: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True, slots=True)
class Observation:
    """One row of the SPEC table before it is written (offsets still in clean text)."""

    reporter: str
    partner: str
    flow: Flow
    measure: Measure
    value: Decimal
    unit: str
    figure: Mention
    sentence: int
    reporter_region: str | None = None
    partner_region: str | None = None
    value_max: Decimal | None = None
    qualifier: Qualifier = "eq"
    period: str | None = None
    base_period: str | None = None
    status: Status = "actual"
    sector: str | None = None
