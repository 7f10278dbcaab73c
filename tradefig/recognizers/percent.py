"""Percentages: '34.6%', '20-30 percent', 'between 20 and 30 per cent', '17.3 pct',
'twenty percent', '100 percentage', 'one hundred percents', 'per cent of 210' (a whole sentence),
word fractions 'a third', 'more than half'; percentage points are unit 'pp'. Nothing inside
web addresses ('%28' is an escape)."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from decimal import Decimal
from typing import cast

import regex

from tradefig import compiled
from tradefig.recognizers.common import Context, no_range, overlaps_any, qualifier_of, range_values, url_spans
from tradefig.recognizers.grammar import FIGURE_START, FLAGS, Grammar, build_grammar, phrases
from tradefig.recognizers.triggers import number_anchors
from tradefig.recognizers.windows import Windowed, figure_reach
from tradefig.types import Mention, Qualifier

_POINTS = compiled.compile(r"points?|pp|p\.p\.?|percentage\s+points?|per\s*cent(?:age)?\s+points?", FLAGS)


@functools.cache
def _source() -> str:
    g = build_grammar()
    unit = (
        r"(?P<unit>percentage\s+points?|per\s*cent(?:age)?\s+points?|p\.p\.?(?!\w)|pp(?!\w)"
        r"|%|percents?(?!\w)|percentage(?![\w-])|per\s+cent(?!\w)|per-cent(?!\w)|pct(?!\w)|pc(?!\w))"
    )
    sign = r"(?P<sign>[+-](?=\d)|minus\s+|plus\s+)?"
    number = g.number
    # the second number of a range, and the numbers of the other forms, call the first one's
    # group as a subroutine: tried only after a number or 'between', and the pattern compiles
    # in a third of the time at every start
    second = r"(?:\s?(?P<dash>-|to|–|or)\s?(?P<a2>(?&a1)))?"
    # a number glued to a year by a dash is a fiscal year's end ('2009-10 to 78.9 per cent')
    plain = rf"(?<!\d[-–/])(?<!\d){sign}(?P<a1>{number})(?P<u1>\s?%)?{second}\s?{unit}"
    between = rf"between\s+(?P<c1>(?&a1))\s?%?\s+and\s+(?P<c2>(?&a1))\s?{unit}"
    # a whole sentence that is 'percent of 10' / 'per cent of twenty-two' (a table caption, a
    # spoken figure): the unit first, the number last, nothing around them
    unit_first = rf"^\s*(?:percents?|per\s*cent|percentage)\s+of\s+(?!{g.year})(?P<d1>(?&a1))(?=\s*[.!?]?\s*$)"
    return rf"{FIGURE_START}(?:(?P<qual>{g.qualifier})\s+)?(?:{between}|{plain})|{unit_first}"


@functools.cache
def _windowed() -> Windowed:
    return Windowed(_source(), FLAGS, figure_reach(), number_anchors)


@functools.cache
def _fraction_pattern() -> regex.Pattern[str]:
    g = build_grammar()
    body = phrases(g.lexicon.fractions)
    # Only where a fraction is a share or a change: 'by a third', 'more than half the',
    # 'a quarter of'; never 'the first half of 2023' (a period) or 'a third country'.
    return compiled.compile(
        rf"(?:(?P<qual>{g.qualifier})\s+|(?<=\bby\s+))(?P<frac>{body})(?!\s+(?:of\s+)?(?:the\s+)?(?:year|\d{{4}}))(?![\w-])"
        rf"|(?<![\w-])(?P<frac2>{body})\s+(?=of\s+(?!(?:the\s+)?(?:year|\d{{4}}|this|last)))",
        FLAGS,
    )


def find(text: str, context: Context) -> Iterator[Mention]:
    yield from find_numbers(text, context)
    yield from find_fractions(text, context)


def find_numbers(text: str, context: Context) -> Iterator[Mention]:
    """Percentages written with a number."""
    del context
    grammar = build_grammar()
    urls = url_spans(text)
    # '12% to 9%' is two levels (below); '2022 – 15%' is a year and a percentage
    for match in _windowed().finditer(text, lambda m: None if m.group("u1") else no_range(m, "a1", "a2", grammar)):
        if match.group("c1"):
            low, high = range_values(match.group("c1"), match.group("c2"), grammar)
        elif match.group("d1"):
            low, high = range_values(match.group("d1"), None, grammar)
        else:
            low, high = range_values(match.group("a1"), match.group("a2"), grammar)
        if low is None or overlaps_any(match.start(), match.end(), urls):
            continue
        start = match.start() + len(match.group()) - len(match.group().lstrip())
        sign = (match.group("sign") or "").strip().lower()
        if sign in {"-", "minus"}:
            low = -low
        unit = "pp" if match.group("unit") and _POINTS.fullmatch(match.group("unit")) else "%"
        if high is not None and _from_to(text, match, start, low, high):
            yield from _two_levels(text, match, start, (low, high), unit, grammar)
            continue
        rule = "percent.points" if unit == "pp" else ("percent.range" if high else "percent.number")
        yield Mention(
            kind="percent",
            start=start,
            end=match.end(),
            text=text[start : match.end()],
            rule="percent.unit_first" if match.group("d1") else rule,
            value=low,
            value_max=high,
            unit=unit,
            qualifier=qualifier_of(match, grammar),
        )


_CHANGE_BEFORE_FROM = (
    r"\b(?:ros[e]|risen|increas\w*|grew|grow\w*|fell|fallen|fall\w*|declin\w*|decreas\w*|dropp?\w*|"
    r"climb\w*|jump\w*|went\s+up|went\s+down|chang\w*|shrank|expand\w*)\b[^.;]{0,30}\bfrom\s+$"
)


def _from_to(text: str, match: regex.Match[str], start: int, low: Decimal, high: Decimal) -> bool:
    """'rose from 35.6% to 41.4%', 'fell 12% to 9%': two levels of one indicator, not a range."""
    if (match.group("dash") or "").lower() != "to":
        return False
    if low > high:
        return True
    head = text[max(0, start - 60) : start]
    if regex.search(r"\bfrom\s+$", head, FLAGS) is None:
        return False
    # 'rose from 35.6% to 41.4%' (own unit, or a verb of change) vs 'from 50 to 80%' (a range)
    return bool(match.group("u1")) or regex.search(_CHANGE_BEFORE_FROM, head, FLAGS) is not None


def _two_levels(
    text: str, match: regex.Match[str], start: int, values: tuple[Decimal, Decimal], unit: str, grammar: Grammar
) -> Iterator[Mention]:
    low, high = values
    first_end = match.end("u1") if match.group("u1") else match.end("a1")
    for begin, end, value, qualifier in (
        (start, first_end, low, qualifier_of(match, grammar)),
        (match.start("a2"), match.end(), high, "eq"),
    ):
        yield Mention(
            kind="percent",
            start=begin,
            end=end,
            text=text[begin:end],
            rule="percent.from_to",
            value=value,
            unit=unit,
            qualifier=cast(Qualifier, qualifier),
        )


def find_fractions(text: str, context: Context) -> Iterator[Mention]:
    """Fraction words that are shares or changes: 'by a third', 'more than half the'."""
    del context
    grammar = build_grammar()
    for match in _fraction_pattern().finditer(text):
        word = match.group("frac") or match.group("frac2")
        value = grammar.lexicon.fractions[regex.sub(r"\s+", " ", word.lower())] * Decimal(100)
        yield Mention(
            kind="percent",
            start=match.start(),
            end=match.end() if match.group("frac") else match.end("frac2"),
            text=text[match.start() : match.end() if match.group("frac") else match.end("frac2")],
            rule="percent.fraction_word",
            value=value,
            unit="%",
            qualifier=qualifier_of(match, grammar),
        )
