from __future__ import annotations

import functools
import shutil
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def article_000() -> Path:
    return FIXTURES / "articles" / "000_772cf992e7a4d645.txt"


def corpus_or_skip() -> Path:
    corpus = SHARED / "corpus"
    if not (corpus / "articles").is_dir():
        pytest.skip(f"{corpus} is not here: the development corpus is read from ../shared, never copied")
    return corpus


@functools.cache
def _fixture_rows(name: str) -> tuple[dict[str, Any], ...]:
    from tradefig.api import extract_rows

    path = FIXTURES / "articles" / name
    return tuple(extract_rows(path.read_text(encoding="utf-8"), doc=name))


def fixture_rows(name: str) -> list[dict[str, Any]]:
    """Rows of a fixture article, extracted once per test session (the book takes seconds)."""
    return [dict(row) for row in _fixture_rows(name)]


SMALL_ARTICLES = ("000_772cf992e7a4d645", "001_921194c762085c38", "003_a100341091a3468f", "004_759a15adee703880")


@pytest.fixture
def small_fixtures(tmp_path: Path) -> Path:
    """A fixture folder (articles/ + expected/) without the 877 KB book, for CLI and writer tests."""
    folder = tmp_path / "fixtures"
    (folder / "articles").mkdir(parents=True)
    (folder / "expected").mkdir()
    for stem in SMALL_ARTICLES:
        shutil.copy(FIXTURES / "articles" / f"{stem}.txt", folder / "articles")
        shutil.copy(FIXTURES / "expected" / f"{stem}.csv", folder / "expected")
    return folder
