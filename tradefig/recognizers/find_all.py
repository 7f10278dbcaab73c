"""Run every recogniser over a sentence and settle competing spans."""

from __future__ import annotations

import bisect
import functools
import itertools
from collections.abc import Callable, Iterator
from dataclasses import replace

import regex

from tradefig import compiled
from tradefig.recognizers import amount, cues, factor, money, party, percent, period, quantity
from tradefig.recognizers.common import Context, amount_value, split_amount
from tradefig.recognizers.grammar import FLAGS, build_grammar
from tradefig.recognizers.overlaps import DisjointSpans, resolve
from tradefig.recognizers.triggers import Triggers, triggers
from tradefig.types import Mention

Finder = Callable[[str, Context], Iterator[Mention]]
FINDERS: tuple[Finder, ...] = (
    money.find, percent.find, factor.find, quantity.find, period.find, party.find, cues.find, amount.find
)  # fmt: skip


def find_all(text: str, offset: int, context: Context) -> list[Mention]:
    """All mentions in ``text`` (a sentence starting at ``offset`` in the clean document)."""
    found = [m for finder in _finders(triggers(text)) for m in finder(text, context)]
    mentions = resolve(found)
    mentions = resolve([*mentions, *_distributed(text, mentions)])
    mentions = _bare_amounts_outside_figures(mentions)
    return [replace(m, start=m.start + offset, end=m.end + offset) for m in mentions]


def _finders(found: Triggers) -> list[Finder]:
    """``FINDERS``, in their order, less those that cannot match (see ``triggers``)."""
    finders: list[Finder] = []
    if found.number:
        finders.append(money.find)
    if found.percent:
        finders.append(percent.find_numbers)
    if found.fraction:
        finders.append(percent.find_fractions)
    if found.factor:
        finders.append(factor.find)
    if found.number:
        finders.append(quantity.find)
    if found.period:
        finders.append(functools.partial(period.find, skip=found.skip_periods or frozenset()))
    finders += [party.find, cues.find]
    if found.number:
        finders.append(amount.find)
    return finders


def _bare_amounts_outside_figures(mentions: list[Mention]) -> list[Mention]:
    """A bare amount survives only where no figure, period or party claims its characters."""
    claimed = sorted((m.start, m.end) for m in mentions if m.kind not in {"amount", "cue"})
    starts = [s for s, _ in claimed]
    reach = list(itertools.accumulate((e for _, e in claimed), max))  # furthest end among the first i

    def claimed_overlap(start: int, end: int) -> bool:  # any claimed (s, e): s < end and start < e
        index = bisect.bisect_left(starts, end)
        return index > 0 and reach[index - 1] > start

    return [m for m in mentions if m.kind != "amount" or not claimed_overlap(m.start, m.end)]


@functools.cache
def _leading_amount() -> regex.Pattern[str]:
    g = build_grammar()
    return compiled.compile(
        rf"(?:(?P<qual>{g.qualifier})\s+)?(?P<a>{g.amount})\s*(?:,|and|or)\s*(?:(?:by|to|of)\s+)?$",
        FLAGS,
    )


def _distributed(text: str, mentions: list[Mention]) -> Iterator[Mention]:
    """'51 and 45 percent', '2.09 billion and 1.722 billion dlrs': the unit serves both."""
    grammar = build_grammar()
    taken = DisjointSpans()  # resolved figures do not overlap one another
    for m in mentions:
        if m.kind in {"money", "percent", "quantity"}:
            taken.add(m.start, m.end)
    for mention in mentions:
        if mention.kind not in {"money", "percent", "quantity"} or mention.value_max is not None:
            continue
        head = text[max(0, mention.start - 60) : mention.start]
        match = _leading_amount().search(head)
        if match is None:
            continue
        start = mention.start - len(head) + match.start("a")
        end = mention.start - len(head) + match.end("a")
        if taken.overlaps(start, end) or not regex.search(r"\d", match.group("a")):
            continue
        number, scale = split_amount(match.group("a"), grammar)
        value = amount_value(number, scale, grammar)
        if value is None:
            continue
        if not scale and mention.kind == "money" and mention.value and value < 1000 <= mention.value:
            continue  # '2 and $5 billion' is ambiguous; leave it
        yield Mention(
            kind=mention.kind,
            start=start,
            end=end,
            text=text[start:end],
            rule=f"{mention.kind}.distributed",
            value=value,
            unit=mention.unit,
        )
