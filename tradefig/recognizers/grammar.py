"""Small named regex pieces, composed into the recognisers' patterns once per lexicon.

Every piece is a plain string so it can be read, tested and reused; the compiled patterns
live on ``Grammar``, which ``build_grammar`` caches. Patterns are compiled with
IGNORECASE; pieces that must keep their case ("M" for million, "Rs", ISO codes) say
``(?-i:…)``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

import regex

from tradefig import compiled
from tradefig.lexicon import Lexicon, load_lexicon, word_pattern
from tradefig.trie import trie_pattern

FLAGS = regex.IGNORECASE | regex.VERSION1

# Where a figure may start: anywhere but at whitespace or at a letter inside a word. A
# qualifier or a currency word starts a word ('over' is not a qualifier in 'turnover $5
# billion'); a digit may follow letters where a currency is glued to it ('Rs5'). Put first in
# a figure pattern, it also turns away those positions in two steps, before the pattern's many
# branches are tried there: most of a sentence's positions, and most of what a search costs.
FIGURE_START = r"(?!\s|(?<=\w)[^\W\d_])"

# ISO codes that are also common upper-case words in headlines.
_AMBIGUOUS_ISO = frozenset({"ALL", "TOP", "CUP", "SOS", "PEN", "MAD", "BAM", "MOP", "GEL", "MRO"})


def phrases(words: Iterable[str], *, case: bool = False) -> str:
    """Literal phrases, longest first, any whitespace between words; a trie (see ``trie``).
    ``case``: the pattern runs without IGNORECASE, so case variants keep their own branches."""
    return trie_pattern(words, fold=not case)


def alternation(words: list[str] | set[str] | frozenset[str], *, case: bool = False) -> str:
    """Literal words, longest first; ``case`` keeps their case inside an IGNORECASE pattern."""
    body = trie_pattern(words, fold=not case, space=" ")
    return f"(?-i:{body})" if case else body


@dataclass(frozen=True)
class Grammar:
    lexicon: Lexicon
    digits: str
    word_number: str
    number: str
    scale: str
    scale_word: str
    amount: str
    qualifier: str
    currency_prefix: str
    currency_suffix: str
    year: str
    month: str
    qualifier_lookup: dict[str, str]


def _qualifier_piece(lexicon: Lexicon) -> tuple[str, dict[str, str]]:
    lookup: dict[str, str] = {}
    for qualifier, words in lexicon.qualifiers.items():
        for word in words:
            lookup[word.lower()] = qualifier
    return rf"(?<!\w)(?:{phrases(lookup)})", lookup


def _currency_pieces(lexicon: Lexicon) -> tuple[str, str]:
    """Currency before the amount ('$', 'US$', 'c $', 'AUD$', 'RUB', 'MEUR', 'usd') and after it
    ('dollars', '[dollars]', 'USD', 'MUSD', '€', 'US$', 'RM')."""
    iso = alternation([c for c in lexicon.iso_currencies if c not in _AMBIGUOUS_ISO], case=True)
    wordy = [s for s in lexicon.currency_symbols if s[0].isalpha()]  # 'US$', 'Rs', 'c $'
    marks = [s for s in lexicon.currency_symbols if not s[0].isalpha()]  # '$', '€', '元'
    # a symbol that starts with a letter does not end a word ('etc $5' is not 'c $5')
    symbol = rf"(?:(?<![A-Za-z.]){alternation(wordy, case=True)}|{alternation(marks, case=True)})"
    code_dollar = rf"(?<![A-Za-z]){alternation(list(lexicon.iso_currencies))}\$"  # 'AUD$', 'mxn$'
    scaled_code = rf"(?<![A-Za-z]){alternation(list(lexicon.code_scales), case=True)}{iso}(?![A-Za-z])"
    not_a_year = r"(?!\s?(?:1[89]|20)\d\d(?![\d%]|[.,]\d))"
    before = rf"(?<![\w]){phrases(lexicon.currency_before_number)}(?=\s?\d){not_a_year}"
    currency_prefix = rf"(?:{code_dollar}|{scaled_code}|{symbol}|{iso}(?![A-Za-z])|{before})"
    names = phrases(lexicon.currency_names)
    after = [s for s in lexicon.currency_symbols if s not in lexicon.currency_prefix_only]
    after_wordy = [s for s in after if s[-1].isalpha() or s[-1] == "."]
    after_marks = [s for s in after if s not in after_wordy]
    currency_suffix = (
        rf"(?:\[\s*{names}\s*\]|{names}(?![\w])|{scaled_code}|{iso}(?![\w])|{code_dollar}"
        rf"|{alternation(after_wordy, case=True)}(?![\w])|{alternation(after_marks, case=True)})"
    )
    return currency_prefix, currency_suffix


@functools.cache
def build_grammar() -> Grammar:
    lexicon = load_lexicon()
    # 1,092.5 | 1 943 | 13,7 (decimal comma) | 245.4 | .5
    digits = (
        # at most 6 groups of three (10^21): unbounded, runs like '100,100,100,…' and
        # '100 100 100 …' took quadratic time (hours for 10^5 groups)
        r"(?:\d{1,3}(?:,\d{3}){1,6}(?:\.\d+)?"
        r"|\d{1,3}(?:[ ]\d{3}){1,6}(?![.,]?\d)"
        r"|\d+,\d{1,2}(?![\d,])"
        # '$1192,559 million': four digits before the comma cannot be a thousands group
        r"|\d{4,},\d{3}(?=\s?-?\s?(?:million|billion|trillion|mln|bln|mn|bn)\b)"
        r"|\d+(?:\.\d+)?)"
    )
    word_token = phrases([*lexicon.units, "hundred", "thousand", "million", "billion", "trillion", "half"])
    big = r"(?:hundred|thousand|million|billion|trillion)\b"
    # 'a million', 'half a billion', 'a quarter million', 'three quarters billion'
    lead = rf"(?:(?:an?|half\s+an?)\s+(?={big})|(?:(?:an?|one|three)\s+)?quarters?\s+(?={big}))"
    # a bare scale word is not a number: 'thousand or 215.4%', 'million us dollars'
    first_token = phrases([*lexicon.units, "half"])
    # at most 12 more words ('one hundred and twenty-three thousand four hundred and fifty-six
    # million' has 9): an unbounded run makes 'half half half …' take quadratic time or worse
    # 'four-point-one trillion', 'two point nine' (broadcast style): decimals read digit by digit
    digit_word = phrases(["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"])
    sep = r"(?:\s+|-)"
    point_tail = rf"{sep}point{sep}{digit_word}(?:{sep}{digit_word}){{0,5}}"
    word_number = (
        rf"(?:{lead}{word_token}|{first_token})(?:{sep}(?:and{sep})?(?:an?{sep})?{word_token}){{0,12}}(?:{point_tail})?"
    )
    word_number = rf"(?<![\w-])(?:{word_number})(?![\w-])"
    # '108-point-five billion yen', '41-and-a-half percent'
    spoken_digits = rf"(?<![\w.,-])\d+(?:{point_tail}|{sep}and{sep}an?{sep}half)(?![\w-])"
    # a number glued to a letter only after a currency written in letters ('Rs9', 'Sh107.63')
    glued = "|".join(regex.escape(c) for c in sorted(c for c in lexicon.currency_symbols if c.isalpha()))
    number = (
        rf"(?:(?<![\d.,_])(?:(?<![A-Za-z])|(?<=(?<![A-Za-z])(?-i:[A-Z]{{3}}|{glued})))"
        rf"{digits}(?!\d)|{spoken_digits}|{word_number})"
    )
    long_scales = [w for w in lexicon.scales if len(w) > 3 or w in {"mln", "bln", "trln", "tln"}]
    short_scales = [w for w in lexicon.scales if w not in long_scales]
    scale = (
        rf"(?:\s?-?\s?{phrases(long_scales)}"
        rf"|\s?{alternation(short_scales)}(?:\.(?=[ \t]*(?-i:[a-z])|[ \t]*[(,;]))?"
        rf"|{alternation(list(lexicon.case_scales), case=True)})(?![\w])"
    )
    scale_word = rf"(?:{phrases(long_scales)}(?![\w]))"
    amount = rf"(?:{number}(?:{scale})?)"
    qualifier, lookup = _qualifier_piece(lexicon)
    currency_prefix, currency_suffix = _currency_pieces(lexicon)
    months = sorted(lexicon.months, key=len, reverse=True)

    def written(name: str) -> str:
        # only a shortened name takes a dot ('Oct.'); a full one leaves the full stop to the sentence
        shortened = any(o != name and o.startswith(name) and lexicon.months[o] == lexicon.months[name] for o in months)
        return str(regex.escape(name)) + (r"\.?" if shortened else "")

    month = r"(?:" + "|".join(written(m) for m in months) + r")(?![\w])"
    year = r"(?<![\w.,$€£-])(?:1[89]\d\d|20\d\d)(?![\w%]|[.,]\d)"
    return Grammar(
        lexicon=lexicon,
        digits=digits,
        word_number=word_number,
        number=number,
        scale=scale,
        scale_word=scale_word,
        amount=amount,
        qualifier=qualifier,
        currency_prefix=currency_prefix,
        currency_suffix=currency_suffix,
        year=year,
        month=month,
        qualifier_lookup=lookup,
    )


def cue_pattern(words: list[str]) -> regex.Pattern[str]:
    return compiled.compile(word_pattern(words), FLAGS)


# --- resolving numbers ---------------------------------------------------------------------------

_SPACE = compiled.compile(r"[\s-]+")
# 'four-point-one', '108 point five', '41-and-a-half': a whole part, then spoken decimals or a half
_SPOKEN = compiled.compile(r"(?P<whole>.+?)[\s-]+(?:point[\s-]+(?P<tail>.+)|and[\s-]+an?[\s-]+(?P<half>half))")


def parse_number(text: str, lexicon: Lexicon) -> Decimal | None:
    """The value of a number written in digits or words ("1,092.5", "13,7", "one and a half")."""
    text = text.strip()
    if not text:
        return None
    spoken = _SPOKEN.fullmatch(text.lower())
    if spoken:
        whole = parse_number(spoken["whole"], lexicon)
        if whole is None:
            return None
        if spoken["half"]:
            return whole + Decimal("0.5")
        figures = [lexicon.units.get(t) for t in _SPACE.split(spoken["tail"]) if t]
        if any(f is None or not 0 <= f <= 9 for f in figures):
            return None
        return whole + Decimal("0." + "".join(str(int(f)) for f in figures if f is not None))
    if text[0].isdigit() or text[0] in ".+-":
        return _parse_digits(text)
    return _parse_words(text.lower(), lexicon)


def _parse_digits(text: str) -> Decimal | None:
    cleaned = text.replace(" ", "")
    decimal_comma = regex.fullmatch(r"[+-]?(?:\d+,\d{1,2}|\d{4,},\d{3})", cleaned)
    cleaned = cleaned.replace(",", "." if decimal_comma else "")
    try:
        return Decimal(cleaned)
    except ArithmeticError:
        return None


_WORD_SCALES = {
    "thousand": Decimal(1000),
    "million": Decimal(10**6),
    "billion": Decimal(10**9),
    "trillion": Decimal(10**12),
}


def _parse_words(text: str, lexicon: Lexicon) -> Decimal | None:
    tokens = [t for t in _SPACE.split(text) if t]
    total = Decimal(0)
    current: Decimal | None = None
    seen_number = False
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token in {"a", "an"}:
            if current is None:
                current = Decimal(1)
            i += 1
            continue
        if token == "and":
            i += 1
            continue
        if token == "half":
            if current is None:
                current = Decimal("0.5")
            elif i > 0 and tokens[i - 1] in {"a", "an"} and i >= 2 and tokens[i - 2] == "and":
                current = current - 1 + Decimal("1.5") if current >= 1 else current + Decimal("0.5")
            else:
                current = current * Decimal("0.5")
            seen_number = True
            i += 1
            continue
        if token in {"quarter", "quarters"}:  # only before a scale word: 'a quarter million'
            current = (current if current is not None else Decimal(1)) * Decimal("0.25")
            seen_number = True
            i += 1
            continue
        if token in lexicon.units:
            current = (current or Decimal(0)) + lexicon.units[token]
            seen_number = True
        elif token == "hundred":
            current = (current or Decimal(1)) * 100
            seen_number = True
        elif token in _WORD_SCALES:
            total += (current if current is not None else Decimal(1)) * _WORD_SCALES[token]
            current = None
            seen_number = True
        else:
            return None
        i += 1
    if not seen_number:
        return None
    return total + (current or Decimal(0))


def parse_scale(text: str | None, lexicon: Lexicon) -> Decimal:
    if not text:
        return Decimal(1)
    word = _SPACE.sub(" ", text.strip(" -.")).strip()
    if word in lexicon.case_scales:
        return lexicon.case_scales[word]
    return lexicon.scales.get(word.lower(), Decimal(1))
