"""Money: '$38 mln', 'US$5bn', '13.7 billion dollars', 'RUB1.2 billion', 'Rs 9.56 lakh crore',
'one and a half billion dollars', '$14-16 billion', 'between $1 and $1.5 billion'."""

from __future__ import annotations

import functools
from collections.abc import Iterator

import regex

from tradefig.recognizers.common import Context, qualifier_of, range_values
from tradefig.recognizers.grammar import FLAGS, Grammar, build_grammar
from tradefig.types import Mention


@functools.cache
def _pattern() -> regex.Pattern[str]:
    g = build_grammar()
    amt = g.amount
    dash = r"\s?(?:-|to|–)\s?"
    prefixed = (
        rf"(?P<pre>{g.currency_prefix})\s?(?P<a1>{amt})"
        rf"(?:{dash}(?:{g.currency_prefix})?\s?(?P<a2>{amt}))?"
        rf"(?:\s?(?P<presuf>{g.currency_suffix}))?"
    )
    suffixed = rf"(?P<b1>{amt})(?:{dash}(?P<b2>{amt}))?(?:\s?-\s?|\s?)(?P<post>{g.currency_suffix})"
    between = (
        rf"between\s+(?P<bpre>{g.currency_prefix})?\s?(?P<c1>{amt})\s+and\s+"
        rf"(?P<bpre2>{g.currency_prefix})?\s?(?P<c2>{amt})(?:\s?(?P<bpost>{g.currency_suffix}))?"
    )
    return regex.compile(rf"(?:(?P<qual>{g.qualifier})\s+)?(?:{between}|{prefixed}|{suffixed})", FLAGS)


def currency_code(text: str | None, grammar: Grammar) -> str | None:
    if not text:
        return None
    raw = text.strip().strip("[]").strip()
    lexicon = grammar.lexicon
    if raw in lexicon.currency_symbols:
        return lexicon.currency_symbols[raw]
    if raw in lexicon.iso_currencies:
        return raw
    return lexicon.currency_names.get(regex.sub(r"\s+", " ", raw.lower()))


def find(text: str, context: Context) -> Iterator[Mention]:
    grammar = build_grammar()
    for match in _pattern().finditer(text):
        if match.group("c1"):
            unit = currency_code(match.group("bpre") or match.group("bpre2") or match.group("bpost"), grammar)
            low, high = range_values(match.group("c1"), match.group("c2"), grammar)
            rule = "money.between"
        elif match.group("a1"):
            unit = currency_code(match.group("pre"), grammar)
            suffix_unit = currency_code(match.group("presuf"), grammar)
            if suffix_unit and unit in {None, "USD"}:
                unit = suffix_unit
            low, high = range_values(match.group("a1"), match.group("a2"), grammar)
            rule = "money.symbol_amount" if not match.group("a2") else "money.symbol_range"
        else:
            unit = currency_code(match.group("post"), grammar)
            low, high = range_values(match.group("b1"), match.group("b2"), grammar)
            rule = "money.amount_name" if not match.group("b2") else "money.range_name"
        if unit is None or low is None:
            continue
        if not match.group("c1") and not match.group("b2") and not match.group("a2"):
            high = None
        yield Mention(
            kind="money",
            start=match.start(),
            end=match.end(),
            text=match.group(),
            rule=rule,
            value=low,
            value_max=high,
            unit=unit,
            qualifier=qualifier_of(match, grammar),
        )
    del context
