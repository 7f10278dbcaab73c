"""Cleaning steps. Each takes text and returns the new text with an ``OffsetMap`` back to it.

The steps are deliberately small and named, so ``tradefig explain`` can say which one
touched a character and each can be tested on its own. ``clean`` runs them in order.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import regex

from tradefig.text.offsets import OffsetChain, OffsetMap, Rewriter, substitute

Step = Callable[[str], tuple[str, OffsetMap]]


@dataclass(frozen=True, slots=True)
class StepRecord:
    """What one cleaning step read and wrote, kept so its edits can be listed on demand."""

    name: str
    source: str
    target: str
    offsets: OffsetMap
    kinds: dict[int, str] = field(default_factory=dict)  # source start -> kind, where the step knows it


@dataclass(frozen=True, slots=True)
class Edit:
    """One change a cleaning step made: ``[start, end)`` in the decoded input; ``before`` and
    ``after`` show the step's input and output around it (newlines as '⏎')."""

    step: str
    kind: str
    start: int
    end: int
    before: str
    after: str


@dataclass
class Cleaned:
    text: str
    offsets: OffsetChain
    removed: list[tuple[int, int, str]] = field(default_factory=list)  # original spans + why
    steps: list[StepRecord] = field(default_factory=list)


# --- mojibake -----------------------------------------------------------------------------

_LATIN1_RUN = regex.compile(r"(?<![A-Za-z])[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff]+(?![A-Za-z])")
_UTF8_MOJIBAKE = regex.compile(r"[\u00c2\u00c3\u00d0\u00d1][\u0080-\u00bf]|\u00e2\u20ac")


def repair_mojibake(text: str) -> tuple[str, OffsetMap]:
    """Undo the two kinds of mojibake seen in scraped pages.

    * UTF-8 bytes decoded as cp1252/latin-1 ("â€™"): repaired by ftfy, line by line and
      only where a tell-tale sequence appears, so clean lines are never touched.
    * cp1251 (Cyrillic) bytes decoded as latin-1 ("20 ìàÿ 2024" is "20 мая 2024"):
      ftfy does not handle it; a line holding a run of three or more accented Latin-1
      letters with no ASCII letter attached is re-decoded run by run.
    """
    if not _UTF8_MOJIBAKE.search(text) and not _LATIN1_RUN.search(text):
        return text, OffsetMap.identity(len(text))
    writer = Rewriter(text)
    position = 0
    for line in _pieces(text):
        fixed = _repair_line(line)
        if fixed != line:
            writer.replace_by_diff(position, position + len(line), fixed)
        position += len(line)
    return writer.finish()


_PIECE = 4000  # characters; the diff behind replace_by_diff is quadratic in a line's length


def _pieces(text: str) -> Iterator[str]:
    """Lines; one longer than _PIECE (a page without line breaks) in pieces cut after a space,
    which no mojibake sequence holds."""
    for line in text.splitlines(keepends=True):
        while len(line) > _PIECE:
            cut = line.rfind(" ", 0, _PIECE) + 1 or _PIECE
            yield line[:cut]
            line = line[cut:]
        yield line


def _repair_line(line: str) -> str:
    if _UTF8_MOJIBAKE.search(line):
        import ftfy  # only when a line looks broken

        line = ftfy.fix_encoding(line)
    runs = list(_LATIN1_RUN.finditer(line))
    if not runs or max(len(r.group()) for r in runs) < 3:
        return line
    return str(_LATIN1_RUN.sub(lambda m: _cp1251(m.group()), line))


def _cp1251(run: str) -> str:
    try:
        return run.encode("latin-1").decode("cp1251")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return run


# --- characters -----------------------------------------------------------------------------

_CHAR_MAP = {
    "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " ", "\u2002": " ", "\u2003": " ",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\t": " ", "\r": "", "\u00ad": "", "\u200b": "", "\ufeff": "",
    "\uf0b7": " ", "\u2022": " ", "\u25cf": " ",
}  # fmt: skip
_CHARS = regex.compile("[" + regex.escape("".join(_CHAR_MAP)) + "]")


