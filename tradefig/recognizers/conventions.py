"""Number conventions that only the whole document reveals.

A page that writes "$152,1 million", "19,5%" or "$1192,559 million" uses the decimal comma; on such a page
"$1,858 billion" is 1.858 billion, not 1.858 trillion. A single sentence cannot tell: the
thousands separator reading stays everywhere else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

import regex

from tradefig.types import Mention

_FIGURES = frozenset({"money", "percent", "amount", "quantity"})
# a comma followed by one or two digits and no more, or after four digits or more ('1192,559
# million'): only a decimal comma writes that
_DECIMAL_COMMA = regex.compile(r"(?<![\d,.])(?:\d{1,3},\d{1,2}|\d{4,},\d{3})(?![\d,.])")
# one comma group before a scale word and no decimal point: the ambiguous case
_AMBIGUOUS = regex.compile(
    r"(?<![\d,.])\d{1,3},\d{3}(?![\d,.])\s*-?\s*(?:trillion|billion|million|bn|mn|mln|bln|trln|tn)\b",
    regex.IGNORECASE,
)


def decimal_commas(sentences: Sequence[Sequence[Mention]]) -> list[list[Mention]]:
    """Re-read 'd,ddd billion' as d.ddd billion on a page that uses the decimal comma."""
    figures = [m for mentions in sentences for m in mentions if m.kind in _FIGURES]
    if not any(_DECIMAL_COMMA.search(m.text) for m in figures):
        return [list(mentions) for mentions in sentences]
    result: list[list[Mention]] = []
    for mentions in sentences:
        kept: list[Mention] = []
        for mention in mentions:
            if mention.kind in _FIGURES and mention.value is not None and _AMBIGUOUS.search(mention.text):
                mention = replace(
                    mention,
                    value=mention.value / Decimal(1000),
                    value_max=mention.value_max / Decimal(1000) if mention.value_max is not None else None,
                    tags=mention.tags | {"decimal_comma"},
                )
            kept.append(mention)
        result.append(kept)
    return result
