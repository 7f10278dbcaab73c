"""Search a figure pattern only near the numbers in a sentence.

The figure patterns (money, percent, factor, quantity, bare amounts) are large, and ``regex``
spends a few microseconds trying one at every position of a sentence, though almost every
position is nowhere near a number. Every match of these patterns contains an *anchor* (a
digit, a number word, a factor word: what ``triggers`` looks for) no more than ``reach``
characters after the match's start: what comes before the number is a bounded run of
vocabulary ('more than', 'between', 'US$', 'a quarter'). So a match that starts at or after
``pos`` starts no earlier than ``reach`` characters before the first anchor at or after
``pos``, and the positions in between need no trying.

``search`` gives exactly ``pattern.search(text, pos)``: from the first possible start it
matches a probe, ``[\\s\\S]{0,reach}?\\K(?:pattern)``, which tries the pattern at each position
within ``reach`` in order (as ``search`` does) and keeps (``\\K``) only the pattern's part of
the match, so the match it returns is the pattern's own: same span, same groups. The bound on
what precedes an anchor holds for text whose whitespace is single spaces, as the cleaning
leaves it; any other sentence is searched the plain way.

The plain pattern is compiled only when such a sentence comes: rebuilding the money pattern
from the cache costs 7 ms, a tenth of a short article's start.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import regex

from tradefig import compiled

# any whitespace but a single space: there the bound on a prefix's length would not hold
_IRREGULAR_SPACE = re.compile(r"[^\S ]|  ")

Anchors = Callable[[str], list[int]]


@functools.lru_cache(maxsize=4)
def _anchors(text: str, find: Anchors) -> tuple[int, ...] | None:
    """Sorted anchor positions, or None where the plain search must be used. Kept for the last
    few sentences: money, percent, quantity and amounts all ask for the same sentence's numbers,
    and money asks again for every figure it finds."""
    return None if _IRREGULAR_SPACE.search(text) else tuple(find(text))


@dataclass
class Windowed:
    """A pattern (its text and flags), searched only within ``reach`` characters before an anchor."""

    source: str
    flags: int
    reach: int
    anchors: Anchors
    _probe: regex.Pattern[str] | None = field(default=None, init=False, repr=False)
    _plain: regex.Pattern[str] | None = field(default=None, init=False, repr=False)

    @property
    def pattern(self) -> regex.Pattern[str]:
        if self._plain is None:
            self._plain = compiled.compile(self.source, self.flags)
        return self._plain

    def probe(self) -> regex.Pattern[str]:
        if self._probe is None:
            self._probe = compiled.compile(rf"[\s\S]{{0,{self.reach}}}?\K(?:{self.source})", self.flags)
        return self._probe

    def search(self, text: str, pos: int = 0) -> regex.Match[str] | None:
        """``self.pattern.search(text, pos)``."""
        anchors = _anchors(text, self.anchors)
        if anchors is None:
            return self.pattern.search(text, pos)
        probe = self.probe()
        while True:
            index = bisect.bisect_left(anchors, pos)
            if index == len(anchors):
                return None
            start = max(pos, anchors[index] - self.reach)
            found = probe.match(text, start)
            if found is not None:
                return found
            pos = start + self.reach + 1  # nothing starts in [start, start + reach]

    def finditer(
        self, text: str, again: Callable[[regex.Match[str]], int | None] | None = None
    ) -> Iterator[regex.Match[str]]:
        """``self.pattern.finditer(text)`` for patterns that never match the empty string; where
        ``again`` gives a position for a match, the match is dropped and the search goes on from
        there ('2022 – 15%' is no range: search again at '15%')."""
        pos = 0
        while (match := self.search(text, pos)) is not None:
            restart = again(match) if again is not None else None
            if restart is not None and restart > match.start():
                pos = restart
                continue
            yield match
            pos = match.end() if match.end() > match.start() else match.end() + 1


def figure_reach() -> int:
    """How far before its first anchor a figure can start: a qualifier ('more than'), a
    currency written before the number ('US$', 'MEUR', 'Rs.'), and at most 40 characters of
    fixed words and single spaces ('between ', 'minus ', 'a quarter ', a sign, 'percentage of')."""
    from tradefig.recognizers.grammar import build_grammar

    lexicon = build_grammar().lexicon
    qualifier = max(map(len, build_grammar().qualifier_lookup), default=0)
    codes = max(map(len, lexicon.iso_currencies), default=0)
    currency = max(
        [
            *map(len, lexicon.currency_symbols),
            *map(len, lexicon.currency_before_number),
            codes + 1,  # 'AUD$'
            max(map(len, lexicon.code_scales), default=0) + codes,  # 'MEUR'
        ]
    )
    return qualifier + currency + 40
