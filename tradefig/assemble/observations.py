"""Mentions → Observation rows, one per in-scope figure.

For each figure the assembler decides, from the words around it: the flow (nearest flow cue),
the measure and sign (change, share or level), the parties and their direction (roles, else the
pair carried from context), the period and base period, the status, the qualifier and the
sector. A figure with no trade flow, no pair, or an out-of-scope governor (investment, prices)
gives no row.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from typing import cast

import regex

from tradefig.assemble.context import Carry, DocumentFacts, document_facts
from tradefig.assemble.periods import base_period_for, period_for
from tradefig.assemble.roles import Party, choose_pair, localise, party_roles, share_pair
from tradefig.assemble.sector import sector_for
from tradefig.assemble.vocabulary import compile_ci, words
from tradefig.lexicon import load_lexicon
from tradefig.recognizers.grammar import phrases
from tradefig.recognizers.party import UNION, title_placeholders
from tradefig.text.sentences import Sentence
from tradefig.types import FIGURE_KINDS, Flow, Measure, Mention, Observation, Qualifier, Status

# The word lists live in data/en/assembly.yaml; the patterns around them are built once.


@functools.cache
def _continuation() -> regex.Pattern[str]:
    return compile_ci(rf"\b{words('continuation')}\b")


@functools.cache
def _index() -> regex.Pattern[str]:
    return compile_ci(rf"{words('index_words')}\b")


def _index_before(before: str, figure: Mention, changes: list[Mention]) -> bool:
    """An index word earlier in the sentence, in the same clause, with no change word after it:
    'The growth rate of trade … in January-June 2017 compared to the same period in 2016 was
    306%, exports of goods – 393.7%'."""
    words = list(_index().finditer(before))
    last = words[-1] if words else None
    if last is None or regex.search(r"[.;]", before[last.end() :]):
        return False
    word_end = figure.start - len(before) + last.end()
    return not any(word_end <= c.start and c.end <= figure.start for c in changes)


@functools.cache
def _index_after() -> regex.Pattern[str]:
    return compile_ci(
        rf"^\s*{words('index_comparison')}"
        rf"\s+(?:the\s+)?(?:level\s+of\s+)?(?:\d{{4}}|{words('index_base')})"
    )


@functools.cache
def _change_link() -> regex.Pattern[str]:
    return compile_ci(rf"\b{words('change_link')}\s*{words('change_approximation')}?\s*$")


@functools.cache
def _compared() -> regex.Pattern[str]:
    return compile_ci(rf"\b{words('compared_with_earlier')}\s+[^,;]{{0,30}}$")


@functools.cache
def _from_level() -> regex.Pattern[str]:
    """'from $25 billion in 2023 to $30 billion': the level a change starts from."""
    return compile_ci(r"\bfrom\s+$")


@functools.cache
def _to_next_level() -> regex.Pattern[str]:
    return compile_ci(r"[^.;:]{0,30}?\bto\s+$")  # used with match(): anchored at the figure's end


@functools.cache
def _actual_verb() -> regex.Pattern[str]:
    return compile_ci(rf"\b{words('actual_verb')}\b")


@functools.cache
def _world_trade() -> regex.Pattern[str]:
    return compile_ci(rf"\b{words('world_trade')}\b")


@functools.cache
def _more_than_before() -> regex.Pattern[str]:
    more_or_less = phrases([*load_lexicon().assembly["change_more"], *load_lexicon().assembly["change_less"]])
    return compile_ci(rf"\s+({more_or_less})\s+than\s+(?:in\s+)?(?:the\s+)?(?:\d{{4}}|{words('than_earlier')})")


@functools.cache
def _less() -> frozenset[str]:
    return frozenset(w.lower() for w in load_lexicon().assembly["change_less"])


@functools.cache
def _to_or_from() -> regex.Pattern[str]:
    return compile_ci(rf"\b{words('share_level_preposition')}\s+(?:{words('share_approximation')}\s+)?$")


@functools.cache
def _add_up() -> regex.Pattern[str]:
    return compile_ci(rf"\b{words('add_up')}\s*$")


@functools.cache
def _up_to_after_change() -> regex.Pattern[str]:
    return compile_ci(rf"(?:{words('raise_to_stem')}\w*\b(?:(?!\bby\b)[^.;]){{0,60}}|\b{words('add_up')}\s*)$")


def assemble(sentences: Sequence[Sentence], mentions: Sequence[Sequence[Mention]], clean: str) -> list[Observation]:
    facts = document_facts(mentions)
    carry = Carry()
    rows: list[Observation] = []
    for sentence, found in zip(sentences, mentions, strict=True):
        found = _resolve_union(found, facts)
        rows.extend(_sentence_rows(sentence, found, facts, carry, clean))
    return rows


def _resolve_union(found: Sequence[Mention], facts: DocumentFacts) -> list[Mention]:
    result = []
    for m in found:
        if m.kind == "party" and m.code == UNION:
            if facts.union is None:
                continue
            m = replace(m, code=facts.union)
        elif m.kind == "party" and m.code in title_placeholders():
            if m.code not in facts.titles:
                continue
            m = replace(m, code=facts.titles[m.code])
        result.append(m)
    return result


def _cues(found: Sequence[Mention], prefix: str) -> list[Mention]:
    return [m for m in found if m.kind == "cue" and (m.code or "").startswith(prefix)]


