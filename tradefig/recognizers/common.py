"""Helpers shared by the figure recognisers: qualifiers, amounts, the recogniser context."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal
from typing import cast

import regex

from tradefig import compiled
from tradefig.recognizers.grammar import Grammar, build_grammar, parse_number, parse_scale
from tradefig.types import Qualifier


@dataclass(frozen=True, slots=True)
class Context:
    """What a recogniser may know beyond the sentence: the document's year, for 'this year'."""

    year: int | None = None
    month: int | None = None
    day: int | None = None


def qualifier_of(match: regex.Match[str], grammar: Grammar) -> Qualifier:
    text = match.group("qual")
    if not text:
        return "eq"
    key = regex.sub(r"\s+", " ", text.strip().lower())
    return cast(Qualifier, grammar.qualifier_lookup.get(key, "eq"))


def amount_value(number: str | None, scale: str | None, grammar: Grammar) -> Decimal | None:
    if not number:
        return None
    value = parse_number(number, grammar.lexicon)
    if value is None:
        return None
    return value * parse_scale(scale, grammar.lexicon)


def split_amount(text: str, grammar: Grammar) -> tuple[str, str | None]:
    """'13.7 billion' → ('13.7', 'billion'); word numbers keep their scale words."""
    match = _amount_re().fullmatch(text.strip().rstrip("."))  # "5 bn." (the dot read with its context)
    if match is None:
        return text, None
    return match.group("n"), match.group("s")


@functools.cache
def _amount_re() -> regex.Pattern[str]:
    grammar = build_grammar()
    return compiled.compile(rf"(?P<n>{grammar.number})(?P<s>{grammar.scale})?", regex.IGNORECASE | regex.VERSION1)


def range_values(first: str | None, second: str | None, grammar: Grammar) -> tuple[Decimal | None, Decimal | None]:
    """Values of 'A' or 'A-B'; A takes B's scale when it has none ('$14-16 billion')."""
    if not first:
        return None, None
    n1, s1 = split_amount(first, grammar)
    if not second:
        return amount_value(n1, s1, grammar), None
    n2, s2 = split_amount(second, grammar)
    low = amount_value(n1, s1 or s2, grammar)
    high = amount_value(n2, s2, grammar)
    if low is not None and high is not None and low > high and not s1:
        low = amount_value(n1, s2, grammar)
    return low, high


_BARE_YEAR = compiled.compile(r"(?:1[89]|20)\d\d")
_SPACED_DASH = compiled.compile(r"\s[-–—]\s|\s?to\s")


def no_range(
    match: regex.Match[str], first: str, second: str, grammar: Grammar, *, inverted: bool = True
) -> int | None:
    """'in 2022 – 15%', '2022 – 1.8 times', '2022 – 5 million dollars': a year before a spaced
    dash, or (``inverted``) any number larger than the one after the dash, starts no range; the
    figure is the second number alone. Where to search again, or None for a true range."""
    a, b = match.group(first), match.group(second)
    if not a or not b:
        return None
    low, high = range_values(a, b, grammar)
    year = _BARE_YEAR.fullmatch(a.strip()) is not None and (
        _SPACED_DASH.fullmatch(match.string, match.end(first), match.start(second)) is not None
        or (low is not None and high is not None and low > high)
    )
    larger = inverted and low is not None and high is not None and low > high
    return match.start(second) if year or larger else None


# a scheme is short ('https', 'svn+ssh'): unbounded, 'one-one-one-…' took quadratic time
_URL = compiled.compile(r"(?:\b[a-z][a-z0-9+.-]{0,31}://|\bwww\.)\S+", regex.IGNORECASE)


def url_spans(text: str) -> list[tuple[int, int]]:
    """Web addresses: their '%28' escapes and digits are never figures."""
    return [match.span() for match in _URL.finditer(text)]


def overlaps_any(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)
