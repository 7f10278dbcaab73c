"""The period a figure refers to, and the period a change is measured against."""

from __future__ import annotations

import functools

import regex

from tradefig.assemble.context import Carry
from tradefig.assemble.vocabulary import compile_ci, words
from tradefig.lexicon import load_lexicon
from tradefig.text.sentences import Sentence
from tradefig.types import FIGURE_KINDS, Mention, Status

_BASE_TAGS = frozenset({"base", "since", "yoy", "same_period"})


# The word lists live in data/en/assembly.yaml; the patterns around them are built once.
@functools.cache
def _base_lead() -> regex.Pattern[str]:
    return compile_ci(rf"{words('base_lead')}\s+(?:the\s+)?(?:level\s+of\s+)?$")


def _is_base(mention: Mention, sentence_text: str, offset: int) -> bool:
    if mention.tags & _BASE_TAGS:
        return True
    head = sentence_text[max(0, mention.start - offset - 30) : mention.start - offset]
    return bool(_base_lead().search(head))


def _distance(a: Mention, b: Mention) -> int:
    if a.end <= b.start:
        return b.start - a.end
    if b.end <= a.start:
        return a.start - b.end
    return 0


def _nearness(period: Mention, figure: Mention) -> tuple[int, int, int]:
    """Nearest first; at equal distance the period after the figure ('… from $25 billion in 2023
    to $30 billion by 2025': 2025 is the second figure's), then the earlier one."""
    return (_distance(period, figure), 0 if period.start >= figure.end else 1, period.start)


@functools.cache
def _contrast() -> regex.Pattern[str]:
    return compile_ci(rf"\b{words('base_lead')}\s+[^,;.]{{0,25}}$")


def _contrasted(period: Mention, figure: Mention, found: list[Mention], sentence: Sentence) -> bool:
    """'$121.8 million against $170.5 million last year': a period after a later figure that the
    text sets against this one ('against', 'compared with', 'up from', shortly before that
    figure and with no party between: not 'imported goods from Mercosur worth') is that figure's."""
    if period.start < figure.end:
        return False
    between = [m for m in found if m.kind in FIGURE_KINDS and figure.end <= m.start and m.end <= period.start]
    if not between:
        return False
    offset = sentence.start
    lead = _contrast().search(sentence.text, figure.end - offset, between[0].start - offset)
    if lead is None:
        return False
    start = lead.start() + offset
    return not any(m.kind == "party" and start <= m.start < between[0].start for m in found)


def _own_unresolved(period: Mention, figure: Mention, sentence: Sentence) -> bool:
    """An unresolved year right after the figure is the figure's own ('$30 billion by next
    year'); 'last year's figure' names what the figure is compared with."""
    if "unresolved" not in period.tags or period.start < figure.end:
        return False
    text, offset = sentence.text, sentence.start
    if regex.search(r"[.;!?]\s", text[figure.end - offset : period.start - offset]):
        return False  # another sentence the splitter missed ('… 10.2%. <…> Exports … last year')
    return not text[period.end - offset : period.end - offset + 2].startswith(("'s", "’s"))


def _with_months(mention: Mention, year: int | None) -> str | None:
    spec = next((t for t in mention.tags if t.startswith("m") and "-" in t), None)
    if spec is None or year is None:
        return None
    first, last = (int(x) for x in spec[1:].split("-"))
    if first == last:
        return f"{year}-{first:02d}"
    return f"{year}-{first:02d}/{year}-{last:02d}"


def _fiscal(start_year: int, codes: tuple[str, str]) -> str:
    table = load_lexicon().fiscal_year_start
    month = next((table[c] for c in codes if c in table), 4)
    if month == 1:
        return str(start_year)
    return f"{start_year}-{month:02d}/{start_year + 1}-{month - 1:02d}"


@functools.cache
def _now() -> regex.Pattern[str]:
    return compile_ci(rf"\b{words('now')}\b")


_CARRY_SENTENCES = 6  # an article's statistics run on over a few short paragraphs


