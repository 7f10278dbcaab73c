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

from tradefig.lexicon import Lexicon, load_lexicon, word_pattern

FLAGS = regex.IGNORECASE | regex.VERSION1

# ISO codes that are also common upper-case words in headlines.
_AMBIGUOUS_ISO = frozenset({"ALL", "TOP", "CUP", "SOS", "PEN", "MAD", "BAM", "MOP", "GEL", "MRO"})


def phrases(words: Iterable[str]) -> str:
    """Alternation of literal phrases, longest first (deterministic), any whitespace between words."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return r"(?:" + "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in ordered) + r")"


def alternation(words: list[str] | set[str] | frozenset[str], *, case: bool = False) -> str:
    body = "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return f"(?-i:{body})" if case else f"(?:{body})"


@dataclass(frozen=True)
class Grammar:
    lexicon: Lexicon
    digits: str
    word_number: str
    number: str
    scale: str
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
    return phrases(lookup), lookup


@functools.cache
def build_grammar() -> Grammar:
    lexicon = load_lexicon()
    # 1,092.5 | 1 943 | 13,7 (decimal comma) | 245.4 | .5
    digits = (
        r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?"
        r"|\d{1,3}(?:[ ]\d{3})+(?![.,]?\d)"
        r"|\d+,\d{1,2}(?![\d,])"
        r"|\d+(?:\.\d+)?)"
    )
    word_token = phrases([*lexicon.units, "hundred", "thousand", "million", "billion", "trillion", "half"])
    word_number = (
        rf"(?:(?:an?|half\s+an?)\s+(?=(?:hundred|thousand|million|billion|trillion)\b))?"
        rf"{word_token}(?:(?:\s+|-)(?:and\s+)?(?:an?\s+)?{word_token})*"
    )
    word_number = rf"(?<![\w-])(?:{word_number})(?![\w-])"
    number = (
        r"(?:(?<![\d.,_])(?:(?<![A-Za-z])|(?<=(?<![A-Za-z])(?-i:[A-Z]{3}|Rs|Rp|RM|Tk|Br|Dh|SR|QR)))"
        rf"{digits}(?!\d)|{word_number})"
    )
    long_scales = [w for w in lexicon.scales if len(w) > 3 or w in {"mln", "bln", "trln", "tln"}]
    short_scales = [w for w in lexicon.scales if w not in long_scales]
    scale = (
        rf"(?:\s?-?\s?{phrases(long_scales)}"
        rf"|\s?{alternation(short_scales)}\.?"
        rf"|{alternation(list(lexicon.case_scales), case=True)})(?![\w])"
    )
    amount = rf"(?:{number}(?:{scale})?)"
    qualifier, lookup = _qualifier_piece(lexicon)
    iso = [c for c in lexicon.iso_currencies if c not in _AMBIGUOUS_ISO]
    symbols = list(lexicon.currency_symbols)
    currency_prefix = rf"(?:{alternation(symbols, case=True)}|{alternation(iso, case=True)}(?![A-Za-z]))"
    name_alt = phrases(lexicon.currency_names)
    currency_suffix = (
        rf"(?:\[\s*{name_alt}\s*\]|{name_alt}(?![\w])|{alternation(iso, case=True)}(?![\w])"
        rf"|{alternation([s for s in symbols if not s[0].isalpha()], case=True)})"
    )
    months = sorted(lexicon.months, key=len, reverse=True)
    month = r"(?:" + "|".join(regex.escape(m) for m in months) + r")\.?(?![\w])"
    year = r"(?<![\w.,$€£-])(?:1[89]\d\d|20\d\d)(?![\w%]|[.,]\d)"
    return Grammar(
        lexicon=lexicon,
        digits=digits,
        word_number=word_number,
        number=number,
        scale=scale,
        amount=amount,
        qualifier=qualifier,
        currency_prefix=currency_prefix,
        currency_suffix=currency_suffix,
        year=year,
        month=month,
        qualifier_lookup=lookup,
    )


def cue_pattern(words: list[str]) -> regex.Pattern[str]:
    return regex.compile(word_pattern(words), FLAGS)


# --- resolving numbers ---------------------------------------------------------------------------

_SPACE = regex.compile(r"[\s-]+")


def parse_number(text: str, lexicon: Lexicon) -> Decimal | None:
    """The value of a number written in digits or words ("1,092.5", "13,7", "one and a half")."""
    text = text.strip()
    if not text:
        return None
    if text[0].isdigit() or text[0] in ".+-":
        return _parse_digits(text)
    return _parse_words(text.lower(), lexicon)


def _parse_digits(text: str) -> Decimal | None:
    cleaned = text.replace(" ", "")
    decimal_comma = regex.fullmatch(r"[+-]?\d+,\d{1,2}", cleaned)
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
