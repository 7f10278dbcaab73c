"""Worker processes, streaming and pieces of large inputs give the rows of a plain run."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradefig import parallel
from tradefig.api import extract_rows, mention_rows_for
from tradefig.parallel import Job, plan, run

ARTICLES = Path(__file__).parent.parent / "fixtures" / "articles"
SMALL = sorted(p for p in ARTICLES.glob("*.txt") if p.stat().st_size < 20_000)


def _local_rows(paths: list[Path], producer: str = "extract") -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        if producer == "extract":
            rows += extract_rows(text, doc=str(path))
        else:
            rows += mention_rows_for(text, doc=str(path))
    return rows


@pytest.mark.parametrize("producer", ["extract", "mentions"])
def test_two_jobs_give_the_rows_of_one_in_order(producer: str) -> None:
    paths = [str(p) for p in SMALL]
    one = [r for res in run(plan(paths, ("*.txt",)), Job(producer), jobs=1) for r in res.rows]
    two = [r for res in run(plan(paths, ("*.txt",)), Job(producer), jobs=2) for r in res.rows]
    assert one == two == _local_rows(SMALL, producer)


def test_failures_come_back_in_place(tmp_path: Path) -> None:
    good = SMALL[0]
    results = list(run(plan([str(tmp_path / "missing.txt"), str(good)], ("*.txt",)), Job(), jobs=2))
    assert [r.error for r in results] == ["no such file or folder", None]
    assert results[1].rows == _local_rows([good])


def test_a_large_input_is_cut_at_paragraphs_with_exact_offsets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "CHUNK_THRESHOLD", 6_000)
    monkeypatch.setattr(parallel, "CHUNK_CHARS", 3_000)
    article = SMALL[0].read_text(encoding="utf-8")
    big = tmp_path / "big.txt"
    text = "\n\n".join([article] * 4)
    big.write_text(text, encoding="utf-8")
    tasks = list(plan([str(big)], ("*.txt",)))
    assert len(tasks) > 1
    assert "".join(t.text for t in tasks if isinstance(t, parallel.TextTask)) == text
    rows = [r for res in run(iter(tasks), Job()) for r in res.rows]
    assert rows
    for row in rows:
        assert text[row["start"] : row["end"]] == row["text"]


def test_the_cli_streams_jobs_in_order(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from tradefig.cli.app import app

    runner = CliRunner()
    args = ["extract", *[str(p) for p in SMALL], "--format", "csv", "--quiet"]
    one = runner.invoke(app, [*args, "--jobs", "1"])
    two = runner.invoke(app, [*args, "--jobs", "2"])
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout
    assert one.stdout.count("\n") == len(_local_rows(SMALL)) + 1
