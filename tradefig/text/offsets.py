"""Offsets that survive cleaning.

Every cleaning step rewrites the text through a ``Rewriter``, which records for each
piece of the output where it came from. A span of the cleaned text then maps back to
the half-open span of the input that produced it, so ``input[start:end]`` always shows
the characters the user actually has, whatever we repaired in between.
"""

from __future__ import annotations

import difflib
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import regex


@dataclass(frozen=True, slots=True)
class _Segment:
    target_start: int
    target_end: int
    source_start: int
    source_end: int
    copied: bool  # True: 1:1 characters; False: the whole target piece stands for the source piece


class OffsetMap:
    """Maps spans of a derived (target) text to spans of its source text."""

    __slots__ = ("_segments", "_starts", "source_length", "target_length")

    def __init__(self, segments: Sequence[_Segment], source_length: int, target_length: int):
        live = [s for s in segments if s.target_end > s.target_start]
        self._segments = live
        self._starts = [s.target_start for s in live]
        self.source_length = source_length
        self.target_length = target_length

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls([_Segment(0, length, 0, length, True)], length, length)

    def _segment_at(self, position: int) -> _Segment:
        index = bisect_right(self._starts, position) - 1
        return self._segments[max(index, 0)]

    def position(self, target: int) -> int:
        """The source position a target position starts at (for empty spans and boundaries)."""
        if target >= self.target_length or not self._segments:
            return self.source_length
        seg = self._segment_at(target)
        if seg.copied:
            return seg.source_start + (target - seg.target_start)
        return seg.source_start

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open target span to the half-open source span that produced it."""
        if end <= start:
            pos = self.position(start)
            return pos, pos
        first = self.position(start)
        seg = self._segment_at(end - 1)
        last = seg.source_start + (end - 1 - seg.target_start) + 1 if seg.copied else seg.source_end
        return first, max(last, first)

    def changes(self) -> Iterator[tuple[int, int, int, int]]:
        """The edits recorded, in order, as ``(source_start, source_end, target_start, target_end)``:
        replaced and inserted pieces, and deleted source characters (an empty target span)."""
        source_at = 0
        for seg in self._segments:
            if seg.source_start > source_at:
                yield source_at, seg.source_start, seg.target_start, seg.target_start
            if not seg.copied:
                yield seg.source_start, seg.source_end, seg.target_start, seg.target_end
            source_at = max(source_at, seg.source_end)
        if source_at < self.source_length:
            yield source_at, self.source_length, self.target_length, self.target_length


class OffsetChain:
    """Several maps applied in order (decoded input → step 1 → step 2 → … → clean text)."""

    __slots__ = ("maps",)

    def __init__(self, maps: Iterable[OffsetMap] = ()) -> None:
        self.maps: list[OffsetMap] = list(maps)

    def append(self, offset_map: OffsetMap) -> None:
        self.maps.append(offset_map)

    def span(self, start: int, end: int) -> tuple[int, int]:
        for offset_map in reversed(self.maps):
            start, end = offset_map.span(start, end)
        return start, end


class Rewriter:
    """Builds a new text from pieces of a source text, recording where each piece came from."""

    __slots__ = ("_at", "_length", "_pieces", "_segments", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        self._pieces: list[str] = []
        self._segments: list[_Segment] = []
        self._length = 0
        self._at = 0  # how far into the source we have consumed

    def copy_to(self, end: int) -> None:
        """Copy the source from where we are up to ``end`` unchanged."""
        if end > self._at:
            self._add(self.source[self._at : end], self._at, end, copied=True)
            self._at = end

    def replace(self, start: int, end: int, new: str) -> None:
        """Copy up to ``start``, then emit ``new`` in place of ``source[start:end]``."""
        self.copy_to(start)
        if new == self.source[start:end]:
            self.copy_to(end)
            return
        self._add(new, start, end, copied=False)
        self._at = end

    def replace_by_diff(self, start: int, end: int, new: str) -> None:
        """Emit ``new`` in place of ``source[start:end]``, keeping 1:1 offsets for the characters
        the two share, so a repair by a library that reports no offsets (ftfy) stays precise."""
        old = self.source[start:end]
        self.copy_to(start)
        matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                self.copy_to(start + i2)
            else:
                self.replace(start + i1, start + i2, new[j1:j2])

    def _add(self, text: str, source_start: int, source_end: int, *, copied: bool) -> None:
        if not text:
            return
        target_start = self._length
        self._length += len(text)
        self._pieces.append(text)
        last = self._segments[-1] if self._segments else None
        if (
            copied
            and last is not None
            and last.copied
            and last.target_end == target_start
            and last.source_end == source_start
        ):
            self._segments[-1] = _Segment(last.target_start, self._length, last.source_start, source_end, True)
        else:
            self._segments.append(_Segment(target_start, self._length, source_start, source_end, copied))

    def finish(self) -> tuple[str, OffsetMap]:
        self.copy_to(len(self.source))
        text = "".join(self._pieces)
        return text, OffsetMap(self._segments, len(self.source), len(text))


def substitute(
    pattern: regex.Pattern[str], replacement: Callable[[regex.Match[str]], str], text: str
) -> tuple[str, OffsetMap]:
    """``pattern.sub`` that keeps offsets: each match maps to the source characters it replaced."""
    writer = Rewriter(text)
    for match in pattern.finditer(text):
        writer.replace(match.start(), match.end(), replacement(match))
    return writer.finish()


def diff_rewrite(source: str, target: str) -> tuple[str, OffsetMap]:
    """Offsets for a rewrite done by a library that does not report them (e.g. ftfy)."""
    writer = Rewriter(source)
    writer.replace_by_diff(0, len(source), target)
    return writer.finish()
