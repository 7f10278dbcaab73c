"""Rule-based sentence splitting that knows the abbreviations and initials of news text."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from tradefig import compiled


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the clean text; ``paragraph`` lets context carry across sentences."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int


_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "no",
        "nos",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "cf",
        "co",
        "corp",
        "inc",
        "ltd",
        "jr",
        "sr",
        "gen",
        "gov",
        "sen",
        "rep",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "u.s.a",
        "e.u",
        "approx",
        "est",
        "dept",
        "fig",
        "vol",
        "pp",
        "p",
        "c",
        "art",
        "para",
        "ch",
        "op",
        "ibid",
        "al",
        "resp",
        "ave",
        "blvd",
        "rs",
        "govt",
        "intl",
        "natl",
    ]
)

# A boundary candidate: terminal punctuation, optional closing quotes/brackets, whitespace,
# then something that can open a sentence.
_BOUNDARY = compiled.compile(
    r"""(?<=[.!?…])(?:[ ]?["'”’»)\]])*\s+(?=["'“‘«(\[]?[\p{Lu}\d$€£¥₽₸₼])"""
    r"""|(?<=[.!?]["”»])\s*(?=\p{Lu})"""
)
_WORD_BEFORE = compiled.compile(r"([\p{L}.]+)\.$")


def split_sentences(text: str) -> Iterator[Sentence]:
    """Split clean text: every line is a paragraph, and paragraphs split at sentence ends."""
    index = 0
    paragraph = 0
    position = 0
    for line in text.split("\n"):
        line_start = position
        position += len(line) + 1
        if not line.strip():
            continue
        start = 0
        for match in _BOUNDARY.finditer(line):
            cut = match.start()
            if _is_abbreviation(line, cut) or cut <= start:
                continue
            piece = line[start:cut].rstrip()
            if piece:
                yield Sentence(index, line_start + start, line_start + start + len(piece),
                               piece, paragraph)  # fmt: skip
                index += 1
            start = match.end()
        piece = line[start:].rstrip()
        if piece.strip():
            yield Sentence(index, line_start + start, line_start + start + len(piece), piece,
                           paragraph)  # fmt: skip
            index += 1
        paragraph += 1


def _is_abbreviation(line: str, cut: int) -> bool:
    """Is the full stop before ``cut`` part of an abbreviation or an initial ("I. Aliyev")?"""
    head = line[max(0, cut - 20) : cut].rstrip("\"'”’»)]")
    if not head.endswith("."):
        return False
    match = _WORD_BEFORE.search(head)
    if match is None:
        return False
    word = match.group(1).lower()
    if word in _ABBREVIATIONS:
        return True
    letters = word.replace(".", "")
    # Initials and dotted acronyms: "A.", "B.L.", "U.S."; an undotted "EU." or "UK." ends a sentence.
    word = match.group(1)
    return word[:1].isupper() and (len(letters) == 1 or (len(letters) <= 3 and "." in word))