def _sentence_rows(
    sentence: Sentence, found: list[Mention], facts: DocumentFacts, carry: Carry, clean: str
) -> list[Observation]:
    figures = [m for m in found if m.kind in FIGURE_KINDS]
    parties = party_roles(sentence.text, sentence.start, [m for m in found if m.kind == "party"])
    flows = _without_balance_setting(_cues(found, "flow:"), clean)
    rows: list[Observation] = []
    blocked = _out_of_scope_chain(figures, flows, found, clean)
    for index, out_of_scope in enumerate(blocked):
        if out_of_scope:
            continue
        figure = figures[index]
        row = _figure_row(sentence, found, figures, index, parties, flows, facts, carry, clean)
        if rows and figure.value is not None and _restates(rows[-1], figure, clean):
            row = _restatement(rows[-1], figure, row)
        if row is not None:
            rows.append(row)
    _update_carry(carry, sentence, found, parties, flows, rows, facts)
    return rows


def _restatement(previous: Observation, figure: Mention, own: Observation | None) -> Observation:
    """The restated amount's row: the fact of the row before (parties, flow, measure, sign,
    status), its own figure, and its own period where it found one."""
    value = cast(Decimal, figure.value)
    fact = replace(
        previous,
        value=-value if previous.value < 0 else value,
        unit=figure.unit or "",
        qualifier=figure.qualifier or "eq",
        figure=figure,
    )
    if own is not None and own.period:
        fact = replace(fact, period=own.period, base_period=own.base_period)
    return fact


def _restates(previous: Observation, figure: Mention, clean: str) -> bool:
    """'22,201bn yen ($214.6bn;£114.5bn)', 'RUB 100 billion ($1.2 billion)': an amount in another
    currency in parentheses right after a level's amount, or after another such restatement, is
    the same fact restated."""
    before = previous.figure
    if not (
        before.kind == figure.kind == "money"
        and previous.measure == "level"
        and before.unit != figure.unit
        and before.value_max is None
        and figure.value_max is None
    ):
        return False
    if regex.fullmatch(r"\s*\(\s*", clean[before.end : figure.start]):
        return True
    inside = regex.search(r"\(\s*$", clean[max(0, before.start - 3) : before.start]) is not None
    return inside and regex.fullmatch(r"\s*[;,/]\s*", clean[before.end : figure.start]) is not None


def _figure_row(
    sentence: Sentence,
    found: list[Mention],
    figures: list[Mention],
    index: int,
    parties: list[Party],
    flows: list[Mention],
    facts: DocumentFacts,
    carry: Carry,
    clean: str,
) -> Observation | None:
    figure = figures[index]
    if figure.unit == "pp" or figure.value is None or figure.unit is None:
        return None
    before = clean[sentence.start : figure.start]
    after = clean[figure.end : sentence.end]
    flow_cue = _nearest_flow(flows, figure, clean)
    flow: str | None = flow_cue.code.split(":", 1)[1] if flow_cue and flow_cue.code else None
    if _both_directions(flows, flow_cue, figures[index - 1].end if index else sentence.start, clean):
        flow = "turnover"
    elif _contract_for_supply(flows, flow_cue, clean):
        flow = "contracts"
    recent = sentence.index - carry.flow_sentence
    same_paragraph = carry.flow_paragraph == sentence.paragraph
    continues = _continuation().search(before) or recent <= 1 or same_paragraph
    if flow is None and continues and carry.flow and (recent <= 2 or same_paragraph):
        flow = carry.flow
    if flow is None:
        return None
    measure, value = _measure(figure, before, after, found)
    if measure is None:
        return None
    domain = _cue_domain(flow_cue, flows, figures, sentence, parties)
    anchor = flow_cue.start if flow_cue else figure.start
    local = localise(parties, domain, anchor, figure.end)
    if not _cues(found, "pair") and _partner_claimed_elsewhere(parties, local, domain, flows, figures, sentence):
        return None
    pair = _respectively(figures, index, parties, carry, facts, clean) or _parties(
        local, flow, figure, flow_cue, measure, carry, facts, found, sentence
    )
    if pair is None:
        return None
    reporter, partner = pair
    if reporter[0] == partner[0]:
        return None
    carried_deficit = flow_cue is None and carry.flow == "balance" and carry.deficit
    if flow == "balance" and measure == "level" and (_is_deficit(before, found, figure) or carried_deficit):
        value = -abs(value)
    status = _figure_status(found, figures, index, sentence, clean)
    period = period_for(figure, found, sentence, carry, reporter[0], partner[0], status)
    base = base_period_for(figure, found, period, measure)
    if measure in {"change_pct", "change_factor", "change_abs"} and period and "/" in period:
        first, last = period.split("/")
        if len(first) == 4 and len(last) == 4 and base is None:
            period, base = last, first
    qualifier = _qualifier(figure, clean, sentence.start)
    value_max = figure.value_max
    if measure == "change_pct" and value_max is not None and value < 0:
        value_max = -value_max
    return Observation(
        reporter=reporter[0],
        partner=partner[0],
        reporter_region=reporter[1],
        partner_region=partner[1],
        flow=cast(Flow, flow),
        measure=measure,
        value=value,
        value_max=value_max,
        unit=_unit(figure, measure, facts),
        qualifier=qualifier,
        period=period,
        base_period=base,
        status=status,
        sector=sector_for(clean, sentence, flow_cue),
        figure=figure,
        sentence=sentence.index,
    )


@functools.cache
def _flow_after() -> regex.Pattern[str]:
    return compile_ci(rf"\s*(?:[^\W\d]+\s+){{0,2}}{words('flow_after_link')}\s+(?:the\s+)?(?:[^\W\d]+\s+)?")


