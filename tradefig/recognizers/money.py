"""Money: '$38 mln', 'US$5bn', '13.7 billion dollars', 'RUB1.2 billion', 'Rs 9.56 lakh crore',
'one and a half billion dollars', '$14-16 billion', 'between $1 and $1.5 billion', 'c $ 16.4 million',
'AUD$ 15', '30 MUSD', '75 USD million', 'usd 20', '-15€', '3 dollars 50 cents', '15 USD 50'."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from decimal import Decimal

import regex

from tradefig import compiled
from tradefig.recognizers.common import (
    Context,
    no_range,
    overlaps_any,
    qualifier_of,
    range_values,
    split_amount,
    url_spans,
)
from tradefig.recognizers.grammar import FIGURE_START, FLAGS, Grammar, build_grammar, parse_number, phrases
from tradefig.recognizers.triggers import number_anchors
from tradefig.recognizers.windows import Windowed, figure_reach
from tradefig.types import Mention, Qualifier

_MINUS = "-−"  # hyphen-minus and U+2212


@functools.cache
def _source() -> str:
    g = build_grammar()
    amt = g.amount
    dash = r"\s?(?:-|to|–)\s?"
    # '75 USD million': a scale word after the currency when the amount has none
    late_scale = rf"(?:\s+(?P<late>{g.scale_word}))?"
    prefixed = (
        rf"(?P<pre>{g.currency_prefix})\s?(?P<minus>[{_MINUS}](?=\d))?(?P<a1>{amt})"
        rf"(?:(?P<adash>{dash})(?P<pre2>{g.currency_prefix})?\s?(?P<a2>{amt}))?"
        rf"(?:\s?(?P<presuf>(?&post))(?!\s?\d))?"
    )
    suffixed = (
        rf"(?P<b1>{amt})(?:(?P<bdash>{dash})(?P<b2>{amt}))?(?:-|\s?)(?P<post>{g.currency_suffix})"
        # a sign before a number belongs to it: '2022 - $3 million' has no '2022 $'
        rf"(?:(?<=[\w.\]])|(?!\s?\d)){late_scale}"
    )
    # the between form, and a name after a symbol's amount ('US$5 billion dollars'), call the
    # other forms' groups as subroutines instead of repeating them: they are tried only after
    # 'between' or a whole amount, and the pattern is less than half as long, which halves
    # the 7 ms its compilation costs every start
    between = (
        r"between\s+(?P<bpre>(?&pre))?\s?(?P<c1>(?&a1))(?:\s?(?P<bmid>(?&post)))?\s+and\s+"
        r"(?P<bpre2>(?&pre))?\s?(?P<c2>(?&a1))(?:\s?(?P<bpost>(?&post)))?"
    )
    return rf"{FIGURE_START}(?:(?P<qual>{g.qualifier})\s+)?(?:{between}|{prefixed}|{suffixed})"


@functools.cache
def _windowed() -> Windowed:
    return Windowed(_source(), FLAGS, figure_reach(), number_anchors)


@functools.cache
def _minor_pattern() -> regex.Pattern[str]:
    """Minor units after a whole amount: ' 50 cents', ' and forty-five cents', ' and 43c', ' 25'."""
    g = build_grammar()
    small = rf"(?:\d{{1,2}}(?![\d.,]\d)|{g.word_number})"
    subunit = phrases(g.lexicon.currency_subunits)
    # a bare number is a minor amount only where nothing follows it ('15 USD 50 more',
    # '15 dollars and 15.'), never a footnote, a count or the start of another figure
    bare_end = r"(?=\s*(?:$|[.,;:!?)\]](?!\d))|\s+(?:and|or|more|less)\b)"
    return compiled.compile(
        rf"(?P<and>\s*,?\s*and\s+|\s+|\s?)(?P<n>{small})(?:\s?(?P<sub>{subunit})(?![\w])|{bare_end})", FLAGS
    )


def currency_code(text: str | None, grammar: Grammar) -> tuple[str | None, Decimal]:
    """The ISO code a written currency stands for, and the multiplier it carries ('MEUR' = 1e6)."""
    if not text:
        return None, Decimal(1)
    raw = text.strip().strip("[]").strip()
    lexicon = grammar.lexicon
    if raw in lexicon.currency_symbols:
        return lexicon.currency_symbols[raw], Decimal(1)
    if raw in lexicon.iso_currencies:
        return raw, Decimal(1)
    if raw.endswith("$") and raw[:-1].upper() in lexicon.iso_currencies:
        return raw[:-1].upper(), Decimal(1)
    for prefix, multiplier in sorted(lexicon.code_scales.items(), key=lambda kv: -len(kv[0])):
        if raw.startswith(prefix) and raw[len(prefix) :] in lexicon.iso_currencies:
            return raw[len(prefix) :], multiplier
    return lexicon.currency_names.get(regex.sub(r"\s+", " ", raw.lower())), Decimal(1)


def _resolve(match: regex.Match[str], grammar: Grammar) -> tuple[str | None, Decimal | None, Decimal | None, str]:
    """Unit, value, upper value and rule name of one match."""
    if match.group("c1"):
        written = match.group("bpre") or match.group("bpre2") or match.group("bmid") or match.group("bpost")
        unit, times = currency_code(written, grammar)
        low, high = range_values(match.group("c1"), match.group("c2"), grammar)
        rule = "money.between"
    elif match.group("a1"):
        unit, times = currency_code(match.group("pre"), grammar)
        suffix_unit, _ = currency_code(match.group("presuf"), grammar)
        if suffix_unit and unit in {None, "USD"}:
            unit = suffix_unit
        low, high = range_values(match.group("a1"), match.group("a2"), grammar)
        rule = "money.symbol_amount" if not match.group("a2") else "money.symbol_range"
        if not match.group("a2"):
            high = None
    else:
        unit, times = currency_code(match.group("post"), grammar)
        low, high = range_values(match.group("b1"), match.group("b2"), grammar)
        rule = "money.amount_name" if not match.group("b2") else "money.range_name"
        if not match.group("b2"):
            high = None
        if match.group("late") and low is not None:
            late = grammar.lexicon.scales.get(regex.sub(r"\s+", " ", match.group("late").lower()), Decimal(1))
            low, high = low * late, high * late if high is not None else None
    low = low * times if low is not None else None
    high = high * times if high is not None else None
    return unit, low, high, rule


def _minor_amount(text: str, match: regex.Match[str], value: Decimal, grammar: Grammar) -> tuple[int, Decimal] | None:
    """'3 dollars 50 cents' → (end of '50 cents', 3.50): a whole amount, no scale, no range."""
    if value != value.to_integral_value() or match.group("a2") or match.group("b2") or match.group("c1"):
        return None
    number, scale = split_amount(match.group("a1") or match.group("b1") or "", grammar)
    if scale or match.group("late") or "." in number or regex.search(r",\d{1,2}$", number):
        return None  # a scale word or decimals: '$40 million 59' keeps its footnote marker out
    minor = _minor_pattern().match(text, match.end())
    if minor is None:
        return None
    if not minor.group("sub") and not minor.group("and").strip() and not match.group("post"):
        return None  # '$20 43' may be a footnote marker; '20 dollars 43' and '$20 and 43' are not
    count = parse_number(minor.group("n"), grammar.lexicon)
    if count is None or count >= 100:
        return None
    ratio = grammar.lexicon.currency_subunits.get(regex.sub(r"\s+", " ", (minor.group("sub") or "cent").lower()))
    return minor.end(), value + count * (ratio or Decimal("0.01"))


@functools.cache
def _parts_pattern() -> regex.Pattern[str]:
    g = build_grammar()
    part = r"\d+(?:[.,]\d+)?"
    return compiled.compile(rf"\s?\(\s*{part}(?:\s*[+]\s*{part})+\s*\)\s?(?P<scale>{g.scale_word})", FLAGS)


def _scaled_parts(text: str, match: regex.Match[str], grammar: Grammar) -> tuple[int, Decimal] | None:
    """'USD 191 (141+50) million': the sum's parts in parentheses stand between the amount and
    its scale word. The end of the whole, and the scale."""
    number, scale = split_amount(match.group("a1") or match.group("b1") or "", grammar)
    if scale or match.group("late") or not number:
        return None
    parts = _parts_pattern().match(text, match.end())
    if parts is None:
        return None
    factor = grammar.lexicon.scales.get(regex.sub(r"\s+", " ", parts.group("scale").lower()))
    return (parts.end(), factor) if factor else None


def _not_a_range(
    text: str, match: regex.Match[str], unit: str, low: Decimal, high: Decimal, grammar: Grammar
) -> list[Mention] | None:
    """'from $4.5 billion to $11.6 billion', 'from 1.4 to 1.95 billion dollars' and '$2.39 billion
    to $1.9 billion' are two levels (a change), not a range; '$950 million to 80 countries' is
    one amount and a count."""
    first, second = ("a1", "a2") if match.group("a2") else ("b1", "b2")
    dash = match.group("adash") or match.group("bdash") or ""
    qualifier = qualifier_of(match, grammar)
    _, first_scale = split_amount(match.group(first), grammar)
    _, second_scale = split_amount(match.group(second), grammar)
    if first == "a1" and first_scale and not second_scale and not match.group("pre2") and not match.group("presuf"):
        value, _ = range_values(match.group(first), None, grammar)
        end = match.end(first)
        return [_mention(text, match.start(), end, "money.symbol_amount", value, None, unit, qualifier)]
    from_to = regex.search(r"\bfrom\s+$", text[: match.start()], FLAGS) is not None
    if dash.strip().lower() == "to" and (from_to or low > high):  # '… of $2.39 billion to $1.9 billion'
        second_start = match.start("pre2") if match.group("pre2") else match.start(second)
        return [
            _mention(text, match.start(), match.end(first), "money.from_to", low, None, unit, qualifier),
            _mention(text, second_start, match.end(), "money.from_to", high, None, unit, "eq"),
        ]
    return None


def _mention(
    text: str,
    start: int,
    end: int,
    rule: str,
    value: Decimal | None,
    value_max: Decimal | None,
    unit: str,
    qualifier: Qualifier,
) -> Mention:
    return Mention(
        kind="money",
        start=start,
        end=end,
        text=text[start:end],
        rule=rule,
        value=value,
        value_max=value_max,
        unit=unit,
        qualifier=qualifier,
    )


def find(text: str, context: Context) -> Iterator[Mention]:
    grammar = build_grammar()
    urls = url_spans(text)
    pattern = _windowed()
    position = 0
    while (match := pattern.search(text, position)) is not None:
        start, end = match.span()
        position = end
        unit, low, high, rule = _resolve(match, grammar)
        if unit is None or low is None or overlaps_any(start, end, urls):
            continue
        restart = no_range(match, "b1", "b2", grammar, inverted=False)
        if restart is not None:  # '2022 – 5 million dollars': the year heads a list item
            position = restart
            continue
        if high is not None and not match.group("c1"):
            parts = _not_a_range(text, match, unit, low, high, grammar)
            if parts is not None:
                yield from parts
                position = parts[-1].end
                continue
        if match.group("minus") or (
            start > 0 and text[start - 1] in _MINUS and (start == 1 or text[start - 2] in " \t\n(")
        ):  # '$-99.99', '-15€' (a hyphen glued to the amount, not a dash between words)
            start = start if match.group("minus") else start - 1
            low = -low
        minor = _minor_amount(text, match, low, grammar) if high is None and low >= 0 else None
        if minor is not None:
            end, low = minor
            position = end
            rule = "money.with_minor_unit"
        scaled = _scaled_parts(text, match, grammar) if high is None and minor is None else None
        if scaled is not None:
            end, scale = scaled
            low, position, rule = low * scale, end, "money.scaled_parts"
        yield _mention(text, start, end, rule, low, high, unit, qualifier_of(match, grammar))
    del context
