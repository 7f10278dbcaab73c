"""Cheap tests that tell which recognisers can match a sentence at all, so the expensive
patterns run only where they may find something.

Every test is a necessary condition, never a guess: each figure pattern contains a number
(a digit, or a number word from ``numbers.yaml``), each percentage also its unit, each factor
one of the factor words ('fold', 'times', 'twice', 'doubled'), each period a digit or one of
the period words. A sentence of a report is full of numbers (years, page numbers, tonnes) and
seldom of factors, so the unit and the factor words spare most numbered sentences two of the
costliest patterns. A trigger scan is one short pattern;
on a sentence of plain ASCII it runs in the standard library's ``re`` on the lower-cased
text (where case folding is plain ASCII and both engines agree), elsewhere in ``regex``
with the recognisers' own flags, so Unicode case folding is the same as theirs.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import regex

from tradefig import compiled
from tradefig.recognizers.grammar import FLAGS, build_grammar

# Words that every factor contains (factor.py: 'fold', 'times', _VERBS, _BARE).
_FACTOR_WORDS = (
    "fold", "times", "twice", "thrice", "doubl", "tripl", "trebl", "quadrupl", "quintupl", "sextupl", "halv"
)  # fmt: skip
# What every percentage's unit contains (percent.py: '%', 'per cent', 'percentage', 'pct',
# 'pc', 'pp', 'p.p.', 'percentage points').
_PERCENT_WORDS = ("%", "per", "pc", "pp", "p.p")
# Period rules without a digit need one of these (period.py): '… year', 'same period', 'yoy',
# 'y-o-y', 'y/y', 'on an annual basis', 'months', 'quarter(s)', 'half'; months are added below.
_PERIOD_WORDS = ("year", "period", "yoy", "y-o-y", "y/y", "annual", "month", "quarter", "half")


@dataclass(frozen=True, slots=True)
class Triggers:
    number: bool  # money, quantity, amount: a digit or a number word
    percent: bool  # a number and a percentage's unit
    factor: bool  # a factor word
    fraction: bool  # a fraction word ('a third', 'half')
    period: bool  # a digit, a month or a period word
    skip_periods: frozenset[str] | None = None  # period rules that cannot match here


def _period_rules(lower: str, months: re.Pattern[str], relative: tuple[str, ...]) -> frozenset[str]:
    """Which of period.py's rules can match (each needs the digit, year or words named here)."""
    digit = _DIGIT.search(lower) is not None
    year = digit and _YEAR.search(lower) is not None  # what grammar.year needs, and more
    month = months.search(lower) is not None
    year_word = "year" in lower
    fiscal = "fiscal" in lower or "financial" in lower
    rules = {
        "period.fiscal_year": year and (fiscal or "fy" in lower),
        "period.fiscal_ended": year and month and fiscal,
        "period.month_year_range": year and month,
        "period.months_to": year and month and ("month" in lower or year_word),
        "period.same_period": "period" in lower,
        "period.yoy": year_word or "yoy" in lower or "y-o-y" in lower or "y/y" in lower or "annual" in lower,
        "period.month_range": month,
        "period.count_months": "month" in lower or "quarter" in lower,
        "period.quarter": "quarter" in lower or (digit and _QUARTER.search(lower) is not None),
        "period.half": "half" in lower or (digit and _HALF.search(lower) is not None),
        "period.day_month": digit and month,
        "period.month_year": year and month,
        "period.month_alone": month,
        "period.month_relative": "month" in lower,
        "period.year_range": year,
        "period.base_year": year,
        "period.horizon": year,
        "period.in_years": year_word,
        "period.end_of_year": year_word,
        "period.relative": year or year_word or any(word in lower for word in relative),
        "period.under_review": any(word in lower for word in _PERIOD_WORDS),  # each phrase has one
    }
    return frozenset(rule for rule, possible in rules.items() if not possible)


_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_QUARTER = re.compile(r"q[1-4]|[1-4]q")  # 'Q1', '1Q' (the pattern's Q is upper case)
_HALF = re.compile(r"h[12]|[12]h")  # 'H1', '1H'


@dataclass(frozen=True)
class _Scans:
    fast: tuple[re.Pattern[str], ...] | None  # None when a vocabulary word is not ASCII
    full: tuple[regex.Pattern[str], ...]
    months: re.Pattern[str]  # a month name as period.py writes it (fast path)
    relative: tuple[str, ...]  # relative-year words without 'year' in them


def _last_words(phrases: list[str]) -> list[str]:
    """The last word of each phrase: a phrase is found only where its last word is."""
    return sorted({regex.split(r"[\s-]+", p.strip())[-1].lower() for p in phrases if p.strip()})


