"""Whole articles: the offsets invariant everywhere, SPEC's worked examples, corpus floor."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, corpus_or_skip, fixture_rows
from tradefig.api import extract_rows
from tradefig.cli.check import read_dates
from tradefig.score import Score, score


def _articles() -> list[Path]:
    return sorted((FIXTURES / "articles").glob("*.txt"))


@pytest.mark.parametrize("path", _articles(), ids=lambda p: p.name[:3])
def test_offsets_invariant_on_fixtures(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for row in fixture_rows(path.name):
        assert text[row["start"] : row["end"]] == row["text"]


def test_offsets_invariant_on_corpus() -> None:
    corpus = corpus_or_skip()
    for path in sorted((corpus / "articles").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for row in extract_rows(text, doc=path.name):
            assert text[row["start"] : row["end"]] == row["text"]


SPEC_EXAMPLES = [
    # (file, text, reporter, partner, flow, measure, value, value_max, unit, qualifier, period, base, status)
    ("000", "double", "BLR", "AZE", "turnover", "change_factor", 2, None, "x", "eq", None, None, "target"),
    ("000", "around $5 million", "BLR", "AZE", "turnover", "level", 5e6, None, "USD", "approx", None, None, "actual"),
    ("000", "20-30 percent", "BLR", "AZE", "turnover", "change_pct", 20, 30, "%", "eq", None, None, "target"),
    ("001", "$38 mln", "AZE", "BLR", "turnover", "level", 38e6, None, "USD", "eq", "2024-01/2024-04", None, "actual"),
    (
        "001",
        "14.5-fold",
        "AZE",
        "BLR",
        "turnover",
        "change_factor",
        14.5,
        None,
        "x",
        "eq",
        "2024-01/2024-04",
        "2023-01/2023-04",
        "actual",
    ),
    ("001", "exceeded $400 mln", "AZE", "BLR", "turnover", "level", 4e8, None, "USD", "gt", "2023", None, "actual"),
    ("001", "$500 mln", "AZE", "BLR", "turnover", "level", 5e8, None, "USD", "eq", None, None, "target"),
    (
        "002",
        "13 .7 billion dollars",
        "EAEU",
        "ASEAN",
        "import",
        "level",
        13.7e9,
        None,
        "USD",
        "eq",
        "2021",
        None,
        "actual",
    ),
    (
        "002",
        "more than 2.5 times",
        "UZB",
        "EAEU",
        "turnover",
        "change_factor",
        2.5,
        None,
        "x",
        "gt",
        "2021",
        "2016",
        "actual",
    ),
    (
        "002",
        "about $40 million",
        "BLR",
        "KAZ",
        "turnover",
        "level",
        4e7,
        None,
        "USD",
        "approx",
        "2022-01/2022-07",
        None,
        "actual",
    ),
]


@pytest.mark.parametrize("example", SPEC_EXAMPLES, ids=lambda e: f"{e[0]}:{e[1]}")
def test_spec_worked_examples(example: tuple[object, ...]) -> None:
    stem, span, reporter, partner, flow, measure, value, value_max, unit, qualifier, period, base, status = example
    path = next((FIXTURES / "articles").glob(f"{stem}_*.txt"))
    rows = [r for r in fixture_rows(path.name) if r["text"].endswith(str(span))]
    assert rows, f"no row for {span!r}"
    row = rows[0]
    pair = {row["reporter"], row["partner"]} if flow == "turnover" else (row["reporter"], row["partner"])
    assert pair == ({reporter, partner} if flow == "turnover" else (reporter, partner))
    got = (row["flow"], row["measure"], row["unit"], row["qualifier"], row["period"], row["base_period"], row["status"])
    assert got == (flow, measure, unit, qualifier, period, base, status)
    assert row["value"] == pytest.approx(value)
    assert row["value_max"] == (pytest.approx(value_max) if value_max else None)


def test_corpus_scores_stay_above_floor() -> None:
    corpus = corpus_or_skip()
    expected = list(csv.DictReader((corpus / "expected.csv").open(encoding="utf-8")))
    dates = read_dates(corpus)
    total = Score()
    for path in sorted((corpus / "articles").glob("*.txt")):
        rows = extract_rows(path.read_text(encoding="utf-8"), doc=path.name, date=dates.get(path.name))
        total.add(score(rows, [r for r in expected if r["doc"] == path.name]))
    floor = float((FIXTURES / "CORPUS_MIN_F1").read_text())
    assert total.f1 >= floor, f"corpus F1 {total.f1:.3f} fell below {floor}"
