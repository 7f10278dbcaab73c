"""Issue #6 properties: arbitrary and damaged text never raises, offsets always slice the input,
output is deterministic, every writer round-trips arbitrary strings, and the adversarial
inputs finish (their n → 2n growth is measured by ``bench/adversarial.py``, not here)."""

from __future__ import annotations

import csv
import json
import random
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.adversarial import INPUTS
from bench.fuzz import TOKENS
from tests.conftest import FIXTURES, SMALL_ARTICLES
from tradefig.api import extract_rows, mention_rows_for
from tradefig.io.readers import read_bytes
from tradefig.io.writers import write
from tradefig.table import MENTION_COLUMNS, Row

QUICK = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_sound(text: str) -> list[Row]:
    """Extraction and mentions on ``text``: no exception, offsets slice ``text``, and a
    second run gives the same rows."""
    rows = extract_rows(text, doc="t")
    for row in rows:
        assert text[row["start"] : row["end"]] == row["text"]
    mentions = mention_rows_for(text, doc="t")
    for row in mentions:
        assert text[row["start"] : row["end"]] == row["text"]
    assert extract_rows(text, doc="t") == rows
    assert mention_rows_for(text, doc="t") == mentions
    return rows


# --- arbitrary text ---------------------------------------------------------------------------------

unicode_text = st.text(alphabet=st.characters(codec=None, exclude_categories=["Cs"]), max_size=400)
soup = st.lists(
    st.tuples(st.sampled_from(TOKENS), st.sampled_from([" ", "", "\n", ", ", ". ", "-", "\u00a0"])), max_size=60
).map(lambda parts: "".join(token + separator for token, separator in parts))


@settings(max_examples=80, deadline=None)
@given(unicode_text)
def test_arbitrary_unicode(text: str) -> None:
    assert_sound(text)


@settings(max_examples=80, deadline=None)
@given(soup)
def test_soup_of_the_tokens_the_recognisers_look_for(text: str) -> None:
    assert_sound(text)


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_decode_or_are_refused(data: bytes) -> None:
    item = read_bytes("b", data)
    if item.error is None:
        assert_sound(item.text)
    else:
        assert item.error.startswith("binary file")


# --- damaged fixture articles -------------------------------------------------------------------------


def _article(name: str) -> bytes:
    return (FIXTURES / "articles" / f"{name}.txt").read_bytes()


@st.composite
def damaged_articles(draw: st.DrawFn) -> bytes:
    """A fixture article (or a window of the 877 KB book) with lines shuffled, bytes flipped,
    spans cut or repeated, and truncated at any byte, in any combination."""
    name = draw(st.sampled_from([*SMALL_ARTICLES, "002_a429d0ecf626983d"]))
    data = _article(name)
    if len(data) > 6000:
        start = draw(st.integers(0, len(data) - 6000))
        data = data[start : start + 6000]
    if draw(st.booleans()):
        lines = data.split(b"\n")
        order = draw(st.permutations(range(len(lines))))
        data = b"\n".join(lines[i] for i in order)
    flips = draw(st.lists(st.tuples(st.integers(0, max(len(data) - 1, 0)), st.integers(1, 255)), max_size=12))
    buffer = bytearray(data)
    for at, value in flips:
        if buffer:
            buffer[at] = value
    data = bytes(buffer)
    if draw(st.booleans()) and data:
        a = draw(st.integers(0, len(data) - 1))
        b = draw(st.integers(a, min(len(data), a + 400)))
        data = data[:a] + data[b:] if draw(st.booleans()) else data[:b] + data[a:b] * 3 + data[b:]
    return data[: draw(st.integers(0, len(data)))]


@QUICK
@given(damaged_articles())
def test_damaged_articles(data: bytes) -> None:
    item = read_bytes("damaged", data)
    assert item.error is None  # flips never write NUL: still text
    assert_sound(item.text)


