"""Text intake on the real difficulties of the fixture articles."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import FIXTURES, fixture_rows
from tradefig.api import extract_rows
from tradefig.lexicon import load_lexicon
from tradefig.text.clean import (
    Edit,
    EditIndex,
    collapse_spaces,
    edits,
    join_hyphenation,
    join_split_numbers,
    normalise_characters,
    reflow,
    removal_pattern,
    remove_non_text,
    repair_mojibake,
)
from tradefig.text.dates import find_document_date, locate_document_date
from tradefig.text.decode import decode
from tradefig.text.document import prepare
from tradefig.text.offsets import Rewriter
from tradefig.text.sentences import split_sentences

BOOK = FIXTURES / "articles" / "002_a429d0ecf626983d.txt"


def _read(name: str) -> str:
    return (FIXTURES / "articles" / name).read_text(encoding="utf-8")


def test_book_rows_balance_and_split_number() -> None:
    text = BOOK.read_text(encoding="utf-8")
    rows = fixture_rows(BOOK.name)
    balance = [r for r in rows if r["text"] == "$188.9 million" and r["flow"] == "balance"]
    assert balance
    assert "Zalessky" not in balance[0]["sentence"]
    assert "Electronic resource" not in balance[0]["sentence"]
    split = [r for r in rows if r["value"] == 13_700_000_000]
    assert split
    assert text[split[0]["start"] : split[0]["end"]].startswith("13 .7")
    mogilev = [r for r in rows if r["value"] == 40_000_000 and r["reporter_region"] == "BY-MA"]
    assert mogilev
    assert mogilev[0]["period"] == "2022-01/2022-07"


def test_mojibake_copy_is_repaired_but_offsets_point_at_original() -> None:
    text = _read("001_921194c762085c38.txt")
    document = prepare(text)
    assert "20 мая 2024" in document.clean
    at = document.clean.index("20 мая 2024")
    start, end = document.to_original(at, at + len("20 мая 2024"))
    assert text[start:end] == "20 ìàÿ 2024"


def test_calendar_and_footer_give_no_sentences_with_figures() -> None:
    document = prepare(_read("003_a100341091a3468f.txt"))
    assert not any("Su Mo Tu" in s.text or s.text.strip().startswith("1 2 3") for s in document.sentences)


def test_sentences_know_initials_and_abbreviations() -> None:
    text = "According to I. Aliyev, the U.S. market grew. Trade exceeded $400 mln. The partners agreed."
    assert [s.text for s in split_sentences(text)] == [
        "According to I. Aliyev, the U.S. market grew.",
        "Trade exceeded $400 mln.",
        "The partners agreed.",
    ]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        (" date 2025-06-19 BAKU, Azerbaijan, June 19. Belarus aims to double", dt.date(2025, 6, 19)),
        ("Reports\n20 May 2024\nPresident", dt.date(2024, 5, 20)),
        ("Published: 12.03.2024\nTrade grew.", dt.date(2024, 3, 12)),
        ("Kazakhstan and Uzbekistan\n29.12.2021, 17:07\nTrade grew.", dt.date(2021, 12, 29)),
        ("Global Times) 15:43, April 14, 2025  In the first quarter", dt.date(2025, 4, 14)),
        # A dateline without a year takes the latest year the text mentions ...
        ("BAKU, Azerbaijan, June 19. Trade rose, and we plan to work on this market in 2025.", dt.date(2025, 6, 19)),
        ("MOSCOW, October 6. /TASS/. Turnover at the end of 2023 will amount to $12 billion.", dt.date(2023, 10, 6)),
        # ... except years it looks ahead to.
        (
            "NEW DELHI, July 24. /TASS/. $100 bln earlier than 2030, by 2028; in 2023-2024 it grew.",
            dt.date(2024, 7, 24),
        ),
        ("BAKU, Azerbaijan, June 19. No year anywhere.", None),
        ("no date here", None),
    ],
    ids=lambda v: v[:24] if isinstance(v, str) else str(v),
)
def test_document_dates(text: str, date: dt.date | None) -> None:
    assert find_document_date(text, load_lexicon()) == date


def test_fixture_dateline_alone_gives_the_date() -> None:
    """Fixture 000 without its 'date 2025-06-19' line: the dateline 'BAKU, Azerbaijan, June 19' and
    the '2025' of its second paragraph give the same date."""
    text = _read("000_772cf992e7a4d645.txt").replace(" date 2025-06-19", "", 1)
    found = locate_document_date(text, load_lexicon())
    assert found is not None
    assert found.date == dt.date(2025, 6, 19)
    assert text[found.start : found.end] == "BAKU, Azerbaijan, June 19"
    assert found.year_span is not None
    assert text[slice(*found.year_span)] == "2025"


def test_editors_bracket_gives_this_year() -> None:
    """'this year [2022]' is 2022 without a document date, and against a document date of another year."""
    sentence = (
        "For seven months of this year [2022], foreign trade turnover between the Mogilev region and "
        "Kazakhstan amounted to about $40 million 59. \u201d"
    )
    for date in (None, dt.date(2024, 5, 1)):
        rows = extract_rows(sentence, date=date)
        assert [(r["text"], r["value"], r["period"]) for r in rows] == [
            ("about $40 million", 40_000_000, "2022-01/2022-07")
        ]


def test_damaged_utf8_is_decoded_with_a_warning() -> None:
    text = _read("000_772cf992e7a4d645.txt")
    decoded = decode(text.encode() + b"\xff\xfe tail")
    assert decoded.text.startswith(text)
    assert extract_rows(decoded.text)
    assert decoded.warnings


# --- named cleaning edits (what explain shows) ---------------------------------------------------


def _edits(text: str) -> list[Edit]:
    return list(edits(prepare(text).steps))


def _kinds(text: str) -> dict[str, list[Edit]]:
    found: dict[str, list[Edit]] = {}
    for edit in _edits(text):
        found.setdefault(edit.kind, []).append(edit)
    return found


def test_edits_name_each_step_and_point_at_the_input() -> None:
    text = _read("001_921194c762085c38.txt")
    kinds = _kinds(text)
    (mojibake,) = kinds["mojibake repaired"]
    assert (mojibake.step, text[mojibake.start : mojibake.end]) == ("repair_mojibake", "ìàÿ")
    assert "20 ìàÿ 2024" in mojibake.before
    assert "20 мая 2024" in mojibake.after
    assert "Legal footer" in [text[e.start : e.end] for e in kinds["furniture removed"]]
    assert all(text[e.start : e.end].lstrip()[:1].isdigit() for e in kinds["footnote entry lifted"])


def test_edits_in_the_book() -> None:
    text = BOOK.read_text(encoding="utf-8")
    kinds = _kinds(text)
    rejoined = kinds["number rejoined"][0]
    assert rejoined.step == "join_split_numbers"
    assert text[rejoined.start - 2 : rejoined.end + 2] == "13 .7"
    assert "13 .7 billion" in rejoined.before
    assert "13.7 billion" in rejoined.after
    hyphen = [e for e in kinds["hyphenation joined"] if text[e.start - 8 : e.end + 7].startswith("January")]
    assert hyphen  # 'January–⏎⏎October' (an en dash in the input) → 'January-October'
    assert (hyphen[0].step, hyphen[0].after.strip()) == ("reflow", "in January-October 2021")
    # Footnote 26 interrupts the $188.9 million sentence; the block is lifted out whole.
    at = text.index("$188.9 million")
    lifted = [e for e in kinds["footnote block lifted"] if e.start < at < e.end + 3]
    assert lifted
    assert "Electronic resource" in text[lifted[0].start : lifted[0].end]


def test_edits_for_calendar_and_furniture() -> None:
    text = _read("003_a100341091a3468f.txt")
    kinds = _kinds(text)
    assert "Su Mo Tu We Th Fr Sa" in [text[e.start : e.end] for e in kinds["calendar removed"]]
    assert "Similar news" in [text[e.start : e.end] for e in kinds["furniture removed"]]
    four_pages = _kinds(_read("004_759a15adee703880.txt"))
    assert any("Sign In" in e.before for e in four_pages["furniture removed"])


def test_edits_replay_to_the_clean_text() -> None:
    """Applying each step's edits to its input gives its output: the edits are all the changes."""
    for name in ("000_772cf992e7a4d645.txt", "001_921194c762085c38.txt", "003_a100341091a3468f.txt"):
        steps = prepare(_read(name)).steps
        for step in steps:
            out, at = [], 0
            for source_start, source_end, target_start, target_end in step.offsets.changes():
                out += [step.source[at:source_start], step.target[target_start:target_end]]
                at = source_end
            assert "".join([*out, step.source[at:]]) == step.target, step.name
        assert steps[0].source == _read(name)