@functools.cache
def _attributive() -> regex.Pattern[str]:
    """A determiner right before the figure: the figure is an adjective."""
    return compile_ci(rf"\b{words('attributive_determiner')}\s+$")


@functools.cache
def _balance_in_trade() -> regex.Pattern[str]:
    link, determiner = words("balance_in_trade_link"), words("balance_in_trade_determiner")
    return compile_ci(rf"\s+(?:[^\W\d]+\s+){{0,3}}?{link}\s+(?:{determiner}\s+)*")


@functools.cache
def _bare_dollar() -> regex.Pattern[str]:
    return compile_ci(rf"(?<![A-Za-z.])\$|\b{words('dollar_word')}\b")


@functools.cache
def _named_dollar() -> regex.Pattern[str]:
    return compile_ci(
        rf"\b(?:{words('us_before_dollar_sign')}|[A-Z]{{2,3}})\s?\$|\$\s?US\b"
        rf"|\b{words('us_before_dollar_word')}\s+{words('dollar_word')}"
    )


def _unit(figure: Mention, measure: str, facts: DocumentFacts) -> str:
    """'%' for percentages; a bare '$' in an article whose home writes its own dollar that way
    (a Statistics Canada release) is that dollar, never when the text names the US dollar; a
    bare 'Sh' is the home party's shilling."""
    if measure in {"change_pct", "share_pct"}:
        return "%"
    if (
        figure.unit == "USD"
        and facts.home
        and _bare_dollar().search(figure.text)
        and not _named_dollar().search(figure.text)
    ):
        return load_lexicon().home_dollars.get(facts.home, "USD")
    if figure.unit == "KES" and facts.home and regex.search(r"(?<![A-Za-z])Sh(?![A-Za-z])", figure.text):
        return load_lexicon().home_shillings.get(facts.home, "KES")  # 'Sh' in a Tanzanian paper
    return figure.unit or ""


def _without_balance_setting(flows: list[Mention], clean: str) -> list[Mention]:
    """'the surplus Japan saw in its trade with South Korea', 'the deficit in bilateral trade':
    the trade named after a balance word says where the balance is; it is no flow of its own."""
    kept: list[Mention] = []
    for cue in flows:
        balance = kept[-1] if kept and kept[-1].code == "flow:balance" else None
        if cue.code == "flow:turnover" and balance and _balance_in_trade().fullmatch(clean, balance.end, cue.start):
            continue
        kept.append(cue)
    return kept


def _nearest_flow(flows: list[Mention], figure: Mention, clean: str) -> Mention | None:
    """The flow cue that governs a figure: one right after it joined by 'in'/'of' ('a 19% drop in
    Argentine imports', '$5 billion worth of exports'), else the nearest before it, else one
    shortly after it."""
    after = [c for c in flows if c.start >= figure.end and c.start - figure.end < 60]
    if after:
        first = min(after, key=lambda c: c.start)
        gap = clean[figure.end : first.start]
        if len(gap) <= 30 and not regex.search(r"[,;:()]", gap) and _flow_after().fullmatch(gap):
            return first
        if gap.isspace() and len(gap) <= 2 and _attributive().search(clean, 0, figure.start):
            return _head(first, flows)  # 'a $1.6 billion trade surplus'
    before = [c for c in flows if c.end <= figure.start]
    # 'Trade with Russia shrank due to lower gas imports and amounted to €57.8 billion': a flow
    # named as a cause is not the figure's, when another flow came before it
    stated = [c for c in before if not _cause().search(clean, max(0, c.start - 40), c.start)]
    if stated and len(stated) < len(before):
        before = stated
    if before:
        return max(before, key=lambda c: c.end)
    return _head(min(after, key=lambda c: c.start), flows) if after else None


@functools.cache
def _cause() -> regex.Pattern[str]:
    return compile_ci(rf"\b{words('cause_lead')}\s+(?:[\w-]+\s+){{0,3}}$")


_DIRECTED = frozenset({"flow:export", "flow:import"})


def _head(cue: Mention, flows: list[Mention]) -> Mention:
    """The head noun of a compound of flow words: 'a R23.7bn trade deficit' is a balance; but
    an 'export turnover' is the value of exports, not the total trade."""
    while True:
        following = [c for c in flows if 0 <= c.start - cue.end <= 1 and c.code != cue.code]
        if not following or (cue.code in _DIRECTED and following[0].code == "flow:turnover"):
            return cue
        cue = following[0]


@functools.cache
def _and() -> regex.Pattern[str]:
    return compile_ci(rf"\s*(?:{words('both_directions_preposition')}\s+)?{words('both_directions_and')}\s*")


def _both_directions(flows: list[Mention], cue: Mention | None, window_start: int, clean: str) -> bool:
    """'Japan's imports from and exports to China added up to …', 'exports and imports totalled':
    a figure governed by an export and an import cue together is their sum, the turnover."""
    if cue is None or cue.code not in {"flow:export", "flow:import"}:
        return False
    other = "flow:import" if cue.code == "flow:export" else "flow:export"
    return any(c.code == other and window_start <= c.start and _and().fullmatch(clean, c.end, cue.start) for c in flows)


@functools.cache
def _for_supply() -> regex.Pattern[str]:
    return compile_ci(rf"(?:(?:\s+[\w-]+){{0,4}}?\s+{words('contract_object_link')})?\s+(?:the\s+)?")


