"""SPEC scoring: compare extracted rows with expected rows of the same documents.

A predicted row matches an expected row when their spans overlap, measure and unit are equal,
value (and value_max) agree within 0.5 %, flow is equal, the parties are equal (unordered for
turnover and contracts), and status is equal. Each expected row matches at most one prediction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

Row = Mapping[str, Any]
_TOLERANCE = 0.005


def _close(a: Any, b: Any) -> bool:
    if a in (None, "") and b in (None, ""):
        return True
    if a in (None, "") or b in (None, ""):
        return False
    x, y = float(a), float(b)
    if x == y:
        return True
    return abs(x - y) <= _TOLERANCE * max(abs(x), abs(y))


def _overlap(a: Row, b: Row) -> bool:
    return int(a["start"]) < int(b["end"]) and int(b["start"]) < int(a["end"])


def _parties(row: Row) -> tuple[str, ...]:
    pair = (str(row["reporter"]), str(row["partner"]))
    return tuple(sorted(pair)) if row["flow"] in {"turnover", "contracts"} else pair


def figure_match(predicted: Row, expected: Row) -> bool:
    return (
        _overlap(predicted, expected)
        and predicted["measure"] == expected["measure"]
        and predicted["unit"] == expected["unit"]
        and _close(predicted["value"], expected["value"])
        and _close(predicted.get("value_max"), expected.get("value_max"))
    )


def row_match(predicted: Row, expected: Row) -> bool:
    return (
        figure_match(predicted, expected)
        and predicted["flow"] == expected["flow"]
        and _parties(predicted) == _parties(expected)
        and predicted["status"] == expected["status"]
    )


def _same(a: Any, b: Any) -> bool:
    return (a or "") == (b or "")


@dataclass
class Score:
    expected: int = 0
    predicted: int = 0
    matched: int = 0
    figures: int = 0
    period_ok: int = 0
    base_ok: int = 0
    qualifier_ok: int = 0
    region_ok: int = 0
    missing: list[Row] = field(default_factory=list)
    unexpected: list[Row] = field(default_factory=list)
    differing: list[tuple[Row, Row, list[str]]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def figure_recall(self) -> float:
        return self.figures / self.expected if self.expected else 1.0

    def accuracy(self, count: int) -> float:
        return count / self.matched if self.matched else 1.0

    def add(self, other: Score) -> None:
        for name in (
            "expected",
            "predicted",
            "matched",
            "figures",
            "period_ok",
            "base_ok",
            "qualifier_ok",
            "region_ok",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.missing += other.missing
        self.unexpected += other.unexpected
        self.differing += other.differing


def score(predicted: Sequence[Row], expected: Sequence[Row]) -> Score:
    """Score one document's rows (or several documents': rows only match within a doc)."""
    result = Score(expected=len(expected), predicted=len(predicted))
    used: set[int] = set()
    for exp in sorted(expected, key=lambda r: int(r["start"])):
        candidates = [
            i for i, p in enumerate(predicted)
            if i not in used and _doc(p) == _doc(exp) and row_match(p, exp)
        ]  # fmt: skip
        if any(_doc(p) == _doc(exp) and figure_match(p, exp) for p in predicted):
            result.figures += 1
        if not candidates:
            result.missing.append(exp)
            continue
        best = min(candidates, key=lambda i: abs(int(predicted[i]["start"]) - int(exp["start"])))
        used.add(best)
        pred = predicted[best]
        result.matched += 1
        diffs = [k for k in ("period", "base_period", "qualifier") if not _same(pred.get(k), exp.get(k))]
        result.period_ok += _same(pred.get("period"), exp.get("period"))
        result.base_ok += _same(pred.get("base_period"), exp.get("base_period"))
        result.qualifier_ok += _same(pred.get("qualifier"), exp.get("qualifier"))
        regions_equal = {pred.get("reporter_region") or "", pred.get("partner_region") or ""} == {
            exp.get("reporter_region") or "",
            exp.get("partner_region") or "",
        }
        result.region_ok += regions_equal
        if not regions_equal:
            diffs.append("regions")
        if diffs:
            result.differing.append((pred, exp, diffs))
    result.unexpected = [p for i, p in enumerate(predicted) if i not in used]
    return result


def _doc(row: Row) -> str:
    return str(row.get("doc", "")).replace("\\", "/").rsplit("/", 1)[-1]
