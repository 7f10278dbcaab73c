"""Parties: countries by name, official name, adjective or capital; blocs; sub-national regions
('the Mogilev region' → BLR, BY-MA); 'the Union' (resolved per document by the assembler).

Names are matched case-sensitively: 'US' is a party, 'us' is not. Loose regions with no code
('Central Asia', 'Latin America') are matched too, so that 'America' inside them is not the
USA, and then dropped.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

import regex

from tradefig import compiled
from tradefig.lexicon import PartyName
from tradefig.recognizers.common import Context
from tradefig.recognizers.grammar import build_grammar, phrases
from tradefig.types import Mention

UNION = "UNION"  # placeholder code for 'the Union'


def title_code(title: str) -> str:
    """The placeholder code of 'the Kingdom' ('KINGDOM'), resolved per document by the assembler."""
    return title.split()[-1].upper()


@functools.cache
def title_placeholders() -> dict[str, list[str]]:
    """Placeholder code -> the parties it may stand for ('KINGDOM' -> Morocco, Saudi Arabia …)."""
    return {title_code(t): codes for t, codes in build_grammar().lexicon.title_anaphors.items()}


@functools.cache
def _table() -> tuple[regex.Pattern[str], dict[str, PartyName | None]]:
    lexicon = build_grammar().lexicon
    table: dict[str, PartyName | None] = dict(lexicon.parties)
    for name in lexicon.not_parties:
        table.setdefault(name, None)
    table["the Union"] = PartyName(UNION, None, "party.the_union")
    table["the union"] = PartyName(UNION, None, "party.the_union")
    for title in lexicon.title_anaphors:
        table[title] = PartyName(title_code(title), None, "party.title")
    body = phrases(table, case=True)
    region_words = "|".join(regex.escape(w) for w in lexicon.region_words)
    anaphor = phrases(lexicon.anaphor_nouns)
    # '\b' is '(?<![\w])' before a word character, and regex searches for it faster
    start = r"\b" if all(name[:1].isalpha() or name[:1].isdecimal() for name in table) else r"(?<![\w])"
    pattern = compiled.compile(
        rf"{start}(?P<the>the\s+|The\s+)?(?P<name>{body})(?![\w])"
        rf"(?P<rw>\s+(?i:{region_words})(?![\w]))?(?P<one>(?=\s+(?i:{anaphor})(?![\w-])))?",
        regex.VERSION1,
    )
    return pattern, table


def find(text: str, context: Context) -> Iterator[Mention]:
    pattern, table = _table()
    for match in pattern.finditer(text):
        name = regex.sub(r"\s+", " ", match.group("name"))
        party = table.get(name)
        if party is None or (party.rule == "party.bloc_adjective" and match.group("one") is not None):
            continue  # not a party, or 'the North African country': one country, named elsewhere
        region = party.region
        rule = party.rule
        if region is None and match.group("rw") and rule == "party.capital":
            region_party = table.get(f"{name} region")
            if region_party is not None:
                region, rule = region_party.region, "party.region"
        if party.region and not match.group("rw") and rule == "party.region_city":
            region = None
        tags = set()
        after = text[match.end() : match.end() + 3]
        if after.startswith(("'s", "’s")):
            tags.add("possessive")
        if after.startswith("-") or text[max(0, match.start() - 1) : match.start()] == "-":
            tags.add("hyphen")
        end = match.end() if region else match.end("name")
        yield Mention(
            kind="party",
            start=match.start(),
            end=end,
            text=text[match.start() : end],
            rule=rule,
            code=party.code,
            region=region,
            tags=frozenset(tags),
        )
    del context
