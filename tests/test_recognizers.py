"""Each recogniser against its table of real phrases (tests/recognizers/<kind>.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tradefig.recognizers import factor, money, party, percent, period, quantity
from tradefig.recognizers.common import Context

TABLES = Path(__file__).parent / "recognizers"
FINDERS = {"money": money.find, "percent": percent.find, "factor": factor.find, "quantity": quantity.find}


def _cases(kind: str) -> list[Any]:
    """Rows of a table; a row with `xfail: reason` is a known failure, marked strict so that
    fixing it makes the suite say so."""
    data = yaml.safe_load((TABLES / f"{kind}.yaml").read_text(encoding="utf-8"))
    return [
        pytest.param(
            case,
            id=case["text"][:50],
            marks=[pytest.mark.xfail(strict=True, reason=case["xfail"])] if "xfail" in case else [],
        )
        for case in data
    ]


def _figures(kind: str, text: str) -> list[tuple[str, float, str, float | None]]:
    from tradefig.recognizers.find_all import find_all

    found = [m for m in find_all(text, 0, Context()) if m.kind == kind]
    for m in found:
        assert text[m.start : m.end] == m.text
    return [(m.text, float(m.value or 0), m.unit or "", float(m.value_max) if m.value_max else None) for m in found]


@pytest.mark.parametrize("kind", sorted(FINDERS))
def test_tables_exist(kind: str) -> None:
    assert (TABLES / f"{kind}.yaml").exists()


def _check_figures(kind: str, case: dict[str, Any]) -> None:
    got = _figures(kind, case["text"])
    assert len(got) == len(case["expect"]), got
    for (span, value, unit, value_max), expected in zip(got, case["expect"], strict=True):
        assert span == expected[0]
        assert value == pytest.approx(float(expected[1]), rel=1e-4)
        assert unit == expected[2]
        if len(expected) > 3:
            assert value_max == pytest.approx(float(expected[3]))


@pytest.mark.parametrize("case", _cases("money"))
def test_money(case: dict[str, Any]) -> None:
    _check_figures("money", case)


@pytest.mark.parametrize("case", _cases("percent"))
def test_percent(case: dict[str, Any]) -> None:
    _check_figures("percent", case)


@pytest.mark.parametrize("case", _cases("factor"))
def test_factor(case: dict[str, Any]) -> None:
    _check_figures("factor", case)


@pytest.mark.parametrize("case", _cases("quantity"))
def test_quantity(case: dict[str, Any]) -> None:
    _check_figures("quantity", case)


@pytest.mark.parametrize("case", _cases("period"))
def test_period(case: dict[str, Any]) -> None:
    date = str(case["date"]).split("-") if case.get("date") else None  # a full date: 'in October'
    context = Context(int(date[0]), int(date[1]), int(date[2])) if date else Context(year=case.get("year"))
    found = list(period.find(case["text"], context))
    got = [[m.text, m.period] for m in found]
    assert got == case["expect"]


@pytest.mark.parametrize("case", _cases("party"))
def test_party(case: dict[str, Any]) -> None:
    found = list(party.find(case["text"], Context()))
    assert [[m.text, m.code, m.region] for m in found] == case["expect"]


@pytest.mark.parametrize("case", _cases("amount"))
def test_bare_amounts_take_the_currency_before_them(case: dict[str, Any]) -> None:
    from tradefig.api import mentions

    frame = mentions(case["text"])
    money_rows = frame[frame["kind"] == "money"]
    got = [(r.text, float(r.value), r.unit) for r in money_rows.itertuples()]
    assert len(got) == len(case["expect"]), got
    for (span, value, unit), expected in zip(got, case["expect"], strict=True):
        assert span == expected[0]
        assert value == pytest.approx(float(expected[1]), rel=1e-4)
        assert unit == expected[2]


@pytest.mark.parametrize("case", _cases("qualifier"))
def test_qualifier(case: dict[str, Any]) -> None:
    from tradefig.recognizers.find_all import find_all

    found = [m for m in find_all(case["text"], 0, Context()) if m.kind in {"money", "percent", "factor", "quantity"}]
    assert [[m.text, m.qualifier] for m in found] == case["expect"]
