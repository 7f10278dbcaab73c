"""A decoded text made ready for the recognisers: clean text, offsets back, sentences, date."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field

import regex

from tradefig.lexicon import load_lexicon
from tradefig.text.clean import StepRecord, clean, removal_pattern
from tradefig.text.dates import find_document_date
from tradefig.text.offsets import OffsetChain
from tradefig.text.sentences import Sentence, split_sentences


@dataclass
class Document:
    doc: str
    original: str
    clean: str
    offsets: OffsetChain
    sentences: list[Sentence]
    date: dt.date | None
    date_source: str
    removed: list[tuple[int, int, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    steps: list[StepRecord] = field(default_factory=list)  # what each cleaning step did (explain)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a clean-text span to the decoded input; the result slices the original text."""
        return self.offsets.span(start, end)


@functools.cache
def _removal() -> regex.Pattern[str]:
    return removal_pattern(load_lexicon().furniture)


def prepare(text: str, *, doc: str = "-", date: dt.date | None = None) -> Document:
    """Clean ``text`` (already decoded) and split it; ``date`` overrides the found date."""
    # A BOM in a string handed to the API stays part of the input that offsets index;
    # cleaning drops it like any zero-width character (files lose theirs when decoded).
    cleaned = clean(text, _removal())
    sentences = list(split_sentences(cleaned.text))
    source = "given"
    if date is None:
        date = find_document_date(cleaned.text, load_lexicon())
        source = "found in text" if date else "none"
    return Document(
        doc=doc,
        original=text,
        clean=cleaned.text,
        offsets=cleaned.offsets,
        sentences=sentences,
        date=date,
        date_source=source,
        removed=cleaned.removed,
        steps=cleaned.steps,
    )
