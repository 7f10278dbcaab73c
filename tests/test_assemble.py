"""Assembly rules, each pinned by a short text in tests/assemble/observations.yaml."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from tradefig.api import extract_rows

TABLE = Path(__file__).parent / "assemble" / "observations.yaml"
FIELDS = ("reporter", "partner", "flow", "measure", "value", "status")


def _cases() -> list[Any]:
    data = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    return [pytest.param(case, id=case["rule"][:60]) for case in data]


@pytest.mark.parametrize("case", _cases())
def test_assembly_rule(case: dict[str, Any]) -> None:
    date = case.get("date")
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    rows = extract_rows(case["text"], date=date)
    got = [[row["text"], *(row[f] for f in FIELDS)] for row in rows]
    expected = case["rows"]
    assert [g[0] for g in got] == [e[0] for e in expected], got
    for row, want in zip(got, expected, strict=True):
        assert row[1:5] == want[1:5], (row, want)
        assert float(row[5]) == pytest.approx(float(want[5]))
        assert row[6] == want[6], (row, want)
    if "unit" in case:
        assert {row["unit"] for row in rows} == {case["unit"]}
    if "periods" in case:
        assert [row["period"] for row in rows] == case["periods"]
    if "bases" in case:
        assert [row["base_period"] for row in rows] == case["bases"]
    if "regions" in case:
        assert [[row["reporter_region"], row["partner_region"]] for row in rows] == case["regions"]


def test_assembly_vocabulary_loads_and_is_used() -> None:
    """data/en/assembly.yaml: every list is non-empty words, every list the code reads exists,
    and no list sits unused."""
    import re

    from tradefig.lexicon import load_lexicon

    lists = load_lexicon().assembly
    assert lists
    assert all(words and all(isinstance(w, str) and w for w in words) for words in lists.values())
    source = "".join(
        (Path(__file__).parent.parent / "tradefig" / "assemble" / f"{name}.py").read_text(encoding="utf-8")
        for name in ("observations", "roles", "periods")
    )
    used = set(re.findall(r"""\bword(?:s|_set)\(['"](\w+)['"]\)|assembly\["(\w+)"\]""", source))
    names = {a or b for a, b in used}
    assert names == set(lists)