def normalise_characters(text: str) -> tuple[str, OffsetMap]:
    """Spaces, dashes and invisible characters to their plain forms, so patterns stay simple."""
    return substitute(_CHARS, lambda m: _CHAR_MAP[m.group()], text)


# --- footnotes, references and page furniture ------------------------------------------------

# A PDF footnote block: a separator line of spaces, then footnote lines, up to the line that
# resumes the body (it starts with a single space) or a blank line.
_FOOTNOTE_BLOCK = r"^[ ]{10,}\n(?:(?![ ]\S)[^\n]+\n?)+"
_BIBLIOGRAPHIC = (
    r"^[ ]*\[?\d{1,3}[.\])]?[ ]+[^\n]*?"
    r"(?:https?://|www\.|\[electronic[ ]resource\]|\burl[ ]?:|\bibid\b|\bop\.[ ]cit\b)[^\n]*$"
)
_WEEKDAYS = r"(?:Su|Mo|Tu|We|Th|Fr|Sa|Sun|Mon|Tue|Wed|Thu|Fri|Sat)"
_CALENDAR_LINE = rf"^[ ]*(?:(?:\d{{1,2}}[ ]+){{2,}}\d{{1,2}}|(?:{_WEEKDAYS}[ ]+){{4,}}{_WEEKDAYS})[ ]*$"


def removal_pattern(furniture_lines: list[str]) -> regex.Pattern[str]:
    """One pattern for everything that is not reading text: footnote blocks, bibliographic
    entries, calendar grids and whole lines of known page furniture ("Sign In", "Prev Next").

    Only whole lines go: menus and widgets never hold a trade figure, but a headline
    does, so it stays.
    """
    parts = [("footnote_block", _FOOTNOTE_BLOCK), ("footnote_entry", _BIBLIOGRAPHIC), ("calendar", _CALENDAR_LINE)]
    if furniture_lines:
        escaped = "|".join(regex.escape(line) for line in sorted(furniture_lines, key=len)[::-1])
        parts.append(("furniture", rf"^[ ]*(?:{escaped})[ ]*$"))
    return regex.compile("|".join(f"(?P<{name}>{p})" for name, p in parts), regex.MULTILINE | regex.IGNORECASE)


# What explain calls each removal (the group that matched in ``removal_pattern``).
REMOVAL_KINDS = {
    "footnote_block": "footnote block lifted",
    "footnote_entry": "footnote entry lifted",
    "calendar": "calendar removed",
    "furniture": "furniture removed",
}


def remove_non_text(text: str, pattern: regex.Pattern[str]) -> tuple[str, OffsetMap, list[tuple[int, int, str]]]:
    """Delete the matches of ``removal_pattern``; also return what was removed and why (for explain)."""
    removed: list[tuple[int, int, str]] = []
    writer = Rewriter(text)
    for match in pattern.finditer(text):
        if match.end() > match.start():
            removed.append((match.start(), match.end(), REMOVAL_KINDS.get(match.lastgroup or "", "not reading text")))
            writer.replace(match.start(), match.end(), "")
    new, offset_map = writer.finish()
    return new, offset_map, removed


# --- split numbers and stray spaces -------------------------------------------------------------

_SPLIT_NUMBER = regex.compile(r"(?<=\d) (?=[.,]\d)|(?<=[\w%)]) +(?=[,;:.](?:\s|$))")


def join_split_numbers(text: str) -> tuple[str, OffsetMap]:
    """'13 .7 billion' → '13.7 billion'; 'Indonesia ,' → 'Indonesia,' (PDF extraction spacing)."""
    return substitute(_SPLIT_NUMBER, lambda m: "", text)


# --- hard-wrapped lines ---------------------------------------------------------------------------

_LINE_END_HYPHEN = regex.compile(
    r"(?<=(?<![\p{L}-])(?P<left>\p{L}+))-[ ]*\n(?:[ ]*\n)*[ ]*(?=(?P<right>\p{Ll}+)(?![\p{L}-]))"
)
_WORDS = regex.compile(r"(?<![\p{L}-])[\p{L}]+(?:-[\p{L}]+)*(?![\p{L}-])")


