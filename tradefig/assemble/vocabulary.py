"""The assembler's word lists (data/en/assembly.yaml) as pattern pieces: one place for the
observations, roles and periods modules, which each build their patterns once from them."""

from __future__ import annotations

import functools

import regex

from tradefig.lexicon import load_lexicon
from tradefig.recognizers.grammar import phrases


def words(name: str) -> str:
    """One word list of data/en/assembly.yaml as an alternation, longest first."""
    return phrases(load_lexicon().assembly[name])


@functools.cache
def word_set(name: str) -> frozenset[str]:
    """One word list as a set, for testing a word already found ('from', 'destined for')."""
    return frozenset(load_lexicon().assembly[name])


def compile_ci(pattern: str) -> regex.Pattern[str]:
    """The assembler's patterns all ignore case."""
    return regex.compile(pattern, regex.IGNORECASE)