def _contract_for_supply(flows: list[Mention], cue: Mention | None, clean: str) -> bool:
    """'signed a contract for the supply of meat products worth $500 thousand', 'an agreement to
    supply': the supply is the contract's object; the figure is the contract's value."""
    if cue is None or cue.code not in {"flow:export", "flow:import"}:
        return False
    return any(
        c.code == "flow:contracts" and c.end <= cue.start and _for_supply().fullmatch(clean, c.end, cue.start)
        for c in flows
    )


def _cue_domain(
    cue: Mention | None,
    flows: list[Mention],
    figures: list[Mention],
    sentence: Sentence,
    parties: Sequence[Party] = (),
) -> tuple[int, int]:
    """The clause a flow cue governs: from the cue (or the same-flow cues just before it, as in
    'supplies … exports from A to B') to the next flow cue after it. A flow named again without
    a party ('exports to A were $0.89 billion against exports of $1.19 billion') reads the
    parties of the clause where it was first named."""
    if cue is None:
        return sentence.start, sentence.end
    start = cue.start
    for other in sorted((c for c in flows if c.end <= cue.start), key=lambda c: -c.start):
        if other.code != cue.code or any(other.end <= f.start < start for f in figures):
            break
        start = other.start
    later = [c.start for c in flows if c.start > cue.start]
    end = min(later, default=sentence.end)
    earlier = [c for c in flows if c.end <= start]
    if parties and earlier and not any(start <= p.start < end for p in parties):
        previous = max(earlier, key=lambda c: c.start)
        if previous.code == cue.code:
            start = _cue_domain(previous, flows, figures, sentence)[0]
    return start, end


@functools.cache
def _price_after() -> regex.Pattern[str]:
    return compile_ci(rf"\s*(?:=|(?:{words('price_per')}\s+|/\s*){words('price_unit')}s?\b)")


def _partner_claimed_elsewhere(
    parties: list[Party],
    local: list[Party],
    domain: tuple[int, int],
    flows: list[Mention],
    figures: list[Mention],
    sentence: Sentence,
) -> bool:
    """The only partner in the sentence belongs to a later clause that has figures of its own:
    in 'shares in Bangladesh's export outlay were 92 and 91 percent …, compared with shares in
    exports destined to India of 51 and 45 percent' the 92 and 91 are Bangladesh's totals."""
    low, high = domain
    subjects = [p for p in local if p.role == "owner" or low <= p.start < high]
    if len(local) != 2 or len(subjects) != 1:
        return False
    partner = next(p for p in local if p is not subjects[0])
    mentions = [p for p in parties if p.code == partner.code]
    if not mentions or any(p.role not in {"with", "dest", "origin"} or low <= p.start < high for p in mentions):
        return False
    for mention in mentions:
        cues = [c for c in flows if c.end <= mention.start and not low <= c.start < high]
        if not cues or max(c.start for c in cues) < high:
            return False  # a later clause shares an earlier partner: '…, while imports amounted to …'
        cue = max(cues, key=lambda c: c.start)
        later = [c.start for c in flows if c.start > cue.start]
        end = min(later, default=sentence.end)
        if not any(cue.end <= f.start < end for f in figures):
            return False
    return True


def _out_of_scope_chain(figures: list[Mention], flows: list[Mention], found: list[Mention], clean: str) -> list[bool]:
    """Which figures are out of scope: governed by investment, prices … themselves, or going on
    from such a figure with no flow word between ('Turkish investments recorded $167.2
    million, compared to $179.9 million …, a decrease of 7.1%'). One pass, linear in figures."""
    governors = _cues(found, "out_of_scope")
    flow_starts = sorted(c.start for c in flows)
    blocked: list[bool] = []
    for index, figure in enumerate(figures):
        own = _out_of_scope(governors, figure, _nearest_flow(flows, figure, clean), clean)
        if not own and index and blocked[-1]:
            previous_end = figures[index - 1].end
            at = bisect.bisect_left(flow_starts, previous_end)
            own = not (at < len(flow_starts) and flow_starts[at] < figure.start)
        blocked.append(own)
    return blocked


_PRICE_OF = regex.compile(r"prices?|tariffs?|dut(?:y|ies)", regex.IGNORECASE)
# the flow word in a phrase that modifies the price: 'price for the goods exported', 'prices of exports'
_GOVERNED_FLOW = regex.compile(r"\s+(?:of|for|on)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}", regex.IGNORECASE)


def _out_of_scope(governors: list[Mention], figure: Mention, flow_cue: Mention | None, clean: str) -> bool:
    """Investment, prices, loans … govern the figure: nearer to it than any flow cue.

    A money figure followed by 'per barrel', 'a tonne' or '=' is a unit price or an exchange
    rate ('$1 = Rs 82.54'), never a trade value."""
    if figure.kind == "money" and _price_after().match(clean, figure.end):
        return True
    governors = [
        c
        for c in governors
        if (c.end <= figure.start and figure.start - c.end < 80)
        or (c.start >= figure.end and c.start - figure.end < 25)
    ]
    if not governors:
        return False
    nearest = min(governors, key=lambda c: min(abs(figure.start - c.end), abs(c.start - figure.end)))
    if flow_cue is None:
        return True
    if (
        nearest.end <= flow_cue.start <= figure.start
        and _PRICE_OF.fullmatch(nearest.text)
        and _GOVERNED_FLOW.fullmatch(clean, nearest.end, flow_cue.start)
    ):
        return True  # 'the average price for the goods exported to Iraq has been $460': a price
    flow_distance = min(abs(figure.start - flow_cue.end), abs(flow_cue.start - figure.end))
    gov_distance = min(abs(figure.start - nearest.end), abs(nearest.start - figure.end))
    return gov_distance < flow_distance


