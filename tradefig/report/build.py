"""The report's model: per document its decoded text, rows, mentions and removed blocks.

One pass per document: the text is prepared and its mentions found once, then assembled into
the same rows ``tradefig extract`` gives (``tests/test_report.py`` pins that they are equal).
All offsets index the decoded original text, so the page can show that text with marks at
exactly the characters each row came from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from tradefig.errors import about
from tradefig.table import Row
from tradefig.types import FIGURE_KINDS

FLOWS = ("turnover", "export", "import", "balance", "contracts")
STATUSES = ("actual", "target", "forecast")


@dataclass(frozen=True)
class DocumentEvidence:
    """What the report shows for one document; ``rows`` and ``mentions`` are in ``start`` order."""

    doc: str
    text: str
    date: dt.date | None
    date_source: str
    rows: list[Row]
    mentions: list[Row]
    removed: list[tuple[int, int, str]] = field(default_factory=list)

    @property
    def unused_figures(self) -> list[Row]:
        """Figure mentions (money, percent, factor, quantity) that no row's span overlaps."""
        spans = sorted((r["start"], r["end"]) for r in self.rows)
        return [m for m in self.mentions if m["kind"] in FIGURE_KINDS and not _overlaps_any(m, spans)]


@dataclass(frozen=True)
class Report:
    documents: list[DocumentEvidence]
    failures: list[tuple[str, str]] = field(default_factory=list)  # (doc, why) for inputs that failed
    title: str = "tradefig evidence report"

    @property
    def rows(self) -> list[Row]:
        return [row for document in self.documents for row in document.rows]


def _overlaps_any(mention: Row, spans: list[tuple[int, int]]) -> bool:
    return any(start < mention["end"] and mention["start"] < end for start, end in spans)


def document_evidence(
    text: str, *, doc: str = "-", date: dt.date | None = None, dedupe: bool = False
) -> DocumentEvidence:
    """Rows and mentions of ``text`` exactly as ``extract_rows``/``mention_rows_for`` give them."""
    from tradefig.api import _dedupe, document_mentions
    from tradefig.assemble.observations import assemble
    from tradefig.table import mention_rows, observation_rows
    from tradefig.text.document import prepare

    document = prepare(text, doc=doc, date=date)
    per_sentence = document_mentions(document)
    observations = assemble(document.sentences, per_sentence, document.clean)
    rows = sorted(observation_rows(document, observations), key=lambda r: (r["start"], r["end"]))
    flat = [m for sentence in per_sentence for m in sentence]
    mentions = sorted(mention_rows(document, flat), key=lambda r: (r["start"], r["end"], r["kind"]))
    return DocumentEvidence(
        doc=document.doc,
        text=document.original,
        date=document.date,
        date_source=document.date_source,
        rows=_dedupe(rows) if dedupe else rows,
        mentions=mentions,
        removed=sorted(document.removed),
    )


def build_report(
    inputs: Iterable[tuple[str, str]], *, date: dt.date | None = None, dedupe: bool = False, title: str | None = None
) -> Report:
    """A report for ``(doc, text)`` pairs; for files and folders see ``tradefig.cli.report``."""
    documents = []
    for doc, text in inputs:
        with about(doc):
            documents.append(document_evidence(text, doc=doc, date=date, dedupe=dedupe))
    return Report(documents, title=title or Report.title)
