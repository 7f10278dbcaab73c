"""The pipeline in a few lines: text → Document → mentions → observations → rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from tradefig.assemble.observations import assemble
from tradefig.recognizers.amount import infer_currencies
from tradefig.recognizers.common import Context
from tradefig.recognizers.conventions import decimal_commas
from tradefig.recognizers.find_all import find_all
from tradefig.table import COLUMNS, MENTION_COLUMNS, Row, mention_rows, observation_rows, to_frame
from tradefig.text.document import Document, prepare
from tradefig.types import Mention

if TYPE_CHECKING:
    import pandas as pd


def _context(document: Document) -> Context:
    date = document.date
    return Context(date.year, date.month, date.day) if date else Context()


def document_mentions(document: Document) -> list[list[Mention]]:
    """Mentions per sentence, offsets in the document's clean text."""
    context = _context(document)
    return infer_currencies(decimal_commas([find_all(s.text, s.start, context) for s in document.sentences]))


def extract_rows(text: str, *, doc: str = "-", date: dt.date | None = None, dedupe: bool = False) -> list[Row]:
    document = prepare(text, doc=doc, date=date)
    mentions = document_mentions(document)
    observations = assemble(document.sentences, mentions, document.clean)
    rows = sorted(observation_rows(document, observations), key=lambda r: (r["start"], r["end"]))
    return _dedupe(rows) if dedupe else rows


_FACT = ("reporter", "partner", "flow", "measure", "value", "unit", "period", "status")


def _dedupe(rows: list[Row]) -> list[Row]:
    seen: set[tuple[object, ...]] = set()
    kept = []
    for row in rows:
        key = tuple(row[k] for k in _FACT)
        if key not in seen:
            seen.add(key)
            kept.append(row)
    return kept


def mention_rows_for(text: str, *, doc: str = "-", date: dt.date | None = None) -> list[Row]:
    document = prepare(text, doc=doc, date=date)
    flat = [m for sentence in document_mentions(document) for m in sentence]
    return sorted(mention_rows(document, flat), key=lambda r: (r["start"], r["end"], r["kind"]))


def extract(text: str, *, doc: str = "-", date: dt.date | None = None, dedupe: bool = False) -> pd.DataFrame:
    """Bilateral trade observations in ``text`` as a DataFrame with exactly the SPEC columns."""
    return to_frame(extract_rows(text, doc=doc, date=date, dedupe=dedupe), COLUMNS)


def mentions(text: str, *, doc: str = "-", date: dt.date | None = None) -> pd.DataFrame:
    """Every figure, period and party the recognisers find, before assembly."""
    return to_frame(mention_rows_for(text, doc=doc, date=date), MENTION_COLUMNS)


def extract_files(paths: Iterable[str | Path], *, date: dt.date | None = None, dedupe: bool = False) -> pd.DataFrame:
    """Observations for files and folders (recursively ``*.txt``/``*.md``), ordered by doc, start."""
    from tradefig.io.readers import iter_inputs

    rows: list[Row] = []
    for item in iter_inputs([str(p) for p in paths]):
        if item.error is not None:
            from tradefig.errors import InputError

            raise InputError(item.doc, item.error)
        rows.extend(extract_rows(item.text, doc=item.doc, date=date, dedupe=dedupe))
    return to_frame(rows, COLUMNS)