def _measure(
    figure: Mention,
    before: str,
    after: str,
    found: list[Mention],
) -> tuple[Measure | None, Decimal]:
    value = cast(Decimal, figure.value)
    changes = _cues(found, "change:")
    near_change = [c for c in changes if c.end <= figure.start and figure.start - c.end <= 45]
    direction = max(near_change, key=lambda c: c.end).code if near_change else None
    sign = Decimal(-1) if direction == "change:down" else Decimal(1)
    if figure.kind == "factor":
        return "change_factor", value
    if figure.kind == "quantity":
        return "level", value
    if figure.kind == "money":
        if figure.text.lower().startswith("up to") and _add_up().search(before):
            return "level", value  # 'added up to 22,201bn yen' is a total
        if figure.rule == "money.from_to":
            return "level", value  # 'decreased by 19.5% from $2.39 billion to $1.9 billion': two levels
        if near_change and _change_link().search(before[-40:] if before else ""):
            return "change_abs", sign * value
        return "level", value
    # percent
    if value >= 100 and (_index_before(before, figure, changes) or _index_after().match(after)):
        return "change_pct", value - 100
    shares = _cues(found, "share")
    near_share = [
        c
        for c in shares
        if (c.end <= figure.start and figure.start - c.end <= 80)
        or (c.start >= figure.end and c.start - figure.end <= 3)
        or (c.start <= figure.start and figure.end <= c.end)
    ]
    if after.lstrip().lower().startswith(("of ", "percent of", "per cent of")) and not near_change:
        return "share_pct", value
    if shares and _to_or_from().search(before[-30:]):
        return "share_pct", value  # 'the share rose from 35.6% to 41.4%': levels of the share
    if shares and _after_party_in_parentheses(figure, before, found) and any(c.end <= figure.start for c in shares):
        return "share_pct", value  # 'the fourth biggest export market after Switzerland (44%), China (14%)'
    if near_change and (not near_share or max(near_change, key=lambda c: c.end).end
                        > max(near_share, key=lambda c: c.end).end):  # fmt: skip
        return "change_pct", sign * value
    change_after = [
        c
        for c in changes
        if 0 <= c.start - figure.end <= 30 and not regex.search(r"[,;(]", after[: c.start - figure.end])
    ]
    if change_after and not any(figure.end <= c.start < change_after[0].start for c in near_share):
        # '7.1 percent year-on-year increase'
        return "change_pct", (Decimal(-1) if change_after[0].code == "change:down" else Decimal(1)) * value
    if near_share:
        return "share_pct", value
    than = _more_than_before().match(after)
    if than:
        return "change_pct", (Decimal(-1) if than.group(1).lower() in _less() else Decimal(1)) * value
    if before.rstrip().endswith("(") and value >= 100 and not near_change and figure.text[:1] not in "+-":
        return "change_pct", value - 100  # '$585.1 million (108.3%)': the index of a level
    if before.rstrip().endswith("(") or regex.search(r"\(\s*(?:by|an?\s+increase\s+of)?\s*$", before):
        return "change_pct", sign * value
    if changes:
        return "change_pct", value
    if value >= 100:
        return "change_pct", value - 100  # 'imports amounted to 103.8%': a flow as an index
    return None, value


def _after_party_in_parentheses(figure: Mention, before: str, found: list[Mention]) -> bool:
    """'Switzerland (44%)': the figure opens a parenthesis right after a party's name."""
    if not regex.search(r"\(\s*$", before):
        return False
    name_end = figure.start - len(before) + len(before.rstrip()[:-1].rstrip())
    return any(m.kind == "party" and m.end == name_end for m in found)


def _respectively(
    figures: list[Mention], index: int, parties: list[Party], carry: Carry, facts: DocumentFacts, clean: str
) -> tuple[tuple[str, str | None], tuple[str, str | None]] | None:
    """'exports increased to Australia and Fiji by 9.0 per cent and 3.0 per cent respectively':
    the figures of a list closed by 'respectively' go, in order, to the names listed just
    before them; the reporter is the owner named in the sentence or the party carried."""
    group = [index]
    while group[0] > 0 and _LIST_GAP.fullmatch(clean, figures[group[0] - 1].end, figures[group[0]].start):
        group.insert(0, group[0] - 1)
    while group[-1] + 1 < len(figures) and _LIST_GAP.fullmatch(
        clean, figures[group[-1]].end, figures[group[-1] + 1].start
    ):
        group.append(group[-1] + 1)
    if len(group) < 2 or not _RESPECTIVELY.match(clean, figures[group[-1]].end):
        return None
    first = figures[group[0]]
    named = [p for p in parties if p.end <= first.start and not p.possessive and p.role != "owner"]
    listed = named[-len(group) :]
    if len(listed) < len(group) or len({p.code for p in listed}) < len(group):
        return None
    partner = listed[group.index(index)]
    owners = [p for p in parties if p.possessive or p.role in {"owner", "owner_of"}]
    reporter = owners[0].code if owners else carry.partner_for(partner.code, facts)
    if reporter is None or reporter in {p.code for p in listed}:
        return None
    region = owners[0].region if owners else carry.regions.get(reporter)
    return (reporter, region), (partner.code, partner.region)


