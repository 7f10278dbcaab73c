"""Who is the reporter and who the partner: prepositions and possessives around party names.

'exports from Kyrgyzstan to China', 'Azerbaijan's share in Georgia's trade', 'India's deficit
with China', 'imports from Belarus', 'between the Mogilev region and Kazakhstan',
'Belarusian-Uzbek trade'.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, replace

import regex

from tradefig.assemble.vocabulary import compile_ci, word_set, words
from tradefig.recognizers.grammar import phrases
from tradefig.types import Mention


@dataclass(frozen=True, slots=True)
class Party:
    code: str
    region: str | None
    start: int
    end: int
    role: str  # origin, dest, with, owner, owner_of, between, plain
    word: str = ""  # the preposition before the name, if any
    possessive: bool = False
    partner_elsewhere: bool = False  # 'imports from X …, exports …': X was another flow's partner


# The word lists live in data/en/assembly.yaml; the patterns around them are built once.


@functools.cache
def _before() -> regex.Pattern[str]:
    return compile_ci(
        rf"\b(?P<word>{words('party_preposition')})\s+"
        rf"(?:{words('party_quantifier')}\s+of\s+)?(?:{words('party_article')}\s+)?$"
    )


@functools.cache
def _flow_noun_after() -> regex.Pattern[str]:
    return compile_ci(rf"\s+{words('flow_noun_after_party')}\b")


@functools.cache
def _goods_after() -> regex.Pattern[str]:
    return compile_ci(rf"\s*(?:'s|’s)?\s+(?:\w+\s+)?{words('goods_noun')}\b")


# A bloc or country named as the host of an event is no trading party: 'at the SCO summit'.
@functools.cache
def _event_after() -> regex.Pattern[str]:
    return compile_ci(rf"\s+{words('event_noun')}\b")


# 'to Australia, Fiji and Tonga': names in a list share the preposition of the first
@functools.cache
def _list_joint() -> regex.Pattern[str]:
    return compile_ci(r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?")


# 'data from the Zimbabwe National Statistics Agency': the name heads an institution's name
@functools.cache
def _institution_after() -> regex.Pattern[str]:
    nouns = phrases(sorted(word_set("institution_noun")), case=True)
    return regex.compile(rf"\s+(?:[A-Z][\w&-]*\s+){{0,3}}?{nouns}\b")


# 'imports from countries other than the United States': the name is the one excluded
@functools.cache
def _except_before() -> regex.Pattern[str]:
    return compile_ci(rf"\b{words('except_words')}\s+(?:the\s+)?$")


def party_roles(sentence: str, offset: int, parties: Sequence[Mention]) -> list[Party]:
    """Give each party mention a role from the word before it and what follows it."""
    result: list[Party] = []
    excluded = -1  # where the last name after 'other than', 'behind' … ends
    for mention in parties:
        if mention.code is None:
            continue
        local = mention.start - offset
        if _except_before().search(sentence, 0, local) or (
            excluded >= 0 and _list_joint().fullmatch(sentence, excluded, local)
        ):
            excluded = mention.end - offset  # and the names listed with it: 'after China and Russia'
            continue
        if _event_after().match(sentence, mention.end - offset):
            continue
        if mention.rule == "party.name" and _institution_after().match(sentence, mention.end - offset):
            continue
        head = sentence[max(0, local - 24) : local]
        after = sentence[mention.end - offset : mention.end - offset + 16].lower()
        role = "plain"
        match = _before().search(head)
        word = " ".join(match.group("word").lower().split()) if match else ""
        if "possessive" in mention.tags or mention.rule in {
            "party.adjective",
            "party.bloc_adjective",
        }:
            role = "owner"
        if word in word_set("origin_preposition"):
            role = "origin"
        elif word in word_set("dest_preposition"):
            role = "dest"
        elif word == "with":
            role = "with"
        elif word == "between":
            role = "between"
        elif word == "of" and role != "owner":
            role = "owner_of"
        possessive = bool(regex.match(r"\s*(?:'s|’s)", after)) or "possessive" in mention.tags
        if _flow_noun_after().match(after) and "hyphen" not in mention.tags and role not in {"origin", "dest"}:
            possessive = True  # 'EU exports', 'China trade': the name owns the flow
        previous = result[-1] if result else None
        if (
            role == "plain"
            and not possessive
            and previous is not None
            and previous.role in {"origin", "dest", "with"}
            and _list_joint().fullmatch(sentence, previous.end - offset, local)
        ):
            role, word = previous.role, previous.word  # 'exports to Australia and Fiji'
        if possessive:
            role = "owner"
        if possessive and _goods_after().match(after):
            role = "origin"  # 'China bought R59.3bn of South Africa's goods': where they come from
        result.append(Party(mention.code, mention.region, mention.start, mention.end, role, word, possessive))
    return result


def localise(parties: Sequence[Party], domain: tuple[int, int], anchor: int, figure_end: int) -> list[Party]:
    """Keep one mention per party: the one that belongs to the figure's clause.

    In 'exports to Russia fell …, while imports from Russia rose …' each figure must read the
    'Russia' of its own flow cue. ``domain`` is the span from the figure's flow cue to the next
    flow cue; 'from X'/'to X' roles outside it belong to another flow and say nothing about this
    one, so they are demoted to plain mentions. After the figure only a preposition still ties a
    name to it ('worth €11 billion to the EU'). Parties keep the order in which the sentence first names them.
    """
    low, high = domain

    def inside(party: Party) -> bool:
        return low <= party.start < high and (party.start < figure_end or party.role in {"origin", "dest", "with"})

    def subject(party: Party) -> bool:
        return party.start < low and party.role in {"owner", "owner_of"}

    def key(party: Party) -> tuple[int, bool, int]:
        rank = 0 if inside(party) else 1 if subject(party) else 2
        return rank, party.start >= figure_end, abs(party.start - anchor)

    best: dict[str, Party] = {}
    for party in parties:
        if not inside(party) and not subject(party) and party.role in {"origin", "dest", "with"}:
            # 'imports from X …, exports …': X stays the partner; 'imports to X' made X the importer
            party = replace(party, role="plain", word="", partner_elsewhere=party.role in {"origin", "with"})
        current = best.get(party.code)
        if current is None or key(party) < key(current):
            best[party.code] = party
    return list(best.values())


def _distinct(parties: Sequence[Party]) -> list[Party]:
    """The first mention of each party, in sentence order."""
    first: dict[str, Party] = {}
    for party in parties:
        first.setdefault(party.code, party)
    return list(first.values())


def choose_pair(
    parties: Sequence[Party], flow: str, figure_start: int, cue_start: int | None, home: str | None = None
) -> tuple[Party, Party] | None:
    """Pick reporter and partner among the parties of a sentence for one figure.

    A turnover has no direction, but the pair carried to the next sentences does: the owner
    ('China remained Germany's most important trading partner') or else the home party comes
    first, so 'Trade with Russia shrank' next keeps Germany as reporter."""
    distinct = _distinct(parties)
    if len(distinct) < 2:
        return None
    if len(distinct) > 2:
        distinct = _nearest_two(distinct, figure_start, cue_start)
    a, b = distinct[0], distinct[1]
    if flow in {"turnover", "contracts"}:
        if (b.possessive and not a.possessive) or (a.code != home and b.code == home and not a.possessive):
            return b, a
        return a, b
    return _direct(a, b, flow)


def _nearest_two(parties: list[Party], figure_start: int, cue_start: int | None) -> list[Party]:
    owners = [p for p in parties if p.role in {"owner", "owner_of"}]
    anchor = min(owners, key=lambda p: abs(p.start - (cue_start or figure_start))) if owners else None
    others = [p for p in parties if anchor is None or p.code != anchor.code]
    before = [p for p in others if p.end <= figure_start]
    nearest = max(before, key=lambda p: p.end) if before else min(others, key=lambda p: p.start)
    if anchor is None:
        rest = [p for p in others if p.code != nearest.code]
        anchor = min(rest, key=lambda p: abs(p.start - figure_start))
        return sorted([anchor, nearest], key=lambda p: p.start)
    return [anchor, nearest]


def _direct(a: Party, b: Party, flow: str) -> tuple[Party, Party]:
    """Order two parties as (reporter, partner) for a directed flow."""
    if flow == "export":
        if a.role == "dest" or b.role == "origin":
            return b, a
        if b.role == "dest" or a.role == "origin":
            return a, b
    elif flow == "import":
        if a.role == "origin" or b.role in {"dest"}:
            return b, a
        if b.role == "origin" or a.role == "dest":
            return a, b
    else:  # balance: the holder owns it, the other is 'with'
        if a.role == "with":
            return b, a
        if b.role == "with":
            return a, b
    if b.role in {"owner", "owner_of"} and a.role not in {"owner", "owner_of"}:
        return b, a  # 'With the United States, the main partner of the bloc, the surplus halved'
    return a, b


@functools.cache
def _named_after() -> regex.Pattern[str]:
    return compile_ci(rf"[\s,)]*{words('share_party_after')}\s+(?:the\s+)?")


def share_pair(
    parties: Sequence[Party], figure_start: int, figure_end: int, sentence: str, offset: int
) -> tuple[Party, Party] | None:
    """For shares the reporter is the party whose total is the denominator ('of Azerbaijan's
    exports', 'in the Union's trade'); the partner is the party the figure is about: the one
    named right after it ('18.6% for the US') or else the nearest one."""
    distinct = _distinct(parties)
    if len(distinct) < 2:
        return None
    owners = [p for p in distinct if p.possessive]
    if len(owners) >= 2:
        owners = [p for p in owners if p.word in {"in", "of"}] or owners[1:]
    if not owners:
        owners = [p for p in distinct if p.word == "in"] or [p for p in distinct if p.role == "owner"]
    if len(owners) != 1:
        return None
    reporter = owners[0]
    others = [p for p in distinct if p is not reporter]
    after = [
        p
        for p in others
        if p.start >= figure_end and _named_after().fullmatch(sentence[figure_end - offset : p.start - offset])
    ]
    if after:
        return reporter, after[0]

    def gap(p: Party) -> int:  # a name before the figure wins a tie: 'Russia with 5 percent, Israel …'
        return figure_start - p.end if p.end <= figure_start else p.start - figure_end + 8

    return reporter, min(others, key=gap)