def join_hyphenation(text: str) -> tuple[str, OffsetMap]:
    """'turn-' at a line end + 'over' is 'turnover' when the text writes 'turnover' elsewhere and
    never 'turn-over'; 'agro-' + 'industrial' stays a compound. A word list would guess; the
    document itself knows how it spells its words."""
    if "-\n" not in text and "- \n" not in text:
        return text, OffsetMap.identity(len(text))
    words = {w.lower() for w in _WORDS.findall(text)}

    def join(match: regex.Match[str]) -> str:
        left, right = match.group("left"), match.group("right")
        whole, compound = f"{left}{right}".lower(), f"{left}-{right}".lower()
        return "" if whole in words and compound not in words else match.group()

    return substitute(_LINE_END_HYPHEN, join, text)


_LINE_BREAK = regex.compile(r"[ ]*\n(?:[ ]*\n)*[ ]*")
_TERMINAL = regex.compile(r"""[.!?:;"”»)]$""")


def reflow(text: str) -> tuple[str, OffsetMap]:
    """Join hard-wrapped lines into paragraphs; leave pages whose lines are paragraphs alone.

    A text is hard-wrapped when most of its lines have about the same, short length. Then a
    line break is a paragraph break only after a short line (a heading or a paragraph's last
    line); elsewhere it becomes a space, and 'turn-' + 'over' becomes 'turnover'.
    """
    lines = [line.strip() for line in text.split("\n")]
    lengths = [len(line) for line in lines if line]
    if len(lengths) < 8:
        return _tidy_breaks(text)
    width_ok = sum(1 for n in lengths if 35 <= n <= 110) / len(lengths)
    ordered = sorted(lengths)
    p90 = ordered[int(0.9 * (len(ordered) - 1))]
    if width_ok < 0.6 or p90 > 120:
        return _tidy_breaks(text)
    width = ordered[int(0.8 * (len(ordered) - 1))]
    gaps = [m.group().count("\n") for m in _LINE_BREAK.finditer(text)]
    line_gap = round(_median(gaps)) if gaps else 1

    def join(match: regex.Match[str]) -> str:
        line_start = text.rfind("\n", 0, match.start()) + 1
        last_line = text[line_start : match.start()].strip()
        after = text[match.end() : match.end() + 1]
        newlines = match.group().count("\n")
        if newlines > line_gap or not after or not last_line:
            return "\n"
        if len(last_line) < 0.7 * width and (_TERMINAL.search(last_line) or after.isupper()):
            return "\n"
        if len(last_line) < 0.45 * width:
            return "\n"
        if last_line.endswith("-") and len(last_line) > 1 and last_line[-2].isalpha():
            return ""  # 'Belarusian-' + 'Uzbek' → 'Belarusian-Uzbek'
        return " "

    return substitute(_LINE_BREAK, join, text)


_BLANK_RUNS = regex.compile(r"[ ]*\n[ \n]*")


def _tidy_breaks(text: str) -> tuple[str, OffsetMap]:
    """Pages whose lines are paragraphs: collapse blank-line runs to one newline."""
    return substitute(_BLANK_RUNS, lambda m: "\n", text)


_SPACE_RUNS = regex.compile(r"[ ]{2,}|^[ ]+|[ ]+$", regex.MULTILINE)


def collapse_spaces(text: str) -> tuple[str, OffsetMap]:
    """Runs of spaces to one; no spaces at line ends (sentences read as one line)."""
    return substitute(_SPACE_RUNS, lambda m: "" if m.start() == 0 or _edge(text, m) else " ", text)


def _edge(text: str, match: regex.Match[str]) -> bool:
    before = text[match.start() - 1] if match.start() else "\n"
    after = text[match.end()] if match.end() < len(text) else "\n"
    return before == "\n" or after == "\n"