def period_for(
    figure: Mention,
    found: list[Mention],
    sentence: Sentence,
    carry: Carry,
    reporter: str,
    partner: str,
    status: Status,
) -> str | None:
    periods = [
        m
        for m in found
        if m.kind == "period"
        and not _is_base(m, sentence.text, sentence.start)
        and not _contrasted(m, figure, found, sentence)
    ]
    candidates = [m for m in periods if "unresolved" not in m.tags]
    unresolved = len(candidates) < len(periods)
    days = [m for m in candidates if "day" in m.tags]
    candidates = [m for m in candidates if "day" not in m.tags]
    nearest = min((m for m in periods if "day" not in m.tags), key=lambda m: _nearness(m, figure), default=None)
    if nearest is not None and _own_unresolved(nearest, figure, sentence):
        return None  # '… to $30 billion by next year' in an undated text: not the year before it
    if candidates:
        chosen = min(candidates, key=lambda m: _nearness(m, figure))
        if "under_review" in chosen.tags:  # 'in the period under review': however far back it was given
            if status != "actual":
                return None
            if chosen.period and carry.review_period:  # 'over the reporting period of 2022'
                return _shift_to_year(carry.review_period, int(chosen.period)) or chosen.period
            return chosen.period or carry.review_period
        if chosen.period is None or "document_year" in chosen.tags:
            years = [
                int(m.period[:4])
                for m in candidates
                if m.period and m.period[:4].isdigit() and "document_year" not in m.tags
            ]
            year = years[0] if years else _carry_year(carry)
            return _with_months(chosen, year) if year is not None else chosen.period
        if "fiscal" in chosen.tags:
            return _fiscal(int(chosen.period[:4]), (reporter, partner))
        if "fiscal_candidate" in chosen.tags and _has_fiscal(reporter, partner):
            return _fiscal(int(chosen.period[:4]), (reporter, partner))
        return chosen.period
    if days and any(c.code == "flow:contracts" for c in found if c.kind == "cue"):
        return min(days, key=lambda m: _distance(m, figure)).period
    if unresolved:
        return None
    near = carry.period_paragraph == sentence.paragraph or sentence.index - carry.period_sentence <= _CARRY_SENTENCES
    if status == "actual" and carry.period and near and not _now().search(sentence.text):
        return carry.period
    return None


def _has_fiscal(reporter: str, partner: str) -> bool:
    table = load_lexicon().fiscal_year_start
    return reporter in table or partner in table


def _carry_year(carry: Carry) -> int | None:
    if carry.period and carry.period[:4].isdigit():
        return int(carry.period[:4])
    return None


def base_period_for(figure: Mention, found: list[Mention], period: str | None, measure: str) -> str | None:
    if measure not in {"change_pct", "change_factor", "change_abs"}:
        return None
    bases = [m for m in found if m.kind == "period" and m.tags & _BASE_TAGS]
    if not bases:
        return None
    chosen = min(bases, key=lambda m: (_distance(m, figure), m.start))
    if "same_period" in chosen.tags and chosen.period and period:
        return _shift_to_year(period, int(chosen.period[:4]))
    if "yoy" in chosen.tags:
        return _shift_to_year(period, None) if period else None
    if (
        chosen.period
        and period
        and "/" in period
        and period[:4] == period[-7:-3]
        and not any(ch.isdigit() for ch in chosen.text)
    ):
        # 'rose 15 percent in January-September, from last year's …': the same months last year
        return _shift_to_year(period, int(chosen.period[:4]))
    if chosen.period:
        return chosen.period
    return None


def _shift_to_year(period: str, year: int | None) -> str | None:
    """The same months in another year ('2024-01/2024-04' → '2023-01/2023-04'); ``None`` year
    means one year earlier."""
    parts = period.split("/")
    out = []
    for part in parts:
        if not part[:4].isdigit():
            return None
        shift = (year - int(parts[0][:4])) if year is not None else -1
        out.append(f"{int(part[:4]) + shift}{part[4:]}")
    return "/".join(out)
