"""Cue words the assembler reads: flows (turnover, export …), status (target, forecast), change
direction, shares, the pair in context ('the two countries'), one-party totals, out-of-scope
money (investment, prices). Vocabulary in ``data/en/cues.yaml``."""

from __future__ import annotations

import functools
from collections.abc import Iterator

import regex

from tradefig.recognizers.common import Context
from tradefig.recognizers.grammar import build_grammar, cue_pattern
from tradefig.types import Mention


@functools.cache
def _patterns() -> list[tuple[str, regex.Pattern[str]]]:
    lexicon = build_grammar().lexicon
    classes: list[tuple[str, list[str]]] = []
    for flow, words in lexicon.flows.items():
        classes.append((f"flow:{flow}", words))
    for status, words in lexicon.status.items():
        classes.append((f"status:{status}", words))
    for direction, words in lexicon.change.items():
        classes.append((f"change:{direction}", words))
    classes.append(("share", lexicon.share))
    classes.append(("pair", lexicon.pair_context))
    classes.append(("one_party", lexicon.one_party))
    classes.append(("out_of_scope", lexicon.out_of_scope))
    return [(code, cue_pattern(words)) for code, words in classes]


@functools.cache
def _not_flows() -> regex.Pattern[str]:
    return cue_pattern(build_grammar().lexicon.not_flows)


def find(text: str, context: Context) -> Iterator[Mention]:
    blocked = [m.span() for m in _not_flows().finditer(text)]
    found: list[Mention] = []
    for code, pattern in _patterns():
        for match in pattern.finditer(text):
            if code.startswith("flow:") and any(s <= match.start() and match.end() <= e for s, e in blocked):
                continue
            if code.startswith("status:") and match.group() == "May" and text[: match.start()].strip():
                continue  # the month, not the modal verb: 'trade fell in May'
            found.append(
                Mention(
                    kind="cue",
                    start=match.start(),
                    end=match.end(),
                    text=match.group(),
                    rule=f"cue.{code.replace(':', '.')}",
                    code=code,
                )
            )
    # a flow word inside a longer one of another flow names no flow of its own ('trade' in
    # 'import trade partner', 'trade balance'), nor a change word inside a share's words ('up'
    # in 'made up of')
    flows = [(m.start, m.end, m.code) for m in found if m.code and m.code.startswith("flow:")]
    shares = [(m.start, m.end, "share") for m in found if m.code == "share"]
    yield from (m for m in found if not _inside(m, flows if (m.code or "").startswith("flow:") else shares))
    del context


def _inside(mention: Mention, longer: list[tuple[int, int, str]]) -> bool:
    """Within a longer cue of another code."""
    if not (mention.code or "").startswith(("flow:", "change:")):
        return False
    size = mention.end - mention.start
    return any(s <= mention.start and mention.end <= e and e - s > size and c != mention.code for s, e, c in longer)
