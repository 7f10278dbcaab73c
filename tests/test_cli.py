"""The CLI on the fixture articles: formats, stdin, folders, -o, --date, exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from tests.conftest import FIXTURES
from tradefig.cli.app import app
from tradefig.table import NAMES

RUNNER = CliRunner()
ARTICLE = str(FIXTURES / "articles" / "000_772cf992e7a4d645.txt")


def test_help_for_every_command() -> None:
    for command in ([], ["extract"], ["mentions"], ["explain"], ["check"]):
        result = RUNNER.invoke(app, [*command, "--help"], terminal_width=100)
        assert result.exit_code == 0
        assert "Usage" in result.output


def test_version() -> None:
    result = RUNNER.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.startswith("tradefig ")


def test_csv_header_and_offsets() -> None:
    result = RUNNER.invoke(app, ["extract", ARTICLE, "--format", "csv"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0].keys()) == list(NAMES)
    text = Path(ARTICLE).read_text(encoding="utf-8")
    assert len(rows) >= 3
    for row in rows:
        assert text[int(row["start"]) : int(row["end"])] == row["text"]


def test_stdin_gives_the_same_rows() -> None:
    text = Path(ARTICLE).read_text(encoding="utf-8")
    from_file = list(csv.DictReader(io.StringIO(RUNNER.invoke(app, ["extract", ARTICLE, "-f", "csv"]).stdout)))
    from_stdin = list(csv.DictReader(io.StringIO(RUNNER.invoke(app, ["extract", "-", "-f", "csv"], input=text).stdout)))
    assert [{**r, "doc": ""} for r in from_file] == [{**r, "doc": ""} for r in from_stdin]
    assert from_stdin[0]["doc"] == "-"


def test_jsonl_lines_parse() -> None:
    result = RUNNER.invoke(app, ["extract", ARTICLE, "--format", "jsonl"])
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines
    assert set(lines[0]) == set(NAMES)


def test_parquet_and_csv_round_trip(tmp_path: Path, small_fixtures: Path) -> None:
    parquet = tmp_path / "out.parquet"
    out_csv = tmp_path / "out.csv"
    assert RUNNER.invoke(app, ["extract", str(small_fixtures / "articles"), "-o", str(parquet)]).exit_code == 0
    assert RUNNER.invoke(app, ["extract", str(small_fixtures / "articles"), "-o", str(out_csv)]).exit_code == 0
    frame = pd.read_parquet(parquet)
    assert list(frame.columns) == list(NAMES)
    assert str(frame["start"].dtype) == "int64"
    assert str(frame["value"].dtype) == "float64"
    again = pd.read_csv(out_csv, keep_default_na=False, na_values=[""])
    assert len(again) == len(frame)
    assert list(again["text"]) == list(frame["text"])
    import pyarrow.parquet as pq

    assert b"tradefig.version" in pq.read_schema(parquet).metadata


def test_parquet_needs_output() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tradefig", "extract", ARTICLE, "--format", "parquet"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "-o" in result.stderr


def test_missing_path_is_one_clear_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tradefig", "extract", "nope.txt", "-f", "csv"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.strip() == "tradefig: nope.txt: no such file or folder"


def test_the_console_script_leaves_fast_with_every_row_and_its_exit_code(tmp_path: Path) -> None:
    """``run`` ends the process with ``os._exit``: the rows written so far, the ``-o`` file
    and the exit code must all be there, as after a normal exit."""
    expected = RUNNER.invoke(app, ["extract", ARTICLE, "--format", "csv"]).stdout
    result = subprocess.run(
        [sys.executable, "-m", "tradefig", "extract", ARTICLE, "nope.txt", "--format", "csv", "--jobs", "1"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == expected
    target = tmp_path / "rows.jsonl"
    written = subprocess.run(
        [sys.executable, "-m", "tradefig", "extract", ARTICLE, "-o", str(target)], capture_output=True, check=False
    )
    assert written.returncode == 0
    assert len(target.read_text(encoding="utf-8").splitlines()) == len(expected.splitlines()) - 1


def test_date_option_resolves_relative_periods() -> None:
    article = str(FIXTURES / "articles" / "003_a100341091a3468f.txt")
    without = list(csv.DictReader(io.StringIO(RUNNER.invoke(app, ["extract", article, "-f", "csv"]).stdout)))
    dated = list(
        csv.DictReader(
            io.StringIO(RUNNER.invoke(app, ["extract", article, "-f", "csv", "--date", "2025-06-01"]).stdout)
        )
    )
    assert all(not r["period"] for r in without)
    assert any(r["period"] == "2025-01/2025-04" for r in dated)
    assert RUNNER.invoke(app, ["extract", article, "--date", "June"]).exit_code == 2


def test_output_is_atomic_and_inputs_protected(tmp_path: Path) -> None:
    target = tmp_path / "rows.csv"
    target.write_text("previous", encoding="utf-8")
    result = RUNNER.invoke(app, ["extract", "missing.txt", str(ARTICLE), "--strict", "-o", str(target)])
    assert result.exit_code == 1
    assert target.read_text(encoding="utf-8") == "previous"
    copy = tmp_path / "in.txt"
    copy.write_text("Trade grew 5%.", encoding="utf-8")
    assert RUNNER.invoke(app, ["extract", str(copy), "-o", str(copy), "-f", "csv"]).exit_code != 0
    assert copy.read_text(encoding="utf-8") == "Trade grew 5%."


def test_mentions_and_explain() -> None:
    result = RUNNER.invoke(app, ["mentions", ARTICLE, "-f", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {"money", "percent", "factor", "party"} <= {r["kind"] for r in rows}
    explained = RUNNER.invoke(app, ["explain", ARTICLE, "--only-figures"], terminal_width=120)
    assert explained.exit_code == 0
    assert "document date: 2025-06-19" in explained.stdout
    assert "money.symbol_amount" in explained.stdout


def test_check_fixtures_passes_floor(small_fixtures: Path) -> None:
    # The whole fixture folder, book included, is checked by `make check-fixtures`.
    floor = (FIXTURES / "MIN_F1").read_text().strip()
    result = RUNNER.invoke(app, ["check", str(small_fixtures), "--min-f1", floor, "--no-diff"])
    assert result.exit_code == 0, result.stdout
    assert "TOTAL" in result.stdout


def test_round_trip_to_the_same_dataframe(tmp_path: Path, small_fixtures: Path) -> None:
    import tradefig
    from tradefig.table import COLUMNS, to_frame

    folder = str(small_fixtures / "articles")
    expected = tradefig.extract_files([folder])
    parquet, out_csv = tmp_path / "rows.parquet", tmp_path / "rows.csv"
    assert RUNNER.invoke(app, ["extract", folder, "-o", str(parquet)]).exit_code == 0
    assert RUNNER.invoke(app, ["extract", folder, "-o", str(out_csv)]).exit_code == 0
    from_parquet = to_frame(pd.read_parquet(parquet).to_dict("records"), COLUMNS)
    raw = pd.read_csv(out_csv, dtype=str, keep_default_na=False).replace({"": None})
    from_csv = to_frame(raw.to_dict("records"), COLUMNS)
    pd.testing.assert_frame_equal(from_parquet, expected)
    pd.testing.assert_frame_equal(from_csv, expected)
