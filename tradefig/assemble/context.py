"""What carries across sentences: the pair being discussed, the period of the statistics being
reported, and document-wide facts (which bloc 'the Union' is, the article's home party)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from tradefig.recognizers.party import UNION, title_placeholders
from tradefig.types import Mention


@dataclass
class DocumentFacts:
    union: str | None
    home: str | None
    main_pair: tuple[str, str] | None
    titles: dict[str, str] = field(default_factory=dict)  # 'KINGDOM' ('the Kingdom') -> a party


def document_facts(sentences: Sequence[Sequence[Mention]]) -> DocumentFacts:
    """Which bloc 'the Union' is, the article's home party and the pair it is mostly about.

    The home party is the first one the headline names, when the text names it at least half as
    often as its most named party (the outlet's own country leads the headline: 'President of
    Belarus holds talks with …'); otherwise the most named one. A party the text speaks for
    more often than any other ('New Zealand's top trading partner', 'New Zealand's total
    trade') is the home even when the headline leads with its partner. The main pair
    comes only from sentences that name exactly two parties beside a flow word."""
    placeholders = {UNION, *title_placeholders()}
    counts: Counter[str] = Counter()
    possessives: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    pairs: Counter[tuple[str, str]] = Counter()
    for index, mentions in enumerate(sentences):
        codes = [m.code for m in mentions if m.kind == "party" and m.code and m.code not in placeholders]
        counts.update(codes)
        possessives.update(m.code for m in mentions if m.kind == "party" and m.code and "possessive" in m.tags)
        for position, code in enumerate(codes):
            first_seen.setdefault(code, index * 1000 + position)
        distinct = list(dict.fromkeys(codes))
        has_flow = any(m.kind == "cue" and (m.code or "").startswith("flow:") for m in mentions)
        if len(distinct) == 2 and has_flow:
            a, b = sorted(distinct)
            pairs[(a, b)] += 1
    union = None
    if counts["EAEU"] or counts["EU"]:
        union = "EAEU" if counts["EAEU"] >= counts["EU"] else "EU"
    home = min(counts, key=lambda c: (-counts[c], first_seen[c])) if counts else None
    headline = min(first_seen, key=first_seen.__getitem__) if first_seen else None
    if headline is not None and home is not None and 2 * counts[headline] >= counts[home]:
        home = headline
    ranked = possessives.most_common(2)
    if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) and home is not None:
        owner = ranked[0][0]
        if possessives[home] < ranked[0][1] and 2 * counts[owner] >= counts[home]:
            home = owner  # 'New Zealand's top trading partner', 'New Zealand's total trade': the reporter
    main_pair = pairs.most_common(1)[0][0] if pairs else None
    titles = {}
    for placeholder, candidates in title_placeholders().items():
        named = [c for c in candidates if counts[c]]
        if named:
            titles[placeholder] = min(named, key=lambda c: (-counts[c], first_seen[c]))
    return DocumentFacts(union, home, main_pair, titles)


@dataclass
class Carry:
    """State carried from sentence to sentence while the text talks about the same thing."""

    pair: tuple[str, str] | None = None
    pair_paragraph: int = -1
    deficit: bool = False  # the last balance named was a deficit: carried balance levels are negative
    regions: dict[str, str] = field(default_factory=dict)
    period: str | None = None
    period_paragraph: int = -1
    period_sentence: int = -100
    # the last sentence whose figures were one party's totals and named nobody ('Globally, the
    # country's deficit stood at …'): the sentence right after it goes on about them
    world_sentence: int = -10
    # the last period a statement gave, rows or not: what 'the period under review' refers to
    review_period: str | None = None
    flow: str | None = None
    flow_sentence: int = -10
    flow_paragraph: int = -1

    def partner_for(self, code: str, facts: DocumentFacts, *, keep_reporter: bool = False) -> str | None:
        """The other party when a sentence names only ``code``.

        With ``keep_reporter`` (the name is a partner: 'in trade with the US') a name outside the
        carried pair replaces its partner: 'It compares with 20,479.5bn yen in trade with the US'
        after Japan–China figures is Japan–US."""
        if keep_reporter and self.pair and code not in self.pair:
            return self.pair[0]
        for pair in (self.pair, facts.main_pair):
            if pair and code in pair:
                other = pair[0] if pair[1] == code else pair[1]
                if other != code:
                    return other
        if facts.home and facts.home != code:
            return facts.home
        return None
