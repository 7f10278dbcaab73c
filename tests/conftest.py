from __future__ import annotations

from pathlib import Path

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
