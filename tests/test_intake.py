"""Text intake, issue #3: every fixture article read from UTF-16, cp1252 and latin-1 files gives
the rows of its UTF-8 original, and the legacy decoder reads the scripts it is meant to."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import FIXTURES, SMALL_ARTICLES, fixture_rows
from tradefig.api import extract_rows
from tradefig.cli.app import app
from tradefig.io.readers import read_bytes
from tradefig.text.decode import decode

RUNNER = CliRunner()
BOOK = FIXTURES / "articles" / "002_a429d0ecf626983d.txt"
CODECS = ("utf-16", "cp1252", "latin-1")

# Typographic punctuation a codec cannot hold, as the one ASCII character it stands for.
_STAND_INS = str.maketrans({"—": "-", "–": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "…": ".", "•": "*"})


def twin_text(text: str, codec: str) -> str:
    """The text a ``codec`` file of this article holds.

    UTF-16 holds every character, so its twin is the article itself (written with a BOM).
    Where cp1252 or latin-1 cannot hold a character, a file in that codec holds what a
    careful converter writes: typographic punctuation (latin-1 lacks — – ‘ ’ “ ” …) becomes
    its ASCII form, any other character (ę ı ł ś in the book's Polish and Turkish author
    names) becomes '?', as ``errors="replace"`` writes it. Every replacement is one
    character for one, so an offset into the twin is an offset into the original: the
    twins must give the same rows as the UTF-8 original at the same offsets, and rows
    identical to their own UTF-8 encoding (text and sentence columns included).
    Dropping lines instead would shift every offset and leave nothing to compare.
    """
    if codec.startswith("utf"):
        return text
    return text.translate(_STAND_INS).encode(codec, errors="replace").decode(codec)


def twin_bytes(text: str, codec: str) -> bytes:
    return twin_text(text, codec).encode(codec)  # "utf-16" writes a BOM


def _cli_rows(path: Path) -> list[dict[str, Any]]:
    """Rows of ``tradefig extract PATH --format jsonl``: the bytes are read from the file."""
    result = RUNNER.invoke(app, ["extract", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def _without(rows: list[dict[str, Any]], *names: str) -> list[dict[str, Any]]:
    return [{k: v for k, v in row.items() if k not in names} for row in rows]


@pytest.mark.parametrize("codec", CODECS)
def test_small_articles_give_the_same_rows_in_every_codec(codec: str, tmp_path: Path) -> None:
    folder = tmp_path / codec
    folder.mkdir()
    for stem in SMALL_ARTICLES:
        original = (FIXTURES / "articles" / f"{stem}.txt").read_text(encoding="utf-8")
        (folder / f"{stem}.txt").write_bytes(twin_bytes(original, codec))
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for row in _cli_rows(folder):
        by_doc.setdefault(Path(row.pop("doc")).name, []).append(row)
    for stem in SMALL_ARTICLES:
        name = f"{stem}.txt"
        original = (FIXTURES / "articles" / name).read_text(encoding="utf-8")
        twin = twin_text(original, codec)
        got = by_doc.get(name, [])
        reference = _without(fixture_rows(name), "doc")
        if twin == original:
            assert got == reference, f"{name} in {codec}"
            continue
        # Same figures at the same offsets as the original; text columns as the twin spells them.
        assert _without(got, "text", "sentence") == _without(reference, "text", "sentence"), f"{name} in {codec}"
        assert got == _without(extract_rows(twin, doc=name), "doc"), f"{name} in {codec}"
        assert all(twin[r["start"] : r["end"]] == r["text"] for r in got)


@pytest.mark.parametrize("codec", CODECS)
def test_book_twins_decode_to_their_text(codec: str) -> None:
    """Extraction is a function of the decoded text, so the book's twins give its rows when they
    decode to exactly the twin text (the UTF-16 twin to the original itself); extracting the
    877 KB book takes seconds, so the full run is done once, for UTF-16, below."""
    original = BOOK.read_text(encoding="utf-8")
    item = read_bytes(BOOK.name, twin_bytes(original, codec))
    assert item.error is None
    assert item.text == twin_text(original, codec)


def test_book_from_utf16_file_gives_the_same_rows(tmp_path: Path) -> None:
    original = BOOK.read_text(encoding="utf-8")
    path = tmp_path / BOOK.name
    path.write_bytes(twin_bytes(original, "utf-16"))
    assert _without(_cli_rows(path), "doc") == _without(fixture_rows(BOOK.name), "doc")


# --- the legacy decoder ------------------------------------------------------------------------

RUSSIAN = "Товарооборот между Беларусью и Азербайджаном в январе-апреле 2024 года вырос в 14,5 раза."
FRENCH = "L'économie française a progressé de 3,5 % en 2023 ; les échanges ont augmenté de 12 %."


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (FRENCH, "latin-1"),
        (FRENCH, "cp1252"),
        ("Trade rose by €1.2 billion – the “record” level…", "cp1252"),
        (RUSSIAN, "cp1251"),
        (RUSSIAN, "koi8-r"),
        ("Το εμπόριο μεταξύ Ελλάδας και Κύπρου αυξήθηκε κατά 12% το 2023, σύμφωνα με την ΕΛΣΤΑΤ.", "cp1253"),
    ],
    ids=lambda v: v if len(v) < 10 else v[:8],
)
def test_legacy_files_decode(text: str, codec: str) -> None:
    assert decode(text.encode(codec)).text == text


def test_cyrillic_mojibake_in_a_cp1252_page_is_left_for_cleaning() -> None:
    """'20 ìàÿ 2024' in an English page is what the UTF-8 fixture holds: decoding must not turn the
    whole page into cp1251, or its Western characters would change; cleaning repairs the run."""
    text = "Azerbaijan and Belarus signed the roadmap on 20 ìàÿ 2024 in Minsk, the ministry’s site says."
    decoded = decode(text.encode("cp1252"))
    assert (decoded.text, decoded.encoding) == (text, "cp1252")


# --- issue #3, "Done when" ------------------------------------------------------------------------
# (The offsets invariant over every fixture and corpus row is tests/test_fixtures_and_corpus.py.)


def test_offsets_hold_in_the_mojibake_copy_and_across_lines() -> None:
    text = (FIXTURES / "articles" / "001_921194c762085c38.txt").read_text(encoding="utf-8")
    copy_starts = text.index("20 ìàÿ 2024")
    second_copy = [r for r in fixture_rows("001_921194c762085c38.txt") if r["start"] > copy_starts]
    assert {r["text"] for r in second_copy} >= {"$38 mln", "14.5-fold", "exceeded $400 mln"}
    assert all(text[r["start"] : r["end"]] == r["text"] for r in second_copy)
    book = BOOK.read_text(encoding="utf-8")
    split = [r for r in fixture_rows(BOOK.name) if "\n" in r["text"]]
    assert len(split) >= 10
    assert all(book[r["start"] : r["end"]] == r["text"] for r in split)
    assert any(r["text"] == "$3.7 \n\nbillion" and r["value"] == 3.7e9 for r in split)


def test_balance_sentence_holds_no_footnote_text() -> None:
    """Footnote 26 stands between 'The balance is positive –' and '$188.9 million' in the book."""
    book = BOOK.read_text(encoding="utf-8")
    at = book.index("$188.9 million")
    footnote = book[book.rindex("The balance is positive", 0, at) + len("The balance is positive") : at]
    assert "Electronic resource" in footnote  # the block really is in between
    (row,) = [r for r in fixture_rows(BOOK.name) if r["start"] == at]
    assert (row["flow"], row["value"], row["text"]) == ("balance", 188_900_000, "$188.9 million")
    assert row["sentence"].startswith("The balance is positive")
    lines = [line.strip() for line in footnote.splitlines() if len(line.strip()) > 6]
    assert lines
    assert not any(line in row["sentence"] for line in lines)


def test_footnote_marker_after_a_figure_is_not_a_figure() -> None:
    """'about $40 million 59. ”': 59 is footnote 59, not a value; the figure is 40 000 000 for 2022-01/2022-07."""
    book = BOOK.read_text(encoding="utf-8")
    start = book.index("For seven months of this year [2022]")
    end = book.index("59.", start) + 3
    rows = [r for r in fixture_rows(BOOK.name) if start <= r["start"] < end]
    assert [(r["text"], r["value"], r["period"]) for r in rows] == [
        ("about $40 million", 40_000_000, "2022-01/2022-07")
    ]
    assert (rows[0]["reporter"], rows[0]["reporter_region"], rows[0]["partner"]) == ("BLR", "BY-MA", "KAZ")


def test_split_number_is_one_figure() -> None:
    book = BOOK.read_text(encoding="utf-8")
    at = book.index("13 .7 billion dollars")
    (row,) = [r for r in fixture_rows(BOOK.name) if r["start"] == at]
    assert (row["text"], row["value"], row["unit"]) == ("13 .7 billion dollars", 13_700_000_000, "USD")


def _figure_sentences(text: str, start: int, end: int) -> list[str]:
    """Sentences overlapping ``text[start:end]`` that hold a figure (money, percent, factor, quantity)."""
    from tradefig.api import document_mentions
    from tradefig.text.document import prepare
    from tradefig.types import FIGURE_KINDS

    document = prepare(text)
    found = []
    for sentence, mentions in zip(document.sentences, document_mentions(document), strict=True):
        first, last = document.to_original(sentence.start, sentence.end)
        if last > start and first < end and any(m.kind in FIGURE_KINDS for m in mentions):
            found.append(sentence.text)
    return found


def test_calendar_and_page_footer_give_no_sentences_with_figures() -> None:
    news = (FIXTURES / "articles" / "003_a100341091a3468f.txt").read_text(encoding="utf-8")
    calendar = news.index("Similar news")
    assert "1 2 3 4 5 6" in news[calendar:]
    assert _figure_sentences(news, calendar, len(news)) == []
    page = (FIXTURES / "articles" / "001_921194c762085c38.txt").read_text(encoding="utf-8")
    footer = page.index("16+\n4 office")
    footer_end = page.index("Caspian Institute for Strategic Studies\nReports", footer)
    assert "+7 (495) 767-81-36" in page[footer:footer_end]
    assert _figure_sentences(page, footer, footer_end) == []
    rows = fixture_rows("001_921194c762085c38.txt") + fixture_rows("003_a100341091a3468f.txt")
    assert not [
        r for r in rows if footer <= r["start"] < footer_end or (r["start"] >= calendar and r["doc"][:3] == "003")
    ]


def test_check_reads_an_imprecise_date_as_its_last_day(tmp_path: Path) -> None:
    """sources.csv of ../fresh writes '2018 (inferred)': December 31, so 'this year' is 2018 and
    'in June' is June 2018."""
    import datetime as dt

    from tradefig.cli.check import read_dates

    (tmp_path / "sources.csv").write_text(
        "file,published_date,url\n"
        "a.txt,2018 (inferred),x\n"
        "b.txt,2019-04 (inferred),x\n"
        "c.txt,2021-12-29,x\n"
        "d.txt,unknown,x\n",
        encoding="utf-8",
    )
    assert read_dates(tmp_path) == {
        "a.txt": dt.date(2018, 12, 31),
        "b.txt": dt.date(2019, 4, 30),
        "c.txt": dt.date(2021, 12, 29),
    }
    rows = extract_rows("India's exports to Bangladesh rose by 24.1% this year.", date=dt.date(2018, 1, 1))
    assert [(r["value"], r["period"]) for r in rows] == [(24.1, "2018")]
