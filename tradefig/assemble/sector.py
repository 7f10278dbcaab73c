"""The product or sector a figure is limited to ('in light industry', 'trade turnover in
agricultural products', 'exports of agricultural products'), lower case as written."""

from __future__ import annotations

import regex

from tradefig.text.sentences import Sentence
from tradefig.types import Mention

_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "its",
        "their",
        "our",
        "total",
        "value",
        "terms",
        "volume",
        "amount",
        "year",
        "years",
        "period",
        "first",
        "second",
        "half",
        "quarter",
        "months",
        "month",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "goods",
        "trade",
        "turnover",
        "general",
        "whole",
        "current",
        "same",
    ]
)
_AFTER_CUE = regex.compile(
    r"^\s+(?:in|of)\s+(?:the\s+)?(?:(?:field|sphere|area|sector|segment)\s+of\s+(?:the\s+)?)?"
    r"(?P<x>[a-z][a-z-]+(?:\s+(?:and\s+)?[a-z][a-z-]+){0,3}?)"
    r"(?=\s+(?:between|with|from|to|amounted|reached|stands|stood|totall?ed|increased|grew|was|"
    r"were|is|are|has|have|at|in|rose|fell|decreased|exceeded|came|made|by|for|during|over)\b|[,.;(]|$)"
)
_FIELD = regex.compile(
    r"\bin\s+the\s+(?:field|sphere|area|sector)\s+of\s+(?P<x>[a-z][a-z-]+(?:\s+[a-z][a-z-]+){0,3}?)"
    r"(?=[,.;]|\s+(?:between|with|and\s+the|is|was|stands|by)\b|$)"
)


def sector_for(clean: str, sentence: Sentence, flow_cue: Mention | None) -> str | None:
    if flow_cue is not None and flow_cue.start >= sentence.start:
        match = _AFTER_CUE.match(clean[flow_cue.end : sentence.end])
        if match and _ok(match.group("x")):
            return str(match.group("x"))
    match = _FIELD.search(clean[sentence.start : sentence.end])
    if match and _ok(match.group("x")):
        return str(match.group("x"))
    return None


def _ok(text: str) -> bool:
    words = text.split()
    return bool(words) and words[0] not in _STOP and words[-1] not in _STOP and len(text) < 60
