"""Fuzzing: the pipeline on random and mutated inputs for a fixed time (``make fuzz``, not CI).

Four kinds of input, in turn:

* random Unicode (every script, control characters, odd spaces, emoji);
* a soup of the tokens the recognisers look for (numbers in every format, currencies, scale
  words, percent forms, months, years, quarters, parties, trade cues, brackets);
* a fixture article (or a window of the book) with lines shuffled, bytes flipped, spans cut
  or repeated, and the bytes truncated, then decoded as a file is;
* a run of one token repeated thousands of times (super-linear time shows up as a timeout).

Every input must go through ``extract`` and ``mentions`` without an exception, with offsets
that slice the input (``text[start:end] == row['text']``), the same rows a second time, rows
that survive a CSV round trip, and in less than ``--timeout`` seconds. A failing input is
saved under ``--out`` with its traceback; the run ends with the count of inputs and failures.

    python -m bench.fuzz --seconds 60 [--seed 7] [--out /tmp/tradefig-fuzz]
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import os
import random
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "fixtures" / "articles"

TOKENS = (
    # numbers
    "1", "12", "2.5", "13,7", "1,092.5", "1 943", "245.4", ".5", "0", "100", "1,000,000", "10 000 000", "-3", "+4",
    "one", "twenty-five", "a hundred", "one and a half", "half", "a third", "quarter", "dozen",
    # currencies and scales
    "$", "US$", "€", "£", "¥", "₽", "USD", "EUR", "RUB", "Rs", "c $", "AUD$", "MUSD", "dollars", "euros", "yuan",
    "million", "billion", "bn", "mln", "m", "k", "trillion", "lakh", "crore", "thousand", "tonnes", "barrels", "bcm",
    # percent and factors
    "%", "percent", "per cent", "pct", "percentage points", "pp", "-fold", "times", "twice", "doubled", "halved",
    # periods
    "2023", "2024", "1998", "2030", "Q1", "H2", "first half", "January", "Jan.", "March-May", "FY2022-23",
    "year-on-year", "last year", "this year", "the same period", "months", "since", "by", "in", "from", "to",
    # parties and cues
    "Russia", "China", "the EU", "U.S.", "Azerbaijan", "Belarus", "ASEAN", "Chinese", "Moscow", "bilateral",
    "trade", "turnover", "exports", "imports", "balance", "deficit", "surplus", "between", "and", "with", "rose",
    "fell", "reached", "amounted to", "more than", "about", "up to", "target", "contracts",
    # punctuation and structure
    ".", ",", ";", ":", "(", ")", "[", "]", "-", "–", "—", "/", '"', "“", "”", "'", "’", "\n", "\n\n", "  ", "\t",
    "\u00a0", "\u3000", "\u200b", "\ufeff", "\ufffd", "https://example.org/a%28b", "www.x.com", "[1]", "*",
)  # fmt: skip
_SEPARATORS = (" ", " ", " ", "", "\n", ", ", ". ", "-", "\u00a0")
_ALPHABETS = (
    "0123456789",
    "0123456789.,- %$€£¥()",
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГД",
    "中国贸易额亿美元增长百分之",
    "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿ",
    "\u0300\u0301\u0308\u200d\u200e\u200f\u2028\u2029\x00\x01\x07\x1b\x7f\x85",
    "😀🇷🇺🇨🇳👍🏽💰📈",
    " \t\n\r\u00a0\u2000\u2009\u202f\u3000\x0b\x0c",
)


class Timeout(Exception):
    """An input took longer than the time limit (a sign of super-linear time)."""


# --- inputs ---------------------------------------------------------------------------------------


def random_unicode(rng: random.Random) -> str:
    size = rng.choice((10, 100, 1000, 3000))
    parts = []
    while sum(map(len, parts)) < size:
        if rng.random() < 0.1:
            parts.append(chr(rng.randrange(0x20, 0x30000)))
        else:
            parts.append(rng.choice(rng.choice(_ALPHABETS)))
    return "".join(parts)


def token_soup(rng: random.Random) -> str:
    count = rng.choice((5, 20, 100, 300))
    return "".join(rng.choice(TOKENS) + rng.choice(_SEPARATORS) for _ in range(count))


def repeated_run(rng: random.Random) -> str:
    unit = rng.choice(TOKENS) + rng.choice(("", " ", "-", ",", "."))
    return unit * (rng.choice((1_000, 5_000, 20_000)) // max(len(unit), 1))


def _articles() -> list[bytes]:
    texts = [p.read_bytes() for p in sorted(ARTICLES.glob("*.txt"))]
    if not texts:
        return [b"Exports to China rose 5% to $2 billion in 2024."]
    return texts


def mutated_article(rng: random.Random, articles: Sequence[bytes]) -> bytes:
    data = rng.choice(articles)
    if len(data) > 10_000:  # a window of the book keeps each input quick
        start = rng.randrange(len(data) - 10_000)
        data = data[start : start + 10_000]
    for _ in range(rng.randint(1, 4)):
        data = rng.choice(_MUTATIONS)(rng, data)
    return data


def _shuffle_lines(rng: random.Random, data: bytes) -> bytes:
    lines = data.split(b"\n")
    rng.shuffle(lines)
    return b"\n".join(lines)


def _flip_bytes(rng: random.Random, data: bytes) -> bytes:
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        if buffer:
            buffer[rng.randrange(len(buffer))] = rng.randrange(1, 256)  # NUL would make it binary
    return bytes(buffer)


def _truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def _cut_or_repeat(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return data
    a = rng.randrange(len(data))
    b = min(len(data), a + rng.randint(1, 500))
    return data[:a] + data[b:] if rng.random() < 0.5 else data[:b] + data[a:b] * rng.randint(1, 5) + data[b:]


def _insert_tokens(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + token_soup(rng).encode("utf-8") + data[at:]


_MUTATIONS: tuple[Callable[[random.Random, bytes], bytes], ...] = (
    _shuffle_lines, _flip_bytes, _truncate, _cut_or_repeat, _insert_tokens,
)  # fmt: skip


def inputs(rng: random.Random) -> Iterator[tuple[str, bytes]]:
    """(kind, bytes) forever, the kinds in turn."""
    articles = _articles()
    while True:
        yield "unicode", random_unicode(rng).encode("utf-8", "surrogatepass")
        yield "tokens", token_soup(rng).encode("utf-8")
        yield "mutated", mutated_article(rng, articles)
        if rng.random() < 0.25:
            yield "repeated", repeated_run(rng).encode("utf-8")


# --- checks ---------------------------------------------------------------------------------------


def check(data: bytes) -> None:
    """Raise AssertionError (or whatever the pipeline raises) when an invariant breaks."""
    from tradefig.api import extract_rows, mention_rows_for
    from tradefig.io.readers import read_bytes
    from tradefig.io.writers import write_delimited
    from tradefig.table import COLUMNS

    item = read_bytes("fuzz", data)
    if item.error is not None:
        return
    text = item.text
    rows = extract_rows(text, doc="fuzz")
    for row in rows:
        assert text[row["start"] : row["end"]] == row["text"], f"extract offsets {row['start']}:{row['end']}"
    for row in mention_rows_for(text, doc="fuzz"):
        assert text[row["start"] : row["end"]] == row["text"], f"mention offsets {row['start']}:{row['end']}"
    assert extract_rows(text, doc="fuzz") == rows, "a second run gave other rows"
    buffer = io.StringIO()
    write_delimited(rows, COLUMNS, buffer, ",")
    back = list(csv.DictReader(io.StringIO(buffer.getvalue(), newline="")))
    assert [r["text"] for r in back] == [r["text"] for r in rows], "CSV round trip changed a text cell"


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def expire(signum: int, frame: FrameType | None) -> None:
        raise Timeout(f"more than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# --- the run --------------------------------------------------------------------------------------


def fuzz(seconds: float, seed: int, out: Path, timeout: float, log: Callable[[str], None] = print) -> tuple[int, int]:
    """Run for ``seconds``; return (inputs run, failures). Failing inputs are saved in ``out``."""
    from tradefig.api import extract_rows

    extract_rows("Warm-up: exports to China rose 5% to $2 billion in 2024.")
    rng = random.Random(seed)
    deadline = time.monotonic() + seconds
    runs = failures = 0
    kinds: dict[str, int] = {}
    for kind, data in inputs(rng):
        if time.monotonic() >= deadline:
            break
        runs += 1
        kinds[kind] = kinds.get(kind, 0) + 1
        try:
            with time_limit(timeout):
                check(data)
        except Exception as error:
            failures += 1
            out.mkdir(parents=True, exist_ok=True)
            name = f"seed{seed}-{runs:06d}-{kind}"
            (out / f"{name}.txt").write_bytes(data)
            (out / f"{name}.error").write_text(
                "".join(traceback.format_exception(error)), encoding="utf-8", errors="replace"
            )
            log(f"FAIL {kind} input #{runs} ({len(data)} bytes): {error!r} -> {out / name}.txt")
    summary = ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
    log(f"fuzz: {runs} inputs run in {seconds:g} s (seed {seed}; {summary}), {failures} failures")
    return runs, failures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.fuzz", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--seconds", type=float, default=float(os.environ.get("FUZZ_SECONDS", 60)), help="how long to run [60]"
    )
    parser.add_argument("--seed", type=int, default=None, help="random seed [from the clock]")
    parser.add_argument(
        "--out", type=Path, default=Path(tempfile.gettempdir()) / "tradefig-fuzz", help="where failing inputs go"
    )
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds one input may take [30]")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else int(time.time()) % 100_000
    _, failures = fuzz(args.seconds, seed, args.out, args.timeout)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
