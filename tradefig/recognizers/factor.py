"""Factors of change: '14.5-fold', 'fivefold', '2.5 times', 'twice', 'doubled', 'trebles',
'quintupled', 'halved', 'more than twice'."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from decimal import Decimal

import regex

from tradefig.recognizers.common import Context, no_range, qualifier_of, range_values
from tradefig.recognizers.grammar import FIGURE_START, FLAGS, build_grammar
from tradefig.recognizers.triggers import factor_anchors
from tradefig.recognizers.windows import Windowed, figure_reach
from tradefig.types import Mention

_VERBS: dict[str, Decimal] = {
    r"doubl(?:ed|es|ing)": Decimal(2),
    r"(?:tripl|trebl)(?:ed|es|ing)": Decimal(3),
    r"quadrupl(?:ed|es|ing)": Decimal(4),
    r"quintupl(?:ed|es|ing)": Decimal(5),
    r"sextupl(?:ed|es|ing)": Decimal(6),
    r"halv(?:ed|es|ing)": Decimal("0.5"),
    r"twice": Decimal(2),
    r"thrice": Decimal(3),
}
# Bare verbs ('double') only after a word that makes them verbs: 'to double', 'will triple'.
_BARE: dict[str, Decimal] = {
    "double": Decimal(2), "triple": Decimal(3), "treble": Decimal(3),
    "quadruple": Decimal(4), "quintuple": Decimal(5), "halve": Decimal("0.5"),
}  # fmt: skip
_MODAL = r"(?:to|will|would|could|can|should|must|and|or|may|might|expected\s+to|plans?\s+to)"
_FOLD_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "twenty": 20, "hundred": 100,
}  # fmt: skip


@functools.cache
def _source() -> str:
    g = build_grammar()
    verbs = "|".join(f"(?P<v{i}>{p})" for i, p in enumerate(_VERBS))
    bare = "|".join(_BARE)
    fold_words = "|".join(_FOLD_WORDS)
    # a range's second number calls the first one's group as a subroutine (see percent)
    return (
        rf"{FIGURE_START}(?:(?P<qual>{g.qualifier})\s+)?(?:"
        rf"(?P<n1>{g.number})(?:\s?(?:-|to)\s?(?P<n2>(?&n1)))?\s?-?\s?fold(?!\w)"
        rf"|(?<![\w-])(?P<fw>{fold_words})fold(?!\w)"
        rf"|(?P<t1>{g.number})(?:\s?(?:-|to)\s?(?P<t2>(?&t1)))?\s+times(?!\w)(?!\s+(?:a|per|each)\s)"
        rf"|(?<![\w-])(?:{verbs})(?!\w)"
        # the lookahead first: the backward search runs only where a bare verb starts, never
        # at every position of a long run of whitespace (quadratic time)
        rf"|(?=(?:{bare}))(?<=\b{_MODAL}\s+(?:(?:at\s+least|more\s+than|almost|nearly|even|further|roughly)\s+)?)(?P<bare>{bare})(?!\w)"
        rf")"
    )


@functools.cache
def _windowed() -> Windowed:
    return Windowed(_source(), FLAGS, figure_reach(), factor_anchors)


def find(text: str, context: Context) -> Iterator[Mention]:
    grammar = build_grammar()
    verb_values = list(_VERBS.values())

    def again(match: regex.Match[str]) -> int | None:
        return no_range(match, "n1", "n2", grammar) or no_range(match, "t1", "t2", grammar)

    for match in _windowed().finditer(text, again):
        high = None
        if match.group("n1"):
            value, high = range_values(match.group("n1"), match.group("n2"), grammar)
            rule = "factor.fold"
        elif match.group("fw"):
            value, rule = Decimal(_FOLD_WORDS[match.group("fw").lower()]), "factor.fold_word"
        elif match.group("t1"):
            value, high = range_values(match.group("t1"), match.group("t2"), grammar)
            rule = "factor.times"
        elif match.group("bare"):
            value, rule = _BARE[match.group("bare").lower()], "factor.bare_verb"
        else:
            index = next(i for i in range(len(verb_values)) if match.group(f"v{i}"))
            value, rule = verb_values[index], "factor.verb"
        if value is None or value <= 0:
            continue
        yield Mention(
            kind="factor",
            start=match.start(),
            end=match.end(),
            text=match.group(),
            rule=rule,
            value=value,
            value_max=high,
            unit="x",
            qualifier=qualifier_of(match, grammar),
        )
    del context
