"""``tradefig explain`` on every fixture article: the document date and where it came from, the
cleaning edits by name, and sentences whose offsets point into the input (issue #3)."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import FIXTURES
from tradefig.cli.app import app

RUNNER = CliRunner()
WIDE = 100_000  # one line per sentence, so the output can be read back
_SENTENCE = re.compile(r"^#(\d+) \[(\d+):(\d+)\] ¶(\d+)$")


def _path(stem: str) -> Path:
    return next((FIXTURES / "articles").glob(f"{stem}_*.txt"))


@functools.cache
def _explain(stem: str, *options: str) -> str:
    result = RUNNER.invoke(app, ["explain", str(_path(stem)), "--width", str(WIDE), *options])
    assert result.exit_code == 0, result.output
    return result.stdout


def _sentences(output: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of every sentence explain printed."""
    lines = output.splitlines()
    found = []
    for at, line in enumerate(lines):
        match = _SENTENCE.match(line)
        if match:
            found.append((int(match[2]), int(match[3]), lines[at + 1].strip()))
    return found


DATES = {
    "000": 'document date: 2025-06-19 (found in text: "2025-06-19" [6:16], year-month-day)',
    "001": 'document date: 2024-05-20 (found in text: "20 May 2024" [169:180], day month year)',
    "002": "document date: none (none in the text",
    "003": "document date: none (none in the text",
    "004": "document date: none (none in the text",
}


@pytest.mark.parametrize("stem", ["000", "001", "002", "003", "004"])
def test_explain_each_fixture(stem: str) -> None:
    """Every fixture: the date line, a cleaning section, and sentences whose [start:end) slice the
    input: the slice begins and ends with the printed sentence's first and last characters."""
    options = ("--only-figures", "--edits", "3") if stem == "002" else ()
    output = _explain(stem, *options)
    text = _path(stem).read_text(encoding="utf-8")
    header, date_line, cleaning = output.splitlines()[:3]
    assert header.endswith(" sentences")
    assert date_line.startswith(DATES[stem])
    assert cleaning.startswith("cleaning: ")
    sentences = _sentences(output)
    assert sentences
    for start, end, sentence in sentences:
        assert 0 <= start < end <= len(text)
        assert (text[start], text[end - 1]) == (sentence[0], sentence[-1]), sentence
    if stem != "002":  # every sentence is shown without --only-figures
        assert len(sentences) == int(header.split(", ")[-1].split()[0])


def test_explain_names_the_mojibake_repair_and_the_furniture() -> None:
    output = _explain("001")
    assert "mojibake repaired (repair_mojibake): 1" in output
    assert "'ident.az⏎20 ìàÿ 2024⏎⏎Presi' → 'ident.az⏎20 мая 2024⏎⏎Presi'" in output
    assert "furniture removed (remove_non_text)" in output
    assert "footnote entry lifted (remove_non_text)" in output
    # The repaired copy is a sentence of its own, at the offsets of the mojibake.
    (repaired,) = [s for s in _sentences(output) if s[2] == "20 мая 2024"]
    text = _path("001").read_text(encoding="utf-8")
    assert text[repaired[0] : repaired[1]] == "20 ìàÿ 2024"


def test_explain_shows_why_the_book_figures_are_found() -> None:
    output = _explain("002", "--only-figures", "--edits", "3")
    assert "number rejoined (join_split_numbers): 5" in output
    assert "'orts - to 13 .7 billion d' → 'orts - to 13.7 billion d'" in output
    assert "footnote block lifted (remove_non_text)" in output
    assert "hyphenation joined (reflow)" in output
    blocks = output.split("\n\n")
    (balance,) = [b for b in blocks if "The balance is positive - $188.9 million 28." in b]
    assert "cleaned  footnote block lifted [31696:32498]" in balance
    assert "188900000" in balance
    (split,) = [b for b in blocks if "imports - to 13.7 billion dollars" in b]
    assert "cleaned  number rejoined [3698:3699]" in split
    (bracket,) = [b for b in blocks if "For seven months of this year [2022]" in b]
    assert "2022-01/2022-07" in bracket
    assert "40000000 USD" in bracket
    assert not re.search(r"\b59(?:\.0)? ", bracket.split("\n", 2)[2])  # the footnote marker is no figure


def test_explain_shows_the_calendar_removed_and_no_calendar_sentence() -> None:
    output = _explain("003")
    assert "calendar removed (remove_non_text): 6" in output
    assert "furniture removed (remove_non_text): 4" in output
    assert not [s for s in _sentences(output) if "1 2 3" in s[2] or "Su Mo Tu" in s[2]]


def test_explain_given_date_and_dateline(tmp_path: Path) -> None:
    given = RUNNER.invoke(app, ["explain", str(_path("003")), "--date", "2024-05-01", "--width", str(WIDE)])
    assert "document date: 2024-05-01 (given with --date)" in given.stdout
    assert re.search(r"period +the first four months of this year +2024-01/2024-04", given.stdout)
    article = tmp_path / "dateline.txt"
    article.write_text("BAKU, Azerbaijan, June 19. Trade rose by 5%, and in 2025 we plan to double it.\n")
    dated = RUNNER.invoke(app, ["explain", str(article), "--width", str(WIDE)])
    assert dated.exit_code == 0, dated.output
    assert (
        'document date: 2025-06-19 (found in text: "BAKU, Azerbaijan, June 19" [0:25], '
        "dateline, year from the text; year 2025 at [52:56])"
    ) in dated.stdout


def test_explain_edits_option_limits_the_listing() -> None:
    lines = _explain("001", "--edits", "0").splitlines()
    assert "mojibake repaired 1, " in lines[2]  # all kinds are counted ...
    assert lines[3] == ""  # ... none listed
    listed = _explain("001", "--edits", "1").splitlines()
    assert listed[3:5] == [
        "  mojibake repaired (repair_mojibake): 1",
        "    [28668:28671] 'ident.az⏎20 ìàÿ 2024⏎⏎Presi' → 'ident.az⏎20 мая 2024⏎⏎Presi'",
    ]
    assert "    ... 6 more (--edits N lists more)" in listed
