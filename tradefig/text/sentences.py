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
    """Split clean text: every line is a paragraph, and paragraphs split at sentence ends.

    A 'sentence' longer than ``MAX_SENTENCE`` characters is a table or a run of data, not
    prose; it is cut at spaces into pieces of at most that length, so that work per sentence
    stays bounded and a long line costs linear time."""
    index = 0
    paragraph = 0
    position = 0
    for line in text.split("\n"):
        line_start = position
        position += len(line) + 1
        if not line.strip():
            continue
        start = 0
        pieces: list[tuple[int, int]] = []
        for match in _BOUNDARY.finditer(line):
            cut = match.start()
            if _is_abbreviation(line, cut) or cut <= start:
                continue
            pieces.append((start, cut))
            start = match.end()
        pieces.append((start, len(line)))
        for begin, end in pieces:
            for piece_start, piece in _bounded(line, begin, end):
                yield Sentence(index, line_start + piece_start, line_start + piece_start + len(piece), piece, paragraph)
                index += 1
        paragraph += 1


MAX_SENTENCE = 3000


def _bounded(line: str, begin: int, end: int) -> Iterator[tuple[int, str]]:
    """``line[begin:end]`` without trailing spaces, in pieces of at most ``MAX_SENTENCE``."""
    while begin < end:
        stop = end
        if stop - begin > MAX_SENTENCE:
            space = line.rfind(" ", begin + MAX_SENTENCE // 2, begin + MAX_SENTENCE)
            stop = space if space > begin else begin + MAX_SENTENCE
        piece = line[begin:stop].rstrip()
        if piece.strip():
            yield begin, piece
        begin = stop
        while begin < end and line[begin] == " ":
            begin += 1


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
