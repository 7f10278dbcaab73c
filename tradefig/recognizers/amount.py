"""Bare amounts: 'came to a billion last year', 'the 1986 and 1985 deficits at 2.09 billion',
'of which 141.7 billion was imported from China'.

Writers drop the currency once it is clear from the text, so an amount with a scale word of a
million or more and no currency is found here as kind ``amount``; ``infer_currencies`` then
gives it the currency of the latest money figure before it in the document, or drops it. An
amount followed by a noun ('120 million eggs', '1.4 billion people') is a count, never money.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import replace
from decimal import Decimal

from tradefig import compiled
from tradefig.recognizers.common import Context, amount_value, overlaps_any, qualifier_of, split_amount, url_spans
from tradefig.recognizers.grammar import FIGURE_START, FLAGS, build_grammar
from tradefig.recognizers.triggers import number_anchors
from tradefig.recognizers.windows import Windowed, figure_reach
from tradefig.types import Mention

# Words that may follow a bare sum of money; any other word makes it a count of that word.
_FOLLOWERS = (
    "was|were|is|are|will|would|in|last|this|that|for|and|or|to|from|with|by|at|on|during|compared|"
    "against|versus|vs|a\\s+year|per\\s+year|annually|respectively|worth|mark|level|since|over|between|"
    "while|which|according|as|than|up|down|before|after|earlier|ago|year|month|months|years"
)
_BIG = compiled.compile(r"(?:million|billion|trillion|milliard|crore|lakh|mln|bln|trln|tln|mn|bn|tn)s?\b", FLAGS)


@functools.cache
def _source() -> str:
    g = build_grammar()
    return (
        rf"{FIGURE_START}(?:(?P<qual>{g.qualifier})\s+)?(?P<a>{g.amount})"
        rf"(?=\s*(?:$|[.,;:!?)\]]|\s[–—-]|(?:{_FOLLOWERS})\b))"
    )


@functools.cache
def _windowed() -> Windowed:
    return Windowed(_source(), FLAGS, figure_reach(), number_anchors)


def find(text: str, context: Context) -> Iterator[Mention]:
    del context
    grammar = build_grammar()
    urls = url_spans(text)
    for match in _windowed().finditer(text):
        amount = match.group("a")
        if not _BIG.search(amount) or overlaps_any(match.start(), match.end(), urls):
            continue
        number, scale = split_amount(amount, grammar)
        value = amount_value(number, scale, grammar)
        if value is None or value < Decimal(1_000_000):
            continue
        yield Mention(
            kind="amount",
            start=match.start(),
            end=match.end(),
            text=match.group(),
            rule="amount.bare",
            value=value,
            qualifier=qualifier_of(match, grammar),
        )


def infer_currencies(sentences: Sequence[Sequence[Mention]]) -> list[list[Mention]]:
    """Give each bare amount the currency of the latest money figure before it (in reading
    order), or drop it when the text has named no currency yet."""
    currency: str | None = None
    result: list[list[Mention]] = []
    for mentions in sentences:
        kept: list[Mention] = []
        for mention in mentions:
            if mention.kind == "money" and mention.unit:
                currency = mention.unit
            if mention.kind != "amount":
                kept.append(mention)
            elif currency is not None:
                tags = mention.tags | {"currency_inferred"}
                kept.append(replace(mention, kind="money", unit=currency, rule="money.bare_amount", tags=tags))
        result.append(kept)
    return result