def test_recording_edits_changes_no_clean_text() -> None:
    """clean() keeps what each step did, and its text is the steps run one after another."""
    text = _read("001_921194c762085c38.txt")
    document = prepare(text)
    current = text
    for function in (repair_mojibake, normalise_characters):
        current = function(current)[0]
    current = remove_non_text(current, removal_pattern(load_lexicon().furniture))[0]
    for function in (join_split_numbers, join_hyphenation, reflow, collapse_spaces):
        current = function(current)[0]
    assert current == document.clean
    assert [s.name for s in document.steps] == [
        "repair_mojibake",
        "normalise_characters",
        "remove_non_text",
        "join_split_numbers",
        "join_hyphenation",
        "reflow",
        "collapse_spaces",
    ]
    assert [(a, b) for a, b, _ in document.removed] == [
        (e.start, e.end) for e in edits(document.steps) if e.step == "remove_non_text"
    ]


def test_edit_index_finds_edits_inside_a_sentence() -> None:
    text = "Trade reached 13 .7 billion dollars in 2021.\nNothing here."
    document = prepare(text)
    index = EditIndex(edits(document.steps))
    first = document.sentences[0]
    inside = index.within(*document.to_original(first.start, first.end))
    assert [(e.kind, text[e.start : e.end]) for e in inside] == [("number rejoined", " ")]
    second = document.sentences[1]
    assert index.within(*document.to_original(second.start, second.end)) == []