def _alternation(words: list[str] | tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@functools.cache
def _scans() -> _Scans:
    fast = _sources(_reaches_plain_text)
    full = _sources(lambda _word: True)
    fast_words_ascii = all(w.isascii() for w in fast.words)
    return _Scans(
        fast=tuple(re.compile(s) for s in fast.patterns) if fast_words_ascii else None,
        full=tuple(compiled.compile(s, FLAGS) for s in full.patterns),
        months=re.compile(fast.months),
        relative=fast.relative,
    )


@dataclass(frozen=True)
class _Sources:
    patterns: tuple[str, ...]  # number, factor anchor, fraction, period, percent, factor
    months: str
    relative: tuple[str, ...]
    words: tuple[str, ...]


def _sources(keep: Callable[[str], bool]) -> _Sources:
    """The scans' patterns over the vocabulary words that ``keep`` keeps."""
    lexicon = build_grammar().lexicon

    def kept(words: Iterable[str]) -> list[str]:
        return [w for w in words if keep(w)]

    # number words (grammar.word_number): every one holds a token at a word start
    tokens = kept(_last_words([*lexicon.units, "hundred", "thousand", "million", "billion", "trillion", "half"]))
    number = rf"\d|(?<!\w)(?:{_alternation(tokens)})"
    factor = _alternation(_FACTOR_WORDS)
    factor_anchor = rf"{number}|{factor}"  # where a factor's match can begin
    percent = _alternation(_PERCENT_WORDS)
    fractions = kept(_last_words(list(lexicon.fractions)))
    relative = kept(w for phrase in lexicon.relative_years for w in _last_words([phrase]) if "year" not in phrase)
    month_names = kept(lexicon.months)
    months = rf"(?:{_alternation(month_names)})\.?(?!\w)"
    period = rf"\d|{_alternation([*_PERIOD_WORDS, *relative])}|{months}"
    words = (*tokens, *_FACTOR_WORDS, *_PERCENT_WORDS, *fractions, *_PERIOD_WORDS, *relative, *month_names)
    return _Sources(
        (number, factor_anchor, _alternation(fractions), period, percent, factor), months, tuple(relative), words
    )


def _reaches_plain_text(word: str) -> bool:
    """Whether ``word`` can match, case-insensitively, text of ASCII and the safe characters
    (see ``_unsafe``): the only text the ``re`` scans are used on. A word with a letter that
    folds to no ASCII letter ('марта') cannot, and leaving it out of those scans keeps them
    exact; words of other scripts in the vocabulary would otherwise send every sentence to the
    slower scans, and to every period pattern (months in Russian did, for a while)."""
    return all(ch.isascii() or ch.casefold().isascii() or not ch.isalpha() for ch in word)


@functools.cache
def _unsafe() -> re.Pattern[str]:
    """Characters on which ``re`` and ``regex`` might disagree for the trigger scans: anything
    outside ASCII except punctuation, symbols and spaces ('’', '“', '€', '—'), which are never
    word characters, digits or letters in either engine and fold to nothing else."""
    import unicodedata

    ranges = compiled.cached("safe-characters", [unicodedata.unidata_version], _safe_ranges)
    return re.compile("[^\\x00-\\x7f" + ranges + "]")


def _safe_ranges() -> str:
    import unicodedata

    def safe(char: str) -> bool:
        category = unicodedata.category(char)
        return category[0] in "PSZ" and category != "Pc" and char.casefold() == char == char.lower()

    codes = [code for code in range(0x80, 0x10000) if safe(chr(code))]
    parts: list[str] = []
    start = previous = codes[0]
    for code in [*codes[1:], -1]:
        if code != previous + 1:
            parts.append(re.escape(chr(start)) + ("-" + re.escape(chr(previous)) if previous > start else ""))
            start = code
        previous = code
    return "".join(parts)


def _fast(scans: _Scans, text: str) -> tuple[re.Pattern[str], ...] | None:
    """The ``re`` scans, where on the lower-cased text they give the same answer (see ``_unsafe``)."""
    if scans.fast is not None and (text.isascii() or _unsafe().search(text) is None):
        return scans.fast
    return None


def triggers(text: str) -> Triggers:
    scans = _scans()
    fast = _fast(scans, text)
    if fast is not None:
        lower = text.lower()
        number, _, fraction, period, percent, factor = (p.search(lower) is not None for p in fast)
        skip = _period_rules(lower, scans.months, scans.relative) if period else None
        return Triggers(number, number and percent, factor, fraction, period, skip)
    number, _, fraction, period, percent, factor = (p.search(text) is not None for p in scans.full)
    return Triggers(number, number and percent, factor, fraction, period)


def number_anchors(text: str) -> list[int]:
    """Where a number can begin: every digit, every number word at a word start (a number
    written in words starts at a word, with one of these words or a lead word before one:
    'a quarter million')."""
    return _anchors(text, 0)


def factor_anchors(text: str) -> list[int]:
    """``number_anchors`` and every factor word ('fold', 'twice', 'doubl…')."""
    return _anchors(text, 1)


def _anchors(text: str, index: int) -> list[int]:
    scans = _scans()
    fast = _fast(scans, text)
    if fast is not None:
        return [m.start() for m in fast[index].finditer(text.lower())]
    return [m.start() for m in scans.full[index].finditer(text)]
