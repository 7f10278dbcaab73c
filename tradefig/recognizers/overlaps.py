"""Competing spans: one figure per stretch of text, and no period or party inside a figure."""

from __future__ import annotations

import functools
from bisect import bisect_left
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
    spans = DisjointSpans()
    for mention in figures:
        if not spans.overlaps(mention.start, mention.end):
            kept.append(mention)
            spans.add(mention.start, mention.end)
    result = list(kept)
    for mention in items:
        if mention.kind in _FIGURE_PRIORITY:
            continue
        if mention.kind in {"period", "party"}:
            if mention.end > mention.start:
                covered = spans.overlaps(mention.start, mention.end)  # inside implies crossing
            else:
                inside = any(k.start <= mention.start and mention.end <= k.end for k in kept)
                covered = inside or any(mention.start < k.end and k.start < mention.end for k in kept)
            if covered:
                continue
        result.append(mention)
    result.sort(key=lambda m: (m.start, -(m.end - m.start), m.kind))
    return result


class DisjointSpans:
    """Spans that do not overlap one another, sorted by start: does ``[start, end)`` overlap
    one of them, in O(log n) instead of a scan of all (a sentence can hold thousands).

    'Overlap' is ``start < e and s < end``. Among disjoint non-empty spans, only the one with
    the largest ``s < end`` can overlap, which is what ``overlaps`` checks; an empty span
    stored would break that, so storing one switches to the plain scan.
    """

    __slots__ = ("_ends", "_plain", "_spans", "_starts")

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._spans: list[tuple[int, int]] = []
        self._plain = False

    def overlaps(self, start: int, end: int) -> bool:
        if self._plain:
            return any(start < e and s < end for s, e in self._spans)
        index = bisect_left(self._starts, end)
        return index > 0 and self._ends[index - 1] > start

    def add(self, start: int, end: int) -> None:
        """Store a span that overlaps none stored (the caller checked)."""
        self._spans.append((start, end))
        if end <= start:
            self._plain = True
        if not self._plain:
            index = bisect_left(self._starts, start)
            self._starts.insert(index, start)
            self._ends.insert(index, end)
