"""Adversarial inputs (issue #6) and how extraction time grows from n to 2n characters.

Each input is extracted at half its size (n) and at its full size (2n); the CPU time ratio
must stay close to 2 (linear). CPU time, not wall time, so a busy machine does not move it.

    python -m bench.adversarial                 # every input at full size (a few minutes)
    python -m bench.adversarial --scale 0.1     # a tenth of the size, quick
    python -m bench.adversarial --only digits parens --limit 2.6

From ``make bench``::

    from bench.adversarial import growth, report
    print(report(growth(scale=0.5)))

The unit tests run the same inputs at a small size and only check that they finish and
behave (offsets slice, no crash); timing belongs here.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "fixtures" / "articles"
LIMIT = 3.0  # ratio above which growth is reported as super-linear


def repeat(unit: str) -> Callable[[int], str]:
    """Text of ``unit`` repeated to ``chars`` characters."""

    def make(chars: int) -> str:
        return (unit * (chars // len(unit) + 1))[:chars]

    return make


def one_line(chars: int) -> str:
    """The fixture articles with every line break made a space, repeated: one long line of
    real sentences, as a converter that drops line breaks leaves it."""
    text = " ".join(p.read_text(encoding="utf-8").replace("\n", " ") for p in sorted(ARTICLES.glob("*.txt")))
    return repeat(text + " ")(chars)


def long_sentence(chars: int) -> str:
    """One 'sentence' without a full stop holding a figure every few words (a table dump)."""
    return repeat("Exports to China rose 5% to $2 billion in 2024 and ")(chars)


@dataclass(frozen=True)
class Adversarial:
    name: str
    description: str
    make: Callable[[int], str]
    size: int  # characters at full size (2n)


INPUTS: tuple[Adversarial, ...] = (
    # the list
    Adversarial("digits", "1 MB of digits without spaces", repeat("1234567890"), 1_000_000),
    Adversarial("one_commas", '"1," x 10^5', repeat("1,"), 200_000),
    Adversarial("dollars", '"$" x 10^5', repeat("$"), 100_000),
    Adversarial("millions", '"million " x 10^5', repeat("million "), 800_000),
    Adversarial("parens", '"(" x 10^5', repeat("("), 100_000),
    Adversarial("one_line", "one 5 MB line (the fixture articles, line breaks removed)", one_line, 5_000_000),
    # found by probing each recogniser with repeated tokens (quadratic or worse before the fix)
    Adversarial("half_words", '"half " x 10^5 (a word-number run)', repeat("half "), 500_000),
    Adversarial("hyphen_words", '"one-" x 10^5 (a URL scheme that never ends)', repeat("one-"), 400_000),
    Adversarial("the_words", '"the " x 10^5 (lead words of a period)', repeat("the "), 400_000),
    Adversarial("wide_spaces", '"\\u3000" x 10^5 (spaces that cleaning keeps)', repeat("\u3000"), 100_000),
    # figures packed into one sentence: cost grows with the mentions of a sentence
    Adversarial("long_sentence", "one sentence, a figure every few words", long_sentence, 100_000),
)


@dataclass(frozen=True)
class Growth:
    name: str
    description: str
    chars: int  # n; the second run has 2n
    seconds: float  # CPU seconds at n
    seconds_2n: float  # CPU seconds at 2n
    rows: int  # rows extracted at 2n

    @property
    def ratio(self) -> float:
        return self.seconds_2n / self.seconds if self.seconds > 0 else float("nan")


def _cpu(text: str) -> tuple[float, int]:
    from tradefig.api import extract_rows

    start = time.process_time()
    rows = extract_rows(text, doc="adversarial")
    return time.process_time() - start, len(rows)


def growth(
    inputs: Sequence[Adversarial] = INPUTS,
    scale: float = 1.0,
    progress: Callable[[Growth], None] | None = None,
) -> list[Growth]:
    """Extract every input at n = size * scale / 2 and at 2n characters; CPU seconds of each."""
    from tradefig.api import extract_rows

    extract_rows("Warm-up: exports to China rose 5% to $2 billion in 2024.")  # compile the patterns
    results = []
    for item in inputs:
        n = max(1, int(item.size * scale) // 2)
        seconds, _ = _cpu(item.make(n))
        seconds_2n, rows = _cpu(item.make(2 * n))
        result = Growth(item.name, item.description, n, seconds, seconds_2n, rows)
        results.append(result)
        if progress is not None:
            progress(result)
    return results


def report(results: Sequence[Growth], limit: float = LIMIT) -> str:
    """A plain-text table: input, n, CPU seconds at n and 2n, ratio (flagged above ``limit``)."""
    lines = [f"{'input':<15} {'n chars':>10} {'cpu n':>8} {'cpu 2n':>8} {'ratio':>6}  description"]
    for r in results:
        flag = "  SUPER-LINEAR" if r.ratio > limit else ""
        lines.append(
            f"{r.name:<15} {r.chars:>10,} {r.seconds:>8.2f} {r.seconds_2n:>8.2f} {r.ratio:>6.2f}  {r.description}{flag}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.adversarial", description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of each input's full size [1.0]")
    parser.add_argument("--only", nargs="+", metavar="NAME", help=f"inputs: {', '.join(i.name for i in INPUTS)}")
    parser.add_argument("--limit", type=float, default=LIMIT, help=f"ratio that fails the run [{LIMIT}]")
    args = parser.parse_args(argv)
    chosen = [i for i in INPUTS if not args.only or i.name in args.only]
    if not chosen:
        parser.error(f"no such input; choose from {', '.join(i.name for i in INPUTS)}")
    print(report([]), flush=True)
    results = growth(chosen, args.scale, progress=lambda r: print(report([r], args.limit).splitlines()[1], flush=True))
    slow = [r.name for r in results if r.ratio > args.limit]
    print(f"super-linear (ratio > {args.limit}): {', '.join(slow) if slow else 'none'}")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
