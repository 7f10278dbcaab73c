"""Competing spans: one figure per stretch of text, and no period or party inside a figure."""

from __future__ import annotations

import functools
from collections.abc import Iterable

import regex

from tradefig import compiled
from tradefig.recognizers.grammar import build_grammar
from tradefig.types import Mention

_FIGURE_PRIORITY = {"money": 0, "quantity": 1, "percent": 2, "factor": 3}


@functools.cache
def _year() -> regex.Pattern[str]:
    return compiled.compile(build_grammar().year)


def resolve(mentions: Iterable[Mention]) -> list[Mention]:
    """Keep the longest figure where figures overlap (money first on ties); drop periods and
    parties that sit inside a kept figure ('2023' in '$2023 million', 'U.S.' in 'U.S. dollars'),
    and figures that only borrowed a unit ('.distributed') where a period stands."""
    items = list(mentions)
    # a unit handed back to a bare number ('51 and 45 percent') never makes a year a figure:
    # 'fell 19 % from 1987 , to hk $ 10.05 billion'
    items = [m for m in items if not (m.rule.endswith(".distributed") and _year().fullmatch(m.text))]
    figures = sorted(
        (m for m in items if m.kind in _FIGURE_PRIORITY),
        key=lambda m: (-(m.end - m.start), _FIGURE_PRIORITY[m.kind], m.start),
    )
    kept: list[Mention] = []
    for mention in figures:
        if all(mention.end <= k.start or k.end <= mention.start for k in kept):
            kept.append(mention)
    result = list(kept)
    for mention in items:
        if mention.kind in _FIGURE_PRIORITY:
            continue
        inside = any(k.start <= mention.start and mention.end <= k.end for k in kept)
        crossing = any(mention.start < k.end and k.start < mention.end for k in kept)
        if mention.kind in {"period", "party"} and (inside or crossing):
            continue
        result.append(mention)
    result.sort(key=lambda m: (m.start, -(m.end - m.start), m.kind))
    return result