_LIST_GAP = regex.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)")
_RESPECTIVELY = regex.compile(r"\s*,?\s*respectively\b", regex.IGNORECASE)


def _listed_pair(
    parties: list[Party], figure: Mention, carry: Carry, facts: DocumentFacts, sentence: Sentence
) -> tuple[tuple[str, str | None], tuple[str, str | None]] | None:
    """'the biggest destination is Switzerland (45%), followed by China (17.5%), Singapore (7%)':
    a figure in parentheses right after a name is that partner's; the reporter is the one whose
    trade it is, named as its owner ('Nigeria's import partners') or, where every name is one
    of the list, carried from before."""
    text, offset = sentence.text, sentence.start
    named = [p for p in parties if regex.fullmatch(r"\s*\(\s*", text[p.end - offset : figure.start - offset])]
    if named:
        partner = named[0]
        owners = [p for p in parties if p.code != partner.code and (p.possessive or p.role in {"owner", "owner_of"})]
        if owners:
            return (owners[0].code, owners[0].region), (partner.code, partner.region)
    listed = [p for p in parties if regex.match(r"\s*\(", text[p.end - offset :])]
    if len(listed) < 2 or any(p.role != "plain" or p.possessive for p in parties):
        return None  # no list, or a name with a role may be the reporter: the usual reading decides
    before = [p for p in parties if p.end <= figure.start]
    if not named and not before:
        return None
    partner = named[0] if named else before[-1]
    other = carry.partner_for(partner.code, facts)
    if other is None or other in {p.code for p in parties}:
        return None
    return (other, carry.regions.get(other)), (partner.code, partner.region)


def _parties(
    parties: list[Party],
    flow: str,
    figure: Mention,
    flow_cue: Mention | None,
    measure: str,
    carry: Carry,
    facts: DocumentFacts,
    found: list[Mention],
    sentence: Sentence,
) -> tuple[tuple[str, str | None], tuple[str, str | None]] | None:
    codes = list(dict.fromkeys(p.code for p in parties))
    listed = _listed_pair(parties, figure, carry, facts, sentence)
    if listed is not None:
        return listed
    partners = {"export": "dest", "import": "origin", "turnover": "with"}.get(flow)
    if len(codes) >= 2 and measure != "share_pct" and all(p.role == partners for p in parties):
        # 'exports to American Samoa almost doubled, while exports increased to Australia and
        # Fiji', 'trade with Brazil was worth R15.1bn and with Russia R2.9bn': every name is a
        # partner, so the reporter is the article's own party; a figure's partner is named
        # before it
        before = [p for p in parties if p.end <= figure.start]
        nearest = before[-1] if before else min(parties, key=lambda p: abs(p.start - figure.start))
        other = carry.partner_for(nearest.code, facts)
        if other is not None and other not in codes:
            return (other, carry.regions.get(other)), (nearest.code, nearest.region)
    if len(codes) >= 2:
        if measure == "share_pct":
            chosen = share_pair(parties, figure.start, figure.end, sentence.text, sentence.start) or choose_pair(
                parties, flow, figure.start, None
            )
        else:
            chosen = choose_pair(parties, flow, figure.start, flow_cue.start if flow_cue else None, facts.home)
        if chosen is None:
            return None
        a, b = chosen
        return (a.code, a.region), (b.code, b.region)
    if len(codes) == 1:
        party = parties[0]
        if _one_party(found, figure, flow_cue, sentence) and party.role not in {"with", "dest", "origin", "between"}:
            return None
        stretch = (max(0, party.start - 40 - sentence.start), figure.start - sentence.start)
        if party.role in {"owner", "owner_of"} and _world_trade().search(sentence.text, *stretch):
            return None  # 'Azerbaijan's foreign trade turnover', 'the foreign trade of Uzbekistan'
        if _unnamed_partner(flow_cue, figure, sentence, parties):
            return None  # 'Uzbekistan's trade with neighbouring countries'
        if party.role in {"owner", "owner_of", "plain"} and any(
            _names_no_party(c, sentence) for c in _cues(found, "flow:")
        ):
            return None  # 'EU exports to third countries fell by 2.3%, while imports grew by 2.9%'
        partner_role = party.role in {"with", "dest", "origin"} and carry.pair_paragraph == sentence.paragraph
        other = carry.partner_for(party.code, facts, keep_reporter=partner_role)
        if other is None:
            return None
        own = (party.code, party.region)
        theirs = (other, carry.regions.get(other))
        if flow == "export" and party.role == "dest":
            return theirs, own
        if flow == "import" and party.role == "origin":
            return theirs, own
        if measure == "share_pct" and party.role == "owner_of" and not party.possessive:
            return theirs, own
        if party.role == "with":
            return theirs, own  # 'the region's trade turnover with Kyrgyzstan'
        if party.partner_elsewhere and other == facts.home:
            return theirs, own  # 'imports from South Africa were $1.49bn against exports of $1.34bn'
        return own, theirs
    if carry.pair is None or carry.world_sentence == sentence.index - 1:
        return None  # 'Globally, the deficit stood at $1.8 billion. Imports were $4.6 billion …'
    if _one_party(found, figure, flow_cue, sentence) or _unnamed_partner(flow_cue, figure, sentence, parties):
        return None
    if not parties and any(_names_no_party(c, sentence) for c in _cues(found, "flow:")):
        return None  # 'EU exports to third countries fell by 2.3%, while imports grew by 2.9%'

    first, second = carry.pair
    return (first, carry.regions.get(first)), (second, carry.regions.get(second))


