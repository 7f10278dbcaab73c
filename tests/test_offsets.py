"""The offsets invariant: whatever cleaning did, clean spans map back to the input characters."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from tradefig.text.offsets import OffsetChain, Rewriter, substitute


@st.composite
def edits(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]]]:
    text = draw(st.text(min_size=0, max_size=60))
    cuts = sorted(set(draw(st.lists(st.integers(0, len(text)), max_size=8))))
    pieces = []
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):
        pieces.append((a, b, draw(st.text(max_size=4))))
    return text, pieces


@given(edits())
def test_rewrite_maps_within_bounds_and_monotone(case: tuple[str, list[tuple[int, int, str]]]) -> None:
    text, pieces = case
    writer = Rewriter(text)
    for a, b, new in pieces:
        writer.replace(a, b, new)
    out, offset_map = writer.finish()
    last = 0
    for i in range(len(out) + 1):
        pos = offset_map.position(i)
        assert 0 <= pos <= len(text)
        assert pos >= last
        last = pos
    for i in range(len(out)):
        for j in range(i + 1, min(len(out), i + 5) + 1):
            s, e = offset_map.span(i, j)
            assert 0 <= s <= e <= len(text)


@given(st.text(max_size=80))
def test_copied_characters_map_to_themselves(text: str) -> None:
    out, first = substitute(regex.compile(r"\s+"), lambda m: " ", text)
    out2, second = substitute(regex.compile(r"[^\w ]"), lambda m: "", out)
    chain = OffsetChain([first, second])
    for i, ch in enumerate(out2):
        if ch != " ":
            s, e = chain.span(i, i + 1)
            assert text[s:e] == ch


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_extraction_never_raises_and_offsets_slice(text: str) -> None:
    from tradefig.api import extract_rows, mention_rows_for

    for row in extract_rows(text):
        assert text[row["start"] : row["end"]] == row["text"]
    for row in mention_rows_for(text):
        assert text[row["start"] : row["end"]] == row["text"]


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_mutated_fixture_text(data: st.DataObject) -> None:
    from tests.conftest import FIXTURES
    from tradefig.api import extract_rows

    text = (FIXTURES / "articles" / "000_772cf992e7a4d645.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    order = data.draw(st.permutations(range(len(lines))))
    mutated = "\n".join(lines[i] for i in order)
    cut = data.draw(st.integers(0, len(mutated)))
    mutated = mutated[:cut]
    first = extract_rows(mutated)
    assert extract_rows(mutated) == first
    for row in first:
        assert mutated[row["start"] : row["end"]] == row["text"]
