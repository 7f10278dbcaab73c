"""Physical volumes of traded goods: '250,000 tonnes', '1.4 billion cubic meters', '114,000 tons',
'10 thousand tons', '5 million barrels', '3 bcm', '2 billion kWh'. Normalised with pint to one
unit per dimension: t (mass), m**3 (volume), kWh (energy)."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import regex

from tradefig import compiled
from tradefig.recognizers.common import Context, no_range, qualifier_of, range_values
from tradefig.recognizers.grammar import FIGURE_START, FLAGS, build_grammar, phrases
from tradefig.recognizers.triggers import number_anchors
from tradefig.recognizers.windows import Windowed, figure_reach
from tradefig.types import Mention

# written unit -> (pint unit, target unit)
_UNITS: dict[str, tuple[str, str]] = {
    "metric tons": ("metric_ton", "t"), "metric tonnes": ("metric_ton", "t"),
    "tonnes": ("metric_ton", "t"), "tonne": ("metric_ton", "t"), "tons": ("metric_ton", "t"),
    "ton": ("metric_ton", "t"), "t": ("metric_ton", "t"), "mt": ("megametric_ton", "t"),
    "kilograms": ("kilogram", "t"), "kilogrammes": ("kilogram", "t"), "kg": ("kilogram", "t"),
    "cubic meters": ("meter**3", "m**3"), "cubic metres": ("meter**3", "m**3"),
    "cubic meter": ("meter**3", "m**3"), "cubic metre": ("meter**3", "m**3"),
    "m3": ("meter**3", "m**3"), "m³": ("meter**3", "m**3"), "cu m": ("meter**3", "m**3"),
    "bcm": ("kilometer**3", "m**3"), "litres": ("liter", "m**3"), "liters": ("liter", "m**3"),
    "barrels": ("oil_barrel", "m**3"), "bbl": ("oil_barrel", "m**3"),
    "kwh": ("kilowatt_hour", "kWh"), "mwh": ("megawatt_hour", "kWh"),
    "gwh": ("gigawatt_hour", "kWh"), "twh": ("terawatt_hour", "kWh"),
}  # fmt: skip


@functools.cache
def _source() -> str:
    g = build_grammar()
    units = phrases(_UNITS)
    # a range's second amount calls the first one's group as a subroutine (see percent)
    return (
        rf"{FIGURE_START}(?:(?P<qual>{g.qualifier})\s+)?(?P<a1>{g.amount})(?:\s?(?:-|to)\s?(?P<a2>(?&a1)))?"
        rf"\s?(?:of\s+)?(?P<unit>{units})(?![\w³])"
    )


@functools.cache
def _windowed() -> Windowed:
    return Windowed(_source(), FLAGS, figure_reach(), number_anchors)


@functools.cache
def _registry() -> Any:
    import pint  # heavy: only when a quantity is found

    return pint.UnitRegistry()


_PINT_TARGET = {"t": "metric_ton", "m**3": "meter**3", "kWh": "kilowatt_hour"}


def convert(value: Decimal, unit_text: str) -> tuple[Decimal, str]:
    source, target = _UNITS[regex.sub(r"\s+", " ", unit_text.lower())]
    if target == "t" and source == "metric_ton":
        return value, "t"
    if target == "m**3" and source == "meter**3":
        return value, "m**3"
    factor = _factors().get(source)
    if factor is not None:  # pint's own multiplication by pint's own factor: the same float
        magnitude = float(value) * factor
    else:
        magnitude = _registry().Quantity(float(value), source).to(_PINT_TARGET[target]).magnitude
    return Decimal(str(magnitude)).normalize(), target


@functools.cache
def _factors() -> dict[str, float]:
    """pint's conversion factor for each unit above, kept on disk: loading pint takes about a
    second, far longer than the article that needs it. pint converts a multiplicative unit as
    ``magnitude * factor``; a factor is kept only when that holds exactly on sample values."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("pint")
    origin = spec.origin if spec is not None and spec.origin else ""
    stamp = f"{origin}|{Path(origin).stat().st_mtime_ns if origin else 0}"
    return compiled.cached("pint-factors", [stamp, repr(sorted(_UNITS.items()))], _measure_factors)


def _measure_factors() -> dict[str, float]:
    registry = _registry()
    factors: dict[str, float] = {}
    for source, target in set(_UNITS.values()):
        to = _PINT_TARGET[target]
        factor = registry.Quantity(1.0, source).to(to).magnitude
        samples = (0.5, 3.0, 7.25, 13.7, 250_000.0, 123456.789, 1.4e9, 2.5e-3)
        if isinstance(factor, float) and all(
            registry.Quantity(v, source).to(to).magnitude == v * factor for v in samples
        ):
            factors[source] = factor
    return factors


def find(text: str, context: Context) -> Iterator[Mention]:
    grammar = build_grammar()
    for match in _windowed().finditer(text, lambda m: no_range(m, "a1", "a2", grammar)):
        unit_text = match.group("unit")
        if unit_text == "t" and not regex.search(r"\d", match.group("a1")):
            continue
        low, high = range_values(match.group("a1"), match.group("a2"), grammar)
        if low is None:
            continue
        low, unit = convert(low, unit_text)
        if high is not None:
            high, _ = convert(high, unit_text)
        yield Mention(
            kind="quantity",
            start=match.start(),
            end=match.end(),
            text=match.group(),
            rule="quantity.amount_unit",
            value=low,
            value_max=high,
            unit=unit,
            qualifier=qualifier_of(match, grammar),
        )
    del context