@functools.cache
def _unnamed_partner_pattern() -> regex.Pattern[str]:
    return compile_ci(
        rf"\W{{0,2}}(?:\w+\s+){{0,2}}?{words('unnamed_partner_preposition')}\s+"
        rf"(?:{words('unnamed_partner_determiner')}\s+)?(?:[\w-]+\s+){{0,3}}?{words('unnamed_partner_noun')}\b"
    )


def _unnamed_partner(flow_cue: Mention | None, figure: Mention, sentence: Sentence, parties: list[Party]) -> bool:
    """The flow names a partner that is no party: 'trade with neighbouring countries', 'exports
    to the world', 'imports from third countries'."""
    if flow_cue is None:
        return False
    local = flow_cue.end - sentence.start
    stretch = sentence.text[local : local + 60]
    match = _unnamed_partner_pattern().match(stretch)
    if match is None or any(flow_cue.end <= p.start < flow_cue.end + match.end() for p in parties):
        return False
    return flow_cue.end + match.end() <= figure.start or figure.start < flow_cue.start


def _names_no_party(flow_cue: Mention, sentence: Sentence) -> bool:
    """The flow names a partner that is no party ('exports to third countries')."""
    local = flow_cue.end - sentence.start
    return _unnamed_partner_pattern().match(sentence.text[local : local + 60]) is not None


def _one_party(found: list[Mention], figure: Mention, flow_cue: Mention | None, sentence: Sentence) -> bool:
    """A one-party total ('total exports', 'foreign trade turnover') governs this figure: it is
    the figure's own flow cue, stands between that cue and the figure, follows the figure at
    once ('exports grew by 29.8% globally') or heads the sentence ('Globally, the country's
    trade deficit …')."""
    if _cues(found, "pair"):
        return False
    low = flow_cue.start if flow_cue else figure.start - 80
    return any(
        (low <= c.end and c.start <= figure.start)
        or (flow_cue is not None and c.start <= flow_cue.start < c.end)
        or 0 <= c.start - figure.end <= 2
        or (c.start == sentence.start and sentence.text[c.end - sentence.start : c.end - sentence.start + 1] == ",")
        for c in _cues(found, "one_party")
    )


def _is_deficit(before: str, found: list[Mention], figure: Mention) -> bool:
    balance = [c for c in _cues(found, "flow:balance") if abs(c.start - figure.start) < 120]
    words = " ".join(c.text.lower() for c in balance)
    return "deficit" in words or bool(regex.search(r"\bnegative\b", before[-60:], regex.IGNORECASE))


def _figure_status(found: list[Mention], figures: list[Mention], index: int, sentence: Sentence, clean: str) -> Status:
    """The status cues between the previous figure and the next one; with none, a figure that
    continues the previous one without a verb of fact ('… set the target of $500 mln a year,
    eventually to reach $1 bn') keeps its status."""
    window_start = figures[index - 1].end if index else sentence.start
    window_end = figures[index + 1].start if index + 1 < len(figures) else sentence.end
    if index + 1 < len(figures) and _stated(figures, index, sentence, clean):
        # 'signed contracts worth $1.3 billion, and are planning to increase this to $2 billion':
        # a stated fact; the plan after it is the next figure's
        window_end = figures[index].end
    if _compared().search(clean, window_start, figures[index].start):
        return "actual"  # '… to reach $8 billion in 2025, compared to $6.6 billion in 2023'
    if _starting_level(figures, index, sentence, clean):
        return "actual"  # 'expected to increase trade from $25 billion in 2023 to $30 billion'
    if index and _starting_level(figures, index - 1, sentence, clean):
        # the verb before 'from X' sets the status of the 'to Y' it governs
        window_start = figures[index - 2].end if index > 1 else sentence.start
    status = _status(found, window_start, window_end, figures[index], clean)
    if status == "actual" and index and not _actual_verb().search(clean, window_start, figures[index].start):
        return _figure_status(found, figures, index - 1, sentence, clean)
    return status


def _stated(figures: list[Mention], index: int, sentence: Sentence, clean: str) -> bool:
    """A verb of fact governs the figure: before it since the previous figure, or before the
    previous figure when this one only follows it with 'to' ('grew 18.5 percent to $1.4 billion')."""
    start = figures[index - 1].end if index else sentence.start
    if _actual_verb().search(clean, start, figures[index].start):
        return True
    return (
        bool(index)
        and bool(_JUST_TO.fullmatch(clean, start, figures[index].start))
        and _stated(figures, index - 1, sentence, clean)
    )


_JUST_TO = regex.compile(r"\s*,?\s*to\s+", regex.IGNORECASE)


def _starting_level(figures: list[Mention], index: int, sentence: Sentence, clean: str) -> bool:
    """The first of 'from X … to Y' (two levels of one kind) is where the change starts: a fact,
    whatever target or forecast the sentence sets for Y."""
    figure = figures[index]
    if index + 1 >= len(figures) or figures[index + 1].kind != figure.kind:
        return False
    if not _from_level().search(clean, max(sentence.start, figure.start - 12), figure.start):
        return False
    return _to_next_level().match(clean, figure.end, figures[index + 1].start) is not None