def clean(text: str, removal: regex.Pattern[str]) -> Cleaned:
    """Run every step in order; the chain maps clean offsets back to ``text``.

    Each step's input, output and map are kept (references, no copies) so that ``edits``
    can name every change later; nothing is computed for that unless asked.
    """
    chain = OffsetChain()
    records: list[StepRecord] = []

    def record(name: str, source: str, result: tuple[str, OffsetMap], kinds: dict[int, str] | None = None) -> str:
        target, offset_map = result
        chain.append(offset_map)
        records.append(StepRecord(name, source, target, offset_map, kinds or {}))
        return target

    current = record("repair_mojibake", text, repair_mojibake(text))
    current = record("normalise_characters", current, normalise_characters(current))
    source = current
    current, offset_map, spans = remove_non_text(source, removal)
    removed = [(*chain.span(start, end), why) for start, end, why in spans]
    current = record("remove_non_text", source, (current, offset_map), {start: why for start, _, why in spans})
    steps: list[Step] = [join_split_numbers, join_hyphenation, reflow, collapse_spaces]
    for step in steps:
        current = record(step.__name__, current, step(current))
    return Cleaned(current, chain, removed, records)


# --- naming the edits, for explain -------------------------------------------------------------

# Edits that happen on every line of a page and rarely decide whether a figure is found.
ROUTINE_KINDS = frozenset({"line joined", "paragraph break", "spaces collapsed", "character normalised"})
_DIGIT_SPACE = regex.compile(r"\d [.,]\d")


def _kind(step: StepRecord, start: int, end: int, new: str) -> str:
    """What an edit of ``step`` that turned ``source[start:end]`` into ``new`` was."""
    if step.name == "remove_non_text":
        return step.kinds.get(start, "not reading text")
    if step.name == "repair_mojibake":
        return "mojibake repaired"
    if step.name == "normalise_characters":
        return "character normalised"
    if step.name == "join_split_numbers":
        number = _DIGIT_SPACE.fullmatch(step.source, max(start - 1, 0), min(end + 2, len(step.source)))
        return "number rejoined" if number else "space before punctuation removed"
    if step.name == "join_hyphenation":
        return "hyphen removed"
    if step.name == "reflow":
        return {"": "hyphenation joined", " ": "line joined"}.get(new, "paragraph break")
    if step.name == "collapse_spaces":
        return "spaces collapsed"
    return step.name


def edits(steps: Sequence[StepRecord], context: int = 12) -> Iterator[Edit]:
    """Every change the cleaning steps made, step by step, each named and placed in the input."""
    chain = OffsetChain()
    for step in steps:
        for source_start, source_end, target_start, target_end in step.offsets.changes():
            start, end = chain.span(source_start, source_end)
            yield Edit(
                step.name,
                _kind(step, source_start, source_end, step.target[target_start:target_end]),
                start,
                end,
                _show(step.source, source_start, source_end, context),
                _show(step.target, target_start, target_end, context),
            )
        chain.append(step.offsets)


class EditIndex:
    """Edits sorted by where they start in the input, to ask which touch a span."""

    def __init__(self, all_edits: Iterable[Edit]) -> None:
        self.edits = sorted(all_edits, key=lambda e: (e.start, e.end))
        self._starts = [e.start for e in self.edits]
        self._longest = max((e.end - e.start for e in self.edits), default=0)

    def within(self, start: int, end: int) -> list[Edit]:
        """The edits that touch the input span ``[start, end)`` (or sit at its start, if empty)."""
        first = bisect_left(self._starts, start - self._longest)
        last = bisect_left(self._starts, end)
        return [e for e in self.edits[first:last] if e.end > start or e.start == start]


def _show(text: str, start: int, end: int, context: int, limit: int = 80) -> str:
    """``text[start:end]`` with ``context`` characters either side, long middles cut."""
    piece = text[start:end]
    if len(piece) > limit:
        piece = piece[: limit // 2] + "…" + piece[-limit // 4 :]
    shown = text[max(start - context, 0) : start] + piece + text[end : end + context]
    return shown.replace("\n", "⏎")


def _median(values: list[int]) -> float:
    """``statistics.median``, without importing ``statistics`` (and ``fractions``, ``random``)
    into every start of the command."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
