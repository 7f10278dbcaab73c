"""Bytes to text. The decoded text (without a byte-order mark) is what every offset indexes."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Legacy encodings tried when UTF-8 fails and detection is unsure, most likely first for
# the texts we see (Western and Cyrillic news pages).
_FALLBACKS = ("cp1252", "cp1251", "latin-1")


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
    """Decode ``data``: BOM first, then strict UTF-8, then a detected legacy encoding.

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
    detected = _detect(data)
    if detected is not None:
        return Decoded(data.decode(detected), detected)
    for encoding in _FALLBACKS:
        try:
            return Decoded(data.decode(encoding), encoding)
        except UnicodeDecodeError:
            continue
    text = data.decode("latin-1")  # pragma: no cover - latin-1 decodes every byte
    return Decoded(text, "latin-1")


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes  # heavy-ish: only when UTF-8 failed

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