def _status(found: list[Mention], window_start: int, window_end: int, figure: Mention, clean: str) -> Status:
    """Target and forecast cues in the figure's window, unless a verb of fact stands between the
    cue and the figure ('… made it possible to achieve good results: trade increased by 20%')."""
    status = [
        c
        for c in _cues(found, "status:")
        if window_start <= c.start
        and c.end <= window_end
        and not (c.end <= figure.start and _actual_verb().search(clean, c.end, figure.start))
    ]
    forecasts = [c for c in status if c.code == "status:forecast"]
    # 'is expected to increase': the forecast verb governs the 'to' of the target cue
    status = [
        c for c in status if not (c.code == "status:target" and any(0 <= c.start - f.end <= 1 for f in forecasts))
    ]
    codes = {c.code for c in status}
    if "status:target" in codes:
        return "target"
    if "status:forecast" in codes:
        return "forecast"
    horizon = [
        m
        for m in found
        if m.kind == "period"
        and m.rule == "period.horizon"
        and m.text.lower().startswith("by")
        and window_start <= m.start <= window_end
        and not (
            figure.kind == "percent"
            and m.start >= figure.end
            and regex.fullmatch(r"[\s%]*", clean[figure.end : m.start])
        )  # '146% by 2020'
    ]
    return "target" if horizon else "actual"


def _index_base(figure: Mention, horizon: Mention, clean: str) -> bool:
    """'146% by 2020' compares with 2020; it sets no target."""
    return (
        figure.kind == "percent"
        and horizon.start >= figure.end
        and bool(regex.fullmatch(r"[\s%]*", clean[figure.end : horizon.start]))
    )


def _qualifier(figure: Mention, clean: str, sentence_start: int) -> Qualifier:
    qualifier = figure.qualifier
    if qualifier == "le" and figure.text.lower().startswith("up to"):
        head = clean[max(sentence_start, figure.start - 80) : figure.start]
        if _up_to_after_change().search(head):
            return "eq"
    return qualifier


def _holds_flow(parties: list[Party], flows: list[Mention]) -> bool:
    """The sentence's only party is the subject or owner of a directed flow named after it, and
    never stands after a preposition ('supplied to Armenia', 'a forum in Yerevan')."""
    directed = [c for c in flows if c.code in {"flow:balance", "flow:export", "flow:import"}]
    subject = all(p.role == "owner" or (p.role == "plain" and not p.word) for p in parties)
    return subject and any(parties[0].end <= c.start for c in directed)


def _update_carry(
    carry: Carry,
    sentence: Sentence,
    found: list[Mention],
    parties: list[Party],
    flows: list[Mention],
    rows: list[Observation],
    facts: DocumentFacts,
) -> None:
    codes = list(dict.fromkeys(p.code for p in parties))
    # 'Canada's world trade deficit expands': a party's world total starts no pair
    world = bool(_world_trade().search(sentence.text) or _cues(found, "one_party"))
    for party in parties:
        if party.region:
            carry.regions[party.code] = party.region
    figures = any(m.kind in FIGURE_KINDS for m in found)
    if world and figures and not rows and not codes:
        carry.world_sentence = sentence.index
    if rows:
        carry.pair = (rows[-1].reporter, rows[-1].partner)
        carry.pair_paragraph = sentence.paragraph
        carry.regions = {
            rows[-1].reporter: rows[-1].reporter_region or "",
            rows[-1].partner: rows[-1].partner_region or "",
        }
        carry.regions = {k: v for k, v in carry.regions.items() if v}
    elif len(codes) == 2 and (flows or _cues(found, "pair")):
        carry.pair = (codes[0], codes[1])
        carry.pair_paragraph = sentence.paragraph
    elif len(codes) == 1 and (carry.pair is None or codes[0] not in carry.pair) and flows and not world:
        other = carry.partner_for(codes[0], facts)
        if other:
            roles = {p.role for p in parties}
            partner = bool(roles & {"dest", "origin", "with"}) or (other == facts.home and not roles & {"owner"})
            carry.pair = (other, codes[0]) if partner else (codes[0], other)  # 'exports to Azerbaijan'
            carry.pair_paragraph = sentence.paragraph
    elif len(codes) == 1 and carry.pair and flows and _holds_flow(parties, flows):
        # 'China has had a deficit every year': the next figures are China's
        other = carry.pair[0] if carry.pair[1] == codes[0] else carry.pair[1]
        carry.pair = (codes[0], other)
    if flows:
        balance = [c.text.lower() for c in flows if c.code == "flow:balance"]
        if balance:
            carry.deficit = any("deficit" in word for word in balance) and not any("surplus" in w for w in balance)
        carry.flow = flows[-1].code.split(":", 1)[1] if flows[-1].code else None
        carry.flow_sentence = sentence.index
        carry.flow_paragraph = sentence.paragraph
    periods = [
        m for m in found if m.kind == "period" and m.period and not (m.tags & {"base", "since", "horizon", "day"})
    ]
    # a period dates the statistics that follow when it dated a row, or stood in a sentence with
    # no figure and no plan ('we have planned to work on this market in 2025' dates nothing)
    plain = not any(m.kind in FIGURE_KINDS for m in found) and not _cues(found, "status:")
    # what a statement is about comes first, a base after it ('to N113 billion in Q1'24 from
    # N42 billion in Q1'23'), and a row says it outright
    stated = [r.period for r in rows if r.period and r.status == "actual"] or [m.period for m in periods if m.period]
    if stated and not _cues(found, "status:"):
        carry.review_period = stated[0]
    if periods and (rows or plain):
        carry.period = periods[-1].period
        carry.period_paragraph = sentence.paragraph
        carry.period_sentence = sentence.index
