"""Percentages: '34.6%', '20-30 percent', 'between 20 and 30 per cent', '17.3 pct',
'twenty percent', word fractions 'a third', 'more than half'; percentage points are unit 'pp'."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from decimal import Decimal

import regex

from tradefig.recognizers.common import Context, qualifier_of, range_values
from tradefig.recognizers.grammar import FLAGS, build_grammar, phrases
from tradefig.types import Mention

_POINTS = regex.compile(r"points?|pp|p\.p\.?|percentage\s+points?|per\s*cent(?:age)?\s+points?", FLAGS)


@functools.cache
def _pattern() -> regex.Pattern[str]:
    g = build_grammar()
    unit = (
        r"(?P<unit>percentage\s+points?|per\s*cent(?:age)?\s+points?|p\.p\.?(?!\w)|pp(?!\w)"
        r"|%|percent(?!\w)|per\s+cent(?!\w)|per-cent(?!\w)|pct(?!\w)|pc(?!\w))"
    )
    sign = r"(?P<sign>[+-](?=\d)|minus\s+|plus\s+)?"
    number = g.number
    plain = rf"{sign}(?P<a1>{number})(?:\s?%)?(?:\s?(?:-|to|–|or)\s?(?P<a2>{number}))?\s?{unit}"
    between = rf"between\s+(?P<c1>{number})\s?%?\s+and\s+(?P<c2>{number})\s?{unit}"
    return regex.compile(rf"(?:(?P<qual>{g.qualifier})\s+)?(?:{between}|{plain})", FLAGS)


@functools.cache
def _fraction_pattern() -> regex.Pattern[str]:
    g = build_grammar()
    body = phrases(g.lexicon.fractions)
    # Only where a fraction is a share or a change: 'by a third', 'more than half the',
    # 'a quarter of'; never 'the first half of 2023' (a period) or 'a third country'.
    return regex.compile(
        rf"(?:(?P<qual>{g.qualifier})\s+|(?<=\bby\s+))(?P<frac>{body})(?!\s+(?:of\s+)?(?:the\s+)?(?:year|\d{{4}}))(?![\w-])"
        rf"|(?<![\w-])(?P<frac2>{body})\s+(?=of\s+(?!(?:the\s+)?(?:year|\d{{4}}|this|last)))",
        FLAGS,
    )


def find(text: str, context: Context) -> Iterator[Mention]:
    grammar = build_grammar()
    for match in _pattern().finditer(text):
        if match.group("c1"):
            low, high = range_values(match.group("c1"), match.group("c2"), grammar)
        else:
            low, high = range_values(match.group("a1"), match.group("a2"), grammar)
        if low is None:
            continue
        sign = (match.group("sign") or "").strip().lower()
        if sign in {"-", "minus"}:
            low = -low
        unit = "pp" if _POINTS.fullmatch(match.group("unit")) else "%"
        yield Mention(
            kind="percent",
            start=match.start(),
            end=match.end(),
            text=match.group(),
            rule="percent.points" if unit == "pp" else ("percent.range" if high else "percent.number"),
            value=low,
            value_max=high,
            unit=unit,
            qualifier=qualifier_of(match, grammar),
        )
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
    del context
