"""Word alternations written as tries, because ``regex`` tries every branch of a flat
alternation at every position: under IGNORECASE, the 180 ISO codes alone cost a second
on a book, the same codes as a trie a fifth of that.

The trie matches exactly what the flat alternation matches, in the same order of
preference. A flat alternation ordered longest first tries, at a position, every phrase
that matches there from the longest down; all of those are prefixes of the same text, so
they form a chain. The trie tries a node's longer continuations before ending at the node,
so it walks the same chain in the same order: the same match, and the same backtracking
when what follows fails.

Phrases are cut into tokens: characters, a whitespace run (``space``, between words: phrases
must be words separated by single spaces, else the flat alternation is used) and a
trailing wildcard (``*`` in cue lists: any word ending). A wildcard can match nothing, so it
is tried after every literal continuation of its node and before the node's own end, as
in a flat list it ranks after the longer phrases it would otherwise cut short.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path

import regex

_SPACE = object()  # whitespace between the words of a phrase
_WILD = object()  # '*': any word ending
_END = object()  # a phrase ends here

Node = dict[object, "Node"]


def _tokens(phrase: str, fold: bool, wildcard: bool) -> list[object]:
    tokens: list[object] = []
    body = phrase[:-1] if wildcard and phrase.endswith("*") else phrase
    for char in body:
        if char == " ":
            tokens.append(_SPACE)
        elif fold and len(char.lower()) == 1:
            tokens.append(char.lower())
        else:
            tokens.append(char)
    if body is not phrase:
        tokens.append(_WILD)
    return tokens


def trie_pattern(phrases: Iterable[str], *, fold: bool = True, space: str = r"\s+", wildcard: bool = False) -> str:
    """A non-capturing group matching any of ``phrases`` as a longest-first alternation would.

    ``fold``: the pattern will run under IGNORECASE, so 'Rs' and 'RS' share a branch.
    ``space``: the pattern for a space inside a phrase. ``wildcard``: a trailing ``*`` is
    ``\\w*``.

    Building a trie of every party name takes tens of milliseconds, a large part of a
    short article's run; the result is kept with the compiled patterns (``compiled.cached``).
    """
    from tradefig import compiled

    ordered = sorted(set(phrases))
    if space != " " and any(p != " ".join(p.split()) for p in ordered):
        return _flat(ordered, space, wildcard)  # see below: a trie needs single spaces
    key: list[str | bytes] = [_source(), repr(ordered), repr((fold, space, wildcard))]
    return compiled.cached("trie", key, lambda: _build(ordered, fold, space, wildcard))


@functools.cache
def _source() -> bytes:
    return Path(__file__).read_bytes()


def _flat(phrases: list[str], space: str, wildcard: bool) -> str:
    """The flat alternation, for phrases with leading, trailing or repeated whitespace: two
    whitespace runs in a row ('-  A') can split one run of the text in several ways, so the
    matches at a position no longer form a chain and a trie would stop at the shorter one."""
    parts = []
    for phrase in sorted(phrases, key=lambda w: (-len(w), w)):
        star = wildcard and phrase.endswith("*")
        body = regex.escape(phrase[:-1] if star else phrase).replace(r"\ ", space)
        parts.append(body + (r"\w*" if star else ""))
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"


def _build(phrases: list[str], fold: bool, space: str, wildcard: bool) -> str:
    root: Node = {}
    for phrase in phrases:
        if not phrase:
            continue
        node = root
        for token in _tokens(phrase, fold, wildcard):
            node = node.setdefault(token, {})
        node[_END] = {}
    if not root:
        return "(?!)"
    return f"(?:{_emit(root, space)})"


def _emit(node: Node, space: str) -> str:
    chars = sorted(k for k in node if isinstance(k, str))
    branches = [regex.escape(char) + _emit(node[char], space) for char in chars]
    if _SPACE in node:
        branches.append(space + _emit(node[_SPACE], space))
    if _WILD in node:
        branches.append(r"\w*" + _emit(node[_WILD], space))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END in node:
        return f"(?:{body})?"
    return body
