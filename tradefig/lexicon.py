"""Vocabularies, loaded and checked once, explicitly (``load_lexicon()``), never at import.

The YAML files under ``data/en`` are the single place where words live; this module turns
them into lookup tables and compiled patterns. ISO lists come from pycountry.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from typing import Any

from tradefig.errors import DataFileError
from tradefig.trie import trie_pattern


@dataclass(frozen=True, slots=True)
class PartyName:
    code: str
    region: str | None
    rule: str  # party.name, party.adjective, party.capital, party.bloc, party.region …


@dataclass(frozen=True)
class Lexicon:
    units: dict[str, int]
    scales: dict[str, Decimal]
    case_scales: dict[str, Decimal]
    fractions: dict[str, Decimal]
    currency_symbols: dict[str, str]
    currency_names: dict[str, str]
    currency_before_number: frozenset[str]
    currency_prefix_only: frozenset[str]
    currency_subunits: dict[str, Decimal]
    code_scales: dict[str, Decimal]
    iso_currencies: frozenset[str]
    months: dict[str, int]
    ordinals: dict[str, int]
    counts: dict[str, int]
    relative_years: dict[str, int]
    fiscal_year_start: dict[str, int]
    duration_words: frozenset[str]
    under_review: list[str]
    flows: dict[str, list[str]]
    out_of_scope: list[str]
    pair_context: list[str]
    one_party: list[str]
    not_flows: list[str]
    home_dollars: dict[str, str]
    home_shillings: dict[str, str]
    status: dict[str, list[str]]
    change: dict[str, list[str]]
    share: list[str]
    qualifiers: dict[str, list[str]]
    parties: dict[str, PartyName]
    union_blocs: frozenset[str]
    region_words: list[str]
    anaphor_nouns: list[str]
    title_anaphors: dict[str, list[str]]
    not_parties: list[str]
    furniture: list[str]
    assembly: dict[str, list[str]]


_FILES = (
    "numbers.yaml",
    "currencies.yaml",
    "periods.yaml",
    "cues.yaml",
    "parties.yaml",
    "furniture.yaml",
    "assembly.yaml",
)


def _read(name: str) -> dict[str, Any]:
    import yaml  # only when the cached lexicon is missing or stale

    path = f"data/en/{name}"
    try:
        text = resources.files("tradefig").joinpath(path).read_text(encoding="utf-8")
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise DataFileError(path, mark.line + 1 if mark else None, str(error)) from error
    except OSError as error:
        raise DataFileError(path, None, f"cannot read: {error}") from error
    if not isinstance(data, dict):
        raise DataFileError(path, None, "expected a mapping at the top level")
    return data


def _decimal_map(data: dict[str, Any], path: str) -> dict[str, Decimal]:
    try:
        return {str(k).lower(): Decimal(str(v)) for k, v in (data or {}).items()}
    except ArithmeticError as error:
        raise DataFileError(path, None, f"not a number: {error}") from error


@functools.cache
def load_lexicon() -> Lexicon:
    """Read every vocabulary file once per process; reuse the last process's result while the
    data files, this module and pycountry are unchanged."""
    from tradefig.compiled import cached

    return cached("lexicon", _sources(), _build_lexicon)


def _sources() -> list[str | bytes]:
    """What the lexicon is built from: the data files, this code, the pycountry install."""
    import importlib.util
    from pathlib import Path

    package = resources.files("tradefig")
    sources: list[str | bytes] = [package.joinpath(f"data/en/{name}").read_bytes() for name in _FILES]
    sources.append(package.joinpath("lexicon.py").read_bytes())
    spec = importlib.util.find_spec("pycountry")
    origin = spec.origin if spec is not None and spec.origin else ""
    stamp = Path(origin).stat().st_mtime_ns if origin else 0
    sources.append(f"{origin}|{stamp}")
    return sources


def _build_lexicon() -> Lexicon:
    numbers = _read("numbers.yaml")
    currencies = _read("currencies.yaml")
    periods = _read("periods.yaml")
    cues = _read("cues.yaml")
    parties = _read("parties.yaml")
    furniture = _read("furniture.yaml")
    assembly = _read("assembly.yaml")
    import pycountry

    iso = frozenset(c.alpha_3 for c in pycountry.currencies) | {str(c) for c in currencies.get("codes") or []}
    party_names, union = _party_names(parties, pycountry)
    currency_names = _iso_currency_names(currencies, parties, party_names, pycountry)
    currency_names.update((str(k).lower(), str(v)) for k, v in currencies["names"].items())
    return Lexicon(
        units={str(k).lower(): int(v) for k, v in numbers["units"].items()},
        scales=_decimal_map(numbers["scales"], "numbers.yaml"),
        case_scales={str(k): Decimal(str(v)) for k, v in numbers["case_sensitive_scales"].items()},
        fractions=_decimal_map(numbers["fractions"], "numbers.yaml"),
        currency_symbols={str(k): str(v) for k, v in currencies["symbols"].items()},
        currency_names=currency_names,
        currency_before_number=frozenset(str(w).lower() for w in currencies.get("before_number") or []),
        currency_prefix_only=frozenset(str(w) for w in currencies.get("prefix_only") or []),
        currency_subunits=_decimal_map(currencies.get("subunits") or {}, "currencies.yaml"),
        code_scales={str(k): Decimal(str(v)) for k, v in (currencies.get("scaled_codes") or {}).items()},
        iso_currencies=iso,
        months={str(k).lower(): int(v) for k, v in periods["months"].items()},
        ordinals={str(k).lower(): int(v) for k, v in periods["ordinals"].items()},
        counts={str(k).lower(): int(v) for k, v in periods["counts"].items()},
        relative_years={str(k).lower(): int(v) for k, v in periods["relative"].items()},
        fiscal_year_start={str(k): int(v) for k, v in periods["fiscal_year_start"].items()},
        duration_words=frozenset(str(w).lower() for w in periods.get("duration_words") or []),
        under_review=[str(w) for w in periods.get("under_review") or []],
        flows={str(k): [str(w) for w in v] for k, v in cues["flows"].items()},
        out_of_scope=[str(w) for w in cues["out_of_scope"]],
        pair_context=[str(w) for w in cues["pair_context"]],
        one_party=[str(w) for w in cues["one_party"]],
        not_flows=[str(w) for w in cues.get("not_flows") or []],
        home_dollars={str(k): str(v) for k, v in (currencies.get("home_dollars") or {}).items()},
        home_shillings={str(k): str(v) for k, v in (currencies.get("home_shillings") or {}).items()},
        status={str(k): [str(w) for w in v] for k, v in cues["status"].items()},
        change={str(k): [str(w) for w in v] for k, v in cues["change"].items()},
        share=[str(w) for w in cues["share"]],
        qualifiers={str(k): [str(w) for w in v] for k, v in cues["qualifiers"].items()},
        parties=party_names,
        union_blocs=union,
        region_words=[str(w) for w in parties["region_words"]],
        anaphor_nouns=[str(w) for w in parties.get("anaphor_nouns") or []],
        title_anaphors={str(k): [str(c) for c in v] for k, v in (parties.get("title_anaphors") or {}).items()},
        not_parties=[str(w) for w in parties["not_parties"]],
        furniture=[str(w) for w in furniture["lines"]],
        assembly={str(k): _word_list(v, str(k), "assembly.yaml") for k, v in assembly.items()},
    )


def _word_list(value: Any, key: str, path: str) -> list[str]:
    """A non-empty list of words; YAML reads an unquoted 'on' or 'no' as a boolean, so say so."""
    if not isinstance(value, list) or not value or not all(isinstance(w, str) and w for w in value):
        raise DataFileError(f"data/en/{path}", None, f"{key}: expected a non-empty list of words (quote 'on', 'no' …)")
    return [str(w) for w in value]


def _iso_currency_names(
    currencies: dict[str, Any], parties: dict[str, Any], party_names: dict[str, PartyName], pycountry: Any
) -> dict[str, str]:
    """ISO 4217's names as news writes them: 'Fiji Dollar' gives 'fiji dollars' and, through
    the country's adjectives, 'fijian dollars' (see ``iso_name_units`` in currencies.yaml)."""
    units = {
        str(unit).lower(): [str(unit).lower(), *(str(w).lower() for w in plurals or [])]
        for unit, plurals in (currencies.get("iso_name_units") or {}).items()
    }
    adjectives = {
        str(code): [str(a) for a in (entry or {}).get("adjectives", []) or []]
        for code, entry in (parties.get("countries") or {}).items()
    }
    names: dict[str, str] = {}
    for currency in sorted(pycountry.currencies, key=lambda c: c.alpha_3):
        *qualifier, unit = currency.name.split()
        if not qualifier or unit.lower() not in units:
            continue
        written = " ".join(qualifier)
        forms = [written]
        party = party_names.get(written.removeprefix("New "))
        if party is not None and party.region is None and party.rule in {"party.name", "party.adjective"}:
            forms += adjectives.get(party.code, [])
        for form in forms:
            for word in units[unit.lower()]:
                names.setdefault(f"{form} {word}".lower(), currency.alpha_3)
    return names