@given(
    st.text(max_size=40), st.lists(st.tuples(st.integers(0, 40), st.integers(0, 4), st.text(max_size=3)), max_size=6)
)
def test_changes_are_exactly_the_edits(text: str, pieces: list[tuple[int, int, str]]) -> None:
    """OffsetMap.changes() lists every edit a Rewriter made, in order, and nothing it copied."""
    writer = Rewriter(text)
    at = 0
    for start, length, new in sorted(pieces):
        start = max(start, at)
        end = min(start + length, len(text))
        if start > len(text):
            break
        writer.replace(start, end, new)
        at = end
    out, offset_map = writer.finish()
    rebuilt, source_at, target_at = [], 0, 0
    for source_start, source_end, target_start, target_end in offset_map.changes():
        assert source_at <= source_start <= source_end
        assert target_at <= target_start <= target_end
        assert text[source_start:source_end] != out[target_start:target_end]
        rebuilt += [text[source_at:source_start], out[target_start:target_end]]
        source_at, target_at = source_end, target_end
    assert "".join([*rebuilt, text[source_at:]]) == out


def test_end_of_line_hyphenation_joins_words_the_text_writes_whole() -> None:
    from tradefig.text.clean import join_hyphenation

    text = (
        "The trade turn-\nover rose. Turnover matters. The agro-\nindustrial sector and Belarusian-\nUzbek trade grew."
    )
    cleaned, offsets = join_hyphenation(text)
    assert cleaned == (
        "The trade turnover rose. Turnover matters. The agro-\nindustrial sector and Belarusian-\nUzbek trade grew."
    )
    start = cleaned.index("turnover")
    assert text[slice(*offsets.span(start, start + len("turnover")))] == "turn-\nover"


def test_a_sentence_longer_than_the_bound_is_cut_at_spaces() -> None:
    from tradefig.text.sentences import MAX_SENTENCE, split_sentences

    text = " ".join(f"exports rose {i}% to ${i} million" for i in range(400))
    sentences = list(split_sentences(text))
    assert len(sentences) > 1
    assert all(len(s.text) <= MAX_SENTENCE for s in sentences)
    assert all(text[s.start : s.end] == s.text for s in sentences)
    assert " ".join(s.text for s in sentences) == text
