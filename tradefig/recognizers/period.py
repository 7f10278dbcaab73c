"""Periods, resolved to SPEC's ISO 8601 forms: '2023', 'March 2021' → 2021-03, 'January-April 2024'
→ 2024-01/2024-04, 'Q1 2025', 'the first half of 2023', 'three quarters of 2022' →
2022-01/2022-09, 'seven months of this year [2022]', 'FY2022-23', '2016-2021' → 2016/2021,
'last year', and the comparison phrases that make a base period ('compared to the same period
of 2023', 'year-on-year', 'since 2009').

Tags on the mention tell the assembler how it is used: ``base`` (a comparison), ``horizon``
('by 2030'), ``same_period`` (months to be taken from the figure's period), ``yoy`` (one year
earlier than the figure's period), ``fiscal`` (start year of a fiscal year), ``range``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

import regex

from tradefig import compiled
from tradefig.recognizers.common import Context
from tradefig.recognizers.grammar import FLAGS, Grammar, build_grammar, phrases
from tradefig.recognizers.overlaps import DisjointSpans
from tradefig.types import Mention


def _months(first: int, last: int, year: int) -> str:
    if first == last:
        return f"{year}-{first:02d}"
    return f"{year}-{first:02d}/{year}-{last:02d}"


@functools.cache
def _patterns() -> list[tuple[str, regex.Pattern[str]]]:
    g = build_grammar()
    lex = g.lexicon
    y = g.year
    yc = r"(?:1[89]\d\d|20\d\d)(?![\w%]|[.,]\d)"  # a year right after a dash or 'FY'
    mon = g.month
    rel = phrases(lex.relative_years)
    count = "|".join(sorted(lex.counts, key=len, reverse=True))
    ordinal = "|".join(sorted(lex.ordinals, key=len, reverse=True))
    short_year = r"\s?['’](?P<yy>\d\d)(?![\w'’])"  # "Q1'24", "H2 ’23"
    year_ref = rf"(?:(?P<y>{y})|(?P<rel>{rel})(?:\s*\[(?P<yb>{y})\])?)"
    base_lead = (
        r"(?P<base>compared\s+(?:to|with)|as\s+compared\s+(?:to|with)|in\s+comparison\s+with|"
        r"than\s+(?:in|during|for)?|against|versus|vs\.?|from|over|relative\s+to|since)\s+(?:the\s+)?"
    )
    horizon_lead = r"(?P<horizon>by|until|till|up\s+to|through|to|in|before)\s+(?:the\s+end\s+of\s+)?"
    pieces = [
        (
            "period.fiscal_year",
            rf"(?:(?:the\s+)?(?:FY|fiscal\s+year|financial\s+year|fiscal)\s*(?:of\s+)?)(?P<fy>{yc})\s*[-/]\s*(?P<fy2>{yc}|\d{{2}}(?!\d))",
        ),
        (
            # 'during Ethiopia's fiscal year ended June 30, 2009', 'the entire fiscal ending March 2022'
            "period.fiscal_ended",
            (
                rf"(?:the\s+)?(?:fiscal|financial)(?:\s+year)?\s+(?:ended|ending)\s+(?:on\s+)?(?:(?P<d>\d{{1,2}})\s+)?"
                rf"(?P<m>{mon})\s*(?:(?P<d2>\d{{1,2}})(?!\d))?\s*,?\s*(?P<y>{y})"
            ),
        ),
        (
            # 'from July 2007 to June 2008': months across two years
            "period.month_year_range",
            (
                rf"(?:between\s+|from\s+)?(?P<m1>{mon})\s*,?\s*(?P<y1>{y})\s*(?:-|–|to|through|till|until|and)\s*"
                rf"(?P<m2>{mon})\s*,?\s*(?P<y2>{y})"
            ),
        ),
        (
            "period.months_to",
            # '12 months through March 2022', 'the year ended March 2022'
            (
                rf"(?:the\s+)?(?:(?P<n>\d{{1,2}}|{count})\s+months|(?P<yr>year))\s+(?:to|ending|ended|through|until|till)\s+"
                rf"(?:in\s+)?(?P<m>{mon})\s*,?\s*(?P<y>{y})"
            ),
        ),
        (
            "period.same_period",
            rf"(?:(?P<base>compared\s+(?:to|with)|than\s+(?:in|during|for)?|from|over|against|versus|as\s+compared\s+(?:to|with))\s+)?the\s+(?:same|corresponding|like)\s+period\s+(?:of|in|last|a\s+year\s+(?:earlier|ago)|the\s+previous\s+year|(?=\w))\s*(?:(?P<y>{y})|(?P<ly>year|last\s+year|the\s+previous\s+year|a\s+year\s+earlier))?",
        ),
        (
            "period.yoy",
            r"(?P<yoy>year[\s-]on[\s-]year|(?<![\w-])on-year(?![\w-])|y-o-y|yoy|y/y|on\s+an\s+annual\s+basis|from\s+a\s+year\s+(?:earlier|ago)|(?:compared\s+(?:to|with)|than)\s+(?:a\s+year\s+(?:earlier|ago)|the\s+(?:previous|last|prior)\s+year|last\s+year))",
        ),
        (
            "period.month_range",
            rf"(?:between\s+|from\s+|in\s+)?(?P<m1>{mon})\s*(?:-|–|to|through|till|until|and)\s*(?P<m2>{mon})\s*,?\s*(?:of\s+)?{year_ref}?",
        ),
        (
            "period.count_months",
            # at most 4 lead words ('the first'): unbounded, 'the the the …' took quadratic time
            rf"(?:(?:the|first|past|last|initial)\s+){{0,4}}(?P<n>\d{{1,2}}|{count})\s+(?P<u>months|quarters)(?![\w-])(?:\s+(?:of\s+)?{year_ref})?",
        ),
        (
            "period.quarter",
            rf"(?:(?-i:Q)(?P<q>[1-4])|(?P<q2>[1-4])(?-i:Q)|(?:the\s+)?(?P<qo>{ordinal})\s+quarter)(?:{short_year}|\s*(?:of\s+)?,?\s*{year_ref})?",
        ),
        (
            "period.half",
            rf"(?:(?-i:H)(?P<h>[12])|(?P<h2>[12])(?-i:H)|(?:the\s+)?(?P<ho>first|second|1st|2nd)\s+half)(?:{short_year}|\s*(?:of\s+)?,?\s*{year_ref})?",
        ),
        (
            "period.day_month",
            rf"(?:on\s+)?(?:(?P<d>\d{{1,2}})\s+(?P<m>{mon})|(?P<m2>{mon})\s+(?P<d2>\d{{1,2}})(?!\d))(?:\s*,?\s*(?P<y>{y}))?",
        ),
        ("period.month_year", rf"(?P<m>{mon})\s*,?\s*(?:of\s+)?(?P<y>{y})"),
        (
            # 'in October', 'for the month of June': the latest such month up to the document date
            "period.month_alone",
            rf"(?:in|during|for)\s+(?:the\s+month\s+of\s+)?(?P<m>{mon})(?!\s*,?\s*(?:of\s+)?\d|\s*[-–/]\s*(?:{mon}|\d)|\s+(?:to|through|till|until|and)\s+{mon})",
        ),
        ("period.month_relative", r"(?P<which>last|previous|past|this|current)\s+month(?![\w-])"),
        (
            "period.year_range",
            rf"(?:between\s+|from\s+|in\s+|over\s+)?(?P<y1>{y})\s*(?:-|–|to|through|till|until|and)\s*(?P<y2>{yc}|(?<=[-–]\s?)\d{{2}}(?!\d|[.,]\d))(?!\s*(?:%|percent))",
        ),
        (
            "period.base_year",
            rf"{base_lead}(?:(?:the\s+)?(?:level|results|figure)\s+of\s+)?(?:the\s+year\s+)?(?P<y>{y})",
        ),
        ("period.horizon", rf"{horizon_lead}(?P<y>{y})"),
        (
            "period.in_years",
            rf"(?:in|over|within)\s+(?:the\s+next\s+)?(?P<n>\d{{1,2}}|{count})\s+years",
        ),
        (
            "period.end_of_year",
            (
                rf"(?:by|at|until)\s+(?:the\s+end\s+of\s+(?:the|this)\s+year|(?:the\s+)?year[-\s]end(?![\w-]))"
                rf"(?:\s*\[(?P<yb>{y})\])?"
            ),
        ),
        (
            # 'in the period under review', 'during the quarter': the period the text is about
            "period.under_review",
            (
                rf"(?:in|during|for|over|within|throughout)\s+(?:{phrases(lex.under_review)})"
                rf"(?:\s+(?:of|in)\s+(?P<y>{y}))?(?![\w-])"
                r"(?!\s+(?:to|ended|ending|of|before|after|from|since|through|till|until)(?![\w-]))"
            ),
        ),
        ("period.relative", rf"(?:{base_lead})?{year_ref}"),
    ]
    return [(name, compiled.compile(p, FLAGS)) for name, p in pieces]


def _year(match: regex.Match[str], context: Context, *, group: str = "y") -> int | None:
    groups = match.groupdict()
    if groups.get(group):
        return int(groups[group])
    if groups.get("yb"):
        return int(groups["yb"])
    if groups.get("yy"):
        return (2000 if int(groups["yy"]) < 70 else 1900) + int(groups["yy"])
    if groups.get("rel"):
        if context.year is None:
            return None
        lex = build_grammar().lexicon
        return context.year + lex.relative_years[regex.sub(r"\s+", " ", groups["rel"].lower())]
    return None


def _year_to_date(match: regex.Match[str], n: int, grammar: Grammar) -> bool:
    """'the first nine months', and a statistics release's 'in nine months', are the year's
    first months; 'in twelve months', 'the past five months', 'six months later' are spans
    of time (a duration word before or after them, or a whole year's worth)."""
    text = match.string
    lead = text[match.start() : match.start("n")].lower().split()
    if {"first", "initial"} & set(lead):
        return True
    around = regex.findall(r"\w+", text[max(0, match.start() - 25) : match.start()].lower())[-2:]
    follower = regex.match(r"\s+(\w+)", text[match.end() : match.end() + 12].lower())  # 'later', not ', after'
    around += [follower.group(1)] if follower else []
    return n < 12 and not grammar.lexicon.duration_words & {*lead, *around}


def _undated_months(first: int, last: int, context: Context, tags: set[str]) -> tuple[str | None, set[str]]:
    """Months without a year ('the first three quarters', 'January-September'): the latest
    such span that has ended by the document date, as for a month alone. Tagged
    ``document_year``, so that a year the text gives (in the sentence, or carried from the
    sentences before) wins in the assembly; unresolved in an undated text."""
    spec = {"months", f"m{first}-{last}"}
    year = _latest_year(last, context)
    if year is None:
        return None, spec
    return _months(first, last, year), tags | spec | {"document_year"}


def _latest_year(last_month: int, context: Context) -> int | None:
    """The year of the latest month ``last_month`` up to the document date, if it has one."""
    if context.year is None or context.month is None:
        return None
    return context.year if last_month <= context.month else context.year - 1


def _month(text: str, grammar: Grammar) -> int:
    return grammar.lexicon.months[text.lower().rstrip(".")]


def _count(text: str, grammar: Grammar) -> int:
    return int(text) if text.isdigit() else grammar.lexicon.counts[text.lower()]


def find(text: str, context: Context, skip: frozenset[str] = frozenset()) -> Iterator[Mention]:
    """Periods in ``text``; rules named in ``skip`` are known not to match (see triggers.py)."""
    grammar = build_grammar()
    taken = DisjointSpans()
    for rule, pattern in _patterns():
        if rule in skip:
            continue
        for match in pattern.finditer(text):
            if taken.overlaps(match.start(), match.end()):
                continue
            resolved = _resolve(rule, match, context, grammar)
            if resolved is None:
                continue
            period, tags = resolved
            taken.add(match.start(), match.end())
            yield Mention(
                kind="period",
                start=match.start(),
                end=match.end(),
                text=match.group(),
                rule=rule,
                period=period,
                tags=frozenset(tags),
            )


def _resolve(
    rule: str, match: regex.Match[str], context: Context, grammar: Grammar
) -> tuple[str | None, set[str]] | None:
    g = match.groupdict()
    tags: set[str] = set()
    year: int | None
    if g.get("base"):
        tags.add("since" if g["base"].lower().startswith("since") else "base")
    if rule == "period.fiscal_year":
        return g["fy"], {"fiscal"}
    if rule == "period.fiscal_ended":
        year, last = int(g["y"]), _month(g["m"], grammar)
        first_index = year * 12 + last - 12
        return f"{first_index // 12}-{first_index % 12 + 1:02d}/{year}-{last:02d}", tags | {"fiscal"}
    if rule == "period.month_year_range":
        first = int(g["y1"]) * 12 + _month(g["m1"], grammar) - 1
        last = int(g["y2"]) * 12 + _month(g["m2"], grammar) - 1
        if not first < last <= first + 36:
            return None
        return f"{first // 12}-{first % 12 + 1:02d}/{last // 12}-{last % 12 + 1:02d}", tags | {"range"}
    if rule == "period.months_to":
        n, last, year = 12 if g["yr"] else _count(g["n"], grammar), _month(g["m"], grammar), int(g["y"])
        first_index = year * 12 + last - 1 - (n - 1)
        return f"{first_index // 12}-{first_index % 12 + 1:02d}/{year}-{last:02d}", tags
    if rule == "period.same_period":
        tags.add("base")
        tags.add("same_period")
        if g.get("y"):
            return g["y"], tags
        tags.add("yoy")
        return None, tags
    if rule == "period.yoy":
        return None, {"base", "yoy"}
    if rule == "period.under_review":  # 'the reporting period of 2022': its months, that year
        return g.get("y"), {"under_review"}
    if rule == "period.month_range":
        year = _year(match, context)
        first, last = _month(g["m1"], grammar), _month(g["m2"], grammar)
        if first > last:
            return None
        if year is None:
            return _undated_months(first, last, context, tags)
        return _months(first, last, year), tags
    if rule == "period.count_months":
        n = _count(g["n"], grammar) * (3 if g["u"].lower().startswith("quarter") else 1)
        if not 1 <= n <= 12:
            return None
        year = _year(match, context)
        if year is None and not _year_to_date(match, n, grammar):
            return None
        if year is None:
            return _undated_months(1, n, context, tags)
        return _months(1, n, year), tags
    if rule == "period.quarter":
        q = int(g.get("q") or g.get("q2") or grammar.lexicon.ordinals[g["qo"].lower()])
        year = _year(match, context)
        if year is None:
            return _undated_months(3 * q - 2, 3 * q, context, tags)
        return _months(3 * q - 2, 3 * q, year), tags
    if rule == "period.half":
        h = int(g.get("h") or g.get("h2") or (1 if g["ho"].lower() in {"first", "1st"} else 2))
        year = _year(match, context)
        if year is None:
            return _undated_months(6 * h - 5, 6 * h, context, tags)
        return _months(6 * h - 5, 6 * h, year), tags
    if rule == "period.day_month":
        day = int(g.get("d") or g.get("d2"))
        month = _month(g.get("m") or g.get("m2"), grammar)
        year = int(g["y"]) if g.get("y") else context.year
        if not 1 <= day <= 31 or year is None:
            return None
        return f"{year}-{month:02d}-{day:02d}", {"day"}
    if rule == "period.month_year":
        return f"{int(g['y'])}-{_month(g['m'], grammar):02d}", tags
    if rule == "period.month_alone":
        month = _month(g["m"], grammar)
        year = _latest_year(month, context)
        if year is not None:  # the document date first: unlike a span, no carried year wins
            return f"{year}-{month:02d}", tags
        return None, {"months", f"m{month}-{month}"}
    if rule == "period.month_relative":
        if context.year is None or context.month is None:
            return None, {"unresolved"}
        index = context.year * 12 + context.month - 1 - (0 if g["which"].lower() in {"this", "current"} else 1)
        return f"{index // 12}-{index % 12 + 1:02d}", tags
    if rule == "period.year_range":
        y1 = int(g["y1"])
        y2_text = g["y2"]
        y2 = int(y2_text) if len(y2_text) == 4 else (y1 // 100) * 100 + int(y2_text)
        if y2 <= y1 or y2 - y1 > 30:
            return None
        if len(y2_text) == 2 and y2 == y1 + 1:
            tags.add("fiscal_candidate")
        return f"{y1}/{y2}", tags | {"range"}
    if rule == "period.base_year":
        return g["y"], tags
    if rule == "period.horizon":
        lead = g["horizon"].lower()
        if lead in {"in"}:
            return g["y"], tags
        return g["y"], tags | {"horizon"}
    if rule == "period.in_years":
        if context.year is None:
            return None
        return str(context.year + _count(g["n"], grammar)), {"horizon"}
    if rule == "period.end_of_year":  # 'by the end of this year [2022]': the editor's year first
        year = int(g["yb"]) if g.get("yb") else context.year
        return (str(year) if year else None), {"horizon"}
    if rule == "period.relative":
        year = _year(match, context)
        if g.get("rel") and year is None:
            return None, tags | {"unresolved"}
        if year is None:
            return None
        return str(year), tags
    return None
