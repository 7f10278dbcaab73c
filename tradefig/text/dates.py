"""The document date: what 'this year' and 'last year' mean.

Looked for near the top of the text, where pages print it: 'date 2025-06-19', '20 May 2024',
'May 20, 2024', 'Published: 12.03.2024', '29.12.2021, 17:07'; a dateline without a year
('BAKU, Azerbaijan, June 19') takes the latest year the top of the text mentions, leaving out
years it looks ahead to ('by 2030', 'earlier than 2030', 'until 2025'). An editor's bracket
('For seven months of this year [2022]') is not a document date: the period recogniser reads
it where it stands, and it wins over the document date for that phrase.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import regex

from tradefig.lexicon import Lexicon

_HEAD = 3000


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A document date and the words that gave it (``[start, end)`` in the text searched)."""

    date: dt.date
    start: int
    end: int
    form: str
    year_span: tuple[int, int] | None = None  # where a dateline's year came from


def find_document_date(text: str, lexicon: Lexicon) -> dt.date | None:
    found = locate_document_date(text, lexicon)
    return found.date if found else None


def locate_document_date(text: str, lexicon: Lexicon) -> FoundDate | None:
    """The first full date near the top of ``text``, else a dateline with the year from the text."""
    head = text[:_HEAD]
    months = _months(lexicon)
    patterns = [
        ("year-month-day", r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?!\d)"),
        ("day month year", rf"(?<!\d)(?P<d>\d{{1,2}})\s+(?P<mn>{months})\.?,?\s+(?P<y>(?:19|20)\d\d)(?!\d)"),
        ("month day, year", rf"(?<![\w])(?P<mn>{months})\.?\s+(?P<d>\d{{1,2}}),?\s+(?P<y>(?:19|20)\d\d)(?!\d)"),
        ("day.month.year", r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d\d)(?!\d)"),
    ]
    best: FoundDate | None = None
    for form, pattern in patterns:
        match = regex.search(pattern, head, regex.IGNORECASE)
        if match is None:
            continue
        date = _date(match, lexicon)
        if date is not None and (best is None or match.start() < best.start):
            best = FoundDate(date, match.start(), match.end(), form)
    if best is not None:
        return best
    return _dateline(head, months, lexicon)


def _months(lexicon: Lexicon) -> str:
    return "|".join(regex.escape(m) for m in sorted(lexicon.months, key=len, reverse=True))


def _date(match: regex.Match[str], lexicon: Lexicon) -> dt.date | None:
    groups = match.groupdict()
    month = int(groups["m"]) if groups.get("m") else lexicon.months[groups["mn"].lower()]
    try:
        return dt.date(int(groups["y"]), month, int(groups["d"]))
    except ValueError:
        return None


# A place in capitals, optionally a country, then month and day: 'BAKU, Azerbaijan, June 19',
# 'MOSCOW, October 6', 'NEW DELHI, July 24', 'BEIJING, July 25 (Xinhua)'.
_DATELINE = r"^[ ]*[A-Z][A-Z .'-]+,(?:[ ]*[A-Z][\w .'-]+,)?[ ]*(?i:(?P<mn>{months}))\.?[ ]+(?P<d>\d{{1,2}})\b"
# A year the text looks ahead to is not the year it was written in.
_AHEAD = r"(?:\b(?:by|until|till|than|before|up[ ]to)[ ]+(?:the[ ]+end[ ]+of[ ]+)?)"
_YEAR = regex.compile(rf"(?<!{_AHEAD})(?<!\d)(20\d\d)(?!\d)", regex.IGNORECASE)


def _dateline(head: str, months: str, lexicon: Lexicon) -> FoundDate | None:
    match = regex.search(_DATELINE.format(months=months), head[:400], regex.MULTILINE)
    if match is None:
        return None
    years = [(int(m.group(1)), m.span(1)) for m in _YEAR.finditer(head)]
    if not years:
        return None
    year, span = max(years)
    try:
        date = dt.date(year, lexicon.months[match.group("mn").lower()], int(match.group("d")))
    except ValueError:
        return None
    start = match.start() + len(match.group()) - len(match.group().lstrip(" "))
    return FoundDate(date, start, match.end(), "dateline, year from the text", span)
