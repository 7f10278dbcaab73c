"""Bytes to text. The decoded text (without a byte-order mark) is what every offset indexes."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

import regex

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def looks_binary(data: bytes) -> bool:
    """NUL bytes in the first block mean an image, a PDF or an archive, not text (UTF-16 aside)."""
    head = data[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    return b"\x00" in head


def decode(data: bytes) -> Decoded:
    """Decode ``data``: BOM first, then strict UTF-8, then a legacy single-byte encoding.

    Never raises: bytes that fit no encoding become U+FFFD and a warning says so, so
    the figures around them are still found.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(encoding, errors="replace")
            return Decoded(text, encoding, _replacement_warning(text))
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    # Mostly UTF-8 with a few bad bytes: keep UTF-8 and replace the bad bytes.
    lenient = data.decode("utf-8", errors="replace")
    if _mostly_utf8(lenient):
        return Decoded(lenient, "utf-8", _replacement_warning(lenient))
    return _legacy(data)


def _legacy(data: bytes) -> Decoded:
    """A legacy single-byte file. Latin script (most letters ASCII) is read as Windows-1252,
    which latin-1 files read the same as (it is their superset for printable text); text in
    another script (Cyrillic cp1251 or KOI8-R, Greek, ...) is left to the charset library.

    A charset library guessing from byte statistics cannot be trusted with mostly-ASCII text:
    charset-normalizer picks cp1250, cp850 or cp775 for a plain English cp1252 page with a
    few curly quotes or accents, mangling them. So the letters decide first: when words made
    only of non-ASCII letters hold no more letters than ASCII does, the text is Latin script
    and Windows-1252. A few Cyrillic-looking runs in an English page (the mojibake copy in
    fixture 001) thus stay as decoded and cleaning repairs them, exactly as it does for the
    same characters in a UTF-8 file. Only other scripts, or bytes Windows-1252 leaves
    undefined, go to the library, which is good at telling scripts apart.
    """
    as_western = data.decode("cp1252", errors="replace")
    ascii_letters = len(_ASCII_LETTER.findall(as_western))
    if _letters_in_words(as_western) <= ascii_letters:
        try:
            return Decoded(data.decode("cp1252"), "cp1252")
        except UnicodeDecodeError:
            pass  # 0x81, 0x8D, 0x8F, 0x90 or 0x9D: not Windows-1252
    detected = _detect(data)
    if detected is not None:
        return Decoded(data.decode(detected), detected)
    for encoding in ("cp1251", "cp1252"):
        try:
            return Decoded(data.decode(encoding), encoding)
        except UnicodeDecodeError:
            continue
    return Decoded(data.decode("latin-1"), "latin-1")  # latin-1 decodes every byte


_ASCII_LETTER = regex.compile(r"[A-Za-z]")
_NON_ASCII_WORD = regex.compile(r"(?<!\p{L})[^\x00-\x7f\P{L}]{2,}(?!\p{L})")  # 2+ letters, none ASCII


def _letters_in_words(text: str) -> int:
    """Letters in words made only of non-ASCII letters ('ÒîâàðîîáîðîÒ' is cp1251 read as cp1252)."""
    return sum(len(word) for word in _NON_ASCII_WORD.findall(text))


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes  # heavy-ish: only for text in a non-Latin script

    best = from_bytes(data[:200_000]).best()
    if best is None:
        return None
    encoding = str(best.encoding)
    try:
        data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    return encoding


def _mostly_utf8(lenient: str) -> bool:
    """Valid multi-byte UTF-8 sequences outnumber the broken ones: a damaged UTF-8 file."""
    bad = lenient.count("\ufffd")
    good = sum(1 for ch in lenient if ord(ch) >= 0x80) - bad
    return good >= 2 * bad or (good > 0 and bad * 200 < len(lenient))


def _replacement_warning(text: str) -> tuple[str, ...]:
    count = text.count("\ufffd")
    if not count:
        return ()
    return (f"{count} undecodable byte sequence(s) replaced with U+FFFD",)
