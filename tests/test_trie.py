"""The trie form of an alternation matches exactly what the flat, longest-first form matches,
including where the pattern around it backtracks into it."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from tradefig.trie import trie_pattern


def flat(words: list[str], *, space: str = r"\s+", wildcard: bool = False) -> str:
    """The alternation the trie replaces: longest first, ties in text order."""
    parts = []
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        star = wildcard and word.endswith("*")
        body = regex.escape(word[:-1] if star else word).replace(r"\ ", space)
        parts.append(body + (r"\w*" if star else ""))
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"


ALPHABET = "abAB $.-"
words = st.lists(st.text(alphabet=ALPHABET, min_size=1, max_size=5), min_size=1, max_size=8)
texts = st.text(alphabet=ALPHABET + "c1", max_size=40)


def spans(pattern: str, text: str, flags: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group("w")) for m in regex.finditer(pattern, text, flags)]


@settings(max_examples=400, deadline=None)
@given(words, texts, st.sampled_from(["", r"(?![\w])", r"b", r"\s*a"]), st.booleans())
def test_trie_matches_the_flat_alternation(phrases: list[str], text: str, after: str, fold: bool) -> None:
    """Same matches, followed by contexts that make the engine backtrack into the group."""
    flags = regex.IGNORECASE | regex.VERSION1 if fold else regex.VERSION1
    ours = rf"(?P<w>{trie_pattern(phrases, fold=fold)}){after}"
    theirs = rf"(?P<w>{flat(phrases)}){after}"
    assert spans(ours, text, flags) == spans(theirs, text, flags)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="ab -", min_size=1, max_size=5).map(lambda w: w + "*"), max_size=4), words, texts)
def test_wildcards_match_as_in_a_flat_cue_list(starred: list[str], plain: list[str], text: str) -> None:
    phrases = [*starred, *plain]
    ours = rf"(?<![\w])(?P<w>{trie_pattern(phrases, wildcard=True)})(?![\w])"
    theirs = rf"(?<![\w])(?P<w>{flat(phrases, wildcard=True)})(?![\w])"
    flags = regex.IGNORECASE | regex.VERSION1
    assert spans(ours, text, flags) == spans(theirs, text, flags)


def test_literal_spaces_stay_literal() -> None:
    pattern = trie_pattern(["a  b", "a b"], space=" ")
    assert regex.fullmatch(pattern, "a  b")
    assert regex.fullmatch(pattern, "a b")
    assert not regex.fullmatch(pattern, "a   b")


def test_an_empty_list_matches_nothing() -> None:
    assert regex.search(trie_pattern([]), "anything") is None