def test_truncating_inside_a_utf8_sequence_still_finds_the_figures() -> None:
    text = "Russia and China: bilateral trade turnover rose 5% to $2 billion in 2024. Товарооборот"
    data = text.encode("utf-8")[:-1]  # the last Cyrillic letter cut in half
    item = read_bytes("cut", data)
    assert item.warnings
    assert {row["text"] for row in assert_sound(item.text)} == {"5%", "$2 billion"}


# --- writers ------------------------------------------------------------------------------------------

cell = st.text(alphabet=st.characters(codec="utf-8"), max_size=40) | st.sampled_from(
    ['"', '""', ",", "\n", "\r\n", "\r", "\t", "😀🇷🇺", "a,b", 'say "hi"', " lead", "trail ", "=1+1", "-", "\\N", "null"]
)


def _row(texts: list[str]) -> Row:
    row: dict[str, Any] = {c.name: None for c in MENTION_COLUMNS}
    row.update(doc=texts[0], kind=texts[1], text=texts[2], rule=texts[3], start=0, end=len(texts[2]), value=1.5)
    return row


@QUICK
@given(st.lists(st.lists(cell, min_size=4, max_size=4), min_size=1, max_size=5))
def test_every_writer_round_trips_arbitrary_strings(
    tmp_path_factory: pytest.TempPathFactory, cells: list[list[str]]
) -> None:
    import pyarrow.parquet as pq

    rows = [_row(texts) for texts in cells]
    folder = tmp_path_factory.mktemp("writers")
    strings = ("doc", "kind", "text", "rule")
    for fmt in ("csv", "tsv", "jsonl", "parquet"):
        target = folder / f"rows.{fmt}"
        assert write(rows, MENTION_COLUMNS, fmt, str(target)) == len(rows)
        if fmt == "parquet":
            back = pq.read_table(target).to_pylist()
        elif fmt == "jsonl":
            back = [json.loads(line) for line in target.read_text(encoding="utf-8").split("\n") if line]
        else:
            with target.open(encoding="utf-8", newline="") as handle:
                back = list(csv.DictReader(handle, delimiter="," if fmt == "csv" else "\t"))
        assert [[r[k] for k in strings] for r in back] == [[r[k] for k in strings] for r in rows], fmt


def test_writers_replace_lone_surrogates(tmp_path: Path) -> None:
    rows = [_row(["\udcff.txt", "money", "$5", "r"])]
    for fmt in ("csv", "jsonl", "parquet"):
        target = tmp_path / f"rows.{fmt}"
        write(rows, MENTION_COLUMNS, fmt, str(target))
        assert "\ufffd.txt" in target.read_bytes().decode("utf-8", "replace")


# --- adversarial inputs ---------------------------------------------------------------------------------

# Small sizes: each must finish quickly and behave. A quadratic regression shows up as seconds
# here and as a ratio far above 2 in `python -m bench.adversarial`.
_SMALL = 20_000
_CPU_LIMIT = 20.0  # seconds of CPU for 20,000 characters: generous, catches quadratic blowups


@pytest.mark.parametrize("item", INPUTS, ids=[i.name for i in INPUTS])
def test_adversarial_inputs_finish_and_behave(item: Any) -> None:
    text = item.make(_SMALL)
    start = time.process_time()
    rows = assert_sound(text) if item.name == "one_line" else extract_rows(text, doc="adversarial")
    assert time.process_time() - start < _CPU_LIMIT
    for row in rows:
        assert text[row["start"] : row["end"]] == row["text"]


def test_a_long_line_keeps_its_figures() -> None:
    text = INPUTS[5].make(100_000)  # one_line: the fixture articles without line breaks, mojibake included
    rows = extract_rows(text, doc="line")
    assert len(rows) > 50
    assert all(text[r["start"] : r["end"]] == r["text"] for r in rows)


def test_shuffled_words_of_an_article_never_raise() -> None:
    words = _article(SMALL_ARTICLES[0]).decode("utf-8").split()
    rng = random.Random(6)
    for _ in range(5):
        rng.shuffle(words)
        assert_sound(" ".join(words))
