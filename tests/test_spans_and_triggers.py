"""The speed-ups in the recognisers change nothing: span bookkeeping and trigger gating."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tradefig.recognizers import amount, factor, money, percent, quantity
from tradefig.recognizers import find_all as find_all_module
from tradefig.recognizers import triggers as triggers_module
from tradefig.recognizers.common import Context
from tradefig.recognizers.grammar import build_grammar
from tradefig.recognizers.overlaps import DisjointSpans
from tradefig.recognizers.triggers import Triggers
from tradefig.recognizers.windows import figure_reach

spans = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)), max_size=40)


@given(spans, st.integers(0, 70), st.integers(0, 12))
def test_disjoint_spans_answer_like_a_scan(candidates: list[tuple[int, int]], start: int, width: int) -> None:
    stored = DisjointSpans()
    kept: list[tuple[int, int]] = []
    for s, w in candidates:
        e = s + w
        if not any(s < ke and ks < e for ks, ke in kept):
            kept.append((s, e))
            stored.add(s, e)
    end = start + width
    assert stored.overlaps(start, end) == any(start < e and s < end for s, e in kept)


PIECES = [
    "Exports", "rose", "5%", "to", "$2 billion", "in", "2024", "trade", "between", "China", "and",
    "Russia", "fell", "by", "a third", "twice", "doubled", "fivefold", "last year", "the same period",
    "Q1", "first half", "January-March", "seven months", "million", "one", "twenty-two", "per cent",
    "tonnes", "ſ", "ß", "K", "’", "“", "—", "\u3000", "\x1c", "é", "½", "①", "ⓐ", "FY2023-24", ",", ".",
    "US$", "Rs", "yoy", "y/y", "annual", "half", "quarter", "dozen", "MAY", "by 2030", "turnover",
    "times", "PCT", "pp", "p.p.", "percentage points", "per-cent", "%", "tripled", "Twice", "H1", "2h",
    "3Q", "q4", "fiscal", "FY", "financial year", "1998-99", "June 30,", "compared with", "12",
    "in the period under review", "during the quarter", "Q1'24",
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14), st.sampled_from([" ", "", "  "]))
def test_trigger_gating_never_changes_what_is_found(words: list[str], glue: str) -> None:
    text = glue.join(words)
    context = Context(2024, 5, 1)
    gated = find_all_module.find_all(text, 0, context)
    original = find_all_module._finders
    try:
        find_all_module._finders = lambda _found: original(Triggers(True, True, True, True, True))  # type: ignore[assignment]
        ungated = find_all_module.find_all(text, 0, context)
    finally:
        find_all_module._finders = original  # type: ignore[assignment]
    assert gated == ungated


def test_the_fast_scans_serve_plain_text_whatever_scripts_the_vocabulary_has() -> None:
    """Russian month names in the vocabulary once sent every sentence to the slow scans and
    to all twenty period patterns; a word no plain text can match stays out of the fast ones."""
    assert triggers_module._scans().fast is not None
    assert not triggers_module._reaches_plain_text("марта")
    assert triggers_module._reaches_plain_text("ſeptember")  # 'ſ' folds to 's'
    assert triggers_module._reaches_plain_text("’s")
    found = triggers_module.triggers("Exports rose in March 2023.")
    assert found.skip_periods is not None
    assert "period.month_year" not in found.skip_periods


WINDOWED = {
    "money": money._windowed,
    "percent": percent._windowed,
    "factor": factor._windowed,
    "quantity": quantity._windowed,
    "amount": amount._windowed,
}
PREFIXES = [
    "more than", "approximately", "in excess of", "between", "a quarter", "three quarters", "half a",
    "minus", "MEUR", "AUD$", "US$", "c $", "Rs.", "percentage of", "up to", "nearly", "-", "+",
    "tonnes of", "percent", "USD", "fold", "times", "and", "13 .7", "1,000,000", "bcm",
]  # fmt: skip


def _matches(found: object) -> list[tuple[int, int, dict[str, str | None]]]:
    return [(m.start(), m.end(), m.groupdict()) for m in found]  # type: ignore[attr-defined]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES + PREFIXES), max_size=16), st.sampled_from([" ", "", "  ", " \n"]))
def test_windowed_search_finds_what_the_plain_search_finds(words: list[str], glue: str) -> None:
    text = glue.join(words)
    for name, windowed in WINDOWED.items():
        searcher = windowed()
        assert _matches(searcher.finditer(text)) == _matches(searcher.pattern.finditer(text)), name


def test_the_longest_prefix_is_within_reach() -> None:
    """A figure behind the longest qualifier and the longest currency written before a number."""
    grammar = build_grammar()
    qualifier = max(grammar.qualifier_lookup, key=len)
    text = "x " * 200 + f"{qualifier} US$ 5 billion and " + "y " * 200
    searcher = money._windowed()
    assert _matches(searcher.finditer(text)) == _matches(searcher.pattern.finditer(text))
    assert searcher.search(text) is not None
    assert figure_reach() > len(qualifier) + len("US$ ")
