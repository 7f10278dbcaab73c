"""Score tradefig's figure recognisers on the peers' own test suites (issue #4).

    .venv/bin/python -m bench.conformance [--dir ../shared/conformance] [--check] [--failures SUITE]

The suites are the JSONL files described in ``../shared/conformance/README.md``
(Recognizers-Text, Duckling and quantulum3 test vectors, converted). Each record's
text goes through the public pipeline (``tradefig.api.mention_rows_for``, what
``tradefig.mentions`` returns as a DataFrame), and its money/percent mentions are
compared with the expected items.

Scoring rules (and the decisions taken where the issue was silent):

- An expected money/percent item is *found* when a mention of the same kind
  overlaps its span, has the same unit (ISO 4217 code or ``%``; a ``pp``
  mention does not count as percent) and a value within 0.5 % of the expected
  one, and, when the item is a range with an upper bound, a ``value_max``
  within 0.5 % too. Each mention may find one item only.
- Items whose ``unit`` is null (flag ``unit_unmapped``: cents, pence, francs,
  rupees of no stated country, bitcoin, "bucks", rates such as "$15.4/hour")
  are **skipped**: the SPEC reports money in ISO 4217 codes only, and for
  sub-units the peer's value counts the minor unit ("50 cents" → 50), which a
  correct ISO reading (0.50 USD) would fail. Their number is shown as ``skip``.
- Items without a value: ``no_value_mention`` items (a currency word without
  an amount, "a multibillion - dollar deal") are skipped, since a mention
  always has a value; Duckling's ``value_not_asserted`` range items are found
  on span and unit alone.
- Items without a span (Duckling's ``first_result_only`` / ``span_not_asserted``)
  are found by any mention of the text with the same kind, unit and value.
- Records flagged ``not_supported_by_design_*`` are skipped (``skip rec``).
- ``fp neg``: money/percent mentions in negative records (``expected == []``).
  ``extra``: mentions in positive records, of a kind the suite tests (money
  in a currency suite, percent in a percent suite), that overlap no expected
  item at all (skipped items included); reported, not enforced, because the
  peers do not list every amount a sentence holds.
- Number suites: tradefig has no "number" mention kind, so the shared number
  grammar the figure recognisers are built on (``grammar.amount`` = number and
  scale word, resolved by ``common.split_amount``/``amount_value``) is scored
  instead: an item is found when an amount overlaps it with a value within
  0.5 % (for ranges, the lower bound). Report only.
- ``duckling_money_locales`` is report only: its expected currency depends on a
  locale ("$10" is AUD in en_AU) that tradefig does not take as input.

``--check`` exits 1 when a suite with a threshold falls below its recall or
has any false positive on its negative records. A missing data folder prints
"skipped" and exits 0, so the target also works where ../shared is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT.parent / "shared" / "conformance"
FIGURE_KINDS = ("money", "percent")
TOLERANCE = 0.005

# suite (file stem) -> minimum recall; these suites must also have no false positive
# on their negative records.
THRESHOLDS: dict[str, float] = {
    "recognizers_currency": 0.85,
    "recognizers_percent": 0.95,
    "duckling_money": 0.85,
    "quantulum3_money_percent": 0.90,
}
SUITES = (
    "recognizers_currency",
    "recognizers_percent",
    "duckling_money",
    "quantulum3_money_percent",
    "duckling_money_locales",
    "recognizers_number",
    "recognizers_number_range",
    "duckling_number",
)


@dataclass
class Found:
    """A mention reduced to what scoring needs."""

    kind: str
    start: int
    end: int
    text: str
    value: float | None
    value_max: float | None
    unit: str | None

    def show(self) -> str:
        upper = f"..{self.value_max:g}" if self.value_max is not None else ""
        value = f"{self.value:g}" if self.value is not None else "?"
        return f"{self.kind} «{self.text}» {value}{upper} {self.unit or ''}".rstrip()


@dataclass
class Miss:
    record: dict[str, Any]
    item: dict[str, Any] | None  # None: mentions that match nothing (``found``)
    found: list[Found]


@dataclass
class SuiteScore:
    name: str
    records: int = 0
    skipped_records: int = 0
    items: int = 0
    skipped_items: int = 0
    found: int = 0
    fp_negative: int = 0
    extra: int = 0
    misses: list[Miss] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.items if self.items else 1.0

    @property
    def threshold(self) -> float | None:
        return THRESHOLDS.get(self.name)

    @property
    def passed(self) -> bool | None:
        if self.threshold is None:
            return None
        return self.recall >= self.threshold and self.fp_negative == 0


# --- reading ------------------------------------------------------------------------------------


def read_suite(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _skip_record(record: dict[str, Any]) -> bool:
    return any(flag.startswith("not_supported_by_design") for flag in record.get("flags", []))


def _skip_item(item: dict[str, Any], record: dict[str, Any]) -> bool:
    if item["kind"] in FIGURE_KINDS and item.get("unit") is None:
        return True
    return item.get("value") is None and "no_value_mention" in record.get("flags", [])


# --- finding ------------------------------------------------------------------------------------


def figure_mentions(text: str) -> list[Found]:
    """Money and percent mentions of ``text``, through the public pipeline."""
    from tradefig.api import mention_rows_for

    return [
        Found(r["kind"], r["start"], r["end"], r["text"], r["value"], r["value_max"], r["unit"])
        for r in mention_rows_for(text)
        if r["kind"] in FIGURE_KINDS
    ]


def number_mentions(text: str) -> list[Found]:
    """Amounts (number + optional scale word) found by the shared number grammar."""
    import regex

    from tradefig.recognizers.common import amount_value, split_amount
    from tradefig.recognizers.grammar import FLAGS, build_grammar

    grammar = build_grammar()
    found = []
    for match in regex.finditer(grammar.amount, text, FLAGS):
        number, scale = split_amount(match.group(), grammar)
        value = amount_value(number, scale, grammar)
        if value is not None:
            found.append(Found("number", match.start(), match.end(), match.group(), float(value), None, None))
    return found


# --- matching -----------------------------------------------------------------------------------


def _close(got: float | None, expected: float | None) -> bool:
    if expected is None:
        return True
    if got is None:
        return False
    return abs(got - expected) <= TOLERANCE * abs(expected)


def _overlaps(found: Found, item: dict[str, Any]) -> bool:
    if item.get("start") is None:
        return True
    return bool(found.start < item["end"] and item["start"] < found.end)


def _matches(found: Found, item: dict[str, Any]) -> bool:
    if found.kind != item["kind"] or not _overlaps(found, item):
        return False
    if item["kind"] == "number":
        return _close(found.value, item.get("value"))
    return (
        found.unit == item.get("unit")
        and _close(found.value, item.get("value"))
        and (item.get("value_max") is None or _close(found.value_max, item.get("value_max")))
    )


def score_suite(name: str, records: Sequence[dict[str, Any]]) -> SuiteScore:
    score = SuiteScore(name)
    number_suite = "number" in name
    kinds = {item["kind"] for record in records for item in record["expected"]}
    for record in records:
        score.records += 1
        if _skip_record(record):
            score.skipped_records += 1
            continue
        found = number_mentions(record["text"]) if number_suite else figure_mentions(record["text"])
        if record["negative"]:
            score.fp_negative += len(found)
            if found:
                score.misses.append(Miss(record, None, found))
            continue
        unused = list(found)
        for item in record["expected"]:
            if _skip_item(item, record):
                score.skipped_items += 1
                continue
            score.items += 1
            hit = next((f for f in unused if _matches(f, item)), None)
            if hit is None:
                score.misses.append(Miss(record, item, found))
            else:
                score.found += 1
                unused.remove(hit)
        spans = [(i["start"], i["end"]) for i in record["expected"] if i.get("start") is not None]
        if len(spans) == len(record["expected"]):
            extra = [f for f in found if f.kind in kinds and all(f.end <= s or e <= f.start for s, e in spans)]
            score.extra += len(extra)
            if extra:
                score.misses.append(Miss(record, None, extra))
    return score


# --- reporting ----------------------------------------------------------------------------------

_HEADER = ("suite", "records", "skip rec", "items", "skip", "found", "recall", "min", "fp neg", "extra", "status")


def table(scores: Sequence[SuiteScore]) -> str:
    rows = [_HEADER]
    for s in scores:
        status = {None: "report", True: "ok", False: "FAIL"}[s.passed]
        rows.append(
            (
                s.name,
                str(s.records),
                str(s.skipped_records),
                str(s.items),
                str(s.skipped_items),
                str(s.found),
                f"{s.recall:.3f}",
                f"{s.threshold:.2f}" if s.threshold is not None else "-",
                str(s.fp_negative),
                str(s.extra),
                status,
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(_HEADER))]
    lines = []
    for n, row in enumerate(rows):
        cells = [c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))]
        lines.append("  ".join(cells))
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _show_item(item: dict[str, Any]) -> str:
    upper = f"..{item['value_max']:g}" if item.get("value_max") is not None else ""
    value = f"{item['value']:g}" if item.get("value") is not None else "?"
    span = f"«{item['text']}»" if item.get("text") is not None else "(no span)"
    return f"{item['kind']} {span} {value}{upper} {item.get('unit') or ''}".rstrip()


def failures(score: SuiteScore) -> Iterator[str]:
    """Missed items, false positives on negative records and extra mentions, record by record."""
    for miss in score.misses:
        record = miss.record
        yield f"{record['id']}: {record['text']}"
        if miss.item is None:
            label = "false positive" if record["negative"] else "extra"
            yield from (f"    {label}: {f.show()}" for f in miss.found)
        else:
            yield f"    expected: {_show_item(miss.item)}"
            yield "    found:    " + ("; ".join(f.show() for f in miss.found) or "nothing")


def _suite_name(wanted: str, available: Sequence[str]) -> str:
    if wanted in available:
        return wanted
    candidates = [s for s in available if wanted in s]
    if len(candidates) != 1:
        raise SystemExit(f"--failures: no single suite matches {wanted!r}; suites: {', '.join(available)}")
    return candidates[0]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="folder of the *.jsonl suites")
    parser.add_argument("--check", action="store_true", help="exit 1 when a suite misses its threshold")
    parser.add_argument("--failures", metavar="SUITE", help="print the missed items of SUITE (name or part)")
    args = parser.parse_args(argv)

    folder: Path = args.dir
    present = [s for s in SUITES if (folder / f"{s}.jsonl").is_file()]
    if not present:
        print(f"conformance: skipped, no suites in {folder}")
        return 0
    began = time.perf_counter()
    scores = [score_suite(name, read_suite(folder / f"{name}.jsonl")) for name in present]
    elapsed = time.perf_counter() - began
    print(table(scores))
    print(f"\n{sum(s.records for s in scores)} records in {elapsed:.1f} s")
    if args.failures:
        name = _suite_name(args.failures, present)
        print(f"\nmissed in {name}:")
        for line in failures(next(s for s in scores if s.name == name)):
            print(line)
    failed = [s.name for s in scores if s.passed is False]
    missing = [s for s in THRESHOLDS if s not in present]
    if missing:
        print(f"warning: thresholded suites not found: {', '.join(missing)}", file=sys.stderr)
    if failed:
        print(f"below threshold: {', '.join(failed)}", file=sys.stderr)
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    sys.exit(main())
