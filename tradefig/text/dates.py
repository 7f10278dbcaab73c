"""The document date: what 'this year' and 'last year' mean.

Looked for near the top of the text, where pages print it: 'date 2025-06-19', '20 May 2024',
'May 20, 2024', 'Published: 12.03.2024', '29.12.2021, 17:07'; a dateline without a year
('BAKU, Azerbaijan, June 19') takes the latest year the text mentions up to then.
"""

from __future__ import annotations

import datetime as dt

import regex

from tradefig.lexicon import Lexicon

_HEAD = 3000


def find_document_date(text: str, lexicon: Lexicon) -> dt.date | None:
    head = text[:_HEAD]
    months = "|".join(regex.escape(m) for m in sorted(lexicon.months, key=len, reverse=True))
    patterns = [
        r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?!\d)",
        rf"(?<!\d)(?P<d>\d{{1,2}})\s+(?P<mn>{months})\.?,?\s+(?P<y>(?:19|20)\d\d)(?!\d)",
        rf"(?<![\w])(?P<mn>{months})\.?\s+(?P<d>\d{{1,2}}),?\s+(?P<y>(?:19|20)\d\d)(?!\d)",
        r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d\d)(?!\d)",
    ]
    best: tuple[int, dt.date] | None = None
    for pattern in patterns:
        match = regex.search(pattern, head, regex.IGNORECASE)
        if match is None:
            continue
        date = _date(match, lexicon)
        if date is not None and (best is None or match.start() < best[0]):
            best = (match.start(), date)
    if best is not None:
        return best[1]
    return _dateline(head, months, lexicon)


def _date(match: regex.Match[str], lexicon: Lexicon) -> dt.date | None:
    groups = match.groupdict()
    month = int(groups["m"]) if groups.get("m") else lexicon.months[groups["mn"].lower()]
    try:
        return dt.date(int(groups["y"]), month, int(groups["d"]))
    except ValueError:
        return None


def _dateline(head: str, months: str, lexicon: Lexicon) -> dt.date | None:
    match = regex.search(
        rf"^[A-Z][A-Z .'-]+,(?:\s*[A-Z][\w .'-]+,)?\s*(?P<mn>{months})\.?\s+(?P<d>\d{{1,2}})\b",
        head[:400],
        regex.MULTILINE,
    )
    if match is None:
        return None
    years = [int(y) for y in regex.findall(r"(?<!\d)(20\d\d)(?!\d)", head)]
    if not years:
        return None
    try:
        return dt.date(max(years), lexicon.months[match.group("mn").lower()], int(match.group("d")))
    except ValueError:
        return None