def _party_names(data: dict[str, Any], pycountry: Any) -> tuple[dict[str, PartyName], frozenset[str]]:
    names: dict[str, PartyName] = {}

    def add(name: str, party: PartyName) -> None:
        name = name.strip()
        if name and name not in names:
            names[name] = party

    capitals: set[str] = set()
    for code, entry in (data.get("countries") or {}).items():
        entry = entry or {}
        for name in entry.get("names", []) or []:
            add(str(name), PartyName(code, None, "party.name"))
        for capital in entry.get("capitals", []) or []:
            capitals.add(str(capital))
            add(str(capital), PartyName(code, None, "party.capital"))
    for country in pycountry.countries:
        for attribute in ("common_name", "name", "official_name"):
            value = getattr(country, attribute, None)
            if value and "," not in value:
                add(value, PartyName(country.alpha_3, None, "party.name"))
                if value.startswith("Republic of "):
                    add(
                        value.removeprefix("Republic of "),
                        PartyName(country.alpha_3, None, "party.name"),
                    )
    for code, entry in (data.get("countries") or {}).items():
        for adjective in map(str, (entry or {}).get("adjectives", []) or []):
            add(adjective, PartyName(code, None, "party.adjective"))
            # The people name the country too: 'Australians travelling to New Zealand spent …'.
            # Only the regular '-an' plurals: 'Kenyans', 'Germans'; not 'Chinese', 'Swiss'.
            if adjective.endswith("an") and " " not in adjective:
                add(f"{adjective}s", PartyName(code, None, "party.name"))
    union: set[str] = set()
    for code, entry in (data.get("blocs") or {}).items():
        entry = entry or {}
        for name in entry.get("names", []) or []:
            add(str(name), PartyName(code, None, "party.bloc"))
        for adjective in entry.get("adjectives", []) or []:
            add(str(adjective), PartyName(code, None, "party.bloc_adjective"))
        if entry.get("the_union"):
            union.add(str(code))
    for region, aliases in (data.get("regions") or {}).items():
        country = pycountry.countries.get(alpha_2=str(region).split("-")[0])
        if country is None:
            raise DataFileError("data/en/parties.yaml", None, f"unknown region code {region}")
        for alias in aliases:
            alias = str(alias)
            rule = "party.region_city" if alias in capitals else "party.region"
            if alias in capitals:
                names[f"{alias} region"] = PartyName(country.alpha_3, str(region), "party.region")
                names[f"{alias} oblast"] = PartyName(country.alpha_3, str(region), "party.region")
                continue
            add(alias, PartyName(country.alpha_3, str(region), rule))
    return names, frozenset(union)


def word_pattern(words: list[str]) -> str:
    """Alternation for cue words: whole words, `*` = any word ending, longest first, any
    whitespace between words (a trie: see ``tradefig.trie``). A word written with a straight
    apostrophe also matches the typographic one ('the country’s exports'): web text uses both."""
    spelled = [*words, *(w.replace("'", "’") for w in words if "'" in w)]
    # before a word character '\b' says what '(?<![\w])' says, and regex searches for it a
    # third faster: the cue patterns run over every sentence
    start = r"\b" if all(w[:1].isalpha() or w[:1].isdecimal() for w in spelled) else r"(?<![\w])"
    return start + trie_pattern(spelled, wildcard=True) + r"(?![\w])"
