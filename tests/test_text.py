"""Text intake on the real difficulties of the fixture articles."""

from __future__ import annotations

import datetime as dt

from tests.conftest import FIXTURES, fixture_rows
from tradefig.api import extract_rows
from tradefig.lexicon import load_lexicon
from tradefig.text.dates import find_document_date
from tradefig.text.decode import decode
from tradefig.text.document import prepare
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


def test_document_dates() -> None:
    lexicon = load_lexicon()
    assert find_document_date(" date 2025-06-19 BAKU, Azerbaijan", lexicon) == dt.date(2025, 6, 19)
    assert find_document_date("Reports\n20 May 2024\nPresident", lexicon) == dt.date(2024, 5, 20)
    assert find_document_date("Published: 12.03.2024", lexicon) == dt.date(2024, 3, 12)
    assert find_document_date("no date here", lexicon) is None


def test_damaged_utf8_is_decoded_with_a_warning() -> None:
    text = _read("000_772cf992e7a4d645.txt")
    decoded = decode(text.encode() + b"\xff\xfe tail")
    assert decoded.text.startswith(text)
    assert extract_rows(decoded.text)
    assert decoded.warnings
